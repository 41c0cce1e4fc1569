//! `tour start|end|list` and `visit add`.

use chrono::{DateTime, Utc};
use fluent_bundle::FluentValue;
use serde::Serialize;

use super::{Desk, input, local_time, print_json, short_id};
use crate::cli::{CliError, Format, TourEndArgs, TourListArgs, TourStartArgs, VisitAddArgs};
use crate::store::{NewTour, NewVisit, Tour, VisitorStore};

/// A tour in JSON output.
#[derive(Serialize)]
struct TourJson<'a> {
    id: String,
    group: &'a str,
    size: u32,
    guide: Option<&'a str>,
    note: Option<&'a str>,
    started_at: String,
    ended_at: Option<String>,
    start_date: String,
    open: bool,
    /// Rounds of the exhibit played during the tour; only in `tour list`.
    #[serde(skip_serializing_if = "Option::is_none")]
    games: Option<u64>,
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl<'a> From<&'a Tour> for TourJson<'a> {
    fn from(tour: &'a Tour) -> Self {
        TourJson {
            id: tour.id.to_string(),
            group: tour.category.as_str(),
            size: tour.size,
            guide: tour.guide.as_deref(),
            note: tour.note.as_deref(),
            started_at: utc_text(tour.started_at),
            ended_at: tour.ended_at.map(utc_text),
            start_date: tour.start_date.to_string(),
            open: tour.is_open(),
            games: None,
        }
    }
}

pub fn tour_start(desk: &Desk, args: TourStartArgs) -> Result<(), CliError> {
    let category = input::category(&args.group).map_err(|p| desk.rejected("--group", p))?;
    let size = input::count(args.size).map_err(|p| desk.rejected("--size", p))?;
    let guide =
        input::optional_text(args.guide.as_deref()).map_err(|p| desk.rejected("--guide", p))?;
    let note =
        input::optional_text(args.note.as_deref()).map_err(|p| desk.rejected("--note", p))?;
    let started_at = desk.instant_or_now(args.at.as_deref())?;
    let mut store = desk.open_store()?;
    let tour = store
        .start_tour(&NewTour {
            category,
            size,
            guide,
            note,
            started_at,
        })
        .map_err(|err| desk.store_failed(err))?;
    match args.format {
        Format::Json => print_json(&TourJson::from(&tour)),
        Format::Text => {
            // The id alone on standard output, so `ID=$(tourcentre tour start ...)` works.
            println!("{}", tour.id);
            eprintln!(
                "{}",
                desk.say(
                    "tour-started",
                    &[
                        ("group", desk.category_name(tour.category).into()),
                        ("size", FluentValue::from(tour.size)),
                        ("at", local_time(tour.started_at).into()),
                        ("id", short_id(&tour.id).into()),
                    ],
                )
            );
        }
    }
    Ok(())
}

pub fn tour_end(desk: &Desk, args: TourEndArgs) -> Result<(), CliError> {
    let ended_at = desk.instant_or_now(args.at.as_deref())?;
    let mut store = desk.open_store()?;
    let tour = store
        .find_tour(&args.id)
        .and_then(|tour| store.end_tour(tour.id, ended_at))
        .map_err(|err| desk.store_failed(err))?;
    match args.format {
        Format::Json => print_json(&TourJson::from(&tour)),
        Format::Text => {
            let minutes = (ended_at - tour.started_at).num_minutes();
            println!(
                "{}",
                desk.say(
                    "tour-ended",
                    &[
                        ("id", short_id(&tour.id).into()),
                        ("group", desk.category_name(tour.category).into()),
                        ("size", FluentValue::from(tour.size)),
                        ("at", local_time(ended_at).into()),
                        ("hours", FluentValue::from(minutes / 60)),
                        ("minutes", FluentValue::from(minutes % 60)),
                    ],
                )
            );
        }
    }
    Ok(())
}

pub fn tour_list(desk: &Desk, args: TourListArgs) -> Result<(), CliError> {
    let date = desk.date_or_today(args.date.as_deref())?;
    let store = desk.open_store()?;
    let open = store.open_tours().map_err(|err| desk.store_failed(err))?;
    let ended: Vec<Tour> = store
        .tours_started_on(date)
        .map_err(|err| desk.store_failed(err))?
        .into_iter()
        .filter(|tour| !tour.is_open())
        .collect();
    let day = store
        .visitors_on(date)
        .map_err(|err| desk.store_failed(err))?;
    let games = |tour: &Tour| {
        store
            .games_in_tour(tour.id)
            .map_err(|err| desk.store_failed(err))
    };
    match args.format {
        Format::Json => {
            let mut tours = Vec::new();
            for tour in open.iter().chain(&ended) {
                tours.push(TourJson {
                    games: Some(games(tour)?),
                    ..TourJson::from(tour)
                });
            }
            print_json(&tours);
        }
        Format::Text => {
            let date_text = date.to_string();
            println!(
                "{}",
                desk.say(
                    "tour-list-open",
                    &[("count", FluentValue::from(open.len()))]
                )
            );
            for tour in &open {
                let since = if tour.start_date == date {
                    local_time(tour.started_at)[11..].to_string()
                } else {
                    local_time(tour.started_at)
                };
                println!(
                    "{}",
                    tour_line(desk, tour, &format!("{since}…"), games(tour)?)
                );
            }
            println!(
                "{}",
                desk.say(
                    "tour-list-ended",
                    &[
                        ("date", date_text.clone().into()),
                        ("count", FluentValue::from(ended.len())),
                    ],
                )
            );
            for tour in &ended {
                let end = tour.ended_at.map(local_time).unwrap_or_default();
                let span = format!(
                    "{}–{}",
                    &local_time(tour.started_at)[11..],
                    end.get(11..).unwrap_or_default()
                );
                println!("{}", tour_line(desk, tour, &span, games(tour)?));
            }
            println!(
                "{}",
                desk.say(
                    "day-total",
                    &[
                        ("date", date_text.into()),
                        ("count", FluentValue::from(day.total())),
                    ],
                )
            );
        }
    }
    Ok(())
}

fn tour_line(desk: &Desk, tour: &Tour, when: &str, games: u64) -> String {
    let mut line = format!(
        "  {}  {when:<12} {:<10} {:>3}",
        short_id(&tour.id),
        desk.category_name(tour.category),
        tour.size
    );
    if games > 0 {
        line.push_str("  ");
        line.push_str(&desk.say("tour-games", &[("count", FluentValue::from(games))]));
    }
    for extra in [&tour.guide, &tour.note].into_iter().flatten() {
        line.push_str("  ");
        line.push_str(extra);
    }
    line
}

#[derive(Serialize)]
struct VisitJson<'a> {
    id: String,
    date: String,
    count: u32,
    category: &'a str,
    note: Option<&'a str>,
    recorded_at: String,
    visitors_on_date: u64,
}

pub fn visit_add(desk: &Desk, args: VisitAddArgs) -> Result<(), CliError> {
    let count = input::count(args.count).map_err(|p| desk.rejected("--count", p))?;
    let category = input::category(&args.category).map_err(|p| desk.rejected("--category", p))?;
    let date = desk.date_or_today(args.date.as_deref())?;
    let note =
        input::optional_text(args.note.as_deref()).map_err(|p| desk.rejected("--note", p))?;
    let mut store = desk.open_store()?;
    let visit = store
        .add_visit(&NewVisit {
            date,
            count,
            category,
            note,
        })
        .map_err(|err| desk.store_failed(err))?;
    // The write is committed; a failure to read the day's total must not look like a failed add.
    let day_total = store
        .visitors_on(date)
        .map(|day| day.total())
        .unwrap_or(u64::from(count));
    match args.format {
        Format::Json => print_json(&VisitJson {
            id: visit.id.to_string(),
            date: visit.date.to_string(),
            count: visit.count,
            category: visit.category.as_str(),
            note: visit.note.as_deref(),
            recorded_at: utc_text(visit.recorded_at),
            visitors_on_date: day_total,
        }),
        Format::Text => println!(
            "{}",
            desk.say(
                "visit-added",
                &[
                    ("count", FluentValue::from(visit.count)),
                    ("category", desk.category_name(visit.category).into()),
                    ("date", visit.date.to_string().into()),
                    ("total", FluentValue::from(day_total)),
                ],
            )
        ),
    }
    Ok(())
}
