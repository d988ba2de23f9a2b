//! The error type of content slots and search. `user.db` has its own, [`crate::user::UserError`].

use std::path::PathBuf;

/// Everything that can go wrong building, opening or querying a content slot.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("I/O on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("pack JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("pack {unit}/{locale} has format {found}; this core reads up to {supported}")]
    UnsupportedPackFormat {
        unit: String,
        locale: String,
        found: u32,
        supported: u32,
    },
    #[error("pack {unit}/{locale}: {source}")]
    InvalidId {
        unit: String,
        locale: String,
        #[source]
        source: scanwise_ids::IdError,
    },
    #[error("pack {unit}/{locale} appears twice")]
    DuplicatePack { unit: String, locale: String },
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
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
