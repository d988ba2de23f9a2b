use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use scanwise_site::{LinkStyle, SiteOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// The folder to write the site into: absent, empty, or a site this command wrote before
    /// (it is replaced whole).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Link to `index.html` files instead of folders, so the site also works opened straight
    /// from disk (file://) rather than from a web server.
    #[arg(long)]
    file_links: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let Some(packs) = super::checked_packs(&a.content)? else {
        return Ok(ExitCode::from(1));
    };
    let options = SiteOptions {
        link_style: if a.file_links {
            LinkStyle::IndexFile
        } else {
            LinkStyle::Directory
        },
        preview: None,
    };
    let report = scanwise_site::build_site(&packs, &a.out, &options)
        .with_context(|| format!("cannot build the site in {}", a.out.display()))?;
    if !report.skipped_languages.is_empty() {
        eprintln!(
            "left out (no safety module or no UI strings): {}",
            report.skipped_languages.join(", ")
        );
    }
    println!(
        "wrote {}: {} pages, {} files, {} bytes in {} languages ({}); checker: {} states, {} bytes; {:.2} s",
        a.out.display(),
        report.pages,
        report.files,
        report.bytes,
        report.languages.len(),
        report.languages.join(", "),
        report.checker_states(),
        report.checker_bytes(),
        started.elapsed().as_secs_f64(),
    );
    for lang in &report.languages {
        let areas: Vec<String> = report
            .checker
            .iter()
            .filter(|c| &c.lang == lang)
            .map(|c| format!("{} {} ({} merged)", c.area, c.states, c.merged))
            .collect();
        println!("  checker {lang}: {}", areas.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn args(list: &[&str]) -> Args {
        Cli::try_parse_from(std::iter::once("site").chain(list.iter().copied()))
            .unwrap()
            .args
    }

    #[test]
    fn writes_the_site_of_the_shipped_content() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
        let a = args(&[
            "--content",
            content,
            "--out",
            out.to_str().unwrap(),
            "--file-links",
        ]);
        assert_eq!(run(a).unwrap(), ExitCode::SUCCESS);
        let home = std::fs::read_to_string(out.join("en/index.html")).unwrap();
        assert!(home.contains("href=\"m/radiation/index.html\""));
    }

    #[test]
    fn content_with_errors_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let content = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../author/tests/fixtures/invalid"
        );
        let a = args(&["--content", content, "--out", out.to_str().unwrap()]);
        assert_eq!(run(a).unwrap(), ExitCode::from(1));
        assert!(!out.exists());
    }

    #[test]
    fn out_is_required() {
        assert!(Cli::try_parse_from(["site"]).is_err());
    }
}
