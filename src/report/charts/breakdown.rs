//! An indicator by one disaggregation column, as small multiples: one small plot per value of the
//! column (a district, a kind of waste), all on the same axes so they compare at a glance, each
//! with its latest value written beside its last point.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::indicator::{axis_decimals, decimals_of, value_range, year_label};
use super::{Chart, GRID, MUTED, SERIES, bold, err, font, frame};
use crate::i18n::{Lang, format_number};
use crate::indicators::Series;

/// The most values drawn; a column with more says how many were left out in its subtitle.
pub const MAX_PANELS: usize = 12;

/// One indicator's series by the values of one disaggregation column.
pub struct BreakdownChart {
    /// The file name (without extension) the chart is written under.
    pub name: String,
    pub title: String,
    /// The unit, and how many values were left out when there are more than [`MAX_PANELS`].
    pub subtitle: String,
    pub warning: Option<String>,
    pub footer: String,
    pub lang: Lang,
    pub series: Vec<Series>,
}

impl Chart for BreakdownChart {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(
            root,
            &self.title,
            &self.subtitle,
            self.warning.as_deref(),
            &self.footer,
        )?;
        let shown = &self.series[..self.series.len().min(MAX_PANELS)];
        let points = || shown.iter().flat_map(|s| s.points.iter());
        let (Some(first), Some(last)) = (
            points().map(|(year, _)| *year).min(),
            points().map(|(year, _)| *year).max(),
        ) else {
            return Ok(());
        };
        let values: Vec<f64> = points().map(|(_, v)| *v).collect();
        let (low, high) = value_range(&values);
        let decimals = decimals_of(&values);
        let columns = (shown.len() as f64).sqrt().ceil().max(1.0) as usize;
        let rows = shown.len().div_ceil(columns);
        let x = (f64::from(first) - 0.5)..(f64::from(last) + 0.5);
        for (panel, series) in area.split_evenly((rows, columns)).iter().zip(shown) {
            let mut chart = ChartBuilder::on(panel)
                .caption(&series.value, bold(15))
                .margin(8)
                .x_label_area_size(22)
                .y_label_area_size(56)
                .build_cartesian_2d(x.clone(), low..high)
                .map_err(err)?;
            let lang = self.lang;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(TRANSPARENT)
                .bold_line_style(GRID)
                .x_labels(((last - first + 1) as usize).min(4))
                .x_label_formatter(&year_label)
                .y_labels(4)
                .y_label_formatter(&|y| format_number(*y, axis_decimals(low, high), lang))
                .label_style(font(12).color(&MUTED))
                .draw()
                .map_err(err)?;
            let line = series.points.iter().map(|(year, v)| (f64::from(*year), *v));
            chart
                .draw_series(LineSeries::new(line.clone(), SERIES.stroke_width(2)))
                .map_err(err)?;
            chart
                .draw_series(line.map(|point| Circle::new(point, 3, SERIES.filled())))
                .map_err(err)?;
            if let Some(&(year, value)) = series.points.last() {
                chart
                    .draw_series([EmptyElement::at((f64::from(year), value))
                        + Text::new(
                            format_number(value, decimals, lang),
                            (-10, -20),
                            bold(13).color(&SERIES),
                        )])
                    .map_err(err)?;
            }
        }
        Ok(())
    }
}

/// Colours for lines side by side, told apart by colour-blind readers too (Okabe and Ito), each
/// line also marked by its own point shape in turn.
const LINES: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
    RGBColor(0, 0, 0),
];

/// The chosen values of one disaggregation column on one plot, a line each, named in the legend
/// (the server's indicator page, as Open SDG's filter shows them).
pub struct LinesChart {
    pub title: String,
    pub subtitle: String,
    pub footer: String,
    pub lang: Lang,
    pub series: Vec<Series>,
}

impl Chart for LinesChart {
    fn name(&self) -> String {
        "indicator-lines".into()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let area = frame(root, &self.title, &self.subtitle, None, &self.footer)?;
        let points = || self.series.iter().flat_map(|s| s.points.iter());
        let (Some(first), Some(last)) = (
            points().map(|(year, _)| *year).min(),
            points().map(|(year, _)| *year).max(),
        ) else {
            return Ok(());
        };
        let values: Vec<f64> = points().map(|(_, v)| *v).collect();
        let (low, high) = value_range(&values);
        let lang = self.lang;
        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(28)
            .margin_top(6)
            .x_label_area_size(34)
            .y_label_area_size(76)
            .build_cartesian_2d((f64::from(first) - 0.5)..(f64::from(last) + 0.5), low..high)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(((last - first + 1) as usize).min(12))
            .x_label_formatter(&year_label)
            .y_label_formatter(&|y| format_number(*y, axis_decimals(low, high), lang))
            .label_style(font(15))
            .draw()
            .map_err(err)?;
        for (index, series) in self.series.iter().enumerate() {
            let colour = LINES[index % LINES.len()];
            let line = series.points.iter().map(|(year, v)| (f64::from(*year), *v));
            chart
                .draw_series(LineSeries::new(line.clone(), colour.stroke_width(3)))
                .map_err(err)?
                .label(series.value.as_str())
                .legend(super::line_key(colour, 3));
            let shape = index / LINES.len() % 2;
            chart
                .draw_series(line.map(|point| -> DynElement<'static, DB, (f64, f64)> {
                    if shape == 0 {
                        Circle::new(point, 4, colour.filled()).into_dyn()
                    } else {
                        TriangleMarker::new(point, 6, colour.filled()).into_dyn()
                    }
                }))
                .map_err(err)?;
        }
        super::draw_legend(&mut chart, SeriesLabelPosition::UpperRight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::charts::render;

    fn series(value: &str, points: &[(i32, f64)]) -> Series {
        Series {
            value: value.into(),
            points: points.to_vec(),
        }
    }

    #[test]
    fn each_value_gets_its_own_panel_named_by_it() {
        let chart = BreakdownChart {
            name: "msw-per-capita-by-1".into(),
            title: "Утворення відходів: за районами".into(),
            subtitle: "кг на особу".into(),
            warning: None,
            footer: "Джерело: тест".into(),
            lang: Lang::Uk,
            series: vec![
                series("Заріччя", &[(2020, 310.0), (2021, 295.5)]),
                series("Центр", &[(2021, 402.0)]),
                series("Озерна", &[(2019, 280.0), (2021, 260.0)]),
            ],
        };
        let drawn = render(&chart).unwrap();
        for name in ["Заріччя", "Центр", "Озерна"] {
            assert!(drawn.svg.contains(name), "{name} names its panel");
        }
        assert!(
            drawn.svg.contains("295,5"),
            "the latest value, written the Ukrainian way"
        );
        assert!(!drawn.png.is_empty());
        let nothing = BreakdownChart {
            series: Vec::new(),
            ..chart
        };
        assert!(render(&nothing).is_ok(), "no series, no panels, no panic");
    }

    #[test]
    fn the_chosen_values_are_lines_named_in_the_legend() {
        let chart = LinesChart {
            title: "Утворення відходів".into(),
            subtitle: "кг на особу".into(),
            footer: "Джерело: тест".into(),
            lang: Lang::Uk,
            series: vec![
                series("Заріччя", &[(2020, 310.0), (2021, 295.5)]),
                series("Центр", &[(2020, 402.0), (2021, 390.0)]),
            ],
        };
        let svg = crate::report::charts::render_svg(&chart).unwrap();
        assert!(svg.contains("Заріччя") && svg.contains("Центр"));
    }
}
