//! Channel benchmarks (run by `cargo bench -p scanwise-server`, which `cargo xtask bench` runs):
//!
//! 1. A one-module edit: bytes a device downloads vs that module's blob + statement + the new
//!    snapshot and timestamp (target ≤ 1.10×).
//! 2. Serving channel files: scanwise-server vs nginx over the same directory, same load loop
//!    (N keep-alive clients on loopback, fixed duration), requests/s and the ratio.

use scanwise_channel::keys::Keypair;
use scanwise_channel::layout;
use scanwise_channel::metadata::{Editor, RoleKeys, Root};
use scanwise_channel::release::{self, ChannelDir};
use scanwise_core::model::Pack;
use scanwise_device::Device;
use scanwise_device::fetch::DirFetcher;
use scanwise_server::auth::EditorToken;
use scanwise_server::{AppState, Config, Storage};
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 8;
const DURATION: Duration = Duration::from_secs(4);

fn module(id: &str, rev: u32) -> Pack {
    let para = format!(
        "Most back, knee and shoulder pain gets better without a scan ({id}, revision {rev}). "
    );
    serde_json::from_value(serde_json::json!({
        "kind": "module", "format": 1, "id": id, "lang": "en", "title": id, "summary": format!("rev {rev}"),
        "areas": ["general"], "order": 1, "minutes": 4,
        "sections": (0..6).map(|i| serde_json::json!({"anchor": format!("s{i}"), "heading": format!("Part {i}"),
            "html": format!("<p>{}</p>", para.repeat(8)), "text": para.repeat(8)})).collect::<Vec<_>>(),
        "key_points": ["A", "B"], "myth_or_fact": [], "references": [], "questions": [],
        "review": {"state": "draft", "reviewer": null, "reviewed_on": null, "next_review": null},
        "translation": null, "content_hash": "0"
    }))
    .unwrap()
}

fn main() {
    let k = |n: u8| Keypair::from_seed([n; 32]);
    let (rk, release_key, editor) = (k(1), k(2), k(3));
    let root = Root {
        channel: "stable".into(),
        version: 1,
        expires: 4_000_000_000,
        keys: [&rk, &release_key, &editor]
            .iter()
            .map(|k| (k.key_id(), k.public()))
            .collect(),
        root: RoleKeys {
            keyids: vec![rk.key_id()],
            threshold: 1,
        },
        release: RoleKeys {
            keyids: vec![release_key.key_id()],
            threshold: 1,
        },
        editors: vec![Editor {
            name: "e".into(),
            keyid: editor.key_id(),
            languages: vec!["*".into()],
            units: vec!["*".into()],
        }],
        unit_thresholds: BTreeMap::new(),
    };
    let root_bytes = release::sign_root(&root, &[&rk]).unwrap();
    let data = tempfile::tempdir().unwrap();
    let dir = ChannelDir::new(data.path());
    dir.write(&layout::root_path("stable", 1), &root_bytes)
        .unwrap();
    let ids: Vec<String> = (0..20).map(|i| format!("module-{i}")).collect();
    let mut packs: Vec<Pack> = ids.iter().map(|id| module(id, 1)).collect();
    let now = 1_800_000_000;
    dir.write_release(
        &release::release_units(
            &root,
            &dir.state(&root).unwrap(),
            &packs
                .iter()
                .map(scanwise_device::unit_json)
                .collect::<Vec<_>>(),
            &[&editor],
            &[&release_key],
            now,
        )
        .unwrap(),
    )
    .unwrap();
    let dev_dir = tempfile::tempdir().unwrap();
    let device = Device::new(dev_dir.path(), &root_bytes);
    device.sync(&DirFetcher::new(data.path()), now).unwrap();

    // 1. One-module edit.
    packs[7] = module(&ids[7], 2);
    let files = release::release_units(
        &root,
        &dir.state(&root).unwrap(),
        &packs
            .iter()
            .map(scanwise_device::unit_json)
            .collect::<Vec<_>>(),
        &[&editor],
        &[&release_key],
        now + 60,
    )
    .unwrap();
    dir.write_release(&files).unwrap();
    let r = device
        .sync(&DirFetcher::new(data.path()), now + 60)
        .unwrap();
    let size = |pred: &dyn Fn(&str) -> bool| {
        files
            .files
            .iter()
            .filter(|(p, _)| pred(p))
            .map(|(_, b)| b.len() as u64)
            .sum::<u64>()
    };
    let blob = size(&|p| p.starts_with("blobs/"));
    let statement = size(&|p| p.contains("/modules/"));
    let metadata = size(&|p| p.contains("/snapshot/") || p.ends_with("timestamp.json"));
    let expected = blob + statement + metadata;
    let ratio = r.bytes_fetched as f64 / expected as f64;
    println!(
        "one-module edit ({} modules): downloaded {} B; module blob {blob} B + statement {statement} B + snapshot/timestamp {metadata} B = {expected} B; ratio {ratio:.3} (target <= 1.10)",
        ids.len(),
        r.bytes_fetched
    );
    assert!(ratio <= 1.10, "one-module edit downloaded {ratio:.3}x");

    // 2. Throughput: scanwise-server vs nginx.
    let paths: Vec<String> = {
        let mut v = vec![layout::timestamp_path("stable")];
        v.extend(files.files.iter().map(|(p, _)| p.clone()));
        v
    };
    let server = start_server(Storage::local(data.path()).unwrap(), release_key.clone());
    let server_rps = load(&server.0, &paths);
    println!(
        "scanwise-server: {server_rps:.0} requests/s ({CLIENTS} keep-alive clients, {DURATION:?})"
    );
    match start_nginx(data.path()) {
        Some((mut child, url, _conf)) => {
            let nginx_rps = load(&url, &paths);
            let _ = child.kill();
            let _ = child.wait();
            println!("nginx:           {nginx_rps:.0} requests/s");
            println!(
                "server/nginx ratio: {:.2} (target >= 1.00)",
                server_rps / nginx_rps
            );
        }
        None => println!("nginx not installed: comparison SKIPPED (cargo xtask test installs it)"),
    }
    drop(server);
}

/// N threads, each one keep-alive agent, round-robin over `paths` until the deadline.
fn load(base: &str, paths: &[String]) -> f64 {
    let count = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|i| {
            let (base, paths, count) = (base.to_owned(), paths.to_vec(), count.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new()
                    .max_idle_connections_per_host(1)
                    .build();
                let mut n = i;
                while start.elapsed() < DURATION {
                    let r = agent
                        .get(&format!("{base}/{}", paths[n % paths.len()]))
                        .call()
                        .expect("GET");
                    let mut body = Vec::new();
                    std::io::Read::read_to_end(&mut r.into_reader(), &mut body).unwrap();
                    count.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    count.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

struct Running(
    String,
    Option<tokio::sync::oneshot::Sender<()>>,
    Option<std::thread::JoinHandle<()>>,
);

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.1.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.2.take() {
            let _ = t.join();
        }
    }
}

fn start_server(storage: Storage, release_key: Keypair) -> Running {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (atx, arx) = std::sync::mpsc::channel();
    let t = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let editors: Vec<EditorToken> = Vec::new();
            let state = AppState::new(
                storage,
                Config {
                    release_key,
                    editors,
                    publishes_per_minute: 1,
                },
            );
            let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            atx.send(l.local_addr().unwrap()).unwrap();
            scanwise_server::serve(l, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
    });
    let addr = arx.recv().unwrap();
    Running(format!("http://{addr}"), Some(tx), Some(t))
}

fn start_nginx(root: &std::path::Path) -> Option<(std::process::Child, String, tempfile::TempDir)> {
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conf_dir = tempfile::tempdir().unwrap();
    let d = conf_dir.path().display();
    // One worker, like the server's two runtime threads on this 2-core machine: same budget.
    std::fs::write(
        conf_dir.path().join("nginx.conf"),
        format!(
            "daemon off; master_process off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000; open_file_cache max=1000;
  client_body_temp_path {d}/b; proxy_temp_path {d}/p; fastcgi_temp_path {d}/f; uwsgi_temp_path {d}/u; scgi_temp_path {d}/s;
  default_type application/octet-stream;
  server {{ listen 127.0.0.1:{port}; root {}; location / {{ etag on; try_files $uri =404; }} }} }}
",
            root.display()
        ),
    )
    .unwrap();
    let mut child = Command::new(nginx)
        .args([
            "-e",
            &format!("{d}/error.log"),
            "-p",
            &d.to_string(),
            "-c",
            &format!("{d}/nginx.conf"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((child, format!("http://127.0.0.1:{port}"), conf_dir))
}
