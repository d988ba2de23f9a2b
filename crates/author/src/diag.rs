//! Diagnostics: stable rule codes, severities, source positions and rustc-style rendering.
//!
//! Every rule has a code (`SW012`) that never changes meaning, so editors, CI logs and the
//! table in `docs/content-authoring.md` can refer to it.

use std::fmt::{self, Write as _};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = ($code:literal, $sev:ident, $name:literal), )*) => {
        /// A diagnostic rule. The `SWnnn` string of a rule is stable forever.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every rule, in code order (the docs table and the fixture test walk this).
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// `SW012`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Short kebab-case name, used in fixture folder names (`SW012-unknown-reference`).
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    /// A file could not be read or is not UTF-8.
    UnreadableFile = ("SW001", Error, "unreadable-file"),
    /// A module does not start with `+++` TOML front matter closed by another `+++`.
    MalformedFrontMatter = ("SW002", Error, "malformed-front-matter"),
    /// TOML that does not parse.
    TomlSyntax = ("SW003", Error, "toml-syntax"),
    MissingField = ("SW004", Error, "missing-field"),
    UnknownField = ("SW005", Error, "unknown-field"),
    /// Wrong type, unknown enum value, bad date, out-of-range number.
    InvalidValue = ("SW006", Error, "invalid-value"),
    /// A module's `id` differs from its folder name.
    IdMismatch = ("SW007", Error, "id-mismatch"),
    /// A required file or folder is absent (also: an empty `content/`).
    MissingFile = ("SW008", Error, "missing-file"),
    /// An id, anchor or language tag with characters outside the allowed set.
    InvalidId = ("SW009", Error, "invalid-id"),
    /// A `##` section without `{#anchor}`, text before the first section, or no sections.
    MissingAnchor = ("SW010", Error, "missing-anchor"),
    DuplicateAnchor = ("SW011", Error, "duplicate-anchor"),
    UnknownReference = ("SW012", Error, "unknown-reference"),
    /// Cited in the body with `[@id]` but not listed in `references`.
    CitationNotListed = ("SW013", Error, "citation-not-listed"),
    /// Listed in `references` but never cited in the body.
    ReferenceNotCited = ("SW014", Warning, "reference-not-cited"),
    UnknownConcept = ("SW015", Error, "unknown-concept"),
    /// `module:ID` link (or `see_module`) to a module that does not exist.
    UnknownModule = ("SW016", Error, "unknown-module"),
    /// `module:ID#anchor` link to an anchor the module does not have.
    UnknownAnchor = ("SW017", Error, "unknown-anchor"),
    /// A question id that is not in `questions/questions.toml` or `checker/checker.toml`.
    UnknownQuestion = ("SW018", Error, "unknown-question"),
    DuplicateId = ("SW019", Error, "duplicate-id"),
    /// Raw HTML other than `<abbr>`, `<sub>`, `<sup>`, `<br>` (script, iframe, style, ...).
    DisallowedHtml = ("SW020", Error, "disallowed-html"),
    /// An `on*=` event-handler attribute.
    EventHandler = ("SW021", Error, "event-handler"),
    /// A link that is not `https:`, `module:` or `glossary:` (`javascript:`, `data:`, ...).
    UnsafeUrl = ("SW022", Error, "unsafe-url"),
    /// An image: remote images leak that the app is open; packs carry no image files.
    RemoteImage = ("SW023", Error, "remote-image"),
    /// A language publishes modules but not `when-a-scan-is-needed`.
    MissingSafetyModule = ("SW030", Error, "missing-safety-module"),
    /// A translation lacks anchors, key points, myths or `[translation]`: not published.
    IncompleteTranslation = ("SW031", Warning, "incomplete-translation"),
    /// The source text changed since the translation's `source_hash`.
    StaleTranslation = ("SW032", Warning, "stale-translation"),
    /// `reviewed`/`published` without a reviewer or a review date.
    ReviewIncomplete = ("SW033", Error, "review-incomplete"),
    /// A translation of a module that has no `en.md`.
    TranslationWithoutSource = ("SW034", Error, "translation-without-source"),
    /// A paragraph with a number but no `[@id]` citation.
    UncitedNumber = ("SW040", Warning, "uncited-number"),
    /// English Flesch-Kincaid grade above 8, or Scandinavian LIX of 40 or more.
    Readability = ("SW041", Warning, "readability"),
    /// "degeneration", "tear", "damage", ... with no explanation in the same paragraph.
    WorryingWord = ("SW042", Warning, "worrying-word"),
    /// `checker.toml` lacks one of the four outcome kinds.
    CheckerMissingOutcome = ("SW050", Error, "checker-missing-outcome"),
    /// `checker.toml` has no red-flag question of a kind.
    CheckerMissingRedFlags = ("SW051", Error, "checker-missing-red-flags"),
    /// A language's checker texts do not cover every question and outcome: not published.
    CheckerCoverage = ("SW052", Warning, "checker-coverage"),
    /// A language's appointment questions do not cover every question id: not published.
    QuestionCoverage = ("SW053", Warning, "question-coverage"),
    /// A language's glossary does not explain every concept.
    GlossaryCoverage = ("SW054", Warning, "glossary-coverage"),
    /// The built checker breaks a rule of the engine (branch, sign, safety net, ...).
    CheckerInvalid = ("SW060", Error, "checker-invalid"),
    /// The safety module does not list a checker red flag, or lists it under another tier.
    SafetySignMismatch = ("SW061", Error, "safety-sign-mismatch"),
    /// A glossary with negation words but no `[decoder]` hedges: "cannot be excluded" would
    /// read as "not found", so the decoder reads nothing as absent for that language.
    DecoderTableMissing = ("SW070", Error, "decoder-table-missing"),
    /// A glossary language does not name a serious concept (mass, metastasis, cord
    /// compression, ...): a pasted report's serious word would go unmarked.
    SeriousConceptMissing = ("SW071", Error, "serious-concept-missing"),
    /// A serious concept carries prevalence figures: serious words never get a chart.
    SeriousConceptPrevalence = ("SW072", Error, "serious-concept-prevalence"),
    /// Two concepts of one body area share a phrase once folded: only the first is shown.
    DecoderAliasCollision = ("SW073", Warning, "decoder-alias-collision"),
    /// A glossary's `[decoder.areas]` has no words for a body area: its reports cannot be
    /// told from the others by their heading.
    DecoderAreaWords = ("SW074", Warning, "decoder-area-words"),
    /// A translation's numbers differ from the source's in the same section or item.
    NumberMismatch = ("SW080", Error, "number-mismatch"),
    /// A number in a key point, myth-or-fact item, glossary, checker or question text with no
    /// source behind it.
    UncitedTextNumber = ("SW081", Warning, "uncited-text-number"),
    /// A file under `content/` that no rule reads (`nb.md.txt`, notes, exports).
    UnreadFile = ("SW082", Warning, "unread-file"),
    /// A language tag the project does not ship (`no`, `nb-NO`): the file is not read.
    UnknownLanguage = ("SW083", Error, "unknown-language"),
    /// A source in `references.toml` that nothing cites.
    UnusedReference = ("SW084", Warning, "unused-reference"),
    /// A `[@id]` citation in plain text (key point, myth-or-fact, glossary, checker, questions).
    RawCitation = ("SW100", Error, "raw-citation"),
    /// A phrase from `wording/<lang>.toml` `false_certainty` in text a patient reads.
    FalseCertainty = ("SW101", Warning, "false-certainty"),
    /// A word list with an empty or repeated entry, or an empty list.
    WordingList = ("SW102", Error, "wording-list"),
    /// `wording/` exists but a publishing language has no list or no `[time_course]`.
    WordingCoverage = ("SW103", Warning, "wording-coverage"),
    /// A time course or "come back" line with no citation (see `time_course`).
    UncitedTimeCourse = ("SW104", Warning, "uncited-time-course"),
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where in a file a diagnostic points: 1-based line and column (in characters), the length
/// of the underline (in characters, at least 1) and the text of that line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub len: usize,
    pub line_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// `None` for diagnostics about the content tree as a whole.
    pub file: Option<PathBuf>,
    pub span: Option<Span>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            file: None,
            span: None,
            hint: None,
        }
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Points at a byte range of `src`, which must be the whole file's text.
    pub fn at(mut self, src: &SourceFile, range: Range<usize>) -> Self {
        self.file = Some(src.path.clone());
        self.span = Some(src.span(range));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (or the file alone), with `/` between folders on every system.
    pub fn location(&self) -> Option<String> {
        let file = display_path(self.file.as_deref()?);
        Some(match &self.span {
            Some(s) => format!("{file}:{}:{}", s.line, s.column),
            None => file,
        })
    }

    /// Rendered like rustc and ruff: header, `-->` location, source line, carets, hint.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}[{}]: {}", self.severity, self.code, self.message);
        let width = self
            .span
            .as_ref()
            .map_or(1, |s| s.line.to_string().len())
            .max(1);
        let pad = " ".repeat(width);
        if let Some(location) = self.location() {
            let _ = writeln!(out, "{pad}--> {location}");
        }
        if let Some(s) = &self.span {
            // Tabs would shift the carets; show them as single spaces.
            let text = s.line_text.replace('\t', " ");
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{:>width$} | {}", s.line, text.trim_end());
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(s.column.saturating_sub(1)),
                "^".repeat(s.len.max(1))
            );
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = hint: {hint}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Forward slashes on every platform, so output and snapshots are the same everywhere.
fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Renders a list of diagnostics followed by a one-line summary, as `scanwise check` prints it.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render());
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let _ = writeln!(
        out,
        "{} error{}, {} warning{}",
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" }
    );
    out
}

/// A file's text with a line index, for turning byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// Line and column of a byte range. Out-of-range or mid-character offsets are clamped,
    /// so a bad span from a parser can never panic the renderer.
    pub fn span(&self, range: Range<usize>) -> Span {
        let start = floor_char(&self.text, range.start.min(self.text.len()));
        let end = floor_char(&self.text, range.end.clamp(start, self.text.len()));
        let line_idx = match self.line_starts.binary_search(&start) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx];
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        let column = self.text[line_start..start].chars().count() + 1;
        // The underline stops at the end of the first line of the range.
        let visible_end = end.min(line_start + line_text.len()).max(start);
        let len = self.text[start..visible_end].chars().count().max(1);
        Span {
            line: line_idx + 1,
            column,
            len,
            line_text: line_text.to_string(),
        }
    }

    /// Byte range of the first occurrence of `needle` at or after `from`, or an empty range at
    /// `from` when it is not there (the diagnostic then still points near the right place).
    pub fn find(&self, from: usize, needle: &str) -> Range<usize> {
        let from = floor_char(&self.text, from.min(self.text.len()));
        match self.text[from..].find(needle) {
            Some(i) => from + i..from + i + needle.len(),
            None => from..from,
        }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {c}");
            assert_eq!(c.as_str().len(), 5);
            assert!(c.as_str().starts_with("SW"));
        }
    }

    #[test]
    fn span_maps_offsets_to_line_and_column() {
        let src = SourceFile::new("a.md", "first\nsecond [@x] line\n");
        let off = src.text.find("[@x]").unwrap();
        let s = src.span(off..off + 4);
        assert_eq!((s.line, s.column, s.len), (2, 8, 4));
        assert_eq!(s.line_text, "second [@x] line");
        // Past the end and inside a multi-byte char: clamped, not a panic.
        let s = SourceFile::new("b", "æøå").span(1..100);
        assert_eq!((s.line, s.column), (1, 1));
    }

    #[test]
    fn renders_like_rustc() {
        let src = SourceFile::new(
            "content/modules/radiation/en.md",
            "a\nIt is the same dose as a flight [@cuff2030].\n",
        );
        let off = src.text.find("[@cuff2030]").unwrap();
        let d = Diagnostic::new(Code::UnknownReference, "unknown reference id `cuff2030`")
            .at(&src, off..off + 11)
            .with_hint("use one of: cuff2020");
        assert_eq!(
            d.render(),
            "error[SW012]: unknown reference id `cuff2030`\n \
             --> content/modules/radiation/en.md:2:33\n  |\n\
             2 | It is the same dose as a flight [@cuff2030].\n  \
             |                                 ^^^^^^^^^^^\n  = hint: use one of: cuff2020\n"
        );
    }
}
