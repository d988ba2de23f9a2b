//! The publish handler over arbitrary bodies (a property test, runnable on stable in
//! `cargo test`): no token, body, statement, version or blob may panic it, and whatever it
//! accepts leaves a channel whose every version can still be incremented and that a device
//! still syncs. Plus: a bearer token alone removes nothing; removals are signed statements.

use super::support::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use proptest::prelude::*;
use scanwise_channel::envelope::{self, MODULE_TYPE};
use scanwise_channel::limits::{MAX_VERSION, MAX_VERSION_JUMP};
use scanwise_channel::metadata::{FileRef, ModuleStatement};
use scanwise_channel::release::{self, ChannelState};
use scanwise_device::fetch::MemFetcher;
use scanwise_server::{ApiError, AppState, Config, Storage, handle_publish};
use std::sync::Arc;

struct Fixture {
    _dir: tempfile::TempDir,
    state: Arc<AppState>,
    rt: tokio::runtime::Runtime,
    keys: Keys,
    /// A valid blob of a radiation/en pack, and its reference.
    blob: (Vec<u8>, FileRef, u64),
}

fn fixture() -> Fixture {
    let keys = Keys::new();
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let storage = Storage::local(dir.path()).unwrap();
    rt.block_on(scanwise_server::init_channel(&storage, &keys.root_bytes))
        .unwrap();
    let state = AppState::new(
        storage,
        Config {
            release_key: keys.release.clone(),
            editors: Keys::editors(),
            publishes_per_minute: usize::MAX / 2,
        },
    );
    let first: Vec<_> = [
        module("radiation", "en", 1),
        module("when-a-scan-is-needed", "en", 1),
        module("when-a-scan-is-needed", "nb", 1),
    ]
    .iter()
    .map(|p| keys.unit(p, 1))
    .collect();
    let body = body_of(&first, &[]);
    rt.block_on(handle_publish(
        &state,
        CHANNEL,
        Some("Bearer tok-author"),
        &body,
        now(),
    ))
    .unwrap();
    let blob = scanwise_channel::blob::encode(
        &scanwise_device::unit_json(&module("radiation", "en", 7)).json,
    );
    Fixture {
        _dir: dir,
        state,
        rt,
        keys,
        blob,
    }
}

fn body_of(units: &[release::SignedUnit], remove: &[(&str, &str)]) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "units": units.iter().map(|u| serde_json::json!({
            "statement": B64.encode(&u.envelope), "blob": B64.encode(&u.blob)
        })).collect::<Vec<_>>(),
        "remove": remove.iter().map(|(u, l)| serde_json::json!({"unit": u, "locale": l}))
            .collect::<Vec<_>>(),
    }))
    .unwrap()
}

fn read_state(f: &Fixture) -> ChannelState {
    let dir = f.state.storage().local_dir().unwrap().to_owned();
    let d = release::ChannelDir::new(dir);
    let root = d.latest_root(CHANNEL).unwrap().value;
    d.state(&root).unwrap()
}

/// One arbitrary publish unit: a statement (validly signed by some subset of keys, or junk)
/// with an arbitrary unit, locale and version, and a blob (the right one, junk, or none).
#[derive(Debug, Clone)]
struct ArbUnit {
    unit: String,
    locale: String,
    version: u64,
    removal: bool,
    signers: Vec<u8>,
    statement_junk: Option<String>,
    blob: u8,
    blob_junk: String,
}

fn arb_version() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(u64::MAX),
        Just(u64::MAX - 1),
        Just(MAX_VERSION),
        Just(MAX_VERSION + 1),
        Just(MAX_VERSION_JUMP + 1),
        Just(MAX_VERSION_JUMP + 2),
        0..6u64,
        any::<u64>(),
    ]
}

fn arb_unit() -> impl Strategy<Value = ArbUnit> {
    (
        prop_oneof![
            4 => Just("radiation".to_string()),
            2 => Just("when-a-scan-is-needed".to_string()),
            2 => Just("new-unit".to_string()),
            1 => "[a-z./_-]{0,10}",
            1 => ".{0,8}",
        ],
        prop_oneof![4 => Just("en".to_string()), 2 => Just("nb".to_string()), 1 => ".{0,6}"],
        arb_version(),
        any::<bool>(),
        // Mostly the author's key (valid), sometimes others, none, or duplicates.
        prop_oneof![
            4 => Just(vec![0u8]),
            2 => Just(vec![0u8, 1]),
            2 => proptest::collection::vec(0u8..5, 0..4),
        ],
        proptest::option::weighted(0.1, ".{0,40}"),
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
        "[A-Za-z0-9+/=]{0,24}",
    )
        .prop_map(
            |(unit, locale, version, removal, signers, statement_junk, blob, blob_junk)| ArbUnit {
                unit,
                locale,
                version,
                removal,
                signers,
                statement_junk,
                blob,
                blob_junk,
            },
        )
}

fn encode_unit(f: &Fixture, u: &ArbUnit) -> serde_json::Value {
    let statement = match &u.statement_junk {
        Some(j) => j.clone(),
        None => {
            let s = ModuleStatement {
                channel: CHANNEL.into(),
                unit: u.unit.clone(),
                locale: u.locale.clone(),
                version: u.version,
                blob: (!u.removal).then(|| f.blob.1.clone()),
                uncompressed_length: if u.removal { 0 } else { f.blob.2 },
            };
            let k = &f.keys;
            let all = [&k.author, &k.reviewer, &k.translator, &k.release, &k.author];
            let signers: Vec<_> = u.signers.iter().map(|i| all[*i as usize]).collect();
            B64.encode(envelope::sign(
                MODULE_TYPE,
                &serde_json::to_vec(&s).unwrap(),
                &signers,
            ))
        }
    };
    let blob = match u.blob {
        0 => B64.encode(&f.blob.0),
        1 => String::new(),
        2 => u.blob_junk.clone(),
        _ => B64.encode(u.blob_junk.as_bytes()),
    };
    serde_json::json!({"statement": statement, "blob": blob})
}

/// Body shape, units, unsigned removals, junk bytes.
type ArbBody = (u8, Vec<ArbUnit>, Vec<(String, String)>, Vec<u8>);

fn arb_body() -> impl Strategy<Value = ArbBody> {
    (
        prop_oneof![1 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 6 => Just(3u8)],
        proptest::collection::vec(arb_unit(), 0..4),
        proptest::collection::vec((".{0,8}", ".{0,4}"), 0..2),
        proptest::collection::vec(any::<u8>(), 0..64),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_publish_body_panics_the_handler((shape, units, remove, junk) in arb_body(), token in prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)]) {
        let f = fixture();
        let body = match shape {
            0 => junk,
            1 => serde_json::to_vec(&serde_json::json!({"units": junk})).unwrap(),
            _ => serde_json::to_vec(&serde_json::json!({
                "units": units.iter().map(|u| encode_unit(&f, u)).collect::<Vec<_>>(),
                "remove": if shape == 2 {
                    remove.iter().map(|(u, l)| serde_json::json!({"unit": u, "locale": l})).collect::<Vec<_>>()
                } else { Vec::new() },
            })).unwrap(),
        };
        let auth = match token {
            0 => Some("Bearer tok-author"),
            1 => Some("Bearer tok-nb"),
            2 => Some("Bearer nope"),
            _ => None,
        };
        let before = read_state(&f);
        let r = f.rt.block_on(handle_publish(&f.state, CHANNEL, auth, &body, now()));
        let after = read_state(&f);
        match &r {
            Ok(resp) => {
                prop_assert_eq!(resp.timestamp_version, before.timestamp.as_ref().unwrap().version + 1);
            }
            Err(ApiError::Storage(e)) => prop_assert!(false, "storage error: {e}"),
            Err(ApiError::Internal(e)) => prop_assert!(false, "internal error: {e}"),
            Err(_) => {
                // Refused: the channel did not move.
                prop_assert_eq!(
                    after.timestamp.as_ref().unwrap().version,
                    before.timestamp.as_ref().unwrap().version
                );
            }
        }
        // Whatever happened, every version in the channel can still be incremented, by the
        // server and by the device, and the safety module is still there for English.
        for e in &after.snapshot.as_ref().unwrap().units {
            prop_assert!(e.version < MAX_VERSION, "{}/{} at {}", e.unit, e.locale, e.version);
            prop_assert!(after.next_version(&e.unit, &e.locale).is_ok());
        }
        for locale in ["en", "nb"] {
            let others = after.statements.iter().any(|((u, l), s)| {
                l == locale && u != "when-a-scan-is-needed" && !s.is_removal()
            });
            prop_assert!(!others || after.is_live("when-a-scan-is-needed", locale));
        }
    }
}

#[test]
fn a_token_alone_removes_nothing_and_a_removal_needs_the_units_signatures() {
    let f = fixture();
    let publish = |body: &[u8], token: &str| {
        f.rt.block_on(handle_publish(
            &f.state,
            CHANNEL,
            Some(&format!("Bearer {token}")),
            body,
            now(),
        ))
    };
    // The old request shape: a token and a unit name.
    let r = publish(
        &body_of(&[], &[("when-a-scan-is-needed", "en")]),
        "tok-author",
    );
    assert!(matches!(r, Err(ApiError::Forbidden(_))), "{r:?}");
    let current = read_state(&f);
    let v = current.next_version("when-a-scan-is-needed", "nb").unwrap();
    // One editor's signature on the removal of a unit needing two: 403.
    let one = {
        let s = ModuleStatement {
            channel: CHANNEL.into(),
            unit: "when-a-scan-is-needed".into(),
            locale: "nb".into(),
            version: v,
            blob: None,
            uncompressed_length: 0,
        };
        release::SignedUnit {
            envelope: envelope::sign(
                MODULE_TYPE,
                &serde_json::to_vec(&s).unwrap(),
                &[&f.keys.author],
            ),
            statement: s,
            blob: Vec::new(),
        }
    };
    let r = publish(&body_of(&[one], &[]), "tok-author");
    assert!(
        matches!(
            r,
            Err(ApiError::Channel(scanwise_channel::Error::Threshold { .. }))
        ),
        "{r:?}"
    );
    // Both signatures, but the language still ships another module: refused (422).
    let both = release::sign_removal(
        &f.keys.root,
        "when-a-scan-is-needed",
        "en",
        current.next_version("when-a-scan-is-needed", "en").unwrap(),
        &[&f.keys.author, &f.keys.reviewer],
    )
    .unwrap();
    let r = publish(&body_of(&[both], &[]), "tok-author");
    assert!(
        matches!(
            r,
            Err(ApiError::Channel(scanwise_channel::Error::Removal { .. }))
        ),
        "{r:?}"
    );
    assert_eq!(
        read_state(&f).timestamp.unwrap().version,
        current.timestamp.as_ref().unwrap().version
    );
    // A signed removal of an ordinary unit goes through, and a device follows it.
    let rm = release::sign_removal(
        &f.keys.root,
        "radiation",
        "en",
        current.next_version("radiation", "en").unwrap(),
        &[&f.keys.author],
    )
    .unwrap();
    publish(&body_of(&[rm], &[]), "tok-author").unwrap();
    let dir = device_dir();
    let device = scanwise_device::Device::new(dir.path(), &f.keys.root_bytes);
    let mut mem = MemFetcher::new();
    let data = f.state.storage().local_dir().unwrap().to_owned();
    for entry in walk(&data) {
        let rel = entry
            .strip_prefix(&data)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        mem.insert(rel, std::fs::read(&entry).unwrap());
    }
    device.sync(&mem, now()).unwrap();
    let units = installed(&device);
    assert!(!units.contains_key(&("radiation".into(), "en".into())));
    assert!(units.contains_key(&("when-a-scan-is-needed".into(), "en".into())));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
