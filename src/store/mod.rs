//! The visitor store: tours, visits, imports and the exhibit's play sessions. Every SQL statement
//! of the project lives in this module.
//!
//! Commands, the exhibit and the calculations see only [`VisitorStore`], so a server database
//! shared by several halls can be added later as another implementation beside [`SqliteStore`].

mod schema;
mod sqlite;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::indicators::{CentreFigures, MissedItem, MonthAnswers, MonthVisitors};
use crate::visitors::{ByCategory, Calendar, Category, DayCount, YearStatus, year_status};

mod accounts;
mod bookings;
mod class_results;
mod feeds;
mod indicator_log;
mod notices;
mod outbox;
mod stations;
mod words;

pub use accounts::{AuditEntry, Credentials, Role, User};
pub use bookings::{BookingChange, Erase, StoredBooking};
pub use class_results::{TourMiss, TourPlay};
pub use feeds::{FeedRevoke, FeedToken};
pub use indicator_log::{DEFINITION_ACTION, OBSERVATION_ACTION};
pub use notices::{MailOutcome, StoredNotice};
pub use outbox::OutboxCounts;
pub use schema::LATEST_VERSION;
pub use sqlite::{DATABASE_FILE_NAME, SqliteStore};
pub use stations::{Heartbeat, Station};

/// Opens (creating on first use, with its directory) the store in `data_dir`.
pub fn open(data_dir: &Path) -> Result<SqliteStore, StoreError> {
    SqliteStore::open(data_dir)
}

/// Opens the existing store in `data_dir` to read it only: nothing is created, upgraded or written,
/// so reports never change the store a kiosk is using.
pub fn open_read_only(data_dir: &Path) -> Result<SqliteStore, StoreError> {
    SqliteStore::open_read_only(data_dir)
}

/// A tour as the guide registers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTour {
    pub category: Category,
    pub size: u32,
    pub guide: Option<String>,
    pub note: Option<String>,
    pub started_at: DateTime<Utc>,
    /// The kiosk whose guide panel started it; None from the desk.
    pub station: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tour {
    pub id: Uuid,
    pub category: Category,
    pub size: u32,
    pub guide: Option<String>,
    pub note: Option<String>,
    pub started_at: DateTime<Utc>,
    /// The local (Europe/Kyiv) date the tour's visitors count on.
    pub start_date: NaiveDate,
    pub ended_at: Option<DateTime<Utc>>,
    pub recorded_at: DateTime<Utc>,
    /// The kiosk whose guide panel started it; None from the desk.
    pub station: Option<String>,
}

impl Tour {
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// Walk-in visitors (or one row of an imported file) on a local date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVisit {
    pub date: NaiveDate,
    pub count: u32,
    pub category: Category,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub id: Uuid,
    pub date: NaiveDate,
    pub count: u32,
    pub category: Category,
    pub note: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// A whole file of visits, written all together or not at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportBatch {
    pub file_name: String,
    /// Identifies the content, so the same file is refused the second time.
    pub content_sha256: String,
    pub rows: Vec<NewVisit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReceipt {
    pub id: Uuid,
    pub rows: u64,
    pub visitors: u64,
}

/// One line of an export: a walk-in visit, or a tour counted as its group on its start date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportRow {
    Visit(Visit),
    Tour(Tour),
}

/// How much the store holds, for tests and for a guide who wonders.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub visit_rows: u64,
    pub visit_visitors: u64,
    pub tours: u64,
    pub tour_visitors: u64,
    pub play_sessions: u64,
    pub play_answers: u64,
}

/// Everything the guides' commands and the exhibit's guide panel need from a store.
pub trait VisitorStore {
    fn start_tour(&mut self, tour: &NewTour) -> Result<Tour, StoreError>;

    /// Ends an open tour. Refused when it does not exist, has ended already, or `at` is before
    /// its start; the check and the write are one transaction.
    fn end_tour(&mut self, id: Uuid, at: DateTime<Utc>) -> Result<Tour, StoreError>;

    /// The tour whose id is `id_or_prefix` or starts with it (guides type the first characters).
    fn find_tour(&self, id_or_prefix: &str) -> Result<Tour, StoreError>;

    /// Tours not yet ended, oldest first, whatever day they started.
    fn open_tours(&self) -> Result<Vec<Tour>, StoreError>;

    /// Tours that started on a local date, open or not, in order of start.
    fn tours_started_on(&self, date: NaiveDate) -> Result<Vec<Tour>, StoreError>;

    fn add_visit(&mut self, visit: &NewVisit) -> Result<Visit, StoreError>;

    /// Visitors on a local date by category: walk-ins plus tours started that day.
    fn visitors_on(&self, date: NaiveDate) -> Result<ByCategory, StoreError>;

    /// Visitors per local date and category over a calendar year (visits and tours together).
    fn day_counts(&self, year: i32) -> Result<Vec<DayCount>, StoreError>;

    fn import_visits(&mut self, batch: &ImportBatch) -> Result<ImportReceipt, StoreError>;

    /// Every visit and tour, in date order, handed to `each`; returns how many rows.
    fn export_rows(
        &self,
        each: &mut dyn FnMut(ExportRow) -> std::io::Result<()>,
    ) -> Result<u64, StoreError>;

    /// Remembers an exported file's content, so importing it back into this store is refused.
    fn record_export(
        &mut self,
        file_name: &str,
        content_sha256: &str,
        rows: u64,
    ) -> Result<(), StoreError>;

    fn totals(&self) -> Result<Totals, StoreError>;

    /// A consistent copy of the whole store at `destination`, taken while others may write.
    fn backup_to(&self, destination: &Path) -> Result<(), StoreError>;

    /// How many rounds of the exhibit were played while this tour was on (sessions tagged with it).
    fn games_in_tour(&self, tour: Uuid) -> Result<u64, StoreError>;

    /// Visitors per calendar month over every year held (visits and tours together), in order.
    fn visitors_by_month(&self) -> Result<Vec<MonthVisitors>, StoreError>;

    /// The exhibit's answers per calendar month (by play date), in order.
    fn answers_by_month(&self) -> Result<Vec<MonthAnswers>, StoreError>;

    /// Items of a year by how often their first bin was wrong, most missed first; items never
    /// missed are left out.
    fn missed_items(&self, year: i32) -> Result<Vec<MissedItem>, StoreError>;

    /// The year's answered items by kiosk station.
    fn answers_by_station(
        &self,
        year: i32,
    ) -> Result<Vec<crate::indicators::StationAnswers>, StoreError>;

    /// What the centre's indicators and report section need, read at once.
    fn centre_figures(&self, year: i32) -> Result<CentreFigures, StoreError> {
        Ok(CentreFigures {
            visitors_by_month: self.visitors_by_month()?,
            answers_by_month: self.answers_by_month()?,
            missed_items: self.missed_items(year)?,
            by_station: self.answers_by_station(year)?,
        })
    }

    /// The year of `as_of` on `as_of`, against the calendar's target.
    fn year_status(&self, calendar: &Calendar, as_of: NaiveDate) -> Result<YearStatus, StoreError> {
        use chrono::Datelike;
        let counts = self.day_counts(as_of.year())?;
        Ok(year_status(calendar, as_of, &counts))
    }
}

/// Why the store refused or failed. Messages name the file; `Wording` words them for a guide.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot create the data directory: {}", reason.en)]
    CannotCreateDir {
        path: PathBuf,
        reason: crate::i18n::Text,
    },
    #[error("{path}: is not a tourcentre database (it is not an SQLite file, or it is damaged)")]
    NotADatabase { path: PathBuf },
    #[error("{path}: the database is damaged; restore it from a backup (tourcentre db backup)")]
    Corrupt { path: PathBuf },
    #[error("{path}: is an SQLite database of another program, not a tourcentre store")]
    Foreign { path: PathBuf },
    #[error(
        "{path}: was written by a newer tourcentre (schema {found}, this program knows up to {known}); update the program"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error(
        "{path}: was written by an older tourcentre (schema {found}, this program has {known}); any guide command (tour list) brings it up to date"
    )]
    OlderSchema {
        path: PathBuf,
        found: i64,
        known: usize,
    },
    #[error("{path}: cannot write: the file or its directory is read-only")]
    ReadOnly { path: PathBuf },
    #[error("{path}: cannot write: the disk is full")]
    DiskFull { path: PathBuf },
    #[error("{path}: the database stayed busy (another program is writing); try again")]
    Busy { path: PathBuf },
    #[error("no tour has the id {0}")]
    TourNotFound(String),
    #[error("several tours start with {0}; type more of the id")]
    AmbiguousTourId(String),
    #[error("tour {id} already ended at {ended_at}")]
    TourAlreadyEnded { id: Uuid, ended_at: DateTime<Utc> },
    #[error("tour {id} started at {started_at}; it cannot end before that")]
    EndBeforeStart { id: Uuid, started_at: DateTime<Utc> },
    #[error("this content was already {kind}ed as {file_name} at {at}")]
    AlreadyImported {
        kind: String,
        file_name: String,
        at: String,
    },
    #[error("{path}: {}", reason.en)]
    Backup {
        path: PathBuf,
        reason: crate::i18n::Text,
    },
    /// The copy itself failed, for the reason the store gives.
    #[error("{path}: {cause}")]
    BackupFailed {
        path: PathBuf,
        cause: Box<StoreError>,
    },
    #[error("{path}: {message}")]
    Sqlite { path: PathBuf, message: String },
    #[error("there is already a user {0}")]
    UserExists(String),
    #[error("there is no user {0}")]
    UserNotFound(String),
    #[error("no walk-in record has the id {0}")]
    VisitNotFound(String),
    #[error("there is already a station {0}")]
    StationExists(String),
    #[error("there is no station {0}")]
    StationNotFound(String),
    /// The slot has room for fewer people than the booking brings.
    #[error("the slot is full: {free} places left, {wanted} wanted")]
    BookingFull { free: u64, wanted: u64 },
    /// A booking with the same phone holds a place in the same slot.
    #[error("this phone already has a booking for this slot")]
    BookingDuplicate,
    #[error("there is no booking {0}")]
    BookingNotFound(String),
    /// The booking's contact details were erased: nothing personal is written to it again.
    #[error("the contact details of booking {0} were erased")]
    BookingErased(String),
    /// The booking changed state meanwhile (another guide, the teacher): nothing was written.
    #[error("booking {code} is {status} now")]
    BookingChanged { code: String, status: String },
    /// No "tell the teacher" item or mail has this number.
    #[error("there is no notice {0}")]
    NoticeNotFound(i64),
    /// The notice was sent, told, superseded or erased meanwhile: nothing was written.
    #[error("notice {0} is no longer open")]
    NoticeClosed(i64),
}

/// The first eight characters of an id: what a guide types to end a tour.
pub fn short_id(id: &Uuid) -> String {
    id.to_string()[..8].to_string()
}

#[cfg(test)]
mod tests;
