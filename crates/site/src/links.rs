//! Pack HTML names in-app routes (`#/module/ID`, `#/module/ID/ANCHOR`, `#/glossary/ID`); on the
//! website they become relative links to the pages. Citation anchors (`#ref-ID`) stay: the
//! evidence card is on the same page. `https:` links stay as links (the sanitiser allows no
//! other scheme, and no element that loads anything).
//!
//! The HTML was written by the sanitiser, so every `href` is `href="..."` with `&` and `"`
//! escaped: a plain scan for that attribute is enough, and anything unexpected in a route makes
//! the link point nowhere (`#`) rather than somewhere unchecked.

use crate::paths::{LinkStyle, SitePath, safe_id};

/// Where a page is, for turning routes into relative links.
pub struct Here<'a> {
    pub page: &'a SitePath,
    pub lang: &'a str,
    pub style: LinkStyle,
}

impl Here<'_> {
    pub fn link(&self, target: &SitePath) -> String {
        self.page.link(target, self.style)
    }

    /// The page of module `id` in this language.
    pub fn module(&self, id: &str) -> String {
        self.link(&SitePath::of(&[self.lang, "m", id]))
    }

    /// The glossary entry of concept `id`.
    pub fn concept(&self, id: &str) -> String {
        format!(
            "{}#g-{id}",
            self.link(&SitePath::of(&[self.lang, "glossary"]))
        )
    }
}

/// `html` with every in-app route replaced by a relative link from `here`.
pub fn rewrite(html: &str, here: &Here<'_>) -> String {
    const ATTR: &str = "href=\"";
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(ATTR) {
        let value_start = at + ATTR.len();
        out.push_str(&rest[..value_start]);
        let Some(len) = rest[value_start..].find('"') else {
            // Unterminated (never written by the sanitiser): keep the rest as it is.
            out.push_str(&rest[value_start..]);
            return out;
        };
        let value = &rest[value_start..value_start + len];
        out.push_str(&route(value, here));
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

fn route(href: &str, here: &Here<'_>) -> String {
    let Some(route) = href.strip_prefix("#/") else {
        return href.to_string();
    };
    let parts: Vec<&str> = route.split('/').collect();
    match parts.as_slice() {
        ["module", id] if safe_id(id).is_ok() => here.module(id),
        ["module", id, anchor] if safe_id(id).is_ok() && safe_id(anchor).is_ok() => {
            format!("{}#s-{anchor}", here.module(id))
        }
        ["glossary", id] if safe_id(id).is_ok() => here.concept(id),
        _ => "#".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_become_relative_links_and_the_rest_is_kept() {
        let page = SitePath::of(&["nb", "m", "radiation"]);
        let here = Here {
            page: &page,
            lang: "nb",
            style: LinkStyle::Directory,
        };
        let html = concat!(
            r##"<p><a href="#/module/do-i-need-a-scan">a</a> <a href="#/module/when-a-scan-is-needed/red-flags">b</a> "##,
            r##"<a href="#/glossary/disc-bulge">c</a> <a class="cite" href="#ref-x1">[1]</a> "##,
            r##"<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer">d</a> "##,
            r##"<a href="#/module/../../etc">e</a> <a href="#/checker">f</a></p>"##
        );
        let out = rewrite(html, &here);
        assert!(out.contains(r#"href="../do-i-need-a-scan/""#), "{out}");
        assert!(
            out.contains(r#"href="../when-a-scan-is-needed/#s-red-flags""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="../../glossary/#g-disc-bulge""#),
            "{out}"
        );
        assert!(out.contains(r##"href="#ref-x1""##), "{out}");
        assert!(
            out.contains(r#"href="https://example.org/?a=1&amp;b=2""#),
            "{out}"
        );
        assert!(!out.contains("etc"), "{out}");
        assert!(!out.contains("#/"), "{out}");
    }
}
