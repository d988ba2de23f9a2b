//! `cargo xtask <task>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! - `run`            build the UI and the app and start it
//! - `test`           every test: unit, integration, locale check, the web edition in Chromium,
//!   real-window end-to-end (`test web`, `test app`: only that part)
//! - `bench`          the benchmarks, printed as ratios against in-run baselines (`bench web`,
//!   `bench app`: only that part)
//! - `screenshots`    every screen in en, nb, ar at phone and desktop size, into docs/screenshots
//! - `check-locales`  Fluent files: parse errors, missing/extra ids, placeable parity
//! - `check-architecture`  the checkable invariants of ARCHITECTURE.md, then the tidy check
//!   (the code map is complete, no ungated test modules, no WebKit in default members, one
//!   command list)
//! - `check-hazards`  every test the hazard log (docs/clinical-safety.md) names exists

mod app;
mod hazards;
mod invariants;
mod locales;
mod system;
mod tidy;
mod web;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    match task {
        "run" => run(rest),
        "test" => test(rest),
        "bench" => bench(rest),
        "check-locales" => locales::check(&root().join("locales")),
        "screenshots" => app::screenshots(),
        "check-architecture" => check_architecture(),
        "check-hazards" => hazards::check(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run | test [web | app] | bench [web | app] | screenshots | check-locales | check-architecture | check-hazards>"
            );
            Ok(())
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask has a parent")
        .to_path_buf()
}

/// Run a command in the workspace root, failing with its name if it fails.
pub fn sh(program: &str, args: &[&str]) -> Result<()> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .status()
        .with_context(|| format!("could not start {program}"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// The dependency invariants, then the tidy check.
fn check_architecture() -> Result<()> {
    invariants::check()?;
    tidy::check()
}

fn run(_args: &[String]) -> Result<()> {
    system::ensure_apt(system::APP_PACKAGES)?;
    app::run()
}

fn test(args: &[String]) -> Result<()> {
    // `cargo xtask test web`: only the web edition's browser suite.
    if args.first().map(String::as_str) == Some("web") {
        system::ensure_apt(system::WEB_PACKAGES)?;
        return web::test();
    }
    system::ensure_apt(system::APP_PACKAGES)?;
    // `cargo xtask test app`: only the app's part (UI unit tests, shell tests, real window).
    if args.first().map(String::as_str) == Some("app") {
        system::ensure_apt(system::TEST_PACKAGES)?;
        system::ensure_tauri_driver()?;
        return app::test(app::AppPart::Alone);
    }
    system::ensure_apt(system::TEST_PACKAGES)?;
    system::ensure_moto()?;
    system::ensure_tauri_driver()?;
    // Formatting and lints first: they fail in seconds, the suites take minutes. Clippy covers
    // the shell too, whose generate_context! needs ui/dist.
    sh("cargo", &["fmt", "--all", "--check"])?;
    app::build_ui()?;
    sh(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    sh(
        "cargo",
        &[
            "test",
            "--workspace",
            "--exclude",
            "scanwise-app",
            "--all-targets",
        ],
    )?;
    locales::check(&root().join("locales"))?;
    check_architecture()?;
    // The clinical safety case names only tests that exist.
    hazards::check()?;
    // The shipped content: no errors and no warnings (readability, worrying words, staleness).
    sh(
        "cargo",
        &[
            "run",
            "-q",
            "-p",
            "scanwise-cli",
            "--",
            "check",
            "--deny-warnings",
            "content",
        ],
    )?;
    // The web page script against the app's own link reader and search folding (a corpus the
    // site crate's tests keep current), then the web edition in a real browser.
    // The files by name: Node >= 21 reads a folder argument as a module.
    let site_tests: Vec<String> = app::test_files(&root().join("crates/site/tests"))?
        .into_iter()
        .map(|f| format!("crates/site/tests/{f}"))
        .collect();
    let mut node_args = vec!["--test"];
    node_args.extend(site_tests.iter().map(String::as_str));
    sh("node", &node_args)?;
    web::test()?;
    // UI unit tests, shell tests, then the real window.
    app::test(app::AppPart::AfterWorkspace)
}

fn bench(args: &[String]) -> Result<()> {
    let only = args.first().map(String::as_str);
    // `cargo xtask bench web`: only Lighthouse on the web edition.
    if only == Some("web") {
        system::ensure_apt(system::WEB_PACKAGES)?;
        return web::bench();
    }
    // `cargo xtask bench app`: only the app's startup, memory and size numbers.
    if only != Some("app") {
        system::ensure_apt(system::BENCH_PACKAGES)?;
        sh(
            "cargo",
            &["bench", "--workspace", "--exclude", "scanwise-app"],
        )?;
        system::ensure_apt(system::WEB_PACKAGES)?;
        web::bench()?;
    }
    system::ensure_apt(system::APP_PACKAGES)?;
    system::ensure_tauri_driver()?;
    app::bench()
}
