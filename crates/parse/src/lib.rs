//! Reads one file — HTML, PDF, Markdown or plain text, Chinese or English — into a
//! [`ParsedDoc`]: its title, the page metadata it carries, and its body as normalised
//! paragraphs in reading order. [`record::build_document`] then derives the document
//! record (文号, type, dates, cited documents).
//!
//! PDF text extraction can crash the process on malformed files, so it runs in a child
//! process when [`ParseOptions::pdf_worker`] is set (see [`pdf`]).

mod error;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod record;
pub mod text;
mod validity;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tiaowen_model::SourceFormat;

pub use error::{Error, Result};

/// Metadata a page states about itself (the gov.cn metadata table, a Markdown header).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// 标题.
    pub title: Option<String>,
    /// 发文字号 as written.
    pub doc_number: Option<String>,
    /// 发文机关, split into bodies.
    pub issuers: Vec<String>,
    /// 成文日期, ISO `YYYY-MM-DD`.
    pub issued: Option<String>,
    /// 发布日期, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// A law's enactment notes (题注): when it was adopted, amended and revised, one line
    /// each, as stated before its text.
    pub notes: Vec<String>,
}

/// One document as read from its file, before clause segmentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedDoc {
    /// The title, where the file states or shows one.
    pub title: Option<String>,
    /// Metadata stated by the page itself.
    pub meta: PageMeta,
    /// The body: normalised paragraphs (headings included) in reading order.
    pub blocks: Vec<String>,
    /// The indices (into `blocks`) of the paragraphs the layout sets apart as titles, in
    /// larger type than the text: known for PDFs only, empty for other formats.
    pub titles: Vec<usize>,
    /// Attachments the text refers to that the file does not contain.
    pub missing_attachments: Vec<String>,
    /// Problems that did not stop the reading (garbled PDF text, a guessed encoding).
    pub warnings: Vec<String>,
}

/// How to run the PDF extractor in a child process.
#[derive(Debug, Clone)]
pub struct PdfWorker {
    /// The program to run (normally the `tiaowen` binary itself).
    pub program: PathBuf,
    /// Arguments put before the PDF path (normally the hidden worker subcommand).
    pub args: Vec<String>,
    /// How long one file may take.
    pub timeout: Duration,
}

/// Options for reading documents.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Run PDF extraction in this child process; `None` extracts in this process,
    /// containing panics but not aborts.
    pub pdf_worker: Option<PdfWorker>,
}

/// Reads a file, choosing the format from its extension.
pub fn parse_file(path: &Path, options: &ParseOptions) -> Result<ParsedDoc> {
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(SourceFormat::from_extension)
        .ok_or_else(|| Error::Unsupported { path: path.to_path_buf() })?;
    let bytes =
        std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
    parse_bytes(&bytes, format, path, options)
}

/// Reads a document from its bytes; `path` is used for error messages and, for PDF in a
/// child process, as the file to hand to the worker.
pub fn parse_bytes(
    bytes: &[u8],
    format: SourceFormat,
    path: &Path,
    options: &ParseOptions,
) -> Result<ParsedDoc> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: path.to_path_buf(), reason: "the file is empty".into() });
    }
    let doc = match format {
        SourceFormat::Html => html::parse(bytes, path)?,
        SourceFormat::Pdf => pdf::parse(bytes, path, options)?,
        SourceFormat::Markdown => markdown::parse(bytes, path)?,
        SourceFormat::Text => text::parse(bytes, path)?,
    };
    if doc.blocks.is_empty() {
        return Err(Error::Empty {
            path: path.to_path_buf(),
            reason: "no body text after extraction".into(),
        });
    }
    Ok(doc)
}
