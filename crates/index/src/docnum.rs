//! Document numbers (文号) inside text and queries, and the key they are indexed under.
//!
//! This crate only needs to find them and reduce every spelling to one key;
//! `tiaowen_text::docnum` parses them fully for the document records.

use std::sync::OnceLock;

use regex::Regex;

use crate::tokenizer::fold_text;

/// The longest issuer prefix (in characters) considered before the year bracket.
const MAX_PREFIX_CHARS: usize = 12;

/// One document number found in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocNumberMatch {
    /// Byte range in the folded text, prefix included.
    pub start: usize,
    /// End of the match (exclusive).
    pub end: usize,
    /// The characters before the year bracket, longest first trimmed to the limit.
    pub prefix: String,
    /// The four-digit year.
    pub year: String,
    /// The serial number.
    pub serial: String,
    /// What follows the serial in the key: `号` for Chinese numbers, nothing for English.
    pub suffix: &'static str,
}

impl DocNumberMatch {
    /// Returns the keys of every suffix of the prefix of at least `min_chars` characters,
    /// longest first: where the issuer code starts is not known from the text alone.
    pub fn keys(&self, min_chars: usize) -> Vec<String> {
        let chars: Vec<char> = self.prefix.chars().collect();
        let mut keys = Vec::new();
        for skip in 0..chars.len() {
            if chars.len() - skip < min_chars {
                break;
            }
            let prefix: String = chars[skip..].iter().collect();
            keys.push(format!("{prefix}[{}]{}{}", self.year, self.serial, self.suffix));
        }
        keys
    }
}

fn zh_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(\p{Han}{1,12})\s*[〔\[(【（［]\s*((?:19|20)\d{2})\s*[〕\])】）］]\s*第?\s*(\d{1,5})\s*号")
            .expect("document number pattern is valid")
    })
}

/// The spelling with the year before 年 (`国办发2019年6号`): without brackets, a date
/// (`今年2019年6号线`) must not pass, so the prefix has to end like an issuer code.
fn zh_year_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(\p{Han}{0,11}[发函字规办建电文令复批财税综改委厅部局])\s*((?:19|20)\d{2})\s*年\s*第?\s*(\d{1,5})\s*号",
        )
        .expect("document number pattern is valid")
    })
}

fn en_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)((?:[a-z]+ ){0,2}[a-z]+)\s*[\[(]\s*((?:19|20)\d{2})\s*[\])]\s*no\.?\s*(\d{1,5})",
        )
        .expect("document number pattern is valid")
    })
}

/// Finds the document numbers in folded (lower-cased, NFKC) text, in order.
///
/// Both patterns end in a fixed word (`号`, `no`), so they run only on short windows
/// before each occurrence of it: the tokenizer calls this on every clause, and an
/// unanchored pattern starting with a run of Han characters is slow over long text.
pub(crate) fn find_doc_numbers(folded: &str) -> Vec<DocNumberMatch> {
    let mut found: Vec<DocNumberMatch> = Vec::new();
    let patterns =
        [(zh_pattern(), "号", "号"), (zh_year_pattern(), "号", "号"), (en_pattern(), "", "no")];
    for (pattern, suffix, anchor) in patterns {
        let mut searched_to = 0;
        for (at, _) in folded.match_indices(anchor) {
            if suffix.is_empty() && !folded[..at].trim_end().ends_with([']', ')']) {
                continue;
            }
            let start = window_start(folded, at, 72).max(searched_to);
            let end = window_end(folded, at + anchor.len(), 12);
            if start >= end {
                continue;
            }
            for caps in pattern.captures_iter(&folded[start..end]) {
                if let Some(one) = number_match(&caps, start, suffix) {
                    if !found.iter().any(|f| f.start == one.start) {
                        searched_to = one.end;
                        found.push(one);
                    }
                }
            }
        }
    }
    found.sort_by_key(|m| m.start);
    found
}

/// The byte offset about `back` bytes before `at`, on a char boundary.
fn window_start(text: &str, at: usize, back: usize) -> usize {
    let mut start = at.saturating_sub(back);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    start
}

/// The byte offset about `ahead` bytes after `at`, on a char boundary.
fn window_end(text: &str, at: usize, ahead: usize) -> usize {
    let mut end = (at + ahead).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Turns one pattern match (offsets relative to `base`) into a document number.
fn number_match(
    caps: &regex::Captures<'_>,
    base: usize,
    suffix: &'static str,
) -> Option<DocNumberMatch> {
    let (whole, prefix, year, serial) = (caps.get(0)?, caps.get(1)?, caps.get(2)?, caps.get(3)?);
    let prefix_text: String = prefix.as_str().split_whitespace().collect();
    // English prefixes are bounded by the pattern (three words); Chinese ones by
    // characters.
    let total = prefix_text.chars().count();
    let keep = if suffix.is_empty() { total } else { MAX_PREFIX_CHARS };
    let prefix_text: String = prefix_text.chars().skip(total.saturating_sub(keep)).collect();
    Some(DocNumberMatch {
        start: base + whole.start(),
        end: base + whole.end(),
        prefix: prefix_text,
        year: year.as_str().to_owned(),
        serial: serial.as_str().trim_start_matches('0').to_owned(),
        suffix,
    })
}

/// Reduces a document number as written (`国办发[2019]6号`, `Caijian [2024] No. 16`) to
/// its index key (`国办发[2019]6号`, `caijian[2024]16`); `None` if it is not one.
pub fn doc_number_key(raw: &str) -> Option<String> {
    doc_number_keys(raw).into_iter().next()
}

/// Returns the key of a document number and the keys of its shorter issuer prefixes
/// (`办发[2019]6号`), longest first, so that a query naming the number with a shorter or
/// longer prefix than the record still finds it; empty if `raw` holds no number.
pub fn doc_number_keys(raw: &str) -> Vec<String> {
    let folded = fold_text(raw);
    find_doc_numbers(&folded.text).first().map(|found| found.keys(2)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_agree_across_bracket_spellings() {
        let expected = Some("国办发[2019]6号".to_owned());
        assert_eq!(doc_number_key("国办发〔2019〕6号"), expected);
        assert_eq!(doc_number_key("国办发[2019]6号"), expected);
        assert_eq!(doc_number_key("国办发（2019）第6号"), expected);
        assert_eq!(doc_number_key("国办发【2019】06号"), expected);
        assert_eq!(doc_number_key("国办发2019年6号"), expected);
        assert_eq!(doc_number_key("国办发 2019 年第 6 号"), expected);
    }

    #[test]
    fn shorter_prefixes_are_keys_too() {
        let keys = doc_number_keys("Gongxinting Lianguihan [2025] No. 108");
        assert_eq!(keys.first().map(String::as_str), Some("gongxintinglianguihan[2025]108"));
        assert!(keys.contains(&"lianguihan[2025]108".to_owned()));
        assert!(doc_number_keys("2025年").is_empty());
        assert!(doc_number_keys("2019年6号").is_empty());
        assert!(doc_number_keys("今年2019年6号线开通").is_empty());
    }

    #[test]
    fn english_numbers_become_keys() {
        assert_eq!(doc_number_key("Caijian [2024] No. 16"), Some("caijian[2024]16".to_owned()));
        assert_eq!(doc_number_key("no number here"), None);
    }

    #[test]
    fn finds_numbers_in_running_text_with_offsets() {
        let text = fold_text("根据《通知》（财建〔2024〕16号）执行").text;
        let found = find_doc_numbers(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "财建〔2024〕16号");
        let keys = found[0].keys(2);
        assert_eq!(keys, vec!["财建[2024]16号".to_owned()]);
    }

    #[test]
    fn prefix_suffixes_cover_unknown_issuer_start() {
        let text = fold_text("依照国办发〔2019〕6号文件").text;
        let keys = find_doc_numbers(&text)[0].keys(2);
        assert!(keys.contains(&"国办发[2019]6号".to_owned()));
        assert!(keys.contains(&"依照国办发[2019]6号".to_owned()));
    }
}
