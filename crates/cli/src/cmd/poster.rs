use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_print::{Library, Paper, PosterSpec, Tool};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Module ids, comma-separated, in the order they should open.
    #[arg(long, value_delimiter = ',', required_unless_present = "open")]
    modules: Vec<String>,
    /// Poster languages, comma-separated (en, nb, ar, pl); one to four.
    #[arg(long, value_delimiter = ',', default_value = "en")]
    lang: Vec<String>,
    /// The clinic's name, printed at the top.
    #[arg(long)]
    clinic: String,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: Paper,
    /// Where the web edition (`scanwise site`) is hosted (`clinic.example/scanwise`): the QR
    /// code then holds an https link that opens the pages in any phone browser, app or not.
    /// Without it, a scanwise:// link that only opens where the app is installed.
    #[arg(long)]
    base_url: Option<String>,
    /// Open a tool first: checker or questions.
    #[arg(long, value_parser = parse_tool)]
    open: Option<Tool>,
    /// The PDF to write.
    #[arg(long)]
    out: PathBuf,
}

fn parse_tool(s: &str) -> Result<Tool, String> {
    match s {
        "checker" => Ok(Tool::Checker),
        "questions" => Ok(Tool::Questions),
        _ => Err("use checker or questions".into()),
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&a.content).with_context(|| {
        format!(
            "cannot build {} (run `scanwise check`)",
            a.content.display()
        )
    })?;
    let spec = PosterSpec {
        modules: a.modules,
        open: a.open,
        langs: a.lang,
        clinic: a.clinic,
        paper: a.paper,
        base_url: a.base_url,
    };
    if spec.base_url.is_none() {
        eprintln!(
            "note: without --base-url the QR code opens only where the ScanWise app is installed"
        );
    }
    let poster = scanwise_print::poster(&lib, &spec)?;
    std::fs::write(&a.out, &poster.pdf)
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    println!(
        "wrote {} ({} bytes); QR link: {}",
        a.out.display(),
        poster.pdf.len(),
        poster.link
    );
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

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Cli::try_parse_from(std::iter::once("poster").chain(args.iter().copied())).map(|c| c.args)
    }

    #[test]
    fn lists_paper_and_tool_parse() {
        let a = parse(&[
            "--modules",
            "radiation,do-i-need-a-scan",
            "--lang",
            "en,ar",
            "--clinic",
            "X",
            "--paper",
            "letter",
            "--open",
            "questions",
            "--out",
            "x.pdf",
        ])
        .unwrap();
        assert_eq!(a.modules, ["radiation", "do-i-need-a-scan"]);
        assert_eq!(a.lang, ["en", "ar"]);
        assert_eq!(a.paper, Paper::Letter);
        assert_eq!(a.open, Some(Tool::Questions));
        assert!(
            parse(&[
                "--modules",
                "a",
                "--clinic",
                "X",
                "--paper",
                "a3",
                "--out",
                "x"
            ])
            .is_err()
        );
        assert!(
            parse(&[
                "--modules",
                "a",
                "--clinic",
                "X",
                "--open",
                "home",
                "--out",
                "x"
            ])
            .is_err()
        );
        // Modules may be left out only when a tool is opened.
        assert!(parse(&["--clinic", "X", "--out", "x"]).is_err());
        assert!(parse(&["--clinic", "X", "--open", "checker", "--out", "x"]).is_ok());
    }

    #[test]
    fn writes_a_pdf_from_the_repository_content() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("poster.pdf");
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
        let a = parse(&[
            "--content",
            content,
            "--modules",
            "when-a-scan-is-needed",
            "--lang",
            "nb",
            "--clinic",
            "Test",
            "--base-url",
            "clinic.example",
            "--out",
            out.to_str().unwrap(),
        ])
        .unwrap();
        assert_eq!(run(a).unwrap(), ExitCode::SUCCESS);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    }
}
