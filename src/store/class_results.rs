//! What a class did at the kiosks during its tour: the tour's rounds summed, and the items most
//! often missed. Nothing of a single child: only the rounds tagged with the tour, added up.

use uuid::Uuid;

use super::sqlite::count_column;
use super::{SqliteStore, StoreError};

/// A tour's rounds, summed. An item the round ended before (nothing chosen) is not an answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TourPlay {
    /// Rounds played while the tour was on (sessions tagged with it), finished or not.
    pub rounds: u64,
    /// Items answered (at least one drop) over those rounds.
    pub answers: u64,
    /// Of those, the items put in the right bin at the first try.
    pub first_try_right: u64,
    /// The items whose first bin was most often wrong, most missed first; items never missed
    /// are left out.
    pub missed: Vec<TourMiss>,
}

/// An item the class got wrong at the first try, and how often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TourMiss {
    pub item: String,
    /// The bin the kiosk knew as right for it.
    pub right_bin: String,
    /// Times its first bin was wrong.
    pub missed: u64,
    /// Times it was answered.
    pub answers: u64,
}

impl SqliteStore {
    /// The rounds of tour `tour` summed, with at most `most_missed` of the most missed items
    /// (ties: the more often answered first, then by item id).
    pub fn tour_play(&self, tour: Uuid, most_missed: usize) -> Result<TourPlay, StoreError> {
        let id = tour.to_string();
        let (rounds, answers, first_try_right) = self
            .conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM play_sessions WHERE tour_id = ?1),
                        COUNT(a.id), COALESCE(SUM(a.first_try_right), 0)
                   FROM play_answers a JOIN play_sessions s ON s.id = a.session_id
                  WHERE s.tour_id = ?1 AND a.chosen != '[]'",
                [&id],
                |row| {
                    Ok((
                        count_column(row, 0)?,
                        count_column(row, 1)?,
                        count_column(row, 2)?,
                    ))
                },
            )
            .map_err(|err| self.error(err))?;
        let limit = i64::try_from(most_missed).unwrap_or(i64::MAX);
        let missed = self.all_rows(
            "SELECT a.item, a.right_bin, SUM(1 - a.first_try_right) AS missed, COUNT(*) AS answers
               FROM play_answers a JOIN play_sessions s ON s.id = a.session_id
              WHERE s.tour_id = ?1 AND a.chosen != '[]'
              GROUP BY a.item, a.right_bin
             HAVING missed > 0
              ORDER BY missed DESC, answers DESC, a.item
              LIMIT ?2",
            rusqlite::params![&id, limit],
            |row| {
                Ok(TourMiss {
                    item: row.get(0)?,
                    right_bin: row.get(1)?,
                    missed: count_column(row, 2)?,
                    answers: count_column(row, 3)?,
                })
            },
        )?;
        Ok(TourPlay {
            rounds,
            answers,
            first_try_right,
            missed,
        })
    }
}
