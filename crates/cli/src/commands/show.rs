//! `tiaowen show`: one clause by its anchor.

use std::process::ExitCode;

use crate::config::ShowArgs;

/// Runs `tiaowen show`; exits 1 when no clause has that anchor.
pub fn run(args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let index = super::open_index(&args.index)?;
    let Some(view) = index.clause(&args.anchor)? else {
        eprintln!("error: no clause with anchor {:?}", args.anchor);
        return Ok(ExitCode::from(1));
    };
    if args.json {
        println!("{}", serde_json::to_string(&view)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", view.clause.citation);
    println!("{}", view.document.title);
    if !view.clause.headings.is_empty() {
        println!("{}", view.clause.headings.join(" › "));
    }
    println!();
    println!("{}", view.clause.text);
    println!();
    println!("anchor    {}", view.clause.anchor);
    println!("previous  {}", view.prev.as_deref().unwrap_or("-"));
    println!("next      {}", view.next.as_deref().unwrap_or("-"));
    for source in &view.sources {
        println!("source    {} ({})", source.path, source.format);
    }
    Ok(ExitCode::SUCCESS)
}
