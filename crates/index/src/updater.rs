//! Writing the index.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use tantivy::merge_policy::LogMergePolicy;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};
use tantivy::{IndexReader, IndexWriter, TantivyDocument, Term};
use tiaowen_model::{Clause, Document};

use crate::docnum::doc_number_keys;
use crate::lead::lead_phrase;
use crate::schema::{date_number, order_key, Fields, KIND_DOC};
use crate::tokenizer::{analyze, fold_char, SEARCH_TOKENIZER};
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
            analyze("预热 warm-up", true);
            hash_table();
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
        let mut record = TantivyDocument::default();
        record.add_text(fields.kind, KIND_DOC);
        record.add_text(fields.doc_id, &doc.id);
        if let Some(number) = &doc.doc_number {
            let mut keys = doc_number_keys(&number.normalized);
            keys.extend(doc_number_keys(&number.raw));
            keys.sort();
            keys.dedup();
            for key in keys {
                record.add_text(fields.doc_number_key, &key);
            }
        }
        record.add_text(fields.doc_json, &json);
        record.add_text(fields.content_hash, content_hash);
        self.writer.add_document(record)?;
        // The fields every clause of the document shares, built once.
        let shared = self.shared_clause_fields(doc);
        // Clauses of one chapter share their headings: join and encode them once.
        let mut headings_cache: HashMap<&[String], (String, String)> = HashMap::new();
        let mut hash_buffer = String::new();
        for (ordinal, clause) in clauses.iter().enumerate() {
            let mut entry = shared.clone();
            entry.add_text(fields.anchor, &clause.anchor);
            if let Some((_, path)) = clause.anchor.rsplit_once('#') {
                entry.add_text(fields.path, path);
            }
            entry.add_u64(fields.ordinal, ordinal as u64);
            entry.add_u64(fields.order_key, order_key(&clause.anchor));
            entry.add_text(fields.text, &clause.text);
            entry.add_text(fields.text_hash, text_hash(&clause.text, &mut hash_buffer));
            let (headings, headings_json) = match headings_cache.get(clause.headings.as_slice()) {
                Some(cached) => cached,
                None => {
                    let json = serde_json::to_string(&clause.headings)
                        .map_err(|e| Error::Record { reason: e.to_string() })?;
                    let joined = clause.headings.join("\n");
                    headings_cache.entry(&clause.headings).or_insert((joined, json))
                }
            };
            entry.add_text(fields.headings, headings);
            if let Some(lead) = lead_phrase(&clause.text) {
                entry.add_text(fields.headings, lead);
            }
            entry.add_text(fields.headings_json, headings_json);
            entry.add_text(fields.label, &clause.label);
            entry.add_text(fields.citation, &clause.citation);
            self.writer.add_document(entry)?;
        }
        Ok(())
    }

    /// Builds the fields every clause of a document carries: id, title, number and
    /// issuers (searched as `meta`), issuers as filter values, date, language and type.
    fn shared_clause_fields(&self, doc: &Document) -> TantivyDocument {
        let fields = self.fields;
        let mut entry = TantivyDocument::default();
        entry.add_text(fields.doc_id, &doc.id);
        entry.add_text(fields.title, &doc.title);
        if let Some(subject) = &doc.subject {
            entry.add_text(fields.title, subject);
        }
        let mut meta = Vec::new();
        if let Some(number) = &doc.doc_number {
            meta.push(number.normalized.as_str());
        }
        for issuer in &doc.issuers {
            entry.add_text(fields.issuer, issuer.to_lowercase());
            meta.push(issuer.as_str());
        }
        entry.add_text(fields.meta, meta.join("\n"));
        let date = [&doc.dates.issued, &doc.dates.published]
            .into_iter()
            .find_map(|d| d.as_deref().and_then(|d| date_number(d, false)));
        if let Some(date) = date {
            entry.add_i64(fields.date, date);
        }
        entry.add_text(fields.lang, doc.lang.as_str());
        entry.add_text(fields.doc_type, doc.doc_type.as_str());
        entry
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
    /// Then waits for the index's segments of like size to be merged into one and shows
    /// searches the merged index, which holds the same clauses.
    pub fn commit(mut self) -> Result<()> {
        self.writer.commit()?;
        self.reader.reload()?;
        self.writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }
}

/// How the writer merges segments: each of its two indexing threads writes a segment of
/// its own per commit, and a search builds every query term's scorer once per segment,
/// which is most of a search's time. Two segments of like size (all those under ten
/// thousand entries count as one size, and sizes within a factor of about 1.7 as alike)
/// are merged as soon as a commit leaves them, instead of tantivy's default of eight, so
/// an index of `corpus/` stays one segment: an update adding one file there rewrites its
/// 16,000 entries, and the whole `tiaowen ingest` run took half a second. One segment
/// instead of two took 8–29% off the median search time of the dev queries in five paired
/// runs. Segments above [`MAX_MERGED_ENTRIES`] are left as they are.
pub(crate) fn merge_policy() -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    policy.set_min_num_segments(2);
    policy.set_max_docs_before_merge(MAX_MERGED_ENTRIES);
    policy
}

/// The largest segment merged at commit, in entries. Merging rewrites the segments, which
/// cost ingest a fifth to a third more on the 150,000-clause scale corpus (5.87 s against
/// 4.92 s in medians of three, below half the bare index's rate), against a fifth of a
/// second for `corpus/`.
const MAX_MERGED_ENTRIES: usize = 50_000;

/// Wraps the analyzer registered as [`SEARCH_TOKENIZER`] so that a text analysed twice
/// in a row is analysed once: every entry of a document carries its title, number and
/// issuers, and the clauses of a chapter its headings, and tantivy keeps one analyzer per
/// field and indexing thread, so those fields see the same text entry after entry. The
/// tokens are the analyzer's own; nothing else changes.
pub(crate) fn cache_repeated_analysis(manager: &TokenizerManager) {
    if let Some(inner) = manager.get(SEARCH_TOKENIZER) {
        let cached = RepeatCache { inner, last_text: String::new(), last_tokens: None };
        manager.register(SEARCH_TOKENIZER, TextAnalyzer::from(cached));
    }
}

/// The tokenizer of [`cache_repeated_analysis`].
#[derive(Clone)]
struct RepeatCache {
    inner: TextAnalyzer,
    /// The text of the last call.
    last_text: String,
    /// Its tokens, shared with the stream that handed them out.
    last_tokens: Option<Arc<Vec<Token>>>,
}

impl Tokenizer for RepeatCache {
    type TokenStream<'a> = TokenList;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TokenList {
        if let Some(tokens) = self.last_tokens.as_ref().filter(|_| text == self.last_text) {
            return TokenList::new(Arc::clone(tokens));
        }
        let mut stream = self.inner.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(std::mem::take(stream.token_mut()));
        }
        let tokens = Arc::new(tokens);
        self.last_text.clear();
        self.last_text.push_str(text);
        self.last_tokens = Some(Arc::clone(&tokens));
        TokenList::new(tokens)
    }
}

/// A token stream over tokens analysed beforehand.
struct TokenList {
    tokens: Arc<Vec<Token>>,
    /// The current token plus one; 0 before the first call to `advance`.
    next: usize,
    /// What `token` gives before `advance` or after the end.
    none: Token,
}

impl TokenList {
    fn new(tokens: Arc<Vec<Token>>) -> TokenList {
        TokenList { tokens, next: 0, none: Token::default() }
    }
}

impl TokenStream for TokenList {
    fn advance(&mut self) -> bool {
        if self.next >= self.tokens.len() {
            return false;
        }
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        self.next.checked_sub(1).and_then(|at| self.tokens.get(at)).unwrap_or(&self.none)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            // Copies the tokens only while the cache shares them; indexing never asks.
            Some(at) if at < self.tokens.len() => &mut Arc::make_mut(&mut self.tokens)[at],
            _ => &mut self.none,
        }
    }
}

/// The blocks of Chinese text whose hash contribution is looked up in a table: CJK
/// punctuation, kana, extension A and the unified ideographs; and the full-width forms.
const TABLE_RANGES: [(char, char); 2] = [('\u{3000}', '\u{9fff}'), ('\u{ff00}', '\u{ffef}')];
/// A table entry for a character that adds nothing to the hash.
const ADDS_NOTHING: u32 = 0;
/// A table entry for a character that folds to several: it is folded on the spot.
const FOLD_ON_THE_SPOT: u32 = u32::MAX;

/// Tells whether a folded character counts for the hash: a letter or digit (unified
/// ideographs are letters; they skip the Unicode table lookup).
fn counts_for_hash(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_alphanumeric()
}

/// Returns, for each character of [`TABLE_RANGES`] in order, what it adds to the hash:
/// the one character it folds to, [`ADDS_NOTHING`] or [`FOLD_ON_THE_SPOT`]. Folding
/// looks each character up in a hash table; this does it once per run instead of once
/// per character of every clause.
fn hash_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Vec::new();
        let mut folded = String::with_capacity(8);
        for (first, last) in TABLE_RANGES {
            for c in first..=last {
                folded.clear();
                fold_char(c, &mut folded);
                let mut chars = folded.chars();
                table.push(match (chars.next(), chars.next()) {
                    (None, _) => ADDS_NOTHING,
                    (Some(f), None) if counts_for_hash(f) => u32::from(f),
                    (Some(_), None) => ADDS_NOTHING,
                    (Some(_), Some(_)) => FOLD_ON_THE_SPOT,
                });
            }
        }
        table
    })
}

/// Finds a character's entry in [`hash_table`].
fn table_entry(table: &[u32], c: char) -> Option<u32> {
    let mut offset = 0;
    for (first, last) in TABLE_RANGES {
        if (first..=last).contains(&c) {
            return table.get(offset + (c as usize - first as usize)).copied();
        }
        offset += last as usize - first as usize + 1;
    }
    None
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
    let table = hash_table();
    let mut folded = String::with_capacity(8);
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buffer.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match table_entry(table, c) {
            Some(ADDS_NOTHING) => continue,
            Some(FOLD_ON_THE_SPOT) | None => {}
            Some(code) => {
                if let Some(f) = char::from_u32(code) {
                    buffer.push(f);
                }
                continue;
            }
        }
        folded.clear();
        fold_char(c, &mut folded);
        buffer.extend(folded.chars().filter(|&f| counts_for_hash(f)));
    }
    let hash = blake3::hash(buffer.as_bytes()).to_hex()[..TEXT_HASH_LEN].to_owned();
    debug_assert!(crate::schema::text_hash(text).starts_with(&hash));
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        seen
    }

    #[test]
    fn cached_analysis_gives_the_same_tokens() {
        let manager = TokenizerManager::default();
        crate::tokenizer::register_tokenizers(&manager);
        let mut plain = manager.get(SEARCH_TOKENIZER).expect("registered");
        cache_repeated_analysis(&manager);
        let mut cached = manager.get(SEARCH_TOKENIZER).expect("registered");
        let title = "中华人民共和国个人所得税法实施条例 2019年";
        let expected = texts(&mut plain, title);
        assert!(expected.len() > 5, "{expected:?}");
        for _ in 0..4 {
            assert_eq!(texts(&mut cached, title), expected);
        }
        assert_eq!(texts(&mut cached, "国办发〔2019〕6号"), texts(&mut plain, "国办发〔2019〕6号"));
        assert_eq!(texts(&mut cached, title), expected);
        assert!(texts(&mut cached, "").is_empty());
        assert!(texts(&mut cached, "").is_empty());
        // Changing a handed-out token leaves the cached ones alone.
        let mut stream = cached.token_stream(title);
        assert!(stream.advance());
        stream.token_mut().text = "改".to_owned();
        drop(stream);
        assert_eq!(texts(&mut cached, title), expected);
    }

    #[test]
    fn text_hash_matches_the_schema_hash() {
        let mut buffer = String::new();
        for text in [
            "纳税人为独生子女的，按照每月2000元",
            "纳税人为独生子女的，\n按照每月２０００元",
            "low-end supply ＡＢＣ ⺁ 國家 Ⅻ ① 乾隆 發展 〇 㐀 𠀀 Straße İ ㍿ ｶ ﾞ ～ 。、《》",
            "",
            "。。。",
        ] {
            let hash = text_hash(text, &mut buffer);
            assert_eq!(hash.len(), TEXT_HASH_LEN);
            assert!(crate::schema::text_hash(text).starts_with(&hash), "{text}");
        }
        assert_ne!(text_hash("不得用于", &mut buffer), text_hash("可以用于", &mut buffer));
        // Every character the table covers hashes as folding it on the spot would.
        for (first, last) in TABLE_RANGES {
            let text: String = (first..=last).collect();
            let hash = text_hash(&text, &mut buffer);
            assert!(crate::schema::text_hash(&text).starts_with(&hash));
        }
    }
}
