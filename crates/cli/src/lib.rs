//! The tiaowen command line: `ingest`, `search`, `show`, `inspect`, `serve` and `bench`.
//!
//! Each subcommand lives in `commands/` and calls one library entry point. Results go to
//! stdout, logs and progress to stderr.

#[macro_use]
mod output;
mod backend;
mod commands;
mod config;

use std::process::ExitCode;

pub use config::{Cli, Command};

/// Installs the tracing subscriber on stderr: `RUST_LOG` wins, else `info` with
/// `--verbose` and `warn` without.
pub fn init_tracing(verbose: bool) {
    let default = if verbose { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Ingest(args) => commands::ingest::run(&args),
        Command::Search(args) => commands::search::run(&args),
        Command::Show(args) => commands::show::run(&args),
        Command::Inspect(args) => commands::inspect::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Bench(args) => commands::bench::run(&args),
        Command::PdfWorker(args) => Ok(tiaowen_parse::pdf::worker_main(&args.file)),
    }
}
