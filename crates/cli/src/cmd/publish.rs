use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use scanwise_channel::client::Fetcher;
use scanwise_channel::keys::Keypair;
use scanwise_channel::layout;
use scanwise_channel::limits::MAX_ROOT;
use scanwise_channel::metadata::Root;
use scanwise_channel::release::{self, ChannelDir, ChannelState, Request, Signed};
use scanwise_channel::roots;
use scanwise_core::model::Pack;
use scanwise_device::codec;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Channel name.
    #[arg(long, default_value = "stable")]
    channel: String,
    /// Editor key file(s). Only units inside a key's scope are signed; both keys are needed
    /// at once for units that require two signatures (author + clinical reviewer).
    #[arg(long = "key", required = true)]
    keys: Vec<PathBuf>,
    /// Publish to a scanwise-server; the bearer token comes from --token-file or SCANWISE_TOKEN.
    #[arg(long, conflicts_with = "to_dir")]
    server: Option<String>,
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// Or write the release into a static channel directory, signed with --release-key.
    #[arg(long, requires = "release_key")]
    to_dir: Option<PathBuf>,
    #[arg(long)]
    release_key: Option<PathBuf>,
    /// Remove a unit from one language (`UNIT/LOCALE`, repeatable). A removal is a statement
    /// signed like a publish: it needs the unit's editor threshold (two keys for the safety
    /// module), and the safety module is never removed while its language ships other units.
    #[arg(long = "remove", value_name = "UNIT/LOCALE")]
    remove: Vec<String>,
    /// Show what would be published; change nothing.
    #[arg(long)]
    dry_run: bool,
}

/// The release of `packs` and `remove` (`UNIT/LOCALE`) against the channel's current state,
/// planned by [`release::plan`] and signed with the keys in scope (shared with
/// `build --channel`): changed packs are signed or skipped (keys short of the unit's
/// threshold), a removal short of it or of a unit not live is refused, and the safety module
/// is never removed while its language ships other units.
pub fn plan(
    root: &Root,
    current: &ChannelState,
    packs: &[Pack],
    remove: &[String],
    keys: &[Keypair],
) -> anyhow::Result<Signed> {
    let remove = remove
        .iter()
        .map(|r| {
            r.split_once('/')
                .map(|(u, l)| (u.to_owned(), l.to_owned()))
                .with_context(|| format!("--remove {r:?}: expected UNIT/LOCALE"))
        })
        .collect::<anyhow::Result<_>>()?;
    let request = Request {
        packs: packs.iter().map(codec::unit_json).collect(),
        remove,
        ..Request::default()
    };
    let keys: Vec<&Keypair> = keys.iter().collect();
    Ok(release::plan(current, request)?.sign(root, current, &keys)?)
}

/// The newest root of the channel at `f`, walked from root 1.
fn latest_root(f: &dyn Fetcher, channel: &str) -> anyhow::Result<Root> {
    match roots::latest(channel, |p| Ok(f.fetch(p, MAX_ROOT)?)) {
        Ok(root) => Ok(root.value),
        Err(scanwise_channel::Error::Missing { .. }) => bail!("channel {channel} has no root"),
        Err(e) => Err(e.into()),
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    layout::check_channel(&a.channel)?;
    let keys = super::sign::load_keys(&a.keys)?;
    let packs = match scanwise_author::build_packs(&a.content) {
        Ok((packs, _)) => packs,
        Err(scanwise_author::AuthorError::Check { diagnostics, .. }) => {
            eprint!("{}", scanwise_author::render_all(&diagnostics));
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    match (&a.server, &a.to_dir) {
        (Some(server), None) => {
            let http = scanwise_device::fetch::HttpFetcher::new(server, Duration::from_secs(60));
            let root = latest_root(&http, &a.channel)?;
            let current = ChannelState::read(&root, |p| {
                Ok(http.fetch(p, scanwise_channel::limits::MAX_BLOB)?)
            })?;
            let signed = plan(&root, &current, &packs, &a.remove, &keys)?;
            report(&signed);
            if signed.units.is_empty() || a.dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            let token = match &a.token_file {
                Some(p) => std::fs::read_to_string(p)?.trim().to_owned(),
                None => std::env::var("SCANWISE_TOKEN")
                    .context("--token-file or SCANWISE_TOKEN is required")?,
            };
            let r =
                scanwise_publish_client::publish(server, &a.channel, &token, &signed.units, &[])?;
            println!(
                "published snapshot {} (timestamp {})",
                r.snapshot_version, r.timestamp_version
            );
        }
        (None, Some(dir)) => {
            let release_key = super::sign::load_keys(std::slice::from_ref(
                a.release_key.as_ref().expect("clap requires it"),
            ))?;
            let d = ChannelDir::new(dir);
            let root = d.latest_root(&a.channel)?.value;
            let current = d.state(&root)?;
            let signed = plan(&root, &current, &packs, &a.remove, &keys)?;
            report(&signed);
            if signed.units.is_empty() || a.dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            // Refuses (nothing written) when this clock is behind the channel's last timestamp.
            let files = signed.release(&root, &current, &[&release_key[0]], now)?;
            d.write_release(&files)?;
            println!(
                "wrote snapshot {} (timestamp {}) to {}",
                files.snapshot_version,
                files.timestamp_version,
                dir.display()
            );
        }
        _ => bail!("give --server URL or --to-dir DIR"),
    }
    Ok(ExitCode::SUCCESS)
}

fn report(signed: &Signed) {
    let (units, skipped) = (&signed.units, &signed.skipped);
    for u in units {
        let s = &u.statement;
        if s.is_removal() {
            println!(
                "  {}/{} → removed at version {}",
                s.unit, s.locale, s.version
            );
        } else {
            println!(
                "  {}/{} → version {} ({} bytes)",
                s.unit,
                s.locale,
                s.version,
                u.blob.len()
            );
        }
    }
    for s in skipped {
        eprintln!("  skipped {s}");
    }
    println!(
        "{} unit(s) to publish, {} skipped",
        units.len(),
        skipped.len()
    );
}
