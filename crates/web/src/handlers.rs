//! The page handlers: read the request, ask the backend (off the async threads), render.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use tiaowen_api::{Backend, BackendError};
use tiaowen_model::SearchResponse;

use crate::layout::{error_page, respond};
use crate::pages;
use crate::params::SearchParams;
use crate::{Error, Result};

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The clause index.
    pub backend: Arc<dyn Backend>,
}

/// Runs a backend call on the blocking pool (it runs tantivy and jieba) and maps its error.
async fn call<T, F>(state: &AppState, work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&dyn Backend) -> Result<T, BackendError> + Send + 'static,
{
    let backend = Arc::clone(&state.backend);
    let joined = tokio::task::spawn_blocking(move || work(backend.as_ref())).await;
    match joined {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(BackendError::BadRequest(reason))) => Err(Error::Rejected(reason)),
        Ok(Err(other)) => Err(Error::Internal(other.to_string())),
        Err(join_error) => Err(Error::Internal(format!("backend task failed: {join_error}"))),
    }
}

/// Logs an internal error once; the reader only sees a generic message.
fn log_if_internal(error: &Error) {
    if let Error::Internal(detail) = error {
        tracing::error!(error = %detail, "page failed");
    }
}

/// Serves `/`: the search form, and the hits when there is a query.
pub(crate) async fn search_page(
    State(state): State<AppState>,
    query: std::result::Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let (params, outcome) = match query {
        Ok(Query(params)) => {
            let params = params.trimmed();
            let outcome = run_search(&state, &params).await;
            (params, outcome)
        }
        Err(rejection) => {
            (SearchParams::default(), Err(Error::MalformedQuery(rejection.body_text())))
        }
    };
    let status = match &outcome {
        Ok(_) => StatusCode::OK,
        Err(error) => {
            log_if_internal(error);
            error.status()
        }
    };
    respond(status, pages::search::render(&params, &outcome))
}

/// Validates the form and runs the search; `Ok(None)` when there is nothing to search.
async fn run_search(state: &AppState, params: &SearchParams) -> Result<Option<SearchResponse>> {
    let Some(request) = params.to_request()? else {
        return Ok(None);
    };
    let response = call(state, move |backend| backend.search(&request)).await?;
    Ok(Some(response))
}

/// Serves `/c/{*anchor}`: one clause in the context of its document.
pub(crate) async fn clause_page(
    State(state): State<AppState>,
    Path(anchor): Path<String>,
) -> Response {
    let key = anchor.clone();
    let found = call(&state, move |backend| backend.clause(&key)).await;
    match found {
        Ok(Some(view)) => respond(StatusCode::OK, pages::clause::render(&view)),
        Ok(None) => error_page(&Error::ClauseNotFound(anchor)),
        Err(error) => {
            log_if_internal(&error);
            error_page(&error)
        }
    }
}

/// Serves `/d/{*id}`: a document and its clause tree.
pub(crate) async fn document_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Response {
    let key = id.clone();
    let found = call(&state, move |backend| backend.document(&key)).await;
    match found {
        Ok(Some(view)) => respond(StatusCode::OK, pages::document::render(&view)),
        Ok(None) => error_page(&Error::DocumentNotFound(id)),
        Err(error) => {
            log_if_internal(&error);
            error_page(&error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiaowen_model::{ClauseView, DocumentView, IndexStats, SearchRequest};

    /// Fails every call with the error it was built with.
    struct Failing(fn() -> BackendError);

    impl Backend for Failing {
        fn search(&self, _: &SearchRequest) -> Result<SearchResponse, BackendError> {
            Err((self.0)())
        }
        fn clause(&self, _: &str) -> Result<Option<ClauseView>, BackendError> {
            Err((self.0)())
        }
        fn document(&self, _: &str) -> Result<Option<DocumentView>, BackendError> {
            Err((self.0)())
        }
        fn stats(&self) -> Result<IndexStats, BackendError> {
            Err((self.0)())
        }
    }

    fn state(error: fn() -> BackendError) -> AppState {
        AppState { backend: Arc::new(Failing(error)) }
    }

    #[tokio::test]
    async fn maps_backend_errors_to_page_errors() {
        let rejected = state(|| BackendError::BadRequest("查询为空".to_owned()));
        let got = call(&rejected, |backend| backend.clause("甲#1")).await;
        assert!(matches!(got, Err(Error::Rejected(reason)) if reason == "查询为空"));
        let broken = state(|| BackendError::Internal("io".to_owned()));
        let got = call(&broken, |backend| backend.stats()).await;
        assert!(matches!(got, Err(Error::Internal(detail)) if detail == "io"));
    }

    #[tokio::test]
    async fn a_panicking_backend_becomes_an_internal_error() {
        let ok = state(|| BackendError::Internal(String::new()));
        let got: Result<()> = call(&ok, |_| panic!("backend bug")).await;
        assert!(matches!(got, Err(Error::Internal(_))));
    }
}
