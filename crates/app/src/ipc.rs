//! The IPC contract's types: every type a command takes or returns, and the error enum. The
//! TypeScript side (`ui/src/bindings.ts`) is generated from these (`bindings.rs`).
//!
//! These are view types shaped for screens; core types are used as they are wherever they
//! already fit (no mirrored enums), and re-exported here so the contract names every type from
//! one place. Text offsets are UTF-16 code units, which is what a JavaScript string indexes.

pub use crate::first_screen::FirstScreen;
pub use crate::kiosk::KioskStatus;
pub use crate::screens::links::{LinkView, ShareLink};
pub use crate::updates::{Change, ChangeKind, UpdatesView};
pub use scanwise_core::checker::{Answer, Step};
pub use scanwise_core::decoder::{AreaSource, FindingStatus};
pub use scanwise_core::l10n::TextDir;
pub use scanwise_core::model::{
    AppointmentQuestion, AreaText, BodyArea, CheckerOutcome, CheckerQuestion, CheckerQuestionKind,
    Concept, ConceptArea, ConceptClass, MythOrFact, MythOrFactAnswer, OutcomeKind, PrevalenceBand,
    Reference, Region, Review, ReviewState, Section, TranslationInfo,
};
pub use scanwise_core::prescription::{Notice, Parsed, Prescription, Tool};
pub use scanwise_core::search::{HitKind, Segment};
pub use scanwise_core::user::{QuestionOrigin, Theme};
use serde::{Deserialize, Serialize};
pub use std::collections::BTreeMap;

/// Errors cross IPC as `{ code, message }`; the UI switches on `code`, which never changes.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, thiserror::Error, Serialize)]
#[serde(tag = "code", content = "message", rename_all = "snake_case")]
pub enum AppError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("content store: {0}")]
    Content(String),
    #[error("user data: {0}")]
    UserData(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    /// Not allowed in this mode (settings and updates in kiosk mode, a PIN cooldown).
    #[error("refused: {0}")]
    Refused(String),
}

pub type AppResult<T> = Result<T, AppError>;

/// Everything the patient can set; kept in user.db.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub lang: String,
    /// ISO 3166-1 alpha-2, or `default`.
    pub region: String,
    /// Percent, 100..=200.
    pub text_size: u16,
    pub theme: Theme,
    pub reduced_motion: bool,
    /// The clinician's language for the side-by-side question list.
    pub second_lang: Option<String>,
    pub updates: bool,
    /// Only stored when the patient ticks "remember my age" in the decoder.
    pub age: Option<u8>,
    /// False until the first-run screen is done.
    pub onboarded: bool,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct LanguageOption {
    pub code: String,
    /// The language's name in itself ("Norsk bokmål", "العربية").
    pub native_name: String,
    pub dir: TextDir,
}

/// The Fluent source of one UI language (its `locales/<lang>/*.ftl` files, joined).
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct FtlSource {
    pub lang: String,
    pub source: String,
}

/// The UI language chain and its strings: the FTL sources the UI formats itself (arguments,
/// plurals), best first, as negotiated by the core's Fluent localiser.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct UiLocale {
    pub lang: String,
    pub dir: TextDir,
    pub chain: Vec<String>,
    pub ftl: Vec<FtlSource>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct Bootstrap {
    pub settings: Settings,
    pub locale: UiLocale,
    pub languages: Vec<LanguageOption>,
    /// The numbers for the chosen region (or the `default` entry).
    pub region: Region,
    pub region_codes: Vec<String>,
    pub app_version: String,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ModuleCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub areas: Vec<BodyArea>,
    pub minutes: u32,
    pub lang: String,
    pub is_fallback: bool,
    pub review: ReviewState,
    pub stale: bool,
    pub bookmarked: bool,
    pub sections_read: u32,
    pub sections_total: u32,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct ModuleDoc {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub lang: String,
    pub requested_lang: String,
    pub is_fallback: bool,
    pub minutes: u32,
    pub areas: Vec<BodyArea>,
    pub sections: Vec<Section>,
    pub key_points: Vec<String>,
    pub myth_or_fact: Vec<MythOrFact>,
    pub references: Vec<Reference>,
    pub questions: Vec<AppointmentQuestion>,
    pub review: Review,
    pub translation: Option<TranslationInfo>,
    /// Languages this module is published in.
    pub languages: Vec<String>,
    pub bookmarked: bool,
    /// Anchors of the sections the patient has read.
    pub read: Vec<String>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub id: String,
    pub anchor: Option<String>,
    pub title: String,
    pub snippet: Vec<Segment>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct CheckerView {
    pub lang: String,
    pub is_fallback: bool,
    pub questions: Vec<CheckerQuestion>,
    pub outcomes: Vec<CheckerOutcome>,
}

/// The red flags of every tier, for the "Get help now" screen: built from the checker content,
/// so the screen can never route a sign differently from the checker.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct HelpSigns {
    pub lang: String,
    /// Most urgent tier first (emergency, urgent = same day, soon).
    pub tiers: Vec<SignTier>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct SignTier {
    pub tier: OutcomeKind,
    pub signs: Vec<SignItem>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct SignItem {
    /// The checker question id (stable across languages).
    pub id: String,
    pub sign: String,
    pub areas: Vec<BodyArea>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct DecodedFinding {
    pub concept: String,
    pub term: String,
    pub explanation: String,
    pub matched: String,
    /// UTF-16 offsets into the text that was sent.
    pub start: u32,
    pub end: u32,
    pub status: FindingStatus,
    /// `serious`/`urgent`: shown first, in the "talk to your clinician soon" panel, never
    /// with a prevalence chart.
    pub class: ConceptClass,
    /// Empty for serious findings and when the figures are from another body area.
    pub prevalence: Vec<PrevalenceBand>,
    pub prevalence_source: Option<String>,
    pub see_module: Option<String>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct DecodedReport {
    /// Glossary language used (the first in the chain that has one).
    pub lang: String,
    /// The body area the report was read in (`None`: unclear, read sentence by sentence).
    pub area: Option<ConceptArea>,
    pub area_source: AreaSource,
    /// The report itself says urgent: show the region's numbers with the serious findings.
    pub urgent: bool,
    pub findings: Vec<DecodedFinding>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionSource {
    Suggested,
    Own,
}

/// One line of "my questions", in the patient's language and (if chosen) the clinician's.
#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct QuestionItem {
    /// Stable key for removal: the question id, or `own:<n>`.
    pub key: String,
    pub source: QuestionSource,
    pub primary: String,
    /// `None` when no second language is chosen; the patient's own text is shown as written.
    pub second: Option<String>,
}

#[cfg_attr(any(test, feature = "ts"), derive(ts_rs::TS))]
#[derive(Debug, Clone, Serialize)]
pub struct QuestionList {
    pub primary_lang: String,
    pub second_lang: Option<String>,
    pub items: Vec<QuestionItem>,
    /// Suggested questions not yet on the list.
    pub suggestions: Vec<AppointmentQuestion>,
}

impl AppError {
    /// For user.db failures, so the UI can tell "your data" from "the content" apart.
    pub fn user(e: scanwise_core::user::UserError) -> AppError {
        AppError::UserData(e.to_string())
    }
}

/// `?` on a user.db call maps as it did while user.db shared the slot's error type.
impl From<scanwise_core::user::UserError> for AppError {
    fn from(e: scanwise_core::user::UserError) -> AppError {
        AppError::Content(e.to_string())
    }
}

impl From<scanwise_core::slot::StoreError> for AppError {
    fn from(e: scanwise_core::slot::StoreError) -> AppError {
        AppError::Content(e.to_string())
    }
}
