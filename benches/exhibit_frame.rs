//! One frame of the exhibit's game systems, headless, with the full bundled scenario loaded and
//! the built-in player playing round after round. Prints p50, p99 and the worst frame, then plays
//! on to 100 rounds and prints resident memory and entity count at rounds 10, 50 and 100 (they
//! must not grow round over round).
//!
//! Run: `cargo bench --bench exhibit_frame` (release). Target: p99 under 1 ms.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use tourcentre::exhibit::{ExhibitOptions, headless_app};

const WARM_UP_FRAMES: usize = 600;
const MEASURED_FRAMES: usize = 20_000;

fn main() {
    let path = tourcentre::shipped_dir("scenarios").join("khmelnytskyi.ron");
    let scenario = match tourcentre::content::load(&path, &tourcentre::shipped_assets_dir()) {
        Ok(scenario) => scenario,
        Err(problems) => {
            eprintln!("{problems}");
            std::process::exit(1);
        }
    };
    let options = ExhibitOptions {
        station: "bench".into(),
        autoplay: true,
        ..Default::default()
    };
    let mut app = headless_app(scenario, &options);
    // A 60 Hz kiosk: every frame advances the clock by 1/60 s.
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        1.0 / 60.0,
    )));
    for _ in 0..WARM_UP_FRAMES {
        app.update();
    }
    let mut frames: Vec<Duration> = Vec::with_capacity(MEASURED_FRAMES);
    for _ in 0..MEASURED_FRAMES {
        let started = Instant::now();
        app.update();
        frames.push(started.elapsed());
    }
    frames.sort();
    let at = |q: f64| frames[((frames.len() as f64 - 1.0) * q).round() as usize];
    let rounds = rounds_started(&app);
    println!(
        "exhibit frame ({MEASURED_FRAMES} frames, {rounds} rounds played): p50 {:?}  p99 {:?}  max {:?}",
        at(0.50),
        at(0.99),
        frames[frames.len() - 1]
    );

    for checkpoint in [10, 50, 100] {
        while rounds_started(&app) < checkpoint {
            app.update();
        }
        let entities = app.world().entities().len();
        println!(
            "after {checkpoint:>3} rounds: resident memory {} KiB, {entities} entities",
            resident_kib()
        );
    }
}

fn rounds_started(app: &App) -> u64 {
    app.world()
        .resource::<tourcentre::exhibit::Play>()
        .rounds_started
}

/// Resident set size of this process (Linux), in KiB; 0 where /proc is not there.
fn resident_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4
}
