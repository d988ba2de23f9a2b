//! Build step: hand Tauri the shell's two commands (`TAURI_COMMANDS` of the one IPC contract in
//! `crates/app/src/contract.rs`) so the capability files are deny-by-default. The seed and the
//! UI strings are embedded by `scanwise-app-core`'s own build step.

use std::hash::{Hash, Hasher};

// Including the contract's file (rather than depending on the crate) keeps the build script from
// compiling the app layer and its seed a second time. Only `TAURI_COMMANDS` is used here.
include!("../crates/app/src/contract.rs");

fn main() {
    // `cargo xtask test` builds with TAURI_CONFIG=tauri.conf.test.json (own identifier); make the
    // crate recompile whenever that changes, since the config is baked in by generate_context!.
    println!("cargo:rerun-if-env-changed=TAURI_CONFIG");
    println!("cargo:rerun-if-changed=../crates/app/src/contract.rs");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::env::var("TAURI_CONFIG")
        .unwrap_or_default()
        .hash(&mut h);
    println!(
        "cargo:rustc-env=SCANWISE_TAURI_CONFIG_HASH={:016x}",
        h.finish()
    );
    // Relative relocations packed as DT_RELR (lld, binutils >= 2.38): the app's ~20,000 pointers
    // in static data cost 24 bytes each as RELA, ~0.5 MB. Linked into this package's binaries
    // only (the app, and the bare window of `cargo xtask bench app`, so the size ratio compares
    // like with like), not into build scripts or proc macros via RUSTFLAGS. The result needs
    // glibc >= 2.36 to start (Debian 12, Ubuntu 22.10, Fedora 37 or newer), which the .deb
    // declares (tauri.conf.json). On an older build host (Ubuntu 22.04) the flag is left out, so
    // `cargo xtask run` still gives an app that starts there (a little larger).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        if host_glibc_at_least(2, 36) {
            println!("cargo:rustc-link-arg=-Wl,-z,pack-relative-relocs");
        } else {
            println!(
                "cargo:warning=glibc older than 2.36 here: relative relocations are not packed"
            );
        }
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(TAURI_COMMANDS)),
    )
    .expect("tauri build step");
}

/// The build host's glibc is `major.minor` or newer (`getconf GNU_LIBC_VERSION`: "glibc 2.36").
fn host_glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(out) = std::process::Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
    else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (have_major, have_minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (have_major, have_minor) >= (major, minor)
}
