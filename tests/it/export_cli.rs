//! `tourcentre export --out DIR` as the Department of Economics runs it: the files a portal takes,
//! a descriptor that lists exactly them, licences, formula cells made safe, and refusals that
//! write nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{stderr, stdout, tourcentre};

const WASTE: &str = r#"(
    id: "waste-collected",
    name: (uk: "Зібрані побутові відходи", en: "Household waste collected"),
    sector: "solid-waste",
    psr: Pressure,
    unit: "t",
    direction: Lower,
    base_year: Some(2020),
    source: "КП «Спецкомунтранс»",
)"#;

const WASTE_CSV: &str = "Year,District,Units,Value\n\
2020,,t,1500.5\n\
2020,Центр,t,700\n\
2020,\"=HYPERLINK(\"\"x\"\")\",kg,-3.5\n\
2021,,t,1480\n\
2021,Центр,,\n";

const SHARE: &str = r#"(
    id: "recycled-share",
    name: (uk: "Частка перероблених відходів", en: "Share of waste recycled"),
    sector: "solid-waste",
    psr: Response,
    unit: "%",
    direction: Higher,
    base_year: Some(2019),
    target: Some((value: 50.0, year: 2030)),
    source: "Департамент економіки",
    example: true,
)"#;

const SHARE_CSV: &str = "Year,Value\n2019,4.2\n2020,\n2021,0.30000000000000004\n";

const NO_DATA: &str = r#"(
    id: "no-data-yet",
    name: (uk: "Показник без даних", en: "Indicator without data"),
    sector: "solid-waste",
    psr: State,
    unit: "%",
    direction: Higher,
    source: "GCAP",
)"#;

const VISITS: &str = r#"(
    id: "centre-visits",
    name: (uk: "Відвідувачі Тур-центру", en: "Tour Centre visitors"),
    sector: "solid-waste",
    psr: Response,
    unit: "visitors",
    direction: Higher,
    base_year: Some(2025),
    source: "tourcentre",
    derived: Some(CentreVisits),
)"#;

struct Fixture {
    indicators: tempfile::TempDir,
    data: tempfile::TempDir,
    out: tempfile::TempDir,
}

impl Fixture {
    /// Indicators with a disaggregation, a gap, a formula cell, one without data and one from the
    /// store; `with_store` registers visits in two years through the real binary.
    fn new(with_store: bool) -> Self {
        let indicators = tempfile::tempdir().unwrap();
        let dir = indicators.path();
        fs::create_dir(dir.join("data")).unwrap();
        for (id, ron, csv) in [
            ("waste-collected", WASTE, Some(WASTE_CSV)),
            ("recycled-share", SHARE, Some(SHARE_CSV)),
            ("no-data-yet", NO_DATA, None),
            ("centre-visits", VISITS, None),
        ] {
            fs::write(dir.join(format!("{id}.ron")), ron).unwrap();
            if let Some(csv) = csv {
                fs::write(dir.join("data").join(format!("{id}.csv")), csv).unwrap();
            }
        }
        let fixture = Fixture {
            indicators,
            data: tempfile::tempdir().unwrap(),
            out: tempfile::tempdir().unwrap(),
        };
        if with_store {
            for (count, date) in [
                ("5", "2026-03-02"),
                ("7", "2026-03-03"),
                ("11", "2025-06-02"),
            ] {
                let out = fixture.run(&[
                    "visit",
                    "add",
                    "--count",
                    count,
                    "--category",
                    "school",
                    "--date",
                    date,
                ]);
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            }
        }
        fixture
    }

    fn out_dir(&self) -> PathBuf {
        self.out.path().join("open-data")
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let mut all = vec![
            "--lang",
            "en",
            "--indicators",
            self.indicators.path().to_str().unwrap(),
            "--data-dir",
            self.data.path().to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        tourcentre(&all, self.data.path())
    }

    fn export(&self, extra: &[&str]) -> std::process::Output {
        let out = self.out_dir();
        let mut args = vec!["export", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn exported(&self, extra: &[&str]) -> String {
        let out = self.export(extra);
        assert_eq!(
            out.status.code(),
            Some(0),
            "stdout: {}\nstderr: {}",
            stdout(&out),
            stderr(&out)
        );
        assert!(!stderr(&out).contains("panicked"));
        stdout(&out)
    }

    /// Everything a successful export said: the summary (stdout) and what it left out (stderr).
    fn said(&self, extra: &[&str]) -> String {
        let out = self.export(extra);
        self.exported(extra);
        format!("{}\n{}", stdout(&out), stderr(&out))
    }

    fn package(&self) -> Value {
        let text = fs::read_to_string(self.out_dir().join("datapackage.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    }
}

/// Header and rows of a written CSV, as a CSV reader sees them.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn rows(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|line| line.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn csv_files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".csv"))
        .collect()
}

#[test]
fn every_indicator_with_data_is_exported_and_reads_back_equal() {
    let fixture = Fixture::new(true);
    let text = fixture.said(&[]);
    let out = fixture.out_dir();

    let (header, data) = read_csv(&out.join("waste-collected.csv"));
    assert_eq!(header, ["Year", "District", "Units", "Value"]);
    assert_eq!(
        data,
        rows(&[
            &["2020", "", "t", "1500.5"],
            &["2020", "Центр", "t", "700"],
            &["2020", "'=HYPERLINK(\"x\")", "kg", "-3.5"],
            &["2021", "", "t", "1480"],
            // A blank unit takes the definition's; a missing value stays blank.
            &["2021", "Центр", "t", ""],
        ])
    );

    let (header, data) = read_csv(&out.join("recycled-share.csv"));
    assert_eq!(header, ["Year", "Units", "Value"]);
    assert_eq!(
        data,
        rows(&[
            &["2019", "%", "4.2"],
            &["2020", "%", ""],
            &["2021", "%", "0.30000000000000004"],
        ])
    );
    assert_eq!(data[2][2].parse::<f64>().unwrap(), 0.1 + 0.2);

    // The store-derived indicator counts finished years only.
    let (header, data) = read_csv(&out.join("centre-visits.csv"));
    assert_eq!(header, ["Year", "Units", "Value"]);
    assert_eq!(data, rows(&[&["2025", "visitors", "11"]]));

    let (header, data) = read_csv(&out.join("centre-visits-monthly.csv"));
    assert_eq!(header, ["Year", "Month", "Visitors"]);
    assert_eq!(data, rows(&[&["2025", "6", "11"], &["2026", "3", "12"]]));

    assert!(!out.join("no-data-yet.csv").exists());
    let skipped = text
        .lines()
        .find(|l| l.contains("no-data-yet.ron"))
        .unwrap_or_else(|| panic!("the indicator without data is reported: {text}"));
    assert!(skipped.contains("no data yet"), "{skipped}");
    assert!(text.contains("datapackage.json"), "{text}");
}

#[test]
fn the_descriptor_lists_exactly_the_files_written_with_matching_fields() {
    let fixture = Fixture::new(true);
    fixture.exported(&[]);
    let out = fixture.out_dir();
    let package = fixture.package();

    assert_eq!(package["name"], "khmelnytskyi-green-city-indicators");
    assert_eq!(
        package["licenses"],
        serde_json::json!([{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0 International",
        }])
    );
    let created = package["created"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{created}"
    );

    let resources = package["resources"].as_array().unwrap();
    let listed: BTreeSet<String> = resources
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, csv_files(&out));
    assert_eq!(
        listed,
        BTreeSet::from(
            [
                "centre-visits-monthly.csv",
                "centre-visits.csv",
                "recycled-share.csv",
                "waste-collected.csv",
            ]
            .map(String::from)
        )
    );
    for resource in resources {
        let path = resource["path"].as_str().unwrap();
        let name = resource["name"].as_str().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c)),
            "{name}"
        );
        assert_eq!(resource["format"], "csv");
        assert_eq!(resource["mediatype"], "text/csv");
        assert_eq!(resource["encoding"], "utf-8");
        assert!(!resource["sources"][0]["title"].as_str().unwrap().is_empty());
        let (header, data) = read_csv(&out.join(path));
        let fields = resource["schema"]["fields"].as_array().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, header, "{path}");
        for (index, field) in fields.iter().enumerate() {
            let kind = field["type"].as_str().unwrap();
            let expected = match field["name"].as_str().unwrap() {
                "Year" | "Month" | "Visitors" => "integer",
                "Value" => "number",
                _ => "string",
            };
            assert_eq!(kind, expected, "{path}: {field}");
            for row in &data {
                let cell = &row[index];
                match kind {
                    "integer" => assert!(cell.parse::<i64>().is_ok(), "{path}: {cell}"),
                    "number" => assert!(cell.is_empty() || cell.parse::<f64>().is_ok()),
                    _ => {}
                }
            }
        }
        assert_eq!(resource["schema"]["missingValues"], serde_json::json!([""]));
    }

    let share = resources
        .iter()
        .find(|r| r["name"] == "recycled-share")
        .unwrap();
    assert!(
        share["title"]
            .as_str()
            .unwrap()
            .starts_with("ПРИКЛАД / EXAMPLE"),
        "{share}"
    );
    assert!(
        share["title"]
            .as_str()
            .unwrap()
            .contains("Частка перероблених відходів")
    );
    let description = share["description"].as_str().unwrap();
    assert!(description.contains("demonstration data, not real observations"));
    assert!(description.contains("Share of waste recycled"));
    let value = &share["schema"]["fields"][2];
    assert_eq!(value["name"], "Value");
    assert_eq!(value["unit"], "%");
    assert!(value["description"].as_str().unwrap().contains('%'));
}

#[test]
fn another_licence_is_named_in_the_descriptor() {
    let fixture = Fixture::new(false);
    fixture.exported(&["--license", "CC0-1.0"]);
    let package = fixture.package();
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
    assert_eq!(
        package["licenses"][0]["path"],
        "https://creativecommons.org/publicdomain/zero/1.0/"
    );
}

#[test]
fn an_unknown_licence_is_refused_and_nothing_written() {
    let fixture = Fixture::new(false);
    let out = fixture.export(&["--license", "XYZ"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("--license XYZ: unknown licence; use one of:") && err.contains("CC-BY-4.0"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!fixture.out_dir().exists());
}

#[test]
fn without_a_store_the_monthly_visits_are_left_out_and_said_so() {
    let fixture = Fixture::new(false);
    let text = fixture.said(&[]);
    let out = fixture.out_dir();
    assert_eq!(
        csv_files(&out),
        BTreeSet::from(["recycled-share.csv", "waste-collected.csv"].map(String::from))
    );
    assert!(text.contains("no visitor database"), "{text}");
    let resources = fixture.package()["resources"].as_array().unwrap().len();
    assert_eq!(resources, 2);
}

#[test]
fn json_output_lists_files_and_what_was_skipped() {
    let fixture = Fixture::new(true);
    let text = fixture.exported(&["--format", "json"]);
    let report: Value = serde_json::from_str(&text).unwrap();
    let files: BTreeSet<String> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            Path::new(f.as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut expected = csv_files(&fixture.out_dir());
    expected.insert("datapackage.json".into());
    assert_eq!(files, expected);
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["path"].as_str().unwrap().ends_with("no-data-yet.ron")),
        "{text}"
    );
}

#[test]
fn ukrainian_is_the_default_and_a_file_as_out_is_refused() {
    let fixture = Fixture::new(false);
    let out = fixture.out_dir();
    let args = [
        "--indicators",
        fixture.indicators.path().to_str().unwrap(),
        "--data-dir",
        fixture.data.path().to_str().unwrap(),
        "export",
        "--out",
        out.to_str().unwrap(),
    ];
    let run = tourcentre(&args, fixture.data.path());
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("Відкриті дані записано"),
        "{}",
        stdout(&run)
    );
    assert!(stderr(&run).contains("ще не має даних"), "{}", stderr(&run));

    let file = fixture.out.path().join("a-file");
    fs::write(&file, "keep me").unwrap();
    let mut args = args;
    args[6] = file.to_str().unwrap();
    let run = tourcentre(&args, fixture.data.path());
    assert_eq!(run.status.code(), Some(1));
    assert!(!stderr(&run).contains("panicked"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn with_nothing_to_export_nothing_is_written() {
    let indicators = tempfile::tempdir().unwrap();
    fs::write(indicators.path().join("no-data-yet.ron"), NO_DATA).unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("open-data");
    let run = tourcentre(
        &[
            "--lang",
            "en",
            "--indicators",
            indicators.path().to_str().unwrap(),
            "--data-dir",
            data.path().to_str().unwrap(),
            "export",
            "--out",
            out.to_str().unwrap(),
        ],
        data.path(),
    );
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("Nothing to export") && err.contains("no-data-yet.ron"),
        "{err}"
    );
    assert!(!out.exists());
    assert_eq!(
        fs::read_dir(data.path()).unwrap().count(),
        0,
        "no store made"
    );
}
