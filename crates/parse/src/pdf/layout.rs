//! Rebuilds paragraphs from visual lines.
//!
//! A PDF only knows lines. A line is joined to the one before it unless something says a
//! paragraph starts: a clause number at its start, a change of font size, a wider gap
//! than the usual line pitch, an indent (Chinese paragraphs start two characters in;
//! headings are centred), or a previous line that stopped short of the right margin
//! although the first word of this line would have fitted there. Margins are measured
//! per column, so two-column pages work too.

use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::is_cjk;

use super::RawLine;

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

/// Tells whether a line ends a sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['。', '；', '：', '！', '？', '.', ';', ':', '!', '?'])
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
fn place(pages: &[Vec<RawLine>]) -> Vec<Placed<'_>> {
    let mut placed = Vec::new();
    for (page, lines) in pages.iter().enumerate() {
        for (line, column) in lines.iter().zip(columns(lines)) {
            placed.push(Placed {
                line,
                page,
                column,
                frame: Frame { left: 0.0, right: 0.0, wraps: false },
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

/// Decides whether `next` starts a new paragraph after `previous`.
fn starts_paragraph(previous: &Placed, next: &Placed, context: Context) -> bool {
    let (a, b) = (previous.line, next.line);
    if starts_with_clause_number(&b.text) {
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
    if next.left_gap() > b.size * 0.8 || !previous.frame.wraps {
        return true;
    }
    let room = previous.right_gap() - a.size * 0.25;
    first_word_width(b) < room
}

/// Joins the next line of a paragraph to its text: Chinese without a space, a word
/// hyphenated at the line end mended, anything else with one space.
fn join_line(text: &mut String, next: &str) {
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

/// Rebuilds the paragraphs of a document from its pages' lines.
pub(crate) fn paragraphs(pages: &[Vec<RawLine>]) -> Vec<Paragraph> {
    let placed = place(pages);
    let context = Context { pitch: line_pitch(&placed), body_size: body_size(&placed) };
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&Placed> = None;
    for current in &placed {
        let continues = previous.is_some_and(|p| !starts_paragraph(p, current, context));
        match out.last_mut() {
            Some(paragraph) if continues => {
                join_line(&mut paragraph.text, &current.line.text);
                paragraph.size = paragraph.size.max(current.line.size);
            }
            _ => out.push(Paragraph {
                text: current.line.text.trim().to_string(),
                page: current.page,
                size: current.line.size,
                centred: current.is_centred(),
                is_title: false,
            }),
        }
        previous = Some(current);
    }
    out
}
