//! scanwise-channel's one integration-test binary.
//!
//! - `corpus`: replays `fuzz/corpus/<target>/*` through [`scanwise_channel::fuzzing`]; files
//!   named `valid-*` must be accepted, every other file refused, nothing may panic.
//!   `SCANWISE_WRITE_CORPUS=1 cargo test -p scanwise-channel` regenerates the valid seeds.
//! - `format`: envelope PAE, key files, ids and paths, release rules.
//! - `plan`: the one release planner every writer uses (versions, unchanged units, removals,
//!   keys short of a threshold, the safety module).
//! - `roots`: the one walk along the root chain (limits, verification of each step).
//! - `invariants`: the channel library pulls in no SQLite, no Tauri, no HTTP, no core.

mod corpus {
    use scanwise_channel::fuzzing::{self, TARGETS};
    use scanwise_channel::release::{self, ChannelState};
    use scanwise_channel::{envelope, layout};
    use std::path::PathBuf;

    fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
    }

    fn pack() -> scanwise_channel::UnitJson {
        let json = serde_json::json!({
            "kind": "questions", "format": 1, "lang": "en",
            "questions": [{"id": "will-it-change-plan", "text": "Will the result change what we do?"}],
            "translation": null
        });
        scanwise_channel::UnitJson {
            unit: "_questions".into(),
            locale: "en".into(),
            json: serde_json::to_vec(&json).unwrap(),
        }
    }

    fn write_seeds() {
        let (root, root_bytes, release_key, editor) = fuzzing::fixture_root();
        let unit = release::sign_unit(&root, &pack(), 1, &[&editor]).unwrap();
        let files = release::next_release(
            &root,
            &ChannelState::default(),
            std::slice::from_ref(&unit),
            &[&release_key],
            1_800_000_000,
        )
        .unwrap();
        let get = |suffix: &str| {
            files
                .files
                .iter()
                .find(|(p, _)| p.contains(suffix))
                .unwrap()
                .1
                .clone()
        };
        let mut len = unit.statement.uncompressed_length.to_le_bytes().to_vec();
        len.extend_from_slice(&unit.blob);
        let seeds: Vec<(&str, &str, Vec<u8>)> = vec![
            ("envelope", "valid-timestamp", get("timestamp.json")),
            ("root", "valid-root", root_bytes.clone()),
            ("timestamp", "valid-timestamp", get("timestamp.json")),
            ("snapshot", "valid-snapshot", get("/snapshot/")),
            ("statement", "valid-statement", unit.envelope.clone()),
            ("blob", "valid-blob", len),
            (
                "path",
                "valid-blob-path",
                layout::blob_path(&unit.statement.blob.as_ref().unwrap().sha256).into_bytes(),
            ),
            (
                "path",
                "valid-timestamp-path",
                layout::timestamp_path("stable").into_bytes(),
            ),
            ("path", "traversal", b"channels/../../etc/passwd".to_vec()),
            ("path", "bad-prefix", b"blobs/sha256/zz/0000".to_vec()),
            ("timestamp", "snapshot-as-timestamp", get("/snapshot/")),
            (
                "envelope",
                "truncated",
                get("timestamp.json")[..40].to_vec(),
            ),
            ("refresh", "junk", b"{\"payloadType\":1}\xff\xff{}".to_vec()),
        ];
        for (target, name, bytes) in seeds {
            std::fs::create_dir_all(dir().join(target)).unwrap();
            std::fs::write(dir().join(target).join(name), bytes).unwrap();
        }
        let _ = envelope::ROOT_TYPE;
    }

    #[test]
    fn replay_fuzz_corpora() {
        if std::env::var_os("SCANWISE_WRITE_CORPUS").is_some() {
            write_seeds();
        }
        let mut replayed = 0;
        for (name, target) in TARGETS {
            let Ok(entries) = std::fs::read_dir(dir().join(name)) else {
                continue;
            };
            for e in entries {
                let e = e.unwrap();
                let data = std::fs::read(e.path()).unwrap();
                let accepted = target(&data);
                let valid = e.file_name().to_string_lossy().starts_with("valid-");
                assert_eq!(
                    accepted,
                    valid,
                    "{name}/{}",
                    e.file_name().to_string_lossy()
                );
                replayed += 1;
            }
        }
        assert!(replayed >= 13, "corpus missing: replayed {replayed}");
    }

    #[test]
    fn mutated_seeds_never_panic() {
        // A poor man's fuzzer on stable: every single-byte flip and truncation of each seed.
        for (name, target) in TARGETS {
            let Ok(entries) = std::fs::read_dir(dir().join(name)) else {
                continue;
            };
            for e in entries {
                let data = std::fs::read(e.unwrap().path()).unwrap();
                let step = (data.len() / 64).max(1);
                for i in (0..data.len()).step_by(step) {
                    let mut m = data.clone();
                    m[i] ^= 0x5a;
                    target(&m);
                    target(&data[..i]);
                }
            }
        }
    }
}

mod format {
    use scanwise_channel::envelope::{self, pae};
    use scanwise_channel::keys::Keypair;
    use scanwise_channel::layout::*;
    use std::collections::BTreeMap;

    #[test]
    fn pae_matches_the_dsse_spec_example() {
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
    }

    #[test]
    fn key_files_round_trip_and_ids_are_sha256_of_the_public_key() {
        let k = Keypair::from_seed([7; 32]);
        let back = Keypair::from_json(&k.to_json()).unwrap();
        assert_eq!(back.key_id(), k.key_id());
        assert_eq!(
            k.key_id(),
            scanwise_channel::sha256_hex(&hex::decode(&k.public().ed25519).unwrap())
        );
        let tampered = k.to_json().replace(&k.key_id(), &"0".repeat(64));
        assert!(Keypair::from_json(&tampered).is_err());
        assert!(
            !format!("{k:?}").contains(&hex::encode([7u8; 32])),
            "Debug must not print the secret"
        );
    }

    #[test]
    fn signatures_count_per_distinct_trusted_key() {
        let (a, b, stranger) = (
            Keypair::from_seed([1; 32]),
            Keypair::from_seed([2; 32]),
            Keypair::from_seed([3; 32]),
        );
        let trusted: BTreeMap<_, _> = [&a, &b]
            .iter()
            .map(|k| (k.key_id(), k.public().verifying().unwrap()))
            .collect();
        let t = envelope::TIMESTAMP_TYPE;
        let twice_a = envelope::sign(t, b"x", &[&a, &a, &stranger]);
        assert!(envelope::verify(&twice_a, t, &trusted, 2, "t").is_err());
        let both = envelope::sign(t, b"x", &[&a, &b]);
        assert_eq!(envelope::verify(&both, t, &trusted, 2, "t").unwrap(), b"x");
        assert!(envelope::verify(&both, envelope::SNAPSHOT_TYPE, &trusted, 1, "t").is_err());
        assert!(
            envelope::verify(&both, t, &trusted, 0, "t").is_err(),
            "threshold 0 never passes"
        );
        let more = envelope::add_signatures(&envelope::sign(t, b"x", &[&a]), &[&b]).unwrap();
        assert!(envelope::verify(&more, t, &trusted, 2, "t").is_ok());
    }

    #[test]
    fn only_layout_paths_are_valid() {
        let sha = "ab".repeat(32);
        for ok in [
            timestamp_path("stable"),
            root_path("stable", 3),
            snapshot_path("stable", 9, &sha),
            module_path("stable", &sha),
            blob_path(&sha),
        ] {
            assert!(check_file_path(&ok).is_ok(), "{ok}");
        }
        for bad in [
            "channels/../timestamp.json".to_string(),
            "channels/stable/../../x".into(),
            format!("blobs/sha256/cd/{sha}"),
            format!("blobs/sha256/ab/{}", sha.to_uppercase()),
            "channels/Stable/timestamp.json".into(),
            "channels/stable/root/-1.root.json".into(),
            "/etc/passwd".into(),
            "".into(),
        ] {
            assert!(check_file_path(&bad).is_err(), "{bad}");
        }
        assert!(
            check_unit("_glossary").is_ok()
                && check_unit("../x").is_err()
                && check_unit("").is_err()
        );
        assert!(check_locale("pt-BR").is_ok() && check_locale("en/..").is_err());
    }
}

mod plan {
    use scanwise_channel::keys::Keypair;
    use scanwise_channel::metadata::{Editor, Root};
    use scanwise_channel::release::{self, Change, ChannelDir, ChannelState, Request, SAFETY_UNIT};
    use scanwise_channel::{Error, UnitJson, fuzzing, layout};

    pub(super) struct World {
        _dir: tempfile::TempDir,
        pub d: ChannelDir,
        pub root: Root,
        pub release: Keypair,
        pub editor: Keypair,
        pub reviewer: Keypair,
    }

    /// The fuzz fixture's root with a second editor, and unit `reviewed` needing both.
    pub(super) fn world() -> World {
        let (mut root, _, release, editor) = fuzzing::fixture_root();
        let reviewer = Keypair::from_seed([4; 32]);
        root.keys.insert(reviewer.key_id(), reviewer.public());
        root.editors.push(Editor {
            name: "r".into(),
            keyid: reviewer.key_id(),
            languages: vec!["*".into()],
            units: vec!["*".into()],
        });
        root.unit_thresholds.insert("reviewed".into(), 2);
        let bytes = release::sign_root(&root, &[&Keypair::from_seed([1; 32])]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let d = ChannelDir::new(dir.path());
        d.write(&layout::root_path(&root.channel, 1), &bytes)
            .unwrap();
        World {
            _dir: dir,
            d,
            root,
            release,
            editor,
            reviewer,
        }
    }

    pub(super) fn unit(unit: &str, locale: &str, text: &str) -> UnitJson {
        UnitJson {
            unit: unit.into(),
            locale: locale.into(),
            json: serde_json::to_vec(&serde_json::json!({ "text": text })).unwrap(),
        }
    }

    impl World {
        fn state(&self) -> ChannelState {
            self.d.state(&self.root).unwrap()
        }

        fn keys(&self) -> [&Keypair; 2] {
            [&self.editor, &self.reviewer]
        }

        /// Plan, sign with both editors, release and write.
        fn publish(&self, request: Request, now: i64) -> Result<(), Error> {
            let current = self.state();
            let files = release::plan(&current, request)?
                .sign(&self.root, &current, &self.keys())?
                .release(&self.root, &current, &[&self.release], now)?;
            self.d.write_release(&files)
        }
    }

    const NOW: i64 = 1_800_000_000;

    fn first_release(w: &World) {
        let packs = vec![
            unit("a", "en", "a1"),
            unit(SAFETY_UNIT, "en", "s1"),
            unit("b", "nb", "b1"),
            unit("reviewed", "en", "r1"),
        ];
        w.publish(
            Request {
                packs,
                ..Request::default()
            },
            NOW,
        )
        .unwrap();
    }

    #[test]
    fn unchanged_packs_stay_and_changed_ones_get_the_next_version() {
        let w = world();
        first_release(&w);
        let p = release::plan(
            &w.state(),
            Request {
                packs: vec![unit("a", "en", "a1"), unit("b", "nb", "b2")],
                ..Request::default()
            },
        )
        .unwrap();
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.units.len(), 1);
        let b = &p.units[0];
        assert_eq!(
            (b.unit.as_str(), b.locale.as_str(), b.version),
            ("b", "nb", 2)
        );
        assert!(matches!(b.change, Change::Publish { .. }));
        // Nothing offered that changed: an empty plan, and an empty release still moves the
        // snapshot and timestamp (the server's re-sign).
        let p = release::plan(&w.state(), Request::default()).unwrap();
        assert!(p.is_empty());
        let current = w.state();
        let files = p
            .sign(&w.root, &current, &[])
            .unwrap()
            .release(&w.root, &current, &[&w.release], NOW + 1)
            .unwrap();
        assert_eq!((files.snapshot_version, files.timestamp_version), (2, 2));
    }

    #[test]
    fn a_full_release_removes_what_is_no_longer_offered() {
        let w = world();
        first_release(&w);
        let packs = vec![
            unit("a", "en", "a1"),
            unit(SAFETY_UNIT, "en", "s1"),
            unit("reviewed", "en", "r1"),
        ];
        let p = release::plan(
            &w.state(),
            Request {
                packs: packs.clone(),
                remove_absent: true,
                ..Request::default()
            },
        )
        .unwrap();
        let planned: Vec<_> = p
            .units
            .iter()
            .map(|u| (u.unit.as_str(), u.locale.as_str(), u.version))
            .collect();
        assert_eq!(planned, vec![("b", "nb", 2)]);
        assert!(matches!(p.units[0].change, Change::Remove));
        let files = release::release_units(
            &w.root,
            &w.state(),
            &packs,
            &w.keys(),
            &[&w.release],
            NOW + 1,
        )
        .unwrap();
        w.d.write_release(&files).unwrap();
        assert!(!w.state().is_live("b", "nb") && w.state().is_live("a", "en"));
        // What is not live cannot be removed again.
        let again = release::plan(
            &w.state(),
            Request {
                remove: vec![("b".into(), "nb".into())],
                ..Request::default()
            },
        );
        assert!(matches!(again, Err(Error::Removal { .. })), "{again:?}");
    }

    #[test]
    fn keys_short_of_a_threshold_skip_a_pack_and_refuse_a_removal() {
        let w = world();
        first_release(&w);
        let current = w.state();
        let request = || Request {
            packs: vec![unit("reviewed", "en", "r2"), unit("a", "en", "a2")],
            ..Request::default()
        };
        let signed = release::plan(&current, request())
            .unwrap()
            .sign(&w.root, &current, &[&w.editor])
            .unwrap();
        assert_eq!(signed.units.len(), 1);
        assert_eq!(signed.units[0].statement.unit, "a");
        assert_eq!(
            signed
                .skipped
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            vec!["reviewed/en: 1 of 2 signature(s) in scope"]
        );
        // A full release ships everything or nothing.
        assert!(matches!(
            signed.require_all(),
            Err(Error::Threshold {
                have: 1,
                need: 2,
                ..
            })
        ));
        let removal = release::plan(
            &current,
            Request {
                remove: vec![("reviewed".into(), "en".into())],
                ..Request::default()
            },
        )
        .unwrap()
        .sign(&w.root, &current, &[&w.editor]);
        let err = removal.unwrap_err();
        assert!(matches!(
            err,
            Error::RemovalKeys {
                have: 1,
                need: 2,
                ..
            }
        ));
        assert!(
            err.to_string()
                .contains("needs 2 editor signature(s) in scope; 1 given"),
            "{err}"
        );
    }

    #[test]
    fn the_safety_module_stays_while_its_language_ships_other_units() {
        let w = world();
        first_release(&w);
        let remove = |pairs: &[(&str, &str)]| Request {
            remove: pairs
                .iter()
                .map(|(u, l)| (u.to_string(), l.to_string()))
                .collect(),
            ..Request::default()
        };
        let err = w
            .publish(remove(&[(SAFETY_UNIT, "en")]), NOW + 1)
            .unwrap_err();
        assert!(err.to_string().contains("is the safety module"), "{err}");
        // The same rule for statements signed elsewhere (the server's publish).
        let current = w.state();
        let signed = release::sign_removal(&w.root, SAFETY_UNIT, "en", 2, &w.keys()).unwrap();
        let r = release::plan(
            &current,
            Request {
                signed: vec![signed],
                ..Request::default()
            },
        )
        .unwrap()
        .sign(&w.root, &current, &[]);
        assert!(matches!(r, Err(Error::Removal { .. })), "{r:?}");
        // With the language's other units gone too, it may go.
        w.publish(
            remove(&[("a", "en"), ("reviewed", "en"), (SAFETY_UNIT, "en")]),
            NOW + 1,
        )
        .unwrap();
        assert!(!w.state().is_live(SAFETY_UNIT, "en"));
        assert!(w.state().is_live("b", "nb"));
    }
}

mod roots {
    use super::plan::world;
    use scanwise_channel::client::verify_self_signed_root;
    use scanwise_channel::keys::Keypair;
    use scanwise_channel::release::sign_root;
    use scanwise_channel::roots::{self, RootChain, UNBOUNDED};
    use scanwise_channel::{Error, layout};

    #[test]
    fn the_walk_follows_every_verified_root_up_to_its_limit() {
        let w = world();
        // Roots 2..=5: each signed by the previous root key and its own (root N's key is
        // seeded N+100, root 1's is seed 1).
        let mut root = w.root.clone();
        for v in 2..=5u64 {
            let old = if v == 2 {
                Keypair::from_seed([1; 32])
            } else {
                Keypair::from_seed([(v - 1) as u8 + 100; 32])
            };
            let new = Keypair::from_seed([v as u8 + 100; 32]);
            root.keys.insert(new.key_id(), new.public());
            root.root.keyids = vec![new.key_id()];
            root.version = v;
            let bytes = sign_root(&root, &[&old, &new]).unwrap();
            w.d.write(&layout::root_path(&root.channel, v), &bytes)
                .unwrap();
        }
        let channel = w.root.channel.clone();
        let get = |p: &str| w.d.read(p);
        assert_eq!(roots::latest(&channel, get).unwrap().value.version, 5);
        assert_eq!(w.d.latest_root(&channel).unwrap().value.version, 5);
        let first = w.d.read(&layout::root_path(&channel, 1)).unwrap().unwrap();
        let one = verify_self_signed_root(&first).unwrap();
        assert_eq!(roots::walk(one.clone(), 2, get).unwrap().value.version, 3);
        assert_eq!(roots::walk(one.clone(), 0, get).unwrap().value.version, 1);
        // Step by step, as the server drives it.
        let mut chain = RootChain::new(one.clone(), UNBOUNDED);
        let mut looked = Vec::new();
        while let Some(path) = chain.next_path() {
            looked.push(path.clone());
            chain.step(w.d.read(&path).unwrap().as_deref()).unwrap();
        }
        assert_eq!(looked.len(), 5, "roots 2..=5 and the absent 6: {looked:?}");
        assert_eq!(chain.root().value.version, 5);
        // A root that does not verify with its predecessor stops the walk with an error.
        let mut forged = w.root.clone();
        forged.version = 6;
        let stranger = Keypair::from_seed([99; 32]);
        forged.keys.insert(stranger.key_id(), stranger.public());
        forged.root.keyids = vec![stranger.key_id()];
        w.d.write(
            &layout::root_path(&channel, 6),
            &sign_root(&forged, &[&stranger]).unwrap(),
        )
        .unwrap();
        assert!(matches!(
            roots::walk(one, UNBOUNDED, get),
            Err(Error::Threshold { .. })
        ));
        // No root 1: nothing to walk from.
        assert!(matches!(
            roots::latest("other", get),
            Err(Error::Missing { .. })
        ));
    }
}

mod invariants {
    #[test]
    fn no_sqlite_tauri_http_or_core_in_the_dependency_tree() {
        let out = std::process::Command::new(env!("CARGO"))
            .args([
                "tree",
                "-p",
                "scanwise-channel",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--offline",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo tree");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        for banned in [
            "rusqlite",
            "libsqlite3-sys",
            "tauri",
            "axum",
            "hyper",
            "ureq",
            "reqwest",
            "scanwise-core",
        ] {
            assert!(
                !tree
                    .lines()
                    .any(|l| l.split_whitespace().next() == Some(banned)),
                "scanwise-channel depends on {banned}"
            );
        }
    }
}
