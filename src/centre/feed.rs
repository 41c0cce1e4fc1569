//! The guides' calendar feed: the confirmed (and arrived) bookings from four weeks back to the
//! booking horizon as an iCalendar file (RFC 5545) that a phone's calendar subscribes to. It
//! lives behind its own read-only token (`tc_<id>_<secret>`, kept as the SHA-256 of the secret in
//! `feed_tokens`, made and revoked by guides), and leaves out the teacher's name, phone and
//! e-mail, and any phone number typed into the other fields.
//!
//! The iCalendar text is written here rather than with a crate: the feed has one fixed shape of a
//! dozen properties, and what it must get right (escaping a teacher's text, folding Cyrillic lines
//! at 75 octets without splitting a character) is a few lines tested below; the crate looked at
//! (icalendar 0.17) folds by a character count mixed with byte offsets and leaves a carriage
//! return in a text value unescaped.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::accounts::{new_token, same_secret, secret_digest, split_token};
use super::{Centre, CentreError};
use crate::bookings::{GUIDE_HORIZON_DAYS, Status};
use crate::i18n::{Lang, Words};
use crate::store::{FeedRevoke, FeedToken, StoredBooking};

/// The feed shows bookings from this many days before today.
pub const FEED_DAYS_BACK: u64 = 28;
/// A visit is shown this long, or until the day's next slot when that comes sooner.
pub const VISIT_LENGTH: Duration = Duration::hours(2);
/// Where a feed is read, for a token: the path on the server.
pub fn feed_path(token: &str) -> String {
    format!("/feed/{token}/bookings.ics")
}

/// A feed token as listed (the guides' Bookings page): never its secret.
#[derive(Clone, Debug, Serialize)]
pub struct FeedTokenRecord {
    pub id: String,
    pub label: Option<String>,
    pub created_at: String,
    /// When it was made, on the centre's clock (`YYYY-MM-DD HH:MM`, Europe/Kyiv).
    pub created_local: String,
    pub created_by: Option<String>,
}

impl From<FeedToken> for FeedTokenRecord {
    fn from(token: FeedToken) -> Self {
        FeedTokenRecord {
            id: token.id,
            label: token.label,
            created_at: token
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            created_local: crate::visitors::local_time(token.created_at),
            created_by: token.created_by,
        }
    }
}

/// Which feed tokens to revoke, as a person asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedRevokeAsked {
    All,
    Label(String),
    Id(String),
}

impl Centre {
    /// A new feed token: its text, to be shown once.
    pub fn new_feed_token(
        &mut self,
        label: Option<&str>,
        user: Option<&str>,
    ) -> Result<String, CentreError> {
        let label =
            super::input::optional_text(label).map_err(|p| CentreError::input("label", p))?;
        let (token, id, digest) = new_token();
        let now = self.now();
        self.store()?
            .add_feed_token(&id, &digest, label.as_deref(), user, now)?;
        Ok(token)
    }

    /// Every feed token (not their secrets), oldest first.
    pub fn feed_tokens(&mut self) -> Result<Vec<FeedTokenRecord>, CentreError> {
        Ok(self
            .store()?
            .feed_tokens()?
            .into_iter()
            .map(FeedTokenRecord::from)
            .collect())
    }

    /// Revokes feed tokens: their calendars get nothing more. How many were revoked; each is in
    /// the audit log with `user` (None: the desk's command line).
    pub fn revoke_feed_tokens(
        &mut self,
        which: &FeedRevokeAsked,
        user: Option<&str>,
    ) -> Result<u64, CentreError> {
        let which = match which {
            FeedRevokeAsked::All => FeedRevoke::All,
            FeedRevokeAsked::Label(label) => FeedRevoke::Label(label.trim()),
            FeedRevokeAsked::Id(id) => FeedRevoke::Id(id.trim()),
        };
        let now = self.now();
        Ok(self.store()?.revoke_feed_tokens(which, user, now)?)
    }

    /// The stored digest of a feed token's secret when `token` is a live feed token; None for
    /// an unknown, revoked or malformed one, or a token of another kind (a user's, a station's).
    fn feed_key(&mut self, token: &str) -> Result<Option<String>, CentreError> {
        let Some((id, secret)) = split_token(token) else {
            return Ok(None);
        };
        let found = self.store()?.feed_token(id)?;
        Ok(found.filter(|digest| same_secret(digest, &secret_digest(secret))))
    }

    /// The feed for `token` in `lang`: the iCalendar text, or None when the token is not a live
    /// feed token (which the caller answers as "not found", saying nothing more).
    pub fn booking_feed(&mut self, token: &str, lang: Lang) -> Result<Option<String>, CentreError> {
        let Some(key) = self.feed_key(token)? else {
            return Ok(None);
        };
        let settings = self.calendar()?.bookings;
        let today = self.today();
        let from = today
            .checked_sub_days(chrono::Days::new(FEED_DAYS_BACK))
            .unwrap_or(today);
        let ahead = settings.horizon_days.max(GUIDE_HORIZON_DAYS);
        let to = today
            .checked_add_days(chrono::Days::new(ahead.into()))
            .unwrap_or(today);
        let bookings: Vec<StoredBooking> = self
            .store()?
            .bookings_between(from, to)?
            .into_iter()
            .filter(|b| matches!(b.status, Status::Confirmed | Status::Arrived))
            .collect();
        let slots: Vec<NaiveTime> = settings.slots.iter().copied().collect();
        Ok(Some(calendar_text(&bookings, &slots, &key, lang)))
    }
}

/// The whole calendar: its header, one event per booking.
fn calendar_text(bookings: &[StoredBooking], slots: &[NaiveTime], key: &str, lang: Lang) -> String {
    let words = Words::new(lang);
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!(
        "PRODID:-//KP Spetskomuntrans Khmelnytskyi//tourcentre {}//{}",
        env!("CARGO_PKG_VERSION"),
        lang.code().to_uppercase()
    ));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!(
        "X-WR-CALNAME:{}",
        escape(&words.text("feed-calendar-name"))
    ));
    line("X-WR-TIMEZONE:Europe/Kyiv");
    line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    line("X-PUBLISHED-TTL:PT1H");
    for booking in bookings {
        let start = booking.slot.starts_at();
        let end = start + visit_length(booking.slot.time, slots);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@tourcentre", event_uid(key, &booking.code)));
        line(&format!("DTSTAMP:{}", utc(booking.changed_at)));
        line(&format!("LAST-MODIFIED:{}", utc(booking.changed_at)));
        line(&format!("CREATED:{}", utc(booking.created_at)));
        line(&format!("DTSTART:{}", utc(start)));
        line(&format!("DTEND:{}", utc(end)));
        line(&format!("SUMMARY:{}", escape(&summary(&words, booking))));
        line(&format!(
            "DESCRIPTION:{}",
            escape(&description(&words, booking))
        ));
        line("STATUS:CONFIRMED");
        line("TRANSP:OPAQUE");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The event's UID: stable for a booking in one feed, and not its code (a code is the teacher's
/// secret): the start of SHA-256 of the code keyed with the feed's own stored digest, so no one
/// reading the feed can search the codes for one that matches.
fn event_uid(key: &str, code: &str) -> String {
    let digest = Sha256::digest(format!("{key}\n{code}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// `20260522T070000Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// From the slot's start to the day's next slot, at most [`VISIT_LENGTH`].
fn visit_length(start: NaiveTime, slots: &[NaiveTime]) -> Duration {
    slots
        .iter()
        .filter(|&&next| next > start)
        .map(|&next| next - start)
        .min()
        .map_or(VISIT_LENGTH, |gap| gap.min(VISIT_LENGTH))
}

/// "Ліцей № 1, 3-Б · 24 + 2": who comes, children + adults.
fn summary(words: &Words, b: &StoredBooking) -> String {
    let class = b
        .class
        .as_deref()
        .map(|c| format!(", {}", without_contacts(c)))
        .unwrap_or_default();
    words.say(
        "feed-summary",
        &[
            (
                "organisation",
                format!("{}{class}", without_contacts(&b.organisation)).into(),
            ),
            ("size", b.size.into()),
            ("adults", b.adults.into()),
        ],
    )
}

/// The group, its people, the tour's language, its state, needs and note: never the contact
/// person, phone or e-mail.
fn description(words: &Words, b: &StoredBooking) -> String {
    let field = |id: &str, value: String| format!("{}: {value}", words.text(id));
    let mut lines = vec![
        field(
            "booking-field-group",
            words.text(&format!("category-{}", b.group.as_str())),
        ),
        field(
            "book-people",
            format!("{} + {}", b.size, b.adults)
                + &b.arrived_people
                    .map(|n| format!(" ({})", words.say("feed-came", &[("people", n.into())])))
                    .unwrap_or_default(),
        ),
        field(
            "booking-field-lang",
            match b.lang {
                Lang::Uk => "українська",
                Lang::En => "English",
            }
            .to_string(),
        ),
        field("book-state", words.of(&b.status)),
    ];
    if let Some(needs) = &b.needs {
        lines.push(field("booking-field-needs", without_contacts(needs)));
    }
    if let Some(note) = &b.note {
        lines.push(field("booking-field-note", without_contacts(note)));
    }
    lines.join("\n")
}

/// A teacher's text without the phone numbers and e-mail addresses typed into it: each is "…".
pub fn without_contacts(text: &str) -> String {
    without_phone_numbers(text)
        .split(' ')
        .map(|word| {
            let shaped = word
                .split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
            if shaped { "…" } else { word }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A teacher's text with anything that looks like a phone number (ten digits or more, as a
/// booking's phone has, with the spaces, dashes and brackets between them) replaced by "…": the
/// feed carries no phone number, even one typed into a note. A date written 22.05.2026 stays.
pub fn without_phone_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let joins = |c: char| matches!(c, ' ' | '-' | '(' | ')' | '\u{a0}');
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_ascii_digit() || c == '+' || c == '(' {
            // The longest run of digits and joining characters from here.
            let mut end = at;
            while end < chars.len()
                && (chars[end].is_ascii_digit()
                    || joins(chars[end])
                    || (end == at && chars[end] == '+'))
            {
                end += 1;
            }
            // Not the joining characters after the last digit.
            while end > at && !chars[end - 1].is_ascii_digit() {
                end -= 1;
            }
            let digits = chars[at..end].iter().filter(|c| c.is_ascii_digit()).count();
            if digits >= 10 {
                out.push('…');
                at = end;
                continue;
            }
            if end > at {
                out.extend(&chars[at..end]);
                at = end;
                continue;
            }
        }
        out.push(c);
        at += 1;
    }
    out
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break as
/// `\n`, other control characters left out (a tab becomes a space).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 3.1): no physical line longer than 75 octets before its
/// CRLF, each continuation begun with a space, and never a UTF-8 character split.
fn fold_into(out: &mut String, line: &str) {
    const OCTETS: usize = 75;
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e_mail_addresses_typed_into_a_note_are_left_out_too() {
        assert_eq!(
            without_contacts("Пишіть на olena.p@school.ua або 067 111 22 33, дякуємо @ 10:00"),
            "Пишіть на … або …, дякуємо @ 10:00"
        );
    }

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(
            escape("a\\b;c,d\ne\r\nf\rg\th\u{7}i"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng hi"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_letter() {
        let line = format!("DESCRIPTION:{}", "Ліцей № 1, клас 3-Б; ".repeat(12));
        let mut out = String::new();
        fold_into(&mut out, &line);
        assert!(out.ends_with("\r\n"));
        let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 3);
        for (n, part) in physical.iter().enumerate() {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
            assert_eq!(n > 0, part.starts_with(' '), "{part:?}");
        }
        // Unfolding (dropping each CRLF and the space after it) gives the line back.
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        // A short line is left whole.
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn phone_numbers_typed_into_a_text_are_left_out_and_other_numbers_kept() {
        assert_eq!(
            without_phone_numbers("Дзвоніть: +380 (67) 123-45-67, або 0671234567."),
            "Дзвоніть: …, або …."
        );
        assert_eq!(
            without_phone_numbers("Ліцей № 1, 3-Б, 24 учні о 10:00, 22.05.2026 або 23.05.2026"),
            "Ліцей № 1, 3-Б, 24 учні о 10:00, 22.05.2026 або 23.05.2026"
        );
        assert_eq!(without_phone_numbers("(2 візки)"), "(2 візки)");
    }

    #[test]
    fn a_visit_lasts_until_the_next_slot_at_most_two_hours() {
        let t = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        let slots = [t("10:00"), t("11:30"), t("14:00")];
        assert_eq!(visit_length(t("10:00"), &slots), Duration::minutes(90));
        assert_eq!(visit_length(t("11:30"), &slots), Duration::hours(2));
        assert_eq!(visit_length(t("14:00"), &slots), Duration::hours(2));
    }

    #[test]
    fn a_uid_is_stable_per_booking_and_feed_and_is_not_the_code() {
        let uid = event_uid("key", "7KQ2MXH9RT4W");
        assert_eq!(uid, event_uid("key", "7KQ2MXH9RT4W"));
        assert_ne!(uid, event_uid("key", "7KQ2MXH9RT4X"));
        assert_ne!(uid, event_uid("other key", "7KQ2MXH9RT4W"));
        assert!(!uid.to_uppercase().contains("7KQ2"));
        assert_eq!(uid.len(), 32);
    }
}
