//! One test per threat. Each starts from a device that installed release 1 (and, where the
//! attack needs it, the attacker's release 2), mounts the attack on the channel, and asserts
//! the sync is refused with the right error and the device is byte-identical afterwards.

use super::support::*;
use scanwise_channel::Error as CE;
use scanwise_channel::client::FetchError;
use scanwise_channel::envelope::{self, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use scanwise_channel::keys::Keypair;
use scanwise_channel::layout;
use scanwise_channel::metadata::{ModuleStatement, Snapshot, Timestamp};
use scanwise_device::{Error, Outcome};

fn synced() -> (World, TestDevice) {
    let w = World::new();
    let d = TestDevice::new(&w);
    let r = d.device.sync(&w.channel, w.now).unwrap();
    assert!(
        matches!(r.outcome, Outcome::Installed { downloaded: 4, .. }),
        "{r:?}"
    );
    (w, d)
}

/// Sync must fail with an error `expect` accepts and leave the device byte-identical.
fn refused(w: &World, d: &TestDevice, clock: i64, expect: impl Fn(&CE) -> bool) {
    let before = fingerprint(d);
    let content = installed(d);
    let err = d
        .device
        .sync(&w.channel, clock)
        .expect_err("attack must be refused");
    match &err {
        Error::Channel(e) if expect(e) => {}
        other => panic!("unexpected error: {other}"),
    }
    assert_eq!(
        fingerprint(d),
        before,
        "device changed after a refused update ({err})"
    );
    assert_eq!(installed(d), content);
}

fn payload<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    serde_json::from_slice(&envelope::parse(bytes).unwrap().1).unwrap()
}

fn current_timestamp(w: &World) -> Timestamp {
    payload(&w.channel.get(&w.timestamp_path()))
}

fn current_snapshot(w: &World) -> (Snapshot, String) {
    let ts = current_timestamp(w);
    let path = layout::snapshot_path(CHANNEL, ts.snapshot_version, &ts.snapshot.sha256);
    (payload(&w.channel.get(&path)), path)
}

/// What an attacker holding the release key can publish: a snapshot and a timestamp of their
/// choosing (both validly signed).
fn publish_forged(w: &World, snapshot: &Snapshot, ts_version_bump: u64, release: &Keypair) {
    let sbytes = envelope::sign(
        SNAPSHOT_TYPE,
        &serde_json::to_vec(snapshot).unwrap(),
        &[release],
    );
    let sha = scanwise_channel::sha256_hex(&sbytes);
    w.channel.put(
        &layout::snapshot_path(CHANNEL, snapshot.version, &sha),
        sbytes.clone(),
    );
    let old = current_timestamp(w);
    let ts = Timestamp {
        version: old.version + ts_version_bump,
        issued: old.issued + 10,
        expires: old.expires + 10,
        snapshot_version: snapshot.version,
        snapshot: scanwise_channel::metadata::FileRef {
            sha256: sha,
            length: sbytes.len() as u64,
        },
        ..old
    };
    w.channel.put(
        &w.timestamp_path(),
        envelope::sign(
            TIMESTAMP_TYPE,
            &serde_json::to_vec(&ts).unwrap(),
            &[release],
        ),
    );
}

fn statement_of(w: &World, unit: &str, locale: &str) -> (ModuleStatement, String) {
    let (snap, _) = current_snapshot(w);
    let e = snap.get(unit, locale).unwrap();
    let path = layout::module_path(CHANNEL, &e.statement.as_ref().unwrap().sha256);
    (payload(&w.channel.get(&path)), path)
}

#[test]
fn a_one_module_edit_downloads_only_that_module() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    let r = d.device.sync(&w.channel, w.now).unwrap();
    assert_eq!(
        r.outcome,
        Outcome::Installed {
            slot: 'b',
            downloaded: 1,
            unchanged: 3,
            removed: 0
        }
    );
    assert_eq!(
        installed(&d)[&("radiation".into(), "en".into())],
        "Summary rev 2"
    );
    // Nothing new: no writes at all.
    let before = fingerprint(&d);
    assert_eq!(
        d.device.sync(&w.channel, w.now).unwrap().outcome,
        Outcome::UpToDate
    );
    assert_eq!(fingerprint(&d), before);
}

#[test]
fn a_reverted_module_is_a_new_version() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    w.publish(&packs(1));
    let (s, _) = statement_of(&w, "radiation", "en");
    assert_eq!(s.version, 3);
    d.device.sync(&w.channel, w.now).unwrap();
    assert_eq!(
        installed(&d)[&("radiation".into(), "en".into())],
        "Summary rev 1"
    );
}

#[test]
fn flipped_byte_in_a_pack() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    let (s, _) = statement_of(&w, "radiation", "en");
    let path = layout::blob_path(&s.blob.as_ref().unwrap().sha256);
    let mut blob = w.channel.get(&path);
    let mid = blob.len() / 2;
    blob[mid] ^= 0x01;
    w.channel.put(&path, blob);
    refused(&w, &d, w.now, |e| matches!(e, CE::Hash { .. }));
}

#[test]
fn unsigned_metadata() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    let (mut env, _) = envelope::parse(&w.channel.get(&w.timestamp_path())).unwrap();
    env.signatures.clear();
    w.channel
        .put(&w.timestamp_path(), serde_json::to_vec(&env).unwrap());
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "timestamp",
                have: 0,
                ..
            }
        )
    });
}

#[test]
fn wrongly_signed_metadata() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    // Signed by an attacker key that claims the release key's id.
    let ts_bytes = w.channel.get(&w.timestamp_path());
    let (env, body) = envelope::parse(&ts_bytes).unwrap();
    let forged = envelope::sign(TIMESTAMP_TYPE, &body, &[&key(99)]);
    let (mut fenv, _) = envelope::parse(&forged).unwrap();
    fenv.signatures[0].keyid = env.signatures[0].keyid.clone();
    w.channel
        .put(&w.timestamp_path(), serde_json::to_vec(&fenv).unwrap());
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "timestamp",
                have: 0,
                ..
            }
        )
    });
}

#[test]
fn below_threshold_and_duplicate_key_signatures() {
    let (mut w, d) = synced();
    let mut next = w.root.clone();
    next.version = 2;
    let k0 = w.roots[0].clone();
    // One of three root keys where two are needed.
    w.rotate_root(next.clone(), &[&k0]);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                have: 1,
                need: 2,
                ..
            }
        )
    });
    // The same key twice still counts once.
    let bytes = w.rotate_root(next, &[&k0]);
    let (mut env, _) = envelope::parse(&bytes).unwrap();
    env.signatures.push(env.signatures[0].clone());
    w.channel.put(
        &layout::root_path(CHANNEL, 2),
        serde_json::to_vec(&env).unwrap(),
    );
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                have: 1,
                need: 2,
                ..
            }
        )
    });
}

#[test]
fn a_signature_from_one_role_replayed_as_another() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    // The release-signed snapshot served as the timestamp: same key, other payload type.
    let (_, spath) = current_snapshot(&w);
    w.channel.put(&w.timestamp_path(), w.channel.get(&spath));
    refused(&w, &d, w.now, |e| matches!(e, CE::WrongPayloadType { .. }));
}

#[test]
fn the_release_key_cannot_sign_modules() {
    let (w, d) = synced();
    let (mut s, _) = statement_of(&w, "radiation", "en");
    s.version += 1;
    let env = envelope::sign(
        envelope::MODULE_TYPE,
        &serde_json::to_vec(&s).unwrap(),
        &[&w.release],
    );
    let sha = scanwise_channel::sha256_hex(&env);
    w.channel
        .put(&layout::module_path(CHANNEL, &sha), env.clone());
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap();
    e.version = s.version;
    e.statement = Some(scanwise_channel::metadata::FileRef {
        sha256: sha,
        length: env.len() as u64,
    });
    publish_forged(&w, &snap, 1, &w.release);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "module",
                have: 0,
                ..
            }
        )
    });
}

#[test]
fn rollback_of_the_timestamp() {
    let (mut w, d) = synced();
    let old = w.channel.get(&w.timestamp_path());
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    w.channel.put(&w.timestamp_path(), old);
    refused(
        &w,
        &d,
        w.now,
        |e| matches!(e, CE::Rollback { what, .. } if what == "timestamp"),
    );
}

#[test]
fn rollback_of_the_snapshot() {
    let (mut w, d) = synced();
    let (old_snap, _) = current_snapshot(&w);
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    // The release key is compromised: a new timestamp pointing at an older snapshot.
    publish_forged(&w, &old_snap, 1, &w.release);
    refused(
        &w,
        &d,
        w.now,
        |e| matches!(e, CE::Rollback { what, .. } if what == "snapshot"),
    );
}

#[test]
fn rollback_of_a_single_module() {
    let (mut w, d) = synced();
    let (old_snap, _) = current_snapshot(&w);
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let old_entry = old_snap.get("radiation", "en").unwrap().clone();
    *snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap() = old_entry;
    publish_forged(&w, &snap, 1, &w.release);
    refused(
        &w,
        &d,
        w.now,
        |e| matches!(e, CE::Rollback { what, .. } if what == "radiation/en"),
    );
}

#[test]
fn a_module_silently_dropped() {
    let (w, d) = synced();
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    snap.units
        .retain(|e| e.unit != "when-a-scan-is-needed" || e.locale != "nb");
    publish_forged(&w, &snap, 1, &w.release);
    refused(
        &w,
        &d,
        w.now,
        |e| matches!(e, CE::Dropped { unit, .. } if unit == "when-a-scan-is-needed"),
    );
}

#[test]
fn a_removed_module_is_a_tombstone_not_a_gap() {
    let (mut w, d) = synced();
    let mut p = packs(1);
    p.retain(|p| p.unit().0 != "radiation");
    w.publish(&p);
    let r = d.device.sync(&w.channel, w.now).unwrap();
    assert_eq!(
        r.outcome,
        Outcome::Installed {
            slot: 'b',
            downloaded: 0,
            unchanged: 3,
            removed: 1
        }
    );
    assert!(!installed(&d).contains_key(&("radiation".into(), "en".into())));
}

#[test]
fn expired_metadata_with_the_device_clock_in_2099() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    let clock_2099 = 4_070_908_800;
    refused(&w, &d, clock_2099, |e| matches!(e, CE::Expired { .. }));
    // Installed content stays readable.
    assert_eq!(
        installed(&d)[&("radiation".into(), "en".into())],
        "Summary rev 1"
    );
}

#[test]
fn device_clock_in_1970_never_goes_below_the_last_signed_timestamp() {
    let (mut w, d) = synced();
    // A fresh release installs with a 1970 clock ...
    w.publish(&packs(2));
    d.device.sync(&w.channel, 0).unwrap();
    // ... but a frozen, already-expired timestamp is refused even though 1970 is "before" it.
    let old = current_timestamp(&w);
    let frozen = Timestamp {
        version: old.version + 1,
        expires: old.issued - 1,
        ..old
    };
    w.channel.put(
        &w.timestamp_path(),
        envelope::sign(
            TIMESTAMP_TYPE,
            &serde_json::to_vec(&frozen).unwrap(),
            &[&w.release],
        ),
    );
    refused(&w, &d, 0, |e| {
        matches!(
            e,
            CE::Expired {
                what: "timestamp",
                ..
            }
        )
    });
}

#[test]
fn mix_and_match_of_modules_from_two_releases() {
    let (mut w, d) = synced();
    let (s1, p1) = statement_of(&w, "radiation", "en");
    w.publish(&packs(2));
    let (s2, p2) = statement_of(&w, "radiation", "en");
    // Release 1's statement served where release 2's is expected ...
    let good = w.channel.get(&p2);
    w.channel.put(&p2, w.channel.get(&p1));
    refused(&w, &d, w.now, |e| {
        matches!(e, CE::Length { .. } | CE::Hash { .. })
    });
    // ... and release 1's pack blob served under release 2's blob name.
    w.channel.put(&p2, good);
    w.channel.put(
        &layout::blob_path(&s2.blob.as_ref().unwrap().sha256),
        w.channel
            .get(&layout::blob_path(&s1.blob.as_ref().unwrap().sha256)),
    );
    refused(&w, &d, w.now, |e| {
        matches!(e, CE::Length { .. } | CE::Hash { .. })
    });
}

#[test]
fn a_decompression_bomb() {
    let (w, d) = synced();
    // A compromised editor key signs a statement whose blob inflates far past its stated size.
    let bomb = zstd_bomb();
    let (mut s, _) = statement_of(&w, "radiation", "en");
    s.version += 1;
    s.blob = Some(scanwise_channel::metadata::FileRef {
        sha256: scanwise_channel::sha256_hex(&bomb),
        length: bomb.len() as u64,
    });
    s.uncompressed_length = 4096;
    w.channel
        .put(&layout::blob_path(&s.blob.as_ref().unwrap().sha256), bomb);
    let env = envelope::sign(
        envelope::MODULE_TYPE,
        &serde_json::to_vec(&s).unwrap(),
        &[&w.author],
    );
    let sha = scanwise_channel::sha256_hex(&env);
    w.channel
        .put(&layout::module_path(CHANNEL, &sha), env.clone());
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap();
    e.version = s.version;
    e.statement = Some(scanwise_channel::metadata::FileRef {
        sha256: sha,
        length: env.len() as u64,
    });
    publish_forged(&w, &snap, 1, &w.release);
    refused(&w, &d, w.now, |e| matches!(e, CE::Decompress { .. }));
}

/// 16 MiB of zeros in a few KiB, claiming 4 KiB.
fn zstd_bomb() -> Vec<u8> {
    let zeros = vec![0u8; 16 * 1024 * 1024];
    let b = zstd_encode(&zeros);
    assert!(b.len() < 64 * 1024);
    b
}

fn zstd_encode(bytes: &[u8]) -> Vec<u8> {
    scanwise_channel::blob::compress_raw(bytes)
}

#[test]
fn an_editor_signing_outside_their_scope() {
    let (w, d) = synced();
    // The Norwegian translator signs an English module; the release includes it.
    let (mut s, _) = statement_of(&w, "radiation", "en");
    s.version += 1;
    let env = envelope::sign(
        envelope::MODULE_TYPE,
        &serde_json::to_vec(&s).unwrap(),
        &[&w.translator_nb],
    );
    let sha = scanwise_channel::sha256_hex(&env);
    w.channel
        .put(&layout::module_path(CHANNEL, &sha), env.clone());
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap();
    e.version = s.version;
    e.statement = Some(scanwise_channel::metadata::FileRef {
        sha256: sha,
        length: env.len() as u64,
    });
    publish_forged(&w, &snap, 1, &w.release);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "module",
                have: 0,
                ..
            }
        )
    });
    // And the publishing library refuses to sign it in the first place.
    let err = scanwise_channel::release::sign_unit(
        &w.root,
        &scanwise_device::unit_json(&module("radiation", "en", 9)),
        9,
        &[&w.translator_nb],
    );
    assert!(err.is_err());
}

#[test]
fn a_reviewed_module_needs_two_editor_signatures() {
    let (w, d) = synced();
    let (mut s, _) = statement_of(&w, "when-a-scan-is-needed", "en");
    s.version += 1;
    let env = envelope::sign(
        envelope::MODULE_TYPE,
        &serde_json::to_vec(&s).unwrap(),
        &[&w.author, &w.author],
    );
    let sha = scanwise_channel::sha256_hex(&env);
    w.channel
        .put(&layout::module_path(CHANNEL, &sha), env.clone());
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "when-a-scan-is-needed" && e.locale == "en")
        .unwrap();
    e.version = s.version;
    e.statement = Some(scanwise_channel::metadata::FileRef {
        sha256: sha,
        length: env.len() as u64,
    });
    publish_forged(&w, &snap, 1, &w.release);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "module",
                have: 1,
                need: 2
            }
        )
    });
}

#[test]
fn a_revoked_key() {
    let (mut w, d) = synced();
    // Root 2 revokes the author; the reviewer re-signs nothing yet.
    let author = w.author.clone();
    let mut next = w.root.clone();
    next.version = 2;
    next.editors.retain(|e| e.keyid != author.key_id());
    next.keys.remove(&author.key_id());
    let (r0, r1) = (w.roots[0].clone(), w.roots[1].clone());
    w.rotate_root(next.clone(), &[&r0, &r1]);
    w.root = next;
    // The revoked author signs a new version of an unreviewed module.
    let (mut s, _) = statement_of(&w, "radiation", "en");
    s.version += 1;
    let env = envelope::sign(
        envelope::MODULE_TYPE,
        &serde_json::to_vec(&s).unwrap(),
        &[&author],
    );
    let sha = scanwise_channel::sha256_hex(&env);
    w.channel
        .put(&layout::module_path(CHANNEL, &sha), env.clone());
    let (mut snap, _) = current_snapshot(&w);
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap();
    e.version = s.version;
    e.statement = Some(scanwise_channel::metadata::FileRef {
        sha256: sha,
        length: env.len() as u64,
    });
    publish_forged(&w, &snap, 1, &w.release);
    refused(&w, &d, w.now, |e| {
        matches!(e, CE::Threshold { role: "module", .. })
    });
}

#[test]
fn root_rotation_right() {
    let (mut w, d) = synced();
    // Replace root key 3 with key 4 and the release key with key 11; old 2-of-3 and new 2-of-3 sign.
    let mut next = w.root.clone();
    next.version = 2;
    next.keys.remove(&w.roots[2].key_id());
    next.keys.remove(&w.release.key_id());
    let (k4, k11) = (key(4), key(11));
    next.keys.insert(k4.key_id(), k4.public());
    next.keys.insert(k11.key_id(), k11.public());
    next.root.keyids = vec![w.roots[0].key_id(), w.roots[1].key_id(), k4.key_id()];
    next.release.keyids = vec![k11.key_id()];
    let (r0, r1) = (w.roots[0].clone(), w.roots[1].clone());
    w.rotate_root(next.clone(), &[&r0, &r1, &k4]);
    w.root = next;
    w.release = k11;
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    assert_eq!(d.device.status().unwrap().root_version, 2);
    assert_eq!(
        installed(&d)[&("radiation".into(), "en".into())],
        "Summary rev 2"
    );
}

#[test]
fn root_rotation_wrong() {
    let (w, d) = synced();
    let (k4, k5, k6) = (key(4), key(5), key(6));
    let mut next = w.root.clone();
    next.version = 2;
    for k in [&k4, &k5, &k6] {
        next.keys.insert(k.key_id(), k.public());
    }
    next.root.keyids = vec![k4.key_id(), k5.key_id(), k6.key_id()];
    let mut w = w;
    // Signed only by the new keys: the old root never agreed.
    w.rotate_root(next.clone(), &[&k4, &k5]);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "root (old keys)",
                ..
            }
        )
    });
    // Signed by the old keys only: the new root's own threshold is not met.
    let (r0, r1) = (w.roots[0].clone(), w.roots[1].clone());
    w.rotate_root(next.clone(), &[&r0, &r1]);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::Threshold {
                role: "root (new keys)",
                ..
            }
        )
    });
    // Versions must be consecutive: version 3 served as 2.root.json.
    next.version = 3;
    let bytes = envelope::sign(
        envelope::ROOT_TYPE,
        &serde_json::to_vec(&next).unwrap(),
        &[&r0, &r1, &k4, &k5],
    );
    w.channel.put(&layout::root_path(CHANNEL, 2), bytes);
    refused(&w, &d, w.now, |e| {
        matches!(
            e,
            CE::RootVersion {
                expected: 2,
                found: 3
            }
        )
    });
}

#[test]
fn endless_metadata_is_capped() {
    let (w, d) = synced();
    w.channel
        .put(&w.timestamp_path(), vec![b' '; 10 * 1024 * 1024]);
    refused(&w, &d, w.now, |e| {
        matches!(e, CE::Fetch(FetchError::TooLarge { .. }))
    });
}

#[test]
fn deleting_sync_state_falls_back_to_the_embedded_floor() {
    let (mut w, d) = synced();
    let user = std::fs::read(d.path().join("user.db")).unwrap();
    let old_channel = w.channel.files.borrow().clone();
    w.publish(&packs(2));
    let seed = w.channel.clone();
    d.device.install_seed(&seed, w.now).unwrap();
    std::fs::remove_file(d.device.state_path()).unwrap();
    // The device no longer claims any content; nothing is active until it re-verifies.
    assert_eq!(d.device.status().unwrap().active_slot, None);
    // Re-installing the embedded seed restores the floor; an older release stays refused.
    d.device.install_seed(&seed, w.now).unwrap();
    assert_eq!(
        installed(&d)[&("radiation".into(), "en".into())],
        "Summary rev 2"
    );
    *w.channel.files.borrow_mut() = old_channel;
    refused(&w, &d, w.now, |e| matches!(e, CE::Rollback { .. }));
    assert_eq!(std::fs::read(d.path().join("user.db")).unwrap(), user);
}

#[test]
fn the_seed_goes_through_the_same_verification() {
    let w = World::new();
    let d = TestDevice::new(&w);
    let (_, spath) = current_snapshot(&w);
    let mut bytes = w.channel.get(&spath);
    bytes[10] ^= 1;
    let tampered = w.channel.clone();
    tampered.put(&spath, bytes);
    let before = fingerprint(&d);
    assert!(d.device.install_seed(&tampered, w.now).is_err());
    assert_eq!(fingerprint(&d), before);
    // An expired seed is still installable (it is as trusted as the embedded root) ...
    d.device
        .install_seed(&w.channel, w.now + 10 * YEAR)
        .unwrap();
    // ... but an expired channel is not.
    let d2 = TestDevice::new(&w);
    assert!(d2.device.sync(&w.channel, w.now + 10 * YEAR).is_err());
}

#[test]
fn an_embedded_seed_installs_from_memory() {
    let w = World::new();
    let d = TestDevice::new(&w);
    let mut seed = scanwise_device::fetch::MemFetcher::new();
    for (p, b) in w.channel.files.borrow().iter() {
        seed.insert(p.clone(), b.clone());
    }
    let r = d.device.install_seed(&seed, w.now).unwrap();
    assert!(
        matches!(r.outcome, Outcome::Installed { downloaded: 4, .. }),
        "{r:?}"
    );
    assert_eq!(installed(&d).len(), 4);
}

#[test]
fn a_deleted_active_slot_is_downloaded_again() {
    let (w, d) = synced();
    let content = installed(&d);
    std::fs::remove_file(d.device.status().unwrap().active_slot.unwrap()).unwrap();
    let r = d.device.sync(&w.channel, w.now).unwrap();
    assert!(
        matches!(
            r.outcome,
            Outcome::Installed {
                slot: 'b',
                downloaded: 4,
                ..
            }
        ),
        "{r:?}"
    );
    assert_eq!(installed(&d), content);
}
