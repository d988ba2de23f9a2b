//! A publisher world: three root keys (2 of 3), a release key, editors with scopes, and a
//! channel held in memory that tests can tamper with.

use scanwise_channel::client::{FetchError, Fetcher};
use scanwise_channel::keys::Keypair;
use scanwise_channel::metadata::{Editor, RoleKeys, Root};
use scanwise_channel::release::{self, ChannelState, ReleaseFiles};
use scanwise_channel::{envelope, layout};
use scanwise_core::model::Pack;
use scanwise_device::Device;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CHANNEL: &str = "stable";
/// 2026-11-28T00:00:00Z
pub const NOW: i64 = 1_795_824_000;
pub const YEAR: i64 = 365 * 24 * 3600;

pub fn key(n: u8) -> Keypair {
    Keypair::from_seed([n; 32])
}

/// A module pack; `rev` changes its text so a new release has a changed unit.
pub fn module(id: &str, lang: &str, rev: u32) -> Pack {
    serde_json::from_value(serde_json::json!({
        "kind": "module", "format": 1, "id": id, "lang": lang,
        "title": format!("{id} ({lang})"), "summary": format!("Summary rev {rev}"),
        "areas": ["general"], "order": 10, "minutes": 3,
        "sections": [{"anchor": "intro", "heading": "Intro",
                      "html": format!("<p>Text {id} {lang} rev {rev}</p>"),
                      "text": format!("Text {id} {lang} rev {rev} ").repeat(20)}],
        "key_points": ["One point."], "myth_or_fact": [], "references": [], "questions": [],
        "review": {"state": "draft", "reviewer": null, "reviewed_on": null, "next_review": null},
        "translation": null, "content_hash": format!("{rev:064x}")
    }))
    .expect("fixture pack")
}

pub fn packs(rev: u32) -> Vec<Pack> {
    vec![
        module("do-i-need-a-scan", "en", 1),
        module("radiation", "en", rev),
        module("when-a-scan-is-needed", "en", 1),
        module("when-a-scan-is-needed", "nb", 1),
    ]
}

/// An in-memory static channel: path → bytes.
#[derive(Default, Clone)]
pub struct MemChannel {
    pub files: RefCell<BTreeMap<String, Vec<u8>>>,
}

impl MemChannel {
    pub fn put(&self, path: &str, bytes: Vec<u8>) {
        self.files.borrow_mut().insert(path.to_owned(), bytes);
    }
    pub fn get(&self, path: &str) -> Vec<u8> {
        self.files.borrow()[path].clone()
    }
    pub fn write_release(&self, files: &ReleaseFiles) {
        for (p, b) in &files.files {
            self.put(p, b.clone());
        }
    }
    pub fn write_dir(&self, dir: &Path) {
        let d = release::ChannelDir::new(dir);
        for (p, b) in self.files.borrow().iter() {
            d.write(p, b).unwrap();
        }
    }
}

impl Fetcher for MemChannel {
    fn fetch(&self, path: &str, max_len: u64) -> Result<Option<Vec<u8>>, FetchError> {
        match self.files.borrow().get(path) {
            None => Ok(None),
            Some(b) if b.len() as u64 > max_len => Err(FetchError::TooLarge {
                path: path.into(),
                max: max_len,
            }),
            Some(b) => Ok(Some(b.clone())),
        }
    }
}

pub struct World {
    pub roots: [Keypair; 3],
    pub release: Keypair,
    /// Scope: every unit, every language.
    pub author: Keypair,
    /// Scope: every unit, every language (the clinical reviewer).
    pub reviewer: Keypair,
    /// Scope: only Norwegian.
    pub translator_nb: Keypair,
    pub root: Root,
    pub root_bytes: Vec<u8>,
    pub channel: MemChannel,
    pub now: i64,
}

pub fn editor(name: &str, k: &Keypair, languages: &[&str]) -> Editor {
    Editor {
        name: name.into(),
        keyid: k.key_id(),
        languages: languages.iter().map(|s| s.to_string()).collect(),
        units: vec!["*".into()],
    }
}

impl World {
    pub fn new() -> World {
        let roots = [key(1), key(2), key(3)];
        let (release, author, reviewer, translator_nb) = (key(10), key(20), key(21), key(22));
        let mut keys = BTreeMap::new();
        for k in roots
            .iter()
            .chain([&release, &author, &reviewer, &translator_nb])
        {
            keys.insert(k.key_id(), k.public());
        }
        let root = Root {
            channel: CHANNEL.into(),
            version: 1,
            expires: NOW + 5 * YEAR,
            keys,
            root: RoleKeys {
                keyids: roots.iter().map(|k| k.key_id()).collect(),
                threshold: 2,
            },
            release: RoleKeys {
                keyids: vec![release.key_id()],
                threshold: 1,
            },
            editors: vec![
                editor("Author", &author, &["*"]),
                editor("Reviewer", &reviewer, &["*"]),
                editor("Translator", &translator_nb, &["nb"]),
            ],
            unit_thresholds: [("when-a-scan-is-needed".to_string(), 2)].into(),
        };
        let root_bytes = release::sign_root(&root, &[&roots[0], &roots[1]]).unwrap();
        let channel = MemChannel::default();
        channel.put(&layout::root_path(CHANNEL, 1), root_bytes.clone());
        let mut w = World {
            roots,
            release,
            author,
            reviewer,
            translator_nb,
            root,
            root_bytes,
            channel,
            now: NOW,
        };
        w.publish(&packs(1));
        w
    }

    pub fn state(&self) -> ChannelState {
        ChannelState::read(&self.root, |p| {
            Ok(self.channel.files.borrow().get(p).cloned())
        })
        .unwrap()
    }

    /// Publish a full set of packs as the next release, an hour later.
    pub fn publish(&mut self, packs: &[Pack]) -> ReleaseFiles {
        self.now += 3600;
        let units: Vec<_> = packs.iter().map(scanwise_device::unit_json).collect();
        let files = release::release_units(
            &self.root,
            &self.state(),
            &units,
            &[&self.author, &self.reviewer],
            &[&self.release],
            self.now,
        )
        .unwrap();
        self.channel.write_release(&files);
        files
    }

    /// Rotate the root to `next` (version must be set by the caller), signed by `signers`.
    pub fn rotate_root(&mut self, next: Root, signers: &[&Keypair]) -> Vec<u8> {
        let payload = serde_json::to_vec(&next).unwrap();
        let bytes = envelope::sign(envelope::ROOT_TYPE, &payload, signers);
        self.channel
            .put(&layout::root_path(CHANNEL, next.version), bytes.clone());
        bytes
    }

    pub fn timestamp_path(&self) -> String {
        layout::timestamp_path(CHANNEL)
    }
}

/// A device with a data dir and a `user.db` the updater must never touch.
pub struct TestDevice {
    pub dir: tempfile::TempDir,
    pub device: Device,
}

impl TestDevice {
    pub fn new(w: &World) -> TestDevice {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("user.db"),
            b"patient data: bookmarks, progress",
        )
        .unwrap();
        let device = Device::new(dir.path(), &w.root_bytes);
        TestDevice { dir, device }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_owned()
    }
}

/// Active slot bytes, `sync-state.db` bytes, `user.db` bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub active: Option<Vec<u8>>,
    pub state: Option<Vec<u8>>,
    pub user: Vec<u8>,
}

pub fn fingerprint(d: &TestDevice) -> Fingerprint {
    let status = d.device.status().unwrap();
    Fingerprint {
        active: status.active_slot.map(|p| std::fs::read(p).unwrap()),
        state: std::fs::read(d.device.state_path()).ok(),
        user: std::fs::read(d.dir.path().join("user.db")).unwrap(),
    }
}

/// `(unit, locale) -> summary` of the active slot: which release is installed.
pub fn installed(d: &TestDevice) -> BTreeMap<(String, String), String> {
    let Some(slot) = d.device.active_slot().unwrap() else {
        return BTreeMap::new();
    };
    slot.units()
        .unwrap()
        .into_iter()
        .map(|u| {
            let pack = slot.pack(&u.unit, &u.locale).unwrap().unwrap();
            let summary = match pack {
                Pack::Module(m) => m.summary,
                other => format!("{:?}", other.unit()),
            };
            ((u.unit, u.locale), summary)
        })
        .collect()
}

pub fn integrity_ok(path: &Path) -> bool {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let r: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    r == "ok"
}
