//! "Get help now": the numbers of every region (a page cannot know where its reader is without
//! a script, so the table is the region picker; each row has an anchor, `#region-NO`), and
//! the warning signs by tier from the checker itself (`checker::signs_by_tier`), so this page,
//! the checker and the safety module never send a sign to different places.

use scanwise_core::checker::signs_by_tier;
use scanwise_core::model::{OutcomeKind, SAFETY_MODULE_ID};

use super::{Lang, Site};
use crate::error::SiteError;
use crate::html::{esc, lang_attrs, push};
use crate::layout::{Nav, Page};
use crate::links::Here;

/// The name of a region in `lang` ("Norge"); its code when the name is not translated yet.
pub fn region_name(lang: &Lang, code: &str) -> String {
    if code == "default" {
        return lang.s.t("region-default");
    }
    lang.s
        .optional(&format!("web-region-{code}"))
        .unwrap_or_else(|| esc(code))
}

/// Every region's emergency and same-day numbers, as `tel:` links a phone dials in one tap.
pub fn numbers_table(site: &Site, lang: &Lang) -> String {
    let s = &lang.s;
    let mut h = String::new();
    push(
        &mut h,
        format_args!(
            "<table class=\"numbers-table\" data-testid=\"numbers\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            s.t("web-help-numbers-title"),
            s.t("web-help-country"),
            s.t("web-help-emergency"),
            s.t("web-help-urgent"),
        ),
    );
    let tel = |n: &str| {
        let digits: String = n
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!(
            "<a class=\"number\" href=\"tel:{}\" dir=\"ltr\">{}</a>",
            esc(&digits),
            esc(n)
        )
    };
    // On a narrow screen the rows wrap and the column headings are hidden, so each number
    // carries its own label there (hidden from screen readers, which read the headings).
    let label = |id: &str| {
        format!(
            "<span class=\"cell-label\" aria-hidden=\"true\">{}</span> ",
            s.t(id)
        )
    };
    let mut other = false;
    for r in &site.regions {
        let Some(emergency) = r.emergency.as_deref() else {
            other = true;
            continue;
        };
        let urgent = match (r.urgent.as_deref(), r.urgent_name.as_deref()) {
            (Some(n), Some(name)) => format!(
                "{}{} <bdi class=\"hint\">({})</bdi>",
                label("help-urgent"),
                tel(n),
                esc(name)
            ),
            (Some(n), None) => format!("{}{}", label("help-urgent"), tel(n)),
            (None, _) => String::new(),
        };
        push(
            &mut h,
            format_args!(
                "<tr id=\"region-{code}\" data-region=\"{code}\"><th scope=\"row\"><a href=\"#region-{code}\" data-region-pick=\"{code}\">{}</a></th><td>{}{}</td><td>{urgent}</td></tr>\n",
                region_name(lang, &r.code),
                label("help-emergency"),
                tel(emergency),
                code = esc(&r.code),
            ),
        );
    }
    h.push_str("</tbody>\n</table>\n");
    if other || site.regions.is_empty() {
        push(
            &mut h,
            format_args!("<p class=\"numbers\">{}</p>\n", s.t("web-help-other")),
        );
    }
    h
}

pub fn help(site: &Site, lang: &Lang) -> Result<Vec<Page>, SiteError> {
    let s = &lang.s;
    let path = lang.home().join("help");
    let here = Here {
        page: &path,
        lang: &lang.code,
        style: site.style,
    };
    let mut m = String::with_capacity(16 * 1024);
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<section class=\"urgent-card\" aria-labelledby=\"h-call\">\n<h2 id=\"h-call\">{}</h2>\n\
             <div id=\"my-region\" hidden>\n<p class=\"lede\">{}</p>\n<table class=\"numbers-table mine\"><tbody></tbody></table>\n</div>\n{}</section>\n",
            s.t("help-title"),
            s.t("help-call-now"),
            s.t("web-help-my-region"),
            numbers_table(site, lang),
        ),
    );
    let chain = lang.chain();
    let pack = site
        .slot
        .checker(&chain)?
        .ok_or_else(|| SiteError::NoChecker {
            lang: lang.code.clone(),
        })?;
    push(
        &mut m,
        format_args!(
            "<div class=\"help-signs\" data-testid=\"help-signs\">\n<p>{}</p>\n",
            s.t("help-signs-lede")
        ),
    );
    for (tier, signs) in signs_by_tier(&pack) {
        let name = tier_name(tier);
        let class = if tier == OutcomeKind::Emergency {
            " class=\"urgent-card\""
        } else {
            ""
        };
        push(
            &mut m,
            format_args!(
                "<section data-tier=\"{name}\" aria-labelledby=\"h-signs-{name}\"{class}>\n<h2 id=\"h-signs-{name}\">{}</h2>\n<ul{}>\n",
                s.t(&format!("help-signs-{name}")),
                lang_attrs(&pack.lang),
            ),
        );
        for q in signs {
            push(
                &mut m,
                format_args!(
                    "<li data-sign=\"{}\">{}</li>\n",
                    esc(&q.id),
                    esc(q.sign.as_deref().unwrap_or(&q.text))
                ),
            );
        }
        m.push_str("</ul>\n</section>\n");
    }
    push(
        &mut m,
        format_args!(
            "</div>\n<p><a href=\"{}\">{}</a></p>\n<p><a href=\"{}\">{}</a></p>\n",
            esc(&here.module(SAFETY_MODULE_ID)),
            s.t("help-read-safety"),
            esc(&here.link(&lang.home().join("check"))),
            s.t("help-checker"),
        ),
    );
    Ok(vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: s.raw("help-title"),
        nav: Nav::Help,
        main: m,
    }])
}

/// The tier's name in ids and strings (`help-signs-emergency`).
pub fn tier_name(tier: OutcomeKind) -> &'static str {
    match tier {
        OutcomeKind::Emergency => "emergency",
        OutcomeKind::Urgent => "urgent",
        OutcomeKind::Soon => "soon",
        OutcomeKind::DiscussImaging => "discuss_imaging",
        OutcomeKind::ScanUnlikelyToHelp => "scan_unlikely_to_help",
    }
}
