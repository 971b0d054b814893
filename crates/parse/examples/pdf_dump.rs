//! Prints the title, warnings and paragraphs read from PDF files.

fn main() {
    for arg in std::env::args().skip(1) {
        let path = std::path::PathBuf::from(&arg);
        let bytes = std::fs::read(&path).expect("readable");
        let started = std::time::Instant::now();
        match tiaowen_parse::pdf::parse(&bytes, &path, &Default::default()) {
            Ok(doc) => {
                println!(
                    "== {arg} ({} ms)\ntitle: {:?}\nwarnings: {:?}",
                    started.elapsed().as_millis(),
                    doc.title,
                    doc.warnings
                );
                if std::env::var("RAW").is_ok() {
                    let raw = tiaowen_parse::pdf::extract_raw(&bytes, &path).expect("raw");
                    for (i, page) in raw.pages.iter().enumerate() {
                        for l in &page.lines {
                            println!(
                                "p{i} x0={:.1} x1={:.1} y={:.1} s={:.1} {}",
                                l.x0, l.x1, l.y, l.size, l.text
                            );
                        }
                    }
                }
                for block in doc.blocks {
                    println!("| {block}");
                }
            }
            Err(e) => println!("== {arg}: {e}"),
        }
    }
}
