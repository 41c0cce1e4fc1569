//! The centre's year so far: cumulative visitors by day against the pace the target expects, with
//! the target as a line across the year.

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::coord::types::{Monthly, RangedCoordf64};
use plotters::prelude::*;

use super::{
    Chart, GRID, PACE, SECURED, SERIES, TARGET, bold, draw_legend, err, font, frame, line_key,
};
use crate::i18n::{Lang, format_number};

/// The plot: the year's days along x (labelled by month), visitors up y.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<Monthly<NaiveDate>, RangedCoordf64>>;

/// The centre's year so far: cumulative visitors against the expected pace and the target.
pub struct PaceChart {
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    pub lang: Lang,
    pub year: i32,
    pub target: f64,
    pub target_label: String,
    pub actual_label: String,
    pub pace_label: String,
    /// Cumulative visitors by day, up to today.
    pub actual: Vec<(NaiveDate, f64)>,
    /// Cumulative visitors the target expects by each day of the year.
    pub expected: Vec<(NaiveDate, f64)>,
    /// The visitors so far plus the confirmed bookings (less the no-show rate) by their days,
    /// to the year end; empty: no line.
    pub secured: Vec<(NaiveDate, f64)>,
    pub secured_label: String,
    /// Abbreviated month names, January first.
    pub months: [String; 12],
}

impl Chart for PaceChart {
    fn name(&self) -> String {
        "centre-pace".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(root, &self.title, &self.subtitle, None, &self.footer)?;
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(self.year, 1, 1),
            NaiveDate::from_ymd_opt(self.year, 12, 31),
        ) else {
            return Err(format!("{} is not a calendar year", self.year));
        };
        let top = self
            .actual
            .iter()
            .chain(&self.secured)
            .map(|(_, v)| *v)
            .fold(self.target, f64::max)
            * 1.1;
        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(36)
            .x_label_area_size(34)
            .y_label_area_size(80)
            .build_cartesian_2d((first..last).monthly(), 0.0..top)
            .map_err(err)?;
        let months = self.months.clone();
        let lang = self.lang;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(12)
            .x_label_formatter(&move |d: &NaiveDate| months[d.month0() as usize].clone())
            .y_label_formatter(&|y| format_number(*y, 0, lang))
            .label_style(font(15))
            .draw()
            .map_err(err)?;
        self.draw_lines(&mut chart, (first, last))?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
    }
}

impl PaceChart {
    /// The target across the year, the expected pace dashed, and the visitors so far with today's
    /// count written beside its last point.
    fn draw_lines<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
        (first, last): (NaiveDate, NaiveDate),
    ) -> Result<(), String> {
        let lang = self.lang;
        chart
            .draw_series(std::iter::once(PathElement::new(
                [(first, self.target), (last, self.target)],
                TARGET.stroke_width(2),
            )))
            .map_err(err)?
            .label(self.target_label.as_str())
            .legend(line_key(TARGET, 2));
        chart
            .draw_series(DashedLineSeries::new(
                self.expected.iter().copied(),
                8,
                5,
                PACE.stroke_width(2),
            ))
            .map_err(err)?
            .label(self.pace_label.as_str())
            .legend(line_key(PACE, 2));
        chart
            .draw_series(LineSeries::new(
                self.actual.iter().copied(),
                SERIES.stroke_width(3),
            ))
            .map_err(err)?
            .label(self.actual_label.as_str())
            .legend(line_key(SERIES, 3));
        if !self.secured.is_empty() {
            // A step line: the bookings count on their days, flat between.
            let steps = self.secured.windows(2).flat_map(|pair| {
                let ((_, before), (day, after)) = (pair[0], pair[1]);
                [(day, before), (day, after)]
            });
            let line: Vec<(NaiveDate, f64)> =
                self.secured[..1].iter().copied().chain(steps).collect();
            chart
                .draw_series(DashedLineSeries::new(line, 3, 4, SECURED.stroke_width(3)))
                .map_err(err)?
                .label(self.secured_label.as_str())
                .legend(line_key(SECURED, 3));
        }
        if let Some(&(day, value)) = self.actual.last() {
            chart
                .draw_series([EmptyElement::at((day, value))
                    + Circle::new((0, 0), 5, SERIES.filled())
                    + Text::new(
                        format_number(value, 0, lang),
                        (8, -22),
                        bold(15).color(&SERIES),
                    )])
                .map_err(err)?;
        }
        Ok(())
    }
}
