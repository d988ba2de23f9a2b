//! ScanWise, the patient app: a thin Tauri 2 shell. Commands (in `commands/`) are adapters over
//! `scanwise-core`; state is built in `setup()` and managed by Tauri, never global.

// Generates ui/src/bindings.ts; only its drift test uses it.
#[cfg(all(test, feature = "ts"))]
mod bindings;
mod commands;
mod ipc;
mod locale;
mod prefs;
mod seed;
mod state;

use state::{AppState, DATA_DIR_ENV};
use tauri::Manager;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            // sys-locale reads the OS setting on every platform (LANG on Linux).
            let state = AppState::open(&data_dir, sys_locale::get_locale())?;
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::settings::bootstrap,
            commands::settings::preview_language,
            commands::settings::save_settings,
            commands::content::home,
            commands::content::open_module,
            commands::content::set_bookmark,
            commands::content::mark_read,
            commands::content::concept,
            commands::content::search,
            commands::tools::checker,
            commands::tools::evaluate_checker,
            commands::tools::decode_report,
            commands::questions::my_questions,
            commands::questions::add_question,
            commands::questions::add_own_question,
            commands::questions::remove_question,
        ])
        .run(tauri::generate_context!())
        .expect("error while running ScanWise");
}

#[cfg(test)]
mod tests {
    use crate::commands::names::COMMAND_NAMES;

    /// Deny-by-default only works if the capability grants exactly our commands.
    #[test]
    fn capability_grants_exactly_the_app_commands() {
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let granted: Vec<&str> = cap["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let expected: Vec<String> = COMMAND_NAMES
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        assert_eq!(granted, expected);
    }
}
