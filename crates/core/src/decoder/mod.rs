//! The report decoder: finds glossary concepts in pasted radiology-report text, locally.
//!
//! A pipeline in five stages, one module each:
//! 1. [`normalise`]: text to folded, stemmed tokens (case, accents, hyphens, line breaks,
//!    plural endings, disc/disk, oedema/edema, doubled letters) with the punctuation that
//!    bounds a clause;
//! 2. [`area`]: which body area the report is about (heading, the patient's pick, the
//!    structures named), so a word is never explained with another area's text;
//! 3. [`matcher`]: glossary phrases in the tokens, tolerant of one-letter typos in long
//!    words, word families ("torn"/"tear"), the noun before its modifier ("hypertrophy of
//!    the facets"), coordinated modifiers and compounds; the longest phrase wins;
//! 4. [`scope`]: negation and its scope ("no stenosis", "effusion: none", "cannot be
//!    excluded"), erring only towards "present";
//! 5. [`result`]: findings with their class (serious findings first) and the one entry point,
//!    [`decode_with_chain`], that the app and `scanwise decode` share.
//!
//! Every per-language word list is content (the glossary's negation lists and its
//! [`DecoderTable`](crate::model::DecoderTable)): a new language is a new glossary file.
//! The text never leaves the device; nothing here does I/O.

mod area;
mod matcher;
mod normalise;
mod result;
mod scope;
#[cfg(test)]
mod tests;

pub use area::AreaSource;
pub use matcher::AliasCollision;
pub use result::{Decoded, Finding, FindingStatus, decode_with_chain};

use crate::model::{ConceptArea, ConceptClass, GlossaryPack};
use area::AreaIndex;
use matcher::{Lexicon, Matcher, Phrases};
use normalise::tokenize;
use scope::Cues;

/// Concept id of the grading words (DESIGN §7).
const GRADING_CONCEPT: &str = "severity-grading";

/// Precomputed matcher for one language's glossary. Build once, decode many times.
#[derive(Debug)]
pub struct Decoder {
    lang: String,
    lex: Lexicon,
    phrases: Phrases,
    cues: Cues,
    areas: AreaIndex,
    classes: Vec<ConceptClass>,
    /// The severity-grading concept: a grade right before a finding limits a negation to the
    /// grade ("no high-grade stenosis": a lower-grade stenosis may be there).
    grading: Option<u32>,
}

impl Decoder {
    /// Precompute the matcher for `glossary` (concept words, cue words, area words).
    pub fn new(glossary: &GlossaryPack) -> Decoder {
        let mut lex = Lexicon::new(&glossary.decoder);
        let phrases = Phrases::new(glossary, &mut lex);
        let cues = Cues::new(glossary, &mut lex);
        let areas = AreaIndex::new(glossary, &mut lex);
        let grading = glossary
            .concepts
            .iter()
            .position(|c| c.id == GRADING_CONCEPT)
            .map(|i| i as u32);
        Decoder {
            lang: glossary.lang.clone(),
            lex,
            phrases,
            cues,
            areas,
            classes: glossary.concepts.iter().map(|c| c.class).collect(),
            grading,
        }
    }

    /// Phrases that two concepts of one area share after folding, for the authoring tool.
    pub fn collisions(&self) -> &[AliasCollision] {
        &self.phrases.collisions
    }

    /// The glossary language this decoder was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Every recognised concept in `text`, sorted by `start`, never overlapping; the area is
    /// worked out from the text alone.
    pub fn decode(&self, text: &str) -> Vec<Finding> {
        self.decode_report(text, None).findings
    }

    /// The whole reading of `text`: area, then findings. `picked`: the area the patient chose,
    /// used when the heading names none.
    pub fn decode_report(&self, text: &str, picked: Option<ConceptArea>) -> Decoded {
        let tokens = tokenize(text, &self.lex.stemmer);
        let (area, area_source, per_token) =
            area::read_areas(&self.areas, &self.lex, &tokens, picked);
        let mut spans = Matcher::new(&self.lex, &self.phrases, &tokens, &per_token).spans();
        // What the referrer asked about is not a finding ("History: ?metastasis").
        let question = self.cues.in_question(&self.lex, &tokens);
        spans.retain(|s| !question[s.first]);
        let absent = scope::absent(&self.lex, &self.cues, &tokens, &spans, self.grading);
        let findings = spans
            .iter()
            .zip(absent)
            .map(|(s, absent)| {
                let (start, end) = (tokens[s.first].start, tokens[s.last].end);
                Finding {
                    concept: self.phrases.concept_ids[s.concept as usize].clone(),
                    matched: text[start..end].to_string(),
                    start,
                    end,
                    status: if absent {
                        FindingStatus::Absent
                    } else {
                        FindingStatus::Present
                    },
                    class: self.classes[s.concept as usize],
                }
            })
            .collect();
        Decoded {
            lang: self.lang.clone(),
            area,
            area_source,
            findings,
        }
    }
}
