//! Relevance across languages, scripts, document numbers and versions.

use crate::util::{shared, Workspace};

const TAX: &str = "zh/html/govcn_032.html";
const GUARANTEE: &str = "zh/html/govcn_002.html";
const MEDIA: &str = "zh/html/govcn_017.html";
const OPINIONS_EN: &str = "en/txt/2023-12-28-guiding-opinions-traditional-manufacturing.txt";
const NOTICE_EN: &str = "en/html/2025-miit-mof-second-batch-pilot-cities-notice.html";
const ACCOUNTING_2017: &str = "zh/laws/经济法/会计法(2017-11-04).md";
const ACCOUNTING_2024: &str = "zh/laws/经济法/会计法(2024-06-28).md";

fn texts(answer: &serde_json::Value) -> Vec<&str> {
    answer["hits"].as_array().expect("hits").iter().filter_map(|h| h["text"].as_str()).collect()
}

#[test]
fn an_english_query_finds_a_chinese_clause() {
    let ws = Workspace::with_files(&[TAX, OPINIONS_EN]);
    ws.ingest();
    let answer = ws.search("children education deduction", &[]);
    let hit = &answer["hits"][0];
    assert_eq!(hit["document"]["lang"], "zh", "{hit}");
    assert!(hit["text"].as_str().unwrap_or_default().contains("子女接受全日制学历教育"), "{hit}");
}

#[test]
fn a_chinese_query_finds_an_english_clause() {
    let ws = Workspace::with_files(&[TAX, OPINIONS_EN]);
    ws.ingest();
    let answer = ws.search("民爆行业 机械化换人", &["--lang", "en"]);
    let first = texts(&answer).first().copied().unwrap_or_default();
    assert!(first.contains("intrinsic safety"), "{answer}");
}

#[test]
fn a_misspelt_english_word_is_searched_as_the_word_the_index_holds() {
    let ws = Workspace::with_files(&[NOTICE_EN, TAX]);
    ws.ingest();
    let right = ws.search("fund use restrictions", &[]);
    let misspelt = ws.search("fund use restrictons", &[]);
    assert_eq!(misspelt["corrections"][0]["from"], "restrictons", "{misspelt}");
    assert_eq!(misspelt["corrections"][0]["to"], "restrictions", "{misspelt}");
    assert_eq!(misspelt["hits"][0]["anchor"], right["hits"][0]["anchor"], "{misspelt}");
    assert!(right.get("corrections").is_none(), "{right}");
    // Answered in Chinese only: "penalty" is known to the lexicon.
    let answer = ws.search("penatly for late payment of tax", &[]);
    assert_eq!(answer["corrections"][0]["to"], "penalty", "{answer}");
    // A quoted word is wanted as written.
    let answer = ws.search("fund \"restrictons\"", &[]);
    assert!(answer.get("corrections").is_none(), "{answer}");
}

#[test]
fn quoted_words_must_stand_in_a_clause_and_words_after_a_minus_must_not() {
    let ws = Workspace::with_files(&[GUARANTEE, TAX, NOTICE_EN]);
    ws.ingest();
    let answer = ws.search("\"子女教育\" 扣除", &[]);
    let found = texts(&answer);
    assert!(!found.is_empty() && found.iter().all(|t| t.contains("子女教育")), "{answer}");
    let answer = ws.search("\"use of funds\"", &[]);
    let found = texts(&answer);
    assert!(!found.is_empty(), "{answer}");
    assert!(found.iter().all(|t| t.to_lowercase().contains("use of funds")), "{answer}");
    let all = ws.search("担保", &["--limit", "50"]);
    assert!(texts(&all).iter().any(|t| t.contains("再担保")), "{all}");
    let answer = ws.search("担保 -再担保", &["--limit", "50"]);
    let found = texts(&answer);
    assert!(!found.is_empty() && found.iter().all(|t| !t.contains("再担保")), "{answer}");
    assert!(answer["total"].as_u64() < all["total"].as_u64(), "{answer}");
    // An excluded English word keeps out its Chinese translation too.
    let answer = ws.search("政府 -guarantee", &["--limit", "50"]);
    let found = texts(&answer);
    assert!(!found.is_empty() && found.iter().all(|t| !t.contains("担保")), "{answer}");
}

#[test]
fn traditional_and_simplified_script_find_each_other() {
    let ws = Workspace::with_files(&[MEDIA]);
    ws.ingest();
    let answer = ws.search("政務新媒體 工作目標", &[]);
    assert!(texts(&answer).first().is_some_and(|t| t.contains("工作目标")), "{answer}");

    let traditional = Workspace::with_files(&[]);
    let fixture = shared().join("fixtures/html/govcn_017_traditional.html");
    let target = traditional.corpus().join("zh/html/govcn_017_traditional.html");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::copy(fixture, target).expect("copy fixture");
    traditional.ingest();
    let answer = traditional.search("政务新媒体 工作目标", &[]);
    assert!(texts(&answer).first().is_some_and(|t| t.contains("工作目標")), "{answer}");
}

#[test]
fn a_document_number_in_any_spelling_finds_its_document() {
    let ws = Workspace::with_files(&[GUARANTEE, TAX]);
    ws.ingest();
    for spelling in [
        "国办发〔2019〕6号",
        "国办发[2019]6号",
        "国办发(2019)6号",
        "国办发2019年6号",
        "Guobanfa [2019] No. 6",
        "Guo Ban Fa [2019] No. 6",
    ] {
        let answer = ws.search(spelling, &[]);
        let hits = answer["hits"].as_array().expect("hits");
        assert!(!hits.is_empty(), "{spelling}: {answer}");
        for hit in hits {
            assert_eq!(hit["document"]["id"], GUARANTEE, "{spelling}: {hit}");
        }
    }
    let answer = ws.search("国办发〔2019〕6号 基本原则", &[]);
    let hit = &answer["hits"][0];
    assert_eq!(hit["document"]["id"], GUARANTEE, "{hit}");
    assert!(hit["text"].as_str().unwrap_or_default().contains("基本原则"), "{hit}");
    // In pinyin, with English words: the words are searched inside the document.
    let answer = ws.search("Guobanfa [2019] No. 6 basic principles", &[]);
    let hit = &answer["hits"][0];
    assert_eq!(hit["document"]["id"], GUARANTEE, "{hit}");
    assert!(hit["text"].as_str().unwrap_or_default().contains("基本原则"), "{hit}");
}

#[test]
fn a_cited_number_finds_its_document_and_the_clauses_that_cite_it() {
    let ws = Workspace::with_files(&[GUARANTEE, TAX]);
    ws.ingest();
    for number in ["国发〔2015〕43号", "Guofa [2015] No. 43"] {
        let answer = ws.search(number, &[]);
        assert!(
            texts(&answer).iter().any(|t| t.contains("国发〔2015〕43号")),
            "{number}: {answer}"
        );
        let snippet = answer["hits"][0]["snippet"].as_str().unwrap_or_default();
        assert!(snippet.contains("<em>国发〔2015〕43号</em>"), "{number}: {snippet}");
    }
    // A number the index holds lists its document's clauses, then the other documents'
    // clauses citing it.
    const EARTHQUAKE_1996: &str = "zh/html/govcn_020.html";
    const EARTHQUAKE_1997: &str = "zh/html/govcn_051.html";
    let ws = Workspace::with_files(&[EARTHQUAKE_1996, EARTHQUAKE_1997]);
    ws.ingest();
    let answer = ws.search("国办发〔1996〕2号", &["--limit", "50"]);
    let hits = answer["hits"].as_array().expect("hits");
    let own = hits.iter().take_while(|h| h["document"]["id"] == EARTHQUAKE_1996).count();
    assert!(own > 1 && own < hits.len(), "{answer}");
    for hit in &hits[own..] {
        assert_eq!(hit["document"]["id"], EARTHQUAKE_1997, "{hit}");
        let snippet = hit["snippet"].as_str().unwrap_or_default();
        assert!(snippet.contains("<em>国办发〔1996〕2号</em>"), "{snippet}");
    }
    assert_eq!(answer["total"].as_u64(), Some(hits.len() as u64), "{answer}");
}

#[test]
fn the_current_version_of_a_law_ranks_first_and_the_old_one_says_superseded() {
    let ws = Workspace::with_files(&[ACCOUNTING_2017, ACCOUNTING_2024]);
    ws.ingest();
    let answer = ws.search("会计凭证 会计账簿 保管", &["--limit", "20"]);
    let hits = answer["hits"].as_array().expect("hits");
    assert_eq!(hits[0]["document"]["id"], ACCOUNTING_2024, "{answer}");
    assert_eq!(hits[0]["document"]["status"]["state"], "current");
    let old = hits.iter().find(|h| h["document"]["id"] == ACCOUNTING_2017);
    let old = old.unwrap_or_else(|| panic!("the 2017 version is still found: {answer}"));
    assert_eq!(old["document"]["status"]["state"], "superseded", "{old}");
    assert_eq!(old["document"]["status"]["by"], ACCOUNTING_2024);
    // Asked for documents in force only, the superseded version is kept out.
    let current = ws.search("会计凭证 会计账簿 保管", &["--limit", "20", "--current"]);
    let hits = current["hits"].as_array().expect("hits");
    assert!(!hits.is_empty(), "{current}");
    assert!(hits.iter().all(|h| h["document"]["status"]["state"] == "current"), "{current}");
    // Nor is it listed among the copies of a clause both versions hold.
    let paths = |answer: &serde_json::Value| -> Vec<String> {
        let hits = answer["hits"].as_array().expect("hits");
        let sources = hits.iter().flat_map(|h| h["sources"].as_array().expect("sources"));
        sources.filter_map(|s| s["path"].as_str().map(str::to_owned)).collect()
    };
    let shared = ws.search("会计", &["--limit", "50"]);
    assert!(paths(&shared).iter().any(|p| p == ACCOUNTING_2017), "{shared}");
    let shared = ws.search("会计", &["--limit", "50", "--current"]);
    assert!(paths(&shared).iter().all(|p| p != ACCOUNTING_2017), "{shared}");
    assert!(current["total"].as_u64() < answer["total"].as_u64(), "{current}");
}

#[test]
fn a_question_about_a_laws_history_gets_its_enactment_notes_first() {
    let ws = Workspace::with_files(&[ACCOUNTING_2017, ACCOUNTING_2024]);
    ws.ingest();
    for query in ["会计法什么时候修改的", "when was the Accounting Law amended"] {
        let answer = ws.search(query, &[]);
        let first = &answer["hits"][0];
        assert_eq!(first["anchor"], format!("{ACCOUNTING_2024}#notes"), "{query}: {answer}");
        assert_eq!(first["citation"], "中华人民共和国会计法 题注", "{first}");
        let text = first["text"].as_str().unwrap_or_default();
        assert!(text.contains("1985年1月21日") && text.contains("2024年6月28日"), "{first}");
    }
    let answer = ws.search("会计凭证 保管", &[]);
    let anchors: Vec<&str> = answer["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["anchor"].as_str())
        .collect();
    assert!(anchors.iter().all(|a| !a.ends_with("#notes")), "{answer}");
}

#[test]
fn a_title_in_book_title_marks_keeps_the_search_to_that_law_current_version_first() {
    let ws = Workspace::with_files(&[ACCOUNTING_2017, ACCOUNTING_2024, TAX]);
    ws.ingest();
    let answer = ws.search("《会计法》 保管", &["--limit", "20"]);
    let hits = answer["hits"].as_array().expect("hits");
    assert!(!hits.is_empty(), "{answer}");
    let laws = [ACCOUNTING_2017, ACCOUNTING_2024];
    assert!(hits.iter().all(|h| laws.iter().any(|l| h["document"]["id"] == *l)), "{answer}");
    // The title alone lists the law, its current version first.
    // So does the title, or an English act's name, with nothing else.
    for query in ["《中华人民共和国会计法》", "会计法", "the Accounting Law"] {
        let listed = ws.search(query, &[]);
        assert_eq!(listed["hits"][0]["document"]["id"], ACCOUNTING_2024, "{query}: {listed}");
        assert_eq!(listed["hits"][0]["label"], "第一条", "{query}: {listed}");
    }
}

#[test]
fn a_law_named_without_marks_keeps_the_question_to_it_unless_it_holds_no_answer() {
    let ws = Workspace::with_files(&[ACCOUNTING_2017, ACCOUNTING_2024, TAX]);
    ws.ingest();
    let laws = [ACCOUNTING_2017, ACCOUNTING_2024];
    for query in [
        "会计法 会计凭证保管",
        "中华人民共和国会计法规定的会计凭证保管",
        "What does the Accounting Law say about keeping accounting records?",
    ] {
        let answer = ws.search(query, &["--limit", "20", "--explain"]);
        let hits = answer["hits"].as_array().expect("hits");
        assert!(!hits.is_empty(), "{query}: {answer}");
        assert!(
            hits.iter().all(|h| laws.iter().any(|l| h["document"]["id"] == *l)),
            "{query}: only the named law is searched: {answer}"
        );
        assert_eq!(answer["named_acts"][0], "会计法", "{query}");
    }
    // Asked for, every document is searched.
    let answer = ws.search("会计法 税务 凭证 资料", &["--limit", "50"]);
    assert_eq!(answer["named_acts"][0], "会计法", "{answer}");
    let hits = answer["hits"].as_array().expect("hits");
    assert!(hits.iter().all(|h| h["document"]["id"] != TAX), "{answer}");
    let answer = ws.search("会计法 税务 凭证 资料", &["--limit", "50", "--all-documents"]);
    assert!(answer.get("named_acts").is_none(), "{answer}");
    let hits = answer["hits"].as_array().expect("hits");
    assert!(hits.iter().any(|h| h["document"]["id"] == TAX), "{answer}");
    // Nothing in the law holds the other words: every document is searched.
    let answer = ws.search("会计法 专项附加扣除", &[]);
    assert_eq!(answer["hits"][0]["document"]["id"], TAX, "{answer}");
    assert!(answer.get("named_acts").is_none(), "{answer}");
}

#[test]
fn a_law_named_with_an_article_finds_that_article_first() {
    const TEACHERS: &str = "zh/laws/行政法/教师法(2009-08-27).md";
    let ws = Workspace::with_files(&[ACCOUNTING_2017, ACCOUNTING_2024, TEACHERS]);
    ws.ingest();
    for query in
        ["会计法第十条", "《會計法》 第10條", "我想问一下会计法第十条怎么规定的", "第十条 会计法"]
    {
        let answer = ws.search(query, &[]);
        let first = &answer["hits"][0];
        assert_eq!(first["document"]["id"], ACCOUNTING_2024, "{query}: {answer}");
        let text = first["text"].as_str().unwrap_or_default();
        assert!(text.starts_with("第十条"), "{query}: {text}");
        assert!(
            answer["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .all(|h| h["document"]["id"] != TEACHERS),
            "{query}: only the named law is searched: {answer}"
        );
    }
    // Named in English, the law is found through the translations of its name.
    for query in ["Article 10 of the Accounting Law", "the PRC Accounting Law, Art. 10"] {
        let answer = ws.search(query, &[]);
        let first = &answer["hits"][0];
        assert_eq!(first["document"]["id"], ACCOUNTING_2024, "{query}: {answer}");
        assert!(first["text"].as_str().unwrap_or_default().starts_with("第十条"), "{answer}");
    }
    // The teachers law has a 第十条 too; named, it is the one found.
    let answer = ws.search("教师法第十条", &[]);
    assert_eq!(answer["hits"][0]["document"]["id"], TEACHERS, "{answer}");
    // A law the index does not hold leaves its name a query word, and the search runs on.
    let answer = ws.search("劳动法第十条", &[]);
    assert!(!answer["hits"].as_array().expect("hits").is_empty(), "{answer}");
}

#[test]
fn regulations_named_in_english_with_an_article_find_that_article_first() {
    const PATENT_AGENCY: &str = "zh/html/govcn_058.html";
    let ws = Workspace::with_files(&[PATENT_AGENCY, ACCOUNTING_2024]);
    ws.ingest();
    for query in ["Article 10 of the Patent Agency Regulations", "专利代理条例第十条"] {
        let answer = ws.search(query, &[]);
        let first = &answer["hits"][0];
        assert_eq!(first["document"]["id"], PATENT_AGENCY, "{query}: {answer}");
        assert!(first["text"].as_str().unwrap_or_default().starts_with("第十条"), "{answer}");
    }
}

#[test]
fn pages_asked_one_by_one_are_slices_of_one_list() {
    const PROCUREMENT: &str = "zh/laws/经济法/政府采购法(2014-08-31).md";
    let ws = Workspace::with_files(&[PROCUREMENT, ACCOUNTING_2024, GUARANTEE, TAX]);
    // A second copy of the law: its clauses fold into the first's, as many as are fetched.
    ws.copy_in(PROCUREMENT, "zh/laws/copy/procurement.md");
    ws.ingest();
    let anchors = |answer: &serde_json::Value| -> Vec<String> {
        let hits = answer["hits"].as_array().expect("hits");
        hits.iter().filter_map(|h| h["anchor"].as_str().map(str::to_owned)).collect()
    };
    for query in ["采购 合同 期限", "会计 资料 保存"] {
        let answer = ws.search(query, &["--limit", "40"]);
        let whole = anchors(&answer);
        assert_eq!(whole.len(), 40, "{query}: {whole:?}");
        let mut paged = Vec::new();
        for offset in ["0", "10", "20", "30", "200"] {
            let page = ws.search(query, &["--limit", "10", "--offset", offset]);
            assert_eq!(page["total"], answer["total"], "{query}: the count at offset {offset}");
            paged.extend(anchors(&page));
        }
        assert_eq!(paged, whole, "{query}");
    }
    // When the clauses holding most of a query's words fill the first page, the list holds
    // only those, as its count does: it does not run on past the count.
    let answer = ws.search("采购 供应商 政府", &["--limit", "100"]);
    let hits = anchors(&answer).len() as u64;
    let total = answer["total"].as_u64().expect("a count");
    assert!((10..=total).contains(&hits), "{hits} hits, {total} counted");
}
