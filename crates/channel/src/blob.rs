//! Pack blobs: zstd-compressed pack JSON, addressed by the SHA-256 of the compressed bytes.

use crate::Error;
use crate::metadata::FileRef;
use scanwise_core::model::Pack;
use std::io::Read;

/// Compress a pack. Returns the blob, its reference and the exact uncompressed length.
pub fn encode(pack: &Pack) -> (Vec<u8>, FileRef, u64) {
    let json = serde_json::to_vec(pack).expect("pack serialises");
    let blob = zstd::stream::encode_all(json.as_slice(), 9).expect("in-memory zstd");
    let r = FileRef {
        sha256: crate::sha256_hex(&blob),
        length: blob.len() as u64,
    };
    (blob, r, json.len() as u64)
}

/// Check length and hash of the compressed bytes, then decompress at most
/// `uncompressed_length` bytes and require exactly that many.
pub fn decode(
    path: &str,
    blob: &[u8],
    expected: &FileRef,
    uncompressed_length: u64,
) -> Result<Pack, Error> {
    crate::client::check_file(path, blob, expected)?;
    let json = decompress_exact(path, blob, uncompressed_length)?;
    serde_json::from_slice(&json).map_err(|e| Error::BadPayload {
        what: "pack",
        message: e.to_string(),
    })
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
        .take(exact + 1)
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
