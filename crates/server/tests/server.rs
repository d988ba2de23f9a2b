//! The server's one integration-test binary.
//!
//! - `support`: keys and root of a test channel, a server on `127.0.0.1:0` in a background
//!   runtime, moto (S3) and nginx started by PID on loopback ports and stopped by PID.
//! - `story`: ONE story run against both storage backends (local directory and S3 on moto):
//!   publish, serve, sync a device, edit, publish, sync; tokens, scopes, rollback, traversal,
//!   oversize bodies, rate limits, concurrent publishes.
//! - `nginx`: the same channel directory served by nginx; a device syncs from it.

mod server {
    pub mod nginx;
    pub mod story;
    pub mod support;
}
