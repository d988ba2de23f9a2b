//! The architecture invariants of ARCHITECTURE.md that a machine can check: for each checked
//! package, crates its normal dependency tree must never contain.

use anyhow::{Result, bail};
use std::process::Command;

/// One invariant: `package`'s normal dependencies contain none of `forbidden`.
struct Invariant {
    package: &'static str,
    forbidden: &'static [&'static str],
    why: &'static str,
}

const INVARIANTS: &[Invariant] = &[
    Invariant {
        package: "scanwise-core",
        forbidden: FORBIDDEN_IN_CORE,
        why: "knows nothing of Tauri, HTTP servers or clap",
    },
    Invariant {
        package: "scanwise-cli",
        forbidden: FORBIDDEN_IN_CLI,
        why: "links no server: the publish protocol lives in the channel, its client apart",
    },
    Invariant {
        package: "scanwise-server",
        forbidden: FORBIDDEN_IN_SERVER,
        why: "takes packs as opaque channel bytes, never the app's model",
    },
];

/// Crates the core must never depend on: the app shell, HTTP servers/clients and clap.
const FORBIDDEN_IN_CORE: &[&str] = &["tauri", "axum", "hyper", "reqwest", "ureq", "clap", "tokio"];

/// Crates the `scanwise` binary must never link: the server, its web framework, async
/// runtime and storage.
const FORBIDDEN_IN_CLI: &[&str] = &[
    "scanwise-server",
    "axum",
    "axum-core",
    "tower",
    "hyper",
    "tokio",
    "object_store",
];

/// The server handles channel files; the pack model is the device's and the author's.
const FORBIDDEN_IN_SERVER: &[&str] = &["scanwise-core"];

/// Every invariant holds; the first broken one is an error naming the crates.
pub fn check() -> Result<()> {
    for inv in INVARIANTS {
        let tree = normal_tree(inv.package)?;
        let offenders = forbidden_in(&tree, inv.forbidden);
        if !offenders.is_empty() {
            bail!(
                "Architecture Invariant broken: {} depends on {} ({} {}; see ARCHITECTURE.md)",
                inv.package,
                offenders.join(", "),
                inv.package,
                inv.why
            );
        }
        eprintln!(
            "architecture invariants: ok ({} has none of {})",
            inv.package,
            inv.forbidden.join(", ")
        );
    }
    Ok(())
}

/// `cargo tree -p PACKAGE -e normal --prefix none -f {p}`.
fn normal_tree(package: &str) -> Result<String> {
    let out = Command::new("cargo")
        .args([
            "tree", "-p", package, "-e", "normal", "--prefix", "none", "-f", "{p}",
        ])
        .current_dir(crate::root())
        .output()?;
    if !out.status.success() {
        bail!(
            "cargo tree -p {package} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `forbidden` crates named in a `cargo tree --prefix none -f {p}` listing.
fn forbidden_in(tree: &str, forbidden: &[&'static str]) -> Vec<&'static str> {
    forbidden
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
    use super::{FORBIDDEN_IN_CLI, FORBIDDEN_IN_CORE, FORBIDDEN_IN_SERVER, forbidden_in};

    #[test]
    fn finds_forbidden_crates_by_exact_name_only() {
        let tree = "scanwise-core v0.1.0\nrusqlite v0.37.0\ntauri v2.1.0\nclap_lex v0.7.0\n";
        assert_eq!(forbidden_in(tree, FORBIDDEN_IN_CORE), vec!["tauri"]);
        assert!(forbidden_in("scanwise-core v0.1.0\nserde v1.0.0\n", FORBIDDEN_IN_CORE).is_empty());
    }

    #[test]
    fn the_cli_may_not_link_the_server_or_its_runtime() {
        // What the CLI linked before the publish protocol left the server crate.
        let before = "scanwise-cli v0.1.0 (/w/crates/cli)\nscanwise-server v0.1.0 (/w/crates/server)\n\
                      axum v0.8.4\naxum-core v0.5.2\ntokio v1.47.1\ntokio-macros v2.5.0\n\
                      object_store v0.12.3\nhyper v1.7.0\ntower v0.5.2\nureq v2.12.1\n";
        assert_eq!(
            forbidden_in(before, FORBIDDEN_IN_CLI),
            vec![
                "scanwise-server",
                "axum",
                "axum-core",
                "tower",
                "hyper",
                "tokio",
                "object_store"
            ]
        );
        // A blocking HTTP client and crates whose names only start alike are fine.
        let after = "scanwise-cli v0.1.0 (/w/crates/cli)\nscanwise-publish-client v0.1.0 (/w)\n\
                     ureq v2.12.1\ntokio-util-free v0.1.0\nhyperlocal-ish v0.1.0\n";
        assert!(forbidden_in(after, FORBIDDEN_IN_CLI).is_empty());
    }

    #[test]
    fn the_server_may_not_link_core() {
        let tree = "scanwise-server v0.1.0 (/w/crates/server)\nscanwise-channel v0.1.0 (/w)\n\
                    scanwise-core v0.1.0 (/w/crates/core)\n";
        assert_eq!(
            forbidden_in(tree, FORBIDDEN_IN_SERVER),
            vec!["scanwise-core"]
        );
        assert!(
            forbidden_in(
                "scanwise-server v0.1.0\nscanwise-channel v0.1.0\nscanwise-core-ish v0.1.0\n",
                FORBIDDEN_IN_SERVER
            )
            .is_empty()
        );
    }
}
