//! Content store benchmark: slot import time and search latency (p50/p95).
//!
//! Real-size content is 14 modules × 2 languages × ~1,000 words plus glossaries of 50 concepts;
//! search is measured on a corpus 100× that (1,400 modules × 2 languages). Text is generated
//! from small English and Norwegian word pools (with diacritics) by a fixed-seed generator, so
//! runs compare; every word is common, which is harsher than real text. With
//! `SCANWISE_BENCH_PACKS=DIR` (from `scanwise build --out DIR`) the real content is used instead.
//! Targets (DESIGN §6): import < 100 ms at real size, search p95 < 5 ms at 100×.

use std::time::{Duration, Instant};

use scanwise_core::model::*;
use scanwise_core::slot::ContentSlot;

const EN_WORDS: &str = "scan back knee shoulder pain disc bulge nerve bone muscle joint tear \
    report radiologist doctor physiotherapy exercise recovery weeks months common normal ageing \
    finding image magnetic resonance ultrasound radiation dose x-ray naïve sciatica leg numbness \
    walking sleep work movement strength guideline result change plan treatment surgery injection \
    the a of and to in is that for it with as on be at by this have from or one had not but";
const NB_WORDS: &str = "skanning rygg kne skulder smerte skive utbuling nerve bein muskel ledd \
    rift rapport radiolog lege fysioterapi trening bedring uker måneder vanlig normal aldring funn \
    bilde ødem ultralyd stråling dose røntgen isjias nummenhet gåing søvn arbeid bevegelse styrke \
    retningslinje svar endring plan behandling kirurgi sprøyte og i er at for det med som på til \
    av en et ikke men å både også når hvordan";

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        // Skewed towards the front of the pool, like real word frequencies are skewed.
        let a = self.next() as usize % words.len();
        let b = self.next() as usize % words.len();
        if self.next().is_multiple_of(4) {
            words[a]
        } else {
            words[a.min(b)]
        }
    }
    fn text(&mut self, words: &[&str], n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push_str(if i % 12 == 0 { ". " } else { " " });
            }
            s.push_str(self.pick(words));
        }
        s.push('.');
        s
    }
}

fn corpus(scale: usize) -> Vec<Pack> {
    let mut rng = Rng(0x5CA9_5715_E000_0001);
    let pools: [(&str, Vec<&str>); 2] = [
        ("en", EN_WORDS.split_whitespace().collect()),
        ("nb", NB_WORDS.split_whitespace().collect()),
    ];
    let mut packs = Vec::new();
    for (lang, words) in &pools {
        for m in 0..14 * scale {
            let id = format!("module-{m:04}");
            let sections = (0..5)
                .map(|s| {
                    let text = rng.text(words, 180);
                    Section {
                        anchor: format!("part-{s}"),
                        heading: rng.text(words, 4),
                        html: format!("<p>{text}</p>"),
                        text,
                    }
                })
                .collect();
            packs.push(Pack::Module(ModulePack {
                format: PACK_FORMAT,
                id: id.clone(),
                lang: (*lang).into(),
                title: rng.text(words, 4),
                summary: rng.text(words, 25),
                areas: vec![BodyArea::Back, BodyArea::Knee],
                order: m as u32,
                minutes: 4,
                sections,
                key_points: (0..4).map(|_| rng.text(words, 12)).collect(),
                myth_or_fact: vec![],
                references: vec![],
                questions: vec![],
                review: Review {
                    state: ReviewState::Draft,
                    reviewer: None,
                    reviewed_on: None,
                    next_review: None,
                },
                translation: None,
                content_hash: id,
            }));
        }
        packs.push(Pack::Glossary(GlossaryPack {
            format: PACK_FORMAT,
            lang: (*lang).into(),
            negations: vec!["no".into()],
            terminators: vec!["but".into()],
            post_negations: vec!["not seen".into()],
            concepts: (0..50 * scale)
                .map(|c| Concept {
                    id: format!("concept-{c:04}"),
                    area: ConceptArea::Spine,
                    term: rng.text(words, 2),
                    aliases: (0..3).map(|_| rng.text(words, 2)).collect(),
                    explanation: rng.text(words, 30),
                    ..Default::default()
                })
                .collect(),
            translation: None,
            decoder: Default::default(),
        }));
    }
    packs
}

/// Packs written by `scanwise build --out DIR`, when `SCANWISE_BENCH_PACKS=DIR` is set.
fn built_packs() -> Option<Vec<Pack>> {
    let dir = std::path::PathBuf::from(std::env::var_os("SCANWISE_BENCH_PACKS")?).join("packs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let packs = files
        .iter()
        .map(|f| {
            let json = std::fs::read_to_string(f).expect("read pack");
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
        })
        .collect();
    Some(packs)
}

/// `packs` `times` over: copy k of module or concept X is `X-xk`; one glossary per language.
fn scaled(packs: &[Pack], times: usize) -> Vec<Pack> {
    let mut out = Vec::new();
    for pack in packs {
        match pack {
            Pack::Module(m) => out.extend((0..times).map(|k| {
                let mut m = m.clone();
                m.id = format!("{}-x{k}", m.id);
                Pack::Module(m)
            })),
            Pack::Glossary(g) => {
                let mut g = g.clone();
                g.concepts = (0..times)
                    .flat_map(|k| {
                        g.concepts.iter().map(move |c| {
                            let mut c = c.clone();
                            c.id = format!("{}-x{k}", c.id);
                            c
                        })
                    })
                    .collect();
                out.push(Pack::Glossary(g));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn words_in(packs: &[Pack]) -> usize {
    packs
        .iter()
        .map(|p| match p {
            Pack::Module(m) => m.sections.iter().map(|s| s.text.split(' ').count()).sum(),
            _ => 0,
        })
        .sum()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn time_import(dir: &std::path::Path, name: &str, packs: &[Pack], runs: usize) -> Duration {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let slot = ContentSlot::build(&dir.join(name), packs).expect("build");
        times.push(start.elapsed());
        drop(slot);
    }
    times.sort();
    percentile(&times, 0.5)
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");

    // With SCANWISE_BENCH_PACKS=DIR (the output of `scanwise build --out DIR`) the real content
    // is measured, and 100x is that content a hundred times over; otherwise generated text.
    let built = built_packs();
    let source = if built.is_some() {
        "real content"
    } else {
        "generated"
    };
    let real = built.clone().unwrap_or_else(|| corpus(1));
    let import_real = time_import(dir.path(), "real.db", &real, 7);
    println!(
        "store/import real size ({source}): {} packs, {} words: median {} (target < 100 ms)",
        real.len(),
        words_in(&real),
        ms(import_real)
    );

    let big = match &built {
        Some(packs) => scaled(packs, 100),
        None => corpus(100),
    };
    let import_big = time_import(dir.path(), "big.db", &big, 1);
    println!(
        "store/import 100x ({source}): {} packs, {} words: {}",
        big.len(),
        words_in(&big),
        ms(import_big)
    );

    // SCANWISE_BENCH_KEEP=FILE keeps a copy of the 100x slot, to inspect queries by hand.
    if let Ok(keep) = std::env::var("SCANWISE_BENCH_KEEP") {
        std::fs::copy(dir.path().join("big.db"), keep).expect("copy");
    }
    let slot = ContentSlot::open(&dir.path().join("big.db")).expect("open");
    let queries = [
        "pain",
        "scan",
        "disc bulge",
        "nerve",
        "ultrasou",
        "radiat",
        "ødem",
        "odem",
        "naive",
        "naïve",
        "skanning",
        "smerte",
        "rygg sm",
        "knee pain weeks",
        "the",
        "a",
        "s",
        "måneder",
        "maneder",
        "guideline result",
        "sciatica leg",
        "xyzzy",
        "\"",
        "AND (",
        "*",
        "bein",
        "MRI",
        "degenerat",
        "stråling",
        "prolaps",
        "tear ",
    ];
    let chains: [&[&str]; 4] = [&["nb", "en"], &["en"], &["pl", "en"], &["ar", "en"]];
    // Warm the page cache once, as the app would after start.
    for q in queries {
        slot.search(chains[0], q, 20).expect("search");
    }
    // Each query runs `ROUNDS` times; the machine is shared, so besides the p95 of every sample
    // the p95 of per-query medians is printed (robust to another process taking the CPU).
    const ROUNDS: usize = 15;
    let mut times = Vec::new();
    let mut medians = Vec::new();
    let mut worst = (Duration::ZERO, String::new());
    for chain in chains {
        for q in queries {
            let mut per_query = Vec::with_capacity(ROUNDS);
            for _ in 0..ROUNDS {
                let start = Instant::now();
                let hits = slot.search(chain, q, 20).expect("search");
                per_query.push(start.elapsed());
                std::hint::black_box(hits);
            }
            per_query.sort();
            let median = percentile(&per_query, 0.5);
            if median > worst.0 {
                worst = (median, format!("{q:?} in {chain:?}"));
            }
            medians.push(median);
            times.extend(per_query);
        }
    }
    times.sort();
    medians.sort();
    println!(
        "store/search 100x ({} samples, limit 20): p50 {} p95 {} (target p95 < 5 ms)",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
    );
    println!(
        "store/search 100x per-query medians ({} queries): p50 {} p95 {}, slowest {} {}",
        medians.len(),
        ms(percentile(&medians, 0.5)),
        ms(percentile(&medians, 0.95)),
        ms(worst.0),
        worst.1
    );
    println!(
        "store/machine load average: {}",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let nb = slot.search(&["nb", "en"], "ødem", 5).expect("search");
    println!(
        "store/search sanity: 'ødem' in nb → {} hits, first {:?}",
        nb.len(),
        nb.first().map(|h| (&h.id, &h.anchor))
    );
}
