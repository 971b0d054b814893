//! Reads HTML pages: gov.cn notice pages with their metadata table and `#UCAP-CONTENT`
//! body, and whole pages from other sites, whose main text is found among navigation,
//! sidebars, share bars and footers by text density.
//!
//! The body becomes one block per paragraph (`p`, text-bearing `div`, `li`, headings,
//! table rows with cells joined by ` | `). gov.cn pages often separate numbered items
//! with `<br>` inside one paragraph, and wrap a title over several `<br>` lines: a line
//! after a `<br>` starts a new block when it starts a numbered item or the line before it
//! ends a sentence, and is joined to the line before otherwise.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

mod blocks;
mod meta;

use blocks::body_blocks;
use meta::{declared_charset, page_date, read_meta_table};
use tiaowen_text::{normalize_line, parse_doc_number};

use crate::text::{decode, missing_attachments};
use crate::{PageMeta, ParsedDoc, Result};

/// Elements whose content is never body text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "input",
    "select", "textarea", "iframe", "canvas", "svg", "img", "template", "head", "object", "video",
    "audio", "map",
];

/// Elements that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "body",
    "html",
    "caption",
];

/// Class and id words that mark page furniture rather than the document.
const FURNITURE: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "header",
    "footer",
    "foot",
    "sidebar",
    "crumb",
    "breadcrumb",
    "breadcrumbs",
    "path",
    "position",
    "location",
    "share",
    "bdshare",
    "qr",
    "qrcode",
    "ewm",
    "print",
    "toolbar",
    "related",
    "xgwz",
    "phb",
    "search",
    "logo",
    "banner",
    "banners",
    "pagebreak",
    "mobile",
    "copyright",
    "sitemap",
    "comment",
    "comments",
    "ad",
    "ads",
];

/// Reads an HTML page.
pub fn parse(bytes: &[u8], path: &Path) -> Result<ParsedDoc> {
    let decoded = decode(bytes, declared_charset(bytes), path)?;
    let html = Html::parse_document(&decoded.text);
    let mut meta = read_meta_table(&html);
    if meta.published.is_none() {
        meta.published = page_date(&html);
    }
    let root = content_root(&html);
    let mut blocks = body_blocks(root);
    let mut title_lines = centred_bold_lines(root);
    if title_lines.iter().all(|line| crate::record::split_zh_bodies(line).is_some()) {
        // Centred bold lines that only name bodies are a header of issuers, not a title.
        title_lines.clear();
    }
    if title_lines.len() > 1 && blocks.starts_with(&title_lines) {
        // A title set over several centred paragraphs is one line of the document.
        blocks.splice(..title_lines.len(), [normalize_line(&title_lines.join(" "))]);
    }
    let title = find_title(&html, &title_lines, &meta);
    let mut missing = missing_attachments(&blocks);
    for name in linked_attachments(&html, root) {
        if !missing.contains(&name) {
            missing.push(name);
        }
    }
    let mut warnings = Vec::new();
    warnings.extend(decoded.warning);
    Ok(ParsedDoc {
        title,
        meta,
        blocks,
        missing_attachments: missing,
        warnings,
        titles: Vec::new(),
    })
}

/// Compiles a selector written in this file.
fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("selectors written in this file are valid")
}

/// Returns the lower-case words of an element's class and id (`article_title` gives
/// `article` and `title`).
fn words_of(element: ElementRef) -> Vec<String> {
    let value = element.value();
    let mut words = Vec::new();
    for attr in [value.attr("class"), value.id()].into_iter().flatten() {
        for word in attr.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
            if !word.is_empty() {
                words.push(word.to_ascii_lowercase());
            }
        }
    }
    words
}

/// Tells whether an element is page furniture, hidden, or never holds text.
fn is_furniture(element: ElementRef) -> bool {
    let value = element.value();
    if SKIPPED.contains(&value.name()) {
        return true;
    }
    let hidden = value.attr("style").is_some_and(|s| {
        let squeezed: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        squeezed.to_ascii_lowercase().contains("display:none")
    });
    hidden || words_of(element).iter().any(|w| FURNITURE.contains(&w.as_str()))
}

/// Chooses the element holding the document: `#UCAP-CONTENT` on gov.cn pages, else the
/// element with the most paragraph text of its own.
fn content_root(html: &Html) -> ElementRef<'_> {
    if let Some(ucap) = html.select(&selector("#UCAP-CONTENT")).next() {
        return ucap;
    }
    let mut best = (0usize, html.root_element());
    density(html.root_element(), false, &mut best);
    best.1
}

/// Text measured under an element: its characters outside links, and whether it holds
/// block elements.
#[derive(Clone, Copy, Default)]
struct Density {
    chars: usize,
    blocky: bool,
}

/// Measures an element and keeps the best candidate: the one whose paragraph children
/// (paragraphs, or elements without blocks inside) carry the most text outside links.
fn density<'a>(
    element: ElementRef<'a>,
    in_link: bool,
    best: &mut (usize, ElementRef<'a>),
) -> Density {
    if is_furniture(element) {
        return Density::default();
    }
    let name = element.value().name();
    let in_link = in_link || name == "a";
    let mut own = 0;
    let mut total = Density { chars: 0, blocky: BLOCK_TAGS.contains(&name) && name != "p" };
    for child in element.children() {
        let info = match child.value() {
            Node::Text(text) if !in_link => Density {
                chars: text.chars().filter(|c| !c.is_whitespace()).count(),
                blocky: false,
            },
            Node::Element(_) => match ElementRef::wrap(child) {
                Some(child) => density(child, in_link, best),
                None => Density::default(),
            },
            _ => Density::default(),
        };
        if !info.blocky {
            own += info.chars;
        }
        total.chars += info.chars;
        total.blocky |= info.blocky;
    }
    if own > best.0 {
        *best = (own, element);
    }
    total
}

/// Finds the title: the metadata table's, else the page's `<h1>`, else the centred bold
/// lines opening the body, else a title-classed heading, else `<title>` without the site
/// name.
fn find_title(html: &Html, title_lines: &[String], meta: &PageMeta) -> Option<String> {
    if let Some(title) = meta.title.clone() {
        return Some(title);
    }
    let heading = |css: &str| {
        html.select(&selector(css))
            .filter(|e| !is_furniture(*e))
            .map(|e| clean_title(&e.text().collect::<Vec<_>>().join(" ")))
            .find(|t| !t.is_empty())
    };
    heading("h1")
        .or_else(|| Some(clean_title(&title_lines.join(" "))).filter(|t| !t.is_empty()))
        .or_else(|| heading("h2[class*=title], h3[class*=title], .title"))
        .or_else(|| heading("title").map(|t| strip_site_name(&t)))
        .filter(|t| !t.is_empty())
}

/// Returns the centred bold paragraphs that open the body, as a printed notice sets its
/// title.
fn centred_bold_lines(root: ElementRef) -> Vec<String> {
    let mut parts = Vec::new();
    for paragraph in root.select(&selector("p")) {
        let text = normalize_line(&paragraph.text().collect::<Vec<_>>().join(" "));
        if text.is_empty() {
            continue;
        }
        if !(is_centred(paragraph) && is_bold(paragraph)) || parse_doc_number(&text).is_some() {
            break;
        }
        parts.push(text);
        if parts.len() == 4 {
            break;
        }
    }
    parts
}

/// Tells whether a paragraph is centred.
fn is_centred(element: ElementRef) -> bool {
    let value = element.value();
    let style: String = value.attr("style").unwrap_or_default().split_whitespace().collect();
    value.attr("align").is_some_and(|a| a.eq_ignore_ascii_case("center"))
        || style.to_ascii_lowercase().contains("text-align:center")
}

/// Tells whether a paragraph is set in bold, by tag or by style.
fn is_bold(element: ElementRef) -> bool {
    element.descendent_elements().any(|e| {
        let value = e.value();
        let style: String = value.attr("style").unwrap_or_default().split_whitespace().collect();
        matches!(value.name(), "b" | "strong")
            || style.to_ascii_lowercase().contains("font-weight:bold")
    })
}

/// Normalises a title and drops brackets around it and a document number after it.
fn clean_title(raw: &str) -> String {
    static TRAILING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(]([^（）()]*)[）)]\s*$").expect("the trailing number pattern is valid")
    });
    let mut title = normalize_line(raw);
    title = title.trim_matches(['【', '】']).trim().to_string();
    if let Some(caps) = TRAILING_NUMBER.captures(&title) {
        if parse_doc_number(&caps[1]).is_some() {
            let start = caps.get(0).map_or(title.len(), |m| m.start());
            title.truncate(start);
        }
    }
    title.trim().to_string()
}

/// Removes the site name a `<title>` ends with (`…_中国政府网`, `…-国家发展和改革委员会`).
fn strip_site_name(title: &str) -> String {
    for separator in ["_", " - ", "-", "|", "——", "—"] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let head = head.trim();
            if !head.is_empty() && tail.trim().chars().count() <= 30 {
                return clean_title(head);
            }
        }
    }
    title.to_string()
}

/// Lists attachments linked from the body or named as such anywhere on the page: links
/// to office or PDF files, which a page never carries inline.
fn linked_attachments(html: &Html, root: ElementRef) -> Vec<String> {
    const FILE_TYPES: &[&str] =
        &[".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar"];
    let in_root: Vec<_> = root.select(&selector("a[href]")).map(|a| a.id()).collect();
    let mut names = Vec::new();
    for link in html.select(&selector("a[href]")) {
        let href = link.attr("href").unwrap_or_default().to_ascii_lowercase();
        let href = href.split(['?', '#']).next().unwrap_or_default();
        if !FILE_TYPES.iter().any(|t| href.ends_with(t)) {
            continue;
        }
        let text = normalize_line(&link.text().collect::<Vec<_>>().join(" "));
        let named = ["附件", "Annex", "Attachment"].iter().any(|w| text.contains(w));
        if !in_root.contains(&link.id()) && !named {
            continue;
        }
        let name = if text.is_empty() {
            href.rsplit('/').next().unwrap_or_default().to_string()
        } else {
            text
        };
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> ParsedDoc {
        parse(html.as_bytes(), Path::new("t.html")).expect("the page reads")
    }

    #[test]
    fn reads_the_govcn_metadata_table_and_body() {
        let doc = read(
            r#"<table><tr><td><b>标　　题：</b></td><td>国务院关于推行监管的意见</td>
            <td><b>发文字号：</b></td><td>国发〔2019〕5号</td></tr>
            <tr><td><b>发文机关：</b></td><td>国务院办公厅、中央军委办公厅</td>
            <td><b>成文日期：</b></td><td>2019年01月27日</td></tr></table>
            <table><tr><td id="UCAP-CONTENT"><p>一、总体要求</p><p>（一）指导思想。坚持。</p></td></tr></table>
            <div id="qr_container">扫一扫在手机打开当前页</div>"#,
        );
        assert_eq!(doc.title.as_deref(), Some("国务院关于推行监管的意见"));
        assert_eq!(doc.meta.doc_number.as_deref(), Some("国发〔2019〕5号"));
        assert_eq!(doc.meta.issuers, ["国务院办公厅", "中央军委办公厅"]);
        assert_eq!(doc.meta.issued.as_deref(), Some("2019-01-27"));
        assert_eq!(doc.blocks, ["一、总体要求", "（一）指导思想。坚持。"]);
    }

    #[test]
    fn splits_br_lines_at_numbered_items_only() {
        let doc = read(
            "<div id='UCAP-CONTENT'><p><b>国务院办公厅<br>关于加强管理工作的通知</b></p>\
             <p>现通知如下：<br>一、加强领导。<br>二、明确责任，<br>落实到人。</p></div>",
        );
        assert_eq!(
            doc.blocks,
            [
                "国务院办公厅关于加强管理工作的通知",
                "现通知如下：",
                "一、加强领导。",
                "二、明确责任，落实到人。"
            ]
        );
    }

    #[test]
    fn finds_the_main_text_among_furniture() {
        let doc = read(
            r#"<html><head><title>Opinions on Upgrading - Ministry Portal</title></head><body>
            <div class="header"><ul class="nav"><li><a href="/">Home</a></li></ul></div>
            <div class="crumb">Position: Home &gt; Policies</div>
            <div class="content"><p>MIIT Joint Regulation [2023] No. 258</p>
            <p>Traditional manufacturing is the main body of the industry and the foundation.</p>
            <p>(1) Accelerate the promotion of advanced and applicable technologies.</p>
            <p>Related Downloads</p><p>undefined</p></div>
            <div class="sidebar"><h3>Top News</h3><ul><li><a href="/n/1">Roundtable held</a></li></ul>
            <h3>Related Downloads</h3><ul><li><a href="/d/1.pdf">Annex 1 (PDF)</a></li></ul></div>
            <div class="footer">Copyright Government Portal.</div></body></html>"#,
        );
        assert_eq!(doc.title.as_deref(), Some("Opinions on Upgrading"));
        assert_eq!(doc.blocks.len(), 3);
        assert!(!doc.blocks.iter().any(|b| b.contains("Related") || b.contains("Home")));
        assert_eq!(doc.missing_attachments, ["Annex 1 (PDF)"]);
    }

    #[test]
    fn reads_tables_as_rows() {
        let doc = read(
            "<div id='UCAP-CONTENT'><table><tr><th>指标</th><th>分值</th></tr>\
             <tr><td>门诊人次数</td><td><p>10</p></td></tr></table></div>",
        );
        assert_eq!(doc.blocks, ["指标 | 分值", "门诊人次数 | 10"]);
    }

    #[test]
    fn takes_the_title_from_centred_bold_lines_and_strips_numbers() {
        let doc = read(
            r#"<title>【关于印发《办法》的通知(发改价格规〔2020〕101号)】-国家发展和改革委员会</title>
            <div class="article_con"><p align="center"><strong>国家发展改革委关于印发</strong></p>
            <p align="center"><strong>《省级电网输配电价定价办法》的通知</strong></p>
            <p align="center">发改价格规〔2020〕101号</p><p>各省、自治区、直辖市发展改革委：现印发你们，请按照执行。</p>
            <p>附件：<a href="./W0202.pdf">省级电网输配电价定价办法</a></p></div>"#,
        );
        assert_eq!(
            doc.title.as_deref(),
            Some("国家发展改革委关于印发《省级电网输配电价定价办法》的通知")
        );
        assert_eq!(doc.missing_attachments, ["省级电网输配电价定价办法"]);
        assert_eq!(
            strip_site_name(
                "【关于印发《办法》的通知(发改价格规〔2020〕101号)】-国家发展和改革委员会"
            ),
            "关于印发《办法》的通知"
        );
    }
}
