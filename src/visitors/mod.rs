//! Visitors toward the yearly target: the calendar, the categories, and the year's progress and
//! forecast. Pure: no SQL and no files; the store supplies the day counts.

mod calendar;
mod category;
mod status;
mod time;

pub use calendar::{CALENDAR_FILE_NAME, Calendar, DEFAULT_TARGET, WeekdayName, calendar_from_text};
pub use category::Category;
pub use status::{
    ByCategory, DayCount, MonthCount, Pace, YearPace, YearStatus, year_pace, year_status,
};
pub use time::local_date;

/// The largest group or batch of walk-ins one record may hold: a bigger number is a typo.
pub const MAX_PER_RECORD: i64 = 500;
