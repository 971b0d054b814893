//! The weights of ranking, kept apart so that they can be tuned without touching search.

/// The weights of ranking; [`Ranking::default`] holds the tuned values.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// Weight of a match in the clause text.
    pub text_boost: f32,
    /// Weight of a match in the headings above the clause.
    pub headings_boost: f32,
    /// Weight of a match in the document title.
    pub title_boost: f32,
    /// Weight of a match in the document number and issuers.
    pub meta_boost: f32,
    /// Bonus weight for the whole query found as a phrase (within `phrase_slop`).
    pub phrase_boost: f32,
    /// How many extra word moves the whole-query phrase tolerates.
    pub phrase_slop: u32,
    /// Bonus weight for each pair of neighbouring query words found together.
    pub pair_boost: f32,
    /// How many extra word moves a pair tolerates.
    pub pair_slop: u32,
    /// Bonus weight for the expansions (translations, synonyms) of two neighbouring
    /// query words found together, times the lower of their weights.
    pub expanded_pair_boost: f32,
    /// The share of query words (of three or more) a clause must contain to be ranked
    /// before clauses with fewer.
    pub min_share: f32,
    /// Factor on the score of a clause whose document is superseded, repealed or expired.
    pub out_of_force_factor: f32,
    /// Factor on the score of a document's preamble (its title, number, addressees and
    /// foreword: `国务院办公厅关于2019年部分节假日安排的通知 … 现将…通知如下`). It repeats the
    /// words of the document's whole subject, so it would match a question about any part
    /// of it ahead of the item that answers; it still leads when nothing else matches.
    pub preamble_factor: f32,
    /// Factor on the score of a tabular clause: a table's rows or a contents page, mostly
    /// figures and dot leaders (45% or more of its characters), or a Chinese table's header
    /// cells and row of loose figures without a sentence's punctuation. A budget table
    /// lists every line item with its department's name, so it matches a question about
    /// any of them ahead of the sentence that explains the one asked about.
    pub tabular_factor: f32,
    /// How much a clause in the other language than the query's weighs against one in
    /// the query's own language that covers the query as well (see `fuse_languages`):
    /// a tie-break only, as how much of the query a clause covers decides first.
    pub cross_language_factor: f32,
    /// The same for an English clause answering a Chinese query. A Chinese query, cut into
    /// more words than the English text's translations of them, covers an English clause
    /// less fully than an English query covers a Chinese one, so the English clause needs
    /// no further handicap: at 0.9, as for English queries, a Chinese clause topped about
    /// four times as many Chinese queries answered in English as the other way round.
    pub cross_language_factor_zh: f32,
    /// The power of the query coverage in `fuse_languages`: higher values let a clause
    /// holding more of the query lead more clearly, whatever its language.
    pub coverage_power: f32,
    /// The share of the other language's ideal score (a clause holding every concept of
    /// the translated query once) below which its best clause no longer sets the scale
    /// of the others.
    pub ideal_share: f32,
    /// How much a query word of one Chinese character (交, 按, 用, 罚) counts, against its
    /// idf, towards the share of the query a clause covers (see `fuse_languages`). In a
    /// question such a word is mostly everyday speech for what statutes write in longer
    /// words (缴纳, 按照, 使用, 罚款), and its rarity as a lone word in the index would
    /// otherwise make a clause lacking it look like it missed the point.
    pub single_character_share: f32,
    /// Bonus factor, less one, on the score of a clause stating the kind of answer the
    /// query asks for: a period for "how long", a sum for 罚多少钱, a percentage for "tax
    /// rate", a definition for "who counts as", an age for "minimum age", a number of
    /// things for "how many cities".
    pub answer_boost: f32,
    /// The share of their score that sibling clauses (several clauses of one document
    /// among the first hits) take from how much of the query they hold, words weighed
    /// within their document (see `siblings`); 0 leaves their order to the score.
    pub sibling_share: f32,
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking {
            text_boost: 1.0,
            headings_boost: 0.6,
            title_boost: 0.5,
            meta_boost: 0.3,
            phrase_boost: 2.0,
            phrase_slop: 3,
            pair_boost: 0.15,
            pair_slop: 1,
            expanded_pair_boost: 1.5,
            min_share: 0.7,
            out_of_force_factor: 0.5,
            preamble_factor: 0.7,
            tabular_factor: 0.6,
            cross_language_factor: 0.9,
            cross_language_factor_zh: 1.0,
            coverage_power: 2.0,
            ideal_share: 0.6,
            single_character_share: 0.5,
            answer_boost: 1.5,
            sibling_share: 0.5,
        }
    }
}

/// The scores of one language's candidates, for `fuse_languages`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LanguagePool {
    /// The best score among the language's candidates, or the share of the ideal score
    /// when that is higher.
    pub best: f32,
    /// The share of the query, in `0.0..=1.0`, that the clause being scaled covers (by
    /// its own words or by translations of them).
    pub coverage: f32,
    /// The language of the query.
    pub own: bool,
    /// Whether the query is Chinese.
    pub query_zh: bool,
}

/// Returns the factor on the score of one clause when the two languages' results are
/// merged.
///
/// Raw scores of the two languages do not compare: a query's own words meet their own
/// statistics, while translations are weighted guesses matched against another part of
/// the collection. So each clause's score is divided by the best score of its language
/// (in the other language than the query's, by `ideal_share` of what a clause holding
/// the whole translated query once would score, when that is higher: weak matches alone
/// do not set the scale), then scaled by how much of the query the clause covers (raised
/// to `coverage_power`),
/// measured alike in both languages, and in the other language by
/// `cross_language_factor` (`cross_language_factor_zh` for a Chinese query). A Chinese
/// clause holding every translated concept beats an English clause matching one common
/// word; when both cover an English query alike, English leads, and for a Chinese query
/// they compete at par.
pub(crate) fn fuse_languages(ranking: &Ranking, pool: LanguagePool) -> f32 {
    if !(pool.best.is_finite() && pool.best > 0.0) {
        return 1.0;
    }
    let coverage = pool.coverage.clamp(0.0, 1.0).powf(ranking.coverage_power.max(0.0));
    let language = match (pool.own, pool.query_zh) {
        (true, _) => 1.0,
        (false, true) => ranking.cross_language_factor_zh,
        (false, false) => ranking.cross_language_factor,
    };
    // Keep a floor so that a language covering nothing still orders its own clauses.
    coverage.max(0.01) * language / pool.best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_text_weighs_most_and_whole_phrases_beat_pairs() {
        let ranking = Ranking::default();
        assert!(ranking.text_boost > ranking.headings_boost);
        assert!(ranking.headings_boost > ranking.title_boost);
        assert!(ranking.phrase_boost > ranking.pair_boost);
        // Expansions weigh 0.2–0.7, so their pair bonus counts about as a query pair's.
        assert!(ranking.expanded_pair_boost * 0.3 > ranking.pair_boost);
        assert!((0.0..=1.0).contains(&ranking.min_share));
        assert!((0.0..=1.0).contains(&ranking.cross_language_factor));
        assert!((0.0..=1.0).contains(&ranking.cross_language_factor_zh));
    }

    #[test]
    fn the_language_covering_more_of_the_query_leads() {
        let ranking = Ranking::default();
        // English query words weak (a third of the query), the Chinese translations strong.
        let own = LanguagePool { best: 12.0, coverage: 0.34, own: true, query_zh: false };
        let other = LanguagePool { best: 3.0, coverage: 1.0, own: false, query_zh: false };
        let own_top = 12.0 * fuse_languages(&ranking, own);
        let other_top = 3.0 * fuse_languages(&ranking, other);
        assert!(other_top > own_top, "{other_top} vs {own_top}");
        // Equal coverage: the query's own language leads.
        let other = LanguagePool { best: 30.0, coverage: 0.34, own: false, query_zh: false };
        assert!(12.0 * fuse_languages(&ranking, own) > 30.0 * fuse_languages(&ranking, other));
        // A Chinese query: an English clause covering it as well as a Chinese one ties.
        let own = LanguagePool { best: 12.0, coverage: 0.5, own: true, query_zh: true };
        let other = LanguagePool { best: 30.0, coverage: 0.5, own: false, query_zh: true };
        let (own_top, other_top) =
            (12.0 * fuse_languages(&ranking, own), 30.0 * fuse_languages(&ranking, other));
        assert!((own_top - other_top).abs() < 1e-6, "{own_top} vs {other_top}");
        // Nothing to scale.
        let empty = LanguagePool { best: 0.0, coverage: 0.0, own: true, query_zh: false };
        assert_eq!(fuse_languages(&ranking, empty), 1.0);
    }
}
