//! Every text a patient reads, with where it sits in its source file, and the checks that read
//! them all: raw citations (SW100), falsely certain wording (SW101-SW103) and time courses
//! without a source (SW104). `rules::check` calls [`check`] once.

use std::ops::Range;

use crate::content::Content;
use crate::diag::{Diagnostic, SourceFile};
use crate::sources::header_range;

/// What part of the app a text is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Title,
    Summary,
    KeyPoint,
    MythStatement,
    MythExplanation,
    /// A module body: Markdown with numbered citations.
    Body,
    GlossaryTerm,
    GlossaryExplanation,
    CheckerQuestion,
    CheckerHelp,
    OutcomeTitle,
    /// A checker outcome body: Markdown, but without citations.
    OutcomeBody,
    AppointmentQuestion,
}

impl Place {
    /// How the diagnostics name it.
    pub fn describe(self) -> &'static str {
        match self {
            Place::Title => "a module title",
            Place::Summary => "a module summary",
            Place::KeyPoint => "a key point",
            Place::MythStatement => "a myth-or-fact statement",
            Place::MythExplanation => "a myth-or-fact explanation",
            Place::Body => "a module body",
            Place::GlossaryTerm => "a glossary term",
            Place::GlossaryExplanation => "a glossary explanation",
            Place::CheckerQuestion => "a checker question",
            Place::CheckerHelp => "a checker question's help",
            Place::OutcomeTitle => "a checker card title",
            Place::OutcomeBody => "a checker card",
            Place::AppointmentQuestion => "an appointment question",
        }
    }

    /// Plain text, shown as written: a `[@id]` in it would reach the patient raw.
    pub fn is_plain(self) -> bool {
        !matches!(self, Place::Body | Place::OutcomeBody)
    }
}

/// One text a patient reads.
#[derive(Debug, Clone)]
pub struct PatientText<'a> {
    pub lang: &'a str,
    pub place: Place,
    pub src: &'a SourceFile,
    pub text: &'a str,
    /// Byte offset in `src.text` where `text` starts verbatim, when it does (TOML escapes can
    /// make the file differ from the value).
    pub at: Option<usize>,
    /// Where the text's key or table starts, for diagnostics when it is not verbatim.
    pub near: usize,
}

impl PatientText<'_> {
    /// A byte range of `text` as a byte range of the file.
    pub fn file_range(&self, r: Range<usize>) -> Range<usize> {
        match self.at {
            Some(o) => o + r.start..o + r.end,
            None => {
                let piece = self.text.get(r).unwrap_or("");
                if piece.is_empty() {
                    self.near..self.near
                } else {
                    self.src.find(self.near, piece)
                }
            }
        }
    }
}

/// Byte offset of the first verbatim occurrence of `text` in `src` at or after `from`.
pub fn locate(src: &SourceFile, from: usize, text: &str) -> Option<usize> {
    if text.is_empty() {
        return None;
    }
    let r = src.find(from, text);
    (r.end > r.start).then_some(r.start)
}

fn plain<'a>(
    lang: &'a str,
    place: Place,
    src: &'a SourceFile,
    near: usize,
    text: &'a str,
) -> PatientText<'a> {
    PatientText {
        lang,
        place,
        src,
        text,
        at: locate(src, near, text),
        near,
    }
}

/// Every patient-facing text of the content tree, in a stable order.
pub fn collect(c: &Content) -> Vec<PatientText<'_>> {
    let mut out = Vec::new();
    for langs in c.modules.values() {
        for (lang, m) in langs {
            let src = &m.src;
            let fm = &m.fm;
            out.push(plain(lang, Place::Title, src, 0, &fm.title));
            out.push(plain(lang, Place::Summary, src, 0, &fm.summary));
            for k in &fm.key_points {
                out.push(plain(lang, Place::KeyPoint, src, 0, k));
            }
            for x in &fm.myth_or_fact {
                out.push(plain(lang, Place::MythStatement, src, 0, &x.statement));
                out.push(plain(lang, Place::MythExplanation, src, 0, &x.explanation));
            }
            out.push(PatientText {
                lang,
                place: Place::Body,
                src,
                text: m.body(),
                at: Some(m.body_start),
                near: m.body_start,
            });
        }
    }
    for (lang, g) in &c.glossary {
        for (key, t) in &g.data.concepts {
            let near = header_range(&g.src.text, &format!("concepts.{key}")).map_or(0, |r| r.start);
            out.push(plain(lang, Place::GlossaryTerm, &g.src, near, &t.term));
            out.push(plain(
                lang,
                Place::GlossaryExplanation,
                &g.src,
                near,
                &t.explanation,
            ));
        }
    }
    for (lang, l) in &c.checker_langs {
        for (key, q) in &l.data.questions {
            let near =
                header_range(&l.src.text, &format!("questions.{key}")).map_or(0, |r| r.start);
            out.push(plain(lang, Place::CheckerQuestion, &l.src, near, &q.text));
            if let Some(h) = &q.help {
                out.push(plain(lang, Place::CheckerHelp, &l.src, near, h));
            }
        }
        for (key, o) in &l.data.outcomes {
            let near = header_range(&l.src.text, &format!("outcomes.{key}")).map_or(0, |r| r.start);
            out.push(plain(lang, Place::OutcomeTitle, &l.src, near, &o.title));
            let body_near = o.body.span().start;
            out.push(plain(
                lang,
                Place::OutcomeBody,
                &l.src,
                body_near,
                o.body.get_ref(),
            ));
        }
    }
    for (lang, l) in &c.question_langs {
        for (key, q) in &l.data.questions {
            let near =
                header_range(&l.src.text, &format!("questions.{key}")).map_or(0, |r| r.start);
            out.push(plain(
                lang,
                Place::AppointmentQuestion,
                &l.src,
                near,
                &q.text,
            ));
        }
    }
    out
}

/// The patient-text checks; the one call from `rules::check`.
pub fn check(c: &Content, diags: &mut Vec<Diagnostic>) {
    let texts = collect(c);
    crate::raw_citation::check(&texts, diags);
    let lists = crate::wording::load(c, diags);
    crate::wording::check(&lists, &texts, diags);
    crate::time_course::check(c, &lists, diags);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_range_maps_verbatim_and_escaped_texts() {
        let src = SourceFile::new(
            "x.toml",
            "[q]\ntext = \"say \\\"hi\\\" now\"\nother = \"now\"\n",
        );
        let t = PatientText {
            lang: "en",
            place: Place::CheckerQuestion,
            src: &src,
            text: "say \"hi\" now",
            at: locate(&src, 0, "say \"hi\" now"),
            near: 0,
        };
        // Not verbatim (the file escapes the quotes): found by searching the piece.
        assert_eq!(t.at, None);
        let r = t.file_range(9..12);
        assert_eq!(&src.text[r], "now");
        let v = PatientText {
            text: "now",
            at: locate(&src, 20, "now"),
            near: 20,
            ..t.clone()
        };
        let r = v.file_range(0..3);
        assert_eq!(&src.text[r.clone()], "now");
        assert!(r.start > 20);
    }
}
