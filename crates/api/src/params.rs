//! Reads and validates the query string of `GET /search` into a [`SearchRequest`].

use serde::Deserialize;
use tiaowen_model::{DocType, Filters, Lang, SearchRequest};
use tiaowen_text::{parse_filter_date, DateBound};

use crate::error::{ApiError, Result};
use crate::ApiOptions;

/// The default number of hits per page.
pub const DEFAULT_LIMIT: usize = 10;

/// The longest `issuer` filter accepted, in characters.
const MAX_ISSUER_CHARS: usize = 200;

/// The raw `GET /search` parameters, every one a string so that validation (and its error
/// messages) stays ours rather than the deserializer's.
///
/// An empty value counts as absent, as HTML forms send `lang=` for "any language".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    /// The query.
    pub q: Option<String>,
    /// Hits per page.
    pub limit: Option<String>,
    /// Hits to skip.
    pub offset: Option<String>,
    /// Language filter.
    pub lang: Option<String>,
    /// Document type filter.
    #[serde(rename = "type")]
    pub doc_type: Option<String>,
    /// Issuer filter.
    pub issuer: Option<String>,
    /// Earliest date.
    pub from: Option<String>,
    /// Latest date.
    pub to: Option<String>,
    /// Whether to explain scores.
    pub explain: Option<String>,
    /// Whether to keep to documents in force.
    pub current: Option<String>,
    /// Whether to search every document even when the question names an act.
    pub all_documents: Option<String>,
}

impl SearchParams {
    /// Validates the parameters and builds the request for the backend.
    pub fn into_request(self, options: &ApiOptions) -> Result<SearchRequest> {
        let query = parse_query(self.q.as_deref(), options.max_query_chars)?;
        let limit = match non_empty(self.limit.as_deref()) {
            None => DEFAULT_LIMIT,
            Some(raw) => parse_bounded("limit", raw, 1, options.max_limit)?,
        };
        let offset = match non_empty(self.offset.as_deref()) {
            None => 0,
            Some(raw) => parse_bounded("offset", raw, 0, options.max_offset)?,
        };
        let filters = parse_filters(&self)?;
        let explain = match self.explain.as_deref() {
            None => false,
            Some(raw) => parse_bool("explain", raw)?,
        };
        let all_documents = match self.all_documents.as_deref() {
            None => false,
            Some(raw) => parse_bool("all_documents", raw)?,
        };
        Ok(SearchRequest { query, limit, offset, filters, explain, all_documents })
    }
}

fn parse_filters(params: &SearchParams) -> Result<Filters> {
    let lang = match non_empty(params.lang.as_deref()) {
        None => None,
        Some(raw) => Some(Lang::parse(raw).ok_or_else(|| ApiError::UnknownFilterValue {
            param: "lang",
            value: raw.to_owned(),
            expected: "zh, en".to_owned(),
        })?),
    };
    let doc_type = match non_empty(params.doc_type.as_deref()) {
        None => None,
        Some(raw) => Some(DocType::parse(raw).ok_or_else(|| ApiError::UnknownFilterValue {
            param: "type",
            value: raw.to_owned(),
            expected: doc_type_names().join(", "),
        })?),
    };
    let issuer = match non_empty(params.issuer.as_deref()) {
        None => None,
        Some(raw) if raw.chars().count() > MAX_ISSUER_CHARS => {
            return Err(ApiError::ParamTooLong { param: "issuer", max: MAX_ISSUER_CHARS })
        }
        Some(raw) => Some(raw.to_owned()),
    };
    let from = non_empty(params.from.as_deref())
        .map(|raw| parse_date("from", raw, DateBound::Start))
        .transpose()?;
    let to = non_empty(params.to.as_deref())
        .map(|raw| parse_date("to", raw, DateBound::End))
        .transpose()?;
    if let (Some(from), Some(to)) = (&from, &to) {
        // ISO dates of equal length compare correctly as strings.
        if from > to {
            return Err(ApiError::InvalidDateRange { from: from.clone(), to: to.clone() });
        }
    }
    let current = match params.current.as_deref() {
        None => false,
        Some(raw) => parse_bool("current", raw)?,
    };
    Ok(Filters { lang, doc_type, issuer, from, to, current })
}

/// Returns the English names of all document types, as the `type` filter accepts them.
pub fn doc_type_names() -> Vec<&'static str> {
    DocType::ALL.iter().map(|t| t.as_str()).collect()
}

fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn parse_query(raw: Option<&str>, max_chars: usize) -> Result<String> {
    let Some(raw) = raw else {
        return Err(ApiError::MissingQuery);
    };
    let query = raw.trim();
    if query.is_empty() {
        return Err(ApiError::EmptyQuery);
    }
    let chars = query.chars().count();
    if chars > max_chars {
        return Err(ApiError::QueryTooLong { chars, max: max_chars });
    }
    Ok(query.to_owned())
}

fn parse_bounded(param: &'static str, raw: &str, min: usize, max: usize) -> Result<usize> {
    // Only plain digits: no sign, no exponent, no fraction.
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::InvalidNumber { param, value: raw.to_owned() });
    }
    let out_of_range =
        |value: u64| ApiError::OutOfRange { param, value, min: min as u64, max: max as u64 };
    // All digits but too large for u64: report it as out of range at the type's limit.
    let value: u64 = raw.parse().map_err(|_| out_of_range(u64::MAX))?;
    let Ok(value_usize) = usize::try_from(value) else {
        return Err(out_of_range(value));
    };
    if value_usize < min || value_usize > max {
        return Err(out_of_range(value));
    }
    Ok(value_usize)
}

fn parse_bool(param: &'static str, raw: &str) -> Result<bool> {
    // A bare `?explain` asks for an explanation (`?current` for documents in force,
    // `?all_documents` for every document).
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(ApiError::InvalidBoolean { param, value: raw.to_owned() }),
    }
}

/// Validates a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` date and normalises it to `YYYY-MM-DD`,
/// filling a missing month or day with the first or last one of the period.
fn parse_date(param: &'static str, raw: &str, bound: DateBound) -> Result<String> {
    parse_filter_date(raw, bound)
        .ok_or_else(|| ApiError::InvalidDate { param, value: raw.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> SearchParams {
        let mut params = SearchParams::default();
        for (key, value) in pairs {
            let value = Some((*value).to_owned());
            match *key {
                "q" => params.q = value,
                "limit" => params.limit = value,
                "offset" => params.offset = value,
                "lang" => params.lang = value,
                "type" => params.doc_type = value,
                "issuer" => params.issuer = value,
                "from" => params.from = value,
                "to" => params.to = value,
                "explain" => params.explain = value,
                "current" => params.current = value,
                "all_documents" => params.all_documents = value,
                other => panic!("unknown test parameter {other}"),
            }
        }
        params
    }

    fn request(pairs: &[(&str, &str)]) -> Result<SearchRequest> {
        params(pairs).into_request(&ApiOptions::default())
    }

    fn code_of(pairs: &[(&str, &str)]) -> &'static str {
        request(pairs).expect_err("should be rejected").status_and_code().1
    }

    #[test]
    fn defaults_apply_to_a_bare_query() {
        let request = request(&[("q", "  专项债券 ")]).expect("valid");
        assert_eq!(request.query, "专项债券");
        assert_eq!((request.limit, request.offset, request.explain), (10, 0, false));
        assert_eq!(request.filters, Filters::default());
    }

    #[test]
    fn every_parameter_is_read() {
        let request = request(&[
            ("q", "quality"),
            ("limit", "100"),
            ("offset", "20"),
            ("lang", "EN"),
            ("type", "意见"),
            ("issuer", "国务院办公厅"),
            ("from", "2019"),
            ("to", "2024-2"),
            ("explain", "true"),
            ("current", "1"),
        ])
        .expect("valid");
        assert!(request.filters.current);
        assert_eq!((request.limit, request.offset, request.explain), (100, 20, true));
        assert_eq!(request.filters.lang, Some(Lang::En));
        assert_eq!(request.filters.doc_type, Some(DocType::Opinions));
        assert_eq!(request.filters.issuer.as_deref(), Some("国务院办公厅"));
        assert_eq!(request.filters.from.as_deref(), Some("2019-01-01"));
        assert_eq!(request.filters.to.as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn all_documents_turns_off_the_acts_a_question_names() {
        assert!(!request(&[("q", "a")]).expect("valid").all_documents);
        assert!(request(&[("q", "a"), ("all_documents", "")]).expect("valid").all_documents);
        assert!(request(&[("q", "a"), ("all_documents", "1")]).expect("valid").all_documents);
        assert_eq!(code_of(&[("q", "a"), ("all_documents", "maybe")]), "invalid_boolean");
    }

    #[test]
    fn a_bare_current_keeps_to_documents_in_force() {
        assert!(request(&[("q", "a"), ("current", "")]).expect("valid").filters.current);
        assert!(!request(&[("q", "a"), ("current", "false")]).expect("valid").filters.current);
        assert_eq!(code_of(&[("q", "a"), ("current", "maybe")]), "invalid_boolean");
    }

    #[test]
    fn empty_filters_count_as_absent() {
        let request =
            request(&[("q", "a"), ("lang", ""), ("type", " "), ("limit", "")]).expect("valid");
        assert_eq!(request.filters, Filters::default());
        assert_eq!(request.limit, DEFAULT_LIMIT);
    }

    #[test]
    fn the_query_is_required_and_bounded() {
        assert_eq!(code_of(&[]), "missing_query");
        assert_eq!(code_of(&[("q", " \u{3000}\t")]), "empty_query");
        let long = "条".repeat(1001);
        assert_eq!(code_of(&[("q", &long)]), "query_too_long");
        // The limit counts characters, not bytes: 1,000 Chinese characters are 3,000 bytes.
        assert!(request(&[("q", &"条".repeat(1000))]).is_ok());
    }

    #[test]
    fn bad_numbers_are_rejected() {
        for bad in ["abc", "-1", "+5", "1.5", "1e3", "１０"] {
            assert_eq!(code_of(&[("q", "a"), ("limit", bad)]), "invalid_number", "{bad}");
        }
        assert_eq!(code_of(&[("q", "a"), ("limit", "0")]), "out_of_range");
        assert_eq!(code_of(&[("q", "a"), ("limit", "101")]), "out_of_range");
        assert_eq!(code_of(&[("q", "a"), ("offset", "10001")]), "out_of_range");
        assert_eq!(code_of(&[("q", "a"), ("offset", "99999999999999999999999")]), "out_of_range");
        assert_eq!(request(&[("q", "a"), ("offset", "10000")]).expect("valid").offset, 10_000);
    }

    #[test]
    fn unknown_filter_values_are_rejected() {
        assert_eq!(code_of(&[("q", "a"), ("lang", "fr")]), "unknown_filter_value");
        assert_eq!(code_of(&[("q", "a"), ("type", "foo")]), "unknown_filter_value");
        assert_eq!(code_of(&[("q", "a"), ("explain", "maybe")]), "invalid_boolean");
        assert_eq!(code_of(&[("q", "a"), ("issuer", &"部".repeat(201))]), "parameter_too_long");
    }

    #[test]
    fn dates_are_validated_and_normalised() {
        let start = |raw| parse_date("from", raw, DateBound::Start).ok();
        let end = |raw| parse_date("to", raw, DateBound::End).ok();
        assert_eq!(start("2024").as_deref(), Some("2024-01-01"));
        assert_eq!(end("2024").as_deref(), Some("2024-12-31"));
        assert_eq!(start("2024-3").as_deref(), Some("2024-03-01"));
        assert_eq!(end("2023-02").as_deref(), Some("2023-02-28"));
        assert_eq!(end("2000-02").as_deref(), Some("2000-02-29"));
        assert_eq!(end("1900-02").as_deref(), Some("1900-02-28"));
        assert_eq!(start("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(start("2024/03/05").as_deref(), Some("2024-03-05"));
        for bad in ["24", "2024-13", "2024-00", "2023-02-29", "2024-04-31", "2024 03 05"] {
            assert_eq!(start(bad), None, "{bad}");
        }
        for bad in ["2024-01-01-01", "二〇二四年", "2024-", "-2024", "2024-1-"] {
            assert_eq!(start(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_reversed_date_range_is_rejected() {
        assert_eq!(code_of(&[("q", "a"), ("from", "2024"), ("to", "2023")]), "invalid_date_range");
        assert!(request(&[("q", "a"), ("from", "2024-05"), ("to", "2024-05")]).is_ok());
        assert_eq!(code_of(&[("q", "a"), ("to", "2024年")]), "invalid_date");
    }
}
