//! `scanwise decode` end to end: the real binary, the real content folder, one sample report.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use scanwise_core::decoder::{Decoded, Finding};

use crate::decoder;
use crate::support;

#[test]
fn scanwise_decode_prints_the_expected_findings_as_json() {
    let report =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/en/lumbar-mri-degenerative.txt");
    let sample = decoder::load(&report);
    // `cargo run` builds the binary if this test run has not (a bin is no dev-dependency).
    let out = Command::new(env!("CARGO"))
        .current_dir(support::root())
        .args([
            "run",
            "-q",
            "-p",
            "scanwise-cli",
            "--",
            "decode",
            "--json",
            // The app's chain: a Norwegian patient pasting an English report.
            "--lang",
            "nb,en",
        ])
        .arg("--content")
        .arg(support::content_dir())
        .arg(&report)
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "scanwise decode failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let decoded: Decoded = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not a decoded report ({e}):\n{stdout}"));
    assert_eq!(
        decoded.lang, "en",
        "the glossary that recognises most reads it"
    );
    let findings = decoded.findings;
    let reading = decoder::corrected_reading(&sample, &findings)
        .unwrap_or_else(|p| panic!("{}", p.join("\n")));
    assert_eq!(
        reading,
        sample.expected,
        "the CLI decoded:\n{}",
        decoder::describe(&findings)
    );
    // The JSON carries spans into the file as it was read.
    for f in &findings {
        assert_eq!(&sample.text[f.start..f.end], f.matched);
    }
    let absent: BTreeSet<&str> = findings
        .iter()
        .filter(|f| f.status == scanwise_core::decoder::FindingStatus::Absent)
        .map(|f| f.concept.as_str())
        .collect();
    assert!(
        absent.contains("spinal-stenosis"),
        "\"No spinal stenosis\" read as absent"
    );
}

#[test]
fn scanwise_decode_reads_a_norwegian_report_from_standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let report = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/nb/lumbal-mr-isjias.txt");
    let sample = decoder::load(&report);
    let mut child = Command::new(env!("CARGO"))
        .current_dir(support::root())
        .args([
            "run",
            "-q",
            "-p",
            "scanwise-cli",
            "--",
            "decode",
            "--json",
            "--lang",
            "nb",
        ])
        .arg("--content")
        .arg(support::content_dir())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(sample.text.as_bytes())
        .expect("report written to stdin");
    let out = child.wait_with_output().expect("scanwise decode ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoded: Decoded = serde_json::from_slice(&out.stdout).expect("JSON report");
    let findings: Vec<Finding> = decoded.findings;
    let reading = decoder::corrected_reading(&sample, &findings)
        .unwrap_or_else(|p| panic!("{}", p.join("\n")));
    assert_eq!(reading, sample.expected, "{}", decoder::describe(&findings));
}

#[test]
fn scanwise_decode_prints_a_table_with_serious_findings_first() {
    use std::io::Write;
    use std::process::Stdio;
    let text = "MRI LUMBAR SPINE\n\nDisc bulge at L4/5. Lesion suspicious for metastasis in L2.\n\
                No fracture.\n";
    let mut child = Command::new(env!("CARGO"))
        .current_dir(support::root())
        .args([
            "run",
            "-q",
            "-p",
            "scanwise-cli",
            "--",
            "decode",
            "--lang",
            "en",
        ])
        .arg("--content")
        .arg(support::content_dir())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("report written");
    let out = child.wait_with_output().expect("scanwise decode ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].contains("area: spine (heading)"), "{table}");
    let row = |concept: &str| {
        lines
            .iter()
            .position(|l| l.split_whitespace().any(|w| w == concept))
            .unwrap_or_else(|| panic!("no row for {concept}:\n{table}"))
    };
    assert!(row("suspicious-lesion") < row("disc-bulge"), "{table}");
    assert!(lines[row("metastasis")].starts_with("TALK SOON"), "{table}");
    assert!(lines[row("fracture")].contains("not found"), "{table}");
    assert!(!table.trim_start().starts_with('{'), "a table, not JSON");
}
