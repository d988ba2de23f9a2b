//! Ed25519 keys and key ids. A key id is the hex SHA-256 of the 32-byte public key, so a
//! metadata file can never claim a key id for a key it does not carry.

use crate::Error;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Hex SHA-256 of a public key.
pub fn key_id(public: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(public.as_bytes()))
}

/// A public key as it appears in root metadata (hex of the 32 raw bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKey {
    pub ed25519: String,
}

impl PublicKey {
    pub fn from_verifying(key: &VerifyingKey) -> Self {
        PublicKey {
            ed25519: hex::encode(key.as_bytes()),
        }
    }

    pub fn verifying(&self) -> Result<VerifyingKey, Error> {
        let bytes: [u8; 32] = hex::decode(&self.ed25519)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(Error::BadKey)?;
        // Rejects non-canonical and small-order points up front.
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| Error::BadKey)?;
        if key.is_weak() {
            return Err(Error::BadKey);
        }
        Ok(key)
    }

    pub fn key_id(&self) -> Result<String, Error> {
        Ok(key_id(&self.verifying()?))
    }
}

/// A private signing key with its public half. Kept in a JSON key file by `scanwise keygen`.
#[derive(Clone)]
pub struct Keypair {
    signing: SigningKey,
}

impl std::fmt::Debug for Keypair {
    // Never print secret material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keypair")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

/// On-disk form of a key file.
#[derive(Serialize, Deserialize)]
struct KeyFile {
    key_id: String,
    public: PublicKey,
    secret_ed25519: String,
}

impl Keypair {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, Error> {
        let mut seed = [0u8; 32];
        getrandom::getrandom(&mut seed).map_err(|e| Error::Random(e.to_string()))?;
        Ok(Self::from_seed(seed))
    }

    /// Deterministic key from a 32-byte seed (tests and fixtures).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Keypair {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    pub fn public(&self) -> PublicKey {
        PublicKey::from_verifying(&self.signing.verifying_key())
    }

    pub fn key_id(&self) -> String {
        key_id(&self.signing.verifying_key())
    }

    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }

    pub fn to_json(&self) -> String {
        let file = KeyFile {
            key_id: self.key_id(),
            public: self.public(),
            secret_ed25519: hex::encode(self.signing.to_bytes()),
        };
        serde_json::to_string_pretty(&file).expect("key file serialises")
    }

    pub fn from_json(text: &str) -> Result<Self, Error> {
        let file: KeyFile = serde_json::from_str(text).map_err(|_| Error::BadKey)?;
        let seed: [u8; 32] = hex::decode(&file.secret_ed25519)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(Error::BadKey)?;
        let pair = Self::from_seed(seed);
        if pair.key_id() != file.key_id || pair.public() != file.public {
            return Err(Error::BadKey);
        }
        Ok(pair)
    }
}
