//! What a document says about its own validity and about the documents it repeals.
//!
//! Laws end with 「本法自…起施行。《…》同时废止。」; notices name their own period
//! (「有效期至2025年12月31日」, 「自印发之日起施行，有效期5年」). English versions say
//! "… shall be repealed simultaneously" or "valid until December 31, 2025".

use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::CitedDocument;
use tiaowen_text::find_doc_numbers;

use crate::record::{find_date, parse_date};

/// Sentences that repeal other documents.
static REPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(同时废止|予以废止|同时停止执行|不再执行|shall\s+be\s+(?:repealed|abolished)|(?:is|are)\s+hereby\s+repealed)")
        .expect("valid regex")
});

/// A validity period up to a date: 有效期至2025年12月31日, valid until December 31, 2025.
static VALID_UNTIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:有效期(?:至|到|截至)|valid\s+(?:until|through)\s+)(.{6,24})")
        .expect("valid regex")
});

/// A validity period in years: 有效期5年, 有效期为五年, valid for five years.
static VALID_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:有效期(?:为|是)?|valid\s+for\s+)([0-9一二三四五六七八九十]{1,3}|one|two|three|four|five|ten)\s*(?:年|years?)")
        .expect("valid regex")
});

/// The documents a text repeals: every 《title》 and document number in a sentence that
/// says 同时废止 (or the like), and "the X" titles in English.
pub fn repealed_documents(blocks: &[String]) -> Vec<CitedDocument> {
    let mut repealed: Vec<CitedDocument> = Vec::new();
    for block in blocks {
        if !mentions_repeal(block) {
            continue;
        }
        for sentence in block.split_inclusive(['。', '；', '\n']) {
            let Some(found) = REPEAL.find(sentence) else { continue };
            // Only what stands before the verb is repealed: 「《甲》同时废止」.
            let before = &sentence[..found.start()];
            for title in book_titles(before) {
                push_unique(&mut repealed, CitedDocument { title: Some(title), doc_number: None });
            }
            for (_, number) in find_doc_numbers(before) {
                push_unique(&mut repealed, CitedDocument { title: None, doc_number: Some(number) });
            }
        }
    }
    repealed
}

/// The last day a document is in force by its own words, as an ISO date: an explicit end
/// date, or a number of years counted from its issue date.
pub fn valid_until(blocks: &[String], issued: Option<&str>) -> Option<String> {
    for block in blocks {
        if !block.contains("有效期") && !has_ascii_word(block, "valid") {
            continue;
        }
        if let Some(caps) = VALID_UNTIL.captures(block) {
            if let Some(date) = caps.get(1).and_then(|m| find_date(m.as_str())) {
                return Some(date);
            }
        }
        if let Some(caps) = VALID_YEARS.captures(block) {
            let years = caps.get(1).and_then(|m| count(m.as_str()))?;
            let start = find_date(block).or_else(|| issued.and_then(parse_date))?;
            return add_years(&start, years);
        }
    }
    None
}

/// A cheap test for the words [`REPEAL`] looks for, so the pattern runs on few blocks.
fn mentions_repeal(block: &str) -> bool {
    if block.contains("废止") || block.contains("停止执行") || block.contains("不再执行")
    {
        return true;
    }
    has_ascii_word(block, "repeal") || has_ascii_word(block, "abolish")
}

/// Tells whether `text` contains the lower-case ASCII `word` in any case. Most blocks are
/// Chinese without a Latin letter: those are answered without copying them.
fn has_ascii_word(text: &str, word: &str) -> bool {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    text.to_ascii_lowercase().contains(word)
}

/// The titles between 《 and 》 in a text.
fn book_titles(text: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let Some(close) = after.find('》') else { break };
        let title = after[..close].trim();
        if !title.is_empty() {
            titles.push(title.to_string());
        }
        rest = &after[close + '》'.len_utf8()..];
    }
    titles
}

/// Adds a cited document unless an equal one is there already.
fn push_unique(list: &mut Vec<CitedDocument>, cited: CitedDocument) {
    if !list.contains(&cited) {
        list.push(cited);
    }
}

/// Reads a small count: digits, Chinese numerals up to 十, or an English word.
fn count(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse() {
        return Some(n);
    }
    let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    if let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case(text)) {
        return Some(i as u32 + 1);
    }
    let numerals = "一二三四五六七八九十";
    let mut chars = text.chars();
    let first = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    numerals.chars().position(|c| c == first).map(|i| i as u32 + 1)
}

/// The day before the same date `years` later: a period of N years from 2020-01-01 ends
/// on 2024-12-31.
fn add_years(iso: &str, years: u32) -> Option<String> {
    let mut parts = iso.split('-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let (mut y, mut m, mut d) = (year + years, month, day);
    if d > 1 {
        d -= 1;
    } else if m > 1 {
        m -= 1;
        d = 28;
    } else {
        y -= 1;
        m = 12;
        d = 31;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_what_a_law_repeals() {
        let found = repealed_documents(&blocks(&[
            "第二十三条 本法自2004年1月1日起施行，《中华人民共和国居民身份证条例》同时废止。",
        ]));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title.as_deref(), Some("中华人民共和国居民身份证条例"));
    }

    #[test]
    fn finds_repealed_numbers_and_ignores_other_sentences() {
        let found = repealed_documents(&blocks(&[
            "根据《中华人民共和国预算法》制定本办法。",
            "本办法自印发之日起施行，《关于加强管理的通知》（财建〔2015〕12号）同时废止。",
        ]));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|c| c.title.as_deref() == Some("关于加强管理的通知")));
        assert!(found
            .iter()
            .any(|c| c.doc_number.as_ref().is_some_and(|n| n.normalized == "财建〔2015〕12号")));
    }

    #[test]
    fn english_words_match_in_any_case_only_where_latin_letters_are() {
        assert!(has_ascii_word("These Measures shall be REPEALED", "repeal"));
        assert!(has_ascii_word("《办法》Valid until 2025", "valid"));
        assert!(!has_ascii_word("本办法同时废止", "repeal"));
        assert!(!has_ascii_word("abolition of fees", "abolish"));
    }

    #[test]
    fn reads_validity_periods() {
        let until = blocks(&["本通知自印发之日起施行，有效期至2025年12月31日。"]);
        assert_eq!(valid_until(&until, None).as_deref(), Some("2025-12-31"));
        let years = blocks(&["本办法自2020年1月1日起施行，有效期5年。"]);
        assert_eq!(valid_until(&years, None).as_deref(), Some("2024-12-31"));
        let from_issue = blocks(&["本办法自印发之日起施行，有效期为三年。"]);
        assert_eq!(valid_until(&from_issue, Some("2019-03-15")).as_deref(), Some("2022-03-14"));
        assert_eq!(valid_until(&blocks(&["证件在有效期内可使用。"]), None), None);
    }
}
