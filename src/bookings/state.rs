//! How a booking moves: `requested` → `confirmed` | `declined` | `cancelled`; `confirmed` →
//! `cancelled` | `arrived` | `no_show`; every other state is final.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::{Asker, Slot, date_words, instant_words};
use crate::i18n::{Lang, Messages, Wording};
use crate::visitors::local_date;

/// The most people one arrival may record (as for any tour): a bigger number is a typo.
pub const MAX_ARRIVED_PEOPLE: u32 = 500;

/// Where a booking stands. Its serde and [`Status::as_str`] names are the contract's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A teacher asked; a guide has not answered yet.
    Requested,
    /// A guide confirmed (or entered the booking taken by phone).
    Confirmed,
    Declined,
    Cancelled,
    /// The group came: the booking became a tour.
    Arrived,
    /// The group did not come.
    NoShow,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Requested,
        Status::Confirmed,
        Status::Declined,
        Status::Cancelled,
        Status::Arrived,
        Status::NoShow,
    ];

    /// The name in JSON, on the command line and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::Confirmed => "confirmed",
            Status::Declined => "declined",
            Status::Cancelled => "cancelled",
            Status::Arrived => "arrived",
            Status::NoShow => "no_show",
        }
    }

    /// A status by its name (`--status no_show`); `no-show` is forgiven too.
    pub fn parse(text: &str) -> Option<Status> {
        let wanted = text.trim().replace('-', "_");
        Status::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(&wanted))
    }

    /// Whether the booking holds its people's places on its slot.
    pub fn holds_places(self) -> bool {
        matches!(self, Status::Requested | Status::Confirmed)
    }

    /// Whether nothing can happen to the booking any more.
    pub fn is_final(self) -> bool {
        !self.holds_places()
    }

    /// The Fluent message id of the status's name, as a teacher or a guide reads it.
    pub fn message_id(self) -> &'static str {
        match self {
            Status::Requested => "booking-status-requested",
            Status::Confirmed => "booking-status-confirmed",
            Status::Declined => "booking-status-declined",
            Status::Cancelled => "booking-status-cancelled",
            Status::Arrived => "booking-status-arrived",
            Status::NoShow => "booking-status-no-show",
        }
    }
}

impl Wording for Status {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        messages.text(lang, self.message_id())
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What someone does to a booking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A guide accepts a request.
    Confirm,
    /// A guide turns a request down (with a reason, which the caller keeps).
    Decline,
    /// The teacher with the code, or a guide (with a reason).
    Cancel(Asker),
    /// A guide moves the booking to another slot; the state stays. Whether the new slot is
    /// offered and has room is for [`super::check_offered`] and [`super::fits`].
    Move,
    /// The group came: everyone who came, children and adults, or the booked people when `None`.
    Arrive { people: Option<u32> },
    /// The group did not come; only once the slot has begun.
    NoShow,
}

/// When an action happens, for the rules that depend on time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub now: DateTime<Utc>,
    /// The booking's slot.
    pub slot: Slot,
    /// `bookings.cancel_hours` of the calendar.
    pub cancel_hours: u32,
}

/// Why an action is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The booking is declined, cancelled, arrived or a no-show: nothing changes it any more.
    #[error("the booking is {0} and cannot change")]
    Final(Status),
    #[error("the booking is already confirmed")]
    AlreadyConfirmed,
    /// A confirmed booking is cancelled (with a reason), not declined.
    #[error("a confirmed booking is cancelled, not declined")]
    DeclineConfirmed,
    /// Arrival and no-show come after a confirmation.
    #[error("the booking is not confirmed yet")]
    NotConfirmed,
    /// A teacher cancels with the code only until `cancel_hours` before the slot.
    #[error("the booking could be cancelled with its code until {deadline}")]
    CancelDeadlinePassed { deadline: DateTime<Utc> },
    #[error("no-show only after the slot begins at {starts_at}")]
    NoShowTooEarly { starts_at: DateTime<Utc> },
    /// A group arrives on its day (or, recorded late, after it), never days ahead.
    #[error("the booking is for {date}")]
    ArriveTooEarly { date: NaiveDate },
    #[error("{0} people: 1 to 500 may arrive")]
    PeopleOutOfRange(u32),
}

/// The last instant a teacher may cancel with the code: `cancel_hours` before the slot begins.
pub fn cancel_deadline(slot: Slot, cancel_hours: u32) -> DateTime<Utc> {
    slot.starts_at() - Duration::hours(cancel_hours.into())
}

/// The state a booking in `from` reaches by `action` at `timing`, or why it may not.
pub fn transition(from: Status, action: Action, timing: &Timing) -> Result<Status, Refusal> {
    if from.is_final() {
        return Err(Refusal::Final(from));
    }
    let confirmed = from == Status::Confirmed;
    match action {
        Action::Confirm if confirmed => Err(Refusal::AlreadyConfirmed),
        Action::Confirm => Ok(Status::Confirmed),
        Action::Decline if confirmed => Err(Refusal::DeclineConfirmed),
        Action::Decline => Ok(Status::Declined),
        Action::Cancel(Asker::Guide) => Ok(Status::Cancelled),
        Action::Cancel(Asker::Teacher) => {
            let deadline = cancel_deadline(timing.slot, timing.cancel_hours);
            if timing.now <= deadline {
                Ok(Status::Cancelled)
            } else {
                Err(Refusal::CancelDeadlinePassed { deadline })
            }
        }
        Action::Move => Ok(from),
        Action::Arrive { .. } | Action::NoShow if !confirmed => Err(Refusal::NotConfirmed),
        Action::Arrive { people } => {
            if let Some(people) = people
                && !(1..=MAX_ARRIVED_PEOPLE).contains(&people)
            {
                return Err(Refusal::PeopleOutOfRange(people));
            }
            if local_date(timing.now) < timing.slot.date {
                return Err(Refusal::ArriveTooEarly {
                    date: timing.slot.date,
                });
            }
            Ok(Status::Arrived)
        }
        Action::NoShow => {
            let starts_at = timing.slot.starts_at();
            if timing.now > starts_at {
                Ok(Status::NoShow)
            } else {
                Err(Refusal::NoShowTooEarly { starts_at })
            }
        }
    }
}

/// The visitors an arrived booking counts (its tour's size): the people given on arrival, else
/// the people as booked.
pub fn visitors_on_arrival(booked_people: u32, people: Option<u32>) -> u32 {
    people.unwrap_or(booked_people)
}

impl Refusal {
    /// The Fluent message id and its arguments, in `lang` (dates are written the reader's way).
    pub fn message(
        &self,
        messages: &Messages,
        lang: Lang,
    ) -> (&'static str, Vec<(&'static str, FluentValue<'static>)>) {
        let text = |s: String| FluentValue::from(s);
        match *self {
            Refusal::Final(status) => (
                "booking-refused-final",
                vec![("status", text(status.words(messages, lang)))],
            ),
            Refusal::AlreadyConfirmed => ("booking-refused-already-confirmed", vec![]),
            Refusal::DeclineConfirmed => ("booking-refused-decline-confirmed", vec![]),
            Refusal::NotConfirmed => ("booking-refused-not-confirmed", vec![]),
            Refusal::CancelDeadlinePassed { deadline } => (
                "booking-refused-cancel-deadline",
                vec![("deadline", text(instant_words(deadline, lang)))],
            ),
            Refusal::NoShowTooEarly { starts_at } => (
                "booking-refused-no-show-too-early",
                vec![("start", text(instant_words(starts_at, lang)))],
            ),
            Refusal::ArriveTooEarly { date } => (
                "booking-refused-arrive-too-early",
                vec![("date", text(date_words(date, lang)))],
            ),
            Refusal::PeopleOutOfRange(people) => (
                "booking-people-out-of-range",
                vec![
                    ("value", FluentValue::from(people)),
                    ("max", FluentValue::from(MAX_ARRIVED_PEOPLE)),
                ],
            ),
        }
    }
}

impl Wording for Refusal {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let (id, args) = self.message(messages, lang);
        messages.get(lang, id, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitors::clock_time;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Monday 2026-05-04 at 10:00 in Kyiv; cancel_hours 24.
    fn timing(now: &str) -> Timing {
        Timing {
            now: at(now),
            slot: Slot::new(
                super::super::parse_date("2026-05-04").unwrap(),
                clock_time("10:00").unwrap(),
            ),
            cancel_hours: 24,
        }
    }

    const EARLY: &str = "2026-05-01T09:00:00+03:00";

    #[test]
    fn names_round_trip_and_only_requested_and_confirmed_are_open() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_value(status).unwrap(),
                serde_json::Value::from(status.as_str())
            );
            assert_eq!(status.is_final(), !status.holds_places());
        }
        assert_eq!(Status::parse("no-show"), Some(Status::NoShow));
        assert_eq!(Status::parse(" Confirmed "), Some(Status::Confirmed));
        assert_eq!(Status::parse("pending"), None);
        let open: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|s| s.holds_places())
            .collect();
        assert_eq!(open, [Status::Requested, Status::Confirmed]);
    }

    #[test]
    fn the_state_machine_is_the_contracts() {
        use Status::*;
        let (confirm, decline, moved, no_show) = (
            Action::Confirm,
            Action::Decline,
            Action::Move,
            Action::NoShow,
        );
        let guide = Action::Cancel(Asker::Guide);
        let teacher = Action::Cancel(Asker::Teacher);
        let arrive = Action::Arrive { people: None };
        // After the slot began, so that no-show and arrival are in time; a guide's cancellation
        // ignores the deadline.
        let after = timing("2026-05-04T10:30:00+03:00");
        let early = timing(EARLY);
        assert_eq!(transition(Requested, confirm, &early), Ok(Confirmed));
        assert_eq!(transition(Requested, decline, &early), Ok(Declined));
        assert_eq!(transition(Requested, teacher, &early), Ok(Cancelled));
        assert_eq!(transition(Requested, guide, &after), Ok(Cancelled));
        assert_eq!(transition(Requested, moved, &early), Ok(Requested));
        assert_eq!(
            transition(Requested, arrive, &after),
            Err(Refusal::NotConfirmed)
        );
        assert_eq!(
            transition(Requested, no_show, &after),
            Err(Refusal::NotConfirmed)
        );

        assert_eq!(
            transition(Confirmed, confirm, &early),
            Err(Refusal::AlreadyConfirmed)
        );
        assert_eq!(
            transition(Confirmed, decline, &early),
            Err(Refusal::DeclineConfirmed)
        );
        assert_eq!(transition(Confirmed, teacher, &early), Ok(Cancelled));
        assert_eq!(transition(Confirmed, guide, &after), Ok(Cancelled));
        assert_eq!(transition(Confirmed, moved, &early), Ok(Confirmed));
        assert_eq!(transition(Confirmed, arrive, &after), Ok(Arrived));
        assert_eq!(transition(Confirmed, no_show, &after), Ok(NoShow));

        for from in [Declined, Cancelled, Arrived, NoShow] {
            for action in [confirm, decline, teacher, guide, moved, arrive, no_show] {
                assert_eq!(transition(from, action, &after), Err(Refusal::Final(from)));
            }
        }
    }

    #[test]
    fn a_teacher_cancels_until_cancel_hours_before_the_slot() {
        let teacher = Action::Cancel(Asker::Teacher);
        let deadline = at("2026-05-03T10:00:00+03:00");
        assert_eq!(cancel_deadline(timing(EARLY).slot, 24), deadline);
        // Exactly at the deadline still counts.
        let on_time = timing("2026-05-03T10:00:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, teacher, &on_time),
            Ok(Status::Cancelled)
        );
        let late = timing("2026-05-03T10:00:01+03:00");
        assert_eq!(
            transition(Status::Confirmed, teacher, &late),
            Err(Refusal::CancelDeadlinePassed { deadline })
        );
        assert_eq!(
            transition(Status::Requested, teacher, &late),
            Err(Refusal::CancelDeadlinePassed { deadline })
        );
        // A guide may, even after the slot.
        let after = timing("2026-05-05T12:00:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, Action::Cancel(Asker::Guide), &after),
            Ok(Status::Cancelled)
        );
        // With cancel_hours 0, a teacher may cancel up to the slot's start.
        let zero = Timing {
            cancel_hours: 0,
            ..timing("2026-05-04T09:59:00+03:00")
        };
        assert_eq!(
            transition(Status::Confirmed, teacher, &zero),
            Ok(Status::Cancelled)
        );
    }

    #[test]
    fn no_show_only_after_the_slot_begins() {
        let before = timing("2026-05-04T09:59:00+03:00");
        let sharp = timing("2026-05-04T10:00:00+03:00");
        let after = timing("2026-05-04T10:00:01+03:00");
        let starts_at = at("2026-05-04T10:00:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, Action::NoShow, &before),
            Err(Refusal::NoShowTooEarly { starts_at })
        );
        assert_eq!(
            transition(Status::Confirmed, Action::NoShow, &sharp),
            Err(Refusal::NoShowTooEarly { starts_at })
        );
        assert_eq!(
            transition(Status::Confirmed, Action::NoShow, &after),
            Ok(Status::NoShow)
        );
    }

    #[test]
    fn arrival_on_the_day_with_one_to_five_hundred_people() {
        let arrive = |people| Action::Arrive { people };
        // Early on the day (the group came before its time) is fine; the day before is not.
        let morning = timing("2026-05-04T08:00:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, arrive(None), &morning),
            Ok(Status::Arrived)
        );
        let day_before = timing("2026-05-03T23:59:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, arrive(None), &day_before),
            Err(Refusal::ArriveTooEarly {
                date: timing(EARLY).slot.date
            })
        );
        // Recorded late, the next day, still counts.
        let next_day = timing("2026-05-05T09:00:00+03:00");
        assert_eq!(
            transition(Status::Confirmed, arrive(Some(1)), &next_day),
            Ok(Status::Arrived)
        );
        assert_eq!(
            transition(Status::Confirmed, arrive(Some(500)), &morning),
            Ok(Status::Arrived)
        );
        assert_eq!(
            transition(Status::Confirmed, arrive(Some(0)), &morning),
            Err(Refusal::PeopleOutOfRange(0))
        );
        assert_eq!(
            transition(Status::Confirmed, arrive(Some(501)), &morning),
            Err(Refusal::PeopleOutOfRange(501))
        );
        assert_eq!(visitors_on_arrival(28, None), 28);
        assert_eq!(visitors_on_arrival(28, Some(31)), 31);
    }

    #[test]
    fn refusals_are_worded_in_both_languages() {
        let messages = Messages::new();
        let refusals = [
            Refusal::Final(Status::NoShow),
            Refusal::AlreadyConfirmed,
            Refusal::DeclineConfirmed,
            Refusal::NotConfirmed,
            Refusal::CancelDeadlinePassed {
                deadline: at("2026-05-03T10:00:00+03:00"),
            },
            Refusal::NoShowTooEarly {
                starts_at: at("2026-05-04T10:00:00+03:00"),
            },
            Refusal::ArriveTooEarly {
                date: timing(EARLY).slot.date,
            },
            Refusal::PeopleOutOfRange(600),
        ];
        for refusal in refusals {
            for lang in Lang::ALL {
                let words = refusal.words(&messages, lang);
                assert!(!words.starts_with("booking-"), "{words}");
            }
        }
        let deadline = Refusal::CancelDeadlinePassed {
            deadline: at("2026-05-03T10:00:00+03:00"),
        };
        assert!(
            deadline
                .words(&messages, Lang::Uk)
                .contains("03.05.2026 10:00")
        );
        assert!(
            deadline
                .words(&messages, Lang::En)
                .contains("2026-05-03 10:00")
        );
        let final_one = Refusal::Final(Status::Cancelled).words(&messages, Lang::En);
        assert!(final_one.contains("cancelled"), "{final_one}");
        for status in Status::ALL {
            for lang in Lang::ALL {
                assert!(!status.words(&messages, lang).starts_with("booking-"));
            }
        }
    }
}
