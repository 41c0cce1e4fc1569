//! `GET /api/v1/openapi.json`: served to anyone, OpenAPI 3.1, sound in itself, and true of the
//! server. Every `/api/v1` route the code registers is in it (read from the source, so a route
//! added without its description fails here), every operation in it is served, and the answers
//! of a real session at the desk, successes and refusals alike, have a documented status and
//! match their documented schema.
//!
//! Re-run alone with `cargo nextest run --no-default-features openapi`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::repo;
use crate::web_http::{Reply, Server};

const METHODS: [&str; 8] = [
    "get", "post", "put", "patch", "delete", "head", "options", "trace",
];

/// The source of `src/web/*.rs`, comment lines left out, by file name.
fn web_sources() -> BTreeMap<String, String> {
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(repo().join("src/web")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let code: Vec<&str> = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            sources.insert(name, code.join("\n"));
        }
    }
    sources
}

/// The string literal that opens `text` (after blanks), if any.
fn leading_literal(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

/// The first argument of every `call(` in `code` that is a string literal.
fn literal_arguments<'a>(code: &'a str, call: &str) -> Vec<&'a str> {
    code.match_indices(call)
        .filter_map(|(at, _)| leading_literal(&code[at + call.len()..]))
        .collect()
}

/// (METHOD, path) of every `#[utoipa::path(method, path = "...")]` in `code`.
fn annotated_operations(code: &str) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (at, _) in code.match_indices("#[utoipa::path(") {
        let attribute = &code[at + "#[utoipa::path(".len()..];
        let method = attribute
            .trim_start()
            .split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap();
        assert!(METHODS.contains(&method), "a method first: {attribute:.80}");
        let path_at = attribute.find("path =").expect("a path in the attribute");
        let path = leading_literal(&attribute[path_at + "path =".len()..]).unwrap();
        operations.insert((method.to_uppercase(), path.to_string()));
    }
    operations
}

/// (METHOD, path) of every operation of the document.
fn documented_operations(document: &Value) -> BTreeSet<(String, String)> {
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, _) in item.as_object().unwrap() {
            assert!(METHODS.contains(&method.as_str()), "{method} {path}");
            operations.insert((method.to_uppercase(), path.clone()));
        }
    }
    operations
}

/// Every `$ref` in `value`, with where it is.
fn references(value: &Value, at: &str, found: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "$ref" {
                    found.push((at.to_string(), inner.as_str().unwrap_or("").to_string()));
                } else {
                    references(inner, &format!("{at}/{key}"), found);
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                references(inner, &format!("{at}/{i}"), found);
            }
        }
        _ => {}
    }
}

fn schema_named<'a>(document: &'a Value, reference: &str) -> &'a Value {
    let name = reference
        .strip_prefix("#/components/schemas/")
        .unwrap_or_else(|| panic!("{reference}: not a schema of components.schemas"));
    let schema = &document["components"]["schemas"][name];
    assert!(schema.is_object(), "{reference} resolves to nothing");
    schema
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// What in `value` does not match `schema` (the JSON Schema the document uses: `$ref`, `type`,
/// `enum`, `format` date and date-time, `minimum`/`maximum`, `required`, `properties`, `items`,
/// `minItems`/`maxItems`). Stricter than JSON Schema on one point: an object may hold no
/// property its schema does not list, so a field that should stay out of the JSON is caught.
fn mismatches(document: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        return mismatches(document, schema_named(document, reference), value, at, out);
    }
    for keyword in ["allOf", "anyOf", "oneOf", "not", "if", "patternProperties"] {
        assert!(
            schema.get(keyword).is_none(),
            "{at}: the check does not know {keyword}; teach it"
        );
    }
    let actual = type_name(value);
    if let Some(wanted) = schema.get("type") {
        let wanted: Vec<&str> = match wanted {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            other => panic!("{at}: type {other}"),
        };
        let fits = wanted.contains(&actual) || (actual == "integer" && wanted.contains(&"number"));
        if !fits {
            out.push(format!("{at}: {actual} where the schema says {wanted:?}"));
            return;
        }
    }
    if let Some(choices) = schema["enum"].as_array()
        && !choices.contains(value)
    {
        out.push(format!("{at}: {value} is none of {choices:?}"));
    }
    if let (Some(format), Some(text)) = (schema["format"].as_str(), value.as_str()) {
        let ok = match format {
            "date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
            "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            _ => true,
        };
        if !ok {
            out.push(format!("{at}: {text:?} is not a {format}"));
        }
    }
    if let Some(number) = value.as_f64() {
        if schema["minimum"].as_f64().is_some_and(|min| number < min) {
            out.push(format!("{at}: {number} under the minimum"));
        }
        if schema["maximum"].as_f64().is_some_and(|max| number > max) {
            out.push(format!("{at}: {number} over the maximum"));
        }
    }
    if let Value::Object(fields) = value {
        let properties = schema["properties"].as_object();
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap();
            if !fields.contains_key(name) {
                out.push(format!("{at}: no {name:?}, which the schema requires"));
            }
        }
        for (name, inner) in fields {
            match properties.and_then(|p| p.get(name)) {
                Some(property) => {
                    mismatches(document, property, inner, &format!("{at}.{name}"), out)
                }
                None => out.push(format!("{at}: {name:?} is not in the schema")),
            }
        }
    }
    if let Value::Array(items) = value {
        let count = items.len() as u64;
        if schema["minItems"].as_u64().is_some_and(|min| count < min) {
            out.push(format!("{at}: {count} items, fewer than minItems"));
        }
        if schema["maxItems"].as_u64().is_some_and(|max| count > max) {
            out.push(format!("{at}: {count} items, more than maxItems"));
        }
        if let Some(item) = schema.get("items") {
            for (i, inner) in items.iter().enumerate() {
                mismatches(document, item, inner, &format!("{at}[{i}]"), out);
            }
        }
    }
}

/// The document, read without credentials.
fn served_document(server: &Server) -> Value {
    let reply = server.request("GET", "/api/v1/openapi.json", &[], b"");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{:?}",
        reply.header("content-type")
    );
    reply.json()
}

#[test]
fn every_api_route_is_described_and_every_description_is_served() {
    let server = Server::start();
    let document = served_document(&server);
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["info"]["title"], "tourcentre");
    assert_eq!(document["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        document["info"]["description"]
            .as_str()
            .is_some_and(|d| d.contains("--format json")),
        "the description says answers equal the command line's JSON"
    );
    let documented = documented_operations(&document);

    // From the source: the operations the handlers' attributes name (utoipa-axum's `routes!`
    // serves each at exactly these), and every /api/v1 path given to axum directly.
    let sources = web_sources();
    let mut annotated = annotated_operations(&sources["api.rs"]);
    annotated.extend(annotated_operations(&sources["booking_api.rs"]));
    assert_eq!(
        annotated, documented,
        "each #[utoipa::path] handler is registered with routes!, and nothing else is described"
    );
    let paths: BTreeSet<&String> = documented.iter().map(|(_, path)| path).collect();
    for (file, code) in &sources {
        for call in [".route(", ".route_service("] {
            for path in literal_arguments(code, call) {
                assert!(
                    !path.starts_with("/api/v1") || paths.contains(&path.to_string()),
                    "src/web/{file}: {path} is served but not in /api/v1/openapi.json: register \
                     it with routes! and a #[utoipa::path] in src/web/api.rs"
                );
            }
        }
        for call in [".nest(", ".nest_service("] {
            for path in literal_arguments(code, call) {
                assert!(
                    !path.starts_with("/api"),
                    "src/web/{file}: nesting {path} hides its routes from this test"
                );
            }
        }
    }
    assert!(paths.contains(&"/api/v1/status".to_string()), "{paths:?}");

    // On the live server: each operation is routed (never the router's 404 or 405). A path with
    // {id} is probed with a made-up id, whose JSON 404 looks like the router's own, so the router
    // is asked too: another method on it is 405 (a path it knows), on a sibling path 404.
    let guide = format!("Bearer {}", server.token("olena"));
    let headers = [
        ("Authorization", guide.as_str()),
        ("Content-Type", "application/json"),
    ];
    for (method, path) in &documented {
        let concrete = path
            .replace("{id}", "0000dead-beef-7000-8000-000000000000")
            .replace("{path}", "items%2Fnewspaper.png")
            .replace("{code}", "AAAABBBBCCCC");
        assert!(
            !concrete.contains('{'),
            "{path}: a parameter the test does not fill"
        );
        let body: &[u8] = if method == "GET" { b"" } else { b"{}" };
        let reply = server.request(method, &concrete, &headers, body);
        assert_ne!(reply.status, 405, "{method} {path}: {}", reply.text());
        if concrete == *path {
            assert_ne!(reply.status, 404, "{method} {path}: {}", reply.text());
        } else {
            let other = if method == "DELETE" { "PUT" } else { "DELETE" };
            assert!(!documented.contains(&(other.to_string(), path.clone())));
            let known = server.request(other, &concrete, &headers, b"");
            assert_eq!(
                known.status, 405,
                "{other} {path}: the router knows the path"
            );
            let sibling = format!("{concrete}/nothing");
            assert_eq!(server.request(other, &sibling, &headers, b"").status, 404);
        }
    }
}

#[test]
fn the_document_is_sound() {
    let server = Server::start();
    let document = served_document(&server);
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["type"], "http");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["bearer"]["bearerFormat"], "tc_<id>_<secret>");
    assert_eq!(schemes["session"]["type"], "apiKey");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "tc_session");

    let mut ids = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, operation) in item.as_object().unwrap() {
            let at = format!("{method} {path}");
            assert!(
                ids.insert(operation["operationId"].to_string()),
                "{at}: operationId twice"
            );
            assert!(operation["summary"].is_string(), "{at}: a summary");
            let responses = operation["responses"].as_object().expect("responses");
            assert!(!responses.is_empty(), "{at}: no responses");
            assert!(
                responses.keys().any(|status| status.starts_with('2')),
                "{at}: no success"
            );
            for (status, response) in responses {
                assert!(response["description"].is_string(), "{at} {status}");
                // A picture for a kiosk is the one answer that is not JSON.
                if path == "/api/v1/assets/{path}" && status == "200" {
                    assert!(
                        response["content"]["image/png"].is_object(),
                        "{at}: a picture"
                    );
                    continue;
                }
                let schema = &response["content"]["application/json"]["schema"];
                assert!(schema.is_object(), "{at} {status}: a JSON schema");
                if status.starts_with('4') {
                    assert_eq!(
                        schema["$ref"], "#/components/schemas/ErrorBody",
                        "{at} {status}"
                    );
                }
            }
            // Every {parameter} of the path is a required path parameter.
            let declared: BTreeSet<&str> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path" && p["required"] == true)
                .filter_map(|p| p["name"].as_str())
                .collect();
            let named: BTreeSet<&str> = path
                .split('/')
                .filter_map(|part| part.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            assert_eq!(declared, named, "{at}: path parameters");
            // Credentials: a token or a session, except for the document itself.
            if path == "/api/v1/openapi.json" {
                assert!(operation.get("security").is_none(), "{at}: open to anyone");
            } else {
                let security = operation["security"].as_array().expect("security");
                let names: BTreeSet<&str> = security
                    .iter()
                    .flat_map(|alternative| alternative.as_object().unwrap().keys())
                    .map(String::as_str)
                    .collect();
                // A kiosk station's routes take only its token; every other route a user's token
                // or a browser session.
                let station_route = [
                    "/api/v1/play-sessions",
                    "/api/v1/heartbeat",
                    "/api/v1/panel",
                    "/api/v1/scenario",
                    "/api/v1/assets/{path}",
                ]
                .contains(&path.as_str());
                let expected = if station_route {
                    BTreeSet::from(["station"])
                } else {
                    BTreeSet::from(["bearer", "session"])
                };
                assert_eq!(names, expected, "{at}");
                // A teacher's booking routes take no credentials (an empty alternative); a
                // guide's token or session there makes the caller a guide.
                let public = [
                    "get /api/v1/booking-slots",
                    "post /api/v1/bookings",
                    "get /api/v1/bookings/{code}",
                    "post /api/v1/bookings/{code}/cancel",
                ]
                .contains(&at.as_str());
                let empty = security
                    .iter()
                    .filter(|a| a.as_object().unwrap().is_empty())
                    .count();
                assert_eq!(empty, usize::from(public), "{at}: open to anyone or not");
                assert!(
                    security.iter().all(|a| a.as_object().unwrap().len() <= 1),
                    "{at}: either one, not both"
                );
                assert!(
                    responses.contains_key("401"),
                    "{at}: 401 without credentials"
                );
            }
            if let Some(body) = operation.get("requestBody") {
                assert!(
                    body["content"]["application/json"]["schema"].is_object(),
                    "{at}: a JSON body"
                );
            }
        }
    }
    assert!(
        document.get("security").is_none(),
        "no credentials by default"
    );

    let mut found = Vec::new();
    references(&document, "#", &mut found);
    assert!(!found.is_empty());
    for (at, reference) in &found {
        assert!(
            reference.starts_with("#/components/schemas/"),
            "{at}: {reference}"
        );
        schema_named(&document, reference);
    }
    // TourRecord's `tour` is #[serde(skip)]: never in the JSON, so never in the schema; and a
    // day's tours are one array of them.
    let schemas = &document["components"]["schemas"];
    assert!(schemas["TourRecord"]["properties"].get("tour").is_none());
    assert_eq!(schemas["DayTours"]["type"], "array");
    assert!(
        !schemas["TourRecord"]["required"]
            .as_array()
            .unwrap()
            .contains(&Value::from("games")),
        "games is left out of single tours"
    );
}

/// Checks each answer against what the document says of its operation and status.
struct Checker {
    document: Value,
    seen: BTreeSet<(String, String, u16)>,
}

impl Checker {
    fn check(&mut self, method: &str, template: &str, reply: &Reply) -> Value {
        let operation = &self.document["paths"][template][method.to_lowercase()];
        assert!(
            operation.is_object(),
            "{method} {template} is not described"
        );
        let response = &operation["responses"][reply.status.to_string()];
        assert!(
            response.is_object(),
            "{method} {template} answered {}, which is not described: {}",
            reply.status,
            reply.text()
        );
        let body = reply.json();
        let schema = &response["content"]["application/json"]["schema"];
        let mut problems = Vec::new();
        mismatches(&self.document, schema, &body, "answer", &mut problems);
        assert!(
            problems.is_empty(),
            "{method} {template} {}: {problems:#?}\n{body:#}",
            reply.status
        );
        self.seen
            .insert((method.to_string(), template.to_string(), reply.status));
        body
    }
}

#[test]
fn answers_match_their_documented_schemas() {
    let server = Server::start();
    let mut checker = Checker {
        document: served_document(&server),
        seen: BTreeSet::new(),
    };
    let guide = format!("Bearer {}", server.token("olena"));
    let economist = format!("Bearer {}", server.token("iryna"));
    let json = [
        ("Authorization", guide.as_str()),
        ("Content-Type", "application/json"),
    ];
    let read = [("Authorization", guide.as_str())];
    let mut call =
        |method: &str, template: &str, path: &str, headers: &[(&str, &str)], body: &[u8]| {
            let reply = server.request(method, path, headers, body);
            checker.check(method, template, &reply)
        };

    let school = call(
        "POST",
        "/api/v1/tours",
        "/api/v1/tours",
        &json,
        "{\"group\": \"school\", \"size\": 24, \"guide\": \"Олена\"}".as_bytes(),
    );
    let family = call(
        "POST",
        "/api/v1/tours",
        "/api/v1/tours",
        &json,
        br#"{"group": "family", "size": 4, "note": "by mistake"}"#,
    );
    let visit = call(
        "POST",
        "/api/v1/visits",
        "/api/v1/visits",
        &json,
        br#"{"count": 7, "category": "family", "date": "2026-05-19"}"#,
    );
    let today = call(
        "POST",
        "/api/v1/visits",
        "/api/v1/visits",
        &json,
        br#"{"count": 3, "category": "adult"}"#,
    );
    let open = call("GET", "/api/v1/tours", "/api/v1/tours", &read, b"");
    assert_eq!(open.as_array().unwrap().len(), 2);

    let school_id = school["id"].as_str().unwrap();
    let end = format!("/api/v1/tours/{school_id}/end");
    let ended = call("POST", "/api/v1/tours/{id}/end", &end, &json, b"");
    assert!(ended["ended_at"].is_string());
    let again = call("POST", "/api/v1/tours/{id}/end", &end, &json, b"");
    assert_eq!(again["error"], "conflict");
    let day = call(
        "GET",
        "/api/v1/tours",
        "/api/v1/tours?date=2026-05-20",
        &read,
        b"",
    );
    assert!(day.as_array().unwrap().iter().any(|t| t["open"] == false));

    let void = format!("/api/v1/tours/{}/void", family["id"].as_str().unwrap());
    call(
        "POST",
        "/api/v1/tours/{id}/void",
        &void,
        &json,
        br#"{"reason": "a test"}"#,
    );
    let blank = call(
        "POST",
        "/api/v1/tours/{id}/void",
        &void,
        &json,
        br#"{"reason": " "}"#,
    );
    assert_eq!(blank["error"], "invalid");
    let gone = call(
        "POST",
        "/api/v1/tours/{id}/void",
        &void,
        &json,
        br#"{"reason": "again"}"#,
    );
    assert_eq!(gone["error"], "not_found");
    let void = format!("/api/v1/visits/{}/void", visit["id"].as_str().unwrap());
    call(
        "POST",
        "/api/v1/visits/{id}/void",
        &void,
        &json,
        br#"{"reason": "a test"}"#,
    );
    let unknown = format!(
        "/api/v1/visits/{}/void",
        "0000dead-beef-7000-8000-000000000000"
    );
    call(
        "POST",
        "/api/v1/visits/{id}/void",
        &unknown,
        &json,
        br#"{"reason": "x"}"#,
    );
    assert!(today["visitors_on_date"].as_u64().unwrap() >= 3);

    let status = call("GET", "/api/v1/status", "/api/v1/status", &read, b"");
    assert_eq!(status["by_month"].as_array().unwrap().len(), 12);
    call(
        "GET",
        "/api/v1/status",
        "/api/v1/status?year=2026&as_of=2026-05-19",
        &read,
        b"",
    );
    call(
        "GET",
        "/api/v1/status",
        "/api/v1/status?as_of=someday",
        &read,
        b"",
    );
    let progress = call(
        "GET",
        "/api/v1/indicators/progress",
        "/api/v1/indicators/progress",
        &[("Authorization", economist.as_str())],
        b"",
    );
    assert!(!progress.as_array().unwrap().is_empty());

    // Refusals.
    call("GET", "/api/v1/status", "/api/v1/status", &[], b"");
    call(
        "POST",
        "/api/v1/tours",
        "/api/v1/tours",
        &[
            ("Authorization", economist.as_str()),
            ("Content-Type", "application/json"),
        ],
        br#"{"group": "school", "size": 20}"#,
    );
    call(
        "POST",
        "/api/v1/tours",
        "/api/v1/tours",
        &json,
        br#"{"group": "robots", "size": 3}"#,
    );
    call(
        "POST",
        "/api/v1/tours",
        "/api/v1/tours",
        &json,
        br#"{"group": "school", "size": 3, "colour": "red"}"#,
    );
    let huge = format!(
        "{{\"count\": 1, \"category\": \"adult\", \"note\": \"{}\"}}",
        "x".repeat(1024 * 1024 + 1)
    );
    let too_large = call(
        "POST",
        "/api/v1/visits",
        "/api/v1/visits",
        &json,
        huge.as_bytes(),
    );
    assert_eq!(too_large["error"], "too_large");

    let seen: BTreeSet<u16> = checker.seen.iter().map(|(_, _, status)| *status).collect();
    assert_eq!(
        seen,
        BTreeSet::from([200, 201, 400, 401, 403, 404, 409, 413]),
        "the statuses this test means to see"
    );
}
