use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use scanwise_channel::keys::Keypair;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the new key file (JSON with the secret key; keep it private).
    #[arg(long)]
    out: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

/// Generate an Ed25519 key; prints its key id and public key for the root document.
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if a.out.exists() && !a.force {
        bail!("{} exists; pass --force to replace it", a.out.display());
    }
    let key = Keypair::generate()?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(&a.out)
        .with_context(|| format!("create {}", a.out.display()))?;
    f.write_all(key.to_json().as_bytes())?;
    f.sync_all()?;
    println!(
        "{}",
        serde_json::json!({"key_id": key.key_id(), "public": key.public(), "file": a.out})
    );
    Ok(ExitCode::SUCCESS)
}
