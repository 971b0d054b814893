//! Chooses a document's title among its first paragraphs.
//!
//! The title is the heading-like paragraph of the first page (short, not a sentence, not
//! a clause, and either centred or set larger than the body) in the largest type, with
//! the paragraphs of that size right after it: a cover sets its title larger than its
//! motto, and a title of several lines may come out as several paragraphs. Chinese
//! official documents often open with the issuer's banner ("XX人民政府办公厅文件") and a
//! document number before the title; those are passed over.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{ends_sentence, join_line, starts_with_clause_number, Paragraph};

/// How many paragraphs from the start may hold the title.
const SEARCH_DEPTH: usize = 8;

/// Longest title, in characters.
const MAX_TITLE_CHARS: usize = 200;

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

/// Longest line, in characters, that [`merge_title_lines`] takes for a title line.
const MAX_TITLE_LINE_CHARS: usize = 40;

static NAMES_A_DOCUMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(通知|意见|办法|规定|决定|公告|通告|方案|规划|条例|细则|批复|函|报告|纲要|计划|规则|指引|指南|答复|复函|决议)$")
        .expect("the document-kind pattern is valid")
});

fn is_banner(paragraph: &Paragraph) -> bool {
    paragraph.text.ends_with("文件") && paragraph.text.chars().count() <= 30
}

/// Joins the short lines that precede the document number (文号) into one paragraph: a
/// title set in several lines of body-size type, as printed web pages show it, gives
/// the layout nothing else to join them by.
pub(crate) fn merge_title_lines(paragraphs: &mut Vec<Paragraph>) {
    let limit = paragraphs.len().min(SEARCH_DEPTH);
    let Some(number_at) =
        paragraphs[..limit].iter().position(|p| DOC_NUMBER_OR_DATE.is_match(&p.text))
    else {
        return;
    };
    let start = usize::from(paragraphs.first().is_some_and(is_banner));
    if number_at < start + 2 {
        return;
    }
    let lines = &paragraphs[start..number_at];
    let first_size = lines[0].size;
    let all_title_lines = lines.iter().all(|p| {
        p.page == lines[0].page
            && (p.size - first_size).abs() < 0.5
            && p.text.chars().count() <= MAX_TITLE_LINE_CHARS
            && !ends_sentence(&p.text)
            && !starts_with_clause_number(&p.text)
    });
    if !all_title_lines {
        return;
    }
    let mut merged = lines[0].clone();
    for line in &lines[1..] {
        merged.text.push_str(&line.text);
    }
    merged.is_title = true;
    paragraphs.splice(start..number_at, [merged]);
}

/// Returns the title, if one of the first paragraphs looks like one.
pub(crate) fn choose(paragraphs: &[Paragraph]) -> Option<String> {
    if let Some(marked) = paragraphs.iter().take(SEARCH_DEPTH).find(|p| p.is_title) {
        return Some(marked.text.clone());
    }
    let body_size = median_size(paragraphs);
    let first_page = paragraphs.first()?.page;
    let candidates: Vec<usize> = (0..paragraphs.len().min(SEARCH_DEPTH))
        .filter(|&at| {
            paragraphs[at].page == first_page && is_heading_like(&paragraphs[at], body_size)
        })
        .collect();
    if candidates.is_empty() {
        // Nothing stands out by layout: a first paragraph naming a kind of document.
        let first = paragraphs.iter().find(|p| !is_banner(p))?;
        let named =
            first.text.chars().count() <= MAX_TITLE_CHARS && NAMES_A_DOCUMENT.is_match(&first.text);
        return named.then(|| first.text.clone());
    }
    // The banner of an issuing office ends in 文件 and precedes the real title; past it,
    // the title is in the largest type (a cover's `AMERICA'S` / `AI ACTION PLAN` over its
    // motto), its lines joined when they are set as paragraphs of their own.
    let after_banner =
        match candidates.iter().position(|&at| !paragraphs[at].text.ends_with("文件")) {
            Some(first) => &candidates[first..],
            None => &candidates[..],
        };
    let largest = after_banner.iter().map(|&at| paragraphs[at].size).fold(0.0_f32, f32::max);
    let same = |p: &Paragraph| {
        p.page == first_page && (p.size - largest).abs() < 0.5 && is_heading_like(p, body_size)
    };
    let start = *after_banner.iter().find(|&&at| same(&paragraphs[at]))?;
    let mut title = String::new();
    for paragraph in paragraphs[start..].iter().take_while(|p| same(p)) {
        if title.chars().count() + paragraph.text.chars().count() > MAX_TITLE_CHARS {
            break;
        }
        join_line(&mut title, &paragraph.text);
    }
    Some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(text: &str, size: f32, centred: bool) -> Paragraph {
        Paragraph { text: text.to_string(), page: 0, size, centred, is_title: false }
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
        assert_eq!(
            choose(&paragraphs).as_deref(),
            Some("江海市人民政府办公厅关于印发实施方案的通知")
        );
    }

    #[test]
    fn a_cover_title_is_its_largest_type_over_lines() {
        let paragraphs = [
            paragraph("Winning the Race", 48.0, true),
            paragraph("AMERICA’S", 96.0, true),
            paragraph("AI ACTION PLAN", 96.0, false),
            paragraph("JULY 2025", 24.0, true),
            paragraph("America must have the most powerful AI systems in the world.", 11.0, false),
            paragraph(
                "To maintain global leadership, regulation must not hold it back.",
                11.0,
                false,
            ),
        ];
        assert_eq!(choose(&paragraphs).as_deref(), Some("AMERICA’S AI ACTION PLAN"));
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
    fn joins_title_lines_set_like_body_text_before_the_document_number() {
        let mut paragraphs = vec![
            paragraph("国务院办公厅关于有效发挥政府性", 15.0, false),
            paragraph("融资担保基金作用切实支持小微企业和", 15.0, false),
            paragraph("“三农”发展的指导意见", 15.0, false),
            paragraph("国办发〔2019〕6 号", 15.0, false),
            paragraph("各省、自治区、直辖市人民政府：", 15.0, false),
        ];
        merge_title_lines(&mut paragraphs);
        assert_eq!(paragraphs.len(), 3);
        let title =
            "国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见";
        assert_eq!(paragraphs[0].text, title);
        assert_eq!(choose(&paragraphs).as_deref(), Some(title));
    }

    #[test]
    fn leaves_body_paragraphs_before_a_document_number_alone() {
        let mut paragraphs = vec![
            paragraph("各有关单位：", 15.0, false),
            paragraph("现将《关于加强管理的通知》（国发〔2019〕6 号）转发给你们。", 15.0, false),
        ];
        let before = paragraphs.clone();
        merge_title_lines(&mut paragraphs);
        assert_eq!(paragraphs, before);
    }

    #[test]
    fn falls_back_to_a_first_paragraph_naming_a_kind_of_document() {
        let paragraphs = [
            paragraph("关于做好2025年春节期间安全生产工作的通知", 14.0, false),
            paragraph("各区县人民政府：", 14.0, false),
        ];
        assert_eq!(
            choose(&paragraphs).as_deref(),
            Some("关于做好2025年春节期间安全生产工作的通知")
        );
    }

    #[test]
    fn reads_an_english_title() {
        let paragraphs = [
            paragraph("Notice on Launching the 2025 Pilot Program", 16.0, true),
            paragraph("Document No. MIIT-SME [2025] 108", 12.0, true),
            paragraph("To the authorities of all provinces:", 12.0, false),
        ];
        assert_eq!(
            choose(&paragraphs).as_deref(),
            Some("Notice on Launching the 2025 Pilot Program")
        );
    }
}
