//! The kiosk stations: their tokens, their heartbeats and the rounds they upload. Each uploaded
//! session is judged on its own: a valid one is stored once (a retried upload changes nothing),
//! an invalid one is refused with its reason and stored nowhere.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::accounts::{new_token, same_secret, secret_digest, split_token, user_name};
use super::tours::tour_for_round;
use super::{Centre, CentreError};
use crate::game::{PlaySession, SessionAnswer};
use crate::i18n::Lang;
use crate::store::{Heartbeat, Station, VisitorStore};
use crate::visitors::local_date;

/// A session may end at most this far ahead of the server's clock (a kiosk's clock drifts).
pub const MAX_AHEAD: Duration = Duration::minutes(5);
pub const MAX_ANSWERS: usize = 100;
pub const MAX_CHOICES: usize = 20;
pub const MAX_TEXT: usize = 200;

/// A station's state from its last heartbeat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StationState {
    /// A heartbeat within the last 60 seconds.
    Online,
    /// Within 300 seconds.
    Waiting,
    /// Longer ago.
    Offline,
    /// None yet.
    Never,
}

impl StationState {
    pub fn of(last_seen: Option<DateTime<Utc>>, now: DateTime<Utc>) -> StationState {
        match last_seen.map(|seen| (now - seen).num_seconds()) {
            None => StationState::Never,
            Some(age) if age <= 60 => StationState::Online,
            Some(age) if age <= 300 => StationState::Waiting,
            Some(_) => StationState::Offline,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            StationState::Online => "online",
            StationState::Waiting => "waiting",
            StationState::Offline => "offline",
            StationState::Never => "never",
        }
    }
}

/// A station as `GET /api/v1/stations` and `station list --format json` show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct StationStatus {
    pub name: String,
    pub state: StationState,
    pub last_seen: Option<String>,
    pub version: Option<String>,
    pub scenario: Option<String>,
    pub rounds_today: Option<u64>,
    pub outbox: Option<u64>,
    pub sessions_today: u64,
    /// Of today's answered items, the share right at the first try (0 to 1); None without any.
    pub first_try_today: Option<f64>,
}

impl StationStatus {
    fn from_station(station: Station, now: DateTime<Utc>) -> Self {
        StationStatus {
            state: StationState::of(station.last_seen, now),
            last_seen: station
                .last_seen
                .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            first_try_today: station
                .first_try_today
                .map(|(right, answered)| right as f64 / answered as f64),
            name: station.name,
            version: station.version,
            scenario: station.scenario,
            rounds_today: station.rounds_today,
            outbox: station.outbox,
            sessions_today: station.sessions_today,
        }
    }
}

/// One answer as a kiosk uploads it.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct AnswerUpload {
    pub item: String,
    pub right_bin: String,
    #[serde(default)]
    pub chosen: Vec<String>,
}

/// One session as a kiosk uploads it (SESSION in shared/DESIGN.md). Read leniently, judged in
/// `check`: a bad id or time is a reason to refuse this session, not the whole upload.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct SessionUpload {
    pub id: String,
    pub audience: String,
    pub lang: String,
    #[serde(default)]
    pub tour_id: Option<String>,
    pub started_at: String,
    pub ended_at: String,
    pub completed: bool,
    pub scenario: String,
    #[serde(default)]
    pub answers: Vec<AnswerUpload>,
}

/// A session refused, with why.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Rejected {
    pub id: String,
    pub error: String,
}

/// What an upload did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct UploadReceipt {
    pub accepted: u64,
    pub duplicates: u64,
    pub rejected: Vec<Rejected>,
}

fn too_long(text: &str) -> bool {
    text.chars().count() > MAX_TEXT
}

fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

impl SessionUpload {
    /// The session as the store keeps it, for `station`, or why it is refused.
    pub fn check(&self, station: &str, now: DateTime<Utc>) -> Result<PlaySession, String> {
        let id = Uuid::parse_str(self.id.trim()).map_err(|_| "bad_id".to_string())?;
        let lang = Lang::from_code(self.lang.trim()).ok_or("unknown_lang")?;
        let started_at = instant(&self.started_at).ok_or("bad_started_at")?;
        let ended_at = instant(&self.ended_at).ok_or("bad_ended_at")?;
        if ended_at < started_at {
            return Err("ended_before_started".into());
        }
        if ended_at > now + MAX_AHEAD || started_at > now + MAX_AHEAD {
            return Err("in_the_future".into());
        }
        let tour_id = match self.tour_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(Uuid::parse_str(text).map_err(|_| "bad_tour_id")?),
        };
        if self.answers.len() > MAX_ANSWERS {
            return Err("too_many_answers".into());
        }
        if [&self.audience, &self.scenario].iter().any(|t| too_long(t)) {
            return Err("text_too_long".into());
        }
        let mut answers = Vec::with_capacity(self.answers.len());
        for answer in &self.answers {
            if answer.chosen.len() > MAX_CHOICES {
                return Err("too_many_choices".into());
            }
            let texts = [&answer.item, &answer.right_bin];
            if texts.iter().any(|t| too_long(t)) || answer.chosen.iter().any(|c| too_long(c)) {
                return Err("text_too_long".into());
            }
            answers.push(SessionAnswer {
                item: answer.item.clone(),
                right_bin: answer.right_bin.clone(),
                first_try_right: answer.chosen.first() == Some(&answer.right_bin),
                chosen: answer.chosen.clone(),
            });
        }
        Ok(PlaySession {
            id,
            station: station.to_string(),
            audience: self.audience.clone(),
            lang,
            tour_id,
            started_at,
            ended_at,
            completed: self.completed,
            answers,
        })
    }
}

impl Centre {
    /// A new station and its token, to be shown once.
    pub fn add_station(&mut self, name: &str) -> Result<String, CentreError> {
        let name = user_name(name).map_err(|p| CentreError::input("name", p))?;
        let (token, id, digest) = new_token();
        let now = self.now();
        self.store()?.add_station(&name, &id, &digest, now)?;
        Ok(token)
    }

    /// Removes a station: its token stops working at once; its rounds stay counted.
    pub fn remove_station(&mut self, name: &str) -> Result<(), CentreError> {
        Ok(self.store()?.remove_station(name.trim())?)
    }

    /// Every station, with its state now.
    pub fn stations(&mut self) -> Result<Vec<StationStatus>, CentreError> {
        let now = self.now();
        let today = local_date(now);
        Ok(self
            .store()?
            .stations(today)?
            .into_iter()
            .map(|station| StationStatus::from_station(station, now))
            .collect())
    }

    /// The station a token belongs to; None for an unknown, revoked or malformed one.
    pub fn token_station(&mut self, token: &str) -> Result<Option<String>, CentreError> {
        let Some((id, secret)) = split_token(token) else {
            return Ok(None);
        };
        let found = self.store()?.station_token(id)?;
        Ok(found.and_then(|(name, digest)| {
            same_secret(&digest, &secret_digest(secret)).then_some(name)
        }))
    }

    /// A heartbeat from `station`; the server's time, for the kiosk to correct its clock.
    pub fn heartbeat(
        &mut self,
        station: &str,
        beat: &Heartbeat,
    ) -> Result<DateTime<Utc>, CentreError> {
        let now = self.now();
        self.store()?.record_heartbeat(station, beat, now)?;
        Ok(now)
    }

    /// Stores the valid sessions of an upload (each once) and lists the others with why.
    pub fn upload_sessions(
        &mut self,
        station: &str,
        sessions: &[SessionUpload],
    ) -> Result<UploadReceipt, CentreError> {
        let now = self.now();
        let store = self.store()?;
        let mut receipt = UploadReceipt::default();
        // The tours a round may belong to: those still open, and those of the rounds' days.
        let mut tours = store.open_tours()?;
        let mut days_read = std::collections::BTreeSet::new();
        for upload in sessions {
            match upload.check(station, now) {
                Err(error) => receipt.rejected.push(Rejected {
                    id: upload.id.chars().take(MAX_TEXT).collect(),
                    error,
                }),
                Ok(mut session) => {
                    if session.tour_id.is_none() {
                        let day = local_date(session.started_at);
                        if days_read.insert(day) {
                            let ended = store.tours_started_on(day)?;
                            tours.extend(ended.into_iter().filter(|tour| !tour.is_open()));
                        }
                        session.tour_id = tour_for_round(&tours, station, session.started_at);
                    }
                    match store.insert_session(&session) {
                        Ok(true) => receipt.accepted += 1,
                        Ok(false) => receipt.duplicates += 1,
                        Err(err) => return Err(err.into()),
                    }
                }
            }
        }
        Ok(receipt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-05-20T10:00:00Z".parse().unwrap()
    }

    fn upload() -> SessionUpload {
        SessionUpload {
            id: Uuid::new_v4().to_string(),
            audience: "older".into(),
            lang: "uk".into(),
            tour_id: None,
            started_at: "2026-05-20T09:50:00Z".into(),
            ended_at: "2026-05-20T09:55:00Z".into(),
            completed: true,
            scenario: "khmelnytskyi".into(),
            answers: vec![AnswerUpload {
                item: "battery".into(),
                right_bin: "hazardous".into(),
                chosen: vec!["mixed".into(), "hazardous".into()],
            }],
        }
    }

    #[test]
    fn a_good_session_is_taken_with_the_stations_name_and_first_try_judged() {
        let session = upload().check("hall-2", now()).unwrap();
        assert_eq!(session.station, "hall-2");
        assert!(!session.answers[0].first_try_right);
    }

    #[test]
    fn each_kind_of_bad_session_is_refused_with_its_reason() {
        let refused = |change: fn(&mut SessionUpload)| {
            let mut bad = upload();
            change(&mut bad);
            bad.check("hall", now()).unwrap_err()
        };
        assert_eq!(refused(|s| s.id = "not-a-uuid".into()), "bad_id");
        assert_eq!(refused(|s| s.lang = "de".into()), "unknown_lang");
        assert_eq!(
            refused(|s| s.ended_at = "2026-05-20T09:00:00Z".into()),
            "ended_before_started"
        );
        assert_eq!(
            refused(|s| s.ended_at = "2026-05-20T10:06:00Z".into()),
            "in_the_future"
        );
        assert_eq!(
            refused(|s| s.started_at = "yesterday".into()),
            "bad_started_at"
        );
        assert_eq!(
            refused(|s| {
                let one = s.answers[0].clone();
                s.answers = vec![one; MAX_ANSWERS + 1];
            }),
            "too_many_answers"
        );
        assert_eq!(
            refused(|s| s.answers[0].chosen = vec!["x".into(); MAX_CHOICES + 1]),
            "too_many_choices"
        );
        assert_eq!(
            refused(|s| s.audience = "a".repeat(MAX_TEXT + 1)),
            "text_too_long"
        );
        // Four minutes ahead is a clock's drift, not the future.
        let mut ahead = upload();
        ahead.ended_at = "2026-05-20T10:04:00Z".into();
        assert!(ahead.check("hall", now()).is_ok());
    }

    #[test]
    fn states_follow_the_last_heartbeat() {
        let at = |seconds: i64| Some(now() - Duration::seconds(seconds));
        assert_eq!(StationState::of(at(60), now()), StationState::Online);
        assert_eq!(StationState::of(at(61), now()), StationState::Waiting);
        assert_eq!(StationState::of(at(300), now()), StationState::Waiting);
        assert_eq!(StationState::of(at(301), now()), StationState::Offline);
        assert_eq!(StationState::of(None, now()), StationState::Never);
    }

    #[test]
    fn an_upload_stores_each_session_once_and_refuses_the_bad_ones() {
        let data = tempfile::tempdir().unwrap();
        let mut centre = Centre::new(data.path().to_path_buf());
        let good = upload();
        let mut bad = upload();
        bad.id = "x".into();
        let receipt = centre
            .upload_sessions("hall", &[good.clone(), bad])
            .unwrap();
        assert_eq!((receipt.accepted, receipt.duplicates), (1, 0));
        assert_eq!(receipt.rejected[0].error, "bad_id");
        let again = centre.upload_sessions("hall", &[good]).unwrap();
        assert_eq!((again.accepted, again.duplicates), (0, 1));
    }

    #[test]
    fn an_uploaded_round_joins_the_tour_of_its_kiosk_else_the_only_one() {
        let data = tempfile::tempdir().unwrap();
        let mut centre = Centre::new(data.path().to_path_buf());
        let start = |centre: &mut Centre, at: &str, station: Option<&str>| {
            centre
                .start_tour(&crate::centre::TourStart {
                    group: "school".into(),
                    size: 20,
                    at: Some(at.into()),
                    station: station.map(Into::into),
                    ..Default::default()
                })
                .unwrap()
                .id
        };
        let desk = start(&mut centre, "2026-05-20T09:00:00Z", None);
        let round_at = |minute: u32| SessionUpload {
            started_at: format!("2026-05-20T09:{minute:02}:00Z"),
            ended_at: format!("2026-05-20T09:{:02}:00Z", minute + 3),
            ..upload()
        };
        // Only the desk's tour is on: the round is its.
        centre.upload_sessions("hall-2", &[round_at(10)]).unwrap();
        let hall2 = start(&mut centre, "2026-05-20T09:20:00Z", Some("hall-2"));
        // Two on: hall 2's round is its own tour's; hall 1's is nobody's.
        centre
            .upload_sessions("hall-2", &[round_at(30), round_at(40)])
            .unwrap();
        centre.upload_sessions("hall-1", &[round_at(30)]).unwrap();
        let day = centre.day_tours(Some("2026-05-20")).unwrap();
        let games = |id: &str| day.tours().find(|t| t.id == id).unwrap().games;
        assert_eq!(games(&desk), Some(1));
        assert_eq!(games(&hall2), Some(2));
        assert_eq!(
            day.tours()
                .find(|t| t.id == hall2)
                .unwrap()
                .station
                .as_deref(),
            Some("hall-2")
        );
    }
}
