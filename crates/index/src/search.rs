//! Search: reads a query (operators, acts and articles it names, document numbers), plans
//! and expands it, then ranks: candidates of each language ([`crate::candidates`]) built
//! from the plan's queries ([`crate::compile`]), copies folded into groups
//! ([`crate::groups`]), the languages fused, siblings ordered; and assembles the hits.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::collector::DocSetCollector;
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, Weight,
};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};
use tiaowen_model::{Filters, SearchHit, SearchRequest, SearchResponse};

use crate::articles::{
    english_title_alone, may_name_article, take_article_refs, take_english_article_refs,
    take_named_titles, title_key, NamedTitle,
};
use crate::candidates::{candidates_of_passes, may_split, Pass, Running};
use crate::compile::{
    boxed, build_query, filter_clauses, in_force_only, one_of, phrase_bonuses, Clauses,
};
use crate::context::weigh_by_context;
use crate::explain::{explain_hit, Factors};
use crate::fusion::{fuse, query_language, synonym_cap};
use crate::groups::{articles_first, group, prefer_answers, successors_first, Group};
use crate::history::{asks_history, named_law, notes_clause, states_notes};
use crate::index::{clauses_only, kind_query, stored_str, term_query, Lookup};
use crate::named::take_named_laws;
use crate::operators::{take_operators, text_query, Operators};
use crate::query::{
    affirmative, has_cjk, spelled_out, ExpansionWord, QueryExpander, QueryPlan, TermGroup,
};
use crate::ranking::Ranking;
use crate::schema::KIND_DOC;
use crate::siblings::order_siblings;
use crate::snippet::Highlighter;
use crate::spelling;
use crate::statistics::Statistics;
use crate::tokenizer::analyze;
use crate::validity::{annotate, is_out_of_force};
use crate::{ClauseIndex, Error, Result};

/// The candidates fetched for the first hits, whatever page is asked for: clauses well
/// below the first page by raw score still reach it when fusion and sibling ordering
/// weigh them. Deeper pages fetch four times as many at each step ([`ClauseIndex::ranked`]).
const MIN_FETCH: usize = 60;
/// How many of the first hits answer-kind preference and sibling ordering may reorder:
/// the same for every page, so that pages are slices of one list.
pub(crate) const REORDER_DEPTH: usize = 20;
/// The fewest candidates fetched in the other language than the query's when the two
/// languages are merged: raw scores of translations, weighted guesses, do not foresee
/// the query coverage that decides the merge, so a clause covering more of the query may
/// sit well below the first page by raw score.
const FUSE_MIN_FETCH: usize = 100;
/// The most candidates fetched for one page, however deep.
const MAX_FETCH: usize = 10_000;
/// The least weight of a translation of an excluded word that is kept out with it: the
/// translations a search would lean on, not a dictionary's stray senses (`bond` → 结合).
const EXCLUDED_TRANSLATION_WEIGHT: f32 = 0.3;
/// The longest query read as a title alone ([`ClauseIndex::title_alone`]), in characters.
const MAX_TITLE_CHARS: usize = 120;

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
        let statistics = self.inner.statistics.get(&searcher, fields)?;
        let (query, operators) = take_operators(&request.query);
        let query = affirmative(&query);
        let query = spelled_out(&query);
        // A question about when a law was adopted or changed is answered by its notes.
        let history = if asks_history(&query) {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let translate = |name: &str| self.translations(&statistics, name);
            named_law(&query, &titles, translate).map(|(_, ids)| ids.to_vec())
        } else {
            None
        };
        // The laws' titles are read (once per commit) only for a query that may name an
        // article.
        let (query, articles) = if may_name_article(&query) {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let (query, mut articles) = take_article_refs(&query, &titles);
            let translate = |name: &str| self.translations(&statistics, name);
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
        let (query, named_titles) = match self.title_alone(&statistics, &query)? {
            Some(named) if named_titles.is_empty() => (Cow::Owned(String::new()), vec![named]),
            _ => (query, named_titles),
        };
        // An act a question names without marks keeps the search to it, as marks do.
        let (query, named_acts) = if name_acts && named_titles.is_empty() && articles.is_empty() {
            let titles = self.inner.titles.get(&searcher, fields)?;
            let translate = |name: &str| self.translations(&statistics, name);
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
        let mut corrections = self.corrections(&statistics, &plan.words);
        corrections.retain(|c| !quoted.iter().any(|q| q.eq_ignore_ascii_case(&c.from)));
        if !corrections.is_empty() {
            let doc_numbers = std::mem::take(&mut plan.doc_numbers);
            plan = QueryPlan::parse(&spelling::corrected(&plan.words, &corrections));
            plan.doc_numbers = doc_numbers;
        }
        plan.articles = articles;
        let words = plan.words.clone();
        self.expand(&statistics, &mut plan, &words);
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
            .flat_map(|text| self.excluded_translations(&statistics, text))
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
                    let mut response = self.ranked(&statistics, &shifted, must, &plan)?;
                    response.total += 1;
                    if request.offset == 0 {
                        let score = response.hits.first().map_or(1.0, |h| h.score);
                        response.hits.insert(0, SearchHit { score, ..notes });
                        response.hits.truncate(request.limit);
                    }
                    response
                }
                None => self.ranked(&statistics, request, must, &plan)?,
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
    fn title_alone(&self, statistics: &Statistics<'_>, query: &str) -> Result<Option<NamedTitle>> {
        let text = query.trim();
        if text.is_empty() || text.chars().count() > MAX_TITLE_CHARS {
            return Ok(None);
        }
        let chinese = has_cjk(text) && !text.contains(char::is_whitespace);
        let english = text.is_ascii() && text.bytes().any(|b| b.is_ascii_alphabetic());
        if !chinese && !english {
            return Ok(None);
        }
        let titles = self.inner.titles.get(statistics.searcher, self.inner.fields)?;
        let ids = if chinese {
            titles.get(&title_key(text)).cloned()
        } else {
            let translate = |name: &str| self.translations(statistics, name);
            english_title_alone(text, &titles, translate).map(|(_, ids)| ids.to_vec())
        };
        Ok(ids.map(|ids| NamedTitle { title: text.to_owned(), ids }))
    }

    /// Finds the misspelt English words of a query's words ([`spelling::corrections`]):
    /// words the index holds in no clause and the expander does not know.
    fn corrections(&self, statistics: &Statistics<'_>, words: &str) -> Vec<spelling::Correction> {
        if !words.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Vec::new();
        }
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let vocabulary = IndexVocabulary { statistics, text: self.inner.fields.text, expander };
        spelling::corrections(words, &vocabulary)
    }

    /// Lets the installed expander add words to the plan.
    fn expand(&self, statistics: &Statistics<'_>, plan: &mut QueryPlan, query: &str) {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return };
        let (searcher, text) = (statistics.searcher, self.inner.fields.text);
        let vocab = |word: &str| clause_count(statistics, text, word);
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
    fn translations(&self, statistics: &Statistics<'_>, text: &str) -> Vec<String> {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return Vec::new() };
        let field = self.inner.fields.text;
        let vocab = |word: &str| clause_count(statistics, field, word);
        expander
            .expand(text, &vocab, statistics.searcher.num_docs())
            .into_iter()
            .filter(|w| has_cjk(&w.word))
            .map(|w| w.word.replace(' ', ""))
            .collect()
    }

    /// The translations of an excluded word or phrase that are excluded with it: those
    /// into the other script that the expander gives the whole of `text` with at least
    /// [`EXCLUDED_TRANSLATION_WEIGHT`], as the words would be searched had they been asked
    /// for. A phrase's single words are not translated one by one.
    fn excluded_translations(&self, statistics: &Statistics<'_>, text: &str) -> Vec<String> {
        let expander = self.inner.expander.read().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(expander) = expander else { return Vec::new() };
        let field = self.inner.fields.text;
        let vocab = |word: &str| clause_count(statistics, field, word);
        let wanted = compact(text);
        let mut words: Vec<String> = Vec::new();
        for word in expander.expand(text, &vocab, statistics.searcher.num_docs()) {
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
    /// [`fuse`].
    fn ranked(
        &self,
        statistics: &Statistics<'_>,
        request: &SearchRequest,
        must: Clauses,
        plan: &QueryPlan,
    ) -> Result<SearchResponse> {
        let fields = self.inner.fields;
        let ranking = self.inner.ranking.read().unwrap_or_else(|e| e.into_inner()).clone();
        let searcher = statistics.searcher;
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
            .map(|(_, bonus)| {
                bonus.weight(EnableScoring::enabled_from_statistics_provider(statistics, searcher))
            })
            .collect::<tantivy::Result<_>>()?;
        let want = request.offset.saturating_add(request.limit);
        // The list is ranked in steps, each from four times the previous step's
        // candidates; a step adds the groups the earlier ones lack after theirs. Every step
        // ranks the same way whatever page is asked for, so a page is a slice of one list.
        let mut fetch = MIN_FETCH;
        let mut lookup = Lookup::scoring(statistics, fields);
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
            for (at, found) in candidates_of_passes(statistics, &passes)?.into_iter().enumerate() {
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
            order_siblings(statistics, fields, &ranking, plan, &mut groups, REORDER_DEPTH)?;
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
                    &self.inner.statistics.get(lookup.searcher, self.inner.fields)?,
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
fn clause_count(statistics: &Statistics<'_>, field: Field, word: &str) -> u64 {
    let mut least: Option<u64> = None;
    for token in analyze(word, false) {
        let freq = statistics.doc_freq(&Term::from_field_text(field, &token.text)).unwrap_or(0);
        least = Some(least.map_or(freq, |l| l.min(freq)));
    }
    least.unwrap_or(0)
}

/// The words of an index and of its expander, for correcting misspelt query words.
struct IndexVocabulary<'a> {
    statistics: &'a Statistics<'a>,
    text: Field,
    expander: Option<Arc<dyn QueryExpander>>,
}

impl spelling::Vocabulary for IndexVocabulary<'_> {
    fn holds(&self, word: &str) -> u64 {
        clause_count(self.statistics, self.text, word)
    }

    fn knows(&self, word: &str) -> bool {
        self.expander.as_ref().is_some_and(|e| e.knows(word))
    }

    fn reach(&self, word: &str) -> u64 {
        let holds = self.holds(word);
        let Some(expander) = &self.expander else { return holds };
        let vocab = |w: &str| clause_count(self.statistics, self.text, w);
        let translated = expander
            .expand(word, &vocab, self.statistics.searcher.num_docs())
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
        let Ok(mut scorer) = weight.scorer(segment, 1.0) else { return true };
        // A deleted clause not yet merged away writes the word no longer.
        let alive = segment.alive_bitset();
        while scorer.doc() != tantivy::TERMINATED {
            if alive.is_none_or(|alive| alive.is_alive(scorer.doc())) {
                return true;
            }
            scorer.advance();
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use crate::groups::is_preamble;
    use tiaowen_model::{DocType, Lang};

    use super::*;
    use crate::testutil::{clauses, document, sample_index};

    fn search(index: &ClauseIndex, query: &str) -> SearchResponse {
        index.search(&SearchRequest::new(query)).expect("search runs")
    }

    fn anchors(response: &SearchResponse) -> Vec<String> {
        response.hits.iter().map(|h| h.anchor.clone()).collect()
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
