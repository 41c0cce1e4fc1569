//! Every outcome of the centre's operations as a person reads it at a terminal: JSON (the
//! contract's objects, as they serialise) or text worded through the Fluent messages. The text
//! functions return what they would print, so they are tested without running the binary.

use chrono::Datelike;
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::Format;
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
