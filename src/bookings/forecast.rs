//! What bookings add to the year's forecast (the status fields `booked_ahead`, `no_show_rate` and
//! `secured_year_end`, shared/DESIGN.md): the people confirmed for the rest of the year, the share
//! of booked people who did not come, and the year end the count so far and the bookings secure.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Status;

/// One booking as the forecast sees it: its date, its people as booked (size + adults) and its
/// state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BookedDay {
    pub date: NaiveDate,
    pub people: u32,
    pub status: Status,
}

/// The three figures, named as the status JSON names them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BookingForecast {
    pub booked_ahead: u64,
    pub no_show_rate: Option<f64>,
    pub secured_year_end: f64,
}

/// People in `confirmed` bookings dated from `as_of` through 31 December of its year.
pub fn booked_ahead(bookings: &[BookedDay], as_of: NaiveDate) -> u64 {
    bookings
        .iter()
        .filter(|b| b.is_ahead_of(as_of))
        .map(|b| u64::from(b.people))
        .sum()
}

impl BookedDay {
    /// Confirmed, dated from `as_of` through 31 December of its year: what `booked_ahead` counts.
    fn is_ahead_of(&self, as_of: NaiveDate) -> bool {
        self.status == Status::Confirmed && self.date >= as_of && self.date.year() == as_of.year()
    }
}

/// People of no-show bookings over people of arrived and no-show bookings, dated from 1 January
/// through `as_of`; None without any such booking.
pub fn no_show_rate(bookings: &[BookedDay], as_of: NaiveDate) -> Option<f64> {
    let (mut missed, mut settled) = (0u64, 0u64);
    for booking in bookings
        .iter()
        .filter(|b| b.date <= as_of && b.date.year() == as_of.year())
    {
        match booking.status {
            Status::NoShow => {
                missed += u64::from(booking.people);
                settled += u64::from(booking.people);
            }
            Status::Arrived => settled += u64::from(booking.people),
            _ => {}
        }
    }
    (settled > 0).then(|| missed as f64 / settled as f64)
}

/// visitors_to_date + booked_ahead × (1 − no_show_rate), the rate taken as 0 while it is None.
pub fn secured_year_end(
    visitors_to_date: u64,
    booked_ahead: u64,
    no_show_rate: Option<f64>,
) -> f64 {
    visitors_to_date as f64 + booked_ahead as f64 * (1.0 - no_show_rate.unwrap_or(0.0))
}

/// The secured year day by day, for the pace chart: from the visitors so far on `as_of`, each
/// day's confirmed people (as booked, less the no-show rate) added on their day, ending on
/// 31 December at [`secured_year_end`]. Empty when nothing is booked ahead.
pub fn secured_path(
    bookings: &[BookedDay],
    as_of: NaiveDate,
    visitors_to_date: u64,
) -> Vec<(NaiveDate, f64)> {
    let ahead: Vec<&BookedDay> = bookings.iter().filter(|b| b.is_ahead_of(as_of)).collect();
    let Some(year_end) = NaiveDate::from_ymd_opt(as_of.year(), 12, 31) else {
        return Vec::new();
    };
    if ahead.is_empty() {
        return Vec::new();
    }
    let shown = 1.0 - no_show_rate(bookings, as_of).unwrap_or(0.0);
    let mut by_day: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
    for b in ahead {
        *by_day.entry(b.date).or_default() += u64::from(b.people);
    }
    let mut secured = visitors_to_date as f64;
    let mut path = vec![(as_of, secured)];
    for (day, people) in by_day {
        secured += people as f64 * shown;
        path.push((day, secured));
    }
    path.push((year_end, secured));
    path
}

/// The three figures of `as_of`'s year from its bookings and the visitors counted so far. Bookings
/// of other years may be passed; they count nothing.
pub fn booking_forecast(
    bookings: &[BookedDay],
    as_of: NaiveDate,
    visitors_to_date: u64,
) -> BookingForecast {
    let ahead = booked_ahead(bookings, as_of);
    let rate = no_show_rate(bookings, as_of);
    BookingForecast {
        booked_ahead: ahead,
        no_show_rate: rate,
        secured_year_end: secured_year_end(visitors_to_date, ahead, rate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap()
    }

    fn booked(date: NaiveDate, people: u32, status: Status) -> BookedDay {
        BookedDay {
            date,
            people,
            status,
        }
    }

    /// As of 2026-05-31: before it, 3 arrived groups (27 + 30 + 23 = 80 people) and 1 no-show (20);
    /// from it on, 3 confirmed (25 on the day itself, 30, 15 = 70) and what counts nothing.
    fn year() -> Vec<BookedDay> {
        vec![
            booked(day(3, 2), 27, Status::Arrived),
            booked(day(4, 10), 30, Status::Arrived),
            booked(day(5, 30), 23, Status::Arrived),
            booked(day(5, 12), 20, Status::NoShow),
            booked(day(4, 1), 30, Status::Cancelled),
            booked(day(4, 2), 30, Status::Declined),
            booked(day(5, 31), 25, Status::Confirmed),
            booked(day(9, 15), 30, Status::Confirmed),
            booked(day(12, 31), 15, Status::Confirmed),
            booked(day(6, 1), 28, Status::Requested),
            booked(day(6, 2), 30, Status::Cancelled),
            // Another year: counts nothing.
            booked(
                NaiveDate::from_ymd_opt(2027, 1, 12).unwrap(),
                30,
                Status::Confirmed,
            ),
            booked(
                NaiveDate::from_ymd_opt(2025, 11, 3).unwrap(),
                30,
                Status::NoShow,
            ),
            // A confirmed booking already behind as_of (not marked yet): neither ahead nor settled.
            booked(day(5, 29), 18, Status::Confirmed),
        ]
    }

    #[test]
    fn booked_ahead_counts_confirmed_people_from_as_of_to_the_year_end() {
        assert_eq!(booked_ahead(&year(), day(5, 31)), 25 + 30 + 15);
        assert_eq!(booked_ahead(&year(), day(6, 1)), 30 + 15);
        assert_eq!(booked_ahead(&year(), day(12, 31)), 15);
        assert_eq!(booked_ahead(&[], day(5, 31)), 0);
    }

    #[test]
    fn the_no_show_rate_is_in_people_up_to_as_of() {
        // 20 / (80 + 20) = 0.2.
        assert_eq!(no_show_rate(&year(), day(5, 31)), Some(0.2));
        // Before the 30 May group: 20 / (57 + 20).
        assert_eq!(no_show_rate(&year(), day(5, 29)), Some(20.0 / 77.0));
        // Before any arrival or no-show.
        assert_eq!(no_show_rate(&year(), day(3, 1)), None);
        assert_eq!(no_show_rate(&[], day(5, 31)), None);
        // Only no-shows: 1.
        assert_eq!(
            no_show_rate(&[booked(day(1, 5), 9, Status::NoShow)], day(1, 5)),
            Some(1.0)
        );
    }

    #[test]
    fn the_secured_path_climbs_by_each_booked_day_to_the_secured_year_end() {
        let path = secured_path(&year(), day(5, 31), 10_321);
        assert_eq!(
            path,
            [
                (day(5, 31), 10_321.0),
                (day(5, 31), 10_341.0),
                (day(9, 15), 10_365.0),
                (day(12, 31), 10_377.0),
                (day(12, 31), 10_377.0),
            ]
        );
        let end = path.last().unwrap().1;
        assert_eq!(
            end,
            booking_forecast(&year(), day(5, 31), 10_321).secured_year_end
        );
        // Nothing booked ahead: no line.
        assert_eq!(
            secured_path(&year(), day(12, 31), 9),
            [(day(12, 31), 9.0), (day(12, 31), 21.0), (day(12, 31), 21.0)]
        );
        assert!(secured_path(&[], day(5, 31), 100).is_empty());
        assert!(secured_path(&year()[..6], day(5, 31), 100).is_empty());
    }

    #[test]
    fn the_secured_year_end_discounts_the_bookings_by_the_no_show_rate() {
        // 10,321 counted + 70 × (1 − 0.2) = 10,377.
        let forecast = booking_forecast(&year(), day(5, 31), 10_321);
        assert_eq!(
            forecast,
            BookingForecast {
                booked_ahead: 70,
                no_show_rate: Some(0.2),
                secured_year_end: 10_377.0,
            }
        );
        // Without a rate the bookings count whole.
        assert_eq!(secured_year_end(100, 45, None), 145.0);
        assert_eq!(secured_year_end(100, 45, Some(1.0)), 100.0);
        // Unrounded: 10 × (1 − 1/3) = 6.666…
        let third = secured_year_end(0, 10, Some(1.0 / 3.0));
        assert!((third - 20.0 / 3.0).abs() < 1e-12, "{third}");
        let json = serde_json::to_value(booking_forecast(&[], day(5, 31), 7)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"booked_ahead": 0, "no_show_rate": null, "secured_year_end": 7.0})
        );
    }
}
