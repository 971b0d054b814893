//! Query parsing: document numbers, analysed term groups, phrases and expansions.

use std::borrow::Cow;

use serde_json::json;

use crate::answer::Answers;
use crate::articles::ArticleRef;
use crate::docnum::find_doc_numbers;
use crate::tokenizer::analyze;

/// Words that carry no meaning in a query (question words, particles, the fillers of
/// everyday questions: "what happens if", "do I still need", 有没有, 到底); they still
/// count for phrases but are not searched for on their own, nor translated. Compared with
/// analysed (stemmed) forms.
const QUERY_STOP_WORDS: &[&str] = &[
    // Chinese particles, pronouns and question words.
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "在",
    "为",
    "是",
    "对",
    "等",
    "将",
    "把",
    "被",
    "由",
    "从",
    "能否",
    "是否",
    "如何",
    "怎么",
    "怎样",
    "什么",
    "哪些",
    "哪个",
    "可以",
    "能",
    "吗",
    "呢",
    "多少",
    "多久",
    "多长",
    "几",
    "几个",
    "哪里",
    "何时",
    "谁",
    "我",
    "我们",
    "你",
    "他",
    "她",
    "他们",
    "自己",
    "怎么办",
    "为什么",
    "为啥",
    "啥",
    "咋",
    "请问",
    "到底",
    "究竟",
    "一下",
    "这个",
    "那个",
    "这种",
    "这些",
    "那些",
    "还是",
    "还",
    "就",
    "都",
    "也",
    "吧",
    "啊",
    "呀",
    "嘛",
    "现在",
    // The grammatical words of spoken Chinese: tense, direction, "only then", "again".
    // Their dictionary senses (才能 "talent", 以后 "future") would otherwise find clauses
    // about something else.
    "有",
    "过",
    "里",
    "再",
    "去",
    "这",
    "那",
    "想",
    "会",
    "才",
    "才能",
    "以后",
    "之后",
    "没有",
    "到",
    "得",
    "让",
    "又",
    "来",
    "一个",
    "应该",
    // The aspect particle, "all along", and 一家/一些 counting a noun ("a (company)"),
    // whose dictionary senses are "whole family" and "some".
    "着",
    "一直",
    "一家",
    "一些",
    // Spoken fillers: 东西 as "stuff" (its dictionary sense "east and west" found
    // clauses on east–west cooperation), "like this", "if", "why on earth".
    "东西",
    "这样",
    "那样",
    "这么",
    "那么",
    "的话",
    "要是",
    "如果",
    "怎么样",
    "咋办",
    "干嘛",
    "人家",
    // English pronouns, question words and the fillers of spoken questions.
    "can",
    "could",
    "mani",
    "much",
    "who",
    "when",
    "where",
    "whi",
    "would",
    "i",
    "me",
    "my",
    "we",
    "us",
    "you",
    "your",
    "he",
    "she",
    "his",
    "her",
    "him",
    "it",
    "they",
    "them",
    "our",
    "am",
    "did",
    "about",
    "out",
    "don",
    "dont",
    "doesn",
    "didn",
    "isn",
    "aren",
    "won",
    "wont",
    "ve",
    "ll",
    "m",
    "im",
    "re",
    "d",
    "still",
    "just",
    "realli",
    "actual",
    "get",
    "got",
    "need",
    "want",
    "know",
    "tell",
    "pleas",
    "happen",
    "thing",
    "anyon",
    "someon",
    "anyth",
    "someth",
    "ani",
    "some",
    "also",
    "even",
    "ever",
    "mean",
];

/// Extends queries with extra weighted words, e.g. translations from a bilingual lexicon.
///
/// Install one with [`crate::ClauseIndex::set_expander`]. Each returned word is analysed
/// like the index text and searched as one more optional group of terms, its score
/// multiplied by the weight; expansions widen a query (a clause may match through them
/// alone) but never count towards the share of query words a clause must contain.
pub trait QueryExpander: Send + Sync {
    /// Returns extra raw words (either language) with weights in `0.0..=1.0` for `query`;
    /// `vocab` gives the number of indexed clauses containing a word (0 when absent), so
    /// that words the index does not hold can be left out; `total` is the number of
    /// indexed clauses, for weighting words by rarity.
    fn expand(&self, query: &str, vocab: &dyn Fn(&str) -> u64, total: u64) -> Vec<ExpansionWord>;

    /// Tells whether the expander knows a word (lower-case English), so that a word the
    /// index does not hold is not taken for a misspelling of one it does. By default it
    /// knows none.
    fn knows(&self, _word: &str) -> bool {
        false
    }
}

/// One word an expander adds to a query.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpansionWord {
    /// The raw word or phrase, in either language.
    pub word: String,
    /// Its weight in `0.0..=1.0`.
    pub weight: f32,
    /// The query word or phrase it stands for.
    pub from: String,
    /// Where it came from, e.g. `glossary`, `cedict` or `synonym`.
    pub origin: String,
}

impl ExpansionWord {
    /// Makes an expansion word.
    pub fn new(word: &str, weight: f32, from: &str, origin: &str) -> ExpansionWord {
        ExpansionWord {
            word: word.to_owned(),
            weight,
            from: from.to_owned(),
            origin: origin.to_owned(),
        }
    }

    /// Tells whether the word is in the script of the query word it stands for (a
    /// synonym rather than a translation).
    pub fn same_language(&self) -> bool {
        has_cjk(&self.word) == has_cjk(&self.from)
    }
}

/// Turns the A-not-A questions of spoken Chinese into the plain verb: 能不能拆看 → 能拆看,
/// 可不可以 → 可以, 需不需要 → 需要, 有没有 → 有, 交没交 → 交. The segmenter cuts 能不能
/// into 能 and 不能, and 不能 ("must not") would be searched as a word of the question.
pub(crate) fn affirmative(query: &str) -> Cow<'_, str> {
    let chars: Vec<char> = query.chars().collect();
    let repeated = |i: usize| {
        i + 2 < chars.len()
            && matches!(chars[i + 1], '不' | '没')
            && chars[i] == chars[i + 2]
            && tiaowen_model::is_cjk(chars[i])
    };
    if !(0..chars.len()).any(repeated) {
        return Cow::Borrowed(query);
    }
    let mut out = String::with_capacity(query.len());
    let mut i = 0;
    while i < chars.len() {
        if repeated(i) {
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    Cow::Owned(out)
}

/// Capitalised abbreviations that read as English stop words once lower-cased ("US" as
/// "us", "IT" as "it"), and the words searched for them.
const STOP_WORD_ABBREVIATIONS: &[(&str, &str)] = &[
    ("U.S.A.", "America"),
    ("U.S.", "America"),
    ("USA", "America"),
    ("US", "America"),
    ("IT", "information technology"),
];

/// Spells out the capitalised abbreviations that lower-case into stop words: "what is the
/// US doing about deepfakes" searches "America" (美国 in Chinese), "IT skills" searches
/// "information technology". A query of three English words or more in capitals throughout
/// ("WHAT CAN US CITIZENS DO") is left as it is, since there "US" may be the pronoun.
pub(crate) fn spelled_out(query: &str) -> Cow<'_, str> {
    let english_words =
        query.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()).count();
    if english_words >= 3 && !query.chars().any(|c| c.is_ascii_lowercase()) {
        return Cow::Borrowed(query);
    }
    let mut out = String::new();
    let mut at = 0;
    let mut changed = false;
    while at < query.len() {
        let boundary_before =
            query[..at].chars().next_back().is_none_or(|c| !c.is_ascii_alphanumeric());
        let found = boundary_before
            .then(|| {
                STOP_WORD_ABBREVIATIONS.iter().find(|(short, _)| {
                    query[at..].starts_with(short)
                        && query[at + short.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_ascii_alphanumeric())
                })
            })
            .flatten();
        match found {
            Some((short, long)) => {
                out.push_str(long);
                at += short.len();
                changed = true;
            }
            None => {
                let c = query[at..].chars().next().expect("at is below the length");
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(query)
    }
}

/// Tells whether a text holds Chinese characters.
pub(crate) fn has_cjk(text: &str) -> bool {
    text.chars().any(tiaowen_model::is_cjk)
}

/// The terms of one query word: the word and its sub-words, searched as alternatives.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermGroup {
    /// The word position in the query.
    pub position: usize,
    /// The default-mode word, where there is one.
    pub main: Option<String>,
    /// Every analysed term of the word.
    pub terms: Vec<String>,
    /// The score multiplier.
    pub weight: f32,
    /// A question word or particle: phrases only.
    pub stop: bool,
    /// Added by the expander.
    pub expansion: bool,
    /// For an expansion: the query word it stands for and where it came from.
    pub source: Option<(String, String)>,
    /// For an expansion: in the query word's own language (a synonym).
    pub same_language: bool,
    /// For an expansion spanning several word positions (海绵城市 → 海绵 城市, "special
    /// funds"): its words with their offsets, matched as a phrase rather than one by one.
    pub phrase: Vec<(usize, String)>,
}

impl TermGroup {
    /// The word the group stands for: its main form, else its first term.
    pub fn word(&self) -> Option<&str> {
        self.main.as_deref().or(self.terms.first().map(String::as_str))
    }
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct QueryPlan {
    /// For each document number in the query: its keys, longest issuer prefix first.
    pub doc_numbers: Vec<Vec<String>>,
    /// The articles the query names by their law (`宪法第三十四条`), whose laws the
    /// index holds; the laws' names are not among the query words.
    pub articles: Vec<ArticleRef>,
    /// The query words and expansions.
    pub groups: Vec<TermGroup>,
    /// The kinds of answer the query asks for (a time, an amount...), from its wording.
    pub asks: Answers,
    /// The analysed words of the query that ask for those kinds (比例, "deadlin"): a
    /// clause stating such an answer holds what they ask for.
    pub asking: Vec<String>,
    /// The query without its document numbers: the text its words (and expansions)
    /// come from, so that `No.` of `Guobanfa [2019] No. 6` is no query word.
    pub words: String,
}

impl QueryPlan {
    /// Parses a query: takes out document numbers, then analyses the rest.
    pub fn parse(query: &str) -> QueryPlan {
        let mut rest = String::with_capacity(query.len());
        let mut at = 0;
        let mut doc_numbers = Vec::new();
        for found in find_doc_numbers(query) {
            let (from, to) = (found.start, found.end);
            if from < at {
                continue;
            }
            rest.push_str(&query[at..from]);
            rest.push(' ');
            at = to;
            doc_numbers.push(found.keys(2));
        }
        rest.push_str(&query[at..]);
        let asks = Answers::asked(query);
        let asking = asks
            .asking_words(query)
            .iter()
            .flat_map(|words| analyze(words, false))
            .map(|t| t.text)
            .collect();
        let mut plan = QueryPlan {
            doc_numbers,
            articles: Vec::new(),
            groups: Vec::new(),
            asks,
            asking,
            words: String::new(),
        };
        plan.add_words(&rest, 1.0, None);
        plan.words = rest;
        if plan.groups.iter().all(|g| g.stop) {
            for group in &mut plan.groups {
                group.stop = false;
            }
        }
        plan
    }

    /// Analyses text into term groups, one per word position, skipping words already
    /// present. An expansion spanning several positions becomes one phrase group.
    fn add_words(&mut self, text: &str, weight: f32, expansion: Option<&ExpansionWord>) {
        let offset = self.groups.iter().map(|g| g.position + 1).max().unwrap_or(0);
        let mut groups: Vec<TermGroup> = Vec::new();
        for token in analyze(text, true) {
            let position = offset + token.position;
            if groups.last().is_none_or(|g| g.position != position) {
                groups.push(TermGroup {
                    position,
                    main: None,
                    terms: Vec::new(),
                    weight,
                    stop: false,
                    expansion: expansion.is_some(),
                    source: expansion.map(|e| (e.from.clone(), e.origin.clone())),
                    same_language: expansion.is_none_or(ExpansionWord::same_language),
                    phrase: Vec::new(),
                });
            }
            let Some(group) = groups.last_mut() else { continue };
            if token.main {
                group.stop = QUERY_STOP_WORDS.contains(&token.text.as_str());
                group.main = Some(token.text.clone());
            }
            if !group.terms.contains(&token.text) {
                group.terms.push(token.text);
            }
        }
        // A translation into an English base verb also finds its irregular forms: 制造's
        // "make" meets "made in China", 支付's "pay" meets "paid" (the index keeps them apart).
        if let (Some(word), [group]) = (expansion, groups.as_mut_slice()) {
            if !has_cjk(&word.word) {
                let base = word.word.trim().to_ascii_lowercase();
                for form in tiaowen_lexicon::irregular_forms(&base) {
                    for token in analyze(form, false) {
                        if !group.terms.contains(&token.text) {
                            group.terms.push(token.text);
                        }
                    }
                }
            }
        }
        if expansion.is_some() && groups.len() > 1 {
            groups = merge_phrase(groups).into_iter().collect();
        }
        // A compound joined from two words' senses (教师工资 for "teacher salaries") is
        // searched as written: its parts are each word's own translation, so a clause
        // holding one part (工资) must not count as holding both words.
        if expansion.is_some_and(|e| e.origin == "compound") {
            for group in &mut groups {
                if let Some(main) = group.main.clone().filter(|_| group.phrase.is_empty()) {
                    group.terms = vec![main];
                }
            }
        }
        for group in groups {
            let duplicate =
                self.groups.iter().any(|g| g.terms == group.terms && g.phrase == group.phrase);
            if !duplicate {
                self.groups.push(group);
            }
        }
    }

    /// Adds the expander's words as optional groups.
    pub fn add_expansions(&mut self, words: &[ExpansionWord]) {
        for word in words {
            if word.weight.is_finite() && word.weight > 0.0 {
                self.add_words(&word.word, word.weight.min(1.0), Some(word));
            }
        }
    }

    /// Returns the groups of the query itself that are searched for.
    pub fn core_groups(&self) -> Vec<&TermGroup> {
        self.groups.iter().filter(|g| !g.stop && !g.expansion).collect()
    }

    /// Returns the expansion groups.
    pub fn expansion_groups(&self) -> Vec<&TermGroup> {
        self.groups.iter().filter(|g| g.expansion).collect()
    }

    /// Returns the query's concepts, each as indices into `groups`: every searched query
    /// word followed by the expansions standing for it (an expansion of a phrase, such
    /// as 住房租金 for "housing rent", stands for each of its words), then one concept
    /// per source for expansions standing for no searched word. A clause covers a
    /// concept by any of its members, in either language.
    pub fn concepts(&self) -> Vec<Vec<usize>> {
        let core: Vec<usize> = (0..self.groups.len())
            .filter(|&i| !self.groups[i].stop && !self.groups[i].expansion)
            .collect();
        let mut concepts: Vec<Vec<usize>> = core.iter().map(|&i| vec![i]).collect();
        let mut loose: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, group) in self.groups.iter().enumerate().filter(|(_, g)| g.expansion) {
            let from = group.source.as_ref().map(|s| s.0.clone()).unwrap_or_default();
            let from_terms: Vec<String> =
                analyze(&from, true).into_iter().map(|t| t.text).collect();
            let mut placed = false;
            for (concept, &word) in concepts.iter_mut().zip(&core) {
                if self.groups[word].terms.iter().any(|t| from_terms.contains(t)) {
                    concept.push(index);
                    placed = true;
                }
            }
            if !placed {
                match loose.iter_mut().find(|(f, _)| *f == from) {
                    Some((_, members)) => members.push(index),
                    None => loose.push((from, vec![index])),
                }
            }
        }
        concepts.extend(loose.into_iter().map(|(_, members)| members));
        concepts
    }

    /// Returns the words of the query itself, with positions, for phrase queries.
    pub fn phrase_words(&self) -> Vec<(usize, String)> {
        self.core_groups().iter().filter_map(|g| g.main.clone().map(|m| (g.position, m))).collect()
    }

    /// Returns every term to highlight.
    pub fn highlight_terms(&self) -> std::collections::HashSet<String> {
        let mut terms = std::collections::HashSet::new();
        for group in self.groups.iter().filter(|g| !g.stop) {
            terms.extend(group.terms.iter().cloned());
        }
        for keys in &self.doc_numbers {
            terms.extend(keys.iter().cloned());
        }
        terms
    }

    /// Describes the plan for `explain`.
    pub fn to_json(&self) -> serde_json::Value {
        let groups: Vec<serde_json::Value> = self
            .groups
            .iter()
            .map(|g| {
                json!({
                    "position": g.position,
                    "word": g.main,
                    "terms": g.terms,
                    "weight": g.weight,
                    "stop": g.stop,
                    "expansion": g.expansion,
                    "from": g.source.as_ref().map(|s| &s.0),
                    "origin": g.source.as_ref().map(|s| &s.1),
                })
            })
            .collect();
        let articles: Vec<serde_json::Value> = self
            .articles
            .iter()
            .map(|a| json!({ "law": a.law, "documents": a.ids, "article": a.number }))
            .collect();
        json!({
            "doc_numbers": self.doc_numbers,
            "articles": articles,
            "groups": groups,
            "asks": self.asks.names(),
        })
    }
}

/// Turns the groups of one multi-word expansion into a single phrase group: its words
/// (main forms) with their offsets from the first, and every term for highlighting.
fn merge_phrase(groups: Vec<TermGroup>) -> Option<TermGroup> {
    let first = groups.first()?.position;
    let mut phrase = Vec::new();
    let mut terms = Vec::new();
    let mut words = Vec::new();
    for group in &groups {
        let Some(main) = group.main.clone().or_else(|| group.terms.first().cloned()) else {
            continue;
        };
        words.push(main.clone());
        phrase.push((group.position - first, main));
        for term in &group.terms {
            if !terms.contains(term) {
                terms.push(term.clone());
            }
        }
    }
    let mut merged = groups.into_iter().next()?;
    merged.main = Some(words.join(" "));
    merged.terms = terms;
    merged.stop = false;
    merged.phrase = phrase;
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_into_a_base_verb_also_finds_its_irregular_forms() {
        let mut plan = QueryPlan::parse("中国制造");
        plan.add_expansions(&[
            ExpansionWord::new("make", 0.4, "制造", "cedict"),
            ExpansionWord::new("manufacture", 0.5, "制造", "cedict"),
        ]);
        let terms = |word: &str| {
            plan.groups.iter().find(|g| g.main.as_deref() == Some(word)).map(|g| g.terms.clone())
        };
        assert_eq!(terms("make"), Some(vec!["make".to_owned(), "made".to_owned()]));
        assert_eq!(terms("manufactur"), Some(vec!["manufactur".to_owned()]));
    }

    #[test]
    fn abbreviations_that_read_as_stop_words_are_spelled_out() {
        assert_eq!(
            spelled_out("what is the US doing about deepfakes"),
            "what is the America doing about deepfakes"
        );
        assert_eq!(spelled_out("U.S. export controls"), "America export controls");
        assert_eq!(
            spelled_out("IT training for workers"),
            "information technology training for workers"
        );
        assert_eq!(spelled_out("tell us about it"), "tell us about it");
        assert_eq!(spelled_out("USB ports and ITEMS"), "USB ports and ITEMS");
        assert_eq!(spelled_out("WHAT CAN US CITIZENS DO"), "WHAT CAN US CITIZENS DO");
        assert_eq!(spelled_out("美国US政策"), "美国America政策");
        assert_eq!(spelled_out("US AI"), "America AI");
    }

    #[test]
    fn takes_document_numbers_out_of_the_query() {
        let plan = QueryPlan::parse("国办发〔2019〕6号 基本原则");
        assert_eq!(plan.doc_numbers.len(), 1);
        assert!(plan.doc_numbers[0].contains(&"国办发[2019]6号".to_owned()));
        let words: Vec<String> = plan.phrase_words().into_iter().map(|w| w.1).collect();
        assert_eq!(words.concat(), "基本原则");
        let plan = QueryPlan::parse("国办发2019年6号 基本原则");
        assert_eq!(plan.doc_numbers.len(), 1);
        assert!(plan.doc_numbers[0].contains(&"国办发[2019]6号".to_owned()));
    }

    #[test]
    fn expansions_join_the_concept_of_the_word_they_stand_for() {
        let mut plan = QueryPlan::parse("housing rent deduction");
        plan.add_expansions(&[
            ExpansionWord::new("住房租金", 0.5, "housing rent", "glossary"),
            ExpansionWord::new("扣除", 0.5, "deduction", "glossary"),
            ExpansionWord::new("专项", 0.5, "的", "glossary"),
        ]);
        let concepts = plan.concepts();
        assert_eq!(concepts.len(), 4, "{concepts:?}");
        let word = |i: usize| plan.groups[i].main.clone().unwrap_or_default();
        assert_eq!(word(concepts[0][0]), "hous");
        assert!(concepts[0].iter().any(|&i| word(i).contains("住房")), "{concepts:?}");
        assert!(concepts[1].iter().any(|&i| word(i).contains("住房")), "{concepts:?}");
        assert!(concepts[2].iter().any(|&i| word(i) == "扣除"), "{concepts:?}");
        assert_eq!(concepts[3].len(), 1);
    }

    #[test]
    fn question_words_are_not_searched_alone() {
        let plan = QueryPlan::parse("融资担保机构能否为政府债券发行提供担保");
        let core: Vec<String> = plan.core_groups().iter().filter_map(|g| g.main.clone()).collect();
        assert!(!core.contains(&"能否".to_owned()), "{core:?}");
        assert!(core.contains(&"债券".to_owned()), "{core:?}");
        assert_eq!(core.iter().filter(|w| *w == "担保").count(), 1);
    }

    #[test]
    fn a_query_of_stop_words_only_keeps_them() {
        let plan = QueryPlan::parse("能否");
        assert_eq!(plan.core_groups().len(), 1);
        assert!(QueryPlan::parse("the of").groups.is_empty());
    }

    #[test]
    fn the_fillers_of_everyday_questions_are_not_searched() {
        // As search does: A-not-A questions (有没有, 可不可以) first become the plain verb.
        let words = |query: &str| -> Vec<String> {
            let plan = QueryPlan::parse(&affirmative(query));
            plan.core_groups().iter().filter_map(|g| g.main.clone()).collect()
        };
        assert_eq!(words("what happens if I don't get a refund"), ["refund"]);
        assert_eq!(words("到底有没有补贴"), ["补贴"]);
        assert_eq!(words("是不是可不可以补"), ["补"]);
        // Grammatical words of spoken Chinese: 以后 "after", 才能 "only then", 再 "again".
        assert_eq!(words("献血以后隔多久才能再去献"), ["献血", "隔", "献"]);
        // The aspect particle 着, "all along" and a counted "one (company)".
        assert_eq!(words("一家企业一直拖着货款"), ["企业", "拖", "货款"]);
        // 东西 as "stuff", and "like this".
        let stuff = words("楼道里堆东西这样合法吗");
        assert!(!stuff.iter().any(|w| w == "东西" || w == "这样"), "{stuff:?}");
    }

    #[test]
    fn a_not_a_questions_become_the_plain_verb() {
        assert_eq!(affirmative("警察能不能随便拆看信件"), "警察能随便拆看信件");
        assert_eq!(affirmative("可不可以退"), "可以退");
        assert_eq!(affirmative("需不需要交税，有没有补贴"), "需要交税，有补贴");
        assert_eq!(affirmative("不得拆除"), "不得拆除");
        assert_eq!(affirmative("a not a"), "a not a");
    }

    #[test]
    fn expansions_are_separate_weighted_groups() {
        let mut plan = QueryPlan::parse("housing rent");
        plan.add_expansions(&[
            ExpansionWord::new("住房租金", 0.5, "housing rent", "glossary"),
            ExpansionWord::new("rent", 0.5, "rent", "synonym"),
        ]);
        let expansions = plan.expansion_groups();
        assert!(!expansions.is_empty());
        assert!(expansions.iter().all(|g| (g.weight - 0.5).abs() < f32::EPSILON));
        assert!(expansions.iter().all(|g| g.terms != vec!["rent".to_owned()]));
        assert!(expansions.iter().all(|g| !g.same_language));
        let json = plan.to_json();
        let added = json["groups"].as_array().and_then(|g| g.last()).cloned().unwrap_or_default();
        assert_eq!(added["from"], "housing rent");
        assert_eq!(added["origin"], "glossary");
        assert_eq!(plan.core_groups().len(), 2);
    }

    #[test]
    fn a_multi_word_expansion_is_one_phrase_group() {
        let mut plan = QueryPlan::parse("sponge city");
        plan.add_expansions(&[
            ExpansionWord::new("海绵城市", 0.6, "sponge city", "glossary"),
            ExpansionWord::new("special funds", 0.5, "专项资金", "glossary"),
        ]);
        let expansions = plan.expansion_groups();
        assert_eq!(expansions.len(), 2, "{expansions:?}");
        let zh = expansions[0];
        assert!(zh.phrase.len() >= 2 || zh.terms.contains(&"海绵城市".to_owned()), "{zh:?}");
        let words: Vec<&str> = zh.phrase.iter().map(|(_, w)| w.as_str()).collect();
        assert!(words.is_empty() || words.concat() == "海绵城市", "{words:?}");
        let en = expansions[1];
        assert_eq!(en.phrase, vec![(0, "special".to_owned()), (1, "fund".to_owned())]);
        assert_eq!(en.source, Some(("专项资金".to_owned(), "glossary".to_owned())));
    }

    #[test]
    fn a_joined_compound_is_searched_as_written() {
        let mut plan = QueryPlan::parse("teacher salaries");
        plan.add_expansions(&[
            ExpansionWord::new("个人所得税", 0.6, "income tax", "glossary"),
            ExpansionWord::new("教师工资", 0.5, "teacher salaries", "compound"),
        ]);
        let expansions = plan.expansion_groups();
        assert!(expansions[0].terms.len() > 1, "a glossary word keeps its parts");
        assert_eq!(expansions[1].terms, ["教师工资"], "{:?}", expansions[1]);
    }
}
