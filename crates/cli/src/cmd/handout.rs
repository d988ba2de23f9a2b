use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use scanwise_print::{HandoutSpec, Library, Paper, Subject};

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("subject").required(true).args(["module", "questions"]))]
pub struct Args {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The module to print.
    #[arg(long)]
    module: Option<String>,
    /// Print the appointment-questions checklist instead of a module.
    #[arg(long)]
    questions: bool,
    /// Language (en, nb, ar, pl); the module must be published in it.
    #[arg(long, default_value = "en")]
    lang: String,
    /// a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: Paper,
    /// The PDF to write.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let lib = Library::load(&a.content).with_context(|| {
        format!(
            "cannot build {} (run `scanwise check`)",
            a.content.display()
        )
    })?;
    let subject = match a.module {
        Some(id) => Subject::Module(id),
        None => Subject::Questions,
    };
    let spec = HandoutSpec {
        subject,
        lang: a.lang,
        paper: a.paper,
    };
    let pdf = scanwise_print::handout(&lib, &spec)?;
    std::fs::write(&a.out, &pdf).with_context(|| format!("cannot write {}", a.out.display()))?;
    println!("wrote {} ({} bytes)", a.out.display(), pdf.len());
    Ok(ExitCode::SUCCESS)
}
