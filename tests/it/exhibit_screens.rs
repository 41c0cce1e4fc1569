//! The exhibit as a visitor sees it: the real binary under Xvfb with software Vulkan, playing one
//! round by itself and saving a picture of every screen, in Ukrainian and in English.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::repo;

const SCREENS: [&str; 5] = ["attract", "sorting", "feedback", "lifecycle", "results"];
const PATIENCE: Duration = Duration::from_secs(300);

fn play_one_round(lang: &str, shots: &Path, data_dir: &Path) {
    // The log goes to a file: a full pipe nobody reads would stall the exhibit (Mesa is chatty).
    let log_path = data_dir.join("exhibit.log");
    let log_file = std::fs::File::create(&log_path).expect("a log file in the data dir");
    let mut child = Command::new("xvfb-run")
        .args(["-a", "-s", "-screen 0 1920x1080x24"])
        .arg(env!("CARGO_BIN_EXE_tourcentre"))
        .args([
            "--lang",
            lang,
            "exhibit",
            "--autoplay",
            "--exit-after-round",
            "--screenshot-dir",
        ])
        .arg(shots)
        .current_dir(repo())
        .env("TOURCENTRE_DATA", data_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::from(log_file))
        .spawn()
        .expect("xvfb-run is installed (make test installs the package xvfb)");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the exhibit can be waited for") {
            break status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("the exhibit did not finish a round within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    assert!(status.success(), "the exhibit exited with {status}:\n{log}");
    assert!(!log.contains("panicked"), "the exhibit panicked:\n{log}");
}

/// A picture is "not blank" when it has many colours and real contrast, as a screen with text,
/// pictures and bins has; a cleared window, a single-colour frame or noise-free gradient fails.
fn assert_not_blank(path: &Path) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let frame = reader.next_frame(&mut pixels).expect("PNG pixels");
    let channels = frame.color_type.samples();
    assert!(
        frame.width >= 1280 && frame.height >= 720,
        "{} is {}x{}",
        path.display(),
        frame.width,
        frame.height
    );
    let mut colours = std::collections::HashSet::new();
    let (mut darkest, mut lightest) = (u8::MAX, u8::MIN);
    for pixel in pixels[..frame.buffer_size()].chunks(channels) {
        colours.insert((pixel[0], pixel[1], pixel[2]));
        let luma = ((pixel[0] as u32 * 3 + pixel[1] as u32 * 6 + pixel[2] as u32) / 10) as u8;
        darkest = darkest.min(luma);
        lightest = lightest.max(luma);
    }
    assert!(
        colours.len() > 200,
        "{} has only {} colours",
        path.display(),
        colours.len()
    );
    assert!(
        lightest - darkest > 150,
        "{} has no contrast ({darkest}..{lightest})",
        path.display()
    );
}

#[test]
fn autoplay_saves_five_finished_screens_in_both_languages() {
    for lang in ["uk", "en"] {
        let shots = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        play_one_round(lang, shots.path(), data.path());
        for screen in SCREENS {
            assert_not_blank(&shots.path().join(format!("{screen}.png")));
        }
        // The round played reached the shared store as one play session.
        use tourcentre::store::VisitorStore;
        let totals = tourcentre::store::open(data.path())
            .and_then(|store| store.totals())
            .expect("the store opens");
        assert_eq!(totals.play_sessions, 1, "{lang}: {totals:?}");
        // Kept for people to look at after a test run (the path is printed with --nocapture).
        let keep = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("screenshots")
            .join(lang);
        println!("screenshots kept in {}", keep.display());
        if std::fs::create_dir_all(&keep).is_ok() {
            for screen in SCREENS {
                let name = format!("{screen}.png");
                let _ = std::fs::copy(shots.path().join(&name), keep.join(&name));
            }
        }
    }
}
