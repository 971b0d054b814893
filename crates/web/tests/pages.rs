//! The pages over a fake index, called through the router without a socket.

use axum::http::StatusCode;
use tiaowen_model::{DocType, Lang};

use crate::support::{chinese_opinion, get, hostile_document, router_over, FakeBackend, Mode};

/// Cuts the first card (`<article class="hit" …>…</article>`) out of a page.
fn first_card(html: &str) -> &str {
    let start = html.find("<article class=\"hit\"").expect("a card");
    let end = html[start..].find("</article>").expect("card end") + start;
    &html[start..end]
}

#[tokio::test]
async fn chinese_query_renders_cards_with_citation_and_permalink() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/?q=%E8%B7%A8%E7%9C%81%E9%80%9A%E5%8A%9E").await;
    assert_eq!(status, StatusCode::OK);
    let card = first_card(&html);
    assert!(card.contains("<code class=\"citation\">国办发〔2020〕35号 一（二）</code>"), "{card}");
    assert!(card.contains("href=\"/c/zh/html/govcn_006.html%231.2\""), "{card}");
    assert!(card.contains("推进政务服务<em>跨省通办</em>。"), "{card}");
    assert!(card.contains("<li>一、总体要求</li><li>（二）基本原则</li>"), "{card}");
    assert!(card.contains("国务院办公厅") && card.contains("2020-09-24"), "{card}");
    assert!(card.contains("意见 opinions"), "{card}");
    assert!(card.contains(">HTML</a>") && card.contains(">PDF</a>"), "{card}");
    assert!(card.contains("href=\"/c/zh/pdf/govcn_006.pdf%231.2\""), "{card}");
    assert!(html.contains("value=\"跨省通办\""), "the query box keeps the query");
}

#[tokio::test]
async fn english_query_renders_english_cards() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/?q=security+assessment").await;
    assert_eq!(status, StatusCode::OK);
    let card = first_card(&html);
    assert!(card.contains("lang=\"en\""), "{card}");
    assert!(card.contains("CAC Order No. 11 Article 2"), "{card}");
    assert!(card.contains("<em>security</em>"), "{card}");
    assert!(card.contains("href=\"/c/en/html/data_measures.html%232\""), "{card}");
}

#[tokio::test]
async fn empty_query_shows_the_welcome_without_searching() {
    let (router, backend) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("class=\"notice welcome\""), "{html}");
    assert!(backend.last_request.lock().expect("lock").is_none());
}

#[tokio::test]
async fn no_hits_says_so() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/?q=%E6%97%A0%E6%AD%A4%E8%AF%8D").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("没有找到匹配的条款"), "{html}");
    assert!(!html.contains("<article class=\"hit\""));
}

#[tokio::test]
async fn filters_round_trip_into_the_request_and_the_form() {
    let (router, backend) = router_over(FakeBackend::sample());
    let uri = "/?q=%E6%94%BF%E5%8A%A1&lang=zh&type=%E6%84%8F%E8%A7%81\
               &issuer=%E5%9B%BD%E5%8A%A1%E9%99%A2&from=2020-01-01&to=2020-12-31";
    let (status, html) = get(&router, uri).await;
    assert_eq!(status, StatusCode::OK);
    let request = backend.last_request.lock().expect("lock").clone().expect("searched");
    assert_eq!(request.query, "政务");
    assert_eq!(request.filters.lang, Some(Lang::Zh));
    assert_eq!(request.filters.doc_type, Some(DocType::Opinions));
    assert_eq!(request.filters.issuer.as_deref(), Some("国务院"));
    assert_eq!(request.filters.from.as_deref(), Some("2020-01-01"));
    assert_eq!(request.filters.to.as_deref(), Some("2020-12-31"));
    assert!(html.contains("<option value=\"zh\" selected>中文</option>"), "{html}");
    assert!(html.contains("<option value=\"opinions\" selected>意见 opinions</option>"), "{html}");
    assert!(html.contains("name=\"issuer\" value=\"国务院\""), "{html}");
    assert!(html.contains("name=\"from\" value=\"2020-01-01\""), "{html}");
    assert!(html.contains("name=\"to\" value=\"2020-12-31\""), "{html}");
    assert!(html.contains("id=\"search\" method=\"get\" action=\"/\""), "{html}");
    assert_eq!(html.matches("<article class=\"hit\"").count(), 2);
}

#[tokio::test]
async fn filters_narrow_the_hits() {
    let (router, _) = router_over(FakeBackend::sample());
    let (_, all) = get(&router, "/?q=data").await;
    let (_, chinese_only) = get(&router, "/?q=data&lang=zh").await;
    assert!(all.contains("<article class=\"hit\""), "{all}");
    assert!(chinese_only.contains("没有找到匹配的条款"), "{chinese_only}");
}

#[tokio::test]
async fn bad_filter_values_give_a_friendly_400_that_keeps_the_form() {
    let (router, backend) = router_over(FakeBackend::sample());
    for (uri, shown) in [
        ("/?q=%E6%94%BF%E5%8A%A1&lang=fr", "lang = “fr”"),
        ("/?q=%E6%94%BF%E5%8A%A1&type=memo", "type = “memo”"),
        ("/?q=%E6%94%BF%E5%8A%A1&from=2020-02-30", "from = “2020-02-30”"),
        ("/?q=%E6%94%BF%E5%8A%A1&from=2021-01-01&to=2020-01-01", "2021-01-01 晚于 2020-01-01"),
        ("/?q=%E6%94%BF%E5%8A%A1&offset=ten", "offset = “ten”"),
    ] {
        let (status, html) = get(&router, uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}");
        assert!(html.contains("role=\"alert\""), "{uri}: {html}");
        assert!(html.contains(shown), "{uri}: {html}");
        assert!(html.contains("value=\"政务\""), "{uri}: the query box keeps the query");
    }
    assert!(backend.last_request.lock().expect("lock").is_none(), "invalid forms never search");
}

#[tokio::test]
async fn backend_bad_request_is_a_400_with_its_reason() {
    let (router, _) =
        router_over(FakeBackend::new(vec![], Mode::Reject("查询没有可搜索的词".into())));
    let (status, html) = get(&router, "/?q=%E7%9A%84").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("查询没有可搜索的词"), "{html}");
}

#[tokio::test]
async fn internal_errors_are_500_without_details() {
    let (router, _) =
        router_over(FakeBackend::new(vec![], Mode::Fail("index /srv/x corrupt".into())));
    for uri in ["/?q=x", "/c/zh/a.html%231", "/d/zh/a.html"] {
        let (status, html) = get(&router, uri).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        assert!(!html.contains("/srv/x"), "{uri} leaks the detail");
        assert!(html.contains("服务器出错"), "{uri}: {html}");
    }
}

#[tokio::test]
async fn paging_links_carry_query_filters_and_offset() {
    let mut many = chinese_opinion();
    let template = many.clauses[0].clone();
    many.clauses = (0..25)
        .map(|i| {
            let mut clause = template.clone();
            clause.anchor = format!("zh/html/govcn_006.html#{i}");
            clause.label = format!("第{i}条");
            clause
        })
        .collect();
    let (router, _) = router_over(FakeBackend::new(vec![many], Mode::Normal));
    let (_, first) = get(&router, "/?q=%E8%90%A5%E5%95%86&lang=zh").await;
    assert!(first.contains("共 <strong>25</strong> 条"), "{first}");
    assert!(first.contains("href=\"/?q=%E8%90%A5%E5%95%86&amp;lang=zh&amp;offset=10\""), "{first}");
    assert!(!first.contains("rel=\"prev\""), "{first}");
    let (_, last) = get(&router, "/?q=%E8%90%A5%E5%95%86&lang=zh&offset=20").await;
    assert_eq!(last.matches("<article class=\"hit\"").count(), 5);
    assert!(last.contains("<ol class=\"hits\" start=\"21\">"), "{last}");
    assert!(last.contains("href=\"/?q=%E8%90%A5%E5%95%86&amp;lang=zh&amp;offset=10\""), "{last}");
    assert!(!last.contains("rel=\"next\""), "{last}");
}

#[tokio::test]
async fn clause_page_shows_context_neighbours_and_citations() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/c/zh/html/govcn_006.html%231.2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1 class=\"clause-label\">一（二）</h1>"), "{html}");
    assert!(html.contains("坚持需求导向，聚焦企业和群众办事的难点堵点，推进政务服务跨省通办。"));
    assert!(html.contains("<li>一、总体要求</li><li>（二）基本原则</li>"), "{html}");
    assert!(html.contains("rel=\"prev\" href=\"/c/zh/html/govcn_006.html%231.1\""), "{html}");
    assert!(html.contains("rel=\"next\" href=\"/c/zh/html/govcn_006.html%232.1\""), "{html}");
    assert!(html.contains("data-copy=\"国办发〔2020〕35号 一（二）\""), "{html}");
    assert!(html.contains("data-copy=\"国办发〔2020〕35号, 一（二）\""), "English form: {html}");
    assert!(html.contains("href=\"/d/zh/html/govcn_006.html#1.2\""), "{html}");
}

#[tokio::test]
async fn first_and_last_clauses_have_one_neighbour() {
    let (router, _) = router_over(FakeBackend::sample());
    let (_, first) = get(&router, "/c/zh/html/govcn_006.html%231.1").await;
    assert!(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""), "{first}");
    let (_, last) = get(&router, "/c/zh/html/govcn_006.html%232.1").await;
    assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""), "{last}");
}

#[tokio::test]
async fn unknown_anchor_and_document_are_404_pages() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/c/zh/html/govcn_006.html%239.9").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("找不到条款 zh/html/govcn_006.html#9.9"), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let (status, html) = get(&router, "/d/zh/html/%E6%97%A0.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("找不到文件 zh/html/无.html"), "{html}");
}

#[tokio::test]
async fn document_page_lists_the_clause_tree_with_ids() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/d/zh/html/govcn_006.html").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<h1>国务院办公厅关于加快推进政务服务跨省通办的指导意见</h1>"), "{html}");
    for fragment in ["1.1", "1.2", "2.1"] {
        assert!(html.contains(&format!("id=\"{fragment}\"")), "{fragment}: {html}");
        let link = format!("href=\"/c/zh/html/govcn_006.html%23{fragment}\"");
        assert!(html.contains(&link), "{fragment}: {html}");
    }
    assert_eq!(html.matches(">一、总体要求</div>").count(), 1, "{html}");
    let order: Vec<usize> = ["1.1", "1.2", "2.1"]
        .iter()
        .map(|f| html.find(&format!("id=\"{f}\"")).expect("id"))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "clauses in document order");
}

#[tokio::test]
async fn hostile_document_is_escaped_everywhere() {
    for mode in [Mode::Normal, Mode::RawSnippets] {
        let (router, _) = router_over(FakeBackend::new(
            vec![hostile_document(), chinese_opinion()],
            mode.clone(),
        ));
        let pages = [
            "/?q=%E6%81%B6%E6%84%8F",
            "/?q=%3Cscript%3Ealert(1)%3C/script%3E",
            "/c/zh/html/evil%3Cscript%3Ealert(1)%3C/script%3E.html%231",
            "/d/zh/html/evil%3Cscript%3Ealert(1)%3C/script%3E.html",
        ];
        for uri in pages {
            let (status, html) = get(&router, uri).await;
            assert_eq!(status, StatusCode::OK, "{mode:?} {uri}: {html}");
            assert!(
                !html.contains("<script>alert"),
                "{mode:?} {uri} lets a script through: {html}"
            );
            assert!(
                html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{mode:?} {uri}: {html}"
            );
            assert_eq!(html.matches("<script").count(), 1, "only the page's own script: {uri}");
        }
    }
}

#[tokio::test]
async fn hostile_text_in_the_url_is_escaped_in_the_form_and_errors() {
    let (router, _) = router_over(FakeBackend::sample());
    let (status, html) = get(&router, "/?q=%22%3E%3Cscript%3Ex%3C/script%3E&lang=%3Cimg%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!html.contains("<script>x") && !html.contains("<img>"), "{html}");
    assert!(html.contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), "{html}");
}

#[tokio::test]
async fn assets_are_served_with_their_types() {
    let (router, _) = router_over(FakeBackend::sample());
    for (uri, needle) in [("/assets/style.css", ".hit"), ("/assets/app.js", "clipboard")] {
        let (status, body) = get(&router, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.contains(needle), "{uri}");
    }
    let (status, _) = get(&router, "/assets/secret.txt").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn merges_with_a_json_api_router() {
    use axum::routing::get as get_route;
    let (pages, _) = router_over(FakeBackend::sample());
    let api = axum::Router::new()
        .route("/search", get_route(|| async { "json" }))
        .route("/healthz", get_route(|| async { "ok" }));
    let merged = pages.merge(api);
    assert_eq!(get(&merged, "/healthz").await.1, "ok");
    assert_eq!(get(&merged, "/search").await.1, "json");
    assert_eq!(get(&merged, "/?q=data").await.0, StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_security_headers() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let (router, _) = router_over(FakeBackend::sample());
    let request = Request::builder().uri("/").body(Body::empty()).expect("request");
    let response = router.oneshot(request).await.expect("response");
    let headers = response.headers();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let csp = headers["content-security-policy"].to_str().expect("ascii");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
}
