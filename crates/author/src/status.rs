//! `scanwise status`: where each language stands.

use std::fmt::Write as _;

use scanwise_core::model::ReviewState;
use serde::Serialize;

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
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct StatusReport {
    /// Number of modules with an English source.
    pub modules: usize,
    pub languages: Vec<LangStatus>,
    /// `(module id, content hash)` of every source module.
    pub hashes: Vec<(String, String)>,
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
            match translation_state(c, id, &lang) {
                TranslationState::Source | TranslationState::Complete => s.complete += 1,
                TranslationState::Stale => s.stale += 1,
                TranslationState::Incomplete(_) => s.incomplete += 1,
                TranslationState::Missing => {
                    // A file that exists but does not parse is "incomplete", not "missing".
                    if c.module_files.get(*id).is_some_and(|l| l.contains(&lang)) {
                        s.incomplete += 1;
                    } else {
                        s.missing += 1;
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
        if hashes {
            let _ = writeln!(out, "\nsource hashes:");
            for (id, h) in &self.hashes {
                let _ = writeln!(out, "{h}  {id}");
            }
        }
        out
    }
}
