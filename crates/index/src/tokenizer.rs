//! The analyzer: folds the text (NFKC, full-width to half-width, lower case), cuts
//! Chinese runs with jieba, stems English words, and keeps numbers, amounts and
//! document numbers whole.
//!
//! Offsets are byte offsets into the original text. Positions count default-mode words:
//! in search mode the dictionary words inside a longer word (`扣除` inside `专项附加扣除`)
//! share the position of that word, so a phrase query built from default-mode words
//! matches whether a word was indexed whole or in parts.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use jieba_rs::Jieba;
use rust_stemmers::{Algorithm, Stemmer};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};
use tiaowen_model::is_cjk;
use unicode_normalization::UnicodeNormalization;

use crate::docnum::find_doc_numbers;

/// The analyzer of the searchable text fields: default words plus dictionary sub-words.
pub const SEARCH_TOKENIZER: &str = "tiaowen_search";
/// The analyzer that yields default-mode words only (snippets, phrases).
pub const WORD_TOKENIZER: &str = "tiaowen_word";

/// Units that stay attached to the number before them (`500万元`, `90%`, `6号`).
const UNITS: [&str; 22] = [
    "万亿元",
    "亿元",
    "万元",
    "千元",
    "元",
    "万亿",
    "亿",
    "万",
    "千米",
    "公里",
    "平方米",
    "毫米",
    "米",
    "吨",
    "公斤",
    "岁",
    "倍",
    "号",
    "年",
    "月",
    "日",
    "%",
];

/// English words too common to search for; removed from Latin runs only.
const EN_STOP_WORDS: [&str; 44] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "do", "does", "for", "from",
    "had", "has", "have", "how", "if", "in", "into", "is", "it", "its", "of", "on", "or", "s",
    "such", "t", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
    "were", "what", "which", "with",
];

/// Registers [`SEARCH_TOKENIZER`] and [`WORD_TOKENIZER`] with a tokenizer manager.
pub fn register_tokenizers(manager: &TokenizerManager) {
    manager.register(SEARCH_TOKENIZER, TextAnalyzer::from(ClauseTokenizer { sub_words: true }));
    manager.register(WORD_TOKENIZER, TextAnalyzer::from(ClauseTokenizer { sub_words: false }));
}

/// Returns the shared jieba instance (its dictionary loads once, on first use).
pub(crate) fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The most English words whose stems a thread remembers; past it, it starts afresh.
const STEM_CACHE_WORDS: usize = 100_000;

thread_local! {
    /// Stems of the English words this thread has stemmed: the same few thousand words
    /// recur in every clause, query and snippet.
    static STEMS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// The stem of a (folded) English word, British spellings first made American, as the
/// dictionary keys have them.
fn stem(word: &str) -> String {
    if let Some(known) = STEMS.with(|stems| stems.borrow().get(word).cloned()) {
        return known;
    }
    let stemmed = match tiaowen_lexicon::to_american(word) {
        Cow::Borrowed(word) => stemmer().stem(word).into_owned(),
        Cow::Owned(american) => stemmer().stem(&american).into_owned(),
    };
    STEMS.with(|stems| {
        let mut stems = stems.borrow_mut();
        if stems.len() >= STEM_CACHE_WORDS {
            stems.clear();
        }
        stems.insert(word.to_owned(), stemmed.clone());
    });
    stemmed
}

/// Folds one character for searching and appends the result: NFKC (full-width forms
/// become ASCII), lower case, CJK radicals to ideographs.
///
/// Traditional-to-simplified folding belongs here too, so that it applies to the index
/// and to queries alike.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Unified ideographs are their own NFKC form and have no case: only the
    // traditional-to-simplified table applies (the common path for Chinese text).
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        out.push(tiaowen_lexicon::fold_char(c));
        return;
    }
    for normalized in std::iter::once(c).nfkc() {
        for lower in normalized.to_lowercase() {
            out.push(tiaowen_lexicon::fold_char(tiaowen_text::fold_radical(lower)));
        }
    }
}

/// Text folded by [`fold_text`], with the way back to the original byte offsets.
#[derive(Debug, Clone)]
pub struct FoldedText {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`: the original byte range of the character it came from.
    origin: Vec<(usize, usize)>,
}

impl FoldedText {
    /// Maps a byte range of the folded text (on char boundaries) back to the original.
    pub fn original_range(&self, from: usize, to: usize) -> (usize, usize) {
        let start = self.origin.get(from).map_or(0, |r| r.0);
        let end = to.checked_sub(1).and_then(|i| self.origin.get(i)).map_or(start, |r| r.1);
        (start, end.max(start))
    }
}

/// Folds a whole text character by character (see [`fold_char`]).
pub fn fold_text(text: &str) -> FoldedText {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (byte, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        let range = (byte, byte + c.len_utf8());
        origin.extend(std::iter::repeat_n(range, folded.len() - before));
    }
    FoldedText { text: folded, origin }
}

/// One token of the analysis, with byte offsets into the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedToken {
    /// The indexed form (folded, stemmed for English).
    pub text: String,
    /// Start byte in the original text.
    pub from: usize,
    /// End byte in the original text.
    pub to: usize,
    /// Word position (sub-words share the position of their word).
    pub position: usize,
    /// True for default-mode words, false for sub-words and extra forms.
    pub main: bool,
}

/// The kind of character for cutting runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Han,
    Alnum,
    Other,
}

fn classify(c: char) -> CharClass {
    if is_cjk(c) || c == '〇' {
        CharClass::Han
    } else if c.is_alphanumeric() {
        CharClass::Alnum
    } else {
        CharClass::Other
    }
}

/// Collects tokens over the folded text, then maps offsets back.
struct Analysis<'a> {
    folded: &'a FoldedText,
    sub_words: bool,
    position: usize,
    tokens: Vec<AnalyzedToken>,
}

impl Analysis<'_> {
    fn push(&mut self, text: Cow<'_, str>, from: usize, to: usize, position: usize, main: bool) {
        let (from, to) = self.folded.original_range(from, to);
        self.tokens.push(AnalyzedToken { text: text.into_owned(), from, to, position, main });
    }

    /// Cuts a Chinese run with jieba; sub-words (in search mode) are dictionary words of
    /// two or three characters inside a longer word.
    fn han_run(&mut self, start: usize, end: usize) {
        let run = &self.folded.text[start..end];
        for word in jieba().cut(run, false) {
            let position = self.position;
            self.position += 1;
            let chars: Vec<(usize, char)> = word.word.char_indices().collect();
            let base = start + word.byte_start;
            if self.sub_words && chars.len() > 2 {
                for len in [2usize, 3] {
                    for i in 0..chars.len().saturating_sub(len - 1) {
                        if i == 0 && len == chars.len() {
                            continue;
                        }
                        let from = chars[i].0;
                        let to = chars.get(i + len).map_or(word.word.len(), |c| c.0);
                        let gram = &word.word[from..to];
                        if len < chars.len() && jieba().has_word(gram) {
                            self.push(Cow::Borrowed(gram), base + from, base + to, position, false);
                        }
                    }
                }
            }
            self.push(Cow::Borrowed(word.word), base, base + word.word.len(), position, true);
        }
    }

    /// Handles a run of letters and digits (with inner `.`, `-`, `_`, `'` and thousands
    /// separators); returns where the run ended, unit included.
    fn alnum_run(&mut self, start: usize, end: usize) -> usize {
        let run = &self.folded.text[start..end];
        let has_letter = run.chars().any(|c| c.is_alphabetic());
        if !has_letter {
            return self.number(start, end);
        }
        let first_position = self.position;
        let mut offset = 0;
        let mut emitted_parts = 0;
        for part in run.split(['.', '-', '_', '\'', ',']) {
            let part_start = start + offset;
            offset += part.len() + 1;
            if part.is_empty() {
                continue;
            }
            let position = self.position;
            self.position += 1;
            emitted_parts += 1;
            if EN_STOP_WORDS.contains(&part) {
                continue;
            }
            let stemmed = if part.chars().all(|c| c.is_ascii_digit()) {
                Cow::Borrowed(part)
            } else {
                Cow::Owned(stem(part))
            };
            self.push(stemmed, part_start, part_start + part.len(), position, true);
        }
        let is_code = emitted_parts > 1 && run.chars().any(|c| c.is_ascii_digit());
        if is_code && self.sub_words {
            self.push(Cow::Borrowed(run), start, end, first_position, false);
        }
        end
    }

    /// Emits a number whole (`3.6.3`, `1,000` as `1000`), with its unit when one follows.
    fn number(&mut self, start: usize, end: usize) -> usize {
        let run = &self.folded.text[start..end];
        let digits: String = run.chars().filter(|&c| c != ',').collect();
        let rest = &self.folded.text[end..];
        let unit = UNITS.iter().find(|u| rest.starts_with(**u));
        let position = self.position;
        self.position += 1;
        let Some(unit) = unit else {
            self.push(Cow::Owned(digits), start, end, position, true);
            return end;
        };
        let with_unit = format!("{digits}{unit}");
        let unit_end = end + unit.len();
        self.push(Cow::Owned(with_unit), start, unit_end, position, true);
        if self.sub_words {
            self.push(Cow::Owned(digits), start, end, position, false);
        }
        // A `%` has no word of its own; a Chinese unit is cut again with its run so that
        // `万元` alone still matches.
        if *unit == "%" {
            unit_end
        } else {
            end
        }
    }

    /// Adds one token per document number key, at the position of the first word inside.
    /// Numbers are found in the original `text` (capitals mark English prefixes), so
    /// their offsets need no mapping back.
    fn doc_numbers(&mut self, text: &str) {
        if !self.sub_words {
            return;
        }
        for found in find_doc_numbers(text) {
            let (from, to) = (found.start, found.end);
            let Some(position) = self.tokens.iter().find(|t| t.from >= from).map(|t| t.position)
            else {
                continue;
            };
            for key in found.keys(2) {
                self.tokens.push(AnalyzedToken { text: key, from, to, position, main: false });
            }
        }
        self.tokens.sort_by_key(|t| t.position);
    }
}

/// Finds the end of the letters-and-digits run starting at `start`.
fn alnum_run_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if classify(c) == CharClass::Alnum {
            end = at + c.len_utf8();
            continue;
        }
        let next_is_alnum = chars.peek().is_some_and(|&(_, n)| classify(n) == CharClass::Alnum);
        let connector = matches!(c, '.' | '-' | '_' | '\'')
            || (c == ',' && is_thousands_group(&text[at + 1..]));
        if !(connector && next_is_alnum) {
            break;
        }
    }
    end
}

/// Tells whether text starts with exactly three digits (a thousands group).
fn is_thousands_group(rest: &str) -> bool {
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    digits == 3
}

/// Analyses a text: search mode (`sub_words`) adds dictionary sub-words, number forms
/// without units and document number keys to the default-mode words.
pub fn analyze(text: &str, sub_words: bool) -> Vec<AnalyzedToken> {
    analyze_runs(text, sub_words, |_| true)
}

/// Analyses a text, cutting into words only the runs of Chinese characters whose folded
/// text `cut` accepts: the others yield no words, so later positions count fewer.
pub(crate) fn analyze_runs(
    text: &str,
    sub_words: bool,
    cut: impl Fn(&str) -> bool,
) -> Vec<AnalyzedToken> {
    let folded = fold_text(text);
    let mut analysis = Analysis { folded: &folded, sub_words, position: 0, tokens: Vec::new() };
    let body = folded.text.as_str();
    let mut index = 0;
    while let Some(c) = body[index..].chars().next() {
        match classify(c) {
            CharClass::Other => index += c.len_utf8(),
            CharClass::Han => {
                let len: usize = body[index..]
                    .chars()
                    .take_while(|&c| classify(c) == CharClass::Han)
                    .map(char::len_utf8)
                    .sum();
                if cut(&body[index..index + len]) {
                    analysis.han_run(index, index + len);
                }
                index += len;
            }
            CharClass::Alnum => {
                let end = alnum_run_end(body, index);
                index = analysis.alnum_run(index, end).max(index + c.len_utf8());
            }
        }
    }
    analysis.doc_numbers(text);
    analysis.tokens
}

/// Turns analysed tokens into tantivy's.
fn to_tantivy_tokens(tokens: Vec<AnalyzedToken>) -> Vec<Token> {
    tokens
        .into_iter()
        .map(|t| Token {
            offset_from: t.from,
            offset_to: t.to,
            position: t.position,
            text: t.text,
            position_length: 1,
        })
        .collect()
}

/// The tantivy tokenizer over [`analyze`].
#[derive(Debug, Clone)]
pub struct ClauseTokenizer {
    sub_words: bool,
}

impl ClauseTokenizer {
    /// Builds a tokenizer; `sub_words` selects search mode.
    pub fn new(sub_words: bool) -> ClauseTokenizer {
        ClauseTokenizer { sub_words }
    }
}

/// The token stream of [`ClauseTokenizer`].
pub struct ClauseTokenStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl Tokenizer for ClauseTokenizer {
    type TokenStream<'a> = ClauseTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ClauseTokenStream {
        let tokens = to_tantivy_tokens(analyze(text, self.sub_words));
        ClauseTokenStream { tokens, next: 0, current: Token::default() }
    }
}

impl TokenStream for ClauseTokenStream {
    fn advance(&mut self) -> bool {
        let Some(token) = self.tokens.get_mut(self.next) else {
            return false;
        };
        self.current = std::mem::take(token);
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, sub_words: bool) -> Vec<String> {
        analyze(text, sub_words).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn offsets_are_bytes_of_the_original_text() {
        let text = "ＡＩ生成内容，２０２５年";
        for token in analyze(text, true) {
            assert!(text.is_char_boundary(token.from) && text.is_char_boundary(token.to));
            assert!(token.from < token.to, "{token:?}");
        }
        let tokens = analyze(text, false);
        assert_eq!(tokens[0].text, "ai");
        assert_eq!(&text[tokens[0].from..tokens[0].to], "ＡＩ");
        let year = tokens.iter().find(|t| t.text == "2025年").expect("year kept with unit");
        assert_eq!(&text[year.from..year.to], "２０２５年");
    }

    #[test]
    fn sub_words_share_the_position_of_their_word() {
        let tokens = analyze("专项附加扣除标准", true);
        let kou = tokens.iter().find(|t| t.text == "扣除").expect("扣除 is indexed");
        let biao = tokens.iter().find(|t| t.text == "标准").expect("标准 is indexed");
        assert_eq!(biao.position, kou.position + 1);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        let mut sorted = positions.clone();
        sorted.sort_unstable();
        assert_eq!(positions, sorted);
    }

    #[test]
    fn english_is_stemmed_without_stop_words() {
        assert_eq!(texts("The deductions for housing", false), vec!["deduct", "hous"]);
        assert_eq!(texts("deduction", false), vec!["deduct"]);
        let tokens = analyze("funds of the city", false);
        assert_eq!(tokens[1].position, 3);
    }

    #[test]
    fn british_spellings_meet_american_ones() {
        for (british, american) in [
            ("Labour organisations", "labor organizations"),
            ("programme centre", "program center"),
            ("subsidised licences", "subsidized licenses"),
        ] {
            assert_eq!(texts(british, false), texts(american, false), "{british}");
        }
        assert_ne!(texts("promise", false), texts("promize", false));
    }

    #[test]
    fn a_remembered_stem_is_the_stem() {
        let words = ["organisations", "subsidies", "deadline", "applying", "organisations"];
        let first: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert_eq!(first, ["organ", "subsidi", "deadlin", "appli", "organ"]);
        STEMS.with(|stems| assert!(stems.borrow().contains_key("applying")));
        let again: Vec<String> = words.iter().map(|w| stem(w)).collect();
        assert_eq!(first, again);
    }

    #[test]
    fn numbers_and_codes_stay_whole() {
        assert!(texts("版本3.6.3发布", true).contains(&"3.6.3".to_owned()));
        let amounts = texts("补助500万元", true);
        assert!(amounts.contains(&"500万元".to_owned()));
        assert!(amounts.contains(&"500".to_owned()));
        assert!(amounts.contains(&"万元".to_owned()));
        assert!(texts("exceed 90% and 70%", true).contains(&"90%".to_owned()));
        assert!(texts("1,000 yuan", true).contains(&"1000".to_owned()));
        assert!(texts("COVID-19 rules", true).contains(&"covid-19".to_owned()));
        assert_eq!(texts("value-added", false), vec!["valu", "ad"]);
    }

    #[test]
    fn document_numbers_get_one_key() {
        let tokens = texts("根据国办发〔2019〕6号文件", true);
        assert!(tokens.contains(&"国办发[2019]6号".to_owned()), "{tokens:?}");
        let words = texts("根据国办发〔2019〕6号文件", false);
        assert!(!words.iter().any(|t| t.contains('[')));
    }

    #[test]
    fn tokenizer_stream_yields_every_token() {
        let mut tokenizer = ClauseTokenizer::new(true);
        let mut stream = tokenizer.token_stream("专项附加扣除 deductions");
        let mut seen = Vec::new();
        while stream.advance() {
            seen.push(stream.token().text.clone());
        }
        assert!(seen.contains(&"扣除".to_owned()));
        assert!(seen.contains(&"deduct".to_owned()));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in ["", "   ", "。。。", "a.", "-", "3.", "㎡", "①②", "1,23", "\u{200b}中"]
        {
            for token in analyze(text, true) {
                assert!(text.is_char_boundary(token.from) && text.is_char_boundary(token.to));
            }
        }
    }
}
