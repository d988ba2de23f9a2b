//! `scanwise stamp`: records in a translation which source text it was made from.

use std::fs;
use std::path::Path;

use crate::AuthorError;
use crate::diag::Diagnostic;
use crate::module::{SOURCE_LANG, parse_module, split_front_matter};

/// Writes the current hash of the English source and `date` into the `[translation]` table of
/// the translation at `path` (`DIR/modules/ID/LANG.md`), creating the table if needed.
/// Returns the hash. Only the table's lines change; the rest of the file is kept byte for byte.
pub fn stamp(path: &Path, date: &str) -> Result<String, AuthorError> {
    let lang = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if lang == SOURCE_LANG {
        return Err(AuthorError::Stamp {
            path: path.to_path_buf(),
            message: "en.md is the source; stamp its translations instead".into(),
        });
    }
    let source = path.with_file_name(format!("{SOURCE_LANG}.md"));
    let read = |p: &Path| {
        fs::read_to_string(p).map_err(|e| AuthorError::Io {
            path: p.to_path_buf(),
            source: e,
        })
    };
    let src_text = read(&source)?;
    let mut diags: Vec<Diagnostic> = Vec::new();
    let src = parse_module(&source, &src_text, &mut diags).ok_or_else(|| AuthorError::Check {
        errors: diags.iter().filter(|d| d.is_error()).count().max(1),
        diagnostics: diags.clone(),
    })?;
    let text = read(path)?;
    let (fm, _) = split_front_matter(&text).map_err(|m| AuthorError::Stamp {
        path: path.to_path_buf(),
        message: m.to_string(),
    })?;
    let table = format!(
        "[translation]\nsource_hash = \"{}\"\ntranslated_on = \"{date}\"\n",
        src.hash
    );
    let front = &text[fm.clone()];
    let new_front = replace_table(front, "translation", &table);
    let out = format!("{}{}{}", &text[..fm.start], new_front, &text[fm.end..]);
    fs::write(path, out).map_err(|e| AuthorError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    keep_source(path, &src.hash, &src_text)?;
    Ok(src.hash)
}

/// Keeps the English the translation at `path` (`ROOT/modules/ID/LANG.md`) was stamped from
/// as `ROOT/stamped/ID/HASH.md`, so `status` can later show what changed since.
pub fn keep_source(path: &Path, hash: &str, source_text: &str) -> Result<(), AuthorError> {
    let Some(module_dir) = path.parent() else {
        return Ok(());
    };
    let Some(modules) = module_dir.parent() else {
        return Ok(());
    };
    if modules.file_name().is_none_or(|n| n != "modules") {
        return Ok(());
    }
    let root = modules.parent().unwrap_or(Path::new("."));
    let id = module_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_use = crate::stamped::hashes_in_use(root, &id);
    crate::stamped::keep(root, &id, hash, source_text, &in_use).map_err(|e| AuthorError::Io {
        path: crate::stamped::path(root, &id, hash),
        source: e,
    })
}

/// Replaces the `[name]` table (header to the next header) in TOML text, or appends it. An
/// inline `name = { ... }` root key is removed and the table appended instead (a table in the
/// middle of root keys would capture the keys after it).
pub(crate) fn replace_table(toml: &str, name: &str, table: &str) -> String {
    let header = format!("[{name}]");
    let mut out = String::new();
    let mut skipping = false;
    let mut done = false;
    let mut in_root = true;
    for line in toml.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            in_root = false;
        }
        if in_root && t.starts_with(name) && t[name.len()..].trim_start().starts_with('=') {
            continue;
        }
        if t == header && !done {
            skipping = true;
            done = true;
            out.push_str(table);
            continue;
        }
        if skipping && t.starts_with('[') {
            skipping = false;
            out.push('\n');
        }
        if !skipping {
            out.push_str(line);
        }
    }
    if !done {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(table);
    }
    out
}

/// Today's UTC date as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_420), "2025-11-28");
        assert_eq!(civil_from_days(11_016), "2000-02-29");
    }

    #[test]
    fn replaces_or_appends_the_table() {
        let t = "id = \"x\"\n\n[translation]\nsource_hash = \"old\"\ntranslated_on = \"2020-01-01\"\n\n[review]\nstate = \"draft\"\n";
        let r = replace_table(t, "translation", "[translation]\nsource_hash = \"new\"\n");
        assert_eq!(
            r,
            "id = \"x\"\n\n[translation]\nsource_hash = \"new\"\n\n[review]\nstate = \"draft\"\n"
        );
        let r = replace_table(
            "id = \"x\"\ntranslation = { source_hash = \"a\", translated_on = \"b\" }\n[review]\nstate = \"draft\"\n",
            "translation",
            "[translation]\na = 1\n",
        );
        assert_eq!(
            r,
            "id = \"x\"\n[review]\nstate = \"draft\"\n\n[translation]\na = 1\n"
        );
        let r = replace_table("id = \"x\"\n", "translation", "[translation]\na = 1\n");
        assert_eq!(r, "id = \"x\"\n\n[translation]\na = 1\n");
    }
}
