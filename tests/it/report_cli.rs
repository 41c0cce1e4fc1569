//! `indicators list|progress` and `report` on a made-up indicators directory and store, through
//! the real binary. The reports are kept in $CARGO_TARGET_TMPDIR/report/{uk,en} to look at.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use tourcentre::game::{PlaySession, SessionAnswer, SessionRecorder};
use tourcentre::i18n::Lang;
use tourcentre::store::{NewTour, NewVisit, VisitorStore};
use tourcentre::visitors::Category;

use crate::{stderr, stdout, tourcentre};

/// An indicators directory and a data directory with a store.
pub struct Fixture {
    pub root: tempfile::TempDir,
}

impl Fixture {
    pub fn indicators(&self) -> PathBuf {
        self.root.path().join("indicators")
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    /// Runs the binary with this fixture's directories.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        let indicators = self.indicators();
        let data = self.data();
        let mut all = vec![
            "--indicators",
            indicators.to_str().unwrap(),
            "--data-dir",
            data.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        tourcentre(&all, &data)
    }
}

const RECYCLED: &str = r#"(
    id: "msw-recycled-share",
    name: (uk: "Частка перероблених відходів", en: "Share of municipal waste recycled"),
    sector: "solid-waste",
    psr: Response,
    unit: "%",
    direction: Higher,
    base_year: Some(2020),
    target: Some((value: 50.0, year: 2030)),
    benchmark: Some((green: 25.0, red: 15.0)),
    benchmark_source: Some("Test thresholds"),
    source: "Test source A",
    example: true,
)"#;

const RECYCLED_DATA: &str = "Year,Fraction,Units,Value\n\
2020,,%,5\n2021,,%,6.5\n2022,,%,\n2023,,%,9\n2024,,%,12\n\
2023,Plastic,%,20\n2024,Plastic,%,24\n";

const PM25: &str = r#"(
    id: "air-pm25",
    name: (uk: "Середньорічна концентрація PM2,5", en: "Annual mean PM2.5 concentration"),
    sector: "air-quality",
    psr: State,
    unit: "мкг/м³",
    direction: Lower,
    base_year: Some(2016),
    benchmark: Some((green: 10.0, red: 25.0)),
    source: "Test source B",
)"#;

const PM25_DATA: &str = "Year,Value\n2016,21\n2017,20.5\n2018,19\n2019,19.4\n2020,17\n2021,16.8\n2022,15.9\n2023,15\n2024,14.2\n";

const ESCAPE: &str = r#"(
    id: "escape-check",
    name: (uk: "<script>alert(1)</script> Назва", en: "<script>alert(1)</script> Name"),
    sector: "green-space",
    psr: State,
    unit: "м²",
    direction: Higher,
    source: "A & B <b>bold</b>",
)"#;

const WAITING: &str = r#"(
    id: "waiting-for-data",
    name: (uk: "Індикатор без даних", en: "Indicator without data"),
    sector: "buildings",
    psr: Pressure,
    unit: "kWh/m²",
    direction: Lower,
    source: "Test source C",
)"#;

const VISITS: &str = r#"(
    id: "centre-visits",
    name: (uk: "Відвідування Туристичного центру за рік", en: "Visits to the Tour Centre a year"),
    sector: "awareness",
    psr: Response,
    unit: "visits",
    direction: Higher,
    base_year: Some(2021),
    target: Some((value: 27000.0, year: 2027)),
    source: "Tour Centre visitor store",
    derived: Some(CentreVisits),
)"#;

const ACCURACY: &str = r#"(
    id: "exhibit-first-try-accuracy",
    name: (uk: "Правильне сортування з першої спроби", en: "Sorted right at the first try"),
    sector: "awareness",
    psr: Response,
    unit: "%",
    direction: Higher,
    base_year: Some(2025),
    limit: Some(100.0),
    source: "Tour Centre sorting exhibit",
    derived: Some(FirstTryAccuracy),
)"#;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn answer(item: &str, bin: &str, chosen: &[&str]) -> SessionAnswer {
    SessionAnswer {
        item: item.into(),
        right_bin: bin.into(),
        chosen: chosen.iter().map(|c| c.to_string()).collect(),
        first_try_right: chosen.first() == Some(&bin),
    }
}

pub fn fixture() -> Fixture {
    fixture_on(tourcentre::visitors::local_date(Utc::now()))
}

/// The fixture as it stands on `today`: this year's visits up to that day.
pub fn fixture_on(today: NaiveDate) -> Fixture {
    let root = tempfile::tempdir().unwrap();
    let fixture = Fixture { root };
    let indicators = fixture.indicators();
    fs::create_dir_all(indicators.join("data")).unwrap();
    for (name, text) in [
        ("msw-recycled-share.ron", RECYCLED),
        ("air-pm25.ron", PM25),
        ("escape-check.ron", ESCAPE),
        ("waiting-for-data.ron", WAITING),
        ("centre-visits.ron", VISITS),
        ("exhibit-first-try-accuracy.ron", ACCURACY),
    ] {
        fs::write(indicators.join(name), text).unwrap();
    }
    for (name, text) in [
        ("msw-recycled-share.csv", RECYCLED_DATA),
        ("air-pm25.csv", PM25_DATA),
        ("escape-check.csv", "Year,Value\n2021,3\n2023,4\n"),
    ] {
        fs::write(indicators.join("data").join(name), text).unwrap();
    }

    let mut store = tourcentre::store::open(&fixture.data()).unwrap();
    // Last year in full, and this year up to today: a few visits a week.
    for (day, count) in [(3u32, 12u32), (10, 30), (17, 8), (24, 25)] {
        for month in 1..=12 {
            let last_year = NaiveDate::from_ymd_opt(2025, month, day).unwrap();
            store
                .add_visit(&NewVisit {
                    date: last_year,
                    count,
                    category: Category::Adult,
                    note: None,
                })
                .unwrap();
            let this_year = NaiveDate::from_ymd_opt(2026, month, day).unwrap();
            if this_year <= today {
                store
                    .add_visit(&NewVisit {
                        date: this_year,
                        count: count + 5,
                        category: Category::Family,
                        note: None,
                    })
                    .unwrap();
            }
        }
    }
    store
        .start_tour(&NewTour {
            category: Category::School,
            size: 27,
            guide: None,
            note: None,
            started_at: at("2026-03-12T08:00:00Z"),
            station: None,
        })
        .unwrap();
    let rounds = [
        (
            "2025-11-04T09:00:00Z",
            vec![
                answer("battery", "hazardous", &["mixed", "hazardous"]),
                answer("glass-jar", "glass", &["glass"]),
                answer("kitchen-sponge", "mixed", &["paper", "mixed"]),
            ],
        ),
        (
            "2026-02-10T09:00:00Z",
            vec![
                answer("battery", "hazardous", &["hazardous"]),
                answer("thermometer", "hazardous", &["mixed", "glass", "hazardous"]),
                answer("newspaper", "paper", &["paper"]),
            ],
        ),
        (
            "2026-03-12T09:00:00Z",
            vec![
                answer("thermometer", "hazardous", &["glass", "hazardous"]),
                answer("cardboard-box", "paper", &["paper"]),
                answer("medicines", "hazardous", &["mixed", "hazardous"]),
                answer("glass-bottle", "glass", &["glass"]),
            ],
        ),
    ];
    for (start, answers) in rounds {
        store
            .record_session(&PlaySession {
                id: uuid::Uuid::new_v4(),
                station: "main-hall".into(),
                audience: "older".into(),
                lang: Lang::Uk,
                tour_id: None,
                started_at: at(start),
                ended_at: at(start),
                completed: true,
                answers,
            })
            .unwrap();
    }
    fixture
}

fn kept(lang: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("report")
        .join(lang);
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn colours_in_png(path: &Path) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let pixels = &buffer[..info.buffer_size()];
    let mut colours: Vec<&[u8]> = pixels.chunks(3).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

#[test]
fn progress_json_follows_the_contract() {
    let fixture = fixture();
    let out = fixture.run(&["indicators", "progress", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let keys = [
        "id",
        "status",
        "score",
        "progress_value",
        "base_year",
        "base_value",
        "current_year",
        "current_value",
        "traffic_light",
    ];
    for row in rows {
        for key in keys {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
    }
    let by_id = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    // Headline rows only: 5 in 2020 to 12 in 2024 (the Plastic rows are a disaggregation).
    let recycled = by_id("msw-recycled-share");
    assert_eq!(recycled["base_year"], 2020);
    assert_eq!(recycled["base_value"], 5.0);
    assert_eq!(recycled["current_value"], 12.0);
    assert_eq!(recycled["traffic_light"], "red");
    assert_eq!(recycled["example"], true);
    // (12/5)^(1/4)-1 = 0.244666 against (50/5)^(1/10)-1 = 0.258925: ratio 0.944928.
    let ratio = recycled["progress_value"].as_f64().unwrap();
    assert!((ratio - 0.944_928_320_791_68).abs() < 1e-12, "{ratio}");
    assert_eq!(recycled["status"], "moderate_progress");
    let pm = by_id("air-pm25");
    assert_eq!(pm["traffic_light"], "amber");
    assert_eq!(pm["status"], "substantial_progress");
    assert_eq!(by_id("waiting-for-data")["status"], "not_available");
    assert_eq!(by_id("waiting-for-data")["traffic_light"], "none");
    // 2025 is the only finished year of visits: one point, no progress yet.
    let visits = by_id("centre-visits");
    assert_eq!(visits["current_year"], 2025);
    assert_eq!(visits["current_value"], 900.0);
    assert_eq!(visits["status"], "not_available");
    // 2025: 1 of 3 right; 2026: 4 of 7.
    let accuracy = by_id("exhibit-first-try-accuracy");
    assert_eq!(accuracy["base_value"], 33.3);
    assert_eq!(accuracy["current_value"], 57.1);
}

#[test]
fn progress_text_is_an_aligned_table_with_words() {
    let fixture = fixture();
    let out = fixture.run(&["indicators", "progress"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("помірний поступ"), "{text}");
    assert!(text.contains("жовтий"), "{text}");
    assert!(text.contains("12 % (2024)"), "{text}");
    assert!(text.contains("[ПРИКЛАД]"), "{text}");
    let en = fixture.run(&["--lang", "en", "indicators", "progress"]);
    assert!(stdout(&en).contains("moderate progress"), "{}", stdout(&en));
    assert!(stderr(&en).contains("EXAMPLE"), "{}", stderr(&en));
}

#[test]
fn list_names_every_indicator_and_where_its_data_comes_from() {
    let fixture = fixture();
    let out = fixture.run(&["--lang", "en", "indicators", "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for id in [
        "air-pm25",
        "centre-visits",
        "waiting-for-data",
        "msw-recycled-share",
    ] {
        assert!(text.contains(id), "{id}: {text}");
    }
    assert!(text.contains("2016–2024"), "{text}");
    assert!(text.contains("from the centre's database"), "{text}");
    assert!(text.contains("no data"), "{text}");
}

#[test]
fn the_report_has_every_indicator_escaped_charts_and_the_centre() {
    let fixture = fixture();
    for lang in ["uk", "en"] {
        let out_dir = kept(lang);
        let out = fixture.run(&["--lang", lang, "report", "--out", out_dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let html = fs::read_to_string(out_dir.join("index.html")).unwrap();
        let names: &[&str] = if lang == "uk" {
            &[
                "Частка перероблених відходів",
                "Середньорічна концентрація PM2,5",
                "Індикатор без даних",
                "Відвідування Туристичного центру за рік",
            ]
        } else {
            &[
                "Share of municipal waste recycled",
                "Annual mean PM2.5 concentration",
                "Indicator without data",
                "Visits to the Tour Centre a year",
            ]
        };
        for name in names {
            assert!(html.contains(name), "{lang}: {name} missing");
        }
        assert!(!html.contains("<script>"), "a name arrived unescaped");
        // This year's rounds by kiosk, as the store counts them (in 2026: 7 answered at
        // main-hall, 4 of them right at the first try).
        let by_kiosk = if lang == "uk" {
            "Правильно з першої спроби за кіосками"
        } else {
            "Right at the first try, by kiosk"
        };
        let year = chrono::Datelike::year(&tourcentre::visitors::local_date(Utc::now()));
        let store = tourcentre::store::open_read_only(&fixture.data()).unwrap();
        let stations = store.answers_by_station(year).unwrap();
        assert_eq!(
            html.contains(by_kiosk),
            !stations.is_empty(),
            "{lang}: accuracy by kiosk"
        );
        for station in &stations {
            let share = (station.first_try_right as f64 / station.answers as f64 * 100.0).round();
            let row = format!(
                "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{share} %</td>",
                station.station, station.answers
            );
            assert!(html.contains(&row), "{lang}: {row}");
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
        assert!(html.contains("A &amp; B &lt;b&gt;bold&lt;&#x2f;b&gt;"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "the report must work offline"
        );
        for chart in [
            "msw-recycled-share",
            // By its Fraction column: small multiples, one per fraction.
            "msw-recycled-share-by-1",
            "air-pm25",
            "escape-check",
            "centre-visits",
            "exhibit-first-try-accuracy",
            "centre/pace",
            "centre/months",
            "centre/accuracy",
            "centre/missed",
        ] {
            let png = out_dir.join("charts").join(format!("{chart}.png"));
            assert!(colours_in_png(&png) > 20, "{}: looks blank", png.display());
            // minijinja writes '/' as &#x2f; in HTML, which a browser reads back as '/'.
            assert!(
                html.contains(&format!("charts&#x2f;{}.png", chart.replace('/', "&#x2f;"))),
                "{chart} not in the page"
            );
            assert!(
                out_dir
                    .join("charts")
                    .join(format!("{chart}.svg"))
                    .is_file()
            );
        }
        let by_fraction =
            fs::read_to_string(out_dir.join("charts/msw-recycled-share-by-1.svg")).unwrap();
        let title = if lang == "uk" {
            "за «Fraction»"
        } else {
            "by “Fraction”"
        };
        assert!(
            by_fraction.contains(title) && by_fraction.contains("Plastic"),
            "{lang}"
        );
        assert!(
            !out_dir.join("charts/air-pm25-by-1.png").exists(),
            "no disaggregation, no breakdown"
        );
        // The indicator without data has no chart and is listed as left out.
        assert!(!out_dir.join("charts/waiting-for-data.png").exists());
        assert!(html.contains("waiting-for-data"));
        println!("report kept in {}", out_dir.display());
    }
}

#[test]
fn an_svg_chart_holds_the_series_labels_and_target() {
    let fixture = fixture();
    let out_dir = tempfile::tempdir().unwrap();
    let out = fixture.run(&["report", "--out", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = fs::read_to_string(out_dir.path().join("charts/msw-recycled-share.svg")).unwrap();
    assert!(svg.contains("Частка перероблених відходів"), "title");
    assert!(svg.contains("Мета 2030: 50"), "target label");
    assert!(svg.contains("ПРИКЛАД"), "example mark");
    assert!(svg.contains("Джерело: Test source A"), "source");
    assert!(
        svg.contains("<polyline") || svg.contains("<path"),
        "series line"
    );
    // The 2022 gap splits the line in two.
    assert!(
        svg.matches("<polyline").count() >= 2,
        "{}",
        svg.matches("<polyline").count()
    );
    for year in ["2020", "2021", "2023", "2024"] {
        assert!(svg.contains(&format!(">\n{year}\n<")), "year label {year}");
    }
}

#[test]
fn bad_files_are_left_out_and_the_rest_still_reported() {
    let fixture = fixture();
    fs::write(
        fixture.indicators().join("data/air-pm25.csv"),
        "Year,Value\n2016,lots\n",
    )
    .unwrap();
    fs::write(
        fixture.indicators().join("data/orphan.csv"),
        "Year,Value\n2020,1\n",
    )
    .unwrap();
    // Green below red for "higher is better": the definition is refused, the rest goes on.
    let swapped = RECYCLED.replace("green: 25.0, red: 15.0", "green: 15.0, red: 25.0");
    fs::write(fixture.indicators().join("msw-recycled-share.ron"), swapped).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = fixture.run(&["report", "--out", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(out_dir.path().join("index.html")).unwrap();
    assert!(
        html.contains("у benchmark переплутано green 15 і red 25"),
        "the bad definition is named, in the report's language"
    );
    assert!(
        html.contains("Відвідування Туристичного центру за рік"),
        "the rest is reported"
    );
    assert!(html.contains("air-pm25.csv:2:2"), "the bad cell is named");
    assert!(
        html.contains("orphan.csv"),
        "data without a definition is listed"
    );
    assert!(stderr(&out).contains("orphan.csv"), "{}", stderr(&out));
}

#[test]
fn without_a_store_the_report_still_comes_out_and_says_why() {
    let fixture = fixture();
    fs::remove_dir_all(fixture.data()).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = fixture.run(&[
        "--lang",
        "en",
        "report",
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = fs::read_to_string(out_dir.path().join("index.html")).unwrap();
    assert!(html.contains("no visitor database"), "{html}");
    assert!(
        !fixture.data().join("tourcentre.sqlite").exists(),
        "report must not create a store"
    );
}

#[test]
fn a_report_into_a_file_is_refused() {
    let fixture = fixture();
    let file = fixture.root.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let out = fixture.run(&["report", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("a-file"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn reading_for_a_report_leaves_the_store_as_it_was() {
    let fixture = fixture();
    let store = fixture.data().join("tourcentre.sqlite");
    let before = fs::read(&store).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = fixture.run(&["report", "--out", out_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(&store).unwrap(), before, "the store file changed");
}

#[test]
fn a_store_of_an_older_schema_is_read_by_nothing_and_named() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    drop(tourcentre::store::SqliteStore::create_at_schema_version(&data, 1).unwrap());
    let before = fs::read(data.join("tourcentre.sqlite")).unwrap();
    let out = tourcentre(
        &[
            "--lang",
            "en",
            "--data-dir",
            data.to_str().unwrap(),
            "indicators",
            "progress",
        ],
        &data,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("older tourcentre"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(data.join("tourcentre.sqlite")).unwrap(), before);
}
