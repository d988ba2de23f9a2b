//! Readability formulas used by `check` (rule SW041).
//!
//! - Flesch-Kincaid grade (English):
//!   `0.39 * words/sentences + 11.8 * syllables/words - 15.59`, syllables by a vowel-group
//!   heuristic.
//! - LIX (Scandinavian languages): `words/sentences + 100 * long_words/words`, where a long
//!   word has more than six letters.
//!
//! Input is plain text (Markdown and citations already stripped). A sentence ends at `.`, `!`,
//! `?`, `:` or `;` followed by whitespace, or at a line break (list items and paragraphs are
//! passed in one per line, and each one is a sentence even without a full stop).

/// Counts behind a score; exposed so a warning can say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStats {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub long_words: usize,
}

pub fn stats(text: &str) -> TextStats {
    let mut st = TextStats::default();
    for line in text.lines() {
        let mut in_sentence = false;
        let mut chars = line.chars().peekable();
        let mut word = String::new();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() || (c == '\'' || c == '’') && !word.is_empty() {
                word.push(c);
                continue;
            }
            finish_word(&mut word, &mut st, &mut in_sentence);
            let ends = matches!(c, '.' | '!' | '?' | ':' | ';')
                && chars.peek().is_none_or(|n| n.is_whitespace());
            if ends && in_sentence {
                st.sentences += 1;
                in_sentence = false;
            }
        }
        finish_word(&mut word, &mut st, &mut in_sentence);
        if in_sentence {
            st.sentences += 1;
        }
    }
    st
}

fn finish_word(word: &mut String, st: &mut TextStats, in_sentence: &mut bool) {
    // Numbers are not words for either formula; "3.5" must not split a sentence either.
    if word.chars().any(|c| c.is_alphabetic()) {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        st.words += 1;
        st.syllables += syllables(word);
        if letters > 6 {
            st.long_words += 1;
        }
        *in_sentence = true;
    }
    word.clear();
}

/// English syllable estimate: vowel groups (`y` counts as a vowel), minus a silent final `e`
/// (but not in `-le` after a consonant: "ta-ble"), at least one per word.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å' | 'é');
    let mut count = 0;
    let mut prev = false;
    for &c in &w {
        let v = vowel(c);
        if v && !prev {
            count += 1;
        }
        prev = v;
    }
    let n = w.len();
    if n > 2 && w[n - 1] == 'e' && !vowel(w[n - 2]) {
        let le = w[n - 2] == 'l' && n > 3 && !vowel(w[n - 3]);
        if !le {
            count -= 1;
        }
    }
    // "-es"/"-ed" after most consonants is silent too ("makes", "used"), not after t/d/s/z.
    if n > 3 && (w[n - 1] == 's' || w[n - 1] == 'd') && w[n - 2] == 'e' {
        let before = w[n - 3];
        if !vowel(before) && !matches!(before, 't' | 'd' | 's' | 'z' | 'c' | 'g' | 'x') {
            count -= 1;
        }
    }
    count.max(1)
}

/// Flesch-Kincaid grade level; `None` for text without words.
pub fn flesch_kincaid_grade(text: &str) -> Option<f64> {
    let s = stats(text);
    if s.words == 0 || s.sentences == 0 {
        return None;
    }
    let (w, se, sy) = (s.words as f64, s.sentences as f64, s.syllables as f64);
    Some(0.39 * (w / se) + 11.8 * (sy / w) - 15.59)
}

/// LIX readability index; `None` for text without words.
pub fn lix(text: &str) -> Option<f64> {
    let s = stats(text);
    if s.words == 0 || s.sentences == 0 {
        return None;
    }
    let (w, se, l) = (s.words as f64, s.sentences as f64, s.long_words as f64);
    Some(w / se + 100.0 * l / w)
}

/// Which formula applies to a language, and its target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// Warn when the grade is above this.
    FleschKincaidMax(f64),
    /// Warn when LIX is at or above this.
    LixBelow(f64),
}

pub fn target_for(lang: &str) -> Option<Target> {
    match lang {
        "en" => Some(Target::FleschKincaidMax(8.0)),
        "nb" | "nn" | "no" | "sv" | "da" => Some(Target::LixBelow(40.0)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn syllable_heuristic_on_known_words() {
        for (w, n) in [
            ("the", 1),
            ("cat", 1),
            ("table", 2),
            ("make", 1),
            ("makes", 1),
            ("people", 2),
            ("scan", 1),
            ("scanning", 2),
            ("readability", 5),
            ("degeneration", 5),
            ("wanted", 2),
            ("MRI", 1),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn flesch_kincaid_known_values() {
        // 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45.
        assert!(close(
            flesch_kincaid_grade("The cat sat on the mat.").unwrap(),
            -1.45
        ));
        // 12 words, 2 sentences, 19 syllables ("readability" 5, "people" 2, "table" 2):
        // 0.39*6 + 11.8*19/12 - 15.59 = 5.43333.
        let g = flesch_kincaid_grade(
            "Readability helps people. The table of words is long and very dull.",
        )
        .unwrap();
        assert!(close(g, 0.39 * 6.0 + 11.8 * 19.0 / 12.0 - 15.59), "{g}");
        assert_eq!(flesch_kincaid_grade(""), None);
        assert_eq!(flesch_kincaid_grade("12 34."), None);
    }

    #[test]
    fn lix_known_values() {
        // 9 words, 2 sentences, 2 long words ("ryggsmerter", "forsvinner"): 4.5 + 22.22.
        let l = lix("Mange har ryggsmerter. De forsvinner ofte av seg selv.").unwrap();
        assert!(close(l, 26.72), "{l}");
        // 4 words, 1 sentence, 3 long words ("viste" has five letters): 4 + 75 = 79.
        assert!(close(
            lix("Undersøkelsen viste degenerative forandringer.").unwrap(),
            79.0
        ));
    }

    #[test]
    fn lines_are_sentences_and_decimals_do_not_split() {
        let s = stats("A list item\nAnother item\nIt is 3.5 mSv. Fine.");
        assert_eq!(s.sentences, 4);
        assert_eq!(s.words, 9);
    }
}
