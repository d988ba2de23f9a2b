//! One file per subcommand. The channel and clinic work add `keygen`, `sign`, `publish`,
//! `sync` and `poster` here the same way: a module with `Args` and `run`, and a variant below.

use std::process::ExitCode;

use clap::Subcommand;

mod build;
mod check;
mod decode;
mod handout;
mod keygen;
mod poster;
mod publish;
mod sign;
mod stamp;
mod status;
mod sync;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check content sources; exits 1 when there are errors.
    Check(check::Args),
    /// Per-language table: complete, stale, missing modules; review states; coverage.
    Status(status::Args),
    /// Record the current source hash and today's date in a translation.
    Stamp(stamp::Args),
    /// Check, then write packs and manifest.json; writes nothing when there are errors.
    Build(build::Args),
    /// Run the report decoder on a text with one language's glossary; prints JSON findings.
    Decode(decode::Args),
    /// Write a QR poster (PDF) that opens chosen modules in the app, in 1-4 languages.
    Poster(poster::Args),
    /// Write a printable handout (PDF) of a module or the questions list in one language.
    Handout(handout::Args),
    /// Generate an Ed25519 key file (root, release or editor key).
    Keygen(keygen::Args),
    /// Sign a root document, or add signatures to envelopes (second root holder, reviewer).
    Sign(sign::Args),
    /// Sign changed units with your editor keys and publish them (server or channel dir).
    Publish(publish::Args),
    /// Verified update of a device data directory: the app's own update path, headless.
    Sync(sync::Args),
}

pub fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Check(a) => check::run(a),
        Command::Status(a) => status::run(a),
        Command::Stamp(a) => stamp::run(a),
        Command::Build(a) => build::run(a),
        Command::Decode(a) => decode::run(a),
        Command::Poster(a) => poster::run(a),
        Command::Handout(a) => handout::run(a),
        Command::Keygen(a) => keygen::run(a),
        Command::Sign(a) => sign::run(a),
        Command::Publish(a) => publish::run(a),
        Command::Sync(a) => sync::run(a),
    }
}
