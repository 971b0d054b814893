//! The route table and the routers built from it.

use axum::extract::{MatchedPath, Request};
use axum::routing::{get, MethodRouter};
use axum::Router;
use tower_http::cors::CorsLayer;
use tower_http::trace::TraceLayer;

use crate::handlers;
use crate::AppState;

/// Every route of the API, in the order the OpenAPI description lists them.
///
/// Anchors and document ids contain `/`, hence the catch-all segments.
pub(crate) fn route_table() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/search", get(handlers::search)),
        ("/clauses/{*anchor}", get(handlers::clause)),
        ("/documents/{*id}", get(handlers::document)),
        ("/healthz", get(handlers::healthz)),
        ("/openapi.json", get(handlers::openapi)),
    ]
}

/// Builds the complete API: [`routes`] plus a JSON `404` fallback for unknown paths.
///
/// Use it when the API is served alone. To serve it next to other routers, merge [`routes`]
/// instead and add one fallback to the merged router (axum refuses to merge two routers that
/// both have one).
pub fn router(state: AppState) -> Router {
    build(state, true)
}

/// Builds the API routes without a fallback, for merging with other routers:
///
/// ```text
/// let app = tiaowen_api::routes(state).merge(web_router).fallback(tiaowen_api::not_found);
/// ```
///
/// The routes answer a wrong method with a JSON `405`, log each request in a span holding the
/// method and the matched route, and carry permissive CORS headers when
/// [`ApiOptions::cors`](crate::ApiOptions::cors) is set. The API claims only `/search`,
/// `/clauses/…`, `/documents/…`, `/healthz` and `/openapi.json`.
pub fn routes(state: AppState) -> Router {
    build(state, false)
}

fn build(state: AppState, with_fallback: bool) -> Router {
    let mut router = Router::new();
    for (path, method_router) in route_table() {
        router = router.route(path, method_router);
    }
    router = router.method_not_allowed_fallback(handlers::method_not_allowed);
    if with_fallback {
        router = router.fallback(handlers::not_found);
    }
    if state.options.cors {
        router = router.layer(CorsLayer::permissive());
    }
    let trace = TraceLayer::new_for_http().make_span_with(|request: &Request| {
        let matched_path = request.extensions().get::<MatchedPath>().map(MatchedPath::as_str);
        tracing::info_span!("http_request", method = %request.method(), matched_path)
    });
    router.layer(trace).with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_documented_in_openapi() {
        let spec = crate::openapi::spec();
        let paths = spec["paths"].as_object().expect("paths object");
        let mut documented = 0;
        for (path, _) in route_table() {
            // OpenAPI writes a catch-all `{*anchor}` as a plain `{anchor}` parameter.
            let openapi_path = path.replace("{*", "{");
            assert!(paths.contains_key(&openapi_path), "{openapi_path} is not documented");
            assert!(paths[&openapi_path].get("get").is_some(), "{openapi_path} lacks `get`");
            documented += 1;
        }
        assert_eq!(documented, paths.len(), "openapi documents a path the router lacks");
    }

    #[test]
    fn routes_stay_clear_of_the_web_pages() {
        for (path, _) in route_table() {
            for taken in ["/c/", "/d/", "/assets/"] {
                assert!(!path.starts_with(taken), "{path} collides with the web pages");
            }
            assert_ne!(path, "/");
        }
    }
}
