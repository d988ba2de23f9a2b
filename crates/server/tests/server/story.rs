//! One story, two storage backends.

use super::support::*;
use scanwise_channel::layout;
use scanwise_device::fetch::HttpFetcher;
use scanwise_device::{Device, Outcome};
use scanwise_publish_client::{publish, publish_raw};
use scanwise_server::Storage;
use std::io::{Read, Write};
use std::time::Duration;

fn first_release(k: &Keys) -> Vec<scanwise_core::model::Pack> {
    vec![
        module("do-i-need-a-scan", "en", 1),
        module("radiation", "en", 1),
        module("when-a-scan-is-needed", "en", 1),
        module("when-a-scan-is-needed", "nb", 1),
    ]
    .into_iter()
    .inspect(|p| assert!(k.unit(p, 1).blob.len() > 10))
    .collect()
}

fn get(url: &str, etag: Option<&str>) -> (u16, Option<String>, Option<String>) {
    let mut req = ureq::get(url);
    if let Some(e) = etag {
        req = req.set("If-None-Match", e);
    }
    let r = match req.call() {
        Ok(r) => r,
        Err(ureq::Error::Status(s, r)) => r.into_response_or(s),
        Err(e) => panic!("{e}"),
    };
    (
        r.status(),
        r.header("etag").map(str::to_owned),
        r.header("cache-control").map(str::to_owned),
    )
}

trait OrStatus {
    fn into_response_or(self, s: u16) -> ureq::Response;
}
impl OrStatus for ureq::Response {
    fn into_response_or(self, _: u16) -> ureq::Response {
        self
    }
}

/// A raw request line, so no client normalises `..` away.
fn raw_get(url: &str, path: &str) -> String {
    let addr = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.lines().next().unwrap_or_default().to_owned()
}

/// `storage` is called once per server: two servers share the same backend.
fn story(storage: impl Fn() -> Storage) {
    let k = Keys::new();
    // 0. The backend's create-if-absent is what publishes compare-and-swap on.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let s = storage();
    let path = "channels/cas-probe/claims/1.timestamp.json";
    assert!(rt.block_on(s.create(path, b"first".to_vec())).unwrap());
    assert!(!rt.block_on(s.create(path, b"second".to_vec())).unwrap());
    assert_eq!(
        rt.block_on(s.get(path)).unwrap().unwrap().as_ref(),
        b"first"
    );
    drop(rt);
    let server = start_server(storage(), &k, 20);
    let url = &server.url;

    // 1. The author publishes the first release.
    let units: Vec<_> = first_release(&k).iter().map(|p| k.unit(p, 1)).collect();
    let r = publish(url, CHANNEL, "tok-author", &units, &[]).unwrap();
    assert_eq!((r.snapshot_version, r.timestamp_version), (1, 1));

    // 2. Files come back with ETags, 304s and the right cache policy.
    let ts_url = format!("{url}/{}", layout::timestamp_path(CHANNEL));
    let (status, etag, cc) = get(&ts_url, None);
    assert_eq!(status, 200);
    assert_eq!(cc.as_deref(), Some("public, max-age=60"));
    assert_eq!(get(&ts_url, etag.as_deref()).0, 304);
    let blob_url = format!(
        "{url}/{}",
        layout::blob_path(&units[1].statement.blob.as_ref().unwrap().sha256)
    );
    let (status, _, cc) = get(&blob_url, None);
    assert_eq!(status, 200);
    assert_eq!(cc.as_deref(), Some("public, max-age=31536000, immutable"));

    // 3. A device syncs over HTTP with the app's code.
    let dir = device_dir();
    let device = Device::new(dir.path(), &k.root_bytes);
    let fetch = HttpFetcher::new(url, Duration::from_secs(10));
    let first = device.sync(&fetch, now()).unwrap();
    assert!(
        matches!(first.outcome, Outcome::Installed { downloaded: 4, .. }),
        "{first:?}"
    );

    // 4. Edit one module, publish, sync: one pack downloaded.
    let edited = k.unit(&module("radiation", "en", 2), 2);
    let edit_size = edited.blob.len() + edited.envelope.len();
    publish(url, CHANNEL, "tok-author", &[edited], &[]).unwrap();
    let second = device.sync(&fetch, now()).unwrap();
    assert!(
        matches!(
            second.outcome,
            Outcome::Installed {
                downloaded: 1,
                unchanged: 3,
                ..
            }
        ),
        "{second:?}"
    );
    assert_eq!(
        installed(&device)[&("radiation".into(), "en".into())],
        "Summary rev 2"
    );
    println!(
        "one-module edit: {} bytes fetched (pack + statement {edit_size})",
        second.bytes_fetched
    );

    // 5. Tokens and scopes.
    let again = k.unit(&module("radiation", "en", 3), 3);
    let status = |r: Result<_, scanwise_publish_client::ClientError>| r.unwrap_err().status();
    assert_eq!(
        status(publish(
            url,
            CHANNEL,
            "wrong-token",
            std::slice::from_ref(&again),
            &[]
        )),
        Some(401)
    );
    assert_eq!(
        status(publish(
            url,
            CHANNEL,
            "tok-nb",
            std::slice::from_ref(&again),
            &[]
        )),
        Some(403)
    );
    let nb_signed_en = scanwise_channel::release::sign_unit(
        &k.root,
        &scanwise_device::unit_json(&module("radiation", "en", 3)),
        3,
        &[&k.translator],
    );
    assert!(
        nb_signed_en.is_err(),
        "the library refuses to sign outside the key's scope"
    );
    let forged = {
        let payload = serde_json::to_vec(&again.statement).unwrap();
        scanwise_channel::release::SignedUnit {
            envelope: scanwise_channel::envelope::sign(
                scanwise_channel::envelope::MODULE_TYPE,
                &payload,
                &[&k.translator],
            ),
            ..again.clone()
        }
    };
    assert_eq!(
        status(publish(url, CHANNEL, "tok-author", &[forged], &[])),
        Some(403)
    );
    // 6. Rollback: the old version again.
    assert_eq!(
        status(publish(
            url,
            CHANNEL,
            "tok-author",
            &[k.unit(&module("radiation", "en", 1), 1)],
            &[]
        )),
        Some(409)
    );
    // 7. Traversal and junk paths never reach storage.
    for p in [
        "/channels/../../../etc/passwd",
        "/blobs/sha256/../../Cargo.toml",
        "/channels/stable/root/x.root.json",
        "/blobs/%2e%2e/x",
    ] {
        let line = raw_get(url, p);
        assert!(
            line.contains(" 404") || line.contains(" 400"),
            "{p}: {line}"
        );
    }
    // 8. Oversize bodies are refused.
    let big = vec![b' '; scanwise_server::MAX_BODY + 1024];
    assert_eq!(
        publish_raw(url, CHANNEL, "tok-author", &big)
            .unwrap_err()
            .status(),
        Some(413)
    );
    // 9. Rate limit per editor (20 a minute): the spammer is stopped, the author is not.
    let codes: Vec<_> = (0..22)
        .map(|_| {
            publish_raw(url, CHANNEL, "tok-spam", b"{}")
                .unwrap_err()
                .status()
        })
        .collect();
    assert!(codes.contains(&Some(429)), "{codes:?}");

    // 10. Concurrent publishes, through two server instances on the same storage, never
    // lose an update.
    let other = start_server(storage(), &k, 20);
    let handles: Vec<_> = (0..6)
        .map(|i| {
            let unit = k.unit(&module(&format!("extra-{i}"), "en", 1), 1);
            let url = if i % 2 == 0 {
                url.clone()
            } else {
                other.url.clone()
            };
            std::thread::spawn(move || publish(&url, CHANNEL, "tok-author", &[unit], &[]).unwrap())
        })
        .collect();
    let mut versions: Vec<u64> = handles
        .into_iter()
        .map(|h| h.join().unwrap().snapshot_version)
        .collect();
    versions.sort();
    assert_eq!(
        versions,
        (3..9).collect::<Vec<_>>(),
        "each publish got its own snapshot"
    );
    let third = device.sync(&fetch, now()).unwrap();
    assert!(
        matches!(
            third.outcome,
            Outcome::Installed {
                downloaded: 6,
                unchanged: 4,
                ..
            }
        ),
        "{third:?}"
    );
    assert_eq!(installed(&device).len(), 10);
    assert_eq!(
        std::fs::read(dir.path().join("user.db")).unwrap(),
        b"patient data"
    );
}

#[test]
fn story_on_a_local_directory() {
    let dir = tempfile::tempdir().unwrap();
    story(|| Storage::local(dir.path()).unwrap());
}

#[test]
fn story_on_s3_via_moto() {
    let (_moto, endpoint) = start_moto();
    story(|| Storage::s3(&endpoint, "scanwise", "testing", "testing", "us-east-1").unwrap());
}
