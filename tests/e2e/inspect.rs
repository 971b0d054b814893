//! `tiaowen inspect`: records and clause trees, the same text across formats, bad files.

use std::collections::HashSet;
use std::process::Command;

use crate::util::{corpus, shared, stderr};

fn inspect(path: &std::path::Path) -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_tiaowen"))
        .args(["inspect", "--json", "--corpus"])
        .arg(corpus())
        .arg(path)
        .output()
        .expect("run inspect");
    assert!(output.status.success(), "{}: {}", path.display(), stderr(&output));
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

fn clause_texts(record: &serde_json::Value) -> Vec<String> {
    record["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .map(|c| c["text"].as_str().unwrap_or_default().split_whitespace().collect::<String>())
        .collect()
}

#[test]
fn inspect_json_is_the_documented_contract() {
    let records = inspect(&corpus().join("zh/html/govcn_002.html"));
    assert_eq!(records.len(), 1);
    let doc = &records[0]["document"];
    for field in
        ["id", "title", "doc_number", "issuers", "dates", "lang", "type", "source", "cites"]
    {
        assert!(doc.get(field).is_some(), "missing {field}: {doc}");
    }
    assert_eq!(doc["id"], "zh/html/govcn_002.html");
    assert_eq!(doc["doc_number"]["normalized"], "国办发〔2019〕6号");
    assert_eq!(doc["lang"], "zh");
    let clause = &records[0]["clauses"][1];
    for field in ["anchor", "label", "headings", "text", "citation"] {
        assert!(clause.get(field).is_some(), "missing {field}: {clause}");
    }
}

/// The same text in several formats gives the same clause texts; prints the figure per pair.
#[test]
fn the_same_text_in_different_formats_gives_the_same_clauses() {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for n in ["002", "007", "015", "034", "057"] {
        pairs.push((format!("zh/html/govcn_{n}.html"), format!("zh/pdf/govcn_{n}_print.pdf")));
    }
    for seed in [
        "2023-12-28-guiding-opinions-traditional-manufacturing",
        "2025-miit-mof-second-batch-pilot-cities-notice",
    ] {
        pairs.push((format!("en/txt/{seed}.txt"), format!("en/html/{seed}.html")));
        pairs.push((format!("en/txt/{seed}.txt"), format!("en/pdf/{seed}.pdf")));
    }
    let (mut matched, mut total) = (0usize, 0usize);
    for (a, b) in &pairs {
        let left = clause_texts(&inspect(&corpus().join(a))[0]);
        let right = clause_texts(&inspect(&corpus().join(b))[0]);
        let (left_set, right_set): (HashSet<_>, HashSet<_>) =
            (left.iter().collect(), right.iter().collect());
        let pair_matched = left.iter().filter(|t| right_set.contains(t)).count()
            + right.iter().filter(|t| left_set.contains(t)).count();
        let pair_total = left.len() + right.len();
        println!("{a} ~ {b}: {pair_matched}/{pair_total} clauses agree");
        matched += pair_matched;
        total += pair_total;
    }
    let agreement = matched as f64 / total as f64;
    println!("format-pair agreement: {matched}/{total} = {:.1}%", agreement * 100.0);
    assert!(agreement >= 0.95, "agreement {agreement:.3}");
}

#[test]
fn a_folder_of_broken_pdfs_is_reported_file_by_file() {
    let folder = shared().join("fixtures/pdf/malformed");
    let output = Command::new(env!("CARGO_BIN_EXE_tiaowen"))
        .args(["inspect", "--json", "--pdf-timeout", "10"])
        .arg(&folder)
        .output()
        .expect("run inspect");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    let files = std::fs::read_dir(&folder).expect("fixtures").count();
    let reported = message.lines().filter(|l| l.starts_with("failed ")).count();
    let read = String::from_utf8_lossy(&output.stdout).lines().count();
    assert_eq!(reported + read, files, "{message}");
    assert!(message.contains("hc_xobject_recursion.pdf"), "{message}");
}

/// On the real sponge-city notice, the sentence after the list of what the subsidy pays for
/// is section 四's own text, cited as such, not part of the list's last entry.
#[test]
fn a_paragraph_after_a_list_is_cited_as_its_sections_text() {
    let records =
        inspect(&corpus().join("zh/web/mof_caibanjian_2023_sponge_city_batch3_notice.html"));
    let clauses = records[0]["clauses"].as_array().expect("clauses");
    let by_label = |label: &str| {
        clauses
            .iter()
            .find(|c| c["label"] == label)
            .unwrap_or_else(|| panic!("no clause {label}: {clauses:?}"))
    };
    let last_entry = by_label("四3.");
    assert!(!last_entry["text"].as_str().unwrap_or_default().contains("不得用于"), "{last_entry}");
    let after = by_label("四第2段");
    assert!(after["anchor"].as_str().unwrap_or_default().ends_with("#4.p2"), "{}", after["anchor"]);
    assert_eq!(
        after["text"],
        "中央财政资金不得用于规划编制、方案制定、人员经费、日常运维等方面支出。"
    );
    assert_eq!(after["headings"][0], "四、中央补助资金支持标准和支持范围");
}

/// The real sponge-city notice is a page body without its title: it is titled by its file
/// name, and its opening paragraph, which says what it is about, is its subject.
#[test]
fn a_notice_without_a_title_takes_its_subject_from_its_opening_paragraph() {
    let records =
        inspect(&corpus().join("zh/web/mof_caibanjian_2023_sponge_city_batch3_notice.html"));
    let document = &records[0]["document"];
    assert_eq!(document["title"], "mof_caibanjian_2023_sponge_city_batch3_notice");
    let subject = document["subject"].as_str().unwrap_or_default();
    assert!(subject.starts_with("为贯彻习近平总书记关于海绵城市建设"), "{subject}");
    assert!(subject.contains("第三批海绵城市建设示范竞争性选拔工作"), "{subject}");
    // A notice with a title has none.
    let records = inspect(&corpus().join("zh/html/govcn_002.html"));
    assert!(records[0]["document"].get("subject").is_none(), "{}", records[0]["document"]);
}
