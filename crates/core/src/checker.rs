//! The "Do I need a scan?" checker: red flags first, then the three guideline criteria.
//!
//! The engine is pure: it takes the pack, the body area and the answers so far, and says which
//! outcome card applies, which questions led there, and which question to ask next. It stores
//! nothing; saving answers is the patient's choice and happens elsewhere.
//!
//! **Safety invariant:** a red flag answered "yes" for the area always ends on the emergency or
//! urgent card, whatever else is answered. Red flags always win over reassurance.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    BodyArea, CheckerPack, CheckerQuestion, CheckerQuestionKind, OutcomeKind, PACK_FORMAT,
};

/// One answer to one checker question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
}

/// Question id -> answer. Serialises as a plain JSON object (`{"saddle-numbness": "no"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    /// Builder-style helper, handy for the UI state and for tests.
    pub fn with(mut self, question: impl Into<String>, answer: Answer) -> Answers {
        self.0.insert(question.into(), answer);
        self
    }

    pub fn get(&self, question: &str) -> Option<Answer> {
        self.0.get(question).copied()
    }
}

/// Where the answers so far lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The card to show. While `next_question` is `Some` this is provisional (what the answers
    /// so far lead to); the UI shows it only once the walk ends.
    pub outcome: OutcomeKind,
    /// Ids of the questions whose answers led to `outcome` (empty for "scan unlikely to help").
    pub triggered: Vec<String>,
    /// The next question to ask, or `None` when the walk is over.
    pub next_question: Option<String>,
}

impl Evaluation {
    /// The walk is over: `outcome` is final.
    pub fn is_complete(&self) -> bool {
        self.next_question.is_none()
    }
}

/// A checker pack that the app must not ship.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckerError {
    #[error("checker pack has format {found}, this core reads up to {supported}")]
    UnsupportedFormat { found: u32, supported: u32 },
    #[error("question id `{0}` is used more than once")]
    DuplicateQuestion(String),
    #[error("question `{0}` has an empty id or text")]
    EmptyQuestion(String),
    #[error("question `{0}` is not asked for any body area")]
    QuestionWithoutArea(String),
    #[error("red flag `{0}` comes after a criterion; red flags must be asked first")]
    RedFlagAfterCriterion(String),
    #[error("no red-flag question for {0:?}; every area must ask about red flags")]
    NoRedFlag(BodyArea),
    #[error("no guideline criterion for {0:?}")]
    NoCriterion(BodyArea),
    #[error("outcome {0:?} is missing")]
    MissingOutcome(OutcomeKind),
    #[error("outcome {0:?} is defined more than once")]
    DuplicateOutcome(OutcomeKind),
    #[error("outcome {0:?} has an empty title or body")]
    EmptyOutcome(OutcomeKind),
}

/// Areas the checker is offered for; each needs red flags and criteria.
pub const CHECKER_AREAS: [BodyArea; 3] = [BodyArea::Back, BodyArea::Knee, BodyArea::Shoulder];

const ALL_OUTCOMES: [OutcomeKind; 4] = [
    OutcomeKind::Emergency,
    OutcomeKind::Urgent,
    OutcomeKind::DiscussImaging,
    OutcomeKind::ScanUnlikelyToHelp,
];

fn is_red_flag(kind: CheckerQuestionKind) -> bool {
    matches!(
        kind,
        CheckerQuestionKind::RedFlagEmergency | CheckerQuestionKind::RedFlagUrgent
    )
}

/// Questions asked for `area`, in the order they are asked: red flags (pack order), then criteria.
/// Questions tagged `general` apply to every area.
pub fn questions_for(pack: &CheckerPack, area: BodyArea) -> Vec<&CheckerQuestion> {
    let applies =
        |q: &&CheckerQuestion| q.areas.contains(&area) || q.areas.contains(&BodyArea::General);
    let red = pack
        .questions
        .iter()
        .filter(applies)
        .filter(|q| is_red_flag(q.kind));
    let criteria = pack
        .questions
        .iter()
        .filter(applies)
        .filter(|q| !is_red_flag(q.kind));
    red.chain(criteria).collect()
}

/// Evaluate the answers so far for one body area.
pub fn evaluate(pack: &CheckerPack, area: BodyArea, answers: &Answers) -> Evaluation {
    let questions = questions_for(pack, area);
    let answered =
        |kind_filter: &dyn Fn(CheckerQuestionKind) -> bool, want: &[Answer]| -> Vec<String> {
            questions
                .iter()
                .filter(|q| kind_filter(q.kind))
                .filter(|q| answers.get(&q.id).is_some_and(|a| want.contains(&a)))
                .map(|q| q.id.clone())
                .collect()
        };
    let first_unanswered = |kind_filter: &dyn Fn(CheckerQuestionKind) -> bool| {
        questions
            .iter()
            .filter(|q| kind_filter(q.kind))
            .find(|q| answers.get(&q.id).is_none())
            .map(|q| q.id.clone())
    };

    let emergency_yes = answered(
        &|k| k == CheckerQuestionKind::RedFlagEmergency,
        &[Answer::Yes],
    );
    if !emergency_yes.is_empty() {
        // Nothing else can change this card, so the walk ends at once.
        return Evaluation {
            outcome: OutcomeKind::Emergency,
            triggered: emergency_yes,
            next_question: None,
        };
    }

    // "Not sure" about a red flag is treated like "yes, urgent": the patient cannot rule out
    // something serious on their own, and the safe answer is a clinician today, not reassurance.
    let urgent = answered(&is_red_flag, &[Answer::Yes, Answer::NotSure]);
    if !urgent.is_empty() {
        // Keep asking the remaining red flags (an emergency one may still apply), not the criteria.
        return Evaluation {
            outcome: OutcomeKind::Urgent,
            triggered: urgent,
            next_question: first_unanswered(&is_red_flag),
        };
    }

    let criteria = answered(&|k| !is_red_flag(k), &[Answer::Yes, Answer::NotSure]);
    let outcome = if criteria.is_empty() {
        OutcomeKind::ScanUnlikelyToHelp
    } else {
        OutcomeKind::DiscussImaging
    };
    Evaluation {
        outcome,
        triggered: criteria,
        next_question: first_unanswered(&|_| true),
    }
}

/// Everything wrong with a checker pack, in pack order. Empty means the pack may ship.
pub fn problems(pack: &CheckerPack) -> Vec<CheckerError> {
    let mut out = Vec::new();
    if pack.format > PACK_FORMAT {
        out.push(CheckerError::UnsupportedFormat {
            found: pack.format,
            supported: PACK_FORMAT,
        });
    }
    let mut seen = HashSet::new();
    let mut seen_criterion = false;
    for q in &pack.questions {
        if !seen.insert(q.id.as_str()) {
            out.push(CheckerError::DuplicateQuestion(q.id.clone()));
        }
        if q.id.trim().is_empty() || q.text.trim().is_empty() {
            out.push(CheckerError::EmptyQuestion(q.id.clone()));
        }
        if q.areas.is_empty() {
            out.push(CheckerError::QuestionWithoutArea(q.id.clone()));
        }
        if is_red_flag(q.kind) && seen_criterion {
            out.push(CheckerError::RedFlagAfterCriterion(q.id.clone()));
        }
        seen_criterion |= !is_red_flag(q.kind);
    }
    for area in CHECKER_AREAS {
        let qs = questions_for(pack, area);
        if !qs.iter().any(|q| is_red_flag(q.kind)) {
            out.push(CheckerError::NoRedFlag(area));
        }
        if !qs.iter().any(|q| q.kind == CheckerQuestionKind::Criterion) {
            out.push(CheckerError::NoCriterion(area));
        }
    }
    for kind in ALL_OUTCOMES {
        let matching: Vec<_> = pack.outcomes.iter().filter(|o| o.kind == kind).collect();
        match matching.as_slice() {
            [] => out.push(CheckerError::MissingOutcome(kind)),
            [o] if o.title.trim().is_empty() || o.body.trim().is_empty() => {
                out.push(CheckerError::EmptyOutcome(kind))
            }
            [_] => {}
            _ => out.push(CheckerError::DuplicateOutcome(kind)),
        }
    }
    out
}

/// For the authoring tool: the first problem, if any (see [`problems`] for all of them).
pub fn validate(pack: &CheckerPack) -> Result<(), CheckerError> {
    match problems(pack).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CheckerOutcome;
    use proptest::prelude::*;

    fn q(id: &str, kind: CheckerQuestionKind, areas: &[BodyArea]) -> CheckerQuestion {
        CheckerQuestion {
            id: id.into(),
            kind,
            areas: areas.to_vec(),
            text: format!("{id}?"),
            help: None,
            sources: vec![],
        }
    }

    fn outcome(kind: OutcomeKind) -> CheckerOutcome {
        CheckerOutcome {
            kind,
            title: "t".into(),
            body: "<p>b</p>".into(),
            questions: vec![],
        }
    }

    fn pack() -> CheckerPack {
        use BodyArea::*;
        use CheckerQuestionKind::*;
        CheckerPack {
            format: PACK_FORMAT,
            lang: "en".into(),
            questions: vec![
                q("saddle-numbness", RedFlagEmergency, &[Back]),
                q("cancer-history", RedFlagUrgent, &[Back, Knee, Shoulder]),
                q("hot-swollen-joint", RedFlagUrgent, &[Knee, Shoulder]),
                q("fever", RedFlagUrgent, &[General]),
                q("specific-pathology", Criterion, &[Back, Knee, Shoulder]),
                q("no-progress", Criterion, &[Back, Knee, Shoulder]),
                q("changes-plan", Criterion, &[Back, Knee, Shoulder]),
            ],
            outcomes: ALL_OUTCOMES.into_iter().map(outcome).collect(),
            translation: None,
        }
    }

    fn all_no(pack: &CheckerPack, area: BodyArea) -> Answers {
        Answers(
            questions_for(pack, area)
                .iter()
                .map(|q| (q.id.clone(), Answer::No))
                .collect(),
        )
    }

    #[test]
    fn walks_red_flags_first_then_criteria() {
        let p = pack();
        let ids: Vec<_> = questions_for(&p, BodyArea::Knee)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "cancer-history",
                "hot-swollen-joint",
                "fever",
                "specific-pathology",
                "no-progress",
                "changes-plan"
            ]
        );
        let e = evaluate(&p, BodyArea::Back, &Answers::new());
        assert_eq!(e.next_question.as_deref(), Some("saddle-numbness"));
        let e = evaluate(
            &p,
            BodyArea::Back,
            &Answers::new().with("saddle-numbness", Answer::No),
        );
        assert_eq!(e.next_question.as_deref(), Some("cancer-history"));
    }

    #[test]
    fn all_no_means_scan_unlikely_to_help() {
        let p = pack();
        for area in CHECKER_AREAS {
            let e = evaluate(&p, area, &all_no(&p, area));
            assert_eq!(e.outcome, OutcomeKind::ScanUnlikelyToHelp);
            assert!(e.triggered.is_empty());
            assert!(e.is_complete());
        }
    }

    #[test]
    fn criterion_yes_or_not_sure_means_discuss_imaging() {
        let p = pack();
        for a in [Answer::Yes, Answer::NotSure] {
            let answers = all_no(&p, BodyArea::Shoulder).with("no-progress", a);
            let e = evaluate(&p, BodyArea::Shoulder, &answers);
            assert_eq!(e.outcome, OutcomeKind::DiscussImaging);
            assert_eq!(e.triggered, ["no-progress"]);
        }
    }

    #[test]
    fn emergency_yes_wins_over_everything_and_ends_the_walk() {
        let p = pack();
        let answers = all_no(&p, BodyArea::Back)
            .with("saddle-numbness", Answer::Yes)
            .with("cancer-history", Answer::Yes)
            .with("changes-plan", Answer::Yes);
        let e = evaluate(&p, BodyArea::Back, &answers);
        assert_eq!(e.outcome, OutcomeKind::Emergency);
        assert_eq!(e.triggered, ["saddle-numbness"]);
        assert_eq!(e.next_question, None);
        // Even as the very first answer.
        let e = evaluate(
            &p,
            BodyArea::Back,
            &Answers::new().with("saddle-numbness", Answer::Yes),
        );
        assert_eq!((e.outcome, e.next_question), (OutcomeKind::Emergency, None));
    }

    #[test]
    fn urgent_yes_keeps_asking_red_flags_but_not_criteria() {
        let p = pack();
        let answers = Answers::new().with("cancer-history", Answer::Yes);
        let e = evaluate(&p, BodyArea::Back, &answers);
        assert_eq!(e.outcome, OutcomeKind::Urgent);
        assert_eq!(e.next_question.as_deref(), Some("saddle-numbness"));
        let answers = answers
            .with("saddle-numbness", Answer::No)
            .with("fever", Answer::No);
        let e = evaluate(&p, BodyArea::Back, &answers);
        assert_eq!((e.outcome, e.next_question), (OutcomeKind::Urgent, None));
    }

    #[test]
    fn not_sure_about_a_red_flag_is_urgent() {
        let p = pack();
        let answers = all_no(&p, BodyArea::Back).with("saddle-numbness", Answer::NotSure);
        let e = evaluate(&p, BodyArea::Back, &answers);
        assert_eq!(e.outcome, OutcomeKind::Urgent);
        assert_eq!(e.triggered, ["saddle-numbness"]);
    }

    #[test]
    fn answers_for_other_areas_are_ignored() {
        let p = pack();
        // saddle-numbness is a back question; for the knee it does not apply.
        let answers = all_no(&p, BodyArea::Knee).with("saddle-numbness", Answer::Yes);
        assert_eq!(
            evaluate(&p, BodyArea::Knee, &answers).outcome,
            OutcomeKind::ScanUnlikelyToHelp
        );
    }

    #[test]
    fn answers_round_trip_as_a_plain_object() {
        let a = Answers::new()
            .with("fever", Answer::NotSure)
            .with("no-progress", Answer::No);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"fever":"not_sure","no-progress":"no"}"#);
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), a);
    }

    #[test]
    fn validate_accepts_a_good_pack_and_names_each_problem() {
        let good = pack();
        assert_eq!(validate(&good), Ok(()));

        let mut p = good.clone();
        p.outcomes.retain(|o| o.kind != OutcomeKind::Urgent);
        assert_eq!(
            validate(&p),
            Err(CheckerError::MissingOutcome(OutcomeKind::Urgent))
        );

        let mut p = good.clone();
        p.outcomes.push(outcome(OutcomeKind::Emergency));
        assert_eq!(
            validate(&p),
            Err(CheckerError::DuplicateOutcome(OutcomeKind::Emergency))
        );

        let mut p = good.clone();
        p.questions
            .retain(|q| !is_red_flag(q.kind) || q.id == "saddle-numbness");
        assert_eq!(
            problems(&p),
            [
                CheckerError::NoRedFlag(BodyArea::Knee),
                CheckerError::NoRedFlag(BodyArea::Shoulder)
            ]
        );

        let mut p = good.clone();
        p.questions.push(q(
            "late-flag",
            CheckerQuestionKind::RedFlagUrgent,
            &[BodyArea::Back],
        ));
        p.questions
            .push(q("fever", CheckerQuestionKind::RedFlagUrgent, &[]));
        assert_eq!(
            problems(&p),
            [
                CheckerError::RedFlagAfterCriterion("late-flag".into()),
                CheckerError::DuplicateQuestion("fever".into()),
                CheckerError::QuestionWithoutArea("fever".into()),
                CheckerError::RedFlagAfterCriterion("fever".into()),
            ]
        );

        let mut p = good.clone();
        p.format = PACK_FORMAT + 1;
        p.questions.retain(|q| is_red_flag(q.kind));
        let found = problems(&p);
        assert!(matches!(found[0], CheckerError::UnsupportedFormat { .. }));
        assert!(found.contains(&CheckerError::NoCriterion(BodyArea::Back)));
    }

    fn arb_question(i: usize) -> impl Strategy<Value = CheckerQuestion> {
        let kind = prop_oneof![
            Just(CheckerQuestionKind::RedFlagEmergency),
            Just(CheckerQuestionKind::RedFlagUrgent),
            Just(CheckerQuestionKind::Criterion),
        ];
        let area = prop_oneof![
            Just(BodyArea::Back),
            Just(BodyArea::Knee),
            Just(BodyArea::Shoulder),
            Just(BodyArea::General)
        ];
        (kind, proptest::collection::vec(area, 0..3)).prop_map(move |(kind, areas)| {
            CheckerQuestion {
                id: format!("q{i}"),
                kind,
                areas,
                text: "?".into(),
                help: None,
                sources: vec![],
            }
        })
    }

    fn arb_pack_and_answers() -> impl Strategy<Value = (CheckerPack, Vec<Option<Answer>>)> {
        (1usize..10)
            .prop_flat_map(|n| {
                let qs: Vec<_> = (0..n).map(arb_question).collect();
                let answer = proptest::option::of(prop_oneof![
                    Just(Answer::Yes),
                    Just(Answer::No),
                    Just(Answer::NotSure)
                ]);
                (qs, proptest::collection::vec(answer, n))
            })
            .prop_map(|(questions, answers)| {
                let pack = CheckerPack {
                    format: PACK_FORMAT,
                    lang: "en".into(),
                    questions,
                    outcomes: ALL_OUTCOMES.into_iter().map(outcome).collect(),
                    translation: None,
                };
                (pack, answers)
            })
    }

    proptest! {
        #[test]
        fn any_red_flag_yes_is_emergency_or_urgent((pack, raw) in arb_pack_and_answers()) {
            let answers = Answers(
                pack.questions.iter().zip(&raw)
                    .filter_map(|(q, a)| a.map(|a| (q.id.clone(), a)))
                    .collect(),
            );
            for area in [BodyArea::Back, BodyArea::Knee, BodyArea::Shoulder, BodyArea::General] {
                let e = evaluate(&pack, area, &answers);
                let asked = questions_for(&pack, area);
                let flag_yes = asked.iter().any(|q| is_red_flag(q.kind) && answers.get(&q.id) == Some(Answer::Yes));
                let emergency_yes = asked.iter().any(|q| q.kind == CheckerQuestionKind::RedFlagEmergency
                    && answers.get(&q.id) == Some(Answer::Yes));
                if flag_yes {
                    prop_assert!(matches!(e.outcome, OutcomeKind::Emergency | OutcomeKind::Urgent));
                }
                prop_assert_eq!(emergency_yes, e.outcome == OutcomeKind::Emergency);
                // The next question is always one that applies and is unanswered.
                if let Some(next) = &e.next_question {
                    prop_assert!(asked.iter().any(|q| &q.id == next));
                    prop_assert!(answers.get(next).is_none());
                }
            }
        }
    }
}
