//! The hard cases of clause segmentation, one test each.

use tiaowen_segment::{segment, SegmentedClause};

use crate::{blocks, paths_and_labels};

fn run(texts: &[&str]) -> Vec<SegmentedClause> {
    segment(&blocks(texts))
}

fn clause<'a>(clauses: &'a [SegmentedClause], path: &str) -> &'a SegmentedClause {
    clauses.iter().find(|c| c.path == path).unwrap_or_else(|| panic!("no clause {path}"))
}

#[test]
fn chinese_numeral_inside_a_sentence_is_text() {
    let clauses =
        run(&["一、总体要求。坚持。", "各地要推动一、二级医院改革。", "二、主要任务。落实。"]);
    assert_eq!(paths_and_labels(&clauses).len(), 2);
    assert_eq!(clause(&clauses, "1").text, "一、总体要求。坚持。\n各地要推动一、二级医院改革。");
}

#[test]
fn dates_at_block_start_are_text() {
    let clauses =
        run(&["1.资金安排。中央财政支持。", "2019年1月1日起施行。", "2.工作要求。落实。"]);
    let got = paths_and_labels(&clauses);
    assert_eq!(got, [("1".into(), "1.".into()), ("2".into(), "2.".into())]);
    assert!(clause(&clauses, "1").text.ends_with("\n2019年1月1日起施行。"));
}

#[test]
fn decimals_and_section_numbers_are_not_item_one() {
    let clauses = run(&[
        "一、资金安排",
        "（一）中央资金。安排如下。",
        "1.5亿元用于补助。",
        "3.6.3 另行规定。",
    ]);
    let got = paths_and_labels(&clauses);
    assert_eq!(got, [("1.1".into(), "一（一）".into())]);
    assert_eq!(
        clause(&clauses, "1.1").text,
        "（一）中央资金。安排如下。\n1.5亿元用于补助。\n3.6.3 另行规定。"
    );
}

#[test]
fn paren_words_and_paren_romans_share_a_level_apart_from_paren_digits() {
    let clauses = run(&[
        "1. Content",
        "(I) First task. Text.",
        "(II) Second task. Text.",
        "(Three) Third task. Text.",
        "(1) Sub item. Text.",
        "(2) Sub item two. Text.",
        "(Four) Fourth task. Text.",
    ]);
    let labels: Vec<(String, String)> = paths_and_labels(&clauses);
    let expected = [
        ("1.1", "1.(I)"),
        ("1.2", "1.(II)"),
        ("1.3", "1.(Three)"),
        ("1.3.1", "1.(Three)(1)"),
        ("1.3.2", "1.(Three)(2)"),
        ("1.4", "1.(Four)"),
    ];
    let expected: Vec<(String, String)> =
        expected.iter().map(|(p, l)| (p.to_string(), l.to_string())).collect();
    assert_eq!(labels, expected);
}

#[test]
fn items_inside_an_article_stay_in_the_article() {
    let clauses = run(&[
        "第二条下列所得应当纳税：",
        "（一）工资、薪金所得；",
        "（二）劳务报酬所得。",
        "第三条税率如下。",
    ]);
    assert_eq!(paths_and_labels(&clauses).len(), 2);
    assert_eq!(
        clause(&clauses, "a2").text,
        "第二条下列所得应当纳税：\n（一）工资、薪金所得；\n（二）劳务报酬所得。"
    );
}

#[test]
fn bare_numbered_heading_is_a_heading_not_a_clause() {
    let clauses =
        run(&["一、总体要求", "（一）指导思想。坚持稳中求进。", "（二）基本原则。坚持问题导向。"]);
    assert!(clauses.iter().all(|c| c.path != "1"));
    assert_eq!(clause(&clauses, "1.2").headings, ["一、总体要求"]);
    assert_eq!(clause(&clauses, "1.2").label, "一（二）");
}

#[test]
fn numbered_title_with_text_is_a_clause_even_with_children() {
    let clauses =
        run(&["一、任务", "（一）基本原则。坚持稳中求进。", "1.细则。内容。", "2.细则。内容。"]);
    let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["1.1", "1.1.1", "1.1.2"]);
    assert_eq!(clause(&clauses, "1.1.2").headings, ["一、任务", "（一）基本原则"]);
    assert_eq!(clause(&clauses, "1.1.2").label, "一（一）2.");
}

#[test]
fn heading_with_its_own_paragraph_is_a_clause() {
    let clauses =
        run(&["一、指标体系", "指标体系由4个方面构成。", "（一）医疗质量。考核医疗安全。"]);
    assert_eq!(clause(&clauses, "1").text, "一、指标体系\n指标体系由4个方面构成。");
    assert_eq!(clause(&clauses, "1.1").headings, ["一、指标体系"]);
}

#[test]
fn unnumbered_paragraphs_join_the_clause_before_or_the_preamble() {
    let clauses = run(&[
        "国务院关于加强管理的意见",
        "各省、自治区、直辖市人民政府：",
        "一、总体要求。坚持。",
        "要认真落实。",
        "国务院",
        "2019年1月9日",
    ]);
    assert_eq!(
        paths_and_labels(&clauses),
        [("0".into(), "前言".into()), ("1".into(), "一".into())]
    );
    assert_eq!(
        clause(&clauses, "0").text,
        "国务院关于加强管理的意见\n各省、自治区、直辖市人民政府："
    );
    assert!(clause(&clauses, "1").text.ends_with("要认真落实。\n国务院\n2019年1月9日"));
}

#[test]
fn english_preamble_is_labelled_in_english() {
    let clauses = run(&[
        "The relevant work arrangements are notified as follows.",
        "1. Supporting content",
        "(I) Create projects. Explore.",
    ]);
    assert_eq!(clause(&clauses, "0").label, "Preamble");
}

#[test]
fn a_reports_long_prose_before_its_numbers_is_cut_at_its_titles() {
    let prose =
        "The government will take forward the recommendation to expand capacity. ".repeat(8);
    let mut texts = vec!["Contents"];
    for title in ["Foreword", "Building infrastructure", "AI Growth Zones", "Next steps"] {
        texts.push(title);
        texts.extend([prose.as_str(), prose.as_str()]);
    }
    texts.push("Recommendation 1 Set out a plan. | Agree. | Spring 2025");
    let clauses = run(&texts);
    let zones = clauses.iter().find(|c| c.headings == ["AI Growth Zones"]).expect("a titled part");
    assert!(zones.label.starts_with('¶'), "{}", zones.label);
    assert!(clauses.iter().all(|c| c.label != "Preamble"));
    assert_eq!(clause(&clauses, "a1").label, "Recommendation 1");
    // A short cover letter stays the preamble.
    let clauses =
        run(&["Dear colleagues,", "The plan follows.", "Recommendation 1 Set out a plan."]);
    assert_eq!(clause(&clauses, "0").label, "Preamble");
}

#[test]
fn titles_set_apart_head_chinese_clauses_only() {
    let zh = blocks(&[
        "普陀区司法局部门预算",
        "预算主管部门：普陀区司法局",
        "主要职能",
        "（一）贯彻执行法律。",
        "名词解释",
        "（一）财政拨款收入：是财政拨款。",
    ]);
    let clauses = tiaowen_segment::segment_with_titles(&zh, &[0, 2, 4]);
    // The document's own title, set apart at its start, opens the preamble.
    assert_eq!(clauses[0].label, "前言");
    assert_eq!(clauses[1].headings, ["主要职能"]);
    assert_eq!(clauses[2].headings, ["名词解释"]);
    assert_eq!(clauses[2].label, "（一）");
    // English documents find their titles in the text; the hint changes nothing.
    let en =
        blocks(&["Growth", "The plan grows the economy by investing in skills and in places."]);
    assert_eq!(tiaowen_segment::segment_with_titles(&en, &[0]), tiaowen_segment::segment(&en));
}

#[test]
fn unnumbered_document_is_cut_by_paragraph() {
    let long = "长".repeat(1600);
    let medium = "中".repeat(300);
    let clauses = run(&[&medium, &long, "短段落。", &medium]);
    let got = paths_and_labels(&clauses);
    let expected: Vec<(String, String)> =
        (1..=3).map(|n| (format!("p{n}"), format!("第{n}段"))).collect();
    assert_eq!(got, expected);
    // A long paragraph stands alone; a short one is grouped with the next.
    assert_eq!(clauses[1].text, long);
    assert_eq!(clauses[2].text, format!("短段落。\n{medium}"));
    assert!(clauses.iter().all(|c| c.text.chars().count() <= 1600));
}

#[test]
fn chapters_are_headings_and_not_path_components() {
    let clauses =
        run(&["第一章总则", "第一节一般规定", "第一条目的。", "第二章附则", "第二条施行。"]);
    assert_eq!(clause(&clauses, "a1").headings, ["第一章总则", "第一节一般规定"]);
    assert_eq!(clause(&clauses, "a2").headings, ["第二章附则"]);
}

#[test]
fn attachment_restarts_numbering_under_a_prefix() {
    let clauses =
        run(&["一、要求。落实。", "附件", "项目清单", "一、第一类。内容。", "二、第二类。内容。"]);
    let got = paths_and_labels(&clauses);
    let paths: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["1", "att1.p1", "att1.1", "att1.2"]);
    assert_eq!(clause(&clauses, "att1.1").headings, ["附件"]);
}

#[test]
fn restarted_numbering_gets_unique_paths() {
    let clauses = run(&["1.第一项。内容。", "2.第二项。内容。", "1.另一清单。内容。"]);
    let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["1", "2", "1~2"]);
}

#[test]
fn bilingual_articles_carry_both_languages() {
    let clauses = run(&[
        "第一章总纲",
        "Chapter I General Principles",
        "第一条中华人民共和国是社会主义国家。",
        "Article 1 The People's Republic of China is a socialist state.",
        "社会主义制度是根本制度。",
        "The socialist system is the fundamental system.",
    ]);
    let got = paths_and_labels(&clauses);
    assert_eq!(got, [("a1".into(), "第一条".into())]);
    let article = clause(&clauses, "a1");
    assert!(article
        .text
        .starts_with("第一条中华人民共和国是社会主义国家。\n社会主义制度是根本制度。"));
    assert!(article.text.ends_with("Article 1 The People's Republic of China is a socialist state.\nThe socialist system is the fundamental system."));
    assert_eq!(article.headings, ["第一章总纲", "Chapter I General Principles"]);
}

#[test]
fn out_of_sequence_number_is_text() {
    let clauses =
        run(&["一、任务", "（一）第一项。内容。", "3.不连续的编号。", "（二）第二项。内容。"]);
    let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["1.1", "1.2"]);
    assert!(clause(&clauses, "1.1").text.ends_with("3.不连续的编号。"));
}

#[test]
fn a_paragraph_after_a_list_of_entries_is_its_sections_text_again() {
    let clauses = run(&[
        "一、资金支持范围",
        "中央补助资金主要支持下列项目，具体内容包括：",
        "1.排水防涝设施等项目。",
        "2.雨洪行泄通道建设改造等。",
        "3.绿地建设、排水管网建设项目等。",
        "中央财政资金不得用于规划编制、人员经费等方面支出。",
        "二、监督检查",
    ]);
    assert_eq!(clause(&clauses, "1.3").text, "3.绿地建设、排水管网建设项目等。");
    let after = clause(&clauses, "1.p2");
    assert_eq!(after.label, "一第2段");
    assert_eq!(after.text, "中央财政资金不得用于规划编制、人员经费等方面支出。");
    assert_eq!(after.headings, ["一、资金支持范围"]);
    // A section that is only a heading introducing the list gives its path and label to
    // the text after it.
    let clauses = run(&[
        "一、工作目标",
        "力争三年见效。",
        "二、申报城市应当符合下列条件：",
        "（一）降雨量不低于400毫米。",
        "（二）债务风险低。",
        "不符合条件的城市不得申报。",
    ]);
    let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["1", "2.1", "2.2", "2"]);
    let after = clause(&clauses, "2");
    assert_eq!((after.label.as_str(), after.text.as_str()), ("二", "不符合条件的城市不得申报。"));
}

#[test]
fn a_paragraph_after_an_item_goes_on_with_it_unless_it_closes_a_list_of_entries() {
    // Items that are titles of their own paragraphs keep them.
    let clauses = run(&[
        "一、工作目标",
        "力争三年见效。",
        "二、资金安排",
        "安排如下。",
        "三、申报程序如下：",
        "（一）省级推荐。",
        "省级部门组织城市编制实施方案。",
        "（二）评审。",
        "专家进行书面评审。",
    ]);
    assert_eq!(clause(&clauses, "3.2").text, "（二）评审。\n专家进行书面评审。");
    // A paragraph the list's next entry follows is the entry's second paragraph.
    let clauses = run(&[
        "一、扩大高等学校管理权限，其主要内容是：",
        "（一）可以接受委托培养生。",
        "（二）可以安排使用核定的年度事业经费。",
        "举办函授取得的收入，按照国家有关规定安排使用。",
        "（三）可以调整专业的服务方向。",
    ]);
    assert_eq!(
        clause(&clauses, "1.2").text,
        "（二）可以安排使用核定的年度事业经费。\n举办函授取得的收入，按照国家有关规定安排使用。"
    );
    assert!(clauses.iter().all(|c| !c.path.contains(".p")), "{clauses:?}");
    // An entry ending with a colon keeps the paragraph it introduces.
    let clauses = run(&[
        "一、警衔晋级的批准权限如下：",
        "（一）正军职警官警衔晋级，由国务院总理批准。",
        "（二）副军职以下警官警衔晋级，按照以下规定批准：",
        "正团职警官晋升为上校的，由第一政治委员批准。",
    ]);
    assert!(clause(&clauses, "1.2")
        .text
        .ends_with("\n正团职警官晋升为上校的，由第一政治委员批准。"));
    // A list its section did not introduce with a colon is not read as entries.
    let clauses =
        run(&["一、目标", "（一）建成示范城市。", "（二）提升排涝能力。", "力争三年见效。"]);
    assert_eq!(clause(&clauses, "1.2").text, "（二）提升排涝能力。\n力争三年见效。");
}
