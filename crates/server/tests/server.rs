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
//! - `nginx`: the same channel directory served by nginx; a device syncs from it.

mod server {
    pub mod journeys;
    pub mod nginx;
    pub mod publish_fuzz;
    pub mod story;
    pub mod support;
}
