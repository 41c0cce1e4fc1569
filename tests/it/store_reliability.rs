//! The store never loses a committed record: several desks writing at once, a writer killed
//! mid-stream, an import killed mid-file, and upgrades from older schema versions.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tourcentre::store::{self, ExportRow, NewVisit, SqliteStore, VisitorStore};
use tourcentre::visitors::Category;

use crate::{repo, stderr, stdout, tourcentre};

fn spawn(args: &[&str], data_dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .args(args)
        .current_dir(repo())
        .env("TOURCENTRE_DATA", data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tourcentre binary starts")
}

fn visit_ids(store: &SqliteStore) -> HashSet<String> {
    let mut ids = HashSet::new();
    store
        .export_rows(&mut |row| {
            if let ExportRow::Visit(visit) = row {
                ids.insert(visit.id.to_string());
            }
            Ok(())
        })
        .unwrap();
    ids
}

#[test]
fn four_desks_adding_250_visits_each_at_once_make_exactly_1000_rows() {
    let data = tempfile::tempdir().unwrap();
    let desks: Vec<_> = (0..4)
        .map(|desk| {
            let dir = data.path().to_path_buf();
            std::thread::spawn(move || {
                let mut sum = 0u64;
                for i in 0..250u64 {
                    let count = (desk * 250 + i) % 9 + 1;
                    let category = Category::ALL[(i % 5) as usize].as_str();
                    let out = tourcentre(
                        &[
                            "visit",
                            "add",
                            "--count",
                            &count.to_string(),
                            "--category",
                            category,
                            "--date",
                            "2026-01-05",
                        ],
                        &dir,
                    );
                    assert_eq!(
                        out.status.code(),
                        Some(0),
                        "desk {desk}, visit {i}: {}",
                        stderr(&out)
                    );
                    sum += count;
                }
                sum
            })
        })
        .collect();
    let expected: u64 = desks.into_iter().map(|d| d.join().unwrap()).sum();
    let store = store::open(data.path()).unwrap();
    let totals = store.totals().unwrap();
    assert_eq!(totals.visit_rows, 1000);
    assert_eq!(totals.visit_visitors, expected);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

/// `PRAGMA journal_mode = WAL` asks for its lock without SQLite's busy handler, so a new store
/// opened while another program holds the file's lock was refused at once as "busy" (CI saw it
/// when four desks made the store together). It must wait as every other write does.
#[test]
fn a_new_store_opened_while_another_program_holds_the_lock_waits_for_it() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("tourcentre.sqlite");
    std::fs::write(&file, b"").unwrap();
    let holder = rusqlite::Connection::open(&file).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        holder.execute_batch("COMMIT").unwrap();
    });
    let opened = store::open(data.path());
    release.join().unwrap();
    let store = opened.expect("the store waits for the lock, then opens");
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_writer_killed_mid_stream_loses_no_visit_it_reported() {
    let data = tempfile::tempdir().unwrap();
    let mut confirmed = Vec::new();
    let mut killed = 0;
    for i in 0..120u64 {
        let note = format!("stream-{i}");
        let mut child = spawn(
            &[
                "visit",
                "add",
                "--count",
                "1",
                "--category",
                "adult",
                "--note",
                &note,
                "--format",
                "json",
            ],
            data.path(),
        );
        if i % 4 == 3 {
            // Somewhere between start-up and commit: the delays cover both sides of the write.
            std::thread::sleep(Duration::from_millis((i * 7) % 25));
            if child.kill().is_ok() {
                killed += 1;
            }
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
            confirmed.push(json["id"].as_str().unwrap().to_string());
        }
    }
    assert!(killed > 0);
    assert!(
        confirmed.len() >= 90,
        "only {} writes succeeded",
        confirmed.len()
    );
    let store = store::open(data.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    let stored = visit_ids(&store);
    for id in &confirmed {
        assert!(
            stored.contains(id),
            "visit {id} was confirmed but is missing"
        );
    }
}

#[test]
fn an_import_killed_mid_file_leaves_all_or_nothing() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("big.csv");
    let mut csv = String::from("date,count,category\n");
    for i in 0..50_000 {
        csv.push_str(&format!(
            "2025-{:02}-{:02},{},school\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 50 + 1
        ));
    }
    std::fs::write(&file, csv).unwrap();
    let data_dir = data.path().join("data");
    // The store exists first, so the kill lands in the import, not in creating the file.
    drop(store::open(&data_dir).unwrap());
    for delay in [30, 120, 400] {
        let mut child = spawn(&["visitors", "import", file.to_str().unwrap()], &data_dir);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let store = store::open(&data_dir).unwrap();
        assert_eq!(store.integrity_check().unwrap(), ["ok"]);
        let rows = store.totals().unwrap().visit_rows;
        assert!(
            rows == 0 || rows == 50_000,
            "{rows} rows after a kill at {delay} ms"
        );
        if finished || rows == 50_000 {
            break;
        }
    }
}

#[test]
fn an_empty_file_becomes_a_new_store() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join(store::DATABASE_FILE_NAME), b"").unwrap();
    let out = tourcentre(
        &[
            "visit",
            "add",
            "--count",
            "4",
            "--category",
            "family",
            "--date",
            "2026-01-05",
        ],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let store = store::open(data.path()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        store::LATEST_VERSION as i64
    );
    assert_eq!(store.totals().unwrap().visit_visitors, 4);
}

#[test]
fn a_store_of_the_previous_schema_upgrades_with_all_its_data() {
    let data = tempfile::tempdir().unwrap();
    let open_tour_id = uuid::Uuid::new_v4().to_string();
    {
        let mut old = SqliteStore::create_at_schema_version(data.path(), 1).unwrap();
        assert_eq!(old.schema_version().unwrap(), 1);
        for day in 5..=9 {
            old.add_visit(&NewVisit {
                date: chrono::NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
                count: day,
                category: Category::Family,
                note: Some(format!("day {day}")),
            })
            .unwrap();
        }
    }
    // A tour as version 1 wrote it (today's program writes columns it did not have).
    let conn = rusqlite::Connection::open(data.path().join("tourcentre.sqlite")).unwrap();
    conn.execute(
        "INSERT INTO tours (id, category, group_size, guide, note, started_at, start_date, ended_at, recorded_at)
         VALUES (?1, 'school', 30, 'Олена', NULL, '2026-01-05T08:00:00Z', '2026-01-05', NULL, '2026-01-05T08:00:00Z')",
        [&open_tour_id],
    )
    .unwrap();
    drop(conn);
    // The real binary, as a guide would run it after updating the program.
    let out = tourcentre(
        &[
            "visitors",
            "status",
            "--as-of",
            "2026-01-09",
            "--format",
            "json",
        ],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["visitors_to_date"], 5 + 6 + 7 + 8 + 9 + 30);
    let out = tourcentre(
        &[
            "tour",
            "end",
            &open_tour_id[..8],
            "--at",
            "2026-01-05T11:00",
        ],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let store = store::open(data.path()).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        store::LATEST_VERSION as i64
    );
    let totals = store.totals().unwrap();
    assert_eq!((totals.visit_rows, totals.tours), (5, 1));
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_backup_taken_while_a_desk_writes_is_a_sound_store() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("data");
    drop(store::open(&dir).unwrap());
    let writer_dir = dir.clone();
    let writer = std::thread::spawn(move || {
        for _ in 0..40 {
            let out = tourcentre(
                &[
                    "visit",
                    "add",
                    "--count",
                    "2",
                    "--category",
                    "other",
                    "--date",
                    "2026-01-05",
                ],
                &writer_dir,
            );
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        }
    });
    std::thread::sleep(Duration::from_millis(100));
    let copy = data.path().join("backup.sqlite");
    let out = tourcentre(&["db", "backup", copy.to_str().unwrap()], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    writer.join().unwrap();
    let restored = data.path().join("restored");
    std::fs::create_dir(&restored).unwrap();
    std::fs::copy(&copy, restored.join(store::DATABASE_FILE_NAME)).unwrap();
    let store = store::open(&restored).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    let totals = store.totals().unwrap();
    assert_eq!(totals.visit_visitors, totals.visit_rows * 2);
    // A second backup to the same name is refused and leaves the first as it was.
    let before = std::fs::read(&copy).unwrap();
    let out = tourcentre(&["db", "backup", copy.to_str().unwrap()], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("такий файл уже є; виберіть нову назву"),
        "the reason is in the guide's language: {}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}
