//! Golden checks on English PDFs of the corpus: list items kept whole across lines and
//! pages, titles their own paragraphs, and footnotes moved out of the running text.

use super::support::{assert_block, read};

#[test]
fn action_plan_items_run_across_pages_and_notes_follow_the_body() {
    let (parsed, _) = read("en/pdf/us_americas_ai_action_plan.pdf");
    // An item whose last words are on the next page, below two footnotes of this one.
    assert_block(
        &parsed,
        "• Led by the Office of Science and Technology Policy (OSTP), launch a Request for \
         Information from businesses and the public at large about current Federal \
         regulations that hinder AI innovation and adoption, and work with relevant Federal \
         agencies to take appropriate action.",
    );
    assert_block(&parsed, "Remove Red Tape and Onerous Regulation");
    assert_block(&parsed, "Recommended Policy Actions");
    // A line opening `Section 132 …` inside an item is not a clause number.
    let treasury = parsed
        .blocks
        .iter()
        .find(|b| b.starts_with("• Led by the Department of the Treasury"))
        .expect("the Treasury item");
    assert!(treasury.contains("Section 132 of the Internal Revenue Code"), "{treasury}");
    assert!(treasury.ends_with("preserving jobs for American workers."), "{treasury}");
    // The notes come after the body, under their own heading, each whole.
    let notes = parsed.blocks.iter().position(|b| b == "Notes").expect("a notes heading");
    let first_note = &parsed.blocks[notes + 1];
    assert!(first_note.starts_with("1 Executive Order 14179"), "{first_note}");
    assert!(first_note.ends_with("2025-02172.pdf."), "{first_note}");
    assert!(parsed.blocks[..notes].iter().all(|b| !b.starts_with("1 Executive Order 14179")));
}

#[test]
fn government_response_bullets_are_one_paragraph_each() {
    let (parsed, _) = read("en/pdf/uk_ai_opportunities_government_response.pdf");
    assert_block(
        &parsed,
        "• Exploring making available high-potential data sets for partnered companies, in \
         coordination with the National Data Library.",
    );
}

#[test]
fn government_response_table_rows_are_one_paragraph_each() {
    let (parsed, _) = read("en/pdf/uk_ai_opportunities_government_response.pdf");
    // The table is drawn cell by cell: each row comes back whole, its cells in order.
    assert_block(
        &parsed,
        "Recommendation 24 Reform the UK text and data mining regime so that it is at least \
         as competitive as the EU. | The government has launched a consultation. | End of 2024",
    );
    let row = |number: &str| {
        parsed
            .blocks
            .iter()
            .find(|b| b.starts_with(&format!("Recommendation {number} ")))
            .unwrap_or_else(|| panic!("no row {number}"))
    };
    // A response running on to the next page goes on in its own column.
    let regulators = row("25");
    assert!(
        regulators.ends_with("which DSIT, with HMT support, will assess. | Spring 2025"),
        "{regulators}"
    );
    // The recommendation's own words run on too (the next page's row starts in lower case).
    let champions = row("48");
    assert!(
        champions.contains(
            "to work with industry and government and develop AI adoption plans. | Agree."
        ),
        "{champions}"
    );
    // A response set in the middle of its row, and a list inside a cell.
    assert!(row("9").ends_with("| Agree. See above. Further | details published by Summer 2025"));
    assert!(row("46").contains("4. Pilot the AI Knowledge Hub. 5. Appoint an AI lead"));
    let numbered = |b: &&String| {
        b.strip_prefix("Recommendation ")
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    assert_eq!(parsed.blocks.iter().filter(numbered).count(), 50);
}

#[test]
fn budget_titles_are_set_apart_and_text_off_the_page_is_not_read() {
    let (parsed, _) = read("zh/pdf/putuo_justice_bureau_2026_budget.pdf");
    let titles: Vec<&str> = parsed.titles.iter().map(|&at| parsed.blocks[at].as_str()).collect();
    for title in ["上海市普陀区司法局主要职能", "名词解释", "2026年部门预算编制说明"]
    {
        assert!(titles.contains(&title), "{title} not among {titles:?}");
    }
    assert!(titles.iter().all(|t| !t.contains('。')), "{titles:?}");
    // Page 4 carries a copy of page 3's duties placed above the sheet, which no viewer shows.
    let duty = "（一）贯彻执行国家和本市有关司法行政工作";
    assert_eq!(parsed.blocks.iter().filter(|b| b.starts_with(duty)).count(), 1);
}
