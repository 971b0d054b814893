//! Each request is logged in a span holding its method and the route it matched.

use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::Subscriber;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use crate::common::{app, get};

/// The fields of one span, as `(name, value)` pairs.
type SpanFields = Vec<(String, String)>;

/// Records the fields of every `http_request` span.
#[derive(Clone, Default)]
struct SpanRecorder {
    spans: Arc<Mutex<Vec<SpanFields>>>,
}

struct FieldVisitor(SpanFields);

impl Visit for FieldVisitor {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl<S: Subscriber> Layer<S> for SpanRecorder {
    fn on_new_span(&self, attributes: &Attributes<'_>, _id: &Id, _context: Context<'_, S>) {
        if attributes.metadata().name() != "http_request" {
            return;
        }
        let mut visitor = FieldVisitor(Vec::new());
        attributes.record(&mut visitor);
        self.spans.lock().expect("lock").push(visitor.0);
    }
}

#[tokio::test]
async fn requests_are_traced_with_method_and_matched_path() {
    // Tracing caches, per call site, whether any subscriber wants its spans. A test running
    // alongside may register the request span's call site while no subscriber exists, at
    // the moment this one is installed, and leave it marked unwanted. So the call site is
    // registered here first, and the cache rebuilt once the recorder is in place.
    let _ = get(app(), "/healthz").await;
    let recorder = SpanRecorder::default();
    let subscriber = tracing_subscriber::registry().with(recorder.clone());
    // The current-thread runtime runs the handlers on this thread, under this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);
    tracing::callsite::rebuild_interest_cache();
    let _ = get(app(), "/clauses/zh/html/govcn_006.html%232.5").await;
    let _ = get(app(), "/search?q=%E5%80%BA").await;
    let spans = recorder.spans.lock().expect("lock").clone();
    let field = |span: &SpanFields, name: &str| {
        span.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
    };
    assert_eq!(spans.len(), 2, "{spans:?}");
    assert_eq!(field(&spans[0], "method").as_deref(), Some("GET"));
    assert_eq!(field(&spans[0], "matched_path").as_deref(), Some("/clauses/{*anchor}"));
    assert_eq!(field(&spans[1], "matched_path").as_deref(), Some("/search"));
}
