//! The publish protocol's wire types: what `scanwise publish --server` sends to
//! `POST /api/v1/channels/{channel}/publish` and what the server answers. Plain serde types
//! and their base64 coding; the HTTP lives in the client (`scanwise-publish-client`) and the
//! server (`scanwise-server`).

use crate::release::SignedUnit;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};

/// The endpoint, relative to the server's base URL.
pub fn publish_path(channel: &str) -> String {
    format!("api/v1/channels/{channel}/publish")
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PublishUnit {
    /// Base64 of the signed module-statement envelope (a removal statement removes the unit).
    pub statement: String,
    /// Base64 of the zstd blob it names (empty for a removal statement).
    #[serde(default)]
    pub blob: String,
}

/// An unsigned removal. Refused: a removal is an editor-signed removal statement in `units`
/// (`scanwise publish --remove`), needing the same signatures as a publish of that unit.
#[derive(Debug, Serialize, Deserialize)]
pub struct RemoveUnit {
    pub unit: String,
    pub locale: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PublishRequest {
    #[serde(default)]
    pub units: Vec<PublishUnit>,
    #[serde(default)]
    pub remove: Vec<RemoveUnit>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PublishResponse {
    pub snapshot_version: u64,
    pub timestamp_version: u64,
}

/// One unit of a request, decoded: the statement envelope and blob bytes, not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUnit {
    pub envelope: Vec<u8>,
    pub blob: Vec<u8>,
}

impl PublishRequest {
    /// The request for signed statements (and their blobs) and unsigned removals.
    pub fn new(units: &[SignedUnit], remove: &[(String, String)]) -> Self {
        PublishRequest {
            units: units
                .iter()
                .map(|u| PublishUnit {
                    statement: B64.encode(&u.envelope),
                    blob: B64.encode(&u.blob),
                })
                .collect(),
            remove: remove
                .iter()
                .map(|(u, l)| RemoveUnit {
                    unit: u.clone(),
                    locale: l.clone(),
                })
                .collect(),
        }
    }

    /// The units' bytes; an error names the first field that is not base64.
    pub fn decode_units(&self) -> Result<Vec<RawUnit>, base64::DecodeError> {
        self.units
            .iter()
            .map(|u| {
                Ok(RawUnit {
                    envelope: B64.decode(&u.statement)?,
                    blob: B64.decode(&u.blob)?,
                })
            })
            .collect()
    }
}
