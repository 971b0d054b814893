//! The errors a request can end in, and the one place that maps them to HTTP status codes.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::BackendError;

/// The result type of this crate.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;

/// Why a request failed. Each variant maps to one status code and one stable `code` string in
/// [`ApiError::status_and_code`]; the JSON body is `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// The search has no `q` parameter.
    #[error("missing query parameter `q`")]
    MissingQuery,
    /// The `q` parameter is empty or only whitespace.
    #[error("query parameter `q` is empty")]
    EmptyQuery,
    /// The query is longer than the configured maximum.
    #[error("query is {chars} characters long; the maximum is {max}")]
    QueryTooLong {
        /// The length of the query in characters.
        chars: usize,
        /// The maximum allowed.
        max: usize,
    },
    /// A parameter that must be a whole number is not one.
    #[error("parameter `{param}` must be a whole number, got {value:?}")]
    InvalidNumber {
        /// The parameter name.
        param: &'static str,
        /// The value as sent.
        value: String,
    },
    /// A number is outside its allowed range.
    #[error("parameter `{param}` must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The parameter name.
        param: &'static str,
        /// The value as sent.
        value: u64,
        /// The smallest allowed value.
        min: u64,
        /// The largest allowed value.
        max: u64,
    },
    /// A parameter that must be a boolean is not one.
    #[error("parameter `{param}` must be true or false, got {value:?}")]
    InvalidBoolean {
        /// The parameter name.
        param: &'static str,
        /// The value as sent.
        value: String,
    },
    /// A filter value is not one of the known values.
    #[error("unknown value {value:?} for `{param}`; expected one of: {expected}")]
    UnknownFilterValue {
        /// The parameter name.
        param: &'static str,
        /// The value as sent.
        value: String,
        /// The accepted values, comma-separated.
        expected: String,
    },
    /// A text parameter is longer than allowed.
    #[error("parameter `{param}` is longer than {max} characters")]
    ParamTooLong {
        /// The parameter name.
        param: &'static str,
        /// The maximum allowed.
        max: usize,
    },
    /// A date is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or is not a real date.
    #[error("parameter `{param}` must be a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value:?}")]
    InvalidDate {
        /// The parameter name.
        param: &'static str,
        /// The value as sent.
        value: String,
    },
    /// The `from` date is after the `to` date.
    #[error("`from` ({from}) is after `to` ({to})")]
    InvalidDateRange {
        /// The normalised start date.
        from: String,
        /// The normalised end date.
        to: String,
    },
    /// The query string could not be read (bad encoding, repeated parameter, ...).
    #[error("invalid query string: {0}")]
    InvalidQueryString(String),
    /// The path could not be read (bad percent-encoding, ...).
    #[error("invalid path: {0}")]
    InvalidPath(String),
    /// The index refused the request as invalid.
    #[error("{0}")]
    BadRequest(String),
    /// No clause has this anchor.
    #[error("no clause with anchor {anchor:?}{}", fragment_hint(anchor))]
    ClauseNotFound {
        /// The anchor as requested.
        anchor: String,
    },
    /// No document has this id.
    #[error("no document with id {id:?}")]
    DocumentNotFound {
        /// The id as requested.
        id: String,
    },
    /// No route matches the path.
    #[error("no route for {path:?}")]
    RouteNotFound {
        /// The requested path.
        path: String,
    },
    /// The route exists but not for this method.
    #[error("method {method} is not allowed for {path:?}")]
    MethodNotAllowed {
        /// The requested method.
        method: String,
        /// The requested path.
        path: String,
    },
    /// Too many searches are running; the client may retry.
    #[error("the server is busy; retry later")]
    Overloaded,
    /// The index cannot answer right now (reported by the health check).
    #[error("index unavailable: {0}")]
    Unavailable(String),
    /// The index failed.
    #[error("index error: {0}")]
    Internal(String),
    /// The blocking task running a backend call panicked or was cancelled.
    #[error("backend task failed: {0}")]
    TaskFailed(#[from] tokio::task::JoinError),
}

/// Reminds clients that the `#` of an anchor must be sent as `%23`, else it never reaches us.
fn fragment_hint(anchor: &str) -> &'static str {
    if anchor.contains('#') {
        ""
    } else {
        " (anchors look like `zh/html/govcn_006.html#2.5`; send `#` as `%23`)"
    }
}

impl ApiError {
    /// Returns the HTTP status and the stable machine-readable code of the error.
    ///
    /// This is the only place that decides a status code.
    pub fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            ApiError::MissingQuery => (StatusCode::BAD_REQUEST, "missing_query"),
            ApiError::EmptyQuery => (StatusCode::BAD_REQUEST, "empty_query"),
            ApiError::QueryTooLong { .. } => (StatusCode::BAD_REQUEST, "query_too_long"),
            ApiError::InvalidNumber { .. } => (StatusCode::BAD_REQUEST, "invalid_number"),
            ApiError::OutOfRange { .. } => (StatusCode::BAD_REQUEST, "out_of_range"),
            ApiError::InvalidBoolean { .. } => (StatusCode::BAD_REQUEST, "invalid_boolean"),
            ApiError::UnknownFilterValue { .. } => {
                (StatusCode::BAD_REQUEST, "unknown_filter_value")
            }
            ApiError::ParamTooLong { .. } => (StatusCode::BAD_REQUEST, "parameter_too_long"),
            ApiError::InvalidDate { .. } => (StatusCode::BAD_REQUEST, "invalid_date"),
            ApiError::InvalidDateRange { .. } => (StatusCode::BAD_REQUEST, "invalid_date_range"),
            ApiError::InvalidQueryString(_) => (StatusCode::BAD_REQUEST, "invalid_query_string"),
            ApiError::InvalidPath(_) => (StatusCode::BAD_REQUEST, "invalid_path"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            ApiError::ClauseNotFound { .. } => (StatusCode::NOT_FOUND, "clause_not_found"),
            ApiError::DocumentNotFound { .. } => (StatusCode::NOT_FOUND, "document_not_found"),
            ApiError::RouteNotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            ApiError::MethodNotAllowed { .. } => {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
            }
            ApiError::Overloaded => (StatusCode::SERVICE_UNAVAILABLE, "overloaded"),
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            ApiError::Internal(_) | ApiError::TaskFailed(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl From<BackendError> for ApiError {
    fn from(error: BackendError) -> ApiError {
        match error {
            BackendError::BadRequest(message) => ApiError::BadRequest(message),
            BackendError::Internal(message) => ApiError::Internal(message),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> ApiError {
        ApiError::InvalidQueryString(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> ApiError {
        ApiError::InvalidPath(rejection.body_text())
    }
}

/// The JSON body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// The `error` object of an [`ErrorBody`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A stable machine-readable code such as `missing_query`.
    pub code: String,
    /// A human-readable message; generic for server errors.
    pub message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = if status.is_server_error() {
            // The details stay in the log: they may name files or internals.
            tracing::error!(error = %self, code, "request failed");
            match status {
                StatusCode::SERVICE_UNAVAILABLE => "the service is unavailable; retry later",
                _ => "internal server error",
            }
            .to_owned()
        } else {
            self.to_string()
        };
        let body = ErrorBody { error: ErrorDetail { code: code.to_owned(), message } };
        (status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(error: ApiError) -> (StatusCode, ErrorBody) {
        let response = error.into_response();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16).await.expect("body");
        (status, serde_json::from_slice(&bytes).expect("json"))
    }

    #[tokio::test]
    async fn client_errors_carry_their_message() {
        let (status, body) =
            body_of(ApiError::ClauseNotFound { anchor: "zh/a.html#一".into() }).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body.error.code, "clause_not_found");
        assert!(body.error.message.contains("zh/a.html#一"), "{}", body.error.message);
    }

    #[tokio::test]
    async fn server_errors_hide_their_details() {
        let (status, body) = body_of(ApiError::Internal("/srv/index/meta.json: 损坏".into())).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body.error.code, "internal");
        assert!(!body.error.message.contains("meta.json"));
        assert!(!body.error.message.contains("损坏"));
    }

    #[tokio::test]
    async fn backend_errors_map_to_client_or_server_errors() {
        let bad: ApiError = BackendError::BadRequest("查询没有词".into()).into();
        assert_eq!(bad.status_and_code(), (StatusCode::BAD_REQUEST, "bad_request"));
        let (_, body) = body_of(bad).await;
        assert_eq!(body.error.message, "查询没有词");
        let internal: ApiError = BackendError::Internal("boom".into()).into();
        assert_eq!(internal.status_and_code().0, StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[tokio::test]
    async fn unavailable_is_a_503_with_a_generic_message() {
        let (status, body) = body_of(ApiError::Unavailable("lock poisoned".into())).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(!body.error.message.contains("poisoned"));
    }
}
