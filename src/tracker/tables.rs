//! The text and JSON answers of `indicators list`, `indicators progress`, and what `report` and
//! `export` wrote.

use fluent_bundle::FluentValue;
use serde::Serialize;

use super::{Loaded, Tracker};
use crate::cli::print_json;
use crate::cli::{CliError, Format};
use crate::i18n::format_number;
use crate::indicators::{Direction, Indicator, Psr};
use crate::report::Written;

/// `indicators list`.
pub fn indicators_list(tracker: &Tracker, format: Format) -> Result<(), CliError> {
    let loaded = tracker.load()?;
    let indicators = &loaded.catalogue.indicators;
    match format {
        Format::Json => {
            let rows: Vec<ListRow<'_>> = indicators.iter().map(ListRow::from).collect();
            print_json(&rows);
            print_trailer(tracker, &loaded);
        }
        Format::Text => {
            let header = [
                tracker.text("table-id"),
                tracker.text("table-psr"),
                tracker.text("table-unit"),
                tracker.text("table-better"),
                tracker.text("table-data"),
                tracker.text("table-name"),
            ];
            let rows: Vec<Vec<String>> = indicators
                .iter()
                .map(|indicator| {
                    let d = &indicator.definition;
                    vec![
                        indicator.id().to_string(),
                        tracker.psr_word(d.psr),
                        tracker.term("unit", &d.unit),
                        tracker.better_word(d.direction),
                        data_cell(tracker, indicator),
                        name_cell(tracker, indicator),
                    ]
                })
                .collect();
            println!("{}", aligned(&header, &rows));
            print_trailer(tracker, &loaded);
        }
    }
    Ok(())
}

/// `indicators progress`.
pub fn indicators_progress(tracker: &Tracker, format: Format) -> Result<(), CliError> {
    let loaded = tracker.load()?;
    let indicators = &loaded.catalogue.indicators;
    match format {
        Format::Json => {
            let rows: Vec<ProgressRow<'_>> = indicators.iter().map(ProgressRow::from).collect();
            print_json(&rows);
            print_trailer(tracker, &loaded);
        }
        Format::Text => {
            let header = [
                tracker.text("table-id"),
                tracker.text("table-latest"),
                tracker.text("table-light"),
                tracker.text("table-progress"),
                tracker.text("table-score"),
                tracker.text("table-name"),
            ];
            let rows: Vec<Vec<String>> = indicators
                .iter()
                .map(|indicator| {
                    let progress = &indicator.progress;
                    vec![
                        indicator.id().to_string(),
                        latest_cell(tracker, indicator),
                        tracker.light_word(indicator.traffic_light),
                        match progress.unmeasurable {
                            // Say why, briefly: a guide to what the department can fix.
                            Some(reason) => format!(
                                "{} ({})",
                                tracker.status_word(progress.status),
                                tracker.text(&format!("why-{}", reason.code()))
                            ),
                            None => tracker.status_word(progress.status),
                        },
                        progress
                            .score
                            .map(|s| format_number(s, 2, tracker.lang))
                            .unwrap_or_else(|| "–".into()),
                        name_cell(tracker, indicator),
                    ]
                })
                .collect();
            println!("{}", aligned(&header, &rows));
            print_trailer(tracker, &loaded);
        }
    }
    Ok(())
}

/// What `report` or `export` wrote, and what it left out.
pub(super) fn print_written(
    tracker: &Tracker,
    loaded: &Loaded,
    written: &Written,
    format: Format,
    summary_id: &str,
) {
    match format {
        Format::Json => {
            let skipped: Vec<serde_json::Value> = loaded
                .catalogue
                .skipped
                .iter()
                .chain(&written.skipped)
                .map(|p| serde_json::json!({ "path": p.path.display().to_string(), "reason": p.render(tracker.lang) }))
                .collect();
            print_json(&serde_json::json!({
                "out": written.out.display().to_string(),
                "files": written.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
                "skipped": skipped,
                "removed": written.removed.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            }));
        }
        Format::Text => {
            println!(
                "{}",
                tracker.say(
                    summary_id,
                    &[
                        ("files", FluentValue::from(written.files.len())),
                        ("path", written.main.display().to_string().into()),
                    ],
                )
            );
            for problem in &written.skipped {
                eprintln!(
                    "{}: {}",
                    tracker.text("skipped"),
                    problem.render(tracker.lang)
                );
            }
            for file in &written.removed {
                eprintln!(
                    "{}",
                    tracker.say(
                        "export-removed-old",
                        &[("file", file.display().to_string().into())]
                    )
                );
            }
            print_trailer(tracker, loaded);
        }
    }
}

/// Files left out, and why the centre's figures are missing, on standard error (so JSON on
/// standard output stays clean).
fn print_trailer(tracker: &Tracker, loaded: &Loaded) {
    for problem in &loaded.catalogue.skipped {
        eprintln!(
            "{}: {}",
            tracker.text("skipped"),
            problem.render(tracker.lang)
        );
    }
    if let Some(note) = &loaded.centre_note {
        eprintln!("{note}");
    }
    if loaded
        .catalogue
        .indicators
        .iter()
        .any(|i| i.definition.example)
    {
        eprintln!("{}", tracker.text("example-note"));
    }
}

fn name_cell(tracker: &Tracker, indicator: &Indicator) -> String {
    let name = indicator.definition.name.get(tracker.lang).to_string();
    if indicator.definition.example {
        format!("{name} [{}]", tracker.text("example-mark"))
    } else {
        name
    }
}

fn data_cell(tracker: &Tracker, indicator: &Indicator) -> String {
    let years = indicator.headline();
    let from = if indicator.definition.derived.is_some() {
        format!("{}: ", tracker.text("data-from-store"))
    } else {
        String::new()
    };
    match (years.first(), years.last()) {
        (Some((first, _)), Some((last, _))) if first == last => format!("{from}{first}"),
        (Some((first, _)), Some((last, _))) => format!("{from}{first}–{last}"),
        _ => format!("{from}{}", tracker.text("data-none")),
    }
}

fn latest_cell(tracker: &Tracker, indicator: &Indicator) -> String {
    tracker
        .latest(indicator)
        .unwrap_or_else(|| tracker.text("data-none"))
}

/// Columns padded to their widest cell (counted in characters), two spaces apart; the last
/// column is not padded, so a long name never pushes the others.
fn aligned(header: &[String], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths = vec![0usize; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (index, cell) in row.iter().enumerate() {
            widths[index] = widths[index].max(cell.chars().count());
        }
    }
    let line = |row: &[String]| {
        let mut out = String::new();
        for (index, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if index + 1 < columns {
                let pad = widths[index] - cell.chars().count() + 2;
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.trim_end().to_string()
    };
    let mut lines = vec![line(header)];
    lines.extend(rows.iter().map(|row| line(row)));
    lines.join("\n")
}

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    name: &'a crate::i18n::Text,
    sector: &'a str,
    psr: Psr,
    unit: &'a str,
    direction: Direction,
    base_year: i32,
    target: Option<crate::indicators::Target>,
    limit: Option<f64>,
    benchmark: Option<crate::indicators::Benchmark>,
    source: &'a str,
    derived: Option<crate::indicators::Derived>,
    example: bool,
    years: Vec<i32>,
}

impl<'a> From<&'a Indicator> for ListRow<'a> {
    fn from(indicator: &'a Indicator) -> Self {
        let d = &indicator.definition;
        ListRow {
            id: &d.id,
            name: &d.name,
            sector: &d.sector,
            psr: d.psr,
            unit: &d.unit,
            direction: d.direction,
            base_year: d.base_year(),
            target: d.target,
            limit: d.limit,
            benchmark: d.benchmark,
            source: &d.source,
            derived: d.derived,
            example: d.example,
            years: indicator.headline().iter().map(|(year, _)| *year).collect(),
        }
    }
}

/// The contract's object, plus `example` and, when not available, the `reason`.
#[derive(Serialize)]
struct ProgressRow<'a> {
    id: &'a str,
    status: &'static str,
    score: Option<f64>,
    progress_value: Option<f64>,
    base_year: Option<i32>,
    base_value: Option<f64>,
    current_year: Option<i32>,
    current_value: Option<f64>,
    traffic_light: &'static str,
    example: bool,
    reason: Option<&'static str>,
}

impl<'a> From<&'a Indicator> for ProgressRow<'a> {
    fn from(indicator: &'a Indicator) -> Self {
        let p = &indicator.progress;
        ProgressRow {
            id: &indicator.definition.id,
            status: p.status.code(),
            score: p.score,
            progress_value: p.progress_value,
            base_year: p.base_year,
            base_value: p.base_value,
            current_year: p.current_year,
            current_value: p.current_value,
            traffic_light: indicator.traffic_light.code(),
            example: indicator.definition.example,
            reason: p.unmeasurable.map(|u| u.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reason_and_light_has_words_in_both_languages() {
        use crate::i18n::{Lang, Messages};
        use crate::indicators::{Status, TrafficLight, Unmeasurable};
        let messages = Messages::new();
        let mut ids: Vec<String> = Unmeasurable::ALL
            .iter()
            .flat_map(|u| {
                [
                    format!("why-{}", u.code()),
                    format!("report-unmeasurable-{}", u.code()),
                ]
            })
            .collect();
        ids.extend(Status::ALL.iter().map(|s| format!("progress-{}", s.code())));
        ids.extend(
            [
                TrafficLight::Green,
                TrafficLight::Amber,
                TrafficLight::Red,
                TrafficLight::None,
            ]
            .iter()
            .map(|l| format!("light-{}", l.code())),
        );
        for lang in Lang::ALL {
            for id in &ids {
                assert_ne!(
                    &messages.text(lang, id),
                    id,
                    "{id} missing in {}",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn columns_align_on_characters_not_bytes() {
        let header = vec!["id".to_string(), "світло".to_string(), "name".to_string()];
        let rows = vec![
            vec!["a".to_string(), "зелений".to_string(), "Частка".to_string()],
            vec!["long-id".to_string(), "ні".to_string(), "x".to_string()],
        ];
        let text = aligned(&header, &rows);
        let lines: Vec<&str> = text.lines().collect();
        let name_at = |line: &str, name: &str| line.chars().count() - name.chars().count();
        assert_eq!(name_at(lines[0], "name"), name_at(lines[1], "Частка"));
        assert_eq!(name_at(lines[1], "Частка"), name_at(lines[2], "x"));
    }
}
