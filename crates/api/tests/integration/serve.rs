//! `serve` over a real socket: requests are answered, `%23` survives the wire, and the
//! server stops when the shutdown future resolves.

use std::io::{Read, Write};
use std::net::TcpStream;

use crate::common::{app, ZH_ANCHOR};

/// Sends one HTTP/1.1 request with `Connection: close` and returns the whole response.
fn raw_get(address: std::net::SocketAddr, target: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("connect");
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_answers_and_shuts_down_gracefully() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(tiaowen_api::serve(listener, app(), async {
        let _ = stopped.await;
    }));

    let response = tokio::task::spawn_blocking(move || {
        raw_get(address, "/clauses/zh/html/govcn_006.html%232.5")
    })
    .await
    .expect("client");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(&format!("\"anchor\":\"{ZH_ANCHOR}\"")), "{response}");

    let response =
        tokio::task::spawn_blocking(move || raw_get(address, "/search?q=%E5%80%BA%E5%8A%A1"))
            .await
            .expect("client");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("防范债务风险"), "{response}");

    stop.send(()).expect("server still running");
    let result = tokio::time::timeout(std::time::Duration::from_secs(5), server)
        .await
        .expect("server stops after the shutdown signal")
        .expect("server task");
    assert!(result.is_ok(), "{result:?}");
}
