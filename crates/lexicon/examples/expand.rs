//! Prints the expansion of each query given on the command line and how long the built-in
//! lexicon took to load.
//!
//! `cargo run --release -p tiaowen-lexicon --example expand -- "pilot city" 专款专用`
//!
//! With `CORPUS=corpus` the document frequencies come from the lines of the Markdown, text
//! and HTML files under that folder (a line standing in for a clause, matched as a
//! lower-case substring); without it every term counts as present in 20 clauses.

use std::path::Path;
use std::time::Instant;

use tiaowen_lexicon::{expand, Lexicon};

fn main() {
    let started = Instant::now();
    let lexicon = Lexicon::builtin();
    eprintln!(
        "lexicon loaded in {:?} ({} dictionary headwords)",
        started.elapsed(),
        lexicon.dictionary_entries()
    );
    let lines =
        std::env::var_os("CORPUS").map(|dir| corpus_lines(Path::new(&dir))).unwrap_or_default();
    let total = lines.len() as u64;
    let doc_freq = |term: &str| -> u64 {
        if lines.is_empty() {
            return 20;
        }
        lines.iter().filter(|line| line.contains(term)).count() as u64
    };
    for query in std::env::args().skip(1) {
        let started = Instant::now();
        let expansion = expand(&query, &doc_freq, total);
        println!("{query}  ({:?}, {total} lines)", started.elapsed());
        for term in &expansion.terms {
            println!(
                "  {:.3}  {:<28} {:?} from {:?} ({:?})",
                term.weight, term.term, term.lang, term.from, term.origin
            );
        }
    }
}

fn corpus_lines(dir: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return lines };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            lines.extend(corpus_lines(&path));
            continue;
        }
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "md" | "txt" | "html"));
        if let (true, Ok(text)) = (wanted, std::fs::read_to_string(&path)) {
            lines.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_lowercase));
        }
    }
    lines
}
