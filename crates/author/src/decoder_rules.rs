//! Rules for the report decoder's content (SW070-SW074): each glossary language carries the
//! words the decoder needs (`[decoder]`: hedges, area words), names every serious concept,
//! and no two concepts of one area share a phrase. Serious concepts never carry figures.

use scanwise_core::decoder::Decoder;

use crate::build;
use crate::content::Content;
use crate::diag::{Code, Diagnostic};
use crate::sources::header_range;

pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(cs) = &c.concepts else { return };
    for (id, concept) in &cs.data {
        if concept.class.is_serious() && !concept.prevalence.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::SeriousConceptPrevalence,
                    format!("serious concept `{id}` has prevalence figures"),
                )
                .at(&cs.src, header_range(&cs.src.text, id).unwrap_or(0..0))
                .with_hint("a serious word is never shown as common in people without pain"),
            );
        }
    }
    for (lang, g) in &c.glossary {
        let negates = !g.data.negations.is_empty() || !g.data.post_negations.is_empty();
        let hedges = g
            .data
            .decoder
            .as_ref()
            .is_some_and(|t| !t.hedges.is_empty());
        if negates && !hedges {
            diags.push(
                Diagnostic::new(
                    Code::DecoderTableMissing,
                    format!("the {lang} glossary has negations but no `[decoder]` hedges"),
                )
                .in_file(&g.src.path)
                .with_hint(
                    "add `[decoder]` with `hedges = [...]` (\"cannot be excluded\"); until then \
                     the decoder reads nothing in this language as absent",
                ),
            );
        }
        if let Some(t) = &g.data.decoder {
            let areas = [
                ("spine", &t.areas.spine),
                ("knee", &t.areas.knee),
                ("shoulder", &t.areas.shoulder),
            ];
            for (area, words) in areas {
                if words.is_empty() {
                    diags.push(
                        Diagnostic::new(
                            Code::DecoderAreaWords,
                            format!(
                                "the {lang} glossary has no `[decoder.areas]` words for {area}"
                            ),
                        )
                        .in_file(&g.src.path)
                        .with_hint(
                            "list the heading and structure words (\"lumbar spine\", \"disc\")",
                        ),
                    );
                }
            }
        }
        let missing: Vec<&str> = cs
            .data
            .iter()
            .filter(|(id, n)| n.class.is_serious() && !g.data.concepts.contains_key(*id))
            .map(|(id, _)| id.as_str())
            .collect();
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::SeriousConceptMissing,
                    format!("the {lang} glossary does not name serious concepts"),
                )
                .in_file(&g.src.path)
                .with_hint(format!("missing: {}", missing.join(", "))),
            );
        }
        if let Some(pack) = build::glossary(c, lang) {
            for col in Decoder::new(&pack).collisions() {
                diags.push(
                    Diagnostic::new(
                        Code::DecoderAliasCollision,
                        format!(
                            "`{}` of `{}` reads the same as a phrase of `{}` (same body area)",
                            col.phrase, col.dropped, col.kept
                        ),
                    )
                    .in_file(&g.src.path)
                    .with_hint("the decoder shows the first concept only: drop or change one"),
                );
            }
        }
    }
}
