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

/// Unit ids: a module id (`do-i-need-a-scan`, [`scanwise_ids::ModuleId`]'s grammar, so a unit
/// the channel carries is one a prescription link can open) or a reserved `_glossary`-style id.
pub fn check_unit(value: &str) -> Result<(), Error> {
    let module = value.strip_prefix('_').unwrap_or(value);
    scanwise_ids::ModuleId::parse(module)
        .map(drop)
        .map_err(|_| bad_id("unit", value))
}

/// Language tags as content carries them ([`scanwise_ids::Locale`]: `en`, `nb`, `pt-BR`, `und`).
pub fn check_locale(value: &str) -> Result<(), Error> {
    scanwise_ids::Locale::parse(value)
        .map(drop)
        .map_err(|_| bad_id("locale", value))
}

fn bad_id(kind: &'static str, value: &str) -> Error {
    Error::BadId {
        kind,
        value: value.chars().take(80).collect(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_locales_follow_the_one_id_grammar() {
        assert!(check_unit("do-i-need-a-scan").is_ok() && check_unit("_glossary").is_ok());
        assert!(check_unit(&"a".repeat(64)).is_ok());
        // It used to build and install, but no prescription link could open it.
        let long = "a".repeat(70);
        assert!(matches!(
            check_unit(&long),
            Err(Error::BadId { kind: "unit", .. })
        ));
        assert!(check_unit(&format!("_{long}")).is_err());
        // ... and a module statement naming it is refused before anything is signed or read.
        let statement = crate::metadata::ModuleStatement {
            channel: "stable".into(),
            unit: long.clone(),
            locale: "en".into(),
            version: 1,
            blob: None,
            uncompressed_length: 0,
        };
        assert!(matches!(
            statement.validate(),
            Err(Error::BadId { kind: "unit", .. })
        ));
        for bad in ["", "_", "-x", "a_b", "__x", "Radiation", "../x"] {
            assert!(check_unit(bad).is_err(), "{bad}");
        }
        for ok in ["en", "nb", "pt-BR", "und"] {
            assert!(check_locale(ok).is_ok(), "{ok}");
        }
        for bad in ["english", "nb_NO", "en/..", "zh-Hant-TW"] {
            assert!(check_locale(bad).is_err(), "{bad}");
        }
    }
}
