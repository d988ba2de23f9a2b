//! Stage 1, normalise: report text to folded, stemmed word tokens with the punctuation that
//! matters for scope (sentence ends, commas, colons, bullets, line breaks) kept on each token.
//!
//! Folding is the same for every language (case, accents, apostrophes, ae/oe, disk/disc,
//! doubled letters); stemming is content: the glossary's `decoder.stem_suffixes`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Suffix passes from the glossary's decoder table (see `DecoderTable::stem_suffixes`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Stemmer {
    passes: Vec<Vec<String>>,
}

/// A stem keeps at least this many letters.
const MIN_STEM: usize = 3;

impl Stemmer {
    pub(crate) fn new(passes: &[Vec<String>]) -> Stemmer {
        let passes = passes
            .iter()
            .map(|p| {
                p.iter()
                    .map(|s| fold(s))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .collect();
        Stemmer { passes }
    }

    pub(crate) fn stem(&self, folded: &str) -> String {
        if folded.chars().any(|c| !c.is_alphabetic()) {
            return folded.to_string();
        }
        let mut s = folded.to_string();
        for pass in &self.passes {
            let len = s.chars().count();
            if let Some(suffix) = pass
                .iter()
                .find(|x| s.ends_with(x.as_str()) && len >= MIN_STEM + x.chars().count())
            {
                s.truncate(s.len() - suffix.len());
            }
        }
        s
    }
}

/// Case, accents and spelling variants folded away; what both glossary and report go through.
pub(crate) fn fold(raw: &str) -> String {
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

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Separators that may sit inside a term: "disc-bulge", "L4/5", "disc\nbulge".
fn is_joiner(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '-' | '/' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '_')
        || is_apostrophe(c)
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// Folded length in chars, before stemming (decides whether typos are forgiven).
    pub folded_len: usize,
    pub stem: String,
    /// Sentence or clause end before this token (`.`, `;`, `!`, `?`, a blank line, a new bullet).
    pub hard_before: bool,
    /// Other punctuation before this token (`,`, `:`, brackets): terms do not span it.
    pub soft_before: bool,
    pub colon_before: bool,
    /// A line break before a Capitalised word: reports list findings line by line without
    /// full stops, so a negation ends here. Terms may still wrap ("DISC\nDESICCATION").
    pub new_line_before: bool,
    /// A spinal level or a bare number ("L5", "S1", the "5" of "L4/5"): it says where, so it
    /// does not use up a negation's window ("extrusion L5/S1 has resolved").
    pub level: bool,
    /// Line number (0-based): headings are the first lines.
    pub line: u32,
}

impl Token {
    /// Negation does not reach over this token's start.
    pub fn ends_clause_before(&self) -> bool {
        self.hard_before || self.new_line_before
    }

    /// Any punctuation or line end before this token.
    pub fn broken_before(&self) -> bool {
        self.hard_before || self.soft_before || self.new_line_before
    }
}

pub(crate) fn tokenize(text: &str, stemmer: &Stemmer) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let (mut hard, mut soft, mut colon) = (false, false, false);
    let mut newlines = 0u32;
    let mut line = 0u32;
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
                stem: stemmer.stem(&folded),
                hard_before: hard,
                soft_before: soft,
                colon_before: colon,
                new_line_before: newlines > 0 && capitalised,
                level: is_level(&folded),
                line,
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
                line += 1;
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
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
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
pub(crate) fn deletions(s: &str) -> impl Iterator<Item = String> + '_ {
    s.char_indices().map(move |(i, c)| {
        let mut d = String::with_capacity(s.len());
        d.push_str(&s[..i]);
        d.push_str(&s[i + c.len_utf8()..]);
        d
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Stemmer {
        Stemmer::new(&[vec!["s".into()], vec!["e".into()]])
    }

    fn norwegian() -> Stemmer {
        Stemmer::new(&[["ene", "er", "en", "et", "e"].map(String::from).to_vec()])
    }

    #[test]
    fn folding_handles_case_accents_and_variants() {
        assert_eq!(fold("OEDEMA"), fold("edema"));
        assert_eq!(fold("Haemorrhage"), fold("hemorrhage"));
        assert_eq!(fold("disk"), fold("disc"));
        assert_eq!(fold("dessication"), fold("desiccation"));
        assert_eq!(fold("dessiccation"), fold("desiccation"));
        assert_eq!(fold("Påvist"), "pavist");
        assert_eq!(fold("Baker’s"), fold("bakers"));
    }

    #[test]
    fn stemming_comes_from_the_suffix_passes() {
        let en = english();
        assert_eq!(en.stem(&fold("changes")), en.stem(&fold("change")));
        assert_eq!(en.stem(&fold("bulges")), "bulg");
        // Three letters stay: "gas" is not "ga".
        assert_eq!(en.stem("gas"), "gas");
        let nb = norwegian();
        assert_eq!(nb.stem(&fold("prolapsene")), "prolaps");
        assert_eq!(nb.stem(&fold("skiver")), nb.stem("skive"));
        // No passes: words stay as folded.
        assert_eq!(Stemmer::new(&[]).stem("changes"), "changes");
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
    fn tokens_carry_scope_punctuation_and_lines() {
        let t = tokenize(
            "MRI knee\nNo tear, 3.5 mm; Effusion: none\n- Cyst",
            &english(),
        );
        let words: Vec<_> = t.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(
            words,
            [
                "mri", "kne", "no", "tear", "3", "5", "m", "efusion", "non", "cyst"
            ]
        );
        assert!(t[2].new_line_before && t[2].line == 1);
        assert!(t[4].soft_before && !t[4].hard_before, "comma");
        assert!(t[5].soft_before && !t[5].hard_before, "3.5 is a number");
        assert!(t[7].hard_before, "semicolon");
        assert!(t[8].colon_before);
        assert!(t[9].hard_before, "a bullet after a line break");
        assert!(t[4].level && !t[6].level);
    }
}
