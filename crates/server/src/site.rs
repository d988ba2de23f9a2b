//! The web edition (`scanwise site --out DIR`) served from memory: `scanwise-server --site DIR`.
//!
//! [`Site::load`] reads every file of a folder that carries the `.scanwise-site` marker once,
//! at start-up, and precompresses the text types: gzip at level 9 at once, brotli at quality 11
//! before it returns or later on a thread of the caller's ([`Brotli`]); a variant is kept only
//! when smaller. Dot files (the marker) are not served.
//! Each request is then a map lookup and a clone of prepared headers and a shared body: no file
//! system, no compression, no body copy.
//!
//! - Representation chosen by `Accept-Encoding` (br, then gzip, then identity; `q=0` refuses),
//!   with `Vary: Accept-Encoding`, `Content-Length` and a `Content-Type` with its charset.
//! - A strong `ETag` per representation (`"<sha256 prefix>"`, `-gz`, `-br`); `If-None-Match`
//!   (lists, `*`, weak comparison) answers 304 without a body.
//! - `Cache-Control`: `no-cache` for HTML, `sw.js` and `*.webmanifest`; `public, max-age=3600`
//!   for other files; `public, max-age=31536000, immutable` when the name carries a hash.
//! - `/` and `/x/` serve `index.html`; `/x` of a folder is a 301 to `/x/` with the query kept;
//!   `..`, `.` segments, backslashes, NUL, encoded slashes and bad escapes are 400; anything
//!   else missing is 404 (the site's `404.html` if it has one).
//! - Every answer carries the CSP, `X-Content-Type-Options: nosniff` and
//!   `Referrer-Policy: no-referrer`. Nothing is logged and no cookie is set.
//!
//! The site is read once: after `scanwise site` rebuilds the folder, restart the server.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, Request, StatusCode, header};
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The file `scanwise site` writes into every site folder.
pub const MARKER: &str = ".scanwise-site";

/// The Content-Security-Policy of every site response.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

const NO_CACHE: &str = "no-cache";
const SHORT: &str = "public, max-age=3600";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const ALLOW: &str = "GET, HEAD";

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(
        "{0} is not a site written by `scanwise site` (no {MARKER} file in it); build one with `scanwise site --out DIR`"
    )]
    NotASite(PathBuf),
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: a file name that is not UTF-8 cannot be served")]
    NotUtf8(PathBuf),
}

/// A site held in memory, ready to answer requests.
pub struct Site {
    /// Request path without its leading `/`, decoded: a file (`en/site.css`), a folder with
    /// its slash (`en/`, and `""` for the root) or a folder without it (a redirect).
    paths: HashMap<Box<str>, Target>,
    not_found: Option<Arc<Entry>>,
    entries: Vec<Arc<Entry>>,
}

/// What a load read and made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SiteStats {
    pub files: usize,
    pub bytes: u64,
    /// Files with a gzip / brotli variant, and those variants' bytes.
    pub gzip_files: usize,
    pub gzip_bytes: u64,
    pub br_files: usize,
    pub br_bytes: u64,
}

enum Target {
    File(Arc<Entry>),
    /// A folder asked for without its trailing slash.
    Folder,
}

/// One file: its identity representation and the compressed ones worth keeping.
struct Entry {
    identity: Prepared,
    gzip: Option<Prepared>,
    /// Set once brotli has run (at load, or later in the background) and only if smaller.
    br: OnceLock<Prepared>,
    meta: Meta,
}

/// What every representation of a file shares.
struct Meta {
    hash: String,
    ctype: &'static str,
    cache: &'static str,
    text: bool,
}

/// When the brotli variants are made: brotli at quality 11 takes seconds per megabyte (about
/// 40 s of one core for the shipped site), gzip at level 9 under a second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Brotli {
    /// Before [`Site::load`] returns (tests).
    Wait,
    /// Later, when the caller runs [`Site::brotli_pass`] (on a thread of its own, while the
    /// site is served); until a file's turn comes, a client that takes brotli gets gzip.
    Later,
}

/// A body with its 200 (GET and HEAD) and 304 answers prepared: a site file's representation
/// or a cached channel file.
pub(crate) struct Prepared {
    pub(crate) body: Bytes,
    pub(crate) etag: HeaderValue,
    pub(crate) ok: HeaderMap,
    pub(crate) not_modified: HeaderMap,
}

impl Prepared {
    /// 304 when `If-None-Match` names the ETag; otherwise 200, without the body for `HEAD`.
    pub(crate) fn respond(&self, req_headers: &HeaderMap, head: bool) -> Response {
        if if_none_match(req_headers, &self.etag) {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            *r.headers_mut() = self.not_modified.clone();
            return r;
        }
        let mut r = Response::new(if head {
            Body::empty()
        } else {
            Body::from(self.body.clone())
        });
        *r.headers_mut() = self.ok.clone();
        r
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Coding {
    Identity,
    Gzip,
    Br,
}

impl Coding {
    fn name(self) -> Option<&'static str> {
        match self {
            Coding::Identity => None,
            Coding::Gzip => Some("gzip"),
            Coding::Br => Some("br"),
        }
    }
    fn etag_suffix(self) -> &'static str {
        match self {
            Coding::Identity => "",
            Coding::Gzip => "-gz",
            Coding::Br => "-br",
        }
    }
}

/// The `Content-Type` for a file name, and whether it is text worth compressing.
pub fn content_type(name: &str) -> (&'static str, bool) {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => ("text/html; charset=utf-8", true),
        "css" => ("text/css; charset=utf-8", true),
        "js" | "mjs" => ("text/javascript; charset=utf-8", true),
        "json" => ("application/json; charset=utf-8", true),
        "webmanifest" => ("application/manifest+json; charset=utf-8", true),
        "svg" => ("image/svg+xml; charset=utf-8", true),
        "txt" => ("text/plain; charset=utf-8", true),
        "xml" => ("application/xml; charset=utf-8", true),
        "png" => ("image/png", false),
        "jpg" | "jpeg" => ("image/jpeg", false),
        "gif" => ("image/gif", false),
        "webp" => ("image/webp", false),
        "avif" => ("image/avif", false),
        "ico" => ("image/x-icon", false),
        "woff2" => ("font/woff2", false),
        "woff" => ("font/woff", false),
        "ttf" => ("font/ttf", false),
        "otf" => ("font/otf", false),
        "pdf" => ("application/pdf", false),
        "wasm" => ("application/wasm", false),
        _ => ("application/octet-stream", false),
    }
}

/// `Cache-Control` for a file: pages, the service worker and the manifest are revalidated on
/// every use (so an update is seen at once); hashed names are immutable; the rest an hour.
pub fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let (ctype, _) = content_type(name);
    if ctype.starts_with("text/html") || name == "sw.js" || name.ends_with(".webmanifest") {
        NO_CACHE
    } else if has_content_hash(name) {
        IMMUTABLE
    } else {
        SHORT
    }
}

/// `site.3f2a9c1b.css`, `search-en-0123abcd4567.json`: a part of at least 8 hex digits (with a
/// digit in it) just before the extension.
fn has_content_hash(name: &str) -> bool {
    let Some((stem, _ext)) = name.rsplit_once('.') else {
        return false;
    };
    let Some(part) = stem.rsplit(['.', '-', '_']).next() else {
        return false;
    };
    part.len() >= 8
        && part.len() < stem.len()
        && part.bytes().all(|b| b.is_ascii_hexdigit())
        && part.bytes().any(|b| b.is_ascii_digit())
}

fn security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::best(),
    );
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

fn brotli(data: &[u8]) -> Vec<u8> {
    // Window just large enough for the file (less memory for the many small pages).
    let lgwin = (usize::BITS - data.len().max(1).leading_zeros()).clamp(10, 22) as i32;
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("writing to memory");
    out
}

impl Entry {
    /// The file with its gzip variant, and its brotli variant if `with_brotli`.
    fn new(path: &str, data: Vec<u8>, with_brotli: bool) -> Entry {
        let (ctype, text) = content_type(path);
        let meta = Meta {
            hash: content_tag(&data),
            ctype,
            cache: cache_control(path),
            text,
        };
        let gz = (text && !data.is_empty())
            .then(|| gzip(&data))
            .filter(|g| g.len() < data.len());
        let e = Entry {
            gzip: gz.map(|b| meta.variant(b, Coding::Gzip)),
            br: OnceLock::new(),
            identity: meta.variant(data, Coding::Identity),
            meta,
        };
        if with_brotli {
            e.add_brotli();
        }
        e
    }

    /// Make the brotli variant; keep it if smaller than the file.
    fn add_brotli(&self) {
        let data = &self.identity.body;
        if !self.meta.text || data.is_empty() || self.br.get().is_some() {
            return;
        }
        let br = brotli(data);
        if br.len() < data.len() {
            let _ = self.br.set(self.meta.variant(br, Coding::Br));
        }
    }

    /// Brotli, then gzip (the smaller if the client takes both), then the file itself.
    fn pick(&self, accept: Accepts) -> &Prepared {
        let br = self.br.get().filter(|_| accept.br);
        let gz = self.gzip.as_ref().filter(|_| accept.gzip);
        match (br, gz) {
            (Some(b), Some(g)) if g.body.len() < b.body.len() => g,
            (Some(b), _) => b,
            (None, Some(g)) => g,
            (None, None) => &self.identity,
        }
    }
}

impl Meta {
    /// One representation of the file with its answers prepared.
    fn variant(&self, body: Vec<u8>, coding: Coding) -> Prepared {
        let body = Bytes::from(body);
        let etag = HeaderValue::from_str(&format!("\"{}{}\"", self.hash, coding.etag_suffix()))
            .expect("hex is a valid header");
        let mut common = HeaderMap::with_capacity(8);
        security_headers(&mut common);
        if self.text {
            common.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        }
        let mut not_modified = common.clone();
        not_modified.insert(header::ETAG, etag.clone());
        not_modified.insert(header::CACHE_CONTROL, HeaderValue::from_static(self.cache));
        let mut ok = common;
        ok.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.ctype));
        ok.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        if let Some(name) = coding.name() {
            ok.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        ok.insert(header::ETAG, etag.clone());
        ok.insert(header::CACHE_CONTROL, HeaderValue::from_static(self.cache));
        Prepared {
            body,
            etag,
            ok,
            not_modified,
        }
    }
}

/// The site's `404.html` answers 404 with its 200 headers but no `ETag` and `no-cache` (a
/// 404 is not to be kept): the same headers in the same order, `Cache-Control` last.
fn not_found_headers(ok: &HeaderMap) -> HeaderMap {
    let mut h = HeaderMap::with_capacity(ok.len());
    for (name, value) in ok {
        if name != header::ETAG && name != header::CACHE_CONTROL {
            h.append(name.clone(), value.clone());
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    h
}

impl Site {
    /// Read the site in `dir` into memory and precompress it (gzip on every core; brotli as
    /// `brotli` says).
    pub fn load(dir: &Path, brotli: Brotli) -> Result<Site, SiteError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| SiteError::Io { path, source }
        };
        match std::fs::metadata(dir.join(MARKER)) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Err(SiteError::NotASite(dir.to_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(SiteError::NotASite(dir.to_owned()));
            }
            Err(e) => return Err(io(&dir.join(MARKER))(e)),
        }
        let mut files = Vec::new();
        collect(dir, "", &mut files)?;
        let mut raw = Vec::with_capacity(files.len());
        for (rel, path) in files {
            raw.push((rel, std::fs::read(&path).map_err(io(&path))?));
        }
        let entries = precompress(raw, brotli == Brotli::Wait);
        let mut paths = HashMap::with_capacity(entries.len() * 2);
        let mut all = Vec::with_capacity(entries.len());
        for (rel, entry) in entries {
            let entry = Arc::new(entry);
            all.push(entry.clone());
            if let Some(folder) = rel.strip_suffix("index.html")
                && (folder.is_empty() || folder.ends_with('/'))
            {
                paths.insert(folder.into(), Target::File(entry.clone()));
                if let Some(bare) = folder.strip_suffix('/') {
                    paths.insert(bare.into(), Target::Folder);
                }
            }
            paths.insert(rel.into_boxed_str(), Target::File(entry));
        }
        let not_found = match paths.get("404.html") {
            Some(Target::File(e)) => Some(e.clone()),
            _ => None,
        };
        Ok(Site {
            paths,
            not_found,
            entries: all,
        })
    }

    /// The brotli pass of a site loaded with [`Brotli::Later`], to run on a thread of its own
    /// (one core, so serving keeps the others). Returns what is in memory then.
    pub fn brotli_pass(&self) -> impl FnOnce() -> SiteStats + Send + 'static {
        let entries = self.entries.clone();
        move || {
            entries.iter().for_each(|e| e.add_brotli());
            stats_of(&entries)
        }
    }

    /// What is in memory now (brotli variants grow while a background pass runs).
    pub fn stats(&self) -> SiteStats {
        stats_of(&self.entries)
    }

    /// The answer to a request for a site path (any path the channel routes do not take).
    pub fn respond<B>(&self, req: &Request<B>) -> Response {
        let head = match *req.method() {
            Method::GET => false,
            Method::HEAD => true,
            _ => {
                let mut h = plain_headers();
                h.insert(header::ALLOW, HeaderValue::from_static(ALLOW));
                return plain(
                    StatusCode::METHOD_NOT_ALLOWED,
                    h,
                    "405 Method Not Allowed\n",
                );
            }
        };
        let headers = req.headers();
        let raw = req.uri().path();
        let entry = match self.lookup(raw) {
            Lookup::File(e) => e,
            Lookup::Folder => return redirect(raw, req.uri().query()),
            Lookup::NotFound => return self.not_found(headers, head),
            Lookup::Bad => {
                return plain(
                    StatusCode::BAD_REQUEST,
                    plain_headers(),
                    "400 Bad Request\n",
                );
            }
        };
        entry.pick(accepts(headers)).respond(headers, head)
    }

    fn not_found(&self, headers: &HeaderMap, head: bool) -> Response {
        match &self.not_found {
            Some(e) => {
                let v = e.pick(accepts(headers));
                let mut r = Response::new(if head {
                    Body::empty()
                } else {
                    Body::from(v.body.clone())
                });
                *r.status_mut() = StatusCode::NOT_FOUND;
                *r.headers_mut() = not_found_headers(&v.ok);
                r
            }
            None => plain(StatusCode::NOT_FOUND, plain_headers(), "404 Not Found\n"),
        }
    }

    fn lookup(&self, raw: &str) -> Lookup<'_> {
        let Some(rel) = raw.strip_prefix('/') else {
            return Lookup::Bad;
        };
        let Ok(decoded) = decode(rel) else {
            return Lookup::Bad;
        };
        let path = decoded.as_deref().unwrap_or(rel);
        // Keys are checked, decoded paths: a path that is a key needs no more checks.
        if let Some(t) = self.paths.get(path) {
            return t.into();
        }
        if path
            .split('/')
            .any(|s| s == ".." || s == "." || s.contains(['\\', '\0']))
        {
            Lookup::Bad
        } else {
            Lookup::NotFound
        }
    }
}

fn stats_of(entries: &[Arc<Entry>]) -> SiteStats {
    let mut s = SiteStats::default();
    for e in entries {
        s.files += 1;
        s.bytes += e.identity.body.len() as u64;
        if let Some(g) = &e.gzip {
            s.gzip_files += 1;
            s.gzip_bytes += g.body.len() as u64;
        }
        if let Some(b) = e.br.get() {
            s.br_files += 1;
            s.br_bytes += b.body.len() as u64;
        }
    }
    s
}

enum Lookup<'a> {
    File(&'a Entry),
    Folder,
    NotFound,
    Bad,
}

impl<'a> From<&'a Target> for Lookup<'a> {
    fn from(t: &'a Target) -> Self {
        match t {
            Target::File(e) => Lookup::File(e),
            Target::Folder => Lookup::Folder,
        }
    }
}

/// Percent-decode a path: `Ok(None)` when there is nothing to decode, `Err` for a bad escape,
/// an encoded `/` (it would change the path's segments) or bytes that are not UTF-8.
fn decode(s: &str) -> Result<Option<String>, ()> {
    if !s.contains('%') {
        return Ok(None);
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let (Some(hi), Some(lo)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) else {
                return Err(());
            };
            let byte = (hi * 16 + lo) as u8;
            if byte == b'/' {
                return Err(());
            }
            out.push(byte);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map(Some).map_err(|_| ())
}

/// The files under `dir` (no dot files or folders, so not the marker; no symlinks), as
/// (`a/b.html`, full path).
fn collect(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> Result<(), SiteError> {
    let io = |source| SiteError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<_, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let name = e
            .file_name()
            .into_string()
            .map_err(|_| SiteError::NotUtf8(path.clone()))?;
        if name.starts_with('.') || name.contains('\\') {
            continue;
        }
        let ft = e.file_type().map_err(|source| SiteError::Io {
            path: path.clone(),
            source,
        })?;
        let rel = format!("{prefix}{name}");
        if ft.is_dir() {
            collect(&path, &format!("{rel}/"), out)?;
        } else if ft.is_file() {
            out.push((rel, path));
        }
    }
    Ok(())
}

/// Hash and compress every file, spread over the machine's cores.
fn precompress(files: Vec<(String, Vec<u8>)>, with_brotli: bool) -> Vec<(String, Entry)> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let queue = std::sync::Mutex::new(files.into_iter().enumerate());
    let mut done: Vec<(usize, String, Entry)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                        let Some((i, (rel, data))) = next else {
                            return mine;
                        };
                        let entry = Entry::new(&rel, data, with_brotli);
                        mine.push((i, rel, entry));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("compression worker"))
            .collect()
    });
    done.sort_by_key(|(i, _, _)| *i);
    done.into_iter().map(|(_, r, e)| (r, e)).collect()
}

/// Which compressed representations the client takes (`Accept-Encoding`, `q=0` refuses; a
/// coding not named takes `*`'s weight; no header: identity only).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
struct Accepts {
    br: bool,
    gzip: bool,
}

fn accepts(headers: &HeaderMap) -> Accepts {
    let (mut br, mut gzip, mut star) = (None, None, None);
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let mut ok = true;
            for p in parts {
                if let Some((k, v)) = p.split_once('=')
                    && k.trim().eq_ignore_ascii_case("q")
                {
                    ok = v.trim().parse::<f32>().is_ok_and(|q| q > 0.0);
                }
            }
            if coding.eq_ignore_ascii_case("br") {
                br = Some(ok);
            } else if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                gzip = Some(ok);
            } else if coding == "*" {
                star = Some(ok);
            }
        }
    }
    let star = star.unwrap_or(false);
    Accepts {
        br: br.unwrap_or(star),
        gzip: gzip.unwrap_or(star),
    }
}

/// The content part of every ETag this server makes: the first 128 bits of the SHA-256, hex.
pub(crate) fn content_tag(b: &[u8]) -> String {
    hex::encode(&Sha256::digest(b)[..16])
}

/// `If-None-Match` names `etag` (weak comparison: `W/` ignored) or is `*`.
pub(crate) fn if_none_match(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let ours = etag.as_bytes();
    headers.get_all(header::IF_NONE_MATCH).iter().any(|v| {
        v.as_bytes().split(|&b| b == b',').any(|t| {
            let t = t.trim_ascii();
            t == b"*" || t.strip_prefix(b"W/").unwrap_or(t) == ours
        })
    })
}

fn plain_headers() -> HeaderMap {
    let mut h = HeaderMap::with_capacity(6);
    security_headers(&mut h);
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
    h
}

fn plain(status: StatusCode, mut h: HeaderMap, body: &'static str) -> Response {
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    *r.headers_mut() = h;
    r
}

/// 301 from a folder without its slash to the folder, keeping the query (`/open?m=a` →
/// `/open/?m=a`). `raw` is a checked path of the site, so the target stays on this host.
fn redirect(raw: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{raw}/?{q}"),
        None => format!("{raw}/"),
    };
    let mut h = HeaderMap::with_capacity(6);
    security_headers(&mut h);
    match HeaderValue::from_str(&location) {
        Ok(v) => h.insert(header::LOCATION, v),
        Err(_) => {
            return plain(
                StatusCode::BAD_REQUEST,
                plain_headers(),
                "400 Bad Request\n",
            );
        }
    };
    h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
    *r.headers_mut() = h;
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderName;

    fn h(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        m
    }

    #[test]
    fn accept_encoding_honours_q_zero_and_star() {
        let a = |v: &'static str| accepts(&h(&[("accept-encoding", v)]));
        assert_eq!(accepts(&HeaderMap::new()), Accepts::default());
        assert_eq!(
            a("gzip, deflate, br"),
            Accepts {
                br: true,
                gzip: true
            }
        );
        assert_eq!(
            a("gzip;q=1.0, br;q=0"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            a("br;q=0.000, gzip;q=0.5"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            a("*"),
            Accepts {
                br: true,
                gzip: true
            }
        );
        assert_eq!(
            a("*;q=0, gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(a("identity"), Accepts::default());
        assert_eq!(
            a("x-gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(a("GZIP ; Q=0"), Accepts::default());
        assert_eq!(a("br;q=oops"), Accepts::default());
    }

    #[test]
    fn if_none_match_lists_star_and_weak() {
        let tag = HeaderValue::from_static("\"abc-gz\"");
        let m = |v: &'static str| if_none_match(&h(&[("if-none-match", v)]), &tag);
        assert!(m("\"abc-gz\""));
        assert!(m("\"x\", W/\"abc-gz\""));
        assert!(m("*"));
        assert!(!m("\"abc\""));
        assert!(!m("\"abc-br\", \"abc\""));
        assert!(!if_none_match(&HeaderMap::new(), &tag));
    }

    #[test]
    fn not_found_headers_are_the_ok_ones_without_etag_and_not_cached() {
        let pairs = |m: &HeaderMap| -> Vec<(String, String)> {
            m.iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
                .collect()
        };
        let meta = Meta {
            hash: "00".repeat(16),
            ctype: "text/html; charset=utf-8",
            cache: IMMUTABLE,
            text: true,
        };
        for coding in [Coding::Identity, Coding::Gzip, Coding::Br] {
            let v = meta.variant(b"<p>gone</p>".to_vec(), coding);
            let mut want = HeaderMap::new();
            security_headers(&mut want);
            want.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            want.insert(header::CONTENT_TYPE, HeaderValue::from_static(meta.ctype));
            want.insert(header::CONTENT_LENGTH, HeaderValue::from(11));
            if let Some(name) = coding.name() {
                want.insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
            }
            want.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_CACHE));
            assert_eq!(pairs(&not_found_headers(&v.ok)), pairs(&want));
        }
    }

    #[test]
    fn content_tag_is_the_sha256_hex_prefix() {
        for b in [&b""[..], b"abc", &[0u8; 1000]] {
            assert_eq!(content_tag(b), scanwise_channel::sha256_hex(b)[..32]);
        }
    }

    #[test]
    fn cache_rules() {
        assert_eq!(cache_control("en/m/x/index.html"), NO_CACHE);
        assert_eq!(cache_control("sw.js"), NO_CACHE);
        assert_eq!(cache_control("manifest.webmanifest"), NO_CACHE);
        assert_eq!(cache_control("site.css"), SHORT);
        assert_eq!(cache_control("site.js"), SHORT);
        assert_eq!(cache_control("en/search/index.json"), SHORT);
        assert_eq!(cache_control("site.3f2a9c1b.css"), IMMUTABLE);
        assert_eq!(cache_control("search/en-0123abcd4567.json"), IMMUTABLE);
        assert_eq!(cache_control("deadbeefcafe.json"), SHORT);
        assert_eq!(cache_control("icon-deadbeef.png"), SHORT);
    }

    #[test]
    fn decoding_refuses_encoded_slashes_and_bad_escapes() {
        assert_eq!(decode("en/m/x/"), Ok(None));
        assert_eq!(decode("a%20b"), Ok(Some("a b".into())));
        assert_eq!(decode("a%2Fb"), Err(()));
        assert_eq!(decode("a%2fb"), Err(()));
        assert_eq!(decode("a%zz"), Err(()));
        assert_eq!(decode("a%4"), Err(()));
        assert_eq!(decode("%ff"), Err(()));
        assert_eq!(decode("%C3%A6"), Ok(Some("æ".into())));
    }
}
