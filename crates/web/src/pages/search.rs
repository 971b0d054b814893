//! The search page: one query box, filters beside the results, clause cards, paging.

use maud::{html, Markup};
use tiaowen_model::{DocType, Lang, SearchHit, SearchResponse};

use crate::layout::{page, Shell};
use crate::links::{clause_href, split_anchor};
use crate::pages::common::{document_facts, heading_chain, lang_name, sources, type_name};
use crate::params::{checked, SearchParams};
use crate::snippet::render_snippet;
use crate::{Result, PAGE_SIZE};

/// How much clause text a card shows when the hit has no snippet, in characters.
const FALLBACK_SNIPPET_CHARS: usize = 160;

/// Renders the search page for the given form values and search outcome.
pub(crate) fn render(params: &SearchParams, outcome: &Result<Option<SearchResponse>>) -> Markup {
    let body = html! {
        form #search.search method="get" action="/" role="search" {
            div.query-bar {
                input #q type="search" name="q" value=(params.q) autocomplete="off"
                    aria-label="搜索 Search" autofocus[params.q.is_empty()]
                    placeholder="输入问题或关键词 · Ask in Chinese or English";
                button.primary type="submit" { "搜索 Search" }
            }
            div.layout {
                (filters(params))
                section.results aria-live="polite" {
                    (active_filters(params))
                    (outcome_section(params, outcome))
                }
            }
        }
    };
    page(&Shell { title: &params.q, header_query: None }, body)
}

/// Renders the filter column. Its fields belong to the same GET form as the query box,
/// so the URL carries query and filters together. On a phone the script folds it away.
fn filters(params: &SearchParams) -> Markup {
    html! {
        aside.filters aria-label="筛选 Filters" {
            details #filters open {
                summary { h2 { "筛选 Filters" } }
                div.filter-fields { (filter_fields(params)) }
            }
        }
    }
}

/// Renders the filter inputs, each showing the value the URL gave.
fn filter_fields(params: &SearchParams) -> Markup {
    let lang = Lang::parse(&params.lang);
    let doc_type = DocType::parse(&params.doc_type);
    let without_filters = SearchParams { q: params.q.clone(), ..SearchParams::default() };
    html! {
        label for="f-lang" { "语言 Language" }
        select #f-lang name="lang" {
            option value="" { "全部 Any" }
            @for option in [Lang::Zh, Lang::En] {
                option value=(option.as_str()) selected[lang == Some(option)] { (lang_name(option)) }
            }
        }
        label for="f-type" { "文件类型 Type" }
        select #f-type name="type" {
            option value="" { "全部 Any" }
            @for option in DocType::ALL {
                option value=(option.as_str()) selected[doc_type == Some(option)] { (type_name(option)) }
            }
        }
        label for="f-issuer" { "发文机关 Issuer" }
        input #f-issuer type="text" name="issuer" value=(params.issuer)
            placeholder="如 国务院 / e.g. Ministry";
        fieldset.dates {
            legend { "日期 Date" }
            label for="f-from" { "从 From" }
            input #f-from type="date" name="from" value=(params.from);
            label for="f-to" { "至 To" }
            input #f-to type="date" name="to" value=(params.to);
        }
        label.current for="f-current" {
            input #f-current type="checkbox" name="current" value="1"
                checked[checked(&params.current) == Some(true)];
            " 仅现行有效 In force only"
        }
        div.filter-actions {
            button type="submit" { "应用 Apply" }
            @if params.has_filters() {
                a.clear href=(without_filters.href_at(0)) { "清除 Clear" }
            }
        }
    }
}

/// Renders the active filters as chips, each linking to the search without it.
fn active_filters(params: &SearchParams) -> Markup {
    let mut chips: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, value: &str, without: SearchParams| {
        if !value.is_empty() {
            chips.push((format!("{name}: {value}"), without.href_at(0)));
        }
    };
    add("语言", &params.lang, SearchParams { lang: String::new(), ..params.clone() });
    add("类型", &params.doc_type, SearchParams { doc_type: String::new(), ..params.clone() });
    add("机关", &params.issuer, SearchParams { issuer: String::new(), ..params.clone() });
    add("从", &params.from, SearchParams { from: String::new(), ..params.clone() });
    add("至", &params.to, SearchParams { to: String::new(), ..params.clone() });
    if !params.current.is_empty() {
        let without = SearchParams { current: String::new(), ..params.clone() };
        chips.push(("仅现行有效 In force only".to_owned(), without.href_at(0)));
    }
    html! {
        @if !chips.is_empty() {
            ul.chips aria-label="当前筛选 Active filters" {
                @for (text, href) in &chips {
                    li { a.chip href=(href) title="移除 Remove" { (text) " ×" } }
                }
            }
        }
    }
}

/// Renders what the search gave: an error, a welcome, no hits, or the cards and pager.
fn outcome_section(params: &SearchParams, outcome: &Result<Option<SearchResponse>>) -> Markup {
    match outcome {
        Err(error) => html! {
            div.notice.error role="alert" { p { (error.reader_message()) } }
        },
        Ok(None) => html! {
            div.notice.welcome {
                p { "输入关键词、问题或文号，搜索政府文件中的条款。" }
                p { "Type keywords, a question or a document number to search clauses of government documents." }
            }
        },
        Ok(Some(response)) if response.hits.is_empty() => html! {
            div.notice.empty {
                @if response.total > 0 {
                    p { "这一页没有结果。There are no results on this page." }
                    p { a href=(params.href_at(0)) { "回到第一页 Back to the first page" } }
                } @else {
                    p { "没有找到匹配的条款。No matching clauses." }
                    @if params.has_filters() { p { "试试去掉一些筛选条件。Try removing some filters." } }
                }
            }
        },
        Ok(Some(response)) => hits(params, response),
    }
}

/// Renders the summary line, the cards and the pager.
fn hits(params: &SearchParams, response: &SearchResponse) -> Markup {
    let offset = params.offset_or_zero();
    let first = offset + 1;
    let last = offset + response.hits.len();
    html! {
        @if !response.corrections.is_empty() {
            p.corrected {
                "已更正拼写 Searched with corrected spelling: "
                @for (at, correction) in response.corrections.iter().enumerate() {
                    @if at > 0 { ", " }
                    s { (correction.from) } " " strong { (correction.to) }
                }
            }
        }
        @if !response.named_acts.is_empty() {
            p.scoped {
                "只在 " strong { (response.named_acts.join("、")) } " 中搜索 · Searched only in "
                (response.named_acts.join(", ")) " · "
                a href=(SearchParams { all: "1".to_owned(), ..params.clone() }.href_at(0)) {
                    "在全部文件中搜索 Search all documents"
                }
            }
        }
        p.summary {
            "共 " strong { (response.total) } " 条 · " (response.total)
            @if response.total == 1 { " result" } @else { " results" }
            " — " (first) "–" (last)
            @if let Some(took) = response.took_ms { span.took { " · " (format!("{took:.0}")) " ms" } }
        }
        ol.hits start=(first) {
            @for hit in &response.hits { li { (card(hit)) } }
        }
        @if offset > 0 || last < response.total {
            nav.pager aria-label="翻页 Pages" {
                @if offset > 0 {
                    a.prev rel="prev" href=(params.href_at(offset.saturating_sub(PAGE_SIZE))) {
                        "‹ 上一页 Previous"
                    }
                }
                @if last < response.total {
                    a.next rel="next" href=(params.href_at(offset + PAGE_SIZE)) { "下一页 Next ›" }
                }
            }
        }
    }
}

/// Renders one clause card.
fn card(hit: &SearchHit) -> Markup {
    let href = clause_href(&hit.anchor);
    let (_, fragment) = split_anchor(&hit.anchor);
    let label = if hit.label.is_empty() { "（无编号）" } else { hit.label.as_str() };
    html! {
        article.hit lang=(hit.document.lang.as_str()) {
            header.hit-head {
                a.label.permalink href=(href) title="条款链接 Permalink" { (label) }
                (heading_chain(&hit.headings))
            }
            p.snippet {
                @if hit.snippet.trim().is_empty() {
                    (fallback_snippet(&hit.text))
                } @else {
                    (render_snippet(&hit.snippet))
                }
            }
            (document_facts(&hit.document, fragment))
            footer.hit-foot {
                div.cite {
                    code.citation { (hit.citation) }
                    button.copy type="button" data-copy=(hit.citation) hidden { "复制引用 Copy citation" }
                }
                (sources(&hit.sources))
                a.open href=(href) { "查看条款 Open ›" }
            }
        }
    }
}

/// Cuts a clause text for a card that has no snippet.
fn fallback_snippet(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(FALLBACK_SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_snippet_cuts_on_characters() {
        let text = "条".repeat(FALLBACK_SNIPPET_CHARS + 1);
        let cut = fallback_snippet(&text);
        assert_eq!(cut.chars().count(), FALLBACK_SNIPPET_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(fallback_snippet("短"), "短");
    }

    #[test]
    fn an_offset_past_the_end_links_back_to_the_first_page() {
        let params = SearchParams {
            q: "数据".to_owned(),
            offset: "40".to_owned(),
            ..SearchParams::default()
        };
        let response = SearchResponse {
            query: "数据".to_owned(),
            total: 12,
            hits: Vec::new(),
            corrections: Vec::new(),
            explanation: None,
            named_acts: Vec::new(),
            took_ms: None,
        };
        let html = render(&params, &Ok(Some(response))).into_string();
        assert!(html.contains("href=\"/?q=%E6%95%B0%E6%8D%AE\">回到第一页"), "{html}");
    }

    #[test]
    fn corrected_words_are_shown_above_the_results() {
        let params = SearchParams { q: "fund restrictons".to_owned(), ..SearchParams::default() };
        let response = SearchResponse {
            query: params.q.clone(),
            total: 0,
            hits: Vec::new(),
            corrections: vec![tiaowen_model::Correction {
                from: "restrictons".to_owned(),
                to: "restrictions".to_owned(),
            }],
            explanation: None,
            named_acts: Vec::new(),
            took_ms: None,
        };
        let html = hits(&params, &response).into_string();
        assert!(html.contains("<s>restrictons</s> <strong>restrictions</strong>"), "{html}");
    }

    #[test]
    fn a_search_kept_to_a_named_act_says_so_and_links_to_every_document() {
        let params = SearchParams { q: "会计法 保管".to_owned(), ..SearchParams::default() };
        let response = SearchResponse {
            query: params.q.clone(),
            total: 0,
            hits: Vec::new(),
            corrections: Vec::new(),
            explanation: None,
            named_acts: vec!["会计法".to_owned()],
            took_ms: None,
        };
        let html = hits(&params, &response).into_string();
        assert!(html.contains("只在 <strong>会计法</strong> 中搜索"), "{html}");
        let everywhere = SearchParams { all: "1".to_owned(), ..params }.href_at(0);
        assert!(everywhere.ends_with("&all=1"), "{everywhere}");
        let escaped = everywhere.replace('&', "&amp;");
        assert!(html.contains(&format!("href=\"{escaped}\"")), "{html}");
    }

    #[test]
    fn welcome_shows_without_a_query_and_keeps_the_filters() {
        let params = SearchParams { lang: "en".to_owned(), ..SearchParams::default() };
        let html = render(&params, &Ok(None)).into_string();
        assert!(html.contains("welcome"), "{html}");
        assert!(html.contains("<option value=\"en\" selected>English</option>"), "{html}");
        assert!(html.contains("语言: en ×"), "{html}");
    }
}
