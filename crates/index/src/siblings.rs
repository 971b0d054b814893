//! Ordering sibling clauses: when several clauses of one document are among the first
//! hits, the query words that few of that document's clauses hold decide which of them
//! comes first.
//!
//! Ranking by the whole corpus's word weights finds the right document well, but inside
//! it the words every clause shares (the law's own name, 个人所得税 in the income tax
//! law; words of its title, which every clause matches) weigh as much as the words that
//! tell its clauses apart. So the document's clauses are measured again with the
//! document's own statistics, a word weighed by how few of its clauses hold it (by the
//! same query's score, and by the share of the query each holds), and trade places by a
//! blend of that and their score: the places the document holds on the list stay its
//! own, so the order of documents does not change.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::DocSetCollector;
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query, Scorer};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term};

use crate::candidates::may_split;
use crate::compile::{boxed, concept_queries, phrase_bonuses};
use crate::fusion::{by_segment, group_matching, holding};
use crate::groups::Group;
use crate::index::{clauses_only, term_query};
use crate::query::QueryPlan;
use crate::ranking::Ranking;
use crate::schema::Fields;
use crate::statistics::Statistics;
use crate::Result;

/// How much of a clause's standing within its document is how much of the query it
/// holds ([`local_coverage`]); the rest is its score by the document's statistics
/// ([`local_weights`]), which also counts repeats and phrases.
const COVERAGE_SHARE: f32 = 0.5;
/// The most documents whose clauses are reordered per search, the first to hold two
/// places: more (four were tried) moved neither mean of the query sets and cost time.
const MAX_DOCUMENTS: usize = 2;

/// Reorders, among the first `reach` hits (twice a page, so that a clause just below the
/// first page can take the place of a sibling on it), the clauses
/// of each document holding two or more of them: each is ranked by its score times
/// `1 - share + share * local` ([`Ranking::sibling_share`] is `share`), where `local`
/// blends its score by the document's own statistics and the share of the query it
/// holds by the document's word weights, each relative to the best sibling's. The places
/// on the list stay the document's, and each clause keeps its own score.
pub(crate) fn order_siblings(
    corpus: &Statistics<'_>,
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
    groups: &mut Vec<Group>,
    reach: usize,
) -> Result<()> {
    let share = ranking.sibling_share;
    if share <= 0.0 {
        return Ok(());
    }
    let searcher = corpus.searcher;
    let reach = groups.len().min(reach);
    // A document's places, with its copies' (a clause found in the HTML notice and in
    // its PDF print belongs to both).
    let mut places: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    for (at, group) in groups.iter().enumerate().take(reach) {
        let ids: Vec<String> = group.doc_ids().map(str::to_owned).collect();
        match places.iter_mut().find(|(known, _)| ids.iter().any(|id| known.contains(id))) {
            Some((known, at_places)) => {
                at_places.push(at);
                for id in ids {
                    if !known.contains(&id) {
                        known.push(id);
                    }
                }
            }
            None => places.push((ids, vec![at])),
        }
    }
    let mut order: Vec<usize> = (0..reach).collect();
    let shared: Vec<Vec<usize>> = places
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .take(MAX_DOCUMENTS)
        .map(|(_, at_places)| at_places)
        .collect();
    let standing = |at_places: &Vec<usize>| -> Result<(Vec<f32>, Vec<f32>)> {
        let doc_id = &groups[at_places[0]].doc_id;
        let clauses: Vec<DocAddress> =
            at_places.iter().map(|&at| groups[at].members[0].1).collect();
        let statistics = DocumentStatistics::new(corpus, fields, doc_id)?;
        let held = relative(local_weights(searcher, &statistics, ranking, plan, &clauses)?);
        let covered = relative(local_coverage(searcher, &statistics, ranking, plan, &clauses)?);
        Ok((held, covered))
    };
    // Each document is measured apart from the other, so the two are measured side by side
    // when the search runs alone.
    let standings: Vec<Result<(Vec<f32>, Vec<f32>)>> = match shared.as_slice() {
        [first, second] if may_split() => std::thread::scope(|scope| {
            let later = scope.spawn(|| standing(second));
            let first = standing(first);
            // A panic there is a bug in search, not in its input: pass it on.
            vec![first, later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))]
        }),
        _ => shared.iter().map(standing).collect(),
    };
    for (at_places, measured) in shared.into_iter().zip(standings) {
        let (held, covered) = measured?;
        if held.iter().all(|&w| w <= 0.0) {
            continue;
        }
        let mut keyed = Vec::with_capacity(at_places.len());
        for ((&at, &weight), &cover) in at_places.iter().zip(&held).zip(&covered) {
            let local = (1.0 - COVERAGE_SHARE) * weight + COVERAGE_SHARE * cover;
            let group = &mut groups[at];
            group.within_document = Some(local);
            keyed.push((group.members[0].0 * ((1.0 - share) + share * local), at));
        }
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (&place, &(_, at)) in at_places.iter().zip(&keyed) {
            order[place] = at;
        }
    }
    if order.iter().enumerate().all(|(place, &at)| place == at) {
        return Ok(());
    }
    let mut first: Vec<Option<Group>> = groups.drain(..reach).map(Some).collect();
    let reordered: Vec<Group> = order.iter().filter_map(|&at| first[at].take()).collect();
    groups.splice(0..0, reordered);
    Ok(())
}

/// Scores `clauses` (of the document `statistics` describes, or of its copy) by the
/// search's own query, words weighed by the document's statistics instead of the
/// corpus's ([`DocumentStatistics`]).
fn local_weights(
    searcher: &Searcher,
    statistics: &DocumentStatistics<'_>,
    ranking: &Ranking,
    plan: &QueryPlan,
    clauses: &[DocAddress],
) -> Result<Vec<f32>> {
    let fields = statistics.fields;
    let mut query: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let words = concept_queries(fields, ranking, plan).into_iter().map(|(_, q)| q);
    let bonuses = phrase_bonuses(fields, ranking, plan).into_iter().map(|(_, q)| q);
    query.extend(words.chain(bonuses).map(|q| (Occur::Should, q)));
    let query = BooleanQuery::new(query);
    let weight =
        query.weight(EnableScoring::enabled_from_statistics_provider(statistics, searcher))?;
    let mut ascending: Vec<(usize, DocAddress)> = clauses.iter().copied().enumerate().collect();
    ascending.sort_by_key(|&(_, address)| address);
    let mut scores = vec![0.0; clauses.len()];
    let mut scorer: Option<(u32, Box<dyn Scorer>)> = None;
    for (at, address) in ascending {
        if scorer.as_ref().is_none_or(|(segment, _)| *segment != address.segment_ord) {
            let reader = searcher.segment_reader(address.segment_ord);
            scorer = Some((address.segment_ord, weight.scorer(reader, 1.0)?));
        }
        let Some((_, scorer)) = scorer.as_mut() else { continue };
        if scorer.doc() < address.doc_id {
            scorer.seek(address.doc_id);
        }
        if scorer.doc() == address.doc_id {
            scores[at] = scorer.score();
        }
    }
    Ok(scores)
}

/// Divides each value by the largest (all zero when none is above zero).
fn relative(values: Vec<f32>) -> Vec<f32> {
    let best = values.iter().copied().fold(0.0_f32, f32::max);
    if best <= 0.0 {
        return vec![0.0; values.len()];
    }
    values.into_iter().map(|v| v / best).collect()
}

/// Weighs how much of the query each of `clauses` holds: over the query's concepts, the
/// best weight among the concept's words the clause holds times the concept's inverse
/// frequency among the document's clauses.
fn local_coverage(
    searcher: &Searcher,
    statistics: &DocumentStatistics<'_>,
    ranking: &Ranking,
    plan: &QueryPlan,
    clauses: &[DocAddress],
) -> Result<Vec<f32>> {
    let total = statistics.count as f32;
    // The candidates may be a copy's clauses (the PDF print of the HTML notice): both
    // sets are matched in one pass, then told apart.
    let wanted: HashSet<DocAddress> = clauses.iter().copied().collect();
    let mut both = statistics.clauses.clone();
    for address in clauses {
        let docs = both.entry(address.segment_ord).or_default();
        if let Err(at) = docs.binary_search(&address.doc_id) {
            docs.insert(at, address.doc_id);
        }
    }
    let mut held = vec![0.0_f32; clauses.len()];
    for members in plan.concepts() {
        let mut credit: HashMap<DocAddress, f32> = HashMap::new();
        let mut in_document = HashSet::new();
        for &index in &members {
            let group = &plan.groups[index];
            let mut found = HashSet::new();
            group_matching(searcher, statistics.fields, ranking, group, &both, &mut found)?;
            for address in found {
                if statistics.holds(address) {
                    in_document.insert(address);
                }
                if wanted.contains(&address) {
                    let best = credit.entry(address).or_insert(0.0);
                    *best = best.max(group.weight);
                }
            }
        }
        let n = in_document.len() as f32;
        let idf = (1.0 + (total - n + 0.5) / (n + 0.5)).ln();
        for (weight, address) in held.iter_mut().zip(clauses) {
            *weight += credit.get(address).copied().unwrap_or(0.0) * idf;
        }
    }
    Ok(held)
}

/// BM25 statistics of one document's clauses: a word's frequency is the number of the
/// document's clauses holding it, so words of its title (held by every clause) weigh
/// nothing and words few of its clauses hold weigh most. Field lengths keep the corpus's
/// average.
struct DocumentStatistics<'a> {
    /// The corpus's statistics, and its searcher.
    corpus: &'a Statistics<'a>,
    fields: Fields,
    /// The document's clauses, by segment, in order.
    clauses: BTreeMap<u32, Vec<DocId>>,
    count: u64,
    /// Clauses holding each word, by its text (whatever field asks).
    frequencies: RefCell<HashMap<String, u64>>,
}

impl<'a> DocumentStatistics<'a> {
    fn new(
        corpus: &'a Statistics<'a>,
        fields: Fields,
        doc_id: &str,
    ) -> Result<DocumentStatistics<'a>> {
        let query = BooleanQuery::new(vec![
            clauses_only(fields),
            (Occur::Must, boxed(term_query(fields.doc_id, doc_id))),
        ]);
        let clauses = by_segment(corpus.searcher.search(&query, &DocSetCollector)?);
        let count = clauses.values().map(|docs| docs.len() as u64).sum();
        Ok(DocumentStatistics {
            corpus,
            fields,
            clauses,
            count,
            frequencies: RefCell::new(HashMap::new()),
        })
    }

    /// Tells whether `address` is one of the document's clauses.
    fn holds(&self, address: DocAddress) -> bool {
        self.clauses
            .get(&address.segment_ord)
            .is_some_and(|docs| docs.binary_search(&address.doc_id).is_ok())
    }
}

impl Bm25StatisticsProvider for DocumentStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let all = self.corpus.total_num_tokens(field)?;
        let docs = self.corpus.total_num_docs()?.max(1);
        Ok(all.saturating_mul(self.count) / docs)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.count)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let value = term.value();
        let Some(text) = value.as_str() else {
            return self.corpus.doc_freq(term);
        };
        if let Some(&known) = self.frequencies.borrow().get(text) {
            return Ok(known);
        }
        // A word counts as held by a clause wherever the clause holds it: in its text,
        // its headings, or its document's title, which every clause holds.
        let mut found: HashSet<DocAddress> = HashSet::new();
        holding(self.corpus.searcher, self.fields, text, &self.clauses, &mut found)?;
        let count = found.len() as u64;
        self.frequencies.borrow_mut().insert(text.to_owned(), count);
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use tiaowen_model::{Lang, SearchRequest};

    use super::*;
    use crate::testutil::{clauses, document};

    /// A rules document whose title word (个人所得税) most of its clauses repeat, among
    /// a budget law that never names it, so that the corpus weighs it as a rare word.
    fn rules_index() -> (tempfile::TempDir, crate::ClauseIndex) {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = crate::ClauseIndex::create(dir.path()).expect("create index");
        let mut updater = index.updater().expect("writer");
        let id = "zh/html/rules.html";
        let doc = document(id, "个人所得税专项附加扣除暂行办法", None, Lang::Zh, "2018-12-13");
        let items = [
            ("第一条", "个人所得税专项附加扣除包括子女教育、继续教育、住房租金等支出。"),
            ("第二条", "纳税人没有自有住房而发生的住房租金支出，可以按照每月1500元的标准定额扣除。"),
            ("第三条", "纳税人的子女接受全日制学历教育的相关支出，在计算个人所得税时按照每个子女每月1000元的标准定额扣除。"),
            ("第四条", "纳税人在中国境内接受学历教育的支出，在计算个人所得税时按照每月400元定额扣除。"),
            ("第五条", "纳税人发生的大病医疗支出，在计算个人所得税时在80000元限额内据实扣除。"),
            ("第六条", "纳税人赡养老人的支出，在计算个人所得税时按照每月2000元的标准定额扣除。"),
        ];
        updater.put_document(&doc, &clauses(id, &items), "hash-rules").expect("put");
        let law_id = "zh/laws/budget.md";
        let law = document(law_id, "预算法", None, Lang::Zh, "2018-12-29");
        let texts: Vec<(String, String)> = (1..=40)
            .map(|n| {
                (
                    format!("第{n}条"),
                    format!("各级政府应当加强预算管理，公开第{n}项预算收支和住房保障支出。"),
                )
            })
            .collect();
        let items: Vec<(&str, &str)> =
            texts.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
        updater.put_document(&law, &clauses(law_id, &items), "hash-law").expect("put");
        updater.commit().expect("commit");
        (dir, index)
    }

    #[test]
    fn document_statistics_count_the_documents_clauses() {
        let (_dir, index) = rules_index();
        let searcher = index.searcher();
        let fields = index.inner.fields;
        let corpus = index.inner.statistics.get(&searcher, fields).expect("corpus counted");
        let statistics = DocumentStatistics::new(&corpus, fields, "zh/html/rules.html")
            .expect("statistics read");
        assert_eq!(statistics.total_num_docs().expect("count"), 6);
        let text = |word: &str| Term::from_field_text(fields.text, word);
        // 住房 is in two of the rules' clauses, and in every clause of the budget law.
        assert_eq!(statistics.doc_freq(&text("住房")).expect("count"), 2);
        // A word of the title is held by every clause, whatever the field asked about.
        assert_eq!(statistics.doc_freq(&text("专项")).expect("count"), 6);
        assert_eq!(statistics.doc_freq(&text("预算")).expect("count"), 0);
        // Field lengths keep the corpus's average.
        let all = corpus.total_num_tokens(fields.text).expect("tokens") as f64;
        let average = all / corpus.total_num_docs().expect("count") as f64;
        let local = statistics.total_num_tokens(fields.text).expect("tokens") as f64 / 6.0;
        assert!((average - local).abs() <= 1.0, "{average} {local}");
    }

    #[test]
    fn only_a_documents_own_places_change() {
        let (_dir, index) = rules_index();
        let query = "个人所得税 住房租金 预算 扣除";
        let order = |share: f32| -> Vec<(String, String)> {
            index.set_ranking(Ranking { sibling_share: share, ..Ranking::default() });
            let response = index.search(&SearchRequest::new(query)).expect("search runs");
            response.hits.iter().map(|h| (h.document.id.clone(), h.label.clone())).collect()
        };
        let (before, after) = (order(0.0), order(1.0));
        assert_ne!(before, after, "the rules' clauses trade places");
        let documents = |hits: &[(String, String)]| -> Vec<String> {
            hits.iter().map(|(d, _)| d.clone()).collect()
        };
        assert_eq!(documents(&before), documents(&after));
        let (mut before, mut after) = (before, after);
        before.sort();
        after.sort();
        assert_eq!(before, after, "the same clauses, reordered");
    }

    #[test]
    fn a_page_is_the_head_of_a_longer_page_however_long() {
        let (_dir, index) = rules_index();
        let page = |limit: usize| -> Vec<String> {
            let mut request = SearchRequest::new("个人所得税 住房租金 预算 扣除");
            request.limit = limit;
            let response = index.search(&request).expect("search runs");
            response.hits.iter().map(|h| h.anchor.clone()).collect()
        };
        let longest = page(40);
        assert!(longest.len() >= 30, "the page reaches past thirty hits: {}", longest.len());
        for limit in 1..40 {
            assert_eq!(page(limit), longest[..limit], "a page of {limit}");
        }
    }

    #[test]
    fn explain_reports_the_within_document_share() {
        let (_dir, index) = rules_index();
        let mut request = SearchRequest::new("个人所得税 住房租金 扣除");
        request.explain = true;
        let response = index.search(&request).expect("search runs");
        let shares: Vec<f64> = response
            .hits
            .iter()
            .filter_map(|h| h.explanation.as_ref()?["within_document"].as_f64())
            .collect();
        assert_eq!(shares.len(), response.hits.len(), "every sibling is weighed");
        assert!(shares.iter().any(|&s| (s - 1.0).abs() < 1e-6), "{shares:?}");
        assert!(shares.iter().all(|&s| (0.0..=1.0).contains(&s)), "{shares:?}");
    }
}
