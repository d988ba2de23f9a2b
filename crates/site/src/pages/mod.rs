//! Every page of the site, read from the content slot with the app's own queries.
//!
//! One file per page type; each returns [`Page`]s and this module puts the shell around them.

mod about;
mod checker;
mod glossary;
mod help;
mod home;
mod module;
mod offline;
mod open;
mod questions;
mod search;

use scanwise_core::l10n::{direction, fallback_chain};
use scanwise_core::model::Concept;
use scanwise_core::model::Region;
use scanwise_core::slot::{ContentSlot, Localized, ModuleSummary, ModuleView};

use crate::error::SiteError;
use crate::html::esc;
use crate::layout::{Page, document};
use crate::output::Files;
use crate::paths::{LinkStyle, SitePath, safe_id};
use crate::preview::{Preview, Target};
use crate::strings::{Strings, UI_LANGUAGES};
use crate::{CheckerReport, SiteOptions, SiteReport};

/// The one stylesheet: the app's design tokens and logical properties, for pages.
const CSS: &str = include_str!("../../assets/site.css");

/// A language the site has pages in.
pub struct Lang {
    pub code: String,
    pub dir: &'static str,
    pub s: Strings,
    /// Native name, escaped ("Norsk bokmål").
    pub name: String,
    /// Native name as written, for Fluent arguments (which are escaped with their message).
    pub name_raw: String,
    /// The content fallback chain the app uses for this language (`[nb, en]`).
    pub chain: Vec<String>,
}

impl Lang {
    fn new(code: &str) -> Result<Lang, SiteError> {
        let s = Strings::new(code)?;
        Ok(Lang {
            code: code.to_string(),
            dir: direction(code),
            name: s.t("language-native-name"),
            name_raw: s.raw("language-native-name"),
            chain: fallback_chain(code),
            s,
        })
    }

    pub fn chain(&self) -> Vec<&str> {
        self.chain.iter().map(String::as_str).collect()
    }

    pub fn home(&self) -> SitePath {
        SitePath::of(&[&self.code])
    }
}

/// What every page renderer can read.
pub struct Site<'a> {
    pub slot: &'a ContentSlot,
    pub style: LinkStyle,
    pub preview: Option<&'a Preview>,
    pub langs: Vec<Lang>,
    pub regions: Vec<Region>,
}

impl Site<'_> {
    /// The same path in every language (every page but the checker's exists in all of them).
    pub fn everywhere(&self, path: &SitePath) -> Vec<(String, SitePath)> {
        self.langs
            .iter()
            .map(|l| (l.code.clone(), path.in_lang(&l.code)))
            .collect()
    }

    /// The language of the pages outside any language (the root chooser): the source
    /// language when the site has it.
    pub fn default_lang(&self) -> &Lang {
        self.langs
            .iter()
            .find(|l| l.code == scanwise_core::l10n::DEFAULT_LOCALE)
            .unwrap_or(&self.langs[0])
    }

    /// The native name of `code` (escaped), or the code for a language the site lacks.
    pub fn language_name(&self, code: &str) -> String {
        esc(&self.language_name_raw(code))
    }

    /// The native name of `code`, not escaped (for Fluent arguments).
    pub fn language_name_raw(&self, code: &str) -> String {
        self.langs
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.name_raw.clone())
            .unwrap_or_else(|| code.to_string())
    }
}

/// One language's modules and glossary, read from the slot once for every page that shows them
/// (home, module pages, glossary, prescription landing page, search).
pub struct Read {
    /// Every module of the language's chain, as cards, in the slot's order.
    pub cards: Vec<ModuleSummary>,
    /// The same modules whole, in the same order.
    pub modules: Vec<ModuleView>,
    pub concepts: Vec<Localized<Concept>>,
}

impl Read {
    fn of(site: &Site, lang: &Lang) -> Result<Read, SiteError> {
        let chain = lang.chain();
        let cards = site.slot.modules(&chain, None)?;
        let mut modules = Vec::with_capacity(cards.len());
        for card in &cards {
            if let Some(doc) = site.slot.module(&chain, safe_id(&card.id)?)? {
                modules.push(doc);
            }
        }
        Ok(Read {
            cards,
            modules,
            concepts: site.slot.glossary(&chain)?,
        })
    }
}

/// Pages and their report, collected in memory.
struct Out<'s, 'a> {
    site: &'s Site<'a>,
    files: Files,
    pages: usize,
}

impl Out<'_, '_> {
    fn page(&mut self, lang: &Lang, page: &Page) -> u64 {
        let html = document(self.site, lang, page);
        let bytes = html.len() as u64;
        self.files.insert(page.path.file(), html.into_bytes());
        self.pages += 1;
        bytes
    }
}

pub fn render(slot: &ContentSlot, options: &SiteOptions) -> Result<(Files, SiteReport), SiteError> {
    let mut langs = Vec::new();
    let mut skipped = Vec::new();
    for info in slot.languages()? {
        // A language without the safety module does not ship (as in the app).
        if !info.has_safety_module
            || !UI_LANGUAGES.contains(&info.lang.as_str())
            || safe_id(&info.lang).is_err()
        {
            skipped.push(info.lang);
            continue;
        }
        langs.push(Lang::new(&info.lang)?);
    }
    if langs.is_empty() {
        return Err(SiteError::NoLanguage);
    }
    let site = Site {
        slot,
        style: options.link_style,
        preview: options.preview.as_ref(),
        langs,
        regions: slot.regions()?,
    };
    let mut out = Out {
        site: &site,
        files: Files::new(),
        pages: 0,
    };
    out.files
        .insert("site.css".to_string(), CSS.as_bytes().to_vec());
    let chooser = home::chooser(&site);
    out.page(site.default_lang(), &chooser);
    out.page(site.default_lang(), &open::open_root(&site));

    let walks = checker::Walks::new(&site)?;
    let mut checker_reports = Vec::new();
    for lang in &site.langs {
        let read = Read::of(&site, lang)?;
        for page in home::home(&site, lang, &read.cards)?
            .into_iter()
            .chain(module::modules(&site, lang, &read.modules)?)
            .chain(glossary::glossary(&site, lang, &read.concepts)?)
            .chain(questions::questions(&site, lang)?)
            .chain(help::help(&site, lang)?)
            .chain(about::about(&site, lang))
            .chain(checker::index(&site, lang))
            .chain(open::open(&site, lang, &read.cards)?)
        {
            out.page(lang, &page);
        }
        let (page, (index, json)) = search::search(&site, lang, &read)?;
        out.page(lang, &page);
        out.files.insert(index, json);
        for area in checker::areas(&site, lang, &walks)? {
            let mut bytes = 0;
            for page in &area.pages {
                bytes += out.page(lang, page);
            }
            checker_reports.push(CheckerReport {
                lang: lang.code.clone(),
                area: area.name,
                states: area.states,
                merged: area.merged,
                bytes,
            });
        }
    }
    // A module whose source does not build yet still has its page in a preview: the problems.
    if let Some(preview) = site.preview {
        for lang in &site.langs {
            for p in &preview.problems {
                let Target::Module(id) = &p.target else {
                    continue;
                };
                if p.lang.as_deref().is_some_and(|l| l != lang.code) || safe_id(id).is_err() {
                    continue;
                }
                let path = SitePath::of(&[&lang.code, "m", id]);
                if !out.files.contains_key(&path.file()) {
                    let page = Page {
                        alternates: site.everywhere(&path),
                        main: format!("<h1>{}</h1>\n", esc(id)),
                        title: id.clone(),
                        nav: crate::layout::Nav::None,
                        path,
                    };
                    out.page(lang, &page);
                }
            }
        }
    }
    // Last: the offline lists name every page, and the worker's version covers every file.
    offline::add(&site, &mut out.files);
    let report = SiteReport {
        languages: site.langs.iter().map(|l| l.code.clone()).collect(),
        skipped_languages: skipped,
        pages: out.pages,
        files: out.files.len(),
        bytes: out.files.values().map(|b| b.len() as u64).sum(),
        checker: checker_reports,
    };
    Ok((out.files, report))
}
