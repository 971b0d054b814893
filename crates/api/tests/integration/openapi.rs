//! `GET /openapi.json` matches the router: every documented path is routed and every
//! documented parameter, with its example value, is accepted.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{app, encode, get};

fn example_text(param: &Value) -> String {
    match &param["example"] {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn the_description_is_served() {
    let (status, spec) = get(app(), "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().is_some_and(|v| v.starts_with("3.0")));
    assert!(spec["components"]["schemas"]["Error"].is_object());
}

#[tokio::test]
async fn every_documented_path_is_routed_with_its_examples() {
    let (_, spec) = get(app(), "/openapi.json").await;
    let paths = spec["paths"].as_object().expect("paths");
    assert_eq!(paths.len(), 5);
    for (template, item) in paths {
        let params = item["get"]["parameters"].as_array().cloned().unwrap_or_default();
        let mut uri = template.clone();
        let mut query = Vec::new();
        for param in &params {
            let name = param["name"].as_str().expect("name");
            let value = example_text(param);
            match param["in"].as_str() {
                // Path examples keep their slashes; `#` is sent as `%23`.
                Some("path") => {
                    uri = uri.replace(&format!("{{{name}}}"), &value.replace('#', "%23"))
                }
                Some("query") => query.push(format!("{name}={}", encode(&value))),
                other => panic!("{template}: parameter location {other:?}"),
            }
        }
        if !query.is_empty() {
            uri = format!("{uri}?{}", query.join("&"));
        }
        let (status, body) = get(app(), &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
}

#[tokio::test]
async fn each_documented_search_parameter_is_accepted_alone() {
    let (_, spec) = get(app(), "/openapi.json").await;
    let params = spec["paths"]["/search"]["get"]["parameters"].as_array().expect("parameters");
    assert_eq!(params.len(), 11);
    for param in params {
        let name = param["name"].as_str().expect("name");
        let pair = format!("{name}={}", encode(&example_text(param)));
        let uri =
            if name == "q" { format!("/search?{pair}") } else { format!("/search?q=a&{pair}") };
        let (status, body) = get(app(), &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    }
}

#[tokio::test]
async fn documented_enums_are_accepted_and_others_refused() {
    let (_, spec) = get(app(), "/openapi.json").await;
    let params = spec["paths"]["/search"]["get"]["parameters"].as_array().expect("parameters");
    for param in params {
        let Some(values) = param["schema"]["enum"].as_array() else { continue };
        let name = param["name"].as_str().expect("name");
        for value in values {
            let uri = format!("/search?q=a&{name}={}", value.as_str().expect("string enum"));
            let (status, body) = get(app(), &uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        }
        let (status, _) = get(app(), &format!("/search?q=a&{name}=not-a-value")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
    }
}
