//! The lead phrase of a numbered item: in policy documents an item often opens with its
//! own short title, `（五）规范资金使用。` or `(5) Standardize the use of funds.`, which says
//! what the item is about better than any word further on. It is indexed with the
//! headings, so that an item titled by a query word ranks above a passage (a preamble,
//! a list of topics) that merely mentions it.

/// Longest Chinese lead phrase, in characters.
const MAX_ZH_CHARS: usize = 12;
/// Longest Chinese lead that is a line of its own (a heading kept inside the clause),
/// in characters: a line is a title by its layout, so it may be longer.
const MAX_ZH_LINE_CHARS: usize = 24;
/// Longest English lead phrase, in words.
const MAX_EN_WORDS: usize = 10;
/// Least text, in characters, that must follow the lead: a clause that is one short
/// sentence has no lead, it is all body.
const MIN_BODY_CHARS: usize = 12;

/// Returns the lead phrase of a clause text: after its number (`（五）`, `二、`, `(5)`,
/// `II.`), the words up to the first `。`, `：` or `:` (or `. ` in English), or the first
/// line when it ends without one, when they are short and more text follows.
pub(crate) fn lead_phrase(text: &str) -> Option<&str> {
    let rest = skip_number(text.trim_start())?.trim_start();
    let (end, after) = rest.char_indices().find_map(|(at, c)| match c {
        '。' | '：' | ':' | '；' | '\n' => Some((at, at + c.len_utf8())),
        '.' if rest[at + 1..].starts_with([' ', '\n']) => Some((at, at + 1)),
        _ => None,
    })?;
    let line = rest[end..].starts_with('\n');
    let lead = rest[..end].trim();
    let body = rest[after..].trim();
    if lead.is_empty() || body.chars().count() < MIN_BODY_CHARS {
        return None;
    }
    let cjk = lead.chars().filter(|&c| tiaowen_model::is_cjk(c)).count();
    let short = if cjk > 0 {
        lead.chars().count() <= if line { MAX_ZH_LINE_CHARS } else { MAX_ZH_CHARS }
    } else {
        lead.split_whitespace().count() <= MAX_EN_WORDS
    };
    short.then_some(lead)
}

/// Skips the item number at the start of a text; `None` when there is none.
fn skip_number(text: &str) -> Option<&str> {
    const MAX_NUMBER_CHARS: usize = 8;
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if first == '（' || first == '(' {
        let close = if first == '（' { '）' } else { ')' };
        return chars
            .take(MAX_NUMBER_CHARS)
            .find(|&(_, c)| c == close || c == '）' || c == ')')
            .map(|(at, c)| &text[at + c.len_utf8()..]);
    }
    // `二、`, `3、`, `3．`, `II.`, `3.`: a short run of numerals and a separator.
    for (at, c) in text.char_indices().take(MAX_NUMBER_CHARS) {
        match c {
            '、' | '．' | '.' if at > 0 => return Some(&text[at + c.len_utf8()..]),
            c if is_numeral(c) => continue,
            _ => return None,
        }
    }
    None
}

/// Tells whether a character is part of an item number: digits, Chinese numerals,
/// Roman numerals.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇IVXLivxl".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_with_a_title_give_it() {
        assert_eq!(
            lead_phrase("（四）大力发展职业赛事。着力发展足球、篮球、排球、乒乓球等职业联赛"),
            Some("大力发展职业赛事")
        );
        assert_eq!(
            lead_phrase("二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）上班。"),
            Some("春节")
        );
        assert_eq!(
            lead_phrase(
                "(Five) standardize the use of funds. The reward and subsidy funds arranged by \
                 the central government are used by the selected cities"
            ),
            Some("standardize the use of funds")
        );
        assert_eq!(
            lead_phrase("II. Main tasks\nThe cities should select about three leading sectors"),
            Some("Main tasks"),
            "a line of its own is a title"
        );
        assert_eq!(
            lead_phrase(
                "四、中央补助资金支持标准和支持范围\n中央财政按区域对示范城市给予定额补助。"
            ),
            Some("中央补助资金支持标准和支持范围")
        );
    }

    #[test]
    fn plain_sentences_and_unnumbered_text_give_none() {
        // One sentence: all body.
        assert_eq!(lead_phrase("第十九条 住房租金支出由签订租赁住房合同的承租人扣除。"), None);
        // A long first sentence is no title.
        assert_eq!(
            lead_phrase("（一）各地要按照党中央、国务院决策部署，加快推进政府职能转变，深化改革。其他内容在这里继续写下去"),
            None
        );
        // No number.
        assert_eq!(
            lead_phrase("经国务院批准，现将有关事项通知如下：一是加强领导，二是落实责任。"),
            None
        );
        assert_eq!(lead_phrase(""), None);
        assert_eq!(lead_phrase("（"), None);
    }
}
