//! One file per subcommand. The channel and clinic work add `keygen`, `sign`, `publish`,
//! `sync` and `poster` here the same way: a module with `Args` and `run`, and a variant below.

use std::process::ExitCode;

use clap::Subcommand;

mod build;
mod check;
mod decode;
mod export;
mod handout;
mod import;
mod keygen;
mod poster;
mod preview;
mod publish;
mod sign;
mod site;
mod stamp;
mod status;
mod sync;

#[derive(Debug, Subcommand)]
pub enum Command {
    // ---- editing and translating (see EDITING in main.rs for the grouped help)
    /// Find mistakes in the content: file, line and what to do. Exits 1 on errors.
    Check(check::Args),
    /// What each language still needs: missing and out-of-date modules, and what changed.
    Status(status::Args),
    /// Mark a translation as up to date with today's English (after you translated it).
    Stamp(stamp::Args),
    /// Show which words of a radiology report the glossary recognises, in one language.
    Decode(decode::Args),
    /// Write every string to translate into one language as a file for a translation platform.
    Export(export::Args),
    /// Read a translated file back into the content, stamped (refuses one made from old English).
    Import(import::Args),
    // ---- publishing and clinic tools
    /// Turn the content into app packs in --out (checks first; writes nothing on errors).
    Build(build::Args),
    /// Print a QR poster (PDF) that opens chosen modules in the app, in 1-4 languages.
    Poster(poster::Args),
    /// Print a handout (PDF) of a module or of the questions list, in one language.
    Handout(handout::Args),
    /// Write the web edition: a static site of every module, the checker, help and glossary.
    Site(site::Args),
    /// Preview the web edition of your working tree on localhost: rebuilds when you save,
    /// and shows `check`'s findings on the page they concern.
    Preview(preview::Args),
    /// Make a new signing key file (root, release or editor key).
    Keygen(keygen::Args),
    /// Sign a root document, or add signatures to signed files (second key holder, reviewer).
    Sign(sign::Args),
    /// Sign what changed with your editor keys and publish it (server or channel folder).
    Publish(publish::Args),
    /// Update a device's data folder from a channel, as the app does (for testing).
    Sync(sync::Args),
}

/// The grouped command list `scanwise --help` prints.
pub const COMMANDS_HELP: &str = "\
Editing and translating:
  check     Find mistakes in the content: file, line and what to do
  status    What each language still needs, and what changed in the English
  stamp     Mark a translation as up to date with today's English
  decode    Show which words of a report the glossary recognises
  export    Write the strings to translate into a .po file for Weblate, Crowdin or Pontoon
  import    Read a translated .po file back into the content, stamped
  preview   See your work as patients will, on localhost: rebuilds on save, shows problems

Publishing (content team):
  build     Turn the content into app packs (checks first)
  keygen    Make a new signing key file
  sign      Sign a root document or add signatures
  publish   Sign what changed and publish it
  sync      Update a device data folder from a channel (testing)
  site      Write the web edition: static pages that work without scripts

Clinic tools:
  poster    Print a QR poster that opens modules in the app
  handout   Print a module or the questions list

Every command that reads content takes --content DIR (default: content).
Run `scanwise help COMMAND` for its options.";

/// The packs built from `content`, its warnings printed; `None` (with its errors printed) when
/// the content has errors, so the caller writes nothing and exits 1.
fn checked_packs(
    content: &std::path::Path,
) -> anyhow::Result<Option<Vec<scanwise_core::model::Pack>>> {
    match scanwise_author::build_packs(content) {
        Ok((packs, warnings)) => {
            if !warnings.is_empty() {
                eprint!("{}", scanwise_author::render_all(&warnings));
            }
            Ok(Some(packs))
        }
        Err(scanwise_author::AuthorError::Check { diagnostics, .. }) => {
            eprint!("{}", scanwise_author::render_all(&diagnostics));
            eprintln!("nothing was written");
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Check(a) => check::run(a),
        Command::Status(a) => status::run(a),
        Command::Stamp(a) => stamp::run(a),
        Command::Build(a) => build::run(a),
        Command::Decode(a) => decode::run(a),
        Command::Export(a) => export::run(a),
        Command::Import(a) => import::run(a),
        Command::Poster(a) => poster::run(a),
        Command::Handout(a) => handout::run(a),
        Command::Site(a) => site::run(a),
        Command::Preview(a) => preview::run(a),
        Command::Keygen(a) => keygen::run(a),
        Command::Sign(a) => sign::run(a),
        Command::Publish(a) => publish::run(a),
        Command::Sync(a) => sync::run(a),
    }
}
