//! Integration tests of `tiaowen-segment`: one module per area.

mod golden;
mod invariants;
mod schemes;
mod tricky;

/// Turns string literals into the owned blocks `segment` takes.
pub fn blocks(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

/// Returns `(path, label)` of every clause.
pub fn paths_and_labels(clauses: &[tiaowen_segment::SegmentedClause]) -> Vec<(String, String)> {
    clauses.iter().map(|clause| (clause.path.clone(), clause.label.clone())).collect()
}
