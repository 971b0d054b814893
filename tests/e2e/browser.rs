//! The search pages in a real browser: headless Chromium, driven through chromedriver, against
//! the real `tiaowen serve` over a temporary copy of part of the corpus.
//!
//! The test types a Chinese and an English query, checks the first card's citation, follows
//! the permalink to the clause page, clicks "copy citation" and reads the clipboard back, opens
//! the whole document at that clause, and saves screenshots under `target/screenshots/`. It is
//! skipped, with a message, only when Chromium or chromedriver is not installed (Debian's
//! `chromium` and `chromium-driver` packages; `tests/run.sh` installs them).
//!
//! It speaks the W3C WebDriver protocol over `ureq` (already a dev-dependency): the dozen
//! calls it needs do not justify an async WebDriver client and its dependency tree.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::util::{encode, Workspace};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The WebDriver key code of Enter.
const ENTER: &str = "\u{E007}";
/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(15);

const TAX: &str = "zh/html/govcn_032.html";
const GUARANTEE: &str = "zh/html/govcn_002.html";
const PILOT_EN: &str = "en/txt/2025-miit-mof-second-batch-pilot-cities-notice.txt";

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

#[test]
fn search_pages_over_the_real_index_in_headless_chromium() -> TestResult {
    for tool in [CHROMIUM, CHROMEDRIVER] {
        if !Path::new(tool).try_exists()? {
            eprintln!(
                "SKIPPED search_pages_over_the_real_index_in_headless_chromium: {tool} is \
                 missing (apt-get install chromium chromium-driver fonts-noto-cjk)"
            );
            return Ok(());
        }
    }
    let ws = Workspace::with_files(&[TAX, GUARANTEE, PILOT_EN]);
    // No ingest: the server builds the index on first start.
    let server = ws.serve();
    let profile = tempfile::tempdir()?;
    let driver = ChromeDriver::start()?;
    let browser = driver.open_session(profile.path())?;
    let outcome = drive(&browser, &server.base);
    // End the session before reporting, so a failure leaves no browser behind.
    browser.close();
    outcome
}

/// Walks through the pages as a reader would.
fn drive(browser: &Session, base: &str) -> TestResult {
    let shots = screenshot_dir()?;
    browser.navigate(base)?;
    assert_eq!(browser.find_all("article.hit")?.len(), 0, "the start page shows no results");

    let card = search(browser, "独生子女赡养老人扣除标准")?;
    assert!(card.citation.starts_with("国发〔2018〕41号"), "first card: {card:?}");
    assert!(
        card.text.contains("赡养老人"),
        "the first card is about supporting the elderly: {card:?}"
    );
    assert!(!card.marked.is_empty(), "the snippet marks the matched words: {card:?}");
    browser.screenshot(&shots.join("e2e-search-zh.png"))?;
    visit_clause_and_document(browser, &card, &shots, "zh")?;

    browser.navigate(base)?;
    let card = search(browser, "funds earmarked for special use")?;
    assert!(card.citation.contains("[2025] No. 108"), "first card: {card:?}");
    let query_words = ["funds", "fund", "earmarked", "special", "use"];
    assert!(!card.marked.is_empty(), "the snippet marks the matched words: {card:?}");
    for mark in &card.marked {
        for word in mark.split_whitespace() {
            let word = word.to_lowercase();
            assert!(query_words.contains(&word.as_str()), "marked {mark:?}: {card:?}");
        }
    }
    browser.screenshot(&shots.join("e2e-search-en.png"))?;
    visit_clause_and_document(browser, &card, &shots, "en")?;

    check_phone_layout(browser, base, &shots)
}

/// What the first result card shows.
#[derive(Debug)]
struct Card {
    /// The citation under the card.
    citation: String,
    /// The clause label, which is also the permalink text.
    label: String,
    /// The permalink's `href` as written in the page.
    permalink: String,
    /// The whole card as text.
    text: String,
    /// The words the snippet marks as matches.
    marked: Vec<String>,
}

/// Types a query into the query box, waits for the results page and reads the first card.
fn search(browser: &Session, query: &str) -> TestResult<Card> {
    let before = browser.url()?;
    let input = browser.find("#q")?;
    browser.clear(&input)?;
    browser.type_text(&input, &format!("{query}{ENTER}"))?;
    let url = browser.wait_for_url(|url| url != before && url.contains("q="))?;
    assert!(url.contains(&format!("q={}", encode(query).replace("%20", "+"))), "{url}");
    let card = browser.find("article.hit")?;
    let permalink = browser.find_in(&card, "a.permalink")?;
    let mut marked = Vec::new();
    for mark in browser.find_all_in(&card, ".snippet em")? {
        marked.push(browser.text(&mark)?);
    }
    Ok(Card {
        citation: browser.text(&browser.find_in(&card, "code.citation")?)?,
        label: browser.text(&permalink)?,
        permalink: browser.attribute(&permalink, "href")?,
        text: browser.text(&card)?,
        marked,
    })
}

/// Follows a card's permalink, copies the citation there, then opens the whole document at
/// that clause; saves a screenshot of both pages.
fn visit_clause_and_document(
    browser: &Session,
    card: &Card,
    shots: &Path,
    name: &str,
) -> TestResult {
    assert!(card.permalink.starts_with("/c/"), "{card:?}");
    browser.click(&browser.find("article.hit a.permalink")?)?;
    browser.wait_for_url(|url| url.ends_with(&card.permalink))?;
    assert_eq!(browser.text(&browser.find("h1.clause-label")?)?, card.label);
    assert_eq!(browser.text(&browser.find(".citations code.citation")?)?, card.citation);
    let neighbours = browser.find_all("nav.prevnext a[rel=prev], nav.prevnext a[rel=next]")?;
    assert!(!neighbours.is_empty(), "the clause page links to its neighbours");

    let copy = browser.find(".citations button.copy")?;
    browser.click(&copy)?;
    let copied = browser
        .wait_for_script_value("return document.body.getAttribute('data-last-copied') || null;")?;
    assert_eq!(copied, card.citation, "the page reports the citation as copied");
    assert_eq!(browser.read_clipboard()?, card.citation, "the clipboard holds the citation");
    assert_eq!(browser.text(&copy)?, "已复制 Copied", "the button confirms the copy");
    browser.screenshot(&shots.join(format!("e2e-clause-{name}.png")))?;

    let whole = browser.find("a.whole")?;
    let href = browser.attribute(&whole, "href")?;
    assert!(href.starts_with("/d/") && href.contains('#'), "{href}");
    browser.click(&whole)?;
    browser.wait_for_url(|url| url.ends_with(&href))?;
    let target = browser.find("section.tree-clause:target .label")?;
    assert_eq!(browser.text(&target)?, card.label, "the document page scrolls to the clause");
    assert!(browser.find_all("section.tree-clause")?.len() > 3, "the whole document is shown");
    browser.screenshot(&shots.join(format!("e2e-document-{name}.png")))?;
    Ok(())
}

/// Opens a results page at phone width: the results come first, the filters fold away.
fn check_phone_layout(browser: &Session, base: &str, shots: &Path) -> TestResult {
    browser.set_window_size(390, 844)?;
    browser.navigate(&format!("{base}/?q={}", encode("个人所得税专项附加扣除")))?;
    browser.find("article.hit")?;
    let filters = browser.wait_for_script_value(
        "return document.querySelector('#filters').open ? 'open' : 'folded';",
    )?;
    assert_eq!(filters, "folded", "a phone shows the results before the filters");
    browser.screenshot(&shots.join("e2e-search-phone.png"))?;
    let overflow = browser.wait_for_script_value(
        "const page = document.documentElement;\
         return String(Math.max(0, page.scrollWidth - page.clientWidth));",
    )?;
    assert_eq!(overflow, "0", "nothing runs off the side of a phone screen");
    Ok(())
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
        self.wait_for_element("/element", selector)
    }

    /// Finds the first element matching a CSS selector inside another, waiting for it.
    fn find_in(&self, parent: &str, selector: &str) -> TestResult<String> {
        self.wait_for_element(&format!("/element/{parent}/element"), selector)
    }

    fn wait_for_element(&self, path: &str, selector: &str) -> TestResult<String> {
        let query = json!({ "using": "css selector", "value": selector });
        let started = Instant::now();
        loop {
            match self.command("POST", path, Some(query.clone())) {
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

    /// Lists the elements matching a CSS selector now, without waiting.
    fn find_all(&self, selector: &str) -> TestResult<Vec<String>> {
        self.elements("/elements", selector)
    }

    /// Lists the elements matching a CSS selector inside another, without waiting.
    fn find_all_in(&self, parent: &str, selector: &str) -> TestResult<Vec<String>> {
        self.elements(&format!("/element/{parent}/elements"), selector)
    }

    fn elements(&self, path: &str, selector: &str) -> TestResult<Vec<String>> {
        let query = json!({ "using": "css selector", "value": selector });
        let found = self.command("POST", path, Some(query))?;
        let mut ids = Vec::new();
        for element in found.as_array().ok_or("elements is not a list")? {
            ids.push(element[ELEMENT_KEY].as_str().ok_or("no element reference")?.to_owned());
        }
        Ok(ids)
    }

    fn text(&self, element: &str) -> TestResult<String> {
        let text = self.command("GET", &format!("/element/{element}/text"), None)?;
        Ok(text.as_str().unwrap_or_default().to_owned())
    }

    fn attribute(&self, element: &str, name: &str) -> TestResult<String> {
        let value = self.command("GET", &format!("/element/{element}/attribute/{name}"), None)?;
        Ok(value.as_str().ok_or_else(|| format!("no {name} attribute"))?.to_owned())
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

    /// Reads the system clipboard as the page would, after granting the page that right.
    fn read_clipboard(&self) -> TestResult<String> {
        let grant = json!({ "descriptor": { "name": "clipboard-read" }, "state": "granted" });
        self.command("POST", "/permissions", Some(grant))?;
        let script = "const done = arguments[arguments.length - 1];\
                      navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));";
        let body = json!({ "script": script, "args": [] });
        let value = self.command("POST", "/execute/async", Some(body))?;
        Ok(value.as_str().ok_or("the clipboard read gave no text")?.to_owned())
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
