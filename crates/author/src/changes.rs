//! What changed in an English module since a translation was stamped: the kept copy in
//! `stamped/<id>/<hash>.md` against today's `en.md`, part by part (title, summary, each key
//! point and myth-or-fact item, each `##` section), as a readable line diff.

use serde::Serialize;

use crate::module::ModuleFile;
use crate::sources::MythSrc;

/// One part of a module that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// "section #x-rays", "key point 2", "the title".
    pub part: String,
    /// `changed`, `added` (new in the English) or `removed` (gone from the English).
    pub kind: &'static str,
    /// Lines prefixed `- ` (the English then) and `+ ` (the English now); unchanged lines
    /// between them are left out.
    pub diff: Vec<String>,
}

fn norm(s: &str) -> String {
    s.trim()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn myth(m: &MythSrc) -> String {
    let answer = match m.answer {
        scanwise_core::model::MythOrFactAnswer::Myth => "myth",
        scanwise_core::model::MythOrFactAnswer::Fact => "fact",
    };
    format!(
        "{}\n({answer}) {}",
        m.statement.trim(),
        m.explanation.trim()
    )
}

/// `(part name, text)` in order: title, summary, key points, myths, sections.
fn parts(m: &ModuleFile) -> Vec<(String, String)> {
    let mut out = vec![
        ("the title".to_string(), norm(&m.fm.title)),
        ("the summary".to_string(), norm(&m.fm.summary)),
    ];
    for (i, k) in m.fm.key_points.iter().enumerate() {
        out.push((format!("key point {}", i + 1), norm(k)));
    }
    for (i, x) in m.fm.myth_or_fact.iter().enumerate() {
        out.push((format!("myth-or-fact item {}", i + 1), norm(&myth(x))));
    }
    let starts: Vec<usize> = m.info.sections.iter().map(|s| s.range.start).collect();
    for (i, s) in m.info.sections.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(m.src.text.len());
        let text = m.src.text.get(s.range.start..end).unwrap_or("");
        out.push((format!("section #{}", s.anchor), norm(text)));
    }
    out
}

/// The parts of `now` that differ from `then`.
pub fn between(then: &ModuleFile, now: &ModuleFile) -> Vec<Change> {
    let (a, b) = (parts(then), parts(now));
    let mut out = Vec::new();
    for (name, new) in &b {
        match a.iter().find(|(n, _)| n == name) {
            Some((_, old)) if old == new => {}
            Some((_, old)) => out.push(Change {
                part: name.clone(),
                kind: "changed",
                diff: line_diff(old, new),
            }),
            None => out.push(Change {
                part: name.clone(),
                kind: "added",
                diff: new.lines().map(|l| format!("+ {l}")).collect(),
            }),
        }
    }
    for (name, old) in &a {
        if !b.iter().any(|(n, _)| n == name) {
            out.push(Change {
                part: name.clone(),
                kind: "removed",
                diff: old.lines().map(|l| format!("- {l}")).collect(),
            });
        }
    }
    out
}

/// A line diff (longest common subsequence) showing only the lines that differ.
pub fn line_diff(old: &str, new: &str) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    // Each run of differing lines reads best as "- then" lines, then "+ now" lines.
    let mut hunk: Vec<String> = Vec::new();
    let flush = |hunk: &mut Vec<String>, out: &mut Vec<String>| {
        hunk.sort_by_key(|l| !l.starts_with('-'));
        out.append(hunk);
    };
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            flush(&mut hunk, &mut out);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            hunk.push(format!("+ {}", b[j]));
            j += 1;
        } else {
            hunk.push(format!("- {}", a[i]));
            i += 1;
        }
    }
    flush(&mut hunk, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_only_changed_lines() {
        assert_eq!(
            line_diff("a\nb\nc", "a\nB\nc"),
            ["- b".to_string(), "+ B".to_string()]
        );
        assert_eq!(line_diff("a", "a\nb"), ["+ b".to_string()]);
        assert!(line_diff("x\ny", "x\ny").is_empty());
    }
}
