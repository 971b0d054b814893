//! `GET /clauses/{*anchor}`, `GET /documents/{*id}` and `GET /healthz`.

use axum::http::StatusCode;
use serde_json::Value;
use tiaowen_api::ApiOptions;

use crate::common::{app, app_with, error_code, get, Failure, EN_ANCHOR, ZH_ANCHOR};

#[tokio::test]
async fn a_clause_round_trips_from_a_search_hit() {
    let (_, found) = get(app(), "/search?q=%E9%98%B2%E8%8C%83").await; // 防范
    let anchor = found["hits"][0]["anchor"].as_str().expect("anchor").to_owned();
    assert_eq!(anchor, ZH_ANCHOR);
    // The documented form: `#` percent-encoded as `%23`, slashes as they are.
    let uri = format!("/clauses/{}", anchor.replace('#', "%23"));
    assert_eq!(uri, "/clauses/zh/html/govcn_006.html%232.5");
    let (status, body) = get(app(), &uri).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["anchor"], ZH_ANCHOR);
    assert_eq!(body["label"], "二（五）");
    assert_eq!(body["prev"], "zh/html/govcn_006.html#2.4");
    assert_eq!(body["next"], Value::Null);
    assert_eq!(body["document"]["id"], "zh/html/govcn_006.html");
    assert_eq!(body["sources"][0]["anchor"], ZH_ANCHOR);
}

#[tokio::test]
async fn a_fully_encoded_anchor_works_too() {
    let (status, body) = get(app(), "/clauses/en%2Fhtml%2Fmof_notice.html%23II.%285%29").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["anchor"], EN_ANCHOR);
}

#[tokio::test]
async fn an_unknown_anchor_is_a_404() {
    let (status, body) = get(app(), "/clauses/zh/html/govcn_006.html%239.9").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "clause_not_found");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("#9.9")), "{body}");
}

#[tokio::test]
async fn an_anchor_without_its_fragment_gets_a_hint() {
    let (status, body) = get(app(), "/clauses/zh/html/govcn_006.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "clause_not_found");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("%23")), "{body}");
}

#[tokio::test]
async fn a_document_lists_its_clauses_in_order() {
    let (status, body) = get(app(), "/documents/zh/html/govcn_006.html").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["document"]["title"], "国务院办公厅关于加强地方政府专项债券管理的意见");
    let anchors: Vec<&str> = body["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .filter_map(|c| c["anchor"].as_str())
        .collect();
    assert_eq!(anchors, ["zh/html/govcn_006.html#2.4", ZH_ANCHOR]);
}

#[tokio::test]
async fn an_unknown_document_is_a_404() {
    let (status, body) = get(app(), "/documents/zh/html/%E4%B8%8D%E5%AD%98%E5%9C%A8.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "document_not_found");
    assert!(body["error"]["message"].as_str().is_some_and(|m| m.contains("不存在")), "{body}");
}

#[tokio::test]
async fn healthz_reports_the_index() {
    let (status, body) = get(app(), "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["generation"], 7);
    assert_eq!(body["documents"], 2);
    assert_eq!(body["clauses"], 3);
    assert_eq!(body["schema_version"], 1);
}

#[tokio::test]
async fn healthz_is_a_503_when_the_index_fails() {
    let (router, _) = app_with(Failure::Internal, ApiOptions::default());
    let (status, body) = get(router, "/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error_code(&body), "unavailable");
    assert!(!body.to_string().contains("meta.json"), "{body}");
}
