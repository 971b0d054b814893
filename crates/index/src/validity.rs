//! Whether each indexed document is in force, derived from all document records once per
//! loaded commit (see [`tiaowen_model::derive_validity`]).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use tantivy::collector::DocSetCollector;
use tantivy::{Searcher, TantivyDocument};
use tiaowen_model::{derive_validity, iso_date_from_unix_days, Document, Validity, ValidityState};

use crate::generation::GenerationCache;
use crate::index::{kind_query, stored_str};
use crate::schema::{Fields, KIND_DOC};
use crate::Result;

/// The validity of every document, keyed by document id.
pub(crate) type ValidityMap = HashMap<String, Validity>;

/// Caches the validity map of the last searcher generation it was asked about.
#[derive(Default)]
pub(crate) struct ValidityCache(GenerationCache<ValidityMap>);

impl ValidityCache {
    /// The validity map for this searcher's commit, derived anew after each commit.
    pub(crate) fn get(&self, searcher: &Searcher, fields: Fields) -> Result<Arc<ValidityMap>> {
        self.0.get_or_derive(searcher, || {
            Ok(derive_validity(&all_documents(searcher, fields)?, &today()))
        })
    }
}

/// Tells whether a map says the document is not in force.
pub(crate) fn is_out_of_force(map: &ValidityMap, id: &str) -> bool {
    map.get(id).is_some_and(|v| v.state != ValidityState::Current)
}

/// Writes the document's validity into its record (current when the map does not know it).
pub(crate) fn annotate(document: &mut Document, map: &ValidityMap) {
    let validity = map.get(&document.id).cloned().unwrap_or(Validity {
        state: ValidityState::Current,
        by: None,
        reason: "current".into(),
    });
    document.status = Some(validity);
}

/// Reads every document record in the index; records that do not decode are skipped
/// (they cannot take part in deciding validity, and searching must not fail for them).
pub(crate) fn all_documents(searcher: &Searcher, fields: Fields) -> Result<Vec<Document>> {
    let mut documents = Vec::new();
    for address in searcher.search(&kind_query(fields, KIND_DOC), &DocSetCollector)? {
        let stored: TantivyDocument = searcher.doc(address)?;
        if let Ok(document) = serde_json::from_str(&stored_str(&stored, fields.doc_json)) {
            documents.push(document);
        }
    }
    Ok(documents)
}

/// Today's date in UTC, as an ISO string.
fn today() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    iso_date_from_unix_days((seconds / 86_400) as i64)
}
