//! The history of the indicators' files: every observation the server (or the command line)
//! writes into an indicator's CSV is kept in the audit log, with the SHA-256 of the file before
//! and after it, so an edit made by hand in between shows; every field of a definition changed
//! through them is kept there too, one line per field (no table of its own: the audit log holds
//! who, when, what and a JSON detail).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::sqlite::time_column;
use super::{AuditEntry, SqliteStore, StoreError};

/// The audit log's action for one observation written into an indicator's data file.
pub const OBSERVATION_ACTION: &str = "indicator-observation";

/// The audit log's action for one field of an indicator's definition changed.
pub const DEFINITION_ACTION: &str = "indicator-definition";

fn subject(indicator: &str) -> String {
    format!("indicator {indicator}")
}

impl SqliteStore {
    /// Keeps one change of an indicator's data in the audit log (`detail` holds the year, the
    /// disaggregation, the old and new value, the comment and the file's SHA-256 before and
    /// after).
    pub fn record_observation(
        &mut self,
        indicator: &str,
        user: Option<&str>,
        detail: &serde_json::Value,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        super::sqlite::audit_row(
            &self.conn,
            at,
            user,
            OBSERVATION_ACTION,
            &subject(indicator),
            detail,
        )
        .map_err(|err| self.error(err))
    }

    /// Keeps the changed fields of an indicator's definition in the audit log, one line each
    /// (`details` hold the field, the old and new value text, the comment and the file's SHA-256
    /// before and after), all or none.
    pub fn record_definition(
        &mut self,
        indicator: &str,
        user: Option<&str>,
        details: &[serde_json::Value],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.audit_rows(DEFINITION_ACTION, indicator, user, details, at)
    }

    /// Keeps several rows of one change of an indicator's data in the audit log (rows corrected
    /// together on the page), all or none.
    pub fn record_observations(
        &mut self,
        indicator: &str,
        user: Option<&str>,
        details: &[serde_json::Value],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.audit_rows(OBSERVATION_ACTION, indicator, user, details, at)
    }

    fn audit_rows(
        &mut self,
        action: &str,
        indicator: &str,
        user: Option<&str>,
        details: &[serde_json::Value],
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let failed = |err| super::sqlite::classify(&path, err);
        let tx = self.conn.transaction().map_err(failed)?;
        for detail in details {
            super::sqlite::audit_row(&tx, at, user, action, &subject(indicator), detail)
                .map_err(failed)?;
        }
        tx.commit().map_err(failed)
    }

    /// The changes of one indicator's data and definition, newest first (in the order they were
    /// written when two share a time); `action` tells them apart.
    pub fn observation_log(&self, indicator: &str) -> Result<Vec<AuditEntry>, StoreError> {
        self.all_rows(
            "SELECT at, user_name, action, subject, detail FROM audit_log
              WHERE action IN (?1, ?3) AND subject = ?2
              ORDER BY at DESC, rowid DESC",
            params![OBSERVATION_ACTION, subject(indicator), DEFINITION_ACTION],
            |row| {
                let detail: String = row.get(4)?;
                Ok(AuditEntry {
                    at: time_column(row, 0)?,
                    user: row.get(1)?,
                    action: row.get(2)?,
                    subject: row.get(3)?,
                    detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn an_indicators_changes_come_back_newest_first_and_only_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::store::open(dir.path()).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 5, 20, 10, 0, 0).unwrap();
        for (indicator, n) in [("a", 1), ("b", 2), ("a", 3)] {
            store
                .record_observation(indicator, Some("iryna"), &serde_json::json!({"n": n}), at)
                .unwrap();
        }
        let log = store.observation_log("a").unwrap();
        let numbers: Vec<i64> = log
            .iter()
            .filter_map(|entry| entry.detail["n"].as_i64())
            .collect();
        assert_eq!(numbers, [3, 1]);
        assert_eq!(log[0].user.as_deref(), Some("iryna"));
        assert_eq!(log[0].subject, "indicator a");
        store
            .record_definition(
                "a",
                None,
                &[serde_json::json!({"n": 4}), serde_json::json!({"n": 5})],
                at,
            )
            .unwrap();
        let log = store.observation_log("a").unwrap();
        assert_eq!(log.len(), 4);
        assert_eq!(log[0].action, DEFINITION_ACTION);
        assert_eq!(log[0].detail["n"], 5);
    }
}
