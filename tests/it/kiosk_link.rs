//! A kiosk's link to the centre server, against the real server: rounds wait in the kiosk's
//! outbox until the server has them, a server that goes away and comes back loses nothing and
//! gets nothing twice, refused rounds are set aside, a revoked token keeps the outbox.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use tourcentre::game::{PlaySession, SessionAnswer};
use tourcentre::i18n::Lang;
use tourcentre::link::{KioskState, Link, session_body};
use tourcentre::store::{SqliteStore, VisitorStore};

use crate::repo;
use crate::web_http::cli;

/// A child process killed when the test lets go of it (a failing test leaves nothing running).
pub struct Serving(pub Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn serve(data: &Path, address: SocketAddr) -> Serving {
    let child = Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--listen", &address.to_string()])
        .current_dir(repo())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(address).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Serving(child)
}

fn round(answers: usize) -> PlaySession {
    let now = Utc::now();
    PlaySession {
        id: uuid::Uuid::new_v4(),
        station: "ignored: the token's station wins".into(),
        audience: "older".into(),
        lang: Lang::Uk,
        tour_id: None,
        started_at: now - chrono::Duration::minutes(3),
        ended_at: now,
        completed: true,
        answers: (0..answers)
            .map(|i| SessionAnswer {
                item: format!("item-{i}"),
                right_bin: "glass".into(),
                chosen: vec!["glass".into()],
                first_try_right: true,
            })
            .collect(),
    }
}

fn queue(outbox: &mut SqliteStore, session: &PlaySession) {
    let body = session_body(session, "khmelnytskyi").to_string();
    outbox
        .outbox_ready(&session.id.to_string(), &body, Utc::now())
        .unwrap();
}

fn stored(data: &Path) -> u64 {
    let store = tourcentre::store::open(data).unwrap();
    store.totals().unwrap().play_sessions
}

/// Turns the link until it has nothing left to send or `limit` passes.
fn drain(link: &mut Link, outbox: &mut SqliteStore, state: &KioskState, limit: Duration) {
    let deadline = Instant::now() + limit;
    loop {
        if link.due(Instant::now()) && link.turn(outbox, state).is_ok() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "not delivered: {:?}",
            link.trouble
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn rounds_survive_a_server_that_goes_away_and_arrive_exactly_once() {
    let server_data = tempfile::tempdir().unwrap();
    let kiosk_data = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let address: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let out = cli(server_data.path(), &["station", "add", "hall-2"], "");
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let mut outbox = tourcentre::store::open(kiosk_data.path()).unwrap();
    let mut link = Link::new(&format!("http://{address}"), &token);
    let state = KioskState {
        scenario: "khmelnytskyi".into(),
        rounds_today: 0,
    };

    let server = serve(server_data.path(), address);
    // 300 rounds of 40 answers: more than one upload of 256 KiB.
    let first: Vec<PlaySession> = (0..300).map(|_| round(40)).collect();
    for session in &first {
        queue(&mut outbox, session);
    }
    drain(&mut link, &mut outbox, &state, Duration::from_secs(30));
    assert_eq!(stored(server_data.path()), 300);
    assert_eq!(outbox.outbox_counts().unwrap().waiting, 0);

    // The server goes away: rounds wait, nothing is lost.
    drop(server);
    for _ in 0..10 {
        queue(&mut outbox, &round(8));
    }
    assert!(link.turn(&mut outbox, &state).is_err());
    assert!(link.trouble.is_some());
    assert_eq!(outbox.outbox_counts().unwrap().waiting, 10);
    // A round the server already has, queued again (a kiosk that lost power before it heard
    // the answer): counted once.
    queue(&mut outbox, &first[0]);

    let _server = serve(server_data.path(), address);
    drain(&mut link, &mut outbox, &state, Duration::from_secs(30));
    assert_eq!(stored(server_data.path()), 310);
    assert_eq!(outbox.outbox_counts().unwrap().waiting, 0);

    // A round the server refuses is set aside, not sent again.
    let mut bad = round(3);
    bad.ended_at = Utc::now() + chrono::Duration::hours(2);
    queue(&mut outbox, &bad);
    drain(&mut link, &mut outbox, &state, Duration::from_secs(10));
    let counts = outbox.outbox_counts().unwrap();
    assert_eq!((counts.waiting, counts.rejected), (0, 1));
    assert_eq!(stored(server_data.path()), 310);

    // The heartbeat told the server how the kiosk is.
    let out = cli(
        server_data.path(),
        &["station", "list", "--format", "json"],
        "",
    );
    let stations: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stations[0]["state"], "online");
    assert_eq!(stations[0]["scenario"], "khmelnytskyi");
    // Stored under the token's station, whatever the kiosk calls itself.
    let store = tourcentre::store::open(server_data.path()).unwrap();
    let today = tourcentre::visitors::local_date(Utc::now());
    let listed = store.stations(today).unwrap();
    assert_eq!(listed[0].name, "hall-2");
    assert_eq!(listed[0].sessions_today, 310);

    // A revoked token: the server says 401, the rounds stay in the outbox.
    assert!(
        cli(server_data.path(), &["station", "remove", "hall-2"], "")
            .status
            .success()
    );
    queue(&mut outbox, &round(2));
    let refused = link.turn(&mut outbox, &state);
    assert!(
        matches!(
            refused,
            Err(tourcentre::link::LinkError::Refused { status: 401, .. })
        ),
        "{refused:?}"
    );
    assert_eq!(outbox.outbox_counts().unwrap().waiting, 1);
}
