//! The document record and its clauses.

use serde::{Deserialize, Serialize};

/// The language a document (or clause) is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Returns the two-letter code used in JSON and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses a two-letter code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Guesses the language of a text from its share of CJK characters.
    pub fn detect(text: &str) -> Lang {
        let mut cjk = 0usize;
        let mut latin = 0usize;
        for c in text.chars().take(20_000) {
            if is_cjk(c) {
                cjk += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
        // A Chinese character carries roughly as much as a whole English word.
        if cjk * 5 >= latin {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Tells whether a character is a CJK ideograph (unified, extensions or compatibility).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// The kind of official document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    /// 通知 notice.
    Notice,
    /// 意见 opinions.
    Opinions,
    /// 办法 / 规定 / 细则 measures.
    Measures,
    /// 条例 regulations.
    Regulations,
    /// 法 law.
    Law,
    /// 决定 decision.
    Decision,
    /// 批复 reply.
    Reply,
    /// 函 letter.
    Letter,
    /// A news report or digest.
    News,
    /// Anything else.
    #[default]
    Other,
}

impl DocType {
    /// All types, in the order filters list them.
    pub const ALL: [DocType; 10] = [
        DocType::Notice,
        DocType::Opinions,
        DocType::Measures,
        DocType::Regulations,
        DocType::Law,
        DocType::Decision,
        DocType::Reply,
        DocType::Letter,
        DocType::News,
        DocType::Other,
    ];

    /// Returns the lowercase English name used in JSON and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Notice => "notice",
            DocType::Opinions => "opinions",
            DocType::Measures => "measures",
            DocType::Regulations => "regulations",
            DocType::Law => "law",
            DocType::Decision => "decision",
            DocType::Reply => "reply",
            DocType::Letter => "letter",
            DocType::News => "news",
            DocType::Other => "other",
        }
    }

    /// Parses a filter value: the English name or the Chinese word (通知, 意见 ...).
    pub fn parse(value: &str) -> Option<DocType> {
        let value = value.trim().to_lowercase();
        DocType::ALL.into_iter().find(|t| t.as_str() == value || t.zh() == value)
    }

    /// Returns the Chinese name of the type.
    pub fn zh(self) -> &'static str {
        match self {
            DocType::Notice => "通知",
            DocType::Opinions => "意见",
            DocType::Measures => "办法",
            DocType::Regulations => "条例",
            DocType::Law => "法",
            DocType::Decision => "决定",
            DocType::Reply => "批复",
            DocType::Letter => "函",
            DocType::News => "新闻",
            DocType::Other => "其他",
        }
    }

    /// Classifies a document by the words its title ends with (Chinese or English).
    pub fn from_title(title: &str) -> DocType {
        let t = title.trim().trim_end_matches(['》', '"', '”', '.', ' ']);
        let lower = t.to_lowercase();
        let zh_rules: [(&[&str], DocType); 8] = [
            (&["批复"], DocType::Reply),
            (&["通知", "通告", "公告"], DocType::Notice),
            (&["意见", "指导意见"], DocType::Opinions),
            (&["决定", "决议"], DocType::Decision),
            (&["条例"], DocType::Regulations),
            (&["办法", "规定", "细则", "规则", "规程", "方案"], DocType::Measures),
            (&["法", "宪法"], DocType::Law),
            (&["函", "复函"], DocType::Letter),
        ];
        for (suffixes, kind) in zh_rules {
            if suffixes.iter().any(|s| t.ends_with(s)) {
                return kind;
            }
        }
        let en_rules: [(&str, DocType); 8] = [
            ("reply", DocType::Reply),
            ("notice", DocType::Notice),
            ("opinions", DocType::Opinions),
            ("decision", DocType::Decision),
            ("regulations", DocType::Regulations),
            ("measures", DocType::Measures),
            ("law", DocType::Law),
            ("constitution", DocType::Law),
        ];
        for (word, kind) in en_rules {
            if lower.starts_with(word) || lower.contains(&format!(" {word}")) {
                return kind;
            }
        }
        DocType::Other
    }
}

/// The file format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// An HTML page or fragment.
    Html,
    /// A PDF file.
    Pdf,
    /// Markdown.
    Markdown,
    /// Plain text.
    Text,
}

impl SourceFormat {
    /// Chooses the format from a file extension (case-insensitive); `None` if unsupported.
    pub fn from_extension(ext: &str) -> Option<SourceFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "xhtml" => Some(SourceFormat::Html),
            "pdf" => Some(SourceFormat::Pdf),
            "md" | "markdown" => Some(SourceFormat::Markdown),
            "txt" | "text" => Some(SourceFormat::Text),
            _ => None,
        }
    }

    /// Returns the lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Text => "text",
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The format it was read as.
    pub format: SourceFormat,
}

/// A document number (文号) as written and in its normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocNumber {
    /// As the document writes it, e.g. `国办发[2019]6号` or `Caijian [2024] No. 16`.
    pub raw: String,
    /// Normalised: `国办发〔2019〕6号`, `Caijian [2024] No. 16`.
    pub normalized: String,
}

/// The dates a document carries, as ISO `YYYY-MM-DD` strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDates {
    /// 成文日期: the date the document was written or issued.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// 发布日期: the date it was published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// A document that another document cites (《…》（财建〔2024〕16号）).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitedDocument {
    /// The cited title, without book-title marks, where given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The cited document number, where given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<DocNumber>,
}

/// The record of one ingested document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the path relative to the corpus root (`zh/html/govcn_001.html`).
    pub id: String,
    /// The title.
    pub title: String,
    /// What a document without a title of its own says it is about: its opening
    /// paragraph, searched with the title so that its clauses carry the subject a title
    /// would give them. Never shown as the title (that is the file name). `None` for a
    /// document with a title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The document number (文号), where it has one.
    pub doc_number: Option<DocNumber>,
    /// Issuing bodies (发文机关), in the order given.
    pub issuers: Vec<String>,
    /// Issued and published dates.
    pub dates: DocDates,
    /// The language of the body.
    pub lang: Lang,
    /// The kind of document.
    #[serde(rename = "type")]
    pub doc_type: DocType,
    /// Where it was read from.
    pub source: Source,
    /// Documents it cites.
    pub cites: Vec<CitedDocument>,
    /// Attachments the document refers to whose text is not part of this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_attachments: Vec<String>,
    /// Problems met while reading it that did not stop it (garbled PDF text, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// A law's enactment notes (题注): when it was adopted, amended and revised, one line
    /// each, as the law states them before its text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Documents this one says it repeals or replaces (「《…》同时废止」).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeals: Vec<CitedDocument>,
    /// The last day the document is in force, where it names its own validity period
    /// (有效期), as an ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// Whether the document is in force; derived from the whole index when it is searched
    /// (a later version of the same law, a document that repeals it, a lapsed validity period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Validity>,
}

impl Document {
    /// Builds a record that knows only its id and title: language and type are read from
    /// the title, the format from the id's extension (text when unknown), and the rest is
    /// empty, to be filled in with struct update syntax.
    pub fn new(id: &str, title: &str) -> Document {
        let extension = id.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
        Document {
            id: id.to_owned(),
            title: title.to_owned(),
            subject: None,
            doc_number: None,
            issuers: Vec::new(),
            dates: DocDates::default(),
            lang: Lang::detect(title),
            doc_type: DocType::from_title(title),
            source: Source {
                path: id.to_owned(),
                format: SourceFormat::from_extension(extension).unwrap_or(SourceFormat::Text),
            },
            cites: Vec::new(),
            missing_attachments: Vec::new(),
            warnings: Vec::new(),
            notes: Vec::new(),
            repeals: Vec::new(),
            valid_until: None,
            status: None,
        }
    }
}

/// Whether a document is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValidityState {
    /// In force, as far as the index knows.
    Current,
    /// Replaced by a later version of the same document.
    Superseded,
    /// Repealed by another document.
    Repealed,
    /// Its own validity period has run out.
    Expired,
}

/// The validity of a document and what decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    /// Current, superseded, repealed or expired.
    pub state: ValidityState,
    /// The id of the document that supersedes or repeals it, where one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// A human-readable reason: "superseded by the 2024 version", "expired 2020-12-31".
    pub reason: String,
}

/// The smallest numbered unit of a document that carries its own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    /// Permalink key: `{document id}#{path}`, e.g. `zh/html/govcn_006.html#2.5`.
    pub anchor: String,
    /// The label as the document writes it: `二（五）`, `第二十二条`, `II.(5)`.
    pub label: String,
    /// The chain of headings above the clause, outermost first.
    pub headings: Vec<String>,
    /// The clause text, whitespace-normalised.
    pub text: String,
    /// Citation string: the document number (or title), then the label.
    pub citation: String,
}
