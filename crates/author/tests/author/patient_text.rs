//! The shipped content against the patient-text rules (SW100-SW104), and the getting-better
//! module's safety net: issue 12. A module of the `author` test binary. The rules themselves have fixtures in `tests/fixtures/invalid`.

use std::fs;
use std::path::{Path, PathBuf};

use super::copy_tree;

use scanwise_author::rules::{TranslationState, translation_state};
use scanwise_author::{Diagnostic, render_all};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn with_code<'a>(d: &'a [Diagnostic], code: &str) -> Vec<&'a Diagnostic> {
    d.iter().filter(|x| x.code.as_str() == code).collect()
}

fn in_modules(d: &Diagnostic) -> bool {
    d.file
        .as_ref()
        .is_some_and(|f| f.to_string_lossy().replace('\\', "/").contains("/modules/"))
}

#[test]
fn shipped_content_has_no_raw_citation_and_sources_every_time_course() {
    let (_, d) = scanwise_author::check(&content_dir());
    for code in ["SW100", "SW102", "SW103", "SW104"] {
        let found = with_code(&d, code);
        assert!(
            found.is_empty(),
            "{code} in the shipped content:\n{}",
            found.iter().map(|x| x.render()).collect::<String>()
        );
    }
}

#[test]
fn shipped_modules_have_no_falsely_certain_wording() {
    let (_, d) = scanwise_author::check(&content_dir());
    let found: Vec<_> = with_code(&d, "SW101")
        .into_iter()
        .filter(|x| in_modules(x))
        .collect();
    assert!(
        found.is_empty(),
        "{}",
        found.iter().map(|x| x.render()).collect::<String>()
    );
}

#[test]
fn getting_better_gives_a_sourced_safety_net_in_every_language() {
    let (c, d) = scanwise_author::check(&content_dir());
    assert!(!d.iter().any(|x| x.is_error()), "{}", render_all(&d));
    for lang in ["en", "nb", "ar", "pl"] {
        let m = c
            .module("getting-better", lang)
            .unwrap_or_else(|| panic!("getting-better/{lang}.md"));
        let state = translation_state(&c, "getting-better", lang);
        assert!(
            matches!(state, TranslationState::Source | TranslationState::Complete),
            "{lang}: {state:?}"
        );
        let anchors: Vec<&str> = m.info.sections.iter().map(|s| s.anchor.as_str()).collect();
        for a in ["back", "knee", "shoulder", "what-to-do", "come-back"] {
            assert!(anchors.contains(&a), "{lang}: no {{#{a}}}");
        }
        // The safety net: red flags first (a link to the safety module), then time-based lines
        // that each carry a citation.
        let body = m.body();
        let come_back = &body[body.find("{#come-back}").unwrap()..];
        assert!(
            come_back.contains("module:when-a-scan-is-needed#red-flags"),
            "{lang}: the safety net does not point to the warning signs"
        );
        let cited_items = come_back.lines().filter(|l| l.starts_with("- ")).count();
        assert!(cited_items >= 3, "{lang}: {cited_items} come-back lines");
        assert!(
            come_back.matches("[@").count() >= 3,
            "{lang}: come-back lines without sources"
        );
        assert!(m.fm.review.state.get_ref() == &scanwise_core::model::ReviewState::Draft);
    }
    for (id, anchor) in [
        ("what-helps-instead", ""),
        ("back-pain-overview", "#back"),
        ("knee-pain-overview", "#knee"),
        ("shoulder-pain-overview", "#shoulder"),
    ] {
        for lang in ["en", "nb"] {
            let m = c.module(id, lang).unwrap();
            let link = format!("(module:getting-better{anchor})");
            assert!(m.body().contains(&link), "{id}/{lang} does not link {link}");
        }
    }
}

#[test]
fn removing_a_source_from_the_safety_net_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&content_dir(), dir.path());
    let path = dir.path().join("modules/getting-better/en.md");
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("{#come-back}").unwrap();
    let (head, tail) = text.split_at(at);
    // Drop every citation of the knee line only (the references list stays, so only the
    // time-course rule can fire).
    let tail = tail.replacen("or it gets worse\n  [@uhmb-knee].", "or it gets worse.", 1);
    assert_ne!(format!("{head}{tail}"), text, "the knee line was not found");
    fs::write(&path, format!("{head}{tail}")).unwrap();
    let (_, d) = scanwise_author::check(dir.path());
    // Both the come-back line and its time course lost their source; nothing else changed.
    let found = with_code(&d, "SW104");
    assert_eq!(found.len(), 2, "{}", render_all(&d));
    let others: Vec<_> = d
        .iter()
        .filter(|x| !["SW101", "SW032", "SW040", "SW104"].contains(&x.code.as_str()))
        .collect();
    assert!(others.is_empty(), "{others:?}");
    for x in found {
        let r = x.render();
        assert!(r.contains("getting-better/en.md"), "{r}");
        assert!(r.contains("after 6 to 12 weeks, or it gets worse."), "{r}");
    }
}

#[test]
fn a_raw_citation_in_a_key_point_of_the_shipped_content_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&content_dir(), dir.path());
    let path = dir.path().join("modules/shoulder-pain-overview/en.md");
    let text = fs::read_to_string(&path).unwrap();
    let changed = text.replacen(
        "an X-ray usually comes first.\",",
        "an X-ray usually comes first [@acr-shoulder-2024].\",",
        1,
    );
    assert_ne!(changed, text);
    fs::write(&path, changed).unwrap();
    let (_, d) = scanwise_author::check(dir.path());
    let found = with_code(&d, "SW100");
    assert_eq!(found.len(), 1, "{}", render_all(&d));
    assert!(found[0].is_error());
    assert!(found[0].render().contains("[@acr-shoulder-2024]"));
}

mod robustness {
    use proptest::prelude::*;
    use scanwise_author::raw_citation::raw_citations;
    use scanwise_author::time_course::{blocks, come_back, durations, sentences};
    use scanwise_author::wording::{
        TimeWords, find_phrase, normalize, normalize_entry, sentence_around,
    };

    fn words() -> TimeWords {
        TimeWords {
            units: vec![vec!["weeks".into()], vec!["أسابيع".into()]],
            quantities: vec!["few".into(), "خلال".into()],
            come_back: vec!["come back if".into(), "إذا ساء".into()],
        }
    }

    proptest! {
        #[test]
        fn text_rules_never_panic_on_arbitrary_text(
            s in "(\\PC|[؟.?!:*’ ]|weeks|أسابيع|خلال|few|[0-9]|\\[@a|\\]|\n|- |1\\. |```){0,60}",
            p in "\\PC{0,6}",
        ) {
            let n = normalize(&s);
            for r in find_phrase(&n, &normalize_entry(&p)) {
                let around = sentence_around(&n.text, r.clone());
                prop_assert!(around.start <= r.start && r.end <= around.end);
                let o = n.original(r);
                prop_assert!(s.get(o).is_some());
            }
            for r in raw_citations(&s) {
                prop_assert!(s.get(r).is_some_and(|c| c.starts_with("[@")));
            }
            for b in blocks(&s) {
                let text = &s[b];
                for (r, _) in sentences(text) {
                    let sentence = &text[r];
                    for (_, d) in durations(sentence, &words()) {
                        prop_assert!(sentence.get(d).is_some());
                    }
                    if let Some(c) = come_back(sentence, &words()) {
                        prop_assert!(sentence.get(c).is_some());
                    }
                }
            }
        }
    }
}
