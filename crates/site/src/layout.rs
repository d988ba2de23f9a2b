//! The page shell every page shares: head (CSP, stylesheet, `hreflang` alternates), the header
//! with "Get help now" and the main navigation, the language switch that keeps the page, and
//! the footer.

use crate::html::{esc, push};
use crate::pages::{Lang, Site};
use crate::paths::SitePath;

/// Only this site's own files, and nothing inline: its one stylesheet, its one script (and the
/// service worker and manifest that script and page name). Nothing is loaded from, sent to or
/// framed by any other host. (`frame-ancestors` only works as a header; the hosting docs and
/// `scanwise-server --site` send it.)
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                       connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
                       base-uri 'none'; form-action 'self'";

/// The browser's bar colour: the app's accent (`--accent` in `site.css`).
pub const THEME_COLOR: &str = "#0b5c7a";

/// The main navigation; the current page's entry gets `aria-current`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Home,
    Checker,
    Glossary,
    Questions,
    Help,
    Search,
    About,
    None,
}

/// One page before the shell is put around it.
pub struct Page {
    pub path: SitePath,
    /// Plain text (escaped here).
    pub title: String,
    pub nav: Nav,
    /// The same page in other languages: `(lang, path)`, including this one.
    pub alternates: Vec<(String, SitePath)>,
    /// The page's `<main>` content, HTML.
    pub main: String,
}

/// The whole HTML document of `page` in `lang`.
pub fn document(site: &Site, lang: &Lang, page: &Page) -> String {
    let s = &lang.s;
    let here = &page.path;
    let link = |p: &SitePath| esc(&here.link(p, site.style));
    let home = SitePath::of(&[&lang.code]);
    let mut h = String::with_capacity(page.main.len() + 4096);
    push(
        &mut h,
        format_args!(
            "<!doctype html>\n<html lang=\"{}\" dir=\"{}\"{}>\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <title>{} · {}</title>\n<link rel=\"stylesheet\" href=\"{}\">\n\
             <link rel=\"manifest\" href=\"{}\">\n<link rel=\"icon\" href=\"{}\">\n\
             <meta name=\"theme-color\" content=\"{THEME_COLOR}\">\n<script src=\"{}\" defer></script>\n",
            esc(&lang.code),
            lang.dir,
            if site.preview.is_some() {
                " data-preview=\"1\""
            } else {
                ""
            },
            esc(&page.title),
            s.t("app-name"),
            esc(&here.asset("site.css")),
            esc(&here.asset("manifest.webmanifest")),
            esc(&here.asset("icon.png")),
            esc(&here.asset("site.js")),
        ),
    );
    for (alt, path) in &page.alternates {
        push(
            &mut h,
            format_args!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
                esc(alt),
                link(path)
            ),
        );
    }
    push(
        &mut h,
        format_args!(
            "</head>\n<body>\n<a class=\"skip\" href=\"#main\">{}</a>\n<header class=\"top\">\n\
             <a class=\"brand\" href=\"{}\">{}</a>\n<a class=\"help-now\" href=\"{}\"{}>{}</a>\n\
             <nav aria-label=\"{}\"><ul>\n",
            s.t("skip-to-content"),
            link(&home),
            s.t("app-name"),
            link(&home.join("help")),
            if page.nav == Nav::Help {
                " aria-current=\"page\""
            } else {
                ""
            },
            s.t("help-now"),
            s.t("nav-label"),
        ),
    );
    let entries = [
        (Nav::Home, SitePath::of(&[&lang.code]), "nav-home"),
        (Nav::Checker, home.join("check"), "nav-checker"),
        (Nav::Glossary, home.join("glossary"), "nav-decoder"),
        (Nav::Questions, home.join("questions"), "nav-questions"),
        (Nav::Search, home.join("search"), "nav-search"),
        (Nav::About, home.join("about"), "web-nav-about"),
    ];
    for (nav, path, label) in entries {
        let current = if nav == page.nav {
            " aria-current=\"page\""
        } else {
            ""
        };
        push(
            &mut h,
            format_args!(
                "<li><a href=\"{}\"{current}>{}</a></li>\n",
                link(&path),
                s.t(label)
            ),
        );
    }
    h.push_str("</ul></nav>\n");
    push(
        &mut h,
        format_args!(
            "<nav class=\"langs\" aria-label=\"{}\"><ul>\n",
            s.t("settings-language")
        ),
    );
    for other in &site.langs {
        let Some((_, path)) = page.alternates.iter().find(|(l, _)| *l == other.code) else {
            continue;
        };
        let current = if other.code == lang.code {
            " aria-current=\"true\""
        } else {
            ""
        };
        push(
            &mut h,
            format_args!(
                "<li><a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\" dir=\"{}\"{current}>{}</a></li>\n",
                link(path),
                other.dir,
                other.name,
                code = esc(&other.code),
            ),
        );
    }
    h.push_str("</ul></nav>\n</header>\n<main id=\"main\">\n");
    if let Some(preview) = site.preview {
        h.push_str(&crate::preview::banner(
            preview,
            &here.link(&home, site.style),
        ));
        // The page's own problems go first, above its content.
        h.push_str(&crate::preview::problems_box(&preview.on_page(here)));
    }
    h.push_str(&page.main);
    push(
        &mut h,
        format_args!(
            "</main>\n<footer class=\"foot\">\n<p>{}</p>\n<p>{} <a href=\"{}\">{}</a></p>\n</footer>\n</body>\n</html>\n",
            s.t("footer-not-diagnosis"),
            s.t("footer-licence"),
            link(&home.join("about")),
            s.t("web-nav-about"),
        ),
    );
    h
}
