//! Parsing of the numerals that clause numbers are written in: Chinese (`二十二`),
//! Roman (`XIV`), English words (`Twenty-One`) and circled digits (`③`).

/// Parses a Chinese numeral up to 9999 (`一百二十三`, `十`, `二〇`, `两`); `None` if
/// the text is empty or holds anything else.
pub(crate) fn parse_chinese(text: &str) -> Option<u32> {
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

/// Parses a Roman numeral of one case (`XIV` or `xiv`) up to 3999, strictly (no `IIII`).
pub(crate) fn parse_roman(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    let upper = text.chars().all(|c| c.is_ascii_uppercase());
    let lower = text.chars().all(|c| c.is_ascii_lowercase());
    if !upper && !lower {
        return None;
    }
    let mut total = 0u32;
    let mut previous = u32::MAX;
    for c in text.chars() {
        let value = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if value > previous {
            total = total + value - 2 * previous;
        } else {
            total += value;
        }
        previous = value;
    }
    // Round-trip to reject malformed forms such as "IIII" or "IC".
    (to_roman(total) == text.to_ascii_uppercase()).then_some(total)
}

/// Writes a number as an upper-case Roman numeral.
fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (unit, glyph) in TABLE {
        while value >= unit {
            out.push_str(glyph);
            value -= unit;
        }
    }
    out
}

/// Returns the value of a circled number `①`..`⑳`.
pub(crate) fn circled_value(c: char) -> Option<u32> {
    let code = c as u32;
    (0x2460..=0x2473).contains(&code).then(|| code - 0x2460 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_chinese("一"), Some(1));
        assert_eq!(parse_chinese("十"), Some(10));
        assert_eq!(parse_chinese("十二"), Some(12));
        assert_eq!(parse_chinese("二十二"), Some(22));
        assert_eq!(parse_chinese("一百二十三"), Some(123));
        assert_eq!(parse_chinese("一百零五"), Some(105));
        assert_eq!(parse_chinese("两千"), Some(2000));
        assert_eq!(parse_chinese("二〇"), Some(20));
        assert_eq!(parse_chinese(""), None);
        assert_eq!(parse_chinese("零"), None);
        assert_eq!(parse_chinese("十a"), None);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(parse_roman("I"), Some(1));
        assert_eq!(parse_roman("IV"), Some(4));
        assert_eq!(parse_roman("XIV"), Some(14));
        assert_eq!(parse_roman("xiv"), Some(14));
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("Iv"), None);
        assert_eq!(parse_roman("ABC"), None);
        assert_eq!(parse_roman(""), None);
    }

    #[test]
    fn circled_numbers() {
        assert_eq!(circled_value('①'), Some(1));
        assert_eq!(circled_value('⑳'), Some(20));
        assert_eq!(circled_value('一'), None);
    }
}
