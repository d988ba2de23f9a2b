//! Where files live in a channel, and the id checks that run before any id becomes a path.

use crate::Error;

pub fn timestamp_path(channel: &str) -> String {
    format!("channels/{channel}/timestamp.json")
}

pub fn root_path(channel: &str, version: u64) -> String {
    format!("channels/{channel}/root/{version}.root.json")
}

pub fn snapshot_path(channel: &str, version: u64, sha256: &str) -> String {
    format!("channels/{channel}/snapshot/{version}.{sha256}.json")
}

pub fn module_path(channel: &str, sha256: &str) -> String {
    format!("channels/{channel}/modules/{sha256}.json")
}

pub fn blob_path(sha256: &str) -> String {
    format!("blobs/sha256/{}/{sha256}", &sha256[..2])
}

fn check(
    kind: &'static str,
    value: &str,
    max: usize,
    ok: impl Fn(u8) -> bool,
) -> Result<(), Error> {
    let valid = !value.is_empty()
        && value.len() <= max
        && value.bytes().all(ok)
        && !value.starts_with(['-', '.'])
        && value != "..";
    if valid {
        Ok(())
    } else {
        Err(Error::BadId {
            kind,
            value: value.chars().take(80).collect(),
        })
    }
}

/// Channel names: lowercase letters, digits, `-`.
pub fn check_channel(value: &str) -> Result<(), Error> {
    check("channel", value, 64, |b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
    })
}

/// Unit ids: module ids (`do-i-need-a-scan`) and `_glossary`-style reserved ids.
pub fn check_unit(value: &str) -> Result<(), Error> {
    check("unit", value, 96, |b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
    })
}

/// BCP 47-ish language tags (`en`, `nb`, `pt-BR`, `und`).
pub fn check_locale(value: &str) -> Result<(), Error> {
    check("locale", value, 35, |b| {
        b.is_ascii_alphanumeric() || b == b'-'
    })
}

/// Lowercase hex SHA-256.
pub fn check_sha256(value: &str) -> Result<(), Error> {
    if value.len() == 64
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(Error::BadId {
            kind: "sha256",
            value: value.chars().take(80).collect(),
        })
    }
}

/// Validate a relative channel-file path (what the server is asked to serve) component by
/// component. Returns the path if every component is one the channel layout can produce.
pub fn check_file_path(path: &str) -> Result<(), Error> {
    let bad = || Error::BadId {
        kind: "path",
        value: path.chars().take(120).collect(),
    };
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["channels", ch, "timestamp.json"] => check_channel(ch),
        ["channels", ch, "root", file] => {
            check_channel(ch)?;
            let n = file.strip_suffix(".root.json").ok_or_else(bad)?;
            n.parse::<u64>().map(|_| ()).map_err(|_| bad())
        }
        ["channels", ch, "snapshot", file] => {
            check_channel(ch)?;
            let rest = file.strip_suffix(".json").ok_or_else(bad)?;
            let (n, sha) = rest.split_once('.').ok_or_else(bad)?;
            n.parse::<u64>().map_err(|_| bad())?;
            check_sha256(sha)
        }
        ["channels", ch, "modules", file] => {
            check_channel(ch)?;
            check_sha256(file.strip_suffix(".json").ok_or_else(bad)?)
        }
        ["blobs", "sha256", prefix, sha] => {
            check_sha256(sha)?;
            if sha.starts_with(prefix) && prefix.len() == 2 {
                Ok(())
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

/// Immutable (content-addressed or versioned) files may be cached forever.
pub fn is_immutable(path: &str) -> bool {
    !path.ends_with("/timestamp.json")
}
