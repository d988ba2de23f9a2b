//! `scanwise`: the command for content editors, translators, clinics and tests. A thin clap
//! front: every command is a few lines over `scanwise-author`, `scanwise-core` or
//! `scanwise-channel`, one file each under `cmd/`.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(
    name = "scanwise",
    version,
    about = "Check, build and publish ScanWise content"
)]
struct Cli {
    #[command(subcommand)]
    command: cmd::Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_message(&e));
            // 2: the command could not run (I/O, bad input); 1 is kept for "content has errors".
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each said once: a wrapper whose message already includes its
/// source (`channel: rollback …` over `rollback …`) is not followed by that source again.
fn one_message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let m = cause.to_string();
        if out.contains(&m) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&m);
    }
    out
}
