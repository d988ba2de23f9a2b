//! The "do I need a scan?" checker and the report decoder. Report text is decoded in memory
//! and never stored or sent anywhere.

use crate::App;
use crate::ipc::{
    AppError, AppResult, CheckerView, DecodedFinding, DecodedReport, HelpSigns, SignItem, SignTier,
};
use crate::screens::current_chain;
use crate::state::AppState;
use scanwise_core::checker::{self, Answer, Answers, Step};
use scanwise_core::decoder::decode_with_chain;
use scanwise_core::model::{BodyArea, CheckerPack, ConceptArea};
use std::collections::BTreeMap;

fn checker_pack(state: &AppState) -> AppResult<(CheckerPack, bool)> {
    let chain = current_chain(state)?;
    let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
    let pack = state
        .slot()?
        .checker(&chain)?
        .ok_or(AppError::NotFound("checker".into()))?;
    let fallback = chain.first().is_some_and(|l| *l != pack.lang);
    Ok((pack, fallback))
}

impl App {
    pub fn checker(&self, area: BodyArea) -> AppResult<CheckerView> {
        let state = &self.state;
        let (pack, is_fallback) = checker_pack(state)?;
        Ok(CheckerView {
            questions: checker::questions_for(&pack, area)
                .into_iter()
                .cloned()
                .collect(),
            lang: pack.lang,
            is_fallback,
            outcomes: pack.outcomes,
        })
    }

    /// One step of the walk: the engine decides what to ask and which card applies; the UI renders.
    pub fn evaluate_checker(
        &self,
        area: BodyArea,
        answers: BTreeMap<String, Answer>,
    ) -> AppResult<Step> {
        let state = &self.state;
        let (pack, _) = checker_pack(state)?;
        Ok(checker::step(&pack, area, &Answers(answers)))
    }

    pub fn help_signs(&self) -> AppResult<HelpSigns> {
        let state = &self.state;
        let (pack, _) = checker_pack(state)?;
        let tiers = checker::signs_by_tier(&pack)
            .into_iter()
            .map(|(tier, qs)| SignTier {
                tier,
                signs: qs
                    .into_iter()
                    .map(|q| SignItem {
                        id: q.id.clone(),
                        sign: q.sign.clone().unwrap_or_else(|| q.text.clone()),
                        areas: q.areas.clone(),
                    })
                    .collect(),
            })
            .collect();
        Ok(HelpSigns {
            lang: pack.lang,
            tiers,
        })
    }

    pub fn decode_report(
        &self,
        text: String,
        area: Option<ConceptArea>,
    ) -> AppResult<DecodedReport> {
        let state = &self.state;
        // A pasted report is a page or two; anything far larger is not a report.
        if text.len() > 100_000 {
            return Err(AppError::Invalid(
                "report text is longer than 100 000 bytes".into(),
            ));
        }
        let chain = current_chain(state)?;
        let chain: Vec<&str> = chain.iter().map(String::as_str).collect();
        // A report is written in the clinic's language, which need not be the UI's: the core
        // reads it with every glossary in the chain (the same call as `scanwise decode`).
        // Explanations still come in the UI language (concept ids are the same everywhere).
        let mut decoders = Vec::new();
        for lang in &chain {
            decoders.extend(state.decoder(&[lang])?);
        }
        let decoded = decode_with_chain(decoders.iter().map(|d| d.as_ref()), &text, area)
            .ok_or(AppError::NotFound("glossary".into()))?;
        let glossary = state.slot()?.glossary(&chain)?;
        let urgent = decoded.urgent();
        let findings = decoded
            .findings
            .into_iter()
            .filter_map(|f| {
                let c = glossary
                    .iter()
                    .find(|c| c.item.id == f.concept)?
                    .item
                    .clone();
                // Figures only where they were measured, and never beside a serious word.
                let charted = !f.class.is_serious()
                    && c.prevalence_area
                        .is_none_or(|a| decoded.area.is_none_or(|r| r == a));
                Some(DecodedFinding {
                    start: utf16_offset(&text, f.start),
                    end: utf16_offset(&text, f.end),
                    status: f.status,
                    class: f.class,
                    concept: f.concept,
                    matched: f.matched,
                    term: c.term,
                    explanation: c.explanation,
                    prevalence: if charted { c.prevalence } else { vec![] },
                    prevalence_source: c.prevalence_source,
                    see_module: c.see_module,
                })
            })
            .collect();
        Ok(DecodedReport {
            lang: decoded.lang,
            area: decoded.area,
            area_source: decoded.area_source,
            urgent,
            findings,
        })
    }
}

/// Byte offset in `text` → UTF-16 offset (what a JavaScript string indexes).
fn utf16_offset(text: &str, byte: usize) -> u32 {
    text[..byte].encode_utf16().count() as u32
}

#[cfg(test)]
mod tests {
    use super::utf16_offset;

    #[test]
    fn byte_offsets_become_utf16_offsets() {
        let text = "Lett ødem i 🦴 menisken";
        let byte = text.find("menisken").unwrap();
        let js_index = "Lett ødem i 🦴 ".encode_utf16().count() as u32;
        assert_eq!(utf16_offset(text, byte), js_index);
        assert_eq!(js_index, 15, "ø is one UTF-16 unit, the bone emoji two");
    }
}
