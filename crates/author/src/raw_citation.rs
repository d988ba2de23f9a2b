//! SW100: a `[@id]` citation in plain text (key points, myth-or-fact texts, glossary, checker and
//! appointment-question texts). Only module bodies number their citations; anywhere else the
//! patient would read the raw `[@acr-shoulder-2024]`.

use std::ops::Range;

use crate::diag::{Code, Diagnostic};
use crate::patient_text::PatientText;

/// Byte ranges of `[@…]` citations in `text`: `[@` then an id character, up to the `]`.
pub fn raw_citations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find("[@")) {
        let start = from + i;
        let rest = &text[start + 2..];
        let starts_with_id = rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !starts_with_id {
            from = start + 2;
            continue;
        }
        // Up to the closing bracket on the same line; an unclosed one runs to the line's end.
        let len = rest.find([']', '\n']).map_or(rest.len(), |j| {
            if rest[j..].starts_with(']') { j + 1 } else { j }
        });
        out.push(start..start + 2 + len);
        from = start + 2 + len;
    }
    out
}

pub fn check(texts: &[PatientText<'_>], diags: &mut Vec<Diagnostic>) {
    for t in texts.iter().filter(|t| t.place.is_plain()) {
        for r in raw_citations(t.text) {
            let shown = &t.text[r.clone()];
            diags.push(
                Diagnostic::new(
                    Code::RawCitation,
                    format!(
                        "{} would show the citation `{shown}` as raw text",
                        t.place.describe()
                    ),
                )
                .at(t.src, t.file_range(r))
                .with_hint(
                    "only module bodies number citations: remove it here and cite the body paragraph that says the same",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_citations_but_not_other_brackets() {
        let t = "X-ray first [@acr-shoulder-2024]. Two [@a; @b-2]. Not [@ x] or [@] or [link](y).";
        let found: Vec<&str> = raw_citations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(found, ["[@acr-shoulder-2024]", "[@a; @b-2]"]);
        assert!(raw_citations("no citations here").is_empty());
        // Unclosed, and multi-byte text around it: no panic, runs to the end of the line.
        let u = "Smerter æøå [@cuff2020\nneste linje";
        let found: Vec<&str> = raw_citations(u).into_iter().map(|r| &u[r]).collect();
        assert_eq!(found, ["[@cuff2020"]);
    }
}
