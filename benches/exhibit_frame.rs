//! One frame of the exhibit's game systems, headless, with the full bundled scenario loaded and
//! the built-in player playing round after round. Prints p50, p99 and the worst frame, then plays
//! on to 100 rounds and prints resident memory and entity count at rounds 10, 50 and 100 (they
//! must not grow round over round). Then the same frames again on a networked kiosk: a data dir
//! with the outbox written after every drop and the rounds uploaded to a centre server (the real
//! binary, on loopback) by the store thread, to show the frame does not wait on the network.
//!
//! Run: `cargo bench --bench exhibit_frame` (release). Target: p99 under 1 ms, either way.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use tourcentre::exhibit::{ExhibitOptions, headless_app};
use tourcentre::store::VisitorStore;

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
    let mut app = headless_app(scenario.clone(), &options);
    measure(&mut app, "no data dir");

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
    drop(app);
    networked(scenario);
}

/// Warms up, then times `MEASURED_FRAMES` frames of a 60 Hz kiosk and prints the figures.
fn measure(app: &mut App, label: &str) {
    // A 60 Hz kiosk: every frame advances the clock by 1/60 s.
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        1.0 / 60.0,
    )));
    for _ in 0..WARM_UP_FRAMES {
        app.update();
    }
    let before = rounds_started(app);
    let mut frames: Vec<Duration> = Vec::with_capacity(MEASURED_FRAMES);
    for _ in 0..MEASURED_FRAMES {
        let started = Instant::now();
        app.update();
        frames.push(started.elapsed());
    }
    frames.sort();
    let at = |q: f64| frames[((frames.len() as f64 - 1.0) * q).round() as usize];
    let rounds = rounds_started(app) - before;
    println!(
        "exhibit frame, {label} ({MEASURED_FRAMES} frames, {rounds} rounds played): p50 {:?}  p99 {:?}  max {:?}",
        at(0.50),
        at(0.99),
        frames[frames.len() - 1]
    );
}

/// The same frames on a networked kiosk: outbox in a data dir, uploads to a server on loopback.
fn networked(scenario: tourcentre::content::Scenario) {
    let server_data = tempfile::tempdir().expect("a temporary dir");
    let kiosk_data = tempfile::tempdir().expect("a temporary dir");
    let binary = env!("CARGO_BIN_EXE_tourcentre");
    let token = std::process::Command::new(binary)
        .arg("--data-dir")
        .arg(server_data.path())
        .args(["station", "add", "bench"])
        .output()
        .expect("tourcentre station add");
    let token = String::from_utf8_lossy(&token.stdout).trim().to_string();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut server = std::process::Command::new(binary)
        .arg("--data-dir")
        .arg(server_data.path())
        .args(["serve", "--listen", &listen])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("tourcentre serve");
    while std::net::TcpStream::connect(&listen).is_err() {
        std::thread::sleep(Duration::from_millis(50));
    }
    let options = ExhibitOptions {
        station: "bench".into(),
        autoplay: true,
        data_dir: Some(kiosk_data.path().to_path_buf()),
        server: Some((format!("http://{listen}"), token)),
        ..Default::default()
    };
    let mut app = headless_app(scenario, &options);
    measure(&mut app, "networked (outbox, uploads)");
    drop(app);
    let stored = tourcentre::store::open(server_data.path())
        .and_then(|store| store.totals())
        .map(|totals| totals.play_sessions)
        .unwrap_or(0);
    println!("  rounds the server stored meanwhile: {stored}");
    let _ = server.kill();
    let _ = server.wait();
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
