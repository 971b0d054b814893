//! CC-CEDICT senses as two sorted lookup tables (Chinese → English, English key →
//! Chinese). The build script encodes the bundled extract once (stemming 100k glosses
//! takes a while), so loading the built-in lexicon only has to find line starts.
//!
//! Table format, one entry per line, sorted by key (byte order):
//! `key<TAB>weight:term|weight:term`, weights in thousandths, best first.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::english::{self, clean_gloss};

/// Dictionary senses start lower than glossary ones: CC-CEDICT lists every sense of a
/// word, wanted or not.
const CEDICT_WEIGHT: f32 = 0.6;
/// Senses from the English → Chinese word list start a little below CC-CEDICT's: they
/// are renderings of a word in general use, not glosses of a Chinese term.
const WORD_LIST_WEIGHT: f32 = 0.4;
/// A gloss narrowed by a parenthesis ("to procure (for an enterprise etc)") is a weaker
/// match for the bare phrase.
const QUALIFIED_FACTOR: f32 = 0.75;
/// "apply for sth" also translates "apply", a little less surely.
const HEAD_VERB_FACTOR: f32 = 0.8;
/// Prepositions after which a gloss's first word also stands alone ("apply for" → "apply").
const TRAILING_PREPOSITIONS: &[&str] =
    &["about", "at", "for", "from", "in", "of", "on", "to", "with"];

/// Words that, right after a capitalised name opening a gloss, tell that the name is a
/// place: "Chengdu subprovincial city ...", "Shaanxi province (Shensi) ...".
const PLACE_WORDS: &[&str] = &[
    "province",
    "city",
    "subprovincial",
    "sub-provincial",
    "county",
    "prefecture",
    "district",
    "municipality",
];

/// Words that, later in a gloss opening with a name set off by a comma or a
/// parenthesis, tell that the name is a place: "Beijing, capital of the People's Republic
/// of China", "Tianjin, a municipality in northeast China", "Chongqing (Chungking),
/// formerly in Sichuan province".
const PLACE_DESCRIPTIONS: &[&str] =
    &["capital", "city", "province", "county", "municipality", "prefecture", "region", "island"];

/// Returns the place a gloss names, lower case, when the gloss opens with one
/// capitalised word followed by a place word, or set off by a comma or a parenthesis
/// from a description that names a kind of place. Such glosses go on to describe the
/// place ("... capital of Sichuan province 四川 in southwest China") and are too long,
/// and hold Chinese, so the phrase itself is never kept; the name alone translates.
fn place_name(gloss: &str) -> Option<String> {
    let mut words = gloss.split_whitespace();
    let first = words.next()?;
    let name = first.trim_end_matches(',');
    let capitalised = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if !capitalised || !name.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
        return None;
    }
    let raw_next = words.next()?;
    let next = raw_next.trim_end_matches(',').to_ascii_lowercase();
    let described = (first.ends_with(',') || raw_next.starts_with('('))
        && std::iter::once(next.as_str())
            .chain(words.map(|w| w.trim_matches(|c: char| !c.is_ascii_alphabetic())))
            .any(|w| PLACE_DESCRIPTIONS.contains(&w.to_ascii_lowercase().as_str()));
    (PLACE_WORDS.contains(&next.as_str()) || described).then(|| name.to_ascii_lowercase())
}

/// A sorted, line-based lookup table.
#[derive(Debug, Default)]
pub struct Table {
    text: Cow<'static, str>,
    starts: Vec<usize>,
    max_key_chars: usize,
    max_key_words: usize,
}

impl Table {
    /// Indexes an encoded table (see the module docs).
    pub fn new(text: Cow<'static, str>) -> Table {
        let mut starts = Vec::new();
        let (mut max_key_chars, mut max_key_words) = (0, 0);
        let bytes = text.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |at| offset + at);
            if let Some(tab) = memchr::memchr(b'\t', &bytes[offset..end]) {
                let key = &text[offset..offset + tab];
                starts.push(offset);
                max_key_chars = max_key_chars.max(key.chars().count());
                max_key_words = max_key_words.max(key.split(' ').count());
            }
            offset = end + 1;
        }
        Table { text, starts, max_key_chars, max_key_words }
    }

    /// Returns the longest key, in chars.
    pub fn max_key_chars(&self) -> usize {
        self.max_key_chars
    }

    /// Returns the longest key, in space-separated words.
    pub fn max_key_words(&self) -> usize {
        self.max_key_words
    }

    /// Returns the encoded senses of a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        let found = self.starts.binary_search_by(|&start| self.key_at(start).cmp(key)).ok()?;
        let line = self.line_at(self.starts[found]);
        line.split_once('\t').map(|(_, value)| value)
    }

    /// Returns the number of keys.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    fn line_at(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        rest.split('\n').next().unwrap_or(rest)
    }

    fn key_at(&self, start: usize) -> &str {
        let line = self.line_at(start);
        line.split_once('\t').map_or(line, |(key, _)| key)
    }
}

/// One decoded sense of a table entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Encoded<'a> {
    /// The weight, in (0, 1].
    pub weight: f32,
    /// The term.
    pub term: &'a str,
    /// The word families (see [`english::lemma`]) of the English glosses it came from,
    /// comma-separated, when the glosses under its key belong to more than one family.
    pub families: Option<&'a str>,
}

/// Decodes `weight:term|weight:term@family,family` into senses.
pub fn decode(value: &str) -> impl Iterator<Item = Encoded<'_>> {
    value.split('|').filter_map(|item| {
        let (weight, rest) = item.split_once(':')?;
        let milli: u16 = weight.parse().ok()?;
        let (term, families) = match rest.split_once(FAMILY_MARK) {
            Some((term, families)) => (term, Some(families)),
            None => (rest, None),
        };
        Some(Encoded { weight: f32::from(milli) / 1000.0, term, families })
    })
}

/// Sets the word family off a term in the English-key table. Neither a cleaned gloss
/// nor a headword of the bundled extract holds it.
const FAMILY_MARK: char = '@';

type Senses = BTreeMap<String, HashMap<String, f32>>;

/// The word families of the glosses behind each (key, term) of the English-key table.
type Families = HashMap<(String, String), BTreeSet<String>>;

/// Lists the headwords that CC-CEDICT glosses as verbs ("to pay (taxes etc)"), one per
/// line as `headword<TAB>`, sorted: a [`Table`] of them tells a verb from a noun (缴纳
/// from 工资 for "pay").
pub fn encode_verbs(cedict: &str) -> String {
    let verbs: BTreeSet<&str> = cedict
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .filter(|(_, glosses)| {
            glosses.split(['/', ';']).any(|gloss| gloss.trim_start().starts_with("to "))
        })
        .map(|(zh, _)| zh)
        .collect();
    verbs.into_iter().map(|zh| format!("{zh}\t\n")).collect()
}

/// Encodes a CC-CEDICT extract (`simplified<TAB>gloss/gloss` lines) into the Chinese →
/// English and English-key → Chinese tables.
pub fn encode(cedict: &str) -> (String, String) {
    encode_with(cedict, "")
}

/// [`encode`], with an English → Chinese word list (`word<TAB>term/term` lines, the
/// ECDICT extract) adding senses to the English-key table. CC-CEDICT glosses Chinese
/// words, so its English side misses the everyday English a question uses ("account"
/// gets only 会计 and 帐目 from it, never 账户); the word list gives each English word its
/// usual renderings, best first.
pub fn encode_with(cedict: &str, english_words: &str) -> (String, String) {
    let mut zh_en: Senses = BTreeMap::new();
    let mut en_zh: Senses = BTreeMap::new();
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut families: Families = HashMap::new();
    let common = lower_case_words(cedict);
    for line in cedict.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((zh, glosses)) = line.split_once('\t') else { continue };
        let single_char = zh.chars().count() == 1;
        for (gloss_index, gloss) in glosses.split('/').enumerate() {
            let position = 1.0 / (1.0 + 0.25 * gloss_index as f32);
            let place = place_name(gloss).filter(|p| !single_char && !common.contains(p.as_str()));
            if let Some(place) = place {
                let weight = CEDICT_WEIGHT * position;
                add(&mut zh_en, zh, &place, weight);
                let key = cached_stem(&mut stems, &place);
                add(&mut en_zh, &key, zh, weight);
                note_family(&mut families, &key, zh, &place);
            }
            for clean in clean_gloss(gloss) {
                let narrowed = if clean.qualified { QUALIFIED_FACTOR } else { 1.0 };
                let weight = CEDICT_WEIGHT * position * narrowed;
                add(&mut zh_en, zh, &clean.phrase, weight);
                // A one-character word is a poor search term for an English concept (一 for
                // "one", 漏 for "leak"): it translates into English but not back.
                if single_char {
                    continue;
                }
                let words: Vec<&str> = clean.phrase.split(' ').collect();
                let key: Vec<String> = words.iter().map(|w| cached_stem(&mut stems, w)).collect();
                add(&mut en_zh, &key.join(" "), zh, weight);
                note_family(&mut families, &key.join(" "), zh, &clean.phrase);
                if let ([head, preposition], [head_key, _]) = (words.as_slice(), key.as_slice()) {
                    if TRAILING_PREPOSITIONS.contains(preposition) {
                        add(&mut en_zh, head_key, zh, weight * HEAD_VERB_FACTOR);
                        note_family(&mut families, head_key, zh, head);
                    }
                }
            }
        }
    }
    for line in english_words.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((word, terms)) = line.split_once('\t') else { continue };
        let phrase = word.trim().to_ascii_lowercase();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        if words.is_empty() || words.len() > english::MAX_GLOSS_WORDS {
            continue;
        }
        let key: Vec<String> = words.iter().map(|w| cached_stem(&mut stems, w)).collect();
        let key = key.join(" ");
        for (index, term) in terms.split('/').enumerate() {
            if term.chars().count() < 2 {
                continue;
            }
            let weight = WORD_LIST_WEIGHT / (1.0 + 0.25 * index as f32);
            add(&mut en_zh, &key, term, weight);
            note_family(&mut families, &key, term, &words.join(" "));
        }
    }
    (render(zh_en, &HashMap::new()), render(en_zh, &families))
}

/// Notes the word family of a gloss a (key, term) came from.
fn note_family(families: &mut Families, key: &str, term: &str, gloss: &str) {
    let family: Vec<String> = gloss.split(' ').map(english::lemma).collect();
    families.entry((key.to_owned(), term.to_owned())).or_default().insert(family.join(" "));
}

/// The words the dictionary writes in lower case somewhere in its glosses: a
/// capitalised name among them ("Central, a district of Hong Kong") is also a common
/// word ("central"), and is not taken for a place.
fn lower_case_words(cedict: &str) -> HashSet<&str> {
    cedict
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .flat_map(|(_, glosses)| glosses.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_lowercase()))
        .collect()
}

fn cached_stem(cache: &mut HashMap<String, String>, word: &str) -> String {
    if let Some(stem) = cache.get(word) {
        return stem.clone();
    }
    let stem = english::gloss_stem(word);
    cache.insert(word.to_owned(), stem.clone());
    stem
}

fn add(map: &mut Senses, key: &str, term: &str, weight: f32) {
    if key.is_empty() || term.is_empty() || key.contains(['\t', '\n']) {
        return;
    }
    let slot = map.entry(key.to_owned()).or_default().entry(term.to_owned()).or_insert(0.0);
    *slot = slot.max(weight);
}

/// Writes a table. A term carries its word family when the terms of its key come from
/// more than one family ("social" and "socialism" share the key `social`).
fn render(map: Senses, families: &Families) -> String {
    let mut out = String::new();
    for (key, senses) in map {
        let family_of = |term: &str| families.get(&(key.clone(), term.to_owned()));
        let distinct: HashSet<&String> =
            senses.keys().filter_map(|t| family_of(t)).flatten().collect();
        let mut senses: Vec<(String, f32)> = senses.into_iter().collect();
        // Weight, then length, then the term itself: the tables come out the same on
        // every build, whatever order the hash map gave.
        senses.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| a.0.chars().count().cmp(&b.0.chars().count()))
                .then_with(|| a.0.cmp(&b.0))
        });
        out.push_str(&key);
        out.push('\t');
        for (index, (term, weight)) in senses.iter().enumerate() {
            if index > 0 {
                out.push('|');
            }
            let milli = (weight * 1000.0).round().clamp(1.0, 1000.0) as u16;
            out.push_str(&format!("{milli}:{term}"));
            if let Some(family) = family_of(term).filter(|_| distinct.len() > 1) {
                out.push(FAMILY_MARK);
                out.push_str(&family.iter().cloned().collect::<Vec<_>>().join(","));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_the_headwords_glossed_with_to() {
        let verbs =
            encode_verbs("工资\twages; pay\n缴纳\tto pay (taxes etc)\n罚款\tpenalty/to fine\n");
        let table = Table::new(Cow::Owned(verbs));
        assert!(table.get("缴纳").is_some());
        assert!(table.get("罚款").is_some(), "a noun that is also a verb");
        assert!(table.get("工资").is_none());
    }

    const SAMPLE: &str = "# comment\n采购\tto procure (for an enterprise etc)/to purchase\n拉皮条\tto procure/to act as pimp\n申请\tto apply for sth/application form (CL:份[fen4])\n";

    fn senses(table: &Table, key: &str) -> Vec<(f32, String)> {
        table
            .get(key)
            .map(|v| decode(v).map(|e| (e.weight, e.term.to_owned())).collect())
            .unwrap_or_default()
    }

    #[test]
    fn senses_of_equal_weight_come_out_in_one_order_on_every_build() {
        // Eight words glossed alike: equal weight, equal length.
        let sample: String =
            "甲乙丙丁戊己庚辛".chars().map(|c| format!("{c}{c}\tto record\n")).collect();
        let first = encode(&sample);
        for _ in 0..20 {
            assert_eq!(encode(&sample), first);
        }
        let en_zh = Table::new(Cow::Owned(first.1));
        let terms: Vec<String> =
            senses(&en_zh, &english::key("record")).into_iter().map(|(_, t)| t).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(terms, sorted);
    }

    #[test]
    fn place_names_translate_without_their_description() {
        let sample = "中环\tCentral, a district of Hong Kong Island/central ring\n成都\tChengdu subprovincial city and capital of Sichuan province 四川 in southwest China\n西安\tXi'an, sub-provincial city and capital of Shaanxi 陝西省|陕西省[Shan3 xi1 Sheng3]\n李\tsurname Li/plum\n苹果\tapple/Apple Inc.\n";
        let (zh_en, en_zh) = encode(sample);
        let zh_en = Table::new(Cow::Owned(zh_en));
        let en_zh = Table::new(Cow::Owned(en_zh));
        assert_eq!(senses(&en_zh, &english::key("Chengdu"))[0].1, "成都");
        assert_eq!(senses(&en_zh, &english::key("Xi'an"))[0].1, "西安");
        assert_eq!(senses(&zh_en, "成都")[0].1, "chengdu");
        let central = senses(&en_zh, &english::key("central"));
        assert!(central.is_empty(), "a common word is no place name: {central:?}");
        assert_eq!(place_name("Apple Inc."), None);
        assert_eq!(place_name("surname Li"), None);
        assert_eq!(place_name("Hainan Province, in the South China Sea"), Some("hainan".into()));
        let beijing = "Beijing, capital of the People's Republic of China";
        assert_eq!(place_name(beijing), Some("beijing".into()));
        assert_eq!(
            place_name("Tianjin, a municipality in northeast China"),
            Some("tianjin".into())
        );
        let chongqing = "Chongqing (Chungking), formerly in Sichuan province, a municipality";
        assert_eq!(place_name(chongqing), Some("chongqing".into()));
        assert_eq!(place_name("Buddha, the enlightened one"), None, "no kind of place");
    }

    #[test]
    fn terms_carry_their_gloss_family_when_a_stem_joins_several() {
        let sample = "社会性\tsocial\n社会主义\tsocialism\n器官\torgan\n组织\torganization/to organize\n基金\tfund\n资助\tto fund/funding\n";
        let (_, en_zh) = encode(sample);
        let en_zh = Table::new(Cow::Owned(en_zh));
        let families = |key: &str| -> Vec<(String, Option<String>)> {
            decode(en_zh.get(&english::key(key)).unwrap_or_default())
                .map(|e| (e.term.to_owned(), e.families.map(str::to_owned)))
                .collect()
        };
        let social = families("social");
        assert!(social.contains(&("社会主义".into(), Some("socialism".into()))), "{social:?}");
        assert!(social.contains(&("社会性".into(), Some("social".into()))), "{social:?}");
        let organ = families("organ");
        let both = format!("{},{}", english::lemma("organize"), english::lemma("organization"));
        assert!(organ.contains(&("组织".into(), Some(both))), "{organ:?}");
        // One family under the key: nothing to tell apart, nothing written.
        assert!(families("fund").iter().all(|(_, f)| f.is_none()), "{:?}", families("fund"));
    }

    #[test]
    fn encodes_both_directions() {
        let (zh_en, en_zh) = encode(SAMPLE);
        let zh_en = Table::new(Cow::Owned(zh_en));
        let en_zh = Table::new(Cow::Owned(en_zh));
        assert_eq!(zh_en.len(), 3);
        let procure = senses(&en_zh, &english::key("procure"));
        assert_eq!(
            procure.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["拉皮条", "采购"]
        );
        assert!(procure[0].0 > procure[1].0);
        let apply = senses(&en_zh, &english::key("apply"));
        assert_eq!(apply[0].1, "申请");
        let zh = senses(&zh_en, "申请");
        assert_eq!(
            zh.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
            vec!["apply for", "application form"]
        );
    }

    #[test]
    fn single_characters_translate_one_way() {
        let (zh_en, en_zh) = encode("漏\tto leak/to omit\n泄露\tto leak (information)\n");
        let (zh_en, en_zh) = (Table::new(Cow::Owned(zh_en)), Table::new(Cow::Owned(en_zh)));
        assert_eq!(senses(&zh_en, "漏")[0].1, "leak");
        let leak: Vec<String> =
            senses(&en_zh, &english::key("leak")).into_iter().map(|(_, t)| t).collect();
        assert_eq!(leak, vec!["泄露".to_owned()]);
    }

    #[test]
    fn the_word_list_adds_english_senses_only() {
        let cedict = "会计\taccounting/accountant\n账户\tbank account\n";
        let (zh_en, en_zh) = encode_with(cedict, "# header\naccount\t报告/账号/账\nbad line\n");
        let (zh_en, en_zh) = (Table::new(Cow::Owned(zh_en)), Table::new(Cow::Owned(en_zh)));
        let account = senses(&en_zh, "account");
        let terms: Vec<&str> = account.iter().map(|(_, t)| t.as_str()).collect();
        // Beside the dictionary's 会计 ("accounting" shares the stem), in the list's
        // order, weaker down the list; a lone character is no search term.
        let weight = |term: &str| account.iter().find(|(_, t)| t == term).map(|(w, _)| *w);
        assert_eq!(terms, ["会计", "报告", "账号"], "{account:?}");
        assert!(weight("报告") > weight("账号"), "{account:?}");
        // The dictionary's own senses of the key stay.
        assert!(senses(&en_zh, "bank account").iter().any(|(_, t)| t == "账户"));
        // Chinese → English is the dictionary's alone.
        assert!(senses(&zh_en, "报告").is_empty());
        assert!(senses(&zh_en, "会计").iter().any(|(_, t)| t == "accounting"));
    }

    #[test]
    fn lookups_miss_cleanly() {
        let (zh_en, _) = encode(SAMPLE);
        let table = Table::new(Cow::Owned(zh_en));
        assert!(table.get("不存在").is_none());
        assert!(table.get("").is_none());
        assert!(Table::default().get("采购").is_none());
    }

    #[test]
    fn decode_skips_bad_items() {
        let decoded: Vec<(f32, &str)> =
            decode("600:funds|bad|x:y|450:capital").map(|e| (e.weight, e.term)).collect();
        assert_eq!(decoded, vec![(0.6, "funds"), (0.45, "capital")]);
        let marked: Vec<Option<&str>> = decode("600:社会@social|300:社会主义@socialism,socialist")
            .map(|e| e.families)
            .collect();
        assert_eq!(marked, vec![Some("social"), Some("socialism,socialist")]);
    }
}
