//! Judges whether extracted text is real text or the codes of unmapped glyphs.
//!
//! Two kinds of failure are common. Glyphs with no Unicode mapping come out as
//! private-use, replacement or control characters. Glyphs mapped through a wrong or
//! missing ToUnicode table come out as valid but out-of-place characters: Latin-1
//! letters and combining accents amid Chinese text, or runs of ASCII punctuation.

/// Share of unmapped characters above which the text layer is reported.
const UNMAPPED_SHARE: f64 = 0.05;

/// Share of out-of-place letters and marks above which the text layer is reported.
const OUT_OF_PLACE_SHARE: f64 = 0.01;

/// Share of ASCII punctuation above which the text layer is reported (prose has 2–5%).
const PUNCTUATION_SHARE: f64 = 0.25;

/// Counts of the kinds of characters in a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Quality {
    /// Characters other than white space.
    pub(crate) total: usize,
    /// Private-use, replacement and control characters.
    pub(crate) unmapped: usize,
    /// Characters that real Chinese or English prose hardly ever holds.
    pub(crate) out_of_place: usize,
    /// ASCII punctuation and symbols.
    pub(crate) punctuation: usize,
}

/// Tells whether a character is a sign of an unmapped glyph.
pub(crate) fn is_unmapped(c: char) -> bool {
    let code = c as u32;
    c == '\u{fffd}'
        || (c.is_control() && !c.is_whitespace())
        || (0xE000..=0xF8FF).contains(&code)
        || code >= 0xF0000
}

/// Tells whether a character is one a wrong glyph mapping produces but prose does not:
/// Latin-1 and Latin Extended letters and signs, spacing and combining accents, and a few
/// typographic signs of the old single-byte encodings.
fn is_out_of_place(c: char) -> bool {
    match c as u32 {
        // Signs that do occur in documents: ° ± ² ³ µ · ¹ × ÷ and § © ® £ ¥.
        0xB0..=0xB3 | 0xB5 | 0xB7 | 0xB9 | 0xD7 | 0xF7 | 0xA3 | 0xA5 | 0xA7 | 0xA9 | 0xAE => false,
        0xA1..=0x24F | 0x2B0..=0x36F => true,
        _ => matches!(c, '‹' | '›' | '†' | '‡' | '⁄' | 'ˆ' | '˜' | '\u{fb01}' | '\u{fb02}'),
    }
}

/// Counts the kinds of characters in some text.
pub(crate) fn assess<'a>(texts: impl IntoIterator<Item = &'a str>) -> Quality {
    let mut quality = Quality::default();
    for c in texts.into_iter().flat_map(str::chars) {
        if c.is_whitespace() {
            continue;
        }
        quality.total += 1;
        quality.unmapped += usize::from(is_unmapped(c));
        quality.out_of_place += usize::from(is_out_of_place(c));
        quality.punctuation += usize::from(c.is_ascii_punctuation());
    }
    quality
}

impl Quality {
    fn share(&self, count: usize) -> f64 {
        count as f64 / self.total.max(1) as f64
    }

    /// Describes what is wrong with the text, if anything.
    pub(crate) fn warning(&self) -> Option<String> {
        let percent = |count| (self.share(count) * 100.0).round();
        if self.share(self.unmapped) > UNMAPPED_SHARE {
            let unmapped = percent(self.unmapped);
            return Some(format!(
                "text layer mostly unmapped: {unmapped}% private-use/replacement characters"
            ));
        }
        if self.share(self.out_of_place) > OUT_OF_PLACE_SHARE
            || self.share(self.punctuation) > PUNCTUATION_SHARE
        {
            let odd = percent(self.out_of_place + self.punctuation);
            return Some(format!(
                "text layer looks garbled: {odd}% stray accented letters or symbols (wrong or missing ToUnicode map?)"
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_chinese_and_english_prose_passes() {
        let zh = "（一）基本原则。坚持政府引导、市场主导，比例达到60%以上，温度±2°C。";
        let en =
            "(1) Basic principles. The program shall be government-guided and market-led; see § 3.";
        assert_eq!(assess([zh, en]).warning(), None);
    }

    #[test]
    fn private_use_glyphs_are_unmapped() {
        let quality = assess(["\u{e001}\u{e002}通知"]);
        assert_eq!(quality, Quality { total: 4, unmapped: 2, out_of_place: 0, punctuation: 0 });
        assert_eq!(
            quality.warning().as_deref(),
            Some("text layer mostly unmapped: 50% private-use/replacement characters")
        );
    }

    #[test]
    fn latin_letters_amid_chinese_are_flagged() {
        let text =
            "ý信厅联规函420255108号各省1自治区1直辖^及计划单列^1新疆生产建设兵团ý业和信息化管部门";
        assert!(assess([text])
            .warning()
            .is_some_and(|w| w.starts_with("text layer looks garbled")));
    }

    #[test]
    fn punctuation_soup_is_flagged() {
        let text = "2–\" )X$›5;’ e·’j&8(Q!+ 0 ( 1!: l5. ’j&8 (Q&?#Z3";
        assert!(assess([text]).warning().is_some());
    }
}
