//! The report decoder on sample reports in `tests/reports/<lang>/*.txt`, with the glossary pack
//! the slot serves (built from the real content). Each report's `*.expected.json` holds the
//! correct reading as a set of `(concept, status)` pairs, and `known_misreads`: phrases the
//! decoder gets wrong today. A misread is asserted to still happen (so a fix turns this test
//! red and the entry moves into `expected`), then replaced by its correct reading before the
//! comparison. Nothing is dropped from `expected` to make the decoder pass.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use scanwise_core::decoder::{Decoder, Finding, FindingStatus};
use serde_json::Value;

use crate::support;

/// `(concept, "present" | "absent")` pairs (`FindingStatus` has no order, so its name stands in).
pub type Reading = BTreeSet<(String, &'static str)>;

pub fn name(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Present => "present",
        FindingStatus::Absent => "absent",
    }
}

/// One sample report and what it should decode to.
pub struct Sample {
    pub lang: String,
    pub path: PathBuf,
    pub text: String,
    pub expected: Reading,
    pub misreads: Vec<Misread>,
}

pub struct Misread {
    pub phrase: String,
    pub concept: String,
    pub correct: FindingStatus,
    /// `None`: the decoder finds nothing of `concept` in the phrase.
    pub decoder: Option<FindingStatus>,
    pub why: String,
}

fn status(v: &Value, what: &str) -> FindingStatus {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{what}: bad status {v}: {e}"))
}

pub fn load(path: &Path) -> Sample {
    let lang = path
        .parent()
        .and_then(|p| p.file_name())
        .expect("reports/<lang>/x.txt")
        .to_string_lossy()
        .into_owned();
    let text = std::fs::read_to_string(path).expect("report text");
    let json_path = path.with_extension("expected.json");
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(&json_path)
            .unwrap_or_else(|e| panic!("{}: {e}", json_path.display())),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", json_path.display()));
    let what = json_path.display().to_string();
    let expected = json["expected"]
        .as_array()
        .unwrap_or_else(|| panic!("{what}: no `expected` array"))
        .iter()
        .map(|e| {
            let concept = e["concept"].as_str().expect("concept").to_owned();
            (concept, name(status(&e["status"], &what)))
        })
        .collect();
    let misreads = json["known_misreads"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|m| Misread {
            phrase: m["phrase"].as_str().expect("phrase").to_owned(),
            concept: m["concept"].as_str().expect("concept").to_owned(),
            correct: status(&m["correct"], &what),
            decoder: match m["decoder"].as_str() {
                Some("missed") => None,
                _ => Some(status(&m["decoder"], &what)),
            },
            why: m["why"].as_str().unwrap_or_default().to_owned(),
        })
        .collect();
    Sample {
        lang,
        path: path.to_owned(),
        text,
        expected,
        misreads,
    }
}

/// Every sample report, sorted by path.
pub fn samples() -> Vec<Sample> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports");
    let mut paths = Vec::new();
    for lang in std::fs::read_dir(&dir).expect("tests/reports") {
        let lang = lang.expect("entry").path();
        if !lang.is_dir() {
            continue; // README.md
        }
        for f in std::fs::read_dir(&lang).expect("tests/reports/<lang>") {
            let f = f.expect("entry").path();
            if f.extension().is_some_and(|e| e == "txt") {
                paths.push(f);
            }
        }
    }
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

/// The decoder's findings with each known misread checked and replaced by its correct reading.
/// Errors name what no longer matches.
pub fn corrected_reading(sample: &Sample, findings: &[Finding]) -> Result<Reading, Vec<String>> {
    let mut problems = Vec::new();
    let mut kept: Vec<&Finding> = findings.iter().collect();
    let mut corrections = Vec::new();
    for m in &sample.misreads {
        let starts: Vec<_> = sample.text.match_indices(&m.phrase).collect();
        let [(start, _)] = starts.as_slice() else {
            problems.push(format!(
                "known misread phrase {:?} occurs {} times (needs exactly one)",
                m.phrase,
                starts.len()
            ));
            continue;
        };
        let end = start + m.phrase.len();
        let inside = |f: &Finding| f.concept == m.concept && f.start < end && f.end > *start;
        let hits: Vec<FindingStatus> = findings
            .iter()
            .filter(|f| inside(f))
            .map(|f| f.status)
            .collect();
        let still_wrong = match m.decoder {
            None => hits.is_empty(),
            Some(s) => !hits.is_empty() && hits.iter().all(|h| *h == s),
        };
        if !still_wrong {
            problems.push(format!(
                "known misread no longer happens: {:?} now gives {:?} for {} (was {:?}); \
                 move it from known_misreads into expected",
                m.phrase, hits, m.concept, m.decoder
            ));
        }
        kept.retain(|f| !inside(f));
        corrections.push((m.concept.clone(), name(m.correct)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut reading: Reading = kept
        .into_iter()
        .map(|f| (f.concept.clone(), name(f.status)))
        .collect();
    reading.extend(corrections);
    Ok(reading)
}

pub fn describe(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("  {:?} {} = {:?}\n", f.status, f.concept, f.matched))
        .collect()
}

#[test]
fn sample_reports_cover_what_real_reports_do() {
    let samples = samples();
    for lang in ["en", "nb"] {
        let ours: Vec<_> = samples.iter().filter(|s| s.lang == lang).collect();
        assert!(ours.len() >= 4, "{lang}: {} sample reports", ours.len());
        let all: String = ours.iter().map(|s| s.text.as_str()).collect();
        // Absent findings, spelling variants, wrapped lines and hyphens must all be exercised.
        let needles: &[&str] = match lang {
            "en" => &[
                "No spinal stenosis",
                "disk",
                "dessication",
                "oedema",
                "-thickness",
            ],
            _ => &[
                "Ingen prolaps",
                "Ingen spinalstenose",
                "spinalkanal-\nstenose",
            ],
        };
        for n in needles {
            assert!(all.contains(n), "{lang} sample reports never say {n:?}");
        }
        for s in &ours {
            assert!(
                s.expected.iter().any(|e| e.1 == "absent")
                    && s.expected.iter().any(|e| e.1 == "present"),
                "{}: expect both present and absent findings",
                s.path.display()
            );
        }
    }
}

#[test]
fn sample_reports_decode_as_expected() {
    let slot = support::slot();
    let mut failures = Vec::new();
    let mut misread_count = 0;
    for sample in samples() {
        let glossary = slot
            .glossary_pack(&sample.lang)
            .expect("slot query")
            .unwrap_or_else(|| panic!("the slot has no {} glossary", sample.lang));
        let decoder = Decoder::new(&glossary);
        assert!(
            decoder.collisions().is_empty(),
            "{} glossary has phrases two concepts share: {:?}",
            sample.lang,
            decoder.collisions()
        );
        let findings = decoder.decode(&sample.text);
        for f in &findings {
            // Spans are what the UI highlights: they must point at the words matched.
            assert_eq!(&sample.text[f.start..f.end], f.matched);
        }
        let name = sample.path.display();
        match corrected_reading(&sample, &findings) {
            Err(problems) => failures.push(format!("{name}:\n  {}", problems.join("\n  "))),
            Ok(reading) if reading != sample.expected => {
                let missing: Vec<_> = sample.expected.difference(&reading).collect();
                let extra: Vec<_> = reading.difference(&sample.expected).collect();
                failures.push(format!(
                    "{name}:\n  expected but not read: {missing:?}\n  read but not expected: \
                     {extra:?}\n  decoder said:\n{}",
                    describe(&findings)
                ));
            }
            Ok(_) => {}
        }
        for m in &sample.misreads {
            misread_count += 1;
            eprintln!(
                "known decoder misread in {name}: {:?} -> {} should be {:?}, decoder says {}: {}",
                m.phrase,
                m.concept,
                m.correct,
                m.decoder.map_or("nothing".to_owned(), |s| format!("{s:?}")),
                m.why
            );
        }
    }
    eprintln!("{misread_count} known decoder misreads (see the expected.json files)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
