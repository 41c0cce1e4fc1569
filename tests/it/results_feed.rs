//! A class's results against the real server (its clock at
//! Wednesday 20 May 2026, 13:00): a booked class comes at 10:00, plays four rounds at the kiosks
//! while its tour is on, and its teacher's page then shows what it did, in the booking's language
//! (or the one the reader chose), printable; `booking show` says the same.

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

/// A server, killed when dropped.
struct Logged {
    child: Child,
    address: SocketAddr,
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
        let child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(data)
            .args(["serve", "--listen", &address.to_string()])
            .args(extra)
            .current_dir(repo())
            .env("TOURCENTRE_NOW", "2026-05-20T13:00:00+03:00")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(address).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Logged { child, address }
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        http(self.address, "GET", path, headers, b"")
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
