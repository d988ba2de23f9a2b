//! Start-up data and settings: language, region, text size, theme, motion, updates, age.

use crate::App;
use crate::ipc::{AppError, AppResult, Bootstrap, Settings, Theme};
use crate::screens::current_lang;
use crate::state::{AppState, split_locale};
use scanwise_core::user::SettingKey;

fn theme_str(t: Theme) -> &'static str {
    match t {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::HighContrast => "high_contrast",
    }
}

/// The region: the patient's choice, else the OS region if we have numbers for it, else `default`.
fn current_region(state: &AppState, chosen: Option<String>) -> AppResult<String> {
    let known: Vec<String> = state
        .slot()?
        .regions()?
        .into_iter()
        .map(|r| r.code)
        .collect();
    let os = state.os_locale.as_deref().and_then(|l| split_locale(l).1);
    Ok(chosen
        .or(os)
        .filter(|c| known.contains(c))
        .unwrap_or_else(|| "default".into()))
}

/// Everything the UI needs to start, for `lang` (which may be a not-yet-saved first-run choice).
pub fn bootstrap_for(state: &AppState, lang: &str) -> AppResult<Bootstrap> {
    let s = state.user().settings().map_err(AppError::user)?;
    let region = current_region(state, s.region.clone())?;
    let settings = Settings {
        lang: lang.to_string(),
        onboarded: s.language.is_some(),
        region: region.clone(),
        text_size: s.text_size.unwrap_or(100),
        theme: s.theme.unwrap_or(Theme::System),
        reduced_motion: s.reduced_motion.unwrap_or(false),
        second_lang: s.second_language,
        updates: s.updates_enabled.unwrap_or(true),
        age: s.age,
    };
    let mut region_codes: Vec<String> = state
        .slot()?
        .regions()?
        .into_iter()
        .map(|r| r.code)
        .collect();
    region_codes.sort_by_key(|c| (c == "default", c.clone()));
    Ok(Bootstrap {
        locale: state.locales.ui_locale(lang),
        languages: state.locales.languages(),
        region: state.slot()?.region(&region)?,
        region_codes,
        settings,
        app_version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

impl App {
    pub fn bootstrap(&self) -> AppResult<Bootstrap> {
        let state = &self.state;
        bootstrap_for(state, &current_lang(state)?)
    }

    /// The first-run screen's language buttons: show the UI in `lang` without saving anything.
    pub fn preview_language(&self, lang: String) -> AppResult<Bootstrap> {
        let state = &self.state;
        bootstrap_for(state, &state.locales.negotiate(&lang))
    }

    /// Saves the whole settings object; choosing a language also completes the first run.
    pub fn save_settings(&self, settings: Settings) -> AppResult<Bootstrap> {
        let state = &self.state;
        let kiosk = &self.kiosk;
        let updates = &self.updates;
        crate::screens::kiosk::refuse_in_kiosk(kiosk, "settings")?;
        let lang = state.locales.negotiate(&settings.lang);
        let before = state.user().settings().map_err(AppError::user)?;
        let first_run_ends = settings.onboarded && before.language.is_none();
        let switch_changed = before.updates_enabled.unwrap_or(true) != settings.updates;
        // Saving from the settings screen is the patient choosing: a link's visit language ends.
        crate::screens::visit_lang(state, None);
        {
            let mut user = state.user();
            // `None` clears a setting: the patient un-chose it.
            let mut put = |k: SettingKey, v: Option<&str>| {
                match v {
                    Some(v) => user.set_setting(k, v),
                    None => user.clear_setting(k),
                }
                .map_err(AppError::user)
            };
            let mut set = |k: SettingKey, v: &str| put(k, Some(v));
            if settings.onboarded {
                set(SettingKey::Language, &lang)?;
            }
            set(SettingKey::Region, &settings.region)?;
            set(
                SettingKey::TextSize,
                &settings.text_size.clamp(100, 200).to_string(),
            )?;
            set(SettingKey::Theme, theme_str(settings.theme))?;
            set(
                SettingKey::ReducedMotion,
                &settings.reduced_motion.to_string(),
            )?;
            set(SettingKey::UpdatesEnabled, &settings.updates.to_string())?;
            put(SettingKey::SecondLanguage, settings.second_lang.as_deref())?;
            // The age is kept only when the patient ticks "remember my age".
            let age = settings
                .age
                .filter(|a| (1..=120).contains(a))
                .map(|a| a.to_string());
            put(SettingKey::Age, age.as_deref())?;
        }
        // The first run's end (or a change of the switch) wakes the update checker, which reads
        // the saved switch and the finished first run again before any request; other settings
        // (text size, theme, ...) never cause a check.
        if first_run_ends || switch_changed {
            updates.set_enabled(settings.updates && settings.onboarded);
        }
        bootstrap_for(state, &lang)
    }
}
