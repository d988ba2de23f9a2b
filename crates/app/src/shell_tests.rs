//! Checks on the Tauri shell (`src-tauri`) that need no window, so a plain `cargo test` runs them:
//! its capability grants exactly its two commands (`TAURI_COMMANDS`, which carry the contract's
//! commands to `App::dispatch`), its config leaves the main window to `setup()`, and its source
//! is adapters only.

use std::path::{Path, PathBuf};

fn shell() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri")
}

/// What the UI may use besides the app's commands: listening for the contract's events.
const EVENT_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// The permissions the main window gets: the shell's two commands, and the contract's events.
fn permissions() -> Vec<String> {
    crate::TAURI_COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain(EVENT_PERMISSIONS.iter().map(|p| p.to_string()))
        .collect()
}

/// `capabilities/default.json` as the contract makes it.
fn capability() -> serde_json::Value {
    let permissions = permissions();
    serde_json::json!({
        "identifier": "default",
        "description": "The main window may call the app's own commands and listen for its events, and nothing else (no core plugins: no shell, fs, http). Generated from crates/app/src/contract.rs.",
        "windows": ["main"],
        "permissions": permissions,
    })
}

/// Deny-by-default only works if the capability grants exactly our commands: the two that carry
/// the contract (which of the contract's commands they run is `App::dispatch`'s to check; see
/// `dispatch_runs_exactly_the_contract`) and listening for events. The file is generated from the
/// contract: `UPDATE_BINDINGS=1 cargo test -p scanwise-app-core` rewrites it.
#[test]
fn capability_grants_exactly_the_app_commands() {
    let path = shell().join("capabilities/default.json");
    let fresh = capability();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let text = serde_json::to_string_pretty(&fresh).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    let cap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let granted: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(granted, permissions());
    // No permission for a command of the contract by its own name: those are not Tauri commands.
    for name in crate::COMMAND_NAMES {
        let own = format!("allow-{}", name.replace('_', "-"));
        assert!(!granted.contains(&own.as_str()), "{own}");
    }
    assert_eq!(
        cap,
        fresh,
        "{} is out of date; regenerate with UPDATE_BINDINGS=1 cargo test -p scanwise-app-core",
        path.display()
    );
}

/// `setup()` builds the main window itself (with the first screen injected); a config that
/// also creates it makes every start fail with "a webview with label `main` already exists".
#[test]
fn no_config_creates_the_main_window() {
    for conf in ["tauri.conf.json", "tauri.conf.test.json"] {
        let conf: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(shell().join(conf)).unwrap()).unwrap();
        let windows = conf["app"]["windows"].as_array().unwrap();
        let main = windows.iter().find(|w| w["label"] == "main").unwrap();
        assert_eq!(main["create"], false, "{}", conf["identifier"]);
    }
}

/// Every `.rs` file under `src-tauri/src`, with its text.
fn shell_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&shell().join("src"), &mut out);
    out
}

/// The first `{ ... }` block of `code`, braces matched.
fn fn_body(code: &str) -> &str {
    let start = code.find('{').expect("a body");
    let mut depth = 0;
    for (i, c) in code[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &code[start..=start + i];
                }
            }
            _ => {}
        }
    }
    &code[start..]
}

/// The shell is the window, the plugins, the updater's thread and one adapter per thread
/// (`TAURI_COMMANDS`), each one call into `App::dispatch`: app logic, content and user data
/// belong to this crate.
#[test]
fn the_shell_is_adapters_only() {
    let sources = shell_sources();
    assert!(!sources.is_empty());
    let lines: usize = sources.iter().map(|(_, t)| t.lines().count()).sum();
    assert!(lines < 600, "src-tauri/src has {lines} lines (limit 600)");
    let mut commands = Vec::new();
    for (path, text) in &sources {
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        // Content, user data and the updater are reached only through `App`.
        for banned in [
            "rusqlite",
            "scanwise_core",
            "scanwise_device",
            "scanwise_channel",
            "user.db",
            "AppState",
        ] {
            assert!(!code.contains(banned), "{} uses {banned}", path.display());
        }
        // Events are Tauri events from the contract, never script evaluated in the page.
        assert!(
            !code.contains(".eval("),
            "{} evaluates script",
            path.display()
        );
        // An adapter is one call into `App::dispatch`.
        for (i, _) in code.match_indices("#[tauri::command") {
            let item = &code[i..];
            let name = item[item.find("fn ").expect("a command fn") + 3..]
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap();
            commands.push(name.to_string());
            let body = fn_body(item);
            assert!(
                body.matches("app.").count() == 1
                    && body.contains("app.dispatch(")
                    && !body.contains(';'),
                "{}: an adapter is one call into App::dispatch: {body}",
                path.display()
            );
        }
    }
    // One adapter per thread (main, worker); no command of the contract is a Tauri command.
    commands.sort();
    assert_eq!(commands, crate::TAURI_COMMANDS, "the shell's commands");
}
