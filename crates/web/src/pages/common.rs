//! Pieces several pages show: document facts, heading chains, citations, sources.

use maud::{html, Markup};
use tiaowen_model::{DocType, Document, Lang, SourceRef, ValidityState};

use crate::links::{clause_href, document_href};

/// Names a language for readers.
pub(crate) fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "中文",
        Lang::En => "English",
    }
}

/// Names a document type in Chinese and English.
pub(crate) fn type_name(doc_type: DocType) -> String {
    format!("{} {}", doc_type.zh(), doc_type.as_str())
}

/// Names a source format as readers know it.
fn format_name(format: &str) -> String {
    match format {
        "html" => "HTML".to_owned(),
        "pdf" => "PDF".to_owned(),
        "markdown" => "Markdown".to_owned(),
        "text" => "TXT".to_owned(),
        other => other.to_uppercase(),
    }
}

/// Picks the date to show: issued, else published.
pub(crate) fn document_date(document: &Document) -> Option<&str> {
    document.dates.issued.as_deref().or(document.dates.published.as_deref())
}

/// Renders the facts of a document: title (linked), 文号, issuers, date, type, language.
///
/// The model has no validity status (in force, repealed) yet; when it does, it belongs here.
pub(crate) fn document_facts(document: &Document, fragment: Option<&str>) -> Markup {
    html! {
        div.doc-facts {
            a.doc-title href=(document_href(&document.id, fragment)) { (document.title) }
            div.doc-meta {
                @if let Some(number) = &document.doc_number {
                    span.docnum title="文号 document number" { (number.normalized) }
                }
                @if !document.issuers.is_empty() {
                    span.issuers title="发文机关 issuers" { (document.issuers.join("、")) }
                }
                @if let Some(date) = document_date(document) {
                    time datetime=(date) { (date) }
                }
                span.badge.doc-type { (type_name(document.doc_type)) }
                span.badge.lang { (lang_name(document.lang)) }
                (validity_badge(document))
            }
        }
    }
}

/// Renders whether the document is in force: a quiet badge when current, a warning with
/// a link to the document that replaces it otherwise.
fn validity_badge(document: &Document) -> Markup {
    let Some(status) = &document.status else { return html! {} };
    let (class, label) = match status.state {
        ValidityState::Current => ("badge status current", "现行有效 Current"),
        ValidityState::Superseded => ("badge status superseded", "已被修订 Superseded"),
        ValidityState::Repealed => ("badge status repealed", "已废止 Repealed"),
        ValidityState::Expired => ("badge status expired", "已失效 Expired"),
    };
    html! {
        span class=(class) title=(status.reason) { (label) }
        @if let Some(by) = &status.by {
            a.status-by href=(document_href(by, None)) { "→ " (by) }
        }
    }
}

/// Renders the heading chain above a clause: 一、总体要求 › （二）基本原则.
pub(crate) fn heading_chain(headings: &[String]) -> Markup {
    html! {
        @if !headings.is_empty() {
            ol.headings aria-label="所在章节 Headings" {
                @for heading in headings {
                    li { (heading) }
                }
            }
        }
    }
}

/// Renders the citation forms, each with a copy button the script reveals.
pub(crate) fn citations(forms: &[(&str, String)]) -> Markup {
    html! {
        div.citations {
            @for (kind, text) in forms {
                div.cite {
                    span.cite-kind { (kind) }
                    code.citation { (text) }
                    button.copy type="button" data-copy=(text) hidden {
                        "复制引用 Copy citation"
                    }
                }
            }
        }
    }
}

/// Renders the sources a clause was found in, each linking to the clause in that source.
pub(crate) fn sources(sources: &[SourceRef]) -> Markup {
    html! {
        @if !sources.is_empty() {
            div.sources {
                span.sources-label { "来源 Sources" }
                @for source in sources {
                    a.source href=(clause_href(&source.anchor)) title=(source.path) {
                        (format_name(&source.format))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_chain_escapes_and_keeps_order() {
        let headings = vec!["一、总体要求".to_owned(), "（二）<基本>原则".to_owned()];
        let html = heading_chain(&headings).into_string();
        assert_eq!(
            html,
            "<ol class=\"headings\" aria-label=\"所在章节 Headings\"><li>一、总体要求</li>\
             <li>（二）&lt;基本&gt;原则</li></ol>"
        );
        assert_eq!(heading_chain(&[]).into_string(), "");
    }

    #[test]
    fn citation_buttons_carry_the_escaped_text() {
        let forms = vec![("引用 Citation", "国办发〔2019〕6号 \"二\"".to_owned())];
        let html = citations(&forms).into_string();
        assert!(html.contains("data-copy=\"国办发〔2019〕6号 &quot;二&quot;\""), "{html}");
        assert!(html.contains("hidden"), "{html}");
    }

    #[test]
    fn names_source_formats() {
        assert_eq!(format_name("pdf"), "PDF");
        assert_eq!(format_name("docx"), "DOCX");
    }
}
