//! Runs the two engines over every page and decides which text to keep.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use lopdf::Document;

use super::quality::{self, Quality};
use super::{content, glyphs, repair, RawLine, RawPage, RawText};

/// Why no text could be had from the bytes at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable(pub(crate) String);

/// Which engines to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engines {
    /// `pdf-extract` first, the content-stream walker for pages it fails on.
    Both,
    /// Only the content-stream walker (used after `pdf-extract` aborted the process).
    ContentOnly,
}

thread_local! {
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once per process, a panic hook that stays silent for panics raised inside
/// [`catch_quietly`] on the current thread and defers to the previous hook otherwise.
fn install_quiet_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|quiet| quiet.get()) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into `Err` with the panic message.
pub(crate) fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_quiet_hook();
    let was_quiet = QUIET_PANICS.with(|quiet| quiet.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET_PANICS.with(|quiet| quiet.set(was_quiet));
    result.map_err(|payload| {
        if let Some(message) = payload.downcast_ref::<&str>() {
            (*message).to_string()
        } else if let Some(message) = payload.downcast_ref::<String>() {
            message.clone()
        } else {
            "panic without a message".to_string()
        }
    })
}

fn load_mem(bytes: &[u8]) -> Result<Document, String> {
    match catch_quietly(|| Document::load_mem(bytes)) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => Err(panic),
    }
}

/// Loads the document, rebuilding a damaged cross-reference table and decrypting with
/// the empty user password if needed. Returns a warning if the file had to be repaired.
fn load(bytes: &[u8]) -> Result<(Document, Option<String>), Unreadable> {
    let (mut doc, warning) = match load_mem(bytes) {
        Ok(doc) => (doc, None),
        Err(error) => {
            let repaired = repair::rebuild_xref(bytes).and_then(|fixed| load_mem(&fixed).ok());
            let Some(doc) = repaired else {
                return Err(Unreadable(format!("cannot parse the pdf: {error}")));
            };
            (doc, Some(format!("damaged pdf ({error}): cross-reference table rebuilt")))
        }
    };
    if doc.is_encrypted() {
        if let Err(e) = doc.decrypt("") {
            return Err(Unreadable(format!(
                "encrypted and the empty password does not open it: {e}"
            )));
        }
    }
    Ok((doc, warning))
}

/// Scores extracted lines: characters that look like real text.
fn score(lines: &[RawLine]) -> (Quality, usize) {
    let quality = quality::assess(lines.iter().map(|line| line.text.as_str()));
    let doubtful = quality.unmapped + quality.out_of_place + quality.punctuation;
    (quality, quality.total.saturating_sub(doubtful))
}

/// Extracts every page's lines; pages that fail in both engines are reported in the
/// warnings and left empty.
pub(crate) fn extract(bytes: &[u8], engines: Engines) -> Result<RawText, Unreadable> {
    let (doc, repair_warning) = load(bytes)?;
    let pages = catch_quietly(|| doc.get_pages())
        .map_err(|e| Unreadable(format!("broken page tree: {e}")))?;
    if pages.is_empty() {
        return Err(Unreadable("the pdf has no pages".to_string()));
    }
    let mut raw = RawText { pages: Vec::new(), warnings: repair_warning.into_iter().collect() };
    for (&number, &page_id) in &pages {
        let primary = match engines {
            Engines::Both => match catch_quietly(|| glyphs::page_lines(&doc, number)) {
                Ok(Ok(lines)) => Some(lines),
                Ok(Err(e)) => {
                    tracing::debug!(page = number, error = %e, "pdf-extract failed on page");
                    None
                }
                Err(panic) => {
                    tracing::debug!(page = number, panic = %panic, "pdf-extract panicked on page");
                    None
                }
            },
            Engines::ContentOnly => None,
        };
        let mut lines = primary.unwrap_or_default();
        let (quality, primary_score) = score(&lines);
        // A page pdf-extract reads poorly (empty, unmapped, garbled) gets a second opinion.
        if quality.total == 0 || quality.warning().is_some() {
            match catch_quietly(|| content::page_lines(&doc, page_id)) {
                Ok(Ok(fallback)) if score(&fallback).1 > primary_score => lines = fallback,
                Ok(_) => {}
                Err(panic) => raw.warnings.push(format!("page {number}: text unreadable: {panic}")),
            }
        }
        if let Some(page_box) = catch_quietly(|| media_box(&doc, page_id)).ok().flatten() {
            lines.retain(|line| page_box.shows(line));
        }
        raw.pages.push(RawPage { lines });
    }
    Ok(raw)
}

/// The visible area of a page, in user space: its media box.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PageBox {
    left: f32,
    bottom: f32,
    right: f32,
    top: f32,
}

impl PageBox {
    /// Tells whether a line is drawn on the page. Text placed outside it (a copy of a
    /// page's text shifted off the sheet, left over from editing) is in the file but
    /// shows nowhere, and would read twice.
    fn shows(&self, line: &RawLine) -> bool {
        let slack = line.size;
        line.y <= self.top + slack
            && line.y >= self.bottom - slack
            && line.x0 <= self.right
            && line.x1 >= self.left
    }
}

/// Reads a page's media box, inherited from the page tree when the page has none.
fn media_box(doc: &Document, page_id: lopdf::ObjectId) -> Option<PageBox> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    // The page tree is shallow; the bound guards against a loop of parents.
    for _ in 0..32 {
        if let Ok(object) = dict.get(b"MediaBox") {
            let array = doc.dereference(object).ok()?.1.as_array().ok()?;
            let value = |at: usize| -> Option<f32> {
                let object = doc.dereference(array.get(at)?).ok()?.1;
                object.as_float().ok().or_else(|| object.as_i64().ok().map(|v| v as f32))
            };
            let (x0, y0, x1, y1) = (value(0)?, value(1)?, value(2)?, value(3)?);
            return Some(PageBox {
                left: x0.min(x1),
                bottom: y0.min(y1),
                right: x0.max(x1),
                top: y0.max(y1),
            });
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_text_drawn_outside_the_page() {
        // The second line is moved 400 points up, off the top of the sheet.
        let pdf = super::super::content::tests::one_page_pdf(
            "GBK-EUC-H",
            "BT /F1 14 Tf 60 780 Td <B9D8D3DA> Tj 0 400 Td <CDA8D6AA> Tj ET",
        );
        let raw = extract(&pdf, Engines::ContentOnly).expect("the test document is valid");
        let texts: Vec<&str> = raw.pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["关于"]);
        let page = PageBox { left: 0.0, bottom: 0.0, right: 595.0, top: 842.0 };
        let line =
            |x0: f32, y: f32| RawLine { text: "字".into(), x0, x1: x0 + 12.0, y, size: 12.0 };
        assert!(page.shows(&line(60.0, 780.0)));
        assert!(page.shows(&line(60.0, 850.0)), "a line hanging over the edge stays");
        assert!(!page.shows(&line(60.0, 1180.0)));
        assert!(!page.shows(&line(700.0, 400.0)));
    }

    #[test]
    fn catches_panics_and_keeps_the_message() {
        let caught = catch_quietly(|| -> u32 { panic!("unsupported encoding GBK-EUC-H") });
        assert_eq!(caught, Err("unsupported encoding GBK-EUC-H".to_string()));
        assert_eq!(catch_quietly(|| 7), Ok(7));
    }

    #[test]
    fn rejects_bytes_that_are_not_a_pdf() {
        assert!(extract(b"<html><body>404</body></html>", Engines::Both).is_err());
        assert!(extract(b"%PDF-1.4\n", Engines::Both).is_err());
    }
}
