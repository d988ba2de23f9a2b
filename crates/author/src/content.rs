//! Loading a whole `content/` tree: every file parsed on its own, with diagnostics. Missing
//! or unreadable files are diagnostics too, so an empty or half-written tree never panics.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostic, SourceFile};
use crate::module::{ModuleFile, parse_module};
use crate::sources::*;

/// A parsed TOML file with its source (for positions).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub src: SourceFile,
    pub data: T,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub root: PathBuf,
    pub references: Option<Loaded<BTreeMap<String, ReferenceSrc>>>,
    pub regions: Option<Loaded<BTreeMap<String, RegionSrc>>>,
    pub concepts: Option<Loaded<BTreeMap<String, ConceptSrc>>>,
    pub glossary: BTreeMap<String, Loaded<GlossaryLangSrc>>,
    pub checker: Option<Loaded<CheckerSrc>>,
    pub checker_langs: BTreeMap<String, Loaded<CheckerLangSrc>>,
    pub questions: Option<Loaded<QuestionsSrc>>,
    pub question_langs: BTreeMap<String, Loaded<QuestionsLangSrc>>,
    /// module id → language → parsed file (files that failed to parse are absent).
    pub modules: BTreeMap<String, BTreeMap<String, ModuleFile>>,
    /// module id → languages with a file, parsed or not.
    pub module_files: BTreeMap<String, BTreeSet<String>>,
    /// module id → source hash → the English text a translation was stamped from
    /// (`stamped/<id>/<hash>.md`, written by `scanwise stamp` and `scanwise import`).
    pub stamped: BTreeMap<String, BTreeMap<String, ModuleFile>>,
    /// Languages the project ships: `en`, each `glossary/<lang>.toml` and each
    /// `../locales/<lang>/` folder next to the content folder.
    pub shipped: BTreeSet<String>,
}

impl Content {
    /// Every language that appears anywhere in the tree, sorted.
    pub fn languages(&self) -> BTreeSet<String> {
        let mut l: BTreeSet<String> = self.module_files.values().flatten().cloned().collect();
        l.extend(self.glossary.keys().cloned());
        l.extend(self.checker_langs.keys().cloned());
        l.extend(self.question_langs.keys().cloned());
        l
    }

    pub fn module(&self, id: &str, lang: &str) -> Option<&ModuleFile> {
        self.modules.get(id).and_then(|m| m.get(lang))
    }
}

/// Language tags: `nb`, `ar`, `pt-BR` ([`scanwise_ids::Locale`], the grammar of the channel
/// and of the app too).
pub fn is_valid_lang(s: &str) -> bool {
    scanwise_ids::Locale::parse(s).is_ok()
}

/// SW009 for a module or concept id that [`scanwise_ids`] refuses (the grammar prescription
/// links and the channel check too), without a location. `what` names the thing (`module id`,
/// `module folder name`); `hint` is the usual one, for ids with characters that are not allowed.
pub fn bad_id(what: &str, id: &str, err: scanwise_ids::IdError, hint: &str) -> Diagnostic {
    match err {
        scanwise_ids::IdError::TooLong { len, max, .. } => Diagnostic::new(
            Code::InvalidId,
            format!("{what} `{id}` is too long: {len} characters, at most {max}"),
        )
        .with_hint(format!(
            "prescription links and QR codes open ids of at most {max} characters; \
             choose a shorter id"
        )),
        _ => Diagnostic::new(Code::InvalidId, format!("invalid {what} `{id}`")).with_hint(hint),
    }
}

fn read(path: &Path, required: bool, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                // Point at the first bad byte, shown in a lossy copy of the text.
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let src = SourceFile::new(path, lossy);
                diags.push(
                    Diagnostic::new(
                        Code::UnreadableFile,
                        format!("not UTF-8 (invalid byte at offset {at})"),
                    )
                    .at(&src, at..at + 1)
                    .with_hint("save the file as UTF-8"),
                );
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if required {
                diags.push(
                    Diagnostic::new(Code::MissingFile, "required file is missing")
                        .in_file(path)
                        .with_hint("see docs/content-authoring.md for the layout of content/"),
                );
            }
            None
        }
        Err(e) => {
            diags.push(
                Diagnostic::new(Code::UnreadableFile, format!("cannot read: {e}")).in_file(path),
            );
            None
        }
    }
}

fn load_toml<T: DeserializeOwned>(
    path: &Path,
    required: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    let text = read(path, required, diags)?;
    parse_toml_file(path, &text, diags)
}

/// Parses one TOML source file (the entry point the fuzz targets call).
pub fn parse_toml_file<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    let src = SourceFile::new(path, text);
    let data = parse_toml(&src, text, 0, diags)?;
    Some(Loaded { src, data })
}

/// Sorted entries of a directory (files or dirs); an unreadable directory is a diagnostic.
fn list(dir: &Path, want_dirs: bool, diags: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let Ok(rd) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = Vec::new();
    for e in rd {
        match e {
            Ok(e) => {
                let p = e.path();
                if p.is_dir() == want_dirs {
                    out.push(p);
                }
            }
            Err(err) => diags.push(
                Diagnostic::new(
                    Code::UnreadableFile,
                    format!("cannot list directory: {err}"),
                )
                .in_file(dir),
            ),
        }
    }
    out.sort();
    out
}

/// `<lang>.toml` files of a folder, except the language-neutral one.
fn lang_files<T: DeserializeOwned>(
    dir: &Path,
    neutral: &str,
    shipped: &BTreeSet<String>,
    seen: &mut BTreeSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Loaded<T>> {
    let mut out = BTreeMap::new();
    for p in list(dir, false, diags) {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(lang) = name.strip_suffix(".toml") else {
            continue;
        };
        seen.insert(p.clone());
        if name == neutral {
            continue;
        }
        if !is_valid_lang(lang) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("`{lang}` is not a language tag"))
                    .in_file(&p)
                    .with_hint(format!(
                        "{}name language files like `en.toml` or `nb.toml`; the neutral file is `{neutral}`",
                        crate::languages::did_you_mean(lang, shipped)
                    )),
            );
            continue;
        }
        if let Some(d) = crate::languages::unknown(lang, shipped, &p) {
            diags.push(d);
            continue;
        }
        if let Some(l) = load_toml(&p, false, diags) {
            out.insert(lang.to_string(), l);
        }
    }
    out
}

/// Loads and parses every file under `root`; cross-file rules are in [`crate::rules`].
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut c = Content {
        root: root.to_path_buf(),
        ..Content::default()
    };
    if !root.is_dir() {
        diags.push(
            Diagnostic::new(Code::MissingFile, "content directory not found")
                .in_file(root)
                .with_hint("run from the repository root, or name the content folder: `scanwise check --content DIR`"),
        );
        return (c, diags);
    }
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    c.shipped = crate::languages::shipped(root);
    for f in [
        "references.toml",
        "regions.toml",
        "glossary/concepts.toml",
        "checker/checker.toml",
        "questions/questions.toml",
    ] {
        seen.insert(root.join(f));
    }
    c.references = load_toml(&root.join("references.toml"), true, &mut diags);
    c.regions = load_toml(&root.join("regions.toml"), true, &mut diags);
    c.concepts = load_toml(&root.join("glossary/concepts.toml"), true, &mut diags);
    c.glossary = lang_files(
        &root.join("glossary"),
        "concepts.toml",
        &c.shipped,
        &mut seen,
        &mut diags,
    );
    c.checker = load_toml(&root.join("checker/checker.toml"), true, &mut diags);
    c.checker_langs = lang_files(
        &root.join("checker"),
        "checker.toml",
        &c.shipped,
        &mut seen,
        &mut diags,
    );
    c.questions = load_toml(&root.join("questions/questions.toml"), true, &mut diags);
    c.question_langs = lang_files(
        &root.join("questions"),
        "questions.toml",
        &c.shipped,
        &mut seen,
        &mut diags,
    );

    let modules_dir = root.join("modules");
    if !modules_dir.is_dir() {
        diags.push(
            Diagnostic::new(Code::MissingFile, "no modules folder")
                .in_file(&modules_dir)
                .with_hint("modules live in modules/<id>/<lang>.md"),
        );
    }
    for dir in list(&modules_dir, true, &mut diags) {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Err(e) = scanwise_ids::ModuleId::parse(&id) {
            diags.push(
                bad_id(
                    "module folder name",
                    &id,
                    e,
                    "module ids use lowercase letters, digits and `-`",
                )
                .in_file(&dir),
            );
            seen.insert(dir.clone());
            continue;
        }
        for file in list(&dir, false, &mut diags) {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Some(lang) = name.strip_suffix(".md") else {
                continue;
            };
            seen.insert(file.clone());
            if !is_valid_lang(lang) {
                diags.push(
                    Diagnostic::new(Code::InvalidId, format!("`{lang}` is not a language tag"))
                        .in_file(&file)
                        .with_hint(format!(
                            "{}name module files `<lang>.md`, e.g. `en.md`, `nb.md`",
                            crate::languages::did_you_mean(lang, &c.shipped)
                        )),
                );
                continue;
            }
            if let Some(d) = crate::languages::unknown(lang, &c.shipped, &file) {
                diags.push(d);
                continue;
            }
            c.module_files
                .entry(id.clone())
                .or_default()
                .insert(lang.to_string());
            let Some(text) = read(&file, false, &mut diags) else {
                continue;
            };
            if let Some(m) = parse_module(&file, &text, &mut diags) {
                c.modules
                    .entry(id.clone())
                    .or_default()
                    .insert(lang.to_string(), m);
            }
        }
    }
    if c.module_files.is_empty() && modules_dir.is_dir() {
        diags.push(
            Diagnostic::new(Code::MissingFile, "there are no modules")
                .in_file(&modules_dir)
                .with_hint("add modules/when-a-scan-is-needed/en.md, the safety module, first"),
        );
    }
    c.stamped = crate::stamped::load(root, &mut seen, &mut diags);
    crate::files::report_unread(root, &seen, &mut diags);
    (c, diags)
}
