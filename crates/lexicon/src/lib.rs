//! The bilingual lexicon of tiaowen: English ↔ Chinese translations, same-language
//! synonyms, and traditional → simplified folding, all bundled with the binary.
//!
//! - [`fold_char`] and [`to_simplified`] turn traditional Chinese into simplified (the first
//!   char by char for tokenizers, the second phrase-aware for queries and display).
//! - [`Lexicon`] merges a reviewed policy glossary (`data/glossary.tsv`), a reviewed synonym
//!   list (`data/synonyms.tsv`) and an extract of CC-CEDICT (`data/cedict.tsv`, CC BY-SA 4.0,
//!   see `NOTICE`), with dictionary senses of statute terms that it glosses in other words
//!   than a reader asks with (`data/supplement.tsv`) and the usual Chinese renderings of
//!   common English words from ECDICT (`data/ecdict.tsv`, MIT, see `NOTICE`), into lookup
//!   tables: [`Lexicon::en_to_zh`], [`Lexicon::zh_to_en`], [`Lexicon::synonyms`].
//! - [`expand`] turns a query into weighted terms of the other language and synonyms,
//!   choosing senses with the corpus's document frequencies so that a wrong dictionary sense
//!   (procure → 拉皮条) does not outrank the right one (采购).
//!
//! ```
//! use tiaowen_lexicon::{expand, to_simplified, Lexicon};
//!
//! assert_eq!(to_simplified("國務院辦公廳"), "国务院办公厅");
//! let senses = Lexicon::builtin().en_to_zh("pilot city");
//! assert_eq!(senses[0].term, "试点城市");
//!
//! // A tiny corpus: the clause counts of each term.
//! let doc_freq = |term: &str| match term {
//!     "试点城市" => 12,
//!     "试点" => 40,
//!     "城市" => 300,
//!     _ => 0,
//! };
//! let expansion = expand("pilot city", &doc_freq, 1_000);
//! assert_eq!(expansion.terms[0].term, "试点城市");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cedict;
mod english;
mod error;
mod expand;
mod fold;
mod lexicon;
mod numbers;
mod spelling;

pub use english::irregular_forms;
pub use error::{Error, Result};
pub use expand::{expand, rarity_factor, usage_factor, ExpandedTerm, Expansion};
pub use fold::{fold_char, fold_text, has_traditional, to_simplified};
pub use lexicon::{Lexicon, LexiconBuilder, Origin, Sense};
pub use spelling::to_american;

/// Makes the lookup key of an English word or phrase (lower case, Snowball-stemmed words
/// joined by spaces), as the lexicon stores it.
pub fn english_key(text: &str) -> String {
    english::key(text)
}
