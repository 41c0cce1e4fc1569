//! Horizontal bars, one row per item, the most missed first: times answered in grey, times put in
//! a wrong bin in red over them, with the item's name and its right bin on the left.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Chart, GRID, MUTED, PREVIOUS, TARGET, bold, err, font, frame, wrap};
use crate::i18n::{Lang, format_number};

/// The plot: times along x, one row per item up y.
type Plot<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Horizontal bars: the items most often put in a wrong bin first.
pub struct MissedChart {
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    pub lang: Lang,
    /// (item name, its right bin, times missed, times answered), most missed first.
    pub items: Vec<(String, String, u64, u64)>,
}

impl Chart for MissedChart {
    fn name(&self) -> String {
        "centre-missed".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(root, &self.title, &self.subtitle, None, &self.footer)?;
        // At least six rows, so two items do not become two slabs.
        let rows = self.items.len().max(6);
        let most = self.items.iter().map(|i| i.3).max().unwrap_or(1).max(1);
        let (labels_area, bars_area) = area.split_horizontally(340);
        let mut chart = ChartBuilder::on(&bars_area)
            .margin_right(70)
            .margin_top(4)
            .x_label_area_size(30)
            .build_cartesian_2d(0.0..(most as f64 * 1.05), -0.5..(rows as f64 - 0.5))
            .map_err(err)?;
        let lang = self.lang;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .y_labels(0)
            .x_labels((most as usize + 1).min(11))
            .x_label_formatter(&|x| {
                if (x.round() - x).abs() < 1e-6 {
                    format_number(*x, 0, lang)
                } else {
                    String::new()
                }
            })
            .label_style(font(14))
            .draw()
            .map_err(err)?;
        self.draw_bars(&mut chart, rows)?;
        self.draw_labels(&labels_area, &chart, rows)
    }
}

impl MissedChart {
    /// Each item's bars (answered in grey, missed in red over it) and "missed / answered" after.
    fn draw_bars<'a, DB: DrawingBackend + 'a>(
        &self,
        chart: &mut Plot<'a, DB>,
        rows: usize,
    ) -> Result<(), String> {
        let row = |i: usize| row_of(rows, i);
        for (colour, value) in [(PREVIOUS, 3usize), (TARGET, 2)] {
            chart
                .draw_series(self.items.iter().enumerate().map(|(i, item)| {
                    let length = if value == 3 { item.3 } else { item.2 } as f64;
                    Rectangle::new(
                        [(0.0, row(i) - 0.3), (length, row(i) + 0.3)],
                        colour.filled(),
                    )
                }))
                .map_err(err)?;
        }
        chart
            .draw_series(self.items.iter().enumerate().map(|(i, item)| {
                Text::new(
                    format!("  {} / {}", item.2, item.3),
                    (item.3 as f64, row(i)),
                    font(14).pos(Pos::new(HPos::Left, VPos::Center)),
                )
            }))
            .map_err(err)?;
        Ok(())
    }

    /// Each item's name (bold) and right bin, one line each, level with its bars.
    fn draw_labels<DB: DrawingBackend>(
        &self,
        labels_area: &DrawingArea<DB, Shift>,
        chart: &Plot<'_, DB>,
        rows: usize,
    ) -> Result<(), String> {
        let (_, top) = labels_area.get_base_pixel();
        for (i, (name, bin, _, _)) in self.items.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, row_of(rows, i)));
            let y = y - top;
            let name_line = wrap(labels_area, name, &bold(15), 310, 1).join("");
            let bin_line = wrap(labels_area, &format!("› {bin}"), &font(13), 310, 1).join("");
            labels_area
                .draw_text(&name_line, &bold(15), (24, y - 18))
                .map_err(err)?;
            labels_area
                .draw_text(&bin_line, &font(13).color(&MUTED), (24, y + 2))
                .map_err(err)?;
        }
        Ok(())
    }
}

/// The row of the `i`th item: the first on the top row, since plotters counts rows from the bottom.
fn row_of(rows: usize, i: usize) -> f64 {
    (rows - 1 - i) as f64
}
