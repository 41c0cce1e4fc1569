//! Capacity in people: per slot, the people of `requested` and `confirmed` bookings (children and
//! accompanying adults together) never exceed the slot's capacity.

use fluent_bundle::FluentValue;

use super::Status;
use crate::i18n::{Lang, Messages, Wording};

/// The people of a booking: the group and the adults who come with it.
pub fn people(size: u32, adults: u32) -> u32 {
    size.saturating_add(adults)
}

/// A booking already on a slot, as far as capacity is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub code: String,
    pub status: Status,
    /// size + adults, as booked.
    pub people: u32,
}

/// People holding places on a slot: those of its `requested` and `confirmed` bookings.
pub fn taken(bookings: &[Held]) -> u64 {
    bookings
        .iter()
        .filter(|held| held.status.holds_places())
        .map(|held| u64::from(held.people))
        .sum()
}

/// Places still free on a slot (0 when a lowered capacity is already exceeded).
pub fn free_places(capacity: u32, bookings: &[Held]) -> u32 {
    let free = u64::from(capacity).saturating_sub(taken(bookings));
    u32::try_from(free).unwrap_or(u32::MAX)
}

/// What is to join a slot's bookings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adding<'a> {
    /// A new booking of this many people.
    New { people: u32 },
    /// A booking moved here: where it already holds places on this slot (a move to the same slot),
    /// they are its own and are not counted twice.
    Move { code: &'a str, people: u32 },
}

/// The slot cannot take the people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the slot is full: {free} of {capacity} places free, {wanted} wanted")]
pub struct Full {
    pub capacity: u32,
    pub free: u32,
    pub wanted: u32,
}

/// Whether `adding` fits on a slot of `capacity` that holds `bookings`.
pub fn fits(capacity: u32, bookings: &[Held], adding: Adding<'_>) -> Result<(), Full> {
    let (wanted, moving) = match adding {
        Adding::New { people } => (people, None),
        Adding::Move { code, people } => (people, Some(code)),
    };
    let held: u64 = bookings
        .iter()
        .filter(|held| held.status.holds_places() && Some(held.code.as_str()) != moving)
        .map(|held| u64::from(held.people))
        .sum();
    let free = u32::try_from(u64::from(capacity).saturating_sub(held)).unwrap_or(u32::MAX);
    if wanted <= free {
        Ok(())
    } else {
        Err(Full {
            capacity,
            free,
            wanted,
        })
    }
}

impl Wording for Full {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        messages.get(
            lang,
            "booking-full",
            &[
                ("free", FluentValue::from(self.free)),
                ("wanted", FluentValue::from(self.wanted)),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(code: &str, status: Status, people: u32) -> Held {
        Held {
            code: code.into(),
            status,
            people,
        }
    }

    #[test]
    fn people_are_the_group_and_its_adults() {
        assert_eq!(people(25, 3), 28);
        assert_eq!(people(1, 0), 1);
        assert_eq!(people(u32::MAX, 1), u32::MAX);
    }

    #[test]
    fn only_requested_and_confirmed_bookings_hold_places() {
        let bookings = [
            held("A", Status::Requested, 10),
            held("B", Status::Confirmed, 8),
            held("C", Status::Declined, 30),
            held("D", Status::Cancelled, 30),
            held("E", Status::Arrived, 30),
            held("F", Status::NoShow, 30),
        ];
        assert_eq!(taken(&bookings), 18);
        assert_eq!(free_places(30, &bookings), 12);
        assert_eq!(free_places(30, &[]), 30);
        // Capacity lowered below what is booked: nothing free, never an underflow.
        assert_eq!(free_places(15, &bookings), 0);
    }

    #[test]
    fn a_new_booking_fits_up_to_the_last_place() {
        let bookings = [held("A", Status::Confirmed, 20)];
        assert_eq!(fits(30, &bookings, Adding::New { people: 10 }), Ok(()));
        assert_eq!(
            fits(30, &bookings, Adding::New { people: 11 }),
            Err(Full {
                capacity: 30,
                free: 10,
                wanted: 11
            })
        );
        assert!(fits(30, &[], Adding::New { people: 31 }).is_err());
    }

    #[test]
    fn a_move_does_not_count_its_own_places_twice() {
        let bookings = [
            held("A", Status::Confirmed, 20),
            held("B", Status::Requested, 8),
        ];
        // A moved onto the slot it is on (a guide re-saves it): its own 20 are not extra.
        assert_eq!(
            fits(
                30,
                &bookings,
                Adding::Move {
                    code: "A",
                    people: 20
                }
            ),
            Ok(())
        );
        // A booking from elsewhere of 20 does not fit beside A and B.
        assert_eq!(
            fits(
                30,
                &bookings,
                Adding::Move {
                    code: "Z",
                    people: 20
                }
            ),
            Err(Full {
                capacity: 30,
                free: 2,
                wanted: 20
            })
        );
        assert_eq!(
            fits(
                30,
                &bookings,
                Adding::Move {
                    code: "Z",
                    people: 2
                }
            ),
            Ok(())
        );
    }

    #[test]
    fn full_is_worded_with_its_numbers() {
        let messages = Messages::new();
        let full = Full {
            capacity: 30,
            free: 3,
            wanted: 25,
        };
        let uk = full.words(&messages, Lang::Uk);
        let en = full.words(&messages, Lang::En);
        assert!(uk.contains('3') && uk.contains("25"), "{uk}");
        assert!(en.contains("3 places") && en.contains("25"), "{en}");
    }
}
