//! Prints the expansion of each query given on the command line, without a corpus (every
//! term counts as present in 20 clauses), and how long the built-in lexicon took to load.
//!
//! `cargo run --release -p tiaowen-lexicon --example expand -- "pilot city" 专款专用`

use std::time::Instant;

use tiaowen_lexicon::{expand, Lexicon};

fn main() {
    let started = Instant::now();
    let lexicon = Lexicon::builtin();
    eprintln!(
        "lexicon loaded in {:?} (longest zh entry {} chars)",
        started.elapsed(),
        lexicon.zh_max_chars()
    );
    for query in std::env::args().skip(1) {
        let started = Instant::now();
        let expansion = expand(&query, &|_| 20, 0);
        println!("{query}  ({:?})", started.elapsed());
        for term in &expansion.terms {
            println!(
                "  {:.3}  {:<28} {:?} from {:?} ({:?})",
                term.weight, term.term, term.lang, term.from, term.origin
            );
        }
    }
}
