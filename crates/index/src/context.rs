//! Choosing among the dictionary senses of a translated word by the company they keep.
//!
//! "plastic mulch film" gives `film` the senses 电影 (a film) and 薄膜 (a membrane); only
//! 薄膜 shares clauses with the translations of the other words (塑料, 农用). Each sense
//! of a query word is weighed by the share of its clauses that also hold a translation
//! of some other word of the query, relative to the best sense of the same word: a
//! sense the rest of the query never meets keeps [`UNSUPPORTED_SHARE`] of its weight.
//! This is the corpus choosing senses, query by query, for every word the lexicon
//! translates in more than one way.

use std::collections::HashMap;

use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use crate::query::{has_cjk, ExpansionWord};
use crate::tokenizer::analyze;
use crate::Result;

/// What is left of the weight of a sense that no other word of the query meets.
const UNSUPPORTED_SHARE: f32 = 0.5;
/// Smoothing of the co-occurrence share: a sense found in a handful of clauses needs
/// more than one shared clause to look certain.
const SHARE_PRIOR: f64 = 5.0;

/// The clauses holding a word: one bit per document of each segment.
#[derive(Clone, Default)]
struct Clauses {
    segments: Vec<Vec<u64>>,
}

impl Clauses {
    fn count(&self) -> u64 {
        self.segments.iter().flatten().map(|w| u64::from(w.count_ones())).sum()
    }

    fn count_shared(&self, other: &Clauses) -> u64 {
        self.segments
            .iter()
            .zip(&other.segments)
            .flat_map(|(a, b)| a.iter().zip(b).map(|(x, y)| u64::from((x & y).count_ones())))
            .sum()
    }

    fn add(&mut self, other: &Clauses) {
        if self.segments.is_empty() {
            *self = other.clone();
            return;
        }
        for (a, b) in self.segments.iter_mut().zip(&other.segments) {
            for (x, y) in a.iter_mut().zip(b) {
                *x |= y;
            }
        }
    }
}

/// Reweighs the translations among `words` (expansions of a query) by how well each
/// meets the translations of the query's other words in the clauses of `field`.
pub(crate) fn weigh_by_context(
    searcher: &Searcher,
    field: Field,
    words: &mut [ExpansionWord],
) -> Result<()> {
    let translations: Vec<usize> =
        (0..words.len()).filter(|&i| !words[i].same_language()).collect();
    let mut sources: Vec<&str> = translations.iter().map(|&i| words[i].from.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    if sources.len() < 2 {
        return Ok(());
    }
    let mut found: HashMap<String, Clauses> = HashMap::new();
    for &i in &translations {
        if !found.contains_key(&words[i].word) {
            found.insert(words[i].word.clone(), clauses_of(searcher, field, &words[i].word)?);
        }
    }
    let mut factors: Vec<(usize, f32)> = Vec::new();
    for source in &sources {
        let senses: Vec<usize> =
            translations.iter().copied().filter(|&i| words[i].from == *source).collect();
        let mut context = Clauses::default();
        for &i in &translations {
            let other = &words[i];
            let same_script =
                senses.first().is_some_and(|&s| has_cjk(&words[s].word) == has_cjk(&other.word));
            if same_script && !related(&other.from, source) {
                if let Some(clauses) = found.get(&other.word) {
                    context.add(clauses);
                }
            }
        }
        if context.segments.is_empty() {
            continue;
        }
        let shares: Vec<f64> = senses
            .iter()
            .map(|&i| match found.get(&words[i].word) {
                Some(clauses) => {
                    let shared = clauses.count_shared(&context) as f64;
                    shared / (clauses.count() as f64 + SHARE_PRIOR)
                }
                None => 0.0,
            })
            .collect();
        let best = shares.iter().copied().fold(0.0, f64::max);
        if best <= 0.0 {
            continue;
        }
        for (&i, share) in senses.iter().zip(shares) {
            let ratio = (share / best) as f32;
            factors.push((i, UNSUPPORTED_SHARE + (1.0 - UNSUPPORTED_SHARE) * ratio));
        }
    }
    for (i, factor) in factors {
        words[i].weight *= factor;
    }
    Ok(())
}

/// Tells whether two query words overlap (`tax rate` and `tax`, `试点城市` and `城市`): a
/// word is no context for the senses of a word it contains.
fn related(a: &str, b: &str) -> bool {
    if a.contains(b) || b.contains(a) {
        return true;
    }
    a.split_whitespace().any(|w| b.split_whitespace().any(|v| v == w))
}

/// Finds the clauses whose `field` holds every token of `word`.
fn clauses_of(searcher: &Searcher, field: Field, word: &str) -> Result<Clauses> {
    let tokens: Vec<String> = analyze(word, false).into_iter().map(|t| t.text).collect();
    let mut clauses = Clauses::default();
    for reader in searcher.segment_readers() {
        let words = (reader.max_doc() as usize).div_ceil(64);
        let inverted = reader.inverted_index(field)?;
        let alive = reader.alive_bitset();
        let mut bits: Option<Vec<u64>> = None;
        for token in &tokens {
            let mut these = vec![0u64; words];
            let term = Term::from_field_text(field, token);
            let postings = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?;
            if let Some(mut postings) = postings {
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    // A deleted clause not yet merged away holds its words no longer.
                    let live = alive.is_none_or(|alive| alive.is_alive(doc));
                    if let Some(word) = these.get_mut(doc as usize / 64).filter(|_| live) {
                        *word |= 1 << (doc % 64);
                    }
                    doc = postings.advance();
                }
            }
            bits = Some(match bits {
                None => these,
                Some(mut all) => {
                    for (x, y) in all.iter_mut().zip(these) {
                        *x &= y;
                    }
                    all
                }
            });
        }
        clauses.segments.push(bits.unwrap_or_else(|| vec![0; words]));
    }
    Ok(clauses)
}

#[cfg(test)]
mod tests {
    use tiaowen_model::Lang;

    use super::*;
    use crate::testutil::{clauses, document};
    use crate::ClauseIndex;

    #[test]
    fn the_sense_that_meets_the_other_words_keeps_its_weight() {
        let dir = tempfile::tempdir().expect("temp dir");
        let index = ClauseIndex::create(dir.path()).expect("create index");
        let mut updater = index.updater().expect("writer");
        let items = [
            ("第一条", "农用塑料薄膜的厚度应当符合国家标准。"),
            ("第二条", "电影院应当保障观众安全。"),
            ("第三条", "国家鼓励电影创作。"),
            ("第四条", "禁止使用不可降解的塑料袋。"),
        ];
        let doc = document("zh/laws/a.md", "某法", None, Lang::Zh, "2020-01-01");
        updater.put_document(&doc, &clauses("zh/laws/a.md", &items), "h").expect("put");
        updater.commit().expect("commit");
        let mut words = vec![
            ExpansionWord::new("电影", 0.36, "film", "cedict"),
            ExpansionWord::new("薄膜", 0.21, "film", "cedict"),
            ExpansionWord::new("塑料", 0.38, "plastic", "cedict"),
            ExpansionWord::new("plastics", 0.3, "plastic", "synonym"),
        ];
        let searcher = index.searcher();
        weigh_by_context(&searcher, index.inner.fields.text, &mut words).expect("weighed");
        let weight = |w: &str| words.iter().find(|x| x.word == w).map(|x| x.weight);
        assert_eq!(weight("薄膜"), Some(0.21), "the supported sense keeps its weight");
        assert_eq!(weight("电影"), Some(0.36 * UNSUPPORTED_SHARE), "{words:?}");
        assert_eq!(weight("塑料"), Some(0.38));
        assert_eq!(weight("plastics"), Some(0.3), "synonyms are left alone");
    }

    #[test]
    fn words_that_contain_each_other_are_no_context() {
        assert!(related("tax rate", "tax"));
        assert!(related("试点城市", "城市"));
        assert!(!related("plastic", "film"));
        assert!(!related("塑料", "薄膜"));
    }
}
