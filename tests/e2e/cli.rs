//! Ingest, search, show and reindex through the command line.

use crate::util::{stderr, Workspace};

const TAX: &str = "zh/html/govcn_032.html";
const GUARANTEE: &str = "zh/html/govcn_002.html";
const PILOT_EN: &str = "en/txt/2025-miit-mof-second-batch-pilot-cities-notice.txt";
const OPINIONS_EN: &str = "en/txt/2023-12-28-guiding-opinions-traditional-manufacturing.txt";

fn first_hit(answer: &serde_json::Value) -> &serde_json::Value {
    &answer["hits"][0]
}

#[test]
fn chinese_and_english_queries_put_the_deciding_clause_first() {
    let ws = Workspace::with_files(&[TAX, GUARANTEE, PILOT_EN, OPINIONS_EN]);
    ws.ingest();

    let answer = ws.search("独生子女赡养老人扣除标准", &[]);
    let hit = first_hit(&answer);
    assert!(
        hit["text"].as_str().unwrap_or_default().contains("按照每月2000元的标准定额扣除"),
        "{hit}"
    );
    assert!(hit["citation"].as_str().unwrap_or_default().starts_with("国发〔2018〕41号 "), "{hit}");

    let answer = ws.search("国家融资担保基金的风险分担比例", &[]);
    let hit = first_hit(&answer);
    assert!(hit["text"].as_str().unwrap_or_default().contains("明确风险分担比例"), "{hit}");
    assert!(
        hit["citation"].as_str().unwrap_or_default().starts_with("国办发〔2019〕6号 "),
        "{hit}"
    );

    let answer = ws.search("funds earmarked for special use", &[]);
    let hit = first_hit(&answer);
    assert!(
        hit["text"].as_str().unwrap_or_default().contains("earmarked for special use"),
        "{hit}"
    );
    assert!(hit["citation"].as_str().unwrap_or_default().contains("[2025] No. 108"), "{hit}");
    assert_eq!(hit["document"]["lang"], "en");
}

#[test]
fn filters_narrow_the_results() {
    let ws = Workspace::with_files(&[TAX, PILOT_EN]);
    ws.ingest();
    let answer = ws.search("deduction 扣除", &["--lang", "en"]);
    for hit in answer["hits"].as_array().expect("hits") {
        assert_eq!(hit["document"]["lang"], "en", "{hit}");
    }
    let answer = ws.search("扣除", &["--from", "2018-12", "--to", "2018-12-31"]);
    assert!(!answer["hits"].as_array().expect("hits").is_empty());
    let answer = ws.search("扣除", &["--from", "2030"]);
    assert!(answer["hits"].as_array().expect("hits").is_empty());
}

#[test]
fn reindex_follows_edits_additions_and_deletions() {
    let ws = Workspace::with_files(&[TAX, PILOT_EN]);
    let note = ws.corpus().join("en/txt/note.txt");
    std::fs::write(
        &note,
        "Notice on zebrafish permits\n1. Every zebrafish permit expires after 30 days.\n",
    )
    .expect("write note");
    let first = ws.ingest();
    assert!(first.contains("3 added"), "{first}");
    let hits = ws.search("when does a zebrafish permit expire", &[]);
    assert!(hits["hits"][0]["text"].as_str().unwrap_or_default().contains("30 days"), "{hits}");

    std::fs::write(
        &note,
        "Notice on zebrafish permits\n1. Every zebrafish permit expires after 90 days.\n",
    )
    .expect("edit note");
    ws.copy_in(GUARANTEE, "zh/html/added.html");
    std::fs::remove_file(ws.corpus().join(TAX)).expect("delete");
    let second = ws.ingest();
    assert!(second.contains("1 added, 1 updated, 1 removed, 1 skipped"), "{second}");

    let hits = ws.search("when does a zebrafish permit expire", &[]);
    let text = hits["hits"][0]["text"].as_str().unwrap_or_default();
    assert!(text.contains("90 days") && !text.contains("30 days"), "{text}");
    let hits = ws.search("独生子女赡养老人", &[]);
    for hit in hits["hits"].as_array().expect("hits") {
        assert_ne!(hit["document"]["id"], TAX, "deleted document still found: {hit}");
    }
    let hits = ws.search("融资担保 政府债券", &[]);
    assert_eq!(hits["hits"][0]["document"]["id"], "zh/html/added.html");

    let third = ws.ingest();
    assert!(third.contains("0 added, 0 updated, 0 removed, 3 skipped"), "{third}");
}

#[test]
fn an_index_updated_in_place_answers_as_one_built_afresh() {
    let files = [TAX, GUARANTEE, PILOT_EN, OPINIONS_EN];
    let edit = |ws: &Workspace| {
        let path = ws.corpus().join(GUARANTEE);
        let text = std::fs::read_to_string(&path).expect("read notice");
        assert!(text.contains("风险分担比例"));
        std::fs::write(&path, text.replacen("风险分担比例", "风险分担的比例", 1)).expect("edit");
    };
    let updated = Workspace::with_files(&files);
    updated.ingest();
    edit(&updated);
    let second = updated.ingest();
    assert!(second.contains("0 added, 1 updated, 0 removed, 3 skipped"), "{second}");
    let fresh = Workspace::with_files(&files);
    edit(&fresh);
    fresh.ingest();
    // The updated index deleted the notice's old clauses; the counts BM25 scores by
    // must not remember them.
    let ranked = |ws: &Workspace, query: &str| -> Vec<(String, String)> {
        let answer = ws.search(query, &["--limit", "20"]);
        let hits = answer["hits"].as_array().expect("hits").iter();
        hits.map(|h| (h["anchor"].to_string(), h["score"].to_string())).collect()
    };
    for query in
        ["融资担保 风险分担", "deduction for elderly parents", "政府债券 担保", "pilot city funds"]
    {
        let expected = ranked(&fresh, query);
        assert!(!expected.is_empty(), "{query}");
        assert_eq!(ranked(&updated, query), expected, "{query}");
    }
}

#[test]
fn a_duplicated_document_is_one_hit_with_two_sources() {
    let ws = Workspace::with_files(&[PILOT_EN]);
    ws.copy_in(PILOT_EN, "en/copy/second-batch.txt");
    ws.ingest();
    let answer = ws.search("earmarked for special use", &[]);
    let hits = answer["hits"].as_array().expect("hits");
    let first_text = hits[0]["text"].as_str().unwrap_or_default();
    assert_eq!(hits.iter().filter(|h| h["text"] == first_text).count(), 1, "{answer}");
    let sources = hits[0]["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 2, "{answer}");
    let paths: Vec<&str> = sources.iter().filter_map(|s| s["path"].as_str()).collect();
    assert!(paths.contains(&PILOT_EN) && paths.contains(&"en/copy/second-batch.txt"), "{paths:?}");
}

#[test]
fn show_round_trips_an_anchor_from_a_hit() {
    let ws = Workspace::with_files(&[GUARANTEE]);
    ws.ingest();
    let answer = ws.search("政府债券发行", &[]);
    let anchor = answer["hits"][0]["anchor"].as_str().expect("anchor").to_string();
    let output = ws.run(&["show", "--json", &anchor]);
    assert!(output.status.success(), "{}", stderr(&output));
    let view: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(view["anchor"], anchor.as_str());
    assert_eq!(view["text"], answer["hits"][0]["text"]);
    assert!(view["prev"].is_string() || view["next"].is_string());

    let missing = ws.run(&["show", "zh/html/govcn_002.html#99.99"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn bad_queries_fail_with_one_clear_line() {
    let ws = Workspace::with_files(&[GUARANTEE]);
    let missing = ws.run(&["search", "资金"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("tiaowen ingest"), "{}", stderr(&missing));

    ws.ingest();
    let cases: [(&[&str], &str); 5] = [
        (&["search", "   "], "empty"),
        (&["search", "资金", "--lang", "fr"], "--lang"),
        (&["search", "资金", "--type", "poem"], "--type"),
        (&["search", "资金", "--from", "last spring"], "--from"),
        (&["search", "资金", "--limit", "0"], "--limit"),
    ];
    for (args, needle) in cases {
        let output = ws.run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(needle), "{args:?}: {message}");
        assert_eq!(message.trim().lines().count(), 1, "{args:?}: {message}");
    }
}

#[test]
fn bad_files_are_reported_and_the_rest_is_indexed() {
    let ws = Workspace::with_files(&[GUARANTEE]);
    let malformed = crate::util::shared().join("fixtures/pdf/malformed");
    for name in ["hc_xobject_recursion.pdf", "hc_html_error_page.pdf", "tr_cn_notice_lo_50.pdf"] {
        std::fs::copy(malformed.join(name), ws.corpus().join(name)).expect("copy fixture");
    }
    std::fs::write(ws.corpus().join("empty.txt"), "").expect("write");
    std::fs::write(ws.corpus().join("binary.html"), [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0])
        .expect("write");
    let output = ws.run(&["ingest"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    for name in ["hc_html_error_page.pdf", "empty.txt", "binary.html"] {
        assert!(
            stdout.lines().any(|l| l.starts_with("failed") && l.contains(name)),
            "{name}: {stdout}"
        );
    }
    // pdf-extract overflows its stack on this one: the worker dies, the fallback reader
    // gets what it can, and the run goes on either way.
    assert!(stdout.lines().any(|l| l.contains("hc_xobject_recursion.pdf")), "{stdout}");
    let answer = ws.search("政府债券发行", &[]);
    assert!(!answer["hits"].as_array().expect("hits").is_empty());
}

#[test]
fn a_reader_that_leaves_early_ends_the_output_quietly() {
    let ws = Workspace::with_files(&[TAX]);
    ws.ingest();
    // The reading end is closed before the search has written anything (`| head`).
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tiaowen"))
        .args(["search", "--limit", "100", "扣除"])
        .env("TIAOWEN_INDEX", ws.index())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run tiaowen");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait for tiaowen");
    assert!(output.status.success(), "{:?}: {}", output.status, stderr(&output));
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}
