//! The server's one integration-test binary.
//!
//! - `support`: keys and root of a test channel, a server on `127.0.0.1:0` in a background
//!   runtime, moto (S3) and nginx started by PID on loopback ports and stopped by PID.
//! - `story`: ONE story run against both storage backends (local directory and S3 on moto):
//!   publish, serve, sync a device, edit, publish, sync; tokens, scopes, rollback, traversal,
//!   oversize bodies, rate limits, concurrent publishes.
//! - `journeys`: operator recovery end to end through the `scanwise` CLI and the
//!   `scanwise-server` binary (bad clock -> rotate -> recover; stolen key -> rotate -> recover).
//! - `publish_fuzz`: the publish handler over arbitrary bodies (property test); removals
//!   need editor signatures, a token alone removes nothing.
//! - `nginx`: the same channel directory served by nginx; a device syncs from it; the site
//!   served by the nginx block of docs/web-hosting.md, run as written (`hosting`).
//! - `site`: `--site DIR` over raw sockets: encodings, ETags and 304, caching, paths and
//!   redirects, traversal, methods, security headers, the marker; channel routes keep
//!   precedence and a channel file changed on disk is served at once.

mod server {
    pub mod hosting;
    pub mod journeys;
    pub mod nginx;
    pub mod publish_fuzz;
    pub mod site;
    pub mod story;
    pub mod support;
}
