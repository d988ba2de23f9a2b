//! The report decoder: finds glossary concepts in pasted radiology-report text, locally.
//!
//! Matching works on normalised word tokens, so it is tolerant of what real reports do:
//! case, accents (NFKD, marks stripped), hyphens, slashes, line breaks and repeated spaces
//! between words, plural endings, spelling variants (disc/disk, oedema/edema, ae/e, doubled
//! letters as in desiccation/dessication) and one-letter typos in long words. The longest
//! phrase wins ("full-thickness tear" over "tear").
//!
//! A finding is [`FindingStatus::Absent`] when the report says it is not there: a negation cue
//! before it in the same clause ("no", "without evidence of", "ingen"), which reaches over
//! coordinated lists ("no herniation, stenosis or fracture"), or a post-negation after it
//! ("stenosis is not seen", "effusion: none", "prolaps ikke påvist").
//!
//! The text never leaves the device; nothing here does I/O.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::GlossaryPack;

/// One recognised concept in the report text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Concept id (DESIGN §7), the same in every language.
    pub concept: String,
    /// `&text[start..end]`: the words as the report wrote them.
    pub matched: String,
    /// Byte span into the original text (UTF-8 char boundaries), for highlighting.
    pub start: usize,
    pub end: usize,
    pub status: FindingStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    Present,
    /// The report says it is not there ("no stenosis"): shown as "not found", never as a finding.
    Absent,
}

/// Tokens a simple pre-negation reaches forward, not counting findings and list words.
const PRE_WINDOW: u32 = 6;
/// Tokens allowed between a finding and its post-negation ("stenosis *is clearly* not seen").
const POST_WINDOW: u32 = 3;
/// Typos are forgiven only in words at least this long (folded, in chars): short words differ
/// by one letter far too often ("tear"/"year").
const FUZZY_MIN_LEN: usize = 7;

// Built-in cue words. The pack's `negations` and `terminators` extend these for its language.
// The pack format has no list for post-negations yet ("X is not seen", "X: none"), so those
// come only from here, keyed on `glossary.lang` (en and the Norwegian family; other languages
// get only what their pack lists).
const EN_PRE: &[&str] = &[
    "no",
    "not",
    "without",
    "no evidence of",
    "no signs of",
    "negative for",
    "free of",
    "absence of",
    "rules out",
];
const EN_POST: &[&str] = &[
    "not seen",
    "not identified",
    "not present",
    "not demonstrated",
    "not visualised",
    "not visualized",
    "not detected",
    "not evident",
    "not noted",
    "not appreciated",
    "is absent",
    "are absent",
    "ruled out",
    "excluded",
];
/// Post-negations that count only right after a colon ("Effusion: none"); elsewhere "no"/"none"
/// read forwards.
const EN_POST_COLON: &[&str] = &["none", "nil", "no", "absent", "negative"];
const EN_TERMINATORS: &[&str] = &["but", "however", "although", "though", "except", "whereas"];
const EN_LIST: &[&str] = &["or", "and", "nor", "either", "neither"];

const NB_PRE: &[&str] = &[
    // Verb-second word order puts the verb before "ikke": "Det foreligger ikke prolaps".
    // These are post-negations too ("Prolaps foreligger ikke"); reading backwards wins.
    "foreligger ikke",
    "ses ikke",
    "sees ikke",
    "påvises ikke",
    "finnes ikke",
    "ingen",
    "ikke",
    "uten",
    "ikke tegn til",
    "ingen tegn til",
    "ikke holdepunkt for",
    "ikke holdepunkter for",
    "intet",
    "ei",
];
const NB_POST: &[&str] = &[
    "ikke påvist",
    "ikke sett",
    "ikke funnet",
    "ikke til stede",
    "ikke tilstede",
    "ikke synlig",
    "ikke påviselig",
    "ses ikke",
    "sees ikke",
    "påvises ikke",
    "foreligger ikke",
    "finnes ikke",
    "utelukket",
];
const NB_POST_COLON: &[&str] = &["ingen", "intet", "nei", "negativ"];
const NB_TERMINATORS: &[&str] = &["men", "derimot", "imidlertid", "unntatt", "bortsett fra"];
const NB_LIST: &[&str] = &["eller", "og", "samt", "heller"];

/// The built-in cue words of one language.
struct BuiltinCues {
    pre: &'static [&'static str],
    post: &'static [&'static str],
    post_colon: &'static [&'static str],
    terminators: &'static [&'static str],
    list: &'static [&'static str],
}

impl BuiltinCues {
    fn for_lang(lang: &str) -> BuiltinCues {
        match primary_subtag(lang).as_str() {
            "en" => BuiltinCues {
                pre: EN_PRE,
                post: EN_POST,
                post_colon: EN_POST_COLON,
                terminators: EN_TERMINATORS,
                list: EN_LIST,
            },
            "nb" | "nn" | "no" => BuiltinCues {
                pre: NB_PRE,
                post: NB_POST,
                post_colon: NB_POST_COLON,
                terminators: NB_TERMINATORS,
                list: NB_LIST,
            },
            _ => BuiltinCues {
                pre: &[],
                post: &[],
                post_colon: &[],
                terminators: &[],
                list: &[],
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stemmer {
    /// `-s`, then `-e` (so "changes", "change" and "bulges", "bulge" meet).
    English,
    /// Norwegian, Danish, Swedish: `-ene`, `-er`, `-en`, `-et`, `-e`.
    Scandinavian,
}

fn primary_subtag(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn stemmer_for(lang: &str) -> Stemmer {
    match primary_subtag(lang).as_str() {
        "nb" | "nn" | "no" | "da" | "sv" => Stemmer::Scandinavian,
        _ => Stemmer::English,
    }
}

/// Case, accents and spelling variants folded away; what both glossary and report go through.
fn fold(raw: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(raw.len());
    for c in raw.nfkd() {
        if is_combining_mark(c) || is_apostrophe(c) {
            continue;
        }
        chars.extend(c.to_lowercase());
    }
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    let mut last: Option<char> = None;
    while i < chars.len() {
        let mut c = chars[i];
        // ae/oe -> e: oedema/edema, haemorrhage/hemorrhage.
        if (c == 'a' || c == 'o') && chars.get(i + 1) == Some(&'e') {
            c = 'e';
            i += 1;
        }
        // disk -> disc (and diskprolaps -> discprolaps).
        if c == 'k' && out.ends_with("dis") {
            c = 'c';
        }
        // Doubled letters -> one: desiccation/dessication/dessiccation, and many typos.
        if !(c.is_alphabetic() && last == Some(c)) {
            out.push(c);
        }
        last = Some(c);
        i += 1;
    }
    out
}

fn stem(folded: &str, stemmer: Stemmer) -> String {
    if folded.chars().any(|c| !c.is_alphabetic()) {
        return folded.to_string();
    }
    let len = folded.chars().count();
    let mut s = folded.to_string();
    match stemmer {
        Stemmer::English => {
            let mut n = len;
            if n > 3 && s.ends_with('s') {
                s.pop();
                n -= 1;
            }
            if n > 3 && s.ends_with('e') {
                s.pop();
            }
        }
        Stemmer::Scandinavian => {
            for suffix in ["ene", "er", "en", "et", "e"] {
                if s.ends_with(suffix) && len - suffix.len() >= 3 {
                    s.truncate(s.len() - suffix.len());
                    break;
                }
            }
        }
    }
    s
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Separators that may sit inside a term: "disc-bulge", "L4/5", "disc\nbulge".
fn is_joiner(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '-' | '/' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_')
        || is_apostrophe(c)
}

#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// Folded length in chars, before stemming (decides whether typos are forgiven).
    folded_len: usize,
    stem: String,
    /// Sentence or clause end before this token (`.`, `;`, `!`, `?`, a blank line, a new bullet).
    hard_before: bool,
    /// Other punctuation before this token (`,`, `:`, brackets): terms do not span it.
    soft_before: bool,
    colon_before: bool,
    /// A line break before a Capitalised word: reports list findings line by line without
    /// full stops, so a negation ends here. Terms may still wrap ("DISC\nDESICCATION").
    new_line_before: bool,
}

impl Token {
    /// Negation does not reach over this token's start.
    fn ends_clause_before(&self) -> bool {
        self.hard_before || self.new_line_before
    }
}

fn tokenize(text: &str, stemmer: Stemmer) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let (mut hard, mut soft, mut colon) = (false, false, false);
    let mut newlines = 0u32;
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                // Combining marks belong to their letter (decomposed "é" is one word).
                if d.is_alphanumeric() || is_combining_mark(d) {
                    end = j + d.len_utf8();
                } else if is_apostrophe(d) {
                    // Inside a word only ("Baker's"); a closing quote is a separator.
                    let mut ahead = text[j + d.len_utf8()..].chars();
                    if !ahead.next().is_some_and(char::is_alphanumeric) {
                        break;
                    }
                } else {
                    break;
                }
                chars.next();
            }
            let folded = fold(&text[start..end]);
            let folded_len = folded.chars().count();
            let mut word = text[start..end].chars();
            let capitalised = word.next().is_some_and(char::is_uppercase)
                && word.next().is_none_or(|c| !c.is_uppercase());
            tokens.push(Token {
                start,
                end,
                folded_len,
                stem: stem(&folded, stemmer),
                hard_before: hard,
                soft_before: soft,
                colon_before: colon,
                new_line_before: newlines > 0 && capitalised,
            });
            (hard, soft, colon, newlines) = (false, false, false, 0);
            prev = text[..end].chars().next_back();
            continue;
        }
        match c {
            '.' => {
                // 3.5 mm is a number, not a sentence end.
                let next_digit = chars.peek().is_some_and(|&(_, d)| d.is_ascii_digit());
                if prev.is_some_and(|p| p.is_ascii_digit()) && next_digit {
                    soft = true;
                } else {
                    hard = true;
                }
            }
            ';' | '!' | '?' | '\u{2022}' | '*' => hard = true,
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    hard = true;
                }
            }
            // A dash right after a line break starts a bullet; one before it hyphenates a word.
            '-' | '\u{2013}' | '\u{2014}' if newlines > 0 => hard = true,
            ':' => {
                soft = true;
                colon = true;
            }
            c if is_joiner(c) => {}
            _ => soft = true,
        }
        prev = Some(c);
    }
    tokens
}

/// Within one insertion, deletion, substitution or transposition.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if a.len() == b.len() {
        if p == a.len() || a[p + 1..] == b[p + 1..] {
            return true;
        }
        p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..]
    } else if a.len() < b.len() {
        a[p..] == b[p + 1..]
    } else {
        a[p + 1..] == b[p..]
    }
}

/// Single-char deletions of `s` (the SymSpell neighbourhood used for typo lookup).
fn deletions(s: &str) -> impl Iterator<Item = String> + '_ {
    s.char_indices().map(move |(i, c)| {
        let mut d = String::with_capacity(s.len());
        d.push_str(&s[..i]);
        d.push_str(&s[i + c.len_utf8()..]);
        d
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CueKinds {
    pre: bool,
    post: bool,
    post_colon: bool,
    terminator: bool,
    list: bool,
}

#[derive(Debug)]
struct Phrase<V> {
    /// Word ids after the first (the first is the map key).
    rest: Box<[u32]>,
    value: V,
}

/// Precomputed matcher for one language's glossary. Build once, decode many times.
#[derive(Debug)]
pub struct Decoder {
    lang: String,
    stemmer: Stemmer,
    concept_ids: Vec<String>,
    /// Stemmed word -> word id.
    words: HashMap<String, u32>,
    word_text: Vec<String>,
    /// Deletion neighbourhood of long concept words -> candidate word ids.
    typo_index: HashMap<String, Vec<u32>>,
    /// Concept phrases keyed by their first word id, longest first.
    concepts: HashMap<u32, Vec<Phrase<u32>>>,
    cues: HashMap<u32, Vec<Phrase<CueKinds>>>,
    collisions: Vec<AliasCollision>,
}

/// Two concepts whose words read the same once folded ("disk bulge" and "disc bulges"):
/// the decoder can only show one of them, so the glossary should change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AliasCollision {
    /// The later concept's words, as written in the glossary.
    pub phrase: String,
    /// The concept that keeps the phrase (first in the glossary).
    pub kept: String,
    pub dropped: String,
}

impl Decoder {
    /// Precompute the matcher for `glossary` (concept terms and aliases, negation cues).
    pub fn new(glossary: &GlossaryPack) -> Decoder {
        Decoder::with_post_negations(glossary, &[])
    }

    /// Like [`Decoder::new`], with extra post-negation phrases ("not seen") on top of the
    /// built-in ones, for when a pack format carries them.
    pub fn with_post_negations(glossary: &GlossaryPack, post_negations: &[&str]) -> Decoder {
        let stemmer = stemmer_for(&glossary.lang);
        let mut d = Decoder {
            lang: glossary.lang.clone(),
            stemmer,
            concept_ids: Vec::new(),
            words: HashMap::new(),
            word_text: Vec::new(),
            typo_index: HashMap::new(),
            concepts: HashMap::new(),
            cues: HashMap::new(),
            collisions: Vec::new(),
        };

        for concept in &glossary.concepts {
            let index = d.concept_ids.len() as u32;
            d.concept_ids.push(concept.id.clone());
            for phrase in std::iter::once(&concept.term).chain(&concept.aliases) {
                let Some((first, rest)) = d.intern_phrase(phrase, true) else {
                    continue;
                };
                let bucket = d.concepts.entry(first).or_default();
                // The first concept to claim a phrase keeps it; the authoring tool reports
                // the clash (see `Decoder::collisions`).
                match bucket.iter().find(|p| p.rest == rest) {
                    None => bucket.push(Phrase { rest, value: index }),
                    Some(p) if p.value != index => d.collisions.push(AliasCollision {
                        phrase: phrase.clone(),
                        kept: d.concept_ids[p.value as usize].clone(),
                        dropped: concept.id.clone(),
                    }),
                    Some(_) => {}
                }
            }
        }
        for bucket in d.concepts.values_mut() {
            bucket.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }

        let builtin = BuiltinCues::for_lang(&glossary.lang);
        let pre = builtin
            .pre
            .iter()
            .copied()
            .chain(glossary.negations.iter().map(String::as_str));
        for phrase in pre {
            d.add_cue(phrase, |k| k.pre = true);
        }
        for &phrase in builtin.post.iter().chain(post_negations) {
            d.add_cue(phrase, |k| k.post = true);
        }
        for phrase in builtin.post_colon {
            d.add_cue(phrase, |k| k.post_colon = true);
        }
        let terms = builtin.terminators.iter().copied();
        for phrase in terms.chain(glossary.terminators.iter().map(String::as_str)) {
            d.add_cue(phrase, |k| k.terminator = true);
        }
        for phrase in builtin.list {
            d.add_cue(phrase, |k| k.list = true);
        }
        for bucket in d.cues.values_mut() {
            bucket.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        d
    }

    /// Phrases that two concepts share after folding, for the authoring tool to report.
    pub fn collisions(&self) -> &[AliasCollision] {
        &self.collisions
    }

    /// The glossary language this decoder was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    fn add_cue(&mut self, phrase: &str, mark: impl Fn(&mut CueKinds)) {
        let Some((first, rest)) = self.intern_phrase(phrase, false) else {
            return;
        };
        let bucket = self.cues.entry(first).or_default();
        match bucket.iter_mut().find(|p| p.rest == rest) {
            Some(p) => mark(&mut p.value),
            None => {
                let mut kinds = CueKinds::default();
                mark(&mut kinds);
                bucket.push(Phrase { rest, value: kinds });
            }
        }
    }

    fn intern_phrase(&mut self, phrase: &str, typo_tolerant: bool) -> Option<(u32, Box<[u32]>)> {
        let ids: Vec<u32> = tokenize(phrase, self.stemmer)
            .iter()
            .map(|t| self.intern(t, typo_tolerant))
            .collect();
        let (&first, rest) = ids.split_first()?;
        Some((first, rest.into()))
    }

    fn intern(&mut self, token: &Token, typo_tolerant: bool) -> u32 {
        let id = match self.words.get(&token.stem) {
            Some(&id) => id,
            None => {
                let id = self.word_text.len() as u32;
                self.words.insert(token.stem.clone(), id);
                self.word_text.push(token.stem.clone());
                id
            }
        };
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

    /// Every recognised concept in `text`, sorted by `start`, never overlapping.
    pub fn decode(&self, text: &str) -> Vec<Finding> {
        let tokens = tokenize(text, self.stemmer);
        let cands: Vec<Vec<u32>> = tokens.iter().map(|t| self.candidates(t)).collect();
        let spans = self.match_concepts(&tokens, &cands);
        let elements = self.elements(&tokens, &spans);
        let absent = negated(&tokens, &elements, spans.len());
        spans
            .iter()
            .zip(absent)
            .map(|(s, absent)| {
                let (start, end) = (tokens[s.first].start, tokens[s.last].end);
                Finding {
                    concept: self.concept_ids[s.concept as usize].clone(),
                    matched: text[start..end].to_string(),
                    start,
                    end,
                    status: if absent {
                        FindingStatus::Absent
                    } else {
                        FindingStatus::Present
                    },
                }
            })
            .collect()
    }

    /// Greedy left to right; at each token the longest phrase wins (exact words break ties).
    fn match_concepts(&self, tokens: &[Token], cands: &[Vec<u32>]) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            // (length, exact words, concept)
            let mut best: Option<(usize, usize, u32)> = None;
            for &first in &cands[i] {
                let Some(bucket) = self.concepts.get(&first) else {
                    continue;
                };
                let first_exact = usize::from(self.words.get(&tokens[i].stem) == Some(&first));
                for phrase in bucket {
                    let len = phrase.rest.len() + 1;
                    if best.is_some_and(|(l, _, _)| l > len) {
                        break;
                    }
                    if i + len > tokens.len() {
                        continue;
                    }
                    let mut exact = first_exact;
                    let fits = phrase.rest.iter().enumerate().all(|(k, &want)| {
                        let t = &tokens[i + 1 + k];
                        let ok =
                            !t.hard_before && !t.soft_before && cands[i + 1 + k].contains(&want);
                        exact += usize::from(
                            ok && cands[i + 1 + k].len() == 1 && self.words.contains_key(&t.stem),
                        );
                        ok
                    });
                    if fits && best.is_none_or(|(l, e, _)| (len, exact) > (l, e)) {
                        best = Some((len, exact, phrase.value));
                    }
                }
            }
            match best {
                Some((len, _, concept)) => {
                    let last = i + len - 1;
                    // "Modic type 1" + "endplate changes" written as one phrase is one finding.
                    match spans.last_mut() {
                        Some(prev)
                            if prev.concept == concept
                                && prev.last + 1 == i
                                && !tokens[i].hard_before
                                && !tokens[i].soft_before =>
                        {
                            prev.last = last
                        }
                        _ => spans.push(Span {
                            first: i,
                            last,
                            concept,
                        }),
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        spans
    }

    /// The token stream as findings, cues and plain words, for the negation passes.
    fn elements(&self, tokens: &[Token], spans: &[Span]) -> Vec<Element> {
        let mut out = Vec::with_capacity(tokens.len());
        let mut next_span = spans.iter().enumerate().peekable();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(&(f, s)) = next_span.peek()
                && s.first == i
            {
                out.push(Element {
                    first: i,
                    role: Role::Finding(f),
                });
                next_span.next();
                i = s.last + 1;
                continue;
            }
            // Cues never overlap a finding: stop the cue before the next finding starts.
            let limit = next_span.peek().map_or(tokens.len(), |(_, s)| s.first);
            let cue = self
                .words
                .get(&tokens[i].stem)
                .and_then(|id| self.cues.get(id))
                .and_then(|bucket| {
                    bucket.iter().find_map(|p| {
                        let len = p.rest.len() + 1;
                        let fits = i + len <= limit
                            && p.rest.iter().enumerate().all(|(k, want)| {
                                let t = &tokens[i + 1 + k];
                                !t.hard_before
                                    && !t.soft_before
                                    && self.words.get(&t.stem) == Some(want)
                            });
                        fits.then_some((len, p.value))
                    })
                });
            match cue {
                Some((len, kinds)) => {
                    out.push(Element {
                        first: i,
                        role: Role::Cue(kinds),
                    });
                    i += len;
                }
                None => {
                    out.push(Element {
                        first: i,
                        role: Role::Plain,
                    });
                    i += 1;
                }
            }
        }
        out
    }
}

#[derive(Debug, Clone, Copy)]
struct Span {
    first: usize,
    last: usize,
    concept: u32,
}

#[derive(Debug, Clone, Copy)]
enum Role {
    Finding(usize),
    Cue(CueKinds),
    Plain,
}

#[derive(Debug, Clone, Copy)]
struct Element {
    first: usize,
    role: Role,
}

/// Which findings the report says are absent (indexed like the spans).
fn negated(tokens: &[Token], elements: &[Element], findings: usize) -> Vec<bool> {
    let mut absent = vec![false; findings];

    // Backward first: "X is not seen", "X or Y not identified", "X: none". Reaches back over a
    // few words to the nearest finding, then only over a list of findings joined by list words.
    // A cue that can read both ways ("ikke påvist") and negated something here is not also
    // read forwards, so "prolaps ikke påvist, stenose" keeps the stenosis.
    let mut read_backwards = vec![false; elements.len()];
    let mut scope: Option<(u32, bool, usize)> = None; // (words left, passed a finding, cue)
    let mut clause_ends_after = false;
    for (index, e) in elements.iter().enumerate().rev() {
        if clause_ends_after {
            scope = None;
        }
        match e.role {
            Role::Finding(f) => {
                if let Some((_, passed, cue)) = scope.as_mut() {
                    absent[f] = true;
                    *passed = true;
                    read_backwards[*cue] = true;
                }
            }
            Role::Cue(k) if k.post || (k.post_colon && tokens[e.first].colon_before) => {
                scope = Some((POST_WINDOW, false, index));
            }
            Role::Cue(k) if k.list => {}
            Role::Cue(k) if k.pre || k.terminator => scope = None,
            _ => {
                scope = match scope {
                    Some((left, false, cue)) if left > 1 => Some((left - 1, false, cue)),
                    _ => None,
                }
            }
        }
        clause_ends_after = tokens[e.first].ends_clause_before();
    }

    // Forward: a cue negates findings after it until a clause end, a terminator word, or
    // PRE_WINDOW other words. Findings and list words ("or", "and") do not use up the window,
    // so "no herniation, stenosis or fracture" stays negated to the end of the list.
    let mut budget: Option<u32> = None;
    for (index, e) in elements.iter().enumerate() {
        if tokens[e.first].ends_clause_before() {
            budget = None;
        }
        match e.role {
            Role::Finding(f) => absent[f] |= budget.is_some(),
            Role::Cue(k) if k.pre && !read_backwards[index] => budget = Some(PRE_WINDOW),
            Role::Cue(k) if k.terminator => budget = None,
            Role::Cue(k) if k.list => {}
            _ => budget = budget.and_then(|b| b.checked_sub(1)).filter(|&b| b > 0),
        }
    }
    absent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Concept, ConceptArea, PACK_FORMAT};
    use proptest::prelude::*;

    fn concept(id: &str, term: &str, aliases: &[&str]) -> Concept {
        Concept {
            id: id.into(),
            area: ConceptArea::General,
            term: term.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            explanation: String::new(),
            prevalence: vec![],
            prevalence_source: None,
            see_module: None,
        }
    }

    fn english() -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "en".into(),
            negations: ["no", "without", "no evidence of", "negative for", "free of"]
                .map(String::from)
                .to_vec(),
            terminators: ["but", "however"].map(String::from).to_vec(),
            concepts: vec![
                concept(
                    "disc-bulge",
                    "Disc bulge",
                    &["bulging disc", "broad-based bulge", "disc bulging"],
                ),
                concept(
                    "disc-herniation",
                    "Disc herniation",
                    &["herniated disc", "herniation"],
                ),
                concept(
                    "disc-desiccation",
                    "Disc desiccation",
                    &["desiccation", "desiccated disc"],
                ),
                concept(
                    "spinal-stenosis",
                    "Spinal stenosis",
                    &["stenosis", "canal stenosis"],
                ),
                concept(
                    "foraminal-stenosis",
                    "Foraminal stenosis",
                    &["foraminal narrowing"],
                ),
                concept(
                    "vertebral-fracture",
                    "Vertebral fracture",
                    &["fracture", "compression fracture"],
                ),
                concept(
                    "bone-marrow-lesion",
                    "Bone marrow lesion",
                    &["bone marrow oedema", "marrow oedema"],
                ),
                concept(
                    "full-thickness-tear",
                    "Full-thickness tear",
                    &["full thickness tear"],
                ),
                concept("partial-thickness-tear", "Partial-thickness tear", &[]),
                concept("labral-tear", "Labral tear", &["tear of the labrum"]),
                concept("ligament-tear", "Ligament tear", &["tear"]),
                concept("joint-effusion", "Joint effusion", &["effusion"]),
                concept("bakers-cyst", "Baker's cyst", &["popliteal cyst"]),
                concept(
                    "spondylolisthesis",
                    "Spondylolisthesis",
                    &["anterolisthesis"],
                ),
                concept(
                    "modic-changes",
                    "Modic changes",
                    &["Modic type 1 changes", "Modic type 1", "endplate changes"],
                ),
                concept(
                    "degenerative-changes",
                    "Degenerative changes",
                    &["degenerative change"],
                ),
                concept(
                    "nerve-root-contact",
                    "Nerve root contact",
                    &["contact with the nerve root"],
                ),
            ],
            translation: None,
        }
    }

    fn norwegian() -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "nb".into(),
            negations: ["ingen", "ikke", "uten", "ikke tegn til"]
                .map(String::from)
                .to_vec(),
            terminators: ["men"].map(String::from).to_vec(),
            concepts: vec![
                concept(
                    "disc-herniation",
                    "Skiveprolaps",
                    &["prolaps", "diskusprolaps"],
                ),
                concept(
                    "disc-bulge",
                    "Skivebukning",
                    &["bukende skive", "diskbukning"],
                ),
                concept(
                    "spinal-stenosis",
                    "Spinal stenose",
                    &["stenose", "spinalkanalstenose"],
                ),
                concept(
                    "foraminal-stenosis",
                    "Foraminal stenose",
                    &["foraminalstenose", "trange foramina"],
                ),
                concept(
                    "vertebral-fracture",
                    "Brudd i ryggvirvel",
                    &["brudd", "fraktur", "kompresjonsbrudd"],
                ),
                concept(
                    "meniscal-tear",
                    "Meniskruptur",
                    &["menisklesjon", "rift i menisken"],
                ),
                concept(
                    "joint-effusion",
                    "Væske i leddet",
                    &["hydrops", "leddvæske"],
                ),
                concept(
                    "disc-degeneration",
                    "Degenerasjon av skive",
                    &["degenerative forandringer i skiven"],
                ),
            ],
            translation: None,
        }
    }

    /// (concept, matched, status) triples, for compact assertions.
    fn found(d: &Decoder, text: &str) -> Vec<(String, String, FindingStatus)> {
        d.decode(text)
            .into_iter()
            .map(|f| (f.concept, f.matched, f.status))
            .collect()
    }

    fn t(concept: &str, matched: &str, status: FindingStatus) -> (String, String, FindingStatus) {
        (concept.into(), matched.into(), status)
    }

    use FindingStatus::{Absent, Present};

    #[test]
    fn folding_handles_case_accents_and_variants() {
        assert_eq!(fold("OEDEMA"), fold("edema"));
        assert_eq!(fold("Haemorrhage"), fold("hemorrhage"));
        assert_eq!(fold("disk"), fold("disc"));
        assert_eq!(fold("dessication"), fold("desiccation"));
        assert_eq!(fold("dessiccation"), fold("desiccation"));
        assert_eq!(fold("Påvist"), "pavist");
        assert_eq!(fold("Baker’s"), fold("bakers"));
        assert_eq!(
            stem(&fold("changes"), Stemmer::English),
            stem(&fold("change"), Stemmer::English)
        );
        assert_eq!(stem(&fold("prolapsene"), Stemmer::Scandinavian), "prolaps");
        assert_eq!(
            stem(&fold("skiver"), Stemmer::Scandinavian),
            stem("skive", Stemmer::Scandinavian)
        );
    }

    #[test]
    fn one_edit_distance() {
        assert!(within_one_edit("stenosis", "stenosis"));
        assert!(within_one_edit("stenosis", "stenoss"));
        assert!(within_one_edit("stenosis", "stenosiss"));
        assert!(within_one_edit("stenosis", "stenisis"));
        assert!(within_one_edit("stenosis", "stneosis"));
        assert!(!within_one_edit("stenosis", "stneosus"));
        assert!(!within_one_edit("stenosis", "steno"));
    }

    #[test]
    fn tolerant_matching_with_byte_spans() {
        let d = Decoder::new(&english());
        let text = "L4/5: Broad-based   BULGE and a disk-bulge;\nMarrow edema. DISC\nDESSICATION.";
        let got = d.decode(text);
        let names: Vec<_> = got
            .iter()
            .map(|f| (f.concept.as_str(), f.matched.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("disc-bulge", "Broad-based   BULGE"),
                ("disc-bulge", "disk-bulge"),
                ("bone-marrow-lesion", "Marrow edema"),
                ("disc-desiccation", "DISC\nDESSICATION"),
            ]
        );
        for f in &got {
            assert_eq!(&text[f.start..f.end], f.matched);
            assert_eq!(f.status, Present);
        }
    }

    #[test]
    fn plurals_possessives_and_typos() {
        let d = Decoder::new(&english());
        assert_eq!(
            found(
                &d,
                "Bulging discs. Popliteal cysts. Bakers cyst. Endplate change. Foraminal narowing."
            ),
            [
                t("disc-bulge", "Bulging discs", Present),
                t("bakers-cyst", "Popliteal cysts", Present),
                t("bakers-cyst", "Bakers cyst", Present),
                t("modic-changes", "Endplate change", Present),
                t("foraminal-stenosis", "Foraminal narowing", Present),
            ]
        );
        // Transposed and dropped letters in long words.
        assert_eq!(found(&d, "spondylolisthseis")[0].0, "spondylolisthesis");
        assert_eq!(found(&d, "effusoin")[0].0, "joint-effusion");
        // Never in short words: "year" is not "tear", "disk" words do not leak.
        assert!(found(&d, "One year ago, a bear.").is_empty());
    }

    #[test]
    fn longest_match_wins() {
        let d = Decoder::new(&english());
        assert_eq!(
            found(
                &d,
                "Full-thickness tear. Partial thickness tear. Tear of the labrum. Foraminal stenosis. Stenosis."
            ),
            [
                t("full-thickness-tear", "Full-thickness tear", Present),
                t("partial-thickness-tear", "Partial thickness tear", Present),
                t("labral-tear", "Tear of the labrum", Present),
                t("foraminal-stenosis", "Foraminal stenosis", Present),
                t("spinal-stenosis", "Stenosis", Present),
            ]
        );
        assert_eq!(
            found(&d, "Modic type 1 changes")[0],
            t("modic-changes", "Modic type 1 changes", Present)
        );
    }

    #[test]
    fn terms_do_not_span_sentences_or_commas() {
        let d = Decoder::new(&english());
        assert_eq!(found(&d, "Disc. Bulge"), []);
        assert_eq!(
            found(&d, "full, thickness tear")[0],
            t("ligament-tear", "tear", Present)
        );
    }

    #[test]
    fn english_negation() {
        let d = Decoder::new(&english());
        assert_eq!(found(&d, "No stenosis.")[0].2, Absent);
        assert_eq!(found(&d, "There is no evidence of fracture.")[0].2, Absent);
        assert_eq!(found(&d, "Without evidence of fracture.")[0].2, Absent);
        assert_eq!(found(&d, "Negative for joint effusion.")[0].2, Absent);
        assert_eq!(
            found(&d, "No disc herniation or stenosis."),
            [
                t("disc-herniation", "disc herniation", Absent),
                t("spinal-stenosis", "stenosis", Absent)
            ]
        );
        assert_eq!(
            found(
                &d,
                "No herniated disc at L4/5, foraminal narrowing, canal stenosis or fracture."
            ),
            [
                t("disc-herniation", "herniated disc", Absent),
                t("foraminal-stenosis", "foraminal narrowing", Absent),
                t("spinal-stenosis", "canal stenosis", Absent),
                t("vertebral-fracture", "fracture", Absent),
            ]
        );
        // A terminator or a sentence end stops the negation.
        assert_eq!(
            found(&d, "No fracture but a small disc bulge. Stenosis at L5."),
            [
                t("vertebral-fracture", "fracture", Absent),
                t("disc-bulge", "disc bulge", Present),
                t("spinal-stenosis", "Stenosis", Present),
            ]
        );
        // A finding before the cue is not negated by it.
        assert_eq!(
            found(&d, "Disc bulge without nerve root contact."),
            [
                t("disc-bulge", "Disc bulge", Present),
                t("nerve-root-contact", "nerve root contact", Absent)
            ]
        );
        // Too far from the cue.
        assert_eq!(
            found(
                &d,
                "No change since the prior study of last year, stenosis at L3."
            )[0]
            .2,
            Present
        );
    }

    #[test]
    fn english_post_negation() {
        let d = Decoder::new(&english());
        assert_eq!(found(&d, "Fracture is not seen.")[0].2, Absent);
        assert_eq!(
            found(&d, "Herniation or stenosis is not identified."),
            [
                t("disc-herniation", "Herniation", Absent),
                t("spinal-stenosis", "stenosis", Absent)
            ]
        );
        assert_eq!(found(&d, "Joint effusion: none.")[0].2, Absent);
        // The list does not reach past other words, and "none" needs its colon.
        assert_eq!(
            found(&d, "Disc bulge at L4/5, stenosis not seen."),
            [
                t("disc-bulge", "Disc bulge", Present),
                t("spinal-stenosis", "stenosis", Absent)
            ]
        );
        assert_eq!(found(&d, "Effusion, none of the others.")[0].2, Present);
    }

    #[test]
    fn norwegian_sentences() {
        let d = Decoder::new(&norwegian());
        assert_eq!(
            found(&d, "Ingen prolaps. Lett stenose i nivå L4/L5."),
            [
                t("disc-herniation", "prolaps", Absent),
                t("spinal-stenosis", "stenose", Present)
            ]
        );
        assert_eq!(found(&d, "Det er ikke tegn til brudd.")[0].2, Absent);
        assert_eq!(found(&d, "Det foreligger ikke stenose.")[0].2, Absent);
        assert_eq!(
            found(&d, "Prolaps foreligger ikke, stenose i L4."),
            [
                t("disc-herniation", "Prolaps", Absent),
                t("spinal-stenosis", "stenose", Present)
            ]
        );
        assert_eq!(found(&d, "Prolaps er ikke påvist.")[0].2, Absent);
        assert_eq!(
            found(&d, "Stabil columna uten frakturer.")[0],
            t("vertebral-fracture", "frakturer", Absent)
        );
        assert_eq!(
            found(
                &d,
                "Ingen prolaps eller spinalkanalstenose, men foraminalstenose høyre side."
            ),
            [
                t("disc-herniation", "prolaps", Absent),
                t("spinal-stenosis", "spinalkanalstenose", Absent),
                t("foraminal-stenosis", "foraminalstenose", Present),
            ]
        );
        assert_eq!(found(&d, "Prolaps ikke påvist.")[0].2, Absent);
        assert_eq!(found(&d, "Hydrops: ingen.")[0].2, Absent);
        assert_eq!(
            found(&d, "Lett stenose, ingen prolaps."),
            [
                t("spinal-stenosis", "stenose", Present),
                t("disc-herniation", "prolaps", Absent)
            ]
        );
        // Definite and plural forms, Norwegian letters, disk/disc.
        assert_eq!(found(&d, "Prolapsene")[0].0, "disc-herniation");
        assert_eq!(found(&d, "Rift i menisken")[0].0, "meniscal-tear");
        assert_eq!(found(&d, "LEDDVÆSKE")[0].0, "joint-effusion");
        assert_eq!(found(&d, "Discbukning")[0].0, "disc-bulge");
    }

    #[test]
    fn two_way_cues_and_adjacent_phrases() {
        let mut g = norwegian();
        g.negations.push("ikke påvist".into());
        let d = Decoder::new(&g);
        // Read backwards when a finding comes before it, forwards otherwise.
        assert_eq!(
            found(&d, "Prolaps ikke påvist, stenose i L4."),
            [
                t("disc-herniation", "Prolaps", Absent),
                t("spinal-stenosis", "stenose", Present)
            ]
        );
        assert_eq!(found(&d, "Ikke påvist brudd.")[0].2, Absent);
        let d = Decoder::new(&english());
        assert_eq!(
            found(&d, "Modic type 1 endplate changes, endplate changes."),
            [
                t("modic-changes", "Modic type 1 endplate changes", Present),
                t("modic-changes", "endplate changes", Present),
            ]
        );
    }

    #[test]
    fn reports_phrases_two_concepts_share() {
        let mut g = english();
        g.concepts[1].aliases.push("Disk-bulges".into());
        let d = Decoder::new(&g);
        assert_eq!(
            d.collisions(),
            [AliasCollision {
                phrase: "Disk-bulges".into(),
                kept: "disc-bulge".into(),
                dropped: "disc-herniation".into(),
            }]
        );
        assert_eq!(found(&d, "disc bulge")[0].0, "disc-bulge");
        assert!(Decoder::new(&english()).collisions().is_empty());
    }

    #[test]
    fn bullets_and_blank_lines_end_a_clause() {
        let d = Decoder::new(&english());
        // One finding per line, no full stops.
        assert_eq!(
            found(
                &d,
                "No fracture\nDisc bulge at L4\nNo stenosis or\nherniation"
            ),
            [
                t("vertebral-fracture", "fracture", Absent),
                t("disc-bulge", "Disc bulge", Present),
                t("spinal-stenosis", "stenosis", Absent),
                t("disc-herniation", "herniation", Absent),
            ]
        );
        assert_eq!(
            found(&d, "NO FRACTURE OR\nSTENOSIS")[1].2,
            Absent,
            "all caps: a wrapped line"
        );
        let got = found(&d, "- No fracture\n- Disc bulge\n\nStenosis");
        assert_eq!(
            got.iter().map(|f| f.2).collect::<Vec<_>>(),
            [Absent, Present, Present]
        );
    }

    #[test]
    fn serialises_status_in_snake_case() {
        let d = Decoder::new(&english());
        let json = serde_json::to_value(d.decode("no stenosis")).unwrap();
        assert_eq!(json[0]["status"], "absent");
        assert_eq!(json[0]["concept"], "spinal-stenosis");
        assert_eq!(json[0]["start"], 3);
    }

    fn check_spans(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
        let mut last_end = 0;
        for f in findings {
            prop_assert!(f.start < f.end);
            prop_assert!(f.start >= last_end);
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            prop_assert_eq!(&text[f.start..f.end], f.matched.as_str());
            last_end = f.end;
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_spans_are_valid(text in any::<String>()) {
            let d = Decoder::new(&english());
            check_spans(&text, &d.decode(&text))?;
        }

        #[test]
        fn report_like_text_has_valid_spans(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("disc"), Just("bulge"), Just("no"), Just("stenosis"), Just("or"), Just("Ø"),
                    Just("ﬁ"), Just("not"), Just("seen"), Just("tear"), Just("full"), Just("thickness"),
                    Just("İ"), Just("é"), Just("prolapsene"), Just("ingen"), Just("desiccaton"),
                ],
                0..40,
            ),
            seps in proptest::collection::vec(
                prop_oneof![Just(" "), Just("-"), Just(". "), Just(",\n"), Just(": "), Just("/"), Just("\u{301}"), Just("’")],
                40,
            ),
        ) {
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [*w, *s]).collect();
            for d in [Decoder::new(&english()), Decoder::new(&norwegian())] {
                check_spans(&text, &d.decode(&text))?;
            }
        }
    }
}
