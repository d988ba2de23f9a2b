//! QR posters for waiting rooms and consulting rooms.

use qrcode::{Color as QrColor, EcLevel, QrCode};
use scanwise_core::prescription::{self, Prescription, Tool};

use crate::page::{ACCENT, Align, BLACK, Color, GREY, Meta, Op, Paper, block, render};
use crate::text::{Dir, Style};
use crate::{Library, PrintError, strings};

/// Side by side up to three; four go in two rows of two.
pub const MAX_POSTER_LANGUAGES: usize = 4;

/// What to print on a poster.
#[derive(Debug, Clone)]
pub struct PosterSpec {
    /// Module ids, in the order they should open.
    pub modules: Vec<String>,
    /// Optional tool to open first.
    pub open: Option<Tool>,
    /// Poster languages, in the order of the columns (left to right).
    pub langs: Vec<String>,
    pub clinic: String,
    pub paper: Paper,
    /// Host (and path) of the web edition (`scanwise site`), whose `<base>/open` shows the
    /// chosen modules in any browser. Without it the QR code holds the `scanwise://` link,
    /// which only works where the app is installed.
    pub base_url: Option<String>,
}

/// A rendered poster and the link its QR code holds.
#[derive(Debug, Clone)]
pub struct Poster {
    pub pdf: Vec<u8>,
    pub link: String,
}

/// The link a poster's QR code holds. One language → `lang=` is set; several → it is left out
/// so each patient keeps their own language.
pub fn poster_link(spec: &PosterSpec) -> String {
    let rx = Prescription {
        modules: spec.modules.clone(),
        lang: match spec.langs.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        },
        open: spec.open,
    };
    match &spec.base_url {
        Some(base) => rx.to_web_url(base),
        None => rx.to_app_url(),
    }
}

/// Lays out and renders a one-page poster. Long module lists get smaller type, down to a
/// size still readable at arm's length; past that the poster is refused as too full.
pub fn poster(lib: &Library, spec: &PosterSpec) -> Result<Poster, PrintError> {
    validate(lib, spec)?;
    let link = poster_link(spec);
    let mut ops = None;
    for scale in [1.0, 0.88, 0.76, 0.66] {
        match layout(lib, spec, &link, scale) {
            Err(PrintError::PosterTooFull) => continue,
            other => {
                ops = Some(other?);
                break;
            }
        }
    }
    let ops = ops.ok_or(PrintError::PosterTooFull)?;
    let title_en = strings("en")?.format("print-poster-title", None);
    let pdf = render(
        spec.paper,
        &[ops],
        Meta {
            title: &format!("{} – {title_en}", spec.clinic.trim()),
            lang: &spec.langs[0],
        },
    )?;
    Ok(Poster { pdf, link })
}

fn layout(lib: &Library, spec: &PosterSpec, link: &str, scale: f32) -> Result<Vec<Op>, PrintError> {
    let (w, h) = spec.paper.size();
    let margin = 36.0;
    let mut ops = vec![Op::Rect {
        x: 0.0,
        y: 0.0,
        w,
        h: 12.0,
        color: ACCENT,
    }];

    let (clinic, mut y) = block(
        spec.clinic.trim(),
        Style::bold(24.0 * scale.max(0.8)),
        Dir::Auto,
        (margin, w - margin),
        margin,
        Align::Center,
        BLACK,
    );
    ops.extend(clinic);
    y += 4.0;
    ops.push(Op::Rect {
        x: margin,
        y,
        w: w - 2.0 * margin,
        h: 1.0,
        color: GREY,
    });
    y += 14.0;

    // Up to three languages side by side; four as two rows of two.
    let n = spec.langs.len();
    let cols = if n == 4 { 2 } else { n.min(3) };
    let (title, body) = match n {
        1 => (30.0, 14.0),
        2 => (22.0, 12.0),
        3 => (17.0, 10.5),
        _ => (16.0, 9.5),
    };
    let (title, body) = (Style::bold(title * scale), Style::regular(body * scale));
    let gap = 18.0;
    let col_w = (w - 2.0 * margin - gap * (cols as f32 - 1.0)) / cols as f32;
    let mut bottom = y;
    for row in spec.langs.chunks(cols) {
        let top = bottom;
        for (i, lang) in row.iter().enumerate() {
            let left = margin + i as f32 * (col_w + gap);
            let (column, end) =
                language_block(lib, spec, lang, (left, left + col_w), top, title, body)?;
            ops.extend(column);
            bottom = bottom.max(end);
        }
        bottom += 10.0;
    }

    // The QR code gets what is left, between 2 and 4 inches (bigger scans from further away).
    let url_style = Style::regular(9.0);
    let url_h = crate::text::wrap(link, url_style, Dir::Ltr, w - 2.0 * margin).len() as f32
        * url_style.line_height();
    let avail = h - margin - (bottom + 12.0) - url_h - 8.0;
    let size = avail.min(288.0).min(w - 2.0 * margin);
    if size < 144.0 {
        return Err(PrintError::PosterTooFull);
    }
    let qr_top = bottom + 12.0;
    ops.extend(qr_ops(link, (w - size) / 2.0, qr_top, size)?);
    let (url, _) = block(
        link,
        url_style,
        Dir::Ltr,
        (margin, w - margin),
        qr_top + size + 6.0,
        Align::Center,
        GREY,
    );
    ops.extend(url);
    Ok(ops)
}

fn validate(lib: &Library, spec: &PosterSpec) -> Result<(), PrintError> {
    if spec.langs.is_empty() {
        return Err(PrintError::NoLanguages);
    }
    if spec.langs.len() > MAX_POSTER_LANGUAGES {
        return Err(PrintError::TooManyLanguages {
            given: spec.langs.len(),
            max: MAX_POSTER_LANGUAGES,
        });
    }
    if spec.modules.is_empty() && spec.open.is_none() {
        return Err(PrintError::NoModules);
    }
    if spec.modules.len() > prescription::MAX_MODULES {
        return Err(PrintError::PosterTooFull);
    }
    for lang in &spec.langs {
        strings(lang)?;
    }
    for id in &spec.modules {
        if !prescription::is_valid_id(id) {
            return Err(PrintError::InvalidModuleId(id.clone()));
        }
        if lib.languages_of(id).is_empty() {
            return Err(PrintError::UnknownModule(id.clone()));
        }
    }
    Ok(())
}

/// One language's column: title, subtitle, the chosen pages, how to scan, privacy.
fn language_block(
    lib: &Library,
    spec: &PosterSpec,
    lang: &str,
    edges: (f32, f32),
    top: f32,
    title: Style,
    body: Style,
) -> Result<(Vec<Op>, f32), PrintError> {
    let s = strings(lang)?;
    let dir = Dir::for_lang(lang);
    let mut ops = Vec::new();
    let mut y = top;
    let add =
        |ops: &mut Vec<Op>, text: &str, style: Style, color: Color, after: f32, y: &mut f32| {
            let (o, end) = block(text, style, dir, edges, *y, Align::Center, color);
            ops.extend(o);
            *y = end + after;
        };
    add(
        &mut ops,
        &s.format("print-poster-title", None),
        title,
        ACCENT,
        4.0,
        &mut y,
    );
    add(
        &mut ops,
        &s.format("print-poster-subtitle", None),
        body,
        BLACK,
        10.0,
        &mut y,
    );
    if !spec.modules.is_empty() {
        let label = Style::bold(body.size);
        add(
            &mut ops,
            &s.format("print-poster-pages", None),
            label,
            BLACK,
            2.0,
            &mut y,
        );
        for id in &spec.modules {
            // A module not yet translated opens in its fallback language, so its title is
            // shown in that language, with that language's direction.
            let (name, title_dir) = match lib.module_or_fallback(id, lang) {
                Some(m) => (m.title.as_str(), Dir::for_lang(&m.lang)),
                None => (id.as_str(), Dir::Ltr),
            };
            let (o, end) = block(name, body, title_dir, edges, y, Align::Center, BLACK);
            ops.extend(o);
            y = end + 1.0;
        }
        y += 8.0;
    }
    if let Some(tool) = spec.open {
        let id = match tool {
            Tool::Checker => "print-poster-open-checker",
            Tool::Questions => "print-poster-open-questions",
        };
        add(&mut ops, &s.format(id, None), body, BLACK, 8.0, &mut y);
    }
    add(
        &mut ops,
        &s.format("print-poster-scan", None),
        Style::bold(body.size),
        BLACK,
        4.0,
        &mut y,
    );
    let reach = if spec.base_url.is_some() {
        "print-poster-web"
    } else {
        "print-poster-app-needed"
    };
    add(&mut ops, &s.format(reach, None), body, BLACK, 4.0, &mut y);
    add(
        &mut ops,
        &s.format("print-poster-privacy", None),
        body,
        GREY,
        0.0,
        &mut y,
    );
    Ok((ops, y))
}

/// The QR code for `link` as a small standalone SVG (black squares on white, 4-module quiet
/// zone, one unit per module), for the app's "share these modules" screen. No fonts, scripts
/// or external references, so it can go straight into the page.
pub fn qr_svg(link: &str) -> Result<String, PrintError> {
    let code =
        QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).map_err(PrintError::Qr)?;
    let n = code.width();
    let colors = code.to_colors();
    let size = n + 8;
    let mut path = String::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] != QrColor::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && colors[row * n + col] == QrColor::Dark {
                col += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start + 4,
                row + 4,
                col - start,
                col - start
            ));
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{size}\" height=\"{size}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// The QR code as filled squares (merged per row), with its four-module quiet zone left white.
pub(crate) fn qr_ops(link: &str, x: f32, y: f32, size: f32) -> Result<Vec<Op>, PrintError> {
    let code =
        QrCode::with_error_correction_level(link.as_bytes(), EcLevel::M).map_err(PrintError::Qr)?;
    let n = code.width();
    let colors = code.to_colors();
    let quiet = 4.0;
    let module = size / (n as f32 + 2.0 * quiet);
    let mut ops = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] != QrColor::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < n && colors[row * n + col] == QrColor::Dark {
                col += 1;
            }
            ops.push(Op::Rect {
                x: x + (quiet + start as f32) * module,
                y: y + (quiet + row as f32) * module,
                w: (col - start) as f32 * module,
                // A hair taller so rows do not show seams when rasterised.
                h: module * 1.02,
                color: BLACK,
            });
        }
    }
    Ok(ops)
}
