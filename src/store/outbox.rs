//! A networked kiosk's outbox: its rounds kept on its own disk until the server acknowledges them,
//! so neither a server that is away nor a kiosk that loses power loses a round.

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::sqlite::timestamp;
use super::{SqliteStore, StoreError};

/// How many rounds wait, and how many the server refused (kept aside).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub playing: u64,
    pub waiting: u64,
    pub rejected: u64,
}

impl SqliteStore {
    /// The round in progress, as it stands after a drop: kept, not sent yet.
    pub fn outbox_playing(
        &mut self,
        id: &str,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.outbox_put(id, body, "playing", at)
    }

    /// A finished (or cut-off) round, to send.
    pub fn outbox_ready(
        &mut self,
        id: &str,
        body: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.outbox_put(id, body, "waiting", at)
    }

    fn outbox_put(
        &mut self,
        id: &str,
        body: &str,
        state: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // A round the server refused stays as it was refused.
        self.conn
            .execute(
                "INSERT INTO outbox (session_id, body, state, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (session_id) DO UPDATE
                    SET body = excluded.body, state = excluded.state, updated_at = excluded.updated_at
                  WHERE outbox.state != 'rejected'",
                params![id, body, state, timestamp(at)],
            )
            .map(drop)
            .map_err(|err| self.error(err))
    }

    /// Rounds left `playing` by a kiosk that stopped mid-round: cut off, so send them.
    pub fn outbox_cut_off(&mut self, at: DateTime<Utc>) -> Result<u64, StoreError> {
        self.conn
            .execute(
                "UPDATE outbox SET state = 'waiting', updated_at = ?1 WHERE state = 'playing'",
                [timestamp(at)],
            )
            .map(|n| n as u64)
            .map_err(|err| self.error(err))
    }

    /// The rounds to send, oldest first: (id, body).
    pub fn outbox_waiting(&self, limit: u32) -> Result<Vec<(String, String)>, StoreError> {
        self.all_rows(
            "SELECT session_id, body FROM outbox WHERE state = 'waiting'
              ORDER BY updated_at, session_id LIMIT ?1",
            [limit],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// Rounds the server acknowledged: gone from the outbox.
    pub fn outbox_delivered(&mut self, ids: &[String]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let failed = |err| super::sqlite::classify(&path, err);
        let tx = self.conn.transaction().map_err(failed)?;
        for id in ids {
            tx.execute(
                "DELETE FROM outbox WHERE session_id = ?1 AND state = 'waiting'",
                [id],
            )
            .map_err(failed)?;
        }
        tx.commit().map_err(failed)
    }

    /// A round the server refused: kept aside with why, never sent again.
    pub fn outbox_rejected(
        &mut self,
        id: &str,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE outbox SET state = 'rejected', reason = ?2, updated_at = ?3 WHERE session_id = ?1",
                params![id, reason, timestamp(at)],
            )
            .map(drop)
            .map_err(|err| self.error(err))
    }

    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let rows = self.all_rows(
            "SELECT state, COUNT(*) FROM outbox GROUP BY state",
            [],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)),
        )?;
        let mut counts = OutboxCounts::default();
        for (state, n) in rows {
            let n = n.max(0) as u64;
            match state.as_str() {
                "playing" => counts.playing = n,
                "waiting" => counts.waiting = n,
                _ => counts.rejected = n,
            }
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_round_moves_from_playing_to_waiting_to_delivered_and_a_refused_one_stays_aside() {
        let data = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(data.path()).unwrap();
        store
            .outbox_playing("a", "{1}", at("2026-05-20T10:00:00Z"))
            .unwrap();
        store
            .outbox_playing("a", "{2}", at("2026-05-20T10:00:05Z"))
            .unwrap();
        assert!(
            store.outbox_waiting(10).unwrap().is_empty(),
            "the round in progress is not sent"
        );
        store
            .outbox_ready("a", "{3}", at("2026-05-20T10:01:00Z"))
            .unwrap();
        store
            .outbox_ready("b", "{b}", at("2026-05-20T10:02:00Z"))
            .unwrap();
        assert_eq!(
            store.outbox_waiting(10).unwrap(),
            vec![("a".into(), "{3}".into()), ("b".into(), "{b}".into())]
        );
        store
            .outbox_rejected("b", "bad_id", at("2026-05-20T10:03:00Z"))
            .unwrap();
        store
            .outbox_ready("b", "{b2}", at("2026-05-20T10:04:00Z"))
            .unwrap();
        store.outbox_delivered(&["a".into(), "b".into()]).unwrap();
        let counts = store.outbox_counts().unwrap();
        assert_eq!((counts.waiting, counts.rejected), (0, 1));
    }

    #[test]
    fn a_round_cut_off_by_a_power_loss_is_sent_after_the_restart() {
        let data = tempfile::tempdir().unwrap();
        {
            let mut store = crate::store::open(data.path()).unwrap();
            store
                .outbox_playing("x", "{x}", at("2026-05-20T10:00:00Z"))
                .unwrap();
        }
        let mut store = crate::store::open(data.path()).unwrap();
        assert_eq!(store.outbox_cut_off(at("2026-05-20T11:00:00Z")).unwrap(), 1);
        assert_eq!(store.outbox_waiting(10).unwrap().len(), 1);
    }
}
