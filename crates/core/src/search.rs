//! Full-text search over a slot: module titles, summaries, key points, section text and glossary
//! terms, aliases and explanations (SQLite FTS5, `unicode61 remove_diacritics 2`).
//!
//! User input never reaches FTS5 syntax: it is cut into words the way the tokenizer cuts them,
//! each word is quoted, and only the last one gets a prefix `*` (the user is still typing it).
//! Snippets come back as segments (`{text, hit}`), never as markup, so the UI cannot be handed
//! HTML by a search.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rusqlite::params;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::slot::{ContentSlot, Result};

/// More words than this are ignored: nobody types them, and each one costs a doclist merge.
const MAX_TERMS: usize = 12;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// Letters, digits and combining marks belong to words (as `unicode61` cuts text).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// How two words compare for highlighting, as the index compares them: case, the letters of
/// [`fold_letters`] and diacritics (`remove_diacritics 2`) do not count. The web edition's
/// search index is made of these keys (and its script folds a query the same way).
pub fn match_key(word: &str) -> String {
    fold_letters(word)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What the user typed, cut into words the way `unicode61` cuts text (letters, digits and
/// combining marks belong to words; everything else separates them).
struct Query {
    /// NFC, letters folded.
    words: Vec<String>,
    /// The user is still typing the last word: match it as a prefix.
    prefix_last: bool,
}

impl Query {
    fn parse(input: &str) -> Option<Query> {
        let normalised: String = input.nfc().collect();
        let words: Vec<String> = normalised
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .take(MAX_TERMS)
            .map(fold_letters)
            .collect();
        // A prefix of one letter matches nearly everything and helps nobody.
        let prefix_last = normalised.chars().last().is_some_and(is_word_char)
            && words.last().is_some_and(|w| w.chars().count() >= 2);
        (!words.is_empty()).then_some(Query { words, prefix_last })
    }

    /// Every word a quoted FTS5 string, so `AND`, `NEAR`, `"`, `*`, `(` are only text.
    fn fts(&self) -> String {
        let last = self.words.len() - 1;
        let parts: Vec<String> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                // Words cannot contain `"` (it separates), but escape anyway: it is the rule.
                let quoted = format!("\"{}\"", w.replace('"', "\"\""));
                if i == last && self.prefix_last {
                    quoted + "*"
                } else {
                    quoted
                }
            })
            .collect();
        parts.join(" ")
    }
}

/// The FTS5 query for what the user typed, or `None` when it has no words. Every word is a
/// quoted string; the last is a prefix unless the input ends in a separator or it is a single
/// letter.
pub fn fts_query(input: &str) -> Option<String> {
    Query::parse(input).map(|q| q.fts())
}

/// Words around a snippet's best spot.
const SNIPPET_WORDS: usize = 16;

/// The part of `text` with the most query words in a window of [`SNIPPET_WORDS`] words, as
/// segments with the matching words marked. Computed here rather than with FTS5 `snippet()`,
/// which would run the MATCH (and expand prefix terms) again for every hit.
fn snippet(text: &str, query: &Query) -> Vec<Segment> {
    let keys: Vec<String> = query.words.iter().map(|w| match_key(w)).collect();
    let last = keys.len() - 1;
    let is_hit = |word: &str| {
        let k = match_key(word);
        keys.iter()
            .enumerate()
            .any(|(i, q)| k == *q || (i == last && query.prefix_last && k.starts_with(q.as_str())))
    };
    // (start byte, end byte, hit) of every word.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (start, is_word_char(c)) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((s, i, is_hit(&text[s..i])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len(), is_hit(&text[s..])));
    }
    let (first, end) = if words.len() <= SNIPPET_WORDS {
        (0, words.len())
    } else {
        let hits: Vec<usize> = words.iter().map(|w| usize::from(w.2)).collect();
        let mut count: usize = hits[..SNIPPET_WORDS].iter().sum();
        let (mut best, mut best_count) = (0, count);
        for s in 1..=words.len() - SNIPPET_WORDS {
            count = count + hits[s + SNIPPET_WORDS - 1] - hits[s - 1];
            if count > best_count {
                (best, best_count) = (s, count);
            }
        }
        // Centre the matches of the best window, so they have context on both sides.
        let window = best..best + SNIPPET_WORDS;
        let first_hit = window.clone().find(|&i| words[i].2).unwrap_or(best);
        let last_hit = window.rev().find(|&i| words[i].2).unwrap_or(first_hit);
        let margin = (SNIPPET_WORDS - (last_hit - first_hit + 1)) / 2;
        let start = first_hit
            .saturating_sub(margin)
            .min(words.len() - SNIPPET_WORDS);
        (start, start + SNIPPET_WORDS)
    };
    let from = if first == 0 { 0 } else { words[first].0 };
    let to = if end == words.len() {
        text.len()
    } else {
        words[end - 1].1
    };
    let mut out = Vec::new();
    let mut plain = String::from(if first > 0 { "…" } else { "" });
    let mut at = from;
    for &(s, e, hit) in &words[first..end] {
        if hit {
            plain.push_str(&text[at..s]);
            if !plain.is_empty() {
                out.push(Segment {
                    text: std::mem::take(&mut plain),
                    hit: false,
                });
            }
            out.push(Segment {
                text: text[s..e].to_owned(),
                hit: true,
            });
            at = e;
        }
    }
    plain.push_str(&text[at..to]);
    if end < words.len() {
        plain.push('…');
    }
    if !plain.is_empty() {
        out.push(Segment {
            text: plain,
            hit: false,
        });
    }
    out
}

/// At most this many matching documents per language are ranked. Real-size content never
/// reaches it (a language has a few hundred documents); at 100× it keeps one-letter-ish
/// queries that match nearly everything fast, ranking the first documents in slot order
/// (glossary concepts, then modules in home-screen order).
const RANK_CAP: i64 = 400;

/// The rowid ranges each language of a chain contributes, in chain order.
type ChainRanges = Vec<Vec<(i64, i64)>>;

/// Per-slot memo of [`ChainRanges`]; a slot never changes, so neither do they.
#[derive(Default)]
pub(crate) struct SearchCache {
    ranges: RefCell<HashMap<Vec<String>, Arc<ChainRanges>>>,
}

impl ContentSlot {
    /// For each chain language, the rowid ranges of the units it shows: all of its own for the
    /// first language; for a fallback language only units no earlier language has.
    fn chain_ranges(&self, chain: &[String]) -> Result<Arc<ChainRanges>> {
        if let Some(hit) = self.search_cache().ranges.borrow().get(chain) {
            return Ok(Arc::clone(hit));
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, id, first_rowid, last_rowid FROM search_units
             WHERE lang = ?1 ORDER BY first_rowid",
        )?;
        let mut shown: HashSet<(String, String)> = HashSet::new();
        let mut out = Vec::with_capacity(chain.len());
        for lang in chain {
            let units = stmt
                .query_map([lang], |r| {
                    Ok(((r.get(0)?, r.get(1)?), r.get(2)?, r.get(3)?))
                })?
                .collect::<Result<Vec<((String, String), i64, i64)>, _>>()?;
            let mut ranges: Vec<(i64, i64)> = Vec::new();
            for (unit, lo, hi) in &units {
                if shown.contains(unit) {
                    continue;
                }
                match ranges.last_mut() {
                    Some(last) if last.1 + 1 == *lo => last.1 = *hi,
                    _ => ranges.push((*lo, *hi)),
                }
            }
            shown.extend(units.into_iter().map(|(unit, _, _)| unit));
            out.push(ranges);
        }
        let out = Arc::new(out);
        let mut cache = self.search_cache().ranges.borrow_mut();
        if cache.len() >= 16 {
            cache.clear();
        }
        cache.insert(chain.to_vec(), Arc::clone(&out));
        Ok(out)
    }

    /// Searches what a user of `chain` can see: each module in the language it is shown in
    /// (so an English fallback module is found from the Norwegian UI, and the hidden English
    /// twin of a Norwegian module is not), and each concept likewise. Best matches first.
    pub fn search(&self, chain: &[&str], query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(query) = Query::parse(query) else {
            return Ok(Vec::new());
        };
        let fts = query.fts();
        let mut langs: Vec<String> = Vec::with_capacity(chain.len());
        for lang in chain {
            if !langs.iter().any(|l| l == lang) {
                langs.push((*lang).to_owned());
            }
        }
        if langs.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let ranges = self.chain_ranges(&langs)?;
        let conn = self.conn();
        // Weights: title five times the body; the five UNINDEXED columns nothing.
        let mut rank_stmt = conn.prepare_cached(
            "SELECT rowid, bm25(search_fts, 0, 0, 0, 0, 0, 5.0, 1.0) FROM search_fts
             WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT ?4",
        )?;
        // bm25 scores from one table and one query compare across languages and ranges.
        let mut candidates: Vec<(f64, usize, i64)> = Vec::new();
        for (pos, lang_ranges) in ranges.iter().enumerate() {
            let mut budget = RANK_CAP;
            for (lo, hi) in lang_ranges {
                if budget == 0 {
                    break;
                }
                let before = candidates.len();
                let rows = rank_stmt.query_map(params![fts, lo, hi, budget], |r| {
                    Ok((r.get::<_, f64>(1)?, pos, r.get::<_, i64>(0)?))
                })?;
                for row in rows {
                    candidates.push(row?);
                }
                budget -= (candidates.len() - before) as i64;
            }
        }
        // bm25 is lower for better matches; ties go to the earlier chain language.
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        candidates.truncate(limit);

        let mut doc_stmt = conn.prepare_cached(
            "SELECT kind, id, anchor, lang, label, body FROM search_docs WHERE rowid = ?1",
        )?;
        let mut title_stmt =
            conn.prepare_cached("SELECT title FROM modules WHERE id = ?1 AND lang = ?2")?;
        let mut hits = Vec::with_capacity(candidates.len());
        for (_, pos, rowid) in candidates {
            let (kind, id, anchor, lang, label, body) = doc_stmt.query_row([rowid], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?;
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
                is_fallback: pos > 0,
                id,
                anchor,
                lang,
                title: label,
                module_title,
                snippet: snippet(&body, &query),
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
    fn snippet_picks_the_densest_window_and_marks_words() {
        let q = Query::parse("knee pai").unwrap();
        let text = format!(
            "{} Knee pain, often painless. {}",
            "filler ".repeat(30),
            "end ".repeat(30)
        );
        let segs = snippet(&text, &q);
        let marked: Vec<_> = segs
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["Knee", "pain", "painless"]);
        assert!(segs.first().unwrap().text.starts_with('…'));
        assert!(segs.last().unwrap().text.ends_with('…'));
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined.split_whitespace().count(), SNIPPET_WORDS, "{joined}");
        // Context on both sides of the matches.
        assert!(
            joined.starts_with("…filler") && joined.ends_with("end…"),
            "{joined}"
        );
        // A finished last word is not a prefix, and diacritics fold in highlighting too.
        let q = Query::parse("naive pain ").unwrap();
        let segs = snippet("Naïve painless pain.", &q);
        let marked: Vec<_> = segs
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, vec!["Naïve", "pain"]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, "Naïve painless pain.");
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

    #[test]
    fn more_matches_than_the_rank_cap_still_rank_and_fall_back() {
        use crate::model::{BodyArea, Pack};
        use crate::slot::testing::module;
        let section = |n: usize| crate::model::Section {
            anchor: format!("s{n}"),
            heading: format!("Part {n}"),
            html: String::new(),
            text: format!("Back pain is common. Section {n}."),
        };
        let mut packs = Vec::new();
        for m in 0..150 {
            for lang in ["en", "nb"] {
                // Every fifth module exists only in English: the nb UI finds it as a fallback.
                if lang == "nb" && m % 5 == 0 {
                    continue;
                }
                let mut p = module(
                    &format!("m{m:03}"),
                    lang,
                    m,
                    "Back pain",
                    (0..3).map(section).collect(),
                );
                p.areas = vec![BodyArea::Back];
                packs.push(Pack::Module(p));
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let slot = ContentSlot::build(&dir.path().join("s.db"), &packs).unwrap();
        // 120 nb modules × 4 documents match: more than RANK_CAP.
        let hits = slot.search(&["nb", "en"], "pain", 25).unwrap();
        assert_eq!(hits.len(), 25);
        assert!(
            hits.iter()
                .all(|h| h.lang == "nb" || h.id.ends_with('0') || h.id.ends_with('5'))
        );
        // Only English-only modules come from English, and only as fallbacks.
        let en = slot.search(&["nb", "en"], "pain", 1000).unwrap();
        let en: Vec<_> = en.iter().filter(|h| h.lang == "en").collect();
        assert!(!en.is_empty());
        assert!(
            en.iter()
                .all(|h| h.is_fallback && h.id[1..].parse::<u32>().unwrap() % 5 == 0)
        );
    }

    thread_local! {
        static SHARED: (tempfile::TempDir, ContentSlot) = slot();
    }

    proptest::proptest! {
        #[test]
        fn any_input_is_a_valid_query(q in "\\PC{0,40}") {
            SHARED.with(|(_d, slot)| {
                proptest::prop_assert!(slot.search(&["nb", "en"], &q, 5).is_ok());
                Ok(())
            })?;
        }
    }
}
