//! `open/`: where prescription links land (`https://HOST/open?m=a,b&lang=nb&open=checker`).
//!
//! A static page cannot read its own query, so the page script does. `open/` only chooses the
//! language (the link's `lang` when the site has it, else the browser's, else the default) and
//! moves to that language's landing page with the same query: `LANG/open/`, which has the
//! whole page shell in that language. There the script reads the link with the app's rules
//! (`scanwise_core::prescription::parse`: at most 2 KB, ids of the one grammar, known modules
//! only, at most 20, a shipped language, `checker` or `questions`) and shows the chosen modules
//! with the same notices the app shows. Everything it shows comes from the page's data block
//! (titles, summaries, links and the notices' words, written here from the slot and the Fluent
//! files), put in with `textContent`; nothing from the link is ever shown or run, only counted.
//! With scripts off the pages say that the link needs them and offer the home pages.

use std::collections::BTreeMap;

use scanwise_core::model::ReviewState;
use scanwise_core::prescription::{MAX_MODULES, MAX_URL_BYTES};
use scanwise_core::slot::ModuleSummary;
use serde::Serialize;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::push;
use crate::layout::{Nav, Page};
use crate::paths::{SitePath, safe_id};

/// `open/`'s data: the languages to choose from, and the one to use when neither the link nor
/// the browser names one of them.
#[derive(Serialize)]
struct RootData<'a> {
    languages: Vec<&'a str>,
    default: &'a str,
}

/// `LANG/open/`'s data: this language's words and modules.
#[derive(Serialize)]
struct OpenData {
    lang: String,
    /// Every language the site has (a link's `lang` is checked against these).
    languages: Vec<String>,
    max_url_bytes: usize,
    max_modules: usize,
    /// Site-root-relative links.
    home: String,
    checker: String,
    questions: String,
    /// The words, unescaped: the script sets them as text.
    s: BTreeMap<&'static str, String>,
    /// Plural messages as templates per CLDR category (`{n}` is the number).
    p: BTreeMap<&'static str, BTreeMap<String, String>>,
    /// Module id -> what its card shows: every module the site has (through the fallback
    /// chain, so every id is known here).
    m: BTreeMap<String, OpenModule>,
}

#[derive(Serialize)]
struct OpenModule {
    title: String,
    summary: String,
    /// The language the module is shown in (differs on fallback).
    lang: String,
    url: String,
    draft: bool,
    /// "Shown in English" when the module falls back, else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback: Option<String>,
}

/// `<script type="application/json">` with `data`; `</` cannot end the block early.
fn data_block(id: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data)
        .expect("open data serialises")
        .replace("</", "<\\/");
    format!("<script type=\"application/json\" id=\"{id}\">{json}</script>\n")
}

/// The message for readers without scripts, and every language's home.
fn static_part(site: &Site, path: &SitePath, lang: &Lang) -> String {
    let mut m = String::new();
    push(
        &mut m,
        format_args!(
            "<div id=\"open-static\">\n<h1>{}</h1>\n<p class=\"notice\">{}</p>\n<ul class=\"choice-list languages\">\n",
            lang.s.t("link-title"),
            lang.s.t("web-open-needs-script"),
        ),
    );
    for l in &site.langs {
        m.push_str(&super::home::language_choice(site, path, l, ""));
    }
    m.push_str("</ul>\n</div>\n<div id=\"open-view\" hidden></div>\n");
    m
}

/// `open/`: picks the language and moves on to `LANG/open/`.
pub fn open_root(site: &Site) -> Page {
    let path = SitePath::of(&["open"]);
    let lang = site.default_lang();
    let mut main = static_part(site, &path, lang);
    main.push_str(&data_block(
        "open-root",
        &RootData {
            languages: site.langs.iter().map(|l| l.code.as_str()).collect(),
            default: &lang.code,
        },
    ));
    Page {
        alternates: Vec::new(),
        path,
        title: lang.s.raw("link-title"),
        nav: Nav::None,
        main,
    }
}

/// `LANG/open/`: the chosen modules, in `lang`.
pub fn open(site: &Site, lang: &Lang, cards: &[ModuleSummary]) -> Result<Vec<Page>, SiteError> {
    let path = lang.home().join("open");
    let mut main = static_part(site, &path, lang);
    main.push_str(&data_block("open-data", &open_data(site, lang, cards)?));
    Ok(vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: lang.s.raw("link-title"),
        nav: Nav::None,
        main,
    }])
}

fn open_data(site: &Site, lang: &Lang, cards: &[ModuleSummary]) -> Result<OpenData, SiteError> {
    let s = &lang.s;
    let root = SitePath::root();
    let to_root = |p: &SitePath| root.link(p, site.style);
    let home = lang.home();
    let mut words = BTreeMap::new();
    for (key, id) in [
        ("title", "link-title"),
        ("lede", "web-open-lede"),
        ("modules", "link-modules"),
        ("notice_title", "link-notice-title"),
        ("too_long", "link-too-long"),
        ("not_a_prescription", "link-not-a-prescription"),
        ("empty", "link-empty"),
        ("unknown_language", "link-unknown-language"),
        ("unknown_tool", "link-unknown-tool"),
        ("open_in_app", "web-open-in-app"),
        ("open_in_app_hint", "web-open-in-app-hint"),
        ("checker", "home-checker-cta"),
        ("questions", "module-questions"),
        ("home", "nav-home"),
        ("draft", "review-draft-short"),
    ] {
        words.insert(key, s.raw(id));
    }
    // Fluent's variables come back as `{n}`-style slots the script fills in.
    words.insert(
        "too_many",
        s.template("link-too-many-modules", &["given", "kept"]),
    );
    let mut plurals = BTreeMap::new();
    plurals.insert(
        "invalid",
        s.plural_templates("link-invalid-module-ids", "count"),
    );
    plurals.insert(
        "unknown",
        s.plural_templates("link-unknown-modules", "count"),
    );

    let mut modules = BTreeMap::new();
    for c in cards {
        let id = safe_id(&c.id)?;
        let fallback = c.is_fallback.then(|| {
            s.raw_args(
                "fallback-badge",
                &[("language", &site.language_name_raw(&c.lang))],
            )
        });
        modules.insert(
            id.to_string(),
            OpenModule {
                url: to_root(&SitePath::of(&[&lang.code, "m", id])),
                title: c.title.clone(),
                summary: c.summary.clone(),
                lang: c.lang.clone(),
                draft: c.review == ReviewState::Draft,
                fallback,
            },
        );
    }
    Ok(OpenData {
        lang: lang.code.clone(),
        languages: site.langs.iter().map(|l| l.code.clone()).collect(),
        max_url_bytes: MAX_URL_BYTES,
        max_modules: MAX_MODULES,
        home: to_root(&home),
        checker: to_root(&home.join("check")),
        questions: to_root(&home.join("questions")),
        s: words,
        p: plurals,
        m: modules,
    })
}
