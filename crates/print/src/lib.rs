//! ScanWise print: what a clinic puts on the wall and in a patient's hand.
//!
//! - [`poster`]: one page (A4 or US Letter) with the clinic's name, a title and instructions in
//!   one to four languages side by side (four in two rows), the module titles, and a big QR code for a
//!   [`Prescription`] link, printed under it as text too.
//! - [`qr_svg`]: the same QR code as a tiny SVG, for the app's "share these modules" screen.
//! - [`handout`]: a module (title, summary, sections, key points, questions, references, review
//!   state, CC BY 4.0 attribution) or the appointment-questions checklist, paged, in one language.
//!
//! Text is shaped with the fonts in `assets/fonts` (compiled in: nothing is downloaded), so
//! Arabic prints right to left with joined letters, and Polish and Norwegian letters are all
//! there. Strings come from `locales/<lang>/print.ftl`, also compiled in.
//!
//! **Architecture Invariant:** this crate does no network I/O and reads no file except the
//! content directory given to [`Library::load`].

mod handout;
pub mod html;
mod page;
mod poster;
pub mod text;

use std::path::Path;

use scanwise_core::l10n::Localizer;
use scanwise_core::model::{CommonPack, ModulePack, Pack, QuestionsPack};
use thiserror::Error;

pub use handout::{HandoutSpec, Subject, handout, handout_link};
pub use page::Paper;
pub use poster::{MAX_POSTER_LANGUAGES, Poster, PosterSpec, poster, poster_link, qr_svg};
pub use scanwise_core::prescription::{Prescription, Tool};

#[derive(Debug, Error)]
pub enum PrintError {
    #[error("unknown paper size `{0}`; use a4 or letter")]
    UnknownPaper(String),
    #[error("no print strings for language `{0}`; available: {langs}", langs = PRINT_LANGUAGES.join(", "))]
    UnknownLanguage(String),
    #[error("choose at least one language")]
    NoLanguages,
    #[error("a poster holds at most {max} languages, {given} were given")]
    TooManyLanguages { given: usize, max: usize },
    #[error("choose at least one module")]
    NoModules,
    #[error("no module `{0}` in the content")]
    UnknownModule(String),
    #[error("`{0}` is not a module id ([a-z0-9-], at most 64 characters)")]
    InvalidModuleId(String),
    #[error("module `{module}` is not published in `{lang}` (available: {})", available.join(", "))]
    NotTranslated {
        module: String,
        lang: String,
        available: Vec<String>,
    },
    #[error("no appointment questions in `{0}`")]
    NoQuestions(String),
    #[error("the poster text does not fit on one page; choose fewer modules or languages")]
    PosterTooFull,
    #[error("cannot make the QR code: {0}")]
    Qr(#[source] qrcode::types::QrError),
    #[error("layout: {0}")]
    Layout(&'static str),
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    #[error(transparent)]
    Content(#[from] scanwise_author::AuthorError),
}

/// Languages with print strings (`locales/<lang>/print.ftl`).
pub const PRINT_LANGUAGES: &[&str] = &["en", "nb", "ar", "pl"];

const FTL: &[(&str, &str)] = &[
    ("en", include_str!("../../../locales/en/print.ftl")),
    ("nb", include_str!("../../../locales/nb/print.ftl")),
    ("ar", include_str!("../../../locales/ar/print.ftl")),
    ("pl", include_str!("../../../locales/pl/print.ftl")),
];

/// The print strings of one language (falling back to English per string).
pub(crate) fn strings(lang: &str) -> Result<Localizer, PrintError> {
    if !PRINT_LANGUAGES.contains(&lang) {
        return Err(PrintError::UnknownLanguage(lang.to_string()));
    }
    let sources = FTL
        .iter()
        .map(|(l, text)| (l.to_string(), vec![text.to_string()]))
        .collect();
    // Isolation marks stay on: they keep a date like 2026-11-28 left to right inside Arabic.
    // The text layer uses them for bidi and then leaves them out of the PDF.
    Localizer::from_sources(sources, &[lang])
        .map_err(|_| PrintError::UnknownLanguage(lang.to_string()))
}

/// Built content: every pack of every language, as `scanwise build` makes them.
#[derive(Debug, Clone, Default)]
pub struct Library {
    packs: Vec<Pack>,
}

impl Library {
    /// Checks and builds `content_dir` (fails when the content has errors, like `scanwise build`).
    pub fn load(content_dir: &Path) -> Result<Library, PrintError> {
        let (packs, _warnings) = scanwise_author::build_packs(content_dir)?;
        Ok(Library { packs })
    }

    pub fn from_packs(packs: Vec<Pack>) -> Library {
        Library { packs }
    }

    pub fn module(&self, id: &str, lang: &str) -> Option<&ModulePack> {
        self.packs.iter().find_map(|p| match p {
            Pack::Module(m) if m.id == id && m.lang == lang => Some(m),
            _ => None,
        })
    }

    /// Every module id, in home-screen order.
    pub fn module_ids(&self) -> Vec<&str> {
        let mut mods: Vec<&ModulePack> = self
            .packs
            .iter()
            .filter_map(|p| match p {
                Pack::Module(m) => Some(m),
                _ => None,
            })
            .collect();
        mods.sort_by(|a, b| (a.order, &a.id).cmp(&(b.order, &b.id)));
        let mut ids: Vec<&str> = Vec::new();
        for m in mods {
            if !ids.contains(&m.id.as_str()) {
                ids.push(&m.id);
            }
        }
        ids
    }

    /// Languages module `id` is published in.
    pub fn languages_of(&self, id: &str) -> Vec<String> {
        self.packs
            .iter()
            .filter_map(|p| match p {
                Pack::Module(m) if m.id == id => Some(m.lang.clone()),
                _ => None,
            })
            .collect()
    }

    /// The module in `lang`, or in the first language of its fallback chain that has it.
    pub fn module_or_fallback(&self, id: &str, lang: &str) -> Option<&ModulePack> {
        scanwise_core::l10n::fallback_chain(lang)
            .iter()
            .find_map(|l| self.module(id, l))
    }

    pub fn questions(&self, lang: &str) -> Option<&QuestionsPack> {
        self.packs.iter().find_map(|p| match p {
            Pack::Questions(q) if q.lang == lang => Some(q),
            _ => None,
        })
    }

    pub fn common(&self) -> Option<&CommonPack> {
        self.packs.iter().find_map(|p| match p {
            Pack::Common(c) => Some(c),
            _ => None,
        })
    }
}
