//! English number words ("Twenty-One"), as labels and questions write counts.

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
