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
//! ("stenosis is not seen", "effusion: none", "prolaps ikke påvist", "has resolved").
//!
//! Errors go one way only: a finding that is there must never read as "not found". So hedges
//! ("cannot be excluded", "may represent", "kan ikke utelukkes", "nie można wykluczyć") keep
//! what they reach present whatever a negation says, a negation cue after "cannot",
//! "partially" or another negation is a hedge ("partially resolved", "no resolution of"),
//! change words end a negation ("no significant change in the disc bulge"), and a grade right
//! before a finding takes the negation ("no high-grade stenosis": a lower grade may be there).
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

// Built-in cue words, keyed on `glossary.lang`. The pack's `negations`, `post_negations` and
// `terminators` extend these for its language; words only the decoder's grammar needs (hedges,
// limiters, change words, list words, colon answers) have no pack field and live here.
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
/// Post-negations that count only right after a colon ("Effusion: none"); elsewhere "no"/"none"
/// read forwards.
const EN_POST_COLON: &[&str] = &["none", "nil", "no", "absent", "negative"];
const EN_TERMINATORS: &[&str] = &["but", "however", "although", "though", "except", "whereas"];
const EN_LIST: &[&str] = &["or", "and", "nor", "either", "neither"];
/// "The finding may be there": never a negation, and a negation cue right after one is not a
/// negation either ("cannot be excluded", "can't rule out"). "cannot be seen" reads as
/// present too: the safe direction, since "not found" for a finding that is there misleads.
const EN_HEDGE: &[&str] = &[
    "cannot",
    "can not",
    "cant",
    "could not",
    "couldnt",
    "may represent",
    "might represent",
    "could represent",
    "may reflect",
    "not excluded",
    "not ruled out",
    // New since the last scan: "disc bulge, not seen previously" is there now.
    "not seen previously",
    "not previously seen",
    "previously not seen",
    "not seen before",
    "not present previously",
    "not previously present",
    "not identified previously",
    "not previously identified",
    "not previously described",
    "not seen on the prior",
    "not present on the prior",
    "not seen on prior",
    "not present on prior",
    "not seen on the previous",
    "not present on the previous",
];
/// Words that make the negation cue right after them partial ("partially resolved").
const EN_LIMITER: &[&str] = &[
    "partially",
    "partly",
    "largely",
    "mostly",
    "almost",
    "nearly",
    "incompletely",
    "not fully",
    "not completely",
    "not entirely",
];
/// Change words absorb a negation: in "no significant change in the disc bulge" the "no" is
/// about the change and the bulge is still there. They are built in, not left to each
/// glossary's `terminators`, because missing one turns a present finding into "not found".
const EN_CHANGE: &[&str] = &[
    "change",
    "interval change",
    "progression",
    "progress",
    "increase",
    "decrease",
    "regression",
    "enlargement",
    "growth",
    "worsening",
    "improvement",
    "difference",
    "unchanged",
    "stable",
    "persistent",
    "persisting",
];

const NB_PRE: &[&str] = &[
    // Verb-second word order puts the verb before "ikke": "Det foreligger ikke prolaps".
    // These are post-negations too ("Prolaps foreligger ikke"); see `NB_TWO_WAY`.
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
/// Verb-second negations read both ways; the glossary's `post_negations` lists the rest.
const NB_TWO_WAY: &[&str] = &[
    "ses ikke",
    "sees ikke",
    "påvises ikke",
    "foreligger ikke",
    "finnes ikke",
];
const NB_POST_COLON: &[&str] = &["ingen", "intet", "nei", "negativ"];
const NB_TERMINATORS: &[&str] = &["men", "derimot", "imidlertid", "unntatt", "bortsett fra"];
const NB_LIST: &[&str] = &["eller", "og", "samt", "heller"];
const NB_HEDGE: &[&str] = &[
    "kan ikke",
    "kunne ikke",
    "ikke utelukket",
    "ikke utelukkes",
    "kan representere",
    // Ny siden forrige undersøkelse: "skivebukning, ikke sett tidligere" er der nå.
    "ikke sett tidligere",
    "ikke tidligere sett",
    "ikke påvist tidligere",
    "ikke tidligere påvist",
    "tidligere ikke påvist",
    "tidligere ikke sett",
    "ikke beskrevet tidligere",
    "ikke tidligere beskrevet",
    "ikke til stede tidligere",
    "ikke påvist ved forrige",
    "ikke sett ved forrige",
];
const NB_LIMITER: &[&str] = &[
    "delvis",
    "noe",
    "nesten",
    "stort sett",
    "i hovedsak",
    "ikke helt",
    "ufullstendig",
];
const NB_CHANGE: &[&str] = &[
    "endring",
    "endret",
    "størrelsesendring",
    "progresjon",
    "størrelsesprogresjon",
    "økning",
    "tilvekst",
    "vekst",
    "forverring",
    "bedring",
    "reduksjon",
    "uendret",
    "uforandret",
    "stabil",
];

// Polish and Arabic packs carry their own negations; these are the grammar words.
const PL_HEDGE: &[&str] = &[
    "nie można wykluczyć",
    "nie można jednoznacznie wykluczyć",
    "nie da się wykluczyć",
    "nie wykluczono",
    "nie wyklucza się",
    "nie jest wykluczone",
    "nie można",
    "może odpowiadać",
    // Nowe od poprzedniego badania.
    "nie stwierdzono w poprzednim badaniu",
    "nie stwierdzano wcześniej",
    "wcześniej nie stwierdzano",
    "nie stwierdzono wcześniej",
];
const PL_LIMITER: &[&str] = &["częściowo", "prawie", "niemal", "nie całkowicie"];
const PL_LIST: &[&str] = &["lub", "ani", "albo", "i", "oraz"];
/// Not a bare "zmiana"/"zmian": in Polish it also means a lesion ("brak zmian ogniskowych").
const PL_CHANGE: &[&str] = &[
    "bez zmian",
    "bez istotnych zmian",
    "istotnych zmian",
    "istotnej zmiany",
    "zmian w porównaniu",
    "zmiany w porównaniu",
    "progresja",
    "progresji",
    "progresję",
    "narastanie",
    "narastania",
    "zwiększenie",
    "zwiększenia",
    "zmniejszenie",
    "zmniejszenia",
    "regresja",
    "regresji",
    "dynamiki",
    "stabilny",
    "stabilna",
];
const AR_HEDGE: &[&str] = &[
    "لا يمكن",
    "لم يمكن",
    "لا يمكن استبعاد",
    "قد يمثل",
    "قد تمثل",
    "يحتمل",
    "احتمال",
    // جديد منذ الفحص السابق.
    "غير موجود سابقا",
    "لم يكن موجودا سابقا",
    "لم يلاحظ سابقا",
    "لم يلاحظ في الفحص السابق",
];
const AR_LIMITER: &[&str] = &["جزئيا", "جزئي", "تقريبا"];
const AR_LIST: &[&str] = &["أو", "و", "ولا"];
const AR_CHANGE: &[&str] = &[
    "تغير",
    "تغيير",
    "دون تغير",
    "دون تغيير",
    "بدون تغير",
    "بدون تغيير",
    "تطور",
    "تفاقم",
    "زيادة",
    "تحسن",
    "ثابت",
    "مستقر",
];

/// The built-in cue words of one language.
#[derive(Default)]
struct BuiltinCues {
    pre: &'static [&'static str],
    /// Read backwards first, forwards when no finding is in reach behind them.
    two_way: &'static [&'static str],
    post_colon: &'static [&'static str],
    terminators: &'static [&'static str],
    list: &'static [&'static str],
    hedge: &'static [&'static str],
    limiter: &'static [&'static str],
    change: &'static [&'static str],
}

impl BuiltinCues {
    fn for_lang(lang: &str) -> BuiltinCues {
        match primary_subtag(lang).as_str() {
            "en" => BuiltinCues {
                pre: EN_PRE,
                two_way: &[],
                post_colon: EN_POST_COLON,
                terminators: EN_TERMINATORS,
                list: EN_LIST,
                hedge: EN_HEDGE,
                limiter: EN_LIMITER,
                change: EN_CHANGE,
            },
            "nb" | "nn" | "no" => BuiltinCues {
                pre: NB_PRE,
                two_way: NB_TWO_WAY,
                post_colon: NB_POST_COLON,
                terminators: NB_TERMINATORS,
                list: NB_LIST,
                hedge: NB_HEDGE,
                limiter: NB_LIMITER,
                change: NB_CHANGE,
            },
            "pl" => BuiltinCues {
                list: PL_LIST,
                hedge: PL_HEDGE,
                limiter: PL_LIMITER,
                change: PL_CHANGE,
                ..BuiltinCues::default()
            },
            "ar" => BuiltinCues {
                list: AR_LIST,
                hedge: AR_HEDGE,
                limiter: AR_LIMITER,
                change: AR_CHANGE,
                ..BuiltinCues::default()
            },
            _ => BuiltinCues::default(),
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
    /// A spinal level or a bare number ("L5", "S1", the "5" of "L4/5"): it says where, so it
    /// does not use up a negation's window ("extrusion L5/S1 has resolved").
    level: bool,
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
                level: is_level(&folded),
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

fn is_level(folded: &str) -> bool {
    let digits = folded.trim_start_matches(['c', 't', 'l', 's']);
    folded.len() - digits.len() <= 1
        && (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
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
    /// "cannot", "may represent": the finding may be there; ends a negation's reach.
    hedge: bool,
    /// "partially": makes the negation cue right after it a hedge ("partially resolved").
    limiter: bool,
}

impl CueKinds {
    fn negates(self) -> bool {
        self.pre || self.post || self.post_colon
    }

    /// What a negation cue becomes after "cannot", "partially" or another negation.
    fn hedged(self) -> CueKinds {
        CueKinds {
            hedge: true,
            list: self.list,
            ..CueKinds::default()
        }
    }
}

#[derive(Debug)]
struct Phrase<V> {
    /// Word ids after the first (the first is the map key).
    rest: Box<[u32]>,
    /// Bit k set: `rest[k]` comes after a colon ("AC-leddet: artrose"), and so must the
    /// report's word. Reports write findings as "Organ: finding".
    colons: u32,
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
    /// The severity-grading concept: a grade right before a finding limits a negation to the
    /// grade ("no high-grade stenosis": a lower-grade stenosis may be there).
    grading: Option<u32>,
    collisions: Vec<AliasCollision>,
}

/// Concept id of the grading words (DESIGN §7).
const GRADING_CONCEPT: &str = "severity-grading";

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
            grading: None,
            collisions: Vec::new(),
        };

        for concept in &glossary.concepts {
            let index = d.concept_ids.len() as u32;
            d.concept_ids.push(concept.id.clone());
            if concept.id == GRADING_CONCEPT {
                d.grading = Some(index);
            }
            for phrase in std::iter::once(&concept.term).chain(&concept.aliases) {
                let Some((first, rest, colons)) = d.intern_phrase(phrase, true) else {
                    continue;
                };
                let bucket = d.concepts.entry(first).or_default();
                // The first concept to claim a phrase keeps it; the authoring tool reports
                // the clash (see `Decoder::collisions`).
                match bucket.iter().find(|p| p.rest == rest && p.colons == colons) {
                    None => bucket.push(Phrase {
                        rest,
                        colons,
                        value: index,
                    }),
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
        let post = glossary.post_negations.iter().map(String::as_str);
        for phrase in builtin.two_way.iter().copied().chain(post) {
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
        for phrase in builtin.change {
            d.add_cue(phrase, |k| k.terminator = true);
        }
        for phrase in builtin.hedge {
            d.add_cue(phrase, |k| k.hedge = true);
        }
        for phrase in builtin.limiter {
            d.add_cue(phrase, |k| k.limiter = true);
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
        let Some((first, rest, _)) = self.intern_phrase(phrase, false) else {
            return;
        };
        let bucket = self.cues.entry(first).or_default();
        match bucket.iter_mut().find(|p| p.rest == rest) {
            Some(p) => mark(&mut p.value),
            None => {
                let mut kinds = CueKinds::default();
                mark(&mut kinds);
                bucket.push(Phrase {
                    rest,
                    colons: 0,
                    value: kinds,
                });
            }
        }
    }

    fn intern_phrase(
        &mut self,
        phrase: &str,
        typo_tolerant: bool,
    ) -> Option<(u32, Box<[u32]>, u32)> {
        let tokens = tokenize(phrase, self.stemmer);
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
        let mut elements = self.elements(&tokens, &spans);
        neutralise(&tokens, &mut elements);
        let graded = self.graded(&tokens, &elements, &spans);
        let absent = negated(&tokens, &elements, &graded);
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
                        let colon = k < 32 && phrase.colons & 1 << k != 0;
                        let punct_ok = if colon {
                            t.colon_before
                        } else {
                            !t.soft_before
                        };
                        let ok = !t.hard_before && punct_ok && cands[i + 1 + k].contains(&want);
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

    /// Findings written right after a grade, in the same phrase: "high-grade stenosis".
    fn graded(&self, tokens: &[Token], elements: &[Element], spans: &[Span]) -> Vec<bool> {
        let mut graded = vec![false; spans.len()];
        let Some(grading) = self.grading else {
            return graded;
        };
        for pair in elements.windows(2) {
            if let [
                Element {
                    role: Role::Finding(g),
                    ..
                },
                Element {
                    role: Role::Finding(f),
                    first,
                },
            ] = *pair
            {
                let t = &tokens[first];
                let joined = !t.hard_before && !t.soft_before && !t.new_line_before;
                graded[f] = joined && spans[g].concept == grading && spans[f].concept != grading;
            }
        }
        graded
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

/// Tokens a hedge, a limiter or a negation reaches forward to turn the next negation cue into a
/// hedge ("cannot *be* excluded", "partially resolved", "no *interval* resolution of").
const HEDGE_REACH: usize = 2;
const DOUBLE_NEGATION_REACH: usize = 1;

/// Negation cues that do not negate: after a hedge ("cannot be excluded"), a limiter
/// ("partially resolved") or another negation ("no resolution of", "ikke utelukket": two
/// negations make a "maybe"). They become hedges, so what they reach stays present.
fn neutralise(tokens: &[Token], elements: &mut [Element]) {
    for i in 0..elements.len() {
        let reach = match elements[i].role {
            Role::Cue(k) if k.hedge || k.limiter => HEDGE_REACH,
            Role::Cue(k) if k.pre => DOUBLE_NEGATION_REACH,
            _ => continue,
        };
        let mut plain = 0;
        for j in i + 1..elements.len() {
            let t = &tokens[elements[j].first];
            if t.hard_before || t.soft_before || t.new_line_before {
                break;
            }
            match elements[j].role {
                Role::Cue(k) if k.negates() && !k.hedge => {
                    elements[j].role = Role::Cue(k.hedged());
                    break;
                }
                Role::Plain if plain < reach => plain += 1,
                _ => break,
            }
        }
    }
}

/// A two-way cue ("ikke påvist", "nie stwierdzono") with a finding right after it in the same
/// comma-free stretch reads forwards only: "bulge, ikke påvist prolaps" keeps the bulge.
fn attached_forward(tokens: &[Token], elements: &[Element], cue: usize) -> bool {
    let mut plain = 0u32;
    for e in &elements[cue + 1..] {
        let t = &tokens[e.first];
        if t.hard_before || t.soft_before || t.new_line_before {
            return false;
        }
        match e.role {
            Role::Finding(_) => return true,
            Role::Plain if t.level => {}
            Role::Plain if plain + 1 < PRE_WINDOW => plain += 1,
            _ => return false,
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// A post-negation: what it reaches is absent.
    Negate,
    /// A hedge: what it reaches may be there, whatever a negation says.
    Protect,
}

/// Which findings the report says are absent (indexed like the spans). `graded[f]`: finding
/// `f` comes right after a grade ("high-grade stenosis"), so a negation is about the grade.
fn negated(tokens: &[Token], elements: &[Element], graded: &[bool]) -> Vec<bool> {
    let findings = graded.len();
    let mut absent = vec![false; findings];
    let mut protected = vec![false; findings];

    // Backward first: "X is not seen", "X or Y not identified", "X: none", "X cannot be
    // excluded". Reaches back over a few words to the nearest finding, then only over a list
    // of findings joined by list words. A cue that can read both ways ("ikke påvist") and
    // negated something here is not also read forwards, so "prolaps ikke påvist, stenose"
    // keeps the stenosis.
    let mut read_backwards = vec![false; elements.len()];
    // (words left, passed a finding, cue, what it does)
    let mut scope: Option<(u32, bool, usize, Reach)> = None;
    let (mut clause_ends_after, mut soft_after) = (false, false);
    for (index, e) in elements.iter().enumerate().rev() {
        // A hedge keeps only its own list ("X or Y cannot be excluded"), not findings before a
        // comma ("no fracture, cyst cannot be excluded"), which a negation may be about.
        let protect_list_ends = soft_after && matches!(scope, Some((_, true, _, Reach::Protect)));
        if clause_ends_after || protect_list_ends {
            scope = None;
        }
        match e.role {
            Role::Finding(f) => {
                if let Some((_, passed, cue, reach)) = scope.as_mut() {
                    match reach {
                        Reach::Negate => absent[f] = true,
                        Reach::Protect => protected[f] = true,
                    }
                    *passed = true;
                    read_backwards[*cue] = true;
                }
            }
            Role::Cue(k) if k.hedge => scope = Some((POST_WINDOW, false, index, Reach::Protect)),
            Role::Cue(k)
                if (k.post && !(k.pre && attached_forward(tokens, elements, index)))
                    || (k.post_colon && tokens[e.first].colon_before) =>
            {
                scope = Some((POST_WINDOW, false, index, Reach::Negate));
            }
            Role::Cue(k) if k.list => {}
            Role::Cue(k)
                if k.terminator || (k.pre && !matches!(scope, Some((.., Reach::Protect)))) =>
            {
                scope = None
            }
            Role::Plain if tokens[e.first].level => {}
            _ => {
                scope = match scope {
                    Some((left, false, cue, reach)) if left > 1 => {
                        Some((left - 1, false, cue, reach))
                    }
                    _ => None,
                }
            }
        }
        clause_ends_after = tokens[e.first].ends_clause_before();
        soft_after = tokens[e.first].soft_before;
    }

    // Forward: a cue negates findings after it until a clause end, a terminator word, or
    // PRE_WINDOW other words. Findings and list words ("or", "and") do not use up the window,
    // so "no herniation, stenosis or fracture" stays negated to the end of the list. A hedge
    // ends a negation and protects what follows it the same way ("cannot exclude a fracture").
    let mut budget: Option<(u32, Reach)> = None;
    for (index, e) in elements.iter().enumerate() {
        if tokens[e.first].ends_clause_before() {
            budget = None;
        }
        match e.role {
            Role::Finding(f) => match budget {
                Some((_, Reach::Negate)) => absent[f] = true,
                Some((_, Reach::Protect)) => protected[f] = true,
                None => {}
            },
            Role::Cue(k) if k.hedge => budget = Some((PRE_WINDOW, Reach::Protect)),
            Role::Cue(k) if k.pre && !read_backwards[index] => {
                budget = Some((PRE_WINDOW, Reach::Negate))
            }
            Role::Cue(k) if k.terminator => budget = None,
            Role::Cue(k) if k.list => {}
            Role::Plain if tokens[e.first].level => {}
            _ => {
                budget = budget
                    .and_then(|(b, reach)| Some((b.checked_sub(1)?, reach)))
                    .filter(|&(b, _)| b > 0)
            }
        }
    }
    (0..findings)
        .map(|f| absent[f] && !protected[f] && !graded[f])
        .collect()
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
            negations: [
                "no",
                "without",
                "no evidence of",
                "negative for",
                "free of",
                "resolved",
                "resolution of",
            ]
            .map(String::from)
            .to_vec(),
            terminators: ["but", "however"].map(String::from).to_vec(),
            post_negations: [
                "not seen",
                "not identified",
                "is absent",
                "ruled out",
                "excluded",
                "resolved",
                "has resolved",
            ]
            .map(String::from)
            .to_vec(),
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
                    &["contact with the nerve root", "contacts the left"],
                ),
                concept(
                    "severity-grading",
                    "Severity grading",
                    &["mild", "severe", "high grade"],
                ),
                concept("synovial-cyst", "Synovial cyst", &["facet cyst"]),
                concept("disc-extrusion", "Disc extrusion", &["extrusion"]),
                concept(
                    "ac-joint-arthropathy",
                    "AC joint arthropathy",
                    &["AC joint: arthrosis"],
                ),
                concept("osteoarthritis", "Osteoarthritis", &["arthrosis"]),
                concept(
                    "thecal-sac-indentation",
                    "Thecal sac indentation",
                    &["indenting the thecal sac"],
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
            post_negations: [
                "ikke påvist",
                "ikke sett",
                "utelukket",
                "gått i regress",
                "gått tilbake",
            ]
            .map(String::from)
            .to_vec(),
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
                concept("severity-grading", "Gradering", &["høygradig"]),
                concept("synovial-cyst", "Synovialcyste", &["fasettleddscyste"]),
                concept("disc-extrusion", "Skiveekstrusjon", &["ekstrusjon"]),
                concept(
                    "ac-joint-arthropathy",
                    "AC-leddsartrose",
                    &["AC-leddet: artrose"],
                ),
                concept("osteoarthritis", "Artrose", &["artrose"]),
                concept(
                    "calcific-tendinitis",
                    "Kalktendinitt",
                    &["kalkholdig tendinitt", "forkalkning i senen"],
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

    fn polish() -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "pl".into(),
            negations: ["brak", "bez", "nie stwierdzono", "nie stwierdza się"]
                .map(String::from)
                .to_vec(),
            terminators: ["ale", "natomiast"].map(String::from).to_vec(),
            post_negations: ["nie stwierdzono", "nie stwierdza się", "ustąpiła"]
                .map(String::from)
                .to_vec(),
            concepts: vec![
                concept("joint-effusion", "Wysięk", &["wysięku", "wysięk w stawie"]),
                concept(
                    "vertebral-fracture",
                    "Złamanie kręgu",
                    &["złamanie", "złamania"],
                ),
                concept(
                    "disc-herniation",
                    "Przepuklina krążka",
                    &["przepuklina", "przepukliny"],
                ),
                concept("disc-bulge", "Uwypuklenie krążka", &[]),
            ],
            translation: None,
        }
    }

    fn arabic() -> GlossaryPack {
        GlossaryPack {
            format: PACK_FORMAT,
            lang: "ar".into(),
            negations: ["لا يوجد", "لا يُرى", "لم يُلاحظ", "بدون"]
                .map(String::from)
                .to_vec(),
            terminators: ["لكن"].map(String::from).to_vec(),
            post_negations: ["لا يُرى", "لم يُلاحظ", "غير موجود"].map(String::from).to_vec(),
            concepts: vec![
                concept("joint-effusion", "انصباب مفصلي", &["انصباب", "الانصباب"]),
                concept("vertebral-fracture", "كسر فقري", &["كسر"]),
                concept("disc-herniation", "انزلاق غضروفي", &["الانزلاق الغضروفي"]),
            ],
            translation: None,
        }
    }

    fn statuses(d: &Decoder, text: &str) -> Vec<(String, FindingStatus)> {
        d.decode(text)
            .into_iter()
            .map(|f| (f.concept, f.status))
            .collect()
    }

    fn s(concept: &str, status: FindingStatus) -> (String, FindingStatus) {
        (concept.into(), status)
    }

    #[test]
    fn cannot_be_excluded_is_never_absent() {
        let d = Decoder::new(&english());
        for text in [
            "Synovial cyst cannot be excluded.",
            "A facet cyst can not be excluded.",
            "Facet cyst can't be ruled out.",
            "Synovial cyst cannot be entirely excluded.",
            "Synovial cyst is not excluded.",
            "Cannot exclude a synovial cyst.",
            "Cannot rule out synovial cyst.",
            "Signal change which may represent a synovial cyst.",
            "No fracture, synovial cyst cannot be excluded.",
        ] {
            assert!(
                found(&d, text)
                    .iter()
                    .any(|f| f.0 == "synovial-cyst" && f.2 == Present),
                "{text}: {:?}",
                found(&d, text)
            );
        }
        // The hedge does not reach past the next negation.
        assert_eq!(
            statuses(&d, "Cannot exclude synovial cyst, no fracture."),
            [s("synovial-cyst", Present), s("vertebral-fracture", Absent)]
        );
        assert_eq!(
            statuses(&d, "No fracture, synovial cyst cannot be excluded."),
            [s("vertebral-fracture", Absent), s("synovial-cyst", Present)]
        );
        // New since the last scan: there now.
        for text in [
            "Synovial cyst, not seen previously.",
            "Synovial cyst, not present on the prior study.",
            "Synovial cyst previously not seen.",
        ] {
            assert_eq!(statuses(&d, text), [s("synovial-cyst", Present)], "{text}");
        }
        // Plain exclusion still negates.
        assert_eq!(statuses(&d, "Fracture excluded.")[0].1, Absent);
        assert_eq!(statuses(&d, "Fracture is ruled out.")[0].1, Absent);

        let d = Decoder::new(&norwegian());
        for text in [
            "Synovialcyste kan ikke utelukkes.",
            "Kan ikke utelukke fasettleddscyste.",
            "Fasettleddscyste ikke utelukket.",
        ] {
            assert_eq!(statuses(&d, text)[0], s("synovial-cyst", Present), "{text}");
        }
        assert_eq!(statuses(&d, "Brudd utelukket.")[0].1, Absent);
        assert_eq!(
            statuses(&d, "Fasettleddscyste, ikke sett tidligere."),
            [s("synovial-cyst", Present)]
        );
    }

    #[test]
    fn cannot_be_excluded_in_polish_and_arabic() {
        let d = Decoder::new(&polish());
        assert_eq!(
            statuses(&d, "Nie można wykluczyć złamania ani przepukliny."),
            [
                s("vertebral-fracture", Present),
                s("disc-herniation", Present)
            ]
        );
        assert_eq!(
            statuses(&d, "Złamania nie można wykluczyć.")[0],
            s("vertebral-fracture", Present)
        );
        assert_eq!(
            statuses(&d, "Złamania nie wykluczono.")[0],
            s("vertebral-fracture", Present)
        );
        let d = Decoder::new(&arabic());
        assert_eq!(
            statuses(&d, "لا يمكن استبعاد كسر.")[0],
            s("vertebral-fracture", Present)
        );
        assert_eq!(
            statuses(&d, "كسر لا يمكن استبعاده.")[0],
            s("vertebral-fracture", Present)
        );
    }

    #[test]
    fn a_negated_change_leaves_the_finding_present() {
        let d = Decoder::new(&english());
        for text in [
            "No significant change in the small disc bulge.",
            "No interval change of the disc bulge.",
            "No change in disc bulge.",
            "No progression of the disc bulge.",
            "Unchanged disc bulge.",
            "No fracture. Unchanged disc bulge.",
        ] {
            let got = statuses(&d, text);
            assert!(got.contains(&s("disc-bulge", Present)), "{text}: {got:?}");
        }
        // The negation still reaches findings before the change word.
        assert_eq!(
            statuses(&d, "No fracture, no change in the disc bulge."),
            [s("vertebral-fracture", Absent), s("disc-bulge", Present)]
        );
        // Findings named "changes" are findings, not change words.
        assert_eq!(
            statuses(&d, "No endplate changes.")[0],
            s("modic-changes", Absent)
        );

        let d = Decoder::new(&norwegian());
        for text in [
            "Ingen endring av prolapset.",
            "Ingen vesentlig endring av prolapset.",
            "Uendret prolaps.",
            "Ingen progresjon av prolaps.",
        ] {
            assert_eq!(
                statuses(&d, text)[0],
                s("disc-herniation", Present),
                "{text}"
            );
        }
    }

    #[test]
    fn resolved_findings_are_absent() {
        let d = Decoder::new(&english());
        assert_eq!(
            statuses(&d, "The previously seen disc extrusion has resolved."),
            [s("disc-extrusion", Absent)]
        );
        assert_eq!(
            statuses(&d, "Resolved L5/S1 extrusion."),
            [s("disc-extrusion", Absent)]
        );
        // Levels do not use up the window: "extrusion at L5/S1 has resolved".
        assert_eq!(
            statuses(&d, "Extrusion at L5/S1 has resolved, stenosis at L4."),
            [s("disc-extrusion", Absent), s("spinal-stenosis", Present)]
        );
        // Partly or not resolved: still there.
        for text in [
            "The extrusion has partially resolved.",
            "Partially resolved extrusion.",
            "The extrusion has not resolved.",
            "No resolution of the extrusion.",
        ] {
            assert_eq!(statuses(&d, text), [s("disc-extrusion", Present)], "{text}");
        }

        let d = Decoder::new(&norwegian());
        assert_eq!(
            statuses(&d, "Tidligere beskrevne ekstrusjon er gått i regress."),
            [s("disc-extrusion", Absent)]
        );
        assert_eq!(
            statuses(&d, "Ekstrusjonen L5/S1 er gått tilbake."),
            [s("disc-extrusion", Absent)]
        );
        assert_eq!(
            statuses(&d, "Ekstrusjonen er delvis gått i regress."),
            [s("disc-extrusion", Present)]
        );
    }

    #[test]
    fn polish_and_arabic_post_negations() {
        let d = Decoder::new(&polish());
        assert_eq!(
            statuses(&d, "Wysięku nie stwierdzono."),
            [s("joint-effusion", Absent)]
        );
        assert_eq!(
            statuses(&d, "Złamania ani przepukliny nie stwierdzono."),
            [
                s("vertebral-fracture", Absent),
                s("disc-herniation", Absent)
            ]
        );
        assert_eq!(
            statuses(&d, "Nie stwierdzono wysięku."),
            [s("joint-effusion", Absent)]
        );
        // A two-way cue with a finding right after it reads forwards only.
        assert_eq!(
            statuses(&d, "Uwypuklenie krążka, nie stwierdzono przepukliny."),
            [s("disc-bulge", Present), s("disc-herniation", Absent)]
        );
        assert_eq!(
            statuses(&d, "Wysięku nie stwierdzono, uwypuklenie krążka L4/L5."),
            [s("joint-effusion", Absent), s("disc-bulge", Present)]
        );
        assert_eq!(statuses(&d, "Przepuklina ustąpiła.")[0].1, Absent);

        let d = Decoder::new(&arabic());
        assert_eq!(
            statuses(&d, "الانصباب لا يُرى."),
            [s("joint-effusion", Absent)]
        );
        assert_eq!(statuses(&d, "لا يُرى انصباب."), [s("joint-effusion", Absent)]);
        assert_eq!(
            statuses(&d, "كسر لم يُلاحظ."),
            [s("vertebral-fracture", Absent)]
        );
        assert_eq!(
            statuses(&d, "كسر غير موجود."),
            [s("vertebral-fracture", Absent)]
        );
        assert_eq!(
            statuses(&d, "الانزلاق الغضروفي، لم يُلاحظ كسر."),
            [
                s("disc-herniation", Present),
                s("vertebral-fracture", Absent)
            ]
        );
    }

    #[test]
    fn post_negations_come_from_the_pack() {
        // Without the pack's list nothing reads backwards ("stenosis not seen" stays found).
        let mut g = english();
        g.post_negations.clear();
        assert_eq!(
            statuses(&Decoder::new(&g), "Stenosis not seen.")[0].1,
            Present
        );
        assert_eq!(
            statuses(&Decoder::new(&english()), "Stenosis not seen.")[0].1,
            Absent
        );
    }

    #[test]
    fn a_grade_limits_the_negation() {
        let d = Decoder::new(&english());
        assert_eq!(
            statuses(&d, "No high-grade stenosis."),
            [s("severity-grading", Absent), s("spinal-stenosis", Present)]
        );
        assert_eq!(
            statuses(&d, "No severe stenosis or fracture."),
            [
                s("severity-grading", Absent),
                s("spinal-stenosis", Present),
                s("vertebral-fracture", Absent)
            ]
        );
        assert_eq!(statuses(&d, "No stenosis.")[0].1, Absent);
        let d = Decoder::new(&norwegian());
        assert_eq!(
            statuses(&d, "Ingen høygradig stenose."),
            [s("severity-grading", Absent), s("spinal-stenosis", Present)]
        );
    }

    #[test]
    fn glossary_gaps_and_organ_colon_lines() {
        let d = Decoder::new(&english());
        assert_eq!(
            statuses(&d, "Disc bulge indenting the thecal sac."),
            [
                s("disc-bulge", Present),
                s("thecal-sac-indentation", Present)
            ]
        );
        assert_eq!(
            found(&d, "AC joint: arthrosis. Knee arthrosis."),
            [
                t("ac-joint-arthropathy", "AC joint: arthrosis", Present),
                t("osteoarthritis", "arthrosis", Present),
            ]
        );
        // The colon must be there: "AC joint, arthrosis" is two things.
        assert_eq!(
            found(&d, "AC joint arthrosis")[0].0,
            "osteoarthritis",
            "no colon in the report, so the colon alias does not apply"
        );
        let d = Decoder::new(&norwegian());
        assert_eq!(
            found(&d, "AC-leddet: artrose med lett kapselhypertrofi.")[0],
            t("ac-joint-arthropathy", "AC-leddet: artrose", Present)
        );
        assert_eq!(
            statuses(&d, "Kalkholdig tendinitt. Forkalkning i senen."),
            [
                s("calcific-tendinitis", Present),
                s("calcific-tendinitis", Present)
            ]
        );
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
