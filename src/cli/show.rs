//! Every outcome of the centre's operations as a person reads it at a terminal: JSON (the
//! contract's objects, as they serialise) or text worded through the Fluent messages. The text
//! functions return what they would print, so they are tested without running the binary.

use chrono::Datelike;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::Format;
use crate::centre::definitions::StoredDefinition;
use crate::centre::observations::{HistoryEntry, StoredObservation};
use crate::centre::{DayTours, Exported, Imported, StoreCopied, TourRecord, VisitAdded, Voided};
use crate::i18n::Words;
use crate::store::short_id;
use crate::visitors::{Category, YearStatus, local_time};

/// What a command prints in text form: lines for standard output and for standard error.
#[derive(Debug, Default, PartialEq)]
pub struct Shown {
    pub out: Vec<String>,
    pub err: Vec<String>,
}

impl Shown {
    pub fn out(line: String) -> Self {
        Shown {
            out: vec![line],
            err: Vec::new(),
        }
    }

    fn print(&self) {
        for line in &self.out {
            println!("{line}");
        }
        for line in &self.err {
            eprintln!("{line}");
        }
    }
}

/// Prints an outcome: its JSON (pretty) or its text.
pub fn emit<T: Serialize + ?Sized>(format: Format, outcome: &T, text: impl FnOnce() -> Shown) {
    match format {
        Format::Json => print_json(outcome),
        Format::Text => text().print(),
    }
}

/// Prints a value as pretty JSON on standard output. Serialising the project's plain records
/// cannot fail; if it ever did, the reason goes to standard error rather than a crash.
pub fn print_json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("{err}"),
    }
}

fn category_name(words: &Words, category: Category) -> String {
    words.text(&format!("category-{}", category.as_str()))
}

/// The id alone on standard output, so `ID=$(tourcentre tour start ...)` works; the words on
/// standard error.
pub fn tour_started(words: &Words, record: &TourRecord) -> Shown {
    let tour = &record.tour;
    Shown {
        out: vec![tour.id.to_string()],
        err: vec![words.say(
            "tour-started",
            &[
                ("group", category_name(words, tour.category).into()),
                ("size", FluentValue::from(tour.size)),
                ("at", local_time(tour.started_at).into()),
                ("id", short_id(&tour.id).into()),
            ],
        )],
    }
}

pub fn tour_ended(words: &Words, record: &TourRecord) -> Shown {
    let tour = &record.tour;
    let ended_at = tour.ended_at.unwrap_or(tour.started_at);
    let minutes = (ended_at - tour.started_at).num_minutes();
    Shown::out(words.say(
        "tour-ended",
        &[
            ("id", short_id(&tour.id).into()),
            ("group", category_name(words, tour.category).into()),
            ("size", FluentValue::from(tour.size)),
            ("at", local_time(ended_at).into()),
            ("hours", FluentValue::from(minutes / 60)),
            ("minutes", FluentValue::from(minutes % 60)),
        ],
    ))
}

/// Open tours (since when), the day's ended tours (from–to), and the day's visitors.
pub fn day_tours(words: &Words, day: &DayTours) -> Shown {
    let date_text = day.date.to_string();
    let mut out = vec![words.say(
        "tour-list-open",
        &[("count", FluentValue::from(day.open.len()))],
    )];
    for record in &day.open {
        let tour = &record.tour;
        let since = if tour.start_date == day.date {
            local_time(tour.started_at)[11..].to_string()
        } else {
            local_time(tour.started_at)
        };
        out.push(tour_line(words, record, &format!("{since}…")));
    }
    out.push(words.say(
        "tour-list-ended",
        &[
            ("date", date_text.clone().into()),
            ("count", FluentValue::from(day.ended.len())),
        ],
    ));
    for record in &day.ended {
        let tour = &record.tour;
        let end = tour.ended_at.map(local_time).unwrap_or_default();
        let span = format!(
            "{}–{}",
            &local_time(tour.started_at)[11..],
            end.get(11..).unwrap_or_default()
        );
        out.push(tour_line(words, record, &span));
    }
    out.push(words.say(
        "day-total",
        &[
            ("date", date_text.into()),
            ("count", FluentValue::from(day.visitors)),
        ],
    ));
    Shown {
        out,
        err: Vec::new(),
    }
}

fn tour_line(words: &Words, record: &TourRecord, when: &str) -> String {
    let tour = &record.tour;
    let mut line = format!(
        "  {}  {when:<12} {:<10} {:>3}",
        short_id(&tour.id),
        category_name(words, tour.category),
        tour.size
    );
    let games = record.games.unwrap_or(0);
    if games > 0 {
        line.push_str("  ");
        line.push_str(&words.say("tour-games", &[("count", FluentValue::from(games))]));
    }
    for extra in [&tour.guide, &tour.note].into_iter().flatten() {
        line.push_str("  ");
        line.push_str(extra);
    }
    line
}

pub fn visit_added(words: &Words, added: &VisitAdded) -> Shown {
    let visit = &added.visit;
    Shown::out(words.say(
        "visit-added",
        &[
            ("count", FluentValue::from(visit.count)),
            ("category", category_name(words, visit.category).into()),
            ("date", visit.date.to_string().into()),
            ("total", FluentValue::from(added.visitors_on_date)),
        ],
    ))
}

pub fn imported(words: &Words, imported: &Imported) -> Shown {
    Shown::out(words.say(
        "import-done",
        &[
            ("file", imported.file.display().to_string().into()),
            ("rows", FluentValue::from(imported.rows)),
            ("visitors", FluentValue::from(imported.visitors)),
        ],
    ))
}

pub fn exported(words: &Words, exported: &Exported) -> Shown {
    Shown::out(words.say(
        "export-done",
        &[
            ("file", exported.file.display().to_string().into()),
            ("rows", FluentValue::from(exported.rows)),
        ],
    ))
}

pub fn store_copied(words: &Words, copied: &StoreCopied) -> Shown {
    Shown::out(words.say(
        "backup-done",
        &[
            ("file", copied.file.display().to_string().into()),
            ("visits", FluentValue::from(copied.visits)),
            ("tours", FluentValue::from(copied.tours)),
        ],
    ))
}

pub fn voided(words: &Words, voided: &Voided) -> Shown {
    Shown::out(words.say(
        "record-voided",
        &[
            ("id", voided.id.clone().into()),
            ("reason", voided.reason.clone().into()),
        ],
    ))
}

/// Stations, one a line: name, state, last seen, version, scenario, rounds and sessions today.
pub fn stations(words: &Words, stations: &[crate::centre::stations::StationStatus]) -> Shown {
    if stations.is_empty() {
        return Shown::out(words.text("station-none"));
    }
    Shown {
        out: stations
            .iter()
            .map(|s| {
                words.say(
                    "station-line",
                    &[
                        ("name", s.name.clone().into()),
                        (
                            "state",
                            words
                                .text(&format!("station-state-{}", s.state.code()))
                                .into(),
                        ),
                        (
                            "seen",
                            s.last_seen.clone().unwrap_or_else(|| "–".into()).into(),
                        ),
                        (
                            "version",
                            s.version.clone().unwrap_or_else(|| "–".into()).into(),
                        ),
                        (
                            "scenario",
                            s.scenario.clone().unwrap_or_else(|| "–".into()).into(),
                        ),
                        ("rounds", s.rounds_today.unwrap_or(0).into()),
                        ("sessions", s.sessions_today.into()),
                        ("outbox", s.outbox.unwrap_or(0).into()),
                    ],
                )
            })
            .collect(),
        err: Vec::new(),
    }
}

/// Users as a table: name, role, tokens.
pub fn users(words: &Words, users: &[crate::store::User]) -> Shown {
    if users.is_empty() {
        return Shown::out(words.text("user-none"));
    }
    let width = users
        .iter()
        .map(|u| u.name.chars().count())
        .max()
        .unwrap_or(0);
    Shown {
        out: users
            .iter()
            .map(|user| {
                let pad = width - user.name.chars().count();
                format!(
                    "{}{}  {:<9}  {}",
                    user.name,
                    " ".repeat(pad),
                    user.role.as_str(),
                    words.say("user-token-count", &[("count", user.tokens.into())])
                )
            })
            .collect(),
        err: Vec::new(),
    }
}

/// The one-screen text of `visitors status`: count and share, expected, projected, needed per
/// day, status, details.
pub fn year_status(words: &Words, status: &YearStatus) -> Shown {
    let whole = |value: f64| FluentValue::from(value.round() as i64);
    let mut lines = vec![
        words.say(
            "status-title",
            &[
                ("year", FluentValue::from(status.year)),
                ("date", status.as_of.to_string().into()),
            ],
        ),
        words.say(
            "status-to-date",
            &[
                ("count", FluentValue::from(status.visitors_to_date)),
                ("target", FluentValue::from(status.target)),
                (
                    "percent",
                    words.number(status.percent_of_target(), 1).into(),
                ),
            ],
        ),
        words.say(
            "status-expected",
            &[("expected", whole(status.expected_to_date))],
        ),
        words.say(
            "status-projected",
            &[("projected", whole(status.projected_year_end))],
        ),
    ];
    let shortfall = u64::from(status.target).saturating_sub(status.visitors_to_date);
    lines.push(if shortfall == 0 {
        words.text("status-target-met")
    } else if status.operating_days_left == 0 {
        words.say(
            "status-no-days-left",
            &[("missing", FluentValue::from(shortfall))],
        )
    } else {
        words.say(
            "status-required",
            &[
                (
                    "required",
                    FluentValue::from(status.required_per_operating_day),
                ),
                ("days", FluentValue::from(status.operating_days_left)),
            ],
        )
    });
    lines.push(words.say("status-pace", &[("status", status.status.as_str().into())]));
    if status.booked_ahead > 0 || status.no_show_rate.is_some() {
        let rate = crate::report::no_show_words(words, status.no_show_rate);
        lines.push(words.say(
            "status-bookings",
            &[
                ("booked", FluentValue::from(status.booked_ahead)),
                ("rate", rate.into()),
                ("secured", whole(status.secured_year_end)),
            ],
        ));
    }
    let categories: Vec<String> = Category::ALL
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                category_name(words, *c),
                status.by_category.get(*c)
            )
        })
        .collect();
    lines.push(words.say(
        "status-by-category",
        &[("list", categories.join(" · ").into())],
    ));
    let months: Vec<String> = status
        .by_month
        .iter()
        .take(status.as_of.month() as usize)
        .map(|m| format!("{}: {}", m.month, m.visitors))
        .collect();
    lines.push(words.say("status-by-month", &[("list", months.join(" · ").into())]));
    Shown::out(lines.join("\n"))
}

/// One booking on one line: code, slot, state, who, how many, how to reach them.
fn booking_line(words: &Words, b: &crate::centre::bookings::BookingRecord) -> String {
    let class = b
        .class
        .as_deref()
        .map(|c| format!(", {c}"))
        .unwrap_or_default();
    let contact = match (&b.contact_name, &b.phone) {
        (Some(name), Some(phone)) => format!("{name}, {phone}"),
        _ => words.text("booking-erased"),
    };
    words.say(
        "booking-line",
        &[
            ("code", b.code.clone().into()),
            ("date", b.date.clone().into()),
            ("time", b.time.clone().into()),
            ("status", words.of(&b.booking.status).into()),
            ("organisation", format!("{}{class}", b.organisation).into()),
            ("people", FluentValue::from(b.people)),
            ("size", FluentValue::from(b.size)),
            ("adults", FluentValue::from(b.adults)),
            ("contact", contact.into()),
        ],
    )
}

pub fn bookings(words: &Words, found: &[crate::centre::bookings::BookingRecord]) -> Shown {
    if found.is_empty() {
        return Shown::out(words.text("booking-none"));
    }
    Shown {
        out: found.iter().map(|b| booking_line(words, b)).collect(),
        err: Vec::new(),
    }
}

/// A booking as `booking show` prints it: the booking's fields, and `results` once the class's
/// visit is over (left out before, so the JSON is the booking's alone until then).
#[derive(Serialize)]
pub struct BookingShown<'a> {
    #[serde(flatten)]
    pub booking: &'a crate::centre::bookings::BookingRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results: Option<&'a crate::centre::class_results::ClassResults>,
}

/// A booking in full: its line, then whatever else it holds, then the class's results.
pub fn booking(words: &Words, shown: &BookingShown<'_>) -> Shown {
    let b = shown.booking;
    let mut out = vec![booking_line(words, b)];
    let mut field = |id: &str, value: &Option<String>| {
        if let Some(value) = value {
            out.push(format!("  {}: {value}", words.text(id)));
        }
    };
    field("booking-field-email", &b.email);
    field("booking-field-needs", &b.needs);
    field("booking-field-note", &b.note);
    field("booking-field-call-notes", &b.call_notes);
    field("booking-field-reason", &b.reason);
    if let Some(results) = shown.results {
        out.extend(class_results(words, results));
    }
    Shown {
        out,
        err: Vec::new(),
    }
}

/// What the class did at the kiosks, indented under its booking.
fn class_results(
    words: &Words,
    results: &crate::centre::class_results::ClassResults,
) -> Vec<String> {
    let share = results.first_try_accuracy.map_or_else(
        || "–".to_string(),
        |share| format!("{} %", words.number(share * 100.0, 0)),
    );
    let mut lines = vec![format!(
        "  {}",
        words.say(
            "results-line",
            &[
                ("rounds", FluentValue::from(results.rounds)),
                ("answers", FluentValue::from(results.answers)),
                ("right", FluentValue::from(results.first_try_right)),
                ("share", share.into()),
            ],
        )
    )];
    if !results.missed.is_empty() {
        lines.push(format!("  {}", words.text("results-missed-title")));
    }
    for miss in &results.missed {
        let mut line = format!(
            "    {}",
            words.say(
                "results-missed-line",
                &[
                    ("item", miss.name.clone().into()),
                    ("bin", miss.bin_name.clone().into()),
                    ("missed", FluentValue::from(miss.missed)),
                    ("answers", FluentValue::from(miss.answers)),
                ],
            )
        );
        if let Some(why) = &miss.why {
            line.push_str(&format!(" {why}"));
        }
        lines.push(line);
    }
    lines
}

/// A booking after a change: the code alone on standard output, the words on standard error.
pub fn booking_changed(words: &Words, b: &crate::centre::bookings::BookingRecord) -> Shown {
    let grouped = crate::bookings::BookingCode::parse(&b.code)
        .map_or_else(|| b.code.clone(), |code| code.grouped());
    Shown {
        out: vec![b.code.clone()],
        err: vec![
            booking_line(words, b),
            words.say("booking-code-is", &[("code", grouped.into())]),
        ],
    }
}

pub fn closed_day(words: &Words, closed: &crate::centre::bookings::ClosedDay) -> Shown {
    let mut out = vec![words.say(
        "booking-day-closed",
        &[
            ("date", closed.date.clone().into()),
            ("count", FluentValue::from(closed.cancelled.len())),
        ],
    )];
    out.extend(closed.cancelled.iter().map(|b| booking_line(words, b)));
    Shown {
        out,
        err: Vec::new(),
    }
}

/// The teachers to phone, one a line, with why no mail tells them; or that there are none. A
/// mail settings file with problems is said first, on standard error.
pub fn tell_items(words: &Words, tell: &crate::centre::notices::TellList) -> Shown {
    let mut err = Vec::new();
    if let crate::centre::notices::MailState::Broken(problems) = &tell.mail {
        err.push(words.text("tell-mail-broken"));
        err.push(words.of(problems));
    }
    let out = if tell.items.is_empty() {
        vec![words.text("booking-tell-none")]
    } else {
        tell.items
            .iter()
            .map(|item| {
                let mut organisation = item.organisation.clone();
                if let Some(class) = &item.class {
                    organisation.push_str(&format!(", {class}"));
                }
                words.say(
                    "booking-tell-line",
                    &[
                        ("id", FluentValue::from(item.id)),
                        ("what", words.text(item.event_message_id()).into()),
                        ("date", item.date.clone().into()),
                        ("time", item.time.clone().into()),
                        ("organisation", organisation.into()),
                        (
                            "contact",
                            item.contact_name.clone().unwrap_or_default().into(),
                        ),
                        ("phone", item.phone.clone().unwrap_or_default().into()),
                        ("why", words.text(item.why.message_id()).into()),
                    ],
                )
            })
            .collect()
    };
    Shown { out, err }
}

pub fn told(words: &Words, item: &crate::centre::notices::TellItem) -> Shown {
    Shown::out(words.say(
        "booking-told",
        &[
            ("what", words.text(item.event_message_id()).into()),
            ("organisation", item.organisation.clone().into()),
        ],
    ))
}

/// A number as stored, or "–" for a blank (missing) value.
fn stored(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| v.to_string())
}

/// ` (District: Center)` of a disaggregated series; nothing for the headline one.
fn series(disaggregation: &std::collections::BTreeMap<String, String>) -> String {
    if disaggregation.is_empty() {
        return String::new();
    }
    let cells: Vec<String> = disaggregation
        .iter()
        .map(|(column, value)| format!("{column}: {value}"))
        .collect();
    format!(" ({})", cells.join(", "))
}

/// `indicators set`: the row as stored.
pub fn observation_set(words: &Words, id: &str, row: &StoredObservation) -> Shown {
    let args = [
        ("id", FluentValue::from(id.to_string())),
        ("year", row.year.into()),
        ("series", series(&row.disaggregation).into()),
        ("value", stored(row.value).into()),
    ];
    let id = if row.changed {
        "indicator-set-done"
    } else {
        "indicator-set-unchanged"
    };
    Shown::out(words.say(id, &args))
}

/// `indicators define`: the fields changed, or that nothing changed.
pub fn definition_set(words: &Words, stored: &StoredDefinition) -> Shown {
    if stored.changed.is_empty() {
        return Shown::out(words.say(
            "indicator-define-unchanged",
            &[("id", stored.id.clone().into())],
        ));
    }
    Shown::out(words.say(
        "indicator-define-done",
        &[
            ("id", stored.id.clone().into()),
            ("fields", stored.changed.join(", ").into()),
        ],
    ))
}

/// `indicators history`: one line a change, newest first.
pub fn observation_history(words: &Words, history: &[HistoryEntry]) -> Shown {
    if history.is_empty() {
        return Shown::out(words.text("indicator-history-none"));
    }
    let lines = history
        .iter()
        .map(|change| {
            let at = change
                .at
                .with_timezone(&chrono_tz::Europe::Kyiv)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            if change.outside {
                return format!("{at}  {}", change.comment);
            }
            let user = change.user.clone().unwrap_or_else(|| "–".into());
            let text = |t: &Option<String>| t.clone().unwrap_or_else(|| "–".into());
            if let Some(field) = &change.field {
                return words.say(
                    "indicator-history-field-line",
                    &[
                        ("at", at.into()),
                        ("user", user.into()),
                        ("field", field.clone().into()),
                        ("old", text(&change.old_text).into()),
                        ("new", text(&change.new_text).into()),
                        ("comment", change.comment.clone().into()),
                    ],
                );
            }
            if let Some(line) = change.line {
                return words.say(
                    "indicator-history-row-line",
                    &[
                        ("at", at.into()),
                        ("user", user.into()),
                        ("line", line.into()),
                        ("old", text(&change.old_text).into()),
                        ("new", text(&change.new_text).into()),
                        ("comment", change.comment.clone().into()),
                    ],
                );
            }
            words.say(
                "indicator-history-line",
                &[
                    ("at", at.into()),
                    (
                        "user",
                        change.user.clone().unwrap_or_else(|| "–".into()).into(),
                    ),
                    (
                        "year",
                        change
                            .year
                            .map_or_else(String::new, |y| y.to_string())
                            .into(),
                    ),
                    ("series", series(&change.disaggregation).into()),
                    ("old", stored(change.old).into()),
                    ("new", stored(change.new).into()),
                    ("comment", change.comment.clone().into()),
                ],
            )
        })
        .collect();
    Shown {
        out: lines,
        err: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn ukrainian_writes_a_decimal_comma() {
        assert_eq!(Words::new(Lang::Uk).number(38.25, 1), "38,2");
        assert_eq!(Words::new(Lang::En).number(38.26, 1), "38.3");
    }
}
