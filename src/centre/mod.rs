//! The centre's operations: tours, visits, the year's status, files in and out of the store, the
//! economists' indicators — one service layer under the command line, the kiosk and the server.
//!
//! It takes plain inputs (what a person typed, as text and numbers; ids; dates), checks them,
//! asks the store, and returns plain outcomes (serialisable records, whose JSON is the contract's)
//! or a typed [`CentreError`]. It knows no clap, no terminal, no HTTP and no bevy: each front end
//! words the outcome and the error itself (`i18n::Wording`).

pub mod accounts;
pub mod backup;
pub mod bookings;
pub mod calendar;
pub mod class_results;
pub mod definitions;
pub mod feed;
pub mod indicators;
pub mod input;
pub mod notices;
pub mod observations;
pub mod scenario;
pub mod stations;
mod status;
mod tours;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use fluent_bundle::FluentValue;

use crate::diagnostics::Problems;
use crate::i18n::{Lang, Messages, Text, Wording};
use crate::store::{SqliteStore, StoreError};
use crate::visitors::{Calendar, load_calendar, local_date};

pub use input::InputProblem;
pub use tours::{DayTours, TourRecord, TourStart, VisitAdd, VisitAdded, Voided, tour_for_round};
pub use transfer::{
    BadLine, Exported, Imported, LineProblem, StoreCopied, import_text, parse_visits,
};

/// Where the centre's data lives, and "now" for one operation (or one command: a command run at
/// midnight must not see two different days).
#[derive(Debug)]
pub struct Centre {
    data_dir: PathBuf,
    now: DateTime<Utc>,
    store: Option<SqliteStore>,
    /// The calendar as last read, with the file's modification time and length then: read again
    /// only when the file changed (a server reads it on most requests).
    calendar_cache: std::cell::RefCell<Option<(CalendarStamp, Calendar)>>,
}

/// What tells a changed `visitors.ron`: its modification time and length (None: no file).
type CalendarStamp = Option<(Option<std::time::SystemTime>, u64)>;

impl Centre {
    /// The centre whose data lives in `data_dir`, at the clock's "now".
    pub fn new(data_dir: PathBuf) -> Self {
        Centre {
            data_dir,
            now: crate::clock::now(),
            store: None,
            calendar_cache: std::cell::RefCell::new(None),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Moves "now" to the clock's: a long-lived centre (the kiosk's store thread, the server)
    /// calls this at the start of each operation.
    pub fn refresh_now(&mut self) {
        self.now = crate::clock::now();
    }

    /// Closes the store; the next operation opens it afresh (after a failure, say).
    pub fn close_store(&mut self) {
        self.store = None;
    }

    /// Today in Khmelnytskyi.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now)
    }

    /// The store, opened (and created or brought up to date) on first use.
    pub fn store(&mut self) -> Result<&mut SqliteStore, CentreError> {
        if self.store.is_none() {
            self.store = Some(crate::store::open(&self.data_dir)?);
        }
        self.store
            .as_mut()
            .ok_or(CentreError::Store(StoreError::NotADatabase {
                path: self.data_dir.clone(),
            }))
    }

    /// The calendar (`visitors.ron`), or the defaults when there is none.
    pub fn calendar(&self) -> Result<Calendar, CentreError> {
        let path = self.data_dir.join(crate::visitors::CALENDAR_FILE_NAME);
        let stamp: CalendarStamp = std::fs::metadata(&path)
            .ok()
            .map(|meta| (meta.modified().ok(), meta.len()));
        if let Some((seen, calendar)) = self.calendar_cache.borrow().as_ref()
            && *seen == stamp
            && stamp.is_none_or(|(modified, _)| modified.is_some())
        {
            return Ok(calendar.clone());
        }
        let calendar = load_calendar(&self.data_dir).map_err(CentreError::Problems)?;
        *self.calendar_cache.borrow_mut() = Some((stamp, calendar.clone()));
        Ok(calendar)
    }

    /// "now", or the instant a person gave (`--at`, a form's time).
    fn instant_or_now(
        &self,
        field: &'static str,
        at: Option<&str>,
    ) -> Result<DateTime<Utc>, CentreError> {
        at.map_or(Ok(self.now), |text| {
            input::past_instant(text, self.now).map_err(|p| CentreError::input(field, p))
        })
    }

    /// Today, or the date a person gave.
    fn date_or_today(
        &self,
        field: &'static str,
        date: Option<&str>,
    ) -> Result<NaiveDate, CentreError> {
        date.map_or(Ok(self.today()), |text| {
            input::past_date(text, self.today()).map_err(|p| CentreError::input(field, p))
        })
    }
}

/// Why an operation of the centre was refused or failed: the person's to fix, each with what it
/// needs to be worded.
#[derive(Debug, thiserror::Error)]
pub enum CentreError {
    /// No data directory was given and the platform has none.
    #[error("no data directory (set --data-dir or TOURCENTRE_DATA)")]
    NoDataDir,
    /// A value a person gave is refused; `field` names the input (`size`, `group`, `at`).
    #[error("{field}: {problem:?}")]
    Input {
        field: &'static str,
        problem: InputProblem,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Problems in files (the calendar, the indicators), each with its path and line.
    #[error("{0}")]
    Problems(#[from] Problems),
    /// Lines of an import file that are wrong; nothing was imported.
    #[error("{}: {} bad lines", file.display(), lines.len())]
    BadLines { file: PathBuf, lines: Vec<BadLine> },
    /// An import file without a single visit.
    #[error("{}: no visits", file.display())]
    NoRows { file: PathBuf },
    /// An import file that cannot be read as text.
    #[error("{}: {}", file.display(), reason.en)]
    Unreadable { file: PathBuf, reason: Text },
    /// An export file that cannot be written.
    #[error("{}: {}", file.display(), reason.en)]
    ExportFailed { file: PathBuf, reason: Text },
    /// A password could not be hashed (the system's random source failed).
    #[error("the password could not be hashed: {0}")]
    Secret(String),
    /// The thread doing the work stopped before it answered (a bug, not the user's to fix).
    #[error("the work stopped unexpectedly: {0}")]
    Interrupted(String),
    /// The report or the open data could not be written.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    /// What is wrong with a booking as given, every problem naming its field.
    #[error("{} problems with the booking", .0.len())]
    Booking(Vec<crate::bookings::BookingProblem>),
    /// The booking's state or time does not allow this (a confirmed booking declined, a
    /// teacher's cancellation after the deadline).
    #[error(transparent)]
    BookingRefused(crate::bookings::Refusal),
    /// No indicator has this id.
    #[error("no indicator {0}")]
    UnknownIndicator(String),
    /// The indicator is derived from the centre's store: it takes no observations.
    #[error("indicator {0} is derived from the store")]
    DerivedIndicator(String),
    /// The observation would make the data file fail `check`; nothing was written.
    #[error("{}", .0.problems)]
    ObservationRefused(crate::indicators::Refused),
    /// The stored value is not the one the person saw any more; nothing was written.
    #[error("the value changed meanwhile: {:?}", .0.current)]
    ObservationConflict(observations::Conflict),
    /// The row a person corrected is not the one the file holds on that line any more (or the
    /// line is gone); nothing was written.
    #[error("line {line} changed meanwhile")]
    RowChanged { line: usize },
    /// The definition's edit would make the file fail `check`; nothing was written.
    #[error("{}", .0.all())]
    DefinitionRefused(crate::indicators::DefinitionRefused),
    /// An indicator's data file could not be written (the old one is as it was).
    #[error("{}: {}", file.display(), reason.en)]
    IndicatorWrite { file: PathBuf, reason: Text },
}

impl CentreError {
    pub fn input(field: &'static str, problem: InputProblem) -> Self {
        CentreError::Input { field, problem }
    }
}

impl Wording for CentreError {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let path = |p: &Path| FluentValue::from(p.display().to_string());
        match self {
            CentreError::NoDataDir => messages.text(lang, "desk-no-data-dir"),
            CentreError::Input { field, problem } => {
                format!("{field}: {}", problem.words(messages, lang))
            }
            CentreError::Store(err) => err.words(messages, lang),
            CentreError::Booking(problems) => {
                let words: Vec<String> = problems
                    .iter()
                    .map(|problem| problem.words(messages, lang))
                    .collect();
                words.join("\n")
            }
            CentreError::BookingRefused(refusal) => refusal.words(messages, lang),
            CentreError::UnknownIndicator(id) => {
                messages.get(lang, "indicator-unknown", &[("id", id.clone().into())])
            }
            CentreError::DerivedIndicator(id) => {
                messages.get(lang, "indicator-derived", &[("id", id.clone().into())])
            }
            CentreError::ObservationRefused(refused) => refused.problems.render(lang),
            CentreError::ObservationConflict(conflict) => match conflict.current {
                // As the page writes values: the unit, and a decimal comma in Ukrainian.
                Some(current) => messages.get(
                    lang,
                    "indicator-conflict",
                    &[(
                        "current",
                        crate::report::IndicatorWords::value(
                            &crate::i18n::Words::new(lang),
                            current,
                            &conflict.unit,
                        )
                        .into(),
                    )],
                ),
                None => messages.text(lang, "indicator-conflict-blank"),
            },
            CentreError::RowChanged { line } => {
                messages.get(lang, "indicator-row-changed", &[("line", (*line).into())])
            }
            CentreError::DefinitionRefused(refused) => refused.all().render(lang),
            CentreError::IndicatorWrite { file, reason } => messages.get(
                lang,
                "indicator-write-failed",
                &[
                    ("file", path(file)),
                    ("reason", reason.get(lang).to_string().into()),
                ],
            ),
            CentreError::Problems(problems) => problems.render(lang),
            CentreError::BadLines { file, lines } => {
                let mut words: Vec<String> = lines
                    .iter()
                    .map(|line| {
                        format!(
                            "{}:{}: {}",
                            file.display(),
                            line.line,
                            line.problem.words(messages, lang)
                        )
                    })
                    .collect();
                words.push(messages.get(
                    lang,
                    "import-rejected",
                    &[("problems", FluentValue::from(lines.len()))],
                ));
                words.join("\n")
            }
            CentreError::NoRows { file } => {
                messages.get(lang, "import-no-rows", &[("file", path(file))])
            }
            CentreError::Unreadable { file, reason } => messages.get(
                lang,
                "import-unreadable",
                &[
                    ("file", path(file)),
                    ("reason", reason.get(lang).to_string().into()),
                ],
            ),
            CentreError::ExportFailed { file, reason } => messages.get(
                lang,
                "export-failed",
                &[
                    ("file", path(file)),
                    ("reason", reason.get(lang).to_string().into()),
                ],
            ),
            CentreError::Report(err) => err.words(messages, lang),
            CentreError::Interrupted(reason) => messages.get(
                lang,
                "centre-interrupted",
                &[("reason", reason.clone().into())],
            ),
            CentreError::Secret(reason) => messages.get(
                lang,
                "pin-hash-failed",
                &[("reason", reason.clone().into())],
            ),
        }
    }
}

#[cfg(test)]
mod calendar_cache_tests {
    use super::*;

    #[test]
    fn the_calendar_is_read_again_when_the_file_changes_and_not_before() {
        let data = tempfile::tempdir().unwrap();
        let centre = Centre::new(data.path().to_path_buf());
        assert_eq!(
            centre.calendar().unwrap().target,
            Calendar::default().target
        );
        let file = data.path().join(crate::visitors::CALENDAR_FILE_NAME);
        std::fs::write(&file, "(target: 1000)\n").unwrap();
        assert_eq!(centre.calendar().unwrap().target, 1000);
        std::fs::write(&file, "(target: 2000, bookings: (capacity: 45))\n").unwrap();
        let changed = centre.calendar().unwrap();
        assert_eq!((changed.target, changed.bookings.capacity), (2000, 45));
        std::fs::write(&file, "(target: oops)\n").unwrap();
        assert!(
            centre.calendar().is_err(),
            "a broken file is reported, not the old one"
        );
    }
}
