//! Server benchmarks (run by `cargo bench -p scanwise-server`, which `cargo xtask bench` runs):
//!
//! 1. A one-module edit: bytes a device downloads vs that module's blob + statement + the new
//!    snapshot and timestamp (target ≤ 1.10×).
//! 2. Throughput against nginx, both serving the same channel directory and the same site (the
//!    real `content/` built by `scanwise_site`): `wrk -t2 -c32` on (a) a channel file of about
//!    6 KB and (b) a typical module page with `Accept-Encoding: gzip`. The server is the
//!    release `scanwise-server` binary with `--site`; nginx runs as deployed: Debian's http
//!    defaults (sendfile, tcp_nopush, keep-alive), `worker_processes auto`, the access log off,
//!    and the block of docs/web-hosting.md (gzip_static over the documented `gzip -9` files,
//!    ETags), so both send the same gzip body. Rounds alternate which server goes first;
//!    requests/s per round, medians and the ratio are printed. Nothing asserts a time.
//!
//! `SCANWISE_BENCH_SECS` (default 5) and `SCANWISE_BENCH_ROUNDS` (default 5) change the load.

use scanwise_channel::keys::Keypair;
use scanwise_channel::layout;
use scanwise_channel::metadata::{Editor, RoleKeys, Root};
use scanwise_channel::release::{self, ChannelDir};
use scanwise_core::model::Pack;
use scanwise_device::Device;
use scanwise_device::fetch::DirFetcher;
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../tests/server/hosting.rs"]
mod hosting;

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
    // 28 modules: the snapshot is then about 6 KB, the channel file the throughput test serves.
    let ids: Vec<String> = (0..28).map(|i| format!("module-{i}")).collect();
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
    throughput(data.path(), &root_bytes, &release_key);
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn throughput(channel: &Path, root_bytes: &[u8], release_key: &Keypair) {
    let secs = env_or("SCANWISE_BENCH_SECS", 5);
    let rounds = env_or("SCANWISE_BENCH_ROUNDS", 5).max(1) as usize;
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("wrk not installed: throughput SKIPPED (cargo xtask bench installs it)");
        return;
    }
    if hosting::nginx_binary().is_none() {
        println!("nginx not installed: throughput SKIPPED (cargo xtask bench installs it)");
        return;
    }
    // The real site, and nginx's copy with the documented .gz files beside the pages.
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let (packs, _) = scanwise_author::build_packs(&content).expect("content/ builds");
    scanwise_site::build_site(&packs, &site, &scanwise_site::SiteOptions::default())
        .expect("site builds");
    let nginx_site = work.path().join("nginx-site");
    hosting::copy_dir(&site, &nginx_site);
    hosting::gzip_for_nginx(&nginx_site);

    // (a) the channel file nearest 6 KB; (b) the English module page of median size.
    let mut files = Vec::new();
    walk(channel, &mut files);
    let (file_size, file) = files
        .iter()
        .map(|p| (std::fs::metadata(p).unwrap().len(), p))
        .min_by_key(|(len, _)| len.abs_diff(6 * 1024))
        .unwrap();
    let file = file.strip_prefix(channel).unwrap().display().to_string();
    let mut pages: Vec<(u64, String)> = std::fs::read_dir(site.join("en/m"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let len = std::fs::metadata(e.path().join("index.html"))
                .unwrap()
                .len();
            (len, format!("en/m/{}/", e.file_name().to_string_lossy()))
        })
        .collect();
    pages.sort();
    let (page_size, page) = pages[pages.len() / 2].clone();
    let page_bytes = std::fs::read(site.join(&page).join("index.html")).unwrap();

    let server = Server::start(channel, &site, root_bytes, release_key, work.path());
    let nginx = hosting::start_nginx(&nginx_site, channel, "auto").expect("nginx starts");

    // Both answer the same bytes before either is timed.
    let want_file = std::fs::read(channel.join(&file)).unwrap();
    let mut gz_len = 0;
    for base in [&server.url, &nginx.url] {
        let (enc, body) = fetch(&format!("{base}/{file}"), None);
        assert!(enc.is_none() && body == want_file, "{base}/{file}");
        let (enc, body) = fetch(&format!("{base}/{page}"), Some("gzip"));
        assert_eq!(enc.as_deref(), Some("gzip"), "{base}/{page}");
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&body[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, page_bytes, "{base}/{page}");
        gz_len = body.len();
    }

    let targets = [
        (
            format!("(a) channel file {file} ({file_size} B)"),
            file.clone(),
            None,
        ),
        (
            format!("(b) module page /{page} ({page_size} B; gzip {gz_len} B)"),
            page.clone(),
            Some("Accept-Encoding: gzip"),
        ),
    ];
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "throughput: wrk -t2 -c32 -d{secs}s, {rounds} rounds, {cores} cores shared by wrk and the server; nginx worker_processes auto"
    );
    println!(
        "(with wrk on the same cores, requests/s also depend on what else the machine runs; the server's CPU per request does not)"
    );
    for (name, path, header) in &targets {
        // Warm both up (connections, page cache, lazy paths) before timing.
        for base in [&server.url, &nginx.url] {
            wrk(&format!("{base}/{path}"), *header, 1);
        }
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        let (mut ours_cpu, mut theirs_cpu) = (Vec::new(), Vec::new());
        for round in 0..rounds {
            // Requests/s, and microseconds of the server's own CPU (user + system) per request.
            let run = |base: &str, pid: u32| {
                let before = cpu_seconds(pid);
                let rps = wrk(&format!("{base}/{path}"), *header, secs);
                let cpu = cpu_seconds(pid) - before;
                (rps, cpu * 1e6 / (rps * secs as f64))
            };
            let (s, n) = if round % 2 == 0 {
                let s = run(&server.url, server.child.id());
                (s, run(&nginx.url, nginx.child.id()))
            } else {
                let n = run(&nginx.url, nginx.child.id());
                (run(&server.url, server.child.id()), n)
            };
            ours.push(s.0);
            ours_cpu.push(s.1);
            theirs.push(n.0);
            theirs_cpu.push(n.1);
        }
        let list = |v: &[f64], digits: usize| {
            v.iter()
                .map(|r| format!("{r:.digits$}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (m_ours, m_theirs) = (median(&ours), median(&theirs));
        let ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(a, b)| a / b).collect();
        println!("{name}");
        println!(
            "  scanwise-server: {m_ours:.0} requests/s (median; rounds {}); {:.1} us CPU per request",
            list(&ours, 0),
            median(&ours_cpu)
        );
        println!(
            "  nginx:           {m_theirs:.0} requests/s (median; rounds {}); {:.1} us CPU per request",
            list(&theirs, 0),
            median(&theirs_cpu)
        );
        println!(
            "  server/nginx ratio: {:.2} of the medians, {:.2} the median round (rounds {}; target >= 1.00); CPU per request {:.2}",
            m_ours / m_theirs,
            median(&ratios),
            list(&ratios, 2),
            median(&ours_cpu) / median(&theirs_cpu)
        );
    }
    drop(nginx);
    drop(server);
}

/// CPU seconds (user + system) used so far by process `pid` and its children that are still
/// running (nginx's workers), from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    // Fields after the command name: state is the 1st, ppid the 2nd, utime the 12th, stime the 13th.
    let stat = |p: &Path| -> Option<(u32, f64)> {
        let text = std::fs::read_to_string(p).ok()?;
        let f: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
        let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
        Some((f.get(1)?.parse().ok()?, ticks))
    };
    let tick = 100.0; // USER_HZ on Linux
    let mut total =
        stat(&Path::new("/proc").join(pid.to_string()).join("stat")).map_or(0.0, |s| s.1);
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        if let Some((ppid, ticks)) = stat(&e.path().join("stat"))
            && ppid == pid
        {
            total += ticks;
        }
    }
    total / tick
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if !p.to_string_lossy().contains("/claims/") {
            out.push(p);
        }
    }
}

/// GET with an optional `Accept-Encoding`: (`Content-Encoding`, raw body).
fn fetch(url: &str, accept_encoding: Option<&str>) -> (Option<String>, Vec<u8>) {
    let mut req = ureq::get(url);
    if let Some(ae) = accept_encoding {
        req = req.set("Accept-Encoding", ae);
    }
    let r = req.call().unwrap_or_else(|e| panic!("{url}: {e}"));
    let enc = r.header("content-encoding").map(str::to_owned);
    let mut body = Vec::new();
    r.into_reader().read_to_end(&mut body).unwrap();
    (enc, body)
}

/// `wrk -t2 -c32 -dN`: requests/s (every answer must be 2xx; no socket errors).
fn wrk(url: &str, header: Option<&str>, secs: u64) -> f64 {
    let mut c = Command::new("wrk");
    c.args(["-t2", "-c32", &format!("-d{secs}s")]);
    if let Some(h) = header {
        c.args(["-H", h]);
    }
    let out = c.arg(url).output().expect("wrk runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "wrk {url}: {text}");
    assert!(
        !text.contains("Non-2xx") && !text.contains("Socket errors"),
        "wrk {url}: {text}"
    );
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("wrk {url}: {text}"))
}

/// The release `scanwise-server` binary, as deployed, with `--site`, stopped by its PID.
struct Server {
    child: std::process::Child,
    url: String,
}

impl Server {
    fn start(
        channel: &Path,
        site: &Path,
        root_bytes: &[u8],
        release_key: &Keypair,
        work: &Path,
    ) -> Server {
        let (key, root) = (work.join("release.json"), work.join("1.root.json"));
        std::fs::write(&key, release_key.to_json()).unwrap();
        std::fs::write(&root, root_bytes).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_scanwise-server"))
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(channel)
            .arg("--release-key")
            .arg(&key)
            .arg("--init-root")
            .arg(&root)
            .arg("--site")
            .arg(site)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn scanwise-server");
        // Time nothing until the background brotli pass is done (it takes a core).
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                println!("  [scanwise-server] {line}");
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(900);
        let mut ready = false;
        while !ready {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => ready = line.starts_with("site: brotli ready"),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("scanwise-server did not get ready");
                }
            }
        }
        Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
