//! Writing the index.

use std::collections::HashMap;
use std::sync::OnceLock;

use tantivy::tokenizer::PreTokenizedString;
use tantivy::{IndexReader, IndexWriter, TantivyDocument, Term};
use tiaowen_model::{Clause, Document};

use crate::docnum::doc_number_keys;
use crate::schema::{date_number, Fields, KIND_CLAUSE, KIND_DOC};
use crate::tokenizer::{fold_char, pre_tokenize};
use crate::{Error, Result};

/// Writes documents into the index. Nothing is visible until [`IndexUpdater::commit`];
/// dropping the updater without committing leaves the index as it was.
pub struct IndexUpdater {
    writer: IndexWriter<TantivyDocument>,
    fields: Fields,
    reader: IndexReader,
}

impl std::fmt::Debug for IndexUpdater {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexUpdater").finish_non_exhaustive()
    }
}

impl IndexUpdater {
    pub(crate) fn new(
        writer: IndexWriter<TantivyDocument>,
        fields: Fields,
        reader: IndexReader,
    ) -> IndexUpdater {
        // The jieba dictionary and the folding tables take a few hundred milliseconds to
        // load: do that beside the caller's reading of its first documents rather than
        // when the first of them arrives. Without the thread they simply load on first use.
        let _ = std::thread::Builder::new().name("tiaowen-warm-up".into()).spawn(|| {
            pre_tokenize("预热 warm-up");
            folded_ideographs();
        });
        IndexUpdater { writer, fields, reader }
    }

    /// Replaces everything indexed for `doc.id` (document record and clauses) by this
    /// document, its clauses (in document order) and the content hash of its source.
    pub fn put_document(
        &mut self,
        doc: &Document,
        clauses: &[Clause],
        content_hash: &str,
    ) -> Result<()> {
        self.remove_document(&doc.id)?;
        self.add_document(doc, clauses, content_hash)
    }

    /// Adds a document that is not in the index yet (neither committed nor added in this
    /// update), as [`IndexUpdater::put_document`] does but without first deleting its id:
    /// each delete costs a term lookup in every segment at commit. Adding a document that
    /// is already there leaves two copies of it.
    pub fn add_document(
        &mut self,
        doc: &Document,
        clauses: &[Clause],
        content_hash: &str,
    ) -> Result<()> {
        let fields = self.fields;
        let json =
            serde_json::to_string(doc).map_err(|e| Error::Record { reason: e.to_string() })?;
        // The fields every entry of the document shares, analysed once.
        let mut shared = TantivyDocument::default();
        self.add_document_fields(&mut shared, doc);
        let mut record = shared.clone();
        record.add_text(fields.kind, KIND_DOC);
        record.add_text(fields.doc_json, &json);
        record.add_text(fields.content_hash, content_hash);
        self.writer.add_document(record)?;
        // Clauses of one chapter share their headings: analyse and encode them once.
        let mut headings_cache: HashMap<&[String], (PreTokenizedString, String)> = HashMap::new();
        let mut hash_buffer = String::new();
        for (ordinal, clause) in clauses.iter().enumerate() {
            let mut entry = shared.clone();
            entry.add_text(fields.kind, KIND_CLAUSE);
            entry.add_text(fields.anchor, &clause.anchor);
            entry.add_u64(fields.ordinal, ordinal as u64);
            entry.add_text(fields.text, &clause.text);
            entry.add_text(fields.text_hash, text_hash(&clause.text, &mut hash_buffer));
            let (analysed, headings_json) = match headings_cache.get(clause.headings.as_slice()) {
                Some(cached) => cached,
                None => {
                    let analysed = analysed_only(&clause.headings.join("\n"));
                    let json = serde_json::to_string(&clause.headings)
                        .map_err(|e| Error::Record { reason: e.to_string() })?;
                    headings_cache.entry(&clause.headings).or_insert((analysed, json))
                }
            };
            entry.add_pre_tokenized_text(fields.headings, analysed.clone());
            entry.add_text(fields.headings_json, headings_json);
            entry.add_text(fields.label, &clause.label);
            entry.add_text(fields.citation, &clause.citation);
            self.writer.add_document(entry)?;
        }
        Ok(())
    }

    /// Adds the fields that record and clauses share: id, title, number, issuers, dates,
    /// language and type.
    fn add_document_fields(&self, entry: &mut TantivyDocument, doc: &Document) {
        let fields = self.fields;
        entry.add_text(fields.doc_id, &doc.id);
        entry.add_pre_tokenized_text(fields.title, analysed_only(&doc.title));
        let mut meta = Vec::new();
        if let Some(number) = &doc.doc_number {
            entry.add_text(fields.doc_number, &number.raw);
            let mut keys = doc_number_keys(&number.normalized);
            keys.extend(doc_number_keys(&number.raw));
            keys.sort();
            keys.dedup();
            for key in keys {
                entry.add_text(fields.doc_number_key, &key);
            }
            meta.push(number.normalized.as_str());
        }
        for issuer in &doc.issuers {
            entry.add_text(fields.issuer, issuer.to_lowercase());
            meta.push(issuer.as_str());
        }
        entry.add_pre_tokenized_text(fields.meta, analysed_only(&meta.join("\n")));
        let issued = doc.dates.issued.as_deref().and_then(|d| date_number(d, false));
        let published = doc.dates.published.as_deref().and_then(|d| date_number(d, false));
        if let Some(issued) = issued {
            entry.add_i64(fields.issued, issued);
        }
        if let Some(published) = published {
            entry.add_i64(fields.published, published);
        }
        if let Some(date) = issued.or(published) {
            entry.add_i64(fields.date, date);
        }
        entry.add_text(fields.lang, doc.lang.as_str());
        entry.add_text(fields.doc_type, doc.doc_type.as_str());
    }

    /// Removes a document record and its clauses.
    pub fn remove_document(&mut self, id: &str) -> Result<()> {
        self.writer.delete_term(Term::from_field_text(self.fields.doc_id, id));
        Ok(())
    }

    /// Removes every document.
    pub fn remove_all(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Commits every change as one atomic step and makes it visible to searches in this
    /// process at once (other processes see it after their reader's short reload delay).
    pub fn commit(mut self) -> Result<()> {
        self.writer.commit()?;
        self.reader.reload()?;
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// Analyses a text for a field that is indexed but not stored: only the tokens are kept,
/// since tantivy reads nothing else of them there, and every entry of the document carries
/// a copy (encoded and decoded again on its way to the indexing threads).
fn analysed_only(text: &str) -> PreTokenizedString {
    let mut analysed = pre_tokenize(text);
    analysed.text = String::new();
    analysed
}

/// The first and last unified ideographs, the bulk of Chinese text.
const FIRST_IDEOGRAPH: char = '\u{4e00}';
const LAST_IDEOGRAPH: char = '\u{9fff}';

/// Tells whether a character is a unified ideograph (a letter, without asking the Unicode
/// tables).
fn is_ideograph(c: char) -> bool {
    (FIRST_IDEOGRAPH..=LAST_IDEOGRAPH).contains(&c)
}

/// Returns the folded form of every unified ideograph, by code point from
/// [`FIRST_IDEOGRAPH`]: folding looks each one up in a hash table, once per character of
/// every clause, while this looks it up once per run. `'\0'` marks the (in practice
/// absent) ideographs that do not fold to exactly one character.
fn folded_ideographs() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut folded = String::with_capacity(8);
        let mut table = Vec::with_capacity(LAST_IDEOGRAPH as usize - FIRST_IDEOGRAPH as usize + 1);
        for c in FIRST_IDEOGRAPH..=LAST_IDEOGRAPH {
            folded.clear();
            fold_char(c, &mut folded);
            let mut chars = folded.chars();
            table.push(match (chars.next(), chars.next()) {
                (Some(f), None) => f,
                _ => '\0',
            });
        }
        table
    })
}

/// How many hex digits of the hash are kept: 64 bits leave no practical chance of two
/// different clauses grouping together, and every digit more costs the term dictionary
/// about one more node per clause.
const TEXT_HASH_LEN: usize = 16;

/// Hashes a clause text for grouping copies: the first [`TEXT_HASH_LEN`] digits of
/// [`crate::schema::text_hash`], computed without its offset bookkeeping; `buffer` is
/// reused for the folded letters and digits.
fn text_hash(text: &str, buffer: &mut String) -> String {
    buffer.clear();
    let ideographs = folded_ideographs();
    let mut folded = String::with_capacity(8);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buffer.push(c.to_ascii_lowercase());
            }
            continue;
        }
        let ideograph = (c as usize).checked_sub(FIRST_IDEOGRAPH as usize);
        if let Some(&f) = ideograph.and_then(|i| ideographs.get(i)).filter(|&&f| f != '\0') {
            if is_ideograph(f) || f.is_alphanumeric() {
                buffer.push(f);
            }
            continue;
        }
        folded.clear();
        fold_char(c, &mut folded);
        for f in folded.chars() {
            if is_ideograph(f) || f.is_alphanumeric() {
                buffer.push(f);
            }
        }
    }
    let hash = blake3::hash(buffer.as_bytes()).to_hex()[..TEXT_HASH_LEN].to_owned();
    debug_assert!(crate::schema::text_hash(text).starts_with(&hash));
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hash_matches_the_schema_hash() {
        let mut buffer = String::new();
        for text in [
            "纳税人为独生子女的，按照每月2000元",
            "纳税人为独生子女的，\n按照每月２０００元",
            "low-end supply ＡＢＣ ⺁ 國家 Ⅻ ① 乾隆 發展 〇 㐀 𠀀 Straße İ",
            "",
            "。。。",
        ] {
            let hash = text_hash(text, &mut buffer);
            assert_eq!(hash.len(), TEXT_HASH_LEN);
            assert!(crate::schema::text_hash(text).starts_with(&hash), "{text}");
        }
        assert_ne!(text_hash("不得用于", &mut buffer), text_hash("可以用于", &mut buffer));
    }

    #[test]
    fn analysed_only_keeps_the_tokens() {
        let full = pre_tokenize("个人所得税法实施条例");
        let lean = analysed_only("个人所得税法实施条例");
        assert!(lean.text.is_empty());
        assert_eq!(lean.tokens, full.tokens);
        assert!(!lean.tokens.is_empty());
    }
}
