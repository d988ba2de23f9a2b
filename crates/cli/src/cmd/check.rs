use std::path::PathBuf;
use std::process::ExitCode;

use scanwise_author::render_all;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(default_value = "content")]
    dir: PathBuf,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Print diagnostics as a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let (_, diags) = scanwise_author::check(&a.dir);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&diags)?);
    } else {
        print!("{}", render_all(&diags));
    }
    let errors = diags.iter().any(|d| d.is_error());
    let fail = errors || (a.deny_warnings && !diags.is_empty());
    Ok(if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
