//! Durations, multiples and ages as statutes write them: a query's "15 days", "six
//! months" or 30天 becomes 十五日, 六个月 and 三十日, the forms of 十五日内缴纳 and
//! 六个月以上; "ten times" or 10倍 becomes 十倍, the form of 价款十倍的赔偿金; a
//! "13-year-old" or 13岁 becomes 十三周岁 and the legal ages around it (不满十四周岁).

use tiaowen_text::{chinese_numeral, parse_chinese_number};

/// One duration, multiple or age found in a query: the words as written, and the Chinese
/// forms to search.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StatuteForms {
    /// The query words it stands for ("15 days", "30天", "13 year old").
    pub from: String,
    /// Its Chinese forms, the statute's first (十五日, 15日, 15天).
    pub forms: Vec<String>,
}

/// The ages at which Chinese statutes draw their lines (不满八周岁, 已满十二周岁,
/// 不满十四周岁, 年满十六周岁, 十八周岁, 年满六十周岁 ...): a query's age also searches the
/// nearest line above it and the nearest below, since the clause that settles a
/// 13-year-old's case speaks of 不满十四周岁.
const LEGAL_AGES: [u32; 19] =
    [3, 6, 8, 12, 14, 16, 18, 20, 22, 26, 35, 45, 50, 55, 60, 65, 70, 75, 80];

/// The oldest age read as an age; larger numbers before 岁 are not ages of people.
const MAX_AGE: u32 = 120;

/// The Chinese forms of an age: the age itself in statute numerals, the nearest legal
/// age above it, the nearest below, and the age in digits as notices write it.
fn age_forms(n: u32) -> Vec<String> {
    if n == 0 || n > MAX_AGE {
        return Vec::new();
    }
    let above = LEGAL_AGES.iter().copied().find(|&age| age > n);
    let below = LEGAL_AGES.iter().rev().copied().find(|&age| age < n);
    let mut forms: Vec<String> = [Some(n), above, below]
        .into_iter()
        .flatten()
        .filter_map(chinese_numeral)
        .map(|zh| format!("{zh}周岁"))
        .collect();
    forms.push(format!("{n}周岁"));
    forms
}

/// Finds ages in an English run: "13-year-old", "16 years old", "aged 60", "age of 18",
/// "18 years of age".
pub(crate) fn en_ages(run: &str) -> Vec<StatuteForms> {
    let words = english_words(run);
    let word = |at: usize| words.get(at).map(String::as_str);
    let mut found = Vec::new();
    for (at, first) in words.iter().enumerate() {
        let (n, end) = if let Some(n) = english_count(first) {
            match (word(at + 1), word(at + 2), word(at + 3)) {
                (Some("year" | "years"), Some("old"), _) => (n, at + 2),
                (Some("years"), Some("of"), Some("age")) => (n, at + 3),
                _ => continue,
            }
        } else if let Some((from, end, n)) = person_bound(&words, at) {
            // "kids under 10", "people over 60": a bound on a person's age.
            let forms = age_forms(n);
            if !forms.is_empty() {
                found.push(StatuteForms { from: words[from..=end].join(" "), forms });
            }
            continue;
        } else {
            // "aged 60", "age 18", "age of 18": the count follows.
            let end = match (first.as_str(), word(at + 1)) {
                ("age", Some("of")) => at + 2,
                ("aged" | "age", _) => at + 1,
                _ => continue,
            };
            match word(end).and_then(english_count) {
                Some(n) => (n, end),
                None => continue,
            }
        };
        let forms = age_forms(n);
        if !forms.is_empty() {
            found.push(StatuteForms { from: words[at..=end].join(" "), forms });
        }
    }
    found
}

/// People whose age a bound after them gives ("kids under 10").
const PEOPLE: &[&str] = &[
    "kid",
    "kids",
    "child",
    "children",
    "minor",
    "minors",
    "teen",
    "teens",
    "teenager",
    "teenagers",
    "boy",
    "boys",
    "girl",
    "girls",
    "son",
    "daughter",
    "people",
    "person",
    "persons",
    "anyone",
    "someone",
    "students",
    "pupils",
    "youth",
    "elderly",
];

/// Units after a count that make it something other than an age ("under 10 days").
const OTHER_UNITS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "hour",
    "hours",
    "minute",
    "minutes",
    "percent",
    "per",
    "yuan",
    "rmb",
    "dollars",
    "pounds",
    "kg",
    "km",
    "times",
    "employees",
    "workers",
    "members",
    "staff",
    "people",
    "persons",
];

/// Finds a bound on a person's age after the person word at `at` ("kids under 10",
/// "children younger than 14", "people over 60 years"): where the bound's words start,
/// where its count is, and the count. A count followed by another unit ("kids under 10
/// days", "people over 60 percent") bounds something else.
fn person_bound(words: &[String], at: usize) -> Option<(usize, usize, u32)> {
    let word = |i: usize| words.get(i).map(String::as_str);
    if !PEOPLE.contains(&word(at)?) {
        return None;
    }
    let count = match (word(at + 1)?, word(at + 2)) {
        ("under" | "over" | "below" | "above", _) => at + 2,
        ("younger" | "older", Some("than")) => at + 3,
        _ => return None,
    };
    let n = english_count(word(count)?)?;
    match word(count + 1) {
        Some(next) if OTHER_UNITS.contains(&next) || english_count(next).is_some() => None,
        _ => Some((at + 1, count, n)),
    }
}

/// Finds ages in a Chinese run, in digits or numerals (13岁, 35周岁, 十三岁).
pub(crate) fn zh_ages(run: &str) -> Vec<StatuteForms> {
    let mut found = Vec::new();
    for (at, _) in run.match_indices('岁') {
        let before = run[..at].strip_suffix('周').unwrap_or(&run[..at]);
        let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let numeral = before.trim_end_matches(is_numeral_char);
        let (start, n) = if digits > 0 {
            let start = before.len() - digits;
            (start, before[start..].parse::<u32>().ok())
        } else {
            (numeral.len(), parse_chinese_number(&before[numeral.len()..]))
        };
        let Some(n) = n else { continue };
        let from = &run[start..at + '岁'.len_utf8()];
        let forms: Vec<String> = age_forms(n).into_iter().filter(|f| f != from).collect();
        if !forms.is_empty() {
            found.push(StatuteForms { from: from.to_owned(), forms });
        }
    }
    found
}

/// Tells whether a character belongs to a Chinese numeral (十, 三, 零).
fn is_numeral_char(c: char) -> bool {
    matches!(c, '零' | '〇') || parse_chinese_number(c.encode_utf8(&mut [0; 4])).is_some()
}

/// Splits an English run into lower-case words, at spaces and hyphens ("six-month").
fn english_words(run: &str) -> Vec<String> {
    run.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()).to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Reads an English count: digits or a number word ("fifteen").
fn english_count(word: &str) -> Option<u32> {
    word.parse::<u32>().ok().or_else(|| tiaowen_text::parse_english_number(word))
}

/// The Chinese forms of a count of one unit.
fn forms(n: u32, unit: Unit) -> Vec<String> {
    let Some(zh) = chinese_numeral(n) else { return Vec::new() };
    let mut forms = match unit {
        Unit::Day => vec![format!("{zh}日"), format!("{n}日"), format!("{n}天")],
        Unit::WorkingDay => vec![format!("{zh}个工作日"), format!("{n}个工作日")],
        Unit::Month => vec![format!("{zh}个月"), format!("{n}个月")],
        Unit::Year => vec![format!("{zh}年"), format!("{n}年")],
        Unit::Hour => vec![format!("{zh}小时"), format!("{n}小时")],
        Unit::Times => vec![format!("{zh}倍"), format!("{n}倍")],
    };
    if n == 2 && unit != Unit::Day {
        // 两个月, 两年, 两倍: the everyday two beside the statute's 二.
        forms.insert(1, forms[0].replacen('二', "两", 1));
    }
    if n == 1 && matches!(unit, Unit::Month | Unit::Year) {
        forms.insert(1, forms[0].replacen("一个", "一", 1));
    }
    forms.dedup();
    forms
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Day,
    WorkingDay,
    Month,
    Year,
    Hour,
    /// A multiple of a sum: 十倍, "ten times".
    Times,
}

/// Words after "N times" that make it a frequency ("three times a year"), not a multiple.
const FREQUENCY_WORDS: &[&str] = &["a", "an", "per", "each", "every", "in", "within", "during"];

/// Finds durations and multiples in an English run: a count, then a unit ("15 days",
/// "six-month", "30 working days", "a couple of years", "ten times", "three-fold").
pub(crate) fn en_counts(run: &str) -> Vec<StatuteForms> {
    let words = english_words(run);
    let mut found = Vec::new();
    for (start, word) in words.iter().enumerate() {
        // "a couple of years" is two years, as everyday speech counts.
        let couple = word == "couple" && words.get(start + 1).is_some_and(|w| w == "of");
        let (n, at) = match english_count(word) {
            Some(n) => (n, start),
            None if couple => (2, start + 1),
            None => continue,
        };
        let next = words.get(at + 1).map(String::as_str);
        let after = words.get(at + 2).map(String::as_str);
        let third = words.get(at + 3).map(String::as_str);
        // An age ("13-year-old", "18 years of age"), not a period: see `en_ages`.
        if matches!((next, after, third), (Some("year" | "years"), Some("old"), _))
            || matches!((next, after, third), (Some("years"), Some("of"), Some("age")))
        {
            continue;
        }
        let (unit, used) = match (next, after) {
            (Some("working" | "business"), Some("day" | "days")) => (Unit::WorkingDay, 2),
            (Some("day" | "days"), _) => (Unit::Day, 1),
            (Some("month" | "months"), _) => (Unit::Month, 1),
            (Some("year" | "years"), _) => (Unit::Year, 1),
            (Some("hour" | "hours"), _) => (Unit::Hour, 1),
            (Some("times"), next) if !next.is_some_and(|w| FREQUENCY_WORDS.contains(&w)) => {
                (Unit::Times, 1)
            }
            (Some("fold"), _) => (Unit::Times, 1),
            _ => continue,
        };
        let forms = forms(n, unit);
        if !forms.is_empty() {
            found.push(StatuteForms { from: words[start..=at + used].join(" "), forms });
        }
    }
    found
}

/// Finds durations and multiples written with digits in a Chinese run (30天, 6个月,
/// 15个工作日, 10倍) and gives the statute's numerals.
pub(crate) fn zh_counts(run: &str) -> Vec<StatuteForms> {
    let mut found = Vec::new();
    let mut rest = run;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits_end =
            rest[start..].find(|c: char| !c.is_ascii_digit()).map_or(rest.len(), |e| start + e);
        let after = &rest[digits_end..];
        let unit = [
            ("个工作日", Unit::WorkingDay),
            ("工作日", Unit::WorkingDay),
            ("个月", Unit::Month),
            ("天", Unit::Day),
            ("日", Unit::Day),
            ("年", Unit::Year),
            ("小时", Unit::Hour),
            ("倍", Unit::Times),
        ]
        .into_iter()
        .find(|(suffix, _)| after.starts_with(suffix));
        if let (Some((suffix, unit)), Ok(n)) = (unit, rest[start..digits_end].parse::<u32>()) {
            // A year such as 2025年 is a date, not a duration.
            if !(unit == Unit::Year && n >= 1000) {
                let from = format!("{}{suffix}", &rest[start..digits_end]);
                let forms: Vec<String> =
                    forms(n, unit).into_iter().filter(|f| *f != from).collect();
                if !forms.is_empty() {
                    found.push(StatuteForms { from, forms });
                }
            }
        }
        rest = &rest[digits_end..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_durations_become_chinese_forms() {
        let found = en_counts("pay within 15 days after the customs declaration");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].from, "15 days");
        assert_eq!(found[0].forms[0], "十五日");
        assert!(found[0].forms.contains(&"15天".to_owned()));
        let found = en_counts("a six-month probation and 20 working days");
        let firsts: Vec<&str> = found.iter().map(|d| d.forms[0].as_str()).collect();
        assert_eq!(firsts, vec!["六个月", "二十个工作日"]);
        assert_eq!(en_counts("two years")[0].forms[..2], ["二年", "两年"]);
        assert!(en_counts("in 2025 the days are long").is_empty());
        let couple = en_counts("for a couple of years");
        assert_eq!(
            (couple[0].from.as_str(), &couple[0].forms[..2]),
            ("couple of years", &["二年".to_owned(), "两年".to_owned()][..])
        );
        assert!(en_counts("a couple of questions").is_empty());
        assert_eq!(en_counts("3 years of experience")[0].forms[0], "三年");
        assert!(en_counts("Article 15").is_empty());
    }

    #[test]
    fn multiples_become_the_statutes_times() {
        let found = en_counts("can I get ten times the price back");
        assert_eq!(
            (found[0].from.as_str(), &found[0].forms[..]),
            ("ten times", &["十倍".to_owned(), "10倍".to_owned()][..])
        );
        assert_eq!(en_counts("a three-fold fine")[0].forms[0], "三倍");
        assert_eq!(en_counts("2 times the loss")[0].forms[..2], ["二倍", "两倍"]);
        assert!(en_counts("three times a year").is_empty(), "a frequency");
        assert!(en_counts("inspected 4 times per month").is_empty(), "a frequency");
        assert_eq!(zh_counts("赔偿10倍")[0].forms, ["十倍"]);
    }

    #[test]
    fn ages_search_the_legal_ages_around_them() {
        let found = en_ages("can the police punish a 13-year-old kid");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].from, "13 year old");
        assert_eq!(found[0].forms, ["十三周岁", "十四周岁", "十二周岁", "13周岁"]);
        assert!(en_counts("a 13-year-old kid").is_empty(), "an age is not a period");
        assert_eq!(en_ages("people aged 60 and over")[0].forms[..2], ["六十周岁", "六十五周岁"]);
        assert_eq!(en_ages("under the age of 18")[0].from, "age of 18");
        assert_eq!(en_ages("16 years of age")[0].forms[1], "十八周岁");
        // A bound on a person's age: the legal line it names.
        let found = en_ages("can kids under 10 be in ads");
        assert_eq!(found[0].from, "under 10");
        assert_eq!(found[0].forms[0], "十周岁");
        assert_eq!(en_ages("children younger than 14")[0].forms[0], "十四周岁");
        assert_eq!(en_ages("people over 60 years")[0].forms[0], "六十周岁");
        assert!(en_ages("kids under 10 days").is_empty(), "a period, not an age");
        assert!(en_ages("firms under 10 employees").is_empty(), "not a person");
        assert!(en_ages("people over 60 percent").is_empty());
        assert!(en_ages("for 13 years").is_empty());
        assert!(en_ages("the age limit").is_empty());
        let found = zh_ages("我今年35岁，孩子十三岁，老人70周岁");
        let froms: Vec<&str> = found.iter().map(|d| d.from.as_str()).collect();
        assert_eq!(froms, ["35岁", "十三岁", "70周岁"]);
        assert_eq!(found[0].forms[..3], ["三十五周岁", "四十五周岁", "二十六周岁"]);
        assert!(!found[2].forms.contains(&"70周岁".to_owned()), "the query's own form");
        assert!(zh_ages("岁月").is_empty());
        assert!(zh_ages("500岁").is_empty());
    }

    #[test]
    fn chinese_digits_become_numerals_but_years_stay_dates() {
        let found = zh_counts("超过30天没交怎么办");
        assert_eq!(found[0].from, "30天");
        assert_eq!(found[0].forms[0], "三十日");
        assert_eq!(zh_counts("6个月内")[0].forms[0], "六个月");
        assert_eq!(zh_counts("15个工作日")[0].forms[0], "十五个工作日");
        assert!(zh_counts("2025年申报").is_empty());
        assert!(zh_counts("第3条").is_empty());
    }
}
