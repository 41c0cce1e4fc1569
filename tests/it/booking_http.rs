//! The booking API against the real server (its clock fixed at Wednesday 20 May 2026, 13:00):
//! twenty teachers at once for the last places, the per-address limit, the code's view and
//! cancellation, a guide's actions, and every refusal with nothing kept.

use std::sync::Arc;

use crate::web_http::{Server, bearer, http};

const JSON: (&str, &str) = ("Content-Type", "application/json");

fn booking(size: u32, phone: &str) -> String {
    serde_json::json!({
        "date": "2026-05-22", "time": "10:00", "group": "school", "size": size, "adults": 0,
        "organisation": "Ліцей № 1", "class": "3-Б", "contact_name": "Олена Петрівна",
        "phone": phone, "email": null, "lang": "uk", "needs": null, "note": null, "consent": true,
    })
    .to_string()
}

#[test]
fn twenty_teachers_at_once_get_the_last_places_once_and_the_code_sees_and_cancels() {
    let server = Arc::new(Server::start());
    let slots = server.request(
        "GET",
        "/api/v1/booking-slots?from=2026-05-20&to=2026-05-22",
        &[],
        b"",
    );
    assert_eq!(slots.status, 200, "{}", slots.text());
    // Teachers book two days ahead at the earliest: only Friday's three slots.
    let listed = slots.json();
    let times: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap())
        .collect();
    assert_eq!(times, ["10:00", "12:00", "14:00"]);
    assert_eq!(listed[0]["date"], "2026-05-22");
    assert_eq!(
        (listed[0]["capacity"].clone(), listed[0]["free"].clone()),
        (30.into(), 30.into())
    );

    // Twenty groups of four at once: seven fit in 30.
    let threads: Vec<_> = (0..20)
        .map(|n| {
            let address = server.address;
            std::thread::spawn(move || {
                let body = booking(4, &format!("+380 67 000 {n:04}"));
                http(
                    address,
                    "POST",
                    "/api/v1/bookings",
                    &[JSON],
                    body.as_bytes(),
                )
            })
        })
        .collect();
    let replies: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let kept: Vec<&crate::web_http::Reply> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(kept.len(), 7);
    for reply in replies.iter().filter(|r| r.status != 201) {
        assert_eq!(reply.status, 409, "{}", reply.text());
        assert_eq!(reply.json()["error"], "full");
    }
    let free = server.request(
        "GET",
        "/api/v1/booking-slots?from=2026-05-22&to=2026-05-22",
        &[],
        b"",
    );
    assert_eq!(free.json()[0]["free"], 2);
    // The same address's 21st request this hour: 429.
    let limited = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        booking(1, "+380 67 999 0000").as_bytes(),
    );
    assert_eq!(limited.status, 429, "{}", limited.text());

    // The code shows the booking without contact details, and cancels it.
    let code = kept[0].json()["code"].as_str().unwrap().to_string();
    assert_eq!(kept[0].json()["status"], "requested");
    let seen = server.request("GET", &format!("/api/v1/bookings/{code}"), &[], b"");
    assert_eq!(seen.status, 200);
    let view = seen.json();
    assert_eq!(
        (view["size"].clone(), view["status"].clone()),
        (4.into(), "requested".into())
    );
    assert!(
        view.get("phone").is_none() && view.get("contact_name").is_none(),
        "{view}"
    );
    let cancelled = server.request("POST", &format!("/api/v1/bookings/{code}/cancel"), &[], b"");
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    assert_eq!(cancelled.json()["status"], "cancelled");
    let again = server.request("POST", &format!("/api/v1/bookings/{code}/cancel"), &[], b"");
    assert_eq!(again.status, 409);
    assert_eq!(
        server
            .request("GET", "/api/v1/bookings/NOPE", &[], b"")
            .status,
        404
    );

    // Guides only, for the list and the actions.
    assert_eq!(
        server.request("GET", "/api/v1/bookings", &[], b"").status,
        401
    );
    let code2 = kept[1].json()["code"].as_str().unwrap().to_string();
    assert_eq!(
        server
            .request(
                "POST",
                &format!("/api/v1/bookings/{code2}/confirm"),
                &[],
                b""
            )
            .status,
        401
    );
}

#[test]
fn a_guide_confirms_declines_and_moves_and_wrong_bookings_keep_nothing() {
    let server = Server::start();
    let guide = bearer(&server.token("olena"));
    let as_guide = [("Authorization", guide.as_str()), JSON];

    // A guide's booking is confirmed at once, and may be for today.
    let today = serde_json::json!({
        "date": "2026-05-20", "time": "14:00", "group": "school", "size": 25, "adults": 3,
        "organisation": "Гімназія № 2", "contact_name": "Ігор", "phone": "067 123 45 67",
        "lang": "uk", "consent": true,
    });
    let phoned = server.request(
        "POST",
        "/api/v1/bookings",
        &as_guide,
        today.to_string().as_bytes(),
    );
    assert_eq!(phoned.status, 201, "{}", phoned.text());
    assert_eq!(phoned.json()["status"], "confirmed");

    // Refusals, each with nothing kept: a teacher for today (not on offer), the same phone again,
    // a form with mistakes naming the fields, bad JSON.
    let teacher_today = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON],
        today.to_string().as_bytes(),
    );
    assert_eq!(teacher_today.status, 400);
    assert_eq!(teacher_today.json()["error"], "not_offered");
    let twice = server.request(
        "POST",
        "/api/v1/bookings",
        &as_guide,
        today.to_string().as_bytes(),
    );
    assert_eq!(twice.status, 409);
    assert_eq!(twice.json()["error"], "duplicate");
    let wrong = serde_json::json!({"date": "2026-05-22", "time": "10:00", "group": "school",
        "size": 600, "organisation": "", "contact_name": "Ігор", "phone": "12", "consent": false});
    let refused = server.request(
        "POST",
        "/api/v1/bookings",
        &[JSON, ("Accept-Language", "en")],
        wrong.to_string().as_bytes(),
    );
    assert_eq!(refused.status, 400);
    let message = refused.json()["message"].as_str().unwrap().to_string();
    for field in ["600", "organisation", "\"12\"", "consent"] {
        assert!(message.contains(field), "{field}: {message}");
    }
    assert_eq!(
        server
            .request("POST", "/api/v1/bookings", &[JSON], b"{nope")
            .status,
        400
    );
    let all = server.request(
        "GET",
        "/api/v1/bookings?from=2026-05-01&to=2026-06-30",
        &as_guide,
        b"",
    );
    assert_eq!(all.json().as_array().unwrap().len(), 1);

    // A teacher's request: declined needs a reason; moved onto a full slot is refused.
    let request = |time: &str, size: u32, phone: &str| {
        let body = serde_json::json!({
            "date": "2026-05-22", "time": time, "group": "school", "size": size,
            "organisation": "Ліцей № 1", "contact_name": "Олена", "phone": phone, "lang": "en",
            "consent": true,
        });
        let reply = server.request(
            "POST",
            "/api/v1/bookings",
            &[JSON],
            body.to_string().as_bytes(),
        );
        assert_eq!(reply.status, 201, "{}", reply.text());
        reply.json()["code"].as_str().unwrap().to_string()
    };
    let small = request("10:00", 10, "+380 50 000 0001");
    let big = request("12:00", 25, "+380 50 000 0002");
    let act = |code: &str, action: &str, body: serde_json::Value| {
        server.request(
            "POST",
            &format!("/api/v1/bookings/{code}/{action}"),
            &as_guide,
            body.to_string().as_bytes(),
        )
    };
    assert_eq!(act(&small, "decline", serde_json::json!({})).status, 400);
    let moved = act(
        &small,
        "move",
        serde_json::json!({"date": "2026-05-22", "time": "12:00"}),
    );
    assert_eq!(moved.status, 409, "{}", moved.text());
    assert_eq!(moved.json()["error"], "full");
    let confirmed = act(&big, "confirm", serde_json::json!({}));
    assert_eq!(confirmed.status, 200);
    assert_eq!(confirmed.json()["status"], "confirmed");
    assert_eq!(confirmed.json()["phone"], "+380 50 000 0002");
    // The year's forecast counts both confirmed bookings ahead.
    let status = server.request("GET", "/api/v1/status", &as_guide, b"");
    assert_eq!(status.json()["booked_ahead"], 28 + 25);
    assert_eq!(act(&big, "explode", serde_json::json!({})).status, 404);
}

#[test]
fn the_server_erases_contact_details_past_retention_by_itself() {
    // Booked on 1 April for 6 April; the server starts on 20 May, 44 days after the visit.
    let data = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "booking",
            "add",
            "--date",
            "2026-04-06",
            "--time",
            "10:00",
            "--group",
            "school",
            "--size",
            "20",
            "--organisation",
            "Ліцей № 1",
            "--contact-name",
            "Олена",
            "--phone",
            "+380 67 123 45 67",
            "--email",
            "olena@school.km.ua",
            "--consent",
        ])
        .current_dir(crate::repo())
        .env("TOURCENTRE_NOW", "2026-04-01T09:00:00+03:00")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let add = crate::web_http::cli(
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
    assert!(add.status.success());
    let server = Server::on(data);
    let guide = bearer(&server.token("olena"));
    let erased = || {
        let reply = server.request(
            "GET",
            "/api/v1/bookings?from=2026-04-01&to=2026-04-30",
            &[("Authorization", guide.as_str())],
            b"",
        );
        let booking = reply.json()[0].clone();
        booking["phone"].is_null()
            && booking["email"].is_null()
            && booking["contact_name"].is_null()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !erased() {
        assert!(std::time::Instant::now() < deadline, "not erased");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
