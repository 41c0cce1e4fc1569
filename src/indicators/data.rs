use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::{Problem, Problems, csv_error, read_text_file};
use crate::i18n::Text;

/// The largest value an observation, target, limit or threshold may have, either way: far beyond
/// any city figure, and small enough that charts and growth rates stay finite.
pub const MAX_VALUE: f64 = 1e15;

/// One row of an indicator's data file.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    pub year: i32,
    /// Disaggregation column → value; blank cells are left out, so the headline row has none.
    pub disaggregation: BTreeMap<String, String>,
    pub units: Option<String>,
    /// Where this value comes from (the optional `Source` column); blank cells are `None`.
    pub source: Option<String>,
    /// `None` is a missing observation (a blank Value cell).
    pub value: Option<f64>,
}

impl Observation {
    pub fn is_headline(&self) -> bool {
        self.disaggregation.is_empty()
    }
}

/// An indicator's data file: `Year,[disaggregation columns...],[Units],[Source],Value`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub disaggregation_columns: Vec<String>,
    pub has_units: bool,
    /// The file has a `Source` column (it is not a disaggregation).
    pub has_source: bool,
    pub rows: Vec<Observation>,
}

impl Dataset {
    /// The headline series: rows whose disaggregation cells are all blank, by year, values present.
    pub fn headline(&self) -> Vec<(i32, f64)> {
        let mut series: Vec<(i32, f64)> = self
            .rows
            .iter()
            .filter(|row| row.is_headline())
            .filter_map(|row| row.value.map(|value| (row.year, value)))
            .collect();
        series.sort_by_key(|(year, _)| *year);
        series
    }
}

/// The first year an observation may have; the last is the current year.
pub const FIRST_YEAR: i32 = 1900;

/// Reads and checks a data file; `last_year` is the current year (no observation lies ahead).
pub fn read_csv(path: &Path, last_year: i32) -> Result<Dataset, Problems> {
    let text = read_text_file(path)?;
    parse_csv(path, &text, last_year)
}

/// The column names the data file gives a meaning (any other is a disaggregation).
pub const RESERVED_COLUMNS: [&str; 4] = ["Year", "Units", "Source", "Value"];

/// Parses the data file's text, reporting every bad cell by line and column. Years run from
/// [`FIRST_YEAR`] to `last_year` (the current year).
pub fn parse_csv(path: &Path, text: &str, last_year: i32) -> Result<Dataset, Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(csv_problem(path, &err).into()),
        None => {
            return Err(
                Problem::in_file(path, Text::new("файл порожній", "the file is empty")).into(),
            );
        }
    };
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_string()).collect();
    let find = |name: &str| columns.iter().position(|c| c.eq_ignore_ascii_case(name));
    let mut problems = Vec::new();
    let year_column = find("Year");
    let value_column = find("Value");
    for (name, found) in [("Year", year_column), ("Value", value_column)] {
        if found.is_none() {
            problems.push(Problem::at_line(
                path,
                1,
                Text::new(
                    format!(
                        "у заголовку немає стовпця {name} (потрібно Year,[розрізи...],[Units],[Source],Value; знайдено {})",
                        columns.join(",")
                    ),
                    format!(
                        "the header has no {name} column (expected Year,[disaggregations...],[Units],[Source],Value; found {})",
                        columns.join(",")
                    ),
                ),
            ));
        }
    }
    let (Some(year_column), Some(value_column)) = (year_column, value_column) else {
        return Err(Problems(problems));
    };
    let units_column = find("Units");
    let source_column = find("Source");
    for (index, name) in columns.iter().enumerate() {
        if name.is_empty() {
            problems.push(Problem::at(
                path,
                1,
                index + 1,
                Text::new("порожня клітинка в заголовку", "a header cell is empty"),
            ));
        } else if columns[..index]
            .iter()
            .any(|earlier| earlier.eq_ignore_ascii_case(name))
        {
            problems.push(Problem::at(
                path,
                1,
                index + 1,
                Text::new(
                    format!("стовпець \"{name}\" повторюється"),
                    format!("column \"{name}\" appears twice"),
                ),
            ));
        }
    }
    let disaggregation_columns: Vec<(usize, String)> = columns
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            ![
                Some(year_column),
                Some(value_column),
                units_column,
                source_column,
            ]
            .contains(&Some(*index))
        })
        .map(|(index, name)| (index, name.clone()))
        .collect();

    let mut rows = Vec::new();
    let mut first_line_of: HashMap<(i32, BTreeMap<String, String>), u64> = HashMap::new();
    let mut lines = crate::diagnostics::CsvLines::new(text);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(csv_problem(path, &err));
                continue;
            }
        };
        let line = lines.line(record.position());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != columns.len() {
            problems.push(Problem::at_line(path, line, {
                let more = record.len() > columns.len();
                Text::new(
                    format!(
                        "клітинок у рядку: {}, а в заголовку: {}{}",
                        record.len(),
                        columns.len(),
                        if more {
                            " (кома всередині числа? дробову частину відокремлюйте крапкою: 12.5)"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "the row has {} cells but the header has {}{}",
                        record.len(),
                        columns.len(),
                        if more {
                            " (a comma inside a number? write decimals with a dot: 12.5)"
                        } else {
                            ""
                        }
                    ),
                )
            }));
            continue;
        }
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        let year = match cell(year_column).parse::<i32>() {
            Ok(year) if (FIRST_YEAR..=last_year).contains(&year) => Some(year),
            Ok(year) => {
                problems.push(Problem::at(
                    path,
                    line,
                    year_column + 1,
                    Text::new(
                        format!("Year {year} поза межами {FIRST_YEAR}–{last_year} (до поточного року)"),
                        format!(
                            "Year {year} is outside {FIRST_YEAR}–{last_year} (up to the current year)"
                        ),
                    ),
                ));
                None
            }
            Err(_) => {
                problems.push(Problem::at(
                    path,
                    line,
                    year_column + 1,
                    Text::new(
                        format!(
                            "Year \"{}\" — це не рік (потрібно, наприклад, 2024)",
                            cell(year_column)
                        ),
                        format!("Year \"{}\" is not a year like 2024", cell(year_column)),
                    ),
                ));
                None
            }
        };
        let value = match parse_value(cell(value_column)) {
            Ok(value) => value,
            Err(message) => {
                problems.push(Problem::at(path, line, value_column + 1, message));
                continue;
            }
        };
        let Some(year) = year else { continue };
        let disaggregation: BTreeMap<String, String> = disaggregation_columns
            .iter()
            .filter(|(index, _)| !cell(*index).is_empty())
            .map(|(index, name)| (name.clone(), cell(*index).to_string()))
            .collect();
        let key = (year, disaggregation.clone());
        if let Some(first) = first_line_of.get(&key) {
            let (series_uk, series_en) = if disaggregation.is_empty() {
                ("основному ряді", "the headline series")
            } else {
                ("цьому розрізі", "this disaggregation")
            };
            problems.push(Problem::at(
                path,
                line,
                year_column + 1,
                Text::new(
                    format!("рік {year} повторюється в {series_uk} (уперше в рядку {first})"),
                    format!("year {year} appears twice in {series_en} (first on line {first})"),
                ),
            ));
            continue;
        }
        first_line_of.insert(key, line as u64);
        rows.push(Observation {
            year,
            disaggregation,
            units: units_column
                .map(|i| cell(i).to_string())
                .filter(|u| !u.is_empty()),
            source: source_column
                .map(|i| cell(i).to_string())
                .filter(|s| !s.is_empty()),
            value,
        });
    }
    if problems.is_empty() && rows.is_empty() {
        problems.push(Problem::in_file(
            path,
            Text::new(
                "у файлі є заголовок, але немає рядків із даними",
                "the file has a header but no rows of data",
            ),
        ));
    } else if problems.is_empty() && rows.iter().all(|row| row.value.is_none()) {
        problems.push(Problem::in_file(
            path,
            Text::new(
                "усі Value порожні: немає чого показувати (не додавайте файл, доки не з’являться дані)",
                "every Value is blank: there is nothing to show (leave the file out until data arrives)",
            ),
        ));
    }
    if problems.is_empty() {
        Ok(Dataset {
            disaggregation_columns: disaggregation_columns
                .into_iter()
                .map(|(_, name)| name)
                .collect(),
            has_units: units_column.is_some(),
            has_source: source_column.is_some(),
            rows,
        })
    } else {
        Err(Problems(problems))
    }
}

pub(crate) fn parse_value(cell: &str) -> Result<Option<f64>, Text> {
    if cell.is_empty() {
        return Ok(None);
    }
    let finite = |text: &str| text.parse::<f64>().ok().filter(|v| v.is_finite());
    match finite(cell) {
        Some(value) if value.abs() <= MAX_VALUE => Ok(Some(value)),
        Some(_) => Err(Text::new(
            format!(
                "Value \"{cell}\" поза допустимими межами (за модулем не більше {MAX_VALUE:e}; можливо, зайва цифра або не ті одиниці виміру?)"
            ),
            format!(
                "Value \"{cell}\" is out of range (at most {MAX_VALUE:e} either way; is a unit or a digit too many?)"
            ),
        )),
        None if cell.contains(',') && finite(&cell.replace(',', ".")).is_some() => {
            let dotted = cell.replace(',', ".");
            Err(Text::new(
                format!("у Value \"{cell}\" дробову частину відокремлено комою; напишіть {dotted}"),
                format!("Value \"{cell}\" uses a comma as the decimal separator; write {dotted}"),
            ))
        }
        None => Err(Text::new(
            format!(
                "Value \"{cell}\" — не число (для відсутнього значення залиште клітинку порожньою)"
            ),
            format!("Value \"{cell}\" is not a number (leave the cell blank for a missing value)"),
        )),
    }
}

fn csv_problem(path: &Path, err: &csv::Error) -> Problem {
    let message = csv_error(err);
    match err.position() {
        Some(position) => Problem::at_line(path, position.line() as usize, message),
        None => Problem::in_file(path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_after_blank_lines_and_in_windows_files() {
        for text in [
            "Year,Value\r\n2023,10\r\n\r\n2024,lots\r\n",
            "Year,Value\n2023,10\n\n2024,lots\n",
        ] {
            let problems = parse(text).unwrap_err().to_string();
            assert!(
                problems.contains("data/x.csv:4:2: Value \"lots\""),
                "{problems}"
            );
        }
    }

    fn parse(text: &str) -> Result<Dataset, Problems> {
        parse_csv(Path::new("data/x.csv"), text, 2026)
    }

    fn messages(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn a_plain_series_parses_with_gaps() {
        let data = parse("Year,Value\n2020,5\n2021,\n2022,7.5\n").unwrap();
        assert_eq!(data.headline(), vec![(2020, 5.0), (2022, 7.5)]);
        assert_eq!(data.rows[1].value, None);
    }

    #[test]
    fn headline_rows_are_those_with_blank_disaggregations() {
        let data =
            parse("Year,District,Units,Value\n2020,,%,5\n2020,Center,%,9\n2021,,%,6\n").unwrap();
        assert_eq!(data.disaggregation_columns, vec!["District"]);
        assert!(data.has_units);
        assert_eq!(data.headline(), vec![(2020, 5.0), (2021, 6.0)]);
        assert_eq!(data.rows[0].units.as_deref(), Some("%"));
    }

    #[test]
    fn a_source_column_is_not_a_disaggregation() {
        let data =
            parse("Year,District,Units,Source,Value\n2020,,%,Stat office,5\n2021,,%,,6\n").unwrap();
        assert_eq!(data.disaggregation_columns, vec!["District"]);
        assert!(data.has_source);
        assert_eq!(data.rows[0].source.as_deref(), Some("Stat office"));
        assert_eq!(data.rows[1].source, None);
        assert_eq!(data.headline(), vec![(2020, 5.0), (2021, 6.0)]);
    }

    #[test]
    fn years_run_from_1900_to_the_current_year() {
        assert_eq!(
            parse("Year,Value\n1900,1\n2026,2\n").unwrap().headline(),
            vec![(1900, 1.0), (2026, 2.0)]
        );
        assert!(
            messages("Year,Value\n2027,1\n")
                .contains("data/x.csv:2:1: Year 2027 is outside 1900–2026")
        );
        assert!(messages("Year,Value\n1899,1\n").contains("Year 1899 is outside 1900–2026"));
    }

    #[test]
    fn bom_and_windows_line_ends_are_accepted() {
        let data = parse("\u{feff}Year,Value\r\n2020,5\r\n2021,6\r\n").unwrap();
        assert_eq!(data.headline(), vec![(2020, 5.0), (2021, 6.0)]);
    }

    #[test]
    fn a_bad_year_names_line_and_column() {
        assert!(messages("Year,Value\n2020,1\nabc,2\n").contains("data/x.csv:3:1: Year \"abc\""));
    }

    #[test]
    fn a_non_numeric_value_names_line_and_column() {
        assert!(
            messages("Year,Value\n2020,lots\n")
                .contains("data/x.csv:2:2: Value \"lots\" is not a number")
        );
    }

    #[test]
    fn not_a_number_infinity_and_huge_values_are_refused_plainly() {
        assert!(messages("Year,Value\n2020,NaN\n").contains("Value \"NaN\" is not a number"));
        assert!(messages("Year,Value\n2020,inf\n").contains("is not a number"));
        assert!(messages("Year,Value\n2020,1e400\n").contains("is not a number"));
        assert!(messages("Year,Value\n2020,1.7e308\n").contains("out of range"));
        assert_eq!(
            parse("Year,Value\n2020,-1e15\n").unwrap().headline(),
            vec![(2020, -1e15)]
        );
    }

    #[test]
    fn a_comma_decimal_is_explained() {
        assert!(messages("Year,Value\n2020,\"12,5\"\n").contains("write 12.5"));
        assert!(
            messages("Year,Value\n2020,12,5\n")
                .contains("data/x.csv:2: the row has 3 cells but the header has 2")
        );
    }

    #[test]
    fn a_short_row_is_reported() {
        assert!(
            messages("Year,Units,Value\n2020,%\n")
                .contains("data/x.csv:2: the row has 2 cells but the header has 3")
        );
    }

    #[test]
    fn a_duplicate_headline_year_is_reported() {
        let m = messages("Year,Value\n2020,1\n2020,2\n");
        assert!(
            m.contains(
                "data/x.csv:3:1: year 2020 appears twice in the headline series (first on line 2)"
            ),
            "{m}"
        );
    }

    #[test]
    fn missing_year_or_value_columns_are_reported() {
        assert!(
            messages("Yr,Value\n2020,1\n").contains("data/x.csv:1: the header has no Year column")
        );
        assert!(messages("Year,Amount\n2020,1\n").contains("the header has no Value column"));
    }

    #[test]
    fn every_bad_row_is_listed() {
        let problems = parse("Year,Value\nx,1\n2021,y\n2022,1,2\n").unwrap_err();
        assert_eq!(problems.0.len(), 3, "{problems}");
    }

    #[test]
    fn an_empty_file_is_reported() {
        assert!(messages("").contains("empty"));
    }

    #[test]
    fn a_header_without_rows_is_reported() {
        assert!(messages("Year,Value\n").contains("data/x.csv: the file has a header but no rows"));
    }

    #[test]
    fn all_missing_values_are_reported() {
        assert!(messages("Year,Value\n2020,\n2021,\n").contains("every Value is blank"));
    }
}
