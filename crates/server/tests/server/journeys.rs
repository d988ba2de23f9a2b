//! Operator recovery journeys end to end, through the real `scanwise` CLI and the real
//! `scanwise-server` binary, as docs/channel.md ("Recovering a fleet") tells an operator to
//! run them: keys from `scanwise keygen`, roots signed with `scanwise sign`, releases from
//! `scanwise publish --server`, devices updated by `scanwise sync`.
//!
//! 1. A release signed with a clock three years ahead was trusted by a device (whose clock
//!    was wrong too) → the publisher refuses to sign after it → the operator rotates the
//!    release key and re-signs → every device recovers.
//! 2. A stolen release key fast-forwards a device → the operator rotates → the device
//!    recovers → the old key can do nothing.

use super::support::{Proc, device_dir, free_port, now};
use scanwise_channel::envelope::{self, SNAPSHOT_TYPE, TIMESTAMP_TYPE};
use scanwise_channel::keys::Keypair;
use scanwise_channel::layout;
use scanwise_channel::limits::MAX_VERSION_JUMP;
use scanwise_channel::metadata::{FileRef, Snapshot, Timestamp};
use scanwise_channel::release::{self, ChannelDir};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const CH: &str = "stable";

/// The `scanwise` binary, built once (a bin of another package is no dev-dependency).
fn scanwise_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let out = Command::new(env!("CARGO"))
            .current_dir(&root)
            .args(["build", "-q", "-p", "scanwise-cli", "--bin", "scanwise"])
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bin = Path::new(env!("CARGO_BIN_EXE_scanwise-server")).with_file_name("scanwise");
        assert!(bin.exists(), "{} not built", bin.display());
        bin
    })
}

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn run(bin: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin);
    c.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed ({}):\n{}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The command failed with exit code 2 and one error line, whose message is said once.
fn failed(o: Output, needle: &str) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{err}");
    let line = err
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line in {err}"));
    assert!(line.contains(needle), "{line}");
    assert_eq!(line.matches(needle).count(), 1, "said twice: {line}");
    line.to_owned()
}

struct Operator {
    dir: tempfile::TempDir,
}

impl Operator {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
    fn keygen(&self, name: &str) -> (String, serde_json::Value) {
        let out = ok(run(
            scanwise_bin(),
            &["keygen", "--out", &self.p(name)],
            &[],
        ));
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        (
            v["key_id"].as_str().unwrap().to_owned(),
            v["public"].clone(),
        )
    }
    fn key(&self, name: &str) -> Keypair {
        Keypair::from_json(&std::fs::read_to_string(self.path(name)).unwrap()).unwrap()
    }
    /// Root `version` with the given release key file, signed with root keys 1 and 2.
    fn root(&self, version: u64, release: &str) -> PathBuf {
        let mut keys = serde_json::Map::new();
        let mut id = |name: &str| {
            let k = self.key(name);
            keys.insert(k.key_id(), serde_json::to_value(k.public()).unwrap());
            k.key_id()
        };
        let roots: Vec<String> = ["root-1.json", "root-2.json", "root-3.json"]
            .iter()
            .map(|n| id(n))
            .collect();
        let (rel, author, reviewer) = (id(release), id("author.json"), id("reviewer.json"));
        let doc = serde_json::json!({
            "channel": CH, "version": version, "expires": now() + 5 * 365 * 24 * 3600,
            "keys": keys,
            "root": {"keyids": roots, "threshold": 2},
            "release": {"keyids": [rel], "threshold": 1},
            "editors": [
                {"name": "Author", "keyid": author, "languages": ["*"], "units": ["*"]},
                {"name": "Reviewer", "keyid": reviewer, "languages": ["*"], "units": ["*"]}
            ],
            "unit_thresholds": {"when-a-scan-is-needed": 2}
        });
        let doc_path = self.path(&format!("root-doc-{version}.json"));
        std::fs::write(&doc_path, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
        let out = self.path(&format!("{version}.root.json"));
        ok(run(
            scanwise_bin(),
            &[
                "sign",
                "--key",
                &self.p("root-1.json"),
                "--key",
                &self.p("root-2.json"),
                "--root",
                &doc_path.display().to_string(),
                "--out",
                &out.display().to_string(),
            ],
            &[],
        ));
        out
    }
}

fn operator() -> Operator {
    let op = Operator {
        dir: tempfile::tempdir().unwrap(),
    };
    for k in [
        "root-1.json",
        "root-2.json",
        "root-3.json",
        "release-a.json",
        "release-b.json",
        "author.json",
        "reviewer.json",
    ] {
        op.keygen(k);
    }
    let out = ok(run(
        Path::new(env!("CARGO_BIN_EXE_scanwise-server")),
        &["token"],
        &[],
    ));
    let token = out
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap();
    let sha = out
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap();
    std::fs::write(op.path("token"), token).unwrap();
    std::fs::write(
        op.path("editors.json"),
        serde_json::to_vec(&serde_json::json!([
            {"name": "Editors", "token_sha256": sha, "languages": ["*"], "units": ["*"]}
        ]))
        .unwrap(),
    )
    .unwrap();
    op
}

/// `scanwise-server` on a free loopback port, stopped by PID when dropped.
fn server(op: &Operator, data: &Path, release: &str) -> (Proc, String) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_scanwise-server"))
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
            &data.display().to_string(),
            "--release-key",
            &op.p(release),
            "--editors",
            &op.p("editors.json"),
            "--init-root",
            &op.p("1.root.json"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn scanwise-server");
    let mut p = Proc(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            p.0.try_wait().unwrap().is_none(),
            "scanwise-server exited early"
        );
        assert!(Instant::now() < deadline, "scanwise-server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    (p, format!("http://127.0.0.1:{port}"))
}

fn publish(op: &Operator, url: &str, content: &Path) -> Output {
    run(
        scanwise_bin(),
        &[
            "publish",
            "--content",
            &content.display().to_string(),
            "--key",
            &op.p("author.json"),
            "--key",
            &op.p("reviewer.json"),
            "--server",
            url,
            "--token-file",
            &op.p("token"),
        ],
        &[],
    )
}

/// `scanwise publish --remove UNIT/LOCALE` with the given editor keys.
fn remove(op: &Operator, url: &str, content: &Path, what: &str, keys: &[&str]) -> Output {
    let mut args = vec![
        "publish".to_string(),
        "--content".into(),
        content.display().to_string(),
        "--server".into(),
        url.into(),
        "--token-file".into(),
        op.p("token"),
        "--remove".into(),
        what.into(),
    ];
    for k in keys {
        args.extend(["--key".into(), op.p(k)]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(scanwise_bin(), &args, &[])
}

fn sync(op: &Operator, from: &str, device: &Path, clock: Option<i64>) -> Output {
    let mut args = vec![
        "sync".to_string(),
        "--from".into(),
        from.into(),
        "--data-dir".into(),
        device.display().to_string(),
        "--root".into(),
        op.p("1.root.json"),
    ];
    if let Some(c) = clock {
        args.extend(["--clock".into(), c.to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(scanwise_bin(), &args, &[])
}

fn outcome(stdout: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    v["result"]["outcome"].as_str().unwrap().to_owned()
}

/// Active slot, sync-state.db and user.db bytes.
fn fingerprint(device: &Path) -> Vec<Option<Vec<u8>>> {
    ["slot-a.db", "slot-b.db", "sync-state.db", "user.db"]
        .iter()
        .map(|f| std::fs::read(device.join(f)).ok())
        .collect()
}

/// A copy of `content/` with one English module's summary line changed (a new release).
fn edited_content(tag: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&content_dir(), dir.path());
    let path = dir.path().join("modules/radiation/en.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let pos = text.find("\nsummary").expect("front matter has a summary");
    let end = pos + 1 + text[pos + 1..].find('\n').unwrap();
    let line = &text[pos + 1..end];
    let new_line = match line.strip_suffix('"') {
        Some(open) => format!("{open} {tag}\""),
        None => format!("{line} {tag}"),
    };
    std::fs::write(
        &path,
        format!("{}{new_line}{}", &text[..pos + 1], &text[end..]),
    )
    .unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// Publish root `version` (signed by `scanwise sign`) the way an operator does: copy it into
/// the channel's storage.
fn install_root(op: &Operator, data: &Path, version: u64, release: &str) {
    let root = op.root(version, release);
    let dest = data.join(layout::root_path(CH, version));
    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
    std::fs::copy(root, dest).unwrap();
}

/// `scanwise-server resign` with the new release key.
fn resign(op: &Operator, data: &Path, release: &str) -> String {
    ok(run(
        Path::new(env!("CARGO_BIN_EXE_scanwise-server")),
        &[
            "--data-dir",
            &data.display().to_string(),
            "--release-key",
            &op.p(release),
            "resign",
            "--channel",
            CH,
        ],
        &[],
    ))
}

#[test]
fn journey_bad_clock_then_rotate_then_recover() {
    let op = operator();
    op.root(1, "release-a.json");
    let data = tempfile::tempdir().unwrap();
    let (srv, url) = server(&op, data.path(), "release-a.json");
    ok(publish(&op, &url, &content_dir()));
    let (fresh, stuck) = (device_dir(), device_dir());
    assert_eq!(
        outcome(&ok(sync(&op, &url, fresh.path(), None))),
        "installed"
    );
    assert_eq!(
        outcome(&ok(sync(&op, &url, stuck.path(), None))),
        "installed"
    );

    // An earlier publisher with its clock three years ahead signed a release (today's
    // publisher refuses: see below); a device whose clock was also ahead trusted it.
    let ahead = now() + 3 * 365 * 24 * 3600;
    let d = ChannelDir::new(data.path());
    let root = d.latest_root(CH).unwrap().value;
    let bad = release::next_release(
        &root,
        &d.state(&root).unwrap(),
        &[],
        &[&op.key("release-a.json")],
        ahead,
    )
    .unwrap();
    d.write_release(&bad).unwrap();
    drop(srv);
    let (srv, url) = server(&op, data.path(), "release-a.json");
    assert_eq!(
        outcome(&ok(sync(&op, &url, stuck.path(), Some(ahead)))),
        "metadata_only"
    );
    // A device with a right clock refuses it, and changes nothing.
    let before = fingerprint(fresh.path());
    failed(
        sync(&op, &url, fresh.path(), None),
        "ahead of this device's time",
    );
    assert_eq!(fingerprint(fresh.path()), before);

    // The publisher, with the right clock, refuses to sign after it; nothing is written.
    let content = edited_content("(revised)");
    let files_before = std::fs::read_dir(data.path().join("channels/stable/snapshot"))
        .unwrap()
        .count();
    failed(
        publish(&op, &url, content.path()),
        "behind the channel's last timestamp",
    );
    assert_eq!(
        std::fs::read_dir(data.path().join("channels/stable/snapshot"))
            .unwrap()
            .count(),
        files_before
    );

    // Recovery: root 2 rotates the release key, the server re-signs with the new key.
    drop(srv);
    install_root(&op, data.path(), 2, "release-b.json");
    assert!(resign(&op, data.path(), "release-b.json").contains("re-signed"));
    let (_srv, url) = server(&op, data.path(), "release-b.json");
    ok(publish(&op, &url, content.path()));
    for dev in [&stuck, &fresh] {
        assert_eq!(outcome(&ok(sync(&op, &url, dev.path(), None))), "installed");
        let status: Vec<u8> = std::fs::read(dev.path().join("user.db")).unwrap();
        assert_eq!(status, b"patient data");
    }
    // Both show the revised module and are up to date from now on.
    for dev in [&stuck, &fresh] {
        assert_eq!(
            outcome(&ok(sync(&op, &url, dev.path(), None))),
            "up_to_date"
        );
        let device = scanwise_device::Device::new(
            dev.path(),
            &std::fs::read(op.path("1.root.json")).unwrap(),
        );
        assert_eq!(device.status().unwrap().root_version, 2);
        let slot = device.active_slot().unwrap().unwrap();
        let Some(scanwise_core::model::Pack::Module(m)) = slot.pack("radiation", "en").unwrap()
        else {
            panic!("radiation/en installed")
        };
        assert!(m.summary.contains("(revised)"), "{}", m.summary);
    }
}

/// Sign a timestamp and snapshot of the attacker's choosing into `mirror` with `key`.
fn forge(mirror: &Path, ts_bump: u64, snap_bump: u64, key: &Keypair) {
    let d = ChannelDir::new(mirror);
    let read = |p: &str| d.read(p).unwrap().unwrap();
    let body = |b: &[u8]| envelope::parse(b).unwrap().1;
    let ts: Timestamp = serde_json::from_slice(&body(&read(&layout::timestamp_path(CH)))).unwrap();
    let mut snap: Snapshot = serde_json::from_slice(&body(&read(&layout::snapshot_path(
        CH,
        ts.snapshot_version,
        &ts.snapshot.sha256,
    ))))
    .unwrap();
    snap.version += snap_bump;
    let sbytes = envelope::sign(SNAPSHOT_TYPE, &serde_json::to_vec(&snap).unwrap(), &[key]);
    let sref = FileRef {
        sha256: scanwise_channel::sha256_hex(&sbytes),
        length: sbytes.len() as u64,
    };
    d.write(
        &layout::snapshot_path(CH, snap.version, &sref.sha256),
        &sbytes,
    )
    .unwrap();
    let forged = Timestamp {
        version: ts.version + ts_bump,
        issued: ts.issued + 1,
        expires: ts.issued + 24 * 3600,
        snapshot_version: snap.version,
        snapshot: sref,
        ..ts
    };
    d.write(
        &layout::timestamp_path(CH),
        &envelope::sign(
            TIMESTAMP_TYPE,
            &serde_json::to_vec(&forged).unwrap(),
            &[key],
        ),
    )
    .unwrap();
}

#[test]
fn journey_stolen_key_then_rotate_then_recover() {
    let op = operator();
    op.root(1, "release-a.json");
    let data = tempfile::tempdir().unwrap();
    let (srv, url) = server(&op, data.path(), "release-a.json");
    ok(publish(&op, &url, &content_dir()));
    let dev = device_dir();
    assert_eq!(outcome(&ok(sync(&op, &url, dev.path(), None))), "installed");

    // The attacker, holding release key A, serves a mirror one maximal jump ahead.
    let stolen = op.key("release-a.json");
    let mirror = tempfile::tempdir().unwrap();
    copy_dir(data.path(), mirror.path());
    forge(mirror.path(), MAX_VERSION_JUMP, MAX_VERSION_JUMP, &stolen);
    let from_mirror = format!("file://{}", mirror.path().display());
    assert_eq!(
        outcome(&ok(sync(&op, &from_mirror, dev.path(), None))),
        "metadata_only"
    );
    // A second, bigger jump is refused at once.
    forge(mirror.path(), MAX_VERSION_JUMP + 1, 1, &stolen);
    let before = fingerprint(dev.path());
    failed(
        sync(&op, &from_mirror, dev.path(), None),
        "jumps from version",
    );
    assert_eq!(fingerprint(dev.path()), before);
    // The real server's next release is now a "rollback" for the device.
    let content = edited_content("(after the theft)");
    ok(publish(&op, &url, content.path()));
    failed(sync(&op, &url, dev.path(), None), "rollback of timestamp");
    assert_eq!(fingerprint(dev.path()), before);

    // Recovery: rotate the release key, re-sign, serve with the new key.
    drop(srv);
    install_root(&op, data.path(), 2, "release-b.json");
    assert!(resign(&op, data.path(), "release-b.json").contains("re-signed"));
    let (_srv, url) = server(&op, data.path(), "release-b.json");
    assert_eq!(outcome(&ok(sync(&op, &url, dev.path(), None))), "installed");
    let device =
        scanwise_device::Device::new(dev.path(), &std::fs::read(op.path("1.root.json")).unwrap());
    assert_eq!(device.status().unwrap().root_version, 2);

    // The old key can do nothing: a mirror of the new channel with a timestamp forged by it.
    let mirror = tempfile::tempdir().unwrap();
    copy_dir(data.path(), mirror.path());
    forge(mirror.path(), 1, 1, &stolen);
    let before = fingerprint(dev.path());
    failed(
        sync(
            &op,
            &format!("file://{}", mirror.path().display()),
            dev.path(),
            None,
        ),
        "timestamp: 0 valid signature(s)",
    );
    assert_eq!(fingerprint(dev.path()), before);

    // Removals are signed statements: one key cannot remove the safety module, two keys
    // still cannot while English ships other modules; an ordinary unit goes with one key.
    failed(
        remove(
            &op,
            &url,
            content.path(),
            "when-a-scan-is-needed/en",
            &["author.json"],
        ),
        "needs 2 editor signature(s) in scope; 1 given",
    );
    failed(
        remove(
            &op,
            &url,
            content.path(),
            "when-a-scan-is-needed/en",
            &["author.json", "reviewer.json"],
        ),
        "is the safety module",
    );
    ok(remove(
        &op,
        &url,
        content.path(),
        "radiation/nb",
        &["author.json"],
    ));
    let out = ok(sync(&op, &url, dev.path(), None));
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["result"]["removed"], 1, "{out}");
    let units = device.active_slot().unwrap().unwrap().units().unwrap();
    assert!(
        !units
            .iter()
            .any(|u| u.unit == "radiation" && u.locale == "nb")
    );
    assert!(
        units
            .iter()
            .any(|u| u.unit == "when-a-scan-is-needed" && u.locale == "en")
    );
}
