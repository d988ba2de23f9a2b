//! `LANG/search/`: search over this language's modules, sections and report words.
//!
//! The index is a static file written at build time (`LANG/search/index.json`): per entry its
//! link, title, a short text and its words as the app's search compares them
//! ([`scanwise_core::search::match_key`]: case, diacritics and ø/æ/ł… do not count), so "odem"
//! finds "ødem" here as in the app. The page script folds the query the same way and shows the
//! entries that have every word (the last one as a prefix, as in the app). With scripts off
//! the page is an A–Z list of every module and report word, which is also what a search engine
//! or a screen reader user can scan.
//!
//! Why not pagefind: its search runs as WebAssembly, which a CSP must allow with
//! `'wasm-unsafe-eval'`, and its index is built by a separate binary. The content is small (a
//! few hundred entries per language), so one JSON file and a short script do the same job.

use std::collections::BTreeSet;

use scanwise_core::search::{is_word_char, match_key};
use serde::Serialize;

use super::{Lang, Read, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::links::Here;
use crate::paths::safe_id;

/// Characters of text kept per entry for the result list.
const EXCERPT_CHARS: usize = 160;

#[derive(Serialize)]
pub struct Entry {
    /// `m` module, `s` section, `c` report word.
    pub k: &'static str,
    /// Link relative to the search page.
    pub u: String,
    pub t: String,
    /// The module a section is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mt: Option<String>,
    /// The language of the entry's text (differs from the page's on fallback).
    pub l: String,
    /// A short text for the result list.
    pub x: String,
    /// The entry's words as match keys, sorted, space-separated.
    pub w: String,
}

/// The search page and its index (`index.json`, site-relative path and bytes).
pub fn search(
    site: &Site,
    lang: &Lang,
    read: &Read,
) -> Result<(Page, (String, Vec<u8>)), SiteError> {
    let s = &lang.s;
    let path = lang.home().join("search");
    let here = Here {
        page: &path,
        lang: &lang.code,
        style: site.style,
    };
    let mut entries = Vec::new();

    for doc in &read.modules {
        let page = here.module(safe_id(&doc.id)?);
        let mut text = vec![doc.title.as_str(), doc.summary.as_str()];
        text.extend(doc.key_points.iter().map(String::as_str));
        entries.push(Entry {
            k: "m",
            u: page.clone(),
            t: doc.title.clone(),
            mt: None,
            l: doc.lang.clone(),
            x: excerpt(&doc.summary),
            w: words(&text),
        });
        for section in &doc.sections {
            entries.push(Entry {
                k: "s",
                u: format!("{page}#{}", section.anchor),
                t: section.heading.clone(),
                mt: Some(doc.title.clone()),
                l: doc.lang.clone(),
                x: excerpt(&section.text),
                w: words(&[&section.heading, &section.text]),
            });
        }
    }
    for c in &read.concepts {
        let id = safe_id(&c.id)?;
        let mut text = vec![c.term.as_str(), c.explanation.as_str()];
        text.extend(c.aliases.iter().map(String::as_str));
        entries.push(Entry {
            k: "c",
            u: here.concept(id),
            t: c.term.clone(),
            mt: None,
            l: c.lang.clone(),
            x: excerpt(&c.explanation),
            w: words(&text),
        });
    }
    let json = serde_json::to_vec(&entries).expect("search index serialises");

    // The A–Z list: modules and report words (not sections), by match key, so "Ødem" sits with
    // the o's as a reader expects.
    let mut az: Vec<&Entry> = entries.iter().filter(|e| e.k != "s").collect();
    az.sort_by_cached_key(|e| (match_key(&e.t), e.t.clone()));
    let mut m = String::with_capacity(16 * 1024);
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<form class=\"search\" role=\"search\" action=\"./\" method=\"get\" id=\"search-form\" data-none=\"{}\" data-count=\"{}\">\n\
             <label for=\"q\">{}</label>\n<input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\" maxlength=\"200\">\n\
             <button type=\"submit\">{}</button>\n</form>\n\
             <p id=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\n<ol id=\"search-results\" class=\"results\"></ol>\n\
             <section id=\"search-all\" aria-labelledby=\"h-all\">\n<h2 id=\"h-all\">{}</h2>\n<p>{}</p>\n<ul class=\"az\">\n",
            s.t("search-title"),
            esc(&s.template("search-none", &["query"])),
            esc(
                &serde_json::to_string(&s.plural_templates("web-search-results", "count"))
                    .expect("templates serialise")
            ),
            s.t("search-label"),
            s.t("search-button"),
            s.t("web-search-all"),
            s.t("web-search-all-lede"),
        ),
    );
    for e in az {
        push(
            &mut m,
            format_args!(
                "<li><a href=\"{}\"{}>{}</a></li>\n",
                esc(&e.u),
                lang_attrs_if(&e.l, &lang.code),
                esc(&e.t)
            ),
        );
    }
    m.push_str("</ul>\n</section>\n");
    let page = Page {
        alternates: site.everywhere(&path),
        title: s.raw("search-title"),
        nav: Nav::Search,
        main: m,
        path,
    };
    let file = format!("{}/search/index.json", lang.code);
    Ok((page, (file, json)))
}

/// `lang`/`dir` only where the text's language differs from the page's.
fn lang_attrs_if(text_lang: &str, page_lang: &str) -> String {
    if text_lang == page_lang {
        String::new()
    } else {
        lang_attrs(text_lang)
    }
}

/// The distinct match keys of the words in `texts`, sorted (deterministic, and smaller).
fn words(texts: &[&str]) -> String {
    let set: BTreeSet<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !is_word_char(c)))
        .filter(|w| !w.is_empty())
        .map(match_key)
        .collect();
    set.into_iter().collect::<Vec<_>>().join(" ")
}

/// The first words of `text`, at most [`EXCERPT_CHARS`] characters, cut at a word.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_apps_match_keys() {
        assert_eq!(
            words(&["Ødem i KNÆET", "naïve ødem"]),
            "i knaeet naive odem"
        );
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        let long = "word ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt(" short "), "short");
    }
}
