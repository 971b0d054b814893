//! Reads PDF files: extracts positioned text lines from each page, then removes page
//! numbers and running headers, rebuilds paragraphs and normalises them.
//!
//! Extraction uses two engines. `pdf-extract` reads most files well; it panics on some
//! (the predefined Chinese CMaps `UniGB-UCS2-H` and `GBK-EUC-H`, broken fonts) and one
//! malformed file overflows its stack, which aborts the process. Pages it fails on, or
//! reads as (nearly) nothing, go to a content-stream walker built on lopdf.
//!
//! Because an abort cannot be caught, callers that read untrusted files pass a
//! [`crate::PdfWorker`]: [`parse`] then runs [`worker_main`] in a child process with a
//! time limit. The `tiaowen` binary offers it as a hidden subcommand, and this crate
//! ships the same entry as the `tiaowen-pdf-worker` binary for its tests.
//!
//! ```no_run
//! use std::path::Path;
//! let bytes = std::fs::read("notice.pdf")?;
//! let doc = tiaowen_parse::pdf::parse(&bytes, Path::new("notice.pdf"), &Default::default())?;
//! println!("{:?} has {} paragraphs", doc.title, doc.blocks.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod content;
mod extract;
mod fontmap;
mod furniture;
mod glyphs;
mod hyphen;
mod layout;
mod lines;
mod quality;
mod repair;
mod table;
mod title;
mod worker;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::{Deserialize, Serialize};

use crate::{Error, ParseOptions, ParsedDoc, Result};
pub use worker::ENGINES_VAR;

/// Stack size of the extraction thread: deeply nested objects recurse deeply in the
/// parser, and the memory is only reserved, not used, unless needed.
const EXTRACTION_STACK: usize = 256 * 1024 * 1024;

/// One line of text as drawn on a page, in PDF user space (points, y grows upwards).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawLine {
    /// The text, as extracted (not normalised).
    pub text: String,
    /// Where the line starts.
    pub x0: f32,
    /// Where the line ends.
    pub x1: f32,
    /// The baseline.
    pub y: f32,
    /// The font size.
    pub size: f32,
}

/// The lines of one page in drawing order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawPage {
    /// The lines.
    pub lines: Vec<RawLine>,
}

/// The text extracted from a PDF before layout repair.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawText {
    /// The pages in order.
    pub pages: Vec<RawPage>,
    /// Problems met on the way (a page no engine could read).
    pub warnings: Vec<String>,
}

/// What the worker process prints on stdout, as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerReply {
    /// The extracted text.
    Extracted(RawText),
    /// The file is not a readable PDF.
    Unreadable {
        /// Why.
        reason: String,
    },
}

/// Reads a PDF into a [`ParsedDoc`], in a child process if `options.pdf_worker` is set.
pub fn parse(bytes: &[u8], path: &Path, options: &ParseOptions) -> Result<ParsedDoc> {
    let raw = match &options.pdf_worker {
        Some(pdf_worker) => worker::run(pdf_worker, bytes, path)?,
        None => extract_raw(bytes, path)?,
    };
    build(raw, path)
}

/// Extracts the raw page lines of a PDF in this process; panics in the extractors are
/// contained, aborts are not.
pub fn extract_raw(bytes: &[u8], path: &Path) -> Result<RawText> {
    extract_on_big_stack(bytes, extract::Engines::Both)
        .map_err(|reason| Error::PdfUnreadable { path: path.to_path_buf(), reason })
}

fn extract_on_big_stack(
    bytes: &[u8],
    engines: extract::Engines,
) -> std::result::Result<RawText, String> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("pdf-extract".to_string())
            .stack_size(EXTRACTION_STACK)
            .spawn_scoped(scope, || extract::extract(bytes, engines));
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(extract::Unreadable("extraction panicked".into()))),
            // No thread to be had: extract on this one.
            Err(_) => extract::extract(bytes, engines),
        }
    })
    .map_err(|unreadable| unreadable.0)
}

/// Runs the worker side of [`crate::PdfWorker`]: extracts the PDF at `path` and prints a
/// JSON [`WorkerReply`] to stdout. Exits 0 with the text, 2 for an unreadable PDF, 1 if
/// the file cannot be read. This is what the hidden `tiaowen __pdf-worker FILE`
/// subcommand calls. With [`ENGINES_VAR`] set to `content`, `pdf-extract` is not used.
pub fn worker_main(path: &Path) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("cannot read {}: {e}", path.display());
            return ExitCode::from(1);
        }
    };
    let engines = match std::env::var(ENGINES_VAR).as_deref() {
        Ok("content") => extract::Engines::ContentOnly,
        _ => extract::Engines::Both,
    };
    let (reply, code) = match extract_on_big_stack(&bytes, engines) {
        Ok(raw) => (WorkerReply::Extracted(raw), 0),
        Err(reason) => (WorkerReply::Unreadable { reason }, 2),
    };
    let mut stdout = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut stdout, &reply).is_ok() && stdout.flush().is_ok();
    if !written {
        eprintln!("cannot write the extracted text");
        return ExitCode::from(1);
    }
    ExitCode::from(code)
}

/// Turns raw page lines into a document: furniture removed, paragraphs rebuilt and
/// normalised, garbage flagged, title chosen.
fn build(raw: RawText, path: &Path) -> Result<ParsedDoc> {
    let quality = quality::assess(raw.pages.iter().flat_map(|p| &p.lines).map(|l| l.text.as_str()));
    if quality.total == 0 {
        return Err(Error::PdfUnreadable {
            path: path.to_path_buf(),
            reason: "no text layer (scanned image?)".to_string(),
        });
    }
    let mut warnings = raw.warnings;
    warnings.extend(quality.warning());
    let pages = furniture::strip(&raw.pages);
    let mut paragraphs = layout::paragraphs(&pages);
    for paragraph in &mut paragraphs {
        paragraph.text = tiaowen_text::normalize_line(&paragraph.text);
    }
    paragraphs.retain(|p| !p.text.is_empty());
    title::merge_title_lines(&mut paragraphs);
    let title = title::choose(&paragraphs);
    drop_page_trailer(&mut paragraphs);
    let is_title = layout::titles(&paragraphs);
    let titles = (0..paragraphs.len()).filter(|&at| is_title[at]).collect();
    let blocks: Vec<String> = paragraphs.into_iter().map(|p| p.text).collect();
    let missing_attachments = crate::text::missing_attachments(&blocks);
    Ok(ParsedDoc { title, blocks, warnings, missing_attachments, titles, ..ParsedDoc::default() })
}

/// Drops what a web page printed to PDF carries after its body ("Related Downloads",
/// "相关链接", browser warnings), when it comes in the last fifth of the document.
fn drop_page_trailer(paragraphs: &mut Vec<layout::Paragraph>) {
    let tail_start = paragraphs.len() - paragraphs.len() / 5;
    let trailer = paragraphs.iter().skip(tail_start).position(|p| crate::text::ends_body(&p.text));
    if let Some(at) = trailer {
        paragraphs.truncate(tail_start + at);
    }
    paragraphs.retain(|p| !crate::text::is_boilerplate(&p.text));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, x1: f32, y: f32) -> RawLine {
        RawLine { text: text.to_string(), x0, x1, y, size: 16.0 }
    }

    #[test]
    fn reports_a_page_without_text_as_a_scan() {
        let raw = RawText { pages: vec![RawPage::default()], warnings: vec![] };
        let err = build(raw, Path::new("scan.pdf")).unwrap_err();
        assert!(
            matches!(err, Error::PdfUnreadable { ref reason, .. } if reason.contains("scanned")),
            "{err}"
        );
    }

    #[test]
    fn flags_a_text_layer_of_unmapped_glyphs() {
        let raw = RawText {
            pages: vec![RawPage {
                lines: vec![line("\u{e001}\u{e002}\u{e003}通知", 72.0, 150.0, 700.0)],
            }],
            warnings: vec![],
        };
        let doc = build(raw, Path::new("bad.pdf")).expect("some text is there");
        assert_eq!(
            doc.warnings,
            ["text layer mostly unmapped: 60% private-use/replacement characters"]
        );
    }

    #[test]
    fn worker_reply_round_trips_through_json() {
        let reply = WorkerReply::Unreadable { reason: "无法解析".to_string() };
        let json = serde_json::to_string(&reply).expect("serialisable");
        assert_eq!(json, r#"{"unreadable":{"reason":"无法解析"}}"#);
        assert_eq!(serde_json::from_str::<WorkerReply>(&json).expect("parses"), reply);
    }

    #[test]
    fn builds_paragraphs_with_normalised_text() {
        let lines = vec![
            line("关于开展试点工作的通知", 200.0, 376.0, 780.0),
            line("各有关单位：", 72.0, 168.0, 740.0),
            line("为贯彻落实党中央、国务院决策部署，现将有关事项通", 104.0, 520.0, 712.0),
            line("知如下。", 72.0, 136.0, 684.0),
            line("一、总体要求", 104.0, 200.0, 656.0),
            line("坚 持 政 府 引 导，市场主导，推动中小企业数字化转", 104.0, 520.0, 628.0),
            line("型。", 72.0, 104.0, 600.0),
            line("（一）基本原则。坚持分类施策、以点带面，坚持安全可控、开", 104.0, 520.0, 572.0),
            line("放合作。", 72.0, 136.0, 544.0),
        ];
        let raw = RawText { pages: vec![RawPage { lines }], warnings: vec![] };
        let doc = build(raw, Path::new("a.pdf")).expect("text is there");
        assert_eq!(
            doc.blocks,
            [
                "关于开展试点工作的通知",
                "各有关单位：",
                "为贯彻落实党中央、国务院决策部署，现将有关事项通知如下。",
                "一、总体要求",
                "坚持政府引导，市场主导，推动中小企业数字化转型。",
                "（一）基本原则。坚持分类施策、以点带面，坚持安全可控、开放合作。",
            ]
        );
        assert_eq!(doc.title.as_deref(), Some("关于开展试点工作的通知"));
    }
}
