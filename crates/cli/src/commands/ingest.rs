//! `tiaowen ingest`: brings the index in step with the corpus.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use tiaowen_index::ClauseIndex;
use tiaowen_ingest::{IngestOptions, IngestReport, Progress};

use crate::config::IngestArgs;

/// Runs `tiaowen ingest`; exits 1 when some documents failed (the rest is committed).
pub fn run(args: &IngestArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![args.locations.corpus.clone()]
    } else {
        args.paths.clone()
    };
    let report = ingest_paths(
        &args.locations.index,
        &args.locations.corpus,
        &paths,
        args.rebuild,
        args.pdf_timeout,
    )?;
    print_report(&report);
    Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Ingests `paths` into the index at `index_dir`, creating it if needed, with a progress
/// bar when stderr is a terminal.
pub fn ingest_paths(
    index_dir: &std::path::Path,
    corpus: &std::path::Path,
    paths: &[PathBuf],
    rebuild: bool,
    pdf_timeout: u64,
) -> anyhow::Result<IngestReport> {
    let index = if rebuild {
        ClauseIndex::create(index_dir)
    } else {
        ClauseIndex::open_or_create(index_dir)
    };
    let index = match index {
        Err(error @ tiaowen_index::Error::Incompatible { .. }) => {
            anyhow::bail!("{error}; run `tiaowen ingest --rebuild --index {}`", index_dir.display())
        }
        other => other.with_context(|| format!("cannot open index {}", index_dir.display()))?,
    };
    let mut options = IngestOptions::new(corpus);
    options.parse = super::parse_options(pdf_timeout)?;
    options.rebuild = rebuild;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut on_progress = |event: Progress<'_>| {
        let Some(bar) = &bar else { return };
        match event {
            Progress::Found(n) => bar.set_length(n as u64),
            Progress::File(path) => {
                bar.inc(1);
                bar.set_message(path.display().to_string());
            }
            Progress::Committing => bar.set_message("committing"),
        }
    };
    let report = tiaowen_ingest::ingest(&index, paths, &options, &mut on_progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report)
}

/// Prints what a run did: counts, then each change and failure.
fn print_report(report: &IngestReport) {
    for id in &report.added {
        outln!("added    {id}");
    }
    for id in &report.updated {
        outln!("updated  {id}");
    }
    for id in &report.removed {
        outln!("removed  {id}");
    }
    for failure in &report.failed {
        outln!("failed   {}: {}", failure.path.display(), failure.reason);
    }
    outln!(
        "{} added, {} updated, {} removed, {} skipped, {} failed; {} clauses written",
        report.added.len(),
        report.updated.len(),
        report.removed.len(),
        report.skipped,
        report.failed.len(),
        report.clauses_written
    );
}
