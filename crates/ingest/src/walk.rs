//! Finding the documents below the paths given to ingest.

use std::path::{Path, PathBuf};

use tiaowen_model::SourceFormat;

use crate::{Error, Failure, Result};

/// A file to ingest with its stable document id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFile {
    /// The file on disk.
    pub path: PathBuf,
    /// The document id: the path relative to the corpus root, `/`-separated.
    pub id: String,
}

/// The files found, the id prefixes of the folders walked, and what could not be walked.
#[derive(Debug, Default)]
pub struct Walked {
    /// Supported files, sorted by id.
    pub files: Vec<CorpusFile>,
    /// Id prefixes of the folders walked ("" for the corpus root itself).
    pub prefixes: Vec<String>,
    /// Entries that could not be read.
    pub failures: Vec<Failure>,
}

/// Lists the supported documents below `paths` (files or folders). Files named README.md
/// at a folder's top describe the corpus, not a document, and are left out.
pub fn find_documents(paths: &[PathBuf], corpus_root: &Path) -> Result<Walked> {
    let mut walked = Walked::default();
    for root in paths {
        let meta =
            std::fs::metadata(root).map_err(|source| Error::Io { path: root.clone(), source })?;
        if meta.is_file() {
            let base = root.parent().unwrap_or(Path::new(""));
            walked
                .files
                .push(CorpusFile { path: root.clone(), id: document_id(root, corpus_root, base) });
            continue;
        }
        walked.prefixes.push(document_id(root, corpus_root, root));
        for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    walked.failures.push(Failure { path, reason: e.to_string() });
                    continue;
                }
            };
            if !entry.file_type().is_file() || !is_document(entry.path()) {
                continue;
            }
            let id = document_id(entry.path(), corpus_root, root);
            walked.files.push(CorpusFile { path: entry.into_path(), id });
        }
    }
    walked.files.sort_by(|a, b| a.id.cmp(&b.id));
    walked.files.dedup_by(|a, b| a.id == b.id);
    Ok(walked)
}

/// Tells whether a file is a document to ingest.
fn is_document(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
        return false;
    }
    path.extension().and_then(|e| e.to_str()).and_then(SourceFormat::from_extension).is_some()
}

/// The stable id of a file: its path relative to the corpus root when it lies inside it,
/// else relative to `base` (the folder given on the command line), `/`-separated.
pub fn document_id(path: &Path, corpus_root: &Path, base: &Path) -> String {
    let relative = relative_to(path, corpus_root).or_else(|| relative_to(path, base));
    let relative = relative.unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// The path of `path` relative to `root`, comparing canonical forms so `./corpus` and
/// `corpus` agree.
fn relative_to(path: &Path, root: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(path).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    path.strip_prefix(&root).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_relative_to_the_corpus_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let file = root.join("zh/html/govcn_001.html");
        assert_eq!(document_id(&file, &root, &root.join("zh")), "zh/html/govcn_001.html");
        let folder = root.join("zh/html");
        assert_eq!(document_id(&folder, &root, &folder), "zh/html");
        assert_eq!(document_id(&root, &root, &root), "");
    }

    #[test]
    fn finds_supported_files_and_skips_readme() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let walked =
            find_documents(std::slice::from_ref(&root), &root).expect("corpus is readable");
        assert!(walked.files.iter().all(|f| f.id != "README.md"));
        assert!(walked.files.iter().any(|f| f.id == "zh/pdf/govcn_002_print.pdf"));
        assert_eq!(walked.prefixes, vec![String::new()]);
    }
}
