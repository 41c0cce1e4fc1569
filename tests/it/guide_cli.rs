//! `tourcentre guide set-pin`: the guide panel's PIN, kept as a salted hash in the data dir.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::{repo, stderr};

fn set_pin(data_dir: &std::path::Path, typed: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .args(["--lang", "en", "guide", "set-pin", "--stdin"])
        .current_dir(repo())
        .env("TOURCENTRE_DATA", data_dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tourcentre binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(typed.as_bytes())
        .expect("PIN written");
    child.wait_with_output().expect("it finishes")
}

#[test]
fn set_pin_keeps_only_a_salted_hash() {
    let data = tempfile::tempdir().unwrap();
    let output = set_pin(data.path(), "4826\n");
    assert!(output.status.success(), "{}", stderr(&output));
    let stored = std::fs::read_to_string(data.path().join("guide-pin")).unwrap();
    assert!(
        stored.starts_with("$argon2") && !stored.contains("4826"),
        "{stored}"
    );
    let tourcentre::pin::PinState::Set(hash) = tourcentre::pin::load(data.path()).unwrap() else {
        panic!("a PIN is set")
    };
    assert!(tourcentre::pin::verify(&hash, "4826"));
}

#[test]
fn a_malformed_pin_is_refused_and_the_old_one_kept() {
    let data = tempfile::tempdir().unwrap();
    assert!(set_pin(data.path(), "4826\n").status.success());
    let before = std::fs::read(data.path().join("guide-pin")).unwrap();
    for bad in ["12\n", "12ab\n", "\n", "123456789\n"] {
        let output = set_pin(data.path(), bad);
        assert_eq!(output.status.code(), Some(1), "{bad:?}");
        assert!(
            stderr(&output).contains("4 to 8 digits"),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        std::fs::read(data.path().join("guide-pin")).unwrap(),
        before
    );
}
