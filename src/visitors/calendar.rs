//! The centre's calendar and yearly target (`visitors.ron` in the data dir): which days are open,
//! how much each month is expected to weigh, and how many visits the year must reach.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use crate::diagnostics::{Problem, Problems, parse_ron};
use crate::i18n::Text;

/// The city's promise: 27,000 visits a year.
pub const DEFAULT_TARGET: u32 = 27_000;

/// No plausible centre sees more; a larger figure is a typo (an extra zero or two).
const MAX_TARGET: i64 = 10_000_000;

/// The name of the calendar file in the data dir; `check` recognises it by this name.
pub const CALENDAR_FILE_NAME: &str = "visitors.ron";

#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    pub target: u32,
    pub open_weekdays: BTreeSet<WeekdayName>,
    pub closed_dates: BTreeSet<NaiveDate>,
    /// January first; `None` weighs every open day 1.
    pub month_weights: Option<[f64; 12]>,
    /// How schools book visits ahead (`bookings: (...)`).
    pub bookings: BookingSettings,
}

/// The `bookings` settings of `visitors.ron`: the time slots a group may book on each open day,
/// how many people a slot holds, and the windows for booking, cancelling and keeping personal
/// details. Every field is optional in the file; the defaults are the contract's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BookingSettings {
    /// Start times of the slots (Europe/Kyiv), earliest first, never empty.
    pub slots: BTreeSet<NaiveTime>,
    /// People (children and accompanying adults) one slot holds, 1 or more.
    pub capacity: u32,
    /// A teacher may book up to this many days ahead (today + horizon_days included).
    pub horizon_days: u32,
    /// A teacher books at least this many days ahead (today + lead_days is the first day); never
    /// more than `horizon_days`.
    pub lead_days: u32,
    /// A teacher may cancel with the code until this many hours before the slot.
    pub cancel_hours: u32,
    /// Contact details, needs and notes are erased this many days after the visit.
    pub retention_days: u32,
    /// Booking requests one address may make in an hour (accepted or refused as full).
    pub requests_per_address_per_hour: u32,
}

/// The slots offered when the file names none: 10:00, 12:00 and 14:00.
pub const DEFAULT_SLOTS: [&str; 3] = ["10:00", "12:00", "14:00"];

/// Limits beyond which a booking setting is a typo rather than a choice.
const MAX_CAPACITY: i64 = 1_000;
const MAX_HORIZON_DAYS: i64 = 730;
const MAX_CANCEL_HOURS: i64 = 720;
const MAX_RETENTION_DAYS: i64 = 1_825;
const MAX_REQUESTS_PER_HOUR: i64 = 10_000;
const MAX_SLOTS: usize = 48;

impl Default for BookingSettings {
    fn default() -> Self {
        BookingSettings {
            slots: DEFAULT_SLOTS
                .iter()
                .filter_map(|text| clock_time(text))
                .collect(),
            capacity: 30,
            horizon_days: 90,
            lead_days: 2,
            cancel_hours: 24,
            retention_days: 30,
            requests_per_address_per_hour: 20,
        }
    }
}

/// A time of day written strictly as `HH:MM` (`09:30`, `14:00`), as slots are written in
/// `visitors.ron`, in a booking and on the command line.
pub fn clock_time(text: &str) -> Option<NaiveTime> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].iter().all(|&i| bytes[i].is_ascii_digit());
    if !shaped {
        return None;
    }
    let number = |at: usize| u32::from(bytes[at] - b'0') * 10 + u32::from(bytes[at + 1] - b'0');
    NaiveTime::from_hms_opt(number(0), number(3), 0)
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            target: DEFAULT_TARGET,
            open_weekdays: WeekdayName::monday_to_saturday().collect(),
            closed_dates: BTreeSet::new(),
            month_weights: None,
            bookings: BookingSettings::default(),
        }
    }
}

impl Calendar {
    pub fn is_open(&self, date: NaiveDate) -> bool {
        self.open_weekdays
            .contains(&WeekdayName::from(date.weekday()))
            && !self.closed_dates.contains(&date)
    }

    /// How much an open day of this date's month counts toward the year (1 without month weights).
    pub fn weight(&self, date: NaiveDate) -> f64 {
        match &self.month_weights {
            Some(weights) => weights[date.month0() as usize],
            None => 1.0,
        }
    }
}

/// A weekday as `visitors.ron` spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum WeekdayName {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl WeekdayName {
    pub const ALL: [WeekdayName; 7] = [
        WeekdayName::Mon,
        WeekdayName::Tue,
        WeekdayName::Wed,
        WeekdayName::Thu,
        WeekdayName::Fri,
        WeekdayName::Sat,
        WeekdayName::Sun,
    ];

    fn monday_to_saturday() -> impl Iterator<Item = WeekdayName> {
        Self::ALL.into_iter().filter(|day| *day != WeekdayName::Sun)
    }
}

impl From<Weekday> for WeekdayName {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Mon => WeekdayName::Mon,
            Weekday::Tue => WeekdayName::Tue,
            Weekday::Wed => WeekdayName::Wed,
            Weekday::Thu => WeekdayName::Thu,
            Weekday::Fri => WeekdayName::Fri,
            Weekday::Sat => WeekdayName::Sat,
            Weekday::Sun => WeekdayName::Sun,
        }
    }
}

/// The file as written; every field may be left out. Kept apart from [`Calendar`] so that the
/// checks below can name the field at fault instead of failing inside serde.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default = "default_target")]
    target: i64,
    #[serde(default = "default_open_weekdays")]
    open_weekdays: Vec<WeekdayName>,
    #[serde(default)]
    closed_dates: Vec<String>,
    #[serde(default)]
    month_weights: Option<Vec<f64>>,
    #[serde(default)]
    bookings: BookingsFile,
}

/// `bookings: (...)` as written; numbers are read wide so that a negative or huge one is named
/// with its field rather than refused by serde.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookingsFile {
    #[serde(default = "default_slots")]
    slots: Vec<String>,
    #[serde(default = "default_capacity")]
    capacity: i64,
    #[serde(default = "default_horizon_days")]
    horizon_days: i64,
    #[serde(default = "default_lead_days")]
    lead_days: i64,
    #[serde(default = "default_cancel_hours")]
    cancel_hours: i64,
    #[serde(default = "default_retention_days")]
    retention_days: i64,
    #[serde(default = "default_requests_per_address_per_hour")]
    requests_per_address_per_hour: i64,
}

impl Default for BookingsFile {
    fn default() -> Self {
        BookingsFile {
            slots: default_slots(),
            capacity: default_capacity(),
            horizon_days: default_horizon_days(),
            lead_days: default_lead_days(),
            cancel_hours: default_cancel_hours(),
            retention_days: default_retention_days(),
            requests_per_address_per_hour: default_requests_per_address_per_hour(),
        }
    }
}

fn default_slots() -> Vec<String> {
    DEFAULT_SLOTS.iter().map(|slot| slot.to_string()).collect()
}

fn default_capacity() -> i64 {
    BookingSettings::default().capacity.into()
}

fn default_horizon_days() -> i64 {
    BookingSettings::default().horizon_days.into()
}

fn default_lead_days() -> i64 {
    BookingSettings::default().lead_days.into()
}

fn default_cancel_hours() -> i64 {
    BookingSettings::default().cancel_hours.into()
}

fn default_retention_days() -> i64 {
    BookingSettings::default().retention_days.into()
}

fn default_requests_per_address_per_hour() -> i64 {
    BookingSettings::default()
        .requests_per_address_per_hour
        .into()
}

fn default_target() -> i64 {
    i64::from(DEFAULT_TARGET)
}

fn default_open_weekdays() -> Vec<WeekdayName> {
    WeekdayName::monday_to_saturday().collect()
}

/// The calendar of `data_dir/visitors.ron`, or the defaults when there is none.
pub fn load_calendar(data_dir: &Path) -> Result<Calendar, Problems> {
    let path = data_dir.join(CALENDAR_FILE_NAME);
    if !path.exists() {
        return Ok(Calendar::default());
    }
    read_calendar(&path)
}

/// Reads and validates a calendar file (as `check` does for any file named `visitors.ron`).
pub fn read_calendar(path: &Path) -> Result<Calendar, Problems> {
    let text = crate::diagnostics::read_text_file(path)?;
    calendar_from_text(path, &text)
}

/// Parses and validates the text of a `visitors.ron`, reporting every problem with its field.
pub fn calendar_from_text(path: &Path, text: &str) -> Result<Calendar, Problems> {
    let file: CalendarFile = parse_ron(path, text)?;
    let mut problems = Vec::new();
    let mut calendar = Calendar::default();
    let mut problem =
        |uk: String, en: String| problems.push(Problem::in_file(path, Text::new(uk, en)));

    match u32::try_from(file.target) {
        Ok(target) if (1..=MAX_TARGET).contains(&file.target) => calendar.target = target,
        _ => problem(
            format!(
                "target: {} поза межами; вкажіть кількість відвідувань від 1 до {MAX_TARGET}",
                file.target
            ),
            format!(
                "target: {} is out of range; write a number of visits from 1 to {MAX_TARGET}",
                file.target
            ),
        ),
    }

    let days = file.open_weekdays;
    if days.is_empty() {
        problem(
            "open_weekdays: вкажіть хоча б один робочий день, наприклад [Mon, Tue, Wed]"
                .to_string(),
            "open_weekdays: name at least one open day, e.g. [Mon, Tue, Wed]".to_string(),
        );
    }
    let unique: BTreeSet<WeekdayName> = days.iter().copied().collect();
    if unique.len() != days.len() {
        problem(
            "open_weekdays: один із днів указано двічі".to_string(),
            "open_weekdays: a day is listed twice".to_string(),
        );
    }
    calendar.open_weekdays = unique;

    for text in &file.closed_dates {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => {
                if !calendar.closed_dates.insert(date) {
                    problem(
                        format!("closed_dates: \"{text}\" вказано двічі"),
                        format!("closed_dates: \"{text}\" is listed twice"),
                    );
                }
            }
            Err(_) => problem(
                format!(
                    "closed_dates: \"{text}\" — не дата; пишіть РРРР-ММ-ДД, наприклад \"2026-01-07\""
                ),
                format!(
                    "closed_dates: \"{text}\" is not a date; write YYYY-MM-DD, e.g. \"2026-01-07\""
                ),
            ),
        }
    }

    if let Some(weights) = file.month_weights {
        match <[f64; 12]>::try_from(weights.as_slice()) {
            Err(_) => problem(
                format!(
                    "month_weights: чисел указано {}; напишіть 12, починаючи із січня",
                    weights.len()
                ),
                format!(
                    "month_weights: {} numbers given; write 12, January first",
                    weights.len()
                ),
            ),
            Ok(weights) => {
                for (month, weight) in weights.iter().enumerate() {
                    if !weight.is_finite() || *weight < 0.0 {
                        let month = month + 1;
                        problem(
                            format!(
                                "month_weights: місяць {month} має вагу {weight}; ваги мають бути числами ≥ 0"
                            ),
                            format!(
                                "month_weights: month {month} has weight {weight}; weights must be numbers ≥ 0"
                            ),
                        );
                    }
                }
                if weights.iter().all(|w| *w == 0.0) {
                    problem(
                        "month_weights: усі місяці мають вагу 0; хоча б один має важити більше"
                            .to_string(),
                        "month_weights: every month weighs 0; at least one must weigh more"
                            .to_string(),
                    );
                }
                calendar.month_weights = Some(weights);
            }
        }
    }

    calendar.bookings = booking_settings(&file.bookings, &mut problem);

    if problems.is_empty() {
        Ok(calendar)
    } else {
        Err(Problems(problems))
    }
}

/// The `bookings` settings, each checked; a problem names `bookings.<field>`.
fn booking_settings(
    file: &BookingsFile,
    problem: &mut impl FnMut(String, String),
) -> BookingSettings {
    let mut settings = BookingSettings::default();

    if file.slots.is_empty() {
        problem(
            "bookings.slots: вкажіть хоча б один час початку, наприклад [\"10:00\", \"12:00\"]"
                .to_string(),
            "bookings.slots: name at least one starting time, e.g. [\"10:00\", \"12:00\"]"
                .to_string(),
        );
    } else if file.slots.len() > MAX_SLOTS {
        problem(
            format!(
                "bookings.slots: указано {} часів; на день можна не більше {MAX_SLOTS}",
                file.slots.len()
            ),
            format!(
                "bookings.slots: {} times given; a day holds at most {MAX_SLOTS}",
                file.slots.len()
            ),
        );
    }
    let mut slots = BTreeSet::new();
    for text in &file.slots {
        match clock_time(text) {
            Some(time) => {
                if !slots.insert(time) {
                    problem(
                        format!("bookings.slots: \"{text}\" вказано двічі"),
                        format!("bookings.slots: \"{text}\" is listed twice"),
                    );
                }
            }
            None => problem(
                format!(
                    "bookings.slots: \"{text}\" — не час; пишіть ГГ:ХХ за київським часом, наприклад \"09:30\""
                ),
                format!(
                    "bookings.slots: \"{text}\" is not a time; write HH:MM in Kyiv time, e.g. \"09:30\""
                ),
            ),
        }
    }
    if !slots.is_empty() {
        settings.slots = slots;
    }

    let mut number = |field: &str, value: i64, min: i64, max: i64, unit: (&str, &str)| {
        match u32::try_from(value) {
            Ok(number) if (min..=max).contains(&value) => Some(number),
            _ => {
                problem(
                    format!(
                        "bookings.{field}: {value} поза межами; вкажіть від {min} до {max} ({})",
                        unit.0
                    ),
                    format!(
                        "bookings.{field}: {value} is out of range; write {min} to {max} ({})",
                        unit.1
                    ),
                );
                None
            }
        }
    };
    let people = ("людей в одному часі", "people in one slot");
    let days = ("днів", "days");
    if let Some(capacity) = number("capacity", file.capacity, 1, MAX_CAPACITY, people) {
        settings.capacity = capacity;
    }
    let horizon = number("horizon_days", file.horizon_days, 1, MAX_HORIZON_DAYS, days);
    let lead = number("lead_days", file.lead_days, 0, MAX_HORIZON_DAYS, days);
    if let Some(hours) = number(
        "cancel_hours",
        file.cancel_hours,
        0,
        MAX_CANCEL_HOURS,
        ("годин", "hours"),
    ) {
        settings.cancel_hours = hours;
    }
    if let Some(retention) = number(
        "retention_days",
        file.retention_days,
        0,
        MAX_RETENTION_DAYS,
        days,
    ) {
        settings.retention_days = retention;
    }
    if let Some(requests) = number(
        "requests_per_address_per_hour",
        file.requests_per_address_per_hour,
        1,
        MAX_REQUESTS_PER_HOUR,
        ("запитів за годину", "requests an hour"),
    ) {
        settings.requests_per_address_per_hour = requests;
    }
    if let (Some(horizon), Some(lead)) = (horizon, lead) {
        if horizon < lead {
            problem(
                format!(
                    "bookings.horizon_days: {horizon} менше за lead_days ({lead}); бронювати можна від lead_days до horizon_days днів наперед"
                ),
                format!(
                    "bookings.horizon_days: {horizon} is less than lead_days ({lead}); bookings open lead_days and close horizon_days ahead"
                ),
            );
        }
        settings.horizon_days = horizon;
        settings.lead_days = lead;
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Calendar, Problems> {
        calendar_from_text(Path::new("visitors.ron"), text)
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_empty_record_gives_the_defaults() {
        let calendar = parse("()").unwrap();
        assert_eq!(calendar, Calendar::default());
        assert_eq!(calendar.target, 27_000);
        // 2026-04-19 is a Sunday, 2026-04-20 a Monday.
        assert!(!calendar.is_open(date("2026-04-19")));
        assert!(calendar.is_open(date("2026-04-20")));
        assert_eq!(calendar.weight(date("2026-04-20")), 1.0);
    }

    #[test]
    fn the_documented_example_parses() {
        let calendar = parse(
            r#"(
    target: 27000,
    open_weekdays: [Mon, Tue, Wed, Thu, Fri, Sat],
    closed_dates: ["2026-01-01", "2026-01-07"],     // default []
    month_weights: None,                              // or Some([12 numbers ≥ 0, January first])
)"#,
        )
        .unwrap();
        assert!(!calendar.is_open(date("2026-01-07")));
        assert!(calendar.is_open(date("2026-01-08")));
    }

    #[test]
    fn month_weights_accept_whole_and_decimal_numbers() {
        let calendar =
            parse("(month_weights: Some([0, 0.5, 1, 1, 1, 1, 2, 2, 1, 1, 1, 0]))").unwrap();
        assert_eq!(calendar.weight(date("2026-01-15")), 0.0);
        assert_eq!(calendar.weight(date("2026-02-15")), 0.5);
        assert_eq!(calendar.weight(date("2026-07-15")), 2.0);
    }

    #[test]
    fn a_syntax_error_has_a_line_and_column() {
        let problems = parse("(\n    target: 27000\n    open_weekdays: [Mon],\n)").unwrap_err();
        assert_eq!(problems.0.len(), 1);
        assert_eq!(problems.0[0].line, Some(3));
        assert!(problems.0[0].column.is_some());
    }

    #[test]
    fn an_unknown_weekday_or_field_is_a_positioned_problem() {
        let problems = parse("(open_weekdays: [Mon, Sunday])").unwrap_err();
        assert_eq!(problems.0[0].line, Some(1));
        let problems = parse("(taget: 100)").unwrap_err();
        assert!(problems.0[0].message.en.contains("taget"), "{problems}");
    }

    #[test]
    fn every_semantic_problem_is_named_by_its_field() {
        let problems = parse(
            r#"(target: 0, open_weekdays: [], closed_dates: ["2026-02-30", "x"], month_weights: Some([1, 2]))"#,
        )
        .unwrap_err();
        let messages: Vec<&str> = problems.0.iter().map(|p| p.message.en.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:?}");
        assert!(messages[0].starts_with("target: 0"));
        assert!(messages[1].starts_with("open_weekdays:"));
        assert!(messages[2].contains("\"2026-02-30\""));
        assert!(messages[3].contains("\"x\""));
        assert!(messages[4].starts_with("month_weights: 2 numbers"));
    }

    #[test]
    fn negative_or_all_zero_weights_are_refused() {
        let problems =
            parse("(month_weights: Some([1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))").unwrap_err();
        assert!(problems.0[0].message.en.contains("month 3"), "{problems}");
        let problems =
            parse("(month_weights: Some([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))").unwrap_err();
        assert!(
            problems.0[0].message.en.contains("every month"),
            "{problems}"
        );
    }

    #[test]
    fn duplicates_are_reported() {
        let problems =
            parse(r#"(open_weekdays: [Mon, Mon], closed_dates: ["2026-01-01", "2026-01-01"])"#)
                .unwrap_err();
        assert_eq!(problems.0.len(), 2, "{problems}");
    }

    fn time(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap()
    }

    #[test]
    fn bookings_default_to_the_contract() {
        let settings = parse("()").unwrap().bookings;
        assert_eq!(
            settings.slots.iter().copied().collect::<Vec<_>>(),
            [time("10:00"), time("12:00"), time("14:00")]
        );
        assert_eq!(settings.capacity, 30);
        assert_eq!(settings.horizon_days, 90);
        assert_eq!(settings.lead_days, 2);
        assert_eq!(settings.cancel_hours, 24);
        assert_eq!(settings.retention_days, 30);
        assert_eq!(settings.requests_per_address_per_hour, 20);
        // An empty bookings record is the defaults too.
        assert_eq!(parse("(bookings: ())").unwrap().bookings, settings);
    }

    #[test]
    fn the_documented_bookings_example_parses() {
        let calendar = parse(
            r#"(
    bookings: (slots: ["10:00", "12:00", "14:00"], capacity: 30, horizon_days: 90, lead_days: 2,
               cancel_hours: 24, retention_days: 30,    // personal details erased 30 days after the visit
               requests_per_address_per_hour: 20),
)"#,
        )
        .unwrap();
        assert_eq!(calendar.bookings, BookingSettings::default());
    }

    #[test]
    fn bookings_fields_are_each_optional_and_slots_are_sorted() {
        let settings = parse(r#"(bookings: (slots: ["15:30", "09:00"], capacity: 45))"#)
            .unwrap()
            .bookings;
        assert_eq!(
            settings.slots.iter().copied().collect::<Vec<_>>(),
            [time("09:00"), time("15:30")]
        );
        assert_eq!(settings.capacity, 45);
        assert_eq!(settings.horizon_days, 90);
        let settings = parse("(bookings: (lead_days: 0, horizon_days: 0))");
        assert!(settings.is_err(), "a horizon of 0 days offers nothing");
        let settings = parse("(bookings: (lead_days: 5, horizon_days: 5))")
            .unwrap()
            .bookings;
        assert_eq!((settings.lead_days, settings.horizon_days), (5, 5));
    }

    #[test]
    fn every_bookings_problem_names_its_field() {
        let problems = parse(
            r#"(bookings: (slots: ["9:00", "10:00", "10:00", "25:00", "ten"], capacity: 0, horizon_days: 30,
                lead_days: 7, cancel_hours: -1, retention_days: 99999, requests_per_address_per_hour: 0))"#,
        )
        .unwrap_err();
        let messages: Vec<&str> = problems.0.iter().map(|p| p.message.en.as_str()).collect();
        assert_eq!(messages.len(), 8, "{messages:#?}");
        assert!(messages[0].starts_with("bookings.slots: \"9:00\" is not a time"));
        assert!(messages[1].starts_with("bookings.slots: \"10:00\" is listed twice"));
        assert!(messages[2].starts_with("bookings.slots: \"25:00\" is not a time"));
        assert!(messages[3].starts_with("bookings.slots: \"ten\" is not a time"));
        assert!(messages[4].starts_with("bookings.capacity: 0 is out of range"));
        assert!(messages[5].starts_with("bookings.cancel_hours: -1"));
        assert!(messages[6].starts_with("bookings.retention_days: 99999"));
        assert!(messages[7].starts_with("bookings.requests_per_address_per_hour: 0"));
        // horizon < lead is judged once both are numbers in range.
        let problems = parse("(bookings: (horizon_days: 3, lead_days: 7))").unwrap_err();
        assert_eq!(problems.0.len(), 1, "{problems}");
        assert!(
            problems.0[0]
                .message
                .en
                .starts_with("bookings.horizon_days: 3 is less than lead_days (7)"),
            "{problems}"
        );
        assert!(
            problems.0[0]
                .message
                .uk
                .starts_with("bookings.horizon_days: 3 менше")
        );
        let problems = parse("(bookings: (slots: []))").unwrap_err();
        assert!(
            problems.0[0]
                .message
                .en
                .starts_with("bookings.slots: name at least one")
        );
    }

    #[test]
    fn an_unknown_bookings_field_is_a_positioned_problem() {
        let problems = parse("(\n  bookings: (\n    capasity: 30,\n  ),\n)").unwrap_err();
        assert_eq!(problems.0[0].line, Some(3), "{problems}");
        assert!(problems.0[0].message.en.contains("capasity"), "{problems}");
    }

    #[test]
    fn clock_times_are_strictly_hh_mm() {
        assert_eq!(clock_time("09:30"), Some(time("09:30")));
        assert_eq!(clock_time("23:59"), Some(time("23:59")));
        for bad in [
            "9:30",
            "09:3",
            "24:00",
            "12:60",
            "12.00",
            " 12:00",
            "12:00:00",
            "１２:００",
        ] {
            assert_eq!(clock_time(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        #[test]
        fn no_calendar_text_makes_the_parser_panic(text in "[()\\[\\]:,\"a-zA-Z0-9 \n.-]{0,120}") {
            let _ = parse(&text);
        }
    }
}
