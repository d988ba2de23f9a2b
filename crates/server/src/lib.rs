//! `scanwise-server`: serves a signed channel as static files and takes publishes.
//!
//! - `GET /channels/...` and `GET /blobs/...`: the channel files, ETag + `If-None-Match` → 304,
//!   `Cache-Control: immutable` for hashed and versioned files, short for `timestamp.json`.
//! - `POST /api/v1/channels/{channel}/publish`: an editor's bearer token, signed module
//!   statements and blobs ([`scanwise_channel::publish`]); the server verifies the editor
//!   signatures against the current root, checks the token's scope, plans the release with
//!   [`release::plan`] as every publisher does, and writes the next snapshot and timestamp
//!   (signed with the release key it holds) under a per-channel lock, so concurrent publishes
//!   never lose one.
//!
//! - With a [`site::Site`] (`scanwise-server --site DIR`): every other path is the web edition,
//!   served from memory (see [`site`]).
//!
//! Channel files and site pages take a fast path in front of the router ([`serve`]): a cache
//! hit is answered from prepared headers and a shared body, without an allocation for the body
//! or a call into storage. Hash-named channel files never change; the others (`timestamp.json`,
//! roots) are checked on each request: on the local backend against the file's metadata (one
//! `stat`), on S3 by age (at most [`MUTABLE_TTL`] old); a publish through this server drops them
//! at once.
//!
//! The same files can be served by nginx or any CDN; devices trust signatures, not the host.

pub mod auth;
pub mod site;
pub mod storage;

use auth::{EditorToken, RateLimiter};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::future::RouteFuture;
use axum::routing::{get, post};
use axum::serve::ListenerExt as _;
use axum::{Router, ServiceExt as _};
use scanwise_channel::keys::Keypair;
use scanwise_channel::publish::{PublishRequest, PublishResponse};
use scanwise_channel::release::{self, ChannelState, SignedUnit};
use scanwise_channel::roots::{self, RootChain};
use scanwise_channel::{client as verify, layout};
use site::{Prepared, Site};
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
pub use storage::{Storage, StorageError};

/// Largest request body accepted anywhere (a publish of a few packs).
pub const MAX_BODY: usize = 32 * 1024 * 1024;
/// In-memory cache budget for channel files.
const CACHE_BYTES: usize = 256 * 1024 * 1024;
/// On S3, channel files that can change (`timestamp.json`, roots) are re-read at least this
/// often (other writers); a publish through this server drops them at once.
pub const MUTABLE_TTL: Duration = Duration::from_secs(5);

pub struct Config {
    pub release_key: Keypair,
    pub editors: Vec<EditorToken>,
    pub publishes_per_minute: usize,
}

/// A channel file in memory with its answers prepared: 200 (ETag, Cache-Control,
/// Content-Type, Content-Length) and 304 (ETag, Cache-Control).
struct Cached {
    prepared: Prepared,
    fresh: Freshness,
}

/// How a cached file is known to be current.
enum Freshness {
    /// Named by its hash: it cannot change.
    Hashed,
    /// Local backend: the file's metadata when it was read (`None`: read again), and the
    /// publish generation.
    Stat {
        file: std::path::PathBuf,
        stamp: Option<storage::FileStamp>,
        generation: u64,
    },
    /// S3: when it was read, and the publish generation.
    Age { at: Instant, generation: u64 },
}

pub struct AppState {
    storage: Storage,
    config: Config,
    site: Option<Site>,
    locks: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    cache: RwLock<HashMap<String, Arc<Cached>>>,
    cache_bytes: AtomicUsize,
    /// Bumped after every publish through this server: cached mutable files are then stale.
    generation: AtomicU64,
    rate: RateLimiter,
}

impl AppState {
    pub fn new(storage: Storage, config: Config) -> Arc<Self> {
        Self::with_site(storage, config, None)
    }

    /// Also serve `site` at every path the channel routes do not take.
    pub fn with_site(storage: Storage, config: Config, site: Option<Site>) -> Arc<Self> {
        let rate = RateLimiter::new(config.publishes_per_minute.max(1), Duration::from_secs(60));
        Arc::new(AppState {
            storage,
            config,
            site,
            locks: Default::default(),
            cache: Default::default(),
            cache_bytes: Default::default(),
            generation: Default::default(),
            rate,
        })
    }

    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    pub fn storage(&self) -> &Storage {
        &self.storage
    }

    fn channel_lock(&self, channel: &str) -> Arc<tokio::sync::Mutex<()>> {
        self.locks
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(channel.to_owned())
            .or_default()
            .clone()
    }
}

/// The routes: channel files, the publish endpoint and, with a site, the site for the rest.
/// Reached only through [`FastPath`] (which [`serve`] runs): its channel-file routes expect
/// the cache to have been looked in already.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let r = Router::new()
        .route("/channels/{*rest}", get(file_route))
        .route("/blobs/{*rest}", get(file_route))
        .route("/api/v1/channels/{channel}/publish", post(publish));
    let r = if state.site.is_some() {
        r.fallback(site_route)
    } else {
        r
    };
    r.layer(DefaultBodyLimit::max(MAX_BODY)).with_state(state)
}

/// Serve until `shutdown` resolves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        // Answers are written whole; do not hold the last segment back.
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, FastPath::new(state).into_make_service())
        .with_graceful_shutdown(shutdown)
        .await
}

/// The router with a fast path in front: `GET`/`HEAD` of a cached channel file and every site
/// request are answered right here, without routing, extractors or a boxed future. Everything
/// else (cache misses, publishes, other methods) goes to the router.
#[derive(Clone)]
pub struct FastPath {
    state: Arc<AppState>,
    router: Router,
}

impl FastPath {
    pub fn new(state: Arc<AppState>) -> FastPath {
        FastPath {
            router: router(state.clone()),
            state,
        }
    }
}

/// [`FastPath`]'s future: ready at once, or the router's.
pub enum FastFuture {
    Ready(Option<Response>),
    Router(RouteFuture<Infallible>),
}

impl Future for FastFuture {
    type Output = Result<Response, Infallible>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            FastFuture::Ready(r) => {
                Poll::Ready(Ok(r.take().expect("FastFuture polled after completion")))
            }
            FastFuture::Router(f) => Pin::new(f).poll(cx),
        }
    }
}

impl tower_service::Service<Request> for FastPath {
    type Response = Response;
    type Error = Infallible;
    type Future = FastFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        // The fast path is always ready; the router is too (axum's `Router` is), but ask it.
        tower_service::Service::<Request>::poll_ready(&mut self.router, cx)
    }

    fn call(&mut self, req: Request) -> FastFuture {
        let path = req.uri().path();
        let get_or_head = matches!(*req.method(), Method::GET | Method::HEAD);
        if path.starts_with("/channels/") || path.starts_with("/blobs/") {
            if get_or_head && let Some(r) = cached_file(&self.state, &req) {
                return FastFuture::Ready(Some(r));
            }
        } else if !path.starts_with("/api/")
            && let Some(site) = &self.state.site
        {
            return FastFuture::Ready(Some(site.respond(&req)));
        }
        FastFuture::Router(tower_service::Service::call(&mut self.router, req))
    }
}

async fn site_route(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match &state.site {
        Some(site) => site.respond(&req),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Write root 1 of a channel if the storage has none (an operator step, done once).
pub async fn init_channel(storage: &Storage, root_bytes: &[u8]) -> Result<(), ApiError> {
    let root = verify::verify_self_signed_root(root_bytes).map_err(ApiError::Channel)?;
    let path = layout::root_path(&root.value.channel, 1);
    if storage.get(&path).await?.is_none() {
        storage.put(&path, root_bytes.to_vec()).await?;
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("missing or unknown token")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(String),
    #[error("too many publishes; try again in a minute")]
    RateLimited,
    #[error("the channel kept changing under this publish; try again")]
    Conflict,
    #[error("rejected: {0}")]
    Channel(scanwise_channel::Error),
    #[error("storage: {0}")]
    Storage(#[from] StorageError),
    #[error("internal: {0}")]
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        use scanwise_channel::Error as CE;
        let status = match &self {
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Conflict => StatusCode::CONFLICT,
            ApiError::Channel(
                CE::Rollback { .. }
                | CE::Equivocation { .. }
                | CE::VersionJump { .. }
                | CE::VersionExhausted { .. },
            ) => StatusCode::CONFLICT,
            // The server's own clock is behind the channel: an operator must act.
            ApiError::Channel(CE::ClockBehind { .. }) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Channel(CE::Threshold { .. } | CE::WrongPayloadType { .. }) => {
                StatusCode::FORBIDDEN
            }
            ApiError::Channel(CE::BadId { .. }) => StatusCode::BAD_REQUEST,
            ApiError::Channel(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Storage(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.to_string(),
        )
            .into_response()
    }
}

fn etag_for(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{}\"", site::content_tag(bytes)))
        .expect("hex is a valid header")
}

/// Channel files named by their hash: their bytes can never change under that name.
fn hash_named(rel: &str) -> bool {
    rel.starts_with("blobs/") || rel.contains("/modules/") || rel.contains("/snapshot/")
}

impl Cached {
    fn new(rel: &str, bytes: Bytes, fresh: Freshness) -> Cached {
        let etag = etag_for(&bytes);
        let cache_control = if layout::is_immutable(rel) {
            "public, max-age=31536000, immutable"
        } else {
            "public, max-age=60"
        };
        let ctype = if rel.starts_with("blobs/") {
            "application/zstd"
        } else {
            "application/json"
        };
        let mut not_modified = HeaderMap::with_capacity(4);
        not_modified.insert(header::ETAG, etag.clone());
        not_modified.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        let mut ok = not_modified.clone();
        ok.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
        ok.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
        Cached {
            prepared: Prepared {
                body: bytes,
                etag,
                ok,
                not_modified,
            },
            fresh,
        }
    }

    fn is_fresh(&self, state: &AppState) -> bool {
        match &self.fresh {
            Freshness::Hashed => true,
            Freshness::Stat {
                file,
                stamp,
                generation,
            } => {
                // One stat of a local file: cheaper than a hop to the blocking pool.
                *generation == state.generation.load(Ordering::Acquire)
                    && stamp.is_some()
                    && storage::FileStamp::of(file) == *stamp
            }
            Freshness::Age { at, generation } => {
                *generation == state.generation.load(Ordering::Acquire)
                    && at.elapsed() < MUTABLE_TTL
            }
        }
    }

    fn respond(&self, req: &Request) -> Response {
        self.prepared
            .respond(req.headers(), req.method() == Method::HEAD)
    }
}

/// The answer from the cache, if `req`'s file is there and current.
fn cached_file(state: &AppState, req: &Request) -> Option<Response> {
    let rel = req.uri().path().strip_prefix('/')?;
    let hit = state
        .cache
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .get(rel)
        .cloned()?;
    hit.is_fresh(state).then(|| hit.respond(req))
}

/// A channel file the cache did not answer: [`FastPath`] looks there before it routes a `GET`
/// or `HEAD`, and the router is reached only through it.
async fn file_route(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let rel = req.uri().path().trim_start_matches('/').to_owned();
    match load_file(&state, &rel).await {
        Ok(c) => c.respond(&req),
        Err(e) => e.into_response(),
    }
}

/// A cache miss: read the file from storage (only paths the channel layout can produce reach
/// storage: no traversal, no listing), keep it if the budget allows, answer.
async fn load_file(state: &AppState, rel: &str) -> Result<Arc<Cached>, ApiError> {
    layout::check_file_path(rel).map_err(|_| ApiError::NotFound)?;
    // What the bytes are checked against later is taken before they are read: a change in
    // between makes the entry stale, never a stale entry look current.
    let generation = state.generation.load(Ordering::Acquire);
    let fresh = if hash_named(rel) {
        Freshness::Hashed
    } else if let Some(file) = state.storage.local_file(rel) {
        Freshness::Stat {
            // A file written within the last clock tick or two could change again unseen
            // (same size, same time): no stamp, so it is read again until it has settled.
            stamp: storage::FileStamp::of(&file).filter(|s| !s.is_racy()),
            file,
            generation,
        }
    } else {
        Freshness::Age {
            at: Instant::now(),
            generation,
        }
    };
    let bytes = state.storage.get(rel).await?.ok_or(ApiError::NotFound)?;
    let c = Arc::new(Cached::new(rel, bytes, fresh));
    let len = c.prepared.body.len();
    if state.cache_bytes.load(Ordering::Relaxed) + len <= CACHE_BYTES {
        let old = state
            .cache
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(rel.to_owned(), c.clone());
        state.cache_bytes.fetch_add(len, Ordering::Relaxed);
        if let Some(old) = old {
            state
                .cache_bytes
                .fetch_sub(old.prepared.body.len(), Ordering::Relaxed);
        }
    }
    Ok(c)
}

async fn publish(
    State(state): State<Arc<AppState>>,
    Path(channel): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<axum::Json<PublishResponse>, ApiError> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    handle_publish(&state, &channel, auth, &body, unix_now()?)
        .await
        .map(axum::Json)
}

fn unix_now() -> Result<i64, ApiError> {
    Ok(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .as_secs()
        .min(i64::MAX as u64) as i64)
}

/// The publish endpoint's whole logic, for the router and for tests (the property test feeds
/// it arbitrary bodies: no input may panic it). `authorization` is the raw header value.
pub async fn handle_publish(
    state: &AppState,
    channel: &str,
    authorization: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<PublishResponse, ApiError> {
    layout::check_channel(channel).map_err(|_| ApiError::NotFound)?;
    let token = authorization
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    let editor = auth::authenticate(&state.config.editors, token)
        .ok_or(ApiError::Unauthorized)?
        .clone();
    if !state.rate.allow(&editor.name) {
        return Err(ApiError::RateLimited);
    }
    let req: PublishRequest =
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    if req.units.is_empty() && req.remove.is_empty() {
        return Err(ApiError::BadRequest("nothing to publish".into()));
    }
    if let Some(r) = req.remove.first() {
        return Err(ApiError::Forbidden(format!(
            "removing {}/{} needs an editor-signed removal statement (scanwise publish --remove), \
             with the same signatures as a publish of that unit; a token alone removes nothing",
            r.unit, r.locale
        )));
    }
    let raw_units = req
        .decode_units()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;

    // In-process lock: publishes to one channel through this server queue up. Across server
    // instances sharing storage, the versioned timestamp claim below is the compare-and-swap.
    let lock = state.channel_lock(channel);
    let _guard = lock.lock().await;
    for attempt in 0..CAS_ATTEMPTS {
        let root = latest_root(&state.storage, channel).await?;
        let mut units = Vec::new();
        for raw in &raw_units {
            // The server checks the editors' signatures itself, against the root devices use:
            // a removal statement needs the same signatures and threshold as a publish.
            let s = verify::verify_statement(&root, &raw.envelope)
                .map_err(ApiError::Channel)?
                .value;
            if !editor.may_publish(&s.unit, &s.locale) {
                return Err(ApiError::Forbidden(format!(
                    "{} may not {} {}/{}",
                    editor.name,
                    if s.is_removal() { "remove" } else { "publish" },
                    s.unit,
                    s.locale
                )));
            }
            units.push(SignedUnit {
                statement: s,
                envelope: raw.envelope.clone(),
                blob: raw.blob.clone(),
            });
        }
        let current = read_state(&state.storage, &root).await?;
        let request = release::Request {
            signed: units,
            ..release::Request::default()
        };
        let files = plan_and_release(state, &root, &current, request, now)?;
        if !write_release(state, channel, &files).await? {
            tokio::time::sleep(Duration::from_millis(20 * (attempt as u64 + 1))).await;
            continue;
        }
        return Ok(PublishResponse {
            snapshot_version: files.snapshot_version,
            timestamp_version: files.timestamp_version,
        });
    }
    Err(ApiError::Conflict)
}

/// Store a release: content-addressed files first (harmless if this attempt loses), then the
/// claim on the next timestamp version (whoever creates it has published), then timestamp.json.
/// `false` when another publish claimed that version first: re-read the channel and try again.
async fn write_release(
    state: &AppState,
    channel: &str,
    files: &release::ReleaseFiles,
) -> Result<bool, ApiError> {
    let Some((ts_path, ts_bytes)) = files.files.last() else {
        return Err(ApiError::Internal("a release without a timestamp".into()));
    };
    for (path, bytes) in &files.files[..files.files.len() - 1] {
        state.storage.put(path, bytes.clone()).await?;
    }
    let claim = claim_path(channel, files.timestamp_version);
    if !state.storage.create(&claim, ts_bytes.clone()).await? {
        return Ok(false);
    }
    state.storage.put(ts_path, ts_bytes.clone()).await?;
    // Every cached file that can change is now stale (checked on its next request).
    state.generation.fetch_add(1, Ordering::AcqRel);
    Ok(true)
}

/// After a release-key rotation (root N+1 in storage, the server restarted with the new
/// release key): sign the current units again as the next snapshot and timestamp with the new
/// key, so devices have a release to move to. Returns `None` when the current timestamp
/// already verifies with the root's release keys (nothing to do). This is also how a channel
/// whose last timestamp was signed with a clock far ahead gets going again: rotate, resign.
pub async fn resign_after_rotation(
    state: &AppState,
    channel: &str,
    now: i64,
) -> Result<Option<PublishResponse>, ApiError> {
    layout::check_channel(channel).map_err(|_| ApiError::NotFound)?;
    let lock = state.channel_lock(channel);
    let _guard = lock.lock().await;
    for attempt in 0..CAS_ATTEMPTS {
        let root = latest_root(&state.storage, channel).await?;
        let current = read_state(&state.storage, &root).await?;
        if current.timestamp.is_none() || current.timestamp_signed_by_release {
            return Ok(None);
        }
        let files = plan_and_release(state, &root, &current, release::Request::default(), now)?;
        if !write_release(state, channel, &files).await? {
            tokio::time::sleep(Duration::from_millis(20 * (attempt as u64 + 1))).await;
            continue;
        }
        return Ok(Some(PublishResponse {
            snapshot_version: files.snapshot_version,
            timestamp_version: files.timestamp_version,
        }));
    }
    Err(ApiError::Conflict)
}

/// The release for `request`, planned and signed as every publisher does it: the statements
/// come signed by their editors, so the server adds only the snapshot and timestamp.
fn plan_and_release(
    state: &AppState,
    root: &scanwise_channel::metadata::Root,
    current: &ChannelState,
    request: release::Request,
    now: i64,
) -> Result<release::ReleaseFiles, ApiError> {
    release::plan(current, request)
        .and_then(|p| p.sign(root, current, &[]))
        .and_then(|s| s.release(root, current, &[&state.config.release_key], now))
        .map_err(ApiError::Channel)
}

/// How often a publish that lost the race re-reads the channel and tries again.
const CAS_ATTEMPTS: usize = 40;

/// Every published timestamp, by version; created only if absent. Not served (devices read
/// `timestamp.json`); the latest claim is the channel's true head.
fn claim_path(channel: &str, version: u64) -> String {
    format!("channels/{channel}/claims/{version}.timestamp.json")
}

/// The newest root of `channel`, walked from root 1 in storage ([`RootChain`], the walk
/// every reader of a channel takes).
async fn latest_root(
    storage: &Storage,
    channel: &str,
) -> Result<scanwise_channel::metadata::Root, ApiError> {
    let first = storage
        .get(&layout::root_path(channel, 1))
        .await?
        .ok_or(ApiError::NotFound)?;
    let root = verify::verify_self_signed_root(&first).map_err(ApiError::Channel)?;
    let mut chain = RootChain::new(root, roots::UNBOUNDED);
    while let Some(path) = chain.next_path() {
        let found = storage.get(&path).await?;
        chain.step(found.as_deref()).map_err(ApiError::Channel)?;
    }
    Ok(chain.into_root().value)
}

async fn read_state(
    storage: &Storage,
    root: &scanwise_channel::metadata::Root,
) -> Result<ChannelState, ApiError> {
    // ChannelState::read walks hashes synchronously; fetch what it asks for first.
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    loop {
        let mut missing = None;
        let r = ChannelState::read(root, |p| match files.get(p) {
            Some(b) => Ok(Some(b.clone())),
            None => {
                missing = Some(p.to_owned());
                Err(scanwise_channel::Error::Missing { path: p.to_owned() })
            }
        });
        match (r, missing) {
            (Ok(s), _) => return Ok(s),
            (Err(_), Some(p)) => match storage.get(&p).await? {
                Some(b) => {
                    files.insert(p, b.to_vec());
                }
                None if p.ends_with("timestamp.json") => return Ok(ChannelState::default()),
                None => {
                    return Err(ApiError::Channel(scanwise_channel::Error::Missing {
                        path: p,
                    }));
                }
            },
            (Err(e), None) => return Err(ApiError::Channel(e)),
        }
    }
}
