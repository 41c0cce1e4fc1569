//! No input makes the loaders panic: a property test over mutations of the shipped files, and a
//! corpus of hand-broken files.

use std::path::Path;

use proptest::prelude::*;
use tourcentre::{content, indicators};

use crate::repo;

fn shipped_scenario() -> String {
    std::fs::read_to_string(repo().join("scenarios/khmelnytskyi.ron")).unwrap()
}

const SAMPLE_CSV: &str =
    "Year,District,Units,Value\n2020,,%,5\n2020,Center,%,7.5\n2021,,%,\n2022,,%,6\n";

/// Applies one edit at a char boundary: cut, delete a span, or insert a string.
fn mutate(text: &str, at: usize, len: usize, insert: &str, kind: u8) -> String {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let start = boundaries[at % boundaries.len()];
    let end = boundaries[(at + len) % boundaries.len()].max(start);
    match kind % 3 {
        0 => text[..start].to_string(),
        1 => format!("{}{}", &text[..start], &text[end..]),
        _ => format!("{}{}{}", &text[..start], insert, &text[start..]),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_scenarios_never_panic(at in 0usize..40_000, len in 0usize..200, kind in 0u8..3,
                                     insert in "[(){}\\[\\]:,\"a-z0-9 \\n.#-]{0,12}") {
        let text = mutate(&shipped_scenario(), at, len, &insert, kind);
        let _ = content::from_text(Path::new("x.ron"), &text, &repo().join("assets"));
    }

    #[test]
    fn mutated_csv_never_panics(at in 0usize..200, len in 0usize..20, kind in 0u8..3,
                                insert in "[,\"\\n\\r0-9a-z.;-]{0,8}") {
        let text = mutate(SAMPLE_CSV, at, len, &insert, kind);
        let _ = indicators::parse_csv(Path::new("x.csv"), &text, 2026);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = content::from_text(Path::new("x.ron"), &text, &repo().join("assets"));
        let _ = indicators::parse_csv(Path::new("x.csv"), &text, 2026);
    }
}

#[test]
fn a_corpus_of_broken_scenarios_is_rejected_with_positions() {
    let cases = [
        ("truncated", shipped_scenario()[..500].to_string()),
        (
            "wrong type",
            shipped_scenario().replace("items_per_round: 5", "items_per_round: \"five\""),
        ),
        (
            "unknown variant",
            shipped_scenario().replace("detail: Short", "detail: Tiny"),
        ),
        (
            "unknown field",
            shipped_scenario().replace("idle_timeout_secs: 90", "idle_timeout: 90"),
        ),
        (
            "negative number",
            shipped_scenario().replace("items_per_round: 5", "items_per_round: -5"),
        ),
        ("only garbage", "@@@".to_string()),
    ];
    for (name, text) in cases {
        let problems =
            content::from_text(Path::new("x.ron"), &text, &repo().join("assets")).expect_err(name);
        assert!(problems.0[0].line.is_some(), "{name}: {problems}");
    }
}

#[test]
fn a_50_megabyte_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    std::fs::write(&path, "(".repeat(50 * 1024 * 1024)).unwrap();
    let problems = content::load(&path, &repo().join("assets")).unwrap_err();
    assert!(
        problems.to_string().contains("huge.ron: the file is 50 MB"),
        "{problems}"
    );
}

#[test]
fn a_deeply_nested_file_does_not_overflow_the_stack() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let _ = content::from_text(Path::new("x.ron"), &text, &repo().join("assets"));
}

#[test]
fn a_reader_that_closes_the_pipe_early_gets_no_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let data = tempfile::tempdir().unwrap();
    // Several commands, each into a pipe whose reader is gone before the first line is written.
    for args in [
        &["indicators", "list"][..],
        &["indicators", "progress", "--format", "json"][..],
        &["check", "--format", "json"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .args(args)
            .current_dir(repo())
            .env("TOURCENTRE_DATA", data.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_ne!(status.code(), Some(101), "{args:?}: a panic's exit status");
    }
}
