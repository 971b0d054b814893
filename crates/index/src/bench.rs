//! The baseline the ingest benchmark compares against: bare tantivy with the same jieba
//! analyzer, one text field, one entry per clause, and nothing else.

use std::path::Path;
use std::time::{Duration, Instant};

use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{doc, Index, IndexWriter};

use crate::tokenizer::{register_tokenizers, SEARCH_TOKENIZER};
use crate::Result;

/// Indexes `texts` into a fresh bare index in `dir` and returns the time from the first
/// document to the end of the commit, with the same writer threads and memory as the
/// clause index uses.
pub fn bare_index(texts: &[String], dir: &Path) -> Result<Duration> {
    let mut builder = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(SEARCH_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text =
        builder.add_text_field("text", TextOptions::default().set_indexing_options(indexing));
    let index = Index::create_in_dir(dir, builder.build())?;
    register_tokenizers(index.tokenizers());
    let started = Instant::now();
    let mut writer: IndexWriter = index.writer_with_num_threads(2, crate::index::WRITER_MEMORY)?;
    for clause in texts {
        writer.add_document(doc!(text => clause.as_str()))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(started.elapsed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_every_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let texts = vec!["专项附加扣除".to_string(), "pilot cities".to_string()];
        bare_index(&texts, dir.path()).expect("bare index");
        let index = Index::open_in_dir(dir.path()).expect("open");
        let reader = index.reader().expect("reader");
        assert_eq!(reader.searcher().num_docs(), 2);
    }
}
