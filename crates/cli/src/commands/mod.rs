//! One module per subcommand.

pub mod bench;
pub mod ingest;
pub mod inspect;
pub mod search;
pub mod serve;
pub mod show;

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use tiaowen_index::ClauseIndex;
use tiaowen_parse::{ParseOptions, PdfWorker};

/// Parse options that extract PDFs in a child process: this binary, re-invoked with the
/// hidden worker subcommand, so that a crash on a malformed PDF ends only the child.
pub fn parse_options(pdf_timeout_secs: u64) -> anyhow::Result<ParseOptions> {
    let program = std::env::current_exe().context("cannot locate the tiaowen binary")?;
    Ok(ParseOptions {
        pdf_worker: Some(PdfWorker {
            program,
            args: vec!["__pdf-worker".into()],
            timeout: Duration::from_secs(pdf_timeout_secs.max(1)),
        }),
    })
}

/// Opens an existing index, with an error that says what to do when there is none.
pub fn open_index(dir: &Path) -> anyhow::Result<ClauseIndex> {
    match ClauseIndex::open(dir) {
        Ok(index) => Ok(index),
        Err(error @ tiaowen_index::Error::Missing { .. }) => Err(anyhow::anyhow!(
            "{error}; build it with `tiaowen ingest --index {}`",
            dir.display()
        )),
        Err(error @ tiaowen_index::Error::Incompatible { .. }) => Err(anyhow::anyhow!(
            "{error}; rebuild it with `tiaowen ingest --rebuild --index {}`",
            dir.display()
        )),
        Err(error) => Err(error).with_context(|| format!("cannot open index {}", dir.display())),
    }
}
