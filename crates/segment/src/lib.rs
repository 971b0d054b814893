//! Cuts the normalised body of a government document into numbered clauses.
//!
//! The input is the document body as paragraphs (one block per paragraph or heading,
//! already passed through `tiaowen_text::normalize_line`); [`segment`] returns the
//! clauses in document order as [`SegmentedClause`]s. The crate is pure: no I/O, no
//! index, no tokenizer.
//!
//! # Numbering recognised
//!
//! Only the start of a block counts; a number inside a sentence is text.
//!
//! * Structure headings: `第X编`, `第X分编`, `第X章`, `第X节`, `Part I`, `Chapter II`,
//!   `Section 1`. They go into [`SegmentedClause::headings`] and are never clauses nor
//!   path components (article numbers are unique within a law).
//! * Articles: `第二十二条`, `第十条之一`, `Article 18`, `Recommendation 23` (a report's
//!   numbered recommendations; a title line between them heads the ones after it, and a
//!   table header repeated before each part of the table is dropped).
//! * Outline numbers: `一、` (`一.`), `（一）` (`(一)`), `1.` (`1、`), `（1）`, `①`, and in
//!   translations `I.`, `(I)`/`(One)` (one style: translations mix them at one level),
//!   `(a)`, `(i)`. `1.5亿元`, `3.6.3` and `2019年…` are not item numbers.
//! * Attachments: a short `附件`, `附件1：…`, `Annex 2` line ends the numbered body;
//!   what follows is numbered afresh under the path prefix `attN.`.
//!
//! # Nesting
//!
//! Outline levels follow the order styles appear in: a style already open closes back
//! to its level and must continue its sequence; a new style opens a child level and
//! must start at 1 (or continue the numbering that ran through the previous parent,
//! as `（一）`…`（十八）` do across the parts of many opinions). A translation may
//! switch style within a level (`1. …` then `II. …`). A number that fits nowhere is
//! text. After a `第X条`, outline numbers are items of the article: **the article is
//! the clause**, and `（一）`, `（二）` stay inside its text, because articles are what
//! laws are cited by.
//!
//! A numbered line with children and no text of its own (`一、总体要求`) is a heading
//! of the clauses under it, not a clause; a numbered line with text (`（一）基本原则。
//! 坚持…`) or followed by its own paragraphs is a clause. Unnumbered paragraphs belong
//! to the clause before them; before the first number they form the preamble (in English,
//! a preamble of more than 4,500 characters is a report's prose and is cut like a document
//! without numbers, below). A
//! document with no numbers at all is cut into paragraph clauses of at most about
//! 1,500 characters (short paragraphs grouped, long ones alone); a bulleted item (`• Led
//! by…`) starts a clause of its own, and in English a short line that ends no sentence
//! and is followed by text heads the paragraphs after it (`Remove Red Tape and Onerous
//! Regulation`).
//!
//! # Paths and labels
//!
//! Anchors are `{document id}#{path}`. Paths are unique within a document:
//!
//! | clause | path | label |
//! |---|---|---|
//! | 第二十二条 | `a22` | `第二十二条` |
//! | 第十条之一 | `a10-1` | `第十条之一` |
//! | 二（五） | `2.5` | `二（五）` |
//! | 二（五）3. | `2.5.3` | `二（五）3.` |
//! | II. (5) | `2.5` | `II.(5)` |
//! | 1. (Two) | `1.2` | `1.(Two)` |
//! | preamble | `0`, then `0.p2`, `0.p3` if long | `前言` / `Preamble` |
//! | an outline item whose paragraphs run past 1,500 characters | `1`, `1.p2` … | `I.`, `I. ¶2` / `一第2段` |
//! | unnumbered document | `p1`, `p2` ... | `第1段` / `¶1` |
//! | in the first attachment | `att1.2.1`, `att1.p1` | as above |
//!
//! Outline paths join the values of every numbered ancestor; labels join the numbers
//! as written (`一、` gives `一`, other styles keep their brackets or full stop).
//! When a path repeats, the English twin of an article (`第一条` then `Article 1` in a
//! bilingual text) is joined to the Chinese article, so that one clause `a1` carries
//! both versions and a query in either language finds it; any other repeat gets `~2`,
//! `~3` in document order, so the same input always gives the same paths.
//!
//! # Example
//!
//! ```
//! use tiaowen_segment::segment;
//!
//! let blocks: Vec<String> = ["为加强管理，提出以下意见。", "一、总体要求", "（一）指导思想。坚持稳中求进。", "（二）基本原则。"]
//!     .iter()
//!     .map(|s| s.to_string())
//!     .collect();
//! let clauses = segment(&blocks);
//! let paths: Vec<&str> = clauses.iter().map(|c| c.path.as_str()).collect();
//! assert_eq!(paths, ["0", "1.1", "1.2"]);
//! assert_eq!(clauses[1].label, "一（一）");
//! assert_eq!(clauses[1].headings, ["一、总体要求"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod builder;
mod finish;
mod marker;
mod numeral;
mod outline;
mod sections;

use tiaowen_model::Lang;

/// One clause of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentedClause {
    /// The dotted path, unique within the document (`a22`, `2.5.3`, `0`, `p4`); see
    /// the crate docs for the scheme.
    pub path: String,
    /// The number as the document writes it: `二（五）`, `第二十二条`, `II.(5)`.
    pub label: String,
    /// The headings above the clause, outermost first (`第一章 总则`, `一、总体要求`).
    pub headings: Vec<String>,
    /// The clause text, starting with its own number, paragraphs joined by `\n`.
    pub text: String,
}

/// Cuts a document body, given as normalised paragraphs, into its clauses in order.
///
/// Empty blocks are skipped. Every other block ends up in the text of exactly one
/// clause, or, when it is a heading, in the heading chain of the clauses under it.
pub fn segment(blocks: &[String]) -> Vec<SegmentedClause> {
    segment_with_titles(blocks, &[])
}

/// Like [`segment`], with the indices of the blocks the source sets apart as titles
/// (`ParsedDoc::titles`: larger type in a PDF). In a Chinese document each such block
/// without a number heads the clauses after it, up to the next, and numbering starts
/// afresh under it (a budget's `名词解释`, then `（一）财政拨款收入…`). English documents
/// find their titles in the text (see above), so the hint is not used there.
pub fn segment_with_titles(blocks: &[String], titles: &[usize]) -> Vec<SegmentedClause> {
    let lang = document_lang(blocks);
    let titles = if lang == Lang::Zh { titles } else { &[] };
    let nodes = builder::Builder::run(blocks, titles);
    finish::finish(&nodes, lang)
}

/// Guesses the language of the whole body from its opening text.
fn document_lang(blocks: &[String]) -> Lang {
    const SAMPLE_BYTES: usize = 20_000;
    let mut sample = String::new();
    for block in blocks {
        if sample.len() > SAMPLE_BYTES {
            break;
        }
        sample.push_str(block);
        sample.push('\n');
    }
    Lang::detect(&sample)
}
