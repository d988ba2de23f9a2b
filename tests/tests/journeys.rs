//! Cross-crate journey tests: the real `content/` through `scanwise-author`, a content slot,
//! the checker, search, the report decoder and the `scanwise` binary. One test binary; the
//! packs are built once (`support::built`) and one slot serves every test (`support::slot`).
//!
//! Module index:
//! - `support`  the shared fixtures: content dir, packs built once, the slot, FACTS.md
//! - `content`  content quality bars: check clean, citations resolve, anchors match English,
//!   languages publish what they must, all drafts, no (U) figures (issue #2)
//! - `checker`  the checker in every language: red flags win, outcomes complete (issue #3)
//! - `decoder`  sample radiology reports (`tests/reports/<lang>`) against expected readings
//! - `decoder_corpus`  report sentences (`tests/reports/corpus`): recall, no absent read as
//!   present, no other area's concept; serious words; a new language as content only
//! - `journey`  a patient's path: fallback chains, module screen, search, region numbers
//! - `cli`      `scanwise decode` on a sample report prints the expected JSON

#[path = "journeys/support.rs"]
mod support;

#[path = "journeys/checker.rs"]
mod checker;
#[path = "journeys/cli.rs"]
mod cli;
#[path = "journeys/content.rs"]
mod content;
#[path = "journeys/decoder.rs"]
mod decoder;
#[path = "journeys/decoder_corpus.rs"]
mod decoder_corpus;
#[path = "journeys/journey.rs"]
mod journey;
