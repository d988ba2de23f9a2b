//! DSSE-style envelopes: the signature covers the exact payload bytes and the payload type
//! (pre-authentication encoding), so a signature made for one role can never be replayed as
//! another and nothing depends on canonical JSON. Payloads are parsed only after verification.

use crate::Error;
use crate::keys::Keypair;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const ROOT_TYPE: &str = "application/vnd.scanwise.root+json";
pub const TIMESTAMP_TYPE: &str = "application/vnd.scanwise.timestamp+json";
pub const SNAPSHOT_TYPE: &str = "application/vnd.scanwise.snapshot+json";
pub const MODULE_TYPE: &str = "application/vnd.scanwise.module+json";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    /// Base64 of the exact signed bytes.
    pub payload: String,
    pub signatures: Vec<EnvelopeSignature>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeSignature {
    pub keyid: String,
    pub sig: String,
}

/// DSSE v1 pre-authentication encoding.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + payload_type.len() + 32);
    out.extend_from_slice(b"DSSEv1 ");
    out.extend_from_slice(payload_type.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload_type.as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload.len().to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(payload);
    out
}

/// Sign `payload` as `payload_type` with every key; returns the envelope's JSON bytes.
pub fn sign(payload_type: &str, payload: &[u8], keys: &[&Keypair]) -> Vec<u8> {
    let message = pae(payload_type, payload);
    let envelope = Envelope {
        payload_type: payload_type.to_owned(),
        payload: B64.encode(payload),
        signatures: keys
            .iter()
            .map(|k| EnvelopeSignature {
                keyid: k.key_id(),
                sig: B64.encode(k.sign(&message).to_bytes()),
            })
            .collect(),
    };
    serde_json::to_vec_pretty(&envelope).expect("envelope serialises")
}

/// Add signatures to an existing envelope (the second signer of a reviewed module, or the
/// second root key holder). The payload is untouched.
pub fn add_signatures(envelope_bytes: &[u8], keys: &[&Keypair]) -> Result<Vec<u8>, Error> {
    let mut envelope: Envelope =
        serde_json::from_slice(envelope_bytes).map_err(|e| Error::Malformed(e.to_string()))?;
    let payload = B64
        .decode(&envelope.payload)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    let message = pae(&envelope.payload_type, &payload);
    for key in keys {
        let id = key.key_id();
        envelope.signatures.retain(|s| s.keyid != id);
        envelope.signatures.push(EnvelopeSignature {
            keyid: id,
            sig: B64.encode(key.sign(&message).to_bytes()),
        });
    }
    Ok(serde_json::to_vec_pretty(&envelope).expect("envelope serialises"))
}

/// Parse an envelope without trusting anything in it yet.
pub fn parse(envelope_bytes: &[u8]) -> Result<(Envelope, Vec<u8>), Error> {
    let envelope: Envelope =
        serde_json::from_slice(envelope_bytes).map_err(|e| Error::Malformed(e.to_string()))?;
    let payload = B64
        .decode(&envelope.payload)
        .map_err(|e| Error::Malformed(e.to_string()))?;
    Ok((envelope, payload))
}

/// Verify an envelope against a set of trusted keys and return the payload bytes and the
/// distinct trusted key ids whose signatures verified. The caller decides the threshold.
///
/// Signatures from unknown keys are ignored (they count for nothing); a key id counts once
/// however many times it appears.
pub fn verify_signers(
    envelope_bytes: &[u8],
    expected_type: &str,
    trusted: &BTreeMap<String, VerifyingKey>,
) -> Result<(Vec<u8>, BTreeSet<String>), Error> {
    let (envelope, payload) = parse(envelope_bytes)?;
    if envelope.payload_type != expected_type {
        return Err(Error::WrongPayloadType {
            expected: expected_type.to_owned(),
            found: envelope.payload_type,
        });
    }
    let message = pae(expected_type, &payload);
    let mut good = BTreeSet::new();
    for signature in &envelope.signatures {
        if good.contains(&signature.keyid) {
            continue;
        }
        let Some(key) = trusted.get(&signature.keyid) else {
            continue;
        };
        let Ok(raw) = B64.decode(&signature.sig) else {
            continue;
        };
        let Ok(raw): Result<[u8; 64], _> = raw.try_into() else {
            continue;
        };
        let sig = Signature::from_bytes(&raw);
        if key.verify_strict(&message, &sig).is_ok() {
            good.insert(signature.keyid.clone());
        }
    }
    Ok((payload, good))
}

/// [`verify_signers`] plus a threshold over distinct key ids.
pub fn verify(
    envelope_bytes: &[u8],
    expected_type: &str,
    trusted: &BTreeMap<String, VerifyingKey>,
    threshold: u32,
    role: &'static str,
) -> Result<Vec<u8>, Error> {
    let (payload, good) = verify_signers(envelope_bytes, expected_type, trusted)?;
    if threshold == 0 || (good.len() as u64) < u64::from(threshold) {
        return Err(Error::Threshold {
            role,
            have: good.len(),
            need: threshold,
        });
    }
    Ok(payload)
}
