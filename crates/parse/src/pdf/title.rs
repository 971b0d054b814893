//! Chooses a document's title among its first paragraphs.
//!
//! The title is the first heading-like paragraph of the first page: short, not a
//! sentence, not a clause, and either centred or set larger than the body. Chinese
//! official documents often open with the issuer's banner ("XX人民政府办公厅文件") and a
//! document number before the title; those are passed over.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{starts_with_clause_number, Paragraph};

/// How many paragraphs from the start may hold the title.
const SEARCH_DEPTH: usize = 8;

/// Longest title, in characters.
const MAX_TITLE_CHARS: usize = 150;

static DOC_NUMBER_OR_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        [〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号
      | ^\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?$
      | (?i)^(document\s+)?no\.\s*\S+",
    )
    .expect("the document-number pattern is valid")
});

fn median_size(paragraphs: &[Paragraph]) -> f32 {
    let mut sizes: Vec<f32> = paragraphs.iter().map(|p| p.size).collect();
    if sizes.is_empty() {
        return 0.0;
    }
    sizes.sort_by(f32::total_cmp);
    sizes[sizes.len() / 2]
}

fn is_heading_like(paragraph: &Paragraph, body_size: f32) -> bool {
    let text = paragraph.text.as_str();
    let chars = text.chars().count();
    (2..=MAX_TITLE_CHARS).contains(&chars)
        && !text.ends_with(['。', '；', ';', '，', ',', '：', ':'])
        && !starts_with_clause_number(text)
        && !DOC_NUMBER_OR_DATE.is_match(text)
        && (paragraph.centred || paragraph.size >= body_size * 1.15)
}

/// Returns the title, if one of the first paragraphs looks like one.
pub(crate) fn choose(paragraphs: &[Paragraph]) -> Option<String> {
    let body_size = median_size(paragraphs);
    let candidates: Vec<&Paragraph> = paragraphs
        .iter()
        .take(SEARCH_DEPTH)
        .filter(|p| p.page == 0 && is_heading_like(p, body_size))
        .collect();
    let first = candidates.first()?;
    // The banner of an issuing office ends in 文件 and precedes the real title.
    if first.text.ends_with("文件") {
        if let Some(next) = candidates.get(1) {
            return Some(next.text.clone());
        }
    }
    Some(first.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, size: f32, centred: bool) -> Paragraph {
        Paragraph { text: text.to_string(), page: 0, size, centred }
    }

    #[test]
    fn picks_the_large_centred_heading() {
        let paragraphs = [
            paragraph("关于开展城市试点申报工作的通知", 22.0, true),
            paragraph("工信厅联规函〔2025〕108号", 16.0, true),
            paragraph("各省、自治区、直辖市：", 16.0, false),
            paragraph("为贯彻落实决策部署，现将有关事项通知如下。", 16.0, false),
        ];
        assert_eq!(choose(&paragraphs).as_deref(), Some("关于开展城市试点申报工作的通知"));
    }

    #[test]
    fn passes_over_the_issuer_banner_and_document_number() {
        let paragraphs = [
            paragraph("江海市人民政府办公厅文件", 26.0, true),
            paragraph("江府办规〔2025〕7号", 16.0, true),
            paragraph("江海市人民政府办公厅关于印发实施方案的通知", 22.0, true),
            paragraph("各区人民政府：", 16.0, false),
            paragraph("现印发给你们，请认真组织实施。", 16.0, false),
        ];
        assert_eq!(choose(&paragraphs).as_deref(), Some("江海市人民政府办公厅关于印发实施方案的通知"));
    }

    #[test]
    fn finds_no_title_in_body_text_only() {
        let paragraphs = [
            paragraph("第一条 为了规范管理，制定本办法。", 12.0, false),
            paragraph("第二条 本办法适用于全市。", 12.0, false),
        ];
        assert_eq!(choose(&paragraphs), None);
    }

    #[test]
    fn reads_an_english_title() {
        let paragraphs = [
            paragraph("Notice on Launching the 2025 Pilot Program", 16.0, true),
            paragraph("Document No. MIIT-SME [2025] 108", 12.0, true),
            paragraph("To the authorities of all provinces:", 12.0, false),
        ];
        assert_eq!(choose(&paragraphs).as_deref(), Some("Notice on Launching the 2025 Pilot Program"));
    }
}
