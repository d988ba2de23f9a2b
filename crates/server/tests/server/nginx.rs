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
