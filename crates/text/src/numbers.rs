//! Number words as labels and questions write counts: Chinese numerals (`二十二`) and
//! English words ("Twenty-One").

/// Parses a Chinese numeral up to 9999 (`一百二十三`, `十`, `二〇`, `两`); `None` if
/// the text is empty or holds anything else.
pub fn parse_chinese_number(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    for c in text.chars() {
        if let Some(value) = chinese_digit(c) {
            // Two digits in a row ("二〇", "一〇一") read positionally.
            digit = Some(digit.map_or(value, |d| d * 10 + value));
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            _ => return None,
        };
        total += digit.unwrap_or(1) * unit;
        digit = None;
    }
    total += digit.unwrap_or(0);
    (total > 0 && total < 10_000).then_some(total)
}

/// Returns the value of one Chinese digit character.
fn chinese_digit(c: char) -> Option<u32> {
    let value = match c {
        '〇' | '零' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    };
    Some(value)
}

/// Parses an English number word from one to ninety-nine (`Two`, `seventeen`,
/// `Twenty-One`, `twenty one`), ignoring case.
pub fn parse_english_number(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let mut parts = lower.split(['-', ' ']).filter(|part| !part.is_empty());
    let first = parts.next()?;
    let second = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let first_value = english_word_value(first)?;
    match second {
        None => Some(first_value),
        Some(word) => {
            let unit = english_word_value(word)?;
            (first_value >= 20 && first_value % 10 == 0 && unit < 10).then_some(first_value + unit)
        }
    }
}

/// Returns the value of one English number word.
fn english_word_value(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] =
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(index) = WORDS.iter().position(|w| *w == word) {
        return (index > 0).then_some(index as u32);
    }
    TENS.iter().position(|w| *w == word).map(|index| (index as u32 + 2) * 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese_number("一"), Some(1));
        assert_eq!(parse_chinese_number("十"), Some(10));
        assert_eq!(parse_chinese_number("十二"), Some(12));
        assert_eq!(parse_chinese_number("二十二"), Some(22));
        assert_eq!(parse_chinese_number("一百二十三"), Some(123));
        assert_eq!(parse_chinese_number("一百零五"), Some(105));
        assert_eq!(parse_chinese_number("两千"), Some(2000));
        assert_eq!(parse_chinese_number("二〇"), Some(20));
        assert_eq!(parse_chinese_number(""), None);
        assert_eq!(parse_chinese_number("零"), None);
        assert_eq!(parse_chinese_number("十a"), None);
    }

    #[test]
    fn number_words_from_one_to_ninety_nine() {
        assert_eq!(parse_english_number("One"), Some(1));
        assert_eq!(parse_english_number("Seventeen"), Some(17));
        assert_eq!(parse_english_number("Twenty-One"), Some(21));
        assert_eq!(parse_english_number("twenty one"), Some(21));
        assert_eq!(parse_english_number("Twenty"), Some(20));
        assert_eq!(parse_english_number("One-Two"), None);
        assert_eq!(parse_english_number("Zero"), None);
        assert_eq!(parse_english_number("Annex"), None);
    }
}
