//! Slot tests: build, reopen, fallback, round trips, crash safety.

use std::fs;

use super::testing::{module, sample_packs};
use super::*;
use crate::model::*;

fn built() -> (tempfile::TempDir, ContentSlot) {
    let dir = tempfile::tempdir().unwrap();
    let slot = ContentSlot::build(&dir.path().join("slot-a.db"), &sample_packs()).unwrap();
    (dir, slot)
}

#[test]
fn build_then_open_read_only() {
    let (dir, slot) = built();
    drop(slot);
    let path = dir.path().join("slot-a.db");
    let slot = ContentSlot::open(&path).unwrap();
    assert_eq!(slot.units().unwrap().len(), sample_packs().len());
    // Read-only: writes are refused by SQLite itself.
    let err = slot.conn().execute("DELETE FROM modules", []).unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
    // Nothing but the slot is left next to it.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["slot-a.db"]);
}

#[test]
fn units_carry_the_sha256_of_each_pack() {
    let (_d, slot) = built();
    let units = slot.units().unwrap();
    for pack in sample_packs() {
        let (unit, locale) = pack.unit();
        let info = units
            .iter()
            .find(|u| u.unit == unit && u.locale == locale)
            .unwrap();
        assert_eq!(info.sha256, pack_sha256(&pack).unwrap());
        assert_eq!(slot.pack(unit, locale).unwrap().as_ref(), Some(&pack));
    }
    assert_eq!(slot.pack("radiation", "nb").unwrap(), None);
    // A changed pack has a different hash: that is how the updater sees what changed.
    let mut changed = sample_packs().remove(1);
    if let Pack::Module(m) = &mut changed {
        m.title.push('!');
    }
    assert_ne!(
        pack_sha256(&changed).unwrap(),
        pack_sha256(&sample_packs()[1]).unwrap()
    );
}

#[test]
fn normalised_tables_round_trip_every_pack() {
    let (_d, slot) = built();
    for pack in sample_packs() {
        match pack {
            Pack::Module(m) => assert_eq!(slot.module_pack(&m.id, &m.lang).unwrap(), Some(m)),
            Pack::Glossary(g) => assert_eq!(slot.glossary_pack(&g.lang).unwrap(), Some(g)),
            Pack::Checker(c) => assert_eq!(slot.checker(&[c.lang.as_str()]).unwrap(), Some(c)),
            Pack::Questions(q) => {
                let got = slot.questions(&[q.lang.as_str()]).unwrap();
                let got: Vec<_> = got.into_iter().map(|l| l.item).collect();
                assert_eq!(got, q.questions);
            }
            Pack::Common(c) => {
                assert_eq!(slot.regions().unwrap(), c.regions);
                for r in &c.references {
                    assert_eq!(slot.reference(&r.id).unwrap().as_ref(), Some(r));
                }
            }
        }
    }
}

#[test]
fn modules_fall_back_whole_and_say_so() {
    let (_d, slot) = built();
    let list = slot.modules(&["nb", "en"], None).unwrap();
    let shown: Vec<_> = list
        .iter()
        .map(|m| (m.id.as_str(), m.lang.as_str(), m.is_fallback))
        .collect();
    assert_eq!(
        shown,
        vec![
            (SAFETY_MODULE_ID, "nb", false),
            ("do-i-need-a-scan", "nb", false),
            ("radiation", "en", true),
        ]
    );
    assert_eq!(list[0].title, "Når du trenger en skanning");
    assert_eq!(list[0].review, ReviewState::Reviewed);
    assert!(list[1].stale);
    assert!(!list[0].stale);
    // English UI: nothing is a fallback.
    assert!(
        slot.modules(&["en"], None)
            .unwrap()
            .iter()
            .all(|m| !m.is_fallback)
    );
    // A language with nothing falls through to the next one.
    let pl = slot.modules(&["pl", "en"], None).unwrap();
    assert_eq!(pl.len(), 3);
    assert!(pl.iter().all(|m| m.lang == "en" && m.is_fallback));
    assert!(slot.modules(&[], None).unwrap().is_empty());
}

#[test]
fn modules_filter_by_area() {
    let (_d, slot) = built();
    let knee: Vec<_> = slot
        .modules(&["en"], Some(BodyArea::Knee))
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(knee, vec!["do-i-need-a-scan"]);
    let general: Vec<_> = slot
        .modules(&["en"], Some(BodyArea::General))
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(general, vec![SAFETY_MODULE_ID, "radiation"]);
}

#[test]
fn module_view_resolves_references_questions_and_languages() {
    let (_d, slot) = built();
    let v = slot
        .module(&["nb", "en"], SAFETY_MODULE_ID)
        .unwrap()
        .unwrap();
    assert_eq!((v.lang.as_str(), v.requested_lang.as_str()), ("nb", "nb"));
    assert!(!v.is_fallback);
    assert_eq!(v.languages, vec!["en", "nb"]);
    assert_eq!(v.references.len(), 1);
    assert_eq!(v.references[0].id, "nice-ng59");
    assert!(v.references[0].citation.contains("NG59"));
    // The module's question order; `what-if-we-wait` has no nb text, so it is English.
    let qs: Vec<_> = v
        .questions
        .iter()
        .map(|q| (q.id.as_str(), q.lang.as_str(), q.is_fallback))
        .collect();
    assert_eq!(
        qs,
        vec![
            ("what-is-urgent", "nb", false),
            ("what-if-we-wait", "en", true)
        ]
    );
    assert_eq!(v.review.reviewer.as_deref(), Some("Dr A. Reviewer"));
    assert_eq!(v.translation.as_ref().unwrap().translated_on, "2026-11-20");

    let r = slot.module(&["nb", "en"], "radiation").unwrap().unwrap();
    assert_eq!((r.lang.as_str(), r.is_fallback), ("en", true));
    assert_eq!(r.languages, vec!["en"]);
    assert_eq!(r.sections[0].anchor, "doses");
    assert!(slot.module(&["nb"], "radiation").unwrap().is_none());
    assert!(slot.module(&["en"], "no-such-module").unwrap().is_none());

    // The home list's cheap query agrees with the whole module.
    for m in [&v, &r] {
        let anchors: Vec<_> = m.sections.iter().map(|s| s.anchor.clone()).collect();
        assert_eq!(slot.section_anchors(&m.id, &m.lang).unwrap(), anchors);
    }
    assert!(slot.section_anchors("radiation", "nb").unwrap().is_empty());

    // The UI gets JSON.
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["questions"][1]["text"], "What happens if we wait?");
    assert_eq!(json["questions"][1]["is_fallback"], true);
}

#[test]
fn glossary_falls_back_per_concept() {
    let (_d, slot) = built();
    let g = slot.glossary(&["nb", "en"]).unwrap();
    let shown: Vec<_> = g.iter().map(|c| (c.id.as_str(), c.lang.as_str())).collect();
    assert_eq!(
        shown,
        vec![
            ("disc-bulge", "nb"),
            ("bone-marrow-lesion", "nb"),
            ("joint-effusion", "en")
        ]
    );
    let c = slot
        .concept(&["nb", "en"], "bone-marrow-lesion")
        .unwrap()
        .unwrap();
    assert_eq!(c.term, "Benmargsødem");
    let c = slot.concept(&["nb", "en"], "disc-bulge").unwrap().unwrap();
    assert_eq!(c.prevalence.len(), 4);
    assert_eq!(c.prevalence[0].percent, 30.0);
    assert!(slot.concept(&["nb"], "joint-effusion").unwrap().is_none());
    assert!(slot.glossary_pack("pl").unwrap().is_none());
}

#[test]
fn checker_questions_regions_and_languages() {
    let (_d, slot) = built();
    let checker = slot.checker(&["nb", "en"]).unwrap().unwrap();
    assert_eq!(checker.lang, "en");
    assert_eq!(
        checker.questions[0].kind,
        CheckerQuestionKind::RedFlagEmergency
    );
    assert!(slot.checker(&["nb"]).unwrap().is_none());

    let qs = slot.questions(&["nb", "en"]).unwrap();
    let shown: Vec<_> = qs
        .iter()
        .map(|q| (q.id.as_str(), q.lang.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("will-it-change-plan", "nb"),
            ("what-is-urgent", "nb"),
            ("what-if-we-wait", "en")
        ]
    );

    assert_eq!(slot.region("no").unwrap().emergency.as_deref(), Some("113"));
    assert_eq!(
        slot.region("GB").unwrap().urgent_name.as_deref(),
        Some("NHS 111")
    );
    let unknown = slot.region("ZZ").unwrap();
    assert_eq!(
        (unknown.code.as_str(), unknown.emergency),
        ("default", None)
    );

    let langs = slot.languages().unwrap();
    assert_eq!(
        langs,
        vec![
            LanguageInfo {
                lang: "en".into(),
                modules_published: 3,
                has_safety_module: true
            },
            LanguageInfo {
                lang: "nb".into(),
                modules_published: 2,
                has_safety_module: true
            },
        ]
    );
}

#[test]
fn region_without_any_common_pack_is_the_safe_default() {
    let dir = tempfile::tempdir().unwrap();
    let packs = vec![Pack::Module(module(
        "radiation",
        "en",
        1,
        "Radiation",
        vec![],
    ))];
    let slot = ContentSlot::build(&dir.path().join("s.db"), &packs).unwrap();
    let r = slot.region("NO").unwrap();
    assert_eq!(r.code, "default");
    assert_eq!(r.emergency, None);
}

#[test]
fn failed_build_leaves_the_previous_slot_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot-b.db");
    drop(ContentSlot::build(&path, &sample_packs()).unwrap());
    let before = fs::read(&path).unwrap();

    // A duplicate at the end fails inside the transaction, after everything else was written.
    let mut packs = sample_packs();
    packs.push(packs[1].clone());
    let err = ContentSlot::build(&path, &packs).unwrap_err();
    assert!(matches!(err, StoreError::DuplicatePack { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("slot-b.db.tmp").exists());
    assert_eq!(ContentSlot::open(&path).unwrap().units().unwrap().len(), 11);

    // A pack from a newer format is refused the same way.
    let mut packs = sample_packs();
    if let Pack::Module(m) = &mut packs[3] {
        m.format = PACK_FORMAT + 1;
    }
    let err = ContentSlot::build(&path, &packs).unwrap_err();
    assert!(
        matches!(err, StoreError::UnsupportedPackFormat { .. }),
        "{err}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn ids_outside_the_one_grammar_are_not_installed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot-a.db");
    // A 70-character module id: no prescription link could ever open it.
    let mut packs = sample_packs();
    let Some(i) = packs.iter().position(|p| matches!(p, Pack::Module(_))) else {
        panic!("sample packs have a module");
    };
    if let Pack::Module(m) = &mut packs[i] {
        m.id = "a".repeat(70);
    }
    let err = ContentSlot::build(&path, &packs).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::InvalidId {
                source: crate::ids::IdError::TooLong { len: 70, .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(!path.exists());
    // A language tag that is not one is refused the same way.
    let mut packs = sample_packs();
    if let Pack::Module(m) = &mut packs[i] {
        m.lang = "nb_NO".into();
    }
    let err = ContentSlot::build(&path, &packs).unwrap_err();
    assert!(matches!(err, StoreError::InvalidId { .. }), "{err}");
    assert!(!path.exists());
}

#[test]
fn failed_first_build_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot-a.db");
    let mut packs = sample_packs();
    packs.push(packs[0].clone());
    assert!(ContentSlot::build(&path, &packs).is_err());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_leftover_tmp_from_a_crash_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot-a.db");
    fs::write(dir.path().join("slot-a.db.tmp"), b"half a database").unwrap();
    fs::write(dir.path().join("slot-a.db.tmp-journal"), b"junk").unwrap();
    let slot = ContentSlot::build(&path, &sample_packs()).unwrap();
    assert_eq!(slot.modules(&["en"], None).unwrap().len(), 3);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn rebuild_replaces_an_old_slot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("slot-a.db");
    drop(ContentSlot::build(&path, &sample_packs()).unwrap());
    let packs = vec![Pack::Module(module(
        "radiation",
        "en",
        1,
        "Radiation v2",
        vec![],
    ))];
    let slot = ContentSlot::build(&path, &packs).unwrap();
    let list = slot.modules(&["en"], None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].title, "Radiation v2");
}

#[test]
fn open_refuses_what_is_not_a_slot() {
    let dir = tempfile::tempdir().unwrap();
    let missing = ContentSlot::open(&dir.path().join("missing.db")).unwrap_err();
    assert!(matches!(missing, StoreError::Sqlite(_)), "{missing}");
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = ContentSlot::open(&other).unwrap_err();
    assert!(matches!(err, StoreError::WrongDatabase { .. }), "{err}");
    // A slot from another schema version is not read.
    let path = dir.path().join("slot.db");
    drop(ContentSlot::build(&path, &sample_packs()).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SLOT_SCHEMA_VERSION + 1)
        .unwrap();
    let err = ContentSlot::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::SchemaMismatch { .. }), "{err}");
}

#[test]
fn content_import_never_touches_user_db() {
    let dir = tempfile::tempdir().unwrap();
    let user_path = dir.path().join("user.db");
    {
        let mut user = crate::user::UserDb::open(&user_path).unwrap();
        user.add_bookmark("radiation", "en", Some("doses")).unwrap();
    }
    let before = fs::read(&user_path).unwrap();
    let modified = fs::metadata(&user_path).unwrap().modified().unwrap();
    // Importing next to it leaves it alone...
    drop(ContentSlot::build(&dir.path().join("slot-a.db"), &sample_packs()).unwrap());
    // ...and a slot build aimed at it by mistake is refused before anything is written.
    let err = ContentSlot::build(&user_path, &sample_packs()).unwrap_err();
    assert!(matches!(err, StoreError::WrongDatabase { .. }), "{err}");
    assert!(matches!(
        ContentSlot::open(&user_path).unwrap_err(),
        StoreError::WrongDatabase { .. }
    ));
    assert_eq!(fs::read(&user_path).unwrap(), before);
    assert_eq!(
        fs::metadata(&user_path).unwrap().modified().unwrap(),
        modified
    );
    assert!(!dir.path().join("user.db.tmp").exists());
}

#[test]
fn summaries_serialise_for_the_ui() {
    let (_d, slot) = built();
    let json = serde_json::to_value(slot.modules(&["nb", "en"], None).unwrap()).unwrap();
    assert_eq!(json[2]["id"], "radiation");
    assert_eq!(json[2]["is_fallback"], true);
    assert_eq!(json[2]["areas"][0], "general");
    assert_eq!(json[0]["review"], "reviewed");
    let g = serde_json::to_value(slot.glossary(&["nb", "en"]).unwrap()).unwrap();
    assert_eq!(g[0]["term"], "Skiveutbuling");
    assert_eq!(g[0]["lang"], "nb");
}

#[test]
fn handles_can_move_between_threads() {
    // The app keeps them in its state behind a mutex and uses them from command threads.
    fn send<T: Send>() {}
    send::<ContentSlot>();
    send::<crate::user::UserDb>();
}
