use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The translation to stamp: DIR/modules/ID/LANG.md.
    #[arg(required_unless_present = "keep_current")]
    file: Option<PathBuf>,
    /// Instead: keep the English of every up-to-date translation in DIR/stamped/ (for
    /// translations stamped before copies were kept), so `status` can show what changes later.
    #[arg(long, conflicts_with = "file")]
    keep_current: bool,
    /// The content folder (with --keep-current).
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Date to record (YYYY-MM-DD); today (UTC) by default.
    #[arg(long)]
    date: Option<String>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let Some(file) = a.file else {
        let written = scanwise_author::stamped::keep_current(&a.content)
            .with_context(|| format!("cannot write under {}", a.content.display()))?;
        for p in &written {
            println!("kept {}", p.display());
        }
        println!("{} new cop(ies) of the English kept", written.len());
        return Ok(ExitCode::SUCCESS);
    };
    let date = a.date.unwrap_or_else(scanwise_author::today);
    anyhow::ensure!(
        scanwise_author::module::is_iso_date(&date),
        "`{date}` is not a YYYY-MM-DD date"
    );
    match scanwise_author::stamp(&file, &date) {
        Ok(hash) => {
            println!(
                "stamped {}: source_hash = {hash}, translated_on = {date}",
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(scanwise_author::AuthorError::Check { diagnostics, .. }) => {
            eprint!("{}", scanwise_author::render_all(&diagnostics));
            eprintln!("the English source must parse before its translations can be stamped");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e).with_context(|| format!("cannot stamp {}", file.display())),
    }
}
