use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scanwise_author::render_all;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to check: the content folder, or one file or folder inside it (the whole content
    /// is checked, since files refer to each other; only problems in PATH are shown).
    path: Option<PathBuf>,
    /// The content folder (found from PATH when not given; `content` otherwise).
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Exit 1 on warnings too (what CI runs).
    #[arg(long)]
    deny_warnings: bool,
    /// Print the problems as a JSON array instead of text.
    #[arg(long)]
    json: bool,
}

/// The content folder a path is in: the nearest of it and its parents that holds
/// `modules/` or `references.toml`.
pub fn content_root(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| a.join("modules").is_dir() || a.join("references.toml").is_file())
        .map(Path::to_path_buf)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let (root, only) = match (&a.content, &a.path) {
        (Some(c), p) => (c.clone(), p.clone()),
        (None, Some(p)) => match content_root(p).map(|r| (r, p.clone())).or_else(|| {
            // `nb.md` from inside a module folder: look at the real path's parents.
            let abs = std::fs::canonicalize(p).ok()?;
            content_root(&abs).map(|r| (r, abs))
        }) {
            Some((r, p)) if r == p => (r, None),
            Some((r, p)) => (r, Some(p)),
            None if p.exists() && !p.is_dir() => anyhow::bail!(
                "{} is not inside a content folder (one with modules/ and references.toml); pass --content DIR",
                p.display()
            ),
            None => (p.clone(), None),
        },
        (None, None) => (PathBuf::from("content"), None),
    };
    if let Some(p) = &only
        && !p.exists()
    {
        anyhow::bail!("{} does not exist", p.display());
    }
    let (_, mut diags) = scanwise_author::check(&root);
    if let Some(p) = &only {
        diags.retain(|d| d.file.as_ref().is_some_and(|f| f.starts_with(p)));
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&diags)?);
    } else {
        print!("{}", render_all(&diags));
        if let Some(p) = &only {
            println!(
                "(checked all of {}; shown: problems in {})",
                root.display(),
                p.display()
            );
        }
    }
    let errors = diags.iter().any(|d| d.is_error());
    let fail = errors || (a.deny_warnings && !diags.is_empty());
    Ok(if fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
