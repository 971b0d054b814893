//! One module per page, plus the pieces they share.

pub(crate) mod clause;
pub(crate) mod common;
pub(crate) mod document;
pub(crate) mod search;
