//! Command-line arguments. Every option can also come from a `TIAOWEN_*` environment
//! variable; a flag wins over the environment.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Finds the clauses of government documents that answer a question, with citations.
#[derive(Debug, Parser)]
#[command(name = "tiaowen", version, about)]
pub struct Cli {
    /// Log progress and requests (`RUST_LOG` overrides).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingests documents into the index, incrementally (default: corpus/ into index/).
    Ingest(IngestArgs),
    /// Searches the index for clauses.
    Search(SearchArgs),
    /// Shows one clause by its anchor, with its neighbours and citation.
    Show(ShowArgs),
    /// Prints the document record and clause tree of a file, or of every file below a folder.
    Inspect(InspectArgs),
    /// Serves the HTTP API and the search page, building the index on first start.
    Serve(ServeArgs),
    /// Measures ingest throughput, index size and search latency.
    Bench(BenchArgs),
    /// Extracts one PDF's text in a child process (internal).
    #[command(name = "__pdf-worker", hide = true)]
    PdfWorker(PdfWorkerArgs),
}

/// Where the index and the corpus are.
#[derive(Debug, Clone, Args)]
pub struct Locations {
    /// The index directory.
    #[arg(long, env = "TIAOWEN_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// The corpus root: document ids are paths relative to it.
    #[arg(long, env = "TIAOWEN_CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,
}

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to ingest (default: the corpus root).
    pub paths: Vec<PathBuf>,
    /// Index and corpus locations.
    #[command(flatten)]
    pub locations: Locations,
    /// Drop the index and read everything again.
    #[arg(long)]
    pub rebuild: bool,
    /// Seconds one PDF may take to extract.
    #[arg(long, env = "TIAOWEN_PDF_TIMEOUT", default_value_t = 30)]
    pub pdf_timeout: u64,
}

/// Arguments of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query, in Chinese or English; a document number works too. Words in double
    /// quotes must stand in a clause as written; a word after a minus must not (a query
    /// may start with one: `tiaowen search "-住房 补贴"`).
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Print the answer as JSON (the same shape as the HTTP API).
    #[arg(long)]
    pub json: bool,
    /// How many hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// How many hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Only documents in this language (zh or en).
    #[arg(long)]
    pub lang: Option<String>,
    /// Only documents of this type (notice, opinions, measures, regulations, law, ...).
    #[arg(long = "type")]
    pub doc_type: Option<String>,
    /// Only documents whose issuer contains this text.
    #[arg(long)]
    pub issuer: Option<String>,
    /// Only documents dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Only documents in force: no superseded version, nothing repealed or expired.
    #[arg(long)]
    pub current: bool,
    /// Every document, even when the question names an act without book-title marks
    /// (which otherwise keeps the search to that act).
    #[arg(long)]
    pub all_documents: bool,
    /// Show how the query was expanded and why each hit scored as it did.
    #[arg(long)]
    pub explain: bool,
    /// The index directory.
    #[arg(long, env = "TIAOWEN_INDEX", default_value = "index")]
    pub index: PathBuf,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The clause anchor, e.g. `zh/html/govcn_006.html#2.5`.
    pub anchor: String,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// The index directory.
    #[arg(long, env = "TIAOWEN_INDEX", default_value = "index")]
    pub index: PathBuf,
}

/// Arguments of `inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A file, or a folder whose files are inspected one by one.
    pub path: PathBuf,
    /// Print JSON (one object per line for a folder).
    #[arg(long)]
    pub json: bool,
    /// The corpus root, for document ids.
    #[arg(long, env = "TIAOWEN_CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Seconds one PDF may take to extract.
    #[arg(long, env = "TIAOWEN_PDF_TIMEOUT", default_value_t = 30)]
    pub pdf_timeout: u64,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, env = "TIAOWEN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Index and corpus locations.
    #[command(flatten)]
    pub locations: Locations,
    /// Allow browser clients from any origin (CORS).
    #[arg(long, env = "TIAOWEN_CORS")]
    pub cors: bool,
}

/// Arguments of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Corpus folders or .tar.gz archives of Markdown/text documents to ingest.
    #[arg(default_value = "corpus")]
    pub corpora: Vec<PathBuf>,
    /// Queries file (JSON lines with a "query" field) for search latency.
    #[arg(long)]
    pub queries: Option<PathBuf>,
    /// Rounds over the queries.
    #[arg(long, default_value_t = 20)]
    pub rounds: usize,
    /// Ingest runs per corpus, alternating pipeline and bare index; the median of each
    /// is reported, and the fastest.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub ingest_runs: u32,
}

/// Arguments of the internal PDF worker.
#[derive(Debug, Args)]
pub struct PdfWorkerArgs {
    /// The PDF file.
    pub file: PathBuf,
}
