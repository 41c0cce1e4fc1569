//! Bars by month: this year's, with last year's beside them in grey when there is one.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, GRID, PREVIOUS, SERIES, box_key, draw_legend, err, font, frame};
use crate::i18n::{Lang, format_number};

/// The plot: month m (0 = January) centred on x = m, the count or share up y.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Bars by month: this year, and last year beside it in grey when there is one.
pub struct MonthlyChart {
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    pub lang: Lang,
    pub months: [String; 12],
    pub this_year: (String, [f64; 12]),
    pub previous_year: Option<(String, [f64; 12])>,
    pub percent: bool,
}

impl Chart for MonthlyChart {
    fn name(&self) -> String {
        "centre-months".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(root, &self.title, &self.subtitle, None, &self.footer)?;
        let highest = self
            .this_year
            .1
            .iter()
            .chain(self.previous_year.iter().flat_map(|(_, v)| v.iter()))
            .fold(0.0f64, |m, v| m.max(*v));
        let top = if self.percent {
            100.0
        } else {
            (highest * 1.15).max(10.0)
        };
        // Month m (0 = January) is centred on x = m, so the axis's whole-number ticks name it.
        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(28)
            .x_label_area_size(34)
            .y_label_area_size(80)
            .build_cartesian_2d(-0.5..11.5, 0.0..top)
            .map_err(err)?;
        let months = self.months.clone();
        let lang = self.lang;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(12)
            .x_label_formatter(&move |x: &f64| {
                let month = x.round();
                if (month - x).abs() < 0.01 && (0.0..12.0).contains(&month) {
                    months[month as usize].clone()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format_number(*y, 0, lang))
            .label_style(font(15))
            .draw()
            .map_err(err)?;
        self.draw_bars(&mut chart)?;
        draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)
    }
}

impl MonthlyChart {
    /// Last year's bars on the left of each month, this year's on the right (or centred when
    /// alone), each of this year's written above it.
    fn draw_bars<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
    ) -> Result<(), String> {
        let lang = self.lang;
        let both = self.previous_year.is_some();
        if let Some((label, values)) = &self.previous_year {
            chart
                .draw_series(values.iter().enumerate().map(|(m, v)| {
                    let x = m as f64;
                    Rectangle::new([(x - 0.38, 0.0), (x - 0.02, *v)], PREVIOUS.filled())
                }))
                .map_err(err)?
                .label(label.as_str())
                .legend(box_key(PREVIOUS));
        }
        let (label, values) = &self.this_year;
        let (from, to) = if both { (0.02, 0.38) } else { (-0.3, 0.3) };
        chart
            .draw_series(values.iter().enumerate().map(|(m, v)| {
                let x = m as f64;
                Rectangle::new([(x + from, 0.0), (x + to, *v)], SERIES.filled())
            }))
            .map_err(err)?
            .label(label.as_str())
            .legend(box_key(SERIES));
        chart
            .draw_series(
                values
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v > 0.0)
                    .map(|(m, v)| {
                        Text::new(
                            format_number(*v, if self.percent { 1 } else { 0 }, lang),
                            ((m as f64) + (from + to) / 2.0, *v),
                            font(13).pos(Pos::new(HPos::Center, VPos::Bottom)),
                        )
                    }),
            )
            .map_err(err)?;
        Ok(())
    }
}
