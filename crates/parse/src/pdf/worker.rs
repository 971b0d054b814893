//! Runs PDF extraction in a child process, so that an abort (a stack overflow in
//! `pdf-extract`) or a hang costs one file rather than the whole run.
//!
//! The child is `program args... FILE`; it answers with one JSON [`WorkerReply`] on
//! stdout (see [`super::worker_main`]). If it dies, it is run once more with only the
//! content-stream engine (environment variable [`ENGINES_VAR`] set to `content`), which
//! does not use `pdf-extract`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{RawText, WorkerReply};
use crate::{Error, PdfWorker, Result};

/// The environment variable that restricts the child to the content-stream engine.
pub const ENGINES_VAR: &str = "TIAOWEN_PDF_ENGINES";

/// How a child run ended, when it did not answer.
enum Failure {
    Crashed(String),
    TimedOut,
}

/// Extracts the raw text of a PDF in a child process.
pub(crate) fn run(worker: &PdfWorker, bytes: &[u8], path: &Path) -> Result<RawText> {
    // The worker reads a file: reuse the source file if it holds these bytes.
    let on_disk =
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    let temp_file;
    let file: PathBuf = if on_disk {
        path.to_path_buf()
    } else {
        temp_file = write_temp(bytes, path)?;
        temp_file.path().to_path_buf()
    };
    let first = run_once(worker, &file, false, path)?;
    let reason = match first {
        Ok(raw) => return Ok(raw),
        Err(Failure::TimedOut) => {
            return Err(Error::PdfTimeout {
                path: path.to_path_buf(),
                seconds: worker.timeout.as_secs(),
            })
        }
        Err(Failure::Crashed(reason)) => reason,
    };
    tracing::warn!(path = %path.display(), reason = %reason, "pdf worker crashed, retrying without pdf-extract");
    match run_once(worker, &file, true, path)? {
        Ok(mut raw) => {
            raw.warnings.push(format!(
                "the main pdf reader crashed ({reason}); text comes from the fallback reader"
            ));
            Ok(raw)
        }
        Err(_) => Err(Error::PdfCrashed { path: path.to_path_buf(), reason }),
    }
}

fn write_temp(bytes: &[u8], path: &Path) -> Result<tempfile::NamedTempFile> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    let mut temp = tempfile::Builder::new()
        .prefix("tiaowen-pdf-")
        .suffix(".pdf")
        .tempfile()
        .map_err(io_error)?;
    temp.write_all(bytes).map_err(io_error)?;
    temp.flush().map_err(io_error)?;
    Ok(temp)
}

/// Reads a pipe to its end on its own thread, so the child never blocks on a full pipe.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error only loses output; the exit status still tells what happened.
            let _ = pipe.read_to_end(&mut buffer);
        }
        buffer
    })
}

/// Waits for the child until the deadline; kills it past the deadline.
fn wait_with_deadline(child: &mut Child, timeout: Duration) -> std::io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            // The child may have exited between the two calls; either way it is gone after.
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn run_once(
    worker: &PdfWorker,
    file: &Path,
    content_only: bool,
    path: &Path,
) -> Result<std::result::Result<RawText, Failure>> {
    let mut command = Command::new(&worker.program);
    command
        .args(&worker.args)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if content_only {
        command.env(ENGINES_VAR, "content");
    }
    let mut child =
        command.spawn().map_err(|source| Error::Io { path: worker.program.clone(), source })?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_with_deadline(&mut child, worker.timeout)
        .map_err(|source| Error::Io { path: worker.program.clone(), source })?;
    // After a timeout the readers are left to finish on their own: a grandchild may
    // still hold the pipes open.
    let Some(status) = status else { return Ok(Err(Failure::TimedOut)) };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    match serde_json::from_slice::<WorkerReply>(&stdout) {
        Ok(WorkerReply::Extracted(raw)) => Ok(Ok(raw)),
        Ok(WorkerReply::Unreadable { reason }) => {
            Err(Error::PdfUnreadable { path: path.to_path_buf(), reason })
        }
        Err(_) => Ok(Err(Failure::Crashed(crash_reason(status, &stderr)))),
    }
}

/// Describes a crash by the child's last line on stderr, else by its exit status.
fn crash_reason(status: ExitStatus, stderr: &[u8]) -> String {
    let stderr = String::from_utf8_lossy(stderr);
    let last_line = stderr.lines().map(str::trim).rfind(|line| !line.is_empty());
    let status_text = describe_status(status);
    match last_line {
        Some(line) => {
            let line: String = line.chars().take(200).collect();
            format!("{line} ({status_text})")
        }
        None => status_text,
    }
}

#[cfg(unix)]
fn describe_status(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => "ended without an exit code".to_string(),
    }
}

#[cfg(not(unix))]
fn describe_status(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "ended without an exit code".to_string(),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn shell(script: &str, timeout: Duration) -> PdfWorker {
        PdfWorker {
            program: PathBuf::from("/bin/sh"),
            args: vec!["-c".to_string(), script.to_string(), "sh".to_string()],
            timeout,
        }
    }

    #[test]
    fn kills_a_child_past_its_deadline() {
        let worker = shell("sleep 5", Duration::from_millis(200));
        let started = Instant::now();
        let result = run(&worker, b"%PDF-1.4", Path::new("/nonexistent/公文.pdf"));
        assert!(matches!(result, Err(Error::PdfTimeout { .. })), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn reports_the_last_stderr_line_of_a_crashed_child() {
        let worker = shell(
            "echo starting >&2; echo 'thread overflowed its stack' >&2; kill -ABRT $$",
            Duration::from_secs(5),
        );
        let result = run(&worker, b"%PDF-1.4", Path::new("/nonexistent/a.pdf"));
        let Err(Error::PdfCrashed { reason, .. }) = result else {
            panic!("expected a crash, got {result:?}")
        };
        assert!(reason.starts_with("thread overflowed its stack"), "{reason}");
        assert!(reason.contains("signal 6"), "{reason}");
    }

    #[test]
    fn hands_the_child_a_temp_file_holding_the_bytes() {
        // The child echoes the file back as the text of one line.
        let script = r#"printf '{"extracted":{"pages":[{"lines":[{"text":"%s","x0":0,"x1":1,"y":0,"size":1}]}],"warnings":[]}}' "$(cat "$1")""#;
        let worker = shell(script, Duration::from_secs(5));
        let raw = run(&worker, "通知正文".as_bytes(), Path::new("/nonexistent/a.pdf"))
            .expect("the child answers");
        assert_eq!(raw.pages[0].lines[0].text, "通知正文");
    }
}
