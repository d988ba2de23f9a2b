//! The publisher's side: sign roots, module statements, snapshots and timestamps, and compute
//! the next release from the current one. Pure functions plus a small directory store; every
//! writer of a release goes through [`plan`] (see its module), so the CLI
//! (`scanwise build --channel DIR`, `scanwise publish`), the app's seed build and the server
//! share the same rules.

use crate::UnitJson;
use crate::client::verify_statement;
use crate::envelope::{self, MODULE_TYPE, ROOT_TYPE, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use crate::keys::Keypair;
use crate::metadata::{FileRef, ModuleStatement, Root, Snapshot, Timestamp, UnitEntry};
use crate::{Error, blob, layout, limits};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

mod plan;
pub use plan::{
    Change, Plan, Planned, Request, SAFETY_UNIT, Signed, Skipped, check_safety_removal,
    keys_in_scope, plan,
};

/// Default lifetimes (seconds).
pub const TIMESTAMP_TTL: i64 = 7 * 24 * 3600;
pub const SNAPSHOT_TTL: i64 = 365 * 24 * 3600;

pub fn sign_root(root: &Root, keys: &[&Keypair]) -> Result<Vec<u8>, Error> {
    root.validate()?;
    let payload = serde_json::to_vec_pretty(root).expect("root serialises");
    Ok(envelope::sign(ROOT_TYPE, &payload, keys))
}

/// A signed module statement and the blob it names (empty for a removal statement).
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
    sign_encoded(
        root,
        &unit.unit,
        &unit.locale,
        blob::encode(&unit.json),
        version,
        editors,
    )
}

/// Sign a removal statement: `(unit, locale)` is removed at `version`. It needs the same editor
/// scope and threshold as a publish of that unit; a bearer token alone never removes anything.
pub fn sign_removal(
    root: &Root,
    unit: &str,
    locale: &str,
    version: u64,
    editors: &[&Keypair],
) -> Result<SignedUnit, Error> {
    check_editors(root, unit, locale, editors)?;
    let statement = ModuleStatement {
        channel: root.channel.clone(),
        unit: unit.to_owned(),
        locale: locale.to_owned(),
        version,
        blob: None,
        uncompressed_length: 0,
    };
    sign_statement(statement, editors, Vec::new())
}

/// Validate a statement, sign its exact bytes with the editors' keys, and pair it with its blob.
fn sign_statement(
    statement: ModuleStatement,
    editors: &[&Keypair],
    blob: Vec<u8>,
) -> Result<SignedUnit, Error> {
    statement.validate()?;
    let payload = serde_json::to_vec_pretty(&statement).map_err(|e| Error::BadPayload {
        what: "module statement",
        message: e.to_string(),
    })?;
    Ok(SignedUnit {
        statement,
        envelope: envelope::sign(MODULE_TYPE, &payload, editors),
        blob,
    })
}

fn check_editors(root: &Root, unit: &str, locale: &str, editors: &[&Keypair]) -> Result<(), Error> {
    let allowed = root.editor_keys_for(unit, locale);
    if let Some(k) = editors.iter().find(|k| !allowed.contains_key(&k.key_id())) {
        return Err(Error::Invalid(format!(
            "key {} is not allowed to sign {unit}/{locale}",
            &k.key_id()[..12]
        )));
    }
    Ok(())
}

fn sign_encoded(
    root: &Root,
    unit: &str,
    locale: &str,
    encoded: (Vec<u8>, FileRef, u64),
    version: u64,
    editors: &[&Keypair],
) -> Result<SignedUnit, Error> {
    check_editors(root, unit, locale, editors)?;
    let (blob, blob_ref, uncompressed_length) = encoded;
    let statement = ModuleStatement {
        channel: root.channel.clone(),
        unit: unit.to_owned(),
        locale: locale.to_owned(),
        version,
        blob: Some(blob_ref),
        uncompressed_length,
    };
    sign_statement(statement, editors, blob)
}

/// What a channel currently holds, as the publisher reads it back.
#[derive(Debug, Clone, Default)]
pub struct ChannelState {
    pub timestamp: Option<Timestamp>,
    /// The current timestamp verifies with the root's release keys. False after a
    /// release-key rotation: its `issue` time then no longer binds the next release (that is
    /// how an operator recovers from a release signed with a wrong clock).
    pub timestamp_signed_by_release: bool,
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
        let timestamp_signed_by_release = crate::client::verify_timestamp(root, &ts_bytes).is_ok();
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
            timestamp_signed_by_release,
            snapshot: Some(snapshot),
            statements,
        })
    }

    /// Version the next statement for `(unit, locale)` gets; an error when the current one
    /// cannot be incremented.
    pub fn next_version(&self, unit: &str, locale: &str) -> Result<u64, Error> {
        match self.snapshot.as_ref().and_then(|s| s.get(unit, locale)) {
            Some(e) => crate::next_version(&format!("{unit}/{locale}"), e.version),
            None => Ok(1),
        }
    }

    /// True when the blob `r` is exactly what the channel already holds for `(unit, locale)`
    /// (blob encoding is deterministic, so an unchanged pack has an unchanged blob).
    pub fn holds(&self, unit: &str, locale: &str, r: &FileRef) -> bool {
        self.statements
            .get(&(unit.to_owned(), locale.to_owned()))
            .is_some_and(|s| s.blob.as_ref() == Some(r))
    }

    /// True when `(unit, locale)` is live (published and not removed).
    pub fn is_live(&self, unit: &str, locale: &str) -> bool {
        self.statements
            .get(&(unit.to_owned(), locale.to_owned()))
            .is_some_and(|s| !s.is_removal())
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
/// adding entries; removal statements (no blob) remove a live unit. Every changed entry's
/// version must go up by at least 1 and at most [`limits::MAX_VERSION_JUMP`].
///
/// `now` is the publisher's clock. When it is more than [`limits::MAX_PUBLISHER_SKEW`] behind
/// the `issued` of the current timestamp (signed by the current release keys) nothing is
/// signed: [`Error::ClockBehind`].
pub fn next_release(
    root: &Root,
    current: &ChannelState,
    units: &[SignedUnit],
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
    let mut seen = std::collections::BTreeSet::new();
    for u in units {
        let s = verify_statement(root, &u.envelope)?.value;
        let key = (s.unit.clone(), s.locale.clone());
        let what = format!("{}/{}", s.unit, s.locale);
        if !seen.insert(key.clone()) {
            return Err(Error::Invalid(format!(
                "{what} appears twice in one release"
            )));
        }
        let old = entries.get(&key);
        let old_version = old.map_or(0, |e| e.version);
        if s.version <= old_version {
            return Err(Error::Rollback {
                what,
                trusted: old_version,
                offered: s.version,
            });
        }
        crate::check_jump(&what, old_version, s.version)?;
        match &s.blob {
            Some(r) => {
                crate::client::check_file("blob", &u.blob, r)?;
                blob::decompress_exact("blob", &u.blob, s.uncompressed_length)?;
                out.files
                    .push((layout::blob_path(&r.sha256), u.blob.clone()));
            }
            None => {
                if !current.is_live(&s.unit, &s.locale) {
                    return Err(Error::Removal {
                        unit: s.unit.clone(),
                        locale: s.locale.clone(),
                        message: "is not published, so it cannot be removed".into(),
                    });
                }
                if !u.blob.is_empty() {
                    return Err(Error::Invalid(format!(
                        "{what}: a removal statement comes without a blob"
                    )));
                }
            }
        }
        let sha = crate::sha256_hex(&u.envelope);
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
    // The timestamp this release follows, if the current release keys signed it (after a
    // release-key rotation its issue time binds nothing: that is the operator's recovery).
    let prev = current.timestamp.as_ref();
    let bound = prev.filter(|_| current.timestamp_signed_by_release);
    if let Some(t) = bound
        && now < t.issued.saturating_sub(limits::MAX_PUBLISHER_SKEW)
    {
        return Err(Error::ClockBehind {
            now,
            issued: t.issued,
        });
    }
    let snapshot_version = match current.snapshot.as_ref() {
        Some(s) => crate::next_version("snapshot", s.version)?,
        None => 1,
    };
    let timestamp_version = match prev {
        Some(t) => crate::next_version("timestamp", t.version)?,
        None => 1,
    };
    let snapshot = Snapshot {
        channel: root.channel.clone(),
        version: snapshot_version,
        expires: now.saturating_add(SNAPSHOT_TTL),
        units: entries.into_values().collect(),
    };
    snapshot.validate()?;
    let sbytes = envelope::sign(
        SNAPSHOT_TYPE,
        &to_json("snapshot", &snapshot)?,
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
    // Within the skew, the previous issue time is carried forward (never backwards).
    let issued = bound.map_or(now, |t| now.max(t.issued));
    let timestamp = Timestamp {
        channel: root.channel.clone(),
        version: timestamp_version,
        issued,
        expires: issued.saturating_add(TIMESTAMP_TTL),
        snapshot_version,
        snapshot: sref,
    };
    timestamp.validate()?;
    out.timestamp_version = timestamp.version;
    out.snapshot_version = snapshot_version;
    out.files.push((
        layout::timestamp_path(&root.channel),
        envelope::sign(
            TIMESTAMP_TYPE,
            &to_json("timestamp", &timestamp)?,
            release_keys,
        ),
    ));
    Ok(out)
}

fn to_json<T: serde::Serialize>(what: &'static str, v: &T) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(v).map_err(|e| Error::BadPayload {
        what,
        message: e.to_string(),
    })
}

/// Re-sign only the timestamp (keeps a quiet channel from expiring). The same clock rule as
/// [`next_release`].
pub fn refresh_timestamp(
    root: &Root,
    current: &ChannelState,
    release_keys: &[&Keypair],
    now: i64,
) -> Result<Vec<u8>, Error> {
    let prev = current.timestamp.as_ref().ok_or(Error::Missing {
        path: layout::timestamp_path(&root.channel),
    })?;
    let bound = Some(prev).filter(|_| current.timestamp_signed_by_release);
    if let Some(t) = bound
        && now < t.issued.saturating_sub(limits::MAX_PUBLISHER_SKEW)
    {
        return Err(Error::ClockBehind {
            now,
            issued: t.issued,
        });
    }
    let issued = bound.map_or(now, |t| now.max(t.issued));
    let t = Timestamp {
        version: crate::next_version("timestamp", prev.version)?,
        issued,
        expires: issued.saturating_add(TIMESTAMP_TTL),
        ..prev.clone()
    };
    Ok(envelope::sign(
        TIMESTAMP_TYPE,
        &to_json("timestamp", &t)?,
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
        crate::roots::latest(channel, |p| self.read(p))
    }

    pub fn state(&self, root: &Root) -> Result<ChannelState, Error> {
        ChannelState::read(root, |p| self.read(p))
    }

    pub fn root_dir(&self) -> &Path {
        &self.dir
    }
}

/// A full release from a full set of units: unchanged ones keep their statement, changed or
/// new ones get the next version signed by `editors`, units no longer built become removal
/// statements. The [`plan`] of a full release, every unit signed, then released.
pub fn release_units(
    root: &Root,
    current: &ChannelState,
    all: &[UnitJson],
    editors: &[&Keypair],
    release_keys: &[&Keypair],
    now: i64,
) -> Result<ReleaseFiles, Error> {
    let request = Request {
        packs: all.to_vec(),
        remove_absent: true,
        ..Request::default()
    };
    plan(current, request)?
        .sign(root, current, editors)?
        .require_all()?
        .release(root, current, release_keys, now)
}
