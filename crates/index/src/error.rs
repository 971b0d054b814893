//! The errors of the clause index.

use std::path::PathBuf;

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while opening, writing or searching the index.
///
/// The first variants are user errors (a bad query, a missing or outdated index, another
/// writer at work); the rest are internal failures.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query has no term that can be searched.
    #[error("bad query: {reason}")]
    BadQuery {
        /// Why the query cannot be run.
        reason: String,
    },
    /// No index exists in the directory.
    #[error("no index in {}", dir.display())]
    Missing {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index was built by another schema or analyzer version.
    #[error("index in {} has schema version {found}, expected {expected}", dir.display())]
    Incompatible {
        /// The index directory.
        dir: PathBuf,
        /// The version the index was built with (0 when unknown).
        found: u32,
        /// The version this build reads and writes.
        expected: u32,
    },
    /// Another process holds the index writer lock.
    #[error("index is locked by another writer")]
    Locked,
    /// The index files are unreadable or inconsistent.
    #[error("index in {} is corrupt: {reason}", dir.display())]
    Corrupt {
        /// The index directory.
        dir: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A stored record could not be decoded.
    #[error("stored record is invalid: {reason}")]
    Record {
        /// What is wrong.
        reason: String,
    },
    /// A file-system operation failed.
    #[error("i/o error on {}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("search engine error")]
    Tantivy {
        /// The underlying error.
        #[from]
        source: tantivy::TantivyError,
    },
}

impl Error {
    /// Tells whether the error is the user's to fix (bad query, missing or outdated index,
    /// busy writer) rather than an internal failure.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::BadQuery { .. }
                | Error::Missing { .. }
                | Error::Incompatible { .. }
                | Error::Locked
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_user_errors_from_internal_ones() {
        assert!(Error::BadQuery { reason: "空查询".into() }.is_user_error());
        assert!(Error::Locked.is_user_error());
        assert!(!Error::Record { reason: "bad json".into() }.is_user_error());
    }
}
