//! Groups of candidates: the copies of one clause text (a notice as HTML and as its PDF
//! print) folded into one hit, and the reorderings that work on groups: clauses stating
//! the kind of answer asked for, a successor above the version it replaced, articles
//! named by their law first.

use std::collections::{HashMap, HashSet};

use tantivy::{DocAddress, Score, TantivyDocument};

use crate::answer::Answers;
use crate::articles::{opens_article, ArticleRef};
use crate::candidates::{may_split, Candidate};
use crate::fusion::Script;
use crate::index::{stored_str, Lookup};
use crate::ranking::Ranking;
use crate::validity::{is_out_of_force, ValidityMap};
use crate::Result;

/// The share of the best copy's score within which copies of one clause text count as
/// scoring alike ([`lead_copy_first`]).
pub(crate) const COPY_TIE: f32 = 1e-4;

/// One clause text among the candidates: its members, best first.
pub(crate) struct Group {
    /// The hash of the clause text, which the group's members share.
    pub(crate) text_hash: String,
    /// The document of the best-scoring member.
    pub(crate) doc_id: String,
    pub(crate) members: Vec<(Score, DocAddress)>,
    /// The clause text is Chinese.
    pub(crate) zh: bool,
    /// The clause holds both languages in full (an article and its translation), so it
    /// is in the query's own language whichever that is.
    pub(crate) bilingual: bool,
    /// The factor language fusion put on the members' scores.
    pub(crate) scale: f32,
    /// The share of the query the clause covers, as language fusion measured it (`None`
    /// when only one language had candidates, or fusion did not run).
    pub(crate) coverage: Option<f32>,
    /// The clause text.
    pub(crate) text: String,
    /// The factor put on the members' scores for stating what the query asks for.
    pub(crate) answer_factor: f32,
    /// Whether the clause states the kind of answer the query asks for, once checked.
    pub(crate) states_answer: Option<bool>,
    /// How much of the query the clause holds by its document's own word weights,
    /// relative to the best of its siblings, when it was ordered among them.
    pub(crate) within_document: Option<f32>,
    /// The members with their documents while the group is being built.
    pub(crate) ranked: Vec<Member>,
}

impl Group {
    /// Starts a group for a clause text, without members; its language is read from the
    /// text (none for an empty one).
    pub(crate) fn new(text_hash: String, doc_id: String, text: String) -> Group {
        let script = Script::of(&text);
        Group {
            text_hash,
            doc_id,
            members: Vec::new(),
            zh: script.is_chinese(),
            bilingual: script.is_bilingual(),
            scale: 1.0,
            coverage: None,
            text,
            answer_factor: 1.0,
            states_answer: None,
            within_document: None,
            ranked: Vec::new(),
        }
    }

    /// The documents of the group's members: a clause and its copies (the same notice
    /// as HTML and PDF).
    pub(crate) fn doc_ids(&self) -> impl Iterator<Item = &str> {
        self.ranked.iter().map(|member| member.doc_id.as_str())
    }

    /// Orders groups best first; equal scores by their text's hash, so that the order
    /// does not depend on where the index stores the clauses (which changes on
    /// reindexing).
    pub(crate) fn by_score(a: &Group, b: &Group) -> std::cmp::Ordering {
        b.members[0].0.total_cmp(&a.members[0].0).then_with(|| a.text_hash.cmp(&b.text_hash))
    }

    /// Tells whether the clause states one of the kinds of answer in `asks`, checking its
    /// text once.
    pub(crate) fn states(&mut self, asks: Answers) -> bool {
        let text = &self.text;
        *self.states_answer.get_or_insert_with(|| Answers::stated(text, asks).meets(asks))
    }
}

/// Puts the articles the query names by their law (`宪法第三十四条`) first, in the order
/// they were ranked; the other clauses keep theirs.
pub(crate) fn articles_first(groups: &mut [Group], articles: &[ArticleRef]) {
    if articles.is_empty() {
        return;
    }
    let named = |group: &Group| {
        articles.iter().any(|article| {
            article.ids.contains(&group.doc_id) && opens_article(&group.text, article.number)
        })
    };
    // A stable sort: named articles before the rest, each side in its order.
    groups.sort_by_key(|group| !named(group));
}

/// Folds candidates with the same clause text into groups, in ranking order. A clause
/// whose document is superseded, repealed or expired has its score scaled by
/// [`Ranking::out_of_force_factor`] first, so the current version of a text ranks (and
/// represents its group) first; a document's preamble by [`Ranking::preamble_factor`].
///
/// Reading the candidates' stored clauses is most of the work, so a search running alone
/// ([`may_split`]) reads the two halves of the list side by side.
pub(crate) fn group(
    lookup: &Lookup<'_>,
    candidates: &[Candidate],
    validity: &ValidityMap,
    ranking: &Ranking,
) -> Result<Vec<Group>> {
    let read = |part: &[Candidate]| -> Result<Vec<ReadCandidate>> {
        part.iter().map(|candidate| read_candidate(lookup, candidate, validity, ranking)).collect()
    };
    let read: Vec<ReadCandidate> = if candidates.len() >= SPLIT_READ_MIN && may_split() {
        let (first, second) = candidates.split_at(candidates.len() / 2);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| read(second));
            (read(first), second.join())
        });
        // A panic in the other thread is a bug in search, not in its input: pass it on.
        let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut all = first?;
        all.extend(second?);
        all
    } else {
        read(candidates)?
    };
    let mut groups: Vec<Group> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for ReadCandidate { hash, doc_id, anchor, text, score, address } in read {
        let member = Member { score, address, doc_id, anchor };
        match seen.get(&hash) {
            Some(&g) => groups[g].ranked.push(member),
            None => {
                seen.insert(hash.clone(), groups.len());
                let mut found = Group::new(hash, String::new(), text);
                found.ranked.push(member);
                groups.push(found);
            }
        }
    }
    for group in &mut groups {
        group
            .ranked
            .sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key().cmp(&b.key())));
        lead_copy_first(&mut group.ranked);
        group.doc_id = group.ranked[0].doc_id.clone();
        group.members = group.ranked.iter().map(|member| (member.score, member.address)).collect();
    }
    groups.sort_by(Group::by_score);
    Ok(groups)
}

/// One copy of a group's clause text while the group is built.
pub(crate) struct Member {
    pub(crate) score: Score,
    pub(crate) address: DocAddress,
    /// The document of the copy.
    pub(crate) doc_id: String,
    /// The copy's anchor: a text repeated within one document (a budget table's header on
    /// every page) has a copy at each place.
    pub(crate) anchor: String,
}

impl Member {
    /// What orders copies that score alike: their document, then their anchor. Where the
    /// index stores them changes on reindexing, so it must not decide.
    fn key(&self) -> (&str, &str) {
        (&self.doc_id, &self.anchor)
    }
}

/// Puts first, among the copies of one clause text ranked best first, the first by document
/// id and anchor of those scoring within [`COPY_TIE`] of the best, with the best's score.
/// Copies score alike but for the rounding of their sums, which depends on where the index
/// stores them; without this, reindexing could swap the copy a hit shows (and so its
/// permalink) and the document whose statistics order its siblings. A copy that scores
/// better (its headings matching the query) still leads.
fn lead_copy_first(ranked: &mut Vec<Member>) {
    let Some(top) = ranked.first().map(|member| member.score) else { return };
    let lead = ranked
        .iter()
        .enumerate()
        .take_while(|(_, member)| member.score >= top - top.abs() * COPY_TIE)
        .min_by(|(_, a), (_, b)| a.key().cmp(&b.key()))
        .map_or(0, |(at, _)| at);
    if lead > 0 {
        let member = ranked.remove(lead);
        ranked.insert(0, Member { score: top, ..member });
    }
}

/// The fewest candidates whose stored clauses are read on two threads (see [`group`]):
/// below it, starting the second thread costs more than it saves.
const SPLIT_READ_MIN: usize = 16;

/// A candidate with what grouping reads of its stored clause.
struct ReadCandidate {
    hash: String,
    doc_id: String,
    anchor: String,
    text: String,
    /// The candidate's score with the factors of its document and kind applied.
    score: Score,
    address: DocAddress,
}

/// Reads a candidate's stored clause and applies the factors of [`group`] to its score.
fn read_candidate(
    lookup: &Lookup<'_>,
    candidate: &Candidate,
    validity: &ValidityMap,
    ranking: &Ranking,
) -> Result<ReadCandidate> {
    let stored: TantivyDocument = lookup.searcher.doc(candidate.address)?;
    let doc_id = stored_str(&stored, lookup.fields.doc_id);
    let mut score = candidate.score;
    if is_out_of_force(validity, &doc_id) {
        score *= ranking.out_of_force_factor;
    }
    let anchor = stored_str(&stored, lookup.fields.anchor);
    if is_preamble(&anchor) {
        score *= ranking.preamble_factor;
    }
    let text = stored_str(&stored, lookup.fields.text);
    if is_tabular(&text) {
        score *= ranking.tabular_factor;
    }
    Ok(ReadCandidate {
        hash: stored_str(&stored, lookup.fields.text_hash),
        doc_id,
        anchor,
        text,
        score,
        address: candidate.address,
    })
}

/// Puts the best clause of the document that superseded or repealed another right above
/// that document's first clause, when both are among the first `want` groups and it scores
/// at least [`SUCCESSOR_SHARE`] of it: a version out of force may word a question more
/// closely (环境噪声污染防治法's 限制作业时间 against its successor's 限定作业时间), but the
/// law in force is the answer. Each document out of force yields its place once.
pub(crate) fn successors_first(groups: &mut [Group], validity: &ValidityMap, want: usize) {
    let reach = groups.len().min(want);
    let mut handled: HashSet<String> = HashSet::new();
    let mut at = 0;
    while at < reach {
        let old = &groups[at];
        let by = validity.get(&old.doc_id).and_then(|v| v.by.clone());
        if let Some(by) = by.filter(|_| handled.insert(old.doc_id.clone())) {
            let floor = old.members[0].0 * SUCCESSOR_SHARE;
            let found = (at + 1..reach)
                .find(|&j| groups[j].doc_id == by)
                .filter(|&j| groups[j].members[0].0 >= floor);
            if let Some(found) = found {
                groups[at..=found].rotate_right(1);
                at += 1;
            }
        }
        at += 1;
    }
}

/// Least share of a superseded clause's score at which a clause of its successor moves
/// above it (see [`successors_first`]).
const SUCCESSOR_SHARE: f32 = 0.5;

/// Share of figures (digits, decimal points, thousands separators, percent signs and dot
/// leaders) in a clause's text from which it reads as a table or a contents page.
const TABULAR_SHARE: f32 = 0.45;

/// Tells whether a clause text is mostly figures: table rows (budget lines, boundary
/// coordinates) or contents entries with dot leaders. Texts under 20 characters are not.
///
/// Every candidate of every search is tested, long budget tables among them, so the text
/// is read as bytes: a character starts at each byte but a UTF-8 continuation byte, and
/// the only spaces are ASCII ones (clause text is NFKC-normalised, which makes the
/// ideographic and no-break spaces plain ones).
fn is_tabular(text: &str) -> bool {
    let (mut figures, mut all) = (0usize, 0usize);
    for &byte in text.as_bytes() {
        let starts = byte & 0xC0 != 0x80;
        all += usize::from(starts && !byte.is_ascii_whitespace());
        figures += usize::from(byte.is_ascii_digit() || matches!(byte, b'.' | b',' | b'%'));
    }
    (all >= 20 && figures as f32 >= TABULAR_SHARE * all as f32) || is_table_row(text)
}

/// The fewest loose figures (numbers standing between spaces) that make a Chinese text
/// without a sentence's punctuation read as a table's row.
const TABLE_ROW_FIGURES: usize = 3;

/// Tells whether a Chinese text is a table's header cells and a row of figures, as a PDF's
/// table reads when its cells are words (`编制部门：…单位:万元 “三公”经费预算数 … 公务接待费 …
/// 10.81 0 0.83 9.98 0 9.98 217.83`): no 。，；！？ and [`TABLE_ROW_FIGURES`] loose figures or
/// more. Its words then make it no less a table than a row of figures alone.
fn is_table_row(text: &str) -> bool {
    // Every CJK ideograph from U+4000 on starts with one of these bytes; no other character
    // of the text does (continuation bytes are below 0xC0).
    let chinese = text.bytes().any(|b| (0xE4..=0xE9).contains(&b));
    if !chinese || text.contains(['。', '，', '；', '！', '？']) {
        return false;
    }
    let loose_figure = |token: &&str| {
        token.bytes().any(|b| b.is_ascii_digit())
            && token.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b'-'))
    };
    text.split_ascii_whitespace().filter(loose_figure).count() >= TABLE_ROW_FIGURES
}

/// Tells whether an anchor names a document's preamble (path `0`: its title, number,
/// addressees and foreword), which the segmenter puts before the first numbered item.
pub(crate) fn is_preamble(anchor: &str) -> bool {
    anchor.rsplit_once('#').is_some_and(|(_, path)| path == "0")
}

/// Raises the clauses that state the kind of answer the query asks for (a period for
/// "how long", a sum for 罚多少钱) by `1 + boost`, and puts the groups back in order.
/// Only groups that could reach the first `want` once raised are read: below that, a
/// raised score stays below the `want`-th. `want` is
/// [`REORDER_DEPTH`](crate::search::REORDER_DEPTH) for every page.
pub(crate) fn prefer_answers(groups: &mut [Group], asks: Answers, boost: f32, want: usize) {
    if asks.is_empty() || boost <= 0.0 || groups.is_empty() {
        return;
    }
    let last = groups[want.clamp(1, groups.len()) - 1].members[0].0;
    let reach = last / (1.0 + boost);
    for group in groups.iter_mut().filter(|g| g.members[0].0 >= reach) {
        if !group.states(asks) {
            continue;
        }
        group.answer_factor = 1.0 + boost;
        for member in &mut group.members {
            member.0 *= group.answer_factor;
        }
    }
    groups.sort_by(Group::by_score);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(text_hash: &str, score: Score, doc: u32) -> Group {
        let address = DocAddress::new(0, doc);
        let mut group = Group::new(text_hash.to_owned(), format!("doc-{doc}"), String::new());
        group.members.push((score, address));
        let (doc_id, anchor) = (format!("doc-{doc}"), format!("doc-{doc}#1"));
        group.ranked.push(Member { score, address, doc_id, anchor });
        group
    }

    #[test]
    fn equal_scores_keep_one_order_wherever_the_index_stores_them() {
        let hashes = |groups: &[Group]| -> Vec<String> {
            groups.iter().map(|g| g.text_hash.clone()).collect()
        };
        let mut stored = vec![scored("b", 1.0, 0), scored("a", 1.0, 1), scored("c", 2.0, 2)];
        let mut reindexed = vec![scored("a", 1.0, 0), scored("c", 2.0, 1), scored("b", 1.0, 2)];
        stored.sort_by(Group::by_score);
        reindexed.sort_by(Group::by_score);
        assert_eq!(hashes(&stored), vec!["c", "a", "b"]);
        assert_eq!(hashes(&stored), hashes(&reindexed));
    }

    #[test]
    fn copies_scoring_alike_but_for_rounding_lead_by_document_id_then_anchor() {
        let copies = |scores: [(Score, &str); 2]| {
            let mut ranked: Vec<Member> = scores
                .iter()
                .enumerate()
                .map(|(i, (score, anchor))| Member {
                    score: *score,
                    address: DocAddress::new(0, i as u32),
                    doc_id: anchor.split('#').next().unwrap_or_default().to_owned(),
                    anchor: (*anchor).to_owned(),
                })
                .collect();
            lead_copy_first(&mut ranked);
            ranked.into_iter().map(|member| (member.score, member.anchor)).collect::<Vec<_>>()
        };
        // Sums rounded another way on reindexing: the same copy leads either way, with the
        // best score.
        let stored = copies([(48.783_802, "en/txt/a.txt#1"), (48.783_794, "en/html/a.html#1")]);
        let reindexed = copies([(48.783_802, "en/html/a.html#1"), (48.783_794, "en/txt/a.txt#1")]);
        assert_eq!(stored[0], (48.783_802, "en/html/a.html#1".to_owned()));
        assert_eq!(stored[0], reindexed[0]);
        // Copies within one document (a table's header repeated on every page) lead by anchor.
        let stored = copies([(3.5, "zh/pdf/b.pdf#3~9"), (3.5, "zh/pdf/b.pdf#3~8")]);
        let reindexed = copies([(3.5, "zh/pdf/b.pdf#3~8"), (3.5, "zh/pdf/b.pdf#3~9")]);
        assert_eq!(stored[0], (3.5, "zh/pdf/b.pdf#3~8".to_owned()));
        assert_eq!(stored[0], reindexed[0]);
        // A copy that really scores better (its headings match the query) leads.
        let better = copies([(50.0, "en/txt/a.txt#1"), (48.0, "en/html/a.html#1")]);
        assert_eq!(better[0], (50.0, "en/txt/a.txt#1".to_owned()));
    }

    #[test]
    fn tables_and_contents_pages_read_as_tabular() {
        assert!(is_tabular("208 05行政事业单位养老支出3,808,085.00 3,808,085.00\n208 05 01行政单位离退休1,661,216.00"));
        assert!(is_tabular(
            "Pillar I: Accelerate AI Innovation ........................................ 3"
        ));
        assert!(!is_tabular("3、公共安全支出（204类）司法（06款）普法宣传（05项）124.29万元。主要用于：法制宣传工作支出。"));
        assert!(!is_tabular("第三十六条 违法行为在二年内未被发现的，不再给予行政处罚。"));
        assert!(!is_tabular("1.5 2.5"), "too short to tell");
        // A table's header cells and its row of figures, as a PDF's table reads.
        assert!(is_tabular("编制部门：上海市普陀区司法局单位:万元 “三公”经费预算数 机关运行经费预算 数 合计因公出国(境)费公务接待费 10.81 0 0.83 9.98 0 9.98 217.83"));
        assert!(is_tabular("编制部门：上海市普陀区商务委员会单位:万元\n“三公”经费预算数\n公务接待费\n1.00 1.00 171.01"));
        assert!(
            !is_tabular("编制部门：上海市普陀区商务委员会单位:万元 公务接待费 1.00 171.01"),
            "two figures"
        );
        assert!(
            !is_tabular("上海市普陀区司法局收入预算比上年增加，其中 1 2 3 4 项为新增"),
            "a sentence"
        );
        assert!(
            !is_tabular("Notes 1 Executive Order 14179 of January 23, 2025 2 3 4"),
            "not Chinese"
        );
        // Read by characters, the same texts give the same answers.
        let by_chars = |text: &str| {
            let all: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
            let figures = all.iter().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'));
            (all.len() >= 20 && figures.count() as f32 >= TABULAR_SHARE * all.len() as f32)
                || is_table_row(text)
        };
        for text in [
            "支出12.5万元，同比增长3.2%，其中：一般公共预算支出10,000.00元。",
            "合计 96282213.44 25741666.44 70540547.00 一二三四五六七八九十",
            "总计１２３４５６７８９０１２３４５６７８９０ 万元 元 元 元",
            "Ｆｕｌｌ-width ｌｅｔｔｅｒｓ 1 2 3 4 5 6 7 8 9 10 11 12 13",
        ] {
            assert_eq!(is_tabular(text), by_chars(text), "{text}");
        }
    }
}
