//! The centre's clock: records keep UTC, counting uses the local date in Khmelnytskyi.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Kyiv;

/// The local (Europe/Kyiv) date of an instant: a tour that starts at 00:30 local time on
/// 1 January counts for the new year even though it is still 31 December in UTC.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Kyiv).date_naive()
}

/// An instant as the desk's wall clock shows it: `2026-04-20 09:30`.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_date_follows_kyiv_not_utc() {
        let just_after_midnight_in_kyiv: DateTime<Utc> = "2025-12-31T22:30:00Z".parse().unwrap();
        assert_eq!(
            local_date(just_after_midnight_in_kyiv),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
        );
        // Summer time: UTC+3.
        let summer: DateTime<Utc> = "2026-07-01T20:59:00Z".parse().unwrap();
        assert_eq!(
            local_date(summer),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        let summer_late: DateTime<Utc> = "2026-07-01T21:00:00Z".parse().unwrap();
        assert_eq!(
            local_date(summer_late),
            NaiveDate::from_ymd_opt(2026, 7, 2).unwrap()
        );
    }
}
