//! The search page in a real browser: headless Chromium driven through chromedriver.
//!
//! The test types a Chinese and an English query, checks the first card's citation,
//! follows the permalink, clicks "copy citation" and saves screenshots under
//! `target/screenshots/`. It is skipped, with a message, when Chromium or chromedriver is
//! not installed (Debian's `chromium` and `chromium-driver` packages).
//!
//! It speaks the W3C WebDriver protocol over `ureq` (already a workspace dependency): the
//! dozen calls it needs do not justify an async WebDriver client and its dependency tree.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tiaowen_api::Backend;

use crate::support::FakeBackend;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The WebDriver key code of Enter.
const ENTER: &str = "\u{E007}";
/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(15);

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[test]
fn search_page_in_headless_chromium() -> TestResult {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).try_exists()? {
            eprintln!(
                "SKIPPED search_page_in_headless_chromium: {tool} is missing \
                 (apt-get install chromium chromium-driver)"
            );
            return Ok(());
        }
    }
    let server = serve_fake_index()?;
    let profile = tempfile::tempdir()?;
    let driver = ChromeDriver::start()?;
    let browser = driver.open_session(profile.path())?;
    let outcome = drive(&browser, &server);
    // End the session before reporting, so a failure leaves no browser behind.
    browser.close();
    outcome
}

/// Walks through the page as a reader would.
fn drive(browser: &Session, base: &str) -> TestResult {
    let shots = screenshot_dir()?;
    browser.navigate(base)?;
    search(browser, "跨省通办")?;
    let citation = browser.text(&browser.find("article.hit code.citation")?)?;
    assert_eq!(citation, "国办发〔2020〕35号 一（二）");
    browser.screenshot(&shots.join("search-page.png"))?;

    search(browser, "security assessment")?;
    let citation = browser.text(&browser.find("article.hit code.citation")?)?;
    assert_eq!(citation, "CAC Order No. 11 Article 2");
    let english = browser.find("article.hit .snippet em")?;
    assert_eq!(browser.text(&english)?.to_lowercase(), "security");

    let permalink = browser.find("article.hit a.permalink")?;
    browser.click(&permalink)?;
    browser.wait_for_url(|url| url.contains("/c/en/html/data_measures.html%232"))?;
    assert_eq!(browser.text(&browser.find("h1.clause-label")?)?, "Article 2");
    assert!(browser.find("a[rel=prev]").is_ok(), "the clause page links to the previous clause");

    let copy = browser.find("button.copy")?;
    browser.click(&copy)?;
    let copied = browser
        .wait_for_script_value("return document.body.getAttribute('data-last-copied') || null;")?;
    assert_eq!(copied, "CAC Order No. 11 Article 2");
    browser.screenshot(&shots.join("clause-page.png"))?;

    browser.click(&browser.find("a.whole")?)?;
    browser.wait_for_url(|url| url.ends_with("/d/en/html/data_measures.html#2"))?;
    assert_eq!(browser.text(&browser.find("section.tree-clause:target .label")?)?, "Article 2");
    browser.screenshot(&shots.join("document-page.png"))?;

    browser.set_window_size(390, 844)?;
    browser.navigate(&format!("{base}/?q=%E8%B7%A8%E7%9C%81%E9%80%9A%E5%8A%9E&lang=zh"))?;
    browser.find("article.hit")?;
    let filters = browser.wait_for_script_value(
        "return document.querySelector('#filters').open ? 'open' : 'folded';",
    )?;
    assert_eq!(filters, "folded", "a phone shows the results before the filters");
    browser.screenshot(&shots.join("search-page-phone.png"))?;
    Ok(())
}

/// Types a query into the query box and waits for the results page.
fn search(browser: &Session, query: &str) -> TestResult {
    let before = browser.url()?;
    let input = browser.find("#q")?;
    browser.clear(&input)?;
    browser.type_text(&input, &format!("{query}{ENTER}"))?;
    browser.wait_for_url(|url| url != before && url.contains("q="))?;
    browser.find("article.hit")?;
    Ok(())
}

/// Serves the pages over the sample fake index on a free loopback port, from a thread
/// that lives as long as the test process; returns the base URL.
fn serve_fake_index() -> TestResult<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    let backend: Arc<dyn Backend> = Arc::new(FakeBackend::sample());
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener is open");
            axum::serve(listener, tiaowen_web::router(backend)).await.expect("server runs");
        });
    });
    Ok(format!("http://{address}"))
}

/// Where screenshots go: `target/screenshots/` of the workspace (or `$CARGO_TARGET_DIR`).
fn screenshot_dir() -> TestResult<PathBuf> {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    };
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A chromedriver process, ended when dropped.
struct ChromeDriver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl ChromeDriver {
    /// Starts chromedriver on a free port and waits until it reports ready.
    fn start() -> TestResult<ChromeDriver> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let mut child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        if let Some(stdout) = child.stdout.take() {
            // Drain its banner so that the pipe never fills.
            std::thread::spawn(move || BufReader::new(stdout).lines().for_each(drop));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = ChromeDriver { child, base: format!("http://127.0.0.1:{port}"), agent };
        let started = Instant::now();
        loop {
            let ready = call(&driver.agent, "GET", &format!("{}/status", driver.base), None)
                .map(|value| value["ready"] == json!(true))
                .unwrap_or(false);
            if ready {
                return Ok(driver);
            }
            if started.elapsed() > WAIT {
                return Err("chromedriver did not become ready".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens a headless Chromium session with a fresh profile and no network chatter.
    fn open_session(&self, profile: &Path) -> TestResult<Session> {
        // Debian's /usr/bin/chromium is a wrapper script; chromedriver wants the binary.
        let binary = ["/usr/lib/chromium/chromium", CHROMIUM]
            .into_iter()
            .find(|path| Path::new(path).try_exists().unwrap_or(false))
            .unwrap_or(CHROMIUM);
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--window-size=1280,900".to_owned(),
            "--lang=zh-CN".to_owned(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": { "binary": binary, "args": args }
                }
            }
        });
        let answer =
            call(&self.agent, "POST", &format!("{}/session", self.base), Some(capabilities))?;
        let id = answer["sessionId"].as_str().ok_or("no session id")?.to_owned();
        Ok(Session { agent: self.agent.clone(), url: format!("{}/session/{id}", self.base) })
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Only the process this test started; the session was closed before.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
struct Session {
    agent: ureq::Agent,
    url: String,
}

impl Session {
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> TestResult<Value> {
        call(&self.agent, method, &format!("{}{path}", self.url), body)
    }

    fn navigate(&self, url: &str) -> TestResult {
        self.command("POST", "/url", Some(json!({ "url": url })))?;
        Ok(())
    }

    fn url(&self) -> TestResult<String> {
        Ok(self.command("GET", "/url", None)?.as_str().unwrap_or_default().to_owned())
    }

    /// Finds the first element matching a CSS selector, waiting for it to appear.
    fn find(&self, selector: &str) -> TestResult<String> {
        let query = json!({ "using": "css selector", "value": selector });
        let started = Instant::now();
        loop {
            match self.command("POST", "/element", Some(query.clone())) {
                Ok(found) => {
                    let id = found[ELEMENT_KEY].as_str().ok_or("no element reference")?;
                    return Ok(id.to_owned());
                }
                Err(error) if started.elapsed() > WAIT => {
                    return Err(format!("{selector} not found: {error}").into());
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    fn text(&self, element: &str) -> TestResult<String> {
        let text = self.command("GET", &format!("/element/{element}/text"), None)?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    fn click(&self, element: &str) -> TestResult {
        self.command("POST", &format!("/element/{element}/click"), Some(json!({})))?;
        Ok(())
    }

    fn clear(&self, element: &str) -> TestResult {
        self.command("POST", &format!("/element/{element}/clear"), Some(json!({})))?;
        Ok(())
    }

    fn type_text(&self, element: &str, text: &str) -> TestResult {
        self.command("POST", &format!("/element/{element}/value"), Some(json!({ "text": text })))?;
        Ok(())
    }

    fn set_window_size(&self, width: u32, height: u32) -> TestResult {
        self.command("POST", "/window/rect", Some(json!({ "width": width, "height": height })))?;
        Ok(())
    }

    /// Waits until the current URL satisfies a test; returns it.
    fn wait_for_url(&self, done: impl Fn(&str) -> bool) -> TestResult<String> {
        let started = Instant::now();
        loop {
            let url = self.url()?;
            if done(&url) {
                return Ok(url);
            }
            if started.elapsed() > WAIT {
                return Err(format!("still at {url}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Runs a script until it returns a string (not null); returns that string.
    fn wait_for_script_value(&self, script: &str) -> TestResult<String> {
        let body = json!({ "script": script, "args": [] });
        let started = Instant::now();
        loop {
            if let Some(value) = self.command("POST", "/execute/sync", Some(body.clone()))?.as_str()
            {
                return Ok(value.to_owned());
            }
            if started.elapsed() > WAIT {
                return Err(format!("script never returned a value: {script}").into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, path: &Path) -> TestResult {
        let encoded = self.command("GET", "/screenshot", None)?;
        let encoded = encoded.as_str().ok_or("screenshot is not a string")?;
        let png = base64::engine::general_purpose::STANDARD.decode(encoded)?;
        std::fs::write(path, png)?;
        eprintln!("saved {}", path.display());
        Ok(())
    }

    fn close(&self) {
        if let Err(error) = self.command("DELETE", "", None) {
            eprintln!("closing the browser session failed: {error}");
        }
    }
}

/// Sends one WebDriver command and returns its `value`, or the driver's error message.
fn call(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> TestResult<Value> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, body) => agent
            .post(url)
            .header("content-type", "application/json")
            .send(body.unwrap_or_else(|| json!({})).to_string()),
    };
    let mut response = response?;
    let status = response.status();
    let text = response.body_mut().read_to_string()?;
    let answer: Value = serde_json::from_str(&text)?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if !status.is_success() {
        let message = value["message"].as_str().unwrap_or(&text);
        return Err(format!("{method} {url}: {status}: {message}").into());
    }
    Ok(value)
}
