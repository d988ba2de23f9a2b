//! A patient's journey through a slot built from the real content: the home screen in a
//! language with English fallback, a module, search, and the emergency number of a region.

use scanwise_core::model::SAFETY_MODULE_ID;

use crate::support;

const CHAINS: [[&str; 2]; 3] = [["nb", "en"], ["ar", "en"], ["pl", "en"]];

#[test]
fn every_chain_lists_all_modules_with_fallbacks_flagged() {
    let slot = support::slot();
    let all = support::module_ids_on_disk();
    for chain in CHAINS {
        let first = chain[0];
        let listed = slot.modules(&chain, None).expect("slot query");
        let ids: Vec<&str> = listed.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(listed.len(), 15, "{chain:?}: {ids:?}");
        assert_eq!(
            ids.iter()
                .map(|s| s.to_string())
                .collect::<std::collections::BTreeSet<_>>(),
            all,
            "{chain:?}"
        );
        assert!(
            listed.windows(2).all(|w| w[0].order <= w[1].order),
            "{chain:?}: home screen sorted by order"
        );
        let mut own = 0;
        for m in &listed {
            let published = support::module(&m.id, first).is_some();
            let expected_lang = if published { first } else { "en" };
            assert_eq!(
                (m.lang.as_str(), m.is_fallback),
                (expected_lang, !published),
                "{chain:?}: {}",
                m.id
            );
            own += usize::from(published);
            let view = slot
                .module(&chain, &m.id)
                .expect("slot query")
                .expect("a listed module opens");
            assert_eq!(
                (
                    view.requested_lang.as_str(),
                    view.lang.as_str(),
                    view.is_fallback
                ),
                (first, expected_lang, !published),
                "{chain:?}: module screen of {}",
                m.id
            );
            assert!(!view.sections.is_empty() && !view.references.is_empty());
        }
        assert!(own >= 1, "{chain:?}: nothing in {first}");
        let safety = listed.iter().find(|m| m.id == SAFETY_MODULE_ID).unwrap();
        assert!(
            !safety.is_fallback,
            "{first} shows the safety module in {first}"
        );
    }
}

#[test]
fn search_finds_words_with_snippets() {
    let slot = support::slot();
    for (chain, query, lang) in [
        (&["nb", "en"][..], "prolaps", "nb"),
        (&["en"][..], "disc", "en"),
    ] {
        let hits = slot.search(chain, query, 20).expect("search");
        assert!(!hits.is_empty(), "{query:?} in {chain:?}: no hits");
        assert!(
            hits.iter().any(|h| h.lang == lang && !h.is_fallback),
            "{query:?}: no hit in {lang}"
        );
        for h in &hits {
            let text: String = h.snippet.iter().map(|s| s.text.as_str()).collect();
            assert!(
                !text.trim().is_empty(),
                "{query:?}: empty snippet for {}",
                h.id
            );
            assert!(!h.title.is_empty());
        }
        let highlighted: Vec<&str> = hits
            .iter()
            .flat_map(|h| &h.snippet)
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            highlighted
                .iter()
                .any(|t| t.to_lowercase().starts_with(query)),
            "{query:?}: no highlighted match in {highlighted:?}"
        );
    }
    // A word that is nowhere in the content finds nothing.
    assert!(slot.search(&["en"], "zzqxv", 20).unwrap().is_empty());
}

#[test]
fn region_numbers_and_default() {
    let slot = support::slot();
    let no = slot.region("NO").expect("slot query");
    assert_eq!(
        (no.code.as_str(), no.emergency.as_deref()),
        ("NO", Some("113"))
    );
    assert_eq!(
        slot.region(" no ").unwrap(),
        no,
        "codes are trimmed and case-folded"
    );
    let unknown = slot.region("ZZ").expect("slot query");
    assert_eq!(unknown.code, "default");
    assert_eq!(
        unknown.emergency, None,
        "the UI says \"your local emergency number\""
    );
}

#[test]
fn checker_and_questions_follow_the_chain() {
    let slot = support::slot();
    for chain in CHAINS {
        let first = chain[0];
        let expected = if support::checkers().any(|c| c.lang == first) {
            first
        } else {
            "en"
        };
        let checker = slot.checker(&chain).unwrap().expect("a checker");
        assert_eq!(
            checker.lang, expected,
            "{chain:?}: checker never mixes languages"
        );
        // A language's question list is published whole or not at all.
        let shown_in = if support::questions(first).is_some() {
            first
        } else {
            "en"
        };
        let questions = slot.questions(&chain).unwrap();
        assert_eq!(
            questions.len(),
            support::questions("en").unwrap().questions.len()
        );
        for q in &questions {
            assert_eq!(
                (q.lang.as_str(), q.is_fallback, q.text.trim().is_empty()),
                (shown_in, shown_in != first, false),
                "{chain:?}: question {}",
                q.id
            );
        }
    }
}
