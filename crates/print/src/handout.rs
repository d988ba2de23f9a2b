//! Printable handouts: one module, or the appointment-questions checklist, in one language.

use scanwise_core::l10n::{FluentArgs, Localizer};
use scanwise_core::model::{ModulePack, ReviewState, TranslationInfo};
use scanwise_core::prescription::{Prescription, Tool};

use crate::html::{Block, blocks};
use crate::page::{ACCENT, Align, BLACK, Flow, GREY, Meta, Op, Paper, block, render};
use crate::poster::qr_ops;
use crate::text::{Dir, Style};
use crate::{Library, PrintError, strings};

/// What a handout prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Module(String),
    /// The appointment questions as a checklist.
    Questions,
}

#[derive(Debug, Clone)]
pub struct HandoutSpec {
    pub subject: Subject,
    pub lang: String,
    pub paper: Paper,
    /// Host (and path) of the web edition: the handout then ends with a QR code and the https
    /// link to the same pages online (`<base>/open?m=ID&lang=LANG`), which any phone opens.
    pub base_url: Option<String>,
}

/// The https link a handout's QR code holds: its module (or the questions list) in its
/// language on the site at `spec.base_url`; `None` without a site.
pub fn handout_link(spec: &HandoutSpec) -> Option<String> {
    let base = spec.base_url.as_deref()?;
    let (modules, open) = match &spec.subject {
        Subject::Module(id) => (vec![id.clone()], None),
        Subject::Questions => (Vec::new(), Some(Tool::Questions)),
    };
    let rx = Prescription {
        modules,
        lang: Some(spec.lang.clone()),
        open,
    };
    Some(rx.to_web_url(base))
}

const BODY: Style = Style::regular(11.0);
const SMALL: Style = Style::regular(9.5);
const FOOTER: f32 = 28.0;

/// Renders a handout. A module must be published in the chosen language: a handout is never
/// half translated (the error lists the languages it is published in).
pub fn handout(lib: &Library, spec: &HandoutSpec) -> Result<Vec<u8>, PrintError> {
    let s = strings(&spec.lang)?;
    let dir = Dir::for_lang(&spec.lang);
    let mut flow = Flow::new(spec.paper, 50.0, FOOTER);
    let title = match &spec.subject {
        Subject::Module(id) => {
            let module = lib.module(id, &spec.lang).ok_or_else(|| {
                let available = lib.languages_of(id);
                if available.is_empty() {
                    PrintError::UnknownModule(id.clone())
                } else {
                    PrintError::NotTranslated {
                        module: id.clone(),
                        lang: spec.lang.clone(),
                        available,
                    }
                }
            })?;
            module_body(lib, module, &s, dir, &mut flow);
            module.title.clone()
        }
        Subject::Questions => {
            let pack = lib
                .questions(&spec.lang)
                .ok_or_else(|| PrintError::NoQuestions(spec.lang.clone()))?;
            let title = s.format("print-handout-questions-title", None);
            heading(&mut flow, &title, Style::bold(20.0), dir, 6.0);
            flow.paragraph(
                &s.format("print-handout-questions-intro", None),
                BODY,
                dir,
                0.0,
                GREY,
            );
            flow.gap(10.0);
            for q in &pack.questions {
                checkbox_item(&mut flow, &q.text, Style::regular(12.0), dir);
                flow.gap(4.0);
            }
            flow.gap(10.0);
            heading(
                &mut flow,
                &s.format("print-handout-own-questions", None),
                Style::bold(14.0),
                dir,
                10.0,
            );
            for _ in 0..5 {
                flow.ensure(24.0);
                flow.gap(22.0);
                flow.rule();
            }
            translation_lines(&mut flow, pack.translation.as_ref(), &s, dir);
            title
        }
    };
    if let Some(link) = handout_link(spec) {
        online(&mut flow, &link, &s, dir)?;
    }
    flow.gap(12.0);
    flow.rule();
    flow.paragraph(
        &s.format("print-handout-licence", None),
        SMALL,
        dir,
        0.0,
        GREY,
    );
    footers(&mut flow, &title, &s, dir);
    render(
        spec.paper,
        &flow.pages,
        Meta {
            title: &title,
            lang: &spec.lang,
        },
    )
}

/// "Read this online": the QR code of `link` on the start side, the link printed under it.
fn online(flow: &mut Flow, link: &str, s: &Localizer, dir: Dir) -> Result<(), PrintError> {
    const QR: f32 = 96.0;
    flow.gap(10.0);
    flow.ensure(QR + 60.0);
    flow.paragraph(
        &s.format("print-handout-online", None),
        Style::bold(12.0),
        dir,
        0.0,
        BLACK,
    );
    flow.gap(2.0);
    let x = if dir == Dir::Rtl {
        flow.right - QR
    } else {
        flow.left
    };
    for op in qr_ops(link, x, flow.y, QR)? {
        flow.push(op);
    }
    flow.gap(QR + 2.0);
    // A link reads left to right in every language.
    flow.paragraph(link, SMALL, Dir::Ltr, 0.0, GREY);
    Ok(())
}

fn module_body(lib: &Library, m: &ModulePack, s: &Localizer, dir: Dir, flow: &mut Flow) {
    heading(flow, &m.title, Style::bold(20.0), dir, 6.0);
    flow.paragraph(&m.summary, Style::regular(12.5), dir, 0.0, BLACK);
    flow.gap(6.0);
    flow.paragraph(
        &s.format("print-handout-not-advice", None),
        SMALL,
        dir,
        0.0,
        GREY,
    );
    flow.gap(4.0);
    review_lines(flow, m, s, dir);
    flow.rule();

    for section in &m.sections {
        flow.gap(6.0);
        heading(flow, &section.heading, Style::bold(14.0), dir, 4.0);
        for b in blocks(&section.html) {
            match b {
                Block::Heading(t) => heading(flow, &t, Style::bold(12.0), dir, 2.0),
                Block::Paragraph(t) => {
                    flow.paragraph(&t, BODY, dir, 0.0, BLACK);
                    flow.gap(5.0);
                }
                Block::Item {
                    marker,
                    depth,
                    text,
                } => {
                    flow.item(&marker, &text, BODY, dir, depth as f32 * 14.0);
                    flow.gap(2.0);
                }
                Block::Rule => flow.rule(),
            }
        }
    }

    if !m.key_points.is_empty() {
        flow.gap(8.0);
        heading(
            flow,
            &s.format("print-handout-key-points", None),
            Style::bold(14.0),
            dir,
            4.0,
        );
        for point in &m.key_points {
            flow.item("•", point, BODY, dir, 0.0);
            flow.gap(2.0);
        }
    }

    let questions: Vec<&str> = lib
        .questions(&m.lang)
        .map(|pack| {
            m.questions
                .iter()
                .filter_map(|id| pack.questions.iter().find(|q| &q.id == id))
                .map(|q| q.text.as_str())
                .collect()
        })
        .unwrap_or_default();
    if !questions.is_empty() {
        flow.gap(8.0);
        heading(
            flow,
            &s.format("print-handout-questions", None),
            Style::bold(14.0),
            dir,
            4.0,
        );
        for q in questions {
            checkbox_item(flow, q, BODY, dir);
            flow.gap(2.0);
        }
    }

    if !m.references.is_empty() {
        flow.gap(8.0);
        heading(
            flow,
            &s.format("print-handout-references", None),
            Style::bold(14.0),
            dir,
            4.0,
        );
        let refs = lib.common().map(|c| c.references.as_slice()).unwrap_or(&[]);
        for (n, id) in m.references.iter().enumerate() {
            let text = match refs.iter().find(|r| &r.id == id) {
                Some(r) => {
                    let mut t = r.citation.clone();
                    if let Some(doi) = &r.doi {
                        t.push_str(&format!(" doi:{doi}"));
                    } else if let Some(url) = &r.url {
                        t.push_str(&format!(" {url}"));
                    }
                    t
                }
                None => id.clone(),
            };
            // Citations are English bibliographic text: left to right even in Arabic.
            flow.item(&format!("{}.", n + 1), &text, SMALL, Dir::Auto, 0.0);
            flow.gap(2.0);
        }
    }
}

fn review_lines(flow: &mut Flow, m: &ModulePack, s: &Localizer, dir: Dir) {
    let review = &m.review;
    match (review.state, &review.reviewer, &review.reviewed_on) {
        (ReviewState::Reviewed | ReviewState::Published, Some(who), Some(date)) => {
            let mut args = FluentArgs::new();
            args.set("reviewer", who.as_str());
            args.set("date", date.as_str());
            flow.paragraph(
                &s.format("print-handout-review-done", Some(&args)),
                Style::bold(SMALL.size),
                dir,
                0.0,
                BLACK,
            );
            if let Some(next) = &review.next_review {
                let mut args = FluentArgs::new();
                args.set("date", next.as_str());
                let line = s.format("print-handout-next-review", Some(&args));
                flow.paragraph(&line, SMALL, dir, 0.0, GREY);
            }
        }
        // Draft, or a state without a named reviewer: say honestly that no clinician has.
        _ => flow.paragraph(
            &s.format("print-handout-review-draft", None),
            Style::bold(SMALL.size),
            dir,
            0.0,
            ACCENT,
        ),
    }
    translation_lines(flow, m.translation.as_ref(), s, dir);
}

fn translation_lines(flow: &mut Flow, t: Option<&TranslationInfo>, s: &Localizer, dir: Dir) {
    let Some(t) = t else { return };
    let mut args = FluentArgs::new();
    args.set("date", t.translated_on.as_str());
    let line = s.format("print-handout-translated", Some(&args));
    flow.paragraph(&line, SMALL, dir, 0.0, GREY);
    if t.stale {
        let line = s.format("print-handout-stale", None);
        flow.paragraph(&line, Style::bold(SMALL.size), dir, 0.0, ACCENT);
    }
}

/// A heading kept together with at least two lines of what follows it.
fn heading(flow: &mut Flow, text: &str, style: Style, dir: Dir, after: f32) {
    flow.ensure(style.line_height() + 2.0 * BODY.line_height());
    flow.paragraph(text, style, dir, 0.0, ACCENT);
    flow.gap(after);
}

/// An item with an empty square to tick, drawn on the start side.
fn checkbox_item(flow: &mut Flow, text: &str, style: Style, dir: Dir) {
    flow.ensure(style.line_height());
    let (page, top) = (flow.pages.len() - 1, flow.y);
    flow.item("", text, style, dir, 0.0);
    let side = style.size * 0.9;
    let rtl = dir == Dir::Rtl;
    let x = if rtl { flow.right - side } else { flow.left };
    let y = top + style.size * 0.2;
    let t = 0.8;
    for (bx, by, bw, bh) in [
        (x, y, side, t),
        (x, y + side - t, side, t),
        (x, y, t, side),
        (x + side - t, y, t, side),
    ] {
        flow.pages[page].push(Op::Rect {
            x: bx,
            y: by,
            w: bw,
            h: bh,
            color: BLACK,
        });
    }
}

/// "Page n of N" under every page.
fn footers(flow: &mut Flow, title: &str, s: &Localizer, dir: Dir) {
    let total = flow.pages.len();
    let y = flow.bottom() + FOOTER * 0.45;
    let (left, right) = (flow.left, flow.right);
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let mut args = FluentArgs::new();
        args.set("page", i + 1);
        args.set("pages", total);
        let label = format!("{title} · {}", s.format("print-handout-page", Some(&args)));
        let (ops, _) = block(
            &label,
            Style::regular(8.5),
            dir,
            (left, right),
            y,
            Align::Center,
            GREY,
        );
        page.extend(ops);
    }
}
