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
    /// The share of query words (of three or more) a clause must contain to be ranked
    /// before clauses with fewer.
    pub min_share: f32,
    /// Factor on the score of a clause whose document is superseded, repealed or expired.
    pub out_of_force_factor: f32,
}

impl Default for Ranking {
    fn default() -> Ranking {
        Ranking {
            text_boost: 1.0,
            headings_boost: 0.6,
            title_boost: 0.3,
            meta_boost: 0.3,
            phrase_boost: 2.0,
            phrase_slop: 3,
            pair_boost: 0.15,
            pair_slop: 1,
            min_share: 0.7,
            out_of_force_factor: 0.5,
        }
    }
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
        assert!((0.0..=1.0).contains(&ranking.min_share));
    }
}
