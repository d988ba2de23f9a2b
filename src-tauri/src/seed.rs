//! The content that ships inside the app, imported into a content slot on first run.
//!
//! [`import_seed`] is the ONE place the seed enters the store: the channel work routes it
//! through signature verification by replacing that function's body.

use crate::ipc::{AppError, AppResult};
use scanwise_core::model::Pack;
use scanwise_core::slot::ContentSlot;
use std::path::{Path, PathBuf};

/// Packs built from `content/` by `scanwise_author::build_packs` at compile time (build.rs).
const SEED_PACKS: &str = include_str!(concat!(env!("OUT_DIR"), "/seed-packs.json"));
/// Changes whenever the embedded packs change.
const SEED_ID: &str = include_str!(concat!(env!("OUT_DIR"), "/seed-id.txt"));

pub fn seed_packs() -> AppResult<Vec<Pack>> {
    serde_json::from_str(SEED_PACKS).map_err(|e| AppError::Content(format!("embedded seed: {e}")))
}

fn slot_path(data_dir: &Path) -> PathBuf {
    data_dir
        .join("content")
        .join(format!("seed-{}.db", SEED_ID.trim()))
}

/// The path of this build's seed slot, importing it first if it is not there yet (first run,
/// or an app update that brought new content).
pub fn open_or_import(data_dir: &Path) -> AppResult<PathBuf> {
    let path = slot_path(data_dir);
    if path.exists() && ContentSlot::open(&path).is_ok() {
        return Ok(path);
    }
    // Missing or unreadable (e.g. an older schema): build it from the embedded packs.
    import_seed(data_dir)?;
    Ok(path)
}

/// Builds the seed content slot from the embedded packs through the core's import.
pub fn import_seed(data_dir: &Path) -> AppResult<ContentSlot> {
    let path = slot_path(data_dir);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::Content(format!("cannot create {}: {e}", dir.display())))?;
    }
    Ok(ContentSlot::build(&path, &seed_packs()?)?)
}
