//! `GET /search`: hits, parameters passed through, blocking-pool execution.

use axum::http::StatusCode;
use tiaowen_api::ApiOptions;
use tiaowen_model::{DocType, Lang};

use crate::common::{app, app_with, encode, get, Failure, EN_ANCHOR, ZH_ANCHOR};

#[tokio::test]
async fn a_chinese_query_finds_the_chinese_clause() {
    let uri = format!("/search?q={}", encode("专项债券资金"));
    assert!(uri.contains("%E4%B8%93"), "the query is percent-encoded: {uri}");
    let (status, body) = get(app(), &uri).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["query"], "专项债券资金");
    assert_eq!(body["total"], 1);
    assert_eq!(body["hits"][0]["anchor"], ZH_ANCHOR);
    assert_eq!(body["hits"][0]["citation"], "国办发〔2019〕6号 二（五）");
    assert_eq!(body["hits"][0]["snippet"], "加强<em>专项债券资金</em>使用管理，防范债务风险。");
    assert_eq!(body["hits"][0]["document"]["type"], "opinions");
    assert!(body["took_ms"].as_f64().is_some_and(|ms| ms >= 0.0), "{body}");
}

#[tokio::test]
async fn an_english_query_finds_the_english_clause() {
    let (status, body) = get(app(), "/search?q=special+bond&lang=en").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["query"], "special bond");
    assert_eq!(body["hits"][0]["anchor"], EN_ANCHOR);
    assert_eq!(body["hits"][0]["document"]["lang"], "en");
    assert!(body.get("explanation").is_none());
}

#[tokio::test]
async fn parameters_reach_the_backend_validated_and_normalised() {
    let (router, backend) = app_with(Failure::None, ApiOptions::default());
    let uri = format!(
        "/search?q={}&limit=5&offset=1&lang=ZH&type={}&issuer={}&from=2019&to=2024-02&explain",
        encode(" 专项债券 "),
        encode("意见"),
        encode("国务院办公厅"),
    );
    let (status, body) = get(router, &uri).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let request = backend.last_request.lock().expect("lock").clone().expect("backend called");
    assert_eq!(request.query, "专项债券");
    assert_eq!((request.limit, request.offset, request.explain), (5, 1, true));
    assert_eq!(request.filters.lang, Some(Lang::Zh));
    assert_eq!(request.filters.doc_type, Some(DocType::Opinions));
    assert_eq!(request.filters.issuer.as_deref(), Some("国务院办公厅"));
    assert_eq!(request.filters.from.as_deref(), Some("2019-01-01"));
    assert_eq!(request.filters.to.as_deref(), Some("2024-02-29"));
    // Offset 1 of the two matching clauses leaves one.
    assert_eq!(body["total"], 2);
    assert_eq!(body["hits"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn limits_default_to_ten_and_allow_one_hundred() {
    let (router, backend) = app_with(Failure::None, ApiOptions::default());
    let (status, _) = get(router.clone(), "/search?q=a").await;
    assert_eq!(status, StatusCode::OK);
    let request = backend.last_request.lock().expect("lock").clone().expect("backend called");
    assert_eq!((request.limit, request.offset), (10, 0));
    let (status, _) = get(router, "/search?q=a&limit=100&offset=10000").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn searches_run_off_the_async_thread() {
    // The current-thread runtime of this test runs every handler on this thread, so a backend
    // call seen on another thread ran on the blocking pool.
    let (router, backend) = app_with(Failure::None, ApiOptions::default());
    let (status, _) = get(router, "/search?q=bond").await;
    assert_eq!(status, StatusCode::OK);
    let backend_thread = backend.last_thread.lock().expect("lock").expect("backend called");
    assert_ne!(backend_thread, std::thread::current().id());
}

#[tokio::test]
async fn a_query_of_exactly_the_maximum_length_is_accepted() {
    let query = "债".repeat(1000);
    let (status, body) = get(app(), &format!("/search?q={}", encode(&query))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 0);
}

#[tokio::test]
async fn head_requests_are_answered() {
    let (status, _) = crate::common::send(app(), axum::http::Method::HEAD, "/search?q=bond").await;
    assert_eq!(status, StatusCode::OK);
}
