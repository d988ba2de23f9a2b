//! The one HTML allow-list for pack content, shared by `scanwise build` (through
//! `scanwise-author`) and the device updater, which re-sanitises every pack it imports, so a
//! pack that is validly signed but was not built by `scanwise build` is made inert before it
//! is stored.
//!
//! It lives here, not in `scanwise-author`, because the device must not depend on the
//! authoring pipeline (Markdown, readability, diagnostics); the allow-list is a property of
//! the pack model (`Section::html`, `CheckerOutcome::body`), which this crate owns.

use crate::model::Pack;
use std::collections::HashSet;

/// The sanitiser every piece of pack HTML goes through: a small allow-list, `https:` and
/// in-app `#/...` links only, no attributes that run code, no images, no styles.
pub fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::empty();
    b.add_tags([
        "p",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "a",
        "code",
        "pre",
        "blockquote",
        "abbr",
        "sub",
        "sup",
        "br",
        "hr",
    ])
    .add_clean_content_tags(["script", "style"])
    .add_tag_attributes("a", ["href"])
    .add_tag_attributes("abbr", ["title"])
    .add_tag_attributes("ol", ["start"])
    .add_allowed_classes("a", ["cite"])
    .url_schemes(HashSet::from(["https"]))
    .url_relative(ammonia::UrlRelative::PassThrough)
    .link_rel(Some("noopener noreferrer"));
    b
}

/// Runs every HTML field of `pack` through [`sanitizer`]. Returns how many fields changed
/// (0 for any pack `scanwise build` made: sanitising its output again is a no-op).
pub fn sanitize_pack(pack: &mut Pack, clean: &ammonia::Builder<'_>) -> usize {
    let mut changed = 0;
    let mut fix = |html: &mut String| {
        let cleaned = clean.clean(html).to_string();
        if cleaned != *html {
            *html = cleaned;
            changed += 1;
        }
    };
    match pack {
        Pack::Module(m) => m.sections.iter_mut().for_each(|s| fix(&mut s.html)),
        Pack::Checker(c) => c.outcomes.iter_mut().for_each(|o| fix(&mut o.body)),
        Pack::Glossary(_) | Pack::Questions(_) | Pack::Common(_) => {}
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let clean = sanitizer();
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">l</a><a href="https://nhs.uk">n</a><iframe src="https://e"></iframe></p>"#;
        let out = clean.clean(dirty).to_string();
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript:",
            "<img",
            "iframe",
            "alert",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(out.contains(r#"href="https://nhs.uk""#), "{out}");
        // Idempotent: clean HTML is left as it is.
        assert_eq!(clean.clean(&out).to_string(), out);
    }

    /// Character references decode as HTML5 says: the longest name that matches, names without
    /// `;` only where the spec allows them, unknown names left as text. (html5ever's table of
    /// names is a patched copy, `vendor/web_atoms`: this pins its answers.)
    #[test]
    fn character_references_decode_as_html5_says() {
        let clean = sanitizer();
        for (html, text) in [
            ("&amp; &lt;b&gt;", "&amp; &lt;b&gt;"),
            ("caf&eacute; &Eacute;", "café É"),
            ("&notin; &notit; &not", "\u{2209} \u{ac}it; \u{ac}"),
            ("&NotGreaterFullEqual;", "\u{2267}\u{338}"),
            ("&CounterClockwiseContourIntegral;", "\u{2233}"),
            ("&copyx &copy; &COPY", "\u{a9}x \u{a9} \u{a9}"),
            (
                "&xyz; &am &; & &#169; &#x2209;",
                "&amp;xyz; &amp;am &amp;; &amp; \u{a9} \u{2209}",
            ),
        ] {
            let out = clean.clean(&format!("<p>{html}</p>")).to_string();
            assert_eq!(out, format!("<p>{text}</p>"), "{html}");
        }
        // In an attribute a name without `;` followed by `=` or a letter stays as written.
        let out = clean
            .clean(r#"<a href="https://a.example/?x=1&notit=2&copy=3&amp;y=&lt;">l</a>"#)
            .to_string();
        assert_eq!(
            out,
            r#"<a href="https://a.example/?x=1&amp;notit=2&amp;copy=3&amp;y=&lt;" rel="noopener noreferrer">l</a>"#
        );
    }
}
