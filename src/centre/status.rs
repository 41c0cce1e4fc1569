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
}
