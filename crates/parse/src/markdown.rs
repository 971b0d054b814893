//! Reads Markdown documents, as the laws folder lays them out:
//!
//! ```text
//! # 中华人民共和国个人所得税法
//!
//! 1980年9月10日 第五届全国人民代表大会第三次会议通过
//! 2018年8月31日 第十三届全国人民代表大会常务委员会第五次会议……第七次修正
//!
//! <!-- INFO END -->
//!
//! ## 第一章 总则
//! 第一条 ……
//! ```
//!
//! The `# ` line is the title; the enactment notes before `<!-- INFO END -->` are
//! metadata (the last of their dates is the `issued` date, their body the issuer; the
//! notes themselves are kept as the record's 题注), not body text. Headings keep their text as blocks of their own, without the `#` marks.
//! Every other non-empty line is one block: the corpus writes one paragraph per line,
//! and the bilingual constitution puts a Chinese and its English line one after the other.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use tiaowen_text::normalize_line;

use crate::{PageMeta, ParsedDoc, Result};

/// The marker that ends the enactment notes of a law file.
const INFO_END: &str = "<!-- INFO END -->";

/// Reads a Markdown document.
pub fn parse(bytes: &[u8], path: &Path) -> Result<ParsedDoc> {
    let decoded = crate::text::decode(bytes, None, path)?;
    let mut doc = parse_str(&decoded.text);
    doc.warnings.extend(decoded.warning);
    Ok(doc)
}

/// Reads Markdown that is already decoded.
fn parse_str(text: &str) -> ParsedDoc {
    let text = strip_comments_except_info_end(text);
    let (notes, body) = match text.find(INFO_END) {
        Some(at) => (&text[..at], &text[at + INFO_END.len()..]),
        None => ("", text.as_str()),
    };
    let mut title = None;
    let mut meta = PageMeta::default();
    let mut note_lines: Vec<String> = Vec::new();
    for line in notes.lines() {
        let line = line.trim();
        if let Some(heading) = line.strip_prefix("# ") {
            title.get_or_insert_with(|| normalize_line(&strip_inline_markup(heading)));
        } else if !line.is_empty() {
            let line = normalize_line(&strip_inline_markup(line));
            let starts_dated = line.starts_with(|c: char| c.is_ascii_digit());
            match note_lines.last_mut() {
                // A note wrapped over two lines goes on without a date of its own.
                Some(last) if !starts_dated => last.push_str(&line),
                _ => note_lines.push(line),
            }
        }
    }
    read_notes(&note_lines, &mut meta);
    meta.notes = note_lines;
    let mut blocks = Vec::new();
    let mut in_code = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        let (level, content) = heading(trimmed);
        if level == 1 && title.is_none() {
            title = Some(normalize_line(&strip_inline_markup(content)));
            continue;
        }
        let content = if in_code { content.to_string() } else { strip_inline_markup(content) };
        let block = normalize_line(&content);
        if !block.is_empty() && !is_rule(&block) {
            blocks.push(block);
        }
    }
    if title.is_none() {
        title = blocks.first().filter(|b| b.chars().count() <= 60).cloned();
    }
    let missing_attachments = crate::text::missing_attachments(&blocks);
    ParsedDoc { title, meta, blocks, missing_attachments, warnings: Vec::new(), titles: Vec::new() }
}

/// Removes HTML comments, keeping the law files' `INFO END` marker.
fn strip_comments_except_info_end(text: &str) -> String {
    static COMMENT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("the comment pattern is valid"));
    COMMENT
        .replace_all(
            text,
            |caps: &regex::Captures| {
                if &caps[0] == INFO_END {
                    INFO_END.to_string()
                } else {
                    String::new()
                }
            },
        )
        .into_owned()
}

/// Splits a heading line into its level and text; level 0 for other lines.
fn heading(line: &str) -> (usize, &str) {
    let level = line.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return (0, line);
    }
    match line[level..].strip_prefix([' ', '\t']) {
        Some(rest) => (level, rest.trim_end_matches('#').trim()),
        None if line.len() == level => (level, ""),
        None => (0, line),
    }
}

/// Tells whether a block is a thematic break (`---`, `***`).
fn is_rule(block: &str) -> bool {
    block.len() >= 3 && block.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
}

/// Reads the enactment notes: the last date is the `issued` date, and the body that
/// adopted or amended the law is its issuer.
fn read_notes(notes: &[String], meta: &mut PageMeta) {
    const BODIES: &[&str] = &["全国人民代表大会常务委员会", "全国人民代表大会", "国务院"];
    // The effective date (`2015年9月1日 施行`) is not when the text was adopted.
    const ACTS: &[&str] = &["通过", "修正", "修订", "公布", "批准", "发布"];
    let mut last_date = None;
    let mut issuer = None;
    for note in notes {
        if !ACTS.iter().any(|a| note.contains(a)) {
            continue;
        }
        if let Some(date) = crate::record::find_last_date(note) {
            last_date = Some(date);
            issuer = BODIES.iter().find(|b| note.contains(*b)).map(|b| b.to_string());
        }
    }
    meta.issued = last_date;
    meta.issuers.extend(issuer);
}

/// Removes inline Markdown: emphasis marks, links (keeping their text), images, inline
/// code ticks, list and quote markers, and hard-break backslashes.
pub(crate) fn strip_inline_markup(line: &str) -> String {
    static IMAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"!\[([^\]]*)\]\([^)]*\)").expect("the image pattern is valid")
    });
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("the link pattern is valid"));
    static LIST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]\s+|>\s*)+").expect("the list pattern is valid"));
    // Nearly every line of a law file holds no markup at all: skip the patterns then.
    // Links and images keep only text of the line itself, so the checks below still hold
    // after they are replaced.
    let mut line = Cow::Borrowed(line);
    if line.contains(']') && line.contains("](") {
        let images = IMAGE.replace_all(&line, "$1").into_owned();
        line = Cow::Owned(LINK.replace_all(&images, "$1").into_owned());
    }
    if line.trim_start().starts_with(['-', '*', '+', '>']) {
        line = Cow::Owned(LIST.replace(&line, "").into_owned());
    }
    if !line.contains(['*', '_', '`', '\\']) {
        return line.trim().to_string();
    }
    let mut out = line.replace("**", "").replace("__", "").replace('`', "");
    if out.ends_with('\\') {
        out.pop();
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAW: &str = "# 中华人民共和国个人所得税法\n\n\
        1980年9月10日 第五届全国人民代表大会第三次会议通过\n\n\
        2019年1月1日 施行\n\n\
        2018年8月31日 第十三届全国人民代表大会常务委员会第五次会议《关于修改<中华人民共和国个人所得税法>的决定》第七次修正\n\n\
        <!-- INFO END -->\n\n\
        ## 第一章 总　则\n\n\
        第一条 在中国境内有住所的个人，为居民个人。\n\n\
        纳税年度，自公历一月一日起至十二月三十一日止。\n";

    #[test]
    fn reads_a_law_file() {
        let doc = parse_str(LAW);
        assert_eq!(doc.title.as_deref(), Some("中华人民共和国个人所得税法"));
        assert_eq!(doc.meta.issued.as_deref(), Some("2018-08-31"));
        assert_eq!(doc.meta.issuers, ["全国人民代表大会常务委员会"]);
        assert_eq!(doc.blocks[0], "第一章 总则");
        assert_eq!(doc.blocks[1], "第一条 在中国境内有住所的个人，为居民个人。");
        assert!(!doc.blocks.iter().any(|b| b.contains("第七次修正")));
        assert_eq!(doc.meta.notes.len(), 3, "{:?}", doc.meta.notes);
        assert_eq!(doc.meta.notes[0], "1980年9月10日第五届全国人民代表大会第三次会议通过");
        assert!(doc.meta.notes[2].ends_with("第七次修正"), "{:?}", doc.meta.notes);
    }

    #[test]
    fn reads_markdown_without_notes() {
        let doc = parse_str("中华人民共和国宪法\n\nCONSTITUTION OF\n\n第一条\u{3000}中华人民共和国是社会主义国家。\nArticle 1 The People's Republic of China is a socialist state.\n");
        assert_eq!(doc.title.as_deref(), Some("中华人民共和国宪法"));
        assert_eq!(doc.blocks.len(), 4);
        assert!(doc.blocks[3].starts_with("Article 1 "));
        assert_eq!(doc.meta.issued, None);
    }

    #[test]
    fn strips_inline_markup() {
        assert_eq!(strip_inline_markup("- **重点** [链接](http://x.cn) `code`"), "重点 链接 code");
        assert_eq!(strip_inline_markup("> 引用 ![图](a.png)"), "引用 图");
        assert_eq!(strip_inline_markup("  第一条　为了规范管理。 "), "第一条　为了规范管理。");
        assert_eq!(strip_inline_markup("见[附件](a.md)和__说明__"), "见附件和说明");
        assert_eq!(strip_inline_markup("* 列表项\\"), "列表项");
        assert_eq!(strip_inline_markup("+ 第二项 [链接]"), "第二项 [链接]");
    }

    #[test]
    fn splits_headings() {
        assert_eq!(heading("## 第一章 总则"), (2, "第一章 总则"));
        assert_eq!(heading("#hashtag"), (0, "#hashtag"));
        assert_eq!(heading("第一条"), (0, "第一条"));
    }

    #[test]
    fn reads_a_gbk_markdown_file() {
        let (bytes, _, _) = encoding_rs::GB18030
            .encode("# 某某条例\n\n第一条 为了规范管理，根据有关法律，制定本条例。\n");
        let doc = parse(&bytes, Path::new("a.md")).expect("gbk markdown reads");
        assert_eq!(doc.title.as_deref(), Some("某某条例"));
        assert_eq!(doc.warnings.len(), 1);
    }
}
