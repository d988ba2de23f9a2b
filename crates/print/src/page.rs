//! Pages as display lists, a simple top-to-bottom flow with page breaks, and rendering to PDF.
//!
//! Layout happens first (so a handout knows its page count before it draws "page 2 of 3"),
//! then [`render`] draws every list with krilla. Coordinates are points from the top left.

use std::str::FromStr;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;

use crate::PrintError;
use crate::text::{Dir, Line, Style, wrap};

/// Paper sizes clinics print on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

impl FromStr for Paper {
    type Err = PrintError;
    fn from_str(s: &str) -> Result<Paper, PrintError> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            _ => Err(PrintError::UnknownPaper(s.to_string())),
        }
    }
}

pub(crate) type Color = (u8, u8, u8);
pub(crate) const BLACK: Color = (0, 0, 0);
pub(crate) const GREY: Color = (85, 85, 85);
pub(crate) const ACCENT: Color = (0, 77, 128);

#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// A shaped line with its left edge at `x` and its baseline at `baseline`.
    Text {
        line: Line,
        x: f32,
        baseline: f32,
        color: Color,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Color,
    },
}

/// Horizontal placement of a line between two edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Left for left-to-right lines, right for right-to-left ones.
    Start,
    Center,
}

pub(crate) fn place(line: &Line, left: f32, right: f32, align: Align) -> f32 {
    match align {
        Align::Center => left + (right - left - line.width()) / 2.0,
        Align::Start if line.rtl => right - line.width(),
        Align::Start => left,
    }
}

/// Lays out `text` wrapped between `left` and `right` from `y` (top of the first line box);
/// returns the ops and the `y` below the last line.
pub(crate) fn block(
    text: &str,
    style: Style,
    dir: Dir,
    (left, right): (f32, f32),
    y: f32,
    align: Align,
    color: Color,
) -> (Vec<Op>, f32) {
    let mut y = y;
    let ops = wrap(text, style, dir, right - left)
        .into_iter()
        .map(|line| {
            let x = place(&line, left, right, align);
            let op = Op::Text {
                line,
                x,
                baseline: y + style.size,
                color,
            };
            y += style.line_height();
            op
        })
        .collect();
    (ops, y)
}

/// Top-to-bottom flow over pages of one paper size, breaking pages when a block does not fit.
pub(crate) struct Flow {
    pub left: f32,
    pub right: f32,
    top: f32,
    bottom: f32,
    pub y: f32,
    pub pages: Vec<Vec<Op>>,
}

impl Flow {
    /// `footer` points at the bottom of each page are kept free for [`Flow::finish`]'s footer.
    pub fn new(paper: Paper, margin: f32, footer: f32) -> Flow {
        let (w, h) = paper.size();
        Flow {
            left: margin,
            right: w - margin,
            top: margin,
            bottom: h - margin - footer,
            y: margin,
            pages: vec![Vec::new()],
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.bottom && self.y > self.top {
            self.new_page();
        }
    }

    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// A wrapped paragraph, `indent` points in from the start side; breaks between lines.
    pub fn paragraph(&mut self, text: &str, style: Style, dir: Dir, indent: f32, color: Color) {
        let lines = wrap(text, style, dir, self.right - self.left - indent);
        for line in lines {
            self.ensure(style.line_height());
            let (left, right) = if line.rtl {
                (self.left, self.right - indent)
            } else {
                (self.left + indent, self.right)
            };
            let x = place(&line, left, right, Align::Start);
            let baseline = self.y + style.size;
            self.push(Op::Text {
                line,
                x,
                baseline,
                color,
            });
            self.y += style.line_height();
        }
    }

    /// A list item: `marker` on the start side, the text indented after it.
    pub fn item(&mut self, marker: &str, text: &str, style: Style, dir: Dir, indent: f32) {
        let hang = style.size * 1.6;
        // After this, the item's first line is on this page at this `y`, beside the marker.
        self.ensure(style.line_height());
        let (page, first_y) = (self.pages.len() - 1, self.y);
        self.paragraph(text, style, dir, indent + hang, BLACK);
        let marker = crate::text::shape_line(marker, style, dir);
        let x = if marker.rtl {
            self.right - indent - marker.width()
        } else {
            self.left + indent
        };
        self.pages[page].push(Op::Text {
            line: marker,
            x,
            baseline: first_y + style.size,
            color: ACCENT,
        });
    }

    /// A thin horizontal rule across the text width.
    pub fn rule(&mut self) {
        self.ensure(8.0);
        self.gap(3.0);
        let (x, y, w) = (self.left, self.y, self.right - self.left);
        self.push(Op::Rect {
            x,
            y,
            w,
            h: 0.6,
            color: GREY,
        });
        self.gap(5.0);
    }

    /// The bottom of the text area (where footers start).
    pub fn bottom(&self) -> f32 {
        self.bottom
    }
}

/// Document information written into the PDF.
pub(crate) struct Meta<'a> {
    pub title: &'a str,
    pub lang: &'a str,
}

/// Draws the pages into a PDF.
pub(crate) fn render(
    paper: Paper,
    pages: &[Vec<Op>],
    meta: Meta<'_>,
) -> Result<Vec<u8>, PrintError> {
    let (w, h) = paper.size();
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(meta.title.to_string())
            .language(meta.lang.to_string())
            .creator("ScanWise".to_string()),
    );
    for ops in pages {
        let settings = PageSettings::from_wh(w, h).ok_or(PrintError::Layout("page size"))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    line,
                    x,
                    baseline,
                    color,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    let mut cur = *x;
                    for run in &line.runs {
                        surface.draw_glyphs(
                            Point::from_xy(cur, *baseline),
                            &run.glyphs,
                            run.font.clone(),
                            &run.text,
                            line.style.size,
                            false,
                        );
                        cur +=
                            run.glyphs.iter().map(|g| g.x_advance).sum::<f32>() * line.style.size;
                    }
                }
                Op::Rect { x, y, w, h, color } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| PrintError::Pdf(e.to_string()))
}

fn fill((r, g, b): Color) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}
