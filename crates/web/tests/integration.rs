//! Integration tests of the tiaowen pages: one module per area.

mod browser;
mod pages;
mod support;
