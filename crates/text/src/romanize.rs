//! Pinyin spellings of Chinese words, without tones or spaces, for names that English
//! texts write in pinyin: an issuer prefix such as 国办发 is `Guobanfa` or `Guo Ban Fa`
//! in `Guobanfa [2019] No. 6`.
//!
//! ```
//! use tiaowen_text::pinyin_spellings;
//! assert_eq!(pinyin_spellings("国办发", 4).first().map(String::as_str), Some("guobanfa"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use pinyin::ToPinyinMulti;

/// Returns at most `limit` spellings of `word` in lower-case pinyin without tones or
/// spaces (`财建` → `caijian`), the one of every character's first reading first; then
/// one character at a time read its other ways (`重` → `zhong`, then `chong`). `ü` is
/// written `u` (as English texts write 吕 Lu) and also `v`. Empty when a character has no
/// reading (a letter, a digit, a character outside the pinyin tables) or `limit` is 0.
pub fn pinyin_spellings(word: &str, limit: usize) -> Vec<String> {
    let mut readings: Vec<Vec<String>> = Vec::new();
    for multi in word.to_pinyin_multi() {
        let Some(multi) = multi else { return Vec::new() };
        let mut ways: Vec<String> = Vec::new();
        for reading in multi {
            let plain = reading.plain();
            for way in [plain.replace('ü', "u"), plain.replace('ü', "v")] {
                if !way.is_empty() && !ways.contains(&way) {
                    ways.push(way);
                }
            }
        }
        if ways.is_empty() {
            return Vec::new();
        }
        readings.push(ways);
    }
    if readings.is_empty() || limit == 0 {
        return Vec::new();
    }
    let first: Vec<&str> = readings.iter().map(|ways| ways[0].as_str()).collect();
    let mut spellings = vec![first.concat()];
    for (at, ways) in readings.iter().enumerate() {
        for way in ways.iter().skip(1) {
            if spellings.len() == limit {
                return spellings;
            }
            let mut spelling = first.clone();
            spelling[at] = way;
            let spelling = spelling.concat();
            if !spellings.contains(&spelling) {
                spellings.push(spelling);
            }
        }
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_prefixes_read_as_english_texts_write_them() {
        assert_eq!(pinyin_spellings("国办发", 4)[0], "guobanfa");
        assert_eq!(pinyin_spellings("财建", 4)[0], "caijian");
        assert_eq!(pinyin_spellings("工信厅联规函", 4)[0], "gongxintinglianguihan");
    }

    #[test]
    fn tones_of_one_syllable_give_one_spelling() {
        // 发 is fā and fà: the same letters.
        assert_eq!(pinyin_spellings("发", 4), vec!["fa".to_owned()]);
    }

    #[test]
    fn other_readings_follow_the_first() {
        let spellings = pinyin_spellings("重庆", 4);
        assert_eq!(spellings[0], "zhongqing");
        assert!(spellings.contains(&"chongqing".to_owned()), "{spellings:?}");
        assert!(spellings.len() <= 4);
        assert_eq!(pinyin_spellings("重庆", 1), vec!["zhongqing".to_owned()]);
    }

    #[test]
    fn u_umlaut_is_written_both_ways() {
        let spellings = pinyin_spellings("律", 4);
        assert!(spellings.contains(&"lu".to_owned()), "{spellings:?}");
        assert!(spellings.contains(&"lv".to_owned()), "{spellings:?}");
    }

    #[test]
    fn words_without_readings_have_no_spelling() {
        assert!(pinyin_spellings("A发", 4).is_empty());
        assert!(pinyin_spellings("", 4).is_empty());
        assert!(pinyin_spellings("国办发", 0).is_empty());
    }
}
