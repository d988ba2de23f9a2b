//! `scanwise export` and `scanwise import`: every translatable string of the content (modules,
//! glossary, checker, appointment questions) as a gettext PO catalog for a translation
//! platform, and the translated catalog back into the content files, stamped.
//!
//! Each string has a stable key (`msgctxt`, e.g. `module:radiation:section:x-rays:body`), its
//! English text (`msgid`), a note on where it appears and the SHA-256 of the English (`#.`),
//! and the current translation (`msgstr`). A translation made from an older English is marked
//! fuzzy, with that English as `#| msgid`, when the English it was stamped from was kept.
//!
//! `import` refuses a catalog whose English is not today's English (a string changed or went
//! away since the export): it reports those strings and writes nothing. Otherwise it changes
//! only the strings that differ, in place (comments and layout of the files are kept), writes a
//! module only when every one of its strings is translated, and stamps each module it writes.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::content::{self, Content};
use crate::module::{ModuleFile, SOURCE_LANG, parse_module, split_front_matter};
use crate::po::{Catalog, Entry};
use crate::rules::{TranslationState, translation_state};

/// One translatable English string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub key: String,
    pub text: String,
    /// Where a patient sees it, for the translator.
    pub note: String,
    /// `file:line` of the English.
    pub reference: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    #[error("{0}")]
    Invalid(String),
    /// The catalog was made from an older English: nothing was written.
    #[error(
        "{} string(s) were made from an older English; nothing was written. Export again and translate the changed strings:\n{}",
        .0.len(),
        .0.join("\n")
    )]
    Stale(Vec<String>),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub fn hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn norm(s: &str) -> String {
    s.trim()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn line_of(m: &ModuleFile, at: usize) -> usize {
    m.src.span(at..at).line
}

/// The raw Markdown of a section's heading text and body, with their file ranges.
struct SectionText {
    anchor: String,
    heading: (Range<usize>, String),
    body: (Range<usize>, String),
}

fn sections(m: &ModuleFile) -> Vec<SectionText> {
    let text = &m.src.text;
    let starts: Vec<usize> = m.info.sections.iter().map(|s| s.range.start).collect();
    let mut out = Vec::new();
    for (i, s) in m.info.sections.iter().enumerate() {
        let line_end = text[s.range.start..]
            .find('\n')
            .map_or(text.len(), |j| s.range.start + j);
        let line = &text[s.range.start..line_end];
        let h_start = s.range.start + (line.len() - line.trim_start_matches('#').len());
        let h_start =
            h_start + (text[h_start..line_end].len() - text[h_start..line_end].trim_start().len());
        let h_end = line.rfind('{').map_or(line_end, |j| s.range.start + j);
        let h_end = h_start.max(h_start + text[h_start..h_end].trim_end().len());
        let body_start = (line_end + 1).min(text.len());
        let body_end = starts.get(i + 1).copied().unwrap_or(text.len());
        let raw = &text[body_start..body_end.max(body_start)];
        let lead = raw.len() - raw.trim_start().len();
        let trail = raw.trim_end().len();
        let b = body_start + lead..body_start + trail.max(lead);
        out.push(SectionText {
            anchor: s.anchor.clone(),
            heading: (h_start..h_end, text[h_start..h_end].to_string()),
            body: (b.clone(), norm(&text[b])),
        });
    }
    out
}

/// The strings of one module file, keyed.
fn module_strings(m: &ModuleFile, id: &str) -> Vec<Source> {
    let title = m.fm.title.trim();
    let r = |line: usize| format!("{}:{line}", m.src.path.to_string_lossy().replace('\\', "/"));
    let fm_line = line_of(m, 0) + 1;
    let mut out = vec![
        Source {
            key: format!("module:{id}:title"),
            text: norm(&m.fm.title),
            note: format!("Module “{title}”: its title (home screen and top of the module)."),
            reference: r(fm_line),
        },
        Source {
            key: format!("module:{id}:summary"),
            text: norm(&m.fm.summary),
            note: format!("Module “{title}”: the one-line summary on the home screen."),
            reference: r(fm_line),
        },
    ];
    for (i, k) in m.fm.key_points.iter().enumerate() {
        out.push(Source {
            key: format!("module:{id}:key-point:{}", i + 1),
            text: norm(k),
            note: format!(
                "Module “{title}”: key point {} (the summary box). Keep every number.",
                i + 1
            ),
            reference: r(fm_line),
        });
    }
    for (i, x) in m.fm.myth_or_fact.iter().enumerate() {
        for (f, v) in [("statement", &x.statement), ("explanation", &x.explanation)] {
            out.push(Source {
                key: format!("module:{id}:myth:{}:{f}", i + 1),
                text: norm(v),
                note: format!("Module “{title}”: myth-or-fact card {}, the {f}.", i + 1),
                reference: r(fm_line),
            });
        }
    }
    for s in sections(m) {
        let line = line_of(m, s.heading.0.start);
        out.push(Source {
            key: format!("module:{id}:section:{}:heading", s.anchor),
            text: s.heading.1.clone(),
            note: format!("Module “{title}”: the heading of section #{}.", s.anchor),
            reference: r(line),
        });
        out.push(Source {
            key: format!("module:{id}:section:{}:body", s.anchor),
            text: s.body.1.clone(),
            note: format!(
                "Module “{title}”: the text of section #{}. Markdown: keep [@citations], link targets (module:…, glossary:…, https://…), **bold** and every number.",
                s.anchor
            ),
            reference: r(line + 1),
        });
    }
    out
}

// ---------------------------------------------------------------- TOML files with spans

#[derive(Debug, Deserialize)]
struct FmSpans {
    title: Spanned<String>,
    summary: Spanned<String>,
    #[serde(default)]
    key_points: Vec<Spanned<String>>,
    #[serde(default)]
    myth_or_fact: Vec<MythSpans>,
}

#[derive(Debug, Deserialize)]
struct MythSpans {
    statement: Spanned<String>,
    explanation: Spanned<String>,
}

#[derive(Debug, Default, Deserialize)]
struct GlossarySpans {
    negations: Option<Spanned<Vec<String>>>,
    terminators: Option<Spanned<Vec<String>>>,
    post_negations: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    concepts: BTreeMap<String, ConceptSpans>,
}

#[derive(Debug, Deserialize)]
struct ConceptSpans {
    term: Option<Spanned<String>>,
    aliases: Option<Spanned<Vec<String>>>,
    explanation: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct CheckerSpans {
    #[serde(default)]
    questions: BTreeMap<String, QuestionTextSpans>,
    #[serde(default)]
    outcomes: BTreeMap<String, OutcomeTextSpans>,
}

/// Named fields (not a map of every field), so a file with fields this code does not translate
/// still reads.
#[derive(Debug, Default, Deserialize)]
struct QuestionTextSpans {
    text: Option<Spanned<String>>,
    help: Option<Spanned<String>>,
    sign: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct OutcomeTextSpans {
    title: Option<Spanned<String>>,
    body: Option<Spanned<String>>,
    /// "When to come back" per body area.
    #[serde(default)]
    safety_net: BTreeMap<String, Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
struct QuestionSpans {
    #[serde(default)]
    questions: BTreeMap<String, QuestionTextSpans>,
}

/// Where a TOML value lives: `(table header, field)`; a root field has an empty header.
pub(crate) type Slot = (String, String);

/// The TOML strings of a language file: key → (slot, value span, value as text).
pub(crate) fn toml_strings(
    kind: &str,
    text: &str,
) -> BTreeMap<String, (Slot, Range<usize>, String)> {
    let mut out = BTreeMap::new();
    let list = |v: &Vec<String>| v.join("\n");
    match kind {
        "glossary" => {
            let g: GlossarySpans = toml::from_str(text).unwrap_or_default();
            for (f, v) in [
                ("negations", &g.negations),
                ("terminators", &g.terminators),
                ("post_negations", &g.post_negations),
            ] {
                if let Some(v) = v {
                    out.insert(
                        format!("glossary:{f}"),
                        ((String::new(), f.to_string()), v.span(), list(v.get_ref())),
                    );
                }
            }
            for (id, c) in &g.concepts {
                let h = format!("concepts.{id}");
                if let Some(v) = &c.term {
                    out.insert(
                        format!("glossary:{id}:term"),
                        ((h.clone(), "term".into()), v.span(), norm(v.get_ref())),
                    );
                }
                if let Some(v) = &c.aliases {
                    out.insert(
                        format!("glossary:{id}:aliases"),
                        ((h.clone(), "aliases".into()), v.span(), list(v.get_ref())),
                    );
                }
                if let Some(v) = &c.explanation {
                    out.insert(
                        format!("glossary:{id}:explanation"),
                        (
                            (h.clone(), "explanation".into()),
                            v.span(),
                            norm(v.get_ref()),
                        ),
                    );
                }
            }
        }
        "checker" => {
            let c: CheckerSpans = toml::from_str(text).unwrap_or_default();
            let mut put = |key: String, slot: Slot, v: &Spanned<String>| {
                out.insert(key, (slot, v.span(), norm(v.get_ref())));
            };
            for (id, q) in &c.questions {
                let h = format!("questions.{id}");
                for (f, v) in [("text", &q.text), ("help", &q.help), ("sign", &q.sign)] {
                    if let Some(v) = v {
                        put(
                            format!("checker:question:{id}:{f}"),
                            (h.clone(), f.into()),
                            v,
                        );
                    }
                }
            }
            for (id, o) in &c.outcomes {
                let h = format!("outcomes.{id}");
                for (f, v) in [("title", &o.title), ("body", &o.body)] {
                    if let Some(v) = v {
                        put(
                            format!("checker:outcome:{id}:{f}"),
                            (h.clone(), f.into()),
                            v,
                        );
                    }
                }
                for (area, v) in &o.safety_net {
                    put(
                        format!("checker:outcome:{id}:safety_net:{area}"),
                        (format!("{h}.safety_net"), area.clone()),
                        v,
                    );
                }
            }
        }
        _ => {
            let q: QuestionSpans = toml::from_str(text).unwrap_or_default();
            for (id, t) in &q.questions {
                if let Some(v) = &t.text {
                    out.insert(
                        format!("questions:{id}:text"),
                        (
                            (format!("questions.{id}"), "text".into()),
                            v.span(),
                            norm(v.get_ref()),
                        ),
                    );
                }
            }
        }
    }
    out
}

/// The English strings of a TOML file kind, with notes.
fn toml_sources(c: &Content, kind: &str) -> Vec<Source> {
    let (path, text) = match kind {
        "glossary" => c
            .glossary
            .get(SOURCE_LANG)
            .map(|l| (&l.src.path, &l.src.text)),
        "checker" => c
            .checker_langs
            .get(SOURCE_LANG)
            .map(|l| (&l.src.path, &l.src.text)),
        _ => c
            .question_langs
            .get(SOURCE_LANG)
            .map(|l| (&l.src.path, &l.src.text)),
    }
    .map_or((PathBuf::new(), String::new()), |(p, t)| {
        (p.clone(), t.clone())
    });
    let src = crate::diag::SourceFile::new(&path, text.clone());
    toml_strings(kind, &text)
        .into_iter()
        .map(|(key, (_, span, value))| {
            let parts: Vec<&str> = key.split(':').collect();
            let note = match parts.as_slice() {
                ["glossary", list] => format!("Report decoder: the words of your language for `{list}` (one per line; not a translation of the English words, but your language's own)."),
                ["glossary", id, "aliases"] => format!("Glossary `{id}`: every way a report in your language writes it (one per line)."),
                ["glossary", id, f] => format!("Glossary `{id}`: the {f} a patient reads when the word is tapped or found in a report. Keep every number."),
                ["checker", "question", id, f] => format!("Scan checker question `{id}`, its {f}. Plain words; keep every number."),
                ["checker", "outcome", id, "safety_net", area] => format!("Scan checker result card `{id}`: when to come back, for {area} pain (Markdown; keep links and every number)."),
                ["checker", "outcome", id, f] => format!("Scan checker result card `{id}`, its {f} (Markdown; keep links)."),
                ["questions", id, _] => format!("Questions to ask at an appointment: `{id}`."),
                _ => String::new(),
            };
            Source {
                key,
                text: value,
                note,
                reference: format!(
                    "{}:{}",
                    path.to_string_lossy().replace('\\', "/"),
                    src.span(span.clone()).line
                ),
            }
        })
        .collect()
}

/// Every translatable English string of the content.
pub fn sources(c: &Content) -> Vec<Source> {
    let mut out = Vec::new();
    for (id, langs) in &c.modules {
        if let Some(en) = langs.get(SOURCE_LANG) {
            out.extend(module_strings(en, id));
        }
    }
    for kind in ["glossary", "checker", "questions"] {
        out.extend(toml_sources(c, kind));
    }
    out
}

/// The translations `lang` has now: key → text; plus the keys whose translation was made from
/// an older English (key → that English, or `None` when it was not kept).
fn current(
    c: &Content,
    lang: &str,
) -> (BTreeMap<String, String>, BTreeMap<String, Option<String>>) {
    let mut have = BTreeMap::new();
    let mut old = BTreeMap::new();
    for (id, langs) in &c.modules {
        let Some(m) = langs.get(lang) else { continue };
        for s in module_strings(m, id) {
            have.insert(s.key, s.text);
        }
        if translation_state(c, id, lang) == TranslationState::Stale {
            let then = m.fm.translation.as_ref().and_then(|t| {
                c.stamped
                    .get(id)
                    .and_then(|s| s.get(&t.get_ref().source_hash))
            });
            let then: BTreeMap<String, String> = then
                .map(|t| {
                    module_strings(t, id)
                        .into_iter()
                        .map(|s| (s.key, s.text))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(en) = langs.get(SOURCE_LANG) {
                for s in module_strings(en, id) {
                    match then.get(&s.key) {
                        Some(t) if *t == s.text => {}
                        Some(t) => {
                            old.insert(s.key, Some(t.clone()));
                        }
                        None => {
                            old.insert(s.key, None);
                        }
                    }
                }
            }
        }
    }
    for (kind, file) in [
        ("glossary", c.glossary.get(lang).map(|l| &l.src.text)),
        ("checker", c.checker_langs.get(lang).map(|l| &l.src.text)),
        ("questions", c.question_langs.get(lang).map(|l| &l.src.text)),
    ] {
        if let Some(text) = file {
            for (k, (_, _, v)) in toml_strings(kind, text) {
                have.insert(k, v);
            }
        }
    }
    (have, old)
}

/// The catalog `scanwise export` writes for `lang`.
pub fn export(c: &Content, lang: &str) -> Result<Catalog, TranslateError> {
    check_lang(c, lang)?;
    let (have, old) = current(c, lang);
    let mut cat = Catalog {
        header: vec![
            ("Project-Id-Version".into(), "ScanWise content".into()),
            ("Language".into(), lang.to_string()),
            ("MIME-Version".into(), "1.0".into()),
            ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ("Content-Transfer-Encoding".into(), "8bit".into()),
            ("X-Generator".into(), "scanwise export".into()),
        ],
        entries: Vec::new(),
    };
    for s in sources(c) {
        let target = have.get(&s.key).cloned().unwrap_or_default();
        let stale = old.get(&s.key);
        cat.entries.push(Entry {
            comments: vec![s.note.clone(), format!("source-hash: {}", hash(&s.text))],
            reference: Some(s.reference.clone()),
            fuzzy: stale.is_some() && !target.is_empty(),
            previous: stale.cloned().flatten().filter(|_| !target.is_empty()),
            context: s.key.clone(),
            source: s.text.clone(),
            target,
        });
    }
    Ok(cat)
}

fn check_lang(c: &Content, lang: &str) -> Result<(), TranslateError> {
    if lang == SOURCE_LANG {
        return Err(TranslateError::Invalid(
            "English is the source; export a translation language (nb, ar, pl, ...)".into(),
        ));
    }
    if !content::is_valid_lang(lang) || !c.shipped.contains(lang) {
        let known: Vec<&str> = c.shipped.iter().map(String::as_str).collect();
        return Err(TranslateError::Invalid(format!(
            "`{lang}` is not a language ScanWise ships; {}the languages are: {}",
            crate::languages::did_you_mean(lang, &c.shipped),
            known.join(", ")
        )));
    }
    Ok(())
}

/// What `import` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub lang: String,
    /// Files written (changed, created or stamped).
    pub written: Vec<PathBuf>,
    /// Modules left alone because some of their strings are not translated (or fuzzy).
    pub incomplete: Vec<String>,
    pub strings_changed: usize,
}

/// A TOML literal for a value: a basic string, or a list of them for list fields.
fn literal(field: &str, value: &str) -> String {
    let lists = ["aliases", "negations", "terminators", "post_negations"];
    if lists.contains(&field) {
        let items: Vec<String> = value
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| toml::Value::String(l.trim().to_string()).to_string())
            .collect();
        format!("[{}]", items.join(", "))
    } else {
        toml::Value::String(value.to_string()).to_string()
    }
}

fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (r, s) in edits {
        out.replace_range(r, &s);
    }
    out
}

/// A module file for `lang` with every string from `t` (all keys present), starting from the
/// existing translation (in place) or, when it lacks parts, from the English.
fn module_text(
    en: &ModuleFile,
    existing: Option<&ModuleFile>,
    id: &str,
    t: &BTreeMap<String, String>,
) -> Option<String> {
    let keys: BTreeSet<String> = module_strings(en, id).into_iter().map(|s| s.key).collect();
    let base = existing.filter(|m| {
        module_strings(m, id)
            .into_iter()
            .map(|s| s.key)
            .collect::<BTreeSet<_>>()
            == keys
    });
    let (text, fresh) = match base {
        Some(m) => (m.src.text.clone(), false),
        None => {
            // From the English: a draft, whatever the English's review state.
            let (fm, _) = split_front_matter(&en.src.text).ok()?;
            let front = crate::stamp::replace_table(
                &en.src.text[fm.clone()],
                "review",
                "[review]\nstate = \"draft\"\n",
            );
            (
                format!(
                    "{}{}{}",
                    &en.src.text[..fm.start],
                    front,
                    &en.src.text[fm.end..]
                ),
                true,
            )
        }
    };
    let path = existing.map_or_else(
        || en.src.path.with_file_name("xx.md"),
        |m| m.src.path.clone(),
    );
    let mut ignored = Vec::new();
    let m = parse_module(&path, &text, &mut ignored)?;
    let (fm, _) = split_front_matter(&text).ok()?;
    let spans: FmSpans = toml::from_str(&text[fm.clone()]).ok()?;
    let at = |r: Range<usize>| r.start + fm.start..r.end + fm.start;
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut set = |range: Range<usize>, key: &str, now: &str, toml_field: Option<&str>| {
        if let Some(new) = t.get(key)
            && (fresh || norm(new) != norm(now))
        {
            let s = match toml_field {
                Some(f) => literal(f, new),
                None => new.clone(),
            };
            edits.push((range, s));
        }
    };
    set(
        at(spans.title.span()),
        &format!("module:{id}:title"),
        spans.title.get_ref(),
        Some("title"),
    );
    set(
        at(spans.summary.span()),
        &format!("module:{id}:summary"),
        spans.summary.get_ref(),
        Some("summary"),
    );
    for (i, k) in spans.key_points.iter().enumerate() {
        set(
            at(k.span()),
            &format!("module:{id}:key-point:{}", i + 1),
            k.get_ref(),
            Some("text"),
        );
    }
    for (i, x) in spans.myth_or_fact.iter().enumerate() {
        set(
            at(x.statement.span()),
            &format!("module:{id}:myth:{}:statement", i + 1),
            x.statement.get_ref(),
            Some("text"),
        );
        set(
            at(x.explanation.span()),
            &format!("module:{id}:myth:{}:explanation", i + 1),
            x.explanation.get_ref(),
            Some("text"),
        );
    }
    for s in sections(&m) {
        set(
            s.heading.0.clone(),
            &format!("module:{id}:section:{}:heading", s.anchor),
            &s.heading.1,
            None,
        );
        set(
            s.body.0.clone(),
            &format!("module:{id}:section:{}:body", s.anchor),
            &s.body.1,
            None,
        );
    }
    Some(apply(&text, edits))
}

/// Reads a translated catalog back into the content under `root`. Nothing is written unless
/// every string was made from today's English.
pub fn import(root: &Path, cat: &Catalog, date: &str) -> Result<ImportReport, TranslateError> {
    let (c, _) = content::load(root);
    let lang = cat
        .header("Language")
        .ok_or_else(|| TranslateError::Invalid("the file has no `Language:` header".into()))?
        .to_string();
    check_lang(&c, &lang)?;
    let english: BTreeMap<String, Source> = sources(&c)
        .into_iter()
        .map(|s| (s.key.clone(), s))
        .collect();
    let mut stale = Vec::new();
    for e in &cat.entries {
        match english.get(&e.context) {
            None => stale.push(format!("  {}: no longer in the English", e.context)),
            Some(s) if norm(&s.text) != norm(&e.source) => stale.push(format!(
                "  {} ({}): the English is now:\n      {}\n    the file has:\n      {}",
                e.context,
                s.reference,
                s.text.replace('\n', "\n      "),
                e.source.replace('\n', "\n      ")
            )),
            _ => {}
        }
    }
    if !stale.is_empty() {
        return Err(TranslateError::Stale(stale));
    }
    let t: BTreeMap<String, String> = cat
        .entries
        .iter()
        .filter(|e| !e.fuzzy && !e.target.trim().is_empty())
        .map(|e| (e.context.clone(), norm(&e.target)))
        .collect();
    let (have, _) = current(&c, &lang);
    let mut report = ImportReport {
        lang: lang.clone(),
        strings_changed: t.iter().filter(|(k, v)| have.get(*k) != Some(*v)).count(),
        ..ImportReport::default()
    };
    // (file, new text, the English to keep for a stamped module: (hash, text))
    type Write = (PathBuf, String, Option<(String, String)>);
    let mut writes: Vec<Write> = Vec::new();

    // Modules: whole modules only, each stamped.
    for (id, langs) in &c.modules {
        let Some(en) = langs.get(SOURCE_LANG) else {
            continue;
        };
        let keys: Vec<String> = module_strings(en, id).into_iter().map(|s| s.key).collect();
        let in_file = keys
            .iter()
            .filter(|k| cat.entries.iter().any(|e| e.context == **k))
            .count();
        if in_file == 0 {
            continue;
        }
        let done = keys.iter().filter(|k| t.contains_key(*k)).count();
        if done < keys.len() {
            report.incomplete.push(format!(
                "{id} ({done} of {} strings translated)",
                keys.len()
            ));
            continue;
        }
        let existing = langs.get(&lang);
        let Some(text) = module_text(en, existing, id, &t) else {
            report.incomplete.push(format!(
                "{id} (the {lang} file does not parse; fix it first)"
            ));
            continue;
        };
        let path = root.join("modules").join(id).join(format!("{lang}.md"));
        let changed = existing.is_none_or(|m| m.src.text != text);
        let current = translation_state(&c, id, &lang) == TranslationState::Complete;
        if changed || !current {
            let (fm, _) =
                split_front_matter(&text).map_err(|e| TranslateError::Invalid(e.into()))?;
            let table = format!(
                "[translation]\nsource_hash = \"{}\"\ntranslated_on = \"{date}\"\n",
                en.hash
            );
            let front = crate::stamp::replace_table(&text[fm.clone()], "translation", &table);
            let stamped = format!("{}{}{}", &text[..fm.start], front, &text[fm.end..]);
            writes.push((path, stamped, Some((en.hash.clone(), en.src.text.clone()))));
        }
    }

    // Glossary, checker and questions: entry by entry, in place.
    for (kind, dir, existing) in [
        (
            "glossary",
            "glossary",
            c.glossary.get(&lang).map(|l| l.src.text.clone()),
        ),
        (
            "checker",
            "checker",
            c.checker_langs.get(&lang).map(|l| l.src.text.clone()),
        ),
        (
            "questions",
            "questions",
            c.question_langs.get(&lang).map(|l| l.src.text.clone()),
        ),
    ] {
        let prefix = format!("{kind}:");
        let prefix = if kind == "checker" {
            "checker:".to_string()
        } else {
            prefix
        };
        let wanted: Vec<(&String, &String)> =
            t.iter().filter(|(k, _)| k.starts_with(&prefix)).collect();
        if wanted.is_empty() {
            continue;
        }
        let text = existing.unwrap_or_default();
        let spans = toml_strings(kind, &text);
        let en_slots: BTreeMap<String, Slot> = {
            let en_text = match kind {
                "glossary" => c.glossary.get(SOURCE_LANG).map(|l| l.src.text.clone()),
                "checker" => c.checker_langs.get(SOURCE_LANG).map(|l| l.src.text.clone()),
                _ => c
                    .question_langs
                    .get(SOURCE_LANG)
                    .map(|l| l.src.text.clone()),
            }
            .unwrap_or_default();
            toml_strings(kind, &en_text)
                .into_iter()
                .map(|(k, (slot, _, _))| (k, slot))
                .collect()
        };
        let mut edits = Vec::new();
        let mut new_tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut new_root: Vec<String> = Vec::new();
        for (key, value) in wanted {
            let Some((table, field)) = en_slots.get(key) else {
                continue;
            };
            match spans.get(key) {
                Some((_, _, now)) if now == value => {}
                Some((_, range, _)) => edits.push((range.clone(), literal(field, value))),
                None if table.is_empty() => {
                    new_root.push(format!("{field} = {}", literal(field, value)))
                }
                None => match crate::sources::header_range(&text, table) {
                    // The table exists without this field: add the line right under its header.
                    Some(h) => edits.push((
                        h.end..h.end,
                        format!("\n{field} = {}", literal(field, value)),
                    )),
                    None => new_tables
                        .entry(table.clone())
                        .or_default()
                        .push(format!("{field} = {}", literal(field, value))),
                },
            }
        }
        if edits.is_empty() && new_tables.is_empty() && new_root.is_empty() {
            continue;
        }
        let mut out = apply(&text, edits);
        if !new_root.is_empty() {
            out = format!("{}\n{out}", new_root.join("\n"));
        }
        for (table, lines) in new_tables {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
            }
            out.push_str(&format!("[{table}]\n{}\n", lines.join("\n")));
        }
        writes.push((root.join(dir).join(format!("{lang}.toml")), out, None));
    }

    for (path, text, keep) in writes {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| TranslateError::Io {
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        fs::write(&path, &text).map_err(|e| TranslateError::Io {
            path: path.clone(),
            source: e,
        })?;
        if let Some((hash, src)) = keep {
            crate::stamp::keep_source(&path, &hash, &src)
                .map_err(|e| TranslateError::Invalid(e.to_string()))?;
        }
        report.written.push(path);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checker_texts_with_more_fields_still_read() {
        let text = "[questions.fever]\ntext = \"Fever?\"\nsign = \"Fever\"\nextra = 1\n\n[outcomes.soon]\ntitle = \"Soon\"\nbody = \"See a doctor.\"\n\n[outcomes.soon.safety_net]\nback = \"Come back in 2 weeks.\"\n";
        let s = toml_strings("checker", text);
        let keys: Vec<&str> = s.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "checker:outcome:soon:body",
                "checker:outcome:soon:safety_net:back",
                "checker:outcome:soon:title",
                "checker:question:fever:sign",
                "checker:question:fever:text",
            ]
        );
        let (slot, span, value) = &s["checker:outcome:soon:safety_net:back"];
        assert_eq!(
            slot,
            &("outcomes.soon.safety_net".to_string(), "back".to_string())
        );
        assert_eq!(&text[span.clone()], "\"Come back in 2 weeks.\"");
        assert_eq!(value, "Come back in 2 weeks.");
    }
}
