//! Writing the index.

use std::collections::HashMap;

use tantivy::tokenizer::PreTokenizedString;
use tantivy::{IndexReader, IndexWriter, TantivyDocument, Term};
use tiaowen_model::{Clause, Document};

use crate::docnum::doc_number_keys;
use crate::schema::{date_number, text_hash, Fields, KIND_CLAUSE, KIND_DOC};
use crate::tokenizer::pre_tokenize;
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
        let mut headings_cache: HashMap<String, PreTokenizedString> = HashMap::new();
        for (ordinal, clause) in clauses.iter().enumerate() {
            let mut entry = shared.clone();
            entry.add_text(fields.kind, KIND_CLAUSE);
            entry.add_text(fields.anchor, &clause.anchor);
            entry.add_u64(fields.ordinal, ordinal as u64);
            entry.add_text(fields.text, &clause.text);
            entry.add_text(fields.text_hash, text_hash(&clause.text));
            let headings = clause.headings.join("\n");
            let analysed =
                headings_cache.entry(headings).or_insert_with_key(|text| pre_tokenize(text));
            entry.add_pre_tokenized_text(fields.headings, analysed.clone());
            let headings_json = serde_json::to_string(&clause.headings)
                .map_err(|e| Error::Record { reason: e.to_string() })?;
            entry.add_text(fields.headings_json, &headings_json);
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
        entry.add_pre_tokenized_text(fields.title, pre_tokenize(&doc.title));
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
        entry.add_pre_tokenized_text(fields.meta, pre_tokenize(&meta.join("\n")));
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
