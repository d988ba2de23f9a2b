//! Shared fixtures: the real `content/` built once per test binary, and one slot built from it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use scanwise_author::{AuthorError, Diagnostic};
use scanwise_core::model::{
    CheckerPack, CommonPack, GlossaryPack, ModulePack, Pack, QuestionsPack,
};
use scanwise_core::slot::ContentSlot;

/// The workspace root (this package lives in `<root>/tests`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the journeys package sits inside the workspace")
        .to_path_buf()
}

pub fn content_dir() -> PathBuf {
    root().join("content")
}

/// `shared/evidence/FACTS.md` beside the repository; `None` when this checkout has no
/// `shared/` next to it (CI lays it there).
pub fn facts_md() -> Option<PathBuf> {
    let path = root().join("../shared/evidence/FACTS.md");
    path.is_file().then_some(path)
}

/// The packs and warnings of the real content, built once.
pub struct Built {
    pub packs: Vec<Pack>,
    pub warnings: Vec<Diagnostic>,
}

pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| match scanwise_author::build_packs(&content_dir()) {
        Ok((packs, warnings)) => Built { packs, warnings },
        Err(AuthorError::Check { diagnostics, .. }) => panic!(
            "content/ does not build:\n{}",
            scanwise_author::render_all(&diagnostics)
        ),
        Err(e) => panic!("content/ does not build: {e}"),
    })
}

/// One slot for the whole binary. `ContentSlot` is `Send` but not `Sync`, so tests take turns.
pub fn slot() -> MutexGuard<'static, ContentSlot> {
    static SLOT: OnceLock<Mutex<ContentSlot>> = OnceLock::new();
    let slot = SLOT.get_or_init(|| {
        // Under the target dir, so nothing is left in /tmp; the pid keeps parallel runs apart.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
        std::fs::create_dir_all(dir).expect("target tmp dir");
        let path = dir.join(format!("journeys-{}.slot", std::process::id()));
        let slot = ContentSlot::build(&path, &built().packs).expect("slot builds from real packs");
        // The slot is open read-only; on Unix the file lives on until the process ends, so no
        // run leaves one behind (elsewhere the removal fails and the next build replaces it).
        let _ = std::fs::remove_file(&path);
        Mutex::new(slot)
    });
    // A panicking test must not take every later slot test down with it.
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn modules() -> impl Iterator<Item = &'static ModulePack> {
    built().packs.iter().filter_map(|p| match p {
        Pack::Module(m) => Some(m),
        _ => None,
    })
}

pub fn module(id: &str, lang: &str) -> Option<&'static ModulePack> {
    modules().find(|m| m.id == id && m.lang == lang)
}

pub fn checkers() -> impl Iterator<Item = &'static CheckerPack> {
    built().packs.iter().filter_map(|p| match p {
        Pack::Checker(c) => Some(c),
        _ => None,
    })
}

pub fn questions(lang: &str) -> Option<&'static QuestionsPack> {
    built().packs.iter().find_map(|p| match p {
        Pack::Questions(q) if q.lang == lang => Some(q),
        _ => None,
    })
}

pub fn glossary(lang: &str) -> Option<&'static GlossaryPack> {
    built().packs.iter().find_map(|p| match p {
        Pack::Glossary(g) if g.lang == lang => Some(g),
        _ => None,
    })
}

pub fn common() -> &'static CommonPack {
    built()
        .packs
        .iter()
        .find_map(|p| match p {
            Pack::Common(c) => Some(c),
            _ => None,
        })
        .expect("the build always has a common pack")
}

/// Languages that publish at least one module, sorted.
pub fn module_languages() -> BTreeSet<&'static str> {
    modules().map(|m| m.lang.as_str()).collect()
}

/// Module ids as the content tree has them: one folder per module under `content/modules`.
pub fn module_ids_on_disk() -> BTreeSet<String> {
    std::fs::read_dir(content_dir().join("modules"))
        .expect("content/modules is readable")
        .map(|e| e.expect("directory entry"))
        .filter(|e| e.path().join("en.md").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}
