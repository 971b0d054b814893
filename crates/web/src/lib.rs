//! The tiaowen search pages for people: server-rendered HTML over a clause index.
//!
//! [`router`] serves four kinds of page, each readable without JavaScript:
//!
//! - `/` — one query box (Chinese or English), filters (language, document type, issuer,
//!   date range) and the hits as clause cards. Query and filters live in the URL, so a
//!   search can be bookmarked; `offset` pages through the hits.
//! - `/c/{anchor}` — one clause in the context of its document: heading chain, full text,
//!   previous and next clause, and the citation with a "copy citation" button. The `#` of
//!   an anchor such as `zh/html/govcn_006.html#2.5` travels as `%23`.
//! - `/d/{id}` — a document and its clause tree; every clause has an id to link to.
//! - `/assets/…` — the stylesheet, script and icon, compiled into the binary.
//!
//! Everything that comes from a document is escaped, and the highlighted snippet keeps
//! only its `<em>` marks. The JSON API in `tiaowen-api` owns `/search`, `/clauses`,
//! `/documents`, `/healthz` and `/openapi.json`; the two routers are merged by the binary.
//!
//! ```
//! use std::sync::Arc;
//! use tiaowen_api::{Backend, BackendError};
//! use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchRequest, SearchResponse};
//!
//! struct Empty;
//!
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
//! let pages: axum::Router = tiaowen_web::router(Arc::new(Empty));
//! # let _ = pages;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod assets;
mod error;
mod handlers;
mod layout;
mod links;
mod pages;
mod params;
mod snippet;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use tiaowen_api::Backend;

pub use error::{Error, Result};
pub use links::{clause_href, document_href, english_citation};
pub use snippet::{render_snippet, Segment};

/// How many hits one results page shows.
pub const PAGE_SIZE: usize = 10;

/// Builds the router of the HTML pages (`/`, `/c/{*anchor}`, `/d/{*id}`, `/assets/…`).
///
/// It sets no fallback, so it merges with the JSON API router.
pub fn router(backend: Arc<dyn Backend>) -> Router {
    let state = handlers::AppState { backend };
    Router::new()
        .route("/", get(handlers::search_page))
        .route("/c/{*anchor}", get(handlers::clause_page))
        .route("/d/{*id}", get(handlers::document_page))
        .route("/assets/{name}", get(assets::serve))
        .with_state(state)
}
