use std::path::PathBuf;
use std::process::ExitCode;

use scanwise_author::{AuthorError, render_all};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output folder: packs/<unit>.<locale>.json and manifest.json.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let (packs, warnings) = match scanwise_author::build_packs(&a.content) {
        Ok(v) => v,
        Err(AuthorError::Check { diagnostics, .. }) => {
            eprint!("{}", render_all(&diagnostics));
            eprintln!("nothing was written to {}", a.out.display());
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    if !warnings.is_empty() {
        eprint!("{}", render_all(&warnings));
    }
    let manifest = scanwise_author::write_packs(&packs, &a.out)?;
    let bytes: u64 = manifest.packs.iter().map(|p| p.length).sum();
    println!(
        "wrote {} packs ({bytes} bytes) and manifest.json to {}",
        manifest.packs.len(),
        a.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
