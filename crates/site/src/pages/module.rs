//! A module page, as the app's module screen shows it (ui/src/screens/module.tsx): the
//! fallback and "not yet reviewed" notices, key points, sections, myth or fact (the answer
//! behind a `<details>`, no script), the module's questions and the evidence card.

use scanwise_core::model::{MythOrFactAnswer, ReviewState};
use scanwise_core::slot::ModuleView;

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::links::{Here, rewrite};
use crate::paths::{SitePath, safe_id};

/// A page for every module any language of the chain has, in the first language that has it
/// (`docs`, as [`super::Read`] has them).
pub fn modules(site: &Site, lang: &Lang, docs: &[ModuleView]) -> Result<Vec<Page>, SiteError> {
    docs.iter().map(|doc| page(site, lang, doc)).collect()
}

fn page(site: &Site, lang: &Lang, doc: &ModuleView) -> Result<Page, SiteError> {
    let s = &lang.s;
    let path = SitePath::of(&[&lang.code, "m", safe_id(&doc.id)?]);
    let here = Here {
        page: &path,
        lang: &lang.code,
        style: site.style,
    };
    let ui = lang_attrs(&lang.code);
    let mut m = String::with_capacity(16 * 1024);
    push(
        &mut m,
        format_args!(
            "<article class=\"module\"{} data-module=\"{}\">\n<h1>{}</h1>\n",
            lang_attrs(&doc.lang),
            esc(&doc.id),
            esc(&doc.title)
        ),
    );
    if doc.is_fallback {
        push(
            &mut m,
            format_args!(
                "<p class=\"notice fallback\" role=\"note\"{ui} data-testid=\"fallback-notice\">{}</p>\n",
                s.t_args(
                    "fallback-notice",
                    &[
                        ("requested", &site.language_name_raw(&doc.requested_lang)),
                        ("shown", &site.language_name_raw(&doc.lang)),
                    ]
                )
            ),
        );
    }
    if doc.review.state == ReviewState::Draft {
        push(
            &mut m,
            format_args!(
                "<p class=\"notice draft\" role=\"note\"{ui} data-testid=\"draft-notice\">{}</p>\n",
                s.t("review-draft")
            ),
        );
    }
    push(
        &mut m,
        format_args!(
            "<p class=\"meta\"{ui}>{}</p>\n<p class=\"lede\">{}</p>\n",
            s.t_count("minutes", "minutes", doc.minutes as usize),
            esc(&doc.summary)
        ),
    );
    if !doc.key_points.is_empty() {
        push(
            &mut m,
            format_args!(
                "<section class=\"key-points\" aria-labelledby=\"h-key-points\">\n<h2 id=\"h-key-points\"{ui}>{}</h2>\n<ul>\n",
                s.t("key-points")
            ),
        );
        for k in &doc.key_points {
            push(&mut m, format_args!("<li>{}</li>\n", esc(k)));
        }
        m.push_str("</ul>\n</section>\n");
    }
    for sec in &doc.sections {
        let anchor = esc(&sec.anchor);
        push(
            &mut m,
            format_args!(
                "<section id=\"s-{anchor}\" aria-labelledby=\"h-{anchor}\" class=\"section\">\n<h2 id=\"h-{anchor}\">{}</h2>\n<div class=\"prose\">{}</div>\n</section>\n",
                esc(&sec.heading),
                // Sanitised HTML (the pack's, sanitised again by this build); only links change.
                rewrite(&sec.html, &here),
            ),
        );
    }
    if !doc.myth_or_fact.is_empty() {
        push(
            &mut m,
            format_args!(
                "<section class=\"myths\" aria-labelledby=\"h-myths\">\n<h2 id=\"h-myths\"{ui}>{}</h2>\n",
                s.t("myth-title")
            ),
        );
        for (i, myth) in doc.myth_or_fact.iter().enumerate() {
            let verdict = match myth.answer {
                MythOrFactAnswer::Myth => "myth-is-myth",
                MythOrFactAnswer::Fact => "myth-is-fact",
            };
            push(
                &mut m,
                format_args!(
                    "<div class=\"myth\" role=\"group\" aria-labelledby=\"myth-{i}\">\n<p id=\"myth-{i}\" class=\"statement\">{}</p>\n\
                     <details class=\"reveal\"><summary{ui}>{}</summary>\n<p{ui}><strong>{}</strong></p>\n<p>{}</p>\n</details>\n</div>\n",
                    esc(&myth.statement),
                    s.t("web-myth-show"),
                    s.t(verdict),
                    esc(&myth.explanation),
                ),
            );
        }
        m.push_str("</section>\n");
    }
    if !doc.questions.is_empty() {
        push(
            &mut m,
            format_args!(
                "<section class=\"module-questions\" aria-labelledby=\"h-mq\"{ui}>\n<h2 id=\"h-mq\">{}</h2>\n<ul>\n",
                s.t("module-questions")
            ),
        );
        for q in &doc.questions {
            push(
                &mut m,
                format_args!(
                    "<li{} data-question=\"{}\">{}</li>\n",
                    lang_attrs(&q.lang),
                    esc(&q.id),
                    esc(&q.text)
                ),
            );
        }
        push(
            &mut m,
            format_args!(
                "</ul>\n<p><a href=\"{}\">{}</a></p>\n</section>\n",
                esc(&here.link(&lang.home().join("questions"))),
                s.t("web-questions-print")
            ),
        );
    }
    evidence(&mut m, site, lang, doc);
    m.push_str("</article>\n");
    Ok(Page {
        alternates: site.everywhere(&path),
        path,
        title: doc.title.clone(),
        nav: Nav::None,
        main: m,
    })
}

/// The evidence card: review, next review, translation date (and "may be out of date"),
/// languages, and the references with their links.
fn evidence(m: &mut String, site: &Site, lang: &Lang, doc: &ModuleView) {
    let s = &lang.s;
    let r = &doc.review;
    let review = if r.state == ReviewState::Draft {
        s.t("review-draft")
    } else {
        s.t_args(
            "review-by",
            &[
                ("reviewer", r.reviewer.as_deref().unwrap_or("?")),
                ("date", r.reviewed_on.as_deref().unwrap_or("?")),
            ],
        )
    };
    push(
        m,
        format_args!(
            "<aside class=\"evidence\" aria-labelledby=\"h-evidence\"{} data-testid=\"evidence\">\n<h2 id=\"h-evidence\">{}</h2>\n<dl>\n<dt>{}</dt>\n<dd data-testid=\"review-state\" data-review=\"{}\">{review}</dd>\n",
            lang_attrs(&lang.code),
            s.t("evidence-title"),
            s.t("evidence-review"),
            match r.state {
                ReviewState::Draft => "draft",
                ReviewState::Reviewed => "reviewed",
                ReviewState::Published => "published",
            },
        ),
    );
    if let Some(next) = &r.next_review {
        push(
            m,
            format_args!(
                "<dt>{}</dt>\n<dd>{}</dd>\n",
                s.t("evidence-next-review"),
                esc(next)
            ),
        );
    }
    if let Some(t) = &doc.translation {
        push(
            m,
            format_args!(
                "<dt>{}</dt>\n<dd>{}",
                s.t("evidence-translated"),
                esc(&t.translated_on)
            ),
        );
        if t.stale {
            push(
                m,
                format_args!(
                    " <strong class=\"stale\">{}</strong>",
                    s.t("translation-stale")
                ),
            );
        }
        m.push_str("</dd>\n");
    }
    let names: Vec<String> = doc
        .languages
        .iter()
        .map(|l| site.language_name(l))
        .collect();
    push(
        m,
        format_args!(
            "<dt>{}</dt>\n<dd>{}</dd>\n</dl>\n",
            s.t("evidence-languages"),
            names.join(", ")
        ),
    );
    if !doc.references.is_empty() {
        push(
            m,
            format_args!(
                "<h3>{}</h3>\n<ol class=\"references\">\n",
                s.t("evidence-references")
            ),
        );
        for r in &doc.references {
            push(
                m,
                format_args!(
                    "<li id=\"ref-{}\" lang=\"en\" dir=\"ltr\">{}",
                    esc(&r.id),
                    esc(&r.citation)
                ),
            );
            if let Some(doi) = &r.doi {
                push(m, format_args!(" doi:{}", esc(doi)));
            }
            // A link, never a resource: following it is the reader's choice.
            if let Some(url) = r.url.as_deref().filter(|u| u.starts_with("https://")) {
                push(
                    m,
                    format_args!(
                        " <a class=\"ref-link\" href=\"{u}\" rel=\"noopener noreferrer\">{u}</a>",
                        u = esc(url)
                    ),
                );
            }
            m.push_str("</li>\n");
        }
        m.push_str("</ol>\n");
    }
    m.push_str("</aside>\n");
}
