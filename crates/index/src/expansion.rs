//! The default query expander: the bilingual lexicon, so that an English query also finds
//! Chinese clauses and the other way round, and synonyms widen a query in its own language.

use tiaowen_lexicon::Origin;

use crate::query::ExpansionWord;
use crate::QueryExpander;

/// Expands queries with [`tiaowen_lexicon::expand`]: translations (glossary first, then
/// CC-CEDICT senses the corpus uses) and same-language synonyms, weighted below the
/// query's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexiconExpander;

impl QueryExpander for LexiconExpander {
    fn expand(&self, query: &str, vocab: &dyn Fn(&str) -> u64, total: u64) -> Vec<ExpansionWord> {
        let mut words = Vec::new();
        for term in tiaowen_lexicon::expand(query, vocab, total).terms {
            let origin = match term.origin {
                Origin::Glossary => "glossary",
                Origin::Cedict => "cedict",
                Origin::Compound => "compound",
                Origin::Synonym => "synonym",
                Origin::Paraphrase => "paraphrase",
                Origin::Number => "number",
            };
            words.push(ExpansionWord::new(&term.term, term.weight, &term.from, origin));
        }
        words
    }

    fn knows(&self, word: &str) -> bool {
        tiaowen_lexicon::Lexicon::builtin().knows_en(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_words_the_corpus_holds() {
        let vocab = |word: &str| if word == "试点城市" || word == "试点" { 5 } else { 0 };
        let terms = LexiconExpander.expand("pilot city", &vocab, 1000);
        assert!(
            terms
                .iter()
                .any(|t| t.word.contains("试点") && t.weight > 0.0 && t.from == "pilot city"),
            "{terms:?}"
        );
        assert!(terms
            .iter()
            .all(|t| vocab(&t.word) > 0 || !t.word.chars().any(|c| c > '\u{2e80}')));
        assert!(
            terms
                .iter()
                .all(|t| !t.same_language()
                    || ["synonym", "paraphrase"].contains(&t.origin.as_str())),
            "{terms:?}"
        );
    }
}
