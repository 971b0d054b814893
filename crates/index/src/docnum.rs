//! Document numbers (文号) inside text and queries, and the keys they are indexed under.
//!
//! [`tiaowen_text::find_doc_number_matches`] recognises them (the document records use
//! the same recogniser); this module reduces each to keys. Where an issuer code starts
//! is not known from the text alone (`依照国办发〔2019〕6号`: 国办发 or 办发?), so a
//! number has one key per suffix of its prefix, over the words the recogniser cut off
//! before it too. A Chinese prefix is keyed in pinyin as well, the way English texts
//! write it (`Guobanfa [2019] No. 6`).

use tiaowen_text::{find_doc_number_matches, pinyin_spellings, DocNumberForm};

use crate::tokenizer::fold_text;

/// The most pinyin spellings keyed per Chinese prefix: the first readings, then a few
/// with one character read another way (重 zhong or chong).
const PINYIN_SPELLINGS: usize = 4;

/// One document number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocNumberMatch {
    /// Start byte in the text searched, words cut off before the prefix included.
    pub start: usize,
    /// End of the match (exclusive).
    pub end: usize,
    /// The prefix (with those words) folded, without spaces: `依照国办发`, `caijian`.
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
    /// A Chinese suffix is followed by the keys of its pinyin spellings in the English
    /// form (`国办发[2019]6号`, then `guobanfa[2019]6`), so that `Guobanfa [2019] No. 6`
    /// finds 国办发〔2019〕6号 and the other way round.
    pub fn keys(&self, min_chars: usize) -> Vec<String> {
        let chars: Vec<char> = self.prefix.chars().collect();
        let mut keys = Vec::new();
        for skip in 0..chars.len() {
            if chars.len() - skip < min_chars {
                break;
            }
            let prefix: String = chars[skip..].iter().collect();
            keys.push(format!("{prefix}[{}]{}{}", self.year, self.serial, self.suffix));
            if !self.suffix.is_empty() {
                for spelling in pinyin_spellings(&prefix, PINYIN_SPELLINGS) {
                    keys.push(format!("{spelling}[{}]{}", self.year, self.serial));
                }
            }
        }
        keys
    }
}

/// Finds the document numbers in a text, in order; offsets are bytes of `text`.
///
/// Give the text as written, not folded: capitals mark where an English prefix starts.
pub(crate) fn find_doc_numbers(text: &str) -> Vec<DocNumberMatch> {
    let mut found = Vec::new();
    for number in find_doc_number_matches(text) {
        let suffix = if number.form == DocNumberForm::English { "" } else { "号" };
        let lead = text.get(number.lead.clone()).unwrap_or_default();
        let prefix: String =
            fold_text(&format!("{lead}{}", number.prefix)).text.split_whitespace().collect();
        found.push(DocNumberMatch {
            start: number.lead.start.min(number.range.start),
            end: number.range.end,
            prefix,
            year: number.year,
            serial: number.serial,
            suffix,
        });
    }
    found
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
    find_doc_numbers(raw).first().map(|found| found.keys(2)).unwrap_or_default()
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
    fn pinyin_spellings_key_a_chinese_number() {
        let chinese = doc_number_keys("国办发〔2019〕6号");
        for english in ["Guobanfa [2019] No. 6", "Guo Ban Fa [2019] No. 6", "guobanfa [2019] no. 6"]
        {
            let key = doc_number_key(english).expect("an English number");
            assert_eq!(key, "guobanfa[2019]6");
            assert!(chinese.contains(&key), "{chinese:?}");
        }
        // The Chinese key stays first: it is the one a record is shown under.
        assert_eq!(chinese[0], "国办发[2019]6号");
        // English prefixes are not read as pinyin again.
        assert_eq!(
            doc_number_keys("Caijian [2024] No. 16")
                .iter()
                .filter(|k| k.starts_with("cai"))
                .count(),
            1
        );
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
        assert_eq!(keys, vec!["财建[2024]16号".to_owned(), "caijian[2024]16".to_owned()]);
    }

    #[test]
    fn prefix_suffixes_cover_unknown_issuer_start() {
        let text = fold_text("依照国办发〔2019〕6号文件").text;
        let keys = find_doc_numbers(&text)[0].keys(2);
        assert!(keys.contains(&"国办发[2019]6号".to_owned()));
        assert!(keys.contains(&"依照国办发[2019]6号".to_owned()));
    }

    #[test]
    fn every_spelling_gets_the_same_keys() {
        let expected: Vec<String> =
            ["国办发[2019]6号", "guobanfa[2019]6", "办发[2019]6号", "banfa[2019]6"]
                .map(str::to_owned)
                .to_vec();
        for raw in [
            "国办发〔2019〕6号",
            "国办发[2019]6号",
            "国办发（2019）6号",
            "国办发2019年6号",
            "国办发 〔2019〕 6 号",
            "國辦發﹝２０１９﹞６號",
        ] {
            assert_eq!(doc_number_keys(raw), expected, "{raw}");
        }
    }

    #[test]
    fn words_cut_off_the_prefix_still_give_keys() {
        // The recogniser cuts the prefix at 按照; the keys keep the words before it,
        // and the number's span covers them.
        let text = "要按照国办发〔1993〕71号执行";
        let found = find_doc_numbers(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "要按照国办发〔1993〕71号");
        let keys = found[0].keys(2);
        assert_eq!(keys.first().map(String::as_str), Some("要按照国办发[1993]71号"));
        assert!(keys.contains(&"国办发[1993]71号".to_owned()), "{keys:?}");
    }

    #[test]
    fn english_keys_come_from_capitalised_prefixes() {
        let keys = doc_number_keys("MIIT Joint Regulation [2023] No. 258");
        assert_eq!(keys.first().map(String::as_str), Some("miitjointregulation[2023]258"));
        assert!(keys.contains(&"regulation[2023]258".to_owned()), "{keys:?}");
        let text = "as required by the Caijian [2024] No. 16.";
        let found = find_doc_numbers(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "Caijian [2024] No. 16");
        assert_eq!(found[0].keys(2).first().map(String::as_str), Some("caijian[2024]16"));
        // A query typed in lower case has no capitals to go by.
        assert_eq!(doc_number_key("caijian [2024] no. 16"), Some("caijian[2024]16".to_owned()));
    }

    #[test]
    fn the_analyzer_emits_keys_over_the_original_text() {
        let text = "根据《通知》（财建［２０２４］１６號）执行";
        let tokens = crate::tokenizer::analyze(text, true);
        let keys: Vec<_> = tokens.iter().filter(|t| t.text.contains('[')).collect();
        assert_eq!(keys.len(), 2, "{tokens:?}");
        assert_eq!(keys[0].text, "财建[2024]16号");
        assert_eq!(keys[1].text, "caijian[2024]16");
        assert_eq!(&text[keys[0].from..keys[0].to], "财建［２０２４］１６號");
        assert!(keys.iter().all(|key| !key.main));
        let text = "the “Notice” (Caijian [2024] No. 16) applies";
        let tokens = crate::tokenizer::analyze(text, true);
        let key = tokens.iter().find(|t| t.text == "caijian[2024]16").expect("an English key");
        assert_eq!(&text[key.from..key.to], "Caijian [2024] No. 16");
        let date = crate::tokenizer::analyze("今年2019年6号线开通", true);
        assert!(!date.iter().any(|t| t.text.contains('[')), "{date:?}");
    }

    #[test]
    fn queries_lose_their_numbers_to_keys() {
        let plan = crate::query::QueryPlan::parse("MIIT Joint Regulation [2023] No. 258 rules");
        assert_eq!(plan.doc_numbers.len(), 1);
        assert_eq!(plan.doc_numbers[0][0], "miitjointregulation[2023]258");
        let words: Vec<String> = plan.phrase_words().into_iter().map(|w| w.1).collect();
        assert_eq!(words, vec!["rule".to_owned()]);
        // The words expansion reads: "No." is part of the number, not a word (不是, 拒绝).
        let plan = crate::query::QueryPlan::parse("Guobanfa [2019] No. 6 basic principles");
        assert_eq!(plan.words.trim(), "basic principles");
        assert!(plan.doc_numbers[0].contains(&"guobanfa[2019]6".to_owned()));
    }
}
