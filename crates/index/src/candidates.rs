//! Candidates: the best clauses of each pass of a search (the query's language and the
//! other), by the strict query and then the relaxed one, reordered by phrase bonuses.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Weight};
use tantivy::{DocAddress, DocSet, Score, Searcher};

use crate::schema::ORDER_KEY;
use crate::statistics::Statistics;
use crate::Result;

/// One candidate clause, in ranking order.
pub(crate) struct Candidate {
    pub(crate) score: Score,
    pub(crate) address: DocAddress,
    /// The clause's order key (see [`ORDER_KEY`]): what orders equal scores.
    pub(crate) key: u64,
}

/// How many more clauses than the pool the index is asked for, so that clauses scoring
/// alike at the pool's edge are chosen by their order key and not by where the index
/// stores them.
const EDGE_MARGIN: usize = 16;

/// The low bits of a score's mantissa that [`steady`] clears: a sum of term scores
/// rounds differently with the order the index adds them in, which follows where it
/// stores the clause, so two builds of one corpus differ in the last bits. Eight of
/// twenty-three bits leave scores exact to about three parts in 100,000.
const UNSTEADY_BITS: u32 = 0xff;

/// A score without the bits in which builds of one index differ ([`UNSTEADY_BITS`]).
pub(crate) fn steady(score: Score) -> Score {
    Score::from_bits(score.to_bits() & !UNSTEADY_BITS)
}

/// The best `pool` clauses of `query`, best first, with scores made [`steady`] and equal
/// scores ordered by order key; and how many clauses match.
fn best(
    statistics: &Statistics<'_>,
    query: &BooleanQuery,
    pool: usize,
) -> Result<(Vec<Candidate>, usize)> {
    let searcher = statistics.searcher;
    let collector = (TopDocs::with_limit(pool + EDGE_MARGIN).order_by_score(), Count);
    let (top, count) = searcher.search_with_statistics_provider(query, &collector, statistics)?;
    let mut keys: HashMap<u32, Column<u64>> = HashMap::new();
    let mut list = Vec::with_capacity(top.len());
    for (score, address) in top {
        let column = match keys.entry(address.segment_ord) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => new
                .insert(searcher.segment_reader(address.segment_ord).fast_fields().u64(ORDER_KEY)?),
        };
        let key = column.first(address.doc_id).unwrap_or_default();
        list.push(Candidate { score: steady(score), address, key });
    }
    list.sort_by(by_score);
    list.truncate(pool);
    Ok((list, count))
}

/// Best score first, equal scores by order key.
fn by_score(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.key.cmp(&b.key))
}

/// The queries of one candidate pass.
pub(crate) struct Pass<'a> {
    /// Clauses holding a fair share of the query.
    pub(crate) strict: &'a BooleanQuery,
    /// Clauses holding any of it.
    pub(crate) relaxed: &'a BooleanQuery,
    /// Whether the two differ (a query of three words or more).
    pub(crate) two_phase: bool,
    /// The phrase bonuses, added to the candidates' scores afterwards.
    pub(crate) bonuses: &'a [Box<dyn Weight>],
}

/// How many candidates, per candidate kept, are fetched before the phrase bonuses
/// reorder them.
const BONUS_POOL_FACTOR: usize = 5;

/// Fetches candidates: the strict query's best, then the relaxed query's others with
/// scores kept below them. Also returns how many clauses match: those matching the strict
/// query when they fill the list (counting every clause that holds one common word of
/// a long query would cost as much again as the search, and tell the reader nothing),
/// else those matching the relaxed one; and whether the relaxed query's clauses were
/// added.
///
/// Phrase bonuses are not part of the queries: run over every clause holding a query
/// word they cost as much as the rest of the search together, so they are scored for a
/// pool of the best candidates only ([`BONUS_POOL_FACTOR`] times as many as kept),
/// which they reorder.
pub(crate) fn candidates(
    statistics: &Statistics<'_>,
    pass: &Pass<'_>,
    fetch: usize,
) -> Result<(Vec<Candidate>, usize, bool)> {
    let pool = fetch.saturating_mul(BONUS_POOL_FACTOR);
    let (top, strict_count) = best(statistics, pass.strict, pool)?;
    let mut list = with_bonuses(statistics.searcher, pass.bonuses, top, fetch)?;
    if !pass.two_phase || list.len() >= fetch {
        return Ok((list, strict_count, false));
    }
    let (top, relaxed_count) = best(statistics, pass.relaxed, pool)?;
    let seen: HashSet<DocAddress> = list.iter().map(|c| c.address).collect();
    let top = top.into_iter().filter(|c| !seen.contains(&c.address)).collect();
    let ceiling = list.last().map_or(Score::MAX, |c| c.score);
    for candidate in with_bonuses(statistics.searcher, pass.bonuses, top, fetch - list.len())? {
        list.push(Candidate { score: candidate.score.min(ceiling * 0.999), ..candidate });
    }
    Ok((list, relaxed_count, true))
}

/// How many searches are running in this process.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// Counts a search as running while it lives.
pub(crate) struct Running;

impl Running {
    pub(crate) fn start() -> Running {
        RUNNING.fetch_add(1, Ordering::Relaxed);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Tells whether a search may split its work over two threads: it is the only one
/// running. Under load every core is busy with searches already, and a second thread per
/// search would only add switching (a load test of the dev queries answered 8–15% fewer
/// requests a second at 8 and 64 connections when every search split its work).
pub(crate) fn may_split() -> bool {
    RUNNING.load(Ordering::Relaxed) <= 1
}

/// Runs [`candidates`] for each pass (with its fetch), the two languages' passes side by
/// side when the search runs alone ([`may_split`]): they read the index apart, and a
/// query's time is mostly theirs.
pub(crate) fn candidates_of_passes(
    statistics: &Statistics<'_>,
    passes: &[(Pass<'_>, usize)],
) -> Result<Vec<(Vec<Candidate>, usize, bool)>> {
    match passes {
        [(own, own_fetch), (other, other_fetch)] if may_split() => {
            let (own, other) = std::thread::scope(|scope| {
                let other = scope.spawn(|| candidates(statistics, other, *other_fetch));
                let own = candidates(statistics, own, *own_fetch);
                (own, other.join())
            });
            // A panic in the other thread is a bug in search, not in its input: pass it on.
            let other = other.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(vec![own?, other?])
        }
        _ => passes.iter().map(|(pass, fetch)| candidates(statistics, pass, *fetch)).collect(),
    }
}

/// Adds the phrase bonuses to the scores of `top` and keeps the best `keep`, best first.
fn with_bonuses(
    searcher: &Searcher,
    bonuses: &[Box<dyn Weight>],
    mut list: Vec<Candidate>,
    keep: usize,
) -> Result<Vec<Candidate>> {
    if !bonuses.is_empty() && !list.is_empty() {
        list.sort_by_key(|c| c.address);
        let mut start = 0;
        while start < list.len() {
            let segment = list[start].address.segment_ord;
            let end = start
                + list[start..].iter().take_while(|c| c.address.segment_ord == segment).count();
            let reader = searcher.segment_reader(segment);
            for bonus in bonuses {
                let mut scorer = bonus.scorer(reader, 1.0)?;
                for candidate in &mut list[start..end] {
                    let doc = candidate.address.doc_id;
                    if scorer.doc() < doc {
                        scorer.seek(doc);
                    }
                    if scorer.doc() == doc {
                        candidate.score += scorer.score();
                    }
                }
            }
            start = end;
        }
        list.sort_by(by_score);
    }
    list.truncate(keep);
    Ok(list)
}

#[cfg(test)]
mod tests {
    use tantivy::query::{Occur, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{TantivyDocument, Term};
    use tiaowen_model::Lang;

    use super::*;
    use crate::index::stored_str;
    use crate::testutil::{clauses, document};
    use crate::ClauseIndex;

    /// Twelve clauses that score alike for `tax`, indexed in the given order.
    fn alike(reverse: bool) -> (tempfile::TempDir, ClauseIndex) {
        let names = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
        let mut docs: Vec<(String, Vec<String>)> = (0..2)
            .map(|d| {
                let id = format!("en/txt/alike{d}.txt");
                (id, names.iter().map(|n| format!("{n} must pay the tax")).collect())
            })
            .collect();
        if reverse {
            docs.reverse();
            docs.iter_mut().for_each(|(_, texts)| texts.reverse());
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let index = ClauseIndex::create(dir.path()).expect("create index");
        let mut updater = index.updater().expect("writer");
        for (id, texts) in &docs {
            // Anchors follow the names, not the order of insertion.
            let items: Vec<(&str, &str)> = texts.iter().map(|t| ("", t.as_str())).collect();
            let mut clauses = clauses(id, &items);
            for clause in &mut clauses {
                let name = clause.text.split(' ').next().expect("a name");
                clause.anchor = format!("{id}#{name}");
            }
            let doc = document(id, "Tax notice", None, Lang::En, "2025-01-01");
            updater.put_document(&doc, &clauses, "hash").expect("put");
        }
        updater.commit().expect("commit");
        (dir, index)
    }

    /// The anchors of the best `pool` clauses for `tax`, and all their scores.
    fn best_anchors(index: &ClauseIndex, pool: usize) -> (Vec<String>, Vec<Score>) {
        let searcher = index.searcher();
        let fields = index.inner.fields;
        let statistics = index.inner.statistics.get(&searcher, fields).expect("counted");
        let term = Term::from_field_text(fields.text, "tax");
        let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
        let query = BooleanQuery::new(vec![(Occur::Should, query)]);
        let (list, count) = best(&statistics, &query, pool).expect("search");
        assert_eq!(count, 12);
        let anchor = |c: &Candidate| {
            let stored: TantivyDocument = searcher.doc(c.address).expect("stored");
            stored_str(&stored, fields.anchor)
        };
        (list.iter().map(anchor).collect(), list.iter().map(|c| c.score).collect())
    }

    #[test]
    fn clauses_scoring_alike_at_the_pools_edge_do_not_depend_on_indexing_order() {
        let (_a, forward) = alike(false);
        let (_b, backward) = alike(true);
        let (all, scores) = best_anchors(&forward, 12);
        assert!(scores.windows(2).all(|w| w[0] == w[1]), "the clauses score alike");
        let (first, _) = best_anchors(&forward, 3);
        assert_eq!(first, best_anchors(&backward, 3).0);
        assert_eq!(first, all[..3]);
        let mut by_key = all.clone();
        by_key.sort_by_key(|anchor| crate::schema::order_key(anchor));
        assert_eq!(all, by_key);
    }

    #[test]
    fn steady_scores_drop_the_last_bits_only() {
        let sum = 0.1f32 + 0.2 + 1.3;
        let other = 1.3f32 + 0.2 + 0.1;
        assert_ne!(sum.to_bits(), other.to_bits(), "the sums round apart");
        assert_eq!(steady(sum), steady(other));
        assert!((steady(sum) - sum).abs() <= sum * 1e-4);
        assert!(steady(2.0) > steady(1.9999));
    }
}
