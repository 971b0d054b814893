//! Files that are empty, binary, or in legacy encodings.

use std::path::Path;

use tiaowen_model::SourceFormat;
use tiaowen_parse::{parse_bytes, parse_file, Error, ParseOptions};

use super::support::fixture;

#[test]
fn rejects_an_empty_file() {
    for format in [SourceFormat::Html, SourceFormat::Markdown, SourceFormat::Text] {
        let result = parse_bytes(b"  \n", format, Path::new("empty"), &ParseOptions::default());
        assert!(matches!(result, Err(Error::Empty { .. })), "{format:?}: {result:?}");
    }
}

#[test]
fn rejects_a_page_without_text() {
    let page = b"<html><head><title></title></head><body><script>var a = 1;</script></body></html>";
    let result =
        parse_bytes(page, SourceFormat::Html, Path::new("a.html"), &ParseOptions::default());
    assert!(matches!(result, Err(Error::Empty { .. })), "{result:?}");
}

#[test]
fn rejects_a_binary_file_named_html() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..2000u32).map(|i| (i * 7 % 251) as u8));
    for format in [SourceFormat::Html, SourceFormat::Markdown, SourceFormat::Text] {
        let result = parse_bytes(&png, format, Path::new("x.html"), &ParseOptions::default());
        match result {
            Err(Error::NotText { reason, .. }) => assert!(!reason.is_empty()),
            other => panic!("{format:?}: expected NotText, got {other:?}"),
        }
    }
}

#[test]
fn rejects_undecodable_bytes_without_nul() {
    let junk: Vec<u8> = (0..4000u32).map(|i| 0x80 + (i * 13 % 0x7f) as u8).collect();
    let result =
        parse_bytes(&junk, SourceFormat::Text, Path::new("x.txt"), &ParseOptions::default());
    assert!(result.is_err(), "{result:?}");
}

#[test]
fn reads_a_page_declaring_gb2312() {
    let doc = parse_file(&fixture("html/govcn_019_gb2312.html"), &ParseOptions::default())
        .expect("the gb2312 page reads");
    assert_eq!(
        doc.title.as_deref(),
        Some("国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知")
    );
    assert_eq!(doc.meta.doc_number.as_deref(), Some("国办发〔1996〕25号"));
    assert!(doc.blocks.iter().any(|b| b.starts_with("一、日军遗弃化学武器是历史遗留问题")));
    assert!(doc.warnings.is_empty(), "a declared charset needs no guess: {:?}", doc.warnings);
}

#[test]
fn detects_an_undeclared_gbk_page() {
    let doc = parse_file(&fixture("html/govcn_019_gbk_undeclared.html"), &ParseOptions::default())
        .expect("the undeclared gbk page reads");
    assert_eq!(doc.meta.issued.as_deref(), Some("1996-06-29"));
    assert!(doc.blocks.iter().any(|b| b.starts_with("三、对已发现的日军遗弃的化学武器")));
    assert!(doc.blocks.iter().all(|b| !b.contains('\u{fffd}')));
    assert_eq!(doc.warnings.len(), 1, "the guess is reported");
}

#[test]
fn reads_the_traditional_script_page() {
    let doc = parse_file(&fixture("html/govcn_017_traditional.html"), &ParseOptions::default())
        .expect("the traditional page reads");
    let title = doc.title.clone().expect("the page has a title");
    assert!(title.contains("政務新媒體"), "{title}");
    assert!(doc.meta.doc_number.is_some());
    assert!(doc.meta.issued.is_some());
    // 意見 is classified as 意见.
    let record = tiaowen_parse::record::build_document(
        "govcn_017_traditional.html",
        SourceFormat::Html,
        &doc,
    );
    assert_eq!(record.doc_type, tiaowen_model::DocType::Opinions);
}
