//! Prints the clauses of a text or Markdown file (one block per non-empty line).
use std::io::Read;

fn main() {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).expect("stdin");
    let body = match text.find("<!-- INFO END -->") {
        Some(i) => &text[i + "<!-- INFO END -->".len()..],
        None => &text[..],
    };
    let blocks: Vec<String> = body
        .lines()
        .map(|l| tiaowen_text::normalize_line(l.trim_start_matches('#')))
        .filter(|l| !l.is_empty())
        .collect();
    let clauses = tiaowen_segment::segment(&blocks);
    for c in &clauses {
        let start: String = c.text.chars().take(50).collect();
        println!("{:<10} {:<14} {:?} | {}", c.path, c.label, c.headings, start.replace('\n', "⏎"));
    }
    eprintln!("{} clauses", clauses.len());
}
