//! The `scanwise` binary, run as editors and CI run it: exit codes and output on the
//! authoring fixtures in `crates/author/tests/fixtures`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../author/tests/fixtures")
}

fn scanwise(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scanwise"))
        .args(args)
        .output()
        .expect("run scanwise")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn check_valid_exits_zero() {
    let o = scanwise(&["check", path(&fixtures().join("valid"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "0 errors, 0 warnings\n");
}

#[test]
fn check_errors_exit_one_with_rendered_diagnostics() {
    let o = scanwise(&[
        "check",
        path(&fixtures().join("invalid/SW012-unknown-reference")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[SW012]: unknown reference id `cuff2030`"),
        "{out}"
    );
    assert!(out.ends_with("2 errors, 0 warnings\n"), "{out}");
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = fixtures().join("invalid/SW042-worrying-word");
    let o = scanwise(&["check", path(&dir)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("warning[SW042]"));
    let o = scanwise(&["check", "--deny-warnings", path(&dir)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn check_json_is_machine_readable() {
    let o = scanwise(&[
        "check",
        "--json",
        path(&fixtures().join("invalid/SW005-unknown-field")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["code"], "SW005");
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(v[0]["span"]["line"], 8);
}

#[test]
fn missing_content_dir_is_a_diagnostic_not_a_crash() {
    let o = scanwise(&["check", "/definitely/not/here"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[SW008]: content directory not found"));
}

#[test]
fn build_writes_packs_and_manifest() {
    let out = tempfile::tempdir().unwrap();
    let o = scanwise(&[
        "build",
        "--content",
        path(&fixtures().join("valid")),
        "--out",
        path(out.path()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("wrote 10 packs"), "{}", stdout(&o));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["packs"].as_array().unwrap().len(), 10);
    assert!(
        out.path()
            .join("packs/when-a-scan-is-needed.nb.json")
            .exists()
    );
}

#[test]
fn build_with_errors_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("out");
    let o = scanwise(&[
        "build",
        "--content",
        path(&fixtures().join("invalid/SW021-event-handler")),
        "--out",
        path(&target),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[SW021]"), "{}", stderr(&o));
    assert!(!target.exists());
}

#[test]
fn status_prints_the_table_and_hashes() {
    let o = scanwise(&[
        "status",
        "--hashes",
        path(&fixtures().join("invalid/SW032-stale-translation")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let nb = out.lines().find(|l| l.starts_with("nb ")).unwrap();
    let cols: Vec<&str> = nb.split_whitespace().collect();
    // lang complete stale incomplete missing fallback ...
    assert_eq!(&cols[..6], ["nb", "0", "1", "0", "1", "1"], "{out}");
    assert!(out.contains("  radiation\n"), "{out}");
    assert!(out.contains("1 warning(s)"), "{out}");

    let o = scanwise(&["status", "--json", path(&fixtures().join("valid"))]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["modules"], 2);
    assert_eq!(v["languages"][1]["lang"], "nb");
    assert_eq!(v["languages"][1]["complete"], 1);
    assert_eq!(v["languages"][1]["missing"], 1);
}

#[test]
fn stamp_makes_a_stale_translation_current() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixtures().join("invalid/SW032-stale-translation");
    copy(&src, dir.path());
    assert_eq!(
        scanwise(&["check", "--deny-warnings", path(dir.path())])
            .status
            .code(),
        Some(1)
    );
    let nb = dir.path().join("modules/when-a-scan-is-needed/nb.md");
    let o = scanwise(&["stamp", "--date", "2026-12-24", path(&nb)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&nb)
            .unwrap()
            .contains("translated_on = \"2026-12-24\"")
    );
    assert_eq!(
        scanwise(&["check", "--deny-warnings", path(dir.path())])
            .status
            .code(),
        Some(0)
    );
    // The source itself cannot be stamped; a bad date is refused.
    let en = dir.path().join("modules/when-a-scan-is-needed/en.md");
    assert_eq!(scanwise(&["stamp", path(&en)]).status.code(), Some(2));
    assert_eq!(
        scanwise(&["stamp", "--date", "24.12.2026", path(&nb)])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn decode_prints_findings_as_json() {
    let content = fixtures().join("valid");
    let report = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        report.path(),
        // No level or heading names an area, so both areas' words are read (a spine level
        // would make this a spine report, and a meniscus is then not explained).
        "Broad-based disc bulge. No meniscal tear.",
    )
    .unwrap();
    // A table by default.
    let o = scanwise(&[
        "decode",
        "--lang",
        "en",
        "--content",
        path(&content),
        path(report.path()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&table).is_err(),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("disc-bulge") && l.contains("present")),
        "{table}"
    );
    // JSON with --json: the whole reading (language, area, findings).
    let o = scanwise(&[
        "decode",
        "--json",
        "--lang",
        "en",
        "--content",
        path(&content),
        path(report.path()),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["lang"], "en");
    let v = json["findings"].clone();
    let found: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["concept"].as_str().unwrap().to_string(),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("disc-bulge".into(), "present".into())),
        "{v}"
    );
    assert!(
        found.contains(&("meniscal-tear".into(), "absent".into())),
        "{v}"
    );
    let f = &v[0];
    for key in ["concept", "matched", "start", "end", "status"] {
        assert!(f.get(key).is_some(), "{f}");
    }
    // Unknown language: a clear error, exit 2.
    let o = scanwise(&[
        "decode",
        "--lang",
        "xx",
        "--content",
        path(&content),
        path(report.path()),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no glossary for language `xx`"));
}

#[test]
fn decode_reads_stdin() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_scanwise"))
        .args([
            "decode",
            "--json",
            "--lang",
            "nb",
            "--content",
            path(&fixtures().join("valid")),
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Skiveutbuling L5/S1.".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["concept"], "disc-bulge");
}

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn check_accepts_a_file_inside_the_content_folder() {
    let dir = fixtures().join("invalid/SW080-number-mismatch");
    let nb = dir.join("modules/when-a-scan-is-needed/nb.md");
    let o = scanwise(&["check", path(&nb)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("error[SW080]"), "{out}");
    assert!(out.contains("2 errors, 0 warnings"), "{out}");
    // Another file of the same tree has no problems of its own.
    let en = dir.join("modules/radiation/en.md");
    let o = scanwise(&["check", path(&en)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("0 errors, 0 warnings\n"));
    // --content names the folder the same way as build, decode and status.
    let o = scanwise(&["check", "--content", path(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    let o = scanwise(&["status", "--content", path(&fixtures().join("valid"))]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("nb: what to do next"), "{}", stdout(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = scanwise(&["status", path(&fixtures().join("valid"))]);
    assert!(stderr(&o).contains("deprecated"), "{}", stderr(&o));
}

#[test]
fn help_groups_commands_and_build_says_out_is_required() {
    let o = scanwise(&["--help"]);
    let out = stdout(&o);
    let editing = out.find("Editing and translating:").expect("editing group");
    let publishing = out.find("Publishing").expect("publishing group");
    assert!(editing < publishing, "{out}");
    for c in ["check", "status", "stamp", "decode"] {
        let at = out
            .find(&format!("\n  {c} "))
            .unwrap_or_else(|| panic!("{c}: {out}"));
        assert!(
            at > editing && at < publishing,
            "{c} not under editing: {out}"
        );
    }
    for c in [
        "build", "keygen", "sign", "publish", "sync", "poster", "handout",
    ] {
        let at = out
            .find(&format!("\n  {c} "))
            .unwrap_or_else(|| panic!("{c}: {out}"));
        assert!(at > publishing, "{c} not under publishing: {out}");
    }
    let o = scanwise(&["build", "--help"]);
    let out = stdout(&o);
    assert!(out.contains("Usage: scanwise build --out DIR"), "{out}");
    assert!(
        out.contains("Required: the folder to write the packs into"),
        "{out}"
    );
}

#[test]
fn export_and_import_a_po_file() {
    let dir = tempfile::tempdir().unwrap();
    copy(&fixtures().join("valid"), dir.path());
    // Outside the content folder: a .po file inside it is reported as not a content file.
    let work = tempfile::tempdir().unwrap();
    let po = work.path().join("nb.po");
    let o = scanwise(&[
        "export",
        "--lang",
        "nb",
        "--content",
        path(dir.path()),
        "--out",
        path(&po),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&po).unwrap();
    assert!(
        text.contains("msgctxt \"module:when-a-scan-is-needed:key-point:1\""),
        "{text}"
    );
    assert!(
        text.contains("msgstr \"Noen tegn betyr at du må få hjelp nå.\""),
        "{text}"
    );
    let edited = text.replace(
        "msgstr \"Noen tegn betyr at du må få hjelp nå.\"",
        "msgstr \"Noen tegn betyr at du trenger hjelp nå.\"",
    );
    std::fs::write(&po, edited).unwrap();
    let o = scanwise(&[
        "import",
        path(&po),
        "--content",
        path(dir.path()),
        "--date",
        "2026-12-24",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 string(s) changed"), "{}", stdout(&o));
    let nb =
        std::fs::read_to_string(dir.path().join("modules/when-a-scan-is-needed/nb.md")).unwrap();
    assert!(
        nb.contains("\"Noen tegn betyr at du trenger hjelp nå.\""),
        "{nb}"
    );
    assert!(nb.contains("translated_on = \"2026-12-24\""), "{nb}");
    let o = scanwise(&["check", "--deny-warnings", "--content", path(dir.path())]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // XLIFF is refused with the reason.
    let o = scanwise(&[
        "export",
        "--lang",
        "nb",
        "--format",
        "xliff",
        "--content",
        path(dir.path()),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Pontoon"), "{}", stderr(&o));
}

/// The web edition from a published release: built through the device's verified sync, so a
/// release that does not verify (one changed byte in a pack) writes no site at all.
#[test]
fn site_from_a_channel_builds_only_what_verifies() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let keys = repo.join("keys/dev");
    let dir = tempfile::tempdir().unwrap();
    let channel = dir.path().join("channel");
    let o = scanwise(&[
        "build",
        "--content",
        path(&repo.join("content")),
        "--channel",
        path(&channel),
        "--key",
        path(&keys.join("editor.json")),
        "--release-key",
        path(&keys.join("release.json")),
        "--root",
        path(&keys.join("1.root.json")),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from = format!("file://{}", channel.display());
    let root = keys.join("1.root.json");
    let out = dir.path().join("site");
    let o = scanwise(&[
        "site",
        "--from",
        &from,
        "--root",
        path(&root),
        "--out",
        path(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.join("nb/m/radiation/index.html")).unwrap();
    assert!(page.contains("data-module=\"radiation\""));

    // One byte changed in one pack blob: the release no longer verifies; nothing is written.
    let blob = walk(&channel.join("blobs"))
        .into_iter()
        .find(|p| p.is_file())
        .expect("the channel has blobs");
    let mut bytes = std::fs::read(&blob).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&blob, bytes).unwrap();
    let out2 = dir.path().join("site2");
    let o = scanwise(&[
        "site",
        "--from",
        &from,
        "--root",
        path(&root),
        "--out",
        path(&out2),
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("did not verify"), "{}", stderr(&o));
    assert!(!out2.exists());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out.sort();
    out
}
