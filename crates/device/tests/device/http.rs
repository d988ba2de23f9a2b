//! The HTTP fetcher against real loopback servers that misbehave, and a normal sync over HTTP.

use super::support::*;
use scanwise_channel::client::{FetchError, Fetcher};
use scanwise_device::fetch::HttpFetcher;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

/// A one-purpose HTTP server: answers every request with `respond` on its own thread.
fn serve(respond: fn(&mut std::net::TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(8) {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = s.read(&mut buf);
                respond(&mut s);
            });
        }
    });
    format!("http://{addr}")
}

const PATH: &str = "channels/stable/timestamp.json";

#[test]
fn an_endless_body_is_cut_at_the_cap() {
    let url = serve(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n");
        let chunk = [b'x'; 64 * 1024];
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && s.write_all(&chunk).is_ok() {}
    });
    let f = HttpFetcher::new(&url, Duration::from_secs(10));
    let t = Instant::now();
    let err = f.fetch(PATH, 1024 * 1024).unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_declared_oversize_body_is_refused_before_reading() {
    let url = serve(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\nxx");
    });
    let err = HttpFetcher::new(&url, Duration::from_secs(5))
        .fetch(PATH, 1024)
        .unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
}

#[test]
fn a_trickling_body_times_out_in_bounded_time() {
    let url = serve(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && s.write_all(b"x").is_ok() {
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    let f = HttpFetcher::new(&url, Duration::from_secs(2));
    let t = Instant::now();
    let err = f.fetch(PATH, 1024 * 1024).unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    assert!(
        t.elapsed() < Duration::from_secs(4),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn a_trickling_channel_leaves_the_device_untouched() {
    let w = World::new();
    let d = TestDevice::new(&w);
    d.device.sync(&w.channel, w.now).unwrap();
    let before = fingerprint(&d);
    let url = serve(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{");
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(50));
            if s.write_all(b" ").is_err() {
                return;
            }
        }
    });
    let t = Instant::now();
    assert!(
        d.device
            .sync(&HttpFetcher::new(&url, Duration::from_secs(1)), w.now)
            .is_err()
    );
    assert!(t.elapsed() < Duration::from_secs(3));
    assert_eq!(fingerprint(&d), before);
}

/// A server that answers every request correctly from `files`, but slowly: each response
/// takes `delay`, well inside the per-file deadline.
fn serve_slowly(files: std::collections::BTreeMap<String, Vec<u8>>, delay: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let files = std::sync::Arc::new(files);
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut s) = stream else { continue };
            let files = files.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let n = s.read(&mut buf).unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]);
                let path = req
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/')
                    .to_owned();
                std::thread::sleep(delay);
                let _ = match files.get(&path) {
                    Some(b) => s
                        .write_all(
                            format!(
                                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                b.len()
                            )
                            .as_bytes(),
                        )
                        .and_then(|_| s.write_all(b)),
                    None => s.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    ),
                };
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn one_deadline_bounds_the_whole_sync_not_just_each_file() {
    let w = World::new();
    let d = TestDevice::new(&w);
    let url = serve_slowly(w.channel.files.borrow().clone(), Duration::from_millis(400));
    // About ten files at 0.4 s each: every file is inside its 2 s deadline, the sync is not
    // inside 1.5 s.
    let t = Instant::now();
    let f = HttpFetcher::new(&url, Duration::from_secs(2))
        .with_overall_deadline(Duration::from_millis(1500));
    let err = d.device.sync(&f, w.now).unwrap_err();
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t.elapsed()
    );
    assert!(d.device.status().unwrap().active_slot.is_none());
    // With time enough, the same server completes the sync.
    let f = HttpFetcher::new(&url, Duration::from_secs(2))
        .with_overall_deadline(Duration::from_secs(60));
    d.device.sync(&f, w.now).unwrap();
    assert!(d.device.status().unwrap().active_slot.is_some());
}

/// HTTPS goes through a real TLS backend that checks certificates: a loopback server whose
/// self-signed certificate no trust store vouches for is refused, and nothing is read from it.
#[cfg(target_os = "linux")]
#[test]
fn https_refuses_a_certificate_no_trust_store_vouches_for() {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::ssl::{SslAcceptor, SslMethod};
    use openssl::x509::extension::SubjectAlternativeName;
    use openssl::x509::{X509, X509NameBuilder};

    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "127.0.0.1").unwrap();
    let name = name.build();
    let mut cert = X509::builder().unwrap();
    cert.set_version(2).unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    cert.set_not_after(&Asn1Time::days_from_now(1).unwrap())
        .unwrap();
    // Valid for the address the client dials: only the trust is missing.
    let san = SubjectAlternativeName::new()
        .ip("127.0.0.1")
        .build(&cert.x509v3_context(None, None))
        .unwrap();
    cert.append_extension(san).unwrap();
    cert.sign(&key, MessageDigest::sha256()).unwrap();
    let cert = cert.build();

    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_private_key(&key).unwrap();
    acceptor.set_certificate(&cert).unwrap();
    let acceptor = acceptor.build();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(4).flatten() {
            if let Ok(mut tls) = acceptor.accept(stream) {
                let mut buf = [0u8; 4096];
                let _ = tls.read(&mut buf);
                let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            }
        }
    });

    let err = HttpFetcher::new(&format!("https://{addr}"), Duration::from_secs(5))
        .fetch(PATH, 1024)
        .unwrap_err();
    let FetchError::Transport { message, .. } = &err else {
        panic!("expected a transport error, got {err}");
    };
    assert!(!message.contains("no TLS backend"), "{message}");
}
