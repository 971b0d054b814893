//! Errors of reading a document.

use std::path::PathBuf;

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be read from disk.
    #[error("failed to read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is empty or holds no text after extraction.
    #[error("{path}: no text: {reason}")]
    Empty {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// The file's bytes are not the text its name promises (a binary file named .html).
    #[error("{path}: not a text document: {reason}")]
    NotText {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file's extension names no supported format.
    #[error("{path}: unsupported file type")]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The PDF extractor crashed (panic, abort, stack overflow) on this file.
    #[error("{path}: pdf extractor crashed: {reason}")]
    PdfCrashed {
        /// The file.
        path: PathBuf,
        /// What the extractor reported.
        reason: String,
    },
    /// The PDF extractor ran past its time limit.
    #[error("{path}: pdf extraction timed out after {seconds} s")]
    PdfTimeout {
        /// The file.
        path: PathBuf,
        /// The limit.
        seconds: u64,
    },
    /// The PDF has no readable text layer (a scan) or could not be parsed at all.
    #[error("{path}: unreadable pdf: {reason}")]
    PdfUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
