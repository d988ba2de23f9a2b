//! Content slots: immutable SQLite databases built from [`Pack`]s, and every query a screen needs.
//!
//! A slot is built once, in one transaction, into `PATH.tmp`, fsynced and renamed over `PATH`, so
//! `PATH` is always either the old slot or the complete new one. The caller (the updater) picks
//! the A/B paths; after that the app opens the slot read-only. Slots never touch `user.db`: they
//! are different types with different SQLite `application_id`s.
//!
//! Every screen query takes a language fallback chain (`["nb", "en"]`). Modules fall back as a
//! whole (never a half-translated screen); lists (glossary concepts, appointment questions) fall
//! back per item. What was shown, and whether it is a fallback, travels with the result.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

mod error;
mod import;
mod queries;
mod schema;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
#[cfg(test)]
mod tests;

pub use error::{Result, StoreError};
pub use queries::{LanguageInfo, Localized, ModuleSummary, ModuleView, UnitInfo};
pub use schema::{SLOT_APPLICATION_ID, SLOT_SCHEMA_VERSION};

use crate::model::Pack;

/// An open, read-only content slot.
pub struct ContentSlot {
    conn: Connection,
    path: PathBuf,
    search_cache: crate::search::SearchCache,
}

impl std::fmt::Debug for ContentSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContentSlot")
            .field("path", &self.path)
            .finish()
    }
}

/// SHA-256 (hex) of a pack's JSON as a slot stores it; equal to [`UnitInfo::sha256`].
pub fn pack_sha256(pack: &Pack) -> Result<String> {
    Ok(import::sha256_hex(&serde_json::to_string(pack)?))
}

impl ContentSlot {
    /// Builds a fresh slot at `path` from `packs` and opens it read-only.
    ///
    /// On any error `path` is left exactly as it was (absent, or the previous slot) and no
    /// `PATH.tmp` remains. Refuses to replace a database that is not a content slot.
    pub fn build(path: &Path, packs: &[Pack]) -> Result<ContentSlot> {
        refuse_foreign_database(path)?;
        let tmp = with_suffix(path, ".tmp");
        remove_with_sidecars(&tmp)?;
        if let Err(e) = write_slot(&tmp, packs) {
            // Best effort: the error that matters is the build error.
            let _ = remove_with_sidecars(&tmp);
            return Err(e);
        }
        let publish = || -> Result<()> {
            fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| StoreError::io(&tmp, e))?;
            // A journal left by an older file at `path` must never be replayed onto the new one.
            for suffix in ["-journal", "-wal", "-shm"] {
                remove_if_exists(&with_suffix(path, suffix))?;
            }
            fs::rename(&tmp, path).map_err(|e| StoreError::io(path, e))?;
            sync_parent_dir(path)
        };
        if let Err(e) = publish() {
            let _ = remove_with_sidecars(&tmp);
            return Err(e);
        }
        ContentSlot::open(path)
    }

    /// Opens an existing slot read-only (`SQLITE_OPEN_READ_ONLY`).
    pub fn open(path: &Path) -> Result<ContentSlot> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if app_id != SLOT_APPLICATION_ID {
            return Err(StoreError::WrongDatabase {
                path: path.to_owned(),
                expected: "content slot",
            });
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let meta: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let meta_version = meta.and_then(|v| v.parse::<i64>().ok());
        if version != SLOT_SCHEMA_VERSION || meta_version != Some(SLOT_SCHEMA_VERSION) {
            return Err(StoreError::SchemaMismatch {
                path: path.to_owned(),
                found: version,
                expected: SLOT_SCHEMA_VERSION,
            });
        }
        Ok(ContentSlot {
            conn,
            path: path.to_owned(),
            search_cache: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// For the search module, which queries the same database.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn search_cache(&self) -> &crate::search::SearchCache {
        &self.search_cache
    }

    /// Every stored pack with the SHA-256 of its JSON, sorted by unit then locale.
    pub fn units(&self) -> Result<Vec<UnitInfo>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT unit, locale, sha256 FROM packs ORDER BY unit, locale")?;
        let rows = stmt.query_map([], |r| {
            Ok(UnitInfo {
                unit: r.get(0)?,
                locale: r.get(1)?,
                sha256: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The pack exactly as it was imported.
    pub fn pack(&self, unit: &str, locale: &str) -> Result<Option<Pack>> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT json FROM packs WHERE unit = ?1 AND locale = ?2")?
            .query_row(params![unit, locale], |r| r.get(0))
            .optional()?;
        Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
    }
}

/// The first language of `chain` that `has` accepts.
pub(crate) fn pick<'c>(chain: &[&'c str], has: impl Fn(&str) -> bool) -> Option<&'c str> {
    chain.iter().copied().find(|lang| has(lang))
}

/// For each id, the first language of `chain` it exists in; ids in order of first appearance
/// walking the chain (so the primary language's order wins).
pub(crate) fn pick_per_id(chain: &[&str], rows: &[(String, String)]) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut picked = Vec::new();
    for lang in chain {
        for (id, row_lang) in rows {
            if row_lang == lang && seen.insert(id.as_str()) {
                picked.push((id.clone(), row_lang.clone()));
            }
        }
    }
    picked
}

fn write_slot(tmp: &Path, packs: &[Pack]) -> Result<()> {
    let mut conn = Connection::open(tmp)?;
    // The file is discarded on failure, so the rollback journal can live in memory, and the
    // whole file is fsynced once before the rename.
    conn.execute_batch(
        "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA page_size = 4096;",
    )?;
    let tx = conn.transaction()?;
    tx.execute_batch(schema::SLOT_SCHEMA)?;
    for pack in packs {
        import::insert_pack(&tx, pack)?;
    }
    import::insert_search_index(&tx, packs)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?1), ('pack_format', ?2)",
        params![
            SLOT_SCHEMA_VERSION.to_string(),
            crate::model::PACK_FORMAT.to_string()
        ],
    )?;
    tx.pragma_update(None, "application_id", SLOT_APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SLOT_SCHEMA_VERSION)?;
    tx.commit()?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

/// Reads the SQLite header directly (no SQLite open, so no journal replay) and refuses a file
/// that is a database of another kind, such as `user.db`.
fn refuse_foreign_database(path: &Path) -> Result<()> {
    use std::io::Read;
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    let mut header = Vec::with_capacity(100);
    file.take(100)
        .read_to_end(&mut header)
        .map_err(|e| StoreError::io(path, e))?;
    if header.len() < 100 || &header[..16] != b"SQLite format 3\0" {
        // Not a database (empty, or torn by something else): replacing it loses nothing.
        return Ok(());
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id == SLOT_APPLICATION_ID {
        Ok(())
    } else {
        Err(StoreError::WrongDatabase {
            path: path.to_owned(),
            expected: "content slot",
        })
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(path, e)),
    }
}

fn remove_with_sidecars(path: &Path) -> Result<()> {
    remove_if_exists(path)?;
    for suffix in ["-journal", "-wal", "-shm"] {
        remove_if_exists(&with_suffix(path, suffix))?;
    }
    Ok(())
}

/// Makes the rename itself durable.
fn sync_parent_dir(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        fs::File::open(parent)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io(parent, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
