//! The Department of Economics' operations: the indicators with the centre's own figures, their
//! progress, the report and the open data. Loads the indicators directory and, when there is
//! one, the centre's store (read-only: a report never upgrades or locks a store a kiosk writes to).

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::CentreError;
use crate::i18n::{Text, Words};
use crate::indicators::{Benchmark, Derived, Direction, Indicator, Psr, Target, load_catalogue};
use crate::report::{CentreMissing, CentreYear, Loaded, Written};
use crate::store::{DATABASE_FILE_NAME, VisitorStore};
use crate::visitors::{load_calendar, year_pace, year_status};

/// Reads the indicators directory and the store as they stand on `today`. A missing or unreadable
/// indicators directory is the user's to fix; a missing store only leaves the centre's
/// indicators without data (and says why).
pub fn load(
    indicators_dir: &Path,
    data_dir: Option<&Path>,
    today: NaiveDate,
) -> Result<Loaded, CentreError> {
    let (centre, centre_missing) = match read_centre(data_dir, today) {
        Ok(centre) => (Some(centre), None),
        Err(missing) => (None, Some(missing)),
    };
    let catalogue = load_catalogue(indicators_dir, centre.as_ref().map(|c| &c.figures), today)
        .map_err(|problem| CentreError::Problems(problem.into()))?;
    Ok(Loaded {
        catalogue,
        centre,
        centre_missing,
        today,
        data_dir: data_dir.map(Path::to_path_buf),
    })
}

/// The store's figures, never creating a store where there is none.
fn read_centre(data_dir: Option<&Path>, today: NaiveDate) -> Result<CentreYear, CentreMissing> {
    let data_dir = data_dir.ok_or(CentreMissing::NoDataDir)?;
    if !data_dir.join(DATABASE_FILE_NAME).is_file() {
        return Err(CentreMissing::NoStore {
            data_dir: data_dir.to_path_buf(),
        });
    }
    let calendar = load_calendar(data_dir).map_err(CentreMissing::Calendar)?;
    let store = crate::store::open_read_only(data_dir).map_err(CentreMissing::Store)?;
    let year = today.year();
    let figures = store.centre_figures(year).map_err(CentreMissing::Store)?;
    let days = store.day_counts(year).map_err(CentreMissing::Store)?;
    let booked = store.booked_days(year).map_err(CentreMissing::Store)?;
    let mut status = year_status(&calendar, today, &days);
    let mut pace = year_pace(&calendar, today, &days);
    super::status::add_bookings_to_pace(&mut status, &mut pace, &booked);
    Ok(CentreYear {
        figures,
        status,
        pace,
        calendar,
    })
}

/// `report --out DIR`: the HTML report in the reader's language.
pub fn report(loaded: &Loaded, words: &Words, out: &Path) -> Result<Written, CentreError> {
    Ok(crate::report::write_report(words, loaded, out)?)
}

/// `export --out DIR`: the open data under the given licence (an SPDX id).
pub fn export(
    loaded: &Loaded,
    words: &Words,
    out: &Path,
    license: &str,
) -> Result<Written, CentreError> {
    Ok(crate::report::write_open_data(words, loaded, out, license)?)
}

/// An indicator as `indicators list --format json` shows it.
#[derive(Serialize)]
pub struct ListRow<'a> {
    pub id: &'a str,
    pub name: &'a Text,
    pub sector: &'a str,
    pub psr: Psr,
    pub unit: &'a str,
    pub direction: Direction,
    pub base_year: i32,
    pub target: Option<Target>,
    pub limit: Option<f64>,
    pub benchmark: Option<Benchmark>,
    pub source: &'a str,
    pub derived: Option<Derived>,
    pub example: bool,
    pub years: Vec<i32>,
}

impl<'a> From<&'a Indicator> for ListRow<'a> {
    fn from(indicator: &'a Indicator) -> Self {
        let d = &indicator.definition;
        ListRow {
            id: &d.id,
            name: &d.name,
            sector: &d.sector,
            psr: d.psr,
            unit: &d.unit,
            direction: d.direction,
            base_year: d.base_year(),
            target: d.target,
            limit: d.limit,
            benchmark: d.benchmark,
            source: &d.source,
            derived: d.derived,
            example: d.example,
            years: indicator.headline().iter().map(|(year, _)| *year).collect(),
        }
    }
}

/// The contract's `indicators progress` object, plus `example` and, when not available, the
/// `reason`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgressRow<'a> {
    pub id: &'a str,
    /// target_achieved, substantial_progress, moderate_progress, limited_progress,
    /// deterioration or not_available
    pub status: &'static str,
    #[schema(required)]
    pub score: Option<f64>,
    #[schema(required)]
    pub progress_value: Option<f64>,
    #[schema(required)]
    pub base_year: Option<i32>,
    #[schema(required)]
    pub base_value: Option<f64>,
    #[schema(required)]
    pub current_year: Option<i32>,
    #[schema(required)]
    pub current_value: Option<f64>,
    /// green, amber, red or none
    pub traffic_light: &'static str,
    pub example: bool,
    /// Why no progress can be measured (status not_available): no_data,
    /// no_data_since_base_year, one_data_point, sign_change, target_year_not_after_base,
    /// base_on_target or target_across_zero
    #[schema(required)]
    pub reason: Option<&'static str>,
}

impl<'a> From<&'a Indicator> for ProgressRow<'a> {
    fn from(indicator: &'a Indicator) -> Self {
        let p = &indicator.progress;
        ProgressRow {
            id: &indicator.definition.id,
            status: p.status.code(),
            score: p.score,
            progress_value: p.progress_value,
            base_year: p.base_year,
            base_value: p.base_value,
            current_year: p.current_year,
            current_value: p.current_value,
            traffic_light: indicator.traffic_light.code(),
            example: indicator.definition.example,
            reason: p.unmeasurable.map(|u| u.code()),
        }
    }
}

/// Where the indicators live: `--indicators`, else `$TOURCENTRE_INDICATORS`, else
/// `<data dir>/indicators` when it exists, else the shipped `indicators/`.
pub fn indicators_dir(flag: Option<PathBuf>, data_dir: Option<&Path>) -> PathBuf {
    flag.or_else(|| {
        std::env::var_os("TOURCENTRE_INDICATORS")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .or_else(|| {
        data_dir
            .map(|dir| dir.join("indicators"))
            .filter(|dir| dir.is_dir())
    })
    .unwrap_or_else(|| crate::shipped_dir("indicators"))
}
