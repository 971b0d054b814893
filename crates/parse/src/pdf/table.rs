//! Rebuilds the rows of tables that are drawn cell by cell.
//!
//! Office suites draw a table one cell at a time: the lines of a row's first cell from top
//! to bottom, then the second cell's from the top of the row again, and so on. Read in
//! drawing order, a row comes out as unrelated runs of short lines (`Recommendation 23`,
//! `Continue to support and grow the AI`, …, then `Agree. DSIT will confirm AISI’s`, …, then
//! `Spring 2025`), and the lines of the next cell run on from the last line of the one
//! before. A row shows itself by that jump: a run of lines under one left edge (a cell),
//! followed by another run starting back up within its height, further right.
//!
//! Rows whose cells start at the same left edges, two or more together on a page, make a
//! table; a lone row counts when its cells fit the columns of a table found elsewhere in
//! the document. Each row becomes one line, its cells' text joined by [`CELL_SEPARATOR`],
//! so that it reads as one paragraph. A row broken by a page goes on in the cells at the
//! top of the next page that sit in its columns, and in a row there whose first cell goes
//! on with a sentence (it starts in lower case).

use super::layout::join_line;
use super::RawLine;

/// What separates the cells of a rebuilt row.
const CELL_SEPARATOR: &str = " | ";

/// A run of consecutive lines under one left edge, each below the one before: a cell of a
/// table, or a block of ordinary text.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The first line, as an index into the page's lines.
    start: usize,
    /// One past the last line.
    end: usize,
    /// The left edge of its first line.
    x0: f32,
    /// The baseline of its first line.
    top: f32,
    /// The baseline of its last line.
    bottom: f32,
    /// The largest font size in it.
    size: f32,
}

/// Cuts a page's lines into cells: a new one starts where the next line moves back up,
/// starts at another left edge or is set in another size.
fn cells(lines: &[RawLine]) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        if let Some(cell) = out.last_mut() {
            let previous = &lines[at - 1];
            let scale = line.size.max(previous.size);
            let moved_up = line.y > previous.y + scale * 0.5;
            let moved_sideways = (line.x0 - previous.x0).abs() > scale * 2.0;
            let resized = (line.size - previous.size).abs() > scale * 0.15;
            if !moved_up && !moved_sideways && !resized {
                cell.end = at + 1;
                cell.bottom = line.y;
                cell.size = cell.size.max(line.size);
                continue;
            }
        }
        out.push(Cell {
            start: at,
            end: at + 1,
            x0: line.x0,
            top: line.y,
            bottom: line.y,
            size: line.size,
        });
    }
    split_at_row_tops(&mut out, lines);
    out
}

/// Splits a cell where the next cell starts back up level with one of its later lines:
/// the lines above that one are text before the row (a heading or a sentence set at the
/// table's left edge), not part of its first cell.
fn split_at_row_tops(cells: &mut Vec<Cell>, lines: &[RawLine]) {
    let mut at = 0;
    while at + 1 < cells.len() {
        let (cell, next) = (cells[at], cells[at + 1]);
        let scale = next.size.max(cell.size);
        let level = (cell.start + 1..cell.end)
            .find(|&l| (lines[l].y - next.top).abs() <= scale * 0.6)
            .filter(|_| next.x0 > cell.x0 + scale && next.top > cell.bottom + scale * 0.5);
        if let Some(split) = level {
            let size_of = |range: std::ops::Range<usize>| {
                lines[range].iter().map(|l| l.size).fold(0.0, f32::max)
            };
            let above = Cell {
                end: split,
                bottom: lines[split - 1].y,
                size: size_of(cell.start..split),
                ..cell
            };
            let row_cell = Cell {
                start: split,
                x0: lines[split].x0,
                top: lines[split].y,
                size: size_of(split..cell.end),
                ..cell
            };
            cells[at] = above;
            cells.insert(at + 1, row_cell);
        }
        at += 1;
    }
}

/// Groups cells into rows: after a row's first cell, each next cell that starts right
/// of the one before and within the first cell's height belongs to the row, the second
/// starting back up. Returns the rows of two or more cells, as ranges of cell indices.
fn rows(cells: &[Cell]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut first = 0;
    while first < cells.len() {
        let mut end = first + 1;
        while let Some(next) = cells.get(end) {
            let previous = &cells[end - 1];
            let scale = next.size.max(previous.size);
            let right = next.x0 > previous.x0 + scale;
            // The second cell starts back up; later ones may sit lower (set in the middle
            // of the row, or after a cell of one line that joined the row's first line),
            // but within the height of the first cell.
            let back_up = end > first + 1 || next.top > previous.bottom + scale * 0.5;
            let head = &cells[first];
            let within =
                next.top <= head.top + scale * 0.6 && next.top >= head.bottom - scale * 0.5;
            if !(right && back_up && within) {
                break;
            }
            end += 1;
        }
        if end - first >= 2 {
            out.push(first..end);
            first = end;
        } else {
            first += 1;
        }
    }
    out
}

/// The left edges of a table's columns.
#[derive(Debug, Clone)]
struct Columns {
    edges: Vec<f32>,
    tolerance: f32,
}

impl Columns {
    /// Which column a left edge falls in.
    fn of(&self, x0: f32) -> Option<usize> {
        self.edges.iter().position(|edge| (edge - x0).abs() <= self.tolerance)
    }

    /// Which column a left edge lies in: the last one starting at or before it (the
    /// lines of a list inside a cell start right of the cell's edge).
    fn containing(&self, x0: f32) -> Option<usize> {
        let mut inside: Option<(usize, f32)> = None;
        for (column, &edge) in self.edges.iter().enumerate() {
            if edge <= x0 + self.tolerance && inside.is_none_or(|(_, best)| edge > best) {
                inside = Some((column, edge));
            }
        }
        inside.map(|(column, _)| column)
    }

    /// Tells whether a row's cells start at this table's edges, the first at the first.
    fn fit(&self, row: &[Cell]) -> bool {
        row.first().is_some_and(|cell| self.of(cell.x0) == Some(0))
            && row.iter().all(|cell| self.of(cell.x0).is_some())
    }

    /// Adds the edges of a row's cells that are not known yet.
    fn learn(&mut self, row: &[Cell]) {
        for cell in row {
            if self.of(cell.x0).is_none() {
                self.edges.push(cell.x0);
            }
        }
    }
}

/// A recognised row: where it is, and its cells' text by column.
#[derive(Debug)]
struct Row {
    page: usize,
    /// The cells, as a range of the page's cell indices.
    cells: std::ops::Range<usize>,
    /// The table's columns, to place cells that go on from the page before.
    table: usize,
    /// The text of each cell, with the column it sits in.
    texts: Vec<(usize, String)>,
}

impl Row {
    /// Adds text that goes on in a column (from the next page).
    fn add(&mut self, column: usize, text: String) {
        match self.texts.iter_mut().find(|(c, _)| *c == column) {
            Some((_, known)) => join_line(known, &text),
            None => {
                self.texts.push((column, text));
                self.texts.sort_by_key(|(column, _)| *column);
            }
        }
    }
}

/// The lines of each page with every table row drawn cell by cell joined into one line,
/// and for each line whether it is such a row.
pub(crate) type Merged = (Vec<Vec<RawLine>>, Vec<Vec<bool>>);

/// Joins the cells of each table row into one line (see the module documentation).
/// Pages without such tables come back unchanged.
pub(crate) fn merge_rows(pages: &[Vec<RawLine>]) -> Merged {
    let page_cells: Vec<Vec<Cell>> = pages.iter().map(|lines| cells(lines)).collect();
    let page_rows: Vec<Vec<std::ops::Range<usize>>> =
        page_cells.iter().map(|cells| rows(cells)).collect();
    // Tables: two or more rows in a row on a page, the first cells at one left edge.
    let mut tables: Vec<Columns> = Vec::new();
    let mut table_of: Vec<Vec<Option<usize>>> =
        page_rows.iter().map(|rows| vec![None; rows.len()]).collect();
    for (page, rows) in page_rows.iter().enumerate() {
        let cells = &page_cells[page];
        let mut at = 0;
        while at < rows.len() {
            let first = &cells[rows[at].clone()];
            let tolerance = first[0].size * 0.5;
            let mut columns = Columns { edges: Vec::new(), tolerance };
            columns.learn(first);
            let mut end = at + 1;
            while end < rows.len()
                && rows[end].start == rows[end - 1].end
                && columns.of(cells[rows[end].start].x0) == Some(0)
            {
                columns.learn(&cells[rows[end].clone()]);
                end += 1;
            }
            if end - at >= 2 {
                let known = tables.iter().position(|t| t.edges == columns.edges);
                let table = known.unwrap_or_else(|| {
                    tables.push(columns);
                    tables.len() - 1
                });
                table_of[page][at..end].fill(Some(table));
            }
            at = end;
        }
    }
    if tables.is_empty() {
        return unchanged(pages);
    }
    // A lone row counts when it fits a table found elsewhere.
    for (page, rows) in page_rows.iter().enumerate() {
        for (at, row) in rows.iter().enumerate() {
            if table_of[page][at].is_none() {
                let cells = &page_cells[page][row.clone()];
                table_of[page][at] = tables.iter().position(|t| t.fit(cells));
            }
        }
    }
    let mut found: Vec<Row> = Vec::new();
    let mut taken: Vec<Vec<bool>> = pages.iter().map(|lines| vec![false; lines.len()]).collect();
    for (page, rows) in page_rows.iter().enumerate() {
        let cells = &page_cells[page];
        // Cells at the top of the page that go on with the last row of the page before:
        // cells in its columns other than the first, then a row whose first cell goes on
        // with a sentence (it starts in lower case).
        let first_row = rows.iter().zip(&table_of[page]).find(|(_, t)| t.is_some());
        let head_end = first_row.map_or(cells.len(), |(row, _)| row.start);
        let mut continued_row = None;
        if let Some(last) = found.last_mut().filter(|r| r.page + 1 == page) {
            let ended_page = last.cells.end == page_cells[last.page].len();
            let columns = &tables[last.table];
            let mut consumed = 0;
            for cell in cells[..head_end].iter().take_while(|_| ended_page) {
                let Some(column) = columns.containing(cell.x0).filter(|c| *c > 0) else { break };
                last.add(column, cell_text(&pages[page][cell.start..cell.end]));
                taken[page][cell.start..cell.end].fill(true);
                consumed += 1;
            }
            let goes_on = |row: &std::ops::Range<usize>| {
                let first_line = &pages[page][cells[row.start].start].text;
                first_line.starts_with(|c: char| c.is_lowercase())
            };
            if let Some((row, _)) =
                first_row.filter(|(row, _)| ended_page && consumed == head_end && goes_on(row))
            {
                for cell in &cells[row.clone()] {
                    let column = columns.containing(cell.x0).unwrap_or(0);
                    last.add(column, cell_text(&pages[page][cell.start..cell.end]));
                    taken[page][cell.start..cell.end].fill(true);
                }
                continued_row = Some(row.start);
            }
        }
        for (row, table) in rows.iter().zip(&table_of[page]) {
            let Some(table) = *table else { continue };
            if continued_row == Some(row.start) {
                continue;
            }
            let texts = cells[row.clone()]
                .iter()
                .map(|cell| {
                    let column = tables[table].of(cell.x0).unwrap_or(0);
                    (column, cell_text(&pages[page][cell.start..cell.end]))
                })
                .collect();
            found.push(Row { page, cells: row.clone(), table, texts });
        }
    }
    let mut out_pages: Vec<Vec<RawLine>> = Vec::with_capacity(pages.len());
    let mut out_marks: Vec<Vec<bool>> = Vec::with_capacity(pages.len());
    let mut found = found.into_iter().peekable();
    for (page, lines) in pages.iter().enumerate() {
        let cells = &page_cells[page];
        let mut out = Vec::with_capacity(lines.len());
        let mut marks = Vec::with_capacity(lines.len());
        let mut at = 0;
        while at < cells.len() {
            if let Some(row) = found.next_if(|r| r.page == page && r.cells.start == at) {
                let members = &cells[row.cells.clone()];
                let lines_of = &lines[members[0].start..members[members.len() - 1].end];
                let texts: Vec<&str> = row.texts.iter().map(|(_, t)| t.as_str()).collect();
                out.push(RawLine {
                    text: texts.join(CELL_SEPARATOR),
                    x0: members[0].x0,
                    x1: lines_of.iter().map(|l| l.x1).fold(members[0].x0, f32::max),
                    y: members[0].top,
                    size: members.iter().map(|c| c.size).fold(0.0, f32::max),
                });
                marks.push(true);
                at = row.cells.end;
                continue;
            }
            let cell = &cells[at];
            for (line, taken) in lines[cell.start..cell.end].iter().zip(&taken[page][cell.start..])
            {
                if !taken {
                    out.push(line.clone());
                    marks.push(false);
                }
            }
            at += 1;
        }
        out_pages.push(out);
        out_marks.push(marks);
    }
    (out_pages, out_marks)
}

/// The pages as they are, no line a row.
fn unchanged(pages: &[Vec<RawLine>]) -> Merged {
    (pages.to_vec(), pages.iter().map(|lines| vec![false; lines.len()]).collect())
}

/// The text of a cell, its lines joined.
fn cell_text(lines: &[RawLine]) -> String {
    let mut text = String::new();
    for line in lines {
        join_line(&mut text, &line.text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y: f32) -> RawLine {
        RawLine { text: text.to_string(), x0, x1: x0 + 6.0 * text.len() as f32, y, size: 12.0 }
    }

    /// A three-column row drawn cell by cell, its top at `top`.
    fn row(number: u32, top: f32) -> Vec<RawLine> {
        vec![
            line(&format!("Recommendation {number}"), 51.0, top),
            line("Continue to support and grow the AI", 51.0, top - 28.0),
            line("Safety Institute.", 51.0, top - 44.0),
            line("Agree. DSIT will confirm AISI’s", 256.0, top),
            line("funding through Spending Reviews.", 256.0, top - 16.0),
            line("Spring 2025", 469.0, top),
        ]
    }

    /// A row whose first cell has two lines and whose response two, its top at `top`.
    fn short_row(number: u32, top: f32) -> Vec<RawLine> {
        vec![
            line(&format!("Recommendation {number}"), 51.0, top),
            line("Commit to funding regulators.", 51.0, top - 28.0),
            line("Agree. HMT will", 256.0, top),
            line("assess.", 256.0, top - 16.0),
            line("Summer 2025", 469.0, top),
        ]
    }

    #[test]
    fn joins_each_row_drawn_cell_by_cell_into_one_line() {
        let mut heading = line("Enabling safe and trusted AI development", 45.0, 760.0);
        heading.size = 18.0;
        let mut page = vec![heading];
        page.extend(row(23, 700.0));
        page.extend(row(24, 600.0));
        page.push(line("Building infrastructure", 45.0, 500.0));
        let (pages, marks) = merge_rows(&[page]);
        let texts: Vec<&str> = pages[0].iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Enabling safe and trusted AI development",
                "Recommendation 23 Continue to support and grow the AI Safety Institute. | Agree. \
                 DSIT will confirm AISI’s funding through Spending Reviews. | Spring 2025",
                "Recommendation 24 Continue to support and grow the AI Safety Institute. | Agree. \
                 DSIT will confirm AISI’s funding through Spending Reviews. | Spring 2025",
                "Building infrastructure",
            ]
        );
        assert_eq!(marks[0], [false, true, true, false]);
        assert_eq!(pages[0][1].y, 700.0);
    }

    #[test]
    fn a_row_broken_by_a_page_goes_on_in_its_columns_on_the_next() {
        let first: Vec<RawLine> = row(23, 700.0).into_iter().chain(row(24, 400.0)).collect();
        let mut second = vec![line("which HMT will assess.", 256.0, 780.0)];
        second.extend(short_row(25, 740.0));
        let (pages, marks) = merge_rows(&[first, second]);
        assert!(pages[0][1]
            .text
            .ends_with("Spending Reviews. which HMT will assess. | Spring 2025"));
        assert_eq!(pages[1].len(), 1);
        assert_eq!(
            pages[1][0].text,
            "Recommendation 25 Commit to funding regulators. | Agree. HMT will assess. | Summer 2025"
        );
        assert_eq!(marks[1], [true]);
    }

    #[test]
    fn a_cell_set_lower_in_its_row_and_a_row_going_on_in_lower_case_join_it() {
        let mut first: Vec<RawLine> = row(7, 700.0);
        // The second cell one line long, its line joined with the third cell's first;
        // the third cell's further lines start lower, as if set in the middle.
        first.extend([
            line("Recommendation 8", 51.0, 500.0),
            line("Shape what data is collected and", 51.0, 472.0),
            line("made available to", 51.0, 456.0),
            line("Agree. See above. Further", 256.0, 500.0),
            line("details", 469.0, 484.0),
            line("published by", 469.0, 468.0),
        ]);
        let mut second = vec![
            line("researchers and", 51.0, 780.0),
            line("innovators.", 51.0, 764.0),
            line("See the data strategy.", 256.0, 780.0),
            line("Summer 2025", 469.0, 780.0),
        ];
        second.extend(short_row(9, 740.0));
        let (pages, marks) = merge_rows(&[first, second]);
        assert_eq!(
            pages[0][1].text,
            "Recommendation 8 Shape what data is collected and made available to researchers and \
             innovators. | Agree. See above. Further See the data strategy. | details published by Summer 2025"
        );
        assert_eq!(marks[1], [true]);
        assert!(pages[1][0].text.starts_with("Recommendation 9"));
    }

    #[test]
    fn leaves_text_and_two_column_pages_alone() {
        // Prose, then a second column starting back up at the top: one "row" only.
        let page = vec![
            line("第一条 为了规范管理，制定本办法。", 50.0, 700.0),
            line("本办法适用于全国。", 50.0, 680.0),
            line("第二条 国务院负责。", 300.0, 700.0),
            line("第三条 省级政府负责。", 300.0, 680.0),
        ];
        let (pages, marks) = merge_rows(std::slice::from_ref(&page));
        assert_eq!(pages[0], page);
        assert!(marks[0].iter().all(|m| !m));
    }

    #[test]
    fn a_lone_row_counts_when_it_fits_a_table_of_the_document() {
        let first: Vec<RawLine> = row(1, 700.0).into_iter().chain(row(2, 500.0)).collect();
        let mut second = vec![line("Building infrastructure", 45.0, 760.0)];
        second.extend(row(3, 700.0));
        second.push(line("Next steps", 45.0, 560.0));
        let (pages, marks) = merge_rows(&[first, second]);
        assert_eq!(marks[1], [false, true, false]);
        assert!(pages[1][1].text.starts_with("Recommendation 3 Continue"));
    }
}
