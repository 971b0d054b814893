//! Runs PDF extraction on one file and prints the result as JSON: the child process of
//! `tiaowen_parse::PdfWorker`, for tests and for tools that embed the parser. The
//! `tiaowen` binary offers the same entry as its hidden `__pdf-worker` subcommand.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: tiaowen-pdf-worker FILE");
        return ExitCode::from(64);
    };
    tiaowen_parse::pdf::worker_main(&PathBuf::from(path))
}
