//! Articles named by their law: `宪法第三十四条`, `《会计法》第十条`, `个人所得税法 第6条`.
//!
//! A reviewer pastes such a reference, and wants that article, not every law's article of
//! that number (`第三十四条` is in a hundred laws) nor the clauses that quote the law's
//! name. So a query naming an article of a law the index holds searches that law, every
//! version of it, and puts the article first, as a document number does for a notice.
//! A name the index holds no law of stays an ordinary query word.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;
use tantivy::Searcher;
use tiaowen_lexicon::to_simplified;
use tiaowen_text::{chinese_numeral, parse_chinese_number};

use crate::generation::GenerationCache;
use crate::schema::Fields;
use crate::validity::all_documents;
use crate::Result;

/// The English words for a kind of act, as a regex group capturing the word (`Law`,
/// `Regulations`); [`kind_endings`] gives its Chinese title endings.
pub(crate) const ENGLISH_KIND: &str = r"(laws?|regulations?|measures?|provisions?|rules?)";
/// What may follow an English act's name and kind: `of the People's Republic of China`,
/// `of the PRC`, `of China`.
pub(crate) const ENGLISH_CHINA: &str =
    r"(?:\s+of\s+(?:the\s+)?(?:people's\s+republic\s+of\s+china|prc|china))?";

/// The prefix of national laws' full titles, which references leave out.
const STATE_PREFIX: &str = "中华人民共和国";
/// The fewest characters of a law's name in a reference (法 alone names no law).
pub(crate) const MIN_NAME_CHARS: usize = 2;
/// The endings of the titles of acts (laws, regulations, measures, rules), which a
/// question may name without book-title marks; notices are not named that way.
pub(crate) const ACT_ENDINGS: [&str; 7] = ["法", "法典", "条例", "办法", "规定", "规则", "细则"];

/// An article a query names, in a law the index holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ArticleRef {
    /// The law's short name as the query wrote it (`宪法`).
    pub law: String,
    /// The ids of the law's documents, every version.
    pub ids: Vec<String>,
    /// The article's number (34 for `第三十四条`).
    pub number: u32,
}

/// Documents by title: each law's title without [`STATE_PREFIX`], folded to simplified
/// characters, with the ids of the documents bearing it.
pub(crate) type TitleMap = HashMap<String, Vec<String>>;

/// Caches the title map of the last searcher generation it was asked about.
#[derive(Default)]
pub(crate) struct TitleCache(GenerationCache<TitleMap>);

impl TitleCache {
    /// The title map for this searcher's commit, read anew after each commit.
    pub(crate) fn get(&self, searcher: &Searcher, fields: Fields) -> Result<Arc<TitleMap>> {
        self.0.get_or_derive(searcher, || {
            let mut map = TitleMap::new();
            for document in all_documents(searcher, fields)? {
                let ids = map.entry(title_key(&document.title)).or_default();
                if !ids.contains(&document.id) {
                    ids.push(document.id);
                }
            }
            for ids in map.values_mut() {
                ids.sort();
            }
            Ok(map)
        })
    }
}

/// The key a title is found by: folded to simplified characters, without
/// [`STATE_PREFIX`] and surrounding space.
pub(crate) fn title_key(title: &str) -> String {
    let title = to_simplified(title.trim());
    title.strip_prefix(STATE_PREFIX).unwrap_or(&title).trim().to_owned()
}

/// A law's name (in book-title marks or not), then an article number: the name is taken
/// lazily, so it is the longest run of Chinese characters before the number, which
/// [`take_article_refs`] then shortens from the left until a law bears it.
fn reference_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"《?(\p{Han}{2,60}?)》?\s*第\s*([〇零一二两三四五六七八九十百千0-9]{1,8})\s*[条條]",
        )
        .expect("the article reference pattern compiles")
    })
}

/// An article number, then a law's name (`第三十四条 宪法`): the name is the whole run of
/// Chinese characters after the number, which [`take_article_refs`] shortens from the
/// right until a law bears it.
fn trailing_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"第\s*([〇零一二两三四五六七八九十百千0-9]{1,8})\s*[条條]\s*《?(\p{Han}{2,60})》?",
        )
        .expect("the trailing law pattern compiles")
    })
}

/// Parses an article number written in Chinese numerals or digits.
fn article_number(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().filter(|&n| n > 0 && n < 10_000);
    }
    parse_chinese_number(text)
}

/// Tells whether a query may name an article (it writes 第 or "art"), so that the laws'
/// titles are worth reading.
pub(crate) fn may_name_article(query: &str) -> bool {
    query.contains('第') || query.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"art"))
}

/// An article reference found in a query: the span it takes (the law's name, the number),
/// the law and the article's number.
struct Found {
    span: Range<usize>,
    law: String,
    ids: Vec<String>,
    number: u32,
}

/// Writes the query with each found reference's span replaced by the article number as the
/// laws write it (第10條 → 第十条), and returns it with the references. Spans are in order
/// and apart.
fn rewrite(query: &str, found: Vec<Found>) -> (String, Vec<ArticleRef>) {
    let mut rest = String::with_capacity(query.len());
    let mut refs = Vec::new();
    let mut at = 0;
    for Found { span, law, ids, number } in found {
        let Some(numeral) = chinese_numeral(number) else { continue };
        rest.push_str(&query[at..span.start]);
        rest.push_str(&format!(" 第{numeral}条 "));
        at = span.end;
        refs.push(ArticleRef { law, ids, number });
    }
    rest.push_str(&query[at..]);
    (rest, refs)
}

/// Finds the article references of a query whose law `titles` holds, and returns the
/// query with those laws' names (and their book-title marks) taken out and the article
/// numbers written as the laws write them (第10條 → 第十条), so that the search looks in
/// the law for its article, and the references. A law may also follow its article
/// (`第三十四条 宪法`, `第十条 会计法规定了什么`): then it is the longest beginning of the run after
/// the number that a law bears.
pub(crate) fn take_article_refs(query: &str, titles: &TitleMap) -> (String, Vec<ArticleRef>) {
    let law_of = |run: &str, at: usize| -> Option<(String, Vec<String>)> {
        (run.chars().count() >= MIN_NAME_CHARS)
            .then(|| titles.get(&title_key(run)))
            .flatten()
            .map(|ids| (query[at..at + run.len()].to_owned(), ids.clone()))
    };
    let mut found = Vec::new();
    for captures in reference_pattern().captures_iter(query) {
        let (Some(whole), Some(name), Some(number)) =
            (captures.get(0), captures.get(1), captures.get(2))
        else {
            continue;
        };
        let Some(number) = article_number(number.as_str()) else { continue };
        // The longest ending of the run that names a law: 我想问宪法 → 宪法.
        let named = name.as_str().char_indices().find_map(|(start, _)| {
            law_of(&name.as_str()[start..], name.start() + start).map(|law| (start, law))
        });
        let Some((start, (law, ids))) = named else { continue };
        // The book-title mark before the name goes with it, when the name starts the run.
        let from = if start == 0 { whole.start() } else { name.start() + start };
        found.push(Found { span: from..whole.end(), law, ids, number });
    }
    if found.is_empty() {
        for captures in trailing_pattern().captures_iter(query) {
            let (Some(whole), Some(number), Some(name)) =
                (captures.get(0), captures.get(1), captures.get(2))
            else {
                continue;
            };
            let Some(number) = article_number(number.as_str()) else { continue };
            let ends: Vec<usize> =
                name.as_str().char_indices().map(|(i, c)| i + c.len_utf8()).rev().collect();
            let named = ends.iter().find_map(|&end| {
                law_of(&name.as_str()[..end], name.start()).map(|law| (name.start() + end, law))
            });
            let Some((end, (law, ids))) = named else { continue };
            // The name, with the book-title marks around it, leaves the query.
            let to = if query[end..].starts_with('》') { end + '》'.len_utf8() } else { end };
            found.push(Found { span: whole.start()..to, law, ids, number });
        }
    }
    rewrite(query, found)
}

/// A document named by its title in book-title marks (`《会计法》`, `《中华人民共和国会计法》`,
/// `《國務院關於…的通知》`) that the index holds: the title as the query wrote it and the
/// ids of the documents bearing it (every version of a law).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NamedTitle {
    /// The title as written, without the marks.
    pub title: String,
    /// The ids of the documents bearing it.
    pub ids: Vec<String>,
}

/// Takes the titles in book-title marks that name documents of `titles` out of the query,
/// so that the search looks in those documents for the other words (or, with none, lists
/// them), as a document number does. A title the index holds no document of stays an
/// ordinary query word (the clauses citing it hold it).
pub(crate) fn take_named_titles(query: &str, titles: &TitleMap) -> (String, Vec<NamedTitle>) {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        Regex::new(r"《([^《》]{2,120})》").expect("the book-title pattern compiles")
    });
    let mut rest = String::with_capacity(query.len());
    let mut named: Vec<NamedTitle> = Vec::new();
    let mut at = 0;
    for captures in pattern.captures_iter(query) {
        let (Some(whole), Some(title)) = (captures.get(0), captures.get(1)) else { continue };
        let Some(ids) = titles.get(&title_key(title.as_str())) else { continue };
        rest.push_str(&query[at..whole.start()]);
        rest.push(' ');
        at = whole.end();
        named.push(NamedTitle { title: title.as_str().trim().to_owned(), ids: ids.clone() });
    }
    rest.push_str(&query[at..]);
    (rest, named)
}

/// The act an English query names and says nothing else (`the Accounting Law`, `PRC
/// Individual Income Tax Law`, `Law on Administrative Penalties`, `the Constitution`), found
/// among `titles` through the Chinese `translate`-ions of its name ([`law_by_translations`]).
pub(crate) fn english_title_alone<'a>(
    query: &str,
    titles: &'a TitleMap,
    translate: impl Fn(&str) -> Vec<String>,
) -> Option<(&'a str, &'a [String])> {
    static PATTERNS: OnceLock<[Regex; 2]> = OnceLock::new();
    let [name_first, kind_first] = PATTERNS.get_or_init(|| {
        let lead = r"(?i)^\s*(?:the\s+)?(?:prc\s+|chinese\s+|china's\s+)?";
        let (kind, china) = (ENGLISH_KIND, ENGLISH_CHINA);
        let name = r"((?:[a-z][a-z'’-]*\s+){1,6}?)";
        [
            Regex::new(&format!(r"{lead}{name}{kind}{china}\s*$"))
                .expect("the English name-first title pattern compiles"),
            Regex::new(&format!(
                r"{lead}{kind}\s+(?:on|of|for)\s+(?:the\s+)?((?:[a-z][a-z'’-]*\s*){{1,8}}?){china}\s*$"
            ))
            .expect("the English kind-first title pattern compiles"),
        ]
    });
    let trimmed = query.trim().trim_start_matches("the ").trim_start_matches("The ");
    if trimmed.eq_ignore_ascii_case("constitution") {
        return constitution(titles);
    }
    let (name, kind) = if let Some(found) = name_first.captures(query) {
        (found.get(1)?.as_str(), found.get(2)?.as_str())
    } else {
        let found = kind_first.captures(query)?;
        (found.get(2)?.as_str(), found.get(1)?.as_str())
    };
    let endings = kind_endings(kind)?;
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !NAME_FILLERS.contains(&w.to_lowercase().as_str()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let named = law_by_name(&words.join(" "), titles, endings, &translate);
    // Alone means every word is part of the name: a translation of each shares a
    // character with the title ("tax" → 税款 with 个人所得税法), which "penalties under the
    // Accounting Law", a question about the law, does not.
    let (key, ids) = named?;
    let writes = |word: &str| translate(word).iter().any(|t| t.chars().any(|c| key.contains(c)));
    (words.len() == 1 || words.iter().all(|w| writes(w))).then_some((key, ids))
}

/// The kinds of act an English reference may name, with the endings of the Chinese titles
/// of each kind: a law (法), regulations (条例), measures (办法), provisions (规定), rules
/// (规则, 细则).
const KINDS: [(&str, &[&str]); 5] = [
    ("law", &["法"]),
    ("regulation", &["条例"]),
    ("measure", &["办法"]),
    ("provision", &["规定"]),
    ("rule", &["规则", "细则"]),
];

/// The Chinese title endings of the kind of act an English word names ("Regulations" →
/// 条例), or `None` for a word naming none.
pub(crate) fn kind_endings(word: &str) -> Option<&'static [&'static str]> {
    let word = word.to_lowercase();
    let singular = word.strip_suffix('s').unwrap_or(&word);
    KINDS.iter().find(|(kind, _)| *kind == singular).map(|(_, endings)| *endings)
}

/// English references, the most explicit form first:
/// - `Article 63 of the Law on Administrative Penalties`, `Article 7 of the Interim
///   Measures for the Management of Generative AI Services`: the name follows the kind of
///   act ("Law on", "Measures for"), with the words before the kind (Interim);
/// - `Article 10 of the Accounting Law`, `Art. 6 of the PRC Individual Income Tax Law`,
///   `Article 10 of the Patent Agency Regulations`: the name is the words before the kind;
/// - `the Accounting Law, Article 10`: the same, before the article.
///
/// The captures are the number, the name and the kind; the first form has a second
/// part of the name. [`law_by_translations`] finds the act among the Chinese titles of its
/// kind through the translations of the name.
fn english_patterns() -> &'static [Regex; 3] {
    static PATTERNS: OnceLock<[Regex; 3]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let (kind, china) = (ENGLISH_KIND, ENGLISH_CHINA);
        let name = r"((?:[a-z][a-z'’-]*\s+){1,8}?)";
        let article = r"(?:article|art\.)\s*(\d{1,4})";
        [
            Regex::new(&format!(
                r"(?i)\b{article}\s+of\s+(?:the\s+)?(?:prc\s+)?((?:[a-z][a-z'’-]*\s+){{0,3}}?){kind}\s+(?:on|of|for)\s+(?:the\s+)?((?:[a-z][a-z'’-]*\s*){{1,8}})"
            ))
            .expect("the English kind-first pattern compiles"),
            Regex::new(&format!(r"(?i)\b{article}\s+of\s+(?:the\s+)?{name}{kind}{china}\b"))
                .expect("the English article reference pattern compiles"),
            Regex::new(&format!(r"(?i)\b{name}{kind}{china}\s*,?\s*{article}\b"))
                .expect("the English name-first pattern compiles"),
        ]
    })
}

/// Words of an act's English name that say only whose act it is.
pub(crate) const NAME_FILLERS: [&str; 9] =
    ["the", "prc", "prc's", "china's", "chinese", "national", "people's", "republic", "of"];

/// The share of a title's characters (less its ending, 法 or 条例) that the translations
/// of a name must write, for the best title to be taken as the act named.
const MIN_TITLE_COVERAGE: f32 = 0.6;

/// Finds the act whose title, ending in one of `endings`, the Chinese `translations` of an
/// English name write best: each title is measured by the share of its other characters
/// that some translation found in it covers (会计 covers 会计法 whole, 注册会计师法 in
/// part). The best title must cover [`MIN_TITLE_COVERAGE`] and be the only best, the
/// shorter winning ties.
pub(crate) fn law_by_translations<'a>(
    translations: &[String],
    titles: &'a TitleMap,
    endings: &[&str],
) -> Option<(&'a str, &'a [String])> {
    let mut best: Option<(f32, usize, &str, &[String])> = None;
    let mut tied = false;
    for (key, ids) in titles {
        let stem = endings.iter().find_map(|ending| key.strip_suffix(ending));
        let Some(stem) = stem.filter(|s| !s.is_empty()) else { continue };
        let chars: Vec<(usize, char)> = stem.char_indices().collect();
        let mut covered = vec![false; chars.len()];
        for word in translations.iter().filter(|w| !w.is_empty()) {
            for (start, _) in stem.match_indices(word.as_str()) {
                let end = start + word.len();
                for (i, (at, _)) in chars.iter().enumerate() {
                    covered[i] |= (start..end).contains(at);
                }
            }
        }
        let share = covered.iter().filter(|&&c| c).count() as f32 / chars.len() as f32;
        if share < MIN_TITLE_COVERAGE {
            continue;
        }
        let length = chars.len();
        let better = best.is_none_or(|(s, l, _, _)| share > s || (share == s && length < l));
        if better {
            best = Some((share, length, key.as_str(), ids.as_slice()));
            tied = false;
        } else if best.is_some_and(|(s, l, _, _)| s == share && l == length) {
            tied = true;
        }
    }
    best.filter(|_| !tied).map(|(_, _, key, ids)| (key, ids))
}

/// Finds the act an English name (without its kind) names among the titles ending in one of
/// `endings`: by the name's translations, else with its words' one by one too. A phrase the
/// lexicon knows ("household registration" → 户口) may write a title less fully than its
/// words do (登记); words first would let "purchase" (政府采购) outdo "vehicle purchase tax"
/// (车辆购置税).
pub(crate) fn law_by_name<'a>(
    name: &str,
    titles: &'a TitleMap,
    endings: &[&str],
    translate: &impl Fn(&str) -> Vec<String>,
) -> Option<(&'a str, &'a [String])> {
    let mut translations = translate(name);
    let named = law_by_translations(&translations, titles, endings);
    if named.is_some() || !name.contains(' ') {
        return named;
    }
    for word in name.split_whitespace() {
        translations.extend(translate(word));
    }
    law_by_translations(&translations, titles, endings)
}

/// The constitution, the one act English names by a word of its own with no kind after it
/// ("the Constitution").
pub(crate) fn constitution(titles: &TitleMap) -> Option<(&str, &[String])> {
    titles.get_key_value("宪法").map(|(key, ids)| (key.as_str(), ids.as_slice()))
}

/// An English reference found by [`english_patterns`], not yet resolved to an act.
struct EnglishRef {
    span: Range<usize>,
    name: String,
    endings: &'static [&'static str],
    number: u32,
}

/// Finds English article references (`Article 10 of the Accounting Law`, `Article 7 of the
/// Interim Measures for the Management of Generative AI Services`) whose act the Chinese
/// `translate` of its name names in `titles` ([`law_by_translations`]), and returns the
/// query with each reference written as the act writes the article (第十条), and the
/// references. Where readings overlap, the first form that names an act wins.
pub(crate) fn take_english_article_refs(
    query: &str,
    titles: &TitleMap,
    translate: impl Fn(&str) -> Vec<String>,
) -> (String, Vec<ArticleRef>) {
    let mut readings: Vec<EnglishRef> = Vec::new();
    for (at, pattern) in english_patterns().iter().enumerate() {
        for captures in pattern.captures_iter(query) {
            let (number, kind) = match at {
                0 => (1, 3),
                1 => (1, 3),
                _ => (3, 2),
            };
            let name: Vec<&str> = match at {
                0 => [2, 4].iter().filter_map(|&i| captures.get(i)).map(|m| m.as_str()).collect(),
                1 => captures.get(2).map(|m| m.as_str()).into_iter().collect(),
                _ => captures.get(1).map(|m| m.as_str()).into_iter().collect(),
            };
            let (Some(whole), Some(number), Some(kind)) =
                (captures.get(0), captures.get(number), captures.get(kind))
            else {
                continue;
            };
            let (Ok(number), Some(endings)) =
                (number.as_str().parse::<u32>(), kind_endings(kind.as_str()))
            else {
                continue;
            };
            let words: Vec<&str> = name
                .iter()
                .flat_map(|part| part.split_whitespace())
                .filter(|w| !NAME_FILLERS.contains(&w.to_lowercase().as_str()))
                .collect();
            if !words.is_empty() {
                readings.push(EnglishRef {
                    span: whole.range(),
                    name: words.join(" "),
                    endings,
                    number,
                });
            }
        }
    }
    let mut found: Vec<Found> = Vec::new();
    for reading in readings {
        let overlaps =
            |f: &Found| f.span.start < reading.span.end && reading.span.start < f.span.end;
        if found.iter().any(overlaps) {
            continue;
        }
        if let Some((law, ids)) = law_by_name(&reading.name, titles, reading.endings, &translate) {
            let (span, number) = (reading.span, reading.number);
            found.push(Found { span, law: law.to_owned(), ids: ids.to_vec(), number });
        }
    }
    found.sort_by_key(|f| f.span.start);
    rewrite(query, found)
}

/// Tells whether a clause is article `number` by its text: law articles open with their
/// number (`第三十四条 中华人民共和国年满十八周岁的公民…`).
pub(crate) fn opens_article(text: &str, number: u32) -> bool {
    let text = text.trim_start();
    let Some(after) = text.strip_prefix('第') else { return false };
    let Some(end) = after.find(['条', '條']) else { return false };
    article_number(after[..end].trim()) == Some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::title_map;

    fn titles() -> TitleMap {
        title_map(&[
            ("中华人民共和国宪法", "constitution"),
            ("中华人民共和国会计法", "accounting-2024"),
            ("中华人民共和国会计法", "accounting-2017"),
            ("中华人民共和国个人所得税法", "iit"),
            ("中华人民共和国个人所得税法实施条例", "iit-rules"),
        ])
    }

    #[test]
    fn an_english_act_named_alone_is_found() {
        let translate = |words: &str| -> Vec<String> {
            let table = [
                ("accounting", "会计"),
                ("individual income tax", "个人所得税"),
                ("individual", "个人"),
                ("income", "所得"),
                ("tax", "税"),
                ("penalties", "处罚"),
                ("under", "根据"),
            ];
            let words = words.to_lowercase();
            table
                .iter()
                .filter(|(en, _)| words.contains(en))
                .map(|(_, zh)| (*zh).to_owned())
                .collect()
        };
        let found = |query: &str| {
            english_title_alone(query, &titles(), translate).map(|(k, _)| k.to_owned())
        };
        assert_eq!(found("the Accounting Law").as_deref(), Some("会计法"));
        assert_eq!(found("PRC Individual Income Tax Law").as_deref(), Some("个人所得税法"));
        assert_eq!(
            found("Accounting Law of the People's Republic of China").as_deref(),
            Some("会计法")
        );
        assert_eq!(found("the Constitution").as_deref(), Some("宪法"));
        // Other words make it a question, searched as one.
        assert_eq!(found("penalties under the Accounting Law"), None);
        assert_eq!(found("the law"), None);
    }

    #[test]
    fn a_title_in_book_title_marks_names_its_documents() {
        let (rest, named) = take_named_titles("《会计法》 会计凭证保管多久", &titles());
        assert_eq!(rest.trim(), "会计凭证保管多久");
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].title, "会计法");
        assert_eq!(named[0].ids, ["accounting-2024", "accounting-2017"]);
        let (rest, named) = take_named_titles("《中華人民共和國個人所得稅法》", &titles());
        assert_eq!((rest.trim(), named[0].ids.as_slice()), ("", ["iit".to_owned()].as_slice()));
        // A title the index holds no document of stays a query word.
        let (rest, named) = take_named_titles("《民法典》 合同", &titles());
        assert_eq!((rest.as_str(), named.len()), ("《民法典》 合同", 0));
    }

    #[test]
    fn a_law_and_article_number_become_a_reference_and_leave_the_number() {
        let (rest, refs) = take_article_refs("宪法第三十四条", &titles());
        assert_eq!(rest.trim(), "第三十四条");
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].ids, ["constitution"]);
        assert_eq!(refs[0].number, 34);
    }

    #[test]
    fn marks_spaces_digits_traditional_script_and_leading_words_are_read() {
        let (rest, refs) = take_article_refs("《会计法》第10条", &titles());
        assert_eq!((rest.trim(), refs[0].number), ("第十条", 10));
        assert_eq!(refs[0].ids, ["accounting-2024", "accounting-2017"]);
        let (rest, refs) = take_article_refs("會計法 第一條", &titles());
        assert_eq!((rest.trim(), refs[0].number), ("第一条", 1));
        let (rest, refs) = take_article_refs("我想问个人所得税法第六条怎么理解", &titles());
        assert_eq!(rest, "我想问 第六条 怎么理解");
        assert_eq!(refs[0].ids, ["iit"]);
        let (_, refs) = take_article_refs("个人所得税法实施条例第十六条", &titles());
        assert_eq!(refs[0].ids, ["iit-rules"]);
    }

    #[test]
    fn a_law_named_after_its_article_is_read_too() {
        let (rest, refs) = take_article_refs("第三十四条 宪法", &titles());
        assert_eq!((rest.trim(), refs[0].number), ("第三十四条", 34));
        assert_eq!(refs[0].ids, ["constitution"]);
        let (rest, refs) = take_article_refs("第10条《会计法》规定了什么", &titles());
        assert_eq!(rest.trim(), "第十条 规定了什么");
        assert_eq!(refs[0].law, "会计法");
        assert_eq!(take_article_refs("第十条规定的事项", &titles()).1, Vec::new());
    }

    fn translate(name: &str) -> Vec<String> {
        let name = name.to_lowercase();
        let mut words = Vec::new();
        for (english, chinese) in [
            ("accounting", &["会计", "账户"][..]),
            ("income tax", &["个人所得税", "所得"]),
            ("labor", &["劳动"]),
            ("implement", &["实施"]),
            ("law", &["法律"]),
        ] {
            if name.contains(english) {
                words.extend(chinese.iter().map(|w| (*w).to_owned()));
            }
        }
        words
    }

    #[test]
    fn a_name_its_phrase_translates_too_little_is_translated_word_by_word() {
        let mut titles = TitleMap::new();
        for (title, id) in [
            ("中华人民共和国户口登记条例", "hukou"),
            ("中华人民共和国车辆购置税法", "vehicle-tax"),
            ("中华人民共和国政府采购法", "procurement"),
        ] {
            titles.entry(title_key(title)).or_default().push(id.to_owned());
        }
        let translate = |name: &str| -> Vec<String> {
            let words: &[&str] = match name.to_lowercase().as_str() {
                "household registration" => &["户口"],
                "household" => &["户口", "家庭"],
                "registration" => &["登记", "注册"],
                "vehicle purchase tax" => &["车辆购置税"],
                "purchase" => &["政府采购", "购买"],
                _ => &[],
            };
            words.iter().map(|w| (*w).to_owned()).collect()
        };
        let query = "Article 3 of the Regulations on Household Registration";
        let (rest, refs) = take_english_article_refs(query, &titles, translate);
        assert_eq!((rest.trim(), refs[0].ids.as_slice()), ("第三条", &["hukou".to_owned()][..]));
        // The phrase names a law: its words are not asked.
        let query = "Article 2 of the Vehicle Purchase Tax Law";
        let (_, refs) = take_english_article_refs(query, &titles, translate);
        assert_eq!(refs[0].ids, ["vehicle-tax"]);
    }

    #[test]
    fn regulations_measures_and_rules_are_found_among_titles_of_their_kind() {
        for query in [
            "Article 25 of the Regulations for the Implementation of the Individual Income Tax Law",
            "article 25 of the Implementing Regulations of the Individual Income Tax Law",
            "Individual Income Tax Law Implementing Regulations, Art. 25",
        ] {
            let (rest, refs) = take_english_article_refs(query, &titles(), translate);
            assert_eq!(refs.len(), 1, "{query}");
            assert_eq!(refs[0].ids, ["iit-rules"], "{query}");
            assert_eq!((rest.trim(), refs[0].number), ("第二十五条", 25), "{query}");
        }
        // A law's reference still finds the law, not its regulations.
        let (_, refs) = take_english_article_refs(
            "Article 6 of the Individual Income Tax Law",
            &titles(),
            translate,
        );
        assert_eq!(refs[0].ids, ["iit"]);
        // No title of the kind: no reference.
        let query = "Article 3 of the Accounting Measures";
        assert_eq!(take_english_article_refs(query, &titles(), translate).1, Vec::new());
        assert_eq!(kind_endings("Rules"), Some(&["规则", "细则"][..]));
        assert_eq!(kind_endings("notice"), None);
    }

    #[test]
    fn an_english_reference_finds_its_law_through_the_translations_of_its_name() {
        for query in [
            "Article 10 of the Accounting Law",
            "art. 10 of the PRC Accounting Law",
            "the Accounting Law of the People's Republic of China, Article 10",
            "accounting law article 10",
            "Article 10 of the Law on Accounting",
        ] {
            let (rest, refs) = take_english_article_refs(query, &titles(), translate);
            assert_eq!(refs.len(), 1, "{query}");
            assert_eq!(refs[0].ids, ["accounting-2024", "accounting-2017"], "{query}");
            assert_eq!(refs[0].number, 10, "{query}");
            assert!(rest.contains("第十条") && !rest.to_lowercase().contains("law"), "{rest}");
        }
        let (rest, refs) = take_english_article_refs(
            "what does Article 6 of the Individual Income Tax Law say",
            &titles(),
            translate,
        );
        assert_eq!(refs[0].ids, ["iit"]);
        assert_eq!(rest, "what does  第六条  say");
        // A name whose translations write no title well enough stays as written.
        let query = "Article 36 of the Labor Law";
        assert_eq!(take_english_article_refs(query, &titles(), translate).1, Vec::new());
    }

    #[test]
    fn the_title_its_translations_cover_best_is_the_law() {
        let titles = titles();
        let words = |w: &[&str]| w.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        let law = |w: &[&str]| law_by_translations(&words(w), &titles, &["法"]).map(|(k, _)| k);
        assert_eq!(law(&["会计"]), Some("会计法"));
        assert_eq!(law(&["所得"]), None, "所得 covers 个人所得税法 too little");
        assert_eq!(law(&["宪"]), Some("宪法"));
        let regulations = law_by_translations(&words(&["个人所得税", "实施"]), &titles, &["条例"]);
        assert_eq!(regulations.map(|(k, _)| k), Some("个人所得税法实施条例"));
    }

    #[test]
    fn a_name_no_law_bears_stays_in_the_query() {
        let query = "劳动法第三十六条";
        assert_eq!(take_article_refs(query, &titles()), (query.to_owned(), Vec::new()));
        let query = "本法第十条所列的经济业务事项";
        assert_eq!(take_article_refs(query, &titles()).1, Vec::new());
        assert_eq!(take_article_refs("会计法", &titles()).1, Vec::new());
    }

    #[test]
    fn only_a_query_writing_a_number_or_article_may_name_one() {
        assert!(may_name_article("宪法第三十四条"));
        assert!(may_name_article("Article 10 of the Accounting Law"));
        assert!(may_name_article("ART. 10"));
        assert!(!may_name_article("资金使用范围"));
        assert!(!may_name_article("when is the deadline?"));
    }

    #[test]
    fn an_article_is_told_by_its_opening_number() {
        assert!(opens_article("第三十四条 中华人民共和国年满十八周岁的公民", 34));
        assert!(opens_article("  第十条 各单位应当", 10));
        assert!(!opens_article("第十四条 会计凭证包括原始凭证", 10));
        assert!(!opens_article("办理本法第十条所列的经济业务事项", 10));
        assert!(!opens_article("Article 34", 34));
    }
}
