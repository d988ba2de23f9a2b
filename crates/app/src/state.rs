//! The app's state, built once at start from the data directory and held by [`App`](crate::App).
//! No globals: tests build their own from a temp dir.

use crate::ipc::{AppError, AppResult};
use scanwise_core::decoder::Decoder;
use scanwise_core::slot::ContentSlot;
use scanwise_core::user::UserDb;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Overrides the OS app-data directory (tests use a temp dir, kiosks a fixed one).
pub const DATA_DIR_ENV: &str = "SCANWISE_DATA_DIR";

pub struct AppState {
    /// The active content slot. Opened per call: a slot handle is not `Send` (it caches
    /// per-connection search data), and the updater may switch slots between calls.
    slot_path: Mutex<PathBuf>,
    user: Mutex<UserDb>,
    /// One decoder per glossary language, built on first use (building one indexes the glossary).
    decoders: Mutex<HashMap<String, Arc<Decoder>>>,
    /// The OS language and region, used until the patient chooses.
    pub os_locale: Option<String>,
    /// A language for this visit only (a prescription link's, a kiosk's picker); not saved.
    pub visit_lang: Mutex<Option<String>>,
    pub locales: crate::locale::Locales,
    /// `sync-state.db` was unreadable at start: the content shown is the last good slot (or the
    /// seed), and the app says so.
    pub content_damaged: bool,
}

impl AppState {
    /// Opens (and on first run creates) everything under `data_dir`.
    pub fn open(data_dir: &Path, os_locale: Option<String>) -> AppResult<AppState> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| AppError::Content(format!("cannot create {}: {e}", data_dir.display())))?;
        let opened = crate::seed::open_or_import(data_dir)?;
        let slot_path = opened.slot;
        let user = UserDb::open(&data_dir.join("user.db"))?;
        Ok(AppState {
            slot_path: Mutex::new(slot_path),
            user: Mutex::new(user),
            decoders: Mutex::new(HashMap::new()),
            os_locale,
            visit_lang: Mutex::new(None),
            locales: Default::default(),
            content_damaged: opened.damaged,
        })
    }

    pub fn slot(&self) -> AppResult<ContentSlot> {
        let path = self.slot_path.lock().unwrap_or_else(|p| p.into_inner());
        Ok(ContentSlot::open(&path)?)
    }

    pub fn slot_path(&self) -> PathBuf {
        self.slot_path
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Shows new content (an update, at a safe moment): later calls read `path`.
    pub fn switch_slot(&self, path: PathBuf) {
        *self.slot_path.lock().unwrap_or_else(|p| p.into_inner()) = path;
        // Decoders index the old glossary.
        self.decoders
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }

    pub fn user(&self) -> MutexGuard<'_, UserDb> {
        // A panic while holding the lock cannot leave SQLite half-written (it is transactional).
        self.user.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The decoder for the first language in `chain` that has a glossary.
    pub fn decoder(&self, chain: &[&str]) -> AppResult<Option<Arc<Decoder>>> {
        let mut cache = self.decoders.lock().unwrap_or_else(|p| p.into_inner());
        for lang in chain {
            if let Some(d) = cache.get(*lang) {
                return Ok(Some(d.clone()));
            }
            if let Some(pack) = self.slot()?.glossary_pack(lang)? {
                let d = Arc::new(Decoder::new(&pack));
                cache.insert((*lang).to_string(), d.clone());
                return Ok(Some(d));
            }
        }
        Ok(None)
    }
}

/// `nb-NO` / `nb_NO.UTF-8` → (`nb`, `Some("NO")`).
pub fn split_locale(tag: &str) -> (String, Option<String>) {
    let tag = tag.split('.').next().unwrap_or(tag).replace('_', "-");
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("en").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    // Norwegian without a written standard means Bokmål for us.
    let lang = if lang == "no" { "nb".to_string() } else { lang };
    (lang, region)
}

#[cfg(test)]
mod tests {
    use super::split_locale;

    #[test]
    fn os_locales_split_into_language_and_region() {
        assert_eq!(split_locale("nb-NO"), ("nb".into(), Some("NO".into())));
        assert_eq!(
            split_locale("ar_EG.UTF-8"),
            ("ar".into(), Some("EG".into()))
        );
        assert_eq!(split_locale("en"), ("en".into(), None));
        assert_eq!(split_locale("no_NO"), ("nb".into(), Some("NO".into())));
        assert_eq!(split_locale("zh-Hant-TW"), ("zh".into(), Some("TW".into())));
    }
}
