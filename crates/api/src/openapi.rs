//! The OpenAPI 3.0 description of the API, served at `GET /openapi.json`.
//!
//! It is written by hand; tests check that it lists every route of the router and that every
//! parameter it documents, with its example value, is accepted.

use std::sync::LazyLock;

use serde_json::{json, Value};

use crate::params::{doc_type_names, DEFAULT_LIMIT};

static SPEC: LazyLock<Value> = LazyLock::new(build);

/// Returns the OpenAPI 3.0 description of every endpoint, its parameters, and its response and
/// error schemas.
pub fn spec() -> &'static Value {
    &SPEC
}

fn build() -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "tiaowen",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Search Chinese and English government documents clause by clause. \
                Every error is JSON: {\"error\": {\"code\": \"...\", \"message\": \"...\"}}."
        },
        "paths": {
            "/search": { "get": search_operation() },
            "/clauses/{anchor}": { "get": lookup_operation(
                "getClause", "Returns one clause with its neighbours, document and sources.",
                "anchor",
                "The clause anchor, `{document id}#{clause path}`. Its slashes are sent as they \
                 are; its `#` MUST be percent-encoded as `%23`, or the client drops the rest as \
                 a URL fragment: `/clauses/zh/html/govcn_006.html%232.5`.",
                "zh/html/govcn_006.html#2.5", "ClauseView", "clause_not_found") },
            "/documents/{id}": { "get": lookup_operation(
                "getDocument", "Returns one document record with its clauses in order.",
                "id",
                "The document id: its path relative to the corpus root. Slashes are sent as \
                 they are.",
                "zh/html/govcn_006.html", "DocumentView", "document_not_found") },
            "/healthz": { "get": {
                "operationId": "health",
                "summary": "Reports that the server is up and what the index holds.",
                "responses": {
                    "200": json_response("The index statistics.", "Health"),
                    "503": error_ref("Unavailable")
                }
            }},
            "/openapi.json": { "get": {
                "operationId": "openapi",
                "summary": "Returns this description.",
                "responses": {
                    "200": { "description": "An OpenAPI 3.0 document.",
                             "content": { "application/json": { "schema": { "type": "object" } } } }
                }
            }}
        },
        "components": { "schemas": schemas(), "responses": error_responses() }
    })
}

fn search_operation() -> Value {
    json!({
        "operationId": "search",
        "summary": "Searches clauses; the best hits first, each with its citation and sources.",
        "parameters": [
            query_param("q", "The query, 1 to 1,000 characters; surrounding whitespace is trimmed.",
                true, json!({ "type": "string", "minLength": 1, "maxLength": 1000 }),
                json!("地方政府专项债券")),
            query_param("limit", "Hits per page.", false,
                json!({ "type": "integer", "minimum": 1, "maximum": 100, "default": DEFAULT_LIMIT }),
                json!(20)),
            query_param("offset", "Hits to skip, for paging.", false,
                json!({ "type": "integer", "minimum": 0, "maximum": 10000, "default": 0 }), json!(10)),
            query_param("lang", "Only documents in this language.", false,
                json!({ "type": "string", "enum": ["zh", "en"] }), json!("zh")),
            query_param("type", "Only documents of this type (the Chinese name, e.g. 意见, works \
                too).", false, json!({ "type": "string", "enum": doc_type_names() }),
                json!("opinions")),
            query_param("issuer", "Only documents one of whose issuers contains this text.", false,
                json!({ "type": "string", "maxLength": 200 }), json!("国务院")),
            query_param("from", "Only documents dated on or after this date: YYYY-MM-DD, YYYY-MM \
                or YYYY (a partial date means the start of that period).", false,
                date_schema(), json!("2019-01")),
            query_param("to", "Only documents dated on or before this date: YYYY-MM-DD, YYYY-MM \
                or YYYY (a partial date means the end of that period).", false,
                date_schema(), json!("2024")),
            query_param("current", "Whether to keep to documents in force: no version a later \
                one superseded, nothing repealed or expired; a bare `current` means true.", false,
                json!({ "type": "boolean", "default": false }), json!(true)),
            query_param("all_documents", "Whether to search every document even when the \
                question names an act without book-title marks (`会计法 会计凭证保管多久`), \
                which otherwise keeps the search to that act; a bare `all_documents` means \
                true.", false, json!({ "type": "boolean", "default": false }), json!(true)),
            query_param("explain", "Whether to explain the query expansion and each score; a \
                bare `explain` means true.", false,
                json!({ "type": "boolean", "default": false }), json!(true))
        ],
        "responses": {
            "200": json_response("The hits.", "SearchResponse"),
            "400": error_ref("BadRequest"),
            "503": error_ref("Unavailable"),
            "500": error_ref("Internal")
        }
    })
}

fn lookup_operation(
    id: &str,
    summary: &str,
    param: &str,
    description: &str,
    example: &str,
    schema: &str,
    not_found_code: &str,
) -> Value {
    json!({
        "operationId": id,
        "summary": summary,
        "parameters": [{
            "name": param, "in": "path", "required": true, "description": description,
            "schema": { "type": "string" }, "example": example
        }],
        "responses": {
            "200": json_response(summary, schema),
            "400": error_ref("BadRequest"),
            "404": {
                "description": format!("Not found (code `{not_found_code}`)."),
                "content": { "application/json": { "schema": schema_ref("Error") } }
            },
            "503": error_ref("Unavailable"),
            "500": error_ref("Internal")
        }
    })
}

fn query_param(
    name: &str,
    description: &str,
    required: bool,
    schema: Value,
    example: Value,
) -> Value {
    json!({ "name": name, "in": "query", "required": required, "description": description,
            "schema": schema, "example": example })
}

fn date_schema() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?$" })
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn error_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/responses/{name}") })
}

fn json_response(description: &str, schema: &str) -> Value {
    json!({ "description": description,
            "content": { "application/json": { "schema": schema_ref(schema) } } })
}

fn error_responses() -> Value {
    let error = |description: &str| {
        json!({ "description": description,
                "content": { "application/json": { "schema": schema_ref("Error") } } })
    };
    json!({
        "BadRequest": error("Invalid request. Codes: missing_query, empty_query, query_too_long, \
            invalid_number, out_of_range, invalid_boolean, unknown_filter_value, \
            parameter_too_long, invalid_date, invalid_date_range, invalid_query_string, \
            invalid_path, bad_request."),
        "NotFound": error("Unknown path (code `not_found`)."),
        "MethodNotAllowed": error("The path exists but not for this method (code \
            `method_not_allowed`); every endpoint is GET (HEAD works too)."),
        "Unavailable": error("The index is unavailable or too busy (codes `unavailable`, \
            `overloaded`); retry later."),
        "Internal": error("An internal error (code `internal`); the details are logged, not sent.")
    })
}

fn schemas() -> Value {
    let string = json!({ "type": "string" });
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    let nullable_string = json!({ "type": "string", "nullable": true });
    json!({
        "Error": object(&["error"], json!({ "error": object(&["code", "message"], json!({
            "code": { "type": "string", "description": "Stable machine-readable code." },
            "message": { "type": "string", "description": "Human-readable explanation." }
        })) })),
        "Health": object(&["status", "generation", "documents", "clauses", "schema_version"],
            json!({
                "status": { "type": "string", "enum": ["ok"] },
                "generation": { "type": "integer", "description": "Changes with each commit loaded." },
                "documents": { "type": "integer" },
                "clauses": { "type": "integer" },
                "schema_version": { "type": "integer" }
            })),
        "SearchResponse": object(&["query", "total", "hits"], json!({
            "query": string,
            "total": { "type": "integer", "description": "Distinct clauses that matched." },
            "hits": { "type": "array", "items": schema_ref("SearchHit") },
            "corrections": {
                "type": "array",
                "description": "Misspelt English words searched as the word one edit away \
                    that the index holds (`restrictons` → `restrictions`); absent when none.",
                "items": object(&["from", "to"], json!({ "from": string, "to": string }))
            },
            "named_acts": {
                "type": "array",
                "description": "The acts the question named without book-title marks \
                    (`会计法`), to which the search kept; absent when it searched every \
                    document (ask for `all_documents` to do so).",
                "items": string
            },
            "explanation": { "type": "object", "description": "Present when `explain` is set." },
            "took_ms": { "type": "number", "description": "Server time in milliseconds." }
        })),
        "SearchHit": object(
            &["anchor", "text", "label", "headings", "citation", "snippet", "score", "document", "sources"],
            json!({
                "anchor": string, "text": string, "label": string, "headings": strings,
                "citation": string,
                "snippet": { "type": "string",
                             "description": "HTML-escaped text, matches wrapped in <em>…</em>." },
                "score": { "type": "number" },
                "document": schema_ref("Document"),
                "sources": { "type": "array", "items": schema_ref("SourceRef") },
                "explanation": { "type": "object" }
            })),
        "Clause": object(&["anchor", "label", "headings", "text", "citation"], json!({
            "anchor": string, "label": string, "headings": strings, "text": string,
            "citation": string
        })),
        "ClauseView": {
            "allOf": [schema_ref("Clause"), object(&["document", "sources"], json!({
                "prev": nullable_string, "next": nullable_string,
                "prev_label": string, "next_label": string,
                "document": schema_ref("Document"),
                "sources": { "type": "array", "items": schema_ref("SourceRef") }
            }))]
        },
        "DocumentView": object(&["document", "clauses"], json!({
            "document": schema_ref("Document"),
            "clauses": { "type": "array", "items": schema_ref("Clause") }
        })),
        "SourceRef": object(&["anchor", "path", "format", "citation"], json!({
            "anchor": string, "path": string, "format": string, "citation": string
        })),
        "DocNumber": object(&["raw", "normalized"], json!({ "raw": string, "normalized": string })),
        "Document": object(
            &["id", "title", "doc_number", "issuers", "dates", "lang", "type", "source", "cites"],
            json!({
                "id": string, "title": string, "subject": string,
                "doc_number": { "allOf": [schema_ref("DocNumber")], "nullable": true },
                "issuers": strings,
                "dates": object(&[], json!({ "issued": string, "published": string })),
                "lang": { "type": "string", "enum": ["zh", "en"] },
                "type": { "type": "string", "enum": doc_type_names() },
                "source": object(&["path", "format"], json!({
                    "path": string,
                    "format": { "type": "string", "enum": ["html", "pdf", "markdown", "text"] }
                })),
                "cites": { "type": "array", "items": object(&[], json!({
                    "title": string, "doc_number": schema_ref("DocNumber")
                })) },
                "missing_attachments": strings,
                "warnings": strings,
                "notes": strings,
                "repeals": { "type": "array", "items": object(&[], json!({
                    "title": string, "doc_number": schema_ref("DocNumber")
                })) },
                "valid_until": string,
                "status": object(&["state", "reason"], json!({
                    "state": { "type": "string",
                               "enum": ["current", "superseded", "repealed", "expired"] },
                    "by": string,
                    "reason": string
                }))
            }))
    })
}

fn object(required: &[&str], properties: Value) -> Value {
    if required.is_empty() {
        return json!({ "type": "object", "properties": properties });
    }
    json!({ "type": "object", "required": required, "properties": properties })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects every `$ref` target in the document.
    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child.as_str()) {
                        ("$ref", Some(target)) => out.push(target.to_owned()),
                        _ => refs(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves() {
        let spec = spec();
        let mut targets = Vec::new();
        refs(spec, &mut targets);
        assert!(targets.len() > 10);
        for target in targets {
            let pointer = target.trim_start_matches('#');
            assert!(spec.pointer(pointer).is_some(), "dangling $ref {target}");
        }
    }

    #[test]
    fn every_parameter_has_an_example_and_a_schema() {
        for (path, item) in spec()["paths"].as_object().expect("paths") {
            for param in item["get"]["parameters"].as_array().into_iter().flatten() {
                assert!(param.get("example").is_some(), "{path}: {param}");
                assert!(param["schema"].is_object(), "{path}: {param}");
            }
        }
    }

    #[test]
    fn the_document_type_enum_follows_the_model() {
        let search = &spec()["paths"]["/search"]["get"]["parameters"];
        let type_param = search
            .as_array()
            .and_then(|params| params.iter().find(|p| p["name"] == "type"))
            .expect("type parameter");
        let listed = type_param["schema"]["enum"].as_array().expect("enum").len();
        assert_eq!(listed, tiaowen_model::DocType::ALL.len());
    }
}
