//! The "Do I need a scan?" checker: every red flag of the area first, then the three guideline
//! criteria.
//!
//! The engine owns the walk. [`step`] takes the pack, the body area and the answers so far and
//! says which question to ask next and which card the answers lead to (provisional while
//! questions remain). The UI only renders a step; it decides nothing. The engine stores
//! nothing; saving answers is the patient's choice and happens elsewhere.
//!
//! **Safety invariants** (property-tested here and, over the shipped content in every
//! language, in the journeys crate):
//! - the walk never ends while a red flag of the area, or of a branch the answers opened, is
//!   unanswered; a positive red flag never stops the other red flags being asked;
//! - "yes" or "not sure" to a red flag leads at least to that flag's tier (emergency now,
//!   same day, soon: FACTS §11m); any of them rules out every reassuring card;
//! - a branch ("after an injury") opens on "yes" or "not sure" to its gate.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{
    BodyArea, CheckerPack, CheckerQuestion, CheckerQuestionKind, OutcomeKind, PACK_FORMAT,
};

/// One answer to one checker question.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    NotSure,
}

impl Answer {
    /// "Not sure" counts as "yes": a patient who cannot rule a sign out is safest treated as
    /// having it (FACTS §11b: no source advises waiting to see).
    pub fn is_positive(self) -> bool {
        matches!(self, Answer::Yes | Answer::NotSure)
    }
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

/// One step of the walk: what to ask now, and where the answers so far lead.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The question to ask now; `None` once the walk is over.
    pub next_question: Option<String>,
    /// The card the answers lead to; provisional while `next_question` is `Some`.
    pub outcome: OutcomeKind,
    /// Show the card now: at the end of the walk, and at once (above the remaining
    /// questions) when a red flag already calls for emergency or same-day care.
    pub show_card: bool,
    /// The questions whose answers led to `outcome` (red flags of that tier, or the criteria
    /// for "discuss imaging"); empty for "scan unlikely to help".
    pub triggered: Vec<String>,
    /// Every red flag answered so far, in the order asked: the signs the card says it covered.
    pub asked_signs: Vec<String>,
}

impl Step {
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
    #[error("red flag `{0}` has no `sign` (the few words the help screen and cards show)")]
    MissingSign(String),
    #[error("question `{question}` waits for `{gate}`, which is not a question before it")]
    UnknownGate { question: String, gate: String },
    #[error(
        "question `{question}` waits for `{gate}`, which is a criterion; only red flags and gates open branches"
    )]
    CriterionGate { question: String, gate: String },
    #[error("criterion `{0}` is in a branch; the guideline criteria are asked of everyone")]
    CriterionInBranch(String),
    #[error(
        "question `{question}` is asked for {area:?}, but its gate `{gate}` is not, so it could never be asked there"
    )]
    BranchOutsideGate {
        question: String,
        gate: String,
        area: BodyArea,
    },
    #[error("gate `{0}` opens no branch")]
    GateWithoutBranch(String),
    #[error("no emergency red flag for {0:?}; every area must ask about emergency signs")]
    NoEmergencyFlag(BodyArea),
    #[error("no guideline criterion for {0:?}")]
    NoCriterion(BodyArea),
    #[error("outcome {0:?} is missing")]
    MissingOutcome(OutcomeKind),
    #[error("outcome {0:?} is defined more than once")]
    DuplicateOutcome(OutcomeKind),
    #[error("outcome {0:?} has an empty title or body")]
    EmptyOutcome(OutcomeKind),
    #[error("the reassuring card has no \"when to come back\" text for {0:?}")]
    MissingSafetyNet(BodyArea),
}

/// Areas the checker is offered for; each needs red flags and criteria.
pub const CHECKER_AREAS: [BodyArea; 3] = [BodyArea::Back, BodyArea::Knee, BodyArea::Shoulder];

fn applies(q: &CheckerQuestion, area: BodyArea) -> bool {
    q.areas.contains(&area) || q.areas.contains(&BodyArea::General)
}

/// Questions that may be asked for `area`, in the order they are asked: screening questions
/// (red flags and gates, pack order), then the criteria. Branch questions are included; [`step`]
/// asks them only once their gate opens. Questions tagged `general` apply to every area.
pub fn questions_for(pack: &CheckerPack, area: BodyArea) -> Vec<&CheckerQuestion> {
    let screening = pack
        .questions
        .iter()
        .filter(|q| applies(q, area) && q.kind.is_screening());
    let criteria = pack
        .questions
        .iter()
        .filter(|q| applies(q, area) && !q.kind.is_screening());
    screening.chain(criteria).collect()
}

/// Is `q` to be asked, given the answers: every gate above it answered yes or not sure.
/// A gate chain that loops or names an unknown question never opens (validation rejects both).
fn is_open(
    q: &CheckerQuestion,
    by_id: &HashMap<&str, &CheckerQuestion>,
    answers: &Answers,
) -> bool {
    let mut gate = q.when.as_deref();
    let mut hops = 0;
    while let Some(g) = gate {
        hops += 1;
        if hops > by_id.len() || !answers.get(g).is_some_and(Answer::is_positive) {
            return false;
        }
        gate = by_id.get(g).and_then(|q| q.when.as_deref());
    }
    true
}

/// The questions of `area` the walk asks, given the answers: everything [`questions_for`]
/// lists except branches whose gate (or a gate above it) is unanswered or answered "no".
fn open_questions<'p>(
    pack: &'p CheckerPack,
    area: BodyArea,
    answers: &Answers,
) -> Vec<&'p CheckerQuestion> {
    let questions = questions_for(pack, area);
    let by_id: HashMap<&str, &CheckerQuestion> =
        questions.iter().map(|q| (q.id.as_str(), *q)).collect();
    questions
        .into_iter()
        .filter(|q| is_open(q, &by_id, answers))
        .collect()
}

/// The next step of the walk for one body area.
pub fn step(pack: &CheckerPack, area: BodyArea, answers: &Answers) -> Step {
    let open = open_questions(pack, area, answers);
    let answer = |q: &CheckerQuestion| answers.get(&q.id);
    let asked_signs: Vec<String> = open
        .iter()
        .filter(|q| q.kind.tier().is_some() && answer(q).is_some())
        .map(|q| q.id.clone())
        .collect();
    let next_screening = open
        .iter()
        .find(|q| q.kind.is_screening() && answer(q).is_none())
        .map(|q| q.id.clone());

    // The most urgent tier any red flag answered yes or not sure calls for.
    let flagged = open
        .iter()
        .filter(|q| answer(q).is_some_and(Answer::is_positive))
        .filter_map(|q| q.kind.tier().map(|tier| (tier, q.id.clone())));
    if let Some(tier) = flagged.clone().map(|(t, _)| t).min() {
        // Every red flag is still asked (an emergency sign may follow a same-day one); the
        // criteria are not: a red flag already says what to do.
        let complete = next_screening.is_none();
        return Step {
            show_card: complete || tier <= OutcomeKind::Urgent,
            next_question: next_screening,
            outcome: tier,
            triggered: flagged
                .filter(|(t, _)| *t == tier)
                .map(|(_, id)| id)
                .collect(),
            asked_signs,
        };
    }
    if next_screening.is_some() {
        return Step {
            next_question: next_screening,
            outcome: OutcomeKind::ScanUnlikelyToHelp,
            show_card: false,
            triggered: vec![],
            asked_signs,
        };
    }

    let criteria: Vec<String> = open
        .iter()
        .filter(|q| q.kind == CheckerQuestionKind::Criterion)
        .filter(|q| answer(q).is_some_and(Answer::is_positive))
        .map(|q| q.id.clone())
        .collect();
    let next_question = open
        .iter()
        .find(|q| answer(q).is_none())
        .map(|q| q.id.clone());
    Step {
        outcome: if criteria.is_empty() {
            OutcomeKind::ScanUnlikelyToHelp
        } else {
            OutcomeKind::DiscussImaging
        },
        show_card: next_question.is_none(),
        next_question,
        triggered: criteria,
        asked_signs,
    }
}

/// The red flags of every tier, most urgent first, in pack order within a tier: what the
/// "Get help now" screen lists, so it can never route a sign differently from the checker.
pub fn signs_by_tier(pack: &CheckerPack) -> Vec<(OutcomeKind, Vec<&CheckerQuestion>)> {
    [
        OutcomeKind::Emergency,
        OutcomeKind::Urgent,
        OutcomeKind::Soon,
    ]
    .into_iter()
    .map(|tier| {
        let signs = pack
            .questions
            .iter()
            .filter(|q| q.kind.tier() == Some(tier))
            .collect();
        (tier, signs)
    })
    .collect()
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
    let mut seen: HashMap<&str, &CheckerQuestion> = HashMap::new();
    let mut opened: HashSet<&str> = HashSet::new();
    let mut seen_criterion = false;
    for q in &pack.questions {
        if seen.contains_key(q.id.as_str()) {
            out.push(CheckerError::DuplicateQuestion(q.id.clone()));
        }
        if q.id.trim().is_empty() || q.text.trim().is_empty() {
            out.push(CheckerError::EmptyQuestion(q.id.clone()));
        }
        if q.areas.is_empty() {
            out.push(CheckerError::QuestionWithoutArea(q.id.clone()));
        }
        if q.kind.is_screening() && seen_criterion {
            out.push(CheckerError::RedFlagAfterCriterion(q.id.clone()));
        }
        if q.kind.tier().is_some() && q.sign.as_deref().is_none_or(|s| s.trim().is_empty()) {
            out.push(CheckerError::MissingSign(q.id.clone()));
        }
        if let Some(gate) = &q.when {
            // A gate must come first, so a walk in pack order meets it before its branch
            // (this also rules out loops).
            match seen.get(gate.as_str()) {
                None => out.push(CheckerError::UnknownGate {
                    question: q.id.clone(),
                    gate: gate.clone(),
                }),
                Some(g) if g.kind == CheckerQuestionKind::Criterion => {
                    out.push(CheckerError::CriterionGate {
                        question: q.id.clone(),
                        gate: gate.clone(),
                    })
                }
                Some(g) => {
                    opened.insert(g.id.as_str());
                    for &area in &q.areas {
                        let reach = if area == BodyArea::General {
                            CHECKER_AREAS.to_vec()
                        } else {
                            vec![area]
                        };
                        if let Some(&area) = reach.iter().find(|a| !applies(g, **a)) {
                            out.push(CheckerError::BranchOutsideGate {
                                question: q.id.clone(),
                                gate: gate.clone(),
                                area,
                            });
                        }
                    }
                }
            }
            if q.kind == CheckerQuestionKind::Criterion {
                out.push(CheckerError::CriterionInBranch(q.id.clone()));
            }
        }
        seen_criterion |= !q.kind.is_screening();
        seen.entry(q.id.as_str()).or_insert(q);
    }
    for q in &pack.questions {
        if q.kind == CheckerQuestionKind::Gate && !opened.contains(q.id.as_str()) {
            out.push(CheckerError::GateWithoutBranch(q.id.clone()));
        }
    }
    for area in CHECKER_AREAS {
        let qs = questions_for(pack, area);
        let unconditional_emergency = qs
            .iter()
            .any(|q| q.kind == CheckerQuestionKind::RedFlagEmergency && q.when.is_none());
        if !unconditional_emergency {
            out.push(CheckerError::NoEmergencyFlag(area));
        }
        if !qs.iter().any(|q| q.kind == CheckerQuestionKind::Criterion) {
            out.push(CheckerError::NoCriterion(area));
        }
    }
    for kind in OutcomeKind::ALL {
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
    if let Some(reassuring) = pack
        .outcomes
        .iter()
        .find(|o| o.kind == OutcomeKind::ScanUnlikelyToHelp)
    {
        for area in CHECKER_AREAS {
            if !reassuring
                .safety_net
                .iter()
                .any(|t| t.area == area && !t.html.trim().is_empty())
            {
                out.push(CheckerError::MissingSafetyNet(area));
            }
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
    use crate::model::{AreaText, CheckerOutcome};
    use BodyArea::*;
    use CheckerQuestionKind::*;
    use proptest::prelude::*;

    fn q(id: &str, kind: CheckerQuestionKind, areas: &[BodyArea]) -> CheckerQuestion {
        CheckerQuestion {
            id: id.into(),
            kind,
            areas: areas.to_vec(),
            when: None,
            sign: kind.tier().map(|_| format!("sign {id}")),
            text: format!("{id}?"),
            help: None,
            sources: vec![],
        }
    }

    fn branch(
        id: &str,
        kind: CheckerQuestionKind,
        areas: &[BodyArea],
        gate: &str,
    ) -> CheckerQuestion {
        CheckerQuestion {
            when: Some(gate.into()),
            ..q(id, kind, areas)
        }
    }

    fn outcome(kind: OutcomeKind) -> CheckerOutcome {
        CheckerOutcome {
            kind,
            title: "t".into(),
            body: "<p>b</p>".into(),
            questions: vec![],
            safety_net: CHECKER_AREAS
                .iter()
                .map(|&area| AreaText {
                    area,
                    html: "<p>come back</p>".into(),
                })
                .collect(),
        }
    }

    fn pack() -> CheckerPack {
        CheckerPack {
            format: PACK_FORMAT,
            lang: "en".into(),
            questions: vec![
                q("chest-pain", RedFlagEmergency, &[General]),
                q("saddle-numbness", RedFlagEmergency, &[Back]),
                q("fever", RedFlagUrgent, &[General]),
                q("hot-swollen-joint", RedFlagUrgent, &[Knee, Shoulder]),
                q("cancer-history", RedFlagSoon, &[Back, Shoulder]),
                q("injury", Gate, &[Back, Knee, Shoulder]),
                branch("serious-accident", RedFlagEmergency, &[Back], "injury"),
                branch("age-55", RedFlagUrgent, &[Knee], "injury"),
                branch("osteoporosis", RedFlagSoon, &[Back], "injury"),
                q("specific-pathology", Criterion, &[Back, Knee, Shoulder]),
                q("no-progress", Criterion, &[Back, Knee, Shoulder]),
                q("changes-plan", Criterion, &[Back, Knee, Shoulder]),
            ],
            outcomes: OutcomeKind::ALL.into_iter().map(outcome).collect(),
            translation: None,
        }
    }

    /// Walks as a patient would: `answer` for each question the engine asks, until it ends.
    fn walk(
        p: &CheckerPack,
        area: BodyArea,
        answer: impl Fn(&str) -> Answer,
    ) -> (Step, Vec<String>) {
        let mut answers = Answers::new();
        let mut asked = vec![];
        loop {
            let s = step(p, area, &answers);
            let Some(next) = s.next_question.clone() else {
                return (s, asked);
            };
            assert!(answers.get(&next).is_none(), "asked {next} twice");
            asked.push(next.clone());
            answers = answers.with(next.clone(), answer(&next));
        }
    }

    #[test]
    fn asks_screening_in_pack_order_then_criteria_and_skips_closed_branches() {
        let p = pack();
        let (s, asked) = walk(&p, Back, |_| Answer::No);
        assert_eq!(
            asked,
            [
                "chest-pain",
                "saddle-numbness",
                "fever",
                "cancer-history",
                "injury",
                "specific-pathology",
                "no-progress",
                "changes-plan"
            ]
        );
        assert_eq!(s.outcome, OutcomeKind::ScanUnlikelyToHelp);
        assert!(s.show_card && s.triggered.is_empty());
        assert_eq!(
            s.asked_signs,
            ["chest-pain", "saddle-numbness", "fever", "cancer-history"]
        );
    }

    #[test]
    fn a_gate_answered_yes_or_not_sure_opens_its_branch_for_its_areas_only() {
        let p = pack();
        for gate in [Answer::Yes, Answer::NotSure] {
            let (_, asked) = walk(
                &p,
                Back,
                |id| if id == "injury" { gate } else { Answer::No },
            );
            let at = asked.iter().position(|a| a == "injury").unwrap();
            assert_eq!(asked[at + 1..at + 3], ["serious-accident", "osteoporosis"]);
            let (_, asked) = walk(
                &p,
                Knee,
                |id| if id == "injury" { gate } else { Answer::No },
            );
            assert!(asked.contains(&"age-55".to_string()));
            assert!(!asked.contains(&"osteoporosis".to_string()));
        }
    }

    #[test]
    fn the_first_answer_not_sure_still_asks_every_other_red_flag() {
        // The walk the UI used to cut short: "not sure" to the very first question.
        let p = pack();
        let (s, asked) = walk(&p, Back, |id| {
            if id == "chest-pain" {
                Answer::NotSure
            } else {
                Answer::No
            }
        });
        assert_eq!(s.outcome, OutcomeKind::Emergency);
        assert_eq!(s.triggered, ["chest-pain"]);
        for flag in ["saddle-numbness", "fever", "cancer-history", "injury"] {
            assert!(asked.contains(&flag.to_string()), "{flag} not asked");
        }
        assert!(
            !asked.contains(&"no-progress".to_string()),
            "criteria asked after a red flag"
        );
    }

    #[test]
    fn a_same_day_flag_shows_its_card_at_once_and_still_asks_emergency_flags() {
        let p = pack();
        let answers = Answers::new()
            .with("chest-pain", Answer::No)
            .with("fever", Answer::Yes);
        // saddle-numbness (emergency) is still unanswered.
        let s = step(&p, Back, &answers);
        assert_eq!(s.next_question.as_deref(), Some("saddle-numbness"));
        assert_eq!(s.outcome, OutcomeKind::Urgent);
        assert!(s.show_card);
        // An emergency sign after it raises the card.
        let s = step(&p, Back, &answers.with("saddle-numbness", Answer::Yes));
        assert_eq!(s.outcome, OutcomeKind::Emergency);
        assert_eq!(s.triggered, ["saddle-numbness"]);
    }

    #[test]
    fn not_sure_counts_as_the_signs_own_tier() {
        let p = pack();
        for (flag, area, tier) in [
            ("saddle-numbness", Back, OutcomeKind::Emergency),
            ("hot-swollen-joint", Knee, OutcomeKind::Urgent),
            ("cancer-history", Shoulder, OutcomeKind::Soon),
        ] {
            let (s, _) = walk(&p, area, |id| {
                if id == flag {
                    Answer::NotSure
                } else {
                    Answer::No
                }
            });
            assert_eq!(
                (s.outcome, s.triggered.clone()),
                (tier, vec![flag.to_string()])
            );
        }
    }

    #[test]
    fn a_soon_flag_shows_its_card_only_at_the_end() {
        let p = pack();
        let s = step(
            &p,
            Back,
            &Answers::new()
                .with("chest-pain", Answer::No)
                .with("cancer-history", Answer::Yes),
        );
        assert_eq!((s.outcome, s.show_card), (OutcomeKind::Soon, false));
        let (s, _) = walk(&p, Back, |id| {
            if id == "cancer-history" {
                Answer::Yes
            } else {
                Answer::No
            }
        });
        assert_eq!((s.outcome, s.show_card), (OutcomeKind::Soon, true));
    }

    #[test]
    fn criterion_yes_or_not_sure_means_discuss_imaging() {
        let p = pack();
        for a in [Answer::Yes, Answer::NotSure] {
            let (s, _) = walk(&p, Shoulder, |id| {
                if id == "no-progress" { a } else { Answer::No }
            });
            assert_eq!(s.outcome, OutcomeKind::DiscussImaging);
            assert_eq!(s.triggered, ["no-progress"]);
        }
    }

    #[test]
    fn answers_outside_the_area_or_a_closed_branch_are_ignored() {
        let p = pack();
        let base = |area| {
            let (_, asked) = walk(&p, area, |_| Answer::No);
            Answers(asked.into_iter().map(|id| (id, Answer::No)).collect())
        };
        // saddle-numbness is a back question; for the knee it does not apply.
        let s = step(&p, Knee, &base(Knee).with("saddle-numbness", Answer::Yes));
        assert_eq!(s.outcome, OutcomeKind::ScanUnlikelyToHelp);
        // A branch answer while its gate says "no" (the patient changed their mind).
        let s = step(&p, Back, &base(Back).with("serious-accident", Answer::Yes));
        assert_eq!(s.outcome, OutcomeKind::ScanUnlikelyToHelp);
    }

    #[test]
    fn signs_by_tier_lists_every_red_flag_once_most_urgent_first() {
        let p = pack();
        let tiers = signs_by_tier(&p);
        let ids: Vec<(OutcomeKind, Vec<&str>)> = tiers
            .iter()
            .map(|(t, qs)| (*t, qs.iter().map(|q| q.id.as_str()).collect()))
            .collect();
        assert_eq!(
            ids,
            [
                (
                    OutcomeKind::Emergency,
                    vec!["chest-pain", "saddle-numbness", "serious-accident"]
                ),
                (
                    OutcomeKind::Urgent,
                    vec!["fever", "hot-swollen-joint", "age-55"]
                ),
                (OutcomeKind::Soon, vec!["cancer-history", "osteoporosis"]),
            ]
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
        p.outcomes.retain(|o| o.kind != OutcomeKind::Soon);
        assert_eq!(
            validate(&p),
            Err(CheckerError::MissingOutcome(OutcomeKind::Soon))
        );

        let mut p = good.clone();
        p.outcomes.push(outcome(OutcomeKind::Emergency));
        assert_eq!(
            validate(&p),
            Err(CheckerError::DuplicateOutcome(OutcomeKind::Emergency))
        );

        let mut p = good.clone();
        p.outcomes[4].safety_net.retain(|t| t.area != Knee);
        assert_eq!(validate(&p), Err(CheckerError::MissingSafetyNet(Knee)));

        let mut p = good.clone();
        p.questions
            .retain(|q| q.kind != RedFlagEmergency || q.id == "saddle-numbness");
        assert_eq!(
            problems(&p),
            [
                CheckerError::NoEmergencyFlag(Knee),
                CheckerError::NoEmergencyFlag(Shoulder)
            ]
        );

        let mut p = good.clone();
        p.questions[1].sign = None;
        p.questions
            .insert(0, branch("early", RedFlagUrgent, &[Back], "injury"));
        p.questions.push(q("late-flag", RedFlagUrgent, &[Back]));
        p.questions.push(q("fever", RedFlagUrgent, &[]));
        p.questions.push(q("lonely-gate", Gate, &[Back]));
        assert_eq!(
            problems(&p),
            [
                CheckerError::UnknownGate {
                    question: "early".into(),
                    gate: "injury".into()
                },
                CheckerError::MissingSign("saddle-numbness".into()),
                CheckerError::RedFlagAfterCriterion("late-flag".into()),
                CheckerError::DuplicateQuestion("fever".into()),
                CheckerError::QuestionWithoutArea("fever".into()),
                CheckerError::RedFlagAfterCriterion("fever".into()),
                CheckerError::RedFlagAfterCriterion("lonely-gate".into()),
                CheckerError::GateWithoutBranch("lonely-gate".into()),
            ]
        );

        let mut p = good.clone();
        p.questions[7].areas = vec![General];
        p.questions.insert(
            9,
            branch("by-criterion", RedFlagSoon, &[Back], "no-progress"),
        );
        assert_eq!(
            problems(&p),
            [CheckerError::UnknownGate {
                question: "by-criterion".into(),
                gate: "no-progress".into()
            }]
        );
        let mut p = good.clone();
        p.questions[5].areas = vec![Back, Shoulder];
        assert_eq!(
            problems(&p),
            [CheckerError::BranchOutsideGate {
                question: "age-55".into(),
                gate: "injury".into(),
                area: Knee
            }]
        );

        let mut p = good.clone();
        p.format = PACK_FORMAT + 1;
        p.questions.retain(|q| q.kind.is_screening());
        let found = problems(&p);
        assert!(matches!(found[0], CheckerError::UnsupportedFormat { .. }));
        assert!(found.contains(&CheckerError::NoCriterion(Back)));
    }

    fn arb_question(i: usize) -> impl Strategy<Value = CheckerQuestion> {
        let kind = prop_oneof![
            Just(RedFlagEmergency),
            Just(RedFlagUrgent),
            Just(RedFlagSoon),
            Just(Gate),
            Just(Criterion),
        ];
        let area = prop_oneof![Just(Back), Just(Knee), Just(Shoulder), Just(General)];
        // A gate among the earlier questions, or none.
        let gate = proptest::option::weighted(0.4, 0..i.max(1));
        (kind, proptest::collection::vec(area, 1..3), gate).prop_map(move |(kind, areas, gate)| {
            CheckerQuestion {
                when: gate.filter(|&g| g < i).map(|g| format!("q{g}")),
                ..q(&format!("q{i}"), kind, &areas)
            }
        })
    }

    fn arb_pack() -> impl Strategy<Value = CheckerPack> {
        (1usize..12)
            .prop_flat_map(|n| (0..n).map(arb_question).collect::<Vec<_>>())
            .prop_map(|mut questions| {
                // Screening before criteria, as validation demands.
                questions.sort_by_key(|q| !q.kind.is_screening());
                CheckerPack {
                    format: PACK_FORMAT,
                    lang: "en".into(),
                    questions,
                    outcomes: OutcomeKind::ALL.into_iter().map(outcome).collect(),
                    translation: None,
                }
            })
    }

    fn arb_answer() -> impl Strategy<Value = Answer> {
        prop_oneof![Just(Answer::Yes), Just(Answer::No), Just(Answer::NotSure)]
    }

    proptest! {
        /// The red-flag invariant on arbitrary packs and answers: a full walk asks every red
        /// flag that is open at its end, lands at least on the tier of every positive one, and
        /// never reassures while one is positive.
        #[test]
        fn red_flags_always_win(pack in arb_pack(), answers in proptest::collection::vec(arb_answer(), 12)) {
            for area in CHECKER_AREAS {
                let mut given = Answers::new();
                let mut s = step(&pack, area, &given);
                let mut guard = 0;
                while let Some(next) = s.next_question.clone() {
                    guard += 1;
                    prop_assert!(guard <= pack.questions.len(), "walk does not end");
                    prop_assert!(given.get(&next).is_none());
                    let i: usize = next[1..].parse().unwrap();
                    given = given.with(next, answers[i]);
                    s = step(&pack, area, &given);
                }
                let by_id: HashMap<&str, &CheckerQuestion> =
                    pack.questions.iter().map(|q| (q.id.as_str(), q)).collect();
                for q in questions_for(&pack, area) {
                    let open = is_open(q, &by_id, &given);
                    if open && q.kind.is_screening() {
                        prop_assert!(given.get(&q.id).is_some(), "{} open but never asked", q.id);
                    }
                    if let (true, Some(tier), Some(a)) = (open, q.kind.tier(), given.get(&q.id))
                        && a.is_positive()
                    {
                        prop_assert!(s.outcome <= tier, "{} {:?} but outcome {:?}", q.id, a, s.outcome);
                        prop_assert!(s.outcome <= OutcomeKind::Soon);
                    }
                }
                prop_assert!(s.show_card);
            }
        }
    }
}
