//! The report's charts, drawn with plotters into PNG and SVG from one drawing function each, with
//! the shipped Noto Sans (Cyrillic), so they look the same on every machine.
//!
//! This file holds what every chart shares: the size, palette and fonts, the [`Chart`] trait and
//! [`render`], legend keys, and the frame (title, warning, source line). Each chart kind lives in
//! its own file: [`IndicatorChart`] (an indicator over the years), [`BreakdownChart`] (an indicator
//! by one disaggregation column, small multiples), [`PaceChart`] (the centre's
//! year so far against its target), [`MonthlyChart`] (bars by month), [`ShareChart`] (first-try
//! accuracy by month) and [`MissedChart`] (the items most often put in a wrong bin).

mod accuracy;
mod breakdown;
mod indicator;
mod missed;
mod months;
mod pace;

use std::sync::OnceLock;

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters_backend::BackendCoord;

use super::typeset::{Typeset, font_bytes};

pub use accuracy::ShareChart;
pub use breakdown::{BreakdownChart, LinesChart, MAX_PANELS};
pub use indicator::{ChartWords, IndicatorChart};
pub use missed::MissedChart;
pub use months::MonthlyChart;
pub use pace::PaceChart;

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
/// The year end the bookings secure.
const SECURED: RGBColor = RGBColor(29, 120, 70);
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

/// Draws `chart` into SVG only (a page shows it; no PNG is needed).
pub fn render_svg(chart: &impl Chart) -> Result<String, ChartError> {
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
    Ok(svg)
}

/// Draws `chart` twice, into PNG and into SVG.
pub fn render(chart: &impl Chart) -> Result<Rendered, ChartError> {
    let failed = |reason: String| ChartError {
        chart: chart.name(),
        reason,
    };
    let svg = render_svg(chart)?;
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
