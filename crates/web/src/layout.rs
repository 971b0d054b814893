//! The page shell every page shares, and the headers every HTML response carries.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use crate::assets;

/// Scripts and styles come only from `/assets`, so an injected `<script>` or inline
/// handler would not run even if escaping failed somewhere.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// What goes around a page body.
pub(crate) struct Shell<'a> {
    /// The `<title>`, before the site name.
    pub title: &'a str,
    /// The query to show in the header search box; `None` leaves the box out (the
    /// search page has its own).
    pub header_query: Option<&'a str>,
}

/// Wraps a page body in the document shell: head, header, footer.
pub(crate) fn page(shell: &Shell<'_>, body: Markup) -> Markup {
    let full_title = if shell.title.is_empty() {
        "条文 tiaowen".to_owned()
    } else {
        format!("{} · 条文", shell.title)
    };
    html! {
        (DOCTYPE)
        html lang="zh-Hans" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (full_title) }
                link rel="icon" href=(assets::ICON_PATH) type="image/svg+xml";
                link rel="stylesheet" href=(assets::STYLE_PATH);
                script src=(assets::SCRIPT_PATH) defer {}
            }
            body {
                header.site {
                    a.brand href="/" { span.brand-zh { "条文" } " " span.brand-en { "tiaowen" } }
                    @if let Some(query) = shell.header_query {
                        form.header-search method="get" action="/" role="search" {
                            input type="search" name="q" value=(query) aria-label="搜索 Search"
                                placeholder="搜索条款 Search clauses";
                            button type="submit" { "搜索" }
                        }
                    }
                }
                main { (body) }
                footer.site {
                    "条文 tiaowen — 政府文件条款检索 · clause search over government documents"
                }
            }
        }
    }
}

/// Turns a rendered page into a response with its status and the security headers.
pub(crate) fn respond(status: StatusCode, markup: Markup) -> Response {
    let mut response = (status, markup).into_response();
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// Renders a page that only says what went wrong.
pub(crate) fn error_page(error: &crate::Error) -> Response {
    let status = error.status();
    let body = html! {
        section.notice.error role="alert" {
            h1 { (status.as_u16()) " " (status.canonical_reason().unwrap_or("Error")) }
            p { (error.reader_message()) }
            p { a href="/" { "返回搜索 Back to search" } }
        }
    };
    respond(status, page(&Shell { title: "出错 Error", header_query: Some("") }, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_title_and_header_query() {
        let shell = Shell { title: "<script>x</script>", header_query: Some("\"><b>") };
        let html = page(&shell, html! { p { "正文" } }).into_string();
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; · 条文"), "{html}");
        assert!(html.contains("value=\"&quot;&gt;&lt;b&gt;\""), "{html}");
        assert!(html.contains("<p>正文</p>"));
    }

    #[test]
    fn responses_carry_the_content_security_policy() {
        let response = respond(StatusCode::OK, html! { "x" });
        let csp = response.headers().get(header::CONTENT_SECURITY_POLICY).expect("csp header");
        assert!(csp.to_str().expect("ascii").contains("script-src 'self'"));
    }

    #[test]
    fn error_page_has_the_status_and_message() {
        let response = error_page(&crate::Error::ClauseNotFound("zh/甲.html#9".to_owned()));
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
    }
}
