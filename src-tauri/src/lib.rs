//! ScanWise, the patient app: a thin Tauri 2 shell over `scanwise-app-core`. It owns the window,
//! the plugins and the updater's thread; the UI reaches `App` through two Tauri commands, one per
//! thread, each a single call into `App::dispatch`, which runs the command of the one IPC
//! contract (`crates/app/src/contract.rs`) named in the call. State is built in `setup()` and
//! managed by Tauri, never global.

use scanwise_app_core::state::DATA_DIR_ENV;
use scanwise_app_core::{App, AppResult, Event, Thread, Window};
use tauri::ipc::Response;
use tauri::{Emitter, Manager, State};
use tauri_plugin_deep_link::DeepLinkExt;

/// A `main fn` of the contract, on the main thread.
#[tauri::command]
fn call_main(app: State<'_, App>, command: String, args: serde_json::Value) -> AppResult<Response> {
    app.dispatch(Thread::Main, &command, args)
        .map(Response::new)
}

/// A `worker fn` of the contract, off the main thread (Tauri's `async`): the update commands
/// wait for the updates lock, which a running check holds.
#[tauri::command(async)]
fn call_worker(
    app: State<'_, App>,
    command: String,
    args: serde_json::Value,
) -> AppResult<Response> {
    app.dispatch(Thread::Worker, &command, args)
        .map(Response::new)
}

fn builder() -> tauri::Builder<tauri::Wry> {
    tauri::Builder::default().invoke_handler(tauri::generate_handler![call_main, call_worker])
}

/// The app's window as `App` sees it: events of the contract, and leaving full screen.
struct MainWindow(tauri::AppHandle);

impl Window for MainWindow {
    fn emit(&self, event: Event) {
        if let Err(e) = self.0.emit(event.name(), &event) {
            eprintln!("could not send {} to the window: {e}", event.name());
        }
    }

    fn leave_fullscreen(&self) {
        if let Some(w) = self.0.get_webview_window("main") {
            let _ = w.set_fullscreen(false);
        }
    }
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    builder()
        .plugin(tauri_plugin_deep_link::init())
        .setup(|app| {
            let data_dir: std::path::PathBuf = match std::env::var_os(DATA_DIR_ENV) {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            // sys-locale reads the OS setting on every platform (LANG on Linux).
            let core = App::start(
                &data_dir,
                std::env::args().collect(),
                sys_locale::get_locale(),
                Box::new(MainWindow(app.handle().clone())),
            )?;
            open_main_window(app, &core)?;
            let checks_for_updates = core.checks_for_updates();
            app.manage(core);
            // Content updates: a check at start, then daily while on (see `App::run_updates`).
            if checks_for_updates {
                let handle = app.handle().clone();
                std::thread::spawn(move || handle.state::<App>().run_updates());
            }
            // Links arriving while the app runs (macOS, mobile; desktop via single-instance).
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                if let Some(url) = event.urls().first() {
                    handle.state::<App>().link_arrived(url.as_str());
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running ScanWise");
}

/// Builds the window from its config (`create: false` there) with the first screen's data
/// injected, so the first content frame waits on no IPC call (see `first_screen`).
fn open_main_window(app: &tauri::App, core: &App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .expect("tauri.conf.json defines the main window")
        .clone();
    let mut builder = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    match core.first_screen() {
        Ok(first) => {
            builder = builder.initialization_script(scanwise_app_core::first_screen::script(&first))
        }
        // The UI then asks over IPC, and shows the error there.
        Err(e) => eprintln!("first screen not prepared: {e}"),
    }
    if core.content_damaged() {
        builder = builder.initialization_script(scanwise_app_core::first_screen::DAMAGED_SCRIPT);
    }
    let window = builder.build()?;
    // Best effort: a kiosk without a window manager still works, just not full screen.
    if core.kiosk_active()
        && let Err(e) = window.set_fullscreen(true)
    {
        eprintln!("kiosk: could not go full screen: {e}");
    }
    Ok(())
}
