//! `scanwise decode` end to end: the real binary, the real content folder, one sample report.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use scanwise_core::decoder::Finding;

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
            "--lang",
            "en",
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
    let findings: Vec<Finding> = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not a JSON list of findings ({e}):\n{stdout}"));
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
