use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use scanwise_core::model::Pack;
use scanwise_device::Device;
use scanwise_device::fetch::for_url;
use scanwise_site::{LinkStyle, SiteOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The content folder (when not --from a channel).
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// Build from a published channel release instead of content/: its URL (http(s)://host
    /// [/prefix] or file:///dir), verified exactly as a device verifies it (signatures,
    /// versions, expiry, hashes) against --root. Nothing unverified reaches a page.
    #[arg(long, value_name = "URL", requires = "root")]
    from: Option<String>,
    /// The channel's trusted root (root/1.root.json), as the app embeds it.
    #[arg(long, value_name = "FILE", requires = "from")]
    root: Option<PathBuf>,
    /// The folder to write the site into: absent, empty, or a site this command wrote before
    /// (it is replaced whole).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Link to `index.html` files instead of folders, so the site also works opened straight
    /// from disk (file://) rather than from a web server.
    #[arg(long)]
    file_links: bool,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let packs = match (&a.from, &a.root) {
        (Some(from), Some(root)) => verified_packs(from, root)?,
        _ => match super::checked_packs(&a.content)? {
            Some(packs) => packs,
            None => return Ok(ExitCode::from(1)),
        },
    };
    let options = SiteOptions {
        link_style: if a.file_links {
            LinkStyle::IndexFile
        } else {
            LinkStyle::Directory
        },
        preview: None,
    };
    let report = scanwise_site::build_site(&packs, &a.out, &options)
        .with_context(|| format!("cannot build the site in {}", a.out.display()))?;
    if !report.skipped_languages.is_empty() {
        eprintln!(
            "left out (no safety module or no UI strings): {}",
            report.skipped_languages.join(", ")
        );
    }
    println!(
        "wrote {}: {} pages, {} files, {} bytes in {} languages ({}); checker: {} states, {} bytes; {:.2} s",
        a.out.display(),
        report.pages,
        report.files,
        report.bytes,
        report.languages.len(),
        report.languages.join(", "),
        report.checker_states(),
        report.checker_bytes(),
        started.elapsed().as_secs_f64(),
    );
    for lang in &report.languages {
        let areas: Vec<String> = report
            .checker
            .iter()
            .filter(|c| &c.lang == lang)
            .map(|c| format!("{} {} ({} merged)", c.area, c.states, c.merged))
            .collect();
        println!("  checker {lang}: {}", areas.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

/// The packs of the channel's current release, through the device's own verified sync into a
/// temporary data folder: the site shows exactly what a device would install.
fn verified_packs(from: &str, root: &std::path::Path) -> anyhow::Result<Vec<Pack>> {
    let root = std::fs::read(root).with_context(|| format!("read {}", root.display()))?;
    let data = tempfile::tempdir().context("cannot make a temporary folder")?;
    let device = Device::new(data.path(), &root);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let fetcher = for_url(
        from,
        std::time::Duration::from_secs(60),
        std::time::Duration::from_secs(600),
    );
    device
        .sync(&*fetcher, now)
        .with_context(|| format!("the release at {from} did not verify; nothing was written"))?;
    let Some(slot) = device.active_slot()? else {
        bail!("the channel at {from} has no release yet; nothing was written");
    };
    let mut packs = Vec::new();
    for unit in slot.units()? {
        if let Some(p) = slot.pack(&unit.unit, &unit.locale)? {
            packs.push(p);
        }
    }
    Ok(packs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    fn args(list: &[&str]) -> Args {
        Cli::try_parse_from(std::iter::once("site").chain(list.iter().copied()))
            .unwrap()
            .args
    }

    #[test]
    fn writes_the_site_of_the_shipped_content() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content");
        let a = args(&[
            "--content",
            content,
            "--out",
            out.to_str().unwrap(),
            "--file-links",
        ]);
        assert_eq!(run(a).unwrap(), ExitCode::SUCCESS);
        let home = std::fs::read_to_string(out.join("en/index.html")).unwrap();
        assert!(home.contains("href=\"m/radiation/index.html\""));
    }

    #[test]
    fn content_with_errors_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let content = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../author/tests/fixtures/invalid"
        );
        let a = args(&["--content", content, "--out", out.to_str().unwrap()]);
        assert_eq!(run(a).unwrap(), ExitCode::from(1));
        assert!(!out.exists());
    }

    #[test]
    fn out_is_required() {
        assert!(Cli::try_parse_from(["site"]).is_err());
    }
}
