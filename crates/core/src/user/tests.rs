//! `user.db` tests, on temporary files so reopening is real.

use super::*;

fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("user.db");
    (dir, path)
}

#[test]
fn migrations_run_once_and_reopen_is_idempotent() {
    let (_d, path) = temp();
    for _ in 0..3 {
        let db = UserDb::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }
    let conn = Connection::open(&path).unwrap();
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, USER_APPLICATION_ID);
}

#[test]
fn an_appended_migration_upgrades_and_keeps_data() {
    let (_d, path) = temp();
    {
        let mut db = UserDb::open(&path).unwrap();
        db.add_bookmark("radiation", "en", None).unwrap();
    }
    let mut next = MIGRATIONS.to_vec();
    next.push("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
    let db = UserDb::init(Connection::open(&path).unwrap(), &next).unwrap();
    assert_eq!(db.schema_version().unwrap(), next.len() as i64);
    assert_eq!(db.bookmarks().unwrap().len(), 1);
    db.conn
        .execute("INSERT INTO notes (body) VALUES ('x')", [])
        .unwrap();
    // The older app refuses the newer file instead of damaging it.
    drop(db);
    let err = UserDb::open(&path).unwrap_err();
    assert!(matches!(err, UserError::SchemaMismatch { .. }), "{err}");
}

#[test]
fn a_failing_migration_changes_nothing() {
    let (_d, path) = temp();
    let bad = ["CREATE TABLE a (x);", "CREATE TABLE oops (;"];
    assert!(UserDb::init(Connection::open(&path).unwrap(), &bad).is_err());
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0);
    let tables: i64 = conn
        .query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "table `a` was rolled back with the rest");
}

#[test]
fn refuses_a_content_slot_or_a_foreign_database() {
    let (dir, _) = temp();
    let slot_path = dir.path().join("slot-a.db");
    drop(
        crate::slot::ContentSlot::build(&slot_path, &crate::slot::testing::sample_packs()).unwrap(),
    );
    let before = std::fs::read(&slot_path).unwrap();
    let err = UserDb::open(&slot_path).unwrap_err();
    assert!(matches!(err, UserError::WrongDatabase { .. }), "{err}");
    assert_eq!(std::fs::read(&slot_path).unwrap(), before);

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert!(matches!(
        UserDb::open(&other).unwrap_err(),
        UserError::WrongDatabase { .. }
    ));
}

#[test]
fn bookmarks_survive_reopen() {
    let (_d, path) = temp();
    {
        let mut db = UserDb::open(&path).unwrap();
        assert!(
            db.add_bookmark("do-i-need-a-scan", "nb", Some("why-scans"))
                .unwrap()
        );
        assert!(
            !db.add_bookmark("do-i-need-a-scan", "nb", Some("why-scans"))
                .unwrap()
        );
        assert!(db.add_bookmark("radiation", "en", None).unwrap());
    }
    let mut db = UserDb::open(&path).unwrap();
    let mut got: Vec<_> = db
        .bookmarks()
        .unwrap()
        .into_iter()
        .map(|b| (b.module_id, b.locale, b.anchor))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                "do-i-need-a-scan".into(),
                "nb".into(),
                Some("why-scans".into())
            ),
            ("radiation".into(), "en".into(), None),
        ]
    );
    assert!(db.is_bookmarked("radiation", "en", None).unwrap());
    assert!(!db.is_bookmarked("radiation", "nb", None).unwrap());
    assert!(db.remove_bookmark("radiation", "en", None).unwrap());
    assert!(!db.remove_bookmark("radiation", "en", None).unwrap());
    assert_eq!(db.bookmarks().unwrap().len(), 1);
}

#[test]
fn progress_is_per_section_across_languages() {
    let mut db = UserDb::open_in_memory().unwrap();
    db.mark_read("do-i-need-a-scan", "nb", "why-scans").unwrap();
    db.mark_read("do-i-need-a-scan", "nb", "why-scans").unwrap();
    db.mark_read("do-i-need-a-scan", "en", "oedema").unwrap();
    db.mark_read("radiation", "en", "doses").unwrap();
    let anchors: Vec<_> = db
        .progress(Some("do-i-need-a-scan"))
        .unwrap()
        .into_iter()
        .map(|p| (p.anchor, p.locale))
        .collect();
    assert_eq!(
        anchors,
        vec![
            ("oedema".into(), "en".into()),
            ("why-scans".into(), "nb".into())
        ]
    );
    assert_eq!(db.progress(None).unwrap().len(), 3);
    db.reset_progress("do-i-need-a-scan").unwrap();
    assert!(db.progress(Some("do-i-need-a-scan")).unwrap().is_empty());
    assert_eq!(db.progress(None).unwrap().len(), 1);
}

#[test]
fn my_questions_from_content_and_own_text() {
    let mut db = UserDb::open_in_memory().unwrap();
    let a = db
        .add_content_question(
            "what-if-we-wait",
            QuestionOrigin::Module,
            Some("do-i-need-a-scan"),
        )
        .unwrap();
    let again = db
        .add_content_question("what-if-we-wait", QuestionOrigin::Checker, Some("urgent"))
        .unwrap();
    assert_eq!(a, again, "a question is on the list once");
    let own = db.add_own_question("  Can I keep running?  ").unwrap();
    assert!(matches!(
        db.add_own_question("   "),
        Err(UserError::EmptyQuestion)
    ));
    assert!(matches!(
        db.add_content_question("x", QuestionOrigin::Own, None),
        Err(UserError::EmptyQuestion)
    ));
    db.set_question_done(own, true).unwrap();
    let qs = db.questions().unwrap();
    assert_eq!(qs.len(), 2);
    assert_eq!(qs[0].question_id.as_deref(), Some("what-if-we-wait"));
    assert_eq!(qs[0].origin, QuestionOrigin::Module);
    assert_eq!(qs[0].origin_id.as_deref(), Some("do-i-need-a-scan"));
    assert_eq!(qs[1].text.as_deref(), Some("Can I keep running?"));
    assert!(qs[1].done && !qs[0].done);
    db.remove_question(a).unwrap();
    assert!(matches!(
        db.remove_question(a),
        Err(UserError::NoSuchQuestion(_))
    ));
    assert!(matches!(
        db.set_question_done(9999, true),
        Err(UserError::NoSuchQuestion(9999))
    ));
    assert_eq!(db.questions().unwrap().len(), 1);
}

#[test]
fn settings_are_checked_and_typed() {
    let mut db = UserDb::open_in_memory().unwrap();
    assert_eq!(db.settings().unwrap(), Settings::default());
    db.set_setting(SettingKey::Language, "nb").unwrap();
    db.set_setting(SettingKey::SecondLanguage, "en-GB").unwrap();
    db.set_setting(SettingKey::Region, "no").unwrap();
    db.set_setting(SettingKey::TextSize, "150").unwrap();
    db.set_setting(SettingKey::Theme, "high_contrast").unwrap();
    db.set_setting(SettingKey::ReducedMotion, "true").unwrap();
    db.set_setting(SettingKey::UpdatesEnabled, "false").unwrap();
    db.set_setting(SettingKey::TextSize, "175").unwrap();
    db.set_setting(SettingKey::Age, "54").unwrap();
    let s = db.settings().unwrap();
    assert_eq!(
        s,
        Settings {
            language: Some("nb".into()),
            region: Some("NO".into()),
            text_size: Some(175),
            theme: Some(Theme::HighContrast),
            reduced_motion: Some(true),
            updates_enabled: Some(false),
            second_language: Some("en-GB".into()),
            age: Some(54),
        }
    );
    for (key, bad) in [
        (SettingKey::TextSize, "250"),
        (SettingKey::TextSize, "big"),
        (SettingKey::Theme, "neon"),
        (SettingKey::Region, "NOR"),
        (SettingKey::ReducedMotion, "yes"),
        (SettingKey::Language, "not a tag!"),
        (SettingKey::Age, "0"),
        (SettingKey::Age, "121"),
        (SettingKey::Age, "forty"),
    ] {
        let err = db.set_setting(key, bad).unwrap_err();
        assert!(
            matches!(err, UserError::InvalidSetting { .. }),
            "{key:?} {bad}"
        );
    }
    assert_eq!(db.settings().unwrap(), s, "rejected values changed nothing");
    db.clear_setting(SettingKey::Theme).unwrap();
    assert_eq!(db.settings().unwrap().theme, None);
}

#[test]
fn export_has_everything_and_wipe_removes_it() {
    let (_d, path) = temp();
    let mut db = UserDb::open(&path).unwrap();
    db.add_bookmark("radiation", "en", Some("doses")).unwrap();
    db.mark_read("radiation", "en", "doses").unwrap();
    db.add_own_question("Is my secret question private?")
        .unwrap();
    db.set_setting(SettingKey::Language, "nb").unwrap();
    let export = db.export().unwrap();
    assert_eq!(export["bookmarks"][0]["anchor"], "doses");
    assert_eq!(export["progress"][0]["module_id"], "radiation");
    assert_eq!(
        export["questions"][0]["text"],
        "Is my secret question private?"
    );
    assert_eq!(export["settings"]["language"], "nb");
    assert_eq!(export["schema_version"], MIGRATIONS.len() as i64);

    db.wipe().unwrap();
    let empty = db.export().unwrap();
    for key in ["bookmarks", "progress", "questions"] {
        assert_eq!(empty[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(empty["settings"], serde_json::json!({}));
    drop(db);
    // Gone from the file, not only from the tables.
    let bytes = std::fs::read(&path).unwrap();
    let needle = b"secret question";
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    // And the database still works afterwards.
    let mut db = UserDb::open(&path).unwrap();
    db.add_bookmark("radiation", "en", None).unwrap();
}
