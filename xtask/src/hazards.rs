//! The clinical safety case stays honest: every test the hazard log in
//! `docs/clinical-safety.md` names as verifying a mitigation must exist.
//!
//! A hazard row is a table row whose first cell is a hazard id (`H-01`). Its last cell, "Verified
//! by", names tests in backticks: a Rust test by its function name (`fn name` in a `.rs` file),
//! a JavaScript test (real-window `tests/e2e/*.mjs`, UI `ui/test/*`) by its exact title.

use anyhow::{Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

/// Where tests live, and the file endings that hold them.
const TEST_TREES: &[(&str, &[&str])] = &[
    ("crates", &["rs"]),
    ("src-tauri/src", &["rs"]),
    ("tests", &["rs", "mjs"]),
    ("xtask/src", &["rs"]),
    ("ui/test", &["ts", "tsx"]),
];

pub fn check() -> Result<()> {
    let root = crate::root();
    let log = fs::read_to_string(root.join("docs/clinical-safety.md"))?;
    let sources = test_sources(&root)?;
    let problems = problems(&log, &sources);
    if !problems.is_empty() {
        bail!(
            "docs/clinical-safety.md is not true:\n  {}",
            problems.join("\n  ")
        );
    }
    eprintln!(
        "hazard log: ok ({} hazards, every named test exists)",
        hazard_rows(&log).len()
    );
    Ok(())
}

/// `(id, verified-by cell)` of each hazard row.
fn hazard_rows(log: &str) -> Vec<(String, String)> {
    log.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().strip_prefix('|')?.split('|').collect();
            let id = cells.first()?.trim();
            let is_id = id.len() >= 3
                && id.starts_with("H-")
                && id[2..].chars().all(|c| c.is_ascii_digit());
            // The cell after the last `|` is empty: the verified-by cell is the one before it.
            let verified = cells.iter().rev().nth(1)?.trim();
            is_id.then(|| (id.to_string(), verified.to_string()))
        })
        .collect()
}

/// The names in backticks in a cell.
fn named_tests(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

fn problems(log: &str, sources: &[(PathBuf, String)]) -> Vec<String> {
    let rows = hazard_rows(log);
    let mut out = Vec::new();
    if rows.is_empty() {
        out.push("no hazard rows (`| H-01 | … |`)".to_string());
    }
    if !log.contains("## Sign-off") {
        out.push("no `## Sign-off` section".to_string());
    }
    for (id, cell) in rows {
        let names = named_tests(&cell);
        if names.is_empty() {
            out.push(format!("{id}: names no test in its last column"));
        }
        for name in names {
            if !exists(name, sources) {
                out.push(format!("{id}: no test named `{name}`"));
            }
        }
    }
    out
}

fn exists(name: &str, sources: &[(PathBuf, String)]) -> bool {
    let is_rust_name = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    sources.iter().any(|(path, text)| {
        if path.extension().is_some_and(|e| e == "rs") {
            is_rust_name
                && text.match_indices(&format!("fn {name}")).any(|(i, m)| {
                    // A whole name: `fn name(` or `fn name<`, not `fn name_longer`.
                    text[i + m.len()..].starts_with(['(', '<'])
                })
        } else {
            [format!("\"{name}\""), format!("`{name}`")]
                .iter()
                .any(|quoted| text.contains(quoted.as_str()))
        }
    })
}

fn test_sources(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for (dir, endings) in TEST_TREES {
        walk(&root.join(dir), endings, &mut out)?;
    }
    Ok(out)
}

fn walk(dir: &Path, endings: &[&str], out: &mut Vec<(PathBuf, String)>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries {
        let path = e?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if !matches!(name, "target" | "node_modules" | "fixtures" | "snapshots") {
                walk(&path, endings, out)?;
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| endings.contains(&e))
        {
            out.push((path.clone(), fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(path: &str, text: &str) -> (PathBuf, String) {
        (PathBuf::from(path), text.to_string())
    }

    const LOG: &str = "\
| ID | Hazard | Verified by |
|---|---|---|
| H-01 | False reassurance | `red_flags_win`, `shows the card at once` |
| H-02 | Wrong number | `region_default` |

## Sign-off
";

    #[test]
    fn named_tests_must_exist_as_rust_fns_or_js_titles() {
        let sources = vec![
            src(
                "a.rs",
                "#[test]\nfn red_flags_win() {}\nfn region_default_x() {}",
            ),
            src(
                "b.test.tsx",
                "test(\"shows the card at once\", async () => {})",
            ),
        ];
        assert_eq!(
            problems(LOG, &sources),
            ["H-02: no test named `region_default`"]
        );
        let mut fixed = sources.clone();
        fixed.push(src("c.rs", "fn region_default<T>() {}"));
        assert!(problems(LOG, &fixed).is_empty());
    }

    #[test]
    fn a_log_without_hazards_or_sign_off_fails() {
        assert_eq!(
            problems("# Nothing here\n", &[]),
            [
                "no hazard rows (`| H-01 | … |`)",
                "no `## Sign-off` section"
            ]
        );
        assert_eq!(
            problems("| H-09 | x | none |\n## Sign-off\n", &[]),
            ["H-09: names no test in its last column"]
        );
    }
}
