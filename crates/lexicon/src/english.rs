//! English normalisation shared by the dictionary, the glossary and query expansion:
//! lower-casing, stemming, stop words and the cleaning of dictionary glosses.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::spelling::to_american;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words too common to translate on their own (they still join phrases inside).
/// Number words are here too: 一 or 三 alone is no search term.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "by", "can", "could", "do", "does", "each", "eight", "five", "for", "four", "from", "had",
    "has", "have", "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "may", "me", "more", "most", "must", "my", "nine", "of", "on", "one", "or", "other", "our",
    "seven", "shall", "she", "should", "six", "so", "such", "ten", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "three", "to", "two", "under", "us",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// Placeholder words of dictionary glosses that carry no meaning of their own.
const GLOSS_FILLERS: &[&str] = &["sth", "sb", "one's", "oneself", "etc", "someone", "something"];

/// Tells whether a lower-case word is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Irregular English verb forms and their base forms, sorted for binary search: the
/// stemmer leaves "paid" and "sold" apart from "pay" and "sell", so a query saying "got
/// paid" would miss every sense listed under the base form. Irregular plurals stay apart:
/// the dictionary's senses of "children" (子女) and "women" (妇女) are the statutes'
/// words, which the senses of "child" and "woman" would drown.
const IRREGULAR: &[(&str, &str)] = &[
    ("ate", "eat"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("fled", "flee"),
    ("fought", "fight"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("overpaid", "overpay"),
    ("paid", "pay"),
    ("said", "say"),
    ("sent", "send"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("told", "tell"),
    ("took", "take"),
    ("underpaid", "underpay"),
    ("understood", "understand"),
    ("went", "go"),
    ("withheld", "withhold"),
    ("won", "win"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Stems one lower-case English word (Snowball English), irregular forms by their base and
/// British spellings by the American ones ("organise" as "organize").
pub fn stem(word: &str) -> String {
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')).unwrap_or(word);
    let word = &*to_american(word);
    let base =
        IRREGULAR.binary_search_by_key(&word, |(form, _)| form).map_or(word, |i| IRREGULAR[i].1);
    STEMMER.stem(base).into_owned()
}

/// The irregular forms of a base verb ("make" → "made"; "take" → "taken", "took"), without
/// the forms that are words of their own in a text as often as not (found, left, fell, fed,
/// spoke, stole, won: "funds left", "the Fed"). Empty for any other word, a form among them.
pub fn irregular_forms(base: &str) -> Vec<&'static str> {
    IRREGULAR
        .iter()
        .filter(|(form, of)| *of == base && !GLOSS_BASE_WORDS.contains(form))
        .map(|(form, _)| *form)
        .collect()
}

/// Irregular past forms that are base words of their own in dictionary glosses: "to
/// found" (创办), "left" (左), "to fell" (砍伐), "spoke" (辐条), "the Fed", "won" (韩元).
const GLOSS_BASE_WORDS: &[&str] = &["fed", "fell", "found", "left", "spoke", "stole", "won"];

/// Stems one lower-case word of a dictionary gloss: as [`stem`], except that a form in
/// [`GLOSS_BASE_WORDS`] stays itself, since a gloss names a sense ("to found") rather than
/// telling a story ("I found out"). Otherwise the senses of "to found" would become senses
/// of "find".
pub fn gloss_stem(word: &str) -> String {
    if GLOSS_BASE_WORDS.contains(&word) {
        return STEMMER.stem(word).into_owned();
    }
    stem(word)
}

/// Returns the word family of one lower-case English word by inflection alone: plural
/// `-s`/`-es`/`-ies`, `-ed`, `-ing` and a final `e` come off ("fired", "fire", "firing" →
/// `fir`; "cities" → `city`), derivations stay ("socialism" is not "social", "organization"
/// not "organ", "developer" not "development"). The stemmer, which the index and the
/// dictionary keys use, joins derivations too; this tells them apart again.
pub fn lemma(word: &str) -> String {
    let word = word.strip_suffix("'s").or_else(|| word.strip_suffix('\'')).unwrap_or(word);
    let word = &*to_american(word);
    let word =
        IRREGULAR.binary_search_by_key(&word, |(form, _)| form).map_or(word, |i| IRREGULAR[i].1);
    let consonant_before = |rest: &str| {
        rest.chars().last().is_some_and(|c| c.is_ascii_alphabetic() && !"aeiou".contains(c))
    };
    let has_vowel = |rest: &str| rest.chars().any(|c| "aeiouy".contains(c));
    let mut base = word.to_owned();
    if let Some(rest) = word.strip_suffix("ies").filter(|r| r.len() >= 2) {
        base = format!("{rest}y");
    } else if let Some(rest) = word.strip_suffix("ied").filter(|r| r.len() >= 2) {
        base = format!("{rest}y");
    } else if let Some(rest) = ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).map(|r| (r, suffix)))
        .map(|(r, suffix)| format!("{r}{}", &suffix[..suffix.len() - 2]))
    {
        base = rest;
    } else if let Some(rest) = word
        .strip_suffix('s')
        .filter(|r| r.len() >= 3 && !r.ends_with('s') && !r.ends_with('u') && !r.ends_with('i'))
    {
        base = rest.to_owned();
    } else if let Some(rest) = word
        .strip_suffix("ed")
        .or_else(|| word.strip_suffix("ing"))
        .filter(|r| r.len() >= 2 && has_vowel(r) && consonant_before(r))
    {
        base = undouble(rest).to_owned();
    }
    if base.len() >= 3 {
        if let Some(rest) = base.strip_suffix('e') {
            base = rest.to_owned();
        }
    }
    base
}

/// Undoes the doubled final consonant of "stopped" or "planning" (not of "pass" or "fill").
fn undouble(rest: &str) -> &str {
    let bytes = rest.as_bytes();
    match bytes {
        [.., a, b] if a == b && !b"lsz".contains(b) && !b"aeiou".contains(b) => {
            &rest[..rest.len() - 1]
        }
        _ => rest,
    }
}

/// Splits a text into lower-case English words (letters, digits, inner `-` and `'`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\'')) {
        let word = raw.trim_matches(|c: char| c == '-' || c == '\'');
        if !word.is_empty() {
            out.push(word.to_ascii_lowercase());
        }
    }
    out
}

/// Makes the lookup key of an English word or phrase: its words stemmed, joined by spaces.
pub fn key(text: &str) -> String {
    let stems: Vec<String> = words(text).iter().map(|w| stem(w)).collect();
    stems.join(" ")
}

/// One usable reading of a dictionary gloss.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanGloss {
    /// The readable phrase, lower case: "apply for".
    pub phrase: String,
    /// True when the gloss narrowed its meaning with a parenthesis ("procure (for an
    /// enterprise etc)"), which makes it a weaker match for the bare phrase.
    pub qualified: bool,
}

/// Longest gloss, in words, that is kept as a translation.
pub const MAX_GLOSS_WORDS: usize = 4;

/// Cleans one dictionary gloss into the phrases a query may use: splits on `;`, drops
/// parentheses, bracketed pinyin, Chinese cross-references and filler words (sth, sb),
/// strips a leading "to"/"a"/"the", and keeps phrases of at most [`MAX_GLOSS_WORDS`] words.
pub fn clean_gloss(gloss: &str) -> Vec<CleanGloss> {
    let mut out = Vec::new();
    // "Yangtze River, or Chang Jiang" names one thing twice.
    for part in gloss.split(';').flat_map(|part| part.split(", or ")) {
        let (part, abbreviation) = take_abbreviation(part);
        if let Some(abbreviation) = abbreviation {
            out.push(CleanGloss { phrase: abbreviation, qualified: false });
        }
        let (text, qualified) = strip_brackets(&part);
        let mut kept: Vec<String> = Vec::new();
        let mut clean = true;
        for word in text.split_whitespace() {
            let lower = word.trim_matches(|c: char| ",.!?:\"".contains(c)).to_ascii_lowercase();
            if lower.is_empty() || GLOSS_FILLERS.contains(&lower.as_str()) {
                continue;
            }
            if !lower.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\'') {
                clean = false;
                break;
            }
            kept.push(lower);
        }
        while kept.first().is_some_and(|w| matches!(w.as_str(), "to" | "a" | "an" | "the")) {
            kept.remove(0);
        }
        if !clean || kept.is_empty() || kept.len() > MAX_GLOSS_WORDS {
            continue;
        }
        if kept.iter().all(|w| is_stop_word(w)) {
            continue;
        }
        out.push(CleanGloss { phrase: kept.join(" "), qualified });
    }
    out
}

/// Words an abbreviation skips: "Ministry of Industry and Information Technology (MIIT)".
const ABBREVIATION_SKIPS: &[&str] = &["and", "for", "of", "on", "the", "&"];

/// Takes an abbreviation out of a gloss part: "gross domestic product (GDP)" gives
/// "gross domestic product" and `gdp`. Only upper-case letters (a plural `s` aside) that
/// are the initials of the words before them count, so that a usage label such as
/// "(TCM)" or "(PRC)" stays a qualifier.
fn take_abbreviation(part: &str) -> (String, Option<String>) {
    let found = part.find('(').and_then(|open| Some((open, open + part[open..].find(')')?)));
    let Some((open, close)) = found else { return (part.to_owned(), None) };
    let inner = &part[open + 1..close];
    let letters = inner.strip_suffix('s').unwrap_or(inner);
    if !(2..=6).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return (part.to_owned(), None);
    }
    // "value-added tax" is VAT, "medium-sized enterprises" SMEs: a hyphen may part words.
    let initials = |parts: &[char]| -> String {
        part[..open]
            .split(|c: char| parts.contains(&c))
            .filter(|w| !w.is_empty())
            .filter(|w| !ABBREVIATION_SKIPS.contains(&w.to_ascii_lowercase().as_str()))
            .filter_map(|w| w.chars().next())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    if initials(&[' ', '-']) != letters && initials(&[' ']) != letters {
        return (part.to_owned(), None);
    }
    let rest = format!("{}{}", &part[..open], &part[close + 1..]);
    (rest, Some(inner.to_ascii_lowercase()))
}

/// Removes `(...)` and `[...]` groups; tells whether a parenthesis was removed.
fn strip_brackets(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut qualified = false;
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                qualified |= c == '(';
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    (out, qualified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_verb_gives_its_irregular_forms() {
        assert_eq!(irregular_forms("make"), vec!["made"]);
        let mut take = irregular_forms("take");
        take.sort();
        assert_eq!(take, vec!["taken", "took"]);
        assert_eq!(irregular_forms("pay"), vec!["paid"]);
        // A form gives nothing, nor do forms that are words of their own (found, left).
        assert!(irregular_forms("made").is_empty());
        assert!(irregular_forms("find").is_empty());
        assert_eq!(irregular_forms("leave"), Vec::<&str>::new());
        assert!(irregular_forms("subsidy").is_empty());
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("subsidy"));
    }

    #[test]
    fn lemmas_join_inflections_and_keep_derivations_apart() {
        for (a, b) in [
            ("fire", "fired"),
            ("fire", "firing"),
            ("city", "cities"),
            ("tax", "taxes"),
            ("process", "processes"),
            ("apply", "applied"),
            ("apply", "applying"),
            ("stop", "stopped"),
            ("fund", "funding"),
            ("service", "services"),
            ("use", "used"),
            ("pay", "paid"),
            ("organization", "organizations"),
        ] {
            assert_eq!(lemma(a), lemma(b), "{a} / {b}");
        }
        for (a, b) in [
            ("social", "socialism"),
            ("organ", "organization"),
            ("developer", "development"),
            ("customer", "customs"),
            ("import", "importance"),
        ] {
            assert_eq!(stem(a), stem(b), "the stemmer joins {a} and {b}");
            assert_ne!(lemma(a), lemma(b), "{a} / {b}");
        }
        assert_eq!(lemma("status"), "status");
        assert_eq!(lemma("analysis"), "analysis");
        assert_eq!(lemma("fill"), "fill");
    }

    #[test]
    fn irregular_forms_are_sorted_and_meet_their_base() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0), "IRREGULAR is not sorted");
        assert_eq!(key("got paid"), key("get pay"));
        assert_eq!(key("children's education"), key("children education"));
        assert_ne!(key("children"), key("child"));
        assert_eq!(key("sold goods"), key("sell goods"));
        assert_eq!(stem("found"), stem("find"), "a query's \"found\" is \"find\"");
        assert_ne!(gloss_stem("found"), stem("find"), "a gloss's \"to found\" is not");
        assert_eq!(gloss_stem("paid"), stem("pay"));
    }

    #[test]
    fn keys_stem_every_word() {
        assert_eq!(key("Pilot Cities"), key("pilot city"));
        assert_eq!(key("applications"), key("application"));
        assert_ne!(key("apply"), key("supply"));
        assert_eq!(key("labour organisation"), key("labor organization"));
        assert_eq!(lemma("organised"), lemma("organized"));
    }

    #[test]
    fn words_skip_chinese_and_punctuation() {
        assert_eq!(words("CNC rate, 数控化率 (2027)"), vec!["cnc", "rate", "2027"]);
        assert_eq!(words("value-added 'telecom'"), vec!["value-added", "telecom"]);
    }

    #[test]
    fn cleans_cedict_glosses() {
        let g = clean_gloss("to apply for sth");
        assert_eq!(g, vec![CleanGloss { phrase: "apply for".into(), qualified: false }]);
        let g = clean_gloss("to procure (for an enterprise etc)");
        assert_eq!(g, vec![CleanGloss { phrase: "procure".into(), qualified: true }]);
        let g = clean_gloss("funds; capital");
        assert_eq!(g.len(), 2);
        assert_eq!(g[1].phrase, "capital");
        let g = clean_gloss("application form (CL:份[fen4])");
        assert_eq!(g[0].phrase, "application form");
    }

    #[test]
    fn drops_long_or_foreign_glosses() {
        assert!(clean_gloss("component in Chinese characters, mirror image of 夂[zhi3]").is_empty());
        assert!(clean_gloss("one of the many ways to say something long").is_empty());
        assert!(clean_gloss("to").is_empty());
    }

    #[test]
    fn abbreviations_and_alternative_names_are_senses_of_their_own() {
        let phrases = |gloss: &str| -> Vec<(String, bool)> {
            clean_gloss(gloss).into_iter().map(|g| (g.phrase, g.qualified)).collect()
        };
        assert_eq!(
            phrases("gross domestic product (GDP)"),
            [("gdp".to_owned(), false), ("gross domestic product".to_owned(), false)]
        );
        assert_eq!(
            phrases("small and medium-sized enterprises (SMEs)")[0],
            ("smes".to_owned(), false)
        );
        assert_eq!(
            phrases("Yangtze River, or Chang Jiang"),
            [("yangtze river".to_owned(), false), ("chang jiang".to_owned(), false)]
        );
        assert_eq!(phrases("to get angry (TCM)"), [("get angry".to_owned(), true)], "a label");
        assert_eq!(phrases("AAA battery (PRC)"), [("aaa battery".to_owned(), true)]);
    }
}
