//! The rest of issue 17 over HTTP: the department changes an indicator's target, thresholds
//! (with their source) and base year from the browser, the API and the command line, in place
//! (every comment kept), validated as `check` validates a definition and kept in the history; a
//! conflict says the stored value in the reader's number format; a data file broken by hand is
//! corrected from the page.

use serde_json::json;

use crate::web_http::{Reply, Server, bearer};

const INDICATOR: &str = "msw-recycled-share";

fn definition_file(server: &Server) -> std::path::PathBuf {
    server
        .data
        .path()
        .join("indicators")
        .join(format!("{INDICATOR}.ron"))
}

fn data_file(server: &Server) -> std::path::PathBuf {
    server
        .data
        .path()
        .join("indicators/data")
        .join(format!("{INDICATOR}.csv"))
}

fn put(server: &Server, token: &str, path: &str, body: &serde_json::Value, lang: &str) -> Reply {
    let auth = bearer(token);
    server.request(
        "PUT",
        path,
        &[
            ("Authorization", auth.as_str()),
            ("Content-Type", "application/json"),
            ("Accept-Language", lang),
        ],
        body.to_string().as_bytes(),
    )
}

fn define(server: &Server, token: &str, id: &str, body: &serde_json::Value) -> Reply {
    put(
        server,
        token,
        &format!("/api/v1/indicators/{id}/definition"),
        body,
        "en",
    )
}

fn history(server: &Server, token: &str, id: &str) -> serde_json::Value {
    let auth = bearer(token);
    let reply = server.request(
        "GET",
        &format!("/api/v1/indicators/{id}/history"),
        &[("Authorization", auth.as_str()), ("Accept-Language", "en")],
        b"",
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()
}

/// The indicator page as the signed-in `session` sees it.
fn page(server: &Server, session: &str, lang: &str) -> Reply {
    server.request(
        "GET",
        &format!("/indicators/{INDICATOR}"),
        &[
            ("Cookie", &format!("tc_session={session}")),
            ("Accept-Language", lang),
        ],
        b"",
    )
}

/// Posts a form of the page (with a fresh CSRF token from it).
fn post_form(server: &Server, session: &str, path: &str, fields: &[(&str, &str)]) -> Reply {
    let csrf = page(server, session, "en")
        .csrf()
        .expect("the page has a form");
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("csrf", &csrf);
    for (name, value) in fields {
        form.append_pair(name, value);
    }
    server.request(
        "POST",
        path,
        &[
            ("Cookie", &format!("tc_session={session}")),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept-Language", "en"),
        ],
        form.finish().as_bytes(),
    )
}

#[test]
fn a_definition_edit_keeps_every_comment_and_is_kept_in_the_history() {
    let server = Server::start();
    let economist = server.token("iryna");
    let guide = server.token("olena");
    // The server seeded the department's copy from the shipped one.
    let shipped = std::fs::read_to_string(definition_file(&server)).unwrap();
    assert!(shipped.starts_with("// Share of municipal solid waste"));

    let body = json!({
        "target": {"value": 50, "year": 2030},
        "benchmark": {"green": 25.5, "red": 15},
        "benchmark_source": "Методологія ЄБРР, таблиця 4 \"ТПВ\"",
        "base_year": 2021,
        "comment": "рішення сесії №12",
    });
    let reply = define(&server, &economist, INDICATOR, &body);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let stored = reply.json();
    assert_eq!(stored["target"], json!({"value": 50.0, "year": 2030}));
    assert_eq!(stored["benchmark"], json!({"green": 25.5, "red": 15.0}));
    assert_eq!(stored["base_year"], 2021);
    assert_eq!(
        stored["changed"],
        json!(["target", "benchmark", "benchmark_source", "base_year"])
    );
    // Byte for byte, only the edited values differ; the missing field goes before the `)`.
    let close = shipped.rfind("\n)").unwrap() + 1;
    let mut expected = shipped.clone();
    expected.insert_str(
        close,
        "    benchmark_source: Some(\"Методологія ЄБРР, таблиця 4 \\\"ТПВ\\\"\"),\n",
    );
    let expected = expected
        .replace("base_year: Some(2020),", "base_year: Some(2021),")
        .replace("target: None,", "target: Some((value: 50.0, year: 2030)),")
        .replace(
            "benchmark: None,",
            "benchmark: Some((green: 25.5, red: 15.0)),",
        );
    let written = std::fs::read_to_string(definition_file(&server)).unwrap();
    assert_eq!(written, expected);
    // `check` reads the file as the server wrote it.
    let checked = crate::web_http::cli(
        server.data.path(),
        &["check", definition_file(&server).to_str().unwrap()],
        "",
    );
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stdout)
    );

    // Each field is a line of the history, with its old and new value as the file wrote them.
    let log = history(&server, &guide, INDICATOR);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 4, "{log:?}");
    let target = log.iter().find(|e| e["field"] == "target").unwrap();
    assert_eq!(target["user"], "iryna");
    assert_eq!(target["old_text"], "None");
    assert_eq!(target["new_text"], "Some((value: 50.0, year: 2030))");
    assert_eq!(target["comment"], "рішення сесії №12");
    assert_eq!(target["year"], serde_json::Value::Null);
    assert_eq!(target["old"], serde_json::Value::Null);
    let source = log
        .iter()
        .find(|e| e["field"] == "benchmark_source")
        .unwrap();
    assert_eq!(source["old_text"], serde_json::Value::Null);

    // The same again: nothing changes, nothing is logged.
    let reply = define(&server, &economist, INDICATOR, &body);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["changed"], json!([]));
    assert_eq!(
        history(&server, &guide, INDICATOR)
            .as_array()
            .unwrap()
            .len(),
        4
    );

    // The page shows the history's lines in words, and the definition as stored.
    let session = server.sign_in("iryna");
    let shown = page(&server, &session, "uk").text();
    assert!(shown.contains("зелений 25,5 %, червоний 15 %"), "{shown}");
    assert!(shown.contains("50 % (2030)"), "{shown}");
    assert!(
        shown.contains(r#"name="target.value" inputmode="decimal" autocomplete="off" value="50""#)
    );
    // The form gives the thresholds back as the reader writes numbers.
    assert!(shown.contains(r#"value="25,5""#), "{shown}");
    let english = page(&server, &session, "en").text();
    assert!(english.contains(r#"value="25.5""#), "{english}");
}

#[test]
fn a_bad_definition_is_refused_naming_the_field_and_nothing_is_written() {
    let server = Server::start();
    let economist = server.token("iryna");
    let guide = server.token("olena");
    let before = std::fs::read(definition_file(&server)).unwrap();
    for (body, field, words) in [
        (
            json!({"benchmark": {"green": 10, "red": 20}, "comment": "x"}),
            "benchmark.green",
            "are swapped: with direction Higher, green must be the higher threshold",
        ),
        (
            json!({"base_year": 2027, "comment": "x"}),
            "base_year",
            "base_year 2027 is outside 1900–2026",
        ),
        (
            json!({"target": {"value": 50, "year": 2019}, "comment": "x"}),
            "target.year",
            "target year 2019 must come after the base year 2020",
        ),
        (
            json!({"target": {"value": "lots", "year": 2030}, "comment": "x"}),
            "target.value",
            "lots",
        ),
        (
            json!({"benchmark": {"green": 1e300, "red": 1}, "comment": "x"}),
            "benchmark.green",
            "must be a finite number",
        ),
        (
            json!({"base_year": 2021, "comment": " "}),
            "comment",
            "comment",
        ),
    ] {
        let reply = define(&server, &economist, INDICATOR, &body);
        assert_eq!(reply.status, 400, "{body}: {}", reply.text());
        let answer = reply.json();
        assert_eq!(answer["field"], field, "{answer}");
        assert!(
            answer["message"].as_str().unwrap().contains(words),
            "{answer}"
        );
    }
    assert_eq!(std::fs::read(definition_file(&server)).unwrap(), before);
    assert!(
        history(&server, &guide, INDICATOR)
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Who may.
    let fine = json!({"base_year": 2021, "comment": "x"});
    assert_eq!(define(&server, &guide, INDICATOR, &fine).status, 403);
    assert_eq!(define(&server, &economist, "no-such", &fine).status, 404);
    let anonymous = server.request(
        "PUT",
        &format!("/api/v1/indicators/{INDICATOR}/definition"),
        &[("Content-Type", "application/json")],
        fine.to_string().as_bytes(),
    );
    assert_eq!(anonymous.status, 401);
    assert_eq!(std::fs::read(definition_file(&server)).unwrap(), before);

    // A derived indicator's thresholds are the department's too; its history has them.
    let derived =
        json!({"benchmark": {"green": 28000, "red": 25200}, "comment": "нове зобов'язання"});
    let reply = define(&server, &economist, "centre-visits", &derived);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let log = history(&server, &guide, "centre-visits");
    assert_eq!(log[0]["field"], "benchmark");
    assert_eq!(log[0]["old_text"], "Some((green: 27000.0, red: 24300.0))");
}

#[test]
fn the_definition_form_shows_problems_beside_their_fields() {
    let server = Server::start();
    let session = server.sign_in("iryna");
    let before = std::fs::read(definition_file(&server)).unwrap();
    let path = format!("/indicators/{INDICATOR}/definition");
    let reply = post_form(
        &server,
        &session,
        &path,
        &[
            ("base_year", "2020"),
            ("target.value", "50"),
            ("target.year", ""),
            ("benchmark.green", "15"),
            ("benchmark.red", "25"),
            ("benchmark_source", "<b>таблиця</b>"),
            ("comment", "x"),
        ],
    );
    assert_eq!(reply.status, 400);
    let text = reply.text();
    assert!(
        text.contains(r#"<p class="problem" id="def-target-year-problem">"#),
        "{text}"
    );
    // What was typed stays, escaped.
    assert!(
        text.contains("&lt;b&gt;таблиця&lt;&#x2f;b&gt;")
            || text.contains("&lt;b&gt;таблиця&lt;/b&gt;"),
        "{text}"
    );
    assert_eq!(std::fs::read(definition_file(&server)).unwrap(), before);
    // Swapped thresholds: check's words beside the green threshold.
    let reply = post_form(
        &server,
        &session,
        &path,
        &[
            ("base_year", "2020"),
            ("benchmark.green", "15"),
            ("benchmark.red", "25,5"),
            ("comment", "x"),
        ],
    );
    assert_eq!(reply.status, 400);
    let text = reply.text();
    let at = text.find(r#"id="def-green-problem""#).expect(&text);
    assert!(text[at..].contains("are swapped"));
    assert_eq!(std::fs::read(definition_file(&server)).unwrap(), before);
    // A threshold in words: not a number (a threshold may have decimals, so never "whole").
    let reply = post_form(
        &server,
        &session,
        &path,
        &[
            ("base_year", "2020"),
            ("benchmark.green", "many"),
            ("benchmark.red", "15"),
            ("comment", "x"),
        ],
    );
    assert_eq!(reply.status, 400);
    let text = reply.text();
    let at = text.find(r#"id="def-green-problem""#).expect(&text);
    assert!(text[at..].contains("is not a number."), "{}", &text[at..]);
    assert!(!text.contains("not a whole number"));
    assert_eq!(std::fs::read(definition_file(&server)).unwrap(), before);
    // Right: saved, back to the page (a Ukrainian decimal comma is taken).
    let reply = post_form(
        &server,
        &session,
        &path,
        &[
            ("base_year", "2020"),
            ("target.value", "50"),
            ("target.year", "2030"),
            ("benchmark.green", "25,5"),
            ("benchmark.red", "15"),
            ("benchmark_source", "таблиця 4"),
            ("comment", "з методології"),
        ],
    );
    assert_eq!(reply.status, 303, "{}", reply.text());
    let written = std::fs::read_to_string(definition_file(&server)).unwrap();
    assert!(written.contains("    benchmark: Some((green: 25.5, red: 15.0)),\n"));
    assert!(written.contains("    benchmark_source: Some(\"таблиця 4\"),\n)"));
    // A guide may not.
    let guide = server.sign_in("olena");
    let csrf = server
        .request(
            "GET",
            "/today",
            &[("Cookie", &format!("tc_session={guide}"))],
            b"",
        )
        .csrf()
        .unwrap();
    let reply = server.request(
        "POST",
        &path,
        &[
            ("Cookie", &format!("tc_session={guide}")),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        format!("csrf={csrf}&base_year=2019&comment=x").as_bytes(),
    );
    assert_eq!(reply.status, 403);
}

#[test]
fn a_conflict_says_the_stored_value_with_its_unit_in_the_readers_numbers() {
    let server = Server::start();
    let economist = server.token("iryna");
    let observations = format!("/api/v1/indicators/{INDICATOR}/observations");
    let first = json!({"year": 2024, "value": 12.5, "comment": "звіт"});
    assert_eq!(
        put(&server, &economist, &observations, &first, "uk").status,
        200
    );
    let stale = json!({"year": 2024, "value": 13, "comment": "x", "expected": 12});
    let reply = put(&server, &economist, &observations, &stale, "uk");
    assert_eq!(reply.status, 409);
    let message = reply.json()["message"].as_str().unwrap().to_string();
    assert!(message.contains("тепер воно 12,5 %"), "{message}");
    let reply = put(&server, &economist, &observations, &stale, "en");
    let message = reply.json()["message"].as_str().unwrap().to_string();
    assert!(message.contains("it is now 12.5 %"), "{message}");

    // The page's form says the same.
    let session = server.sign_in("iryna");
    let reply = post_form(
        &server,
        &session,
        &format!("/indicators/{INDICATOR}/observations"),
        &[
            ("year", "2024"),
            ("value", "13"),
            ("expected", "12"),
            ("comment", "x"),
        ],
    );
    assert_eq!(reply.status, 409);
    assert!(
        reply.text().contains("it is now 12.5 %"),
        "{}",
        reply.text()
    );
}

#[test]
fn a_data_file_broken_by_hand_is_corrected_from_the_page() {
    let server = Server::start();
    let economist = server.token("iryna");
    let broken = "Year,Value\r\n2023,10\r\n\r\n2024,lots\r\nabc,9\r\n";
    std::fs::create_dir_all(data_file(&server).parent().unwrap()).unwrap();
    std::fs::write(data_file(&server), broken).unwrap();
    let session = server.sign_in("iryna");
    let shown = page(&server, &session, "en");
    assert_eq!(shown.status, 200, "{}", shown.text());
    let text = shown.text();
    assert!(
        text.contains("msw-recycled-share.csv:4:2: Value &quot;lots&quot; is not a number"),
        "{text}"
    );
    assert!(text.contains("msw-recycled-share.csv:5:1: Year &quot;abc&quot;"));
    assert!(
        text.contains(r#"<input type="hidden" name="r0.line" value="4">"#),
        "{text}"
    );
    assert!(text.contains(r#"<input type="hidden" name="r1.line" value="5">"#));
    // A guide still reads what is wrong, without the forms.
    let guide = server.sign_in("olena");
    let theirs = page(&server, &guide, "en");
    assert_eq!(theirs.status, 409);
    assert!(!theirs.text().contains("name=\"r0.line\""));

    let rows = format!("/indicators/{INDICATOR}/rows");
    let line4 = [("r0.line", "4"), ("r0.e-0", "2024"), ("r0.e-1", "lots")];
    let line5 = [("r1.line", "5"), ("r1.e-0", "abc"), ("r1.e-1", "9")];
    let send = |cells: &[(&str, &str)]| {
        let mut fields: Vec<(&str, &str)> = line4.iter().chain(&line5).copied().collect();
        fields.extend_from_slice(cells);
        fields.push(("comment", "з паперового звіту"));
        post_form(&server, &session, &rows, &fields)
    };
    // Line 4 mended, line 5 left as it is: refused, naming what remains; nothing written.
    let reply = send(&[
        ("r0.c-0", "2024"),
        ("r0.c-1", "11"),
        ("r1.c-0", "abc"),
        ("r1.c-1", "9"),
    ]);
    assert_eq!(reply.status, 400);
    let text = reply.text();
    assert!(text.contains("still does not pass the check"), "{text}");
    let at = text.find("still does not pass the check").unwrap();
    assert!(
        text[at..].contains("Year &quot;abc&quot; is not a year"),
        "{text}"
    );
    // What was typed stays in the form.
    assert!(
        text.contains(r#"name="r0.c-1" autocomplete="off" value="11""#),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(data_file(&server)).unwrap(), broken);
    // The observation form checks the whole file too: refused while line 5 is wrong.
    let observation = json!({"year": 2024, "value": 11, "comment": "x"});
    let reply = put(
        &server,
        &economist,
        &format!("/api/v1/indicators/{INDICATOR}/observations"),
        &observation,
        "en",
    );
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert_eq!(std::fs::read_to_string(data_file(&server)).unwrap(), broken);
    // A row that is not the one the person saw any more: a conflict, nothing written.
    let mut stale: Vec<(&str, &str)> = line4.to_vec();
    stale.extend([("r1.line", "5"), ("r1.e-0", "abc"), ("r1.e-1", "8")]);
    stale.extend([
        ("r0.c-0", "2024"),
        ("r0.c-1", "11"),
        ("r1.c-0", ""),
        ("r1.c-1", ""),
    ]);
    stale.push(("comment", "x"));
    let reply = post_form(&server, &session, &rows, &stale);
    assert_eq!(reply.status, 409, "{}", reply.text());
    assert!(reply.text().contains("Line 5 of the file was changed"));
    assert_eq!(std::fs::read_to_string(data_file(&server)).unwrap(), broken);

    // Both corrected at once (line 5 removed, every cell blank): accepted.
    let reply = send(&[
        ("r0.c-0", "2024"),
        ("r0.c-1", "11"),
        ("r1.c-0", ""),
        ("r1.c-1", ""),
    ]);
    assert_eq!(reply.status, 303, "{}", reply.text());
    assert_eq!(
        std::fs::read_to_string(data_file(&server)).unwrap(),
        "Year,Value\r\n2023,10\r\n2024,11\r\n"
    );
    let shown = page(&server, &session, "en");
    assert_eq!(shown.status, 200);
    assert!(!shown.text().contains("does not pass the check"));
    let log = history(&server, &economist, INDICATOR);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log.iter().all(|entry| entry["outside"] == false), "{log:?}");
    let fixed = log.iter().find(|e| e["line"] == 4).unwrap();
    assert_eq!(fixed["old_text"], "2024,lots");
    assert_eq!(fixed["new_text"], "2024,11");
    assert_eq!(fixed["year"], 2024);
    assert_eq!(fixed["new"], 11.0);
    assert_eq!(fixed["user"], "iryna");
    let removed = log.iter().find(|e| e["line"] == 5).unwrap();
    assert_eq!(removed["old_text"], "abc,9");
    assert_eq!(removed["new_text"], serde_json::Value::Null);
}

#[test]
fn the_command_line_defines_into_the_same_file_and_history() {
    let server = Server::start();
    let data = server.data.path();
    let run = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "indicators", "define", INDICATOR];
        all.extend_from_slice(args);
        crate::web_http::cli(data, &all, "")
    };
    let out = run(&[
        "--target",
        "50@2030",
        "--benchmark",
        "25,15",
        "--benchmark-source",
        "таблиця 4",
        "--comment",
        "з наради",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        stored["changed"],
        json!(["target", "benchmark", "benchmark_source"])
    );
    let refused = run(&["--benchmark", "10,20", "--comment", "x"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("swapped"));
    let usage = run(&["--target", "50 in 2030", "--comment", "x"]);
    assert_eq!(usage.status.code(), Some(2));
    let removed = run(&["--target", "none", "--comment", "без цілі"]);
    assert!(removed.status.success());
    assert!(
        std::fs::read_to_string(definition_file(&server))
            .unwrap()
            .contains("    target: None,\n")
    );
    let text = crate::web_http::cli(
        data,
        &["--lang", "en", "indicators", "history", INDICATOR],
        "",
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("target: was Some((value: 50.0, year: 2030)), now None  \"без цілі\""),
        "{text}"
    );
}
