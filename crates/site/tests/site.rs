//! The web edition built from the real `content/`.
//!
//! Module index:
//! - `output`: two builds are byte-identical; a folder that is not a site is refused; the report
//!   counts what is on disk.
//! - `pages`: every page has `lang`, `dir`, `hreflang` alternates and the CSP; Arabic pages are
//!   right to left; nothing is loaded from another host; every link and anchor resolves.
//! - `content`: every module of every language exists, a module missing in a language falls
//!   back whole with the notice, drafts say so, "Get help now" lists the checker's own signs.
//! - `checker`: conformance with the engine: every state page, every answer sequence up to a
//!   depth, and thousands of random whole walks followed through the generated links.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scanwise_core::checker::{self, Answer, Answers, CHECKER_AREAS};
use scanwise_core::model::{BodyArea, CheckerPack, OutcomeKind, Pack, ReviewState};
use scanwise_site::{SiteOptions, SiteReport, build_site, walk};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn packs() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        scanwise_author::build_packs(&content_dir())
            .expect("the shipped content builds")
            .0
    })
}

struct Built {
    _dir: tempfile::TempDir,
    root: PathBuf,
    report: SiteReport,
    /// Site-relative path -> file text.
    files: BTreeMap<String, String>,
}

fn read_tree(root: &Path) -> BTreeMap<String, String> {
    fn walk_dir(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk_dir(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                // The icon is the one binary file; the tests read text.
                let bytes = std::fs::read(&path).unwrap();
                let text = if rel.ends_with(".png") {
                    String::new()
                } else {
                    String::from_utf8(bytes).unwrap()
                };
                out.insert(rel, text);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk_dir(root, root, &mut out);
    out
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let report = build_site(packs(), &root, &SiteOptions::default()).expect("site builds");
    let files = read_tree(&root);
    Built {
        _dir: dir,
        root,
        report,
        files,
    }
}

fn site() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(build)
}

/// `html` without the site's own page script tag (`<script src="../site.js" defer></script>`,
/// the one script every page loads from this site) and the open pages' JSON data blocks (data,
/// never run); whatever else looks like a script is left in for the tests to find.
fn without_own_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let own_script = tail.starts_with("<script src=\"")
            && tail.find("\" defer></script>").is_some_and(|end| {
                let src = &tail["<script src=\"".len()..end];
                src.trim_start_matches("../") == "site.js"
            });
        let data = ["open-data", "open-root"]
            .iter()
            .any(|id| tail.starts_with(&format!("<script type=\"application/json\" id=\"{id}\">")));
        if own_script || data {
            let end = tail.find("</script>").unwrap() + "</script>".len();
            rest = &tail[end..];
        } else {
            out.push_str("<script");
            rest = &tail["<script".len()..];
        }
    }
    out.push_str(rest);
    out
}

fn pages() -> impl Iterator<Item = (&'static String, &'static String)> {
    site().files.iter().filter(|(p, _)| p.ends_with(".html"))
}

/// The value of the first ` name="..."` after `from` in `html`.
fn attr<'h>(html: &'h str, from: &str, name: &str) -> Option<&'h str> {
    let start = html.find(from)?;
    let rest = &html[start..];
    let tag_end = rest.find('>')?;
    let tag = &rest[..tag_end];
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// Every `<tag ...>` in `html` with its attributes, in order.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let Some(gt) = rest.find('>') else { break };
        let inner = &rest[..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('/') || inner.starts_with('!') {
            continue;
        }
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut attrs = Vec::new();
        let mut a = &inner[name.len()..];
        while let Some(eq) = a.find("=\"") {
            let key = a[..eq].trim().rsplit(' ').next().unwrap_or("").to_string();
            let v = &a[eq + 2..];
            let Some(end) = v.find('"') else { break };
            attrs.push((key, v[..end].to_string()));
            a = &v[end + 1..];
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

/// `href` from the page at `page` (a site-relative file path) -> (file, fragment).
fn resolve(page: &str, href: &str) -> (String, Option<String>) {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.is_empty() {
        return (page.to_string(), frag);
    }
    let mut segs: Vec<&str> = page.split('/').collect();
    segs.pop(); // the file name
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                assert!(
                    segs.pop().is_some(),
                    "{href} climbs out of the site from {page}"
                );
            }
            p => segs.push(p),
        }
    }
    let mut file = segs.join("/");
    if path.ends_with('/') || path == "." {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    (file, frag)
}

fn module_ids() -> BTreeSet<&'static str> {
    packs()
        .iter()
        .filter_map(|p| match p {
            Pack::Module(m) => Some(m.id.as_str()),
            _ => None,
        })
        .collect()
}

fn has_module(id: &str, lang: &str) -> bool {
    packs()
        .iter()
        .any(|p| matches!(p, Pack::Module(m) if m.id == id && m.lang == lang))
}

mod output {
    use super::*;

    #[test]
    fn two_builds_are_byte_identical() {
        let again = build();
        let first = &site().files;
        assert_eq!(
            first.keys().collect::<Vec<_>>(),
            again.files.keys().collect::<Vec<_>>()
        );
        for (path, text) in first {
            assert!(again.files[path] == *text, "{path} differs between builds");
        }
        assert_eq!(site().report, again.report);
    }

    #[test]
    fn a_rebuild_replaces_the_old_site_and_a_foreign_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        build_site(packs(), &out, &SiteOptions::default()).unwrap();
        std::fs::write(out.join("left-over.html"), "old").unwrap();
        build_site(packs(), &out, &SiteOptions::default()).unwrap();
        assert!(!out.join("left-over.html").exists());
        assert!(out.join("en/index.html").is_file());

        let foreign = dir.path().join("photos");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("holiday.jpg"), "x").unwrap();
        let err = build_site(packs(), &foreign, &SiteOptions::default()).unwrap_err();
        assert!(
            matches!(err, scanwise_site::SiteError::NotASite(_)),
            "{err}"
        );
        assert!(foreign.join("holiday.jpg").is_file());
        assert_eq!(std::fs::read_dir(&foreign).unwrap().count(), 1);

        for nameless in [Path::new("."), Path::new("/"), Path::new("..")] {
            let err = build_site(packs(), nameless, &SiteOptions::default()).unwrap_err();
            assert!(
                matches!(err, scanwise_site::SiteError::NoFolderName(_)),
                "{err}"
            );
        }
    }

    #[test]
    fn the_report_counts_what_is_on_disk() {
        let b = site();
        let html = pages().count();
        assert_eq!(b.report.pages, html);
        let files: Vec<_> = b.files.keys().filter(|p| *p != ".scanwise-site").collect();
        assert_eq!(b.report.files, files.len());
        let bytes: u64 = files
            .iter()
            .map(|p| std::fs::metadata(b.root.join(p)).unwrap().len())
            .sum();
        assert_eq!(b.report.bytes, bytes);
        assert_eq!(b.report.languages, ["ar", "en", "nb", "pl"]);
        assert!(b.root.join(".scanwise-site").is_file());
        let checker_pages = pages().filter(|(p, _)| p.contains("/check/")).count();
        // One page per state, plus each language's area chooser.
        assert_eq!(
            checker_pages,
            b.report.checker_states() + b.report.languages.len()
        );
    }
}

mod pages {
    use super::*;

    #[test]
    fn every_page_has_lang_dir_hreflang_and_the_csp() {
        let langs = &site().report.languages;
        for (path, html) in pages() {
            let lang = attr(html, "<html", "lang").unwrap_or_else(|| panic!("{path}: no lang"));
            let dir = attr(html, "<html", "dir").unwrap_or_else(|| panic!("{path}: no dir"));
            let first = path.split('/').next().unwrap();
            // The root chooser and the prescription landing page belong to no language; the
            // landing page's script switches to the link's language.
            let neutral = path == "index.html" || path == "open/index.html";
            if neutral {
                assert_eq!(lang, "en");
            } else {
                assert_eq!(lang, first, "{path}");
            }
            assert_eq!(dir, if lang == "ar" { "rtl" } else { "ltr" }, "{path}");
            assert!(
                html.contains(
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
                ),
                "{path}: no CSP"
            );
            if path == "open/index.html" {
                continue;
            }
            for l in langs {
                assert!(
                    html.contains(&format!("<link rel=\"alternate\" hreflang=\"{l}\" href=")),
                    "{path}: no hreflang alternate for {l}"
                );
            }
            assert!(
                html.contains(
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
                ),
                "{path}: no CSP"
            );
            if path != "index.html" {
                // The language switch keeps the page: one link per language, each with hreflang.
                let switch = &html[html
                    .find("<nav class=\"langs\"")
                    .unwrap_or_else(|| panic!("{path}: no language switch"))..];
                let switch = &switch[..switch.find("</nav>").unwrap()];
                for l in langs {
                    assert!(
                        switch.contains(&format!("hreflang=\"{l}\"")),
                        "{path}: switch lacks {l}"
                    );
                }
            }
        }
    }

    #[test]
    fn arabic_pages_are_right_to_left() {
        let mut n = 0;
        for (path, html) in pages().filter(|(p, _)| p.starts_with("ar/")) {
            assert!(
                html.starts_with("<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">"),
                "{path}"
            );
            n += 1;
        }
        assert!(n > 20, "only {n} Arabic pages");
        // English text inside an Arabic page (a fallback module, the references) says so.
        let refs = &site().files["ar/m/when-a-scan-is-needed/index.html"];
        assert!(refs.contains("lang=\"en\" dir=\"ltr\""));
    }

    /// `open/` falls back to English, not to the first language in code order (Arabic): a
    /// link without a language, opened in a browser set to a language the site lacks.
    #[test]
    fn the_prescription_chooser_falls_back_to_english() {
        let html = &site().files["open/index.html"];
        let start = "<script type=\"application/json\" id=\"open-root\">";
        let json = &html[html.find(start).expect("open-root data") + start.len()..];
        let json = &json[..json.find("</script>").unwrap()];
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(data["default"], "en");
        assert_eq!(
            data["languages"],
            serde_json::json!(site().report.languages)
        );
    }

    #[test]
    fn nothing_is_loaded_from_another_host() {
        let css = &site().files["site.css"];
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "site.css loads something"
        );
        for (path, html) in pages() {
            let html = &without_own_scripts(html);
            assert!(!html.contains("<script"), "{path}: a script");
            assert!(!html.contains("http://"), "{path}: http://");
            for (tag, attrs) in tags(html) {
                for (name, value) in &attrs {
                    assert!(
                        !matches!(name.as_str(), "src" | "srcset" | "style"),
                        "{path}: <{tag} {name}>"
                    );
                    // The search form submits to its own page (the script reads the query).
                    if name == "action" {
                        assert!(
                            tag == "form" && value == "./" && path.ends_with("/search/index.html"),
                            "{path}: <{tag} action=\"{value}\">"
                        );
                    }
                    assert!(!name.starts_with("on"), "{path}: <{tag} {name}> handler");
                    let remote = value.contains("://") || value.starts_with("//");
                    if remote {
                        // Only links the reader may follow: references and web links in text.
                        assert!(
                            tag == "a" && name == "href" && value.starts_with("https://"),
                            "{path}: <{tag} {name}=\"{value}\">"
                        );
                    }
                    if tag == "link" && name == "href" {
                        assert!(!value.contains(':'), "{path}: <link href=\"{value}\">");
                    }
                }
            }
        }
    }

    #[test]
    fn every_link_and_anchor_resolves() {
        let files = &site().files;
        let mut checked = 0;
        for (path, html) in pages() {
            assert!(
                !html.contains("href=\"#/"),
                "{path}: an in-app route is left"
            );
            for (tag, attrs) in tags(html) {
                for (name, href) in attrs {
                    if name != "href" || !matches!(tag.as_str(), "a" | "link") {
                        continue;
                    }
                    if href.starts_with("https://") || href.starts_with("tel:") {
                        continue;
                    }
                    let (file, frag) = resolve(path, &href);
                    let target = files
                        .get(&file)
                        .unwrap_or_else(|| panic!("{path}: {href} -> {file} does not exist"));
                    if let Some(f) = frag.filter(|f| !f.is_empty()) {
                        assert!(
                            target.contains(&format!(" id=\"{f}\"")),
                            "{path}: {href}: no id {f} in {file}"
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "only {checked} links");
    }

    #[test]
    fn links_to_index_files_work_from_disk() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let options = SiteOptions {
            link_style: scanwise_site::LinkStyle::IndexFile,
            ..SiteOptions::default()
        };
        build_site(packs(), &out, &options).unwrap();
        let files = read_tree(&out);
        let home = &files["en/index.html"];
        assert!(home.contains("href=\"m/radiation/index.html\""), "{home}");
        for (tag, attrs) in tags(home) {
            for (name, href) in attrs {
                if tag == "a"
                    && name == "href"
                    && !href.starts_with('#')
                    && !href.starts_with("https:")
                {
                    let (file, _) = resolve("en/index.html", &href);
                    assert!(href.contains("index.html"), "{href}");
                    assert!(files.contains_key(&file), "{href}");
                }
            }
        }
    }
}

mod content {
    use super::*;

    #[test]
    fn every_module_of_every_language_has_a_page() {
        let files = &site().files;
        for lang in &site().report.languages {
            for id in module_ids() {
                let page = format!("{lang}/m/{id}/index.html");
                let html = files
                    .get(&page)
                    .unwrap_or_else(|| panic!("{page} is missing"));
                assert!(html.contains(&format!("data-module=\"{id}\"")), "{page}");
                assert!(
                    html.contains("data-testid=\"evidence\""),
                    "{page}: no evidence card"
                );
                // And the home page links to it.
                assert!(
                    files[&format!("{lang}/index.html")].contains(&format!("href=\"m/{id}/\"")),
                    "{lang} home does not link {id}"
                );
            }
        }
    }

    #[test]
    fn a_module_missing_in_a_language_is_shown_whole_in_english_with_the_notice() {
        let files = &site().files;
        let mut fallbacks = 0;
        for lang in &site().report.languages {
            for id in module_ids() {
                let html = &files[&format!("{lang}/m/{id}/index.html")];
                let notice = html.contains("data-testid=\"fallback-notice\"");
                if has_module(id, lang) {
                    assert!(
                        !notice,
                        "{lang}/{id} has its own language but says fallback"
                    );
                    assert!(html.contains(&format!("<article class=\"module\" lang=\"{lang}\"")));
                } else {
                    assert!(notice, "{lang}/{id}: no fallback notice");
                    // The whole module is the English one, under the page's own language.
                    assert!(
                        html.contains("<article class=\"module\" lang=\"en\" dir=\"ltr\""),
                        "{lang}/{id}"
                    );
                    assert!(html.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\"")));
                    fallbacks += 1;
                }
            }
        }
        assert!(fallbacks > 0, "the shipped content has no fallback to test");
        assert!(!has_module("radiation", "pl"));
        assert!(files["pl/m/radiation/index.html"].contains("data-testid=\"fallback-notice\""));
    }

    #[test]
    fn a_module_taken_out_of_a_language_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let fewer: Vec<Pack> = packs()
            .iter()
            .filter(
                |p| !matches!(p, Pack::Module(m) if m.id == "do-i-need-a-scan" && m.lang == "nb"),
            )
            .cloned()
            .collect();
        build_site(&fewer, &out, &SiteOptions::default()).unwrap();
        let html = std::fs::read_to_string(out.join("nb/m/do-i-need-a-scan/index.html")).unwrap();
        assert!(html.contains("data-testid=\"fallback-notice\""));
        assert!(html.contains("<article class=\"module\" lang=\"en\""));
        let home = std::fs::read_to_string(out.join("nb/index.html")).unwrap();
        let card = &home[home.find("data-module=\"do-i-need-a-scan\"").unwrap()..];
        assert!(
            card[..card.find("</li>").unwrap()].contains("class=\"badge\""),
            "no fallback badge"
        );
    }

    #[test]
    fn hostile_pack_text_is_escaped_and_hostile_markup_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut hostile = packs().to_vec();
        for p in &mut hostile {
            if let Pack::Module(m) = p
                && m.id == "radiation"
                && m.lang == "en"
            {
                m.title = "<script>alert(1)</script>\"'".into();
                m.summary = "<img src=x onerror=alert(2)>".into();
                m.key_points.push("</li><script>alert(3)</script>".into());
                m.sections[0].heading = "<b onclick=alert(4)>".into();
                m.sections[0].html = concat!(
                    "<p>ok<script>alert(5)</script><img src=\"https://evil.example/x.png\">",
                    "<a href=\"javascript:alert(6)\">j</a><iframe src=\"https://evil.example\"></iframe>",
                    "<a href=\"#/module/../../../etc/passwd\">t</a></p>"
                )
                .into();
            }
        }
        build_site(&hostile, &out, &SiteOptions::default()).unwrap();
        for lang in ["en", "pl"] {
            let html = std::fs::read_to_string(out.join(format!("{lang}/m/radiation/index.html")))
                .unwrap();
            let html = without_own_scripts(&html);
            for bad in [
                "<script",
                "<img",
                "<iframe",
                "<b ",
                "javascript:",
                "evil.example",
                "passwd",
            ] {
                assert!(!html.contains(bad), "{lang}: {bad} survived");
            }
            // Handlers may stay only as escaped text, never as attributes.
            for (tag, attrs) in tags(&html) {
                assert!(
                    attrs.iter().all(|(name, _)| !name.starts_with("on")),
                    "{lang}: <{tag}> has a handler"
                );
            }
            assert!(
                html.contains("&lt;img src=x onerror=alert(2)&gt;"),
                "{lang}: summary not escaped"
            );
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"),
                "{lang}: title not escaped"
            );
            let home = std::fs::read_to_string(out.join(format!("{lang}/index.html"))).unwrap();
            let home = without_own_scripts(&home);
            assert!(
                !home.contains("<script") && !home.contains("<img"),
                "{lang} home"
            );
        }
        // The open page carries the titles as JSON data: a title cannot end the data block.
        let open = std::fs::read_to_string(out.join("en/open/index.html")).unwrap();
        assert!(
            open.contains("alert(1)<\\/script>"),
            "the title is in the data, escaped"
        );
        let open = without_own_scripts(&open);
        assert!(
            !open.contains("<script") && !open.contains("<img"),
            "open page"
        );
    }

    #[test]
    fn an_id_that_could_leave_its_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut bad = packs().to_vec();
        for p in &mut bad {
            if let Pack::Module(m) = p
                && m.id == "radiation"
            {
                m.id = "../../escape".into();
            }
        }
        let err = build_site(&bad, &dir.path().join("site"), &SiteOptions::default()).unwrap_err();
        assert!(
            matches!(err, scanwise_site::SiteError::UnsafeId(_)),
            "{err}"
        );
        assert!(!dir.path().join("site").exists());
        assert!(!dir.path().join("escape").exists());
    }

    #[test]
    fn unreviewed_modules_say_so() {
        let files = &site().files;
        for p in packs() {
            let Pack::Module(m) = p else { continue };
            let html = &files[&format!("{}/m/{}/index.html", m.lang, m.id)];
            let draft = m.review.state == ReviewState::Draft;
            assert_eq!(
                html.contains("data-testid=\"draft-notice\""),
                draft,
                "{}/{}",
                m.lang,
                m.id
            );
            assert_eq!(
                html.contains("data-review=\"draft\""),
                draft,
                "{}/{}",
                m.lang,
                m.id
            );
        }
    }

    #[test]
    fn get_help_now_lists_the_checkers_own_signs_by_tier_and_the_numbers() {
        let files = &site().files;
        for lang in &site().report.languages {
            let html = &files[&format!("{lang}/help/index.html")];
            let pack = checker_pack(lang);
            for (tier, signs) in checker::signs_by_tier(pack) {
                let name = match tier {
                    OutcomeKind::Emergency => "emergency",
                    OutcomeKind::Urgent => "urgent",
                    _ => "soon",
                };
                let start = html.find(&format!("data-tier=\"{name}\"")).unwrap();
                let section = &html[start..];
                let section = &section[..section.find("</section>").unwrap()];
                for q in signs {
                    assert!(
                        section.contains(&format!("data-sign=\"{}\"", q.id)),
                        "{lang}: {} not under {name}",
                        q.id
                    );
                }
            }
            for region in ["NO", "GB", "PL"] {
                assert!(
                    html.contains(&format!("data-region=\"{region}\"")),
                    "{lang}: {region}"
                );
            }
            assert!(html.contains("href=\"tel:113\""));
        }
    }

    #[test]
    fn the_about_page_keeps_the_decoder_in_the_app_and_links_the_glossary() {
        for lang in &site().report.languages {
            let html = &site().files[&format!("{lang}/about/index.html")];
            assert!(html.contains("id=\"decoder\""));
            assert!(html.contains("href=\"../glossary/\""), "{lang}");
        }
        assert!(
            site().files["en/about/index.html"].contains("Report text never leaves your device")
        );
    }
}

fn checker_pack(lang: &str) -> &'static CheckerPack {
    packs()
        .iter()
        .filter_map(|p| match p {
            Pack::Checker(c) => Some(c),
            _ => None,
        })
        .find(|c| c.lang == lang)
        .or_else(|| {
            packs().iter().find_map(|p| match p {
                Pack::Checker(c) if c.lang == "en" => Some(c),
                _ => None,
            })
        })
        .expect("a checker pack")
}

mod checker_conformance {
    use super::*;
    use std::collections::HashMap;

    fn area_name(area: BodyArea) -> &'static str {
        match area {
            BodyArea::Back => "back",
            BodyArea::Knee => "knee",
            BodyArea::Shoulder => "shoulder",
            BodyArea::General => "general",
        }
    }

    fn outcome_name(o: OutcomeKind) -> &'static str {
        match o {
            OutcomeKind::Emergency => "emergency",
            OutcomeKind::Urgent => "urgent",
            OutcomeKind::Soon => "soon",
            OutcomeKind::DiscussImaging => "discuss_imaging",
            OutcomeKind::ScanUnlikelyToHelp => "scan_unlikely_to_help",
        }
    }

    /// What a checker page says, read once from its HTML.
    #[derive(Debug, PartialEq, Eq)]
    struct PageInfo {
        state: String,
        next_question: String,
        outcome: String,
        show_card: String,
        complete: String,
        asked_signs: String,
        answered: String,
        /// The card the reader sees: (data-outcome, data-final), if any.
        card: Option<(String, String)>,
        /// The question the reader sees, if any.
        question: Option<String>,
        card_first: bool,
        /// Where yes, no and not sure lead (site-relative files).
        links: Option<[String; 3]>,
    }

    fn read_page(file: &str, html: &str) -> PageInfo {
        let d = "<div class=\"checker\"";
        let get = |name| {
            attr(html, d, name)
                .unwrap_or_else(|| panic!("{file}: no {name}"))
                .to_string()
        };
        let card_at = html
            .find("<section class=\"outcome\"")
            .or_else(|| html.find("<section class=\"urgent-card outcome\""));
        let question_at = html.find("<section class=\"question\"");
        let card = card_at.map(|at| {
            let tag = &html[at..];
            (
                attr(tag, "<section", "data-outcome").unwrap().to_string(),
                attr(tag, "<section", "data-final").unwrap().to_string(),
            )
        });
        let question = question_at.map(|at| {
            attr(&html[at..], "<section", "data-question")
                .unwrap()
                .to_string()
        });
        let links = question_at.map(|_| {
            ["yes", "no", "not_sure"].map(|key| {
                let from = format!("data-answer=\"{key}\"");
                let at = html
                    .find(&from)
                    .unwrap_or_else(|| panic!("{file}: no {key} link"));
                let tag_start = html[..at].rfind('<').unwrap();
                resolve(file, attr(&html[tag_start..], "<a", "href").unwrap()).0
            })
        });
        PageInfo {
            state: get("data-state"),
            next_question: get("data-next-question"),
            outcome: get("data-outcome"),
            show_card: get("data-show-card"),
            complete: get("data-complete"),
            asked_signs: get("data-asked-signs"),
            answered: get("data-answered"),
            card_first: match (card_at, question_at) {
                (Some(c), Some(q)) => c < q,
                _ => true,
            },
            card,
            question,
            links,
        }
    }

    /// Every checker state page, read once.
    fn checker_pages() -> &'static HashMap<String, PageInfo> {
        static PAGES: OnceLock<HashMap<String, PageInfo>> = OnceLock::new();
        PAGES.get_or_init(|| {
            pages()
                .filter(|(f, h)| f.contains("/check/") && h.contains("<div class=\"checker\""))
                .map(|(f, h)| (f.clone(), read_page(f, h)))
                .collect()
        })
    }

    /// The page says exactly what the engine says for `answered` answers leading to `step`.
    fn assert_page_is_step(file: &str, page: &PageInfo, step: &checker::Step, answered: usize) {
        assert_eq!(
            page.next_question,
            step.next_question.as_deref().unwrap_or(""),
            "{file}"
        );
        assert_eq!(page.outcome, outcome_name(step.outcome), "{file}");
        assert_eq!(page.show_card, step.show_card.to_string(), "{file}");
        assert_eq!(page.complete, step.is_complete().to_string(), "{file}");
        assert_eq!(page.asked_signs, step.asked_signs.join(" "), "{file}");
        assert_eq!(page.answered, answered.to_string(), "{file}");
        // What the reader sees matches: the card (first), then the question.
        assert_eq!(
            page.card,
            step.show_card.then(|| (
                outcome_name(step.outcome).to_string(),
                step.is_complete().to_string()
            )),
            "{file}"
        );
        assert_eq!(
            page.question.as_deref(),
            step.next_question.as_deref(),
            "{file}"
        );
        assert!(
            page.card_first,
            "{file}: the card must come before the question"
        );
        assert_eq!(page.links.is_some(), step.next_question.is_some(), "{file}");
    }

    const ALL: [Answer; 3] = [Answer::Yes, Answer::No, Answer::NotSure];

    fn start(lang: &str, area: BodyArea) -> String {
        format!("{lang}/check/{}/index.html", area_name(area))
    }

    /// Follows `sequence` from the area's first page through the links, checking every page
    /// on the way against the engine given the answers actually chosen.
    fn follow(lang: &str, area: BodyArea, sequence: &[Answer]) {
        let pages = checker_pages();
        let pack = checker_pack(lang);
        let mut file = start(lang, area);
        let mut answers = Answers::new();
        for (i, a) in sequence
            .iter()
            .copied()
            .chain(std::iter::repeat(Answer::No))
            .enumerate()
        {
            let page = pages.get(&file).unwrap_or_else(|| panic!("{file} missing"));
            let step = checker::step(pack, area, &answers);
            assert_page_is_step(&file, page, &step, i);
            let Some(q) = step.next_question else { return };
            let at = ALL.iter().position(|x| *x == a).unwrap();
            file = page.links.as_ref().unwrap()[at].clone();
            answers = answers.with(q, a);
        }
    }

    #[test]
    fn every_state_page_is_the_engines_step_for_its_own_answers() {
        let mut n = 0;
        for lang in &site().report.languages {
            let pack = checker_pack(lang);
            for area in CHECKER_AREAS {
                let prefix = format!("{lang}/check/{}/", area_name(area));
                for (file, page) in checker_pages()
                    .iter()
                    .filter(|(f, _)| f.starts_with(&prefix))
                {
                    let letters = &page.state;
                    let expected_file = if letters.is_empty() {
                        format!("{prefix}index.html")
                    } else {
                        format!("{prefix}{letters}/index.html")
                    };
                    assert_eq!(*file, expected_file);
                    let (_, step) = walk::replay(pack, area, letters).expect("a valid state name");
                    assert_page_is_step(file, page, &step, letters.len());
                    n += 1;
                }
            }
        }
        assert_eq!(n, site().report.checker_states());
    }

    /// Every sequence of `depth` answers (3^depth of them), sharing prefixes.
    fn every_sequence(lang: &str, area: BodyArea, depth: usize) -> usize {
        fn go(
            pack: &CheckerPack,
            area: BodyArea,
            file: &str,
            answers: &Answers,
            n: usize,
            depth: usize,
        ) -> usize {
            let page = &checker_pages()[file];
            let step = checker::step(pack, area, answers);
            assert_page_is_step(file, page, &step, n);
            let Some(q) = step.next_question else {
                return 1;
            };
            if n == depth {
                return 1;
            }
            let links = page.links.as_ref().unwrap();
            ALL.iter()
                .zip(links)
                .map(|(a, next)| {
                    go(
                        pack,
                        area,
                        next,
                        &answers.clone().with(q.clone(), *a),
                        n + 1,
                        depth,
                    )
                })
                .sum()
        }
        go(
            checker_pack(lang),
            area,
            &start(lang, area),
            &Answers::new(),
            0,
            depth,
        )
    }

    #[test]
    fn every_answer_sequence_up_to_depth_eight_lands_on_the_engines_step() {
        for lang in &site().report.languages {
            for area in CHECKER_AREAS {
                // Every area asks more than eight questions, so none of these end early.
                assert_eq!(
                    every_sequence(lang, area, 8),
                    3usize.pow(8),
                    "{lang} {area:?}"
                );
            }
        }
    }

    /// xorshift64*: a fixed, dependency-free sequence, so a failure can be replayed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn random_whole_walks_follow_the_links_to_the_engines_answers() {
        let mut rng = Rng(0x5CA9_7153);
        let mut walks = 0;
        for lang in &site().report.languages {
            for area in CHECKER_AREAS {
                // From "anything goes" to "mostly no" (long walks through to the criteria).
                for p_no in [34u64, 70, 90, 97] {
                    for _ in 0..250 {
                        let seq: Vec<Answer> = (0..80)
                            .map(|_| {
                                if rng.below(100) < p_no {
                                    Answer::No
                                } else if rng.below(2) == 0 {
                                    Answer::Yes
                                } else {
                                    Answer::NotSure
                                }
                            })
                            .collect();
                        follow(lang, area, &seq);
                        walks += 1;
                    }
                }
            }
        }
        assert_eq!(walks, 4 * 3 * 4 * 250);
    }

    #[test]
    fn one_yes_to_the_first_emergency_sign_shows_its_card_at_once_and_all_no_reassures() {
        let files = &site().files;
        let pages = checker_pages();
        let first = &pages["en/check/back/index.html"];
        let yes = &first.links.as_ref().unwrap()[0];
        assert_eq!(pages[yes].card, Some(("emergency".into(), "false".into())));
        assert!(files[yes].contains("data-testid=\"keep-going\""));
        assert!(files[yes].contains("href=\"tel:113\""));
        // All "no": through every question to the reassuring card with its safety net.
        let mut file = "en/check/back/index.html".to_string();
        while let Some(links) = &pages[&file].links {
            file = links[1].clone();
        }
        assert_eq!(
            pages[&file].card,
            Some(("scan_unlikely_to_help".into(), "true".into()))
        );
        assert!(files[&file].contains("data-testid=\"safety-net\""));
        assert!(files[&file].contains("data-testid=\"signs-asked\""));
    }
}

/// The site's stylesheet uses the app's design tokens: the same value for every custom
/// property in the light, dark and high-contrast palettes (the app picks them by its theme
/// setting, the site by the reader's `prefers-color-scheme` / `prefers-contrast`).
mod tokens {
    use std::collections::BTreeMap;

    fn block_after<'c>(css: &'c str, selector: &str) -> &'c str {
        let at = css
            .find(selector)
            .unwrap_or_else(|| panic!("no {selector}"));
        let open = at + css[at..].find('{').unwrap();
        // The palette's own block: the first `{` after the selector that holds `--` values.
        let body_start = open + 1 + css[open + 1..].find("--").unwrap();
        let end = body_start + css[body_start..].find('}').unwrap();
        &css[body_start..end]
    }

    fn props(block: &str) -> BTreeMap<String, String> {
        block
            .split(';')
            .filter_map(|d| d.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .filter(|(k, _)| k.starts_with("--") && k != "--text-scale")
            .collect()
    }

    #[test]
    fn the_design_tokens_are_the_apps() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let app = std::fs::read_to_string(root.join("ui/src/styles.css")).unwrap();
        let site = std::fs::read_to_string(root.join("crates/site/assets/site.css")).unwrap();
        for (app_sel, site_sel) in [
            (":root {", ":root {"),
            (
                ":root[data-theme=\"dark\"]",
                "@media (prefers-color-scheme: dark)",
            ),
            (
                ":root[data-theme=\"high_contrast\"]",
                "@media (prefers-contrast: more)",
            ),
        ] {
            let a = props(block_after(&app, app_sel));
            let s = props(block_after(&site, site_sel));
            assert!(a.len() >= 13, "{app_sel}: {a:?}");
            assert_eq!(s, a, "site {site_sel} vs app {app_sel}");
        }
    }
}
