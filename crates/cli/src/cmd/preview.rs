//! `scanwise preview [CONTENT]`: the editor's everyday view. Builds the web edition from the
//! working tree, serves it on localhost, rebuilds when a content file changes (the open page
//! reloads itself), and shows `scanwise check`'s diagnostics on the page they concern (file,
//! line, code, hint) instead of leaving the page out. Nothing here is published: a preview is
//! made from the content as it is, errors and all (`scanwise_author::preview_packs`).
//!
//! The server is a small blocking one on 127.0.0.1 only (a thread per connection, GET and
//! HEAD, files of the current build), so the CLI needs no async runtime for it.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context;
use scanwise_author::Diagnostic;
use scanwise_site::preview::{Preview, Problem, Target};
use scanwise_site::{LinkStyle, SiteOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(value_name = "CONTENT", default_value = "content")]
    content: PathBuf,
    /// The port on 127.0.0.1 to serve on.
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let listener = TcpListener::bind(("127.0.0.1", a.port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", a.port))?;
    let preview = Previewer::new(&a.content)?;
    println!("{}", preview.rebuild());
    println!(
        "previewing {} at http://{}/ (rebuilds when you save; Ctrl-C to stop)",
        a.content.display(),
        listener.local_addr()?
    );
    let watcher = Arc::clone(&preview);
    std::thread::spawn(move || watcher.watch());
    preview.serve(listener);
    Ok(ExitCode::SUCCESS)
}

/// The current build of one content folder.
pub struct Previewer {
    content: PathBuf,
    _dir: tempfile::TempDir,
    site: PathBuf,
    /// Bumped after every rebuild; the pages poll it to reload.
    build: AtomicU64,
    /// The page saying why the last build made no site, with every diagnostic (shown for
    /// every address).
    failure: Mutex<Option<String>>,
    /// The content as the last build read it. The watcher compares against this, not against
    /// its own first look, so a save made before the watcher starts is not missed.
    built_from: Mutex<Fingerprint>,
}

impl Previewer {
    pub fn new(content: &Path) -> anyhow::Result<Arc<Previewer>> {
        let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
        Ok(Arc::new(Previewer {
            content: content.to_owned(),
            site: dir.path().join("site"),
            _dir: dir,
            build: AtomicU64::new(0),
            failure: Mutex::new(None),
            built_from: Mutex::new(Vec::new()),
        }))
    }

    /// Builds the site from the content as it is now; returns a one-line summary.
    pub fn rebuild(&self) -> String {
        let started = Instant::now();
        *self.built_from.lock().unwrap() = fingerprint(&self.content);
        let (packs, diags) = scanwise_author::preview_packs(&self.content);
        let preview = Preview {
            problems: diags.iter().map(|d| problem(&self.content, d)).collect(),
        };
        let (errors, warnings) = preview.counts();
        let options = SiteOptions {
            link_style: LinkStyle::Directory,
            preview: Some(preview),
        };
        let summary = match scanwise_site::build_site(&packs, &self.site, &options) {
            Ok(report) => {
                *self.failure.lock().unwrap() = None;
                format!(
                    "built {} pages: {errors} error(s), {warnings} warning(s) ({:.1} s)",
                    report.pages,
                    started.elapsed().as_secs_f64()
                )
            }
            Err(e) => {
                let text = format!(
                    "The site could not be built: {e}\n\n{}",
                    scanwise_author::render_all(&diags)
                );
                *self.failure.lock().unwrap() = Some(scanwise_site::preview::failure_page(&text));
                format!("no site: {e}; {errors} error(s), {warnings} warning(s)")
            }
        };
        self.build.fetch_add(1, Ordering::SeqCst);
        summary
    }

    /// Rebuilds whenever the content differs from what the last build read (polled twice a
    /// second). A file caught half-written is read again on the next poll, as it differs again.
    fn watch(&self) {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let changed = fingerprint(&self.content) != *self.built_from.lock().unwrap();
            if changed {
                println!("{}", self.rebuild());
            }
        }
    }

    pub fn build_number(&self) -> u64 {
        self.build.load(Ordering::SeqCst)
    }

    pub fn serve(self: &Arc<Self>, listener: TcpListener) {
        for stream in listener.incoming().flatten() {
            let me = Arc::clone(self);
            std::thread::spawn(move || {
                let _ = me.answer(stream);
            });
        }
    }

    fn answer(&self, mut stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut request = String::new();
        reader.read_line(&mut request)?;
        // Headers are read and ignored (bounded: a preview is for one editor's browser).
        for _ in 0..100 {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                break;
            }
        }
        let mut parts = request.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let response = if method != "GET" && method != "HEAD" {
            Response::text(405, "only GET and HEAD")
        } else {
            self.respond(target)
        };
        response.write(&mut stream, method == "HEAD")
    }

    fn respond(&self, target: &str) -> Response {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if path == "/__preview/build" {
            return Response::text(200, &self.build_number().to_string());
        }
        if let Some(page) = self.failure.lock().unwrap().clone() {
            return Response::html(page.into_bytes());
        }
        let Some(rel) = safe_path(path) else {
            return Response::text(400, "bad path");
        };
        let file = self.site.join(&rel);
        if file.is_dir() {
            if !path.ends_with('/') {
                let query = if query.is_empty() {
                    String::new()
                } else {
                    format!("?{query}")
                };
                return Response::redirect(&format!("{path}/{query}"));
            }
            return Response::file(&file.join("index.html"));
        }
        Response::file(&file)
    }
}

/// A diagnostic placed on the page of the file it is about.
fn problem(content: &Path, d: &Diagnostic) -> Problem {
    let rel = d
        .file
        .as_deref()
        .map(|f| f.strip_prefix(content).unwrap_or(f).to_owned());
    let parts: Vec<String> = rel
        .iter()
        .flat_map(|p| p.iter())
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    let stem = |name: &str| name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
    let lang_of = |name: &str| {
        let s = stem(name);
        scanwise_core::ids::Locale::parse(&s).ok().map(|_| s)
    };
    let (target, lang) = match parts.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["modules", id, file] => (Target::Module(id.to_string()), lang_of(file)),
        ["glossary", file] => (Target::Glossary, lang_of(file)),
        ["checker", file] => (Target::Checker, lang_of(file)),
        ["questions", file] => (Target::Questions, lang_of(file)),
        _ => (Target::Site, None),
    };
    Problem {
        target,
        lang,
        error: d.is_error(),
        code: d.code.to_string(),
        location: d.location().unwrap_or_else(|| "content".to_string()),
        message: d.message.clone(),
        line_text: d.span.as_ref().map(|s| s.line_text.clone()),
        hint: d.hint.clone(),
    }
}

/// Every file's path, size and change time under a folder: a changed file changes this.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                out.push((e.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}

/// `/en/m/radiation/` -> `en/m/radiation/`; `None` for anything that could leave the site.
fn safe_path(path: &str) -> Option<PathBuf> {
    let rel = path.strip_prefix('/')?;
    let ok = rel.split('/').all(|seg| {
        seg != ".."
            && seg != "."
            && seg
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    ok.then(|| PathBuf::from(rel))
}

struct Response {
    status: u16,
    content_type: &'static str,
    location: Option<String>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: body.as_bytes().to_vec(),
        }
    }

    fn redirect(to: &str) -> Response {
        Response {
            location: Some(to.to_string()),
            ..Response::text(301, "moved")
        }
    }

    fn html(body: Vec<u8>) -> Response {
        Response {
            status: 200,
            content_type: "text/html; charset=utf-8",
            location: None,
            body,
        }
    }

    fn file(path: &Path) -> Response {
        let Ok(body) = std::fs::read(path) else {
            return Response::text(404, "not found");
        };
        let content_type = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("css") => "text/css; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("json") => "application/json",
            Some("webmanifest") => "application/manifest+json",
            Some("png") => "image/png",
            _ => "application/octet-stream",
        };
        Response {
            status: 200,
            content_type,
            location: None,
            body,
        }
    }

    fn write(&self, out: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            301 => "Moved Permanently",
            400 => "Bad Request",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        if let Some(to) = &self.location {
            head.push_str(&format!("Location: {to}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn get(addr: std::net::SocketAddr, path: &str) -> (String, String) {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        (head.to_string(), body.to_string())
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(safe_path("/en/m/x/"), Some(PathBuf::from("en/m/x/")));
        for bad in [
            "/../etc/passwd",
            "/en/%2e%2e/",
            "/a\\b",
            "relative",
            "/en/./x",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }

    /// The editor's loop over a real socket: a page is served with the preview banner; a
    /// mistake saved in a module shows on that module's page with file, line, code and hint
    /// after the rebuild the watcher starts; a module whose file no longer parses still has
    /// its page, showing why.
    #[test]
    fn an_edit_shows_its_diagnostics_on_its_own_page() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content"),
            &content,
        );
        let preview = Previewer::new(&content).unwrap();
        preview.rebuild();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = Arc::clone(&preview);
        std::thread::spawn(move || server.serve(listener));

        let (head, body) = get(addr, "/en/m/radiation/");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(body.contains("data-testid=\"preview-banner\""));
        assert!(!body.contains("data-testid=\"problems\""));
        let (head, _) = get(addr, "/en/m/radiation?x=1");
        assert!(head.contains("Location: /en/m/radiation/?x=1"), "{head}");

        // Cite a reference the module does not have.
        let file = content.join("modules/radiation/en.md");
        let text = std::fs::read_to_string(&file).unwrap();
        let broken = text.replacen("[@hpa-dose2008]", "[@no-such-source]", 1);
        assert_ne!(broken, text, "the module cites hpa-dose2008");
        let build = preview.build_number();
        std::fs::write(&file, broken).unwrap();
        // The watcher starts after this save (as a slow thread may in real use) and must still
        // see it: it compares with what the last build read, not with its own first look.
        let watcher = Arc::clone(&preview);
        std::thread::spawn(move || watcher.watch());
        let rebuilt = |after: u64| {
            let deadline = Instant::now() + Duration::from_secs(120);
            while preview.build_number() == after {
                assert!(Instant::now() < deadline, "no rebuild after the edit");
                std::thread::sleep(Duration::from_millis(100));
            }
        };
        rebuilt(build);
        let (_, body) = get(addr, "/en/m/radiation/");
        assert!(body.contains("data-testid=\"problems\""), "no problems box");
        assert!(
            body.contains("modules/radiation/en.md:"),
            "no file and line"
        );
        assert!(body.contains("no-such-source"));
        assert!(body.contains("<em>hint:</em>"));
        // Other pages carry the banner but not this page's problems.
        let (_, other) = get(addr, "/en/m/do-i-need-a-scan/");
        assert!(!other.contains("no-such-source"));
        assert!(other.contains("1 error(s)"), "banner counts the error");

        // A file that no longer parses: its page stays, with the diagnostic.
        let build = preview.build_number();
        std::fs::write(&file, "+++\nid = \n").unwrap();
        rebuilt(build);
        let (head, body) = get(addr, "/en/m/radiation/");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(body.contains("data-testid=\"problems\""), "{body}");
        assert!(body.contains("modules/radiation/en.md"));
        let (_, build_text) = get(addr, "/__preview/build");
        assert_eq!(build_text, preview.build_number().to_string());
    }
}
