//! `visitors import` of a 1,000,000-row CSV: read, check every row, hash, write in one
//! transaction. Target: under 5 s.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tourcentre::centre::parse_visits;
use tourcentre::store::{self, ImportBatch, VisitorStore};

const ROWS: usize = 1_000_000;

fn million_row_csv() -> String {
    let categories = ["school", "student", "adult", "family", "other"];
    let mut csv = String::with_capacity(ROWS * 28);
    csv.push_str("date,count,category,note\n");
    for i in 0..ROWS {
        let year = 2016 + i % 10;
        let month = i % 12 + 1;
        let day = i % 28 + 1;
        let note = if i % 10 == 0 { "class 5-B" } else { "" };
        csv.push_str(&format!(
            "{year}-{month:02}-{day:02},{},{},{note}\n",
            i % 40 + 1,
            categories[i % 5]
        ));
    }
    csv
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("million.csv");
    std::fs::write(&file, million_row_csv()).expect("the CSV is written");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("visitors import, 1,000,000-row CSV into a new store", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temp dir for the store"),
            |data| {
                let text = std::fs::read_to_string(&file).expect("read");
                let (rows, content_sha256) = parse_visits(&text, today).expect("a clean file");
                let mut store = store::open(data.path()).expect("a store");
                let receipt = store
                    .import_visits(&ImportBatch {
                        file_name: "million.csv".into(),
                        content_sha256,
                        rows,
                    })
                    .expect("the import");
                assert_eq!(receipt.rows, ROWS as u64);
                data
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
