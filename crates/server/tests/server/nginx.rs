//! The journey, on the real `content/`: build → publish to the server → sync a device → edit
//! one module → publish → sync again; then the same channel directory served by nginx, synced
//! by a second device.

use super::support::*;
use scanwise_device::fetch::HttpFetcher;
use scanwise_device::{Device, Outcome};
use scanwise_publish_client::publish;
use scanwise_server::Storage;
use std::time::Duration;

#[test]
fn journey_through_the_server_and_nginx() {
    let k = Keys::new();
    let data = tempfile::tempdir().unwrap();
    let server = start_server(Storage::local(data.path()).unwrap(), &k, 100);
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (mut packs, _) = scanwise_author::build_packs(&content).expect("content/ builds");
    assert!(packs.len() > 10, "{} packs", packs.len());
    let units: Vec<_> = packs.iter().map(|p| k.unit(p, 1)).collect();
    publish(&server.url, CHANNEL, "tok-author", &units, &[]).unwrap();

    let dir = device_dir();
    let device = Device::new(dir.path(), &k.root_bytes);
    device
        .sync(
            &HttpFetcher::new(&server.url, Duration::from_secs(10)),
            now(),
        )
        .unwrap();
    assert_eq!(installed(&device).len(), packs.len());
    // An editor changes one module's summary.
    let edited = packs
        .iter_mut()
        .find_map(|p| match p {
            scanwise_core::model::Pack::Module(m) if m.id == "radiation" && m.lang == "en" => {
                Some(m)
            }
            _ => None,
        })
        .expect("content has radiation/en");
    edited.summary.push_str(" (edited)");
    let edited = scanwise_core::model::Pack::Module(edited.clone());
    publish(
        &server.url,
        CHANNEL,
        "tok-author",
        &[k.unit(&edited, 2)],
        &[],
    )
    .unwrap();
    let r = device
        .sync(
            &HttpFetcher::new(&server.url, Duration::from_secs(10)),
            now(),
        )
        .unwrap();
    assert!(
        matches!(r.outcome, Outcome::Installed { downloaded: 1, .. }),
        "{r:?}"
    );
    let via_server = installed(&device);
    assert!(via_server[&("radiation".into(), "en".into())].ends_with(" (edited)"));

    let Some((_nginx, nginx_url, _conf)) = start_nginx(data.path()) else {
        eprintln!("SKIPPED nginx half: no nginx binary (cargo xtask test installs it)");
        return;
    };
    let dir2 = device_dir();
    let device2 = Device::new(dir2.path(), &k.root_bytes);
    let r = device2
        .sync(
            &HttpFetcher::new(&nginx_url, Duration::from_secs(10)),
            now(),
        )
        .unwrap();
    assert!(
        matches!(r.outcome, Outcome::Installed { downloaded, .. } if downloaded == packs.len()),
        "{r:?}"
    );
    assert_eq!(installed(&device2), via_server);
}

/// The nginx block of docs/web-hosting.md, run as written (paths and port changed), does what
/// the page says: gzip_static with ETags and 304, the folder redirect keeping the query, the
/// cache rules, the types with their charset, the security headers, the site's 404 page, and
/// the channel beside the site.
#[test]
fn the_documented_nginx_block_serves_the_site() {
    use super::hosting::{copy_dir, gzip_for_nginx, nginx_binary, start_nginx};
    use super::site::{get, gunzip, page, raw, secure, write_site};
    if nginx_binary().is_none() {
        eprintln!("SKIPPED: no nginx binary (cargo xtask test installs it)");
        return;
    }
    let src = tempfile::tempdir().unwrap();
    write_site(src.path(), true);
    let site = tempfile::tempdir().unwrap();
    copy_dir(src.path(), site.path());
    gzip_for_nginx(site.path());
    assert!(site.path().join("en/m/radiation/index.html.gz").exists());
    assert!(!site.path().join("icon.png.gz").exists());
    let k = Keys::new();
    let channel = tempfile::tempdir().unwrap();
    let root = channel.path().join("channels/stable/root/1.root.json");
    std::fs::create_dir_all(root.parent().unwrap()).unwrap();
    std::fs::write(&root, &k.root_bytes).unwrap();
    std::fs::write(channel.path().join("channels/stable/timestamp.json"), b"{}").unwrap();
    let nginx = start_nginx(site.path(), channel.path(), "1").unwrap();
    let base = &nginx.url;

    let r = get(base, "/en/m/radiation/", &[("Accept-Encoding", "gzip")]);
    assert_eq!(r.status, 200);
    assert_eq!(r.h("content-encoding"), "gzip");
    assert_eq!(gunzip(&r.body), page("Radiation"));
    assert_eq!(r.h("content-type"), "text/html; charset=utf-8");
    assert_eq!(r.h("cache-control"), "no-cache");
    assert_eq!(r.h("vary"), "Accept-Encoding");
    secure(&r);
    let etag = r.h("etag").to_owned();
    let again = get(
        base,
        "/en/m/radiation/",
        &[("Accept-Encoding", "gzip"), ("If-None-Match", &etag)],
    );
    assert_eq!((again.status, again.body.len()), (304, 0));
    let plain = get(base, "/en/m/radiation/", &[]);
    assert!(plain.header("content-encoding").is_none());
    assert_eq!(plain.body, page("Radiation"));

    let r = get(
        base,
        "/open?m=radiation,getting-better&lang=nb&open=checker",
        &[],
    );
    assert_eq!(r.status, 301);
    assert_eq!(
        r.h("location"),
        "/open/?m=radiation,getting-better&lang=nb&open=checker"
    );
    secure(&r);

    for (target, ctype, cache) in [
        (
            "/site.css",
            "text/css; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            "/site.3f2a9c1b.css",
            "text/css; charset=utf-8",
            "public, max-age=31536000, immutable",
        ),
        (
            "/site.js",
            "application/javascript; charset=utf-8",
            "public, max-age=3600",
        ),
        (
            "/sw.js",
            "application/javascript; charset=utf-8",
            "no-cache",
        ),
        (
            "/manifest.webmanifest",
            "application/manifest+json; charset=utf-8",
            "no-cache",
        ),
        (
            "/en/search/index.json",
            "application/json; charset=utf-8",
            "public, max-age=3600",
        ),
        ("/icon.png", "image/png", "public, max-age=3600"),
    ] {
        let r = get(base, target, &[("Accept-Encoding", "gzip")]);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.h("content-type"), ctype, "{target}");
        assert_eq!(r.h("cache-control"), cache, "{target}");
        secure(&r);
    }
    let r = get(base, "/missing", &[]);
    assert_eq!(r.status, 404);
    assert_eq!(r.body, page("Not found"));
    secure(&r);
    assert_eq!(raw(base, "HEAD", "/en/", &[]).status, 200);

    let r = get(base, "/channels/stable/root/1.root.json", &[]);
    assert_eq!((r.status, &r.body), (200, &k.root_bytes));
    assert_eq!(r.h("cache-control"), "public, max-age=31536000, immutable");
    let r = get(base, "/channels/stable/timestamp.json", &[]);
    assert_eq!(r.h("cache-control"), "public, max-age=60");
}
