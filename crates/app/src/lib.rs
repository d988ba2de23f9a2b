//! The patient app without its window. [`App`] owns what the app holds while it runs (the content
//! slot and `user.db` handles, the UI languages and this visit's language, the decoder cache,
//! the kiosk, a link waiting for the UI and the content updates) and has one method per screen
//! or command. The Tauri shell (`src-tauri`) builds an `App` in its `setup()`, manages it, and
//! adapts each command of the one IPC contract ([`ipc_contract!`], `contract.rs`) to a method
//! call; everything here runs in a plain `cargo test`, with no GTK or WebKit.
//!
//! Module index:
//! - `contract.rs`: the commands and events, written once; `bindings.rs` renders
//!   `ui/src/bindings.ts` from them (tests only);
//! - [`ipc`]: the view types commands take and return, and [`AppError`];
//! - [`state`]: slot and `user.db` handles, decoder cache, visit language;
//! - [`locale`], [`seed`], [`updates`], [`kiosk`], [`links`], [`first_screen`]: the parts;
//! - `screens/`: the `impl App` blocks, one file per area of the UI.

#[macro_use]
mod contract;
#[cfg(test)]
mod bindings;
pub mod first_screen;
pub mod ipc;
pub mod kiosk;
pub mod links;
pub mod locale;
mod screens;
pub mod seed;
#[cfg(test)]
mod shell_tests;
pub mod state;
pub mod updates;

pub use ipc::{AppError, AppResult};

use ipc::*;
use kiosk::{Kiosk, KioskConfig, KioskError};
use links::PendingLink;
use serde::Serialize;
use state::AppState;
use std::path::Path;
use updates::UpdateService;

/// What the app asks of its window. The Tauri shell implements it; tests record the calls.
pub trait Window: Send + Sync {
    /// Sends an event of the contract to the UI.
    fn emit(&self, event: Event);
    /// Kiosk mode was left with the clinic PIN.
    fn leave_fullscreen(&self);
}

/// The running app: built once at start, then shared by every command and the update checker.
pub struct App {
    state: AppState,
    kiosk: Kiosk,
    pending: PendingLink,
    updates: UpdateService,
    window: Box<dyn Window>,
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Kiosk(#[from] KioskError),
    #[error(transparent)]
    App(#[from] AppError),
}

impl App {
    /// Opens (and on first run creates) everything under `data_dir`. `args` are the process
    /// arguments (`--kiosk`, a link the app was started with); `os_locale` the OS language.
    pub fn start(
        data_dir: &Path,
        args: Vec<String>,
        os_locale: Option<String>,
        window: Box<dyn Window>,
    ) -> Result<App, StartError> {
        let kiosk_config = KioskConfig::detect(data_dir, args.iter().cloned())?;
        let data_dir = match kiosk_config {
            Some(_) => kiosk::data_dir(data_dir),
            None => data_dir.to_owned(),
        };
        let kiosk = Kiosk::new(kiosk_config);
        let state = AppState::open(&data_dir, os_locale)?;
        // A link given at start (Linux and Windows deliver scanwise:// this way).
        let pending = PendingLink::default();
        if let Some(url) = links::from_args(args) {
            pending.set(&url);
        }
        // A kiosk's updates are set by kiosk.toml (its user.db is wiped every visit).
        let updates_on = if kiosk.active() {
            kiosk.allows_updates()
        } else {
            updates_enabled(&state)
        };
        let updates = UpdateService::new(
            &data_dir,
            state.slot_path(),
            updates_on && updates::channel_url().is_some(),
            state.content_damaged,
        );
        Ok(App::new(state, kiosk, pending, updates, window))
    }

    fn new(
        state: AppState,
        kiosk: Kiosk,
        pending: PendingLink,
        updates: UpdateService,
        window: Box<dyn Window>,
    ) -> App {
        App {
            state,
            kiosk,
            pending,
            updates,
            window,
        }
    }

    /// `sync-state.db` was unreadable at start (the shell tells the page before its scripts run).
    pub fn content_damaged(&self) -> bool {
        self.state.content_damaged
    }

    pub fn kiosk_active(&self) -> bool {
        self.kiosk.active()
    }

    /// A link opened while the app runs (deep-link plugin): kept for `take_link`, and the UI told.
    pub fn link_arrived(&self, url: &str) {
        self.pending.set(url);
        self.window.emit(Event::LinkArrived(()));
    }

    /// Whether the shell should run the update checker ([`App::run_updates`]): only in a build
    /// with a channel URL, and in a kiosk only when its config allows it.
    pub fn checks_for_updates(&self) -> bool {
        self.updates.url.is_some() && self.kiosk.allows_updates()
    }

    /// The update checker, for a thread of its own: a check at start, then daily while on.
    /// Nothing is fetched before the first run is finished; the UI is told when content waits.
    pub fn run_updates(&self) -> ! {
        let in_kiosk = self.kiosk.active();
        self.updates.run(
            || in_kiosk || updates_enabled(&self.state),
            || screens::current_lang(&self.state).unwrap_or_else(|_| "en".into()),
            || self.window.emit(Event::ContentReady(())),
        )
    }
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

/// From the contract: the names, the `Event` enum, and a check that `App` has every command.
macro_rules! app_side {
    (
        commands { $( $(#[$doc:meta])* $mode:ident fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )* }
        events { $( $(#[$edoc:meta])* $event:ident : $payload:ty; )* }
    ) => {
        /// Every command of the contract, in order (the shell's permissions, the bindings).
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];
        /// Every event of the contract; the name is what the UI listens for.
        pub const EVENT_NAMES: &[&str] = &[$(stringify!($event)),*];

        /// An event of the contract, with its payload (serialised as the payload alone).
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Event {
            $( $(#[$edoc])* $event($payload), )*
        }

        impl Event {
            /// The event's name on the wire.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Event::$event(_) => stringify!($event), )*
                }
            }
        }

        /// Fails to compile when a method's signature differs from the contract.
        #[allow(dead_code)]
        fn app_has_every_command_of_the_contract() {
            $( let _: fn(&App, $($ty),*) -> AppResult<$ret> = App::$name; )*
        }
    };
}
ipc_contract!(app_side);

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Records what the app asked of its window.
    #[derive(Clone, Default)]
    struct Recorded(Arc<Mutex<Vec<String>>>);

    impl Window for Recorded {
        fn emit(&self, event: Event) {
            let payload = serde_json::to_string(&event).unwrap();
            let line = format!("emit {} {payload}", event.name());
            self.0.lock().unwrap().push(line);
        }
        fn leave_fullscreen(&self) {
            self.0.lock().unwrap().push("leave_fullscreen".into());
        }
    }

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_link_while_running_is_kept_for_take_link_and_only_announced() {
        let dir = tempfile::tempdir().unwrap();
        let window = Recorded::default();
        let app = App::start(dir.path(), args(&["app"]), None, Box::new(window.clone())).unwrap();
        assert!(app.take_link().unwrap().is_none());
        app.link_arrived("scanwise://open?m=radiation");
        // The event carries no part of the link: the UI asks for it.
        assert_eq!(*window.0.lock().unwrap(), ["emit LinkArrived null"]);
        let link = app.take_link().unwrap().expect("the link");
        assert_eq!(link.parsed.prescription.modules, ["radiation"]);
        assert!(app.take_link().unwrap().is_none());
    }

    #[test]
    fn a_start_link_and_the_kiosk_flag_come_from_the_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let window = Recorded::default();
        let app = App::start(
            dir.path(),
            args(&["app", "--kiosk", "scanwise://open?m=radiation"]),
            None,
            Box::new(window.clone()),
        )
        .unwrap();
        assert!(app.kiosk_active());
        // A kiosk keeps its visits apart from personal use of the same install.
        assert!(dir.path().join("kiosk").join("user.db").exists());
        let first = app.first_screen().unwrap();
        assert!(first.link.is_some());
        assert!(app.take_link().unwrap().is_none());
        // Without a PIN in kiosk.toml the kiosk cannot be left, and stays full screen.
        assert!(matches!(
            app.kiosk_exit("1234".into()),
            Err(AppError::Invalid(_))
        ));
        assert!(window.0.lock().unwrap().is_empty());
    }

    #[test]
    fn leaving_a_kiosk_with_the_pin_leaves_full_screen() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(kiosk::CONFIG_FILE), "pin = \"2468\"\n").unwrap();
        let window = Recorded::default();
        let app = App::start(dir.path(), args(&["app"]), None, Box::new(window.clone())).unwrap();
        assert!(app.kiosk_active());
        let status = app.kiosk_exit("2468".into()).unwrap();
        assert!(!status.active);
        assert_eq!(*window.0.lock().unwrap(), ["leave_fullscreen"]);
    }
}
