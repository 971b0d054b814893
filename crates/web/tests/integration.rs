//! Integration tests of the tiaowen pages: one module per area.

mod pages;
mod support;
