//! Source-file schemas (what editors write) and the TOML loader that turns `toml` errors into
//! positioned diagnostics. Every table denies unknown fields, so a typo is an error with a hint,
//! not a silently ignored line.

use std::collections::BTreeMap;

use scanwise_core::model::{
    AreaWords, BodyArea, CheckerQuestionKind, ConceptArea, ConceptClass, DecoderTable,
    MythOrFactAnswer, OutcomeKind, ReviewState,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diag::{Code, Diagnostic, SourceFile};

// ---------------------------------------------------------------- modules

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: Spanned<String>,
    pub title: String,
    pub summary: String,
    pub areas: Vec<BodyArea>,
    pub order: u32,
    pub minutes: Spanned<u32>,
    #[serde(default)]
    pub references: Vec<Spanned<String>>,
    #[serde(default)]
    pub questions: Vec<Spanned<String>>,
    pub key_points: Vec<String>,
    #[serde(default)]
    pub myth_or_fact: Vec<MythSrc>,
    pub review: ReviewSrc,
    pub translation: Option<Spanned<TranslationSrc>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MythSrc {
    pub statement: String,
    pub answer: MythOrFactAnswer,
    pub explanation: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSrc {
    pub state: Spanned<ReviewState>,
    pub reviewer: Option<String>,
    pub reviewed_on: Option<Spanned<String>>,
    pub next_review: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationSrc {
    pub source_hash: String,
    pub translated_on: Spanned<String>,
}

// ---------------------------------------------------------------- references, regions

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSrc {
    pub citation: String,
    pub doi: Option<String>,
    pub url: Option<String>,
    /// In the project's own words: what ScanWise cites this source for (for editors and
    /// reviewers; not shipped to the app).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSrc {
    pub emergency: Option<String>,
    pub urgent: Option<String>,
    pub urgent_name: Option<String>,
}

// ---------------------------------------------------------------- glossary

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptSrc {
    pub area: ConceptArea,
    /// `serious` or `urgent`: a word to talk to the clinician about soon (FACTS §11j).
    #[serde(default)]
    pub class: ConceptClass,
    /// The area the prevalence figures come from, for a concept that fits several areas.
    pub prevalence_area: Option<ConceptArea>,
    pub see_module: Option<Spanned<String>>,
    pub prevalence_source: Option<Spanned<String>>,
    #[serde(default)]
    pub prevalence: Vec<Spanned<BandSrc>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandSrc {
    pub from: u8,
    pub to: u8,
    pub percent: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryLangSrc {
    #[serde(default)]
    pub negations: Vec<String>,
    #[serde(default)]
    pub terminators: Vec<String>,
    #[serde(default)]
    pub post_negations: Vec<String>,
    /// The decoder's other words (hedges, limiters, change words, area words, ...).
    pub decoder: Option<DecoderTableSrc>,
    #[serde(default)]
    pub concepts: BTreeMap<String, ConceptTextSrc>,
}

/// `[decoder]` of a glossary file: [`DecoderTable`] with unknown keys refused (a misspelt key
/// would silently drop a word list).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecoderTableSrc {
    pub stem_suffixes: Vec<Vec<String>>,
    pub two_way: Vec<String>,
    pub after_colon: Vec<String>,
    pub list_words: Vec<String>,
    pub hedges: Vec<String>,
    pub limiters: Vec<String>,
    pub changes: Vec<String>,
    pub connectors: Vec<String>,
    pub word_families: Vec<Vec<String>>,
    pub compounds: bool,
    pub areas: AreaWordsSrc,
    pub question_headings: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AreaWordsSrc {
    pub spine: Vec<String>,
    pub knee: Vec<String>,
    pub shoulder: Vec<String>,
}

impl From<&DecoderTableSrc> for DecoderTable {
    fn from(t: &DecoderTableSrc) -> DecoderTable {
        DecoderTable {
            stem_suffixes: t.stem_suffixes.clone(),
            two_way: t.two_way.clone(),
            after_colon: t.after_colon.clone(),
            list_words: t.list_words.clone(),
            hedges: t.hedges.clone(),
            limiters: t.limiters.clone(),
            changes: t.changes.clone(),
            connectors: t.connectors.clone(),
            word_families: t.word_families.clone(),
            compounds: t.compounds,
            areas: AreaWords {
                spine: t.areas.spine.clone(),
                knee: t.areas.knee.clone(),
                shoulder: t.areas.shoulder.clone(),
            },
            question_headings: t.question_headings.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptTextSrc {
    pub term: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub explanation: String,
}

// ---------------------------------------------------------------- checker

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckerSrc {
    #[serde(default)]
    pub questions: Vec<CheckerQuestionSrc>,
    #[serde(default)]
    pub outcomes: Vec<OutcomeSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckerQuestionSrc {
    pub id: Spanned<String>,
    pub kind: CheckerQuestionKind,
    pub areas: Vec<BodyArea>,
    /// Asked only after this earlier question is answered yes or not sure (a branch).
    pub when: Option<Spanned<String>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSrc {
    pub kind: Spanned<OutcomeKind>,
    #[serde(default)]
    pub questions: Vec<Spanned<String>>,
    /// References behind the card's numbers and times (its texts carry no `[@id]`).
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckerLangSrc {
    #[serde(default)]
    pub questions: BTreeMap<String, CheckerTextSrc>,
    #[serde(default)]
    pub outcomes: BTreeMap<String, OutcomeTextSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckerTextSrc {
    pub text: String,
    pub help: Option<String>,
    /// The sign in a few words; required for red flags.
    pub sign: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeTextSrc {
    pub title: String,
    /// Markdown; rendered and sanitised like module text.
    pub body: Spanned<String>,
    /// Markdown per body area: "when to come back" under the body.
    #[serde(default)]
    pub safety_net: BTreeMap<BodyArea, Spanned<String>>,
}

// ---------------------------------------------------------------- appointment questions

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsSrc {
    #[serde(default)]
    pub questions: Vec<QuestionIdSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionIdSrc {
    pub id: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionsLangSrc {
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionTextSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTextSrc {
    pub text: String,
}

// ---------------------------------------------------------------- loader

/// Parses `text` (which starts at byte `offset` of `src`) as TOML into `T`. On failure, pushes
/// one diagnostic: SW003 for syntax, SW004 missing field, SW005 unknown field (with the known
/// ones as a hint), SW006 for any other value error.
pub fn parse_toml<T: DeserializeOwned>(
    src: &SourceFile,
    text: &str,
    offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let to_file = |span: Option<std::ops::Range<usize>>| {
        span.map_or(offset..offset, |r| r.start + offset..r.end + offset)
    };
    // Syntax first, so a stray quote is reported as such and not as a schema error.
    if let Err(e) = text.parse::<toml::Table>() {
        let range = to_file(e.span());
        let line = src.span(range.clone()).line_text;
        diags.push(
            Diagnostic::new(
                Code::TomlSyntax,
                format!("invalid TOML: {}", first_line(e.message())),
            )
            .at(src, range)
            .with_hint(toml_hint(&line, e.message())),
        );
        return None;
    }
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let msg = first_line(e.message());
            let range = to_file(e.span());
            let d = if let Some(rest) = msg.strip_prefix("unknown field ") {
                let field = rest.split(',').next().unwrap_or(rest);
                let known = known_fields(rest);
                Diagnostic::new(Code::UnknownField, format!("unknown field {field}"))
                    .at(src, range)
                    .with_hint(if known.is_empty() {
                        "this table takes no fields".to_string()
                    } else {
                        format!("known fields here: {known}")
                    })
            } else if msg.starts_with("missing field") {
                Diagnostic::new(Code::MissingField, msg.to_string())
                    .at(src, range)
                    .with_hint("see docs/content-authoring.md for the fields this file needs")
            } else {
                let d = Diagnostic::new(Code::InvalidValue, msg.to_string()).at(src, range);
                match value_hint(msg) {
                    Some(h) => d.with_hint(h),
                    None => d,
                }
            };
            diags.push(d);
            None
        }
    }
}

/// A plain-language hint for a value of the wrong kind (serde's "invalid type: ..., expected
/// ..." and "unknown variant ..." messages).
fn value_hint(msg: &str) -> Option<String> {
    if let Some((_, rest)) = msg.split_once("unknown variant")
        && let Some((_, expected)) = rest.split_once("expected ")
    {
        let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Some(format!("use one of: {}", names.join(", ")));
    }
    let expected = msg.split_once("expected ")?.1;
    Some(if expected.starts_with("a sequence") {
        "this field takes a list in square brackets: [\"a\", \"b\"]".to_string()
    } else if expected.starts_with("a string") || expected.contains("string") {
        "this field takes text in straight double quotes: \"…\"".to_string()
    } else if expected.contains("integer") || expected.contains("u32") || expected.contains("u8") {
        "this field takes a whole number without quotes, e.g. order = 10".to_string()
    } else if expected.contains("float") || expected.contains("f32") {
        "this field takes a number without quotes, e.g. percent = 30".to_string()
    } else if expected.contains("struct") || expected.contains("map") || expected.contains("table")
    {
        "this is a table: write it as [name] on its own line, with its fields below".to_string()
    } else {
        return None;
    })
}

/// A plain-language hint for a TOML syntax error on `line`.
pub fn toml_hint(line: &str, message: &str) -> String {
    const CURLY: &[char] = &['“', '”', '„', '‘', '’', '‚', '«', '»', '″'];
    let found: Vec<char> = line.chars().filter(|c| CURLY.contains(c)).collect();
    let m = message.to_ascii_lowercase();
    let t = line.trim();
    if !found.is_empty() && !line.trim_start().starts_with('#') {
        // Inside a straight-quoted text, curly quotes are fine; as the quotes around a value
        // (pasted from a word processor) they are not.
        let around = t
            .split_once('=')
            .map(|(_, v)| v.trim_start())
            .is_some_and(|v| v.starts_with(CURLY) || !v.starts_with(['"', '\'', '[', '{']));
        if around || !t.contains('"') {
            let shown: String = found.iter().map(|c| format!("{c} ")).collect();
            return format!(
                "this line has curly quotes ({}) from a word processor: TOML needs straight quotes \" around text, e.g. title = \"Back pain\"",
                shown.trim_end()
            );
        }
    }
    let unclosed = m.contains("unclosed")
        || m.contains("unterminated")
        || m.contains("string") && (m.contains("newline") || m.contains("expected `\"`"));
    if unclosed {
        return "a text is not closed: end it with \" on the same line, or use \"\"\" … \"\"\" for text over several lines".into();
    }
    if m.contains("duplicate key") || m.contains("duplicate") {
        return "this name is set twice in the same table: keep one".into();
    }
    if m.contains("invalid escape") {
        return "a backslash \\ starts an escape in \"…\" text: write \\\\ for a backslash, or use '…' quotes".into();
    }
    if t.starts_with('[') && !t.ends_with(']') {
        return "a table header is written [name] on a line of its own".into();
    }
    if m.contains("expected `=`")
        || m.contains("expected '='")
        || (!t.contains('=') && !t.starts_with('['))
    {
        return "each line is `name = value`, with text in straight quotes: name = \"text\"".into();
    }
    if m.contains("invalid string")
        || m.contains("string values must be quoted")
        || m.contains("invalid")
    {
        return "text values need straight double quotes: name = \"text\"; lists are [\"a\", \"b\"]".into();
    }
    "see the examples in docs/content-authoring.md; text goes in straight double quotes, lists in [ ]".into()
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// From serde's "`x`, expected one of `a`, `b`" (or "expected `a`") to "a, b".
fn known_fields(rest: &str) -> String {
    let Some((_, expected)) = rest.split_once("expected ") else {
        return String::new();
    };
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Byte range of a table header `[name]` (or `[prefix.name]`) in `text`, for diagnostics on
/// keys that serde does not give spans for; `None` when not found.
pub fn header_range(text: &str, header: &str) -> Option<std::ops::Range<usize>> {
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[')
            && t.trim_end().trim_end_matches(']').trim_start_matches('[') == header
        {
            let start = pos + (line.len() - t.len());
            return Some(start..start + t.trim_end().len());
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fields_from_serde_message() {
        assert_eq!(
            known_fields("`titel`, expected one of `id`, `title`"),
            "id, title"
        );
        assert_eq!(known_fields("`x`, expected `text`"), "text");
        assert_eq!(known_fields("`x`, there are no fields"), "");
    }

    #[test]
    fn unknown_field_is_positioned_with_hint() {
        let text = "[q]\ntext = \"a\"\ntxet = \"b\"\n";
        let src = SourceFile::new("q.toml", text);
        let mut diags = Vec::new();
        let r: Option<QuestionsLangSrc> = parse_toml(&src, "questions = 1", 0, &mut diags);
        assert!(r.is_none());
        assert_eq!(diags[0].code, Code::InvalidValue);
        assert!(
            diags[0].hint.as_deref().unwrap_or("").contains("table"),
            "{:?}",
            diags[0]
        );
        diags.clear();
        let r: Option<FrontMatter> = parse_toml(
            &src,
            "id = \"x\"\ntitle = \"t\"\nsummary = \"s\"\nareas = \"back\"\norder = 1\nminutes = 3\nkey_points = []\n[review]\nstate = \"draft\"\n",
            0,
            &mut diags,
        );
        assert!(r.is_none());
        assert!(
            diags[0].hint.as_deref().unwrap_or("").contains("list"),
            "{:?}",
            diags[0]
        );
        diags.clear();
        let body = "[questions.q]\ntext = \"a\"\ntxet = \"b\"\n";
        let src = SourceFile::new("q.toml", body);
        let r: Option<QuestionsLangSrc> = parse_toml(&src, body, 0, &mut diags);
        assert!(r.is_none());
        assert_eq!(diags[0].code, Code::UnknownField);
        assert_eq!(diags[0].span.as_ref().unwrap().line, 3);
        assert_eq!(diags[0].hint.as_deref(), Some("known fields here: text"));
    }

    #[test]
    fn toml_errors_get_plain_hints() {
        let src = SourceFile::new("q.toml", "title = “Back pain”\n");
        let mut d = Vec::new();
        let r: Option<toml::Table> = parse_toml(&src, &src.text.clone(), 0, &mut d);
        assert!(r.is_none());
        let h = d[0].hint.as_deref().unwrap();
        assert!(h.starts_with("this line has curly quotes (“ ”)"), "{h}");
        // Curly quotes inside straight-quoted text are fine.
        let ok: Option<toml::Table> = parse_toml(
            &SourceFile::new("q", "a = \"say “hi”\"\n"),
            "a = \"say “hi”\"\n",
            0,
            &mut d,
        );
        assert!(ok.is_some());
        d.clear();
        let src = SourceFile::new("q.toml", "title = \"Back pain\ntext = 1\n");
        let _: Option<toml::Table> = parse_toml(&src, &src.text.clone(), 0, &mut d);
        assert!(
            d[0].hint
                .as_deref()
                .unwrap()
                .starts_with("a text is not closed"),
            "{:?}",
            d[0]
        );
    }

    #[test]
    fn header_range_finds_tables() {
        let t = "a = 1\n\n  [concepts.disc-bulge]\nterm = \"x\"\n";
        let r = header_range(t, "concepts.disc-bulge").unwrap();
        assert_eq!(&t[r], "[concepts.disc-bulge]");
        assert!(header_range(t, "nope").is_none());
    }
}
