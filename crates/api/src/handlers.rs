//! The request handlers. Every backend call runs on the blocking pool, never on the async
//! core threads: searches run tantivy and jieba.

use std::time::Instant;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{Method, Uri};
use axum::Json;
use serde::Serialize;
use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchResponse};

use crate::error::{ApiError, Result};
use crate::params::SearchParams;
use crate::{AppState, Backend, BackendError};

/// The longest anchor or document id looked up; longer ones cannot exist.
const MAX_KEY_BYTES: usize = 4096;

/// The body of `GET /healthz`: `"status": "ok"` and the index statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Always `ok` in a 200 response.
    pub status: &'static str,
    /// What the index holds.
    #[serde(flatten)]
    pub stats: IndexStats,
}

/// Handles `GET /search`.
pub(crate) async fn search(
    State(state): State<AppState>,
    params: std::result::Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResponse>> {
    let started = Instant::now();
    let Query(params) = params?;
    let request = params.into_request(&state.options)?;
    let mut response = run_limited(&state, move |backend| backend.search(&request)).await?;
    response.took_ms = Some(elapsed_ms(started));
    Ok(Json(response))
}

/// Handles `GET /clauses/{*anchor}`; the `#` of an anchor arrives percent-encoded as `%23`.
pub(crate) async fn clause(
    State(state): State<AppState>,
    anchor: std::result::Result<Path<String>, PathRejection>,
) -> Result<Json<ClauseView>> {
    let Path(anchor) = anchor?;
    if anchor.len() > MAX_KEY_BYTES {
        return Err(ApiError::ClauseNotFound { anchor: clip(&anchor) });
    }
    let key = anchor.clone();
    match run_limited(&state, move |backend| backend.clause(&key)).await? {
        Some(view) => Ok(Json(view)),
        None => Err(ApiError::ClauseNotFound { anchor }),
    }
}

/// Handles `GET /documents/{*id}`.
pub(crate) async fn document(
    State(state): State<AppState>,
    id: std::result::Result<Path<String>, PathRejection>,
) -> Result<Json<DocumentView>> {
    let Path(id) = id?;
    if id.len() > MAX_KEY_BYTES {
        return Err(ApiError::DocumentNotFound { id: clip(&id) });
    }
    let key = id.clone();
    match run_limited(&state, move |backend| backend.document(&key)).await? {
        Some(view) => Ok(Json(view)),
        None => Err(ApiError::DocumentNotFound { id }),
    }
}

/// Handles `GET /healthz`. It skips the request queue so that a busy server still reports
/// itself alive; a failing backend makes it a 503.
pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Health>> {
    let backend = std::sync::Arc::clone(&state.backend);
    let stats = tokio::task::spawn_blocking(move || backend.stats()).await?;
    match stats {
        Ok(stats) => Ok(Json(Health { status: "ok", stats })),
        Err(BackendError::Internal(message)) => Err(ApiError::Unavailable(message)),
        Err(other) => Err(other.into()),
    }
}

/// Handles `GET /openapi.json`.
pub(crate) async fn openapi() -> Json<&'static serde_json::Value> {
    Json(crate::openapi::spec())
}

/// Answers a request whose path has a route but not for its method.
pub(crate) async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed { method: method.to_string(), path: clip(uri.path()) }
}

/// Answers a request no route matches with a JSON `404 not_found`.
///
/// [`crate::router`] installs it; when merging [`crate::routes`] with other routers, install it
/// (or another fallback) once on the merged router.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::RouteNotFound { path: clip(uri.path()) }
}

/// Runs a backend call on the blocking pool once a permit is free, or fails with
/// `503 overloaded` after the configured wait.
async fn run_limited<T, F>(state: &AppState, call: F) -> Result<T>
where
    F: FnOnce(&dyn Backend) -> std::result::Result<T, BackendError> + Send + 'static,
    T: Send + 'static,
{
    let wait = tokio::time::timeout(
        state.options.queue_timeout,
        std::sync::Arc::clone(&state.permits).acquire_owned(),
    );
    // The semaphore is never closed, so an error can only mean the wait timed out.
    let Ok(Ok(permit)) = wait.await else {
        return Err(ApiError::Overloaded);
    };
    let backend = std::sync::Arc::clone(&state.backend);
    let result = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        call(backend.as_ref())
    })
    .await?;
    Ok(result?)
}

fn elapsed_ms(started: Instant) -> f64 {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    (ms * 1000.0).round() / 1000.0
}

/// Shortens client-sent text echoed in error messages.
fn clip(text: &str) -> String {
    const MAX_CHARS: usize = 200;
    match text.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_cuts_on_char_boundaries() {
        assert_eq!(clip("第二十二条"), "第二十二条");
        let long = "条".repeat(300);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), 201);
        assert!(clipped.ends_with('…'));
    }

    #[test]
    fn elapsed_ms_is_rounded_to_microseconds() {
        let ms = elapsed_ms(Instant::now());
        assert!(ms >= 0.0);
        assert_eq!((ms * 1000.0).fract(), 0.0);
    }

    #[test]
    fn health_flattens_the_stats() {
        let health = Health {
            status: "ok",
            stats: IndexStats { generation: 3, documents: 2, clauses: 40, schema_version: 1 },
        };
        let json = serde_json::to_value(&health).expect("serializable");
        assert_eq!(json["status"], "ok");
        assert_eq!(json["clauses"], 40);
    }
}
