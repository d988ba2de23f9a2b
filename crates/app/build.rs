//! Build step: (1) embed the seed as a signed channel (built from `content/` with the dev keys,
//! or given by `SCANWISE_SEED_DIR`), (2) embed the Fluent UI strings from `locales/`. The Tauri
//! shell's build step (capabilities from the command list) is in `src-tauri/build.rs`.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../..");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    embed_seed(&root, &out);
    embed_locales(&root.join("locales"), &out);
}

/// The seed is a signed channel, installed at runtime through the same verification as any
/// update. Production builds pass a channel signed offline (`SCANWISE_SEED_DIR`) and its root
/// (`SCANWISE_ROOT_FILE`); otherwise one is built here from `content/` with the development keys
/// in `keys/dev/` (see keys/dev/README.md).
fn embed_seed(root: &Path, out: &Path) {
    for var in [
        "SCANWISE_SEED_DIR",
        "SCANWISE_ROOT_FILE",
        "SOURCE_DATE_EPOCH",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let (channel_dir, root_file) = match (
        std::env::var_os("SCANWISE_SEED_DIR"),
        std::env::var_os("SCANWISE_ROOT_FILE"),
    ) {
        (Some(dir), Some(root_file)) => {
            let (dir, root_file) = (PathBuf::from(dir), PathBuf::from(root_file));
            println!("cargo:rerun-if-changed={}", dir.display());
            println!("cargo:rerun-if-changed={}", root_file.display());
            (dir, root_file)
        }
        (None, None) => {
            let keys = root.join("keys").join("dev");
            println!("cargo:rerun-if-changed={}", keys.display());
            let dir = out.join("seed-channel");
            build_dev_channel(&root.join("content"), &keys, &dir);
            (dir, keys.join("1.root.json"))
        }
        _ => panic!("set both SCANWISE_SEED_DIR and SCANWISE_ROOT_FILE, or neither"),
    };
    let mut files = Vec::new();
    collect_files(&channel_dir, &channel_dir, &mut files);
    files.sort();
    assert!(
        files
            .iter()
            .any(|(rel, _)| rel.ends_with("/timestamp.json")),
        "{} holds no channel (no timestamp.json)",
        channel_dir.display()
    );
    check_seed_time(&files);
    // Names this seed: a new id makes the app install the embedded seed again.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut code = String::from("pub const SEED_FILES: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        rel.hash(&mut h);
        std::fs::read(path).unwrap().hash(&mut h);
        writeln!(code, "    ({rel:?}, include_bytes!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    let root_file = root_file.canonicalize().expect("root file exists");
    writeln!(
        code,
        "pub const ROOT: &[u8] = include_bytes!({root_file:?});"
    )
    .unwrap();
    writeln!(code, "pub const SEED_ID: &str = \"{:016x}\";", h.finish()).unwrap();
    std::fs::write(out.join("seed.rs"), code).unwrap();
}

/// The embedded seed is installed without the device's check on timestamps issued in the
/// future, and it sets the floor no later release may go below: a seed signed with a clock
/// (or SOURCE_DATE_EPOCH) ahead of now would hold back every update on every device.
fn check_seed_time(files: &[(String, PathBuf)]) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    for (rel, path) in files.iter().filter(|(r, _)| r.ends_with("/timestamp.json")) {
        let bytes = std::fs::read(path).unwrap();
        let (_, payload) =
            scanwise_channel::envelope::parse(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let ts: scanwise_channel::metadata::Timestamp =
            serde_json::from_slice(&payload).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(
            ts.issued <= now + scanwise_channel::limits::MAX_ISSUED_AHEAD,
            "{rel} was issued at {}, ahead of this machine's clock ({now}): a seed from the future \
             would block updates on every device (check SOURCE_DATE_EPOCH and the signing clock)",
            ts.issued
        );
    }
}

/// Channel-relative paths (`channels/…`, `blobs/…`) of every file under `dir`.
fn collect_files(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).expect("seed channel dir") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path.canonicalize().unwrap()));
        }
    }
}

fn load_key(path: &Path) -> scanwise_channel::keys::Keypair {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    scanwise_channel::keys::Keypair::from_json(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `content/` → packs → a fresh release signed by the dev editor and release keys, planned by
/// the same `release::plan` as `scanwise build --channel` / `publish --to-dir` (a full release:
/// `release_units`).
fn build_dev_channel(content: &Path, keys: &Path, dir: &Path) {
    use scanwise_channel::release::{self, ChannelDir};
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
    let _ = std::fs::remove_dir_all(dir);
    let d = ChannelDir::new(dir);
    let root_bytes = std::fs::read(keys.join("1.root.json")).expect("keys/dev/1.root.json");
    let root = scanwise_channel::client::verify_self_signed_root(&root_bytes)
        .expect("keys/dev/1.root.json verifies")
        .value;
    d.write(
        &scanwise_channel::layout::root_path(&root.channel, 1),
        &root_bytes,
    )
    .unwrap();
    let current = d.state(&root).unwrap();
    let units: Vec<_> = packs
        .iter()
        .map(scanwise_device::codec::unit_json)
        .collect();
    let (editor, release_key) = (
        load_key(&keys.join("editor.json")),
        load_key(&keys.join("release.json")),
    );
    // A fixed issue time keeps the build reproducible; the seed is exempt from expiry.
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_767_225_600);
    let files = release::release_units(&root, &current, &units, &[&editor], &[&release_key], now)
        .expect("signing the seed release");
    d.write_release(&files).unwrap();
}

/// The Fluent files of each language, joined with NUL and zstd-compressed (67 kB of text is 24 kB
/// in the binary); `locale.rs` decompresses a language when a localiser first needs it.
fn embed_locales(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut langs: Vec<_> = std::fs::read_dir(dir)
        .expect("locales/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    langs.sort_by_key(|e| e.file_name());
    let mut code = String::from(
        "/// Per language: its code, the length of its joined sources and the joined sources, compressed.\n\
         pub const SOURCES: &[(&str, u64, &[u8])] = &[\n",
    );
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
        let mut joined = Vec::new();
        for (i, f) in files.iter().enumerate() {
            println!("cargo:rerun-if-changed={}", f.display());
            let text = std::fs::read_to_string(f).unwrap();
            assert!(!text.contains('\0'), "{} contains NUL", f.display());
            if i > 0 {
                joined.push(0);
            }
            joined.extend_from_slice(text.as_bytes());
        }
        let packed = out.join(format!("ftl-{name}.zst"));
        std::fs::write(&packed, scanwise_channel::blob::compress_raw(&joined)).unwrap();
        writeln!(
            code,
            "    ({name:?}, {}, include_bytes!({packed:?})),",
            joined.len()
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out.join("locales.rs"), code).unwrap();
}
