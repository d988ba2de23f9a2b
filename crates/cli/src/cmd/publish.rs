use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use scanwise_channel::client::{self, Fetcher};
use scanwise_channel::keys::Keypair;
use scanwise_channel::metadata::Root;
use scanwise_channel::release::{self, ChannelDir, ChannelState, SignedUnit};
use scanwise_channel::{blob, layout};
use scanwise_core::model::Pack;

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
    /// Show what would be published; change nothing.
    #[arg(long)]
    dry_run: bool,
}

/// The changed units of `packs` signed with the keys allowed to sign them, and the units
/// skipped because no given key may sign them (shared with `build --channel`).
pub fn plan(
    root: &Root,
    current: &ChannelState,
    packs: &[Pack],
    keys: &[Keypair],
) -> anyhow::Result<(Vec<SignedUnit>, Vec<String>)> {
    let (mut units, mut skipped) = (Vec::new(), Vec::new());
    for pack in packs {
        let (u, l) = pack.unit();
        let unit = scanwise_device::unit_json(pack);
        let (_, r, _) = blob::encode(&unit.json);
        if current.holds(u, l, &r) {
            continue;
        }
        let allowed = root.editor_keys_for(u, l);
        let scoped: Vec<&Keypair> = keys
            .iter()
            .filter(|k| allowed.contains_key(&k.key_id()))
            .collect();
        if (scoped.len() as u32) < root.unit_threshold(u) {
            skipped.push(format!(
                "{u}/{l}: {} of {} signature(s) in scope",
                scoped.len(),
                root.unit_threshold(u)
            ));
            continue;
        }
        units.push(release::sign_unit(
            root,
            &unit,
            current.next_version(u, l),
            &scoped,
        )?);
    }
    Ok((units, skipped))
}

fn latest_root(f: &dyn Fetcher, channel: &str) -> anyhow::Result<Root> {
    let first = f
        .fetch(
            &layout::root_path(channel, 1),
            scanwise_channel::limits::MAX_ROOT,
        )?
        .with_context(|| format!("channel {channel} has no root"))?;
    let mut root = client::verify_self_signed_root(&first)?;
    while let Some(next) = f.fetch(
        &layout::root_path(channel, root.value.version + 1),
        scanwise_channel::limits::MAX_ROOT,
    )? {
        root = client::verify_next_root(&root.value, &next)?;
    }
    Ok(root.value)
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
            let (units, skipped) = plan(&root, &current, &packs, &keys)?;
            report(&units, &skipped);
            if units.is_empty() || a.dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            let token = match &a.token_file {
                Some(p) => std::fs::read_to_string(p)?.trim().to_owned(),
                None => std::env::var("SCANWISE_TOKEN")
                    .context("--token-file or SCANWISE_TOKEN is required")?,
            };
            let r = scanwise_server::client::publish(server, &a.channel, &token, &units, &[])?;
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
            let (units, skipped) = plan(&root, &current, &packs, &keys)?;
            report(&units, &skipped);
            if units.is_empty() || a.dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            let files =
                release::next_release(&root, &current, &units, &[], &[&release_key[0]], now)?;
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

fn report(units: &[SignedUnit], skipped: &[String]) {
    for u in units {
        let s = &u.statement;
        println!(
            "  {}/{} → version {} ({} bytes)",
            s.unit,
            s.locale,
            s.version,
            u.blob.len()
        );
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
