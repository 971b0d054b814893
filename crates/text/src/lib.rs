//! Text helpers shared by every stage of tiaowen: normalisation of extracted text
//! (NFKC, CJK radicals, stray spaces between Chinese characters) and the parsing of
//! document numbers (文号) in their many spellings, pinyin spellings among them.
//!
//! ```
//! use tiaowen_text::normalize_text;
//! assert_eq!(normalize_text("部 ⻔ 预算　２０２５ 年"), "部门预算2025年");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dates;
pub mod docnum;
mod normalize;
mod numbers;
mod romanize;

pub use dates::{parse_filter_date, DateBound};
pub use docnum::{
    find_doc_number_matches, find_doc_numbers, parse_doc_number, DocNumberForm, DocNumberMatch,
};
pub use normalize::{
    ends_sentence, fold_radical, normalize_line, normalize_text, starts_with_bullet,
};
pub use numbers::{chinese_numeral, parse_chinese_number, parse_english_number};
pub use romanize::pinyin_spellings;
