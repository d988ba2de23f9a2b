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
    /// Remove a unit from one language (`UNIT/LOCALE`, repeatable). A removal is a statement
    /// signed like a publish: it needs the unit's editor threshold (two keys for the safety
    /// module), and the safety module is never removed while its language ships other units.
    #[arg(long = "remove", value_name = "UNIT/LOCALE")]
    remove: Vec<String>,
    /// Show what would be published; change nothing.
    #[arg(long)]
    dry_run: bool,
}

/// Removal statements for `remove` (`UNIT/LOCALE`), signed with the keys in scope; refused
/// when the keys in scope do not meet the unit's threshold or the unit is not live.
pub fn plan_removals(
    root: &Root,
    current: &ChannelState,
    remove: &[String],
    keys: &[Keypair],
) -> anyhow::Result<Vec<SignedUnit>> {
    let mut out = Vec::new();
    let mut pairs = Vec::new();
    for r in remove {
        let (u, l) = r
            .split_once('/')
            .with_context(|| format!("--remove {r:?}: expected UNIT/LOCALE"))?;
        layout::check_unit(u)?;
        layout::check_locale(l)?;
        if !current.is_live(u, l) {
            bail!("{u}/{l} is not published, so it cannot be removed");
        }
        let scoped = keys_in_scope(root, u, l, keys);
        if (scoped.len() as u32) < root.unit_threshold(u) {
            bail!(
                "removing {u}/{l} needs {} editor signature(s) in scope; {} given",
                root.unit_threshold(u),
                scoped.len()
            );
        }
        out.push(release::sign_removal(
            root,
            u,
            l,
            current.next_version(u, l)?,
            &scoped,
        )?);
        pairs.push((u.to_owned(), l.to_owned()));
    }
    scanwise_server::check_safety_removal(current, &pairs)?;
    Ok(out)
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
        let scoped = keys_in_scope(root, u, l, keys);
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
            current.next_version(u, l)?,
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
        &layout::root_path(
            channel,
            scanwise_channel::next_version("root", root.value.version)?,
        ),
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
            let (mut units, skipped) = plan(&root, &current, &packs, &keys)?;
            units.extend(plan_removals(&root, &current, &a.remove, &keys)?);
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
            let (mut units, skipped) = plan(&root, &current, &packs, &keys)?;
            units.extend(plan_removals(&root, &current, &a.remove, &keys)?);
            report(&units, &skipped);
            if units.is_empty() || a.dry_run {
                return Ok(ExitCode::SUCCESS);
            }
            // Refuses (nothing written) when this clock is behind the channel's last timestamp.
            let files = release::next_release(&root, &current, &units, &[&release_key[0]], now)?;
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

/// The given keys the root allows to sign `unit/locale`.
fn keys_in_scope<'k>(
    root: &Root,
    unit: &str,
    locale: &str,
    keys: &'k [Keypair],
) -> Vec<&'k Keypair> {
    let allowed = root.editor_keys_for(unit, locale);
    keys.iter()
        .filter(|k| allowed.contains_key(&k.key_id()))
        .collect()
}
