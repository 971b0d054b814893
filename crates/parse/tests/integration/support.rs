//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use tiaowen_model::{Document, SourceFormat};
use tiaowen_parse::{parse_file, record::build_document, ParseOptions, ParsedDoc};

/// The project's corpus.
pub fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus").join(relative)
}

/// The shared fixtures, which sit beside the repository.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures").join(relative)
}

/// Reads a corpus file and builds its record.
pub fn read(relative: &str) -> (ParsedDoc, Document) {
    let path = corpus(relative);
    let parsed = parse_file(&path, &ParseOptions::default())
        .unwrap_or_else(|e| panic!("{relative} should read: {e}"));
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let format = SourceFormat::from_extension(ext).expect("corpus files have known extensions");
    let record = build_document(relative, format, &parsed);
    (parsed, record)
}

/// Asserts that no block contains any of the given boilerplate texts.
pub fn assert_absent(parsed: &ParsedDoc, texts: &[&str]) {
    for text in texts {
        let found = parsed.blocks.iter().find(|b| b.contains(text));
        assert!(found.is_none(), "boilerplate {text:?} found in block {found:?}");
    }
}

/// Asserts that a block equals the given text.
pub fn assert_block(parsed: &ParsedDoc, text: &str) {
    assert!(parsed.blocks.iter().any(|b| b == text), "no block {text:?}");
}

/// Returns the normalised document number of a record.
pub fn number(record: &Document) -> Option<&str> {
    record.doc_number.as_ref().map(|n| n.normalized.as_str())
}
