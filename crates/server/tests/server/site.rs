//! `scanwise-server --site DIR` over raw sockets (so every header and byte is what the server
//! wrote): encodings, ETags and 304, HEAD, methods, cache rules, paths and redirects,
//! traversal, security headers, the marker; channel routes beside the site.

use super::support::*;
use scanwise_server::Storage;
use scanwise_server::site::{Brotli, CSP, Site, SiteError};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// A page long enough to compress (and different per path).
pub fn page(title: &str) -> Vec<u8> {
    let mut s = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/site.css\"></head><body><main><h1>{title}</h1>"
    );
    for i in 0..40 {
        s.push_str(&format!(
            "<p>Most back pain gets better without a scan. Paragraph {i} of {title}.</p>"
        ));
    }
    s.push_str("</main></body></html>\n");
    s.into_bytes()
}

/// A small site as `scanwise site` lays one out, plus the files the web edition will add.
pub fn write_site(dir: &Path, with_404: bool) {
    let w = |rel: &str, bytes: &[u8]| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    w(".scanwise-site", b"Written by `scanwise site`.\n");
    w("index.html", &page("Choose a language"));
    w("en/index.html", &page("Home"));
    w("en/m/radiation/index.html", &page("Radiation"));
    w("en/check/back/ynu/index.html", &page("Checker"));
    w("open/index.html", &page("Open"));
    w("en/search/index.html", &page("Search"));
    w("a b.html", &page("Space"));
    w(
        "site.css",
        "body { margin: 0; color: #222; }\n".repeat(60).as_bytes(),
    );
    w(
        "site.3f2a9c1b.css",
        "main { padding: 1rem; }\n".repeat(60).as_bytes(),
    );
    w(
        "site.js",
        "document.documentElement.dataset.js = '1';\n"
            .repeat(40)
            .as_bytes(),
    );
    w(
        "sw.js",
        "self.addEventListener('fetch', () => {});\n"
            .repeat(40)
            .as_bytes(),
    );
    w(
        "manifest.webmanifest",
        br#"{"name": "ScanWise", "short_name": "ScanWise", "start_url": "./", "display": "standalone", "icons": []}"#,
    );
    w(
        "en/search/index.json",
        "[{\"id\": \"radiation\", \"title\": \"Radiation\"}]\n"
            .repeat(50)
            .as_bytes(),
    );
    w("tiny.txt", b"x");
    w(
        "icon.png",
        &(0..=255u8).cycle().take(3000).collect::<Vec<_>>(),
    );
    // A folder that would clash with the channel routes: never reachable.
    w("channels/index.html", &page("Not the channel"));
    w(
        "channels/stable/index.html",
        &page("Not the channel either"),
    );
    if with_404 {
        w("404.html", &page("Not found"));
    }
}

fn site_dir(with_404: bool) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write_site(d.path(), with_404);
    d
}

pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut it = self
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name));
        let first = it.next().map(|(_, v)| v.as_str());
        assert!(it.next().is_none(), "{name} sent twice");
        first
    }
    pub fn h(&self, name: &str) -> &str {
        self.header(name)
            .unwrap_or_else(|| panic!("no {name} in {:?}", self.headers))
    }
}

/// One request on its own connection, exactly as written (`target` is not normalised).
pub fn raw(base: &str, method: &str, target: &str, extra: &[(&str, &str)]) -> Resp {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8(all[..split].to_vec()).unwrap();
    let body = all[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    let r = Resp {
        status,
        headers,
        body,
    };
    assert!(r.header("set-cookie").is_none(), "no cookies");
    if method != "HEAD"
        && let Some(len) = r.header("content-length")
    {
        assert_eq!(len.parse::<usize>().unwrap(), r.body.len(), "{target}");
    }
    r
}

pub fn get(base: &str, target: &str, extra: &[(&str, &str)]) -> Resp {
    raw(base, "GET", target, extra)
}

pub fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(b, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

pub fn secure(r: &Resp) {
    assert_eq!(r.h("content-security-policy"), CSP);
    assert_eq!(r.h("x-content-type-options"), "nosniff");
    assert_eq!(r.h("referrer-policy"), "no-referrer");
}

struct Fixture {
    server: RunningServer,
    site: tempfile::TempDir,
    data: tempfile::TempDir,
}

fn serve(with_404: bool) -> Fixture {
    let site = site_dir(with_404);
    let data = tempfile::tempdir().unwrap();
    let loaded = Site::load(site.path(), Brotli::Wait).unwrap();
    let server = start_server_with_site(
        Storage::local(data.path()).unwrap(),
        &Keys::new(),
        10,
        Some(loaded),
    );
    Fixture { server, site, data }
}

#[test]
fn a_folder_without_the_marker_is_refused() {
    let d = site_dir(false);
    std::fs::remove_file(d.path().join(".scanwise-site")).unwrap();
    let err = Site::load(d.path(), Brotli::Wait).err().expect("refused");
    assert!(matches!(err, SiteError::NotASite(_)), "{err}");
    assert!(err.to_string().contains(".scanwise-site"), "{err}");
    assert!(matches!(
        Site::load(&d.path().join("absent"), Brotli::Wait),
        Err(SiteError::NotASite(_))
    ));

    // The binary says so and exits before listening.
    let key = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(key.path(), key_json()).unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = server_cmd(free_port(), key.path(), data.path(), d.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no .scanwise-site file") && err.contains("scanwise site --out"),
        "{err}"
    );
}

fn key_json() -> String {
    key(10).to_json()
}

/// `scanwise-server` on `port` with `--site site`, stdout discarded.
fn server_cmd(port: u16, key: &Path, data: &Path, site: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_scanwise-server"));
    c.args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(data)
        .arg("--release-key")
        .arg(key)
        .arg("--site")
        .arg(site)
        .stdout(Stdio::null());
    c
}

#[test]
fn the_binary_serves_the_site_beside_the_channel() {
    let site = site_dir(true);
    let key = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(key.path(), key_json()).unwrap();
    let root = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(root.path(), Keys::new().root_bytes).unwrap();
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = server_cmd(port, key.path(), data.path(), site.path())
        .arg("--init-root")
        .arg(root.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut p = Proc(child);
    wait_for_port(port, &mut p.0, "scanwise-server", Duration::from_secs(60));
    let base = format!("http://127.0.0.1:{port}");
    let r = get(&base, "/en/m/radiation/", &[("Accept-Encoding", "gzip")]);
    assert_eq!(r.status, 200);
    assert_eq!(gunzip(&r.body), page("Radiation"));
    let r = get(&base, "/channels/stable/root/1.root.json", &[]);
    assert_eq!((r.status, r.body), (200, Keys::new().root_bytes));
    // Brotli variants arrive from the background pass; until then brotli clients get gzip.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let r = get(
            &base,
            "/en/m/radiation/",
            &[("Accept-Encoding", "br, gzip")],
        );
        match r.h("content-encoding") {
            "br" => {
                assert_eq!(unbrotli(&r.body), page("Radiation"));
                break;
            }
            other => assert_eq!(other, "gzip"),
        }
        assert!(std::time::Instant::now() < deadline, "no brotli variant");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn pages_and_files_with_their_types_caching_and_security_headers() {
    let f = serve(true);
    let base = &f.server.url;
    let cases = [
        ("/", "index.html", "text/html; charset=utf-8", "no-cache"),
        (
            "/en/",
            "en/index.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
        (
            "/en/m/radiation/",
            "en/m/radiation/index.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
        (
            "/en/m/radiation/index.html",
            "en/m/radiation/index.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
        (
            "/site.css",
            "site.css",
            "text/css; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            "/site.3f2a9c1b.css",
            "site.3f2a9c1b.css",
            "text/css; charset=utf-8",
            "public, max-age=31536000, immutable",
        ),
        (
            "/site.js",
            "site.js",
            "text/javascript; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            "/sw.js",
            "sw.js",
            "text/javascript; charset=utf-8",
            "no-cache",
        ),
        (
            "/manifest.webmanifest",
            "manifest.webmanifest",
            "application/manifest+json; charset=utf-8",
            "no-cache",
        ),
        (
            "/en/search/index.json",
            "en/search/index.json",
            "application/json; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            "/tiny.txt",
            "tiny.txt",
            "text/plain; charset=utf-8",
            "public, max-age=3600",
        ),
        ("/icon.png", "icon.png", "image/png", "public, max-age=3600"),
        // Percent-decoding: a space, and an escaped letter.
        (
            "/a%20b.html",
            "a b.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
        (
            "/en/%6D/radiation/",
            "en/m/radiation/index.html",
            "text/html; charset=utf-8",
            "no-cache",
        ),
    ];
    for (target, file, ctype, cache) in cases {
        let want = std::fs::read(f.site.path().join(file)).unwrap();
        let r = get(base, target, &[]);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.body, want, "{target}");
        assert_eq!(r.h("content-type"), ctype, "{target}");
        assert_eq!(r.h("cache-control"), cache, "{target}");
        assert_eq!(r.h("content-length"), want.len().to_string(), "{target}");
        assert!(r.header("content-encoding").is_none(), "{target}");
        let etag = r.h("etag");
        assert!(
            etag.len() == 34 && etag.starts_with('"') && etag.ends_with('"'),
            "{etag}"
        );
        secure(&r);
        // Text varies by encoding; an image does not.
        assert_eq!(
            r.header("vary"),
            (!file.ends_with(".png")).then_some("Accept-Encoding"),
            "{target}"
        );
    }
}

#[test]
fn encodings_by_accept_encoding() {
    let f = serve(false);
    let base = &f.server.url;
    let want = std::fs::read(f.site.path().join("en/m/radiation/index.html")).unwrap();
    let page = "/en/m/radiation/";
    let enc = |ae: &str| get(base, page, &[("Accept-Encoding", ae)]);

    let plain = get(base, page, &[]);
    let tag = plain.h("etag").trim_matches('"').to_owned();

    let r = enc("gzip");
    assert_eq!(r.h("content-encoding"), "gzip");
    assert_eq!(r.h("etag"), format!("\"{tag}-gz\""));
    assert_eq!(gunzip(&r.body), want);
    assert!(r.body.len() < want.len());
    assert_eq!(r.h("vary"), "Accept-Encoding");
    secure(&r);

    for ae in ["br", "gzip, deflate, br, zstd", "br;q=0.1, gzip;q=1", "*"] {
        let r = enc(ae);
        assert_eq!(r.h("content-encoding"), "br", "{ae}");
        assert_eq!(r.h("etag"), format!("\"{tag}-br\""));
        assert_eq!(unbrotli(&r.body), want);
        assert_eq!(r.h("content-type"), "text/html; charset=utf-8");
    }
    for ae in ["gzip, br;q=0", "br;q=0.000, gzip", "*;q=0, gzip", "x-gzip"] {
        assert_eq!(enc(ae).h("content-encoding"), "gzip", "{ae}");
    }
    for ae in ["identity", "gzip;q=0, br;q=0", "*;q=0", "deflate", "br;q=x"] {
        let r = enc(ae);
        assert!(r.header("content-encoding").is_none(), "{ae}");
        assert_eq!(r.body, want, "{ae}");
    }
    // Every text file decompresses to itself; a variant is sent only when it is smaller.
    for file in [
        "site.css",
        "site.js",
        "sw.js",
        "manifest.webmanifest",
        "en/search/index.json",
        "index.html",
    ] {
        let want = std::fs::read(f.site.path().join(file)).unwrap();
        let target = format!("/{file}");
        let g = get(base, &target, &[("Accept-Encoding", "gzip")]);
        assert_eq!(gunzip(&g.body), want, "{file}");
        let b = get(base, &target, &[("Accept-Encoding", "br")]);
        assert_eq!(unbrotli(&b.body), want, "{file}");
    }
    for file in ["tiny.txt", "icon.png"] {
        let want = std::fs::read(f.site.path().join(file)).unwrap();
        let r = get(
            base,
            &format!("/{file}"),
            &[("Accept-Encoding", "br, gzip")],
        );
        assert!(r.header("content-encoding").is_none(), "{file}");
        assert_eq!(r.body, want);
    }
}

#[test]
fn etags_and_304_and_head() {
    let f = serve(false);
    let base = &f.server.url;
    let page = "/en/check/back/ynu/";
    for ae in ["", "gzip", "br"] {
        let h: Vec<(&str, &str)> = if ae.is_empty() {
            vec![]
        } else {
            vec![("Accept-Encoding", ae)]
        };
        let first = get(base, page, &h);
        assert_eq!(first.status, 200);
        let etag = first.h("etag").to_owned();
        let weak = format!("W/{etag}");
        let listed = format!("\"nope\", {etag}");
        for inm in [etag.as_str(), weak.as_str(), listed.as_str(), "*"] {
            let mut h2 = h.clone();
            h2.push(("If-None-Match", inm));
            for method in ["GET", "HEAD"] {
                let r = raw(base, method, page, &h2);
                assert_eq!(r.status, 304, "{method} {ae} {inm}");
                assert!(r.body.is_empty());
                assert_eq!(r.h("etag"), etag);
                assert_eq!(r.h("cache-control"), "no-cache");
                assert_eq!(r.h("vary"), "Accept-Encoding");
                assert!(r.header("content-encoding").is_none());
                secure(&r);
            }
        }
        // Another representation's tag does not match this one.
        let mut h3 = h.clone();
        h3.push(("If-None-Match", "\"0123456789abcdef0123456789abcdef-xx\""));
        assert_eq!(get(base, page, &h3).status, 200);

        // HEAD: the GET's headers, no body.
        let head = raw(base, "HEAD", page, &h);
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty());
        for name in [
            "etag",
            "content-length",
            "content-type",
            "cache-control",
            "vary",
        ] {
            assert_eq!(head.h(name), first.h(name), "{name}");
        }
        assert_eq!(
            head.header("content-encoding"),
            first.header("content-encoding")
        );
    }
    // After a 304 round trip with the gzip tag, the identity request still gets its own body.
    let g = get(base, page, &[("Accept-Encoding", "gzip")]);
    let r = get(base, page, &[("If-None-Match", g.h("etag"))]);
    assert_eq!(r.status, 200);
    assert!(r.header("content-encoding").is_none());
}

#[test]
fn methods_other_than_get_and_head_are_405() {
    let f = serve(false);
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        for target in ["/", "/en/", "/missing"] {
            let r = raw(&f.server.url, method, target, &[("Content-Length", "0")]);
            assert_eq!(r.status, 405, "{method} {target}");
            assert_eq!(r.h("allow"), "GET, HEAD");
            secure(&r);
        }
    }
}

#[test]
fn folders_redirect_to_their_slash_keeping_the_query() {
    let f = serve(false);
    let base = &f.server.url;
    for (target, location) in [
        ("/en", "/en/"),
        ("/en/m/radiation", "/en/m/radiation/"),
        (
            "/open?m=radiation,getting-better&lang=nb&open=checker",
            "/open/?m=radiation,getting-better&lang=nb&open=checker",
        ),
        ("/open?m=a%2Cb&lang=nb", "/open/?m=a%2Cb&lang=nb"),
        ("/open?", "/open/?"),
    ] {
        let r = get(base, target, &[]);
        assert_eq!(r.status, 301, "{target}");
        assert_eq!(r.h("location"), location);
        assert!(r.body.is_empty());
        secure(&r);
        let r = get(base, location, &[]);
        assert_eq!(r.status, 200, "{location}");
    }
    let r = get(base, "/open/?m=radiation&lang=nb", &[]);
    assert_eq!(r.body, page("Open"));
    // A file is not a folder.
    assert_eq!(get(base, "/site.css/", &[]).status, 404);
}

#[test]
fn traversal_and_odd_paths_are_refused() {
    let f = serve(true);
    let base = &f.server.url;
    let not_found_page = page("Not found");
    for target in [
        "/../etc/passwd",
        "/en/../index.html",
        "/en/./index.html",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/en/%2E%2E/index.html",
        "/en%2Findex.html",
        "/en%2findex.html",
        "/a%5Cb",
        "/..%5c..%5cetc",
        "/%00",
        "/index.html%00",
        "/%zz",
        "/%",
        "/%ff",
    ] {
        let r = get(base, target, &[]);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert_ne!(
            r.body,
            std::fs::read(f.site.path().join("index.html")).unwrap()
        );
        secure(&r);
    }
    // hyper refuses some of these itself; ours answer 400.
    for target in [
        "/en/../index.html",
        "/%2e%2e/x",
        "/en%2Fx",
        "/a%5Cb",
        "/%00",
    ] {
        assert_eq!(get(base, target, &[]).status, 400, "{target}");
    }
    for target in [
        "/.scanwise-site",
        "/missing",
        "/en//m/radiation/",
        "//en/",
        "/en/m/nope/",
        "/index.htm",
    ] {
        let r = get(base, target, &[("Accept-Encoding", "gzip")]);
        assert_eq!(r.status, 404, "{target}");
        assert_eq!(r.h("cache-control"), "no-cache");
        assert_eq!(gunzip(&r.body), not_found_page, "{target}");
        assert!(r.header("etag").is_none());
        secure(&r);
        let h = raw(base, "HEAD", target, &[]);
        assert_eq!((h.status, h.body.len()), (404, 0));
    }
    // No 404.html: a small plain page.
    let bare = serve(false);
    let r = get(&bare.server.url, "/missing", &[]);
    assert_eq!(r.status, 404);
    assert_eq!(r.h("content-type"), "text/plain; charset=utf-8");
    assert_eq!(r.body, b"404 Not Found\n");
    secure(&r);
}

#[test]
fn channel_routes_keep_precedence() {
    let f = serve(false);
    let base = &f.server.url;
    let k = Keys::new();
    // The site has channels/index.html and channels/stable/index.html: never served.
    let r = get(base, "/channels/stable/root/1.root.json", &[]);
    assert_eq!((r.status, &r.body), (200, &k.root_bytes));
    assert_eq!(r.h("content-type"), "application/json");
    assert!(r.header("content-security-policy").is_none());
    assert_eq!(get(base, "/channels/stable/", &[]).status, 404);
    assert_ne!(
        get(base, "/channels/stable/index.html", &[]).body,
        page("Not the channel either")
    );
    assert_eq!(get(base, "/blobs/x", &[]).status, 404);
    // The publish endpoint is still the router's: a GET is 405 without the site's headers,
    // a POST without a token 401.
    let p = get(base, "/api/v1/channels/stable/publish", &[]);
    assert_eq!(p.status, 405);
    assert!(p.header("content-security-policy").is_none());
    let p = raw(
        base,
        "POST",
        "/api/v1/channels/stable/publish",
        &[("Content-Length", "0")],
    );
    assert_eq!(p.status, 401);
    // Without --site nothing else is served.
    let data = tempfile::tempdir().unwrap();
    let plain = start_server(Storage::local(data.path()).unwrap(), &k, 10);
    assert_eq!(get(&plain.url, "/", &[]).status, 404);
    assert_eq!(get(&plain.url, "/en/", &[]).status, 404);
}

#[test]
fn a_channel_file_changed_on_disk_is_served_at_once() {
    let f = serve(false);
    let base = &f.server.url;
    let ts = f.data.path().join("channels/stable/timestamp.json");
    let root = f.data.path().join("channels/stable/root/1.root.json");
    let target = "/channels/stable/timestamp.json";
    assert_eq!(get(base, target, &[]).status, 404);
    let mut last_etag = String::new();
    for i in 0..5 {
        // As a publisher writing the directory (not through this server) would: whole files,
        // sometimes the same size, sometimes in place.
        let body = format!("{{\"version\": {i}}}");
        if i % 2 == 0 {
            std::fs::write(&ts, &body).unwrap();
        } else {
            let tmp = ts.with_extension("tmp");
            std::fs::write(&tmp, &body).unwrap();
            std::fs::rename(&tmp, &ts).unwrap();
        }
        let r = get(base, target, &[]);
        assert_eq!((r.status, &r.body[..]), (200, body.as_bytes()), "round {i}");
        assert_eq!(r.h("cache-control"), "public, max-age=60");
        let etag = r.h("etag").to_owned();
        assert_ne!(etag, last_etag);
        let again = get(base, target, &[("If-None-Match", &etag)]);
        assert_eq!((again.status, again.body.len()), (304, 0));
        let head = raw(base, "HEAD", target, &[]);
        assert_eq!((head.status, head.body.len()), (200, 0));
        assert_eq!(head.h("content-length"), r.h("content-length"));
        last_etag = etag;
    }
    std::fs::remove_file(&ts).unwrap();
    assert_eq!(get(base, target, &[]).status, 404);
    // A root replaced on disk (an operator re-initialising) is seen at once too.
    let r = get(base, "/channels/stable/root/1.root.json", &[]);
    assert_eq!(r.h("cache-control"), "public, max-age=31536000, immutable");
    std::fs::write(&root, b"{\"replaced\": true}").unwrap();
    assert_eq!(
        get(base, "/channels/stable/root/1.root.json", &[]).body,
        b"{\"replaced\": true}"
    );
}
