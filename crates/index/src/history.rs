//! Questions about when a law was made or changed: 会计法什么时候修改的, "when was the
//! Accounting Law amended", 个人所得税法修正过几次.
//!
//! A law states its history before its text, in its enactment notes (题注: adopted on …,
//! amended on …, revised on …); no article says it. So a query that asks when a law the
//! index holds was adopted or changed gets those notes first, as a hit of their own
//! (`{id}#notes`, cited as `{title} 题注`). The notes are not indexed as a clause: they
//! would enter the statistics every other query is scored by.

use std::sync::OnceLock;

use regex::Regex;
use tiaowen_lexicon::to_simplified;
use tiaowen_model::{Clause, Document, Lang};

use crate::articles::{
    constitution, kind_endings, law_by_name, title_key, TitleMap, ACT_ENDINGS, ENGLISH_KIND,
    MIN_NAME_CHARS, NAME_FILLERS,
};

/// The path of a law's notes in their anchor (`zh/laws/…/会计法.md#notes`).
pub(crate) const NOTES_PATH: &str = "notes";
/// The label of a law's notes, as Chinese legal writing names them.
pub(crate) const NOTES_LABEL: &str = "题注";

/// A law's notes as a clause of their own: anchored at `{id}#notes`, labelled 题注 and
/// cited as its other clauses are (`中华人民共和国会计法 题注`). `None` for a document
/// without notes.
pub(crate) fn notes_clause(document: &Document) -> Option<Clause> {
    if document.notes.is_empty() {
        return None;
    }
    let prefix = document
        .doc_number
        .as_ref()
        .map_or_else(|| document.title.clone(), |n| n.normalized.clone());
    let separator = if document.lang == Lang::En { ", " } else { " " };
    Some(Clause {
        anchor: format!("{}#{NOTES_PATH}", document.id),
        label: NOTES_LABEL.to_owned(),
        headings: Vec::new(),
        text: document.notes.join("\n"),
        citation: format!("{prefix}{separator}{NOTES_LABEL}"),
    })
}

/// Tells whether a clause's text states enactment notes: a date and an act in brackets,
/// as a law printed without separate notes opens (`（1982年12月4日第五届全国人民代表大会
/// 第五次会议通过…）`).
pub(crate) fn states_notes(text: &str) -> bool {
    static NOTE: OnceLock<Regex> = OnceLock::new();
    let note = NOTE.get_or_init(|| {
        Regex::new(r"[（(]\s*\d{4}年\d{1,2}月\d{1,2}日[^）)]{0,200}?(?:通过|修正|修订|公布)")
            .expect("the notes pattern compiles")
    });
    note.is_match(text)
}

/// Chinese words for making or changing a law.
const ZH_ACTS: [&str; 7] = ["修改", "修正", "修订", "通过", "颁布", "制定", "公布"];
/// Chinese words asking when, how often or the history.
const ZH_WHEN: [&str; 14] = [
    "什么时候",
    "何时",
    "哪年",
    "哪一年",
    "哪天",
    "几次",
    "多少次",
    "时间",
    "日期",
    "年份",
    "历史",
    "沿革",
    "过程",
    "最近一次",
];
/// English words that end an act's name read leftwards from its kind (`when was the
/// Accounting Law` → Accounting) or rightwards after it (`Law on Administrative Penalties
/// amended` → Administrative Penalties).
const NAME_STOPS: [&str; 44] = [
    "when",
    "was",
    "were",
    "is",
    "are",
    "the",
    "a",
    "an",
    "how",
    "many",
    "times",
    "has",
    "have",
    "had",
    "been",
    "what",
    "which",
    "year",
    "did",
    "does",
    "date",
    "history",
    "first",
    "last",
    "latest",
    "ever",
    "recently",
    "to",
    "in",
    "on",
    "it",
    "amended",
    "revised",
    "adopted",
    "enacted",
    "passed",
    "made",
    "changed",
    "amendment",
    "amendments",
    "revision",
    "revisions",
    "change",
    "changes",
];

/// Tells whether a query asks when something was adopted or changed: a word for the act
/// (修改, amended) and one for when or how often (什么时候, 几次, when, history).
pub(crate) fn asks_history(query: &str) -> bool {
    static EN_ACT: OnceLock<Regex> = OnceLock::new();
    static EN_WHEN: OnceLock<Regex> = OnceLock::new();
    let en_act = EN_ACT.get_or_init(|| {
        Regex::new(r"(?i)\b(?:amend\w*|revis\w*|adopt\w*|enact\w*|passed|promulgat\w*)\b")
            .expect("the English act pattern compiles")
    });
    let en_when = EN_WHEN.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:when|what\s+year|which\s+year|dates?|history|how\s+(?:many\s+times|often)|last|latest|first)\b",
        )
        .expect("the English when pattern compiles")
    });
    if query.is_ascii() {
        return en_act.is_match(query) && en_when.is_match(query);
    }
    let query = to_simplified(query);
    ZH_ACTS.iter().any(|w| query.contains(w)) && ZH_WHEN.iter().any(|w| query.contains(w))
}

/// The law a history question names, with the ids of its documents (every version): the
/// longest act title (without 中华人民共和国) the query writes, else an English name before
/// or after its kind (`the Accounting Law`, `the Law on Administrative Penalties`) whose
/// Chinese `translate`-ions write a title ([`law_by_translations`](crate::articles::law_by_translations)).
pub(crate) fn named_law<'a>(
    query: &str,
    titles: &'a TitleMap,
    translate: impl Fn(&str) -> Vec<String>,
) -> Option<(&'a str, &'a [String])> {
    let folded = title_key(query);
    let written = titles
        .iter()
        .filter(|(key, _)| key.chars().count() >= MIN_NAME_CHARS)
        .filter(|(key, _)| ACT_ENDINGS.iter().any(|ending| key.ends_with(ending)))
        .filter(|(key, _)| folded.contains(key.as_str()))
        .max_by(|(a, _), (b, _)| a.chars().count().cmp(&b.chars().count()).then(b.cmp(a)));
    if let Some((key, ids)) = written {
        return Some((key.as_str(), ids.as_slice()));
    }
    // The one act named in English by a word of its own, with no kind after it.
    let named_constitution = query
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case("constitution"));
    if let Some(found) = constitution(titles).filter(|_| named_constitution) {
        return Some(found);
    }
    english_names(query)
        .into_iter()
        .find_map(|(name, endings)| law_by_name(&name, titles, endings, &translate))
}

/// The English act names a query writes, with the Chinese title endings of their kind:
/// the words before a kind (`the Individual Income Tax Law`) back to a stop word, and the
/// words after a kind and `on`/`of`/`for` (`the Law on Administrative Penalties`) up to
/// one.
fn english_names(query: &str) -> Vec<(String, &'static [&'static str])> {
    static KIND: OnceLock<Regex> = OnceLock::new();
    let kind = KIND.get_or_init(|| {
        Regex::new(&format!(r"(?i)\b{ENGLISH_KIND}\b")).expect("the English kind pattern compiles")
    });
    let is_stop = |word: &str| NAME_STOPS.contains(&word.to_lowercase().as_str());
    let is_filler = |word: &str| NAME_FILLERS.contains(&word.to_lowercase().as_str());
    let words_of = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_alphabetic() || matches!(c, '\'' | '’' | '-')))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut names = Vec::new();
    for found in kind.find_iter(query) {
        let Some(endings) = kind_endings(found.as_str()) else { continue };
        let before: Vec<String> = words_of(&query[..found.start()])
            .into_iter()
            .rev()
            .take_while(|w| !is_stop(w))
            .filter(|w| !is_filler(w))
            .collect();
        if !before.is_empty() {
            let name: Vec<&str> = before.iter().rev().map(String::as_str).collect();
            names.push((name.join(" "), endings));
        }
        let after = words_of(&query[found.end()..]);
        if after.first().is_some_and(|w| ["on", "of", "for"].contains(&w.to_lowercase().as_str())) {
            let name: Vec<&str> = after[1..]
                .iter()
                .map(String::as_str)
                .skip_while(|w| w.eq_ignore_ascii_case("the"))
                .take_while(|w| !is_stop(w))
                .filter(|w| !is_filler(w))
                .collect();
            if !name.is_empty() {
                names.push((name.join(" "), endings));
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::title_map;

    fn titles() -> TitleMap {
        title_map(&[
            ("会计法", "zh/laws/会计法.md"),
            ("注册会计师法", "zh/laws/注册会计师法.md"),
            ("行政处罚法", "zh/laws/行政处罚法.md"),
            ("个人所得税法", "zh/laws/个人所得税法.md"),
            ("宪法", "bilingual/constitution-zh-en.md"),
            ("国务院关于修改会计工作的通知", "zh/html/x.html"),
        ])
    }

    fn translate(words: &str) -> Vec<String> {
        let table = [
            ("accounting", "会计"),
            ("administrative", "行政"),
            ("penalties", "处罚"),
            ("individual income tax", "个人所得税"),
        ];
        table
            .iter()
            .filter(|(en, _)| words.to_lowercase().contains(en))
            .map(|(_, zh)| (*zh).to_owned())
            .collect()
    }

    fn law(query: &str) -> Option<String> {
        named_law(query, &titles(), translate).map(|(key, _)| key.to_owned())
    }

    #[test]
    fn history_questions_need_an_act_and_a_when() {
        for query in [
            "会计法什么时候修改的",
            "個人所得稅法修正過幾次",
            "行政处罚法是哪一年通过的",
            "会计法修订历史",
            "when was the Accounting Law amended",
            "how many times has the Individual Income Tax Law been revised",
            "history of amendments to the Law on Administrative Penalties",
            "Individual Income Tax Law amendment history",
        ] {
            assert!(asks_history(query), "{query}");
        }
        for query in [
            "会计法修订后有哪些变化",
            "会计法 罚款",
            "什么时候申报",
            "Accounting Law penalties",
            "when is the deadline",
        ] {
            assert!(!asks_history(query), "{query}");
        }
    }

    #[test]
    fn notes_in_an_opening_clause_are_recognised() {
        assert!(states_notes("中华人民共和国宪法\n（1982年12月4日第五届全国人民代表大会第五次会议通过　1982年12月4日全国人民代表大会公告公布施行"));
        assert!(!states_notes("第一条 为了规范会计行为，制定本法。"));
        assert!(!states_notes("本办法自2024年1月1日起施行，经国务院批准通过。"));
    }

    #[test]
    fn the_longest_act_title_written_is_the_law() {
        assert_eq!(law("注册会计师法什么时候修改的").as_deref(), Some("注册会计师法"));
        assert_eq!(law("中华人民共和国会计法什么时候修改的").as_deref(), Some("会计法"));
        assert_eq!(law("會計法什麼時候修改的").as_deref(), Some("会计法"));
        // A notice's title is no act.
        assert_eq!(law("国务院关于修改会计工作的通知什么时候公布的").as_deref(), None);
        assert_eq!(law("什么时候修改的"), None);
    }

    #[test]
    fn an_english_name_is_found_before_or_after_its_kind() {
        assert_eq!(law("when was the Accounting Law amended").as_deref(), Some("会计法"));
        assert_eq!(
            law("when was the PRC Individual Income Tax Law last revised").as_deref(),
            Some("个人所得税法")
        );
        assert_eq!(
            law("when was the Law on Administrative Penalties amended").as_deref(),
            Some("行政处罚法")
        );
        assert_eq!(
            law("history of amendments to the Law on Administrative Penalties").as_deref(),
            Some("行政处罚法")
        );
        assert_eq!(
            law("Individual Income Tax Law amendment history").as_deref(),
            Some("个人所得税法")
        );
        assert_eq!(law("when was the Constitution last amended").as_deref(), Some("宪法"));
        assert_eq!(law("when was the law amended"), None);
    }
}
