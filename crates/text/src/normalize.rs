//! Normalisation of extracted text.

use tiaowen_model::is_cjk;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Maps a Kangxi radical or CJK radical supplement character to the ordinary ideograph
/// it stands for (`⻔` → `门`); other characters come back unchanged.
///
/// PDF producers that embed Type3 or subset fonts often map glyphs to the radical code
/// points, which look the same but match nothing in a search.
pub fn fold_radical(c: char) -> char {
    // NFKC already maps the Kangxi radicals block (U+2F00..U+2FD5); the supplement
    // (U+2E80..U+2EF3) has no decomposition, so the common ones are listed here.
    match c {
        '⺁' => '厂',
        '⺇' => '几',
        '⺈' => '刀',
        '⺊' => '卜',
        '⺌' | '⺍' => '小',
        '⺎' => '兀',
        '⺏' => '尢',
        '⺐' => '尢',
        '⺑' => '尢',
        '⺒' => '巳',
        '⺓' => '幺',
        '⺔' => '彑',
        '⺕' => '彐',
        '⺖' => '忄',
        '⺗' => '心',
        '⺘' => '扌',
        '⺙' => '攵',
        '⺛' => '旡',
        '⺜' => '日',
        '⺝' => '月',
        '⺞' => '歺',
        '⺟' => '母',
        '⺠' => '民',
        '⺡' => '氵',
        '⺢' => '氺',
        '⺣' => '灬',
        '⺤' | '⺥' => '爫',
        '⺦' => '丬',
        '⺧' => '牛',
        '⺨' => '犭',
        '⺩' => '王',
        '⺪' => '疋',
        '⺫' => '罒',
        '⺬' => '示',
        '⺭' => '礻',
        '⺮' => '竹',
        '⺯' => '糸',
        '⺰' => '纟',
        '⺱' => '罓',
        '⺲' => '罒',
        '⺳' => '网',
        '⺴' | '⺵' => '网',
        '⺶' | '⺷' => '羊',
        '⺸' => '羊',
        '⺹' => '耂',
        '⺺' => '肀',
        '⺻' => '聿',
        '⺼' => '月',
        '⺽' => '臼',
        '⺾' | '⺿' | '⻀' => '艹',
        '⻁' => '虎',
        '⻂' => '衤',
        '⻃' | '⻄' => '西',
        '⻅' => '见',
        '⻆' => '角',
        '⻇' => '角',
        '⻈' => '讠',
        '⻉' => '贝',
        '⻊' => '足',
        '⻋' => '车',
        '⻌' | '⻍' | '⻎' => '辶',
        '⻏' | '⻖' => '阝',
        '⻐' => '金',
        '⻑' | '⻒' => '长',
        '⻓' => '长',
        '⻔' => '门',
        '⻗' => '雨',
        '⻘' => '青',
        '⻙' => '韦',
        '⻚' => '页',
        '⻛' => '风',
        '⻜' => '飞',
        '⻝' | '⻞' => '食',
        '⻟' => '饣',
        '⻠' => '饣',
        '⻢' => '马',
        '⻣' => '骨',
        '⻤' => '鬼',
        '⻥' => '鱼',
        '⻦' => '鸟',
        '⻧' => '卤',
        '⻨' => '麦',
        '⻩' => '黄',
        '⻪' => '黾',
        '⻫' => '齐',
        '⻬' => '齐',
        '⻭' => '齿',
        '⻮' => '齿',
        '⻯' => '龙',
        '⻰' => '龙',
        '⻱' => '龟',
        '⻲' | '⻳' => '龟',
        _ => c,
    }
}

/// Tells whether a character is Chinese text or Chinese punctuation, across which a
/// space carries no meaning.
fn is_cjk_or_punct(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32,
            0x3000..=0x303F   // CJK symbols and punctuation
            | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
            | 0x2018..=0x201F | 0x2014 | 0x2026 | 0x00B7)
        || matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！' | '（' | '）' | '《' | '》')
}

/// Bullets that open list items: `•`, `●`, `▪`, `◆`, `■`, `◦`.
const BULLETS: [char; 6] = ['•', '●', '▪', '◆', '■', '◦'];

/// Tells whether a line ends a sentence or opens a list: its last character (white space
/// aside) is a full stop, a semicolon, a colon, or an exclamation or question mark, in
/// either script.
pub fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['。', '；', '：', '！', '？', '.', ';', ':', '!', '?'])
}

/// Tells whether a line opens a list item with a bullet (`• Led by the Department…`).
pub fn starts_with_bullet(line: &str) -> bool {
    line.trim_start().starts_with(BULLETS)
}

/// Normalises one line: NFKC (full-width letters and digits become ASCII), radicals
/// folded, runs of white space collapsed to one space, spaces between two Chinese
/// characters (or a Chinese character and a digit) removed, and the ends trimmed.
///
/// Chinese punctuation that NFKC would turn into ASCII (`，` `（` `）` `：`) is kept
/// as written, so that clause labels such as `（一）` survive.
pub fn normalize_line(line: &str) -> String {
    let folded = fold_line(line);
    // Most lines hold no white space at all, and then there is nothing left to do.
    if !folded.contains(is_space) {
        return folded;
    }
    let mut out = String::with_capacity(folded.len());
    let mut chars = folded.chars().peekable();
    // The last character before the current run of spaces (runs are maximal, so it is
    // never a space itself).
    let mut before = None;
    while let Some(c) = chars.next() {
        if !is_space(c) {
            out.push(c);
            before = Some(c);
            continue;
        }
        while chars.next_if(|&n| is_space(n)).is_some() {}
        match (before, chars.peek().copied()) {
            // "第一条 在中国境内…", "第七章 赡养老人": the space after a label is kept.
            (Some(_), Some(a)) if is_cjk(a) && ends_with_numbered_label(&out) => out.push(' '),
            // Justified PDF text spaces out Chinese and the digits between them
            // ("500 万元", "第 3 页"); Chinese never separates them itself.
            (Some(b), Some(a))
                if (is_cjk_or_punct(b) || b.is_ascii_digit())
                    && (is_cjk_or_punct(a) || a.is_ascii_digit())
                    && !(b.is_ascii_digit() && a.is_ascii_digit()) => {}
            (Some(_), Some(_)) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Folds each character of a line (see [`normalize_line`]), copying the runs of
/// characters that stay as they are in one piece.
fn fold_line(line: &str) -> String {
    let mut folded = String::with_capacity(line.len());
    let mut unchanged_from = 0;
    for (at, c) in line.char_indices() {
        // ASCII and unified ideographs are their own NFKC form: skip the decomposition
        // tables for the characters that make up nearly all text.
        if c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
            continue;
        }
        // Circled numbers (①…⑳) mark list items; NFKC would turn them into bare digits.
        let kept = matches!(
            c,
            '，' | '（' | '）' | '：' | '；' | '！' | '？' | '〔' | '〕' | '\u{2460}'..='\u{2473}'
        );
        // Chinese punctuation (`。`, `、`, `《`, `“`) is its own NFKC form too; the quick
        // check says so from one table, without building a normalising iterator.
        if kept || (is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes && fold_radical(c) == c)
        {
            continue;
        }
        folded.push_str(&line[unchanged_from..at]);
        unchanged_from = at + c.len_utf8();
        if c == '　' {
            folded.push(' ');
            continue;
        }
        for n in std::iter::once(c).nfkc() {
            folded.push(fold_radical(n));
        }
    }
    folded.push_str(&line[unchanged_from..]);
    folded
}

/// Tells whether a character separates words without being text: white space and the
/// zero-width space and byte-order mark that web pages leave in.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// Tells whether `text` ends with a label such as `第二十二条` or `第七章`.
fn ends_with_numbered_label(text: &str) -> bool {
    let mut chars = text.chars().rev();
    if !matches!(chars.next(), Some('编' | '章' | '节' | '条')) {
        return false;
    }
    let mut numerals = 0;
    for c in chars {
        match c {
            '零'
            | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '0'..='9' => numerals += 1,
            '第' => return numerals > 0,
            _ => return false,
        }
    }
    false
}

/// Normalises a whole text line by line (see [`normalize_line`]), keeping line breaks
/// and dropping lines left empty.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = normalize_line(line);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_sentence_ends_and_bullets_in_both_scripts() {
        assert!(ends_sentence("现将有关事项通知如下："));
        assert!(ends_sentence("Cities shall apply.  "));
        assert!(!ends_sentence("Remove Red Tape and Onerous Regulation"));
        assert!(!ends_sentence("各地要加强资金管理，"));
        assert!(starts_with_bullet("  • Led by OMB"));
        assert!(!starts_with_bullet("1. Led by OMB"));
    }

    #[test]
    fn folds_full_width_and_radicals() {
        assert_eq!(normalize_line("ＡＢＣ１２３ ⻔⻅ x"), "ABC123门见 x");
    }

    #[test]
    fn keeps_chinese_punctuation_for_labels() {
        assert_eq!(normalize_line("（一）基本原则：坚持"), "（一）基本原则：坚持");
    }

    #[test]
    fn removes_spaces_between_chinese_only() {
        assert_eq!(normalize_line("预 算 管 理  and   more 2025 年"), "预算管理 and more 2025年");
        assert_eq!(normalize_line("金额 500 万元，第 3 页"), "金额500万元，第3页");
        assert_eq!(normalize_line("2019 2020 年 AI 技术"), "2019 2020年 AI 技术");
    }

    #[test]
    fn keeps_the_space_after_an_article_label() {
        assert_eq!(normalize_line("第二十二条 纳税人 赡养"), "第二十二条 纳税人赡养");
        assert_eq!(normalize_line("## 第七章  赡养老人"), "## 第七章 赡养老人");
        assert_eq!(normalize_line("次第 条款"), "次第条款");
    }

    #[test]
    fn lines_without_white_space_are_only_folded() {
        assert_eq!(
            normalize_line("第一条为了规范管理，制定本法。"),
            "第一条为了规范管理，制定本法。"
        );
        assert_eq!(normalize_line("ＡＩ⻔\u{200b}治理"), "AI门治理");
        assert_eq!(normalize_line("\u{feff}标题"), "标题");
        assert_eq!(normalize_line("总　则　ａ　b"), "总则 a b");
    }

    #[test]
    fn spacing_rules_hold_at_the_edges() {
        // Zero-width spaces count as space; digits keep the space between them; the space
        // after a label survives only before Chinese; leading and trailing space goes.
        assert_eq!(normalize_line(" 中\u{200b} 条 "), "中条");
        assert_eq!(normalize_line("1 \u{200b}1"), "1 1");
        assert_eq!(normalize_line("第三条 a"), "第三条 a");
        assert_eq!(normalize_line("第三条  中"), "第三条 中");
        assert_eq!(normalize_line("a ，1"), "a ，1");
        assert_eq!(normalize_line("a  a"), "a a");
    }

    #[test]
    fn folding_matches_nfkc_and_radicals_for_every_bmp_character() {
        for c in (0x80..0x1_0000).filter_map(char::from_u32) {
            if c.is_whitespace()
                || matches!(c, '\u{200b}' | '\u{feff}' | '，' | '（' | '）' | '：')
                || matches!(c, '；' | '！' | '？' | '〔' | '〕' | '\u{2460}'..='\u{2473}')
            {
                continue;
            }
            let expected: String = std::iter::once(c).nfkc().map(fold_radical).collect();
            if expected.contains(|e: char| e.is_whitespace() || e == '\u{200b}') {
                continue;
            }
            assert_eq!(normalize_line(&c.to_string()), expected.trim(), "{c:?}");
        }
    }

    #[test]
    fn keeps_circled_numbers() {
        assert_eq!(normalize_line("①申报材料"), "①申报材料");
    }

    #[test]
    fn drops_empty_lines() {
        assert_eq!(normalize_text("a\n\n  \n b "), "a\nb");
    }
}
