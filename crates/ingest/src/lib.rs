//! Walks a corpus and keeps the clause index in step with it: a new file is added, a
//! changed file (by content hash) replaces its clauses, an unchanged file is skipped, and a
//! file gone from a folder that is ingested again loses its clauses. One bad document never
//! stops the run: it is listed in the [`IngestReport`] with its reason.
//!
//! All changes of a run are committed at once at the end, so an interrupted run leaves the
//! previous index intact and searchable.
//!
//! ```no_run
//! use std::path::Path;
//! use tiaowen_index::ClauseIndex;
//! use tiaowen_ingest::{ingest, IngestOptions};
//!
//! let index = ClauseIndex::open_or_create(Path::new("index"))?;
//! let options = IngestOptions::new(Path::new("corpus"));
//! let report = ingest(&index, &[Path::new("corpus").to_path_buf()], &options, &mut |_| {})?;
//! println!("{} added, {} failed", report.added.len(), report.failed.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod pipeline;
mod walk;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tiaowen_index::ClauseIndex;
use tiaowen_parse::ParseOptions;

pub use error::{Error, Result};
pub use pipeline::{build_clauses, read_document, ReadDocument};
pub use walk::{document_id, find_documents, CorpusFile};

/// Bumped whenever parsing or segmentation changes what a file yields, or the index
/// writes a document differently, so that an incremental run re-reads every file.
/// Version 2: clause text hashes of 16 digits. Version 4: documents without numbers cut
/// under their titles and at their bullets; PDF list items whole, footnotes after the
/// body, titles in the largest type; no heading repeating the document's title. Version
/// 5: PDF table rows drawn cell by cell read as one paragraph; `Recommendation N`
/// numbers clauses; an English report's long prose before its numbers cut at its titles;
/// contents lines open no clause; PDF text off the page dropped; a Chinese PDF's titles
/// in larger type head the clauses after them. Version 6: a title the front page qualifies
/// by a labelled body (`预算主管部门：…`) names that body. Version 7: a paragraph after the
/// last entry of a list its section introduced with a colon is the section's text again
/// (`四第2段`), not the last entry's. Version 8: a document without a title of its own
/// records its opening paragraph as its subject, searched with the title.
pub const PIPELINE_VERSION: u32 = 8;

/// How many read documents may wait for the writer.
const READ_AHEAD: usize = 16;

/// How many threads read documents: one per core, at least one.
fn reader_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The corpus root: document ids are paths relative to it.
    pub corpus_root: PathBuf,
    /// How to read files (the PDF worker process).
    pub parse: ParseOptions,
    /// Drop everything indexed and read every file again.
    pub rebuild: bool,
}

impl IngestOptions {
    /// Builds options with the given corpus root, in-process PDF reading and no rebuild.
    pub fn new(corpus_root: &Path) -> IngestOptions {
        IngestOptions {
            corpus_root: corpus_root.to_path_buf(),
            parse: ParseOptions::default(),
            rebuild: false,
        }
    }
}

/// A document that could not be ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

/// What an ingest run did.
#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Ids of documents added.
    pub added: Vec<String>,
    /// Ids of documents whose content changed and were replaced.
    pub updated: Vec<String>,
    /// Ids of documents removed because their file is gone.
    pub removed: Vec<String>,
    /// How many files were unchanged and skipped.
    pub skipped: usize,
    /// Files that could not be read, with reasons.
    pub failed: Vec<Failure>,
    /// Clauses written in this run.
    pub clauses_written: usize,
}

/// Progress events, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    /// The walk found this many candidate files.
    Found(usize),
    /// One file was handled (read, skipped or failed).
    File(&'a Path),
    /// The commit started.
    Committing,
}

/// Ingests the files and folders in `paths` into `index`.
pub fn ingest(
    index: &ClauseIndex,
    paths: &[PathBuf],
    options: &IngestOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<IngestReport> {
    let mut report = IngestReport::default();
    let walked = find_documents(paths, &options.corpus_root)?;
    progress(Progress::Found(walked.files.len()));
    report.failed.extend(walked.failures);
    let known = if options.rebuild { Default::default() } else { index.indexed_files()? };
    let mut updater = index.updater()?;
    if options.rebuild {
        updater.remove_all()?;
    }
    let mut seen = BTreeSet::new();
    // Reading (parsing, PDF workers, segmentation) runs on reader threads, ahead of the
    // writer, so that it overlaps with tantivy's indexing threads.
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<()> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(READ_AHEAD);
        for _ in 0..reader_threads() {
            let (sender, next, known, files) = (sender.clone(), &next, &known, &walked.files);
            scope.spawn(move || loop {
                let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(file) = files.get(at) else { break };
                let read = read_if_changed(file, known.get(&file.id), options);
                if sender.send((file, read)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        for (file, read) in receiver {
            seen.insert(file.id.clone());
            let step =
                write_one(file, read, known.contains_key(&file.id), &mut updater, &mut report);
            if let Err(failure) = step {
                // Keep the previous version of a document that now fails: losing it helps no one.
                report.failed.push(failure);
            }
            progress(Progress::File(&file.path));
        }
        Ok(())
    })?;
    report.added.sort();
    report.updated.sort();
    report.failed.sort_by(|a, b| a.path.cmp(&b.path));
    for id in known.keys() {
        let under_walked_root = walked.prefixes.iter().any(|p| id_is_under(id, p));
        if under_walked_root && !seen.contains(id) {
            updater.remove_document(id)?;
            report.removed.push(id.clone());
        }
    }
    progress(Progress::Committing);
    updater.commit()?;
    Ok(report)
}

/// What reading one file gave: unchanged, read with its hash, or failed.
enum Read {
    Unchanged,
    Changed(Box<ReadDocument>, String),
}

/// Reads one file unless its content hash equals `known_hash`.
fn read_if_changed(
    file: &CorpusFile,
    known_hash: Option<&String>,
    options: &IngestOptions,
) -> Result<Read, Failure> {
    let failure = |reason: String| Failure { path: file.path.clone(), reason };
    let bytes = std::fs::read(&file.path).map_err(|e| failure(e.to_string()))?;
    let hash = content_hash(&bytes);
    if known_hash == Some(&hash) {
        return Ok(Read::Unchanged);
    }
    let read = read_document(&file.path, &file.id, &options.parse)
        .map_err(|e| failure(strip_path(&e.to_string(), &file.path)))?;
    if read.clauses.is_empty() {
        return Err(failure("no clauses found in the text".into()));
    }
    Ok(Read::Changed(Box::new(read), hash))
}

/// Writes what reading one file gave into the index and the report.
fn write_one(
    file: &CorpusFile,
    read: Result<Read, Failure>,
    was_known: bool,
    updater: &mut tiaowen_index::IndexUpdater,
    report: &mut IngestReport,
) -> Result<(), Failure> {
    let (read, hash) = match read? {
        Read::Unchanged => {
            report.skipped += 1;
            return Ok(());
        }
        Read::Changed(read, hash) => (read, hash),
    };
    // A document the index did not hold at the start of the run (or any document after
    // `remove_all`) has nothing to delete first: walked ids are unique.
    let written = if was_known {
        updater.put_document(&read.document, &read.clauses, &hash)
    } else {
        updater.add_document(&read.document, &read.clauses, &hash)
    };
    written.map_err(|e| Failure {
        path: file.path.clone(),
        reason: format!("index refused the document: {e}"),
    })?;
    report.clauses_written += read.clauses.len();
    if was_known {
        report.updated.push(file.id.clone());
    } else {
        report.added.push(file.id.clone());
    }
    Ok(())
}

/// The hash that decides whether a file changed: its bytes and the pipeline version.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{}-p{PIPELINE_VERSION}", blake3::hash(bytes).to_hex())
}

/// Tells whether document `id` lies under the folder prefix `prefix` ("" is the root).
fn id_is_under(id: &str, prefix: &str) -> bool {
    prefix.is_empty() || id.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/'))
}

/// Removes a leading "PATH: " from a parse error, since the report names the file already.
fn strip_path(message: &str, path: &Path) -> String {
    let shown = format!("{}: ", path.display());
    message.strip_prefix(&shown).unwrap_or(message).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matching_respects_folder_boundaries() {
        assert!(id_is_under("zh/html/a.html", "zh/html"));
        assert!(id_is_under("zh/html/a.html", ""));
        assert!(!id_is_under("zh/html2/a.html", "zh/html"));
    }

    #[test]
    fn hash_changes_with_content() {
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"a"), content_hash(b"a"));
    }
}
