//! Dates given as search filters.

/// Which end of a period a partial date stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// The first day: `2019` → `2019-01-01`.
    Start,
    /// The last day: `2019-02` → `2019-02-28`.
    End,
}

/// Parses a filter date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (also with `/` or `.`) into an ISO
/// `YYYY-MM-DD`, filling a partial date to the given end of its period; `None` if the
/// text is not such a date or names a day that does not exist.
pub fn parse_filter_date(text: &str, bound: DateBound) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['-', '/', '.']).collect();
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if !digits.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let year = number(parts.first()?, 4..=4)?;
    let (month, day) = match (parts.get(1), parts.get(2), parts.len()) {
        (None, None, 1) => match bound {
            DateBound::Start => (1, 1),
            DateBound::End => (12, 31),
        },
        (Some(m), None, 2) => {
            let month = number(m, 1..=2)?;
            let day = match bound {
                DateBound::Start => 1,
                DateBound::End => days_in_month(year, month)?,
            };
            (month, day)
        }
        (Some(m), Some(d), 3) => (number(m, 1..=2)?, number(d, 1..=2)?),
        _ => return None,
    };
    if day == 0 || day > days_in_month(year, month)? {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The number of days of a month, `None` for a month outside 1..=12.
fn days_in_month(year: u32, month: u32) -> Option<u32> {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    Some(match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_partial_dates_to_the_right_end() {
        assert_eq!(parse_filter_date("2019", DateBound::Start).as_deref(), Some("2019-01-01"));
        assert_eq!(parse_filter_date("2019", DateBound::End).as_deref(), Some("2019-12-31"));
        assert_eq!(parse_filter_date("2024-02", DateBound::End).as_deref(), Some("2024-02-29"));
        assert_eq!(parse_filter_date("2023/2/5", DateBound::Start).as_deref(), Some("2023-02-05"));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in
            ["", "yesterday", "2019-13", "2019-02-30", "19-01-01", "2019-01-01-01", "２０１９"]
        {
            assert_eq!(parse_filter_date(bad, DateBound::Start), None, "{bad}");
        }
    }
}
