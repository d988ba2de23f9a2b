//! The real `content/`: it checks clean, every module in every language is complete and cites
//! only what exists, the languages publish what they promise, everything is still a draft, and
//! the content never publishes a figure FACTS.md tags (U).

use std::collections::BTreeSet;
use std::path::Path;

use scanwise_author::Code;
use scanwise_core::model::{ModulePack, Pack, ReviewState, SAFETY_MODULE_ID};

use crate::support;

/// What Arabic and Polish must publish besides the safety module.
const CORE_MODULES: [&str; 4] = [
    SAFETY_MODULE_ID,
    "do-i-need-a-scan",
    "what-scans-cant-show",
    "questions-to-ask",
];

#[test]
fn check_has_no_errors_and_en_nb_read_easily() {
    let (_, diags) = scanwise_author::check(&support::content_dir());
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    assert!(
        errors.is_empty(),
        "{}",
        scanwise_author::render_all(&errors)
    );
    let hard_to_read: Vec<_> = diags
        .iter()
        .filter(|d| d.code == Code::Readability)
        .filter(|d| {
            d.file
                .as_ref()
                .and_then(|f| f.file_stem())
                .is_some_and(|s| s == "en" || s == "nb")
        })
        .cloned()
        .collect();
    assert!(
        hard_to_read.is_empty(),
        "{}",
        scanwise_author::render_all(&hard_to_read)
    );
    // The build sees the same content as check: no errors there either.
    assert!(support::built().warnings.iter().all(|d| !d.is_error()));
}

/// `(reference id, marker number)` of each rendered `[@id]` citation in section HTML.
fn citation_markers(html: &str) -> Vec<(String, usize)> {
    const OPEN: &str = "<a class=\"cite\" href=\"#ref-";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        // The sanitiser may add attributes (rel=...) after the href.
        let Some((id, after)) = rest.split_once('"') else {
            break;
        };
        let Some((_, after)) = after.split_once(">[") else {
            break;
        };
        let Some((n, after)) = after.split_once("]</a>") else {
            break;
        };
        out.push((id.to_owned(), n.parse().unwrap_or(0)));
        rest = after;
    }
    out
}

/// Everything wrong with one module; empty when it is fine.
fn module_problems(m: &ModulePack, known_refs: &BTreeSet<&str>) -> Vec<String> {
    let mut p = Vec::new();
    let name = format!("{}/{}", m.id, m.lang);
    for r in &m.references {
        if !known_refs.contains(r.as_str()) {
            p.push(format!("{name}: reference `{r}` is not in the common pack"));
        }
    }
    let mut markers = 0;
    for s in &m.sections {
        let count = s.html.matches("class=\"cite\"").count();
        let parsed = citation_markers(&s.html);
        if parsed.len() != count {
            p.push(format!("{name}#{}: unreadable citation markers", s.anchor));
        }
        for (id, n) in parsed {
            markers += 1;
            if !known_refs.contains(id.as_str()) {
                p.push(format!("{name}#{}: cites unknown `{id}`", s.anchor));
            }
            // Markers are numbered by first use; the evidence card lists references that way.
            if n == 0 || m.references.get(n - 1) != Some(&id) {
                p.push(format!(
                    "{name}#{}: marker [{n}] for `{id}` does not point at it in {:?}",
                    s.anchor, m.references
                ));
            }
        }
        for text in [&s.html, &s.text] {
            if text.contains("[@") {
                p.push(format!("{name}#{}: an unrendered [@citation]", s.anchor));
            }
        }
    }
    if markers == 0 {
        p.push(format!("{name}: no citation at all"));
    }
    if m.key_points.iter().all(|k| k.trim().is_empty()) {
        p.push(format!("{name}: no key point"));
    }
    if m.myth_or_fact.is_empty() {
        p.push(format!("{name}: no myth-or-fact item"));
    }
    match support::module(&m.id, "en") {
        None => p.push(format!("{name}: no English source")),
        Some(en) => {
            let anchors = |m: &ModulePack| m.sections.iter().map(|s| s.anchor.clone()).collect();
            let (ours, theirs): (Vec<String>, Vec<String>) = (anchors(m), anchors(en));
            if ours != theirs {
                p.push(format!("{name}: anchors {ours:?}, English has {theirs:?}"));
            }
        }
    }
    p
}

#[test]
fn every_module_is_complete_and_cites_what_exists() {
    let known: BTreeSet<&str> = support::common()
        .references
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(!known.is_empty());
    let problems: Vec<String> = support::modules()
        .flat_map(|m| module_problems(m, &known))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The checks above are only as good as the module count they ran on.
    assert!(support::modules().count() >= 14 * 2 + 4 * 2);
}

#[test]
fn a_module_with_a_bad_citation_is_caught() {
    // The checker of checks: a broken copy of a real module must be reported.
    let known: BTreeSet<&str> = support::common()
        .references
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let mut m = support::module("do-i-need-a-scan", "nb").unwrap().clone();
    assert!(module_problems(&m, &known).is_empty());
    m.sections[0]
        .html
        .push_str("<a class=\"cite\" href=\"#ref-nope2030\">[1]</a>");
    m.sections.swap(0, 1);
    m.myth_or_fact.clear();
    let p = module_problems(&m, &known).join("\n");
    for needle in ["unknown `nope2030`", "anchors", "myth-or-fact"] {
        assert!(p.contains(needle), "{needle} not reported in:\n{p}");
    }
}

#[test]
fn every_publishing_language_has_the_safety_module() {
    for lang in support::module_languages() {
        assert!(
            support::module(SAFETY_MODULE_ID, lang).is_some(),
            "{lang} publishes modules but not {SAFETY_MODULE_ID}"
        );
    }
    let langs = support::slot().languages().expect("slot query");
    assert!(langs.iter().any(|l| l.lang == "en"));
    for l in langs.iter().filter(|l| l.modules_published > 0) {
        assert!(
            l.has_safety_module,
            "{}: no safety module in the slot",
            l.lang
        );
    }
}

#[test]
fn en_and_nb_publish_every_module() {
    let on_disk = support::module_ids_on_disk();
    assert_eq!(on_disk.len(), 15, "{on_disk:?}");
    for lang in ["en", "nb"] {
        let published: BTreeSet<String> = support::modules()
            .filter(|m| m.lang == lang)
            .map(|m| m.id.clone())
            .collect();
        assert_eq!(published, on_disk, "{lang}");
    }
}

#[test]
fn ar_and_pl_publish_the_core_modules_and_a_checker() {
    for lang in ["ar", "pl"] {
        for id in CORE_MODULES {
            let file = support::content_dir().join(format!("modules/{id}/{lang}.md"));
            assert!(file.is_file(), "{} is missing", file.display());
            assert!(
                support::module(id, lang).is_some(),
                "{id}/{lang} exists but is not published (incomplete translation?)"
            );
        }
        assert!(
            support::checkers().any(|c| c.lang == lang),
            "{lang} has no published checker"
        );
    }
}

#[test]
fn every_module_is_a_draft_and_the_app_is_told() {
    for m in support::modules() {
        assert_eq!(
            (m.review.state, m.review.reviewer.as_deref()),
            (ReviewState::Draft, None),
            "{}/{}: not yet clinically reviewed, so it must say draft",
            m.id,
            m.lang
        );
    }
    let slot = support::slot();
    for lang in support::module_languages() {
        for s in slot.modules(&[lang, "en"], None).expect("slot query") {
            assert_eq!(
                s.review,
                ReviewState::Draft,
                "{lang}: {} on the home screen",
                s.id
            );
            let view = slot.module(&[lang, "en"], &s.id).unwrap().unwrap();
            assert_eq!(view.review.state, ReviewState::Draft, "{lang}: {}", s.id);
        }
    }
}

/// Ids FACTS.md defines: `- [id] ...` lines of its reference list.
fn facts_ids(facts: &str) -> BTreeSet<String> {
    facts
        .lines()
        .filter_map(|l| l.strip_prefix("- ["))
        .filter_map(|l| l.split_once(']'))
        .map(|(id, _)| id.to_owned())
        .filter(|id| {
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .collect()
}

#[test]
fn references_are_facts_ids() {
    let toml = std::fs::read_to_string(support::content_dir().join("references.toml")).unwrap();
    let keys: BTreeSet<String> = toml
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('[') && !l.starts_with("[["))
        .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
        .map(|k| k.trim_matches('"').to_owned())
        .collect();
    let shipped: BTreeSet<String> = support::common()
        .references
        .iter()
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(
        keys, shipped,
        "references.toml and the common pack disagree"
    );
    let Some(path) = support::facts_md() else {
        eprintln!("skipped: no ../shared/evidence/FACTS.md beside the repository");
        return;
    };
    let facts = facts_ids(&std::fs::read_to_string(path).unwrap());
    assert!(facts.len() > 50, "FACTS.md reference list not found");
    let unknown: Vec<_> = keys.difference(&facts).collect();
    assert!(unknown.is_empty(), "not in FACTS.md: {unknown:?}");
}

/// The Brinjikji cells FACTS §3a tags (U): `(concept, age, percent)`.
const UNVERIFIED: &[(&str, u32, u32)] = &[
    ("disc-degeneration", 60, 88),
    ("disc-degeneration", 70, 93),
    ("disc-desiccation", 70, 94),
    ("disc-desiccation", 80, 97),
    ("disc-height-loss", 60, 67),
    ("disc-height-loss", 70, 76),
    ("disc-height-loss", 80, 84),
    ("disc-bulge", 60, 69),
    ("disc-bulge", 70, 77),
    ("disc-protrusion", 60, 38),
    ("disc-protrusion", 70, 40),
    ("annular-fissure", 60, 25),
    ("annular-fissure", 70, 27),
    ("facet-arthropathy", 60, 50),
    ("facet-arthropathy", 70, 69),
    ("facet-arthropathy", 80, 83),
    ("spondylolisthesis", 70, 35),
    ("spondylolisthesis", 80, 50),
];

/// Word stems that name each finding in English and Norwegian prose, on top of the glossary's
/// own terms and aliases.
fn stems(concept: &str) -> &'static [&'static str] {
    match concept {
        "disc-degeneration" => &["degenerat", "degener"],
        "disc-desiccation" => &[
            "signal", "dark", "black", "desiccat", "dehydr", "mørk", "uttørk",
        ],
        // Not "disc": 84 at 80 is a (V) figure for bulges.
        "disc-height-loss" => &["height", "flatter", "høyde", "lavere"],
        "disc-bulge" => &["bulg", "bukning", "buling"],
        "disc-protrusion" => &["protru"],
        "annular-fissure" => &["fissur", "annul", "anulus"],
        "facet-arthropathy" => &["facet", "fasett"],
        "spondylolisthesis" => &["listhes", "listese", "slip", "glid"],
        _ => &[],
    }
}

/// Words that name `concept` in `lang`: stems plus the glossary term and aliases (English too).
fn finding_words(concept: &str, lang: &str) -> Vec<String> {
    let mut words: Vec<String> = stems(concept).iter().map(|s| s.to_string()).collect();
    for g in ["en", lang].iter().filter_map(|l| support::glossary(l)) {
        if let Some(c) = g.concepts.iter().find(|c| c.id == concept) {
            words.push(c.term.to_lowercase());
            words.extend(c.aliases.iter().map(|a| a.to_lowercase()));
        }
    }
    words
}

/// Numbers in `text` with their byte offsets (Arabic-Indic digits read as digits).
fn numbers(text: &str) -> Vec<(usize, usize, u32)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, u32)> = None;
    for (i, c) in text.char_indices() {
        let digit = match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
            '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
            _ => None,
        };
        cur = match (cur, digit) {
            (Some((s, v)), Some(d)) => Some((s, v.saturating_mul(10).saturating_add(d))),
            (None, Some(d)) => Some((i, d)),
            (Some((s, v)), None) => {
                out.push((s, i, v));
                None
            }
            (None, None) => None,
        };
    }
    if let Some((s, v)) = cur {
        out.push((s, text.len(), v));
    }
    out
}

/// The (U) cells `text` states: a percent and its age next to each other ("88 in 100 people
/// aged 60", "ved 60 år: 88 %"), in text that names the finding.
fn unverified_figures(text: &str, lang: &str) -> Vec<(&'static str, u32, u32)> {
    // "in 100" / "av 100" is the denominator, not a figure.
    let nums: Vec<_> = numbers(text).into_iter().filter(|n| n.2 != 100).collect();
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for pair in nums.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b.0 - a.1 > 40 {
            continue;
        }
        for &(concept, age, pct) in UNVERIFIED {
            let stated = (a.2, b.2) == (pct, age) || (a.2, b.2) == (age, pct);
            let named = || {
                finding_words(concept, lang)
                    .iter()
                    .any(|w| lower.contains(w))
            };
            if stated && named() {
                found.push((concept, age, pct));
            }
        }
    }
    found
}

#[test]
fn the_unverified_figure_detector_works() {
    let hit = unverified_figures(
        "Disc degeneration: 80 in 100 people aged 50, and 88 in 100 aged 60.",
        "en",
    );
    assert_eq!(hit, [("disc-degeneration", 60, 88)]);
    assert_eq!(
        unverified_figures("Skivedegenerasjon: ved 60 år har 88 % dette.", "nb"),
        [("disc-degeneration", 60, 88)]
    );
    assert_eq!(
        unverified_figures("تنكس القرص: ٨٨ من كل ١٠٠ في سن ٦٠ degeneration", "ar"),
        [("disc-degeneration", 60, 88)]
    );
    // (V) figures are fine: 84 in 100 with a disc bulge at 80 is from the abstract.
    assert!(unverified_figures("A disc bulge: about 84 in 100 aged 80.", "en").is_empty());
    // The same numbers about something else are not flagged.
    assert!(unverified_figures("Knee: 88 in 100 people aged 60 walk daily.", "en").is_empty());
}

/// Every (U) figure `packs` publish, in module text, glossary bands or glossary explanations.
fn unverified_in(packs: &[Pack]) -> Vec<String> {
    let mut problems = Vec::new();
    for p in packs {
        match p {
            Pack::Module(m) => {
                let mut texts: Vec<(String, &str)> = vec![("summary".into(), m.summary.as_str())];
                texts.extend(
                    m.sections
                        .iter()
                        .map(|s| (format!("#{}", s.anchor), s.text.as_str())),
                );
                texts.extend(
                    m.key_points
                        .iter()
                        .map(|k| ("key point".into(), k.as_str())),
                );
                for mf in &m.myth_or_fact {
                    texts.push(("myth or fact".into(), mf.statement.as_str()));
                    texts.push(("myth or fact".into(), mf.explanation.as_str()));
                }
                for (where_, text) in texts {
                    for hit in unverified_figures(text, &m.lang) {
                        problems.push(format!("{}/{} {where_}: {hit:?}", m.id, m.lang));
                    }
                }
            }
            Pack::Glossary(g) => {
                for c in &g.concepts {
                    for &(concept, age, pct) in UNVERIFIED.iter().filter(|u| u.0 == c.id) {
                        for b in &c.prevalence {
                            let covers = u32::from(b.from) <= age && age <= u32::from(b.to);
                            if covers && (b.percent - pct as f32).abs() < 0.5 {
                                problems
                                    .push(format!("glossary {} {concept}: {b:?} is (U)", g.lang));
                            }
                        }
                    }
                    for hit in unverified_figures(&c.explanation, &g.lang) {
                        problems.push(format!("glossary {} {} explanation: {hit:?}", g.lang, c.id));
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn no_unverified_brinjikji_figure_is_published() {
    let problems = unverified_in(&support::built().packs);
    assert!(
        problems.is_empty(),
        "(U) figures published:\n{}",
        problems.join("\n")
    );
}

/// Copies a directory tree (the content folder is small: text files only).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the real content with one file edited: `from` replaced by `to` (exactly once).
fn edited_content(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&support::content_dir(), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "{file}: {from:?} must occur once"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

#[test]
fn an_unverified_figure_slipped_into_real_content_is_caught() {
    // The detector on packs built the real way, not only on strings.
    let cases = [
        (
            "modules/what-scans-cant-show/en.md",
            "- 80 in 100 people aged 50 [@brinjikji2015a-tbl],\n",
            "- 80 in 100 people aged 50 [@brinjikji2015a-tbl],\n- 88 in 100 people aged 60 [@brinjikji2015a-tbl],\n",
            "what-scans-cant-show/en #back: (\"disc-degeneration\", 60, 88)",
        ),
        (
            "glossary/concepts.toml",
            "  # 60 y (88) and 70 y (93) are (U): left out.\n",
            "  { from = 60, to = 69, percent = 88 },\n",
            "glossary en disc-degeneration: PrevalenceBand { from: 60, to: 69, percent: 88.0 } is (U)",
        ),
    ];
    for (file, from, to, expected) in cases {
        let dir = edited_content(file, from, to);
        let (packs, _) = scanwise_author::build_packs(dir.path())
            .unwrap_or_else(|e| panic!("edited {file} does not build: {e}"));
        let problems = unverified_in(&packs);
        assert!(
            problems.iter().any(|p| p == expected),
            "{file}: {expected:?} not among {problems:?}"
        );
    }
}
