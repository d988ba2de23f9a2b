//! Stage 4, area: which body area a report is about, so no word is explained with another
//! area's text ("extrusion" of a meniscus is not a disc extrusion).
//!
//! In order: the heading ("MRI LUMBAR SPINE", "MR kne": area words in the first two lines with
//! words), else the area the patient picked, else the structures the report names (one area
//! clearly ahead of the others). When still unclear, each sentence is read in the area its own
//! words name, if any. The words are content (`decoder.areas` of each glossary); spinal
//! levels ("L4/5", "C6") count for the spine in every language.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::matcher::{Lexicon, Phrase};
use super::normalise::Token;
use crate::model::{ConceptArea, GlossaryPack};

/// How the report's area was found.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaSource {
    /// Named in the report's heading.
    Heading,
    /// Picked by the patient (the heading said nothing).
    Picked,
    /// From the structures the report names.
    Structures,
    /// Unclear: each sentence is read in the area its own words name.
    Unknown,
}

/// Area words of one language, keyed by their first word id, longest first.
#[derive(Debug, Default)]
pub(crate) struct AreaIndex {
    by_first: HashMap<u32, Vec<Phrase<ConceptArea>>>,
}

impl AreaIndex {
    pub(crate) fn new(g: &GlossaryPack, lex: &mut Lexicon) -> AreaIndex {
        let mut index = AreaIndex::default();
        for (area, words) in g.decoder.areas.iter() {
            for w in words {
                if let Some((first, rest, _)) = lex.intern_phrase(w, false) {
                    index.by_first.entry(first).or_default().push(Phrase {
                        rest,
                        colons: 0,
                        value: area,
                    });
                }
            }
        }
        for bucket in index.by_first.values_mut() {
            bucket.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        index
    }

    /// `(token, area)` of every area word in the text.
    fn hits(&self, lex: &Lexicon, tokens: &[Token]) -> Vec<(usize, ConceptArea)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            let spinal_level = t.level && t.stem.starts_with(['c', 't', 'l', 's']);
            let hit = lex
                .exact(t)
                .and_then(|id| self.by_first.get(&id))
                .and_then(|bucket| {
                    bucket.iter().find_map(|p| {
                        let len = p.rest.len() + 1;
                        let fits = i + len <= tokens.len()
                            && p.rest.iter().enumerate().all(|(k, want)| {
                                let t = &tokens[i + 1 + k];
                                !t.hard_before && lex.exact(t) == Some(*want)
                            });
                        fits.then_some((len, p.value))
                    })
                });
            match hit {
                Some((len, area)) => {
                    out.push((i, area));
                    i += len;
                }
                None => {
                    if spinal_level {
                        out.push((i, ConceptArea::Spine));
                    }
                    i += 1;
                }
            }
        }
        out
    }
}

/// The one area `hits` name, if they name exactly one.
fn only(hits: impl Iterator<Item = ConceptArea>) -> Option<ConceptArea> {
    let mut found: Option<ConceptArea> = None;
    for a in hits {
        match found {
            Some(f) if f != a => return None,
            _ => found = Some(a),
        }
    }
    found
}

/// The report's area and how it was found, and the area each token is read in.
pub(crate) fn read_areas(
    index: &AreaIndex,
    lex: &Lexicon,
    tokens: &[Token],
    picked: Option<ConceptArea>,
) -> (Option<ConceptArea>, AreaSource, Vec<Option<ConceptArea>>) {
    let hits = index.hits(lex, tokens);
    let first_line = tokens.first().map_or(0, |t| t.line);
    let heading = only(
        hits.iter()
            .filter(|(i, _)| tokens[*i].line <= first_line + 1)
            .map(|&(_, a)| a),
    );
    let picked = picked.filter(|a| !matches!(a, ConceptArea::General | ConceptArea::Joint));
    let (area, source) = match (heading, picked) {
        (Some(a), _) => (Some(a), AreaSource::Heading),
        (None, Some(a)) => (Some(a), AreaSource::Picked),
        (None, None) => match structures(&hits) {
            Some(a) => (Some(a), AreaSource::Structures),
            None => (None, AreaSource::Unknown),
        },
    };
    let per_token = match area {
        Some(a) => vec![Some(a); tokens.len()],
        None => sentence_areas(tokens, &hits),
    };
    (area, source, per_token)
}

/// One area named at least twice and more than twice as often as any other.
fn structures(hits: &[(usize, ConceptArea)]) -> Option<ConceptArea> {
    let mut counts: Vec<(ConceptArea, usize)> = Vec::new();
    for &(_, a) in hits {
        match counts.iter_mut().find(|(x, _)| *x == a) {
            Some((_, n)) => *n += 1,
            None => counts.push((a, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    match counts.as_slice() {
        [(a, n)] if *n >= 2 => Some(*a),
        [(a, n), (_, m), ..] if *n >= 2 && *n > 2 * m => Some(*a),
        _ => None,
    }
}

/// Each token read in the one area its sentence names, else unknown.
fn sentence_areas(tokens: &[Token], hits: &[(usize, ConceptArea)]) -> Vec<Option<ConceptArea>> {
    let mut out = vec![None; tokens.len()];
    let mut start = 0;
    for end in 1..=tokens.len() {
        if end == tokens.len() || tokens[end].ends_clause_before() {
            let area = only(
                hits.iter()
                    .filter(|(i, _)| (start..end).contains(i))
                    .map(|&(_, a)| a),
            );
            out[start..end].fill(area);
            start = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decoder::normalise::tokenize;
    use crate::model::{AreaWords, DecoderTable, PACK_FORMAT};
    use ConceptArea::*;

    fn pack() -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "xx".into(),
            negations: vec![],
            terminators: vec![],
            post_negations: vec![],
            concepts: vec![],
            translation: None,
            decoder: DecoderTable {
                areas: AreaWords {
                    spine: ["lumbar spine", "disc"].map(String::from).to_vec(),
                    knee: ["knee", "meniscus", "kne"].map(String::from).to_vec(),
                    shoulder: ["shoulder", "supraspinatus"].map(String::from).to_vec(),
                },
                ..DecoderTable::default()
            },
        }
    }

    fn area(text: &str, picked: Option<ConceptArea>) -> (Option<ConceptArea>, AreaSource) {
        let g = pack();
        let mut lex = Lexicon::new(&g.decoder);
        let index = AreaIndex::new(&g, &mut lex);
        let tokens = tokenize(text, &lex.stemmer);
        let (a, s, _) = read_areas(&index, &lex, &tokens, picked);
        (a, s)
    }

    #[test]
    fn heading_then_pick_then_structures() {
        assert_eq!(
            area("MRI KNEE\n\nDisc? The meniscus is torn.", Some(Shoulder)),
            (Some(Knee), AreaSource::Heading)
        );
        assert_eq!(
            area("Findings\n\nThe meniscus is torn.", Some(Shoulder)),
            (Some(Shoulder), AreaSource::Picked)
        );
        assert_eq!(
            area("Findings\n\nDisc bulge L4/5. Disc desiccation.", None),
            (Some(Spine), AreaSource::Structures)
        );
        // A heading naming two areas is no heading.
        assert_eq!(
            area("MRI knee and shoulder\n\nText.", None),
            (None, AreaSource::Unknown)
        );
        // One mention is not enough to call the whole report.
        assert_eq!(
            area("Findings\n\nSmall effusion. Disc.", None),
            (None, AreaSource::Unknown)
        );
    }

    #[test]
    fn an_unclear_report_is_read_sentence_by_sentence() {
        let g = pack();
        let mut lex = Lexicon::new(&g.decoder);
        let index = AreaIndex::new(&g, &mut lex);
        let text = "Report\n\nExtrusion of the meniscus. Extrusion at the disc.";
        let tokens = tokenize(text, &lex.stemmer);
        let (a, _, per) = read_areas(&index, &lex, &tokens, None);
        assert_eq!(a, None);
        assert_eq!(per[1], Some(Knee), "{:?}", per);
        assert_eq!(per[5], Some(Spine), "{:?}", per);
    }
}
