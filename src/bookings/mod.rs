//! School bookings, as rules: which slots are on offer, how many people a slot still holds, how a
//! booking moves from `requested` to `arrived`, what a teacher's booking must say, the booking
//! codes, and the figures the year's forecast takes from bookings (shared/DESIGN.md "Contract:
//! the centre server", BOOKING and the status fields).
//!
//! Pure: no SQL, no files, no HTTP and no clock. "Now" and "today" are arguments; the settings
//! come from the calendar (`visitors.ron`, [`crate::visitors::BookingSettings`]); the store and the
//! server build on these rules and keep what they decide.

mod capacity;
mod code;
mod forecast;
mod notice;
mod request;
mod slots;
mod state;

pub use capacity::{Adding, Full, Held, fits, free_places, people, taken};
pub use code::{BookingCode, CODE_ALPHABET, CODE_LENGTH, NoRandomness};
pub use forecast::{
    BookedDay, BookingForecast, booked_ahead, booking_forecast, no_show_rate, secured_path,
    secured_year_end,
};
pub use notice::{
    MAIL_FRESH_FOR, MAX_MAIL_ATTEMPTS, Notice, NoticeEvent, RESULTS_NOTICE, notice_of_action,
    notice_of_new_booking, retry_after,
};
pub use request::{
    BookingProblem, BookingRequest, Field, MAX_ADULTS, MAX_CLASS_CHARS, MAX_NAME_CHARS,
    MAX_NOTE_CHARS, MAX_SIZE, NewBooking, phone_key, reason, validate_booking,
};
pub use slots::{
    Asker, GUIDE_HORIZON_DAYS, NotOffered, Slot, booking_window, check_offered, is_offered,
    offered_slots, parse_date,
};
pub use state::{
    Action, MAX_ARRIVED_PEOPLE, Refusal, Status, Timing, cancel_deadline, transition,
    visitors_on_arrival,
};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Kyiv;

use crate::i18n::Lang;

/// A date as a reader of `lang` writes it in running text: 25.11.2026 or 2026-11-25.
fn date_words(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Uk => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.to_string(),
    }
}

/// An instant on the centre's wall clock (Europe/Kyiv), as a reader of `lang` writes it.
fn instant_words(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&Kyiv);
    format!(
        "{} {}",
        date_words(local.date_naive(), lang),
        local.format("%H:%M")
    )
}

#[cfg(test)]
mod properties {
    //! Whatever happens to a slot's bookings, in whatever order, the people of its `requested` and
    //! `confirmed` bookings never exceed its capacity.

    use proptest::prelude::*;

    use super::*;
    use crate::visitors::clock_time;

    #[derive(Clone, Debug)]
    enum Operation {
        /// A teacher requests (or a guide enters, confirmed at once) a booking.
        Request {
            slot: usize,
            size: u32,
            adults: u32,
            by_guide: bool,
        },
        Confirm(usize),
        Decline(usize),
        Cancel(usize, bool),
        Move(usize, usize),
        Arrive(usize, Option<u32>),
        NoShow(usize),
        /// The clock moves on (before the cancel deadline, after it, after the slots began).
        Clock(usize),
    }

    fn operation() -> impl Strategy<Value = Operation> {
        prop_oneof![
            4 => (0..3usize, 1..=40u32, 0..=8u32, any::<bool>()).prop_map(
                |(slot, size, adults, by_guide)| Operation::Request { slot, size, adults, by_guide }
            ),
            2 => any::<usize>().prop_map(Operation::Confirm),
            1 => any::<usize>().prop_map(Operation::Decline),
            1 => (any::<usize>(), any::<bool>()).prop_map(|(i, guide)| Operation::Cancel(i, guide)),
            2 => (any::<usize>(), 0..3usize).prop_map(|(i, slot)| Operation::Move(i, slot)),
            1 => (any::<usize>(), proptest::option::of(0..=60u32))
                .prop_map(|(i, people)| Operation::Arrive(i, people)),
            1 => any::<usize>().prop_map(Operation::NoShow),
            1 => (0..3usize).prop_map(Operation::Clock),
        ]
    }

    struct Booking {
        code: String,
        slot: usize,
        people: u32,
        status: Status,
    }

    fn held_on(bookings: &[Booking], slot: usize) -> Vec<Held> {
        bookings
            .iter()
            .filter(|b| b.slot == slot)
            .map(|b| Held {
                code: b.code.clone(),
                status: b.status,
                people: b.people,
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn no_sequence_of_operations_overbooks_a_slot(
            capacity in 1..=60u32,
            operations in proptest::collection::vec(operation(), 1..80),
        ) {
            let day = parse_date("2026-05-04").unwrap();
            let slots: Vec<Slot> = ["10:00", "12:00", "14:00"]
                .iter()
                .map(|time| Slot::new(day, clock_time(time).unwrap()))
                .collect();
            let clocks: Vec<DateTime<Utc>> = [
                "2026-05-01T09:00:00+03:00",
                "2026-05-03T20:00:00+03:00",
                "2026-05-04T16:00:00+03:00",
            ]
            .iter()
            .map(|at| DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&Utc))
            .collect();
            let mut now = clocks[0];
            let mut bookings: Vec<Booking> = Vec::new();
            for operation in operations {
                let pick = |i: usize, bookings: &[Booking]| (!bookings.is_empty()).then(|| i % bookings.len());
                let (index, action, to) = match operation {
                    Operation::Request { slot, size, adults, by_guide } => {
                        let wanted = people(size, adults);
                        if fits(capacity, &held_on(&bookings, slot), Adding::New { people: wanted }).is_ok() {
                            bookings.push(Booking {
                                code: format!("B{}", bookings.len()),
                                slot,
                                people: wanted,
                                status: if by_guide { Status::Confirmed } else { Status::Requested },
                            });
                        }
                        (None, None, None)
                    }
                    Operation::Clock(which) => {
                        now = clocks[which];
                        (None, None, None)
                    }
                    Operation::Confirm(i) => (pick(i, &bookings), Some(Action::Confirm), None),
                    Operation::Decline(i) => (pick(i, &bookings), Some(Action::Decline), None),
                    Operation::Cancel(i, guide) => (
                        pick(i, &bookings),
                        Some(Action::Cancel(if guide { Asker::Guide } else { Asker::Teacher })),
                        None,
                    ),
                    Operation::Move(i, slot) => (pick(i, &bookings), Some(Action::Move), Some(slot)),
                    Operation::Arrive(i, people) => (pick(i, &bookings), Some(Action::Arrive { people }), None),
                    Operation::NoShow(i) => (pick(i, &bookings), Some(Action::NoShow), None),
                };
                if let (Some(index), Some(action)) = (index, action) {
                    let booking = &bookings[index];
                    let timing = Timing { now, slot: slots[booking.slot], cancel_hours: 24 };
                    if let Ok(status) = transition(booking.status, action, &timing) {
                        match to {
                            Some(slot) => {
                                let adding = Adding::Move { code: &booking.code, people: booking.people };
                                if fits(capacity, &held_on(&bookings, slot), adding).is_ok() {
                                    bookings[index].slot = slot;
                                }
                            }
                            None => bookings[index].status = status,
                        }
                    }
                }
                for slot in 0..slots.len() {
                    // Counted here without the module's help, by the contract's words.
                    let open: u64 = bookings
                        .iter()
                        .filter(|b| b.slot == slot)
                        .filter(|b| matches!(b.status, Status::Requested | Status::Confirmed))
                        .map(|b| u64::from(b.people))
                        .sum();
                    prop_assert!(
                        open <= u64::from(capacity),
                        "slot {slot}: {open} people in requested and confirmed bookings, capacity {capacity}"
                    );
                    let held = held_on(&bookings, slot);
                    prop_assert_eq!(taken(&held), open);
                    prop_assert_eq!(
                        u64::from(free_places(capacity, &held)),
                        u64::from(capacity) - taken(&held)
                    );
                }
            }
        }
    }
}
