//! The calendar (`visitors.ron`) edited from a form: the target, the open weekdays, the closed
//! dates and the month weights, validated exactly as `check` validates the file, then written
//! atomically (a reader never sees half a file). The form leaves the `bookings` settings alone:
//! they are written back as the file had them.

use std::io::Write;

use super::{Centre, CentreError, InputProblem};
use crate::visitors::{
    BookingSettings, CALENDAR_FILE_NAME, Calendar, WeekdayName, calendar_from_text,
};

/// The calendar as a form sends it: text as typed.
#[derive(Clone, Debug, Default)]
pub struct CalendarEdit {
    pub target: String,
    /// `Mon` … `Sun`.
    pub open_weekdays: Vec<String>,
    /// One `YYYY-MM-DD` per line (blank lines ignored).
    pub closed_dates: String,
    /// Twelve numbers, January first; None for equal months.
    pub month_weights: Option<Vec<String>>,
}

/// A text as a RON string literal.
fn ron_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The file's text for a calendar (the defaults written out, so the file says what is in force).
pub fn calendar_text(calendar: &Calendar) -> String {
    let days: Vec<String> = calendar
        .open_weekdays
        .iter()
        .map(|day| format!("{day:?}"))
        .collect();
    let dates: Vec<String> = calendar
        .closed_dates
        .iter()
        .map(|date| format!("\"{date}\""))
        .collect();
    let weights = match &calendar.month_weights {
        Some(weights) => format!(
            "Some([{}])",
            weights
                .iter()
                .map(|w| format!("{w:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => "None".into(),
    };
    format!(
        "// The centre's calendar: the yearly target, open weekdays, closed dates and month weights,\n\
         // and how schools book visits (slot times in Kyiv time; capacity in people, children and\n\
         // adults together; personal details erased retention_days after the visit).\n\
         // Edited on the server's Administration page (or by hand; `tourcentre check` reads it).\n\
         (\n    target: {},\n    open_weekdays: [{}],\n    closed_dates: [{}],\n    month_weights: {},\n    {},\n)\n",
        calendar.target,
        days.join(", "),
        dates.join(", "),
        weights,
        bookings_text(&calendar.bookings),
    )
}

/// The `bookings: (...)` field, every setting written out.
fn bookings_text(settings: &BookingSettings) -> String {
    let slots: Vec<String> = settings
        .slots
        .iter()
        .map(|time| format!("\"{}\"", time.format("%H:%M")))
        .collect();
    format!(
        "bookings: (\n        slots: [{}],\n        capacity: {},\n        horizon_days: {},\n        \
         lead_days: {},\n        cancel_hours: {},\n        retention_days: {},\n        \
         requests_per_address_per_hour: {},\n    )",
        slots.join(", "),
        settings.capacity,
        settings.horizon_days,
        settings.lead_days,
        settings.cancel_hours,
        settings.retention_days,
        settings.requests_per_address_per_hour,
    )
}

impl Centre {
    /// Closes `date` in the calendar (a day closed at short notice), keeping all the rest.
    pub fn close_date(&mut self, date: chrono::NaiveDate) -> Result<Calendar, CentreError> {
        let calendar = self.calendar()?;
        if calendar.closed_dates.contains(&date) {
            return Ok(calendar);
        }
        let mut closed: Vec<String> = calendar
            .closed_dates
            .iter()
            .map(ToString::to_string)
            .collect();
        closed.push(date.to_string());
        let edit = CalendarEdit {
            target: calendar.target.to_string(),
            open_weekdays: calendar
                .open_weekdays
                .iter()
                .map(|day| format!("{day:?}"))
                .collect(),
            closed_dates: closed.join("\n"),
            month_weights: calendar
                .month_weights
                .map(|weights| weights.iter().map(|w| format!("{w:?}")).collect()),
        };
        self.save_calendar(&edit)
    }

    /// Checks an edited calendar and writes it; nothing is written when anything is wrong.
    pub fn save_calendar(&mut self, edit: &CalendarEdit) -> Result<Calendar, CentreError> {
        let target: i64 = edit.target.trim().parse().map_err(|_| {
            CentreError::input("target", InputProblem::NotANumber(edit.target.clone()))
        })?;
        let mut days = Vec::new();
        for day in &edit.open_weekdays {
            let known = WeekdayName::ALL
                .into_iter()
                .find(|name| format!("{name:?}") == day.trim());
            match known {
                Some(name) => days.push(format!("{name:?}")),
                None => {
                    return Err(CentreError::input(
                        "open_weekdays",
                        InputProblem::UnknownChoice(day.clone()),
                    ));
                }
            }
        }
        let dates: Vec<String> = edit
            .closed_dates
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(ron_string)
            .collect();
        let weights = match &edit.month_weights {
            None => "None".to_string(),
            Some(texts) => {
                let mut numbers = Vec::new();
                for text in texts {
                    let number: f64 = text.trim().replace(',', ".").parse().map_err(|_| {
                        CentreError::input("month_weights", InputProblem::NotADecimal(text.clone()))
                    })?;
                    numbers.push(format!("{number:?}"));
                }
                format!("Some([{}])", numbers.join(", "))
            }
        };
        let text = format!(
            "(\n    target: {target},\n    open_weekdays: [{}],\n    closed_dates: [{}],\n    month_weights: {weights},\n)\n",
            days.join(", "),
            dates.join(", ")
        );
        let path = self.data_dir().join(CALENDAR_FILE_NAME);
        let mut calendar = calendar_from_text(&path, &text)?;
        // The form does not show the booking settings: keep the file's. A file that no longer
        // reads (edited by hand and broken) is what the form replaces, so its defaults are kept.
        calendar.bookings = self.calendar().map(|c| c.bookings).unwrap_or_default();
        let written = calendar_text(&calendar);
        let failed = |err: std::io::Error| CentreError::ExportFailed {
            file: path.clone(),
            reason: crate::diagnostics::io_reason(&err),
        };
        let mut file = tempfile::NamedTempFile::new_in(self.data_dir()).map_err(failed)?;
        file.write_all(written.as_bytes()).map_err(failed)?;
        file.as_file().sync_all().map_err(failed)?;
        file.persist(&path).map_err(|err| failed(err.error))?;
        Ok(calendar)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_calendar_written_reads_back_the_same() {
        let text = "(target: 1000, open_weekdays: [Mon, Fri], closed_dates: [\"2026-01-07\"], month_weights: Some([2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5]), \
                    bookings: (slots: [\"14:30\", \"09:15\"], capacity: 45, horizon_days: 120, lead_days: 0, cancel_hours: 48, retention_days: 7, requests_per_address_per_hour: 5))";
        let path = std::path::Path::new("visitors.ron");
        let calendar = calendar_from_text(path, text).unwrap();
        assert_eq!(calendar.bookings.capacity, 45);
        let written = calendar_text(&calendar);
        let again = calendar_from_text(path, &written).unwrap();
        assert_eq!(calendar, again);
        assert!(
            written.contains("slots: [\"09:15\", \"14:30\"]"),
            "{written}"
        );
        // The defaults are written out too, so the file says what is in force.
        let defaults = calendar_text(&Calendar::default());
        assert!(defaults.contains("capacity: 30"), "{defaults}");
        assert_eq!(
            calendar_from_text(path, &defaults).unwrap(),
            Calendar::default()
        );
    }

    #[test]
    fn saving_the_form_keeps_the_booking_settings() {
        let data = tempfile::tempdir().unwrap();
        let file = data.path().join(CALENDAR_FILE_NAME);
        std::fs::write(
            &file,
            "(target: 500, bookings: (slots: [\"11:00\"], capacity: 12, lead_days: 1))",
        )
        .unwrap();
        let mut centre = Centre::new(data.path().to_path_buf());
        let edit = CalendarEdit {
            target: "2000".into(),
            open_weekdays: vec!["Tue".into(), "Wed".into()],
            closed_dates: String::new(),
            month_weights: None,
        };
        let saved = centre.save_calendar(&edit).unwrap();
        assert_eq!(saved.target, 2000);
        assert_eq!(saved.bookings.capacity, 12);
        assert_eq!(saved.bookings.lead_days, 1);
        assert_eq!(saved.bookings.slots.len(), 1);
        assert_eq!(crate::visitors::load_calendar(data.path()).unwrap(), saved);
    }

    #[test]
    fn a_bad_calendar_is_refused_and_nothing_is_written() {
        let data = tempfile::tempdir().unwrap();
        let mut centre = Centre::new(data.path().to_path_buf());
        let edit = |target: &str, dates: &str| CalendarEdit {
            target: target.into(),
            open_weekdays: vec!["Mon".into(), "Tue".into()],
            closed_dates: dates.into(),
            month_weights: None,
        };
        assert!(centre.save_calendar(&edit("many", "")).is_err());
        assert!(centre.save_calendar(&edit("0", "")).is_err());
        let err = centre
            .save_calendar(&edit("1000", "07.01.2026"))
            .unwrap_err();
        assert!(err.to_string().contains("closed_dates"), "{err}");
        assert!(!data.path().join(CALENDAR_FILE_NAME).exists());
        let saved = centre
            .save_calendar(&edit("1000", "2026-01-07\n\n\"x\\"))
            .unwrap_err();
        assert!(saved.to_string().contains("closed_dates"), "{saved}");
        let calendar = centre.save_calendar(&edit("1000", "2026-01-07\n")).unwrap();
        assert_eq!(calendar.target, 1000);
        assert_eq!(
            crate::visitors::load_calendar(data.path()).unwrap(),
            calendar
        );
    }
}
