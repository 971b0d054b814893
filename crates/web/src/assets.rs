//! The stylesheet, script and icon, compiled into the binary: no build step, no CDN.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Where the stylesheet is served.
pub(crate) const STYLE_PATH: &str = "/assets/style.css";
/// Where the script is served.
pub(crate) const SCRIPT_PATH: &str = "/assets/app.js";
/// Where the icon is served.
pub(crate) const ICON_PATH: &str = "/assets/icon.svg";

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
const ICON: &str = include_str!("../assets/icon.svg");

/// Finds an asset by file name: its content type and body.
fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "style.css" => Some(("text/css; charset=utf-8", STYLE)),
        "app.js" => Some(("text/javascript; charset=utf-8", SCRIPT)),
        "icon.svg" => Some(("image/svg+xml", ICON)),
        _ => None,
    }
}

/// Serves one embedded asset, or 404.
pub(crate) async fn serve(Path(name): Path<String>) -> Response {
    let Some((content_type, body)) = lookup(&name) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let headers = [
        (header::CONTENT_TYPE, content_type),
        // Assets change only with the binary; an hour keeps a redeploy visible soon.
        (header::CACHE_CONTROL, "public, max-age=3600"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_linked_asset() {
        for path in [STYLE_PATH, SCRIPT_PATH, ICON_PATH] {
            let name = path.trim_start_matches("/assets/");
            let (_, body) = lookup(name).unwrap_or_else(|| panic!("{path} is not embedded"));
            assert!(!body.is_empty(), "{path} is empty");
        }
        assert_eq!(lookup("../Cargo.toml"), None);
    }

    #[test]
    fn assets_make_no_external_requests() {
        for body in [STYLE, SCRIPT] {
            assert!(!body.contains("http://") && !body.contains("https://"));
        }
    }
}
