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
    about = "Write, check, translate and publish ScanWise content",
    help_template = "{about-with-newline}\n{usage-heading} {usage}{after-help}\n\nOptions:\n{options}\n",
    after_help = cmd::COMMANDS_HELP
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// `--help` prints the grouped list instead of clap's own: every command must be in it.
    #[test]
    fn every_command_is_in_the_grouped_help() {
        for sub in super::Cli::command().get_subcommands() {
            let name = sub.get_name();
            assert!(
                super::cmd::COMMANDS_HELP.contains(&format!("\n  {name} ")),
                "`{name}` is missing from COMMANDS_HELP in crates/cli/src/cmd/mod.rs"
            );
        }
    }
}
