//! The centre server in a real browser: the real `tourcentre serve` on loopback, driven through
//! chromedriver by headless Chromium. A guide records a day on a phone, sign-in refuses and locks,
//! an economist is kept to their pages, the УКР | ENG switch sticks, every page is photographed at
//! phone and laptop size in both languages, and axe-core checks every page against WCAG 2.1 AA.
//!
//! Chromium, chromedriver (Debian's `chromium`, `chromium-driver`) and axe-core (npm, in the
//! target directory) are installed by `make test`; without them these tests fail, never pass.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tempfile::TempDir;
use tourcentre::i18n::{Lang, Words};

use crate::repo;

/// Every process of a test sees the same Wednesday morning in Khmelnytskyi: the CLI that adds the
/// users too (a session is valid only after the user's last change).
const NOW: &str = "2025-10-15T11:20:00+03:00";
const DAY: &str = "2025-10-15";
/// The Monday before, when a booked class came.
const VISITED: &str = "2025-10-13";
const PASSWORD: &str = "password123";
const PHONE: (u32, u32) = (390, 844);
const LAPTOP: (u32, u32) = (1366, 768);
const PATIENCE: Duration = Duration::from_secs(30);
const INSTALL: &str = "`make test` installs Debian's chromium and chromium-driver \
                       (or: sudo apt-get install chromium chromium-driver)";

fn text(lang: Lang, id: &str) -> String {
    Words::new(lang).text(id)
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Uk => "uk",
        Lang::En => "en",
    }
}

/// A program on `PATH`, or the test fails saying how to install it.
fn program(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("{} is not installed: {INSTALL}", names.join(" or ")))
}

/// A child process, killed when dropped (also when the test panics). With `group`, the child leads
/// its own process group and the whole group goes: chromedriver and the browsers it started.
struct Running {
    child: Child,
    group: bool,
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.group
            && let Ok(group) = libc::pid_t::try_from(self.child.id())
        {
            // SAFETY: kill(2) with a negative pid signals that process group and touches no memory;
            // the group is the child's own (process_group(0)): only what this test started.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `tourcentre serve` on a free loopback port with a throw-away data directory.
struct Server {
    process: Running,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
    data: TempDir,
}

impl Server {
    fn start() -> Server {
        let data = tempfile::tempdir().expect("a temporary data dir");
        let (process, base, log) = Server::spawn(data.path(), NOW);
        Server {
            process,
            base,
            log,
            data,
        }
    }

    /// The same centre (its data dir) served again with its clock at `now`, a later day: the
    /// old process ends first. Its address changes, so everyone signs in again.
    fn restart_at(&mut self, now: &str) {
        let _ = self.process.child.kill();
        let _ = self.process.child.wait();
        (self.process, self.base, self.log) = Server::spawn(self.data.path(), now);
    }

    fn spawn(data: &Path, now: &str) -> (Running, String, Arc<Mutex<Vec<String>>>) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(data)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .current_dir(repo())
            .env("TOURCENTRE_NOW", now)
            .env_remove("TOURCENTRE_DATA")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the tourcentre binary starts");
        let stderr = child.stderr.take().expect("the server's stderr");
        let process = Running {
            child,
            group: false,
        };
        // The log is read to its end (a full pipe would stall the server) and kept for failures.
        let log = Arc::new(Mutex::new(Vec::new()));
        let (ready, serving) = mpsc::channel();
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut line = Vec::new();
            while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                if let Some(at) = text.find("serving http://") {
                    let url = text[at + "serving ".len()..]
                        .trim_end_matches('/')
                        .to_string();
                    let _ = ready.send(url);
                }
                lines.lock().unwrap_or_else(|e| e.into_inner()).push(text);
                line.clear();
            }
        });
        let base = serving.recv_timeout(PATIENCE).unwrap_or_else(|_| {
            panic!(
                "the server did not print `serving http://...` within {PATIENCE:?}:\n{}",
                log.lock().unwrap_or_else(|e| e.into_inner()).join("\n")
            )
        });
        (process, base, log)
    }

    /// `tourcentre user add NAME --role ROLE --password-stdin`, as an administrator does it.
    /// A booking taken by phone for Friday 10:00 (`tourcentre booking add`): its code.
    fn add_booking(&self) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(self.data.path())
            .args([
                "booking",
                "add",
                "--date",
                "2025-10-17",
                "--time",
                "10:00",
                "--group",
                "school",
                "--size",
                "24",
                "--adults",
                "2",
                "--organisation",
                "Ліцей № 1",
                "--class",
                "3-Б",
                "--contact-name",
                "Олена Петрівна",
                "--phone",
                "+380 67 123 45 67",
                "--consent",
            ])
            .current_dir(repo())
            .env("TOURCENTRE_NOW", NOW)
            .output()
            .expect("the tourcentre binary starts");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// `tourcentre booking ARGS...` at the desk, on the server's data dir.
    fn booking(&self, args: &[&str]) {
        let output = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(self.data.path())
            .arg("booking")
            .args(args)
            .current_dir(repo())
            .env("TOURCENTRE_NOW", NOW)
            .output()
            .expect("the tourcentre binary starts");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// A booking for Monday 10:00 whose class came, played three rounds at a kiosk and left: its
    /// page shows the class's results. Its code. (Not today: *Today*'s figures stay the morning's.)
    fn add_booking_with_results(&self) -> String {
        let run = |now: &str, args: &[&str]| {
            let output = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
                .arg("--data-dir")
                .arg(self.data.path())
                .args(args)
                .current_dir(repo())
                .env("TOURCENTRE_NOW", now)
                .output()
                .expect("the tourcentre binary starts");
            assert!(
                output.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8_lossy(&output.stdout).trim().to_string()
        };
        let code = run(
            "2025-10-10T09:00:00+03:00",
            &[
                "booking",
                "add",
                "--date",
                VISITED,
                "--time",
                "10:00",
                "--group",
                "school",
                "--size",
                "20",
                "--organisation",
                "Гімназія № 2",
                "--class",
                "5-А",
                "--contact-name",
                "Ірина",
                "--phone",
                "+380 67 222 33 44",
                "--tour-lang",
                "en",
                "--consent",
            ],
        );
        run("2025-10-13T10:05:00+03:00", &["booking", "arrive", &code]);
        let shown: Value =
            serde_json::from_str(&run(NOW, &["booking", "show", &code, "--format", "json"]))
                .expect("booking show's JSON");
        let tour: uuid::Uuid = shown["tour_id"]
            .as_str()
            .and_then(|id| id.parse().ok())
            .expect("the booking's tour");
        let mut store = tourcentre::store::open(self.data.path()).expect("the store");
        let answer = |item: &str, right: &str, chosen: &[&str]| tourcentre::game::SessionAnswer {
            item: item.into(),
            right_bin: right.into(),
            chosen: chosen.iter().map(|c| c.to_string()).collect(),
            first_try_right: chosen.first() == Some(&right),
        };
        let rounds = [
            vec![
                answer("battery", "hazardous", &["mixed", "hazardous"]),
                answer("glass-jar", "glass", &["glass"]),
            ],
            vec![
                answer("battery", "hazardous", &["metal", "hazardous"]),
                answer("newspaper", "paper", &["mixed", "paper"]),
            ],
            vec![
                answer("tin-can", "metal", &["plastic", "metal"]),
                answer("pet-bottle", "plastic", &["plastic"]),
            ],
        ];
        let at = |time: &str| {
            chrono::DateTime::parse_from_rfc3339(&format!("{VISITED}T{time}:00+03:00"))
                .expect("a time")
                .with_timezone(&chrono::Utc)
        };
        for answers in rounds {
            let session = tourcentre::game::PlaySession {
                id: uuid::Uuid::new_v4(),
                station: "hall-1".into(),
                audience: "older".into(),
                lang: Lang::En,
                tour_id: Some(tour),
                started_at: at("10:20"),
                ended_at: at("10:24"),
                completed: true,
                answers,
            };
            tourcentre::game::SessionRecorder::record_session(&mut store, &session)
                .expect("the round is stored");
        }
        drop(store);
        run(
            NOW,
            &[
                "tour",
                "end",
                &tour.to_string()[..8],
                "--at",
                &format!("{VISITED}T11:00"),
            ],
        );
        code
    }

    fn add_user(&self, name: &str, role: &str) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(self.data.path())
            .args(["user", "add", name, "--role", role, "--password-stdin"])
            .current_dir(repo())
            .env("TOURCENTRE_NOW", NOW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the tourcentre binary starts");
        child
            .stdin
            .take()
            .expect("its stdin")
            .write_all(format!("{PASSWORD}\n").as_bytes())
            .expect("the password is written");
        let output = child.wait_with_output().expect("user add finishes");
        assert!(
            output.status.success(),
            "user add {name} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let log = self.log.lock().unwrap_or_else(|e| e.into_inner());
            let tail = &log[log.len().saturating_sub(40)..];
            eprintln!(
                "the server's log (last lines, pid {}):\n{}",
                self.process.child.id(),
                tail.join("\n")
            );
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Headless Chromium through its own chromedriver, with a fresh profile.
struct Browser {
    client: Client,
    _driver: Running,
    _profile: TempDir,
}

impl Browser {
    async fn open((width, height): (u32, u32)) -> Browser {
        let chromium = program(&["chromium", "chromium-browser"]);
        let chromedriver = program(&["chromedriver"]);
        let profile = tempfile::tempdir().expect("a temporary browser profile");
        let port = free_port();
        let mut command = Command::new(&chromedriver);
        command
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0);
        let child = command.spawn().unwrap_or_else(|err| {
            panic!(
                "{} does not start ({err}): {INSTALL}",
                chromedriver.display()
            )
        });
        let mut driver = Running { child, group: true };
        let started = Instant::now();
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!("chromedriver exited with {status} before listening on port {port}");
            }
            assert!(
                started.elapsed() < PATIENCE,
                "chromedriver did not listen on port {port} within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let args = [
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--hide-scrollbars".into(),
            "--lang=uk-UA".into(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={width},{height}"),
        ];
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                // A Ukrainian reader's browser: the pages' language before any УКР | ENG choice.
                "prefs": { "intl.accept_languages": "uk-UA,uk" },
            },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|err| {
                panic!("chromedriver cannot start {}: {err}", chromium.display())
            });
        let browser = Browser {
            client,
            _driver: driver,
            _profile: profile,
        };
        browser.resize((width, height)).await;
        browser
    }

    /// Ends the browser session (the drop then ends chromedriver).
    async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    async fn script(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|err| panic!("script {script:?}: {err}"))
    }

    /// Makes the page's viewport exactly `width`×`height` CSS pixels.
    async fn resize(&self, (width, height): (u32, u32)) {
        let mut window = (width, height);
        for _ in 0..3 {
            self.client
                .set_window_size(window.0, window.1)
                .await
                .unwrap_or_else(|err| panic!("window size {window:?}: {err}"));
            // On a busy machine the page may see its new size a moment later: wait until it
            // is the one asked for, or has stopped changing.
            let mut seen = None;
            let (w, h) = loop {
                let inner = self
                    .script("return [window.innerWidth, window.innerHeight];")
                    .await;
                let size = (
                    inner[0].as_i64().unwrap_or(0),
                    inner[1].as_i64().unwrap_or(0),
                );
                if size == (i64::from(width), i64::from(height)) {
                    return;
                }
                if seen == Some(size) {
                    break size;
                }
                seen = Some(size);
                tokio::time::sleep(Duration::from_millis(150)).await;
            };
            // The window's frame, if any, is added to what the page should get.
            window.0 = (i64::from(window.0) + i64::from(width) - w).max(100) as u32;
            window.1 = (i64::from(window.1) + i64::from(height) - h).max(100) as u32;
        }
        panic!("cannot give the page a {width}×{height} viewport");
    }

    async fn goto(&self, server: &Server, path: &str) {
        let url = server.url(path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|err| panic!("open {url}: {err}"));
    }

    /// The page's path and query.
    async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("the current URL");
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The HTTP status of the page shown (after redirects: the last answer).
    async fn status(&self) -> u64 {
        self.script("return performance.getEntriesByType('navigation')[0].responseStatus;")
            .await
            .as_u64()
            .unwrap_or(0)
    }

    async fn find(&self, css: &str) -> Element {
        let url = self.path().await;
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("{url}: no {css}: {err}"))
    }

    async fn text_of(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .expect("an element's text")
    }

    async fn body(&self) -> String {
        self.text_of("body").await
    }

    async fn lang(&self) -> String {
        self.script("return document.documentElement.lang;")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    async fn fill(&self, css: &str, value: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("a field can be cleared");
        field
            .send_keys(value)
            .await
            .unwrap_or_else(|err| panic!("type into {css}: {err}"));
    }

    /// Fills the teacher's booking form, ticks the consent and sends it.
    async fn send_booking(&self, fields: &[(&str, &str)]) {
        for (css, value) in fields {
            self.fill(css, value).await;
        }
        self.find("input[name=consent]")
            .await
            .click()
            .await
            .expect("tick consent");
        self.click_and_wait("form.booking button[type=submit]")
            .await;
    }

    /// Clicks and waits for the next page to have loaded.
    async fn click_and_wait(&self, css: &str) {
        let button = self.find(css).await;
        self.press(&button, css).await;
    }

    /// Clicks `button` (a link, a form's button) and waits for the page it loads.
    async fn press(&self, button: &Element, what: &str) {
        self.script("window.__tcOldPage = true;").await;
        button
            .click()
            .await
            .unwrap_or_else(|err| panic!("click {what}: {err}"));
        let started = Instant::now();
        loop {
            // While the next page loads, scripts may fail: that is "not yet".
            let loaded = self
                .client
                .execute(
                    "return window.__tcOldPage === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if matches!(loaded, Ok(Value::Bool(true))) {
                return;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "clicking {what} did not load a page"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Fills the sign-in form and sends it.
    async fn sign_in(&self, server: &Server, name: &str, password: &str) {
        if !self.path().await.starts_with("/login") {
            self.goto(server, "/login").await;
        }
        self.fill("#username", name).await;
        self.fill("#password", password).await;
        self.click_and_wait("main form[action='/login'] button[type=submit]")
            .await;
    }

    async fn sign_out(&self) {
        self.click_and_wait("form.logout button[type=submit]").await;
    }

    /// "12 visitors today" on *Today*, as a number.
    async fn visitors_today(&self) -> u64 {
        let figure = self.text_of(".figures .big").await;
        let digits: String = figure
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(char::is_ascii_digit)
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("no number in today's figure {figure:?}"))
    }
}

/// A guide's morning at the desk: a school tour started and ended, a family tour still on, three
/// walk-ins and one mistaken entry undone — so every part of *Today* and *Tours* has rows.
async fn record_a_morning(browser: &Browser, server: &Server) {
    browser.goto(server, "/today").await;
    start_tour(browser, "school", "24", "5-Б").await;
    assert_eq!(browser.path().await, "/today", "a tour starts");
    browser
        .click_and_wait("form[action$='/end'] button[type=submit]")
        .await;
    start_tour(browser, "family", "6", "").await;
    assert_eq!(browser.path().await, "/today", "a tour starts");
    add_walk_ins(browser, "3").await;
    add_walk_ins(browser, "40").await;
    void_walk_ins(browser, "40", "typo").await;
    assert_eq!(browser.visitors_today().await, 24 + 6 + 3);
}

async fn start_tour(browser: &Browser, group: &str, size: &str, note: &str) {
    browser
        .find("#tour-group")
        .await
        .select_by_value(group)
        .await
        .expect("the group can be chosen");
    browser.fill("#tour-size", size).await;
    browser.fill("#tour-note", note).await;
    browser
        .click_and_wait("form[action='/today/tours'] button[type=submit]")
        .await;
}

async fn add_walk_ins(browser: &Browser, count: &str) {
    browser.fill("#visit-count", count).await;
    browser
        .click_and_wait("form[action='/today/visits'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/today", "adding walk-ins");
}

/// Undoes the latest walk-in entry of `count` people through its <details> form.
async fn void_walk_ins(browser: &Browser, count: &str, reason: &str) {
    let entries = browser
        .client
        .find_all(Locator::Css("#recent-heading + ul > li"))
        .await
        .expect("the latest entries");
    for entry in entries {
        let kind = entry
            .find(Locator::Css("input[name=kind]"))
            .await
            .expect("an entry's kind")
            .attr("value")
            .await
            .expect("its value");
        let said = entry.text().await.expect("an entry's text");
        if kind.as_deref() != Some("visit") || !said.trim_start().starts_with(count) {
            continue;
        }
        entry
            .find(Locator::Css("summary"))
            .await
            .expect("the undo summary")
            .click()
            .await
            .expect("the undo opens");
        let field = entry
            .find(Locator::Css("input[name=reason]"))
            .await
            .expect("the reason field");
        field.send_keys(reason).await.expect("a reason is typed");
        let button = entry
            .find(Locator::Css("button[type=submit]"))
            .await
            .expect("the void button");
        browser.press(&button, "the void button").await;
        assert_eq!(browser.path().await, "/today", "undoing an entry");
        return;
    }
    panic!("no latest entry of {count} walk-ins to undo");
}

#[tokio::test]
async fn a_guide_records_a_tour_and_walk_ins_on_a_phone() {
    let server = Server::start();
    server.add_user("olena", "guide");
    let browser = Browser::open(PHONE).await;

    browser.goto(&server, "/").await;
    assert_eq!(
        browser.path().await,
        "/login",
        "signed out, / asks to sign in"
    );
    browser.sign_in(&server, "olena", PASSWORD).await;
    assert_eq!(browser.path().await, "/today", "a guide starts on Today");
    assert_eq!(
        browser.lang().await,
        "uk",
        "a Ukrainian browser gets Ukrainian"
    );
    assert!(
        browser
            .text_of("h1")
            .await
            .starts_with(&text(Lang::Uk, "web-menu-today"))
    );
    let before = browser.visitors_today().await;
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "web-no-open-tours"))
    );

    start_tour(&browser, "school", "12", "7-А").await;
    assert_eq!(browser.path().await, "/today", "a tour starts");
    assert_eq!(browser.visitors_today().await, before + 12);
    let open = browser.text_of("#open-heading + ul").await;
    assert!(
        open.contains("12") && open.contains("7-А") && open.contains("olena"),
        "the open tour is listed: {open:?}"
    );

    add_walk_ins(&browser, "5").await;
    assert_eq!(browser.visitors_today().await, before + 17);

    let end = browser
        .text_of("form[action$='/end'] button[type=submit]")
        .await;
    assert!(end.starts_with(&text(Lang::Uk, "web-end-tour")), "{end:?}");
    browser
        .click_and_wait("form[action$='/end'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/today");
    let page = browser.body().await;
    assert!(
        page.contains(&text(Lang::Uk, "web-no-open-tours")),
        "the tour is no longer open:\n{page}"
    );
    let ended = browser.text_of("#ended-heading + ul").await;
    assert!(
        ended.contains("12"),
        "the tour is among today's ended: {ended:?}"
    );
    assert_eq!(
        browser.visitors_today().await,
        before + 17,
        "ending a tour counts nobody twice"
    );

    // A mistaken entry, undone from "Latest entries".
    add_walk_ins(&browser, "30").await;
    assert_eq!(browser.visitors_today().await, before + 47);
    void_walk_ins(&browser, "30", "typed twice").await;
    assert_eq!(browser.visitors_today().await, before + 17);

    browser.goto(&server, &format!("/tours?date={DAY}")).await;
    let tours = browser.text_of("main table").await;
    assert!(tours.contains("12") && tours.contains("olena"), "{tours}");
    browser.close().await;
}

#[tokio::test]
async fn a_teacher_books_a_visit_on_a_phone_and_cancels_it() {
    let server = Server::start();
    let browser = Browser::open(PHONE).await;
    browser.goto(&server, "/book").await;
    assert_eq!(browser.lang().await, "uk", "Ukrainian first");
    // Two days ahead at the earliest: Friday's first slot.
    let first = browser.text_of("a.slot").await;
    assert!(first.contains("10:00") && first.contains("30"), "{first:?}");
    browser.click_and_wait("a.slot").await;
    assert!(
        browser
            .path()
            .await
            .starts_with("/book/new?date=2025-10-17")
    );
    assert!(
        browser
            .text_of(".slot-chosen")
            .await
            .contains("17.10.2025 10:00")
    );

    browser
        .send_booking(&[
            ("#organisation", "Ліцей № 1"),
            ("#class", "3-Б"),
            ("#size", "24"),
            ("#adults", "2"),
            ("#contact_name", "Олена Петрівна"),
            ("#phone", "12"),
        ])
        .await;
    // The wrong phone is said beside its field; what was typed stays.
    assert_eq!(browser.status().await, 422);
    assert_eq!(
        browser
            .find("#phone")
            .await
            .attr("aria-invalid")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("true")
    );
    assert!(browser.text_of("#phone-problem").await.contains("«12»"));
    assert_eq!(
        browser
            .find("#organisation")
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("Ліцей № 1")
    );
    browser.fill("#phone", "+380 67 123 45 67").await;
    // A program that fills the hidden field is refused, and nothing is kept.
    browser
        .script("document.getElementById('website').value = 'http://spam.example';")
        .await;
    browser
        .click_and_wait("form.booking button[type=submit]")
        .await;
    assert_eq!(browser.status().await, 422);
    assert_eq!(
        browser.text_of(".problem[role=alert]").await,
        format!(
            "{} {}",
            text(Lang::Uk, "book-trap-refused"),
            text(Lang::Uk, "book-choose-another")
        )
    );
    // A person never sees it: the form comes back with it empty.
    browser
        .click_and_wait("form.booking button[type=submit]")
        .await;
    assert!(
        browser.path().await.starts_with("/book/"),
        "{}",
        browser.path().await
    );
    let code = browser.text_of(".code strong").await;
    assert_eq!(code.len(), 14, "XXXX-XXXX-XXXX: {code}");
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "booking-status-requested"))
    );

    // The slot now has 26 places fewer.
    browser.goto(&server, "/book").await;
    assert!(
        browser.text_of("a.slot").await.contains('4'),
        "4 places left"
    );
    // The teacher cancels with the code's page.
    browser
        .goto(&server, &format!("/book/{}", code.replace('-', "")))
        .await;
    browser
        .click_and_wait("form[action$='/cancel'] button[type=submit]")
        .await;
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "booking-status-cancelled"))
    );
    browser.close().await;
}

#[tokio::test]
async fn a_guide_confirms_a_request_and_closes_a_day_at_short_notice() {
    let server = Server::start();
    server.add_user("olena", "guide");
    let code = server.add_booking();
    let browser = Browser::open(PHONE).await;
    // A teacher's request for Friday 12:00, through the form.
    browser
        .goto(&server, "/book/new?date=2025-10-17&time=12:00")
        .await;
    browser
        .send_booking(&[
            ("#organisation", "Гімназія № 2"),
            ("#size", "20"),
            ("#contact_name", "Ігор"),
            ("#phone", "+380 50 111 22 33"),
        ])
        .await;
    assert!(browser.path().await.starts_with("/book/"));

    browser.goto(&server, "/login").await;
    browser.sign_in(&server, "olena", PASSWORD).await;
    browser.goto(&server, "/bookings").await;
    assert!(
        browser
            .text_of("main")
            .await
            .contains(&format!("{} 1", text(Lang::Uk, "web-bookings-pending")))
    );
    // The pending request comes first, with its confirm button.
    let first = browser.text_of("section.booking-row").await;
    assert!(
        first.contains("Гімназія № 2")
            && first.contains(&text(Lang::Uk, "booking-status-requested")),
        "{first}"
    );
    browser
        .click_and_wait("section.booking-row form[action$='/confirm'] button")
        .await;
    assert_eq!(browser.path().await, format!("/bookings?from={DAY}"));
    assert!(
        browser
            .text_of("main")
            .await
            .contains(&format!("{} 0", text(Lang::Uk, "web-bookings-pending")))
    );
    // No mail settings: the teacher is to be phoned about the confirmation, at the top.
    let tell = browser.text_of("section.tell").await;
    assert!(
        tell.contains(&text(Lang::Uk, "tell-event-confirmed"))
            && tell.contains("Гімназія № 2")
            && tell.contains("+380 50 111 22 33"),
        "{tell}"
    );
    let call = browser.find("section.tell a.call").await;
    assert_eq!(
        call.attr("href").await.ok().flatten().as_deref(),
        Some("tel:+380501112233")
    );
    browser.click_and_wait("section.tell form button").await;
    assert_eq!(browser.path().await, "/bookings");
    assert!(
        !browser.body().await.contains("tell-heading"),
        "told: the item is gone"
    );

    // Friday closes at short notice: both bookings cancelled, the teachers' phones listed.
    // A date field is typed in the browser's own date format: set its value as a picker would.
    browser
        .script("document.getElementById('close-date').value = '2025-10-17';")
        .await;
    browser.fill("#close-reason", "Повітряна тривога").await;
    browser
        .click_and_wait("form[action='/bookings/close-day'] button")
        .await;
    let told = browser.text_of("#told-heading + p + ul").await;
    assert!(
        told.contains("+380 50 111 22 33") && told.contains("+380 67 123 45 67"),
        "{told}"
    );
    // Both cancellations wait to be phoned; no phone number ever reaches the server's log.
    let tell = browser.text_of("section.tell").await;
    assert!(
        tell.contains(&format!("{} (2)", text(Lang::Uk, "tell-title"))),
        "{tell}"
    );
    let log = server
        .log
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .join("\n");
    assert!(
        !log.contains("111 22 33") && !log.contains("123 45 67"),
        "{log}"
    );
    browser.goto(&server, &format!("/book/{code}")).await;
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "booking-status-cancelled"))
    );
    browser.close().await;
}

#[tokio::test]
async fn a_booked_class_is_confirmed_then_arrives_and_todays_count_rises_by_its_people() {
    let mut server = Server::start();
    server.add_user("olena", "guide");
    let browser = Browser::open(PHONE).await;
    // A teacher books Friday 10:00 for 24 children and 2 adults on a phone.
    browser
        .goto(&server, "/book/new?date=2025-10-17&time=10:00")
        .await;
    browser
        .send_booking(&[
            ("#organisation", "Ліцей № 5"),
            ("#class", "3-А"),
            ("#size", "24"),
            ("#adults", "2"),
            ("#contact_name", "Оксана"),
            ("#phone", "+380 67 765 43 21"),
        ])
        .await;
    let page = browser.path().await;
    let code_page = page.split('?').next().unwrap_or_default().to_string();
    assert!(code_page.starts_with("/book/"), "{page}");
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "booking-status-requested"))
    );

    // A guide confirms it on the phone.
    browser.sign_in(&server, "olena", PASSWORD).await;
    browser.goto(&server, "/bookings").await;
    browser
        .click_and_wait("section.booking-row form[action$='/confirm'] button")
        .await;
    // The teacher's page says so.
    browser.goto(&server, &code_page).await;
    assert!(
        browser
            .body()
            .await
            .contains(&text(Lang::Uk, "booking-status-confirmed"))
    );

    // Friday, 10:05: the group is on *Today*; 23 came (a child is ill, both adults came).
    server.restart_at("2025-10-17T10:05:00+03:00");
    browser.sign_in(&server, "olena", PASSWORD).await;
    browser.goto(&server, "/today").await;
    let before = browser.visitors_today().await;
    let booked = browser.text_of("#booked-heading + ul").await;
    assert!(
        booked.contains("10:00") && booked.contains("Ліцей № 5, 3-А"),
        "{booked}"
    );
    browser
        .fill("form[action$='/arrive'] input[name=people]", "23")
        .await;
    browser
        .click_and_wait("form[action$='/arrive'] button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/today");
    assert_eq!(browser.visitors_today().await, before + 23);
    let booked = browser.text_of("#booked-heading + ul").await;
    assert!(
        booked.contains(&text(Lang::Uk, "booking-status-arrived")),
        "{booked}"
    );
    // The arrival started the group's tour.
    assert!(browser.text_of("#open-heading + ul").await.contains("23"));
    browser.close().await;
}

#[tokio::test]
async fn a_guide_enters_a_phone_booking_moves_it_and_keeps_call_notes() {
    let server = Server::start();
    server.add_user("olena", "guide");
    let browser = Browser::open(PHONE).await;
    browser.sign_in(&server, "olena", PASSWORD).await;
    browser.goto(&server, "/bookings").await;
    browser.click_and_wait("a[href='/bookings/new']").await;
    // A date field is typed in the browser's own date format: set its value as a picker would.
    browser
        .script("document.getElementById('date').value = '2025-10-16';")
        .await;
    browser
        .send_booking(&[
            ("#organisation", "Гімназія <b>№ 9</b>"),
            ("#size", "18"),
            ("#contact_name", "Тарас"),
            ("#phone", "222 33"),
        ])
        .await;
    // A phone too short to call is refused beside its field, the rest kept.
    assert_eq!(browser.status().await, 422);
    assert!(!browser.text_of("#phone-problem").await.is_empty());
    let kept = browser.find("#organisation").await.prop("value").await;
    assert_eq!(kept.ok().flatten().as_deref(), Some("Гімназія <b>№ 9</b>"));
    browser.fill("#phone", "+380 50 222 33 44").await;
    browser
        .click_and_wait("form.booking button[type=submit]")
        .await;
    assert_eq!(browser.path().await, "/bookings?from=2025-10-16&entered=1");
    assert_eq!(
        browser.text_of("p.done").await,
        text(Lang::Uk, "web-bookings-entered")
    );
    // Confirmed at once, escaped as typed.
    let row = browser.text_of("section.booking-row").await;
    assert!(
        row.contains("Гімназія <b>№ 9</b>")
            && row.contains(&text(Lang::Uk, "booking-status-confirmed")),
        "{row}"
    );

    // Moved to Friday 14:00.
    browser
        .script("document.querySelector('form[action$=\"/move\"] input[name=date]').value = '2025-10-17';")
        .await;
    browser
        .script(
            "document.querySelector('form[action$=\"/move\"] select[name=time]').value = '14:00';",
        )
        .await;
    browser
        .script("document.querySelector('form[action$=\"/move\"]').closest('details').open = true;")
        .await;
    browser
        .click_and_wait("form[action$='/move'] button[type=submit]")
        .await;
    assert!(
        browser
            .text_of("section.booking-row h4")
            .await
            .contains("14:00")
    );

    // What was said on the phone is kept.
    browser
        .script(
            "document.querySelector('form[action$=\"/notes\"]').closest('details').open = true;",
        )
        .await;
    browser
        .fill("form[action$='/notes'] textarea", "Приїдуть автобусом")
        .await;
    browser
        .click_and_wait("form[action$='/notes'] button[type=submit]")
        .await;
    assert!(
        browser
            .text_of("section.booking-row")
            .await
            .contains("Приїдуть автобусом")
    );

    // The teacher asks to be forgotten: name and phone erased, the booking kept.
    browser
        .script(
            "document.querySelector('form[action$=\"/erase\"]').closest('details').open = true;",
        )
        .await;
    browser
        .click_and_wait("form[action$='/erase'] button[type=submit]")
        .await;
    let row = browser.text_of("section.booking-row").await;
    assert!(
        !row.contains("Тарас") && !row.contains("222 33 44") && row.contains("Гімназія"),
        "{row}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_wrong_password_is_refused_and_the_sixth_try_is_locked() {
    let server = Server::start();
    server.add_user("olena", "guide");
    let browser = Browser::open(PHONE).await;
    let wrong = text(Lang::Uk, "web-login-wrong");
    let locked = text(Lang::Uk, "web-login-locked");

    for attempt in 1..=5 {
        browser
            .sign_in(&server, "olena", &format!("not-the-password-{attempt}"))
            .await;
        assert_eq!(browser.path().await, "/login", "attempt {attempt}");
        assert_eq!(browser.status().await, 401, "attempt {attempt}");
        let problem = browser.text_of(".problem[role=alert]").await;
        assert_eq!(problem, wrong, "attempt {attempt}");
        let kept = browser.find("#username").await.prop("value").await;
        assert_eq!(
            kept.ok().flatten().as_deref(),
            Some("olena"),
            "the name stays"
        );
    }

    // The sixth try is refused whatever the password, the right one too.
    browser.sign_in(&server, "olena", PASSWORD).await;
    assert_eq!(browser.path().await, "/login");
    assert_eq!(browser.status().await, 429);
    assert_eq!(browser.text_of(".problem[role=alert]").await, locked);
    browser.goto(&server, "/today").await;
    assert_eq!(
        browser.path().await,
        "/login",
        "a locked name is not signed in"
    );

    // The lock is the name's: another person signs in from the same browser.
    server.add_user("ivan", "guide");
    browser.sign_in(&server, "ivan", PASSWORD).await;
    assert_eq!(browser.path().await, "/today");
    browser.close().await;
}

#[tokio::test]
async fn an_economist_lands_on_indicators_and_cannot_open_today() {
    let server = Server::start();
    server.add_user("marta", "economist");
    let browser = Browser::open(LAPTOP).await;

    browser.sign_in(&server, "marta", PASSWORD).await;
    assert_eq!(browser.path().await, "/indicators");
    assert_eq!(browser.status().await, 200);
    assert_eq!(
        browser.text_of("h1").await,
        text(Lang::Uk, "web-menu-indicators")
    );
    let menu = browser.text_of("nav.menu").await;
    assert!(
        !menu.contains(&text(Lang::Uk, "web-menu-today")),
        "no Today in an economist's menu: {menu:?}"
    );

    browser.goto(&server, "/today").await;
    assert_eq!(browser.path().await, "/today");
    assert_eq!(browser.status().await, 403);
    let page = browser.body().await;
    assert!(
        page.contains(&text(Lang::Uk, "web-forbidden")),
        "the 403 page says why:\n{page}"
    );
    assert!(!page.contains(&text(Lang::Uk, "web-start-tour")), "{page}");

    // The pages an economist reads are open to them.
    for path in ["/year", "/tours", "/indicators"] {
        browser.goto(&server, path).await;
        assert_eq!(browser.status().await, 200, "{path}");
    }
    browser.close().await;
}

/// Types a value into the indicator page's data-entry form and saves it.
async fn enter_value(browser: &Browser, year: &str, value: &str, comment: &str) {
    browser.fill("#entry-year", year).await;
    browser.fill("#entry-value", value).await;
    browser.fill("#entry-comment", comment).await;
    browser
        .click_and_wait("#entry-form button[type=submit]")
        .await;
}

#[tokio::test]
async fn an_economist_enters_corrects_and_restores_an_indicator_value() {
    let server = Server::start();
    server.add_user("marta", "economist");
    let browser = Browser::open(LAPTOP).await;
    browser.sign_in(&server, "marta", PASSWORD).await;
    let page = "/indicators/msw-recycled-share";
    let file = server
        .data
        .path()
        .join("indicators/data/msw-recycled-share.csv");
    browser.goto(&server, page).await;
    let progress_at_first = browser.text_of("h1 + p").await;
    assert!(
        browser
            .client
            .find(Locator::Css("figure.chart img"))
            .await
            .is_err()
    );

    enter_value(&browser, "2023", "10", "Звіт управління за 2023").await;
    assert_eq!(browser.path().await, format!("{page}?saved=1"));
    assert_eq!(
        browser.text_of("p.saved").await,
        text(Lang::Uk, "indicator-entry-saved")
    );
    let chart_one_year = browser
        .find("figure.chart img")
        .await
        .attr("src")
        .await
        .ok()
        .flatten();
    enter_value(&browser, "2024", "12.5", "Звіт управління за 2024").await;
    assert_eq!(browser.status().await, 200);
    let chart_two_years = browser
        .find("figure.chart img")
        .await
        .attr("src")
        .await
        .ok()
        .flatten();
    assert_ne!(
        chart_one_year, chart_two_years,
        "the chart shows the new year"
    );
    let progress = browser.text_of("h1 + p").await;
    assert_ne!(progress, progress_at_first, "the progress is measured now");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Year,Value\n2023,10\n2024,12.5\n"
    );

    // A comma decimal is refused beside the field, what was typed kept, nothing written.
    enter_value(&browser, "2022", "11,5", "Звіт 2022").await;
    assert_eq!(browser.status().await, 400);
    let problem = browser.text_of("#entry-value-problem").await;
    assert!(problem.contains("11.5"), "check's words: {problem}");
    let value = browser.find("#entry-value").await;
    assert_eq!(
        value.attr("aria-invalid").await.ok().flatten().as_deref(),
        Some("true")
    );
    assert_eq!(
        value.prop("value").await.ok().flatten().as_deref(),
        Some("11,5")
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Year,Value\n2023,10\n2024,12.5\n"
    );

    // A value far from the year before needs a second "yes".
    enter_value(&browser, "2024", "125", "Уточнений звіт").await;
    assert_eq!(browser.path().await, page.to_string() + "/observations");
    assert!(!browser.text_of("#entry-value-problem").await.is_empty());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("2024,12.5")
    );

    // Corrected from the table: the value opens in the form, as it is stored.
    browser.goto(&server, page).await;
    browser
        .click_and_wait("table.entry-grid a[href^='?year=2024']")
        .await;
    let shown = browser.find("#entry-value").await.prop("value").await;
    assert_eq!(shown.ok().flatten().as_deref(), Some("12.5"));
    enter_value(&browser, "2024", "13", "Уточнений звіт").await;
    assert_eq!(browser.path().await, format!("{page}?saved=1"));
    assert!(browser.text_of("table.entry-grid").await.contains("13"));
    let history = browser.text_of("table.history tbody tr").await;
    assert!(
        history.contains("Уточнений звіт") && history.contains("marta"),
        "{history}"
    );

    // The first value back from the history: a new change, kept too.
    browser.click_and_wait("form.restore button").await;
    assert_eq!(browser.path().await, format!("{page}?saved=1"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Year,Value\n2023,10\n2024,12.5\n"
    );
    let newest = browser.text_of("table.history tbody tr").await;
    assert!(newest.contains("відновлено значення від"), "{newest}");
    assert_eq!(
        browser
            .client
            .find_all(Locator::Css("table.history tbody tr"))
            .await
            .map(|rows| rows.len())
            .unwrap_or_default(),
        4
    );
    browser.close().await;
}

#[tokio::test]
async fn the_language_switch_changes_the_page_and_is_remembered() {
    let server = Server::start();
    server.add_user("olena", "guide");
    let browser = Browser::open(PHONE).await;

    browser.goto(&server, "/login").await;
    assert_eq!(browser.lang().await, "uk");
    assert_eq!(
        browser.text_of("h1").await,
        text(Lang::Uk, "web-login-title")
    );

    browser.click_and_wait("nav.langs a[lang=en]").await;
    assert_eq!(browser.path().await, "/login");
    assert_eq!(browser.lang().await, "en");
    assert_eq!(
        browser.text_of("h1").await,
        text(Lang::En, "web-login-title")
    );
    browser.client.refresh().await.expect("a reload");
    assert_eq!(browser.lang().await, "en", "the choice survives a reload");
    assert_eq!(
        browser.text_of("h1").await,
        text(Lang::En, "web-login-title")
    );

    // It stays through signing in (a new session) and on every page.
    browser.sign_in(&server, "olena", PASSWORD).await;
    assert_eq!(browser.path().await, "/today");
    assert_eq!(browser.lang().await, "en");
    let page = browser.body().await;
    for id in ["web-menu-today", "web-start-tour", "web-add-walk-ins"] {
        assert!(
            page.contains(&text(Lang::En, id)),
            "{id} in English:\n{page}"
        );
    }
    assert!(!page.contains(&text(Lang::Uk, "web-start-tour")), "{page}");
    browser.goto(&server, "/year").await;
    assert_eq!(browser.lang().await, "en");
    assert!(
        browser
            .text_of("h1")
            .await
            .starts_with(&text(Lang::En, "web-menu-year"))
    );

    // And back: УКР on Year returns to Year, in Ukrainian, after a reload too.
    browser.click_and_wait("nav.langs a[lang=uk]").await;
    assert_eq!(browser.path().await, "/year");
    assert_eq!(browser.lang().await, "uk");
    browser.client.refresh().await.expect("a reload");
    assert_eq!(browser.lang().await, "uk");
    assert!(
        browser
            .text_of("h1")
            .await
            .starts_with(&text(Lang::Uk, "web-menu-year"))
    );
    browser.close().await;
}

/// What to do with each page shown.
#[derive(Clone, Copy, PartialEq)]
enum Look {
    /// Save a picture to `$CARGO_TARGET_TMPDIR/web/`.
    Screenshot,
    /// Run axe-core's WCAG 2.0/2.1 A and AA rules and collect what it finds.
    Axe,
}

/// The pages, as a person sees them: in both languages, at both sizes, with the day's rows.
const SIZES: [(u32, u32); 2] = [PHONE, LAPTOP];
const LANGS: [Lang; 2] = [Lang::Uk, Lang::En];

struct Looking {
    look: Look,
    axe: String,
    shots: PathBuf,
    found: Vec<String>,
    checked: usize,
}

impl Looking {
    fn new(look: Look) -> Looking {
        let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web");
        std::fs::create_dir_all(&shots).expect("the screenshot directory");
        let axe = if look == Look::Axe {
            axe_source()
        } else {
            String::new()
        };
        Looking {
            look,
            axe,
            shots,
            found: Vec::new(),
            checked: 0,
        }
    }

    /// Shows `path` in each language (chosen with УКР | ENG) and looks at it at each size.
    async fn each(&mut self, browser: &Browser, server: &Server, name: &str, path: &str) {
        for lang in LANGS {
            let next = path
                .replace('?', "%3F")
                .replace('=', "%3D")
                .replace('&', "%26");
            browser
                .goto(server, &format!("/lang/{}?next={next}", code(lang)))
                .await;
            assert_eq!(browser.lang().await, code(lang), "{name} in {}", code(lang));
            self.look_at(browser, name, lang).await;
        }
    }

    /// Looks at the page already shown, in `lang`, at each size.
    async fn look_at(&mut self, browser: &Browser, name: &str, lang: Lang) {
        for (width, height) in SIZES {
            browser.resize((width, height)).await;
            let label = format!("{name}-{}-{width}x{height}", code(lang));
            match self.look {
                Look::Screenshot => self.screenshot(browser, &label, (width, height)).await,
                Look::Axe => self.axe(browser, &label).await,
            }
            self.checked += 1;
        }
    }

    async fn screenshot(&self, browser: &Browser, label: &str, (width, height): (u32, u32)) {
        let png = browser.client.screenshot().await.expect("a screenshot");
        let (w, h) = png_size(&png);
        assert_eq!((w, h), (width, height), "{label}: the screenshot's size");
        let file = self.shots.join(format!("{label}.png"));
        std::fs::write(&file, &png).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        // The whole page too, when it is longer than the screen.
        let full = browser
            .script("return document.documentElement.scrollHeight;")
            .await
            .as_u64()
            .unwrap_or(0) as u32;
        if full > height {
            browser.resize((width, full)).await;
            let png = browser.client.screenshot().await.expect("a screenshot");
            let file = self.shots.join(format!("{label}-full.png"));
            std::fs::write(&file, &png).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            browser.resize((width, height)).await;
        }
    }

    async fn axe(&mut self, browser: &Browser, label: &str) {
        // Undo forms and the like, folded away in <details>, are checked open.
        browser
            .script("document.querySelectorAll('details').forEach(d => d.open = true);")
            .await;
        let loaded = browser
            .script("return typeof window.axe === 'object';")
            .await;
        if loaded != json!(true) {
            browser
                .client
                .execute(&self.axe, vec![])
                .await
                .unwrap_or_else(|err| panic!("{label}: axe-core does not load: {err}"));
        }
        let result = browser
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                axe.run(document, {
                    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
                    resultTypes: ['violations'],
                }).then(
                    r => done({
                        violations: r.violations.map(v => ({
                            id: v.id,
                            impact: v.impact,
                            help: v.help,
                            nodes: v.nodes.map(n => ({
                                target: n.target.join(' '),
                                html: n.html,
                                summary: n.failureSummary,
                            })),
                        })),
                        incomplete: r.incomplete.map(v => v.id),
                    }),
                    e => done({ error: String(e) }),
                );
                "#,
                vec![],
            )
            .await
            .unwrap_or_else(|err| panic!("{label}: axe.run: {err}"));
        if let Some(error) = result.get("error") {
            panic!("{label}: axe.run failed: {error}");
        }
        let incomplete: Vec<&str> = result["incomplete"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if !incomplete.is_empty() {
            eprintln!(
                "{label}: axe could not decide (to review by hand): {}",
                incomplete.join(", ")
            );
        }
        for violation in result["violations"].as_array().into_iter().flatten() {
            let mut said = format!(
                "{label}: {} ({}): {}",
                violation["id"].as_str().unwrap_or("?"),
                violation["impact"].as_str().unwrap_or("?"),
                violation["help"].as_str().unwrap_or("?"),
            );
            for node in violation["nodes"].as_array().into_iter().flatten() {
                let summary = node["summary"].as_str().unwrap_or("").replace('\n', " ");
                said.push_str(&format!(
                    "\n    {}  {}\n      {}",
                    node["target"].as_str().unwrap_or("?"),
                    node["html"].as_str().unwrap_or(""),
                    summary
                ));
            }
            self.found.push(said);
        }
    }
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24 && png.starts_with(b"\x89PNG"), "not a PNG");
    let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    (word(16), word(20))
}

/// axe-core's `axe.min.js`, fetched by `make test` into the target directory's `npm/`.
fn axe_source() -> String {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is the target directory's tmp/");
    let file = target.join("npm/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&file).unwrap_or_else(|err| {
        panic!(
            "axe-core is missing ({}: {err}): `make test` fetches it \
             (npm install --no-save --prefix \"{}\" axe-core@4)",
            file.display(),
            target.join("npm").display()
        )
    })
}

/// Every page, in both languages at both sizes: sign-in (also with its refusal), *Today* (also
/// with a form's problem), *Year*, *Tours*, *Indicators*, the 404 page and an economist's 403.
async fn look_at_every_page(look: Look) -> Looking {
    let server = Server::start();
    server.add_user("olena", "guide");
    server.add_user("marta", "economist");
    server.add_user("boss", "admin");
    let browser = Browser::open(PHONE).await;
    let mut looking = Looking::new(look);

    looking.each(&browser, &server, "login", "/login").await;
    // A teacher's pages, without an account.
    looking.each(&browser, &server, "book", "/book").await;
    looking
        .each(
            &browser,
            &server,
            "book-form",
            "/book/new?date=2025-10-17&time=12:00",
        )
        .await;
    looking
        .each(&browser, &server, "book-privacy", "/book/privacy")
        .await;
    let booked = server.add_booking();
    looking
        .each(&browser, &server, "booking", &format!("/book/{booked}"))
        .await;
    let visited = server.add_booking_with_results();
    looking
        .each(&browser, &server, "results", &format!("/book/{visited}"))
        .await;
    // The class's results are on that page (what axe looked at).
    browser.find("#results-heading").await;
    for lang in LANGS {
        browser
            .goto(&server, &format!("/lang/{}?next=/login", code(lang)))
            .await;
        browser.sign_in(&server, "olena", "not-the-password").await;
        assert_eq!(browser.status().await, 401);
        assert_eq!(browser.lang().await, code(lang));
        looking.look_at(&browser, "login-refused", lang).await;
    }

    browser.goto(&server, "/lang/uk?next=/login").await;
    browser.sign_in(&server, "olena", PASSWORD).await;
    assert_eq!(browser.path().await, "/today");
    record_a_morning(&browser, &server).await;

    looking.each(&browser, &server, "today", "/today").await;
    for lang in LANGS {
        browser
            .goto(&server, &format!("/lang/{}?next=/today", code(lang)))
            .await;
        start_tour(&browser, "school", "many", "").await;
        assert_eq!(browser.status().await, 400, "a size that is not a number");
        assert_eq!(
            browser
                .find("#tour-size")
                .await
                .attr("aria-invalid")
                .await
                .ok()
                .flatten()
                .as_deref(),
            Some("true")
        );
        looking.look_at(&browser, "today-problem", lang).await;
    }
    looking.each(&browser, &server, "year", "/year").await;
    looking
        .each(&browser, &server, "tours", &format!("/tours?date={DAY}"))
        .await;
    looking
        .each(&browser, &server, "indicators", "/indicators")
        .await;
    looking
        .each(&browser, &server, "not-found", "/no-such-page")
        .await;
    looking.each(&browser, &server, "import", "/import").await;
    looking
        .each(&browser, &server, "stations", "/stations")
        .await;
    // A guide's cancellation to phone the teacher about: the "tell the teachers" list shows.
    server.booking(&["cancel", &booked, "--reason", "Повітряна тривога"]);
    looking
        .each(&browser, &server, "bookings", "/bookings?from=2025-10-15")
        .await;
    looking
        .each(&browser, &server, "booking-new", "/bookings/new")
        .await;

    browser.goto(&server, "/today").await;
    browser.sign_out().await;
    browser.sign_in(&server, "marta", PASSWORD).await;
    assert_eq!(browser.path().await, "/indicators");
    for lang in LANGS {
        browser
            .goto(&server, &format!("/lang/{}?next=/today", code(lang)))
            .await;
        assert_eq!(browser.status().await, 403);
        looking.look_at(&browser, "forbidden", lang).await;
    }
    looking
        .each(
            &browser,
            &server,
            "indicator",
            "/indicators/msw-recycled-share",
        )
        .await;
    // With data, its history, and a value refused beside its field.
    browser
        .goto(&server, "/indicators/msw-recycled-share")
        .await;
    enter_value(&browser, "2023", "10", "Звіт за 2023").await;
    enter_value(&browser, "2024", "12.5", "Звіт за 2024").await;
    looking
        .each(
            &browser,
            &server,
            "indicator-data",
            "/indicators/msw-recycled-share?year=2024",
        )
        .await;
    for lang in LANGS {
        browser
            .goto(
                &server,
                &format!("/lang/{}?next=/indicators/msw-recycled-share", code(lang)),
            )
            .await;
        enter_value(&browser, "2022", "11,5", "Звіт за 2022").await;
        assert_eq!(browser.status().await, 400, "a comma decimal");
        looking.look_at(&browser, "indicator-problem", lang).await;
        // The definition's form with its problems beside the fields.
        browser
            .goto(&server, "/indicators/msw-recycled-share")
            .await;
        browser.fill("#def-green", "багато").await;
        browser.fill("#def-red", "15").await;
        browser.fill("#def-comment", "Рішення виконкому").await;
        browser
            .click_and_wait("#definition form button[type=submit]")
            .await;
        assert_eq!(browser.status().await, 400, "a threshold in words");
        looking.look_at(&browser, "definition-problem", lang).await;
    }
    // A data file broken by hand: the page lists its problems and offers the rows to correct.
    let data = server
        .data
        .path()
        .join("indicators/data/msw-recycled-share.csv");
    let mut text = std::fs::read_to_string(&data).unwrap();
    text.push_str("2021,дванадцять\n");
    std::fs::write(&data, text).unwrap();
    looking
        .each(
            &browser,
            &server,
            "indicator-broken",
            "/indicators/msw-recycled-share",
        )
        .await;
    browser.goto(&server, "/indicators").await;
    browser.sign_out().await;
    browser.sign_in(&server, "boss", PASSWORD).await;
    assert_eq!(browser.path().await, "/today");
    looking.each(&browser, &server, "admin", "/admin").await;
    browser.close().await;
    looking
}

#[tokio::test]
async fn screenshots_of_every_page_in_both_languages_and_sizes() {
    let looking = look_at_every_page(Look::Screenshot).await;
    assert_eq!(looking.checked, 24 * 2 * 2);
    eprintln!("screenshots in {}", looking.shots.display());
}

#[tokio::test]
async fn every_page_meets_wcag_2_1_aa_by_axe() {
    let looking = look_at_every_page(Look::Axe).await;
    assert_eq!(looking.checked, 24 * 2 * 2);
    assert!(
        looking.found.is_empty(),
        "axe-core finds {} WCAG 2.1 A/AA violations:\n{}",
        looking.found.len(),
        looking.found.join("\n")
    );
}
