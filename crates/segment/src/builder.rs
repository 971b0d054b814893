//! The single pass over the blocks that turns marks into a tree of nodes.
//!
//! A node is a numbered unit (an article or an outline number) or a run of
//! unnumbered paragraphs. Whether a numbered node becomes a clause or only a heading
//! for its children is decided afterwards, in [`crate::finish`], once its children
//! are known.

use tiaowen_model::Lang;

use crate::marker::{recognise, Candidate, Marker, Rank};
use crate::outline::{Outline, Style};
use crate::sections::is_title_line;

/// Tells whether a block goes on a list of attachment names ("附件：1.甲" then "2.乙"):
/// such a list at the end of a body names the attachments and opens none of them.
fn lists_more_attachments(next: &str) -> bool {
    match recognise(next) {
        Some(Marker::Attachment { number }) => number == Some(2),
        Some(Marker::Outline(candidates)) => {
            candidates.iter().any(|c| c.style == Style::ArabicDot && c.value == 2)
        }
        _ => false,
    }
}

/// The most title lines in a row read as the heading of the English articles after them.
const MAX_TITLE_RUN: usize = 3;
/// How often a title line must recur to be the header of a table repeated at each of its
/// parts (`Recommendation Response Delivery`), not a title.
const MIN_HEADER_REPEATS: usize = 3;

/// What a block is when it stands between English articles without a number of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Title {
    /// Not a title: handled by its marks.
    None,
    /// The title of the articles after it, until the next title.
    Heading,
    /// The header of a table, repeated before each of its parts: dropped.
    TableHeader,
    /// Set apart by the source (in larger type): the title of what follows, unless it
    /// carries a number.
    SetApart,
}

/// Finds the titles of English articles that have no number: in a report's table of
/// recommendations (`Recommendation 23 …`), the parts are set out by titles
/// (`Enabling safe and trusted AI development through regulation, safety and
/// assurance`), each followed by the table's header again. Up to [`MAX_TITLE_RUN`]
/// title lines right before an English article are looked at: a line recurring
/// [`MIN_HEADER_REPEATS`] times is the table's header, the first other one the title
/// the articles after it stand under. Elsewhere such a line would be the last
/// paragraph of the article before it.
fn titles_before_articles(blocks: &[&str]) -> Vec<Title> {
    let mut titles = vec![Title::None; blocks.len()];
    let is_english_article =
        |block: &str| matches!(recognise(block), Some(Marker::Article { lang: Lang::En, .. }));
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for block in blocks {
        *counts.entry(block).or_default() += 1;
    }
    for (index, block) in blocks.iter().enumerate() {
        if !is_english_article(block) {
            continue;
        }
        let run_start = (index.saturating_sub(MAX_TITLE_RUN)..index)
            .rev()
            .take_while(|&at| recognise(blocks[at]).is_none() && is_title_line(blocks[at]))
            .last();
        let Some(run_start) = run_start else { continue };
        let mut heading_found = false;
        for at in run_start..index {
            titles[at] = if counts[blocks[at]] >= MIN_HEADER_REPEATS {
                Title::TableHeader
            } else if !heading_found {
                heading_found = true;
                Title::Heading
            } else {
                Title::None
            };
        }
    }
    titles
}

/// The fewest items of a list after which an unnumbered paragraph may close it
/// ([`Builder::closes_list`]).
const MIN_LIST_ITEMS: usize = 2;

/// Longest line (in characters) taken as the second line of a broken Chinese heading.
const MAX_HEADING_TAIL_CHARS: usize = 40;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// An article (第X条, Article N).
    Article,
    /// An outline number (二、, （五）, 3., (Two)).
    Outline,
    /// Unnumbered paragraphs before anything numbered.
    Preamble,
    /// Unnumbered paragraphs under a heading, or in a document with no numbers.
    Paragraphs,
    /// The text of a numbered node after the list of items it introduced: a paragraph
    /// after the list's last item that is no part of it (`parent` is the node).
    Continuation,
}

/// One unit found in the document, before paths are made unique.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// What the node stands for.
    pub kind: NodeKind,
    /// The path before it is made unique (numbered nodes only).
    pub path: String,
    /// The label (numbered nodes only).
    pub label: String,
    /// The language of the mark that opened it.
    pub lang: Lang,
    /// The structural headings above it (chapters, attachment titles), outermost first.
    pub context: Vec<String>,
    /// The attachment path prefix in force (`""`, `"att1."`).
    pub prefix: String,
    /// The numbered node it is nested in.
    pub parent: Option<usize>,
    /// Its own paragraphs, the first holding its number.
    pub blocks: Vec<String>,
    /// Whether numbered nodes are nested in it.
    pub has_children: bool,
}

/// A structural heading in force.
#[derive(Debug, Clone)]
struct Heading {
    rank: Rank,
    value: u32,
    lang: Lang,
    text: String,
    /// Whether a node was opened under it.
    used: bool,
}

/// The state of the pass.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    nodes: Vec<Node>,
    headings: Vec<Heading>,
    outline: Outline,
    /// Inside articles, outline numbers are items of the article, not clauses.
    in_articles: bool,
    /// The node that receives the next unnumbered paragraph.
    target: Option<usize>,
    /// The attachment path prefix in force.
    prefix: String,
    attachments: u32,
    /// Whether an article or outline node exists yet (paragraphs before are preamble).
    numbered_seen: bool,
}

impl Builder {
    /// Runs the pass over all blocks and returns the nodes in document order.
    /// `set_apart` holds the indices of the blocks the source sets apart as titles (by
    /// type size); each that carries no number heads the blocks after it, up to the next.
    pub fn run(blocks: &[String], set_apart: &[usize]) -> Vec<Node> {
        let mut builder = Builder::default();
        let (blocks, set_apart): (Vec<&str>, Vec<bool>) = blocks
            .iter()
            .enumerate()
            .map(|(at, block)| (block.trim(), set_apart.contains(&at)))
            .filter(|(block, _)| !block.is_empty())
            .unzip();
        let mut titles = titles_before_articles(&blocks);
        // The blocks set apart at the very start are the document's own title: they open
        // its preamble, as in any document.
        let own_title = set_apart.iter().take_while(|set_apart| **set_apart).count();
        for (title, set_apart) in titles.iter_mut().zip(&set_apart).skip(own_title) {
            if *set_apart && *title == Title::None {
                *title = Title::SetApart;
            }
        }
        for (index, block) in blocks.iter().enumerate() {
            match titles[index] {
                Title::SetApart if recognise(block).is_none() => {
                    builder.heading(block, Rank::Section, 0, Lang::detect(block));
                }
                Title::None | Title::SetApart => {
                    builder.block(block, blocks.get(index + 1).copied());
                }
                Title::Heading => builder.heading(block, Rank::Section, 0, Lang::En),
                Title::TableHeader => {}
            }
        }
        builder.retire_unused_headings(0);
        builder.nodes
    }

    /// Handles one non-empty block; `next` is the block after it.
    fn block(&mut self, block: &str, next: Option<&str>) {
        let marker = recognise(block);
        if marker.is_none() && self.continues_heading(block) {
            if let Some(heading) = self.headings.last_mut() {
                if heading.lang == Lang::En {
                    heading.text.push(' ');
                }
                heading.text.push_str(block);
            }
            return;
        }
        match marker {
            Some(Marker::Attachment { .. }) if next.is_some_and(lists_more_attachments) => {
                self.paragraph(block);
            }
            Some(Marker::Attachment { number }) => self.attachment(block, number),
            Some(Marker::Heading { rank, value, lang }) => self.heading(block, rank, value, lang),
            Some(Marker::Article { value, sub, label, lang }) => {
                let path = match sub {
                    Some(sub) => format!("{}a{value}-{sub}", self.prefix),
                    None => format!("{}a{value}", self.prefix),
                };
                self.outline.clear();
                self.in_articles = true;
                self.open(NodeKind::Article, path, label, lang, None, block);
            }
            Some(Marker::Outline(candidates)) if !self.in_articles => {
                self.outline_number(block, &candidates);
            }
            _ => self.unnumbered(block, next),
        }
    }

    /// Handles a block without a number: a paragraph of the current node, or the text of
    /// a list's section again when it closes the list ([`Builder::closes_list`]) and the
    /// `next` block does not go on with the list (a list's entry of two paragraphs:
    /// `（二）…经费。`, `…收入，按照国家有关规定安排…`, then `（三）…`).
    fn unnumbered(&mut self, block: &str, next: Option<&str>) {
        let owner = self.target.and_then(|target| self.closes_list(target));
        match owner {
            Some(owner) if !self.goes_on_with_list(next) => {
                let (path, label) =
                    (self.nodes[owner].path.clone(), self.nodes[owner].label.clone());
                let lang = Lang::detect(block);
                self.open(NodeKind::Continuation, path, label, lang, Some(owner), block);
            }
            _ => self.paragraph(block),
        }
    }

    /// Tells whether `next` is the list's next entry: a number that goes to the level of
    /// the current item.
    fn goes_on_with_list(&self, next: Option<&str>) -> bool {
        let Some(Marker::Outline(candidates)) = next.and_then(recognise) else { return false };
        let depth = self.outline.levels().len();
        self.outline.place(&candidates).is_some_and(|(at, _)| at + 1 == depth)
    }

    /// Starts an attachment: numbering starts again under the prefix `attN.`.
    fn attachment(&mut self, block: &str, number: Option<u32>) {
        self.retire_unused_headings(0);
        self.attachments = match number {
            Some(n) if n > self.attachments => n,
            _ => self.attachments + 1,
        };
        self.prefix = format!("att{}.", self.attachments);
        self.outline.clear();
        self.in_articles = false;
        self.target = None;
        self.headings.clear();
        // The attachment title ranks above any chapter inside the attachment.
        let heading = Heading {
            rank: Rank::Part,
            value: 0,
            lang: Lang::detect(block),
            text: block.into(),
            used: false,
        };
        self.headings.push(heading);
    }

    /// Records a chapter-like heading, closing headings of the same or lower rank.
    fn heading(&mut self, block: &str, rank: Rank, value: u32, lang: Lang) {
        // In a bilingual text "第一章 总纲" is followed by "Chapter I General
        // Principles": the translation joins the heading instead of replacing it.
        let twin = self.headings.last().is_some_and(|last| {
            last.rank == rank && last.value == value && last.lang != lang && !last.used
        });
        if !twin {
            let keep = self.headings.iter().take_while(|h| h.rank < rank).count();
            self.retire_unused_headings(keep);
            self.outline.close_all();
        }
        self.headings.push(Heading { rank, value, lang, text: block.into(), used: false });
        self.target = None;
    }

    /// Tells whether a block is the rest of a heading broken across lines
    /// ("第五章卷烟纸、滤嘴棒、烟用丝束、" then "烟草专用机械的生产和销售", or
    /// "Section 2 The President of" then "the People's Republic of China").
    fn continues_heading(&self, block: &str) -> bool {
        let Some(heading) = self.headings.last() else { return false };
        if heading.used || self.target.is_some() || heading.rank == Rank::Part {
            return false;
        }
        let chars = block.chars().count();
        let unfinished_zh = heading.text.ends_with(['、', '，', '的', '和', '与', '及']);
        if unfinished_zh && chars <= MAX_HEADING_TAIL_CHARS && !block.contains(['。', '；']) {
            return true;
        }
        let lower_start = block.starts_with(|c: char| c.is_ascii_lowercase());
        heading.lang == Lang::En
            && lower_start
            && chars <= 2 * MAX_HEADING_TAIL_CHARS
            && !block.contains(". ")
            && !block.ends_with('.')
    }

    /// Places an outline number, or treats the block as text when it fits nowhere.
    fn outline_number(&mut self, block: &str, candidates: &[Candidate]) {
        let Some((depth, candidate)) = self.outline.place(candidates) else {
            self.paragraph(block);
            return;
        };
        let ancestors = &self.outline.levels()[..depth];
        let mut path = self.prefix.clone();
        let mut label = String::new();
        for level in ancestors {
            path.push_str(&format!("{}.", level.value));
            label.push_str(&level.token);
        }
        path.push_str(&candidate.value.to_string());
        label.push_str(&candidate.token);
        let parent = ancestors.last().map(|level| level.node);
        let lang = Lang::detect(block);
        let node = self.open(NodeKind::Outline, path, label, lang, parent, block);
        self.outline.open(depth, candidate, node);
    }

    /// Adds an unnumbered paragraph to the current node, or opens a paragraph run.
    fn paragraph(&mut self, block: &str) {
        let Some(target) = self.target else {
            let kind = if self.numbered_seen || !self.headings.is_empty() || !self.prefix.is_empty()
            {
                NodeKind::Paragraphs
            } else {
                NodeKind::Preamble
            };
            let lang = Lang::detect(block);
            self.open(kind, String::new(), String::new(), lang, None, block);
            return;
        };
        let target = self.bilingual_twin(target, block).unwrap_or(target);
        self.nodes[target].blocks.push(block.to_string());
    }

    /// Tells whether an unnumbered paragraph arriving after the item `target` closes the
    /// item's list instead of going on with the item, and returns the node whose text
    /// introduced the list. It does when that text ends with a colon (具体内容包括：,
    /// "shall include:") and the list's items, [`MIN_LIST_ITEMS`] or more, are each one
    /// paragraph: a list of entries, after which a paragraph speaks for the whole
    /// (`中央财政资金不得用于规划编制…` after the kinds of project funds may pay for). Items that
    /// are titles of their own paragraphs (`（一）省级推荐。` then its text) have theirs
    /// before the next item, so their list is not read as entries; an entry that ends with a
    /// colon (`…按照以下规定批准：`) keeps the paragraph it introduces.
    fn closes_list(&self, target: usize) -> Option<usize> {
        let item = &self.nodes[target];
        let owner = item.parent?;
        // An entry ending with a colon introduces the paragraph after it.
        let introduces = item.blocks.last().is_some_and(|text| text.ends_with(['：', ':']));
        if item.kind != NodeKind::Outline || item.has_children || introduces {
            return None;
        }
        let introduced =
            self.nodes[owner].blocks.last().is_some_and(|text| text.ends_with(['：', ':']));
        let items: Vec<&Node> = self.nodes[owner + 1..]
            .iter()
            .filter(|node| node.parent == Some(owner) && node.kind == NodeKind::Outline)
            .collect();
        let entries = items.iter().all(|node| node.blocks.len() == 1 && !node.has_children);
        (introduced && entries && items.len() >= MIN_LIST_ITEMS).then_some(owner)
    }

    /// In interleaved bilingual text (第一条 …, Article 1 …, then one paragraph in
    /// each language), returns the article of the paragraph's language when the
    /// current article is the translation of the one before it.
    fn bilingual_twin(&self, target: usize, block: &str) -> Option<usize> {
        let current = &self.nodes[target];
        let previous = &self.nodes[target.checked_sub(1)?];
        let twins = current.kind == NodeKind::Article
            && previous.kind == NodeKind::Article
            && previous.path == current.path
            && previous.lang != current.lang;
        (twins && Lang::detect(block) == previous.lang).then_some(target - 1)
    }

    /// Appends a node and makes it the target of following paragraphs.
    fn open(
        &mut self,
        kind: NodeKind,
        path: String,
        label: String,
        lang: Lang,
        parent: Option<usize>,
        block: &str,
    ) -> usize {
        for heading in &mut self.headings {
            heading.used = true;
        }
        if matches!(kind, NodeKind::Article | NodeKind::Outline) {
            self.numbered_seen = true;
        }
        if let Some(parent) = parent {
            self.nodes[parent].has_children = true;
        }
        let context = self.headings.iter().map(|h| h.text.clone()).collect();
        self.nodes.push(Node {
            kind,
            path,
            label,
            lang,
            context,
            prefix: self.prefix.clone(),
            parent,
            blocks: vec![block.to_string()],
            has_children: false,
        });
        let index = self.nodes.len() - 1;
        self.target = Some(index);
        index
    }

    /// Closes the headings from `keep` on; one that no node was opened under (a
    /// trailing "第五章 附则" with nothing after it) becomes a paragraph so that its
    /// text is not lost.
    fn retire_unused_headings(&mut self, keep: usize) {
        while self.headings.len() > keep {
            let Some(heading) = self.headings.pop() else { break };
            if heading.used {
                continue;
            }
            self.target = None;
            let lang = heading.lang;
            self.open(
                NodeKind::Paragraphs,
                String::new(),
                String::new(),
                lang,
                None,
                &heading.text,
            );
            self.target = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(blocks: &[&str]) -> Vec<Node> {
        let blocks: Vec<String> = blocks.iter().map(|b| b.to_string()).collect();
        Builder::run(&blocks, &[])
    }

    #[test]
    fn items_inside_articles_stay_in_the_article() {
        let nodes = run(&["第二条下列所得：", "（一）工资；", "（二）稿酬。", "第三条税率"]);
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].blocks, vec!["第二条下列所得：", "（一）工资；", "（二）稿酬。"]);
        assert_eq!(nodes[1].path, "a3");
    }

    #[test]
    fn routes_bilingual_paragraphs_to_their_language() {
        let nodes = run(&[
            "第十条城市的土地属于国家所有。",
            "Article 10 Land in cities is owned by the state.",
            "农村和城市郊区的土地，除由法律规定属于国家所有的以外，属于集体所有。",
            "Land in rural and suburban areas is owned by collectives.",
        ]);
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].blocks.len(), 2);
        assert!(nodes[0].blocks[1].starts_with("农村"));
        assert!(nodes[1].blocks[1].starts_with("Land in rural"));
    }

    #[test]
    fn titles_between_english_articles_head_them_and_table_headers_go() {
        let header = "Recommendation Response Delivery";
        let nodes = run(&[
            "Building sufficient, secure, and sustainable infrastructure",
            header,
            "Recommendation 1 Set out a plan. | Agree. | Spring 2025",
            "Recommendation 2 Expand capacity. | Agree. | Spring 2025",
            "Unlocking data assets",
            header,
            "Recommendation 3 Identify data sets. | Agree. | Summer 2025",
            "Advancing AI",
            header,
            "Recommendation 4 Create a unit. | Agree. | Spring 2025",
            "The government will set out details.",
        ]);
        let articles: Vec<&Node> = nodes.iter().filter(|n| n.kind == NodeKind::Article).collect();
        assert_eq!(articles.len(), 4);
        assert_eq!(
            articles[1].context,
            ["Building sufficient, secure, and sustainable infrastructure"]
        );
        assert_eq!(
            articles[1].blocks,
            ["Recommendation 2 Expand capacity. | Agree. | Spring 2025"]
        );
        assert_eq!(articles[2].context, ["Unlocking data assets"]);
        // A paragraph after the last article is its text, as in any law.
        assert_eq!(articles[3].blocks.len(), 2);
        assert!(nodes.iter().all(|n| n.blocks.iter().all(|b| b != header)));
    }

    #[test]
    fn blocks_set_apart_head_what_follows_and_numbering_starts_afresh() {
        let blocks: Vec<String> = [
            "主要职能",
            "（一）贯彻执行法律。",
            "（二）承担日常工作。",
            "名词解释",
            "（一）财政拨款收入：是财政拨款。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // The third block is set apart too, but it carries a number: it stays an item.
        let nodes = Builder::run(&blocks, &[1, 2, 3]);
        let paths: Vec<&str> = nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(paths, ["", "1", "2", "1"]);
        assert_eq!(nodes[1].context, Vec::<String>::new());
        assert_eq!(nodes[3].context, ["名词解释"]);
        // The document's title, set apart at its start, opens the preamble.
        let nodes = Builder::run(&blocks[1..], &[]);
        assert_eq!(nodes.len(), 3);
        let titled = Builder::run(&blocks, &[0, 3]);
        assert_eq!(titled[0].kind, NodeKind::Preamble);
        assert_eq!(titled[0].blocks, ["主要职能"]);
        assert_eq!(titled[3].context, ["名词解释"]);
    }

    #[test]
    fn keeps_an_unused_trailing_heading_as_text() {
        let nodes = run(&["第一章总则", "第一条目的", "第二章附则"]);
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[1].kind, NodeKind::Paragraphs);
        assert_eq!(nodes[1].blocks, vec!["第二章附则"]);
        assert!(nodes[1].context.is_empty());
    }

    #[test]
    fn a_list_of_attachment_names_opens_no_attachment() {
        let nodes = run(&[
            "一、要求。落实。",
            "附件：1.项目清单",
            "2.申报表",
            "国务院",
            "附件1",
            "项目清单",
        ]);
        let prefixes: Vec<&str> = nodes.iter().map(|n| n.prefix.as_str()).collect();
        assert_eq!(prefixes, ["", "att1."]);
        assert_eq!(nodes[0].blocks, ["一、要求。落实。", "附件：1.项目清单", "2.申报表", "国务院"]);
        assert_eq!(nodes[1].context, ["附件1"]);
    }

    #[test]
    fn mends_headings_broken_across_lines() {
        let nodes = run(&["第五章卷烟纸、滤嘴棒、", "烟草专用机械的生产和销售", "第二十条国家"]);
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].context, vec!["第五章卷烟纸、滤嘴棒、烟草专用机械的生产和销售"]);
        let nodes =
            run(&["Section 2 The President of", "the People's Republic of China", "Article 79"]);
        assert_eq!(
            nodes[0].context,
            vec!["Section 2 The President of the People's Republic of China"]
        );
        // A finished heading is not extended by the paragraph after it.
        let nodes = run(&["第一章总则", "为了规范管理，制定本法。"]);
        assert_eq!(nodes[0].blocks, vec!["为了规范管理，制定本法。"]);
    }

    #[test]
    fn joins_a_translated_chapter_heading() {
        let nodes = run(&["第一章总纲", "Chapter I General Principles", "第一条国家"]);
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].context, vec!["第一章总纲", "Chapter I General Principles"]);
    }
}
