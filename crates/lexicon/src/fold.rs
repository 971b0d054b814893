//! Traditional → simplified folding (mainland variant).
//!
//! Two entry points serve two callers: [`fold_char`] maps one character at a time so a
//! tokenizer can fold text without moving any offset, and [`to_simplified`] runs OpenCC's
//! phrase-aware `t2s` conversion for queries and display, where a phrase such as 乾隆 must
//! stay as it is.

use std::collections::HashMap;
use std::sync::LazyLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// OpenCC's `TSCharacters` table, first candidate of each character (see NOTICE).
const TS_CHARS: &str = include_str!("../data/ts_chars.tsv");

static CHAR_TABLE: LazyLock<HashMap<char, char>> = LazyLock::new(|| parse_char_table(TS_CHARS));

/// The OpenCC converter, or `None` if its embedded configuration failed to load, in which
/// case [`to_simplified`] falls back to the character table.
static T2S: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// Parses `traditional<TAB>simplified` lines; lines that are comments or not one
/// character on each side are skipped.
fn parse_char_table(data: &str) -> HashMap<char, char> {
    let mut table = HashMap::with_capacity(4_200);
    for line in data.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((from, to)) = line.split_once('\t') else { continue };
        let mut from_chars = from.chars();
        let mut to_chars = to.chars();
        if let (Some(f), None, Some(t), None) =
            (from_chars.next(), from_chars.next(), to_chars.next(), to_chars.next())
        {
            table.insert(f, t);
        }
    }
    table
}

/// Folds one traditional character to its simplified form, keeping every other character
/// (simplified, Latin, punctuation) as is.
///
/// ```
/// assert_eq!(tiaowen_lexicon::fold_char('國'), '国');
/// assert_eq!(tiaowen_lexicon::fold_char('国'), '国');
/// assert_eq!(tiaowen_lexicon::fold_char('A'), 'A');
/// ```
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    CHAR_TABLE.get(&c).copied().unwrap_or(c)
}

/// Folds a text character by character with [`fold_char`]: the output has as many chars
/// as the input, so char offsets still hold (byte offsets may shift, as a few simplified
/// characters take a different number of UTF-8 bytes).
pub fn fold_text(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Converts a traditional (or mixed) text to simplified Chinese with OpenCC's phrase-aware
/// `t2s` conversion, keeping every other character as is.
///
/// ```
/// assert_eq!(tiaowen_lexicon::to_simplified("國務院辦公廳關於"), "国务院办公厅关于");
/// ```
pub fn to_simplified(text: &str) -> String {
    if !text.chars().any(|c| CHAR_TABLE.contains_key(&c)) {
        return text.to_owned();
    }
    match T2S.as_ref() {
        Some(converter) => converter.convert(text),
        None => fold_text(text),
    }
}

/// Tells whether a text contains any character that [`fold_char`] changes.
pub fn has_traditional(text: &str) -> bool {
    text.chars().any(|c| CHAR_TABLE.contains_key(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_government_phrases_char_by_char() {
        let input = "國務院辦公廳關於";
        let folded = fold_text(input);
        assert_eq!(folded, "国务院办公厅关于");
        assert_eq!(folded.chars().count(), input.chars().count());
    }

    #[test]
    fn keeps_simplified_latin_and_punctuation() {
        for c in ['国', 'a', 'Z', '1', '，', '《', 'é'] {
            assert_eq!(fold_char(c), c);
        }
        assert_eq!(fold_text("财建〔2024〕16号 Caijian"), "财建〔2024〕16号 Caijian");
    }

    #[test]
    fn whole_phrase_conversion_matches_mainland_forms() {
        assert_eq!(
            to_simplified("財政部關於開展試點城市申報工作的通知"),
            "财政部关于开展试点城市申报工作的通知"
        );
        assert_eq!(to_simplified("個人所得稅專項附加扣除"), "个人所得税专项附加扣除");
        assert_eq!(to_simplified("plain English"), "plain English");
    }

    #[test]
    fn char_table_agrees_with_opencc_on_single_characters() {
        let Some(converter) = T2S.as_ref() else { panic!("opencc t2s failed to load") };
        let mut disagreements = Vec::new();
        for (&from, &to) in CHAR_TABLE.iter() {
            let converted = converter.convert(&from.to_string());
            if converted != to.to_string() {
                disagreements.push((from, to, converted));
            }
        }
        // OpenCC's phrase table holds a handful of one-character entries that override
        // the character table; anything beyond that means the table is out of step.
        assert!(
            disagreements.len() < 40,
            "{} disagreements: {:?}",
            disagreements.len(),
            &disagreements[..10.min(disagreements.len())]
        );
        assert!(CHAR_TABLE.len() > 3_500);
    }

    #[test]
    fn detects_traditional_text() {
        assert!(has_traditional("國務院"));
        assert!(!has_traditional("国务院 State Council"));
    }

    #[test]
    fn skips_malformed_table_lines() {
        let table = parse_char_table("# comment\n國\t国\nbad line\n兩個\t两\n");
        assert_eq!(table.len(), 1);
        assert_eq!(table.get(&'國'), Some(&'国'));
    }
}
