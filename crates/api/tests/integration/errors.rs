//! Every client error is a JSON 4xx; server errors are generic JSON 5xx.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::routing::get as get_route;
use axum::Router;
use tiaowen_api::{ApiOptions, AppState, Backend};
use tower::ServiceExt;

use crate::common::{app, app_with, encode, error_code, get, send, Failure, FakeBackend};

async fn assert_error(uri: &str, status: StatusCode, code: &str) {
    let (actual_status, body) = get(app(), uri).await;
    assert_eq!(actual_status, status, "{uri}: {body}");
    assert_eq!(error_code(&body), code, "{uri}: {body}");
}

#[tokio::test]
async fn a_missing_or_blank_query_is_a_400() {
    assert_error("/search", StatusCode::BAD_REQUEST, "missing_query").await;
    assert_error("/search?limit=5", StatusCode::BAD_REQUEST, "missing_query").await;
    assert_error("/search?q=", StatusCode::BAD_REQUEST, "empty_query").await;
    assert_error("/search?q=+%20%09", StatusCode::BAD_REQUEST, "empty_query").await;
    // An ideographic space (U+3000) is whitespace too.
    assert_error("/search?q=%E3%80%80", StatusCode::BAD_REQUEST, "empty_query").await;
}

#[tokio::test]
async fn a_query_over_one_thousand_characters_is_a_400() {
    let uri = format!("/search?q={}", encode(&"债".repeat(1001)));
    assert_error(&uri, StatusCode::BAD_REQUEST, "query_too_long").await;
}

#[tokio::test]
async fn bad_numbers_are_a_400() {
    for (uri, code) in [
        ("/search?q=a&limit=abc", "invalid_number"),
        ("/search?q=a&limit=-1", "invalid_number"),
        ("/search?q=a&offset=-5", "invalid_number"),
        ("/search?q=a&limit=2.5", "invalid_number"),
        ("/search?q=a&limit=0", "out_of_range"),
        ("/search?q=a&limit=101", "out_of_range"),
        ("/search?q=a&offset=10001", "out_of_range"),
        ("/search?q=a&limit=184467440737095516160", "out_of_range"),
        ("/search?q=a&explain=perhaps", "invalid_boolean"),
    ] {
        assert_error(uri, StatusCode::BAD_REQUEST, code).await;
    }
}

#[tokio::test]
async fn unknown_filter_values_are_a_400() {
    assert_error("/search?q=a&lang=fr", StatusCode::BAD_REQUEST, "unknown_filter_value").await;
    assert_error("/search?q=a&type=foo", StatusCode::BAD_REQUEST, "unknown_filter_value").await;
    let uri = format!("/search?q=a&type={}", encode("公报"));
    assert_error(&uri, StatusCode::BAD_REQUEST, "unknown_filter_value").await;
}

#[tokio::test]
async fn bad_dates_are_a_400() {
    for date in ["2024-13-01", "2023-02-29", "24", "2024%2003%2005", "2024-3-5-1", "yesterday"] {
        assert_error(&format!("/search?q=a&from={date}"), StatusCode::BAD_REQUEST, "invalid_date")
            .await;
    }
    let uri = format!("/search?q=a&to={}", encode("2024年3月"));
    assert_error(&uri, StatusCode::BAD_REQUEST, "invalid_date").await;
    assert_error("/search?q=a&from=2024&to=2023-12", StatusCode::BAD_REQUEST, "invalid_date_range")
        .await;
}

#[tokio::test]
async fn an_unreadable_query_string_is_a_json_400() {
    // A repeated parameter is ambiguous.
    assert_error("/search?q=a&q=b", StatusCode::BAD_REQUEST, "invalid_query_string").await;
}

#[tokio::test]
async fn a_query_that_is_not_utf8_is_searched_lossily_not_failed() {
    let (status, body) = get(app(), "/search?q=%FF%FE").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["query"], "\u{FFFD}\u{FFFD}");
}

#[tokio::test]
async fn an_unreadable_path_is_a_json_400() {
    // %FF is not UTF-8.
    assert_error("/clauses/zh/%FF%FE%2301", StatusCode::BAD_REQUEST, "invalid_path").await;
    assert_error("/documents/%C3%28", StatusCode::BAD_REQUEST, "invalid_path").await;
}

#[tokio::test]
async fn a_backend_bad_request_is_a_400_with_its_message() {
    let (router, _) = app_with(Failure::BadRequest, ApiOptions::default());
    let (status, body) = get(router, "/search?q=%E7%9A%84").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_code(&body), "bad_request");
    assert_eq!(body["error"]["message"], "查询不含可检索的词");
}

#[tokio::test]
async fn a_backend_failure_is_a_generic_500() {
    for failure in [Failure::Internal, Failure::Panic] {
        for uri in ["/search?q=a", "/clauses/zh/a.html%231", "/documents/zh/a.html"] {
            let (router, _) = app_with(failure, ApiOptions::default());
            let (status, body) = get(router, uri).await;
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{failure:?} {uri}");
            assert_eq!(error_code(&body), "internal");
            assert_eq!(body["error"]["message"], "internal server error");
        }
    }
}

#[tokio::test]
async fn unknown_routes_are_a_json_404() {
    for uri in
        ["/", "/nope", "/search/extra", "/clauses", "/clauses/", "/c/zh/a.html", "/%E6%9D%A1"]
    {
        let (status, body) = get(app(), uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(error_code(&body), "not_found", "{uri}");
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    for (method, uri) in [
        (Method::POST, "/search?q=a"),
        (Method::DELETE, "/clauses/zh/html/govcn_006.html%232.5"),
        (Method::PUT, "/documents/zh/html/govcn_006.html"),
        (Method::POST, "/healthz"),
    ] {
        let (status, body) = send(app(), method.clone(), uri).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        assert_eq!(error_code(&body), "method_not_allowed", "{method} {uri}");
    }
}

#[tokio::test]
async fn a_405_still_names_the_allowed_methods() {
    let request = Request::post("/search").body(Body::empty()).expect("request");
    let response = app().oneshot(request).await.expect("infallible");
    let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(allow.contains("GET"), "allow: {allow:?}");
}

#[tokio::test]
async fn a_full_queue_is_a_503() {
    let options = ApiOptions {
        max_concurrent_requests: 1,
        queue_timeout: Duration::from_millis(50),
        ..ApiOptions::default()
    };
    let (router, _) = app_with(Failure::Slow, options);
    let first = get(router.clone(), "/search?q=a");
    let second = get(router, "/search?q=b");
    let ((first_status, _), (second_status, second_body)) = tokio::join!(first, second);
    assert_eq!(first_status, StatusCode::OK);
    assert_eq!(second_status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error_code(&second_body), "overloaded");
}

#[tokio::test]
async fn cors_is_off_by_default_and_on_when_asked() {
    let request =
        || Request::get("/healthz").header("origin", "https://example.org").body(Body::empty());
    let response = app().oneshot(request().expect("request")).await.expect("infallible");
    assert!(response.headers().get("access-control-allow-origin").is_none());

    let options = ApiOptions { cors: true, ..ApiOptions::default() };
    let (router, _) = app_with(Failure::None, options);
    let response = router.clone().oneshot(request().expect("request")).await.expect("infallible");
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/search?q=a")
        .header("origin", "https://example.org")
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .expect("request");
    let response = router.oneshot(preflight).await.expect("infallible");
    assert!(response.status().is_success(), "{}", response.status());
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}

#[tokio::test]
async fn routes_merge_with_a_router_that_has_its_own_fallback() {
    let state = AppState::new(
        std::sync::Arc::new(FakeBackend::new(Failure::None)) as std::sync::Arc<dyn Backend>
    );
    let web = Router::new()
        .route("/", get_route(|| async { "home" }))
        .fallback(|| async { (StatusCode::NOT_FOUND, "html not found") });
    let merged = tiaowen_api::routes(state).merge(web);
    let (status, body) = get(merged.clone(), "/healthz").await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("ok")));
    let (status, body) = send(merged.clone(), Method::POST, "/healthz").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error_code(&body), "method_not_allowed");
    let response = merged
        .oneshot(Request::get("/nope").body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let bytes = axum::body::to_bytes(response.into_body(), 1024).await.expect("body");
    assert_eq!(&bytes[..], b"html not found");
}

#[tokio::test]
async fn merged_routes_can_take_the_json_fallback() {
    let state = AppState::new(
        std::sync::Arc::new(FakeBackend::new(Failure::None)) as std::sync::Arc<dyn Backend>
    );
    let web = Router::new().route("/", get_route(|| async { "home" }));
    let merged = tiaowen_api::routes(state).merge(web).fallback(tiaowen_api::not_found);
    let (status, body) = get(merged, "/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_code(&body), "not_found");
}
