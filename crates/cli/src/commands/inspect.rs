//! `tiaowen inspect`: the document record and clause tree of files, without indexing.

use std::collections::BTreeMap;
use std::process::ExitCode;

use serde_json::json;
use tiaowen_ingest::{find_documents, read_document, ReadDocument};

use crate::config::InspectArgs;

/// Runs `tiaowen inspect`; exits 1 when some file could not be read (each is reported).
pub fn run(args: &InspectArgs) -> anyhow::Result<ExitCode> {
    let options = super::parse_options(args.pdf_timeout)?;
    let walked = find_documents(std::slice::from_ref(&args.path), &args.corpus)?;
    let mut failures = walked.failures.len();
    for failure in &walked.failures {
        eprintln!("failed {}: {}", failure.path.display(), failure.reason);
    }
    let mut per_format: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for file in &walked.files {
        match read_document(&file.path, &file.id, &options) {
            Ok(read) => {
                let entry = per_format.entry(read.document.source.format.as_str()).or_default();
                entry.0 += 1;
                entry.1 += read.clauses.len();
                if args.json {
                    outln!("{}", inspect_json(&read));
                } else {
                    print_human(&read);
                }
            }
            Err(error) => {
                failures += 1;
                eprintln!("failed {}: {error}", file.path.display());
            }
        }
    }
    if walked.files.len() > 1 {
        for (format, (docs, clauses)) in &per_format {
            eprintln!("{format}: {docs} documents, {clauses} clauses");
        }
        eprintln!("{} files, {failures} failed", walked.files.len() + walked.failures.len());
    }
    Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The stable JSON contract of `inspect --json`: `{"document": {...}, "clauses": [...]}`.
pub fn inspect_json(read: &ReadDocument) -> serde_json::Value {
    json!({ "document": read.document, "clauses": read.clauses })
}

/// Prints a record and its clause tree for a person.
fn print_human(read: &ReadDocument) {
    let doc = &read.document;
    outln!("{}", doc.id);
    outln!("  title      {}", doc.title);
    if let Some(number) = &doc.doc_number {
        outln!("  number     {} ({})", number.normalized, number.raw);
    }
    outln!("  issuers    {}", doc.issuers.join("、"));
    outln!(
        "  dates      issued {} published {}",
        doc.dates.issued.as_deref().unwrap_or("-"),
        doc.dates.published.as_deref().unwrap_or("-")
    );
    outln!("  lang/type  {} {}", doc.lang.as_str(), doc.doc_type.as_str());
    for cited in &doc.cites {
        let number = cited.doc_number.as_ref().map(|n| n.normalized.as_str()).unwrap_or("");
        outln!("  cites      {} {number}", cited.title.as_deref().unwrap_or(""));
    }
    for attachment in &doc.missing_attachments {
        outln!("  missing    {attachment}");
    }
    for warning in &doc.warnings {
        outln!("  warning    {warning}");
    }
    outln!("  {} clauses", read.clauses.len());
    for clause in &read.clauses {
        let preview: String = clause.text.chars().take(60).collect();
        let anchor_path = clause.anchor.rsplit('#').next().unwrap_or_default();
        outln!("    {anchor_path:<10} {:<14} {preview}", clause.label);
    }
}
