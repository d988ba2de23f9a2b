//! ScanWise core: everything a screen shows comes from here, so it is tested without a window.
//!
//! **Architecture Invariant:** this crate knows nothing of Tauri, HTTP servers or clap, and does
//! no network I/O. Content arrives as [`model::Pack`]s; the updater and the app feed them in.

/// `ModuleId`, `ConceptId`, `Locale`: the one grammar every boundary parses with.
pub use scanwise_ids as ids;

pub mod checker;
pub mod decoder;
pub mod l10n;
pub mod model;
pub mod prescription;
pub mod sanitize;
pub mod search;
pub mod slot;
pub mod user;
