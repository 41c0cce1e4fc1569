//! School bookings as kept: each with its code, slot, state and group; the capacity of a slot and
//! the duplicate check are decided inside the transaction that writes, so that requests arriving
//! at once never overfill a slot. Every change is also written to the audit log.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};
use uuid::Uuid;

use super::sqlite::{classify, time_column, timestamp};
use super::{SqliteStore, StoreError};
use crate::bookings::{NewBooking, Notice, Slot, Status};
use crate::i18n::Lang;
use crate::visitors::Category;

/// A booking as kept. Contact name, phone, e-mail, needs and note are None once erased.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredBooking {
    pub code: String,
    pub slot: Slot,
    pub status: Status,
    pub group: Category,
    pub size: u32,
    pub adults: u32,
    pub organisation: String,
    pub class: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lang: Lang,
    pub needs: Option<String>,
    pub note: Option<String>,
    /// What the guides noted on the phone with the teacher.
    pub call_notes: Option<String>,
    /// Why it was declined or cancelled.
    pub reason: Option<String>,
    /// The tour it became on arrival.
    pub tour_id: Option<Uuid>,
    /// Everyone who came (children and adults), on arrival.
    pub arrived_people: Option<u32>,
    pub created_at: DateTime<Utc>,
    pub changed_at: DateTime<Utc>,
    pub erased_at: Option<DateTime<Utc>>,
}

impl StoredBooking {
    /// size + adults, as booked.
    pub fn people(&self) -> u32 {
        crate::bookings::people(self.size, self.adults)
    }
}

/// A change of state, as a guide (or the teacher with the code) makes it.
#[derive(Clone, Debug)]
pub struct BookingChange<'a> {
    pub code: &'a str,
    /// The state the booking was in when the rules allowed the change: if it changed meanwhile,
    /// nothing is written ([`StoreError::BookingChanged`]).
    pub from: Status,
    pub to: Status,
    pub reason: Option<&'a str>,
    /// Who (a user's name; None for the teacher with the code, or the desk's command line).
    pub user: Option<&'a str>,
    pub at: DateTime<Utc>,
    /// What the teacher is to be told of it, kept in the same transaction.
    pub notice: Option<Notice>,
}

/// Whose contact details to erase.
#[derive(Clone, Copy, Debug)]
pub enum Erase<'a> {
    /// Every booking dated before this day (`retention_days` after the visit).
    VisitedBefore(NaiveDate),
    /// One booking, at the person's request.
    Asked(&'a str),
}

pub(super) const BOOKING_COLUMNS: &str =
    "code, slot_date, slot_time, status, category, group_size, adults,
    organisation, class, contact_name, phone, email, lang, needs, note, call_notes, reason,
    tour_id, arrived_people, created_at, changed_at, erased_at";

pub(super) fn booking_from_row(row: &Row<'_>) -> rusqlite::Result<StoredBooking> {
    let bad = |index: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("not a booking {what}").into(),
        )
    };
    let date: String = row.get(1)?;
    let time: String = row.get(2)?;
    let status: String = row.get(3)?;
    let category: String = row.get(4)?;
    let lang: String = row.get(12)?;
    let tour_id: Option<String> = row.get(17)?;
    let erased: Option<String> = row.get(21)?;
    Ok(StoredBooking {
        code: row.get(0)?,
        slot: Slot::new(
            date.parse::<NaiveDate>().map_err(|_| bad(1, "date"))?,
            NaiveTime::parse_from_str(&time, "%H:%M").map_err(|_| bad(2, "time"))?,
        ),
        status: Status::parse(&status).ok_or_else(|| bad(3, "status"))?,
        group: Category::parse(&category).ok_or_else(|| bad(4, "group"))?,
        size: row.get(5)?,
        adults: row.get(6)?,
        organisation: row.get(7)?,
        class: row.get(8)?,
        contact_name: row.get(9)?,
        phone: row.get(10)?,
        email: row.get(11)?,
        lang: Lang::from_code(&lang).ok_or_else(|| bad(12, "language"))?,
        needs: row.get(13)?,
        note: row.get(14)?,
        call_notes: row.get(15)?,
        reason: row.get(16)?,
        tour_id: match tour_id {
            Some(id) => Some(Uuid::parse_str(&id).map_err(|_| bad(17, "tour"))?),
            None => None,
        },
        arrived_people: row.get(18)?,
        created_at: time_column(row, 19)?,
        changed_at: time_column(row, 20)?,
        erased_at: match erased {
            Some(_) => Some(time_column(row, 21)?),
            None => None,
        },
    })
}

/// People holding places in a slot (requested and confirmed), leaving out `except`.
fn people_in_slot(tx: &Transaction<'_>, slot: Slot, except: &str) -> rusqlite::Result<u64> {
    tx.query_row(
        "SELECT COALESCE(SUM(group_size + adults), 0) FROM bookings
          WHERE slot_date = ?1 AND slot_time = ?2 AND status IN ('requested', 'confirmed')
            AND code <> ?3",
        params![slot.date.to_string(), slot.time_text(), except],
        |row| row.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
}

fn audit(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    user: Option<&str>,
    action: &str,
    code: &str,
    detail: serde_json::Value,
) -> rusqlite::Result<()> {
    super::sqlite::audit_row(tx, at, user, action, &format!("booking {code}"), &detail)
}

/// Why a write was refused inside its transaction (turned into a [`StoreError`] after it).
enum Refused {
    Full { free: u64, wanted: u64 },
    Duplicate,
    NotFound,
    Changed(Status),
}

/// Commits `tx` unless the write was refused (then it is rolled back and the refusal told).
fn finish(
    path: &std::path::Path,
    tx: Transaction<'_>,
    refused: Option<Refused>,
    code: &str,
) -> Result<(), StoreError> {
    match refused {
        None => tx.commit().map_err(|e| classify(path, e)),
        Some(refused) => {
            drop(tx);
            Err(match refused {
                Refused::Full { free, wanted } => StoreError::BookingFull { free, wanted },
                Refused::Duplicate => StoreError::BookingDuplicate,
                Refused::NotFound => StoreError::BookingNotFound(code.to_string()),
                Refused::Changed(now) => StoreError::BookingChanged {
                    code: code.to_string(),
                    status: now.as_str().to_string(),
                },
            })
        }
    }
}

impl SqliteStore {
    /// Keeps a new booking in `status` (requested; confirmed when a guide enters it) if its slot
    /// has room for its people and no booking holding a place there has the same phone.
    pub fn add_booking(
        &mut self,
        booking: &NewBooking,
        code: &str,
        status: Status,
        capacity: u32,
        user: Option<&str>,
        at: DateTime<Utc>,
        notice: Option<Notice>,
    ) -> Result<StoredBooking, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        let refused = (|| -> rusqlite::Result<Option<Refused>> {
            // The same phone first: a teacher who sends the form twice is told so, not "full".
            let duplicate: Option<String> = tx
                .query_row(
                    "SELECT code FROM bookings WHERE slot_date = ?1 AND slot_time = ?2
                        AND phone_key = ?3 AND status IN ('requested', 'confirmed')",
                    params![
                        booking.slot.date.to_string(),
                        booking.slot.time_text(),
                        booking.phone_key()
                    ],
                    |row| row.get(0),
                )
                .optional()?;
            if duplicate.is_some() {
                return Ok(Some(Refused::Duplicate));
            }
            let taken = people_in_slot(&tx, booking.slot, code)?;
            let free = u64::from(capacity).saturating_sub(taken);
            let wanted = u64::from(booking.people());
            if wanted > free {
                return Ok(Some(Refused::Full { free, wanted }));
            }
            tx.execute(
                &format!(
                    "INSERT INTO bookings ({BOOKING_COLUMNS}, phone_key) VALUES
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, NULL, NULL,
                      NULL, NULL, ?16, ?16, NULL, ?17)"
                ),
                params![
                    code,
                    booking.slot.date.to_string(),
                    booking.slot.time_text(),
                    status.as_str(),
                    booking.group.as_str(),
                    booking.size,
                    booking.adults,
                    booking.organisation,
                    booking.class,
                    booking.contact_name,
                    booking.phone,
                    booking.email,
                    booking.lang.code(),
                    booking.needs,
                    booking.note,
                    timestamp(at),
                    booking.phone_key(),
                ],
            )?;
            let detail = serde_json::json!({
                "status": status.as_str(), "slot": booking.slot.to_string(), "people": booking.people(),
            });
            audit(&tx, at, user, "booking-add", code, detail)?;
            if let Some(notice) = notice {
                super::notices::record(&tx, code, notice, at)?;
            }
            Ok(None)
        })()
        .map_err(|e| classify(&path, e))?;
        finish(&path, tx, refused, code)?;
        self.booking(code)?
            .ok_or_else(|| StoreError::BookingNotFound(code.to_string()))
    }

    pub fn booking(&self, code: &str) -> Result<Option<StoredBooking>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE code = ?1"),
                [code],
                booking_from_row,
            )
            .optional()
            .map_err(|err| self.error(err))
    }

    /// Bookings dated `from` through `to`, by date and time, then as they came.
    pub fn bookings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StoredBooking>, StoreError> {
        self.all_rows(
            &format!(
                "SELECT {BOOKING_COLUMNS} FROM bookings WHERE slot_date BETWEEN ?1 AND ?2
                  ORDER BY slot_date, slot_time, created_at, code"
            ),
            params![from.to_string(), to.to_string()],
            booking_from_row,
        )
    }

    /// People holding places in each slot dated `from` through `to`. The teachers' slot list
    /// asks for this on every look, many at once when a booking window opens: the answer is kept
    /// until anyone writes to the store.
    pub fn slot_people(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Slot, u64)>, StoreError> {
        self.kept(&self.slot_cache, (from, to), |store| {
            store.read_slot_people(from, to)
        })
    }

    fn read_slot_people(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Slot, u64)>, StoreError> {
        let rows = self.all_rows(
            "SELECT slot_date, slot_time, SUM(group_size + adults) FROM bookings
              WHERE slot_date BETWEEN ?1 AND ?2 AND status IN ('requested', 'confirmed')
              GROUP BY slot_date, slot_time",
            params![from.to_string(), to.to_string()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(date, time, people)| {
                let date = date.parse().ok()?;
                let time = NaiveTime::parse_from_str(&time, "%H:%M").ok()?;
                Some((Slot::new(date, time), people.max(0) as u64))
            })
            .collect())
    }

    /// Changes a booking's state (and keeps the reason), if it is still in `change.from`.
    pub fn change_booking(
        &mut self,
        change: &BookingChange<'_>,
    ) -> Result<StoredBooking, StoreError> {
        self.write_change(change, |tx| {
            tx.execute(
                "UPDATE bookings SET status = ?2, reason = COALESCE(?3, reason), changed_at = ?4
                  WHERE code = ?1",
                params![
                    change.code,
                    change.to.as_str(),
                    change.reason,
                    timestamp(change.at)
                ],
            )
            .map(|_| None)
        })
    }

    /// Moves a booking to `slot` if the slot has room for it.
    pub fn move_booking(
        &mut self,
        change: &BookingChange<'_>,
        slot: Slot,
        capacity: u32,
    ) -> Result<StoredBooking, StoreError> {
        self.write_change(change, |tx| {
            let booking = tx.query_row(
                &format!("SELECT {BOOKING_COLUMNS} FROM bookings WHERE code = ?1"),
                [change.code],
                booking_from_row,
            )?;
            let taken = people_in_slot(tx, slot, change.code)?;
            let free = u64::from(capacity).saturating_sub(taken);
            let wanted = u64::from(booking.people());
            if wanted > free {
                return Ok(Some(Refused::Full { free, wanted }));
            }
            tx.execute(
                "UPDATE bookings SET slot_date = ?2, slot_time = ?3, changed_at = ?4 WHERE code = ?1",
                params![
                    change.code,
                    slot.date.to_string(),
                    slot.time_text(),
                    timestamp(change.at)
                ],
            )
            .map(|_| None)
        })
    }

    /// The group came: the booking is arrived and becomes the tour `tour_id` (started in the same
    /// transaction by `start_tour_in`), counting `people`.
    pub fn arrive_booking(
        &mut self,
        change: &BookingChange<'_>,
        people: u32,
        tour: &super::Tour,
    ) -> Result<StoredBooking, StoreError> {
        self.write_change(change, |tx| {
            super::sqlite::insert_tour(tx, tour)?;
            tx.execute(
                "UPDATE bookings SET status = 'arrived', tour_id = ?2, arrived_people = ?3,
                        changed_at = ?4 WHERE code = ?1",
                params![
                    change.code,
                    tour.id.to_string(),
                    people,
                    timestamp(change.at)
                ],
            )
            .map(|_| None)
        })
    }

    /// The call notes of a booking (a guide's, from the phone), replaced.
    pub fn note_booking_call(
        &mut self,
        code: &str,
        notes: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let changed = self
            .conn
            .execute(
                "UPDATE bookings SET call_notes = ?2, changed_at = ?3
                  WHERE code = ?1 AND erased_at IS NULL",
                params![code, notes, timestamp(at)],
            )
            .map_err(|err| self.error(err))?;
        if changed == 0 {
            return Err(match self.booking(code)? {
                Some(_) => StoreError::BookingErased(code.to_string()),
                None => StoreError::BookingNotFound(code.to_string()),
            });
        }
        Ok(())
    }

    /// Checks the booking is still in `change.from`, runs `write`, audits, commits.
    fn write_change(
        &mut self,
        change: &BookingChange<'_>,
        write: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<Option<Refused>>,
    ) -> Result<StoredBooking, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        let refused = (|| -> rusqlite::Result<Option<Refused>> {
            let status: Option<String> = tx
                .query_row(
                    "SELECT status FROM bookings WHERE code = ?1",
                    [change.code],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(status) = status else {
                return Ok(Some(Refused::NotFound));
            };
            let now = Status::parse(&status).unwrap_or(Status::Cancelled);
            if now != change.from {
                return Ok(Some(Refused::Changed(now)));
            }
            if let Some(refused) = write(&tx)? {
                return Ok(Some(refused));
            }
            let detail = serde_json::json!({
                "from": change.from.as_str(), "to": change.to.as_str(), "reason": change.reason,
            });
            audit(
                &tx,
                change.at,
                change.user,
                "booking-change",
                change.code,
                detail,
            )?;
            if let Some(notice) = change.notice {
                super::notices::record(&tx, change.code, notice, change.at)?;
            }
            Ok(None)
        })()
        .map_err(|e| classify(&path, e))?;
        finish(&path, tx, refused, change.code)?;
        self.booking(change.code)?
            .ok_or_else(|| StoreError::BookingNotFound(change.code.to_string()))
    }

    /// Erases contact name, phone, e-mail, needs and note (and the call notes) from the
    /// bookings `which` names: how many bookings were erased. The tour a booking became holds
    /// none of these (only the code, the organisation and the class), so it keeps all it has.
    /// The erased bookings' open notices are closed: there is no one to reach now.
    pub fn erase_booking_details(
        &mut self,
        which: Erase<'_>,
        user: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| classify(&path, e))?;
        let (rule, key, subject, detail) = match which {
            Erase::VisitedBefore(before) => (
                "slot_date < ?1",
                before.to_string(),
                "*",
                serde_json::json!({ "before": before.to_string() }),
            ),
            Erase::Asked(code) => (
                "code = ?1",
                code.to_string(),
                code,
                serde_json::json!({ "asked": true }),
            ),
        };
        let erased = (|| -> rusqlite::Result<usize> {
            let erased = tx.execute(
                &format!(
                    "UPDATE bookings SET contact_name = NULL, phone = NULL, phone_key = NULL,
                            email = NULL, needs = NULL, note = NULL, call_notes = NULL,
                            erased_at = ?2
                      WHERE {rule} AND erased_at IS NULL"
                ),
                params![key, timestamp(at)],
            )?;
            if erased > 0 {
                super::notices::close_erased(&tx, at)?;
                let mut detail = detail;
                detail["bookings"] = erased.into();
                audit(&tx, at, user, "booking-erase", subject, detail)?;
            }
            Ok(erased)
        })()
        .map_err(|e| classify(&path, e))?;
        tx.commit().map_err(|e| classify(&path, e))?;
        Ok(erased as u64)
    }

    /// Every booking of `year` as the forecast needs it: date, people as booked, state.
    pub fn booked_days(&self, year: i32) -> Result<Vec<crate::bookings::BookedDay>, StoreError> {
        let rows = self.all_rows(
            "SELECT slot_date, group_size + adults, status FROM bookings
              WHERE slot_date BETWEEN ?1 AND ?2",
            params![format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(date, people, status)| {
                Some(crate::bookings::BookedDay {
                    date: date.parse().ok()?,
                    people: u32::try_from(people).ok()?,
                    status: Status::parse(&status)?,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookings::{BookingRequest, validate_booking};
    use crate::visitors::Calendar;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    /// A school group of `size` for 2026-05-12 10:00, with its own phone `n`.
    fn booking(size: i64, n: u32) -> NewBooking {
        let request = BookingRequest {
            date: Some("2026-05-12".into()),
            time: Some("10:00".into()),
            group: Some("school".into()),
            size: Some(size),
            adults: Some(0),
            organisation: Some("Ліцей № 1".into()),
            contact_name: Some("Олена".into()),
            phone: Some(format!("+380 67 000 {n:04}")),
            lang: Some("uk".into()),
            consent: true,
            ..Default::default()
        };
        validate_booking(
            &request,
            &Calendar::default(),
            at("2026-05-01T09:00:00Z"),
            crate::bookings::Asker::Guide,
        )
        .unwrap()
    }

    const NOW: &str = "2026-05-01T09:00:00Z";

    #[test]
    fn the_people_per_slot_are_kept_only_until_anyone_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = super::super::open(dir.path()).unwrap();
        let mut writer = super::super::open(dir.path()).unwrap();
        let slot = booking(1, 0).slot;
        let people = |store: &SqliteStore| store.slot_people(slot.date, slot.date).unwrap();
        let add = |store: &mut SqliteStore, size: i64, n: u32| {
            store
                .add_booking(
                    &booking(size, n),
                    &format!("KEPT{n:06}"),
                    Status::Requested,
                    30,
                    None,
                    at(NOW),
                    None,
                )
                .unwrap();
        };
        assert_eq!(people(&reader), []);
        add(&mut reader, 3, 1);
        assert_eq!(people(&reader), [(slot, 3)]);
        assert_eq!(people(&reader), [(slot, 3)], "the kept answer");
        // Another connection (another process: the CLI, another server worker) commits.
        add(&mut writer, 4, 2);
        assert_eq!(people(&reader), [(slot, 7)]);
        // A change of state frees places.
        writer
            .change_booking(&BookingChange {
                code: "KEPT000002",
                from: Status::Requested,
                to: Status::Cancelled,
                reason: None,
                user: None,
                at: at(NOW),
                notice: None,
            })
            .unwrap();
        assert_eq!(people(&reader), [(slot, 3)]);
        // Another range is read for itself.
        let day_before = slot.date.pred_opt().unwrap();
        assert_eq!(reader.slot_people(day_before, day_before).unwrap(), []);
    }

    #[test]
    fn twenty_writers_at_once_never_overfill_a_slot() {
        let dir = tempfile::tempdir().unwrap();
        drop(super::super::open(dir.path()).unwrap());
        let threads: Vec<_> = (0..20)
            .map(|n| {
                let path = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    let mut store = super::super::open(&path).unwrap();
                    store
                        .add_booking(
                            &booking(4, n),
                            &format!("CODE{n:06}"),
                            Status::Requested,
                            30,
                            None,
                            at(NOW),
                            None,
                        )
                        .map(drop)
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        let kept = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(kept, 7, "7 groups of 4 fit in 30");
        assert!(results.iter().all(|r| match r {
            Ok(()) => true,
            Err(StoreError::BookingFull { free, wanted }) => (*free, *wanted) == (2, 4),
            Err(other) => panic!("{other}"),
        }));
        let store = super::super::open(dir.path()).unwrap();
        let slot = booking(1, 0).slot;
        assert_eq!(
            store.slot_people(slot.date, slot.date).unwrap(),
            [(slot, 28)]
        );
    }

    #[test]
    fn the_same_phone_twice_for_a_slot_is_a_duplicate_until_the_first_is_cancelled() {
        let (_dir, mut store) = {
            let dir = tempfile::tempdir().unwrap();
            let store = super::super::open(dir.path()).unwrap();
            (dir, store)
        };
        store
            .add_booking(
                &booking(10, 1),
                "FIRST00000",
                Status::Requested,
                30,
                None,
                at(NOW),
                None,
            )
            .unwrap();
        let again = store.add_booking(
            &booking(5, 1),
            "SECOND0000",
            Status::Requested,
            30,
            None,
            at(NOW),
            None,
        );
        assert!(
            matches!(again, Err(StoreError::BookingDuplicate)),
            "{again:?}"
        );
        let cancel = BookingChange {
            code: "FIRST00000",
            from: Status::Requested,
            to: Status::Cancelled,
            reason: Some("захворіли"),
            user: Some("olena"),
            at: at(NOW),
            notice: None,
        };
        let cancelled = store.change_booking(&cancel).unwrap();
        assert_eq!(
            (cancelled.status, cancelled.reason.as_deref()),
            (Status::Cancelled, Some("захворіли"))
        );
        // A second guide acting on what they saw before: nothing changes.
        let stale = store.change_booking(&BookingChange {
            to: Status::Confirmed,
            ..cancel
        });
        assert!(
            matches!(stale, Err(StoreError::BookingChanged { .. })),
            "{stale:?}"
        );
        store
            .add_booking(
                &booking(5, 1),
                "SECOND0000",
                Status::Requested,
                30,
                None,
                at(NOW),
                None,
            )
            .unwrap();
    }

    #[test]
    fn an_arrival_becomes_a_tour_and_erasure_keeps_the_counts() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = super::super::open(dir.path()).unwrap();
        let kept = store
            .add_booking(
                &booking(20, 1),
                "ARRIVE0000",
                Status::Confirmed,
                30,
                Some("olena"),
                at(NOW),
                None,
            )
            .unwrap();
        let started = at("2026-05-12T07:05:00Z");
        let tour = super::super::Tour {
            id: Uuid::new_v4(),
            category: kept.group,
            size: 23,
            guide: None,
            note: Some("ARRIVE0000".into()),
            started_at: started,
            start_date: crate::visitors::local_date(started),
            ended_at: None,
            recorded_at: started,
            station: None,
        };
        let change = BookingChange {
            code: "ARRIVE0000",
            from: Status::Confirmed,
            to: Status::Arrived,
            reason: None,
            user: Some("olena"),
            at: started,
            notice: None,
        };
        let arrived = store.arrive_booking(&change, 23, &tour).unwrap();
        assert_eq!(
            (arrived.status, arrived.arrived_people, arrived.tour_id),
            (Status::Arrived, Some(23), Some(tour.id))
        );
        use crate::store::VisitorStore;
        assert_eq!(store.totals().unwrap().tour_visitors, 23);

        assert_eq!(
            store
                .erase_booking_details(Erase::VisitedBefore(kept.slot.date), None, at(NOW))
                .unwrap(),
            0,
            "not before its day"
        );
        let next_day = kept.slot.date.succ_opt().unwrap();
        let before = Erase::VisitedBefore(next_day);
        assert_eq!(
            store.erase_booking_details(before, None, at(NOW)).unwrap(),
            1
        );
        let erased = store.booking("ARRIVE0000").unwrap().unwrap();
        assert_eq!(
            (erased.contact_name, erased.phone, erased.email),
            (None, None, None)
        );
        assert_eq!(
            (erased.organisation.as_str(), erased.size),
            ("Ліцей № 1", 20)
        );
        assert_eq!(store.totals().unwrap().tour_visitors, 23);
        let days = store.booked_days(2026).unwrap();
        assert_eq!((days[0].people, days[0].status), (20, Status::Arrived));
    }

    #[test]
    fn one_booking_is_erased_at_its_persons_request_and_the_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = super::super::open(dir.path()).unwrap();
        for n in 1..=2 {
            store
                .add_booking(
                    &booking(5, n),
                    &format!("ASKED{n:05}"),
                    Status::Requested,
                    30,
                    None,
                    at(NOW),
                    None,
                )
                .unwrap();
        }
        let asked = Erase::Asked("ASKED00001");
        assert_eq!(
            store
                .erase_booking_details(asked, Some("olena"), at(NOW))
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .erase_booking_details(asked, Some("olena"), at(NOW))
                .unwrap(),
            0,
            "already erased"
        );
        let erased = store.booking("ASKED00001").unwrap().unwrap();
        assert_eq!(
            (erased.contact_name, erased.phone, erased.size),
            (None, None, 5)
        );
        let kept = store.booking("ASKED00002").unwrap().unwrap();
        assert!(kept.phone.is_some());
        assert!(
            matches!(
                store.note_booking_call("ASKED00001", Some("Олена, 067 000 0001"), at(NOW)),
                Err(StoreError::BookingErased(_))
            ),
            "no new personal notes on an erased booking"
        );
        assert!(
            store
                .note_booking_call("ASKED00002", Some("ok"), at(NOW))
                .is_ok()
        );
        let log = store.audit_log(100).unwrap();
        assert!(log.iter().any(|e| e.action == "booking-erase"
            && e.subject == "booking ASKED00001"
            && e.user.as_deref() == Some("olena")));
    }
}
