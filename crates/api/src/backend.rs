//! What the HTTP layer needs from a clause index.

use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchRequest, SearchResponse};

/// Why a backend call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackendError {
    /// The request is invalid (an unknown filter value, a query with no terms): a client error.
    #[error("{0}")]
    BadRequest(String),
    /// Anything else: an internal error, logged and never shown to the client.
    #[error("{0}")]
    Internal(String),
}

/// A searchable clause index. Calls block (they run tantivy and jieba), so handlers call
/// them from `spawn_blocking`.
pub trait Backend: Send + Sync + 'static {
    /// Runs a search.
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError>;
    /// Looks up one clause by its anchor.
    fn clause(&self, anchor: &str) -> Result<Option<ClauseView>, BackendError>;
    /// Looks up one document and its clause tree by its id.
    fn document(&self, id: &str) -> Result<Option<DocumentView>, BackendError>;
    /// Tells what the index holds now.
    fn stats(&self) -> Result<IndexStats, BackendError>;
}
