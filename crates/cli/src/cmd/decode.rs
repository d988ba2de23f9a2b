//! `scanwise decode`: read a report the way the app does (the same core entry point and the
//! same language chain) and print a table, or JSON with `--json`.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_core::decoder::{Decoded, Decoder, FindingStatus, decode_with_chain};
use scanwise_core::model::ConceptArea;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language chain of the report, best first (`--lang nb --lang en`, or `--lang nb,en`):
    /// the glossary that recognises most is used, as in the app.
    #[arg(long, required = true, value_delimiter = ',')]
    lang: Vec<String>,
    /// Body area when the report's heading names none (spine, knee, shoulder).
    #[arg(long, value_parser = parse_area)]
    area: Option<ConceptArea>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Report text file; `-` reads standard input.
    file: PathBuf,
}

fn parse_area(s: &str) -> Result<ConceptArea, String> {
    serde_json::from_value(serde_json::Value::String(s.to_ascii_lowercase()))
        .map_err(|_| format!("unknown area `{s}` (spine, knee, shoulder)"))
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let text = if a.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read standard input")?;
        s
    } else {
        std::fs::read_to_string(&a.file)
            .with_context(|| format!("cannot read {}", a.file.display()))?
    };
    let mut decoders = Vec::new();
    for lang in &a.lang {
        match scanwise_author::glossary_pack(&a.content, lang) {
            Ok(g) => decoders.push(Decoder::new(&g)),
            // A chain may name languages without a glossary, as the app's does.
            Err(scanwise_author::AuthorError::NoGlossary(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let decoded = decode_with_chain(&decoders, &text, a.area)
        .with_context(|| format!("no glossary for language `{}`", a.lang.join("`, `")))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&decoded)?);
    } else {
        print!("{}", table(&decoded));
    }
    Ok(ExitCode::SUCCESS)
}

/// Serious findings first, then what was found, then what the report says is not there.
fn table(d: &Decoded) -> String {
    let area = d
        .area
        .map_or("unclear".to_string(), |a| format!("{a:?}").to_lowercase());
    let mut out = format!(
        "glossary: {}   area: {area} ({:?})\n",
        d.lang, d.area_source
    )
    .to_lowercase();
    let rows: Vec<[String; 4]> = d
        .findings
        .iter()
        .map(|f| {
            let status = match f.status {
                FindingStatus::Present => "present",
                FindingStatus::Absent => "not found",
            };
            let class = if f.class.is_serious() && f.status == FindingStatus::Present {
                "TALK SOON"
            } else {
                ""
            };
            [
                class.to_string(),
                status.to_string(),
                f.concept.clone(),
                f.matched.split_whitespace().collect::<Vec<_>>().join(" "),
            ]
        })
        .collect();
    let mut sorted: Vec<&[String; 4]> = rows.iter().collect();
    sorted.sort_by_key(|r| (r[0].is_empty(), r[1] != "present"));
    let head = ["", "status", "concept", "report words"].map(String::from);
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            std::iter::once(&head)
                .chain(sorted.iter().copied())
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in std::iter::once(&head).chain(sorted.iter().copied()) {
        let line: Vec<String> = (0..4)
            .map(|c| format!("{:<w$}", r[c], w = widths[c]))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    if d.findings.is_empty() {
        out.push_str("(no glossary words found)\n");
    }
    if d.urgent() {
        out.push_str("the report says urgent: show the region's emergency numbers\n");
    }
    out
}
