//! The search form: its URL parameters, their validation, and links back to it.

use serde::Deserialize;
use tiaowen_model::{DocType, Filters, Lang, SearchRequest};
use tiaowen_text::{parse_filter_date, DateBound};

use crate::links::encode_query_value;
use crate::{Error, Result, PAGE_SIZE};

/// The deepest page a reader can ask for; deeper offsets are refused rather than run.
const MAX_OFFSET: usize = 10_000;

/// The longest query or issuer text accepted, in characters.
const MAX_TEXT_CHARS: usize = 500;

/// The URL parameters of the search page, as given. Every field is text, so that a bad
/// value reaches validation (and a friendly message) instead of failing extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub(crate) struct SearchParams {
    /// The query.
    pub q: String,
    /// `zh` or `en`.
    pub lang: String,
    /// A document type (English name or Chinese word).
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Text one of the issuers contains.
    pub issuer: String,
    /// The earliest date, `YYYY-MM-DD`.
    pub from: String,
    /// The latest date, `YYYY-MM-DD`.
    pub to: String,
    /// `1` to keep to documents in force.
    pub current: String,
    /// `1` to search every document even when the question names an act.
    pub all: String,
    /// How many hits to skip.
    pub offset: String,
}

impl SearchParams {
    /// Trims every value, so that a blank box counts as unset.
    pub fn trimmed(self) -> SearchParams {
        SearchParams {
            q: self.q.trim().to_owned(),
            lang: self.lang.trim().to_owned(),
            doc_type: self.doc_type.trim().to_owned(),
            issuer: self.issuer.trim().to_owned(),
            from: self.from.trim().to_owned(),
            to: self.to.trim().to_owned(),
            current: self.current.trim().to_owned(),
            all: self.all.trim().to_owned(),
            offset: self.offset.trim().to_owned(),
        }
    }

    /// Tells whether any filter is set.
    pub fn has_filters(&self) -> bool {
        [&self.lang, &self.doc_type, &self.issuer, &self.from, &self.to, &self.current]
            .iter()
            .any(|v| !v.is_empty())
    }

    /// Validates the parameters into a search request; `Ok(None)` when there is no query.
    pub fn to_request(&self) -> Result<Option<SearchRequest>> {
        let filters = self.filters()?;
        let offset = parse_offset(&self.offset)?;
        if self.q.is_empty() {
            return Ok(None);
        }
        if self.q.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::Rejected(format!("query longer than {MAX_TEXT_CHARS} characters")));
        }
        let mut request = SearchRequest::new(self.q.clone());
        request.limit = PAGE_SIZE;
        request.offset = offset;
        request.filters = filters;
        request.all_documents = optional(&self.all, "all", checked)?.unwrap_or(false);
        Ok(Some(request))
    }

    /// Returns the paging offset, or 0 when it is missing or invalid.
    pub fn offset_or_zero(&self) -> usize {
        parse_offset(&self.offset).unwrap_or(0)
    }

    /// Validates the filters.
    fn filters(&self) -> Result<Filters> {
        let lang = optional(&self.lang, "lang", Lang::parse)?;
        let doc_type = optional(&self.doc_type, "type", DocType::parse)?;
        let from = optional(&self.from, "from", |v| parse_filter_date(v, DateBound::Start))?;
        let to = optional(&self.to, "to", |v| parse_filter_date(v, DateBound::End))?;
        if let (Some(start), Some(end)) = (&from, &to) {
            if start > end {
                return Err(Error::EmptyDateRange { from: start.clone(), to: end.clone() });
            }
        }
        if self.issuer.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::InvalidFilter { field: "issuer", value: self.issuer.clone() });
        }
        let issuer = (!self.issuer.is_empty()).then(|| self.issuer.clone());
        let current = optional(&self.current, "current", checked)?.unwrap_or(false);
        Ok(Filters { lang, doc_type, issuer, from, to, current })
    }

    /// Builds the URL of this search at another offset (`/?q=…&offset=…`).
    pub fn href_at(&self, offset: usize) -> String {
        let offset = offset.to_string();
        let pairs = [
            ("q", self.q.as_str()),
            ("lang", self.lang.as_str()),
            ("type", self.doc_type.as_str()),
            ("issuer", self.issuer.as_str()),
            ("from", self.from.as_str()),
            ("to", self.to.as_str()),
            ("current", self.current.as_str()),
            ("all", self.all.as_str()),
            ("offset", if offset == "0" { "" } else { offset.as_str() }),
        ];
        let mut href = String::from("/");
        for (key, value) in pairs {
            if value.is_empty() {
                continue;
            }
            href.push(if href.len() == 1 { '?' } else { '&' });
            href.push_str(key);
            href.push('=');
            href.push_str(&encode_query_value(value));
        }
        href
    }
}

/// Reads a box or flag (`current`, `all`): checked (`1`, `on`, `true`) or not (`0`, `false`).
pub(crate) fn checked(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "on" | "true" => Some(true),
        "0" | "off" | "false" => Some(false),
        _ => None,
    }
}

/// Parses a non-empty value, or reports which filter was wrong.
fn optional<T>(
    value: &str,
    field: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>> {
    if value.is_empty() {
        return Ok(None);
    }
    match parse(value) {
        Some(parsed) => Ok(Some(parsed)),
        None => Err(Error::InvalidFilter { field, value: value.to_owned() }),
    }
}

/// Parses the paging offset; blank means 0.
fn parse_offset(value: &str) -> Result<usize> {
    if value.is_empty() {
        return Ok(0);
    }
    match value.parse::<usize>() {
        Ok(offset) if offset <= MAX_OFFSET => Ok(offset),
        _ => Err(Error::InvalidFilter { field: "offset", value: value.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str) -> SearchParams {
        SearchParams { q: q.to_owned(), ..SearchParams::default() }
    }

    #[test]
    fn builds_a_request_with_every_filter() {
        let given = SearchParams {
            q: "营商环境".to_owned(),
            lang: "zh".to_owned(),
            doc_type: "意见".to_owned(),
            issuer: "国务院办公厅".to_owned(),
            from: "2019-01-01".to_owned(),
            to: "2024-02-29".to_owned(),
            current: "1".to_owned(),
            all: "1".to_owned(),
            offset: "20".to_owned(),
        };
        let request = given.to_request().expect("valid").expect("has a query");
        assert!(request.filters.current);
        assert!(request.all_documents);
        assert!(given.href_at(0).contains("&current=1&all=1"), "{}", given.href_at(0));
        let unsure = SearchParams { all: "maybe".to_owned(), ..given.clone() };
        assert!(unsure.to_request().is_err());
        let unsure = SearchParams { current: "maybe".to_owned(), ..given };
        assert!(unsure.to_request().is_err());
        assert_eq!(request.query, "营商环境");
        assert_eq!(request.offset, 20);
        assert_eq!(request.limit, PAGE_SIZE);
        assert_eq!(request.filters.lang, Some(Lang::Zh));
        assert_eq!(request.filters.doc_type, Some(DocType::Opinions));
        assert_eq!(request.filters.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(request.filters.from.as_deref(), Some("2019-01-01"));
        assert_eq!(request.filters.to.as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn no_query_means_no_search_but_filters_are_still_checked() {
        assert_eq!(params("").to_request().expect("valid"), None);
        let bad = SearchParams { lang: "fr".to_owned(), ..SearchParams::default() };
        assert!(matches!(bad.to_request(), Err(Error::InvalidFilter { field: "lang", .. })));
    }

    #[test]
    fn rejects_bad_filter_values() {
        let cases = [
            ("type", SearchParams { doc_type: "memo".to_owned(), ..params("x") }),
            ("from", SearchParams { from: "2023-02-29".to_owned(), ..params("x") }),
            ("to", SearchParams { to: "2024-1-1-1".to_owned(), ..params("x") }),
            ("to", SearchParams { to: "２０２４-01-01".to_owned(), ..params("x") }),
            ("offset", SearchParams { offset: "-10".to_owned(), ..params("x") }),
            ("offset", SearchParams { offset: "99999999".to_owned(), ..params("x") }),
        ];
        for (field, given) in cases {
            match given.to_request() {
                Err(Error::InvalidFilter { field: got, .. }) => assert_eq!(got, field, "{given:?}"),
                other => panic!("expected an invalid {field} filter, got {other:?}"),
            }
        }
    }

    #[test]
    fn rejects_an_inverted_date_range() {
        let given = SearchParams {
            from: "2024-05-01".to_owned(),
            to: "2024-04-30".to_owned(),
            ..params("x")
        };
        assert!(matches!(given.to_request(), Err(Error::EmptyDateRange { .. })));
    }

    #[test]
    fn accepts_leap_days_only_in_leap_years() {
        let with_from = |from: &str| SearchParams { from: from.to_owned(), ..params("x") };
        assert!(with_from("2000-02-29").to_request().is_ok());
        for bad in ["1900-02-29", "2024-13-01", "2024-04-31"] {
            assert!(
                matches!(with_from(bad).to_request(), Err(Error::InvalidFilter { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn href_keeps_set_values_and_encodes_them() {
        let given = SearchParams {
            q: "数据 & 安全".to_owned(),
            lang: "zh".to_owned(),
            issuer: "财政部".to_owned(),
            ..SearchParams::default()
        };
        assert_eq!(
            given.href_at(10),
            "/?q=%E6%95%B0%E6%8D%AE%20%26%20%E5%AE%89%E5%85%A8&lang=zh\
             &issuer=%E8%B4%A2%E6%94%BF%E9%83%A8&offset=10"
        );
        assert_eq!(given.href_at(0), "/?q=%E6%95%B0%E6%8D%AE%20%26%20%E5%AE%89%E5%85%A8&lang=zh&issuer=%E8%B4%A2%E6%94%BF%E9%83%A8");
        assert_eq!(SearchParams::default().href_at(0), "/");
    }

    #[test]
    fn trimmed_blanks_count_as_unset() {
        let given = SearchParams { q: "  ".to_owned(), lang: " en ".to_owned(), ..params("") };
        let trimmed = given.trimmed();
        assert_eq!(trimmed.q, "");
        assert_eq!(trimmed.lang, "en");
        assert!(trimmed.has_filters());
    }
}
