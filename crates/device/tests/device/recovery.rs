//! The failures real fleets meet (issue 15): a wrong publisher clock, a stolen release key, an
//! editor's token removing a reviewed module, versions that cannot be incremented, signed but
//! hand-made HTML, and a sync held by a slow server. Each refused update leaves the active
//! slot, `sync-state.db` and `user.db` byte-identical; each recovery ends on new content.

use super::support::*;
use scanwise_channel::Error as CE;
use scanwise_channel::envelope::{self, MODULE_TYPE, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use scanwise_channel::keys::Keypair;
use scanwise_channel::limits::{MAX_ISSUED_AHEAD, MAX_VERSION, MAX_VERSION_JUMP};
use scanwise_channel::metadata::{FileRef, ModuleStatement, Root, Snapshot, Timestamp};
use scanwise_channel::release;
use scanwise_channel::{client::Fetcher, layout};
use scanwise_core::model::Pack;
use scanwise_device::{Error, Outcome};

fn synced() -> (World, TestDevice) {
    let w = World::new();
    let d = TestDevice::new(&w);
    d.device.sync(&w.channel, w.now).unwrap();
    (w, d)
}

/// Sync from `from` must fail with an error `expect` accepts, and leave the device
/// byte-identical (active slot, sync-state.db, user.db) with the same content.
fn refused_from(
    from: &dyn Fetcher,
    d: &TestDevice,
    clock: i64,
    expect: impl Fn(&Error) -> bool,
) -> String {
    let before = fingerprint(d);
    let content = installed(d);
    let err = d
        .device
        .sync(from, clock)
        .expect_err("the update must be refused");
    assert!(expect(&err), "unexpected error: {err}");
    assert_eq!(fingerprint(d), before, "device changed after `{err}`");
    assert_eq!(installed(d), content);
    err.to_string()
}

fn channel_err(f: impl Fn(&CE) -> bool) -> impl Fn(&Error) -> bool {
    move |e| matches!(e, Error::Channel(c) if f(c))
}

fn payload<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    serde_json::from_slice(&envelope::parse(bytes).unwrap().1).unwrap()
}

fn current_timestamp(ch: &MemChannel) -> Timestamp {
    payload(&ch.get(&layout::timestamp_path(CHANNEL)))
}

fn current_snapshot(ch: &MemChannel) -> Snapshot {
    let ts = current_timestamp(ch);
    payload(&ch.get(&layout::snapshot_path(
        CHANNEL,
        ts.snapshot_version,
        &ts.snapshot.sha256,
    )))
}

/// Sign `snapshot` and a timestamp for it into `ch` with `release` (what the holder of a
/// release key can do), `ts_version` and `issued` as given.
fn put_release(
    ch: &MemChannel,
    snapshot: &Snapshot,
    ts_version: u64,
    issued: i64,
    release: &Keypair,
) {
    let sbytes = envelope::sign(
        SNAPSHOT_TYPE,
        &serde_json::to_vec(snapshot).unwrap(),
        &[release],
    );
    let sha = scanwise_channel::sha256_hex(&sbytes);
    ch.put(
        &layout::snapshot_path(CHANNEL, snapshot.version, &sha),
        sbytes.clone(),
    );
    let ts = Timestamp {
        channel: CHANNEL.into(),
        version: ts_version,
        issued,
        expires: issued + 7 * 24 * 3600,
        snapshot_version: snapshot.version,
        snapshot: FileRef {
            sha256: sha,
            length: sbytes.len() as u64,
        },
    };
    ch.put(
        &layout::timestamp_path(CHANNEL),
        envelope::sign(
            TIMESTAMP_TYPE,
            &serde_json::to_vec(&ts).unwrap(),
            &[release],
        ),
    );
}

/// A statement signed by `signers` into `ch`, and the snapshot entry pointing at it.
fn put_statement(ch: &MemChannel, s: &ModuleStatement, signers: &[&Keypair]) -> FileRef {
    let env = envelope::sign(MODULE_TYPE, &serde_json::to_vec(s).unwrap(), signers);
    let sha = scanwise_channel::sha256_hex(&env);
    ch.put(&layout::module_path(CHANNEL, &sha), env.clone());
    FileRef {
        sha256: sha,
        length: env.len() as u64,
    }
}

fn statement(ch: &MemChannel, unit: &str, locale: &str) -> ModuleStatement {
    let snap = current_snapshot(ch);
    let e = snap.get(unit, locale).unwrap();
    payload(&ch.get(&layout::module_path(
        CHANNEL,
        &e.statement.as_ref().unwrap().sha256,
    )))
}

/// The next root: `change` edits a copy of the current one; roots 1 and 2 sign it.
fn rotate(w: &mut World, change: impl FnOnce(&mut Root)) {
    let mut next = w.root.clone();
    next.version += 1;
    change(&mut next);
    let (r0, r1) = (w.roots[0].clone(), w.roots[1].clone());
    w.rotate_root(next.clone(), &[&r0, &r1]);
    w.root = next;
}

/// Replace the release key with `new` in the next root.
fn rotate_release_key(w: &mut World, new: Keypair) {
    let old = w.release.key_id();
    rotate(w, |r| {
        r.keys.remove(&old);
        r.keys.insert(new.key_id(), new.public());
        r.release.keyids = vec![new.key_id()];
    });
    w.release = new;
}

fn radiation(d: &TestDevice) -> String {
    installed(d)[&("radiation".into(), "en".into())].clone()
}

// ------------------------------------------------------------------ 1. versions are bounded

#[test]
fn versions_that_cannot_be_incremented_or_jump_too_far_are_refused() {
    let (w, d) = synced();
    let ts = current_timestamp(&w.channel);
    let snap0 = current_snapshot(&w.channel);
    let radiation_at = |version: u64| {
        let mut snap = snap0.clone();
        let mut s = statement(&w.channel, "radiation", "en");
        s.version = version;
        let sref = put_statement(&w.channel, &s, &[&w.author]);
        let e = snap
            .units
            .iter_mut()
            .find(|e| e.unit == "radiation")
            .unwrap();
        e.version = version;
        e.statement = Some(sref);
        snap.version += 1;
        put_release(
            &w.channel,
            &snap,
            ts.version + 1,
            ts.issued + 10,
            &w.release,
        );
    };

    // A unit at u64::MAX (validly signed by the author): refused, nothing changes.
    radiation_at(u64::MAX);
    refused_from(&w.channel, &d, w.now, |e| {
        matches!(e, Error::Channel(CE::VersionExhausted { .. }))
    });
    // A unit jumping past the documented limit (still incrementable): refused.
    radiation_at(1 + MAX_VERSION_JUMP + 1);
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::VersionJump { what, .. } if what == "radiation/en")),
    );
    // At the limit it is accepted: the bound is exactly the documented one.
    radiation_at(1 + MAX_VERSION_JUMP);
    let r = d.device.sync(&w.channel, w.now);
    assert!(r.is_ok(), "{r:?}");
    let d = TestDevice::new(&w);
    d.device.sync(&w.channel, w.now).unwrap();
    let ts = current_timestamp(&w.channel);
    let snap = current_snapshot(&w.channel);

    // The timestamp jumping past the limit: refused.
    put_release(
        &w.channel,
        &snap,
        ts.version + MAX_VERSION_JUMP + 1,
        ts.issued + 10,
        &w.release,
    );
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::VersionJump { what, .. } if what == "timestamp")),
    );
    // A timestamp at the very top of the range is refused outright.
    put_release(
        &w.channel,
        &snap,
        MAX_VERSION + 1,
        ts.issued + 10,
        &w.release,
    );
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::VersionExhausted { .. })),
    );
}

#[test]
fn the_publisher_refuses_versions_that_cannot_be_incremented() {
    let w = World::new();
    let current = w.state();
    let unit = scanwise_device::unit_json(&module("radiation", "en", 9));
    for (version, ok) in [
        (u64::MAX, false),
        (MAX_VERSION + 1, false),
        (1 + MAX_VERSION_JUMP + 1, false),
        (1 + MAX_VERSION_JUMP, true),
    ] {
        let r = release::sign_unit(&w.root, &unit, version, &[&w.author])
            .and_then(|s| release::next_release(&w.root, &current, &[s], &[&w.release], w.now));
        assert_eq!(r.is_ok(), ok, "version {version}: {r:?}");
    }
    // A channel whose unit is already at the top cannot be given a next version.
    let mut at_top = current.clone();
    let snap = at_top.snapshot.as_mut().unwrap();
    snap.units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap()
        .version = MAX_VERSION;
    assert!(matches!(
        at_top.next_version("radiation", "en"),
        Err(CE::VersionExhausted { .. })
    ));
}

// ------------------------------------------------------------------ 2. removals are statements

#[test]
fn a_removal_needs_the_units_editor_threshold() {
    let (w, d) = synced();
    let ts = current_timestamp(&w.channel);
    let snap0 = current_snapshot(&w.channel);
    // The release key alone removes the safety module (what a token-only remove produced).
    let mut snap = snap0.clone();
    snap.version += 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "when-a-scan-is-needed" && e.locale == "en")
        .unwrap();
    e.version += 1;
    e.statement = None;
    put_release(
        &w.channel,
        &snap,
        ts.version + 1,
        ts.issued + 10,
        &w.release,
    );
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::Removal { .. })),
    );

    // One editor signs the removal of a unit that needs two: refused.
    let mut snap = snap0;
    let old = statement(&w.channel, "when-a-scan-is-needed", "nb");
    let removal = ModuleStatement {
        version: old.version + 1,
        blob: None,
        uncompressed_length: 0,
        ..old
    };
    let sref = put_statement(&w.channel, &removal, &[&w.author]);
    snap.version = ts.snapshot_version + 1;
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "when-a-scan-is-needed" && e.locale == "nb")
        .unwrap();
    e.version = removal.version;
    e.statement = Some(sref);
    put_release(
        &w.channel,
        &snap,
        ts.version + 1,
        ts.issued + 10,
        &w.release,
    );
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| {
            matches!(
                e,
                CE::Threshold {
                    role: "module",
                    have: 1,
                    need: 2
                }
            )
        }),
    );
    // The publisher refuses to sign such a release too (the server's check).
    let r = release::sign_removal(
        &w.root,
        "when-a-scan-is-needed",
        "nb",
        removal.version,
        &[&w.author],
    )
    .and_then(|s| release::next_release(&w.root, &w.state(), &[s], &[&w.release], w.now));
    assert!(matches!(r, Err(CE::Threshold { .. })), "{r:?}");
}

#[test]
fn a_release_without_the_safety_module_is_refused_even_when_signed() {
    let (w, d) = synced();
    // Both editors sign the removal of the English safety module while English ships others.
    let current = w.state();
    let removal = release::sign_removal(
        &w.root,
        "when-a-scan-is-needed",
        "en",
        current.next_version("when-a-scan-is-needed", "en").unwrap(),
        &[&w.author, &w.reviewer],
    )
    .unwrap();
    let files =
        release::next_release(&w.root, &current, &[removal], &[&w.release], w.now + 60).unwrap();
    w.channel.write_release(&files);
    let msg = refused_from(
        &w.channel,
        &d,
        w.now + 60,
        |e| matches!(e, Error::SafetyModuleDropped { locale } if locale == "en"),
    );
    assert!(msg.contains("when-a-scan-is-needed"), "{msg}");
}

#[test]
fn a_signed_removal_removes_the_unit() {
    let (w, d) = synced();
    let current = w.state();
    let removal = release::sign_removal(
        &w.root,
        "radiation",
        "en",
        current.next_version("radiation", "en").unwrap(),
        &[&w.author],
    )
    .unwrap();
    let files =
        release::next_release(&w.root, &current, &[removal], &[&w.release], w.now + 60).unwrap();
    w.channel.write_release(&files);
    let r = d.device.sync(&w.channel, w.now + 60).unwrap();
    assert!(
        matches!(r.outcome, Outcome::Installed { removed: 1, .. }),
        "{r:?}"
    );
    assert!(!installed(&d).contains_key(&("radiation".into(), "en".into())));
    // The next sync is a no-op, and a removal of what is not published is refused.
    assert_eq!(
        d.device.sync(&w.channel, w.now + 60).unwrap().outcome,
        Outcome::UpToDate
    );
    let again = release::sign_removal(&w.root, "radiation", "en", 3, &[&w.author]).unwrap();
    assert!(matches!(
        release::next_release(&w.root, &w.state(), &[again], &[&w.release], w.now + 60),
        Err(CE::Removal { .. })
    ));
}

// ------------------------------------------------------------------ 3. clock sanity

#[test]
fn a_timestamp_issued_far_ahead_of_the_device_clock_is_refused_and_sets_no_floor() {
    let (mut w, d) = synced();
    // A publisher three years ahead signs a release.
    let far_ahead = w.now + 3 * YEAR;
    let files = release::release_units(
        &w.root,
        &w.state(),
        &packs(2)
            .iter()
            .map(scanwise_device::unit_json)
            .collect::<Vec<_>>(),
        &[&w.author, &w.reviewer],
        &[&w.release],
        far_ahead,
    )
    .unwrap();
    w.channel.write_release(&files);
    let msg = refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::IssuedInFuture { .. })),
    );
    assert!(msg.contains("ahead"), "{msg}");
    // Exactly at the bound it would be accepted; one second over, refused.
    assert_eq!(MAX_ISSUED_AHEAD, 24 * 3600);
    refused_from(
        &w.channel,
        &d,
        far_ahead - MAX_ISSUED_AHEAD - 1,
        channel_err(|e| matches!(e, CE::IssuedInFuture { .. })),
    );
    // Its floor was never raised: the status still shows the old timestamp.
    assert_eq!(d.device.status().unwrap().timestamp_version, 1);
    // The publisher with the right clock refuses to sign after it (nothing written) ...
    let before = w.channel.files.borrow().clone();
    w.now += 3600;
    let r = release::release_units(
        &w.root,
        &w.state(),
        &packs(3)
            .iter()
            .map(scanwise_device::unit_json)
            .collect::<Vec<_>>(),
        &[&w.author, &w.reviewer],
        &[&w.release],
        w.now,
    );
    assert!(matches!(r, Err(CE::ClockBehind { .. })), "{r:?}");
    assert_eq!(*w.channel.files.borrow(), before);
    // ... and within the skew it signs, carrying the previous issue time forward.
    let ts = current_timestamp(&w.channel);
    let bytes =
        release::refresh_timestamp(&w.root, &w.state(), &[&w.release], ts.issued - 60).unwrap();
    let t: Timestamp = payload(&bytes);
    assert_eq!(t.issued, ts.issued);
}

#[test]
fn a_fleet_that_trusted_a_bad_clock_recovers_by_rotating_the_release_key() {
    let (mut w, good) = synced();
    // A device whose own clock was three years ahead, like the publisher's, accepted the bad
    // release (as every device did before issued times were checked).
    let stuck = TestDevice::new(&w);
    stuck.device.sync(&w.channel, w.now).unwrap();
    let far_ahead = w.now + 3 * YEAR;
    let bad = release::release_units(
        &w.root,
        &w.state(),
        &packs(2)
            .iter()
            .map(scanwise_device::unit_json)
            .collect::<Vec<_>>(),
        &[&w.author, &w.reviewer],
        &[&w.release],
        far_ahead,
    )
    .unwrap();
    w.channel.write_release(&bad);
    stuck.device.sync(&w.channel, far_ahead).unwrap();
    assert_eq!(radiation(&stuck), "Summary rev 2");
    // Its clock is corrected. The publisher, with the right clock, refuses to sign after
    // the bad timestamp (nothing written) ...
    w.now += 2 * 3600;
    let r = release::refresh_timestamp(&w.root, &w.state(), &[&w.release], w.now);
    assert!(matches!(r, Err(CE::ClockBehind { .. })), "{r:?}");
    // ... and a timestamp signed at the right time anyway (as publishers did before they
    // checked) is refused by the device: its issue time would go backwards.
    let real = w.channel.clone();
    let ts = current_timestamp(&real);
    put_release(
        &real,
        &current_snapshot(&real),
        ts.version + 1,
        w.now,
        &w.release,
    );
    refused_from(
        &real,
        &stuck,
        w.now,
        channel_err(|e| matches!(e, CE::Rollback { what, .. } if what == "timestamp issue time")),
    );

    // Recovery: the operator rotates the release key in root 2, then publishes with the
    // right clock (the publisher no longer binds to the old key's issue time).
    rotate_release_key(&mut w, key(11));
    w.publish(&packs(3));
    for d in [&stuck, &good] {
        let r = d.device.sync(&w.channel, w.now).unwrap();
        assert!(matches!(r.outcome, Outcome::Installed { .. }), "{r:?}");
        assert_eq!(radiation(d), "Summary rev 3");
        assert_eq!(d.device.status().unwrap().root_version, 2);
    }
    // And the next ordinary release reaches both.
    w.publish(&packs(4));
    for d in [&stuck, &good] {
        d.device.sync(&w.channel, w.now).unwrap();
        assert_eq!(radiation(d), "Summary rev 4");
    }
}

// ------------------------------------------------------------------ 4. rotation resets

#[test]
fn a_stolen_release_key_fast_forwards_then_rotation_recovers_the_device() {
    let (mut w, d) = synced();
    let stolen = w.release.clone();
    // The attacker serves (on a path the device uses) a timestamp and snapshot as far ahead
    // as one step allows, signed with the stolen key; the device takes it (metadata only).
    let evil = w.channel.clone();
    let ts = current_timestamp(&evil);
    let mut snap = current_snapshot(&evil);
    snap.version += MAX_VERSION_JUMP;
    put_release(
        &evil,
        &snap,
        ts.version + MAX_VERSION_JUMP,
        ts.issued + 10,
        &stolen,
    );
    d.device.sync(&evil, w.now).unwrap();
    assert_eq!(
        d.device.status().unwrap().timestamp_version,
        ts.version + MAX_VERSION_JUMP
    );
    // The server's clean release is now a "rollback" for the device.
    w.publish(&packs(2));
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::Rollback { what, .. } if what == "timestamp")),
    );
    // Operator: root 2 with a new release key, a clean release. The device recovers.
    rotate_release_key(&mut w, key(12));
    w.publish(&packs(3));
    d.device.sync(&w.channel, w.now).unwrap();
    assert_eq!(radiation(&d), "Summary rev 3");
    let status = d.device.status().unwrap();
    assert_eq!(status.root_version, 2);
    assert!(status.timestamp_version < MAX_VERSION_JUMP);

    // The attacker's old key can do nothing any more: a newer timestamp and snapshot
    // signed with it (served with or without root 2) are refused.
    for with_root_2 in [true, false] {
        let evil = w.channel.clone();
        if !with_root_2 {
            evil.files
                .borrow_mut()
                .remove(&layout::root_path(CHANNEL, 2));
        }
        let ts = current_timestamp(&evil);
        let mut snap = current_snapshot(&evil);
        snap.version += 5;
        put_release(&evil, &snap, ts.version + 5, ts.issued + 10, &stolen);
        refused_from(
            &evil,
            &d,
            w.now,
            channel_err(|e| {
                matches!(
                    e,
                    CE::Threshold {
                        role: "timestamp",
                        ..
                    }
                )
            }),
        );
    }
}

#[test]
fn rotating_the_release_key_keeps_the_module_floors_editors_signed() {
    let (mut w, d) = synced();
    w.publish(&packs(2));
    d.device.sync(&w.channel, w.now).unwrap();
    rotate_release_key(&mut w, key(13));
    // The new release key serves radiation at its old version 1 (an older signed statement):
    // the editor-signed floor (version 2) still holds.
    let old_channel = World::new().channel;
    let old_radiation = statement(&old_channel, "radiation", "en");
    let mut snap = current_snapshot(&w.channel);
    let sref = {
        let s = current_snapshot(&old_channel);
        let e = s.get("radiation", "en").unwrap().statement.clone().unwrap();
        w.channel.put(
            &layout::module_path(CHANNEL, &e.sha256),
            old_channel.get(&layout::module_path(CHANNEL, &e.sha256)),
        );
        e
    };
    let e = snap
        .units
        .iter_mut()
        .find(|e| e.unit == "radiation")
        .unwrap();
    e.version = old_radiation.version;
    e.statement = Some(sref);
    snap.version += 1;
    let ts = current_timestamp(&w.channel);
    put_release(
        &w.channel,
        &snap,
        ts.version + 1,
        ts.issued + 10,
        &w.release,
    );
    refused_from(
        &w.channel,
        &d,
        w.now,
        channel_err(|e| matches!(e, CE::Rollback { what, .. } if what == "radiation/en")),
    );
}

// ------------------------------------------------------------------ 5. HTML defence in depth

#[test]
fn a_signed_pack_with_a_script_is_made_inert_before_it_is_stored() {
    let (mut w, d) = synced();
    let Pack::Module(mut m) = module("radiation", "en", 2) else {
        unreachable!()
    };
    m.sections[0].html = concat!(
        r#"<p>Dose<script>document.title='pwned'</script></p>"#,
        r#"<p><img src=x onerror="document.title='pwned'"></p>"#,
        r#"<p><a href="javascript:document.title='pwned'">click</a> "#,
        r#"<a href="https://www.nhs.uk">NHS</a> <span onclick="x()">s</span></p>"#
    )
    .into();
    let mut p = packs(1);
    p[1] = Pack::Module(m);
    w.publish(&p);
    d.device.sync(&w.channel, w.now).unwrap();
    let slot = d.device.active_slot().unwrap().unwrap();
    let Some(Pack::Module(stored)) = slot.pack("radiation", "en").unwrap() else {
        panic!("radiation stored")
    };
    let html = &stored.sections[0].html;
    for bad in [
        "script",
        "onerror",
        "javascript:",
        "onclick",
        "<img",
        "pwned",
    ] {
        assert!(!html.contains(bad), "{bad} reached the slot: {html}");
    }
    assert!(html.contains(r#"href="https://www.nhs.uk""#), "{html}");
    assert!(html.contains("Dose"), "{html}");
    // Packs `scanwise build` made are stored unchanged.
    let Some(Pack::Module(safety)) = slot.pack("when-a-scan-is-needed", "en").unwrap() else {
        panic!()
    };
    let Pack::Module(orig) = module("when-a-scan-is-needed", "en", 1) else {
        unreachable!()
    };
    assert_eq!(safety.sections, orig.sections);
}

// ------------------------------------------------------------------ 6. corrupt state, deadline

#[test]
fn a_corrupt_sync_state_is_replaced_only_by_a_verified_sync_and_the_shown_slot_is_kept() {
    let (mut w, d) = synced();
    let shown = d.device.slot_path('a');
    let shown_bytes = std::fs::read(&shown).unwrap();
    std::fs::write(d.device.state_path(), b"garbage, not SQLite").unwrap();
    w.publish(&packs(2));
    // A sync that fails verification changes nothing: the damaged file, the slots, user.db.
    let tampered = w.channel.clone();
    let mut ts = tampered.get(&w.timestamp_path());
    let i = ts.len() / 2;
    ts[i] = if ts[i] == b'A' { b'B' } else { b'A' };
    tampered.put(&w.timestamp_path(), ts);
    let before: Vec<_> = ["sync-state.db", "slot-a.db", "user.db"]
        .iter()
        .map(|f| std::fs::read(d.path().join(f)).ok())
        .collect();
    assert!(d.device.sync(&tampered, w.now).is_err());
    let after: Vec<_> = ["sync-state.db", "slot-a.db", "user.db"]
        .iter()
        .map(|f| std::fs::read(d.path().join(f)).ok())
        .collect();
    assert_eq!(after, before);
    assert!(!d.path().join("slot-b.db").exists());
    // A verified sync starts again from the embedded root, builds the *other* slot (the app
    // may still be showing slot a), and only then sets the damaged state aside.
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
    assert_eq!(std::fs::read(&shown).unwrap(), shown_bytes);
    assert_eq!(radiation(&d), "Summary rev 2");
    assert!(integrity_ok(&d.device.state_path()));
    let aside: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        std::fs::read(d.path().join(&aside[0])).unwrap(),
        b"garbage, not SQLite"
    );
    // From here on it is an ordinary device: the next sync is up to date.
    assert_eq!(
        d.device.sync(&w.channel, w.now).unwrap().outcome,
        Outcome::UpToDate
    );
}
