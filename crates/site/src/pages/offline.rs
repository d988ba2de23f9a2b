//! Offline and installable: the page script, the service worker, the web app manifest with its
//! icon, and per language the list of files "save this language" stores
//! (`offline/LANG.json`).
//!
//! The worker's bytes carry a version made from every other file, so a new build is a new
//! worker (browsers compare the worker's bytes) and its shell files are fetched again; the
//! pages a reader kept stay kept.

use super::Site;
use crate::layout::THEME_COLOR;
use crate::output::Files;
use crate::paths::LinkStyle;

const SCRIPT: &str = include_str!("../../assets/site.js");
const WORKER: &str = include_str!("../../assets/sw.js");
/// The app's own icon (512 × 512).
const ICON: &[u8] = include_bytes!("../../../../src-tauri/icons/icon.png");

/// Adds the script, worker, manifest, icon and offline lists to the rendered `files`.
pub fn add(site: &Site, files: &mut Files) {
    files.insert("site.js".into(), SCRIPT.as_bytes().to_vec());
    files.insert("icon.png".into(), ICON.to_vec());
    files.insert("manifest.webmanifest".into(), manifest().into_bytes());
    for lang in &site.langs {
        let prefix = format!("{}/", lang.code);
        let mut list: Vec<String> = ["", "site.css", "site.js", "icon.png", "open/"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        list.extend(
            files
                .keys()
                .filter(|f| f.starts_with(&prefix))
                .map(|f| url_of(f, site.style)),
        );
        let json = serde_json::to_vec(&list).expect("a list of strings serialises");
        files.insert(format!("offline/{}.json", lang.code), json);
    }
    let worker = WORKER.replace("__VERSION__", &format!("{:016x}", fnv1a(files)));
    files.insert("sw.js".into(), worker.into_bytes());
}

/// The address a page is fetched by: its folder on a server (`en/m/radiation/`).
fn url_of(file: &str, style: LinkStyle) -> String {
    match (style, file.strip_suffix("index.html")) {
        (LinkStyle::Directory, Some(folder)) => folder.to_string(),
        _ => file.to_string(),
    }
}

fn manifest() -> String {
    serde_json::to_string_pretty(&serde_json::json!({
        "name": "ScanWise",
        "short_name": "ScanWise",
        "description": "Do I need a scan for my back, knee or shoulder pain? Plain answers, offline.",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [{"src": "icon.png", "sizes": "512x512", "type": "image/png", "purpose": "any"}],
    }))
    .expect("the manifest serialises")
}

/// FNV-1a over every path and its bytes, in path order: a version, not a security check.
fn fnv1a(files: &Files) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in files {
        for b in path
            .bytes()
            .chain([0])
            .chain(bytes.iter().copied())
            .chain([0])
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_fetched_by_their_folder_on_a_server() {
        assert_eq!(
            url_of("en/m/radiation/index.html", LinkStyle::Directory),
            "en/m/radiation/"
        );
        assert_eq!(
            url_of("en/m/radiation/index.html", LinkStyle::IndexFile),
            "en/m/radiation/index.html"
        );
        assert_eq!(
            url_of("en/search/index.json", LinkStyle::Directory),
            "en/search/index.json"
        );
    }

    #[test]
    fn the_version_changes_with_any_byte() {
        let mut a = Files::new();
        a.insert("x".into(), b"1".to_vec());
        let mut b = a.clone();
        b.insert("x".into(), b"2".to_vec());
        assert_ne!(fnv1a(&a), fnv1a(&b));
    }
}
