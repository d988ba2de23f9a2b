//! The device's refresh: root rotation, timestamp, snapshot, module statements, blobs, in
//! that order, each verified before it is parsed and before anything it points to is fetched.
//!
//! [`refresh`] is pure over a [`Fetcher`]: it returns the new trusted state and the verified
//! packs of the units that changed; the caller commits both at once or not at all.

use crate::envelope::{self, MODULE_TYPE, ROOT_TYPE, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use crate::layout;
use crate::limits::*;
use crate::metadata::{FileRef, ModuleStatement, Root, Snapshot, Timestamp};
use crate::{Error, blob};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{path}: more than {max} bytes")]
    TooLarge { path: String, max: u64 },
    #[error("{path}: timed out")]
    Timeout { path: String },
    #[error("{path}: HTTP status {status}")]
    Status { path: String, status: u16 },
    #[error("{path}: {message}")]
    Transport { path: String, message: String },
}

/// Where channel files come from (HTTP, a seed directory, a test double). An implementation
/// must stop reading once `max_len` is exceeded and return [`FetchError::TooLarge`], and must
/// bound the time a download may take. `Ok(None)` means the file does not exist.
pub trait Fetcher {
    fn fetch(&self, path: &str, max_len: u64) -> Result<Option<Vec<u8>>, FetchError>;
}

/// A verified document together with the exact bytes it was verified from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<T> {
    pub raw: Vec<u8>,
    pub value: T,
}

pub type UnitKey = (String, String);

/// Everything the device trusts. Stored as raw envelopes and re-verified on load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedState {
    pub root: Verified<Root>,
    pub timestamp: Option<Verified<Timestamp>>,
    pub snapshot: Option<Verified<Snapshot>>,
    pub statements: BTreeMap<UnitKey, Verified<ModuleStatement>>,
}

/// Whether expiry is enforced. Only metadata embedded in the app itself (the seed, which is as
/// trusted as the embedded root) is imported without it; signatures, hashes, lengths and
/// versions are always checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Enforce,
    IgnoreForEmbeddedSeed,
}

fn parse<T: DeserializeOwned>(what: &'static str, bytes: &[u8]) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|e| Error::BadPayload {
        what,
        message: e.to_string(),
    })
}

/// Exact length, then hash.
pub fn check_file(path: &str, bytes: &[u8], expected: &FileRef) -> Result<(), Error> {
    if bytes.len() as u64 != expected.length {
        return Err(Error::Length {
            path: path.to_owned(),
            expected: expected.length,
            found: bytes.len() as u64,
        });
    }
    if crate::sha256_hex(bytes) != expected.sha256 {
        return Err(Error::Hash {
            path: path.to_owned(),
        });
    }
    Ok(())
}

fn check_channel(what: &'static str, expected: &str, found: &str) -> Result<(), Error> {
    if expected != found {
        return Err(Error::WrongChannel {
            what,
            expected: expected.into(),
            found: found.into(),
        });
    }
    Ok(())
}

/// A root that vouches for itself (the one embedded in the app, or a stored one).
pub fn verify_self_signed_root(bytes: &[u8]) -> Result<Verified<Root>, Error> {
    let (envelope, payload) = envelope::parse(bytes)?;
    drop(envelope);
    // Parse only to learn the keys, then verify, then trust.
    let claimed: Root = parse("root", &payload)?;
    claimed.validate()?;
    let payload = envelope::verify(
        bytes,
        ROOT_TYPE,
        &claimed.root_keys(),
        claimed.root.threshold,
        "root",
    )?;
    let root: Root = parse("root", &payload)?;
    Ok(Verified {
        raw: bytes.to_vec(),
        value: root,
    })
}

/// Root N+1: signed by root N's threshold and by its own, version exactly N+1, same channel.
pub fn verify_next_root(trusted: &Root, bytes: &[u8]) -> Result<Verified<Root>, Error> {
    let payload = envelope::verify(
        bytes,
        ROOT_TYPE,
        &trusted.root_keys(),
        trusted.root.threshold,
        "root (old keys)",
    )?;
    let next: Root = parse("root", &payload)?;
    next.validate()?;
    check_channel("root", &trusted.channel, &next.channel)?;
    let expected = crate::next_version("root", trusted.version)?;
    if next.version != expected {
        return Err(Error::RootVersion {
            expected,
            found: next.version,
        });
    }
    envelope::verify(
        bytes,
        ROOT_TYPE,
        &next.root_keys(),
        next.root.threshold,
        "root (new keys)",
    )?;
    Ok(Verified {
        raw: bytes.to_vec(),
        value: next,
    })
}

pub fn verify_timestamp(root: &Root, bytes: &[u8]) -> Result<Verified<Timestamp>, Error> {
    let payload = envelope::verify(
        bytes,
        TIMESTAMP_TYPE,
        &root.release_keys(),
        root.release.threshold,
        "timestamp",
    )?;
    let ts: Timestamp = parse("timestamp", &payload)?;
    ts.validate()?;
    check_channel("timestamp", &root.channel, &ts.channel)?;
    Ok(Verified {
        raw: bytes.to_vec(),
        value: ts,
    })
}

pub fn verify_snapshot(root: &Root, bytes: &[u8]) -> Result<Verified<Snapshot>, Error> {
    let payload = envelope::verify(
        bytes,
        SNAPSHOT_TYPE,
        &root.release_keys(),
        root.release.threshold,
        "snapshot",
    )?;
    let snapshot: Snapshot = parse("snapshot", &payload)?;
    snapshot.validate()?;
    check_channel("snapshot", &root.channel, &snapshot.channel)?;
    Ok(Verified {
        raw: bytes.to_vec(),
        value: snapshot,
    })
}

/// An editor-signed module statement: only keys scoped to its unit and language count, and
/// the unit's threshold (two for reviewed modules) applies.
pub fn verify_statement(root: &Root, bytes: &[u8]) -> Result<Verified<ModuleStatement>, Error> {
    let (_, payload) = envelope::parse(bytes)?;
    let claimed: ModuleStatement = parse("module statement", &payload)?;
    claimed.validate()?;
    let keys = root.editor_keys_for(&claimed.unit, &claimed.locale);
    let payload = envelope::verify(
        bytes,
        MODULE_TYPE,
        &keys,
        root.unit_threshold(&claimed.unit),
        "module",
    )?;
    let statement: ModuleStatement = parse("module statement", &payload)?;
    check_channel("module statement", &root.channel, &statement.channel)?;
    Ok(Verified {
        raw: bytes.to_vec(),
        value: statement,
    })
}

impl TrustedState {
    /// Start from the root embedded in the app.
    pub fn from_embedded_root(bytes: &[u8]) -> Result<Self, Error> {
        Ok(TrustedState {
            root: verify_self_signed_root(bytes)?,
            timestamp: None,
            snapshot: None,
            statements: BTreeMap::new(),
        })
    }

    /// Rebuild from stored envelopes, re-verifying every signature (not expiry: installed
    /// content stays readable forever).
    pub fn load(
        root: &[u8],
        timestamp: Option<&[u8]>,
        snapshot: Option<&[u8]>,
        statements: &[Vec<u8>],
    ) -> Result<Self, Error> {
        let root = verify_self_signed_root(root)?;
        let timestamp = timestamp
            .map(|b| verify_timestamp(&root.value, b))
            .transpose()?;
        let snapshot = snapshot
            .map(|b| verify_snapshot(&root.value, b))
            .transpose()?;
        let mut map = BTreeMap::new();
        for bytes in statements {
            let s = verify_statement(&root.value, bytes)?;
            map.insert((s.value.unit.clone(), s.value.locale.clone()), s);
        }
        Ok(TrustedState {
            root,
            timestamp,
            snapshot,
            statements: map,
        })
    }

    pub fn channel(&self) -> &str {
        &self.root.value.channel
    }

    /// The device's notion of now: never below the latest signed timestamp it trusts.
    pub fn now(&self, clock: i64) -> i64 {
        self.timestamp
            .as_ref()
            .map_or(clock, |t| clock.max(t.value.issued))
    }
}

/// The outcome of a refresh, to be committed atomically by the caller.
#[derive(Debug)]
pub struct Refresh {
    pub state: TrustedState,
    /// Verified pack JSON of units that are new or changed (exact bytes the editors signed).
    pub downloaded: Vec<crate::UnitJson>,
    /// Units whose installed pack stays as it is.
    pub unchanged: Vec<UnitKey>,
    /// Units the release removed (tombstones).
    pub removed: Vec<UnitKey>,
    /// Bytes fetched, metadata and blobs.
    pub bytes_fetched: u64,
    /// The device's now for this refresh: its clock, or the trusted timestamp's `issued` if
    /// later (after a release-key rotation, the clock alone).
    pub now: i64,
}

impl Refresh {
    /// True when nothing the device trusts changed at all.
    pub fn is_noop(&self, before: &TrustedState) -> bool {
        self.state == *before
    }
}

struct Counting<'a, F: Fetcher + ?Sized> {
    inner: &'a F,
    bytes: std::cell::Cell<u64>,
}

impl<F: Fetcher + ?Sized> Counting<'_, F> {
    fn get(&self, path: &str, max: u64) -> Result<Option<Vec<u8>>, Error> {
        let got = self.inner.fetch(path, max)?;
        if let Some(b) = &got {
            // Defence in depth: a fetcher that ignores the cap is still held to it.
            if b.len() as u64 > max {
                return Err(FetchError::TooLarge {
                    path: path.into(),
                    max,
                }
                .into());
            }
            self.bytes.set(self.bytes.get() + b.len() as u64);
        }
        Ok(got)
    }

    fn require(&self, path: &str, r: &FileRef, hard_cap: u64) -> Result<Vec<u8>, Error> {
        let bytes = self
            .get(path, r.length.min(hard_cap))?
            .ok_or_else(|| Error::Missing { path: path.into() })?;
        check_file(path, &bytes, r)?;
        Ok(bytes)
    }
}

/// Run one refresh against `fetcher` at device clock `clock` (Unix seconds).
pub fn refresh<F: Fetcher + ?Sized>(
    trusted: &TrustedState,
    fetcher: &F,
    clock: i64,
    expiry: Expiry,
) -> Result<Refresh, Error> {
    refresh_with(trusted, fetcher, clock, expiry, &|_: &UnitKey| true)
}

/// [`refresh`], where `installed` says whether the device still holds a unit's pack; a unit
/// it lacks is downloaded even when its statement is unchanged.
pub fn refresh_with<F: Fetcher + ?Sized>(
    trusted: &TrustedState,
    fetcher: &F,
    clock: i64,
    expiry: Expiry,
    installed: &dyn Fn(&UnitKey) -> bool,
) -> Result<Refresh, Error> {
    let f = Counting {
        inner: fetcher,
        bytes: std::cell::Cell::new(0),
    };
    let enforce = expiry == Expiry::Enforce;
    let channel = trusted.channel().to_owned();

    // 1. Root rotation, one version at a time (at most MAX_ROOT_ROTATIONS in one refresh).
    let root = crate::roots::walk(trusted.root.clone(), MAX_ROOT_ROTATIONS, |path| {
        f.get(path, MAX_ROOT)
    })?;
    // A new release key resets what the old one vouched for (TUF): the trusted timestamp
    // (its version and its issue time, the device's clock floor) and the trusted snapshot
    // version are forgotten. Per-unit floors survive where an editor signed them and that
    // signature still counts under the new root.
    let release_rotated = root.value.release_key_set() != trusted.root.value.release_key_set();
    let (old_ts, old_snapshot) = if release_rotated {
        (None, None)
    } else {
        (trusted.timestamp.as_ref(), trusted.snapshot.as_ref())
    };
    let now = old_ts.map_or(clock, |t| clock.max(t.value.issued));
    let expired = |what: &'static str, expires: i64| -> Result<(), Error> {
        if enforce && expires <= now {
            Err(Error::Expired { what, expires, now })
        } else {
            Ok(())
        }
    };
    expired("root", root.value.expires)?;
    let r = &root.value;

    // 2. Timestamp.
    let ts_path = layout::timestamp_path(&channel);
    let ts_bytes = f
        .get(&ts_path, MAX_TIMESTAMP)?
        .ok_or(Error::Missing { path: ts_path })?;
    let ts = verify_timestamp(r, &ts_bytes)?;
    // A timestamp from a publisher whose clock ran ahead would otherwise raise the floor and
    // make every later timestamp look expired. The embedded seed is exempt (it is as trusted
    // as the embedded root, and a device with a dead clock must still show content).
    if enforce && ts.value.issued > now.saturating_add(MAX_ISSUED_AHEAD) {
        return Err(Error::IssuedInFuture {
            issued: ts.value.issued,
            now,
        });
    }
    if let Some(old) = old_ts {
        let (o, n) = (&old.value, &ts.value);
        if n.version < o.version {
            return Err(Error::Rollback {
                what: "timestamp".into(),
                trusted: o.version,
                offered: n.version,
            });
        }
        crate::check_jump("timestamp", o.version, n.version)?;
        if n.version == o.version && ts.raw != old.raw {
            return Err(Error::Equivocation {
                what: "timestamp".into(),
                version: n.version,
            });
        }
        if n.issued < o.issued {
            return Err(Error::Rollback {
                what: "timestamp issue time".into(),
                trusted: o.issued.max(0) as u64,
                offered: n.issued.max(0) as u64,
            });
        }
        if n.snapshot_version < o.snapshot_version {
            return Err(Error::Rollback {
                what: "snapshot".into(),
                trusted: o.snapshot_version,
                offered: n.snapshot_version,
            });
        }
        crate::check_jump("snapshot", o.snapshot_version, n.snapshot_version)?;
        if n.snapshot_version == o.snapshot_version && n.snapshot != o.snapshot {
            return Err(Error::Equivocation {
                what: "snapshot".into(),
                version: n.snapshot_version,
            });
        }
    }
    expired("timestamp", ts.value.expires)?;

    // 3. Snapshot (reused when the timestamp still points at the trusted one).
    let same_snapshot = old_ts.is_some_and(|o| o.value.snapshot == ts.value.snapshot);
    let snapshot = match (old_snapshot, same_snapshot) {
        (Some(s), true) => verify_snapshot(r, &s.raw)?,
        _ => {
            let path = layout::snapshot_path(
                &channel,
                ts.value.snapshot_version,
                &ts.value.snapshot.sha256,
            );
            let bytes = f.require(&path, &ts.value.snapshot, MAX_SNAPSHOT)?;
            let s = verify_snapshot(r, &bytes)?;
            if s.value.version != ts.value.snapshot_version {
                return Err(Error::Mismatch {
                    path,
                    message: "snapshot version differs from timestamp".into(),
                });
            }
            s
        }
    };
    expired("snapshot", snapshot.value.expires)?;
    if let Some(old) = old_snapshot
        && snapshot.value.version < old.value.version
    {
        return Err(Error::Rollback {
            what: "snapshot".into(),
            trusted: old.value.version,
            offered: snapshot.value.version,
        });
    }
    // Per-unit floors: every entry of the trusted snapshot, or after a release-key rotation
    // only what editors signed (trusted statements whose signatures still count).
    let floors: Vec<(UnitKey, u64, Option<FileRef>)> = match old_snapshot {
        Some(old) => old
            .value
            .units
            .iter()
            .map(|e| {
                (
                    (e.unit.clone(), e.locale.clone()),
                    e.version,
                    e.statement.clone(),
                )
            })
            .collect(),
        None => trusted
            .statements
            .iter()
            .filter(|(_, s)| verify_statement(r, &s.raw).is_ok())
            .map(|(k, s)| {
                let sref = FileRef {
                    sha256: crate::sha256_hex(&s.raw),
                    length: s.raw.len() as u64,
                };
                (k.clone(), s.value.version, Some(sref))
            })
            .collect(),
    };
    for ((unit, locale), version, statement) in &floors {
        let n = snapshot
            .value
            .get(unit, locale)
            .ok_or_else(|| Error::Dropped {
                unit: unit.clone(),
                locale: locale.clone(),
            })?;
        let what = || format!("{unit}/{locale}");
        if n.version < *version {
            return Err(Error::Rollback {
                what: what(),
                trusted: *version,
                offered: n.version,
            });
        }
        crate::check_jump(&what(), *version, n.version)?;
        if n.version == *version && n.statement != *statement {
            return Err(Error::Equivocation {
                what: what(),
                version: n.version,
            });
        }
    }

    // 4. Module statements, 5. blobs of changed units.
    let mut statements = BTreeMap::new();
    let (mut downloaded, mut unchanged, mut removed) = (Vec::new(), Vec::new(), Vec::new());
    for entry in &snapshot.value.units {
        let key = (entry.unit.clone(), entry.locale.clone());
        let Some(sref) = &entry.statement else {
            // Snapshot::validate refuses these; kept as a second line of defence.
            return Err(Error::Removal {
                unit: entry.unit.clone(),
                locale: entry.locale.clone(),
                message: "removed without an editor-signed removal statement".into(),
            });
        };
        let path = layout::module_path(&channel, &sref.sha256);
        let known = trusted
            .statements
            .get(&key)
            .filter(|s| crate::sha256_hex(&s.raw) == sref.sha256);
        let statement = match known {
            // Re-verified against the (possibly rotated) root: a revoked editor's statement
            // must be re-signed before the device accepts the release.
            Some(s) => verify_statement(r, &s.raw)?,
            None => verify_statement(r, &f.require(&path, sref, MAX_STATEMENT)?)?,
        };
        let s = &statement.value;
        if (s.unit.as_str(), s.locale.as_str(), s.version)
            != (entry.unit.as_str(), entry.locale.as_str(), entry.version)
        {
            return Err(Error::Mismatch {
                path,
                message: "statement does not match its snapshot entry".into(),
            });
        }
        match &s.blob {
            None => {
                let had = trusted
                    .statements
                    .get(&key)
                    .is_some_and(|o| !o.value.is_removal());
                if had || (known.is_none() && installed(&key)) {
                    removed.push(key.clone());
                }
            }
            Some(_) if known.is_some() && installed(&key) => unchanged.push(key.clone()),
            Some(blob_ref) => {
                let bpath = layout::blob_path(&blob_ref.sha256);
                let bytes = f.require(&bpath, blob_ref, MAX_BLOB)?;
                let json = blob::decode(&bpath, &bytes, blob_ref, s.uncompressed_length)?;
                // The caller parses the pack and checks it is the unit the statement names.
                downloaded.push(crate::UnitJson {
                    unit: s.unit.clone(),
                    locale: s.locale.clone(),
                    json,
                });
            }
        }
        statements.insert(key, statement);
    }

    Ok(Refresh {
        state: TrustedState {
            root,
            timestamp: Some(ts),
            snapshot: Some(snapshot),
            statements,
        },
        downloaded,
        unchanged,
        removed,
        bytes_fetched: f.bytes.get(),
        now,
    })
}
