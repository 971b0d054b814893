//! Parsing of the numerals that clause numbers are written in: Chinese (`二十二`),
//! Roman (`XIV`), English words (`Twenty-One`) and circled digits (`③`).

pub(crate) use tiaowen_text::parse_chinese_number as parse_chinese;

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
