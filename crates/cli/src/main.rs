//! The `tiaowen` binary: parses arguments, starts logging, runs one command.

use std::process::ExitCode;

use clap::Parser;

// Indexing allocates many small strings on several threads at once; mimalloc keeps those
// threads from contending on the allocator's locks.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
