//! Explanations of hits: how much each query word and each phrase bonus added.
//!
//! tantivy's `Query::explain` on the whole query is not used: a phrase scorer asked about
//! a document before its first match trips a debug assertion in tantivy 0.27
//! (`PhraseScorer::seek`), and so can nested boolean scorers. Instead each part of the
//! query is run alone against the one clause (its anchor term required, scoring
//! nothing), which gives the same numbers, and tantivy's explanation is kept for the
//! single-term leaves, whose explain is safe.

use serde_json::{json, Value};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Score, Term};

use crate::compile::{boxed, group_query, phrase_bonuses};
use crate::index::anchor_query;
use crate::query::QueryPlan;
use crate::ranking::Ranking;
use crate::schema::Fields;
use crate::statistics::Statistics;
use crate::Result;

/// Scores one part of the query for the clause with `anchor` alone; `None` if the part
/// does not match it.
pub(crate) fn part_score(
    statistics: &Statistics<'_>,
    fields: Fields,
    anchor: &str,
    part: Box<dyn Query>,
) -> Result<Option<(Score, tantivy::DocAddress)>> {
    let only = BooleanQuery::new(vec![
        (Occur::Must, boxed(ConstScoreQuery::new(anchor_query(fields, anchor), 0.0))),
        (Occur::Must, part),
    ]);
    let collector = TopDocs::with_limit(1).order_by_score();
    let top = statistics.searcher.search_with_statistics_provider(&only, &collector, statistics)?;
    Ok(top.into_iter().next())
}

/// What was put on one hit's score after its words were scored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Factors {
    /// The final score.
    pub score: Score,
    /// The factor language fusion put on it.
    pub scale: f32,
    /// The share of the query the clause covers, when fusion measured it.
    pub coverage: Option<f32>,
    /// The factor for stating the kind of answer the query asks for.
    pub answer: f32,
    /// How much of the query the clause holds by its document's word weights, relative
    /// to the best of the document's clauses among the first hits, when it was ordered
    /// among them (see `siblings`).
    pub within_document: Option<f32>,
}

/// Explains one hit: its score (and the factors language fusion and the kind of answer
/// put on it), each query word's share (with tantivy's explanation of every matching term
/// and field) and each phrase bonus. Of a query word and the expansions standing for it
/// only the best scores (the others show theirs as `shadowed_score`), as in the search
/// itself.
pub(crate) fn explain_hit(
    statistics: &Statistics<'_>,
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
    anchor: &str,
    factors: Factors,
) -> Result<Value> {
    let Factors { score, scale, coverage, answer, within_document } = factors;
    let mut words: Vec<Value> = Vec::new();
    // The position in `words` of each group that matches, with its score.
    let mut scored: Vec<Option<(usize, Score)>> = vec![None; plan.groups.len()];
    for (index, group) in plan.groups.iter().enumerate().filter(|(_, g)| !g.stop) {
        let Some((value, address)) =
            part_score(statistics, fields, anchor, group_query(fields, ranking, group))?
        else {
            continue;
        };
        let mut matches = Vec::new();
        for term in &group.terms {
            for (name, field) in [
                ("text", fields.text),
                ("headings", fields.headings),
                ("title", fields.title),
                ("meta", fields.meta),
            ] {
                let query = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                let scoring = EnableScoring::enabled_from_statistics_provider(
                    statistics,
                    statistics.searcher,
                );
                let reader = statistics.searcher.segment_reader(address.segment_ord);
                let explained =
                    query.weight(scoring).and_then(|w| w.explain(reader, address.doc_id));
                if let Ok(explained) = explained {
                    let detail: Value =
                        serde_json::from_str(&explained.to_pretty_json()).unwrap_or(Value::Null);
                    matches.push(json!({ "term": term, "field": name, "bm25": explained.value(), "detail": detail }));
                }
            }
        }
        scored[index] = Some((words.len(), value));
        words.push(json!({
            "word": group.main,
            "from": group.source.as_ref().map(|s| &s.0),
            "origin": group.source.as_ref().map(|s| &s.1),
            "weight": group.weight,
            "expansion": group.expansion,
            "score": value,
            "matches": matches,
        }));
    }
    // Each concept counts once, by its best member: the others are shadowed.
    let mut best: Vec<usize> = Vec::new();
    for members in plan.concepts() {
        let top = members.iter().filter_map(|&i| scored[i]).fold(
            None,
            |top: Option<(usize, Score)>, (at, value)| match top {
                Some((_, v)) if v >= value => top,
                _ => Some((at, value)),
            },
        );
        best.extend(top.map(|(at, _)| at));
    }
    for (at, word) in words.iter_mut().enumerate() {
        if !best.contains(&at) {
            word["shadowed_score"] = word["score"].clone();
            word["score"] = json!(0.0);
        }
    }
    let mut phrases = Vec::new();
    for (phrase_words, bonus) in phrase_bonuses(fields, ranking, plan) {
        if let Some((value, _)) = part_score(statistics, fields, anchor, bonus)? {
            phrases.push(json!({ "words": phrase_words, "score": value }));
        }
    }
    // The parts add up to the score before language fusion and the answer factor
    // scaled it.
    let factor = scale * answer;
    let raw = if factor > 0.0 { score / factor } else { score };
    Ok(json!({
        "score": score,
        "raw_score": raw,
        "language_factor": scale,
        "coverage": coverage,
        "answer_factor": answer,
        "within_document": within_document,
        "words": words,
        "phrases": phrases,
    }))
}
