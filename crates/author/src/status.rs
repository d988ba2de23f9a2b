//! `scanwise status`: where each language stands.

use std::fmt::Write as _;

use scanwise_core::model::ReviewState;
use serde::Serialize;

use crate::changes::{self, Change};
use crate::content::Content;
use crate::module::SOURCE_LANG;
use crate::rules::{OUTCOME_KEYS, TranslationState, translation_state};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LangStatus {
    pub lang: String,
    /// Published and up to date (the source language counts its own modules here).
    pub complete: usize,
    /// Published but made from an older source.
    pub stale: usize,
    /// A file exists but is not publishable.
    pub incomplete: usize,
    /// No file.
    pub missing: usize,
    /// Modules the app shows in the fallback language (incomplete + missing).
    pub fallback: usize,
    pub draft: usize,
    pub reviewed: usize,
    pub published: usize,
    /// `(explained, total)` concepts.
    pub glossary: (usize, usize),
    /// `(texts present, total)` checker questions and outcomes.
    pub checker: (usize, usize),
    /// `(texts present, total)` appointment questions.
    pub questions: (usize, usize),
    /// What to do next in this language, module by module (missing, incomplete, stale).
    pub todo: Vec<ModuleTodo>,
}

/// One module a translator has to work on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ModuleTodo {
    pub module: String,
    /// `missing`, `incomplete` or `stale`.
    pub state: &'static str,
    /// The translation's file (to create, finish or update).
    pub file: String,
    /// Why an incomplete translation is not published.
    pub reasons: Vec<String>,
    /// For a stale one: the date it was stamped.
    pub translated_on: Option<String>,
    /// For a stale one: what changed in the English since it was stamped (empty when the
    /// English it was made from was not kept; see `note`).
    pub changes: Vec<Change>,
    pub note: Option<String>,
    /// The command that finishes the job.
    pub then: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusReport {
    /// Number of modules with an English source.
    pub modules: usize,
    pub languages: Vec<LangStatus>,
    /// `(module id, content hash)` of every source module.
    pub hashes: Vec<(String, String)>,
}

fn shown(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Fills in what changed in the English since a stale translation was stamped.
fn stale_todo(c: &Content, id: &str, lang: &str, mut t: ModuleTodo) -> ModuleTodo {
    let (Some(m), Some(en)) = (c.module(id, lang), c.module(id, SOURCE_LANG)) else {
        return t;
    };
    let Some(tr) = m.fm.translation.as_ref().map(|x| x.get_ref()) else {
        return t;
    };
    t.translated_on = Some(tr.translated_on.get_ref().clone());
    match c.stamped.get(id).and_then(|s| s.get(&tr.source_hash)) {
        Some(then) => {
            t.changes = changes::between(then, en);
            t.then = format!("update these parts in {}, then {}", t.file, t.then);
        }
        None => {
            t.note = Some(format!(
                "the English it was made from was not kept (stamped before `scanwise stamp` kept it); compare with `git log -p --since={} {}`",
                tr.translated_on.get_ref(),
                shown(&c.root.join("modules").join(id).join("en.md"))
            ));
            t.then = format!("update {}, then {}", t.file, t.then);
        }
    }
    t
}

pub fn report(c: &Content) -> StatusReport {
    let sources: Vec<&String> = c
        .modules
        .iter()
        .filter(|(_, l)| l.contains_key(SOURCE_LANG))
        .map(|(id, _)| id)
        .collect();
    let concepts = c.concepts.as_ref().map_or(0, |x| x.data.len());
    let checker_total =
        c.checker.as_ref().map_or(0, |x| x.data.questions.len()) + OUTCOME_KEYS.len();
    let question_ids: Vec<&String> = c
        .questions
        .iter()
        .flat_map(|q| q.data.questions.iter().map(|x| x.id.get_ref()))
        .collect();
    let mut languages = Vec::new();
    for lang in c.languages() {
        let mut s = LangStatus {
            lang: lang.clone(),
            ..LangStatus::default()
        };
        for id in &sources {
            let file = shown(&c.root.join("modules").join(id).join(format!("{lang}.md")));
            let stamp_cmd = format!("scanwise stamp {file}");
            let todo = |state, reasons, then: &str| ModuleTodo {
                module: (*id).clone(),
                state,
                file: file.clone(),
                reasons,
                translated_on: None,
                changes: Vec::new(),
                note: None,
                then: then.to_string(),
            };
            match translation_state(c, id, &lang) {
                TranslationState::Source | TranslationState::Complete => s.complete += 1,
                TranslationState::Stale => {
                    s.stale += 1;
                    s.todo.push(stale_todo(
                        c,
                        id,
                        &lang,
                        todo("stale", Vec::new(), &stamp_cmd),
                    ));
                }
                TranslationState::Incomplete(why) => {
                    s.incomplete += 1;
                    s.todo.push(todo(
                        "incomplete",
                        why,
                        &format!("finish it, then {stamp_cmd}"),
                    ));
                }
                TranslationState::Missing => {
                    // A file that exists but does not parse is "incomplete", not "missing".
                    if c.module_files.get(*id).is_some_and(|l| l.contains(&lang)) {
                        s.incomplete += 1;
                        s.todo.push(todo(
                            "incomplete",
                            vec![format!(
                                "the file does not parse: run `scanwise check {file}`"
                            )],
                            &format!("fix it, then {stamp_cmd}"),
                        ));
                    } else {
                        s.missing += 1;
                        s.todo.push(todo(
                            "missing",
                            Vec::new(),
                            &format!(
                                "translate {} into {file}, then {stamp_cmd}",
                                shown(&c.root.join("modules").join(id).join("en.md"))
                            ),
                        ));
                    }
                }
            }
            if let Some(m) = c.module(id, &lang) {
                match m.fm.review.state.get_ref() {
                    ReviewState::Draft => s.draft += 1,
                    ReviewState::Reviewed => s.reviewed += 1,
                    ReviewState::Published => s.published += 1,
                }
            }
        }
        s.fallback = s.incomplete + s.missing;
        let cs = c.concepts.as_ref();
        s.glossary = (
            c.glossary.get(&lang).map_or(0, |g| {
                g.data
                    .concepts
                    .keys()
                    .filter(|k| cs.is_some_and(|cs| cs.data.contains_key(*k)))
                    .count()
            }),
            concepts,
        );
        s.checker = (
            c.checker_langs.get(&lang).map_or(0, |l| {
                let qs = c.checker.as_ref().map_or(0, |ch| {
                    ch.data
                        .questions
                        .iter()
                        .filter(|q| l.data.questions.contains_key(q.id.get_ref()))
                        .count()
                });
                qs + OUTCOME_KEYS
                    .iter()
                    .filter(|(_, k)| l.data.outcomes.contains_key(*k))
                    .count()
            }),
            checker_total,
        );
        s.questions = (
            c.question_langs.get(&lang).map_or(0, |l| {
                question_ids
                    .iter()
                    .filter(|k| l.data.questions.contains_key(k.as_str()))
                    .count()
            }),
            question_ids.len(),
        );
        languages.push(s);
    }
    StatusReport {
        modules: sources.len(),
        hashes: sources
            .iter()
            .filter_map(|id| {
                c.module(id, SOURCE_LANG)
                    .map(|m| ((*id).clone(), m.hash.clone()))
            })
            .collect(),
        languages,
    }
}

impl StatusReport {
    /// The table `scanwise status` prints.
    pub fn render(&self, hashes: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} source modules (en)\n", self.modules);
        let _ = writeln!(
            out,
            "{:<6} {:>8} {:>5} {:>10} {:>7} {:>8}   {:>5} {:>8} {:>9}   {:>8} {:>7} {:>9}",
            "lang",
            "complete",
            "stale",
            "incomplete",
            "missing",
            "fallback",
            "draft",
            "reviewed",
            "published",
            "glossary",
            "checker",
            "questions"
        );
        for l in &self.languages {
            let _ = writeln!(
                out,
                "{:<6} {:>8} {:>5} {:>10} {:>7} {:>8}   {:>5} {:>8} {:>9}   {:>8} {:>7} {:>9}",
                l.lang,
                l.complete,
                l.stale,
                l.incomplete,
                l.missing,
                l.fallback,
                l.draft,
                l.reviewed,
                l.published,
                format!("{}/{}", l.glossary.0, l.glossary.1),
                format!("{}/{}", l.checker.0, l.checker.1),
                format!("{}/{}", l.questions.0, l.questions.1),
            );
        }
        for l in self.languages.iter().filter(|l| !l.todo.is_empty()) {
            let _ = writeln!(out, "\n{}: what to do next", l.lang);
            let missing: Vec<&str> = l
                .todo
                .iter()
                .filter(|t| t.state == "missing")
                .map(|t| t.module.as_str())
                .collect();
            if !missing.is_empty() {
                let _ = writeln!(
                    out,
                    "  missing ({}): {}\n      translate modules/<id>/en.md into modules/<id>/{}.md, then `scanwise stamp` it",
                    missing.len(),
                    missing.join(", "),
                    l.lang
                );
            }
            for t in l.todo.iter().filter(|t| t.state != "missing") {
                let _ = writeln!(out, "  {} {}  ({})", t.state, t.module, t.file);
                for r in &t.reasons {
                    let _ = writeln!(out, "      {r}");
                }
                if let Some(d) = &t.translated_on {
                    let _ = writeln!(
                        out,
                        "      the English changed since it was stamped on {d}:"
                    );
                }
                for ch in &t.changes {
                    let _ = writeln!(out, "      {} {}:", ch.part, ch.kind);
                    for line in &ch.diff {
                        let _ = writeln!(out, "        {line}");
                    }
                }
                if let Some(n) = &t.note {
                    let _ = writeln!(out, "      {n}");
                }
                let _ = writeln!(out, "      then: {}", t.then);
            }
        }
        if hashes {
            let _ = writeln!(out, "\nsource hashes:");
            for (id, h) in &self.hashes {
                let _ = writeln!(out, "{h}  {id}");
            }
        }
        out
    }
}
