//! The English text each translation was made from, kept as `stamped/<id>/<hash>.md`.
//!
//! `scanwise stamp` (and `scanwise import`) copy the English source there under its content
//! hash, the hash written into the translation's `[translation]` table. When the English
//! changes later, `scanwise status` diffs the kept copy against today's English and shows the
//! translator exactly which sections changed and how. Copies no translation refers to any more
//! are removed when a translation is stamped.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::module::{ModuleFile, SOURCE_LANG, parse_module};

/// The folder under the content root.
pub const DIR: &str = "stamped";

pub fn path(root: &Path, id: &str, hash: &str) -> PathBuf {
    root.join(DIR).join(id).join(format!("{hash}.md"))
}

/// Parses a kept copy. Its own diagnostics (readability, ...) are not the editor's concern:
/// it is a record of an older text.
pub fn parse(file: &Path, id: &str, text: &str) -> Option<ModuleFile> {
    let fake = Path::new("modules")
        .join(id)
        .join(format!("{SOURCE_LANG}.md"));
    let mut ignored = Vec::new();
    let mut m = parse_module(&fake, text, &mut ignored)?;
    m.src.path = file.to_path_buf();
    Some(m)
}

/// Loads every kept copy (module id → hash → parsed copy), marking the files as read.
pub fn load(
    root: &Path,
    seen: &mut BTreeSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, BTreeMap<String, ModuleFile>> {
    let mut out: BTreeMap<String, BTreeMap<String, ModuleFile>> = BTreeMap::new();
    let Ok(rd) = fs::read_dir(root.join(DIR)) else {
        return out;
    };
    let mut dirs: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(rd) = fs::read_dir(&dir) else { continue };
        let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let Some(hash) = f
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".md"))
                .map(str::to_string)
            else {
                continue;
            };
            let Ok(text) = fs::read_to_string(&f) else {
                continue;
            };
            seen.insert(f.clone());
            match parse(&f, &id, &text) {
                Some(m) if m.hash == hash => {
                    out.entry(id.clone()).or_default().insert(hash, m);
                }
                _ => diags.push(
                    Diagnostic::new(
                        Code::UnreadFile,
                        "this kept copy of the English does not give the hash in its name: it is not used",
                    )
                    .in_file(&f)
                    .with_hint("files in stamped/ are written by `scanwise stamp`; delete this one and stamp the translation again"),
                ),
            }
        }
    }
    out
}

/// Keeps `source_text` (the English module) as the copy for `hash`, and removes the copies of
/// module `id` that no translation refers to any more (`in_use`, plus `hash`).
pub fn keep(
    root: &Path,
    id: &str,
    hash: &str,
    source_text: &str,
    in_use: &BTreeSet<String>,
) -> std::io::Result<()> {
    let p = path(root, id, hash);
    if let Some(dir) = p.parent() {
        fs::create_dir_all(dir)?;
    }
    if fs::read_to_string(&p).ok().as_deref() != Some(source_text) {
        fs::write(&p, source_text)?;
    }
    if let Ok(rd) = fs::read_dir(root.join(DIR).join(id)) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(h) = name.strip_suffix(".md")
                && h != hash
                && !in_use.contains(h)
            {
                fs::remove_file(e.path())?;
            }
        }
    }
    Ok(())
}

/// The `source_hash` of every translation of module `id` under `root` (read from the files, so
/// it works on content with errors elsewhere).
pub fn hashes_in_use(root: &Path, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Ok(rd) = fs::read_dir(root.join("modules").join(id)) else {
        return out;
    };
    for e in rd.flatten() {
        let Ok(text) = fs::read_to_string(e.path()) else {
            continue;
        };
        for line in text.lines() {
            if let Some(rest) = line.trim().strip_prefix("source_hash")
                && let Some(v) = rest.trim().strip_prefix('=')
            {
                out.insert(v.trim().trim_matches('"').to_string());
            }
        }
    }
    out
}

/// Keeps the English of every translation that is up to date (its `source_hash` is today's
/// English), for translations stamped by other tools or before copies were kept, and removes
/// copies no translation refers to. Returns the copies written.
pub fn keep_current(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let (c, _) = crate::content::load(root);
    let mut written = Vec::new();
    for (id, langs) in &c.modules {
        let Some(en) = langs.get(SOURCE_LANG) else {
            continue;
        };
        let current = langs.iter().any(|(lang, _)| {
            crate::rules::translation_state(&c, id, lang)
                == crate::rules::TranslationState::Complete
        });
        let in_use = hashes_in_use(root, id);
        if current {
            let p = path(root, id, &en.hash);
            if !p.exists() {
                written.push(p);
            }
            keep(root, id, &en.hash, &en.src.text, &in_use)?;
        }
    }
    Ok(written)
}
