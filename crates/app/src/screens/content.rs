//! Reading: the home list, the module reader, glossary entries, search, bookmarks, progress.

use crate::App;
use crate::ipc::{AppError, AppResult, ModuleCard, ModuleDoc, SearchHit};
use crate::screens::current_chain;
use crate::state::AppState;
use scanwise_core::model::{BodyArea, Concept};
use std::collections::{BTreeSet, HashMap};

/// Anchors read of `module`, in any language (anchors are stable across languages).
fn read_anchors(state: &AppState, module: &str) -> AppResult<BTreeSet<String>> {
    let progress = state
        .user()
        .progress(Some(module))
        .map_err(AppError::user)?;
    Ok(progress.into_iter().map(|p| p.anchor).collect())
}

fn bookmarked(state: &AppState) -> AppResult<BTreeSet<String>> {
    let marks = state.user().bookmarks().map_err(AppError::user)?;
    Ok(marks
        .into_iter()
        .filter(|b| b.anchor.is_none())
        .map(|b| b.module_id)
        .collect())
}

impl App {
    pub fn home(&self, area: Option<BodyArea>) -> AppResult<Vec<ModuleCard>> {
        let state = &self.state;
        home_cards(state, area)
    }

    pub fn open_module(&self, id: String) -> AppResult<ModuleDoc> {
        let state = &self.state;
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        let v = state
            .slot()?
            .module(&chain, &id)?
            .ok_or(AppError::NotFound(id.clone()))?;
        let read = read_anchors(state, &id)?;
        Ok(ModuleDoc {
            bookmarked: bookmarked(state)?.contains(&id),
            read: v
                .sections
                .iter()
                .filter(|s| read.contains(&s.anchor))
                .map(|s| s.anchor.clone())
                .collect(),
            id: v.id,
            title: v.title,
            summary: v.summary,
            lang: v.lang,
            requested_lang: v.requested_lang,
            is_fallback: v.is_fallback,
            minutes: v.minutes,
            areas: v.areas,
            sections: v.sections,
            key_points: v.key_points,
            myth_or_fact: v.myth_or_fact,
            references: v.references,
            questions: v.questions.into_iter().map(|q| q.item).collect(),
            review: v.review,
            translation: v.translation,
            languages: v.languages,
        })
    }

    /// Bookmarks the whole module (anchor-less), in the language it is shown in.
    pub fn set_bookmark(&self, module: String, on: bool) -> AppResult<()> {
        let state = &self.state;
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        let lang = state
            .slot()?
            .module(&chain, &module)?
            .ok_or(AppError::NotFound(module.clone()))?
            .lang;
        let mut user = state.user();
        if on {
            user.add_bookmark(&module, &lang, None)
                .map_err(AppError::user)?;
        } else {
            // Remove it in every language it was saved in.
            for b in user.bookmarks().map_err(AppError::user)? {
                if b.module_id == module && b.anchor.is_none() {
                    user.remove_bookmark(&module, &b.locale, None)
                        .map_err(AppError::user)?;
                }
            }
        }
        Ok(())
    }

    pub fn mark_read(&self, module: String, anchor: String) -> AppResult<()> {
        let state = &self.state;
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        let v = state
            .slot()?
            .module(&chain, &module)?
            .ok_or(AppError::NotFound(module.clone()))?;
        if !v.sections.iter().any(|s| s.anchor == anchor) {
            return Err(AppError::Invalid(format!(
                "{module} has no section {anchor}"
            )));
        }
        state
            .user()
            .mark_read(&module, &v.lang, &anchor)
            .map_err(AppError::user)
    }

    pub fn concept(&self, id: String) -> AppResult<Concept> {
        let state = &self.state;
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        Ok(state
            .slot()?
            .concept(&chain, &id)?
            .ok_or(AppError::NotFound(id))?
            .item)
    }

    pub fn search(&self, query: String) -> AppResult<Vec<SearchHit>> {
        let state = &self.state;
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        let hits = state.slot()?.search(&chain, &query, 30)?;
        Ok(hits
            .into_iter()
            .map(|h| SearchHit {
                kind: h.kind,
                title: match h.module_title {
                    Some(m) => format!("{m}: {}", h.title),
                    None => h.title,
                },
                id: h.id,
                anchor: h.anchor,
                snippet: h.snippet,
            })
            .collect())
    }
}

/// The home screen's cards in the current language, with bookmarks and reading progress.
pub fn home_cards(state: &AppState, area: Option<BodyArea>) -> AppResult<Vec<ModuleCard>> {
    let chain = current_chain(state)?;
    let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
    let marks = bookmarked(state)?;
    // All progress at once: one query, not one per card.
    let mut read: HashMap<String, BTreeSet<String>> = HashMap::new();
    for p in state.user().progress(None).map_err(AppError::user)? {
        read.entry(p.module_id).or_default().insert(p.anchor);
    }
    let slot = state.slot()?;
    let summaries = slot.modules(&chain, area)?;
    summaries
        .into_iter()
        .map(|m| {
            let anchors = slot.section_anchors(&m.id, &m.lang)?;
            let sections_read = read
                .get(&m.id)
                .map_or(0, |r| anchors.iter().filter(|a| r.contains(*a)).count());
            Ok(ModuleCard {
                bookmarked: marks.contains(&m.id),
                sections_read: sections_read as u32,
                sections_total: anchors.len() as u32,
                id: m.id,
                title: m.title,
                summary: m.summary,
                areas: m.areas,
                minutes: m.minutes,
                lang: m.lang,
                is_fallback: m.is_fallback,
                review: m.review,
                stale: m.stale,
            })
        })
        .collect()
}
