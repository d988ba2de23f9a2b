//! Full-text search over a slot: module titles, summaries, key points, section text and glossary
//! terms, aliases and explanations (SQLite FTS5, `unicode61 remove_diacritics 2`).
//!
//! User input never reaches FTS5 syntax: it is cut into words the way the tokenizer cuts them,
//! each word is quoted, and only the last one gets a prefix `*` (the user is still typing it).
//! Snippets come back as segments (`{text, hit}`), never as markup, so the UI cannot be handed
//! HTML by a search.

use rusqlite::params;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::slot::{ContentSlot, Result};

/// Marks the start and end of a match inside snippets; stripped from indexed text at import.
pub const SNIPPET_OPEN: char = '\u{1}';
pub const SNIPPET_CLOSE: char = '\u{2}';

/// More words than this are ignored: nobody types them, and each one costs a doclist merge.
const MAX_TERMS: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A module's title, summary or key points; open the module at the top.
    Module,
    /// A section; open the module at `anchor`.
    Section,
    /// A glossary concept; `id` is the concept id.
    Concept,
}

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// Module id (module and section hits) or concept id.
    pub id: String,
    /// Section anchor for section hits.
    pub anchor: Option<String>,
    /// Language of the matched text (may be a fallback language of the chain).
    pub lang: String,
    pub is_fallback: bool,
    /// Module title, section heading or glossary term.
    pub title: String,
    /// For section hits, the title of the module the section is in.
    pub module_title: Option<String>,
    pub snippet: Vec<Segment>,
}

/// Folds the letters `unicode61 remove_diacritics 2` leaves alone because Unicode gives them no
/// decomposition (ø, æ, œ, ß, ł, đ, ð, þ, ı), so "ødem" matches "odem" like "naïve" matches
/// "naive". Letters stay letters, so word boundaries (and FTS5 token positions) do not move.
pub fn fold_letters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'þ' | 'Þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

/// Cuts input into words like `unicode61` does (letters, digits and combining marks belong to
/// words; everything else separates them).
fn words(input: &str) -> Vec<String> {
    let normalised: String = input.nfc().collect();
    normalised
        .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .filter(|w| !w.is_empty())
        .take(MAX_TERMS)
        .map(fold_letters)
        .collect()
}

/// The FTS5 query for what the user typed, or `None` when it has no words. Every word is a
/// quoted string (so `AND`, `NEAR`, `"`, `*`, `(` are just text); the last is a prefix unless
/// the input ends in a separator.
pub fn fts_query(input: &str) -> Option<String> {
    let words = words(input);
    let still_typing = input
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c));
    let last = words.len().checked_sub(1)?;
    let parts = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // Words cannot contain `"` (it separates), but escape anyway: it is the rule.
            let quoted = format!("\"{}\"", w.replace('"', "\"\""));
            if i == last && still_typing {
                quoted + "*"
            } else {
                quoted
            }
        })
        .collect::<Vec<_>>();
    Some(parts.join(" "))
}

/// Splits an FTS5 snippet with [`SNIPPET_OPEN`]/[`SNIPPET_CLOSE`] markers into segments.
fn segments(snippet: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    for c in snippet.chars() {
        if c == SNIPPET_OPEN || c == SNIPPET_CLOSE {
            if !text.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut text),
                    hit,
                });
            }
            hit = c == SNIPPET_OPEN;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(Segment { text, hit });
    }
    out
}

impl ContentSlot {
    /// Searches what a user of `chain` can see: each module in the language it is shown in
    /// (so an English fallback module is found from the Norwegian UI, and the hidden English
    /// twin of a Norwegian module is not), and each concept likewise. Best matches first.
    pub fn search(&self, chain: &[&str], query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        if chain.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let chain_json = serde_json::to_string(chain)?;
        let conn = self.conn();
        // Weights: title columns count five times the body; the five UNINDEXED columns none.
        let mut stmt = conn.prepare_cached(
            "WITH chain(lang, pos) AS (SELECT value, key FROM json_each(?1))
             SELECT f.rowid, f.kind, f.id, f.anchor, f.lang, f.label
             FROM search_fts f JOIN chain c ON c.lang = f.lang
             WHERE search_fts MATCH ?2
               AND c.pos = CASE f.kind
                   WHEN 'concept' THEN (SELECT MIN(c2.pos) FROM concepts x
                                        JOIN chain c2 ON c2.lang = x.lang WHERE x.id = f.id)
                   ELSE (SELECT MIN(c2.pos) FROM modules x
                         JOIN chain c2 ON c2.lang = x.lang WHERE x.id = f.id)
                   END
             ORDER BY bm25(search_fts, 0, 0, 0, 0, 0, 5.0, 1.0), f.rowid
             LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![chain_json, fts, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        // Snippets only for the rows shown, not for every match that was ranked.
        let mut snippet_stmt = conn.prepare_cached(
            "SELECT snippet(search_fts, 6, char(1), char(2), '…', 16)
             FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2",
        )?;
        let mut title_stmt =
            conn.prepare_cached("SELECT title FROM modules WHERE id = ?1 AND lang = ?2")?;
        let mut hits = Vec::with_capacity(rows.len());
        for (rowid, kind, id, anchor, lang, label) in rows {
            let snippet: String = snippet_stmt.query_row(params![fts, rowid], |r| r.get(0))?;
            let kind = match kind.as_str() {
                "module" => HitKind::Module,
                "section" => HitKind::Section,
                _ => HitKind::Concept,
            };
            let module_title = match kind {
                HitKind::Section => Some(title_stmt.query_row(params![id, lang], |r| r.get(0))?),
                _ => None,
            };
            hits.push(SearchHit {
                kind,
                is_fallback: chain.first() != Some(&lang.as_str()),
                id,
                anchor,
                lang,
                title: label,
                module_title,
                snippet: segments(&snippet),
            });
        }
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slot::testing::sample_packs;

    fn slot() -> (tempfile::TempDir, ContentSlot) {
        let dir = tempfile::tempdir().unwrap();
        let slot = ContentSlot::build(&dir.path().join("a.db"), &sample_packs()).unwrap();
        (dir, slot)
    }

    fn ids(hits: &[SearchHit]) -> Vec<(HitKind, &str, Option<&str>, &str)> {
        hits.iter()
            .map(|h| (h.kind, h.id.as_str(), h.anchor.as_deref(), h.lang.as_str()))
            .collect()
    }

    #[test]
    fn query_quotes_every_word_and_prefixes_the_last() {
        assert_eq!(fts_query("disc bul").as_deref(), Some("\"disc\" \"bul\"*"));
        assert_eq!(fts_query("disc ").as_deref(), Some("\"disc\""));
        assert_eq!(
            fts_query("AND ( NEAR").as_deref(),
            Some("\"AND\" \"NEAR\"*")
        );
        assert_eq!(fts_query("\" * ( ) :"), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn diacritics_fold_both_ways() {
        let (_d, slot) = slot();
        // "ødem" finds the Norwegian "Benmargsødem" section; "odem" too.
        for q in ["benmargsødem", "benmargsodem", "BENMARGSØDEM"] {
            let hits = slot.search(&["nb", "en"], q, 10).unwrap();
            let hit = hits
                .iter()
                .find(|h| h.anchor.as_deref() == Some("oedema"))
                .unwrap_or_else(|| panic!("{q}: {hits:?}"));
            assert_eq!(
                (hit.id.as_str(), hit.lang.as_str()),
                ("do-i-need-a-scan", "nb")
            );
            // The snippet is the original text, with the folded match marked in it.
            let marked: Vec<_> = hit
                .snippet
                .iter()
                .filter(|s| s.hit)
                .map(|s| &s.text)
                .collect();
            assert_eq!(marked, vec!["Benmargsødem"], "{q}");
        }
        // Prefixes fold too: typing "benmargsø" or "benmargso".
        for q in ["benmargsø", "benmargso"] {
            assert!(!slot.search(&["nb"], q, 10).unwrap().is_empty(), "{q}");
        }
        // "naive" finds the English "naïve", and decomposed input (n a i + U+0308) too.
        for q in ["naive", "naïve", "nai\u{308}ve"] {
            let hits = slot.search(&["en"], q, 10).unwrap();
            assert_eq!(
                ids(&hits),
                vec![(
                    HitKind::Section,
                    "do-i-need-a-scan",
                    Some("why-scans"),
                    "en"
                )],
                "{q}"
            );
        }
    }

    #[test]
    fn letters_without_decomposition_fold() {
        assert_eq!(
            fold_letters("Ødem, Æra, straße, Łódź, þorn"),
            "odem, aera, strasse, lódź, thorn"
        );
    }

    #[test]
    fn prefix_matches_the_word_being_typed() {
        let (_d, slot) = slot();
        let hits = slot.search(&["en"], "radiat", 10).unwrap();
        assert!(ids(&hits).contains(&(HitKind::Module, "radiation", None, "en")));
        // A finished word is not a prefix.
        assert!(slot.search(&["en"], "radiat ", 10).unwrap().is_empty());
    }

    #[test]
    fn searches_the_shown_language_only_including_fallback_modules() {
        let (_d, slot) = slot();
        let hits = slot.search(&["nb", "en"], "radiation", 10).unwrap();
        assert!(!hits.is_empty());
        assert!(
            hits.iter()
                .all(|h| h.id == "radiation" && h.lang == "en" && h.is_fallback)
        );
        // The English text of a module shown in Norwegian is not searched from the nb UI.
        assert!(slot.search(&["nb", "en"], "naive", 10).unwrap().is_empty());
        // Concepts fall back per concept: joint-effusion exists only in English.
        let hits = slot.search(&["nb", "en"], "effusion", 10).unwrap();
        assert_eq!(
            ids(&hits),
            vec![(HitKind::Concept, "joint-effusion", None, "en")]
        );
        // Aliases are searchable and the hit shows the term.
        let hits = slot.search(&["en"], "bulging disc", 10).unwrap();
        assert_eq!(hits[0].id, "disc-bulge");
        assert_eq!(hits[0].title, "Disc bulge");
    }

    #[test]
    fn snippets_are_segments_with_marked_hits() {
        let (_d, slot) = slot();
        let hits = slot.search(&["en"], "ultrasound", 10).unwrap();
        let section = hits.iter().find(|h| h.kind == HitKind::Section).unwrap();
        assert_eq!(section.module_title.as_deref(), Some("Radiation"));
        let marked: Vec<_> = section.snippet.iter().filter(|s| s.hit).collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].text, "ultrasound");
        let joined: String = section.snippet.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "MRI and ultrasound use no radiation at all.");
    }

    #[test]
    fn hostile_queries_do_not_error() {
        let (_d, slot) = slot();
        for q in [
            "\"",
            "AND (",
            "*",
            "NEAR(a b)",
            "a OR",
            "disc\"",
            "'; DROP TABLE modules; --",
            "^",
            "col:disc",
            "{title}: x",
            "-",
            "\u{1}\u{2}",
            "a\0b",
            "🙂",
            "   ",
        ] {
            slot.search(&["nb", "en"], q, 10)
                .unwrap_or_else(|e| panic!("{q:?}: {e}"));
        }
    }

    #[test]
    fn limit_is_respected() {
        let (_d, slot) = slot();
        assert_eq!(slot.search(&["en"], "a", 2).unwrap().len(), 2);
        assert!(slot.search(&["en"], "a", 0).unwrap().is_empty());
        assert!(slot.search(&[], "disc", 5).unwrap().is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_a_valid_query(q in "\\PC{0,40}") {
            let (_d, slot) = slot();
            proptest::prop_assert!(slot.search(&["nb", "en"], &q, 5).is_ok());
        }
    }
}
