//! The tiaowen HTTP API: search clauses, look up a clause or a document, and check health,
//! all as JSON over a [`Backend`] (the clause index).
//!
//! Endpoints (all `GET`; [`openapi::spec`] describes them in full):
//!
//! | path | answer |
//! |---|---|
//! | `/search?q=&limit=&offset=&lang=&type=&issuer=&from=&to=&explain=` | `SearchResponse` with `took_ms` |
//! | `/clauses/{anchor}` | `ClauseView`; the anchor's `#` is sent as `%23`: `/clauses/zh/html/govcn_006.html%232.5` |
//! | `/documents/{id}` | `DocumentView`, e.g. `/documents/zh/html/govcn_006.html` |
//! | `/healthz` | `IndexStats` plus `"status": "ok"` |
//! | `/openapi.json` | the OpenAPI 3.0 description |
//!
//! Every error is `{"error": {"code": "...", "message": "..."}}` with a 4xx or 5xx status
//! (see [`ApiError`]). Backend calls run on tokio's blocking pool.
//!
//! [`router`] builds the API alone, with a JSON 404 fallback. [`routes`] builds it without a
//! fallback, for merging with other routers; add [`not_found`] (or another fallback) once to the
//! merged router. [`serve`] runs a router until [`shutdown_signal`] (or any future) resolves.
//!
//! ```
//! use std::sync::Arc;
//! use tiaowen_api::{AppState, ApiOptions, Backend, BackendError};
//! use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchRequest, SearchResponse};
//!
//! struct Empty;
//! impl Backend for Empty {
//!     fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
//!         Ok(SearchResponse {
//!             query: request.query.clone(),
//!             total: 0,
//!             hits: Vec::new(),
//!             corrections: Vec::new(),
//!             explanation: None,
//!             named_acts: Vec::new(),
//!             took_ms: None,
//!         })
//!     }
//!     fn clause(&self, _anchor: &str) -> Result<Option<ClauseView>, BackendError> {
//!         Ok(None)
//!     }
//!     fn document(&self, _id: &str) -> Result<Option<DocumentView>, BackendError> {
//!         Ok(None)
//!     }
//!     fn stats(&self) -> Result<IndexStats, BackendError> {
//!         Ok(IndexStats { generation: 0, documents: 0, clauses: 0, schema_version: 1 })
//!     }
//! }
//!
//! let options = ApiOptions { cors: true, ..ApiOptions::default() };
//! let app = tiaowen_api::router(AppState::with_options(Arc::new(Empty), options));
//! // Serve it with:
//! // tiaowen_api::serve(listener, app, tiaowen_api::shutdown_signal()).await?;
//! # drop(app);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod backend;
mod error;
mod handlers;
pub mod openapi;
mod params;
mod routes;
mod serve;
mod state;

pub use backend::{Backend, BackendError};
pub use error::{ApiError, ErrorBody, ErrorDetail, Result};
pub use handlers::{not_found, Health};
pub use params::SearchParams;
pub use routes::{router, routes};
pub use serve::{serve, shutdown_signal};
pub use state::{ApiOptions, AppState};
