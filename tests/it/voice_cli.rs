//! `tourcentre voice script` and `check`'s notes on clips, as the person who records uses them.

use std::fs;
use std::path::Path;

use crate::{repo, stderr, stdout, tourcentre};

/// A scenario beside an assets folder that shares the shipped pictures and fonts (symbolic links)
/// and has only the voice clips `keep` (copied from the shipped English ones).
fn scenario_with_clips(root: &Path, keep: &[&str]) -> std::path::PathBuf {
    let assets = root.join("assets");
    fs::create_dir_all(assets.join("voice/en")).unwrap();
    for entry in fs::read_dir(repo().join("assets")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "voice" {
            std::os::unix::fs::symlink(entry.path(), assets.join(entry.file_name())).unwrap();
        }
    }
    for key in keep {
        let name = format!("{key}.ogg");
        fs::copy(
            repo().join("assets/voice/en").join(&name),
            assets.join("voice/en").join(&name),
        )
        .unwrap();
    }
    let scenarios = root.join("scenarios");
    fs::create_dir_all(&scenarios).unwrap();
    let file = scenarios.join("hall.ron");
    fs::copy(repo().join("scenarios/khmelnytskyi.ron"), &file).unwrap();
    file
}

#[test]
fn the_script_lists_every_text_with_its_key_and_check_notes_each_missing_clip_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_with_clips(dir.path(), &["msg.exhibit-right", "number.3"]);
    let file = file.to_str().unwrap();

    let out = tourcentre(
        &["--lang", "en", "voice", "script", "--scenario", file],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let script = stdout(&out);
    assert!(
        script.contains("msg.exhibit-belongs-in.0\tIt goes here:\n"),
        "{script}"
    );
    assert!(
        script.contains("item.soap-bottle.name\tLiquid soap bottle\n"),
        "{script}"
    );
    assert!(script.contains("number.20\t20\n"));
    let lines = script.lines().count();
    assert!(lines > 300, "{lines} texts");

    // Two clips copied, not stamped here: check notes them as made from another text, and every
    // other text as missing, by key; the scenario is still valid (exit 0).
    let out = tourcentre(&["--lang", "en", "check", file], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        stdout(&out),
        stderr(&out)
    );
    let notes = stdout(&out);
    assert!(
        notes.contains("voice (en): no clip item.soap-bottle.name (\"Liquid soap bottle\")"),
        "{notes}"
    );
    assert!(
        notes.contains("voice (en): clip msg.exhibit-right was made from another text"),
        "{notes}"
    );
    assert!(
        notes.contains("voice (uk):") && notes.contains("has no clip"),
        "{notes}"
    );

    // Stamped, the clip is current; --missing leaves it out.
    let out = tourcentre(
        &[
            "--lang",
            "en",
            "voice",
            "stamp",
            "--scenario",
            file,
            "msg.exhibit-right",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = tourcentre(&["--lang", "en", "check", file], dir.path());
    assert!(
        !stdout(&out).contains("clip msg.exhibit-right was made"),
        "{}",
        stdout(&out)
    );
    let out = tourcentre(
        &[
            "--lang",
            "en",
            "voice",
            "script",
            "--missing",
            "--scenario",
            file,
        ],
        dir.path(),
    );
    let missing = stdout(&out);
    assert!(!missing.contains("msg.exhibit-right\t"));
    assert!(
        missing.contains("number.3\t3\n"),
        "copied but not stamped: still to check"
    );
    assert_eq!(missing.lines().count(), lines - 1);

    // A key the script does not have is refused, and nothing is written.
    let manifest = dir.path().join("assets/voice/en/made-from.tsv");
    let before = fs::read(&manifest).unwrap();
    let out = tourcentre(
        &[
            "--lang",
            "en",
            "voice",
            "stamp",
            "--scenario",
            file,
            "item.nope.name",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("item.nope.name"), "{}", stderr(&out));
    assert_eq!(fs::read(&manifest).unwrap(), before);
}
