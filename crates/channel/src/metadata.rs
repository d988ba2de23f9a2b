//! The signed metadata documents. Times are Unix seconds (UTC). Every document names its
//! channel, so metadata from one channel cannot be replayed into another.

use crate::Error;
use crate::keys::PublicKey;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Keys and threshold for one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleKeys {
    pub keyids: Vec<String>,
    pub threshold: u32,
}

/// An editor (author, translator or clinical reviewer) and what their key may sign.
/// `"*"` in `languages` or `units` means all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Editor {
    pub name: String,
    pub keyid: String,
    pub languages: Vec<String>,
    pub units: Vec<String>,
}

impl Editor {
    pub fn may_sign(&self, unit: &str, locale: &str) -> bool {
        let lang_ok = self.languages.iter().any(|l| l == "*" || l == locale);
        let unit_ok = self.units.iter().any(|u| u == "*" || u == unit);
        lang_ok && unit_ok
    }
}

/// Root of trust. Rotated by publishing `N+1.root.json` signed by the old and the new root keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Root {
    pub channel: String,
    pub version: u64,
    pub expires: i64,
    /// Every key the channel knows, by key id.
    pub keys: BTreeMap<String, PublicKey>,
    pub root: RoleKeys,
    /// Signs timestamp and snapshot (online, held by the server or the release manager).
    pub release: RoleKeys,
    pub editors: Vec<Editor>,
    /// Units that need more than one distinct editor signature (author + clinical reviewer).
    #[serde(default)]
    pub unit_thresholds: BTreeMap<String, u32>,
}

impl Root {
    /// Structural checks that make the other methods safe to call.
    pub fn validate(&self) -> Result<(), Error> {
        crate::layout::check_channel(&self.channel)?;
        for (id, key) in &self.keys {
            if key.key_id()? != *id {
                return Err(Error::Invalid(format!(
                    "key id {id} does not match its key"
                )));
            }
        }
        for (role, keys) in [("root", &self.root), ("release", &self.release)] {
            let distinct: BTreeSet<&String> = keys.keyids.iter().collect();
            if keys.threshold == 0 || distinct.len() < keys.threshold as usize {
                return Err(Error::Invalid(format!("{role} threshold cannot be met")));
            }
            if let Some(missing) = keys.keyids.iter().find(|k| !self.keys.contains_key(*k)) {
                return Err(Error::Invalid(format!("{role} key {missing} not listed")));
            }
        }
        for editor in &self.editors {
            if !self.keys.contains_key(&editor.keyid) {
                return Err(Error::Invalid(format!(
                    "editor key {} not listed",
                    editor.keyid
                )));
            }
        }
        if self.unit_thresholds.values().any(|t| *t == 0) {
            return Err(Error::Invalid("unit threshold 0".into()));
        }
        crate::check_version("root", self.version)?;
        Ok(())
    }

    fn role_keys(&self, ids: &[String]) -> BTreeMap<String, VerifyingKey> {
        ids.iter()
            .filter_map(|id| {
                let key = self.keys.get(id)?.verifying().ok()?;
                Some((id.clone(), key))
            })
            .collect()
    }

    pub fn root_keys(&self) -> BTreeMap<String, VerifyingKey> {
        self.role_keys(&self.root.keyids)
    }

    pub fn release_keys(&self) -> BTreeMap<String, VerifyingKey> {
        self.role_keys(&self.release.keyids)
    }

    /// Editor keys allowed to sign `(unit, locale)`.
    pub fn editor_keys_for(&self, unit: &str, locale: &str) -> BTreeMap<String, VerifyingKey> {
        let ids: Vec<String> = self
            .editors
            .iter()
            .filter(|e| e.may_sign(unit, locale))
            .map(|e| e.keyid.clone())
            .collect();
        self.role_keys(&ids)
    }

    /// Distinct editor signatures `(unit, locale)` needs.
    pub fn unit_threshold(&self, unit: &str) -> u32 {
        self.unit_thresholds.get(unit).copied().unwrap_or(1)
    }

    /// The release role's key ids as a set: a new root "rotates the release key" when this
    /// changes, and the device then forgets the timestamp and snapshot those keys vouched for.
    pub fn release_key_set(&self) -> BTreeSet<&str> {
        self.release.keyids.iter().map(String::as_str).collect()
    }
}

/// Hash and length of a file another document points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRef {
    pub sha256: String,
    pub length: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timestamp {
    pub channel: String,
    pub version: u64,
    /// When the release signed it; the device's clock never goes below the latest one it trusts.
    pub issued: i64,
    pub expires: i64,
    pub snapshot_version: u64,
    pub snapshot: FileRef,
}

impl Timestamp {
    pub fn validate(&self) -> Result<(), Error> {
        crate::layout::check_channel(&self.channel)?;
        crate::layout::check_sha256(&self.snapshot.sha256)?;
        crate::check_version("timestamp", self.version)?;
        crate::check_version("snapshot", self.snapshot_version)?;
        Ok(())
    }
}

/// One (unit, locale) in a snapshot. A removed unit stays listed (with a higher version)
/// pointing at an editor-signed *removal* statement, so a dropped entry is always an attack,
/// and a removal needs the same editor signatures as a publish. `statement` must be present:
/// `None` (the release key alone removing a unit) is refused by [`Snapshot::validate`]; the
/// field stays an `Option` only so such a snapshot is reported clearly rather than as bad JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    pub unit: String,
    pub locale: String,
    pub version: u64,
    pub statement: Option<FileRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub channel: String,
    pub version: u64,
    pub expires: i64,
    /// Sorted by (unit, locale), no duplicates.
    pub units: Vec<UnitEntry>,
}

impl Snapshot {
    pub fn validate(&self) -> Result<(), Error> {
        crate::layout::check_channel(&self.channel)?;
        for pair in self.units.windows(2) {
            if (&pair[0].unit, &pair[0].locale) >= (&pair[1].unit, &pair[1].locale) {
                return Err(Error::Invalid(
                    "snapshot units not sorted and unique".into(),
                ));
            }
        }
        crate::check_version("snapshot", self.version)?;
        for entry in &self.units {
            crate::layout::check_unit(&entry.unit)?;
            crate::layout::check_locale(&entry.locale)?;
            crate::check_version(&entry.unit, entry.version)?;
            match &entry.statement {
                Some(s) => crate::layout::check_sha256(&s.sha256)?,
                None => {
                    return Err(Error::Removal {
                        unit: entry.unit.clone(),
                        locale: entry.locale.clone(),
                        message: "removed without an editor-signed removal statement".into(),
                    });
                }
            }
        }
        Ok(())
    }

    pub fn get(&self, unit: &str, locale: &str) -> Option<&UnitEntry> {
        self.units
            .binary_search_by(|e| (e.unit.as_str(), e.locale.as_str()).cmp(&(unit, locale)))
            .ok()
            .map(|i| &self.units[i])
    }
}

/// What an editor signs: this version of this unit in this language is this blob, or (no
/// blob) this unit is removed from this language at this version. Both need the unit's editor
/// threshold, so a removal is as much a signed statement as a publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleStatement {
    pub channel: String,
    pub unit: String,
    pub locale: String,
    pub version: u64,
    /// The zstd-compressed pack JSON; absent in a removal statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob: Option<FileRef>,
    /// Exact length of the pack JSON after decompression (0 in a removal statement).
    pub uncompressed_length: u64,
}

impl ModuleStatement {
    pub fn validate(&self) -> Result<(), Error> {
        crate::layout::check_channel(&self.channel)?;
        crate::layout::check_unit(&self.unit)?;
        crate::layout::check_locale(&self.locale)?;
        crate::check_version(&self.unit, self.version)?;
        match &self.blob {
            Some(blob) => {
                crate::layout::check_sha256(&blob.sha256)?;
                if blob.length > crate::limits::MAX_BLOB
                    || self.uncompressed_length > crate::limits::MAX_PACK
                {
                    return Err(Error::Invalid("module statement over hard cap".into()));
                }
            }
            None if self.uncompressed_length != 0 => {
                return Err(Error::Invalid(
                    "removal statement with an uncompressed length".into(),
                ));
            }
            None => {}
        }
        Ok(())
    }

    /// True for a removal statement.
    pub fn is_removal(&self) -> bool {
        self.blob.is_none()
    }
}
