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
