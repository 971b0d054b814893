//! Turns the nodes of the pass into clauses: drops numbered nodes that are only
//! headings, cuts paragraph runs to clause size, builds heading chains and makes paths
//! unique.

use std::collections::{HashMap, HashSet};

use tiaowen_model::Lang;
use tiaowen_text::starts_with_bullet;

use crate::builder::{Node, NodeKind};
use crate::marker::outline_number_len;
use crate::sections::{sections, Section};
use crate::SegmentedClause;

/// A run of unnumbered paragraphs is cut once a piece reaches this many characters...
const MIN_PIECE_CHARS: usize = 200;
/// ...or before it would pass this many.
const MAX_PIECE_CHARS: usize = 1500;
/// A bulleted item starts a piece of its own once the piece before it holds this many
/// characters: items are cited one by one, very short ones (a word or two each) together.
const MIN_ITEM_CUT_CHARS: usize = 80;
/// The longest article kept whole, in characters. Articles are what laws are cited by,
/// but a clause of several pages is no answer a reader can use: no article of the
/// corpus laws comes near it, only the largest articles of the bilingual constitution
/// with their English translation.
const MAX_ARTICLE_CHARS: usize = 2000;
/// An English preamble longer than this many characters is a report's prose before its
/// numbered part (a government response before its table of recommendations), cut at
/// its own titles like a document without numbers rather than as one cover letter.
const MAX_COVER_CHARS: usize = 4500;
/// Longest title text (after the number) of a numbered heading, Chinese.
const MAX_TITLE_CHARS_ZH: usize = 50;
/// Longest title text (after the number) of a numbered heading, English.
const MAX_TITLE_CHARS_EN: usize = 160;
/// Longest ancestor title quoted in a heading chain before it is shortened.
const MAX_CHAIN_TITLE_CHARS: usize = 60;

/// Builds the clauses of a document from its nodes; `lang` chooses the words of
/// generated labels (前言 / Preamble, 第1段 / ¶1).
pub(crate) fn finish(nodes: &[Node], lang: Lang) -> Vec<SegmentedClause> {
    let numbered = nodes.iter().any(|n| matches!(n.kind, NodeKind::Article | NodeKind::Outline));
    let headings: Vec<bool> = nodes.iter().map(is_heading).collect();
    let mut paths = PathSet::default();
    let mut clauses = Vec::new();
    // Each numbered node's path and how many pieces of its text are clauses so far.
    let mut given: HashMap<usize, (String, usize)> = HashMap::new();
    for (index, node) in nodes.iter().enumerate() {
        match node.kind {
            NodeKind::Article | NodeKind::Outline => {
                if headings[index] {
                    continue;
                }
                let english_article = node.kind == NodeKind::Article && node.lang == Lang::En;
                let path = paths.unique(&node.path, english_article);
                let chain = heading_chain(nodes, &headings, index);
                let pieces = push_numbered(&mut clauses, node, path.clone(), chain, lang);
                given.insert(index, (path, pieces));
            }
            NodeKind::Continuation => {
                let Some(owner) = node.parent else { continue };
                let (path, done) = given
                    .get(&owner)
                    .cloned()
                    .unwrap_or_else(|| (paths.unique(&nodes[owner].path, false), 0));
                let chain = heading_chain(nodes, &headings, index);
                let texts = pieces(&node.blocks, MAX_PIECE_CHARS);
                for (at, text) in texts.iter().enumerate() {
                    let (piece_path, label) = piece_of(&path, &node.label, done + at + 1, lang);
                    let piece_path =
                        if done + at == 0 { piece_path } else { paths.unique(&piece_path, false) };
                    clauses.push(SegmentedClause {
                        path: piece_path,
                        label,
                        headings: chain.clone(),
                        text: text.clone(),
                    });
                }
                given.insert(owner, (path, done + texts.len()));
            }
            NodeKind::Preamble if numbered && !reads_as_report(node, lang) => {
                // A cover letter reads best whole: group up to the maximum.
                let preamble = pieces(&node.blocks, MAX_PIECE_CHARS);
                for (piece_index, text) in preamble.into_iter().enumerate() {
                    let path = match piece_index {
                        0 => "0".to_string(),
                        n => format!("0.p{}", n + 1),
                    };
                    let label = if lang == Lang::En { "Preamble" } else { "前言" };
                    clauses.push(SegmentedClause {
                        path: paths.unique(&path, false),
                        label: label.to_string(),
                        headings: node.context.clone(),
                        text,
                    });
                }
            }
            NodeKind::Preamble | NodeKind::Paragraphs => {
                // Without numbers, an English report's own titles set it out. A Chinese
                // document without numbers is a short notice, whose short lines are its
                // number, its signature and lists of names, not titles.
                let parts = if (numbered && node.kind != NodeKind::Preamble) || lang == Lang::Zh {
                    let blocks = node.blocks.iter().map(String::as_str).collect();
                    vec![Section { titles: Vec::new(), blocks }]
                } else {
                    sections(&node.blocks)
                };
                for part in parts {
                    let mut headings = node.context.clone();
                    headings.extend(part.titles);
                    for text in pieces(&part.blocks, MIN_PIECE_CHARS) {
                        let number = paths.next_paragraph(&node.prefix);
                        let label = match lang {
                            Lang::En => format!("¶{number}"),
                            Lang::Zh => format!("第{number}段"),
                        };
                        let path = format!("{}p{number}", node.prefix);
                        clauses.push(SegmentedClause {
                            path: paths.unique(&path, false),
                            label,
                            headings: headings.clone(),
                            text,
                        });
                    }
                }
            }
        }
    }
    merge_parallel_articles(clauses)
}

/// Tells whether a preamble is a report's prose rather than a cover letter: English and
/// longer than [`MAX_COVER_CHARS`].
fn reads_as_report(node: &Node, lang: Lang) -> bool {
    lang == Lang::En
        && node.blocks.iter().map(|b| b.chars().count()).sum::<usize>() > MAX_COVER_CHARS
}

/// The path and label of the `n`th piece (from 1) of the text of the numbered node at
/// `path` labelled `label`, in `lang`: the node's own for the first, else `{path}.p{n}` and
/// `{label}第{n}段` (`{label} ¶{n}`).
fn piece_of(path: &str, label: &str, n: usize, lang: Lang) -> (String, String) {
    if n <= 1 {
        return (path.to_owned(), label.to_owned());
    }
    let label = match lang {
        Lang::En => format!("{label} ¶{n}"),
        Lang::Zh => format!("{label}第{n}段"),
    };
    (format!("{path}.p{n}"), label)
}

/// Adds a numbered clause and returns how many clauses its text made. An outline item that
/// runs past [`MAX_PIECE_CHARS`] over several paragraphs (a section with unnumbered
/// paragraphs under its title) is cut at paragraph boundaries into `{path}`, `{path}.p2`,
/// ... so that a hit stays clause-sized; an article stays whole up to
/// [`MAX_ARTICLE_CHARS`], because articles are what laws are cited by.
fn push_numbered(
    clauses: &mut Vec<SegmentedClause>,
    node: &Node,
    path: String,
    headings: Vec<String>,
    lang: Lang,
) -> usize {
    let text = node.blocks.join("\n");
    let chars = text.chars().count();
    let whole = if node.kind == NodeKind::Article { MAX_ARTICLE_CHARS } else { MAX_PIECE_CHARS };
    if chars <= whole {
        clauses.push(SegmentedClause { path, label: node.label.clone(), headings, text });
        return 1;
    }
    let mut continued = headings.clone();
    if let Some(first) = node.blocks.first() {
        continued.push(short_title(first));
    }
    let texts = pieces(&node.blocks, MAX_PIECE_CHARS);
    let count = texts.len();
    for (index, text) in texts.into_iter().enumerate() {
        // A piece is labelled in the language of its text: an English article of a
        // Chinese document is `Article 67 ¶2`.
        let text_lang = if node.kind == NodeKind::Article { node.lang } else { lang };
        let (piece_path, label) = piece_of(&path, &node.label, index + 1, text_lang);
        let chain = if index == 0 { headings.clone() } else { continued.clone() };
        clauses.push(SegmentedClause { path: piece_path, label, headings: chain, text });
    }
    count
}

/// Joins the English twin of an article (`a1.en`, from a bilingual text that gives each
/// article in Chinese and then in English) to its Chinese article, so that one clause
/// carries both versions and a query in either language finds it; a pair longer than
/// [`MAX_ARTICLE_CHARS`] together stays two clauses.
fn merge_parallel_articles(clauses: Vec<SegmentedClause>) -> Vec<SegmentedClause> {
    let mut merged: Vec<SegmentedClause> = Vec::with_capacity(clauses.len());
    let mut by_path: HashMap<String, usize> = HashMap::new();
    for clause in clauses {
        let twin_of = clause.path.strip_suffix(".en").and_then(|base| by_path.get(base)).copied();
        match twin_of {
            Some(at)
                if merged[at].text.starts_with('第')
                    && merged[at].text.chars().count() + clause.text.chars().count()
                        < MAX_ARTICLE_CHARS =>
            {
                let article = &mut merged[at];
                article.text.push('\n');
                article.text.push_str(&clause.text);
                for heading in clause.headings {
                    if !article.headings.contains(&heading) {
                        article.headings.push(heading);
                    }
                }
            }
            _ => {
                by_path.insert(clause.path.clone(), merged.len());
                merged.push(clause);
            }
        }
    }
    merged
}

/// The paths given out so far.
#[derive(Debug, Default)]
struct PathSet {
    used: HashSet<String>,
    paragraphs: HashMap<String, u32>,
}

impl PathSet {
    /// Returns `path`, or a variant of it not used yet: `a1.en` for the English
    /// twin of an article, else `path~2`, `path~3`...
    fn unique(&mut self, path: &str, english_article: bool) -> String {
        if self.used.insert(path.to_string()) {
            return path.to_string();
        }
        if english_article {
            let english = format!("{path}.en");
            if self.used.insert(english.clone()) {
                return english;
            }
        }
        let mut n = 2u32;
        loop {
            let candidate = format!("{path}~{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    /// Returns the next paragraph number under an attachment prefix.
    fn next_paragraph(&mut self, prefix: &str) -> u32 {
        let counter = self.paragraphs.entry(prefix.to_string()).or_insert(0);
        *counter += 1;
        *counter
    }
}

/// Tells whether a numbered node is only a heading for its children: it has
/// children, no paragraph of its own, and its line is a bare title ("一、总体要求",
/// "（一）统筹两个市场，打造加工制造中心。"), not a title followed by text.
fn is_heading(node: &Node) -> bool {
    let (title, title_blocks) = title_of(node);
    node.kind == NodeKind::Outline
        && node.has_children
        && node.blocks.len() == title_blocks
        && is_bare_title(&title)
}

/// Returns a numbered node's title line and the number of blocks it takes: a number
/// standing alone in its block (a table cell "（三）") takes its title from the next.
fn title_of(node: &Node) -> (String, usize) {
    let first = node.blocks.first().map_or("", String::as_str);
    let number_only = outline_number_len(first) == first.len();
    match node.blocks.get(1) {
        Some(second) if number_only && node.kind == NodeKind::Outline => {
            (format!("{first}{second}"), 2)
        }
        _ => (first.to_string(), 1),
    }
}

/// Tells whether the text after a block's outline number is one short title.
fn is_bare_title(block: &str) -> bool {
    let rest = block[outline_number_len(block)..].trim();
    let core = rest.trim_end_matches(['。', '.', '；', ';', '：', ':', ' ']);
    let limit = match Lang::detect(core) {
        Lang::Zh => MAX_TITLE_CHARS_ZH,
        Lang::En => MAX_TITLE_CHARS_EN,
    };
    core.chars().count() <= limit
        && !core.contains(['。', '；', '！', '？'])
        && !core.contains(". ")
}

/// Builds the heading chain of a numbered node: its structural headings, then the
/// titles of its numbered ancestors, outermost first.
fn heading_chain(nodes: &[Node], headings: &[bool], index: usize) -> Vec<String> {
    let mut ancestors = Vec::new();
    let mut parent = nodes[index].parent;
    while let Some(ancestor) = parent {
        let (title, _) = title_of(&nodes[ancestor]);
        ancestors.push(if headings[ancestor] { title } else { short_title(&title) });
        parent = nodes[ancestor].parent;
    }
    let mut chain = nodes[index].context.clone();
    chain.extend(ancestors.into_iter().rev());
    chain
}

/// Returns the first sentence of a block (its title), shortened if long.
fn short_title(block: &str) -> String {
    let number_len = outline_number_len(block);
    let end = block
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '。' | '；' | '！' | '？')
                || (*c == '.' && *i >= number_len && block[i + 1..].starts_with(' '))
        })
        .map_or(block.len(), |(i, _)| i);
    let title = &block[..end];
    if title.chars().count() <= MAX_CHAIN_TITLE_CHARS {
        return title.to_string();
    }
    let mut short: String = title.chars().take(MAX_CHAIN_TITLE_CHARS).collect();
    short.push('…');
    short
}

/// Cuts a run of paragraphs into clause-sized pieces: short paragraphs are grouped
/// until a piece reaches `min_chars`, no piece grows past [`MAX_PIECE_CHARS`] by
/// grouping, a long paragraph stands alone, and a bulleted item starts a piece once the
/// one before holds [`MIN_ITEM_CUT_CHARS`].
fn pieces<S: AsRef<str>>(blocks: &[S], min_chars: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut current_chars = 0usize;
    for block in blocks.iter().map(AsRef::as_ref) {
        let chars = block.chars().count();
        let item = starts_with_bullet(block) && current_chars >= MIN_ITEM_CUT_CHARS;
        let full = item || current_chars >= min_chars || current_chars + chars > MAX_PIECE_CHARS;
        if !current.is_empty() && full {
            out.push(current.join("\n"));
            current.clear();
            current_chars = 0;
        }
        current.push(block);
        current_chars += chars;
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_without_numbers_is_cut_under_its_titles_and_at_its_bullets() {
        let blocks: Vec<String> = [
            "America's AI Action Plan sets out what the Federal government will do in the \
             coming months to win the race for global leadership in artificial intelligence.",
            "Remove Red Tape and Onerous Regulation",
            "To maintain global leadership in AI, America's private sector must be \
             unencumbered by bureaucratic red tape, and Federal funding should not go to \
             states whose rules hinder AI development or deployment.",
            "Recommended Policy Actions",
            "• Led by the Office of Science and Technology Policy (OSTP), launch a Request \
             for Information about current Federal regulations that hinder AI innovation.",
            "• Led by the Office of Management and Budget (OMB), work with all Federal \
             agencies to identify, revise, or repeal regulations that hinder AI.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let clauses = crate::segment(&blocks);
        let labels: Vec<&str> = clauses.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["¶1", "¶2", "¶3", "¶4"]);
        assert!(clauses[0].headings.is_empty());
        assert_eq!(clauses[1].headings, ["Remove Red Tape and Onerous Regulation"]);
        assert!(clauses[1].text.starts_with("To maintain"), "the title is no longer text");
        for item in &clauses[2..] {
            // Said once, the list's title is a section of its own (see `sections` for
            // one that recurs in every section).
            assert_eq!(item.headings, ["Recommended Policy Actions"]);
            assert!(item.text.starts_with('•'), "one item a clause: {}", item.text);
        }
    }

    #[test]
    fn a_chinese_notice_without_numbers_has_no_titles() {
        let blocks: Vec<String> = [
            "国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施有关规定的决定",
            "国发〔2018〕43号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为进一步支持海南省试点发展国际医疗旅游相关产业，国务院决定暂时调整实施有关规定。",
            "国务院",
            "2018年12月21日",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let clauses = crate::segment(&blocks);
        assert!(clauses.iter().all(|c| c.headings.is_empty()), "{clauses:?}");
        assert!(clauses[0].text.contains("国发〔2018〕43号"));
    }

    #[test]
    fn tells_bare_titles_from_titled_text() {
        assert!(is_bare_title("一、总体要求"));
        assert!(is_bare_title("（一）统筹两个市场，打造加工制造中心。"));
        assert!(is_bare_title("III. Reporting Matters"));
        assert!(!is_bare_title("（一）基本原则。坚持稳中求进，守正创新。"));
        assert!(!is_bare_title("(I) Create a demonstration project. Explore a new model."));
    }

    #[test]
    fn shortens_titles_to_their_first_sentence() {
        assert_eq!(short_title("（一）指导思想。以习近平新时代"), "（一）指导思想");
        assert_eq!(short_title("1. Supporting content"), "1. Supporting content");
        assert_eq!(short_title("II. Work. More text"), "II. Work");
        let long = "一".repeat(80);
        assert_eq!(short_title(&long).chars().count(), MAX_CHAIN_TITLE_CHARS + 1);
    }

    #[test]
    fn groups_short_paragraphs_and_keeps_long_ones_alone() {
        let short = "短".repeat(50);
        let long = "长".repeat(1600);
        let blocks = vec![short.clone(), short.clone(), long.clone(), short.clone()];
        let got = pieces(&blocks, MIN_PIECE_CHARS);
        assert_eq!(got, vec![format!("{short}\n{short}"), long, short]);
    }

    #[test]
    fn makes_paths_unique_deterministically() {
        let mut paths = PathSet::default();
        assert_eq!(paths.unique("a1", false), "a1");
        assert_eq!(paths.unique("a1", true), "a1.en");
        assert_eq!(paths.unique("a1", true), "a1~2");
        assert_eq!(paths.unique("1", false), "1");
        assert_eq!(paths.unique("1", false), "1~2");
    }
}
