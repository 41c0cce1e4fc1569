//! Which slots are offered: open days of the calendar, within the booking window, not yet begun.

use std::fmt;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Kyiv;
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::date_words;
use crate::i18n::{Lang, Messages, Wording};
use crate::visitors::{BookingSettings, Calendar, local_date};

/// A guide may enter a booking taken by phone up to a year ahead (or to the teachers' horizon
/// when that is longer): a school may call in May for a visit in October.
pub const GUIDE_HORIZON_DAYS: u32 = 366;

/// Who asks: a teacher on the public booking page, or a guide of the centre.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Asker {
    /// Books from today + `lead_days` to today + `horizon_days`; cancels with the code until
    /// `cancel_hours` before the slot.
    Teacher,
    /// Books any open slot that has not begun, today's included; cancels at any time.
    Guide,
}

/// One time slot on one day: a visit starts at `time` (Europe/Kyiv) on `date`. In JSON the time is
/// written `HH:MM`, as the contract's BOOKING has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Slot {
    pub date: NaiveDate,
    #[serde(with = "hh_mm")]
    pub time: NaiveTime,
}

impl Slot {
    pub fn new(date: NaiveDate, time: NaiveTime) -> Self {
        Slot { date, time }
    }

    /// The instant the slot begins. A time the change to summer time skips (03:30 on the last
    /// Sunday of March) begins an hour later, when the clocks show it again; a time the autumn
    /// change shows twice begins the first time.
    pub fn starts_at(self) -> DateTime<Utc> {
        let local = self.date.and_time(self.time);
        match Kyiv.from_local_datetime(&local) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
            LocalResult::None => match Kyiv.from_local_datetime(&(local + Duration::hours(1))) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
                // Kyiv's clocks never skip two hours; UTC+3 is the summer offset.
                LocalResult::None => (local - Duration::hours(3)).and_utc(),
            },
        }
    }

    /// `HH:MM`.
    pub fn time_text(self) -> String {
        self.time.format("%H:%M").to_string()
    }
}

/// `2026-05-04 10:00`.
impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, self.time.format("%H:%M"))
    }
}

/// Serde for a slot's time as `HH:MM`.
mod hh_mm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&time.format("%H:%M"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::visitors::clock_time(&text)
            .ok_or_else(|| D::Error::custom(format!("\"{text}\" is not a time HH:MM")))
    }
}

/// A date written strictly `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Why a slot is not on offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOffered {
    /// The time is not one of the calendar's slots.
    NoSuchTime(NaiveTime),
    /// The slot has begun or is over.
    Passed,
    /// Before the first day the asker may book (a teacher books `lead_days` ahead).
    TooSoon { first: NaiveDate },
    /// After the last day the asker may book.
    TooFar { last: NaiveDate },
    /// The centre is closed that day (a closed weekday or a closed date).
    ClosedDay(NaiveDate),
}

impl NotOffered {
    /// The field of a BOOKING it concerns.
    pub fn field(self) -> super::Field {
        match self {
            NotOffered::NoSuchTime(_) | NotOffered::Passed => super::Field::Time,
            _ => super::Field::Date,
        }
    }

    /// The Fluent message id and its arguments.
    pub fn message(self, lang: Lang) -> (&'static str, Vec<(&'static str, FluentValue<'static>)>) {
        let date = |date: NaiveDate| FluentValue::from(date_words(date, lang));
        match self {
            NotOffered::NoSuchTime(time) => (
                "booking-slot-no-such-time",
                vec![("time", FluentValue::from(time.format("%H:%M").to_string()))],
            ),
            NotOffered::Passed => ("booking-slot-passed", vec![]),
            NotOffered::TooSoon { first } => {
                ("booking-slot-too-soon", vec![("first", date(first))])
            }
            NotOffered::TooFar { last } => ("booking-slot-too-far", vec![("last", date(last))]),
            NotOffered::ClosedDay(day) => ("booking-slot-closed", vec![("date", date(day))]),
        }
    }
}

impl Wording for NotOffered {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let (id, args) = self.message(lang);
        messages.get(lang, id, &args)
    }
}

/// The first and the last date `asker` may book on `today`: a teacher from today + `lead_days` to
/// today + `horizon_days`; a guide from today to [`GUIDE_HORIZON_DAYS`] ahead (or the horizon,
/// when longer).
pub fn booking_window(
    settings: &BookingSettings,
    today: NaiveDate,
    asker: Asker,
) -> (NaiveDate, NaiveDate) {
    let ahead = |days: u32| {
        today
            .checked_add_days(chrono::Days::new(days.into()))
            .unwrap_or(NaiveDate::MAX)
    };
    match asker {
        Asker::Teacher => (ahead(settings.lead_days), ahead(settings.horizon_days)),
        Asker::Guide => (today, ahead(settings.horizon_days.max(GUIDE_HORIZON_DAYS))),
    }
}

/// Whether `asker` may book `slot` at `now`, and if not, why (the first reason that applies).
pub fn check_offered(
    calendar: &Calendar,
    slot: Slot,
    now: DateTime<Utc>,
    asker: Asker,
) -> Result<(), NotOffered> {
    if !calendar.bookings.slots.contains(&slot.time) {
        return Err(NotOffered::NoSuchTime(slot.time));
    }
    if slot.starts_at() <= now {
        return Err(NotOffered::Passed);
    }
    let (first, last) = booking_window(&calendar.bookings, local_date(now), asker);
    if slot.date < first {
        return Err(NotOffered::TooSoon { first });
    }
    if slot.date > last {
        return Err(NotOffered::TooFar { last });
    }
    if !calendar.is_open(slot.date) {
        return Err(NotOffered::ClosedDay(slot.date));
    }
    Ok(())
}

pub fn is_offered(calendar: &Calendar, slot: Slot, now: DateTime<Utc>, asker: Asker) -> bool {
    check_offered(calendar, slot, now, asker).is_ok()
}

/// Every slot offered to `asker` at `now` dated `from` through `to` (both included), in order;
/// the dates are clipped to the asker's window, so a wide range costs no more than the window.
pub fn offered_slots(
    calendar: &Calendar,
    now: DateTime<Utc>,
    asker: Asker,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Slot> {
    let (first, last) = booking_window(&calendar.bookings, local_date(now), asker);
    let mut slots = Vec::new();
    let mut date = from.max(first);
    let last = to.min(last);
    while date <= last {
        if calendar.is_open(date) {
            for &time in &calendar.bookings.slots {
                let slot = Slot::new(date, time);
                if slot.starts_at() > now {
                    slots.push(slot);
                }
            }
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitors::clock_time;

    fn date(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    fn time(text: &str) -> NaiveTime {
        clock_time(text).unwrap()
    }

    fn slot(day: &str, at: &str) -> Slot {
        Slot::new(date(day), time(at))
    }

    /// An instant given as Kyiv wall-clock time (+03:00 in summer).
    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn calendar(ron: &str) -> Calendar {
        crate::visitors::calendar_from_text(std::path::Path::new("visitors.ron"), ron).unwrap()
    }

    #[test]
    fn a_slot_begins_on_the_kyiv_clock() {
        // Summer (UTC+3) and winter (UTC+2).
        assert_eq!(
            slot("2026-05-04", "10:00").starts_at(),
            at("2026-05-04T07:00:00Z")
        );
        assert_eq!(
            slot("2026-12-01", "10:00").starts_at(),
            at("2026-12-01T08:00:00Z")
        );
        // 2026-03-29 03:30 does not exist in Kyiv: the slot begins when the clocks show 04:30.
        assert_eq!(
            slot("2026-03-29", "03:30").starts_at(),
            at("2026-03-29T01:30:00Z")
        );
        // 2026-10-25 03:30 happens twice: the first time.
        assert_eq!(
            slot("2026-10-25", "03:30").starts_at(),
            at("2026-10-25T00:30:00Z")
        );
        assert_eq!(slot("2026-05-04", "09:05").to_string(), "2026-05-04 09:05");
        assert_eq!(slot("2026-05-04", "09:05").time_text(), "09:05");
    }

    #[test]
    fn a_slot_reads_and_writes_its_time_as_hh_mm() {
        let json = serde_json::to_string(&slot("2026-05-04", "09:30")).unwrap();
        assert_eq!(json, r#"{"date":"2026-05-04","time":"09:30"}"#);
        let back: Slot = serde_json::from_str(&json).unwrap();
        assert_eq!(back, slot("2026-05-04", "09:30"));
        assert!(serde_json::from_str::<Slot>(r#"{"date":"2026-05-04","time":"9:30"}"#).is_err());
    }

    #[test]
    fn dates_are_strictly_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-05-04"), Some(date("2026-05-04")));
        for bad in [
            "2026-5-4",
            "+2026-05-04",
            "2026-02-30",
            "04.05.2026",
            " 2026-05-04",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn teachers_book_from_lead_to_horizon_days_on_open_days() {
        // Monday 2026-05-04, 09:00 in Kyiv; default lead 2, horizon 90, Mon–Sat, 10/12/14.
        let calendar = calendar("(closed_dates: [\"2026-05-07\"])");
        let now = at("2026-05-04T09:00:00+03:00");
        let slots = offered_slots(
            &calendar,
            now,
            Asker::Teacher,
            date("2026-05-01"),
            date("2026-05-10"),
        );
        let days: Vec<String> = slots.iter().map(|s| s.date.to_string()).collect();
        // Tue 05 and Mon 04 are inside the lead; Thu 07 is closed; Sun 10 is not an open weekday.
        assert_eq!(
            days,
            [
                "2026-05-06",
                "2026-05-06",
                "2026-05-06",
                "2026-05-08",
                "2026-05-08",
                "2026-05-08",
                "2026-05-09",
                "2026-05-09",
                "2026-05-09",
            ]
        );
        assert_eq!(slots[0].time, time("10:00"));
        assert_eq!(slots[2].time, time("14:00"));
        // The horizon: today + 90 days is 2026-08-02, a Sunday; Saturday 08-01 is the last day.
        let slots = offered_slots(
            &calendar,
            now,
            Asker::Teacher,
            date("2026-07-30"),
            date("2026-12-31"),
        );
        assert_eq!(slots.last().unwrap().date, date("2026-08-01"));
        assert_eq!(
            check_offered(&calendar, slot("2026-08-03", "10:00"), now, Asker::Teacher),
            Err(NotOffered::TooFar {
                last: date("2026-08-02")
            })
        );
        assert_eq!(
            check_offered(&calendar, slot("2026-05-05", "10:00"), now, Asker::Teacher),
            Err(NotOffered::TooSoon {
                first: date("2026-05-06")
            })
        );
        assert_eq!(
            check_offered(&calendar, slot("2026-05-07", "10:00"), now, Asker::Teacher),
            Err(NotOffered::ClosedDay(date("2026-05-07")))
        );
        assert_eq!(
            check_offered(&calendar, slot("2026-05-10", "10:00"), now, Asker::Teacher),
            Err(NotOffered::ClosedDay(date("2026-05-10")))
        );
        assert_eq!(
            check_offered(&calendar, slot("2026-05-06", "11:00"), now, Asker::Teacher),
            Err(NotOffered::NoSuchTime(time("11:00")))
        );
        assert!(is_offered(
            &calendar,
            slot("2026-05-06", "10:00"),
            now,
            Asker::Teacher
        ));
    }

    #[test]
    fn guides_book_any_open_slot_from_now_on() {
        let calendar = calendar("()");
        let now = at("2026-05-04T11:00:00+03:00");
        let today = offered_slots(
            &calendar,
            now,
            Asker::Guide,
            date("2026-05-04"),
            date("2026-05-04"),
        );
        // 10:00 has begun; 12:00 and 14:00 are still to come.
        assert_eq!(
            today,
            [slot("2026-05-04", "12:00"), slot("2026-05-04", "14:00")]
        );
        assert_eq!(
            check_offered(&calendar, slot("2026-05-04", "10:00"), now, Asker::Guide),
            Err(NotOffered::Passed)
        );
        assert!(is_offered(
            &calendar,
            slot("2026-05-05", "10:00"),
            now,
            Asker::Guide
        ));
        // Well past the teachers' horizon, within a year.
        assert!(is_offered(
            &calendar,
            slot("2026-10-05", "10:00"),
            now,
            Asker::Guide
        ));
        assert_eq!(
            check_offered(&calendar, slot("2027-05-06", "10:00"), now, Asker::Guide),
            Err(NotOffered::TooFar {
                last: date("2027-05-05")
            })
        );
        // A closed day is closed for guides too.
        assert_eq!(
            check_offered(&calendar, slot("2026-05-10", "10:00"), now, Asker::Guide),
            Err(NotOffered::ClosedDay(date("2026-05-10")))
        );
    }

    #[test]
    fn a_slot_that_has_begun_is_not_offered_even_with_no_lead() {
        let calendar = calendar("(bookings: (lead_days: 0))");
        let slots = |now: &str| {
            offered_slots(
                &calendar,
                at(now),
                Asker::Teacher,
                date("2026-05-04"),
                date("2026-05-04"),
            )
        };
        assert_eq!(slots("2026-05-04T09:59:59+03:00").len(), 3);
        // At 10:00 sharp the first slot has begun.
        assert_eq!(slots("2026-05-04T10:00:00+03:00").len(), 2);
        assert_eq!(slots("2026-05-04T14:00:00+03:00").len(), 0);
        // Just after midnight in Kyiv is already the next day (still the day before in UTC).
        let calendar = self::calendar("(bookings: (lead_days: 1))");
        let first = offered_slots(
            &calendar,
            at("2026-05-04T00:30:00+03:00"),
            Asker::Teacher,
            date("2026-05-01"),
            date("2026-05-09"),
        )[0];
        assert_eq!(first, slot("2026-05-05", "10:00"));
    }

    #[test]
    fn a_range_outside_the_window_offers_nothing_and_costs_nothing() {
        let calendar = calendar("()");
        let now = at("2026-05-04T09:00:00+03:00");
        assert!(
            offered_slots(
                &calendar,
                now,
                Asker::Teacher,
                date("2026-05-10"),
                date("2026-05-01")
            )
            .is_empty()
        );
        assert!(
            offered_slots(
                &calendar,
                now,
                Asker::Teacher,
                NaiveDate::MIN,
                NaiveDate::MAX
            )
            .len()
                < 300
        );
        assert!(
            offered_slots(
                &calendar,
                now,
                Asker::Teacher,
                date("2030-01-01"),
                date("2030-12-31")
            )
            .is_empty()
        );
    }

    #[test]
    fn every_reason_is_worded_in_both_languages() {
        let messages = Messages::new();
        let reasons = [
            NotOffered::NoSuchTime(time("11:00")),
            NotOffered::Passed,
            NotOffered::TooSoon {
                first: date("2026-05-06"),
            },
            NotOffered::TooFar {
                last: date("2026-08-02"),
            },
            NotOffered::ClosedDay(date("2026-05-07")),
        ];
        for reason in reasons {
            for lang in Lang::ALL {
                let words = reason.words(&messages, lang);
                assert!(!words.starts_with("booking-"), "{words}");
            }
        }
        let words = NotOffered::ClosedDay(date("2026-05-07")).words(&messages, Lang::Uk);
        assert!(words.contains("07.05.2026"), "{words}");
        let words = NotOffered::TooSoon {
            first: date("2026-05-06"),
        }
        .words(&messages, Lang::En);
        assert!(words.contains("2026-05-06"), "{words}");
    }
}
