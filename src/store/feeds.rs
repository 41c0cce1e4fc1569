//! The read-only tokens of the guides' calendar feed of bookings: each kept as the SHA-256 of its
//! secret under its id, with a label and who made it; removing the row revokes the feed.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::sqlite::{time_column, timestamp};
use super::{SqliteStore, StoreError};

/// A feed token as listed (never its secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedToken {
    pub id: String,
    pub label: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The user who made it; None from the command line.
    pub created_by: Option<String>,
}

/// Which feed tokens to revoke.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedRevoke<'a> {
    /// Every one.
    All,
    /// Those with this label.
    Label(&'a str),
    /// The one with this id.
    Id(&'a str),
}

impl SqliteStore {
    /// Keeps a new feed token (its secret only as SHA-256), and who made it in the audit log.
    pub fn add_feed_token(
        &mut self,
        id: &str,
        secret_sha256: &str,
        label: Option<&str>,
        created_by: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let failed = |err| super::sqlite::classify(&path, err);
        let tx = self.conn.transaction().map_err(failed)?;
        tx.execute(
            "INSERT INTO feed_tokens (id, secret_sha256, label, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, secret_sha256, label, timestamp(at), created_by],
        )
        .and_then(|_| {
            let detail = serde_json::json!({ "label": label });
            super::sqlite::audit_row(
                &tx,
                at,
                created_by,
                "feed-add",
                &format!("feed {id}"),
                &detail,
            )
        })
        .map_err(failed)?;
        tx.commit().map_err(failed)
    }

    /// The SHA-256 of the feed token `id`'s secret, if there is such a token.
    pub fn feed_token(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT secret_sha256 FROM feed_tokens WHERE id = ?1")
            .and_then(|mut statement| statement.query_row([id], |row| row.get(0)).optional())
            .map_err(|err| self.error(err))
    }

    /// Every feed token, oldest first.
    pub fn feed_tokens(&self) -> Result<Vec<FeedToken>, StoreError> {
        self.all_rows(
            "SELECT id, label, created_at, created_by FROM feed_tokens ORDER BY created_at, id",
            [],
            |row| {
                Ok(FeedToken {
                    id: row.get(0)?,
                    label: row.get(1)?,
                    created_at: time_column(row, 2)?,
                    created_by: row.get(3)?,
                })
            },
        )
    }

    /// Revokes feed tokens, each in the audit log with who revoked it; how many were revoked (0
    /// when none matched).
    pub fn revoke_feed_tokens(
        &mut self,
        which: FeedRevoke<'_>,
        user: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let (select, key) = match which {
            FeedRevoke::All => ("SELECT id FROM feed_tokens", None),
            FeedRevoke::Label(label) => {
                ("SELECT id FROM feed_tokens WHERE label = ?1", Some(label))
            }
            FeedRevoke::Id(id) => ("SELECT id FROM feed_tokens WHERE id = ?1", Some(id)),
        };
        let path = self.path.clone();
        let failed = |err| super::sqlite::classify(&path, err);
        let tx = self.conn.transaction().map_err(failed)?;
        let revoked = (|| -> rusqlite::Result<usize> {
            let mut statement = tx.prepare(select)?;
            let ids = match key {
                Some(key) => statement
                    .query_map([key], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>(),
                None => statement
                    .query_map([], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>(),
            }?;
            drop(statement);
            for id in &ids {
                tx.execute("DELETE FROM feed_tokens WHERE id = ?1", [id])?;
                let subject = format!("feed {id}");
                super::sqlite::audit_row(
                    &tx,
                    at,
                    user,
                    "feed-revoke",
                    &subject,
                    &serde_json::json!({}),
                )?;
            }
            Ok(ids.len())
        })()
        .map_err(failed)?;
        tx.commit().map_err(failed)?;
        Ok(revoked as u64)
    }
}
