//! Numbers everywhere a patient reads them.
//!
//! - SW080: every translated text (a module's title, summary, each key point, each
//!   myth-or-fact item, each `##` section; each glossary term and explanation; each checker
//!   question, help and outcome; each appointment question) has the same numbers as its English
//!   source, written as digits or words. A stale translation is compared with the English it was
//!   stamped from (`stamped/`), since that is what it translates.
//! - SW081: a number in a key point, myth-or-fact item, title or summary must be said with a
//!   citation in the module's body (these texts cannot hold `[@id]`; the body is their
//!   evidence); a number in a glossary explanation needs the concept's `prevalence_source` or a
//!   cited sentence with the same number in its `see_module`; a number in a checker question
//!   needs the question's `sources`; outcome cards and appointment questions have no sources, so
//!   a number there is always reported.
//!
//! Which numbers need a citation is the same everywhere (SW040 in the body too): any figure in
//! digits, and number words in a proportion or percentage ("nine out of ten", "ni av ti").

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::content::Content;
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::module::{ModuleFile, SOURCE_LANG, split_front_matter};
use crate::numbers::{self, Num};
use crate::rules::{TranslationState, translation_state};
use crate::sources::header_range;

/// Whether a number needs a source: digits always, words in a proportion or percentage.
pub fn needs_citation(n: &Num) -> bool {
    !n.weak && (!n.word || n.statistic)
}

/// The first proportion or percentage written in words ("nine out of ten") in a paragraph's
/// pieces (text, file offset), for SW040 (digits are found by the Markdown pass itself).
pub fn first_statistic_word(
    pieces: &[(String, usize)],
    lang: &str,
) -> Option<(Range<usize>, String)> {
    let mut text = String::new();
    let mut map = Vec::new();
    for (t, off) in pieces {
        map.push((text.len(), *off));
        text.push_str(t);
    }
    let n = numbers::extract(&text, lang)
        .into_iter()
        .find(|n| n.word && n.statistic && !n.weak)?;
    let (t, f) = map.iter().rev().find(|(t, _)| *t <= n.range.start)?;
    let at = f + (n.range.start - t);
    Some((at..at + n.text.len(), n.text))
}

/// One translatable text and the numbers in it (ranges are byte ranges of the file).
#[derive(Debug, Clone)]
pub struct Unit {
    /// Stable key across languages: `title`, `key-point-2`, `section-x-rays`, ...
    pub key: String,
    /// How an editor names it: "key point 2", "section `#x-rays`".
    pub label: String,
    pub nums: Vec<Num>,
    /// Where the text is, for a diagnostic about numbers it lacks.
    pub at: Range<usize>,
    /// The text itself carries a `[@id]` citation (some key points do).
    pub cited: bool,
}

/// A module's units, and the values said with a citation in its body.
pub struct ModuleNumbers {
    pub units: Vec<Unit>,
    pub cited: BTreeSet<u64>,
}

/// Byte offset of a front-matter string in the file (best effort: escapes may hide it).
fn locate(src: &SourceFile, from: usize, value: &str) -> usize {
    let probe: String = value.chars().take(24).collect();
    src.text
        .get(from..)
        .and_then(|t| t.find(value).or_else(|| t.find(&probe)))
        .map_or(from, |i| from + i)
}

fn shifted(nums: Vec<Num>, by: usize) -> Vec<Num> {
    nums.into_iter()
        .map(|mut n| {
            n.range = n.range.start + by..n.range.end + by;
            n
        })
        .collect()
}

/// `text` with each `[@id]` citation blanked out (same length, so offsets stay), and whether
/// it had one.
fn without_citations(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut cited = false;
    while let Some(i) = rest.find("[@") {
        let Some(j) = rest[i..].find(']') else { break };
        out.push_str(&rest[..i]);
        out.extend(std::iter::repeat_n(' ', j + 1));
        rest = &rest[i + j + 1..];
        cited = true;
    }
    out.push_str(rest);
    (out, cited)
}

fn text_unit(
    src: &SourceFile,
    from: usize,
    key: String,
    label: String,
    value: &str,
    lang: &str,
) -> Unit {
    let at = locate(src, from, value);
    let (plain, cited) = without_citations(value);
    Unit {
        key,
        label,
        nums: shifted(numbers::extract(&plain, lang), at),
        at: at..at + value.len().min(40),
        cited,
    }
}

/// Title, summary, key points, myth-or-fact items and `##` sections of a module.
pub fn module_numbers(m: &ModuleFile) -> ModuleNumbers {
    let src = &m.src;
    let lang = m.lang.as_str();
    let fm_start = split_front_matter(&src.text).map_or(0, |(r, _)| r.start);
    let mut units = vec![
        text_unit(
            src,
            fm_start,
            "title".into(),
            "the title".into(),
            &m.fm.title,
            lang,
        ),
        text_unit(
            src,
            fm_start,
            "summary".into(),
            "the summary".into(),
            &m.fm.summary,
            lang,
        ),
    ];
    for (i, k) in m.fm.key_points.iter().enumerate() {
        units.push(text_unit(
            src,
            fm_start,
            format!("key-point-{}", i + 1),
            format!("key point {}", i + 1),
            k,
            lang,
        ));
    }
    for (i, x) in m.fm.myth_or_fact.iter().enumerate() {
        let a = text_unit(
            src,
            fm_start,
            String::new(),
            String::new(),
            &x.statement,
            lang,
        );
        let b = text_unit(
            src,
            fm_start,
            String::new(),
            String::new(),
            &x.explanation,
            lang,
        );
        let mut nums = a.nums;
        nums.extend(b.nums);
        units.push(Unit {
            key: format!("myth-{}", i + 1),
            label: format!("myth-or-fact item {}", i + 1),
            nums,
            at: a.at,
            cited: a.cited || b.cited,
        });
    }
    let (sections, cited) = body_numbers(src, m.body_start, m.body(), lang);
    units.extend(sections);
    ModuleNumbers { units, cited }
}

/// Per `##` section: its numbers (headings included, citations, code and HTML comments left
/// out); and the values of every paragraph or list item that carries a citation.
fn body_numbers(
    src: &SourceFile,
    base: usize,
    body: &str,
    lang: &str,
) -> (Vec<Unit>, BTreeSet<u64>) {
    let mut units: Vec<Unit> = Vec::new();
    let mut cited = BTreeSet::new();
    // The current block: (text, [(text offset, file offset)]), and whether it cites.
    let mut text = String::new();
    let mut map: Vec<(usize, usize)> = Vec::new();
    let mut block_cited = false;
    let mut in_cite = false;
    let mut in_code = false;
    let mut flush = |text: &mut String,
                     map: &mut Vec<(usize, usize)>,
                     block_cited: &mut bool,
                     units: &mut Vec<Unit>| {
        if let Some(u) = units.last_mut() {
            for mut n in numbers::extract(text, lang) {
                let to_file = |p: usize| {
                    map.iter()
                        .rev()
                        .find(|(t, _)| *t <= p)
                        .map_or(base, |(t, f)| f + (p - t))
                };
                n.range = to_file(n.range.start)..to_file(n.range.start) + n.text.len();
                if *block_cited && !n.weak {
                    cited.insert(n.milli);
                }
                u.nums.push(n);
            }
        }
        text.clear();
        map.clear();
        *block_cited = false;
    };
    for (ev, r) in crate::markdown::events(body) {
        let r = r.start + base..r.end + base;
        match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                id,
                ..
            }) => {
                flush(&mut text, &mut map, &mut block_cited, &mut units);
                let anchor = id.map(|s| s.to_string()).unwrap_or_default();
                units.push(Unit {
                    key: format!("section-{anchor}"),
                    label: format!("section `#{anchor}`"),
                    nums: Vec::new(),
                    at: r.start..r.end.min(src.text.len()),
                    cited: false,
                });
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. } | Tag::BlockQuote(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::BlockQuote(_),
            ) => flush(&mut text, &mut map, &mut block_cited, &mut units),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("cite:") => {
                in_cite = true;
                block_cited = true;
            }
            Event::End(TagEnd::Link) => in_cite = false,
            Event::Text(t) | Event::Code(t) if !in_cite && !in_code => {
                let at = src.find(r.start, &t).start;
                map.push((text.len(), at));
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                map.push((text.len(), r.start));
                text.push(' ');
            }
            _ => {}
        }
    }
    flush(&mut text, &mut map, &mut block_cited, &mut units);
    (units, cited)
}

/// SW080 for one pair of units.
fn compare_units(
    file: &SourceFile,
    lang: &str,
    what: &str,
    source: &[Unit],
    translation: &[Unit],
    diags: &mut Vec<Diagnostic>,
) {
    let by_key: BTreeMap<&str, &Unit> = source.iter().map(|u| (u.key.as_str(), u)).collect();
    for t in translation {
        let Some(s) = by_key.get(t.key.as_str()) else {
            continue;
        };
        let m = numbers::compare(&s.nums, &t.nums, lang);
        if m.is_empty() {
            continue;
        }
        let extra_at = t
            .nums
            .iter()
            .find(|n| m.extra.contains(&n.value()))
            .map(|n| n.range.clone());
        let shown = |ns: &[Num]| {
            let l = numbers::list(ns);
            let words: Vec<String> = ns
                .iter()
                .filter(|n| n.word && !n.weak)
                .map(|n| format!("\"{}\"", n.text))
                .collect();
            if words.is_empty() {
                l
            } else {
                format!("{l} ({})", words.join(", "))
            }
        };
        let mut hint = Vec::new();
        if !m.missing.is_empty() {
            hint.push(format!("missing here: {}", m.missing.join(", ")));
        }
        if !m.extra.is_empty() {
            hint.push(format!("not in the English: {}", m.extra.join(", ")));
        }
        hint.push(
            "a translation keeps every number of its source; digits or words are both fine".into(),
        );
        diags.push(
            Diagnostic::new(
                Code::NumberMismatch,
                format!(
                    "numbers in {} differ from {what}: English {}, {lang} {}",
                    t.label,
                    shown(&s.nums),
                    shown(&t.nums)
                ),
            )
            .at(file, extra_at.unwrap_or_else(|| t.at.clone()))
            .with_hint(hint.join("; ")),
        );
    }
}

/// Runs SW080 and SW081 on the whole tree.
pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    check_modules(c, diags);
    check_glossary(c, diags);
    check_checker(c, diags);
    check_questions(c, diags);
}

fn check_modules(c: &Content, diags: &mut Vec<Diagnostic>) {
    for (id, langs) in &c.modules {
        let Some(en) = langs.get(SOURCE_LANG) else {
            continue;
        };
        let en_nums = module_numbers(en);
        uncited_in_front_matter(en, &en_nums, diags);
        for (lang, m) in langs {
            if lang == SOURCE_LANG {
                continue;
            }
            // A stale translation translates the English it was stamped from.
            let (source, what) = match translation_state(c, id, lang) {
                TranslationState::Stale => {
                    let hash =
                        m.fm.translation
                            .as_ref()
                            .map(|t| t.get_ref().source_hash.clone());
                    match hash.and_then(|h| c.stamped.get(id).and_then(|s| s.get(&h))) {
                        Some(old) => (module_numbers(old), "the English it was made from"),
                        None => continue,
                    }
                }
                _ => (module_numbers(en), "the English"),
            };
            let t = module_numbers(m);
            compare_units(&m.src, lang, what, &source.units, &t.units, diags);
        }
    }
}

/// SW081 for the title, summary, key points and myth-or-fact items of a source module.
fn uncited_in_front_matter(m: &ModuleFile, n: &ModuleNumbers, diags: &mut Vec<Diagnostic>) {
    let refs: Vec<&str> =
        m.fm.references
            .iter()
            .map(|r| r.get_ref().as_str())
            .collect();
    for u in n
        .units
        .iter()
        .filter(|u| !u.key.starts_with("section-") && !u.cited)
    {
        for x in u.nums.iter().filter(|x| needs_citation(x)) {
            if n.cited.contains(&x.milli) {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    Code::UncitedTextNumber,
                    format!(
                        "the number `{}` in {} is not said with a citation in the body",
                        x.text, u.label
                    ),
                )
                .at(&m.src, x.range.clone())
                .with_hint(format!(
                    "{} cannot hold `[@id]`: the body is its evidence; say {} in the body with its source{}",
                    u.label,
                    x.value(),
                    if refs.is_empty() {
                        String::new()
                    } else {
                        format!(" (this module cites {})", refs.join(", "))
                    }
                )),
            );
        }
    }
}

fn toml_unit(
    src: &SourceFile,
    header: &str,
    key: String,
    label: String,
    value: &str,
    lang: &str,
) -> Unit {
    let from = header_range(&src.text, header).map_or(0, |r| r.start);
    text_unit(src, from, key, label, value, lang)
}

fn check_glossary(c: &Content, diags: &mut Vec<Diagnostic>) {
    let units = |lang: &str| -> Vec<Unit> {
        let Some(g) = c.glossary.get(lang) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (id, t) in &g.data.concepts {
            let h = format!("concepts.{id}");
            out.push(toml_unit(
                &g.src,
                &h,
                format!("{id}.term"),
                format!("the term of `{id}`"),
                &t.term,
                lang,
            ));
            out.push(toml_unit(
                &g.src,
                &h,
                format!("{id}.explanation"),
                format!("the explanation of `{id}`"),
                &t.explanation,
                lang,
            ));
        }
        out
    };
    let en = units(SOURCE_LANG);
    for (lang, g) in &c.glossary {
        if lang != SOURCE_LANG {
            compare_units(&g.src, lang, "the English", &en, &units(lang), diags);
        }
    }
    // SW081: the concept's prevalence_source, or a cited sentence in its see_module.
    let Some(g) = c.glossary.get(SOURCE_LANG) else {
        return;
    };
    for u in &en {
        let id = u.key.split('.').next().unwrap_or("");
        let concept = c.concepts.as_ref().and_then(|cs| cs.data.get(id));
        if concept.is_some_and(|x| x.prevalence_source.is_some()) {
            continue;
        }
        let see = concept
            .and_then(|x| x.see_module.as_ref())
            .map(|s| s.get_ref().clone());
        let cited = see
            .as_ref()
            .and_then(|s| c.module(s, SOURCE_LANG))
            .map(|m| module_numbers(m).cited)
            .unwrap_or_default();
        for x in u
            .nums
            .iter()
            .filter(|x| needs_citation(x) && !cited.contains(&x.milli))
        {
            diags.push(
                Diagnostic::new(
                    Code::UncitedTextNumber,
                    format!("the number `{}` in {} has no source", x.text, u.label),
                )
                .at(&g.src, x.range.clone())
                .with_hint(match &see {
                    Some(s) => format!(
                        "give `{id}` a `prevalence_source` in glossary/concepts.toml, or say {} with its source in its see_module `{s}`",
                        x.value()
                    ),
                    None => format!(
                        "give `{id}` a `prevalence_source` in glossary/concepts.toml, or a `see_module` that says {} with its source",
                        x.value()
                    ),
                }),
            );
        }
    }
}

/// Outcome kinds whose `[[outcomes]]` entry in checker.toml lists `sources` (read from the
/// TOML itself, so the rule does not depend on the outcome schema).
pub fn sourced_outcomes(c: &Content) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let Some(ch) = &c.checker else { return out };
    let Ok(t) = ch.src.text.parse::<toml::Table>() else {
        return out;
    };
    for o in t
        .get("outcomes")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        let kind = o.get("kind").and_then(|k| k.as_str()).unwrap_or("");
        let sources: Vec<String> = o
            .get("sources")
            .and_then(|s| s.as_array())
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect();
        if !kind.is_empty() && !sources.is_empty() {
            out.insert(kind.to_string(), sources);
        }
    }
    out
}

fn checker_label(key: &str) -> String {
    let parts: Vec<&str> = key.split(':').collect();
    match parts.as_slice() {
        [_, "question", id, "text"] => format!("checker question `{id}`"),
        [_, "question", id, f] => format!("the {f} of checker question `{id}`"),
        [_, "outcome", id, "body"] => format!("outcome card `{id}`"),
        [_, "outcome", id, "safety_net", area] => {
            format!("the come-back line ({area}) of outcome card `{id}`")
        }
        [_, "outcome", id, f] => format!("the {f} of outcome card `{id}`"),
        _ => key.to_string(),
    }
}

fn check_checker(c: &Content, diags: &mut Vec<Diagnostic>) {
    // Every text of a language file, including fields added later (signs, come-back lines).
    let units = |lang: &str| -> Vec<Unit> {
        let Some(l) = c.checker_langs.get(lang) else {
            return Vec::new();
        };
        crate::translate::toml_strings("checker", &l.src.text)
            .into_iter()
            .map(|(key, (_, span, value))| {
                let label = checker_label(&key);
                text_unit(&l.src, span.start, key, label, &value, lang)
            })
            .collect()
    };
    let en = units(SOURCE_LANG);
    for (lang, l) in &c.checker_langs {
        if lang != SOURCE_LANG {
            compare_units(&l.src, lang, "the English", &en, &units(lang), diags);
        }
    }
    let Some(l) = c.checker_langs.get(SOURCE_LANG) else {
        return;
    };
    let sourced: BTreeSet<&str> = c
        .checker
        .iter()
        .flat_map(|ch| ch.data.questions.iter())
        .filter(|q| !q.sources.is_empty())
        .map(|q| q.id.get_ref().as_str())
        .collect();
    let outcomes = sourced_outcomes(c);
    for u in &en {
        let parts: Vec<&str> = u.key.split(':').collect();
        let (kind, id) = (
            parts.get(1).copied().unwrap_or(""),
            parts.get(2).copied().unwrap_or(""),
        );
        if kind == "question" && sourced.contains(id)
            || kind == "outcome" && outcomes.contains_key(id)
        {
            continue;
        }
        for x in u.nums.iter().filter(|x| needs_citation(x)) {
            let hint = if kind == "question" {
                format!("list the sources of `{id}` in checker/checker.toml `sources`")
            } else {
                format!(
                    "list the sources behind it in checker/checker.toml: `sources` of the `{id}` outcome; or link the module that gives the number"
                )
            };
            diags.push(
                Diagnostic::new(
                    Code::UncitedTextNumber,
                    format!("the number `{}` in {} has no source", x.text, u.label),
                )
                .at(&l.src, x.range.clone())
                .with_hint(hint),
            );
        }
    }
}

fn check_questions(c: &Content, diags: &mut Vec<Diagnostic>) {
    let units = |lang: &str| -> Vec<Unit> {
        let Some(l) = c.question_langs.get(lang) else {
            return Vec::new();
        };
        l.data
            .questions
            .iter()
            .map(|(id, q)| {
                toml_unit(
                    &l.src,
                    &format!("questions.{id}"),
                    id.clone(),
                    format!("question `{id}`"),
                    &q.text,
                    lang,
                )
            })
            .collect()
    };
    let en = units(SOURCE_LANG);
    for (lang, l) in &c.question_langs {
        if lang != SOURCE_LANG {
            compare_units(&l.src, lang, "the English", &en, &units(lang), diags);
        }
    }
    let Some(l) = c.question_langs.get(SOURCE_LANG) else {
        return;
    };
    for u in &en {
        for x in u.nums.iter().filter(|x| needs_citation(x)) {
            diags.push(
                Diagnostic::new(
                    Code::UncitedTextNumber,
                    format!("the number `{}` in {} has no source", x.text, u.label),
                )
                .at(&l.src, x.range.clone())
                .with_hint("appointment questions have no sources: ask without the figure, or put it in a module with its source"),
            );
        }
    }
}
