//! Numbers in patient text, per language: digits (`1,3`, `15 000`, `15,000`, `٥٥`) and number
//! words (`nine out of ten`, `ni av ti`, `dziewięć na dziesięć`, `تسعة من عشرة`).
//!
//! Used by the rules that compare a translation's numbers with the source's (SW080) and that
//! ask for a citation for every number a patient reads (SW040, SW081). The word tables are
//! small and per language ([`words_for`]); a language without a table is checked on digits.

use std::collections::BTreeSet;
use std::ops::Range;

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// Value in thousandths (`1.3` is 1300), so values compare exactly.
    pub milli: u64,
    /// The text as written (`1,3`, `nine`, `fire og et halvt`).
    pub text: String,
    /// Byte range in the text that was scanned.
    pub range: Range<usize>,
    /// A word that is often not a number at all ("one" as a pronoun, Norwegian "en" as "a",
    /// "half", "hundreds"), or that a language may leave implicit (Arabic duals). A weak
    /// number satisfies the same value on the other side but is never demanded.
    pub weak: bool,
    /// Written as a word, not with digits.
    pub word: bool,
    /// Part of a proportion or a percentage ("nine out of ten", "40 %", "1 av 5").
    pub statistic: bool,
}

impl Num {
    /// `1.3`, `15000`, `0.5`: the value as digits, the same in every language.
    pub fn value(&self) -> String {
        format_milli(self.milli)
    }
}

pub fn format_milli(m: u64) -> String {
    if m.is_multiple_of(1000) {
        (m / 1000).to_string()
    } else {
        let s = format!("{}.{:03}", m / 1000, m % 1000);
        s.trim_end_matches('0').to_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// 0..=99, adds to the number being built ("twenty" "five").
    Small,
    /// hundred, thousand, million: multiplies.
    Mult,
    /// A word that means one but is mostly an article or pronoun.
    WeakOne,
    /// "half" on its own.
    Half,
    /// A fixed value written as one word ("halvannen", "półtora").
    Fixed,
    /// A fixed value that is often not meant exactly ("double", "a couple", "et par").
    WeakFixed,
}

/// A language's number words: `(word, value, kind)`, and the words that join a proportion
/// ("in", "out of", "av", "na").
pub struct Words {
    entries: &'static [(&'static str, u64, Kind)],
    /// Words between two numbers of a proportion (single words; "out of" is "out" + "of").
    ratio: &'static [&'static str],
    /// Words right after a number that make it a percentage.
    percent: &'static [&'static str],
    /// Joins "four and a half": `(and, a/an, half)` forms as word sequences.
    and_half: &'static [&'static [&'static str]],
    /// Numbers this language may leave implicit in grammar (Arabic singular and dual nouns).
    implicit: &'static [u64],
    /// Prefixes that attach to a word and are not part of it (Arabic "و", "ب", "ل").
    prefixes: &'static [&'static str],
    /// Stems of inflected number words ("pięćdziesięciolatków": people in their fifties).
    stems: &'static [(&'static str, u64)],
}

use Kind::*;

const EN: Words = Words {
    entries: &[
        ("zero", 0, Small),
        ("one", 1, WeakOne),
        ("two", 2, Small),
        ("three", 3, Small),
        ("four", 4, Small),
        ("five", 5, Small),
        ("six", 6, Small),
        ("seven", 7, Small),
        ("eight", 8, Small),
        ("nine", 9, Small),
        ("ten", 10, Small),
        ("eleven", 11, Small),
        ("twelve", 12, Small),
        ("thirteen", 13, Small),
        ("fourteen", 14, Small),
        ("fifteen", 15, Small),
        ("sixteen", 16, Small),
        ("seventeen", 17, Small),
        ("eighteen", 18, Small),
        ("nineteen", 19, Small),
        ("twenty", 20, Small),
        ("thirty", 30, Small),
        ("forty", 40, Small),
        ("fifty", 50, Small),
        ("sixty", 60, Small),
        ("seventy", 70, Small),
        ("eighty", 80, Small),
        ("ninety", 90, Small),
        ("hundred", 100, Mult),
        ("hundreds", 100, Mult),
        ("thousand", 1000, Mult),
        ("thousands", 1000, Mult),
        ("million", 1_000_000, Mult),
        ("millions", 1_000_000, Mult),
        ("half", 0, Half),
        ("once", 1, WeakOne),
        ("twice", 2, Small),
        ("double", 2000, WeakFixed),
        ("couple", 2000, WeakFixed),
    ],
    ratio: &["in", "out", "of"],
    percent: &["percent", "per", "%"],
    and_half: &[&["and", "a", "half"]],
    implicit: &[],
    prefixes: &[],
    stems: &[
        ("twenties", 20),
        ("thirties", 30),
        ("forties", 40),
        ("fifties", 50),
        ("sixties", 60),
        ("seventies", 70),
        ("eighties", 80),
        ("nineties", 90),
    ],
};

const NB: Words = Words {
    entries: &[
        ("null", 0, Small),
        ("en", 1, WeakOne),
        ("ett", 1, WeakOne),
        ("ei", 1, WeakOne),
        ("én", 1, Small),
        ("éi", 1, Small),
        ("to", 2, Small),
        ("tre", 3, Small),
        ("fire", 4, Small),
        ("fem", 5, Small),
        ("seks", 6, Small),
        ("sju", 7, Small),
        ("syv", 7, Small),
        ("åtte", 8, Small),
        ("ni", 9, Small),
        ("ti", 10, Small),
        ("elleve", 11, Small),
        ("tolv", 12, Small),
        ("tretten", 13, Small),
        ("fjorten", 14, Small),
        ("femten", 15, Small),
        ("seksten", 16, Small),
        ("sytten", 17, Small),
        ("atten", 18, Small),
        ("nitten", 19, Small),
        ("tjue", 20, Small),
        ("tretti", 30, Small),
        ("førti", 40, Small),
        ("femti", 50, Small),
        ("seksti", 60, Small),
        ("sytti", 70, Small),
        ("åtti", 80, Small),
        ("nitti", 90, Small),
        ("hundre", 100, Mult),
        ("hundrevis", 100, Mult),
        ("tusen", 1000, Mult),
        ("tusenvis", 1000, Mult),
        ("million", 1_000_000, Mult),
        ("millioner", 1_000_000, Mult),
        ("halv", 0, Half),
        ("halvt", 0, Half),
        ("halve", 0, Half),
        ("halvparten", 0, Half),
        ("halvannen", 1500, Fixed),
        ("halvannet", 1500, Fixed),
        ("dobbelt", 2000, WeakFixed),
        ("par", 2000, WeakFixed),
    ],
    ratio: &["av", "på"],
    percent: &["prosent", "%"],
    and_half: &[
        &["og", "en", "halv"],
        &["og", "et", "halvt"],
        &["og", "ei", "halv"],
    ],
    implicit: &[],
    prefixes: &[],
    stems: &[
        ("tjueår", 20),
        ("trettiår", 30),
        ("førtiår", 40),
        ("femtiår", 50),
        ("sekstiår", 60),
        ("syttiår", 70),
        ("åttiår", 80),
        ("nittiår", 90),
    ],
};

const PL: Words = Words {
    entries: &[
        ("zero", 0, Small),
        ("jeden", 1, WeakOne),
        ("jedna", 1, WeakOne),
        ("jedno", 1, WeakOne),
        ("jednego", 1, WeakOne),
        ("jednej", 1, WeakOne),
        ("jednym", 1, WeakOne),
        ("dwa", 2, Small),
        ("dwie", 2, Small),
        ("dwóch", 2, Small),
        ("dwoma", 2, Small),
        ("trzy", 3, Small),
        ("trzech", 3, Small),
        ("cztery", 4, Small),
        ("czterech", 4, Small),
        ("pięć", 5, Small),
        ("pięciu", 5, Small),
        ("sześć", 6, Small),
        ("sześciu", 6, Small),
        ("siedem", 7, Small),
        ("siedmiu", 7, Small),
        ("osiem", 8, Small),
        ("ośmiu", 8, Small),
        ("dziewięć", 9, Small),
        ("dziewięciu", 9, Small),
        ("dziesięć", 10, Small),
        ("dziesięciu", 10, Small),
        ("jedenaście", 11, Small),
        ("dwanaście", 12, Small),
        ("trzynaście", 13, Small),
        ("czternaście", 14, Small),
        ("piętnaście", 15, Small),
        ("szesnaście", 16, Small),
        ("siedemnaście", 17, Small),
        ("osiemnaście", 18, Small),
        ("dziewiętnaście", 19, Small),
        ("dwadzieścia", 20, Small),
        ("dwudziestu", 20, Small),
        ("trzydzieści", 30, Small),
        ("trzydziestu", 30, Small),
        ("czterdzieści", 40, Small),
        ("czterdziestu", 40, Small),
        ("pięćdziesiąt", 50, Small),
        ("pięćdziesięciu", 50, Small),
        ("sześćdziesiąt", 60, Small),
        ("siedemdziesiąt", 70, Small),
        ("osiemdziesiąt", 80, Small),
        ("dziewięćdziesiąt", 90, Small),
        ("sto", 100, Mult),
        ("stu", 100, Mult),
        ("setki", 100, Mult),
        ("tysiąc", 1000, Mult),
        ("tysiące", 1000, Mult),
        ("tysięcy", 1000, Mult),
        ("milion", 1_000_000, Mult),
        ("miliony", 1_000_000, Mult),
        ("milionów", 1_000_000, Mult),
        ("pół", 0, Half),
        ("połowa", 0, Half),
        ("połowy", 0, Half),
        ("półtora", 1500, Fixed),
        ("półtorej", 1500, Fixed),
        ("dwukrotnie", 2000, WeakFixed),
        ("podwójnie", 2000, WeakFixed),
    ],
    ratio: &["na", "z"],
    percent: &["procent", "procentach", "proc", "%"],
    and_half: &[&["i", "pół"]],
    implicit: &[],
    prefixes: &[],
    stems: &[
        ("dwudziestolat", 20),
        ("trzydziestolat", 30),
        ("czterdziestolat", 40),
        ("pięćdziesięciolat", 50),
        ("sześćdziesięciolat", 60),
        ("siedemdziesięciolat", 70),
        ("osiemdziesięciolat", 80),
        ("dziewięćdziesięciolat", 90),
    ],
};

const AR: Words = Words {
    entries: &[
        ("صفر", 0, Small),
        ("واحد", 1, WeakOne),
        ("واحدة", 1, WeakOne),
        ("اثنان", 2, Small),
        ("اثنين", 2, Small),
        ("اثنتان", 2, Small),
        ("اثنتين", 2, Small),
        ("ثلاثة", 3, Small),
        ("ثلاث", 3, Small),
        ("أربعة", 4, Small),
        ("أربع", 4, Small),
        ("خمسة", 5, Small),
        ("خمس", 5, Small),
        ("ستة", 6, Small),
        ("ست", 6, Small),
        ("سبعة", 7, Small),
        ("سبع", 7, Small),
        ("ثمانية", 8, Small),
        ("ثماني", 8, Small),
        ("ثمان", 8, Small),
        ("تسعة", 9, Small),
        ("تسع", 9, Small),
        ("عشرة", 10, Small),
        ("عشر", 10, Small),
        ("عشرون", 20, Small),
        ("عشرين", 20, Small),
        ("ثلاثون", 30, Small),
        ("ثلاثين", 30, Small),
        ("أربعون", 40, Small),
        ("أربعين", 40, Small),
        ("خمسون", 50, Small),
        ("خمسين", 50, Small),
        ("ستون", 60, Small),
        ("ستين", 60, Small),
        ("سبعون", 70, Small),
        ("سبعين", 70, Small),
        ("ثمانون", 80, Small),
        ("ثمانين", 80, Small),
        ("تسعون", 90, Small),
        ("تسعين", 90, Small),
        ("مائة", 100, Mult),
        ("مئة", 100, Mult),
        ("ألف", 1000, Mult),
        ("آلاف", 1000, Mult),
        ("مليون", 1_000_000, Mult),
        ("ملايين", 1_000_000, Mult),
        ("نصف", 0, Half),
    ],
    ratio: &["من", "في"],
    percent: &["بالمئة", "بالمائة", "%", "٪"],
    and_half: &[&["ونصف"]],
    implicit: &[1, 2],
    prefixes: &["وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف"],
    stems: &[
        ("عشرينيات", 20),
        ("ثلاثينيات", 30),
        ("أربعينيات", 40),
        ("خمسينيات", 50),
        ("ستينيات", 60),
        ("سبعينيات", 70),
        ("ثمانينيات", 80),
        ("تسعينيات", 90),
    ],
};

const DIGITS_ONLY: Words = Words {
    entries: &[],
    ratio: &[],
    percent: &["%"],
    and_half: &[],
    implicit: &[],
    prefixes: &[],
    stems: &[],
};

/// The number words of a language (`nb-NO` uses `nb`); digits only for other languages.
pub fn words_for(lang: &str) -> &'static Words {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => &EN,
        "nb" | "nn" | "no" => &NB,
        "pl" => &PL,
        "ar" => &AR,
        _ => &DIGITS_ONLY,
    }
}

/// Languages with a number-word table (the rest are checked on digits only).
pub const WORD_LANGUAGES: &[&str] = &["en", "nb", "pl", "ar"];

impl Words {
    fn lookup(&self, w: &str) -> Option<(u64, Kind)> {
        let find = |w: &str| {
            self.entries
                .iter()
                .find(|(e, _, _)| *e == w)
                .map(|(_, v, k)| (*v, *k))
        };
        let stem = |w: &str| {
            self.stems
                .iter()
                .find(|(st, _)| w.starts_with(st))
                .map(|(_, v)| (*v, Small))
        };
        if let Some(x) = find(w).or_else(|| stem(w)) {
            return Some(x);
        }
        for p in self.prefixes {
            if let Some(rest) = w.strip_prefix(p)
                && rest.chars().count() >= 3
                && let Some(x) = find(rest).or_else(|| stem(rest))
            {
                return Some(x);
            }
        }
        // Norwegian writes 21-99 as one word: "tjuefem", "førtifem".
        if std::ptr::eq(self, &NB) {
            for (tens, tv, _) in self
                .entries
                .iter()
                .filter(|(_, v, k)| *k == Small && *v >= 20 && *v % 10 == 0)
            {
                if let Some(rest) = w.strip_prefix(tens)
                    && let Some((u, _)) = self
                        .entries
                        .iter()
                        .filter(|(_, v, k)| (*k == Small || *k == WeakOne) && (1..=9).contains(v))
                        .find(|(e, _, _)| *e == rest)
                        .map(|(_, v, k)| (*v, *k))
                {
                    return Some((tv + u, Small));
                }
            }
        }
        None
    }
}

#[derive(Debug, Clone)]
enum Tok {
    Digits(u64, Range<usize>),
    Word(String, Range<usize>),
    /// A `%` sign or similar.
    Sign(String, Range<usize>),
}

fn is_arabic(c: char) -> bool {
    ('\u{600}'..='\u{6ff}').contains(&c) || ('\u{750}'..='\u{77f}').contains(&c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{660}'..='\u{669}').contains(&c)
        || ('\u{6f0}'..='\u{6f9}').contains(&c)
}

fn digit_value(c: char) -> u64 {
    match c {
        '0'..='9' => c as u64 - '0' as u64,
        '\u{660}'..='\u{669}' => c as u64 - 0x660,
        '\u{6f0}'..='\u{6f9}' => c as u64 - 0x6f0,
        _ => 0,
    }
}

/// Reads digits at `i`, with the language's group and decimal separators. Returns the value in
/// thousandths and the end byte.
fn read_digits(text: &str, i: usize, lang: &str) -> (u64, usize) {
    let comma_decimal = !matches!(lang.split('-').next(), Some("en"));
    let chars: Vec<(usize, char)> = text[i..].char_indices().map(|(o, c)| (o + i, c)).collect();
    let mut k = 0;
    let mut int: u64 = 0;
    let mut end = i;
    let run = |k: usize| chars[k..].iter().take_while(|(_, c)| is_digit(*c)).count();
    let first = run(0);
    for (_, c) in &chars[..first] {
        int = int.saturating_mul(10).saturating_add(digit_value(*c));
    }
    k += first;
    if first > 0 {
        end = chars[first - 1].0 + chars[first - 1].1.len_utf8();
    }
    let mut group_len = first;
    // Thousands groups: "15,000" (en), "15 000" (nb, pl, with a space, no-break or thin
    // space), "15٬000" (ar).
    while let Some((_, sep)) = chars.get(k) {
        let grouping = match sep {
            ',' => !comma_decimal,
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => comma_decimal,
            '\u{66c}' => true,
            _ => false,
        };
        if !grouping || group_len > 3 {
            break;
        }
        let n = run(k + 1);
        if n != 3 {
            break;
        }
        for (_, c) in &chars[k + 1..k + 1 + n] {
            int = int.saturating_mul(10).saturating_add(digit_value(*c));
        }
        end = chars[k + n].0 + chars[k + n].1.len_utf8();
        k += 1 + n;
        group_len = 3;
    }
    let mut milli = int.saturating_mul(1000);
    if let Some((_, sep)) = chars.get(k) {
        let decimal = match sep {
            '.' => !comma_decimal || lang.starts_with("ar"),
            ',' => comma_decimal,
            '\u{66b}' => true,
            _ => false,
        };
        let n = run(k + 1);
        if decimal && n > 0 {
            let mut frac = 0u64;
            for (j, (_, c)) in chars[k + 1..k + 1 + n].iter().enumerate() {
                if j < 3 {
                    frac += digit_value(*c) * 10u64.pow(2 - j as u32);
                }
            }
            milli = milli.saturating_add(frac);
            end = chars[k + n].0 + chars[k + n].1.len_utf8();
        }
    }
    (milli, end)
}

fn tokens(text: &str, lang: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if is_digit(c) {
            // Digits inside a name are not figures: "L4-L5", "NG59", "T2", "hpa-dose2008".
            // Arabic writes "and", "in", "for" as letters joined to the number ("و60").
            // "COVID-19", "SARS-CoV-2": a number joined to a word by a hyphen is part of a name.
            let mut back = text[..i].chars().rev();
            let hyphen_name = back.next() == Some('-')
                && back
                    .next()
                    .is_some_and(|c| c.is_alphabetic() && !is_arabic(c));
            let in_name = hyphen_name
                || prev.is_some_and(|p| {
                    (p.is_alphabetic() && !is_arabic(p)) || is_digit(p) || p == '_'
                });
            let (milli, end) = read_digits(text, i, lang);
            let suffix: String = text[end..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            // "2a", "5th" are labels; "the 50s", "3x" and "40%" are numbers.
            let label = !suffix.is_empty() && !matches!(suffix.as_str(), "s" | "x");
            if !in_name && !label {
                out.push(Tok::Digits(milli, i..end));
            }
            prev = text[..end].chars().last();
            i = end;
            continue;
        }
        if c.is_alphabetic() {
            let len: usize = text[i..]
                .chars()
                .take_while(|c| c.is_alphabetic() || ('\u{64b}'..='\u{65f}').contains(c))
                .map(char::len_utf8)
                .sum();
            let w = &text[i..i + len];
            out.push(Tok::Word(w.to_lowercase(), i..i + len));
            prev = w.chars().last();
            i += len;
            continue;
        }
        if c == '%' || c == '٪' {
            out.push(Tok::Sign(c.to_string(), i..i + c.len_utf8()));
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// Every number in `text`, in order.
pub fn extract(text: &str, lang: &str) -> Vec<Num> {
    let words = words_for(lang);
    let toks = tokens(text, lang);
    let word_at = |k: usize| match toks.get(k) {
        Some(Tok::Word(w, _)) => Some(w.as_str()),
        Some(Tok::Sign(s, _)) => Some(s.as_str()),
        _ => None,
    };
    let range_of = |k: usize| match &toks[k] {
        Tok::Digits(_, r) | Tok::Word(_, r) | Tok::Sign(_, r) => r.clone(),
    };
    // (number, first token, one past the last token)
    let mut found: Vec<(Num, usize, usize)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let start = k;
        let (mut total, mut cur) = (0u64, 0u64);
        let (mut any, mut word, mut strong) = (false, false, false);
        let mut last: Option<Kind> = None;
        let mut closed = false;
        while k < toks.len() && !closed {
            let step = match &toks[k] {
                Tok::Digits(m, _) if !any => {
                    cur = *m;
                    strong = true;
                    Some(Small)
                }
                Tok::Word(w, _) => match words.lookup(w) {
                    Some((v, Small)) => {
                        let units = cur / 1000;
                        let joins = !any
                            || last == Some(Mult)
                            || last == Some(Small)
                                && word
                                && (20..=90).contains(&units)
                                && units % 10 == 0
                                && (1..=9).contains(&v);
                        if joins {
                            cur += v * 1000;
                        } else {
                            break;
                        }
                        word = true;
                        strong = true;
                        Some(Small)
                    }
                    Some((v, WeakOne)) if !any => {
                        cur = v * 1000;
                        word = true;
                        Some(WeakOne)
                    }
                    Some((v, Mult)) => {
                        if any {
                            strong = true;
                        } else {
                            cur = 1000;
                            word = true;
                        }
                        cur = cur.saturating_mul(v);
                        if v >= 1000 {
                            total = total.saturating_add(cur);
                            cur = 0;
                        }
                        Some(Mult)
                    }
                    Some((_, Half)) if !any => {
                        cur = 500;
                        word = true;
                        closed = true;
                        Some(Half)
                    }
                    Some((v, Fixed)) if !any => {
                        cur = v;
                        word = true;
                        strong = true;
                        closed = true;
                        Some(Fixed)
                    }
                    Some((v, WeakFixed)) if !any => {
                        cur = v;
                        word = true;
                        closed = true;
                        Some(WeakFixed)
                    }
                    _ => None,
                },
                _ => None,
            };
            let Some(kind) = step else { break };
            any = true;
            last = Some(kind);
            k += 1;
        }
        if !any {
            // "a day and a half": one and a half, written around the noun.
            if let Some(form) = words
                .and_half
                .iter()
                .find(|f| f.len() > 1 && (0..f.len()).all(|j| word_at(k + j) == Some(f[j])))
            {
                let r = range_of(k).start..range_of(k + form.len() - 1).end;
                found.push((
                    Num {
                        milli: 1500,
                        text: text[r.clone()].to_string(),
                        range: r,
                        weak: true,
                        word: true,
                        statistic: false,
                    },
                    k,
                    k + form.len(),
                ));
                k += form.len();
            } else {
                k += 1;
            }
            continue;
        }
        let mut value = total.saturating_add(cur);
        // "four and a half", "fire og en halv".
        if !matches!(last, Some(Half | Fixed | WeakFixed)) {
            for form in words.and_half {
                if (0..form.len()).all(|j| word_at(k + j) == Some(form[j])) {
                    value = value.saturating_add(500);
                    k += form.len();
                    break;
                }
            }
        }
        let r = range_of(start).start..range_of(k - 1).end;
        found.push((
            Num {
                milli: value,
                text: text[r.clone()].to_string(),
                range: r,
                weak: !strong,
                word,
                statistic: false,
            },
            start,
            k,
        ));
    }
    // Percentages, and both halves of a proportion ("nine out of ten", "1 av 5").
    for i in 0..found.len() {
        let end = found[i].2;
        if word_at(end).is_some_and(|w| words.percent.contains(&w)) {
            found[i].0.statistic = true;
        }
        if let Some(next) = found.get(i + 1).map(|f| f.1)
            && next > end
            && (end..next).all(|j| word_at(j).is_some_and(|w| words.ratio.contains(&w)))
        {
            found[i].0.statistic = true;
            found[i + 1].0.statistic = true;
        }
    }
    found.into_iter().map(|(n, _, _)| n).collect()
}

/// What two texts (a source and its translation) say in numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mismatch {
    /// Values the source demands that the translation lacks.
    pub missing: Vec<String>,
    /// Values in the translation the source does not have.
    pub extra: Vec<String>,
}

impl Mismatch {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares the numbers of a source text and a translation. A strong number on one side must
/// be on the other side (strong or weak); weak ones are never demanded.
/// Values the translation's language may leave to grammar (Arabic duals) are not demanded.
pub fn compare(source: &[Num], translation: &[Num], translation_lang: &str) -> Mismatch {
    let implicit = words_for(translation_lang).implicit;
    let all = |v: &[Num]| v.iter().map(|n| n.milli).collect::<BTreeSet<u64>>();
    let strong = |v: &[Num]| {
        v.iter()
            .filter(|n| !n.weak)
            .map(|n| n.milli)
            .collect::<BTreeSet<u64>>()
    };
    let (sa, ss) = (all(source), strong(source));
    let (ta, ts) = (all(translation), strong(translation));
    Mismatch {
        missing: ss
            .difference(&ta)
            .filter(|m| !(*m % 1000 == 0 && implicit.contains(&(*m / 1000))))
            .map(|m| format_milli(*m))
            .collect(),
        extra: ts.difference(&sa).map(|m| format_milli(*m)).collect(),
    }
}

/// "7, 1.3" from numbers (distinct values in order of appearance), or "none".
pub fn list(nums: &[Num]) -> String {
    let mut seen = Vec::new();
    for n in nums {
        let v = n.value();
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    if seen.is_empty() {
        "none".into()
    } else {
        seen.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(text: &str, lang: &str) -> Vec<(String, bool)> {
        extract(text, lang)
            .into_iter()
            .map(|n| (n.value(), n.weak))
            .collect()
    }

    fn strong(text: &str, lang: &str) -> Vec<String> {
        extract(text, lang)
            .into_iter()
            .filter(|n| !n.weak)
            .map(|n| n.value())
            .collect()
    }

    #[test]
    fn digits_per_language() {
        assert_eq!(
            strong("about 1 in 15,000 and 2.2 mSv", "en"),
            ["1", "15000", "2.2"]
        );
        assert_eq!(
            strong("omtrent 1 av 15 000 og 2,2 mSv", "nb"),
            ["1", "15000", "2.2"]
        );
        assert_eq!(strong("1, 2 og 3", "nb"), ["1", "2", "3"]);
        assert_eq!(strong("od 20–29 lat, 40. roku", "pl"), ["20", "29", "40"]);
        assert_eq!(strong("عمرك ٥٥ سنة أو 55", "ar"), ["55", "55"]);
        // Names are not figures.
        assert!(strong("L4-L5, NG59, T2, [@hpa-dose2008], 5th, 2a", "en").is_empty());
        assert_eq!(strong("in their 50s", "en"), ["50"]);
        assert_eq!(
            strong("the COVID-19 pandemic, ages 20-29", "en"),
            ["20", "29"]
        );
        assert_eq!(strong("و60 من كل 100", "ar"), ["60", "100"]);
        assert_eq!(strong("الأسباب الثلاثة", "ar"), ["3"]);
        assert_eq!(
            strong("13 na 100 pięćdziesięciolatków", "pl"),
            ["13", "100", "50"]
        );
        assert_eq!(strong("في الخمسينيات من العمر", "ar"), ["50"]);
        assert_eq!(
            strong("i femtiårene, people in their fifties", "nb"),
            ["50"]
        );
    }

    #[test]
    fn words_per_language() {
        assert_eq!(strong("nine out of ten people", "en"), ["9", "10"]);
        assert_eq!(strong("ni av ti", "nb"), ["9", "10"]);
        assert_eq!(strong("dziewięć na dziesięć", "pl"), ["9", "10"]);
        assert_eq!(strong("تسعة من عشرة", "ar"), ["9", "10"]);
        assert_eq!(strong("twenty five years, seven months", "en"), ["25", "7"]);
        assert_eq!(strong("tjuefem år", "nb"), ["25"]);
        assert_eq!(strong("four and a half years", "en"), ["4.5"]);
        assert_eq!(strong("fire og et halvt år", "nb"), ["4.5"]);
        assert_eq!(strong("halvannen dag", "nb"), ["1.5"]);
        assert_eq!(strong("2 millioner", "nb"), ["2000000"]);
        assert_eq!(strong("twice as common", "en"), ["2"]);
        assert!(
            compare(
                &extract("twice as common", "en"),
                &extract("dobbelt så vanlig", "nb"),
                "nb"
            )
            .is_empty()
        );
        assert!(
            compare(
                &extract("a couple of weeks", "en"),
                &extract("noen uker", "nb"),
                "nb"
            )
            .is_empty()
        );
        // Articles and pronouns that mean one are weak.
        assert_eq!(vals("en dag", "nb"), [("1".to_string(), true)]);
        assert_eq!(vals("one of them", "en"), [("1".to_string(), true)]);
        // Fire in English is not a number.
        assert!(extract("a fire", "en").is_empty());
    }

    #[test]
    fn proportions_and_percentages_are_statistics() {
        let n = extract("nine out of ten people, 40 % of them, two scans", "en");
        let s: Vec<(String, bool)> = n.iter().map(|n| (n.value(), n.statistic)).collect();
        assert_eq!(
            s,
            [
                ("9".to_string(), true),
                ("10".to_string(), true),
                ("40".to_string(), true),
                ("2".to_string(), false)
            ]
        );
        let n = extract("1 av 5", "nb");
        assert!(n.iter().all(|n| n.statistic) && n.len() == 2);
    }

    #[test]
    fn compare_shows_both_sides() {
        let m = compare(&extract("1 in 5", "en"), &extract("1 av 2", "nb"), "nb");
        assert_eq!(m.missing, ["5"]);
        assert_eq!(m.extra, ["2"]);
        // "one in five" against "1 av 5": the weak "one" satisfies the digit.
        assert!(
            compare(
                &extract("one in five", "en"),
                &extract("1 av 5", "nb"),
                "nb"
            )
            .is_empty()
        );
        assert!(
            compare(
                &extract("a day and a half", "en"),
                &extract("halvannen dag", "nb"),
                "nb"
            )
            .is_empty()
        );
        assert_eq!(
            compare(
                &extract("seven months", "en"),
                &extract("åtte måneder", "nb"),
                "nb"
            ),
            Mismatch {
                missing: vec!["7".into()],
                extra: vec!["8".into()]
            }
        );
        // Arabic may leave two implicit (a dual noun), never other numbers.
        assert!(compare(&extract("two days", "en"), &extract("يومين", "ar"), "ar").is_empty());
        assert_eq!(
            compare(&extract("three days", "en"), &extract("أيام", "ar"), "ar").missing,
            ["3"]
        );
    }

    proptest::proptest! {
        #[test]
        fn number_shaped_text_never_panics(s in "([0-9]{1,4}|[ ,.\u{a0}\u{202f}\u{66b}\u{66c}%-]|[\u{660}-\u{669}]|one|ti|av|og|et|halvt|and|a|half|na|z|pół|من|و|ال|عشرة|[a-zæøå]{1,3}| ){0,40}") {
            for lang in WORD_LANGUAGES.iter().chain(&["sv"]) {
                let nums = extract(&s, lang);
                for n in &nums {
                    assert!(s.get(n.range.clone()).is_some());
                }
                let _ = compare(&nums, &extract(&s, "nb"), lang);
            }
        }
    }
}
