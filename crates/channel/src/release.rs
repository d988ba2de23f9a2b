//! The publisher's side: sign roots, module statements, snapshots and timestamps, and compute
//! the next release from the current one. Pure functions plus a small directory store, so the
//! CLI (`scanwise build --channel DIR`) and the server share the same rules.

use crate::UnitJson;
use crate::client::verify_statement;
use crate::envelope::{self, MODULE_TYPE, ROOT_TYPE, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use crate::keys::Keypair;
use crate::metadata::{FileRef, ModuleStatement, Root, Snapshot, Timestamp, UnitEntry};
use crate::{Error, blob, layout, limits};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Default lifetimes (seconds).
pub const TIMESTAMP_TTL: i64 = 7 * 24 * 3600;
pub const SNAPSHOT_TTL: i64 = 365 * 24 * 3600;

pub fn sign_root(root: &Root, keys: &[&Keypair]) -> Result<Vec<u8>, Error> {
    root.validate()?;
    let payload = serde_json::to_vec_pretty(root).expect("root serialises");
    Ok(envelope::sign(ROOT_TYPE, &payload, keys))
}

/// A signed module statement and the blob it names.
#[derive(Debug, Clone)]
pub struct SignedUnit {
    pub statement: ModuleStatement,
    pub envelope: Vec<u8>,
    pub blob: Vec<u8>,
}

/// Compress a unit's pack JSON and sign a statement for it with the editor keys whose scope
/// allows it. Keys outside the scope are an error: an editor signs only what their scope allows.
pub fn sign_unit(
    root: &Root,
    unit: &UnitJson,
    version: u64,
    editors: &[&Keypair],
) -> Result<SignedUnit, Error> {
    sign_encoded(root, unit, blob::encode(&unit.json), version, editors)
}

fn sign_encoded(
    root: &Root,
    u: &UnitJson,
    encoded: (Vec<u8>, FileRef, u64),
    version: u64,
    editors: &[&Keypair],
) -> Result<SignedUnit, Error> {
    let (unit, locale) = (u.unit.as_str(), u.locale.as_str());
    let allowed = root.editor_keys_for(unit, locale);
    if let Some(k) = editors.iter().find(|k| !allowed.contains_key(&k.key_id())) {
        return Err(Error::Invalid(format!(
            "key {} is not allowed to sign {unit}/{locale}",
            &k.key_id()[..12]
        )));
    }
    let (blob, blob_ref, uncompressed_length) = encoded;
    let statement = ModuleStatement {
        channel: root.channel.clone(),
        unit: unit.to_owned(),
        locale: locale.to_owned(),
        version,
        blob: blob_ref,
        uncompressed_length,
    };
    statement.validate()?;
    let payload = serde_json::to_vec_pretty(&statement).expect("statement serialises");
    Ok(SignedUnit {
        statement,
        envelope: envelope::sign(MODULE_TYPE, &payload, editors),
        blob,
    })
}

/// What a channel currently holds, as the publisher reads it back.
#[derive(Debug, Clone, Default)]
pub struct ChannelState {
    pub timestamp: Option<Timestamp>,
    pub snapshot: Option<Snapshot>,
    pub statements: BTreeMap<(String, String), ModuleStatement>,
}

impl ChannelState {
    /// Read the current release through `get` (path → bytes), following hashes from
    /// `timestamp.json` down. Signatures are not re-checked here: after a release-key rotation
    /// the current files are signed by keys the new root no longer lists, and the publisher
    /// must still be able to read them to publish the next release (devices verify everything).
    pub fn read(
        root: &Root,
        mut get: impl FnMut(&str) -> Result<Option<Vec<u8>>, Error>,
    ) -> Result<Self, Error> {
        fn body<T: serde::de::DeserializeOwned>(
            what: &'static str,
            bytes: &[u8],
        ) -> Result<T, Error> {
            let (_, payload) = envelope::parse(bytes)?;
            serde_json::from_slice(&payload).map_err(|e| Error::BadPayload {
                what,
                message: e.to_string(),
            })
        }
        let Some(ts_bytes) = get(&layout::timestamp_path(&root.channel))? else {
            return Ok(Self::default());
        };
        let ts: Timestamp = body("timestamp", &ts_bytes)?;
        let spath = layout::snapshot_path(&root.channel, ts.snapshot_version, &ts.snapshot.sha256);
        let sbytes = get(&spath)?.ok_or(Error::Missing {
            path: spath.clone(),
        })?;
        crate::client::check_file(&spath, &sbytes, &ts.snapshot)?;
        let snapshot: Snapshot = body("snapshot", &sbytes)?;
        snapshot.validate()?;
        let mut statements = BTreeMap::new();
        for e in &snapshot.units {
            let Some(r) = &e.statement else { continue };
            let path = layout::module_path(&root.channel, &r.sha256);
            let bytes = get(&path)?.ok_or(Error::Missing { path: path.clone() })?;
            crate::client::check_file(&path, &bytes, r)?;
            statements.insert(
                (e.unit.clone(), e.locale.clone()),
                body("module statement", &bytes)?,
            );
        }
        Ok(ChannelState {
            timestamp: Some(ts),
            snapshot: Some(snapshot),
            statements,
        })
    }

    /// Version the next statement for `(unit, locale)` gets.
    pub fn next_version(&self, unit: &str, locale: &str) -> u64 {
        self.snapshot
            .as_ref()
            .and_then(|s| s.get(unit, locale))
            .map_or(1, |e| e.version + 1)
    }

    /// True when the blob `r` is exactly what the channel already holds for `(unit, locale)`
    /// (blob encoding is deterministic, so an unchanged pack has an unchanged blob).
    pub fn holds(&self, unit: &str, locale: &str, r: &FileRef) -> bool {
        self.statements
            .get(&(unit.to_owned(), locale.to_owned()))
            .is_some_and(|s| s.blob == *r)
    }
}

/// Files of one release, relative paths → bytes, in the order they must be written
/// (blobs, statements, snapshot, and timestamp last so readers never see a dangling pointer).
#[derive(Debug, Clone, Default)]
pub struct ReleaseFiles {
    pub files: Vec<(String, Vec<u8>)>,
    pub snapshot_version: u64,
    pub timestamp_version: u64,
}

/// Build the next release: `units` are verified statements (with their blobs) replacing or
/// adding entries, `remove` become tombstones. Every changed entry's version must go up.
pub fn next_release(
    root: &Root,
    current: &ChannelState,
    units: &[SignedUnit],
    remove: &[(String, String)],
    release_keys: &[&Keypair],
    now: i64,
) -> Result<ReleaseFiles, Error> {
    let mut entries: BTreeMap<(String, String), UnitEntry> = current
        .snapshot
        .iter()
        .flat_map(|s| s.units.iter().cloned())
        .map(|e| ((e.unit.clone(), e.locale.clone()), e))
        .collect();
    let mut out = ReleaseFiles::default();
    for u in units {
        let s = verify_statement(root, &u.envelope)?.value;
        crate::client::check_file("blob", &u.blob, &s.blob)?;
        blob::decompress_exact("blob", &u.blob, s.uncompressed_length)?;
        let key = (s.unit.clone(), s.locale.clone());
        if let Some(old) = entries.get(&key)
            && s.version <= old.version
        {
            return Err(Error::Rollback {
                what: format!("{}/{}", s.unit, s.locale),
                trusted: old.version,
                offered: s.version,
            });
        }
        let sha = crate::sha256_hex(&u.envelope);
        out.files
            .push((layout::blob_path(&s.blob.sha256), u.blob.clone()));
        out.files
            .push((layout::module_path(&root.channel, &sha), u.envelope.clone()));
        entries.insert(
            key,
            UnitEntry {
                unit: s.unit,
                locale: s.locale,
                version: s.version,
                statement: Some(FileRef {
                    sha256: sha,
                    length: u.envelope.len() as u64,
                }),
            },
        );
    }
    for (unit, locale) in remove {
        if let Some(e) = entries.get_mut(&(unit.clone(), locale.clone()))
            && e.statement.is_some()
        {
            e.version += 1;
            e.statement = None;
        }
    }
    let snapshot_version = current.snapshot.as_ref().map_or(1, |s| s.version + 1);
    let snapshot = Snapshot {
        channel: root.channel.clone(),
        version: snapshot_version,
        expires: now + SNAPSHOT_TTL,
        units: entries.into_values().collect(),
    };
    snapshot.validate()?;
    let sbytes = envelope::sign(
        SNAPSHOT_TYPE,
        &serde_json::to_vec(&snapshot).expect("serialises"),
        release_keys,
    );
    if sbytes.len() as u64 > limits::MAX_SNAPSHOT {
        return Err(Error::Invalid("snapshot over hard cap".into()));
    }
    let sref = FileRef {
        sha256: crate::sha256_hex(&sbytes),
        length: sbytes.len() as u64,
    };
    out.files.push((
        layout::snapshot_path(&root.channel, snapshot_version, &sref.sha256),
        sbytes,
    ));
    let prev = current.timestamp.as_ref();
    let timestamp = Timestamp {
        channel: root.channel.clone(),
        version: prev.map_or(1, |t| t.version + 1),
        // Never issue below the previous timestamp, even with a slow publisher clock.
        issued: prev.map_or(now, |t| now.max(t.issued)),
        expires: now + TIMESTAMP_TTL,
        snapshot_version,
        snapshot: sref,
    };
    out.timestamp_version = timestamp.version;
    out.snapshot_version = snapshot_version;
    out.files.push((
        layout::timestamp_path(&root.channel),
        envelope::sign(
            TIMESTAMP_TYPE,
            &serde_json::to_vec(&timestamp).expect("serialises"),
            release_keys,
        ),
    ));
    Ok(out)
}

/// Re-sign only the timestamp (keeps a quiet channel from expiring).
pub fn refresh_timestamp(
    root: &Root,
    current: &ChannelState,
    release_keys: &[&Keypair],
    now: i64,
) -> Result<Vec<u8>, Error> {
    let prev = current.timestamp.as_ref().ok_or(Error::Missing {
        path: layout::timestamp_path(&root.channel),
    })?;
    let t = Timestamp {
        version: prev.version + 1,
        issued: now.max(prev.issued),
        expires: now + TIMESTAMP_TTL,
        ..prev.clone()
    };
    Ok(envelope::sign(
        TIMESTAMP_TYPE,
        &serde_json::to_vec(&t).expect("serialises"),
        release_keys,
    ))
}

/// A channel laid out in a local directory (what `scanwise build --channel DIR` writes and what
/// nginx or any static host serves).
#[derive(Debug, Clone)]
pub struct ChannelDir {
    pub dir: PathBuf,
}

impl ChannelDir {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ChannelDir { dir: dir.into() }
    }

    fn path(&self, rel: &str) -> Result<PathBuf, Error> {
        layout::check_file_path(rel)?;
        Ok(self.dir.join(rel))
    }

    pub fn read(&self, rel: &str) -> Result<Option<Vec<u8>>, Error> {
        match std::fs::read(self.path(rel)?) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(Error::Io {
                path: rel.into(),
                source,
            }),
        }
    }

    /// Write durably: temp file, fsync, rename, fsync the directory.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.path(rel)?;
        let io = |source| Error::Io {
            path: rel.into(),
            source,
        };
        let parent = path.parent().expect("channel paths have a parent");
        std::fs::create_dir_all(parent).map_err(io)?;
        let tmp = parent.join(format!(".tmp-{}", std::process::id()));
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &path).map_err(io)?;
        std::fs::File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
        Ok(())
    }

    pub fn write_release(&self, files: &ReleaseFiles) -> Result<(), Error> {
        files.files.iter().try_for_each(|(p, b)| self.write(p, b))
    }

    /// The newest root in the directory, verified as a chain from version 1.
    pub fn latest_root(&self, channel: &str) -> Result<crate::client::Verified<Root>, Error> {
        let first = layout::root_path(channel, 1);
        let bytes = self.read(&first)?.ok_or(Error::Missing { path: first })?;
        let mut root = crate::client::verify_self_signed_root(&bytes)?;
        loop {
            match self.read(&layout::root_path(channel, root.value.version + 1))? {
                Some(b) => root = crate::client::verify_next_root(&root.value, &b)?,
                None => return Ok(root),
            }
        }
    }

    pub fn state(&self, root: &Root) -> Result<ChannelState, Error> {
        ChannelState::read(root, |p| self.read(p))
    }

    pub fn root_dir(&self) -> &Path {
        &self.dir
    }
}

/// A full release from a full set of units: unchanged ones keep their statement, changed or
/// new ones get the next version signed by `editors`, units no longer built become tombstones.
pub fn release_units(
    root: &Root,
    current: &ChannelState,
    all: &[UnitJson],
    editors: &[&Keypair],
    release_keys: &[&Keypair],
    now: i64,
) -> Result<ReleaseFiles, Error> {
    let mut units = Vec::new();
    for unit in all {
        let (u, l) = (unit.unit.as_str(), unit.locale.as_str());
        let encoded = blob::encode(&unit.json);
        if current.holds(u, l, &encoded.1) {
            continue;
        }
        let scoped: Vec<&Keypair> = {
            let allowed = root.editor_keys_for(u, l);
            editors
                .iter()
                .copied()
                .filter(|k| allowed.contains_key(&k.key_id()))
                .collect()
        };
        units.push(sign_encoded(
            root,
            unit,
            encoded,
            current.next_version(u, l),
            &scoped,
        )?);
    }
    let built: std::collections::BTreeSet<(String, String)> = all
        .iter()
        .map(|u| (u.unit.clone(), u.locale.clone()))
        .collect();
    let remove: Vec<(String, String)> = current
        .statements
        .keys()
        .filter(|k| !built.contains(*k))
        .cloned()
        .collect();
    next_release(root, current, &units, &remove, release_keys, now)
}
