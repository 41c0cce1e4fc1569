//! The centre's calendar and yearly target (`visitors.ron` in the data dir): which days are open,
//! how much each month is expected to weigh, and how many visits the year must reach.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
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
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            target: DEFAULT_TARGET,
            open_weekdays: WeekdayName::monday_to_saturday().collect(),
            closed_dates: BTreeSet::new(),
            month_weights: None,
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

    if problems.is_empty() {
        Ok(calendar)
    } else {
        Err(Problems(problems))
    }
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        #[test]
        fn no_calendar_text_makes_the_parser_panic(text in "[()\\[\\]:,\"a-zA-Z0-9 \n.-]{0,120}") {
            let _ = parse(&text);
        }
    }
}
