use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The language to translate into (nb, ar, pl, ...).
    #[arg(long)]
    lang: String,
    /// File format: `po` (gettext), which Weblate, Crowdin and Pontoon all import. `xliff` is
    /// refused with the reason (Pontoon reads XLIFF 1.2 only, not 2.0).
    #[arg(long, default_value = "po")]
    format: String,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// The file to write; standard output when left out.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    match a.format.as_str() {
        "po" | "gettext" => {}
        "xliff" | "xlf" => anyhow::bail!(
            "use --format po: gettext PO is the one format Weblate, Crowdin and Pontoon all import and export (Pontoon does not read XLIFF 2.0)"
        ),
        f => anyhow::bail!("unknown format `{f}`; use --format po"),
    }
    let (c, _) = scanwise_author::content::load(&a.content);
    let cat = scanwise_author::translate::export(&c, &a.lang)?;
    let text = scanwise_author::po::write(&cat);
    let todo = cat
        .entries
        .iter()
        .filter(|e| e.target.is_empty() || e.fuzzy)
        .count();
    match &a.out {
        Some(p) => {
            std::fs::write(p, text).with_context(|| format!("cannot write {}", p.display()))?;
            eprintln!(
                "wrote {} strings for {} to {} ({todo} to translate or check)",
                cat.entries.len(),
                a.lang,
                p.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
