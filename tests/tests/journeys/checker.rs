//! The "Do I need a scan?" checker in every language that publishes one, as the slot serves it:
//! red flags always win, all-No reassures, any criterion leads to a talk about imaging, and
//! every outcome card is complete and points at questions that exist in that language.

use scanwise_core::checker::{Answer, Answers, CHECKER_AREAS, evaluate, questions_for};
use scanwise_core::model::{CheckerPack, CheckerQuestionKind, OutcomeKind};

use crate::support;

const ALL_OUTCOMES: [OutcomeKind; 4] = [
    OutcomeKind::Emergency,
    OutcomeKind::Urgent,
    OutcomeKind::DiscussImaging,
    OutcomeKind::ScanUnlikelyToHelp,
];

fn is_red_flag(kind: CheckerQuestionKind) -> bool {
    kind != CheckerQuestionKind::Criterion
}

/// The checker of each language that publishes one, read back through the slot.
fn checkers() -> Vec<CheckerPack> {
    let slot = support::slot();
    let langs: Vec<String> = support::checkers().map(|c| c.lang.clone()).collect();
    assert!(langs.iter().any(|l| l == "en"), "no English checker");
    langs
        .iter()
        .map(|lang| {
            let c = slot
                .checker(&[lang.as_str()])
                .expect("slot query")
                .unwrap_or_else(|| panic!("the slot has no {lang} checker"));
            assert_eq!(&c.lang, lang, "a one-language chain gives that language");
            c
        })
        .collect()
}

#[test]
fn red_flags_win_and_criteria_lead_to_discussing_imaging() {
    for pack in checkers() {
        let lang = &pack.lang;
        for area in CHECKER_AREAS {
            let qs = questions_for(&pack, area);
            let red: Vec<_> = qs.iter().filter(|q| is_red_flag(q.kind)).collect();
            let criteria: Vec<_> = qs.iter().filter(|q| !is_red_flag(q.kind)).collect();
            assert!(!red.is_empty(), "{lang} {area:?}: no red flags");
            assert!(!criteria.is_empty(), "{lang} {area:?}: no criteria");
            let all_no = Answers(qs.iter().map(|q| (q.id.clone(), Answer::No)).collect());
            let all_criteria_yes = criteria
                .iter()
                .fold(all_no.clone(), |a, q| a.with(q.id.clone(), Answer::Yes));

            let e = evaluate(&pack, area, &all_no);
            assert_eq!(
                (e.outcome, e.is_complete()),
                (OutcomeKind::ScanUnlikelyToHelp, true),
                "{lang} {area:?}: all No"
            );

            for q in &red {
                let expected = match q.kind {
                    CheckerQuestionKind::RedFlagEmergency => OutcomeKind::Emergency,
                    _ => OutcomeKind::Urgent,
                };
                for (what, base) in [("others No", &all_no), ("criteria Yes", &all_criteria_yes)] {
                    let e = evaluate(&pack, area, &base.clone().with(q.id.clone(), Answer::Yes));
                    assert_eq!(
                        e.outcome, expected,
                        "{lang} {area:?}: red flag {} Yes ({what})",
                        q.id
                    );
                    assert!(e.triggered.contains(&q.id), "{lang}: {} triggered", q.id);
                }
                // Someone who cannot rule a red flag out is sent to a clinician, not reassured.
                let e = evaluate(
                    &pack,
                    area,
                    &all_no.clone().with(q.id.clone(), Answer::NotSure),
                );
                assert!(
                    matches!(e.outcome, OutcomeKind::Urgent | OutcomeKind::Emergency),
                    "{lang} {area:?}: red flag {} Not sure gave {:?}",
                    q.id,
                    e.outcome
                );
            }

            for q in &criteria {
                let e = evaluate(&pack, area, &all_no.clone().with(q.id.clone(), Answer::Yes));
                assert_eq!(
                    (e.outcome, e.triggered.as_slice()),
                    (OutcomeKind::DiscussImaging, std::slice::from_ref(&q.id)),
                    "{lang} {area:?}: criterion {} Yes, no red flags",
                    q.id
                );
            }
        }
    }
}

#[test]
fn every_outcome_is_complete_and_its_questions_resolve() {
    for pack in checkers() {
        let lang = &pack.lang;
        let list = support::questions(lang)
            .unwrap_or_else(|| panic!("{lang} publishes a checker but no question list"));
        let slot_list = support::slot()
            .questions(&[lang.as_str()])
            .expect("slot query");
        for kind in ALL_OUTCOMES {
            let cards: Vec<_> = pack.outcomes.iter().filter(|o| o.kind == kind).collect();
            let [card] = cards.as_slice() else {
                panic!("{lang}: {} {kind:?} outcome cards", cards.len());
            };
            assert!(!card.title.trim().is_empty(), "{lang} {kind:?}: no title");
            assert!(!card.body.trim().is_empty(), "{lang} {kind:?}: no body");
            let resolved: Vec<_> = card
                .questions
                .iter()
                .filter(|id| list.questions.iter().any(|q| &q.id == *id))
                .collect();
            assert!(
                !resolved.is_empty(),
                "{lang} {kind:?}: none of {:?} is in the {lang} question list",
                card.questions
            );
            for id in resolved {
                let q = slot_list
                    .iter()
                    .find(|q| &q.id == id)
                    .unwrap_or_else(|| panic!("{lang}: slot lacks question {id}"));
                assert!(
                    !q.is_fallback && !q.text.trim().is_empty(),
                    "{lang}: {id} shown in {}",
                    q.lang
                );
            }
        }
    }
}
