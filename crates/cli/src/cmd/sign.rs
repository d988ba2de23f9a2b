use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_channel::keys::Keypair;
use scanwise_channel::metadata::Root;
use scanwise_channel::{envelope, release};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Key file(s) to sign with (from `scanwise keygen`).
    #[arg(long = "key", required = true)]
    keys: Vec<PathBuf>,
    /// Sign a root document (plain JSON, see docs/channel.md) and write the envelope to --out.
    #[arg(long, requires = "out")]
    root: Option<PathBuf>,
    #[arg(long)]
    out: Option<PathBuf>,
    /// Envelopes to add signatures to, in place (a second root key holder, or the clinical
    /// reviewer co-signing a module statement).
    envelopes: Vec<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let keys = load_keys(&a.keys)?;
    let refs: Vec<&Keypair> = keys.iter().collect();
    if let (Some(root), Some(out)) = (&a.root, &a.out) {
        let doc: Root = serde_json::from_slice(&std::fs::read(root)?)
            .with_context(|| format!("{} is not a root document", root.display()))?;
        std::fs::write(out, release::sign_root(&doc, &refs)?)?;
        println!("signed root version {} → {}", doc.version, out.display());
    }
    for path in &a.envelopes {
        let signed = envelope::add_signatures(&std::fs::read(path)?, &refs)
            .with_context(|| format!("{}", path.display()))?;
        std::fs::write(path, signed)?;
        println!("signed {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn load_keys(paths: &[PathBuf]) -> anyhow::Result<Vec<Keypair>> {
    paths
        .iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("read {}", p.display()))?;
            Keypair::from_json(&text).with_context(|| format!("{} is not a key file", p.display()))
        })
        .collect()
}
