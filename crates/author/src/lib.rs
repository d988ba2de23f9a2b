//! ScanWise authoring: `content/` sources → validated, diagnosed packs.
//!
//! The pipeline is: [`content::load`] parses every file on its own (front matter, TOML,
//! Markdown, local rules), [`rules::check`] runs the cross-file rules, and [`build`] turns
//! error-free content into [`scanwise_core::model::Pack`]s. The `scanwise` CLI, the app's
//! build step and the channel tooling all go through the functions below.
//!
//! ```no_run
//! let (packs, warnings) = scanwise_author::build_packs("content".as_ref())?;
//! scanwise_author::write_packs(&packs, "out".as_ref())?;
//! # Ok::<(), scanwise_author::AuthorError>(())
//! ```

pub mod build;
pub mod changes;
pub mod content;
pub mod decoder_rules;
pub mod diag;
pub mod files;
pub mod languages;
pub mod markdown;
pub mod module;
pub mod number_rules;
pub mod numbers;
pub mod patient_text;
pub mod po;
pub mod raw_citation;
pub mod readability;
pub mod references;
pub mod rules;
pub mod signs;
pub mod sources;
pub mod stamp;
pub mod stamped;
pub mod status;
pub mod time_course;
pub mod translate;
pub mod wording;

use std::path::{Path, PathBuf};

use scanwise_core::model::{GlossaryPack, Pack};

pub use build::{Manifest, ManifestEntry};
pub use content::Content;
pub use diag::{Code, Diagnostic, Severity, Span, render_all};
pub use status::{LangStatus, StatusReport};

#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    /// `check` found errors; nothing was built or written.
    #[error("content has {errors} error(s); nothing was built")]
    Check {
        errors: usize,
        diagnostics: Vec<Diagnostic>,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot serialise a pack: {0}")]
    Json(#[source] serde_json::Error),
    #[error("{}: {message}", path.display())]
    Stamp { path: PathBuf, message: String },
    #[error("no glossary for language `{0}`")]
    NoGlossary(String),
}

/// Loads `content_dir` and runs every rule. Diagnostics are sorted by file and position.
pub fn check(content_dir: &Path) -> (Content, Vec<Diagnostic>) {
    let (content, mut diags) = content::load(content_dir);
    rules::check(&content, &mut diags);
    sort(&mut diags);
    (content, diags)
}

fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.clone(),
                d.span.as_ref().map(|s| (s.line, s.column)),
                d.code,
                d.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    diags.dedup();
}

/// Checks and builds every pack. With any error, returns [`AuthorError::Check`] carrying all
/// diagnostics; otherwise the packs (sorted by unit and locale) and the warnings.
pub fn build_packs(content_dir: &Path) -> Result<(Vec<Pack>, Vec<Diagnostic>), AuthorError> {
    let (content, diags) = check(content_dir);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        return Err(AuthorError::Check {
            errors,
            diagnostics: diags,
        });
    }
    Ok((build::packs(&content), diags))
}

/// For previews only (`scanwise preview`): every pack the content yields *as it is*, errors
/// and all, with every diagnostic, so an editor sees the page they are working on next to
/// what is wrong with it. Never publish these packs: [`build_packs`] is the only way to packs
/// that may ship. Content broken enough that packs cannot be made at all gives no packs.
pub fn preview_packs(content_dir: &Path) -> (Vec<Pack>, Vec<Diagnostic>) {
    let (content, diags) = check(content_dir);
    // `build::packs` assumes checked content; a panic on broken content is caught here and
    // only means "nothing to show but the diagnostics".
    let packs = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| build::packs(&content)))
        .unwrap_or_default();
    (packs, diags)
}

/// Writes packs and `manifest.json` under `out` (see [`build::write`]).
pub fn write_packs(packs: &[Pack], out: &Path) -> Result<Manifest, AuthorError> {
    build::write(packs, out)
}

/// The glossary pack of one language, for the report decoder. Works on content with errors
/// elsewhere (an editor trying the decoder should not have to fix every module first).
pub fn glossary_pack(content_dir: &Path, lang: &str) -> Result<GlossaryPack, AuthorError> {
    let (content, _) = content::load(content_dir);
    build::glossary(&content, lang).ok_or_else(|| AuthorError::NoGlossary(lang.to_string()))
}

/// The per-language status table data.
pub fn status(content_dir: &Path) -> (StatusReport, Vec<Diagnostic>) {
    let (content, diags) = check(content_dir);
    (status::report(&content), diags)
}

pub use stamp::{stamp, today};

/// Entry points for the cargo-fuzz targets in `fuzz/` and the corpus replay test: each runs
/// a parser (and the renderers behind it) on arbitrary input. Any panic is a bug. Behind the
/// `fuzzing` feature, which `fuzz/` and this crate's own tests turn on.
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzz {
    use std::path::Path;

    use crate::content::parse_toml_file;
    use crate::diag::Diagnostic;
    use crate::sources::*;

    /// A module file: front matter, Markdown analysis, rendering, diagnostics rendering.
    pub fn module(text: &str) {
        let mut diags = Vec::new();
        let path = Path::new("content/modules/fuzz/en.md");
        if let Some(m) = crate::module::parse_module(path, text, &mut diags) {
            let numbers = m
                .info
                .citations
                .iter()
                .enumerate()
                .map(|(i, c)| (c.0.clone(), i + 1))
                .collect();
            let _ =
                crate::markdown::render_sections(m.body(), &numbers, &crate::markdown::sanitizer());
        }
        let _ = crate::markdown::render_fragment(text, &crate::markdown::sanitizer());
        for lang in crate::numbers::WORD_LANGUAGES {
            let _ = crate::numbers::extract(text, lang);
        }
        render(&diags);
    }

    /// Every TOML loader on the same input.
    pub fn toml(text: &str) {
        use std::collections::BTreeMap;
        let mut d = Vec::new();
        let p = Path::new("content/fuzz.toml");
        let _ = parse_toml_file::<BTreeMap<String, ReferenceSrc>>(p, text, &mut d);
        let _ = parse_toml_file::<BTreeMap<String, RegionSrc>>(p, text, &mut d);
        let _ = parse_toml_file::<BTreeMap<String, ConceptSrc>>(p, text, &mut d);
        let _ = parse_toml_file::<GlossaryLangSrc>(p, text, &mut d);
        let _ = parse_toml_file::<CheckerSrc>(p, text, &mut d);
        let _ = parse_toml_file::<CheckerLangSrc>(p, text, &mut d);
        let _ = parse_toml_file::<QuestionsSrc>(p, text, &mut d);
        let _ = parse_toml_file::<QuestionsLangSrc>(p, text, &mut d);
        let _ = crate::po::parse(text);
        for kind in ["glossary", "checker", "questions"] {
            let _ = crate::translate::toml_strings(kind, text);
        }
        render(&d);
    }

    fn render(diags: &[Diagnostic]) {
        for d in diags {
            let _ = d.render();
        }
    }
}
