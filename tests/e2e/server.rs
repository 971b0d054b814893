//! The HTTP server on a free loopback port.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::util::{encode, Workspace};

const TAX: &str = "zh/html/govcn_032.html";
const GUARANTEE: &str = "zh/html/govcn_002.html";
const PILOT_EN: &str = "en/txt/2025-miit-mof-second-batch-pilot-cities-notice.txt";

#[test]
fn serves_cited_clauses_and_round_trips_anchors() {
    let ws = Workspace::with_files(&[TAX, GUARANTEE, PILOT_EN]);
    // No ingest: the server builds the index on first start.
    let server = ws.serve();

    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200, "{health}");
    assert_eq!(health["documents"], 3, "{health}");

    let (status, answer) = server.get(&format!("/search?q={}", encode("独生子女赡养老人扣除标准")));
    assert_eq!(status, 200, "{answer}");
    let hit = &answer["hits"][0];
    assert!(
        hit["text"].as_str().unwrap_or_default().contains("按照每月2000元的标准定额扣除"),
        "{hit}"
    );
    assert!(hit["citation"].as_str().unwrap_or_default().starts_with("国发〔2018〕41号 "));
    assert!(answer["took_ms"].is_number());

    let (status, answer) =
        server.get(&format!("/search?q={}", encode("funds earmarked for special use")));
    assert_eq!(status, 200);
    let hit = &answer["hits"][0];
    assert!(
        hit["text"].as_str().unwrap_or_default().contains("earmarked for special use"),
        "{hit}"
    );

    let anchor = hit["anchor"].as_str().expect("anchor");
    let (status, clause) = server.get(&format!("/clauses/{}", encode(anchor)));
    assert_eq!(status, 200, "{clause}");
    assert_eq!(clause["anchor"], anchor);
    assert_eq!(clause["citation"], hit["citation"]);

    let doc_id = hit["document"]["id"].as_str().expect("id");
    let (status, document) = server.get(&format!("/documents/{}", encode(doc_id)));
    assert_eq!(status, 200);
    assert!(document["clauses"].as_array().is_some_and(|c| c.len() > 3));

    let (status, spec) = server.get("/openapi.json");
    assert_eq!(status, 200);
    assert!(spec["paths"]["/search"].is_object());
}

#[test]
fn client_errors_are_json_with_the_right_status() {
    let ws = Workspace::with_files(&[GUARANTEE]);
    ws.ingest();
    let server = ws.serve();
    let long = "资".repeat(1001);
    let cases = [
        ("/search".to_string(), 400),
        ("/search?q=".to_string(), 400),
        ("/search?q=%20%20".to_string(), 400),
        ("/search?q=a&limit=abc".to_string(), 400),
        ("/search?q=a&limit=-1".to_string(), 400),
        ("/search?q=a&lang=fr".to_string(), 400),
        ("/search?q=a&type=poem".to_string(), 400),
        ("/search?q=a&from=yesterday".to_string(), 400),
        (format!("/search?q={}", encode(&long)), 400),
        ("/clauses/no%23such".to_string(), 404),
        ("/documents/no/such.html".to_string(), 404),
    ];
    for (path, expected) in cases {
        let (status, body) = server.get(&path);
        assert_eq!(status, expected, "{path}: {body}");
        assert!(body["error"]["code"].is_string(), "{path}: {body}");
        assert!(body["error"]["message"].is_string(), "{path}: {body}");
    }
}

#[test]
fn a_reindex_during_queries_is_picked_up_and_loses_no_request() {
    let ws = Workspace::with_files(&[GUARANTEE, PILOT_EN]);
    ws.ingest();
    let server = Arc::new(ws.serve());
    let stop = Arc::new(AtomicBool::new(false));
    let failures = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let mut workers = Vec::new();
    for query in ["政府债券", "pilot cities"] {
        let (server, stop, failures, done) =
            (server.clone(), stop.clone(), failures.clone(), done.clone());
        workers.push(std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let (status, _) = server.get(&format!("/search?q={}", encode(query)));
                if status != 200 {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    ws.copy_in(TAX, TAX);
    ws.ingest();
    let started = Instant::now();
    let mut seen = false;
    while started.elapsed() < Duration::from_secs(20) {
        let (_, answer) = server.get(&format!("/search?q={}", encode("独生子女赡养老人")));
        if answer["hits"][0]["document"]["id"] == TAX {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().expect("worker");
    }
    assert!(seen, "the new document never became visible");
    assert_eq!(failures.load(Ordering::Relaxed), 0);
    assert!(done.load(Ordering::Relaxed) > 0);
}

#[test]
fn an_index_from_an_older_version_is_rebuilt_on_start() {
    let ws = Workspace::with_files(&[TAX]);
    ws.ingest();
    // Pretend an older tiaowen built it: its version file names another schema.
    let version = ws.index().join("tiaowen-index.json");
    assert!(
        version.try_exists().expect("index folder readable"),
        "the index records its schema version"
    );
    std::fs::write(&version, r#"{"schema_version":1}"#).expect("write version file");
    let search = ws.run(&["search", "扣除"]);
    assert!(!search.status.success(), "searching an old index asks for a rebuild");
    assert!(crate::util::stderr(&search).contains("--rebuild"), "{}", crate::util::stderr(&search));

    let server = ws.serve();
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200, "{health}");
    assert_eq!(health["documents"], 1, "{health}");
    let (status, answer) = server.get(&format!("/search?q={}", encode("独生子女")));
    assert_eq!(status, 200, "{answer}");
    assert!(answer["hits"][0]["text"].as_str().unwrap_or_default().contains("独生子女"));
}
