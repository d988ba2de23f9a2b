//! What the app, its real-window tests and the channel tests need from the machine, and
//! installing it: Debian packages (as root, or printing the exact command otherwise),
//! tauri-driver from crates.io, moto from PyPI.

use anyhow::{Result, bail};
use std::process::{Command, Stdio};

/// Debian packages for building the Tauri app and driving its window under Xvfb.
pub const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    // SQLite is the system's on Linux (crates/core/Cargo.toml); WebKitGTK's -dev pulls it too.
    "libsqlite3-dev",
    "build-essential",
    "libssl-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "xvfb",
    "webkit2gtk-driver",
    "nodejs",
    "npm",
];

/// Debian packages the tests use: nginx as the static-hosting baseline, python3-venv for moto,
/// poppler-utils to rasterise and read back the PDFs scanwise-print writes, Chromium and its
/// chromedriver for the web edition's browser tests and Lighthouse.
pub const TEST_PACKAGES: &[&str] = &[
    "nginx",
    "python3",
    "python3-pip",
    "poppler-utils",
    "strace",
    "chromium",
    "chromium-driver",
];

/// What `cargo xtask test web` and `bench web` need alone: the browser, its driver and node
/// (the site is served by the workspace's own `scanwise-server`).
pub const WEB_PACKAGES: &[&str] = &["chromium", "chromium-driver", "nodejs", "npm"];

/// Debian packages the benchmarks use: nginx as the baseline server, wrk as the load generator.
pub const BENCH_PACKAGES: &[&str] = &["nginx", "wrk"];

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

fn installed(pkg: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", pkg])
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Install the Debian packages that are missing, or say exactly how to.
pub fn ensure_apt(packages: &[&str]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        // node/npm may come from elsewhere (nodesource, nvm): a working binary is enough.
        .filter(|p| {
            !(matches!(*p, "nodejs" | "npm")
                && on_path(if *p == "nodejs" { "node" } else { "npm" }))
        })
        .filter(|p| {
            !(matches!(*p, "python3" | "python3-pip")
                && on_path(if *p == "python3" { "python3" } else { "pip3" }))
        })
        .filter(|p| !installed(p))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let cmd = format!("apt-get update && apt-get install -y {}", missing.join(" "));
    if !is_root() {
        bail!("missing system packages; run as root:\n  sudo sh -c '{cmd}'");
    }
    crate::sh(
        "sh",
        &[
            "-c",
            &format!("export DEBIAN_FRONTEND=noninteractive; {cmd}"),
        ],
    )
}

/// `tauri-driver` (WebDriver proxy for Tauri windows), from crates.io.
pub fn ensure_tauri_driver() -> Result<()> {
    if on_path("tauri-driver") {
        return Ok(());
    }
    crate::sh(
        "cargo",
        &["install", "tauri-driver", "--locked", "--version", "^2"],
    )
}

/// `moto[server]`, a real S3-compatible server for the storage tests.
pub fn ensure_moto() -> Result<()> {
    let ok = Command::new("python3")
        .args(["-c", "import moto.server"])
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        return Ok(());
    }
    let pip = ["-m", "pip", "install", "--quiet", "moto[server]"];
    // Debian's own python3 refuses a global pip install (PEP 668); moto is a test tool only.
    crate::sh("python3", &pip).or_else(|_| {
        crate::sh(
            "python3",
            &[&pip[..], &["--break-system-packages"]].concat(),
        )
    })
}
