//! docs/web-hosting.md as the tests and the benchmark run it: the documented gzip command and
//! nginx block, with only the paths and the port changed. Also compiled into
//! `benches/channel.rs`, so the benchmark's nginx is the documented one.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The documented site and channel folders, replaced by the real ones.
const DOC_SITE: &str = "/srv/scanwise-site";
const DOC_CHANNEL: &str = "/srv/scanwise";

fn docs() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/web-hosting.md");
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The text of the first fenced block opened with "```{lang}" whose text starts with `starts`.
fn block(lang: &str, starts: &str) -> String {
    let docs = docs();
    let mut open: Option<(&str, Vec<&str>)> = None;
    for line in docs.lines() {
        if let Some(info) = line.strip_prefix("```") {
            match open.take() {
                None => open = Some((info, Vec::new())),
                Some((info, body)) => {
                    if info == lang && body.first().is_some_and(|l| l.starts_with(starts)) {
                        return body.join("\n") + "\n";
                    }
                }
            }
        } else if let Some((_, body)) = &mut open {
            body.push(line);
        }
    }
    panic!("docs/web-hosting.md has no ```{lang} block starting {starts:?}");
}

fn place(text: &str, site: &Path, channel: &Path) -> String {
    // The site's path has the channel's as a prefix: replace it first.
    text.replace(DOC_SITE, &site.display().to_string())
        .replace(DOC_CHANNEL, &channel.display().to_string())
}

/// Copy `from` to `to` (a fresh folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Run the documented `find … gzip -9 -k` over `site` (it writes FILE.gz beside FILE).
pub fn gzip_for_nginx(site: &Path) {
    let cmd = place(&block("", "find "), site, Path::new("/nonexistent"));
    let out = Command::new("sh").args(["-c", &cmd]).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `Some` when nginx is installed.
pub fn nginx_binary() -> Option<&'static str> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

/// nginx as Debian deploys it (its `nginx.conf`'s `http` defaults: sendfile, tcp_nopush,
/// mime.types, `gzip on`), with the access log off, running the documented block for `site`
/// and `channel` on a loopback port. `workers`: "auto" as deployed (a master and one worker
/// per core), or a single process for tests.
pub struct Nginx {
    /// nginx itself (the master, when its workers are its children).
    pub child: Child,
    dir: tempfile::TempDir,
    pub url: String,
}

pub fn start_nginx(site: &Path, channel: &Path, workers: &str) -> Option<Nginx> {
    let nginx = nginx_binary()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let process = if workers == "auto" {
        "worker_processes auto;".to_owned()
    } else {
        "master_process off; worker_processes 1;".to_owned()
    };
    let block = place(&block("nginx", "map "), site, channel)
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"));
    let conf = format!(
        "daemon off; {process} pid {d}/nginx.pid; error_log {d}/error.log;
events {{ worker_connections 768; }}
http {{
  sendfile on; tcp_nopush on; types_hash_max_size 2048;
  include /etc/nginx/mime.types; default_type application/octet-stream;
  access_log off; gzip on;
  client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fcgi;
  uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
{block}}}
"
    );
    std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
    let child = Command::new(nginx)
        .args(["-e", &format!("{d}/error.log"), "-p", &d.to_string()])
        .args(["-c", &format!("{d}/nginx.conf")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn nginx");
    let mut n = Nginx {
        child,
        dir,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = n.child.try_wait() {
            panic!(
                "nginx exited ({status}): {}",
                std::fs::read_to_string(n.dir.path().join("error.log")).unwrap_or_default()
            );
        }
        assert!(Instant::now() < deadline, "nginx did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(n)
}

impl Nginx {
    fn conf(&self) -> PathBuf {
        self.dir.path().join("nginx.conf")
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // `-s stop` signals the master by its pid file; it stops its workers and exits.
        let d = self.dir.path().display().to_string();
        let _ = Command::new(nginx_binary().unwrap_or("nginx"))
            .args(["-e", &format!("{d}/error.log"), "-p", &d, "-c"])
            .arg(self.conf())
            .args(["-s", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
