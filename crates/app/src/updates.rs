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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// The channel the app updates from: `SCANWISE_CHANNEL_URL` at run time (tests, kiosks), else
/// the same variable when the app was built. A build without one has updates off and no
/// switch: there is no placeholder host a device could ever call.
pub const CHANNEL_URL_ENV: &str = "SCANWISE_CHANNEL_URL";
/// How long after start the first check waits.
pub const START_DELAY: Duration = Duration::from_secs(3);
/// A check shortly after start, then one a day while updates are on.
pub const CHECK_INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
/// Bounds one download from connect to last byte.
pub const DOWNLOAD_TIMEOUT: Duration = scanwise_device::fetch::FILE_TIMEOUT;
/// Bounds one whole check (every file of it).
pub const SYNC_DEADLINE: Duration = scanwise_device::fetch::SYNC_DEADLINE;

pub fn channel_url() -> Option<String> {
    channel_url_from(
        std::env::var(CHANNEL_URL_ENV).ok(),
        option_env!("SCANWISE_CHANNEL_URL"),
    )
}

/// The run-time setting wins over the build-time one; anything but an http(s) URL is none.
fn channel_url_from(runtime: Option<String>, built: Option<&str>) -> Option<String> {
    let usable = |u: &str| u.starts_with("https://") || u.starts_with("http://");
    runtime
        .or_else(|| built.map(str::to_owned))
        .map(|u| u.trim().to_owned())
        .filter(|u| usable(u))
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Updated,
    Removed,
}

/// One module in the "what changed" list, titled in the patient's language where it exists.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub module: String,
    pub title: String,
    pub kind: ChangeKind,
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
    /// The patient's switch (saved in user.db as `updates_enabled`).
    enabled: bool,
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
    pub fn new(shown: PathBuf, enabled: bool) -> Updates {
        Updates {
            enabled,
            shown,
            ready: None,
        }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    pub fn set_enabled(&mut self, enabled: bool) {
        self.enabled = enabled;
    }

    #[cfg(test)]
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
        if !self.enabled {
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

/// Settings → "Content updates".
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpdatesView {
    pub enabled: bool,
    /// A channel is configured in this build; without one the switch is hidden.
    pub available: bool,
    /// `sync-state.db` is damaged: the app shows its last good content (or the seed).
    pub damaged: bool,
    pub channel_url: String,
    /// Unix seconds of the last verified check (the device's clock), if any.
    #[cfg_attr(any(test, feature = "ts"), ts(type = "number | null"))]
    pub last_verified: Option<i64>,
    /// Modules changed by new content waiting for the home screen (empty: none waiting).
    pub ready: Vec<Change>,
    /// The last check failed (shown as "could not check"; details stay in the log).
    pub failed: bool,
}

/// The updates state shared by commands and the background checker.
pub struct UpdateService {
    pub dir: PathBuf,
    /// `None`: no channel configured; nothing is ever fetched.
    pub url: Option<String>,
    damaged: bool,
    pub updates: Mutex<Updates>,
    failed: AtomicBool,
    /// Wakes the checker early (updates turned on).
    wake: Condvar,
}

impl UpdateService {
    pub fn new(dir: &Path, shown: PathBuf, enabled: bool, damaged: bool) -> UpdateService {
        let url = channel_url();
        UpdateService {
            dir: dir.to_owned(),
            damaged,
            url,
            updates: Mutex::new(Updates::new(shown, enabled)),
            failed: AtomicBool::new(false),
            wake: Condvar::new(),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Updates> {
        self.updates.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn view(&self) -> AppResult<UpdatesView> {
        let u = self.lock();
        Ok(UpdatesView {
            enabled: u.enabled() && self.url.is_some(),
            available: self.url.is_some(),
            damaged: self.damaged,
            channel_url: self.url.clone().unwrap_or_default(),
            // A damaged sync-state.db has no readable "last verified".
            last_verified: crate::seed::device(&self.dir)
                .status()
                .ok()
                .and_then(|s| s.verified_at),
            ready: u.pending().map(<[Change]>::to_vec).unwrap_or_default(),
            failed: self.failed.load(Ordering::Relaxed),
        })
    }

    pub fn set_enabled(&self, enabled: bool) {
        self.lock().set_enabled(enabled);
        self.wake.notify_all();
    }

    /// One check over HTTP; the fetcher is only built when updates are on.
    pub fn check_now(&self, lang: &str) -> AppResult<Checked> {
        let mut u = self.lock();
        let Some(url) = &self.url else {
            return Ok(Checked::Off);
        };
        if !u.enabled() {
            return Ok(Checked::Off);
        }
        let result = u.check(
            &crate::seed::device(&self.dir),
            &http_fetcher(url),
            crate::seed::unix_now(),
            lang,
        );
        self.failed.store(result.is_err(), Ordering::Relaxed);
        result
    }

    /// The checker: shortly after start, then every [`CHECK_INTERVAL`] while on; while off it wakes when
    /// turned on (or hourly, to pick up the switch saved elsewhere). `enabled` reads the saved
    /// switch, `lang` the patient's language; `ready` is told when new content waits.
    pub fn run(
        &self,
        enabled: impl Fn() -> bool,
        lang: impl Fn() -> String,
        ready: impl Fn(),
    ) -> ! {
        // The start check waits until the first screen is up, so it never competes with it for
        // the CPU (turning updates on wakes it sooner).
        drop(self.wake.wait_timeout(self.lock(), START_DELAY));
        loop {
            let on = enabled();
            self.lock().set_enabled(on);
            match self.check_now(&lang()) {
                Ok(Checked::Ready(_)) => ready(),
                Ok(_) => {}
                Err(e) => eprintln!("content update check failed: {e}"),
            }
            let guard = self.lock();
            // Turned on while that check ran as "off": check now, not in a day.
            if guard.enabled() && !on {
                continue;
            }
            let wait = if guard.enabled() {
                CHECK_INTERVAL
            } else {
                Duration::from_secs(3600)
            };
            drop(self.wake.wait_timeout(guard, wait));
        }
    }
}

/// A fetcher for the channel over HTTP with bounded timeouts (per file and for the whole
/// check); built only when a check runs, so with updates off not even a connection is
/// attempted.
pub fn http_fetcher(url: &str) -> scanwise_device::fetch::HttpFetcher {
    scanwise_device::fetch::HttpFetcher::new(url, DOWNLOAD_TIMEOUT)
        .with_overall_deadline(SYNC_DEADLINE)
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
            .join("../../keys/dev")
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
            current.next_version(&unit.unit, &unit.locale).unwrap(),
            &[&key("editor.json")],
        )
        .unwrap();
        let files2 = release::next_release(
            &root,
            &current,
            &[signed],
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
        let shown = seed::open_or_import(dir).unwrap().slot;
        (seed::device(dir), shown)
    }

    #[test]
    fn a_build_without_a_channel_url_has_updates_off_and_no_switch() {
        assert_eq!(channel_url_from(None, None), None);
        assert_eq!(channel_url_from(Some(String::new()), None), None);
        assert_eq!(channel_url_from(None, Some("  ")), None);
        assert_eq!(
            channel_url_from(None, Some("https://updates.example.org")),
            Some("https://updates.example.org".into())
        );
        assert_eq!(
            channel_url_from(Some("http://127.0.0.1:9".into()), Some("https://x.example")),
            Some("http://127.0.0.1:9".into())
        );
        // No channel: the service reports the switch unavailable and never fetches.
        let dir = tempfile::tempdir().unwrap();
        let shown = seed::open_or_import(dir.path()).unwrap().slot;
        let mut svc = UpdateService::new(dir.path(), shown, true, false);
        svc.url = None;
        let view = svc.view().unwrap();
        assert!(!view.available && !view.enabled, "{view:?}");
        assert_eq!(svc.check_now("en").unwrap(), Checked::Off);
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
        let mut u = Updates::new(shown.clone(), false);
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
        let mut u = Updates::new(shown.clone(), false);
        u.set_enabled(true);
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
