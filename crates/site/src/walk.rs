//! The checker as pages: every state of the engine's walk that an answer sequence can reach.
//!
//! A state is the answers so far; the engine ([`checker::step`]) says what to ask next and where
//! the answers lead. Starting from no answers, each state's three answers (yes, no, not sure)
//! are given to the engine, and each result is a state of its own. Answer sequences number
//! 3^questions, far too many pages, but most of them are the same state: what a page shows
//! and where its links lead depend only on
//! - the engine's step (next question, card, whether to show it now, the warning signs asked),
//! - and, for the questions that steer the walk (gates that open a branch, and the guideline
//!   criteria), whether each was answered yes-or-not-sure or no.
//!
//! Sequences that agree on both are one page. That the merging never changes an answer is not
//! taken on trust: the conformance test in `tests/site.rs` follows the generated links for
//! every sequence up to a depth and for thousands of random whole walks, and requires the page
//! it lands on to say exactly what [`checker::step`] says for those answers.
//!
//! A page does not list which red flags were answered yes (the app's "what you told us"):
//! many sequences share each page, so it cannot know. It shows the card of the right tier.

use std::collections::{BTreeSet, HashMap, VecDeque};

use scanwise_core::checker::{self, Answer, Answers, Step};
use scanwise_core::model::{BodyArea, CheckerPack, CheckerQuestionKind, OutcomeKind};

/// The answers in the order a page offers them, with the letter each adds to a state's name.
pub const ANSWERS: [(Answer, char); 3] = [
    (Answer::Yes, 'y'),
    (Answer::No, 'n'),
    (Answer::NotSure, 'u'),
];

/// No shipped area comes near this; a pack that does is refused rather than written out.
pub const MAX_STATES_PER_AREA: usize = 20_000;

/// The letter for an answer in a state's name.
pub fn letter(answer: Answer) -> char {
    ANSWERS
        .iter()
        .find(|(a, _)| *a == answer)
        .map(|(_, c)| *c)
        .unwrap_or('?')
}

/// One reachable state of the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The first answer sequence (breadth first, yes before no before not sure) that reaches
    /// this state, one letter per question asked: the page's name. Empty for the start.
    pub letters: String,
    /// What the engine says for those answers.
    pub step: Step,
    /// The states that yes, no and not sure lead to; `None` once the walk is over.
    pub next: Option<[usize; 3]>,
}

/// Every reachable state of one area's walk; `states[0]` is the start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub area: BodyArea,
    pub states: Vec<State>,
    /// Answer sequences that reached a state found before.
    pub merged: usize,
}

/// The checker walk would need more than [`MAX_STATES_PER_AREA`] pages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the checker for {area:?} has more than {limit} states")]
pub struct TooManyStates {
    pub area: BodyArea,
    pub limit: usize,
}

/// Replays a state name through the engine: the i-th letter answers the i-th question the
/// engine asks. `None` for an unknown letter or more letters than questions.
pub fn replay(pack: &CheckerPack, area: BodyArea, letters: &str) -> Option<(Answers, Step)> {
    let mut answers = Answers::new();
    let mut step = checker::step(pack, area, &answers);
    for c in letters.chars() {
        let (answer, _) = ANSWERS.iter().find(|(_, l)| *l == c)?;
        let question = step.next_question.clone()?;
        answers = answers.with(question, *answer);
        step = checker::step(pack, area, &answers);
    }
    Some((answers, step))
}

/// What makes two answer sequences the same page (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    next_question: Option<String>,
    outcome: OutcomeKind,
    show_card: bool,
    asked_signs: Vec<String>,
    /// For each answered question that steers the walk: answered yes or not sure.
    steering: Vec<(String, bool)>,
}

fn key(step: &Step, answers: &Answers, steering: &BTreeSet<&str>) -> Key {
    Key {
        next_question: step.next_question.clone(),
        outcome: step.outcome,
        show_card: step.show_card,
        asked_signs: step.asked_signs.clone(),
        steering: answers
            .0
            .iter()
            .filter(|(id, _)| steering.contains(id.as_str()))
            .map(|(id, a)| (id.clone(), a.is_positive()))
            .collect(),
    }
}

/// Every reachable state of the walk for `area`, breadth first.
pub fn walk(pack: &CheckerPack, area: BodyArea) -> Result<Walk, TooManyStates> {
    // Questions whose answer opens or closes a branch, and the criteria.
    let steering: BTreeSet<&str> = pack
        .questions
        .iter()
        .filter_map(|q| q.when.as_deref())
        .chain(
            pack.questions
                .iter()
                .filter(|q| q.kind == CheckerQuestionKind::Criterion)
                .map(|q| q.id.as_str()),
        )
        .collect();
    let start = checker::step(pack, area, &Answers::new());
    let mut index: HashMap<Key, usize> = HashMap::new();
    index.insert(key(&start, &Answers::new(), &steering), 0);
    let mut states = vec![State {
        letters: String::new(),
        step: start,
        next: None,
    }];
    let mut answers_of = vec![Answers::new()];
    let mut queue = VecDeque::from([0usize]);
    let mut merged = 0;
    while let Some(at) = queue.pop_front() {
        let Some(question) = states[at].step.next_question.clone() else {
            continue;
        };
        let mut next = [0usize; 3];
        for (slot, (answer, c)) in next.iter_mut().zip(ANSWERS) {
            let answers = answers_of[at].clone().with(question.clone(), answer);
            let step = checker::step(pack, area, &answers);
            let k = key(&step, &answers, &steering);
            *slot = match index.get(&k) {
                Some(&known) => {
                    merged += 1;
                    known
                }
                None => {
                    let id = states.len();
                    if id >= MAX_STATES_PER_AREA {
                        return Err(TooManyStates {
                            area,
                            limit: MAX_STATES_PER_AREA,
                        });
                    }
                    let mut letters = states[at].letters.clone();
                    letters.push(c);
                    index.insert(k, id);
                    states.push(State {
                        letters,
                        step,
                        next: None,
                    });
                    answers_of.push(answers);
                    queue.push_back(id);
                    id
                }
            };
        }
        states[at].next = Some(next);
    }
    Ok(Walk {
        area,
        states,
        merged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip() {
        for (a, c) in ANSWERS {
            assert_eq!(letter(a), c);
        }
    }
}
