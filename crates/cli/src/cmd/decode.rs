use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_core::decoder::Decoder;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the report (its glossary is used).
    #[arg(long)]
    lang: String,
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Report text file; `-` reads standard input.
    file: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let text = if a.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("cannot read standard input")?;
        s
    } else {
        std::fs::read_to_string(&a.file)
            .with_context(|| format!("cannot read {}", a.file.display()))?
    };
    let glossary = scanwise_author::glossary_pack(&a.content, &a.lang)?;
    let findings = Decoder::new(&glossary).decode(&text);
    println!("{}", serde_json::to_string_pretty(&findings)?);
    Ok(ExitCode::SUCCESS)
}
