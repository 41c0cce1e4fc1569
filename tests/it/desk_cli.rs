//! The guides' commands as a guide runs them: figures checked by hand, refusals that change
//! nothing, files in and out, both languages.

use std::path::Path;

use tourcentre::store::{self, VisitorStore};

use crate::{stderr, stdout, tourcentre};

fn ok(args: &[&str], data: &Path) -> String {
    let out = tourcentre(args, data);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}\nstdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// `ok` for a command line whose arguments have no spaces.
fn ok_line(command: &str, data: &Path) -> String {
    ok(&command.split_whitespace().collect::<Vec<_>>(), data)
}

fn refused(args: &[&str], data: &Path) -> String {
    let out = tourcentre(args, data);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} was not refused: {err}"
    );
    assert!(!err.trim().is_empty(), "{args:?}: a refusal says why");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Everything the store holds, as text, to compare before and after a refused command.
fn snapshot(data: &Path) -> String {
    let store = store::open(data).unwrap();
    let mut rows = vec![format!("{:?}", store.totals().unwrap())];
    store
        .export_rows(&mut |row| {
            rows.push(format!("{row:?}"));
            Ok(())
        })
        .unwrap();
    rows.join("\n")
}

const CALENDAR: &str = r#"(
    target: 1000,
    open_weekdays: [Mon, Tue, Wed, Thu, Fri],
    closed_dates: ["2025-01-01"],
    month_weights: Some([2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
)
"#;

#[test]
fn status_json_matches_hand_computed_figures_field_by_field() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("visitors.ron"), CALENDAR).unwrap();
    let csv = data.path().join("january.csv");
    std::fs::write(
        &csv,
        "date,count,category,note\n2025-01-06,30,school,5-A\n2024-12-31,40,adult,last year\n2025-02-03,9,other,after as-of\n",
    )
    .unwrap();
    ok(&["visitors", "import", csv.to_str().unwrap()], data.path());
    ok_line(
        "visit add --count 10 --category family --date 2025-01-15",
        data.path(),
    );
    // A Saturday: the centre is closed, but visitors who came still count.
    ok_line(
        "visit add --count 5 --category adult --date 2025-01-18",
        data.path(),
    );
    ok_line(
        "tour start --group school --size 25 --at 2025-01-20T10:00",
        data.path(),
    );
    // 23:30 in Kyiv is still 31 January; 22:30 UTC the same evening is already 1 February there.
    ok_line(
        "tour start --group student --size 12 --at 2025-01-31T23:30",
        data.path(),
    );
    ok_line(
        "tour start --group adult --size 7 --at 2025-01-31T22:30:00Z",
        data.path(),
    );

    let json: serde_json::Value = serde_json::from_str(&ok_line(
        "visitors status --as-of 2025-01-31 --format json",
        data.path(),
    ))
    .unwrap();
    // 2025 starts on a Wednesday: 261 weekdays, less 1 January = 260 open days. January has 23
    // weekdays, less the 1st = 22 elapsed; 238 left. Weights: January 2, the rest 1, so the
    // elapsed weight is 44 and the total 44 + 238 = 282.
    let to_date = 30 + 10 + 5 + 25 + 12;
    assert_eq!(json["year"], 2025);
    assert_eq!(json["as_of"], "2025-01-31");
    assert_eq!(json["target"], 1000);
    assert_eq!(json["visitors_to_date"], to_date);
    assert_eq!(json["operating_days_elapsed"], 22);
    assert_eq!(json["operating_days_left"], 238);
    let expected = json["expected_to_date"].as_f64().unwrap();
    assert!(
        (expected - 1000.0 * 44.0 / 282.0).abs() < 1e-9,
        "{expected}"
    ); // 156.03
    let projected = json["projected_year_end"].as_f64().unwrap();
    assert!(
        (projected - 82.0 / 44.0 * 282.0).abs() < 1e-9,
        "{projected}"
    ); // 525.55
    assert_eq!(json["required_per_operating_day"], 4); // ceil(918 / 238) = ceil(3.86)
    assert_eq!(json["status"], "off_track"); // 525.55 < 900
    assert_eq!(
        json["by_category"],
        serde_json::json!({"school": 55, "student": 12, "adult": 5, "family": 10, "other": 0})
    );
    let months = json["by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], serde_json::json!({"month": 1, "visitors": 82}));
    assert_eq!(months[1], serde_json::json!({"month": 2, "visitors": 0}));
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 15, "{keys:?}");
    // No bookings: nothing booked ahead, no rate yet, the year end secured is what came.
    assert_eq!(json["booked_ahead"], 0);
    assert_eq!(json["no_show_rate"], serde_json::Value::Null);
    assert_eq!(json["secured_year_end"], f64::from(to_date));

    // The whole year: February's visit and the 1 February tour now count.
    let year: serde_json::Value = serde_json::from_str(&ok_line(
        "visitors status --year 2025 --format json",
        data.path(),
    ))
    .unwrap();
    assert_eq!(year["as_of"], "2025-12-31");
    assert_eq!(year["visitors_to_date"], to_date + 9 + 7);
    assert_eq!(year["operating_days_left"], 0);
    assert_eq!(year["by_month"][1]["visitors"], 16);
}

#[test]
fn a_day_at_the_desk_in_ukrainian_and_english() {
    let data = tempfile::tempdir().unwrap();
    let id = ok_line(
        "tour start --group school --size 23 --guide Олена",
        data.path(),
    );
    let id = id.trim();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    let list = ok_line("tour list", data.path());
    assert!(list.contains("Відкриті екскурсії: 1"), "{list}");
    assert!(list.contains(&id[..8]), "{list}");
    let ended = ok(&["tour", "end", &id[..8]], data.path());
    assert!(ended.contains("завершено"), "{ended}");
    let added = ok_line("visit add --count 3 --category family", data.path());
    assert!(added.contains("Додано 3 відвідувачі"), "{added}");
    assert!(added.contains("Усього за день: 26"), "{added}");
    let status = ok_line("visitors status", data.path());
    assert!(status.contains("Уже прийшло: 26 з 27000"), "{status}");
    assert!(status.contains("Стан:"), "{status}");
    let status = ok_line("--lang en visitors status", data.path());
    assert!(status.contains("So far: 26 of 27000"), "{status}");
    assert!(status.contains("Needed per open day") || status.contains("No open days left"));
    let list: serde_json::Value =
        serde_json::from_str(&ok_line("tour list --format json", data.path())).unwrap();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["open"], false);
}

#[test]
fn open_tours_are_listed_first_whatever_day_they_started() {
    let data = tempfile::tempdir().unwrap();
    let old = ok_line(
        "tour start --group adult --size 5 --at 2025-03-03T10:00",
        data.path(),
    );
    let done = ok_line(
        "tour start --group school --size 20 --at 2025-03-04T09:00",
        data.path(),
    );
    ok(
        &["tour", "end", done.trim(), "--at", "2025-03-04T10:00"],
        data.path(),
    );
    let list: serde_json::Value = serde_json::from_str(&ok_line(
        "tour list --date 2025-03-04 --format json",
        data.path(),
    ))
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["id"], old.trim());
    assert_eq!(list[0]["open"], true);
    assert_eq!(list[1]["id"], done.trim());
}

#[test]
fn bad_input_exits_1_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let tour = ok_line(
        "tour start --group school --size 20 --at 2025-03-04T09:00",
        data.path(),
    );
    let tour = tour.trim().to_string();
    let ended = ok_line(
        "tour start --group adult --size 4 --at 2025-03-04T09:00",
        data.path(),
    );
    ok(
        &["tour", "end", ended.trim(), "--at", "2025-03-04T09:30"],
        data.path(),
    );
    ok_line(
        "visit add --count 3 --category family --date 2025-03-04",
        data.path(),
    );
    let bad_csv = data.path().join("bad.csv");
    std::fs::write(
        &bad_csv,
        "date,count,category\n2025-03-01,4,school\n2025-02-30,4,school\n2025-03-02,0,school\n2025-03-03,4,pupils\n",
    )
    .unwrap();
    std::fs::write(data.path().join("binary.csv"), [0u8, 159, 146, 150]).unwrap();
    let before = snapshot(data.path());

    let tour_end = format!("tour end {tour} --at 2025-03-04T08:59");
    let end_again = format!("tour end {}", ended.trim());
    // Each command line, and what its refusal must name.
    let cases: [(&str, &str); 21] = [
        ("tour start --group school --size 0", "--size"),
        ("tour start --group school --size 501", "--size"),
        ("tour start --group school --size -3", "--size"),
        (
            "tour start --group pupils --size 5",
            "school, student, adult, family, other",
        ),
        (
            "tour start --group school --size 5 --at 2999-01-01T10:00",
            "--at",
        ),
        ("tour start --group school --size 5 --at yesterday", "--at"),
        (
            "tour start --group school --size 5 --at 2026-03-29T03:30",
            "--at",
        ),
        ("tour end 00000000", "00000000"),
        ("tour end not-an-id!", "not-an-id!"),
        (&end_again, "2025-03-04 09:30"),
        (&tour_end, "2025-03-04 09:00"),
        ("visit add --count 0 --category adult", "--count"),
        ("visit add --count 501 --category adult", "--count"),
        ("visit add --count 5 --category kids", "--category"),
        (
            "visit add --count 5 --category adult --date 2025-13-01",
            "--date",
        ),
        (
            "visit add --count 5 --category adult --date 04.03.2025",
            "--date",
        ),
        (
            "visit add --count 5 --category adult --date 2999-01-01",
            "--date",
        ),
        ("visitors status --as-of 2999-01-01", "--as-of"),
        ("visitors status --year 1999", "--year"),
        ("visitors status --year 2024 --as-of 2025-01-01", "--as-of"),
        ("visitors import no-such-file.csv", "no-such-file.csv"),
    ];
    for (command, named) in cases {
        let args: Vec<&str> = command.split_whitespace().collect();
        let err = refused(&args, data.path());
        assert!(err.contains(named), "{command} should name {named}: {err}");
    }
    let path = bad_csv.to_str().unwrap();
    let err = refused(&["--lang", "en", "visitors", "import", path], data.path());
    for line in [3, 4, 5] {
        assert!(
            err.contains(&format!("{path}:{line}: ")),
            "line {line}: {err}"
        );
    }
    assert!(!err.contains(&format!("{path}:2:")), "{err}");
    assert!(err.contains("Nothing was imported"), "{err}");
    let binary = data.path().join("binary.csv");
    refused(
        &["visitors", "import", binary.to_str().unwrap()],
        data.path(),
    );
    assert_eq!(snapshot(data.path()), before);
    // Usage errors are clap's: exit 2.
    assert_eq!(
        tourcentre(&["tour", "start", "--size", "5"], data.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn import_is_refused_the_second_time_and_export_round_trips() {
    let data = tempfile::tempdir().unwrap();
    let a = data.path().join("a");
    let csv = data.path().join("visits.csv");
    // A spreadsheet's file: byte-order mark, Windows line ends, a quoted note with a comma and a
    // note that a spreadsheet would run as a formula.
    std::fs::write(
        &csv,
        "\u{feff}date,count,category,note\r\n2025-05-05,12,school,\"5-Б, школа №3\"\r\n2025-05-06,3,family,=1+2\r\n2025-05-06,1,other,\r\n",
    )
    .unwrap();
    let done = ok(
        &["--lang", "en", "visitors", "import", csv.to_str().unwrap()],
        &a,
    );
    assert!(done.contains("3 rows, 16 visitors"), "{done}");
    let again = refused(
        &["--lang", "en", "visitors", "import", csv.to_str().unwrap()],
        &a,
    );
    assert!(again.contains("already imported"), "{again}");
    ok_line(
        "tour start --group student --size 30 --guide Петро --at 2025-05-07T10:00",
        &a,
    );

    let exported = data.path().join("export.csv");
    let out = ok(&["visitors", "export", exported.to_str().unwrap()], &a);
    assert!(out.contains("4"), "{out}");
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("date,count,category,note\n"), "{text}");
    assert!(text.contains("2025-05-06,3,family,'=1+2"), "{text}");
    assert!(text.contains("2025-05-07,30,student,tour "), "{text}");
    // Back into the same store would count everyone twice.
    let back = refused(
        &[
            "--lang",
            "en",
            "visitors",
            "import",
            exported.to_str().unwrap(),
        ],
        &a,
    );
    assert!(back.contains("exported from this same store"), "{back}");

    let b = data.path().join("b");
    ok(&["visitors", "import", exported.to_str().unwrap()], &b);
    let status = |dir: &Path| -> serde_json::Value {
        serde_json::from_str(&ok_line("visitors status --year 2025 --format json", dir)).unwrap()
    };
    assert_eq!(status(&a), status(&b));
    assert_eq!(status(&b)["visitors_to_date"], 46);
    let store_b = store::open(&b).unwrap();
    let mut notes = Vec::new();
    store_b
        .export_rows(&mut |row| {
            if let store::ExportRow::Visit(visit) = row {
                notes.extend(visit.note);
            }
            Ok(())
        })
        .unwrap();
    assert!(notes.contains(&"=1+2".to_string()), "{notes:?}");
    assert!(notes.contains(&"5-Б, школа №3".to_string()), "{notes:?}");
}

#[test]
fn a_damaged_or_foreign_store_is_named_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join(store::DATABASE_FILE_NAME);
    std::fs::write(&file, "this is a spreadsheet, not a database").unwrap();
    let err = refused(
        &["visit", "add", "--count", "1", "--category", "adult"],
        data.path(),
    );
    assert!(err.contains(store::DATABASE_FILE_NAME), "{err}");
    assert!(err.contains("Нічого не змінено"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "this is a spreadsheet, not a database"
    );
    let not_a_dir = data.path().join("a-file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let err = refused(&["--lang", "en", "tour", "list"], &not_a_dir);
    assert!(err.contains("a-file"), "{err}");
}

#[test]
fn check_reads_visitors_ron_as_the_calendar() {
    let data = tempfile::tempdir().unwrap();
    let calendar = data.path().join("visitors.ron");
    std::fs::write(&calendar, CALENDAR).unwrap();
    ok(&["check", calendar.to_str().unwrap()], data.path());
    std::fs::write(
        &calendar,
        "(\n    target: 1000\n    open_weekdays: [Mon],\n)\n",
    )
    .unwrap();
    let out = tourcentre(&["check", calendar.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{}:3:", calendar.display())),
        "{}",
        stdout(&out)
    );
    std::fs::write(
        &calendar,
        "(open_weekdays: [], month_weights: Some([1, 2]))",
    )
    .unwrap();
    let out = tourcentre(&["check", calendar.to_str().unwrap()], data.path());
    let text = stdout(&out);
    assert!(
        text.contains("open_weekdays:") && text.contains("month_weights:"),
        "{text}"
    );
    // The status command refuses to count with a broken calendar, naming it.
    let err = refused(&["visitors", "status"], data.path());
    assert!(err.contains("visitors.ron"), "{err}");
    // Nothing else in the store changed: no store file was even needed.
    let store = store::open(data.path()).unwrap();
    assert_eq!(store.totals().unwrap().visit_rows, 0);
}

#[test]
fn check_names_the_field_of_a_bad_bookings_setting() {
    let data = tempfile::tempdir().unwrap();
    let calendar = data.path().join("visitors.ron");
    std::fs::write(
        &calendar,
        "(\n    target: 27000,\n    bookings: (slots: [\"10:00\", \"9:30\"], capacity: 0, horizon_days: 90),\n)\n",
    )
    .unwrap();
    let out = tourcentre(
        &["--lang", "en", "check", calendar.to_str().unwrap()],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{}: bookings.slots: \"9:30\" is not a time",
            calendar.display()
        )),
        "{text}"
    );
    assert!(
        text.contains("bookings.capacity: 0 is out of range"),
        "{text}"
    );
    let out = tourcentre(&["check", calendar.to_str().unwrap()], data.path());
    assert!(
        stdout(&out).contains("bookings.capacity: 0 поза межами"),
        "{}",
        stdout(&out)
    );
    // A misspelt setting is found where it is.
    std::fs::write(
        &calendar,
        "(\n    bookings: (\n        lead_dayz: 2,\n    ),\n)\n",
    )
    .unwrap();
    let out = tourcentre(&["check", calendar.to_str().unwrap()], data.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{}:3:", calendar.display())),
        "{}",
        stdout(&out)
    );
    // Good settings pass.
    std::fs::write(
        &calendar,
        "(bookings: (slots: [\"09:30\", \"13:00\"], capacity: 25, lead_days: 0, horizon_days: 60))",
    )
    .unwrap();
    ok(&["check", calendar.to_str().unwrap()], data.path());
}

/// Root ignores file permissions, so a read-only directory is borrowed from the kernel: procfs
/// refuses to create files whoever asks.
#[cfg(target_os = "linux")]
#[test]
fn a_read_only_data_dir_is_named_not_a_panic() {
    let read_only = Path::new("/proc/self");
    let err = refused(
        &[
            "--lang",
            "en",
            "visit",
            "add",
            "--count",
            "1",
            "--category",
            "adult",
        ],
        read_only,
    );
    assert!(err.contains("read-only"), "{err}");
    assert!(err.contains("/proc/self"), "{err}");
}
