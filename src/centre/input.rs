//! What a guide types (flags and CSV cells), checked before anything is written.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Kyiv;
use fluent_bundle::FluentValue;

use crate::visitors::{Category, MAX_PER_RECORD};

/// Notes and guide names longer than this are a paste gone wrong, not a note.
pub const MAX_TEXT_CHARS: usize = 500;

/// One thing wrong with one value; the caller says which flag or column it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputProblem {
    NotADate(String),
    NotADateTime(String),
    /// A local time skipped by the change to summer time.
    NoSuchLocalTime(String),
    InTheFuture(String),
    /// Not a whole number (a count, a year).
    NotANumber(String),
    /// Not a number at all (a value that may have decimals).
    NotADecimal(String),
    /// A JSON value of another kind than the field takes (`expected` shows it, as JSON).
    NotExpected {
        value: String,
        expected: &'static str,
    },
    CountOutOfRange(i64),
    UnknownCategory(String),
    TooLong(usize),
    YearOutOfRange(i32),
    AsOfOutsideYear {
        as_of: NaiveDate,
        year: i32,
    },
    BadUserName(String),
    UnknownRole(String),
    PasswordTooShort(usize),
    /// A required text (a reason) left blank.
    Missing,
    /// A value that is not one of a form's choices.
    UnknownChoice(String),
}

impl crate::i18n::Wording for InputProblem {
    fn words(&self, messages: &crate::i18n::Messages, lang: crate::i18n::Lang) -> String {
        let (id, args) = self.message();
        messages.get(lang, id, &args)
    }
}

impl InputProblem {
    /// The Fluent message id and its arguments.
    pub fn message(&self) -> (&'static str, Vec<(&'static str, FluentValue<'static>)>) {
        let text = |s: &str| FluentValue::from(s.to_string());
        match self {
            InputProblem::NotADate(value) => ("input-not-a-date", vec![("value", text(value))]),
            InputProblem::NotADateTime(value) => {
                ("input-not-a-datetime", vec![("value", text(value))])
            }
            InputProblem::NoSuchLocalTime(value) => {
                ("input-no-such-local-time", vec![("value", text(value))])
            }
            InputProblem::InTheFuture(value) => {
                ("input-in-the-future", vec![("value", text(value))])
            }
            InputProblem::NotANumber(value) => ("input-not-a-number", vec![("value", text(value))]),
            InputProblem::NotADecimal(value) => {
                ("input-not-a-decimal", vec![("value", text(value))])
            }
            InputProblem::NotExpected { value, expected } => (
                "input-not-expected",
                vec![("value", text(value)), ("expected", text(expected))],
            ),
            InputProblem::CountOutOfRange(value) => (
                "input-count-out-of-range",
                vec![
                    ("value", FluentValue::from(*value)),
                    ("max", FluentValue::from(MAX_PER_RECORD)),
                ],
            ),
            InputProblem::UnknownCategory(value) => (
                "input-unknown-category",
                vec![
                    ("value", text(value)),
                    ("valid", text(&Category::valid_names())),
                ],
            ),
            InputProblem::TooLong(max) => {
                ("input-too-long", vec![("max", FluentValue::from(*max))])
            }
            InputProblem::YearOutOfRange(year) => (
                "input-year-out-of-range",
                vec![("value", FluentValue::from(*year))],
            ),
            InputProblem::BadUserName(value) => {
                ("input-bad-user-name", vec![("value", text(value))])
            }
            InputProblem::UnknownRole(value) => {
                ("input-unknown-role", vec![("value", text(value))])
            }
            InputProblem::PasswordTooShort(min) => (
                "input-password-too-short",
                vec![("min", FluentValue::from(*min))],
            ),
            InputProblem::Missing => ("input-missing", vec![]),
            InputProblem::UnknownChoice(value) => {
                ("input-unknown-choice", vec![("value", text(value))])
            }
            InputProblem::AsOfOutsideYear { as_of, year } => (
                "input-as-of-outside-year",
                vec![
                    ("value", text(&as_of.to_string())),
                    ("year", FluentValue::from(*year)),
                ],
            ),
        }
    }
}

/// A date `YYYY-MM-DD`, not after `today`.
pub fn past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, InputProblem> {
    let trimmed = text.trim();
    // chrono also takes "2026-4-2" and "+2026-04-02"; the contract is the strict ISO form.
    let well_formed = trimmed.len() == 10
        && trimmed.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    // Read digit by digit: an import checks a million dates, and strftime parsing is slow.
    let number = |range: std::ops::Range<usize>| {
        trimmed.as_bytes()[range]
            .iter()
            .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'))
    };
    let date = well_formed
        .then(|| NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10)))
        .flatten()
        .ok_or_else(|| InputProblem::NotADate(text.to_string()))?;
    if date > today {
        return Err(InputProblem::InTheFuture(trimmed.to_string()));
    }
    Ok(date)
}

/// `--at`: RFC 3339 (`2026-04-20T09:30:00+03:00`) or Kyiv local `YYYY-MM-DDTHH:MM`, not after `now`.
pub fn past_instant(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, InputProblem> {
    let trimmed = text.trim();
    let at = if let Ok(at) = DateTime::parse_from_rfc3339(trimmed) {
        at.with_timezone(&Utc)
    } else {
        let local = NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| InputProblem::NotADateTime(text.to_string()))?;
        match Kyiv.from_local_datetime(&local) {
            LocalResult::Single(at) => at.with_timezone(&Utc),
            // The autumn hour that happens twice: the first one, when the day's tours began.
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => return Err(InputProblem::NoSuchLocalTime(trimmed.to_string())),
        }
    };
    if at > now {
        return Err(InputProblem::InTheFuture(trimmed.to_string()));
    }
    Ok(at)
}

/// A group size or a count: 1 to 500.
pub fn count(value: i64) -> Result<u32, InputProblem> {
    if (1..=MAX_PER_RECORD).contains(&value) {
        u32::try_from(value).map_err(|_| InputProblem::CountOutOfRange(value))
    } else {
        Err(InputProblem::CountOutOfRange(value))
    }
}

/// A number typed in a form field of its own: a decimal point or, as Ukrainian writes it, a
/// decimal comma; spaces between digit groups (27 000) are left out.
pub fn decimal(text: &str) -> Result<f64, InputProblem> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    let dotted = if !compact.contains('.') && compact.matches(',').count() == 1 {
        compact.replace(',', ".")
    } else {
        compact
    };
    dotted
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| InputProblem::NotADecimal(text.to_string()))
}

/// A count written as text (a CSV cell).
pub fn count_text(text: &str) -> Result<u32, InputProblem> {
    let value: i64 = text
        .trim()
        .parse()
        .map_err(|_| InputProblem::NotANumber(text.to_string()))?;
    count(value)
}

pub fn category(text: &str) -> Result<Category, InputProblem> {
    Category::parse(text).ok_or_else(|| InputProblem::UnknownCategory(text.to_string()))
}

/// An optional free text: trimmed, blank means none, too long refused.
pub fn optional_text(text: Option<&str>) -> Result<Option<String>, InputProblem> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(InputProblem::TooLong(MAX_TEXT_CHARS));
    }
    Ok(Some(text.to_string()))
}

/// The year and day of `visitors status`: `--as-of` decides the year when given; a past `--year`
/// alone is read on its 31 December, the current one today.
pub fn status_day(
    year: Option<i32>,
    as_of: Option<&str>,
    today: NaiveDate,
) -> Result<NaiveDate, InputProblem> {
    if let Some(year) = year
        && !(2000..=today.year()).contains(&year)
    {
        return Err(InputProblem::YearOutOfRange(year));
    }
    match (year, as_of) {
        (_, Some(text)) => {
            let as_of = past_date(text, today)?;
            match year {
                Some(year) if year != as_of.year() => {
                    Err(InputProblem::AsOfOutsideYear { as_of, year })
                }
                _ => Ok(as_of),
            }
        }
        (Some(year), None) if year < today.year() => {
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or(InputProblem::YearOutOfRange(year))
        }
        _ => Ok(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn dates_must_be_strict_iso_and_not_in_the_future() {
        let today = date("2026-04-20");
        assert_eq!(past_date("2026-04-20", today), Ok(today));
        assert_eq!(past_date(" 2026-01-07 ", today), Ok(date("2026-01-07")));
        for bad in [
            "2026-4-20",
            "20.04.2026",
            "2026-02-30",
            "",
            "+2026-04-20",
            "2026-04-20x",
        ] {
            assert_eq!(
                past_date(bad, today),
                Err(InputProblem::NotADate(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(
            past_date("2026-04-21", today),
            Err(InputProblem::InTheFuture("2026-04-21".into()))
        );
    }

    #[test]
    fn instants_take_rfc3339_or_kyiv_local_time() {
        let now = utc("2026-04-20T12:00:00Z");
        assert_eq!(
            past_instant("2026-04-20T09:30:00+03:00", now),
            Ok(utc("2026-04-20T06:30:00Z"))
        );
        // April: Kyiv is UTC+3; January: UTC+2.
        assert_eq!(
            past_instant("2026-04-20T09:30", now),
            Ok(utc("2026-04-20T06:30:00Z"))
        );
        assert_eq!(
            past_instant("2026-01-20T09:30", now),
            Ok(utc("2026-01-20T07:30:00Z"))
        );
        assert!(matches!(
            past_instant("2026-04-20 09:30", now),
            Err(InputProblem::NotADateTime(_))
        ));
        assert!(matches!(
            past_instant("2026-04-20T15:01", now),
            Err(InputProblem::InTheFuture(_))
        ));
        // 29 March 2026, 03:00 → 04:00 in Kyiv: 03:30 never happened.
        assert_eq!(
            past_instant("2026-03-29T03:30", now),
            Err(InputProblem::NoSuchLocalTime("2026-03-29T03:30".into()))
        );
        // 25 October 2026, 04:00 → 03:00: 03:30 happens twice; the first (summer time) is taken.
        assert_eq!(
            past_instant("2026-10-25T03:30", utc("2026-12-01T00:00:00Z")),
            Ok(utc("2026-10-25T00:30:00Z"))
        );
    }

    #[test]
    fn counts_run_from_one_to_five_hundred() {
        assert_eq!(count(1), Ok(1));
        assert_eq!(count(500), Ok(500));
        for bad in [0, -3, 501, i64::MAX] {
            assert_eq!(count(bad), Err(InputProblem::CountOutOfRange(bad)));
        }
        assert_eq!(count_text(" 12 "), Ok(12));
        assert_eq!(
            count_text("12.5"),
            Err(InputProblem::NotANumber("12.5".into()))
        );
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(optional_text(Some("  ")), Ok(None));
        assert_eq!(optional_text(Some(" 5-Б ")), Ok(Some("5-Б".into())));
        let long = "я".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(
            optional_text(Some(&long)),
            Err(InputProblem::TooLong(MAX_TEXT_CHARS))
        );
    }

    #[test]
    fn the_status_day_follows_year_and_as_of() {
        let today = date("2026-05-31");
        assert_eq!(status_day(None, None, today), Ok(today));
        assert_eq!(status_day(Some(2026), None, today), Ok(today));
        assert_eq!(status_day(Some(2025), None, today), Ok(date("2025-12-31")));
        assert_eq!(
            status_day(None, Some("2025-03-01"), today),
            Ok(date("2025-03-01"))
        );
        assert_eq!(
            status_day(Some(2024), Some("2025-03-01"), today),
            Err(InputProblem::AsOfOutsideYear {
                as_of: date("2025-03-01"),
                year: 2024
            })
        );
        assert_eq!(
            status_day(Some(2027), None, today),
            Err(InputProblem::YearOutOfRange(2027))
        );
        assert!(matches!(
            status_day(None, Some("2026-06-01"), today),
            Err(InputProblem::InTheFuture(_))
        ));
    }
}
