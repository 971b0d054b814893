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

/// Writes a number from 1 to 9999 in Chinese numerals as statutes do: 十五, 二十, 一百八十,
/// 三千零五; `None` outside that range.
pub fn chinese_numeral(n: u32) -> Option<String> {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 9_999 {
        return None;
    }
    if (10..20).contains(&n) {
        // 十五, not 一十五.
        return Some(format!("十{}", if n == 10 { "" } else { DIGITS[(n - 10) as usize] }));
    }
    let places = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero_pending = false;
    for (value, name) in places {
        let digit = (n / value) % 10;
        if digit == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push_str(DIGITS[digit as usize]);
        out.push_str(name);
    }
    Some(out)
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
    fn counts_are_written_as_statutes_write_them() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (15, "十五"),
            (20, "二十"),
            (30, "三十"),
            (90, "九十"),
            (100, "一百"),
            (180, "一百八十"),
            (105, "一百零五"),
            (365, "三百六十五"),
            (3005, "三千零五"),
        ];
        for (n, zh) in cases {
            assert_eq!(chinese_numeral(n).as_deref(), Some(zh), "{n}");
        }
        assert_eq!(chinese_numeral(0), None);
        assert_eq!(chinese_numeral(10_000), None);
    }

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
