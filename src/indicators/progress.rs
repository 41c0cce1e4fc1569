//! The Open SDG / Statistics Canada progress measure, series by series, and the traffic light.
//!
//! Growth is the compound annual growth rate from the base year (the first year with data at or
//! after the definition's base year) to the latest year. With a target, the measure is the ratio
//! of observed to required growth; without one, the growth itself, with thresholds scaled down
//! near a natural limit. Each measure maps to a status and to a score in [-5, 5] by Open SDG's
//! piecewise-linear scoring. Values are not rounded: they agree with sdg-build 2.4.0's to the
//! last digit (checked against Statistics Canada's published progress files).

use serde::Serialize;

use super::definition::{Definition, Direction};

/// What replaces a zero base value or a zero target, as Open SDG does: the growth model is
/// exponential and cannot start from or aim at zero.
pub const ZERO_REPLACEMENT: f64 = 0.001;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    TargetAchieved,
    SubstantialProgress,
    ModerateProgress,
    LimitedProgress,
    Deterioration,
    NotAvailable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::TargetAchieved,
        Status::SubstantialProgress,
        Status::ModerateProgress,
        Status::LimitedProgress,
        Status::Deterioration,
        Status::NotAvailable,
    ];

    /// The contract's name, also the Fluent message id suffix (`progress-target_achieved`).
    pub fn code(self) -> &'static str {
        match self {
            Status::TargetAchieved => "target_achieved",
            Status::SubstantialProgress => "substantial_progress",
            Status::ModerateProgress => "moderate_progress",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::NotAvailable => "not_available",
        }
    }
}

/// Why no progress can be measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmeasurable {
    /// No headline value at all.
    NoData,
    /// The latest value is older than the definition's base year.
    NoDataSinceBaseYear,
    /// Only one year of data from the base year on.
    OneDataPoint,
    /// Values on both sides of zero: a growth rate means nothing across a sign change.
    SignChange,
    /// The target year is not after the base year found in the data.
    TargetYearNotAfterBase,
    /// The base value equals the target (not met now): no growth is required, so no ratio.
    BaseOnTarget,
    /// The target and the base value lie on opposite sides of zero: no growth rate joins them.
    TargetAcrossZero,
}

impl Unmeasurable {
    pub const ALL: [Unmeasurable; 7] = [
        Unmeasurable::NoData,
        Unmeasurable::NoDataSinceBaseYear,
        Unmeasurable::OneDataPoint,
        Unmeasurable::SignChange,
        Unmeasurable::TargetYearNotAfterBase,
        Unmeasurable::BaseOnTarget,
        Unmeasurable::TargetAcrossZero,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Unmeasurable::NoData => "no_data",
            Unmeasurable::NoDataSinceBaseYear => "no_data_since_base_year",
            Unmeasurable::OneDataPoint => "one_data_point",
            Unmeasurable::SignChange => "sign_change",
            Unmeasurable::TargetYearNotAfterBase => "target_year_not_after_base",
            Unmeasurable::BaseOnTarget => "base_on_target",
            Unmeasurable::TargetAcrossZero => "target_across_zero",
        }
    }
}

/// The measure of one series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub status: Status,
    pub score: Option<f64>,
    /// The growth ratio (with a target) or the growth rate signed by direction (without).
    pub progress_value: Option<f64>,
    pub base_year: Option<i32>,
    pub base_value: Option<f64>,
    pub current_year: Option<i32>,
    pub current_value: Option<f64>,
    #[serde(skip)]
    pub unmeasurable: Option<Unmeasurable>,
}

impl Progress {
    fn not_available(reason: Unmeasurable) -> Self {
        Progress {
            status: Status::NotAvailable,
            score: None,
            progress_value: None,
            base_year: None,
            base_value: None,
            current_year: None,
            current_value: None,
            unmeasurable: Some(reason),
        }
    }
}

/// Thresholds of the method with a target: ratio of observed to required growth.
const TARGET_THRESHOLDS: Thresholds = Thresholds {
    high: 0.95,
    medium: 0.6,
    low: 0.0,
};
/// Thresholds of the method without a target: the growth rate itself.
const GROWTH_THRESHOLDS: Thresholds = Thresholds {
    high: 0.015,
    medium: 0.005,
    low: 0.0,
};
/// The exponent of Statistics Canada's scaling factor near a natural limit.
const LIMIT_EXPONENT: f64 = 4.44;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Thresholds {
    high: f64,
    medium: f64,
    low: f64,
}

/// Measures progress of a headline series (`(year, value)`, any order, missing values left out),
/// step for step as sdg-build's `SeriesProgress` does.
pub fn measure(definition: &Definition, series: &[(i32, f64)]) -> Progress {
    let mut series: Vec<(i32, f64)> = series
        .iter()
        .copied()
        .filter(|(_, v)| v.is_finite())
        .collect();
    series.sort_by_key(|(year, _)| *year);
    let Some(&(current_year, current_value)) = series.last() else {
        return Progress::not_available(Unmeasurable::NoData);
    };
    let wanted_base = definition.base_year();
    let Some(&(base_year, base_value)) = series.iter().find(|(year, _)| *year >= wanted_base)
    else {
        return Progress::not_available(Unmeasurable::NoDataSinceBaseYear);
    };
    let mut found = Progress {
        base_year: Some(base_year),
        base_value: Some(base_value),
        current_year: Some(current_year),
        current_value: Some(current_value),
        ..Progress::not_available(Unmeasurable::OneDataPoint)
    };
    let d = match definition.direction {
        Direction::Higher => 1.0,
        Direction::Lower => -1.0,
    };
    let target = definition.target.map(|t| (nonzero(t.value), t.year));
    // Checked first, on the values as they are: a met target is met whatever the trend.
    let achieved = target.is_some_and(|(value, _)| match definition.direction {
        Direction::Higher => current_value >= value,
        Direction::Lower => current_value <= value,
    });

    // A negative series measures its magnitude, so its wanted direction flips.
    let sign = if base_value < 0.0 { -1.0 } else { 1.0 };
    let scale = match (target, definition.limit) {
        (None, Some(limit)) => limit_scale(base_value, limit),
        _ => 1.0,
    };
    let base = nonzero(base_value);
    let progress_value =
        if (base > 0.0 && current_value < 0.0) || (base < 0.0 && current_value > 0.0) {
            Err(Unmeasurable::SignChange)
        } else if current_year - base_year < 1 {
            Err(Unmeasurable::OneDataPoint)
        } else {
            let observed = growth(current_value, base, current_year - base_year);
            match target {
                None => Ok(sign * d * observed),
                Some((_, year)) if year <= base_year => Err(Unmeasurable::TargetYearNotAfterBase),
                Some((value, year)) => {
                    let required = growth(value, base, year - base_year);
                    if required.is_nan() {
                        // sdg-build gets NaN here too and gives no status for it.
                        Err(Unmeasurable::TargetAcrossZero)
                    } else if required == 0.0 {
                        // The base sits on the target: no growth is required, so no ratio exists.
                        Err(Unmeasurable::BaseOnTarget)
                    } else {
                        Ok(sign * d * observed / required.abs())
                    }
                }
            }
        };
    found.progress_value = progress_value.ok();
    if achieved {
        found.status = Status::TargetAchieved;
        found.score = Some(5.0);
        found.unmeasurable = None;
        return found;
    }
    let value = match progress_value {
        Ok(value) => value,
        Err(reason) => {
            found.unmeasurable = Some(reason);
            return found;
        }
    };
    let thresholds = match target {
        Some(_) => TARGET_THRESHOLDS,
        None => scaled(GROWTH_THRESHOLDS, scale),
    };
    found.status = status_for(value, thresholds);
    found.score = Some(match target {
        Some(_) => target_score(value),
        None => growth_score(value, thresholds, scale),
    });
    found.unmeasurable = None;
    found
}

fn nonzero(value: f64) -> f64 {
    if value == 0.0 {
        ZERO_REPLACEMENT
    } else {
        value
    }
}

/// Compound annual growth from `from` to `to` over `years`.
fn growth(to: f64, from: f64, years: i32) -> f64 {
    (to / from).powf(1.0 / f64::from(years)) - 1.0
}

/// Statistics Canada's scaling factor C in [0, 1]: thresholds shrink as the base value nears the
/// natural limit, from either side; a base at twice the limit or more is not affected.
fn limit_scale(base: f64, limit: f64) -> f64 {
    let (base, limit) = (base.abs(), limit.abs());
    if base >= 2.0 * limit {
        1.0
    } else if base <= limit {
        1.0 - (base / limit).powf(LIMIT_EXPONENT)
    } else {
        1.0 - ((2.0 * limit - base) / limit).powf(LIMIT_EXPONENT)
    }
}

fn scaled(thresholds: Thresholds, scale: f64) -> Thresholds {
    Thresholds {
        high: thresholds.high * scale,
        medium: thresholds.medium * scale,
        low: thresholds.low * scale,
    }
}

fn status_for(value: f64, t: Thresholds) -> Status {
    if value >= t.high {
        Status::SubstantialProgress
    } else if value >= t.medium {
        Status::ModerateProgress
    } else if value >= t.low {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// Score without a target: -2 % → -5, 0 → -2.5, 0.5 %·C → 0, 1.5 %·C → 2.5, 2 %·C → 5.
fn growth_score(value: f64, t: Thresholds, scale: f64) -> f64 {
    if value < t.low {
        (125.0 * value - 2.5).max(-5.0)
    } else if scale == 0.0 {
        5.0
    } else if value >= t.high {
        (500.0 * value / scale - 5.0).min(5.0)
    } else if value >= t.medium {
        250.0 * value / scale - 1.25
    } else {
        500.0 * value / scale - 2.5
    }
}

/// Score with a target: -0.6 → -5, 0.6 → 0, 0.95 → 2.5, 1.3 → 5, with Open SDG's own rounded
/// slopes so that scores agree to the last digit.
fn target_score(ratio: f64) -> f64 {
    if ratio >= TARGET_THRESHOLDS.medium {
        (7.1429 * ratio - 4.2857).min(5.0)
    } else {
        (4.1667 * ratio - 2.5).max(-5.0)
    }
}

/// Green, amber or red from a definition's benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrafficLight {
    Green,
    Amber,
    Red,
    None,
}

impl TrafficLight {
    pub fn code(self) -> &'static str {
        match self {
            TrafficLight::Green => "green",
            TrafficLight::Amber => "amber",
            TrafficLight::Red => "red",
            TrafficLight::None => "none",
        }
    }
}

/// The light of the latest value: for Higher, at or above green is green, below red is red, else
/// amber; mirrored for Lower. None without a benchmark or a value.
pub fn traffic_light(definition: &Definition, latest: Option<f64>) -> TrafficLight {
    let (Some(benchmark), Some(value)) = (definition.benchmark, latest) else {
        return TrafficLight::None;
    };
    let (green, red) = match definition.direction {
        Direction::Higher => (value >= benchmark.green, value < benchmark.red),
        Direction::Lower => (value <= benchmark.green, value > benchmark.red),
    };
    if green {
        TrafficLight::Green
    } else if red {
        TrafficLight::Red
    } else {
        TrafficLight::Amber
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;
    use crate::indicators::{Benchmark, Psr, Target};

    fn definition(direction: Direction) -> Definition {
        Definition {
            id: "x".into(),
            name: Text::new("х", "x"),
            sector: "solid-waste".into(),
            psr: Psr::State,
            unit: "%".into(),
            direction,
            base_year: None,
            target: None,
            limit: None,
            benchmark: None,
            source: "test".into(),
            benchmark_source: None,
            example: false,
            derived: None,
        }
    }

    fn with_target(direction: Direction, value: f64, year: i32) -> Definition {
        Definition {
            target: Some(Target { value, year }),
            ..definition(direction)
        }
    }

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("a value");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    // Expected values below were computed by hand from the formulas of sdg-build 2.4.0 and agree
    // with its published output (Statistics Canada's CIF progress files) where named.

    #[test]
    fn a_target_higher_is_better_on_track() {
        // CAGR observed (60/50)^(1/5)-1 = 0.0371373, required (80/50)^(1/15)-1 = 0.0318296.
        let p = measure(
            &with_target(Direction::Higher, 80.0, 2030),
            &[(2015, 50.0), (2020, 60.0)],
        );
        assert_eq!(p.status, Status::SubstantialProgress);
        close(p.progress_value, 1.1667518104281838);
        close(p.score, 4.048291506707473);
        assert_eq!((p.base_year, p.current_year), (Some(2015), Some(2020)));
    }

    #[test]
    fn a_target_lower_is_better_limited() {
        let p = measure(
            &with_target(Direction::Lower, 10.0, 2030),
            &[(2015, 20.0), (2020, 18.0)],
        );
        assert_eq!(p.status, Status::LimitedProgress);
        close(p.progress_value, 0.46174442506014873);
        close(p.score, -0.5760495041018785);
    }

    #[test]
    fn cif_1_1_1_as_statistics_canada_publishes_it() {
        let p = measure(
            &with_target(Direction::Lower, 7.25, 2030),
            &[(2015, 14.5), (2019, 11.0), (2023, 10.4)],
        );
        assert_eq!(p.status, Status::ModerateProgress);
        close(p.progress_value, 0.9010899546976208);
        close(p.score, 2.1506954374096354);
    }

    #[test]
    fn a_met_target_scores_five() {
        let p = measure(
            &with_target(Direction::Higher, 50.0, 2030),
            &[(2016, 40.0), (2021, 52.0)],
        );
        assert_eq!(p.status, Status::TargetAchieved);
        assert_eq!(p.score, Some(5.0));
    }

    #[test]
    fn a_met_target_counts_even_with_one_data_point() {
        let p = measure(&with_target(Direction::Lower, 10.0, 2030), &[(2020, 8.0)]);
        assert_eq!(p.status, Status::TargetAchieved);
        assert_eq!(p.progress_value, None);
    }

    #[test]
    fn moving_away_from_the_target_is_deterioration() {
        // Observed (40/50)^(1/5)-1 = -0.04365; required (80/50)^(1/15)-1 = 0.03183; ratio -1.371.
        let p = measure(
            &with_target(Direction::Higher, 80.0, 2030),
            &[(2015, 50.0), (2020, 40.0)],
        );
        assert_eq!(p.status, Status::Deterioration);
        assert_eq!(p.score, Some(-5.0));
        assert!(p.progress_value.unwrap() < -0.6);
    }

    #[test]
    fn without_target_growth_is_compared_with_fixed_rates() {
        // (92/90)^(1/5)-1 = 0.0044055: under 0.5 % a year.
        let p = measure(
            &definition(Direction::Higher),
            &[(2015, 90.0), (2020, 92.0)],
        );
        assert_eq!(p.status, Status::LimitedProgress);
        close(p.progress_value, 0.004405456962672805);
        close(p.score, -0.2972715186635977);
    }

    #[test]
    fn a_natural_limit_scales_the_rates_down() {
        // C = 1 - 0.9^4.44 = 0.3736216; thresholds 0.56 % and 0.19 %.
        let mut d = definition(Direction::Higher);
        d.limit = Some(100.0);
        let p = measure(&d, &[(2015, 90.0), (2020, 92.0)]);
        assert_eq!(p.status, Status::ModerateProgress);
        close(p.score, 1.697806304504617);
    }

    #[test]
    fn cif_1_2_1_with_its_limit() {
        let mut d = definition(Direction::Higher);
        d.limit = Some(100.0);
        let p = measure(&d, &[(2016, 66.6), (2023, 71.4)]);
        assert_eq!(p.status, Status::ModerateProgress);
        close(p.progress_value, 0.009991483690946268);
        close(p.score, 1.739752850099936);
    }

    #[test]
    fn holding_the_limit_from_the_start_is_the_best_possible() {
        let mut d = definition(Direction::Higher);
        d.limit = Some(100.0);
        let p = measure(&d, &[(2015, 100.0), (2020, 100.0)]);
        assert_eq!(p.status, Status::SubstantialProgress);
        assert_eq!(p.score, Some(5.0));
    }

    #[test]
    fn no_change_below_the_limit_is_limited_progress() {
        let mut d = definition(Direction::Higher);
        d.limit = Some(100.0);
        let p = measure(&d, &[(2015, 79.0), (2020, 79.0)]);
        assert_eq!(p.status, Status::LimitedProgress);
        assert_eq!(p.score, Some(-2.5));
    }

    #[test]
    fn lower_is_better_without_target() {
        // (95/100)^(1/7)-1 = -0.0073008, turned by direction into +0.73 % a year.
        let p = measure(
            &definition(Direction::Lower),
            &[(2015, 100.0), (2022, 95.0)],
        );
        assert_eq!(p.status, Status::ModerateProgress);
        close(p.progress_value, 0.007300831979014655);
        close(p.score, 0.5752079947536637);
    }

    #[test]
    fn a_zero_base_is_replaced_by_a_thousandth() {
        // (2/0.001)^(1/2)-1 = 43.72: far beyond 2 % a year.
        let p = measure(&definition(Direction::Higher), &[(2020, 0.0), (2022, 2.0)]);
        assert_eq!(p.base_value, Some(0.0));
        close(p.progress_value, (2.0f64 / 0.001).sqrt() - 1.0);
        assert_eq!(p.status, Status::SubstantialProgress);
        assert_eq!(p.score, Some(5.0));
    }

    #[test]
    fn a_zero_target_is_replaced_by_a_thousandth() {
        // Lower is better, aiming at 0 by 2030: required growth (0.001/10)^(1/10)-1 = -0.6019.
        let p = measure(
            &with_target(Direction::Lower, 0.0, 2030),
            &[(2020, 10.0), (2022, 8.1)],
        );
        let observed = (8.1f64 / 10.0).powf(0.5) - 1.0;
        let required = (0.001f64 / 10.0).powf(0.1) - 1.0;
        close(p.progress_value, -observed / required.abs());
        assert_eq!(p.status, Status::LimitedProgress);
    }

    #[test]
    fn a_sign_change_is_not_measured() {
        let p = measure(&definition(Direction::Higher), &[(2015, -2.0), (2020, 3.0)]);
        assert_eq!(p.status, Status::NotAvailable);
        assert_eq!(p.unmeasurable, Some(Unmeasurable::SignChange));
        assert_eq!(p.score, None);
        // The years found are still reported.
        assert_eq!(p.base_value, Some(-2.0));
    }

    #[test]
    fn an_all_negative_series_measures_its_magnitude() {
        // Higher is better; -10 → -8 is better. Growth of the values (0.8^(1/4)-1 = -0.05426)
        // is turned by the sign into +5.4 % a year.
        let p = measure(
            &definition(Direction::Higher),
            &[(2016, -10.0), (2020, -8.0)],
        );
        assert_eq!(p.status, Status::SubstantialProgress);
        close(p.progress_value, 1.0 - 0.8f64.powf(0.25));
    }

    #[test]
    fn a_missing_base_year_takes_the_first_year_after_it() {
        let mut d = definition(Direction::Higher);
        d.base_year = Some(2018);
        let p = measure(
            &d,
            &[(2015, 1.0), (2017, 2.0), (2019, 100.0), (2021, 121.0)],
        );
        assert_eq!(p.base_year, Some(2019));
        close(p.progress_value, 0.1);
    }

    #[test]
    fn data_only_before_the_base_year_is_not_measured() {
        let mut d = definition(Direction::Higher);
        d.base_year = Some(2020);
        let p = measure(&d, &[(2015, 1.0), (2017, 2.0)]);
        assert_eq!(p.unmeasurable, Some(Unmeasurable::NoDataSinceBaseYear));
    }

    #[test]
    fn one_data_point_is_not_measured() {
        let p = measure(&definition(Direction::Higher), &[(2020, 5.0)]);
        assert_eq!(p.status, Status::NotAvailable);
        assert_eq!(p.unmeasurable, Some(Unmeasurable::OneDataPoint));
        assert_eq!((p.current_year, p.current_value), (Some(2020), Some(5.0)));
    }

    #[test]
    fn no_data_is_not_measured() {
        let p = measure(&definition(Direction::Higher), &[]);
        assert_eq!(p.unmeasurable, Some(Unmeasurable::NoData));
        assert_eq!(p.base_year, None);
    }

    #[test]
    fn gaps_are_skipped_and_order_does_not_matter() {
        // The latest year with a value is the current year, whatever the order of rows.
        let p = measure(
            &definition(Direction::Higher),
            &[(2021, 110.0), (2015, 100.0), (2018, f64::NAN)],
        );
        assert_eq!((p.base_year, p.current_year), (Some(2015), Some(2021)));
    }

    #[test]
    fn a_target_across_zero_is_not_measured_rather_than_called_deterioration() {
        let p = measure(
            &with_target(Direction::Lower, -5.0, 2030),
            &[(2015, 10.0), (2020, 8.0)],
        );
        assert_eq!(p.status, Status::NotAvailable);
        assert_eq!(p.unmeasurable, Some(Unmeasurable::TargetAcrossZero));
        assert_eq!(p.score, None);
    }

    #[test]
    fn a_base_on_the_target_gives_no_ratio() {
        let p = measure(
            &with_target(Direction::Higher, 50.0, 2030),
            &[(2015, 50.0), (2020, 45.0)],
        );
        assert_eq!(p.unmeasurable, Some(Unmeasurable::BaseOnTarget));
    }

    #[test]
    fn scores_meet_the_status_bounds() {
        assert!((target_score(0.95) - 2.5).abs() < 1e-3);
        assert!((target_score(0.6) - 0.0).abs() < 1e-3);
        assert!((target_score(0.0) + 2.5).abs() < 1e-9);
        assert_eq!(target_score(5.0), 5.0);
        assert_eq!(target_score(-5.0), -5.0);
        let t = GROWTH_THRESHOLDS;
        assert!((growth_score(0.015, t, 1.0) - 2.5).abs() < 1e-9);
        assert!((growth_score(0.005, t, 1.0) - 0.0).abs() < 1e-9);
        assert!((growth_score(-0.02, t, 1.0) + 5.0).abs() < 1e-9);
    }

    #[test]
    fn every_status_has_a_distinct_code() {
        let mut codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 6);
    }

    #[test]
    fn traffic_lights_follow_the_benchmark_both_ways() {
        let mut d = definition(Direction::Higher);
        d.benchmark = Some(Benchmark {
            green: 25.0,
            red: 15.0,
        });
        assert_eq!(traffic_light(&d, Some(25.0)), TrafficLight::Green);
        assert_eq!(traffic_light(&d, Some(15.0)), TrafficLight::Amber);
        assert_eq!(traffic_light(&d, Some(14.9)), TrafficLight::Red);
        assert_eq!(traffic_light(&d, None), TrafficLight::None);
        d.direction = Direction::Lower;
        d.benchmark = Some(Benchmark {
            green: 15.0,
            red: 25.0,
        });
        assert_eq!(traffic_light(&d, Some(15.0)), TrafficLight::Green);
        assert_eq!(traffic_light(&d, Some(25.0)), TrafficLight::Amber);
        assert_eq!(traffic_light(&d, Some(25.1)), TrafficLight::Red);
        d.benchmark = None;
        assert_eq!(traffic_light(&d, Some(1.0)), TrafficLight::None);
    }
}
