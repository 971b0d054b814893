//! Golden checks on Markdown laws, the bilingual constitution and English text seeds.

use tiaowen_model::{DocType, Lang};

use super::support::{assert_absent, assert_block, number, read};

#[test]
fn law_with_enactment_notes() {
    let (parsed, record) = read("zh/laws/经济法/个人所得税法(2018-08-31).md");
    assert_eq!(record.title, "中华人民共和国个人所得税法");
    assert_eq!(record.doc_type, DocType::Law);
    assert_eq!(record.issuers, ["全国人民代表大会常务委员会"]);
    assert_eq!(record.dates.issued.as_deref(), Some("2018-08-31"));
    assert!(parsed.blocks[0].starts_with("第一条"), "the notes are not body: {}", parsed.blocks[0]);
    assert_block(&parsed, "纳税年度，自公历一月一日起至十二月三十一日止。");
    assert_absent(&parsed, &["INFO END", "第七次修正", "#"]);
}

#[test]
fn law_with_chapters_and_a_wrapped_note() {
    let (parsed, record) = read("zh/laws/行政法/土地管理法(2019-08-26).md");
    assert_eq!(record.dates.issued.as_deref(), Some("2019-08-26"));
    assert_eq!(parsed.blocks[0], "第一章 总则");
    assert!(parsed.blocks.iter().any(|b| b.starts_with("第二章")));
}

#[test]
fn every_law_reads_with_its_date() {
    for folder in ["zh/laws/经济法", "zh/laws/行政法"] {
        let dir = super::support::corpus(folder);
        for entry in std::fs::read_dir(&dir).expect("the laws folder lists") {
            let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
            let (_, record) = read(&format!("{folder}/{name}"));
            // The files are named after the date of their latest version.
            let dated = name.rsplit_once('(').and_then(|(_, d)| d.strip_suffix(").md"));
            assert_eq!(record.dates.issued.as_deref(), dated, "{name}");
            assert!(!record.issuers.is_empty(), "{name}");
        }
    }
}

#[test]
fn bilingual_constitution() {
    let (parsed, record) = read("bilingual/constitution-zh-en.md");
    assert_eq!(record.title, "中华人民共和国宪法");
    assert_eq!(record.doc_type, DocType::Law);
    assert_eq!(record.lang, Lang::Zh);
    assert_block(&parsed, "第一章 总纲");
    assert!(parsed
        .blocks
        .iter()
        .any(|b| b.starts_with("Article 1 The People’s Republic of China")));
}

#[test]
fn english_notice_text_after_a_view_counter() {
    let (parsed, record) = read("en/txt/2025-miit-mof-second-batch-pilot-cities-notice.txt");
    assert!(record.title.starts_with("Notice of the General Office"), "{}", record.title);
    assert_eq!(record.doc_type, DocType::Notice);
    assert_eq!(record.dates.published.as_deref(), Some("2025-12-31"));
    assert_eq!(
        record.doc_number.as_ref().map(|n| n.raw.as_str()),
        Some("Office of Industry and Information Technology Liangui Letter [2025] No. 108")
    );
    assert_absent(&parsed, &["Views:", "2025-12-31"]);
}

#[test]
fn english_opinions_text_keeps_its_signature_date() {
    let (parsed, record) = read("en/txt/2023-12-28-guiding-opinions-traditional-manufacturing.txt");
    assert_eq!(number(&record), Some("MIIT Joint Regulation [2023] No. 258"));
    assert_eq!(record.dates.issued.as_deref(), Some("2023-12-28"));
    assert_eq!(record.doc_type, DocType::Opinions);
    assert_absent(&parsed, &["Related Downloads", "Related News", "undefined"]);
}

#[test]
fn english_news_page_without_boilerplate() {
    let (parsed, record) = read("en/txt/2024-04-18-manufacturing-cities-pilot-tech-upgrade.txt");
    assert_eq!(record.title, "Manufacturing Cities to Pilot Tech Upgrade");
    assert_eq!(record.doc_type, DocType::News);
    assert_eq!(record.dates.published.as_deref(), Some("2024-04-18"));
    assert_eq!(record.doc_number, None);
    assert_block(&parsed, "The central government will reward each selected city, awarding a grant of no more than 300 million RMB in total.");
    assert_absent(&parsed, &["position:", "Top News", "浏览器", "Jiangxi", "Editor:"]);
}

#[test]
fn english_newsletter_and_article() {
    let (parsed, record) = read("en/txt/2024-04-focus-newsletter-policy-digest.txt");
    assert_eq!(record.title, "Manufacturing Cities to Pilot Tech Upgrade");
    assert_eq!(record.doc_type, DocType::News);
    assert!(
        parsed.blocks.iter().any(|b| b.contains("internet data centers")),
        "hyphenated words join"
    );
    assert_absent(&parsed, &["**", "# "]);
    let (parsed, record) = read("en/txt/2022-10-15-made-in-china-2025-pilot-cities.txt");
    assert_eq!(record.dates.published.as_deref(), Some("2022-10-15"));
    assert_eq!(record.doc_type, DocType::News);
    assert_absent(&parsed, &["Detail", "Copyright"]);
}
