use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(default_value = "content")]
    dir: PathBuf,
    /// Also print each source module's content hash (what translations record).
    #[arg(long)]
    hashes: bool,
    /// Print the report as JSON (languages, counts, hashes) instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let (report, diags) = scanwise_author::status(&a.dir);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", report.render(a.hashes));
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if !diags.is_empty() {
        println!(
            "\n{errors} error(s), {} warning(s): run `scanwise check {}` for details",
            diags.len() - errors,
            a.dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
