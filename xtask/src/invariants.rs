//! The architecture invariants of ARCHITECTURE.md that a machine can check.

use anyhow::{Result, bail};
use std::process::Command;

/// Crates the core must never depend on: the app shell, HTTP servers/clients and clap.
const FORBIDDEN_IN_CORE: &[&str] = &["tauri", "axum", "hyper", "reqwest", "ureq", "clap", "tokio"];

/// `scanwise-core` knows nothing of Tauri, HTTP servers or clap (and does no network I/O).
pub fn check() -> Result<()> {
    let out = Command::new("cargo")
        .args([
            "tree",
            "-p",
            "scanwise-core",
            "-e",
            "normal",
            "--prefix",
            "none",
            "-f",
            "{p}",
        ])
        .current_dir(crate::root())
        .output()?;
    if !out.status.success() {
        bail!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let offenders: Vec<&str> = FORBIDDEN_IN_CORE
        .iter()
        .copied()
        .filter(|name| {
            tree.lines()
                .any(|line| line.split_whitespace().next() == Some(name))
        })
        .collect();
    if !offenders.is_empty() {
        bail!(
            "Architecture Invariant broken: scanwise-core depends on {} (see ARCHITECTURE.md)",
            offenders.join(", ")
        );
    }
    eprintln!(
        "architecture invariants: ok (scanwise-core has none of {})",
        FORBIDDEN_IN_CORE.join(", ")
    );
    Ok(())
}
