use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The translation to stamp: DIR/modules/ID/LANG.md.
    file: PathBuf,
    /// Date to record (YYYY-MM-DD); today (UTC) by default.
    #[arg(long)]
    date: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let date = a.date.unwrap_or_else(scanwise_author::today);
    anyhow::ensure!(
        scanwise_author::module::is_iso_date(&date),
        "`{date}` is not a YYYY-MM-DD date"
    );
    match scanwise_author::stamp(&a.file, &date) {
        Ok(hash) => {
            println!(
                "stamped {}: source_hash = {hash}, translated_on = {date}",
                a.file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(scanwise_author::AuthorError::Check { diagnostics, .. }) => {
            eprint!("{}", scanwise_author::render_all(&diagnostics));
            eprintln!("the English source must parse before its translations can be stamped");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e).with_context(|| format!("cannot stamp {}", a.file.display())),
    }
}
