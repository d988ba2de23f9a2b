//! The authoring library's integration tests: one binary, one module per area.
//!
//! - `fixtures`: `tests/fixtures/valid` is clean; each `tests/fixtures/invalid/<SWnnn-name>`
//!   raises its code, and its rendered diagnostics are an insta snapshot; every code has one.
//! - `build`: packs from the valid tree, determinism, nothing written on errors, stale and
//!   incomplete translations, sanitised HTML.
//! - `stamp`: a source edit makes a translation stale; `stamp` makes it current again.
//! - `status`: the per-language table's numbers.
//! - `robustness`: empty and partial trees, fuzz-corpus replay, proptest on arbitrary input.
//! - `patient_text` (`author/patient_text.rs`): the shipped content against SW100-SW104 and the
//!   getting-better safety net.

use std::fs;
use std::path::{Path, PathBuf};

use scanwise_author::{Code, Diagnostic, render_all};

fn fixture(rel: &str) -> PathBuf {
    // Relative to the crate, so rendered paths (and snapshots) are the same on every machine.
    PathBuf::from("tests/fixtures").join(rel)
}

fn codes(d: &[Diagnostic]) -> Vec<&'static str> {
    d.iter().map(|d| d.code.as_str()).collect()
}

/// Copies a tree into a temp dir, for tests that edit files.
fn copy_tree(from: &Path, to: &Path) {
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            fs::create_dir_all(&dest).unwrap();
            copy_tree(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[path = "author/patient_text.rs"]
mod patient_text;

mod fixtures {
    use super::*;

    #[test]
    fn valid_tree_has_no_diagnostics() {
        let (_, d) = scanwise_author::check(&fixture("valid"));
        assert!(d.is_empty(), "{}", render_all(&d));
    }

    fn invalid_dirs() -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(fixture("invalid"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn each_invalid_fixture_raises_its_code() {
        for name in invalid_dirs() {
            let (_, d) = scanwise_author::check(&fixture("invalid").join(&name));
            let code = &name[..5];
            assert!(
                codes(&d).contains(&code),
                "{name}: expected {code}, got:\n{}",
                render_all(&d)
            );
            // Only that rule fires, so the fixture tests exactly one thing.
            assert!(
                d.iter().all(|x| x.code.as_str() == code),
                "{name}: other codes too:\n{}",
                render_all(&d)
            );
            insta::assert_snapshot!(name.clone(), render_all(&d));
        }
    }

    #[test]
    fn every_code_has_a_fixture_named_after_it() {
        let dirs = invalid_dirs();
        for c in Code::ALL {
            let want = format!("{}-{}", c.as_str(), c.name());
            assert!(
                dirs.contains(&want),
                "no fixture tests/fixtures/invalid/{want}"
            );
        }
        assert_eq!(
            dirs.len(),
            Code::ALL.len(),
            "fixture without a code: {dirs:?}"
        );
    }

    #[test]
    fn unknown_reference_is_rendered_like_the_compiler() {
        let (_, d) = scanwise_author::check(&fixture("invalid/SW012-unknown-reference"));
        assert_eq!(codes(&d), ["SW012", "SW012"]);
        // The second is the citation in the body; the first is the front-matter list.
        let r = d[1].render();
        assert!(
            r.starts_with("error[SW012]: unknown reference id `cuff2030`\n"),
            "{r}"
        );
        assert!(r.contains("modules/radiation/en.md:20:"), "{r}");
        assert!(r.contains("^^^^^^^^^^^\n"), "{r}");
        assert!(r.contains("= hint: add it to tests/fixtures/invalid/SW012-unknown-reference/references.toml or use one of: cuff2020"), "{r}");
    }
}

/// Hints that say what to do: each `tests/fixtures/hints/<name>` tree shows one, as a snapshot.
mod hints {
    use super::*;

    #[test]
    fn each_hint_fixture_says_what_to_do() {
        let expect = [
            ("anchor-with-space", "SW009", "no spaces: `{#keep-moving}`"),
            (
                "anchor-with-space",
                "SW017",
                "its sections are: keep-moving",
            ),
            ("curly-quotes", "SW003", "curly quotes (“ ”)"),
            (
                "language-tag-with-underscore",
                "SW009",
                "did you mean `nb`?",
            ),
            (
                "module-id-too-long",
                "SW009",
                "prescription links and QR codes open ids of at most 64 characters",
            ),
            ("translation-without-stamp", "SW031", "run `scanwise stamp "),
            (
                "uncited-number-suggests-cited-sources",
                "SW040",
                "this section cites [@",
            ),
        ];
        let mut names: Vec<String> = fs::read_dir(fixture("hints"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in &names {
            let (_, d) = scanwise_author::check(&fixture("hints").join(name));
            for (n, code, hint) in expect.iter().filter(|(n, _, _)| n == name) {
                assert!(
                    d.iter().any(|x| x.code.as_str() == *code
                        && x.hint.as_deref().is_some_and(|h| h.contains(hint))),
                    "{n}: no {code} with a hint containing {hint:?}:\n{}",
                    render_all(&d)
                );
            }
            insta::assert_snapshot!(format!("hint-{name}"), render_all(&d));
        }
        assert!(
            names.iter().all(|n| expect.iter().any(|(e, _, _)| e == n)),
            "a hint fixture without an expectation: {names:?}"
        );
    }
}

/// The fixtures of the editor rules (SW080-SW084 and the hint fixtures) are the valid tree with
/// one mistake each, made by [`editor_fixtures::generate`]; a test keeps them in step with the
/// valid tree, so a change there (a merge) is one command away:
/// `cargo test -p scanwise-author --test author regenerate_editor_fixtures -- --ignored`,
/// then `INSTA_UPDATE=always cargo test -p scanwise-author` and review the snapshots.
mod editor_fixtures {
    use super::*;

    pub const INVALID: &[&str] = &[
        "SW080-number-mismatch",
        "SW081-uncited-text-number",
        "SW082-unread-file",
        "SW083-unknown-language",
        "SW084-unused-reference",
    ];
    pub const HINTS: &[&str] = &[
        "anchor-with-space",
        "curly-quotes",
        "language-tag-with-underscore",
        "module-id-too-long",
        "translation-without-stamp",
        "uncited-number-suggests-cited-sources",
    ];

    fn edit(path: &Path, f: impl FnOnce(&str) -> String) {
        let text = fs::read_to_string(path).unwrap();
        fs::write(path, f(&text)).unwrap();
    }

    /// `para` as a paragraph at the end of the module's first section.
    fn add_to_first_section(text: &str, para: &str) -> String {
        let body = text.match_indices("+++").nth(1).map_or(0, |(i, _)| i + 3);
        match text[body..].match_indices("\n## ").nth(1) {
            Some((i, _)) => format!("{}\n{para}\n{}", &text[..body + i], &text[body + i..]),
            None => format!("{}\n{para}\n", text.trim_end()),
        }
    }

    /// The first id cited in a module's body.
    fn first_cite(text: &str) -> String {
        let i = text
            .find("[@")
            .expect("the valid safety module cites a source")
            + 2;
        let end = text[i..].find([']', ';']).unwrap() + i;
        text[i..end].to_string()
    }

    /// `prefix` put at the start of the first key point.
    fn prefix_first_key_point(text: &str, prefix: &str) -> String {
        let k = text.find("key_points = [").unwrap();
        let q = text[k..].find('"').unwrap() + k + 1;
        format!("{}{prefix}{}", &text[..q], &text[q..])
    }

    fn stamp(dir: &Path) {
        scanwise_author::stamp(
            &dir.join("modules/when-a-scan-is-needed/nb.md"),
            "2026-11-28",
        )
        .unwrap();
        fs::remove_dir_all(dir.join("stamped")).unwrap();
    }

    pub fn generate(valid: &Path, invalid: &Path, hints: &Path) {
        let fresh = |root: &Path, name: &str| {
            let d = root.join(name);
            let _ = fs::remove_dir_all(&d);
            fs::create_dir_all(&d).unwrap();
            copy_tree(valid, &d);
            d
        };
        let safety = "modules/when-a-scan-is-needed";

        let d = fresh(invalid, "SW080-number-mismatch");
        let id = first_cite(&fs::read_to_string(d.join(safety).join("en.md")).unwrap());
        edit(&d.join(safety).join("en.md"), |t| {
            add_to_first_section(
                t,
                &format!("About 1 in 5 people with back pain see a doctor [@{id}]."),
            )
        });
        edit(&d.join(safety).join("nb.md"), |t| {
            let t = add_to_first_section(
                t,
                &format!("Omtrent 1 av 2 med ryggsmerter går til lege [@{id}]."),
            );
            prefix_first_key_point(&t, "Ni av ti: ")
        });
        stamp(&d);

        let d = fresh(invalid, "SW081-uncited-text-number");
        edit(&d.join("modules/radiation/en.md"), |t| {
            t.replacen(
                "key_points = [",
                "key_points = [\n  \"Nine out of ten X-rays of the chest give under 0.1 mSv.\",",
                1,
            )
        });

        let d = fresh(invalid, "SW082-unread-file");
        fs::copy(
            d.join(safety).join("nb.md"),
            d.join("modules/radiation/nb.md.txt"),
        )
        .unwrap();
        fs::write(d.join("notes.docx"), "notes\n").unwrap();

        let d = fresh(invalid, "SW083-unknown-language");
        fs::copy(d.join(safety).join("nb.md"), d.join(safety).join("no.md")).unwrap();
        fs::copy(d.join("glossary/nb.toml"), d.join("glossary/nb-NO.toml")).unwrap();

        let d = fresh(invalid, "SW084-unused-reference");
        edit(&d.join("references.toml"), |t| {
            format!(
                "{}\n\n[hpa-dose2008]\ncitation = \"Health Protection Agency. Frequency and collective dose for medical and dental X-ray examinations in the UK, 2008.\"\n",
                t.trim_end()
            )
        });

        let d = fresh(hints, "anchor-with-space");
        edit(&d.join("modules/radiation/en.md"), |t| {
            t.replace("{#dose}", "{#keep moving}")
        });

        let d = fresh(hints, "curly-quotes");
        edit(&d.join("glossary/en.toml"), |t| {
            let i = t.find("\nterm = \"").unwrap() + "\nterm = ".len();
            let end = t[i + 1..].find('"').unwrap() + i + 1;
            format!("{}“{}”{}", &t[..i], &t[i + 1..end], &t[end + 1..])
        });

        let d = fresh(hints, "language-tag-with-underscore");
        fs::copy(
            d.join(safety).join("nb.md"),
            d.join("modules/radiation/nb_NO.md"),
        )
        .unwrap();

        // 70 characters: fine by the old author rule, never openable from a prescription link.
        let d = fresh(hints, "module-id-too-long");
        let long = "what-the-words-on-your-mri-report-mean-and-which-need-a-follow-up-scan";
        fs::create_dir_all(d.join("modules").join(long)).unwrap();
        fs::write(
            d.join("modules").join(long).join("en.md"),
            fs::read_to_string(d.join("modules/radiation/en.md"))
                .unwrap()
                .replacen("id = \"radiation\"", &format!("id = \"{long}\""), 1),
        )
        .unwrap();

        let d = fresh(hints, "translation-without-stamp");
        edit(&d.join(safety).join("nb.md"), |t| {
            let start = t.find("\n[translation]").unwrap();
            let end = t.rfind("+++").unwrap();
            format!("{}\n{}", &t[..start], &t[end..])
        });

        let d = fresh(hints, "uncited-number-suggests-cited-sources");
        edit(&d.join(safety).join("en.md"), |t| {
            add_to_first_section(t, "See a doctor within 2 days if it gets worse.")
        });
        edit(&d.join(safety).join("nb.md"), |t| {
            add_to_first_section(t, "Gå til lege innen 2 dager hvis det blir verre.")
        });
        stamp(&d);
    }

    fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(base: &Path, p: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for e in fs::read_dir(p).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(base, &p, out)
                } else {
                    out.push((
                        p.strip_prefix(base).unwrap().to_path_buf(),
                        fs::read(&p).unwrap(),
                    ));
                }
            }
        }
        let mut v = Vec::new();
        walk(root, root, &mut v);
        v.sort();
        v
    }

    #[test]
    fn editor_fixtures_are_the_valid_tree_with_one_mistake() {
        let tmp = tempfile::tempdir().unwrap();
        let (inv, hin) = (tmp.path().join("invalid"), tmp.path().join("hints"));
        generate(&fixture("valid"), &inv, &hin);
        for (dir, names) in [("invalid", INVALID), ("hints", HINTS)] {
            for name in names {
                let want = files(&tmp.path().join(dir).join(name));
                let have = files(&fixture(dir).join(name));
                assert!(
                    want == have,
                    "tests/fixtures/{dir}/{name} is out of step with tests/fixtures/valid: run `cargo test -p scanwise-author --test author regenerate_editor_fixtures -- --ignored`, then `INSTA_UPDATE=always cargo test -p scanwise-author` and review the snapshots"
                );
            }
        }
    }

    #[test]
    #[ignore = "writes tests/fixtures; run after changing tests/fixtures/valid"]
    fn regenerate_editor_fixtures() {
        generate(&fixture("valid"), &fixture("invalid"), &fixture("hints"));
    }
}

mod checker_texts {
    use super::*;

    #[test]
    fn outcome_bodies_follow_the_module_rules() {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("valid"), dir.path());
        let en = dir.path().join("checker/en.toml");
        let text = fs::read_to_string(&en).unwrap().replace(
            "See [what helps](module:radiation).",
            "See [what helps](module:radiaton), [x](glossary:nope) <script>x</script> [@cuff2020].",
        );
        fs::write(&en, text).unwrap();
        let (_, d) = scanwise_author::check(dir.path());
        assert_eq!(
            codes(&d),
            ["SW016", "SW015", "SW020", "SW006"],
            "{}",
            render_all(&d)
        );
        // The diagnostics point at the line of the body in checker/en.toml.
        assert!(
            d.iter().all(|d| d.span.as_ref().unwrap().line == 27),
            "{}",
            render_all(&d)
        );
    }
}

mod build {
    use super::*;
    use scanwise_core::model::{Pack, ReviewState};

    fn module<'a>(
        packs: &'a [Pack],
        id: &str,
        lang: &str,
    ) -> Option<&'a scanwise_core::model::ModulePack> {
        packs.iter().find_map(|p| match p {
            Pack::Module(m) if m.id == id && m.lang == lang => Some(m),
            _ => None,
        })
    }

    #[test]
    fn valid_tree_builds_every_unit() {
        let (packs, warnings) = scanwise_author::build_packs(&fixture("valid")).unwrap();
        assert!(warnings.is_empty());
        let units: Vec<String> = packs
            .iter()
            .map(|p| format!("{}.{}", p.unit().0, p.unit().1))
            .collect();
        assert_eq!(
            units,
            [
                "_checker.en",
                "_checker.nb",
                "_common.und",
                "_glossary.en",
                "_glossary.nb",
                "_questions.en",
                "_questions.nb",
                "radiation.en",
                "when-a-scan-is-needed.en",
                "when-a-scan-is-needed.nb",
            ]
        );
        let m = module(&packs, "radiation", "en").unwrap();
        assert_eq!(m.review.state, ReviewState::Reviewed);
        assert_eq!(m.references, ["cuff2020"]);
        assert_eq!(m.sections.len(), 1);
        let html = &m.sections[0].html;
        assert!(
            html.contains(
                "<a class=\"cite\" href=\"#ref-cuff2020\" rel=\"noopener noreferrer\">[1]</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<h3>MRI and ultrasound</h3>"), "{html}");
        assert!(
            html.contains("<abbr title=\"magnetic resonance imaging\">MRI</abbr>"),
            "{html}"
        );
        assert!(
            m.sections[0].text.contains("natural background dose."),
            "{}",
            m.sections[0].text
        );
        let nb = module(&packs, "when-a-scan-is-needed", "nb").unwrap();
        let t = nb.translation.as_ref().unwrap();
        assert!(!t.stale);
        let en = module(&packs, "when-a-scan-is-needed", "en").unwrap();
        assert_eq!(t.source_hash, en.content_hash);
        assert!(
            en.sections[1]
                .html
                .contains("href=\"#/module/radiation/dose\"")
        );
        assert!(
            en.sections[0]
                .html
                .contains("href=\"#/glossary/disc-bulge\"")
        );
        // Red flags first in the checker, outcome bodies rendered.
        let Some(Pack::Checker(ch)) = packs.iter().find(|p| p.unit() == ("_checker", "en")) else {
            panic!("no checker")
        };
        assert_eq!(ch.questions[0].id, "saddle-numbness");
        let Some(Pack::Glossary(g)) = packs.iter().find(|p| p.unit() == ("_glossary", "en")) else {
            panic!("no glossary")
        };
        assert_eq!(g.post_negations, ["not seen"]);
        assert_eq!(g.concepts[0].prevalence_source.as_deref(), Some("cuff2020"));
        assert_eq!(
            ch.outcomes[0].body,
            "<p>Call your <strong>emergency number</strong> now.</p>\n"
        );
        assert!(ch.outcomes[4].body.contains("href=\"#/module/radiation\""));
        // Branches and signs reach the pack; the reassuring card carries its safety nets.
        assert_eq!(
            ch.questions[0].sign.as_deref(),
            Some("Numbness around your genitals or bottom")
        );
        assert_eq!(ch.outcomes[4].safety_net.len(), 3);
    }

    #[test]
    fn output_is_deterministic_and_matches_the_manifest() {
        let (packs, _) = scanwise_author::build_packs(&fixture("valid")).unwrap();
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let ma = scanwise_author::write_packs(&packs, a.path()).unwrap();
        let (packs2, _) = scanwise_author::build_packs(&fixture("valid")).unwrap();
        let mb = scanwise_author::write_packs(&packs2, b.path()).unwrap();
        assert_eq!(ma, mb);
        assert_eq!(
            fs::read(a.path().join("manifest.json")).unwrap(),
            fs::read(b.path().join("manifest.json")).unwrap()
        );
        for e in &ma.packs {
            let bytes = fs::read(a.path().join(&e.path)).unwrap();
            assert_eq!(bytes, fs::read(b.path().join(&e.path)).unwrap());
            assert_eq!(bytes.len() as u64, e.length);
            use sha2::Digest;
            assert_eq!(hex::encode(sha2::Sha256::digest(&bytes)), e.sha256);
            let back: Pack = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(back.unit(), (e.unit.as_str(), e.locale.as_str()));
        }
    }

    #[test]
    fn errors_build_nothing() {
        let err =
            scanwise_author::build_packs(&fixture("invalid/SW020-disallowed-html")).unwrap_err();
        match err {
            scanwise_author::AuthorError::Check {
                errors,
                diagnostics,
            } => {
                assert_eq!(errors, 1);
                assert_eq!(codes(&diagnostics), ["SW020"]);
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn stale_translations_ship_flagged_incomplete_ones_do_not() {
        let (packs, w) =
            scanwise_author::build_packs(&fixture("invalid/SW032-stale-translation")).unwrap();
        assert_eq!(codes(&w), ["SW032"]);
        let nb = module(&packs, "when-a-scan-is-needed", "nb").unwrap();
        assert!(nb.translation.as_ref().unwrap().stale);

        let (packs, w) =
            scanwise_author::build_packs(&fixture("invalid/SW031-incomplete-translation")).unwrap();
        assert_eq!(codes(&w), ["SW031"]);
        assert!(module(&packs, "when-a-scan-is-needed", "nb").is_none());
        assert!(module(&packs, "when-a-scan-is-needed", "en").is_some());
    }

    #[test]
    fn a_rebuild_removes_packs_no_longer_produced() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("packs")).unwrap();
        fs::write(dir.path().join("packs/old-module.en.json"), "{}").unwrap();
        let (packs, _) = scanwise_author::build_packs(&fixture("valid")).unwrap();
        scanwise_author::write_packs(&packs, dir.path()).unwrap();
        assert!(!dir.path().join("packs/old-module.en.json").exists());
        assert!(dir.path().join("packs/radiation.en.json").exists());
    }
}

mod stamp {
    use super::*;

    #[test]
    fn source_edit_goes_stale_and_stamp_fixes_it() {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("valid"), dir.path());
        let en = dir.path().join("modules/when-a-scan-is-needed/en.md");
        let nb = dir.path().join("modules/when-a-scan-is-needed/nb.md");

        // A review-only change does not make translations stale.
        let text = fs::read_to_string(&en).unwrap();
        fs::write(
            &en,
            text.replace(
                "state = \"draft\"",
                "state = \"reviewed\"\nreviewer = \"Dr B\"\nreviewed_on = \"2026-11-20\"",
            ),
        )
        .unwrap();
        assert!(scanwise_author::check(dir.path()).1.is_empty());

        let text = fs::read_to_string(&en).unwrap();
        fs::write(
            &en,
            text.replace("Most pain gets better.", "Most pain gets better by itself."),
        )
        .unwrap();
        assert_eq!(codes(&scanwise_author::check(dir.path()).1), ["SW032"]);

        let before = fs::read_to_string(&nb).unwrap();
        let hash = scanwise_author::stamp(&nb, "2026-12-01").unwrap();
        let after = fs::read_to_string(&nb).unwrap();
        assert!(after.contains(&format!(
            "source_hash = \"{hash}\"\ntranslated_on = \"2026-12-01\"\n"
        )));
        // Only the table changed.
        assert_eq!(before.lines().count(), after.lines().count());
        assert!(scanwise_author::check(dir.path()).1.is_empty());

        assert!(scanwise_author::stamp(&en, "2026-12-01").is_err());
    }

    #[test]
    fn stamp_adds_a_missing_table() {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("valid"), dir.path());
        let nb = dir.path().join("modules/when-a-scan-is-needed/nb.md");
        let text = fs::read_to_string(&nb).unwrap();
        let start = text.find("\n[translation]").unwrap();
        let end = text.rfind("+++").unwrap();
        fs::write(&nb, format!("{}\n{}", &text[..start], &text[end..])).unwrap();
        assert_eq!(codes(&scanwise_author::check(dir.path()).1), ["SW031"]);
        scanwise_author::stamp(&nb, "2026-12-01").unwrap();
        assert!(scanwise_author::check(dir.path()).1.is_empty());
    }
}

mod status {
    use super::*;

    #[test]
    fn valid_tree_numbers() {
        let (r, d) = scanwise_author::status(&fixture("invalid/SW032-stale-translation"));
        assert_eq!(codes(&d), ["SW032"]);
        assert_eq!(r.modules, 2);
        let en = &r.languages[0];
        assert_eq!(
            (
                en.lang.as_str(),
                en.complete,
                en.stale,
                en.missing,
                en.draft,
                en.reviewed
            ),
            ("en", 2, 0, 0, 1, 1)
        );
        let nb = &r.languages[1];
        assert_eq!(
            (
                nb.lang.as_str(),
                nb.complete,
                nb.stale,
                nb.missing,
                nb.fallback
            ),
            ("nb", 0, 1, 1, 1)
        );
        assert_eq!(
            (nb.glossary, nb.checker, nb.questions),
            ((2, 2), (9, 9), (2, 2))
        );
        assert_eq!(r.hashes.len(), 2);
        let table = r.render(true);
        assert!(table.contains("source hashes:"), "{table}");
    }
}

mod status_next_steps {
    use super::*;

    #[test]
    fn stale_translation_shows_the_english_that_changed() {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixture("valid"), dir.path());
        let en = dir.path().join("modules/when-a-scan-is-needed/en.md");
        let nb = dir.path().join("modules/when-a-scan-is-needed/nb.md");
        // Stamping keeps the English it was made from.
        let hash = scanwise_author::stamp(&nb, "2026-12-01").unwrap();
        let kept = dir
            .path()
            .join(format!("stamped/when-a-scan-is-needed/{hash}.md"));
        assert_eq!(
            fs::read_to_string(&kept).unwrap(),
            fs::read_to_string(&en).unwrap()
        );
        let (r, d) = scanwise_author::status(dir.path());
        assert!(d.is_empty(), "{}", render_all(&d));
        assert!(
            r.languages
                .iter()
                .flat_map(|l| &l.todo)
                .all(|t| t.state == "missing")
        );

        let text = fs::read_to_string(&en).unwrap();
        fs::write(
            &en,
            text.replace("Most pain gets better.", "Most pain gets better by itself."),
        )
        .unwrap();
        let (r, _) = scanwise_author::status(dir.path());
        let nb_status = r.languages.iter().find(|l| l.lang == "nb").unwrap();
        assert_eq!(nb_status.todo.len(), 2);
        let t = &nb_status.todo[1];
        assert_eq!(
            (t.module.as_str(), t.state),
            ("when-a-scan-is-needed", "stale")
        );
        assert_eq!(t.translated_on.as_deref(), Some("2026-12-01"));
        assert_eq!(t.changes.len(), 1, "{:?}", t.changes);
        assert_eq!(t.changes[0].part, "section #why-wait");
        assert_eq!(
            t.changes[0].diff,
            [
                "- Most pain gets better. Read about [radiation](module:radiation#dose).",
                "+ Most pain gets better by itself. Read about [radiation](module:radiation#dose).",
            ]
        );
        let table = r.render(false);
        assert!(table.contains("nb: what to do next"), "{table}");
        assert!(table.contains("stale when-a-scan-is-needed"), "{table}");
        assert!(table.contains("section #why-wait changed:"), "{table}");
        assert!(
            table.contains("+ Most pain gets better by itself."),
            "{table}"
        );
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(
            json["languages"][1]["todo"][1]["changes"][0]["part"],
            "section #why-wait"
        );

        // Stamping again: current, and the old kept copy is gone.
        scanwise_author::stamp(&nb, "2026-12-02").unwrap();
        assert!(!kept.exists());
        let (r, d) = scanwise_author::status(dir.path());
        assert!(d.is_empty(), "{}", render_all(&d));
        assert!(
            r.languages
                .iter()
                .flat_map(|l| &l.todo)
                .all(|t| t.state == "missing")
        );
    }

    #[test]
    fn missing_and_incomplete_modules_are_named() {
        let (r, _) = scanwise_author::status(&fixture("invalid/SW031-incomplete-translation"));
        let nb = r.languages.iter().find(|l| l.lang == "nb").unwrap();
        let got: Vec<(&str, &str)> = nb
            .todo
            .iter()
            .map(|t| (t.module.as_str(), t.state))
            .collect();
        assert_eq!(
            got,
            [
                ("radiation", "missing"),
                ("when-a-scan-is-needed", "incomplete")
            ]
        );
        assert_eq!(nb.todo[1].reasons, ["missing anchors: why-wait"]);
        let table = r.render(false);
        assert!(table.contains("missing (1): radiation"), "{table}");
    }
}

/// `export` / `import` through a translation platform's file (gettext PO).
mod translation_platform {
    use super::*;
    use scanwise_author::{po, translate};

    fn real_content() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            dir.path(),
        );
        dir
    }

    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(p: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for e in fs::read_dir(p).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out)
                } else {
                    out.push((p.clone(), fs::read(&p).unwrap()));
                }
            }
        }
        let mut v = Vec::new();
        walk(dir, &mut v);
        v.sort();
        v
    }

    /// The import added no problem: nothing points at `file`, and no more problems than before
    /// (the shipped content may carry other branches' warnings).
    fn no_new_problems(dir: &Path, file: &Path, before: usize) {
        let (_, d) = scanwise_author::check(dir);
        assert!(
            d.len() <= before && !d.iter().any(|x| x.file.as_deref() == Some(file)),
            "{}",
            render_all(&d)
        );
    }

    fn export(dir: &Path, lang: &str) -> String {
        let (c, _) = scanwise_author::content::load(dir);
        po::write(&translate::export(&c, lang).unwrap())
    }

    #[test]
    fn round_trip_without_changes_is_byte_identical() {
        let dir = real_content();
        let before = snapshot(dir.path());
        for lang in ["nb", "pl", "ar"] {
            let text = export(dir.path(), lang);
            let cat = po::parse(&text).unwrap();
            // Every kind of string is there, with its English, hash and a note.
            for prefix in [
                "module:",
                "glossary:",
                "checker:question:",
                "checker:outcome:",
                "questions:",
            ] {
                assert!(
                    cat.entries.iter().any(|e| e.context.starts_with(prefix)),
                    "{lang}: no {prefix} strings"
                );
            }
            let e = &cat.entries[0];
            assert!(
                e.comments
                    .iter()
                    .any(|c| c == &format!("source-hash: {}", translate::hash(&e.source)))
            );
            let r = translate::import(dir.path(), &cat, "2030-01-01").unwrap();
            assert!(r.written.is_empty(), "{lang}: {:?}", r.written);
        }
        assert!(
            snapshot(dir.path()) == before,
            "a round trip changed the content"
        );
    }

    #[test]
    fn one_changed_string_changes_that_string_and_the_stamp() {
        let dir = real_content();
        let problems = scanwise_author::check(dir.path()).1.len();
        let nb = dir.path().join("modules/radiation/nb.md");
        let before = fs::read_to_string(&nb).unwrap();
        let stamped_on = before
            .lines()
            .find(|l| l.starts_with("translated_on = "))
            .unwrap()
            .to_string();
        let mut cat = po::parse(&export(dir.path(), "nb")).unwrap();
        let e = cat
            .entries
            .iter_mut()
            .find(|e| e.context == "module:radiation:key-point:4")
            .unwrap();
        assert_eq!(
            e.target,
            "MR og ultralyd gir ingen stråling i det hele tatt."
        );
        e.target = "MR og ultralyd gir ingen stråling.".into();
        let r = translate::import(dir.path(), &cat, "2030-01-01").unwrap();
        assert_eq!(r.written, std::slice::from_ref(&nb));
        assert_eq!(r.strings_changed, 1);
        let after = fs::read_to_string(&nb).unwrap();
        let changed: Vec<(&str, &str)> = before
            .lines()
            .zip(after.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed,
            [
                (
                    "  \"MR og ultralyd gir ingen stråling i det hele tatt.\",",
                    "  \"MR og ultralyd gir ingen stråling.\","
                ),
                (stamped_on.as_str(), "translated_on = \"2030-01-01\""),
            ]
        );
        assert_eq!(before.lines().count(), after.lines().count());
        no_new_problems(dir.path(), &nb, problems);
    }

    #[test]
    fn a_file_made_from_older_english_is_refused_and_nothing_is_written() {
        let dir = real_content();
        // Translations stamped with other tools have no kept English yet.
        scanwise_author::stamped::keep_current(dir.path()).unwrap();
        let problems = scanwise_author::check(dir.path()).1.len();
        let cat = po::parse(&export(dir.path(), "nb")).unwrap();
        let en = dir.path().join("modules/radiation/en.md");
        let text = fs::read_to_string(&en).unwrap();
        fs::write(
            &en,
            text.replace(
                "MRI and ultrasound use no radiation at all.",
                "MRI and ultrasound use no radiation.",
            ),
        )
        .unwrap();
        let before = snapshot(dir.path());
        match translate::import(dir.path(), &cat, "2030-01-01") {
            Err(translate::TranslateError::Stale(s)) => {
                assert_eq!(s.len(), 1, "{s:?}");
                assert!(s[0].contains("module:radiation:key-point:4"), "{s:?}");
            }
            other => panic!("{other:?}"),
        }
        assert!(snapshot(dir.path()) == before, "something was written");

        // Export again: the changed string is fuzzy with the old English; the translator
        // updates it, import writes and stamps, and Norwegian is up to date again.
        let mut cat = po::parse(&export(dir.path(), "nb")).unwrap();
        let fuzzy: Vec<&str> = cat
            .entries
            .iter()
            .filter(|e| e.fuzzy)
            .map(|e| e.context.as_str())
            .collect();
        assert_eq!(fuzzy, ["module:radiation:key-point:4"]);
        let e = cat.entries.iter_mut().find(|e| e.fuzzy).unwrap();
        assert_eq!(
            e.previous.as_deref(),
            Some("MRI and ultrasound use no radiation at all.")
        );
        e.target = "MR og ultralyd gir ingen stråling.".into();
        e.fuzzy = false;
        let r = translate::import(dir.path(), &cat, "2030-01-01").unwrap();
        let nb = dir.path().join("modules/radiation/nb.md");
        assert_eq!(r.written, std::slice::from_ref(&nb));
        no_new_problems(dir.path(), &nb, problems);
    }
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_content_dir_gives_clear_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let (_, d) = scanwise_author::check(dir.path());
        assert!(
            d.iter().all(|d| d.code == Code::MissingFile),
            "{}",
            render_all(&d)
        );
        let files: Vec<String> = d
            .iter()
            .map(|d| {
                d.file
                    .as_ref()
                    .unwrap()
                    .strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            files,
            [
                "checker/checker.toml",
                "glossary/concepts.toml",
                "modules",
                "questions/questions.toml",
                "references.toml",
                "regions.toml"
            ]
        );
    }

    #[test]
    fn partial_trees_never_panic() {
        // Drop each file of the valid tree in turn: always diagnostics, never a panic.
        let mut files = Vec::new();
        fn walk(p: &Path, out: &mut Vec<PathBuf>) {
            for e in fs::read_dir(p).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out)
                } else {
                    out.push(p)
                }
            }
        }
        walk(&fixture("valid"), &mut files);
        for f in files {
            let dir = tempfile::tempdir().unwrap();
            copy_tree(&fixture("valid"), dir.path());
            let rel = f.strip_prefix(fixture("valid")).unwrap();
            // nb then publishes no module, which is allowed: the app shows English.
            if rel == Path::new("modules/when-a-scan-is-needed/nb.md") {
                continue;
            }
            fs::remove_file(dir.path().join(rel)).unwrap();
            let (_, d) = scanwise_author::check(dir.path());
            let _ = render_all(&d);
            assert!(!d.is_empty(), "removing {} went unnoticed", rel.display());
        }
    }

    #[test]
    fn fuzz_corpus_replays_without_panics() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
        let mut n = 0;
        for (target, run) in [
            ("module", scanwise_author::fuzz::module as fn(&str)),
            ("toml", scanwise_author::fuzz::toml),
        ] {
            for e in fs::read_dir(corpus.join(target)).unwrap() {
                let bytes = fs::read(e.unwrap().path()).unwrap();
                run(&String::from_utf8_lossy(&bytes));
                n += 1;
            }
        }
        assert!(n >= 40, "corpus has {n} seeds");
    }

    proptest! {
        #[test]
        fn arbitrary_module_text_never_panics(s in "\\PC*") {
            scanwise_author::fuzz::module(&s);
            scanwise_author::fuzz::module(&format!("+++\nid = \"x\"\n+++\n{s}"));
        }

        #[test]
        fn arbitrary_toml_never_panics(s in "\\PC*") {
            scanwise_author::fuzz::toml(&s);
        }

        #[test]
        fn markdown_shaped_bodies_never_panic(s in "(## [a-z]{0,5} \\{#[a-z-]{0,4}\\}\n|\\[@[a-z0-9]{0,4}\\]|<[a-z]{1,6}( on[a-z]+=x)?>|\\[x\\]\\((module|glossary|javascript):[a-z#]{0,6}\\)|[0-9]{1,3}|tear|\n\n| |\\*|`|é){0,40}") {
            scanwise_author::fuzz::module(&format!("+++\nid = \"fuzz\"\ntitle = \"t\"\nsummary = \"s\"\nareas = []\norder = 1\nminutes = 3\nkey_points = []\n[review]\nstate = \"draft\"\n+++\n{s}"));
        }
    }
}

mod docs {
    use super::*;

    /// The shipped references.toml says, for every source, where to find it and what we cite
    /// it for; and nothing in it is unused.
    #[test]
    fn every_shipped_source_has_a_link_and_a_note() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
        let (c, d) = scanwise_author::check(&root);
        assert!(
            !d.iter().any(|d| d.code == Code::UnusedReference),
            "{}",
            render_all(&d)
        );
        let refs = c.references.expect("references.toml");
        assert!(refs.data.len() > 10);
        for (id, r) in &refs.data {
            assert!(
                r.url.is_some() || r.doi.is_some(),
                "{id}: no url or doi in content/references.toml"
            );
            let note = r.note.as_deref().unwrap_or("");
            assert!(
                note.len() >= 20 && note.ends_with('.'),
                "{id}: no note saying what it is cited for"
            );
        }
    }

    /// The code table in docs/content-authoring.md lists every code with its severity and name.
    #[test]
    fn diagnostic_table_is_complete_and_true() {
        let doc = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/content-authoring.md"),
        )
        .unwrap();
        for c in Code::ALL {
            let row = format!("| {} | {} | {} |", c.as_str(), c.severity(), c.name());
            assert!(
                doc.contains(&row),
                "docs/content-authoring.md lacks the row `{row}`"
            );
        }
        let rows = doc.lines().filter(|l| l.starts_with("| SW")).count();
        assert_eq!(
            rows,
            Code::ALL.len(),
            "the table lists codes that do not exist"
        );
    }
}
