//! "My questions": the patient's list, shown in their language and, side by side, in the
//! clinician's language.

use crate::App;
use crate::ipc::{AppError, AppResult, QuestionItem, QuestionList, QuestionSource};
use crate::screens::{chain_for, current_lang};
use crate::state::AppState;
use scanwise_core::user::QuestionOrigin;
use std::collections::{BTreeMap, BTreeSet};

fn texts(state: &AppState, lang: &str) -> AppResult<BTreeMap<String, String>> {
    let chain = chain_for(lang);
    let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
    Ok(state
        .slot()?
        .questions(&chain)?
        .into_iter()
        .map(|q| (q.item.id.clone(), q.item.text))
        .collect())
}

pub fn list(state: &AppState) -> AppResult<QuestionList> {
    let primary_lang = current_lang(state)?;
    let second_lang = state
        .user()
        .settings()
        .map_err(AppError::user)?
        .second_language
        .filter(|l| *l != primary_lang);
    let primary = texts(state, &primary_lang)?;
    let second = second_lang
        .as_deref()
        .map(|l| texts(state, l))
        .transpose()?;
    let mine = state.user().questions().map_err(AppError::user)?;
    let on_list: BTreeSet<&str> = mine
        .iter()
        .filter_map(|q| q.question_id.as_deref())
        .collect();
    let items = mine
        .iter()
        .filter_map(|q| match (&q.question_id, &q.text) {
            (Some(id), _) => Some(QuestionItem {
                key: id.clone(),
                source: QuestionSource::Suggested,
                primary: primary.get(id)?.clone(),
                second: second.as_ref().and_then(|s| s.get(id).cloned()),
            }),
            (None, Some(text)) => Some(QuestionItem {
                key: format!("own:{}", q.id),
                source: QuestionSource::Own,
                primary: text.clone(),
                second: None,
            }),
            (None, None) => None,
        })
        .collect();
    let suggestions = state
        .slot()?
        .questions(
            &chain_for(&primary_lang)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )?
        .into_iter()
        .map(|q| q.item)
        .filter(|q| !on_list.contains(q.id.as_str()))
        .collect();
    Ok(QuestionList {
        primary_lang,
        second_lang,
        items,
        suggestions,
    })
}

impl App {
    pub fn my_questions(&self) -> AppResult<QuestionList> {
        let state = &self.state;
        list(state)
    }

    /// A suggested question, from a module or the checker (the patient's own: `add_own_question`).
    pub fn add_question(&self, id: String, from: QuestionOrigin) -> AppResult<QuestionList> {
        let state = &self.state;
        if from == QuestionOrigin::Own {
            return Err(AppError::Invalid("own questions have no id".into()));
        }
        state
            .user()
            .add_content_question(&id, from, None)
            .map_err(AppError::user)?;
        list(state)
    }

    pub fn add_own_question(&self, text: String) -> AppResult<QuestionList> {
        let state = &self.state;
        if text.len() > 2_000 {
            return Err(AppError::Invalid(
                "a question is limited to 2 000 bytes".into(),
            ));
        }
        state
            .user()
            .add_own_question(&text)
            .map_err(AppError::user)?;
        list(state)
    }

    /// `key` is a question id, or `own:<n>` for the patient's own.
    pub fn remove_question(&self, key: String) -> AppResult<QuestionList> {
        let state = &self.state;
        let mine = state.user().questions().map_err(AppError::user)?;
        let row = match key.strip_prefix("own:") {
            Some(n) => mine
                .iter()
                .find(|q| q.question_id.is_none() && q.id.to_string() == n),
            None => mine
                .iter()
                .find(|q| q.question_id.as_deref() == Some(key.as_str())),
        }
        .ok_or(AppError::NotFound(key.clone()))?;
        state
            .user()
            .remove_question(row.id)
            .map_err(AppError::user)?;
        list(state)
    }
}
