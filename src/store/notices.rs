//! What teachers are to be told of their bookings (`booking_notices`): written in the transaction
//! of the change that makes them; read by the server's mailer (the mails due) and by the guides
//! (the "tell the teacher" items); closed when sent, told, superseded by a newer notice of the
//! same booking, or when the booking's contact details are erased.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::bookings::{BOOKING_COLUMNS, booking_from_row};
use super::sqlite::{classify, time_column, timestamp};
use super::{SqliteStore, StoreError, StoredBooking};
use crate::bookings::{MAX_MAIL_ATTEMPTS, Notice, NoticeEvent};

/// A notice as kept, with its booking as it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredNotice {
    pub id: i64,
    pub event: NoticeEvent,
    /// Without a mail, a guide phones the teacher.
    pub call: bool,
    pub created_at: DateTime<Utc>,
    /// Mails tried and failed.
    pub attempts: u32,
    pub next_try_at: Option<DateTime<Utc>>,
    /// The kind of the last failure (never an address).
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub told_at: Option<DateTime<Utc>>,
    pub told_by: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub booking: StoredBooking,
}

/// How a mail went: sent, or failed with the kind of failure (worded without any address), to be
/// tried again at `retry_at` or given up (None).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    Failed {
        error: String,
        retry_at: Option<DateTime<Utc>>,
    },
}

/// The columns of a notice after the booking's (which are first, as `booking_from_row` reads).
const NOTICE_COLUMNS: &str = "n.id, n.event, n.call, n.created_at, n.attempts, n.next_try_at,
    n.last_error, n.sent_at, n.told_at, n.told_by, n.closed_at";

/// Open: neither sent, told nor closed (the partial index `booking_notices_open`).
const OPEN: &str = "n.sent_at IS NULL AND n.told_at IS NULL AND n.closed_at IS NULL";

fn select(filter: &str) -> String {
    let booking: Vec<String> = BOOKING_COLUMNS
        .split(',')
        .map(|column| format!("b.{}", column.trim()))
        .collect();
    format!(
        "SELECT {}, {NOTICE_COLUMNS} FROM booking_notices n JOIN bookings b ON b.code = n.code
          WHERE {filter} ORDER BY n.created_at, n.id",
        booking.join(", ")
    )
}

fn notice_from_row(row: &Row<'_>) -> rusqlite::Result<StoredNotice> {
    const AT: usize = 22;
    let booking = booking_from_row(row)?;
    let event: String = row.get(AT + 1)?;
    let optional_time = |index: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        match row.get::<_, Option<String>>(index)? {
            Some(_) => time_column(row, index).map(Some),
            None => Ok(None),
        }
    };
    Ok(StoredNotice {
        id: row.get(AT)?,
        event: NoticeEvent::parse(&event).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                AT + 1,
                rusqlite::types::Type::Text,
                "not a notice event".into(),
            )
        })?,
        call: row.get::<_, i64>(AT + 2)? != 0,
        created_at: time_column(row, AT + 3)?,
        attempts: row.get(AT + 4)?,
        next_try_at: optional_time(AT + 5)?,
        last_error: row.get(AT + 6)?,
        sent_at: optional_time(AT + 7)?,
        told_at: optional_time(AT + 8)?,
        told_by: row.get(AT + 9)?,
        closed_at: optional_time(AT + 10)?,
        booking,
    })
}

/// Keeps `notice` for booking `code` inside the change's transaction; the booking's older open
/// notices are closed as superseded (the teacher is told where the booking stands now, once).
pub(super) fn record(
    tx: &Transaction<'_>,
    code: &str,
    notice: Notice,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let at = timestamp(at);
    tx.execute(
        &format!(
            "UPDATE booking_notices AS n SET closed_at = ?2, closed_why = 'superseded'
              WHERE n.code = ?1 AND {OPEN}"
        ),
        params![code, at],
    )?;
    tx.execute(
        "INSERT INTO booking_notices (code, event, call, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![code, notice.event.as_str(), notice.call, at],
    )
    .map(drop)
}

/// The tour `tour` ended: a results notice for the booking it was, if it was one.
pub(super) fn record_results(
    tx: &Transaction<'_>,
    tour: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let code: Option<String> = tx
        .query_row(
            "SELECT code FROM bookings WHERE tour_id = ?1",
            [tour],
            |row| row.get(0),
        )
        .optional()?;
    match code {
        Some(code) => record(tx, &code, crate::bookings::RESULTS_NOTICE, at),
        None => Ok(()),
    }
}

/// Closes the open notices of the bookings erased at `at` (they have no one to reach now), and
/// forgets what their failures said.
pub(super) fn close_erased(tx: &Transaction<'_>, at: DateTime<Utc>) -> rusqlite::Result<usize> {
    let at = timestamp(at);
    tx.execute(
        "UPDATE booking_notices SET last_error = NULL WHERE code IN
           (SELECT code FROM bookings WHERE erased_at = ?1)",
        [&at],
    )?;
    tx.execute(
        &format!(
            "UPDATE booking_notices AS n SET closed_at = ?1, closed_why = 'erased'
              WHERE {OPEN} AND n.code IN (SELECT code FROM bookings WHERE erased_at = ?1)"
        ),
        [&at],
    )
}

impl SqliteStore {
    /// Every notice of a booking, oldest first.
    pub fn booking_notices(&self, code: &str) -> Result<Vec<StoredNotice>, StoreError> {
        self.all_rows(&select("n.code = ?1"), [code], notice_from_row)
    }

    /// The mails to send now: open notices whose booking has an e-mail address, made since
    /// `fresh_since`, not given up, and due (never tried, or their retry time has come).
    pub fn due_mails(
        &self,
        now: DateTime<Utc>,
        fresh_since: DateTime<Utc>,
    ) -> Result<Vec<StoredNotice>, StoreError> {
        self.all_rows(
            &select(&format!(
                "{OPEN} AND b.email IS NOT NULL AND n.created_at >= ?2 AND n.attempts < ?3
                 AND (n.next_try_at IS NULL OR n.next_try_at <= ?1)"
            )),
            params![timestamp(now), timestamp(fresh_since), MAX_MAIL_ATTEMPTS],
            notice_from_row,
        )
    }

    /// What the guides are to phone: open notices that need a call and whose booking has a
    /// phone, which no mail will carry — there is no mail (`mail` false), the booking has no
    /// address, the mail was given up, or it is older than `fresh_since` (the mailer leaves it).
    pub fn tell_items(
        &self,
        mail: bool,
        fresh_since: DateTime<Utc>,
    ) -> Result<Vec<StoredNotice>, StoreError> {
        self.all_rows(
            &select(&format!(
                "{OPEN} AND n.call = 1 AND b.phone IS NOT NULL
                 AND (?1 = 0 OR b.email IS NULL OR n.attempts >= ?2 OR n.created_at < ?3)"
            )),
            params![mail, MAX_MAIL_ATTEMPTS, timestamp(fresh_since)],
            notice_from_row,
        )
    }

    /// Keeps how a mail went. A mail sent is sent, whatever happened to the notice meanwhile.
    pub fn mail_outcome(
        &mut self,
        id: i64,
        outcome: &MailOutcome,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let changed = match outcome {
            MailOutcome::Sent => self.conn.execute(
                "UPDATE booking_notices SET sent_at = ?2, next_try_at = NULL
                  WHERE id = ?1 AND sent_at IS NULL",
                params![id, timestamp(at)],
            ),
            MailOutcome::Failed {
                error,
                retry_at: Some(retry_at),
            } => self.conn.execute(
                "UPDATE booking_notices SET attempts = attempts + 1, last_error = ?2,
                        next_try_at = ?3
                  WHERE id = ?1 AND sent_at IS NULL",
                params![id, error, timestamp(*retry_at)],
            ),
            // Given up: counted as the last try, whatever the count was.
            MailOutcome::Failed {
                error,
                retry_at: None,
            } => self.conn.execute(
                "UPDATE booking_notices SET attempts = MAX(attempts + 1, ?3), last_error = ?2,
                        next_try_at = NULL
                  WHERE id = ?1 AND sent_at IS NULL",
                params![id, error, MAX_MAIL_ATTEMPTS],
            ),
        }
        .map_err(|err| self.error(err))?;
        if changed == 0 {
            return Err(StoreError::NoticeNotFound(id));
        }
        Ok(())
    }

    /// A guide told the teacher: the notice is closed with who and when. Refused when there is no
    /// such notice, or it is no longer open (sent, told, superseded or erased meanwhile).
    pub fn notice_told(
        &mut self,
        id: i64,
        user: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<StoredNotice, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        let found = tx
            .query_row(&select("n.id = ?1"), [id], notice_from_row)
            .optional()
            .map_err(|e| classify(&path, e))?;
        let Some(notice) = found else {
            return Err(StoreError::NoticeNotFound(id));
        };
        if notice.sent_at.is_some() || notice.told_at.is_some() || notice.closed_at.is_some() {
            return Err(StoreError::NoticeClosed(id));
        }
        tx.execute(
            "UPDATE booking_notices SET told_at = ?2, told_by = ?3 WHERE id = ?1",
            params![id, timestamp(at), user],
        )
        .and_then(|_| tx.commit())
        .map_err(|e| classify(&path, e))?;
        Ok(StoredNotice {
            told_at: Some(at),
            told_by: user.map(Into::into),
            ..notice
        })
    }
}
