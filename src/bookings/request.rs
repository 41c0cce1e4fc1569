//! A teacher's (or a guide's) BOOKING, checked field by field before anything is kept: every
//! problem names its field, and all of them are found at once so a form can mark each.

use chrono::{DateTime, Utc};
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use super::{Asker, NotOffered, Slot, check_offered, parse_date, people};
use crate::i18n::{Lang, Messages, Wording};
use crate::visitors::{Calendar, Category, clock_time};

/// The largest group one booking may hold, children (or the visitors of the group's kind).
pub const MAX_SIZE: u32 = 500;
/// The most accompanying adults one booking may bring.
pub const MAX_ADULTS: u32 = 100;
/// `organisation` and `contact_name`.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_CLASS_CHARS: usize = 40;
/// `needs`, `note`, and a guide's reason for a decline or a cancellation.
pub const MAX_NOTE_CHARS: usize = 1_000;
/// A phone number as typed, with its spaces and brackets.
const MAX_PHONE_CHARS: usize = 40;
const MIN_PHONE_DIGITS: usize = 10;
const MAX_PHONE_DIGITS: usize = 15;
/// RFC 5321's limits for an address and its local part.
const MAX_EMAIL_CHARS: usize = 254;
const MAX_EMAIL_LOCAL_CHARS: usize = 64;

/// A field of a BOOKING (or of an action on one), named as the contract's JSON names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Date,
    Time,
    Group,
    Size,
    Adults,
    Organisation,
    Class,
    ContactName,
    Phone,
    Email,
    Lang,
    Needs,
    Note,
    Consent,
    /// A guide's reason for declining or cancelling.
    Reason,
}

impl Field {
    /// The JSON name: `contact_name`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Date => "date",
            Field::Time => "time",
            Field::Group => "group",
            Field::Size => "size",
            Field::Adults => "adults",
            Field::Organisation => "organisation",
            Field::Class => "class",
            Field::ContactName => "contact_name",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Lang => "lang",
            Field::Needs => "needs",
            Field::Note => "note",
            Field::Consent => "consent",
            Field::Reason => "reason",
        }
    }

    /// The Fluent message id of the field's name as a form labels it.
    pub fn message_id(self) -> &'static str {
        match self {
            Field::Date => "booking-field-date",
            Field::Time => "booking-field-time",
            Field::Group => "booking-field-group",
            Field::Size => "booking-field-size",
            Field::Adults => "booking-field-adults",
            Field::Organisation => "booking-field-organisation",
            Field::Class => "booking-field-class",
            Field::ContactName => "booking-field-contact-name",
            Field::Phone => "booking-field-phone",
            Field::Email => "booking-field-email",
            Field::Lang => "booking-field-lang",
            Field::Needs => "booking-field-needs",
            Field::Note => "booking-field-note",
            Field::Consent => "booking-field-consent",
            Field::Reason => "booking-field-reason",
        }
    }
}

impl Wording for Field {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        messages.text(lang, self.message_id())
    }
}

/// A BOOKING as it arrives (JSON, a form, the command line): every field as given, missing ones
/// `None`, so that the checks name what is missing rather than a parser failing on the whole.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct BookingRequest {
    pub date: Option<String>,
    pub time: Option<String>,
    pub group: Option<String>,
    pub size: Option<i64>,
    /// 0 when left out.
    pub adults: Option<i64>,
    pub organisation: Option<String>,
    pub class: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lang: Option<String>,
    pub needs: Option<String>,
    pub note: Option<String>,
    pub consent: bool,
}

/// A booking that passed every check: texts trimmed, blank optional ones `None`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewBooking {
    pub slot: Slot,
    pub group: Category,
    pub size: u32,
    pub adults: u32,
    pub organisation: String,
    pub class: Option<String>,
    pub contact_name: String,
    /// As typed (trimmed); [`NewBooking::phone_key`] compares numbers.
    pub phone: String,
    pub email: Option<String>,
    pub lang: Lang,
    pub needs: Option<String>,
    pub note: Option<String>,
}

impl NewBooking {
    /// size + adults.
    pub fn people(&self) -> u32 {
        people(self.size, self.adults)
    }

    /// The phone as the duplicate check compares it (see [`phone_key`]).
    pub fn phone_key(&self) -> String {
        phone_key(&self.phone)
    }
}

/// One thing wrong with one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BookingProblem {
    /// A required field is missing or blank.
    Missing(Field),
    TooLong {
        field: Field,
        max: usize,
    },
    /// Line breaks or control characters where one line of text belongs (or control characters
    /// in a longer text).
    BadCharacters(Field),
    NotADate(String),
    NotATime(String),
    UnknownGroup(String),
    UnknownLang(String),
    SizeOutOfRange(i64),
    AdultsOutOfRange(i64),
    /// The group alone is more people than a slot holds: it can never fit.
    LargerThanSlot {
        people: u32,
        capacity: u32,
    },
    BadPhone(String),
    BadEmail(String),
    /// Consent to the processing of personal data was not given.
    NoConsent,
    /// The date and time are not a slot on offer.
    NotOffered(NotOffered),
}

impl BookingProblem {
    /// The field at fault (the API's 400 names it).
    pub fn field(&self) -> Field {
        match self {
            BookingProblem::Missing(field)
            | BookingProblem::TooLong { field, .. }
            | BookingProblem::BadCharacters(field) => *field,
            BookingProblem::NotADate(_) => Field::Date,
            BookingProblem::NotATime(_) => Field::Time,
            BookingProblem::UnknownGroup(_) => Field::Group,
            BookingProblem::UnknownLang(_) => Field::Lang,
            BookingProblem::SizeOutOfRange(_) | BookingProblem::LargerThanSlot { .. } => {
                Field::Size
            }
            BookingProblem::AdultsOutOfRange(_) => Field::Adults,
            BookingProblem::BadPhone(_) => Field::Phone,
            BookingProblem::BadEmail(_) => Field::Email,
            BookingProblem::NoConsent => Field::Consent,
            BookingProblem::NotOffered(reason) => reason.field(),
        }
    }

    /// The Fluent message id and its arguments, in `lang` (the field's name is worded in it).
    pub fn message(
        &self,
        messages: &Messages,
        lang: Lang,
    ) -> (&'static str, Vec<(&'static str, FluentValue<'static>)>) {
        let text = |s: &str| FluentValue::from(s.to_string());
        let field = |field: &Field| FluentValue::from(field.words(messages, lang));
        match self {
            BookingProblem::Missing(name) => ("booking-missing", vec![("field", field(name))]),
            BookingProblem::TooLong { field: name, max } => (
                "booking-too-long",
                vec![("field", field(name)), ("max", FluentValue::from(*max))],
            ),
            BookingProblem::BadCharacters(name) => {
                ("booking-bad-characters", vec![("field", field(name))])
            }
            BookingProblem::NotADate(value) => ("booking-not-a-date", vec![("value", text(value))]),
            BookingProblem::NotATime(value) => ("booking-not-a-time", vec![("value", text(value))]),
            BookingProblem::UnknownGroup(value) => (
                "booking-unknown-group",
                vec![
                    ("value", text(value)),
                    ("valid", text(&Category::valid_names())),
                ],
            ),
            BookingProblem::UnknownLang(value) => {
                ("booking-unknown-lang", vec![("value", text(value))])
            }
            BookingProblem::SizeOutOfRange(value) => (
                "booking-size-out-of-range",
                vec![
                    ("value", FluentValue::from(*value)),
                    ("max", FluentValue::from(MAX_SIZE)),
                ],
            ),
            BookingProblem::AdultsOutOfRange(value) => (
                "booking-adults-out-of-range",
                vec![
                    ("value", FluentValue::from(*value)),
                    ("max", FluentValue::from(MAX_ADULTS)),
                ],
            ),
            BookingProblem::LargerThanSlot { people, capacity } => (
                "booking-larger-than-slot",
                vec![
                    ("people", FluentValue::from(*people)),
                    ("capacity", FluentValue::from(*capacity)),
                ],
            ),
            BookingProblem::BadPhone(value) => ("booking-bad-phone", vec![("value", text(value))]),
            BookingProblem::BadEmail(value) => ("booking-bad-email", vec![("value", text(value))]),
            BookingProblem::NoConsent => ("booking-no-consent", vec![]),
            BookingProblem::NotOffered(reason) => reason.message(lang),
        }
    }
}

impl Wording for BookingProblem {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let (id, args) = self.message(messages, lang);
        messages.get(lang, id, &args)
    }
}

/// Checks a BOOKING for `asker` at `now` against the calendar: every problem, or the booking.
/// Whether the slot still has room is not checked here: that is [`super::fits`], against the
/// slot's bookings at the moment of keeping it.
pub fn validate_booking(
    request: &BookingRequest,
    calendar: &Calendar,
    now: DateTime<Utc>,
    asker: Asker,
) -> Result<NewBooking, Vec<BookingProblem>> {
    let mut problems = Vec::new();

    let date = required(&request.date, Field::Date, &mut problems).and_then(|text| {
        parse_date(text).or_else(|| {
            problems.push(BookingProblem::NotADate(text.to_string()));
            None
        })
    });
    let time = required(&request.time, Field::Time, &mut problems).and_then(|text| {
        clock_time(text).or_else(|| {
            problems.push(BookingProblem::NotATime(text.to_string()));
            None
        })
    });
    let slot = match (date, time) {
        (Some(date), Some(time)) => {
            let slot = Slot::new(date, time);
            match check_offered(calendar, slot, now, asker) {
                Ok(()) => Some(slot),
                Err(reason) => {
                    problems.push(BookingProblem::NotOffered(reason));
                    None
                }
            }
        }
        _ => None,
    };

    let group = required(&request.group, Field::Group, &mut problems).and_then(|text| {
        Category::parse(text).or_else(|| {
            problems.push(BookingProblem::UnknownGroup(text.to_string()));
            None
        })
    });

    let size = match request.size {
        None => {
            problems.push(BookingProblem::Missing(Field::Size));
            None
        }
        Some(size) => in_range(size, 1, MAX_SIZE).or_else(|| {
            problems.push(BookingProblem::SizeOutOfRange(size));
            None
        }),
    };
    let adults = in_range(request.adults.unwrap_or(0), 0, MAX_ADULTS).or_else(|| {
        problems.push(BookingProblem::AdultsOutOfRange(
            request.adults.unwrap_or(0),
        ));
        None
    });
    if let (Some(size), Some(adults)) = (size, adults) {
        let capacity = calendar.bookings.capacity;
        if people(size, adults) > capacity {
            problems.push(BookingProblem::LargerThanSlot {
                people: people(size, adults),
                capacity,
            });
        }
    }

    let organisation = one_line(
        &request.organisation,
        Field::Organisation,
        MAX_NAME_CHARS,
        &mut problems,
    );
    let organisation = required_text(organisation, Field::Organisation, &mut problems);
    let class = one_line(&request.class, Field::Class, MAX_CLASS_CHARS, &mut problems)
        .ok()
        .flatten();
    let contact_name = one_line(
        &request.contact_name,
        Field::ContactName,
        MAX_NAME_CHARS,
        &mut problems,
    );
    let contact_name = required_text(contact_name, Field::ContactName, &mut problems);

    let phone = required(&request.phone, Field::Phone, &mut problems).and_then(|text| {
        if is_phone(text) {
            Some(text.to_string())
        } else {
            problems.push(BookingProblem::BadPhone(text.to_string()));
            None
        }
    });
    let email = request
        .email
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .and_then(|text| {
            if is_email(text) {
                Some(text.to_string())
            } else {
                problems.push(BookingProblem::BadEmail(text.to_string()));
                None
            }
        });

    let lang = required(&request.lang, Field::Lang, &mut problems).and_then(|text| {
        Lang::from_code(&text.to_ascii_lowercase()).or_else(|| {
            problems.push(BookingProblem::UnknownLang(text.to_string()));
            None
        })
    });
    let needs = long_text(&request.needs, Field::Needs, &mut problems);
    let note = long_text(&request.note, Field::Note, &mut problems);
    if !request.consent {
        problems.push(BookingProblem::NoConsent);
    }

    match (
        slot,
        group,
        size,
        adults,
        organisation,
        contact_name,
        phone,
        lang,
    ) {
        (
            Some(slot),
            Some(group),
            Some(size),
            Some(adults),
            Some(organisation),
            Some(contact_name),
            Some(phone),
            Some(lang),
        ) if problems.is_empty() => Ok(NewBooking {
            slot,
            group,
            size,
            adults,
            organisation,
            class,
            contact_name,
            phone,
            email,
            lang,
            needs,
            note,
        }),
        _ => Err(problems),
    }
}

/// A guide's reason for declining or cancelling: required, one to 1,000 characters.
pub fn reason(text: &str) -> Result<String, BookingProblem> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(BookingProblem::Missing(Field::Reason));
    }
    if trimmed.chars().count() > MAX_NOTE_CHARS {
        return Err(BookingProblem::TooLong {
            field: Field::Reason,
            max: MAX_NOTE_CHARS,
        });
    }
    if trimmed.chars().any(bad_in_long_text) {
        return Err(BookingProblem::BadCharacters(Field::Reason));
    }
    Ok(trimmed.to_string())
}

/// The phone as the duplicate check compares it: its digits only, with Ukraine's country code
/// written the national way (`+380 67 123 45 67` and `067-123-45-67` are one phone).
pub fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("380") {
        Some(national) if digits.len() == 12 => format!("0{national}"),
        _ => digits,
    }
}

/// A required text, trimmed; blank is missing.
fn required<'a>(
    value: &'a Option<String>,
    field: Field,
    problems: &mut Vec<BookingProblem>,
) -> Option<&'a str> {
    let text = value.as_deref().map(str::trim).unwrap_or("");
    if text.is_empty() {
        problems.push(BookingProblem::Missing(field));
        None
    } else {
        Some(text)
    }
}

/// A required text that [`one_line`] read (None when blank or wrong): missing when it was blank.
fn required_text(
    value: Result<Option<String>, ()>,
    field: Field,
    problems: &mut Vec<BookingProblem>,
) -> Option<String> {
    match value {
        Ok(Some(text)) => Some(text),
        Ok(None) => {
            problems.push(BookingProblem::Missing(field));
            None
        }
        Err(()) => None,
    }
}

/// An optional one-line text, trimmed: `Ok(None)` when blank, `Err` when too long or not one line.
fn one_line(
    value: &Option<String>,
    field: Field,
    max: usize,
    problems: &mut Vec<BookingProblem>,
) -> Result<Option<String>, ()> {
    checked_text(value, field, max, char::is_control, problems)
}

/// An optional text of up to 1,000 characters, several lines allowed.
fn long_text(
    value: &Option<String>,
    field: Field,
    problems: &mut Vec<BookingProblem>,
) -> Option<String> {
    checked_text(value, field, MAX_NOTE_CHARS, bad_in_long_text, problems)
        .ok()
        .flatten()
}

fn checked_text(
    value: &Option<String>,
    field: Field,
    max: usize,
    bad: fn(char) -> bool,
    problems: &mut Vec<BookingProblem>,
) -> Result<Option<String>, ()> {
    let text = value.as_deref().map(str::trim).unwrap_or("");
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > max {
        problems.push(BookingProblem::TooLong { field, max });
        return Err(());
    }
    if text.chars().any(bad) {
        problems.push(BookingProblem::BadCharacters(field));
        return Err(());
    }
    Ok(Some(text.to_string()))
}

/// Control characters other than line breaks and tabs.
fn bad_in_long_text(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

fn in_range(value: i64, min: u32, max: u32) -> Option<u32> {
    u32::try_from(value)
        .ok()
        .filter(|value| (min..=max).contains(value))
}

/// Digits with spaces, dashes or brackets and an optional leading `+`; 10 to 15 digits.
fn is_phone(text: &str) -> bool {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    text.chars().count() <= MAX_PHONE_CHARS
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
        && (MIN_PHONE_DIGITS..=MAX_PHONE_DIGITS).contains(&digits)
}

/// Shaped like an e-mail address: `local@domain.tld`, no spaces, a dot inside the domain.
fn is_email(text: &str) -> bool {
    if text.chars().count() > MAX_EMAIL_CHARS {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"@".contains(c);
    !local.is_empty()
        && local.chars().count() <= MAX_EMAIL_LOCAL_CHARS
        && local.chars().all(plain)
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(plain)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Monday 2026-05-04, 09:00 in Kyiv.
    fn now() -> DateTime<Utc> {
        at("2026-05-04T09:00:00+03:00")
    }

    fn calendar() -> Calendar {
        Calendar::default()
    }

    /// A request that passes: Wednesday 2026-05-06 at 10:00, 25 children and 2 adults.
    fn good() -> BookingRequest {
        BookingRequest {
            date: Some("2026-05-06".into()),
            time: Some("10:00".into()),
            group: Some("school".into()),
            size: Some(25),
            adults: Some(2),
            organisation: Some("  Ліцей № 5 м. Хмельницького ".into()),
            class: Some("7-Б".into()),
            contact_name: Some("Олена Петрівна".into()),
            phone: Some("+380 (67) 123-45-67".into()),
            email: Some("olena@school5.km.ua".into()),
            lang: Some("uk".into()),
            needs: Some("Один учень на візку.\nПотрібен пандус.".into()),
            note: None,
            consent: true,
        }
    }

    fn problems(request: &BookingRequest) -> Vec<BookingProblem> {
        validate_booking(request, &calendar(), now(), Asker::Teacher).unwrap_err()
    }

    fn fields(request: &BookingRequest) -> Vec<&'static str> {
        problems(request)
            .iter()
            .map(|p| p.field().as_str())
            .collect()
    }

    #[test]
    fn a_good_booking_passes_trimmed() {
        let booking = validate_booking(&good(), &calendar(), now(), Asker::Teacher).unwrap();
        assert_eq!(
            booking.slot.date,
            NaiveDate::from_ymd_opt(2026, 5, 6).unwrap()
        );
        assert_eq!(booking.slot.time_text(), "10:00");
        assert_eq!(booking.group, Category::School);
        assert_eq!(booking.people(), 27);
        assert_eq!(booking.organisation, "Ліцей № 5 м. Хмельницького");
        assert_eq!(booking.lang, Lang::Uk);
        assert_eq!(booking.phone_key(), "0671234567");
        assert!(booking.needs.unwrap().contains('\n'));
        // Only what the contract requires: no class, adults, e-mail, needs or note.
        let bare = BookingRequest {
            class: Some("  ".into()),
            adults: None,
            email: Some("".into()),
            needs: None,
            ..good()
        };
        let booking = validate_booking(&bare, &calendar(), now(), Asker::Teacher).unwrap();
        assert_eq!(
            (booking.class, booking.adults, booking.email),
            (None, 0, None)
        );
    }

    #[test]
    fn a_booking_from_json_reads_the_contracts_fields() {
        let json = r#"{"date": "2026-05-06", "time": "12:00", "group": "student", "size": 12,
            "adults": 0, "organisation": "ХНУ", "class": null, "contact_name": "Іван",
            "phone": "0671234567", "email": null, "lang": "en", "needs": null, "note": null,
            "consent": true}"#;
        let request: BookingRequest = serde_json::from_str(json).unwrap();
        let booking = validate_booking(&request, &calendar(), now(), Asker::Teacher).unwrap();
        assert_eq!(booking.lang, Lang::En);
        assert_eq!(booking.group, Category::Student);
        // An empty object is every required field missing, not a parse error.
        let empty: BookingRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(
            fields(&empty),
            [
                "date",
                "time",
                "group",
                "size",
                "organisation",
                "contact_name",
                "phone",
                "lang",
                "consent"
            ]
        );
        assert!(problems(&empty).contains(&BookingProblem::Missing(Field::Date)));
        assert!(problems(&empty).contains(&BookingProblem::NoConsent));
    }

    #[test]
    fn sizes_and_adults_have_their_ranges() {
        let with = |size: i64, adults: i64| BookingRequest {
            size: Some(size),
            adults: Some(adults),
            ..good()
        };
        assert_eq!(problems(&with(0, 0)), [BookingProblem::SizeOutOfRange(0)]);
        assert_eq!(
            problems(&with(501, 0))[0],
            BookingProblem::SizeOutOfRange(501)
        );
        assert_eq!(
            problems(&with(10, -1)),
            [BookingProblem::AdultsOutOfRange(-1)]
        );
        assert_eq!(
            problems(&with(10, 101)),
            [BookingProblem::AdultsOutOfRange(101)]
        );
        // Within range but more than a slot (30) holds: never fits.
        assert_eq!(
            problems(&with(29, 2)),
            [BookingProblem::LargerThanSlot {
                people: 31,
                capacity: 30
            }]
        );
        let big = crate::visitors::calendar_from_text(
            std::path::Path::new("visitors.ron"),
            "(bookings: (capacity: 700))",
        )
        .unwrap();
        for (size, adults) in [(1, 0), (500, 100)] {
            assert!(validate_booking(&with(size, adults), &big, now(), Asker::Teacher).is_ok());
        }
    }

    #[test]
    fn phones_are_digits_with_spaces_dashes_brackets_and_a_leading_plus() {
        let phone = |text: &str| BookingRequest {
            phone: Some(text.into()),
            ..good()
        };
        for ok in [
            "0671234567",
            "+380671234567",
            "+38 (067) 123-45-67",
            "067 123 45 67",
            "123456789012345",
        ] {
            assert!(
                validate_booking(&phone(ok), &calendar(), now(), Asker::Teacher).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "067123456",        // 9 digits
            "1234567890123456", // 16 digits
            "067.123.45.67",
            "+ 067 123 45 67 x",
            "38+0671234567",
            "++380671234567",
            "067-123-45-67 ext",
            "tel:0671234567",
            "0 - - - - - - - - - - - - - - - - - - - 671234567",
        ] {
            assert_eq!(
                problems(&phone(bad)),
                [BookingProblem::BadPhone(bad.into())],
                "{bad}"
            );
        }
        assert_eq!(phone_key("+380 67 123 45 67"), phone_key("067-123-45-67"));
        assert_eq!(phone_key("+48 123 456 789"), "48123456789");
    }

    #[test]
    fn e_mail_is_optional_and_shaped_like_one() {
        let email = |text: &str| BookingRequest {
            email: Some(text.into()),
            ..good()
        };
        for ok in [
            "a@b.ua",
            "olena.petrivna+school@ukr.net",
            "x@sub.domain.com.ua",
        ] {
            assert!(
                validate_booking(&email(ok), &calendar(), now(), Asker::Teacher).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "olena", "@b.ua", "a@b", "a@.ua", "a@b.", "a b@c.ua", "a@b..ua", "a@@b.ua", "a@-b.ua",
            "<a@b.ua>",
        ] {
            assert_eq!(
                problems(&email(bad)),
                [BookingProblem::BadEmail(bad.into())],
                "{bad}"
            );
        }
        let long = format!("{}@b.ua", "a".repeat(65));
        assert_eq!(problems(&email(&long)), [BookingProblem::BadEmail(long)]);
    }

    #[test]
    fn texts_are_length_capped_and_one_line_where_one_line_belongs() {
        let request = BookingRequest {
            organisation: Some("Ш".repeat(201)),
            contact_name: Some("Олена\nПетрівна".into()),
            class: Some("7".repeat(41)),
            needs: Some("n".repeat(1001)),
            note: Some("bell\u{7}".into()),
            ..good()
        };
        assert_eq!(
            problems(&request),
            [
                BookingProblem::TooLong {
                    field: Field::Organisation,
                    max: 200
                },
                BookingProblem::TooLong {
                    field: Field::Class,
                    max: 40
                },
                BookingProblem::BadCharacters(Field::ContactName),
                BookingProblem::TooLong {
                    field: Field::Needs,
                    max: 1000
                },
                BookingProblem::BadCharacters(Field::Note),
            ]
        );
        // Exactly at the limits, counted in characters (Cyrillic is two bytes each).
        let request = BookingRequest {
            organisation: Some("Ш".repeat(200)),
            contact_name: Some("Я".repeat(200)),
            class: Some("к".repeat(40)),
            needs: Some("н".repeat(1000)),
            note: Some("н\r\n\t".repeat(250)),
            ..good()
        };
        assert!(validate_booking(&request, &calendar(), now(), Asker::Teacher).is_ok());
        // Blank required texts are missing.
        let blank = BookingRequest {
            organisation: Some("   ".into()),
            contact_name: None,
            ..good()
        };
        assert_eq!(
            problems(&blank),
            [
                BookingProblem::Missing(Field::Organisation),
                BookingProblem::Missing(Field::ContactName)
            ]
        );
    }

    #[test]
    fn group_lang_and_consent_are_checked() {
        let request = BookingRequest {
            group: Some("pupils".into()),
            lang: Some("de".into()),
            consent: false,
            ..good()
        };
        assert_eq!(
            problems(&request),
            [
                BookingProblem::UnknownGroup("pupils".into()),
                BookingProblem::UnknownLang("de".into()),
                BookingProblem::NoConsent,
            ]
        );
        let forgiving = BookingRequest {
            group: Some(" Family ".into()),
            lang: Some("EN".into()),
            ..good()
        };
        let booking = validate_booking(&forgiving, &calendar(), now(), Asker::Teacher).unwrap();
        assert_eq!((booking.group, booking.lang), (Category::Family, Lang::En));
    }

    #[test]
    fn the_date_and_time_must_be_an_offered_slot() {
        let slot = |date: &str, time: &str| BookingRequest {
            date: Some(date.into()),
            time: Some(time.into()),
            ..good()
        };
        assert_eq!(
            problems(&slot("06.05.2026", "10:00")),
            [BookingProblem::NotADate("06.05.2026".into())]
        );
        assert_eq!(
            problems(&slot("2026-05-06", "10.00")),
            [BookingProblem::NotATime("10.00".into())]
        );
        let too_soon = problems(&slot("2026-05-05", "10:00"));
        assert_eq!(too_soon[0].field(), Field::Date);
        assert!(matches!(
            too_soon[0],
            BookingProblem::NotOffered(NotOffered::TooSoon { .. })
        ));
        let no_such = problems(&slot("2026-05-06", "11:00"));
        assert_eq!(no_such[0].field(), Field::Time);
        // Sunday is closed.
        assert!(matches!(
            problems(&slot("2026-05-10", "10:00"))[0],
            BookingProblem::NotOffered(NotOffered::ClosedDay(_))
        ));
        // A guide may enter today's later slot, which a teacher may not.
        let today = slot("2026-05-04", "12:00");
        assert!(validate_booking(&today, &calendar(), now(), Asker::Guide).is_ok());
        assert!(validate_booking(&today, &calendar(), now(), Asker::Teacher).is_err());
    }

    #[test]
    fn reasons_are_required_and_capped() {
        assert_eq!(
            reason("  Повітряна тривога "),
            Ok("Повітряна тривога".into())
        );
        assert_eq!(reason(" "), Err(BookingProblem::Missing(Field::Reason)));
        assert_eq!(
            reason(&"x".repeat(1001)),
            Err(BookingProblem::TooLong {
                field: Field::Reason,
                max: 1000
            })
        );
        assert_eq!(
            reason("a\u{0}b"),
            Err(BookingProblem::BadCharacters(Field::Reason))
        );
    }

    #[test]
    fn every_problem_is_worded_with_its_field_in_both_languages() {
        let messages = Messages::new();
        let every = [
            BookingProblem::Missing(Field::ContactName),
            BookingProblem::TooLong {
                field: Field::Class,
                max: 40,
            },
            BookingProblem::BadCharacters(Field::Organisation),
            BookingProblem::NotADate("x".into()),
            BookingProblem::NotATime("x".into()),
            BookingProblem::UnknownGroup("x".into()),
            BookingProblem::UnknownLang("x".into()),
            BookingProblem::SizeOutOfRange(0),
            BookingProblem::AdultsOutOfRange(101),
            BookingProblem::LargerThanSlot {
                people: 40,
                capacity: 30,
            },
            BookingProblem::BadPhone("x".into()),
            BookingProblem::BadEmail("x".into()),
            BookingProblem::NoConsent,
            BookingProblem::NotOffered(NotOffered::Passed),
        ];
        for problem in &every {
            for lang in Lang::ALL {
                let words = problem.words(&messages, lang);
                assert!(!words.contains("booking-"), "{words}");
                assert!(!words.is_empty());
            }
        }
        let uk = BookingProblem::Missing(Field::ContactName).words(&messages, Lang::Uk);
        let en = BookingProblem::Missing(Field::ContactName).words(&messages, Lang::En);
        assert!(
            uk.contains(&Field::ContactName.words(&messages, Lang::Uk)),
            "{uk}"
        );
        assert!(
            en.contains(&Field::ContactName.words(&messages, Lang::En)),
            "{en}"
        );
        let fields = [
            Field::Date,
            Field::Time,
            Field::Group,
            Field::Size,
            Field::Adults,
            Field::Organisation,
            Field::Class,
            Field::ContactName,
            Field::Phone,
            Field::Email,
            Field::Lang,
            Field::Needs,
            Field::Note,
            Field::Consent,
            Field::Reason,
        ];
        for field in fields {
            for lang in Lang::ALL {
                assert!(
                    !field.words(&messages, lang).starts_with("booking-"),
                    "{field:?}"
                );
            }
        }
    }
}
