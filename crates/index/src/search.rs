//! Search: builds the tantivy query from a [`QueryPlan`], collects candidates, groups
//! copies of the same clause text and assembles hits.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Bound;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EnableScoring, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Score, Searcher, TantivyDocument, Term};
use tiaowen_model::{Filters, SearchHit, SearchRequest, SearchResponse};

use crate::answer::Answers;
use crate::articles::{
    english_title_alone, may_name_article, opens_article, take_article_refs,
    take_english_article_refs, take_named_titles, title_key, ArticleRef, NamedTitle,
};
use crate::context::weigh_by_context;
use crate::explain::{explain_hit, Factors};
use crate::fusion::{fuse, query_language, synonym_cap, Script};
use crate::history::{asks_history, named_law, notes_clause, states_notes};
use crate::index::{clauses_only, kind_query, stored_str, term_query, Lookup};
use crate::named::take_named_laws;
use crate::operators::{take_operators, text_query, Operators};
use crate::query::{
    affirmative, has_cjk, spelled_out, ExpansionWord, QueryExpander, QueryPlan, TermGroup,
};
use crate::ranking::Ranking;
use crate::schema::{date_number, Fields, KIND_DOC};
use crate::siblings::order_siblings;
use crate::snippet::Highlighter;
use crate::spelling;
use crate::tokenizer::analyze;
use crate::validity::{annotate, is_out_of_force, ValidityMap};
use crate::{ClauseIndex, Error, Result};

/// The candidates fetched for the first hits, whatever page is asked for: clauses well
/// below the first page by raw score still reach it when fusion and sibling ordering
/// weigh them. Deeper pages fetch four times as many at each step ([`ClauseIndex::ranked`]).
const MIN_FETCH: usize = 60;
/// How many of the first hits answer-kind preference and sibling ordering may reorder:
/// the same for every page, so that pages are slices of one list.
const REORDER_DEPTH: usize = 20;
/// The fewest candidates fetched in the other language than the query's when the two
/// languages are merged: raw scores of translations, weighted guesses, do not foresee
/// the query coverage that decides the merge, so a clause covering more of the query may
/// sit well below the first page by raw score.
const FUSE_MIN_FETCH: usize = 100;
/// The most candidates fetched for one page, however deep.
const MAX_FETCH: usize = 10_000;
/// How many extra word moves a multi-word expansion (海绵 城市) tolerates.
const EXPANSION_PHRASE_SLOP: u32 = 1;
/// The least weight of a translation of an excluded word that is kept out with it: the
/// translations a search would lean on, not a dictionary's stray senses (`bond` → 结合).
const EXCLUDED_TRANSLATION_WEIGHT: f32 = 0.3;
/// The longest query read as a title alone ([`ClauseIndex::title_alone`]), in characters.
const MAX_TITLE_CHARS: usize = 120;

/// The share of the best copy's score within which copies of one clause text count as
/// scoring alike ([`lead_copy_first`]).
const COPY_TIE: f32 = 1e-4;

/// One clause text among the candidates: its members, best first.
pub(crate) struct Group {
    text_hash: String,
    /// The document of the best-scoring member.
    pub(crate) doc_id: String,
    pub(crate) members: Vec<(Score, DocAddress)>,
    /// The clause text is Chinese.
    pub(crate) zh: bool,
    /// The clause holds both languages in full (an article and its translation), so it
    /// is in the query's own language whichever that is.
    pub(crate) bilingual: bool,
    /// The factor language fusion put on the members' scores.
    pub(crate) scale: f32,
    /// The share of the query the clause covers, as language fusion measured it (`None`
    /// when only one language had candidates, or fusion did not run).
    pub(crate) coverage: Option<f32>,
    /// The clause text.
    text: String,
    /// The factor put on the members' scores for stating what the query asks for.
    answer_factor: f32,
    /// Whether the clause states the kind of answer the query asks for, once checked.
    states_answer: Option<bool>,
    /// How much of the query the clause holds by its document's own word weights,
    /// relative to the best of its siblings, when it was ordered among them.
    pub(crate) within_document: Option<f32>,
    /// The members with their documents while the group is being built.
    ranked: Vec<(Score, DocAddress, String)>,
}

impl Group {
    /// Starts a group for a clause text, without members; its language is read from the
    /// text (none for an empty one).
    fn new(text_hash: String, doc_id: String, text: String) -> Group {
        let script = Script::of(&text);
        Group {
            text_hash,
            doc_id,
            members: Vec::new(),
            zh: script.is_chinese(),
            bilingual: script.is_bilingual(),
            scale: 1.0,
            coverage: None,
            text,
            answer_factor: 1.0,
            states_answer: None,
            within_document: None,
            ranked: Vec::new(),
        }
    }

    /// The documents of the group's members: a clause and its copies (the same notice
    /// as HTML and PDF).
    pub(crate) fn doc_ids(&self) -> impl Iterator<Item = &str> {
        self.ranked.iter().map(|(_, _, id)| id.as_str())
    }

    /// Orders groups best first; equal scores by their text's hash, so that the order
    /// does not depend on where the index stores the clauses (which changes on
    /// reindexing).
    pub(crate) fn by_score(a: &Group, b: &Group) -> std::cmp::Ordering {
        b.members[0].0.total_cmp(&a.members[0].0).then_with(|| a.text_hash.cmp(&b.text_hash))
    }

    /// Tells whether the clause states one of the kinds of answer in `asks`, checking its
    /// text once.
    pub(crate) fn states(&mut self, asks: Answers) -> bool {
        let text = &self.text;
        *self.states_answer.get_or_insert_with(|| Answers::stated(text, asks).meets(asks))
    }
}

type Clauses = Vec<(Occur, Box<dyn Query>)>;

impl ClauseIndex {
    /// Searches the clauses.
    ///
    /// Document numbers in the query (`国办发〔2019〕6号`) restrict the search to that
    /// document; alone, they list its clauses in document order. Copies of one clause
    /// text (the same notice as HTML and PDF) come back as one hit listing every source.
    /// `total` counts matching clauses less the copies folded among the fetched
    /// candidates, so it is approximate when copies rank below them. For a query of three
    /// words or more, a clause matches when it holds a fair share of them
    /// ([`Ranking::min_share`]) if a page of such clauses exists, else when it holds any.
    ///
    /// Fails with [`Error::BadQuery`] for a query without any searchable term, or an
    /// unreadable date filter.
    ///
    /// An act a question names without book-title marks (`会计法 会计凭证保管多久`, "the
    /// Accounting Law") keeps the search to that act too, and the response names it in
    /// `named_acts`, unless none of its clauses matches the other words (then every
    /// document is searched) or the request asks for `all_documents`.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        self.search_naming(request, !request.all_documents)
    }

    /// [`ClauseIndex::search`], reading acts named without marks only when `name_acts`.
    fn search_naming(&self, request: &SearchRequest, name_acts: bool) -> Result<SearchResponse> {
        if request.query.trim().is_empty() {
            return Err(Error::BadQuery { reason: "the query is empty".to_owned() });
        }
        let _running = Running::start();
        let searcher = self.searcher();
        let fields = self.inner.fields;
        let (query, operators) = take_operators(&request.query);
        let query = affirmative(&query);
        let query = spelled_out(&query);
        // A question about when a law was adopted or changed is answered by its notes.
        let history = if asks_history(&query) {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let translate = |name: &str| self.translations(&searcher, name);
            named_law(&query, &titles, translate).map(|(_, ids)| ids.to_vec())
        } else {
            None
        };
        // The laws' titles are read (once per commit) only for a query that may name an
        // article.
        let (query, articles) = if may_name_article(&query) {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let (query, mut articles) = take_article_refs(&query, &titles);
            let translate = |name: &str| self.translations(&searcher, name);
            let (query, english) = take_english_article_refs(&query, &titles, translate);
            articles.extend(english);
            (Cow::Owned(query), articles)
        } else {
            (query, Vec::new())
        };
        // A title in book-title marks names its documents: the search keeps to them.
        let (query, named_titles) = if query.contains('《') {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let (rest, named) = take_named_titles(&query, &titles);
            (Cow::Owned(rest), named)
        } else {
            (query, Vec::new())
        };
        // A query that is a document's title and nothing else names it as the marks do.
        let (query, named_titles) = match self.title_alone(&searcher, &query)? {
            Some(named) if named_titles.is_empty() => (Cow::Owned(String::new()), vec![named]),
            _ => (query, named_titles),
        };
        // An act a question names without marks keeps the search to it, as marks do.
        let (query, named_acts) = if name_acts && named_titles.is_empty() && articles.is_empty() {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let translate = |name: &str| self.translations(&searcher, name);
            match take_named_laws(&query, &titles, translate) {
                (_, named) if named.is_empty() => (query, named),
                (rest, named) => (Cow::Owned(rest), named),
            }
        } else {
            (query, Vec::new())
        };
        let mut plan = QueryPlan::parse(&query);
        // Quoted words are wanted as written: they are not corrected.
        let quoted: Vec<&str> =
            operators.required.iter().flat_map(|text| text.split_whitespace()).collect();
        let mut corrections = self.corrections(&searcher, &plan.words);
        corrections.retain(|c| !quoted.iter().any(|q| q.eq_ignore_ascii_case(&c.from)));
        if !corrections.is_empty() {
            let doc_numbers = std::mem::take(&mut plan.doc_numbers);
            plan = QueryPlan::parse(&spelling::corrected(&plan.words, &corrections));
            plan.doc_numbers = doc_numbers;
        }
        plan.articles = articles;
        let words = plan.words.clone();
        self.expand(&searcher, &mut plan, &words);
        let mut must = vec![clauses_only(fields)];
        must.extend(filter_clauses(fields, &request.filters)?);
        if request.filters.current {
            let validity = self.inner.validity.get(&searcher, fields)?;
            must.extend(in_force_only(fields, &validity));
        }
        // An excluded word is kept out in the other language too: `subsidy -housing`
        // answers with no clause of 房屋 either.
        let excluded_translations: Vec<String> = operators
            .excluded
            .iter()
            .flat_map(|text| self.excluded_translations(&searcher, text))
            .collect();
        for (texts, occur) in [
            (&operators.required, Occur::Must),
            (&operators.excluded, Occur::MustNot),
            (&excluded_translations, Occur::MustNot),
        ] {
            must.extend(
                texts.iter().filter_map(|t| text_query(fields.text, t)).map(|q| (occur, q)),
            );
        }
        let (mut restricted, resolved_keys) = self.resolve_doc_numbers(&searcher, &mut plan)?;
        // A query of numbers (or an article) alone lists the named documents' clauses.
        let listing = plan.core_groups().is_empty() && plan.expansion_groups().is_empty();
        // Other documents' clauses citing the numbers named: a number asked for alone lists
        // them after the named documents' own clauses.
        let cites_listed = listing && !resolved_keys.is_empty() && plan.articles.is_empty();
        let citing = cites_listed.then(|| {
            let mut citing: Clauses = must.iter().map(|(o, q)| (*o, q.box_clone())).collect();
            let keys: Clauses = resolved_keys
                .iter()
                .map(|key| (Occur::Should, boxed(term_query(fields.text, key))))
                .collect();
            citing.push((Occur::Must, boxed(BooleanQuery::new(keys))));
            if let Some(ids) = &restricted {
                citing.push((Occur::MustNot, one_of(fields.doc_id, ids)));
            }
            (citing, resolved_keys.clone())
        });
        // A law named with an article, or a title in book-title marks, is searched as a
        // document number is: alone.
        let named_ids = plan
            .articles
            .iter()
            .map(|a| &a.ids)
            .chain(named_titles.iter().chain(&named_acts).map(|n| &n.ids));
        for named in named_ids {
            let ids = restricted.get_or_insert_with(Vec::new);
            for id in named {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        if let Some(ids) = &restricted {
            must.push((Occur::Must, one_of(fields.doc_id, ids)));
        }
        let mut response = if listing {
            let Some(ids) = restricted else {
                let reason = if operators.excluded.is_empty() {
                    "the query has no searchable words".to_owned()
                } else {
                    format!(
                        "the query has no words to search for besides the excluded ones ({})",
                        operators.excluded.join(", ")
                    )
                };
                return Err(Error::BadQuery { reason });
            };
            // Documents in force are listed first (a law's current version, then the
            // versions it superseded).
            let validity = self.inner.validity.get(&searcher, fields)?;
            let mut ids = ids;
            ids.sort_by_key(|id| is_out_of_force(&validity, id));
            self.list_documents(&searcher, request, must, &ids, citing)?
        } else {
            let notes = match &history {
                Some(ids) => self.notes_hit(&searcher, ids, request, &operators)?,
                None => None,
            };
            match notes {
                // The notes come first; the ranked hits follow them, page after page.
                // They take the first hit's score.
                Some(notes) => {
                    let mut shifted = request.clone();
                    shifted.offset = request.offset.saturating_sub(1);
                    let mut response = self.ranked(&searcher, &shifted, must, &plan)?;
                    response.total += 1;
                    if request.offset == 0 {
                        let score = response.hits.first().map_or(1.0, |h| h.score);
                        response.hits.insert(0, SearchHit { score, ..notes });
                        response.hits.truncate(request.limit);
                    }
                    response
                }
                None => self.ranked(&searcher, request, must, &plan)?,
            }
        };
        // Nothing in the acts named holds the other words: they are searched for everywhere.
        if !named_acts.is_empty() && response.total == 0 {
            return self.search_naming(request, false);
        }
        response.named_acts = named_acts.into_iter().map(|n| n.title).collect();
        response.corrections = corrections
            .into_iter()
            .map(|c| tiaowen_model::Correction { from: c.from, to: c.to })
            .collect();
        if request.explain {
            let mut explanation = plan.to_json();
            if let Some(map) = explanation.as_object_mut().filter(|_| !operators.is_empty()) {
                map.insert("required".to_owned(), operators.required.clone().into());
                map.insert("excluded".to_owned(), operators.excluded.clone().into());
                map.insert("excluded_translations".to_owned(), excluded_translations.into());
            }
            if let Some(map) = explanation.as_object_mut().filter(|_| !named_titles.is_empty()) {
                let titles: Vec<&str> = named_titles.iter().map(|n| n.title.as_str()).collect();
                map.insert("named_titles".to_owned(), titles.into());
            }
            response.explanation = Some(explanation);
        }
        Ok(response)
    }

    /// The hit of a law's enactment notes (题注) for a question about its history: the
    /// notes of the latest version among `ids` that has them, else the opening clause of
    /// the latest version where its text states them (the constitution's
    /// `（1982年12月4日…通过…）`). Only when the document passes the request's filters and the
    /// notes hold the query's quoted words and none of its excluded ones.
    fn notes_hit(
        &self,
        searcher: &Searcher,
        ids: &[String],
        request: &SearchRequest,
        operators: &Operators,
    ) -> Result<Option<SearchHit>> {
        let mut lookup = Lookup::new(searcher, self.inner.fields);
        let mut versions = Vec::new();
        for id in ids {
            versions.extend(lookup.document(id)?);
        }
        // Latest first; the stable sort keeps the ids' order among equal dates.
        versions.sort_by(|a, b| b.dates.issued.cmp(&a.dates.issued));
        let mut found = versions.iter().find_map(|d| Some((notes_clause(d)?, None, d.clone())));
        if found.is_none() {
            if let Some(latest) = versions.first() {
                let opening = lookup.clauses_of(&latest.id)?.into_iter().next();
                found = opening
                    .filter(|c| states_notes(&c.clause.text))
                    .map(|c| (c.clause, Some(c.text_hash), latest.clone()));
            }
        }
        let Some((clause, text_hash, document)) = found else { return Ok(None) };
        let text = compact(&clause.text);
        let holds = |words: &str| text.contains(&compact(words));
        if !admits(&request.filters, &document)
            || !operators.required.iter().all(|w| holds(w))
            || operators.excluded.iter().any(|w| holds(w))
        {
            return Ok(None);
        }
        let sources = match text_hash {
            Some(hash) => lookup.sources(&hash, std::slice::from_ref(&clause.anchor))?,
            None => vec![tiaowen_model::SourceRef {
                anchor: clause.anchor.clone(),
                path: document.source.path.clone(),
                format: document.source.format.as_str().to_owned(),
                citation: clause.citation.clone(),
            }],
        };
        let mut document = tiaowen_model::Document::clone(&document);
        let validity = self.inner.validity.get(searcher, self.inner.fields)?;
        if request.filters.current && is_out_of_force(&validity, &document.id) {
            return Ok(None);
        }
        annotate(&mut document, &validity);
        let explanation = request.explain.then(|| {
            serde_json::json!({
                "notes": "the law's enactment notes, first: the query asks when it was adopted or changed"
            })
        });
        Ok(Some(SearchHit {
            snippet: Highlighter::new(HashSet::new()).snippet(&clause.text),
            anchor: clause.anchor,
            text: clause.text,
            label: clause.label,
            headings: clause.headings,
            citation: clause.citation,
            score: 1.0,
            document,
            sources,
            explanation,
        }))
    }

    /// The document a query names by its title alone: the whole query is the title of
    /// documents the index holds (`会计法`, `中华人民共和国会计法`, a notice's full title), or an
    /// English act's name and kind and nothing else (`the Accounting Law`,
    /// [`english_title_alone`]). A longer query, or one with other words, is a question.
    fn title_alone(&self, searcher: &Searcher, query: &str) -> Result<Option<NamedTitle>> {
        let text = query.trim();
        if text.is_empty() || text.chars().count() > MAX_TITLE_CHARS {
            return Ok(None);
        }
        let chinese = has_cjk(text) && !text.contains(char::is_whitespace);
        let english = text.is_ascii() && text.bytes().any(|b| b.is_ascii_alphabetic());
        if !chinese && !english {
            return Ok(None);
        }
        let titles = self.inner.titles.get(searcher, self.inner.fields)?;
        let ids = if chinese {
            titles.get(&title_key(text)).cloned()
        } else {
            let translate = |name: &str| self.translations(searcher, name);
            english_title_alone(text, &titles, translate).map(|(_, ids)| ids.to_vec())
        };
        Ok(ids.map(|ids| NamedTitle { title: text.to_owned(), ids }))
    }

    /// Finds the misspelt English words of a query's words ([`spelling::corrections`]):
    /// words the index holds in no clause and the expander does not know.
    fn corrections(&self, searcher: &Searcher, words: &str) -> Vec<spelling::Correction> {
        if !words.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Vec::new();
        }
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let vocabulary = IndexVocabulary { searcher, text: self.inner.fields.text, expander };
        spelling::corrections(words, &vocabulary)
    }

    /// Lets the installed expander add words to the plan.
    fn expand(&self, searcher: &Searcher, plan: &mut QueryPlan, query: &str) {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return };
        let text = self.inner.fields.text;
        let vocab = |word: &str| clause_count(searcher, text, word);
        let total = searcher.num_docs();
        let mut words = expander.expand(query, &vocab, total);
        // A word too common to search for (可以, 吗, "can") brings no synonyms or
        // translations either: they would search for it by other means. Nor does one the
        // analyzer drops altogether ("but", "if"), which leaves no word to stand for.
        let stop: Vec<String> = plan
            .groups
            .iter()
            .filter(|g| g.stop)
            .flat_map(|g| g.main.iter().chain(g.terms.iter()).cloned())
            .collect();
        words.retain(|w| {
            let from: Vec<String> = analyze(&w.from, false).into_iter().map(|t| t.text).collect();
            !from.is_empty() && !from.iter().all(|t| stop.contains(t))
        });
        // A Chinese word joined from two English words' senses (职业院校 for "vocational
        // colleges"), or a dictionary sense, is kept only if some clause writes it: its
        // parts' clause counts alone would pass 出租人留存 for "landlord keeps", 往外开初 for
        // "out early" or 收列 for "list". Reviewed senses are left as they are: checking them
        // too cost more time on a large index than it gained.
        words.retain(|w| !written_only(w) || written_somewhere(searcher, text, &w.word));
        for word in &mut words {
            if word.same_language() {
                word.weight *= synonym_cap(vocab(&word.from), vocab(&word.word), total);
            }
        }
        // Best effort: without it, every sense keeps its dictionary weight.
        if let Err(error) = weigh_by_context(searcher, text, &mut words) {
            tracing::debug!(%error, "senses not weighed by context");
        }
        plan.add_expansions(&words);
    }

    /// The Chinese words the installed expander gives for an English text (a law's name):
    /// its translations, compounds and phrases, without spaces.
    fn translations(&self, searcher: &Searcher, text: &str) -> Vec<String> {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return Vec::new() };
        let field = self.inner.fields.text;
        let vocab = |word: &str| clause_count(searcher, field, word);
        expander
            .expand(text, &vocab, searcher.num_docs())
            .into_iter()
            .filter(|w| has_cjk(&w.word))
            .map(|w| w.word.replace(' ', ""))
            .collect()
    }

    /// The translations of an excluded word or phrase that are excluded with it: those
    /// into the other script that the expander gives the whole of `text` with at least
    /// [`EXCLUDED_TRANSLATION_WEIGHT`], as the words would be searched had they been asked
    /// for. A phrase's single words are not translated one by one.
    fn excluded_translations(&self, searcher: &Searcher, text: &str) -> Vec<String> {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return Vec::new() };
        let field = self.inner.fields.text;
        let vocab = |word: &str| clause_count(searcher, field, word);
        let wanted = compact(text);
        let mut words: Vec<String> = Vec::new();
        for word in expander.expand(text, &vocab, searcher.num_docs()) {
            let fits = !word.same_language()
                && word.weight >= EXCLUDED_TRANSLATION_WEIGHT
                && compact(&word.from) == wanted;
            if fits && !words.contains(&word.word) {
                words.push(word.word);
            }
        }
        words
    }

    /// Finds the documents that the query's document numbers name. A number that names
    /// no document becomes an ordinary query word (clauses citing it).
    /// Also returns, for each number that names a document, the key it was found by.
    fn resolve_doc_numbers(
        &self,
        searcher: &Searcher,
        plan: &mut QueryPlan,
    ) -> Result<(Option<Vec<String>>, Vec<String>)> {
        let fields = self.inner.fields;
        let mut ids: Vec<String> = Vec::new();
        let mut resolved_keys: Vec<String> = Vec::new();
        let mut unresolved = Vec::new();
        for keys in &plan.doc_numbers {
            let mut found = false;
            for key in keys {
                let query = BooleanQuery::new(vec![
                    (Occur::Must, boxed(kind_query(fields, KIND_DOC))),
                    (Occur::Must, boxed(term_query(fields.doc_number_key, key))),
                ]);
                let mut addresses: Vec<DocAddress> =
                    searcher.search(&query, &DocSetCollector)?.into_iter().collect();
                addresses.sort();
                for address in addresses {
                    let stored: TantivyDocument = searcher.doc(address)?;
                    let id = stored_str(&stored, fields.doc_id);
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                    found = true;
                }
                if found {
                    resolved_keys.push(key.clone());
                    break;
                }
            }
            if !found {
                unresolved.push(keys.clone());
            }
        }
        for keys in unresolved {
            let position = plan.groups.iter().map(|g| g.position + 1).max().unwrap_or(0);
            plan.groups.push(TermGroup {
                position,
                main: None,
                terms: keys,
                weight: 1.0,
                stop: false,
                expansion: false,
                source: None,
                same_language: true,
                phrase: Vec::new(),
            });
        }
        ids.sort();
        Ok((if ids.is_empty() { None } else { Some(ids) }, resolved_keys))
    }

    /// Lists the clauses of the named documents in document order, then the other
    /// documents' clauses that `citing` finds (those citing the numbers named, by document
    /// and in order), the numbers marked in them.
    fn list_documents(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        must: Clauses,
        ids: &[String],
        citing: Option<(Clauses, Vec<String>)>,
    ) -> Result<SearchResponse> {
        let mut lookup = Lookup::new(searcher, self.inner.fields);
        let mut clauses = Vec::new();
        for address in searcher.search(&BooleanQuery::new(must), &DocSetCollector)? {
            clauses.push((lookup.clause(address)?, address));
        }
        let doc_rank = |id: &str| ids.iter().position(|i| i == id).unwrap_or(usize::MAX);
        clauses.sort_by_key(|(c, _)| (doc_rank(&c.doc_id), c.ordinal));
        let mut marked = HashSet::new();
        if let Some((query, keys)) = citing {
            let mut cited = Vec::new();
            for address in searcher.search(&BooleanQuery::new(query), &DocSetCollector)? {
                cited.push((lookup.clause(address)?, address));
            }
            cited.sort_by(|(a, _), (b, _)| (&a.doc_id, a.ordinal).cmp(&(&b.doc_id, b.ordinal)));
            clauses.extend(cited);
            marked.extend(keys);
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (clause, address) in &clauses {
            match seen.get(&clause.text_hash) {
                Some(&g) => groups[g].members.push((1.0, *address)),
                None => {
                    seen.insert(clause.text_hash.clone(), groups.len());
                    let mut listed =
                        Group::new(clause.text_hash.clone(), clause.doc_id.clone(), String::new());
                    listed.members.push((1.0, *address));
                    groups.push(listed);
                }
            }
        }
        let total = groups.len();
        let highlighter = Highlighter::new(marked);
        let hits = self.hits(&mut lookup, request, &groups, &highlighter, None)?;
        Ok(SearchResponse {
            query: request.query.clone(),
            total,
            hits,
            corrections: Vec::new(),
            explanation: None,
            named_acts: Vec::new(),
            took_ms: None,
        })
    }

    /// Runs the ranked search: clauses with a fair share of the query words first, then
    /// (to fill the page) clauses with fewer. A query in one language, without a language
    /// filter, fetches Chinese and English candidates apart and merges them with
    /// [`fuse_languages`].
    fn ranked(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        must: Clauses,
        plan: &QueryPlan,
    ) -> Result<SearchResponse> {
        let fields = self.inner.fields;
        let ranking = self.inner.ranking.read().unwrap_or_else(|e| e.into_inner()).clone();
        let core = plan.core_groups().len();
        let strict_min =
            if core >= 3 { ((core as f32) * ranking.min_share).ceil() as usize } else { 1 };
        let query_zh = query_language(plan).filter(|_| request.filters.lang.is_none());
        let mut passes = Vec::new();
        if let Some(query_zh) = query_zh {
            let own = if query_zh { "zh" } else { "en" };
            let other = if query_zh { "en" } else { "zh" };
            for lang in [own, other] {
                let mut restricted: Clauses =
                    must.iter().map(|(o, q)| (*o, q.box_clone())).collect();
                restricted.push((Occur::Must, boxed(term_query(fields.lang, lang))));
                passes.push(restricted);
            }
        } else {
            passes.push(must);
        }
        let queries: Vec<(BooleanQuery, BooleanQuery)> = passes
            .iter()
            .map(|must| {
                let strict = build_query(fields, &ranking, plan, must, strict_min);
                (strict, build_query(fields, &ranking, plan, must, 1))
            })
            .collect();
        let bonuses: Vec<Box<dyn Weight>> = phrase_bonuses(fields, &ranking, plan)
            .into_iter()
            .map(|(_, bonus)| bonus.weight(EnableScoring::enabled_from_searcher(searcher)))
            .collect::<tantivy::Result<_>>()?;
        let want = request.offset.saturating_add(request.limit);
        // The list is ranked in steps, each from four times the previous step's
        // candidates; a step adds the groups the earlier ones lack after theirs. Every step
        // ranks the same way whatever page is asked for, so a page is a slice of one list.
        let mut fetch = MIN_FETCH;
        let mut lookup = Lookup::new(searcher, fields);
        let mut listed: Vec<Group> = Vec::new();
        let mut total = None;
        // When the clauses holding a fair share of the query fill the first step, the
        // list holds only those, as the count says, however deep it is read.
        let mut strict_only = false;
        loop {
            let (mut all, mut matched, mut exhausted) = (Vec::new(), 0, true);
            let passes: Vec<(Pass<'_>, usize)> = queries
                .iter()
                .enumerate()
                .map(|(pass, (strict, relaxed))| {
                    // The second pass, when there are two, is the other language's.
                    let fetch = if pass > 0 { fetch.max(FUSE_MIN_FETCH) } else { fetch };
                    // In the other language every concept is held by guessed translations,
                    // loose senses among them, so holding a share of them says little: that
                    // pass ranks all clauses holding any, and fusion weighs their coverage.
                    let (strict, two_phase) = if pass > 0 {
                        (relaxed, false)
                    } else {
                        (strict, strict_min > 1 && !strict_only)
                    };
                    (Pass { strict, relaxed, two_phase, bonuses: &bonuses }, fetch)
                })
                .collect();
            for (at, found) in candidates_of_passes(searcher, &passes)?.into_iter().enumerate() {
                let (found, count, relaxed_added) = found;
                let (pass, fetch) = &passes[at];
                strict_only |= total.is_none() && at == 0 && pass.two_phase && !relaxed_added;
                exhausted &= found.len() < *fetch;
                matched += count;
                all.extend(found);
            }
            let validity = self.inner.validity.get(searcher, fields)?;
            let mut groups = group(&lookup, &all, validity.as_ref(), &ranking)?;
            if let Some(query_zh) = query_zh {
                fuse(&mut lookup, &ranking, plan, query_zh, &mut groups)?;
            }
            prefer_answers(&mut groups, plan.asks, ranking.answer_boost, REORDER_DEPTH);
            order_siblings(searcher, fields, &ranking, plan, &mut groups, REORDER_DEPTH)?;
            successors_first(&mut groups, &validity, REORDER_DEPTH);
            // The count of the first step's matches, less the copies folded among its
            // candidates, on every page alike.
            let total = *total.get_or_insert(matched.saturating_sub(all.len() - groups.len()));
            if listed.is_empty() {
                listed = groups;
            } else {
                let known: HashSet<String> = listed.iter().map(|g| g.text_hash.clone()).collect();
                listed.extend(groups.into_iter().filter(|g| !known.contains(&g.text_hash)));
            }
            if listed.len() >= want || exhausted || fetch >= MAX_FETCH {
                articles_first(&mut listed, &plan.articles);
                let explain = request.explain.then_some((&ranking, plan));
                let highlighter = Highlighter::new(plan.highlight_terms());
                let hits = self.hits(&mut lookup, request, &listed, &highlighter, explain)?;
                return Ok(SearchResponse {
                    query: request.query.clone(),
                    total,
                    hits,
                    corrections: Vec::new(),
                    explanation: None,
                    named_acts: Vec::new(),
                    took_ms: None,
                });
            }
            fetch = fetch.saturating_mul(4).min(MAX_FETCH);
        }
    }

    /// Assembles the hits of the requested page.
    fn hits(
        &self,
        lookup: &mut Lookup<'_>,
        request: &SearchRequest,
        groups: &[Group],
        highlighter: &Highlighter,
        explain: Option<(&Ranking, &QueryPlan)>,
    ) -> Result<Vec<SearchHit>> {
        let mut hits = Vec::new();
        let validity = self.inner.validity.get(lookup.searcher, self.inner.fields)?;
        for group in groups.iter().skip(request.offset).take(request.limit) {
            let Some(&(score, address)) = group.members.first() else { continue };
            let best = lookup.clause(address)?;
            let Some(document) = lookup.document(&best.doc_id)? else { continue };
            let mut anchors = vec![best.clause.anchor.clone()];
            for &(_, member) in group.members.iter().filter(|(_, m)| *m != address) {
                anchors.push(lookup.clause(member)?.clause.anchor);
            }
            let mut sources = lookup.sources(&group.text_hash, &anchors)?;
            if request.filters.current {
                // Copies in documents not in force are kept out with them.
                sources.retain(|source| !is_out_of_force(&validity, &source.path));
            }
            let explanation = match explain {
                Some((ranking, plan)) => Some(explain_hit(
                    lookup.searcher,
                    self.inner.fields,
                    ranking,
                    plan,
                    &best.clause.anchor,
                    Factors {
                        score,
                        scale: group.scale,
                        coverage: group.coverage,
                        answer: group.answer_factor,
                        within_document: group.within_document,
                    },
                )?),
                None => None,
            };
            let mut document = tiaowen_model::Document::clone(&document);
            annotate(&mut document, &validity);
            hits.push(SearchHit {
                anchor: best.clause.anchor,
                snippet: String::new(),
                text: best.clause.text,
                label: best.clause.label,
                headings: best.clause.headings,
                citation: best.clause.citation,
                score,
                document,
                sources,
                explanation,
            });
        }
        fill_snippets(&mut hits, highlighter);
        Ok(hits)
    }
}

/// A text as compared for words it holds: lower case, without white space.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// Tells whether a document passes a request's filters, as its clauses would.
fn admits(filters: &Filters, document: &tiaowen_model::Document) -> bool {
    let date = document.dates.issued.as_deref().or(document.dates.published.as_deref());
    let within = |bound: &Option<String>, after: bool| {
        bound.as_deref().is_none_or(|bound| {
            date.is_some_and(|date| if after { date >= bound } else { date <= bound })
        })
    };
    let issuer = filters.issuer.as_deref().map(str::trim).filter(|i| !i.is_empty());
    filters.lang.is_none_or(|lang| lang == document.lang)
        && filters.doc_type.is_none_or(|t| t == document.doc_type)
        && issuer.is_none_or(|issuer| {
            let issuer = issuer.to_lowercase();
            document.issuers.iter().any(|i| i.to_lowercase().contains(&issuer))
        })
        && within(&filters.from, true)
        && within(&filters.to, false)
}

/// Cuts the snippets of a page's hits; a search running alone ([`may_split`]) cuts them
/// in two parts of about equal text side by side, as long clauses take most of the time.
fn fill_snippets(hits: &mut [SearchHit], highlighter: &Highlighter) {
    let fill = |part: &mut [SearchHit]| {
        for hit in part {
            hit.snippet = highlighter.snippet(&hit.text);
        }
    };
    if hits.len() < 2 || !may_split() {
        fill(hits);
        return;
    }
    let total: usize = hits.iter().map(|h| h.text.len()).sum();
    let mut at = 0;
    let mut first_part = 0;
    while at + 1 < hits.len() && 2 * (first_part + hits[at].text.len()) <= total {
        first_part += hits[at].text.len();
        at += 1;
    }
    let (first, second) = hits.split_at_mut(at.max(1));
    std::thread::scope(|scope| {
        scope.spawn(|| fill(second));
        fill(first);
    });
}

/// How many clauses hold every word of `word` as the analyzer cuts it (the fewest of its
/// words' clause counts; 0 for a word the index lacks or that yields no word).
fn clause_count(searcher: &Searcher, field: Field, word: &str) -> u64 {
    let mut least: Option<u64> = None;
    for token in analyze(word, false) {
        let freq = searcher.doc_freq(&Term::from_field_text(field, &token.text)).unwrap_or(0);
        least = Some(least.map_or(freq, |l| l.min(freq)));
    }
    least.unwrap_or(0)
}

/// The words of an index and of its expander, for correcting misspelt query words.
struct IndexVocabulary<'a> {
    searcher: &'a Searcher,
    text: Field,
    expander: Option<Arc<dyn QueryExpander>>,
}

impl spelling::Vocabulary for IndexVocabulary<'_> {
    fn holds(&self, word: &str) -> u64 {
        clause_count(self.searcher, self.text, word)
    }

    fn knows(&self, word: &str) -> bool {
        self.expander.as_ref().is_some_and(|e| e.knows(word))
    }

    fn reach(&self, word: &str) -> u64 {
        let holds = self.holds(word);
        let Some(expander) = &self.expander else { return holds };
        let vocab = |w: &str| clause_count(self.searcher, self.text, w);
        let translated = expander
            .expand(word, &vocab, self.searcher.num_docs())
            .iter()
            .map(|w| vocab(&w.word))
            .max()
            .unwrap_or(0);
        holds.max(translated)
    }

    fn is_stem(&self, word: &str) -> bool {
        matches!(analyze(word, false).as_slice(), [token] if token.text == word)
    }
}

/// Puts the articles the query names by their law (`宪法第三十四条`) first, in the order
/// they were ranked; the other clauses keep theirs.
fn articles_first(groups: &mut [Group], articles: &[ArticleRef]) {
    if articles.is_empty() {
        return;
    }
    let named = |group: &Group| {
        articles.iter().any(|article| {
            article.ids.contains(&group.doc_id) && opens_article(&group.text, article.number)
        })
    };
    // A stable sort: named articles before the rest, each side in its order.
    groups.sort_by_key(|group| !named(group));
}

/// One candidate clause, in ranking order.
struct Candidate {
    score: Score,
    address: DocAddress,
}

/// The queries of one candidate pass.
struct Pass<'a> {
    /// Clauses holding a fair share of the query.
    strict: &'a BooleanQuery,
    /// Clauses holding any of it.
    relaxed: &'a BooleanQuery,
    /// Whether the two differ (a query of three words or more).
    two_phase: bool,
    /// The phrase bonuses, added to the candidates' scores afterwards.
    bonuses: &'a [Box<dyn Weight>],
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
fn candidates(
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
struct Running;

impl Running {
    fn start() -> Running {
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
fn candidates_of_passes(
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

/// Folds candidates with the same clause text into groups, in ranking order. A clause
/// whose document is superseded, repealed or expired has its score scaled by
/// [`Ranking::out_of_force_factor`] first, so the current version of a text ranks (and
/// represents its group) first; a document's preamble by [`Ranking::preamble_factor`].
///
/// Reading the candidates' stored clauses is most of the work, so a search running alone
/// ([`may_split`]) reads the two halves of the list side by side.
fn group(
    lookup: &Lookup<'_>,
    candidates: &[Candidate],
    validity: &ValidityMap,
    ranking: &Ranking,
) -> Result<Vec<Group>> {
    let read = |part: &[Candidate]| -> Result<Vec<ReadCandidate>> {
        part.iter().map(|candidate| read_candidate(lookup, candidate, validity, ranking)).collect()
    };
    let read: Vec<ReadCandidate> = if candidates.len() >= SPLIT_READ_MIN && may_split() {
        let (first, second) = candidates.split_at(candidates.len() / 2);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| read(second));
            (read(first), second.join())
        });
        // A panic in the other thread is a bug in search, not in its input: pass it on.
        let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut all = first?;
        all.extend(second?);
        all
    } else {
        read(candidates)?
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for ReadCandidate { hash, doc_id, text, score, address } in read {
        let member = (score, address, doc_id);
        match seen.get(&hash) {
            Some(&g) => groups[g].ranked.push(member),
            None => {
                seen.insert(hash.clone(), groups.len());
                let mut found = Group::new(hash, String::new(), text);
                found.ranked.push(member);
                groups.push(found);
            }
        }
    }
    for group in &mut groups {
        group.ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        lead_copy_first(&mut group.ranked);
        group.doc_id = group.ranked[0].2.clone();
        group.members = group.ranked.iter().map(|(score, address, _)| (*score, *address)).collect();
    }
    groups.sort_by(Group::by_score);
    Ok(groups)
}

/// Puts first, among the copies of one clause text ranked best first, the first by document
/// id of those scoring within [`COPY_TIE`] of the best, with the best's score. Copies score
/// alike but for the rounding of their sums, which depends on where the index stores them;
/// without this, reindexing could swap the copy a hit shows (and so its permalink) and the
/// document whose statistics order its siblings. A copy that scores better (its headings
/// matching the query) still leads.
fn lead_copy_first(ranked: &mut Vec<(Score, DocAddress, String)>) {
    let Some(&(top, _, _)) = ranked.first() else { return };
    let lead = ranked
        .iter()
        .enumerate()
        .take_while(|(_, (score, _, _))| *score >= top - top.abs() * COPY_TIE)
        .min_by(|(_, a), (_, b)| a.2.cmp(&b.2))
        .map_or(0, |(at, _)| at);
    if lead > 0 {
        let (_, address, doc_id) = ranked.remove(lead);
        ranked.insert(0, (top, address, doc_id));
    }
}

/// The fewest candidates whose stored clauses are read on two threads (see [`group`]):
/// below it, starting the second thread costs more than it saves.
const SPLIT_READ_MIN: usize = 16;

/// A candidate with what grouping reads of its stored clause.
struct ReadCandidate {
    hash: String,
    doc_id: String,
    text: String,
    /// The candidate's score with the factors of its document and kind applied.
    score: Score,
    address: DocAddress,
}

/// Reads a candidate's stored clause and applies the factors of [`group`] to its score.
fn read_candidate(
    lookup: &Lookup<'_>,
    candidate: &Candidate,
    validity: &ValidityMap,
    ranking: &Ranking,
) -> Result<ReadCandidate> {
    let stored: TantivyDocument = lookup.searcher.doc(candidate.address)?;
    let doc_id = stored_str(&stored, lookup.fields.doc_id);
    let mut score = candidate.score;
    if is_out_of_force(validity, &doc_id) {
        score *= ranking.out_of_force_factor;
    }
    if is_preamble(&stored_str(&stored, lookup.fields.anchor)) {
        score *= ranking.preamble_factor;
    }
    let text = stored_str(&stored, lookup.fields.text);
    if is_tabular(&text) {
        score *= ranking.tabular_factor;
    }
    Ok(ReadCandidate {
        hash: stored_str(&stored, lookup.fields.text_hash),
        doc_id,
        text,
        score,
        address: candidate.address,
    })
}

/// Puts the best clause of the document that superseded or repealed another right above
/// that document's first clause, when both are among the first `want` groups and it scores
/// at least [`SUCCESSOR_SHARE`] of it: a version out of force may word a question more
/// closely (环境噪声污染防治法's 限制作业时间 against its successor's 限定作业时间), but the
/// law in force is the answer. Each document out of force yields its place once.
fn successors_first(groups: &mut [Group], validity: &ValidityMap, want: usize) {
    let reach = groups.len().min(want);
    let mut handled: HashSet<String> = HashSet::new();
    let mut at = 0;
    while at < reach {
        let old = &groups[at];
        let by = validity.get(&old.doc_id).and_then(|v| v.by.clone());
        if let Some(by) = by.filter(|_| handled.insert(old.doc_id.clone())) {
            let floor = old.members[0].0 * SUCCESSOR_SHARE;
            let found = (at + 1..reach)
                .find(|&j| groups[j].doc_id == by)
                .filter(|&j| groups[j].members[0].0 >= floor);
            if let Some(found) = found {
                groups[at..=found].rotate_right(1);
                at += 1;
            }
        }
        at += 1;
    }
}

/// Least share of a superseded clause's score at which a clause of its successor moves
/// above it (see [`successors_first`]).
const SUCCESSOR_SHARE: f32 = 0.5;

/// Share of figures (digits, decimal points, thousands separators, percent signs and dot
/// leaders) in a clause's text from which it reads as a table or a contents page.
const TABULAR_SHARE: f32 = 0.45;

/// Tells whether a clause text is mostly figures: table rows (budget lines, boundary
/// coordinates) or contents entries with dot leaders. Texts under 20 characters are not.
///
/// Every candidate of every search is tested, long budget tables among them, so the text
/// is read as bytes: a character starts at each byte but a UTF-8 continuation byte, and
/// the only spaces are ASCII ones (clause text is NFKC-normalised, which makes the
/// ideographic and no-break spaces plain ones).
fn is_tabular(text: &str) -> bool {
    let (mut figures, mut all) = (0usize, 0usize);
    for &byte in text.as_bytes() {
        let starts = byte & 0xC0 != 0x80;
        all += usize::from(starts && !byte.is_ascii_whitespace());
        figures += usize::from(byte.is_ascii_digit() || matches!(byte, b'.' | b',' | b'%'));
    }
    (all >= 20 && figures as f32 >= TABULAR_SHARE * all as f32) || is_table_row(text)
}

/// The fewest loose figures (numbers standing between spaces) that make a Chinese text
/// without a sentence's punctuation read as a table's row.
const TABLE_ROW_FIGURES: usize = 3;

/// Tells whether a Chinese text is a table's header cells and a row of figures, as a PDF's
/// table reads when its cells are words (`编制部门：…单位:万元 “三公”经费预算数 … 公务接待费 …
/// 10.81 0 0.83 9.98 0 9.98 217.83`): no 。，；！？ and [`TABLE_ROW_FIGURES`] loose figures or
/// more. Its words then make it no less a table than a row of figures alone.
fn is_table_row(text: &str) -> bool {
    // Every CJK ideograph from U+4000 on starts with one of these bytes; no other character
    // of the text does (continuation bytes are below 0xC0).
    let chinese = text.bytes().any(|b| (0xE4..=0xE9).contains(&b));
    if !chinese || text.contains(['。', '，', '；', '！', '？']) {
        return false;
    }
    let loose_figure = |token: &&str| {
        token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b'-'))
    };
    text.split_ascii_whitespace().filter(loose_figure).count() >= TABLE_ROW_FIGURES
}

/// Tells whether an anchor names a document's preamble (path `0`: its title, number,
/// addressees and foreword), which the segmenter puts before the first numbered item.
fn is_preamble(anchor: &str) -> bool {
    anchor.rsplit_once('#').is_some_and(|(_, path)| path == "0")
}

/// Raises the clauses that state the kind of answer the query asks for (a period for
/// "how long", a sum for 罚多少钱) by `1 + boost`, and puts the groups back in order.
/// Only groups that could reach the first `want` once raised are read: below that, a
/// raised score stays below the `want`-th. `want` is [`REORDER_DEPTH`] for every page.
fn prefer_answers(groups: &mut [Group], asks: Answers, boost: f32, want: usize) {
    if asks.is_empty() || boost <= 0.0 || groups.is_empty() {
        return;
    }
    let last = groups[want.clamp(1, groups.len()) - 1].members[0].0;
    let reach = last / (1.0 + boost);
    for group in groups.iter_mut().filter(|g| g.members[0].0 >= reach) {
        if !group.states(asks) {
            continue;
        }
        group.answer_factor = 1.0 + boost;
        for member in &mut group.members {
            member.0 *= group.answer_factor;
        }
    }
    groups.sort_by(Group::by_score);
}

pub(crate) fn boxed(query: impl Query) -> Box<dyn Query> {
    Box::new(query)
}

/// Matches any of the raw values of a field.
fn one_of(field: Field, values: &[String]) -> Box<dyn Query> {
    let clauses: Clauses =
        values.iter().map(|v| (Occur::Should, boxed(term_query(field, v)))).collect();
    boxed(BooleanQuery::new(clauses))
}

/// Keeps out the clauses of documents not in force (the `current` filter).
fn in_force_only(fields: Fields, validity: &ValidityMap) -> Option<(Occur, Box<dyn Query>)> {
    let mut out: Vec<String> =
        validity.keys().filter(|id| is_out_of_force(validity, id)).cloned().collect();
    out.sort();
    (!out.is_empty()).then(|| (Occur::MustNot, one_of(fields.doc_id, &out)))
}

/// Turns the filters into required clauses (all but `current`, [`in_force_only`]).
fn filter_clauses(fields: Fields, filters: &Filters) -> Result<Clauses> {
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

/// Tells whether an expansion stands only where some clause writes it: a joined compound,
/// or a Chinese sense from the dictionary.
fn written_only(word: &ExpansionWord) -> bool {
    word.origin == "compound" || (word.origin == "cedict" && has_cjk(&word.word))
}

/// Tells whether some clause holds `word`'s words in a row in `field`, as the segmenter
/// cuts it. A word of one token is taken as written (its clause count was checked); a
/// failed lookup counts as written.
fn written_somewhere(searcher: &Searcher, field: Field, word: &str) -> bool {
    let tokens: Vec<_> = analyze(word, false).into_iter().filter(|t| t.main).collect();
    let Some(first) = tokens.first().map(|t| t.position) else { return false };
    if tokens.len() < 2 {
        return true;
    }
    let terms: Vec<(usize, Term)> = tokens
        .iter()
        .map(|t| (t.position - first, Term::from_field_text(field, &t.text)))
        .collect();
    let query = PhraseQuery::new_with_offset(terms);
    let Ok(weight) = query.weight(EnableScoring::disabled_from_searcher(searcher)) else {
        return true;
    };
    searcher.segment_readers().iter().any(|segment| {
        weight.scorer(segment, 1.0).map_or(true, |scorer| scorer.doc() != tantivy::TERMINATED)
    })
}

/// Tells whether the query's own words are Chinese.
fn plan_is_cjk(plan: &QueryPlan) -> bool {
    plan.core_groups().iter().any(|g| g.main.as_deref().is_some_and(has_cjk))
}

/// Builds the whole query: filters and restrictions as required clauses, the query's
/// concepts with at least `min_words` of them covered, by the words or their expansions
/// (or any expansion standing for no query word). Phrase bonuses are added to the best
/// candidates afterwards (see [`candidates`]).
fn build_query(
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
    use tiaowen_model::{DocType, Lang};

    use super::*;
    use crate::testutil::{clauses, document, sample_index};

    fn search(index: &ClauseIndex, query: &str) -> SearchResponse {
        index.search(&SearchRequest::new(query)).expect("search runs")
    }

    fn anchors(response: &SearchResponse) -> Vec<String> {
        response.hits.iter().map(|h| h.anchor.clone()).collect()
    }

    fn scored(text_hash: &str, score: Score, doc: u32) -> Group {
        let address = DocAddress::new(0, doc);
        let mut group = Group::new(text_hash.to_owned(), format!("doc-{doc}"), String::new());
        group.members.push((score, address));
        group.ranked.push((score, address, format!("doc-{doc}")));
        group
    }

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
    fn quoted_words_are_required_and_excluded_words_kept_out() {
        let (_dir, index) = sample_index();
        let all = search(&index, "政府 担保");
        assert!(all.hits.iter().any(|h| h.text.contains("政府债券")), "{:?}", anchors(&all));
        let required = search(&index, "\"政府债券\" 担保");
        assert!(!required.hits.is_empty());
        assert!(
            required.hits.iter().all(|h| h.text.contains("政府债券")),
            "{:?}",
            anchors(&required)
        );
        let excluded = search(&index, "政府 担保 -债券");
        assert!(!excluded.hits.is_empty());
        assert!(excluded.hits.iter().all(|h| !h.text.contains("债券")), "{:?}", anchors(&excluded));
        let error = index.search(&SearchRequest::new("-债券")).expect_err("nothing to search");
        assert!(error.to_string().contains("besides the excluded ones (债券)"), "{error}");
    }

    #[test]
    fn an_excluded_word_keeps_out_its_translations() {
        let (_dir, index) = sample_index();
        let all = search(&index, "政府");
        assert!(all.hits.iter().any(|h| h.text.contains("担保")), "{:?}", anchors(&all));
        let mut request = SearchRequest::new("政府 -guarantee");
        request.explain = true;
        let excluded = index.search(&request).expect("search");
        assert!(!excluded.hits.is_empty());
        assert!(excluded.hits.iter().all(|h| !h.text.contains("担保")), "{:?}", anchors(&excluded));
        let explanation = excluded.explanation.expect("explained").to_string();
        assert!(explanation.contains("\"excluded_translations\":[\"担保"), "{explanation}");
    }

    #[test]
    fn a_question_about_a_laws_history_gets_its_latest_notes_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = ClauseIndex::create(dir.path()).expect("create index");
        let mut updater = index.updater().expect("writer");
        let items = [
            ("第一条", "为了规范会计行为，制定本法。"),
            ("第二条", "本法自公布之日起施行。修改会计制度的，应当报国务院批准。"),
        ];
        for (id, issued, notes) in [
            ("zh/laws/会计法(2017).md", "2017-11-04", 2),
            ("zh/laws/会计法(2024).md", "2024-06-28", 3),
        ] {
            let mut law =
                crate::testutil::document(id, "中华人民共和国会计法", None, Lang::Zh, issued);
            law.notes = [
                "1985年1月21日第六届全国人民代表大会常务委员会第九次会议通过",
                "2017年11月4日第十二届全国人民代表大会常务委员会第三十次会议第二次修正",
                "2024年6月28日第十四届全国人民代表大会常务委员会第十次会议第三次修正",
            ][..notes]
                .iter()
                .map(|n| (*n).to_owned())
                .collect();
            let mut items = items.to_vec();
            if issued.starts_with("2017") {
                items.push(("第三条", "旧版独有的会计行为条文。"));
            }
            let clauses = crate::testutil::clauses(id, &items);
            updater.put_document(&law, &clauses, id).expect("put");
        }
        updater.commit().expect("commit");
        let history = search(&index, "会计法什么时候修改的");
        let first = &history.hits[0];
        assert_eq!(first.anchor, "zh/laws/会计法(2024).md#notes");
        assert_eq!(first.label, "题注");
        assert_eq!(first.citation, "中华人民共和国会计法 题注");
        assert!(first.text.ends_with("第三次修正"), "{}", first.text);
        assert!(history.hits.len() > 1, "the ranked hits follow: {:?}", anchors(&history));
        // The next page starts where the first left off.
        let mut second = SearchRequest::new("会计法什么时候修改的");
        (second.offset, second.limit) = (1, 1);
        let second = index.search(&second).expect("search");
        assert_eq!(second.total, history.total);
        assert_eq!(second.hits[0].anchor, history.hits[1].anchor);
        // Other questions, and filters that keep the law out, get no notes.
        let plain = search(&index, "会计法 修改");
        assert!(plain.hits.iter().all(|h| !h.anchor.ends_with("#notes")), "{:?}", anchors(&plain));
        let mut english = SearchRequest::new("会计法什么时候修改的");
        english.filters.lang = Some(Lang::En);
        let english = index.search(&english).expect("search");
        assert!(english.hits.iter().all(|h| !h.anchor.ends_with("#notes")));
        // The notes' permalink resolves, before the law's first article.
        // Documents in force only: the 2017 version's own text is kept out.
        let all = search(&index, "会计行为");
        assert!(all.hits.iter().any(|h| h.text.contains("旧版独有")), "{:?}", anchors(&all));
        let mut current = SearchRequest::new("会计行为");
        current.filters.current = true;
        let current = index.search(&current).expect("search");
        assert!(!current.hits.is_empty());
        assert!(
            current.hits.iter().all(|h| !h.text.contains("旧版独有")),
            "{:?}",
            anchors(&current)
        );
        let view = index.clause("zh/laws/会计法(2024).md#notes").expect("lookup").expect("found");
        assert_eq!(view.clause.citation, "中华人民共和国会计法 题注");
        assert_eq!(view.next.as_deref(), Some("zh/laws/会计法(2024).md#1"));
        assert!(index.clause("zh/laws/会计法(2024).md#nowhere").expect("lookup").is_none());
    }

    #[test]
    fn a_title_in_book_title_marks_keeps_the_search_to_its_document() {
        let (_dir, index) = sample_index();
        let all = search(&index, "政府 担保");
        assert!(all.hits.iter().any(|h| !h.anchor.starts_with("zh/laws/")), "{:?}", anchors(&all));
        let named = search(&index, "《预算法》 政府 担保");
        assert!(!named.hits.is_empty());
        assert!(named.hits.iter().all(|h| h.anchor.starts_with("zh/laws/budget.md#")));
        // The title alone lists the document's clauses in order.
        let listed = search(&index, "《预算法》");
        assert_eq!(anchors(&search(&index, "预算法")), anchors(&listed), "the title alone");
        assert_eq!(
            anchors(&listed),
            ["zh/laws/budget.md#1", "zh/laws/budget.md#2", "zh/laws/budget.md#3"]
        );
        // A title the index holds no document of is an ordinary query word.
        let unknown = search(&index, "《民法典》 政府 担保");
        assert!(unknown.hits.iter().any(|h| !h.anchor.starts_with("zh/laws/")));
    }

    #[test]
    fn equal_scores_keep_one_order_wherever_the_index_stores_them() {
        let hashes = |groups: &[Group]| -> Vec<String> {
            groups.iter().map(|g| g.text_hash.clone()).collect()
        };
        let mut stored = vec![scored("b", 1.0, 0), scored("a", 1.0, 1), scored("c", 2.0, 2)];
        let mut reindexed = vec![scored("a", 1.0, 0), scored("c", 2.0, 1), scored("b", 1.0, 2)];
        stored.sort_by(Group::by_score);
        reindexed.sort_by(Group::by_score);
        assert_eq!(hashes(&stored), vec!["c", "a", "b"]);
        assert_eq!(hashes(&stored), hashes(&reindexed));
    }

    #[test]
    fn copies_scoring_alike_but_for_rounding_lead_by_document_id() {
        let copies = |scores: [(Score, &str); 2]| {
            let mut ranked: Vec<(Score, DocAddress, String)> = scores
                .iter()
                .enumerate()
                .map(|(i, (score, doc))| (*score, DocAddress::new(0, i as u32), (*doc).to_owned()))
                .collect();
            lead_copy_first(&mut ranked);
            ranked.into_iter().map(|(score, _, doc)| (score, doc)).collect::<Vec<_>>()
        };
        // Sums rounded another way on reindexing: the same copy leads either way, with the
        // best score.
        let stored = copies([(48.783_802, "en/txt/a.txt"), (48.783_794, "en/html/a.html")]);
        let reindexed = copies([(48.783_802, "en/html/a.html"), (48.783_794, "en/txt/a.txt")]);
        assert_eq!(stored[0], (48.783_802, "en/html/a.html".to_owned()));
        assert_eq!(stored[0], reindexed[0]);
        // A copy that really scores better (its headings match the query) leads.
        let better = copies([(50.0, "en/txt/a.txt"), (48.0, "en/html/a.html")]);
        assert_eq!(better[0], (50.0, "en/txt/a.txt".to_owned()));
    }

    #[test]
    fn sub_word_matches_compound_word() {
        let (_dir, index) = sample_index();
        let response = search(&index, "附加扣除");
        assert!(response.hits[0].text.contains("专项附加扣除"), "{:?}", anchors(&response));
        let response = search(&index, "扣除");
        assert!(
            response.hits.iter().any(|h| h.text.contains("专项附加扣除")),
            "{:?}",
            anchors(&response)
        );
    }

    #[test]
    fn copies_become_one_hit_with_every_source() {
        let (_dir, index) = sample_index();
        let response = search(&index, "独生子女 扣除标准");
        let first = &response.hits[0];
        assert!(first.text.contains("独生子女"));
        assert_eq!(first.sources.len(), 2);
        assert_eq!(first.sources[0].anchor, first.anchor);
        let formats: HashSet<&str> = first.sources.iter().map(|s| s.format.as_str()).collect();
        assert_eq!(formats, HashSet::from(["html", "pdf"]));
        let texts: HashSet<&str> = response.hits.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts.len(), response.hits.len(), "no clause text twice");
    }

    #[test]
    fn exact_phrase_beats_scattered_words() {
        let (_dir, index) = sample_index();
        let response = search(&index, "政府债券发行提供担保");
        assert!(
            response.hits[0].text.contains("不得为政府债券发行提供担保"),
            "{:?}",
            anchors(&response)
        );
        assert!(response.hits.iter().any(|h| h.anchor.starts_with("zh/laws/budget.md")));
    }

    #[test]
    fn english_stems_match() {
        let (_dir, index) = sample_index();
        let response = search(&index, "application deadline");
        assert_eq!(response.hits[0].anchor, "en/txt/pilot.txt#2");
        assert!(
            response.hits[0].snippet.contains("<em>Applications</em>"),
            "{}",
            response.hits[0].snippet
        );
    }

    #[test]
    fn document_number_alone_lists_the_document_in_order() {
        let (_dir, index) = sample_index();
        let response = search(&index, "国办发[2019]6号");
        let labels: Vec<&str> = response.hits.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(labels, vec!["一、", "二、", "三、"]);
        assert_eq!(response.total, 3);
        assert_eq!(response.hits[0].sources.len(), 2);
    }

    #[test]
    fn document_number_restricts_other_words() {
        let (_dir, index) = sample_index();
        let response = search(&index, "国办发〔2019〕6号 担保");
        assert!(!response.hits.is_empty());
        assert!(
            response.hits.iter().all(|h| h.document.doc_number.is_some()),
            "{:?}",
            anchors(&response)
        );
        let en = search(&index, "Caijian [2024] No. 16");
        assert_eq!(en.hits.len(), 3);
    }

    #[test]
    fn filters_narrow_the_search() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("担保");
        request.filters.doc_type = Some(DocType::Law);
        let response = index.search(&request).expect("search");
        assert!(!response.hits.is_empty());
        assert!(response.hits.iter().all(|h| h.document.doc_type == DocType::Law));
        request.filters = Filters { lang: Some(Lang::En), ..Filters::default() };
        assert!(index.search(&request).expect("search").hits.is_empty());
        request.filters = Filters {
            from: Some("2019-01-01".into()),
            to: Some("2019-12-31".into()),
            ..Filters::default()
        };
        let dated = index.search(&request).expect("search");
        assert!(!dated.hits.is_empty());
        assert!(dated
            .hits
            .iter()
            .all(|h| h.document.dates.issued.as_deref() == Some("2019-02-01")));
        request.filters = Filters { issuer: Some("FINANCE".into()), ..Filters::default() };
        assert!(!index.search(&request).expect("search").hits.is_empty());
        request.filters = Filters { issuer: Some("财政部".into()), ..Filters::default() };
        assert!(index.search(&request).expect("search").hits.is_empty());
        request.filters = Filters { from: Some("last year".into()), ..Filters::default() };
        assert!(matches!(index.search(&request), Err(Error::BadQuery { .. })));
    }

    #[test]
    fn empty_queries_are_bad() {
        let (_dir, index) = sample_index();
        for query in ["", "   ", "the of", "。，"] {
            assert!(
                matches!(index.search(&SearchRequest::new(query)), Err(Error::BadQuery { .. })),
                "{query}"
            );
        }
    }

    #[test]
    fn long_queries_still_return_partial_matches() {
        let (_dir, index) = sample_index();
        let response = search(&index, "挪用 完全不相关的词语 宇宙飞船 火星探测");
        assert!(response.hits.iter().any(|h| h.text.contains("挪用")));
    }

    /// Expands every query into the same words, each given as (word, weight, from, origin).
    struct FixedSenses(Vec<(&'static str, f32, &'static str, &'static str)>);

    impl crate::QueryExpander for FixedSenses {
        fn expand(&self, _: &str, _: &dyn Fn(&str) -> u64, _: u64) -> Vec<crate::ExpansionWord> {
            self.0
                .iter()
                .map(|&(w, weight, from, origin)| {
                    crate::ExpansionWord::new(w, weight, from, origin)
                })
                .collect()
        }
    }

    /// The explained plan of `query` over the sample index, expanded into `senses`.
    fn plan_with(senses: FixedSenses, query: &str) -> String {
        let (_dir, index) = sample_index();
        index.set_expander(std::sync::Arc::new(senses));
        let mut request = SearchRequest::new(query);
        request.explain = true;
        let response = index.search(&request).expect("search");
        response.explanation.expect("explained").to_string()
    }

    #[test]
    fn a_loose_expansion_alone_does_not_make_a_strict_match() {
        let doc = crate::testutil::document(
            "zh/html/kindergarten.html",
            "关于学前教育的意见",
            None,
            Lang::Zh,
            "2019-01-01",
        );
        let mut items: Vec<(String, String)> =
            vec![("一、".to_owned(), "小区配套幼儿园应当办成公办园。".to_owned())];
        // More clauses holding the loose expansion alone than the first step fetches.
        for n in 0..(MIN_FETCH + 10) {
            items.push((format!("（{n}）"), format!("各地可以依法举办第{n}次展览活动。")));
        }
        let pairs: Vec<(&str, &str)> =
            items.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
        let clauses = crate::testutil::clauses(&doc.id, &pairs);
        let (_dir, index) = crate::testutil::one_document_index(&doc, &clauses);
        // 办成 as if the lexicon had cut it into 办 and 成, giving 举办 for 办: a loose
        // expansion, standing for no word of the query.
        index.set_expander(std::sync::Arc::new(FixedSenses(vec![("举办", 0.5, "办", "cedict")])));
        // Five query words: a strict match needs four; the first clause holds three.
        let response = search(&index, "小区 幼儿园 办成 贵族 私人");
        assert_eq!(response.hits[0].text, "小区配套幼儿园应当办成公办园。", "{response:?}");
    }

    #[test]
    fn an_english_stop_word_brings_no_translation() {
        // "but" translated as the dictionary does, and "guarantee".
        let senses =
            FixedSenses(vec![("但是", 0.5, "but", "cedict"), ("担保", 0.5, "guarantee", "cedict")]);
        let plan = plan_with(senses, "guarantee but");
        assert!(plan.contains("担保"), "{plan}");
        assert!(!plan.contains("但是"), "{plan}");
    }

    #[test]
    fn a_joined_compound_or_dictionary_sense_no_clause_writes_is_dropped() {
        let senses = FixedSenses(vec![
            ("担保机构", 0.5, "guarantee agencies", "compound"),
            ("机构担保", 0.5, "agencies guarantee", "compound"),
            ("机构担保", 0.5, "agencies", "glossary"),
            ("债券担保", 0.5, "bonds", "cedict"),
            ("债券", 0.5, "bond", "cedict"),
        ]);
        let plan = plan_with(senses, "guarantee agencies guarantee");
        // 融资担保机构 holds 担保机构; no clause writes 机构担保, though both its words occur.
        assert!(plan.contains("\"guarantee agencies\""), "{plan}");
        assert!(!plan.contains("\"agencies guarantee\""), "{plan}");
        // A dictionary sense is checked alike; a reviewed one is not.
        assert!(!plan.contains("\"bonds\""), "{plan}");
        assert!(plan.contains("\"bond\""), "{plan}");
        assert!(plan.contains("\"agencies\""), "{plan}");
    }

    /// An index of a law and the law that repealed it, whose clause words a question about
    /// renovation hours less closely; `repealed` says whether the new law names the old.
    fn renamed_law_index(repealed: bool) -> (tempfile::TempDir, ClauseIndex) {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = ClauseIndex::create(dir.path()).expect("create index");
        let mut updater = index.updater().expect("writer");
        let old_id = "zh/laws/old.md";
        let old =
            document(old_id, "中华人民共和国环境噪声污染防治法", None, Lang::Zh, "2018-12-29");
        let old_items = [("第四十七条", "在住宅楼进行室内装修活动，应当限制作业时间。")];
        updater.put_document(&old, &clauses(old_id, &old_items), "h-old").expect("put");
        let new_id = "zh/laws/new.md";
        let mut new =
            document(new_id, "中华人民共和国噪声污染防治法", None, Lang::Zh, "2021-12-24");
        if repealed {
            new.repeals = vec![tiaowen_model::CitedDocument {
                title: Some("中华人民共和国环境噪声污染防治法".to_owned()),
                doc_number: None,
            }];
        }
        let new_items =
            [("第六十六条", "对住宅楼进行室内装修活动，应当按照规定限定作业时间，采取有效措施。")];
        updater.put_document(&new, &clauses(new_id, &new_items), "h-new").expect("put");
        updater.commit().expect("commit");
        (dir, index)
    }

    #[test]
    fn the_law_in_force_ranks_above_the_one_it_repealed() {
        let first = |repealed: bool| {
            let (_dir, index) = renamed_law_index(repealed);
            let response = index.search(&SearchRequest::new("室内装修 作业时间")).expect("search");
            response.hits[0].document.id.clone()
        };
        assert_eq!(first(false), "zh/laws/old.md", "the old wording matches more closely");
        assert_eq!(first(true), "zh/laws/new.md");
    }

    #[test]
    fn tables_and_contents_pages_read_as_tabular() {
        assert!(is_tabular("208 05行政事业单位养老支出3,808,085.00 3,808,085.00\n208 05 01行政单位离退休1,661,216.00"));
        assert!(is_tabular(
            "Pillar I: Accelerate AI Innovation ........................................ 3"
        ));
        assert!(!is_tabular("3、公共安全支出（204类）司法（06款）普法宣传（05项）124.29万元。主要用于：法制宣传工作支出。"));
        assert!(!is_tabular("第三十六条 违法行为在二年内未被发现的，不再给予行政处罚。"));
        assert!(!is_tabular("1.5 2.5"), "too short to tell");
        // A table's header cells and its row of figures, as a PDF's table reads.
        assert!(is_tabular("编制部门：上海市普陀区司法局单位:万元 “三公”经费预算数 机关运行经费预算 数 合计因公出国(境)费公务接待费 10.81 0 0.83 9.98 0 9.98 217.83"));
        assert!(is_tabular("编制部门：上海市普陀区商务委员会单位:万元\n“三公”经费预算数\n公务接待费\n1.00 1.00 171.01"));
        assert!(
            !is_tabular("编制部门：上海市普陀区商务委员会单位:万元 公务接待费 1.00 171.01"),
            "two figures"
        );
        assert!(
            !is_tabular("上海市普陀区司法局收入预算比上年增加，其中 1 2 3 4 项为新增"),
            "a sentence"
        );
        assert!(
            !is_tabular("Notes 1 Executive Order 14179 of January 23, 2025 2 3 4"),
            "not Chinese"
        );
        // Read by characters, the same texts give the same answers.
        let by_chars = |text: &str| {
            let all: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
            let figures = all.iter().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'));
            (all.len() >= 20 && figures.count() as f32 >= TABULAR_SHARE * all.len() as f32)
                || is_table_row(text)
        };
        for text in [
            "支出12.5万元，同比增长3.2%，其中：一般公共预算支出10,000.00元。",
            "合计 96282213.44 25741666.44 70540547.00 一二三四五六七八九十",
            "总计１２３４５６７８９０１２３４５６７８９０ 万元 元 元 元",
            "Ｆｕｌｌ-width ｌｅｔｔｅｒｓ 1 2 3 4 5 6 7 8 9 10 11 12 13",
        ] {
            assert_eq!(is_tabular(text), by_chars(text), "{text}");
        }
    }

    #[test]
    fn huge_pages_do_not_overflow() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("担保");
        request.offset = usize::MAX - 1;
        request.limit = usize::MAX;
        let response = index.search(&request).expect("search");
        assert!(response.hits.is_empty());
        assert!(response.total >= 2);
    }

    #[test]
    fn pages_do_not_overlap() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("政府 担保 扣除");
        request.limit = 2;
        let first = index.search(&request).expect("search");
        request.offset = 2;
        let second = index.search(&request).expect("search");
        assert_eq!(first.hits.len(), 2);
        assert!(!second.hits.is_empty());
        let a: HashSet<String> = anchors(&first).into_iter().collect();
        assert!(anchors(&second).iter().all(|x| !a.contains(x)));
        assert!(first.total >= 3);
    }

    #[test]
    fn explain_describes_plan_and_hits() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("政府债券");
        assert!(index.search(&request).expect("search").explanation.is_none());
        request.explain = true;
        let response = index.search(&request).expect("search");
        let plan = response.explanation.expect("plan explained");
        assert!(plan["groups"].as_array().is_some_and(|g| !g.is_empty()));
        let hit = &response.hits[0];
        let explained = hit.explanation.as_ref().expect("hit explained");
        let parts: f64 = ["words", "phrases"]
            .iter()
            .flat_map(|k| explained[*k].as_array().cloned().unwrap_or_default())
            .filter_map(|p| p["score"].as_f64())
            .sum();
        let raw = explained["raw_score"].as_f64().unwrap_or_default();
        assert!((parts - raw).abs() < 0.01 * raw.max(1.0), "{parts} vs {raw}");
        let factor = explained["language_factor"].as_f64().unwrap_or_default()
            * explained["answer_factor"].as_f64().unwrap_or_default();
        assert!((raw * factor - f64::from(hit.score)).abs() < 0.01, "{raw} x {factor}");
        assert!(explained["words"][0]["matches"].as_array().is_some_and(|m| !m.is_empty()));
    }

    #[test]
    fn the_item_that_answers_ranks_above_the_preamble_that_names_the_subject() {
        let id = "zh/html/holidays.html";
        let title = "国务院办公厅关于2019年部分节假日安排的通知";
        let notice = crate::testutil::document(id, title, None, Lang::Zh, "2018-12-04");
        let items = [
            (
                "前言",
                "国务院办公厅关于2019年部分节假日安排的通知 各省、自治区、直辖市人民政府，\
                 国务院各部委、各直属机构：经国务院批准，现将2019年元旦、春节、清明节、劳动节、\
                 端午节、中秋节和国庆节放假调休日期的具体安排通知如下。",
            ),
            ("一、", "元旦：2018年12月30日至2019年1月1日放假调休，共3天。"),
            ("二、", "春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。"),
        ];
        let mut clauses = crate::testutil::clauses(id, &items);
        clauses[0].anchor = format!("{id}#0");
        let (_dir, index) = crate::testutil::one_document_index(&notice, &clauses);
        let query = "2019年春节放假安排";
        assert!(is_preamble(&format!("{id}#0")) && !is_preamble(&format!("{id}#0.p2")));
        // Taken at face value, the preamble holds every word of the question.
        index.set_ranking(Ranking { preamble_factor: 1.0, ..Ranking::default() });
        assert_eq!(anchors(&search(&index, query))[0], format!("{id}#0"));
        // Three clauses make every word rare here; in the corpus the default suffices.
        index.set_ranking(Ranking { preamble_factor: 0.2, ..Ranking::default() });
        let ranked = anchors(&search(&index, query));
        let at = |anchor: &str| ranked.iter().position(|a| *a == format!("{id}#{anchor}"));
        assert!(at("3") < at("0") && at("0").is_some(), "demoted, not dropped: {ranked:?}");
    }

    #[test]
    fn a_clause_stating_what_the_question_asks_for_ranks_first() {
        let id = "zh/laws/tax.md";
        let law = crate::testutil::document(id, "税收征收管理法", None, Lang::Zh, "2015-04-24");
        let items = [
            ("第一条", "纳税人缴纳税款，应当报送纳税资料。"),
            ("第二条", "纳税人应当自收到通知之日起十五日内缴纳税款。"),
        ];
        let clauses = crate::testutil::clauses(id, &items);
        let (_dir, index) = crate::testutil::one_document_index(&law, &clauses);
        // Without a question the short clause matches best.
        assert_eq!(anchors(&search(&index, "缴纳税款"))[0], format!("{id}#1"));
        let mut request = SearchRequest::new("缴纳税款要多久");
        request.explain = true;
        let response = index.search(&request).expect("search");
        assert_eq!(anchors(&response)[0], format!("{id}#2"));
        let plan = response.explanation.expect("plan explained");
        assert_eq!(plan["asks"], serde_json::json!(["time"]));
        let explained = response.hits[0].explanation.as_ref().expect("hit explained");
        let raised = 1.0 + f64::from(Ranking::default().answer_boost);
        assert_eq!(explained["answer_factor"].as_f64(), Some(raised));
        assert_eq!(response.hits[1].explanation.as_ref().expect("explained")["answer_factor"], 1.0);
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

    struct Lexicon;

    impl crate::QueryExpander for Lexicon {
        fn expand(
            &self,
            query: &str,
            vocab: &dyn Fn(&str) -> u64,
            _total: u64,
        ) -> Vec<crate::ExpansionWord> {
            if query.contains("guarantee") && vocab("担保") > 0 && vocab("不存在的词") == 0 {
                vec![crate::ExpansionWord::new("担保", 0.8, "guarantee", "glossary")]
            } else {
                Vec::new()
            }
        }
    }

    struct NoExpansion;

    impl crate::QueryExpander for NoExpansion {
        fn expand(&self, _: &str, _: &dyn Fn(&str) -> u64, _: u64) -> Vec<crate::ExpansionWord> {
            Vec::new()
        }
    }

    #[test]
    fn the_builtin_lexicon_answers_english_with_chinese() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("guarantee");
        request.filters.lang = Some(Lang::Zh);
        let response = index.search(&request).expect("search");
        assert!(response.hits.iter().any(|h| h.text.contains("担保")), "{response:?}");
    }

    #[test]
    fn expander_adds_words_in_another_language() {
        let (_dir, index) = sample_index();
        let mut request = SearchRequest::new("guarantee");
        request.filters.lang = Some(Lang::Zh);
        index.set_expander(std::sync::Arc::new(NoExpansion));
        assert!(index.search(&request).expect("search").hits.is_empty());
        index.set_expander(std::sync::Arc::new(Lexicon));
        let response = index.search(&request).expect("search");
        assert!(response.hits.iter().any(|h| h.text.contains("担保")));
    }
}
