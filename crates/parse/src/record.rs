//! Builds the document record from a read document: title, document number (文号),
//! issuers, dates, language, type and the documents it cites.
//!
//! What the page states about itself ([`crate::PageMeta`]) wins; otherwise each field is
//! read from the text the way a reader would: the 文号 standing alone under the title,
//! the issuer before `关于` in the title or in the signature (落款), the date under the
//! signature.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use tiaowen_model::{
    CitedDocument, DocDates, DocNumber, DocType, Document, Lang, Source, SourceFormat,
};
use tiaowen_text::{find_doc_numbers, parse_doc_number};

use crate::ParsedDoc;

/// How many leading blocks may hold the document's own number.
const NUMBER_WINDOW: usize = 15;

/// How many blocks at each end are searched for a signature date.
const DATE_WINDOW: usize = 10;

/// Builds the record of a document; `id` is its path relative to the corpus root.
pub fn build_document(id: &str, format: SourceFormat, parsed: &ParsedDoc) -> Document {
    let own_title =
        parsed.title.clone().or_else(|| parsed.meta.title.clone()).filter(|t| !t.trim().is_empty());
    let subject = if own_title.is_none() { opening_paragraph(&parsed.blocks) } else { None };
    let mut title = own_title.unwrap_or_else(|| file_stem(id));
    // A title every department's budget shares (上海市普陀区2026年区级部门预算) names the
    // department its front page states, so that its citations tell the budgets apart.
    let labelled = labelled_body(&parsed.blocks);
    if let Some(body) = labelled.as_deref().filter(|b| !title.contains(b)) {
        title = format!("{title}（{body}）");
    }
    let doc_number = own_doc_number(parsed);
    let lang = detect_lang(&parsed.blocks);
    let mut issuers = parsed.meta.issuers.clone();
    if issuers.is_empty() {
        issuers = issuers_from_signature(&parsed.blocks);
    }
    if issuers.is_empty() {
        issuers = issuers_from_header(&parsed.blocks);
    }
    if issuers.is_empty() {
        issuers = labelled.into_iter().collect();
    }
    if issuers.is_empty() {
        issuers = issuers_from_title(&title);
    }
    let dates = DocDates {
        issued: parsed.meta.issued.clone().or_else(|| signature_date(&parsed.blocks)),
        published: parsed.meta.published.clone(),
    };
    let doc_type = classify(&title, doc_number.is_some(), lang, &parsed.blocks);
    let cites = cited_documents(&parsed.blocks, doc_number.as_ref());
    let repeals = crate::validity::repealed_documents(&parsed.blocks);
    let valid_until = crate::validity::valid_until(&parsed.blocks, dates.issued.as_deref());
    Document {
        id: id.to_string(),
        title,
        subject,
        doc_number,
        issuers,
        dates,
        lang,
        doc_type,
        source: Source { path: id.to_string(), format },
        cites,
        missing_attachments: parsed.missing_attachments.clone(),
        notes: parsed.meta.notes.clone(),
        repeals,
        valid_until,
        status: None,
        warnings: parsed.warnings.clone(),
    }
}

/// Returns the file name of an id without its extension.
fn file_stem(id: &str) -> String {
    Path::new(id).file_stem().and_then(|s| s.to_str()).unwrap_or(id).to_string()
}

/// How many leading blocks may hold a document's opening paragraph.
const OPENING_WINDOW: usize = 5;

/// How much of the opening paragraph stands for a document's subject, in characters.
const SUBJECT_CHARS: usize = 300;

/// The opening paragraph of a document without a title, which states what it is about
/// (`为贯彻…，财政部…将组织第三批海绵城市建设示范竞争性选拔工作。现将有关事项通知如下：`): the
/// first of the leading blocks that holds a sentence, so not a list of addressees
/// (`各省、自治区财政厅…：`) or a heading, cut to [`SUBJECT_CHARS`].
fn opening_paragraph(blocks: &[String]) -> Option<String> {
    let sentence = |b: &&String| b.contains(['。', '！', '？']) || b.contains(". ");
    let block = blocks.iter().take(OPENING_WINDOW).find(sentence)?;
    Some(block.trim().chars().take(SUBJECT_CHARS).collect())
}

/// Guesses the language from the body.
fn detect_lang(blocks: &[String]) -> Lang {
    let mut sample = String::new();
    for block in blocks {
        if sample.len() > 60_000 {
            break;
        }
        sample.push_str(block);
        sample.push('\n');
    }
    Lang::detect(&sample)
}

/// Finds the document's own number: the stated one, else one standing (nearly) alone on
/// a line near the top.
fn own_doc_number(parsed: &ParsedDoc) -> Option<DocNumber> {
    if let Some(stated) = parsed.meta.doc_number.as_deref().filter(|s| !s.trim().is_empty()) {
        let parsed_number = parse_doc_number(stated)
            .or_else(|| find_doc_numbers(stated).into_iter().next().map(|(_, n)| n));
        let raw = stated.trim().to_string();
        return Some(parsed_number.unwrap_or(DocNumber { normalized: raw.clone(), raw }));
    }
    for block in parsed.blocks.iter().take(NUMBER_WINDOW) {
        let found = find_doc_numbers(block);
        let [(range, number)] = found.as_slice() else { continue };
        let rest = format!("{}{}", &block[..range.start], &block[range.end..]);
        let leftover = rest.chars().filter(|c| c.is_alphanumeric()).count();
        if leftover <= 4 {
            return Some(number.clone());
        }
    }
    None
}

/// Reads issuers from the signature (落款): the org names on the lines just above the
/// closing date.
fn issuers_from_signature(blocks: &[String]) -> Vec<String> {
    let start = blocks.len().saturating_sub(DATE_WINDOW + 8);
    let tail = &blocks[start..];
    // The signature stands above the closing date, or closes the text where it has none.
    let end = tail.iter().rposition(|b| is_date_line(b)).unwrap_or(tail.len());
    let mut issuers = Vec::new();
    for block in tail[..end].iter().rev() {
        let bodies = split_zh_bodies(block).or_else(|| en_body(block).map(|b| vec![b]));
        let Some(bodies) = bodies else { break };
        for body in bodies.into_iter().rev() {
            issuers.insert(0, body);
        }
    }
    issuers
}

/// Reads issuers from the header lines that open some orders and joint documents: one
/// body name per line (`国家互联网信息办公室`, `中华人民共和国教育部`, … then `令`).
fn issuers_from_header(blocks: &[String]) -> Vec<String> {
    let mut issuers = Vec::new();
    for block in blocks.iter().take(NUMBER_WINDOW) {
        match split_zh_bodies(block) {
            Some(bodies) => issuers.extend(bodies),
            None => break,
        }
    }
    issuers
}

/// Reads the body a labelled line near the top names as the document's owner
/// (`预算主管部门：上海市普陀区司法局`, `编制单位：…`, `发布机关：…`).
fn labelled_body(blocks: &[String]) -> Option<String> {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:预算主管部门|主管部门|编制部门|编制单位|发布机关|发布单位|制定机关|发文机关)\s*[：:]\s*(\S+)\s*$",
        )
        .expect("the labelled body pattern is valid")
    });
    blocks.iter().take(NUMBER_WINDOW).flat_map(|b| b.lines()).find_map(|line| {
        let name = LABELLED.captures(line)?.get(1)?.as_str();
        match split_zh_bodies(name)?.as_slice() {
            [_] => Some(name.to_string()),
            _ => None,
        }
    })
}

/// Reads issuers from a title: the bodies before `关于` (`财政部 住房城乡建设部 水利部关于…`),
/// or the ministries an English title names.
fn issuers_from_title(title: &str) -> Vec<String> {
    if let Some(at) = title.find("关于") {
        let mut head = &title[..at];
        for verb in ["转发", "印发", "批转"] {
            if let Some(cut) = head.find(verb) {
                head = &head[..cut];
            }
        }
        let mut bodies = Vec::new();
        for part in head.split(['、', '，', ',', ' ', '　']).filter(|p| !p.is_empty()) {
            match split_zh_bodies(part) {
                Some(found) => bodies.extend(found),
                None => return Vec::new(),
            }
        }
        return bodies;
    }
    static MINISTRY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"Ministry of [A-Z][a-z]+(?:(?: and | )[A-Z][a-z]+)*")
            .expect("the ministry pattern is valid")
    });
    let mut bodies: Vec<String> = Vec::new();
    for found in MINISTRY.find_iter(title) {
        let name = found.as_str().to_string();
        if !bodies.contains(&name) {
            bodies.push(name);
        }
    }
    bodies
}

/// Splits a run of Chinese body names written together (`财政部办公厅住房城乡建设部办公厅`)
/// into the names; `None` if the text is not made of body names only.
pub(crate) fn split_zh_bodies(text: &str) -> Option<Vec<String>> {
    const ENDINGS: &[char] = &['部', '委', '院', '厅', '局', '署', '行', '会', '办', '室', '府'];
    // A cut after these would split a name: 国务院|办公厅, 中央军委|办公厅, 改革委|员会.
    const CONTINUATIONS: &[&str] = &["办公", "公厅", "公室", "员会", "直属"];
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.is_empty() || squeezed.chars().count() > 80 {
        return None;
    }
    let mut bodies = Vec::new();
    let mut start = 0;
    for (at, c) in squeezed.char_indices() {
        let end = at + c.len_utf8();
        let rest = &squeezed[end..];
        if !ENDINGS.contains(&c) || CONTINUATIONS.iter().any(|k| rest.starts_with(k)) {
            continue;
        }
        let name = &squeezed[start..end];
        if name.chars().count() < 2 {
            continue;
        }
        bodies.push(name.to_string());
        start = end;
    }
    let all_cjk = squeezed.chars().all(tiaowen_model::is_cjk);
    (start == squeezed.len() && all_cjk && !bodies.is_empty()).then_some(bodies)
}

/// Recognises an English body name standing on its own line (`Ministry of Finance`).
fn en_body(line: &str) -> Option<String> {
    const KINDS: &[&str] = &[
        "Ministry",
        "Commission",
        "Administration",
        "Bank",
        "Office",
        "Council",
        "Authority",
        "Bureau",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 10 || line.ends_with('.') {
        return None;
    }
    let named = words.iter().all(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            || matches!(*w, "of" | "and" | "for" | "the")
    });
    let is_body = named && KINDS.iter().any(|k| words.contains(k));
    is_body.then(|| line.to_string())
}

/// Finds the signature date: a line that is only a date, among the last blocks, else the
/// first blocks.
fn signature_date(blocks: &[String]) -> Option<String> {
    let tail = blocks.iter().rev().take(DATE_WINDOW);
    // Orders print the signature and date above the text they promulgate.
    let head = blocks.iter().take(DATE_WINDOW * 3);
    tail.chain(head).find(|b| is_date_line(b)).and_then(|b| parse_date(b))
}

/// Tells whether a block is a date and little else.
fn is_date_line(block: &str) -> bool {
    let trimmed = block.trim();
    trimmed.chars().count() <= 24 && parse_date(trimmed).is_some()
}

/// Parses a text that is one date (`2019年1月27日`, `一九九六年六月二十九日`,
/// `December 28, 2023`, `2020-02-05`, `2020/02/05`) into ISO `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim().trim_matches(['(', ')', '（', '）']);
    let found = find_date(text)?;
    let date_len = DATE.find(text).or_else(|| ZH_NUMERAL_DATE.find(text)).map(|m| m.len())?;
    (text.len() - date_len <= 2).then_some(found)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日
        | (?P<y2>\d{4})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})
        | (?P<mn>January|February|March|April|May|June|July|August|September|October|November|December)
          \s+(?P<d3>\d{1,2}),?\s+(?P<y3>\d{4})
        ",
    )
    .expect("the date pattern is valid")
});

static ZH_NUMERAL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日")
        .expect("the numeral date pattern is valid")
});

/// Finds the first date in a text and returns it as ISO `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    if let Some(caps) = DATE.captures(text) {
        return digit_date(&caps);
    }
    numeral_date(text)
}

/// Finds the last date written in digits in a text (`…通过根据1994年5月12日…修正`), else the
/// first in numerals, as ISO `YYYY-MM-DD`.
pub fn find_last_date(text: &str) -> Option<String> {
    match DATE.captures_iter(text).last() {
        Some(caps) => digit_date(&caps),
        None => numeral_date(text),
    }
}

/// Converts a match of [`DATE`] to ISO.
fn digit_date(caps: &regex::Captures) -> Option<String> {
    let year = caps.name("y1").or(caps.name("y2")).or(caps.name("y3"))?.as_str();
    let day = caps.name("d1").or(caps.name("d2")).or(caps.name("d3"))?.as_str();
    let month = match caps.name("m1").or(caps.name("m2")) {
        Some(m) => m.as_str().parse::<u32>().ok()?,
        None => month_number(caps.name("mn")?.as_str())?,
    };
    iso(year.parse().ok()?, month, day.parse().ok()?)
}

/// Finds a date written in Chinese numerals (`一九九六年六月二十九日`) as ISO.
fn numeral_date(text: &str) -> Option<String> {
    let caps = ZH_NUMERAL_DATE.captures(text)?;
    let mut year = 0;
    for c in caps["y"].chars() {
        year = year * 10 + zh_digit(c)?;
    }
    iso(year, zh_number(&caps["m"])?, zh_number(&caps["d"])?)
}

/// Formats a date as ISO, rejecting impossible months and days.
fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let valid =
        (1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Returns the number of an English month name.
fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS.iter().position(|m| *m == name).map(|i| i as u32 + 1)
}

/// Returns the value of one Chinese digit.
fn zh_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九".chars().position(|d| d == c).map(|i| i as u32).or(match c {
        '○' | '零' => Some(0),
        _ => None,
    })
}

/// Parses a Chinese number up to 99 (`六`, `十一`, `二十九`).
fn zh_number(text: &str) -> Option<u32> {
    match text.split_once('十') {
        None => zh_digit(text.chars().next()?),
        Some((tens, ones)) => {
            let tens = if tens.is_empty() { 1 } else { zh_digit(tens.chars().next()?)? };
            let ones = if ones.is_empty() { 0 } else { zh_digit(ones.chars().next()?)? };
            Some(tens * 10 + ones)
        }
    }
}

/// Classifies a document: by its title, else as a notice when it says `通知如下`, else
/// as news when it is an English page or a Chinese report with no document number.
fn classify(title: &str, has_number: bool, lang: Lang, blocks: &[String]) -> DocType {
    // Traditional-script reprints end in 意見, 條例, 辦法: classify the simplified form.
    let by_title = DocType::from_title(&tiaowen_lexicon::to_simplified(title));
    if by_title != DocType::Other {
        return by_title;
    }
    if blocks.iter().take(NUMBER_WINDOW).any(|b| b.contains("通知如下")) {
        return DocType::Notice;
    }
    if has_number {
        return DocType::Other;
    }
    let reported = blocks.iter().take(20).any(|b| {
        b.starts_with("来源：")
            || b.starts_with("记者")
            || b.starts_with("By ")
            || b.contains("新华社")
    });
    if lang == Lang::En || reported {
        DocType::News
    } else {
        DocType::Other
    }
}

/// Lists the documents a body cites: every document number other than its own, with the
/// title in 《…》 or quotes written just before it.
fn cited_documents(blocks: &[String], own: Option<&DocNumber>) -> Vec<CitedDocument> {
    let mut cites: Vec<CitedDocument> = Vec::new();
    for block in blocks {
        for (range, number) in find_doc_numbers(block) {
            if own.is_some_and(|o| o.normalized == number.normalized) {
                continue;
            }
            let title = cited_title(&block[..range.start]);
            let existing = cites
                .iter_mut()
                .find(|c| c.doc_number.as_ref().is_some_and(|n| n.normalized == number.normalized));
            match existing {
                Some(cite) => {
                    if cite.title.is_none() {
                        cite.title = title;
                    }
                }
                None => cites.push(CitedDocument { title, doc_number: Some(number) }),
            }
        }
    }
    cites
}

/// Reads the title written just before a cited number: `《title》（` or `"Title" (`.
fn cited_title(before: &str) -> Option<String> {
    static TITLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?:《([^《》]{2,120})》|["“]([^"“”]{2,200})["”])\s*[（(]\s*$"#)
            .expect("the cited title pattern is valid")
    });
    let caps = TITLED.captures(before)?;
    caps.get(1).or(caps.get(2)).map(|m| m.as_str().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PageMeta;

    fn doc(blocks: &[&str]) -> ParsedDoc {
        ParsedDoc { blocks: blocks.iter().map(|s| s.to_string()).collect(), ..ParsedDoc::default() }
    }

    #[test]
    fn parses_dates_in_every_spelling() {
        assert_eq!(parse_date("2019年1月27日").as_deref(), Some("2019-01-27"));
        assert_eq!(parse_date("一九九六年六月二十九日").as_deref(), Some("1996-06-29"));
        assert_eq!(parse_date("二〇〇四年十一月四日").as_deref(), Some("2004-11-04"));
        assert_eq!(parse_date("December 28, 2023").as_deref(), Some("2023-12-28"));
        assert_eq!(parse_date("2020/02/05").as_deref(), Some("2020-02-05"));
        assert_eq!(parse_date("2019年13月1日"), None);
        assert_eq!(parse_date("本办法自2023年8月15日起施行。"), None);
        assert_eq!(find_date("本办法自2023年8月15日起施行。").as_deref(), Some("2023-08-15"));
        let note = "1988年7月1日 会议通过根据1994年5月12日会议《决定》修正";
        assert_eq!(find_last_date(note).as_deref(), Some("1994-05-12"));
    }

    #[test]
    fn prefers_stated_metadata() {
        let mut parsed = doc(&["正文。"]);
        parsed.meta = PageMeta {
            title: Some("国务院关于推行监管的意见".into()),
            doc_number: Some("国发[2019]5号".into()),
            issuers: vec!["国务院".into()],
            issued: Some("2019-01-27".into()),
            published: Some("2019-02-01".into()),
            notes: Vec::new(),
        };
        let record = build_document("zh/html/a.html", SourceFormat::Html, &parsed);
        assert_eq!(record.title, "国务院关于推行监管的意见");
        assert_eq!(record.doc_number.map(|n| n.normalized).as_deref(), Some("国发〔2019〕5号"));
        assert_eq!(record.issuers, ["国务院"]);
        assert_eq!(record.dates.published.as_deref(), Some("2019-02-01"));
        assert_eq!(record.doc_type, DocType::Opinions);
        assert_eq!(record.lang, Lang::Zh);
    }

    #[test]
    fn reads_fields_from_the_text() {
        let mut parsed = doc(&[
            "财政部住房城乡建设部水利部关于开展示范工作的通知",
            "财办建〔2023〕28号",
            "根据《关于推进价格机制改革的若干意见》（中发〔2015〕28号），现通知如下：",
            "一、工作目标。",
            "财政部办公厅 住房城乡建设部办公厅 水利部办公厅",
            "2023年4月10日",
        ]);
        parsed.title = Some("财政部 住房城乡建设部 水利部关于开展示范工作的通知".into());
        let record = build_document("zh/web/mof.html", SourceFormat::Html, &parsed);
        assert_eq!(record.doc_number.map(|n| n.normalized).as_deref(), Some("财办建〔2023〕28号"));
        assert_eq!(record.issuers, ["财政部办公厅", "住房城乡建设部办公厅", "水利部办公厅"]);
        assert_eq!(record.dates.issued.as_deref(), Some("2023-04-10"));
        assert_eq!(record.doc_type, DocType::Notice);
        assert_eq!(record.cites.len(), 1);
        assert_eq!(record.cites[0].title.as_deref(), Some("关于推进价格机制改革的若干意见"));
    }

    #[test]
    fn falls_back_to_the_file_stem_and_title_issuers() {
        let record = build_document("zh/x/stem_name.html", SourceFormat::Html, &doc(&["正文。"]));
        assert_eq!(record.title, "stem_name");
        assert_eq!(
            issuers_from_title("国务院办公厅、中央军委办公厅关于加强工作的通知"),
            ["国务院办公厅", "中央军委办公厅"]
        );
        assert_eq!(
            issuers_from_title("国家发展和改革委员会关于印发办法的通知"),
            ["国家发展和改革委员会"]
        );
        assert!(issuers_from_title("关于印发《办法》的通知").is_empty());
        assert_eq!(
            issuers_from_title("Notice of the General Office of the Ministry of Industry and Information Technology and the General Office of the Ministry of Finance on Pilots"),
            ["Ministry of Industry and Information Technology", "Ministry of Finance"]
        );
    }

    #[test]
    fn a_document_without_a_title_is_about_what_its_opening_paragraph_says() {
        let opening =
            "为贯彻落实有关要求，2023年，财政部将组织第三批海绵城市建设示范竞争性选拔工作。\
                       现将有关事项通知如下：";
        let blocks =
            ["各省、自治区财政厅，新疆生产建设兵团财政局：", opening, "一、工作目标和原则"];
        let record = build_document("zh/web/notice.html", SourceFormat::Html, &doc(&blocks));
        assert_eq!(record.title, "notice");
        assert_eq!(record.subject.as_deref(), Some(opening));
        let english =
            doc(&["To all provinces:", "This notice starts the third batch. It applies now."]);
        let record = build_document("en/txt/batch.txt", SourceFormat::Text, &english);
        assert_eq!(
            record.subject.as_deref(),
            Some("This notice starts the third batch. It applies now.")
        );
        // A document with a title has no subject, and a long opening is cut.
        let mut titled = doc(&[opening]);
        titled.title = Some("关于开展第三批海绵城市建设示范工作的通知".to_owned());
        assert_eq!(build_document("zh/web/t.html", SourceFormat::Html, &titled).subject, None);
        let long = "条".repeat(500) + "。";
        let record = build_document("zh/web/long.html", SourceFormat::Html, &doc(&[long.as_str()]));
        assert_eq!(record.subject.map(|s| s.chars().count()), Some(SUBJECT_CHARS));
    }

    #[test]
    fn a_shared_title_names_the_department_its_front_page_states() {
        let mut parsed = doc(&[
            "上海市普陀区2026年区级部门预算\n预算主管部门：上海市普陀区司法局\n目录",
            "上海市普陀区司法局是主管本区司法和法制工作的区政府工作部门。",
        ]);
        parsed.title = Some("上海市普陀区2026年区级部门预算".to_string());
        let record = build_document("zh/pdf/b.pdf", SourceFormat::Pdf, &parsed);
        assert_eq!(record.title, "上海市普陀区2026年区级部门预算（上海市普陀区司法局）");
        assert_eq!(record.issuers, ["上海市普陀区司法局"]);
        // A title that names the body already is kept; a label naming no body is ignored.
        parsed.title = Some("上海市普陀区司法局2026年部门预算".to_string());
        let record = build_document("zh/pdf/b.pdf", SourceFormat::Pdf, &parsed);
        assert_eq!(record.title, "上海市普陀区司法局2026年部门预算");
        let parsed = doc(&["某某预算\n编制单位：元"]);
        let record = build_document("zh/pdf/c.pdf", SourceFormat::Pdf, &parsed);
        assert_eq!(record.title, "c");
    }

    #[test]
    fn reads_english_records() {
        let parsed = doc(&[
            "Guiding Opinions on Accelerating Upgrading",
            "MIIT Joint Regulation [2023] No. 258",
            "In accordance with the \"Notice on Urban Pilot Work\" (Caijian [2024] No. 16, hereinafter the \"Notice\").",
            "Ministry of Industry and Information Technology",
            "People's Bank of China",
            "December 28, 2023",
        ]);
        let record = build_document("en/txt/a.txt", SourceFormat::Text, &parsed);
        let number = record.doc_number.expect("a document number");
        assert_eq!(number.normalized, "MIIT Joint Regulation [2023] No. 258");
        assert_eq!(
            record.issuers,
            ["Ministry of Industry and Information Technology", "People's Bank of China"]
        );
        assert_eq!(record.dates.issued.as_deref(), Some("2023-12-28"));
        assert_eq!(record.lang, Lang::En);
        assert_eq!(record.cites[0].title.as_deref(), Some("Notice on Urban Pilot Work"));
    }

    #[test]
    fn classifies_english_pages_without_a_number_as_news() {
        let parsed = doc(&["By CHEN Chunyou", "China will launch a pilot program for cities."]);
        let mut news = parsed.clone();
        news.title = Some("Manufacturing Cities to Pilot Tech Upgrade".into());
        assert_eq!(
            build_document("en/txt/n.txt", SourceFormat::Text, &news).doc_type,
            DocType::News
        );
        assert_eq!(classify("某某工作情况", false, Lang::Zh, &parsed.blocks), DocType::News);
        assert_eq!(classify("某某工作情况", false, Lang::Zh, &[]), DocType::Other);
    }
}
