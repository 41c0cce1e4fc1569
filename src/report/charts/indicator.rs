//! An indicator over the years: its observations as a line that breaks where a year has no value,
//! the latest value written above its point, the target as a red triangle, and the benchmark bands
//! behind everything.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    BAND_AMBER, BAND_GREEN, BAND_RED, Chart, GRID, SERIES, TARGET, bold, box_key, draw_legend, err,
    font, frame, line_key,
};
use crate::i18n::{Lang, format_number};
use crate::indicators::{Direction, Indicator};

/// Localised words a chart needs.
#[derive(Clone, Debug)]
pub struct ChartWords {
    pub lang: Lang,
    pub source: String,
    pub target: String,
    pub example: String,
    pub green: String,
    pub amber: String,
    pub red: String,
    pub observed: String,
    pub year: String,
}

/// An indicator's observations over the years, with gaps, its target and its benchmark bands.
pub struct IndicatorChart<'a> {
    pub indicator: &'a Indicator,
    /// The unit in the reader's language.
    pub unit: String,
    pub words: &'a ChartWords,
}

/// The plot: years along x, the indicator's unit up y.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// How far the axes reach: every year with a row or the target, and values that take in the
/// observations, the target and the benchmark thresholds.
struct Axes {
    first_year: i32,
    last_year: i32,
    x: Range<f64>,
    y_low: f64,
    y_high: f64,
}

impl Chart for IndicatorChart<'_> {
    fn name(&self) -> String {
        self.indicator.id().to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let definition = &self.indicator.definition;
        let words = self.words;
        let footer = format!("{}: {}", words.source, definition.source);
        let warning = definition.example.then_some(words.example.as_str());
        let area = frame(
            root,
            definition.name.get(words.lang),
            &self.unit,
            warning,
            &footer,
        )?;

        let rows: Vec<(i32, Option<f64>)> = yearly_rows(self.indicator);
        let values: Vec<f64> = rows.iter().filter_map(|(_, v)| *v).collect();
        let Some(axes) = self.axes(&rows, &values) else {
            return Ok(());
        };
        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(28)
            .margin_top(6)
            .x_label_area_size(34)
            .y_label_area_size(76)
            .build_cartesian_2d(axes.x.clone(), axes.y_low..axes.y_high)
            .map_err(err)?;
        self.draw_bands(&mut chart, &axes)?;
        draw_mesh(&mut chart, &axes, words.lang)?;
        draw_observed(&mut chart, &rows, &words.observed)?;
        self.draw_latest(&mut chart, decimals_of(&values))?;
        self.draw_target(&mut chart)?;
        draw_legend(&mut chart, legend_corner(&values))
    }
}

impl IndicatorChart<'_> {
    /// None when there is no year to show at all.
    fn axes(&self, rows: &[(i32, Option<f64>)], values: &[f64]) -> Option<Axes> {
        let definition = &self.indicator.definition;
        let target = definition.target;
        let mut years: Vec<i32> = rows.iter().map(|(y, _)| *y).collect();
        if let Some(t) = target {
            years.push(t.year);
        }
        let first_year = *years.iter().min()?;
        let last_year = *years.iter().max()?;
        // The thresholds belong on the axis too, or a reader never sees where the bands change.
        let mut span: Vec<f64> = values.to_vec();
        span.extend(target.map(|t| t.value));
        if let Some(benchmark) = definition.benchmark {
            span.extend([benchmark.green, benchmark.red]);
        }
        let (y_low, y_high) = value_range(&span);
        Some(Axes {
            first_year,
            last_year,
            x: (f64::from(first_year) - 0.5)..(f64::from(last_year) + 0.5),
            y_low,
            y_high,
        })
    }

    /// Benchmark bands behind everything, each named in the legend, never colour alone.
    fn draw_bands<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
        axes: &Axes,
    ) -> Result<(), String> {
        let definition = &self.indicator.definition;
        let Some(benchmark) = definition.benchmark else {
            return Ok(());
        };
        let words = self.words;
        let (y_low, y_high) = (axes.y_low, axes.y_high);
        let (good_side, bad_side) = match definition.direction {
            Direction::Higher => ((benchmark.green, y_high), (y_low, benchmark.red)),
            Direction::Lower => ((y_low, benchmark.green), (benchmark.red, y_high)),
        };
        let middle = (
            benchmark.red.min(benchmark.green),
            benchmark.red.max(benchmark.green),
        );
        for ((from, to), colour, label) in [
            (good_side, BAND_GREEN, &words.green),
            (middle, BAND_AMBER, &words.amber),
            (bad_side, BAND_RED, &words.red),
        ] {
            let (from, to) = (from.clamp(y_low, y_high), to.clamp(y_low, y_high));
            if to > from {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(axes.x.start, from), (axes.x.end, to)],
                        colour.filled(),
                    )))
                    .map_err(err)?
                    .label(label.as_str())
                    .legend(box_key(colour));
            }
        }
        Ok(())
    }

    /// The latest value, written above its point.
    fn draw_latest<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
        decimals: usize,
    ) -> Result<(), String> {
        let Some(&(year, value)) = self.indicator.headline().last() else {
            return Ok(());
        };
        let label = format_number(value, decimals, self.words.lang);
        chart
            .draw_series(std::iter::once(
                EmptyElement::at((f64::from(year), value))
                    + Text::new(
                        label,
                        (0, -8),
                        bold(15)
                            .color(&SERIES)
                            .pos(Pos::new(HPos::Center, VPos::Bottom)),
                    ),
            ))
            .map_err(err)?;
        Ok(())
    }

    /// The target: a red triangle, named with its year and value beside it and in the legend.
    fn draw_target<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
    ) -> Result<(), String> {
        let Some(t) = self.indicator.definition.target else {
            return Ok(());
        };
        let point = (f64::from(t.year), t.value);
        let text = format!(
            "{} {}: {}",
            self.words.target,
            t.year,
            format_number(t.value, decimals_of(&[t.value]), self.words.lang)
        );
        chart
            .draw_series(std::iter::once(TriangleMarker::new(
                point,
                9,
                TARGET.filled(),
            )))
            .map_err(err)?
            .label(text.clone())
            .legend(|(x, y)| TriangleMarker::new((x + 8, y), 7, TARGET.filled()));
        chart
            .draw_series(std::iter::once(
                EmptyElement::at(point)
                    + Text::new(
                        text,
                        (-14, -8),
                        bold(15)
                            .color(&TARGET)
                            .pos(Pos::new(HPos::Right, VPos::Bottom)),
                    ),
            ))
            .map_err(err)?;
        Ok(())
    }
}

/// The grid and the axes' labels: whole years along x, values with decimals enough to differ.
fn draw_mesh<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    axes: &Axes,
    lang: Lang,
) -> Result<(), String> {
    let (y_low, y_high) = (axes.y_low, axes.y_high);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .x_labels(((axes.last_year - axes.first_year + 1) as usize).min(12))
        .x_label_formatter(&year_label)
        .y_label_formatter(&|y| format_number(*y, axis_decimals(y_low, y_high), lang))
        .label_style(font(15))
        .draw()
        .map_err(err)
}

/// The observed line with a dot at each value, named once in the legend.
fn draw_observed<'a, DB: DrawingBackend + 'a>(
    chart: &mut Plot<'a, DB>,
    rows: &[(i32, Option<f64>)],
    label: &str,
) -> Result<(), String> {
    let mut labelled = false;
    for segment in segments(rows) {
        let series = chart
            .draw_series(LineSeries::new(segment.clone(), SERIES.stroke_width(3)))
            .map_err(err)?;
        if !labelled {
            series.label(label).legend(line_key(SERIES, 3));
            labelled = true;
        }
        chart
            .draw_series(
                segment
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 5, SERIES.filled())),
            )
            .map_err(err)?;
    }
    Ok(())
}

/// The line's pieces: it breaks where a year has no value, so a gap is never drawn over. No piece
/// is empty.
fn segments(rows: &[(i32, Option<f64>)]) -> Vec<Vec<(f64, f64)>> {
    let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    let mut previous_year: Option<i32> = None;
    for (year, value) in rows {
        match value {
            Some(v) => {
                if previous_year.is_some_and(|p| year - p > 1) {
                    segments.push(Vec::new());
                }
                if let Some(segment) = segments.last_mut() {
                    segment.push((f64::from(*year), *v));
                }
                previous_year = Some(*year);
            }
            None => {
                segments.push(Vec::new());
                previous_year = None;
            }
        }
    }
    segments.retain(|s| !s.is_empty());
    segments
}

/// A falling line leaves the upper right free, a rising one the upper left.
fn legend_corner(values: &[f64]) -> SeriesLabelPosition {
    let falling = match (values.first(), values.last()) {
        (Some(first), Some(last)) => last < first,
        _ => false,
    };
    if falling {
        SeriesLabelPosition::UpperRight
    } else {
        SeriesLabelPosition::UpperLeft
    }
}

/// Every year from the first to the last row, with its headline value or None (a gap).
fn yearly_rows(indicator: &Indicator) -> Vec<(i32, Option<f64>)> {
    let headline = indicator.headline();
    let missing: Vec<i32> = indicator
        .dataset
        .rows
        .iter()
        .filter(|r| r.is_headline() && r.value.is_none())
        .map(|r| r.year)
        .collect();
    let mut years: Vec<i32> = headline.iter().map(|(y, _)| *y).chain(missing).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let value = headline.iter().find(|(y, _)| *y == year).map(|(_, v)| *v);
            (year, value)
        })
        .collect()
}

/// A value axis with room above and below; from zero when every value is positive and zero is
/// not far off, since a cut axis exaggerates change.
/// A year on the x axis: whole years only (the axis is continuous, ticks may fall between).
pub(super) fn year_label(x: &f64) -> String {
    if (x.round() - x).abs() < 1e-6 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

pub(super) fn value_range(values: &[f64]) -> (f64, f64) {
    let (mut low, mut high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    // Values are bounded on input (MAX_VALUE), but an infinite axis would hang plotters: never.
    if !low.is_finite() || !high.is_finite() || !(high - low).is_finite() {
        return (0.0, 1.0);
    }
    if low >= 0.0 && low <= high * 0.6 {
        low = 0.0;
    }
    if (high - low).abs() < f64::EPSILON {
        let pad = if high == 0.0 { 1.0 } else { high.abs() * 0.1 };
        return (low - pad, high + pad);
    }
    let pad = (high - low) * 0.12;
    high += pad;
    if low != 0.0 {
        low -= pad;
    }
    (low, high)
}

/// Decimals the value axis needs for its ticks to differ: none across tens, more for small spans.
pub(super) fn axis_decimals(low: f64, high: f64) -> usize {
    let span = (high - low).abs();
    if !span.is_finite() || span >= 10.0 {
        0
    } else if span >= 1.0 {
        1
    } else if span > 0.0 {
        ((-span.log10()).ceil() as usize + 1).min(6)
    } else {
        2
    }
}

/// Decimals enough for the values shown (none for whole numbers).
pub(super) fn decimals_of(values: &[f64]) -> usize {
    values
        .iter()
        .map(|v| {
            let text = format!("{v}");
            text.split_once('.').map_or(0, |(_, f)| f.len().min(2))
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_axes_start_at_zero_unless_that_hides_the_change() {
        assert_eq!(value_range(&[10.0, 20.0]).0, 0.0);
        let (low, high) = value_range(&[90.0, 95.0]);
        assert!(low > 80.0 && high > 95.0, "{low}..{high}");
        assert!(value_range(&[-5.0, 5.0]).0 < -5.0);
        let (low, high) = value_range(&[7.0]);
        assert!(low < 7.0 && high > 7.0);
        assert_eq!(value_range(&[]), (0.0, 1.0));
        assert_eq!(value_range(&[-1.7e308, 1.7e308]), (0.0, 1.0));
    }

    #[test]
    fn axis_ticks_keep_enough_decimals_to_differ() {
        assert_eq!(axis_decimals(0.0, 60.0), 0);
        assert_eq!(axis_decimals(14.0, 21.0), 1);
        assert_eq!(axis_decimals(0.011, 0.018), 4);
        assert_eq!(axis_decimals(0.0, 0.02), 3);
    }

    #[test]
    fn the_line_breaks_at_a_missing_or_skipped_year() {
        let rows = [
            (2019, Some(1.0)),
            (2020, Some(2.0)),
            (2021, None),
            (2022, Some(3.0)),
            (2024, Some(4.0)),
        ];
        assert_eq!(
            segments(&rows),
            vec![
                vec![(2019.0, 1.0), (2020.0, 2.0)],
                vec![(2022.0, 3.0)],
                vec![(2024.0, 4.0)],
            ]
        );
        assert!(segments(&[(2020, None)]).is_empty());
    }

    #[test]
    fn decimals_follow_the_data() {
        assert_eq!(decimals_of(&[1.0, 2.0]), 0);
        assert_eq!(decimals_of(&[1.5, 2.25]), 2);
        assert_eq!(decimals_of(&[1.123456]), 2);
    }
}
