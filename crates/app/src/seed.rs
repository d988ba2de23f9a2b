//! The content that ships inside the app: a signed channel (built by build.rs), installed
//! through exactly the verification an update goes through (`Device::install_seed`).
//!
//! The data directory is the device's: `slot-a.db`/`slot-b.db`, `sync-state.db`, plus
//! `seed-installed.txt` (the id of the last embedded seed installed) and the patient's `user.db`.

use crate::ipc::{AppError, AppResult};
use scanwise_device::Device;
use scanwise_device::fetch::MemFetcher;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/seed.rs"));
}

/// The root envelope the app trusts: the start of the channel's chain of trust.
pub const ROOT: &[u8] = embedded::ROOT;

const MARKER: &str = "seed-installed.txt";

/// The embedded channel files, served from memory.
pub fn seed_fetcher() -> MemFetcher {
    let mut f = MemFetcher::new();
    for (path, bytes) in embedded::SEED_FILES {
        f.insert(*path, *bytes);
    }
    f
}

/// The embedded channel files (tests build update channels on top of them).
#[cfg(test)]
pub fn embedded_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::SEED_FILES
}

/// The updater for `data_dir`, trusting the embedded root.
pub fn device(data_dir: &Path) -> Device {
    Device::new(data_dir, ROOT)
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn device_err(e: scanwise_device::Error) -> AppError {
    AppError::Content(e.to_string())
}

/// The content the app shows at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub slot: PathBuf,
    /// `sync-state.db` could not be read: the app shows its last good content (or the seed)
    /// with a notice, and updates stay refused until the file is repaired (deleting it makes
    /// the device start again from the embedded root and seed, fully verified).
    pub damaged: bool,
}

/// The active slot's path, installing the embedded seed first on first run, or when this
/// build embeds a different seed than the one last installed (an app update).
pub fn open_or_import(data_dir: &Path) -> AppResult<Opened> {
    open_with(
        &device(data_dir),
        &seed_fetcher(),
        embedded::SEED_ID,
        unix_now(),
    )
}

fn open_with(device: &Device, seed: &MemFetcher, seed_id: &str, now: i64) -> AppResult<Opened> {
    match device.active_slot() {
        Ok(_) => Ok(Opened {
            slot: install_from(device, seed, seed_id, now)?,
            damaged: false,
        }),
        Err(e) => {
            eprintln!("sync-state.db unreadable ({e}); showing the last good content");
            Ok(Opened {
                slot: last_good_or_seed(device, seed, now)?,
                damaged: true,
            })
        }
    }
}

/// With `sync-state.db` unreadable, nothing says which slot is active: the newer of the two
/// slots that opens and holds content (slots are immutable once built, and only a verified
/// sync builds one), else the embedded seed installed into a directory of its own (never
/// touching the slots or the damaged state).
fn last_good_or_seed(device: &Device, seed: &MemFetcher, now: i64) -> AppResult<PathBuf> {
    let mut good: Vec<(std::time::SystemTime, PathBuf)> = ['a', 'b']
        .into_iter()
        .map(|c| device.slot_path(c))
        .filter(|p| {
            scanwise_core::slot::ContentSlot::open(p)
                .ok()
                .and_then(|s| s.units().ok())
                .is_some_and(|u| !u.is_empty())
        })
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    good.sort();
    if let Some((_, p)) = good.pop() {
        return Ok(p);
    }
    let fallback = Device::new(device.data_dir().join("seed-fallback"), ROOT);
    std::fs::create_dir_all(fallback.data_dir())
        .map_err(|e| AppError::Content(format!("cannot create the seed fallback: {e}")))?;
    fallback.install_seed(seed, now).map_err(device_err)?;
    fallback
        .status()
        .map_err(device_err)?
        .active_slot
        .ok_or_else(|| AppError::Content("no content slot after installing the seed".into()))
}

fn install_from(device: &Device, seed: &MemFetcher, seed_id: &str, now: i64) -> AppResult<PathBuf> {
    let marker = device.data_dir().join(MARKER);
    let installed_id = std::fs::read_to_string(&marker).unwrap_or_default();
    let has_slot = device.active_slot().map_err(device_err)?.is_some();
    if !has_slot || installed_id.trim() != seed_id {
        match device.install_seed(seed, now) {
            Ok(_) => std::fs::write(&marker, seed_id).map_err(|e| {
                AppError::Content(format!("cannot write {}: {e}", marker.display()))
            })?,
            // Content the device already verified from the channel is at least as new as this
            // seed (the channel refuses a rollback): keep it.
            Err(e) if has_slot => eprintln!("embedded seed not installed, keeping content: {e}"),
            Err(e) => return Err(device_err(e)),
        }
    }
    device
        .status()
        .map_err(device_err)?
        .active_slot
        .ok_or_else(|| AppError::Content("no active content slot after installing the seed".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIMESTAMP: &str = "channels/stable/timestamp.json";

    fn first_blob() -> &'static str {
        embedded::SEED_FILES
            .iter()
            .map(|(p, _)| *p)
            .find(|p| p.starts_with("blobs/"))
            .expect("the seed has blobs")
    }

    /// Flip one character of the signed payload (base64 stays base64).
    fn flip(b: &mut [u8]) {
        let i = b.len() / 2;
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
    }

    fn tampered(path: &str, change: impl Fn(&mut [u8])) -> MemFetcher {
        let mut f = MemFetcher::new();
        for (p, bytes) in embedded::SEED_FILES {
            let mut b = bytes.to_vec();
            if *p == path {
                change(&mut b);
            }
            f.insert(*p, b);
        }
        f
    }

    #[test]
    fn a_corrupt_sync_state_shows_the_last_good_content_or_the_seed() {
        // Last good content: the slot the device had, untouched, with the notice flag.
        let dir = tempfile::tempdir().unwrap();
        let good = open_or_import(dir.path()).unwrap();
        assert!(!good.damaged);
        let state = dir.path().join("sync-state.db");
        std::fs::write(&state, b"this is not SQLite").unwrap();
        let slot_bytes = std::fs::read(&good.slot).unwrap();
        let opened = open_or_import(dir.path()).unwrap();
        assert_eq!(
            opened,
            Opened {
                slot: good.slot.clone(),
                damaged: true
            }
        );
        assert_eq!(std::fs::read(&good.slot).unwrap(), slot_bytes);
        assert_eq!(std::fs::read(&state).unwrap(), b"this is not SQLite");
        let units = scanwise_core::slot::ContentSlot::open(&opened.slot)
            .unwrap()
            .units()
            .unwrap();
        assert!(units.iter().any(|u| u.unit == "when-a-scan-is-needed"));
        // No slot at all (or none readable): the embedded seed, beside the damaged state.
        let empty = tempfile::tempdir().unwrap();
        std::fs::write(empty.path().join("sync-state.db"), b"garbage").unwrap();
        std::fs::write(empty.path().join("slot-a.db"), b"garbage too").unwrap();
        let opened = open_or_import(empty.path()).unwrap();
        assert!(opened.damaged);
        assert!(opened.slot.starts_with(empty.path().join("seed-fallback")));
        let units = scanwise_core::slot::ContentSlot::open(&opened.slot)
            .unwrap()
            .units()
            .unwrap();
        assert!(units.iter().any(|u| u.unit == "when-a-scan-is-needed"));
    }

    #[test]
    fn the_embedded_seed_installs_through_verification() {
        let dir = tempfile::tempdir().unwrap();
        let path = open_or_import(dir.path()).unwrap().slot;
        let d = device(dir.path());
        assert_eq!(d.status().unwrap().active_slot, Some(path.clone()));
        let units = d.active_slot().unwrap().unwrap().units().unwrap();
        assert!(units.iter().any(|u| u.unit == "when-a-scan-is-needed"));
        // Second start: nothing is installed again, the same slot stays active.
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        assert_eq!(open_or_import(dir.path()).unwrap().slot, path);
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
    }

    #[test]
    fn a_tampered_seed_refuses_to_install() {
        let blob = first_blob();
        let cases = [
            (
                blob.to_string(),
                tampered(blob, |b| {
                    let i = b.len() / 2;
                    b[i] ^= 1;
                }),
            ),
            ("timestamp".to_string(), tampered(TIMESTAMP, flip)),
        ];
        for (what, seed) in cases {
            let dir = tempfile::tempdir().unwrap();
            let d = device(dir.path());
            let err = install_from(&d, &seed, "test", 1_800_000_000);
            assert!(err.is_err(), "tampered {what} installed");
            assert!(
                d.active_slot().unwrap().is_none(),
                "{what}: a slot is active"
            );
            assert!(!dir.path().join(MARKER).exists());
        }
    }

    #[test]
    fn a_new_embedded_seed_that_is_older_keeps_installed_content() {
        let dir = tempfile::tempdir().unwrap();
        let d = device(dir.path());
        let path = install_from(&d, &seed_fetcher(), "one", 1_800_000_000).unwrap();
        // A different "seed" that cannot verify (tampered) must not remove working content.
        let bad = tampered(TIMESTAMP, flip);
        assert_eq!(install_from(&d, &bad, "two", 1_800_000_000).unwrap(), path);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(MARKER)).unwrap(),
            "one"
        );
    }
}
