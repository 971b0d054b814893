//! Integration tests of document reading: golden checks on real corpus files and the
//! shared fixtures, and bad input.

mod integration {
    mod bad_input;
    mod golden_html;
    mod golden_pdf;
    mod golden_text;
    mod support;
}
