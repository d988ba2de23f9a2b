//! Text with the shipped fonts: font choice per character, bidi reordering, shaping and
//! line breaking. Output is positioned glyph runs that the page module draws with krilla.
//!
//! Arabic goes through rustybuzz, which picks the joined letter forms; `unicode-bidi` puts
//! right-to-left runs and embedded Latin (names, numbers, URLs) in visual order. Each run keeps
//! its own text, so the PDF's ToUnicode map lets readers and `pdftotext` copy logical text.

use std::ops::Range;
use std::sync::OnceLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

static NOTO_SANS: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
static NOTO_ARABIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSansArabic-Regular.ttf");
static NOTO_ARABIC_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSansArabic-Bold.ttf");

/// One embedded font: the shaping face and the PDF font made from the same bytes.
pub(crate) struct FontFace {
    face: Face<'static>,
    pdf: Font,
    units_per_em: f32,
}

impl FontFace {
    fn load(data: &'static [u8]) -> FontFace {
        // The fonts are compiled in and tested; failing to parse them is a build defect.
        let face = Face::from_slice(data, 0).expect("shipped font parses");
        let pdf = Font::new(data.into(), 0).expect("shipped font parses");
        let units_per_em = face.units_per_em() as f32;
        FontFace {
            face,
            pdf,
            units_per_em,
        }
    }

    fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }
}

/// The shipped fonts, parsed once.
pub(crate) struct Fonts {
    latin: [FontFace; 2],
    arabic: [FontFace; 2],
}

pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        latin: [FontFace::load(NOTO_SANS), FontFace::load(NOTO_SANS_BOLD)],
        arabic: [
            FontFace::load(NOTO_ARABIC),
            FontFace::load(NOTO_ARABIC_BOLD),
        ],
    })
}

/// Size and weight of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
}

impl Style {
    pub const fn regular(size: f32) -> Style {
        Style { size, bold: false }
    }
    pub const fn bold(size: f32) -> Style {
        Style { size, bold: true }
    }
    /// Baseline-to-baseline distance.
    pub fn line_height(&self) -> f32 {
        self.size * 1.4
    }
}

/// Paragraph direction: from the language, or from the text's first strong letter
/// (references and URLs inside an Arabic handout are left-to-right text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
    Auto,
}

impl Dir {
    pub fn for_lang(lang: &str) -> Dir {
        if scanwise_core::l10n::direction(lang) == "rtl" {
            Dir::Rtl
        } else {
            Dir::Ltr
        }
    }
}

/// A run of glyphs in one font and one direction, ready to draw left to right.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    pub(crate) font: Font,
    /// What the PDF maps the glyphs to (see `shape_run` for right-to-left runs).
    pub(crate) text: String,
    /// The run's text in logical order.
    logical: String,
    pub(crate) glyphs: Vec<KrillaGlyph>,
    /// Advance in em.
    width_em: f32,
}

/// One shaped line: runs in visual order.
#[derive(Debug, Clone)]
pub struct Line {
    pub(crate) runs: Vec<GlyphRun>,
    pub style: Style,
    /// `true` when the paragraph is right-to-left (the line is right-aligned by default).
    pub rtl: bool,
}

impl Line {
    pub fn width(&self) -> f32 {
        self.runs.iter().map(|r| r.width_em).sum::<f32>() * self.style.size
    }

    /// The line's text in logical order of its runs (for tests and debugging).
    pub fn text(&self) -> String {
        self.runs
            .iter()
            .map(|r| r.logical.as_str())
            .collect::<Vec<_>>()
            .join("")
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Shapes one line (no line breaks in `text`) with bidi reordering and font fallback.
pub fn shape_line(text: &str, style: Style, dir: Dir) -> Line {
    let text = text.replace(['\n', '\r', '\u{2029}', '\u{2028}'], " ");
    let level = match dir {
        Dir::Ltr => Some(Level::ltr()),
        Dir::Rtl => Some(Level::rtl()),
        Dir::Auto => None,
    };
    let info = BidiInfo::new(&text, level);
    let mut runs = Vec::new();
    let mut rtl = dir == Dir::Rtl;
    if let Some(para) = info.paragraphs.first() {
        rtl = para.level.is_rtl();
        let (levels, visual) = info.visual_runs(para, para.range.clone());
        for range in visual {
            let run_rtl = levels[range.start].is_rtl();
            let segments = font_segments(&text, range, run_rtl, style.bold);
            // Segments of a right-to-left run are drawn in reverse, each shaped right to left.
            let ordered: Box<dyn Iterator<Item = _>> = if run_rtl {
                Box::new(segments.into_iter().rev())
            } else {
                Box::new(segments.into_iter())
            };
            for (face, seg) in ordered {
                runs.push(shape_run(face, &text[seg], run_rtl));
            }
        }
    }
    Line { runs, style, rtl }
}

/// Splits `range` into pieces of one font: Arabic letters (and, inside right-to-left runs,
/// the spaces and punctuation between them) in Noto Sans Arabic, everything else in Noto Sans.
fn font_segments(
    text: &str,
    range: Range<usize>,
    rtl: bool,
    bold: bool,
) -> Vec<(&'static FontFace, Range<usize>)> {
    let f = fonts();
    let weight = usize::from(bold);
    let (latin, arabic) = (&f.latin[weight], &f.arabic[weight]);
    let mut out: Vec<(&'static FontFace, Range<usize>)> = Vec::new();
    let mut split = false;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        // Bidi controls (Fluent's isolation marks around names and dates) have done their job
        // in the bidi pass; they are not drawn and not put in the PDF's text.
        if matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            split = true;
            continue;
        }
        let face = if is_arabic(c) || (rtl && !c.is_alphanumeric() && arabic.has(c)) {
            arabic
        } else {
            latin
        };
        match out.last_mut() {
            Some((last, r)) if !split && std::ptr::eq(*last, face) => r.end = at + c.len_utf8(),
            _ => out.push((face, at..at + c.len_utf8())),
        }
        split = false;
    }
    out
}

fn shape_run(face: &FontFace, text: &str, rtl: bool) -> GlyphRun {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    let output = rustybuzz::shape(&face.face, &[], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();

    // A glyph's text is its cluster up to the next cluster start (in logical order).
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster = |start: usize| {
        let end = starts
            .iter()
            .find(|s| **s > start)
            .copied()
            .unwrap_or(text.len());
        start..end
    };
    // Right to left, the PDF text is written in visual order with each cluster reversed
    // ("لا" as one ligature glyph maps to "ال"): text extractors reverse right-to-left lines
    // character by character, and this way they get the logical text back.
    let mut pdf_text = String::new();
    let mut placed: Vec<(usize, Range<usize>)> = Vec::new();
    let upem = face.units_per_em;
    let mut width_em = 0.0;
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let logical = cluster(info.cluster as usize);
            let range = if rtl {
                match placed.iter().find(|(c, _)| *c == logical.start) {
                    Some((_, r)) => r.clone(),
                    None => {
                        let at = pdf_text.len();
                        pdf_text.extend(text[logical.clone()].chars().rev());
                        let r = at..pdf_text.len();
                        placed.push((logical.start, r.clone()));
                        r
                    }
                }
            } else {
                logical
            };
            width_em += pos.x_advance as f32 / upem;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                range,
                None,
            )
        })
        .collect();
    let logical = text.to_string();
    let text = if rtl { pdf_text } else { text.to_string() };
    GlyphRun {
        font: face.pdf.clone(),
        text,
        logical,
        glyphs,
        width_em,
    }
}

/// Breaks a paragraph into lines no wider than `max_width` (points). Breaks at spaces; a
/// word wider than a whole line (a long URL) is broken between characters.
pub fn wrap(text: &str, style: Style, dir: Dir, max_width: f32) -> Vec<Line> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Vec::new();
    }
    let width = |s: &str| shape_line(s, style, dir).width();
    let space = width(" ").max(style.size * 0.25);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_width = 0.0;
    for word in words {
        let w = width(word);
        if !current.is_empty() && current_width + space + w <= max_width {
            current.push(' ');
            current.push_str(word);
            current_width += space + w;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if w <= max_width {
            current = word.to_string();
            current_width = w;
        } else {
            let mut pieces = split_long(word, max_width, &width);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            current_width = width(&last);
            current = last;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.iter().map(|l| shape_line(l, style, dir)).collect()
}

fn split_long(word: &str, max_width: f32, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if piece.chars().count() > 1 && width(&piece) > max_width {
            piece.pop();
            out.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    out.push(piece);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_shaped_into_joined_forms() {
        // The isolated forms of these four letters differ from their joined forms: a shaped
        // word uses different glyphs than the letters shaped one by one.
        let word = shape_line("صورة", Style::regular(12.0), Dir::Rtl);
        let letters: Vec<u32> = "صورة"
            .chars()
            .map(|c| {
                shape_line(&c.to_string(), Style::regular(12.0), Dir::Rtl).runs[0].glyphs[0]
                    .glyph_id
                    .to_u32()
            })
            .collect();
        let joined: Vec<u32> = word.runs[0]
            .glyphs
            .iter()
            .map(|g| g.glyph_id.to_u32())
            .collect();
        assert_eq!(joined.len(), 4);
        let mut reversed = letters.clone();
        reversed.reverse();
        assert_ne!(joined, reversed, "no joining happened");
        assert!(word.rtl);
    }

    #[test]
    fn latin_inside_arabic_gets_the_latin_font_in_visual_order() {
        let line = shape_line("افتح ScanWise الآن", Style::regular(12.0), Dir::Rtl);
        let texts: Vec<&str> = line.runs.iter().map(|r| r.logical.as_str()).collect();
        // Drawn left to right: the last Arabic word first, then the Latin name, then the first.
        assert_eq!(texts.first().map(|t| t.trim()), Some("الآن"));
        assert!(texts.contains(&"ScanWise"));
        assert_eq!(texts.last().map(|t| t.trim()), Some("افتح"));
        // Every glyph exists in its font (no .notdef boxes).
        for run in &line.runs {
            assert!(
                run.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0),
                "{}",
                run.text
            );
        }
    }

    #[test]
    fn isolated_dates_stay_left_to_right_in_arabic_and_controls_are_not_drawn() {
        let line = shape_line(
            "تُرجم بتاريخ \u{2068}2026-11-28\u{2069}.",
            Style::regular(10.0),
            Dir::Rtl,
        );
        let texts: Vec<&str> = line.runs.iter().map(|r| r.logical.as_str()).collect();
        assert_eq!(texts[..2], [".", "2026-11-28"]);
        assert!(!line.text().contains(['\u{2068}', '\u{2069}']));
    }

    #[test]
    fn polish_and_norwegian_letters_have_glyphs() {
        let line = shape_line(
            "Zażółć gęślą jaźń – blåbærsyltetøy",
            Style::bold(12.0),
            Dir::Ltr,
        );
        assert!(
            line.runs
                .iter()
                .all(|r| r.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0))
        );
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let text =
            "Most back, knee and shoulder pain gets better without a scan, often within weeks.";
        let lines = wrap(text, Style::regular(12.0), Dir::Ltr, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width() <= 150.0));
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(joined.join(" "), text);
        let url = format!("https://clinic.example/open?m={}", "a".repeat(120));
        let lines = wrap(&url, Style::regular(10.0), Dir::Auto, 200.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.width() <= 200.0));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), url);
    }
}
