//! The centre server over HTTP, as a client sees it: the real binary on a free loopback port with
//! a temporary data dir, spoken to with plain HTTP/1.1 over a socket (no client library to hide
//! what goes over the wire).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::repo;

/// A running server, killed when dropped.
pub struct Server {
    child: Child,
    pub address: SocketAddr,
    pub data: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const NOW: &str = "2026-05-20T13:00:00+03:00";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// Runs the CLI on a data dir at the fixed "now"; stdin is `input`.
pub fn cli(data: &Path, args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .current_dir(repo())
        .env("TOURCENTRE_NOW", NOW)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

impl Server {
    /// A server with a guide `olena`, an economist `iryna` and an admin `admin`.
    pub fn start() -> Server {
        Server::start_in(tempfile::tempdir().unwrap())
    }

    /// The same, on a data dir prepared beforehand (settings files in place).
    pub fn start_in(data: tempfile::TempDir) -> Server {
        for (name, role) in [
            ("olena", "guide"),
            ("iryna", "economist"),
            ("admin", "admin"),
        ] {
            let out = cli(
                data.path(),
                &["user", "add", name, "--role", role, "--password-stdin"],
                &format!("{name}-password\n"),
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Server::on(data)
    }

    pub fn on(data: tempfile::TempDir) -> Server {
        Server::with_args(data, &[])
    }

    /// A server started with more `serve` options.
    pub fn with_args(data: tempfile::TempDir, extra: &[&str]) -> Server {
        Server::spawn(data, extra, NOW)
    }

    /// The same data dir served again by a new process whose clock reads `now` (RFC 3339).
    pub fn restart_at(mut self, now: &str) -> Server {
        let data = std::mem::replace(&mut self.data, tempfile::tempdir().unwrap());
        drop(self);
        Server::spawn(data, &[], now)
    }

    fn spawn(data: tempfile::TempDir, extra: &[&str], now: &str) -> Server {
        let address: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["serve", "--listen", &address.to_string()])
            .args(extra)
            .current_dir(repo())
            .env("TOURCENTRE_NOW", now)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            address,
            data,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(address).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub fn token(&self, user: &str) -> String {
        let out = cli(self.data.path(), &["user", "token", user], "");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        http(self.address, method, path, headers, body)
    }

    /// Signs in through the login form; the session cookie.
    pub fn sign_in(&self, user: &str) -> String {
        let page = self.request("GET", "/login", &[], b"");
        let cookie = page
            .cookie("tc_session")
            .expect("the login page opens a session");
        let csrf = page.csrf().expect("the login form has a CSRF token");
        let form = format!("username={user}&password={user}-password&csrf={csrf}");
        let reply = self.request(
            "POST",
            "/login",
            &[
                ("Cookie", &format!("tc_session={cookie}")),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            form.as_bytes(),
        );
        assert_eq!(reply.status, 303, "{}", reply.text());
        let session = reply.cookie("tc_session").expect("a session at sign-in");
        assert_ne!(session, cookie, "a new session id at sign-in");
        session
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| panic!("{err}: {}", self.text()))
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case("set-cookie"))
            .find_map(|(_, value)| {
                value
                    .split(';')
                    .next()?
                    .trim()
                    .strip_prefix(&format!("{name}="))
                    .map(str::to_string)
            })
    }

    /// The first CSRF token in the page's forms.
    pub fn csrf(&self) -> Option<String> {
        let text = self.text();
        let at = text.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
        Some(text[at..].split('"').next()?.to_string())
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub fn http(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    // A refused body may be answered before it is all sent; the answer still comes.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP answer: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

#[test]
fn the_api_answers_401_without_credentials_and_403_for_the_wrong_role() {
    let server = Server::start();
    let no_one = server.request("GET", "/api/v1/status", &[], b"");
    assert_eq!(no_one.status, 401);
    assert_eq!(no_one.json()["error"], "unauthorized");
    let forged = server.request(
        "GET",
        "/api/v1/status",
        &[("Authorization", "Bearer tc_0123456789abcdef_00")],
        b"",
    );
    assert_eq!(forged.status, 401);
    let guide = bearer(&server.token("olena"));
    assert_eq!(
        server
            .request("GET", "/api/v1/status", &[("Authorization", &guide)], b"")
            .status,
        200
    );
    let economist = bearer(&server.token("iryna"));
    let refused = server.request(
        "POST",
        "/api/v1/tours",
        &[
            ("Authorization", &economist),
            ("Content-Type", "application/json"),
        ],
        br#"{"group": "school", "size": 20}"#,
    );
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(refused.json()["error"], "forbidden");
    // An economist reads the desk's figures.
    assert_eq!(
        server
            .request(
                "GET",
                "/api/v1/status",
                &[("Authorization", &economist)],
                b""
            )
            .status,
        200
    );
}

#[test]
fn api_answers_equal_the_command_lines_json() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let json = [
        ("Authorization", guide.as_str()),
        ("Content-Type", "application/json"),
    ];
    let started = server.request(
        "POST",
        "/api/v1/tours",
        &json,
        "{\"group\": \"school\", \"size\": 24, \"guide\": \"Олена\", \"note\": \"5-А <b>\"}"
            .as_bytes(),
    );
    assert_eq!(started.status, 201, "{}", started.text());
    let added = server.request(
        "POST",
        "/api/v1/visits",
        &json,
        br#"{"count": 7, "category": "family", "date": "2026-05-19"}"#,
    );
    assert_eq!(added.status, 201, "{}", added.text());
    for (path, args) in [
        (
            "/api/v1/status",
            vec!["visitors", "status", "--format", "json"],
        ),
        (
            "/api/v1/status?year=2026&as_of=2026-05-19",
            vec![
                "visitors",
                "status",
                "--as-of",
                "2026-05-19",
                "--format",
                "json",
            ],
        ),
        ("/api/v1/tours", vec!["tour", "list", "--format", "json"]),
        (
            "/api/v1/tours?date=2026-05-19",
            vec!["tour", "list", "--date", "2026-05-19", "--format", "json"],
        ),
    ] {
        let api = server.request("GET", path, &[("Authorization", &guide)], b"");
        assert_eq!(api.status, 200, "{path}: {}", api.text());
        let out = cli(server.data.path(), &args, "");
        assert!(out.status.success());
        let from_cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(api.json(), from_cli, "{path}");
    }
    let progress = server.request(
        "GET",
        "/api/v1/indicators/progress",
        &[("Authorization", &guide)],
        b"",
    );
    let out = cli(
        server.data.path(),
        &["indicators", "progress", "--format", "json"],
        "",
    );
    assert_eq!(
        progress.json(),
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    );
    let bad = server.request(
        "POST",
        "/api/v1/tours",
        &json,
        br#"{"group": "robots", "size": 3}"#,
    );
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["message"].as_str().unwrap().contains("robots"),
        "{}",
        bad.text()
    );
}

#[test]
fn a_voided_visit_counts_nothing_and_stays_in_the_audit_log() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let json = [
        ("Authorization", guide.as_str()),
        ("Content-Type", "application/json"),
    ];
    let added = server
        .request(
            "POST",
            "/api/v1/visits",
            &json,
            br#"{"count": 40, "category": "school"}"#,
        )
        .json();
    let before = server
        .request("GET", "/api/v1/status", &[("Authorization", &guide)], b"")
        .json();
    let id = added["id"].as_str().unwrap();
    let no_reason = server.request(
        "POST",
        &format!("/api/v1/visits/{id}/void"),
        &json,
        br#"{"reason": " "}"#,
    );
    assert_eq!(no_reason.status, 400);
    let voided = server.request(
        "POST",
        &format!("/api/v1/visits/{id}/void"),
        &json,
        br#"{"reason": "typed 40 instead of 4"}"#,
    );
    assert_eq!(voided.status, 200, "{}", voided.text());
    let after = server
        .request("GET", "/api/v1/status", &[("Authorization", &guide)], b"")
        .json();
    assert_eq!(
        before["visitors_to_date"].as_u64().unwrap() - 40,
        after["visitors_to_date"].as_u64().unwrap()
    );
    let again = server.request(
        "POST",
        &format!("/api/v1/visits/{id}/void"),
        &json,
        br#"{"reason": "x"}"#,
    );
    assert_eq!(again.status, 404);
    let store = tourcentre::store::open(server.data.path()).unwrap();
    let log = store.audit_log(10).unwrap();
    assert_eq!(log[0].action, "void-visit");
    assert_eq!(log[0].user.as_deref(), Some("olena"));
    assert_eq!(log[0].detail["count"], 40);
    assert_eq!(log[0].detail["reason"], "typed 40 instead of 4");
}

#[test]
fn forms_need_their_csrf_token_and_pages_carry_the_security_headers() {
    let server = Server::start();
    let session = server.sign_in("olena");
    let cookie = format!("tc_session={session}");
    let today = server.request("GET", "/today", &[("Cookie", &cookie)], b"");
    assert_eq!(today.status, 200);
    let form = [
        ("Cookie", cookie.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let without = server.request("POST", "/today/visits", &form, b"count=5&category=family");
    assert_eq!(without.status, 403);
    let wrong = server.request(
        "POST",
        "/today/visits",
        &form,
        b"count=5&category=family&csrf=0000",
    );
    assert_eq!(wrong.status, 403);
    let csrf = today.csrf().unwrap();
    let right = server.request(
        "POST",
        "/today/visits",
        &form,
        format!("count=5&category=family&csrf={csrf}").as_bytes(),
    );
    assert_eq!(right.status, 303);
    // The login form too.
    let login = server.request(
        "POST",
        "/login",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"username=olena&password=olena-password",
    );
    assert_eq!(login.status, 403);
    for path in [
        "/login",
        "/today",
        "/year",
        "/tours",
        "/indicators",
        "/no-such-page",
        "/healthz",
    ] {
        let reply = server.request("GET", path, &[("Cookie", &cookie)], b"");
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(
            reply.header("referrer-policy"),
            Some("same-origin"),
            "{path}"
        );
    }
    let set_cookie = server.request("GET", "/login", &[], b"");
    let header = set_cookie.header("set-cookie").unwrap();
    assert!(
        header.contains("HttpOnly") && header.contains("SameSite=Strict"),
        "{header}"
    );
}

#[test]
fn a_body_over_a_mebibyte_is_refused_with_413() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let big = vec![b' '; 2 * 1024 * 1024];
    let reply = server.request(
        "POST",
        "/api/v1/visits",
        &[
            ("Authorization", &guide),
            ("Content-Type", "application/json"),
        ],
        &big,
    );
    assert_eq!(reply.status, 413, "{}", reply.text());
}

#[test]
fn the_sixth_wrong_login_is_locked_whatever_the_password() {
    let server = Server::start();
    let attempt = |password: &str| {
        let page = server.request("GET", "/login", &[], b"");
        let cookie = format!("tc_session={}", page.cookie("tc_session").unwrap());
        let form = format!(
            "username=olena&password={password}&csrf={}",
            page.csrf().unwrap()
        );
        server.request(
            "POST",
            "/login",
            &[
                ("Cookie", &cookie),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            form.as_bytes(),
        )
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password").status, 401);
    }
    let locked = attempt("olena-password");
    assert_eq!(locked.status, 429);
    // Another user from the same address still signs in.
    server.sign_in("iryna");
}

#[test]
fn a_new_password_or_a_removal_ends_the_users_sessions_and_tokens() {
    let server = Server::start();
    let session = server.sign_in("olena");
    let token = bearer(&server.token("olena"));
    let cookie = format!("tc_session={session}");
    assert_eq!(
        server
            .request("GET", "/today", &[("Cookie", &cookie)], b"")
            .status,
        200
    );
    let out = cli(
        server.data.path(),
        &["user", "passwd", "olena", "--password-stdin"],
        "a-new-password\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = server.request("GET", "/today", &[("Cookie", &cookie)], b"");
    assert_eq!(after.status, 303, "signed out");
    assert_eq!(after.header("location"), Some("/login"));
    assert_eq!(
        server
            .request("GET", "/api/v1/status", &[("Authorization", &token)], b"")
            .status,
        401
    );
    let admin = server.sign_in("admin");
    let out = cli(server.data.path(), &["user", "remove", "admin"], "");
    assert!(out.status.success());
    let gone = server.request(
        "GET",
        "/today",
        &[("Cookie", &format!("tc_session={admin}"))],
        b"",
    );
    assert_eq!(gone.status, 303);
}

/// A kiosk's rounds, written as the kiosk's store thread writes them.
fn kiosk_rounds(data: &Path, rounds: usize) {
    use tourcentre::game::{PlaySession, SessionAnswer, SessionRecorder};
    let mut store = tourcentre::store::open(data).unwrap();
    for _ in 0..rounds {
        let at = chrono::Utc::now();
        store
            .record_session(&PlaySession {
                id: uuid::Uuid::new_v4(),
                station: "hall-2".into(),
                audience: "older".into(),
                lang: tourcentre::i18n::Lang::Uk,
                tour_id: None,
                started_at: at,
                ended_at: at,
                completed: true,
                answers: vec![SessionAnswer {
                    item: "battery".into(),
                    right_bin: "hazardous".into(),
                    chosen: vec!["hazardous".into()],
                    first_try_right: true,
                }],
            })
            .unwrap();
    }
}

#[test]
fn the_server_two_command_lines_and_a_kiosk_writing_at_once_lose_nothing() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let per_writer = 40;
    let data = server.data.path().to_path_buf();
    let writers: Vec<_> = (0..2)
        .map(|_| {
            let data = data.clone();
            std::thread::spawn(move || {
                for _ in 0..per_writer {
                    let out = cli(
                        &data,
                        &["visit", "add", "--count", "1", "--category", "adult"],
                        "",
                    );
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    let kiosk = {
        let data = data.clone();
        std::thread::spawn(move || kiosk_rounds(&data, per_writer))
    };
    for _ in 0..per_writer {
        let reply = server.request(
            "POST",
            "/api/v1/visits",
            &[
                ("Authorization", &guide),
                ("Content-Type", "application/json"),
            ],
            br#"{"count": 1, "category": "family"}"#,
        );
        assert_eq!(reply.status, 201, "{}", reply.text());
    }
    for writer in writers {
        writer.join().unwrap();
    }
    kiosk.join().unwrap();
    let status = server
        .request("GET", "/api/v1/status", &[("Authorization", &guide)], b"")
        .json();
    assert_eq!(status["visitors_to_date"], 3 * per_writer);
    let store = tourcentre::store::open(&data).unwrap();
    let totals = tourcentre::store::VisitorStore::totals(&store).unwrap();
    assert_eq!(
        totals.play_sessions, per_writer as u64,
        "every kiosk round is kept"
    );
}

#[test]
fn a_server_killed_mid_request_leaves_every_acknowledged_record_and_a_sound_store() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let address = server.address;
    let sender = std::thread::spawn(move || {
        let mut acknowledged = 0u64;
        for _ in 0..400 {
            let Ok(mut stream) = TcpStream::connect(address) else {
                break;
            };
            let body = br#"{"count": 1, "category": "family"}"#;
            let request = format!(
                "POST /api/v1/visits HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: {guide}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            if stream
                .write_all(request.as_bytes())
                .and_then(|()| stream.write_all(body))
                .is_err()
            {
                break;
            }
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.1 201") {
                acknowledged += 1;
            } else {
                break;
            }
        }
        acknowledged
    });
    std::thread::sleep(Duration::from_millis(400));
    let mut server = server;
    // SIGKILL: no chance to finish anything.
    server.child.kill().unwrap();
    let _ = server.child.wait();
    let acknowledged = sender.join().unwrap();
    assert!(
        acknowledged > 0,
        "some requests were answered before the kill"
    );
    let store = tourcentre::store::open(server.data.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    let totals = tourcentre::store::VisitorStore::totals(&store).unwrap();
    assert!(
        totals.visit_rows >= acknowledged,
        "{} < {acknowledged}",
        totals.visit_rows
    );
    assert!(
        totals.visit_rows <= acknowledged + 1,
        "at most the one in flight more"
    );
}

#[test]
fn unknown_pages_are_a_friendly_404_in_the_readers_language() {
    let server = Server::start();
    let uk = server.request("GET", "/nothing-here", &[], b"");
    assert_eq!(uk.status, 404);
    assert!(uk.text().contains("Сторінку не знайдено"), "{}", uk.text());
    let en = server.request(
        "GET",
        "/nothing-here",
        &[("Accept-Language", "en-GB,en;q=0.9")],
        b"",
    );
    assert!(en.text().contains("Page not found"));
    let chosen = server.request(
        "GET",
        "/nothing-here",
        &[("Accept-Language", "en"), ("Cookie", "tc_lang=uk")],
        b"",
    );
    assert!(
        chosen.text().contains("Сторінку не знайдено"),
        "the choice wins"
    );
    let api = server.request("GET", "/api/v1/nothing", &[], b"");
    assert_eq!(api.status, 404);
    assert_eq!(api.json()["error"], "not_found");
}

#[test]
fn staff_only_ranges_refuse_everyone_else_but_the_public_routes() {
    let data = tempfile::tempdir().unwrap();
    let out = cli(
        data.path(),
        &[
            "user",
            "add",
            "olena",
            "--role",
            "guide",
            "--password-stdin",
        ],
        "olena-password\n",
    );
    assert!(out.status.success());
    let outside = Server::with_args(data, &["--staff-from", "10.0.0.0/8"]);
    assert_eq!(outside.request("GET", "/login", &[], b"").status, 403);
    assert_eq!(
        outside.request("GET", "/api/v1/status", &[], b"").status,
        403
    );
    assert_eq!(outside.request("GET", "/healthz", &[], b"").status, 200);
    assert_eq!(
        outside.request("GET", "/assets/style.css", &[], b"").status,
        200
    );
    // A teacher's booking routes and the language switch are public; a guide's token on them
    // is not: a guide acts from the staff's ranges only.
    assert_eq!(
        outside
            .request("GET", "/lang/en?next=/book", &[], b"")
            .status,
        303
    );
    let slot = r#"{"date": "2099-01-01", "time": "10:00"}"#;
    let teacher = outside.request(
        "POST",
        "/api/v1/bookings",
        &[("Content-Type", "application/json")],
        slot.as_bytes(),
    );
    assert_eq!(
        teacher.status, 400,
        "a teacher's request is read (and refused for its fields)"
    );
    let guide = bearer(&outside.token("olena"));
    let as_guide = outside.request(
        "POST",
        "/api/v1/bookings",
        &[
            ("Authorization", &guide),
            ("Content-Type", "application/json"),
        ],
        slot.as_bytes(),
    );
    assert_eq!(as_guide.status, 403);
    drop(outside);
    let data = tempfile::tempdir().unwrap();
    let inside = Server::with_args(data, &["--staff-from", "127.0.0.0/8"]);
    assert_eq!(inside.request("GET", "/login", &[], b"").status, 200);
    // A forwarded address counts only from a trusted proxy: here there is none.
    let forged = inside.request("GET", "/login", &[("X-Forwarded-For", "10.1.2.3")], b"");
    assert_eq!(forged.status, 200);
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let reply = server.request(
        "POST",
        "/api/v1/visits",
        &[
            ("Authorization", &guide),
            ("Content-Type", "application/json"),
        ],
        br#"{"count": 3, "category": "family"}"#,
    );
    assert_eq!(reply.status, 201);
    let mut server = server;
    let pid = server.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    let store = tourcentre::store::open(server.data.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    // A clean close leaves no write-ahead log behind.
    assert!(
        !server.data.path().join("tourcentre.sqlite-wal").exists()
            || std::fs::metadata(server.data.path().join("tourcentre.sqlite-wal"))
                .unwrap()
                .len()
                == 0
    );
}

/// A session as a kiosk uploads it, ended `minutes_ago` before the server's fixed now.
fn session_json(id: &str, minutes_ago: i64, answers: usize) -> serde_json::Value {
    let now: chrono::DateTime<chrono::Utc> = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let ended = now - chrono::Duration::minutes(minutes_ago);
    let started = ended - chrono::Duration::minutes(3);
    serde_json::json!({
        "id": id,
        "audience": "older",
        "lang": "uk",
        "tour_id": null,
        "started_at": started.to_rfc3339(),
        "ended_at": ended.to_rfc3339(),
        "completed": true,
        "scenario": "khmelnytskyi",
        "answers": (0..answers).map(|i| serde_json::json!({
            "item": format!("item-{i}"), "right_bin": "glass", "chosen": ["glass"]
        })).collect::<Vec<_>>(),
    })
}

impl Server {
    pub fn station(&self, name: &str) -> String {
        let out = cli(self.data.path(), &["station", "add", name], "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

#[test]
fn a_station_uploads_rounds_once_and_mixed_batches_keep_the_good_ones() {
    let server = Server::start();
    let hall = bearer(&server.station("hall-2"));
    let json = [
        ("Authorization", hall.as_str()),
        ("Content-Type", "application/json"),
    ];
    let good = uuid::Uuid::new_v4().to_string();
    let batch = serde_json::json!({"sessions": [
        session_json(&good, 10, 8),
        session_json("not-a-uuid", 10, 8),
        session_json(&uuid::Uuid::new_v4().to_string(), -60, 8),
        session_json(&uuid::Uuid::new_v4().to_string(), 10, 101),
        {"id": "x", "shape": "wrong"},
    ]});
    let reply = server.request(
        "POST",
        "/api/v1/play-sessions",
        &json,
        batch.to_string().as_bytes(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let receipt = reply.json();
    assert_eq!(receipt["accepted"], 1);
    assert_eq!(receipt["duplicates"], 0);
    let reasons: Vec<&str> = receipt["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["error"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["bad_id", "in_the_future", "too_many_answers", "bad_shape"]
    );
    // A retried upload changes nothing.
    let again = serde_json::json!({"sessions": [session_json(&good, 10, 8)]});
    let reply = server.request(
        "POST",
        "/api/v1/play-sessions",
        &json,
        again.to_string().as_bytes(),
    );
    assert_eq!(reply.json()["duplicates"], 1);
    let store = tourcentre::store::open(server.data.path()).unwrap();
    let totals = tourcentre::store::VisitorStore::totals(&store).unwrap();
    assert_eq!((totals.play_sessions, totals.play_answers), (1, 8));
    // 10,000 answers in one session is refused, not stored.
    let huge = serde_json::json!({"sessions": [session_json(&uuid::Uuid::new_v4().to_string(), 10, 10_000)]});
    let reply = server.request(
        "POST",
        "/api/v1/play-sessions",
        &json,
        huge.to_string().as_bytes(),
    );
    assert_eq!(reply.json()["rejected"][0]["error"], "too_many_answers");
    // Not the shape at all, or too big: nothing stored.
    let bad = server.request("POST", "/api/v1/play-sessions", &json, b"{\"sessions\": 5}");
    assert_eq!(bad.status, 400);
    let not_json = server.request("POST", "/api/v1/play-sessions", &json, b"{nope");
    assert_eq!(not_json.status, 400);
    let big = vec![b' '; 2 * 1024 * 1024];
    assert_eq!(
        server
            .request("POST", "/api/v1/play-sessions", &json, &big)
            .status,
        413
    );
    let totals = tourcentre::store::VisitorStore::totals(&store).unwrap();
    assert_eq!(totals.play_sessions, 1);
}

#[test]
fn station_tokens_reach_only_station_routes_and_user_tokens_never_those() {
    let server = Server::start();
    let hall = bearer(&server.station("hall-1"));
    let guide = bearer(&server.token("olena"));
    let beat = br#"{"version": "0.1.0", "scenario": "khmelnytskyi", "rounds_today": 3, "outbox": 0, "uptime_s": 60}"#;
    let as_station = [
        ("Authorization", hall.as_str()),
        ("Content-Type", "application/json"),
    ];
    let as_guide = [
        ("Authorization", guide.as_str()),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(
        server
            .request("GET", "/api/v1/status", &as_station, b"")
            .status,
        403
    );
    assert_eq!(
        server
            .request("GET", "/api/v1/stations", &as_station, b"")
            .status,
        403
    );
    assert_eq!(
        server
            .request("POST", "/api/v1/heartbeat", &as_guide, beat)
            .status,
        403
    );
    let answer = server.request("POST", "/api/v1/heartbeat", &as_station, beat);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(
        answer.json()["server_time"]
            .as_str()
            .unwrap()
            .starts_with("2026-05-20T10:00:00")
    );
    let stations = server
        .request("GET", "/api/v1/stations", &as_guide, b"")
        .json();
    assert_eq!(stations[0]["name"], "hall-1");
    assert_eq!(stations[0]["state"], "online");
    assert_eq!(stations[0]["rounds_today"], 3);
    let out = cli(
        server.data.path(),
        &["station", "list", "--format", "json"],
        "",
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed, stations, "the API answer equals the CLI's JSON");
    // A removed station's token stops working at once.
    assert!(
        cli(server.data.path(), &["station", "remove", "hall-1"], "")
            .status
            .success()
    );
    assert_eq!(
        server
            .request("POST", "/api/v1/heartbeat", &as_station, beat)
            .status,
        401
    );
}

#[test]
fn a_kiosks_panel_opens_with_the_guide_pin_and_reaches_only_the_desk() {
    let server = Server::start();
    let out = cli(
        server.data.path(),
        &["guide", "set-pin", "--stdin"],
        "2468\n",
    );
    assert!(out.status.success());
    let hall = bearer(&server.station("hall-1"));
    let as_station = [
        ("Authorization", hall.as_str()),
        ("Content-Type", "application/json"),
    ];
    let wrong = server.request("POST", "/api/v1/panel", &as_station, br#"{"pin": "1111"}"#);
    assert_eq!(wrong.status, 403);
    let opened = server.request("POST", "/api/v1/panel", &as_station, br#"{"pin": "2468"}"#);
    assert_eq!(opened.status, 200, "{}", opened.text());
    let panel = bearer(opened.json()["token"].as_str().unwrap());
    let as_panel = [
        ("Authorization", panel.as_str()),
        ("Content-Type", "application/json"),
    ];
    assert_eq!(
        server
            .request("GET", "/api/v1/status", &as_panel, b"")
            .status,
        200
    );
    let tour = server.request(
        "POST",
        "/api/v1/tours",
        &as_panel,
        br#"{"group": "school", "size": 20, "station": "hall-9"}"#,
    );
    assert_eq!(tour.status, 201, "{}", tour.text());
    // A tour started at a kiosk names that kiosk, whatever the body says.
    assert_eq!(tour.json()["station"], "hall-1");
    let id = tour.json()["id"].as_str().unwrap().to_string();
    assert_eq!(
        server
            .request("POST", &format!("/api/v1/tours/{id}/end"), &as_panel, b"")
            .status,
        200
    );
    // Not the economists' figures, not voids, not the stations' own routes.
    assert_eq!(
        server
            .request("GET", "/api/v1/indicators/progress", &as_panel, b"")
            .status,
        403
    );
    assert_eq!(
        server
            .request(
                "POST",
                &format!("/api/v1/tours/{id}/void"),
                &as_panel,
                br#"{"reason": "x"}"#
            )
            .status,
        403
    );
    assert_eq!(
        server
            .request("GET", "/api/v1/scenario", &as_panel, b"")
            .status,
        403
    );
    // Five wrong in a row: the sixth try waits, even with the right PIN.
    for _ in 0..4 {
        assert_eq!(
            server
                .request("POST", "/api/v1/panel", &as_station, br#"{"pin": "0000"}"#)
                .status,
            403
        );
    }
    assert_eq!(
        server
            .request("POST", "/api/v1/panel", &as_station, br#"{"pin": "0000"}"#)
            .status,
        429
    );
    assert_eq!(
        server
            .request("POST", "/api/v1/panel", &as_station, br#"{"pin": "2468"}"#)
            .status,
        429
    );
}

#[test]
fn a_station_gets_the_scenario_and_exactly_its_pictures() {
    let server = Server::start();
    let hall = bearer(&server.station("hall-1"));
    let auth = [("Authorization", hall.as_str())];
    let offer = server.request("GET", "/api/v1/scenario", &auth, b"");
    assert_eq!(offer.status, 200);
    let offer = offer.json();
    assert_eq!(offer["id"], "khmelnytskyi");
    assert!(offer["ron"].as_str().unwrap().contains("khmelnytskyi"));
    let first = &offer["assets"][0];
    let path = first["path"].as_str().unwrap().replace('/', "%2F");
    let picture = server.request("GET", &format!("/api/v1/assets/{path}"), &auth, b"");
    assert_eq!(picture.status, 200);
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(&picture.body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(digest, first["sha256"].as_str().unwrap());
    assert_eq!(picture.header("content-type"), Some("image/png"));

    // The voice clips of its texts are offered too, and a kiosk's link fetches any offered file
    // with the path it was given (its `/` sent as %2F: the route takes one segment).
    let assets = offer["assets"].as_array().unwrap();
    let clip = assets
        .iter()
        .find(|a| a["path"] == "voice/uk/item.aerosol-can.name.ogg")
        .expect("the item's clip is offered");
    assert!(assets.iter().any(|a| a["path"] == "voice/en/made-from.tsv"));
    let link = tourcentre::link::Link::new(
        &format!("http://{}", server.address),
        hall.trim_start_matches("Bearer "),
    );
    for asset in [first, clip] {
        let path = asset["path"].as_str().unwrap();
        let bytes = link.fetch_asset(path).expect("fetched through the link");
        assert_eq!(
            bytes,
            std::fs::read(repo().join("assets").join(path)).unwrap()
        );
    }
    let ogg = server.request(
        "GET",
        "/api/v1/assets/voice%2Fuk%2Fitem.aerosol-can.name.ogg",
        &auth,
        b"",
    );
    assert_eq!(ogg.header("content-type"), Some("audio/ogg"));
    for outside in [
        "..%2FCargo.toml",
        "fonts%2FNotoSans-Regular.ttf",
        "nothing.png",
    ] {
        let refused = server.request("GET", &format!("/api/v1/assets/{outside}"), &auth, b"");
        assert_eq!(refused.status, 404, "{outside}");
    }
    let guide = bearer(&server.token("olena"));
    assert_eq!(
        server
            .request("GET", "/api/v1/scenario", &[("Authorization", &guide)], b"")
            .status,
        403
    );
}

#[test]
fn only_the_administrator_opens_the_administration() {
    let server = Server::start();
    for (user, status) in [("olena", 403), ("iryna", 403), ("admin", 200)] {
        let cookie = format!("tc_session={}", server.sign_in(user));
        for path in ["/admin", "/admin/backup.zip"] {
            let reply = server.request("GET", path, &[("Cookie", &cookie)], b"");
            assert_eq!(reply.status, status, "{user} {path}");
        }
    }
}

#[test]
fn a_session_cannot_change_things_from_another_site() {
    let server = Server::start();
    let cookie = format!("tc_session={}", server.sign_in("olena"));
    let host = server.address.to_string();
    let from = |origin: &str, site: &str| {
        server.request(
            "POST",
            "/api/v1/visits",
            &[
                ("Cookie", &cookie),
                ("Content-Type", "application/json"),
                ("Origin", origin),
                ("Sec-Fetch-Site", site),
            ],
            br#"{"count": 2, "category": "family"}"#,
        )
    };
    assert_eq!(from("http://evil.example", "cross-site").status, 403);
    assert_eq!(
        from(&format!("http://{}:1", server.address.ip()), "same-site").status,
        403
    );
    assert_eq!(from(&format!("http://{host}"), "same-origin").status, 201);
    // A language change never leads away from the site.
    let away = server.request("GET", "/lang/en?next=/%09/evil.example", &[], b"");
    assert_eq!(away.header("location"), Some("/"));
}

#[test]
fn a_user_removed_and_added_again_is_not_the_old_sessions_user() {
    let server = Server::start();
    let old = format!("tc_session={}", server.sign_in("olena"));
    assert!(
        cli(server.data.path(), &["user", "remove", "olena"], "")
            .status
            .success()
    );
    let again = cli(
        server.data.path(),
        &[
            "user",
            "add",
            "olena",
            "--role",
            "guide",
            "--password-stdin",
        ],
        "olena-password\n",
    );
    assert!(again.status.success());
    let reply = server.request("GET", "/today", &[("Cookie", &old)], b"");
    assert_eq!(
        reply.status, 303,
        "the old session ended with the old account"
    );
}
