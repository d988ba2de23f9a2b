//! Entry points for every parser of untrusted bytes, shared by the cargo-fuzz targets in
//! `crates/channel/fuzz/` and by the corpus replay in `cargo test`. None may panic, whatever
//! the input; each returns whether the input was accepted.

use crate::client::{self, Expiry, FetchError, Fetcher, TrustedState};
use crate::keys::Keypair;
use crate::metadata::{Editor, RoleKeys, Root};
use std::collections::BTreeMap;

/// A fixed root (keys from fixed seeds) the metadata targets verify against.
pub fn fixture_root() -> (Root, Vec<u8>, Keypair, Keypair) {
    let (r, release, editor) = (
        Keypair::from_seed([1; 32]),
        Keypair::from_seed([2; 32]),
        Keypair::from_seed([3; 32]),
    );
    let keys: BTreeMap<_, _> = [&r, &release, &editor]
        .iter()
        .map(|k| (k.key_id(), k.public()))
        .collect();
    let root = Root {
        channel: "fuzz".into(),
        version: 1,
        expires: i64::MAX,
        keys,
        root: RoleKeys {
            keyids: vec![r.key_id()],
            threshold: 1,
        },
        release: RoleKeys {
            keyids: vec![release.key_id()],
            threshold: 1,
        },
        editors: vec![Editor {
            name: "e".into(),
            keyid: editor.key_id(),
            languages: vec!["*".into()],
            units: vec!["*".into()],
        }],
        unit_thresholds: BTreeMap::new(),
    };
    let bytes = crate::release::sign_root(&root, &[&r]).expect("fixture root");
    (root, bytes, release, editor)
}

pub fn envelope(data: &[u8]) -> bool {
    crate::envelope::parse(data).is_ok()
}

pub fn root(data: &[u8]) -> bool {
    let (root, ..) = fixture_root();
    let a = client::verify_self_signed_root(data).is_ok();
    let b = client::verify_next_root(&root, data).is_ok();
    a || b
}

pub fn timestamp(data: &[u8]) -> bool {
    client::verify_timestamp(&fixture_root().0, data).is_ok()
}

pub fn snapshot(data: &[u8]) -> bool {
    client::verify_snapshot(&fixture_root().0, data).is_ok()
}

pub fn statement(data: &[u8]) -> bool {
    client::verify_statement(&fixture_root().0, data).is_ok()
}

/// A blob claiming `len` uncompressed bytes: first 8 bytes are the length, the rest the blob.
pub fn blob(data: &[u8]) -> bool {
    if data.len() < 8 {
        return false;
    }
    let len = u64::from_le_bytes(data[..8].try_into().expect("8 bytes")) % (1 << 20);
    let b = &data[8..];
    let r = crate::metadata::FileRef {
        sha256: crate::sha256_hex(b),
        length: b.len() as u64,
    };
    crate::blob::decode("fuzz", b, &r, len).is_ok()
}

pub fn path(data: &[u8]) -> bool {
    std::str::from_utf8(data).is_ok_and(|s| crate::layout::check_file_path(s).is_ok())
}

/// A whole refresh where every file the client asks for is a slice of the input.
pub fn refresh(data: &[u8]) -> bool {
    struct Slices<'a>(Vec<&'a [u8]>);
    impl Fetcher for Slices<'_> {
        fn fetch(&self, path: &str, max: u64) -> Result<Option<Vec<u8>>, FetchError> {
            // Deterministic: the file for a path is chosen by the path's length.
            let part = self
                .0
                .get(path.len() % self.0.len().max(1))
                .copied()
                .unwrap_or_default();
            if part.is_empty() {
                return Ok(None);
            }
            if part.len() as u64 > max {
                return Err(FetchError::TooLarge {
                    path: path.into(),
                    max,
                });
            }
            Ok(Some(part.to_vec()))
        }
    }
    let (_, root_bytes, ..) = fixture_root();
    let trusted = TrustedState::from_embedded_root(&root_bytes).expect("fixture root");
    let parts = Slices(data.split(|b| *b == 0xff).collect());
    client::refresh(&trusted, &parts, 0, Expiry::Enforce).is_ok()
}

/// A fuzz entry point: accepts or refuses, never panics.
pub type Target = fn(&[u8]) -> bool;

/// Every target by name (the corpus directories are named after them).
pub const TARGETS: &[(&str, Target)] = &[
    ("envelope", envelope),
    ("root", root),
    ("timestamp", timestamp),
    ("snapshot", snapshot),
    ("statement", statement),
    ("blob", blob),
    ("path", path),
    ("refresh", refresh),
];
