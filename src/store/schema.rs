//! The schema, as numbered migrations. A migration once shipped is never edited: a change is a new
//! migration at the end, so every existing store upgrades in place and keeps its data.

use rusqlite_migration::{M, Migrations};

/// Written into the file header, so a store is told apart from any other SQLite file ("TCTR").
pub const APPLICATION_ID: i32 = 0x5443_5452;

const V1_TOURS_VISITS_IMPORTS: &str = "
PRAGMA application_id = 1413698642;

CREATE TABLE tours (
    id          TEXT PRIMARY KEY NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('school', 'student', 'adult', 'family', 'other')),
    group_size  INTEGER NOT NULL CHECK (group_size BETWEEN 1 AND 500),
    guide       TEXT,
    note        TEXT,
    started_at  TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    ended_at    TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
    recorded_at TEXT NOT NULL
);
CREATE INDEX tours_by_start_date ON tours (start_date, category, group_size);
CREATE INDEX tours_open ON tours (started_at) WHERE ended_at IS NULL;

-- Imported files (and exported ones, so an export is not imported back into the same store).
CREATE TABLE imports (
    id             TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('import', 'export')),
    file_name      TEXT NOT NULL,
    content_sha256 TEXT NOT NULL UNIQUE,
    rows           INTEGER NOT NULL,
    recorded_at    TEXT NOT NULL
);

CREATE TABLE visits (
    id          TEXT PRIMARY KEY NOT NULL,
    visit_date  TEXT NOT NULL,
    visitors    INTEGER NOT NULL CHECK (visitors BETWEEN 1 AND 500),
    category    TEXT NOT NULL CHECK (category IN ('school', 'student', 'adult', 'family', 'other')),
    note        TEXT,
    import_id   TEXT REFERENCES imports (id),
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;
-- The table is its id's B-tree (WITHOUT ROWID): one B-tree less to grow on every insert,
-- which matters for million-row imports.
-- Covers the yearly sums, so `visitors status` never reads the table itself.
CREATE INDEX visits_by_date ON visits (visit_date, category, visitors);
";

const V2_PLAY_SESSIONS: &str = "
CREATE TABLE play_sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    station     TEXT NOT NULL,
    audience    TEXT NOT NULL,
    lang        TEXT NOT NULL,
    -- No foreign key: a kiosk may be told of a tour registered in another hall's store.
    tour_id     TEXT,
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    play_date   TEXT NOT NULL,
    completed   INTEGER NOT NULL CHECK (completed IN (0, 1)),
    recorded_at TEXT NOT NULL
);
CREATE INDEX play_sessions_by_date ON play_sessions (play_date);

CREATE TABLE play_answers (
    id              TEXT PRIMARY KEY NOT NULL,
    session_id      TEXT NOT NULL REFERENCES play_sessions (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    item            TEXT NOT NULL,
    right_bin       TEXT NOT NULL,
    -- The bins chosen, first to last, as a JSON array of ids.
    chosen          TEXT NOT NULL,
    first_try_right INTEGER NOT NULL CHECK (first_try_right IN (0, 1)),
    recorded_at     TEXT NOT NULL,
    UNIQUE (session_id, position)
);
";

const V3_ACCOUNTS_AUDIT: &str = "
-- People who sign in to the centre server. Passwords only as salted Argon2id hashes (PHC).
CREATE TABLE users (
    name          TEXT PRIMARY KEY NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('guide', 'economist', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    changed_at    TEXT NOT NULL,
    -- Random for a new account, one more at every new password: a session remembers the one it
    -- began under and ends when it changes (or the account is removed and made again).
    generation    INTEGER NOT NULL DEFAULT 0
);

-- API tokens `tc_<id>_<secret>`: the secret only as its SHA-256, found by its id.
CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY NOT NULL,
    user_name     TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    label         TEXT,
    secret_sha256 TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

-- What was changed by whom: voided records (kept whole here), and later edits.
CREATE TABLE audit_log (
    id        TEXT PRIMARY KEY NOT NULL,
    at        TEXT NOT NULL,
    user_name TEXT,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL
);
CREATE INDEX audit_log_by_at ON audit_log (at);

-- The kiosk stations: a token each (its secret only as SHA-256), and their last heartbeat.
CREATE TABLE stations (
    name          TEXT PRIMARY KEY NOT NULL,
    token_id      TEXT NOT NULL UNIQUE,
    secret_sha256 TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_seen     TEXT,
    version       TEXT,
    scenario      TEXT,
    rounds_today  INTEGER,
    outbox        INTEGER,
    uptime_s      INTEGER
);
CREATE INDEX play_sessions_by_station ON play_sessions (station, play_date);

-- A networked kiosk's outbox: its rounds as it will upload them (SESSION JSON), kept until the
-- server acknowledges them. `playing`: the round in progress (written after every drop, not sent
-- yet); `waiting`: to send; `rejected`: refused by the server, kept aside with its reason.
CREATE TABLE outbox (
    session_id TEXT PRIMARY KEY NOT NULL,
    body       TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('playing', 'waiting', 'rejected')),
    reason     TEXT,
    updated_at TEXT NOT NULL
);

-- The entries a guide may undo: the latest typed at the desk (imported rows are not indexed, so
-- a big import pays nothing for it).
CREATE INDEX visits_recent ON visits (recorded_at) WHERE import_id IS NULL;
CREATE INDEX tours_recent ON tours (recorded_at);
";

const V4_TOUR_STATIONS: &str = "
-- The kiosk whose guide panel started a tour (none for the desk): a round played at that kiosk
-- belongs to it first.
ALTER TABLE tours ADD COLUMN station TEXT;

-- School bookings (shared/DESIGN.md BOOKING). The people of a slot's requested and confirmed
-- bookings never exceed its capacity: checked in the transaction that writes. Contact name,
-- phone (and its digits, phone_key, for the duplicate check), e-mail, needs, note and call notes
-- are erased (set NULL, erased_at set) retention_days after the visit.
CREATE TABLE bookings (
    code           TEXT PRIMARY KEY NOT NULL,
    slot_date      TEXT NOT NULL,
    slot_time      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN
                     ('requested', 'confirmed', 'declined', 'cancelled', 'arrived', 'no_show')),
    category       TEXT NOT NULL,
    group_size     INTEGER NOT NULL CHECK (group_size BETWEEN 1 AND 500),
    adults         INTEGER NOT NULL CHECK (adults BETWEEN 0 AND 100),
    organisation   TEXT NOT NULL,
    class          TEXT,
    contact_name   TEXT,
    phone          TEXT,
    phone_key      TEXT,
    email          TEXT,
    lang           TEXT NOT NULL,
    needs          TEXT,
    note           TEXT,
    call_notes     TEXT,
    reason         TEXT,
    tour_id        TEXT,
    arrived_people INTEGER,
    created_at     TEXT NOT NULL,
    changed_at     TEXT NOT NULL,
    erased_at      TEXT
);
CREATE INDEX bookings_by_slot ON bookings (slot_date, slot_time, status);
";

const V5_NOTICES_FEEDS: &str = "
-- What a teacher is to be told about their booking, written in the transaction of the change:
-- by e-mail when the server has SMTP settings (mail.ron), else, when `call` is 1, as a guide's
-- \"tell the teacher\" item with the phone number to call (`call` 0: mail only, for what the
-- teacher did themselves, a booking a guide took on the phone, and the class's results). A mail
-- that fails is tried again later (attempts, next_try_at, last_error: the kind of failure, never
-- an address); a guide marks an item told. A newer notice of the same booking closes the older
-- open ones (superseded: the teacher is told where the booking stands now); erasing the
-- booking's contact details closes its open ones (erased: they can no longer be delivered).
CREATE TABLE booking_notices (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL REFERENCES bookings (code),
    event       TEXT NOT NULL CHECK (event IN
                  ('requested', 'confirmed', 'declined', 'moved', 'cancelled', 'results')),
    call        INTEGER NOT NULL CHECK (call IN (0, 1)),
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT,
    last_error  TEXT,
    sent_at     TEXT,
    told_at     TEXT,
    told_by     TEXT,
    closed_at   TEXT,
    closed_why  TEXT CHECK (closed_why IN ('superseded', 'erased'))
);
-- The open notices (neither sent, told nor closed): what the mailer and the guides' page read.
CREATE INDEX booking_notices_open ON booking_notices (created_at)
    WHERE sent_at IS NULL AND told_at IS NULL AND closed_at IS NULL;
CREATE INDEX booking_notices_by_code ON booking_notices (code);

-- Read-only tokens of the guides' iCal feed of confirmed bookings (`tc_<id>_<secret>`): the
-- secret only as its SHA-256, found by its id; removing the row revokes the feed.
CREATE TABLE feed_tokens (
    id            TEXT PRIMARY KEY NOT NULL,
    secret_sha256 TEXT NOT NULL,
    label         TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT
);

-- A class's results sum the rounds of its tour: found by the tour, not by reading every round.
CREATE INDEX play_sessions_by_tour ON play_sessions (tour_id) WHERE tour_id IS NOT NULL;
";

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(V1_TOURS_VISITS_IMPORTS),
        M::up(V2_PLAY_SESSIONS),
        M::up(V3_ACCOUNTS_AUDIT),
        M::up(V4_TOUR_STATIONS),
        M::up(V5_NOTICES_FEEDS),
    ])
}

/// The schema version this program writes.
pub const LATEST_VERSION: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid_and_the_latest_version_is_their_count() {
        assert!(migrations().validate().is_ok());
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, LATEST_VERSION as i64);
        let id: i32 = conn
            .query_row("PRAGMA application_id", [], |row| row.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
    }
}
