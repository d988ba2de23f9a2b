//! `open/`: where prescription links land (`https://HOST/open?m=a,b&lang=nb&open=checker`).
//!
//! A static page cannot read its own query, so the page's script does: it reads the link with
//! the app's rules (`scanwise_core::prescription::parse`: at most 2 KB, ids of the one grammar,
//! known modules only, at most 20, a shipped language, `checker` or `questions`) and shows the
//! chosen modules with the same notices the app shows. Everything it shows comes from this
//! page's data block (titles, summaries, links and the notices' words, written here from the
//! slot and the Fluent files), put in with `textContent`; nothing from the link is ever shown or
//! run, only counted. With scripts off the page says that the link needs them and offers every
//! language's home.

use std::collections::BTreeMap;

use scanwise_core::model::ReviewState;
use scanwise_core::prescription::{MAX_MODULES, MAX_URL_BYTES};
use serde::Serialize;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::paths::{SitePath, safe_id};

/// The data block the page script reads: every language's words and modules.
#[derive(Serialize)]
struct OpenData<'a> {
    /// Languages in the site's order; the first is the default.
    order: Vec<&'a str>,
    max_url_bytes: usize,
    max_modules: usize,
    langs: BTreeMap<&'a str, OpenLang>,
}

#[derive(Serialize)]
struct OpenLang {
    dir: &'static str,
    name: String,
    /// Site-root-relative links.
    home: String,
    checker: String,
    questions: String,
    /// The words, unescaped: the script sets them as text.
    s: BTreeMap<&'static str, String>,
    /// Plural messages as templates per CLDR category (`{n}` is the number).
    p: BTreeMap<&'static str, BTreeMap<String, String>>,
    /// Module id -> what its card shows.
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

pub fn open(site: &Site) -> Result<Page, SiteError> {
    let path = SitePath::of(&["open"]);
    let root = SitePath::root();
    let to_root = |p: &SitePath| root.link(p, site.style);
    let mut langs = BTreeMap::new();
    for lang in &site.langs {
        langs.insert(lang.code.as_str(), open_lang(site, lang, &to_root)?);
    }
    let data = OpenData {
        order: site.langs.iter().map(|l| l.code.as_str()).collect(),
        max_url_bytes: MAX_URL_BYTES,
        max_modules: MAX_MODULES,
        langs,
    };
    // `</` cannot end the data block early: JSON escapes it.
    let json = serde_json::to_string(&data)
        .expect("open data serialises")
        .replace("</", "<\\/");

    let first = site.default_lang();
    let mut m = String::new();
    push(
        &mut m,
        format_args!(
            "<div id=\"open-static\">\n<h1>{}</h1>\n<p class=\"notice\">{}</p>\n<ul class=\"choice-list languages\">\n",
            first.s.t("link-title"),
            first.s.t("web-open-needs-script"),
        ),
    );
    for l in &site.langs {
        push(
            &mut m,
            format_args!(
                "<li{}><a class=\"area\" href=\"{}\" hreflang=\"{}\">{}</a><br><span class=\"hint\">{}</span></li>\n",
                lang_attrs(&l.code),
                esc(&path.link(&l.home(), site.style)),
                esc(&l.code),
                l.name,
                l.s.t("web-open-needs-script"),
            ),
        );
    }
    m.push_str("</ul>\n</div>\n<div id=\"open-view\" hidden></div>\n");
    push(
        &mut m,
        format_args!("<script type=\"application/json\" id=\"open-data\">{json}</script>\n"),
    );
    Ok(Page {
        alternates: Vec::new(),
        path,
        title: first.s.raw("link-title"),
        nav: Nav::None,
        main: m,
    })
}

fn open_lang(
    site: &Site,
    lang: &Lang,
    to_root: &dyn Fn(&SitePath) -> String,
) -> Result<OpenLang, SiteError> {
    let s = &lang.s;
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
        ("app_name", "app-name"),
    ] {
        words.insert(key, s.raw(id));
    }
    // Fluent's variables come back as `{n}`-style slots the script fills in.
    words.insert(
        "too_many",
        s.raw_args(
            "link-too-many-modules",
            &[("given", "\u{E000}"), ("kept", "\u{E001}")],
        )
        .replace("\u{2068}\u{E000}\u{2069}", "{given}")
        .replace("\u{2068}\u{E001}\u{2069}", "{kept}"),
    );
    let mut plurals = BTreeMap::new();
    plurals.insert(
        "invalid",
        s.plural_templates("link-invalid-module-ids", "count"),
    );
    plurals.insert("unknown", s.plural_templates("link-unknown-modules", "count"));

    let mut modules = BTreeMap::new();
    for c in site.slot.modules(&lang.chain(), None)? {
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
                title: c.title,
                summary: c.summary,
                lang: c.lang,
                draft: c.review == ReviewState::Draft,
                fallback,
            },
        );
    }
    Ok(OpenLang {
        dir: lang.dir,
        name: lang.name_raw.clone(),
        home: to_root(&home),
        checker: to_root(&home.join("check")),
        questions: to_root(&home.join("questions")),
        s: words,
        p: plurals,
        m: modules,
    })
}
