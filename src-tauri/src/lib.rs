//! ScanWise, the patient app: a thin Tauri 2 shell. Commands (in `commands/`) are adapters over
//! `scanwise-core`; state is built in `setup()` and managed by Tauri, never global.

// Generates ui/src/bindings.ts; only its drift test uses it.
#[cfg(all(test, feature = "ts"))]
mod bindings;
mod commands;
mod first_screen;
mod ipc;
mod kiosk;
mod links;
mod locale;
mod seed;
mod state;
mod updates;

use state::{AppState, DATA_DIR_ENV};
use tauri::Manager;
use tauri_plugin_deep_link::DeepLinkExt;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_deep_link::init())
        .setup(|app| {
            let data_dir: std::path::PathBuf = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            let kiosk_config = kiosk::KioskConfig::detect(&data_dir, std::env::args())?;
            let data_dir = match kiosk_config {
                Some(_) => kiosk::data_dir(&data_dir),
                None => data_dir,
            };
            app.manage(kiosk::Kiosk::new(kiosk_config));
            // sys-locale reads the OS setting on every platform (LANG on Linux).
            let state = AppState::open(&data_dir, sys_locale::get_locale())?;
            // A link given at start (Linux and Windows deliver scanwise:// this way).
            let pending = links::PendingLink::default();
            if let Some(url) = links::from_args(std::env::args()) {
                pending.set(&url);
            }
            open_main_window(app, &state, &pending)?;
            app.manage(pending);
            // A kiosk's updates are set by kiosk.toml (its user.db is wiped every visit).
            let in_kiosk = app.state::<kiosk::Kiosk>().active();
            let updates_on = if in_kiosk {
                app.state::<kiosk::Kiosk>().allows_updates()
            } else {
                updates_enabled(&state)
            };
            let configured = updates::channel_url().is_some();
            app.manage(updates::UpdateService::new(
                &data_dir,
                state.slot_path(),
                updates_on && configured,
                state.content_damaged,
            ));
            app.manage(state);
            // Content updates: a check at start, then daily while on. A kiosk checks only when
            // its config allows it, and shows new content only between visits. Nothing is
            // fetched before the first run is finished, nor in a build without a channel URL.
            if configured && app.state::<kiosk::Kiosk>().allows_updates() {
                let handle = app.handle().clone();
                std::thread::spawn(move || {
                    let (svc, state) = (
                        handle.state::<updates::UpdateService>(),
                        handle.state::<AppState>(),
                    );
                    svc.run(
                        || in_kiosk || updates_enabled(&state),
                        || commands::current_lang(&state).unwrap_or_else(|_| "en".into()),
                        || {
                            if let Some(w) = handle.get_webview_window("main") {
                                let _ = w.eval(updates::NOTIFY_UI);
                            }
                        },
                    )
                });
            }
            // Links arriving while the app runs (macOS, mobile; desktop via single-instance).
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                if let Some(url) = event.urls().first() {
                    handle.state::<links::PendingLink>().set(url.as_str());
                    if let Some(w) = handle.get_webview_window("main") {
                        let _ = w.eval(links::NOTIFY_UI);
                    }
                }
            });
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
            commands::tools::help_signs,
            commands::tools::decode_report,
            commands::questions::my_questions,
            commands::questions::add_question,
            commands::questions::add_own_question,
            commands::questions::remove_question,
            commands::links::take_link,
            commands::links::set_visit_language,
            commands::links::share_link,
            commands::kiosk::kiosk_status,
            commands::kiosk::kiosk_reset,
            commands::kiosk::kiosk_exit,
            commands::updates::updates_status,
            commands::updates::set_updates,
            commands::updates::show_new_content,
        ])
        .run(tauri::generate_context!())
        .expect("error while running ScanWise");
}

/// Builds the window from its config (`create: false` there) with the first screen's data
/// injected, so the first content frame waits on no IPC call (see `first_screen`).
fn open_main_window(
    app: &tauri::App,
    state: &AppState,
    pending: &links::PendingLink,
) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .expect("tauri.conf.json defines the main window")
        .clone();
    let mut builder = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    let kiosk = app.state::<kiosk::Kiosk>();
    match first_screen::compute(state, &kiosk, pending) {
        Ok(first) => builder = builder.initialization_script(first_screen::script(&first)),
        // The UI then asks over IPC, and shows the error there.
        Err(e) => eprintln!("first screen not prepared: {e}"),
    }
    if state.content_damaged {
        builder = builder.initialization_script(updates::DAMAGED_SCRIPT);
    }
    let window = builder.build()?;
    // Best effort: a kiosk without a window manager still works, just not full screen.
    if kiosk.active()
        && let Err(e) = window.set_fullscreen(true)
    {
        eprintln!("kiosk: could not go full screen: {e}");
    }
    Ok(())
}

/// The patient's saved switch (user.db; on unless turned off, as the first-run and settings
/// screens show it), and only once the first run is finished: no request leaves the device
/// before the patient has seen the switch and what it sends.
fn updates_enabled(state: &AppState) -> bool {
    state.user().settings().ok().is_some_and(|s| {
        let first_run_done = s.language.is_some();
        first_run_done && s.updates_enabled.unwrap_or(true)
    })
}

#[cfg(test)]
mod tests {
    use crate::commands::names::COMMAND_NAMES;

    /// `setup()` builds the main window itself (with the first screen injected); a config that
    /// also creates it makes every start fail with "a webview with label `main` already exists".
    #[test]
    fn no_config_creates_the_main_window() {
        for conf in [
            include_str!("../tauri.conf.json"),
            include_str!("../tauri.conf.test.json"),
        ] {
            let conf: serde_json::Value = serde_json::from_str(conf).unwrap();
            let windows = conf["app"]["windows"].as_array().unwrap();
            let main = windows.iter().find(|w| w["label"] == "main").unwrap();
            assert_eq!(main["create"], false, "{}", conf["identifier"]);
        }
    }

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
