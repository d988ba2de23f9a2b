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
            eprintln!("error: {e:#}");
            // 2: the command could not run (I/O, bad input); 1 is kept for "content has errors".
            ExitCode::from(2)
        }
    }
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
