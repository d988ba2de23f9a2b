//! SW104: a time course ("most pain settles within 6 weeks") or a "come back if" line without a
//! source.
//!
//! How it is found, per module, with the language's `[time_course]` words
//! (`content/wording/<lang>.toml`):
//!
//! - The body is cut into blocks: paragraphs and list items (headings and code are skipped),
//!   and blocks into sentences. Questions ("When should I come back?") give no time course.
//! - A **duration** is a unit word ("weeks", "uker") right after a number ("6", "6-12") or a
//!   quantity word ("a", "few", "within", "noen"). A sentence with one needs a `[@id]` citation
//!   in its block.
//! - A **come-back line** contains a `come_back` phrase ("come back if", "not getting better").
//!   Its block needs a citation, or a `module:` link to the page where the sourced safety net is.
//! - **Key points and myth-or-fact explanations** cannot cite (SW100). A duration in one must be
//!   given, with the same unit and number, by a cited block of the body; a come-back line in one
//!   needs a sourced come-back block in the body.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::content::Content;
use crate::diag::{Code, Diagnostic};
use crate::module::ModuleFile;
use crate::patient_text::locate;
use crate::wording::{TimeWords, Wording, find_phrase, is_arabic_mark, normalize};

/// A duration: the unit's group index and the number or quantity word before it.
pub type Key = (usize, String);

/// Byte ranges of the paragraphs and list items of a Markdown body.
pub fn blocks(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cur: Option<Range<usize>> = None;
    let mut in_fence = false;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim_start();
        let fence = t.starts_with("```") || t.starts_with("~~~");
        if in_fence || fence || t.trim().is_empty() || t.starts_with('#') {
            out.extend(cur.take());
            if fence {
                in_fence = !in_fence;
            }
            continue;
        }
        if is_list_start(t) {
            out.extend(cur.take());
        }
        let end = start + line.trim_end().len();
        cur = Some(cur.map_or(start..end, |c| c.start..end));
    }
    out.extend(cur);
    out
}

fn is_list_start(t: &str) -> bool {
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// Sentences of a block: byte ranges, and whether each is a question.
pub fn sentences(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '.' | '?' | '!' | '؟') {
            let next = it.peek().map(|(_, n)| *n);
            if next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '»' || n == ')') {
                let end = i + c.len_utf8();
                out.push((start..end, c == '?' || c == '؟'));
                start = end;
            }
        }
    }
    if text[start..].trim().chars().any(char::is_alphanumeric) {
        out.push((start..text.len(), false));
    }
    out
}

/// Words with their byte ranges: runs of letters, digits, `-`, `–` and `½`.
fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let part = |c: char| c.is_alphanumeric() || is_arabic_mark(c) || matches!(c, '-' | '–' | '½');
    let fold = |w: &str| -> String {
        w.chars()
            .filter(|c| !is_arabic_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    for (i, c) in text.char_indices() {
        match (part(c), cur) {
            (true, None) => cur = Some(i),
            (false, Some(s)) => {
                out.push((s..i, fold(&text[s..i])));
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(s) = cur {
        out.push((s..text.len(), fold(&text[s..])));
    }
    out
}

/// Durations in `text`: their keys and byte ranges (number or quantity through unit).
pub fn durations(text: &str, tw: &TimeWords) -> Vec<(Key, Range<usize>)> {
    let ws = words(text);
    let mut out = Vec::new();
    for (i, (r, w)) in ws.iter().enumerate() {
        let Some(unit) = tw.units.iter().position(|g| g.iter().any(|u| u == w)) else {
            continue;
        };
        let Some((pr, prev)) = i.checked_sub(1).and_then(|j| ws.get(j)) else {
            continue;
        };
        let number: String = prev
            .rsplit(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .unwrap_or("")
            .to_string();
        let qualifier = if !number.is_empty() {
            number
        } else if tw.quantities.iter().any(|q| q == prev) {
            prev.clone()
        } else {
            continue;
        };
        out.push(((unit, qualifier), pr.start..r.end));
    }
    out
}

/// Byte range of the first come-back phrase in `text`, if any.
pub fn come_back(text: &str, tw: &TimeWords) -> Option<Range<usize>> {
    let n = normalize(text);
    tw.come_back
        .iter()
        .flat_map(|p| find_phrase(&n, p))
        .min_by_key(|r| r.start)
        .map(|r| n.original(r))
}

fn is_cited(block: &str) -> bool {
    !crate::raw_citation::raw_citations(block).is_empty()
}

pub fn check(c: &Content, lists: &BTreeMap<String, Wording>, diags: &mut Vec<Diagnostic>) {
    for langs in c.modules.values() {
        for (lang, m) in langs {
            if let Some(tw) = lists.get(lang).and_then(|w| w.time.as_ref()) {
                check_module(m, tw, diags);
            }
        }
    }
}

fn check_module(m: &ModuleFile, tw: &TimeWords, diags: &mut Vec<Diagnostic>) {
    let body = m.body();
    let base = m.body_start;
    let mut cited_keys: BTreeSet<Key> = BTreeSet::new();
    let mut sourced_come_back = false;
    for b in blocks(body) {
        let text = &body[b.clone()];
        let cited = is_cited(text);
        let linked = text.contains("](module:");
        for (s, question) in sentences(text) {
            if question {
                continue;
            }
            let sentence = &text[s.clone()];
            let found = durations(sentence, tw);
            if cited {
                cited_keys.extend(found.iter().map(|(k, _)| k.clone()));
            } else if let Some((_, r)) = found.first() {
                let at = base + b.start + s.start;
                diags.push(
                    Diagnostic::new(
                        Code::UncitedTimeCourse,
                        format!(
                            "a time course (\"{}\") with no source in its paragraph",
                            &sentence[r.clone()]
                        ),
                    )
                    .at(&m.src, at + r.start..at + r.end)
                    .with_hint("cite the source of this time course in the same paragraph or list item: [@id]"),
                );
            }
            if let Some(r) = come_back(sentence, tw) {
                if cited || linked {
                    sourced_come_back = true;
                } else {
                    let at = base + b.start + s.start;
                    diags.push(
                        Diagnostic::new(
                            Code::UncitedTimeCourse,
                            format!(
                                "a \"come back\" line (\"{}\") with no source",
                                &sentence[r.clone()]
                            ),
                        )
                        .at(&m.src, at + r.start..at + r.end)
                        .with_hint("cite where the safety net comes from, or link the page that does: [text](module:getting-better#come-back)"),
                    );
                }
            }
        }
    }
    let plain = m.fm.key_points.iter().map(|k| ("a key point", k)).chain(
        m.fm.myth_or_fact
            .iter()
            .map(|x| ("a myth-or-fact explanation", &x.explanation)),
    );
    for (what, text) in plain {
        let at = locate(&m.src, 0, text);
        let range = |r: Range<usize>| match at {
            Some(o) => o + r.start..o + r.end,
            None => m.src.find(0, &text[r]),
        };
        for (s, question) in sentences(text) {
            if question {
                continue;
            }
            let sentence = &text[s.clone()];
            for (k, r) in durations(sentence, tw) {
                if !cited_keys.contains(&k) {
                    let shown = &sentence[r.clone()];
                    diags.push(
                        Diagnostic::new(
                            Code::UncitedTimeCourse,
                            format!("{what} gives a time course (\"{shown}\") that no cited paragraph of the body gives"),
                        )
                        .at(&m.src, range(s.start + r.start..s.start + r.end))
                        .with_hint("key points sum up the body: say the same time in a body paragraph with its citation"),
                    );
                }
            }
            if let Some(r) = come_back(sentence, tw)
                && !sourced_come_back
            {
                diags.push(
                    Diagnostic::new(
                        Code::UncitedTimeCourse,
                        format!("{what} gives a \"come back\" line (\"{}\") that the body does not source", &sentence[r.clone()]),
                    )
                    .at(&m.src, range(s.start + r.start..s.start + r.end))
                    .with_hint("give the safety net in the body with its citation, or link the page that does"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> TimeWords {
        TimeWords {
            units: vec![
                vec!["day".into(), "days".into()],
                vec!["week".into(), "weeks".into()],
                vec!["month".into(), "months".into()],
            ],
            quantities: vec!["a".into(), "few".into(), "within".into()],
            come_back: vec!["come back if".into(), "not getting better".into()],
        }
    }

    #[test]
    fn finds_durations_with_numbers_and_quantities() {
        let t = "Pain fell in the first 6 weeks, most within 6-12 weeks, some in a few days. For weeks, no.";
        let d: Vec<(Key, &str)> = durations(t, &en())
            .into_iter()
            .map(|(k, r)| (k, &t[r]))
            .collect();
        assert_eq!(
            d,
            [
                ((1, "6".to_string()), "6 weeks"),
                ((1, "12".to_string()), "6-12 weeks"),
                ((0, "few".to_string()), "few days"),
            ]
        );
    }

    #[test]
    fn splits_blocks_and_sentences() {
        let body = "## A {#a}\n\nOne line\nand two. Is it?\n\n- item one\n  goes on\n- item two\n\n```\ncode 6 weeks\n```\n";
        let b: Vec<&str> = blocks(body).into_iter().map(|r| &body[r]).collect();
        assert_eq!(
            b,
            [
                "One line\nand two. Is it?",
                "- item one\n  goes on",
                "- item two"
            ]
        );
        let s = sentences("It takes 3.5 weeks. Why? Then more");
        let got: Vec<(&str, bool)> = s
            .iter()
            .map(|(r, q)| (&"It takes 3.5 weeks. Why? Then more"[r.clone()], *q))
            .collect();
        assert_eq!(
            got,
            [
                ("It takes 3.5 weeks.", false),
                (" Why?", true),
                (" Then more", false)
            ]
        );
    }

    #[test]
    fn finds_come_back_lines() {
        let t = "See a doctor if it is **not getting\nbetter** after that.";
        let r = come_back(t, &en()).unwrap();
        assert_eq!(&t[r], "not getting\nbetter");
        assert!(come_back("Nothing to see.", &en()).is_none());
    }
}
