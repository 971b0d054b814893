//! Misspelt English query words corrected to a word the index holds one edit away:
//! `fund use restrictons` is searched as `fund use restrictions`.
//!
//! A word is left alone when the index holds it or the lexicon knows it (a word the
//! corpus never writes may still be translated: "grandma" finds 祖母). Otherwise every
//! string one edit away (a letter dropped, added, changed, or two side by side swapped)
//! that the index holds in at least [`MIN_CLAUSES`] clauses, or that the lexicon knows,
//! is a candidate, and the one that reaches the most clauses, itself or through its
//! translations, wins: `penatly` is "penalty", which only Chinese clauses answer (罚款),
//! rather than "peatly" (peat, 泥炭). Short words, words in capitals (CNC, AI) and words joined
//! to digits or other letters (`5G`, `Xiong'an`) are never corrected: one edit turns too
//! many of them into other words.

use std::cmp::Reverse;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The shortest word corrected: shorter ones are one edit away from too many others.
const MIN_LETTERS: usize = 5;
/// The fewest clauses that must hold a correction (fewer may be a typo of the corpus).
const MIN_CLAUSES: u64 = 2;

/// One word of a query read as another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Correction {
    /// Where the word stands in the query.
    pub span: Range<usize>,
    /// The word as written.
    pub from: String,
    /// The word searched for.
    pub to: String,
}

/// Runs of Latin letters that stand alone: not joined to digits, apostrophes, hyphens or
/// other letters (the pattern's classes are ASCII, so a run next to an accented letter
/// is taken whole by the check after it).
fn word_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| Regex::new(r"[A-Za-z]+").expect("the word pattern compiles"))
}

/// What correcting a word needs to know about words (lower-case English).
pub(crate) trait Vocabulary {
    /// The number of clauses holding the word's analysed form (0 when none does, or when
    /// the analyzer drops it).
    fn holds(&self, word: &str) -> u64;
    /// Whether the lexicon has the word (by its stem).
    fn knows(&self, word: &str) -> bool;
    /// The most clauses the word reaches, itself or through one of its translations
    /// (罚款 for "penalty").
    fn reach(&self, word: &str) -> u64;
    /// Whether the word is its own analysed form (`subsidi`, the stem of "subsidy").
    fn is_stem(&self, word: &str) -> bool;
}

/// Finds the words of `query` to correct.
pub(crate) fn corrections(query: &str, words: &dyn Vocabulary) -> Vec<Correction> {
    let mut found = Vec::new();
    for word in word_pattern().find_iter(query) {
        let text = word.as_str();
        let before = query[..word.start()].chars().next_back();
        let after = query[word.end()..].chars().next();
        let joined = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_' | '.'))
        };
        if text.len() < MIN_LETTERS
            || text.bytes().all(|b| b.is_ascii_uppercase())
            || joined(before)
            || joined(after)
        {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        if words.holds(&lower) > 0 || words.knows(&lower) {
            continue;
        }
        // The most clauses reached wins; among equals, the likelier slip (letters swapped,
        // then one too many or too few, then one changed), then a word that is not a bare
        // stem (`subsidy`, not `subsidi`), then the first in alphabetical order.
        let best = one_edit_away(&lower)
            .into_iter()
            .filter(|(candidate, _)| {
                words.holds(candidate) >= MIN_CLAUSES || words.knows(candidate)
            })
            .map(|(candidate, edit)| {
                let rank = (words.reach(&candidate), Reverse(edit), !words.is_stem(&candidate));
                (rank, candidate)
            })
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)));
        if let Some((_, to)) = best {
            found.push(Correction { span: word.range(), from: text.to_owned(), to });
        }
    }
    found
}

/// Writes `query` with each correction's word replaced.
pub(crate) fn corrected(query: &str, corrections: &[Correction]) -> String {
    let mut text = String::with_capacity(query.len() + 8);
    let mut at = 0;
    for correction in corrections {
        text.push_str(&query[at..correction.span.start]);
        text.push_str(&correction.to);
        at = correction.span.end;
    }
    text.push_str(&query[at..]);
    text
}

/// How a string is one edit away from a word, the likeliest slip first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Edit {
    /// Two letters side by side swapped.
    Swap,
    /// A letter dropped or added.
    DropOrAdd,
    /// A letter changed.
    Change,
}

/// Every lower-case string one edit away from `word`, each with its likeliest edit,
/// without the word itself.
fn one_edit_away(word: &str) -> Vec<(String, Edit)> {
    let letters: Vec<u8> = word.bytes().collect();
    let mut edits: Vec<(String, Edit)> = Vec::with_capacity(letters.len() * 54 + 26);
    let mut push = |bytes: Vec<u8>, edit: Edit| {
        if let Ok(text) = String::from_utf8(bytes) {
            edits.push((text, edit));
        }
    };
    for at in 0..letters.len() {
        let mut dropped = letters.clone();
        dropped.remove(at);
        push(dropped, Edit::DropOrAdd);
        if at + 1 < letters.len() {
            let mut swapped = letters.clone();
            swapped.swap(at, at + 1);
            push(swapped, Edit::Swap);
        }
        for letter in b'a'..=b'z' {
            if letter != letters[at] {
                let mut changed = letters.clone();
                changed[at] = letter;
                push(changed, Edit::Change);
            }
        }
    }
    for at in 0..=letters.len() {
        for letter in b'a'..=b'z' {
            let mut added = letters.clone();
            added.insert(at, letter);
            push(added, Edit::DropOrAdd);
        }
    }
    // One string may come of several edits: keep its likeliest.
    edits.sort();
    edits.dedup_by(|later, first| later.0 == first.0);
    edits.retain(|(edit, _)| edit != word && !edit.is_empty());
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Words;

    impl Vocabulary for Words {
        fn holds(&self, word: &str) -> u64 {
            match word {
                "restrictions" => 40,
                "subsidy" | "subsidi" => 25,
                "subsidies" => 30,
                "fund" => 90,
                "deadline" => 1,
                _ => 0,
            }
        }

        fn knows(&self, word: &str) -> bool {
            matches!(
                word,
                "grandma"
                    | "fund"
                    | "restrictions"
                    | "penalty"
                    | "peatly"
                    | "subsidy"
                    | "subsidi"
                    | "subsidie"
            )
        }

        fn reach(&self, word: &str) -> u64 {
            match word {
                "penalty" => 300,
                "peatly" => 1,
                _ => self.holds(word),
            }
        }

        fn is_stem(&self, word: &str) -> bool {
            word == "subsidi"
        }
    }

    fn fix(query: &str) -> String {
        corrected(query, &corrections(query, &Words))
    }

    #[test]
    fn a_word_one_edit_from_an_indexed_word_is_corrected() {
        assert_eq!(fix("fund use restrictons"), "fund use restrictions");
        // "penalty" reaches its clauses through its translations; "peatly" (peat) few.
        assert_eq!(fix("what is the penatly"), "what is the penalty");
        // `subsidi` holds as many clauses, being the stem, and `subsidie` is a change, not
        // a dropped letter: the word is shown.
        assert_eq!(fix("subsidiy for cities"), "subsidy for cities");
        let found = corrections("Restrictons?", &Words);
        assert_eq!((found[0].from.as_str(), found[0].to.as_str()), ("Restrictons", "restrictions"));
        assert_eq!(found[0].span, 0..11);
    }

    #[test]
    fn known_words_and_words_without_a_good_neighbour_stay() {
        // Known to the lexicon, though no clause holds it.
        assert_eq!(fix("grandma pension"), "grandma pension");
        // One clause holds `deadline`, too few to correct to, and the lexicon lacks it.
        assert_eq!(fix("deadlne"), "deadlne");
        // No clause holds it, but the lexicon knows it.
        assert_eq!(fix("grandmma"), "grandma");
        // Nothing near.
        assert_eq!(fix("zzzzzzz"), "zzzzzzz");
    }

    #[test]
    fn short_capital_and_joined_words_stay() {
        assert_eq!(fix("fnud"), "fnud");
        assert_eq!(fix("PENATLY"), "PENATLY");
        assert_eq!(fix("5penatly x-penatly penatly's"), "5penatly x-penatly penatly's");
        assert_eq!(fix("资金penatly"), "资金penatly");
    }

    #[test]
    fn the_candidate_reaching_most_clauses_wins() {
        // subsidis: `subsidies` (an e added, 30 clauses) over `subsidi` (an s dropped, 25).
        assert_eq!(fix("subsidis"), "subsidies");
    }

    #[test]
    fn edits_cover_drops_swaps_changes_and_additions() {
        let edits = one_edit_away("abc");
        let edit_of = |text: &str| edits.iter().find(|(e, _)| e == text).map(|(_, edit)| *edit);
        for text in ["bc", "ac", "ab", "abcd", "zabc"] {
            assert_eq!(edit_of(text), Some(Edit::DropOrAdd), "{text}");
        }
        assert_eq!(edit_of("bac"), Some(Edit::Swap));
        assert_eq!(edit_of("xbc"), Some(Edit::Change));
        assert_eq!(edit_of("abc"), None);
        assert_eq!(edit_of("cba"), None);
        // `abb` swaps to itself: only the changes and additions give `abbb`, `aab`.
        let edits = one_edit_away("abb");
        assert!(!edits.iter().any(|(e, _)| e == "abb"));
    }
}
