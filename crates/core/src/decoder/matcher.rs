//! Stage 2, match: glossary phrases found in the token stream.
//!
//! Beyond the words as the glossary writes them, the matcher reads the classes of phrasing
//! real reports use, all driven by the language's decoder table:
//! - word families: "torn" is "tear", "narrows" is "narrowing" (`word_families`);
//! - small words inside a finding: "the facets ARE hypertrophied" reads "facet hypertrophy",
//!   "disc IS bulging" reads "disc bulging" (`connectors`, at most two per gap);
//! - the noun before its modifier: "hypertrophy OF THE facets", "narrows THE neural foramen",
//!   "tear of the supraspinatus tendon": a phrase split in two and the halves swapped, with
//!   at least one connector between them;
//! - coordinated modifiers: "subchondral and subcortical cysts", "cord or cauda equina
//!   compression" (one finding per modifier that makes a phrase with the shared head);
//! - compounds (`compounds = true`): "diskusbukning" ends in the one-word finding "bukning".
//!
//! Which concept a phrase names can depend on the body area ("extrusion": disc or meniscus):
//! a phrase may belong to concepts of different areas, and the area of the report (or of the
//! sentence) picks one. A concept of another area never matches.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::normalise::{Stemmer, Token, deletions, fold, tokenize, within_one_edit};
use crate::model::{ConceptArea, DecoderTable, GlossaryPack};

/// Typos are forgiven only in words at least this long (folded, in chars): short words differ
/// by one letter far too often ("tear"/"year").
const FUZZY_MIN_LEN: usize = 7;
/// Connectors allowed in one gap of a phrase ("of the left").
const GAP: usize = 3;
/// A compound's head and modifier are each at least this long ("disk|us|bukning").
const COMPOUND_PART: usize = 4;

#[derive(Debug)]
pub(crate) struct Phrase<V> {
    /// Word ids after the first (the first is the map key).
    pub rest: Box<[u32]>,
    /// Bit k set: `rest[k]` comes after a colon ("AC-leddet: artrose"), and so must the
    /// report's word. Reports write findings as "Organ: finding".
    pub colons: u32,
    pub value: V,
}

/// Two concepts of the same area whose words read the same once folded ("disk bulge" and
/// "disc bulges"): the decoder can only show one of them, so the glossary should change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasCollision {
    /// The later concept's words, as written in the glossary.
    pub phrase: String,
    /// The concept that keeps the phrase (first in the glossary).
    pub kept: String,
    pub dropped: String,
}

/// Interned words of one glossary language.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub stemmer: Stemmer,
    /// Stemmed word -> word id (family members share their family's id).
    pub words: HashMap<String, u32>,
    word_text: Vec<String>,
    /// Deletion neighbourhood of long concept words -> candidate word ids.
    typo_index: HashMap<String, Vec<u32>>,
    connectors: HashSet<u32>,
    list_words: HashSet<u32>,
}

impl Lexicon {
    pub(crate) fn new(table: &DecoderTable) -> Lexicon {
        let mut lex = Lexicon {
            stemmer: Stemmer::new(&table.stem_suffixes),
            ..Lexicon::default()
        };
        for family in &table.word_families {
            let stems: Vec<String> = family.iter().map(|w| lex.stemmer.stem(&fold(w))).collect();
            let Some((head, members)) = stems.split_first() else {
                continue;
            };
            let id = lex.intern_stem(head);
            for stem in members.iter().cloned() {
                lex.words.entry(stem).or_insert(id);
            }
        }
        for c in &table.connectors {
            let ids: Vec<u32> = tokenize(c, &lex.stemmer)
                .iter()
                .map(|t| lex.intern_stem(&t.stem))
                .collect();
            lex.connectors.extend(ids);
        }
        for w in &table.list_words {
            if let [t] = tokenize(w, &lex.stemmer).as_slice() {
                let id = lex.intern_stem(&t.stem);
                lex.list_words.insert(id);
            }
        }
        lex
    }

    pub(crate) fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.words.get(stem) {
            return id;
        }
        let id = self.word_text.len() as u32;
        self.words.insert(stem.to_string(), id);
        self.word_text.push(stem.to_string());
        id
    }

    pub(crate) fn intern(&mut self, token: &Token, typo_tolerant: bool) -> u32 {
        let id = self.intern_stem(&token.stem);
        let alphabetic = token.stem.chars().all(char::is_alphabetic);
        if typo_tolerant && alphabetic && token.folded_len >= FUZZY_MIN_LEN {
            let keys = std::iter::once(token.stem.clone()).chain(deletions(&token.stem));
            for key in keys {
                let ids = self.typo_index.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        id
    }

    /// `(first word, rest, colon mask)` of a glossary phrase.
    pub(crate) fn intern_phrase(
        &mut self,
        phrase: &str,
        typo_tolerant: bool,
    ) -> Option<(u32, Box<[u32]>, u32)> {
        let tokens = tokenize(phrase, &self.stemmer);
        let ids: Vec<u32> = tokens
            .iter()
            .map(|t| self.intern(t, typo_tolerant))
            .collect();
        let colons = tokens
            .iter()
            .skip(1)
            .take(32)
            .enumerate()
            .filter(|(_, t)| t.colon_before)
            .fold(0u32, |mask, (k, _)| mask | 1 << k);
        let (&first, rest) = ids.split_first()?;
        Some((first, rest.into(), colons))
    }

    /// The exact word id of a token, if the glossary knows the word.
    pub(crate) fn exact(&self, token: &Token) -> Option<u32> {
        self.words.get(&token.stem).copied()
    }

    pub(crate) fn is_connector(&self, token: &Token) -> bool {
        self.exact(token)
            .is_some_and(|id| self.connectors.contains(&id))
            || token.level
    }

    /// Word ids a report token may stand for: its exact word, else long words one typo away.
    fn candidates(&self, token: &Token) -> Vec<u32> {
        if let Some(&id) = self.words.get(&token.stem) {
            return vec![id];
        }
        // A deleted letter makes a 7-letter word 6 long, so 6 is the shortest token to try.
        if token.folded_len + 1 < FUZZY_MIN_LEN || !token.stem.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for key in std::iter::once(token.stem.clone()).chain(deletions(&token.stem)) {
            for &id in self
                .typo_index
                .get(&key)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if !out.contains(&id) && within_one_edit(&token.stem, &self.word_text[id as usize])
                {
                    out.push(id);
                }
            }
        }
        out
    }
}

/// `(first word, index in its bucket, split)`: a phrase read with its words from `split` on
/// first.
type Rotation = (u32, usize, usize);

/// Concept phrases of one glossary.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    pub concept_ids: Vec<String>,
    pub areas: Vec<ConceptArea>,
    /// Concept phrases keyed by their first word id, longest first. The value lists every
    /// concept the phrase names (of different areas), in glossary order.
    by_first: HashMap<u32, Vec<Phrase<Vec<u32>>>>,
    /// `(phrase key, split)`: the phrase's words from `split` on may come first in a report
    /// ("hypertrophy of the facets"); keyed by the word at `split`.
    /// Keyed by (the word at `split`, the phrase's first word): a swap is only tried where
    /// both words are in the report.
    rotations: HashMap<(u32, u32), Vec<Rotation>>,
    /// Each phrase's words (first word included), parallel to `by_first`.
    full: HashMap<u32, Vec<Box<[u32]>>>,
    /// Whole phrases (word ids) -> concepts, for coordinated modifiers.
    whole: HashMap<Box<[u32]>, Vec<u32>>,
    /// Words that are a whole phrase on their own (compound heads).
    single: HashSet<u32>,
    compounds: bool,
    pub collisions: Vec<AliasCollision>,
}

impl Phrases {
    pub(crate) fn new(glossary: &GlossaryPack, lex: &mut Lexicon) -> Phrases {
        let mut p = Phrases {
            compounds: glossary.decoder.compounds,
            ..Phrases::default()
        };
        // Written variants of each phrase, added after every glossary phrase so that a variant
        // never takes a phrase from the concept that lists it.
        let mut variants: Vec<(Vec<u32>, u32)> = Vec::new();
        for concept in &glossary.concepts {
            let index = p.concept_ids.len() as u32;
            p.concept_ids.push(concept.id.clone());
            p.areas.push(concept.area);
            for phrase in std::iter::once(&concept.term).chain(&concept.aliases) {
                let Some((first, rest, colons)) = lex.intern_phrase(phrase, true) else {
                    continue;
                };
                let mut words = vec![first];
                words.extend(rest.iter());
                if colons == 0 {
                    variants.extend(swapped(lex, &words).map(|w| (w, index)));
                }
                if let Some(clash) = p.insert(first, rest, colons, index, concept.area) {
                    p.collisions.push(AliasCollision {
                        phrase: phrase.clone(),
                        kept: p.concept_ids[clash as usize].clone(),
                        dropped: concept.id.clone(),
                    });
                }
            }
        }
        if p.compounds {
            // "korsbåndsruptur" is also "korsbånd ruptur": a report may write the parts apart
            // ("Fremre korsbånd er rupturert").
            let mut split = Vec::new();
            for (&first, bucket) in &p.by_first {
                for ph in bucket {
                    for &c in &ph.value {
                        let words: Vec<u32> = std::iter::once(first)
                            .chain(ph.rest.iter().copied())
                            .collect();
                        split.extend(split_compounds(lex, &words).map(|w| (w, c)));
                    }
                }
            }
            variants.extend(
                split
                    .iter()
                    .flat_map(|(w, c)| swapped(lex, w).map(|s| (s, *c))),
            );
            variants.extend(split);
        }
        for (words, index) in variants {
            if let Some((&first, rest)) = words.split_first() {
                let area = p.areas[index as usize];
                // A variant that reads like another concept's phrase is simply not added.
                let _ = p.insert(first, rest.into(), 0, index, area);
            }
        }
        for (&first, bucket) in &mut p.by_first {
            bucket.sort_by_key(|ph| std::cmp::Reverse(ph.rest.len()));
            for (k, ph) in bucket.iter().enumerate() {
                let mut all = vec![first];
                all.extend(ph.rest.iter());
                if all.len() == 1 {
                    p.single.insert(first);
                }
                if ph.colons == 0 {
                    for (split, &word) in all.iter().enumerate().skip(1) {
                        p.rotations
                            .entry((word, first))
                            .or_default()
                            .push((first, k, split));
                    }
                }
                p.full
                    .entry(first)
                    .or_default()
                    .push(all.clone().into_boxed_slice());
                p.whole
                    .entry(all.into_boxed_slice())
                    .or_default()
                    .extend(ph.value.iter());
            }
        }
        p
    }

    /// Adds a phrase of concept `index`. Returns the concept of the same area that already
    /// has it (a clash), if any; concepts of different areas may share a phrase.
    fn insert(
        &mut self,
        first: u32,
        rest: Box<[u32]>,
        colons: u32,
        index: u32,
        area: ConceptArea,
    ) -> Option<u32> {
        let bucket = self.by_first.entry(first).or_default();
        match bucket
            .iter_mut()
            .find(|ph| ph.rest == rest && ph.colons == colons)
        {
            None => {
                bucket.push(Phrase {
                    rest,
                    colons,
                    value: vec![index],
                });
                None
            }
            Some(ph) if ph.value.contains(&index) => None,
            Some(ph) => match ph.value.iter().find(|&&c| self.areas[c as usize] == area) {
                Some(&kept) => Some(kept),
                None => {
                    ph.value.push(index);
                    None
                }
            },
        }
    }

    fn words(&self, first: u32, k: usize) -> &[u32] {
        &self.full[&first][k]
    }

    /// The concept a phrase names where the words are about `area` (`None`: unknown). Same
    /// area first, then the concepts that fit any area, in glossary order.
    fn pick(&self, concepts: &[u32], area: Option<ConceptArea>) -> Option<u32> {
        let Some(area) = area else {
            return concepts.first().copied();
        };
        concepts
            .iter()
            .copied()
            .find(|&c| self.areas[c as usize] == area)
            .or_else(|| {
                concepts
                    .iter()
                    .copied()
                    .find(|&c| self.areas[c as usize].fits(area))
            })
    }
}

/// One matched concept: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub first: usize,
    pub last: usize,
    pub concept: u32,
}

/// A candidate match: (phrase words, exact words, -skipped tokens) ranks it; `end` is the last
/// token used.
#[derive(Debug, Clone, Copy)]
struct Hit {
    rank: (usize, usize, isize),
    end: usize,
    concept: u32,
}

pub(crate) struct Matcher<'a> {
    pub lex: &'a Lexicon,
    pub phrases: &'a Phrases,
    pub tokens: &'a [Token],
    /// Area each token is read in (report area, else sentence area, else unknown).
    pub areas: &'a [Option<ConceptArea>],
    cands: Vec<Vec<u32>>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(
        lex: &'a Lexicon,
        phrases: &'a Phrases,
        tokens: &'a [Token],
        areas: &'a [Option<ConceptArea>],
    ) -> Matcher<'a> {
        let cands = tokens
            .iter()
            .map(|t| {
                let c = lex.candidates(t);
                if c.is_empty() && phrases.compounds {
                    compound_head(lex, phrases, t).into_iter().collect()
                } else {
                    c
                }
            })
            .collect();
        Matcher {
            lex,
            phrases,
            tokens,
            areas,
            cands,
        }
    }

    fn is_exact(&self, i: usize, want: u32) -> bool {
        self.lex.exact(&self.tokens[i]) == Some(want)
    }

    /// Matches `words` at tokens `i..` in order, `gaps`: connectors allowed between words.
    /// Returns (last token, exact words, skipped tokens).
    fn run(
        &self,
        i: usize,
        words: &[u32],
        colons: u32,
        gaps: bool,
    ) -> Option<(usize, usize, usize)> {
        let mut at = i;
        let (mut exact, mut skipped) = (0, 0);
        for (k, &want) in words.iter().enumerate() {
            let mut gap = 0;
            loop {
                let t = self.tokens.get(at)?;
                if k > 0 {
                    let colon = k - 1 < 32 && colons & 1 << (k - 1) != 0;
                    let punct_ok = if colon {
                        t.colon_before
                    } else {
                        !t.soft_before
                    };
                    if t.hard_before || !punct_ok {
                        return None;
                    }
                }
                if self.cands[at].contains(&want) {
                    exact += usize::from(self.is_exact(at, want));
                    at += 1;
                    break;
                }
                if k > 0 && gaps && gap < GAP && self.lex.is_connector(t) {
                    gap += 1;
                    skipped += 1;
                    at += 1;
                    continue;
                }
                return None;
            }
        }
        Some((at - 1, exact, skipped))
    }

    /// The best phrase starting at token `i`, forwards or with its halves swapped.
    fn best_at(&self, i: usize) -> Option<Hit> {
        let area = self.areas[i];
        let mut best: Option<Hit> = None;
        fn consider(best: &mut Option<Hit>, hit: Hit) {
            if best.is_none_or(|b| hit.rank > b.rank) {
                *best = Some(hit);
            }
        }
        for &first in &self.cands[i] {
            for (k, ph) in self
                .phrases
                .by_first
                .get(&first)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let words = self.phrases.words(first, k);
                // Longest first: nothing shorter can beat a longer hit.
                if best.is_some_and(|b| b.rank.0 > words.len()) {
                    break;
                }
                let Some(concept) = self.phrases.pick(&ph.value, area) else {
                    continue;
                };
                for gaps in [false, true] {
                    if let Some((end, exact, skipped)) = self.run(i, words, ph.colons, gaps) {
                        consider(
                            &mut best,
                            Hit {
                                rank: (words.len(), exact, -(skipped as isize)),
                                end,
                                concept,
                            },
                        );
                        break;
                    }
                }
            }
            // The phrase's later words first: "hypertrophy of the facets". Only phrases whose
            // first word is a few tokens ahead are tried.
            let ahead = (i + 1..self.tokens.len().min(i + 3 + GAP + 1))
                .take_while(|&p| !self.tokens[p].hard_before)
                .flat_map(|p| self.cands[p].iter().map(move |&m| (p, m)));
            for (p, m) in ahead {
                let entries = self.phrases.rotations.get(&(first, m));
                for &(key, k, split) in entries.into_iter().flatten() {
                    if let Some(hit) = self.swapped_at(i, p, (key, k, split), area) {
                        consider(&mut best, hit);
                    }
                }
            }
        }
        best
    }

    /// The phrase `by_first[key][k]` with its words from `split` on at token `i` and its first
    /// words at token `p`, with one to `GAP` connectors between.
    fn swapped_at(
        &self,
        i: usize,
        p: usize,
        (key, k, split): (u32, usize, usize),
        area: Option<ConceptArea>,
    ) -> Option<Hit> {
        let ph = &self.phrases.by_first[&key][k];
        let concept = self.phrases.pick(&ph.value, area)?;
        let words = self.phrases.words(key, k);
        let (head, modifier) = (&words[split..], &words[..split]);
        let (end, e1, _) = self.run(i, head, 0, false)?;
        // At least one connector, then the modifier.
        let mut at = end + 1;
        let mut gap = 0;
        while gap < GAP
            && self
                .tokens
                .get(at)
                .is_some_and(|t| !t.broken_before() && self.lex.is_connector(t))
        {
            gap += 1;
            at += 1;
        }
        if gap == 0 || at != p || self.tokens[at].broken_before() {
            return None;
        }
        let (end, e2, _) = self.run(at, modifier, 0, false)?;
        Some(Hit {
            rank: (words.len(), e1 + e2, -(gap as isize)),
            end,
            concept,
        })
    }

    /// "subchondral and subcortical cysts": the modifier at `i` shares the head of the phrase
    /// that starts after the list word at `i + m`. Returns (modifier's last token, concept).
    fn coordinated_at(&self, i: usize) -> Option<(usize, u32, Hit, usize)> {
        for m in 1..=2 {
            let list = i + m;
            let next = list + 1;
            let t = self.tokens.get(list)?;
            let is_list = self.lex.exact(t).is_some_and(|id| self.is_list_word(id));
            // "A, B cysts" (comma) or "A and B cysts".
            let (j, joined_by_comma) = if is_list && !t.broken_before() {
                (next, false)
            } else if t.soft_before && !t.hard_before && !t.new_line_before {
                (list, true)
            } else {
                continue;
            };
            if (i + 1..list).any(|x| self.tokens[x].broken_before()) || j >= self.tokens.len() {
                continue;
            }
            if !joined_by_comma && self.tokens[j].broken_before() {
                continue;
            }
            let Some(hit) = self.best_at(j) else {
                // No phrase starts at the second modifier: the first one may make a phrase
                // with the head after it ("subchondral and subcortical cysts").
                if let Some(found) = self.shared_head(i, m, j).filter(|_| !joined_by_comma) {
                    return Some(found);
                }
                continue;
            };
            // The words the hit matched, as exact ids, minus its first `drop` words.
            let matched: Vec<u32> = (j..=hit.end)
                .filter(|&x| !self.lex.is_connector(&self.tokens[x]))
                .filter_map(|x| self.lex.exact(&self.tokens[x]))
                .collect();
            let modifier: Option<Vec<u32>> = (i..i + m)
                .map(|x| self.lex.exact(&self.tokens[x]))
                .collect();
            let Some(modifier) = modifier else {
                continue;
            };
            for drop in 1..matched.len() {
                let mut words = modifier.clone();
                words.extend(&matched[drop..]);
                if let Some(cs) = self.phrases.whole.get(words.as_slice())
                    && let Some(c) = self.phrases.pick(cs, self.areas[i])
                {
                    return Some((i + m - 1, c, hit, j));
                }
            }
        }
        None
    }

    /// The modifier at `i..i + m` with the 1-3 words after one or two other modifiers from
    /// `j` on, as a whole phrase; the finding covers the whole coordination.
    fn shared_head(&self, i: usize, m: usize, j: usize) -> Option<(usize, u32, Hit, usize)> {
        let modifier: Vec<u32> = (i..i + m)
            .map(|x| self.lex.exact(&self.tokens[x]))
            .collect::<Option<_>>()?;
        for skip in 1..=2 {
            for len in (1..=3).rev() {
                let (start, end) = (j + skip, j + skip + len);
                if end > self.tokens.len() || (j + 1..end).any(|x| self.tokens[x].broken_before()) {
                    continue;
                }
                let mut words = modifier.clone();
                for x in start..end {
                    words.push(self.lex.exact(&self.tokens[x])?);
                }
                if let Some(cs) = self.phrases.whole.get(words.as_slice())
                    && let Some(c) = self.phrases.pick(cs, self.areas[i])
                {
                    let hit = Hit {
                        rank: (words.len(), 0, 0),
                        end: end - 1,
                        concept: c,
                    };
                    return Some((end - 1, c, hit, j));
                }
            }
        }
        None
    }

    fn is_list_word(&self, id: u32) -> bool {
        self.lex.list_words.contains(&id)
    }

    /// Every recognised concept, left to right, never overlapping; at each token the best
    /// phrase wins (most phrase words, then most exact words, then fewest skipped words).
    pub(crate) fn spans(&self) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            let Some(hit) = self.best_at(i) else {
                match self.coordinated_at(i) {
                    Some((_, c, hit, _)) if c == hit.concept => {
                        spans.push(Span {
                            first: i,
                            last: hit.end,
                            concept: c,
                        });
                        i = hit.end + 1;
                    }
                    Some((last, c, _, j)) => {
                        spans.push(Span {
                            first: i,
                            last,
                            concept: c,
                        });
                        i = j;
                    }
                    None => i += 1,
                }
                continue;
            };
            // "Modic type 1" + "endplate changes" written as one phrase is one finding.
            match spans.last_mut() {
                Some(prev)
                    if prev.concept == hit.concept
                        && prev.last + 1 == i
                        && !self.tokens[i].broken_before() =>
                {
                    prev.last = hit.end
                }
                _ => spans.push(Span {
                    first: i,
                    last: hit.end,
                    concept: hit.concept,
                }),
            }
            i = hit.end + 1;
        }
        spans
    }
}

/// "tear of the labrum" is also "labrum tear": the words after the last connector, then the
/// words before the first one.
fn swapped(lex: &Lexicon, words: &[u32]) -> Option<Vec<u32>> {
    let conn = |w: &u32| lex.connectors.contains(w);
    let first = words.iter().position(conn)?;
    let last = words.iter().rposition(conn)?;
    if first == 0 || last + 1 == words.len() {
        return None;
    }
    let mut out: Vec<u32> = words[last + 1..].to_vec();
    out.extend(&words[..first]);
    Some(out)
}

/// The phrase with its compound words split where the ending is a word the glossary knows
/// ("korsbåndsruptur": "korsbånd" + "ruptur"; a linking "s" or "e" is dropped).
fn split_compounds(lex: &mut Lexicon, words: &[u32]) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut changed = false;
    for &w in words {
        let text = lex.word_text[w as usize].clone();
        let tail = text
            .char_indices()
            .skip(COMPOUND_PART)
            .map(|(at, _)| at)
            .find(|&at| {
                text[at..].chars().count() >= COMPOUND_PART && lex.words.contains_key(&text[at..])
            });
        match tail {
            Some(at) => {
                let head = &text[..at];
                let head = match head.strip_suffix(['s', 'e']) {
                    Some(h) if h.chars().count() >= COMPOUND_PART => h,
                    _ => head,
                };
                let head = lex.intern_stem(head);
                let tail_id = lex.words[&text[at..]];
                out.extend([head, tail_id]);
                changed = true;
            }
            None => out.push(w),
        }
    }
    changed.then_some(out)
}

/// "diskusbukning": the longest ending of an unknown word that is a one-word finding, with a
/// modifier of at least `COMPOUND_PART` letters before it.
fn compound_head(lex: &Lexicon, phrases: &Phrases, t: &Token) -> Option<u32> {
    if !t.stem.chars().all(char::is_alphabetic) {
        return None;
    }
    t.stem
        .char_indices()
        .skip(COMPOUND_PART)
        .map(|(at, _)| &t.stem[at..])
        .filter(|head| head.chars().count() >= COMPOUND_PART)
        .find_map(|head| {
            let id = *lex.words.get(head)?;
            phrases.single.contains(&id).then_some(id)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Concept, PACK_FORMAT};

    fn pack(concepts: &[(&str, ConceptArea, &[&str])], table: DecoderTable) -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "xx".into(),
            negations: vec![],
            terminators: vec![],
            post_negations: vec![],
            concepts: concepts
                .iter()
                .map(|(id, area, words)| Concept {
                    id: (*id).into(),
                    area: *area,
                    term: words[0].into(),
                    aliases: words[1..].iter().map(|w| (*w).into()).collect(),
                    ..Default::default()
                })
                .collect(),
            translation: None,
            decoder: table,
        }
    }

    fn table() -> DecoderTable {
        DecoderTable {
            stem_suffixes: vec![vec!["s".into()], vec!["e".into()]],
            list_words: ["and", "or"].map(String::from).to_vec(),
            connectors: ["of", "the", "is", "are", "left"]
                .map(String::from)
                .to_vec(),
            word_families: vec![
                ["narrowing", "narrows", "narrowed"]
                    .map(String::from)
                    .to_vec(),
                ["hypertrophy", "hypertrophied"].map(String::from).to_vec(),
                ["tear", "torn"].map(String::from).to_vec(),
                ["complete", "completely"].map(String::from).to_vec(),
            ],
            compounds: true,
            ..DecoderTable::default()
        }
    }

    /// (concept, matched text) of each span.
    fn read(g: &GlossaryPack, text: &str, area: Option<ConceptArea>) -> Vec<(String, String)> {
        let mut lex = Lexicon::new(&g.decoder);
        let phrases = Phrases::new(g, &mut lex);
        let tokens = tokenize(text, &lex.stemmer);
        let areas = vec![area; tokens.len()];
        Matcher::new(&lex, &phrases, &tokens, &areas)
            .spans()
            .iter()
            .map(|s| {
                (
                    phrases.concept_ids[s.concept as usize].clone(),
                    text[tokens[s.first].start..tokens[s.last].end].to_string(),
                )
            })
            .collect()
    }

    fn r(c: &str, m: &str) -> (String, String) {
        (c.into(), m.into())
    }

    #[test]
    fn word_order_verb_forms_and_connectors() {
        use ConceptArea::*;
        let g = pack(
            &[
                ("facet", Spine, &["facet hypertrophy"]),
                (
                    "foraminal",
                    Spine,
                    &["foraminal narrowing", "neural foramen narrowing"],
                ),
                (
                    "full",
                    Shoulder,
                    &["complete tear", "supraspinatus tendon tear"],
                ),
            ],
            table(),
        );
        assert_eq!(
            read(&g, "Hypertrophy of the facets.", None),
            [r("facet", "Hypertrophy of the facets")]
        );
        assert_eq!(
            read(&g, "The facets are hypertrophied.", None),
            [r("facet", "facets are hypertrophied")]
        );
        assert_eq!(
            read(&g, "Disc narrows the left neural foramen.", None),
            [r("foraminal", "narrows the left neural foramen")]
        );
        assert_eq!(
            read(
                &g,
                "Tear of the supraspinatus tendon. It is completely torn.",
                None
            ),
            [
                r("full", "Tear of the supraspinatus tendon"),
                r("full", "completely torn")
            ]
        );
        // No connector, no swap: "narrowing foramen neural" is not a phrase.
        assert!(read(&g, "narrowing neural foramen", None).is_empty());
        // A sentence end stops a phrase.
        assert!(read(&g, "Narrowing. The neural foramen", None).is_empty());
    }

    #[test]
    fn coordinated_modifiers_share_the_head() {
        use ConceptArea::*;
        let g = pack(
            &[
                ("subchondral", Joint, &["subchondral cyst"]),
                ("subcortical", Joint, &["subcortical cyst"]),
                ("cord", Spine, &["cord compression"]),
                ("cauda", Spine, &["cauda equina compression"]),
            ],
            table(),
        );
        assert_eq!(
            read(&g, "Subchondral and subcortical cysts.", None),
            [
                r("subchondral", "Subchondral"),
                r("subcortical", "subcortical cysts")
            ]
        );
        assert_eq!(
            read(&g, "No cord or cauda equina compression.", None),
            [r("cord", "cord"), r("cauda", "cauda equina compression")]
        );
    }

    #[test]
    fn the_area_picks_the_concept() {
        use ConceptArea::*;
        let g = pack(
            &[
                ("disc-extrusion", Spine, &["extrusion"]),
                (
                    "meniscal-extrusion",
                    Knee,
                    &["extrusion", "meniscal extrusion"],
                ),
                ("marrow", Knee, &["marrow signal"]),
                ("fracture-spine", Spine, &["fracture"]),
                ("fracture", General, &["fracture"]),
            ],
            table(),
        );
        assert_eq!(
            read(&g, "extrusion", Some(Knee)),
            [r("meniscal-extrusion", "extrusion")]
        );
        assert_eq!(
            read(&g, "extrusion", Some(Spine)),
            [r("disc-extrusion", "extrusion")]
        );
        // Another area's concept never matches.
        assert!(read(&g, "marrow signal", Some(Spine)).is_empty());
        assert_eq!(
            read(&g, "marrow signal", None),
            [r("marrow", "marrow signal")]
        );
        // The same area first, then the concept that fits every area.
        assert_eq!(
            read(&g, "fracture", Some(Spine)),
            [r("fracture-spine", "fracture")]
        );
        assert_eq!(
            read(&g, "fracture", Some(Knee)),
            [r("fracture", "fracture")]
        );
        // Different areas may share a phrase; the same area may not.
        let mut lex = Lexicon::new(&g.decoder);
        assert!(Phrases::new(&g, &mut lex).collisions.is_empty());
        let clash = pack(&[("a", Knee, &["tear"]), ("b", Knee, &["tears"])], table());
        let mut lex = Lexicon::new(&clash.decoder);
        assert_eq!(Phrases::new(&clash, &mut lex).collisions.len(), 1);
    }

    #[test]
    fn compounds_end_in_a_known_finding() {
        let g = pack(&[("bulge", ConceptArea::Spine, &["bukning"])], table());
        assert_eq!(
            read(&g, "Diskusbukning L4/5", None),
            [r("bulge", "Diskusbukning")]
        );
        // The modifier must be a real word's length: "abcbukning" is not a compound.
        assert!(read(&g, "abcbukning", None).is_empty());
        // A compound alias is also read with its parts apart, in either order.
        let mut t = table();
        t.connectors.push("er".into());
        t.word_families
            .push(vec!["ruptur".into(), "rupturert".into()]);
        let g = pack(
            &[
                ("acl", ConceptArea::Knee, &["korsbåndsruptur"]),
                ("labrum", ConceptArea::Shoulder, &["tear of the labrum"]),
            ],
            t,
        );
        assert_eq!(
            read(&g, "Korsbånd er rupturert.", None),
            [r("acl", "Korsbånd er rupturert")]
        );
        assert_eq!(
            read(&g, "The labrum is torn.", None),
            [r("labrum", "labrum is torn")]
        );
        let mut off = table();
        off.compounds = false;
        let g = pack(&[("bulge", ConceptArea::Spine, &["bukning"])], off);
        assert!(read(&g, "Diskusbukning", None).is_empty());
    }
}
