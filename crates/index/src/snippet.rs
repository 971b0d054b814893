//! The highlighter: picks the part of a clause with the most query terms and marks them.
//!
//! tantivy's own snippet generator cannot be used: it panics on the overlapping tokens of
//! jieba's search mode (quickwit-oss/tantivy#1134). This one cuts the clause into
//! default-mode words instead.

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use crate::docnum::find_doc_numbers;
use crate::tokenizer::analyze_runs;

/// The snippet length, in characters, before ellipses.
pub(crate) const SNIPPET_CHARS: usize = 160;
/// How many characters of context to keep before the first match of a cut window.
const LEAD_CHARS: usize = 20;

/// A marked word: byte range in the clause text and the term it matched.
#[derive(Debug, Clone)]
struct Mark {
    from: usize,
    to: usize,
    term: String,
}

/// Which runs of Chinese characters are worth cutting into words: a word can match only
/// if its run holds a Chinese query term.
enum HanRuns {
    /// The query has no Chinese term.
    None,
    /// Runs holding one of the Chinese terms.
    Holding(AhoCorasick),
    /// Every run (the terms could not be compiled into one matcher).
    All,
}

/// Marks a search's query terms in its hits' clauses and cuts their snippets.
pub(crate) struct Highlighter {
    terms: HashSet<String>,
    han_runs: HanRuns,
}

impl Highlighter {
    /// A highlighter for the (analysed, folded) query `terms`.
    pub(crate) fn new(terms: HashSet<String>) -> Highlighter {
        let han: Vec<&str> = terms.iter().map(String::as_str).filter(|t| !t.is_ascii()).collect();
        let han_runs = if han.is_empty() {
            HanRuns::None
        } else {
            AhoCorasick::new(&han).map_or(HanRuns::All, HanRuns::Holding)
        };
        Highlighter { terms, han_runs }
    }

    /// Builds the snippet of a clause: the best window of about [`SNIPPET_CHARS`]
    /// characters, HTML-escaped, matches wrapped in `<em>…</em>`, `…` where the text was
    /// cut.
    pub(crate) fn snippet(&self, text: &str) -> String {
        let marks = self.marks(text);
        render(text, &marks)
    }

    /// Finds the words of `text` that match a query term: equal to it, or (for Chinese
    /// words and numbers) containing it.
    fn marks(&self, text: &str) -> Vec<Mark> {
        let terms = &self.terms;
        let cut = |run: &str| match &self.han_runs {
            HanRuns::None => false,
            HanRuns::Holding(matcher) => matcher.is_match(run),
            HanRuns::All => true,
        };
        let mut found = Vec::new();
        for token in analyze_runs(text, false, cut) {
            let loose = token.text.chars().any(|c| !c.is_ascii() || c.is_ascii_digit());
            let term = if terms.contains(&token.text) {
                Some(token.text.clone())
            } else if loose {
                terms
                    .iter()
                    .filter(|t| t.chars().count() >= 2 && token.text.contains(t.as_str()))
                    // The longest term, and of equal lengths the first in order, so that
                    // the snippet does not depend on the set's order.
                    .max_by(|a, b| a.len().cmp(&b.len()).then_with(|| b.cmp(a)))
                    .cloned()
            } else {
                None
            };
            if let Some(term) = term {
                found.push(Mark { from: token.from, to: token.to, term });
            }
        }
        // A document number asked for is marked whole (its key is no word of the text).
        if terms.iter().any(|t| t.contains('[')) {
            let numbers: Vec<Mark> = find_doc_numbers(text)
                .into_iter()
                .filter_map(|number| {
                    let key = number.keys(2).into_iter().find(|k| terms.contains(k))?;
                    Some(Mark { from: number.start, to: number.end, term: key })
                })
                .collect();
            if !numbers.is_empty() {
                found.retain(|m| !numbers.iter().any(|n| m.from < n.to && n.from < m.to));
                found.extend(numbers);
                found.sort_by_key(|m| m.from);
            }
        }
        found
    }
}

/// Escapes text for HTML.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Chooses the window (byte range) of at most `max_chars` characters that holds the most
/// distinct terms, then the most matches.
fn best_window(text: &str, marks: &[Mark], max_chars: usize) -> (usize, usize) {
    let bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let char_count = bounds.len() - 1;
    if char_count <= max_chars {
        return (0, text.len());
    }
    let char_at = |byte: usize| bounds.partition_point(|&b| b < byte);
    let mut best = (0usize, 0usize, 0usize);
    for (i, mark) in marks.iter().enumerate() {
        let start_char = char_at(mark.from);
        let end_byte = bounds[(start_char + max_chars).min(char_count)];
        let inside: Vec<&Mark> = marks[i..].iter().filter(|m| m.to <= end_byte).collect();
        let distinct: HashSet<&str> = inside.iter().map(|m| m.term.as_str()).collect();
        let score = (distinct.len(), inside.len());
        if score > (best.1, best.2) {
            best = (start_char, score.0, score.1);
        }
    }
    let start_char = best.0.saturating_sub(LEAD_CHARS).min(char_count - max_chars);
    (bounds[start_char], bounds[start_char + max_chars])
}

/// Renders the best window of `text` with its `marks`.
fn render(text: &str, marks: &[Mark]) -> String {
    let (start, end) = best_window(text, marks, SNIPPET_CHARS);
    let mut out = String::with_capacity(end - start + 32);
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    let mut open = false;
    for mark in marks.iter().filter(|m| m.from >= start && m.to <= end) {
        if mark.from < at {
            continue;
        }
        let gap = &text[at..mark.from];
        if open && !gap.trim().is_empty() {
            out.push_str("</em>");
            open = false;
        }
        escape_into(&mut out, gap);
        if !open {
            out.push_str("<em>");
            open = true;
        }
        escape_into(&mut out, &text[mark.from..mark.to]);
        at = mark.to;
    }
    if open {
        out.push_str("</em>");
    }
    escape_into(&mut out, &text[at..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(text: &str, words: &[&str]) -> String {
        Highlighter::new(words.iter().map(|w| (*w).to_owned()).collect()).snippet(text)
    }

    #[test]
    fn marks_chinese_words_and_escapes() {
        let text = "纳税人为独生子女的，按照每月2000元的标准定额扣除<注>";
        let out = snippet(text, &["独生子女", "扣除", "2000"]);
        assert_eq!(
            out,
            "纳税人为<em>独生子女</em>的，按照每月<em>2000元</em>的标准定额<em>扣除</em>&lt;注&gt;"
        );
    }

    #[test]
    fn marks_stemmed_english_and_merges_neighbours() {
        let out = snippet("Special deductions for housing rent.", &["deduct", "hous", "rent"]);
        assert_eq!(out, "Special <em>deductions</em> for <em>housing rent</em>.");
    }

    #[test]
    fn cuts_long_text_around_the_matches() {
        let text =
            format!("{}不得为政府债券发行提供担保。{}", "前文".repeat(100), "后文".repeat(100));
        let out = snippet(&text, &["政府", "债券", "担保"]);
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert!(
            out.contains("<em>政府债券</em>")
                || out.contains("<em>政府</em><em>债券</em>")
                || out.contains("<em>政府债券"),
            "{out}"
        );
        let plain = out.replace("<em>", "").replace("</em>", "");
        assert!(plain.chars().count() <= SNIPPET_CHARS + 2);
    }

    #[test]
    fn only_runs_holding_a_term_are_cut_and_no_mark_is_lost() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/zh/laws");
        let law = std::fs::read_to_string(root.join("经济法/政府采购法(2014-08-31).md"))
            .expect("corpus law read");
        let queries = ["供应商参加政府采购活动的条件", "采购人 2000万元 公开招标", "集中采购机构"];
        for query in queries {
            let terms: HashSet<String> =
                crate::tokenizer::analyze(query, true).into_iter().map(|t| t.text).collect();
            let filtered = Highlighter::new(terms.clone());
            let every = Highlighter { terms, han_runs: HanRuns::All };
            for paragraph in law.split("\n\n") {
                let spans = |h: &Highlighter| -> Vec<(usize, usize, String)> {
                    h.marks(paragraph).into_iter().map(|m| (m.from, m.to, m.term)).collect()
                };
                assert_eq!(spans(&filtered), spans(&every), "{query}: {paragraph}");
                assert_eq!(filtered.snippet(paragraph), every.snippet(paragraph));
            }
        }
    }

    #[test]
    fn a_word_holding_two_terms_marks_the_same_one_whatever_the_set_order() {
        // 个人所得税 is one word holding two terms of one length; each set has its own order.
        let chosen: HashSet<Vec<String>> = (0..20)
            .map(|_| {
                let highlighter = Highlighter::new(["所得", "个人"].map(str::to_owned).into());
                highlighter.marks("缴纳个人所得税").into_iter().map(|m| m.term).collect()
            })
            .collect();
        assert_eq!(chosen, HashSet::from([vec!["个人".to_owned()]]));
    }

    #[test]
    fn text_without_matches_is_cut_from_the_start() {
        let text = "无关内容".repeat(100);
        let out = snippet(&text, &["担保"]);
        assert!(out.starts_with("无关内容") && out.ends_with('…'));
        assert!(!out.contains("<em>"));
    }
}
