//! A played round as a record, and the outbox that keeps records until the store takes them.
//!
//! The exhibit must keep running when the store is busy or missing, so it never writes directly:
//! it queues each finished or abandoned round here and flushes through a [`SessionRecorder`]
//! (implemented by the store) whenever it can.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Round;
use crate::i18n::Lang;

/// One item of a played round: the bins chosen for it, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionAnswer {
    pub item: String,
    pub right_bin: String,
    /// Every bin the visitor chose, first to last; empty when the round ended before this item.
    pub chosen: Vec<String>,
    pub first_try_right: bool,
}

/// A finished or abandoned round, as the store keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaySession {
    pub id: Uuid,
    /// The kiosk (`tourcentre exhibit --station NAME`).
    pub station: String,
    pub audience: String,
    pub lang: Lang,
    /// The guide's open tour when the round was played, if any.
    pub tour_id: Option<Uuid>,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    /// False when the visitor walked away (idle reset) before the last item.
    pub completed: bool,
    pub answers: Vec<SessionAnswer>,
}

impl PlaySession {
    /// The record of `round` as it stands, whether finished or cut off.
    pub fn from_round(
        round: &Round,
        station: &str,
        lang: Lang,
        tour_id: Option<Uuid>,
        started_at: DateTime<Utc>,
        ended_at: DateTime<Utc>,
    ) -> Self {
        let answers = round
            .items
            .iter()
            .map(|item| SessionAnswer {
                item: item.item.clone(),
                right_bin: item.right_bin.clone(),
                chosen: item.chosen.clone(),
                first_try_right: item.first_try_right(),
            })
            .collect();
        PlaySession {
            id: Uuid::new_v4(),
            station: station.to_owned(),
            audience: round.audience.clone(),
            lang,
            tour_id,
            started_at,
            ended_at,
            completed: round.is_over(),
            answers,
        }
    }

    /// Items answered right at the first try.
    pub fn first_try_right(&self) -> usize {
        self.answers.iter().filter(|a| a.first_try_right).count()
    }

    /// Items the visitor got to (at least one drop).
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| !a.chosen.is_empty()).count()
    }

    /// A round worth keeping: at least one drop was made.
    pub fn is_worth_recording(&self) -> bool {
        self.answered() > 0
    }
}

/// Somewhere play sessions can be written: the store implements this.
pub trait SessionRecorder {
    /// Why a write failed (the store's own error, so its reader can word it for a guide).
    type Error;

    /// Writes one session. Writing the same id twice must not make two records.
    fn record_session(&mut self, session: &PlaySession) -> Result<(), Self::Error>;
}

/// Sessions waiting to be written, oldest first. Bounded, so a kiosk whose store is gone for days
/// does not grow without limit: past the bound the oldest records are dropped and counted.
#[derive(Debug, Default)]
pub struct SessionOutbox {
    waiting: std::collections::VecDeque<PlaySession>,
    dropped: usize,
}

impl SessionOutbox {
    pub const CAPACITY: usize = 10_000;

    pub fn push(&mut self, session: PlaySession) {
        if !session.is_worth_recording() {
            return;
        }
        if self.waiting.len() == Self::CAPACITY {
            self.waiting.pop_front();
            self.dropped += 1;
        }
        self.waiting.push_back(session);
    }

    /// Writes what it can, oldest first, and stops at the first failure (keeping that session
    /// and everything after it). Returns the error of the failed write, if any.
    pub fn flush<R: SessionRecorder>(&mut self, recorder: &mut R) -> Result<usize, R::Error> {
        let mut written = 0;
        while let Some(session) = self.waiting.front() {
            recorder.record_session(session)?;
            self.waiting.pop_front();
            written += 1;
        }
        Ok(written)
    }

    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Sessions lost because the outbox was full.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::RoundItem;

    fn item(id: &str, bin: &str) -> RoundItem {
        RoundItem {
            item: id.into(),
            right_bin: bin.into(),
            chosen: vec![],
        }
    }

    fn played_round() -> Round {
        let mut round = Round::new("older", vec![item("can", "metal"), item("jar", "glass")]);
        round.drop_into("can", "plastic");
        round.drop_into("can", "metal");
        round
    }

    fn session(round: &Round) -> PlaySession {
        let now = Utc::now();
        PlaySession::from_round(round, "hall", Lang::En, None, now, now)
    }

    #[test]
    fn a_cut_off_round_is_recorded_as_not_completed_with_its_answers_so_far() {
        let s = session(&played_round());
        assert!(!s.completed);
        assert_eq!(s.answered(), 1);
        assert_eq!(s.first_try_right(), 0);
        assert_eq!(s.answers[0].chosen, vec!["plastic", "metal"]);
        assert!(s.answers[1].chosen.is_empty());
    }

    #[test]
    fn a_round_with_no_drop_is_not_queued() {
        let mut outbox = SessionOutbox::default();
        outbox.push(session(&Round::new("older", vec![item("can", "metal")])));
        assert!(outbox.is_empty());
    }

    struct FlakyStore {
        fail_after: usize,
        written: Vec<Uuid>,
    }

    impl SessionRecorder for FlakyStore {
        type Error = String;

        fn record_session(&mut self, session: &PlaySession) -> Result<(), String> {
            if self.written.len() >= self.fail_after {
                return Err("database is locked".into());
            }
            self.written.push(session.id);
            Ok(())
        }
    }

    #[test]
    fn a_failing_store_keeps_the_unwritten_sessions_in_order_for_later() {
        let mut outbox = SessionOutbox::default();
        let sessions: Vec<_> = (0..3).map(|_| session(&played_round())).collect();
        for s in &sessions {
            outbox.push(s.clone());
        }
        let mut store = FlakyStore {
            fail_after: 1,
            written: vec![],
        };
        assert!(outbox.flush(&mut store).is_err());
        assert_eq!(outbox.len(), 2);
        store.fail_after = usize::MAX;
        assert_eq!(outbox.flush(&mut store), Ok(2));
        let ids: Vec<_> = sessions.iter().map(|s| s.id).collect();
        assert_eq!(store.written, ids);
        assert!(outbox.is_empty());
    }

    #[test]
    fn a_full_outbox_drops_the_oldest_and_counts_it() {
        let mut outbox = SessionOutbox::default();
        let first = session(&played_round());
        outbox.push(first.clone());
        for _ in 0..SessionOutbox::CAPACITY {
            outbox.push(session(&played_round()));
        }
        assert_eq!(outbox.len(), SessionOutbox::CAPACITY);
        assert_eq!(outbox.dropped(), 1);
        assert!(outbox.waiting.iter().all(|s| s.id != first.id));
    }
}
