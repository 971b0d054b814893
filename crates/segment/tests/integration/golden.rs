//! Golden checks on real documents of the corpus, read the way the parsers present
//! them: Markdown laws split into lines after `<!-- INFO END -->` with heading and bold
//! marks stripped, text files split into lines, every line normalised by
//! `tiaowen_text::normalize_line` (which keeps the space after a leading label:
//! "第二条 下列…", "第一章 总则").

use std::path::PathBuf;

use tiaowen_segment::{segment, SegmentedClause};
use tiaowen_text::normalize_line;

/// Reads a corpus file and segments it.
fn segment_corpus_file(relative: &str) -> Vec<SegmentedClause> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus").join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let body = match text.split_once("<!-- INFO END -->") {
        Some((_, body)) => body,
        None => text.as_str(),
    };
    let blocks: Vec<String> = body
        .lines()
        .map(|line| normalize_line(line.trim_start_matches('#').trim().trim_matches('*')))
        .filter(|line| !line.is_empty())
        .collect();
    segment(&blocks)
}

fn clause<'a>(clauses: &'a [SegmentedClause], path: &str) -> &'a SegmentedClause {
    clauses.iter().find(|c| c.path == path).unwrap_or_else(|| panic!("no clause {path}"))
}

#[test]
fn individual_income_tax_law_has_articles_1_to_22() {
    let clauses = segment_corpus_file("zh/laws/经济法/个人所得税法(2018-08-31).md");
    let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
    let expected: Vec<String> = (1..=22).map(|n| format!("a{n}")).collect();
    assert_eq!(paths, expected);
    let article_2 = clause(&clauses, "a2");
    assert_eq!(article_2.label, "第二条");
    assert!(article_2.text.starts_with("第二条 下列各项个人所得，应当缴纳个人所得税："));
    // Items （一）…（九） stay inside the article.
    assert!(article_2.text.contains("\n（九）偶然所得。"));
    assert_eq!(clause(&clauses, "a22").label, "第二十二条");
    // Articles that open with 有 or 对 are articles, not citations.
    assert!(clause(&clauses, "a5").text.starts_with("第五条 有下列情形之一的"));
    assert!(clause(&clauses, "a17").text.starts_with("第十七条 对"));
}

#[test]
fn air_pollution_law_carries_chapter_and_section_headings() {
    let clauses = segment_corpus_file("zh/laws/行政法/大气污染防治法(2018-10-26).md");
    assert_eq!(clauses.len(), 129);
    assert!(clauses.iter().all(|c| c.path.starts_with('a')));
    assert_eq!(clause(&clauses, "a1").headings, ["第一章 总则"]);
    assert_eq!(
        clause(&clauses, "a41").headings,
        ["第四章 大气污染防治措施", "第一节 燃煤和其他能源污染防治"]
    );
    assert_eq!(clause(&clauses, "a129").label, "第一百二十九条");
}

#[test]
fn english_notice_mixes_paren_roman_and_paren_words_at_one_level() {
    let clauses = segment_corpus_file("en/txt/2025-miit-mof-second-batch-pilot-cities-notice.txt");
    let first = clause(&clauses, "1.1");
    let second = clause(&clauses, "1.2");
    assert_eq!(first.label, "1.(I)");
    assert_eq!(second.label, "1.(Two)");
    assert!(second.text.starts_with("(Two) support the overall digital transformation"));
    assert_eq!(clause(&clauses, "2.1").label, "II.(I)");
    assert!(clause(&clauses, "2.1").text.starts_with("(I)Focus on key industries."));
    assert_eq!(clause(&clauses, "2.5").label, "II.(Five)");
    assert_eq!(clause(&clauses, "3.3").label, "III.3.");
    assert_eq!(clause(&clauses, "3.3").headings, ["III. Reporting Matters"]);
    assert!(clause(&clauses, "1").text.starts_with("1. Supporting content\nIn accordance"));
    assert!(clause(&clauses, "3.3").text.ends_with("requirements of the \"Notice\"."));
    assert_eq!(clause(&clauses, "0").label, "Preamble");
}

#[test]
fn english_opinions_number_items_across_parts() {
    let clauses =
        segment_corpus_file("en/txt/2023-12-28-guiding-opinions-traditional-manufacturing.txt");
    assert_eq!(clause(&clauses, "2.1").label, "II.(1)");
    assert_eq!(clause(&clauses, "3.5").label, "III.(5)");
    assert_eq!(clause(&clauses, "4.8").label, "4.(8)");
    let seventeen = clause(&clauses, "6.17");
    assert_eq!(seventeen.label, "6.(Seventeen)");
    assert!(seventeen.text.starts_with("(Seventeen) Strengthen financial services."));
    assert_eq!(clause(&clauses, "6.18").label, "6.(Eighteen)");
    assert!(clause(&clauses, "1")
        .text
        .starts_with("I. Development Foundation and Overall Requirements"));
    // Part I runs on over several unnumbered paragraphs: it is cut into clause-sized pieces.
    let continued = clause(&clauses, "1.p2");
    assert_eq!(continued.label, "I. ¶2");
    assert_eq!(continued.headings, ["I. Development Foundation and Overall Requirements"]);
    assert!(clauses.iter().all(|c| c.text.chars().count() <= 2000), "a clause is too long");
}

#[test]
fn bilingual_constitution_pairs_articles() {
    let clauses = segment_corpus_file("bilingual/constitution-zh-en.md");
    // Each article carries its Chinese text and then its English translation, except
    // the three whose pair would run past 2,000 characters: those stay two clauses, and
    // the longest English text is cut at its items.
    let articles: Vec<_> = clauses.iter().filter(|c| c.label.starts_with('第')).collect();
    assert_eq!(articles.len(), 143);
    let apart: Vec<&str> =
        articles.iter().filter(|c| !c.text.contains("Article ")).map(|c| c.path.as_str()).collect();
    assert_eq!(apart, ["a62", "a67", "a89"]);
    let twins: Vec<&str> =
        clauses.iter().filter(|c| c.path.contains(".en")).map(|c| c.path.as_str()).collect();
    assert_eq!(twins, ["a62.en", "a67.en", "a67.en.p2", "a67.en.p3", "a89.en", "a89.en.p2"]);
    assert_eq!(clause(&clauses, "a67.en.p2").label, "Article 67 ¶2");
    assert!(clauses.iter().all(|c| c.text.chars().count() <= 2000), "a clause is too long");
    let first = clause(&clauses, "a1");
    assert!(first.text.starts_with("第一条"));
    assert!(first.text.contains("\nArticle 1 The People’s Republic of China"));
    let president = clause(&clauses, "a79");
    assert_eq!(
        president.headings,
        [
            "第三章 国家机构",
            "Chapter III State Institutions",
            "第二节 中华人民共和国主席",
            "Section 2 The President of the People’s Republic of China",
        ]
    );
}

#[test]
fn every_law_yields_one_clause_per_article() {
    let laws = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/zh/laws");
    let mut checked = 0;
    for folder in std::fs::read_dir(&laws).expect("laws folder") {
        let folder = folder.expect("laws entry").path();
        for file in std::fs::read_dir(&folder).expect("law folder") {
            let file = file.expect("law entry").path();
            let text = std::fs::read_to_string(&file).expect("law text");
            let body = text.split_once("<!-- INFO END -->").map_or(text.as_str(), |(_, b)| b);
            let written = body
                .lines()
                .filter(|line| {
                    let line = line.trim_start_matches('#').trim_start();
                    line.starts_with('第')
                        && line.split_once(' ').is_some_and(|(head, _)| head.ends_with('条'))
                })
                .count();
            let relative = file.strip_prefix(&laws).expect("inside the laws folder");
            let clauses = segment_corpus_file(&format!("zh/laws/{}", relative.to_string_lossy()));
            let articles = clauses.iter().filter(|c| c.label.ends_with('条')).count();
            assert_eq!(articles, written, "{}", file.display());
            checked += 1;
        }
    }
    assert!(checked >= 200, "only {checked} laws found");
}

#[test]
fn news_digest_stories_head_their_paragraphs() {
    let clauses = segment_corpus_file("en/txt/2024-04-focus-newsletter-policy-digest.txt");
    let pilot_areas = clauses
        .iter()
        .find(|c| c.text.starts_with("The pilot areas consist of Beijing"))
        .expect("the paragraph naming the pilot areas is a clause of its own");
    assert_eq!(pilot_areas.headings, ["Wider Opening Up of Value-added Telecom Services"]);
    let decade = clauses
        .iter()
        .find(|c| c.text.contains("Nature Index Science Cities 2023"))
        .expect("the case study's rankings paragraph");
    assert_eq!(
        decade.headings,
        ["Case Study", "Beijing Sci-tech Innovation Hub Completes a Decade"]
    );
    // Bylines stay text and no title is lost from the digest.
    assert!(clauses.iter().any(|c| c.text.starts_with("By LI Linxu")));
    assert!(clauses.iter().all(|c| c.label.starts_with('¶')));
}
