//! The tantivy queries a [`QueryPlan`] makes: each word's terms over the weighted fields,
//! concepts (a word and its expansions, scored by the best), the filters, and the phrase
//! bonuses of neighbouring words.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use tiaowen_model::Filters;

use crate::index::term_query;
use crate::query::{has_cjk, QueryPlan, TermGroup};
use crate::ranking::Ranking;
use crate::schema::{date_number, Fields};
use crate::validity::{is_out_of_force, ValidityMap};
use crate::{Error, Result};

/// How many extra word moves a multi-word expansion (海绵 城市) tolerates.
const EXPANSION_PHRASE_SLOP: u32 = 1;
pub(crate) type Clauses = Vec<(Occur, Box<dyn Query>)>;

pub(crate) fn boxed(query: impl Query) -> Box<dyn Query> {
    Box::new(query)
}

/// Matches any of the raw values of a field.
pub(crate) fn one_of(field: Field, values: &[String]) -> Box<dyn Query> {
    let clauses: Clauses =
        values.iter().map(|v| (Occur::Should, boxed(term_query(field, v)))).collect();
    boxed(BooleanQuery::new(clauses))
}

/// Keeps out the clauses of documents not in force (the `current` filter).
pub(crate) fn in_force_only(
    fields: Fields,
    validity: &ValidityMap,
) -> Option<(Occur, Box<dyn Query>)> {
    let mut out: Vec<String> =
        validity.keys().filter(|id| is_out_of_force(validity, id)).cloned().collect();
    out.sort();
    (!out.is_empty()).then(|| (Occur::MustNot, one_of(fields.doc_id, &out)))
}

/// Turns the filters into required clauses (all but `current`, [`in_force_only`]).
pub(crate) fn filter_clauses(fields: Fields, filters: &Filters) -> Result<Clauses> {
    let mut clauses: Clauses = Vec::new();
    if let Some(lang) = filters.lang {
        clauses.push((Occur::Must, boxed(term_query(fields.lang, lang.as_str()))));
    }
    if let Some(doc_type) = filters.doc_type {
        clauses.push((Occur::Must, boxed(term_query(fields.doc_type, doc_type.as_str()))));
    }
    if let Some(issuer) = filters.issuer.as_deref().map(str::trim).filter(|i| !i.is_empty()) {
        let pattern = format!(".*{}.*", regex::escape(&issuer.to_lowercase()));
        let query = RegexQuery::from_pattern(&pattern, fields.issuer)
            .map_err(|e| Error::BadQuery { reason: format!("issuer filter: {e}") })?;
        clauses.push((Occur::Must, boxed(query)));
    }
    let date = |value: &Option<String>, end: bool| -> Result<Bound<Term>> {
        let Some(value) = value.as_deref() else { return Ok(Bound::Unbounded) };
        let number = date_number(value, end).ok_or_else(|| Error::BadQuery {
            reason: format!("date {value:?} is not YYYY-MM-DD"),
        })?;
        Ok(Bound::Included(Term::from_field_i64(fields.date, number)))
    };
    let (from, to) = (date(&filters.from, false)?, date(&filters.to, true)?);
    if !matches!((&from, &to), (Bound::Unbounded, Bound::Unbounded)) {
        clauses.push((Occur::Must, boxed(RangeQuery::new(from, to))));
    }
    Ok(clauses)
}

/// Scores one query word: its terms over text, headings, title and document metadata.
/// A multi-word expansion is matched as a phrase (within [`EXPANSION_PHRASE_SLOP`]).
pub(crate) fn group_query(fields: Fields, ranking: &Ranking, group: &TermGroup) -> Box<dyn Query> {
    let mut clauses: Clauses = Vec::new();
    let weighted = [
        (fields.text, ranking.text_boost),
        (fields.headings, ranking.headings_boost),
        (fields.title, ranking.title_boost),
    ];
    if group.phrase.len() > 1 {
        for (field, boost) in weighted {
            let terms: Vec<(usize, Term)> = group
                .phrase
                .iter()
                .map(|(offset, word)| (*offset, Term::from_field_text(field, word)))
                .collect();
            let query = PhraseQuery::new_with_offset_and_slop(terms, EXPANSION_PHRASE_SLOP);
            clauses.push((Occur::Should, boxed(BoostQuery::new(boxed(query), boost))));
        }
        return boxed(BoostQuery::new(boxed(BooleanQuery::new(clauses)), group.weight));
    }
    for term in &group.terms {
        for (field, boost) in weighted.into_iter().chain([(fields.meta, ranking.meta_boost)]) {
            let query =
                TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::WithFreqs);
            clauses.push((Occur::Should, boxed(BoostQuery::new(boxed(query), boost))));
        }
    }
    boxed(BoostQuery::new(boxed(BooleanQuery::new(clauses)), terms_weight(group)))
}

/// The weight of a word's terms together. A translation written as a compound is
/// searched by the compound and its sub-words (个人所得税 by 个人, 所得, 所得税 and itself),
/// each scored, so it would outweigh a shorter rendering of the same word (扣除 against
/// 专项附加扣除 for "deduction") by its length alone: its weight is divided by the square
/// root of its number of terms. The query's own words and their synonyms keep theirs, as
/// every clause is measured by the same words.
fn terms_weight(group: &TermGroup) -> f32 {
    if group.expansion && !group.same_language && group.terms.len() > 1 {
        group.weight / (group.terms.len() as f32).sqrt()
    } else {
        group.weight
    }
}

/// Scores the concepts (see [`QueryPlan::concepts`]), telling which stand for a query
/// word: each counts once, by the best of its members, so that a clause holding a word
/// and its translation, or two senses of one word, is no better a match.
pub(crate) fn concept_queries(
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
) -> Vec<(bool, Box<dyn Query>)> {
    plan.concepts()
        .into_iter()
        .map(|members| {
            let core = members.first().is_some_and(|&i| !plan.groups[i].expansion);
            let mut queries: Vec<Box<dyn Query>> =
                members.iter().map(|&i| group_query(fields, ranking, &plan.groups[i])).collect();
            let query = if queries.len() == 1 {
                queries.remove(0)
            } else {
                boxed(DisjunctionMaxQuery::new(queries))
            };
            (core, query)
        })
        .collect()
}

/// Builds the phrase bonuses, each with its words: the whole query, and each pair of
/// neighbouring words.
pub(crate) fn phrase_bonuses(
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
) -> Vec<(Vec<String>, Box<dyn Query>)> {
    let words = plan.phrase_words();
    let mut bonuses = Vec::new();
    if words.len() < 2 {
        return bonuses;
    }
    let first = words[0].0;
    let terms: Vec<(usize, Term)> =
        words.iter().map(|(p, w)| (p - first, Term::from_field_text(fields.text, w))).collect();
    if words.len() > 2 {
        let phrase = PhraseQuery::new_with_offset_and_slop(terms.clone(), ranking.phrase_slop);
        let all = words.iter().map(|w| w.1.clone()).collect();
        bonuses.push((all, boxed(BoostQuery::new(boxed(phrase), ranking.phrase_boost))));
    }
    for (pair, pair_words) in terms.windows(2).zip(words.windows(2)) {
        let gap = pair[1].0 - pair[0].0;
        let phrase = PhraseQuery::new_with_offset_and_slop(
            vec![(0, pair[0].1.clone()), (gap, pair[1].1.clone())],
            ranking.pair_slop,
        );
        let boost = if words.len() == 2 { ranking.phrase_boost } else { ranking.pair_boost };
        let both = vec![pair_words[0].1.clone(), pair_words[1].1.clone()];
        bonuses.push((both, boxed(BoostQuery::new(boxed(phrase), boost))));
    }
    bonuses.extend(expanded_pair_bonuses(fields, ranking, plan));
    bonuses
}

/// The most stand-ins (the word itself or its expansions) per query word that pair
/// bonuses combine, best weight first.
const PAIR_STAND_INS: usize = 3;

/// One way of writing a query word: its words with their offsets, its weight and script.
struct StandIn {
    words: Vec<(usize, String)>,
    weight: f32,
    cjk: bool,
    expansion: bool,
}

/// Builds the pair bonuses of expansions: for each pair of neighbouring query words, the
/// translations (or synonyms) of the two found next to each other, as the query's own
/// words are by the pair bonuses. "basic farmland protection" rewards 基本农田保护 over
/// clauses holding 基本农田 and 保护 apart. Across languages word order often turns
/// ("right to a hearing", 听证的权利), so a translated pair counts in either order.
fn expanded_pair_bonuses(
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
) -> Vec<(Vec<String>, Box<dyn Query>)> {
    let mut bonuses = Vec::new();
    if ranking.expanded_pair_boost <= 0.0 {
        return bonuses;
    }
    let concepts = plan.concepts();
    let core = plan.core_groups().len().min(concepts.len());
    let stand_ins = |members: &[usize], other: &[usize]| -> Vec<StandIn> {
        let mut list: Vec<StandIn> = members
            .iter()
            .filter(|i| !other.contains(i))
            .filter_map(|&i| {
                let group = &plan.groups[i];
                let words = if group.phrase.is_empty() {
                    vec![(0, group.main.clone().or_else(|| group.terms.first().cloned())?)]
                } else {
                    group.phrase.clone()
                };
                let cjk = words.iter().any(|(_, w)| crate::query::has_cjk(w));
                Some(StandIn { words, weight: group.weight, cjk, expansion: group.expansion })
            })
            .collect();
        list.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        list.truncate(PAIR_STAND_INS);
        list
    };
    for pair in concepts[..core].windows(2) {
        let (left, right) = (stand_ins(&pair[0], &pair[1]), stand_ins(&pair[1], &pair[0]));
        for a in &left {
            for b in right.iter().filter(|b| b.cjk == a.cjk && (a.expansion || b.expansion)) {
                let translated = a.cjk != plan_is_cjk(plan);
                let orders: &[(&StandIn, &StandIn)] =
                    if translated { &[(a, b), (b, a)] } else { &[(a, b)] };
                for (first, second) in orders {
                    let gap = first.words.last().map_or(0, |w| w.0) + 1;
                    let mut terms: Vec<(usize, Term)> = Vec::new();
                    let mut words = Vec::new();
                    for (offset, word) in &first.words {
                        terms.push((*offset, Term::from_field_text(fields.text, word)));
                        words.push(word.clone());
                    }
                    for (offset, word) in &second.words {
                        terms.push((gap + offset, Term::from_field_text(fields.text, word)));
                        words.push(word.clone());
                    }
                    let phrase = PhraseQuery::new_with_offset_and_slop(terms, ranking.pair_slop);
                    let boost = ranking.expanded_pair_boost * first.weight.min(second.weight);
                    bonuses.push((words, boxed(BoostQuery::new(boxed(phrase), boost))));
                }
            }
        }
    }
    bonuses
}

/// Tells whether the query's own words are Chinese.
fn plan_is_cjk(plan: &QueryPlan) -> bool {
    plan.core_groups().iter().any(|g| g.main.as_deref().is_some_and(has_cjk))
}

/// Builds the whole query: filters and restrictions as required clauses, the query's
/// concepts with at least `min_words` of them covered, by the words or their expansions
/// (or any expansion standing for no query word). Phrase bonuses are added to the best
/// candidates afterwards (see [`candidates`](crate::candidates::candidates)).
pub(crate) fn build_query(
    fields: Fields,
    ranking: &Ranking,
    plan: &QueryPlan,
    must: &Clauses,
    min_words: usize,
) -> BooleanQuery {
    // Filters select and do not score.
    let mut clauses: Clauses =
        must.iter().map(|(o, q)| (*o, boxed(ConstScoreQuery::new(q.box_clone(), 0.0)))).collect();
    let (core, loose): (Vec<_>, Vec<_>) =
        concept_queries(fields, ranking, plan).into_iter().partition(|(core, _)| *core);
    let core: Clauses = core.into_iter().map(|(_, q)| (Occur::Should, q)).collect();
    let loose: Clauses = loose.into_iter().map(|(_, q)| (Occur::Should, q)).collect();
    let min = min_words.min(core.len()).max(1);
    if core.is_empty() || min == 1 {
        // Any concept, a query word's or a loose expansion's, makes a match.
        let mut matching = loose;
        if !core.is_empty() {
            matching
                .push((Occur::Should, boxed(BooleanQuery::with_minimum_required_clauses(core, 1))));
        }
        clauses.push((Occur::Must, boxed(BooleanQuery::new(matching))));
    } else {
        // The share of query words decides the match; loose expansions (translations of
        // a phrase, senses of a word the query splits otherwise) only add to the score.
        clauses.push((Occur::Must, boxed(BooleanQuery::with_minimum_required_clauses(core, min))));
        clauses.extend(loose);
    }
    BooleanQuery::new(clauses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_compound_translation_weighs_no_more_than_a_short_one_for_its_sub_words() {
        let group = |terms: &[&str], expansion: bool, same_language: bool| TermGroup {
            position: 0,
            main: terms.last().map(|t| t.to_string()),
            terms: terms.iter().map(|t| t.to_string()).collect(),
            weight: 0.6,
            stop: false,
            expansion,
            source: None,
            same_language,
            phrase: Vec::new(),
        };
        let compound = group(&["个人", "所得", "所得税", "个人所得税"], true, false);
        assert!((terms_weight(&compound) - 0.3).abs() < 1e-6, "0.6 / sqrt(4)");
        assert_eq!(terms_weight(&group(&["扣除"], true, false)), 0.6);
        // The query's own words and their synonyms keep their weight.
        assert_eq!(
            terms_weight(&group(&["个人", "所得", "所得税", "个人所得税"], false, false)),
            0.6
        );
        assert_eq!(terms_weight(&group(&["专项", "资金", "专项资金"], true, true)), 0.6);
    }

    #[test]
    fn translations_of_neighbouring_words_make_pair_bonuses_in_either_order() {
        let mut plan = QueryPlan::parse("farmland protection");
        plan.add_expansions(&[
            crate::ExpansionWord::new("农田", 0.6, "farmland", "glossary"),
            crate::ExpansionWord::new("保护", 0.5, "protection", "cedict"),
            crate::ExpansionWord::new("safeguard", 0.4, "protection", "synonym"),
        ]);
        let (_, fields) = crate::schema::build_schema();
        let pairs: Vec<Vec<String>> = expanded_pair_bonuses(fields, &Ranking::default(), &plan)
            .into_iter()
            .map(|(words, _)| words)
            .collect();
        let pair = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
        assert!(pairs.contains(&pair("农田", "保护")), "{pairs:?}");
        assert!(pairs.contains(&pair("保护", "农田")), "translated pairs count either way");
        // A synonym pairs with the other query word in the query's order only, and words
        // of two scripts never pair.
        assert!(pairs.contains(&pair("farmland", "safeguard")), "{pairs:?}");
        assert!(!pairs.contains(&pair("safeguard", "farmland")));
        assert!(!pairs
            .iter()
            .any(|p| p.contains(&"农田".to_owned()) && p.contains(&"safeguard".to_owned())));
        assert!(!pairs.contains(&pair("farmland", "protect")), "the query pair has its own bonus");
    }
}
