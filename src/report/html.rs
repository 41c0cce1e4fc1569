//! `report --out DIR`: index.html (minijinja, every text escaped) with a summary table, the
//! centre's section and a section per indicator; charts/*.png and charts/*.svg beside it.

use std::path::Path;

use fluent_bundle::FluentValue;
use serde::Serialize;

use super::charts::{
    self, ChartWords, IndicatorChart, MissedChart, MonthlyChart, PaceChart, ShareChart,
};
use super::{CentreYear, Loaded, ReportError};
use super::{OutputDir, Written};
use crate::content::Scenario;
use crate::diagnostics::Problem;
use crate::i18n::Words;
use crate::i18n::{Text, format_number, sensible_decimals};
use crate::indicators::{Direction, Indicator, monthly_accuracy};
use crate::report::IndicatorWords;
use crate::visitors::{YearPace, YearStatus};

const TEMPLATE: &str = include_str!("index.html");

/// How many of the most-missed items the centre's section shows.
const MISSED_SHOWN: usize = 10;

/// A chart plotters could not draw; its reason stays in plotters' own English.
fn chart_failed(reason: &str) -> Text {
    Text::new(
        format!("не вдалося намалювати графік: {reason}"),
        format!("the chart could not be drawn: {reason}"),
    )
}

/// The indicator's `series` (values of one disaggregation column, `column`) as lines on one chart,
/// SVG text; None when there is nothing to draw.
pub fn lines_svg(
    words: &Words,
    indicator: &Indicator,
    column: &str,
    series: Vec<crate::indicators::Series>,
) -> Option<String> {
    if series.is_empty() {
        return None;
    }
    let d = &indicator.definition;
    charts::render_svg(&charts::LinesChart {
        title: breakdown_title(words, indicator, column),
        subtitle: words.term("unit", &d.unit),
        footer: source_line(words, indicator),
        lang: words.lang,
        series,
    })
    .ok()
}

/// "Name: by «Column»", the title of an indicator's charts by one disaggregation column.
fn breakdown_title(words: &Words, indicator: &Indicator, column: &str) -> String {
    words.say(
        "report-breakdown-title",
        &[
            (
                "name",
                indicator.definition.name.get(words.lang).to_string().into(),
            ),
            ("column", column.to_string().into()),
        ],
    )
}

/// "Source: ...", the bottom line of an indicator's charts.
fn source_line(words: &Words, indicator: &Indicator) -> String {
    format!(
        "{}: {}",
        words.text("report-source"),
        indicator.definition.source
    )
}

/// An indicator's chart as SVG text, as the report draws it; None without a headline series.
pub fn indicator_svg(words: &Words, indicator: &Indicator) -> Option<String> {
    if indicator.headline().is_empty() {
        return None;
    }
    charts::render_svg(&IndicatorChart {
        indicator,
        unit: words.term("unit", &indicator.definition.unit),
        words: &chart_words(words),
    })
    .ok()
}

pub fn write_report(words: &Words, loaded: &Loaded, out: &Path) -> Result<Written, ReportError> {
    let mut env = minijinja::Environment::new();
    // The name ends in .html, so minijinja escapes every value for HTML.
    env.add_template("index.html", TEMPLATE)
        .map_err(|e| ReportError::Template(e.to_string()))?;
    let mut output = OutputDir::create(out)?;
    let mut skipped: Vec<Problem> = Vec::new();
    let drawn = chart_words(words);

    let mut sections = Vec::new();
    for indicator in &loaded.catalogue.indicators {
        // A file with only disaggregated rows has no headline to draw.
        let chart = if !indicator.headline().is_empty() {
            match charts::render(&IndicatorChart {
                indicator,
                unit: words.term("unit", &indicator.definition.unit),
                words: &drawn,
            }) {
                Ok(rendered) => Some(write_chart(&mut output, indicator.id(), &rendered)?),
                Err(e) => {
                    skipped.push(Problem::in_file(
                        &indicator.definition_path,
                        chart_failed(&e.to_string()),
                    ));
                    None
                }
            }
        } else {
            skipped.push(Problem::in_file(
                &indicator.definition_path,
                Text::same(words.say(
                    "report-skipped-no-data",
                    &[("id", indicator.id().to_string().into())],
                )),
            ));
            None
        };
        let mut section = section(words, indicator, chart);
        section.breakdowns = breakdown_charts(words, indicator, &mut output, &mut skipped)?;
        sections.push(section);
    }

    let centre = match &loaded.centre {
        Some(centre) => Some(centre_section(words, centre, &mut output, &mut skipped)?),
        None => None,
    };

    let mut summary: Vec<SummaryRow> = loaded
        .catalogue
        .indicators
        .iter()
        .map(|indicator| summary_row(words, indicator))
        .collect();
    let mut previous_sector = None;
    for row in &mut summary {
        row.first_of_sector = previous_sector.as_ref() != Some(&row.sector);
        previous_sector = Some(row.sector.clone());
    }
    let left_out: Vec<String> = loaded
        .catalogue
        .skipped
        .iter()
        .chain(&skipped)
        .map(|p| p.render(words.lang))
        .collect();
    let page = Page {
        lang: words.lang.code(),
        title: words.text("report-title"),
        generated: words.say(
            "report-generated",
            &[("date", words.date(loaded.today).into())],
        ),
        any_example: loaded
            .catalogue
            .indicators
            .iter()
            .any(|i| i.definition.example),
        words: PageWords::new(words),
        summary,
        sections,
        centre,
        centre_note: loaded.centre_missing.as_ref().map(|m| words.of(m)),
        left_out,
    };
    let html = env
        .get_template("index.html")
        .and_then(|t| t.render(&page))
        .map_err(|e| ReportError::Template(e.to_string()))?;
    let main = output.write("index.html", html.as_bytes())?;
    Ok(Written {
        out: output.root().to_path_buf(),
        main,
        files: output.into_files(),
        skipped,
        removed: Vec::new(),
    })
}

fn write_chart(
    output: &mut OutputDir,
    name: &str,
    rendered: &charts::Rendered,
) -> Result<ChartFiles, ReportError> {
    let png = format!("charts/{name}.png");
    let svg = format!("charts/{name}.svg");
    output.write(&png, &rendered.png)?;
    output.write(&svg, rendered.svg.as_bytes())?;
    Ok(ChartFiles { png, svg })
}

fn chart_words(words: &Words) -> ChartWords {
    ChartWords {
        lang: words.lang,
        source: words.text("report-source"),
        target: words.text("report-target"),
        example: words.text("report-example-chart"),
        green: words.text("report-band-green"),
        amber: words.text("report-band-amber"),
        red: words.text("report-band-red"),
        observed: words.text("report-observed"),
        year: words.text("report-year"),
    }
}

#[derive(Serialize)]
struct Page {
    lang: &'static str,
    title: String,
    generated: String,
    any_example: bool,
    words: PageWords,
    summary: Vec<SummaryRow>,
    sections: Vec<Section>,
    centre: Option<CentreSection>,
    centre_note: Option<String>,
    left_out: Vec<String>,
}

/// Every fixed word of the page, in the reader's language.
#[derive(Serialize)]
struct PageWords {
    summary: String,
    indicator: String,
    sector: String,
    psr: String,
    psr_short: String,
    latest: String,
    light: String,
    progress: String,
    score: String,
    example_banner: String,
    example_badge: String,
    no_data: String,
    centre_title: String,
    centre_intro: String,
    missed_title: String,
    stations_title: String,
    stations_station: String,
    stations_answers: String,
    stations_first_try: String,
    missed_item: String,
    missed_bin: String,
    missed_count: String,
    year: String,
    value: String,
    units: String,
    details: String,
    chart_svg: String,
    data_table: String,
    left_out: String,
    method_title: String,
    method: String,
    light_legend: String,
    contents: String,
    footer: String,
}

impl PageWords {
    fn new(t: &Words) -> Self {
        PageWords {
            summary: t.text("report-summary"),
            indicator: t.text("report-indicator"),
            sector: t.text("report-sector"),
            psr: t.text("report-psr"),
            psr_short: t.text("report-psr-short"),
            latest: t.text("report-latest"),
            light: t.text("report-light"),
            progress: t.text("report-progress"),
            score: t.text("report-score"),
            example_banner: t.text("report-example-banner"),
            example_badge: t.text("example-mark"),
            no_data: t.text("data-none"),
            centre_title: t.text("report-centre-title"),
            centre_intro: t.text("report-centre-intro"),
            missed_title: t.text("report-missed-title"),
            stations_title: t.text("report-stations-title"),
            stations_station: t.text("report-stations-station"),
            stations_answers: t.text("report-stations-answers"),
            stations_first_try: t.text("report-stations-first-try"),
            missed_item: t.text("report-missed-item"),
            missed_bin: t.text("report-missed-bin"),
            missed_count: t.text("report-missed-count"),
            year: t.text("report-year"),
            value: t.text("report-value"),
            units: t.text("report-units"),
            details: t.text("report-details"),
            chart_svg: t.text("report-chart-svg"),
            data_table: t.text("report-data-table"),
            left_out: t.text("report-left-out"),
            method_title: t.text("report-method-title"),
            method: t.text("report-method"),
            light_legend: t.text("report-light-legend"),
            contents: t.text("report-contents"),
            footer: t.text("report-footer"),
        }
    }
}

#[derive(Serialize)]
struct SummaryRow {
    id: String,
    name: String,
    sector: String,
    /// The table shows a sector heading above the first row of each sector.
    first_of_sector: bool,
    psr: String,
    example: bool,
    latest: Option<String>,
    light: &'static str,
    light_word: String,
    status: &'static str,
    status_word: String,
    score: Option<String>,
}

#[derive(Serialize)]
struct ChartFiles {
    png: String,
    svg: String,
}

#[derive(Serialize)]
struct Section {
    id: String,
    name: String,
    example: bool,
    facts: Vec<(String, String)>,
    progress_sentence: String,
    light: &'static str,
    light_word: String,
    status: &'static str,
    status_word: String,
    chart: Option<ChartFiles>,
    chart_alt: String,
    /// One small-multiples chart per disaggregation column with data.
    breakdowns: Vec<BreakdownFiles>,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct BreakdownFiles {
    files: ChartFiles,
    alt: String,
}

/// The indicator by each of its disaggregation columns, as small multiples (Open SDG's filter, on
/// paper): written beside the headline chart; one that cannot be drawn is said and skipped.
fn breakdown_charts(
    words: &Words,
    indicator: &Indicator,
    output: &mut OutputDir,
    skipped: &mut Vec<Problem>,
) -> Result<Vec<BreakdownFiles>, ReportError> {
    let d = &indicator.definition;
    let lang = words.lang;
    let mut drawn = Vec::new();
    for (index, column) in indicator
        .dataset
        .breakdown_columns()
        .into_iter()
        .enumerate()
    {
        let series = indicator.dataset.breakdown(column);
        let title = breakdown_title(words, indicator, column);
        let mut subtitle = words.term("unit", &d.unit);
        if series.len() > charts::MAX_PANELS {
            subtitle = words.say(
                "report-breakdown-some",
                &[
                    ("unit", subtitle.into()),
                    ("shown", charts::MAX_PANELS.into()),
                    ("count", series.len().into()),
                ],
            );
        }
        let chart = charts::BreakdownChart {
            name: format!("{}-by-{}", indicator.id(), index + 1),
            title: title.clone(),
            subtitle,
            warning: d.example.then(|| words.text("report-example-chart")),
            footer: source_line(words, indicator),
            lang,
            series,
        };
        match charts::render(&chart) {
            Ok(rendered) => drawn.push(BreakdownFiles {
                files: write_chart(output, &charts::Chart::name(&chart), &rendered)?,
                alt: title,
            }),
            Err(e) => skipped.push(Problem::in_file(
                &indicator.definition_path,
                chart_failed(&e.to_string()),
            )),
        }
    }
    Ok(drawn)
}

#[derive(Serialize)]
struct CentreChart {
    files: ChartFiles,
    alt: String,
}

#[derive(Serialize)]
struct CentreSection {
    status_lines: Vec<String>,
    pace: &'static str,
    pace_word: String,
    charts: Vec<CentreChart>,
    missed: Vec<(String, String, String)>,
    /// Station, answers, share right at the first try.
    stations: Vec<(String, String, String)>,
}

fn summary_row(words: &Words, indicator: &Indicator) -> SummaryRow {
    let d = &indicator.definition;
    SummaryRow {
        id: d.id.clone(),
        name: d.name.get(words.lang).to_string(),
        sector: words.term("sector", &d.sector),
        first_of_sector: false,
        psr: words.psr_word(d.psr),
        example: d.example,
        latest: words.latest(indicator),
        light: indicator.traffic_light.code(),
        light_word: words.light_word(indicator.traffic_light),
        status: indicator.progress.status.code(),
        status_word: words.status_word(indicator.progress.status),
        score: indicator
            .progress
            .score
            .map(|s| format_number(s, 2, words.lang)),
    }
}

fn section(words: &Words, indicator: &Indicator, chart: Option<ChartFiles>) -> Section {
    let d = &indicator.definition;
    let lang = words.lang;
    let mut facts = vec![
        (words.text("report-unit"), words.term("unit", &d.unit)),
        (words.text("report-sector"), words.term("sector", &d.sector)),
        (words.text("report-psr"), words.psr_word(d.psr)),
        (words.text("report-better"), words.better_word(d.direction)),
        (words.text("report-base-year"), d.base_year().to_string()),
    ];
    if let Some(target) = d.target {
        facts.push((
            words.text("report-target"),
            format!("{} ({})", words.value(target.value, &d.unit), target.year),
        ));
    }
    if let Some(limit) = d.limit {
        facts.push((words.text("report-limit"), words.value(limit, &d.unit)));
    }
    if let Some(benchmark) = d.benchmark {
        let sign = match d.direction {
            Direction::Higher => ("≥", "<"),
            Direction::Lower => ("≤", ">"),
        };
        let bands = words.say(
            "report-benchmark-bands",
            &[
                (
                    "green",
                    format!("{} {}", sign.0, words.value(benchmark.green, &d.unit)).into(),
                ),
                (
                    "red",
                    format!("{} {}", sign.1, words.value(benchmark.red, &d.unit)).into(),
                ),
            ],
        );
        let source = d
            .benchmark_source
            .clone()
            .unwrap_or_else(|| words.text("report-benchmark-unverified"));
        facts.push((words.text("report-benchmark"), format!("{bands}. {source}")));
    }
    facts.push((words.text("report-source"), d.source.clone()));
    let origin = match (&d.derived, &indicator.data_path) {
        (Some(_), _) => words.text("report-data-from-store"),
        (None, Some(path)) => path
            .file_name()
            .map(|n| format!("data/{}", n.to_string_lossy()))
            .unwrap_or_default(),
        (None, None) => words.text("data-none"),
    };
    facts.push((words.text("report-data-file"), origin));

    let mut columns = vec![words.text("report-year")];
    columns.extend(indicator.dataset.disaggregation_columns.iter().cloned());
    if indicator.dataset.has_units {
        columns.push(words.text("report-units"));
    }
    if indicator.dataset.has_source {
        columns.push(words.text("report-source"));
    }
    columns.push(words.text("report-value"));
    let rows: Vec<Vec<String>> = indicator
        .dataset
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.year.to_string()];
            for column in &indicator.dataset.disaggregation_columns {
                cells.push(row.disaggregation.get(column).cloned().unwrap_or_default());
            }
            if indicator.dataset.has_units {
                cells.push(row.units.clone().unwrap_or_default());
            }
            if indicator.dataset.has_source {
                cells.push(row.source.clone().unwrap_or_default());
            }
            cells.push(
                row.value
                    .map(|v| format_number(v, sensible_decimals(v), lang))
                    .unwrap_or_else(|| "—".into()),
            );
            cells
        })
        .collect();

    let p = &indicator.progress;
    let progress_sentence = match (p.base_year, p.base_value, p.current_year, p.current_value) {
        (Some(by), Some(bv), Some(cy), Some(cv)) if p.unmeasurable.is_none() => words.say(
            "report-progress-sentence",
            &[
                ("base", words.value(bv, &d.unit).into()),
                ("baseyear", FluentValue::from(by.to_string())),
                ("current", words.value(cv, &d.unit).into()),
                ("currentyear", FluentValue::from(cy.to_string())),
                (
                    "status",
                    words.text(&format!("progress-{}", p.status.code())).into(),
                ),
            ],
        ),
        _ => words.text(&format!(
            "report-unmeasurable-{}",
            p.unmeasurable.map_or("no_data", |u| u.code())
        )),
    };
    Section {
        id: d.id.clone(),
        name: d.name.get(lang).to_string(),
        example: d.example,
        facts,
        progress_sentence,
        light: indicator.traffic_light.code(),
        light_word: words.light_word(indicator.traffic_light),
        status: p.status.code(),
        status_word: words.status_word(p.status),
        chart,
        chart_alt: words.say(
            "report-chart-alt",
            &[("name", d.name.get(lang).to_string().into())],
        ),
        breakdowns: Vec::new(),
        columns,
        rows,
    }
}

/// The no-show rate as a percentage, or "–" before any booked group came or missed.
pub fn no_show_words(words: &Words, rate: Option<f64>) -> String {
    rate.map_or_else(
        || "–".to_string(),
        |rate| words.number(rate * 100.0, 0) + " %",
    )
}

fn month_names(words: &Words) -> [String; 12] {
    std::array::from_fn(|m| words.text(&format!("month-short-{}", m + 1)))
}

fn pace_title(words: &Words, year: i32) -> String {
    words.say(
        "report-pace-title",
        &[("year", FluentValue::from(year.to_string()))],
    )
}

/// The year's pace against the target: the report's chart, and the server's *Year* page's.
fn pace_chart(words: &Words, status: &YearStatus, pace: &YearPace, footer: String) -> PaceChart {
    let whole = |v: f64| FluentValue::from(format_number(v, 0, words.lang));
    PaceChart {
        title: pace_title(words, status.year),
        subtitle: words.text("report-pace-subtitle"),
        footer,
        lang: words.lang,
        year: status.year,
        target: f64::from(status.target),
        target_label: words.say(
            "report-pace-target",
            &[("target", whole(f64::from(status.target)))],
        ),
        actual_label: words.text("report-pace-actual"),
        pace_label: words.text("report-pace-expected"),
        actual: pace.actual.iter().map(|(d, v)| (*d, *v as f64)).collect(),
        expected: pace.expected.clone(),
        secured: pace.secured.clone(),
        secured_label: words.text("report-pace-secured"),
        months: month_names(words),
    }
}

/// The year's pace chart as SVG text (the server's *Year* page shows it).
pub fn pace_svg(words: &Words, status: &YearStatus, pace: &YearPace) -> Option<String> {
    charts::render_svg(&pace_chart(
        words,
        status,
        pace,
        words.text("report-centre-footer"),
    ))
    .ok()
}

fn centre_section(
    words: &Words,
    centre: &CentreYear,
    output: &mut OutputDir,
    skipped: &mut Vec<Problem>,
) -> Result<CentreSection, ReportError> {
    let lang = words.lang;
    let status = &centre.status;
    let year = status.year;
    let whole = |v: f64| FluentValue::from(format_number(v, 0, lang));
    let status_lines = vec![
        words.say(
            "report-centre-to-date",
            &[
                ("count", whole(status.visitors_to_date as f64)),
                ("target", whole(f64::from(status.target))),
                ("date", words.date(status.as_of).into()),
            ],
        ),
        words.say(
            "report-centre-expected",
            &[("expected", whole(status.expected_to_date))],
        ),
        words.say(
            "report-centre-projected",
            &[("projected", whole(status.projected_year_end))],
        ),
        words.say(
            "report-centre-required",
            &[("required", whole(status.required_per_operating_day as f64))],
        ),
    ];
    let mut status_lines = status_lines;
    if status.booked_ahead > 0 || status.no_show_rate.is_some() {
        status_lines.push(words.say(
            "report-centre-secured",
            &[
                ("booked", whole(status.booked_ahead as f64)),
                ("rate", no_show_words(words, status.no_show_rate).into()),
                ("secured", whole(status.secured_year_end)),
            ],
        ));
    }
    let footer = words.text("report-centre-footer");
    let months = month_names(words);
    let mut charts_out = Vec::new();
    let mut add = |name: &str,
                   alt: String,
                   rendered: Result<charts::Rendered, charts::ChartError>,
                   output: &mut OutputDir,
                   skipped: &mut Vec<Problem>|
     -> Result<(), ReportError> {
        match rendered {
            Ok(r) => {
                charts_out.push(CentreChart {
                    files: write_chart(output, name, &r)?,
                    alt,
                });
            }
            Err(e) => skipped.push(Problem::in_file(
                Path::new(name),
                chart_failed(&e.to_string()),
            )),
        }
        Ok(())
    };

    let pace_title = pace_title(words, year);
    let pace = pace_chart(words, &centre.status, &centre.pace, footer.clone());
    add(
        "centre/pace",
        pace_title,
        charts::render(&pace),
        output,
        skipped,
    )?;

    let monthly = |y: i32| -> [f64; 12] {
        let months = centre.figures.visitors_in(y);
        std::array::from_fn(|m| months[m].visitors as f64)
    };
    let previous = monthly(year - 1);
    let months_title = words.say(
        "report-months-title",
        &[("year", FluentValue::from(year.to_string()))],
    );
    let by_month = MonthlyChart {
        title: months_title.clone(),
        subtitle: words.text("report-months-subtitle"),
        footer: footer.clone(),
        lang,
        months: months.clone(),
        this_year: (year.to_string(), monthly(year)),
        previous_year: previous
            .iter()
            .any(|v| *v > 0.0)
            .then(|| ((year - 1).to_string(), previous)),
        percent: false,
    };
    add(
        "centre/months",
        months_title,
        charts::render(&by_month),
        output,
        skipped,
    )?;

    let accuracy = monthly_accuracy(&centre.figures.answers_by_month);
    if !accuracy.is_empty() {
        let title = words.text("report-accuracy-title");
        let chart = ShareChart {
            title: title.clone(),
            subtitle: words.text("report-accuracy-subtitle"),
            footer: footer.clone(),
            lang,
            label: words.text("report-accuracy-label"),
            points: accuracy
                .iter()
                .map(|(y, m, v)| {
                    (
                        format!("{} {y}", months[(*m as usize).saturating_sub(1).min(11)]),
                        *v,
                    )
                })
                .collect(),
        };
        add(
            "centre/accuracy",
            title,
            charts::render(&chart),
            output,
            skipped,
        )?;
    }

    let scenario = bundled_scenario();
    let item_name = |id: &str| {
        scenario
            .as_ref()
            .and_then(|s| s.item(id))
            .map_or_else(|| id.to_string(), |i| i.name.get(lang).to_string())
    };
    let bin_name = |id: &str| {
        scenario
            .as_ref()
            .and_then(|s| s.bin(id))
            .map_or_else(|| id.to_string(), |b| b.name.get(lang).to_string())
    };
    let missed: Vec<(String, String, u64, u64)> = centre
        .figures
        .missed_items
        .iter()
        .take(MISSED_SHOWN)
        .map(|m| {
            (
                item_name(&m.item),
                bin_name(&m.right_bin),
                m.missed,
                m.answers,
            )
        })
        .collect();
    if !missed.is_empty() {
        let title = words.say(
            "report-missed-chart-title",
            &[("year", FluentValue::from(year.to_string()))],
        );
        let chart = MissedChart {
            title: title.clone(),
            subtitle: words.text("report-missed-subtitle"),
            footer,
            lang,
            items: missed.clone(),
        };
        add(
            "centre/missed",
            title,
            charts::render(&chart),
            output,
            skipped,
        )?;
    }
    Ok(CentreSection {
        status_lines,
        pace: status.status.as_str(),
        pace_word: words.text(&format!("pace-{}", status.status.as_str())),
        charts: charts_out,
        missed: missed
            .into_iter()
            .map(|(item, bin, m, a)| (item, bin, format!("{m} / {a}")))
            .collect(),
        stations: centre
            .figures
            .by_station
            .iter()
            .filter(|s| s.answers > 0)
            .map(|s| {
                let share = s.first_try_right as f64 / s.answers as f64 * 100.0;
                (
                    s.station.clone(),
                    format_number(s.answers as f64, 0, lang),
                    format!("{} %", format_number(share, 0, lang)),
                )
            })
            .collect(),
    })
}

/// The bundled scenario, for the names of items and bins the store knows by id.
fn bundled_scenario() -> Option<Scenario> {
    let path = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
    crate::content::load(&path, &crate::content::assets_dir_for(&path)).ok()
}
