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
        Ok(self.store()?.year_status(&calendar, as_of)?)
    }

    /// The year day by day against the target's pace (the chart of the *Year* page), with the
    /// year's status: one read of the store for both.
    pub fn year_pace(&mut self) -> Result<(YearStatus, crate::visitors::YearPace), CentreError> {
        let today = self.today();
        let calendar = self.calendar()?;
        let days = self.store()?.day_counts(chrono::Datelike::year(&today))?;
        Ok((
            crate::visitors::year_status(&calendar, today, &days),
            crate::visitors::year_pace(&calendar, today, &days),
        ))
    }
}
