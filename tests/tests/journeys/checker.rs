//! The "Do I need a scan?" checker over the shipped content, in every language that publishes
//! one, as the slot serves it (issue #10):
//! - property walks over random answers: the walk never ends before every red flag of the area
//!   (and of each branch taken) is answered; "yes" to an emergency sign always ends on the
//!   emergency card; no reassuring card while any red flag is "yes" or "not sure";
//! - patient stories (`tests/checker/stories.json`, facts in plain words → expected tier);
//! - every outcome card is complete and points at questions that exist in that language.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use scanwise_core::checker::{Answer, Answers, CHECKER_AREAS, Step, questions_for, step};
use scanwise_core::model::{
    BodyArea, CheckerPack, CheckerQuestion, CheckerQuestionKind, OutcomeKind,
};
use serde::Deserialize;

use crate::support;

/// The checker of each language that publishes one, read back through the slot.
fn checkers() -> Vec<CheckerPack> {
    let slot = support::slot();
    let langs: Vec<String> = support::checkers().map(|c| c.lang.clone()).collect();
    for required in ["en", "nb"] {
        assert!(langs.iter().any(|l| l == required), "no {required} checker");
    }
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

/// Walks as a patient would, answering each question the engine asks with `answer`. Returns the
/// last step and the answers given, in order.
fn walk(
    pack: &CheckerPack,
    area: BodyArea,
    mut answer: impl FnMut(&str) -> Answer,
) -> (Step, Answers, Vec<String>) {
    let mut given = Answers::new();
    let mut asked = Vec::new();
    let limit = pack.questions.len();
    loop {
        let s = step(pack, area, &given);
        let Some(next) = s.next_question.clone() else {
            return (s, given, asked);
        };
        assert!(
            asked.len() < limit,
            "{} {area:?}: the walk does not end",
            pack.lang
        );
        assert!(
            given.get(&next).is_none(),
            "{} {area:?}: {next} asked twice",
            pack.lang
        );
        let a = answer(&next);
        given = given.with(next.clone(), a);
        asked.push(next);
    }
}

/// Which questions a finished walk had to ask: everything that applies to the area, except
/// branches whose gate was answered "no". Written here on purpose, not taken from the engine:
/// an oracle of its own catches a branch the engine wrongly keeps closed.
fn must_have_asked<'a>(
    pack: &'a CheckerPack,
    area: BodyArea,
    given: &Answers,
) -> Vec<&'a CheckerQuestion> {
    let by_id: HashMap<&str, &CheckerQuestion> =
        pack.questions.iter().map(|q| (q.id.as_str(), q)).collect();
    questions_for(pack, area)
        .into_iter()
        .filter(|q| q.kind.is_screening())
        .filter(|q| {
            let mut gate = q.when.as_deref();
            while let Some(g) = gate {
                if !given.get(g).is_some_and(Answer::is_positive) {
                    return false;
                }
                gate = by_id.get(g).and_then(|q| q.when.as_deref());
            }
            true
        })
        .collect()
}

#[test]
fn random_walks_ask_every_red_flag_and_never_reassure_past_one() {
    let packs = checkers();
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    let answers = proptest::collection::vec(
        prop_oneof![6 => Just(Answer::No), 1 => Just(Answer::Yes), 1 => Just(Answer::NotSure)],
        80,
    );
    runner
        .run(
            &(answers, 0..packs.len(), 0..CHECKER_AREAS.len()),
            |(script, p, a)| {
                let pack = &packs[p];
                let area = CHECKER_AREAS[a];
                let mut i = 0;
                let (end, given, _) = walk(pack, area, |_| {
                    i += 1;
                    script[(i - 1) % script.len()]
                });
                let lang = &pack.lang;
                prop_assert!(end.is_complete() && end.show_card);
                let owed = must_have_asked(pack, area, &given);
                for q in &owed {
                    prop_assert!(
                        given.get(&q.id).is_some(),
                        "{lang} {area:?}: walk ended before {} was asked",
                        q.id
                    );
                }
                let positive: Vec<&&CheckerQuestion> = owed
                    .iter()
                    .filter(|q| {
                        q.kind.tier().is_some() && given.get(&q.id).is_some_and(Answer::is_positive)
                    })
                    .collect();
                let emergency_yes = owed.iter().any(|q| {
                    q.kind == CheckerQuestionKind::RedFlagEmergency
                        && given.get(&q.id) == Some(Answer::Yes)
                });
                if emergency_yes {
                    prop_assert_eq!(end.outcome, OutcomeKind::Emergency, "{} {:?}", lang, area);
                }
                if !positive.is_empty() {
                    prop_assert!(
                        !matches!(
                            end.outcome,
                            OutcomeKind::ScanUnlikelyToHelp | OutcomeKind::DiscussImaging
                        ),
                        "{lang} {area:?}: reassuring card {:?} with {:?} positive",
                        end.outcome,
                        positive.iter().map(|q| &q.id).collect::<Vec<_>>()
                    );
                }
                for q in positive {
                    let tier = q.kind.tier().expect("red flag");
                    prop_assert!(
                        end.outcome <= tier,
                        "{lang} {area:?}: {} is {tier:?}, card {:?}",
                        q.id,
                        end.outcome
                    );
                }
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn not_sure_on_any_red_flag_gives_at_least_its_own_tier() {
    for pack in checkers() {
        for area in CHECKER_AREAS {
            for q in questions_for(&pack, area) {
                let Some(tier) = q.kind.tier() else { continue };
                // Open the branch it sits in, answer "not sure" to it, "no" to everything else.
                let gates: Vec<String> = std::iter::successors(q.when.clone(), |g| {
                    pack.questions
                        .iter()
                        .find(|x| &x.id == g)
                        .and_then(|x| x.when.clone())
                })
                .collect();
                let (end, given, _) = walk(&pack, area, |id| {
                    if id == q.id {
                        Answer::NotSure
                    } else if gates.iter().any(|g| g == id) {
                        Answer::Yes
                    } else {
                        Answer::No
                    }
                });
                assert!(
                    given.get(&q.id).is_some(),
                    "{} {area:?}: {} never asked",
                    pack.lang,
                    q.id
                );
                assert_eq!(
                    end.outcome, tier,
                    "{} {area:?}: {} not sure",
                    pack.lang, q.id
                );
                assert!(end.triggered.contains(&q.id));
            }
        }
    }
}

#[derive(Debug, Deserialize)]
struct Stories {
    stories: Vec<Story>,
}

#[derive(Debug, Deserialize)]
struct Story {
    id: String,
    area: BodyArea,
    expect: OutcomeKind,
    en: String,
    nb: String,
    yes: Vec<String>,
    not_sure: Vec<String>,
}

fn stories() -> Vec<Story> {
    let path = support::root().join("tests/checker/stories.json");
    let text = std::fs::read_to_string(&path).expect("read stories.json");
    let s: Stories = serde_json::from_str(&text).expect("parse stories.json");
    s.stories
}

#[test]
fn patient_stories_reach_their_tier_in_every_language() {
    let stories = stories();
    assert!(stories.len() >= 40, "at least 40 stories");
    let mut per_tier: BTreeMap<OutcomeKind, usize> = BTreeMap::new();
    for story in &stories {
        assert!(
            !story.en.trim().is_empty() && !story.nb.trim().is_empty(),
            "{}: facts in en and nb",
            story.id
        );
        *per_tier.entry(story.expect).or_default() += 1;
        for pack in checkers() {
            let (end, given, asked) = walk(&pack, story.area, |id| {
                if story.yes.iter().any(|y| y == id) {
                    Answer::Yes
                } else if story.not_sure.iter().any(|n| n == id) {
                    Answer::NotSure
                } else {
                    Answer::No
                }
            });
            // A story whose "yes" is never asked no longer tests what it says.
            for id in story.yes.iter().chain(&story.not_sure) {
                assert!(
                    asked.contains(id),
                    "{} ({}): `{id}` was never asked",
                    story.id,
                    pack.lang
                );
            }
            assert_eq!(
                end.outcome, story.expect,
                "{} ({}): {} — answers {:?}",
                story.id, pack.lang, story.en, given
            );
        }
    }
    for tier in OutcomeKind::ALL {
        assert!(
            per_tier.get(&tier).copied().unwrap_or(0) >= 3,
            "fewer than 3 stories end on {tier:?}"
        );
    }
}

#[test]
fn every_outcome_is_complete_and_its_questions_resolve() {
    for pack in checkers() {
        let lang = &pack.lang;
        assert!(
            scanwise_core::checker::problems(&pack).is_empty(),
            "{lang}: {:?}",
            scanwise_core::checker::problems(&pack)
        );
        let list = support::questions(lang)
            .unwrap_or_else(|| panic!("{lang} publishes a checker but no question list"));
        let slot_list = support::slot()
            .questions(&[lang.as_str()])
            .expect("slot query");
        for kind in OutcomeKind::ALL {
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
        for q in &pack.questions {
            if q.kind.tier().is_some() {
                assert!(
                    q.sign.as_deref().is_some_and(|s| !s.trim().is_empty()),
                    "{lang}: {} has no sign",
                    q.id
                );
            }
        }
    }
}
