//! The two operators every search box is expected to know: words in double quotes
//! (`"专款专用"`, `"use of funds"`) must stand in a clause as written, side by side and in
//! that order; a word or quoted words after a minus (`subsidy -housing`, `-"住房补贴"`)
//! must not stand in it.
//!
//! Quoted words stay query words and are ranked as the others; only straight quotes
//! (`"`, full-width `＂`) are operators, as Chinese writing puts names in curly quotes
//! (“中国制造2025”) without asking for anything. A minus counts only at the start of a word
//! (`-housing`, not `e-commerce` or `2019-2025`); the excluded words leave the query.
//! A word is matched as the index holds it: `-housing` also keeps out "houses" (one stem),
//! and a Chinese phrase as the analyzer cuts it.

use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use crate::tokenizer::analyze;

/// What a query's operators ask of every clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Operators {
    /// Texts a clause must hold (the quoted ones).
    pub required: Vec<String>,
    /// Texts a clause must not hold (after a minus).
    pub excluded: Vec<String>,
}

impl Operators {
    /// Tells whether the query used no operator.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty()
    }
}

/// Tells whether a character is a straight double quote.
fn is_quote(c: char) -> bool {
    c == '"' || c == '＂'
}

/// Takes the operators out of a query: returns the query with quotes and excluded words
/// removed (quoted words kept), and what they ask. An unpaired quote reads as a space.
pub(crate) fn take_operators(query: &str) -> (String, Operators) {
    let mut operators = Operators::default();
    let may_hold = query.chars().any(|c| is_quote(c) || c == '-' || c == '－');
    if !may_hold {
        return (query.to_owned(), operators);
    }
    let mut rest = String::with_capacity(query.len());
    let chars: Vec<(usize, char)> = query.char_indices().collect();
    let quotes = chars.iter().filter(|(_, c)| is_quote(*c)).count();
    // With an odd count, the last quote pairs with nothing.
    let unpaired =
        if quotes % 2 == 1 { chars.iter().rposition(|(_, c)| is_quote(*c)) } else { None };
    let mut at = 0;
    while at < chars.len() {
        let (start, c) = chars[at];
        let word_start = at == 0 || chars[at - 1].1.is_whitespace();
        let excluding = (c == '-' || c == '－')
            && word_start
            && chars.get(at + 1).is_some_and(|&(_, n)| !n.is_whitespace() && n != '-');
        let from = if excluding { at + 1 } else { at };
        let opens_quote =
            chars.get(from).is_some_and(|&(_, q)| is_quote(q)) && Some(from) != unpaired;
        if opens_quote {
            let close = (from + 1..chars.len()).find(|&i| is_quote(chars[i].1));
            if let Some(close) = close {
                let inner_start = chars[from].0 + chars[from].1.len_utf8();
                let quoted = query[inner_start..chars[close].0].trim();
                if !quoted.is_empty() {
                    if excluding {
                        operators.excluded.push(quoted.to_owned());
                    } else {
                        operators.required.push(quoted.to_owned());
                        rest.push(' ');
                        rest.push_str(quoted);
                    }
                }
                rest.push(' ');
                at = close + 1;
                continue;
            }
        }
        if excluding {
            let end =
                (from..chars.len()).find(|&i| chars[i].1.is_whitespace()).unwrap_or(chars.len());
            let word_end = chars.get(end).map_or(query.len(), |&(i, _)| i);
            operators.excluded.push(query[chars[from].0..word_end].to_owned());
            at = end;
            continue;
        }
        if is_quote(c) {
            rest.push(' ');
        } else {
            rest.push_str(&query[start..start + c.len_utf8()]);
        }
        at += 1;
    }
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), operators)
}

/// Builds the query matching clauses whose `field` holds `text` as the analyzer cuts it:
/// its one word, or its words side by side in order. `None` when the analyzer keeps no
/// word of it (stop words alone).
pub(crate) fn text_query(field: Field, text: &str) -> Option<Box<dyn Query>> {
    let tokens = analyze(text, false);
    let first = tokens.first()?.position;
    if tokens.len() == 1 {
        let term = Term::from_field_text(field, &tokens[0].text);
        return Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
    }
    let terms = tokens
        .iter()
        .map(|token| (token.position - first, Term::from_field_text(field, &token.text)))
        .collect();
    Some(Box::new(InOrder(PhraseQuery::new_with_offset(terms))))
}

/// A phrase query that may stand among the required clauses of a boolean query.
///
/// tantivy 0.27's phrase scorer asserts that it is never sought backwards, which an
/// intersection may do while aligning its clauses (tantivy issue #2811); this one answers
/// such a seek with the document it stands on, as a forward-only set of documents should.
#[derive(Debug, Clone)]
struct InOrder(PhraseQuery);

impl Query for InOrder {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(InOrderWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

/// The weight of [`InOrder`].
struct InOrderWeight(Box<dyn Weight>);

impl Weight for InOrderWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(InOrderScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

/// The scorer of [`InOrder`]: seeking to a document at or before the current one stays.
struct InOrderScorer(Box<dyn Scorer>);

impl DocSet for InOrderScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if target <= doc {
            return doc;
        }
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for InOrderScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(query: &str) -> (String, Vec<String>, Vec<String>) {
        let (rest, operators) = take_operators(query);
        (rest, operators.required, operators.excluded)
    }

    fn owned(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn quoted_words_are_required_and_stay_in_the_query() {
        assert_eq!(
            take("\"专款专用\" 资金"),
            ("专款专用 资金".to_owned(), owned(&["专款专用"]), owned(&[]))
        );
        assert_eq!(
            take("what is the \"use of funds\" rule"),
            ("what is the use of funds rule".to_owned(), owned(&["use of funds"]), owned(&[]))
        );
        assert_eq!(take("＂试点城市＂").1, owned(&["试点城市"]));
    }

    #[test]
    fn words_after_a_minus_are_excluded_and_leave_the_query() {
        assert_eq!(
            take("subsidy -housing"),
            ("subsidy".to_owned(), owned(&[]), owned(&["housing"]))
        );
        assert_eq!(
            take("-\"住房 补贴\" 补贴"),
            ("补贴".to_owned(), owned(&[]), owned(&["住房 补贴"]))
        );
        assert_eq!(take("补贴 －住房").2, owned(&["住房"]));
    }

    #[test]
    fn hyphens_inside_words_and_curly_quotes_are_text() {
        let query = "e-commerce 2019-2025 “中国制造2025” - alone";
        assert_eq!(take(query), (query.to_owned(), owned(&[]), owned(&[])));
        assert_eq!(take("a --b").2, owned(&[]));
    }

    #[test]
    fn an_unpaired_quote_reads_as_a_space() {
        assert_eq!(take("fund \"use"), ("fund use".to_owned(), owned(&[]), owned(&[])));
        assert_eq!(take("\"a b\" \"c").1, owned(&["a b"]));
        assert_eq!(take("\"a b\" \"c").0, "a b c");
    }

    #[test]
    fn a_query_without_operators_is_unchanged() {
        let query = "  资金使用范围  fund use ";
        let (rest, operators) = take_operators(query);
        assert_eq!(rest, query);
        assert!(operators.is_empty());
    }
}
