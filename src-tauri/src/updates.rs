//! Content updates: the on/off switch, one check through the device updater, the "what
//! changed" list and the rule for when new content is shown.
//!
//! A sync installs into the inactive slot and switches `sync-state.db`; the app keeps reading
//! the slot it opened (`shown`) until the patient is on the home screen or restarts
//! ([`Updates::take_ready`]). While an update waits to be shown no further check runs: the next
//! sync would rebuild the slot the reader still has open.

use crate::ipc::{AppError, AppResult};
use scanwise_channel::client::Fetcher;
use scanwise_core::model::Pack;
use scanwise_core::slot::ContentSlot;
use scanwise_device::{Device, Outcome};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The channel the app updates from, unless `SCANWISE_CHANNEL_URL` says otherwise (tests).
pub const DEFAULT_CHANNEL_URL: &str = "https://updates.scanwise.example";
pub const CHANNEL_URL_ENV: &str = "SCANWISE_CHANNEL_URL";
/// A check at start, then one a day while updates are on.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
/// Bounds one download from connect to last byte.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(60);

const SETTINGS_FILE: &str = "updates.json";

pub fn channel_url() -> String {
    std::env::var(CHANNEL_URL_ENV).unwrap_or_else(|_| DEFAULT_CHANNEL_URL.to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Updated,
    Removed,
}

/// One module in the "what changed" list, titled in the patient's language where it exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub module: String,
    pub title: String,
    pub kind: ChangeKind,
}

/// Saved switch (off by default: no request until the patient turns updates on).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Saved {
    enabled: bool,
}

/// What one check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Updates are off: nothing was fetched.
    Off,
    /// New content waits to be shown; no check until it is.
    Waiting,
    UpToDate,
    /// New content is installed and will be shown at the next safe moment.
    Ready(Vec<Change>),
}

pub struct Updates {
    dir: PathBuf,
    saved: Saved,
    /// The slot the app shows now.
    shown: PathBuf,
    /// The slot installed by a sync, not shown yet, and what changed.
    ready: Option<(PathBuf, Vec<Change>)>,
}

fn device_err(e: scanwise_device::Error) -> AppError {
    AppError::Content(e.to_string())
}

impl Updates {
    /// `shown` is the slot the app opened at start.
    pub fn load(data_dir: &Path, shown: PathBuf) -> Updates {
        let saved = std::fs::read(data_dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        Updates {
            dir: data_dir.to_owned(),
            saved,
            shown,
            ready: None,
        }
    }

    pub fn enabled(&self) -> bool {
        self.saved.enabled
    }

    pub fn set_enabled(&mut self, enabled: bool) -> AppResult<()> {
        self.saved.enabled = enabled;
        let path = self.dir.join(SETTINGS_FILE);
        std::fs::write(&path, serde_json::to_vec(&self.saved).expect("serialises"))
            .map_err(|e| AppError::UserData(format!("cannot write {}: {e}", path.display())))
    }

    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// The changes waiting to be shown, if any.
    pub fn pending(&self) -> Option<&[Change]> {
        self.ready.as_ref().map(|(_, c)| c.as_slice())
    }

    /// One check. `fetcher` is only called when updates are on and nothing waits to be shown.
    pub fn check(
        &mut self,
        device: &Device,
        fetcher: &dyn Fetcher,
        now: i64,
        lang: &str,
    ) -> AppResult<Checked> {
        if !self.saved.enabled {
            return Ok(Checked::Off);
        }
        if self.ready.is_some() {
            return Ok(Checked::Waiting);
        }
        let report = device.sync(fetcher, now).map_err(device_err)?;
        let Outcome::Installed { .. } = report.outcome else {
            return Ok(Checked::UpToDate);
        };
        let new = device
            .status()
            .map_err(device_err)?
            .active_slot
            .ok_or_else(|| AppError::Content("no active slot after an update".into()))?;
        let changes = what_changed(
            &ContentSlot::open(&self.shown)?,
            &ContentSlot::open(&new)?,
            lang,
        )?;
        self.ready = Some((new, changes.clone()));
        Ok(Checked::Ready(changes))
    }

    /// At a safe moment (home screen): the slot to show from now on, if an update waits.
    pub fn take_ready(&mut self) -> Option<PathBuf> {
        let (path, _) = self.ready.take()?;
        self.shown = path.clone();
        Some(path)
    }
}

/// A fetcher for the channel over HTTP with bounded timeouts; built only when a check runs, so
/// with updates off not even a connection is attempted.
pub fn http_fetcher(url: &str) -> scanwise_device::fetch::HttpFetcher {
    scanwise_device::fetch::HttpFetcher::new(url, DOWNLOAD_TIMEOUT)
}

/// Per module: the SHA-256 of each language's pack.
fn modules(slot: &ContentSlot) -> AppResult<BTreeMap<String, BTreeMap<String, String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for u in slot.units()? {
        out.entry(u.unit).or_default().insert(u.locale, u.sha256);
    }
    Ok(out)
}

/// The module's title in `lang`, else English, else any language; `None` if not a module.
fn title(
    slot: &ContentSlot,
    unit: &str,
    locales: &BTreeMap<String, String>,
    lang: &str,
) -> AppResult<Option<String>> {
    let order = [lang, "en"]
        .into_iter()
        .map(str::to_owned)
        .chain(locales.keys().cloned());
    for l in order {
        if !locales.contains_key(&l) {
            continue;
        }
        return Ok(match slot.pack(unit, &l)? {
            Some(Pack::Module(m)) => Some(m.title),
            _ => None,
        });
    }
    Ok(None)
}

/// Modules added, updated (any language's pack changed) or removed between two slots, titled
/// in `lang` where possible. Glossary, checker and other packs are not listed.
pub fn what_changed(
    before: &ContentSlot,
    after: &ContentSlot,
    lang: &str,
) -> AppResult<Vec<Change>> {
    let (old, new) = (modules(before)?, modules(after)?);
    let mut out = Vec::new();
    for (unit, locales) in &new {
        let kind = match old.get(unit) {
            None => ChangeKind::Added,
            Some(o) if o != locales => ChangeKind::Updated,
            Some(_) => continue,
        };
        if let Some(title) = title(after, unit, locales, lang)? {
            out.push(Change {
                module: unit.clone(),
                title,
                kind,
            });
        }
    }
    for (unit, locales) in &old {
        if !new.contains_key(unit)
            && let Some(title) = title(before, unit, locales, lang)?
        {
            out.push(Change {
                module: unit.clone(),
                title,
                kind: ChangeKind::Removed,
            });
        }
    }
    Ok(out)
}

/// A fetcher that records every request; tests use it to prove "off" makes none.
#[cfg(test)]
pub struct Recording<'a> {
    inner: &'a dyn Fetcher,
    pub paths: std::sync::Mutex<Vec<String>>,
}

#[cfg(test)]
impl Fetcher for Recording<'_> {
    fn fetch(
        &self,
        path: &str,
        max_len: u64,
    ) -> Result<Option<Vec<u8>>, scanwise_channel::client::FetchError> {
        self.paths.lock().unwrap().push(path.to_owned());
        self.inner.fetch(path, max_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed;
    use scanwise_channel::release::{self, ChannelDir};
    use scanwise_device::fetch::MemFetcher;

    const NOW: i64 = 1_800_000_000;

    fn key(name: &str) -> scanwise_channel::keys::Keypair {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../keys/dev")
            .join(name);
        scanwise_channel::keys::Keypair::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// The embedded seed channel, then one release where `when-a-scan-is-needed` (en) has a
    /// new title, signed with the dev keys as `scanwise build --channel` would.
    fn channel_with_changed_module(dir: &Path) -> MemFetcher {
        let d = ChannelDir::new(dir);
        for (p, b) in seed::embedded_files() {
            d.write(p, b).unwrap();
        }
        let root = d.latest_root("stable").unwrap().value;
        let current = d.state(&root).unwrap();
        let slot_dir = tempfile::tempdir().unwrap();
        let dev = seed::device(slot_dir.path());
        dev.install_seed(&seed::seed_fetcher(), NOW).unwrap();
        let slot = dev.active_slot().unwrap().unwrap();
        let Some(Pack::Module(mut m)) = slot.pack("when-a-scan-is-needed", "en").unwrap() else {
            panic!("module in the seed")
        };
        m.title = "When to get help now (revised)".into();
        let unit = scanwise_device::unit_json(&Pack::Module(m));
        let signed = release::sign_unit(
            &root,
            &unit,
            current.next_version(&unit.unit, &unit.locale),
            &[&key("editor.json")],
        )
        .unwrap();
        let files2 = release::next_release(
            &root,
            &current,
            &[signed],
            &[],
            &[&key("release.json")],
            NOW - 60,
        )
        .unwrap();
        let mut f = seed::seed_fetcher();
        for (p, b) in files2.files {
            f.insert(p, b);
        }
        f
    }

    fn installed(dir: &Path) -> (Device, PathBuf) {
        let shown = seed::open_or_import(dir).unwrap();
        (seed::device(dir), shown)
    }

    #[test]
    fn off_makes_no_request_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (device, shown) = installed(dir.path());
        let ch = tempfile::tempdir().unwrap();
        let server = channel_with_changed_module(ch.path());
        let rec = Recording {
            inner: &server,
            paths: Default::default(),
        };
        let mut u = Updates::load(dir.path(), shown.clone());
        assert!(!u.enabled(), "updates start off");
        assert_eq!(u.check(&device, &rec, NOW, "en").unwrap(), Checked::Off);
        assert!(rec.paths.lock().unwrap().is_empty());
        assert_eq!(device.status().unwrap().active_slot, Some(shown));
    }

    #[test]
    fn an_update_waits_for_the_home_screen_and_lists_the_module() {
        let dir = tempfile::tempdir().unwrap();
        let (device, shown) = installed(dir.path());
        let ch = tempfile::tempdir().unwrap();
        let server = channel_with_changed_module(ch.path());
        let rec = Recording {
            inner: &server,
            paths: Default::default(),
        };
        let mut u = Updates::load(dir.path(), shown.clone());
        u.set_enabled(true).unwrap();
        // The switch is saved.
        assert!(Updates::load(dir.path(), shown.clone()).enabled());
        let Checked::Ready(changes) = u.check(&device, &rec, NOW, "en").unwrap() else {
            panic!("expected new content")
        };
        assert_eq!(
            changes,
            vec![Change {
                module: "when-a-scan-is-needed".into(),
                title: "When to get help now (revised)".into(),
                kind: ChangeKind::Updated
            }]
        );
        // Only channel paths were requested.
        for p in rec.paths.lock().unwrap().iter() {
            assert!(
                p.starts_with("channels/stable/") || p.starts_with("blobs/"),
                "{p}"
            );
            assert!(!p.contains('?'), "{p}");
        }
        // Still showing the old slot; no second sync while one waits.
        assert_eq!(u.shown(), shown.as_path());
        let before = rec.paths.lock().unwrap().len();
        assert_eq!(u.check(&device, &rec, NOW, "en").unwrap(), Checked::Waiting);
        assert_eq!(rec.paths.lock().unwrap().len(), before);
        // Home screen: the new slot is shown, with the new title.
        let new = u.take_ready().unwrap();
        assert_ne!(new, shown);
        assert_eq!(u.take_ready(), None);
        let Some(Pack::Module(m)) = ContentSlot::open(&new)
            .unwrap()
            .pack("when-a-scan-is-needed", "en")
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(m.title, "When to get help now (revised)");
        // The next check finds nothing new.
        assert_eq!(
            u.check(&device, &rec, NOW, "en").unwrap(),
            Checked::UpToDate
        );
        // "Last verified" comes from the device.
        assert!(device.status().unwrap().verified_at.is_some());
    }

    #[test]
    fn what_changed_lists_added_and_removed_modules_in_the_patients_language() {
        let dir = tempfile::tempdir().unwrap();
        let (device, _) = installed(dir.path());
        let slot = device.active_slot().unwrap().unwrap();
        let all: Vec<Pack> = slot
            .units()
            .unwrap()
            .iter()
            .map(|u| slot.pack(&u.unit, &u.locale).unwrap().unwrap())
            .collect();
        let without: Vec<Pack> = all
            .iter()
            .filter(|p| p.unit().0 != "when-a-scan-is-needed")
            .cloned()
            .collect();
        let small = ContentSlot::build(&dir.path().join("small.db"), &without).unwrap();
        let added = what_changed(&small, &slot, "nb").unwrap();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].kind, ChangeKind::Added);
        let Some(Pack::Module(nb)) = slot.pack("when-a-scan-is-needed", "nb").unwrap() else {
            panic!()
        };
        assert_eq!(added[0].title, nb.title);
        let removed = what_changed(&slot, &small, "nb").unwrap();
        assert_eq!(removed[0].kind, ChangeKind::Removed);
        assert!(what_changed(&slot, &slot, "nb").unwrap().is_empty());
    }
}
