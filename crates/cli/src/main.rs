//! The `tiaowen` binary: parses arguments, starts logging, runs one command.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tiaowen_cli::Cli::parse();
    tiaowen_cli::init_tracing(cli.verbose);
    match tiaowen_cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
