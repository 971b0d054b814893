//! The corpus statistics BM25 scores with, the same however the index came to be.
//!
//! tantivy scores a word by the clauses' average length in a field, which it reads from
//! each segment's count of tokens. A segment written at once holds the exact count, but
//! one merged from segments with deleted entries holds an estimate from the lengths of the
//! entries left, and tantivy stores each entry's length rounded (exact up to 40 tokens,
//! then in ever wider steps). So an index updated in place, where a changed file's old
//! clauses are deleted and the segments merged, scored every clause a little otherwise
//! than one built afresh from the same files, and ranked near ties otherwise. Here every
//! segment's count is taken from the rounded lengths of its live entries, and the number
//! of entries from its live entries too: the figures depend only on what the index
//! holds, so an updated index and a rebuilt one score alike. So does the count of entries
//! holding a word ([`Statistics::doc_freq`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use crate::generation::GenerationCache;
use crate::schema::Fields;
use crate::Result;

/// The totals of one loaded commit: tokens per scored field, and live entries.
#[derive(Debug, Default)]
pub(crate) struct Totals {
    tokens: HashMap<Field, u64>,
    entries: u64,
    /// Whether a segment holds deleted entries.
    deletes: bool,
    /// Live entries holding each word asked about, where a segment holds deleted entries.
    frequencies: Mutex<HashMap<Term, u64>>,
}

impl Totals {
    /// Counts, for each field BM25 scores, the rounded lengths of every live entry.
    fn count(searcher: &Searcher, fields: Fields) -> Result<Totals> {
        let mut totals = Totals::default();
        for segment in searcher.segment_readers() {
            totals.entries += u64::from(segment.num_docs());
            totals.deletes |= segment.has_deletes();
            for field in [fields.text, fields.headings, fields.title, fields.meta] {
                let Some(lengths) = segment.fieldnorms_readers().get_field(field)? else {
                    continue;
                };
                let mut by_length = [0u64; 256];
                for doc in segment.doc_ids_alive() {
                    by_length[usize::from(lengths.fieldnorm_id(doc))] += 1;
                }
                let tokens: u64 = by_length
                    .iter()
                    .zip(0u8..=255)
                    .map(|(count, id)| count * u64::from(FieldNormReader::id_to_fieldnorm(id)))
                    .sum();
                *totals.tokens.entry(field).or_default() += tokens;
            }
        }
        Ok(totals)
    }
}

/// Caches the [`Totals`] of the loaded commit.
#[derive(Default)]
pub(crate) struct StatisticsCache(GenerationCache<Totals>);

impl StatisticsCache {
    /// The statistics for this searcher's commit, counted anew after each commit.
    pub(crate) fn get<'a>(&self, searcher: &'a Searcher, fields: Fields) -> Result<Statistics<'a>> {
        let totals = self.0.get_or_derive(searcher, || Totals::count(searcher, fields))?;
        Ok(Statistics { searcher, totals })
    }
}

/// A searcher with the statistics its searches score by.
pub(crate) struct Statistics<'a> {
    /// The searcher, for everything but the totals.
    pub(crate) searcher: &'a Searcher,
    totals: Arc<Totals>,
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.totals.tokens.get(&field) {
            Some(&tokens) => Ok(tokens),
            None => self.searcher.total_num_tokens(field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.totals.entries)
    }

    /// How many live entries hold the term. tantivy's count includes a segment's deleted
    /// entries until the segment is merged; a commit to an index the size of `corpus/`
    /// merges its segments into one, but a larger index keeps an update's deleted
    /// clauses in its large segments. There the term's entries are read and the live ones
    /// counted, once per word and commit.
    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if !self.totals.deletes {
            return self.searcher.doc_freq(term);
        }
        let frequencies = || self.totals.frequencies.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&count) = frequencies().get(term) {
            return Ok(count);
        }
        let mut count = 0u64;
        for segment in self.searcher.segment_readers() {
            let index = segment.inverted_index(term.field())?;
            let Some(alive) = segment.alive_bitset() else {
                count += u64::from(index.doc_freq(term)?);
                continue;
            };
            if let Some(mut postings) = index.read_postings(term, IndexRecordOption::Basic)? {
                while postings.doc() != TERMINATED {
                    count += u64::from(alive.is_alive(postings.doc()));
                    postings.advance();
                }
            }
        }
        frequencies().insert(term.clone(), count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use tiaowen_model::{Lang, SearchRequest};

    use super::*;
    use crate::testutil::{clauses, document};
    use crate::ClauseIndex;

    /// A clause long enough that tantivy rounds its length (116 tokens, stored as 112).
    fn long_clause(topic: &str) -> String {
        (0..29).map(|i| format!("{topic} rule {i} applies")).collect::<Vec<_>>().join("; ")
    }

    /// Puts the documents named by `topics`, each in a commit of its own.
    fn put(index: &ClauseIndex, topics: &[&str]) {
        for topic in topics {
            let mut updater = index.updater().expect("writer");
            let id = format!("en/txt/{topic}.txt");
            let doc = document(&id, "Rules", None, Lang::En, "2025-01-01");
            let text = long_clause(topic);
            let items = [("1.", text.as_str()), ("2.", "a short clause")];
            updater.put_document(&doc, &clauses(&id, &items), topic).expect("put");
            updater.commit().expect("commit");
        }
    }

    #[test]
    fn an_index_updated_in_place_counts_as_one_built_afresh() {
        let (fresh_dir, updated_dir) =
            (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
        let fresh = ClauseIndex::create(fresh_dir.path()).expect("create");
        put(&fresh, &["water", "land"]);
        let updated = ClauseIndex::create(updated_dir.path()).expect("create");
        // The first document is put twice: its first clauses are deleted, and the
        // segments merged.
        put(&updated, &["water", "land", "water"]);
        let count = |index: &ClauseIndex| {
            let searcher = index.searcher();
            let fields = index.inner.fields;
            let statistics = index.inner.statistics.get(&searcher, fields).expect("counted");
            let ours = (
                statistics.total_num_tokens(fields.text).expect("tokens"),
                statistics.total_num_docs().expect("entries"),
            );
            (ours, searcher.total_num_tokens(fields.text).expect("tokens"))
        };
        let (fresh_counts, fresh_tantivy) = count(&fresh);
        let (updated_counts, updated_tantivy) = count(&updated);
        assert_ne!(fresh_tantivy, updated_tantivy, "tantivy's own count differs");
        assert_eq!(fresh_counts, updated_counts);
        // Two documents, each a record and two clauses.
        assert_eq!(fresh_counts.1, 6);
        // And the two rank and score alike.
        let hits = |index: &ClauseIndex| -> Vec<(String, f32)> {
            let response = index.search(&SearchRequest::new("land rule applies")).expect("search");
            response.hits.into_iter().map(|h| (h.anchor, h.score)).collect()
        };
        let fresh_hits = hits(&fresh);
        assert!(!fresh_hits.is_empty());
        assert_eq!(fresh_hits, hits(&updated));
    }

    #[test]
    fn deleted_entries_do_not_count_before_their_segment_is_merged() {
        let dir = tempfile::tempdir().expect("dir");
        let index = ClauseIndex::create(dir.path()).expect("create");
        put(&index, &["water", "land"]);
        let mut writer: tantivy::IndexWriter =
            index.inner.index.writer_with_num_threads(1, 15_000_000).expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let fields = index.inner.fields;
        writer.delete_term(Term::from_field_text(fields.doc_id, "en/txt/water.txt"));
        writer.commit().expect("commit");
        index.inner.reader.reload().expect("reload");
        let searcher = index.searcher();
        let statistics = index.inner.statistics.get(&searcher, fields).expect("counted");
        let water = Term::from_field_text(fields.text, "water");
        assert_eq!(searcher.doc_freq(&water).expect("tantivy's count"), 1, "still counted");
        assert_eq!(statistics.doc_freq(&water).expect("count"), 0);
        // Asked again, the count comes from the cache.
        assert_eq!(statistics.doc_freq(&water).expect("count"), 0);
        let short = Term::from_field_text(fields.text, "short");
        assert_eq!(statistics.doc_freq(&short).expect("count"), 1);
        assert_eq!(statistics.total_num_docs().expect("entries"), 3);
    }
}
