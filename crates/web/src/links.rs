//! Links between the pages and the citation forms a reader can copy.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};
use tiaowen_model::Document;

/// Bytes escaped inside a path: those a URL parser would take as a delimiter (`#`, `?`),
/// `%` itself, and the ones browsers escape anyway. `/` stays, since ids are paths.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Bytes escaped in a query value or fragment: all but the RFC 3986 unreserved ones.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes a query-string value.
pub(crate) fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// Builds the link to the search page for a query.
pub(crate) fn search_href(query: &str) -> String {
    format!("/?q={}", encode_query_value(query))
}

/// Builds the permalink of a clause: `zh/a.html#2.5` becomes `/c/zh/a.html%232.5`.
pub fn clause_href(anchor: &str) -> String {
    format!("/c/{}", utf8_percent_encode(anchor, PATH))
}

/// Builds the link to a document page, optionally scrolled to one clause's fragment.
pub fn document_href(id: &str, fragment: Option<&str>) -> String {
    let mut href = format!("/d/{}", utf8_percent_encode(id, PATH));
    if let Some(fragment) = fragment {
        href.push('#');
        href.push_str(&utf8_percent_encode(fragment, COMPONENT).to_string());
    }
    href
}

/// Splits an anchor into its document id and the clause path after `#`.
pub(crate) fn split_anchor(anchor: &str) -> (&str, Option<&str>) {
    match anchor.split_once('#') {
        Some((id, fragment)) => (id, Some(fragment)),
        None => (anchor, None),
    }
}

/// Builds the English citation form: "{document number or title}, {label}".
pub fn english_citation(document: &Document, label: &str) -> String {
    let source = match &document.doc_number {
        Some(number) if !number.normalized.is_empty() => number.normalized.as_str(),
        _ => document.title.as_str(),
    };
    format!("{source}, {label}")
}

/// Lists the citation forms to offer: the stored one first, then the English form
/// where it differs.
pub(crate) fn citation_forms(
    stored: &str,
    document: &Document,
    label: &str,
) -> Vec<(&'static str, String)> {
    let mut forms = vec![("引用 Citation", stored.to_owned())];
    let english = english_citation(document, label);
    if english != stored {
        forms.push(("English", english));
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiaowen_model::{DocNumber, DocType};

    fn document(title: &str, number: Option<&str>) -> Document {
        Document {
            doc_number: number.map(|n| DocNumber { raw: n.to_owned(), normalized: n.to_owned() }),
            doc_type: DocType::Opinions,
            ..Document::new("zh/html/govcn_006.html", title)
        }
    }

    #[test]
    fn clause_href_encodes_the_hash_and_multibyte_paths() {
        assert_eq!(clause_href("zh/html/govcn_006.html#2.5"), "/c/zh/html/govcn_006.html%232.5");
        assert_eq!(clause_href("zh/laws/宪法.md#3"), "/c/zh/laws/%E5%AE%AA%E6%B3%95.md%233");
        assert_eq!(clause_href("en/a b?.txt#1"), "/c/en/a%20b%3F.txt%231");
    }

    #[test]
    fn document_href_encodes_the_fragment() {
        assert_eq!(document_href("zh/html/govcn_006.html", None), "/d/zh/html/govcn_006.html");
        assert_eq!(document_href("zh/a.html", Some("2.5")), "/d/zh/a.html#2.5");
        assert_eq!(
            document_href("zh/a.html", Some("附件 1")),
            "/d/zh/a.html#%E9%99%84%E4%BB%B6%201"
        );
    }

    #[test]
    fn splits_anchors_at_the_first_hash() {
        assert_eq!(split_anchor("zh/a.html#2.5"), ("zh/a.html", Some("2.5")));
        assert_eq!(split_anchor("zh/a.html"), ("zh/a.html", None));
    }

    #[test]
    fn english_citation_prefers_the_document_number() {
        let numbered = document("关于推行监管的意见", Some("国办发〔2019〕6号"));
        assert_eq!(english_citation(&numbered, "二（五）"), "国办发〔2019〕6号, 二（五）");
        let untitled = document("Measures on Data", None);
        assert_eq!(english_citation(&untitled, "Article 3"), "Measures on Data, Article 3");
    }

    #[test]
    fn offers_the_english_form_only_when_it_differs() {
        let numbered = document("意见", Some("国办发〔2019〕6号"));
        assert_eq!(citation_forms("国办发〔2019〕6号 二（五）", &numbered, "二（五）").len(), 2);
        assert_eq!(citation_forms("国办发〔2019〕6号, 二（五）", &numbered, "二（五）").len(), 1);
    }
}
