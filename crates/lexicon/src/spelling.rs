//! British spellings folded to American ones, so that "labour", "organisation",
//! "centre" and "licence" meet "labor", "organization", "center" and "license" in the
//! index and in the dictionary (whose glosses, like the corpus's English texts, are
//! mostly American). The Snowball stemmer leaves them apart: "organise" stems to
//! `organis`, "organize" to `organ`.
//!
//! The fold is rule-based with exception lists, on lower-case words: `-our` → `-or`
//! (labour, favourable, neighbourhood), `-ise`/`-isation` → `-ize`/`-ization` (organise,
//! subsidised, prioritising), `-yse` → `-yze` (analyse), `-tre`/`-bre` → `-ter`/`-ber`
//! (centre, fibres), and a table of words with no rule (programme, defence, enrolment).
//! Words that only look British (tour, promise, exercise, enterprise, acre) are kept.

use std::borrow::Cow;

/// Endings that follow `-our` in a British word's family: labour, labours, laboured,
/// labourer, favourable, favourite, honourably, colourful, neighbourhood, behavioural.
const OUR_ENDINGS: &[&str] = &[
    "", "able", "ably", "al", "ally", "ed", "er", "ers", "ful", "hood", "hoods", "ing", "ist",
    "ists", "ite", "ites", "less", "s", "y",
];

/// Words ending in `our` (before the endings above) that are spelt so in American English
/// too; a word ending with one of these is kept (downpour, detour, cornflour). Words
/// with fewer than three letters before `our` (hour, four, tour) are never folded.
const OUR_KEPT: &[&str] = &[
    "amour",
    "devour",
    "flour",
    "four",
    "hour",
    "kour",
    "paramour",
    "pour",
    "scour",
    "sour",
    "tambour",
    "tour",
    "troubadour",
    "velour",
];

/// Endings that follow `-is` in a British `-ise` word's family: organise, organises,
/// organised, organising, organiser, organisation, organisational, recognisable.
const ISE_ENDINGS: &[&str] =
    &["able", "ation", "ational", "ations", "e", "ed", "er", "ers", "es", "ing"];

/// Word parts ending in `is` whose `-ise` is spelt so in American English too: a word
/// whose part before the ending ends with one of these is kept (advise, adviser,
/// fundraising, appraise, enterprise, compromise, exercises, noise, tortoise).
const ISE_KEPT: &[&str] = &[
    "advertis",
    "advis",
    "ais",
    "aris",
    "bruis",
    "chastis",
    "circumcis",
    "compromis",
    "concis",
    "cruis",
    "demis",
    "despis",
    "devis",
    "eis",
    "excis",
    "exercis",
    "expertis",
    "franchis",
    "guis",
    "improvis",
    "incis",
    "merchandis",
    "mortis",
    "moonris",
    "ois",
    "paradis",
    "precis",
    "premis",
    "pris",
    "promis",
    "quis",
    "revis",
    "sunris",
    "supervis",
    "surmis",
    "televis",
    "treatis",
    "upris",
    "valis",
    "wis",
];

/// Endings that follow `-ys` in a British `-yse` verb: analyse, analysed, analysing.
const YSE_ENDINGS: &[&str] = &["e", "ed", "er", "ers", "ing"];

/// Words ending in `tre` or `bre` that are spelt so in American English too.
/// Compared without the plural `s` or past `d` ("hatred" is no "hatre" + `d`).
const RE_KEPT: &[&str] = &[
    "autre", "hatre", "lettre", "libre", "macabre", "maitre", "monstre", "notre", "ombre",
    "sartre", "timbre", "votre",
];

/// British words with no rule above, and their American spellings, sorted for binary
/// search.
const WORDS: &[(&str, &str)] = &[
    ("ageing", "aging"),
    ("aluminium", "aluminum"),
    ("anaesthesia", "anesthesia"),
    ("anaesthetic", "anesthetic"),
    ("analogue", "analog"),
    ("catalogue", "catalog"),
    ("catalogues", "catalogs"),
    ("defence", "defense"),
    ("defences", "defenses"),
    ("diarrhoea", "diarrhea"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("enrolments", "enrollments"),
    ("enrols", "enrolls"),
    ("foetal", "fetal"),
    ("foetus", "fetus"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("fulfils", "fulfills"),
    ("grey", "gray"),
    ("instalment", "installment"),
    ("instalments", "installments"),
    ("judgement", "judgment"),
    ("judgements", "judgments"),
    ("kerb", "curb"),
    ("licence", "license"),
    ("licenced", "licensed"),
    ("licences", "licenses"),
    ("mould", "mold"),
    ("moulds", "molds"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("orthopaedic", "orthopedic"),
    ("paediatric", "pediatric"),
    ("paediatrician", "pediatrician"),
    ("plough", "plow"),
    ("practise", "practice"),
    ("practised", "practiced"),
    ("practises", "practices"),
    ("practising", "practicing"),
    ("pretence", "pretense"),
    ("programme", "program"),
    ("programmes", "programs"),
];

/// Returns the American spelling of one lower-case English word, or the word itself when
/// it is not a British spelling the fold knows.
pub fn to_american(word: &str) -> Cow<'_, str> {
    if let Ok(i) = WORDS.binary_search_by_key(&word, |(british, _)| british) {
        return Cow::Borrowed(WORDS[i].1);
    }
    if !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    if let Some(folded) = fold_our(word).or_else(|| fold_ise(word)).or_else(|| fold_re(word)) {
        return Cow::Owned(folded);
    }
    Cow::Borrowed(word)
}

/// labour → labor, favourable → favorable (three letters or more before `our`).
fn fold_our(word: &str) -> Option<String> {
    OUR_ENDINGS.iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?.strip_suffix("our")?;
        let whole = &word[..stem.len() + 3];
        (stem.len() >= 3 && !OUR_KEPT.iter().any(|kept| whole.ends_with(kept)))
            .then(|| format!("{stem}or{ending}"))
    })
}

/// organise → organize, organisation → organization, analysed → analyzed.
fn fold_ise(word: &str) -> Option<String> {
    let ise = ISE_ENDINGS.iter().find_map(|ending| {
        let stem = word.strip_suffix(ending)?.strip_suffix("is")?;
        let part = &word[..stem.len() + 2];
        (stem.len() >= 3 && !ISE_KEPT.iter().any(|kept| part.ends_with(kept)))
            .then(|| format!("{stem}iz{ending}"))
    });
    ise.or_else(|| {
        YSE_ENDINGS.iter().find_map(|ending| {
            let stem = word.strip_suffix(ending)?.strip_suffix("ys")?;
            (stem.len() >= 3).then(|| format!("{stem}yz{ending}"))
        })
    })
}

/// centre → center, centres → centers, centred → centered, fibre → fiber.
fn fold_re(word: &str) -> Option<String> {
    let (base, ending) = if let Some(base) = word.strip_suffix('s') {
        (base, "s")
    } else if let Some(base) = word.strip_suffix('d').filter(|base| base.ends_with("tre")) {
        (base, "ed")
    } else {
        (word, "")
    };
    if RE_KEPT.contains(&base) {
        return None;
    }
    let (stem, consonant) = if let Some(stem) = base.strip_suffix("tre") {
        (stem, 't')
    } else {
        (base.strip_suffix("bre")?, 'b')
    };
    (stem.len() >= 2).then(|| format!("{stem}{consonant}er{ending}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted() {
        assert!(WORDS.windows(2).all(|w| w[0].0 < w[1].0), "WORDS is not sorted");
    }

    #[test]
    fn british_spellings_become_american() {
        for (british, american) in [
            ("labour", "labor"),
            ("labourers", "laborers"),
            ("favourable", "favorable"),
            ("neighbourhood", "neighborhood"),
            ("behavioural", "behavioral"),
            ("honour", "honor"),
            ("organise", "organize"),
            ("organisation", "organization"),
            ("organisations", "organizations"),
            ("subsidised", "subsidized"),
            ("prioritising", "prioritizing"),
            ("minimise", "minimize"),
            ("authorised", "authorized"),
            ("criticise", "criticize"),
            ("recognisable", "recognizable"),
            ("analyse", "analyze"),
            ("analysing", "analyzing"),
            ("centre", "center"),
            ("centres", "centers"),
            ("centred", "centered"),
            ("kilometres", "kilometers"),
            ("litre", "liter"),
            ("theatre", "theater"),
            ("fibre", "fiber"),
            ("sombre", "somber"),
            ("spectre", "specter"),
            ("licence", "license"),
            ("programme", "program"),
            ("defence", "defense"),
            ("enrolment", "enrollment"),
        ] {
            assert_eq!(to_american(british), american, "{british}");
        }
    }

    #[test]
    fn words_that_only_look_british_are_kept() {
        for word in [
            "hour",
            "four",
            "tour",
            "flour",
            "your",
            "ours",
            "detour",
            "contour",
            "devour",
            "course",
            "resource",
            "journal",
            "encourage",
            "advise",
            "adviser",
            "advertising",
            "promise",
            "premises",
            "compromise",
            "exercise",
            "enterprise",
            "enterprises",
            "surprise",
            "supervise",
            "revised",
            "raise",
            "praise",
            "appraisal",
            "fundraising",
            "franchise",
            "merchandise",
            "expertise",
            "otherwise",
            "noise",
            "cruise",
            "arising",
            "crisis",
            "crises",
            "basis",
            "analysis",
            "this",
            "visible",
            "precise",
            "concise",
            "acre",
            "massacre",
            "genre",
            "ogre",
            "timbre",
            "hatred",
            "inbred",
            "metro",
            "downpour",
            "outpouring",
            "mayonnaise",
            "malaise",
            "marquises",
            "turquoise",
            "troubadour",
            "tortoise",
            "porpoise",
            "appraise",
            "entrepreneur",
            "license",
            "program",
            "center",
        ] {
            assert_eq!(to_american(word), word, "{word}");
        }
    }

    #[test]
    fn other_scripts_pass_through() {
        assert_eq!(to_american("劳动"), "劳动");
        assert_eq!(to_american(""), "");
    }
}
