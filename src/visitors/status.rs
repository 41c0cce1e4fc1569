//! Progress of a year toward the target, exactly as DESIGN.md defines every figure.
//!
//! Edge cases the contract leaves open, decided here:
//! - Before the first open day has passed (elapsed weight 0) there is nothing to project from, so
//!   `projected_year_end` is the count so far (usually 0); visitors already counted cannot vanish.
//! - With no open day left and the target not met, `required_per_operating_day` is the whole
//!   shortfall: there is no remaining day to spread it over, and 0 would wrongly read "done".
//! - When the open days weigh nothing in total (closed dates cover every weighted month),
//!   `expected_to_date` is 0.
//! - Visitors counted on a closed day still count; operating days and weights only shape the
//!   expectation and the projection.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Calendar, Category};

/// Visitors of one category on one local (Europe/Kyiv) date, as the store sums them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayCount {
    pub date: NaiveDate,
    pub category: Category,
    pub visitors: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Pace {
    pub fn as_str(self) -> &'static str {
        match self {
            Pace::OnTrack => "on_track",
            Pace::AtRisk => "at_risk",
            Pace::OffTrack => "off_track",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ByCategory {
    pub school: u64,
    pub student: u64,
    pub adult: u64,
    pub family: u64,
    pub other: u64,
}

impl ByCategory {
    pub fn get(&self, category: Category) -> u64 {
        match category {
            Category::School => self.school,
            Category::Student => self.student,
            Category::Adult => self.adult,
            Category::Family => self.family,
            Category::Other => self.other,
        }
    }

    fn add(&mut self, category: Category, visitors: u64) {
        let slot = match category {
            Category::School => &mut self.school,
            Category::Student => &mut self.student,
            Category::Adult => &mut self.adult,
            Category::Family => &mut self.family,
            Category::Other => &mut self.other,
        };
        *slot += visitors;
    }

    pub fn total(&self) -> u64 {
        Category::ALL.iter().map(|c| self.get(*c)).sum()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MonthCount {
    pub month: u32,
    pub visitors: u64,
}

/// The `visitors status` record; its serde form is the contract's JSON, field for field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct YearStatus {
    pub year: i32,
    pub as_of: NaiveDate,
    pub target: u32,
    pub visitors_to_date: u64,
    pub expected_to_date: f64,
    pub projected_year_end: f64,
    /// People in confirmed bookings dated from `as_of` through 31 December.
    #[serde(default)]
    pub booked_ahead: u64,
    /// People of no-show bookings over people of arrived and no-show bookings this year up to
    /// `as_of`; null without any.
    #[serde(default)]
    pub no_show_rate: Option<f64>,
    /// visitors_to_date + booked_ahead × (1 − no_show_rate), the rate taken as 0 while null.
    #[serde(default)]
    pub secured_year_end: f64,
    pub operating_days_elapsed: u32,
    pub operating_days_left: u32,
    pub required_per_operating_day: u64,
    pub status: Pace,
    pub by_category: ByCategory,
    /// Always twelve entries, January first; months after `as_of` show 0.
    #[schema(min_items = 12, max_items = 12)]
    pub by_month: Vec<MonthCount>,
}

impl YearStatus {
    /// The count so far as a share of the target, in percent.
    pub fn percent_of_target(&self) -> f64 {
        self.visitors_to_date as f64 * 100.0 / f64::from(self.target.max(1))
    }
}

/// The status of `as_of`'s year on `as_of`, from the day counts of that year. Counts from other
/// years or after `as_of` are left out, so the caller may pass a whole year's counts.
pub fn year_status(calendar: &Calendar, as_of: NaiveDate, counts: &[DayCount]) -> YearStatus {
    let year = as_of.year();
    let mut by_category = ByCategory::default();
    let mut by_month: Vec<MonthCount> = (1..=12)
        .map(|month| MonthCount { month, visitors: 0 })
        .collect();
    for count in counts
        .iter()
        .filter(|c| c.date.year() == year && c.date <= as_of)
    {
        by_category.add(count.category, count.visitors);
        by_month[count.date.month0() as usize].visitors += count.visitors;
    }
    let visitors_to_date = by_category.total();

    let (mut elapsed_days, mut left_days) = (0u32, 0u32);
    let (mut elapsed_weight, mut total_weight) = (0.0f64, 0.0f64);
    for date in days_of_year(year).filter(|d| calendar.is_open(*d)) {
        let weight = calendar.weight(date);
        total_weight += weight;
        if date <= as_of {
            elapsed_days += 1;
            elapsed_weight += weight;
        } else {
            left_days += 1;
        }
    }

    let target = f64::from(calendar.target);
    let expected_to_date = if total_weight > 0.0 {
        target * elapsed_weight / total_weight
    } else {
        0.0
    };
    let projected_year_end = if elapsed_weight > 0.0 {
        visitors_to_date as f64 / elapsed_weight * total_weight
    } else {
        visitors_to_date as f64
    };
    let shortfall = u64::from(calendar.target).saturating_sub(visitors_to_date);
    let required_per_operating_day = if left_days == 0 {
        shortfall
    } else {
        shortfall.div_ceil(u64::from(left_days))
    };
    let status = if projected_year_end >= target {
        Pace::OnTrack
    } else if projected_year_end >= 0.9 * target {
        Pace::AtRisk
    } else {
        Pace::OffTrack
    };

    YearStatus {
        year,
        as_of,
        target: calendar.target,
        visitors_to_date,
        expected_to_date,
        projected_year_end,
        // Without bookings (the centre adds them): nothing booked, nothing secured beyond today.
        booked_ahead: 0,
        no_show_rate: None,
        secured_year_end: visitors_to_date as f64,
        operating_days_elapsed: elapsed_days,
        operating_days_left: left_days,
        required_per_operating_day,
        status,
        by_category,
        by_month,
    }
}

fn days_of_year(year: i32) -> impl Iterator<Item = NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .into_iter()
        .flat_map(|first| first.iter_days())
        .take_while(move |d| d.year() == year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitors::calendar::WeekdayName;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn count(day: &str, category: Category, visitors: u64) -> DayCount {
        DayCount {
            date: date(day),
            category,
            visitors,
        }
    }

    fn every_day_open(target: u32) -> Calendar {
        Calendar {
            target,
            open_weekdays: WeekdayName::ALL.into_iter().collect(),
            ..Calendar::default()
        }
    }

    #[test]
    fn the_contract_example_days_with_the_default_calendar() {
        // 2026: 365 days, 52 Sundays, so 313 open days; 1 Jan to 31 May is 151 days with 22
        // Sundays: 129 elapsed, 184 left (the figures in DESIGN.md).
        let counts = [count("2026-03-02", Category::School, 10_321)];
        let status = year_status(&Calendar::default(), date("2026-05-31"), &counts);
        assert_eq!(status.operating_days_elapsed, 129);
        assert_eq!(status.operating_days_left, 184);
        assert_eq!(status.visitors_to_date, 10_321);
        // ceil((27000 - 10321) / 184) = ceil(90.64) = 91
        assert_eq!(status.required_per_operating_day, 91);
        // 27000 × 129 / 313 = 11127.80…
        assert!((status.expected_to_date - 11_127.795_527).abs() < 1e-3);
        // 10321 / 129 × 313 = 25042.43…
        assert!((status.projected_year_end - 25_042.426_357).abs() < 1e-3);
        // 25042.4 ≥ 0.9 × 27000 = 24300 but < 27000
        assert_eq!(status.status, Pace::AtRisk);
    }

    #[test]
    fn a_steady_year_with_every_day_open() {
        // 2025 has 365 days; by 10 January, 10 days elapsed and 355 left.
        let counts = [
            count("2025-01-01", Category::Adult, 5),
            count("2025-01-10", Category::Family, 15),
        ];
        let status = year_status(&every_day_open(365), date("2025-01-10"), &counts);
        assert_eq!(
            (status.operating_days_elapsed, status.operating_days_left),
            (10, 355)
        );
        assert_eq!(status.expected_to_date, 10.0);
        assert_eq!(status.projected_year_end, 730.0);
        assert_eq!(status.required_per_operating_day, 1); // ceil(345 / 355)
        assert_eq!(status.status, Pace::OnTrack);
        assert_eq!(status.by_category.adult, 5);
        assert_eq!(status.by_category.family, 15);
        assert_eq!(
            status.by_month[0],
            MonthCount {
                month: 1,
                visitors: 20
            }
        );
        assert_eq!(status.by_month.len(), 12);
    }

    #[test]
    fn counts_after_as_of_or_in_other_years_are_left_out() {
        let counts = [
            count("2024-12-31", Category::School, 100),
            count("2025-01-05", Category::School, 7),
            count("2025-01-06", Category::School, 1000),
        ];
        let status = year_status(&every_day_open(365), date("2025-01-05"), &counts);
        assert_eq!(status.visitors_to_date, 7);
        assert_eq!(status.by_category.school, 7);
    }

    #[test]
    fn month_weights_shape_expected_and_projected() {
        // Only January (weight 1) and February (weight 3) count; every day open, 2025.
        // January: 31 days × 1 = 31; February: 28 × 3 = 84; total weight 115.
        let mut calendar = every_day_open(1150);
        let mut weights = [0.0; 12];
        weights[0] = 1.0;
        weights[1] = 3.0;
        calendar.month_weights = Some(weights);
        let counts = [count("2025-01-20", Category::Student, 62)];
        let status = year_status(&calendar, date("2025-01-31"), &counts);
        // expected = 1150 × 31 / 115 = 310; projected = 62 / 31 × 115 = 230
        assert_eq!(status.expected_to_date, 310.0);
        assert_eq!(status.projected_year_end, 230.0);
        assert_eq!(status.status, Pace::OffTrack); // 230 < 0.9 × 1150
        // Zero-weight months still have open days: 365 − 31 = 334 left.
        assert_eq!(status.operating_days_left, 334);
        assert_eq!(status.required_per_operating_day, 4); // ceil(1088 / 334) = ceil(3.26)
    }

    #[test]
    fn closed_dates_and_weekdays_are_not_operating_days() {
        let mut calendar = Calendar::default();
        calendar.closed_dates.insert(date("2026-01-01"));
        calendar.closed_dates.insert(date("2026-01-07"));
        // 1–10 January 2026: Thu 1 … Sat 10 with Sunday the 4th: 9 open, less two closed = 7.
        let status = year_status(&calendar, date("2026-01-10"), &[]);
        assert_eq!(status.operating_days_elapsed, 7);
        assert_eq!(status.operating_days_left, 313 - 9);
    }

    #[test]
    fn nothing_elapsed_projects_the_count_so_far() {
        let mut calendar = Calendar::default();
        calendar.closed_dates.insert(date("2026-01-01"));
        let status = year_status(
            &calendar,
            date("2026-01-01"),
            &[count("2026-01-01", Category::Other, 4)],
        );
        assert_eq!(status.operating_days_elapsed, 0);
        assert_eq!(status.expected_to_date, 0.0);
        assert_eq!(status.projected_year_end, 4.0);
        assert_eq!(status.status, Pace::OffTrack);
    }

    #[test]
    fn a_met_target_needs_nothing_more_per_day() {
        let status = year_status(
            &every_day_open(100),
            date("2025-06-30"),
            &[count("2025-02-01", Category::School, 150)],
        );
        assert_eq!(status.required_per_operating_day, 0);
        assert_eq!(status.status, Pace::OnTrack);
        assert!((status.percent_of_target() - 150.0).abs() < 1e-9);
    }

    #[test]
    fn the_last_day_unmet_needs_the_whole_shortfall() {
        let status = year_status(
            &every_day_open(1000),
            date("2025-12-31"),
            &[count("2025-03-01", Category::School, 400)],
        );
        assert_eq!(status.operating_days_left, 0);
        assert_eq!(status.required_per_operating_day, 600);
        assert_eq!(status.projected_year_end, 400.0);
    }

    #[test]
    fn the_ninety_percent_boundary_is_at_risk_just_below_is_off_track() {
        // Every day of 2025 open, as of 31 December: projected equals the count.
        let at = |visitors| {
            year_status(
                &every_day_open(1000),
                date("2025-12-31"),
                &[count("2025-05-05", Category::Adult, visitors)],
            )
            .status
        };
        assert_eq!(at(1000), Pace::OnTrack);
        assert_eq!(at(999), Pace::AtRisk);
        assert_eq!(at(900), Pace::AtRisk);
        assert_eq!(at(899), Pace::OffTrack);
    }

    #[test]
    fn the_json_has_the_contract_fields_in_order() {
        let status = year_status(&Calendar::default(), date("2026-05-31"), &[]);
        let json = serde_json::to_value(&status).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "as_of",
                "booked_ahead",
                "by_category",
                "by_month",
                "expected_to_date",
                "no_show_rate",
                "operating_days_elapsed",
                "operating_days_left",
                "projected_year_end",
                "required_per_operating_day",
                "secured_year_end",
                "status",
                "target",
                "visitors_to_date",
                "year"
            ]
        );
        assert_eq!(json["as_of"], "2026-05-31");
        assert_eq!(json["status"], "off_track");
        assert_eq!(json["by_category"]["family"], 0);
        assert_eq!(json["by_month"][4]["month"], 5);
    }
}

/// The year day by day: visitors so far (cumulative, through `as_of`) and the cumulative count
/// the target expects by each day of the whole year, by the same weights as `expected_to_date`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearPace {
    pub actual: Vec<(NaiveDate, u64)>,
    pub expected: Vec<(NaiveDate, f64)>,
    /// The year end the visitors so far and the confirmed bookings secure, day by day from
    /// `as_of` (the bookings add it; empty: nothing booked ahead).
    pub secured: Vec<(NaiveDate, f64)>,
}

pub fn year_pace(calendar: &Calendar, as_of: NaiveDate, counts: &[DayCount]) -> YearPace {
    let year = as_of.year();
    let total_weight: f64 = days_of_year(year)
        .filter(|d| calendar.is_open(*d))
        .map(|d| calendar.weight(d))
        .sum();
    let target = f64::from(calendar.target);
    let mut by_day: std::collections::BTreeMap<NaiveDate, u64> = Default::default();
    for count in counts {
        *by_day.entry(count.date).or_default() += count.visitors;
    }
    let (mut weight_so_far, mut visitors_so_far) = (0.0f64, 0u64);
    let mut pace = YearPace::default();
    for date in days_of_year(year) {
        if calendar.is_open(date) {
            weight_so_far += calendar.weight(date);
        }
        let expected = if total_weight > 0.0 {
            target * weight_so_far / total_weight
        } else {
            0.0
        };
        pace.expected.push((date, expected));
        if date <= as_of {
            visitors_so_far += by_day.get(&date).copied().unwrap_or(0);
            pace.actual.push((date, visitors_so_far));
        }
    }
    pace
}

#[cfg(test)]
mod pace_tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn the_pace_agrees_with_the_status_and_ends_on_the_target() {
        let calendar = Calendar {
            target: 1000,
            month_weights: Some([1.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5]),
            ..Calendar::default()
        };
        let counts = [
            DayCount {
                date: day(1, 5),
                category: Category::School,
                visitors: 20,
            },
            DayCount {
                date: day(1, 5),
                category: Category::Adult,
                visitors: 3,
            },
            DayCount {
                date: day(3, 2),
                category: Category::Family,
                visitors: 4,
            },
        ];
        let as_of = day(3, 31);
        let pace = year_pace(&calendar, as_of, &counts);
        let status = year_status(&calendar, as_of, &counts);
        assert_eq!(pace.expected.len(), 365);
        assert_eq!(pace.actual.len(), 90);
        assert_eq!(
            pace.actual.last().map(|a| a.1),
            Some(status.visitors_to_date)
        );
        let on_as_of = pace.expected.iter().find(|(d, _)| *d == as_of).unwrap().1;
        assert!((on_as_of - status.expected_to_date).abs() < 1e-9);
        assert!((pace.expected.last().unwrap().1 - 1000.0).abs() < 1e-9);
        assert_eq!(pace.actual[3], (day(1, 4), 0));
        assert_eq!(pace.actual[4], (day(1, 5), 23));
    }
}
