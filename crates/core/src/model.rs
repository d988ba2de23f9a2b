//! The pack format: what `scanwise build` writes, what the signed channel carries and what a
//! content slot is built from. One pack is one publishable unit, keyed by `(unit id, locale)`.
//!
//! Packs are plain data (serde JSON). HTML inside a pack has already been sanitised by the
//! authoring pipeline; the core re-checks nothing about markup and never renders Markdown.
//!
//! Unit ids:
//! - a module: its module id (`do-i-need-a-scan`), one pack per published language;
//! - the glossary, checker and question list of a language: `_glossary`, `_checker`, `_questions`;
//! - language-neutral data (references, regions): `_common` with locale [`NEUTRAL_LOCALE`].

use serde::{Deserialize, Serialize};

/// Bumped when a pack stops being readable by an older core.
pub const PACK_FORMAT: u32 = 1;

/// Locale tag used for language-neutral packs.
pub const NEUTRAL_LOCALE: &str = "und";

/// The module every published language must ship (red flags). Safety, not a preference.
pub const SAFETY_MODULE_ID: &str = "when-a-scan-is-needed";

pub const GLOSSARY_UNIT: &str = "_glossary";
pub const CHECKER_UNIT: &str = "_checker";
pub const QUESTIONS_UNIT: &str = "_questions";
pub const COMMON_UNIT: &str = "_common";

/// One publishable unit of content.
// Packs are built once and held in short lists, never in hot arrays, so the size gap between
// variants costs nothing; boxing would only add noise to every constructor and match.
#[allow(clippy::large_enum_variant)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pack {
    Module(ModulePack),
    Glossary(GlossaryPack),
    Checker(CheckerPack),
    Questions(QuestionsPack),
    Common(CommonPack),
}

impl Pack {
    /// `(unit id, locale)`: the key a channel snapshot and a slot use for this pack.
    pub fn unit(&self) -> (&str, &str) {
        match self {
            Pack::Module(m) => (&m.id, &m.lang),
            Pack::Glossary(g) => (GLOSSARY_UNIT, &g.lang),
            Pack::Checker(c) => (CHECKER_UNIT, &c.lang),
            Pack::Questions(q) => (QUESTIONS_UNIT, &q.lang),
            Pack::Common(_) => (COMMON_UNIT, NEUTRAL_LOCALE),
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyArea {
    Back,
    Knee,
    Shoulder,
    /// Not tied to one body part (radiation, nocebo, questions, ...).
    General,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    Draft,
    Reviewed,
    Published,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub state: ReviewState,
    /// Named clinical reviewer; `None` while `Draft`.
    pub reviewer: Option<String>,
    /// ISO dates (YYYY-MM-DD).
    pub reviewed_on: Option<String>,
    pub next_review: Option<String>,
}

/// Present on every pack that is a translation of the source language (`en`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranslationInfo {
    /// Hash of the source-language text this translation was made from.
    pub source_hash: String,
    pub translated_on: String,
    /// The source changed since: shown, but flagged "may be out of date".
    pub stale: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModulePack {
    pub format: u32,
    pub id: String,
    pub lang: String,
    pub title: String,
    pub summary: String,
    pub areas: Vec<BodyArea>,
    /// Sort key on the home screen (lower first).
    pub order: u32,
    pub minutes: u32,
    pub sections: Vec<Section>,
    pub key_points: Vec<String>,
    pub myth_or_fact: Vec<MythOrFact>,
    /// Ids into [`CommonPack::references`].
    pub references: Vec<String>,
    /// Ids into [`QuestionsPack::questions`] this module suggests for "my questions".
    pub questions: Vec<String>,
    pub review: Review,
    pub translation: Option<TranslationInfo>,
    /// Hash of this pack's translatable source text (for translations to record).
    pub content_hash: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Stable across languages; user data (bookmarks, progress) keys on it.
    pub anchor: String,
    pub heading: String,
    /// Sanitised HTML (no scripts, no event handlers, no remote resources).
    /// Internal links look like `<a href="#/module/ID">` or `<a href="#/glossary/ID">`.
    pub html: String,
    /// Plain text of the section for full-text search.
    pub text: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MythOrFactAnswer {
    Myth,
    Fact,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MythOrFact {
    pub statement: String,
    pub answer: MythOrFactAnswer,
    pub explanation: String,
}

// ---------------------------------------------------------------- glossary

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryPack {
    pub format: u32,
    pub lang: String,
    /// Words that mark a finding as reported absent when they come shortly before it
    /// ("no", "without", "negative for", "ingen", "uten").
    pub negations: Vec<String>,
    /// Words that end the reach of a negation ("but", "however", "men").
    pub terminators: Vec<String>,
    /// Words that, right AFTER a finding, say it is absent ("not seen", "has resolved",
    /// "ikke påvist", "nie stwierdzono"). Packs from before this field read as empty.
    #[serde(default)]
    pub post_negations: Vec<String>,
    pub concepts: Vec<Concept>,
    pub translation: Option<TranslationInfo>,
    /// The rest of the language's grammar words for the report decoder (hedges, limiters,
    /// change words, stemming, body-area words). A pack without it reads nothing as absent.
    #[serde(default)]
    pub decoder: DecoderTable,
}

/// Per-language words the report decoder needs beyond the negation lists: content, so that a
/// new language is a new glossary file and no code change. Validated by `scanwise check`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecoderTable {
    /// Stemming: one pass per inner list, each strips the first suffix that ends the word and
    /// leaves at least 3 letters (English `[["s"], ["e"]]`, Norwegian `[["ene", "er", ...]]`).
    pub stem_suffixes: Vec<Vec<String>>,
    /// Negations that read both ways (Norwegian "ses ikke": "Prolaps ses ikke", "Det ses
    /// ikke prolaps"). Each is also a negation before and after a finding.
    pub two_way: Vec<String>,
    /// Negations that count only right after a colon ("Effusion: none").
    pub after_colon: Vec<String>,
    /// Words that join a list of findings ("or", "and", "eller"): a negation reaches over them.
    pub list_words: Vec<String>,
    /// "The finding may be there": never a negation ("cannot be excluded", "kan ikke
    /// utelukkes"), also words that say it is new ("not seen previously").
    pub hedges: Vec<String>,
    /// Words that make the negation right after them partial ("partially resolved").
    pub limiters: Vec<String>,
    /// Change words: a negation before them is about the change ("no change in the bulge").
    pub changes: Vec<String>,
    /// Small words that may stand inside a finding written in another order ("narrowing OF
    /// THE foramen", "the facets ARE hypertrophied"): the decoder reads "facet hypertrophy".
    pub connectors: Vec<String>,
    /// Words of one family read as the first one ("tear", "torn", "tears"; "narrowing",
    /// "narrows", "narrowed"), so verb forms find the noun's phrases.
    pub word_families: Vec<Vec<String>>,
    /// The language writes compounds as one word ("diskusbukning"): an unknown word that ends
    /// in a one-word finding is read as that finding.
    pub compounds: bool,
    /// Words that say which body area a report is about (headings and structures).
    pub areas: AreaWords,
    /// Headings of the clinical question ("History:", "Indication:", "Anamnese:"): words
    /// under them are what the referrer asked about ("?cauda equina syndrome"), not findings.
    pub question_headings: Vec<String>,
}

/// Words that name each body area, for telling a spine report from a knee report.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AreaWords {
    pub spine: Vec<String>,
    pub knee: Vec<String>,
    pub shoulder: Vec<String>,
}

impl AreaWords {
    /// `(area, words)` for each area the decoder can tell apart.
    pub fn iter(&self) -> impl Iterator<Item = (ConceptArea, &Vec<String>)> {
        [
            (ConceptArea::Spine, &self.spine),
            (ConceptArea::Knee, &self.knee),
            (ConceptArea::Shoulder, &self.shoulder),
        ]
        .into_iter()
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Concept {
    /// One of the concept ids in DESIGN §7; the same in every language.
    pub id: String,
    pub area: ConceptArea,
    pub term: String,
    /// Words real reports use: variants, abbreviations, common misspellings.
    pub aliases: Vec<String>,
    /// Plain, non-alarming explanation.
    pub explanation: String,
    /// How common the finding is in people *without* pain, by age; empty when unknown.
    pub prevalence: Vec<PrevalenceBand>,
    /// Reference id for the prevalence figures.
    pub prevalence_source: Option<String>,
    /// Optional module to read next.
    pub see_module: Option<String>,
    /// `serious`: a word the patient should talk to their clinician about soon (shown first,
    /// never with a prevalence chart). Packs from before this field read as `common`.
    #[serde(default)]
    pub class: ConceptClass,
    /// The body area the prevalence figures were measured in, when the concept itself fits
    /// several (a joint effusion: knee figures). No chart for a report of another area.
    #[serde(default)]
    pub prevalence_area: Option<ConceptArea>,
}

/// How the decoder presents a concept.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConceptClass {
    /// Explained calmly, with a prevalence chart when there are figures.
    #[default]
    Common,
    /// "Talk to your clinician soon": shown first, in its own panel, no prevalence chart.
    Serious,
    /// The radiologist's own word for urgency ("recommend urgent ..."): serious, and the
    /// region's numbers are shown.
    Urgent,
}

impl ConceptClass {
    pub fn is_serious(self) -> bool {
        matches!(self, ConceptClass::Serious | ConceptClass::Urgent)
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConceptArea {
    Spine,
    Knee,
    Shoulder,
    /// Any joint (knee, shoulder, hip, the small joints of the spine): effusion, osteophytes,
    /// cartilage loss, marrow changes. Explained in words that fit every joint.
    Joint,
    #[default]
    General,
}

impl ConceptArea {
    /// Whether a concept of this area may explain words in a report about `report`.
    pub fn fits(self, report: ConceptArea) -> bool {
        matches!(self, ConceptArea::General | ConceptArea::Joint) || self == report
    }
}

/// `percent` of people without pain aged `from..=to` have the finding.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PrevalenceBand {
    pub from: u8,
    pub to: u8,
    pub percent: f32,
}

// ---------------------------------------------------------------- checker

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckerPack {
    pub format: u32,
    pub lang: String,
    /// Screening questions (red flags, and gates each before their branch) first, then the
    /// guideline criteria; asked in this order.
    pub questions: Vec<CheckerQuestion>,
    pub outcomes: Vec<CheckerOutcome>,
    pub translation: Option<TranslationInfo>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckerQuestion {
    /// Stable across languages; the safety module's `sign:` links name red flags by it.
    pub id: String,
    pub kind: CheckerQuestionKind,
    /// Which body areas the question is asked for (`general`: every area).
    pub areas: Vec<BodyArea>,
    /// A branch: asked only once this earlier question is answered yes or not sure
    /// ("after an injury" questions wait for "did it start with an injury?").
    #[serde(default)]
    pub when: Option<String>,
    /// The sign in a few words ("New numbness around your genitals or bottom"), for the
    /// help screen and the outcome cards. Every red flag has one.
    #[serde(default)]
    pub sign: Option<String>,
    pub text: String,
    pub help: Option<String>,
    pub sources: Vec<String>,
}

/// What a question is for. Red flags carry their tier (FACTS §11m): "yes" or "not sure"
/// to one leads at least to that tier's card.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckerQuestionKind {
    /// Call the emergency number or go to an emergency department now.
    RedFlagEmergency,
    /// See a doctor or urgent care the same day.
    RedFlagUrgent,
    /// See a doctor soon: within days.
    RedFlagSoon,
    /// Opens a branch (its `when` questions); no tier of its own.
    Gate,
    /// One of the three guideline reasons to image.
    Criterion,
}

impl CheckerQuestionKind {
    /// The card a "yes" or "not sure" leads to, for red flags.
    pub fn tier(self) -> Option<OutcomeKind> {
        match self {
            CheckerQuestionKind::RedFlagEmergency => Some(OutcomeKind::Emergency),
            CheckerQuestionKind::RedFlagUrgent => Some(OutcomeKind::Urgent),
            CheckerQuestionKind::RedFlagSoon => Some(OutcomeKind::Soon),
            CheckerQuestionKind::Gate | CheckerQuestionKind::Criterion => None,
        }
    }

    /// Asked before any criterion: red flags and the gates that open their branches.
    pub fn is_screening(self) -> bool {
        self != CheckerQuestionKind::Criterion
    }
}

/// The checker's cards, most urgent first (the derived order is that urgency).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// Emergency now.
    Emergency,
    /// Same day.
    Urgent,
    /// Soon: within days.
    Soon,
    DiscussImaging,
    ScanUnlikelyToHelp,
}

impl OutcomeKind {
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::Emergency,
        OutcomeKind::Urgent,
        OutcomeKind::Soon,
        OutcomeKind::DiscussImaging,
        OutcomeKind::ScanUnlikelyToHelp,
    ];
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckerOutcome {
    pub kind: OutcomeKind,
    pub title: String,
    /// Sanitised HTML.
    pub body: String,
    /// Question ids (into [`QuestionsPack`]) worth asking after this outcome.
    pub questions: Vec<String>,
    /// Per-area "when to come back" text (sanitised HTML) shown under the body: the
    /// time-based safety net of the reassuring card.
    #[serde(default)]
    pub safety_net: Vec<AreaText>,
}

/// A piece of sanitised HTML for one body area.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaText {
    pub area: BodyArea,
    pub html: String,
}

// ---------------------------------------------------------------- questions

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionsPack {
    pub format: u32,
    pub lang: String,
    pub questions: Vec<AppointmentQuestion>,
    pub translation: Option<TranslationInfo>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentQuestion {
    pub id: String,
    pub text: String,
}

// ---------------------------------------------------------------- language-neutral

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommonPack {
    pub format: u32,
    pub references: Vec<Reference>,
    pub regions: Vec<Region>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The id in `shared/evidence/FACTS.md`.
    pub id: String,
    pub citation: String,
    pub url: Option<String>,
    pub doi: Option<String>,
}

/// Emergency numbers depend on the region, not the language.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// ISO 3166-1 alpha-2 (`NO`, `GB`), or `default` for the fallback.
    pub code: String,
    /// `None` only for `default`: the UI then says "your local emergency number".
    pub emergency: Option<String>,
    pub urgent: Option<String>,
    /// Proper name of the urgent service ("NHS 111", "Legevakt"), not translated.
    pub urgent_name: Option<String>,
}
