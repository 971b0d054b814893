//! The clause index of tiaowen: a tantivy index holding one entry per clause (plus one
//! record per document), a jieba-based analyzer for Chinese and English, and search with
//! grouping of identical clauses, snippets and explanations.
//!
//! Main types: [`ClauseIndex`] (open, search, look up) and [`IndexUpdater`] (put and
//! remove documents, then commit atomically). [`SCHEMA_VERSION`] is stored beside the
//! index; an index built by another version is refused with [`Error::Incompatible`].
//!
//! ```
//! use tiaowen_index::ClauseIndex;
//! use tiaowen_model::SearchRequest;
//!
//! let dir = tempfile::tempdir()?;
//! let index = ClauseIndex::create(dir.path())?;
//! let mut updater = index.updater()?;
//! updater.remove_all()?;
//! updater.commit()?;
//! let response = index.search(&SearchRequest::new("专项附加扣除"))?;
//! assert!(response.hits.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod answer;
mod articles;
pub mod bench;
mod candidates;
mod compile;
mod context;
mod docnum;
mod error;
mod expansion;
mod explain;
mod fusion;
mod generation;
mod groups;
mod history;
mod index;
mod lead;
mod named;
mod operators;
mod query;
mod ranking;
mod schema;
mod search;
mod siblings;
mod snippet;
mod spelling;
mod statistics;
#[cfg(test)]
mod testutil;
pub mod tokenizer;
mod updater;
mod validity;

pub use docnum::{doc_number_key, doc_number_keys};
pub use error::{Error, Result};
pub use expansion::LexiconExpander;
pub use index::ClauseIndex;
pub use query::{ExpansionWord, QueryExpander};
pub use ranking::Ranking;
pub use updater::IndexUpdater;

/// The version of the schema and analyzer; an index built with another version must be
/// rebuilt (`tiaowen ingest --rebuild`). Bump it whenever either changes.
pub const SCHEMA_VERSION: u32 = 10;
