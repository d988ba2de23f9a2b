//! System packages the app and its real-window tests need on Debian/Ubuntu.

/// Debian packages for building the Tauri app and driving its window under Xvfb.
#[allow(dead_code)]
pub const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "libssl-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "xvfb",
    "webkit2gtk-driver",
];
