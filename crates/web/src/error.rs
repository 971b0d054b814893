//! Why a page could not be shown, and what the reader is told.

use axum::http::StatusCode;

/// Why a page could not be shown.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A filter value in the URL is not one the search understands.
    #[error("invalid {field} filter `{value}`")]
    InvalidFilter {
        /// The URL parameter (`lang`, `type`, `from`, ...).
        field: &'static str,
        /// The value as given.
        value: String,
    },
    /// The date range ends before it starts.
    #[error("date range from {from} to {to} is empty")]
    EmptyDateRange {
        /// The start date.
        from: String,
        /// The end date.
        to: String,
    },
    /// The query string could not be read at all.
    #[error("malformed query string: {0}")]
    MalformedQuery(String),
    /// The backend refused the request as a client error.
    #[error("search rejected: {0}")]
    Rejected(String),
    /// No clause has this anchor.
    #[error("no clause with anchor {0}")]
    ClauseNotFound(String),
    /// No document has this id.
    #[error("no document with id {0}")]
    DocumentNotFound(String),
    /// Anything else; logged, and shown to the reader only as a generic message.
    #[error("internal error: {0}")]
    Internal(String),
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Returns the HTTP status the page carries.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::InvalidFilter { .. }
            | Error::EmptyDateRange { .. }
            | Error::MalformedQuery(_)
            | Error::Rejected(_) => StatusCode::BAD_REQUEST,
            Error::ClauseNotFound(_) | Error::DocumentNotFound(_) => StatusCode::NOT_FOUND,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Returns the message shown to the reader, in Chinese and English; plain text, to be
    /// escaped by the page. Internal details are never part of it.
    pub fn reader_message(&self) -> String {
        match self {
            Error::InvalidFilter { field, value } => {
                format!("筛选条件无效：{field} = “{value}”。Invalid filter {field} = “{value}”: {}", hint(field))
            }
            Error::EmptyDateRange { from, to } => format!(
                "日期范围为空：{from} 晚于 {to}。The date range is empty: {from} is after {to}."
            ),
            Error::MalformedQuery(_) => {
                "无法读取网址中的查询参数。The query string in the address could not be read."
                    .to_owned()
            }
            Error::Rejected(reason) => format!("无法执行此搜索：{reason}。This search could not run: {reason}."),
            Error::ClauseNotFound(anchor) => {
                format!("找不到条款 {anchor}。No clause has the anchor {anchor}.")
            }
            Error::DocumentNotFound(id) => format!("找不到文件 {id}。No document has the id {id}."),
            Error::Internal(_) => {
                "服务器出错，请稍后再试。Something went wrong on the server; please try again later."
                    .to_owned()
            }
        }
    }
}

/// Tells what a filter accepts.
fn hint(field: &str) -> &'static str {
    match field {
        "lang" => "use zh or en.",
        "type" => "use one of the listed document types.",
        "from" | "to" => "use a date such as 2024-03-01.",
        "offset" => "use a whole number.",
        _ => "check the value.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_user_errors_to_400_and_missing_pages_to_404() {
        let bad = Error::InvalidFilter { field: "lang", value: "fr".to_owned() };
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        assert_eq!(Error::Rejected("空查询".to_owned()).status(), StatusCode::BAD_REQUEST);
        assert_eq!(Error::ClauseNotFound("a#1".to_owned()).status(), StatusCode::NOT_FOUND);
        assert_eq!(Error::Internal("disk".to_owned()).status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn reader_message_names_the_filter_but_hides_internal_details() {
        let bad = Error::InvalidFilter { field: "from", value: "二〇二四年".to_owned() };
        let message = bad.reader_message();
        assert!(message.contains("二〇二四年"), "{message}");
        assert!(message.contains("2024-03-01"), "{message}");
        let internal = Error::Internal("segment file /srv/index/7.idx is corrupt".to_owned());
        assert!(!internal.reader_message().contains("/srv/index"));
    }
}
