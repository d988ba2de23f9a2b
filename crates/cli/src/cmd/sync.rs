use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use scanwise_device::fetch::{DirFetcher, for_url};
use scanwise_device::{Device, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Channel base URL: http(s)://host[/prefix] or file:///dir.
    #[arg(long)]
    from: String,
    /// Device data directory (slot-a.db, slot-b.db, sync-state.db; user.db is never opened).
    #[arg(long)]
    data_dir: PathBuf,
    /// The root the app embeds (root/1.root.json of the channel).
    #[arg(long)]
    root: PathBuf,
    /// The seed channel the app embeds, installed first when the device has no content yet.
    #[arg(long)]
    seed: Option<PathBuf>,
    /// Give up on one file after this many seconds.
    #[arg(long, default_value_t = 60)]
    timeout: u64,
    /// Give up on the whole sync (every file) after this many seconds; nothing is changed.
    #[arg(long, default_value_t = 300)]
    deadline: u64,
    /// The device clock to sync at (Unix seconds) instead of this machine's: tests and
    /// rehearsals of a device whose clock is wrong.
    #[arg(long, hide = true)]
    clock: Option<i64>,
}

/// The same verified update path the app runs, headless.
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&a.data_dir)?;
    let root = std::fs::read(&a.root).with_context(|| format!("read {}", a.root.display()))?;
    let device = Device::new(&a.data_dir, &root);
    let now = match a.clock {
        Some(c) => c,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs() as i64,
    };
    if let Some(seed) = &a.seed
        && device.status()?.active_slot.is_none()
    {
        let r = device.install_seed(&DirFetcher::new(seed), now)?;
        eprintln!("seed installed: {:?}", r.outcome);
    }
    let fetcher = for_url(
        &a.from,
        Duration::from_secs(a.timeout),
        Duration::from_secs(a.deadline),
    );
    let r = device.sync(&*fetcher, now)?;
    let outcome = match r.outcome {
        Outcome::UpToDate => serde_json::json!({"outcome": "up_to_date"}),
        Outcome::MetadataOnly => serde_json::json!({"outcome": "metadata_only"}),
        Outcome::Installed {
            slot,
            downloaded,
            unchanged,
            removed,
        } => serde_json::json!({
            "outcome": "installed", "slot": slot.to_string(), "downloaded": downloaded,
            "unchanged": unchanged, "removed": removed
        }),
    };
    println!(
        "{}",
        serde_json::json!({
            "result": outcome, "bytes_fetched": r.bytes_fetched,
            "timestamp_version": r.timestamp_version, "snapshot_version": r.snapshot_version
        })
    );
    Ok(ExitCode::SUCCESS)
}
