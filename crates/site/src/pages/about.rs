//! About and privacy: what the site is, that the report decoder stays in the app (report text
//! never leaves a device, so the site never asks for it) and the glossary stands in for it,
//! what the checker's pages reveal to a server, and the licences.

use super::{Lang, Site};
use crate::html::{esc, push};
use crate::layout::{Nav, Page};

pub fn about(site: &Site, lang: &Lang) -> Vec<Page> {
    let s = &lang.s;
    let path = lang.home().join("about");
    let glossary = esc(&path.link(&lang.home().join("glossary"), site.style));
    let mut m = String::new();
    push(
        &mut m,
        format_args!(
            "<h1>{}</h1>\n<p class=\"lede\">{}</p>\n<p>{}</p>\n\
             <section aria-labelledby=\"h-decoder\" id=\"decoder\">\n<h2 id=\"h-decoder\">{}</h2>\n<p>{}</p>\n<p><a href=\"{glossary}\">{}</a></p>\n</section>\n\
             <section aria-labelledby=\"h-privacy\" id=\"privacy\">\n<h2 id=\"h-privacy\">{}</h2>\n<p>{}</p>\n<p>{}</p>\n<p>{}</p>\n</section>\n\
             <section aria-labelledby=\"h-licence\">\n<h2 id=\"h-licence\">{}</h2>\n<p>{}</p>\n<p>{}</p>\n</section>\n",
            s.t("web-about-title"),
            s.t("web-about-lede"),
            s.t("web-about-review"),
            s.t("web-about-decoder-title"),
            s.t("web-about-decoder"),
            s.t("web-glossary-title"),
            s.t("web-about-privacy-title"),
            s.t("web-about-privacy"),
            s.t("web-checker-privacy"),
            s.t("web-about-offline"),
            s.t("web-about-licence-title"),
            s.t("footer-licence"),
            s.t("footer-not-diagnosis"),
        ),
    );
    vec![Page {
        alternates: site.everywhere(&path),
        path,
        title: s.raw("web-about-title"),
        nav: Nav::About,
        main: m,
    }]
}
