//! Reads plain text files, and holds the helpers every text-like format shares: decoding
//! bytes of an unknown encoding, telling site boilerplate from body text, and finding
//! attachments a document refers to but does not contain.
//!
//! A plain text file is read one paragraph per line (blank lines between paragraphs are
//! optional); the first meaningful line is the title. Site boilerplate that page-to-text
//! converters leave behind (breadcrumbs, `Views: 0`, bylines with dates, `Top News`,
//! browser warnings) is dropped, and the date it carried kept as the publication date.

use std::path::Path;
use std::sync::LazyLock;

use encoding_rs::{Encoding, GB18030};
use regex::Regex;
use tiaowen_text::normalize_line;

use crate::{Error, PageMeta, ParsedDoc, Result};

/// Text decoded from bytes, with a note when the encoding had to be guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// Set when the encoding was neither declared nor marked by a BOM.
    pub warning: Option<String>,
}

/// Decodes the bytes of a text document: the byte-order mark wins, then the declared
/// encoding, then UTF-8 if the bytes are valid UTF-8, then detection.
///
/// GB2312 and GBK labels decode as GB18030, their superset: sites that declare gb2312
/// routinely serve characters outside it.
pub(crate) fn decode(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
    path: &Path,
) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned(), None, path);
    }
    reject_binary(bytes, path)?;
    if let Some(encoding) = declared {
        let encoding = widen(encoding);
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        return check_text(text.into_owned(), None, path);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string(), None, path);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guessed = widen(detector.guess(None, chardetng::Utf8Detection::Allow));
    let (text, _) = guessed.decode_without_bom_handling(bytes);
    let warning = format!("encoding not declared; detected {}", guessed.name());
    check_text(text.into_owned(), Some(warning), path)
}

/// Maps the GB family to GB18030 and leaves other encodings alone.
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding.name() == "GBK" || encoding == GB18030 {
        GB18030
    } else {
        encoding
    }
}

/// Rejects bytes that are plainly not text: NUL bytes or a high share of control bytes.
fn reject_binary(bytes: &[u8], path: &Path) -> Result<()> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return Err(not_text(path, "contains NUL bytes"));
    }
    let control =
        sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if control * 20 > sample.len() {
        return Err(not_text(path, "mostly control bytes"));
    }
    Ok(())
}

/// Rejects decoded text that is mostly replacement or control characters.
fn check_text(text: String, warning: Option<String>, path: &Path) -> Result<Decoded> {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(200_000) {
        total += 1;
        if c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()) {
            bad += 1;
        }
    }
    if total > 0 && bad * 20 > total {
        return Err(not_text(path, "not decodable as text"));
    }
    Ok(Decoded { text, warning })
}

/// Builds the error for bytes that are not text.
fn not_text(path: &Path, reason: &str) -> Error {
    Error::NotText { path: path.to_path_buf(), reason: reason.to_string() }
}

/// Reads a plain text document.
pub fn parse(bytes: &[u8], path: &Path) -> Result<ParsedDoc> {
    let decoded = decode(bytes, None, path)?;
    let mut doc = parse_str(&decoded.text);
    doc.warnings.extend(decoded.warning);
    Ok(doc)
}

/// How many leading lines may carry the page's publication date.
const HEAD_LINES: usize = 6;

/// Reads plain text that is already decoded.
fn parse_str(text: &str) -> ParsedDoc {
    let mut meta = PageMeta::default();
    let mut blocks: Vec<String> = Vec::new();
    let mut seen = 0;
    for raw in text.lines() {
        let line = crate::markdown::strip_inline_markup(raw.trim_start_matches('#'));
        let line = strip_counter(&normalize_line(&line));
        if line.is_empty() {
            continue;
        }
        if ends_body(&line) {
            break;
        }
        seen += 1;
        // A date heading the page is its publication date; one at the end is the
        // signature's and stays in the text.
        if let Some(date) = (seen <= HEAD_LINES).then(|| dateline(&line)).flatten() {
            meta.published.get_or_insert(date);
            continue;
        }
        if is_boilerplate(&line) {
            continue;
        }
        blocks.push(line);
    }
    let blocks = join_hyphenated(blocks);
    let title = blocks.iter().find(|b| is_title_candidate(b)).cloned();
    let missing_attachments = missing_attachments(&blocks);
    ParsedDoc { title, meta, blocks, missing_attachments, warnings: Vec::new(), titles: Vec::new() }
}

/// Strips a page-view counter that converters glue to the next line (`Views: 0Notice…`).
fn strip_counter(line: &str) -> String {
    static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:Views|阅读|浏览)\s*[:：]\s*\d+\s*").expect("the counter pattern is valid")
    });
    if !line.starts_with(['V', '阅', '浏']) {
        return line.to_owned();
    }
    COUNTER.replace(line, "").into_owned()
}

/// Tells whether a line is a top or byline date (`2022-10-15`, `Source: … | 2024-04-18
/// 20:59:25 | Author: …`) and returns the date it carries.
fn dateline(line: &str) -> Option<String> {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:Source|来源|发布时间|Published|Date)\s*[:：]")
            .expect("the byline pattern is valid")
    });
    let stripped = line.trim();
    let is_bare_date = crate::record::parse_date(stripped)
        .is_some_and(|_| stripped.chars().filter(|c| c.is_alphabetic()).count() <= 12)
        && stripped.len() <= 40;
    if is_bare_date || BYLINE.is_match(stripped) {
        return crate::record::find_date(stripped);
    }
    None
}

/// Tells whether a line starts the trailing part of a page that holds no body text:
/// lists of other news, related downloads, browser warnings.
pub(crate) fn ends_body(line: &str) -> bool {
    const ENDS: &[&str] = &[
        "Top News",
        "Related News",
        "Related Downloads",
        "相关链接",
        "相关新闻",
        "相关稿件",
        "相关文件",
    ];
    ENDS.contains(&line) || is_browser_warning(line)
}

/// Tells whether a line is an outdated-browser warning.
fn is_browser_warning(line: &str) -> bool {
    line.contains("浏览器版本过低")
        || line.contains("浏览器兼容模式")
        || line.to_ascii_lowercase().contains("your browser version is too old")
}

/// Tells whether a line is site boilerplate rather than document text.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    static PATTERNS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^(?:
                (?:position|当前位置|您当前的位置|您的位置)\s*[:：].*
              | (?:copyright|版权所有).* | .*(?:©|&copy;).{0,80}
              | editor\s*[:：].{0,40} | 责任编辑\s*[:：].{0,20} | 编辑\s*[:：].{0,20}
              | •?\s*detail | undefined | print | share | 打印 | 关闭 | 【打印】|\[\s*打印\s*\]
              | 【纠错】 | 返回顶部 | 扫一扫在手机打开当前页 | 扫一扫.{0,12} | 分享到.{0,8}
              | 字号\s*[:：].{0,10} | 【?字体\s*[:：].{0,12}
            )$",
        )
        .expect("the boilerplate pattern is valid")
    });
    PATTERNS.is_match(line.trim()) || is_browser_warning(line)
}

/// Joins an English word broken across two lines by a hyphen (`west-` + `ern`).
fn join_hyphenated(blocks: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(last) = out.last_mut() {
            let broken = last.ends_with('-')
                && last[..last.len() - 1].ends_with(|c: char| c.is_ascii_lowercase());
            if broken && block.starts_with(|c: char| c.is_ascii_lowercase()) {
                last.pop();
                last.push_str(&block);
                continue;
            }
        }
        out.push(block);
    }
    out
}

/// Tells whether a line can be a title: not a bare date, not a one-word masthead.
fn is_title_candidate(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let cjk = line.chars().filter(|&c| tiaowen_model::is_cjk(c)).count();
    let masthead = words == 1 && cjk == 0;
    !masthead && crate::record::parse_date(line).is_none() && line.chars().count() <= 300
}

/// Lists the attachments a document names (`附件：1.…`, `附件2.…`) whose text does not
/// follow in the document itself.
pub fn missing_attachments(blocks: &[String]) -> Vec<String> {
    static LISTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^附\s*件\s*(?:(\d+)\s*[.．:：、]?|[:：])\s*(?:(\d+)\s*[.．、]\s*)?(.*[^\s.．:：、\d].*)$",
        )
            .expect("the attachment pattern is valid")
    });
    static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d+)\s*[.．、]\s*(.+)$").expect("the continuation pattern is valid")
    });
    let mut listed: Vec<(usize, String, String)> = Vec::new();
    let mut index = 0;
    while index < blocks.len() {
        // The pattern starts with `附`: most blocks fail that far cheaper without it.
        let listing = blocks[index].starts_with('附').then(|| LISTING.captures(&blocks[index]));
        let Some(caps) = listing.flatten() else {
            index += 1;
            continue;
        };
        let number = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str()).to_string();
        let name = clean_attachment_name(caps.get(3).map_or("", |m| m.as_str()));
        let numbered = !number.is_empty();
        if !name.is_empty() {
            listed.push((index, number, name));
        }
        index += 1;
        if !numbered {
            continue;
        }
        while let Some(next) = blocks.get(index).and_then(|b| CONTINUATION.captures(b)) {
            let name = clean_attachment_name(next.get(2).map_or("", |m| m.as_str()));
            listed.push((index, next[1].to_string(), name));
            index += 1;
        }
    }
    let mut missing = Vec::new();
    for (at, number, name) in listed {
        if !attachment_present(&blocks[at + 1..], &number, &name) && !missing.contains(&name) {
            missing.push(name);
        }
    }
    missing
}

/// Trims a listed attachment name of cross-references such as `（附2）-`.
fn clean_attachment_name(name: &str) -> String {
    static LEADING_NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[（(][^）)]{0,8}[）)])?[\s\-－—]*").expect("the note pattern is valid")
    });
    LEADING_NOTE.replace(name.trim(), "").trim().to_string()
}

/// Tells whether an attachment's text follows: a heading `附件`/`附件2` standing alone,
/// or the attachment's name as text.
fn attachment_present(after: &[String], number: &str, name: &str) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^附\s*件\s*(\d*)\s*[.．:：、]?$").expect("the heading pattern is valid")
    });
    let squeezed_name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = String::new();
    for block in after {
        if let Some(caps) = HEADING.captures(block) {
            if caps[1].is_empty() || number.is_empty() || &caps[1] == number {
                return true;
            }
        }
        rest.extend(block.chars().filter(|c| !c.is_whitespace()));
    }
    squeezed_name.chars().count() >= 4 && rest.contains(&squeezed_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn decodes_utf8_with_and_without_bom() {
        let path = Path::new("a.txt");
        let plain = decode("第一条 总则".as_bytes(), None, path).expect("utf-8 decodes");
        assert_eq!(plain.text, "第一条 总则");
        assert_eq!(plain.warning, None);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("通知".as_bytes());
        assert_eq!(decode(&with_bom, None, path).expect("bom decodes").text, "通知");
    }

    #[test]
    fn decodes_gbk_by_detection_and_by_declaration() {
        let text = "国务院办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知。各省、自治区、直辖市人民政府";
        let (bytes, _, _) = GB18030.encode(text);
        let path = Path::new("a.txt");
        let detected = decode(&bytes, None, path).expect("gbk is detected");
        assert_eq!(detected.text, text);
        assert!(detected.warning.is_some());
        let gb2312 = Encoding::for_label(b"gb2312");
        let declared = decode(&bytes, gb2312, path).expect("declared gb2312 decodes");
        assert_eq!(declared.text, text);
        assert_eq!(declared.warning, None);
    }

    #[test]
    fn rejects_binary_bytes() {
        let path = Path::new("a.html");
        let nul = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None, path);
        assert!(matches!(nul, Err(Error::NotText { .. })));
        let control: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
        assert!(matches!(decode(&control, None, path), Err(Error::NotText { .. })));
    }

    #[test]
    fn reads_plain_text_with_boilerplate() {
        let text = "2025-12-31\nViews: 0Notice of the General Office on Pilot Work\n\
                    Office Liangui Letter [2025] No. 108\n\n第一条 总则。\nTop News\nOther story";
        let doc = parse_str(text);
        assert_eq!(doc.title.as_deref(), Some("Notice of the General Office on Pilot Work"));
        assert_eq!(doc.meta.published.as_deref(), Some("2025-12-31"));
        assert_eq!(doc.blocks.last().map(String::as_str), Some("第一条 总则。"));
        assert!(!doc.blocks.iter().any(|b| b.contains("Other story")));
    }

    #[test]
    fn skips_mastheads_and_joins_hyphenated_words() {
        let doc = parse_str(
            "# **FOCUS**\n\n# Cities to Pilot Upgrade\n\ntaken into west-\n\nern regions",
        );
        assert_eq!(doc.title.as_deref(), Some("Cities to Pilot Upgrade"));
        assert_eq!(doc.blocks.last().map(String::as_str), Some("taken into western regions"));
    }

    #[test]
    fn recognises_boilerplate_lines() {
        for line in [
            "Copyright © 2011 JIN SHI",
            "• Detail",
            "undefined",
            "扫一扫在手机打开当前页",
            "Editor:陈春有",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in ["第一条 为了规范管理，制定本办法。", "By CHEN Chunyou", "Print media rules"]
        {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn finds_missing_attachments() {
        let listed = blocks(&[
            "现印发你们，请按照执行。",
            "附件：省级电网输配电价定价办法",
            "国家发展改革委",
            "2020年1月19日",
        ]);
        assert_eq!(missing_attachments(&listed), ["省级电网输配电价定价办法"]);
        let numbered =
            blocks(&["附件1.示范城市申报条件情况表", "附件2（附2）-2023年项目清单样式表.xlsx"]);
        assert_eq!(
            missing_attachments(&numbered),
            ["示范城市申报条件情况表", "2023年项目清单样式表.xlsx"]
        );
    }

    #[test]
    fn sees_attachments_whose_text_follows() {
        let present = blocks(&[
            "附件：1.国土资源部关于地质险情调研情况的报告",
            "2.地质险情调查专家组意见",
            "国务院办公厅",
            "附件1",
            "关于地质险情调研情况的报告",
            "附件2",
            "地质险情调查意见",
        ]);
        assert!(missing_attachments(&present).is_empty());
        let named = blocks(&["附件：三级公立医院绩效考核指标", "附件", "三级公立医院绩效考核指标"]);
        assert!(missing_attachments(&named).is_empty());
    }
}
