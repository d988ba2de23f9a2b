//! Questions to ask at the appointment, printable: one page in the language, and one page per
//! other language with both side by side (the app's "also show in", without a script).

use scanwise_core::model::AppointmentQuestion;
use scanwise_core::slot::Localized;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::paths::SitePath;

pub fn questions(site: &Site, lang: &Lang) -> Result<Vec<Page>, SiteError> {
    let base = lang.home().join("questions");
    let mine = site.slot.questions(&lang.chain())?;
    let mut pages = vec![page(site, lang, &base, &mine, None)?];
    for other in site.langs.iter().filter(|o| o.code != lang.code) {
        let theirs = site.slot.questions(&other.chain())?;
        pages.push(page(
            site,
            lang,
            &base.join(&other.code),
            &mine,
            Some((other, theirs.as_slice())),
        )?);
    }
    Ok(pages)
}

type Questions = [Localized<AppointmentQuestion>];

fn page(
    site: &Site,
    lang: &Lang,
    path: &SitePath,
    mine: &Questions,
    second: Option<(&Lang, &Questions)>,
) -> Result<Page, SiteError> {
    let s = &lang.s;
    let base = lang.home().join("questions");
    let mut m = String::with_capacity(8 * 1024);
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<p class=\"lede\">{}</p>\n<p class=\"no-print\">{}</p>\n<nav class=\"no-print\" aria-label=\"{}\"><ul class=\"choice-list\">\n",
            s.t("module-questions"),
            s.t("questions-lede"),
            s.t("web-questions-print"),
            s.t("questions-second-language"),
        ),
    );
    // The choices: only this language, or side by side with each other one.
    let mut choices = vec![(base.clone(), s.t("questions-no-second"), None)];
    for o in site.langs.iter().filter(|o| o.code != lang.code) {
        choices.push((base.join(&o.code), o.name.clone(), Some(o.code.as_str())));
    }
    push(
        &mut m,
        format_args!("<li>{}</li>\n", s.t("web-questions-both")),
    );
    for (target, label, code) in &choices {
        let current = if target == path {
            " aria-current=\"page\""
        } else {
            ""
        };
        let attrs = code.map(lang_attrs).unwrap_or_default();
        push(
            &mut m,
            format_args!(
                "<li><a class=\"area\" href=\"{}\"{current}{attrs}>{label}</a></li>\n",
                esc(&path.link(target, site.style))
            ),
        );
    }
    m.push_str("</ul></nav>\n<table class=\"question-table\">\n<thead><tr>");
    push(&mut m, format_args!("<th scope=\"col\">{}</th>", lang.name));
    if let Some((other, _)) = second {
        push(
            &mut m,
            format_args!(
                "<th scope=\"col\"{}>{}</th>",
                lang_attrs(&other.code),
                other.name
            ),
        );
    }
    push(
        &mut m,
        format_args!(
            "<th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            s.t("web-questions-tick")
        ),
    );
    for q in mine {
        push(
            &mut m,
            format_args!(
                "<tr data-question=\"{}\"><td{}>{}</td>",
                esc(&q.id),
                lang_attrs(&q.lang),
                esc(&q.text)
            ),
        );
        if let Some((_, theirs)) = second {
            match theirs.iter().find(|t| t.id == q.id) {
                Some(t) => push(
                    &mut m,
                    format_args!("<td{}>{}</td>", lang_attrs(&t.lang), esc(&t.text)),
                ),
                None => m.push_str("<td></td>"),
            }
        }
        m.push_str("<td class=\"tick\" aria-hidden=\"true\">☐</td></tr>\n");
    }
    m.push_str("</tbody>\n</table>\n");
    // The same page in another language: the same pair, or, for the second language itself,
    // the pair seen from its side.
    let alternates = site
        .langs
        .iter()
        .map(|l| {
            let home = l.home().join("questions");
            let alt = match second {
                None => home,
                Some((o, _)) if o.code == l.code => home.join(&lang.code),
                Some((o, _)) => home.join(&o.code),
            };
            (l.code.clone(), alt)
        })
        .collect();
    Ok(Page {
        path: path.clone(),
        title: s.raw("module-questions"),
        nav: Nav::Questions,
        alternates,
        main: m,
    })
}
