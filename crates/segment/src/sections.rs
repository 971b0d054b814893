//! Sections of an English document without numbers: its unnumbered titles.
//!
//! A report or a news digest has no `I.` or `Article 5`, yet it is set out under
//! titles (`Remove Red Tape and Onerous Regulation`, `Recommended Policy Actions`). A
//! title becomes the heading of the paragraphs under it instead of the first words of one
//! of them, so that a hit says which part it belongs to and a question naming the part
//! finds its paragraphs. (That a bulleted item starts a clause of its own is decided where
//! paragraphs are grouped into clauses.)

use std::collections::HashMap;

use tiaowen_model::is_cjk;
use tiaowen_text::{ends_sentence, starts_with_bullet};

/// Longest title, in words, of English text.
const MAX_TITLE_WORDS: usize = 12;
/// Longest title, in characters, of Chinese text.
const MAX_TITLE_CHARS_ZH: usize = 30;
/// Most titles in a row read as one heading chain (`Case Study`, then the story's
/// title); a longer run of short lines (the names and posts under a foreword) is text,
/// and only its last line a title.
const MAX_TITLE_RUN: usize = 3;
/// A title that comes back this many times (`Recommended Policy Actions` in every
/// section) heads a part of the section before it rather than a section of its own.
const MIN_RECURRING: usize = 3;

/// A run of paragraphs under its titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section<'a> {
    /// The titles above it, outermost first (empty before the first title).
    pub titles: Vec<String>,
    /// Its paragraphs.
    pub blocks: Vec<&'a str>,
}

/// Cuts the paragraphs of an unnumbered document into sections at its titles: short
/// lines that do not end a sentence, start with a capital (or a Chinese character) and
/// are followed by text. Text before the first title forms a section without titles.
pub(crate) fn sections(blocks: &[String]) -> Vec<Section<'_>> {
    let title_like: Vec<bool> = blocks.iter().map(|b| is_title_line(b)).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (block, _) in blocks.iter().zip(&title_like).filter(|(_, &t)| t) {
        *seen.entry(block.as_str()).or_default() += 1;
    }
    let recurring = |block: &str| seen.get(block).is_some_and(|&n| n >= MIN_RECURRING);
    let mut out = vec![Section { titles: Vec::new(), blocks: Vec::new() }];
    let mut outer: Vec<String> = Vec::new();
    let mut at = 0;
    while at < blocks.len() {
        let run_end = (at..blocks.len()).find(|&i| !title_like[i]).unwrap_or(blocks.len());
        // What follows must be text in its own right: not a line going on with the run's
        // last line (`It is China's latest effort to promote` / `high-standard opening…`).
        let heads_text = blocks.get(run_end).is_some_and(|b| {
            (is_body(b) || is_byline(b)) && !b.starts_with(|c: char| c.is_lowercase())
        });
        if run_end == at || !heads_text {
            // Text, or short lines that no text follows (names and posts, one a line).
            let section = out.last_mut().expect("there is always a section");
            section.blocks.extend(blocks[at..run_end.max(at + 1)].iter().map(String::as_str));
            at = run_end.max(at + 1);
            continue;
        }
        // A run after text, or opening the document, is one chain; after a short line
        // (a name under a foreword) only its last line is a title.
        let after_text = at == 0 || is_body(&blocks[at - 1]);
        let first_title =
            if run_end - at > MAX_TITLE_RUN || !after_text { run_end - 1 } else { at };
        let section = out.last_mut().expect("there is always a section");
        section.blocks.extend(blocks[at..first_title].iter().map(String::as_str));
        let run: Vec<String> = blocks[first_title..run_end].to_vec();
        let lasting: Vec<String> = run.iter().filter(|t| !recurring(t)).cloned().collect();
        let titles = if lasting.is_empty() {
            let mut titles = outer.clone();
            titles.extend(run);
            titles
        } else {
            outer = lasting;
            run
        };
        out.push(Section { titles, blocks: Vec::new() });
        at = run_end;
    }
    out.retain(|section| !section.blocks.is_empty());
    out
}

/// Tells whether a paragraph reads as running text: a list item, a sentence, or longer
/// than a title.
fn is_body(block: &str) -> bool {
    let text = block.trim();
    if is_title_line(text) {
        return false;
    }
    let long = match text.chars().next() {
        Some(first) if is_cjk(first) => text.chars().count() > MAX_TITLE_CHARS_ZH,
        _ => text.split_whitespace().count() > MAX_TITLE_WORDS,
    };
    starts_with_bullet(text) || ends_sentence(text) || long
}

/// Tells whether a paragraph is a byline (`By CHEN Chunyou`, `By Staff Reporters`).
fn is_byline(block: &str) -> bool {
    let text = block.trim();
    text.starts_with("By ") && text.split_whitespace().count() <= 4
}

/// Tells whether a text holds a full stop after a word (`rules. The`), not only after
/// an initial or an abbreviation (`U.S. Government`, `Michael J. Kratsios`).
fn ends_a_word_sentence(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        word.strip_suffix('.').is_some_and(|stem| {
            stem.chars().count() >= 3 && stem.chars().all(|c| c.is_ascii_lowercase())
        })
    })
}

/// Tells whether a paragraph reads as a title: short, not ending a sentence or
/// introducing a list, starting with a capital letter or a Chinese character, and not
/// a byline (`By CHEN Chunyou`), a list item, a line of the contents (`Invest in
/// Biosecurity ........ 23`) or a row of a table (`Spring 2025 Recommendation 4`): a
/// title ending in a number is too often one of those.
pub(crate) fn is_title_line(block: &str) -> bool {
    let text = block.trim();
    let Some(first) = text.chars().next() else { return false };
    if starts_with_bullet(text) || ends_sentence(text) || text.ends_with([',', '，']) {
        return false;
    }
    if is_cjk(first) {
        return text.chars().count() <= MAX_TITLE_CHARS_ZH && !text.contains(['，', '。']);
    }
    let words = text.split_whitespace().count();
    first.is_ascii_uppercase()
        && words <= MAX_TITLE_WORDS
        && !is_byline(text)
        && !ends_a_word_sentence(text)
        && !text.ends_with(|c: char| c.is_ascii_digit())
        && !text.contains("...")
        && !text.contains("__")
        && !text.contains('…')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn tells_titles_from_text() {
        assert!(is_title_line("Remove Red Tape and Onerous Regulation"));
        assert!(is_title_line("Pillar I: Accelerate AI Innovation"));
        assert!(is_title_line("Ensure that the U.S. Government Leads in Evaluations"));
        assert!(!is_title_line("Open models are free. Anyone may use them"));
        assert!(!is_title_line("Invest in Biosecurity ........................ 23"));
        assert!(!is_title_line("Next steps ________________ 7"));
        assert!(!is_title_line("Spring 2025 Recommendation 4"));
        assert!(is_title_line("加强资金管理"));
        assert!(!is_title_line("The notice takes effect today."));
        assert!(!is_title_line("The government will:"));
        assert!(!is_title_line("ern, and northeastern regions will be taken into account"));
        assert!(!is_title_line("By LI Linxu"));
        assert!(!is_title_line("• Led by OMB, work with Federal agencies"));
        assert!(!is_title_line("各地要加强资金管理，确保专款专用"));
    }

    #[test]
    fn titles_head_the_paragraphs_under_them() {
        let doc = blocks(&[
            "This plan sets out what the Federal government will do.",
            "Remove Red Tape and Onerous Regulation",
            "America's private sector must be unencumbered by red tape.",
            "Recommended Policy Actions",
            "• Led by OSTP, launch a Request for Information.",
            "• Led by OMB, identify regulations that hinder AI.",
            "Encourage Open-Source AI",
            "Open models are made freely available.",
            "Recommended Policy Actions",
            "• Ensure access to computing power.",
            "Build AI Infrastructure",
            "Recommended Policy Actions",
            "• Streamline permitting.",
        ]);
        let sections = sections(&doc);
        let titles: Vec<Vec<String>> = sections.iter().map(|s| s.titles.clone()).collect();
        assert_eq!(titles[0], Vec::<String>::new());
        assert_eq!(titles[1], ["Remove Red Tape and Onerous Regulation"]);
        assert_eq!(
            titles[2],
            ["Remove Red Tape and Onerous Regulation", "Recommended Policy Actions"]
        );
        assert_eq!(titles[3], ["Encourage Open-Source AI"]);
        assert_eq!(titles[4], ["Encourage Open-Source AI", "Recommended Policy Actions"]);
        // A title followed at once by a recurring one heads it.
        assert_eq!(titles[5], ["Build AI Infrastructure", "Recommended Policy Actions"]);
        assert_eq!(sections[2].blocks.len(), 2);
        let text: usize = sections.iter().map(|s| s.blocks.len()).sum();
        assert_eq!(text, doc.len() - 6, "every block but the six titles is text");
    }

    #[test]
    fn long_runs_of_short_lines_stay_text_and_trailing_ones_too() {
        let doc = blocks(&[
            "This plan sets out what the Federal government will do.",
            "Michael J. Kratsios",
            "Assistant to the President for Science and Technology",
            "David O. Sacks",
            "Special Advisor for AI and Crypto",
            "Pillar I: Accelerate AI Innovation",
            "America must have the most powerful AI systems in the world.",
            "Contact Us",
        ]);
        let sections = sections(&doc);
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].blocks.len(), 5, "the names stay text");
        assert_eq!(sections[1].titles, ["Pillar I: Accelerate AI Innovation"]);
        assert_eq!(sections[1].blocks.last(), Some(&"Contact Us"));
    }

    #[test]
    fn a_line_that_the_next_goes_on_with_is_no_title() {
        let doc = blocks(&[
            "The move follows this year's government work report.",
            "It is China's latest effort to promote",
            "high-standard opening up and the development of the telecom industry.",
        ]);
        let sections = sections(&doc);
        assert_eq!(sections.len(), 1);
        assert!(sections[0].titles.is_empty());
        assert_eq!(sections[0].blocks.len(), 3);
    }
}
