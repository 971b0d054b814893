//! The default query expander: the bilingual lexicon, so that an English query also finds
//! Chinese clauses and the other way round, and synonyms widen a query in its own language.

use crate::QueryExpander;

/// Expands queries with [`tiaowen_lexicon::expand`]: translations (glossary first, then
/// CC-CEDICT senses the corpus uses) and same-language synonyms, weighted below the
/// query's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct LexiconExpander;

impl QueryExpander for LexiconExpander {
    fn expand(&self, query: &str, vocab: &dyn Fn(&str) -> u64, total: u64) -> Vec<(String, f32)> {
        tiaowen_lexicon::expand(query, vocab, total).into_weighted_terms()
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
            terms.iter().any(|(term, weight)| term.contains("试点") && *weight > 0.0),
            "{terms:?}"
        );
        assert!(terms
            .iter()
            .all(|(term, _)| vocab(term) > 0 || !term.chars().any(|c| c > '\u{2e80}')));
    }
}
