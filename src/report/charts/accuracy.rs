//! A share (%) over months as a line with its values written above the points: the exhibit's
//! first-try accuracy by month.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, GRID, SERIES, draw_legend, err, font, frame, line_key};
use crate::i18n::{Lang, format_number};

/// A share (%) over months: the exhibit's first-try accuracy.
pub struct ShareChart {
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    pub lang: Lang,
    pub label: String,
    /// (label under the point, share in %).
    pub points: Vec<(String, f64)>,
}

impl Chart for ShareChart {
    fn name(&self) -> String {
        "centre-accuracy".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(root, &self.title, &self.subtitle, None, &self.footer)?;
        let count = self.points.len().max(1) as f64;
        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(28)
            .x_label_area_size(34)
            .y_label_area_size(70)
            .build_cartesian_2d(-0.5..count - 0.5, 0.0..100.0)
            .map_err(err)?;
        let labels: Vec<String> = self.points.iter().map(|(l, _)| l.clone()).collect();
        let every = (labels.len() / 12).max(1);
        let lang = self.lang;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(labels.len().clamp(2, 24))
            .x_label_formatter(&move |x| {
                let index = x.round();
                if (index - x).abs() < 0.01
                    && index >= 0.0
                    && (index as usize).is_multiple_of(every)
                {
                    labels.get(index as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format!("{} %", format_number(*y, 0, lang)))
            .label_style(font(15))
            .draw()
            .map_err(err)?;
        let points: Vec<(f64, f64)> = self
            .points
            .iter()
            .enumerate()
            .map(|(i, (_, v))| (i as f64, *v))
            .collect();
        chart
            .draw_series(LineSeries::new(points.clone(), SERIES.stroke_width(3)))
            .map_err(err)?
            .label(self.label.as_str())
            .legend(line_key(SERIES, 3));
        chart
            .draw_series(points.iter().map(|&p| Circle::new(p, 5, SERIES.filled())))
            .map_err(err)?;
        chart
            .draw_series(points.iter().map(|&(x, y)| {
                Text::new(
                    format_number(y, 1, lang),
                    (x, y),
                    font(13).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))
            .map_err(err)?;
        draw_legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    }
}
