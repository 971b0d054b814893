//! The tantivy schema: one entry per clause plus one record per document.
//!
//! Clause entries carry what ranking and filters read (text, headings, title, number
//! and issuers, date, language, type); document records carry only what finds them
//! (kind, id, number keys) and the stored document. Records hold no analysed field, so
//! a word query never matches one, and clauses need no kind of their own: "every clause"
//! is "not a record". Each field less on the 150,000 entries of a large corpus is work
//! the indexer does not do.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

use crate::tokenizer::SEARCH_TOKENIZER;

/// The value of `kind` for a document record (clauses have no kind).
pub(crate) const KIND_DOC: &str = "doc";

/// The name of the order key field ([`Fields::order_key`]), read as a fast field.
pub(crate) const ORDER_KEY: &str = "order_key";

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// `doc` on document records (raw); absent on clauses.
    pub kind: Field,
    /// The document id (raw, stored); deleting by it removes record and clauses.
    pub doc_id: Field,
    /// The clause anchor (stored only: 150,000 unique keys cost the indexer more than
    /// everything else of a clause but its text; see `path`).
    pub anchor: Field,
    /// The path part of the anchor, after `#` (raw): found with `doc_id`, it names one
    /// clause, and it repeats across documents (`a1`, `2.5`), so it indexes cheaply.
    pub path: Field,
    /// Clause order in the document (stored).
    pub ordinal: Field,
    /// A number drawn from the anchor ([`order_key`], fast): what orders clauses that score
    /// alike, as where the index stores a clause changes on reindexing.
    pub order_key: Field,
    /// Clause text (analysed, stored).
    pub text: Field,
    /// Heading chain (analysed).
    pub headings: Field,
    /// Heading chain as stored JSON.
    pub headings_json: Field,
    /// Document title (analysed).
    pub title: Field,
    /// Document number, issuers (analysed).
    pub meta: Field,
    /// Document number keys (raw, document records only; see [`crate::doc_number_key`]).
    pub doc_number_key: Field,
    /// Issuers, lower-cased (raw, multi-valued).
    pub issuer: Field,
    /// Issued date, else published date, as YYYYMMDD (indexed); what date filters use.
    pub date: Field,
    /// Language code (raw).
    pub lang: Field,
    /// Document type (raw).
    pub doc_type: Field,
    /// Clause label (stored).
    pub label: Field,
    /// Clause citation (stored).
    pub citation: Field,
    /// Hash of the whitespace-free folded clause text (raw, stored).
    pub text_hash: Field,
    /// The Document as stored JSON (document records only).
    pub doc_json: Field,
    /// Content hash of the source file (document records only).
    pub content_hash: Field,
}

fn analysed(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(SEARCH_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Builds the schema and the field handles.
pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let fields = Fields {
        kind: builder.add_text_field("kind", STRING),
        doc_id: builder.add_text_field("doc_id", STRING | STORED),
        anchor: builder.add_text_field("anchor", STORED),
        path: builder.add_text_field("path", STRING),
        ordinal: builder.add_u64_field("ordinal", STORED),
        order_key: builder.add_u64_field(ORDER_KEY, FAST),
        text: builder.add_text_field("text", analysed(true)),
        headings: builder.add_text_field("headings", analysed(false)),
        headings_json: builder.add_text_field("headings_json", STORED),
        title: builder.add_text_field("title", analysed(false)),
        meta: builder.add_text_field("meta", analysed(false)),
        doc_number_key: builder.add_text_field("doc_number_key", STRING),
        issuer: builder.add_text_field("issuer", STRING),
        date: builder.add_i64_field("date", NumericOptions::default() | INDEXED),
        lang: builder.add_text_field("lang", STRING),
        doc_type: builder.add_text_field("type", STRING),
        label: builder.add_text_field("label", STORED),
        citation: builder.add_text_field("citation", STORED),
        text_hash: builder.add_text_field("text_hash", STRING | STORED),
        doc_json: builder.add_text_field("doc_json", STORED),
        content_hash: builder.add_text_field("content_hash", STORED),
    };
    (builder.build(), fields)
}

/// Turns an ISO date (`2019-03-05`, also `2019-03` or `2019`) into YYYYMMDD; `end` picks
/// the last day of a year or month given without one.
pub(crate) fn date_number(iso: &str, end: bool) -> Option<i64> {
    let parts: Vec<&str> = iso.trim().split(['-', '/', '.']).collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.trim().parse::<i64>().ok());
    let year = number(0).filter(|y| (1000..=9999).contains(y))?;
    let month = match parts.len() {
        1 => Some(if end { 12 } else { 1 }),
        _ => number(1).filter(|m| (1..=12).contains(m)),
    }?;
    let day = match parts.len() {
        1 | 2 => Some(if end { 31 } else { 1 }),
        _ => number(2).filter(|d| (1..=31).contains(d)),
    }?;
    if parts.len() > 3 {
        return None;
    }
    Some(year * 10_000 + month * 100 + day)
}

/// Hashes a clause text for grouping copies: folded, letters and digits only, so that
/// line breaks, spacing, punctuation and hyphens dropped at PDF line ends do not matter.
pub(crate) fn text_hash(text: &str) -> String {
    let folded = crate::tokenizer::fold_text(text).text;
    let mut hasher = blake3::Hasher::new();
    let mut buffer = [0u8; 4];
    for c in folded.chars().filter(|c| c.is_alphanumeric()) {
        hasher.update(c.encode_utf8(&mut buffer).as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_owned()
}

/// The order key of a clause: the first eight bytes of its anchor's hash. Anchors stay
/// across reindexing, so clauses that score alike keep their order.
pub(crate) fn order_key(anchor: &str) -> u64 {
    let hash = blake3::hash(anchor.as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash.as_bytes()[..8]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_numbers() {
        assert_eq!(date_number("2019-03-05", false), Some(20190305));
        assert_eq!(date_number("2019", false), Some(20190101));
        assert_eq!(date_number("2019", true), Some(20191231));
        assert_eq!(date_number("2019-02", true), Some(20190231));
        assert_eq!(date_number("二〇一九年", false), None);
        assert_eq!(date_number("2019-13-01", false), None);
    }

    #[test]
    fn copies_with_other_spacing_hash_alike() {
        assert_eq!(
            text_hash("纳税人为独生子女的，按照每月2000元"),
            text_hash("纳税人为独生子女的，\n按照每月２０００元")
        );
        assert_ne!(text_hash("不得用于"), text_hash("可以用于"));
        assert_eq!(text_hash("low-end supply"), text_hash("lowend\nsupply"));
    }

    #[test]
    fn schema_has_every_field_once() {
        let (schema, fields) = build_schema();
        assert_eq!(schema.get_field_name(fields.text), "text");
        assert_eq!(schema.get_field_name(fields.doc_type), "type");
        assert_eq!(schema.fields().count(), 21);
    }
}
