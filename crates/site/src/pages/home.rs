//! The language chooser at the site root and each language's home: the app's home list (by
//! body area, by topic) with the same badges, and the ways into the tools.

use scanwise_core::model::BodyArea;
use scanwise_core::slot::ModuleSummary;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::paths::{SitePath, safe_id};

/// One language of a language list, by its own name, linking from `from` to its home; `extra`
/// (HTML) follows the link.
pub(super) fn language_choice(site: &Site, from: &SitePath, l: &Lang, extra: &str) -> String {
    format!(
        "<li{}><a class=\"area\" href=\"{}\" hreflang=\"{}\">{}</a>{extra}</li>\n",
        lang_attrs(&l.code),
        esc(&from.link(&l.home(), site.style)),
        esc(&l.code),
        l.name,
    )
}

/// `index.html`: every language by its own name; no guessing, no redirect.
pub fn chooser(site: &Site) -> Page {
    let root = SitePath::root();
    let mut main = String::from("<h1>ScanWise</h1>\n<ul class=\"choice-list languages\">\n");
    for l in &site.langs {
        let hint = format!(
            "<br><span class=\"hint\">{}</span>",
            l.s.t("web-languages-title")
        );
        main.push_str(&language_choice(site, &root, l, &hint));
    }
    main.push_str("</ul>\n");
    let mut alternates: Vec<(String, SitePath)> = site
        .langs
        .iter()
        .map(|l| (l.code.clone(), l.home()))
        .collect();
    alternates.push(("x-default".to_string(), root.clone()));
    Page {
        path: root,
        title: site.default_lang().s.raw("web-languages-title"),
        nav: Nav::None,
        alternates,
        main,
    }
}

pub fn home(site: &Site, lang: &Lang, cards: &[ModuleSummary]) -> Result<Vec<Page>, SiteError> {
    let s = &lang.s;
    let path = lang.home();
    let link = |p: &SitePath| esc(&path.link(p, site.style));
    let mut main = String::new();
    push(
        &mut main,
        format_args!(
            "<h1>{}</h1>\n<p class=\"lede\">{}</p>\n<div class=\"quick\">\n\
             <a class=\"card-link\" href=\"{}\">{}</a>\n<a class=\"card-link\" href=\"{}\">{}</a>\n\
             <a class=\"card-link\" href=\"{}\">{}</a>\n</div>\n",
            s.t("home-title"),
            s.t("home-lede"),
            link(&path.join("check")),
            s.t("home-checker-cta"),
            link(&path.join("glossary")),
            s.t("home-decoder-cta"),
            link(&path.join("questions")),
            s.t("module-questions"),
        ),
    );
    // Shown by the page script only where a service worker can store pages.
    push(
        &mut main,
        format_args!(
            "<p class=\"offline\"><button type=\"button\" id=\"save-offline\" hidden data-lang=\"{}\" \
             data-saving=\"{}\" data-saved=\"{}\" data-failed=\"{}\">{}</button> \
             <span id=\"save-offline-status\" role=\"status\" aria-live=\"polite\"></span></p>\n",
            esc(&lang.code),
            s.t("web-offline-saving"),
            s.t("web-offline-saved"),
            s.t("web-offline-failed"),
            s.t("web-offline-save"),
        ),
    );
    let (by_area, topics): (Vec<&ModuleSummary>, Vec<_>) = cards
        .iter()
        .partition(|c| c.areas.iter().any(|a| *a != BodyArea::General));
    card_list(&mut main, site, lang, "by-area", "home-by-area", &by_area)?;
    card_list(&mut main, site, lang, "topics", "home-by-topic", &topics)?;
    Ok(vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: s.raw("home-title"),
        nav: Nav::Home,
        main,
    }])
}

fn card_list(
    main: &mut String,
    site: &Site,
    lang: &Lang,
    id: &str,
    title: &str,
    cards: &[&ModuleSummary],
) -> Result<(), SiteError> {
    if cards.is_empty() {
        return Ok(());
    }
    let s = &lang.s;
    let home = lang.home();
    push(
        main,
        format_args!(
            "<section aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{}</h2>\n<ul class=\"cards\">\n",
            s.t(title)
        ),
    );
    for c in cards {
        let target = SitePath::of(&[&lang.code, "m", safe_id(&c.id)?]);
        push(
            main,
            format_args!(
                "<li class=\"card\" data-module=\"{}\">\n<h3{}><a href=\"{}\">{}</a></h3>\n<p{}>{}</p>\n<p class=\"meta\"><span>{}</span>",
                esc(&c.id),
                lang_attrs(&c.lang),
                esc(&home.link(&target, site.style)),
                esc(&c.title),
                lang_attrs(&c.lang),
                esc(&c.summary),
                s.t_count("minutes", "minutes", c.minutes as usize),
            ),
        );
        if c.review == scanwise_core::model::ReviewState::Draft {
            push(
                main,
                format_args!(
                    "<span class=\"badge draft\">{}</span>",
                    s.t("review-draft-short")
                ),
            );
        }
        if c.is_fallback {
            push(
                main,
                format_args!(
                    "<span class=\"badge\">{}</span>",
                    s.t_args(
                        "fallback-badge",
                        &[("language", &site.language_name_raw(&c.lang))]
                    )
                ),
            );
        }
        main.push_str("</p>\n</li>\n");
    }
    main.push_str("</ul>\n</section>\n");
    Ok(())
}
