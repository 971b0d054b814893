//! Merging the two languages' results: how much of the query each candidate clause
//! covers (by its words or their translations), and the scale that puts clauses of both
//! languages on one list.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::query::{EnableScoring, Query};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use crate::compile::group_query;
use crate::groups::Group;
use crate::index::Lookup;
use crate::query::{has_cjk, QueryPlan, TermGroup};
use crate::ranking::{fuse_languages, LanguagePool, Ranking};
use crate::schema::Fields;
use crate::Result;

/// Tells the language of a query from its own searched words: Chinese, English, or
/// `None` when it mixes both (or holds neither, e.g. numbers only).
pub(crate) fn query_language(plan: &QueryPlan) -> Option<bool> {
    let mut zh = false;
    let mut en = false;
    for group in plan.core_groups() {
        let word = group.main.as_deref().unwrap_or_default();
        zh |= has_cjk(word);
        en |= word.chars().any(|c| c.is_ascii_alphabetic());
    }
    match (zh, en) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// The script of a clause text: how many Chinese characters and Latin letters it holds,
/// counted in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Script {
    cjk: usize,
    latin: usize,
}

impl Script {
    /// Counts the script of a text.
    pub(crate) fn of(text: &str) -> Script {
        let mut script = Script { cjk: 0, latin: 0 };
        for c in text.chars() {
            if tiaowen_model::is_cjk(c) {
                script.cjk += 1;
            } else if c.is_ascii_alphabetic() {
                script.latin += 1;
            }
        }
        script
    }

    /// Tells whether the text is Chinese: it holds Chinese characters and they are not
    /// outnumbered by Latin letters.
    pub(crate) fn is_chinese(self) -> bool {
        self.cjk > 0 && self.cjk * 3 >= self.latin
    }

    /// Tells whether the text holds both languages in full: at least
    /// [`BILINGUAL_MIN_CJK`] Chinese characters and [`BILINGUAL_MIN_LATIN`] Latin letters
    /// (an article of the bilingual constitution with its English twin).
    pub(crate) fn is_bilingual(self) -> bool {
        self.cjk >= BILINGUAL_MIN_CJK && self.latin >= BILINGUAL_MIN_LATIN
    }
}

/// Chinese characters a bilingual clause holds at least.
const BILINGUAL_MIN_CJK: usize = 15;
/// Latin letters a bilingual clause holds at least.
const BILINGUAL_MIN_LATIN: usize = 60;

/// Returns the factor that keeps a same-language synonym from outweighing the query word
/// it stands for: the ratio of their BM25 idfs, at most 1 (a rarer synonym would
/// otherwise score above the word itself).
pub(crate) fn synonym_cap(word_df: u64, synonym_df: u64, total: u64) -> f32 {
    if word_df == 0 || synonym_df == 0 || total == 0 {
        return 1.0;
    }
    let idf = |df: u64| {
        let (df, total) = (df as f64, total as f64);
        (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
    };
    (idf(word_df) / idf(synonym_df)).clamp(0.0, 1.0) as f32
}

/// How much a query word that cannot reach a clause's language (nothing in the query
/// or its expansions is written in it) counts towards that clause's coverage.
const UNREACHABLE_WEIGHT: f64 = 0.5;

/// Merges the two languages' candidates: each clause's score, relative to the best of
/// its language, is scaled by [`fuse_languages`] from the share of the query the clause
/// itself covers (by the words or their translations, measured alike in both
/// languages), and the whole list re-sorted.
pub(crate) fn fuse(
    lookup: &mut Lookup<'_>,
    ranking: &Ranking,
    plan: &QueryPlan,
    query_zh: bool,
    groups: &mut [Group],
) -> Result<()> {
    // A clause in both languages competes in the query's own.
    for group in groups.iter_mut().filter(|g| g.bilingual) {
        group.zh = query_zh;
    }
    let leaders: Vec<Leader> = groups
        .iter_mut()
        .filter_map(|g| {
            let answers = !plan.asking.is_empty() && g.states(plan.asks);
            g.members.first().map(|m| Leader {
                address: m.1,
                zh: g.zh,
                bilingual: g.bilingual,
                answers,
            })
        })
        .collect();
    let covered = coverages(lookup, ranking, plan, &leaders)?;
    for zh in [true, false] {
        let Some(top) = groups.iter().find(|g| g.zh == zh) else { continue };
        let Some(&(best, _)) = top.members.first() else { continue };
        // When the other language's best clause scores far below what a clause holding
        // the translated query would, it is not measured against that clause alone: its
        // few weak matches (主要, 措施 for "main measures") must not pass for a good
        // answer. The query's own language keeps its best as the scale: a clause there
        // holds the query's own words, however few a colloquial query shares with it.
        let best = if zh == query_zh {
            best
        } else {
            best.max(ranking.ideal_share * ideal_score(lookup, ranking, plan, zh))
        };
        for group in groups.iter_mut().filter(|g| g.zh == zh) {
            let Some(&(_, address)) = group.members.first() else { continue };
            let coverage = covered.get(&address).copied().unwrap_or(1.0);
            let pool = LanguagePool { best, coverage, own: zh == query_zh, query_zh };
            let scale = fuse_languages(ranking, pool);
            group.scale = scale;
            group.coverage = Some(coverage);
            for member in &mut group.members {
                member.0 *= scale;
            }
        }
    }
    groups.sort_by(Group::by_score);
    Ok(())
}

/// Estimates the score of a clause of one language holding every concept of the query
/// once, by its best member in that language: the sum of the members' weights times
/// their idfs (a phrase's words' idfs added up, as tantivy scores phrases), as BM25
/// scores one occurrence in a clause of average length.
pub(crate) fn ideal_score(
    lookup: &Lookup<'_>,
    ranking: &Ranking,
    plan: &QueryPlan,
    zh: bool,
) -> f32 {
    let (searcher, fields) = (lookup.searcher, lookup.fields);
    let total = searcher.num_docs() as f32;
    let idf = |term: &str| {
        let df = lookup.doc_freq(&Term::from_field_text(fields.text, term)) as f32;
        (1.0 + (total - df + 0.5) / (df + 0.5)).ln()
    };
    let mut ideal = 0.0;
    for members in plan.concepts() {
        let mut best: f32 = 0.0;
        for &index in &members {
            let group = &plan.groups[index];
            let words: Vec<&str> = if group.phrase.is_empty() {
                group
                    .main
                    .as_deref()
                    .or(group.terms.first().map(String::as_str))
                    .into_iter()
                    .collect()
            } else {
                group.phrase.iter().map(|(_, w)| w.as_str()).collect()
            };
            if words.is_empty() || words.iter().any(|w| has_cjk(w) != zh) {
                continue;
            }
            let value: f32 = words.iter().map(|w| idf(w)).sum();
            best = best.max(group.weight * value);
        }
        ideal += best;
    }
    ideal * ranking.text_boost
}

/// A candidate clause whose share of the query is measured.
pub(crate) struct Leader {
    /// Where the clause is.
    pub address: DocAddress,
    /// The language it competes in: `true` for Chinese.
    pub zh: bool,
    /// It holds both languages in full, so words of either script cover it.
    pub bilingual: bool,
    /// It states the kind of answer the query asks for, so it holds what the query's
    /// asking words (比例, "deadline") stand for.
    pub answers: bool,
}

/// Measures, for each of the given clauses, the share of the query (its words weighted
/// by idf, a lone Chinese character by [`Ranking::single_character_share`] of that) that
/// the clause covers, by the words themselves or by expansions standing
/// for them, each in its own script (35岁 does not cover an English clause through the
/// number 35). A word that has nothing in a clause's language (a Chinese word the
/// lexicon cannot translate, for an English clause; a Chinese word no clause holds, for
/// any) counts for that clause by [`UNREACHABLE_WEIGHT`] of its weight only: no clause of
/// that language could hold it, yet a clause holding only the few words that do reach
/// it (a year, a number) has not covered the query either. Each
/// concept member runs once, restricted to these clauses, so the cost does not grow with
/// the number of candidates times the number of words. A word asking for a kind of
/// answer (比例, "deadline") is held by a clause stating one (百分之三, "before April 23").
pub(crate) fn coverages(
    lookup: &Lookup<'_>,
    ranking: &Ranking,
    plan: &QueryPlan,
    clauses: &[Leader],
) -> Result<HashMap<DocAddress, f32>> {
    let (searcher, fields) = (lookup.searcher, lookup.fields);
    let by_segment = by_segment(clauses.iter().map(|c| c.address));
    let total = searcher.num_docs() as f64;
    // The weight of all words, and of those reachable in Chinese and in English.
    let (mut all, mut all_zh, mut all_en) = (0.0, 0.0, 0.0);
    let mut held: HashMap<DocAddress, f64> = HashMap::new();
    // The script each clause is written in; a bilingual clause is in both.
    let language: HashMap<DocAddress, bool> =
        clauses.iter().filter(|c| !c.bilingual).map(|c| (c.address, c.zh)).collect();
    for members in plan.concepts() {
        let Some(&first) = members.first() else { continue };
        let word = &plan.groups[first];
        if word.expansion {
            continue;
        }
        let main = word.word();
        let df = main.map_or(0, |m| lookup.doc_freq(&Term::from_field_text(fields.text, m))) as f64;
        let mut weight = (1.0 + (total - df + 0.5) / (df + 0.5)).ln();
        if main.is_some_and(|m| m.chars().count() == 1 && has_cjk(m)) {
            weight *= f64::from(ranking.single_character_share);
        }
        let asking = main.is_some_and(|m| plan.asking.iter().any(|a| a == m));
        // A script reaches the word when it has a member in that script. A Chinese member
        // must also be indexed: a colloquial compound no clause holds (三辆) reaches
        // neither script, unless it asks for a kind of answer, which a clause stating one
        // holds. An English word reaches English clauses even when none holds it: counted
        // as unreachable, the English clauses holding the question's other words
        // outranked the Chinese answers of English questions.
        let script = |cjk: bool| {
            members.iter().any(|&i| {
                let group = &plan.groups[i];
                group.word().is_some_and(|t| has_cjk(t) == cjk)
                    && (asking || !cjk || indexed(lookup, group))
            })
        };
        all += weight;
        if script(true) {
            all_zh += weight;
        }
        if script(false) {
            all_en += weight;
        }
        let credits = member_credits(plan, &members);
        let mut covering: HashMap<DocAddress, f64> = HashMap::new();
        for (index, credit) in members.into_iter().zip(credits) {
            let group = &plan.groups[index];
            let mut found = HashSet::new();
            group_matching(searcher, fields, ranking, group, &by_segment, &mut found)?;
            // A word covers clauses of its own script only; a number, those of either.
            let script = group.word().and_then(|t| {
                let latin = t.chars().any(|c| c.is_ascii_alphabetic());
                (has_cjk(t) || latin).then(|| has_cjk(t))
            });
            for address in found {
                if script.is_some_and(|zh| language.get(&address).is_some_and(|&z| z != zh)) {
                    continue;
                }
                let held = covering.entry(address).or_default();
                *held = held.max(credit);
            }
        }
        // A word asking for a kind of answer (比例 in 按多少比例交, "deadline") is held by
        // a clause stating one (百分之三, "within 30 days"), whatever words it uses.
        if asking {
            for clause in clauses.iter().filter(|c| c.answers) {
                covering.insert(clause.address, 1.0);
            }
        }
        for (address, credit) in covering {
            *held.entry(address).or_default() += weight * credit;
        }
    }
    let share = |address: &DocAddress, zh: bool| -> f32 {
        let reachable = if zh { all_zh } else { all_en };
        let all = reachable + UNREACHABLE_WEIGHT * (all - reachable);
        if all <= 0.0 {
            return 1.0;
        }
        (held.get(address).copied().unwrap_or(0.0) / all).min(1.0) as f32
    };
    Ok(clauses.iter().map(|c| (c.address, share(&c.address, c.zh))).collect())
}

/// Tells whether any clause could hold `group`: one of its terms (all of a phrase's words)
/// is in the index, in a field a word is searched in.
fn indexed(lookup: &Lookup<'_>, group: &TermGroup) -> bool {
    let fields = lookup.fields;
    let known = |word: &str| {
        [fields.text, fields.headings, fields.title, fields.meta]
            .into_iter()
            .any(|field| lookup.doc_freq(&Term::from_field_text(field, word)) > 0)
    };
    if group.phrase.len() > 1 {
        group.phrase.iter().all(|(_, word)| known(word))
    } else {
        group.terms.iter().any(|term| known(term))
    }
}

/// Returns how much each member of a concept counts towards covering it: the query word
/// fully, an expansion by its weight relative to the best expansion in its script, so
/// that a clause matching only a loose dictionary sense covers the concept in part.
pub(crate) fn member_credits(plan: &QueryPlan, members: &[usize]) -> Vec<f64> {
    let best = |cjk: bool| {
        members
            .iter()
            .map(|&i| &plan.groups[i])
            .filter(|g| g.expansion && has_cjk(g.main.as_deref().unwrap_or_default()) == cjk)
            .map(|g| f64::from(g.weight))
            .fold(0.0, f64::max)
    };
    members
        .iter()
        .map(|&i| {
            let group = &plan.groups[i];
            if !group.expansion {
                return 1.0;
            }
            let top = best(has_cjk(group.main.as_deref().unwrap_or_default()));
            if top > 0.0 {
                (f64::from(group.weight) / top).clamp(0.0, 1.0)
            } else {
                1.0
            }
        })
        .collect()
}

/// Sorts addresses by segment, each segment's in ascending order without repeats, as
/// [`matching`] reads them.
pub(crate) fn by_segment(
    addresses: impl IntoIterator<Item = DocAddress>,
) -> BTreeMap<u32, Vec<DocId>> {
    let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for address in addresses {
        by_segment.entry(address.segment_ord).or_default().push(address.doc_id);
    }
    for docs in by_segment.values_mut() {
        docs.sort_unstable();
        docs.dedup();
    }
    by_segment
}

/// Adds to `found` those of the given documents (per segment, ascending) that `query`
/// matches, by seeking its scorer through them rather than running a search.
pub(crate) fn matching(
    searcher: &Searcher,
    query: &dyn Query,
    by_segment: &BTreeMap<u32, Vec<DocId>>,
    found: &mut HashSet<DocAddress>,
) -> Result<()> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for (&segment_ord, docs) in by_segment {
        let reader = searcher.segment_reader(segment_ord);
        let mut scorer = weight.scorer(reader, 1.0)?;
        held_by(&mut scorer, docs, |doc| {
            found.insert(DocAddress::new(segment_ord, doc));
        });
    }
    Ok(())
}

/// Adds to `found` those of the given documents (per segment, ascending) that `group`
/// matches, as [`group_query`] would: a word group by reading its terms' postings in
/// every field it is searched in, without building a scorer; a phrase through its query.
pub(crate) fn group_matching(
    searcher: &Searcher,
    fields: Fields,
    ranking: &Ranking,
    group: &TermGroup,
    by_segment: &BTreeMap<u32, Vec<DocId>>,
    found: &mut HashSet<DocAddress>,
) -> Result<()> {
    if group.phrase.len() > 1 {
        return matching(searcher, group_query(fields, ranking, group).as_ref(), by_segment, found);
    }
    for term in &group.terms {
        holding(searcher, fields, term, by_segment, found)?;
    }
    Ok(())
}

/// Adds to `found` those of the given documents (per segment, ascending) that hold
/// `word` wherever a word is searched: in the clause text, its headings, its document's
/// title, or its document number and issuers.
pub(crate) fn holding(
    searcher: &Searcher,
    fields: Fields,
    word: &str,
    by_segment: &BTreeMap<u32, Vec<DocId>>,
    found: &mut HashSet<DocAddress>,
) -> tantivy::Result<()> {
    for (&segment_ord, docs) in by_segment {
        let reader = searcher.segment_reader(segment_ord);
        for field in [fields.text, fields.headings, fields.title, fields.meta] {
            let term = Term::from_field_text(field, word);
            let postings =
                reader.inverted_index(field)?.read_postings(&term, IndexRecordOption::Basic)?;
            if let Some(mut postings) = postings {
                held_by(&mut postings, docs, |doc| {
                    found.insert(DocAddress::new(segment_ord, doc));
                });
            }
        }
    }
    Ok(())
}

/// Calls `held` with each of `docs` (ascending) that `set` holds, seeking through it.
pub(crate) fn held_by(set: &mut impl DocSet, docs: &[DocId], mut held: impl FnMut(DocId)) {
    for &doc in docs {
        if set.doc() < doc && set.seek(doc) == TERMINATED {
            return;
        }
        if set.doc() == doc {
            held(doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The share of `plan` that `coverages` measures for the one clause `leader`.
    fn share_of(lookup: &Lookup<'_>, ranking: &Ranking, plan: &QueryPlan, leader: Leader) -> f32 {
        let address = leader.address;
        let covered = coverages(lookup, ranking, plan, &[leader]).expect("coverage measured");
        covered.get(&address).copied().unwrap_or_default()
    }

    #[test]
    fn reading_postings_matches_what_the_group_query_matches() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let fields = index.inner.fields;
        let ranking = Ranking::default();
        let every = searcher
            .search(&tantivy::query::AllQuery, &tantivy::collector::DocSetCollector)
            .expect("every document");
        let every = by_segment(every);
        // Words of the clause text, the title (个人所得税), the number (caijian), and
        // expansions, one of them a phrase.
        let mut plan = QueryPlan::parse("个人所得税 担保 funds caijian 2025 pilot");
        plan.add_expansions(&[
            crate::ExpansionWord::new("special use", 0.5, "担保", "glossary"),
            crate::ExpansionWord::new("债券", 0.4, "funds", "cedict"),
        ]);
        assert!(plan.groups.iter().any(|g| g.phrase.len() > 1), "a phrase group is tested");
        for group in &plan.groups {
            let mut by_query = HashSet::new();
            let query = group_query(fields, &ranking, group);
            matching(&searcher, query.as_ref(), &every, &mut by_query).expect("query matched");
            let mut by_postings = HashSet::new();
            group_matching(&searcher, fields, &ranking, group, &every, &mut by_postings)
                .expect("postings read");
            assert!(!by_query.is_empty(), "{:?} matches something", group.word());
            assert_eq!(by_postings, by_query, "{:?}", group.word());
        }
    }

    #[test]
    fn a_clause_in_both_languages_is_bilingual() {
        let article =
            "第四十三条 中华人民共和国劳动者有休息的权利。\nArticle 43 Working people in \
                       the People's Republic of China have the right to rest.";
        assert!(Script::of(article).is_bilingual());
        let chinese = Script::of(
            "第四十三条 中华人民共和国劳动者有休息的权利。国家发展劳动者休息和休养的设施。",
        );
        assert!(!chinese.is_bilingual());
        assert!(chinese.is_chinese());
        assert!(!Script::of("Working people have the right to rest (休息权).").is_bilingual());
    }

    #[test]
    fn the_ideal_score_counts_each_concept_once_by_its_best_member_in_one_language() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let lookup = Lookup::new(&searcher, index.inner.fields);
        let ranking = Ranking::default();
        let mut plan = QueryPlan::parse("guarantee");
        let english = ideal_score(&lookup, &ranking, &plan, false);
        assert!(english > 0.0);
        assert_eq!(ideal_score(&lookup, &ranking, &plan, true), 0.0, "no Chinese member");
        plan.add_expansions(&[crate::ExpansionWord::new("担保", 0.5, "guarantee", "glossary")]);
        let chinese = ideal_score(&lookup, &ranking, &plan, true);
        assert!(chinese > 0.0 && chinese < english, "a translation weighs less: {chinese}");
        plan.add_expansions(&[crate::ExpansionWord::new("保证", 0.01, "guarantee", "cedict")]);
        assert_eq!(ideal_score(&lookup, &ranking, &plan, true), chinese, "the best member counts");
        assert_eq!(ideal_score(&lookup, &ranking, &plan, false), english);
    }

    #[test]
    fn a_word_covers_clauses_of_its_own_script_only() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let lookup = Lookup::new(&searcher, index.inner.fields);
        let address = crate::testutil::clause_address(&index, "en/txt/pilot.txt#2");
        // "April 23, 2025": the Chinese word 2025年 reaches it through the number alone.
        let plan = QueryPlan::parse("2025年");
        let share = |bilingual: bool| {
            let leader = Leader { address, zh: false, bilingual, answers: false };
            share_of(&lookup, &Ranking::default(), &plan, leader)
        };
        assert_eq!(share(false), 0.0);
        assert!(share(true) > 0.0, "a clause in both languages is covered by either script");
    }

    #[test]
    fn a_lone_chinese_character_counts_less_towards_coverage() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let lookup = Lookup::new(&searcher, index.inner.fields);
        // The guarantee clause.
        let address = crate::testutil::clause_address(&index, "zh/html/notice.html#3");
        let share = |query: &str, single_character_share: f32| {
            let ranking = Ranking { single_character_share, ..Ranking::default() };
            let leader = Leader { address, zh: true, bilingual: false, answers: false };
            share_of(&lookup, &ranking, &QueryPlan::parse(query), leader)
        };
        // The clause holds 担保, not the everyday 交.
        let (half, whole) = (share("担保 交", 0.5), share("担保 交", 1.0));
        assert!(half > whole && whole > 0.0, "{half} vs {whole}");
        assert_eq!(share("担保 债券", 0.5), share("担保 债券", 1.0), "no lone character");
    }

    #[test]
    fn a_chinese_word_no_clause_holds_counts_as_unreachable() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let lookup = Lookup::new(&searcher, index.inner.fields);
        // The guarantee clause, asked with a word the index lacks in either script.
        let address = crate::testutil::clause_address(&index, "zh/html/notice.html#3");
        let share = |query: &str| {
            let leader = Leader { address, zh: true, bilingual: false, answers: false };
            share_of(&lookup, &Ranking::default(), &QueryPlan::parse(query), leader)
        };
        let (chinese, english) = (share("担保 蓝鲸"), share("担保 whalebone"));
        assert!(chinese > 0.0 && chinese < share("担保"), "{chinese}");
        assert_eq!(chinese, english, "neither word reaches a Chinese clause");
    }

    #[test]
    fn a_clause_stating_the_answer_holds_the_words_asking_for_it() {
        let (_dir, index) = crate::testutil::sample_index();
        let searcher = index.searcher();
        let lookup = Lookup::new(&searcher, index.inner.fields);
        // "Applications must be submitted before April 23, 2025."
        let address = crate::testutil::clause_address(&index, "en/txt/pilot.txt#2");
        let plan = QueryPlan::parse("application deadline");
        assert_eq!(plan.asking, ["deadlin"]);
        let share = |answers: bool| {
            let leader = Leader { address, zh: false, bilingual: false, answers };
            share_of(&lookup, &Ranking::default(), &plan, leader)
        };
        let (stated, not_stated) = (share(true), share(false));
        assert!(not_stated > 0.0 && not_stated < 1.0, "{not_stated}");
        assert_eq!(stated, 1.0, "the date holds \"deadline\"");
    }

    #[test]
    fn loose_senses_cover_a_concept_in_part() {
        let mut plan = QueryPlan::parse("fund restrictions");
        plan.add_expansions(&[
            crate::ExpansionWord::new("资金", 0.6, "fund", "glossary"),
            crate::ExpansionWord::new("经费", 0.3, "fund", "cedict"),
            crate::ExpansionWord::new("capital", 0.4, "fund", "synonym"),
        ]);
        let concepts = plan.concepts();
        let credits = member_credits(&plan, &concepts[0]);
        let word = |i: usize| plan.groups[i].main.clone().unwrap_or_default();
        let credit_of = |w: &str| {
            concepts[0].iter().zip(&credits).find(|(&i, _)| word(i) == w).map(|(_, c)| *c)
        };
        assert_eq!(credit_of("fund"), Some(1.0), "{credits:?}");
        assert_eq!(credit_of("资金"), Some(1.0), "{credits:?}");
        assert!(credit_of("经费").is_some_and(|c| (c - 0.5).abs() < 1e-6), "{credits:?}");
        assert_eq!(credit_of("capit"), Some(1.0), "{credits:?}");
        assert_eq!(member_credits(&plan, &concepts[1]), vec![1.0]);
    }
}
