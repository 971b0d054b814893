//! A fake clause index for the page tests, and helpers to call the router.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use tiaowen_api::{Backend, BackendError};
use tiaowen_model::{
    Clause, ClauseView, DocDates, DocNumber, Document, DocumentView, IndexStats, Lang, SearchHit,
    SearchRequest, SearchResponse, SourceRef,
};
use tower::ServiceExt;

/// How the fake answers.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    /// Searches its documents.
    #[default]
    Normal,
    /// Refuses every search as a client error with this reason.
    Reject(String),
    /// Fails every call internally with this detail.
    Fail(String),
    /// Returns snippets without escaping them, as a buggy index would.
    RawSnippets,
}

/// A clause index over a few documents held in memory.
pub struct FakeBackend {
    pub documents: Vec<DocumentView>,
    pub mode: Mode,
    /// The last search request received.
    pub last_request: Mutex<Option<SearchRequest>>,
}

impl FakeBackend {
    pub fn new(documents: Vec<DocumentView>, mode: Mode) -> FakeBackend {
        FakeBackend { documents, mode, last_request: Mutex::new(None) }
    }

    /// The two sample documents: a Chinese opinion and English measures.
    pub fn sample() -> FakeBackend {
        FakeBackend::new(vec![chinese_opinion(), english_measures()], Mode::Normal)
    }

    fn fail(&self) -> Result<(), BackendError> {
        match &self.mode {
            Mode::Reject(reason) => Err(BackendError::BadRequest(reason.clone())),
            Mode::Fail(detail) => Err(BackendError::Internal(detail.clone())),
            Mode::Normal | Mode::RawSnippets => Ok(()),
        }
    }

    fn sources(&self, view: &DocumentView, clause: &Clause) -> Vec<SourceRef> {
        let mut sources = vec![SourceRef {
            anchor: clause.anchor.clone(),
            path: view.document.source.path.clone(),
            format: view.document.source.format.as_str().to_owned(),
            citation: clause.citation.clone(),
        }];
        if view.document.lang == Lang::Zh {
            let pdf_path = view.document.id.replace("/html/", "/pdf/").replace(".html", ".pdf");
            let fragment = clause.anchor.split_once('#').map_or("", |(_, f)| f);
            sources.push(SourceRef {
                anchor: format!("{pdf_path}#{fragment}"),
                path: pdf_path,
                format: "pdf".to_owned(),
                citation: clause.citation.clone(),
            });
        }
        sources
    }

    fn matches(request: &SearchRequest, document: &Document, clause: &Clause) -> bool {
        let filters = &request.filters;
        let date = document.dates.issued.as_deref().unwrap_or("");
        let keep = filters.lang.is_none_or(|lang| lang == document.lang)
            && filters.doc_type.is_none_or(|kind| kind == document.doc_type)
            && filters
                .issuer
                .as_ref()
                .is_none_or(|i| document.issuers.iter().any(|x| x.contains(i)))
            && filters.from.as_ref().is_none_or(|from| date >= from.as_str())
            && filters.to.as_ref().is_none_or(|to| date <= to.as_str());
        let text = clause.text.to_lowercase();
        keep && request.query.split_whitespace().any(|term| text.contains(&term.to_lowercase()))
    }

    fn snippet(&self, request: &SearchRequest, text: &str) -> String {
        let escape = |s: &str| -> String {
            if matches!(self.mode, Mode::RawSnippets) {
                s.to_owned()
            } else {
                s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
            }
        };
        let lower = text.to_lowercase();
        for term in request.query.split_whitespace() {
            if let Some(at) = lower.find(&term.to_lowercase()) {
                let end = at + term.len();
                if text.is_char_boundary(at) && text.is_char_boundary(end) {
                    let (before, rest) = text.split_at(at);
                    let (hit, after) = rest.split_at(term.len());
                    return format!("{}<em>{}</em>{}", escape(before), escape(hit), escape(after));
                }
            }
        }
        escape(text)
    }
}

impl Backend for FakeBackend {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, BackendError> {
        *self.last_request.lock().expect("lock") = Some(request.clone());
        self.fail()?;
        let mut hits = Vec::new();
        for view in &self.documents {
            for clause in &view.clauses {
                if Self::matches(request, &view.document, clause) {
                    hits.push(SearchHit {
                        anchor: clause.anchor.clone(),
                        text: clause.text.clone(),
                        label: clause.label.clone(),
                        headings: clause.headings.clone(),
                        citation: clause.citation.clone(),
                        snippet: self.snippet(request, &clause.text),
                        score: 1.0,
                        document: view.document.clone(),
                        sources: self.sources(view, clause),
                        explanation: None,
                    });
                }
            }
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
            took_ms: Some(3.0),
        })
    }

    fn clause(&self, anchor: &str) -> Result<Option<ClauseView>, BackendError> {
        self.fail()?;
        for view in &self.documents {
            let Some(at) = view.clauses.iter().position(|c| c.anchor == anchor) else {
                continue;
            };
            let clause = view.clauses[at].clone();
            return Ok(Some(ClauseView {
                prev: at.checked_sub(1).map(|i| view.clauses[i].anchor.clone()),
                next: view.clauses.get(at + 1).map(|c| c.anchor.clone()),
                prev_label: at.checked_sub(1).map(|i| view.clauses[i].label.clone()),
                next_label: view.clauses.get(at + 1).map(|c| c.label.clone()),
                document: view.document.clone(),
                sources: self.sources(view, &clause),
                clause,
            }));
        }
        Ok(None)
    }

    fn document(&self, id: &str) -> Result<Option<DocumentView>, BackendError> {
        self.fail()?;
        Ok(self.documents.iter().find(|view| view.document.id == id).cloned())
    }

    fn stats(&self) -> Result<IndexStats, BackendError> {
        let clauses = self.documents.iter().map(|view| view.clauses.len() as u64).sum();
        Ok(IndexStats {
            generation: 1,
            documents: self.documents.len() as u64,
            clauses,
            schema_version: 1,
        })
    }
}

/// Builds a document record.
pub fn document(id: &str, title: &str, number: Option<&str>, issuer: &str, date: &str) -> Document {
    Document {
        doc_number: number.map(|n| DocNumber { raw: n.to_owned(), normalized: n.to_owned() }),
        issuers: vec![issuer.to_owned()],
        dates: DocDates { issued: Some(date.to_owned()), published: None },
        ..Document::new(id, title)
    }
}

/// Builds a clause; its citation is the document number (or title), a space, the label.
pub fn clause(
    document: &Document,
    path: &str,
    label: &str,
    headings: &[&str],
    text: &str,
) -> Clause {
    let source = document.doc_number.as_ref().map_or(document.title.as_str(), |n| &n.normalized);
    Clause {
        anchor: format!("{}#{path}", document.id),
        label: label.to_owned(),
        headings: headings.iter().map(|h| (*h).to_owned()).collect(),
        text: text.to_owned(),
        citation: format!("{source} {label}"),
    }
}

/// A Chinese opinion with three clauses under two headings.
pub fn chinese_opinion() -> DocumentView {
    let document = document(
        "zh/html/govcn_006.html",
        "国务院办公厅关于加快推进政务服务跨省通办的指导意见",
        Some("国办发〔2020〕35号"),
        "国务院办公厅",
        "2020-09-24",
    );
    let clauses = vec![
        clause(
            &document,
            "1.1",
            "一（一）",
            &["一、总体要求", "（一）指导思想"],
            "以习近平新时代中国特色社会主义思想为指导，深化放管服改革，优化营商环境。",
        ),
        clause(
            &document,
            "1.2",
            "一（二）",
            &["一、总体要求", "（二）基本原则"],
            "坚持需求导向，聚焦企业和群众办事的难点堵点，推进政务服务跨省通办。",
        ),
        clause(
            &document,
            "2.1",
            "二（一）",
            &["二、重点任务"],
            "加快政务数据共享，推动电子证照在异地办事中的应用。",
        ),
    ];
    DocumentView { document, clauses }
}

/// English measures with two articles.
pub fn english_measures() -> DocumentView {
    let document = document(
        "en/html/data_measures.html",
        "Measures for the Security Assessment of Outbound Data Transfers",
        Some("CAC Order No. 11"),
        "Cyberspace Administration of China",
        "2022-07-07",
    );
    let clauses = vec![
        clause(&document, "1", "Article 1", &[], "These Measures are formulated to regulate outbound data transfers and protect personal information."),
        clause(&document, "2", "Article 2", &[], "A data processor that provides important data abroad shall apply for a security assessment."),
    ];
    DocumentView { document, clauses }
}

/// A document whose every field tries to inject a script.
pub fn hostile_document() -> DocumentView {
    const PAYLOAD: &str = "<script>alert(1)</script>";
    let mut document = document(
        "zh/html/evil<script>alert(1)</script>.html",
        &format!("恶意{PAYLOAD}通知"),
        Some(&format!("国发{PAYLOAD}1号")),
        &format!("机关{PAYLOAD}"),
        "2024-01-01",
    );
    document.missing_attachments = vec![format!("附件{PAYLOAD}")];
    let clauses = vec![
        clause(
            &document,
            "1",
            &format!("第一条{PAYLOAD}"),
            &[&format!("第一章{PAYLOAD}")],
            &format!("恶意条款 {PAYLOAD} \"quoted\" & 'single'"),
        ),
        clause(&document, "2", "第二条", &[], "恶意条款 第二条"),
    ];
    DocumentView { document, clauses }
}

/// Calls the router once and returns the status and the body as text.
pub async fn get(router: &Router, uri: &str) -> (StatusCode, String) {
    let request = Request::builder().uri(uri).body(Body::empty()).expect("valid request");
    let response = router.clone().oneshot(request).await.expect("router is infallible");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 4 << 20).await.expect("body");
    (status, String::from_utf8(bytes.to_vec()).expect("utf-8 body"))
}

/// Builds the router over a backend, keeping a handle to the backend.
pub fn router_over(backend: FakeBackend) -> (Router, Arc<FakeBackend>) {
    let backend = Arc::new(backend);
    let shared: Arc<dyn Backend> = backend.clone();
    (tiaowen_web::router(shared), backend)
}
