//! scanwise-channel's one integration-test binary.
//!
//! - `corpus`: replays `fuzz/corpus/<target>/*` through [`scanwise_channel::fuzzing`]; files
//!   named `valid-*` must be accepted, every other file refused, nothing may panic.
//!   `SCANWISE_WRITE_CORPUS=1 cargo test -p scanwise-channel` regenerates the valid seeds.
//! - `format`: envelope PAE, key files, ids and paths, release rules.
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
