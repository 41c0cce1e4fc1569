//! A class's results and the guides' calendar feed against the real server (its clock at
//! Wednesday 20 May 2026, 13:00): a booked class comes at 10:00, plays four rounds at the kiosks
//! while its tour is on, and its teacher's page then shows what it did, in the booking's language
//! (or the one the reader chose), printable; `booking show` says the same. The feed of confirmed
//! bookings behind its own token: RFC 5545, a teacher's text escaped, long lines folded, no phone
//! number anywhere, the token never in the request log; a revoked token and tokens of other kinds
//! refused; reachable under `--staff-from`.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::repo;
use crate::web_http::{Reply, bearer, cli, http};

const JSON: (&str, &str) = ("Content-Type", "application/json");

/// The binary at another "now" than the server's.
fn cli_at(data: &Path, now: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .current_dir(repo())
        .env("TOURCENTRE_NOW", now)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn ok(data: &Path, args: &[&str]) -> String {
    let out = cli(data, args, "");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A server whose standard error (the request log) goes to a file, killed when dropped.
struct Logged {
    child: Child,
    address: SocketAddr,
    log: std::path::PathBuf,
    _logs: tempfile::TempDir,
}

impl Drop for Logged {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Logged {
    fn start(data: &Path, extra: &[&str]) -> Logged {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let logs = tempfile::tempdir().unwrap();
        let log = logs.path().join("server.log");
        let child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(data)
            .args(["serve", "--listen", &address.to_string()])
            .args(extra)
            .current_dir(repo())
            .env("TOURCENTRE_NOW", "2026-05-20T13:00:00+03:00")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(address).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Logged {
            child,
            address,
            log,
            _logs: logs,
        }
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        http(self.address, "GET", path, headers, b"")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

/// A booking entered by a guide on Monday 18 May for Wednesday 20 May.
fn book(data: &Path, time: &str, lang: &str, phone: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "booking",
        "add",
        "--date",
        "2026-05-20",
        "--time",
        time,
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
        phone,
        "--email",
        "olena@school.km.ua",
        "--tour-lang",
        lang,
        "--consent",
    ];
    args.extend_from_slice(extra);
    cli_at(data, "2026-05-18T09:00:00+03:00", &args)
}

fn round(tour: &str, answers: &[(&str, &str, &[&str])]) -> serde_json::Value {
    serde_json::json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "audience": "older",
        "lang": "uk",
        "tour_id": tour,
        "started_at": "2026-05-20T10:20:00+03:00",
        "ended_at": "2026-05-20T10:24:00+03:00",
        "completed": true,
        "scenario": "khmelnytskyi",
        "answers": answers.iter().map(|(item, right, chosen)| serde_json::json!({
            "item": item, "right_bin": right, "chosen": chosen,
        })).collect::<Vec<_>>(),
    })
}

/// Text as the pages' templates write it (minijinja's HTML escaping).
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

fn scenario() -> tourcentre::content::Scenario {
    let path = repo().join("scenarios/khmelnytskyi.ron");
    tourcentre::content::load(&path, &tourcentre::content::assets_dir_for(&path)).unwrap()
}

#[test]
fn a_class_sees_what_it_did_at_the_kiosks_after_its_visit_and_not_before() {
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    let code = book(data, "10:00", "en", "+380 67 123 45 67", &[]);
    // Another class, confirmed, never came: no results, ever.
    let other = book(data, "12:00", "uk", "+380 67 765 43 21", &[]);
    cli_at(
        data,
        "2026-05-20T10:05:00+03:00",
        &["booking", "arrive", &code],
    );
    let shown: serde_json::Value =
        serde_json::from_str(&ok(data, &["booking", "show", &code, "--format", "json"])).unwrap();
    let tour = shown["tour_id"].as_str().unwrap().to_string();
    assert!(shown.get("results").is_none(), "the tour is on: {shown}");
    let hall = ok(data, &["station", "add", "hall-1"]);

    let server = Logged::start(data, &[]);
    let upload = serde_json::json!({"sessions": [
        round(&tour, &[
            ("battery", "hazardous", &["mixed", "hazardous"]),
            ("pet-bottle", "plastic", &["plastic"]),
            ("glass-jar", "glass", &["glass"]),
            ("pizza-box", "paper", &["paper"]),
        ]),
        round(&tour, &[
            ("battery", "hazardous", &["metal", "hazardous"]),
            ("glass-jar", "glass", &["mixed", "glass"]),
            ("pet-bottle", "plastic", &["plastic"]),
        ]),
        round(&tour, &[
            ("battery", "hazardous", &["hazardous"]),
            ("newspaper", "paper", &["mixed", "paper"]),
            ("glass-jar", "glass", &["mixed", "glass"]),
            ("tin-can", "metal", &["plastic", "metal"]),
            ("spoon", "metal", &[]),
        ]),
        round(&tour, &[("spoon", "metal", &[])]),
    ]});
    let sent = http(
        server.address,
        "POST",
        "/api/v1/play-sessions",
        &[("Authorization", &bearer(&hall)), JSON],
        upload.to_string().as_bytes(),
    );
    assert_eq!(sent.status, 200, "{}", sent.text());
    assert_eq!(sent.json()["accepted"], 4);

    // The tour is still on: the page says the results come after the visit.
    let page = server.get(&format!("/book/{code}"), &[]);
    assert_eq!(page.status, 200);
    assert!(
        !page.text().contains("results-heading"),
        "no results during the visit"
    );
    assert!(
        page.text()
            .contains("Після візиту тут з’являться результати"),
        "{}",
        page.text()
    );

    ok(
        data,
        &["tour", "end", &tour[..8], "--at", "2026-05-20T11:30"],
    );
    // In the booking's language (English) when the reader chose none, whatever the browser says.
    let page = server.get(&format!("/book/{code}"), &[("Accept-Language", "uk")]);
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("<html lang=\"en\">"), "{text}");
    assert!(text.contains("Your class at the kiosks"), "{text}");
    // 4 rounds; 11 items answered (the ones left undone are not answers), 5 right at the first
    // try: 45 %.
    for figure in ["<dd>4</dd>", "<dd>11</dd>", "<dd>45 %</dd>"] {
        assert!(text.contains(figure), "{figure} in {text}");
    }
    let scenario = scenario();
    let missed: Vec<usize> = [
        ("battery", "hazardous"),
        ("glass-jar", "glass"),
        ("newspaper", "paper"),
    ]
    .iter()
    .map(|(item, bin)| {
        let item = scenario.item(item).unwrap();
        let name = html(&item.name.en);
        let bin = html(&scenario.bin(bin).unwrap().name.en);
        let at = text
            .find(&format!("<strong>{name}</strong>"))
            .unwrap_or_else(|| panic!("{name} missing: {text}"));
        let rest = &text[at..];
        assert!(rest.contains(&format!("<strong>{bin}</strong>")), "{bin}");
        at
    })
    .collect();
    assert!(missed.windows(2).all(|w| w[0] < w[1]), "most missed first");
    assert!(text.contains("wrong at the first try: 2 of 3"), "{text}");
    assert!(!text.contains(&html(&scenario.item("tin-can").unwrap().name.en)));
    // The language links come back to this page, and the reader's choice wins.
    assert!(
        text.replace("&#x2f;", "/")
            .contains(&format!("/lang/uk?next=/book/{code}\"")),
        "{text}"
    );
    let uk = server.get(&format!("/book/{code}"), &[("Cookie", "tc_lang=uk")]);
    assert!(uk.text().contains("<html lang=\"uk\">"));
    assert!(
        uk.text()
            .contains(&html(&scenario.item("battery").unwrap().name.uk))
    );
    assert!(uk.text().contains("<dd>45 %</dd>"));

    // The guides' command says the same, in its reader's language, text and JSON.
    let shown: serde_json::Value = serde_json::from_str(&ok(
        data,
        &["--lang", "en", "booking", "show", &code, "--format", "json"],
    ))
    .unwrap();
    let results = &shown["results"];
    assert_eq!(
        (
            results["rounds"].clone(),
            results["answers"].clone(),
            results["first_try_right"].clone()
        ),
        (4.into(), 11.into(), 5.into())
    );
    assert!((results["first_try_accuracy"].as_f64().unwrap() - 5.0 / 11.0).abs() < 1e-9);
    let items: Vec<&str> = results["missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["item"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["battery", "glass-jar", "newspaper"]);
    assert_eq!(results["missed"][0]["right_bin"], "hazardous");
    assert_eq!(
        shown["code"],
        code.as_str(),
        "the booking's own fields stay"
    );
    let text = ok(data, &["booking", "show", &code]);
    assert!(
        text.contains("Біля кіосків: раундів 4, предметів 11, правильно з першої спроби 5 (45 %)"),
        "{text}"
    );
    assert!(text.contains(&scenario.item("battery").unwrap().why_short.uk));

    // A booking that never became a tour: no results (its page says they come after the visit).
    let page = server.get(&format!("/book/{other}"), &[]);
    assert!(!page.text().contains("results-heading"));
    assert!(
        ok(data, &["booking", "show", &other, "--format", "json"])
            .find("\"results\"")
            .is_none()
    );
    // The page prints without its header and forms.
    let css = server.get("/assets/style.css", &[]).text();
    assert!(css.contains("@media print") && css.contains("size: A4"));
}

/// Every physical line of an iCalendar text, checked for its length and line ending.
fn ical_lines(body: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(body).expect("UTF-8");
    assert!(text.ends_with("\r\n"), "CRLF at the end");
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    // Unfolded: every continuation joined to its line.
    let mut unfolded: Vec<String> = Vec::new();
    for line in lines {
        match line.strip_prefix(' ') {
            Some(rest) => unfolded.last_mut().expect("a first line").push_str(rest),
            None => unfolded.push(line.to_string()),
        }
    }
    unfolded
}

#[test]
fn the_guides_feed_lists_confirmed_bookings_without_phones_behind_its_own_token() {
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    let add = cli(
        data,
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
    assert!(add.status.success());
    // A teacher's text with everything that must be escaped, and a phone typed into the note.
    let tricky = book(
        data,
        "10:00",
        "uk",
        "+380 67 123 45 67",
        &[
            "--note",
            "Приїдемо автобусом; 2 вчителі, 1 асистент\nДзвоніть: 067 111 22 33 \\ дякуємо",
            "--needs",
            "Пандус для візка, будь ласка; тиша після 11:00",
        ],
    );
    // A long one, to fold.
    let long = book(
        data,
        "12:00",
        "en",
        "+380 50 765 43 21",
        &[
            "--needs",
            &"Два учні на візках, потрібен ліфт і супровід. ".repeat(6),
        ],
    );
    // A cancelled booking: not in the feed.
    let requested = cli_at(
        data,
        "2026-05-18T09:00:00+03:00",
        &[
            "booking",
            "add",
            "--date",
            "2026-05-22",
            "--time",
            "14:00",
            "--group",
            "school",
            "--size",
            "5",
            "--organisation",
            "Гімназія № 9",
            "--contact-name",
            "Ігор",
            "--phone",
            "+380 97 555 66 77",
            "--consent",
        ],
    );
    cli_at(
        data,
        "2026-05-18T09:05:00+03:00",
        &["booking", "cancel", &requested, "--reason", "хвороба"],
    );
    let feed = ok(data, &["booking", "feed-token", "--label", "olena-phone"]);
    assert!(feed.starts_with("tc_"), "{feed}");
    let hall = ok(data, &["station", "add", "hall-1"]);
    let user = ok(data, &["user", "token", "olena"]);

    let server = Logged::start(data, &["--staff-from", "10.0.0.0/8"]);
    let path = format!("/feed/{feed}/bookings.ics");
    let reply = server.get(&path, &[]);
    assert_eq!(
        reply.status,
        200,
        "public under --staff-from: {}",
        reply.text()
    );
    assert_eq!(
        reply.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    let body = reply.text();
    let lines = ical_lines(&reply.body);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    for wanted in ["VERSION:2.0", "CALSCALE:GREGORIAN"] {
        assert!(lines.iter().any(|l| l == wanted), "{wanted}");
    }
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    assert!(lines.iter().any(|l| l.starts_with("X-WR-CALNAME:")));
    let events = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
    assert_eq!(
        events, 2,
        "the two confirmed bookings, not the cancelled one"
    );
    // 10:00 in Kyiv in May is 07:00 UTC; the visit lasts until the next slot.
    assert!(
        lines.iter().any(|l| l == "DTSTART:20260520T070000Z"),
        "{body}"
    );
    assert!(
        lines.iter().any(|l| l == "DTEND:20260520T090000Z"),
        "{body}"
    );
    assert!(lines.iter().any(|l| l.starts_with("DTSTAMP:2026")));
    // The teacher's text, escaped: \; \, \\ and \n.
    let description = lines
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:") && l.contains("автобусом"))
        .unwrap_or_else(|| panic!("{body}"));
    assert!(
        description
            .contains("Приїдемо автобусом\\; 2 вчителі\\, 1 асистент\\nДзвоніть: … \\\\ дякуємо"),
        "{description}"
    );
    assert!(description.contains("Пандус для візка\\, будь ласка\\; тиша після 11:00"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("SUMMARY:Ліцей № 1\\, 3-Б · 24 + 2"))
    );
    // The long one was folded, and unfolds whole.
    assert!(body.contains("\r\n "), "folded");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&"Два учні на візках\\, потрібен ліфт і супровід. ".repeat(5)))
    );
    // No phone number, no e-mail, no contact name, no code anywhere.
    let squeezed: String = body
        .replace("\r\n ", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '+' | '\u{a0}'))
        .collect();
    for phone in ["0671234567", "0507654321", "0671112233", "0975556677"] {
        assert!(!squeezed.contains(phone), "{phone} in the feed: {body}");
    }
    for secret in ["olena@school.km.ua", "Олена Петрівна", &tricky, &long] {
        assert!(!body.contains(secret), "{secret} in the feed");
    }
    // UIDs are stable between reads.
    let uids = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(uids(&body), uids(&server.get(&path, &[]).text()));
    assert_eq!(uids(&body).len(), 2);
    // English when asked.
    let en = server.get(&format!("{path}?lang=en"), &[]).text();
    assert!(en.contains("X-WR-CALNAME:Tour Centre: bookings"), "{en}");

    // Tokens of other kinds, a forged one and nonsense: as any unknown page.
    for wrong in [
        user.as_str(),
        hall.as_str(),
        "tc_0000000000000000_00",
        "nonsense",
    ] {
        let refused = server.get(&format!("/feed/{wrong}/bookings.ics"), &[]);
        assert_eq!(refused.status, 404, "{wrong}");
        assert!(!refused.text().contains("VCALENDAR"));
    }
    // Revoked: refused at once.
    let revoked = ok(
        data,
        &[
            "--lang",
            "en",
            "booking",
            "feed-revoke",
            "--label",
            "olena-phone",
        ],
    );
    assert!(revoked.contains('1'), "{revoked}");
    assert_eq!(server.get(&path, &[]).status, 404);
    // The request log names the route, never the token.
    let log = server.log();
    assert!(log.contains("GET /feed/{token}/bookings.ics 200"), "{log}");
    assert!(log.contains("GET /feed/{token}/bookings.ics 404"), "{log}");
    for secret in [&feed, &user, &hall] {
        assert!(!log.contains(secret.as_str()), "a token in the log: {log}");
    }
}

#[test]
fn a_guide_makes_a_feed_address_on_the_bookings_page_sees_it_once_and_revokes_it() {
    let server = crate::web_http::Server::start();
    let session = server.sign_in("olena");
    let cookie = format!("tc_session={session}");
    let page = server.request("GET", "/bookings", &[("Cookie", &cookie)], b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Адрес календаря ще немає"));
    let csrf = page.csrf().unwrap();
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let made = server.request(
        "POST",
        "/bookings/feed",
        &[("Cookie", &cookie), form],
        format!("csrf={csrf}&label=olena-phone").as_bytes(),
    );
    assert_eq!(made.status, 200, "{}", made.text());
    let text = made.text().replace("&#x2f;", "/");
    let at = text
        .find("id=\"feed-url\"")
        .expect("the address, shown once");
    let value = text[at..].find("value=\"").unwrap() + at + "value=\"".len();
    let url = &text[value..value + text[value..].find('"').unwrap()];
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let path = &url[url.find("/feed/tc_").unwrap()..];
    assert!(path.ends_with("/bookings.ics"), "{path}");
    assert_eq!(server.request("GET", path, &[], b"").status, 200);
    // Shown once: the next view lists it by label, without the address.
    let again = server.request("GET", "/bookings", &[("Cookie", &cookie)], b"");
    assert!(again.text().contains("olena-phone"));
    assert!(!again.text().contains("feed-url"));
    // Without the CSRF token: refused, nothing made.
    let forged = server.request(
        "POST",
        "/bookings/feed",
        &[("Cookie", &cookie), form],
        b"label=x",
    );
    assert_eq!(forged.status, 403);
    let text = again.text();
    let id_at = text.find("name=\"id\" value=\"").unwrap() + "name=\"id\" value=\"".len();
    let id = &text[id_at..id_at + text[id_at..].find('"').unwrap()];
    let csrf = again.csrf().unwrap();
    let revoked = server.request(
        "POST",
        "/bookings/feed/revoke",
        &[("Cookie", &cookie), form],
        format!("csrf={csrf}&id={id}").as_bytes(),
    );
    assert_eq!(revoked.status, 303, "{}", revoked.text());
    assert_eq!(server.request("GET", path, &[], b"").status, 404);
    // An economist may not.
    let economist = format!("tc_session={}", server.sign_in("iryna"));
    let page = server.request("GET", "/bookings", &[("Cookie", &economist)], b"");
    assert_eq!(page.status, 403);
}
