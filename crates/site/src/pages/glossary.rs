//! The glossary by body area: every concept, each in the first chain language that has it
//! (the app's per-item fallback), with its other spellings and the module to read next. It
//! stands in for the report decoder, which stays in the app.

use scanwise_core::model::{Concept, ConceptArea};
use scanwise_core::slot::Localized;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::links::Here;
use crate::paths::safe_id;

const AREAS: [(ConceptArea, &str); 5] = [
    (ConceptArea::Spine, "spine"),
    (ConceptArea::Knee, "knee"),
    (ConceptArea::Shoulder, "shoulder"),
    (ConceptArea::Joint, "joint"),
    (ConceptArea::General, "general"),
];

pub fn glossary(
    site: &Site,
    lang: &Lang,
    concepts: &[Localized<Concept>],
) -> Result<Vec<Page>, SiteError> {
    let s = &lang.s;
    let path = lang.home().join("glossary");
    let here = Here {
        page: &path,
        lang: &lang.code,
        style: site.style,
    };
    let mut m = String::with_capacity(64 * 1024);
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<p class=\"lede\">{}</p>\n<p class=\"notice\">{} <a href=\"{}\">{}</a></p>\n<nav class=\"areas\" aria-label=\"{}\"><ul>\n",
            s.t("web-glossary-title"),
            s.t("web-glossary-lede"),
            s.t("web-glossary-in-app"),
            esc(&format!(
                "{}#decoder",
                here.link(&lang.home().join("about"))
            )),
            s.t("web-about-decoder-title"),
            s.t("home-by-area"),
        ),
    );
    let present: Vec<_> = AREAS
        .iter()
        .filter(|(a, _)| concepts.iter().any(|c| c.area == *a))
        .collect();
    for (_, name) in &present {
        push(
            &mut m,
            format_args!(
                "<li><a class=\"area\" href=\"#area-{name}\">{}</a></li>\n",
                s.t(&format!("web-glossary-area-{name}"))
            ),
        );
    }
    m.push_str("</ul></nav>\n");
    for (area, name) in &present {
        push(
            &mut m,
            format_args!(
                "<section id=\"area-{name}\" aria-labelledby=\"h-area-{name}\">\n<h2 id=\"h-area-{name}\">{}</h2>\n",
                s.t(&format!("web-glossary-area-{name}"))
            ),
        );
        for c in concepts.iter().filter(|c| c.area == *area) {
            push(
                &mut m,
                format_args!(
                    "<div class=\"concept\" id=\"g-{}\" data-concept=\"{}\"{}>\n<h3>{}",
                    esc(&c.id),
                    esc(&c.id),
                    lang_attrs(&c.lang),
                    esc(&c.term)
                ),
            );
            if c.is_fallback {
                push(
                    &mut m,
                    format_args!(
                        " <span class=\"badge\"{}>{}</span>",
                        lang_attrs(&lang.code),
                        s.t_args(
                            "fallback-badge",
                            &[("language", &site.language_name_raw(&c.lang))]
                        )
                    ),
                );
            }
            push(
                &mut m,
                format_args!("</h3>\n<p>{}</p>\n", esc(&c.explanation)),
            );
            if !c.aliases.is_empty() {
                let words: Vec<&str> = c.aliases.iter().take(6).map(String::as_str).collect();
                push(
                    &mut m,
                    format_args!(
                        "<p class=\"aliases hint\">{}</p>\n",
                        s.t_args("glossary-also-written", &[("words", &words.join(", "))])
                    ),
                );
            }
            if let Some(module) = c.see_module.as_deref().filter(|m| safe_id(m).is_ok()) {
                push(
                    &mut m,
                    format_args!(
                        "<p{}><a href=\"{}\">{}</a></p>\n",
                        lang_attrs(&lang.code),
                        esc(&here.module(module)),
                        s.t("decoder-read-more")
                    ),
                );
            }
            m.push_str("</div>\n");
        }
        m.push_str("</section>\n");
    }
    Ok(vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: s.raw("web-glossary-title"),
        nav: Nav::Glossary,
        main: m,
    }])
}
