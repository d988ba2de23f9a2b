//! SW084: a source in `references.toml` that nothing cites. SW014 covers a module listing a
//! source it never cites; this covers a source no module, checker question or glossary
//! concept uses at all, so `references.toml` stays the project's list of what it relies on.

use std::collections::BTreeSet;

use crate::content::Content;
use crate::diag::{Code, Diagnostic};
use crate::sources::header_range;

pub fn check_unused(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(r) = &c.references else { return };
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for langs in c.modules.values() {
        for m in langs.values() {
            used.extend(m.info.citations.iter().map(|(id, _)| id.as_str()));
            used.extend(m.fm.references.iter().map(|x| x.get_ref().as_str()));
        }
    }
    if let Some(ch) = &c.checker {
        for q in &ch.data.questions {
            used.extend(q.sources.iter().map(|s| s.get_ref().as_str()));
        }
    }
    let outcome_sources = crate::number_rules::sourced_outcomes(c);
    used.extend(outcome_sources.values().flatten().map(String::as_str));
    if let Some(cs) = &c.concepts {
        for x in cs.data.values() {
            used.extend(x.prevalence_source.iter().map(|s| s.get_ref().as_str()));
        }
    }
    // Editor notes in TOML comments and kept English copies do not count: only what a
    // patient can reach is "cited".
    for id in r.data.keys() {
        if used.contains(id.as_str()) {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::UnusedReference,
                format!("the source `{id}` is not cited anywhere"),
            )
            .at(&r.src, header_range(&r.src.text, id).unwrap_or(0..0))
            .with_hint("cite it with [@id] in a module (and list it in `references`), a checker question's `sources` or a concept's `prevalence_source`; or remove it"),
        );
    }
}
