//! "Now", read in one place. Every command, the kiosk and the server ask this module, never the
//! system clock directly, so tests can fix the time with `TOURCENTRE_NOW` (RFC 3339).

use std::sync::OnceLock;

use chrono::{DateTime, Utc};

/// The variable that fixes "now" for tests (shared/DESIGN.md "Time").
pub const NOW_VARIABLE: &str = "TOURCENTRE_NOW";

/// The fixed instant from `TOURCENTRE_NOW`, read once per process. A value that is not RFC 3339 is
/// ignored (with a warning on standard error): the real clock is always a safe answer.
fn fixed() -> Option<DateTime<Utc>> {
    static FIXED: OnceLock<Option<DateTime<Utc>>> = OnceLock::new();
    *FIXED.get_or_init(|| {
        let text = std::env::var(NOW_VARIABLE).ok()?;
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match DateTime::parse_from_rfc3339(text) {
            Ok(at) => Some(at.with_timezone(&Utc)),
            Err(err) => {
                eprintln!("{NOW_VARIABLE}={text}: not an RFC 3339 time ({err}); using the clock");
                None
            }
        }
    })
}

/// Now: the clock, or the instant `TOURCENTRE_NOW` fixes.
pub fn now() -> DateTime<Utc> {
    fixed().unwrap_or_else(Utc::now)
}
