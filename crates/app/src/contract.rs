// The IPC contract: every command the UI may call and every event the shell sends, written once.
//
// `ipc_contract!(callback)` hands this list to `callback!`, which turns it into what it needs:
//   - `scanwise-app-core` (`lib.rs`): `COMMAND_NAMES`, `EVENT_NAMES`, the `Event` enum and
//     `App::dispatch`, one `match` that decodes each command's arguments, calls the `App` method
//     of that name (whose signature must be exactly the contract's) and encodes its result;
//     under `cfg(test)` also `ui/src/bindings.ts` (see `bindings.rs`), whose TypeScript types come
//     from the Rust types through ts-rs;
//   - the UI (`ui/src/bindings.ts`): one typed wrapper per command.
//
// The webview sees two Tauri commands, not one per contract command: `TAURI_COMMANDS`, one per
// thread, each a single call into `App::dispatch` (`src-tauri/src/lib.rs`). One shared adapter
// instead of one `#[tauri::command]` per command keeps the release binary small (each Tauri
// command is its own copy of argument decoding, reply encoding and, for `async`, a task); the
// shell's `build.rs` (which `include!`s this file) hands `TAURI_COMMANDS` to Tauri, which turns
// them into deny-by-default permissions, and the dispatch refuses any name not in the contract.
//
// Why a `macro_rules!` list of our own and not tauri-specta: the list is also needed by a crate
// with no Tauri in it, which a proc macro on the shell's functions cannot serve; and
// tauri-specta 2 is still a release candidate that would have to be pinned together with specta
// and its Tauri integration. ts-rs (already used for every type) does the types.
//
// Grammar: `main fn` runs on the main thread (through `call_main`), `worker fn` off it (through
// `call_worker`, Tauri's `async`: the update commands wait for the updates lock, which a running
// check holds). Parameter and return types are named as `scanwise_app_core::ipc` exports them.
// An event (named as the UI listens for it) carries its payload type.
//
// This file holds nothing but the macro and the two Tauri command names, so that a build script
// can include it.

/// The Tauri commands that carry the contract: `call_main` runs `main fn`s on the main thread,
/// `call_worker` runs `worker fn`s off it. Each takes `{ command, args }`.
pub const TAURI_COMMANDS: &[&str] = &["call_main", "call_worker"];

/// Calls `$callback!` with the IPC contract (see the top of `contract.rs`).
#[macro_export]
macro_rules! ipc_contract {
    ($callback:ident) => {
        $callback! {
            commands {
                // Start-up data and settings.
                main fn bootstrap() -> Bootstrap;
                /// The first-run screen's language buttons: nothing is saved.
                main fn preview_language(lang: String) -> Bootstrap;
                main fn save_settings(settings: Settings) -> Bootstrap;
                // Reading.
                main fn home(area: Option<BodyArea>) -> Vec<ModuleCard>;
                main fn open_module(id: String) -> ModuleDoc;
                main fn set_bookmark(module: String, on: bool) -> ();
                main fn mark_read(module: String, anchor: String) -> ();
                main fn concept(id: String) -> Concept;
                main fn search(query: String) -> Vec<SearchHit>;
                // The checker, "get help now" and the report decoder.
                main fn checker(area: BodyArea) -> CheckerView;
                main fn evaluate_checker(area: BodyArea, answers: BTreeMap<String, Answer>) -> Step;
                main fn help_signs() -> HelpSigns;
                main fn decode_report(text: String, area: Option<ConceptArea>) -> DecodedReport;
                // My questions.
                main fn my_questions() -> QuestionList;
                main fn add_question(id: String, from: QuestionOrigin) -> QuestionList;
                main fn add_own_question(text: String) -> QuestionList;
                main fn remove_question(key: String) -> QuestionList;
                // Links and sharing.
                main fn take_link() -> Option<LinkView>;
                main fn set_visit_language(lang: String) -> Bootstrap;
                main fn share_link(prescription: Prescription) -> ShareLink;
                // Kiosk.
                main fn kiosk_status() -> KioskStatus;
                worker fn kiosk_reset() -> ();
                main fn kiosk_exit(pin: String) -> KioskStatus;
                // Content updates.
                worker fn updates_status() -> UpdatesView;
                worker fn set_updates(on: bool) -> UpdatesView;
                worker fn show_new_content() -> bool;
            }
            events {
                /// A link arrived while the app runs: the UI asks for it with `take_link`. The
                /// event never carries the link itself.
                LinkArrived: ();
                /// New content is installed and waits for the home screen.
                ContentReady: ();
            }
        }
    };
}
