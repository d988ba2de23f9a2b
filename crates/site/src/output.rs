//! Writing the site: all files are rendered in memory first (sorted by path, so the output is
//! deterministic), then written to a staging folder beside `out` and swapped in, so `out` is
//! always a whole site: the old one or the new one, never half of each.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::SiteError;

/// Site-relative path (`en/m/radiation/index.html`) -> bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Marks a folder as a site this crate wrote, so a rebuild may replace it.
pub const MARKER: &str = ".scanwise-site";

/// `out` may be absent, an empty folder, or a site an earlier build wrote.
pub fn check_target(out: &Path) -> Result<(), SiteError> {
    // The site is swapped in by renaming folders beside `out`, which `.` or `/` do not have.
    if out.file_name().is_none() {
        return Err(SiteError::NoFolderName(out.to_owned()));
    }
    match fs::read_dir(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(SiteError::io(out, e)),
        Ok(mut entries) => {
            if out.join(MARKER).is_file() || entries.next().is_none() {
                Ok(())
            } else {
                Err(SiteError::NotASite(out.to_owned()))
            }
        }
    }
}

/// `.NAME.SUFFIX` beside `out` (same parent, so a rename is a move within one file system).
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.{suffix}"))
}

fn remove_dir_if_exists(dir: &Path) -> Result<(), SiteError> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(SiteError::io(dir, e)),
        _ => Ok(()),
    }
}

pub fn write(out: &Path, files: &Files) -> Result<(), SiteError> {
    check_target(out)?;
    let staging = sibling(out, "building");
    remove_dir_if_exists(&staging)?;
    fs::create_dir_all(&staging).map_err(|e| SiteError::io(&staging, e))?;
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| SiteError::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| SiteError::io(&path, e))?;
    }
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        b"Written by `scanwise site`; the next build replaces this folder.\n",
    )
    .map_err(|e| SiteError::io(&marker, e))?;
    let old = sibling(out, "old");
    remove_dir_if_exists(&old)?;
    if out.exists() {
        fs::rename(out, &old).map_err(|e| SiteError::io(out, e))?;
    }
    fs::rename(&staging, out).map_err(|e| SiteError::io(out, e))?;
    remove_dir_if_exists(&old)
}
