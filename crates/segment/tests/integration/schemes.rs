//! One table of `(blocks, expected (path, label) pairs)` per numbering scheme.

use tiaowen_segment::segment;

use crate::{blocks, paths_and_labels};

/// Segments each block list and compares the `(path, label)` of every clause.
macro_rules! test_segmenter {
    ($name:ident, $(($text:expr, $expected:expr)),+ $(,)?) => {
        #[test]
        fn $name() {
            $(
                let input: &[&str] = &$text;
                let expected: &[(&str, &str)] = &$expected;
                let got = paths_and_labels(&segment(&blocks(input)));
                let expected: Vec<(String, String)> = expected
                    .iter()
                    .map(|(path, label)| (path.to_string(), label.to_string()))
                    .collect();
                assert_eq!(got, expected, "blocks {input:?}");
            )+
        }
    };
}

test_segmenter!(
    chinese_articles,
    (
        [
            "第一条为了规范管理，制定本法。",
            "第二条本法适用于全国。",
            "第二十二条本法自公布之日起施行。"
        ],
        [("a1", "第一条"), ("a2", "第二条"), ("a22", "第二十二条")]
    ),
    (
        ["第十条国家建立制度。", "第十条之一国家建立补充制度。", "第一百二十三条罚则。"],
        [("a10", "第十条"), ("a10-1", "第十条之一"), ("a123", "第一百二十三条")]
    ),
    (
        ["第一章总则", "第一条目的。", "第二章附则", "第二条施行。"],
        [("a1", "第一条"), ("a2", "第二条")]
    ),
);

test_segmenter!(
    chinese_outline,
    (
        [
            "一、总体要求",
            "（一）指导思想。坚持稳中求进。",
            "（二）基本原则。坚持问题导向。",
            "二、主要任务",
            "（一）加强监管。要求严格。"
        ],
        [("1.1", "一（一）"), ("1.2", "一（二）"), ("2.1", "二（一）")]
    ),
    (
        ["二、主要任务", "（五）实施保障。", "1.加强领导。要有力。", "2.强化考核。要严格。"],
        // A first number that is not 1 starts nothing: "二、" and "（五）" are text.
        [("0", "前言"), ("1", "1."), ("2", "2.")]
    ),
    (
        [
            "一、任务",
            "（一）统筹两个市场。",
            "1.拓展市场。积极稳妥。",
            "2.提前适用。可以享受。",
            "（二）推动创新。",
            "3.促进研发。免于提交。"
        ],
        [("1.1.1", "一（一）1."), ("1.1.2", "一（一）2."), ("1.2.3", "一（二）3.")]
    ),
    (["一.总体要求。坚持。", "二.工作任务。落实。"], [("1", "一"), ("2", "二")]),
    (
        ["（一）第一项。内容。", "(二)第二项。内容。", "（1）细项。内容。", "(2)细项。内容。"],
        [("1", "（一）"), ("2", "(二)"), ("2.1", "(二)（1）"), ("2.2", "(二)(2)")]
    ),
    (
        ["1、第一项内容。", "2、第二项内容。", "①子项内容。", "②子项内容。"],
        // "2、第二项内容。" is a bare title with children: a heading, not a clause.
        [("1", "1."), ("2.1", "2.①"), ("2.2", "2.②")]
    ),
);

test_segmenter!(
    english_outline,
    (
        [
            "I. Overall Requirements",
            "(1) Guiding thought. Adhere to it.",
            "(2) Principles. Keep them.",
            "II. Tasks",
            "(3) Strengthen supervision. Do it."
        ],
        [("1.1", "I.(1)"), ("1.2", "I.(2)"), ("2.3", "II.(3)")]
    ),
    (
        [
            "1. Supporting content",
            "(I) Create a project. Explore.",
            "(Two) support the chain. Support.",
            "II. Work Requirements",
            "(I)Focus on industries. Apply.",
            "(Two) strengthen policy. Coordinate."
        ],
        [("1.1", "1.(I)"), ("1.2", "1.(Two)"), ("2.1", "II.(I)"), ("2.2", "II.(Two)")]
    ),
    (
        [
            "Article 1 This law is enacted.",
            "Article 2 It applies to all.",
            "(a) the first case;",
            "(b) the second case."
        ],
        [("a1", "Article 1"), ("a2", "Article 2")]
    ),
    (
        [
            "(a) first item text.",
            "(b) second item. Text follows.",
            "(i) sub item text.",
            "(ii) another sub item."
        ],
        [("1", "(a)"), ("2", "(b)"), ("2.1", "(b)(i)"), ("2.2", "(b)(ii)")]
    ),
);

test_segmenter!(
    unnumbered_documents,
    (
        ["新华社北京电 今天召开会议。", "会议强调要加强监管。"],
        [("p1", "第1段")]
    ),
    (
        [
            "By CHEN Chunyou",
            "China will launch a pilot program for technological transformation in manufacturing cities, according to a notice issued by the Ministry of Finance and the Ministry of Industry and Information Technology on Thursday in Beijing.",
            "The notice emphasizes the pivotal role of central fiscal funds in catalyzing the technological transformation.",
        ],
        // The byline is too short to stand alone and joins the first paragraph.
        [("p1", "¶1"), ("p2", "¶2")]
    ),
);

test_segmenter!(
    attachments,
    (
        [
            "一、总体要求。坚持。",
            "二、主要任务。落实。",
            "附件1：项目清单",
            "一、第一类项目。内容。",
            "附件2：申报表",
            "填表说明"
        ],
        [("1", "一"), ("2", "二"), ("att1.1", "一"), ("att2.p1", "第1段")]
    ),
);
