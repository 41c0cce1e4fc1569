//! Three kiosks on one server, each the real binary (`exhibit --headless --autoplay`, a kiosk
//! without window or renderer, its clock ten times faster), while the server is killed and
//! started again and one kiosk is pulled from the power (SIGKILL) mid-round and started again:
//! every round a kiosk wrote to its outbox reaches the server exactly once, finished rounds as
//! finished and the round cut off by the power as not finished; every outbox ends empty.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::kiosk_link::{Serving as Running, serve};
use crate::repo;
use crate::web_http::cli;

/// What one kiosk printed: each round safe in its outbox, as `{"round", "state", "completed"}`.
type Ledger = Arc<Mutex<Vec<serde_json::Value>>>;

struct Kiosk {
    process: Running,
    ledger: Ledger,
}

impl Kiosk {
    fn start(data: &Path, server: &str, rounds: u64, ledger: &Ledger) -> Kiosk {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
            .arg("--data-dir")
            .arg(data)
            .args(["exhibit", "--headless", "--autoplay", "--speed", "10"])
            .args(["--rounds", &rounds.to_string(), "--server", server])
            .current_dir(repo())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let lines = Arc::clone(ledger);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Ok(entry) = serde_json::from_str(&line) {
                    lines.lock().unwrap().push(entry);
                }
            }
        });
        Kiosk {
            process: Running(child),
            ledger: Arc::clone(ledger),
        }
    }

    /// Rounds finished so far (in the outbox, to send).
    fn finished(&self) -> usize {
        let ledger = self.ledger.lock().unwrap();
        ledger
            .iter()
            .filter(|e| e["state"] == "ready" && e["completed"] == true)
            .count()
    }

    /// A round in progress after the last finished one: its id.
    fn playing(&self) -> Option<String> {
        let ledger = self.ledger.lock().unwrap();
        let last = ledger.last()?;
        (last["state"] == "playing").then(|| last["round"].as_str().unwrap().to_string())
    }

    fn wait_for_exit(&mut self, limit: Duration) {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.process.0.try_wait().unwrap() {
                assert!(status.success(), "a kiosk stopped with {status}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "a kiosk did not finish its rounds"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// What the server must hold of a kiosk: each round it wrote, finished or not. A round seen only
/// in progress was cut off (the kiosk sends it as not finished after it starts again).
fn expected(ledger: &Ledger) -> BTreeMap<String, bool> {
    let mut rounds = BTreeMap::new();
    for entry in ledger.lock().unwrap().iter() {
        let id = entry["round"].as_str().unwrap().to_string();
        let completed = entry["state"] == "ready" && entry["completed"] == true;
        rounds.insert(id, completed);
    }
    rounds
}

/// The rounds the server holds for `station`: id and whether it was finished.
fn held(data: &Path, station: &str) -> BTreeMap<String, bool> {
    let db = rusqlite::Connection::open(data.join("tourcentre.sqlite")).unwrap();
    let mut query = db
        .prepare("SELECT id, completed FROM play_sessions WHERE station = ?1")
        .unwrap();
    query
        .query_map([station], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn three_kiosks_lose_no_round_when_the_server_stops_and_a_kiosk_loses_power() {
    let server_data = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let url = format!("http://{address}");
    let halls = ["hall-1", "hall-2", "hall-3"];
    let kiosk_data: Vec<tempfile::TempDir> = halls
        .iter()
        .map(|hall| {
            let dir = tempfile::tempdir().unwrap();
            let out = cli(server_data.path(), &["station", "add", hall], "");
            assert!(out.status.success());
            std::fs::write(dir.path().join("station-token"), &out.stdout).unwrap();
            dir
        })
        .collect();
    let ledgers: Vec<Ledger> = halls.iter().map(|_| Ledger::default()).collect();

    let server = serve(server_data.path(), address);
    let mut kiosks: Vec<Kiosk> = kiosk_data
        .iter()
        .zip(&ledgers)
        .map(|(data, ledger)| Kiosk::start(data.path(), &url, 4, ledger))
        .collect();

    // The server goes away once a round is finished, and comes back three seconds later.
    wait_until("a first round", Duration::from_secs(60), || {
        kiosks[0].finished() >= 1
    });
    drop(server);
    std::thread::sleep(Duration::from_secs(3));
    let _server = serve(server_data.path(), address);

    // Hall 3 loses power in the middle of its second round, and starts again for one more.
    wait_until("hall 3 mid-round", Duration::from_secs(60), || {
        kiosks[2].finished() >= 1 && kiosks[2].playing().is_some()
    });
    let cut_off = kiosks[2].playing().unwrap();
    kiosks.pop();
    kiosks.push(Kiosk::start(kiosk_data[2].path(), &url, 1, &ledgers[2]));

    for kiosk in &mut kiosks {
        kiosk.wait_for_exit(Duration::from_secs(120));
    }

    for ((hall, data), ledger) in halls.iter().zip(&kiosk_data).zip(&ledgers) {
        let wrote = expected(ledger);
        assert!(
            wrote.values().filter(|done| **done).count() >= 1,
            "{hall} finished no round"
        );
        assert_eq!(held(server_data.path(), hall), wrote, "{hall}");
        let outbox = tourcentre::store::open(data.path())
            .unwrap()
            .outbox_counts()
            .unwrap();
        assert_eq!(
            (outbox.playing, outbox.waiting, outbox.rejected),
            (0, 0, 0),
            "{hall}'s outbox"
        );
    }
    // The round cut off by the power is there once, as not finished.
    assert_eq!(
        held(server_data.path(), "hall-3").get(&cut_off),
        Some(&false)
    );
    assert_eq!(expected(&ledgers[0]).len(), 4);
    assert_eq!(expected(&ledgers[1]).len(), 4);
}
