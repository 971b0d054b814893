//! `tiaowen serve`: the HTTP API and search page over the index, building the index from
//! the corpus on first start.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use tiaowen_index::ClauseIndex;

use crate::backend::IndexBackend;
use crate::config::ServeArgs;

/// Runs `tiaowen serve` until SIGINT or SIGTERM.
pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let index = open_or_build(args)?;
    let backend: Arc<dyn tiaowen_api::Backend> = Arc::new(IndexBackend::new(index));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr().context("listener has no address")?;
        eprintln!("serving on http://{local}");
        let options = tiaowen_api::ApiOptions { cors: args.cors, ..Default::default() };
        let state = tiaowen_api::AppState::with_options(backend.clone(), options);
        let app = tiaowen_api::routes(state)
            .merge(tiaowen_web::router(backend))
            .fallback(tiaowen_api::not_found);
        tiaowen_api::serve(listener, app, tiaowen_api::shutdown_signal())
            .await
            .context("server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the index, or builds it from the corpus when there is none yet, or rebuilds it
/// when an older version of tiaowen built it (the index holds nothing the corpus does not).
fn open_or_build(args: &ServeArgs) -> anyhow::Result<ClauseIndex> {
    let dir = &args.locations.index;
    let rebuild = match ClauseIndex::open(dir) {
        Ok(index) if index.stats()?.documents > 0 => return Ok(index),
        Ok(_) | Err(tiaowen_index::Error::Missing { .. }) => false,
        Err(error @ tiaowen_index::Error::Incompatible { .. }) => {
            eprintln!("{error}: rebuilding it");
            true
        }
        Err(error) => return super::open_index(dir).context(error.to_string()),
    };
    eprintln!(
        "building the index in {} from {}{}",
        dir.display(),
        args.locations.corpus.display(),
        if rebuild { "" } else { " (first start)" }
    );
    let corpus = args.locations.corpus.clone();
    let report =
        super::ingest::ingest_paths(dir, &corpus, std::slice::from_ref(&corpus), rebuild, 30)?;
    for failure in &report.failed {
        eprintln!("failed {}: {}", failure.path.display(), failure.reason);
    }
    eprintln!(
        "indexed {} documents ({} clauses), {} failed",
        report.added.len(),
        report.clauses_written,
        report.failed.len()
    );
    super::open_index(dir)
}
