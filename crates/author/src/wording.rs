//! Per-language word lists kept in content, `content/wording/<lang>.toml`:
//!
//! - `[false_certainty] phrases`: wording that promises what no app (and no scan) can, such as
//!   "no warning signs", "not a cancer", "ikke kreft". Wherever a patient reads one, `check`
//!   warns (SW101).
//! - `[time_course]`: the words that make a sentence a time course ("6 weeks", "a few weeks") or a
//!   "come back if" line, read by [`crate::time_course`] (SW104).
//!
//! The lists are checked too: SW102 for an empty or repeated entry, SW103 when `wording/` exists
//! but a publishing language has no list (or no `[time_course]`). Without a `wording/` folder
//! nothing is checked (small trees and old fixtures).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::content::{Content, is_valid_lang, parse_toml_file};
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::patient_text::PatientText;
use crate::rules::publishing_languages;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordingSrc {
    pub false_certainty: FalseCertaintySrc,
    pub time_course: Option<TimeCourseSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FalseCertaintySrc {
    pub phrases: Vec<Spanned<String>>,
    /// Shown with every warning: what to write instead.
    pub hint: Option<String>,
    /// Words that make a sentence a hedge, not a promise ("most", "usually", "oftest"): a phrase
    /// in a sentence with one of them is not reported.
    #[serde(default)]
    pub hedges: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeCourseSrc {
    /// Groups of words for one unit of time, every form: `["week", "weeks"]`.
    pub units: Vec<Vec<Spanned<String>>>,
    /// Words that, right before a unit, make it a duration: "a", "few", "within", "noen".
    /// (A number right before a unit always does.)
    #[serde(default)]
    pub quantities: Vec<Spanned<String>>,
    /// Phrases of a "come back if" line: "come back if", "not getting better".
    #[serde(default)]
    pub come_back: Vec<Spanned<String>>,
}

/// One language's lists, normalised (see [`normalize`]).
#[derive(Debug, Clone)]
pub struct Wording {
    pub src: SourceFile,
    pub phrases: Vec<String>,
    pub hedges: Vec<String>,
    pub hint: Option<String>,
    pub time: Option<TimeWords>,
}

#[derive(Debug, Clone, Default)]
pub struct TimeWords {
    pub units: Vec<Vec<String>>,
    pub quantities: Vec<String>,
    pub come_back: Vec<String>,
}

/// Text folded for matching: lower case, curly quotes made straight, `*` (Markdown emphasis)
/// dropped, every run of white space one space. `starts[i]..ends[i]` is the byte range in the
/// original text of the normalised byte `i`, so a match maps back to the file.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Normalized {
    /// The original byte range of the normalised byte range `r` (which must be non-empty).
    pub fn original(&self, r: Range<usize>) -> Range<usize> {
        let (Some(&s), Some(&e)) = (self.starts.get(r.start), self.ends.get(r.end.max(1) - 1))
        else {
            return 0..0;
        };
        s..e.max(s)
    }
}

pub fn normalize(text: &str) -> Normalized {
    let mut n = Normalized::default();
    let mut last_space = true;
    for (i, ch) in text.char_indices() {
        let end = i + ch.len_utf8();
        let push = |c: char, n: &mut Normalized| {
            n.text.push(c);
            for _ in 0..c.len_utf8() {
                n.starts.push(i);
                n.ends.push(end);
            }
        };
        if ch.is_whitespace() {
            if !last_space {
                push(' ', &mut n);
                last_space = true;
            }
            continue;
        }
        last_space = false;
        match ch {
            '*' => {}
            c if is_arabic_mark(c) => {}
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => push('\'', &mut n),
            '\u{201c}' | '\u{201d}' | '\u{00ab}' | '\u{00bb}' | '\u{201e}' => push('"', &mut n),
            c => {
                for l in c.to_lowercase() {
                    push(l, &mut n);
                }
            }
        }
    }
    n
}

/// Arabic short-vowel marks and the tatweel: written or not, the word is the same.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Normalises one list entry; empty when it is only space.
pub fn normalize_entry(s: &str) -> String {
    normalize(s).text.trim().to_string()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Byte ranges (in `hay.text`) where `needle` (normalised) occurs on word boundaries.
pub fn find_phrase(hay: &Normalized, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    for (i, _) in hay.text.match_indices(needle) {
        let end = i + needle.len();
        let before = hay.text[..i].chars().next_back();
        let after = hay.text[end..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        // Boundaries matter only where the phrase itself starts or ends with a letter.
        let ok_before = !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
        let ok_after = !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
        if ok_before && ok_after {
            out.push(i..end);
        }
    }
    out
}

/// The sentence of `text` around the byte range `r`: from after the previous `.`, `?`, `!`,
/// `؟` or `:` to the next one.
pub fn sentence_around(text: &str, r: Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '.' | '?' | '!' | '؟' | ':');
    let start = text[..r.start]
        .char_indices()
        .rev()
        .find(|(_, c)| ends(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[r.end..].find(ends).map_or(text.len(), |i| r.end + i);
    start..end
}

/// Loads and validates every `wording/<lang>.toml`; reports languages that publish modules but
/// have no list. Empty when there is no `wording/` folder.
pub fn load(c: &Content, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, Wording> {
    let dir = c.root.join("wording");
    let mut out = BTreeMap::new();
    let Ok(rd) = fs::read_dir(&dir) else {
        return out;
    };
    let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(lang) = name.strip_suffix(".toml") else {
            continue;
        };
        if !is_valid_lang(lang) {
            diags.push(
                Diagnostic::new(Code::InvalidId, format!("`{lang}` is not a language tag"))
                    .in_file(&path)
                    .with_hint("name word lists after their language: `en.toml`, `nb.toml`"),
            );
            continue;
        }
        let text = match fs::read(&path).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            _ => {
                diags.push(
                    Diagnostic::new(Code::UnreadableFile, "cannot read this file as UTF-8 text")
                        .in_file(&path),
                );
                continue;
            }
        };
        let Some(loaded) = parse_toml_file::<WordingSrc>(&path, &text, diags) else {
            continue;
        };
        let src = loaded.src;
        let w = loaded.data;
        let bad = |msg: String, at: Range<usize>, diags: &mut Vec<Diagnostic>| {
            diags.push(
                Diagnostic::new(Code::WordingList, msg)
                    .at(&src, at)
                    .with_hint("every entry is a word or phrase, listed once (case and spacing do not count)"),
            );
        };
        let entries = |list: &[Spanned<String>], what: &str, diags: &mut Vec<Diagnostic>| {
            let mut seen = BTreeSet::new();
            let mut kept = Vec::new();
            for e in list {
                let n = normalize_entry(e.get_ref());
                if n.is_empty() {
                    bad(format!("an empty entry in {what}"), e.span(), diags);
                } else if !seen.insert(n.clone()) {
                    bad(
                        format!("`{}` is listed twice in {what}", e.get_ref()),
                        e.span(),
                        diags,
                    );
                } else {
                    kept.push(n);
                }
            }
            kept
        };
        let phrases = entries(
            &w.false_certainty.phrases,
            "`false_certainty.phrases`",
            diags,
        );
        let hedges = entries(&w.false_certainty.hedges, "`false_certainty.hedges`", diags);
        if w.false_certainty.phrases.is_empty() {
            bad(
                "`false_certainty.phrases` is empty: nothing would be checked".into(),
                crate::sources::header_range(&src.text, "false_certainty").unwrap_or(0..0),
                diags,
            );
        }
        let time = w.time_course.as_ref().map(|t| {
            let mut all_units = Vec::new();
            let mut groups = Vec::new();
            for g in &t.units {
                if g.is_empty() {
                    bad(
                        "an empty group in `time_course.units`".into(),
                        crate::sources::header_range(&src.text, "time_course").unwrap_or(0..0),
                        diags,
                    );
                }
                all_units.extend(g.iter().cloned());
                groups.push(g.iter().map(|u| normalize_entry(u.get_ref())).collect());
            }
            // Validate every unit once across groups (a word in two groups is ambiguous).
            entries(&all_units, "`time_course.units`", diags);
            if t.units.is_empty() {
                bad(
                    "`time_course.units` is empty: no time course would be found".into(),
                    crate::sources::header_range(&src.text, "time_course").unwrap_or(0..0),
                    diags,
                );
            }
            TimeWords {
                units: groups,
                quantities: entries(&t.quantities, "`time_course.quantities`", diags),
                come_back: entries(&t.come_back, "`time_course.come_back`", diags),
            }
        });
        out.insert(
            lang.to_string(),
            Wording {
                phrases,
                hedges,
                hint: w.false_certainty.hint.clone(),
                time,
                src,
            },
        );
    }
    for lang in publishing_languages(c) {
        let path = dir.join(format!("{lang}.toml"));
        match out.get(&lang) {
            None if !path.exists() => diags.push(
                Diagnostic::new(
                    Code::WordingCoverage,
                    format!("`{lang}` publishes modules but has no word list: its wording is not checked"),
                )
                .in_file(&path)
                .with_hint("add falsely certain phrases and time words for this language (see en.toml)"),
            ),
            Some(w) if w.time.is_none() => diags.push(
                Diagnostic::new(
                    Code::WordingCoverage,
                    format!("the {lang} word list has no `[time_course]`: {lang} time courses are not checked"),
                )
                .in_file(&w.src.path)
                .with_hint("add [time_course] with units, quantities and come_back"),
            ),
            _ => {}
        }
    }
    out
}

/// SW101: a falsely certain phrase wherever a patient reads text.
pub fn check(
    lists: &BTreeMap<String, Wording>,
    texts: &[PatientText<'_>],
    diags: &mut Vec<Diagnostic>,
) {
    for t in texts {
        let Some(w) = lists.get(t.lang) else { continue };
        let hay = normalize(t.text);
        let mut taken: Vec<Range<usize>> = Vec::new();
        // Longer phrases first, so "ikke noe kreft" is reported once, not also as "kreft".
        let mut phrases: Vec<&String> = w.phrases.iter().collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for p in phrases {
            for r in find_phrase(&hay, p) {
                if taken.iter().any(|x| x.start < r.end && r.start < x.end) {
                    continue;
                }
                let sentence = &hay.text[sentence_around(&hay.text, r.clone())];
                let hedged = w
                    .hedges
                    .iter()
                    .any(|h| !find_phrase(&normalize(sentence), h).is_empty());
                if hedged {
                    continue;
                }
                taken.push(r.clone());
                let orig = hay.original(r);
                let shown = t.text.get(orig.clone()).unwrap_or(p.as_str());
                diags.push(
                    Diagnostic::new(
                        Code::FalseCertainty,
                        format!(
                            "{} says \"{}\": wording that sounds more certain than anyone can be",
                            t.place.describe(),
                            shown.split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                    )
                    .at(t.src, t.file_range(orig))
                    .with_hint(w.hint.clone().unwrap_or_else(|| {
                        "never rule anything out: say what was asked or seen, what to watch for, and when to get help".into()
                    })),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_quotes_emphasis_and_space() {
        let n = normalize("It is **Not**\n  a  cancer’s");
        assert_eq!(n.text, "it is not a cancer's");
        let r = find_phrase(&n, "not a cancer")[0].clone();
        let o = n.original(r);
        assert_eq!(&"It is **Not**\n  a  cancer’s"[o], "Not**\n  a  cancer");
    }

    #[test]
    fn matches_on_word_boundaries_only() {
        let n = normalize(
            "Nothing serious. Not nothing seriously. Det er ikke kreft, og ikke kreftsvulst.",
        );
        assert_eq!(find_phrase(&n, "nothing serious").len(), 1);
        assert_eq!(find_phrase(&n, "ikke kreft").len(), 1);
        assert!(find_phrase(&n, "").is_empty());
        let s = "Most often it is nothing serious. It is nothing serious.";
        let n2 = normalize(s);
        let hits = find_phrase(&n2, "nothing serious");
        assert_eq!(
            &n2.text[sentence_around(&n2.text, hits[0].clone())],
            "most often it is nothing serious"
        );
        assert_eq!(
            &n2.text[sentence_around(&n2.text, hits[1].clone())],
            " it is nothing serious"
        );
        // A multi-byte sentence end (Arabic question mark) before the phrase.
        let q = normalize("هل هو خطير؟ لا شيء خطير");
        let hit = find_phrase(&q, &normalize_entry("لا شيء خطير"))[0].clone();
        assert_eq!(&q.text[sentence_around(&q.text, hit)], " لا شيء خطير");
        // Arabic: letters are word characters too.
        let a = normalize("هذا ليس سرطانًا. وليس سرطانا");
        assert_eq!(find_phrase(&a, &normalize_entry("ليس سرطانا")).len(), 1);
    }
}
