//! Laws a question names without book-title marks: `会计法 会计凭证保管多久`,
//! `劳动合同法规定的试用期最长多久`, "what does the Accounting Law say about vouchers".
//!
//! Someone who names the law wants its articles, not another law's that shares the other
//! words. So a question naming an act the index holds searches that act (every version),
//! as `《会计法》` does; the search falls back to every document when nothing in the act
//! holds the other words. A name must stand as words of its own: `公司法人` names no
//! 公司法, as jieba cuts it 公司 + 法人. In English a name before its kind (`the Labor
//! Contract Law`) or after it (`the law on administrative penalties`) names an act; in lower
//! case it needs two words at least, as "labor law" is a topic as often as a title.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use tiaowen_lexicon::to_simplified;

use crate::articles::{
    kind_endings, law_by_name, NamedTitle, TitleMap, ACT_ENDINGS, ENGLISH_CHINA, ENGLISH_KIND,
    MIN_NAME_CHARS, NAME_FILLERS,
};
use crate::query::has_cjk;
use crate::tokenizer::jieba;

/// The prefix of national laws' full titles, taken out with the name it precedes.
const STATE_PREFIX: &str = "中华人民共和国";

/// Takes the acts a question names out of it and returns the rest with the acts named:
/// Chinese titles of `titles` written as words of their own (the longest first), then
/// English names whose Chinese `translate`-ions write a title ([`take_english_names`]).
/// The rest is the query folded to simplified characters when it named a Chinese title,
/// else as written. A query naming no act comes back whole, with none.
pub(crate) fn take_named_laws(
    query: &str,
    titles: &TitleMap,
    translate: impl Fn(&str) -> Vec<String>,
) -> (String, Vec<NamedTitle>) {
    let (query, mut named) = take_chinese_titles(query, titles);
    let (query, english) = take_english_names(&query, titles, translate);
    for found in english {
        if !named.iter().any(|n| n.ids == found.ids) {
            named.push(found);
        }
    }
    (query, named)
}

/// The Chinese act titles (without 中华人民共和国) the query writes as whole words, longest
/// first and apart, taken out with the prefix before them.
fn take_chinese_titles(query: &str, titles: &TitleMap) -> (String, Vec<NamedTitle>) {
    if !has_cjk(query) {
        return (query.to_owned(), Vec::new());
    }
    let folded = to_simplified(query);
    if !ACT_ENDINGS.iter().any(|ending| folded.contains(ending)) {
        return (query.to_owned(), Vec::new());
    }
    let bounds = word_bounds(&folded);
    let mut found: Vec<(Range<usize>, &str, &[String])> = Vec::new();
    for (key, ids) in titles {
        if key.chars().count() < MIN_NAME_CHARS
            || !ACT_ENDINGS.iter().any(|ending| key.ends_with(ending))
        {
            continue;
        }
        for (start, _) in folded.match_indices(key.as_str()) {
            let end = start + key.len();
            if bounds.contains(&start) && bounds.contains(&end) {
                found.push((start..end, key.as_str(), ids.as_slice()));
            }
        }
    }
    if found.is_empty() {
        return (query.to_owned(), Vec::new());
    }
    // The longest title wins where two overlap (劳动合同法 over 合同法).
    found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.start.cmp(&b.0.start)));
    let mut taken: Vec<(Range<usize>, &str, &[String])> = Vec::new();
    for (span, key, ids) in found {
        if taken.iter().any(|(t, _, _)| t.start < span.end && span.start < t.end) {
            continue;
        }
        let start = folded[..span.start].strip_suffix(STATE_PREFIX).map_or(span.start, str::len);
        taken.push((start..span.end, key, ids));
    }
    // In the order the query names them.
    taken.sort_by_key(|(span, _, _)| span.start);
    let mut named: Vec<NamedTitle> = Vec::new();
    for (_, key, ids) in &taken {
        if !named.iter().any(|n| n.ids == *ids) {
            named.push(NamedTitle { title: (*key).to_owned(), ids: ids.to_vec() });
        }
    }
    let mut rest = String::with_capacity(folded.len());
    let mut at = 0;
    for (span, _, _) in taken {
        rest.push_str(&folded[at..span.start]);
        rest.push(' ');
        at = span.end;
    }
    rest.push_str(&folded[at..]);
    (rest, named)
}

/// The byte offsets where jieba's words of `text` start, and its end.
fn word_bounds(text: &str) -> HashSet<usize> {
    let mut bounds: HashSet<usize> =
        jieba().cut(text, false).iter().map(|word| word.byte_start).collect();
    bounds.insert(text.len());
    bounds
}

/// English act names: the name before its kind (`the Labor Contract Law`, `the Patent
/// Agency Regulations`), or after it with on, of or for (`the Law on Administrative
/// Penalties`), in any case. The captures are the name, then the kind; the second
/// pattern's are the other way round.
fn english_patterns() -> &'static [Regex; 2] {
    static PATTERNS: OnceLock<[Regex; 2]> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let word = r"[A-Za-z][A-Za-z'’-]*";
        // Names keep their case (a lower-case one needs more words); kinds need none.
        let kind = format!("(?i:{ENGLISH_KIND})");
        let china = format!("(?i:{ENGLISH_CHINA})");
        [
            Regex::new(&format!(r"\b((?:{word}\s+){{1,6}}){kind}\b{china}"))
                .expect("the English name-first pattern compiles"),
            Regex::new(&format!(
                r"\b{kind}\s+(?i:on|of|for)\s+(?i:the\s+)?((?:{word}(?:\s+(?i:and|of|for|on)\s+|\s+)?){{1,8}}){china}"
            ))
            .expect("the English kind-first pattern compiles"),
        ]
    })
}

/// The fewest words of an English act's name written in lower case: "labor contract law"
/// names an act, "tax law" or "labor law" a topic as often as not.
const MIN_LOWER_CASE_NAME_WORDS: usize = 2;

/// Takes the English act names of a query out of it ([`english_patterns`]) where the
/// Chinese `translate`-ions of the name write a title ([`law_by_name`]), every word of the
/// name writing part of it: leading words that do not (`Under the Accounting Law` →
/// Accounting) stay in the query. A name in lower case needs
/// [`MIN_LOWER_CASE_NAME_WORDS`] words; one capitalised with its kind, one.
fn take_english_names(
    query: &str,
    titles: &TitleMap,
    translate: impl Fn(&str) -> Vec<String>,
) -> (String, Vec<NamedTitle>) {
    if !query.bytes().any(|b| b.is_ascii_alphabetic()) {
        return (query.to_owned(), Vec::new());
    }
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD
        .get_or_init(|| Regex::new(r"[A-Za-z][A-Za-z'’-]*").expect("the word pattern compiles"));
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut named: Vec<NamedTitle> = Vec::new();
    for (at, pattern) in english_patterns().iter().enumerate() {
        for captures in pattern.captures_iter(query) {
            let (name, kind) = if at == 0 { (1, 2) } else { (2, 1) };
            let (Some(whole), Some(name), Some(kind)) =
                (captures.get(0), captures.get(name), captures.get(kind))
            else {
                continue;
            };
            if taken.iter().any(|t| t.start < whole.end() && whole.start() < t.end) {
                continue;
            }
            let Some(endings) = kind_endings(kind.as_str()) else { continue };
            let words: Vec<(usize, &str)> = word
                .find_iter(name.as_str())
                .map(|m| (name.start() + m.start(), m.as_str()))
                .filter(|(_, w)| !NAME_FILLERS.contains(&w.to_lowercase().as_str()))
                .filter(|(_, w)| !["and", "for", "on"].contains(&w.to_lowercase().as_str()))
                .collect();
            // Leading words are dropped until every word left writes part of the title.
            let found = (0..words.len()).find_map(|from| {
                let kept = &words[from..];
                let enough = kept.len() >= MIN_LOWER_CASE_NAME_WORDS
                    || (capitalised(kind.as_str()) && kept.iter().all(|(_, w)| capitalised(w)));
                if !enough {
                    return None;
                }
                let text: Vec<&str> = kept.iter().map(|(_, w)| *w).collect();
                let (key, ids) = law_by_name(&text.join(" "), titles, endings, &translate)?;
                let writes =
                    |w: &str| translate(w).iter().any(|t| t.chars().any(|c| key.contains(c)));
                kept.iter().all(|(_, w)| writes(w)).then(|| (kept[0].0, key, ids))
            });
            let Some((start, key, ids)) = found else { continue };
            // From the first word kept (or the kind, when it leads) to the match's end.
            let start = if at == 0 { start } else { whole.start() };
            taken.push(start..whole.end());
            if !named.iter().any(|n| n.ids == ids) {
                named.push(NamedTitle { title: key.to_owned(), ids: ids.to_vec() });
            }
        }
    }
    if taken.is_empty() {
        return (query.to_owned(), named);
    }
    taken.sort_by_key(|span| span.start);
    let mut rest = String::with_capacity(query.len());
    let mut at = 0;
    for span in taken {
        let before = &query[at..span.start];
        // "the" before the name goes with it.
        let before =
            before.strip_suffix("the ").or_else(|| before.strip_suffix("The ")).unwrap_or(before);
        rest.push_str(before);
        rest.push(' ');
        at = span.end;
    }
    rest.push_str(&query[at..]);
    (rest, named)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::title_map;

    fn titles() -> TitleMap {
        title_map(&[
            ("会计法", "zh/laws/会计法(2024).md"),
            ("劳动合同法", "zh/laws/劳动合同法.md"),
            ("劳动法", "zh/laws/劳动法.md"),
            ("公司法", "zh/laws/公司法.md"),
            ("民法典", "zh/laws/民法典.md"),
            ("宪法", "bilingual/constitution.md"),
            ("行政处罚法", "zh/laws/行政处罚法.md"),
            ("国务院关于印发某某方案的通知", "zh/html/notice.html"),
        ])
    }

    fn translate(text: &str) -> Vec<String> {
        let senses: &[(&str, &[&str])] = &[
            ("accounting", &["会计"]),
            ("labor", &["劳动"]),
            ("contract", &["合同"]),
            ("labor contract", &["劳动合同"]),
            ("administrative", &["行政"]),
            ("penalties", &["处罚", "罚款"]),
            ("administrative penalties", &["行政处罚"]),
            ("company", &["公司"]),
            ("under", &["在下"]),
        ];
        senses
            .iter()
            .filter(|(word, _)| word.eq_ignore_ascii_case(text))
            .flat_map(|(_, words)| words.iter().map(|w| (*w).to_owned()))
            .collect()
    }

    fn named(query: &str) -> (String, Vec<String>) {
        let (rest, named) = take_named_laws(query, &titles(), translate);
        (rest, named.into_iter().map(|n| n.title).collect())
    }

    #[test]
    fn a_chinese_title_written_as_words_names_its_law() {
        let (rest, laws) = named("会计法 会计凭证保管多久");
        assert_eq!(laws, ["会计法"]);
        assert_eq!(rest.trim(), "会计凭证保管多久");
        let (rest, laws) = named("中华人民共和国劳动合同法规定的试用期");
        assert_eq!(laws, ["劳动合同法"], "the longest title wins over 劳动法 and 合同法");
        assert!(!rest.contains("中华人民共和国") && rest.contains("试用期"), "{rest}");
        assert_eq!(named("宪法和劳动法怎么规定休息权").1, ["宪法", "劳动法"]);
        assert_eq!(named("會計法 會計憑證").1, ["会计法"], "traditional characters fold");
        assert_eq!(named("民法典规定的离婚冷静期").1, ["民法典"], "a code is an act");
    }

    #[test]
    fn a_title_inside_another_word_names_nothing() {
        let (rest, laws) = named("公司法人能不能兼任监事");
        assert!(laws.is_empty(), "{laws:?}");
        assert_eq!(rest, "公司法人能不能兼任监事");
        assert!(named("国务院关于印发某某方案的通知 资金").1.is_empty(), "notices are not acts");
        assert!(named("刑法怎么规定").1.is_empty(), "a law the index lacks");
    }

    #[test]
    fn a_capitalised_english_name_names_its_law() {
        let (rest, laws) = named("what does the Accounting Law say about vouchers");
        assert_eq!(laws, ["会计法"]);
        assert_eq!(
            rest.split_whitespace().collect::<Vec<_>>(),
            ["what", "does", "say", "about", "vouchers"]
        );
        let (rest, laws) = named("Under the Labor Contract Law, how long is probation?");
        assert_eq!(laws, ["劳动合同法"]);
        assert!(rest.starts_with("Under ") && rest.contains("probation"), "{rest}");
        let (_, laws) = named("fines in the Law on Administrative Penalties");
        assert_eq!(laws, ["行政处罚法"]);
        let (_, laws) = named("Under Accounting Law of the People's Republic of China");
        assert_eq!(laws, ["会计法"], "a leading word that writes no part of the title stays");
    }

    #[test]
    fn a_one_word_name_in_lower_case_is_a_topic_not_a_title() {
        let (rest, laws) = named("can my boss break a labor contract under labor law");
        assert!(laws.is_empty(), "{laws:?}");
        assert_eq!(rest, "can my boss break a labor contract under labor law");
        assert!(named("is it against the law to sell fakes").1.is_empty());
        assert_eq!(named("what does the Labor Law say about overtime").1, ["劳动法"]);
    }

    #[test]
    fn a_longer_name_in_lower_case_names_its_law() {
        let (rest, laws) = named("under the labor contract law how long is probation");
        assert_eq!(laws, ["劳动合同法"]);
        assert!(!rest.contains("contract"), "{rest}");
        assert_eq!(named("fines under the law on administrative penalties").1, ["行政处罚法"]);
    }
}
