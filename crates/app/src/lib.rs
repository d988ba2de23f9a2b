//! The patient app without its window. [`App`] owns what the app holds while it runs (the content
//! slot and `user.db` handles, the UI languages and this visit's language, the decoder cache,
//! the kiosk, a link waiting for the UI and the content updates) and has one method per screen
//! or command. The Tauri shell (`src-tauri`) builds an `App` in its `setup()`, manages it, and
//! hands every command of the one IPC contract ([`ipc_contract!`], `contract.rs`) to
//! [`App::dispatch`], generated from the contract, which decodes the arguments, calls the method
//! and encodes the result; everything here runs in a plain `cargo test`, with no GTK or WebKit.
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

/// The contract's `main` / `worker` as a [`Thread`].
macro_rules! thread {
    (main) => {
        $crate::Thread::Main
    };
    (worker) => {
        $crate::Thread::Worker
    };
}

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

pub use contract::TAURI_COMMANDS;

/// Where a command of the contract runs (its `main` or `worker` in `contract.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thread {
    /// On the main thread, through the Tauri command `call_main`.
    Main,
    /// Off it, through `call_worker` (Tauri's `async`).
    Worker,
}

impl Thread {
    /// The Tauri command that carries this thread's commands (one of [`TAURI_COMMANDS`]).
    pub fn tauri_command(self) -> &'static str {
        match self {
            Thread::Main => TAURI_COMMANDS[0],
            Thread::Worker => TAURI_COMMANDS[1],
        }
    }
}

/// From the contract: the names, the `Event` enum, and [`App::dispatch`].
macro_rules! app_side {
    (
        commands { $( $(#[$doc:meta])* $mode:ident fn $name:ident ( $($arg:ident : $ty:ty),* ) -> $ret:ty; )* }
        events { $( $(#[$edoc:meta])* $event:ident : $payload:ty; )* }
    ) => {
        /// Every command of the contract, in order (the dispatch, the bindings).
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];
        /// Every command of the contract with the thread it runs on.
        pub const COMMANDS: &[(&str, Thread)] = &[$((stringify!($name), thread!($mode))),*];
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

        impl App {
            /// Runs the contract's command `command` for the UI, the one way the shell calls
            /// `App`: decodes `args` (a JSON object keyed by the parameters' camelCase names, as
            /// `ui/src/bindings.ts` sends them; a missing key reads as `null`), calls the method
            /// of that name and returns its result as JSON text. A name the contract does not
            /// have, or a command asked for on the other thread (a worker command on the main
            /// thread would freeze the window while it waits), is refused as `invalid`.
            pub fn dispatch(
                &self,
                thread: Thread,
                command: &str,
                args: serde_json::Value,
            ) -> AppResult<String> {
                let mut args = Args::new(command, args)?;
                match command {
                    $( stringify!($name) => {
                        args.runs_on(thread, thread!($mode))?;
                        // Typed as the contract says: a method whose parameters or result
                        // differ from the contract does not compile.
                        let result: $ret = self.$name($(args.take::<$ty>(stringify!($arg))?),*)?;
                        args.encode(&result)
                    } )*
                    _ => Err(AppError::Invalid(format!("no command {command}"))),
                }
            }
        }
    };
}
ipc_contract!(app_side);

/// One command's arguments as the UI sent them, taken out parameter by parameter.
struct Args<'a> {
    command: &'a str,
    map: serde_json::Map<String, serde_json::Value>,
}

impl<'a> Args<'a> {
    fn new(command: &'a str, args: serde_json::Value) -> AppResult<Self> {
        match args {
            serde_json::Value::Object(map) => Ok(Args { command, map }),
            serde_json::Value::Null => Ok(Args {
                command,
                map: Default::default(),
            }),
            _ => Err(AppError::Invalid(format!(
                "{command}: the arguments are not an object"
            ))),
        }
    }

    fn runs_on(&self, asked: Thread, contract: Thread) -> AppResult<()> {
        if asked == contract {
            Ok(())
        } else {
            Err(AppError::Invalid(format!(
                "{} runs through {}, not {}",
                self.command,
                contract.tauri_command(),
                asked.tauri_command()
            )))
        }
    }

    /// The parameter `name` (snake_case, as the contract writes it), decoded.
    fn take<T: serde::de::DeserializeOwned>(&mut self, name: &str) -> AppResult<T> {
        let value = self.map.remove(&camel(name)).unwrap_or_default();
        serde_json::from_value(value)
            .map_err(|e| AppError::Invalid(format!("{}: argument {name}: {e}", self.command)))
    }

    fn encode<T: Serialize>(&self, result: &T) -> AppResult<String> {
        serde_json::to_string(result).map_err(|e| {
            AppError::Invalid(format!(
                "{}: the result cannot be encoded: {e}",
                self.command
            ))
        })
    }
}

/// `snake_case` → `camelCase`: the UI's argument keys (as Tauri's own commands name them).
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

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

    /// Every command of the contract has its arm in the dispatch, on its own thread only, and
    /// nothing else is run: the shell's two Tauri commands reach exactly the contract.
    #[test]
    fn dispatch_runs_exactly_the_contract() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(
            dir.path(),
            args(&["app"]),
            None,
            Box::new(Recorded::default()),
        )
        .unwrap();
        assert_eq!(COMMANDS.len(), COMMAND_NAMES.len());
        for &(name, thread) in COMMANDS {
            // Asked on the other thread, a command is refused before anything runs; the message
            // shows it was found (an unknown name says "no command").
            let other = match thread {
                Thread::Main => Thread::Worker,
                Thread::Worker => Thread::Main,
            };
            let refused = app.dispatch(other, name, serde_json::json!({}));
            match refused {
                Err(AppError::Invalid(m)) => {
                    assert_eq!(
                        m,
                        format!(
                            "{name} runs through {}, not {}",
                            thread.tauri_command(),
                            other.tauri_command()
                        )
                    )
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        for thread in [Thread::Main, Thread::Worker] {
            for name in [
                "",
                "dispatch",
                "start",
                "first_screen",
                "link_arrived",
                "run_updates",
                "Home",
            ] {
                assert!(
                    matches!(app.dispatch(thread, name, serde_json::json!({})), Err(AppError::Invalid(m)) if m == format!("no command {name}")),
                    "{name}"
                );
            }
        }
    }

    /// What the UI gets through the dispatch is the method's result as JSON, or its `AppError`;
    /// bad arguments are an `invalid` error, not a panic or a Tauri string.
    #[test]
    fn dispatch_decodes_arguments_and_encodes_results() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(
            dir.path(),
            args(&["app"]),
            None,
            Box::new(Recorded::default()),
        )
        .unwrap();
        // No argument object, `null` and a missing key all read as "no area".
        let home = serde_json::to_string(&app.home(None).unwrap()).unwrap();
        for args in [
            serde_json::Value::Null,
            serde_json::json!({}),
            serde_json::json!({ "area": null }),
        ] {
            assert_eq!(app.dispatch(Thread::Main, "home", args).unwrap(), home);
        }
        let status = app
            .dispatch(Thread::Worker, "updates_status", serde_json::json!({}))
            .unwrap();
        assert_eq!(
            status,
            serde_json::to_string(&app.updates_status().unwrap()).unwrap()
        );
        // An `AppError` from the method comes back as it is.
        assert!(matches!(
            app.dispatch(
                Thread::Main,
                "open_module",
                serde_json::json!({ "id": "no-such-module" })
            ),
            Err(AppError::NotFound(_))
        ));
        // Arguments that do not decode.
        for (command, args) in [
            ("open_module", serde_json::json!({})),
            ("open_module", serde_json::json!({ "id": 7 })),
            (
                "set_bookmark",
                serde_json::json!({ "module": "radiation", "on": "yes" }),
            ),
            ("home", serde_json::json!([null])),
        ] {
            assert!(
                matches!(
                    app.dispatch(Thread::Main, command, args.clone()),
                    Err(AppError::Invalid(_))
                ),
                "{command} {args}"
            );
        }
        // The UI's keys are camelCase, as `bindings.ts` sends them.
        assert_eq!(camel("second_lang"), "secondLang");
        assert_eq!(camel("lang"), "lang");
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
