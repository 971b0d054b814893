//! The clause page: one clause in the context of its document.

use maud::{html, Markup};
use tiaowen_model::ClauseView;

use crate::layout::{page, Shell};
use crate::links::{citation_forms, clause_href, document_href, split_anchor};
use crate::pages::common::{citations, document_facts, heading_chain, sources};

/// Renders the page of one clause: headings, full text, citations, sources, neighbours.
pub(crate) fn render(view: &ClauseView) -> Markup {
    let clause = &view.clause;
    let document = &view.document;
    let (_, fragment) = split_anchor(&clause.anchor);
    let forms = citation_forms(&clause.citation, document, &clause.label);
    let title = format!("{} {}", clause.label, document.title);
    let body = html! {
        nav.crumbs aria-label="位置 Breadcrumbs" {
            a href="/" { "搜索 Search" }
            " › "
            a href=(document_href(&document.id, fragment)) { (document.title) }
        }
        article.clause-page lang=(document.lang.as_str()) {
            (heading_chain(&clause.headings))
            h1.clause-label { (clause.label) }
            div.clause-text { (clause.text) }
            (citations(&forms))
            (sources(&view.sources))
            (document_facts(document, fragment))
            (missing_attachments(&document.missing_attachments))
        }
        nav.prevnext aria-label="上下条 Neighbouring clauses" {
            @if let Some(prev) = &view.prev {
                a.prev rel="prev" href=(clause_href(prev)) { "‹ 上一条 Previous" span.neighbour { (view.prev_label.as_deref().unwrap_or_else(|| neighbour(prev))) } }
            }
            a.whole href=(document_href(&document.id, fragment)) { "全文 Whole document" }
            @if let Some(next) = &view.next {
                a.next rel="next" href=(clause_href(next)) { "下一条 Next ›" span.neighbour { (view.next_label.as_deref().unwrap_or_else(|| neighbour(next))) } }
            }
        }
    };
    page(&Shell { title: &title, header_query: Some("") }, body)
}

/// Names a neighbouring clause by the part of its anchor after `#`.
fn neighbour(anchor: &str) -> &str {
    split_anchor(anchor).1.unwrap_or(anchor)
}

/// Lists attachments the document names but whose text it does not hold.
pub(crate) fn missing_attachments(names: &[String]) -> Markup {
    html! {
        @if !names.is_empty() {
            div.notice.missing {
                p { "以下附件未收录 These attachments are not included:" }
                ul { @for name in names { li { (name) } } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_neighbours_by_their_path() {
        assert_eq!(neighbour("zh/html/govcn_006.html#2.6"), "2.6");
        assert_eq!(neighbour("无井号"), "无井号");
    }

    #[test]
    fn missing_attachments_are_escaped() {
        let html = missing_attachments(&["附件1 <b>".to_owned()]).into_string();
        assert!(html.contains("附件1 &lt;b&gt;"), "{html}");
        assert_eq!(missing_attachments(&[]).into_string(), "");
    }
}
