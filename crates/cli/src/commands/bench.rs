//! `tiaowen bench`: ingest throughput, index size and search latency, measured in one
//! run next to a bare tantivy + jieba index of the same clause texts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use tiaowen_index::ClauseIndex;
use tiaowen_ingest::{find_documents, read_document, IngestOptions};
use tiaowen_model::SearchRequest;

use crate::config::BenchArgs;

/// Runs `tiaowen bench` and prints one block of figures per corpus.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    for corpus in &args.corpora {
        let unpacked;
        let root: &Path = if is_tar_gz(corpus) {
            unpacked = unpack(corpus)?;
            unpacked.path()
        } else {
            corpus
        };
        let index_dir = tempfile::tempdir().context("cannot make a temporary index folder")?;
        let figures = measure_ingest(root, index_dir.path(), args.ingest_runs)?;
        outln!("corpus {}", corpus.display());
        outln!("  documents           {}", figures.documents);
        outln!("  clauses             {}", figures.clauses);
        outln!("  clause text         {:.1} MB", mb(figures.text_bytes));
        outln!("  read+segment        {:.2} s", figures.read.as_secs_f64());
        let rate = |time: Duration| mb(figures.text_bytes) / time.as_secs_f64();
        let runs = figures.pipeline.len();
        let (pipeline, bare) = (median(&figures.pipeline), median(&figures.bare));
        outln!(
            "  pipeline ingest     {:.2} s  ({:.1} MB/s of clause text; median of {runs}, fastest {:.2} s)",
            pipeline.as_secs_f64(),
            rate(pipeline),
            figures.pipeline[0].as_secs_f64()
        );
        outln!(
            "  bare tantivy+jieba  {:.2} s  ({:.1} MB/s; median of {runs}, fastest {:.2} s)",
            bare.as_secs_f64(),
            rate(bare),
            figures.bare[0].as_secs_f64()
        );
        outln!(
            "  pipeline / bare     {:.0}% of the bare rate (medians)",
            100.0 * bare.as_secs_f64() / pipeline.as_secs_f64()
        );
        outln!("  index size          {:.1} MB", mb(dir_size(index_dir.path())));
        if let Some(queries) = &args.queries {
            let index = ClauseIndex::open(index_dir.path())?;
            let latency = measure_search(&index, queries, args.rounds)?;
            outln!(
                "  search (snippets)   p50 {:.2} ms  p99 {:.2} ms  over {} queries",
                latency.p50.as_secs_f64() * 1e3,
                latency.p99.as_secs_f64() * 1e3,
                latency.queries
            );
            outln!(
                "  slowest query       {:.2} ms (its median): {}",
                latency.slowest.1.as_secs_f64() * 1e3,
                latency.slowest.0
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Figures of one corpus.
struct IngestFigures {
    documents: usize,
    clauses: usize,
    text_bytes: usize,
    read: Duration,
    /// Pipeline ingest times, fastest first.
    pipeline: Vec<Duration>,
    /// Bare index times, fastest first.
    bare: Vec<Duration>,
}

/// Reads the corpus once (for the clause texts), then times `runs` times, alternating,
/// the whole pipeline into a fresh index and the bare index of the same texts; the last
/// pipeline run leaves its index in `index_dir`. Alternating keeps a busy moment of the
/// machine from falling on one side only.
fn measure_ingest(root: &Path, index_dir: &Path, runs: u32) -> anyhow::Result<IngestFigures> {
    let parse = super::parse_options(30)?;
    let walked = find_documents(&[root.to_path_buf()], root)?;
    let started = Instant::now();
    let mut texts = Vec::new();
    for file in &walked.files {
        if let Ok(read) = read_document(&file.path, &file.id, &parse) {
            texts.extend(read.clauses.into_iter().map(|c| c.text));
        }
    }
    let read = started.elapsed();
    let mut options = IngestOptions::new(root);
    options.parse = parse;
    let (mut pipeline, mut bare) = (Vec::new(), Vec::new());
    let mut documents = 0;
    for run in 0..runs {
        let scratch = tempfile::tempdir()?;
        let dir = if run + 1 == runs { index_dir } else { scratch.path() };
        let started = Instant::now();
        let index = ClauseIndex::create(dir)?;
        let report = tiaowen_ingest::ingest(&index, &[root.to_path_buf()], &options, &mut |_| {})?;
        pipeline.push(started.elapsed());
        documents = report.added.len();
        drop(index);
        let bare_dir = tempfile::tempdir()?;
        bare.push(tiaowen_index::bench::bare_index(&texts, bare_dir.path())?);
    }
    pipeline.sort();
    bare.sort();
    Ok(IngestFigures {
        documents,
        clauses: texts.len(),
        text_bytes: texts.iter().map(String::len).sum(),
        read,
        pipeline,
        bare,
    })
}

/// Search latency over a queries file.
struct Latency {
    /// Median time of all searches.
    p50: Duration,
    /// 99th percentile of all searches.
    p99: Duration,
    /// How many queries the file holds.
    queries: usize,
    /// The query whose median time is the longest, with that time.
    slowest: (String, Duration),
}

/// Runs every query of a JSON-lines file `rounds` times.
fn measure_search(index: &ClauseIndex, queries: &Path, rounds: usize) -> anyhow::Result<Latency> {
    let text = std::fs::read_to_string(queries)
        .with_context(|| format!("cannot read {}", queries.display()))?;
    let mut list = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("bad JSON line in {}", queries.display()))?;
        if let Some(query) = value.get("query").and_then(|q| q.as_str()) {
            list.push(query.to_string());
        }
    }
    anyhow::ensure!(!list.is_empty(), "no queries in {}", queries.display());
    let mut times = Vec::with_capacity(list.len() * rounds);
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); list.len()];
    for _ in 0..rounds.max(1) {
        for (at, query) in list.iter().enumerate() {
            let started = Instant::now();
            let _ = index.search(&SearchRequest::new(query.clone()));
            let took = started.elapsed();
            times.push(took);
            per_query[at].push(took);
        }
    }
    times.sort();
    let quantile =
        |times: &[Duration], q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    let mut slowest = (String::new(), Duration::ZERO);
    for (query, mut own) in list.iter().zip(per_query) {
        own.sort();
        let median = quantile(&own, 0.5);
        if median > slowest.1 {
            slowest = (query.clone(), median);
        }
    }
    Ok(Latency {
        p50: quantile(&times, 0.50),
        p99: quantile(&times, 0.99),
        queries: list.len(),
        slowest,
    })
}

/// Tells whether a path names a gzipped tar archive.
fn is_tar_gz(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.ends_with(".tar.gz") || name.ends_with(".tgz")
}

/// Unpacks a .tar.gz archive into a temporary folder.
fn unpack(archive: &Path) -> anyhow::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let file = std::fs::File::open(archive)
        .with_context(|| format!("cannot open {}", archive.display()))?;
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(dir.path())
        .with_context(|| format!("cannot unpack {}", archive.display()))?;
    Ok(dir)
}

/// The total size of the files below a folder.
fn dir_size(dir: &Path) -> usize {
    let mut total = 0;
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(meta) if meta.is_dir() => stack.push(entry.path()),
                Ok(meta) => total += meta.len() as usize,
                Err(_) => {}
            }
        }
    }
    total
}

/// The median of durations sorted fastest first (the upper one of an even count).
fn median(sorted: &[Duration]) -> Duration {
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// Bytes to megabytes.
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}
