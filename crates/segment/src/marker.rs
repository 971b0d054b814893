//! Recognition of the number, heading or attachment mark a block starts with.
//!
//! Only the start of a block is looked at: a `一、` inside a sentence never counts.
//! Each recogniser here is one small function; to support a new numbering scheme, add
//! a [`Style`] (or a [`Marker`] variant), a recogniser below and a `test_marker!` case.

use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::Lang;

use tiaowen_text::parse_english_number;

use crate::numeral::{circled_value, parse_chinese, parse_roman};
use crate::outline::Style;

/// The rank of a structural heading: a smaller rank encloses a larger one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    /// 第X编, Part.
    Part,
    /// 第X分编.
    SubPart,
    /// 第X章, Chapter.
    Chapter,
    /// 第X节, Section.
    Section,
}

/// One reading of an outline number (`（二）`, `2.`, `(Two)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The numbering style.
    pub style: Style,
    /// The number's value (1 for `一`, `I`, `(a)`, `(One)`).
    pub value: u32,
    /// The number as it goes into a label: `二` for `二、`, `（五）`, `3.`, `(Two)`.
    pub token: String,
}

/// What a block starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A structural heading (第一章 总则, Chapter II): never a clause.
    Heading { rank: Rank, value: u32, lang: Lang },
    /// An article (第二十二条, 第十条之一, Article 18).
    Article { value: u32, sub: Option<u32>, label: String, lang: Lang },
    /// An outline number, with every reading that fits, most likely first.
    Outline(Vec<Candidate>),
    /// The start of an attachment (附件, 附件1：, Annex 2).
    Attachment { number: Option<u32> },
}

/// Longest heading or attachment line, in characters, read as a heading.
const MAX_HEADING_CHARS: usize = 60;
/// Longest English heading line, in characters, read as a heading.
const MAX_EN_HEADING_CHARS: usize = 120;
/// Largest value accepted for an Arabic item number (years are not item numbers).
const MAX_ARABIC_ITEM: u32 = 300;

/// Text that, right after `第X条` (or `第X章`), shows a sentence citing an article
/// (`第三十一条的规定`, `第五条、第六条`) rather than the article itself. Normalised text
/// has lost the space after the number, so this list is what tells the two apart; it
/// is kept narrow because real articles start with almost any character (有, 对, 中,
/// 以 ... all open articles in the laws of the corpus).
const ARTICLE_CITATION_FOLLOWERS: &[&str] = &[
    "的",
    "、",
    "，",
    "。",
    "；",
    "：",
    ",",
    ";",
    ":",
    "至",
    "和",
    "或",
    "及",
    "款",
    "项",
    "第",
    "之",
    ")",
    "）",
    "》",
    "”",
    "规定",
    "所称",
    "所列",
    "所规定",
    "所述",
    "中规定",
    "中的",
    "以外",
    "以下",
    "以上",
    "以及",
];

static ZH_STRUCTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第([零〇一二三四五六七八九十百千两]+)(分编|编|章|节)\s*").expect("static regex")
});
static ZH_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第([零〇一二三四五六七八九十百千两]+)条(?:之([一二三四五六七八九十]+))?")
        .expect("static regex")
});
static EN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Article|ARTICLE|Recommendation)\s+(\d{1,4})(?:-(\d{1,2}))?(?:\s|$|[.:])")
        .expect("static regex")
});
static EN_STRUCTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Part|PART|Chapter|CHAPTER|Section|SECTION)\s+([IVXLC]+|\d{1,3}|[A-Z][a-z]+)(?:\s|$|[.:])")
        .expect("static regex")
});
static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:附件|附表|Annex|ANNEX|Attachment|Appendix)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?",
    )
    .expect("static regex")
});
static ZH_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十百]+)[、.]").expect("static regex"));
static ZH_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]([一二三四五六七八九十百]+)[）)]").expect("static regex"));
static ARABIC_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})[.、]").expect("static regex"));
static ARABIC_PAREN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(](\d{1,3})[）)]").expect("static regex"));
static ROMAN_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]{1,7})\.").expect("static regex"));
static PAREN_ROMAN_UPPER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]([IVXLC]{1,7})[）)]").expect("static regex"));
static PAREN_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(]([A-Z][a-z]+(?:[- ][A-Za-z][a-z]+)?)[）)]").expect("static regex")
});
static PAREN_LOWER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[（(]([a-z]{1,6})[）)]").expect("static regex"));

/// Tells whether a block starts with a character that can open an outline number: the
/// patterns below all fail on the others, and most blocks are plain sentences, for which
/// this one look saves a dozen pattern searches.
fn may_start_outline_number(block: &str) -> bool {
    block.chars().next().is_some_and(|c| {
        ZH_NUMERALS.contains(&c)
            || matches!(c, '（' | '(' | 'I' | 'V' | 'X' | 'L' | 'C')
            || c.is_numeric()
            || circled_value(c).is_some()
    })
}

/// The numerals that open `一、` (the class of [`ZH_COMMA`]).
const ZH_NUMERALS: [char; 11] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百'];

/// A run of leaders at the end of a line of a table of contents, with or without the
/// page number (`一、部门主要职能 ……………… 3`, `Next steps ________ 7`).
static CONTENTS_LEADERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:[.．·…_]\s*){4,}\d{0,4}\s*$").expect("static regex"));

/// Tells whether a block is a line of a table of contents: it names a part, it does not
/// open it.
fn is_contents_line(block: &str) -> bool {
    CONTENTS_LEADERS.is_match(block)
}

/// Recognises the mark a block starts with, or `None` for plain text (and for a line of
/// a table of contents, whose number is the part's it names).
pub(crate) fn recognise(block: &str) -> Option<Marker> {
    if is_contents_line(block) {
        return None;
    }
    if let Some(marker) = attachment(block) {
        return Some(marker);
    }
    if let Some(marker) = zh_structure(block).or_else(|| en_structure(block)) {
        return Some(marker);
    }
    if let Some(marker) = zh_article(block).or_else(|| en_article(block)) {
        return Some(marker);
    }
    let candidates = outline_candidates(block);
    (!candidates.is_empty()).then_some(Marker::Outline(candidates))
}

/// Returns the byte length of the outline number a block starts with, if any.
pub(crate) fn outline_number_len(block: &str) -> usize {
    if !may_start_outline_number(block) {
        return 0;
    }
    let patterns: [&Regex; 8] = [
        &ZH_COMMA,
        &ZH_PAREN,
        &ARABIC_DOT,
        &ARABIC_PAREN,
        &ROMAN_DOT,
        &PAREN_ROMAN_UPPER,
        &PAREN_WORD,
        &PAREN_LOWER,
    ];
    for pattern in patterns {
        if let Some(found) = pattern.find(block) {
            return found.end();
        }
    }
    block.chars().next().filter(|c| circled_value(*c).is_some()).map_or(0, char::len_utf8)
}

/// Recognises `第一章 总则`, `第二节…`, `第一编…`, `第一分编…` as a short heading line.
fn zh_structure(block: &str) -> Option<Marker> {
    if !block.starts_with('第') {
        return None;
    }
    let caps = ZH_STRUCTURE.captures(block)?;
    let value = parse_chinese(caps.get(1)?.as_str())?;
    let rest = &block[caps.get(0)?.end()..];
    let cites = ARTICLE_CITATION_FOLLOWERS.iter().any(|follower| rest.starts_with(follower));
    if !is_heading_line(rest, MAX_HEADING_CHARS) || cites {
        return None;
    }
    let rank = match caps.get(2)?.as_str() {
        "编" => Rank::Part,
        "分编" => Rank::SubPart,
        "章" => Rank::Chapter,
        _ => Rank::Section,
    };
    Some(Marker::Heading { rank, value, lang: Lang::Zh })
}

/// Recognises `Chapter II General Principles`, `Section 1 …`, `Part One`.
fn en_structure(block: &str) -> Option<Marker> {
    if !block.starts_with(['P', 'C', 'S']) {
        return None;
    }
    let caps = EN_STRUCTURE.captures(block)?;
    let number = caps.get(2)?.as_str();
    let value = number
        .parse::<u32>()
        .ok()
        .or_else(|| parse_roman(number))
        .or_else(|| parse_english_number(number))?;
    let rest = &block[caps.get(0)?.end()..];
    if !is_heading_line(rest, MAX_EN_HEADING_CHARS) || rest.trim_end().ends_with('.') {
        return None;
    }
    let rank = match caps.get(1)?.as_str().to_ascii_lowercase().as_str() {
        "part" => Rank::Part,
        "chapter" => Rank::Chapter,
        _ => Rank::Section,
    };
    Some(Marker::Heading { rank, value, lang: Lang::En })
}

/// Tells whether the text after a heading number is short enough to be a title.
fn is_heading_line(rest: &str, max_chars: usize) -> bool {
    rest.chars().count() <= max_chars && !rest.contains(['。', '；', '，'])
}

/// Recognises `第二十二条…` and `第十条之一…`, but not a sentence citing an article.
fn zh_article(block: &str) -> Option<Marker> {
    if !block.starts_with('第') {
        return None;
    }
    let caps = ZH_ARTICLE.captures(block)?;
    let value = parse_chinese(caps.get(1)?.as_str())?;
    let sub = match caps.get(2) {
        Some(sub) => Some(parse_chinese(sub.as_str())?),
        None => None,
    };
    let label_end = caps.get(0)?.end();
    let after = block[label_end..].trim_start();
    if ARTICLE_CITATION_FOLLOWERS.iter().any(|follower| after.starts_with(follower)) {
        return None;
    }
    let label = block[..label_end].to_string();
    Some(Marker::Article { value, sub, label, lang: Lang::Zh })
}

/// Recognises `Article 18 …`, and `Recommendation 23 …` (a report's recommendations, or
/// a government's response to them, are numbered and cited so).
fn en_article(block: &str) -> Option<Marker> {
    if !block.starts_with(['A', 'R']) {
        return None;
    }
    let caps = EN_ARTICLE.captures(block)?;
    let value = caps.get(1)?.as_str().parse().ok()?;
    let sub = match caps.get(2) {
        Some(sub) => Some(sub.as_str().parse().ok()?),
        None => None,
    };
    let label = block[..caps.get(0)?.end()].trim_end_matches([' ', '.', ':']).to_string();
    Some(Marker::Article { value, sub, label, lang: Lang::En })
}

/// Recognises a short `附件`, `附件1：…`, `Annex 2` line that opens an attachment.
fn attachment(block: &str) -> Option<Marker> {
    if !block.starts_with(['附', 'A']) {
        return None;
    }
    let caps = ATTACHMENT.captures(block)?;
    if block.chars().count() > MAX_HEADING_CHARS || block.ends_with(['。', '；']) {
        return None;
    }
    let number = caps.get(1).map(|m| m.as_str());
    let rest = &block[caps.get(0)?.end()..];
    // Without a number, the word must stand alone or introduce a title: "附件中所列…"
    // is a sentence.
    if number.is_none() && !(rest.is_empty() || rest.starts_with([':', '：', ' '])) {
        return None;
    }
    if rest.trim_start().starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let number = number.and_then(|n| n.parse().ok().or_else(|| parse_chinese(n)));
    Some(Marker::Attachment { number })
}

/// Collects every outline reading of the number a block starts with.
fn outline_candidates(block: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    if !may_start_outline_number(block) {
        return found;
    }
    if let Some(caps) = ZH_COMMA.captures(block) {
        push(&mut found, Style::ZhComma, parse_chinese(&caps[1]), caps[1].to_string());
    }
    if let Some(caps) = ZH_PAREN.captures(block) {
        push(&mut found, Style::ZhParen, parse_chinese(&caps[1]), caps[0].to_string());
    }
    if let Some(caps) = ARABIC_DOT.captures(block) {
        let end = caps.get(0).map_or(0, |m| m.end());
        // "1.5亿元", "3.6.3" and "2019.1" are numbers, not items.
        let next_is_digit = block[end..].starts_with(|c: char| c.is_ascii_digit());
        if !next_is_digit {
            let value = caps[1].parse().ok().filter(|v| *v <= MAX_ARABIC_ITEM);
            push(&mut found, Style::ArabicDot, value, format!("{}.", &caps[1]));
        }
    }
    if let Some(caps) = ARABIC_PAREN.captures(block) {
        let value = caps[1].parse().ok().filter(|v| *v <= MAX_ARABIC_ITEM);
        push(&mut found, Style::ArabicParen, value, caps[0].to_string());
    }
    if let Some(caps) = ROMAN_DOT.captures(block) {
        let end = caps.get(0).map_or(0, |m| m.end());
        let next = block[end..].chars().next();
        if !next.is_some_and(|c| c.is_ascii_digit() || c.is_ascii_lowercase() || c == '.') {
            push(&mut found, Style::RomanDot, parse_roman(&caps[1]), caps[0].to_string());
        }
    }
    paren_word_candidates(block, &mut found);
    if let Some(value) = block.chars().next().and_then(circled_value) {
        let token = block.chars().take(1).collect();
        push(&mut found, Style::Circled, Some(value), token);
    }
    found
}

/// Collects the readings of `(Two)`, `(II)`, `(a)` and `(iv)`.
fn paren_word_candidates(block: &str, found: &mut Vec<Candidate>) {
    if let Some(caps) = PAREN_ROMAN_UPPER.captures(block) {
        push(found, Style::ParenWord, parse_roman(&caps[1]), caps[0].to_string());
    }
    if let Some(caps) = PAREN_WORD.captures(block) {
        push(found, Style::ParenWord, parse_english_number(&caps[1]), caps[0].to_string());
    }
    if let Some(caps) = PAREN_LOWER.captures(block) {
        let letters = &caps[1];
        let mut chars = letters.chars();
        if let (Some(letter), None) = (chars.next(), chars.next()) {
            let value = letter as u32 - 'a' as u32 + 1;
            push(found, Style::ParenLetter, Some(value), caps[0].to_string());
        }
        push(found, Style::ParenRomanLower, parse_roman(letters), caps[0].to_string());
    }
}

/// Adds a reading when its value parsed.
fn push(found: &mut Vec<Candidate>, style: Style, value: Option<u32>, token: String) {
    if let Some(value) = value.filter(|v| *v > 0) {
        found.push(Candidate { style, value, token });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the first outline reading of each block: `(block, Some((style, value)))`.
    macro_rules! test_marker {
        ($name:ident, $(($text:expr, $expected:expr)),+ $(,)?) => {
            #[test]
            fn $name() {
                $(
                    let got = match recognise($text) {
                        Some(Marker::Outline(candidates)) => {
                            candidates.first().map(|c| (c.style, c.value, c.token.clone()))
                        }
                        _ => None,
                    };
                    let expected: Option<(Style, u32, &str)> = $expected;
                    assert_eq!(
                        got,
                        expected.map(|(s, v, t)| (s, v, t.to_string())),
                        "block {:?}",
                        $text
                    );
                )+
            }
        };
    }

    test_marker!(
        chinese_outline,
        ("一、总体要求", Some((Style::ZhComma, 1, "一"))),
        ("十二.加强领导", Some((Style::ZhComma, 12, "十二"))),
        ("（五）基本原则。坚持", Some((Style::ZhParen, 5, "（五）"))),
        ("(三)半角括号", Some((Style::ZhParen, 3, "(三)"))),
        ("3.拓展市场", Some((Style::ArabicDot, 3, "3."))),
        ("3、拓展市场", Some((Style::ArabicDot, 3, "3."))),
        ("（12）项目", Some((Style::ArabicParen, 12, "（12）"))),
        ("②第二项", Some((Style::Circled, 2, "②"))),
    );

    test_marker!(
        english_outline,
        ("II. Work Requirements", Some((Style::RomanDot, 2, "II."))),
        ("(Two) support the overall", Some((Style::ParenWord, 2, "(Two)"))),
        ("(I)Focus on key industries.", Some((Style::ParenWord, 1, "(I)"))),
        ("(Seventeen) Strengthen", Some((Style::ParenWord, 17, "(Seventeen)"))),
        ("(2) Continuously optimize", Some((Style::ArabicParen, 2, "(2)"))),
        ("(b) the second", Some((Style::ParenLetter, 2, "(b)"))),
        ("(iv) the fourth", Some((Style::ParenRomanLower, 4, "(iv)"))),
    );

    test_marker!(
        not_numbers,
        ("1.5亿元用于补助", None),
        ("3.6.3 小节", None),
        ("2019年1月1日起施行", None),
        ("2019.1.1", None),
        ("各省、自治区、直辖市：一、二级医院", None),
        ("I.e. this is not a number", None),
        ("(see Annex 1)", None),
        ("(此件公开发布)", None),
        ("2025年", None),
    );

    #[test]
    fn reads_both_meanings_of_paren_i() {
        let Some(Marker::Outline(candidates)) = recognise("(i) first") else {
            panic!("expected an outline number");
        };
        let readings: Vec<_> = candidates.iter().map(|c| (c.style, c.value)).collect();
        assert_eq!(readings, vec![(Style::ParenLetter, 9), (Style::ParenRomanLower, 1)]);
    }

    #[test]
    fn the_first_character_checks_let_every_mark_through() {
        let patterns: [&Regex; 13] = [
            &ZH_STRUCTURE,
            &ZH_ARTICLE,
            &EN_ARTICLE,
            &EN_STRUCTURE,
            &ATTACHMENT,
            &ZH_COMMA,
            &ZH_PAREN,
            &ARABIC_DOT,
            &ARABIC_PAREN,
            &ROMAN_DOT,
            &PAREN_ROMAN_UPPER,
            &PAREN_WORD,
            &PAREN_LOWER,
        ];
        let blocks = [
            "一、总则",
            "百、",
            "（二）加强管理",
            "(3) 条件",
            "12. 事项",
            "１２、全角",
            "IV. Scope",
            "(Two) items",
            "(iv) rules",
            "Chapter II General",
            "Section 3 Terms",
            "Part One",
            "Article 18 Scope",
            "Annex 2",
            "附表1",
            "第三章 附则",
            "第十条之一 内容",
        ];
        for block in blocks {
            assert!(patterns.iter().any(|p| p.is_match(block)), "{block} is a mark");
            assert!(recognise(block).is_some() || outline_number_len(block) > 0, "{block}");
        }
        assert!(recognise("本法自公布之日起施行。").is_none());
        assert!(!may_start_outline_number("本法自公布之日起施行。"));
        assert_eq!(outline_number_len("各地要加强管理。"), 0);
    }

    #[test]
    fn recognises_articles() {
        let article = |text| match recognise(text) {
            Some(Marker::Article { value, sub, label, lang }) => Some((value, sub, label, lang)),
            _ => None,
        };
        assert_eq!(
            article("第二十二条本法自公布之日起施行。"),
            Some((22, None, "第二十二条".to_string(), Lang::Zh))
        );
        assert_eq!(
            article("第一百二十三条 罚款"),
            Some((123, None, "第一百二十三条".to_string(), Lang::Zh))
        );
        assert_eq!(
            article("第十条之一国家建立"),
            Some((10, Some(1), "第十条之一".to_string(), Lang::Zh))
        );
        assert_eq!(
            article("Article 18 The People's Republic"),
            Some((18, None, "Article 18".to_string(), Lang::En))
        );
        assert_eq!(article("第三十一条的规定适用于"), None);
        assert_eq!(article("第五条、第六条规定"), None);
        assert_eq!(article("第四条规定的期限"), None);
        assert_eq!(article("第四条 规定的期限"), None);
        assert_eq!(
            article("第五条有下列情形之一的，可以减征"),
            Some((5, None, "第五条".to_string(), Lang::Zh))
        );
        assert_eq!(
            article("第十七条对储蓄存款利息所得"),
            Some((17, None, "第十七条".to_string(), Lang::Zh))
        );
        assert_eq!(article("Articles 3 and 4"), None);
        assert_eq!(
            article("Recommendation 23 Continue to support"),
            Some((23, None, "Recommendation 23".to_string(), Lang::En))
        );
        assert_eq!(article("Recommendation Response Delivery"), None);
        // A line of a table of contents names a part; it does not open it.
        assert!(recognise("一、部门主要职能 ……………………………………").is_none());
        assert!(recognise("1. 2026年部门财务收支预算总表 ............ 5").is_none());
        assert!(recognise("Chapter 2 Growth ________ 7").is_none());
        assert!(recognise("一、部门主要职能").is_some());
        assert_eq!(article("Recommended Policy Actions"), None);
    }

    #[test]
    fn recognises_structural_headings() {
        let heading = |text| match recognise(text) {
            Some(Marker::Heading { rank, value, lang }) => Some((rank, value, lang)),
            _ => None,
        };
        assert_eq!(heading("第一章总则"), Some((Rank::Chapter, 1, Lang::Zh)));
        assert_eq!(heading("第二节 工业污染防治"), Some((Rank::Section, 2, Lang::Zh)));
        assert_eq!(heading("第三编合同"), Some((Rank::Part, 3, Lang::Zh)));
        assert_eq!(heading("第一分编通则"), Some((Rank::SubPart, 1, Lang::Zh)));
        assert_eq!(heading("Chapter II The State"), Some((Rank::Chapter, 2, Lang::En)));
        assert_eq!(heading("Section 3 The State Council"), Some((Rank::Section, 3, Lang::En)));
        assert_eq!(heading("第二章规定的事项，由国务院规定。"), None);
        assert_eq!(heading("第二章的规定"), None);
        assert_eq!(heading("第二节中华人民共和国主席"), Some((Rank::Section, 2, Lang::Zh)));
        assert_eq!(
            heading(
                "Chapter IV The National Flag, National Anthem, National Emblem and the Capital"
            ),
            Some((Rank::Chapter, 4, Lang::En))
        );
        assert_eq!(heading("Chapter II of this law applies."), None);
    }

    #[test]
    fn recognises_attachments() {
        let attachment = |text| match recognise(text) {
            Some(Marker::Attachment { number }) => Some(number),
            _ => None,
        };
        assert_eq!(attachment("附件"), Some(None));
        assert_eq!(attachment("附件：三级公立医院绩效考核指标"), Some(None));
        assert_eq!(attachment("附件1.示范城市申报条件情况表"), Some(Some(1)));
        assert_eq!(attachment("附件二：项目清单"), Some(Some(2)));
        assert_eq!(attachment("Annex 2"), Some(Some(2)));
        assert_eq!(attachment("附件中所列项目按规定执行。"), None);
        assert_eq!(attachment("Annex 1 lists the industries concerned in detail."), None);
    }

    #[test]
    fn measures_outline_numbers() {
        assert_eq!(outline_number_len("（一）基本原则"), "（一）".len());
        assert_eq!(outline_number_len("II. Work"), 3);
        assert_eq!(outline_number_len("①项"), '①'.len_utf8());
        assert_eq!(outline_number_len("正文"), 0);
    }
}
