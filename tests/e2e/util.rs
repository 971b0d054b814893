//! Helpers: a temporary corpus and index, the built binary, a server on a free port.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// The project's corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The shared material beside the repository (fixtures, evaluation).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// A temporary folder with `corpus/` (a chosen part of the real corpus) and `index/`.
pub struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    /// Copies the given corpus files (paths relative to the corpus root) into a new workspace.
    pub fn with_files(files: &[&str]) -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        let workspace = Workspace { dir };
        for file in files {
            workspace.copy_in(file, file);
        }
        workspace
    }

    /// Copies corpus file `from` to `corpus/{to}` in the workspace.
    pub fn copy_in(&self, from: &str, to: &str) {
        let target = self.corpus().join(to);
        std::fs::create_dir_all(target.parent().expect("file has a parent")).expect("mkdir");
        std::fs::copy(corpus().join(from), &target).expect("copy corpus file");
    }

    /// The workspace corpus root.
    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    /// The workspace index folder.
    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Runs `tiaowen ARGS` with this workspace's corpus and index.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tiaowen"))
            .args(args)
            .env("TIAOWEN_INDEX", self.index())
            .env("TIAOWEN_CORPUS", self.corpus())
            .env_remove("RUST_LOG")
            .output()
            .expect("run tiaowen")
    }

    /// Runs `tiaowen ingest` and asserts it succeeded.
    pub fn ingest(&self) -> String {
        let output = self.run(&["ingest"]);
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "ingest failed: {stdout}\n{}", stderr(&output));
        stdout
    }

    /// Runs `tiaowen search --json QUERY EXTRA...` and returns the parsed answer.
    pub fn search(&self, query: &str, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["search", "--json", query];
        args.extend_from_slice(extra);
        let output = self.run(&args);
        assert!(output.status.success(), "search {query:?} failed: {}", stderr(&output));
        serde_json::from_slice(&output.stdout).expect("search prints JSON")
    }

    /// Starts `tiaowen serve` on a free loopback port.
    pub fn serve(&self) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tiaowen"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("TIAOWEN_INDEX", self.index())
            .env("TIAOWEN_CORPUS", self.corpus())
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tiaowen serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("serving on ") {
                    let _ = sender.send(url.trim().to_string());
                }
            }
        });
        let base = receiver.recv_timeout(Duration::from_secs(120)).expect("server started");
        Server { child, base }
    }
}

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// GETs a path; returns the status and the parsed JSON body.
    pub fn get(&self, path_and_query: &str) -> (u16, serde_json::Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let mut response =
            agent.get(&format!("{}{path_and_query}", self.base)).call().expect("request");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("body");
        let json = serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body));
        (status, json)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The stderr of a finished command, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Percent-encodes a query-string or path value.
pub fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
