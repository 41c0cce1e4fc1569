//! The text and JSON answers of `indicators list`, `indicators progress`, and what `report` and
//! `export` wrote.

use fluent_bundle::FluentValue;

use super::Format;
use super::show::print_json;
use crate::centre::indicators::{ListRow, ProgressRow};
use crate::i18n::{Words, format_number};
use crate::indicators::Indicator;
use crate::report::{IndicatorWords, Loaded, Written};

/// `indicators list`.
pub fn list(words: &Words, loaded: &Loaded, format: Format) {
    let indicators = &loaded.catalogue.indicators;
    match format {
        Format::Json => {
            let rows: Vec<ListRow<'_>> = indicators.iter().map(ListRow::from).collect();
            print_json(&rows);
            print_trailer(words, loaded);
        }
        Format::Text => {
            let header = [
                words.text("table-id"),
                words.text("table-psr"),
                words.text("table-unit"),
                words.text("table-better"),
                words.text("table-data"),
                words.text("table-name"),
            ];
            let rows: Vec<Vec<String>> = indicators
                .iter()
                .map(|indicator| {
                    let d = &indicator.definition;
                    vec![
                        indicator.id().to_string(),
                        words.psr_word(d.psr),
                        words.term("unit", &d.unit),
                        words.better_word(d.direction),
                        data_cell(words, indicator),
                        name_cell(words, indicator),
                    ]
                })
                .collect();
            println!("{}", aligned(&header, &rows));
            print_trailer(words, loaded);
        }
    }
}

/// `indicators progress`.
pub fn progress(words: &Words, loaded: &Loaded, format: Format) {
    let indicators = &loaded.catalogue.indicators;
    match format {
        Format::Json => {
            let rows: Vec<ProgressRow<'_>> = indicators.iter().map(ProgressRow::from).collect();
            print_json(&rows);
            print_trailer(words, loaded);
        }
        Format::Text => {
            let header = [
                words.text("table-id"),
                words.text("table-latest"),
                words.text("table-light"),
                words.text("table-progress"),
                words.text("table-score"),
                words.text("table-name"),
            ];
            let rows: Vec<Vec<String>> = indicators
                .iter()
                .map(|indicator| {
                    let progress = &indicator.progress;
                    vec![
                        indicator.id().to_string(),
                        latest_cell(words, indicator),
                        words.light_word(indicator.traffic_light),
                        match progress.unmeasurable {
                            // Say why, briefly: a guide to what the department can fix.
                            Some(reason) => format!(
                                "{} ({})",
                                words.status_word(progress.status),
                                words.text(&format!("why-{}", reason.code()))
                            ),
                            None => words.status_word(progress.status),
                        },
                        progress
                            .score
                            .map(|s| format_number(s, 2, words.lang))
                            .unwrap_or_else(|| "–".into()),
                        name_cell(words, indicator),
                    ]
                })
                .collect();
            println!("{}", aligned(&header, &rows));
            print_trailer(words, loaded);
        }
    }
}

/// What `report` or `export` wrote, and what it left out.
pub fn written(
    words: &Words,
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
                .map(|p| serde_json::json!({ "path": p.path.display().to_string(), "reason": p.render(words.lang) }))
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
                words.say(
                    summary_id,
                    &[
                        ("files", FluentValue::from(written.files.len())),
                        ("path", written.main.display().to_string().into()),
                    ],
                )
            );
            for problem in &written.skipped {
                eprintln!("{}: {}", words.text("skipped"), problem.render(words.lang));
            }
            for file in &written.removed {
                eprintln!(
                    "{}",
                    words.say(
                        "export-removed-old",
                        &[("file", file.display().to_string().into())]
                    )
                );
            }
            print_trailer(words, loaded);
        }
    }
}

/// Files left out, and why the centre's figures are missing, on standard error (so JSON on
/// standard output stays clean).
fn print_trailer(words: &Words, loaded: &Loaded) {
    for problem in &loaded.catalogue.skipped {
        eprintln!("{}: {}", words.text("skipped"), problem.render(words.lang));
    }
    if let Some(missing) = &loaded.centre_missing {
        eprintln!("{}", words.of(missing));
    }
    if loaded
        .catalogue
        .indicators
        .iter()
        .any(|i| i.definition.example)
    {
        eprintln!("{}", words.text("example-note"));
    }
}

fn name_cell(words: &Words, indicator: &Indicator) -> String {
    let name = indicator.definition.name.get(words.lang).to_string();
    if indicator.definition.example {
        format!("{name} [{}]", words.text("example-mark"))
    } else {
        name
    }
}

fn data_cell(words: &Words, indicator: &Indicator) -> String {
    let years = indicator.headline();
    let from = if indicator.definition.derived.is_some() {
        format!("{}: ", words.text("data-from-store"))
    } else {
        String::new()
    };
    match (years.first(), years.last()) {
        (Some((first, _)), Some((last, _))) if first == last => format!("{from}{first}"),
        (Some((first, _)), Some((last, _))) => format!("{from}{first}–{last}"),
        _ => format!("{from}{}", words.text("data-none")),
    }
}

fn latest_cell(words: &Words, indicator: &Indicator) -> String {
    words
        .latest(indicator)
        .unwrap_or_else(|| words.text("data-none"))
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
