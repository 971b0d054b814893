//! Candidates: the best clauses of each pass of a search (the query's language and the
//! other), by the strict query and then the relaxed one, reordered by phrase bonuses.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Weight};
use tantivy::{DocAddress, DocSet, Score, Searcher};

use crate::Result;

/// One candidate clause, in ranking order.
pub(crate) struct Candidate {
    pub(crate) score: Score,
    pub(crate) address: DocAddress,
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
    searcher: &Searcher,
    pass: &Pass<'_>,
    fetch: usize,
) -> Result<(Vec<Candidate>, usize, bool)> {
    let pool = fetch.saturating_mul(BONUS_POOL_FACTOR);
    let collector = (TopDocs::with_limit(pool).order_by_score(), Count);
    let (top, strict_count) = searcher.search(pass.strict, &collector)?;
    let mut list = with_bonuses(searcher, pass.bonuses, top, fetch)?;
    if !pass.two_phase || list.len() >= fetch {
        return Ok((list, strict_count, false));
    }
    let (top, relaxed_count) = searcher.search(pass.relaxed, &collector)?;
    let seen: HashSet<DocAddress> = list.iter().map(|c| c.address).collect();
    let top = top.into_iter().filter(|(_, address)| !seen.contains(address)).collect();
    let ceiling = list.last().map_or(Score::MAX, |c| c.score);
    for candidate in with_bonuses(searcher, pass.bonuses, top, fetch - list.len())? {
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
    searcher: &Searcher,
    passes: &[(Pass<'_>, usize)],
) -> Result<Vec<(Vec<Candidate>, usize, bool)>> {
    match passes {
        [(own, own_fetch), (other, other_fetch)] if may_split() => {
            let (own, other) = std::thread::scope(|scope| {
                let other = scope.spawn(|| candidates(searcher, other, *other_fetch));
                let own = candidates(searcher, own, *own_fetch);
                (own, other.join())
            });
            // A panic in the other thread is a bug in search, not in its input: pass it on.
            let other = other.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok(vec![own?, other?])
        }
        _ => passes.iter().map(|(pass, fetch)| candidates(searcher, pass, *fetch)).collect(),
    }
}

/// Adds the phrase bonuses to the scores of `top` and keeps the best `keep`, best first.
fn with_bonuses(
    searcher: &Searcher,
    bonuses: &[Box<dyn Weight>],
    top: Vec<(Score, DocAddress)>,
    keep: usize,
) -> Result<Vec<Candidate>> {
    let mut list: Vec<Candidate> =
        top.into_iter().map(|(score, address)| Candidate { score, address }).collect();
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
        list.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.address.cmp(&b.address)));
    }
    list.truncate(keep);
    Ok(list)
}
