//! Nesting of outline numbers (`一、` › `（一）` › `1.` › `（1）`) from the order in
//! which their styles appear.
//!
//! The open levels form a stack, one numbering style per level. A number whose style
//! is already on the stack closes back to that level (it must continue that level's
//! sequence); a number in a new style opens a child level (it must start at 1, or
//! continue the numbering that ran through the previous parent, as in opinions that
//! number `（一）`…`（十八）` across all their parts). A number that fits nowhere is
//! ordinary text.

use std::collections::HashMap;

use crate::marker::Candidate;

/// A numbering style. Styles that translate the same Chinese style share one variant:
/// `(I)`, `(II)`, `(One)` and `(Two)` all stand for `（一）` `（二）` in translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    /// `一、` (also `一.`).
    ZhComma,
    /// `（一）` (also `(一)`).
    ZhParen,
    /// `1.`, `1、`.
    ArabicDot,
    /// `（1）`, `(1)`.
    ArabicParen,
    /// `①`.
    Circled,
    /// `I.`, `II.`.
    RomanDot,
    /// `(I)`, `(II)`, `(One)`, `(Two)`.
    ParenWord,
    /// `(a)`, `(b)`.
    ParenLetter,
    /// `(i)`, `(ii)`.
    ParenRomanLower,
}

/// Styles that look alike, between which a translation may switch within one level
/// (`1. …` then `II. …`, or `(16)` then `(Seventeen)`). Chinese numerals form
/// families of their own: after `一、`, a `2.` is not `二、`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `一、`.
    ChineseDotted,
    /// `（一）`.
    ChineseBracketed,
    /// A Latin number followed by a full stop: `1.`, `II.`.
    Dotted,
    /// A Latin number or word in brackets.
    Bracketed,
    /// A circled number.
    Circled,
}

impl Style {
    /// Returns the family the style belongs to.
    fn family(self) -> Family {
        match self {
            Style::ZhComma => Family::ChineseDotted,
            Style::ZhParen => Family::ChineseBracketed,
            Style::ArabicDot | Style::RomanDot => Family::Dotted,
            Style::ArabicParen | Style::ParenWord | Style::ParenLetter | Style::ParenRomanLower => {
                Family::Bracketed
            }
            Style::Circled => Family::Circled,
        }
    }
}

/// One open level of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Level {
    /// The style its numbers are written in.
    pub style: Style,
    /// The value of its current number.
    pub value: u32,
    /// The current number as it goes into a label.
    pub token: String,
    /// The index of the node its current number opened.
    pub node: usize,
}

/// The stack of open outline levels.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    levels: Vec<Level>,
    /// The last value each (depth, style) reached before its level was closed.
    closed: HashMap<(usize, Style), u32>,
}

impl Outline {
    /// Returns the open levels, outermost first.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Forgets every level (a new chapter, article or attachment starts).
    pub fn clear(&mut self) {
        self.levels.clear();
        self.closed.clear();
    }

    /// Closes every level but remembers where each numbering stopped, so that a
    /// list numbered across chapters (一、…四、 in chapter 1, 五、 in chapter 2) goes on.
    pub fn close_all(&mut self) {
        while let Some(level) = self.levels.pop() {
            self.closed.insert((self.levels.len(), level.style), level.value);
        }
    }

    /// Finds the first reading that fits the outline and the depth it goes to.
    pub fn place<'c>(&self, candidates: &'c [Candidate]) -> Option<(usize, &'c Candidate)> {
        for candidate in candidates {
            if let Some(depth) = self.depth_for(candidate) {
                return Some((depth, candidate));
            }
        }
        None
    }

    /// Opens `candidate` at `depth`, closing the levels at and below it.
    pub fn open(&mut self, depth: usize, candidate: &Candidate, node: usize) {
        while self.levels.len() > depth {
            if let Some(level) = self.levels.pop() {
                self.closed.insert((self.levels.len(), level.style), level.value);
            }
        }
        self.levels.push(Level {
            style: candidate.style,
            value: candidate.value,
            token: candidate.token.clone(),
            node,
        });
    }

    /// Returns the depth a number goes to, or `None` when it fits nowhere.
    fn depth_for(&self, candidate: &Candidate) -> Option<usize> {
        let value = candidate.value;
        if let Some(depth) = self.levels.iter().position(|level| level.style == candidate.style) {
            let continues = self.levels[depth].value.checked_add(1) == Some(value);
            // A top-level list that starts again from 1 is a restart, not stray text.
            return (continues || (depth == 0 && value == 1)).then_some(depth);
        }
        let child = self.levels.len();
        let continued = self.closed.get(&(child, candidate.style)).is_some_and(|v| v + 1 == value);
        if value == 1 || continued {
            return Some(child);
        }
        // A translation may switch style at one level: "1. …" then "II. …".
        self.levels.iter().rposition(|level| {
            level.style.family() == candidate.style.family()
                && level.value.checked_add(1) == Some(value)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(style: Style, value: u32) -> Candidate {
        Candidate { style, value, token: format!("{value}") }
    }

    /// Places a sequence of numbers and returns the depth each went to (`None` = text).
    fn depths(numbers: &[(Style, u32)]) -> Vec<Option<usize>> {
        let mut outline = Outline::default();
        let mut out = Vec::new();
        for (index, (style, value)) in numbers.iter().enumerate() {
            let candidates = [candidate(*style, *value)];
            match outline.place(&candidates) {
                Some((depth, chosen)) => {
                    outline.open(depth, chosen, index);
                    out.push(Some(depth));
                }
                None => out.push(None),
            }
        }
        out
    }

    #[test]
    fn nests_by_order_of_appearance() {
        let got = depths(&[
            (Style::ZhComma, 1),
            (Style::ZhParen, 1),
            (Style::ArabicDot, 1),
            (Style::ArabicDot, 2),
            (Style::ZhParen, 2),
            (Style::ArabicDot, 1),
            (Style::ZhComma, 2),
        ]);
        assert_eq!(got, vec![Some(0), Some(1), Some(2), Some(2), Some(1), Some(2), Some(0)]);
    }

    #[test]
    fn rejects_numbers_that_continue_nothing() {
        // "3." under （一） neither starts a list nor continues one.
        let got = depths(&[(Style::ZhComma, 1), (Style::ZhParen, 1), (Style::ArabicDot, 3)]);
        assert_eq!(got, vec![Some(0), Some(1), None]);
        // A first number that is not 1 is text.
        assert_eq!(depths(&[(Style::ArabicDot, 5)]), vec![None]);
    }

    #[test]
    fn continues_numbering_across_parents() {
        let got = depths(&[
            (Style::RomanDot, 1),
            (Style::RomanDot, 2),
            (Style::ArabicParen, 1),
            (Style::ArabicParen, 2),
            (Style::RomanDot, 3),
            (Style::ArabicParen, 3),
        ]);
        assert_eq!(got, vec![Some(0), Some(0), Some(1), Some(1), Some(0), Some(1)]);
    }

    #[test]
    fn switches_style_within_a_level() {
        // "1. Supporting content", "(I)", "(Two)", "II. Work Requirements".
        let got = depths(&[
            (Style::ArabicDot, 1),
            (Style::ParenWord, 1),
            (Style::ParenWord, 2),
            (Style::RomanDot, 2),
            (Style::ParenWord, 1),
            (Style::RomanDot, 3),
            (Style::ArabicDot, 1),
        ]);
        assert_eq!(got, vec![Some(0), Some(1), Some(1), Some(0), Some(1), Some(0), Some(1)]);
    }

    #[test]
    fn numbering_goes_on_after_closing_all_levels() {
        let mut outline = Outline::default();
        let first = [candidate(Style::ZhComma, 1)];
        let (depth, chosen) = outline.place(&first).expect("one starts a list");
        outline.open(depth, chosen, 0);
        outline.close_all();
        assert!(outline.levels().is_empty());
        assert_eq!(outline.place(&[candidate(Style::ZhComma, 2)]).map(|(d, _)| d), Some(0));
        assert_eq!(outline.place(&[candidate(Style::ZhComma, 1)]).map(|(d, _)| d), Some(0));
        assert_eq!(outline.place(&[candidate(Style::ZhComma, 3)]), None);
    }

    #[test]
    fn chinese_numbers_do_not_switch_to_arabic() {
        let got = depths(&[(Style::ZhComma, 1), (Style::ArabicDot, 2)]);
        assert_eq!(got, vec![Some(0), None]);
    }

    #[test]
    fn prefers_the_first_reading_that_fits() {
        let outline = Outline::default();
        let letter_h = [candidate(Style::ParenLetter, 8)];
        assert!(outline.place(&letter_h).is_none());
        let roman_i = [candidate(Style::ParenLetter, 9), candidate(Style::ParenRomanLower, 1)];
        let (depth, chosen) = outline.place(&roman_i).expect("roman one starts a list");
        assert_eq!((depth, chosen.style), (0, Style::ParenRomanLower));
    }
}
