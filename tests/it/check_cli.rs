use std::fs;

use crate::{repo, stderr, stdout, tourcentre};

#[test]
fn check_passes_on_everything_shipped() {
    let data = tempfile::tempdir().unwrap();
    let out = tourcentre(&["check"], data.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("Проблем не знайдено"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn check_speaks_english_when_asked() {
    let data = tempfile::tempdir().unwrap();
    let out = tourcentre(&["--lang", "en", "check"], data.path());
    assert!(stderr(&out).contains("no problems"), "{}", stderr(&out));
}

#[test]
fn a_scenario_broken_by_hand_gives_path_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    fs::create_dir(&scenarios).unwrap();
    let shipped = fs::read_to_string(repo().join("scenarios/khmelnytskyi.ron")).unwrap();
    // Cut the file in the middle of a string, as an editor crash or a bad paste would.
    let cut = &shipped[..shipped.find("Сірий контейнер").unwrap()];
    let broken = scenarios.join("broken.ron");
    fs::write(&broken, cut).unwrap();
    let out = tourcentre(&["check", broken.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let prefix = format!("{}:", broken.display());
    let line = text
        .lines()
        .find(|l| l.starts_with(&prefix))
        .expect("a problem names the file");
    let position: Vec<&str> = line[prefix.len()..].splitn(3, ':').collect();
    assert!(
        position[0].parse::<usize>().is_ok() && position[1].parse::<usize>().is_ok(),
        "{line}"
    );
}

#[test]
fn a_wrong_bin_reference_is_named_and_every_problem_listed() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = fs::read_to_string(repo().join("scenarios/khmelnytskyi.ron")).unwrap();
    let broken = shipped
        .replacen("bin: \"paper\"", "bin: \"papir\"", 1)
        .replacen(
            "source: \"NOAA / Woods Hole Sea Grant, «How long until it's gone?»\"",
            "source: \"\"",
            1,
        );
    let path = dir.path().join("bad.ron");
    fs::write(&path, broken).unwrap();
    let out = tourcentre(&["check", path.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("предмет \"newspaper\": контейнера \"papir\" немає в сценарії"),
        "{text}"
    );
    assert!(
        text.contains("факт \"newspaper-sea\": поле source порожнє"),
        "{text}"
    );
    let out = tourcentre(
        &["--lang", "en", "check", path.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("item \"newspaper\": bin \"papir\" does not exist"),
        "{text}"
    );
    assert!(
        text.contains("fact \"newspaper-sea\": source is empty"),
        "{text}"
    );
}

#[test]
fn broken_indicator_csv_is_reported_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    fs::write(&path, "Year,Value\n2020,\"12,5\"\n").unwrap();
    let out = tourcentre(
        &["--lang", "en", "check", path.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(&format!("{}:2:2: Value \"12,5\"", path.display())),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_definition_in_the_indicators_dir_is_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let indicators = dir.path().join("ind");
    fs::create_dir(&indicators).unwrap();
    fs::write(
        indicators.join("x.ron"),
        "(id: \"x\", name: (uk: \"а\", en: \"a\"), sector: \"s\", psr: State, unit: \"%\", direction: Lower, \
         target: Some((value: 1.0, year: 2010)), source: \"s\")",
    )
    .unwrap();
    let out = tourcentre(
        &[
            "--indicators",
            indicators.to_str().unwrap(),
            "--lang",
            "en",
            "check",
            indicators.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("target year 2010 must come after the base year 2015"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn missing_paths_and_odd_files_exit_1_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ron");
    fs::write(&empty, "").unwrap();
    let binary = dir.path().join("bin.csv");
    fs::write(&binary, [0u8, 159, 146, 150]).unwrap();
    let latin1 = dir.path().join("latin1.ron");
    fs::write(&latin1, b"(id: \"\xe9\")").unwrap();
    let missing = dir.path().join("nope.ron");
    let args = [
        "--lang",
        "en",
        "check",
        empty.to_str().unwrap(),
        binary.to_str().unwrap(),
        latin1.to_str().unwrap(),
        missing.to_str().unwrap(),
    ];
    let out = tourcentre(&args, dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("empty.ron: the file is empty"), "{text}");
    assert!(text.contains("bin.csv: the file is binary"), "{text}");
    assert!(
        text.contains("latin1.ron:1:7: the file is not UTF-8"),
        "{text}"
    );
    assert!(
        text.contains("nope.ron: cannot read: no such file"),
        "{text}"
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn an_unreadable_directory_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // root reads any directory; the check is meaningful only for ordinary users.
    let readable_anyway = fs::read_dir(&locked).is_ok();
    let out = tourcentre(&["check", locked.to_str().unwrap()], dir.path());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        assert_eq!(out.status.code(), Some(0));
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert!(stdout(&out).contains("cannot read the directory"));
    }
}

#[test]
fn json_format_lists_problems() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    fs::write(&path, "Year,Value\nabc,1\n").unwrap();
    let out = tourcentre(
        &["check", "--format", "json", path.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["problems"][0]["line"], 2);
    assert_eq!(json["problems"][0]["column"], 1);
}

#[test]
fn usage_errors_exit_2_and_help_shows_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let out = tourcentre(&["check", "--format", "yaml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let help = tourcentre(&["--help"], dir.path());
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for flag in ["--data-dir", "--indicators", "--lang", "check"] {
        assert!(text.contains(flag), "{flag} missing from --help:\n{text}");
    }
    assert!(
        text.contains(&dir.path().display().to_string()),
        "resolved data dir missing:\n{text}"
    );
}

/// An indicators directory with the given definitions and data files.
fn indicators_dir(definitions: &[(&str, &str)], data: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let indicators = dir.path().join("ind");
    fs::create_dir_all(indicators.join("data")).unwrap();
    for (name, text) in definitions {
        fs::write(indicators.join(name), text).unwrap();
    }
    for (name, text) in data {
        fs::write(indicators.join("data").join(name), text).unwrap();
    }
    dir
}

fn check_indicators(dir: &tempfile::TempDir) -> std::process::Output {
    let indicators = dir.path().join("ind");
    tourcentre(
        &[
            "--indicators",
            indicators.to_str().unwrap(),
            "check",
            indicators.to_str().unwrap(),
        ],
        dir.path(),
    )
}

fn definition(id: &str, extra: &str) -> String {
    format!(
        "(id: \"{id}\", name: (uk: \"а\", en: \"a\"), sector: \"s\", psr: State, unit: \"%\", \
         direction: Higher, source: \"s\"{extra})"
    )
}

#[test]
fn data_without_a_definition_is_a_problem() {
    let x = definition("x", "");
    let dir = indicators_dir(
        &[("x.ron", &x)],
        &[
            ("x.csv", "Year,Value\n2020,1\n"),
            ("typo.csv", "Year,Value\n2020,1\n"),
        ],
    );
    let out = check_indicators(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("typo.csv: дані без опису"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_definition_without_data_is_a_note_not_a_failure() {
    let x = definition("x", "");
    let dir = indicators_dir(&[("x.ron", &x)], &[]);
    let out = check_indicators(&dir);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("x.ron: примітка: для індикатора «x» ще немає даних"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_store_derived_indicator_with_a_data_file_is_a_problem() {
    let x = definition("x", ", derived: Some(CentreVisits)");
    let dir = indicators_dir(&[("x.ron", &x)], &[("x.csv", "Year,Value\n2020,1\n")]);
    let out = check_indicators(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("обчислюється з бази даних центру"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn empty_and_all_missing_data_files_are_problems() {
    let (x, y, z) = (
        definition("x", ""),
        definition("y", ""),
        definition("z", ""),
    );
    let dir = indicators_dir(
        &[("x.ron", &x), ("y.ron", &y), ("z.ron", &z)],
        &[
            ("x.csv", ""),
            ("y.csv", "Year,Value\n2020,\n2021,\n"),
            ("z.csv", "Year,Value\n"),
        ],
    );
    let out = check_indicators(&dir);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("x.csv: файл порожній"), "{text}");
    assert!(text.contains("y.csv: усі Value порожні"), "{text}");
    assert!(
        text.contains("z.csv: у файлі є заголовок, але немає рядків із даними"),
        "{text}"
    );
}

#[test]
fn a_swapped_benchmark_is_named() {
    let x = definition("x", ", benchmark: Some((green: 10.0, red: 50.0))");
    let dir = indicators_dir(&[("x.ron", &x)], &[("x.csv", "Year,Value\n2020,1\n")]);
    let out = check_indicators(&dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("у benchmark переплутано green 10 і red 50"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unreadable_files_are_named_in_ukrainian_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ron");
    fs::write(&empty, "").unwrap();
    let missing = dir.path().join("nope.ron");
    let out = tourcentre(
        &["check", empty.to_str().unwrap(), missing.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("empty.ron: файл порожній"), "{text}");
    assert!(
        text.contains("nope.ron: не вдається прочитати: немає такого файлу чи теки"),
        "{text}"
    );
}
