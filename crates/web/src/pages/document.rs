//! The document page: the document's facts and its clause tree, every clause linkable.

use maud::{html, Markup};
use tiaowen_model::{Clause, DocumentView};

use crate::layout::{page, Shell};
use crate::links::{clause_href, search_href, split_anchor};
use crate::pages::clause::missing_attachments;
use crate::pages::common::{document_date, lang_name, type_name};

/// Headings deeper than this share the deepest indentation.
const MAX_DEPTH: usize = 4;

/// One line of the clause tree: a heading that opens a section, or a clause.
#[derive(Debug, PartialEq, Eq)]
enum Row<'a> {
    /// A heading at a depth (0 is outermost).
    Heading { depth: usize, text: &'a str },
    /// A clause under as many headings as `depth`.
    Clause { depth: usize, clause: &'a Clause },
}

/// Flattens the clauses into rows, writing each heading once where its section starts.
fn rows(clauses: &[Clause]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    let mut open: &[String] = &[];
    for clause in clauses {
        let shared = open.iter().zip(&clause.headings).take_while(|(a, b)| a == b).count();
        for (depth, text) in clause.headings.iter().enumerate().skip(shared) {
            rows.push(Row::Heading { depth, text });
        }
        rows.push(Row::Clause { depth: clause.headings.len(), clause });
        open = &clause.headings;
    }
    rows
}

/// Renders a document page.
pub(crate) fn render(view: &DocumentView) -> Markup {
    let document = &view.document;
    let body = html! {
        nav.crumbs aria-label="位置 Breadcrumbs" { a href="/" { "搜索 Search" } " › " (document.id) }
        article.document-page lang=(document.lang.as_str()) {
            h1 { (document.title) }
            dl.facts {
                @if let Some(number) = &document.doc_number {
                    dt { "文号" }
                    dd.docnum {
                        (number.normalized) " "
                        a.search-number href=(search_href(&number.normalized)) { "搜索此文号及引用它的条款 Search for it and the clauses citing it" }
                    }
                }
                @if !document.issuers.is_empty() { dt { "发文机关" } dd { (document.issuers.join("、")) } }
                @if let Some(date) = document_date(document) { dt { "日期" } dd { time datetime=(date) { (date) } } }
                dt { "类型" } dd { (type_name(document.doc_type)) }
                dt { "语言" } dd { (lang_name(document.lang)) }
                dt { "来源" } dd { code { (document.source.path) } }
            }
            @if !document.notes.is_empty() {
                section.notes id="notes" {
                    h2 {
                        a href=(clause_href(&format!("{}#notes", document.id))) title="条款页 Clause page" { "题注" }
                        " Enactment notes"
                    }
                    ul { @for note in &document.notes { li { (note) } } }
                }
            }
            @if !document.cites.is_empty() {
                section.cites {
                    h2 { "引用文件 Documents cited" }
                    ul {
                        @for cited in &document.cites {
                            li {
                                @if let Some(title) = &cited.title { "《" (title) "》" }
                                @if let Some(number) = &cited.doc_number {
                                    " "
                                    a.docnum href=(search_href(&number.normalized)) { (number.normalized) }
                                }
                            }
                        }
                    }
                }
            }
            (missing_attachments(&document.missing_attachments))
            @if view.clauses.is_empty() {
                p.notice { "此文件没有可识别的条款。No clauses were found in this document." }
            }
            div.tree {
                @for row in rows(&view.clauses) { (render_row(&row)) }
            }
        }
    };
    page(&Shell { title: &document.title, header_query: Some("") }, body)
}

/// Renders one row of the clause tree.
fn render_row(row: &Row<'_>) -> Markup {
    match row {
        Row::Heading { depth, text } => {
            let class = format!("tree-heading depth-{}", (*depth).min(MAX_DEPTH));
            html! { div class=(class) role="heading" aria-level=(depth + 2) { (text) } }
        }
        Row::Clause { depth, clause } => {
            let id = split_anchor(&clause.anchor).1.unwrap_or(&clause.anchor);
            let class = format!("tree-clause depth-{}", (*depth).min(MAX_DEPTH));
            html! {
                section class=(class) id=(id) {
                    div.tree-clause-head {
                        a.label href=(clause_href(&clause.anchor)) title="条款页 Clause page" { (clause.label) }
                        a.self-link href={ "#" (id) } aria-label="本条链接 Link here" { "#" }
                    }
                    div.clause-text { (clause.text) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(path: &str, headings: &[&str]) -> Clause {
        Clause {
            anchor: format!("zh/a.html#{path}"),
            label: path.to_owned(),
            headings: headings.iter().map(|h| (*h).to_owned()).collect(),
            text: "正文".to_owned(),
            citation: String::new(),
        }
    }

    #[test]
    fn writes_each_heading_once_where_its_section_starts() {
        let clauses = vec![
            clause("1.1", &["一、总体要求", "（一）指导思想"]),
            clause("1.2", &["一、总体要求", "（一）指导思想"]),
            clause("1.3", &["一、总体要求", "（二）基本原则"]),
            clause("2", &["二、重点任务"]),
        ];
        let got: Vec<String> = rows(&clauses)
            .iter()
            .map(|row| match row {
                Row::Heading { depth, text } => format!("h{depth} {text}"),
                Row::Clause { depth, clause } => format!("c{depth} {}", clause.label),
            })
            .collect();
        assert_eq!(
            got,
            [
                "h0 一、总体要求",
                "h1 （一）指导思想",
                "c2 1.1",
                "c2 1.2",
                "h1 （二）基本原则",
                "c2 1.3",
                "h0 二、重点任务",
                "c1 2"
            ]
        );
    }

    #[test]
    fn cited_documents_link_to_a_search_for_their_number() {
        let mut document = tiaowen_model::Document::new("zh/html/govcn_002.html", "意见");
        document.cites.push(tiaowen_model::CitedDocument {
            title: Some("国务院关于促进融资担保行业加快发展的意见".to_owned()),
            doc_number: Some(tiaowen_model::DocNumber {
                raw: "国发〔2015〕43号".to_owned(),
                normalized: "国发〔2015〕43号".to_owned(),
            }),
        });
        let view = DocumentView { document, clauses: Vec::new() };
        let html = render(&view).into_string();
        assert!(html.contains("《国务院关于促进融资担保行业加快发展的意见》"), "{html}");
        let href = "/?q=%E5%9B%BD%E5%8F%91%E3%80%942015%E3%80%9543%E5%8F%B7";
        assert!(html.contains(&format!("href=\"{href}\">国发〔2015〕43号</a>")), "{html}");
    }

    #[test]
    fn a_laws_enactment_notes_are_listed_and_linked() {
        let mut document =
            tiaowen_model::Document::new("zh/laws/会计法.md", "中华人民共和国会计法");
        document.notes = vec![
            "1985年1月21日第六届全国人民代表大会常务委员会第九次会议通过".to_owned(),
            "2024年6月28日第十四届全国人民代表大会常务委员会第十次会议第三次修正".to_owned(),
        ];
        let view = DocumentView { document, clauses: Vec::new() };
        let html = render(&view).into_string();
        assert!(
            html.contains(
                "<li>2024年6月28日第十四届全国人民代表大会常务委员会第十次会议第三次修正</li>"
            ),
            "{html}"
        );
        assert!(html.contains("id=\"notes\""), "{html}");
        assert!(html.contains("%23notes\""), "{html}");
    }

    #[test]
    fn clause_rows_carry_their_fragment_as_id() {
        let one = clause("2.5", &[]);
        let html = render_row(&Row::Clause { depth: 0, clause: &one }).into_string();
        assert!(html.contains("id=\"2.5\""), "{html}");
        assert!(html.contains("href=\"/c/zh/a.html%232.5\""), "{html}");
    }
}
