//! Rebuilds paragraphs from visual lines.
//!
//! A PDF only knows lines. A line is joined to the one before it unless something says a
//! paragraph starts: a clause number or a bullet at its start, a change of font size, a
//! wider gap than the usual line pitch, an indent (Chinese paragraphs start two characters
//! in; headings are centred), or a previous line that stopped short of the right margin
//! although the first word of this line would have fitted there. Margins are measured
//! per column, so two-column pages work too. The further lines of a bulleted item are
//! indented past the margin and stay in the item, on the next page too; footnotes (smaller
//! lines at the foot of a page, opening with a note number) follow the body, so that a
//! sentence running on to the next page is not cut by them. The rows of a table drawn
//! cell by cell are joined first (see [`table`]), each a paragraph of its own.

use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::is_cjk;
pub(crate) use tiaowen_text::ends_sentence;
use tiaowen_text::starts_with_bullet;

use super::{hyphen, table, RawLine};

/// A paragraph with what the layout said about it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    /// The joined text, not yet normalised.
    pub(crate) text: String,
    /// The page it starts on, from 0.
    pub(crate) page: usize,
    /// The largest font size in it.
    pub(crate) size: f32,
    /// Whether its first line is centred between the margins.
    pub(crate) centred: bool,
    /// Whether it was recognised as the title while rebuilding.
    pub(crate) is_title: bool,
}

static CLAUSE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
            第[一二三四五六七八九十百千零〇两\d]+[条章节编部分]
          | [一二三四五六七八九十百]+[、．.]
          | [（(]\s*[一二三四五六七八九十百]+\s*[）)]
          | [（(]\s*\d{1,3}\s*[）)]
          | \d{1,3}\s*[、．]
          | \d{1,3}\.(?:\s|[^\d\s])
          | [①-⑳]
          | (?i:article|chapter|section)\s+\d+
          | [IVX]{1,5}\.\s
          | [（(][a-z][）)]\s
        )",
    )
    .expect("the clause-start pattern is valid")
});

/// Tells whether a line starts with a clause or list number.
pub(crate) fn starts_with_clause_number(text: &str) -> bool {
    CLAUSE_START.is_match(text)
}

/// Tells whether a character sits in Chinese text, where lines join without a space.
fn is_wide(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32, 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0xFF00..=0xFF60)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// The left and right edges of the text of one column.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Frame {
    left: f32,
    right: f32,
    /// Whether several lines reach the right margin, that is, whether text wraps at all:
    /// without wrapping every line break is meant.
    wraps: bool,
}

/// Which column of its page a line lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Full,
    Left,
    Right,
}

/// A line with its page, column and frame.
#[derive(Debug, Clone, Copy)]
struct Placed<'a> {
    line: &'a RawLine,
    page: usize,
    column: Column,
    frame: Frame,
    /// Whether the line is a table row rebuilt from its cells, a paragraph of its own.
    row: bool,
}

impl Placed<'_> {
    fn left_gap(&self) -> f32 {
        self.line.x0 - self.frame.left
    }

    fn right_gap(&self) -> f32 {
        self.frame.right - self.line.x1
    }

    /// Centred: both margins clear by a character and about equal.
    fn is_centred(&self) -> bool {
        let size = self.line.size;
        self.left_gap() > size
            && self.right_gap() > size
            && (self.left_gap() - self.right_gap()).abs() < size * 1.5
    }
}

/// Splits the lines of one page into columns, if the page has two.
fn columns(lines: &[RawLine]) -> Vec<Column> {
    let all_full = vec![Column::Full; lines.len()];
    let (Some(min_x), Some(max_x)) = (
        lines.iter().map(|l| l.x0).min_by(f32::total_cmp),
        lines.iter().map(|l| l.x1).max_by(f32::total_cmp),
    ) else {
        return all_full;
    };
    let mid = (min_x + max_x) / 2.0;
    let assign = |line: &RawLine| {
        if line.x1 <= mid + line.size {
            Column::Left
        } else if line.x0 >= mid - line.size {
            Column::Right
        } else {
            Column::Full
        }
    };
    let assigned: Vec<Column> = lines.iter().map(assign).collect();
    // Two columns need several lines filling each column, not a few short lines.
    let column_edge = |column: Column, right_edge: bool| {
        let edges: Vec<f32> = lines
            .iter()
            .zip(&assigned)
            .filter(|(_, c)| **c == column)
            .map(|(l, _)| if right_edge { l.x1 } else { l.x0 })
            .collect();
        let Some(extreme) = (if right_edge {
            edges.iter().copied().max_by(f32::total_cmp)
        } else {
            edges.iter().copied().min_by(f32::total_cmp)
        }) else {
            return 0;
        };
        edges.iter().filter(|e| (**e - extreme).abs() < 2.0).count()
    };
    if column_edge(Column::Left, true) >= 3 && column_edge(Column::Right, false) >= 3 {
        assigned
    } else {
        all_full
    }
}

/// Finds the left margin: the smallest start that at least three lines (or all, if
/// fewer) share, so that one stray line does not move it.
fn left_margin(mut starts: Vec<f32>, tolerance: f32) -> Option<f32> {
    starts.sort_by(f32::total_cmp);
    let needed = starts.len().min(3);
    for &start in &starts {
        if starts.iter().filter(|s| (**s - start).abs() <= tolerance).count() >= needed {
            return Some(start);
        }
    }
    starts.first().copied()
}

/// Finds the right margin: where most of the longer lines end. Not the largest end,
/// because punctuation hanging into the margin and overfull lines reach past it.
fn right_margin(mut ends: Vec<f32>, tolerance: f32) -> Option<f32> {
    ends.sort_by(f32::total_cmp);
    let longer = ends.get(ends.len() / 2..)?;
    let mut best: Option<(usize, f32)> = None;
    for &end in longer {
        let count = longer.iter().filter(|e| (**e - end).abs() <= tolerance).count();
        if best.is_none_or(|(best_count, _)| count >= best_count) {
            best = Some((count, end));
        }
    }
    best.map(|(_, end)| end)
}

/// Places every line: its page, its column and that column's frame.
fn place<'a>(pages: &'a [Vec<RawLine>], rows: &[Vec<bool>]) -> Vec<Placed<'a>> {
    let mut placed = Vec::new();
    for (page, (lines, rows)) in pages.iter().zip(rows).enumerate() {
        for ((line, column), &row) in lines.iter().zip(columns(lines)).zip(rows) {
            placed.push(Placed {
                line,
                page,
                column,
                frame: Frame { left: 0.0, right: 0.0, wraps: false },
                row,
            });
        }
    }
    for column in [Column::Full, Column::Left, Column::Right] {
        let members = || placed.iter().filter(|p| p.column == column);
        let tolerance =
            members().map(|p| p.line.size).sum::<f32>() / members().count().max(1) as f32 * 0.5;
        let left = left_margin(members().map(|p| p.line.x0).collect(), tolerance);
        let right = right_margin(members().map(|p| p.line.x1).collect(), tolerance);
        let (Some(left), Some(right)) = (left, right) else { continue };
        let wraps = members().filter(|p| (p.line.x1 - right).abs() <= tolerance).count() >= 3;
        for p in placed.iter_mut().filter(|p| p.column == column) {
            p.frame = Frame { left, right, wraps };
        }
    }
    placed
}

/// The usual distance between baselines, as a multiple of the font size.
fn line_pitch(placed: &[Placed]) -> f32 {
    let mut ratios: Vec<f32> = placed
        .windows(2)
        .filter(|w| w[0].page == w[1].page && w[0].column == w[1].column)
        .filter(|w| (w[0].line.size - w[1].line.size).abs() < 0.5)
        .map(|w| (w[0].line.y - w[1].line.y) / w[0].line.size)
        .filter(|ratio| *ratio > 0.8 && *ratio < 4.0)
        .collect();
    if ratios.is_empty() {
        return 1.5;
    }
    ratios.sort_by(f32::total_cmp);
    ratios[ratios.len() / 2]
}

/// Estimates how wide the first word (or first Chinese character) of a line is drawn.
fn first_word_width(line: &RawLine) -> f32 {
    let chars = line.text.chars().count().max(1) as f32;
    let per_char = (line.x1 - line.x0).max(0.0) / chars;
    let first_word = line.text.chars().take_while(|c| !c.is_whitespace() && !is_wide(*c)).count();
    per_char * first_word.max(1) as f32
}

/// What holds for the whole document: the usual line pitch and body font size.
#[derive(Debug, Clone, Copy)]
struct Context {
    /// The usual distance between baselines, as a multiple of the font size.
    pitch: f32,
    /// The font size most characters are set in.
    body_size: f32,
}

/// The font size most characters are set in.
fn body_size(placed: &[Placed]) -> f32 {
    let mut sizes: Vec<(f32, usize)> =
        placed.iter().map(|p| (p.line.size, p.line.text.chars().count())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let mut seen = 0;
    for (size, chars) in sizes {
        seen += chars;
        if seen * 2 >= total {
            return size;
        }
    }
    0.0
}

/// Tells whether two lines form one heading set over two or more centred lines.
fn continues_heading(previous: &Placed, next: &Placed, context: Context) -> bool {
    let (a, b) = (previous.line, next.line);
    let balanced = |p: &Placed| (p.left_gap() - p.right_gap()).abs() < p.line.size * 1.5;
    let heading_size = a.size > context.body_size * 1.1;
    balanced(previous)
        && balanced(next)
        && next.left_gap() > b.size * 0.3
        && (heading_size || previous.left_gap() > a.size * 0.3)
        && !ends_sentence(&a.text)
}

/// The share of a page's text height, from its lowest line, that footnotes start in.
const NOTES_BELOW: f32 = 0.4;

/// Marks the footnotes of each page: the lines at its foot set smaller than the body
/// text, below body text and starting low on the page, when the first of them opens with
/// a note number (`1 Executive Order 14179…`, `* Source:`).
fn footnotes(placed: &[Placed], body_size: f32) -> Vec<bool> {
    let mut notes = vec![false; placed.len()];
    let mut start = 0;
    while start < placed.len() {
        let page = placed[start].page;
        let end =
            placed[start..].iter().position(|p| p.page != page).map_or(placed.len(), |n| start + n);
        let mut first = end;
        while first > start && placed[first - 1].line.size < body_size * 0.85 {
            first -= 1;
        }
        // Notes sit low on the page: a run of small type starting higher up is a table
        // or a caption block, and stays where it is.
        let ys = placed[start..end].iter().map(|p| p.line.y);
        let (top, bottom) = ys.fold((f32::MIN, f32::MAX), |(t, b), y| (t.max(y), b.min(y)));
        let low = |at: usize| placed[at].line.y <= bottom + (top - bottom) * NOTES_BELOW;
        if first > start
            && first < end
            && low(first)
            && starts_with_note_number(&placed[first].line.text)
        {
            notes[first..end].fill(true);
        }
        start = end;
    }
    notes
}

/// Tells whether a note is in Chinese: more Chinese characters than Latin letters.
fn notes_are_chinese(text: &str) -> bool {
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    cjk > text.chars().filter(char::is_ascii_alphabetic).count()
}

/// Tells whether a line opens a footnote: a number or mark, then text.
fn starts_with_note_number(text: &str) -> bool {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\d{1,3}|[*†‡]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*[^\d\s.,、．]")
            .expect("the note pattern is valid")
    });
    NOTE.is_match(text)
}

/// Decides whether `next` starts a new paragraph after `previous`.
fn starts_paragraph(previous: &Placed, next: &Placed, in_item: bool, context: Context) -> bool {
    let (a, b) = (previous.line, next.line);
    // Within a list item, a line going on at the item's indent is text even when it
    // starts like a number (`Section 132 of the Internal Revenue Code…`).
    let item_line = in_item && continues_item(previous, next);
    if starts_with_bullet(&b.text) || (starts_with_clause_number(&b.text) && !item_line) {
        return true;
    }
    if (a.size - b.size).abs() > a.size.max(b.size) * 0.15 {
        return true;
    }
    let same_block = previous.page == next.page && previous.column == next.column;
    let gap = a.y - b.y;
    if same_block && gap > context.pitch * a.size * 1.4 {
        return true;
    }
    if same_block && continues_heading(previous, next, context) {
        return false;
    }
    let indented = next.left_gap() > b.size * 0.8 && !item_line;
    if indented || !previous.frame.wraps {
        return true;
    }
    let room = previous.right_gap() - a.size * 0.25;
    first_word_width(b) < room
}

/// Tells whether an indented line goes on with the list item of the line before it
/// rather than starting a paragraph: it starts right of the bullet that opens that line
/// (the item's hanging indent), or at the same left edge as that line when that one did
/// not end a sentence (the item's further lines, on this page or the next).
fn continues_item(previous: &Placed, next: &Placed) -> bool {
    let (a, b) = (previous.line, next.line);
    let under_bullet = starts_with_bullet(&a.text) && b.x0 > a.x0 && b.x0 - a.x0 < b.size * 2.5;
    let same_edge = (a.x0 - b.x0).abs() <= b.size * 0.2 && !ends_sentence(&a.text);
    under_bullet || same_edge
}

/// Joins the next line of a paragraph to its text: Chinese without a space, a word
/// hyphenated at the line end marked for [`hyphen::resolve`], anything else with one space.
pub(crate) fn join_line(text: &mut String, next: &str) {
    let next = next.trim();
    let (Some(last), Some(first)) = (text.chars().last(), next.chars().next()) else {
        text.push_str(next);
        return;
    };
    let before_hyphen = text.chars().rev().nth(1);
    if last == '-'
        && before_hyphen.is_some_and(|c| c.is_ascii_alphabetic())
        && first.is_ascii_lowercase()
    {
        text.pop();
        text.push(hyphen::LINE_END_HYPHEN);
    } else if !(is_wide(last) || is_wide(first) || ends_in_url(text)) {
        text.push(' ');
    }
    text.push_str(next);
}

/// Tells whether the text ends inside a URL, which a line break must not split with a space.
fn ends_in_url(text: &str) -> bool {
    let last_word = text.rsplit(char::is_whitespace).next().unwrap_or_default();
    (last_word.contains("://") || last_word.starts_with("www.")) && !ends_sentence(last_word)
}

/// How much larger than the text a paragraph's type must be to make it a title.
const TITLE_SIZE_RATIO: f32 = 1.2;
/// The longest title, in characters (a Chinese title is rarely longer than a line).
const MAX_TITLE_CHARS: usize = 40;

/// Tells which paragraphs are titles: set in type larger than most of the text, short,
/// ending no sentence. The size of the text is the one most characters are set in.
pub(crate) fn titles(paragraphs: &[Paragraph]) -> Vec<bool> {
    let mut sizes: Vec<(f32, usize)> =
        paragraphs.iter().map(|p| (p.size, p.text.chars().count())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = sizes.iter().map(|(_, chars)| chars).sum();
    let mut seen = 0;
    let text_size = sizes
        .iter()
        .find(|(_, chars)| {
            seen += chars;
            seen * 2 >= total
        })
        .map_or(0.0, |(size, _)| *size);
    paragraphs
        .iter()
        .map(|p| {
            text_size > 0.0
                && p.size >= text_size * TITLE_SIZE_RATIO
                && p.text.chars().count() <= MAX_TITLE_CHARS
                && !ends_sentence(&p.text)
                && !p.text.contains(['。', '；'])
        })
        .collect()
}

/// Rebuilds the paragraphs of a document from its pages' lines.
pub(crate) fn paragraphs(pages: &[Vec<RawLine>]) -> Vec<Paragraph> {
    let (pages, rows) = table::merge_rows(pages);
    let placed = place(&pages, &rows);
    let context = Context { pitch: line_pitch(&placed), body_size: body_size(&placed) };
    let is_note = footnotes(&placed, context.body_size);
    let (notes, body): (Vec<_>, Vec<_>) = placed.iter().zip(is_note).partition(|(_, note)| *note);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&Placed> = None;
    // The left edge of the further lines of the list item being read, once known.
    let mut item_edge: Option<f32> = None;
    for (current, _) in body {
        let line = current.line;
        let near = |edge: f32| (edge - line.x0).abs() <= line.size * 0.2;
        if starts_with_bullet(&line.text) || item_edge.is_some_and(|e| line.x0 < e - line.size) {
            item_edge = None;
        }
        let opened_by_bullet = out.last().is_some_and(|p| starts_with_bullet(&p.text));
        let in_item = opened_by_bullet || item_edge.is_some_and(near);
        let continues = previous.is_some_and(|p| {
            !p.row && !current.row && !starts_paragraph(p, current, in_item, context)
        });
        match out.last_mut() {
            Some(paragraph) if continues => {
                join_line(&mut paragraph.text, &line.text);
                paragraph.size = paragraph.size.max(line.size);
                if opened_by_bullet && item_edge.is_none() {
                    item_edge = Some(line.x0);
                }
            }
            _ => out.push(Paragraph {
                text: line.text.trim().to_string(),
                page: current.page,
                size: line.size,
                centred: current.is_centred(),
                is_title: false,
            }),
        }
        previous = Some(current);
    }
    // Footnotes follow the body under a heading of their own, each its own paragraph,
    // so that a sentence running on to the next page is not cut by the notes at the
    // foot of this one.
    let mut notes = notes.into_iter().map(|(note, _)| note).peekable();
    if let Some(first) = notes.peek() {
        let chinese = notes_are_chinese(&first.line.text);
        out.push(Paragraph {
            text: if chinese { "注释" } else { "Notes" }.to_string(),
            page: first.page,
            size: first.line.size,
            centred: false,
            is_title: false,
        });
    }
    let mut open_note = false;
    for note in notes {
        let line = note.line;
        match out.last_mut() {
            Some(paragraph) if open_note && !starts_with_note_number(&line.text) => {
                join_line(&mut paragraph.text, &line.text);
            }
            _ => out.push(Paragraph {
                text: line.text.trim().to_string(),
                page: note.page,
                size: line.size,
                centred: false,
                is_title: false,
            }),
        }
        open_note = true;
    }
    let mut texts: Vec<String> = out.iter_mut().map(|p| std::mem::take(&mut p.text)).collect();
    hyphen::resolve(&mut texts);
    for (paragraph, text) in out.iter_mut().zip(texts) {
        paragraph.text = text;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_short_paragraphs_in_larger_type() {
        let paragraph = |text: &str, size: f32| Paragraph {
            text: text.to_string(),
            page: 0,
            size,
            centred: false,
            is_title: false,
        };
        let body = "2026年，上海市普陀区司法局收入预算9628.22万元，其中：财政拨款收入9628.22万元。";
        let paragraphs = [
            paragraph("名词解释", 18.0),
            paragraph(body, 12.0),
            paragraph(body, 12.0),
            paragraph("（一）财政拨款收入：是区级预算主管部门取得的财政拨款。", 12.0),
            paragraph("本部门2026年无政府性基金预算财政拨款。", 18.0),
            paragraph(&"很长的标题".repeat(10), 18.0),
        ];
        assert_eq!(titles(&paragraphs), [true, false, false, false, false, false]);
        assert_eq!(titles(&[]), Vec::<bool>::new());
    }

    fn line(text: &str, x0: f32, x1: f32, y: f32, size: f32) -> RawLine {
        RawLine { text: text.to_string(), x0, x1, y, size }
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<&str> {
        paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn recognises_clause_numbers() {
        for text in [
            "一、总体要求",
            "（一）基本原则",
            "(2) Targets",
            "1. 对处于起步阶段",
            "2．试点城市",
            "第三条 适用范围",
            "第一章 总则",
            "Article 5 Scope",
            "II. Key Tasks",
            "（3）加强",
        ] {
            assert!(starts_with_clause_number(text), "{text}");
        }
        for text in ["1.5亿元", "2025年度", "一批企业", "In order to", "国务院关于"] {
            assert!(!starts_with_clause_number(text), "{text}");
        }
    }

    #[test]
    fn joins_chinese_without_space_and_english_with_one() {
        let mut text = "现将有关事项通".to_string();
        join_line(&mut text, "知如下。");
        assert_eq!(text, "现将有关事项通知如下。");
        let mut text = "the national".to_string();
        join_line(&mut text, "strategy");
        assert_eq!(text, "the national strategy");
        let mut text = "支持 AI".to_string();
        join_line(&mut text, "应用");
        assert_eq!(text, "支持 AI应用");
    }

    #[test]
    fn mends_words_hyphenated_at_the_line_end_only() {
        let mut text = "accelerate their digital trans-".to_string();
        join_line(&mut text, "formation and high-end goods");
        assert_eq!(text, "accelerate their digital trans\u{ad}formation and high-end goods");
        let mut text = "see No. 2025-".to_string();
        join_line(&mut text, "108");
        assert_eq!(text, "see No. 2025- 108");
    }

    #[test]
    fn keeps_a_url_whole_across_a_line_break() {
        let mut text = "详见 https://www.gov.cn/zhengce/".to_string();
        join_line(&mut text, "content/2025.htm");
        assert_eq!(text, "详见 https://www.gov.cn/zhengce/content/2025.htm");
    }

    #[test]
    fn finds_the_right_margin_where_most_long_lines_end() {
        let ends = vec![566.8, 566.8, 566.8, 566.8, 581.8, 581.8, 558.7, 300.0, 146.8];
        assert_eq!(right_margin(ends, 7.5), Some(566.8));
        assert_eq!(left_margin(vec![104.0, 72.0, 72.0, 72.5, 200.0], 6.0), Some(72.0));
    }

    #[test]
    fn detects_two_columns_only_when_both_are_filled() {
        let mut two = Vec::new();
        for row in 0..4 {
            let y = 700.0 - 20.0 * row as f32;
            two.push(line("左栏正文", 72.0, 290.0, y, 12.0));
            two.push(line("右栏正文", 310.0, 528.0, y - 300.0, 12.0));
        }
        assert!(columns(&two).contains(&Column::Right));
        let single = vec![
            line("一、总体要求", 72.0, 150.0, 700.0, 12.0),
            line("正文正文正文正文正文正文正文正文正文正文", 72.0, 528.0, 680.0, 12.0),
            line("工业和信息化部办公厅", 400.0, 528.0, 660.0, 12.0),
        ];
        assert_eq!(columns(&single), vec![Column::Full; 3]);
    }

    #[test]
    fn breaks_paragraphs_at_short_lines_indents_and_numbers() {
        let size = 12.0;
        let page = vec![
            line(
                "In order to implement the national strategy on the high-quality development",
                72.0,
                523.0,
                700.0,
                size,
            ),
            line(
                "of enterprises, the Ministry has decided to launch the 2025 city-level pilot",
                72.0,
                522.0,
                686.0,
                size,
            ),
            line(
                "program. The relevant matters are notified as follows.",
                72.0,
                380.0,
                672.0,
                size,
            ),
            line("I. General Requirements", 72.0, 210.0, 658.0, size),
            line(
                "(1) Basic principles. The program shall be government-guided and market-led,",
                72.0,
                524.0,
                644.0,
                size,
            ),
            line("and shall keep security under control.", 72.0, 290.0, 630.0, size),
        ];
        let paragraphs = paragraphs(&[page]);
        assert_eq!(
            texts(&paragraphs),
            [
                "In order to implement the national strategy on the high-quality development of enterprises, the Ministry has decided to launch the 2025 city-level pilot program. The relevant matters are notified as follows.",
                "I. General Requirements",
                "(1) Basic principles. The program shall be government-guided and market-led, and shall keep security under control.",
            ]
        );
    }

    #[test]
    fn list_items_keep_their_hanging_lines_across_pages_and_notes() {
        let (body, note) = (11.0, 8.0);
        let first = vec![
            line("Recommended Policy Actions", 72.0, 226.0, 700.0, body),
            line(
                "• Led by the Office of Science and Technology Policy, launch a",
                81.0,
                533.0,
                680.0,
                body,
            ),
            line(
                "Request for Information from businesses and the public about",
                95.0,
                533.0,
                667.0,
                body,
            ),
            line(
                "Section 132 of the Internal Revenue Code and other regulations",
                95.0,
                533.0,
                654.0,
                body,
            ),
            line("that hinder AI innovation and adoption, and take", 95.0, 533.0, 641.0, body),
            line(
                "3 Executive Order 14110 of October 30, 2023, “Safe, Secure, and",
                72.0,
                531.0,
                116.0,
                note,
            ),
            line(
                "Trustworthy Development and Use of Artificial Intelligence.”",
                81.0,
                397.0,
                103.0,
                note,
            ),
        ];
        let second = vec![
            line("appropriate action.", 95.0, 190.0, 709.0, body),
            line("• Review all Federal Trade Commission investigations.", 81.0, 400.0, 689.0, body),
            line("Enable AI Adoption", 72.0, 183.0, 650.0, 16.0),
            line(
                "Today, the bottleneck to harnessing AI is not the models alone but",
                72.0,
                533.0,
                630.0,
                body,
            ),
            line("the slow adoption of AI by large organizations.", 72.0, 400.0, 617.0, body),
        ];
        let paragraphs = paragraphs(&[first, second]);
        assert_eq!(
            texts(&paragraphs),
            [
                "Recommended Policy Actions",
                "• Led by the Office of Science and Technology Policy, launch a Request for Information from businesses and the public about Section 132 of the Internal Revenue Code and other regulations that hinder AI innovation and adoption, and take appropriate action.",
                "• Review all Federal Trade Commission investigations.",
                "Enable AI Adoption",
                "Today, the bottleneck to harnessing AI is not the models alone but the slow adoption of AI by large organizations.",
                "Notes",
                "3 Executive Order 14110 of October 30, 2023, “Safe, Secure, and Trustworthy Development and Use of Artificial Intelligence.”",
            ]
        );
    }

    #[test]
    fn small_type_running_down_from_high_on_the_page_is_no_footnote() {
        let (body, small) = (12.0, 9.0);
        let mut page = vec![line("Table 1 Funding by year", 72.0, 300.0, 720.0, body)];
        for n in 0..6 {
            let y = 700.0 - 14.0 * n as f32;
            page.push(line(
                "The pilot cities draw on three sources of funds every year",
                72.0,
                540.0,
                y,
                body,
            ));
        }
        for (n, row) in
            ["1 Central funds 300 million", "2 Local funds 200 million"].iter().enumerate()
        {
            page.push(line(row, 72.0, 300.0, 560.0 - 200.0 * n as f32, small));
        }
        page.push(line("3 Other funds 50 million", 72.0, 300.0, 80.0, small));
        let paragraphs = paragraphs(&[page]);
        let texts = texts(&paragraphs);
        assert!(!texts.contains(&"Notes"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("1 Central funds")), "{texts:?}");
    }

    #[test]
    fn indented_lines_outside_a_list_still_start_paragraphs() {
        let size = 12.0;
        let page = vec![
            line("各有关单位：", 72.0, 150.0, 700.0, size),
            line(
                "为加快推动中小企业数字化转型，现将有关事项通知如下，请认真贯彻落实执行",
                96.0,
                528.0,
                680.0,
                size,
            ),
            line("工业和信息化部办公厅", 400.0, 528.0, 640.0, size),
            line("国家发展改革委办公厅", 400.0, 528.0, 620.0, size),
        ];
        let paragraphs = paragraphs(&[page]);
        assert_eq!(texts(&paragraphs).len(), 4, "{:?}", texts(&paragraphs));
    }

    #[test]
    fn joins_a_title_set_over_centred_lines_and_keeps_its_size() {
        let page = vec![
            line("工业和信息化部办公厅关于开展2025年度中小企业", 101.0, 499.0, 760.0, 18.0),
            line("数字化转型城市试点申报工作的通知", 156.0, 444.0, 734.0, 18.0),
            line("工信厅联规函〔2025〕108号", 230.0, 370.0, 710.0, 12.0),
            line(
                "各省、自治区、直辖市及计划单列市工业和信息化主管部门，新疆生产建",
                79.0,
                521.0,
                690.0,
                12.0,
            ),
            line("设兵团工业和信息化局，各有关单位：", 79.0, 300.0, 672.0, 12.0),
            line(
                "为贯彻落实党中央、国务院决策部署，加快推动中小企业数字化转型，现",
                103.0,
                521.0,
                654.0,
                12.0,
            ),
            line("将有关事项通知如下。", 79.0, 200.0, 636.0, 12.0),
            line("一、总体要求", 103.0, 180.0, 618.0, 12.0),
            line(
                "（一）基本原则。坚持政府引导、市场主导，坚持分类施策、以点带面，",
                103.0,
                521.0,
                600.0,
                12.0,
            ),
            line("坚持安全可控、开放合作。", 79.0, 230.0, 582.0, 12.0),
        ];
        let paragraphs = paragraphs(&[page]);
        assert_eq!(
            paragraphs[0].text,
            "工业和信息化部办公厅关于开展2025年度中小企业数字化转型城市试点申报工作的通知"
        );
        assert_eq!(paragraphs[0].size, 18.0);
        assert!(paragraphs[0].centred);
        assert_eq!(paragraphs.len(), 6, "{:#?}", texts(&paragraphs));
        assert_eq!(paragraphs[5].text, "（一）基本原则。坚持政府引导、市场主导，坚持分类施策、以点带面，坚持安全可控、开放合作。");
    }

    #[test]
    fn continues_a_paragraph_across_a_page_break() {
        let full = |text: &str, y: f32| line(text, 72.0, 523.0, y, 12.0);
        let first = vec![
            full("第一页第一行正文正文正文", 700.0),
            full("第一页第二行正文正文正文", 680.0),
            full("第一页末行正文正文正文", 660.0),
        ];
        let second = vec![
            full("第二页首行正文正文正文", 700.0),
            line("第二页结束。", 72.0, 150.0, 680.0, 12.0),
        ];
        let paragraphs = paragraphs(&[first, second]);
        assert_eq!(paragraphs.len(), 1, "{:#?}", texts(&paragraphs));
        assert_eq!(paragraphs[0].page, 0);
    }
}
