//! The screens: one method on [`App`](crate::App) per command of the contract, split by area of
//! the UI. Each one reads the slot and `user.db`, joins them into a view type, maps the error.

pub mod content;
pub mod kiosk;
pub mod links;
pub mod questions;
pub mod settings;
pub mod tools;
pub mod updates;

use crate::ipc::{AppError, AppResult};
use crate::state::{AppState, split_locale};

/// The UI language: this visit's (from a link or the kiosk picker), else the patient's choice,
/// else the OS language, negotiated against what ships.
pub fn current_lang(state: &AppState) -> AppResult<String> {
    let visit = state
        .visit_lang
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let chosen = visit.or(state.user().settings().map_err(AppError::user)?.language);
    let wanted = chosen
        .or_else(|| state.os_locale.as_deref().map(|l| split_locale(l).0))
        .unwrap_or_else(|| "en".into());
    Ok(state.locales.negotiate(&wanted))
}

/// Sets (or with `None` ends) the language of this visit.
pub fn visit_lang(state: &AppState, lang: Option<String>) {
    *state.visit_lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
}

/// The content fallback chain for a language (`nb` → `[nb, en]`).
pub fn chain_for(lang: &str) -> Vec<String> {
    scanwise_core::l10n::fallback_chain(lang)
}

pub fn current_chain(state: &AppState) -> AppResult<Vec<String>> {
    Ok(chain_for(&current_lang(state)?))
}
