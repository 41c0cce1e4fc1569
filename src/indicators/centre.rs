//! Indicators the Tour Centre feeds itself: visits per year and the exhibit's first-try sorting
//! accuracy per year. The store supplies the monthly figures; this module turns them into yearly
//! series that flow through the same progress, charts, report and export as any CSV.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a store-derived indicator takes its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Derived {
    /// Visitors registered per calendar year (walk-ins and tours); only finished years count,
    /// since a year's total is not comparable before the year is over.
    CentreVisits,
    /// Share (%) of items the exhibit's players sorted right at the first try, per year; the
    /// current year counts from its first day, as a rate is comparable at any time.
    FirstTryAccuracy,
}

/// Visitors in one calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MonthVisitors {
    pub year: i32,
    pub month: u32,
    pub visitors: u64,
}

/// The exhibit's answers in one calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MonthAnswers {
    pub year: i32,
    pub month: u32,
    pub answers: u64,
    pub first_try_right: u64,
}

/// The year's answers at one kiosk station.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StationAnswers {
    pub station: String,
    pub answers: u64,
    pub first_try_right: u64,
}

/// An item and how often players put it in a wrong bin first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissedItem {
    pub item: String,
    pub right_bin: String,
    pub answers: u64,
    pub missed: u64,
}

/// Everything the centre's indicators and its report section need from the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CentreFigures {
    pub visitors_by_month: Vec<MonthVisitors>,
    pub answers_by_month: Vec<MonthAnswers>,
    /// Items of the current year, most missed first.
    pub missed_items: Vec<MissedItem>,
    /// The current year's answers by kiosk station, by name.
    pub by_station: Vec<StationAnswers>,
}

impl CentreFigures {
    /// The yearly series of a derived indicator, as of `today`.
    pub fn series(&self, derived: Derived, today: NaiveDate) -> Vec<(i32, f64)> {
        match derived {
            Derived::CentreVisits => yearly_visitors(&self.visitors_by_month)
                .into_iter()
                .filter(|(year, _)| *year < today.year())
                .map(|(year, visitors)| (year, visitors as f64))
                .collect(),
            Derived::FirstTryAccuracy => yearly_accuracy(&self.answers_by_month),
        }
    }

    pub fn visitors_in(&self, year: i32) -> Vec<MonthVisitors> {
        (1..=12)
            .map(|month| MonthVisitors {
                year,
                month,
                visitors: self
                    .visitors_by_month
                    .iter()
                    .filter(|m| m.year == year && m.month == month)
                    .map(|m| m.visitors)
                    .sum(),
            })
            .collect()
    }
}

/// Visitors per year, in year order.
pub fn yearly_visitors(months: &[MonthVisitors]) -> Vec<(i32, u64)> {
    let mut years: BTreeMap<i32, u64> = BTreeMap::new();
    for month in months {
        *years.entry(month.year).or_default() += month.visitors;
    }
    years.into_iter().collect()
}

/// First-try accuracy (%) per year with at least one answer, in year order.
pub fn yearly_accuracy(months: &[MonthAnswers]) -> Vec<(i32, f64)> {
    let mut years: BTreeMap<i32, (u64, u64)> = BTreeMap::new();
    for month in months {
        let (answers, right) = years.entry(month.year).or_default();
        *answers += month.answers;
        *right += month.first_try_right;
    }
    years
        .into_iter()
        .filter(|(_, (answers, _))| *answers > 0)
        .map(|(year, (answers, right))| (year, percent(right, answers)))
        .collect()
}

/// First-try accuracy (%) per month with at least one answer, in time order.
pub fn monthly_accuracy(months: &[MonthAnswers]) -> Vec<(i32, u32, f64)> {
    let mut found: Vec<(i32, u32, f64)> = months
        .iter()
        .filter(|m| m.answers > 0)
        .map(|m| (m.year, m.month, percent(m.first_try_right, m.answers)))
        .collect();
    found.sort_by_key(|(year, month, _)| (*year, *month));
    found
}

fn percent(part: u64, whole: u64) -> f64 {
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visitors(year: i32, month: u32, visitors: u64) -> MonthVisitors {
        MonthVisitors {
            year,
            month,
            visitors,
        }
    }

    fn answers(year: i32, month: u32, answers: u64, right: u64) -> MonthAnswers {
        MonthAnswers {
            year,
            month,
            answers,
            first_try_right: right,
        }
    }

    #[test]
    fn visits_count_only_finished_years() {
        let figures = CentreFigures {
            visitors_by_month: vec![
                visitors(2025, 3, 100),
                visitors(2024, 12, 7),
                visitors(2025, 11, 20),
                visitors(2026, 1, 999),
            ],
            ..CentreFigures::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(
            figures.series(Derived::CentreVisits, today),
            vec![(2024, 7.0), (2025, 120.0)]
        );
    }

    #[test]
    fn accuracy_is_a_yearly_share_rounded_to_a_tenth() {
        let figures = CentreFigures {
            answers_by_month: vec![
                answers(2026, 1, 2, 1),
                answers(2026, 2, 1, 1),
                answers(2025, 6, 0, 0),
            ],
            ..CentreFigures::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        // 2 of 3 right: 66.7 %; a year without answers has no value.
        assert_eq!(
            figures.series(Derived::FirstTryAccuracy, today),
            vec![(2026, 66.7)]
        );
    }

    #[test]
    fn a_year_of_months_is_filled_with_zeros() {
        let figures = CentreFigures {
            visitors_by_month: vec![visitors(2026, 2, 5), visitors(2025, 2, 9)],
            ..CentreFigures::default()
        };
        let months = figures.visitors_in(2026);
        assert_eq!(months.len(), 12);
        assert_eq!(months[1].visitors, 5);
        assert_eq!(months.iter().map(|m| m.visitors).sum::<u64>(), 5);
    }

    #[test]
    fn monthly_accuracy_skips_empty_months_and_sorts() {
        let months = [
            answers(2026, 3, 4, 3),
            answers(2026, 1, 0, 0),
            answers(2025, 12, 2, 0),
        ];
        assert_eq!(
            monthly_accuracy(&months),
            vec![(2025, 12, 0.0), (2026, 3, 75.0)]
        );
    }
}
