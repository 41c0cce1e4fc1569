//! The kiosk stations the server knows: each with a token (kept as the SHA-256 of its secret) and
//! what its last heartbeat said; and play sessions uploaded by them, each written once.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};

use super::sqlite::{time_column, timestamp};
use super::{SqliteStore, StoreError};
use crate::game::PlaySession;

/// A station as the server knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Station {
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_seen: Option<DateTime<Utc>>,
    pub version: Option<String>,
    pub scenario: Option<String>,
    /// As the kiosk last reported.
    pub rounds_today: Option<u64>,
    pub outbox: Option<u64>,
    pub uptime_s: Option<u64>,
    /// What the server has stored for the station on the day asked.
    pub sessions_today: u64,
    /// Of the day's answered items, those right at the first try (None without any).
    pub first_try_today: Option<(u64, u64)>,
}

/// What a kiosk says in its heartbeat.
#[derive(Clone, Debug, PartialEq)]
pub struct Heartbeat {
    pub version: String,
    pub scenario: String,
    pub rounds_today: u64,
    pub outbox: u64,
    pub uptime_s: u64,
}

fn optional_count(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Option<u64>> {
    Ok(row.get::<_, Option<i64>>(index)?.map(|n| n.max(0) as u64))
}

impl SqliteStore {
    pub fn add_station(
        &mut self,
        name: &str,
        token_id: &str,
        secret_sha256: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let inserted = self
            .conn
            .execute(
                "INSERT OR IGNORE INTO stations (name, token_id, secret_sha256, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![name, token_id, secret_sha256, timestamp(at)],
            )
            .map_err(|err| self.error(err))?;
        if inserted == 0 {
            return Err(StoreError::StationExists(name.to_string()));
        }
        Ok(())
    }

    /// Removes a station; its token stops working at once. Its sessions stay.
    pub fn remove_station(&mut self, name: &str) -> Result<(), StoreError> {
        let removed = self
            .conn
            .execute("DELETE FROM stations WHERE name = ?1", [name])
            .map_err(|err| self.error(err))?;
        if removed == 0 {
            return Err(StoreError::StationNotFound(name.to_string()));
        }
        Ok(())
    }

    /// The station holding the token `id`, and the SHA-256 of its secret.
    pub fn station_token(&self, token_id: &str) -> Result<Option<(String, String)>, StoreError> {
        self.conn
            .prepare_cached("SELECT name, secret_sha256 FROM stations WHERE token_id = ?1")
            .and_then(|mut statement| {
                statement
                    .query_row([token_id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(|err| self.error(err))
    }

    pub fn record_heartbeat(
        &mut self,
        name: &str,
        beat: &Heartbeat,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let clamp = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        // A heartbeat lost to a power cut is harmless (the next one comes in 30 s): it skips the
        // disk flush at commit, so a hundred kiosks at once do not queue behind a hundred flushes.
        // The next ordinary commit flushes it with its own; a killed process loses nothing.
        let _ = self.conn.pragma_update(None, "synchronous", "NORMAL");
        let result = self
            .conn
            .execute(
                "UPDATE stations SET last_seen = ?2, version = ?3, scenario = ?4,
                        rounds_today = ?5, outbox = ?6, uptime_s = ?7
                  WHERE name = ?1",
                params![
                    name,
                    timestamp(at),
                    beat.version,
                    beat.scenario,
                    clamp(beat.rounds_today),
                    clamp(beat.outbox),
                    clamp(beat.uptime_s)
                ],
            )
            .map(drop)
            .map_err(|err| self.error(err));
        let _ = self.conn.pragma_update(None, "synchronous", "FULL");
        result
    }

    /// Every station, by name, with what the server stored for it on `day`.
    pub fn stations(&self, day: NaiveDate) -> Result<Vec<Station>, StoreError> {
        self.all_rows(
            "SELECT s.name, s.created_at, s.last_seen, s.version, s.scenario, s.rounds_today,
                    s.outbox, s.uptime_s,
                    (SELECT COUNT(*) FROM play_sessions p WHERE p.station = s.name AND p.play_date = ?1),
                    (SELECT COUNT(*) FROM play_answers a JOIN play_sessions p ON p.id = a.session_id
                      WHERE p.station = s.name AND p.play_date = ?1 AND a.chosen != '[]'),
                    (SELECT COUNT(*) FROM play_answers a JOIN play_sessions p ON p.id = a.session_id
                      WHERE p.station = s.name AND p.play_date = ?1 AND a.first_try_right = 1)
               FROM stations s ORDER BY s.name",
            [day.to_string()],
            |row| {
                let last_seen: Option<String> = row.get(2)?;
                let answered = optional_count(row, 9)?.unwrap_or(0);
                let right = optional_count(row, 10)?.unwrap_or(0);
                Ok(Station {
                    name: row.get(0)?,
                    created_at: time_column(row, 1)?,
                    last_seen: match last_seen {
                        Some(_) => Some(time_column(row, 2)?),
                        None => None,
                    },
                    version: row.get(3)?,
                    scenario: row.get(4)?,
                    rounds_today: optional_count(row, 5)?,
                    outbox: optional_count(row, 6)?,
                    uptime_s: optional_count(row, 7)?,
                    sessions_today: optional_count(row, 8)?.unwrap_or(0),
                    first_try_today: (answered > 0).then_some((right, answered)),
                })
            },
        )
    }

    /// Writes a session uploaded by a station; false when one with its id is already stored
    /// (a retried upload), which changes nothing.
    pub fn insert_session(&mut self, session: &PlaySession) -> Result<bool, StoreError> {
        self.write_session_once(session)
    }
}
