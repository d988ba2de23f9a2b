use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use scanwise_channel::layout;
use scanwise_channel::release::ChannelDir;
use scanwise_core::model::Pack;

#[derive(Debug, clap::Args)]
#[command(
    override_usage = "scanwise build --out DIR [--content DIR]\n       scanwise build --channel DIR --key FILE --release-key FILE [--root FILE]"
)]
pub struct Args {
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Required: the folder to write the packs into (packs/*.json and manifest.json).
    /// Only with --channel can it be left out.
    #[arg(long, value_name = "DIR", required_unless_present = "channel")]
    out: Option<PathBuf>,
    /// Publishing only: instead of --out, write a signed release of what changed into a
    /// channel folder (the app's built-in content, or a test channel); needs --key and
    /// --release-key.
    #[arg(long, requires_all = ["keys", "release_key"])]
    channel: Option<PathBuf>,
    /// The root envelope to start a new channel directory with (root/1.root.json).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Channel name.
    #[arg(long, default_value = "stable")]
    channel_name: String,
    /// Editor key file(s); only units in their scope are signed.
    #[arg(long = "key")]
    keys: Vec<PathBuf>,
    /// The release key file that signs the snapshot (with --channel).
    #[arg(long)]
    release_key: Option<PathBuf>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let Some(packs) = super::checked_packs(&a.content)? else {
        return Ok(ExitCode::from(1));
    };
    if let Some(dir) = &a.channel {
        return signed_channel(&a, dir, &packs);
    }
    let out = a
        .out
        .as_ref()
        .expect("clap requires --out without --channel");
    let manifest = scanwise_author::write_packs(&packs, out)?;
    let bytes: u64 = manifest.packs.iter().map(|p| p.length).sum();
    println!(
        "wrote {} packs ({bytes} bytes) and manifest.json to {}",
        manifest.packs.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The same release `publish --to-dir` writes, planned by [`super::publish::plan`].
fn signed_channel(a: &Args, dir: &Path, packs: &[Pack]) -> anyhow::Result<ExitCode> {
    layout::check_channel(&a.channel_name)?;
    let d = ChannelDir::new(dir);
    let first = layout::root_path(&a.channel_name, 1);
    if d.read(&first)?.is_none() {
        let root = a
            .root
            .as_ref()
            .with_context(|| format!("{} has no root yet; pass --root", dir.display()))?;
        d.write(&first, &std::fs::read(root)?)?;
    }
    let root = d.latest_root(&a.channel_name)?.value;
    let current = d.state(&root)?;
    let keys = super::sign::load_keys(&a.keys)?;
    let release_key = super::sign::load_keys(std::slice::from_ref(
        a.release_key.as_ref().expect("clap requires it"),
    ))?;
    let signed = super::publish::plan(&root, &current, packs, &[], &keys)?;
    for s in &signed.skipped {
        eprintln!("  skipped {s}");
    }
    if signed.units.is_empty() {
        println!("{} is up to date", dir.display());
        return Ok(ExitCode::SUCCESS);
    }
    let now = signing_time()?;
    // Refuses (nothing written) when this clock is behind the channel's last timestamp.
    let files = signed.release(&root, &current, &[&release_key[0]], now)?;
    d.write_release(&files)?;
    println!(
        "signed {} unit(s) into snapshot {} (timestamp {}) in {}",
        signed.units.len(),
        files.snapshot_version,
        files.timestamp_version,
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The time a release is signed at: the clock, or SOURCE_DATE_EPOCH to reproduce a build byte
/// for byte (the app's embedded dev seed uses it). A SOURCE_DATE_EPOCH in the future is
/// refused: devices refuse a timestamp issued more than a day ahead of their clock, and one
/// they did accept would hold back every later release.
pub fn signing_time() -> anyhow::Result<i64> {
    let clock = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(clock);
    };
    let epoch: i64 = s
        .trim()
        .parse()
        .context("SOURCE_DATE_EPOCH is not a number")?;
    if epoch > clock + scanwise_channel::limits::MAX_ISSUED_AHEAD {
        anyhow::bail!(
            "SOURCE_DATE_EPOCH ({epoch}) is {} s ahead of this clock ({clock}); refusing to sign",
            epoch - clock
        );
    }
    Ok(epoch)
}
