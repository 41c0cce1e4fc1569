//! The guides' desk: `tour`, `visit`, `visitors` and `db` commands. Reads what the guide typed,
//! asks the store, and words the answer (Ukrainian by default) or prints JSON.

pub mod input;
mod status;
mod tours;
mod transfer;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Kyiv;
use fluent_bundle::FluentValue;

use crate::cli::{CliError, print_json};
use crate::diagnostics::{Problems, read_text_file};
use crate::i18n::{Lang, Messages};
use crate::store::{SqliteStore, StoreError};
use crate::visitors::{CALENDAR_FILE_NAME, Calendar, Category, calendar_from_text, local_date};

pub use input::InputProblem;
pub use status::visitors_status;
pub use tours::{tour_end, tour_list, tour_start, visit_add};
pub use transfer::{
    BadLine, LineProblem, db_backup, parse_visits, visitors_export, visitors_import,
};

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
    let text = read_text_file(path)?;
    calendar_from_text(path, &text)
}

/// What every desk command needs: where the store is, the language, and one "now" for the whole
/// command, so a command run at midnight does not see two different days.
pub struct Desk {
    pub data_dir: PathBuf,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    messages: Messages,
}

impl Desk {
    pub fn new(data_dir: PathBuf, lang: Lang) -> Self {
        Desk {
            data_dir,
            lang,
            now: crate::clock::now(),
            messages: Messages::new(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        local_date(self.now)
    }

    pub(crate) fn say(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.messages.get(self.lang, id, args)
    }

    fn category_name(&self, category: Category) -> String {
        self.say(&format!("category-{}", category.as_str()), &[])
    }

    /// A value the guide typed is refused; `field` is the flag or the CSV column.
    fn rejected(&self, field: &str, problem: InputProblem) -> CliError {
        CliError::Message(format!("{field}: {}", self.input_problem(&problem)))
    }

    /// `--at`, or now.
    fn instant_or_now(&self, at: Option<&str>) -> Result<DateTime<Utc>, CliError> {
        at.map_or(Ok(self.now), |text| {
            input::past_instant(text, self.now).map_err(|p| self.rejected("--at", p))
        })
    }

    /// `--date`, or today.
    fn date_or_today(&self, date: Option<&str>) -> Result<NaiveDate, CliError> {
        date.map_or(Ok(self.today()), |text| {
            input::past_date(text, self.today()).map_err(|p| self.rejected("--date", p))
        })
    }

    fn input_problem(&self, problem: &InputProblem) -> String {
        let (id, args) = problem.message();
        self.say(id, &args)
    }

    pub(crate) fn open_store(&self) -> Result<SqliteStore, CliError> {
        crate::store::open(&self.data_dir).map_err(|err| self.store_failed(err))
    }

    pub(crate) fn calendar(&self) -> Result<Calendar, CliError> {
        load_calendar(&self.data_dir).map_err(CliError::Problems)
    }

    pub(crate) fn store_failed(&self, err: StoreError) -> CliError {
        CliError::Message(self.store_words(&err, self.lang))
    }

    /// A store error in words for a guide, in `lang` (the kiosk's panel shows both).
    pub(crate) fn store_words(&self, err: &StoreError, lang: Lang) -> String {
        let say = |id: &str, args: &[(&str, FluentValue<'_>)]| self.messages.get(lang, id, args);
        let text = |s: String| FluentValue::from(s);
        let path = |p: &Path| FluentValue::from(p.display().to_string());
        match err {
            StoreError::CannotCreateDir { path: p, reason } => say(
                "store-cannot-create-dir",
                &[
                    ("path", path(p)),
                    ("reason", text(reason.get(lang).to_string())),
                ],
            ),
            StoreError::NotADatabase { path: p } => {
                say("store-not-a-database", &[("path", path(p))])
            }
            StoreError::Corrupt { path: p } => say("store-corrupt", &[("path", path(p))]),
            StoreError::Foreign { path: p } => say("store-foreign", &[("path", path(p))]),
            StoreError::NewerSchema {
                path: p,
                found,
                known,
            } => say(
                "store-newer-schema",
                &[
                    ("path", path(p)),
                    ("found", FluentValue::from(*found)),
                    ("known", FluentValue::from(*known)),
                ],
            ),
            StoreError::OlderSchema {
                path: p,
                found,
                known,
            } => say(
                "store-older-schema",
                &[
                    ("path", path(p)),
                    ("found", FluentValue::from(*found)),
                    ("known", FluentValue::from(*known)),
                ],
            ),
            StoreError::ReadOnly { path: p } => say("store-read-only", &[("path", path(p))]),
            StoreError::DiskFull { path: p } => say("store-disk-full", &[("path", path(p))]),
            StoreError::Busy { path: p } => say("store-busy", &[("path", path(p))]),
            StoreError::TourNotFound(id) => say("tour-not-found", &[("id", text(id.clone()))]),
            StoreError::AmbiguousTourId(id) => {
                say("tour-ambiguous-id", &[("id", text(id.clone()))])
            }
            StoreError::TourAlreadyEnded { id, ended_at } => say(
                "tour-already-ended",
                &[
                    ("id", text(short_id(id))),
                    ("at", text(local_time(*ended_at))),
                ],
            ),
            StoreError::EndBeforeStart { id, started_at } => say(
                "tour-end-before-start",
                &[
                    ("id", text(short_id(id))),
                    ("at", text(local_time(*started_at))),
                ],
            ),
            StoreError::AlreadyImported {
                kind,
                file_name,
                at,
            } => {
                let when = DateTime::parse_from_rfc3339(at)
                    .map(|at| local_time(at.with_timezone(&Utc)))
                    .unwrap_or_else(|_| at.clone());
                let id = if kind == "export" {
                    "import-was-exported"
                } else {
                    "import-already-imported"
                };
                say(id, &[("file", text(file_name.clone())), ("at", text(when))])
            }
            StoreError::Backup { path: p, reason } => say(
                "backup-failed",
                &[
                    ("path", path(p)),
                    ("reason", text(reason.get(lang).to_string())),
                ],
            ),
            StoreError::BackupFailed { path: p, cause } => say(
                "backup-failed",
                &[
                    ("path", path(p)),
                    ("reason", text(self.store_words(cause, lang))),
                ],
            ),
            StoreError::Sqlite { path: p, message } => say(
                "store-failed",
                &[("path", path(p)), ("reason", text(message.clone()))],
            ),
        }
    }
}

/// The first eight characters of an id: what the guide types to end a tour.
pub fn short_id(id: &uuid::Uuid) -> String {
    id.to_string()[..8].to_string()
}

/// An instant as the desk's wall clock shows it: `2026-04-20 09:30`.
pub fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Kyiv).format("%Y-%m-%d %H:%M").to_string()
}
