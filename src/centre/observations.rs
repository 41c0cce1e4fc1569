//! The Department of Economics' data entry: one observation written into an indicator's CSV, and
//! the history of its changes.
//!
//! A write holds the indicator's lock file (`data/.<id>.csv.lock`, an exclusive lock the system
//! drops when the process dies), so the server's workers and the command line write one file one
//! at a time and nobody's change is lost. Under the lock: the file is read, the observation put
//! in, the WHOLE result checked exactly as `check` checks it, the new file written beside the old
//! one, flushed to disk and renamed over it (atomic), and then the change is kept in the store's
//! audit log with the SHA-256 of the file before and after.
//!
//! The file comes first, the log second: should the process die between the two, the file holds
//! the change and the log does not, and the history shows the file as "changed outside the
//! server" (its SHA-256 is not the last one logged) — a change is never lost and never claimed
//! when it did not happen. Should the log refuse the line (the store busy), the old file is put
//! back and the error said.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Centre, CentreError, InputProblem, input};
use crate::diagnostics::{Problem, io_reason, replace_file};
use crate::i18n::Text;
use crate::indicators::{
    DATA_DIR_NAME, Definition, Edit, Refused, RowChange, apply_edit, load_definition, replace_rows,
    row_text,
};

/// An observation as a person (or a program) gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObservationInput {
    /// As typed; `check`'s words say what is wrong with it.
    pub year: String,
    pub disaggregation: BTreeMap<String, String>,
    pub units: Option<String>,
    /// As typed; blank blanks the observation.
    pub value: String,
    pub source: Option<String>,
    /// Required: why (kept in the history).
    pub comment: String,
    /// The value the person saw: None when not given; Some(None) when they saw none.
    pub expected: Option<Option<f64>>,
}

/// The row as stored (the API's answer).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredObservation {
    pub year: i32,
    /// Disaggregation column → value; empty for the headline series.
    pub disaggregation: BTreeMap<String, String>,
    #[schema(required)]
    pub units: Option<String>,
    #[schema(required)]
    pub source: Option<String>,
    /// Blank (missing) is null.
    #[schema(required)]
    pub value: Option<f64>,
    /// False when the file already held exactly this (nothing written, nothing logged).
    pub changed: bool,
}

/// One line of an indicator's history.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    /// Who; null for a change made outside the server.
    #[schema(required)]
    pub user: Option<String>,
    #[schema(required)]
    pub year: Option<i32>,
    pub disaggregation: BTreeMap<String, String>,
    #[schema(required)]
    pub old: Option<f64>,
    #[schema(required)]
    pub new: Option<f64>,
    /// The person's comment; for a change outside the server, words saying so.
    pub comment: String,
    /// The file was changed outside the server (by hand): what changed is not known.
    pub outside: bool,
    /// A change of the definition: the field (`target`, `benchmark`, `benchmark_source`,
    /// `base_year`); null for a change of the data.
    #[schema(required)]
    pub field: Option<String>,
    /// A row of the data file corrected by hand on the page: its line; null otherwise.
    #[schema(required)]
    pub line: Option<usize>,
    /// The field's value (RON) or the row (CSV) before, as the file wrote it; null when it was
    /// not written, and for a change of one value (`old` says it).
    #[schema(required)]
    pub old_text: Option<String>,
    /// The same after; null for a removed row and for a change of one value.
    #[schema(required)]
    pub new_text: Option<String>,
}

impl HistoryEntry {
    fn plain(at: DateTime<Utc>, user: Option<String>, comment: String) -> Self {
        HistoryEntry {
            at,
            user,
            year: None,
            disaggregation: BTreeMap::new(),
            old: None,
            new: None,
            comment,
            outside: false,
            field: None,
            line: None,
            old_text: None,
            new_text: None,
        }
    }
}

/// Why the value shown to the person is not the stored one any more.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub current: Option<f64>,
    /// The indicator's unit, to say the current value with it.
    pub unit: String,
}

/// The lines the history reads back from the audit log.
#[derive(serde::Deserialize)]
struct Logged {
    year: Option<i32>,
    #[serde(default)]
    disaggregation: BTreeMap<String, String>,
    old: Option<f64>,
    new: Option<f64>,
    #[serde(default)]
    comment: String,
    sha256_before: Option<String>,
    sha256: Option<String>,
    /// A row corrected by hand: its line and text before and after.
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    old_row: Option<String>,
    #[serde(default)]
    new_row: Option<String>,
}

/// The lines the history reads back of a definition's change.
#[derive(serde::Deserialize)]
struct LoggedField {
    field: String,
    old: Option<String>,
    new: Option<String>,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    sha256_before: Option<String>,
    #[serde(default)]
    sha256: Option<String>,
}

/// The server's last write to one file (its SHA-256 before and after, and when), read along the
/// log, to tell an edit by hand between two of the server's writes (or after the last).
#[derive(Default)]
struct LastWritten(Option<(Option<String>, Option<String>, DateTime<Utc>)>);

impl LastWritten {
    /// A write from `before` to `after` at `at`: true when the file had been changed outside the
    /// server since the previous write. The entries of one save (a definition's fields) carry the
    /// same pair, and are one write.
    fn write(
        &mut self,
        before: &Option<String>,
        after: &Option<String>,
        at: DateTime<Utc>,
    ) -> bool {
        let outside = match &self.0 {
            Some((last_before, last_after, _)) => {
                last_after != before && (last_before, last_after) != (before, after)
            }
            None => false,
        };
        self.0 = Some((before.clone(), after.clone(), at));
        outside
    }

    /// True when the file is not what the server last wrote.
    fn differs_from(&self, current: &Option<String>) -> bool {
        self.0.as_ref().is_some_and(|(_, last, _)| last != current)
    }

    /// When the server last wrote the file.
    fn at(&self) -> Option<DateTime<Utc>> {
        self.0.as_ref().map(|(_, _, at)| *at)
    }
}

/// When a file changed outside the server since the server's last write to it was changed: its
/// modification time, but never before `after` (the history's last entry).
fn modified_at(path: &Path, after: Option<DateTime<Utc>>, now: DateTime<Utc>) -> DateTime<Utc> {
    let modified = std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .map(DateTime::<Utc>::from)
        .unwrap_or(now);
    after.map_or(modified, |after| modified.max(after))
}

/// An indicator id as a file name: letters, digits, `-` and `_` (never a path).
pub(super) fn indicator_file(indicators_dir: &Path, id: &str) -> Result<PathBuf, CentreError> {
    let plain = !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let path = indicators_dir.join(format!("{id}.ron"));
    if plain && path.is_file() {
        Ok(path)
    } else {
        Err(CentreError::UnknownIndicator(id.to_string()))
    }
}

/// The indicator's definition, and `data/<id>.csv` unless it is derived from the store.
fn definition_and_data(
    indicators_dir: &Path,
    id: &str,
    this_year: i32,
) -> Result<(Definition, Option<PathBuf>), CentreError> {
    let definition = load_definition(&indicator_file(indicators_dir, id)?, this_year)?;
    let data = definition
        .derived
        .is_none()
        .then(|| indicators_dir.join(DATA_DIR_NAME).join(format!("{id}.csv")));
    Ok((definition, data))
}

/// `data/<id>.csv` of a CSV-backed indicator and its unit, or why it takes no observations.
fn data_file(
    indicators_dir: &Path,
    id: &str,
    this_year: i32,
) -> Result<(PathBuf, String), CentreError> {
    match definition_and_data(indicators_dir, id, this_year)? {
        (definition, Some(path)) => Ok((path, definition.unit)),
        (_, None) => Err(CentreError::DerivedIndicator(id.to_string())),
    }
}

pub(super) fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub(super) fn write_failed(file: &Path, err: &std::io::Error) -> CentreError {
    CentreError::IndicatorWrite {
        file: file.to_path_buf(),
        reason: io_reason(err),
    }
}

/// The file's bytes, None when there is none.
pub(super) fn read_file(path: &Path) -> Result<Option<Vec<u8>>, CentreError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(write_failed(path, &err)),
    }
}

/// Holds the indicator's lock file until dropped (or the process ends).
pub(super) fn lock(path: &Path) -> Result<std::fs::File, CentreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|err| write_failed(dir, &err))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let lock_path = dir.join(format!(".{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|err| write_failed(&lock_path, &err))?;
    file.lock().map_err(|err| write_failed(&lock_path, &err))?;
    Ok(file)
}

impl Centre {
    /// Writes one observation into indicator `id`'s data file (created when missing), as
    /// `user`: only when the whole resulting file passes `check`, and only when `expected`
    /// (when given) is still the stored value. Every change is kept in the audit log.
    pub fn set_observation(
        &mut self,
        indicators_dir: &Path,
        id: &str,
        input: &ObservationInput,
        user: Option<&str>,
    ) -> Result<StoredObservation, CentreError> {
        let last_year = self.today().year();
        let (path, unit) = data_file(indicators_dir, id, last_year)?;
        let comment = input::optional_text(Some(&input.comment))
            .map_err(|p| CentreError::input("comment", p))?
            .ok_or(CentreError::input("comment", InputProblem::Missing))?;
        let optional = |text: &Option<String>| {
            text.as_ref()
                .map(|t| input::optional_text(Some(t)).map(Option::unwrap_or_default))
                .transpose()
        };
        let units = optional(&input.units).map_err(|p| CentreError::input("units", p))?;
        let source = optional(&input.source).map_err(|p| CentreError::input("source", p))?;
        let edit = Edit {
            year: input.year.clone(),
            disaggregation: input.disaggregation.clone(),
            units,
            source,
            value: input.value.clone(),
        };
        let now = self.now();

        let _lock = lock(&path)?;
        let before = read_file(&path)?;
        let text = before
            .as_ref()
            .map(|bytes| utf8(&path, bytes))
            .transpose()?;
        let edited = apply_edit(&path, text.as_deref(), &edit, last_year)
            .map_err(CentreError::ObservationRefused)?;
        if let Some(expected) = input.expected
            && expected != edited.old
        {
            return Err(CentreError::ObservationConflict(Conflict {
                current: edited.old,
                unit,
            }));
        }
        let row = &edited.dataset.rows[edited.row.min(edited.dataset.rows.len().saturating_sub(1))];
        let changed = text.as_deref() != Some(edited.text.as_str());
        let stored = StoredObservation {
            year: row.year,
            disaggregation: row.disaggregation.clone(),
            units: row.units.clone(),
            source: row.source.clone(),
            value: row.value,
            changed,
        };
        if !changed {
            return Ok(stored);
        }
        replace_file(&path, edited.text.as_bytes()).map_err(|err| write_failed(&path, &err))?;
        let detail = serde_json::json!({
            "year": row.year,
            "disaggregation": row.disaggregation,
            "old": edited.old,
            "new": row.value,
            "units": row.units,
            "source": row.source,
            "comment": comment,
            "file": format!("{DATA_DIR_NAME}/{id}.csv"),
            "sha256_before": before.as_deref().map(sha256),
            "sha256": sha256(edited.text.as_bytes()),
        });
        let logged = self
            .store()
            .and_then(|store| Ok(store.record_observation(id, user, &detail, now)?));
        if let Err(err) = logged {
            // Not in the history, so not in the file either.
            let _ = match &before {
                Some(bytes) => replace_file(&path, bytes),
                None => std::fs::remove_file(&path),
            };
            return Err(err);
        }
        Ok(stored)
    }

    /// Corrects (or, every cell blank, removes) rows of indicator `id`'s data file, all at once,
    /// as `user`: the way to mend a file `check` refuses from the page. Only when each row is
    /// still the one the person saw (else [`CentreError::RowChanged`]) and the whole resulting
    /// file passes `check`; each row kept in the history like an observation.
    pub fn set_rows(
        &mut self,
        indicators_dir: &Path,
        id: &str,
        rows: &RowsInput,
        user: Option<&str>,
    ) -> Result<Vec<StoredRow>, CentreError> {
        let last_year = self.today().year();
        let (path, _) = data_file(indicators_dir, id, last_year)?;
        let comment = input::optional_text(Some(&rows.comment))
            .map_err(|p| CentreError::input("comment", p))?
            .ok_or(CentreError::input("comment", InputProblem::Missing))?;
        let first_line = rows.rows.first().map_or(0, |row| row.line);
        let now = self.now();
        let _lock = lock(&path)?;
        let before = read_file(&path)?;
        let text = match &before {
            Some(bytes) => utf8(&path, bytes)?,
            None => return Err(CentreError::RowChanged { line: first_line }),
        };
        let fixed = replace_rows(&path, &text, &rows.rows, last_year)
            .map_err(|line| CentreError::RowChanged { line })?
            .map_err(CentreError::ObservationRefused)?;
        let stored: Vec<StoredRow> = fixed
            .rows
            .iter()
            .map(|row| StoredRow {
                line: row.old.line,
                cells: row.new.clone(),
                changed: fixed.text != text,
            })
            .collect();
        if fixed.text == text {
            return Ok(stored);
        }
        replace_file(&path, fixed.text.as_bytes()).map_err(|err| write_failed(&path, &err))?;
        let (sha_before, sha_after) = (sha256(text.as_bytes()), sha256(fixed.text.as_bytes()));
        let details: Vec<serde_json::Value> = fixed
            .rows
            .iter()
            .filter(|row| row.new.as_ref() != Some(&row.old.cells))
            .enumerate()
            .map(|(n, row)| {
                // The row as `check` reads it now, when it is an observation.
                let observed = row.row.and_then(|i| fixed.dataset.rows.get(i));
                serde_json::json!({
                    "year": observed.map(|r| r.year),
                    "disaggregation": observed.map(|r| r.disaggregation.clone()).unwrap_or_default(),
                    "old": null,
                    "new": observed.and_then(|r| r.value),
                    "line": row.old.line,
                    "old_row": row.old.text(),
                    "new_row": row.new.as_deref().map(row_text),
                    "comment": comment,
                    "file": format!("{DATA_DIR_NAME}/{id}.csv"),
                    // One change of the file: the lines after the first continue from it.
                    "sha256_before": if n == 0 { &sha_before } else { &sha_after },
                    "sha256": sha_after,
                })
            })
            .collect();
        let logged = self
            .store()
            .and_then(|store| Ok(store.record_observations(id, user, &details, now)?));
        if let Err(err) = logged {
            let _ = replace_file(&path, text.as_bytes());
            return Err(err);
        }
        Ok(stored)
    }

    /// Indicator `id`'s changes, newest first: its data's and its definition's (each with its
    /// `field`). An edit of either file outside the server, its SHA-256 not the last one the
    /// server wrote, shows as an entry with `outside` set (and `field` `definition` for the
    /// definition's file). A derived indicator has only the definition's.
    pub fn observation_history(
        &mut self,
        indicators_dir: &Path,
        id: &str,
    ) -> Result<Vec<HistoryEntry>, CentreError> {
        let (_, data) = definition_and_data(indicators_dir, id, self.today().year())?;
        let definition_file = indicator_file(indicators_dir, id)?;
        let log = self.store()?.observation_log(id)?;
        let hash_of = |path: &Path| -> Result<Option<String>, CentreError> {
            Ok(read_file(path)?.map(|bytes| sha256(&bytes)))
        };
        let current = match &data {
            Some(path) => hash_of(path)?,
            None => None,
        };
        let outside = |at: DateTime<Utc>| HistoryEntry {
            outside: true,
            ..HistoryEntry::plain(at, None, String::new())
        };
        let outside_definition = |at: DateTime<Utc>| HistoryEntry {
            field: Some(DEFINITION_FILE.into()),
            ..outside(at)
        };
        let mut history = Vec::new();
        let mut data_written = LastWritten::default();
        let mut definition_written = LastWritten::default();
        for entry in log.iter().rev() {
            if entry.action == crate::store::DEFINITION_ACTION {
                let Ok(logged) = serde_json::from_value::<LoggedField>(entry.detail.clone()) else {
                    continue;
                };
                if definition_written.write(&logged.sha256_before, &logged.sha256, entry.at) {
                    history.push(outside_definition(entry.at));
                }
                history.push(HistoryEntry {
                    field: Some(logged.field),
                    old_text: logged.old,
                    new_text: logged.new,
                    ..HistoryEntry::plain(entry.at, entry.user.clone(), logged.comment)
                });
                continue;
            }
            let Ok(logged) = serde_json::from_value::<Logged>(entry.detail.clone()) else {
                continue;
            };
            if data_written.write(&logged.sha256_before, &logged.sha256, entry.at) {
                history.push(outside(entry.at));
            }
            history.push(HistoryEntry {
                year: logged.year,
                disaggregation: logged.disaggregation,
                old: logged.old,
                new: logged.new,
                line: logged.line,
                old_text: logged.old_row,
                new_text: logged.new_row,
                ..HistoryEntry::plain(entry.at, entry.user.clone(), logged.comment)
            });
        }
        // Each edit by hand found at the end happened after the server's last write to that file.
        let now = self.now();
        if let Some(path) = &data
            && data_written.differs_from(&current)
        {
            history.push(outside(modified_at(path, data_written.at(), now)));
        }
        if definition_written.differs_from(&hash_of(&definition_file)?) {
            let at = modified_at(&definition_file, definition_written.at(), now);
            history.push(outside_definition(at));
        }
        // The two edits by hand found at the end, in the order they were made (a stable sort:
        // the log's own entries keep theirs).
        history.sort_by_key(|entry| entry.at);
        history.reverse();
        Ok(history)
    }
}

/// Rows of a data file as a person corrected them on the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RowsInput {
    pub rows: Vec<RowChange>,
    /// Required: why (kept in the history).
    pub comment: String,
}

/// A corrected row as stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredRow {
    pub line: usize,
    /// None: the row was removed.
    pub cells: Option<Vec<String>>,
    pub changed: bool,
}

/// The file's text, or the problem that it is not UTF-8.
pub(super) fn utf8(path: &Path, bytes: &[u8]) -> Result<String, CentreError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        CentreError::Problems(
            Problem::in_file(
                path,
                Text::new(
                    "файл не в кодуванні UTF-8 (збережіть його як CSV UTF-8)",
                    "the file is not UTF-8 (save it as CSV UTF-8)",
                ),
            )
            .into(),
        )
    })
}

/// The `field` of an entry saying the definition's file was changed outside the server.
pub const DEFINITION_FILE: &str = "definition";

/// The history with each change outside the server worded in the reader's language.
pub fn worded(mut history: Vec<HistoryEntry>, words: &crate::i18n::Words) -> Vec<HistoryEntry> {
    for entry in &mut history {
        if entry.outside {
            entry.comment = words.text(match entry.field.as_deref() {
                Some(DEFINITION_FILE) => "indicator-definition-changed-outside",
                _ => "indicator-changed-outside",
            });
        }
    }
    history
}

/// The problems of a refused observation, each with the field it is about (`year`, `value`,
/// `units`, `source`, `disaggregation.COLUMN`) when it is about the edited row.
pub fn refused_fields(refused: &Refused) -> Vec<(Option<String>, &Problem)> {
    refused
        .problems
        .0
        .iter()
        .zip(&refused.fields)
        .map(|(problem, field)| (field.as_ref().map(|f| f.name()), problem))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFINITION: &str = r#"(
    id: "waste",
    name: (uk: "Відходи", en: "Waste"),
    sector: "solid-waste",
    psr: Pressure,
    unit: "t",
    direction: Lower,
    source: "Департамент",
)"#;

    fn setup() -> (tempfile::TempDir, PathBuf, Centre) {
        let dir = tempfile::tempdir().unwrap();
        let indicators = dir.path().join("indicators");
        std::fs::create_dir_all(&indicators).unwrap();
        std::fs::write(indicators.join("waste.ron"), DEFINITION).unwrap();
        let centre = Centre::new(dir.path().join("data"));
        (dir, indicators, centre)
    }

    fn input(year: &str, value: &str, comment: &str) -> ObservationInput {
        ObservationInput {
            year: year.into(),
            value: value.into(),
            comment: comment.into(),
            ..ObservationInput::default()
        }
    }

    #[test]
    fn a_value_is_written_logged_and_its_history_read_back() {
        let (_dir, indicators, mut centre) = setup();
        let stored = centre
            .set_observation(
                &indicators,
                "waste",
                &input("2024", "12.5", "звіт"),
                Some("iryna"),
            )
            .unwrap();
        assert_eq!(
            (stored.year, stored.value, stored.changed),
            (2024, Some(12.5), true)
        );
        let text = std::fs::read_to_string(indicators.join("data/waste.csv")).unwrap();
        assert_eq!(text, "Year,Value\n2024,12.5\n");
        let mut again = input("2024", "13", "уточнено");
        again.expected = Some(Some(12.5));
        centre
            .set_observation(&indicators, "waste", &again, Some("iryna"))
            .unwrap();
        let history = centre.observation_history(&indicators, "waste").unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!((history[0].old, history[0].new), (Some(12.5), Some(13.0)));
        assert_eq!(history[0].comment, "уточнено");
        assert_eq!((history[1].old, history[1].new), (None, Some(12.5)));
        assert!(history.iter().all(|entry| !entry.outside));
    }

    #[test]
    fn a_stale_expected_value_is_a_conflict_with_the_current_one() {
        let (_dir, indicators, mut centre) = setup();
        centre
            .set_observation(&indicators, "waste", &input("2024", "10", "a"), None)
            .unwrap();
        let mut stale = input("2024", "11", "b");
        stale.expected = Some(None);
        match centre.set_observation(&indicators, "waste", &stale, None) {
            Err(CentreError::ObservationConflict(conflict)) => {
                assert_eq!(conflict.current, Some(10.0));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_comment_is_required_and_a_refused_value_writes_nothing() {
        let (_dir, indicators, mut centre) = setup();
        assert!(matches!(
            centre.set_observation(&indicators, "waste", &input("2024", "1", "  "), None),
            Err(CentreError::Input {
                field: "comment",
                ..
            })
        ));
        assert!(matches!(
            centre.set_observation(&indicators, "waste", &input("2024", "1,5", "x"), None),
            Err(CentreError::ObservationRefused(_))
        ));
        assert!(!indicators.join("data/waste.csv").exists());
        assert!(matches!(
            centre.set_observation(&indicators, "../waste", &input("2024", "1", "x"), None),
            Err(CentreError::UnknownIndicator(_))
        ));
    }

    #[test]
    fn an_edit_by_hand_shows_as_changed_outside_the_server() {
        let (_dir, indicators, mut centre) = setup();
        centre
            .set_observation(&indicators, "waste", &input("2024", "10", "a"), None)
            .unwrap();
        std::fs::write(
            indicators.join("data/waste.csv"),
            "Year,Value\n2024,10\n2023,9\n",
        )
        .unwrap();
        let history = centre.observation_history(&indicators, "waste").unwrap();
        assert_eq!(history.len(), 2);
        assert!(history[0].outside);
        centre
            .set_observation(&indicators, "waste", &input("2025", "8", "b"), None)
            .unwrap();
        let history = centre.observation_history(&indicators, "waste").unwrap();
        let outside: Vec<bool> = history.iter().map(|entry| entry.outside).collect();
        assert_eq!(outside, [false, true, false]);
    }

    #[test]
    fn an_edit_by_hand_that_the_next_save_undoes_is_still_in_the_history() {
        let (_dir, indicators, mut centre) = setup();
        let file = indicators.join("data/waste.csv");
        centre
            .set_observation(&indicators, "waste", &input("2024", "10", "a"), None)
            .unwrap();
        let written = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, written.replace("2024,10", "2024,12")).unwrap();
        centre
            .set_observation(&indicators, "waste", &input("2024", "10", "b"), None)
            .unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
        let history = centre.observation_history(&indicators, "waste").unwrap();
        let outside: Vec<bool> = history.iter().map(|entry| entry.outside).collect();
        assert_eq!(outside, [false, true, false]);
        assert_eq!(history[0].old, Some(12.0));
    }
}
