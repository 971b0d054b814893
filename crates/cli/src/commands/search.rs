//! `tiaowen search`: the clauses that answer a query.

use std::process::ExitCode;

use anyhow::bail;
use tiaowen_model::{DocType, Filters, Lang, SearchRequest, SearchResponse};
use tiaowen_text::{parse_filter_date, DateBound};

use crate::config::SearchArgs;

/// The longest query accepted, in characters (the HTTP API has the same limit).
pub const MAX_QUERY_CHARS: usize = 1000;

/// Runs `tiaowen search`.
pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let request = build_request(args)?;
    let index = super::open_index(&args.index)?;
    let response = index.search(&request)?;
    if args.json {
        outln!("{}", serde_json::to_string(&response)?);
    } else {
        print_human(&response);
    }
    Ok(ExitCode::SUCCESS)
}

/// Validates the arguments into a request, naming the parameter that is wrong.
pub fn build_request(args: &SearchArgs) -> anyhow::Result<SearchRequest> {
    let query = args.query.trim();
    if query.is_empty() {
        bail!("the query is empty");
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        bail!("the query is longer than {MAX_QUERY_CHARS} characters");
    }
    if args.limit == 0 || args.limit > 1000 {
        bail!("--limit must be between 1 and 1000, got {}", args.limit);
    }
    let lang = match args.lang.as_deref() {
        None => None,
        Some(code) => match Lang::parse(code) {
            Some(lang) => Some(lang),
            None => bail!("--lang must be zh or en, got {code:?}"),
        },
    };
    let doc_type = match args.doc_type.as_deref() {
        None => None,
        Some(value) => match DocType::parse(value) {
            Some(kind) => Some(kind),
            None => {
                let known: Vec<&str> = DocType::ALL.iter().map(|t| t.as_str()).collect();
                bail!("--type must be one of {}, got {value:?}", known.join(", "))
            }
        },
    };
    let date = |flag: &str, value: &Option<String>, bound| -> anyhow::Result<Option<String>> {
        let Some(value) = value else { return Ok(None) };
        match parse_filter_date(value, bound) {
            Some(date) => Ok(Some(date)),
            None => bail!("--{flag} must be a date YYYY, YYYY-MM or YYYY-MM-DD, got {value:?}"),
        }
    };
    let filters = Filters {
        lang,
        doc_type,
        issuer: args.issuer.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()),
        from: date("from", &args.from, DateBound::Start)?,
        to: date("to", &args.to, DateBound::End)?,
        current: args.current,
    };
    Ok(SearchRequest {
        query: query.to_string(),
        limit: args.limit,
        offset: args.offset,
        filters,
        explain: args.explain,
        all_documents: args.all_documents,
    })
}

/// Prints hits for a person: rank, citation, headings, snippet and anchor.
fn print_human(response: &SearchResponse) {
    if !response.corrections.is_empty() {
        let read: Vec<String> =
            response.corrections.iter().map(|c| format!("{} → {}", c.from, c.to)).collect();
        outln!("searched with corrected spelling: {}", read.join(", "));
    }
    if !response.named_acts.is_empty() {
        outln!(
            "searched only in {} (--all-documents searches every document)",
            response.named_acts.join(", ")
        );
    }
    if response.hits.is_empty() {
        outln!("no clauses match {:?}", response.query);
        return;
    }
    outln!("{} matching clauses", response.total);
    for (rank, hit) in response.hits.iter().enumerate() {
        outln!();
        outln!("{}. {}  ({:.2})", rank + 1, hit.citation, hit.score);
        outln!("   {}", hit.document.title);
        if !hit.headings.is_empty() {
            outln!("   {}", hit.headings.join(" › "));
        }
        outln!("   {}", plain_snippet(&hit.snippet));
        let sources: Vec<&str> = hit.sources.iter().map(|s| s.anchor.as_str()).collect();
        outln!("   {}", sources.join("  "));
    }
    if let Some(explanation) = &response.explanation {
        outln!();
        outln!("{}", serde_json::to_string_pretty(explanation).unwrap_or_default());
    }
}

/// Turns an HTML snippet into terminal text: matches in brackets, entities decoded.
fn plain_snippet(snippet: &str) -> String {
    snippet
        .replace("<em>", "【")
        .replace("</em>", "】")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(query: &str) -> SearchArgs {
        SearchArgs {
            query: query.into(),
            json: false,
            limit: 10,
            offset: 0,
            lang: None,
            doc_type: None,
            issuer: None,
            from: None,
            to: None,
            current: false,
            all_documents: false,
            explain: false,
            index: "index".into(),
        }
    }

    #[test]
    fn rejects_empty_and_bad_filters() {
        assert!(build_request(&args("   ")).is_err());
        let mut bad_lang = args("资金");
        bad_lang.lang = Some("fr".into());
        assert!(build_request(&bad_lang).unwrap_err().to_string().contains("--lang"));
        let mut bad_date = args("资金");
        bad_date.from = Some("last year".into());
        assert!(build_request(&bad_date).unwrap_err().to_string().contains("--from"));
    }

    #[test]
    fn fills_partial_dates() {
        let mut a = args("资金");
        a.from = Some("2019".into());
        a.to = Some("2019-02".into());
        let request = build_request(&a).expect("valid request");
        assert_eq!(request.filters.from.as_deref(), Some("2019-01-01"));
        assert_eq!(request.filters.to.as_deref(), Some("2019-02-28"));
    }

    #[test]
    fn snippet_marks_become_brackets() {
        assert_eq!(plain_snippet("a <em>资金</em> &amp; b"), "a 【资金】 & b");
    }
}
