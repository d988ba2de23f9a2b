use scanwise_channel::keys::Keypair;
use scanwise_channel::metadata::{Editor, RoleKeys, Root};
use scanwise_channel::release::{self, SignedUnit};
use scanwise_core::model::Pack;
use scanwise_server::auth::{EditorToken, hash_token};
use scanwise_server::{AppState, Config, Storage};
use std::collections::BTreeMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const CHANNEL: &str = "stable";

pub fn key(n: u8) -> Keypair {
    Keypair::from_seed([n; 32])
}

pub fn module(id: &str, lang: &str, rev: u32) -> Pack {
    serde_json::from_value(serde_json::json!({
        "kind": "module", "format": 1, "id": id, "lang": lang,
        "title": format!("{id} ({lang})"), "summary": format!("Summary rev {rev}"),
        "areas": ["general"], "order": 10, "minutes": 3,
        "sections": [{"anchor": "intro", "heading": "Intro",
                      "html": format!("<p>Text {id} {lang} rev {rev}</p>"),
                      "text": format!("Text {id} {lang} rev {rev} ").repeat(40)}],
        "key_points": ["One point."], "myth_or_fact": [], "references": [], "questions": [],
        "review": {"state": "draft", "reviewer": null, "reviewed_on": null, "next_review": null},
        "translation": null, "content_hash": format!("{rev:064x}")
    }))
    .expect("fixture pack")
}

/// Keys: roots 1-3 (2 of 3), release 10, author 20 (all), reviewer 21 (all), translator 22 (nb).
pub struct Keys {
    pub release: Keypair,
    pub author: Keypair,
    pub reviewer: Keypair,
    pub translator: Keypair,
    pub root: Root,
    pub root_bytes: Vec<u8>,
}

impl Keys {
    pub fn new() -> Keys {
        let roots = [key(1), key(2), key(3)];
        let (release, author, reviewer, translator) = (key(10), key(20), key(21), key(22));
        let mut keys = BTreeMap::new();
        for k in roots
            .iter()
            .chain([&release, &author, &reviewer, &translator])
        {
            keys.insert(k.key_id(), k.public());
        }
        let ed = |name: &str, k: &Keypair, langs: &[&str]| Editor {
            name: name.into(),
            keyid: k.key_id(),
            languages: langs.iter().map(|s| s.to_string()).collect(),
            units: vec!["*".into()],
        };
        let root = Root {
            channel: CHANNEL.into(),
            version: 1,
            expires: 4_000_000_000,
            keys,
            root: RoleKeys {
                keyids: roots.iter().map(|k| k.key_id()).collect(),
                threshold: 2,
            },
            release: RoleKeys {
                keyids: vec![release.key_id()],
                threshold: 1,
            },
            editors: vec![
                ed("Author", &author, &["*"]),
                ed("Reviewer", &reviewer, &["*"]),
                ed("Translator", &translator, &["nb"]),
            ],
            unit_thresholds: [("when-a-scan-is-needed".to_string(), 2)].into(),
        };
        let root_bytes = release::sign_root(&root, &[&roots[0], &roots[1]]).unwrap();
        Keys {
            release,
            author,
            reviewer,
            translator,
            root,
            root_bytes,
        }
    }

    /// Sign `pack` as version `version` with the author (and reviewer where two are needed).
    pub fn unit(&self, pack: &Pack, version: u64) -> SignedUnit {
        release::sign_unit(
            &self.root,
            &scanwise_device::unit_json(pack),
            version,
            &[&self.author, &self.reviewer],
        )
        .unwrap()
    }

    pub fn editors() -> Vec<EditorToken> {
        let t = |name: &str, token: &str, langs: &[&str]| EditorToken {
            name: name.into(),
            token_sha256: hash_token(token),
            languages: langs.iter().map(|s| s.to_string()).collect(),
            units: vec!["*".into()],
        };
        vec![
            t("author", "tok-author", &["*"]),
            t("translator", "tok-nb", &["nb"]),
            t("spammer", "tok-spam", &["*"]),
        ]
    }
}

pub struct RunningServer {
    pub url: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn start_server(storage: Storage, keys: &Keys, publishes_per_minute: usize) -> RunningServer {
    start_server_with_site(storage, keys, publishes_per_minute, None)
}

/// [`start_server`], also serving `site` (as `scanwise-server --site`).
pub fn start_server_with_site(
    storage: Storage,
    keys: &Keys,
    publishes_per_minute: usize,
    site: Option<scanwise_server::site::Site>,
) -> RunningServer {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let root = keys.root_bytes.clone();
    let release_key = keys.release.clone();
    let thread = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            scanwise_server::init_channel(&storage, &root)
                .await
                .unwrap();
            let state = AppState::with_site(
                storage,
                Config {
                    release_key,
                    editors: Keys::editors(),
                    publishes_per_minute,
                },
                site,
            );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            scanwise_server::serve(listener, state, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
    });
    let addr: SocketAddr = addr_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("server started");
    RunningServer {
        url: format!("http://{addr}"),
        shutdown: Some(tx),
        thread: Some(thread),
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Wait (at most `timeout`) until `child` listens on `port`; panics if it exits first.
pub fn wait_for_port(port: u16, child: &mut Child, what: &str, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = child.try_wait().expect("try_wait") {
            panic!("{what} exited early: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A process stopped by its own PID when dropped.
pub struct Proc(pub Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// moto's S3 server on a loopback port with bucket `scanwise` created.
pub fn start_moto() -> (Proc, String) {
    let port = free_port();
    let child = Command::new("python3")
        .args(["-m", "moto.server", "-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 -m moto.server (install with `pip install 'moto[server]'` or `cargo xtask test`)");
    let mut p = Proc(child);
    wait_for_port(port, &mut p.0, "moto", Duration::from_secs(30));
    let endpoint = format!("http://127.0.0.1:{port}");
    ureq::put(&format!("{endpoint}/scanwise"))
        .call()
        .expect("create bucket");
    (p, endpoint)
}

/// nginx serving `root` on a loopback port, or None (with a message) if nginx is absent.
pub fn start_nginx(root: &std::path::Path) -> Option<(Proc, String, tempfile::TempDir)> {
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let conf = format!(
        "daemon off; master_process off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
  types {{ application/json json; }}
  default_type application/octet-stream;
  server {{ listen 127.0.0.1:{port}; root {}; location / {{ try_files $uri =404; }} }}
}}
",
        root.display()
    );
    std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
    let child = Command::new(nginx)
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
        .expect("spawn nginx");
    let mut p = Proc(child);
    wait_for_port(port, &mut p.0, "nginx", Duration::from_secs(30));
    Some((p, format!("http://127.0.0.1:{port}"), dir))
}

pub fn device_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("user.db"), b"patient data").unwrap();
    dir
}

pub fn installed(device: &scanwise_device::Device) -> BTreeMap<(String, String), String> {
    let slot = device.active_slot().unwrap().expect("an active slot");
    slot.units()
        .unwrap()
        .into_iter()
        .map(|u| {
            let summary = match slot.pack(&u.unit, &u.locale).unwrap().unwrap() {
                Pack::Module(m) => m.summary,
                _ => String::new(),
            };
            ((u.unit, u.locale), summary)
        })
        .collect()
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}
