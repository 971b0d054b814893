//! Parses document numbers (文号) in their many spellings.
//!
//! A Chinese document number is an issuer prefix, a year and a serial number:
//! `国办发〔2019〕6号`. Sites and reprints spell the year brackets as `〔〕`, `﹝﹞`, `[]`,
//! `［］`, `【】`, `()`, `（）` or as `2019年`, and put spaces anywhere. English translations write
//! `Caijian [2024] No. 16`. Both normalise to one spelling, so that a search for any of
//! them finds the others:
//!
//! [`find_doc_number_matches`] is the one recogniser: [`find_doc_numbers`] and
//! [`parse_doc_number`] build on it for document records, and the search index derives
//! its keys from its matches.
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
        (?P<open>[〔\[［【(（﹝﹙])[\s　]*(?P<y1>[0-9０-９]{4})[\s　]*[〕\]］】)）﹞﹚][\s　]*
            (?:
                (?:第[\s　]*)?(?P<n1>[0-9０-９]{1,5})[\s　]*[号號]
              | (?i:no)\.?[\s　]*(?P<n3>[0-9]{1,5})(?-u:\b)
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

/// The two ways a document number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocNumberForm {
    /// `国办发〔2019〕6号`: a Chinese issuer prefix, and 号 after the serial.
    Chinese,
    /// `Caijian [2024] No. 16`: an issuer prefix of words, and `No.` before the serial.
    English,
}

/// A document number found in a text by [`find_doc_number_matches`]: where it stands
/// and its parts, with ASCII digits and without the spaces it was written with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocNumberMatch {
    /// Byte range of the number in the text, issuer prefix included.
    pub range: Range<usize>,
    /// Byte range right before `range` that the walk back over the prefix covered but
    /// then cut off, because a word in it never belongs to an issuer code (`要按照` in
    /// `要按照国办发〔1993〕71号`); empty when nothing was cut. Callers that cannot tell
    /// where an issuer code starts either (search keys) may still use it.
    pub lead: Range<usize>,
    /// The issuer prefix: Chinese characters without spaces (`国办发`), or English words
    /// joined by single spaces (`MIIT Joint Regulation`).
    pub prefix: String,
    /// The four-digit year.
    pub year: String,
    /// The serial number, without leading zeros.
    pub serial: String,
    /// Whether the number is written the Chinese or the English way.
    pub form: DocNumberForm,
}

impl DocNumberMatch {
    /// Returns the spelling every form of the number normalises to: `国办发〔2019〕6号`
    /// or `Caijian [2024] No. 16`.
    pub fn normalized(&self) -> String {
        let DocNumberMatch { prefix, year, serial, .. } = self;
        match self.form {
            DocNumberForm::Chinese => format!("{prefix}〔{year}〕{serial}号"),
            DocNumberForm::English => format!("{prefix} [{year}] No. {serial}"),
        }
    }

    /// Returns the number as a [`DocNumber`]; `text` is the text it was found in, which
    /// holds the raw spelling at `range`.
    pub fn to_doc_number(&self, text: &str) -> DocNumber {
        let raw = text.get(self.range.clone()).unwrap_or_default().to_string();
        DocNumber { raw, normalized: self.normalized() }
    }
}

/// An issuer prefix found by walking back from the year.
struct Prefix {
    /// Where the walk stopped, before words that never belong to a prefix were cut.
    lead_start: usize,
    /// Where the prefix starts.
    start: usize,
    /// The prefix as normalised.
    text: String,
}

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

/// Finds every document number in a text, with its byte range, in order of position
/// (see [`find_doc_number_matches`]).
pub fn find_doc_numbers(text: &str) -> Vec<(Range<usize>, DocNumber)> {
    let mut found = Vec::new();
    for number in find_doc_number_matches(text) {
        let doc_number = number.to_doc_number(text);
        found.push((number.range, doc_number));
    }
    found
}

/// Finds every document number in a text, in order of position and without overlaps.
///
/// A year and a serial number alone (`2019年6号`, a date) are not a document number:
/// an issuer prefix must stand before them. An English prefix is a run of capitalised
/// words (`MIIT Joint Regulation`); where the text before the number has no capital
/// letter at all (a query typed in lower case), lower-case words count instead, up to a
/// connector such as `the`.
pub fn find_doc_number_matches(text: &str) -> Vec<DocNumberMatch> {
    let mut found = Vec::new();
    if !may_hold_doc_number(text) {
        return found;
    }
    let mut floor = 0;
    for caps in CORE.captures_iter(text) {
        let Some(core) = caps.get(0) else { continue };
        let year = caps.name("y1").or_else(|| caps.name("y2")).map(|m| ascii_digits(m.as_str()));
        let Some(year) = year.filter(|y| is_plausible_year(y)) else { continue };
        let english = caps.name("n3");
        // The pattern ends English serials at an ASCII word boundary only: a Unicode one
        // keeps the regex off its fast engine over Chinese text.
        if english.is_some_and(|m| continues_a_word(text.get(m.end()..).unwrap_or_default())) {
            continue;
        }
        let serial = caps.name("n1").or_else(|| caps.name("n2")).or(english);
        let Some(serial) = serial.map(|m| strip_zeros(&ascii_digits(m.as_str()))) else {
            continue;
        };
        let strong = caps.name("open").is_some_and(|m| !matches!(m.as_str(), "(" | "（" | "﹙"));
        let (form, prefix) = if english.is_some() {
            (DocNumberForm::English, english_prefix(text, floor, core.start()))
        } else {
            (DocNumberForm::Chinese, chinese_prefix(text, floor, core.start(), strong))
        };
        let Some(prefix) = prefix else { continue };
        found.push(DocNumberMatch {
            range: prefix.start..core.end(),
            lead: prefix.lead_start..prefix.start,
            prefix: prefix.text,
            year,
            serial,
            form,
        });
        floor = core.end();
    }
    found
}

/// Tells whether a text may hold a document number: every spelling ends in 号 (號), or
/// has `No` after a closing bracket. Most text has neither, and the pattern is costly to
/// run over long text for nothing.
fn may_hold_doc_number(text: &str) -> bool {
    if text.contains(['号', '號']) {
        return true;
    }
    let closing = [']', ')', '〕', '］', '】', '）', '﹞', '﹚'];
    text.match_indices(closing).any(|(at, bracket)| {
        let rest = text[at + bracket.len()..].trim_start();
        rest.get(..2).is_some_and(|word| word.eq_ignore_ascii_case("no"))
    })
}

/// Tells whether `rest` starts with a word character (so that a serial number before it
/// does not end at a word boundary).
fn continues_a_word(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Walks back from `end` over Chinese characters (and the spaces between them and the
/// year) to find the issuer prefix; its text has no spaces.
fn chinese_prefix(text: &str, floor: usize, end: usize, strong: bool) -> Option<Prefix> {
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
    let run = text[start..end].trim_end_matches([' ', '　']);
    let cut = prefix_cut(run);
    let prefix = &run[cut..];
    let last = prefix.chars().last()?;
    if !strong && !ISSUING_ENDINGS.contains(last) {
        return None;
    }
    Some(Prefix { lead_start: start, start: start + cut, text: prefix.to_string() })
}

/// Returns where the prefix starts in the run of Chinese characters before a year: after
/// the last word that never belongs to a prefix.
fn prefix_cut(run: &str) -> usize {
    let cut = last_stop_word_end(run);
    if cut < run.len() {
        return cut;
    }
    // A one-character word at the very end may end an issuer code instead (经 in
    // `发改农经〔2004〕1933号`) when more of the code stands before it; a longer word
    // (`按照〔2019〕`) may not.
    let Some((last_at, _)) = run.char_indices().last() else { return cut };
    let longer_word_ends_run = STOP_WORDS.iter().any(|w| w.chars().count() > 1 && run.ends_with(w));
    if last_at == 0 || longer_word_ends_run {
        return cut;
    }
    let head_cut = last_stop_word_end(&run[..last_at]);
    if head_cut < last_at {
        head_cut
    } else {
        cut
    }
}

/// Returns the end of the last word in `text` that never belongs to a prefix, or 0.
fn last_stop_word_end(text: &str) -> usize {
    let mut cut = 0;
    for word in STOP_WORDS {
        if let Some(at) = text.rfind(word) {
            cut = cut.max(at + word.len());
        }
    }
    cut
}

/// Walks back from `end` over capitalised words (with `of`, `and` ... between them) to
/// find an English issuer prefix such as `MIIT Joint Regulation`.
fn english_prefix(text: &str, floor: usize, end: usize) -> Option<Prefix> {
    let before = &text[floor..end];
    // Without any capital letter (a query typed in lower case) capitals cannot mark the
    // prefix: then lower-case words count, and a connector ends the prefix.
    let any_case = !before.contains(|c: char| c.is_ascii_uppercase());
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
        let connector = EN_CONNECTORS.contains(&word);
        let counts = if any_case {
            !connector && word.starts_with(|c: char| c.is_ascii_lowercase())
        } else {
            connector || word.starts_with(|c: char| c.is_ascii_uppercase())
        };
        if !counts {
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
    let start = floor + start;
    Some(Prefix { lead_start: start, start, text: prefix.join(" ") })
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

    fn only_match(text: &str) -> DocNumberMatch {
        let mut found = find_doc_number_matches(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.remove(0)
    }

    #[test]
    fn matches_report_the_parts_of_chinese_spellings() {
        for text in [
            "国办发〔2019〕6号",
            "国办发[2019]6号",
            "国办发（2019）6号",
            "国办发2019年6号",
            "国办发 〔2019〕 6 号",
            "国办发﹝２０１９﹞０６號",
        ] {
            let found = only_match(text);
            assert_eq!(found.range, 0..text.len(), "{text}");
            assert!(found.lead.is_empty(), "{text}: {found:?}");
            let parts = (found.prefix.as_str(), found.year.as_str(), found.serial.as_str());
            assert_eq!(parts, ("国办发", "2019", "6"), "{text}");
            assert_eq!(found.form, DocNumberForm::Chinese);
            assert_eq!(found.normalized(), "国办发〔2019〕6号");
            assert_eq!(found.to_doc_number(text).raw, text);
        }
    }

    #[test]
    fn matches_report_the_parts_of_english_spellings() {
        for (text, prefix, year, serial) in [
            ("Caijian [2024] No. 16", "Caijian", "2024", "16"),
            ("MIIT Joint Regulation [2023] No. 258", "MIIT Joint Regulation", "2023", "258"),
        ] {
            let found = only_match(text);
            assert_eq!(found.range, 0..text.len(), "{text}");
            assert!(found.lead.is_empty(), "{text}: {found:?}");
            let parts = (found.prefix.as_str(), found.year.as_str(), found.serial.as_str());
            assert_eq!(parts, (prefix, year, serial), "{text}");
            assert_eq!(found.form, DocNumberForm::English);
            assert_eq!(found.normalized(), text);
        }
    }

    #[test]
    fn matches_in_a_sentence_cover_the_number_only() {
        let text = "《关于开展城市更新示范工作的通知》（财建〔2024〕16号）";
        let found = only_match(text);
        assert_eq!(&text[found.range.clone()], "财建〔2024〕16号");
        assert!(found.lead.is_empty(), "{found:?}");
        assert_eq!(found.normalized(), "财建〔2024〕16号");
    }

    #[test]
    fn words_cut_off_the_prefix_become_the_lead() {
        let text = "要按照国办发〔1993〕71号执行";
        let found = only_match(text);
        assert_eq!(&text[found.range.clone()], "国办发〔1993〕71号");
        assert_eq!(&text[found.lead.clone()], "要按照");
        assert_eq!(found.prefix, "国办发");
        assert_eq!(found.normalized(), "国办发〔1993〕71号");
    }

    #[test]
    fn a_one_character_word_may_end_an_issuer_code() {
        let text = "的请示》（发改农经〔2004〕1933号）已经国务院批准";
        assert_eq!(only_match(text).normalized(), "发改农经〔2004〕1933号");
        for text in ["按照〔2019〕6号", "根据〔2019〕6号", "见〔2019〕6号", "有关规定及〔2019〕6号"]
        {
            assert!(find_doc_number_matches(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_year_before_a_line_number_is_no_match() {
        assert!(find_doc_number_matches("今年2019年6号线开通").is_empty());
        assert!(find_doc_number_matches("依照〔2019〕6号").is_empty());
    }

    #[test]
    fn lower_case_english_numbers_are_found_only_without_capitals() {
        assert_eq!(only_match("caijian [2024] no. 16").normalized(), "caijian [2024] No. 16");
        assert_eq!(only_match("as required by the caijian [2024] no. 16").prefix, "caijian");
        assert_eq!(only_match("Caijian [2024] no.16").prefix, "Caijian");
        assert!(find_doc_number_matches("See caijian [2024] no. 16").is_empty());
        assert!(find_doc_number_matches("not now, [2024] no").is_empty());
        assert!(find_doc_number_matches("Caijian [2024] No. 16号").is_empty());
        assert!(find_doc_number_matches("Caijian [2024] No. 123456").is_empty());
    }
}
