//! A store error in words for a guide, through the Fluent messages (`store-*`, `tour-*`, ...).

use std::path::Path;

use chrono::{DateTime, Utc};
use fluent_bundle::FluentValue;

use super::{StoreError, short_id};
use crate::i18n::{Lang, Messages, Wording};
use crate::visitors::local_time;

impl Wording for StoreError {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let say = |id: &str, args: &[(&str, FluentValue<'_>)]| messages.get(lang, id, args);
        let text = |s: String| FluentValue::from(s);
        let path = |p: &Path| FluentValue::from(p.display().to_string());
        let schema = |id: &str, p: &Path, found: i64, known: usize| {
            say(
                id,
                &[
                    ("path", path(p)),
                    ("found", FluentValue::from(found)),
                    ("known", FluentValue::from(known)),
                ],
            )
        };
        match self {
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
            } => schema("store-newer-schema", p, *found, *known),
            StoreError::OlderSchema {
                path: p,
                found,
                known,
            } => schema("store-older-schema", p, *found, *known),
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
                    ("reason", text(cause.words(messages, lang))),
                ],
            ),
            StoreError::UserExists(name) => say("user-exists", &[("name", text(name.clone()))]),
            StoreError::UserNotFound(name) => {
                say("user-not-found", &[("name", text(name.clone()))])
            }
            StoreError::VisitNotFound(id) => say("visit-not-found", &[("id", text(id.clone()))]),
            StoreError::StationExists(name) => {
                say("station-exists", &[("name", text(name.clone()))])
            }
            StoreError::StationNotFound(name) => {
                say("station-not-found", &[("name", text(name.clone()))])
            }
            StoreError::BookingFull { free, wanted } => say(
                "booking-full",
                &[
                    ("free", FluentValue::from(*free)),
                    ("wanted", FluentValue::from(*wanted)),
                ],
            ),
            StoreError::BookingDuplicate => say("booking-duplicate", &[]),
            StoreError::BookingNotFound(code) => {
                say("booking-not-found", &[("code", text(code.clone()))])
            }
            StoreError::BookingErased(code) => {
                say("booking-erased-refused", &[("code", text(code.clone()))])
            }
            StoreError::BookingChanged { code, status } => say(
                "booking-changed",
                &[
                    ("code", text(code.clone())),
                    (
                        "status",
                        text(match crate::bookings::Status::parse(status) {
                            Some(status) => messages.text(lang, status.message_id()),
                            None => status.clone(),
                        }),
                    ),
                ],
            ),
            StoreError::NoticeNotFound(id) => {
                say("notice-not-found", &[("id", FluentValue::from(*id))])
            }
            StoreError::NoticeClosed(id) => say("notice-closed", &[("id", FluentValue::from(*id))]),
            StoreError::Sqlite { path: p, message } => say(
                "store-failed",
                &[("path", path(p)), ("reason", text(message.clone()))],
            ),
        }
    }
}
