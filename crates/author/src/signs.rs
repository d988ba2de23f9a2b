//! One routing everywhere: the safety module must list every checker red flag, under the
//! section of the tier the checker gives it (SW061), and the checker each language builds must
//! pass the engine's own rules (SW060).
//!
//! The safety module names a red flag with a `sign:` link (`[numbness around your bottom]
//! (sign:saddle-numbness)`). A section's tier comes from its anchor: `emergency…`, `same-day…`
//! or `soon…` (for example `{#same-day-knee}`).

use std::collections::{BTreeMap, BTreeSet};

use scanwise_core::model::{OutcomeKind, SAFETY_MODULE_ID};

use crate::content::Content;
use crate::diag::{Code, Diagnostic};
use crate::markdown::LinkTarget;

/// The tier a safety-module section lists, by its anchor.
pub fn section_tier(anchor: &str) -> Option<OutcomeKind> {
    [
        ("emergency", OutcomeKind::Emergency),
        ("same-day", OutcomeKind::Urgent),
        ("soon", OutcomeKind::Soon),
    ]
    .into_iter()
    .find(|(prefix, _)| anchor == *prefix || anchor.starts_with(&format!("{prefix}-")))
    .map(|(_, tier)| tier)
}

fn tier_anchor(tier: OutcomeKind) -> &'static str {
    match tier {
        OutcomeKind::Emergency => "emergency",
        OutcomeKind::Urgent => "same-day",
        _ => "soon",
    }
}

/// SW061 for every language that has the safety module.
pub fn check_safety_signs(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(checker) = &c.checker else { return };
    let flags: BTreeMap<&str, OutcomeKind> = checker
        .data
        .questions
        .iter()
        .filter_map(|q| q.kind.tier().map(|t| (q.id.get_ref().as_str(), t)))
        .collect();
    let Some(files) = c.modules.get(SAFETY_MODULE_ID) else {
        return;
    };
    for m in files.values() {
        // sign id → the tiers of the sections that list it.
        let mut listed: BTreeMap<&str, BTreeSet<OutcomeKind>> = BTreeMap::new();
        for (target, range) in &m.info.links {
            let LinkTarget::Sign(id) = target else {
                continue;
            };
            let section = m
                .info
                .sections
                .iter()
                .rev()
                .find(|s| s.range.start <= range.start);
            let Some(&flag_tier) = flags.get(id.as_str()) else {
                let known: Vec<&str> = flags.keys().copied().collect();
                diags.push(
                    Diagnostic::new(
                        Code::SafetySignMismatch,
                        format!("`sign:{id}` is not a red flag of the checker"),
                    )
                    .at(&m.src, range.clone())
                    .with_hint(format!("red flags are: {}", known.join(", "))),
                );
                continue;
            };
            match section.and_then(|s| section_tier(&s.anchor)) {
                Some(tier) if tier == flag_tier => {
                    listed.entry(id).or_default().insert(tier);
                }
                Some(tier) => diags.push(
                    Diagnostic::new(
                        Code::SafetySignMismatch,
                        format!(
                            "`{id}` is listed under `{}` here but the checker sends it to `{}`",
                            tier_anchor(tier),
                            tier_anchor(flag_tier)
                        ),
                    )
                    .at(&m.src, range.clone())
                    .with_hint("one sign, one tier everywhere: move it, or change its kind in checker/checker.toml"),
                ),
                None => diags.push(
                    Diagnostic::new(
                        Code::SafetySignMismatch,
                        format!("`sign:{id}` is outside a tier section"),
                    )
                    .at(&m.src, range.clone())
                    .with_hint("list signs under a heading anchored `{#emergency…}`, `{#same-day…}` or `{#soon…}`"),
                ),
            }
        }
        for (id, tier) in &flags {
            if !listed.contains_key(id) {
                diags.push(
                    Diagnostic::new(
                        Code::SafetySignMismatch,
                        format!(
                            "the {} safety module does not list the checker's red flag `{id}`",
                            m.lang
                        ),
                    )
                    .in_file(&m.src.path)
                    .with_hint(format!(
                        "add [the sign in a few words](sign:{id}) under a `{{#{}…}}` section",
                        tier_anchor(*tier)
                    )),
                );
            }
        }
    }
}

/// SW060: each language's checker, built as the app will get it, must pass the engine's rules.
pub fn check_built_checker(c: &Content, diags: &mut Vec<Diagnostic>) {
    let Some(checker) = &c.checker else { return };
    let clean = crate::markdown::sanitizer();
    for (lang, texts) in &c.checker_langs {
        let Some(pack) = crate::build::checker(c, lang, &clean) else {
            continue; // incomplete: SW052 says so, and it is not published
        };
        for problem in scanwise_core::checker::problems(&pack) {
            diags.push(
                Diagnostic::new(Code::CheckerInvalid, format!("{lang} checker: {problem}"))
                    .in_file(if problem_is_text(&problem) {
                        &texts.src.path
                    } else {
                        &checker.src.path
                    })
                    .with_hint("the app refuses a checker that breaks this rule"),
            );
        }
    }
}

/// Problems that live in a language's texts rather than in `checker.toml`.
fn problem_is_text(p: &scanwise_core::checker::CheckerError) -> bool {
    use scanwise_core::checker::CheckerError as E;
    matches!(
        p,
        E::EmptyQuestion(_) | E::MissingSign(_) | E::EmptyOutcome(_) | E::MissingSafetyNet(_)
    )
}
