//! Turns the DOM under the content root into normalised blocks.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Node};
use tiaowen_text::{ends_sentence, normalize_line, parse_doc_number};

use super::{is_furniture, BLOCK_TAGS};
use crate::text::{ends_body, is_boilerplate};

/// Collects the body blocks under the root, dropping boilerplate lines and everything
/// after a `Related Downloads`-style trailer.
pub(super) fn body_blocks(root: ElementRef) -> Vec<String> {
    let mut writer = BlockWriter::default();
    writer.walk(root);
    writer.flush();
    let mut blocks = Vec::new();
    for block in writer.blocks {
        if ends_body(&block) {
            break;
        }
        if !is_boilerplate(&block) {
            blocks.push(block);
        }
    }
    blocks
}

/// Turns a DOM subtree into normalised blocks.
#[derive(Default)]
struct BlockWriter {
    /// Finished blocks.
    blocks: Vec<String>,
    /// Lines of the current block, separated by `<br>`.
    lines: Vec<String>,
    /// Text of the current line.
    current: String,
}

impl BlockWriter {
    /// Walks one element, writing its text.
    fn walk(&mut self, element: ElementRef) {
        let name = element.value().name();
        if name == "br" {
            self.break_line();
            return;
        }
        if is_furniture(element) {
            return;
        }
        if name == "tr" {
            if let Some(row) = data_row(element) {
                self.flush();
                self.blocks.extend(Some(row).filter(|r| !r.is_empty()));
                return;
            }
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        } else if matches!(name, "td" | "th") {
            self.current.push(' ');
        }
    }

    /// Ends the current line at a `<br>`.
    fn break_line(&mut self) {
        let line = normalize_line(&std::mem::take(&mut self.current));
        if !line.is_empty() {
            self.lines.push(line);
        }
    }

    /// Ends the current block, splitting its `<br>` lines where they start new items.
    fn flush(&mut self) {
        self.break_line();
        let mut merged: Vec<String> = Vec::new();
        for line in self.lines.drain(..) {
            match merged.last_mut() {
                Some(last)
                    if !starts_item(&line) && !ends_sentence(last) && !stands_alone(last) =>
                {
                    last.push(' ');
                    last.push_str(&line);
                    *last = normalize_line(last);
                }
                _ => merged.push(line),
            }
        }
        self.blocks.extend(merged);
    }
}

/// Tells whether a line starts a numbered item or heading (一、 （一） 第三条 1. (1) 附件).
fn starts_item(line: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^(?:
                [一二三四五六七八九十百]+[、.．]
              | [（(][一二三四五六七八九十百]+[）)]
              | 第[一二三四五六七八九十百千零〇\d]+[编章节条款]
              | \d+[.．、](?:\D|$) | [（(]\d+[）)]
              | [IVXLC]+\.\s | Article\s+\d | Chapter\s+[IVXLC\d]
              | 附\s*件
            )",
        )
        .expect("the item pattern is valid")
    });
    ITEM.is_match(line) || stands_alone(line)
}

/// Tells whether a line is a document number or a date, which stand on lines of their
/// own.
fn stands_alone(line: &str) -> bool {
    parse_doc_number(line).is_some() || crate::record::parse_date(line).is_some()
}

/// Reads a table row that holds data (no nested tables, short cells) as one block, its
/// cells joined by ` | `; `None` for layout rows.
fn data_row(row: ElementRef) -> Option<String> {
    let has_nested_table = row.descendent_elements().skip(1).any(|e| e.value().name() == "table");
    if has_nested_table {
        return None;
    }
    let mut cells = Vec::new();
    for cell in row.child_elements() {
        if !matches!(cell.value().name(), "td" | "th") || is_furniture(cell) {
            continue;
        }
        let text = normalize_line(&cell.text().collect::<Vec<_>>().join(" "));
        if text.chars().count() > 300 {
            return None;
        }
        if !text.is_empty() {
            cells.push(text);
        }
    }
    Some(cells.join(" | "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_numbered_items() {
        for line in [
            "一、总则",
            "（二）要求",
            "第十条 规定",
            "1.项目",
            "(3) item",
            "附件：清单",
            "II. Work",
        ] {
            assert!(starts_item(line), "{line}");
        }
        for line in ["调查和管理工作的通知", "2019年", "10亿元"] {
            assert!(!starts_item(line), "{line}");
        }
    }

    #[test]
    fn tells_sentence_ends_and_lone_lines() {
        assert!(ends_sentence("现通知如下："));
        assert!(!ends_sentence("调查和管理工作的"));
        assert!(stands_alone("国办发〔2019〕4号"));
        assert!(stands_alone("二〇〇四年十一月四日"));
        assert!(!stands_alone("关于加强管理工作的通知"));
    }
}
