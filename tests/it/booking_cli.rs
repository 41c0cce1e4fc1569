//! `tourcentre booking ...` as a guide runs it, at fixed moments: a booking taken by phone, a
//! full slot and a form with every mistake refused with nothing kept, a move, a day closed at
//! short notice, an arrival that becomes the tour, a no-show, the year's forecast, the erasure.

use std::path::Path;
use std::process::{Command, Output};

use crate::{repo, stderr, stdout};

/// The binary at `now` (RFC 3339, Kyiv time), in Ukrainian.
fn at(now: &str, args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .args(args)
        .current_dir(repo())
        .env("TOURCENTRE_DATA", data)
        .env("TOURCENTRE_NOW", now)
        .env_remove("TOURCENTRE_LANG")
        .output()
        .expect("the tourcentre binary runs")
}

fn ok(now: &str, args: &[&str], data: &Path) -> String {
    let out = at(now, args, data);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn refused(now: &str, args: &[&str], data: &Path) -> String {
    let out = at(now, args, data);
    assert_eq!(out.status.code(), Some(1), "{args:?} was not refused");
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    err
}

const MONDAY: &str = "2026-05-04T08:00:00+03:00";

fn add(data: &Path, date: &str, time: &str, size: &str, phone: &str) -> Output {
    at(
        MONDAY,
        &[
            "booking",
            "add",
            "--date",
            date,
            "--time",
            time,
            "--group",
            "school",
            "--size",
            size,
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
            "--consent",
        ],
        data,
    )
}

fn json(now: &str, args: &[&str], data: &Path) -> serde_json::Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok(now, &args, data)).unwrap()
}

#[test]
fn a_guide_takes_moves_and_closes_bookings_and_the_forecast_counts_them() {
    let data = tempfile::tempdir().unwrap();
    let data = data.path();

    // Taken by phone: confirmed at once; the code alone on standard output.
    let first = add(data, "2026-05-12", "10:00", "24", "+380 67 123 45 67");
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let code = stdout(&first).trim().to_string();
    assert_eq!(code.len(), 12, "{code}");
    assert!(
        stderr(&first).contains("підтверджено"),
        "{}",
        stderr(&first)
    );

    // 26 of 30 places taken: a group of 10 is refused, and so is a form full of mistakes.
    let full = add(data, "2026-05-12", "10:00", "8", "067 000 11 22");
    assert_eq!(full.status.code(), Some(1));
    assert!(
        stderr(&full).contains("вільні 4 місця"),
        "{}",
        stderr(&full)
    );
    let wrong = refused(
        MONDAY,
        &[
            "booking",
            "add",
            "--date",
            "2026-05-12",
            "--time",
            "10:30",
            "--group",
            "school",
            "--size",
            "0",
            "--organisation",
            " ",
            "--contact-name",
            "Ігор",
            "--phone",
            "12",
        ],
        data,
    );
    for problem in ["10:30", "Розмір групи 0", "Заклад", "«12»", "згода"] {
        assert!(wrong.contains(problem), "{problem}: {wrong}");
    }
    let listed = json(MONDAY, &["booking", "list", "--from", "2026-05-11"], data);
    assert_eq!(listed.as_array().unwrap().len(), 1, "nothing else was kept");
    assert_eq!(listed[0]["people"], 26);
    assert_eq!(listed[0]["phone"], "+380 67 123 45 67");

    // The year's forecast counts the confirmed booking ahead.
    let status = json(MONDAY, &["visitors", "status"], data);
    assert_eq!(status["booked_ahead"], 26);
    assert_eq!(status["no_show_rate"], serde_json::Value::Null);
    assert_eq!(status["secured_year_end"], 26.0);

    // Moved to Wednesday, then Wednesday closes at short notice: cancelled, and the teacher to
    // tell is listed with the phone.
    ok(
        MONDAY,
        &[
            "booking",
            "move",
            &code,
            "--date",
            "2026-05-13",
            "--time",
            "12:00",
        ],
        data,
    );
    let closed = ok(
        MONDAY,
        &[
            "booking",
            "close-day",
            "2026-05-13",
            "--reason",
            "Повітряна тривога",
        ],
        data,
    );
    assert!(closed.contains("скасовано бронювань: 1"), "{closed}");
    assert!(closed.contains("+380 67 123 45 67"), "{closed}");
    let calendar = std::fs::read_to_string(data.join("visitors.ron")).unwrap();
    assert!(calendar.contains("\"2026-05-13\""), "{calendar}");
    let cancelled = json(MONDAY, &["booking", "show", &code], data);
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["reason"], "Повітряна тривога");
    assert!(refused(MONDAY, &["booking", "confirm", &code], data).contains("скасовано"));
    assert_eq!(
        json(MONDAY, &["visitors", "status"], data)["booked_ahead"],
        0
    );

    // Today's 10:00 group: arrives with 22 people (the tour starts); Tuesday's does not come.
    let today = stdout(&add(data, "2026-05-04", "10:00", "20", "+380501112233"))
        .trim()
        .to_string();
    let tuesday = stdout(&add(data, "2026-05-05", "12:00", "18", "+380501112234"))
        .trim()
        .to_string();
    let too_early = refused(MONDAY, &["booking", "no-show", &today], data);
    assert!(too_early.contains("після початку візиту"), "{too_early}");
    let arrived = json(
        "2026-05-04T10:05:00+03:00",
        &["booking", "arrive", &today, "--people", "22"],
        data,
    );
    assert_eq!(arrived["status"], "arrived");
    let tours = json("2026-05-04T10:06:00+03:00", &["tour", "list"], data);
    assert_eq!(tours[0]["size"], 22);
    assert_eq!(tours[0]["id"], arrived["tour_id"]);
    ok(
        "2026-05-05T13:00:00+03:00",
        &["booking", "no-show", &tuesday],
        data,
    );
    // No-shows: 20 booked people of 22 + 20 settled.
    let status = json("2026-05-05T13:00:00+03:00", &["visitors", "status"], data);
    let rate = status["no_show_rate"].as_f64().unwrap();
    assert!((rate - 20.0 / 42.0).abs() < 1e-9, "{rate}");
    assert_eq!(status["visitors_to_date"], 22);

    // Thirty days after a visit, its contact details go (the 13 May one keeps them until 12
    // June); the counts stay.
    let purge = ok("2026-06-10T09:00:00+03:00", &["booking", "purge"], data);
    assert!(purge.contains(": 2"), "{purge}");
    let erased = json(
        "2026-06-10T09:00:00+03:00",
        &[
            "booking",
            "list",
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-31",
        ],
        data,
    );
    let phones: Vec<(&str, bool)> = erased
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["date"].as_str().unwrap(),
                b["phone"].is_null() && b["contact_name"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        phones,
        [
            ("2026-05-04", true),
            ("2026-05-05", true),
            ("2026-05-13", false)
        ]
    );
    let status = json("2026-06-10T09:00:00+03:00", &["visitors", "status"], data);
    assert_eq!(status["visitors_to_date"], 22);
}

#[test]
fn the_desk_lists_the_teachers_to_phone_and_marks_one_told() {
    let data = tempfile::tempdir().unwrap();
    let data = data.path();
    let first = add(data, "2026-05-12", "10:00", "20", "+380 67 123 45 67");
    let code = stdout(&first).trim().to_string();
    // Taken on the phone: nobody to phone back.
    assert_eq!(
        ok(MONDAY, &["booking", "tell"], data).trim(),
        "Нікого не треба повідомляти."
    );
    ok(
        MONDAY,
        &[
            "booking",
            "move",
            &code,
            "--date",
            "2026-05-13",
            "--time",
            "12:00",
        ],
        data,
    );
    let listed = ok(MONDAY, &["booking", "tell", "--format", "json"], data);
    let items: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 1, "{listed}");
    let item = &items[0];
    assert_eq!(
        (&item["code"], &item["event"], &item["why"], &item["phone"]),
        (
            &serde_json::json!(code),
            &serde_json::json!("moved"),
            &serde_json::json!("no_mail"),
            &serde_json::json!("+380 67 123 45 67")
        )
    );
    let text = ok(MONDAY, &["booking", "tell"], data);
    assert!(
        text.contains("Візит перенесено: 2026-05-13 12:00")
            && text.contains("Олена Петрівна +380 67 123 45 67 (листи не надсилаються)"),
        "{text}"
    );
    let id = item["id"].to_string();
    let told = ok(MONDAY, &["booking", "told", &id], data);
    assert!(told.contains("вчителя повідомлено"), "{told}");
    assert_eq!(
        ok(MONDAY, &["booking", "tell"], data).trim(),
        "Нікого не треба повідомляти."
    );
    let again = refused(MONDAY, &["booking", "told", &id], data);
    assert!(again.contains("уже закрите"), "{again}");
    let nonsense = refused(MONDAY, &["booking", "told", "abc"], data);
    assert!(nonsense.contains("abc"), "{nonsense}");

    // A mail.ron with a problem is said, and the teachers are still listed to phone.
    std::fs::write(data.join("mail.ron"), "(server: \"smtp.example.org\")\n").unwrap();
    ok(
        MONDAY,
        &["booking", "cancel", &code, "--reason", "Повітряна тривога"],
        data,
    );
    let out = at(MONDAY, &["booking", "tell"], data);
    assert!(stdout(&out).contains("Візит скасовано"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("mail.ron: sender:") || stderr(&out).contains("mail.ron: sender"),
        "{}",
        stderr(&out)
    );
}
