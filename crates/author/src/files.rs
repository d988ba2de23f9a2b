//! Every file under `content/` is either read or reported: a translation saved as
//! `nb.md.txt`, a `README` or a stray export would otherwise be ignored without a word.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};

/// SW082 for each file under `root` that the loader did not read or report (`seen`).
pub fn report_unread(root: &Path, seen: &BTreeSet<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let mut files = Vec::new();
    walk(root, &mut files);
    files.sort();
    for f in files {
        // A reported folder (an invalid module id) covers the files in it.
        if f.ancestors().any(|a| seen.contains(a)) || read_by_other_rules(root, &f) {
            continue;
        }
        let rel = f.strip_prefix(root).unwrap_or(&f);
        diags.push(
            Diagnostic::new(
                Code::UnreadFile,
                format!("`{}` is not a content file: it is not read", shown(rel)),
            )
            .in_file(&f)
            .with_hint(hint(rel)),
        );
    }
}

/// Folders of `<lang>.toml` files that rules outside the loader read themselves: `wording/`
/// (the word lists of the patient-text rules on main, SW101-SW104).
const OTHER_LANG_FOLDERS: &[&str] = &["wording"];

fn read_by_other_rules(root: &Path, f: &Path) -> bool {
    let Ok(rel) = f.strip_prefix(root) else {
        return false;
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    matches!(parts.as_slice(), [dir, file]
        if OTHER_LANG_FOLDERS.contains(&dir.as_str())
            && file.strip_suffix(".toml").is_some_and(crate::content::is_valid_lang))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn shown(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// What the file was probably meant to be.
fn hint(rel: &Path) -> String {
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let top = parts.first().map(String::as_str).unwrap_or("");
    let want = match (top, parts.len()) {
        ("modules", 3) => Some(".md"),
        ("glossary" | "checker" | "questions", 2) => Some(".toml"),
        ("", _) | (_, 1) => Some(".toml"),
        _ => None,
    };
    // `nb.md.txt`, `nb.md.bak`, `nb.toml~`: a content file under a second extension.
    if let Some(ext) = want
        && let Some(i) = name.find(ext)
        && i > 0
        && name.len() > i + ext.len()
    {
        return format!(
            "did you mean `{}`? rename it; content files end in `{ext}`",
            &name[..i + ext.len()]
        );
    }
    let layout = "content/ holds references.toml, regions.toml, modules/<id>/<lang>.md, \
                  glossary/, checker/ and questions/ (<lang>.toml); keep notes and drafts \
                  outside content/";
    match want {
        Some(ext) if !name.ends_with(ext) => format!("content files here end in `{ext}`; {layout}"),
        _ => layout.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_file_meant() {
        assert_eq!(
            hint(Path::new("modules/radiation/nb.md.txt")),
            "did you mean `nb.md`? rename it; content files end in `.md`"
        );
        assert!(hint(Path::new("glossary/nb.toml.bak")).starts_with("did you mean `nb.toml`?"));
        assert!(hint(Path::new("modules/radiation/notes.docx")).contains("end in `.md`"));
    }
}
