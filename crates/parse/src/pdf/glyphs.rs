//! The primary engine: `pdf-extract` interprets each page and reports every glyph with
//! its position, which [`GlyphCollector`] turns into lines.
//!
//! `pdf-extract` panics on inputs it does not support (predefined CJK CMaps, broken
//! fonts); the caller runs each page under `catch_unwind` and falls back to the
//! content-stream engine for that page.

use lopdf::Document;
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::lines::LineBuilder;
use super::RawLine;

/// Collects the glyphs `pdf-extract` draws on one page.
#[derive(Debug, Default)]
struct GlyphCollector {
    builder: LineBuilder,
}

impl OutputDev for GlyphCollector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        // The same arithmetic as pdf-extract's own plain-text output: the glyph's size is
        // the side of the square with the area of the transformed font-size vector.
        let size_x = font_size * trm.m11 + font_size * trm.m21;
        let size_y = font_size * trm.m12 + font_size * trm.m22;
        let size = (size_x * size_y).abs().sqrt();
        let x = trm.m31;
        let y = trm.m32;
        let end_x = x + width * size;
        self.builder.push(x as f32, y as f32, end_x as f32, size as f32, char);
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Extracts the lines of one page (numbered from 1) with `pdf-extract`.
///
/// May panic on malformed or unsupported input; see the module docs.
pub(crate) fn page_lines(doc: &Document, page_number: u32) -> Result<Vec<RawLine>, String> {
    let mut collector = GlyphCollector::default();
    pdf_extract::output_doc_page(doc, &mut collector, page_number).map_err(|e| e.to_string())?;
    Ok(collector.builder.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collector_turns_glyphs_into_lines() {
        let mut collector = GlyphCollector::default();
        let row = |x: f64, y: f64| Transform::row_major(1.0, 0.0, 0.0, 1.0, x, y);
        for (i, c) in ["部", "门", "预", "算"].iter().enumerate() {
            collector
                .output_character(&row(10.0 + 12.0 * i as f64, 700.0), 1.0, 0.0, 12.0, c)
                .unwrap();
        }
        collector.output_character(&row(10.0, 680.0), 0.5, 0.0, 12.0, "A").unwrap();
        let lines = collector.builder.finish();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "部门预算");
        assert!((lines[0].size - 12.0).abs() < 1e-3);
        assert!((lines[0].x1 - 58.0).abs() < 1e-3);
    }
}
