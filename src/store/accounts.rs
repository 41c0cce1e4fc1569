//! The server's people and their keys: users with a role and a password hash, API tokens kept as
//! the SHA-256 of their secret, and the audit log (voided records are kept there whole).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::sqlite::{TOUR_COLUMNS, time_column, timestamp, tour_from_row, visit_from_row};
use super::{SqliteStore, StoreError, Tour, Visit};

/// What a person may do on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The desk, bookings, stations.
    Guide,
    /// Indicators, data entry, report, open data; reads the desk's figures.
    Economist,
    /// Everything, plus users, the calendar, backups.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Guide, Role::Economist, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Guide => "guide",
            Role::Economist => "economist",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == text)
    }
}

/// A person who signs in to the server.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    /// The last change of password.
    pub changed_at: DateTime<Utc>,
    /// Random when the account is made, one more at every new password: a session begun under
    /// another number has ended.
    pub generation: i64,
    /// How many API tokens the person holds.
    pub tokens: u64,
}

/// A user with the hash to check a password against.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub user: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

const USER_COLUMNS: &str = "users.name, users.role, users.created_at, users.changed_at,
    (SELECT COUNT(*) FROM api_tokens AS t WHERE t.user_name = users.name), users.generation";

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = row.get(1)?;
    Ok(User {
        name: row.get(0)?,
        role: Role::parse(&role).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("role: {role:?}").into(),
            )
        })?,
        created_at: time_column(row, 2)?,
        changed_at: time_column(row, 3)?,
        tokens: row.get::<_, i64>(4)?.max(0) as u64,
        generation: row.get(5)?,
    })
}

impl SqliteStore {
    pub fn add_user(
        &mut self,
        name: &str,
        role: Role,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<User, StoreError> {
        let when = timestamp(at);
        let inserted = self
            .conn
            .execute(
                "INSERT OR IGNORE INTO users (name, role, password_hash, created_at, changed_at, generation)
                 VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                // A random start: a user removed and added again under the same name is another
                // account, whose sessions never match the old one's.
                params![name, role.as_str(), password_hash, when, fastrand::i64(..)],
            )
            .map_err(|err| self.error(err))?;
        if inserted == 0 {
            return Err(StoreError::UserExists(name.to_string()));
        }
        self.user(name)
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        self.all_rows(
            &format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"),
            [],
            user_from_row,
        )
    }

    pub fn user(&self, name: &str) -> Result<User, StoreError> {
        self.credentials(name).map(|c| c.user)
    }

    /// A user with their password hash; `UserNotFound` when there is none.
    pub fn credentials(&self, name: &str) -> Result<Credentials, StoreError> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, password_hash FROM users WHERE name = ?1"
            ))
            .and_then(|mut statement| {
                statement
                    .query_row([name], |row| {
                        Ok(Credentials {
                            user: user_from_row(row)?,
                            password_hash: row.get(6)?,
                        })
                    })
                    .optional()
            })
            .map_err(|err| self.error(err))?
            .ok_or_else(|| StoreError::UserNotFound(name.to_string()))
    }

    /// Removes a user with their tokens, and the calendar feeds they made (a phone of someone
    /// who left reads the bookings no more).
    pub fn remove_user(&mut self, name: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|err| super::sqlite::classify(&path, err))?;
        let removed = tx
            .execute("DELETE FROM users WHERE name = ?1", [name])
            .and_then(|removed| {
                tx.execute("DELETE FROM feed_tokens WHERE created_by = ?1", [name])?;
                Ok(removed)
            })
            .map_err(|err| super::sqlite::classify(&path, err))?;
        if removed == 0 {
            return Err(StoreError::UserNotFound(name.to_string()));
        }
        tx.commit()
            .map_err(|err| super::sqlite::classify(&path, err))
    }

    /// A new password: the user's sessions end and every token of theirs is revoked, calendar
    /// feeds they made included.
    pub fn set_password(
        &mut self,
        name: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|err| super::sqlite::classify(&path, err))?;
        let changed = tx
            .execute(
                "UPDATE users SET password_hash = ?2, changed_at = ?3, generation = generation + 1
                 WHERE name = ?1",
                params![name, password_hash, timestamp(at)],
            )
            .and_then(|changed| {
                tx.execute("DELETE FROM api_tokens WHERE user_name = ?1", [name])?;
                tx.execute("DELETE FROM feed_tokens WHERE created_by = ?1", [name])?;
                Ok(changed)
            })
            .map_err(|err| super::sqlite::classify(&path, err))?;
        if changed == 0 {
            return Err(StoreError::UserNotFound(name.to_string()));
        }
        tx.commit()
            .map_err(|err| super::sqlite::classify(&path, err))
    }

    pub fn add_token(
        &mut self,
        name: &str,
        id: &str,
        secret_sha256: &str,
        label: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.user(name)?;
        self.conn
            .execute(
                "INSERT INTO api_tokens (id, user_name, label, secret_sha256, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name, label, secret_sha256, timestamp(at)],
            )
            .map(drop)
            .map_err(|err| self.error(err))
    }

    /// The user holding the token `id`, and the SHA-256 of its secret, if there is such a token.
    pub fn token(&self, id: &str) -> Result<Option<(User, String)>, StoreError> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, api_tokens.secret_sha256
                   FROM api_tokens JOIN users ON users.name = api_tokens.user_name
                  WHERE api_tokens.id = ?1"
            ))
            .and_then(|mut statement| {
                statement
                    .query_row([id], |row| Ok((user_from_row(row)?, row.get(6)?)))
                    .optional()
            })
            .map_err(|err| self.error(err))
    }

    /// Revokes a user's tokens (all, or those with the label); how many were revoked.
    pub fn revoke_tokens(&mut self, name: &str, label: Option<&str>) -> Result<u64, StoreError> {
        self.user(name)?;
        let revoked = match label {
            Some(label) => self.conn.execute(
                "DELETE FROM api_tokens WHERE user_name = ?1 AND label = ?2",
                params![name, label],
            ),
            None => self
                .conn
                .execute("DELETE FROM api_tokens WHERE user_name = ?1", [name]),
        }
        .map_err(|err| self.error(err))?;
        Ok(revoked as u64)
    }

    /// Voids walk-ins entered by mistake: the record leaves the counts and is kept whole in the
    /// audit log with who voided it, when and why.
    pub fn void_visit(
        &mut self,
        id: &str,
        user: Option<&str>,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Visit, StoreError> {
        let visit = self
            .all_rows(
                "SELECT 'visit', id, category, visitors, NULL, note, NULL, visit_date, NULL, recorded_at
                   FROM visits WHERE id = ?1",
                [id],
                visit_from_row,
            )?
            .pop()
            .ok_or_else(|| StoreError::VisitNotFound(id.to_string()))?;
        let detail = serde_json::json!({
            "reason": reason,
            "date": visit.date.to_string(),
            "count": visit.count,
            "category": visit.category.as_str(),
            "note": visit.note,
            "recorded_at": timestamp(visit.recorded_at),
        });
        self.audited_delete(
            "DELETE FROM visits WHERE id = ?1",
            id,
            "void-visit",
            user,
            detail,
            at,
        )?;
        Ok(visit)
    }

    /// Voids a tour entered by mistake, as [`Self::void_visit`] does a visit.
    pub fn void_tour(
        &mut self,
        id: &str,
        user: Option<&str>,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Tour, StoreError> {
        let tour = self
            .all_rows(
                &format!("SELECT {TOUR_COLUMNS} FROM tours WHERE id = ?1"),
                [id],
                tour_from_row,
            )?
            .pop()
            .ok_or_else(|| StoreError::TourNotFound(id.to_string()))?;
        let detail = serde_json::json!({
            "reason": reason,
            "group": tour.category.as_str(),
            "size": tour.size,
            "guide": tour.guide,
            "note": tour.note,
            "started_at": timestamp(tour.started_at),
            "ended_at": tour.ended_at.map(timestamp),
        });
        self.audited_delete(
            "DELETE FROM tours WHERE id = ?1",
            id,
            "void-tour",
            user,
            detail,
            at,
        )?;
        Ok(tour)
    }

    fn audited_delete(
        &mut self,
        delete: &str,
        id: &str,
        action: &str,
        user: Option<&str>,
        detail: serde_json::Value,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let failed = |err| super::sqlite::classify(&path, err);
        let tx = self.conn.transaction().map_err(failed)?;
        super::sqlite::audit_row(&tx, at, user, action, id, &detail).map_err(failed)?;
        tx.execute(delete, [id]).map_err(failed)?;
        tx.commit().map_err(failed)
    }

    /// The audit log, newest first, at most `limit` lines.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.all_rows(
            "SELECT at, user_name, action, subject, detail FROM audit_log
              ORDER BY at DESC, id DESC LIMIT ?1",
            [limit],
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

    /// The walk-ins and tours entered most recently (newest first): what a guide may want to undo.
    pub fn recent_entries(&self, limit: u32) -> Result<Vec<super::ExportRow>, StoreError> {
        let visits = self.all_rows(
            "SELECT 'visit', id, category, visitors, NULL, note, NULL, visit_date, NULL, recorded_at
               FROM visits WHERE import_id IS NULL ORDER BY recorded_at DESC, id DESC LIMIT ?1",
            [limit],
            visit_from_row,
        )?;
        let tours = self.all_rows(
            &format!(
                "SELECT {TOUR_COLUMNS} FROM tours ORDER BY recorded_at DESC, id DESC LIMIT ?1"
            ),
            [limit],
            tour_from_row,
        )?;
        let mut entries: Vec<super::ExportRow> = visits
            .into_iter()
            .map(super::ExportRow::Visit)
            .chain(tours.into_iter().map(super::ExportRow::Tour))
            .collect();
        entries.sort_by_key(|entry| {
            std::cmp::Reverse(match entry {
                super::ExportRow::Visit(visit) => visit.recorded_at,
                super::ExportRow::Tour(tour) => tour.recorded_at,
            })
        });
        entries.truncate(limit as usize);
        Ok(entries)
    }
}
