//! The one walk along a channel's root chain: root N+1 is looked for, verified with root N's
//! keys and with its own, and trusted; then N+2, until none is found or the limit is reached.
//!
//! [`RootChain`] holds the walk without doing I/O, so the device (a blocking [`Fetcher`]),
//! the publisher (a channel directory) and the server (async object storage) all take the
//! same steps: [`walk`] and [`latest`] drive it with a blocking `get`, the server drives it
//! itself with `.await`.
//!
//! [`Fetcher`]: crate::client::Fetcher

use crate::client::{Verified, verify_next_root, verify_self_signed_root};
use crate::metadata::Root;
use crate::{Error, layout};

/// A walk in progress from a trusted root towards the newest one.
#[derive(Debug, Clone)]
pub struct RootChain {
    root: Verified<Root>,
    rotations_left: u64,
    done: bool,
}

impl RootChain {
    /// Start from `trusted`, following at most `max_rotations` new roots (the device follows
    /// [`crate::limits::MAX_ROOT_ROTATIONS`] in one refresh; a publisher reading its own
    /// channel from root 1 follows them all: [`UNBOUNDED`]).
    pub fn new(trusted: Verified<Root>, max_rotations: u64) -> Self {
        RootChain {
            root: trusted,
            rotations_left: max_rotations,
            done: false,
        }
    }

    /// The channel path of the next root to look for; `None` once the walk is over (the last
    /// lookup found nothing, the limit was reached, or the root is at the top of the version
    /// range and can have no successor).
    pub fn next_path(&self) -> Option<String> {
        if self.done || self.rotations_left == 0 {
            return None;
        }
        let next = crate::next_version("root", self.root.value.version).ok()?;
        Some(layout::root_path(&self.root.value.channel, next))
    }

    /// What was found at [`Self::next_path`]: `None` ends the walk; bytes must verify as the
    /// next root (signed by the current root's threshold and by its own, version exactly
    /// N+1, same channel) or the walk fails.
    pub fn step(&mut self, found: Option<&[u8]>) -> Result<(), Error> {
        match found {
            None => self.done = true,
            Some(bytes) => {
                self.root = verify_next_root(&self.root.value, bytes)?;
                self.rotations_left = self.rotations_left.saturating_sub(1);
            }
        }
        Ok(())
    }

    /// The newest root verified so far.
    pub fn root(&self) -> &Verified<Root> {
        &self.root
    }

    pub fn into_root(self) -> Verified<Root> {
        self.root
    }
}

/// No limit beyond the version range: a publisher reading its own channel.
pub const UNBOUNDED: u64 = u64::MAX;

/// Walk from `trusted` with a blocking `get` (channel path → bytes, `None` when absent).
pub fn walk(
    trusted: Verified<Root>,
    max_rotations: u64,
    mut get: impl FnMut(&str) -> Result<Option<Vec<u8>>, Error>,
) -> Result<Verified<Root>, Error> {
    let mut chain = RootChain::new(trusted, max_rotations);
    while let Some(path) = chain.next_path() {
        let found = get(&path)?;
        chain.step(found.as_deref())?;
    }
    Ok(chain.into_root())
}

/// The newest root of `channel`, verified as a chain from `root/1.root.json` (self-signed).
/// [`Error::Missing`] when the channel has no root 1.
pub fn latest(
    channel: &str,
    mut get: impl FnMut(&str) -> Result<Option<Vec<u8>>, Error>,
) -> Result<Verified<Root>, Error> {
    let first = layout::root_path(channel, 1);
    let bytes = get(&first)?.ok_or(Error::Missing { path: first })?;
    walk(verify_self_signed_root(&bytes)?, UNBOUNDED, get)
}
