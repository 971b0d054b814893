//! Rebuilds the cross-reference table of a damaged PDF.
//!
//! A PDF cut short (an interrupted download) loses its cross-reference table and
//! trailer, which sit at the end; a hand-edited one has wrong offsets. lopdf cannot load
//! either. The objects themselves are usually intact, so this module finds every
//! `N G obj` in the bytes, picks the catalog as the root (or makes one for a surviving
//! page tree), and appends a fresh table and trailer that lopdf can read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::bytes::Regex;

static OBJECT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[\r\n\s])(\d{1,10})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj\b")
        .expect("the object pattern is valid")
});

static PAGE_TREE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/Type\s*/Pages\b").expect("the page-tree pattern is valid"));

static CATALOG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/Type\s*/Catalog\b").expect("the catalog pattern is valid"));

/// Returns the PDF with a rebuilt cross-reference table appended, or `None` if no
/// catalog object can be found.
pub(crate) fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    // lopdf measures offsets from the `%PDF-` header, wherever it starts.
    let header = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let body = &bytes[header..];
    let mut objects: BTreeMap<u32, (u16, usize)> = BTreeMap::new();
    let mut starts: Vec<(usize, u32, u16)> = Vec::new();
    for captures in OBJECT_START.captures_iter(body) {
        let (Some(id), Some(generation)) = (captures.get(1), captures.get(2)) else { continue };
        let id: u32 = std::str::from_utf8(id.as_bytes()).ok()?.parse().ok()?;
        let generation: u16 = std::str::from_utf8(generation.as_bytes()).ok()?.parse().ok()?;
        let offset = captures.get(1).map(|m| m.start())?;
        // A later definition replaces an earlier one, as incremental updates do.
        objects.insert(id, (generation, offset));
        starts.push((offset, id, generation));
    }
    let object_before =
        |at: usize| starts.iter().rev().find(|(offset, _, _)| *offset < at).copied();
    let mut size = objects.keys().next_back()? + 1;
    let mut appended = String::new();
    let (root_id, root_generation) = match CATALOG.find_iter(body).last() {
        Some(catalog) => {
            object_before(catalog.start()).map(|(_, id, generation)| (id, generation))?
        }
        None => {
            // The catalog is written last by some producers and lost when the file is cut
            // short: make one for the page tree, if that survived.
            let (_, pages_id, pages_generation) =
                object_before(PAGE_TREE.find_iter(body).last()?.start())?;
            let catalog_id = size;
            size += 1;
            let offset = body.len() + 1;
            let _ = write!(appended, "\n{catalog_id} 0 obj\n<< /Type /Catalog /Pages {pages_id} {pages_generation} R >>\nendobj\n");
            objects.insert(catalog_id, (0, offset));
            (catalog_id, 0)
        }
    };

    let mut table = appended;
    let xref_offset = body.len() + table.len() + 1;
    let _ = write!(table, "\nxref\n0 {size}\n");
    for id in 0..size {
        match objects.get(&id) {
            Some((generation, offset)) => {
                let _ = write!(table, "{offset:010} {generation:05} n\r\n");
            }
            None => table.push_str("0000000000 65535 f\r\n"),
        }
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {size} /Root {root_id} {root_generation} R >>\nstartxref\n{xref_offset}\n%%EOF\n"
    );
    let mut repaired = Vec::with_capacity(body.len() + table.len());
    repaired.extend_from_slice(body);
    repaired.extend_from_slice(table.as_bytes());
    Some(repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECTS: &str = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
        3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n";

    #[test]
    fn a_pdf_without_its_table_loads_after_repair() {
        assert!(lopdf::Document::load_mem(OBJECTS.as_bytes()).is_err());
        let repaired = rebuild_xref(OBJECTS.as_bytes()).expect("the catalog is there");
        let doc = lopdf::Document::load_mem(&repaired).expect("the repaired file loads");
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn offsets_count_from_the_header() {
        let with_junk = format!("HTTP/1.1 200 OK\r\n\r\n{OBJECTS}");
        let repaired = rebuild_xref(with_junk.as_bytes()).expect("the catalog is there");
        assert!(lopdf::Document::load_mem(&repaired).is_ok());
    }

    #[test]
    fn makes_a_catalog_for_a_surviving_page_tree() {
        let cut = &OBJECTS[OBJECTS.find("2 0 obj").expect("object 2 is there")..];
        let cut = format!("%PDF-1.4\n{cut}");
        let repaired = rebuild_xref(cut.as_bytes()).expect("the page tree is there");
        let doc = lopdf::Document::load_mem(&repaired).expect("the repaired file loads");
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn gives_up_without_a_catalog() {
        assert_eq!(rebuild_xref(b"%PDF-1.4\n1 0 obj\n(\xe6\x96\x87) \nendobj\n"), None);
        assert_eq!(rebuild_xref("<html>页面不存在</html>".as_bytes()), None);
    }
}
