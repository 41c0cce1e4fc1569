//! School bookings as operations: a teacher's or a guide's booking, the slots with their free
//! places, the day's and week's bookings, each change of state (confirm, decline, cancel, move,
//! arrive, no-show), closing a day at short notice, and the erasure of personal details
//! `retention_days` after the visit. The rules are `crate::bookings`; the store keeps what they
//! decide, checking capacity in the transaction that writes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Centre, CentreError};
use crate::bookings::{
    Action, Asker, BookingCode, BookingRequest, Slot, Status, Timing, check_offered,
    notice_of_action, notice_of_new_booking, offered_slots, parse_date, transition,
    validate_booking, visitors_on_arrival,
};
use crate::store::{BookingChange, StoredBooking, Tour};
use crate::visitors::local_date;

/// A booking as guides see it (`booking list --format json`, the guides' pages).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BookingRecord {
    pub code: String,
    #[schema(format = Date)]
    pub date: String,
    /// HH:MM, Europe/Kyiv
    pub time: String,
    /// requested, confirmed, declined, cancelled, arrived or no_show
    pub status: &'static str,
    pub group: &'static str,
    pub size: u32,
    pub adults: u32,
    /// size + adults
    pub people: u32,
    pub organisation: String,
    pub class: Option<String>,
    /// None once erased (`retention_days` after the visit).
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lang: &'static str,
    pub needs: Option<String>,
    pub note: Option<String>,
    pub call_notes: Option<String>,
    pub reason: Option<String>,
    pub tour_id: Option<String>,
    pub arrived_people: Option<u32>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub changed_at: String,
    #[serde(skip)]
    pub booking: StoredBooking,
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl From<StoredBooking> for BookingRecord {
    fn from(b: StoredBooking) -> Self {
        BookingRecord {
            code: b.code.clone(),
            date: b.slot.date.to_string(),
            time: b.slot.time_text(),
            status: b.status.as_str(),
            group: b.group.as_str(),
            size: b.size,
            adults: b.adults,
            people: b.people(),
            organisation: b.organisation.clone(),
            class: b.class.clone(),
            contact_name: b.contact_name.clone(),
            phone: b.phone.clone(),
            email: b.email.clone(),
            lang: b.lang.code(),
            needs: b.needs.clone(),
            note: b.note.clone(),
            call_notes: b.call_notes.clone(),
            reason: b.reason.clone(),
            tour_id: b.tour_id.map(|id| id.to_string()),
            arrived_people: b.arrived_people,
            created_at: utc_text(b.created_at),
            changed_at: utc_text(b.changed_at),
            booking: b,
        }
    }
}

/// What anyone with the code sees (`GET /api/v1/bookings/{code}`): no contact details.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BookingView {
    pub code: String,
    #[schema(format = Date)]
    pub date: String,
    pub time: String,
    pub size: u32,
    pub adults: u32,
    pub status: &'static str,
}

impl From<&StoredBooking> for BookingView {
    fn from(b: &StoredBooking) -> Self {
        BookingView {
            code: b.code.clone(),
            date: b.slot.date.to_string(),
            time: b.slot.time_text(),
            size: b.size,
            adults: b.adults,
            status: b.status.as_str(),
        }
    }
}

/// A slot on offer with its free places (`GET /api/v1/booking-slots`).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SlotRecord {
    #[schema(format = Date)]
    pub date: String,
    pub time: String,
    pub capacity: u32,
    pub free: u32,
}

/// What a guide (or the teacher with the code) does to a booking, as typed.
#[derive(Clone, Debug)]
pub enum BookingAct {
    Confirm,
    Decline {
        reason: String,
    },
    /// A teacher cancels with the code (no reason needed); a guide gives one.
    Cancel {
        asker: Asker,
        reason: Option<String>,
    },
    Move {
        date: String,
        time: String,
    },
    /// Everyone who came, children and adults; None: the people booked.
    Arrive {
        people: Option<i64>,
    },
    NoShow,
}

/// A day closed at short notice: the bookings cancelled, with whom to tell.
#[derive(Clone, Debug, Serialize)]
pub struct ClosedDay {
    pub date: String,
    pub reason: String,
    pub cancelled: Vec<BookingRecord>,
}

/// Which bookings to list.
#[derive(Clone, Debug, Default)]
pub struct BookingFilter {
    /// `YYYY-MM-DD`; None: today.
    pub from: Option<String>,
    /// `YYYY-MM-DD`; None: `from` + 6 days (a week).
    pub to: Option<String>,
    /// A state; None: all.
    pub status: Option<String>,
}

fn date_field(field: &'static str, text: &str) -> Result<NaiveDate, CentreError> {
    parse_date(text)
        .ok_or_else(|| CentreError::input(field, super::InputProblem::NotADate(text.to_string())))
}

impl Centre {
    /// Keeps a new booking: a teacher's as `requested`, a guide's (taken by phone) as
    /// `confirmed`. Every problem of the form is told at once; a full slot or the same phone for
    /// the same slot is refused by the store, which checks both as it writes.
    pub fn book(
        &mut self,
        request: &BookingRequest,
        asker: Asker,
        user: Option<&str>,
    ) -> Result<BookingRecord, CentreError> {
        let calendar = self.calendar()?;
        let now = self.now();
        let booking =
            validate_booking(request, &calendar, now, asker).map_err(CentreError::Booking)?;
        let status = match asker {
            Asker::Teacher => Status::Requested,
            Asker::Guide => Status::Confirmed,
        };
        let capacity = calendar.bookings.capacity;
        // A code is random; in the unheard-of case that it is taken, another is drawn.
        let mut tries = 0;
        loop {
            let code = BookingCode::generate()
                .map_err(|err| CentreError::Secret(err.0))?
                .to_string();
            let store = self.store()?;
            if store.booking(&code)?.is_some() && tries < 3 {
                tries += 1;
                continue;
            }
            let notice = Some(notice_of_new_booking(asker));
            let kept = store.add_booking(&booking, &code, status, capacity, user, now, notice)?;
            return Ok(kept.into());
        }
    }

    /// The slots on offer to `asker` dated `from` through `to` (default: the booking window),
    /// each with its free places.
    pub fn booking_slots(
        &mut self,
        from: Option<&str>,
        to: Option<&str>,
        asker: Asker,
    ) -> Result<Vec<SlotRecord>, CentreError> {
        let calendar = self.calendar()?;
        let now = self.now();
        let today = local_date(now);
        let from = from
            .map(|t| date_field("from", t))
            .transpose()?
            .unwrap_or(today);
        let to = match to {
            Some(text) => date_field("to", text)?,
            None => from
                .checked_add_days(chrono::Days::new(calendar.bookings.horizon_days.into()))
                .unwrap_or(from),
        };
        let slots = offered_slots(&calendar, now, asker, from, to);
        let taken: std::collections::HashMap<Slot, u64> = match (slots.first(), slots.last()) {
            (Some(first), Some(last)) => self
                .store()?
                .slot_people(first.date, last.date)?
                .into_iter()
                .collect(),
            _ => std::collections::HashMap::new(),
        };
        let capacity = calendar.bookings.capacity;
        Ok(slots
            .into_iter()
            .map(|slot| {
                let people = taken.get(&slot).copied().unwrap_or(0);
                SlotRecord {
                    date: slot.date.to_string(),
                    time: slot.time_text(),
                    capacity,
                    free: u32::try_from(u64::from(capacity).saturating_sub(people)).unwrap_or(0),
                }
            })
            .collect())
    }

    /// Bookings dated `from` through `to` (default: the week from today), pending requests first.
    pub fn bookings(&mut self, filter: &BookingFilter) -> Result<Vec<BookingRecord>, CentreError> {
        let from = match &filter.from {
            Some(text) => date_field("from", text)?,
            None => self.today(),
        };
        let to = match &filter.to {
            Some(text) => date_field("to", text)?,
            None => from.checked_add_days(chrono::Days::new(6)).unwrap_or(from),
        };
        let status = match &filter.status {
            Some(text) => Some(Status::parse(text.trim()).ok_or_else(|| {
                CentreError::input("status", super::InputProblem::UnknownChoice(text.clone()))
            })?),
            None => None,
        };
        let mut found: Vec<BookingRecord> = self
            .store()?
            .bookings_between(from, to)?
            .into_iter()
            .filter(|b| status.is_none_or(|s| b.status == s))
            .map(BookingRecord::from)
            .collect();
        found.sort_by_key(|b| b.booking.status != Status::Requested);
        Ok(found)
    }

    /// One booking, for staff.
    pub fn booking(&mut self, code: &str) -> Result<BookingRecord, CentreError> {
        let code = normalise_code(code);
        self.store()?
            .booking(&code)?
            .map(BookingRecord::from)
            .ok_or(CentreError::Store(
                crate::store::StoreError::BookingNotFound(code),
            ))
    }

    /// Does `act` to the booking `code`, as the rules allow at this moment.
    pub fn booking_act(
        &mut self,
        code: &str,
        act: &BookingAct,
        user: Option<&str>,
    ) -> Result<BookingRecord, CentreError> {
        let current = self.booking(code)?.booking;
        let calendar = self.calendar()?;
        let now = self.now();
        let timing = Timing {
            now,
            slot: current.slot,
            cancel_hours: calendar.bookings.cancel_hours,
        };
        let reason_of =
            |text: &str| crate::bookings::reason(text).map_err(|p| CentreError::Booking(vec![p]));
        let (action, reason) = match act {
            BookingAct::Confirm => (Action::Confirm, None),
            BookingAct::Decline { reason } => (Action::Decline, Some(reason_of(reason)?)),
            BookingAct::Cancel { asker, reason } => {
                let reason = match (asker, reason) {
                    (Asker::Guide, Some(text)) => Some(reason_of(text)?),
                    (Asker::Guide, None) => Some(reason_of("")?),
                    (Asker::Teacher, _) => None,
                };
                (Action::Cancel(*asker), reason)
            }
            BookingAct::Move { .. } => (Action::Move, None),
            BookingAct::Arrive { people } => (
                Action::Arrive {
                    people: arriving(*people),
                },
                None,
            ),
            BookingAct::NoShow => (Action::NoShow, None),
        };
        let to =
            transition(current.status, action, &timing).map_err(CentreError::BookingRefused)?;
        let change = BookingChange {
            code: &current.code,
            from: current.status,
            to,
            reason: reason.as_deref(),
            user,
            at: now,
            notice: notice_of_action(action),
        };
        let kept = match act {
            BookingAct::Move { date, time } => {
                let date = date_field("date", date)?;
                let time = crate::visitors::clock_time(time).ok_or_else(|| {
                    CentreError::Booking(vec![crate::bookings::BookingProblem::NotATime(
                        time.clone(),
                    )])
                })?;
                let slot = Slot::new(date, time);
                check_offered(&calendar, slot, now, Asker::Guide).map_err(|why| {
                    CentreError::Booking(vec![crate::bookings::BookingProblem::NotOffered(why)])
                })?;
                let capacity = calendar.bookings.capacity;
                self.store()?.move_booking(&change, slot, capacity)?
            }
            BookingAct::Arrive { people } => {
                let people = visitors_on_arrival(current.people(), arriving(*people));
                let mut note = format!("{}: {}", current.code, current.organisation);
                if let Some(class) = &current.class {
                    note.push_str(&format!(", {class}"));
                }
                let tour = Tour {
                    id: uuid::Uuid::new_v4(),
                    category: current.group,
                    size: people,
                    guide: user.map(Into::into),
                    note: Some(note),
                    started_at: now,
                    start_date: local_date(now),
                    ended_at: None,
                    recorded_at: now,
                    station: None,
                };
                self.store()?.arrive_booking(&change, people, &tour)?
            }
            _ => self.store()?.change_booking(&change)?,
        };
        Ok(kept.into())
    }

    /// The call notes of a booking, replaced (blank: none).
    pub fn note_booking_call(
        &mut self,
        code: &str,
        notes: &str,
    ) -> Result<BookingRecord, CentreError> {
        let code = normalise_code(code);
        let notes = notes.trim();
        let notes = (!notes.is_empty()).then_some(notes);
        if notes.is_some_and(|n| n.chars().count() > crate::bookings::MAX_NOTE_CHARS) {
            return Err(CentreError::Booking(vec![
                crate::bookings::BookingProblem::TooLong {
                    field: crate::bookings::Field::Note,
                    max: crate::bookings::MAX_NOTE_CHARS,
                },
            ]));
        }
        let now = self.now();
        self.store()?.note_booking_call(&code, notes, now)?;
        self.booking(&code)
    }

    /// Closes `date` at short notice (an air-raid alert, a power cut): its requested and
    /// confirmed bookings are cancelled with the reason, the date is closed in the calendar, and
    /// the cancelled bookings are listed with their phones, to tell the teachers.
    pub fn close_day(
        &mut self,
        date: &str,
        reason: &str,
        user: Option<&str>,
    ) -> Result<ClosedDay, CentreError> {
        let day = date_field("date", date)?;
        let reason = crate::bookings::reason(reason).map_err(|p| CentreError::Booking(vec![p]))?;
        self.close_date(day)?;
        let now = self.now();
        let holding: Vec<StoredBooking> = self
            .store()?
            .bookings_between(day, day)?
            .into_iter()
            .filter(|b| b.status.holds_places())
            .collect();
        let mut cancelled = Vec::new();
        for booking in holding {
            let change = BookingChange {
                code: &booking.code,
                from: booking.status,
                to: Status::Cancelled,
                reason: Some(&reason),
                user,
                at: now,
                // The teachers hear of it from the centre: by mail, else a guide phones.
                notice: notice_of_action(Action::Cancel(Asker::Guide)),
            };
            cancelled.push(self.store()?.change_booking(&change)?.into());
        }
        Ok(ClosedDay {
            date: day.to_string(),
            reason,
            cancelled,
        })
    }

    /// Erases contact name, phone, e-mail, needs, note and call notes of bookings whose visit was
    /// more than `retention_days` ago: how many were erased.
    pub fn purge_bookings(&mut self) -> Result<u64, CentreError> {
        let days = self.calendar()?.bookings.retention_days;
        let before = self
            .today()
            .checked_sub_days(chrono::Days::new(days.into()))
            .unwrap_or(NaiveDate::MIN);
        let now = self.now();
        let which = crate::store::Erase::VisitedBefore(before);
        Ok(self.store()?.erase_booking_details(which, None, now)?)
    }

    /// Erases one booking's contact name, phone, e-mail, needs, note and call notes at the
    /// person's request (the booking stays, for the statistics).
    pub fn erase_booking(
        &mut self,
        code: &str,
        user: Option<&str>,
    ) -> Result<BookingRecord, CentreError> {
        let code = normalise_code(code);
        // Not found is told as such, not as "nothing to erase".
        self.booking(&code)?;
        let now = self.now();
        self.store()?
            .erase_booking_details(crate::store::Erase::Asked(&code), user, now)?;
        self.booking(&code)
    }
}

/// The people who came, as typed: a count outside u32 is out of range all the same (the rules
/// refuse it by its size).
fn arriving(people: Option<i64>) -> Option<u32> {
    people.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

/// A code as a person types it: spaces and dashes between the groups dropped, upper case.
fn normalise_code(code: &str) -> String {
    BookingCode::parse(code).map_or_else(|| code.trim().to_string(), |c| c.to_string())
}
