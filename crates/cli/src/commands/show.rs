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
        outln!("{}", serde_json::to_string(&view)?);
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}", view.clause.citation);
    outln!("{}", view.document.title);
    if !view.clause.headings.is_empty() {
        outln!("{}", view.clause.headings.join(" › "));
    }
    outln!();
    outln!("{}", view.clause.text);
    outln!();
    outln!("anchor    {}", view.clause.anchor);
    outln!("previous  {}", view.prev.as_deref().unwrap_or("-"));
    outln!("next      {}", view.next.as_deref().unwrap_or("-"));
    for source in &view.sources {
        outln!("source    {} ({})", source.path, source.format);
    }
    Ok(ExitCode::SUCCESS)
}
