//! The checker engine as an oracle for the web edition's browser tests (`tests/web`): the real
//! `content/` built into a content slot, and `scanwise_core::checker::step` answering.
//!
//! Reads lines `LANG AREA LETTERS` on stdin (`en back nnyu`: one letter per question the engine
//! asks, `y` yes, `n` no, `u` not sure) and prints one JSON line each: the engine's step before
//! any answer and after each answer, stopping when the walk is over (so letters past the end
//! are not used), as `{"used": "nny", "steps": [...]}`. Instead of letters, a story's answers may
//! be given as a JSON object without spaces (`{"chest-pain":"not_sure"}`): the engine's questions
//! are then answered from it, "no" to every question it does not list. A step is
//! `{next_question, outcome, show_card, complete, answered, asked_signs}`, the fields a checker
//! page carries as data attributes. The tests compare them with the pages; no copy of the
//! engine's logic lives in JavaScript.
//!
//! `cargo run -q -p scanwise-journeys --example checker_oracle [CONTENT_DIR]`

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use scanwise_core::checker::{Answer, Answers, step};
use scanwise_core::model::{BodyArea, CheckerPack};
use scanwise_core::slot::ContentSlot;
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let content = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content"));
    let packs = match scanwise_author::build_packs(&content) {
        Ok((packs, _warnings)) => packs,
        Err(e) => return Err(format!("content does not build: {e}").into()),
    };
    // Read back through a slot, with the site's own query, as the site and the app do.
    let dir = tempfile::tempdir()?;
    let slot = ContentSlot::build(&dir.path().join("oracle.slot"), &packs)?;
    let mut checkers: HashMap<String, CheckerPack> = HashMap::new();

    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        let mut parts = line.split_whitespace();
        let (Some(lang), Some(area)) = (parts.next(), parts.next()) else {
            continue;
        };
        let letters = parts.next().unwrap_or("");
        let story: Option<Answers> = if letters.starts_with('{') {
            Some(serde_json::from_str(letters)?)
        } else {
            None
        };
        if !checkers.contains_key(lang) {
            let pack = slot
                .checker(&[lang, "en"])?
                .ok_or_else(|| format!("no checker for {lang}"))?;
            checkers.insert(lang.to_string(), pack);
        }
        let pack = &checkers[lang];
        let area: BodyArea = serde_json::from_value(json!(area))?;
        let mut answers = Answers::new();
        let mut used = String::new();
        let mut steps = Vec::new();
        let mut letters = letters.chars();
        loop {
            let s = step(pack, area, &answers);
            steps.push(json!({
                "next_question": s.next_question,
                "outcome": s.outcome,
                "show_card": s.show_card,
                "complete": s.is_complete(),
                "answered": answers.0.len(),
                "asked_signs": s.asked_signs,
            }));
            let Some(question) = s.next_question else {
                break;
            };
            let answer = match &story {
                Some(story) => story.get(&question).unwrap_or(Answer::No),
                None => match letters.next() {
                    None => break,
                    Some('y') => Answer::Yes,
                    Some('n') => Answer::No,
                    Some('u') => Answer::NotSure,
                    Some(other) => return Err(format!("unknown answer letter {other:?}").into()),
                },
            };
            used.push(match answer {
                Answer::Yes => 'y',
                Answer::No => 'n',
                Answer::NotSure => 'u',
            });
            answers = answers.with(question, answer);
            if used.len() > pack.questions.len() {
                return Err(format!("{lang} {area:?}: the walk does not end").into());
            }
        }
        writeln!(out, "{}", json!({ "used": used, "steps": steps }))?;
        out.flush()?;
    }
    Ok(())
}
