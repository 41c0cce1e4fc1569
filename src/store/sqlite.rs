//! The store as one SQLite file in the data dir, shared by the desk CLI and the kiosks of a hall.
//!
//! Several processes write at once (four desks, a kiosk), so: WAL journal (readers never block
//! the writer), a busy timeout instead of instant "database is locked", and every write that
//! reads first in an IMMEDIATE transaction, which takes the write lock before reading and so never
//! fails half-way with a stale snapshot.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};
use uuid::Uuid;

use super::schema::{APPLICATION_ID, LATEST_VERSION, migrations};
use super::{
    ExportRow, ImportBatch, ImportReceipt, NewTour, NewVisit, StoreError, Totals, Tour, Visit,
    VisitorStore,
};
use crate::game::{PlaySession, SessionRecorder};
use crate::i18n::Text;
use crate::indicators::{MissedItem, MonthAnswers, MonthVisitors};
use crate::visitors::{ByCategory, Category, DayCount, local_date};

pub const DATABASE_FILE_NAME: &str = "tourcentre.sqlite";

/// Long enough to wait out another desk's write or a whole import, short enough that a guide is
/// not left staring at a frozen prompt.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// SQLite's own default page cache (2 MB; negative means KiB), restored after an import.
const DEFAULT_CACHE_KIB: i64 = -2_000;
/// Up to 1 GB while an import runs; only what the import dirties is actually used.
const IMPORT_CACHE_KIB: i64 = -1_000_000;

/// Time-ordered (version 7) ids for the rows of one import, made without a system call each:
/// the batch's millisecond, then a counter, so that they sort in insertion order, then random
/// bits drawn once per batch, so that two imports in the same millisecond cannot collide.
struct BatchIds {
    millis: u64,
    counter: u32,
    salt: [u8; 5],
}

impl BatchIds {
    /// The counter lives in the three bytes that version 7 leaves whole (1, 3 and 4 of the
    /// ten it takes); when it runs out the millisecond moves on, which keeps ids ordered.
    const COUNTER_LIMIT: u32 = 1 << 24;

    fn new() -> Self {
        let mut salt = [0u8; 5];
        salt.iter_mut().for_each(|b| *b = fastrand::u8(..));
        BatchIds {
            millis: u64::try_from(crate::clock::now().timestamp_millis()).unwrap_or_default(),
            counter: 0,
            salt,
        }
    }

    fn next(&mut self) -> Uuid {
        if self.counter == Self::COUNTER_LIMIT {
            self.millis += 1;
            self.counter = 0;
        }
        let [_, high, middle, low] = self.counter.to_be_bytes();
        let [s0, s1, s2, s3, s4] = self.salt;
        let bytes = [0, high, 0, middle, low, s0, s1, s2, s3, s4];
        self.counter += 1;
        uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes).into_uuid()
    }
}

/// Rows per multi-row INSERT of an import: 7 parameters each, well under SQLite's 32,766.
const ROWS_PER_INSERT: usize = 64;

fn insert_visits_sql(rows: usize) -> String {
    let values = vec!["(?, ?, ?, ?, ?, ?, ?)"; rows].join(", ");
    format!(
        "INSERT INTO visits (id, visit_date, visitors, category, note, import_id, recorded_at) \
         VALUES {values}"
    )
}

/// Binds `rows` to a statement made by [`insert_visits_sql`] for that many rows.
fn bind_visits(
    statement: &mut rusqlite::Statement<'_>,
    rows: &[&NewVisit],
    ids: &mut BatchIds,
    import_id: &str,
    now: &str,
) -> rusqlite::Result<()> {
    let mut id_text = Uuid::encode_buffer();
    for (i, row) in rows.iter().enumerate() {
        let first = i * 7;
        let id: &str = ids.next().hyphenated().encode_lower(&mut id_text);
        statement.raw_bind_parameter(first + 1, id)?;
        statement.raw_bind_parameter(first + 2, IsoDate::new(row.date).as_str())?;
        statement.raw_bind_parameter(first + 3, row.count)?;
        statement.raw_bind_parameter(first + 4, row.category.as_str())?;
        statement.raw_bind_parameter(first + 5, row.note.as_deref())?;
        statement.raw_bind_parameter(first + 6, import_id)?;
        statement.raw_bind_parameter(first + 7, now)?;
    }
    Ok(())
}

/// A date as `YYYY-MM-DD` without an allocation (an import writes a million of them).
struct IsoDate([u8; 10]);

impl IsoDate {
    fn new(date: NaiveDate) -> Self {
        use chrono::Datelike;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let year = date.year().clamp(0, 9999) as u32;
        let (month, day) = (date.month(), date.day());
        IsoDate([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and dashes are ever written.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

pub struct SqliteStore {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    /// The last year's day counts read, kept until anything is written (see `day_counts`).
    day_cache: std::cell::RefCell<Option<Kept<i32, Vec<DayCount>>>>,
    /// The last range's people per slot, kept the same way (see `slot_people`).
    pub(super) slot_cache:
        std::cell::RefCell<Option<Kept<(NaiveDate, NaiveDate), Vec<(crate::bookings::Slot, u64)>>>>,
}

/// An answer read for `key`, with the store's state when it was read: `total_changes` counts
/// this connection's writes, `PRAGMA data_version` moves when any other connection commits.
pub(super) struct Kept<K, V> {
    key: K,
    total_changes: u64,
    data_version: i64,
    value: V,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish()
    }
}

/// One line of the audit log (who did what to which subject, when), in the caller's transaction.
/// Ids are time-ordered, so lines written in the same second keep their order.
pub(super) fn audit_row(
    conn: &Connection,
    at: DateTime<Utc>,
    user: Option<&str>,
    action: &str,
    subject: &str,
    detail: &serde_json::Value,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (id, at, user_name, action, subject, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            Uuid::now_v7().to_string(),
            timestamp(at),
            user,
            action,
            subject,
            detail.to_string()
        ],
    )
    .map(drop)
}

impl SqliteStore {
    /// `read(self)` for `key`, or the answer kept in `cell` when it was read for the same key and
    /// nothing has been written since, by this connection or any other.
    pub(super) fn kept<K: PartialEq, V: Clone>(
        &self,
        cell: &std::cell::RefCell<Option<Kept<K, V>>>,
        key: K,
        read: impl FnOnce(&Self) -> Result<V, StoreError>,
    ) -> Result<V, StoreError> {
        let total_changes = self.conn.total_changes();
        let data_version: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .map_err(|err| self.error(err))?;
        if let Some(kept) = cell.borrow().as_ref()
            && kept.key == key
            && kept.total_changes == total_changes
            && kept.data_version == data_version
        {
            return Ok(kept.value.clone());
        }
        let value = read(self)?;
        *cell.borrow_mut() = Some(Kept {
            key,
            total_changes,
            data_version,
            value: value.clone(),
        });
        Ok(value)
    }

    /// Opens `data_dir/tourcentre.sqlite`, creating the directory and the file on first use, and
    /// brings the schema up to date.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|err| dir_error(data_dir, &err))?;
        let path = data_dir.join(DATABASE_FILE_NAME);
        let store = Self::connect(&path)?;
        store.upgrade_to(LATEST_VERSION)
    }

    /// Opens `data_dir/tourcentre.sqlite` read-only. A missing file, another program's database
    /// or a schema other than this program's is refused; nothing on disk changes.
    pub fn open_read_only(data_dir: &Path) -> Result<Self, StoreError> {
        let path = data_dir.join(DATABASE_FILE_NAME);
        refuse_non_sqlite_file(&path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|err| classify(&path, err))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|err| classify(&path, err))?;
        let store = SqliteStore {
            conn,
            path,
            day_cache: Default::default(),
            slot_cache: Default::default(),
        };
        let (application_id, user_version, _) = store.identity()?;
        if application_id != APPLICATION_ID {
            return Err(StoreError::Foreign { path: store.path });
        }
        if user_version > LATEST_VERSION as i64 {
            return Err(StoreError::NewerSchema {
                path: store.path,
                found: user_version,
                known: LATEST_VERSION,
            });
        }
        if user_version < LATEST_VERSION as i64 {
            return Err(StoreError::OlderSchema {
                path: store.path,
                found: user_version,
                known: LATEST_VERSION,
            });
        }
        Ok(store)
    }

    /// Creates a store at an older schema version: only for tests of upgrades.
    #[doc(hidden)]
    pub fn create_at_schema_version(data_dir: &Path, version: usize) -> Result<Self, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|err| dir_error(data_dir, &err))?;
        let store = Self::connect(&data_dir.join(DATABASE_FILE_NAME))?;
        store.upgrade_to(version)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|err| self.error(err))
    }

    /// Every row of `sql` run with `params`, each turned into a value by `map`; a failure is
    /// worded for this store's file. Statements are cached: the same few run again and again.
    pub(super) fn all_rows<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement
                    .query_map(params, map)?
                    .collect::<rusqlite::Result<Vec<T>>>()
            })
            .map_err(|err| self.error(err))
    }

    /// SQLite's own verdict on the file: `["ok"]` when sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        self.all_rows("PRAGMA integrity_check", [], |row| row.get::<_, String>(0))
    }

    fn connect(path: &Path) -> Result<Self, StoreError> {
        refuse_non_sqlite_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|err| classify(path, err))?;
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            use_write_ahead_log(&conn)
        };
        setup().map_err(|err| classify(path, err))?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            day_cache: Default::default(),
            slot_cache: Default::default(),
        })
    }

    fn upgrade_to(mut self, version: usize) -> Result<Self, StoreError> {
        let (application_id, user_version, has_tables) = self.identity()?;
        if application_id != 0 && application_id != APPLICATION_ID
            || application_id == 0 && (user_version != 0 || has_tables)
        {
            return Err(StoreError::Foreign { path: self.path });
        }
        if user_version > LATEST_VERSION as i64 {
            return Err(StoreError::NewerSchema {
                path: self.path,
                found: user_version,
                known: LATEST_VERSION,
            });
        }
        if user_version >= version as i64 {
            return Ok(self);
        }
        // Two processes opening a new store at once both see the old version; the second waits for
        // the first's migration, then fails on tables that now exist. The version decides.
        let migrated = migrations().to_version(&mut self.conn, version);
        if let Err(err) = migrated
            && self.schema_version()? < version as i64
        {
            return Err(match err {
                rusqlite_migration::Error::RusqliteError { err, .. } => classify(&self.path, err),
                other => StoreError::Sqlite {
                    path: self.path.clone(),
                    message: other.to_string(),
                },
            });
        }
        Ok(self)
    }

    fn identity(&self) -> Result<(i32, i64, bool), StoreError> {
        // One statement, so one snapshot: read separately, another process's first migration
        // could commit between the reads and show a user_version without its application_id,
        // which looks like a foreign database.
        self.conn
            .query_row(
                "SELECT (SELECT application_id FROM pragma_application_id()), \
                        (SELECT user_version FROM pragma_user_version()), \
                        EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|err| self.error(err))
    }

    pub(super) fn error(&self, err: rusqlite::Error) -> StoreError {
        classify(&self.path, err)
    }

    fn write_session(&mut self, session: &PlaySession) -> Result<(), StoreError> {
        self.write_session_once(session).map(drop)
    }

    /// Writes a session unless one with its id is there: true when it was new.
    pub(super) fn write_session_once(&mut self, session: &PlaySession) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let now = timestamp(crate::clock::now());
        let write = |conn: &mut Connection| -> rusqlite::Result<bool> {
            let tx = conn.transaction()?;
            let inserted = tx.execute(
                "INSERT OR IGNORE INTO play_sessions
                 (id, station, audience, lang, tour_id, started_at, ended_at, play_date, completed, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    session.id.to_string(),
                    session.station,
                    session.audience,
                    session.lang.code(),
                    session.tour_id.map(|id| id.to_string()),
                    timestamp(session.started_at),
                    timestamp(session.ended_at),
                    local_date(session.started_at).to_string(),
                    session.completed,
                    now,
                ],
            )?;
            // Already there: a retry after a write whose success the kiosk did not hear of.
            if inserted == 1 {
                let mut insert = tx.prepare(
                    "INSERT INTO play_answers
                     (id, session_id, position, item, right_bin, chosen, first_try_right, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?;
                for (position, answer) in session.answers.iter().enumerate() {
                    let chosen = serde_json::to_string(&answer.chosen).unwrap_or_default();
                    insert.execute(params![
                        Uuid::now_v7().to_string(),
                        session.id.to_string(),
                        position as i64,
                        answer.item,
                        answer.right_bin,
                        chosen,
                        answer.first_try_right,
                        now,
                    ])?;
                }
            }
            tx.commit()?;
            Ok(inserted == 1)
        };
        write(&mut self.conn).map_err(|err| classify(&path, err))
    }
}

impl SessionRecorder for SqliteStore {
    type Error = StoreError;

    fn record_session(&mut self, session: &PlaySession) -> Result<(), StoreError> {
        self.write_session(session)
    }
}

pub(super) const TOUR_COLUMNS: &str =
    "id, category, group_size, guide, note, started_at, start_date, ended_at, recorded_at, station";

impl VisitorStore for SqliteStore {
    fn start_tour(&mut self, tour: &NewTour) -> Result<Tour, StoreError> {
        let stored = Tour {
            id: Uuid::new_v4(),
            category: tour.category,
            size: tour.size,
            guide: tour.guide.clone(),
            note: tour.note.clone(),
            started_at: tour.started_at,
            start_date: local_date(tour.started_at),
            ended_at: None,
            recorded_at: crate::clock::now(),
            station: tour.station.clone(),
        };
        insert_tour(&self.conn, &stored).map_err(|err| self.error(err))?;
        Ok(stored)
    }

    fn end_tour(&mut self, id: Uuid, at: DateTime<Utc>) -> Result<Tour, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|err| classify(&path, err))?;
        let tour = tx
            .query_row(
                &format!("SELECT {TOUR_COLUMNS} FROM tours WHERE id = ?1"),
                [id.to_string()],
                tour_from_row,
            )
            .optional()
            .map_err(|err| classify(&path, err))?
            .ok_or_else(|| StoreError::TourNotFound(id.to_string()))?;
        if let Some(ended_at) = tour.ended_at {
            return Err(StoreError::TourAlreadyEnded { id, ended_at });
        }
        if at < tour.started_at {
            return Err(StoreError::EndBeforeStart {
                id,
                started_at: tour.started_at,
            });
        }
        tx.execute(
            "UPDATE tours SET ended_at = ?2 WHERE id = ?1 AND ended_at IS NULL",
            params![id.to_string(), timestamp(at)],
        )
        // A booked class's tour: its results go to the teacher (by mail).
        .and_then(|_| super::notices::record_results(&tx, &id.to_string(), at))
        .and_then(|_| tx.commit())
        .map_err(|err| classify(&path, err))?;
        Ok(Tour {
            ended_at: Some(at),
            ..tour
        })
    }

    fn find_tour(&self, id_or_prefix: &str) -> Result<Tour, StoreError> {
        let wanted = id_or_prefix.trim().to_ascii_lowercase();
        let looks_like_an_id =
            !wanted.is_empty() && wanted.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        if !looks_like_an_id {
            return Err(StoreError::TourNotFound(id_or_prefix.to_string()));
        }
        let found = self.all_rows(
            &format!(
                "SELECT {TOUR_COLUMNS} FROM tours WHERE substr(id, 1, length(?1)) = ?1 LIMIT 2"
            ),
            [&wanted],
            tour_from_row,
        )?;
        match <[Tour; 1]>::try_from(found) {
            Ok([tour]) => Ok(tour),
            Err(found) if found.is_empty() => {
                Err(StoreError::TourNotFound(id_or_prefix.to_string()))
            }
            Err(_) => Err(StoreError::AmbiguousTourId(id_or_prefix.to_string())),
        }
    }

    fn open_tours(&self) -> Result<Vec<Tour>, StoreError> {
        self.tours_where("ended_at IS NULL", [])
    }

    fn tours_started_on(&self, date: NaiveDate) -> Result<Vec<Tour>, StoreError> {
        self.tours_where("start_date = ?1", [date.to_string()])
    }

    fn add_visit(&mut self, visit: &NewVisit) -> Result<Visit, StoreError> {
        let stored = Visit {
            id: Uuid::now_v7(),
            date: visit.date,
            count: visit.count,
            category: visit.category,
            note: visit.note.clone(),
            recorded_at: crate::clock::now(),
        };
        self.conn
            .execute(
                "INSERT INTO visits (id, visit_date, visitors, category, note, import_id, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)",
                params![
                    stored.id.to_string(),
                    stored.date.to_string(),
                    stored.count,
                    stored.category.as_str(),
                    stored.note,
                    timestamp(stored.recorded_at),
                ],
            )
            .map_err(|err| self.error(err))?;
        Ok(stored)
    }

    fn visitors_on(&self, date: NaiveDate) -> Result<ByCategory, StoreError> {
        let counts = self.counts_between(date, date)?;
        Ok(ByCategory::from_counts(&counts))
    }

    /// The year's visitors by day and category. Summing a busy year's visits takes tens of
    /// milliseconds, and the server and the kiosk's panel ask for it on every look; the sums are
    /// kept until this connection writes or another one commits, which SQLite tells cheaply.
    fn day_counts(&self, year: i32) -> Result<Vec<DayCount>, StoreError> {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Ok(Vec::new());
        };
        self.kept(&self.day_cache, year, |store| {
            store.counts_between(first, last)
        })
    }

    fn import_visits(&mut self, batch: &ImportBatch) -> Result<ImportReceipt, StoreError> {
        let id = Uuid::new_v4();
        let now = timestamp(crate::clock::now());
        // A million rows dirty a few hundred megabytes of pages; with SQLite's default 2 MB
        // cache they would be written out and read back many times before the commit.
        let _ = self
            .conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_KIB);
        let result = self.import_in_one_transaction(batch, id, &now);
        let _ = self
            .conn
            .pragma_update(None, "cache_size", DEFAULT_CACHE_KIB);
        let visitors = result?;
        Ok(ImportReceipt {
            id,
            rows: batch.rows.len() as u64,
            visitors,
        })
    }

    fn export_rows(
        &self,
        each: &mut dyn FnMut(ExportRow) -> std::io::Result<()>,
    ) -> Result<u64, StoreError> {
        // One statement reads one consistent snapshot, even while a kiosk writes.
        let mut statement = self
            .conn
            .prepare(&format!(
                "SELECT 'visit', id, category, visitors, NULL, note, NULL, visit_date, NULL, recorded_at, NULL
                   FROM visits
                 UNION ALL
                 SELECT 'tour', {TOUR_COLUMNS} FROM tours
                 ORDER BY 8, 10, 2"
            ))
            .map_err(|err| self.error(err))?;
        let mut rows = statement.query([]).map_err(|err| self.error(err))?;
        let mut written = 0;
        while let Some(row) = rows.next().map_err(|err| self.error(err))? {
            let kind: String = row.get(0).map_err(|err| self.error(err))?;
            let record = if kind == "tour" {
                tour_from_row_at(row, 1).map(ExportRow::Tour)
            } else {
                visit_from_row(row).map(ExportRow::Visit)
            }
            .map_err(|err| self.error(err))?;
            each(record).map_err(|err| StoreError::Sqlite {
                path: self.path.clone(),
                message: crate::diagnostics::io_reason(&err).en,
            })?;
            written += 1;
        }
        Ok(written)
    }

    fn record_export(
        &mut self,
        file_name: &str,
        content_sha256: &str,
        rows: u64,
    ) -> Result<(), StoreError> {
        // The same content exported twice is remembered once.
        self.conn
            .execute(
                "INSERT OR IGNORE INTO imports (id, kind, file_name, content_sha256, rows, recorded_at)
                 VALUES (?1, 'export', ?2, ?3, ?4, ?5)",
                params![
                    Uuid::new_v4().to_string(),
                    file_name,
                    content_sha256,
                    rows as i64,
                    timestamp(crate::clock::now())
                ],
            )
            .map(drop)
            .map_err(|err| self.error(err))
    }

    fn totals(&self) -> Result<Totals, StoreError> {
        self.conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM visits),
                        (SELECT COALESCE(SUM(visitors), 0) FROM visits),
                        (SELECT COUNT(*) FROM tours),
                        (SELECT COALESCE(SUM(group_size), 0) FROM tours),
                        (SELECT COUNT(*) FROM play_sessions),
                        (SELECT COUNT(*) FROM play_answers)",
                [],
                |row| {
                    Ok(Totals {
                        visit_rows: count_column(row, 0)?,
                        visit_visitors: count_column(row, 1)?,
                        tours: count_column(row, 2)?,
                        tour_visitors: count_column(row, 3)?,
                        play_sessions: count_column(row, 4)?,
                        play_answers: count_column(row, 5)?,
                    })
                },
            )
            .map_err(|err| self.error(err))
    }

    fn games_in_tour(&self, tour: Uuid) -> Result<u64, StoreError> {
        self.conn
            .query_row(
                "SELECT COUNT(*) FROM play_sessions WHERE tour_id = ?1",
                [tour.to_string()],
                |row| count_column(row, 0),
            )
            .map_err(|err| self.error(err))
    }

    fn visitors_by_month(&self) -> Result<Vec<MonthVisitors>, StoreError> {
        self.all_rows(
            "SELECT substr(day, 1, 7) AS month, SUM(visitors) FROM (
                     SELECT visit_date AS day, visitors FROM visits
                     UNION ALL
                     SELECT start_date, group_size FROM tours
                 ) GROUP BY month ORDER BY month",
            [],
            |row| {
                let (year, month) = year_month_column(row, 0)?;
                Ok(MonthVisitors {
                    year,
                    month,
                    visitors: count_column(row, 1)?,
                })
            },
        )
    }

    fn answers_by_month(&self) -> Result<Vec<MonthAnswers>, StoreError> {
        self.all_rows(
            "SELECT substr(s.play_date, 1, 7) AS month, COUNT(*), SUM(a.first_try_right)
                   FROM play_answers a JOIN play_sessions s ON s.id = a.session_id
                  WHERE a.chosen != '[]'
                  GROUP BY month ORDER BY month",
            [],
            |row| {
                let (year, month) = year_month_column(row, 0)?;
                Ok(MonthAnswers {
                    year,
                    month,
                    answers: count_column(row, 1)?,
                    first_try_right: count_column(row, 2)?,
                })
            },
        )
    }

    fn answers_by_station(
        &self,
        year: i32,
    ) -> Result<Vec<crate::indicators::StationAnswers>, StoreError> {
        self.all_rows(
            "SELECT s.station, COUNT(*), SUM(a.first_try_right)
               FROM play_answers a JOIN play_sessions s ON s.id = a.session_id
              WHERE s.play_date BETWEEN ?1 AND ?2 AND a.chosen != '[]'
              GROUP BY s.station ORDER BY s.station",
            [format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            |row| {
                Ok(crate::indicators::StationAnswers {
                    station: row.get(0)?,
                    answers: count_column(row, 1)?,
                    first_try_right: count_column(row, 2)?,
                })
            },
        )
    }

    fn missed_items(&self, year: i32) -> Result<Vec<MissedItem>, StoreError> {
        self.all_rows(
            "SELECT a.item, a.right_bin, COUNT(*) AS answers,
                        SUM(1 - a.first_try_right) AS missed
                   FROM play_answers a JOIN play_sessions s ON s.id = a.session_id
                  WHERE s.play_date BETWEEN ?1 AND ?2 AND a.chosen != '[]'
                  GROUP BY a.item, a.right_bin
                 HAVING missed > 0
                  ORDER BY missed DESC, answers DESC, a.item",
            [format!("{year:04}-01-01"), format!("{year:04}-12-31")],
            |row| {
                Ok(MissedItem {
                    item: row.get(0)?,
                    right_bin: row.get(1)?,
                    answers: count_column(row, 2)?,
                    missed: count_column(row, 3)?,
                })
            },
        )
    }

    fn backup_to(&self, destination: &Path) -> Result<(), StoreError> {
        let refuse = |reason: Text| StoreError::Backup {
            path: destination.to_path_buf(),
            reason,
        };
        if destination.exists() {
            return Err(refuse(Text::new(
                "такий файл уже є; виберіть нову назву: резервна копія ніколи не перезаписує файл",
                "already exists; choose a new name, a backup never overwrites",
            )));
        }
        let directory = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "backup".into());
        // Written beside the destination and renamed into place, so a backup that fails half-way
        // leaves no file that looks complete.
        let partial = directory.join(format!(".{name}.{}.partial", Uuid::new_v4()));
        let result = copy_database(&self.conn, &partial)
            .map_err(|err| StoreError::BackupFailed {
                path: destination.to_path_buf(),
                cause: Box::new(classify(&partial, err)),
            })
            .and_then(|()| {
                std::fs::rename(&partial, destination)
                    .map_err(|err| refuse(crate::diagnostics::io_reason(&err)))
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}

impl SqliteStore {
    fn import_in_one_transaction(
        &mut self,
        batch: &ImportBatch,
        id: Uuid,
        now: &str,
    ) -> Result<u64, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|err| classify(&path, err))?;
        let earlier = tx
            .query_row(
                "SELECT kind, file_name, recorded_at FROM imports WHERE content_sha256 = ?1",
                [&batch.content_sha256],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .map_err(|err| classify(&path, err))?;
        if let Some((kind, file_name, at)) = earlier {
            return Err(StoreError::AlreadyImported {
                kind,
                file_name,
                at,
            });
        }
        let write = || -> rusqlite::Result<u64> {
            let import_id = id.to_string();
            tx.execute(
                "INSERT INTO imports (id, kind, file_name, content_sha256, rows, recorded_at)
                 VALUES (?1, 'import', ?2, ?3, ?4, ?5)",
                params![
                    import_id,
                    batch.file_name,
                    batch.content_sha256,
                    batch.rows.len() as i64,
                    now
                ],
            )?;
            // In date order, with ids that grow with each row, both the primary key and the
            // date index only grow at their ends, so each insert touches pages already cached.
            let mut in_date_order: Vec<&NewVisit> = batch.rows.iter().collect();
            in_date_order.sort_by_key(|row| (row.date, row.category));
            // Many rows per statement: SQLite's fixed cost per executed statement is a large
            // share of a small insert.
            let mut many = tx.prepare(&insert_visits_sql(ROWS_PER_INSERT))?;
            let mut one = tx.prepare(&insert_visits_sql(1))?;
            let mut ids = BatchIds::new();
            for chunk in in_date_order.chunks(ROWS_PER_INSERT) {
                if chunk.len() == ROWS_PER_INSERT {
                    bind_visits(&mut many, chunk, &mut ids, &import_id, now)?;
                    many.raw_execute()?;
                } else {
                    for row in chunk {
                        bind_visits(
                            &mut one,
                            std::slice::from_ref(row),
                            &mut ids,
                            &import_id,
                            now,
                        )?;
                        one.raw_execute()?;
                    }
                }
            }
            let visitors = batch.rows.iter().map(|row| u64::from(row.count)).sum();
            Ok(visitors)
        };
        let visitors = write().map_err(|err| classify(&path, err))?;
        tx.commit().map_err(|err| classify(&path, err))?;
        Ok(visitors)
    }

    fn tours_where<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> Result<Vec<Tour>, StoreError> {
        self.all_rows(
            &format!("SELECT {TOUR_COLUMNS} FROM tours WHERE {filter} ORDER BY started_at, id"),
            params,
            tour_from_row,
        )
    }

    fn counts_between(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<DayCount>, StoreError> {
        self.all_rows(
            "SELECT day, category, SUM(visitors) FROM (
                     SELECT visit_date AS day, category, SUM(visitors) AS visitors FROM visits
                      WHERE visit_date BETWEEN ?1 AND ?2 GROUP BY visit_date, category
                     UNION ALL
                     SELECT start_date, category, SUM(group_size) FROM tours
                      WHERE start_date BETWEEN ?1 AND ?2 GROUP BY start_date, category
                 ) GROUP BY day, category ORDER BY day, category",
            [first.to_string(), last.to_string()],
            |row| {
                Ok(DayCount {
                    date: date_column(row, 0)?,
                    category: category_column(row, 1)?,
                    visitors: count_column(row, 2)?,
                })
            },
        )
    }
}

impl ByCategory {
    fn from_counts(counts: &[DayCount]) -> Self {
        let mut by_category = ByCategory::default();
        for count in counts {
            let slot = match count.category {
                Category::School => &mut by_category.school,
                Category::Student => &mut by_category.student,
                Category::Adult => &mut by_category.adult,
                Category::Family => &mut by_category.family,
                Category::Other => &mut by_category.other,
            };
            *slot += count.visitors;
        }
        by_category
    }
}

/// Turns on the write-ahead log, which a store keeps from then on. Switching asks for the file's
/// lock from inside the statement's own read, where SQLite does not call the busy handler, so a
/// store being made by two programs at once was refused "busy" at once. Asked again here until
/// the busy timeout, as the handler would; a store already in WAL mode answers the first time.
fn use_write_ahead_log(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |row| {
            row.get::<_, String>(0)
        }) {
            Err(rusqlite::Error::SqliteFailure(failure, _))
                if failure.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            answer => return answer.map(drop),
        }
    }
}

fn copy_database(source: &Connection, destination: &Path) -> rusqlite::Result<()> {
    let mut copy = Connection::open(destination)?;
    {
        let backup = Backup::new(source, &mut copy)?;
        // All pages in one step: one read transaction, so one consistent snapshot. In WAL mode
        // this never blocks a writer; a step told "busy" is retried until the busy timeout.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More | StepResult::Busy | StepResult::Locked
                    if std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                _ => {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                        Some("the store stayed busy during the backup".into()),
                    ));
                }
            }
        }
    }
    // A backup is one self-contained file, not a WAL pair.
    let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
    let verdict: String = copy.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if verdict != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(verdict),
        ));
    }
    copy.close().map_err(|(_, err)| err)
}

/// Refuses, before SQLite touches it, a file that is not an SQLite database (a spreadsheet saved
/// under the store's name, a truncated copy), so it is reported and left as it is.
fn refuse_non_sqlite_file(path: &Path) -> Result<(), StoreError> {
    let Ok(mut file) = std::fs::File::open(path) else {
        // Missing: created on first use. Unreadable: SQLite reports it when opening.
        return Ok(());
    };
    let mut header = Vec::with_capacity(SQLITE_HEADER.len());
    let read = file
        .by_ref()
        .take(SQLITE_HEADER.len() as u64)
        .read_to_end(&mut header);
    match read {
        Ok(0) => Ok(()),
        Ok(_) if header.as_slice() == SQLITE_HEADER => Ok(()),
        Ok(_) => Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        }),
        Err(err) if err.kind() == std::io::ErrorKind::IsADirectory => {
            Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
            })
        }
        Err(_) => Ok(()),
    }
}

fn dir_error(dir: &Path, err: &std::io::Error) -> StoreError {
    match err.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly {
                path: dir.to_path_buf(),
            }
        }
        std::io::ErrorKind::StorageFull => StoreError::DiskFull {
            path: dir.to_path_buf(),
        },
        _ => StoreError::CannotCreateDir {
            path: dir.to_path_buf(),
            reason: crate::diagnostics::io_reason(err),
        },
    }
}

pub(super) fn classify(path: &Path, err: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let path = path.to_path_buf();
    if let rusqlite::Error::SqliteFailure(failure, _) = &err {
        match failure.code {
            ErrorCode::NotADatabase => return StoreError::NotADatabase { path },
            ErrorCode::DatabaseCorrupt => return StoreError::Corrupt { path },
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied => {
                return StoreError::ReadOnly { path };
            }
            ErrorCode::DiskFull => return StoreError::DiskFull { path },
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Busy { path };
            }
            _ => {}
        }
    }
    if let rusqlite::Error::FromSqlConversionFailure(..) = &err {
        return StoreError::Corrupt { path };
    }
    StoreError::Sqlite {
        path,
        message: err.to_string(),
    }
}

/// UTC with a fixed width, so that text order is time order in SQL comparisons.
pub(super) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn conversion_error(index: usize, what: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("{what}: {text:?}").into(),
    )
}

pub(super) fn time_column(row: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(index)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| conversion_error(index, "not a timestamp", &text))
}

fn date_column(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|_| conversion_error(index, "not a date", &text))
}

/// A `YYYY-MM` prefix of a stored date.
fn year_month_column(row: &Row<'_>, index: usize) -> rusqlite::Result<(i32, u32)> {
    let text: String = row.get(index)?;
    let parsed = text
        .split_once('-')
        .and_then(|(year, month)| Some((year.parse().ok()?, month.parse().ok()?)));
    parsed.ok_or_else(|| conversion_error(index, "year-month", &text))
}

fn category_column(row: &Row<'_>, index: usize) -> rusqlite::Result<Category> {
    let text: String = row.get(index)?;
    Category::parse(&text).ok_or_else(|| conversion_error(index, "not a category", &text))
}

/// Counts and sums are never negative; SQLite hands them over as i64.
pub(super) fn count_column(row: &Row<'_>, index: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(index)?;
    u64::try_from(value)
        .map_err(|_| conversion_error(index, "a negative count", &value.to_string()))
}

fn uuid_column(row: &Row<'_>, index: usize) -> rusqlite::Result<Uuid> {
    let text: String = row.get(index)?;
    Uuid::parse_str(&text).map_err(|_| conversion_error(index, "not a UUID", &text))
}

/// Writes a new (open) tour.
pub(super) fn insert_tour(conn: &Connection, tour: &Tour) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT INTO tours ({TOUR_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9)"
        ),
        params![
            tour.id.to_string(),
            tour.category.as_str(),
            tour.size,
            tour.guide,
            tour.note,
            timestamp(tour.started_at),
            tour.start_date.to_string(),
            timestamp(tour.recorded_at),
            tour.station,
        ],
    )
    .map(drop)
}

pub(super) fn tour_from_row(row: &Row<'_>) -> rusqlite::Result<Tour> {
    tour_from_row_at(row, 0)
}

/// A tour from `TOUR_COLUMNS` starting at column `first`.
fn tour_from_row_at(row: &Row<'_>, first: usize) -> rusqlite::Result<Tour> {
    let ended_at: Option<String> = row.get(first + 7)?;
    Ok(Tour {
        id: uuid_column(row, first)?,
        category: category_column(row, first + 1)?,
        size: row.get(first + 2)?,
        guide: row.get(first + 3)?,
        note: row.get(first + 4)?,
        started_at: time_column(row, first + 5)?,
        start_date: date_column(row, first + 6)?,
        ended_at: match ended_at {
            Some(_) => Some(time_column(row, first + 7)?),
            None => None,
        },
        recorded_at: time_column(row, first + 8)?,
        station: row.get(first + 9)?,
    })
}

/// A visit from the export query, whose columns line up with a tour's after the kind.
pub(super) fn visit_from_row(row: &Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: uuid_column(row, 1)?,
        category: category_column(row, 2)?,
        count: row.get(3)?,
        note: row.get(5)?,
        date: date_column(row, 7)?,
        recorded_at: time_column(row, 9)?,
    })
}

#[cfg(test)]
mod id_and_date_tests {
    use super::*;

    #[test]
    fn batch_ids_are_version_7_unique_and_in_order_even_past_the_counter() {
        let mut ids = BatchIds::new();
        ids.counter = BatchIds::COUNTER_LIMIT - 2;
        let made: Vec<Uuid> = (0..5).map(|_| ids.next()).collect();
        assert!(made.iter().all(|id| id.get_version_num() == 7));
        assert!(made.windows(2).all(|pair| pair[0] < pair[1]), "{made:?}");
        // Text order is the order SQLite keeps them in.
        let text: Vec<String> = made.iter().map(Uuid::to_string).collect();
        assert!(text.windows(2).all(|pair| pair[0] < pair[1]), "{text:?}");
    }

    #[test]
    fn iso_dates_match_chrono() {
        for text in ["2026-01-07", "0999-12-31", "2024-02-29"] {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
            assert_eq!(IsoDate::new(date).as_str(), text);
        }
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;

    fn failure(code: std::ffi::c_int) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    // A read-only or full disk cannot be made in a test run as root, so the mapping from
    // SQLite's and the OS's codes to the guide's message is checked here.
    #[test]
    fn read_only_full_and_busy_are_told_apart() {
        let path = Path::new("data/tourcentre.sqlite");
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_READONLY)),
            StoreError::ReadOnly { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_CANTOPEN)),
            StoreError::ReadOnly { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_FULL)),
            StoreError::DiskFull { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_BUSY)),
            StoreError::Busy { .. }
        ));
        assert!(matches!(
            classify(path, failure(rusqlite::ffi::SQLITE_NOTADB)),
            StoreError::NotADatabase { .. }
        ));
        let dir = Path::new("data");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(matches!(
            dir_error(dir, &denied),
            StoreError::ReadOnly { .. }
        ));
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(matches!(dir_error(dir, &full), StoreError::DiskFull { .. }));
    }
}
