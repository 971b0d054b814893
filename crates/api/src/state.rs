//! The state every handler shares: the backend and the server options.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::Backend;

/// Options of the HTTP API. Build with struct update syntax over [`ApiOptions::default`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiOptions {
    /// The longest query accepted, in characters (default 1,000).
    pub max_query_chars: usize,
    /// The largest `limit` accepted (default 100).
    pub max_limit: usize,
    /// The largest `offset` accepted (default 10,000).
    pub max_offset: usize,
    /// How many searches and lookups may run at once on the blocking pool (default: twice the
    /// number of CPUs, at least 2). Further requests wait in line.
    pub max_concurrent_requests: usize,
    /// How long a request may wait in line before it gets `503 overloaded` (default 10 s).
    pub queue_timeout: Duration,
    /// Whether to answer with permissive CORS headers, for browser clients on other origins
    /// (default off).
    pub cors: bool,
}

impl Default for ApiOptions {
    fn default() -> ApiOptions {
        let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        ApiOptions {
            max_query_chars: 1_000,
            max_limit: 100,
            max_offset: 10_000,
            max_concurrent_requests: (cpus * 2).max(2),
            queue_timeout: Duration::from_secs(10),
            cors: false,
        }
    }
}

/// What the handlers share: the index behind a [`Backend`] and the [`ApiOptions`].
#[derive(Clone)]
pub struct AppState {
    /// The index.
    pub backend: Arc<dyn Backend>,
    /// The options.
    pub options: Arc<ApiOptions>,
    /// Bounds the backend calls running at once.
    pub(crate) permits: Arc<Semaphore>,
}

impl AppState {
    /// Creates the state with the default options.
    pub fn new(backend: Arc<dyn Backend>) -> AppState {
        AppState::with_options(backend, ApiOptions::default())
    }

    /// Creates the state with the given options.
    pub fn with_options(backend: Arc<dyn Backend>, options: ApiOptions) -> AppState {
        let permits = Arc::new(Semaphore::new(options.max_concurrent_requests.max(1)));
        AppState { backend, options: Arc::new(options), permits }
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("options", &self.options).finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_limits() {
        let options = ApiOptions::default();
        assert_eq!(
            (options.max_query_chars, options.max_limit, options.max_offset),
            (1000, 100, 10_000)
        );
        assert!(options.max_concurrent_requests >= 2);
        assert!(!options.cors);
    }

    #[test]
    fn a_zero_concurrency_still_lets_one_request_through() {
        struct NoBackend;
        impl Backend for NoBackend {
            fn search(
                &self,
                _: &tiaowen_model::SearchRequest,
            ) -> Result<tiaowen_model::SearchResponse, crate::BackendError> {
                Err(crate::BackendError::Internal("unused".into()))
            }
            fn clause(
                &self,
                _: &str,
            ) -> Result<Option<tiaowen_model::ClauseView>, crate::BackendError> {
                Ok(None)
            }
            fn document(
                &self,
                _: &str,
            ) -> Result<Option<tiaowen_model::DocumentView>, crate::BackendError> {
                Ok(None)
            }
            fn stats(&self) -> Result<tiaowen_model::IndexStats, crate::BackendError> {
                Err(crate::BackendError::Internal("unused".into()))
            }
        }
        let options = ApiOptions { max_concurrent_requests: 0, ..ApiOptions::default() };
        let state = AppState::with_options(Arc::new(NoBackend), options);
        assert_eq!(state.permits.available_permits(), 1);
    }
}
