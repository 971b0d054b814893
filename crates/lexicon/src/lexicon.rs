//! The bilingual lexicon: glossary, CC-CEDICT and synonym lists merged into three lookups
//! (Chinese → English, English → Chinese, same-language synonyms).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use tiaowen_model::is_cjk;

use crate::cedict::{self, Table};
use crate::english;
use crate::fold::to_simplified;
use crate::{Error, Result};

const GLOSSARY: &str = include_str!("../data/glossary.tsv");
const SYNONYMS: &str = include_str!("../data/synonyms.tsv");
/// CC-CEDICT senses, encoded by build.rs from data/cedict.tsv with the project's
/// data/supplement.tsv; the English-key table also holds the ECDICT word list's senses
/// (data/ecdict.tsv).
const CEDICT_ZH_EN: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_zh_en.tsv"));
const CEDICT_EN_ZH: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_en_zh.tsv"));
const CEDICT_VERBS: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_verbs.tsv"));

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut builder = LexiconBuilder::new();
    // The bundled files are checked by the unit tests, so a failure here is a packaging
    // bug, not bad input.
    builder.add_glossary("glossary.tsv", GLOSSARY).expect("bundled glossary.tsv is well-formed");
    builder.add_synonyms("synonyms.tsv", SYNONYMS).expect("bundled synonyms.tsv is well-formed");
    builder.lexicon.cedict_zh_en = Table::new(Cow::Borrowed(CEDICT_ZH_EN));
    builder.lexicon.cedict_en_zh = Table::new(Cow::Borrowed(CEDICT_EN_ZH));
    builder.lexicon.cedict_verbs = Table::new(Cow::Borrowed(CEDICT_VERBS));
    builder.build()
});

/// Where a sense comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The reviewed policy glossary shipped with the crate.
    Glossary,
    /// CC-CEDICT.
    Cedict,
    /// Two neighbouring English words' CC-CEDICT senses joined into one Chinese word
    /// ("vocational colleges" → 职业院校).
    Compound,
    /// The reviewed synonym list: a group whose members stand for one another (`a|b`).
    Synonym,
    /// The reviewed synonym list: a paraphrase one way only (`a => b`), how documents may
    /// put what a question asks with `a` (deadline => before).
    Paraphrase,
    /// A duration or an age rewritten as statutes write it ("15 days" → 十五日,
    /// "13-year-old" → 十三周岁).
    Number,
}

/// One translation or synonym of a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Sense {
    /// The term: simplified Chinese, or lower-case English.
    pub term: String,
    /// Confidence in (0, 1]; glossary senses weigh the most.
    pub weight: f32,
    /// The source of the sense.
    pub origin: Origin,
    /// For a reviewed translation of one English word, the word families (see
    /// `english::lemma`) of the glossary forms it came from, comma-separated: the
    /// English-key lookup joins every word of a stem, and a translation of "central" is
    /// not one of "centralized". `None` when the sense stands for its whole key.
    pub families: Option<String>,
}

/// Marks an English glossary form that stands for itself only, not for its stem.
const EXACT_MARK: char = '=';

/// Glossary and synonym weights: reviewed data, trusted almost fully.
const GLOSSARY_WEIGHT: f32 = 1.0;
const GLOSSARY_VARIANT_WEIGHT: f32 = 0.9;
const SYNONYM_WEIGHT: f32 = 0.8;
const ONE_WAY_SYNONYM_WEIGHT: f32 = 0.7;

/// The merged lookups. Build one with [`LexiconBuilder`] or use [`Lexicon::builtin`].
#[derive(Debug, Default)]
pub struct Lexicon {
    zh_en: HashMap<String, Vec<Sense>>,
    en_zh: HashMap<String, Vec<Sense>>,
    synonyms: HashMap<String, Vec<Sense>>,
    cedict_zh_en: Table,
    cedict_en_zh: Table,
    /// The headwords CC-CEDICT glosses as verbs.
    cedict_verbs: Table,
    zh_max_chars: usize,
    en_max_words: usize,
}

impl Lexicon {
    /// Returns the lexicon built from the bundled glossary, synonym list and CC-CEDICT
    /// extract, loaded once on first use.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// Translates an English word or phrase into Chinese terms, best first; a single word
    /// as written first, so that an exact glossary form (`=fired`) decides its senses.
    pub fn en_to_zh(&self, en: &str) -> Vec<Sense> {
        match english::words(en).as_slice() {
            [word] => self.en_word_senses(word, &english::stem(word)),
            _ => self.en_zh_by_key(&english::key(en)),
        }
    }

    /// Translates a Chinese word (simplified or traditional) into English words or phrases,
    /// best first.
    pub fn zh_to_en(&self, zh: &str) -> Vec<Sense> {
        self.zh_en_by_key(&to_simplified(zh.trim()))
    }

    /// Returns same-language synonyms and paraphrases of a term (资金 → 经费, deadline →
    /// before), best first.
    pub fn synonyms(&self, term: &str) -> Vec<Sense> {
        self.synonyms_by_key(&lookup_key(term))
    }

    /// Tells whether an English word or phrase has an entry (a translation or synonyms).
    pub fn knows_en(&self, en: &str) -> bool {
        !self.en_to_zh(en).is_empty() || !self.synonyms(en).is_empty()
    }

    /// Tells whether a simplified Chinese word has an entry (a translation or synonyms).
    pub fn knows_zh(&self, zh: &str) -> bool {
        self.zh_en.contains_key(zh)
            || self.synonyms.contains_key(zh)
            || self.cedict_zh_en.get(zh).is_some()
    }

    pub(crate) fn en_zh_by_key(&self, key: &str) -> Vec<Sense> {
        merged(self.en_zh.get(key), &self.cedict_en_zh, key, None)
    }

    /// Translates one English word as written (lower case) with its stem: a glossary
    /// entry for the very form (`=fired`, `=customer`) decides alone, for its stem is
    /// shared with another word (fire, customs); otherwise the stem's senses.
    pub(crate) fn en_word_senses(&self, word: &str, stem: &str) -> Vec<Sense> {
        match self.en_zh.get(&format!("{EXACT_MARK}{word}")) {
            Some(exact) => exact.clone(),
            None => {
                merged(self.en_zh.get(stem), &self.cedict_en_zh, stem, Some(&english::lemma(word)))
            }
        }
    }

    pub(crate) fn zh_en_by_key(&self, zh: &str) -> Vec<Sense> {
        merged(self.zh_en.get(zh), &self.cedict_zh_en, zh, None)
    }

    /// Tells whether CC-CEDICT glosses a Chinese word as a verb: `Some(true)` for a verb
    /// (缴纳 "to pay (taxes etc)"), `Some(false)` for a word it glosses only otherwise (工资
    /// "wages; pay"), `None` for a word it lacks.
    pub(crate) fn glossed_as_verb(&self, zh: &str) -> Option<bool> {
        if self.cedict_verbs.get(zh).is_some() {
            return Some(true);
        }
        self.cedict_zh_en.get(zh).map(|_| false)
    }

    pub(crate) fn synonyms_by_key(&self, key: &str) -> Vec<Sense> {
        self.synonyms.get(key).cloned().unwrap_or_default()
    }

    /// Returns how many Chinese headwords the dictionary part holds.
    pub fn dictionary_entries(&self) -> usize {
        self.cedict_zh_en.len()
    }

    /// Returns the longest Chinese entry, in chars.
    pub fn zh_max_chars(&self) -> usize {
        self.zh_max_chars
    }

    /// Returns the longest English entry, in words.
    pub fn en_max_words(&self) -> usize {
        self.en_max_words
    }
}

/// How much of its weight a dictionary sense keeps when it came from another word of the
/// query word's stem than the query word itself ("socialism" for "social", "organ" for
/// "organization") while some sense came from the word itself.
const DERIVED_FACTOR: f32 = 0.5;

/// Joins reviewed senses with dictionary senses, best first. With the word family of an
/// English query word (see [`english::lemma`]), the senses glossed by that family lead
/// those glossed by other words of its stem, reviewed ones included.
fn merged(
    reviewed: Option<&Vec<Sense>>,
    table: &Table,
    key: &str,
    family: Option<&str>,
) -> Vec<Sense> {
    let of_family =
        |families: Option<&str>| families.is_some_and(|f| f.split(',').any(|f| Some(f) == family));
    let mut senses = reviewed.cloned().unwrap_or_default();
    let decoded: Vec<cedict::Encoded> =
        table.get(key).map(|value| cedict::decode(value).collect()).unwrap_or_default();
    let own = |e: &cedict::Encoded| of_family(e.families);
    let some_own = decoded.iter().any(own);
    if some_own || senses.iter().any(|s| of_family(s.families.as_deref())) {
        // A reviewed translation of another word of the stem ("central" for
        // "centralized") weighs as a dictionary sense of that word does.
        for sense in senses.iter_mut().filter(|s| s.families.is_some()) {
            if !of_family(sense.families.as_deref()) {
                sense.weight *= DERIVED_FACTOR;
            }
        }
    }
    for encoded in decoded {
        let factor = if some_own && !own(&encoded) { DERIVED_FACTOR } else { 1.0 };
        senses.push(Sense {
            term: encoded.term.to_owned(),
            weight: encoded.weight * factor,
            origin: Origin::Cedict,
            families: None,
        });
    }
    finish_senses(&mut senses);
    senses
}

/// The key a term is stored under: simplified Chinese as is, English stemmed.
fn lookup_key(term: &str) -> String {
    let term = term.trim();
    if term.chars().any(is_cjk) {
        to_simplified(term)
    } else {
        english::key(term)
    }
}

/// Collects glossary, synonym and dictionary data, then builds an immutable [`Lexicon`].
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    lexicon: Lexicon,
}

impl LexiconBuilder {
    /// Starts an empty lexicon.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds a glossary: `zh|zh variant<TAB>english|english variant` lines, `#` comments.
    /// Every Chinese form translates to every English form and back, and the Chinese
    /// forms (全称 and 简称) become synonyms of one another.
    pub fn add_glossary(&mut self, source_name: &str, text: &str) -> Result<&mut Self> {
        for (index, line) in data_lines(text) {
            let Some((zh_side, en_side)) = line.split_once('\t') else {
                return Err(malformed(source_name, index, "expected zh<TAB>en"));
            };
            let zh_forms = split_variants(zh_side);
            let en_forms = split_variants(en_side);
            if zh_forms.is_empty() || en_forms.is_empty() {
                return Err(malformed(source_name, index, "empty side"));
            }
            self.add_glossary_entry(&zh_forms, &en_forms);
        }
        Ok(self)
    }

    fn add_glossary_entry(&mut self, zh_forms: &[String], en_forms: &[String]) {
        let lex = &mut self.lexicon;
        for (zi, zh) in zh_forms.iter().enumerate() {
            let zh_weight = if zi == 0 { GLOSSARY_WEIGHT } else { GLOSSARY_VARIANT_WEIGHT };
            for (ei, en) in en_forms.iter().enumerate() {
                let en_weight = if ei == 0 { GLOSSARY_WEIGHT } else { GLOSSARY_VARIANT_WEIGHT };
                let en_term = en.trim_start_matches(EXACT_MARK).to_ascii_lowercase();
                push(&mut lex.zh_en, zh, &en_term, en_weight, Origin::Glossary);
                // `=fired` stands for that form only, not for every word of its stem.
                let key = match en.strip_prefix(EXACT_MARK) {
                    Some(form) => format!("{EXACT_MARK}{}", form.to_ascii_lowercase()),
                    None => english::key(en),
                };
                push(&mut lex.en_zh, &key, zh, zh_weight, Origin::Glossary);
                let one_word = !en_term.contains(' ') && !en.starts_with(EXACT_MARK);
                if let Some(sense) = lex.en_zh.get_mut(&key).and_then(|s| s.last_mut()) {
                    sense.families = one_word.then(|| english::lemma(&en_term));
                }
            }
            for other in zh_forms.iter().filter(|other| *other != zh) {
                push(&mut lex.synonyms, zh, other, GLOSSARY_VARIANT_WEIGHT, Origin::Glossary);
            }
        }
    }

    /// Adds a synonym list: `a|b|c` makes a group whose members all stand for one another;
    /// `a => b|c` lets `a` expand to `b` and `c` only. `#` starts a comment line.
    pub fn add_synonyms(&mut self, source_name: &str, text: &str) -> Result<&mut Self> {
        for (index, line) in data_lines(text) {
            let (heads, targets, weight, origin, enough) = match line.split_once("=>") {
                Some((head, rest)) => {
                    let (heads, targets) = (split_variants(head), split_variants(rest));
                    let enough = !heads.is_empty() && !targets.is_empty();
                    (heads, targets, ONE_WAY_SYNONYM_WEIGHT, Origin::Paraphrase, enough)
                }
                None => {
                    let group = split_variants(line);
                    let enough = group.len() >= 2;
                    (group.clone(), group, SYNONYM_WEIGHT, Origin::Synonym, enough)
                }
            };
            if !enough {
                return Err(malformed(source_name, index, "a synonym line needs two terms"));
            }
            for head in &heads {
                let key = lookup_key(head);
                for target in targets.iter().filter(|t| *t != head) {
                    let term = if target.chars().any(is_cjk) {
                        target.clone()
                    } else {
                        target.to_ascii_lowercase()
                    };
                    push(&mut self.lexicon.synonyms, &key, &term, weight, origin);
                }
            }
        }
        Ok(self)
    }

    /// Adds a CC-CEDICT extract: `simplified<TAB>gloss/gloss/...` lines (see
    /// `tools/extract.py`), replacing any dictionary added before. Lines of any other shape
    /// are skipped, as the dictionary is community data, not reviewed here.
    pub fn add_cedict(&mut self, text: &str) -> &mut Self {
        let (zh_en, en_zh) = cedict::encode(text);
        self.lexicon.cedict_zh_en = Table::new(Cow::Owned(zh_en));
        self.lexicon.cedict_en_zh = Table::new(Cow::Owned(en_zh));
        self.lexicon.cedict_verbs = Table::new(Cow::Owned(cedict::encode_verbs(text)));
        self
    }

    /// Sorts every entry best first, keeping the strongest sense of each term.
    pub fn build(self) -> Lexicon {
        let mut lex = self.lexicon;
        for map in [&mut lex.zh_en, &mut lex.en_zh, &mut lex.synonyms] {
            for senses in map.values_mut() {
                finish_senses(senses);
            }
        }
        let zh_keys = lex.zh_en.keys().chain(lex.synonyms.keys());
        let reviewed_chars = zh_keys.map(|k| k.chars().count()).max().unwrap_or(0);
        lex.zh_max_chars = reviewed_chars.max(lex.cedict_zh_en.max_key_chars());
        let en_keys = lex.en_zh.keys().chain(lex.synonyms.keys());
        let reviewed_words = en_keys.map(|k| k.split(' ').count()).max().unwrap_or(0);
        lex.en_max_words = reviewed_words.max(lex.cedict_en_zh.max_key_words());
        lex
    }
}

/// Sorts senses by weight (then glossary first, then shorter term), dropping duplicates.
fn finish_senses(senses: &mut Vec<Sense>) {
    senses.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| origin_rank(a.origin).cmp(&origin_rank(b.origin)))
            .then_with(|| a.term.chars().count().cmp(&b.term.chars().count()))
    });
    // A term kept once stands for the families of every form it came from; for its whole
    // key when one of them did.
    let mut families: HashMap<String, Option<String>> = HashMap::new();
    for sense in senses.iter() {
        match families.get_mut(&sense.term) {
            None => {
                families.insert(sense.term.clone(), sense.families.clone());
            }
            Some(slot) => {
                *slot = match (slot.take(), &sense.families) {
                    (Some(kept), Some(more)) if kept.split(',').any(|f| f == more) => Some(kept),
                    (Some(kept), Some(more)) => Some(format!("{kept},{more}")),
                    _ => None,
                };
            }
        }
    }
    let mut seen = HashSet::new();
    senses.retain(|s| seen.insert(s.term.clone()));
    for sense in senses.iter_mut() {
        sense.families = families.remove(&sense.term).flatten();
    }
}

fn origin_rank(origin: Origin) -> u8 {
    match origin {
        Origin::Glossary | Origin::Number => 0,
        Origin::Synonym | Origin::Paraphrase => 1,
        Origin::Cedict | Origin::Compound => 2,
    }
}

fn push(map: &mut HashMap<String, Vec<Sense>>, key: &str, term: &str, weight: f32, origin: Origin) {
    if key.is_empty() || term.is_empty() || key == term {
        return;
    }
    let sense = Sense { term: term.to_owned(), weight, origin, families: None };
    map.entry(key.to_owned()).or_default().push(sense);
}

/// Yields `(1-based line number, line)` for non-empty, non-comment lines.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
}

fn split_variants(side: &str) -> Vec<String> {
    side.split('|').map(str::trim).filter(|s| !s.is_empty()).map(to_simplified).collect()
}

fn malformed(source_name: &str, line: usize, reason: &'static str) -> Error {
    Error::MalformedLine { source_name: source_name.to_owned(), line, reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(senses: &[Sense]) -> Vec<&str> {
        senses.iter().map(|s| s.term.as_str()).collect()
    }

    #[test]
    fn glossary_translates_both_ways() {
        let lex = Lexicon::builtin();
        let senses = lex.en_to_zh("pilot cities");
        assert_eq!(senses[0].term, "试点城市");
        assert_eq!(senses[0].origin, Origin::Glossary);
        assert!(terms(&lex.zh_to_en("专款专用")).contains(&"earmarked for special use"));
        assert_eq!(lex.en_to_zh("MIIT")[0].term, "工业和信息化部");
        assert!(terms(&lex.en_to_zh("Ministry of Finance")).contains(&"财政部"));
        assert!(terms(&lex.zh_to_en("国家发展改革委")).contains(&"ndrc"));
    }

    #[test]
    fn a_reviewed_translation_of_another_word_of_the_stem_weighs_as_a_derived_sense() {
        let mut builder = LexiconBuilder::new();
        builder.add_glossary("g.tsv", "中部\tcentral\n用户\tuser|users\n").expect("valid glossary");
        builder.add_cedict("集中\tto centralize/centralized\n中央\tcentral\n使用者\tuser\n");
        let lex = builder.build();
        let weight = |senses: &[Sense], term: &str| {
            senses.iter().find(|s| s.term == term).map(|s| s.weight).unwrap_or_default()
        };
        let central = lex.en_word_senses("central", &english::stem("central"));
        assert_eq!(terms(&central).first(), Some(&"中部"), "{central:?}");
        // "centralized" shares the stem of "central" but not its family: the reviewed
        // 中部 keeps half its weight, as the dictionary's 中央 does, and 集中 stays close.
        let centralized = lex.en_word_senses("centralized", &english::stem("centralized"));
        assert!((weight(&centralized, "中部") - 0.5).abs() < 1e-6, "{centralized:?}");
        assert!(weight(&centralized, "集中") > weight(&centralized, "中央"), "{centralized:?}");
        // Forms of one family ("user", "users") keep the reviewed sense whole, and the
        // dictionary's senses of that family keep theirs.
        let users = lex.en_word_senses("users", &english::stem("users"));
        assert_eq!(weight(&users, "用户"), 1.0, "{users:?}");
        assert_eq!(weight(&users, "使用者"), weight(&lex.en_word_senses("user", "user"), "使用者"));
        assert!(weight(&users, "使用者") > 0.0, "{users:?}");
    }

    #[test]
    fn an_exact_form_decides_its_own_senses_and_leaves_its_stem_alone() {
        let lex = Lexicon::builtin();
        let en = |word: &str| english::stem(word);
        let fired = lex.en_word_senses("fired", &en("fired"));
        assert_eq!(terms(&fired).first(), Some(&"辞退"), "{fired:?}");
        assert!(!terms(&fired).contains(&"火灾"), "{fired:?}");
        assert!(terms(&lex.en_word_senses("fire", &en("fire"))).contains(&"火灾"));
        let customer = lex.en_word_senses("customer", &en("customer"));
        let customer = terms(&customer);
        assert!(customer.contains(&"消费者") && !customer.contains(&"海关"), "{customer:?}");
        assert!(terms(&lex.en_word_senses("customs", &en("customs"))).contains(&"海关"));
        assert_eq!(lex.en_to_zh("Fired"), fired, "the public lookup agrees");
        // The other direction reads the form without its mark.
        assert!(terms(&lex.zh_to_en("辞退")).contains(&"fired"));
    }

    #[test]
    fn senses_glossed_by_the_word_itself_lead_those_of_its_stem_relatives() {
        let mut builder = LexiconBuilder::new();
        builder
            .add_cedict("社会主义\tsocialism\n社会性\tsocial\n器官\torgan\n组织\torganization\n");
        let lex = builder.build();
        let social = lex.en_to_zh("social");
        assert_eq!(terms(&social), vec!["社会性", "社会主义"]);
        assert!(social[1].weight < social[0].weight, "{social:?}");
        assert_eq!(terms(&lex.en_to_zh("socialism")), vec!["社会主义", "社会性"]);
        assert_eq!(terms(&lex.en_to_zh("organizations")), vec!["组织", "器官"]);
        assert_eq!(terms(&lex.en_to_zh("organs")), vec!["器官", "组织"]);
        // A word no gloss writes keeps the dictionary's own order.
        let socially = lex.en_to_zh("socially");
        assert_eq!(socially.len(), 2);
        assert_eq!(socially[0].weight, socially[1].weight, "{socially:?}");
    }

    #[test]
    fn supplement_senses_join_the_dictionary() {
        let lex = Lexicon::builtin();
        assert!(terms(&lex.en_to_zh("emergency exits")).contains(&"安全出口"));
        assert!(terms(&lex.en_to_zh("block")).contains(&"堵塞"));
        assert!(terms(&lex.en_to_zh("conscript")).contains(&"征集"));
        // Dictionary senses, not reviewed ones: they rank by the corpus's use.
        let block = lex.en_to_zh("block");
        assert!(block.iter().all(|s| s.origin == Origin::Cedict), "{block:?}");
        for (_, line) in data_lines(include_str!("../data/supplement.tsv")) {
            let (zh, glosses) = line.split_once('\t').expect("supplement line has a tab");
            assert_eq!(to_simplified(zh), zh, "supplement headword not simplified: {zh}");
            assert!(glosses.split('/').all(|g| !g.trim().is_empty()), "{line}");
        }
    }

    #[test]
    fn traditional_input_finds_simplified_entries() {
        let lex = Lexicon::builtin();
        assert!(terms(&lex.zh_to_en("試點城市")).contains(&"pilot city"));
        assert!(terms(&lex.synonyms("資金")).contains(&"经费"));
    }

    #[test]
    fn abbreviations_are_synonyms_of_full_names() {
        let lex = Lexicon::builtin();
        assert!(terms(&lex.synonyms("工信部")).contains(&"工业和信息化部"));
        assert!(terms(&lex.synonyms("工业和信息化部")).contains(&"工信部"));
    }

    #[test]
    fn synonym_lists_work_in_both_languages() {
        let lex = Lexicon::builtin();
        assert!(terms(&lex.synonyms("不得")).contains(&"禁止"));
        let deadline = lex.synonyms("deadlines");
        assert!(terms(&deadline).contains(&"no later than"));
        // One-way: "before" does not expand back to "deadline".
        assert!(!terms(&lex.synonyms("before")).contains(&"deadline"));
    }

    #[test]
    fn cedict_senses_are_loaded_and_cleaned() {
        let lex = Lexicon::builtin();
        let zh = terms(&lex.en_to_zh("procure")).into_iter().map(str::to_owned).collect::<Vec<_>>();
        assert!(zh.contains(&"采购".to_owned()) && zh.contains(&"拉皮条".to_owned()));
        let en = lex.zh_to_en("经费");
        assert!(terms(&en).contains(&"funds"));
        assert!(en.iter().all(|s| !s.term.contains("cl:")));
    }

    #[test]
    fn bundled_glossary_is_simplified_and_complete() {
        let mut rows = 0;
        for (_, line) in data_lines(GLOSSARY) {
            let (zh, en) = line.split_once('\t').expect("glossary line has a tab");
            assert_eq!(to_simplified(zh), zh, "glossary entry not simplified: {zh}");
            assert!(!en.trim().is_empty());
            rows += 1;
        }
        assert!(rows >= 150, "only {rows} glossary rows");
    }

    #[test]
    fn rejects_malformed_glossary_lines() {
        let mut builder = LexiconBuilder::new();
        let err = builder
            .add_glossary("test.tsv", "# comment\n试点城市\tpilot city\n没有制表符\n")
            .unwrap_err();
        assert!(matches!(err, Error::MalformedLine { line: 3, .. }), "{err}");
    }

    #[test]
    fn rejects_one_term_synonym_lines() {
        let mut builder = LexiconBuilder::new();
        assert!(builder.add_synonyms("s.tsv", "资金\n").is_err());
        assert!(builder.add_synonyms("s.tsv", "a =>\n").is_err());
        assert!(builder.add_synonyms("s.tsv", "资金|经费\ndeadline => before\n").is_ok());
    }

    #[test]
    fn dictionary_order_puts_unqualified_senses_first() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("拉皮条\tto procure/to act as pimp\n采购\tto procure (for an enterprise etc)/to purchase\n");
        let lex = builder.build();
        // Without a corpus the dictionary alone prefers the wrong sense: expansion must
        // consult the corpus (see expand.rs tests).
        assert_eq!(terms(&lex.en_to_zh("procure")), vec!["拉皮条", "采购"]);
        assert_eq!(terms(&lex.en_to_zh("purchase")), vec!["采购"]);
    }

    #[test]
    fn prepositional_glosses_also_index_their_verb() {
        let mut builder = LexiconBuilder::new();
        builder.add_cedict("申请\tto apply for sth/application form (CL:份[fen4])\n");
        let lex = builder.build();
        assert_eq!(terms(&lex.en_to_zh("apply for")), vec!["申请"]);
        assert_eq!(terms(&lex.en_to_zh("apply")), vec!["申请"]);
        assert_eq!(terms(&lex.zh_to_en("申请")), vec!["apply for", "application form"]);
    }
}
