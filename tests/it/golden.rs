//! Golden transcripts: every command's text and JSON, in both languages, on one fixture data dir
//! at a fixed "now" (`TOURCENTRE_NOW`). They pin what a guide or an economist reads, so moving code
//! between layers is proven to change no output.
//!
//! Ids the program makes (UUIDs and the 8-character prefixes a guide types) are named in order of
//! first appearance (`<id-1>`), and the fixture's temporary directory is shown as `<root>`.
//! After an intended change of output, write the transcripts anew and read the diff:
//! `TOURCENTRE_BLESS=1 cargo nextest run golden`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use crate::repo;
use crate::report_cli::{Fixture, fixture_on};

/// A Wednesday in May, 13:00 in Kyiv.
const NOW: &str = "2026-05-20T13:00:00+03:00";

struct Transcript {
    fixture: Fixture,
    lang: &'static str,
    text: String,
}

impl Transcript {
    fn new(lang: &'static str) -> Self {
        let fixture = fixture_on(NaiveDate::from_ymd_opt(2026, 5, 20).unwrap());
        std::fs::write(
            fixture.data().join("visitors.ron"),
            "(\n    target: 27000,\n    closed_dates: [\"2026-01-01\", \"2026-01-07\"],\n)\n",
        )
        .unwrap();
        Transcript {
            fixture,
            lang,
            text: String::new(),
        }
    }

    fn root(&self) -> &Path {
        self.fixture.root.path()
    }

    fn path(&self, name: &str) -> String {
        self.root().join(name).display().to_string()
    }

    /// Runs one command line and writes what it printed into the transcript.
    fn run_with_input(&mut self, args: &[&str], input: Option<&str>) -> String {
        let indicators = self.fixture.indicators();
        let data = self.fixture.data();
        let mut command = Command::new(env!("CARGO_BIN_EXE_tourcentre"));
        command
            .args(["--lang", self.lang, "--indicators"])
            .arg(&indicators)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .current_dir(repo())
            .env("TOURCENTRE_NOW", NOW)
            .env_remove("TOURCENTRE_DATA")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("the tourcentre binary runs");
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            if let Some(input) = input {
                stdin.write_all(input.as_bytes()).unwrap();
            }
        }
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let _ = writeln!(self.text, "$ tourcentre {}", args.join(" "));
        let _ = writeln!(self.text, "[exit {}]", out.status.code().unwrap_or(-1));
        for (name, stream) in [("stdout", &stdout), ("stderr", &stderr)] {
            if !stream.is_empty() {
                let _ = writeln!(self.text, "--- {name}\n{}", stream.trim_end());
            }
        }
        self.text.push('\n');
        stdout
    }

    fn run(&mut self, args: &[&str]) -> String {
        self.run_with_input(args, None)
    }

    /// A CSV file the command wrote: its header, then its rows sorted (rows of one day come in
    /// the order of their random ids).
    fn show_file(&mut self, path: &str) {
        let text = std::fs::read_to_string(path).unwrap_or_else(|err| format!("({err})"));
        let mut lines: Vec<&str> = text.lines().collect();
        if lines.len() > 1 {
            lines[1..].sort_unstable();
        }
        let _ = writeln!(self.text, "= {path}\n{}\n", lines.join("\n"));
    }

    /// The transcript with the fixture's directory and the made ids replaced by stable names.
    fn normalised(&self) -> String {
        let mut text = self
            .text
            .replace(&self.root().display().to_string(), "<root>");
        let mut seen: Vec<String> = Vec::new();
        for word in text.split(|c: char| !(c.is_ascii_hexdigit() || c == '-')) {
            if uuid::Uuid::parse_str(word).is_ok()
                && word.len() == 36
                && !seen.iter().any(|s| s == word)
            {
                seen.push(word.to_string());
            }
        }
        for (index, id) in seen.iter().enumerate() {
            let name = format!("<id-{}>", index + 1);
            text = text.replace(id.as_str(), &name);
            text = text.replace(&id[..8], &name);
        }
        text
    }
}

fn golden_path(lang: &str) -> PathBuf {
    repo().join(format!("tests/it/golden/commands.{lang}.txt"))
}

/// Every command a guide or an economist runs, right and wrong, in the given language.
fn transcript(lang: &'static str) -> String {
    let mut t = Transcript::new(lang);
    let indicators = t.fixture.indicators().display().to_string();

    t.run(&["check", &indicators]);
    t.run(&["check", &indicators, "--format", "json"]);
    let broken = t.path("broken.ron");
    std::fs::write(&broken, "(id: \"x\",\n  bins: [\n").unwrap();
    t.run(&["check", &broken]);
    t.run(&["check", &broken, "--format", "json"]);

    let first = t.run(&[
        "tour",
        "start",
        "--group",
        "school",
        "--size",
        "25",
        "--guide",
        "Олена",
        "--note",
        "5-А",
    ]);
    t.run(&[
        "tour",
        "start",
        "--group",
        "adult",
        "--size",
        "4",
        "--at",
        "2026-05-20T09:00",
        "--format",
        "json",
    ]);
    t.run(&["tour", "start", "--group", "robots", "--size", "4"]);
    t.run(&["tour", "start", "--group", "school", "--size", "0"]);
    t.run(&[
        "tour",
        "start",
        "--group",
        "school",
        "--size",
        "10",
        "--at",
        "2026-06-01T10:00",
    ]);
    t.run(&["tour", "list"]);
    t.run(&["tour", "list", "--format", "json"]);
    let first = first.trim().to_string();
    t.run(&["tour", "end", &first[..8], "--at", "2026-05-20T12:40"]);
    t.run(&["tour", "end", &first, "--format", "json"]);
    t.run(&["tour", "end", &first]);
    t.run(&["tour", "end", "ffffffff"]);
    t.run(&["tour", "list", "--date", "2026-05-20"]);
    t.run(&["tour", "list", "--date", "2026-05-19", "--format", "json"]);
    t.run(&["tour", "list", "--date", "20.05.2026"]);

    t.run(&["visit", "add", "--count", "12", "--category", "family"]);
    t.run(&[
        "visit",
        "add",
        "--count",
        "3",
        "--category",
        "student",
        "--date",
        "2026-05-19",
        "--note",
        "=cmd()",
        "--format",
        "json",
    ]);
    t.run(&["visit", "add", "--count", "0", "--category", "family"]);
    t.run(&["visit", "add", "--count", "501", "--category", "family"]);
    t.run(&[
        "visit",
        "add",
        "--count",
        "5",
        "--category",
        "family",
        "--date",
        "2026-05-21",
    ]);

    t.run(&["visitors", "status"]);
    t.run(&["visitors", "status", "--format", "json"]);
    t.run(&["visitors", "status", "--year", "2025"]);
    t.run(&[
        "visitors",
        "status",
        "--as-of",
        "2026-03-31",
        "--format",
        "json",
    ]);
    t.run(&["visitors", "status", "--as-of", "2026-13-01"]);
    t.run(&["visitors", "status", "--year", "1800"]);

    let import = t.path("spring.csv");
    std::fs::write(
        &import,
        "date,count,category,note\n2026-04-02,22,school,Ліцей №1\n2026-04-03,7,adult,\n",
    )
    .unwrap();
    t.run(&["visitors", "import", &import]);
    t.run(&["visitors", "import", &import]);
    let bad = t.path("bad.csv");
    std::fs::write(
        &bad,
        "date,count,category\n2026-04-04,x,school\n2026-04-05,3,robots\n2027-01-01,3,adult\n",
    )
    .unwrap();
    t.run(&["visitors", "import", &bad, "--format", "json"]);
    t.run(&["visitors", "import", &bad]);
    t.run(&["visitors", "import", &t.path("missing.csv")]);
    let export = t.path("all.csv");
    t.run(&["visitors", "export", &export]);
    t.show_file(&export);
    t.run(&[
        "visitors",
        "export",
        &t.path("all-2.csv"),
        "--format",
        "json",
    ]);
    t.run(&["visitors", "import", &export]);

    t.run(&["db", "backup", &t.path("backup.sqlite")]);
    t.run(&["db", "backup", &t.path("backup.sqlite")]);
    t.run(&[
        "db",
        "backup",
        &t.path("backup-2.sqlite"),
        "--format",
        "json",
    ]);

    t.run(&["indicators", "list"]);
    t.run(&["indicators", "list", "--format", "json"]);
    t.run(&["indicators", "progress"]);
    t.run(&["indicators", "progress", "--format", "json"]);
    t.run(&["report", "--out", &t.path("report")]);
    t.run(&["report", "--out", &t.path("report-2"), "--format", "json"]);
    t.run(&["report", "--out", &import]);
    t.run(&["export", "--out", &t.path("open")]);
    t.show_file(&t.path("open/centre-monthly-visits.csv"));
    t.run(&["export", "--out", &t.path("open-2"), "--format", "json"]);

    t.run_with_input(&["guide", "set-pin", "--stdin"], Some("12\n"));
    t.run_with_input(&["guide", "set-pin", "--stdin"], Some("2468\n"));
    t.normalised()
}

fn compare(lang: &'static str) {
    let actual = transcript(lang);
    let path = golden_path(lang);
    if std::env::var_os("TOURCENTRE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; write it with TOURCENTRE_BLESS=1",
            path.display()
        )
    });
    if actual != expected {
        let kept = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("commands.{lang}.txt"));
        std::fs::write(&kept, &actual).unwrap();
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "the {lang} transcript differs from {} from line {}:\n  expected: {:?}\n  actual:   {:?}\n(whole output kept in {})",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first),
            kept.display()
        );
    }
}

#[test]
fn every_command_prints_what_it_printed_before_in_ukrainian() {
    compare("uk");
}

#[test]
fn every_command_prints_what_it_printed_before_in_english() {
    compare("en");
}
