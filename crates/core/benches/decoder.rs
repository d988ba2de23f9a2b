//! Report decoding at 100× the real glossary: p50/p95 per decode of a ~2 KB report.
//!
//! The quality bar (DESIGN §6) is under 5 ms at 100× the shipped content. The real glossary has
//! ~50 concepts with a handful of aliases each, so the synthetic one has 5,000 concepts with 5
//! aliases (1-3 words, drawn from ~20,000 made-up words plus real report words). The small
//! glossary is the in-run baseline; the ratio shows how much the 100× size costs.

use std::time::{Duration, Instant};

use scanwise_core::decoder::Decoder;
use scanwise_core::model::{Concept, ConceptArea, GlossaryPack, PACK_FORMAT};

/// Small deterministic PRNG (xorshift), so every run decodes the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const REAL_WORDS: &[&str] = &[
    "disc",
    "bulge",
    "protrusion",
    "extrusion",
    "herniation",
    "stenosis",
    "foraminal",
    "facet",
    "arthropathy",
    "desiccation",
    "modic",
    "endplate",
    "fissure",
    "annular",
    "meniscal",
    "tear",
    "effusion",
    "oedema",
    "marrow",
    "cartilage",
    "osteophyte",
    "tendinopathy",
    "rotator",
    "cuff",
    "bursitis",
    "labral",
    "thickness",
    "partial",
    "full",
    "cyst",
    "synovitis",
    "ligament",
];

const FILLER: &[&str] = &[
    "the",
    "at",
    "level",
    "is",
    "mild",
    "moderate",
    "with",
    "of",
    "left",
    "right",
    "and",
    "small",
    "there",
    "a",
    "seen",
    "on",
    "images",
    "normal",
    "alignment",
    "signal",
    "appearance",
    "no",
    "or",
    "but",
    "without",
    "evidence",
    "L4/5",
    "L5/S1",
    "3.5",
    "mm",
    "compared",
    "prior",
];

fn made_up_word(rng: &mut Rng) -> String {
    const SYLLABLES: &[&str] = &[
        "ar", "bo", "ci", "do", "el", "fa", "gu", "hi", "io", "ju", "ka", "lo", "mi", "nu", "os",
        "pa", "qui", "ro", "si", "tu", "ul", "ve", "wa", "xe", "yo", "za", "tion", "ment", "ous",
    ];
    let n = 2 + rng.below(3);
    (0..n).map(|_| rng.word(SYLLABLES)).collect()
}

fn glossary(concepts: usize, aliases: usize, rng: &mut Rng) -> GlossaryPack {
    let mut words: Vec<String> = (0..20_000).map(|_| made_up_word(rng)).collect();
    words.extend(REAL_WORDS.iter().map(|w| w.to_string()));
    let phrase = |rng: &mut Rng| {
        let n = 1 + rng.below(3);
        let mut parts: Vec<&str> = (0..n).map(|_| rng.pick(&words).as_str()).collect();
        // Keep real words frequent so report text hits many concept buckets.
        if rng.below(4) == 0 {
            parts.push(rng.word(REAL_WORDS));
        }
        parts.join(" ")
    };
    let concepts = (0..concepts)
        .map(|i| Concept {
            id: format!("concept-{i}"),
            area: ConceptArea::General,
            term: phrase(rng),
            aliases: (0..aliases).map(|_| phrase(rng)).collect(),
            ..Default::default()
        })
        .collect();
    GlossaryPack {
        concepts,
        ..english_words()
    }
}

/// The shipped English cue words and decoder table (negations, hedges, connectors, word
/// families, area words), so the bench times the whole pipeline.
fn english_words() -> GlossaryPack {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../content/glossary/en.toml"
    );
    let text = std::fs::read_to_string(path).expect("content/glossary/en.toml");
    let table: toml::Table = toml::from_str(&text).expect("en.toml parses");
    let list = |key: &str| -> Vec<String> {
        table
            .get(key)
            .and_then(|v| v.clone().try_into().ok())
            .unwrap_or_default()
    };
    GlossaryPack {
        format: PACK_FORMAT,
        lang: "en".into(),
        negations: list("negations"),
        terminators: list("terminators"),
        post_negations: list("post_negations"),
        concepts: vec![],
        translation: None,
        decoder: table
            .get("decoder")
            .and_then(|d| d.clone().try_into().ok())
            .expect("en.toml has a [decoder] table"),
    }
}

fn swap_two_letters(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() >= 8 {
        chars.swap(3, 4);
    }
    chars.into_iter().collect()
}

fn report(bytes: usize, glossary: &GlossaryPack, rng: &mut Rng) -> String {
    let mut text = String::from("MRI LUMBAR SPINE\n\nFindings:\n");
    while text.len() < bytes {
        for _ in 0..(4 + rng.below(8)) {
            match rng.below(4) {
                // A real glossary phrase, sometimes with a typo-free variant separator.
                0 => {
                    let c = rng.pick(&glossary.concepts);
                    let alias = if c.aliases.is_empty() {
                        &c.term
                    } else {
                        rng.pick(&c.aliases)
                    };
                    // Hyphenated, upper-cased or with two letters swapped at times, so the
                    // folding and typo paths are timed too.
                    let sep = if rng.below(2) == 0 { " " } else { "-" };
                    let mut alias = alias.replace(' ', sep);
                    if rng.below(4) == 0 {
                        alias = alias.to_uppercase();
                    }
                    if rng.below(4) == 0 {
                        alias = alias
                            .split(sep)
                            .map(swap_two_letters)
                            .collect::<Vec<_>>()
                            .join(sep);
                    }
                    text.push_str(&alias);
                }
                1 => text.push_str(rng.word(REAL_WORDS)),
                _ => text.push_str(rng.word(FILLER)),
            }
            text.push(' ');
        }
        text.push_str(if rng.below(3) == 0 { ".\n" } else { ". " });
    }
    text.truncate(text.floor_char_boundary(bytes));
    text
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn measure(decoder: &Decoder, text: &str, runs: usize) -> (Duration, Duration, usize) {
    let mut findings = 0;
    for _ in 0..20 {
        findings = decoder.decode(text).len();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(decoder.decode(std::hint::black_box(text)));
            t.elapsed()
        })
        .collect();
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.95), findings)
}

fn main() {
    let mut rng = Rng(0x5ca1_ab1e_d15c_0001);
    let large = glossary(5_000, 5, &mut rng);
    // The baseline is the first 50 concepts of the same glossary, so it finds some of the same.
    let small = GlossaryPack {
        concepts: large.concepts[..50].to_vec(),
        ..large.clone()
    };
    let text = report(2048, &large, &mut rng);

    let t = Instant::now();
    let small_decoder = Decoder::new(&small);
    let small_build = t.elapsed();
    let t = Instant::now();
    let large_decoder = Decoder::new(&large);
    let large_build = t.elapsed();

    let runs = 500;
    let (s50, s95, s_found) = measure(&small_decoder, &text, runs);
    let (l50, l95, l_found) = measure(&large_decoder, &text, runs);

    println!("decoder: {} byte report, {runs} runs each", text.len());
    println!(
        "  baseline   50 concepts: build {small_build:>10.2?}  p50 {s50:>9.2?}  p95 {s95:>9.2?}  ({s_found} findings)"
    );
    println!(
        "  100x     5000 concepts: build {large_build:>10.2?}  p50 {l50:>9.2?}  p95 {l95:>9.2?}  ({l_found} findings)"
    );
    println!(
        "  ratio 100x/baseline: p50 {:.2}x  p95 {:.2}x",
        l50.as_secs_f64() / s50.as_secs_f64(),
        l95.as_secs_f64() / s95.as_secs_f64()
    );
    let bar = Duration::from_millis(5);
    println!(
        "  quality bar p95 < {bar:?}: {}",
        if l95 < bar { "met" } else { "NOT MET" }
    );
}
