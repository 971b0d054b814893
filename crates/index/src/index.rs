//! Opening, creating and reading the index.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::directory::error::LockError;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};
use tiaowen_model::{Clause, ClauseView, Document, DocumentView, IndexStats, SourceRef};

use crate::history::{notes_clause, NOTES_PATH};
use crate::query::QueryExpander;
use crate::ranking::Ranking;
use crate::schema::{build_schema, Fields, KIND_DOC};
use crate::statistics::Statistics;
use crate::tokenizer::register_tokenizers;
use crate::{Error, IndexUpdater, Result, SCHEMA_VERSION};

/// The file beside the tantivy files that records the schema version.
const VERSION_FILE: &str = "tiaowen-index.json";
/// Memory the writer may use for buffering, all threads together.
pub(crate) const WRITER_MEMORY: usize = 128 * 1024 * 1024;
/// Decompressed document-store blocks each segment's reader keeps. A search reads
/// every candidate clause from the store, scattered over the corpus; tantivy's default
/// of 100 blocks held a fraction of it, so most reads decompressed a block again. At
/// 16 KiB a block this is at most 16 MiB a segment.
const DOC_STORE_CACHE_BLOCKS: usize = 1000;

/// The content of [`VERSION_FILE`].
#[derive(Debug, Serialize, Deserialize)]
struct VersionFile {
    schema_version: u32,
}

/// The clause index: cheap to clone and to share between threads (`Send + Sync`).
///
/// The reader reloads shortly after any commit, including commits made by another
/// process, so a long-running server sees a re-ingest without restarting.
#[derive(Clone)]
pub struct ClauseIndex {
    pub(crate) inner: Arc<Inner>,
}

/// What [`ClauseIndex`] shares between its clones.
pub(crate) struct Inner {
    pub dir: PathBuf,
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub expander: RwLock<Option<Arc<dyn QueryExpander>>>,
    pub ranking: RwLock<Ranking>,
    pub validity: crate::validity::ValidityCache,
    pub titles: crate::articles::TitleCache,
    pub statistics: crate::statistics::StatisticsCache,
}

impl std::fmt::Debug for ClauseIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClauseIndex").field("dir", &self.inner.dir).finish_non_exhaustive()
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_owned(), source }
}

/// Tells whether `dir` holds an index (a tantivy `meta.json`).
fn has_index(dir: &Path) -> Result<bool> {
    let meta = dir.join("meta.json");
    meta.try_exists().map_err(io_error(&meta))
}

/// Tells whether a file name is one tantivy or this crate writes into an index directory.
fn is_index_file(name: &str) -> bool {
    if matches!(name, "meta.json" | ".managed.json" | VERSION_FILE) {
        return true;
    }
    let Some((stem, _ext)) = name.split_once('.') else {
        return false;
    };
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit())
}

impl ClauseIndex {
    /// Opens the index in `dir`.
    ///
    /// Fails with [`Error::Missing`] when there is none, [`Error::Incompatible`] when it
    /// was built with another [`SCHEMA_VERSION`] and [`Error::Corrupt`] when it cannot be
    /// read.
    pub fn open(dir: &Path) -> Result<ClauseIndex> {
        if !has_index(dir)? {
            return Err(Error::Missing { dir: dir.to_owned() });
        }
        let version_path = dir.join(VERSION_FILE);
        let found = match std::fs::read(&version_path) {
            Ok(bytes) => {
                serde_json::from_slice::<VersionFile>(&bytes)
                    .map_err(|e| Error::Corrupt { dir: dir.to_owned(), reason: e.to_string() })?
                    .schema_version
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
            Err(e) => return Err(io_error(&version_path)(e)),
        };
        if found != SCHEMA_VERSION {
            return Err(Error::Incompatible {
                dir: dir.to_owned(),
                found,
                expected: SCHEMA_VERSION,
            });
        }
        let index = Index::open_in_dir(dir)
            .map_err(|e| Error::Corrupt { dir: dir.to_owned(), reason: e.to_string() })?;
        let (schema, fields) = build_schema();
        if index.schema() != schema {
            return Err(Error::Incompatible {
                dir: dir.to_owned(),
                found,
                expected: SCHEMA_VERSION,
            });
        }
        ClauseIndex::from_index(dir, index, fields)
    }

    /// Creates a fresh empty index in `dir` (created if needed), first removing the index
    /// files of an old or incompatible index there; other files are left alone.
    pub fn create(dir: &Path) -> Result<ClauseIndex> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        for entry in std::fs::read_dir(dir).map_err(io_error(dir))? {
            let entry = entry.map_err(io_error(dir))?;
            let name = entry.file_name();
            if is_index_file(&name.to_string_lossy()) {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(io_error(&path))?;
            }
        }
        let (schema, fields) = build_schema();
        let index = Index::create_in_dir(dir, schema)?;
        let version = serde_json::to_vec(&VersionFile { schema_version: SCHEMA_VERSION })
            .map_err(|e| Error::Record { reason: e.to_string() })?;
        let version_path = dir.join(VERSION_FILE);
        std::fs::write(&version_path, version).map_err(io_error(&version_path))?;
        ClauseIndex::from_index(dir, index, fields)
    }

    /// Opens the index in `dir`, creating it when the directory is missing or holds no
    /// index; an incompatible index is an error, not replaced.
    pub fn open_or_create(dir: &Path) -> Result<ClauseIndex> {
        let exists = dir.try_exists().map_err(io_error(dir))?;
        if exists && has_index(dir)? {
            ClauseIndex::open(dir)
        } else {
            ClauseIndex::create(dir)
        }
    }

    fn from_index(dir: &Path, index: Index, fields: Fields) -> Result<ClauseIndex> {
        register_tokenizers(index.tokenizers());
        crate::updater::cache_repeated_analysis(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()?;
        let inner = Inner {
            dir: dir.to_owned(),
            index,
            reader,
            fields,
            expander: RwLock::new(Some(Arc::new(crate::expansion::LexiconExpander))),
            ranking: RwLock::new(Ranking::default()),
            validity: crate::validity::ValidityCache::default(),
            titles: crate::articles::TitleCache::default(),
            statistics: crate::statistics::StatisticsCache::default(),
        };
        Ok(ClauseIndex { inner: Arc::new(inner) })
    }

    /// Installs the expander that adds weighted words to every query (see
    /// [`QueryExpander`]); it applies to every clone of this index.
    pub fn set_expander(&self, expander: Arc<dyn QueryExpander>) {
        let mut slot = self.inner.expander.write().unwrap_or_else(|e| e.into_inner());
        *slot = Some(expander);
    }

    /// Replaces the ranking weights (see [`Ranking`]) for every clone of this index.
    pub fn set_ranking(&self, ranking: Ranking) {
        *self.inner.ranking.write().unwrap_or_else(|e| e.into_inner()) = ranking;
    }

    /// Starts writing; fails with [`Error::Locked`] if another writer (in this or another
    /// process) is at work.
    pub fn updater(&self) -> Result<IndexUpdater> {
        let writer = match self.inner.index.writer_with_num_threads(2, WRITER_MEMORY) {
            Ok(writer) => writer,
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => return Err(Error::Locked),
            Err(e) => return Err(e.into()),
        };
        writer.set_merge_policy(Box::new(crate::updater::merge_policy()));
        Ok(IndexUpdater::new(writer, self.inner.fields, self.inner.reader.clone()))
    }

    /// Returns the searcher of the last loaded commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.inner.reader.searcher()
    }

    /// Lists every indexed document: id to the content hash given at ingest.
    pub fn indexed_files(&self) -> Result<BTreeMap<String, String>> {
        let searcher = self.searcher();
        let fields = self.inner.fields;
        let mut files = BTreeMap::new();
        for address in searcher.search(&kind_query(fields, KIND_DOC), &DocSetCollector)? {
            let stored: TantivyDocument = searcher.doc(address)?;
            files.insert(
                stored_str(&stored, fields.doc_id),
                stored_str(&stored, fields.content_hash),
            );
        }
        Ok(files)
    }

    /// Describes the index: counts, schema version and the reader generation.
    pub fn stats(&self) -> Result<IndexStats> {
        let searcher = self.searcher();
        let fields = self.inner.fields;
        let documents = kind_query(fields, KIND_DOC).count(&searcher)? as u64;
        let clauses = searcher.num_docs().saturating_sub(documents);
        Ok(IndexStats {
            generation: searcher.generation().generation_id(),
            documents,
            clauses,
            schema_version: SCHEMA_VERSION,
        })
    }

    /// Looks a clause up by anchor, with its neighbours, document and copies.
    pub fn clause(&self, anchor: &str) -> Result<Option<ClauseView>> {
        let searcher = self.searcher();
        let fields = self.inner.fields;
        let query = anchor_query(fields, anchor);
        let Some(address) = searcher.search(&query, &DocSetCollector)?.into_iter().next() else {
            return self.notes(&searcher, anchor);
        };
        let mut lookup = Lookup::new(&searcher, fields);
        let found = lookup.clause(address)?;
        let Some(document) = lookup.document(&found.doc_id)? else {
            return Ok(None);
        };
        let siblings = lookup.clauses_of(&found.doc_id)?;
        let at = siblings.iter().position(|c| c.clause.anchor == found.clause.anchor);
        let neighbour = |i: Option<usize>| i.and_then(|i| siblings.get(i)).map(|c| &c.clause);
        let (prev, next) =
            (neighbour(at.and_then(|i| i.checked_sub(1))), neighbour(at.map(|i| i + 1)));
        let (prev_label, next_label) =
            (prev.map(|c| c.label.clone()), next.map(|c| c.label.clone()));
        let (prev, next) = (prev.map(|c| c.anchor.clone()), next.map(|c| c.anchor.clone()));
        let sources =
            lookup.sources(&found.text_hash, std::slice::from_ref(&found.clause.anchor))?;
        let mut document = Document::clone(&document);
        let validity = self.inner.validity.get(&searcher, fields)?;
        crate::validity::annotate(&mut document, &validity);
        Ok(Some(ClauseView {
            clause: found.clause,
            prev,
            next,
            prev_label,
            next_label,
            document,
            sources,
        }))
    }

    /// Looks a law's enactment notes up by their anchor (`{document id}#notes`), as a
    /// clause before the law's first one. `None` for any other anchor, or a document
    /// without notes.
    fn notes(&self, searcher: &Searcher, anchor: &str) -> Result<Option<ClauseView>> {
        let Some(id) = anchor.strip_suffix(NOTES_PATH).and_then(|a| a.strip_suffix('#')) else {
            return Ok(None);
        };
        let mut lookup = Lookup::new(searcher, self.inner.fields);
        let Some(document) = lookup.document(id)? else { return Ok(None) };
        let Some(clause) = notes_clause(&document) else { return Ok(None) };
        let first = lookup.clauses_of(id)?.into_iter().next().map(|c| c.clause);
        let mut document = Document::clone(&document);
        let validity = self.inner.validity.get(searcher, self.inner.fields)?;
        crate::validity::annotate(&mut document, &validity);
        let sources = vec![SourceRef {
            anchor: clause.anchor.clone(),
            path: document.source.path.clone(),
            format: document.source.format.as_str().to_owned(),
            citation: clause.citation.clone(),
        }];
        Ok(Some(ClauseView {
            clause,
            prev: None,
            next: first.as_ref().map(|c| c.anchor.clone()),
            prev_label: None,
            next_label: first.map(|c| c.label),
            document,
            sources,
        }))
    }

    /// Looks a document up by id, with all its clauses in order.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>> {
        let searcher = self.searcher();
        let mut lookup = Lookup::new(&searcher, self.inner.fields);
        let Some(document) = lookup.document(id)? else {
            return Ok(None);
        };
        let clauses = lookup.clauses_of(id)?.into_iter().map(|c| c.clause).collect();
        let mut document = Document::clone(&document);
        let validity = self.inner.validity.get(&searcher, self.inner.fields)?;
        crate::validity::annotate(&mut document, &validity);
        Ok(Some(DocumentView { document, clauses }))
    }
}

/// Builds a query for one raw term.
pub(crate) fn term_query(field: Field, value: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic)
}

/// Builds a query for every entry of one kind.
pub(crate) fn kind_query(fields: Fields, kind: &str) -> TermQuery {
    term_query(fields.kind, kind)
}

/// Builds a query for the clause with this anchor, `{document id}#{path}`: its document
/// and its path (an anchor without `#` names no clause and matches nothing).
pub(crate) fn anchor_query(fields: Fields, anchor: &str) -> Box<dyn Query> {
    let Some((doc_id, path)) = anchor.rsplit_once('#') else {
        return Box::new(EmptyQuery);
    };
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(term_query(fields.doc_id, doc_id)) as Box<dyn Query>),
        (Occur::Must, Box::new(term_query(fields.path, path))),
        clauses_only(fields),
    ]))
}

/// The clause that keeps a boolean query to clauses: not a document record.
pub(crate) fn clauses_only(fields: Fields) -> (Occur, Box<dyn Query>) {
    (Occur::MustNot, Box::new(kind_query(fields, KIND_DOC)))
}

/// Reads the first value of a stored text field; empty when absent.
pub(crate) fn stored_str(stored: &TantivyDocument, field: Field) -> String {
    stored.get_first(field).and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// A clause as stored, with what is needed to place and group it.
#[derive(Debug, Clone)]
pub(crate) struct StoredClause {
    pub clause: Clause,
    pub doc_id: String,
    pub ordinal: u64,
    pub text_hash: String,
}

/// Reads stored entries, caching document records.
pub(crate) struct Lookup<'a> {
    pub searcher: &'a Searcher,
    pub fields: Fields,
    /// The statistics of the search the lookup serves, if it serves one.
    statistics: Option<&'a Statistics<'a>>,
    documents: HashMap<String, Option<Arc<Document>>>,
}

impl<'a> Lookup<'a> {
    pub fn new(searcher: &'a Searcher, fields: Fields) -> Lookup<'a> {
        Lookup { searcher, fields, statistics: None, documents: HashMap::new() }
    }

    /// A lookup for a search, which counts the clauses holding a word as its scores do
    /// ([`Lookup::doc_freq`]).
    pub fn scoring(statistics: &'a Statistics<'a>, fields: Fields) -> Lookup<'a> {
        let searcher = statistics.searcher;
        Lookup { searcher, fields, statistics: Some(statistics), documents: HashMap::new() }
    }

    /// How many clauses hold `term`: the live ones, by the search's statistics, when the
    /// lookup serves a search (0 when the index cannot tell).
    pub fn doc_freq(&self, term: &Term) -> u64 {
        let count = match self.statistics {
            Some(statistics) => statistics.doc_freq(term),
            None => self.searcher.doc_freq(term),
        };
        count.unwrap_or(0)
    }

    /// Reads the clause stored at `address`.
    pub fn clause(&self, address: DocAddress) -> Result<StoredClause> {
        let fields = self.fields;
        let stored: TantivyDocument = self.searcher.doc(address)?;
        let headings_json = stored_str(&stored, fields.headings_json);
        let headings: Vec<String> = serde_json::from_str(&headings_json).unwrap_or_default();
        let ordinal = stored.get_first(fields.ordinal).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok(StoredClause {
            clause: Clause {
                anchor: stored_str(&stored, fields.anchor),
                label: stored_str(&stored, fields.label),
                headings,
                text: stored_str(&stored, fields.text),
                citation: stored_str(&stored, fields.citation),
            },
            doc_id: stored_str(&stored, fields.doc_id),
            ordinal,
            text_hash: stored_str(&stored, fields.text_hash),
        })
    }

    /// Reads a document record by id (cached).
    pub fn document(&mut self, id: &str) -> Result<Option<Arc<Document>>> {
        if let Some(found) = self.documents.get(id) {
            return Ok(found.clone());
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(kind_query(self.fields, KIND_DOC)) as Box<dyn Query>),
            (Occur::Must, Box::new(term_query(self.fields.doc_id, id))),
        ]);
        let mut found = None;
        if let Some(address) = self.searcher.search(&query, &DocSetCollector)?.into_iter().next() {
            let stored: TantivyDocument = self.searcher.doc(address)?;
            let json = stored_str(&stored, self.fields.doc_json);
            let document: Document = serde_json::from_str(&json)
                .map_err(|e| Error::Record { reason: format!("document {id}: {e}") })?;
            found = Some(Arc::new(document));
        }
        self.documents.insert(id.to_owned(), found.clone());
        Ok(found)
    }

    /// Reads every clause of a document, in document order.
    pub fn clauses_of(&self, id: &str) -> Result<Vec<StoredClause>> {
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(term_query(self.fields.doc_id, id)) as Box<dyn Query>),
            clauses_only(self.fields),
        ]);
        let mut clauses = Vec::new();
        for address in self.searcher.search(&query, &DocSetCollector)? {
            clauses.push(self.clause(address)?);
        }
        clauses.sort_by_key(|c| c.ordinal);
        Ok(clauses)
    }

    /// Lists every source of a clause text: the anchors in `first` (best first), then
    /// the other copies ordered by path.
    pub fn sources(&mut self, text_hash: &str, first: &[String]) -> Result<Vec<SourceRef>> {
        let query = term_query(self.fields.text_hash, text_hash);
        let mut copies = Vec::new();
        for address in self.searcher.search(&query, &DocSetCollector)? {
            copies.push(self.clause(address)?);
        }
        let rank = |c: &StoredClause| {
            first.iter().position(|a| *a == c.clause.anchor).unwrap_or(usize::MAX)
        };
        copies.sort_by(|a, b| {
            rank(a).cmp(&rank(b)).then_with(|| a.clause.anchor.cmp(&b.clause.anchor))
        });
        let mut sources = Vec::new();
        for copy in copies {
            let Some(document) = self.document(&copy.doc_id)? else {
                continue;
            };
            sources.push(SourceRef {
                anchor: copy.clause.anchor,
                path: document.source.path.clone(),
                format: document.source.format.as_str().to_owned(),
                citation: copy.clause.citation,
            });
        }
        Ok(sources)
    }
}

#[cfg(test)]
mod tests {
    use tiaowen_model::{Lang, SearchRequest};

    use super::*;
    use crate::testutil::{clauses, document, sample_index};

    #[test]
    fn open_reports_missing_and_incompatible_indexes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("nothing");
        assert!(matches!(ClauseIndex::open(&missing), Err(Error::Missing { .. })));
        ClauseIndex::create(dir.path()).expect("create");
        assert!(ClauseIndex::open(dir.path()).is_ok());
        std::fs::write(dir.path().join(VERSION_FILE), br#"{"schema_version":0}"#).expect("write");
        let err = ClauseIndex::open(dir.path()).expect_err("old version refused");
        assert!(
            matches!(err, Error::Incompatible { found: 0, expected: SCHEMA_VERSION, .. }),
            "{err}"
        );
        assert!(matches!(ClauseIndex::open_or_create(dir.path()), Err(Error::Incompatible { .. })));
        ClauseIndex::create(dir.path()).expect("create replaces the old index");
        assert!(ClauseIndex::open(dir.path()).is_ok());
    }

    #[test]
    fn unreadable_index_files_are_corrupt() {
        let dir = tempfile::tempdir().expect("temp dir");
        ClauseIndex::create(dir.path()).expect("create");
        std::fs::write(dir.path().join("meta.json"), "不是 json").expect("write");
        let err = ClauseIndex::open(dir.path()).expect_err("garbage refused");
        assert!(matches!(err, Error::Corrupt { .. }), "{err}");
        std::fs::write(dir.path().join(VERSION_FILE), "{").expect("write");
        assert!(matches!(ClauseIndex::open(dir.path()), Err(Error::Corrupt { .. })));
    }

    #[test]
    fn open_or_create_accepts_a_directory_without_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(".gitkeep"), b"").expect("write");
        let index = ClauseIndex::open_or_create(dir.path()).expect("created");
        assert_eq!(index.stats().expect("stats").documents, 0);
        assert!(dir.path().join(".gitkeep").try_exists().expect("stat"));
    }

    #[test]
    fn a_second_writer_is_locked_out() {
        let (_dir, index) = sample_index();
        let first = index.updater().expect("first writer");
        assert!(matches!(index.updater(), Err(Error::Locked)));
        drop(first);
        assert!(index.updater().is_ok());
    }

    #[test]
    fn dropping_an_updater_keeps_the_old_index() {
        let (_dir, index) = sample_index();
        let before = index.indexed_files().expect("files");
        let mut updater = index.updater().expect("writer");
        updater.remove_all().expect("remove");
        drop(updater);
        assert_eq!(index.indexed_files().expect("files"), before);
        assert_eq!(before.get("zh/laws/budget.md").map(String::as_str), Some("hash-law"));
        assert_eq!(before.len(), 4);
    }

    #[test]
    fn put_document_replaces_and_commit_changes_generation() {
        let (dir, index) = sample_index();
        let stats = index.stats().expect("stats");
        assert_eq!((stats.documents, stats.clauses), (4, 12));
        let mut updater = index.updater().expect("writer");
        let law = document("zh/laws/budget.md", "预算法", None, Lang::Zh, "2018-12-29");
        updater
            .put_document(
                &law,
                &clauses("zh/laws/budget.md", &[("第一条", "新的条文。")]),
                "hash-2",
            )
            .expect("put");
        updater.remove_document("en/txt/pilot.txt").expect("remove");
        updater.commit().expect("commit");
        let after = index.stats().expect("stats");
        assert_eq!((after.documents, after.clauses), (3, 7));
        assert_ne!(after.generation, stats.generation);
        let reopened = ClauseIndex::open(dir.path()).expect("reopen");
        assert_eq!(
            reopened.indexed_files().expect("files").get("zh/laws/budget.md").map(String::as_str),
            Some("hash-2")
        );
        assert!(reopened.search(&SearchRequest::new("挪用")).expect("search").hits.is_empty());
    }

    #[test]
    fn commits_leave_one_segment_of_a_small_index() {
        let (dir, _) = sample_index();
        // As `tiaowen ingest` does: a process per run.
        let index = ClauseIndex::open(dir.path()).expect("open");
        let mut updater = index.updater().expect("writer");
        let id = "zh/laws/extra.md";
        let law = document(id, "附加法", None, Lang::Zh, "2020-01-01");
        updater.put_document(&law, &clauses(id, &[("第一条", "附加条文。")]), "h").expect("put");
        updater.commit().expect("commit");
        let index = ClauseIndex::open(dir.path()).expect("open");
        let segments = index.searcher().segment_readers().len();
        assert_eq!(segments, 1, "each commit's segments are merged into one");
        let stats = index.stats().expect("stats");
        assert_eq!((stats.documents, stats.clauses), (5, 13));
        assert!(!index.search(&SearchRequest::new("附加条文")).expect("search").hits.is_empty());
    }

    #[test]
    fn another_handle_sees_commits_without_reopening() {
        let (dir, writer_side) = sample_index();
        let server_side = ClauseIndex::open(dir.path()).expect("second handle");
        let before = server_side.stats().expect("stats");
        let mut updater = writer_side.updater().expect("writer");
        updater.remove_document("zh/laws/budget.md").expect("remove");
        updater.commit().expect("commit");
        let mut after = server_side.stats().expect("stats");
        for _ in 0..100 {
            if after.documents != before.documents {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            after = server_side.stats().expect("stats");
        }
        assert_eq!(after.documents, before.documents - 1);
        assert_ne!(after.generation, before.generation);
    }

    #[test]
    fn clause_view_has_neighbours_and_copies() {
        let (_dir, index) = sample_index();
        let view = index.clause("zh/html/notice.html#2").expect("lookup").expect("found");
        assert_eq!(view.prev.as_deref(), Some("zh/html/notice.html#1"));
        assert_eq!(view.next.as_deref(), Some("zh/html/notice.html#3"));
        assert_eq!(view.clause.headings, vec!["总则".to_owned()]);
        assert_eq!(view.sources.len(), 2);
        assert_eq!(view.sources[0].anchor, "zh/html/notice.html#2");
        let last = index.clause("zh/html/notice.html#3").expect("lookup").expect("found");
        assert_eq!(last.next, None);
        assert!(index.clause("nowhere#1").expect("lookup").is_none());
    }

    #[test]
    fn document_view_lists_clauses_in_order() {
        let (_dir, index) = sample_index();
        let view = index.document("zh/laws/budget.md").expect("lookup").expect("found");
        let labels: Vec<&str> = view.clauses.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["第一条", "第二条", "第三条"]);
        assert_eq!(view.document.title, "预算法");
        assert!(index.document("missing.md").expect("lookup").is_none());
    }

    #[test]
    fn phrase_query_over_chinese_text_matches_in_order_only() {
        let (_dir, index) = sample_index();
        let searcher = index.searcher();
        let text = index.inner.fields.text;
        let phrase = |words: &[&str]| {
            let terms = words
                .iter()
                .enumerate()
                .map(|(i, w)| (i, Term::from_field_text(text, w)))
                .collect();
            let query = tantivy::query::PhraseQuery::new_with_offset(terms);
            query.count(&searcher).expect("count")
        };
        // Two sources of the notice hold the phrase.
        assert_eq!(phrase(&["政府", "债券", "发行"]), 2);
        assert_eq!(phrase(&["扣除", "政策"]), 2);
        assert_eq!(phrase(&["债券", "政府"]), 0);
    }
}
