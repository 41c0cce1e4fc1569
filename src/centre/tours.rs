//! Tours and walk-ins: start a tour, end it, the day's tours, add visitors.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{Centre, CentreError, input};
use crate::store::{NewTour, NewVisit, Tour, VisitorStore};

/// What a person asks to start a tour with, as typed.
#[derive(Clone, Debug, Default)]
pub struct TourStart {
    /// school, student, adult, family or other
    pub group: String,
    pub size: i64,
    pub guide: Option<String>,
    pub note: Option<String>,
    /// When it started (`--at`): RFC 3339 or Kyiv local `YYYY-MM-DDTHH:MM`; None is now.
    pub at: Option<String>,
    /// The kiosk whose guide panel starts it; None from the desk.
    pub station: Option<String>,
}

/// Walk-ins to add, as typed.
#[derive(Clone, Debug, Default)]
pub struct VisitAdd {
    pub count: i64,
    pub category: String,
    /// `YYYY-MM-DD`; None is today.
    pub date: Option<String>,
    pub note: Option<String>,
}

/// A tour as the contract's JSON shows it.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TourRecord {
    pub id: String,
    /// school, student, adult, family or other
    pub group: &'static str,
    pub size: u32,
    #[schema(required)]
    pub guide: Option<String>,
    #[schema(required)]
    pub note: Option<String>,
    #[schema(format = DateTime)]
    pub started_at: String,
    #[schema(required, format = DateTime)]
    pub ended_at: Option<String>,
    #[schema(format = Date)]
    pub start_date: String,
    pub open: bool,
    /// Rounds of the exhibit played during the tour; only in a day's list.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = u64)]
    pub games: Option<u64>,
    /// The kiosk whose guide panel started it; absent for a tour started at the desk.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = String)]
    pub station: Option<String>,
    /// The tour as stored, for front ends that word it.
    #[serde(skip)]
    pub tour: Tour,
}

/// The tour a round belongs to (shared/DESIGN.md): among the tours on when it began (started by
/// then, not ended before), the newest one started at this `station`'s guide panel; else the only
/// one; else none (two tours in the hall and neither at this kiosk: the round is nobody's).
pub fn tour_for_round(tours: &[Tour], station: &str, began: DateTime<Utc>) -> Option<uuid::Uuid> {
    let on: Vec<&Tour> = tours
        .iter()
        .filter(|tour| tour.started_at <= began && tour.ended_at.is_none_or(|ended| began <= ended))
        .collect();
    on.iter()
        .filter(|tour| tour.station.as_deref() == Some(station))
        .max_by_key(|tour| tour.started_at)
        .or(match on.as_slice() {
            [only] => Some(only),
            _ => None,
        })
        .map(|tour| tour.id)
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl From<Tour> for TourRecord {
    fn from(tour: Tour) -> Self {
        TourRecord {
            id: tour.id.to_string(),
            group: tour.category.as_str(),
            size: tour.size,
            guide: tour.guide.clone(),
            note: tour.note.clone(),
            started_at: utc_text(tour.started_at),
            ended_at: tour.ended_at.map(utc_text),
            start_date: tour.start_date.to_string(),
            open: tour.is_open(),
            games: None,
            station: tour.station.clone(),
            tour,
        }
    }
}

/// A day at the desk: every open tour (of any day), the day's ended tours, its visitors.
#[derive(Clone, Debug)]
pub struct DayTours {
    pub date: NaiveDate,
    pub open: Vec<TourRecord>,
    pub ended: Vec<TourRecord>,
    /// Everyone counted on the day: walk-ins and tours.
    pub visitors: u64,
}

impl DayTours {
    /// The contract's `tour list` array: open tours first, then the day's ended ones.
    pub fn tours(&self) -> impl Iterator<Item = &TourRecord> {
        self.open.iter().chain(&self.ended)
    }
}

impl Serialize for DayTours {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.tours())
    }
}

/// Walk-ins as added, with the day's total after them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct VisitAdded {
    pub id: String,
    #[schema(format = Date)]
    pub date: String,
    pub count: u32,
    /// school, student, adult, family or other
    pub category: &'static str,
    #[schema(required)]
    pub note: Option<String>,
    #[schema(format = DateTime)]
    pub recorded_at: String,
    pub visitors_on_date: u64,
    #[serde(skip)]
    pub visit: crate::store::Visit,
}

impl Centre {
    /// Starts a tour (now, or at the time given).
    pub fn start_tour(&mut self, start: &TourStart) -> Result<TourRecord, CentreError> {
        let category = input::category(&start.group).map_err(|p| CentreError::input("group", p))?;
        let size = input::count(start.size).map_err(|p| CentreError::input("size", p))?;
        let guide = input::optional_text(start.guide.as_deref())
            .map_err(|p| CentreError::input("guide", p))?;
        let note = input::optional_text(start.note.as_deref())
            .map_err(|p| CentreError::input("note", p))?;
        let started_at = self.instant_or_now("at", start.at.as_deref())?;
        let station = input::optional_text(start.station.as_deref())
            .map_err(|p| CentreError::input("station", p))?;
        self.start_checked_tour(&NewTour {
            category,
            size,
            guide,
            note,
            started_at,
            station,
        })
    }

    /// Starts a tour whose values are already checked (the kiosk's panel offers only valid ones).
    pub fn start_checked_tour(&mut self, tour: &NewTour) -> Result<TourRecord, CentreError> {
        Ok(self.store()?.start_tour(tour)?.into())
    }

    /// Ends a tour; `id` may be its first characters, as a guide types them.
    pub fn end_tour(&mut self, id: &str, at: Option<&str>) -> Result<TourRecord, CentreError> {
        let ended_at = self.instant_or_now("at", at)?;
        let store = self.store()?;
        let tour = store.find_tour(id)?;
        Ok(store.end_tour(tour.id, ended_at)?.into())
    }

    /// The day's tours (default today) with the open ones, each with its exhibit games.
    pub fn day_tours(&mut self, date: Option<&str>) -> Result<DayTours, CentreError> {
        let date = self.date_or_today("date", date)?;
        let store = self.store()?;
        let with_games = |tour: Tour| -> Result<TourRecord, CentreError> {
            let games = store.games_in_tour(tour.id)?;
            Ok(TourRecord {
                games: Some(games),
                ..TourRecord::from(tour)
            })
        };
        let open = store
            .open_tours()?
            .into_iter()
            .map(with_games)
            .collect::<Result<Vec<_>, _>>()?;
        let ended = store
            .tours_started_on(date)?
            .into_iter()
            .filter(|tour| !tour.is_open())
            .map(with_games)
            .collect::<Result<Vec<_>, _>>()?;
        let visitors = store.visitors_on(date)?.total();
        Ok(DayTours {
            date,
            open,
            ended,
            visitors,
        })
    }

    /// Registers walk-in visitors.
    pub fn add_visit(&mut self, add: &VisitAdd) -> Result<VisitAdded, CentreError> {
        let count = input::count(add.count).map_err(|p| CentreError::input("count", p))?;
        let category =
            input::category(&add.category).map_err(|p| CentreError::input("category", p))?;
        let date = self.date_or_today("date", add.date.as_deref())?;
        let note =
            input::optional_text(add.note.as_deref()).map_err(|p| CentreError::input("note", p))?;
        let store = self.store()?;
        let visit = store.add_visit(&NewVisit {
            date,
            count,
            category,
            note,
        })?;
        // The write is committed; a failure to read the day's total must not look like a failed add.
        let visitors_on_date = store
            .visitors_on(date)
            .map(|day| day.total())
            .unwrap_or(u64::from(count));
        Ok(VisitAdded {
            id: visit.id.to_string(),
            date: visit.date.to_string(),
            count: visit.count,
            category: visit.category.as_str(),
            note: visit.note.clone(),
            recorded_at: utc_text(visit.recorded_at),
            visitors_on_date,
            visit,
        })
    }
}

/// A record voided: it counts nothing now and is kept in the audit log.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Voided {
    pub id: String,
    /// `visit` or `tour`.
    pub kind: &'static str,
    pub voided: bool,
    pub reason: String,
}

/// A reason is required (it goes into the audit log) and sensibly short.
fn reason(text: &str) -> Result<String, CentreError> {
    input::optional_text(Some(text))
        .map_err(|p| CentreError::input("reason", p))?
        .ok_or(CentreError::input("reason", input::InputProblem::Missing))
}

impl Centre {
    /// Voids walk-ins entered by mistake, with the reason; `user` is who did it.
    pub fn void_visit(
        &mut self,
        id: &str,
        user: Option<&str>,
        why: &str,
    ) -> Result<Voided, CentreError> {
        let why = reason(why)?;
        let now = self.now();
        let visit = self.store()?.void_visit(id.trim(), user, &why, now)?;
        Ok(Voided {
            id: visit.id.to_string(),
            kind: "visit",
            voided: true,
            reason: why,
        })
    }

    /// Voids a tour entered by mistake; `id` may be its first characters, as `tour list` shows.
    pub fn void_tour(
        &mut self,
        id: &str,
        user: Option<&str>,
        why: &str,
    ) -> Result<Voided, CentreError> {
        let why = reason(why)?;
        let now = self.now();
        let store = self.store()?;
        let tour = store.find_tour(id.trim())?;
        store.void_tour(&tour.id.to_string(), user, &why, now)?;
        Ok(Voided {
            id: tour.id.to_string(),
            kind: "tour",
            voided: true,
            reason: why,
        })
    }

    /// The walk-ins and tours entered most recently, newest first (what a guide may undo).
    pub fn recent_entries(
        &mut self,
        limit: u32,
    ) -> Result<Vec<crate::store::ExportRow>, CentreError> {
        Ok(self.store()?.recent_entries(limit)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitors::{Category, local_date};

    fn tour(started: &str, station: Option<&str>) -> Tour {
        let started_at: DateTime<Utc> = started.parse().unwrap();
        Tour {
            id: uuid::Uuid::new_v4(),
            category: Category::School,
            size: 20,
            guide: None,
            note: None,
            started_at,
            start_date: local_date(started_at),
            ended_at: None,
            recorded_at: started_at,
            station: station.map(Into::into),
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_round_belongs_to_the_tour_started_at_its_kiosk_else_the_only_one_else_none() {
        let desk = tour("2026-04-20T07:00:00Z", None);
        let hall2 = tour("2026-04-20T08:00:00Z", Some("hall-2"));
        let tours = [desk.clone(), hall2.clone()];
        // Two tours on: the kiosk's own wins; another kiosk's round is nobody's.
        assert_eq!(
            tour_for_round(&tours, "hall-2", at("2026-04-20T08:30:00Z")),
            Some(hall2.id)
        );
        assert_eq!(
            tour_for_round(&tours, "hall-1", at("2026-04-20T08:30:00Z")),
            None
        );
        // Only the desk's tour was on yet: every kiosk's round is its.
        assert_eq!(
            tour_for_round(&tours, "hall-1", at("2026-04-20T07:30:00Z")),
            Some(desk.id)
        );
        assert_eq!(
            tour_for_round(&tours, "hall-2", at("2026-04-20T07:30:00Z")),
            Some(desk.id)
        );
        // Before any tour: none.
        assert_eq!(
            tour_for_round(&tours, "hall-2", at("2026-04-20T06:00:00Z")),
            None
        );
    }

    #[test]
    fn a_tour_ended_after_the_round_began_still_owns_it_and_an_earlier_end_does_not() {
        let mut ended = tour("2026-04-20T07:00:00Z", None);
        ended.ended_at = Some(at("2026-04-20T08:00:00Z"));
        let tours = [ended.clone()];
        assert_eq!(
            tour_for_round(&tours, "x", at("2026-04-20T07:50:00Z")),
            Some(ended.id)
        );
        assert_eq!(
            tour_for_round(&tours, "x", at("2026-04-20T08:10:00Z")),
            None
        );
    }
}
