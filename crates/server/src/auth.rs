//! Editor tokens: stored as SHA-256 hashes, compared in constant time, scoped like editor keys,
//! and rate-limited per editor.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// One editor as the server knows them (the `--editors` JSON file is a list of these).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditorToken {
    pub name: String,
    /// Hex SHA-256 of the bearer token; the token itself is never stored.
    pub token_sha256: String,
    /// `"*"` means all.
    pub languages: Vec<String>,
    pub units: Vec<String>,
}

impl EditorToken {
    pub fn may_publish(&self, unit: &str, locale: &str) -> bool {
        self.languages.iter().any(|l| l == "*" || l == locale)
            && self.units.iter().any(|u| u == "*" || u == unit)
    }
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random token (hex of 32 random bytes).
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut b = [0u8; 32];
    getrandom::getrandom(&mut b)?;
    Ok(hex::encode(b))
}

/// The editor whose token this is. Every configured hash is compared, in constant time, so
/// timing says nothing about which or how many bytes matched.
pub fn authenticate<'e>(editors: &'e [EditorToken], token: &str) -> Option<&'e EditorToken> {
    let presented = Sha256::digest(token.as_bytes());
    let mut found = None;
    for e in editors {
        let Ok(stored) = hex::decode(&e.token_sha256) else {
            continue;
        };
        if stored.len() == presented.len()
            && bool::from(stored.as_slice().ct_eq(presented.as_slice()))
        {
            found = Some(e);
        }
    }
    found
}

/// Sliding-window limit of publishes per editor.
pub struct RateLimiter {
    per_window: usize,
    window: Duration,
    seen: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(per_window: usize, window: Duration) -> Self {
        RateLimiter {
            per_window,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Record an attempt; false when the editor is over the limit.
    pub fn allow(&self, editor: &str) -> bool {
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let q = seen.entry(editor.to_owned()).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.window)
        {
            q.pop_front();
        }
        if q.len() >= self.per_window {
            return false;
        }
        q.push_back(now);
        true
    }
}
