//! The content slot's tables. A slot is immutable once built, so there are no migrations: a new
//! core that needs another layout builds a new slot (the raw packs are kept for exactly that).

/// Bumped whenever the tables below change; a slot with another version is rebuilt, not read.
pub const SLOT_SCHEMA_VERSION: i64 = 3;

/// `PRAGMA application_id` of a slot ("SWSC"), so a slot and `user.db` can never be mistaken
/// for each other.
pub const SLOT_APPLICATION_ID: i32 = 0x5357_5343;

pub const SLOT_SCHEMA: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- The raw pack as received, so the updater can diff units and re-export a pack exactly.
CREATE TABLE packs (
    unit   TEXT NOT NULL,
    locale TEXT NOT NULL,
    kind   TEXT NOT NULL,
    format INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    json   TEXT NOT NULL,
    PRIMARY KEY (unit, locale)
) WITHOUT ROWID;

-- Translation info of any translated pack (modules, glossary, checker, questions).
CREATE TABLE translations (
    unit          TEXT NOT NULL,
    locale        TEXT NOT NULL,
    source_hash   TEXT NOT NULL,
    translated_on TEXT NOT NULL,
    stale         INTEGER NOT NULL,
    PRIMARY KEY (unit, locale)
) WITHOUT ROWID;

CREATE TABLE modules (
    id           TEXT NOT NULL,
    lang         TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    sort_order   INTEGER NOT NULL,
    minutes      INTEGER NOT NULL,
    review_state TEXT NOT NULL,
    reviewer     TEXT,
    reviewed_on  TEXT,
    next_review  TEXT,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (id, lang)
) WITHOUT ROWID;
CREATE TABLE module_areas (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL, area TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;
CREATE INDEX module_areas_by_area ON module_areas (area, module_id);
CREATE TABLE sections (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL,
    anchor TEXT NOT NULL, heading TEXT NOT NULL, html TEXT NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;
CREATE TABLE key_points (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;
CREATE TABLE myths (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL,
    statement TEXT NOT NULL, answer TEXT NOT NULL, explanation TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;
CREATE TABLE module_references (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL, ref_id TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;
CREATE TABLE module_questions (
    module_id TEXT NOT NULL, lang TEXT NOT NULL, pos INTEGER NOT NULL, question_id TEXT NOT NULL,
    PRIMARY KEY (module_id, lang, pos)
) WITHOUT ROWID;

CREATE TABLE glossary_words (
    lang TEXT NOT NULL, kind TEXT NOT NULL
        CHECK (kind IN ('negation', 'terminator', 'post_negation')),
    pos INTEGER NOT NULL, word TEXT NOT NULL,
    PRIMARY KEY (lang, kind, pos)
) WITHOUT ROWID;
CREATE TABLE concepts (
    lang TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, area TEXT NOT NULL,
    term TEXT NOT NULL, explanation TEXT NOT NULL,
    prevalence_source TEXT, see_module TEXT,
    class TEXT NOT NULL, prevalence_area TEXT,
    PRIMARY KEY (lang, id)
) WITHOUT ROWID;
-- The report decoder's grammar words of each glossary language (`DecoderTable` as JSON).
CREATE TABLE glossary_decoder (lang TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX concepts_by_id ON concepts (id, lang);
CREATE TABLE concept_aliases (
    lang TEXT NOT NULL, concept_id TEXT NOT NULL, pos INTEGER NOT NULL, alias TEXT NOT NULL,
    PRIMARY KEY (lang, concept_id, pos)
) WITHOUT ROWID;
CREATE TABLE concept_prevalence (
    lang TEXT NOT NULL, concept_id TEXT NOT NULL, pos INTEGER NOT NULL,
    age_from INTEGER NOT NULL, age_to INTEGER NOT NULL, percent REAL NOT NULL,
    PRIMARY KEY (lang, concept_id, pos)
) WITHOUT ROWID;

CREATE TABLE appointment_questions (
    lang TEXT NOT NULL, id TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (lang, id)
) WITHOUT ROWID;
CREATE INDEX appointment_questions_by_id ON appointment_questions (id, lang);

CREATE TABLE "references" (
    id TEXT PRIMARY KEY, pos INTEGER NOT NULL, citation TEXT NOT NULL, url TEXT, doi TEXT
) WITHOUT ROWID;
CREATE TABLE regions (
    code TEXT PRIMARY KEY, pos INTEGER NOT NULL,
    emergency TEXT, urgent TEXT, urgent_name TEXT
) WITHOUT ROWID;

-- Full-text search: one document per module (title, summary, key points), section and concept.
-- `label` is what a hit shows; `title` and `body` are what is matched. The index is an
-- external-content FTS5 table over `search_docs`: the index holds the text with letters that
-- have no Unicode decomposition folded (ø→o, æ→ae, ł→l, ...; see search::fold_letters), and
-- the tokenizer folds the rest (é, å, ï, ą), so "ødem" ≈ "odem" and "naïve" ≈ "naive", while
-- snippets are cut from the original text in `search_docs`. The index therefore differs from
-- its content table on purpose: never run the FTS5 'rebuild' or 'delete' commands on it (a
-- slot is written once and never changed, so nothing needs to).
CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, id TEXT NOT NULL, anchor TEXT, lang TEXT NOT NULL, label TEXT NOT NULL,
    title TEXT NOT NULL, body TEXT NOT NULL
);
-- The rowid range of each unit's documents (a module with its sections, or a concept).
CREATE TABLE search_units (
    lang TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
    first_rowid INTEGER NOT NULL, last_rowid INTEGER NOT NULL,
    PRIMARY KEY (lang, kind, id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_fts USING fts5 (
    kind UNINDEXED, id UNINDEXED, anchor UNINDEXED, lang UNINDEXED, label UNINDEXED,
    title, body,
    content = 'search_docs', content_rowid = 'rowid',
    prefix = '2 3',
    tokenize = 'unicode61 remove_diacritics 2'
);
"#;
