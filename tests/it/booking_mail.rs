//! Mail to teachers through a real SMTP conversation, without the internet: a tiny SMTP server on
//! loopback (enough of RFC 5321 for lettre: greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT) receives
//! what the centre server sends with `security: "none"`. A teacher books by HTTP, a guide
//! confirms, and both mails arrive in the booking's language; an SMTP server that answers 451
//! never holds up a booking, the mail is tried again (its attempts grow), and once the server
//! works it arrives. Without mail settings the guides' page lists whom to phone.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;

use crate::web_http::{Server, bearer};

const JSON: (&str, &str) = ("Content-Type", "application/json");
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

/// What the fake SMTP server saw, and whether it accepts mail now.
#[derive(Default)]
struct Inbox {
    /// Each message's DATA, as received.
    messages: Mutex<Vec<String>>,
    /// MAIL commands (one a try).
    tries: AtomicUsize,
    /// Answer MAIL with 451 (try later) while set.
    refusing: AtomicBool,
}

/// A fake SMTP server on loopback, one connection at a time, for as long as the test runs.
fn fake_smtp(refusing: bool) -> (SocketAddr, Arc<Inbox>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let inbox = Arc::new(Inbox::default());
    inbox.refusing.store(refusing, Ordering::SeqCst);
    let shared = inbox.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            // A conversation that goes wrong only ends that conversation.
            let _ = converse(stream, &shared);
        }
    });
    (address, inbox)
}

fn converse(stream: TcpStream, inbox: &Inbox) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    out.write_all(b"220 fake.test ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
            b"250-fake.test\r\n250 8BITMIME\r\n"
        } else if command.starts_with("MAIL") {
            inbox.tries.fetch_add(1, Ordering::SeqCst);
            if inbox.refusing.load(Ordering::SeqCst) {
                b"451 4.3.0 try again later\r\n"
            } else {
                b"250 2.1.0 OK\r\n"
            }
        } else if command.starts_with("RCPT") || command.starts_with("RSET") {
            b"250 OK\r\n"
        } else if command.starts_with("DATA") {
            out.write_all(b"354 go ahead\r\n")?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line.trim_end_matches(['\r', '\n']) == "." {
                    break;
                }
                data.push_str(&line);
            }
            inbox.messages.lock().unwrap().push(data);
            b"250 2.0.0 queued\r\n"
        } else if command.starts_with("QUIT") {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            b"250 OK\r\n"
        };
        out.write_all(reply)?;
    }
}

/// A received mail: its Subject and body, decoded.
#[derive(Debug)]
struct Mail {
    to: String,
    subject: String,
    body: String,
}

/// `=?utf-8?b?...?=` words and plain words as text: the space between two encoded words is not
/// part of the text (RFC 2047), any other is.
fn decode_words(text: &str) -> String {
    let mut out = String::new();
    let mut previous_encoded = false;
    for (n, word) in text.split_whitespace().enumerate() {
        let encoded = word.len() > 12
            && word[..10].eq_ignore_ascii_case("=?utf-8?b?")
            && word.ends_with("?=");
        if n > 0 && !(encoded && previous_encoded) {
            out.push(' ');
        }
        if encoded {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&word[10..word.len() - 2])
                .unwrap();
            out.push_str(&String::from_utf8(bytes).unwrap());
        } else {
            out.push_str(word);
        }
        previous_encoded = encoded;
    }
    out
}

fn decode_quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let raw = text.replace("=\r\n", "").replace("=\n", "");
    let mut chars = raw.bytes();
    while let Some(b) = chars.next() {
        if b == b'=' {
            let hex: Vec<u8> = chars.by_ref().take(2).collect();
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).unwrap(), 16).unwrap());
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).unwrap()
}

fn parse_mail(data: &str) -> Mail {
    let (head, body) = data.split_once("\r\n\r\n").unwrap();
    // Unfold the header lines.
    let head = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header = |name: &str| -> String {
        head.lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_string())
            })
            .unwrap_or_default()
    };
    let encoding = header("Content-Transfer-Encoding").to_ascii_lowercase();
    let body = match encoding.as_str() {
        "base64" => String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(body.split_whitespace().collect::<String>())
                .unwrap(),
        )
        .unwrap(),
        "quoted-printable" => decode_quoted_printable(body),
        _ => body.to_string(),
    };
    Mail {
        to: header("To"),
        subject: decode_words(&header("Subject")),
        body: body.replace("\r\n", "\n"),
    }
}

fn write_settings(data: &std::path::Path, smtp: SocketAddr) {
    std::fs::write(
        data.join("mail.ron"),
        format!(
            "(\n    server: \"127.0.0.1\",\n    port: {},\n    security: \"none\",\n    \
             sender: \"Туристичний центр <centre@example.org>\",\n    \
             public_url: \"https://centre.example.org\",\n)\n",
            smtp.port()
        ),
    )
    .unwrap();
}

fn booking(lang: &str, phone: &str, email: &str) -> String {
    let time = if lang == "en" { "12:00" } else { "10:00" };
    serde_json::json!({
        "date": "2026-05-22", "time": time, "group": "school", "size": 20, "adults": 2,
        "organisation": "Ліцей № 1", "class": "3-Б", "contact_name": "Олена Петрівна",
        "phone": phone, "email": email, "lang": lang, "needs": null, "note": null, "consent": true,
    })
    .to_string()
}

/// Waits (up to 30 s) until `ready` says yes.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready() {
        assert!(Instant::now() < deadline, "waited in vain for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn mails(inbox: &Inbox) -> Vec<Mail> {
    inbox
        .messages
        .lock()
        .unwrap()
        .iter()
        .map(|m| parse_mail(m))
        .collect()
}

/// (attempts, last_error, sent) of the booking's notices, oldest first, read from the store.
fn notices(data: &std::path::Path, code: &str) -> Vec<(String, i64, Option<String>, bool)> {
    let db = rusqlite::Connection::open(data.join("tourcentre.sqlite")).unwrap();
    db.busy_timeout(Duration::from_secs(5)).unwrap();
    let mut query = db
        .prepare(
            "SELECT event, attempts, last_error, sent_at IS NOT NULL FROM booking_notices
              WHERE code = ?1 ORDER BY id",
        )
        .unwrap();
    query
        .query_map([code], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_teacher_gets_the_receipt_and_the_confirmation_in_the_bookings_language() {
    let (smtp, inbox) = fake_smtp(false);
    let data = tempfile::tempdir().unwrap();
    write_settings(data.path(), smtp);
    let server = Server::start_in(data);
    let token = server.token("olena");

    let booked = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        booking("uk", "+380 67 000 0001", "olena@school.example").as_bytes(),
    );
    assert_eq!(booked.status, 201, "{}", booked.text());
    let code = booked.json()["code"].as_str().unwrap().to_string();
    wait_for("the receipt", || inbox.messages.lock().unwrap().len() == 1);
    let receipt = &mails(&inbox)[0];
    assert!(receipt.to.contains("olena@school.example"), "{receipt:?}");
    assert_eq!(
        receipt.subject,
        "Туристичний центр: запит на візит 22.05.2026 о 10:00 отримано"
    );
    assert!(
        receipt
            .body
            .starts_with("Добрий день!\n\nМи отримали ваш запит"),
        "{}",
        receipt.body
    );
    assert!(
        receipt
            .body
            .contains(&format!("https://centre.example.org/book/{code}")),
        "{}",
        receipt.body
    );

    let confirmed = server.request(
        "POST",
        &format!("/api/v1/bookings/{code}/confirm"),
        &[("Authorization", &bearer(&token)), JSON],
        b"{}",
    );
    assert_eq!(confirmed.status, 200, "{}", confirmed.text());
    wait_for("the confirmation", || {
        inbox.messages.lock().unwrap().len() == 2
    });
    let confirmation = &mails(&inbox)[1];
    assert_eq!(
        confirmation.subject,
        "Туристичний центр: візит 22.05.2026 о 10:00 підтверджено"
    );
    assert!(
        confirmation
            .body
            .contains("Ваш візит підтверджено. Чекаємо на вас!"),
        "{}",
        confirmation.body
    );
    assert!(confirmation.body.contains("Стан: підтверджено"));

    // An English booking is written to in English.
    let english = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        booking("en", "+380 67 000 0002", "teacher@school.example").as_bytes(),
    );
    assert_eq!(english.status, 201, "{}", english.text());
    wait_for("the English receipt", || {
        inbox.messages.lock().unwrap().len() == 3
    });
    let receipt = &mails(&inbox)[2];
    assert_eq!(
        receipt.subject,
        "Tour Centre: visit request for 2026-05-22 at 12:00 received"
    );
    assert!(
        receipt
            .body
            .contains("We have received your request to visit the Tour Centre."),
        "{}",
        receipt.body
    );
    // Mailed, so nobody is asked to phone.
    let cookie = server.sign_in("olena");
    let page = server.request(
        "GET",
        "/bookings",
        &[("Cookie", &format!("tc_session={cookie}"))],
        b"",
    );
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("tell-heading"), "{}", page.text());
}

#[test]
fn a_failing_smtp_server_never_holds_up_a_booking_and_the_mail_is_tried_again() {
    let (smtp, inbox) = fake_smtp(true);
    let data = tempfile::tempdir().unwrap();
    write_settings(data.path(), smtp);
    let server = Server::start_in(data);

    let started = Instant::now();
    let booked = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        booking("uk", "+380 67 000 0001", "olena@school.example").as_bytes(),
    );
    assert_eq!(booked.status, 201, "{}", booked.text());
    assert!(started.elapsed() < Duration::from_secs(5));
    let code = booked.json()["code"].as_str().unwrap().to_string();
    wait_for("the first try", || {
        notices(server.data.path(), &code)
            .first()
            .is_some_and(|n| n.1 == 1)
    });
    assert_eq!(
        notices(server.data.path(), &code),
        [(
            "requested".to_string(),
            1,
            Some("smtp 451".to_string()),
            false
        )]
    );
    // Not again before its minute is up (the clock is fixed at 13:00).
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(inbox.tries.load(Ordering::SeqCst), 1);

    // Two minutes later: tried again, refused again.
    let server = server.restart_at("2026-05-20T13:02:00+03:00");
    wait_for("the second try", || {
        notices(server.data.path(), &code)
            .first()
            .is_some_and(|n| n.1 == 2)
    });
    assert!(inbox.messages.lock().unwrap().is_empty());

    // The SMTP server works again: after the five minutes' wait the mail arrives.
    inbox.refusing.store(false, Ordering::SeqCst);
    let server = server.restart_at("2026-05-20T13:10:00+03:00");
    wait_for("the mail", || inbox.messages.lock().unwrap().len() == 1);
    assert_eq!(
        mails(&inbox)[0].subject,
        "Туристичний центр: запит на візит 22.05.2026 о 10:00 отримано"
    );
    wait_for("the mail kept as sent", || {
        notices(server.data.path(), &code)
            .first()
            .is_some_and(|n| n.3)
    });
    assert_eq!(inbox.tries.load(Ordering::SeqCst), 3);
}

#[test]
fn without_mail_settings_the_guide_is_asked_to_phone_and_marks_it_told() {
    let server = Server::start();
    let token = server.token("olena");
    let booked = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        booking("uk", "+380 67 000 0001", "olena@school.example").as_bytes(),
    );
    let code = booked.json()["code"].as_str().unwrap().to_string();
    let cookie = format!("tc_session={}", server.sign_in("olena"));
    let page = server.request("GET", "/bookings", &[("Cookie", &cookie)], b"");
    assert!(
        !page.text().contains("tell-heading"),
        "the teacher knows they asked"
    );

    let declined = server.request(
        "POST",
        &format!("/api/v1/bookings/{code}/decline"),
        &[("Authorization", &bearer(&token)), JSON],
        r#"{"reason": "Екскурсію вже замовлено"}"#.as_bytes(),
    );
    assert_eq!(declined.status, 200, "{}", declined.text());
    let page = server.request("GET", "/bookings", &[("Cookie", &cookie)], b"");
    let text = page.text();
    assert!(text.contains("Повідомте вчителів (1)"), "{text}");
    assert!(text.contains("Запит відхилено"), "{text}");
    assert!(text.contains("href=\"tel:+380670000001\""), "{text}");
    assert!(text.contains("Екскурсію вже замовлено"), "{text}");
    let action = text
        .split("action=\"/bookings/tell/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();

    // Without the CSRF token: refused, and the item stays.
    let forged = server.request(
        "POST",
        &format!("/bookings/tell/{action}"),
        &[("Cookie", &cookie), FORM],
        b"",
    );
    assert_eq!(forged.status, 403);
    let csrf = page.csrf().unwrap();
    let told = server.request(
        "POST",
        &format!("/bookings/tell/{action}"),
        &[("Cookie", &cookie), FORM],
        format!("csrf={csrf}").as_bytes(),
    );
    assert_eq!(told.status, 303, "{}", told.text());
    let page = server.request("GET", "/bookings", &[("Cookie", &cookie)], b"");
    assert!(!page.text().contains("tell-heading"), "{}", page.text());
    let db = rusqlite::Connection::open(server.data.path().join("tourcentre.sqlite")).unwrap();
    let told_by: String = db
        .query_row(
            "SELECT told_by FROM booking_notices WHERE event = 'declined'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(told_by, "olena");
}
