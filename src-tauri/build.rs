//! Build step: (1) run the authoring pipeline on `content/` and embed the packs as the seed
//! content, (2) embed the Fluent UI strings from `locales/`, (3) hand Tauri the command list so
//! the capability files are deny-by-default.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

include!("src/commands/names.rs");

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("..");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    embed_seed(&root.join("content"), &out);
    embed_locales(&root.join("locales"), &out);
    // `cargo xtask test` builds with TAURI_CONFIG=tauri.conf.test.json (own identifier); make the
    // crate recompile whenever that changes, since the config is baked in by generate_context!.
    println!("cargo:rerun-if-env-changed=TAURI_CONFIG");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::env::var("TAURI_CONFIG")
        .unwrap_or_default()
        .hash(&mut h);
    println!(
        "cargo:rustc-env=SCANWISE_TAURI_CONFIG_HASH={:016x}",
        h.finish()
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMAND_NAMES)),
    )
    .expect("tauri build step");
}

fn embed_seed(content: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", content.display());
    // Content with errors must not ship: the build fails with the editor's diagnostics.
    let packs = match scanwise_author::build_packs(content) {
        Ok((packs, _warnings)) => packs,
        Err(scanwise_author::AuthorError::Check { diagnostics, .. }) => {
            panic!(
                "content/ has errors:\n{}",
                scanwise_author::render_all(&diagnostics)
            )
        }
        Err(e) => panic!("building content packs: {e}"),
    };
    let json = serde_json::to_string(&packs).expect("packs serialise");
    // Names the slot file, so a new build with new content imports its seed again.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    json.hash(&mut h);
    std::fs::write(out.join("seed-packs.json"), &json).unwrap();
    std::fs::write(out.join("seed-id.txt"), format!("{:016x}", h.finish())).unwrap();
}

fn embed_locales(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    langs.sort_by_key(|e| e.file_name());
    let mut code = String::from("pub const SOURCES: &[(&str, &[&str])] = &[\n");
    for lang in langs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(lang.path())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        if files.is_empty() {
            continue;
        }
        files.sort();
        let name = lang.file_name().to_string_lossy().into_owned();
        write!(code, "    ({name:?}, &[").unwrap();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            write!(code, "include_str!({:?}), ", f.canonicalize().unwrap()).unwrap();
        }
        code.push_str("]),\n");
    }
    code.push_str("];\n");
    std::fs::write(out.join("locales.rs"), code).unwrap();
}
