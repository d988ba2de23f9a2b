//! The one error type of a site build.

use std::path::PathBuf;

use scanwise_core::slot::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("content slot: {0}")]
    Store(#[from] StoreError),
    #[error("I/O on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{0} exists and is not a site this command wrote (no .scanwise-site file); refusing to replace it"
    )]
    NotASite(PathBuf),
    #[error(
        "{0} has no folder name of its own (write the site into a named folder, such as `site`)"
    )]
    NoFolderName(PathBuf),
    #[error("the UI strings of `{lang}` cannot be loaded: {reason}")]
    Strings { lang: String, reason: String },
    #[error("`{0}` cannot be part of a web address (ids are lower-case letters, digits and '-')")]
    UnsafeId(String),
    #[error("no language has the safety module, so there is nothing to publish")]
    NoLanguage,
    #[error(transparent)]
    Checker(#[from] crate::walk::TooManyStates),
    #[error("`{lang}` has no checker (not even through its fallback languages)")]
    NoChecker { lang: String },
}

impl SiteError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        SiteError::Io {
            path: path.into(),
            source,
        }
    }
}
