//! `visitors status` over ten years of data: 300,000 visits, 2017–2026. Target: under 50 ms.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tourcentre::store::{self, ImportBatch, NewVisit, VisitorStore};
use tourcentre::visitors::{Calendar, Category};

const YEARS: std::ops::RangeInclusive<i32> = 2017..=2026;
const VISITS_PER_YEAR: usize = 30_000;

fn ten_years(data_dir: &std::path::Path) -> store::SqliteStore {
    let mut store = store::open(data_dir).expect("a store in a temp dir");
    for year in YEARS {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January");
        let rows = (0..VISITS_PER_YEAR)
            .map(|i| NewVisit {
                date: first + chrono::Days::new((i % 365) as u64),
                count: (i % 30 + 1) as u32,
                category: Category::ALL[i % 5],
                note: None,
            })
            .collect();
        store
            .import_visits(&ImportBatch {
                file_name: format!("{year}.csv"),
                content_sha256: format!("bench-{year}"),
                rows,
            })
            .expect("the year imports");
    }
    store
}

fn status(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = ten_years(dir.path());
    assert_eq!(store.totals().expect("totals").visit_rows, 300_000);
    let calendar = Calendar::default();
    let as_of = NaiveDate::from_ymd_opt(2026, 5, 31).expect("a date");
    c.bench_function("visitors status, 300,000 visits over ten years", |b| {
        b.iter(|| store.year_status(&calendar, as_of).expect("status"))
    });
    // What a guide waits for: open the store (schema check included) and compute.
    c.bench_function("open the store + visitors status", |b| {
        b.iter(|| {
            let store = store::open(dir.path()).expect("open");
            store.year_status(&calendar, as_of).expect("status")
        })
    });
}

criterion_group!(benches, status);
criterion_main!(benches);
