//! A fake backend over three clauses, and request helpers.

use std::sync::{Arc, Mutex};
use std::thread::ThreadId;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tiaowen_api::{ApiOptions, AppState, Backend, BackendError};
use tiaowen_model::{
    Clause, ClauseView, DocDates, DocNumber, Document, DocumentView, IndexStats, SearchHit,
    SearchRequest, SearchResponse, SourceRef,
};
use tower::ServiceExt;

/// The anchor of the Chinese clause (with `#` and a multi-level path).
pub const ZH_ANCHOR: &str = "zh/html/govcn_006.html#2.5";
/// The anchor of the English clause.
pub const EN_ANCHOR: &str = "en/html/mof_notice.html#II.(5)";

/// How the fake backend misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    None,
    BadRequest,
    Internal,
    Panic,
    /// Sleeps 300 ms, then answers.
    Slow,
}

/// A backend over two documents that records the last search request and the thread it ran on.
pub struct FakeBackend {
    pub failure: Failure,
    pub last_request: Mutex<Option<SearchRequest>>,
    pub last_thread: Mutex<Option<ThreadId>>,
}

impl FakeBackend {
    pub fn new(failure: Failure) -> FakeBackend {
        FakeBackend { failure, last_request: Mutex::new(None), last_thread: Mutex::new(None) }
    }

    fn enter(&self) -> Result<(), BackendError> {
        *self.last_thread.lock().expect("lock") = Some(std::thread::current().id());
        match self.failure {
            Failure::None => Ok(()),
            Failure::BadRequest => Err(BackendError::BadRequest("查询不含可检索的词".into())),
            Failure::Internal => {
                Err(BackendError::Internal("/srv/tiaowen/index/meta.json: corrupt".into()))
            }
            Failure::Panic => panic!("backend bug"),
            Failure::Slow => {
                std::thread::sleep(std::time::Duration::from_millis(300));
                Ok(())
            }
        }
    }
}

pub fn zh_document() -> Document {
    Document {
        doc_number: Some(DocNumber {
            raw: "国办发[2019]6号".into(),
            normalized: "国办发〔2019〕6号".into(),
        }),
        issuers: vec!["国务院办公厅".into()],
        dates: DocDates { issued: Some("2019-03-05".into()), published: None },
        ..Document::new("zh/html/govcn_006.html", "国务院办公厅关于加强地方政府专项债券管理的意见")
    }
}

pub fn en_document() -> Document {
    Document {
        doc_number: Some(DocNumber {
            raw: "Caijian [2024] No. 16".into(),
            normalized: "Caijian [2024] No. 16".into(),
        }),
        issuers: vec!["Ministry of Finance".into()],
        dates: DocDates { issued: Some("2024-02-01".into()), published: None },
        ..Document::new(
            "en/html/mof_notice.html",
            "Notice on Improving the Quality of Special Bonds",
        )
    }
}

pub fn clauses() -> Vec<(Clause, Document)> {
    let clause = |anchor: &str, label: &str, text: &str, citation: &str| Clause {
        anchor: anchor.into(),
        label: label.into(),
        headings: vec!["二、".into()],
        text: text.into(),
        citation: citation.into(),
    };
    vec![
        (
            clause(
                "zh/html/govcn_006.html#2.4",
                "二（四）",
                "严格专项债券项目审核。",
                "国办发〔2019〕6号 二（四）",
            ),
            zh_document(),
        ),
        (
            clause(
                ZH_ANCHOR,
                "二（五）",
                "加强专项债券资金使用管理，防范债务风险。",
                "国办发〔2019〕6号 二（五）",
            ),
            zh_document(),
        ),
        (
            clause(
                EN_ANCHOR,
                "II.(5)",
                "Improve the quality of special bond projects.",
                "Caijian [2024] No. 16 II.(5)",
            ),
            en_document(),
        ),
    ]
}

fn source_of(clause: &Clause, document: &Document) -> SourceRef {
    SourceRef {
        anchor: clause.anchor.clone(),
        path: document.source.path.clone(),
        format: document.source.format.as_str().into(),
        citation: clause.citation.clone(),
    }
}

impl Backend for FakeBackend {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
        self.enter()?;
        *self.last_request.lock().expect("lock") = Some(request.clone());
        let needle = request.query.to_lowercase();
        let mut hits = Vec::new();
        for (clause, document) in clauses() {
            if !clause.text.to_lowercase().contains(&needle) {
                continue;
            }
            hits.push(SearchHit {
                anchor: clause.anchor.clone(),
                text: clause.text.clone(),
                label: clause.label.clone(),
                headings: clause.headings.clone(),
                citation: clause.citation.clone(),
                snippet: clause
                    .text
                    .replace(&request.query, &format!("<em>{}</em>", request.query)),
                score: 1.0,
                sources: vec![source_of(&clause, &document)],
                document,
                explanation: None,
            });
        }
        let total = hits.len();
        let hits = hits.into_iter().skip(request.offset).take(request.limit).collect();
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            hits,
            corrections: Vec::new(),
            explanation: None,
            named_acts: Vec::new(),
            took_ms: None,
        })
    }

    fn clause(&self, anchor: &str) -> Result<Option<ClauseView>, BackendError> {
        self.enter()?;
        let all = clauses();
        let Some(position) = all.iter().position(|(clause, _)| clause.anchor == anchor) else {
            return Ok(None);
        };
        let (clause, document) = all[position].clone();
        let same_doc = |index: usize| {
            all.get(index).filter(|(_, d)| d.id == document.id).map(|(c, _)| c.anchor.clone())
        };
        Ok(Some(ClauseView {
            prev: position.checked_sub(1).and_then(same_doc),
            next: same_doc(position + 1),
            prev_label: None,
            next_label: None,
            sources: vec![source_of(&clause, &document)],
            clause,
            document,
        }))
    }

    fn document(&self, id: &str) -> Result<Option<DocumentView>, BackendError> {
        self.enter()?;
        let mut found = None;
        let mut clauses_of = Vec::new();
        for (clause, document) in clauses() {
            if document.id == id {
                clauses_of.push(clause);
                found = Some(document);
            }
        }
        Ok(found.map(|document| DocumentView { document, clauses: clauses_of }))
    }

    fn stats(&self) -> Result<IndexStats, BackendError> {
        self.enter()?;
        Ok(IndexStats { generation: 7, documents: 2, clauses: 3, schema_version: 1 })
    }
}

/// Builds the router over a fresh fake backend, returning the backend too.
pub fn app_with(failure: Failure, options: ApiOptions) -> (Router, Arc<FakeBackend>) {
    let backend = Arc::new(FakeBackend::new(failure));
    let state = AppState::with_options(Arc::clone(&backend) as Arc<dyn Backend>, options);
    (tiaowen_api::router(state), backend)
}

/// Builds the router over a well-behaved fake backend.
pub fn app() -> Router {
    app_with(Failure::None, ApiOptions::default()).0
}

/// Sends a request and returns the status and the JSON body (`Value::Null` if empty).
pub async fn send(app: Router, method: Method, uri: &str) -> (StatusCode, Value) {
    let request = Request::builder().method(method).uri(uri).body(Body::empty()).expect("request");
    let response = app.oneshot(request).await.expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20).await.expect("body");
    if bytes.is_empty() {
        return (status, Value::Null);
    }
    assert!(content_type.starts_with("application/json"), "{uri}: content-type {content_type}");
    (status, serde_json::from_slice(&bytes).expect("json body"))
}

/// Sends a GET request.
pub async fn get(app: Router, uri: &str) -> (StatusCode, Value) {
    send(app, Method::GET, uri).await
}

/// Asserts the error shape `{"error": {"code", "message"}}` and returns the code.
pub fn error_code(body: &Value) -> &str {
    let error = body.get("error").and_then(Value::as_object).expect("error object");
    assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert_eq!(error.len(), 2, "{body}");
    error["code"].as_str().expect("error code")
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
