//! Property checks: no text is lost or duplicated, paths are unique, output is
//! deterministic, whatever mix of numbers and text the blocks hold.

use std::collections::HashSet;

use proptest::prelude::*;
use tiaowen_segment::segment;

/// Openings a block may start with: every numbering scheme plus look-alikes.
const OPENINGS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "十、",
    "（一）",
    "（二）",
    "（三）",
    "(一)",
    "1.",
    "2.",
    "3.",
    "1、",
    "（1）",
    "(2)",
    "①",
    "②",
    "第一条",
    "第二条",
    "第十条之一",
    "第一章",
    "第二节",
    "I. ",
    "II. ",
    "(I) ",
    "(Two) ",
    "(Three) ",
    "(a) ",
    "(b) ",
    "(i) ",
    "Article 1 ",
    "Article 2 ",
    "Chapter II ",
    "附件",
    "附件1：",
    "Annex 2",
    "1.5亿元",
    "2019年",
    "3.6.3 ",
    "",
    "",
    "",
];

/// Text a block may continue with.
const BODIES: &[&str] = &[
    "总体要求",
    "基本原则。坚持稳中求进。",
    "加强组织领导，落实责任",
    "Work Requirements",
    "support the overall digital transformation. Support chain owners.",
    "",
    "本法自公布之日起施行。",
];

/// A block: an opening, a body, and a tag that makes it unique so it can be traced.
fn block_strategy() -> impl Strategy<Value = (usize, usize)> {
    (0..OPENINGS.len(), 0..BODIES.len())
}

fn build_blocks(choices: &[(usize, usize)]) -> Vec<String> {
    choices
        .iter()
        .enumerate()
        .map(|(index, (opening, body))| {
            format!("{}{}〔{index}〕", OPENINGS[*opening], BODIES[*body])
        })
        .collect()
}

proptest! {
    #[test]
    fn every_block_lands_in_exactly_one_clause_or_a_heading(
        choices in prop::collection::vec(block_strategy(), 0..40)
    ) {
        let blocks = build_blocks(&choices);
        let clauses = segment(&blocks);
        for (index, block) in blocks.iter().enumerate() {
            let tag = format!("〔{index}〕");
            let in_text = clauses
                .iter()
                .filter(|c| c.text.split('\n').any(|line| line.contains(&tag)))
                .count();
            let in_heading = clauses.iter().any(|c| c.headings.iter().any(|h| h.contains(&tag)));
            prop_assert!(
                in_text == 1 || (in_text == 0 && in_heading),
                "block {index} {block:?}: in {in_text} texts, heading {in_heading}; clauses {clauses:#?}"
            );
            if in_text == 1 {
                let holder = clauses.iter().find(|c| c.text.contains(&tag));
                prop_assert!(holder.is_some_and(|c| c.text.split('\n').any(|line| line == block)));
            }
        }
    }

    #[test]
    fn paths_are_unique_and_output_is_deterministic(
        choices in prop::collection::vec(block_strategy(), 0..40)
    ) {
        let blocks = build_blocks(&choices);
        let first = segment(&blocks);
        let mut seen = HashSet::new();
        for clause in &first {
            prop_assert!(seen.insert(clause.path.clone()), "duplicate path {}", clause.path);
            prop_assert!(!clause.text.is_empty());
            prop_assert!(!clause.label.is_empty());
        }
        prop_assert_eq!(first, segment(&blocks));
    }

    #[test]
    fn arbitrary_text_never_panics(blocks in prop::collection::vec(".{0,40}", 0..20)) {
        let clauses = segment(&blocks);
        let non_empty = blocks.iter().any(|b| !b.trim().is_empty());
        prop_assert_eq!(clauses.is_empty(), !non_empty);
    }
}
