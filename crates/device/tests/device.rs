//! The device updater's one integration-test binary.
//!
//! - `support`: a publisher world (keys, root, releases) and an in-memory channel.
//! - `threats`: one test per threat in docs/channel.md; each asserts that the active content,
//!   `sync-state.db` and `user.db` are byte-identical after the refused update.
//! - `crash`: a child process killed at every step of an import and at timed points inside
//!   it, and injected ENOSPC/EIO; the content is exactly the old or the new release after.
//! - `recovery`: issue 15: versions bounded, removals signed, clock sanity, key rotation,
//!   HTML re-sanitised, corrupt state; and the recoveries (bad clock, stolen key).
//! - `http`: the HTTP fetcher against real loopback servers that send endless or trickling
//!   bodies.

mod device {
    pub mod crash;
    pub mod http;
    pub mod recovery;
    pub mod support;
    pub mod threats;
}
