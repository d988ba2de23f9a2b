//! The device-side updater, shared by the app's background sync and `scanwise sync`.
//!
//! Layout of a data directory:
//! - `slot-a.db`, `slot-b.db`: immutable content slots (`scanwise_core::slot::ContentSlot`);
//! - `sync-state.db`: the active slot and the trusted metadata, switched in one transaction;
//! - `user.db`: the patient's data, which this crate never opens.
//!
//! A sync verifies everything first ([`scanwise_channel::client::refresh_with`]), builds the
//! inactive slot from the downloaded packs plus the unchanged packs of the active slot, and
//! only then commits. A failure or a crash at any point leaves the old slot active and the
//! old metadata trusted. [`codec`] is how a pack travels as a channel unit, both ways.

pub mod codec;
pub mod fetch;
mod state;

/// The publisher's encode, at its old path (callers outside these crates use it).
pub use codec::unit_json;

use scanwise_channel::client::{self, Expiry, Fetcher, TrustedState, UnitKey};
use scanwise_core::model::Pack;
use scanwise_core::slot::ContentSlot;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("channel: {0}")]
    Channel(#[from] scanwise_channel::Error),
    #[error("sync-state.db: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("content slot: {0}")]
    Slot(#[from] scanwise_core::slot::StoreError),
    #[error("{0} is not a sync-state database")]
    NotSyncState(PathBuf),
    #[error("the active slot lacks {0}/{1}")]
    SlotIncomplete(String, String),
    #[error(
        "the release drops the safety module ({}) from {locale:?}, which ships modules; refused",
        scanwise_core::model::SAFETY_MODULE_ID
    )]
    SafetyModuleDropped { locale: String },
    #[error("the sync took longer than {0:?}; nothing was changed")]
    Deadline(std::time::Duration),
    #[error("interrupted before {step:?}: {source}")]
    Fault { step: Step, source: std::io::Error },
}

/// The points where an import can be interrupted; used by fault injection in tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Everything is verified; nothing written yet.
    Verified,
    /// About to build the inactive slot.
    BuildSlot,
    /// Slot built; about to switch in `sync-state.db`.
    Commit,
    /// Switched.
    Committed,
}

pub const STEPS: [Step; 4] = [
    Step::Verified,
    Step::BuildSlot,
    Step::Commit,
    Step::Committed,
];

/// Fault injection: return an error (ENOSPC, EIO, ...) or end the process at a step.
pub trait Faults {
    fn before(&self, step: Step) -> std::io::Result<()>;
}

/// Production: no faults.
pub struct NoFaults;

impl Faults for NoFaults {
    fn before(&self, _: Step) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing the device trusts changed.
    UpToDate,
    /// New metadata (timestamp, root), same content.
    MetadataOnly,
    /// A new slot is active.
    Installed {
        slot: char,
        downloaded: usize,
        unchanged: usize,
        removed: usize,
    },
}

#[derive(Debug, Clone)]
pub struct SyncReport {
    pub outcome: Outcome,
    pub bytes_fetched: u64,
    pub timestamp_version: u64,
    pub snapshot_version: u64,
}

/// What the device holds now (for "last verified" in settings and for tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub active_slot: Option<PathBuf>,
    pub root_version: u64,
    pub timestamp_version: u64,
    pub snapshot_version: u64,
    pub verified_at: Option<i64>,
}

/// A release may not drop the safety module (`when-a-scan-is-needed`) from a language that
/// had it and still ships modules (`scanwise check` demands it of content, the server refuses
/// such a removal): refused whoever signed it. `had` are the languages whose safety module the
/// installed content holds. Only a drop is refused, so a language published module by module
/// can never strand a device.
fn check_safety_module(packs: &[Pack], had: &BTreeSet<&str>) -> Result<(), Error> {
    use scanwise_core::model::SAFETY_MODULE_ID;
    let mut with_modules = BTreeSet::new();
    let mut with_safety = BTreeSet::new();
    for p in packs {
        if let Pack::Module(m) = p {
            with_modules.insert(m.lang.as_str());
            if m.id == SAFETY_MODULE_ID {
                with_safety.insert(m.lang.as_str());
            }
        }
    }
    match with_modules
        .difference(&with_safety)
        .find(|l| had.contains(*l))
    {
        Some(locale) => Err(Error::SafetyModuleDropped {
            locale: (*locale).to_owned(),
        }),
        None => Ok(()),
    }
}

/// `sync-state.db` is not a readable sync state (as opposed to busy, locked or unwritable).
fn is_damage(e: &Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e {
        Error::NotSyncState(_) | Error::Channel(_) => true,
        Error::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
            matches!(f.code, NotADatabase | DatabaseCorrupt)
        }
        // A readable database whose tables or rows are not what this version wrote.
        Error::Sqlite(
            rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::InvalidColumnIndex(_)
            | rusqlite::Error::InvalidColumnName(_)
            | rusqlite::Error::FromSqlConversionFailure(..),
        ) => true,
        _ => false,
    }
}

pub struct Device {
    dir: PathBuf,
    embedded_root: Vec<u8>,
    faults: Box<dyn Faults>,
}

impl Device {
    /// `embedded_root` is the root envelope shipped inside the app: the start of the chain.
    pub fn new(data_dir: impl Into<PathBuf>, embedded_root: &[u8]) -> Self {
        Device {
            dir: data_dir.into(),
            embedded_root: embedded_root.to_vec(),
            faults: Box::new(NoFaults),
        }
    }

    pub fn with_faults(mut self, faults: Box<dyn Faults>) -> Self {
        self.faults = faults;
        self
    }

    pub fn state_path(&self) -> PathBuf {
        self.dir.join("sync-state.db")
    }

    pub fn slot_path(&self, slot: char) -> PathBuf {
        self.dir.join(format!("slot-{slot}.db"))
    }

    /// The stored state, or the embedded root when there is none. `damaged` is true when
    /// `sync-state.db` exists but is not a readable sync state (garbage, another file, stored
    /// envelopes that no longer verify): the sync then starts again from the embedded root, as
    /// after a deletion, and replaces the damaged file only when it commits. A busy or locked
    /// database is an error, never "damaged".
    fn load(&self) -> Result<(Option<char>, TrustedState, Option<i64>, bool), Error> {
        let path = self.state_path();
        if path.exists() {
            match state::open(&path).and_then(|c| state::load(&c)) {
                Ok(Some(s)) => return Ok((s.active_slot, s.trusted, Some(s.verified_at), false)),
                Ok(None) => {}
                Err(e) if is_damage(&e) => {
                    eprintln!(
                        "sync-state.db is damaged ({e}); starting again from the embedded root"
                    );
                    return Ok((
                        None,
                        TrustedState::from_embedded_root(&self.embedded_root)?,
                        None,
                        true,
                    ));
                }
                Err(e) => return Err(e),
            }
        }
        // No state yet, or it was deleted: start again from the embedded root. The embedded
        // seed then sets the floor again.
        Ok((
            None,
            TrustedState::from_embedded_root(&self.embedded_root)?,
            None,
            false,
        ))
    }

    /// Moves a damaged `sync-state.db` (and any journal of it) aside, so the commit that
    /// follows creates a fresh one. A crash in between leaves no state: the app then installs
    /// its embedded seed again, fully verified.
    fn set_aside_damaged_state(&self) -> Result<(), Error> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let from = self.dir.join(format!("sync-state.db{suffix}"));
            if from.exists() {
                let to = self
                    .dir
                    .join(format!("sync-state.db{suffix}.damaged-{stamp}"));
                std::fs::rename(&from, &to).map_err(|source| Error::Fault {
                    step: Step::Commit,
                    source,
                })?;
            }
        }
        std::fs::File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(|source| Error::Fault {
                step: Step::Commit,
                source,
            })
    }

    /// With no active slot (no state, or a damaged one), build into the slot that is not the
    /// newest on disk: a reader (the app's last good content) may still have that one open.
    fn free_slot(&self) -> char {
        let modified = |c| {
            std::fs::metadata(self.slot_path(c))
                .and_then(|m| m.modified())
                .ok()
        };
        match (modified('a'), modified('b')) {
            (Some(a), Some(b)) if a > b => 'b',
            (Some(_), None) => 'b',
            _ => 'a',
        }
    }

    fn peek(&self) -> Result<Option<state::Peek>, Error> {
        let path = self.state_path();
        if !path.exists() {
            return Ok(None);
        }
        state::peek(&state::open(&path)?)
    }

    pub fn status(&self) -> Result<Status, Error> {
        Ok(match self.peek()? {
            Some((slot, [root, ts, snap], at)) => Status {
                active_slot: slot.map(|c| self.slot_path(c)),
                root_version: root,
                timestamp_version: ts,
                snapshot_version: snap,
                verified_at: Some(at),
            },
            None => {
                let root = TrustedState::from_embedded_root(&self.embedded_root)?;
                Status {
                    active_slot: None,
                    root_version: root.root.value.version,
                    timestamp_version: 0,
                    snapshot_version: 0,
                    verified_at: None,
                }
            }
        })
    }

    /// The active content slot, opened read-only. Reading installed content needs no network,
    /// no clock and no re-verification.
    pub fn active_slot(&self) -> Result<Option<ContentSlot>, Error> {
        let slot = self.peek()?.and_then(|(s, _, _)| s);
        Ok(slot
            .map(|c| ContentSlot::open(&self.slot_path(c)))
            .transpose()?)
    }

    /// Install the seed channel embedded in the app. Same verification as a sync, except
    /// expiry: the seed is as trusted as the embedded root, and may be older than its expiry.
    pub fn install_seed(&self, seed: &dyn Fetcher, clock: i64) -> Result<SyncReport, Error> {
        self.run(seed, clock, Expiry::IgnoreForEmbeddedSeed)
    }

    /// One verified update from `fetcher` at device clock `clock` (Unix seconds).
    pub fn sync(&self, fetcher: &dyn Fetcher, clock: i64) -> Result<SyncReport, Error> {
        self.run(fetcher, clock, Expiry::Enforce)
    }

    fn run(&self, fetcher: &dyn Fetcher, clock: i64, expiry: Expiry) -> Result<SyncReport, Error> {
        let (active, trusted, _, damaged) = self.load()?;
        // A missing or unreadable active slot (deleted, or an older schema after an app update)
        // holds nothing: every unit is downloaded again and verified, never trusted blindly.
        let active_slot = active.and_then(|c| ContentSlot::open(&self.slot_path(c)).ok());
        let held: BTreeSet<UnitKey> = match &active_slot {
            Some(s) => s.units()?.into_iter().map(|u| (u.unit, u.locale)).collect(),
            None => BTreeSet::new(),
        };
        let refresh =
            client::refresh_with(&trusted, fetcher, clock, expiry, &|k| held.contains(k))?;
        let mut report = SyncReport {
            outcome: Outcome::UpToDate,
            bytes_fetched: refresh.bytes_fetched,
            timestamp_version: refresh
                .state
                .timestamp
                .as_ref()
                .map_or(0, |t| t.value.version),
            snapshot_version: refresh
                .state
                .snapshot
                .as_ref()
                .map_or(0, |s| s.value.version),
        };
        if refresh.state == trusted && refresh.downloaded.is_empty() && active_slot.is_some() {
            return Ok(report);
        }
        let fault = |step| {
            self.faults
                .before(step)
                .map_err(|source| Error::Fault { step, source })
        };
        fault(Step::Verified)?;
        let now = refresh.now;
        if refresh.downloaded.is_empty() && refresh.removed.is_empty() && active_slot.is_some() {
            fault(Step::Commit)?;
            state::commit(
                &mut state::open(&self.state_path())?,
                active,
                &refresh.state,
                now,
            )?;
            fault(Step::Committed)?;
            report.outcome = Outcome::MetadataOnly;
            return Ok(report);
        }
        // Unchanged units come from the active slot, never from the network again.
        let mut packs: Vec<Pack> =
            Vec::with_capacity(refresh.unchanged.len() + refresh.downloaded.len());
        for (unit, locale) in &refresh.unchanged {
            let slot = active_slot
                .as_ref()
                .ok_or_else(|| Error::SlotIncomplete(unit.clone(), locale.clone()))?;
            packs.push(
                slot.pack(unit, locale)?
                    .ok_or_else(|| Error::SlotIncomplete(unit.clone(), locale.clone()))?,
            );
        }
        let clean = scanwise_core::sanitize::sanitizer();
        for u in &refresh.downloaded {
            packs.push(codec::pack(u, &clean)?);
        }
        let had: BTreeSet<&str> = held
            .iter()
            .filter(|(u, _)| u == scanwise_core::model::SAFETY_MODULE_ID)
            .map(|(_, l)| l.as_str())
            .collect();
        check_safety_module(&packs, &had)?;
        drop(active_slot);
        let target = match active {
            Some('a') => 'b',
            Some(_) => 'a',
            None => self.free_slot(),
        };
        fault(Step::BuildSlot)?;
        ContentSlot::build(&self.slot_path(target), &packs)?;
        fault(Step::Commit)?;
        if damaged {
            self.set_aside_damaged_state()?;
        }
        state::commit(
            &mut state::open(&self.state_path())?,
            Some(target),
            &refresh.state,
            now,
        )?;
        fault(Step::Committed)?;
        report.outcome = Outcome::Installed {
            slot: target,
            downloaded: refresh.downloaded.len(),
            unchanged: refresh.unchanged.len(),
            removed: refresh.removed.len(),
        };
        Ok(report)
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }
}
