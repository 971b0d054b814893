//! Shared plain types of tiaowen: the document record, its clauses, and the shapes that
//! search answers take on the command line and over HTTP.
//!
//! This crate does no I/O and knows nothing of tantivy, jieba or the parsers; every other
//! crate speaks in these types.
//!
//! ```
//! use tiaowen_model::{Lang, DocType};
//! assert_eq!(Lang::Zh.as_str(), "zh");
//! assert_eq!(DocType::from_title("国务院关于推行监管的意见"), DocType::Opinions);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod document;
mod search;
mod validity;

pub use document::{
    is_cjk, CitedDocument, Clause, DocDates, DocNumber, DocType, Document, Lang, Source,
    SourceFormat, Validity, ValidityState,
};
pub use search::{
    ClauseView, Correction, DocumentView, Filters, IndexStats, SearchHit, SearchRequest,
    SearchResponse, SourceRef,
};
pub use validity::{derive_validity, iso_date_from_unix_days};
