//! Words hyphenated across a line break: mended ("trans-" + "formation") unless the
//! hyphen is part of the word ("time-" + "honored").
//!
//! A line break hides which one it is, so the rest of the document decides: a word
//! written with its hyphen elsewhere keeps it, a word written whole elsewhere is mended,
//! and otherwise the hyphen stays when either half is a word of the document on its own.

use std::collections::HashSet;

/// Stands for a hyphen at a line end until the whole document has been read.
pub(crate) const LINE_END_HYPHEN: char = '\u{00AD}';

/// Replaces every [`LINE_END_HYPHEN`] in `texts` by a hyphen or by nothing.
pub(crate) fn resolve(texts: &mut [String]) {
    if !texts.iter().any(|t| t.contains(LINE_END_HYPHEN)) {
        return;
    }
    let mut words: HashSet<String> = HashSet::new();
    for text in texts.iter() {
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == LINE_END_HYPHEN))
        {
            if !word.is_empty() && !word.contains(LINE_END_HYPHEN) {
                words.insert(word.to_lowercase());
                words.extend(word.split('-').map(str::to_lowercase));
            }
        }
    }
    for text in texts.iter_mut() {
        if text.contains(LINE_END_HYPHEN) {
            *text = resolve_text(text, &words);
        }
    }
}

/// Resolves the markers of one text against the document's words.
fn resolve_text(text: &str, words: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(LINE_END_HYPHEN) {
        let (before, after) = (&rest[..at], &rest[at + LINE_END_HYPHEN.len_utf8()..]);
        let left = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        let right = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        out.push_str(before);
        if keeps_hyphen(left, right, words) {
            out.push('-');
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Decides whether `left-right` is written with its hyphen.
fn keeps_hyphen(left: &str, right: &str, words: &HashSet<String>) -> bool {
    let (left, right) = (left.to_lowercase(), right.to_lowercase());
    if words.contains(&format!("{left}-{right}")) {
        return true;
    }
    if words.contains(&format!("{left}{right}")) {
        return false;
    }
    // Word processors and browsers do not hyphenate by default, so a hyphen at a line
    // end is part of the word unless neither half stands as a word anywhere else.
    words.contains(&left) || words.contains(&right)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> = texts.iter().map(|t| t.replace('~', "\u{00AD}")).collect();
        resolve(&mut texts);
        texts
    }

    #[test]
    fn mends_a_word_split_by_the_line() {
        assert_eq!(
            run(&["digital trans~formation of industry"]),
            ["digital transformation of industry"]
        );
    }

    #[test]
    fn keeps_a_compound_whose_halves_are_words() {
        let texts = run(&["protect time~honored brands", "in time", "honored guests"]);
        assert_eq!(texts[0], "protect time-honored brands");
    }

    #[test]
    fn the_document_spelling_wins() {
        assert_eq!(run(&["data~driven", "a data-driven plan"])[0], "data-driven");
        assert_eq!(run(&["co~operation", "in cooperation", "co op"])[0], "cooperation");
    }
}
