use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::game::{PlaySession, SessionAnswer, SessionRecorder};
use crate::i18n::Lang;
use crate::store::LATEST_VERSION;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A new store in its own temporary directory (kept alive by the returned guard).
fn new_store() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = open(dir.path()).unwrap();
    (dir, store)
}

fn school_tour(size: u32, started_at: &str) -> NewTour {
    NewTour {
        category: Category::School,
        size,
        guide: Some("Олена".into()),
        note: None,
        started_at: at(started_at),
        station: None,
    }
}

fn visit(day: &str, count: u32, category: Category) -> NewVisit {
    NewVisit {
        date: date(day),
        count,
        category,
        note: None,
    }
}

#[test]
fn the_store_is_created_with_its_directory_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("a/b");
    let store = open(&data).unwrap();
    assert!(data.join(DATABASE_FILE_NAME).is_file());
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION as i64);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_tour_counts_on_its_kyiv_start_date_and_ends_once() {
    let (_dir, mut store) = new_store();
    // 22:30 UTC on 31 December is 00:30 on 1 January in Kyiv.
    let tour = store
        .start_tour(&school_tour(25, "2025-12-31T22:30:00Z"))
        .unwrap();
    assert_eq!(tour.start_date, date("2026-01-01"));
    assert_eq!(store.visitors_on(date("2026-01-01")).unwrap().school, 25);
    assert_eq!(store.visitors_on(date("2025-12-31")).unwrap().school, 0);
    assert_eq!(store.open_tours().unwrap().len(), 1);

    let before_start = store.end_tour(tour.id, at("2025-12-31T22:00:00Z"));
    assert!(matches!(
        before_start,
        Err(StoreError::EndBeforeStart { .. })
    ));
    let ended = store.end_tour(tour.id, at("2026-01-01T00:00:00Z")).unwrap();
    assert_eq!(ended.ended_at, Some(at("2026-01-01T00:00:00Z")));
    let again = store.end_tour(tour.id, at("2026-01-01T01:00:00Z"));
    assert!(matches!(again, Err(StoreError::TourAlreadyEnded { .. })));
    assert!(store.open_tours().unwrap().is_empty());
    assert!(matches!(
        store.end_tour(uuid::Uuid::new_v4(), at("2026-01-01T01:00:00Z")),
        Err(StoreError::TourNotFound(_))
    ));
}

#[test]
fn a_tour_is_found_by_the_first_characters_of_its_id() {
    let (_dir, mut store) = new_store();
    let tour = store
        .start_tour(&school_tour(10, "2026-04-20T07:00:00Z"))
        .unwrap();
    let id = tour.id.to_string();
    assert_eq!(store.find_tour(&id[..8]).unwrap().id, tour.id);
    assert_eq!(store.find_tour(&id.to_uppercase()).unwrap().id, tour.id);
    assert!(matches!(
        store.find_tour("zzzz"),
        Err(StoreError::TourNotFound(_))
    ));
    assert!(matches!(
        store.find_tour(""),
        Err(StoreError::TourNotFound(_))
    ));
    // Every id starts with a hex digit, so with a second tour one of the 16 is shared or not.
    store
        .start_tour(&school_tour(10, "2026-04-20T08:00:00Z"))
        .unwrap();
    let all = store.tours_started_on(date("2026-04-20")).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[0].started_at < all[1].started_at);
}

#[test]
fn day_counts_sum_visits_and_tours_per_day_and_category() {
    let (_dir, mut store) = new_store();
    store
        .add_visit(&visit("2026-03-02", 3, Category::Family))
        .unwrap();
    store
        .add_visit(&visit("2026-03-02", 4, Category::Family))
        .unwrap();
    store
        .add_visit(&visit("2025-03-02", 100, Category::Family))
        .unwrap();
    store
        .start_tour(&school_tour(20, "2026-03-02T08:00:00Z"))
        .unwrap();
    let counts = store.day_counts(2026).unwrap();
    assert_eq!(
        counts,
        [
            DayCount {
                date: date("2026-03-02"),
                category: Category::Family,
                visitors: 7
            },
            DayCount {
                date: date("2026-03-02"),
                category: Category::School,
                visitors: 20
            },
        ]
    );
    let totals = store.totals().unwrap();
    assert_eq!((totals.visit_rows, totals.visit_visitors), (3, 107));
    assert_eq!((totals.tours, totals.tour_visitors), (1, 20));
}

#[test]
fn the_year_status_comes_from_the_stored_counts() {
    let (_dir, mut store) = new_store();
    store
        .add_visit(&visit("2026-01-02", 50, Category::Adult))
        .unwrap();
    let status = store
        .year_status(&Calendar::default(), date("2026-01-03"))
        .unwrap();
    assert_eq!(status.visitors_to_date, 50);
    assert_eq!(status.operating_days_elapsed, 3);
}

#[test]
fn an_import_is_all_or_nothing_and_refused_the_second_time() {
    let (_dir, mut store) = new_store();
    let batch = ImportBatch {
        file_name: "march.csv".into(),
        content_sha256: "abc".into(),
        rows: vec![
            visit("2026-03-02", 3, Category::Family),
            visit("2026-03-03", 5, Category::Other),
        ],
    };
    let receipt = store.import_visits(&batch).unwrap();
    assert_eq!((receipt.rows, receipt.visitors), (2, 8));
    let again = store.import_visits(&batch);
    assert!(
        matches!(again, Err(StoreError::AlreadyImported { .. })),
        "{again:?}"
    );

    // A row the schema refuses rolls the whole file back, the import record included.
    let bad = ImportBatch {
        file_name: "bad.csv".into(),
        content_sha256: "def".into(),
        rows: vec![
            visit("2026-03-04", 7, Category::Adult),
            visit("2026-03-05", 501, Category::Adult),
        ],
    };
    assert!(store.import_visits(&bad).is_err());
    assert_eq!(store.totals().unwrap().visit_rows, 2);
    let fixed = ImportBatch {
        rows: vec![visit("2026-03-04", 7, Category::Adult)],
        ..bad
    };
    assert_eq!(store.import_visits(&fixed).unwrap().rows, 1);
}

#[test]
fn an_exported_content_is_refused_as_an_import_into_the_same_store() {
    let (_dir, mut store) = new_store();
    store
        .add_visit(&visit("2026-03-02", 3, Category::Family))
        .unwrap();
    store
        .start_tour(&school_tour(20, "2026-03-01T08:00:00Z"))
        .unwrap();
    let mut rows = Vec::new();
    let count = store
        .export_rows(&mut |row| {
            rows.push(row);
            Ok(())
        })
        .unwrap();
    assert_eq!(count, 2);
    assert!(matches!(rows[0], ExportRow::Tour(_)), "date order");
    store.record_export("out.csv", "hash-of-out", 2).unwrap();
    store
        .record_export("out-again.csv", "hash-of-out", 2)
        .unwrap();
    let batch = ImportBatch {
        file_name: "out.csv".into(),
        content_sha256: "hash-of-out".into(),
        rows: vec![],
    };
    match store.import_visits(&batch) {
        Err(StoreError::AlreadyImported {
            kind, file_name, ..
        }) => {
            assert_eq!((kind.as_str(), file_name.as_str()), ("export", "out.csv"));
        }
        other => panic!("{other:?}"),
    }
}

fn session() -> PlaySession {
    PlaySession {
        id: uuid::Uuid::new_v4(),
        station: "hall-1".into(),
        audience: "older".into(),
        lang: Lang::Uk,
        tour_id: None,
        started_at: at("2026-04-20T07:00:00Z"),
        ended_at: at("2026-04-20T07:03:00Z"),
        completed: true,
        answers: vec![
            SessionAnswer {
                item: "can".into(),
                right_bin: "metal".into(),
                chosen: vec!["plastic".into(), "metal".into()],
                first_try_right: false,
            },
            SessionAnswer {
                item: "jar".into(),
                right_bin: "glass".into(),
                chosen: vec!["glass".into()],
                first_try_right: true,
            },
        ],
    }
}

#[test]
fn a_session_written_twice_is_one_record_with_its_answers() {
    let (_dir, mut store) = new_store();
    let session = session();
    store.record_session(&session).unwrap();
    store.record_session(&session).unwrap();
    let totals = store.totals().unwrap();
    assert_eq!((totals.play_sessions, totals.play_answers), (1, 2));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DATABASE_FILE_NAME);
    std::fs::write(&file, "date,count,category\n2026-01-01,3,school\n").unwrap();
    let err = open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains(DATABASE_FILE_NAME));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "date,count,category\n2026-01-01,3,school\n"
    );
}

#[test]
fn a_damaged_database_is_reported_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = open(dir.path()).unwrap();
        for day in 1..=28 {
            store
                .add_visit(&visit(&format!("2026-02-{day:02}"), 5, Category::Adult))
                .unwrap();
        }
    }
    let file = dir.path().join(DATABASE_FILE_NAME);
    let mut bytes = std::fs::read(&file).unwrap();
    // Keep the header, scramble every page after the first.
    for byte in bytes.iter_mut().skip(4096) {
        *byte = 0x5a;
    }
    std::fs::write(&file, &bytes).unwrap();
    let outcome = open(dir.path()).and_then(|store| store.day_counts(2026).map(drop));
    assert!(
        matches!(
            outcome,
            Err(StoreError::Corrupt { .. } | StoreError::NotADatabase { .. })
        ),
        "{outcome:?}"
    );
}

#[test]
fn another_programs_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DATABASE_FILE_NAME);
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT);")
        .unwrap();
    drop(conn);
    let err = open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
}

#[test]
fn a_newer_schema_is_refused_with_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    drop(open(dir.path()).unwrap());
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE_NAME)).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err}"
    );
}

#[test]
fn a_version_one_store_upgrades_keeping_its_data() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut old = SqliteStore::create_at_schema_version(dir.path(), 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        old.add_visit(&visit("2026-03-02", 3, Category::Family))
            .unwrap();
    }
    // A tour as version 1 wrote it (today's program writes columns it did not have).
    let conn = rusqlite::Connection::open(dir.path().join(DATABASE_FILE_NAME)).unwrap();
    conn.execute(
        "INSERT INTO tours (id, category, group_size, guide, note, started_at, start_date, ended_at, recorded_at)
         VALUES (?1, 'school', 20, NULL, NULL, '2026-03-02T08:00:00Z', '2026-03-02', NULL, '2026-03-02T08:00:00Z')",
        [uuid::Uuid::new_v4().to_string()],
    )
    .unwrap();
    drop(conn);
    let mut store = open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION as i64);
    let totals = store.totals().unwrap();
    assert_eq!((totals.visit_visitors, totals.tour_visitors), (3, 20));
    store.record_session(&session()).unwrap();
}

#[test]
fn a_backup_is_a_complete_store_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path().join("data").as_path()).unwrap();
    store
        .add_visit(&visit("2026-03-02", 3, Category::Family))
        .unwrap();
    let copy = dir.path().join("copy.sqlite");
    store.backup_to(&copy).unwrap();
    let again = store.backup_to(&copy);
    assert!(matches!(again, Err(StoreError::Backup { .. })));
    let restored_dir = dir.path().join("restored");
    std::fs::create_dir(&restored_dir).unwrap();
    std::fs::rename(&copy, restored_dir.join(DATABASE_FILE_NAME)).unwrap();
    let restored = open(&restored_dir).unwrap();
    assert_eq!(restored.totals().unwrap().visit_visitors, 3);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn the_centre_figures_count_visits_and_first_try_answers_by_month() {
    let (_dir, mut store) = new_store();
    store
        .add_visit(&visit("2025-12-30", 4, Category::Adult))
        .unwrap();
    store
        .add_visit(&visit("2026-04-02", 3, Category::Family))
        .unwrap();
    store
        .start_tour(&school_tour(25, "2026-04-20T07:00:00Z"))
        .unwrap();
    let mut cut_off = session();
    cut_off.id = uuid::Uuid::new_v4();
    cut_off.completed = false;
    // The visitor left before the jar: not an answer, so neither right nor wrong.
    cut_off.answers[1].chosen.clear();
    cut_off.answers[1].first_try_right = false;
    store.record_session(&session()).unwrap();
    store.record_session(&cut_off).unwrap();

    let figures = store.centre_figures(2026).unwrap();
    assert_eq!(
        figures.visitors_by_month,
        vec![
            MonthVisitors {
                year: 2025,
                month: 12,
                visitors: 4
            },
            MonthVisitors {
                year: 2026,
                month: 4,
                visitors: 28
            },
        ]
    );
    assert_eq!(
        figures.answers_by_month,
        vec![MonthAnswers {
            year: 2026,
            month: 4,
            answers: 3,
            first_try_right: 1
        }]
    );
    assert_eq!(
        figures.missed_items,
        vec![MissedItem {
            item: "can".into(),
            right_bin: "metal".into(),
            answers: 2,
            missed: 2
        }]
    );
    assert!(store.missed_items(2025).unwrap().is_empty());
}

#[test]
fn games_are_counted_for_the_tour_they_were_played_in() {
    let (_dir, mut store) = new_store();
    let tour = store
        .start_tour(&school_tour(25, "2026-04-20T07:00:00Z"))
        .unwrap();
    let mut during = session();
    during.tour_id = Some(tour.id);
    let mut another = session();
    another.id = uuid::Uuid::new_v4();
    another.tour_id = Some(tour.id);
    store.record_session(&during).unwrap();
    store.record_session(&another).unwrap();
    // Outside any tour.
    let mut alone = session();
    alone.id = uuid::Uuid::new_v4();
    store.record_session(&alone).unwrap();
    assert_eq!(store.games_in_tour(tour.id).unwrap(), 2);
    assert_eq!(store.games_in_tour(uuid::Uuid::new_v4()).unwrap(), 0);
}

#[test]
fn the_years_sums_are_kept_only_until_anyone_writes() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = crate::store::open(data.path()).unwrap();
    let mut writer = crate::store::open(data.path()).unwrap();
    let total = |store: &SqliteStore| -> u64 {
        store
            .day_counts(2026)
            .unwrap()
            .iter()
            .map(|c| c.visitors)
            .sum()
    };
    reader
        .add_visit(&visit("2026-03-02", 3, Category::Family))
        .unwrap();
    assert_eq!(total(&reader), 3);
    assert_eq!(total(&reader), 3, "the kept sums");
    // Another connection (another process: the CLI, a kiosk) commits.
    writer
        .add_visit(&visit("2026-03-03", 4, Category::School))
        .unwrap();
    assert_eq!(total(&reader), 7);
    // This connection writes.
    reader
        .add_visit(&visit("2026-03-04", 5, Category::Adult))
        .unwrap();
    assert_eq!(total(&reader), 12);
    // Another year is not this year's sums.
    writer
        .add_visit(&visit("2025-03-04", 9, Category::Adult))
        .unwrap();
    assert_eq!(reader.day_counts(2025).unwrap().len(), 1);
    assert_eq!(total(&reader), 12);
}

#[test]
fn a_removed_or_repassworded_user_takes_their_calendar_feeds_along() {
    let data = tempfile::tempdir().unwrap();
    let mut store = crate::store::open(data.path()).unwrap();
    let now = chrono::Utc::now();
    for name in ["olena", "ivan"] {
        store
            .add_user(name, crate::store::Role::Guide, "$argon2id$stand-in", now)
            .unwrap();
    }
    store
        .add_feed_token("f1", "d1", Some("Olena's phone"), Some("olena"), now)
        .unwrap();
    store
        .add_feed_token("f2", "d2", Some("Ivan's phone"), Some("ivan"), now)
        .unwrap();
    store
        .add_feed_token("f3", "d3", Some("desk"), None, now)
        .unwrap();
    store.remove_user("olena").unwrap();
    assert_eq!(store.feed_token("f1").unwrap(), None, "olena left");
    assert!(store.feed_token("f2").unwrap().is_some());
    store.set_password("ivan", "$argon2id$new", now).unwrap();
    assert_eq!(store.feed_token("f2").unwrap(), None, "a new password");
    assert!(
        store.feed_token("f3").unwrap().is_some(),
        "the desk's own stays"
    );
}

#[test]
fn making_and_revoking_a_calendar_feed_is_in_the_audit_log() {
    let data = tempfile::tempdir().unwrap();
    let mut store = crate::store::open(data.path()).unwrap();
    let now = chrono::Utc::now();
    store
        .add_feed_token("f1", "d1", Some("desk phone"), Some("olena"), now)
        .unwrap();
    store
        .add_feed_token("f2", "d2", Some("other"), Some("olena"), now)
        .unwrap();
    let revoked = store
        .revoke_feed_tokens(
            crate::store::FeedRevoke::Label("desk phone"),
            Some("ivan"),
            now,
        )
        .unwrap();
    assert_eq!(revoked, 1);
    assert!(store.feed_token("f2").unwrap().is_some());
    let log = store.audit_log(10).unwrap();
    let line = |action: &str, who: &str| {
        log.iter()
            .any(|e| e.action == action && e.subject == "feed f1" && e.user.as_deref() == Some(who))
    };
    assert!(
        line("feed-add", "olena") && line("feed-revoke", "ivan"),
        "{log:?}"
    );
    assert_eq!(
        store
            .revoke_feed_tokens(crate::store::FeedRevoke::All, None, now)
            .unwrap(),
        1
    );
    assert!(store.feed_tokens().unwrap().is_empty());
}
