//! scanwise-print end to end: real content from `content/`, real PDFs, read back the way a
//! patient's phone and a PDF viewer would.
//!
//! Module index:
//! - posters: QR decodes (pdftoppm → image → rqrr) to the exact link; text per language
//!   (pdftotext); A4 and Letter page sizes; invalid specs rejected.
//! - handouts: a module in en and ar (references, review state, attribution, several pages),
//!   the questions checklist, refusing a language a module is not published in.
//!
//! Needs poppler-utils (`pdftoppm`, `pdftotext`, `pdfinfo`): `cargo xtask` installs it
//! with the other test packages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scanwise_print::{
    HandoutSpec, Library, Paper, PosterSpec, PrintError, Subject, Tool, handout, poster,
};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| Library::load(&content_dir()).expect("content/ builds"))
}

fn tool(name: &str) -> Command {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{name}` is missing: install poppler-utils (apt-get install poppler-utils, \
         or `cargo xtask` setup) to run the print tests"
    );
    Command::new(name)
}

fn write_pdf(pdf: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    (dir, path)
}

/// `pdftotext` output with whitespace collapsed (logical order for Arabic via ToUnicode).
fn pdf_text(pdf: &[u8]) -> String {
    let (_dir, path) = write_pdf(pdf);
    let out = tool("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // pdftotext marks right-to-left lines with embedding controls; they are not text.
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(
            ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'],
            " ",
        )
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn pdf_info(pdf: &[u8]) -> String {
    let (_dir, path) = write_pdf(pdf);
    let out = tool("pdfinfo").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "pdfinfo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Rasterises page 1 and decodes every QR code on it.
fn qr_links(pdf: &[u8]) -> Vec<String> {
    qr_links_on(pdf, 1)
}

/// Rasterises page `page` and decodes every QR code on it.
fn qr_links_on(pdf: &[u8], page: usize) -> Vec<String> {
    let (dir, path) = write_pdf(pdf);
    let prefix = dir.path().join("page");
    let page = page.to_string();
    let out = tool("pdftoppm")
        .args(["-png", "-r", "150", "-f", &page, "-l", &page, "-singlefile"])
        .arg(&path)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let img = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    prepared
        .detect_grids()
        .into_iter()
        .map(|g| g.decode().expect("QR decodes").1)
        .collect()
}

fn spec(modules: &[&str], langs: &[&str], paper: Paper) -> PosterSpec {
    PosterSpec {
        modules: modules.iter().map(|m| m.to_string()).collect(),
        open: None,
        langs: langs.iter().map(|l| l.to_string()).collect(),
        clinic: "Bjølsen Legesenter".into(),
        paper,
        base_url: Some("https://clinic.example/scanwise".into()),
    }
}

fn has(text: &str, expected: &str) {
    let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
}

// ---------------------------------------------------------------- posters

#[test]
fn english_and_norwegian_poster_on_a4() {
    let lib = library();
    let p = poster(
        lib,
        &spec(
            &["do-i-need-a-scan", "what-scans-cant-show"],
            &["en", "nb"],
            Paper::A4,
        ),
    )
    .unwrap();
    assert_eq!(
        p.link,
        "https://clinic.example/scanwise/open?m=do-i-need-a-scan,what-scans-cant-show"
    );
    assert_eq!(qr_links(&p.pdf), vec![p.link.clone()]);

    let text = pdf_text(&p.pdf);
    has(&text, "Bjølsen Legesenter");
    has(&text, "Do you need a scan?");
    has(&text, "Trenger du et bilde?");
    has(
        &text,
        "Skann koden med mobilkameraet for å åpne disse sidene i ScanWise.",
    );
    has(
        &text,
        "Scan the code with your phone camera to open these pages in ScanWise.",
    );
    for (id, lang) in [
        ("do-i-need-a-scan", "en"),
        ("do-i-need-a-scan", "nb"),
        ("what-scans-cant-show", "nb"),
    ] {
        has(&text, &lib.module(id, lang).unwrap().title);
    }
    let info = pdf_info(&p.pdf);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
}

#[test]
fn english_and_arabic_poster_on_letter() {
    let lib = library();
    let mut s = spec(&["when-a-scan-is-needed"], &["en", "ar"], Paper::Letter);
    s.clinic = "عيادة النور – Al-Noor Clinic".into();
    s.open = Some(Tool::Checker);
    let p = poster(lib, &s).unwrap();
    assert_eq!(
        p.link,
        "https://clinic.example/scanwise/open?m=when-a-scan-is-needed&open=checker"
    );
    assert_eq!(qr_links(&p.pdf), vec![p.link.clone()]);

    let text = pdf_text(&p.pdf);
    has(&text, "Do you need a scan?");
    has(&text, "Starts with the “Do I need a scan?” checker.");
    // Arabic comes back as logical-order words: shaping kept the ToUnicode map right.
    for word in [
        "تحتاج",
        "تصوير",
        "امسح",
        "الرمز",
        "هاتفك",
        "الصفحات",
        "ScanWise",
    ] {
        has(&text, word);
    }
    has(&text, "عيادة النور");
    has(&text, "Al-Noor Clinic");
    let ar_title = &lib.module("when-a-scan-is-needed", "ar").unwrap().title;
    for word in ar_title.split_whitespace() {
        has(&text, word);
    }
    assert!(pdf_info(&p.pdf).contains("612 x 792 pts (letter)"));
}

#[test]
fn polish_poster_sets_the_language_in_the_link() {
    let lib = library();
    let mut s = spec(
        &["when-a-scan-is-needed", "do-i-need-a-scan"],
        &["pl"],
        Paper::A4,
    );
    s.base_url = None;
    let p = poster(lib, &s).unwrap();
    assert_eq!(
        p.link,
        "scanwise://open?m=when-a-scan-is-needed,do-i-need-a-scan&lang=pl"
    );
    assert_eq!(qr_links(&p.pdf), vec![p.link.clone()]);
    let text = pdf_text(&p.pdf);
    has(&text, "Czy potrzebujesz badania obrazowego?");
    has(
        &text,
        "Zeskanuj kod aparatem telefonu, aby otworzyć te strony w ScanWise.",
    );
    // Without a web address the poster says the app is needed, not "no app yet?".
    has(&text, "Kod otwiera bezpłatną aplikację ScanWise.");
    assert!(!text.contains("Nie masz jeszcze aplikacji"));
    has(&text, &lib.module("do-i-need-a-scan", "pl").unwrap().title);
}

#[test]
fn four_languages_fit_in_two_rows() {
    let lib = library();
    let p = poster(
        lib,
        &spec(&["radiation"], &["en", "nb", "ar", "pl"], Paper::Letter),
    )
    .unwrap();
    assert_eq!(qr_links(&p.pdf), vec![p.link.clone()]);
    let text = pdf_text(&p.pdf);
    for title in [
        "Do you need a scan?",
        "Trenger du et bilde?",
        "Czy potrzebujesz badania obrazowego?",
    ] {
        has(&text, title);
    }
    has(&text, "تحتاج");
}

#[test]
fn long_module_lists_shrink_to_fit_three_languages() {
    let lib = library();
    let ids: Vec<&str> = lib.module_ids();
    assert!(ids.len() >= 12, "{ids:?}");
    let p = poster(lib, &spec(&ids, &["en", "nb", "pl"], Paper::Letter)).unwrap();
    assert_eq!(qr_links(&p.pdf), vec![p.link.clone()]);
    let text = pdf_text(&p.pdf);
    for id in &ids {
        has(&text, &lib.module(id, "en").unwrap().title);
    }
    assert!(pdf_info(&p.pdf).contains("Pages:           1"));
}

#[test]
fn invalid_posters_are_refused() {
    let lib = library();
    let err = |s: PosterSpec| poster(lib, &s).unwrap_err();
    assert!(matches!(
        err(spec(&["no-such-module"], &["en"], Paper::A4)),
        PrintError::UnknownModule(_)
    ));
    assert!(matches!(
        err(spec(&["<script>"], &["en"], Paper::A4)),
        PrintError::InvalidModuleId(_)
    ));
    assert!(matches!(
        err(spec(&["radiation"], &["xx"], Paper::A4)),
        PrintError::UnknownLanguage(_)
    ));
    assert!(matches!(
        err(spec(&["radiation"], &[], Paper::A4)),
        PrintError::NoLanguages
    ));
    assert!(matches!(
        err(spec(&[], &["en"], Paper::A4)),
        PrintError::NoModules
    ));
    assert!(matches!(
        err(spec(
            &["radiation"],
            &["en", "nb", "ar", "pl", "en"],
            Paper::A4
        )),
        PrintError::TooManyLanguages { given: 5, max: 4 }
    ));
    assert!("tabloid".parse::<Paper>().is_err());
    assert_eq!("LETTER".parse::<Paper>().unwrap(), Paper::Letter);
}

// ---------------------------------------------------------------- handouts

fn module_handout(id: &str, lang: &str) -> Result<Vec<u8>, PrintError> {
    handout(
        library(),
        &HandoutSpec {
            subject: Subject::Module(id.into()),
            lang: lang.into(),
            paper: Paper::A4,
            base_url: None,
        },
    )
}

#[test]
fn english_module_handout_has_sections_references_review_and_licence() {
    let lib = library();
    let m = lib.module("do-i-need-a-scan", "en").unwrap();
    let pdf = module_handout("do-i-need-a-scan", "en").unwrap();
    let text = pdf_text(&pdf);
    has(&text, &m.title);
    has(&text, &m.summary);
    for section in &m.sections {
        has(&text, &section.heading);
    }
    for point in &m.key_points {
        has(&text, point);
    }
    has(&text, "References");
    let common = lib.common().unwrap();
    for id in &m.references {
        let r = common.references.iter().find(|r| &r.id == id).unwrap();
        // The first words of each citation (long ones wrap, and wrapping can hyphenate nothing).
        let head: String = r
            .citation
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        has(&text, &head);
    }
    if m.review.state == scanwise_core::model::ReviewState::Draft {
        has(&text, "Not yet reviewed by a clinician.");
    }
    has(&text, "licensed CC BY 4.0");
    let info = pdf_info(&pdf);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "a full module runs over pages: {info}");
    has(&text, &format!("Page {pages} of {pages}"));
}

#[test]
fn arabic_module_handout_is_right_to_left_text() {
    let lib = library();
    let m = lib.module("when-a-scan-is-needed", "ar").unwrap();
    let text = pdf_text(&module_handout("when-a-scan-is-needed", "ar").unwrap());
    for word in m.title.split_whitespace() {
        has(&text, word);
    }
    // Words from the first section body, which the handout draws shaped and right-aligned.
    let body = &m.sections[0].text;
    let words: Vec<&str> = body
        .split_whitespace()
        .filter(|w| w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
        .take(8)
        .collect();
    assert!(words.len() >= 5, "{body}");
    for w in words {
        has(&text, w);
    }
    // The translation date, isolated inside the Arabic sentence, reads left to right.
    if let Some(t) = &m.translation {
        has(&text, &t.translated_on);
    }
    has(&text, "المراجع");
    has(&text, "CC BY 4.0");
}

#[test]
fn questions_checklist_in_norwegian() {
    let lib = library();
    let pdf = handout(
        lib,
        &HandoutSpec {
            subject: Subject::Questions,
            lang: "nb".into(),
            paper: Paper::Letter,
            base_url: None,
        },
    )
    .unwrap();
    let text = pdf_text(&pdf);
    has(&text, "Spørsmål å stille om bildeundersøkelser");
    has(&text, "Mine egne spørsmål");
    for q in &lib.questions("nb").unwrap().questions {
        has(&text, &q.text);
    }
}

#[test]
fn a_handout_is_never_half_translated() {
    match module_handout("radiation", "ar") {
        Err(PrintError::NotTranslated { available, .. }) => {
            assert!(available.contains(&"en".to_string()), "{available:?}")
        }
        other => panic!("expected NotTranslated, got {:?}", other.map(|p| p.len())),
    }
    assert!(matches!(
        module_handout("nope", "en"),
        Err(PrintError::UnknownModule(_))
    ));
}

#[test]
fn qr_svg_for_the_app_decodes_to_the_link() {
    let link = "scanwise://open?m=do-i-need-a-scan,radiation&lang=nb&open=checker";
    let svg = scanwise_print::qr_svg(link).unwrap();
    assert!(svg.starts_with("<svg") && !svg.contains("<script") && !svg.contains("href"));
    // Paint the path's unit squares (`M x y h w v1 h-w z`) at 8 px per module and decode.
    let size: u32 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let scale = 8;
    let mut img = image::GrayImage::from_pixel(size * scale, size * scale, image::Luma([255]));
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for cmd in d.split('M').filter(|c| !c.is_empty()) {
        let nums: Vec<u32> = cmd
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect();
        let (x, y, w) = (nums[0], nums[1], nums[2]);
        for px in x * scale..(x + w) * scale {
            for py in y * scale..(y + 1) * scale {
                img.put_pixel(px, py, image::Luma([0]));
            }
        }
    }
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0].decode().unwrap().1, link);
}

/// With the web edition's host, a handout ends with a QR code of the https link to the same
/// pages online (its module in its language; the questions list for the checklist), printed
/// under it too; right to left in Arabic as everywhere else.
#[test]
fn a_handout_with_a_base_url_ends_with_the_link_to_the_same_pages_online() {
    for (subject, lang, want) in [
        (
            Subject::Module("radiation".into()),
            "en",
            "https://clinic.example/scanwise/open?m=radiation&lang=en",
        ),
        (
            Subject::Questions,
            "ar",
            "https://clinic.example/scanwise/open?lang=ar&open=questions",
        ),
    ] {
        let spec = HandoutSpec {
            subject,
            lang: lang.into(),
            paper: Paper::A4,
            base_url: Some("https://clinic.example/scanwise/".into()),
        };
        assert_eq!(scanwise_print::handout_link(&spec).as_deref(), Some(want));
        let pdf = handout(library(), &spec).unwrap();
        let pages: usize = pdf_info(&pdf)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let found: Vec<String> = (1..=pages).flat_map(|p| qr_links_on(&pdf, p)).collect();
        assert_eq!(found, [want], "{lang}");
        has(&pdf_text(&pdf), want);
    }
    // Without one, no QR code at all.
    let pdf = module_handout("radiation", "en").unwrap();
    assert!(qr_links(&pdf).is_empty());
}
