use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Deprecated: the content folder as a plain argument; use --content DIR.
    #[arg(hide = true, conflicts_with = "content")]
    dir: Option<PathBuf>,
    /// Also print each English module's content hash (what translations record).
    #[arg(long)]
    hashes: bool,
    /// Print the report as JSON (per language: counts, and what to do next with the English
    /// that changed) instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let dir = match a.dir {
        Some(d) => {
            eprintln!(
                "note: `scanwise status DIR` is deprecated; write `scanwise status --content {}`",
                d.display()
            );
            d
        }
        None => a.content,
    };
    let (report, diags) = scanwise_author::status(&dir);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", report.render(a.hashes));
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if !diags.is_empty() {
        println!(
            "\n{errors} error(s), {} warning(s): run `scanwise check --content {}` for details",
            diags.len() - errors,
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
