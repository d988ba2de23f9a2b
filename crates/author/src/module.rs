//! One module file: `+++` TOML front matter, then the Markdown body.

use std::path::Path;

use scanwise_core::model::{MythOrFactAnswer, ReviewState};
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::diag::{Code, Diagnostic, SourceFile};
use crate::markdown::{self, BodyInfo};
use crate::readability::{self, Target};
use crate::sources::{FrontMatter, parse_toml};

/// The source language: every other language is a translation of it.
pub const SOURCE_LANG: &str = "en";

#[derive(Debug, Clone)]
pub struct ModuleFile {
    pub src: SourceFile,
    /// Folder name (the module id the file must declare).
    pub folder: String,
    pub lang: String,
    pub fm: FrontMatter,
    /// Byte offset of the body in `src.text`.
    pub body_start: usize,
    pub info: BodyInfo,
    /// SHA-256 (hex) of the translatable text; see [`content_hash`].
    pub hash: String,
}

impl ModuleFile {
    pub fn body(&self) -> &str {
        &self.src.text[self.body_start..]
    }

    pub fn range_of<T>(&self, s: &Spanned<T>) -> std::ops::Range<usize> {
        let fm = self.fm_start();
        s.span().start + fm..s.span().end + fm
    }

    fn fm_start(&self) -> usize {
        split_front_matter(&self.src.text).map_or(0, |(r, _)| r.start)
    }
}

/// `(front matter byte range, body start)`, or a description of what is wrong.
pub fn split_front_matter(text: &str) -> Result<(std::ops::Range<usize>, usize), &'static str> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err("a module must start with a `+++` line");
    }
    let fm_start = first.len();
    let mut pos = fm_start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok((fm_start..pos, pos + line.len()));
        }
        pos += line.len();
    }
    Err("the front matter is not closed by a `+++` line")
}

/// Parses and checks one module file on its own (cross-file rules run later). `path` decides
/// the language (file stem) and expected id (folder name). Never panics, whatever `text` is.
pub fn parse_module(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<ModuleFile> {
    // An editor's byte-order mark is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let src = SourceFile::new(path, text);
    let (fm_range, body_start) = match split_front_matter(text) {
        Ok(v) => v,
        Err(msg) => {
            let first_len = text.find('\n').unwrap_or(text.len());
            diags.push(
                Diagnostic::new(Code::MalformedFrontMatter, msg)
                    .at(&src, 0..first_len)
                    .with_hint("start the file with `+++`, then TOML front matter, then `+++`"),
            );
            return None;
        }
    };
    let lang = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fm: Option<FrontMatter> = parse_toml(&src, &text[fm_range.clone()], fm_range.start, diags);
    // The body is checked even when the front matter is broken: one run, all the errors.
    let before = diags.len();
    let info = markdown::analyze(&src, body_start, &text[body_start..], &lang, diags);
    let fm = fm?;
    for d in diags[before..]
        .iter_mut()
        .filter(|d| d.code == Code::UncitedNumber)
    {
        let line = d.span.as_ref().map_or(0, |s| s.line);
        d.hint = Some(uncited_hint(&src, &info, &fm, line));
    }
    let at = |s: std::ops::Range<usize>| s.start + fm_range.start..s.end + fm_range.start;

    let id = fm.id.get_ref();
    if let Err(e) = scanwise_ids::ModuleId::parse(id) {
        diags.push(
            crate::content::bad_id(
                "module id",
                id,
                e,
                "ids use lowercase letters, digits and `-`",
            )
            .at(&src, at(fm.id.span())),
        );
    } else if id != &folder {
        diags.push(
            Diagnostic::new(
                Code::IdMismatch,
                format!("module id `{id}` does not match its folder `{folder}`"),
            )
            .at(&src, at(fm.id.span()))
            .with_hint(format!(
                "ids are stable across languages; use id = \"{folder}\""
            )),
        );
    }

    let minutes = *fm.minutes.get_ref();
    if !(3..=6).contains(&minutes) {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                format!("a reading time of {minutes} minutes is outside 3-6"),
            )
            .at(&src, at(fm.minutes.span()))
            .with_hint("modules are short; split a longer one into two modules"),
        );
    }

    let state = *fm.review.state.get_ref();
    if state != ReviewState::Draft {
        let missing: Vec<&str> = [
            (
                "reviewer",
                fm.review
                    .reviewer
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty()),
            ),
            ("reviewed_on", fm.review.reviewed_on.is_none()),
        ]
        .into_iter()
        .filter_map(|(n, m)| m.then_some(n))
        .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::ReviewIncomplete,
                    format!(
                        "a {} module needs {}",
                        state_name(state),
                        missing.join(" and ")
                    ),
                )
                .at(&src, at(fm.review.state.span()))
                .with_hint("name the clinical reviewer and the date, or set state = \"draft\""),
            );
        }
    }
    let dates = [
        fm.review.reviewed_on.as_ref(),
        fm.review.next_review.as_ref(),
        fm.translation.as_ref().map(|t| &t.get_ref().translated_on),
    ];
    for d in dates.into_iter().flatten() {
        if !is_iso_date(d.get_ref()) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("`{}` is not a date", d.get_ref()),
                )
                .at(&src, at(d.span()))
                .with_hint("write dates as YYYY-MM-DD"),
            );
        }
    }
    if lang == SOURCE_LANG
        && let Some(t) = &fm.translation
    {
        diags.push(
            Diagnostic::new(
                Code::InvalidValue,
                "the source language has no `[translation]` table",
            )
            .at(&src, at(t.span()))
            .with_hint("only translations record the source hash they were made from"),
        );
    }

    readability_check(&src, &lang, &info, &fm, diags);
    let hash = content_hash(&fm, &text[body_start..]);
    Some(ModuleFile {
        src,
        folder,
        lang,
        fm,
        body_start,
        info,
        hash,
    })
}

/// The SW040 hint: the sources this section already cites, then the module's other sources.
fn uncited_hint(src: &SourceFile, info: &BodyInfo, fm: &FrontMatter, line: usize) -> String {
    let starts: Vec<usize> = info.sections.iter().map(|s| s.range.start).collect();
    let idx = starts
        .iter()
        .rposition(|st| src.span(*st..*st).line <= line);
    let (from, to) = match idx {
        Some(i) => (starts[i], starts.get(i + 1).copied().unwrap_or(usize::MAX)),
        None => (0, starts.first().copied().unwrap_or(usize::MAX)),
    };
    let mut here: Vec<&str> = Vec::new();
    for (id, r) in &info.citations {
        if r.start >= from && r.start < to && !here.contains(&id.as_str()) {
            here.push(id);
        }
    }
    let others: Vec<&str> = fm
        .references
        .iter()
        .map(|r| r.get_ref().as_str())
        .filter(|r| !here.contains(r))
        .collect();
    let cite = |ids: &[&str]| {
        ids.iter()
            .map(|i| format!("[@{i}]"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let base = "add the source at the end of the sentence that uses it";
    match (here.is_empty(), others.is_empty()) {
        (true, true) => format!(
            "{base}: `[@id]` with an id from content/references.toml, listed in `references`"
        ),
        (false, true) => format!("{base}; this section cites {}", cite(&here)),
        (true, false) => format!("{base}; this module cites {}", cite(&others)),
        (false, false) => format!(
            "{base}; this section cites {}, the module also {}",
            cite(&here),
            cite(&others)
        ),
    }
}

fn state_name(s: ReviewState) -> &'static str {
    match s {
        ReviewState::Draft => "draft",
        ReviewState::Reviewed => "reviewed",
        ReviewState::Published => "published",
    }
}

fn readability_check(
    src: &SourceFile,
    lang: &str,
    info: &BodyInfo,
    fm: &FrontMatter,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(target) = readability::target_for(lang) else {
        return;
    };
    let mut text = info.prose.clone();
    for k in &fm.key_points {
        text.push_str(k);
        text.push('\n');
    }
    let st = readability::stats(&text);
    let msg = match target {
        Target::FleschKincaidMax(max) => readability::flesch_kincaid_grade(&text)
            .filter(|g| *g > max)
            .map(|g| format!("Flesch-Kincaid grade {g:.1} is above the target of {max}")),
        Target::LixBelow(lim) => readability::lix(&text)
            .filter(|l| *l >= lim)
            .map(|l| format!("LIX {l:.1} is at or above the target of under {lim}")),
    };
    if let Some(msg) = msg {
        diags.push(
            Diagnostic::new(Code::Readability, msg)
                .in_file(&src.path)
                .with_hint(format!(
                    "{} words in {} sentences; use shorter sentences and everyday words",
                    st.words, st.sentences
                )),
        );
    }
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    matches!(
        (num(0..4), num(5..7), num(8..10)),
        (Some(_), Some(1..=12), Some(1..=31))
    ) && s
        .bytes()
        .enumerate()
        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// SHA-256 (hex) of a module's translatable text: title, summary, key points, myth-or-fact
/// items and body. Not the review block, ids or areas: a translation goes stale only when
/// words it translated changed. Trailing spaces and line-ending style do not count.
pub fn content_hash(fm: &FrontMatter, body: &str) -> String {
    let mut h = Sha256::new();
    let mut field = |name: &str, value: &str| {
        h.update(name.as_bytes());
        h.update([0x1f]);
        let norm: Vec<&str> = value.trim().lines().map(str::trim_end).collect();
        h.update(norm.join("\n").as_bytes());
        h.update([0x1e]);
    };
    field("title", &fm.title);
    field("summary", &fm.summary);
    for k in &fm.key_points {
        field("key_point", k);
    }
    for m in &fm.myth_or_fact {
        field("myth.statement", &m.statement);
        field(
            "myth.answer",
            match m.answer {
                MythOrFactAnswer::Myth => "myth",
                MythOrFactAnswer::Fact => "fact",
            },
        );
        field("myth.explanation", &m.explanation);
    }
    field("body", body);
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "+++\nid = \"radiation\"\ntitle = \"T\"\nsummary = \"S\"\nareas = [\"general\"]\norder = 1\nminutes = 3\nkey_points = [\"K.\"]\n[review]\nstate = \"draft\"\n+++\n\n## A {#a}\n\nText.\n";

    fn parse(text: &str, path: &str) -> (Option<ModuleFile>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let m = parse_module(Path::new(path), text, &mut d);
        (m, d)
    }

    #[test]
    fn front_matter_errors_are_on_file_lines() {
        let (m, d) = parse(OK, "content/modules/radiation/en.md");
        assert!(m.is_some() && d.is_empty(), "{d:?}");
        let bad = OK.replace("title = \"T\"", "titel = \"T\"");
        let (m, d) = parse(&bad, "content/modules/radiation/en.md");
        assert!(m.is_none());
        assert_eq!(d[0].code, Code::UnknownField);
        // `titel` is on line 3 of the file (front matter starts at line 2).
        assert_eq!(d[0].span.as_ref().unwrap().line, 3);
        assert!(d[0].hint.as_ref().unwrap().contains("title"));
        let (_, d) = parse("no front matter", "x/en.md");
        assert_eq!(d[0].code, Code::MalformedFrontMatter);
        let (_, d) = parse("+++\nid = 1\n", "x/en.md");
        assert_eq!(d[0].code, Code::MalformedFrontMatter);
    }

    #[test]
    fn hash_ignores_review_and_whitespace_but_not_words() {
        let (m, _) = parse(OK, "m/radiation/en.md");
        let base = m.unwrap().hash;
        let reviewed = OK.replace(
            "state = \"draft\"",
            "state = \"reviewed\"\nreviewer = \"Dr X\"\nreviewed_on = \"2026-01-01\"",
        );
        let (m, d) = parse(&reviewed, "m/radiation/en.md");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.unwrap().hash, base);
        let (m, _) = parse(&OK.replace("Text.\n", "Text.   \r\n"), "m/radiation/en.md");
        assert_eq!(m.unwrap().hash, base);
        let (m, _) = parse(&OK.replace("Text.", "Text!"), "m/radiation/en.md");
        assert_ne!(m.unwrap().hash, base);
    }

    #[test]
    fn review_and_dates() {
        let (_, d) = parse(
            &OK.replace("\"draft\"", "\"published\""),
            "m/radiation/en.md",
        );
        assert_eq!(d[0].code, Code::ReviewIncomplete);
        assert!(is_iso_date("2026-11-28"));
        assert!(
            !is_iso_date("2026-13-01") && !is_iso_date("28.11.2026") && !is_iso_date("2026-1-01")
        );
    }
}
