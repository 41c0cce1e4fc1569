//! The economists' data entry over HTTP (shared/DESIGN.md, OBSERVATION): `PUT
//! /api/v1/indicators/{id}/observations` writes one value into the indicator's CSV only when the
//! whole file passes `check`, refuses a stale `expected` with the current value, serialises
//! writes; `GET /api/v1/indicators/{id}/history` lists every change, newest first, and says when
//! the file was edited by hand.

use serde_json::json;

use crate::web_http::{Reply, Server, bearer};

const INDICATOR: &str = "msw-recycled-share";

fn data_file(server: &Server) -> std::path::PathBuf {
    server
        .data
        .path()
        .join("indicators/data")
        .join(format!("{INDICATOR}.csv"))
}

fn put(server: &Server, token: &str, id: &str, body: &serde_json::Value) -> Reply {
    let auth = bearer(token);
    server.request(
        "PUT",
        &format!("/api/v1/indicators/{id}/observations"),
        &[
            ("Authorization", auth.as_str()),
            ("Content-Type", "application/json"),
            ("Accept-Language", "en"),
        ],
        body.to_string().as_bytes(),
    )
}

fn history(server: &Server, token: &str) -> serde_json::Value {
    let auth = bearer(token);
    let reply = server.request(
        "GET",
        &format!("/api/v1/indicators/{INDICATOR}/history"),
        &[("Authorization", auth.as_str()), ("Accept-Language", "en")],
        b"",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

#[test]
fn an_observation_is_stored_checked_and_kept_in_the_history() {
    let server = Server::start();
    let economist = server.token("iryna");
    let guide = server.token("olena");

    let first =
        json!({"year": 2024, "value": 12.5, "source": "Облстат", "comment": "звіт за 2024"});
    let reply = put(&server, &economist, INDICATOR, &first);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let row = reply.json();
    assert_eq!(row["year"], 2024);
    assert_eq!(row["value"], 12.5);
    assert_eq!(row["source"], "Облстат");
    assert_eq!(row["disaggregation"], json!({}));
    assert_eq!(
        std::fs::read_to_string(data_file(&server)).unwrap(),
        "Year,Source,Value\n2024,Облстат,12.5\n"
    );
    // The progress reads the new file at once.
    let auth = bearer(&guide);
    let progress = server
        .request(
            "GET",
            "/api/v1/indicators/progress",
            &[("Authorization", auth.as_str())],
            b"",
        )
        .json();
    let ours = progress
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == INDICATOR)
        .unwrap()
        .clone();
    assert_eq!(ours["current_value"], 12.5);

    // Refused as `check` refuses the cell, naming the field; nothing written.
    let before = std::fs::read(data_file(&server)).unwrap();
    for (body, field, words) in [
        (
            json!({"year": 2023, "value": "12,5", "comment": "x"}),
            "value",
            "uses a comma as the decimal separator; write 12.5",
        ),
        (
            json!({"year": 2023, "value": "lots", "comment": "x"}),
            "value",
            "Value \"lots\" is not a number",
        ),
        (
            json!({"year": 2027, "value": 1, "comment": "x"}),
            "year",
            "Year 2027 is outside 1900–2026",
        ),
        (
            json!({"year": 1899, "value": 1, "comment": "x"}),
            "year",
            "Year 1899 is outside 1900–2026",
        ),
        (
            json!({"year": 2023, "value": 1, "comment": " "}),
            "comment",
            "comment",
        ),
    ] {
        let reply = put(&server, &economist, INDICATOR, &body);
        assert_eq!(reply.status, 400, "{body}: {}", reply.text());
        let answer = reply.json();
        assert_eq!(answer["field"], field, "{answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(words),
            "{answer}"
        );
    }
    assert_eq!(std::fs::read(data_file(&server)).unwrap(), before);

    // A stale `expected` is a conflict with the current value.
    let stale = json!({"year": 2024, "value": 13, "comment": "x", "expected": null});
    let reply = put(&server, &economist, INDICATOR, &stale);
    assert_eq!(reply.status, 409, "{}", reply.text());
    assert_eq!(reply.json()["current"], 12.5);
    assert_eq!(std::fs::read(data_file(&server)).unwrap(), before);
    let right = json!({"year": 2024, "value": 13, "comment": "уточнено", "expected": 12.5});
    assert_eq!(put(&server, &economist, INDICATOR, &right).status, 200);
    // Blanking: value null.
    let blank = json!({"year": 2024, "value": null, "comment": "не те джерело", "expected": 13});
    let reply = put(&server, &economist, INDICATOR, &blank);
    assert_eq!(
        reply.status, 400,
        "the only value blanked: check refuses an all-blank file"
    );
    assert!(
        reply.text().contains("every Value is blank"),
        "{}",
        reply.text()
    );

    // Who may.
    assert_eq!(put(&server, &guide, INDICATOR, &first).status, 403);
    let reply = put(&server, &economist, "centre-visits", &first);
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert_eq!(reply.json()["error"], "derived");
    assert_eq!(put(&server, &economist, "no-such", &first).status, 404);

    let log = history(&server, &guide);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["user"], "iryna");
    assert_eq!(
        (log[0]["old"].clone(), log[0]["new"].clone()),
        (json!(12.5), json!(13.0))
    );
    assert_eq!(log[0]["comment"], "уточнено");
    assert_eq!(log[0]["year"], 2024);
    assert_eq!(log[1]["old"], serde_json::Value::Null);
    assert!(
        log[0]["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-05-20T10:00:00")
    );
}

#[test]
fn two_economists_saving_at_once_lose_nothing() {
    let server = Server::start();
    let iryna = server.token("iryna");
    let admin = server.token("admin");
    std::thread::scope(|scope| {
        let mut saves = Vec::new();
        for (i, year) in (2000..2016).enumerate() {
            let token = if i % 2 == 0 { &iryna } else { &admin };
            let server = &server;
            saves.push(scope.spawn(move || {
                let body =
                    json!({"year": year, "value": year - 1990, "comment": format!("рік {year}")});
                put(server, token, INDICATOR, &body)
            }));
        }
        for save in saves {
            let reply = save.join().unwrap();
            assert_eq!(reply.status, 200, "{}", reply.text());
        }
    });
    let text = std::fs::read_to_string(data_file(&server)).unwrap();
    for year in 2000..2016 {
        assert!(
            text.contains(&format!("\n{year},{}\n", year - 1990)),
            "{year} lost: {text}"
        );
    }
    let log = history(&server, &iryna);
    assert_eq!(log.as_array().unwrap().len(), 16);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|entry| entry["outside"] == false),
        "{log}"
    );
}

#[test]
fn a_file_edited_by_hand_shows_as_changed_outside_the_server() {
    let server = Server::start();
    let economist = server.token("iryna");
    let body = json!({"year": 2023, "value": 10, "comment": "перше"});
    assert_eq!(put(&server, &economist, INDICATOR, &body).status, 200);
    std::fs::write(data_file(&server), "Year,Value\n2023,10\n2024,11\n").unwrap();

    let log = history(&server, &economist);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0]["outside"], true);
    assert_eq!(log[0]["user"], serde_json::Value::Null);
    assert_eq!(
        log[0]["comment"],
        "changed outside the server (the file was edited by hand)"
    );
    assert_eq!(log[1]["comment"], "перше");

    // A later save keeps the hand edit, and the history keeps saying it happened.
    let body = json!({"year": 2025, "value": 12, "comment": "третє", "expected": null});
    assert_eq!(put(&server, &economist, INDICATOR, &body).status, 200);
    let text = std::fs::read_to_string(data_file(&server)).unwrap();
    assert_eq!(text, "Year,Value\n2023,10\n2024,11\n2025,12\n");
    let log = history(&server, &economist);
    let outside: Vec<bool> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["outside"] == true)
        .collect();
    assert_eq!(outside, [false, true, false]);

    // A hand edit `check` refuses: the page says what is wrong rather than vanishing (and offers
    // to correct the line, see indicator_definition.rs), and a new value is refused with check's
    // words about the line that is wrong.
    std::fs::write(data_file(&server), "Year,Value\n2023,10\n2024,lots\n").unwrap();
    let session = server.sign_in("iryna");
    let page = server.request(
        "GET",
        &format!("/indicators/{INDICATOR}"),
        &[
            ("Cookie", &format!("tc_session={session}")),
            ("Accept-Language", "en"),
        ],
        b"",
    );
    assert_eq!(page.status, 200);
    assert!(
        page.text()
            .contains("Value &quot;lots&quot; is not a number"),
        "{}",
        page.text()
    );
    let body = json!({"year": 2025, "value": 12, "comment": "x"});
    let reply = put(&server, &economist, INDICATOR, &body);
    assert_eq!(reply.status, 400);
    let answer = reply.json();
    assert_eq!(answer["field"], serde_json::Value::Null);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains(":3:2: Value \"lots\""),
        "{answer}"
    );
}

#[test]
fn the_command_line_sets_values_into_the_same_file_and_history_as_the_server() {
    let server = Server::start();
    let data = server.data.path();
    let set = crate::web_http::cli(
        data,
        &[
            "--lang",
            "en",
            "indicators",
            "set",
            INDICATOR,
            "--year",
            "2024",
            "--value",
            "7.5",
            "--column",
            "District=Центр",
            "--comment",
            "з наради",
            "--format",
            "json",
        ],
        "",
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let row: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(row["disaggregation"], json!({"District": "Центр"}));
    assert_eq!(row["value"], 7.5);
    let economist = server.token("iryna");
    let body = json!({"year": 2024, "value": 8, "comment": "основний ряд"});
    assert_eq!(put(&server, &economist, INDICATOR, &body).status, 200);
    assert_eq!(
        std::fs::read_to_string(data_file(&server)).unwrap(),
        "Year,District,Value\n2024,Центр,7.5\n2024,,8\n"
    );

    // A refused value names its field in check's words, and changes nothing.
    let refused = crate::web_http::cli(
        data,
        &[
            "--lang",
            "en",
            "indicator",
            "set",
            INDICATOR,
            "--year",
            "2023",
            "--value",
            "1,5",
            "--comment",
            "x",
        ],
        "",
    );
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("write 1.5"), "{said}");
    let blank = crate::web_http::cli(
        data,
        &[
            "--lang",
            "en",
            "indicators",
            "set",
            INDICATOR,
            "--year",
            "2024",
            "--blank",
            "--comment",
            "x",
            "--expected",
            "9",
        ],
        "",
    );
    assert!(!blank.status.success(), "a stale --expected is refused");
    let said = String::from_utf8_lossy(&blank.stderr);
    assert!(said.contains("it is now 8"), "{said}");

    // The history in JSON equals the API's.
    let listed = crate::web_http::cli(
        data,
        &[
            "--lang",
            "en",
            "indicators",
            "history",
            INDICATOR,
            "--format",
            "json",
        ],
        "",
    );
    assert!(listed.status.success());
    let from_cli: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(from_cli, history(&server, &economist));
    assert_eq!(from_cli[1]["user"], serde_json::Value::Null);
    assert_eq!(from_cli[0]["user"], "iryna");
    let text = crate::web_http::cli(
        data,
        &["--lang", "en", "indicators", "history", INDICATOR],
        "",
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("2024 (District: Центр): was –, now 7.5  \"з наради\""),
        "{text}"
    );
}

#[test]
fn the_indicator_page_charts_the_chosen_values_of_a_disaggregation() {
    let server = Server::start();
    let economist = server.token("iryna");
    for (year, fraction, value) in [
        (2023, "Plastic", 20.0),
        (2024, "Plastic", 24.0),
        (2023, "Glass", 31.0),
        (2024, "Glass", 33.5),
    ] {
        let body = json!({"year": year, "disaggregation": {"Fraction": fraction}, "value": value,
                          "comment": "test figures"});
        let reply = put(&server, &economist, INDICATOR, &body);
        assert_eq!(reply.status, 200, "{}", reply.text());
    }
    let session = format!("tc_session={}", server.sign_in("iryna"));
    let page = |query: &str| {
        let reply = server.request(
            "GET",
            &format!("/indicators/{INDICATOR}{query}"),
            &[("Cookie", session.as_str()), ("Accept-Language", "en")],
            b"",
        );
        assert_eq!(reply.status, 200, "{}", reply.text());
        reply.text()
    };
    // Nothing chosen: every value ticked, one line each.
    let all = page("");
    assert!(all.contains("<option selected>Fraction</option>"), "{all}");
    assert!(all.contains(r#"name="v-0" checked> Plastic"#), "{all}");
    assert!(all.contains(r#"name="v-1" checked> Glass"#), "{all}");
    assert!(all.contains("Chart: a line for each chosen value of «Fraction»"));
    // Glass alone.
    let glass = page("?by=Fraction&v-1=on");
    assert!(glass.contains(r#"name="v-0"> Plastic"#), "{glass}");
    assert!(glass.contains(r#"name="v-1" checked> Glass"#), "{glass}");
    // A column that is not there falls back to the first that is.
    assert!(page("?by=%3Cscript%3E").contains("<option selected>Fraction</option>"));
}
