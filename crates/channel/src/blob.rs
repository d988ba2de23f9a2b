//! Pack blobs: zstd-compressed pack JSON, addressed by the SHA-256 of the compressed bytes.
//! The channel treats pack JSON as opaque bytes; the device parses it into a pack.

use crate::Error;
use crate::metadata::FileRef;
use std::io::Read;

/// Compress pack JSON. Returns the blob, its reference and the exact uncompressed length.
/// Deterministic: the same JSON always gives the same blob.
pub fn encode(json: &[u8]) -> (Vec<u8>, FileRef, u64) {
    let blob = zstd::stream::encode_all(json, 9).expect("in-memory zstd");
    let r = FileRef {
        sha256: crate::sha256_hex(&blob),
        length: blob.len() as u64,
    };
    (blob, r, json.len() as u64)
}

/// Check length and hash of the compressed bytes, then decompress at most
/// `uncompressed_length` bytes and require exactly that many. Returns the pack JSON.
pub fn decode(
    path: &str,
    blob: &[u8],
    expected: &FileRef,
    uncompressed_length: u64,
) -> Result<Vec<u8>, Error> {
    crate::client::check_file(path, blob, expected)?;
    decompress_exact(path, blob, uncompressed_length)
}

/// Bounded decompression: a bomb stops at `exact + 1` bytes.
pub fn decompress_exact(path: &str, blob: &[u8], exact: u64) -> Result<Vec<u8>, Error> {
    let err = || Error::Decompress {
        path: path.to_owned(),
    };
    if exact > crate::limits::MAX_PACK {
        return Err(err());
    }
    let decoder = zstd::stream::read::Decoder::new(blob).map_err(|_| err())?;
    let mut out = Vec::with_capacity(exact as usize);
    decoder
        .take(exact.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|_| err())?;
    if out.len() as u64 != exact {
        return Err(err());
    }
    Ok(out)
}

/// Compress arbitrary bytes the way blobs are compressed (tests, fuzz corpora).
pub fn compress_raw(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).expect("in-memory zstd")
}
