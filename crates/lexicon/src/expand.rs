//! Query expansion: each query word or phrase becomes weighted terms in the other language
//! and same-language synonyms, with senses chosen by how the corpus uses them.

use std::collections::{BTreeMap, HashMap, HashSet};

use tiaowen_model::{is_cjk, Lang};

use crate::english;
use crate::fold::to_simplified;
use crate::lexicon::{Lexicon, Origin, Sense};
use crate::numbers;

/// Translations kept per query word or phrase.
const MAX_TRANSLATIONS_PER_SOURCE: usize = 5;
/// Same-language synonyms kept per query word or phrase.
const MAX_SYNONYMS_PER_SOURCE: usize = 3;
/// A sense weaker than this share of the best sense of its source word is dropped.
const RELATIVE_FLOOR: f32 = 0.45;
/// Words inside a matched English phrase still translate alone, but only this strongly:
/// "pilot city" → 试点城市 must outrank 试点 + 城市. Inside a phrase the glossary knows,
/// they do not translate alone at all ("civil servants" is 公务员, never 文明 + 下人).
const WORD_IN_PHRASE_FACTOR: f32 = 0.4;
/// English words that, in a question, are mostly a phrasal verb's particle ("get it back",
/// "set up", "laid off", "shut down", "turned away"): alone, they translate into noise.
const PARTICLES: [&str; 5] = ["up", "down", "back", "off", "away"];
/// Units of time a question asks the number of ("how many days", "how many working
/// days"): the `many` before them does not translate ([`asked_units`]).
const TIME_UNITS: [&str; 10] =
    ["day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours"];
/// Words after which an English word is a verb: "to pay", "must file", "I sell", "who
/// pays", "can't refuse".
const VERB_CUES: [&str; 28] = [
    "to", "must", "should", "can", "could", "will", "would", "shall", "may", "might", "need",
    "needs", "i", "we", "you", "they", "he", "she", "who", "do", "does", "did", "cannot", "can't",
    "don't", "doesn't", "didn't", "won't",
];
/// Words that may stand between a verb cue and its verb ("I still pay", "must not sell").
const VERB_CUE_ADVERBS: [&str; 9] =
    ["still", "also", "just", "not", "even", "ever", "really", "only", "already"];
/// How much of its weight a sense keeps when the query uses a word as a verb and the
/// dictionary glosses the sense only as a noun (工资 "wages; pay" in "who has to pay"),
/// while another sense of the word is glossed as a verb (缴纳 "to pay (taxes etc)").
const NOUN_FOR_VERB_FACTOR: f32 = 0.5;
/// The most words between a phrasal verb and its particle ("get the vehicle purchase tax
/// back": four).
const MAX_OBJECT_WORDS: usize = 4;
/// Longest Chinese word tried by the segmenter, in chars.
const MAX_ZH_WORD_CHARS: usize = 12;
/// Longest English phrase tried, in words.
const MAX_EN_PHRASE_WORDS: usize = 6;
/// A translation is a weaker match than the query word itself: a clause in the query's
/// own language that holds the words should outrank one that only holds translations.
const TRANSLATION_FACTOR: f32 = 0.7;
/// Senses of each word joined into compounds (see `en_compounds`).
const COMPOUND_SENSES: usize = 1;
/// Weight of a compound built from two word translations, relative to a dictionary one.
const COMPOUND_FACTOR: f32 = 0.8;
/// Synonyms widen a query more loosely still.
const SYNONYM_FACTOR: f32 = 0.6;
/// Most terms an expansion returns (beyond them, only each source's best). Long questions
/// reach it: at 24 they lost senses their answers use. When it was raised, 36 and 48 gave
/// the query sets the same figures as 40.
const MAX_TERMS: usize = 40;

/// One term an expanded query should also search for.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpandedTerm {
    /// The term: simplified Chinese, or lower-case English (a word or a phrase).
    pub term: String,
    /// Its weight in (0, 1], ready to use as a query boost.
    pub weight: f32,
    /// The language of `term`.
    pub lang: Lang,
    /// The query word or phrase it stands for (as normalised: simplified, lower case).
    pub from: String,
    /// Where the sense came from.
    pub origin: Origin,
}

/// The terms a query expands to, strongest first. The query's own words are not repeated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expansion {
    /// The expanded terms, strongest first.
    pub terms: Vec<ExpandedTerm>,
}

impl Expansion {
    /// Tells whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Returns the terms in one language, strongest first.
    pub fn in_lang(&self, lang: Lang) -> impl Iterator<Item = &ExpandedTerm> {
        self.terms.iter().filter(move |t| t.lang == lang)
    }

    /// Turns the expansion into `(term, weight)` pairs, strongest first.
    pub fn into_weighted_terms(self) -> Vec<(String, f32)> {
        self.terms.into_iter().map(|t| (t.term, t.weight)).collect()
    }

    /// Returns the weight of a term, if the expansion holds it.
    pub fn weight_of(&self, term: &str) -> Option<f32> {
        self.terms.iter().find(|t| t.term == term).map(|t| t.weight)
    }
}

/// Expands a query with the built-in lexicon; see [`Lexicon::expand`].
pub fn expand(query: &str, doc_freq: &dyn Fn(&str) -> u64, total: u64) -> Expansion {
    Lexicon::builtin().expand(query, doc_freq, total)
}

/// Where a matched English phrase lies among the query's words, and the longest phrase
/// tried, in words.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    longest: usize,
}

/// A sense before the corpus has weighed it.
#[derive(Debug, Clone)]
struct Candidate {
    term: String,
    base: f32,
    lang: Lang,
    from: String,
    origin: Origin,
    synonym: bool,
}

impl Lexicon {
    /// Expands a query: for each query word or phrase, the weighted terms in the other
    /// language and same-language synonyms.
    ///
    /// `doc_freq(term)` says how many clauses contain a term (0: absent, and the sense is
    /// dropped) and `total` how many clauses there are (0 if unknown: rarity is then left
    /// out). Terms may be multi-word English phrases or Chinese words that a tokenizer would
    /// cut further; `doc_freq` should count the clauses holding the whole term, or estimate
    /// it (e.g. the smallest count among its tokens) rather than answer 0.
    ///
    /// English phrases are matched before their words, so "pilot city" gives 试点城市
    /// ahead of 试点 and 城市. Glossary senses weigh most; among dictionary senses of one
    /// word, the ones the corpus uses most (see [`usage_factor`]) win; rarer terms weigh a
    /// little more (see [`rarity_factor`]).
    pub fn expand(&self, query: &str, doc_freq: &dyn Fn(&str) -> u64, total: u64) -> Expansion {
        let query = to_simplified(query);
        let mut candidates = Vec::new();
        for run in split_runs(&query) {
            if run.chars().any(is_cjk) {
                for word in self.segment_zh(run) {
                    self.zh_candidates(word, &mut candidates);
                }
            } else {
                self.en_candidates(run, doc_freq, &mut candidates);
            }
        }
        number_candidates(&query, &mut candidates);
        select(candidates, doc_freq, total)
    }

    /// Cuts a run of Chinese into known words, longest match first from the left;
    /// characters that start no known word of two or more chars are skipped, unless the
    /// reviewed synonyms list the character itself.
    pub fn segment_zh<'a>(&self, run: &'a str) -> Vec<&'a str> {
        self.segment_zh_upto(run, self.zh_max_chars().min(MAX_ZH_WORD_CHARS), true)
    }

    /// Cuts a run into known words of at most `longest` chars; with `singles`, a character
    /// starting no known word still becomes a word when the reviewed synonyms list it (交
    /// → 缴纳, 罚 → 罚款): everyday speech asks with one verb where statutes write two.
    fn segment_zh_upto<'a>(&self, run: &'a str, longest: usize, singles: bool) -> Vec<&'a str> {
        let bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
        let mut words = Vec::new();
        let mut start = 0;
        while start + 1 < bounds.len() {
            let max_end = (start + longest).min(bounds.len() - 1);
            let found = (start + 2..=max_end)
                .rev()
                .find(|&end| self.knows_zh(&run[bounds[start]..bounds[end]]));
            match found {
                Some(end) => {
                    words.push(&run[bounds[start]..bounds[end]]);
                    start = end;
                }
                None => {
                    let single = &run[bounds[start]..bounds[start + 1]];
                    if singles && !self.synonyms_by_key(single).is_empty() {
                        words.push(single);
                    }
                    start += 1;
                }
            }
        }
        words
    }

    /// Adds the senses of a Chinese word and, as for English phrases, weaker senses of the
    /// words inside it (非法侵入 → 非法 + 侵入), unless the glossary knows the whole word: a
    /// dictionary compound's translation may be missing from the corpus.
    fn zh_candidates(&self, word: &str, out: &mut Vec<Candidate>) {
        // A lone character (see `segment_zh`) brings its reviewed synonyms only: its
        // dictionary senses span too many words (交: hand over, intersect, make friends).
        if word.chars().count() == 1 {
            push_senses(out, &self.synonyms_by_key(word), 1.0, Lang::Zh, word, true);
            return;
        }
        let senses = self.zh_en_by_key(word);
        push_senses(out, &senses, 1.0, Lang::En, word, false);
        let synonyms = self.synonyms_by_key(word);
        push_senses(out, &synonyms, 1.0, Lang::Zh, word, true);
        // The translations of its reviewed synonyms, more weakly: the English text may
        // use the word of a synonym (信件 → 通信 → correspondence). They compete with the
        // word's own translations for its places.
        for synonym in &synonyms {
            let translations = self.zh_en_by_key(&synonym.term);
            let factor = synonym.weight * SYNONYM_FACTOR;
            push_senses(out, &translations, factor, Lang::En, word, false);
        }
        // English paraphrases of a reviewed translation (截止 → deadline → before, no later
        // than): the English text may say it another way than the dictionary word.
        for sense in senses.iter().filter(|s| s.origin == Origin::Glossary) {
            let stems: Vec<String> =
                english::words(&sense.term).iter().map(|w| english::stem(w)).collect();
            let paraphrases = self.synonyms_by_key(&stems.join(" "));
            push_senses(out, &paraphrases, sense.weight * SYNONYM_FACTOR, Lang::En, word, false);
        }
        let chars = word.chars().count();
        if chars < 3 || senses.iter().any(|s| s.origin == Origin::Glossary) {
            return;
        }
        for part in self.segment_zh_upto(word, chars - 1, false) {
            let factor = WORD_IN_PHRASE_FACTOR;
            push_senses(out, &self.zh_en_by_key(part), factor, Lang::En, part, false);
            push_senses(out, &self.synonyms_by_key(part), factor, Lang::Zh, part, true);
        }
    }

    fn en_candidates(&self, run: &str, doc_freq: &dyn Fn(&str) -> u64, out: &mut Vec<Candidate>) {
        let words = english::words(run);
        // The words of a duration, a multiple or an age ("15 days", "a couple of years",
        // "ten times", "16 years old") are searched in the statute's forms (see
        // `number_candidates`); alone, they would translate into noise (十五, 日子, 挂钩 for
        // "couple").
        let mut counted: HashSet<String> = numbers::en_counts(run)
            .into_iter()
            .chain(numbers::en_ages(run))
            .flat_map(|n| n.from.split(' ').map(str::to_owned).collect::<Vec<_>>())
            .collect();
        // "How many years" asks for a number of years, not for "many years" (多年): its
        // `many` neither translates nor starts a phrase; the unit still translates.
        let asked = asked_units(&words);
        counted.extend(words.iter().zip(&asked).filter(|(_, &a)| a).map(|(w, _)| w.clone()));
        // A lone letter ("U.S.", "R&D") is no word to translate: the dictionary's senses of
        // "u" or "r" (装置, 半径) are noise; so is a phrasal verb's particle ("get the tax
        // back": 支持 for "back", 向上 for "up"), whose verb phrase, when the lexicon knows
        // it, still translates whole ("pay back" → 退还).
        let alone = |word: &str| {
            word.chars().count() > 1
                && !english::is_stop_word(word)
                && !PARTICLES.contains(&word)
                && !word.split('-').filter(|p| !p.is_empty()).all(|p| counted.contains(p))
        };
        let stems: Vec<String> = words.iter().map(|w| english::stem(w)).collect();
        let verbs = used_as_verbs(&words);
        let longest = self.en_max_words().min(MAX_EN_PHRASE_WORDS);
        let phrase = PhraseWords { words: &words, stems: &stems, verbs: &verbs, alone: &alone };
        // Which words a phrase took in, so that a particle left over may find its verb.
        let mut in_phrase = vec![false; words.len()];
        let mut start = 0;
        while start < words.len() {
            if asked[start] {
                start += 1;
                continue;
            }
            let phrase_end =
                (start + 2..=(start + longest).min(words.len())).rev().find_map(|end| {
                    let known = !english::is_stop_word(&words[start])
                        && !english::is_stop_word(&words[end - 1])
                        && !asked[start..end].contains(&true);
                    known
                        .then(|| self.known_phrase_key(&stems[start..end], doc_freq))
                        .flatten()
                        .map(|k| (end, k))
                });
            let Some((end, key)) = phrase_end else {
                if alone(&words[start]) {
                    let (word, stem) = (&words[start], &stems[start]);
                    self.en_word_candidates(word, stem, 1.0, verbs[start], out);
                }
                start += 1;
                continue;
            };
            phrase.translate(self, &key, start..end, start, doc_freq, out);
            in_phrase[start..end].iter_mut().for_each(|taken| *taken = true);
            // A dictionary phrase may overlap this one ("deed tax rate": deed tax, tax
            // rate): translate it too, with its words past this one, and go on after it.
            let span = Span { start, end, longest };
            start = match self.overlapping_phrase(&words, &stems, span, doc_freq) {
                Some(later_end) => {
                    let first = (start + 1..end)
                        .find(|&s| {
                            !english::is_stop_word(&words[s])
                                && self.used_phrase(&stems[s..later_end].join(" "), doc_freq)
                        })
                        .unwrap_or(end);
                    let key = stems[first..later_end].join(" ");
                    phrase.translate(self, &key, first..later_end, end, doc_freq, out);
                    in_phrase[first..later_end].iter_mut().for_each(|taken| *taken = true);
                    later_end
                }
                None => end,
            };
        }
        self.split_phrasal_verbs(&words, &stems, &in_phrase, doc_freq, out);
        self.en_compounds(&words, &stems, doc_freq, &alone, out);
    }

    /// Translates a phrasal verb whose object stands between the verb and its particle
    /// ("pay the deposit back", "get my money back", "shut the factory down"): a particle
    /// no phrase took in finds the nearest verb up to [`MAX_OBJECT_WORDS`] words before
    /// it with which the lexicon knows the phrase.
    fn split_phrasal_verbs(
        &self,
        words: &[String],
        stems: &[String],
        in_phrase: &[bool],
        doc_freq: &dyn Fn(&str) -> u64,
        out: &mut Vec<Candidate>,
    ) {
        for (at, word) in words.iter().enumerate() {
            if in_phrase[at] || !PARTICLES.contains(&word.as_str()) {
                continue;
            }
            let verbs = at.saturating_sub(MAX_OBJECT_WORDS + 1)..at.saturating_sub(1);
            let Some(verb) = verbs
                .rev()
                .find(|&v| self.used_phrase(&format!("{} {}", stems[v], stems[at]), doc_freq))
            else {
                continue;
            };
            let key = format!("{} {}", stems[verb], stems[at]);
            let from = format!("{} {}", words[verb], word);
            push_senses(out, &self.en_zh_by_key(&key), 1.0, Lang::Zh, &from, false);
            push_senses(out, &self.synonyms_by_key(&key), 1.0, Lang::En, &from, true);
        }
    }

    /// Returns the dictionary key of a phrase given as stems, if the dictionary knows it:
    /// the stems in order, or for two words also the other way round, so that a noun
    /// compound finds the verb phrase that glosses it ("blood donation": "donate blood",
    /// "data transfer": "transfer data").
    fn known_phrase_key(&self, stems: &[String], doc_freq: &dyn Fn(&str) -> u64) -> Option<String> {
        let key = stems.join(" ");
        if self.used_phrase(&key, doc_freq) {
            return Some(key);
        }
        match stems {
            [first, second] => {
                let swapped = format!("{second} {first}");
                self.used_phrase(&swapped, doc_freq).then_some(swapped)
            }
            _ => None,
        }
    }

    /// Tells whether an English phrase (by its stems) may stand for its words: the
    /// reviewed synonyms list it, or the corpus holds one of its translations. A
    /// dictionary phrase none of whose translations occur (修宪 for "amend the
    /// constitution") does not, and its words translate one by one at full weight.
    fn used_phrase(&self, key: &str, doc_freq: &dyn Fn(&str) -> u64) -> bool {
        !self.synonyms_by_key(key).is_empty()
            || self.en_zh_by_key(key).iter().any(|s| doc_freq(&s.term) > 0)
    }

    /// Finds a dictionary phrase that starts inside the phrase `start..end` and ends
    /// after it (its end, the farthest); `None` if there is none.
    fn overlapping_phrase(
        &self,
        words: &[String],
        stems: &[String],
        span: Span,
        doc_freq: &dyn Fn(&str) -> u64,
    ) -> Option<usize> {
        let Span { start, end, longest } = span;
        (start + 1..end)
            .filter(|&s| !english::is_stop_word(&words[s]))
            .flat_map(|s| (end + 1..=(s + longest).min(words.len())).map(move |e| (s, e)))
            .filter(|&(s, e)| {
                !english::is_stop_word(&words[e - 1])
                    && self.used_phrase(&stems[s..e].join(" "), doc_freq)
            })
            .map(|(_, e)| e)
            .max()
    }

    /// Adds Chinese compounds built from the translations of two neighbouring English
    /// words the dictionary has no phrase for: "vocational colleges" gives 职业院校 from
    /// 职业 and 院校. The best [`COMPOUND_SENSES`] senses of each word are joined; those the
    /// corpus lacks are dropped when the candidates are selected, and a compound made of
    /// the wrong senses matches no clause.
    fn en_compounds(
        &self,
        words: &[String],
        stems: &[String],
        doc_freq: &dyn Fn(&str) -> u64,
        alone: &dyn Fn(&str) -> bool,
        out: &mut Vec<Candidate>,
    ) {
        let senses = |at: usize| -> Vec<Sense> {
            self.en_word_senses(&words[at], &stems[at])
                .into_iter()
                .filter(|s| s.term.chars().count() >= 2 && !s.term.contains(char::is_whitespace))
                .take(COMPOUND_SENSES)
                .collect()
        };
        for i in 1..words.len() {
            let (first, second) = (&words[i - 1], &words[i]);
            if !alone(first)
                || !alone(second)
                || self.known_phrase_key(&stems[i - 1..=i], doc_freq).is_some()
            {
                continue;
            }
            for a in senses(i - 1) {
                for b in senses(i) {
                    out.push(Candidate {
                        term: format!("{}{}", a.term, b.term),
                        base: a.weight.min(b.weight) * TRANSLATION_FACTOR * COMPOUND_FACTOR,
                        lang: Lang::Zh,
                        from: format!("{first} {second}"),
                        origin: Origin::Compound,
                        synonym: false,
                    });
                }
            }
        }
    }

    /// Translates one English word; `as_verb` when the query uses it as a verb (see
    /// [`used_as_verbs`]), which weakens its senses glossed only as nouns when some other
    /// sense is glossed as a verb ([`NOUN_FOR_VERB_FACTOR`]).
    fn en_word_candidates(
        &self,
        word: &str,
        stem: &str,
        factor: f32,
        as_verb: bool,
        out: &mut Vec<Candidate>,
    ) {
        let mut senses = self.en_word_senses(word, stem);
        if as_verb {
            let glossed: Vec<Option<bool>> =
                senses.iter().map(|s| self.glossed_as_verb(&s.term)).collect();
            if glossed.contains(&Some(true)) {
                for (sense, verb) in senses.iter_mut().zip(glossed) {
                    if verb == Some(false) {
                        sense.weight *= NOUN_FOR_VERB_FACTOR;
                    }
                }
            }
        }
        push_senses(out, &senses, factor, Lang::Zh, word, false);
        let synonyms = self.synonyms_by_key(stem);
        push_senses(out, &synonyms, factor, Lang::En, word, true);
        self.synonym_translations(&synonyms, factor, word, out);
    }

    /// The translations of an English word's or phrase's reviewed synonyms, more weakly
    /// than its own, as a Chinese word has its synonyms' (subsidy → "reward and subsidy" →
    /// 奖补). They compete with its own translations for its places. One-way paraphrases
    /// bring none: they are how English documents may put a question's word ("deadline" =>
    /// "before", "restriction" => "must not"), and their translations (前, 不得) would find
    /// every clause that sets a date or forbids anything.
    fn synonym_translations(
        &self,
        synonyms: &[Sense],
        factor: f32,
        from: &str,
        out: &mut Vec<Candidate>,
    ) {
        for synonym in synonyms.iter().filter(|s| s.origin == Origin::Synonym) {
            let translations = self.en_to_zh(&synonym.term);
            let weight = factor * synonym.weight * SYNONYM_FACTOR;
            push_senses(out, &translations, weight, Lang::Zh, from, false);
        }
    }
}

/// The words of an English query run, for translating a phrase among them.
struct PhraseWords<'a> {
    words: &'a [String],
    stems: &'a [String],
    /// Which words the query uses as verbs ([`used_as_verbs`]).
    verbs: &'a [bool],
    /// Whether a word may translate alone (not a stop word or part of a duration).
    alone: &'a dyn Fn(&str) -> bool,
}

impl PhraseWords<'_> {
    /// Translates the phrase `range` (known under the dictionary key `key`) and gives its
    /// synonyms, then translates alone its words from `words_from` on. They weigh
    /// [`WORD_IN_PHRASE_FACTOR`] when the phrase has a translation the corpus uses, in full
    /// when it has none (a phrase known only as a synonym, "tax deduction" for
    /// "deduction", still needs 扣除 from its words), and not at all when the glossary
    /// translates the phrase.
    fn translate(
        &self,
        lexicon: &Lexicon,
        key: &str,
        range: std::ops::Range<usize>,
        words_from: usize,
        doc_freq: &dyn Fn(&str) -> u64,
        out: &mut Vec<Candidate>,
    ) {
        let phrase = self.words[range.clone()].join(" ");
        let senses = lexicon.en_zh_by_key(key);
        push_senses(out, &senses, 1.0, Lang::Zh, &phrase, false);
        let synonyms = lexicon.synonyms_by_key(key);
        push_senses(out, &synonyms, 1.0, Lang::En, &phrase, true);
        lexicon.synonym_translations(&synonyms, 1.0, &phrase, out);
        if senses.iter().any(|s| s.origin == Origin::Glossary) {
            return;
        }
        let used = senses.iter().any(|s| doc_freq(&s.term) > 0);
        let factor = if used { WORD_IN_PHRASE_FACTOR } else { 1.0 };
        for index in words_from.max(range.start)..range.end {
            if (self.alone)(&self.words[index]) {
                let (word, stem) = (&self.words[index], &self.stems[index]);
                lexicon.en_word_candidates(word, stem, factor, self.verbs[index], out);
            }
        }
    }
}

/// Marks the `many` of "how many days", "how many working days"…: it asks for a number
/// of them, and joined to the unit it would translate as 多年 "many years".
fn asked_units(words: &[String]) -> Vec<bool> {
    let mut asked = vec![false; words.len()];
    for at in 0..words.len() {
        if words[at] != "how" || words.get(at + 1).is_none_or(|w| w != "many") {
            continue;
        }
        let unit = if words.get(at + 2).is_some_and(|w| w == "working") { at + 3 } else { at + 2 };
        if words.get(unit).is_some_and(|w| TIME_UNITS.contains(&w.as_str())) {
            asked[at + 1] = true;
        }
    }
    asked
}

/// Tells, for each of a query's words, whether the query uses it as a verb: it follows a
/// modal, "to", "do" or a subject pronoun ([`VERB_CUES`]), perhaps with an adverb between
/// ("I still have to pay", "who pays", "must not sell").
fn used_as_verbs(words: &[String]) -> Vec<bool> {
    let mut verbs = vec![false; words.len()];
    for (at, verb) in verbs.iter_mut().enumerate() {
        let before = words[..at].iter().rev().find(|w| !VERB_CUE_ADVERBS.contains(&w.as_str()));
        *verb = before.is_some_and(|w| VERB_CUES.contains(&w.as_str()));
    }
    verbs
}

/// Adds the statute's forms of the durations, multiples and ages in a query ("15 days",
/// 30天 → 十五日, 三十日; "ten times" → 十倍; "13-year-old" → 十三周岁, 十四周岁), each
/// weighing as a reviewed translation or synonym.
fn number_candidates(query: &str, out: &mut Vec<Candidate>) {
    let english = numbers::en_counts(query).into_iter().chain(numbers::en_ages(query));
    let chinese = numbers::zh_counts(query).into_iter().chain(numbers::zh_ages(query));
    for (number, cjk) in english.map(|n| (n, false)).chain(chinese.map(|n| (n, true))) {
        let base = if cjk { SYNONYM_FACTOR } else { TRANSLATION_FACTOR };
        for (index, form) in number.forms.into_iter().enumerate() {
            // The statute's form first; the others as written in notices.
            let rank = 1.0 / (1.0 + 0.25 * index as f32);
            out.push(Candidate {
                term: form,
                base: base * rank,
                lang: Lang::Zh,
                from: number.from.clone(),
                origin: Origin::Number,
                synonym: cjk,
            });
        }
    }
}

fn push_senses(
    out: &mut Vec<Candidate>,
    senses: &[Sense],
    factor: f32,
    lang: Lang,
    from: &str,
    synonym: bool,
) {
    let kind = if synonym { SYNONYM_FACTOR } else { TRANSLATION_FACTOR };
    for sense in senses {
        if is_stray_character(sense, lang) {
            continue;
        }
        out.push(Candidate {
            term: sense.term.clone(),
            base: sense.weight * factor * kind,
            lang,
            from: from.to_owned(),
            origin: sense.origin,
            synonym,
        });
    }
}

/// Tells whether a sense is a single Chinese character from the dictionary (cities → 都,
/// 会): such characters occur in most clauses in other meanings, so they only add noise.
/// The reviewed glossary and synonym lists may still give one.
fn is_stray_character(sense: &Sense, lang: Lang) -> bool {
    lang == Lang::Zh && sense.origin == Origin::Cedict && sense.term.chars().count() == 1
}

/// Splits a query into runs that phrases may not cross: script changes and punctuation.
fn split_runs(query: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = None;
    let mut run_is_cjk = false;
    for (index, c) in query.char_indices() {
        let cjk = is_cjk(c);
        let word_char = cjk || c.is_ascii_alphanumeric() || c == '-' || c == '\'' || c == ' ';
        match start {
            Some(s) if !word_char || cjk != run_is_cjk => {
                runs.push(&query[s..index]);
                start = word_char.then_some(index);
            }
            None if word_char => start = Some(index),
            _ => {}
        }
        run_is_cjk = cjk;
    }
    if let Some(s) = start {
        runs.push(&query[s..]);
    }
    runs.into_iter().map(str::trim).filter(|r| !r.is_empty()).collect()
}

/// Scales a term by its rarity, in [0.7, 1]: rarer terms weigh a little more. Only a
/// little, as the search engine's own idf weighs them again. With `total == 0` (clause
/// count unknown) every term gets 1.
pub fn rarity_factor(df: u64, total: u64) -> f32 {
    if total == 0 {
        return 1.0;
    }
    let (df, total) = (df as f64, total as f64);
    let idf = ((total + 1.0) / (df + 0.5)).ln() / ((total + 1.0) / 0.5).ln();
    (0.7 + 0.3 * idf.clamp(0.0, 1.0)) as f32
}

/// Scales a dictionary sense by its share of the corpus use of all the senses of the same
/// query word, in [0.4, 1]: the sense the corpus uses most is most likely the one meant
/// (procure: 采购 in 120 clauses over 拉皮条 in one). Reviewed senses skip this.
pub fn usage_factor(df: u64, most_used_df: u64) -> f32 {
    if most_used_df == 0 {
        return 1.0;
    }
    let share = (df as f64 / most_used_df as f64).clamp(0.0, 1.0);
    (0.4 + 0.6 * share.sqrt()) as f32
}

/// A candidate with its clause count.
struct Counted {
    candidate: Candidate,
    df: u64,
}

fn select(candidates: Vec<Candidate>, doc_freq: &dyn Fn(&str) -> u64, total: u64) -> Expansion {
    let mut freq_cache: HashMap<String, u64> = HashMap::new();
    // Ordered, so that a term two query words share (经济困难 from 没钱 and from 请不起律师)
    // is credited to the same one on every run.
    let mut groups: BTreeMap<(String, bool), Vec<Counted>> = BTreeMap::new();
    for candidate in candidates {
        let term = candidate.term.clone();
        let df = *freq_cache.entry(term).or_insert_with(|| doc_freq(&candidate.term));
        if df > 0 {
            let key = (candidate.from.clone(), candidate.synonym);
            groups.entry(key).or_default().push(Counted { candidate, df });
        }
    }
    let mut best: HashMap<(String, Lang), ExpandedTerm> = HashMap::new();
    for ((_, synonym), counted) in groups {
        let keep = if synonym { MAX_SYNONYMS_PER_SOURCE } else { MAX_TRANSLATIONS_PER_SOURCE };
        for term in weigh_group(counted, total, keep) {
            let slot = best.entry((term.term.clone(), term.lang)).or_insert_with(|| term.clone());
            if term.weight > slot.weight {
                *slot = term;
            }
        }
    }
    let mut terms: Vec<ExpandedTerm> = best.into_values().collect();
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
    Expansion { terms: keep_every_source(terms) }
}

/// Keeps the best [`MAX_TERMS`] of `terms` (sorted best first), and, beyond them, the best
/// term of each query word or phrase in each language that has none among them: a long
/// question whose words have many senses each would otherwise lose every translation of
/// its words with weaker senses ("accounts" → 账号 in a twelve-word question).
fn keep_every_source(terms: Vec<ExpandedTerm>) -> Vec<ExpandedTerm> {
    let mut served: HashSet<(String, Lang)> = HashSet::new();
    let mut kept = Vec::with_capacity(terms.len().min(MAX_TERMS * 2));
    for (rank, term) in terms.into_iter().enumerate() {
        let first_of_source = served.insert((term.from.clone(), term.lang));
        if rank < MAX_TERMS || first_of_source {
            kept.push(term);
        }
    }
    kept
}

/// Weighs the senses of one query word and keeps the best `keep` of them.
fn weigh_group(counted: Vec<Counted>, total: u64, keep: usize) -> Vec<ExpandedTerm> {
    let most_used = counted
        .iter()
        .filter(|c| matches!(c.candidate.origin, Origin::Cedict | Origin::Compound))
        .map(|c| c.df)
        .max()
        .unwrap_or(0);
    let mut terms: Vec<ExpandedTerm> = Vec::with_capacity(counted.len());
    for Counted { candidate, df } in counted {
        let usage = match candidate.origin {
            Origin::Cedict | Origin::Compound => usage_factor(df, most_used),
            Origin::Glossary | Origin::Synonym | Origin::Paraphrase | Origin::Number => 1.0,
        };
        terms.push(ExpandedTerm {
            weight: candidate.base * usage * rarity_factor(df, total),
            term: candidate.term,
            lang: candidate.lang,
            from: candidate.from,
            origin: candidate.origin,
        });
    }
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
    let floor = terms.first().map_or(0.0, |t| t.weight * RELATIVE_FLOOR);
    terms.into_iter().filter(|t| t.weight >= floor).take(keep).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LexiconBuilder;

    /// A made-up corpus of 5,000 clauses: the clause count of each term it contains.
    fn corpus(term: &str) -> u64 {
        match term {
            "采购" => 120,
            "政府采购" => 60,
            "申请" => 900,
            "申报" => 150,
            "应用程序" => 2,
            "应用" => 400,
            "试点城市" => 15,
            "试点" => 80,
            "十五日" => 30,
            "三十日" => 25,
            "城市" => 700,
            "earmarked for special use" => 3,
            "reward and subsidy funds" => 4,
            "special funds" => 6,
            "funds" => 50,
            "pilot city" => 20,
            "经费" => 200,
            "契税" => 12,
            "扣除" => 30,
            "correspondence" | "correspond" => 12,
            "letter" => 12,
            "所得税" => 25,
            "税率" => 40,
            "献血" => 9,
            "职业院校" => 7,
            "职业" => 30,
            "院校" => 12,
            _ => 0,
        }
    }

    const TOTAL: u64 = 5_000;

    fn position(expansion: &Expansion, term: &str) -> Option<usize> {
        expansion.terms.iter().position(|t| t.term == term)
    }

    #[test]
    fn corpus_drops_the_wrong_dictionary_sense() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("拉皮条\tto procure/to act as pimp\n采购\tto procure (for an enterprise etc)/to purchase\n");
        let lex = builder.build();
        let expansion = lex.expand("procure", &corpus, TOTAL);
        assert_eq!(expansion.terms[0].term, "采购");
        assert_eq!(position(&expansion, "拉皮条"), None);
        // Even when the wrong sense occurs once, the widely used sense stays ahead.
        let with_stray = |t: &str| if t == "拉皮条" { 1 } else { corpus(t) };
        let expansion = lex.expand("procure", &with_stray, TOTAL);
        assert_eq!(expansion.terms[0].term, "采购");
    }

    #[test]
    fn builtin_procure_and_application_choose_policy_senses() {
        let expansion = expand("procure", &corpus, TOTAL);
        assert_eq!(expansion.terms[0].term, "采购");
        let expansion = expand("application", &corpus, TOTAL);
        let first = expansion.terms[0].term.as_str();
        assert!(first == "申报" || first == "申请", "{expansion:?}");
        let right = position(&expansion, "申请").expect("申请 kept");
        if let Some(wrong) = position(&expansion, "应用程序") {
            assert!(right < wrong);
        }
    }

    #[test]
    fn phrases_outrank_word_by_word_translations() {
        let expansion = expand("pilot city", &corpus, TOTAL);
        assert_eq!(expansion.terms[0].term, "试点城市");
        assert_eq!(expansion.terms[0].from, "pilot city");
        let phrase = expansion.weight_of("试点城市").expect("phrase kept");
        for word in ["试点", "城市"] {
            if let Some(w) = expansion.weight_of(word) {
                assert!(w < phrase * 0.6, "{word} {w} vs {phrase}");
            }
        }
    }

    #[test]
    fn a_particle_translates_only_inside_its_verb_phrase() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("支持\tto support/to back\n退还\tto pay back\n契税\tdeed tax\n");
        let held =
            |t: &str| if matches!(t, "支持" | "退还" | "契税") { 50 } else { corpus(t) };
        let lexicon = builder.build();
        let alone = lexicon.expand("get the deed tax back", &held, TOTAL);
        assert_eq!(position(&alone, "支持"), None, "{alone:?}");
        assert!(position(&alone, "契税").is_some(), "{alone:?}");
        let phrase = lexicon.expand("pay back the deed tax", &held, TOTAL);
        assert!(position(&phrase, "退还").is_some(), "{phrase:?}");
    }

    #[test]
    fn a_phrasal_verb_split_by_its_object_still_translates() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("退还\tto pay back\n契税\tdeed tax\n");
        let held = |t: &str| if matches!(t, "退还" | "契税") { 50 } else { corpus(t) };
        let lexicon = builder.build();
        let split = lexicon.expand("can I pay the deed tax back", &held, TOTAL);
        assert!(position(&split, "退还").is_some(), "{split:?}");
        let far = lexicon.expand("pay one two three four five back", &held, TOTAL);
        assert_eq!(position(&far, "退还"), None, "{far:?}");
    }

    #[test]
    fn a_word_used_as_a_verb_prefers_its_verb_senses() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("工资\twages; pay\n缴纳\tto pay (taxes etc)\n");
        let held = |t: &str| match t {
            "工资" => 300,
            "缴纳" => 200,
            other => corpus(other),
        };
        let lexicon = builder.build();
        let weight = |query: &str, term: &str| {
            let expansion = lexicon.expand(query, &held, TOTAL);
            expansion.weight_of(term).unwrap_or_else(|| panic!("{term} in {expansion:?}"))
        };
        // As a noun, the more used sense leads; as a verb, the verb sense does.
        assert!(weight("monthly pay", "工资") > weight("monthly pay", "缴纳"));
        assert!(weight("who has to pay", "缴纳") > weight("who has to pay", "工资"));
        assert!(weight("I still pay", "缴纳") > weight("I still pay", "工资"));
    }

    #[test]
    fn verbs_follow_modals_pronouns_and_to() {
        let words = |q: &str| english::words(q);
        assert_eq!(used_as_verbs(&words("do I have to pay")), [false, true, true, false, true]);
        assert_eq!(used_as_verbs(&words("must not sell land")), [false, true, true, false]);
        assert_eq!(used_as_verbs(&words("the pay rise")), [false, false, false]);
    }

    #[test]
    fn a_lone_letter_brings_no_translation() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("装置\tunit/U\n出口\texport\n");
        let held = |t: &str| if matches!(t, "装置" | "出口") { 50 } else { corpus(t) };
        let expansion = builder.build().expand("U.S. export", &held, TOTAL);
        assert_eq!(position(&expansion, "装置"), None, "{expansion:?}");
        assert!(position(&expansion, "出口").is_some(), "{expansion:?}");
    }

    #[test]
    fn dictionary_phrases_keep_weaker_word_translations() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("试点城市\tpilot city\n试点\tpilot scheme/pilot\n城市\tcity\n");
        let expansion = builder.build().expand("pilot city", &corpus, TOTAL);
        assert_eq!(expansion.terms[0].term, "试点城市");
        let phrase = expansion.terms[0].weight;
        let word = expansion.weight_of("试点").expect("word translation kept");
        assert!(word < phrase * 0.6, "{word} vs {phrase}");
    }

    #[test]
    fn durations_find_the_statute_numerals_in_either_language() {
        let lexicon = Lexicon::builtin();
        let english = lexicon.expand("pay within 15 days", &corpus, 5_000);
        let days = english.terms.iter().find(|t| t.term == "十五日").expect("十五日");
        assert_eq!((days.origin, days.from.as_str()), (Origin::Number, "15 days"));
        let chinese = lexicon.expand("30天内缴纳", &corpus, 5_000);
        assert!(chinese.weight_of("三十日").is_some(), "{chinese:?}");
        // Forms the corpus lacks are dropped like any other sense.
        assert!(english.weight_of("15天").is_none());
    }

    #[test]
    fn neighbouring_words_build_the_corpus_compound() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("职业\tvocational/occupation\n院校\tcolleges\n");
        let expansion = builder.build().expand("vocational colleges", &corpus, TOTAL);
        let compound = expansion.weight_of("职业院校").expect("compound built");
        let word = expansion.weight_of("职业").expect("word kept");
        assert!(compound < word, "a built compound weighs less than a dictionary sense");
        // A pair the dictionary knows is not rebuilt.
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("献血\tto donate blood\n血液\tblood\n");
        let expansion = builder.build().expand("blood donation", &corpus, TOTAL);
        assert!(expansion.terms.iter().all(|t| t.term != "血液献血"), "{expansion:?}");
    }

    #[test]
    fn two_word_compounds_find_their_verb_phrase() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("献血\tto donate blood\n");
        let expansion = builder.build().expand("blood donation", &corpus, TOTAL);
        assert!(expansion.weight_of("献血").is_some(), "{expansion:?}");
    }

    #[test]
    fn a_phrase_the_corpus_never_uses_leaves_its_words_at_full_weight() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("修宪\tto amend the constitution\n宪法\tconstitution (of a country)\n");
        let lex = builder.build();
        let without = |term: &str| if term == "宪法" { 40 } else { 0 };
        let with = |term: &str| if term == "宪法" || term == "修宪" { 40 } else { 0 };
        let alone = lex.expand("amend the constitution", &without, TOTAL);
        let inside = lex.expand("amend the constitution", &with, TOTAL);
        assert_eq!(position(&alone, "修宪"), None, "{alone:?}");
        let (full, part) = (alone.weight_of("宪法"), inside.weight_of("宪法"));
        assert!(full.zip(part).is_some_and(|(f, p)| f > p), "{alone:?} {inside:?}");
        assert!(inside.weight_of("修宪") > part, "{inside:?}");
    }

    #[test]
    fn overlapping_phrases_are_both_translated() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("契税\tdeed tax\n税率\ttax rate\n");
        let expansion = builder.build().expand("deed tax rate", &corpus, TOTAL);
        assert!(expansion.weight_of("契税").is_some(), "{expansion:?}");
        assert!(expansion.weight_of("税率").is_some(), "{expansion:?}");
    }

    #[test]
    fn words_past_an_overlapping_phrase_still_translate() {
        let mut builder = LexiconBuilder::new();
        builder.add_glossary("g.tsv", "所得税\tincome tax\n").expect("valid glossary");
        builder.add_cedict("扣除\tdeduction\n");
        builder.add_synonyms("s.tsv", "tax deduction|deduction\n").expect("valid synonyms");
        let lexicon = builder.build();
        // "tax deduction" overlaps "income tax" and is known only as a synonym: its last
        // word still brings 扣除, in full as when asked alone.
        let alone = lexicon.expand("deduction", &corpus, TOTAL).weight_of("扣除");
        let inside = lexicon.expand("income tax deduction", &corpus, TOTAL);
        assert!(inside.weight_of("所得税").is_some(), "{inside:?}");
        let weight = inside.weight_of("扣除");
        assert!(weight.is_some() && weight >= alone.map(|w| w * 0.5), "{inside:?}");
        // Inside a synonym-only phrase its words translate as if alone.
        let phrase = lexicon.expand("tax deduction", &corpus, TOTAL);
        assert!(phrase.weight_of("扣除").is_some(), "{phrase:?}");
    }

    #[test]
    fn reviewed_synonyms_bring_their_translations() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("通信\tcorrespondence\n信件\tletter\n");
        builder.add_synonyms("s.tsv", "信件|通信\n").expect("valid synonyms");
        let expansion = builder.build().expand("信件", &corpus, TOTAL);
        let english: Vec<&str> = expansion.in_lang(Lang::En).map(|t| t.term.as_str()).collect();
        assert!(english.iter().any(|t| t.starts_with("correspond")), "{expansion:?}");
        let own = english.iter().position(|t| t.starts_with("letter"));
        let borrowed = english.iter().position(|t| t.starts_with("correspond"));
        assert!(own < borrowed, "the word's own translation leads: {expansion:?}");
    }

    #[test]
    fn english_synonyms_bring_their_translations_and_paraphrases_none() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict(
            "补助\tsubsidy\n奖补\treward and subsidy\n不得\tmust not\n期限\tdeadline\n",
        );
        let synonyms = "subsidy|reward and subsidy\ndeadline => must not\n";
        builder.add_synonyms("s.tsv", synonyms).expect("valid synonyms");
        let lex = builder.build();
        let everywhere = |_: &str| 20;
        let subsidy = lex.expand("subsidy", &everywhere, TOTAL);
        let own = position(&subsidy, "补助").expect("own translation");
        let borrowed = position(&subsidy, "奖补").expect("the synonym's translation");
        assert!(own < borrowed, "the word's own translation leads: {subsidy:?}");
        let deadline = lex.expand("deadline", &everywhere, TOTAL);
        assert!(deadline.weight_of("must not").is_some(), "{deadline:?}");
        assert!(deadline.weight_of("不得").is_none(), "a paraphrase brings no translation");
    }

    #[test]
    fn every_word_of_a_long_question_keeps_a_translation() {
        // Fifteen words with three strong senses each, then one with a single weak sense:
        // the strong senses alone pass the cap on terms, yet the last word still keeps
        // its translation.
        let mut cedict = String::new();
        let words = [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliet", "kilo", "lima", "mike", "november", "oscar",
        ];
        for (word, first) in words.iter().zip("甲乙丙丁戊己庚辛壬癸子丑寅卯辰".chars())
        {
            for second in "天地人".chars() {
                cedict.push_str(&format!("{first}{second}\t{word}\n"));
            }
        }
        cedict.push_str("账号\taccount\n");
        let mut builder = LexiconBuilder::new();
        builder.add_cedict(&cedict);
        let lex = builder.build();
        let everywhere = |_: &str| 20;
        let query = format!("{} accounts", words.join(" "));
        let expansion = lex.expand(&query, &everywhere, TOTAL);
        assert!(expansion.terms.len() > MAX_TERMS, "{}", expansion.terms.len());
        let account = expansion.terms.iter().find(|t| t.term == "账号").expect("账号 kept");
        assert_eq!(account.from, "accounts");
    }

    #[test]
    fn glossary_phrases_replace_word_translations() {
        let mut builder = LexiconBuilder::new();
        builder.add_glossary("g.tsv", "试点城市\tpilot city\n").expect("valid glossary");
        builder.add_cedict("试点\tpilot\n城市\tcity\n");
        let expansion = builder.build().expand("pilot city", &corpus, TOTAL);
        let terms: Vec<&str> = expansion.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, vec!["试点城市"]);
    }

    #[test]
    fn chinese_queries_expand_to_english_and_synonyms() {
        let expansion = expand("奖补资金专款专用", &corpus, TOTAL);
        let english: Vec<&str> = expansion.in_lang(Lang::En).map(|t| t.term.as_str()).collect();
        assert!(english.contains(&"earmarked for special use"), "{english:?}");
        assert!(english.contains(&"reward and subsidy funds"), "{english:?}");
        let expansion = expand("资金", &corpus, TOTAL);
        assert!(expansion.in_lang(Lang::Zh).any(|t| t.term == "经费"));
    }

    #[test]
    fn traditional_queries_are_folded_first() {
        let expansion = expand("試點城市", &corpus, TOTAL);
        assert!(expansion.terms.iter().any(|t| t.term == "pilot city" && t.from == "试点城市"));
    }

    #[test]
    fn absent_terms_are_dropped_and_unknown_totals_still_rank() {
        let none = |_: &str| 0;
        assert!(expand("pilot city", &none, TOTAL).is_empty());
        assert!(expand("pilot city", &none, 0).is_empty());
        let expansion = expand("pilot city", &corpus, 0);
        assert_eq!(expansion.terms[0].term, "试点城市");
        assert!(expansion.terms.iter().all(|t| t.weight > 0.0 && t.weight <= 1.0));
        let pairs = expansion.clone().into_weighted_terms();
        assert_eq!(pairs.len(), expansion.terms.len());
        assert_eq!(pairs[0].0, "试点城市");
    }

    #[test]
    fn a_lone_everyday_verb_brings_its_reviewed_synonyms_only() {
        let mut builder = LexiconBuilder::new();
        builder.add_synonyms("s.tsv", "交 => 缴纳\n").expect("valid synonyms");
        builder.add_cedict("交\tto hand over/to deliver\n契税\tdeed tax\n交通\ttraffic\n");
        let lex = builder.build();
        assert_eq!(lex.segment_zh("契税交多少"), vec!["契税", "交"]);
        // Starting a longer known word, the character is no word of its own.
        assert_eq!(lex.segment_zh("交通"), vec!["交通"]);
        let corpus = |term: &str| if term == "缴纳" || term == "hand over" { 50 } else { 0 };
        let expansion = lex.expand("契税交多少", &corpus, TOTAL);
        assert!(expansion.weight_of("缴纳").is_some(), "{expansion:?}");
        assert_eq!(expansion.weight_of("hand over"), None, "{expansion:?}");
    }

    #[test]
    fn the_many_of_how_many_years_is_not_translated() {
        let corpus = |term: &str| match term {
            "多年" | "每年" | "护照" | "有效期" => 20,
            _ => 0,
        };
        let expansion = expand("how many years is a passport valid", &corpus, TOTAL);
        for (term, kept) in [("多年", false), ("每年", true), ("护照", true), ("有效期", true)]
        {
            assert_eq!(expansion.weight_of(term).is_some(), kept, "{term}: {expansion:?}");
        }
        let marked = asked_units(&english::words("how many working days, and for how many people"));
        assert_eq!(marked, [false, true, false, false, false, false, false, false, false]);
    }

    #[test]
    fn the_words_of_a_duration_are_not_translated_alone() {
        let corpus = |term: &str| match term {
            "十五日" | "十五" | "日子" | "挂钩" | "二年" | "变更" => 20,
            _ => 0,
        };
        let expansion = expand("change within 15 days or a couple of years", &corpus, TOTAL);
        for (term, kept) in [
            ("十五日", true),
            ("二年", true),
            ("变更", true),
            ("十五", false),
            ("日子", false),
            ("挂钩", false),
        ] {
            assert_eq!(expansion.weight_of(term).is_some(), kept, "{term}: {expansion:?}");
        }
    }

    #[test]
    fn segments_chinese_runs_into_known_words() {
        let lex = Lexicon::builtin();
        let words = lex.segment_zh("第二批试点城市申报截止时间");
        assert!(words.contains(&"试点城市"), "{words:?}");
        assert!(words.contains(&"申报"), "{words:?}");
        assert!(lex.segment_zh("").is_empty());
    }

    #[test]
    fn reviewed_translations_bring_their_paraphrases() {
        // The glossary gives 截止时间 → deadline; the English synonyms give deadline → due date.
        let expansion = expand("截止时间", &|_| 10, TOTAL);
        let weight = |term: &str| expansion.terms.iter().find(|t| t.term == term).map(|t| t.weight);
        let (deadline, paraphrase) = (weight("deadline"), weight("due date"));
        assert!(deadline.is_some() && paraphrase.is_some(), "{expansion:?}");
        assert!(
            paraphrase < deadline,
            "a paraphrase weighs less than the translation: {expansion:?}"
        );
    }

    #[test]
    fn dictionary_compounds_also_translate_their_parts() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("非法侵入\tto trespass\n非法\tillegal\n侵入\tto intrude\n");
        let lexicon = builder.build();
        let corpus = |t: &str| u64::from(t != "trespass") * 10;
        let expansion = lexicon.expand("非法侵入", &corpus, TOTAL);
        let terms: Vec<&str> = expansion.terms.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, vec!["illegal", "intrude"]);
        // A glossary compound stands alone.
        let expansion = expand("试点城市", &|_| 10, TOTAL);
        assert!(expansion.terms.iter().all(|t| t.from == "试点城市"), "{expansion:?}");
    }

    #[test]
    fn a_term_two_words_share_comes_from_the_same_word_every_time() {
        let mut builder = LexiconBuilder::new();
        builder
            .add_synonyms("test", "没钱 => 经济困难\n请不起律师 => 经济困难\n")
            .expect("synonyms parse");
        let lexicon = builder.build();
        let from = || {
            let expansion = lexicon.expand("没钱请不起律师", &|_| 10, TOTAL);
            let shared = expansion.terms.iter().find(|t| t.term == "经济困难");
            shared.map(|t| t.from.clone()).expect("经济困难 is an expansion")
        };
        let first = from();
        for _ in 0..30 {
            assert_eq!(from(), first);
        }
    }

    #[test]
    fn splits_runs_at_scripts_and_punctuation() {
        assert_eq!(
            split_runs("CNC rate 数控化率, by 2027?"),
            vec!["CNC rate", "数控化率", "by 2027"]
        );
        assert_eq!(split_runs("“海绵城市”示范"), vec!["海绵城市", "示范"]);
        assert!(split_runs("，。！").is_empty());
    }

    #[test]
    fn rarity_and_usage_factors_stay_in_range() {
        assert_eq!(rarity_factor(5, 0), 1.0);
        assert!(rarity_factor(50, 10_000) > rarity_factor(9_000, 10_000));
        assert!(usage_factor(120, 120) > usage_factor(1, 120));
        assert_eq!(usage_factor(3, 0), 1.0);
        for f in [
            rarity_factor(1, 10),
            rarity_factor(10, 10),
            usage_factor(1, 10_000),
            usage_factor(7, 7),
        ] {
            assert!((0.4..=1.0).contains(&f), "{f}");
        }
    }

    #[test]
    fn single_dictionary_characters_are_dropped() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("都\tcapital/cities\n都市\tcity/metropolis\n");
        builder.add_glossary("test", "城\tcity\n").expect("glossary parses");
        let everywhere = |_: &str| 50;
        let expansion = builder.build().expand("cities", &everywhere, TOTAL);
        assert_eq!(position(&expansion, "都"), None, "{expansion:?}");
        assert!(position(&expansion, "都市").is_some(), "{expansion:?}");
        assert!(position(&expansion, "城").is_some(), "{expansion:?}");
    }
}
