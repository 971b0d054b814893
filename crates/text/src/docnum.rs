//! Parses document numbers (文号) in their many spellings.
//!
//! A Chinese document number is an issuer prefix, a year and a serial number:
//! `国办发〔2019〕6号`. Sites and reprints spell the year brackets as `〔〕`, `[]`, `［］`,
//! `()`, `（）` or as `2019年`, and put spaces anywhere. English translations write
//! `Caijian [2024] No. 16`. Both normalise to one spelling, so that a search for any of
//! them finds the others:
//!
//! ```
//! use tiaowen_text::docnum::parse_doc_number;
//! let number = parse_doc_number("国办发 [2019] 6 号").expect("a document number");
//! assert_eq!(number.normalized, "国办发〔2019〕6号");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::{is_cjk, DocNumber};

/// The year-and-serial core of a document number; the prefix is found by walking back
/// from the start of the match, which a regex without look-behind cannot do well.
static CORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<open>[〔\[［【(（])[\s　]*(?P<y1>[0-9０-９]{4})[\s　]*[〕\]］】)）][\s　]*
            (?:
                (?:第[\s　]*)?(?P<n1>[0-9０-９]{1,5})[\s　]*[号號]
              | No\.?[\s　]*(?P<n3>[0-9]{1,5})\b
            )
        | (?P<y2>[0-9０-９]{4})[\s　]*年[\s　]*(?:第[\s　]*)?(?P<n2>[0-9０-９]{1,5})[\s　]*[号號]
        ",
    )
    .expect("the document number pattern is valid")
});

/// Words that end the text before a prefix: a prefix never contains them, so a prefix
/// walked back into a sentence (`要按照国办发〔1993〕71号`) is cut after the last one.
const STOP_WORDS: &[&str] = &[
    "根据", "按照", "依照", "依据", "参照", "参见", "详见", "执行", "贯彻", "落实", "印发", "转发",
    "文件", "精神", "通知", "意见", "规定", "办法", "关于", "的", "和", "及", "与", "或", "要",
    "是", "为", "了", "在", "对", "经", "按", "据", "以", "即", "将", "由", "自", "于", "等", "见",
    "号", "同", "并", "请", "已", "把", "从",
];

/// Characters an issuer prefix ends with in the weaker spellings (`(2019)`, `2019年`),
/// where a bare word before a year in brackets would otherwise pass for a prefix.
const ISSUING_ENDINGS: &str = "发函字规办建电文令复批财税综改委厅部局";

/// Words allowed inside an English prefix between capitalised words.
const EN_CONNECTORS: &[&str] = &["of", "and", "for", "on", "the"];

/// The longest Chinese prefix, in characters.
const MAX_ZH_PREFIX: usize = 12;

/// The longest English prefix, in words.
const MAX_EN_PREFIX: usize = 12;

/// Recognises a document number that makes up the whole of `s` (surrounding spaces,
/// brackets and quotes aside) and normalises it; `None` if `s` is anything else.
pub fn parse_doc_number(s: &str) -> Option<DocNumber> {
    let trimmed = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '（' | '）' | '(' | ')' | '《' | '》' | '"' | '“' | '”')
    });
    let mut found = find_doc_numbers(trimmed);
    if found.len() != 1 {
        return None;
    }
    let (range, number) = found.remove(0);
    let rest = format!("{}{}", &trimmed[..range.start], &trimmed[range.end..]);
    if rest.trim().is_empty() {
        Some(number)
    } else {
        None
    }
}

/// Finds every document number in a text, with its byte range, in order of position.
///
/// A year and a serial number alone (`2019年6号`, a date) are not a document number:
/// an issuer prefix must stand before them.
pub fn find_doc_numbers(text: &str) -> Vec<(Range<usize>, DocNumber)> {
    let mut found = Vec::new();
    // Every spelling ends in 号 (號) or "No": most text has neither, and the pattern is
    // costly to run over long text for nothing.
    if !text.contains(['号', '號']) && !text.contains("No") {
        return found;
    }
    let mut floor = 0;
    for caps in CORE.captures_iter(text) {
        let Some(core) = caps.get(0) else { continue };
        let year = caps.name("y1").or_else(|| caps.name("y2")).map(|m| ascii_digits(m.as_str()));
        let Some(year) = year.filter(|y| is_plausible_year(y)) else { continue };
        let english = caps.name("n3");
        let serial = caps.name("n1").or_else(|| caps.name("n2")).or(english);
        let Some(serial) = serial.map(|m| strip_zeros(&ascii_digits(m.as_str()))) else {
            continue;
        };
        let strong = caps.name("open").is_some_and(|m| !matches!(m.as_str(), "(" | "（"));
        let prefix = if english.is_some() {
            english_prefix(text, floor, core.start())
        } else {
            chinese_prefix(text, floor, core.start(), strong)
        };
        let Some((start, prefix)) = prefix else { continue };
        let normalized = if english.is_some() {
            format!("{prefix} [{year}] No. {serial}")
        } else {
            format!("{prefix}〔{year}〕{serial}号")
        };
        let raw = text[start..core.end()].to_string();
        found.push((start..core.end(), DocNumber { raw, normalized }));
        floor = core.end();
    }
    found
}

/// Walks back from `end` over Chinese characters (and the spaces between them and the
/// year) to find the issuer prefix; returns its start and its text without spaces.
fn chinese_prefix(text: &str, floor: usize, end: usize, strong: bool) -> Option<(usize, String)> {
    let before = &text[floor..end];
    let mut start = end;
    let mut chars = 0;
    let mut seen_cjk = false;
    for (offset, c) in before.char_indices().rev() {
        if c == ' ' || c == '　' {
            if seen_cjk {
                break;
            }
            continue;
        }
        if !is_cjk(c) || chars == MAX_ZH_PREFIX {
            break;
        }
        seen_cjk = true;
        chars += 1;
        start = floor + offset;
    }
    if !seen_cjk {
        return None;
    }
    let mut prefix = &text[start..end];
    let mut cut = 0;
    for word in STOP_WORDS {
        if let Some(at) = prefix.rfind(word) {
            cut = cut.max(at + word.len());
        }
    }
    prefix = &prefix[cut..];
    start += cut;
    let prefix = prefix.trim_end_matches([' ', '　']);
    if prefix.is_empty() {
        return None;
    }
    let last = prefix.chars().last()?;
    if !strong && !ISSUING_ENDINGS.contains(last) {
        return None;
    }
    Some((start, prefix.to_string()))
}

/// Walks back from `end` over capitalised words (with `of`, `and` ... between them) to
/// find an English issuer prefix such as `MIIT Joint Regulation`.
fn english_prefix(text: &str, floor: usize, end: usize) -> Option<(usize, String)> {
    let before = &text[floor..end];
    let trimmed = before.trim_end();
    // A romanised prefix may touch the bracket: `Caijian〔2024〕No.16`.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut cursor = trimmed.len();
    loop {
        let head = &trimmed[..cursor];
        let word_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        if word.is_empty() || words.len() == MAX_EN_PREFIX {
            break;
        }
        let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase());
        if !capitalised && !EN_CONNECTORS.contains(&word) {
            break;
        }
        words.push((word_start, word));
        let gap = &head[..word_start];
        let kept = gap.trim_end_matches([' ', '\t']);
        if kept.len() == gap.len() {
            // Punctuation or the start of the text: the prefix cannot reach further.
            break;
        }
        cursor = kept.len();
    }
    // A prefix starts with a capitalised word that is not a sentence's article.
    while let Some((_, word)) = words.last() {
        if EN_CONNECTORS.contains(&word.to_ascii_lowercase().as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    let (start, _) = *words.last()?;
    let prefix: Vec<&str> = words.iter().rev().map(|(_, w)| *w).collect();
    Some((floor + start, prefix.join(" ")))
}

/// Converts full-width digits to ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// Drops leading zeros from a serial number, keeping one digit.
fn strip_zeros(s: &str) -> String {
    let stripped = s.trim_start_matches('0');
    if stripped.is_empty() {
        "0".to_string()
    } else {
        stripped.to_string()
    }
}

/// Tells whether a four-digit string is a year a document number can carry.
fn is_plausible_year(year: &str) -> bool {
    year.parse::<u32>().is_ok_and(|y| (1949..=2100).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalized(s: &str) -> Option<String> {
        parse_doc_number(s).map(|n| n.normalized)
    }

    macro_rules! test_spellings {
        ($($input:expr => $expected:expr),* $(,)?) => {
            $(assert_eq!(normalized($input).as_deref(), Some($expected), "input: {}", $input);)*
        };
    }

    #[test]
    fn normalises_chinese_spellings() {
        test_spellings! {
            "国办发〔2019〕6号" => "国办发〔2019〕6号",
            "国办发[2019]6号" => "国办发〔2019〕6号",
            "国办发［2019］6号" => "国办发〔2019〕6号",
            "国办发(2019)6号" => "国办发〔2019〕6号",
            "国办发（2019）6号" => "国办发〔2019〕6号",
            "国办发2019年6号" => "国办发〔2019〕6号",
            "国办发 〔2019〕 6 号" => "国办发〔2019〕6号",
            "国办发〔２０１９〕０６号" => "国办发〔2019〕6号",
            "国发〔2019〕第5号" => "国发〔2019〕5号",
            "工信厅联规函〔2025〕108号" => "工信厅联规函〔2025〕108号",
            "财建〔2024〕16号" => "财建〔2024〕16号",
            "发改价格规〔2020〕101号" => "发改价格规〔2020〕101号",
            "财办建〔2023〕28号" => "财办建〔2023〕28号",
            "教外际〔2004〕81号" => "教外际〔2004〕81号",
            "（国办发〔2019〕6号）" => "国办发〔2019〕6号",
        }
    }

    #[test]
    fn normalises_english_spellings() {
        test_spellings! {
            "Caijian [2024] No. 16" => "Caijian [2024] No. 16",
            "Caijian〔2024〕No.16" => "Caijian [2024] No. 16",
            "Caijian  [2024]  No.  16" => "Caijian [2024] No. 16",
            "MIIT Joint Regulation [2023] No. 258" => "MIIT Joint Regulation [2023] No. 258",
            "Office of Industry and Information Technology Liangui Letter [2025] No. 108"
                => "Office of Industry and Information Technology Liangui Letter [2025] No. 108",
        }
    }

    #[test]
    fn keeps_the_raw_spelling() {
        let number = parse_doc_number(" 国办发[2019]6号 ").expect("a document number");
        assert_eq!(number.raw, "国办发[2019]6号");
    }

    #[test]
    fn rejects_dates_and_bare_numbers() {
        for input in [
            "2019年6号",
            "〔2019〕6号",
            "(2019)6号",
            "2019年6月27日",
            "2019-06-27",
            "第6号",
            "京ICP备14042428号",
            "[2024] No. 16",
            "国办发〔2019〕6号和国发〔2019〕5号",
            "见国办发〔2019〕6号的规定",
            "国办发〔1800〕6号",
            "",
        ] {
            assert_eq!(normalized(input), None, "input: {input}");
        }
    }

    #[test]
    fn rejects_weak_spellings_without_an_issuing_prefix() {
        assert!(find_doc_numbers("年度报告(2019)6号").is_empty());
        assert!(find_doc_numbers("今年2019年6号线开通").is_empty());
    }

    #[test]
    fn finds_numbers_with_byte_ranges_in_chinese_text() {
        let text = "为贯彻《关于推进价格机制改革的若干意见》（中发〔2015〕28号），要按照国办发〔1993〕71号执行。";
        let found = find_doc_numbers(text);
        let normals: Vec<&str> = found.iter().map(|(_, n)| n.normalized.as_str()).collect();
        assert_eq!(normals, ["中发〔2015〕28号", "国办发〔1993〕71号"]);
        for (range, number) in &found {
            assert_eq!(&text[range.clone()], number.raw);
        }
    }

    #[test]
    fn finds_adjacent_numbers_without_overlap() {
        let found = find_doc_numbers("国发〔2019〕5号国发〔2019〕6号");
        let normals: Vec<&str> = found.iter().map(|(_, n)| n.normalized.as_str()).collect();
        assert_eq!(normals, ["国发〔2019〕5号", "国发〔2019〕6号"]);
        assert!(found[0].0.end <= found[1].0.start);
    }

    #[test]
    fn finds_english_numbers_in_a_sentence() {
        let text = "the \"Notice on Urban Pilot Work\" (Caijian [2024] No. 16, hereinafter \
                    the \"Notice\") and the Notice (Gonggui Letter [2024] No. 1109) requirements";
        let found = find_doc_numbers(text);
        let normals: Vec<&str> = found.iter().map(|(_, n)| n.normalized.as_str()).collect();
        assert_eq!(normals, ["Caijian [2024] No. 16", "Gonggui Letter [2024] No. 1109"]);
        assert_eq!(&text[found[0].0.clone()], "Caijian [2024] No. 16");
    }

    #[test]
    fn drops_a_leading_article_from_english_prefixes() {
        let found = find_doc_numbers("as required by the Caijian [2024] No. 16.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.normalized, "Caijian [2024] No. 16");
    }
}
