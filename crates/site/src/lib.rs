//! The web edition: the same packs the app reads, as a static site of plain HTML and CSS.
//!
//! [`build_site`] builds a content slot from the packs (in a temporary directory) and renders
//! every page from the slot's own queries, so the website shows exactly what the app's screens
//! show, with the same whole-module language fallback. Every page works with scripts off (there
//! are none yet), carries `lang`, `dir` and `hreflang` alternates, and loads nothing from any
//! other host (a strict CSP says so).
//!
//! The checker is a set of pages generated from the engine's own states ([`walk`]): each
//! question is a page whose yes / no / not sure links lead to the page of the next state, as
//! [`scanwise_core::checker::step`] decides it. No second copy of the checker's logic exists here.
//!
//! Output is deterministic: the same packs give byte-identical files.
//!
//! Layout (every page is `PATH/index.html`):
//! ```text
//! index.html                 language chooser
//! site.css                   the one stylesheet (the app's design tokens, logical properties)
//! LANG/                      home
//! LANG/m/ID/                 a module, its evidence card and review state
//! LANG/glossary/             report words by body area
//! LANG/questions/            questions to ask (printable); LANG/questions/OTHER/ side by side
//! LANG/help/                 "Get help now": numbers by country, warning signs by tier
//! LANG/about/                about and privacy (the report decoder stays in the app)
//! LANG/check/                the checker: choose an area
//! LANG/check/AREA/[ANSWERS/] one state of the walk (ANSWERS: y, n, u per question asked)
//! ```

mod error;
mod html;
mod layout;
mod links;
mod output;
mod pages;
mod paths;
pub mod preview;
mod strings;
pub mod walk;

use std::path::Path;

use scanwise_core::model::Pack;
use scanwise_core::sanitize::{sanitize_pack, sanitizer};
use scanwise_core::slot::{ContentSlot, StoreError};

pub use error::SiteError;
pub use paths::LinkStyle;

/// How to build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteOptions {
    /// Links to directories (`../radiation/`, for a web server) or to `index.html` files (for
    /// opening the site straight from disk).
    pub link_style: LinkStyle,
    /// `scanwise preview`: the content's diagnostics on their pages, a banner on every page,
    /// and the page script reloads after a rebuild. `None` for a site to publish.
    pub preview: Option<preview::Preview>,
}

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteReport {
    /// Languages with pages, in the slot's order.
    pub languages: Vec<String>,
    /// Content languages left out: they have no UI strings in this build.
    pub skipped_languages: Vec<String>,
    /// HTML pages written.
    pub pages: usize,
    /// Every file written (pages, stylesheet; not the `.scanwise-site` marker).
    pub files: usize,
    /// Bytes of all files written.
    pub bytes: u64,
    /// The checker's pages, per language and area.
    pub checker: Vec<CheckerReport>,
}

/// The checker pages of one language and body area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckerReport {
    pub lang: String,
    pub area: String,
    /// Distinct states of the walk, one page each.
    pub states: usize,
    /// Answer sequences that reached an already known state (merged into it).
    pub merged: usize,
    /// Bytes of these pages.
    pub bytes: u64,
}

impl SiteReport {
    /// Checker states over every language and area.
    pub fn checker_states(&self) -> usize {
        self.checker.iter().map(|c| c.states).sum()
    }

    /// Bytes of every checker page.
    pub fn checker_bytes(&self) -> u64 {
        self.checker.iter().map(|c| c.bytes).sum()
    }
}

/// Builds the site from `packs` into `out`.
///
/// `out` must be absent, empty, or a site an earlier build wrote (it is replaced whole, so no
/// page of an older build is left behind); anything else is refused untouched.
pub fn build_site(
    packs: &[Pack],
    out: &Path,
    options: &SiteOptions,
) -> Result<SiteReport, SiteError> {
    output::check_target(out)?;
    // The device re-sanitises every pack it imports; so does the site, so a pack that did not
    // come from `scanwise build` cannot put markup on a page that the app would not show.
    let clean = sanitizer();
    let packs: Vec<Pack> = packs
        .iter()
        .cloned()
        .map(|mut p| {
            sanitize_pack(&mut p, &clean);
            p
        })
        .collect();
    let tmp = tempfile::tempdir().map_err(|e| SiteError::io("temporary directory", e))?;
    // Every module id becomes a folder name; the slot refuses any id outside the one grammar
    // (the one links and the channel use) before a page is rendered or a file written.
    let slot = ContentSlot::build(&tmp.path().join("slot.db"), &packs).map_err(|e| match e {
        StoreError::InvalidId { unit, .. } => SiteError::UnsafeId(unit),
        other => SiteError::Store(other),
    })?;
    let (files, report) = pages::render(&slot, options)?;
    output::write(out, &files)?;
    Ok(report)
}
