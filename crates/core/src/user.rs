//! `user.db`: everything the patient made — bookmarks, reading progress, "my questions" and
//! settings. A separate file with its own type; content import never opens it.
//!
//! Schema changes are append-only [`MIGRATIONS`], all pending ones run in one transaction, and the
//! version is `PRAGMA user_version`. User data keys on stable ids (`module_id`, `locale`, section
//! `anchor`, question ids), never on content rowids, so it survives every content update.
//! Reads take `&self`; every write runs in a transaction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::slot::SLOT_APPLICATION_ID;

/// Everything that can go wrong with `user.db`. Its own type, so a caller can tell "your data"
/// from "the content" without looking inside (the app shows them differently).
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path} has schema version {found}; this core reads {expected}")]
    SchemaMismatch {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
    #[error("{path} is not a {expected} database; refusing to touch it")]
    WrongDatabase {
        path: PathBuf,
        expected: &'static str,
    },
    #[error("stored value {value:?} is not a valid {what}")]
    BadStoredValue { what: &'static str, value: String },
    #[error("setting {key} cannot be {value:?}: {reason}")]
    InvalidSetting {
        key: &'static str,
        value: String,
        reason: &'static str,
    },
    #[error("no question with id {0} in my questions")]
    NoSuchQuestion(i64),
    #[error("a question needs a question id or text")]
    EmptyQuestion,
}

pub type Result<T, E = UserError> = std::result::Result<T, E>;

/// `PRAGMA application_id` of `user.db` ("SWUS").
pub const USER_APPLICATION_ID: i32 = 0x5357_5553;

/// Append-only: never edit or reorder an entry that has shipped; add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE bookmarks (
        module_id  TEXT NOT NULL,
        locale     TEXT NOT NULL,
        anchor     TEXT NOT NULL DEFAULT '',   -- '' is the top of the module
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (module_id, locale, anchor)
    ) WITHOUT ROWID;
    CREATE TABLE progress (
        module_id TEXT NOT NULL,
        locale    TEXT NOT NULL,
        anchor    TEXT NOT NULL,
        read_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (module_id, locale, anchor)
    ) WITHOUT ROWID;
    CREATE TABLE my_questions (
        id          INTEGER PRIMARY KEY,
        -- A content question (texts come from the slot in any language) or the patient's own.
        question_id TEXT UNIQUE,
        text        TEXT,
        origin      TEXT NOT NULL CHECK (origin IN ('module', 'checker', 'own')),
        origin_id   TEXT,
        done        INTEGER NOT NULL DEFAULT 0,
        position    INTEGER NOT NULL,
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK ((question_id IS NULL) <> (text IS NULL))
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    "#,
];

/// A bookmark on a module (`anchor` `None`) or one of its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bookmark {
    pub module_id: String,
    pub locale: String,
    pub anchor: Option<String>,
    pub created_at: String,
}

/// A section the patient has read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressEntry {
    pub module_id: String,
    pub locale: String,
    pub anchor: String,
    pub read_at: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionOrigin {
    Module,
    Checker,
    Own,
}

impl QuestionOrigin {
    fn as_str(self) -> &'static str {
        match self {
            QuestionOrigin::Module => "module",
            QuestionOrigin::Checker => "checker",
            QuestionOrigin::Own => "own",
        }
    }
    fn parse(s: &str) -> Result<Self> {
        match s {
            "module" => Ok(QuestionOrigin::Module),
            "checker" => Ok(QuestionOrigin::Checker),
            "own" => Ok(QuestionOrigin::Own),
            _ => Err(UserError::BadStoredValue {
                what: "question origin",
                value: s.to_owned(),
            }),
        }
    }
}

/// One line of "my questions". Content questions carry `question_id` (shown through
/// `ContentSlot::questions` in both languages of the side-by-side list); own ones carry `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MyQuestion {
    pub id: i64,
    pub question_id: Option<String>,
    pub text: Option<String>,
    pub origin: QuestionOrigin,
    /// The module id or checker outcome it came from.
    pub origin_id: Option<String>,
    pub done: bool,
    pub created_at: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    System,
    Light,
    Dark,
    HighContrast,
}

impl Theme {
    fn parse(s: &str) -> Option<Theme> {
        match s {
            "system" => Some(Theme::System),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "high_contrast" => Some(Theme::HighContrast),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingKey {
    /// UI language (BCP 47, `nb`).
    Language,
    /// ISO 3166-1 alpha-2 region for emergency numbers, or `default`.
    Region,
    /// Text size in percent, 100–200.
    TextSize,
    /// `system`, `light`, `dark` or `high_contrast`.
    Theme,
    ReducedMotion,
    UpdatesEnabled,
    /// The clinician's language for the side-by-side question list.
    SecondLanguage,
    /// The patient's age in years, 1–120, for the decoder's "how common at your age" chart.
    /// Stored only when they choose "remember my age".
    Age,
}

impl SettingKey {
    pub const ALL: [SettingKey; 8] = [
        SettingKey::Language,
        SettingKey::Region,
        SettingKey::TextSize,
        SettingKey::Theme,
        SettingKey::ReducedMotion,
        SettingKey::UpdatesEnabled,
        SettingKey::SecondLanguage,
        SettingKey::Age,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SettingKey::Language => "language",
            SettingKey::Region => "region",
            SettingKey::TextSize => "text_size",
            SettingKey::Theme => "theme",
            SettingKey::ReducedMotion => "reduced_motion",
            SettingKey::UpdatesEnabled => "updates_enabled",
            SettingKey::SecondLanguage => "second_language",
            SettingKey::Age => "age",
        }
    }

    /// The value as stored, or why it is not acceptable.
    fn normalise(self, value: &str) -> std::result::Result<String, &'static str> {
        let value = value.trim();
        match self {
            SettingKey::Language | SettingKey::SecondLanguage => value
                .parse::<unic_langid::LanguageIdentifier>()
                .map(|l| l.to_string())
                .map_err(|_| "not a BCP 47 language tag"),
            SettingKey::Region if value.eq_ignore_ascii_case("default") => Ok("default".into()),
            SettingKey::Region => {
                if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
                    Ok(value.to_ascii_uppercase())
                } else {
                    Err("not a two-letter region code or `default`")
                }
            }
            SettingKey::TextSize => match value.parse::<u16>() {
                Ok(n) if (100..=200).contains(&n) => Ok(n.to_string()),
                _ => Err("not a percentage from 100 to 200"),
            },
            SettingKey::Theme => Theme::parse(value)
                .map(|_| value.to_owned())
                .ok_or("not one of system, light, dark, high_contrast"),
            SettingKey::ReducedMotion | SettingKey::UpdatesEnabled => match value {
                "true" | "false" => Ok(value.to_owned()),
                _ => Err("not true or false"),
            },
            SettingKey::Age => match value.parse::<u8>() {
                Ok(n) if (1..=120).contains(&n) => Ok(n.to_string()),
                _ => Err("not an age from 1 to 120"),
            },
        }
    }
}

/// The settings the patient chose; `None` means "not chosen, use the default".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub language: Option<String>,
    pub region: Option<String>,
    pub text_size: Option<u16>,
    pub theme: Option<Theme>,
    pub reduced_motion: Option<bool>,
    pub updates_enabled: Option<bool>,
    pub second_language: Option<String>,
    pub age: Option<u8>,
}

/// The patient's own database.
pub struct UserDb {
    conn: Connection,
}

impl std::fmt::Debug for UserDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserDb")
            .field("path", &self.conn.path())
            .finish()
    }
}

/// Runs the pending `migrations` in one transaction. Refuses a database written by a newer app
/// (downgrading would lose data) and anything that is not `user.db`.
fn migrate(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let tx = conn.transaction()?;
    let app_id: i32 = tx.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let path = || tx.path().unwrap_or("").into();
    if app_id == SLOT_APPLICATION_ID || (app_id != USER_APPLICATION_ID && app_id != 0) {
        return Err(UserError::WrongDatabase {
            path: path(),
            expected: "user",
        });
    }
    let known = migrations.len() as i64;
    if version > known {
        return Err(UserError::SchemaMismatch {
            path: path(),
            found: version,
            expected: known,
        });
    }
    if version == known {
        return Ok(());
    }
    let has_tables: bool = tx.prepare("SELECT 1 FROM sqlite_schema")?.exists([])?;
    if version == 0 && app_id == 0 && has_tables {
        // Some other application's database: do not add our tables to it.
        return Err(UserError::WrongDatabase {
            path: path(),
            expected: "user",
        });
    }
    for sql in &migrations[version as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "application_id", USER_APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

impl UserDb {
    /// Opens (creating if needed) and migrates `user.db`.
    pub fn open(path: &Path) -> Result<UserDb> {
        UserDb::init(Connection::open(path)?, MIGRATIONS)
    }

    /// A throwaway database (tests, kiosk sessions that must leave nothing behind).
    pub fn open_in_memory() -> Result<UserDb> {
        UserDb::init(Connection::open_in_memory()?, MIGRATIONS)
    }

    fn init(mut conn: Connection, migrations: &[&str]) -> Result<UserDb> {
        // Deleted rows are overwritten, not just unlinked: `wipe` must really wipe.
        conn.execute_batch("PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn, migrations)?;
        Ok(UserDb { conn })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    // ------------------------------------------------------------ bookmarks

    /// Returns `false` if it was already bookmarked.
    pub fn add_bookmark(
        &mut self,
        module_id: &str,
        locale: &str,
        anchor: Option<&str>,
    ) -> Result<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "INSERT OR IGNORE INTO bookmarks (module_id, locale, anchor) VALUES (?1, ?2, ?3)",
                params![module_id, locale, anchor.unwrap_or("")],
            )? == 1)
        })
    }

    /// Returns `false` if there was no such bookmark.
    pub fn remove_bookmark(
        &mut self,
        module_id: &str,
        locale: &str,
        anchor: Option<&str>,
    ) -> Result<bool> {
        self.write(|tx| {
            Ok(tx.execute(
                "DELETE FROM bookmarks WHERE module_id = ?1 AND locale = ?2 AND anchor = ?3",
                params![module_id, locale, anchor.unwrap_or("")],
            )? == 1)
        })
    }

    pub fn is_bookmarked(
        &self,
        module_id: &str,
        locale: &str,
        anchor: Option<&str>,
    ) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM bookmarks WHERE module_id = ?1 AND locale = ?2 AND anchor = ?3",
            )?
            .exists(params![module_id, locale, anchor.unwrap_or("")])?)
    }

    /// Newest first.
    pub fn bookmarks(&self) -> Result<Vec<Bookmark>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT module_id, locale, anchor, created_at FROM bookmarks
             ORDER BY created_at DESC, module_id, locale, anchor",
        )?;
        let rows = stmt.query_map([], |r| {
            let anchor: String = r.get(2)?;
            Ok(Bookmark {
                module_id: r.get(0)?,
                locale: r.get(1)?,
                anchor: (!anchor.is_empty()).then_some(anchor),
                created_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    // ------------------------------------------------------------ progress

    /// Records that a section was read (again: the time is updated).
    pub fn mark_read(&mut self, module_id: &str, locale: &str, anchor: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO progress (module_id, locale, anchor) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET read_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                params![module_id, locale, anchor],
            )?;
            Ok(())
        })
    }

    /// What was read of one module (`Some`) or of everything (`None`), in any language.
    pub fn progress(&self, module_id: Option<&str>) -> Result<Vec<ProgressEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT module_id, locale, anchor, read_at FROM progress
             WHERE ?1 IS NULL OR module_id = ?1 ORDER BY module_id, anchor, locale",
        )?;
        let rows = stmt.query_map([module_id], |r| {
            Ok(ProgressEntry {
                module_id: r.get(0)?,
                locale: r.get(1)?,
                anchor: r.get(2)?,
                read_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets what was read of one module ("start again").
    pub fn reset_progress(&mut self, module_id: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM progress WHERE module_id = ?1", [module_id])?;
            Ok(())
        })
    }

    // ------------------------------------------------------------ my questions

    /// Adds a question from the content (a module or the checker); adding one that is already
    /// on the list returns the existing entry's id.
    pub fn add_content_question(
        &mut self,
        question_id: &str,
        origin: QuestionOrigin,
        origin_id: Option<&str>,
    ) -> Result<i64> {
        let question_id = question_id.trim();
        if question_id.is_empty() || origin == QuestionOrigin::Own {
            return Err(UserError::EmptyQuestion);
        }
        self.write(|tx| {
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM my_questions WHERE question_id = ?1",
                    [question_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = existing {
                return Ok(id);
            }
            tx.execute(
                "INSERT INTO my_questions (question_id, origin, origin_id, position)
                 VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(position), 0) + 1 FROM my_questions))",
                params![question_id, origin.as_str(), origin_id],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Adds the patient's own question (kept as typed, trimmed).
    pub fn add_own_question(&mut self, text: &str) -> Result<i64> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UserError::EmptyQuestion);
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO my_questions (text, origin, position)
                 VALUES (?1, 'own', (SELECT COALESCE(MAX(position), 0) + 1 FROM my_questions))",
                [text],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// In the order they were added.
    pub fn questions(&self) -> Result<Vec<MyQuestion>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, question_id, text, origin, origin_id, done, created_at
             FROM my_questions ORDER BY position, id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?),
                    r.get::<_, String>(3)?,
                    (r.get(4)?, r.get(5)?, r.get(6)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |((id, question_id, text), origin, (origin_id, done, created_at))| {
                    Ok(MyQuestion {
                        id,
                        question_id,
                        text,
                        origin: QuestionOrigin::parse(&origin)?,
                        origin_id,
                        done,
                        created_at,
                    })
                },
            )
            .collect()
    }

    /// Ticks a question off (asked) or back on.
    pub fn set_question_done(&mut self, id: i64, done: bool) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE my_questions SET done = ?2 WHERE id = ?1",
                params![id, done],
            )?;
            if n == 0 {
                return Err(UserError::NoSuchQuestion(id));
            }
            Ok(())
        })
    }

    pub fn remove_question(&mut self, id: i64) -> Result<()> {
        self.write(|tx| {
            if tx.execute("DELETE FROM my_questions WHERE id = ?1", [id])? == 0 {
                return Err(UserError::NoSuchQuestion(id));
            }
            Ok(())
        })
    }

    // ------------------------------------------------------------ settings

    /// Stores a setting after checking it (see [`SettingKey`] for what each accepts).
    pub fn set_setting(&mut self, key: SettingKey, value: &str) -> Result<()> {
        let value = key
            .normalise(value)
            .map_err(|reason| UserError::InvalidSetting {
                key: key.as_str(),
                value: value.to_owned(),
                reason,
            })?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key.as_str(), value],
            )?;
            Ok(())
        })
    }

    /// Back to the default.
    pub fn clear_setting(&mut self, key: SettingKey) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM settings WHERE key = ?1", [key.as_str()])?;
            Ok(())
        })
    }

    pub fn setting(&self, key: SettingKey) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key.as_str()], |r| r.get(0))
            .optional()?)
    }

    /// All settings, typed. A stored value that no longer parses counts as unset: a bad
    /// setting must never keep the app from starting.
    pub fn settings(&self) -> Result<Settings> {
        let mut map = BTreeMap::new();
        for key in SettingKey::ALL {
            if let Some(v) = self.setting(key)?
                && let Ok(v) = key.normalise(&v)
            {
                map.insert(key, v);
            }
        }
        let text = |k| map.get(&k).cloned();
        let flag = |k| map.get(&k).map(|v| v == "true");
        Ok(Settings {
            language: text(SettingKey::Language),
            region: text(SettingKey::Region),
            text_size: map.get(&SettingKey::TextSize).and_then(|v| v.parse().ok()),
            theme: map.get(&SettingKey::Theme).and_then(|v| Theme::parse(v)),
            reduced_motion: flag(SettingKey::ReducedMotion),
            updates_enabled: flag(SettingKey::UpdatesEnabled),
            second_language: text(SettingKey::SecondLanguage),
            age: map.get(&SettingKey::Age).and_then(|v| v.parse().ok()),
        })
    }

    // ------------------------------------------------------------ export and wipe

    /// Everything the patient has, as JSON they can keep or move to another device.
    pub fn export(&self) -> Result<serde_json::Value> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key, value FROM settings ORDER BY key")?;
        let settings = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<BTreeMap<_, _>, _>>()?;
        Ok(json!({
            "format": "scanwise-user-data",
            "schema_version": self.schema_version()?,
            "bookmarks": self.bookmarks()?,
            "progress": self.progress(None)?,
            "questions": self.questions()?,
            "settings": settings,
        }))
    }

    /// Deletes all user data (kiosk mode between patients) and compacts the file, so the data
    /// is gone from disk too, not just unlinked. The schema stays.
    pub fn wipe(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM bookmarks; DELETE FROM progress;
                 DELETE FROM my_questions; DELETE FROM settings;",
            )?;
            Ok(())
        })?;
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
