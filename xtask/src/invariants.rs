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
    let offenders = forbidden_in(&tree);
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

/// The forbidden crates named in a `cargo tree --prefix none -f {p}` listing.
fn forbidden_in(tree: &str) -> Vec<&'static str> {
    FORBIDDEN_IN_CORE
        .iter()
        .copied()
        .filter(|name| {
            tree.lines()
                .any(|line| line.split_whitespace().next() == Some(name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::forbidden_in;

    #[test]
    fn finds_forbidden_crates_by_exact_name_only() {
        let tree = "scanwise-core v0.1.0\nrusqlite v0.37.0\ntauri v2.1.0\nclap_lex v0.7.0\n";
        assert_eq!(forbidden_in(tree), vec!["tauri"]);
        assert!(forbidden_in("scanwise-core v0.1.0\nserde v1.0.0\n").is_empty());
    }
}
