//! A kiosk's link to the centre server: the one client module that speaks HTTP (ureq, synchronous,
//! run on the kiosk's store thread, never on a frame). Rounds wait in the kiosk's outbox (its own
//! SQLite) until the server acknowledges them; uploads go in batches under 256 KiB; rounds the
//! server refuses are set aside; a server that is away is retried with backoff and jitter; a
//! heartbeat says how the kiosk is every 30 seconds.

pub mod scenario;

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use chrono::Datelike;

use crate::game::PlaySession;
use crate::i18n::{Lang, Messages, Wording};
use crate::store::{SqliteStore, StoreError, Tour};
use crate::visitors::{Category, YearStatus};
use fluent_bundle::FluentValue;

/// An upload stays under this many bytes (shared/DESIGN.md).
pub const MAX_UPLOAD_BYTES: usize = 256 * 1024;
/// How often a kiosk says how it is.
pub const HEARTBEAT_EVERY: Duration = Duration::from_secs(30);
/// The longest wait between tries while the server is away.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// How long one request may take before the server counts as away.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the server could not be used just now.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    /// Not reachable, or no answer in time: try again later.
    #[error("the server cannot be reached: {0}")]
    Away(String),
    /// The server answered with a refusal (401: the token is revoked or wrong).
    #[error("the server refused: {status} {message}")]
    Refused { status: u16, message: String },
    /// The kiosk's own outbox could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Wording for LinkError {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        match self {
            LinkError::Away(_) => messages.text(lang, "link-away"),
            LinkError::Refused { status, .. } => messages.get(
                lang,
                "link-refused",
                &[("status", FluentValue::from(i64::from(*status)))],
            ),
            LinkError::Store(err) => err.words(messages, lang),
        }
    }
}

/// The session as a kiosk uploads it (SESSION in shared/DESIGN.md).
pub fn session_body(session: &PlaySession, scenario: &str) -> serde_json::Value {
    let at = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    serde_json::json!({
        "id": session.id.to_string(),
        "audience": session.audience,
        "lang": session.lang.code(),
        "tour_id": session.tour_id.map(|id| id.to_string()),
        "started_at": at(session.started_at),
        "ended_at": at(session.ended_at),
        "completed": session.completed,
        "scenario": scenario,
        "answers": session.answers.iter().map(|a| serde_json::json!({
            "item": a.item, "right_bin": a.right_bin, "chosen": a.chosen,
        })).collect::<Vec<_>>(),
    })
}

#[derive(Deserialize)]
struct Receipt {
    #[serde(default)]
    rejected: Vec<RejectedSession>,
}

#[derive(Deserialize)]
struct RejectedSession {
    id: String,
    error: String,
}

#[derive(Deserialize)]
struct HeartbeatAnswer {
    server_time: String,
}

#[derive(Deserialize)]
struct PanelGrant {
    token: String,
}

/// What the server said of a PIN typed on the kiosk's guide panel.
#[derive(Debug)]
pub enum PanelAnswer {
    /// The right PIN: the panel token, good for 10 minutes.
    Opened(String),
    /// Not the centre's guide PIN (or too many wrong ones: the server waits a minute).
    Wrong,
    /// The server could not be asked, or would not answer.
    Unavailable(LinkError),
}

/// The guide panel's figures, from the server.
#[derive(Clone, Debug)]
pub struct RemoteDesk {
    pub today: u64,
    pub year: YearStatus,
    pub open_tours: Vec<Tour>,
}

/// A tour as `GET /api/v1/tours` lists it (the fields the panel needs).
#[derive(Deserialize)]
struct RemoteTour {
    id: uuid::Uuid,
    group: Category,
    size: u32,
    guide: Option<String>,
    note: Option<String>,
    started_at: DateTime<Utc>,
    start_date: chrono::NaiveDate,
    ended_at: Option<DateTime<Utc>>,
    open: bool,
    #[serde(default)]
    station: Option<String>,
}

impl RemoteTour {
    fn into_tour(self) -> Tour {
        Tour {
            id: self.id,
            category: self.group,
            size: self.size,
            guide: self.guide,
            note: self.note,
            started_at: self.started_at,
            start_date: self.start_date,
            ended_at: self.ended_at,
            recorded_at: self.started_at,
            station: self.station,
        }
    }
}

/// What the kiosk says of itself in a heartbeat.
#[derive(Clone, Debug, Default)]
pub struct KioskState {
    pub scenario: String,
    pub rounds_today: u64,
}

/// The link: the server's address and this station's token.
pub struct Link {
    base: String,
    token: String,
    agent: ureq::Agent,
    started: Instant,
    /// When the next try may go (after a failure), and how long the last wait was.
    next_try: Option<Instant>,
    backoff: Duration,
    last_heartbeat: Option<Instant>,
    /// The server's clock minus this kiosk's, from the last heartbeat.
    pub clock_offset: Option<chrono::Duration>,
    /// The last trouble, for the log and the guide panel; None while all is well.
    pub trouble: Option<String>,
}

impl Link {
    pub fn new(server: &str, token: &str) -> Link {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .into();
        Link {
            base: server.trim_end_matches('/').to_string(),
            token: token.trim().to_string(),
            agent,
            started: Instant::now(),
            next_try: None,
            backoff: Duration::from_secs(1),
            last_heartbeat: None,
            clock_offset: None,
            trouble: None,
        }
    }

    fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<ureq::http::Response<ureq::Body>, LinkError> {
        self.post_as(&self.token, path, body)
    }

    /// A POST with `token` (the station's, or the guide panel's).
    fn post_as(
        &self,
        token: &str,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<ureq::http::Response<ureq::Body>, LinkError> {
        self.agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {token}"))
            .send_json(body)
            .map_err(|err| LinkError::Away(err.to_string()))
    }

    /// A GET with `token` (the station's or the guide panel's); anything but 200 is refused.
    fn get(&self, token: &str, path: &str) -> Result<ureq::http::Response<ureq::Body>, LinkError> {
        let response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", &format!("Bearer {token}"))
            .call()
            .map_err(|err| LinkError::Away(err.to_string()))?;
        if response.status().as_u16() != 200 {
            return Err(Self::refused(response));
        }
        Ok(response)
    }

    /// A GET read as JSON (anything but 200 is refused).
    fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        token: &str,
        path: &str,
    ) -> Result<T, LinkError> {
        self.get(token, path)?
            .body_mut()
            .read_json()
            .map_err(|err| {
                LinkError::Away(format!("an answer that is not the expected JSON: {err}"))
            })
    }

    /// Sends the PIN typed on the kiosk's guide panel (`POST /api/v1/panel`): the server
    /// checks it against the centre's guide PIN and answers with a panel token for 10 minutes.
    pub fn ask_panel(&self, pin: &str) -> PanelAnswer {
        let answer = self
            .post("/api/v1/panel", &serde_json::json!({ "pin": pin }))
            .and_then(|mut response| match response.status().as_u16() {
                200 => response
                    .body_mut()
                    .read_json::<PanelGrant>()
                    .map(|grant| PanelAnswer::Opened(grant.token))
                    .map_err(|err| LinkError::Away(format!("not a panel token: {err}"))),
                // 429: five wrong in a row, the server waits a minute; to the guide, wrong.
                403 | 429 => Ok(PanelAnswer::Wrong),
                _ => Err(Self::refused(response)),
            });
        answer.unwrap_or_else(PanelAnswer::Unavailable)
    }

    /// What the guide panel shows, from the server (panel token): today's visitors, the year
    /// against its target, the open tours.
    pub fn desk(&self, panel: &str) -> Result<RemoteDesk, LinkError> {
        let year: YearStatus = self.get_json(panel, "/api/v1/status")?;
        // Today's visitors: the count to date less the count to yesterday (same year).
        let yesterday = year.as_of.pred_opt().filter(|day| day.year() == year.year);
        let before = match yesterday {
            Some(day) => {
                let earlier: YearStatus =
                    self.get_json(panel, &format!("/api/v1/status?as_of={day}"))?;
                earlier.visitors_to_date
            }
            None => 0,
        };
        let tours: Vec<RemoteTour> = self.get_json(panel, "/api/v1/tours")?;
        Ok(RemoteDesk {
            today: year.visitors_to_date.saturating_sub(before),
            year,
            open_tours: tours
                .into_iter()
                .filter(|tour| tour.open)
                .map(RemoteTour::into_tour)
                .collect(),
        })
    }

    /// Starts a tour on the server from the guide panel; the server names this station in it.
    pub fn start_tour(&self, panel: &str, category: Category, size: u32) -> Result<(), LinkError> {
        let body = serde_json::json!({ "group": category.as_str(), "size": size });
        let response = self.post_as(panel, "/api/v1/tours", &body)?;
        match response.status().as_u16() {
            201 => Ok(()),
            _ => Err(Self::refused(response)),
        }
    }

    /// Ends a tour on the server from the guide panel (already ended counts as done).
    pub fn end_tour(&self, panel: &str, id: uuid::Uuid) -> Result<(), LinkError> {
        let path = format!("/api/v1/tours/{id}/end");
        let response = self.post_as(panel, &path, &serde_json::json!({}))?;
        match response.status().as_u16() {
            200 | 409 => Ok(()),
            _ => Err(Self::refused(response)),
        }
    }

    fn refused(mut response: ureq::http::Response<ureq::Body>) -> LinkError {
        let status = response.status().as_u16();
        let message = response
            .body_mut()
            .read_to_string()
            .unwrap_or_default()
            .chars()
            .take(300)
            .collect();
        LinkError::Refused { status, message }
    }

    /// Sends one batch; the ids the server acknowledged (stored, or stored before) and those it
    /// refused, with why.
    fn upload(
        &self,
        batch: &[(String, serde_json::Value)],
    ) -> Result<(Vec<String>, Vec<(String, String)>), LinkError> {
        let sessions: Vec<&serde_json::Value> = batch.iter().map(|(_, body)| body).collect();
        let mut response = self.post(
            "/api/v1/play-sessions",
            &serde_json::json!({ "sessions": sessions }),
        )?;
        if response.status().as_u16() != 200 {
            return Err(Self::refused(response));
        }
        let receipt: Receipt = response
            .body_mut()
            .read_json()
            .map_err(|err| LinkError::Away(format!("an answer that is not a receipt: {err}")))?;
        let refused: Vec<(String, String)> = receipt
            .rejected
            .into_iter()
            .map(|r| (r.id, r.error))
            .collect();
        let delivered = batch
            .iter()
            .map(|(id, _)| id.clone())
            .filter(|id| !refused.iter().any(|(r, _)| r == id))
            .collect();
        Ok((delivered, refused))
    }

    fn heartbeat(&mut self, state: &KioskState, outbox: u64) -> Result<(), LinkError> {
        let body = serde_json::json!({
            "version": env!("CARGO_PKG_VERSION"),
            "scenario": state.scenario,
            "rounds_today": state.rounds_today,
            "outbox": outbox,
            "uptime_s": self.started.elapsed().as_secs(),
        });
        let sent = Utc::now();
        let mut response = self.post("/api/v1/heartbeat", &body)?;
        if response.status().as_u16() != 200 {
            return Err(Self::refused(response));
        }
        let answer: HeartbeatAnswer = response.body_mut().read_json().map_err(|err| {
            LinkError::Away(format!("an answer that is not a heartbeat's: {err}"))
        })?;
        if let Ok(server) = DateTime::parse_from_rfc3339(&answer.server_time) {
            self.clock_offset = Some(server.with_timezone(&Utc) - sent);
        }
        Ok(())
    }

    /// The next turn tries at once, backoff or not (a kiosk closing down tries once more).
    pub fn retry_now(&mut self) {
        self.next_try = None;
    }

    /// Whether the link has something to do now: a try after a failure is due, or a heartbeat.
    pub fn due(&self, now: Instant) -> bool {
        self.next_try.is_none_or(|at| now >= at)
    }

    /// How long the store thread may sleep before the link wants to run again.
    /// While backing off, until the next try; else until the next heartbeat is due.
    pub fn wait(&self, now: Instant) -> Duration {
        match self.next_try {
            Some(at) => at.saturating_duration_since(now),
            None => self.last_heartbeat.map_or(Duration::ZERO, |last| {
                HEARTBEAT_EVERY.saturating_sub(now - last)
            }),
        }
    }

    /// One turn: every waiting round is sent (in batches), what the server acknowledged leaves the
    /// outbox, what it refused is set aside; a heartbeat when one is due. A failure leaves the
    /// outbox as it was and backs off (1 s doubling to 60 s, with jitter).
    pub fn turn(&mut self, store: &mut SqliteStore, state: &KioskState) -> Result<u64, LinkError> {
        let now = Instant::now();
        if !self.due(now) {
            return Ok(0);
        }
        let result = self.send_all(store, state);
        match &result {
            Ok(_) => {
                self.next_try = None;
                self.backoff = Duration::from_secs(1);
                self.trouble = None;
            }
            Err(err) => {
                let jitter =
                    Duration::from_millis(fastrand::u64(0..=self.backoff.as_millis() as u64 / 2));
                self.next_try = Some(now + self.backoff + jitter);
                self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
                self.trouble = Some(err.to_string());
            }
        }
        result
    }

    fn send_all(&mut self, store: &mut SqliteStore, state: &KioskState) -> Result<u64, LinkError> {
        let mut delivered_total = 0;
        loop {
            let waiting = store.outbox_waiting(500)?;
            if waiting.is_empty() {
                break;
            }
            // Batches under 256 KiB (the envelope is a few bytes).
            let mut batch = Vec::new();
            let mut size = 32;
            for (id, text) in waiting {
                let body: serde_json::Value = match serde_json::from_str(&text) {
                    Ok(body) => body,
                    Err(_) => {
                        store.outbox_rejected(&id, "unreadable_in_outbox", Utc::now())?;
                        continue;
                    }
                };
                if !batch.is_empty() && size + text.len() + 1 > MAX_UPLOAD_BYTES {
                    break;
                }
                size += text.len() + 1;
                batch.push((id, body));
            }
            if batch.is_empty() {
                continue;
            }
            let (delivered, refused) = self.upload(&batch)?;
            for (id, why) in &refused {
                store.outbox_rejected(id, why, Utc::now())?;
            }
            store.outbox_delivered(&delivered)?;
            delivered_total += delivered.len() as u64;
        }
        let due = self
            .last_heartbeat
            .is_none_or(|last| last.elapsed() >= HEARTBEAT_EVERY);
        if due {
            let counts = store.outbox_counts()?;
            self.heartbeat(state, counts.waiting + counts.playing)?;
            self.last_heartbeat = Some(Instant::now());
        }
        Ok(delivered_total)
    }
}

/// The station's token: `$TOURCENTRE_STATION_TOKEN`, else `<data dir>/station-token`.
pub fn station_token(data_dir: Option<&std::path::Path>) -> Option<String> {
    std::env::var("TOURCENTRE_STATION_TOKEN")
        .ok()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            let path = data_dir?.join("station-token");
            std::fs::read_to_string(path).ok()
        })
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}
