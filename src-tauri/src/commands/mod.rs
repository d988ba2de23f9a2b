//! Tauri commands, split by area. Each one deserialises, calls the core, maps the error.

pub mod content;
#[cfg(test)]
pub mod names;
pub mod questions;
pub mod settings;
pub mod tools;

use crate::ipc::{AppError, AppResult};
use crate::state::{AppState, split_locale};

/// The UI language: the patient's choice, else the OS language, negotiated against what ships.
pub fn current_lang(state: &AppState) -> AppResult<String> {
    let chosen = state.user().settings().map_err(AppError::user)?.language;
    let wanted = chosen
        .or_else(|| state.os_locale.as_deref().map(|l| split_locale(l).0))
        .unwrap_or_else(|| "en".into());
    Ok(state.locales.negotiate(&wanted))
}

/// The content fallback chain for a language (`nb` → `[nb, en]`).
pub fn chain_for(lang: &str) -> Vec<String> {
    scanwise_core::l10n::fallback_chain(lang)
}

pub fn current_chain(state: &AppState) -> AppResult<Vec<String>> {
    Ok(chain_for(&current_lang(state)?))
}
