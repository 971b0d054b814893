//! The clause index as the HTTP layer's backend.

use tiaowen_api::{Backend, BackendError};
use tiaowen_index::ClauseIndex;
use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchRequest, SearchResponse};

/// Serves API calls from a [`ClauseIndex`].
pub struct IndexBackend {
    index: ClauseIndex,
}

impl IndexBackend {
    /// Wraps an open index.
    pub fn new(index: ClauseIndex) -> IndexBackend {
        IndexBackend { index }
    }
}

/// Sorts index errors into client errors and internal ones.
fn to_backend_error(error: tiaowen_index::Error) -> BackendError {
    match error {
        tiaowen_index::Error::BadQuery { .. } => BackendError::BadRequest(error.to_string()),
        other => BackendError::Internal(other.to_string()),
    }
}

impl Backend for IndexBackend {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
        self.index.search(request).map_err(to_backend_error)
    }

    fn clause(&self, anchor: &str) -> Result<Option<ClauseView>, BackendError> {
        self.index.clause(anchor).map_err(to_backend_error)
    }

    fn document(&self, id: &str) -> Result<Option<DocumentView>, BackendError> {
        self.index.document(id).map_err(to_backend_error)
    }

    fn stats(&self) -> Result<IndexStats, BackendError> {
        self.index.stats().map_err(to_backend_error)
    }
}
