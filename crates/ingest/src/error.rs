//! Errors of an ingest run as a whole (a single bad document is not one of them: it is
//! recorded in the report and the run goes on).

use std::path::PathBuf;

/// Why an ingest run could not proceed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given to ingest does not exist or cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The index refused an operation.
    #[error(transparent)]
    Index(#[from] tiaowen_index::Error),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
