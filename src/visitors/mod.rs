//! Visitors toward the yearly target: the calendar, the categories, and the year's progress and
//! forecast. No SQL: the store supplies the day counts; the one file read here is the calendar.

mod calendar;
mod category;
mod status;
mod time;

pub use calendar::{
    BookingSettings, CALENDAR_FILE_NAME, Calendar, DEFAULT_SLOTS, DEFAULT_TARGET, WeekdayName,
    calendar_from_text, clock_time, load_calendar, read_calendar,
};
pub use category::Category;
pub use status::{
    ByCategory, DayCount, MonthCount, Pace, YearPace, YearStatus, year_pace, year_status,
};
pub use time::{local_date, local_time};

/// The largest group or batch of walk-ins one record may hold: a bigger number is a typo.
pub const MAX_PER_RECORD: i64 = 500;
