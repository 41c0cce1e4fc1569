//! The economists' commands at scale:
//! - `report` for 40 indicators × 20 years (PNG and SVG for each) plus the centre's charts:
//!   target under 0.5 s in release, and at least 10× faster than benches/peer/charts.py
//!   (pandas + matplotlib drawing the same 40 charts from the same files);
//! - `indicators progress` for 1,000 indicators (read, parse, measure): target under 100 ms.
//!
//! The 40-indicator directory is left in target/bench-report/indicators for the peer script:
//! `python3 benches/peer/charts.py target/bench-report/indicators /tmp/peer-charts`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use tourcentre::i18n::Lang;
use tourcentre::i18n::Words;
use tourcentre::indicators::{
    CentreFigures, MissedItem, MonthAnswers, MonthVisitors, load_catalogue,
};
use tourcentre::report::{CentreYear, Loaded};
use tourcentre::visitors::{Calendar, Category, DayCount, year_pace, year_status};

const YEARS: std::ops::Range<i32> = 2005..2025;

/// `count` indicators with 20 years each; every fifth has a gap, every third a target, half a
/// benchmark, directions alternate: the mix a real set has.
fn write_indicators(dir: &Path, count: usize) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("data")).expect("bench dir");
    for i in 0..count {
        let id = format!("bench-{i:04}");
        let higher = i % 2 == 0;
        let target = if i % 3 == 0 {
            format!(
                "Some((value: {}, year: 2030))",
                if higher { 90.0 } else { 5.0 }
            )
        } else {
            "None".into()
        };
        let benchmark = if i % 2 == 0 {
            "Some((green: 60.0, red: 30.0))"
        } else {
            "None"
        };
        let definition = format!(
            "(id: \"{id}\", name: (uk: \"Показник для вимірювання № {i}\", en: \"Benchmark indicator No. {i}\"), \
             sector: \"solid-waste\", psr: State, unit: \"%\", direction: {}, base_year: Some(2010), \
             target: {target}, benchmark: {benchmark}, source: \"Synthetic data for the benchmark\", example: true)",
            if higher { "Higher" } else { "Lower" }
        );
        std::fs::write(dir.join(format!("{id}.ron")), definition).expect("definition");
        let mut csv = String::from("Year,Value\n");
        for (k, year) in YEARS.enumerate() {
            if i % 5 == 0 && k == 7 {
                writeln!(csv, "{year},").expect("string");
                continue;
            }
            let trend = if higher { k as f64 } else { -(k as f64) };
            let value = 40.0 + trend * 1.5 + ((i * 7 + k * 3) % 11) as f64 * 0.8;
            writeln!(csv, "{year},{value:.1}").expect("string");
        }
        std::fs::write(dir.join("data").join(format!("{id}.csv")), csv).expect("data");
    }
}

/// A year of the centre: visits most open days, 200 play sessions a month, 12 items missed.
fn centre() -> CentreYear {
    let calendar = Calendar::default();
    let as_of = NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
    let days: Vec<DayCount> = (0..288)
        .filter_map(|d| {
            let date = NaiveDate::from_ymd_opt(2026, 1, 1)? + chrono::Days::new(d);
            calendar.is_open(date).then_some(DayCount {
                date,
                category: Category::ALL[d as usize % 5],
                visitors: 40 + d % 60,
            })
        })
        .collect();
    let visitors_by_month = (1..=12)
        .flat_map(|month| {
            [2025, 2026].map(|year| MonthVisitors {
                year,
                month,
                visitors: 1500 + u64::from(month) * 40,
            })
        })
        .collect();
    let answers_by_month = (1..=22)
        .map(|m| MonthAnswers {
            year: 2025 + (m - 1) / 12,
            month: ((m - 1) % 12 + 1) as u32,
            answers: 1600,
            first_try_right: 900 + u64::from(m as u32) * 20,
        })
        .collect();
    let missed_items = (0..12)
        .map(|i| MissedItem {
            item: format!("item-{i}"),
            right_bin: "hazardous".into(),
            answers: 400,
            missed: 300 - i * 20,
        })
        .collect();
    CentreYear {
        figures: CentreFigures {
            visitors_by_month,
            answers_by_month,
            missed_items,
            by_station: Vec::new(),
        },
        status: year_status(&calendar, as_of, &days),
        pace: year_pace(&calendar, as_of, &days),
        calendar,
    }
}

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-report")
}

fn report(c: &mut Criterion) {
    let indicators = bench_dir().join("indicators");
    write_indicators(&indicators, 40);
    let today = NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
    let words = Words::new(Lang::Uk);
    let out = tempfile::tempdir().expect("a temp dir");
    let centre = centre();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("40 indicators x 20 years + the centre, PNG and SVG", |b| {
        b.iter(|| {
            let catalogue = load_catalogue(&indicators, Some(&centre.figures), today)
                .expect("the bench indicators load");
            assert_eq!(catalogue.indicators.len(), 40);
            let loaded = Loaded {
                catalogue,
                centre: Some(centre.clone()),
                centre_missing: None,
                today,
                data_dir: None,
            };
            let written = tourcentre::report::write_report(&words, &loaded, out.path())
                .expect("the report is written");
            assert_eq!(written.files.len(), 1 + 2 * 44);
        })
    });
    group.finish();
}

fn progress(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    write_indicators(dir.path(), 1000);
    let today = NaiveDate::from_ymd_opt(2026, 10, 15).expect("a date");
    c.bench_function(
        "indicators progress, 1,000 indicators (read, parse, measure)",
        |b| {
            b.iter(|| {
                let catalogue = load_catalogue(dir.path(), None, today).expect("load");
                assert_eq!(catalogue.indicators.len(), 1000);
                catalogue
            })
        },
    );
}

criterion_group!(benches, report, progress);
criterion_main!(benches);
