//! The year so far against the target.

use super::{Centre, CentreError, input};
use crate::store::VisitorStore;
use crate::visitors::YearStatus;

/// The year's status: `year` (a past year is read on its 31 December) and `as_of` as a person
/// typed them; neither means this year, today.
impl Centre {
    pub fn year_status(
        &mut self,
        year: Option<i32>,
        as_of: Option<&str>,
    ) -> Result<YearStatus, CentreError> {
        let as_of = input::status_day(year, as_of, self.today()).map_err(|problem| {
            let field = match problem {
                input::InputProblem::YearOutOfRange(_) => "year",
                _ => "as_of",
            };
            CentreError::input(field, problem)
        })?;
        let calendar = self.calendar()?;
        let store = self.store()?;
        let mut status = store.year_status(&calendar, as_of)?;
        let booked = store.booked_days(status.year)?;
        add_bookings(&mut status, &booked);
        Ok(status)
    }

    /// The year day by day against the target's pace (the chart of the *Year* page), with the
    /// year's status: one read of the store for both.
    pub fn year_pace(&mut self) -> Result<(YearStatus, crate::visitors::YearPace), CentreError> {
        let today = self.today();
        let calendar = self.calendar()?;
        let year = chrono::Datelike::year(&today);
        let store = self.store()?;
        let days = store.day_counts(year)?;
        let mut status = crate::visitors::year_status(&calendar, today, &days);
        let mut pace = crate::visitors::year_pace(&calendar, today, &days);
        add_bookings_to_pace(&mut status, &mut pace, &store.booked_days(year)?);
        Ok((status, pace))
    }
}

/// The bookings' figures added to the year's status, and its secured line to the pace chart.
pub(super) fn add_bookings_to_pace(
    status: &mut YearStatus,
    pace: &mut crate::visitors::YearPace,
    booked: &[crate::bookings::BookedDay],
) {
    add_bookings(status, booked);
    pace.secured = crate::bookings::secured_path(booked, status.as_of, status.visitors_to_date);
}

/// The figures bookings add to the year's status: booked ahead, no-show rate, secured year end.
fn add_bookings(status: &mut YearStatus, booked: &[crate::bookings::BookedDay]) {
    let forecast = crate::bookings::booking_forecast(booked, status.as_of, status.visitors_to_date);
    status.booked_ahead = forecast.booked_ahead;
    status.no_show_rate = forecast.no_show_rate;
    status.secured_year_end = forecast.secured_year_end;
}
