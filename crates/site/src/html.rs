//! Escaping. Every string from a pack or a translation goes through [`esc`] before it reaches a
//! page, except pack HTML fields, which the authoring pipeline sanitised (and the build
//! sanitises again) and which [`crate::links`] only rewrites.

use std::fmt::Write;

/// Text or attribute value, HTML-escaped (`&`, `<`, `>`, `"`, `'`).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Appends formatted text to a page buffer (writing to a `String` cannot fail).
pub fn push(buf: &mut String, args: std::fmt::Arguments<'_>) {
    let _ = buf.write_fmt(args);
}

/// `lang` and `dir` attributes for text in `lang` (with a leading space).
pub fn lang_attrs(lang: &str) -> String {
    format!(
        " lang=\"{}\" dir=\"{}\"",
        esc(lang),
        scanwise_core::l10n::direction(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x" onclick='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(lang_attrs("ar"), " lang=\"ar\" dir=\"rtl\"");
    }
}
