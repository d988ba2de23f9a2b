//! The signed content channel: a small TUF profile (see `docs/channel.md`).
//!
//! - [`envelope`]: DSSE-style envelopes, Ed25519 `verify_strict`, per-role payload types.
//! - [`keys`]: key pairs, key files and key ids (SHA-256 of the public key).
//! - [`metadata`]: root, timestamp, snapshot and editor-signed module statements.
//! - [`layout`]: file paths and the id checks that run before an id becomes a path.
//! - [`blob`]: zstd pack blobs; hash before decompress, exact uncompressed length.
//! - [`client`]: the device's refresh state machine over a [`client::Fetcher`].
//! - [`roots`]: the one walk along the root chain (device, publisher, server).
//! - [`release`]: the publisher's side: the one release planner ([`release::plan`]),
//!   statements, snapshots, timestamps, a channel directory.
//! - [`publish`]: the publish protocol's wire types (no HTTP).
//! - [`fuzzing`]: entry points for every parser of untrusted bytes (fuzz targets, corpus replay).
//!
//! **Architecture Invariant:** no SQLite, no Tauri, no HTTP, and no dependency on
//! `scanwise-core`: packs travel as opaque JSON ([`UnitJson`]). Checked by a test running
//! `cargo tree`. The device updater (`scanwise-device`) persists what [`client::refresh`]
//! verified; the server reuses [`release`], [`roots`] and the same verification.

pub mod blob;
pub mod client;
pub mod envelope;
pub mod fuzzing;
pub mod keys;
pub mod layout;
pub mod metadata;
pub mod publish;
pub mod release;
pub mod roots;

/// Hard caps on every download, whatever the metadata says.
pub mod limits {
    pub const MAX_TIMESTAMP: u64 = 16 * 1024;
    pub const MAX_ROOT: u64 = 512 * 1024;
    pub const MAX_SNAPSHOT: u64 = 16 * 1024 * 1024;
    pub const MAX_STATEMENT: u64 = 64 * 1024;
    pub const MAX_BLOB: u64 = 32 * 1024 * 1024;
    pub const MAX_PACK: u64 = 64 * 1024 * 1024;
    /// Root rotations followed in one refresh.
    pub const MAX_ROOT_ROTATIONS: u64 = 64;

    /// The largest version any root, timestamp, snapshot or unit may carry: 2^53 - 1. Every
    /// accepted version can be incremented, and every version is exact as a JSON number in
    /// any tool (JavaScript, jq) that reads the metadata as doubles.
    pub const MAX_VERSION: u64 = (1 << 53) - 1;
    /// The largest step one release may move a version forward: timestamp, snapshot and each
    /// unit, at the publisher (server and CLI) and on the device (measured from what it
    /// trusts). One publish moves the timestamp and snapshot by 1, so a device would have to
    /// miss a million publishes to meet it; a stolen key cannot burn the version space.
    pub const MAX_VERSION_JUMP: u64 = 1_000_000;
    /// How far a timestamp's `issued` may be ahead of the device's now (its clock, or the
    /// `issued` of the timestamp it trusts if that is later) before the device refuses it:
    /// one day, more than any time-zone mistake (14 h). A refused timestamp never raises the
    /// device's floor.
    pub const MAX_ISSUED_AHEAD: i64 = 24 * 3600;
    /// How far a publisher's clock may be behind the previous timestamp's `issued` and still
    /// sign (the previous `issued` is then carried forward). Further behind: the publisher
    /// refuses and writes nothing.
    pub const MAX_PUBLISHER_SKEW: i64 = 5 * 60;
}

/// `v + 1`, refusing a version that cannot be incremented within [`limits::MAX_VERSION`].
pub fn next_version(what: &str, v: u64) -> Result<u64, Error> {
    v.checked_add(1)
        .filter(|n| *n <= limits::MAX_VERSION)
        .ok_or_else(|| Error::VersionExhausted {
            what: what.to_owned(),
            version: v,
        })
}

/// A version is at most [`limits::MAX_VERSION`].
pub fn check_version(what: &str, v: u64) -> Result<(), Error> {
    if v > limits::MAX_VERSION {
        return Err(Error::VersionExhausted {
            what: what.to_owned(),
            version: v,
        });
    }
    Ok(())
}

/// `offered` may not be more than [`limits::MAX_VERSION_JUMP`] ahead of `trusted`.
pub fn check_jump(what: &str, trusted: u64, offered: u64) -> Result<(), Error> {
    if offered.saturating_sub(trusted) > limits::MAX_VERSION_JUMP {
        return Err(Error::VersionJump {
            what: what.to_owned(),
            trusted,
            offered,
        });
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("malformed envelope: {0}")]
    Malformed(String),
    #[error("malformed {what}: {message}")]
    BadPayload { what: &'static str, message: String },
    #[error("invalid metadata: {0}")]
    Invalid(String),
    #[error("bad key")]
    BadKey,
    #[error("random source failed: {0}")]
    Random(String),
    #[error("payload type {found:?}, expected {expected:?}")]
    WrongPayloadType { expected: String, found: String },
    #[error("{role}: {have} valid signature(s) from distinct trusted keys, {need} needed")]
    Threshold {
        role: &'static str,
        have: usize,
        need: u32,
    },
    #[error("invalid {kind} id {value:?}")]
    BadId { kind: &'static str, value: String },
    #[error("{what} belongs to channel {found:?}, expected {expected:?}")]
    WrongChannel {
        what: &'static str,
        expected: String,
        found: String,
    },
    #[error("rollback of {what}: have {trusted}, offered {offered}")]
    Rollback {
        what: String,
        trusted: u64,
        offered: u64,
    },
    #[error("{what} version {version} cannot be incremented (versions stop at {max})", max = limits::MAX_VERSION)]
    VersionExhausted { what: String, version: u64 },
    #[error("{what} jumps from version {trusted} to {offered}; one release may move a version by at most {max}", max = limits::MAX_VERSION_JUMP)]
    VersionJump {
        what: String,
        trusted: u64,
        offered: u64,
    },
    #[error("timestamp issued at {issued}, more than {max} s ahead of this device's time {now}", max = limits::MAX_ISSUED_AHEAD)]
    IssuedInFuture { issued: i64, now: i64 },
    #[error("this clock ({now}) is {} s behind the channel's last timestamp (issued {issued}); refusing to sign. Fix the clock, or if that timestamp was signed with a wrong clock, rotate the release key in a new root (docs/channel.md, \"Recovering a fleet\")", issued - now)]
    ClockBehind { now: i64, issued: i64 },
    #[error("{unit}/{locale}: {message}")]
    Removal {
        unit: String,
        locale: String,
        message: String,
    },
    #[error("removing {unit}/{locale} needs {need} editor signature(s) in scope; {have} given")]
    RemovalKeys {
        unit: String,
        locale: String,
        have: usize,
        need: u32,
    },
    #[error("{what} version {version} changed content without a new version")]
    Equivocation { what: String, version: u64 },
    #[error("{what} expired at {expires} (now {now})")]
    Expired {
        what: &'static str,
        expires: i64,
        now: i64,
    },
    #[error("root version {found} where {expected} was expected")]
    RootVersion { expected: u64, found: u64 },
    #[error("{unit}/{locale} disappeared from the snapshot")]
    Dropped { unit: String, locale: String },
    #[error("{path}: length {found}, signed length {expected}")]
    Length {
        path: String,
        expected: u64,
        found: u64,
    },
    #[error("{path}: hash mismatch")]
    Hash { path: String },
    #[error("{path}: does not match what the signed metadata describes: {message}")]
    Mismatch { path: String, message: String },
    #[error("{path}: decompression failed or exceeded the signed length")]
    Decompress { path: String },
    #[error("{path} is missing from the channel")]
    Missing { path: String },
    #[error(transparent)]
    Fetch(#[from] client::FetchError),
    #[error("i/o on {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// One unit's pack JSON with its key: what a publisher signs and what a refresh delivers.
/// The channel never interprets the JSON (it knows nothing of the pack model or SQLite);
/// `scanwise_device::codec` makes one from a `scanwise_core::model::Pack` and reads it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitJson {
    pub unit: String,
    pub locale: String,
    pub json: Vec<u8>,
}

/// Hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
