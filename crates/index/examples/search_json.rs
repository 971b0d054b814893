//! Runs one search against an index and prints the response as JSON, for tuning the
//! ranking against relevance judgements without the full command line.
//!
//! `cargo run -p tiaowen-index --example search_json -- --index DIR [--limit N] QUERY`;
//! `TIAOWEN_RANKING="phrase_boost=3,min_share=0.4"` overrides ranking weights.

use std::path::PathBuf;
use std::process::ExitCode;

use tiaowen_index::{ClauseIndex, Ranking};
use tiaowen_model::SearchRequest;

fn ranking_from_env() -> Ranking {
    let mut ranking = Ranking::default();
    let Ok(spec) = std::env::var("TIAOWEN_RANKING") else { return ranking };
    for pair in spec.split(',').filter(|p| !p.is_empty()) {
        let Some((key, value)) = pair.split_once('=') else { continue };
        let Ok(value) = value.trim().parse::<f32>() else { continue };
        match key.trim() {
            "text_boost" => ranking.text_boost = value,
            "headings_boost" => ranking.headings_boost = value,
            "title_boost" => ranking.title_boost = value,
            "meta_boost" => ranking.meta_boost = value,
            "phrase_boost" => ranking.phrase_boost = value,
            "phrase_slop" => ranking.phrase_slop = value as u32,
            "pair_boost" => ranking.pair_boost = value,
            "pair_slop" => ranking.pair_slop = value as u32,
            "expanded_pair_boost" => ranking.expanded_pair_boost = value,
            "min_share" => ranking.min_share = value,
            "out_of_force_factor" => ranking.out_of_force_factor = value,
            "preamble_factor" => ranking.preamble_factor = value,
            "tabular_factor" => ranking.tabular_factor = value,
            "cross_language_factor" => ranking.cross_language_factor = value,
            "cross_language_factor_zh" => ranking.cross_language_factor_zh = value,
            "coverage_power" => ranking.coverage_power = value,
            "ideal_share" => ranking.ideal_share = value,
            "single_character_share" => ranking.single_character_share = value,
            "answer_boost" => ranking.answer_boost = value,
            "sibling_share" => ranking.sibling_share = value,
            other => eprintln!("unknown ranking key {other}"),
        }
    }
    ranking
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut index_dir = PathBuf::from("index");
    let mut limit = 10;
    let mut query = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--index" => index_dir = args.next().map(PathBuf::from).unwrap_or(index_dir),
            "--limit" => limit = args.next().and_then(|l| l.parse().ok()).unwrap_or(limit),
            "--json" => {}
            _ => query = Some(arg),
        }
    }
    let Some(query) = query else {
        eprintln!("usage: search_json --index DIR [--limit N] QUERY");
        return ExitCode::from(2);
    };
    let index = match ClauseIndex::open(&index_dir) {
        Ok(index) => index,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    index.set_ranking(ranking_from_env());
    let mut request = SearchRequest::new(query);
    request.limit = limit;
    if std::env::var_os("TIAOWEN_TIME").is_some() {
        // The first search loads the jieba dictionary; time the ones after it.
        let _ = index.search(&request);
        let started = std::time::Instant::now();
        for _ in 0..20 {
            let _ = index.search(&request);
        }
        eprintln!("{:.2} ms per search", started.elapsed().as_secs_f64() * 1000.0 / 20.0);
    }
    match index.search(&request).map(|r| serde_json::to_string(&r)) {
        Ok(Ok(json)) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
