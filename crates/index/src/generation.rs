//! A value derived from the whole index once per loaded commit: the validity of every
//! document, the laws by title.

use std::sync::{Arc, Mutex};

use tantivy::Searcher;

use crate::Result;

/// Caches the value derived for the last searcher generation it was asked about.
pub(crate) struct GenerationCache<T> {
    slot: Mutex<Option<(u64, Arc<T>)>>,
}

impl<T> Default for GenerationCache<T> {
    fn default() -> GenerationCache<T> {
        GenerationCache { slot: Mutex::new(None) }
    }
}

impl<T> GenerationCache<T> {
    /// The value for this searcher's commit: the cached one, or `derive`'s, derived anew
    /// after each commit.
    pub(crate) fn get_or_derive(
        &self,
        searcher: &Searcher,
        derive: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let generation = searcher.generation().generation_id();
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((cached, value)) = slot.as_ref() {
            if *cached == generation {
                return Ok(value.clone());
            }
        }
        let value = Arc::new(derive()?);
        *slot = Some((generation, value.clone()));
        Ok(value)
    }
}
