//! The error type of the lexicon crate.

/// What can go wrong while loading lexicon data.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data line does not have the expected shape.
    #[error("malformed line {line} in {source_name}: {reason}")]
    MalformedLine {
        /// The data source (a file name such as `glossary.tsv`).
        source_name: String,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
