use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_print::{HandoutSpec, Library, Paper, Subject};

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("subject").required(true).args(["module", "questions"]))]
pub struct Args {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The module to print.
    #[arg(long)]
    module: Option<String>,
    /// Print the appointment-questions checklist instead of a module.
    #[arg(long)]
    questions: bool,
    /// Language (en, nb, ar, pl); the module must be published in it.
    #[arg(long, default_value = "en")]
    lang: String,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: Paper,
    /// Where the web edition is hosted (`clinic.example/scanwise`): the handout then ends with
    /// a QR code and the https link to the same pages online, which any phone opens.
    #[arg(long)]
    base_url: Option<String>,
    /// The PDF to write.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&a.content).with_context(|| {
        format!(
            "cannot build {} (run `scanwise check`)",
            a.content.display()
        )
    })?;
    let subject = match a.module {
        Some(id) => Subject::Module(id),
        None => Subject::Questions,
    };
    let spec = HandoutSpec {
        subject,
        lang: a.lang,
        paper: a.paper,
        base_url: a.base_url,
    };
    let pdf = scanwise_print::handout(&lib, &spec)?;
    std::fs::write(&a.out, &pdf).with_context(|| format!("cannot write {}", a.out.display()))?;
    println!("wrote {} ({} bytes)", a.out.display(), pdf.len());
    if let Some(link) = scanwise_print::handout_link(&spec) {
        println!("its QR code holds {link}");
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

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Cli::try_parse_from(std::iter::once("handout").chain(args.iter().copied())).map(|c| c.args)
    }

    #[test]
    fn exactly_one_subject() {
        assert!(parse(&["--out", "x"]).is_err());
        assert!(parse(&["--module", "radiation", "--questions", "--out", "x"]).is_err());
        let a = parse(&["--questions", "--lang", "pl", "--out", "x"]).unwrap();
        assert!(a.questions && a.module.is_none() && a.lang == "pl");
    }

    #[test]
    fn an_untranslated_module_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("h.pdf");
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
        let args = |module: &str, lang: &str| {
            parse(&[
                "--content",
                content,
                "--module",
                module,
                "--lang",
                lang,
                "--out",
                out.to_str().unwrap(),
            ])
            .unwrap()
        };
        let err = run(args("radiation", "pl")).unwrap_err().to_string();
        assert!(err.contains("not published in `pl`"), "{err}");
        assert!(!out.exists());
        assert_eq!(run(args("radiation", "en")).unwrap(), ExitCode::SUCCESS);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    }
}
