//! `scanwise-server`: thin binary over the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use scanwise_channel::keys::Keypair;
use scanwise_server::site::{Brotli, Site};
use scanwise_server::{AppState, Config, Storage, auth};
use std::path::PathBuf;

/// Serve a signed ScanWise content channel and take editors' publishes.
#[derive(Parser)]
#[command(name = "scanwise-server", version)]
struct Cli {
    #[command(subcommand)]
    cmd: Option<Cmd>,
    /// Address to listen on (loopback by default; put a TLS proxy or CDN in front).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Local channel directory (the default backend; nginx can serve the same directory).
    #[arg(long, default_value = "channel-data")]
    data_dir: PathBuf,
    /// S3-compatible endpoint instead of a local directory (keys from AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY, region from AWS_REGION).
    #[arg(long, requires = "s3_bucket")]
    s3_endpoint: Option<String>,
    #[arg(long)]
    s3_bucket: Option<String>,
    /// Release key (JSON key file from `scanwise keygen`): signs snapshots and timestamps.
    #[arg(long)]
    release_key: Option<PathBuf>,
    /// Editors file: JSON list of {name, token_sha256, languages, units}.
    #[arg(long)]
    editors: Option<PathBuf>,
    /// Root 1 of a channel to initialise if storage has none.
    #[arg(long)]
    init_root: Option<PathBuf>,
    #[arg(long, default_value_t = 30)]
    publishes_per_minute: usize,
    /// Also serve the web edition written by `scanwise site --out DIR` at `/` (read into memory
    /// and precompressed at start-up; restart after a rebuild). Channel paths keep precedence.
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print a new random editor token and the hash to put in the editors file.
    Token,
    /// After rotating the release key (root N+1 in storage, --release-key the new key):
    /// sign the current release again with the new key, then exit. See docs/channel.md,
    /// "Recovering a fleet".
    Resign {
        /// Channel name.
        #[arg(long, default_value = "stable")]
        channel: String,
    },
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    if let Some(Cmd::Token) = cli.cmd {
        let token = auth::new_token().map_err(|e| anyhow::anyhow!("random: {e}"))?;
        println!(
            "token:        {token}\ntoken_sha256: {}",
            auth::hash_token(&token)
        );
        return Ok(());
    }
    let storage = match (&cli.s3_endpoint, &cli.s3_bucket) {
        (Some(endpoint), Some(bucket)) => {
            let env = |k: &str| std::env::var(k).with_context(|| format!("{k} not set"));
            let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into());
            Storage::s3(
                endpoint,
                bucket,
                &env("AWS_ACCESS_KEY_ID")?,
                &env("AWS_SECRET_ACCESS_KEY")?,
                &region,
            )?
        }
        _ => Storage::local(&cli.data_dir)?,
    };
    let release_key = match &cli.release_key {
        Some(p) => Keypair::from_json(&std::fs::read_to_string(p)?).context("release key")?,
        None => anyhow::bail!("--release-key is required"),
    };
    let editors = match &cli.editors {
        Some(p) => serde_json::from_slice(&std::fs::read(p)?).context("editors file")?,
        None => Vec::new(),
    };
    if let Some(root) = &cli.init_root {
        scanwise_server::init_channel(&storage, &std::fs::read(root)?).await?;
    }
    let resign = match cli.cmd {
        Some(Cmd::Resign { channel }) => Some(channel),
        _ => None,
    };
    let site = match (&cli.site, &resign) {
        (Some(dir), None) => {
            let started = std::time::Instant::now();
            let site = Site::load(dir, Brotli::Later)?;
            let s = site.stats();
            eprintln!(
                "site {}: {} files, {} bytes (gzip: {} files, {} bytes) in {:.1} s; brotli follows",
                dir.display(),
                s.files,
                s.bytes,
                s.gzip_files,
                s.gzip_bytes,
                started.elapsed().as_secs_f64()
            );
            let pass = site.brotli_pass();
            std::thread::Builder::new()
                .name("site-brotli".into())
                .spawn(move || {
                    let started = std::time::Instant::now();
                    let s = pass();
                    eprintln!(
                        "site: brotli ready: {} files, {} bytes in {:.1} s",
                        s.br_files,
                        s.br_bytes,
                        started.elapsed().as_secs_f64()
                    );
                })?;
            Some(site)
        }
        _ => None,
    };
    let state = AppState::with_site(
        storage,
        Config {
            release_key,
            editors,
            publishes_per_minute: cli.publishes_per_minute,
        },
        site,
    );
    if let Some(channel) = resign {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs() as i64;
        match scanwise_server::resign_after_rotation(&state, &channel, now).await? {
            Some(r) => println!(
                "re-signed {channel}: snapshot {} (timestamp {})",
                r.snapshot_version, r.timestamp_version
            ),
            None => println!("{channel}: the current release is already signed by the release key"),
        }
        return Ok(());
    }
    let listener = tokio::net::TcpListener::bind(&cli.listen).await?;
    eprintln!(
        "scanwise-server listening on http://{}",
        listener.local_addr()?
    );
    scanwise_server::serve(listener, state, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
