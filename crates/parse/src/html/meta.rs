//! Reads what a page states about itself: its charset, the gov.cn metadata table, and
//! its publication date.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::Regex;
use scraper::{ElementRef, Html};
use tiaowen_text::normalize_line;

use super::{selector, words_of};
use crate::record::find_date;
use crate::PageMeta;

/// Reads the charset a page declares in `<meta charset>` or `http-equiv` in its first
/// kilobytes.
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)"#)
            .expect("the charset pattern is valid")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let label = CHARSET.captures(&head)?.get(1)?.as_str().to_string();
    Encoding::for_label(label.as_bytes())
}

/// Reads the gov.cn metadata table (标题, 发文字号, 发文机关, 成文日期, 发布日期), in
/// simplified or traditional script.
pub(super) fn read_meta_table(html: &Html) -> PageMeta {
    let mut meta = PageMeta::default();
    for cell in html.select(&selector("td, th")) {
        let label: String = cell
            .text()
            .flat_map(|t| t.chars())
            .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
            .collect();
        if label.chars().count() > 6 {
            continue;
        }
        let Some(value) = cell.next_siblings().find_map(ElementRef::wrap) else { continue };
        let value = normalize_line(&value.text().collect::<Vec<_>>().join(" "));
        if value.is_empty() {
            continue;
        }
        match label.as_str() {
            "标题" | "標題" => {
                meta.title.get_or_insert(value);
            }
            "发文字号" | "發文字號" => {
                meta.doc_number.get_or_insert(value);
            }
            "发文机关" | "發文機關" if meta.issuers.is_empty() => {
                meta.issuers = split_issuers(&value);
            }
            "成文日期" => meta.issued = meta.issued.take().or_else(|| find_date(&value)),
            "发布日期" | "發布日期" | "發佈日期" => {
                meta.published = meta.published.take().or_else(|| find_date(&value));
            }
            _ => {}
        }
    }
    meta
}

/// Splits a list of issuing bodies written `国务院办公厅、中央军委办公厅`.
fn split_issuers(value: &str) -> Vec<String> {
    value
        .split(['、', '，', ',', ';', '；', ' ', '　'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Finds the publication date a page shows outside a metadata table: a `PubDate` meta
/// tag, or an element named like a time or info line.
pub(super) fn page_date(html: &Html) -> Option<String> {
    for tag in html.select(&selector("meta[name]")) {
        let name = tag.attr("name").unwrap_or_default().to_ascii_lowercase();
        if matches!(name.as_str(), "pubdate" | "publishdate" | "firstpublishedtime" | "publishtime")
        {
            if let Some(date) = tag.attr("content").and_then(find_date) {
                return Some(date);
            }
        }
    }
    for element in html.root_element().descendent_elements() {
        let named = words_of(element).iter().any(|w| {
            matches!(w.as_str(), "pubtime" | "time" | "info" | "date" | "pubdate" | "publishtime")
        });
        if named {
            if let Some(date) = find_date(&element.text().collect::<String>()) {
                return Some(date);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_charsets() {
        assert_eq!(declared_charset(b"<meta charset=\"gb2312\">").map(|e| e.name()), Some("GBK"));
        assert_eq!(
            declared_charset(
                b"<meta http-equiv='Content-Type' content='text/html; charset=UTF-8'>"
            )
            .map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(declared_charset(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn splits_issuers() {
        assert_eq!(
            split_issuers("国务院办公厅、中央军委办公厅"),
            ["国务院办公厅", "中央军委办公厅"]
        );
        assert_eq!(split_issuers("财政部 住房城乡建设部"), ["财政部", "住房城乡建设部"]);
    }

    #[test]
    fn reads_page_dates_outside_a_table() {
        let html =
            Html::parse_document("<div class='info'>Source: Portal | 2025-12-31 | Print</div>");
        assert_eq!(page_date(&html).as_deref(), Some("2025-12-31"));
        let meta = Html::parse_document("<meta name='PubDate' content='2020-02-05 10:26:38'>");
        assert_eq!(page_date(&meta).as_deref(), Some("2020-02-05"));
    }
}
