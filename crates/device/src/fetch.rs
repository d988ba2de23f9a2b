//! Fetchers: HTTP(S) for a channel server or CDN, and a directory for the seed embedded in the
//! app. Both hold every download to its cap; HTTP also to a per-file deadline and one overall
//! deadline for the whole sync, so neither an endless nor a trickling server can hold the
//! updater (a server trickling many files, each just inside its own deadline, still meets
//! the overall one).

use scanwise_channel::client::{FetchError, Fetcher};
use scanwise_channel::layout;
use std::io::Read;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Read at most `max` bytes, failing once more arrive or `deadline` passes.
fn read_capped(
    path: &str,
    mut reader: impl Read,
    max: u64,
    deadline: Option<Instant>,
) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err(FetchError::Timeout { path: path.into() });
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                return Err(FetchError::Timeout { path: path.into() });
            }
            Err(e) => {
                return Err(FetchError::Transport {
                    path: path.into(),
                    message: e.to_string(),
                });
            }
        };
        if out.len() as u64 + n as u64 > max {
            return Err(FetchError::TooLarge {
                path: path.into(),
                max,
            });
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// A channel served over HTTP(S): `BASE/channels/...` and `BASE/blobs/...`. Sends nothing but
/// GETs with no identifying headers beyond the HTTP client's defaults.
pub struct HttpFetcher {
    base: String,
    agent: ureq::Agent,
    total: Duration,
    /// When the whole sync must be over (`None`: only the per-file bound).
    deadline: Option<Instant>,
}

/// Default bound on one file, connect to last byte.
pub const FILE_TIMEOUT: Duration = Duration::from_secs(60);
/// Default bound on one whole sync (every file of it).
pub const SYNC_DEADLINE: Duration = Duration::from_secs(5 * 60);

impl HttpFetcher {
    /// `total` bounds one download from connect to last byte.
    pub fn new(base: &str, total: Duration) -> Self {
        let agent = with_platform_tls(
            ureq::AgentBuilder::new()
                .timeout_connect(Duration::from_secs(10).min(total))
                .timeout_read(Duration::from_secs(10).min(total))
                .timeout(total)
                .redirects(0),
        )
        .build();
        HttpFetcher {
            base: base.trim_end_matches('/').to_owned(),
            agent,
            total,
            deadline: None,
        }
    }

    /// Every download through this fetcher must also end within `overall` from now: one
    /// fetcher per sync gives each sync one deadline.
    pub fn with_overall_deadline(mut self, overall: Duration) -> Self {
        self.deadline = Some(Instant::now() + overall);
        self
    }
}

/// The platform's TLS with its own trust store and full certificate and host name checks
/// (native-tls defaults). If it cannot be set up, the agent keeps no TLS backend: every HTTPS
/// fetch then fails as a transport error, never falls back to an unverified connection.
#[cfg(not(target_os = "android"))]
fn with_platform_tls(builder: ureq::AgentBuilder) -> ureq::AgentBuilder {
    match native_tls::TlsConnector::new() {
        Ok(connector) => builder.tls_connector(std::sync::Arc::new(connector)),
        Err(_) => builder,
    }
}

/// Android: ureq's rustls with its bundled web PKI roots (see Cargo.toml).
#[cfg(target_os = "android")]
fn with_platform_tls(builder: ureq::AgentBuilder) -> ureq::AgentBuilder {
    builder
}

impl Fetcher for HttpFetcher {
    fn fetch(&self, path: &str, max_len: u64) -> Result<Option<Vec<u8>>, FetchError> {
        layout::check_file_path(path).map_err(|e| FetchError::Transport {
            path: path.into(),
            message: e.to_string(),
        })?;
        let mut deadline = Instant::now() + self.total;
        if let Some(overall) = self.deadline {
            deadline = deadline.min(overall);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(FetchError::Timeout { path: path.into() });
        }
        let response = match self
            .agent
            .get(&format!("{}/{path}", self.base))
            .timeout(left)
            .call()
        {
            Ok(r) => r,
            Err(ureq::Error::Status(404, _)) => return Ok(None),
            Err(ureq::Error::Status(status, _)) => {
                return Err(FetchError::Status {
                    path: path.into(),
                    status,
                });
            }
            Err(ureq::Error::Transport(t)) => {
                let message = t.to_string();
                return Err(if message.contains("timed out") {
                    FetchError::Timeout { path: path.into() }
                } else {
                    FetchError::Transport {
                        path: path.into(),
                        message,
                    }
                });
            }
        };
        // A declared length over the cap is refused before reading the body.
        if let Some(len) = response
            .header("content-length")
            .and_then(|v| v.parse::<u64>().ok())
            && len > max_len
        {
            return Err(FetchError::TooLarge {
                path: path.into(),
                max: max_len,
            });
        }
        read_capped(path, response.into_reader(), max_len, Some(deadline)).map(Some)
    }
}

/// A channel laid out in a local directory (the seed shipped inside the app, or a USB stick).
pub struct DirFetcher {
    dir: PathBuf,
}

impl DirFetcher {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DirFetcher { dir: dir.into() }
    }
}

impl Fetcher for DirFetcher {
    fn fetch(&self, path: &str, max_len: u64) -> Result<Option<Vec<u8>>, FetchError> {
        let io = |e: std::io::Error| FetchError::Transport {
            path: path.into(),
            message: e.to_string(),
        };
        layout::check_file_path(path).map_err(|e| FetchError::Transport {
            path: path.into(),
            message: e.to_string(),
        })?;
        match std::fs::File::open(self.dir.join(path)) {
            Ok(f) => read_capped(path, f, max_len, None).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(e)),
        }
    }
}

/// `file:///dir` → [`DirFetcher`], `http(s)://…` → [`HttpFetcher`] with `per_file` on each
/// download and `overall` on all of them together.
pub fn for_url(url: &str, per_file: Duration, overall: Duration) -> Box<dyn Fetcher> {
    match url.strip_prefix("file://") {
        Some(dir) => Box::new(DirFetcher::new(dir)),
        None => Box::new(HttpFetcher::new(url, per_file).with_overall_deadline(overall)),
    }
}

/// A channel held in memory: the seed an app embeds at compile time (`include_bytes!` of a
/// channel directory's files), served through the same verification as any other channel.
#[derive(Debug, Clone, Default)]
pub struct MemFetcher {
    files: std::collections::BTreeMap<String, Vec<u8>>,
}

impl MemFetcher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a file at its channel path (`channels/<ch>/timestamp.json`, `blobs/sha256/…`).
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }
}

impl Fetcher for MemFetcher {
    fn fetch(&self, path: &str, max_len: u64) -> Result<Option<Vec<u8>>, FetchError> {
        match self.files.get(path) {
            None => Ok(None),
            Some(b) if b.len() as u64 > max_len => Err(FetchError::TooLarge {
                path: path.into(),
                max: max_len,
            }),
            Some(b) => Ok(Some(b.clone())),
        }
    }
}
