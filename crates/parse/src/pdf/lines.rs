//! Assembles positioned text runs into visual lines.
//!
//! Both extraction engines report text as runs (a glyph, or a whole string) with a
//! baseline position, a right end and a font size, in PDF user space (y grows upwards).
//! A run starts a new line when the baseline moves by more than half a font size or when
//! it jumps back to the left; a gap wider than a sixth of the font size becomes a space.

use super::RawLine;

/// Builds the lines of one page from runs in content-stream order.
#[derive(Debug, Default)]
pub(crate) struct LineBuilder {
    lines: Vec<RawLine>,
    current: Option<RawLine>,
}

impl LineBuilder {
    /// Adds a run of text whose baseline starts at (`x`, `y`) and which ends at `end_x`.
    pub(crate) fn push(&mut self, x: f32, y: f32, end_x: f32, size: f32, text: &str) {
        if text.is_empty() || !x.is_finite() || !y.is_finite() || !end_x.is_finite() {
            return;
        }
        let size = if size.is_finite() && size > 0.1 { size } else { 10.0 };
        if let Some(line) = self.current.as_mut() {
            let scale = size.max(line.size);
            let same_baseline = (y - line.y).abs() <= scale * 0.5;
            let moved_back = x < line.x1 - scale * 2.0;
            if same_baseline && !moved_back {
                let gap = x - line.x1;
                if gap > scale * 0.17 && !line.text.ends_with(' ') && !text.starts_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(text);
                line.x1 = line.x1.max(end_x);
                line.size = line.size.max(size);
                return;
            }
        }
        self.finish_line();
        self.current = Some(RawLine { text: text.to_string(), x0: x, x1: end_x.max(x), y, size });
    }

    /// Returns the finished lines, dropping lines that hold only white space.
    pub(crate) fn finish(mut self) -> Vec<RawLine> {
        self.finish_line();
        self.lines
    }

    fn finish_line(&mut self) {
        let Some(mut line) = self.current.take() else { return };
        // Runs of spaces drawn as glyphs move the start without adding text.
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            return;
        }
        if trimmed.len() != line.text.len() {
            line.text = trimmed.to_string();
        }
        self.lines.push(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_glyphs_on_one_baseline_and_breaks_on_new_baseline() {
        let mut builder = LineBuilder::default();
        builder.push(10.0, 700.0, 22.0, 12.0, "通");
        builder.push(22.0, 700.0, 34.0, 12.0, "知");
        builder.push(10.0, 680.0, 22.0, 12.0, "各");
        let lines = builder.finish();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "通知");
        assert_eq!(lines[0].x1, 34.0);
        assert_eq!(lines[1].text, "各");
    }

    #[test]
    fn inserts_space_for_a_gap_only() {
        let mut builder = LineBuilder::default();
        builder.push(10.0, 700.0, 30.0, 10.0, "high");
        builder.push(30.0, 700.0, 40.0, 10.0, "-end");
        builder.push(45.0, 700.0, 60.0, 10.0, "goods");
        let lines = builder.finish();
        assert_eq!(lines[0].text, "high-end goods");
    }

    #[test]
    fn starts_a_new_line_when_moving_back_left_on_the_same_baseline() {
        let mut builder = LineBuilder::default();
        builder.push(300.0, 700.0, 400.0, 10.0, "right column");
        builder.push(50.0, 700.0, 150.0, 10.0, "left column");
        assert_eq!(builder.finish().len(), 2);
    }

    #[test]
    fn ignores_blank_and_non_finite_runs() {
        let mut builder = LineBuilder::default();
        builder.push(f32::NAN, 700.0, 10.0, 10.0, "x");
        builder.push(10.0, 700.0, 20.0, 10.0, "  ");
        builder.push(10.0, 600.0, 20.0, 10.0, "");
        assert!(builder.finish().is_empty());
    }
}
