use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_author::translate::TranslateError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The translated file from the translation platform (gettext .po).
    file: PathBuf,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Date to record in the modules' `[translation]` stamps (YYYY-MM-DD); today by default.
    #[arg(long)]
    date: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let date = a.date.unwrap_or_else(scanwise_author::today);
    anyhow::ensure!(
        scanwise_author::module::is_iso_date(&date),
        "`{date}` is not a YYYY-MM-DD date"
    );
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("cannot read {}", a.file.display()))?;
    let cat = scanwise_author::po::parse(&text)
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.file.display()))?;
    match scanwise_author::translate::import(&a.content, &cat, &date) {
        Ok(r) => {
            for p in &r.written {
                println!("wrote {}", p.display());
            }
            for m in &r.incomplete {
                println!("not written, not fully translated yet: {m}");
            }
            println!(
                "{}: {} string(s) changed, {} file(s) written; run `scanwise check --content {}` next",
                r.lang,
                r.strings_changed,
                r.written.len(),
                a.content.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e @ TranslateError::Stale(_)) => {
            eprintln!("{e}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}
