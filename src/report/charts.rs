//! The report's charts, drawn with plotters into PNG and SVG from one drawing function each, with
//! the shipped Noto Sans (Cyrillic), so they look the same on every machine.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::BackendCoord;

use super::typeset::{Typeset, font_bytes};
use crate::i18n::{Lang, format_number};
use crate::indicators::{Direction, Indicator};

/// Every chart's size in pixels: readable on a screen, sharp enough on A4 paper.
pub const SIZE: (u32, u32) = (960, 540);

const FONT: &str = "sans-serif";

// One palette for every chart: calm, printable, and distinct for colour-blind readers (the
// series is dark blue; benchmark bands are pale and always named in the legend).
const INK: RGBColor = RGBColor(33, 37, 41);
const MUTED: RGBColor = RGBColor(96, 103, 112);
const SERIES: RGBColor = RGBColor(23, 78, 166);
const TARGET: RGBColor = RGBColor(176, 42, 55);
const PACE: RGBColor = RGBColor(120, 120, 120);
const PREVIOUS: RGBColor = RGBColor(176, 186, 197);
const BAND_GREEN: RGBColor = RGBColor(214, 240, 214);
const BAND_AMBER: RGBColor = RGBColor(252, 238, 196);
const BAND_RED: RGBColor = RGBColor(248, 215, 218);
const GRID: RGBColor = RGBColor(222, 222, 222);
const LEGEND_BORDER: RGBColor = RGBColor(200, 200, 200);

/// A chart drawn into PNG bytes and SVG text.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub png: Vec<u8>,
    pub svg: String,
}

#[derive(Debug, thiserror::Error)]
#[error("chart \"{chart}\": {reason}")]
pub struct ChartError {
    pub chart: String,
    pub reason: String,
}

/// Something that can draw itself on any plotters backend.
pub trait Chart {
    /// A short name for error messages.
    fn name(&self) -> String;
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// Draws `chart` twice, into PNG and into SVG.
pub fn render(chart: &impl Chart) -> Result<Rendered, ChartError> {
    let failed = |reason: String| ChartError {
        chart: chart.name(),
        reason,
    };
    register_fonts().map_err(failed)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        chart.draw(&root).map_err(failed)?;
        root.present().map_err(|e| failed(e.to_string()))?;
    }
    let mut pixels = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = Typeset(BitMapBackend::with_buffer(&mut pixels, SIZE)).into_drawing_area();
        chart.draw(&root).map_err(failed)?;
        root.present().map_err(|e| failed(e.to_string()))?;
    }
    let png = encode_png(&pixels).map_err(failed)?;
    Ok(Rendered { png, svg })
}

fn register_fonts() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(FONT, FontStyle::Normal, font_bytes(false))
                .and_then(|()| {
                    plotters::style::register_font(FONT, FontStyle::Bold, font_bytes(true))
                })
                .map_err(|_| "the shipped font cannot be read".to_string())
        })
        .clone()
}

fn encode_png(rgb: &[u8]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, SIZE.0, SIZE.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Charts are flat colour: fast compression is nearly as small and several times quicker.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

fn font(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

fn bold(size: u32) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold).into_font().color(&INK)
}

/// A legend key for a line series: a short stroke in its colour and width.
fn line_key(colour: RGBColor, width: u32) -> impl Fn(BackendCoord) -> PathElement<BackendCoord> {
    move |(x, y)| PathElement::new([(x, y), (x + 16, y)], colour.stroke_width(width))
}

/// A legend key for bars and bands: a small filled box.
fn box_key(colour: RGBColor) -> impl Fn(BackendCoord) -> Rectangle<BackendCoord> {
    move |(x, y)| Rectangle::new([(x, y - 6), (x + 16, y + 6)], colour.filled())
}

/// The legend box every chart uses: named series, never colour alone.
fn draw_legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(LEGEND_BORDER)
        .label_font(font(14))
        .draw()
        .map_err(err)
}

/// Splits `text` into at most `max_lines` lines that fit `width` pixels; the last line ends in
/// "…" when the text is longer.
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: u32,
    max_lines: usize,
) -> Vec<String> {
    let fits = |line: &str| {
        area.estimate_text_size(line, style)
            .map(|(w, _)| w <= width)
            .unwrap_or(true)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(&format!("{last}…")) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The title block (bold, up to two lines), an optional red warning line, and the source line at
/// the bottom; returns the area left for the plot.
fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    warning: Option<&str>,
    footer: &str,
) -> Result<DrawingArea<DB, Shift>, String> {
    root.fill(&WHITE).map_err(err)?;
    let width = SIZE.0 - 48;
    let mut y = 16;
    for line in wrap(root, title, &bold(24), width, 2) {
        root.draw_text(&line, &bold(24), (24, y)).map_err(err)?;
        y += 32;
    }
    if !subtitle.is_empty() {
        root.draw_text(subtitle, &font(17).color(&MUTED), (24, y + 2))
            .map_err(err)?;
        y += 26;
    }
    if let Some(warning) = warning {
        root.draw_text(warning, &bold(17).color(&TARGET), (24, y + 2))
            .map_err(err)?;
        y += 26;
    }
    let footer_lines = wrap(root, footer, &font(14), width, 2);
    let footer_height = 8 + 20 * footer_lines.len() as i32;
    for (index, line) in footer_lines.iter().enumerate() {
        let top = SIZE.1 as i32 - footer_height + 20 * index as i32;
        root.draw_text(line, &font(14).color(&MUTED), (24, top))
            .map_err(err)?;
    }
    let (_, below_title) = root.split_vertically(y + 8);
    let plot_height = SIZE.1 as i32 - (y + 8) - footer_height - 4;
    let (plot, _) = below_title.split_vertically(plot_height.max(100));
    Ok(plot)
}

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

impl Chart for IndicatorChart<'_> {
    fn name(&self) -> String {
        self.indicator.id().to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let definition = &self.indicator.definition;
        let words = self.words;
        let lang = words.lang;
        let footer = format!("{}: {}", words.source, definition.source);
        let warning = definition.example.then_some(words.example.as_str());
        let area = frame(
            root,
            definition.name.get(lang),
            &self.unit,
            warning,
            &footer,
        )?;

        let rows: Vec<(i32, Option<f64>)> = yearly_rows(self.indicator);
        let values: Vec<f64> = rows.iter().filter_map(|(_, v)| *v).collect();
        let target = definition.target;
        let mut years: Vec<i32> = rows.iter().map(|(y, _)| *y).collect();
        if let Some(t) = target {
            years.push(t.year);
        }
        let (first_year, last_year) = match (years.iter().min(), years.iter().max()) {
            (Some(a), Some(b)) => (*a, *b),
            _ => return Ok(()),
        };
        // The thresholds belong on the axis too, or a reader never sees where the bands change.
        let mut span: Vec<f64> = values.clone();
        span.extend(target.map(|t| t.value));
        if let Some(benchmark) = definition.benchmark {
            span.extend([benchmark.green, benchmark.red]);
        }
        let (y_low, y_high) = value_range(&span);
        let x_range = (f64::from(first_year) - 0.5)..(f64::from(last_year) + 0.5);

        let mut chart = ChartBuilder::on(&area)
            .margin_left(12)
            .margin_right(28)
            .margin_top(6)
            .x_label_area_size(34)
            .y_label_area_size(76)
            .build_cartesian_2d(x_range.clone(), y_low..y_high)
            .map_err(err)?;

        // Benchmark bands behind everything, each named in the legend, never colour alone.
        if let Some(benchmark) = definition.benchmark {
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
                            [(x_range.start, from), (x_range.end, to)],
                            colour.filled(),
                        )))
                        .map_err(err)?
                        .label(label.as_str())
                        .legend(box_key(colour));
                }
            }
        }

        let decimals = decimals_of(&values);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .x_labels(((last_year - first_year + 1) as usize).min(12))
            .x_label_formatter(&|x| {
                if (x.round() - x).abs() < 1e-6 {
                    format!("{:.0}", x)
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| format_number(*y, axis_decimals(y_low, y_high), lang))
            .label_style(font(15))
            .draw()
            .map_err(err)?;

        // The line breaks where a year has no value, so a gap is never drawn over.
        let mut segments: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        let mut previous_year: Option<i32> = None;
        for (year, value) in &rows {
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
        let mut labelled = false;
        for segment in segments.into_iter().filter(|s| !s.is_empty()) {
            let series = chart
                .draw_series(LineSeries::new(segment.clone(), SERIES.stroke_width(3)))
                .map_err(err)?;
            if !labelled {
                series
                    .label(words.observed.as_str())
                    .legend(line_key(SERIES, 3));
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
        if let Some(&(year, value)) = self.indicator.headline().last() {
            let label = format_number(value, decimals, lang);
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
        }

        if let Some(t) = target {
            let point = (f64::from(t.year), t.value);
            let text = format!(
                "{} {}: {}",
                words.target,
                t.year,
                format_number(t.value, decimals_of(&[t.value]), lang)
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
        }

        // A falling line leaves the upper right free, a rising one the upper left.
        let falling = match (values.first(), values.last()) {
            (Some(first), Some(last)) => last < first,
            _ => false,
        };
        let corner = if falling {
            SeriesLabelPosition::UpperRight
        } else {
            SeriesLabelPosition::UpperLeft
        };
        draw_legend(&mut chart, corner)?;
        Ok(())
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
fn value_range(values: &[f64]) -> (f64, f64) {
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
fn axis_decimals(low: f64, high: f64) -> usize {
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
fn decimals_of(values: &[f64]) -> usize {
    values
        .iter()
        .map(|v| {
            let text = format!("{v}");
            text.split_once('.').map_or(0, |(_, f)| f.len().min(2))
        })
        .max()
        .unwrap_or(0)
}

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
        draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}

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
        draw_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}

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
        // The first item on the top row: plotters counts rows from the bottom.
        let row = |i: usize| (rows - 1 - i) as f64;
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
        let (_, top) = labels_area.get_base_pixel();
        for (i, (name, bin, _, _)) in self.items.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, row(i)));
            let y = y - top;
            let name_line = wrap(&labels_area, name, &bold(15), 310, 1).join("");
            let bin_line = wrap(&labels_area, &format!("› {bin}"), &font(13), 310, 1).join("");
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
    fn decimals_follow_the_data() {
        assert_eq!(decimals_of(&[1.0, 2.0]), 0);
        assert_eq!(decimals_of(&[1.5, 2.25]), 2);
        assert_eq!(decimals_of(&[1.123456]), 2);
    }
}
