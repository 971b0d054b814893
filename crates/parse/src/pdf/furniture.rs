//! Removes page furniture: page numbers and running headers and footers.
//!
//! Only the two top-most and two bottom-most lines of a page (by baseline, not by
//! content-stream order, since generators often draw headers last) are candidates.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{RawLine, RawPage};

static PAGE_NUMBER: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // "3", "- 3 -", "— 3 —", "~3~"
        r"^[-—–－―~·\s]*\d{1,4}[-—–－―~·\s]*$",
        // "第 3 页", "第3页 共9页", "第3页/共9页"
        r"^第\s*\d{1,4}\s*页\s*([,，/／]?\s*共\s*\d{1,4}\s*页)?$",
        // "共9页 第3页"
        r"^共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页$",
        // "Page 3", "Page 3 of 9", "page 3/9"
        r"(?i)^page\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$",
        // "3 / 9", "3 of 9"
        r"(?i)^\d{1,4}\s*(/|of)\s*\d{1,4}$",
    ]
    .iter()
    .map(|pattern| Regex::new(pattern).expect("page-number patterns are valid"))
    .collect()
});

/// Tells whether a line is nothing but a page number.
pub(crate) fn is_page_number(text: &str) -> bool {
    let text = tiaowen_text::normalize_line(text);
    PAGE_NUMBER.iter().any(|pattern| pattern.is_match(&text))
}

/// Returns the indices of the lines at the top and bottom edges of a page.
fn edge_lines(lines: &[RawLine]) -> Vec<usize> {
    let mut by_height: Vec<usize> = (0..lines.len()).collect();
    by_height.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
    let mut edges: Vec<usize> = by_height.iter().take(2).copied().collect();
    for &index in by_height.iter().rev().take(2) {
        if !edges.contains(&index) {
            edges.push(index);
        }
    }
    edges
}

/// The comparison key of a header or footer: its text without digits and white space,
/// so that "第 3 页" on one page matches "第 4 页" on the next.
fn repeat_key(text: &str) -> String {
    tiaowen_text::normalize_line(text)
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// Removes page numbers from every page, and lines repeated at the edges of most pages
/// (running headers and footers) from every page but the first one showing them.
pub(crate) fn strip(pages: &[RawPage]) -> Vec<Vec<RawLine>> {
    let edges: Vec<Vec<usize>> = pages.iter().map(|page| edge_lines(&page.lines)).collect();
    let mut pages_with_key: HashMap<String, usize> = HashMap::new();
    for (page, page_edges) in pages.iter().zip(&edges) {
        let mut seen_here: Vec<String> = Vec::new();
        for &index in page_edges {
            let key = repeat_key(&page.lines[index].text);
            if key.chars().count() >= 2 && !seen_here.contains(&key) {
                *pages_with_key.entry(key.clone()).or_default() += 1;
                seen_here.push(key);
            }
        }
    }
    let threshold = pages.len().div_ceil(2).max(2);
    let mut kept_once: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(pages.len());
    for (page, page_edges) in pages.iter().zip(&edges) {
        let mut lines = Vec::with_capacity(page.lines.len());
        for (index, line) in page.lines.iter().enumerate() {
            if page_edges.contains(&index) {
                if is_page_number(&line.text) {
                    continue;
                }
                let key = repeat_key(&line.text);
                if pages_with_key.get(&key).is_some_and(|&count| count >= threshold) {
                    if kept_once.contains(&key) {
                        continue;
                    }
                    kept_once.push(key);
                }
            }
            lines.push(line.clone());
        }
        out.push(lines);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f32) -> RawLine {
        RawLine { text: text.to_string(), x0: 50.0, x1: 300.0, y, size: 12.0 }
    }

    #[test]
    fn recognises_page_numbers_in_their_usual_forms() {
        for text in [
            "— 3 —",
            "- 12 -",
            "3",
            "第 3 页",
            "第3页 共9页",
            "Page 3 of 9",
            "page 4",
            "3 / 9",
            "－２－",
        ] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["2025年", "一、总体要求", "3. Targets", "1200个", "Article 3"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn drops_page_numbers_and_repeated_headers_but_keeps_the_first_header() {
        let page = |n: usize, body: &str| RawPage {
            lines: vec![
                line("江海市人民政府办公厅文件", 800.0),
                line(body, 700.0),
                line(&format!("— {n} —"), 40.0),
            ],
        };
        let pages = vec![page(1, "第一页正文"), page(2, "第二页正文"), page(3, "第三页正文")];
        let stripped = strip(&pages);
        let texts: Vec<Vec<&str>> =
            stripped.iter().map(|p| p.iter().map(|l| l.text.as_str()).collect()).collect();
        assert_eq!(
            texts,
            vec![
                vec!["江海市人民政府办公厅文件", "第一页正文"],
                vec!["第二页正文"],
                vec!["第三页正文"]
            ]
        );
    }

    #[test]
    fn keeps_a_single_page_untouched_except_its_number() {
        let pages = vec![RawPage {
            lines: vec![line("标题", 800.0), line("正文", 700.0), line("1", 30.0)],
        }];
        let stripped = strip(&pages);
        assert_eq!(stripped[0].len(), 2);
    }
}
