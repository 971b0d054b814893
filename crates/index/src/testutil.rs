//! Hand-made documents and a temporary index for tests.

use tiaowen_model::{Clause, DocDates, DocNumber, DocType, Document, Lang, Source, SourceFormat};

use crate::articles::{title_key, TitleMap};
use crate::ClauseIndex;

/// Builds a document record.
pub fn document(id: &str, title: &str, number: Option<&str>, lang: Lang, issued: &str) -> Document {
    let format = if id.ends_with(".pdf") { SourceFormat::Pdf } else { SourceFormat::Html };
    Document {
        id: id.to_owned(),
        title: title.to_owned(),
        subject: None,
        doc_number: number.map(|n| DocNumber { raw: n.to_owned(), normalized: n.to_owned() }),
        issuers: vec!["国务院办公厅".to_owned(), "Ministry of Finance".to_owned()],
        dates: DocDates { issued: Some(issued.to_owned()), published: None },
        lang,
        doc_type: DocType::from_title(title),
        source: Source { path: id.to_owned(), format },
        cites: Vec::new(),
        missing_attachments: Vec::new(),
        notes: Vec::new(),
        repeals: Vec::new(),
        valid_until: None,
        status: None,
        warnings: Vec::new(),
    }
}

/// Builds the clauses of a document from (label, text) pairs.
pub fn clauses(doc_id: &str, items: &[(&str, &str)]) -> Vec<Clause> {
    items
        .iter()
        .enumerate()
        .map(|(i, (label, text))| Clause {
            anchor: format!("{doc_id}#{}", i + 1),
            label: (*label).to_owned(),
            headings: vec!["总则".to_owned()],
            text: (*text).to_owned(),
            citation: format!("{doc_id} {label}"),
        })
        .collect()
}

/// The sample corpus: a Chinese notice in HTML and its PDF copy, a Chinese law and an
/// English notice.
pub fn sample_index() -> (tempfile::TempDir, ClauseIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = ClauseIndex::create(dir.path()).expect("create index");
    let mut updater = index.updater().expect("writer");
    let notice_items = [
        ("一、", "基本原则。坚持依法治税，落实个人所得税专项附加扣除政策。"),
        ("二、", "纳税人为独生子女的，按照每月2000元的标准定额扣除。"),
        ("三、", "融资担保机构不得为政府债券发行提供担保。"),
    ];
    for id in ["zh/html/notice.html", "zh/pdf/notice.pdf"] {
        let doc = document(
            id,
            "国务院办公厅关于个人所得税的通知",
            Some("国办发〔2019〕6号"),
            Lang::Zh,
            "2019-02-01",
        );
        updater.put_document(&doc, &clauses(id, &notice_items), "hash-notice").expect("put");
    }
    let law = document("zh/laws/budget.md", "预算法", None, Lang::Zh, "2018-12-29");
    let law_items = [
        ("第一条", "为了规范政府收支行为，制定本法。"),
        ("第二条", "各级政府不得截留、占用或者挪用预算收入。"),
        ("第三条", "政府扣除的费用，担保的范围和债券由国务院规定。"),
    ];
    updater.put_document(&law, &clauses("zh/laws/budget.md", &law_items), "hash-law").expect("put");
    let en = document(
        "en/txt/pilot.txt",
        "Notice on the Second Batch of Pilot Cities",
        Some("Caijian [2024] No. 16"),
        Lang::En,
        "2025-03-01",
    );
    let en_items = [
        ("1.", "Funds are earmarked for special use and shall not be diverted."),
        ("2.", "Applications must be submitted before April 23, 2025."),
        ("3.", "Each province recommends a maximum of 1 prefecture-level city, with a subsidy of no more than 300 million RMB."),
    ];
    updater.put_document(&en, &clauses("en/txt/pilot.txt", &en_items), "hash-en").expect("put");
    updater.commit().expect("commit");
    (dir, index)
}

/// An index of one document with the given clauses, committed.
pub fn one_document_index(doc: &Document, clauses: &[Clause]) -> (tempfile::TempDir, ClauseIndex) {
    let dir = tempfile::tempdir().expect("temp dir");
    let index = ClauseIndex::create(dir.path()).expect("create index");
    let mut updater = index.updater().expect("writer");
    updater.put_document(doc, clauses, "hash").expect("put");
    updater.commit().expect("commit");
    (dir, index)
}

/// The address of the clause with the given anchor.
pub fn clause_address(index: &ClauseIndex, anchor: &str) -> tantivy::DocAddress {
    let query = crate::index::anchor_query(index.inner.fields, anchor);
    let found = index.searcher().search(&query, &tantivy::collector::DocSetCollector);
    found.expect("search runs").into_iter().next().expect("the clause is indexed")
}

/// A title map of `(title, document id)` pairs, keyed as the index keys titles
/// ([`title_key`]), each title's ids in the order given.
pub fn title_map(pairs: &[(&str, &str)]) -> TitleMap {
    let mut map = TitleMap::new();
    for (title, id) in pairs {
        map.entry(title_key(title)).or_default().push((*id).to_owned());
    }
    map
}
