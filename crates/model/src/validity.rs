//! Deriving whether each document is in force from the whole collection: later versions
//! of the same document, documents that repeal it, and its own validity period.

use std::collections::HashMap;

use crate::{Document, Validity, ValidityState};

/// Derives the validity of every document in `documents` as of `today` (ISO date).
///
/// - A document repealed by another (its title or 文号 is in the other's `repeals`, and
///   the other is dated later) is `repealed`.
/// - Of several versions of one document (same title, language and type, different issue
///   dates), all but the latest are `superseded` by it. Copies of the same version in
///   several formats share a date and stay current together.
/// - A document whose `valid_until` lies before `today` is `expired`.
/// - Everything else is `current`.
pub fn derive_validity(documents: &[Document], today: &str) -> HashMap<String, Validity> {
    let mut status: HashMap<String, Validity> = HashMap::new();
    for doc in documents {
        let validity = match &doc.valid_until {
            Some(until) if until.as_str() < today => Validity {
                state: ValidityState::Expired,
                by: None,
                reason: format!("validity period ended {until}"),
            },
            _ => current(),
        };
        status.insert(doc.id.clone(), validity);
    }
    mark_superseded(documents, &mut status);
    mark_repealed(documents, &mut status);
    status
}

/// The validity of a document nothing speaks against.
fn current() -> Validity {
    Validity { state: ValidityState::Current, by: None, reason: "current".into() }
}

/// The title a document is known by across versions: without the 中华人民共和国 prefix,
/// without spaces, lower case.
fn title_key(title: &str) -> String {
    let title = title.trim();
    let title = title.strip_prefix("中华人民共和国").unwrap_or(title);
    title.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The date a document was made: issued, else published.
fn date_of(doc: &Document) -> Option<&str> {
    doc.dates.issued.as_deref().or(doc.dates.published.as_deref())
}

/// Marks all but the latest version of each titled group as superseded by the latest.
fn mark_superseded(documents: &[Document], status: &mut HashMap<String, Validity>) {
    let mut groups: HashMap<(String, &str, &str), Vec<&Document>> = HashMap::new();
    for doc in documents {
        if date_of(doc).is_none() {
            continue;
        }
        let key = (title_key(&doc.title), doc.lang.as_str(), doc.doc_type.as_str());
        groups.entry(key).or_default().push(doc);
    }
    for versions in groups.values() {
        let Some(latest) = versions.iter().max_by_key(|d| (date_of(d), d.id.as_str())) else {
            continue;
        };
        let latest_date = date_of(latest).unwrap_or_default();
        for doc in versions {
            if date_of(doc).unwrap_or_default() < latest_date {
                status.insert(
                    doc.id.clone(),
                    Validity {
                        state: ValidityState::Superseded,
                        by: Some(latest.id.clone()),
                        reason: format!("superseded by the version of {latest_date}"),
                    },
                );
            }
        }
    }
}

/// Marks documents that a later document repeals by title or document number.
fn mark_repealed(documents: &[Document], status: &mut HashMap<String, Validity>) {
    let mut by_title: HashMap<String, Vec<&Document>> = HashMap::new();
    let mut by_number: HashMap<&str, Vec<&Document>> = HashMap::new();
    for doc in documents {
        by_title.entry(title_key(&doc.title)).or_default().push(doc);
        if let Some(number) = &doc.doc_number {
            by_number.entry(number.normalized.as_str()).or_default().push(doc);
        }
    }
    for repealer in documents {
        let repealer_date = date_of(repealer);
        for cited in &repealer.repeals {
            let mut targets: Vec<&Document> = Vec::new();
            if let Some(title) = &cited.title {
                targets.extend(by_title.get(&title_key(title)).into_iter().flatten());
            }
            if let Some(number) = &cited.doc_number {
                targets.extend(by_number.get(number.normalized.as_str()).into_iter().flatten());
            }
            for target in targets {
                let earlier = match (date_of(target), repealer_date) {
                    (Some(target_date), Some(repealer_date)) => target_date < repealer_date,
                    _ => true,
                };
                if target.id == repealer.id || !earlier {
                    continue;
                }
                status.insert(
                    target.id.clone(),
                    Validity {
                        state: ValidityState::Repealed,
                        by: Some(repealer.id.clone()),
                        reason: format!("repealed by {}", repealer.title),
                    },
                );
            }
        }
    }
}

/// Turns days since 1970-01-01 into an ISO date (proleptic Gregorian calendar).
pub fn iso_date_from_unix_days(days: i64) -> String {
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CitedDocument, DocDates, DocType};

    fn doc(id: &str, title: &str, issued: &str) -> Document {
        Document {
            dates: DocDates { issued: Some(issued.into()), published: None },
            doc_type: DocType::Law,
            ..Document::new(id, title)
        }
    }

    #[test]
    fn the_latest_version_is_current_and_the_others_superseded() {
        let docs = [
            doc("会计法(2017).md", "中华人民共和国会计法", "2017-11-04"),
            doc("会计法(2024).md", "中华人民共和国会计法", "2024-06-28"),
            doc("预算法.md", "中华人民共和国预算法", "2018-12-29"),
        ];
        let status = derive_validity(&docs, "2026-11-23");
        assert_eq!(status["会计法(2017).md"].state, ValidityState::Superseded);
        assert_eq!(status["会计法(2017).md"].by.as_deref(), Some("会计法(2024).md"));
        assert_eq!(status["会计法(2024).md"].state, ValidityState::Current);
        assert_eq!(status["预算法.md"].state, ValidityState::Current);
    }

    #[test]
    fn copies_of_one_version_stay_current_together() {
        let docs = [
            doc("a.html", "关于试点的通知", "2025-03-01"),
            doc("a.pdf", "关于试点的通知", "2025-03-01"),
        ];
        let status = derive_validity(&docs, "2026-11-23");
        assert!(status.values().all(|v| v.state == ValidityState::Current));
    }

    #[test]
    fn a_later_document_repeals_by_title_but_not_itself() {
        let old = doc("old.md", "中华人民共和国国家安全法", "1993-02-22");
        let mut new = doc("new.md", "中华人民共和国反间谍法", "2014-11-01");
        new.repeals = vec![CitedDocument {
            title: Some("中华人民共和国国家安全法".into()),
            doc_number: None,
        }];
        let mut same_name = doc("nsl.md", "中华人民共和国国家安全法", "2015-07-01");
        same_name.doc_type = DocType::Other;
        same_name.repeals = new.repeals.clone();
        let status = derive_validity(&[old, new, same_name], "2026-11-23");
        assert_eq!(status["old.md"].state, ValidityState::Repealed);
        assert_eq!(status["nsl.md"].state, ValidityState::Current);
    }

    #[test]
    fn a_lapsed_period_expires() {
        let mut notice = doc("n.html", "关于试点的通知", "2019-01-01");
        notice.valid_until = Some("2020-12-31".into());
        let status = derive_validity(&[notice], "2026-11-23");
        assert_eq!(status["n.html"].state, ValidityState::Expired);
    }

    #[test]
    fn unix_days_become_dates() {
        assert_eq!(iso_date_from_unix_days(0), "1970-01-01");
        assert_eq!(iso_date_from_unix_days(19_723), "2024-01-01");
        assert_eq!(iso_date_from_unix_days(20_415), "2025-11-23");
    }
}
