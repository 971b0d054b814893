//! One file to one document record and its clauses: parse, segment, cite.

use std::path::Path;

use tiaowen_model::{Clause, Document, Lang};
use tiaowen_parse::{record, ParseOptions};

/// A document read from its file and cut into clauses.
#[derive(Debug, Clone)]
pub struct ReadDocument {
    /// The document record.
    pub document: Document,
    /// Its clauses in document order.
    pub clauses: Vec<Clause>,
}

/// Reads one file into its document record and clauses; `id` is the stable document id
/// (the path relative to the corpus root).
pub fn read_document(
    path: &Path,
    id: &str,
    options: &ParseOptions,
) -> Result<ReadDocument, tiaowen_parse::Error> {
    let parsed = tiaowen_parse::parse_file(path, options)?;
    let format = tiaowen_model::SourceFormat::from_extension(
        path.extension().and_then(|e| e.to_str()).unwrap_or_default(),
    )
    .ok_or_else(|| tiaowen_parse::Error::Unsupported { path: path.to_path_buf() })?;
    let document = record::build_document(id, format, &parsed);
    let clauses = build_clauses(&document, &parsed.blocks, &parsed.titles);
    Ok(ReadDocument { document, clauses })
}

/// Segments the body and gives every clause its anchor and citation; `titles` are the
/// blocks the source sets apart as titles (`ParsedDoc::titles`). A heading that is
/// the document's own title (a report's cover title, read as the title of its first part)
/// is left out: every clause carries the title already.
pub fn build_clauses(document: &Document, blocks: &[String], titles: &[usize]) -> Vec<Clause> {
    let prefix = citation_prefix(document);
    let separator = match document.lang {
        Lang::Zh => " ",
        Lang::En => ", ",
    };
    let title = comparable(&document.title);
    tiaowen_segment::segment_with_titles(blocks, titles)
        .into_iter()
        .map(|c| Clause {
            anchor: format!("{}#{}", document.id, c.path),
            citation: format!("{prefix}{separator}{}", c.label),
            label: c.label,
            headings: c.headings.into_iter().filter(|h| comparable(h) != title).collect(),
            text: c.text,
        })
        .collect()
}

/// A text as compared with a title: lower case, without white space.
fn comparable(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The part of a citation before the clause label: the normalised document number where
/// there is one, else the title.
fn citation_prefix(document: &Document) -> String {
    match &document.doc_number {
        Some(number) => number.normalized.clone(),
        None => document.title.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tiaowen_model::{DocDates, DocNumber, DocType, Source, SourceFormat};

    fn doc(lang: Lang, number: Option<&str>) -> Document {
        Document {
            id: "zh/html/x.html".into(),
            title: "关于开展试点的通知".into(),
            subject: None,
            doc_number: number.map(|n| DocNumber { raw: n.into(), normalized: n.into() }),
            issuers: vec![],
            dates: DocDates::default(),
            lang,
            doc_type: DocType::Notice,
            source: Source { path: "zh/html/x.html".into(), format: SourceFormat::Html },
            cites: vec![],
            missing_attachments: vec![],
            notes: vec![],
            repeals: Vec::new(),
            valid_until: None,
            status: None,
            warnings: vec![],
        }
    }

    #[test]
    fn citation_uses_number_then_label() {
        let blocks =
            vec!["二、主要任务".to_string(), "（一）加强管理。各地要加强管理。".to_string()];
        let clauses = build_clauses(&doc(Lang::Zh, Some("国办发〔2019〕6号")), &blocks, &[]);
        let last = clauses.last().expect("at least one clause");
        assert!(last.citation.starts_with("国办发〔2019〕6号 "), "{}", last.citation);
        assert!(last.anchor.starts_with("zh/html/x.html#"));
    }

    #[test]
    fn citation_falls_back_to_title_and_english_comma() {
        let blocks = vec!["1. Support. Cities shall apply.".to_string()];
        let clauses = build_clauses(&doc(Lang::En, None), &blocks, &[]);
        assert!(clauses[0].citation.starts_with("关于开展试点的通知, "), "{}", clauses[0].citation);
    }

    #[test]
    fn the_documents_own_title_heads_no_clause() {
        let mut document = doc(Lang::En, None);
        document.title = "Manufacturing Cities to Pilot Tech Upgrade".into();
        let blocks: Vec<String> = [
            "Manufacturing  Cities to Pilot Tech Upgrade",
            "China will launch a pilot program for technological transformation in cities.",
            "Wider Opening Up of Telecom Services",
            "The pilot areas consist of Beijing, Shanghai, Hainan and Shenzhen.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let clauses = build_clauses(&document, &blocks, &[]);
        let headings: Vec<&[String]> = clauses.iter().map(|c| c.headings.as_slice()).collect();
        assert_eq!(headings[0], Vec::<String>::new());
        assert_eq!(headings[1], ["Wider Opening Up of Telecom Services"]);
    }
}
