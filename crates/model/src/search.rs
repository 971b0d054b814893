//! Search requests and the answers the CLI (`--json`) and the HTTP API both return.

use serde::{Deserialize, Serialize};

use crate::{Clause, DocType, Document, Lang};

/// Filters that narrow a search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    /// Only documents in this language.
    pub lang: Option<Lang>,
    /// Only documents of this type.
    pub doc_type: Option<DocType>,
    /// Only documents one of whose issuers contains this text.
    pub issuer: Option<String>,
    /// Only documents issued (or published) on or after this ISO date.
    pub from: Option<String>,
    /// Only documents issued (or published) on or before this ISO date.
    pub to: Option<String>,
    /// Only documents in force: no version a later one superseded, nothing repealed or
    /// expired.
    #[serde(default)]
    pub current: bool,
}

/// One search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// The query as the user typed it.
    pub query: String,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
    /// Filters.
    pub filters: Filters,
    /// Whether to explain the query expansion and each hit's score.
    pub explain: bool,
    /// Whether to search every document even when the question names an act without
    /// book-title marks (`会计法 会计凭证保管多久`), which otherwise keeps the search to it.
    #[serde(default)]
    pub all_documents: bool,
}

impl SearchRequest {
    /// Builds a request with the default limit (10) and no filters.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            filters: Filters::default(),
            explain: false,
            all_documents: false,
        }
    }
}

/// One place a clause text was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The clause anchor in that source.
    pub anchor: String,
    /// The source path relative to the corpus root.
    pub path: String,
    /// The source format (`html`, `pdf`, ...).
    pub format: String,
    /// The citation of the clause in that source.
    pub citation: String,
}

/// One hit: a clause with its document and every source it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The clause anchor (permalink key).
    pub anchor: String,
    /// The whole clause text.
    pub text: String,
    /// The label as the document writes it.
    pub label: String,
    /// The heading chain above the clause.
    pub headings: Vec<String>,
    /// The citation string.
    pub citation: String,
    /// The clause text around the matches, matches wrapped in `<em>…</em>`, HTML-escaped.
    pub snippet: String,
    /// The ranking score.
    pub score: f32,
    /// The document record.
    pub document: Document,
    /// Every source carrying the same clause text, this one first.
    pub sources: Vec<SourceRef>,
    /// Why the hit scored as it did, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
}

/// A query word read as another: a misspelt English word and the word the index holds
/// one edit away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The word as the query wrote it.
    pub from: String,
    /// The word searched for.
    pub to: String,
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// The query as given.
    pub query: String,
    /// How many distinct clauses matched.
    pub total: usize,
    /// The hits on this page, best first.
    pub hits: Vec<SearchHit>,
    /// Misspelt words of the query and the words searched for instead (`restrictons` →
    /// `restrictions`); empty when none was corrected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
    /// The acts the question named without book-title marks (`会计法`), to which the search
    /// kept; empty when it searched every document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named_acts: Vec<String>,
    /// How the query was understood (terms, document numbers, expansions), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<serde_json::Value>,
    /// Milliseconds the server took (HTTP only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub took_ms: Option<f64>,
}

/// One clause in the context of its document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClauseView {
    /// The clause.
    #[serde(flatten)]
    pub clause: Clause,
    /// The anchor of the clause before it in the document, if any.
    pub prev: Option<String>,
    /// The anchor of the clause after it in the document, if any.
    pub next: Option<String>,
    /// The label of the clause before it, as the document writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_label: Option<String>,
    /// The label of the clause after it, as the document writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_label: Option<String>,
    /// The document record.
    pub document: Document,
    /// Every source carrying the same clause text.
    pub sources: Vec<SourceRef>,
}

/// A document with its clause tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    /// The document record.
    pub document: Document,
    /// Its clauses in document order.
    pub clauses: Vec<Clause>,
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Changes with every commit that the reader has loaded.
    pub generation: u64,
    /// Documents indexed.
    pub documents: u64,
    /// Clauses indexed.
    pub clauses: u64,
    /// The analyzer and schema version the index was built with.
    pub schema_version: u32,
}
