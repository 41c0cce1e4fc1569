//! One observation written into an indicator's data file: the file's text with that row added,
//! corrected or blanked and every other row kept as it was. Pure: the caller reads the file,
//! checks the whole result with [`parse_csv`] (exactly as `check` does) and writes it.

use std::collections::BTreeMap;
use std::path::Path;

use super::data::{Dataset, RESERVED_COLUMNS, parse_csv};
use crate::diagnostics::{Problem, Problems};
use crate::i18n::Text;

/// An observation as a person gave it: the year and value as typed (so that `check`'s own words
/// say what is wrong with them), the disaggregation (blank cells left out: the headline series).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    pub year: String,
    pub disaggregation: BTreeMap<String, String>,
    /// None keeps the row's units (a new row's stay blank).
    pub units: Option<String>,
    /// None keeps the row's source (a new row's stays blank).
    pub source: Option<String>,
    /// Blank: the observation is missing (the row stays, its Value blank).
    pub value: String,
}

/// Which of the observation's fields a problem is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditField {
    Year,
    Value,
    Units,
    Source,
    /// A disaggregation column, by its name.
    Disaggregation(String),
}

impl EditField {
    /// The name the API and the form use: `year`, `value`, `units`, `source`,
    /// `disaggregation.COLUMN`.
    pub fn name(&self) -> String {
        match self {
            EditField::Year => "year".into(),
            EditField::Value => "value".into(),
            EditField::Units => "units".into(),
            EditField::Source => "source".into(),
            EditField::Disaggregation(column) => format!("disaggregation.{column}"),
        }
    }
}

/// The file as it would be after the edit, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Edited {
    pub text: String,
    /// The data as `check` reads the new text.
    pub dataset: Dataset,
    /// The row's index in `dataset.rows`.
    pub row: usize,
    /// The value the row had before (None: blank, or no such row yet).
    pub old: Option<f64>,
    /// The row was there before.
    pub existed: bool,
}

/// Why the edit cannot be written: `check`'s problems with the resulting file, each with the
/// observation's field it is about when it is about the edited row.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub problems: Problems,
    pub fields: Vec<Option<EditField>>,
}

impl Refused {
    fn one(problem: Problem, field: EditField) -> Self {
        Refused {
            problems: problem.into(),
            fields: vec![Some(field)],
        }
    }

    /// The first problem's field, if any.
    pub fn field(&self) -> Option<&EditField> {
        self.fields.iter().flatten().next()
    }
}

/// Applies `edit` to the data file `path` whose text is `existing` (None: no file yet, it is
/// created with the columns the edit needs) and checks the whole result as `check` does.
pub fn apply_edit(
    path: &Path,
    existing: Option<&str>,
    edit: &Edit,
    last_year: i32,
) -> Result<Edited, Refused> {
    for column in edit.disaggregation.keys() {
        let reserved = RESERVED_COLUMNS
            .iter()
            .any(|name| name.eq_ignore_ascii_case(column.trim()));
        if column.trim().is_empty() || reserved || column.trim() != column {
            return Err(Refused::one(
                Problem::in_file(
                    path,
                    Text::new(
                        format!(
                            "«{column}» не може бути назвою розрізу (назви {} зайняті; без пробілів на краях)",
                            RESERVED_COLUMNS.join(", ")
                        ),
                        format!(
                            "\"{column}\" cannot name a disaggregation ({} are taken; no spaces at either end)",
                            RESERVED_COLUMNS.join(", ")
                        ),
                    ),
                ),
                EditField::Disaggregation(column.clone()),
            ));
        }
    }
    let existing = existing.filter(|text| !text.trim_start_matches('\u{feff}').trim().is_empty());
    // A file `check` refuses as it stands may still be mended by this edit (a header without
    // rows); whatever stays wrong is reported below, from the whole result.
    let before = existing.and_then(|text| parse_csv(path, text, last_year).ok());
    let bom = existing.is_some_and(|text| text.starts_with('\u{feff}'));
    let windows = existing.is_some_and(|text| text.contains("\r\n"));
    let mut records: Vec<Vec<String>> = match existing {
        Some(text) => raw_rows(text).into_iter().map(|row| row.cells).collect(),
        None => vec![vec!["Year".to_string(), "Value".to_string()]],
    };
    if records.is_empty() {
        records.push(vec!["Year".to_string(), "Value".to_string()]);
    }

    // The columns the edit needs: new disaggregations before Units, Source and Value, Units
    // before Source and Value, Source just before Value.
    let find = |records: &[Vec<String>], name: &str| {
        records[0]
            .iter()
            .position(|c| c.trim().eq_ignore_ascii_case(name))
    };
    let mut disaggregation: BTreeMap<String, String> = BTreeMap::new();
    for (column, value) in &edit.disaggregation {
        if value.trim().is_empty() {
            continue;
        }
        let name = match records[0]
            .iter()
            .find(|c| c.trim().eq_ignore_ascii_case(column))
        {
            Some(found) => found.trim().to_string(),
            None => {
                let at = ["Units", "Source", "Value"]
                    .iter()
                    .filter_map(|name| find(&records, name))
                    .min()
                    .unwrap_or(records[0].len());
                insert_column(&mut records, at, column);
                column.clone()
            }
        };
        disaggregation.insert(name, value.trim().to_string());
    }
    let wanted = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    if wanted(&edit.units) && find(&records, "Units").is_none() {
        let at = ["Source", "Value"]
            .iter()
            .filter_map(|name| find(&records, name))
            .min()
            .unwrap_or(records[0].len());
        insert_column(&mut records, at, "Units");
    }
    if wanted(&edit.source) && find(&records, "Source").is_none() {
        let at = find(&records, "Value").unwrap_or(records[0].len());
        insert_column(&mut records, at, "Source");
    }
    let header = records[0].clone();
    let (Some(year_column), Some(value_column)) = (find(&records, "Year"), find(&records, "Value"))
    else {
        // Said by `check`'s own words.
        let problems = parse_csv(path, &write_records(&records, bom, windows), last_year)
            .err()
            .unwrap_or_default();
        let fields = vec![None; problems.0.len()];
        return Err(Refused { problems, fields });
    };
    let units_column = find(&records, "Units");
    let source_column = find(&records, "Source");
    let disaggregation_columns: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            ![
                Some(year_column),
                Some(value_column),
                units_column,
                source_column,
            ]
            .contains(&Some(*i))
        })
        .map(|(i, name)| (i, name.trim().to_string()))
        .collect();

    let year = edit.year.trim();
    let year_number = year.parse::<i32>().ok();
    let same_series = |record: &[String]| {
        disaggregation_columns.iter().all(|(i, name)| {
            record.get(*i).map_or("", |c| c.trim()) == disaggregation.get(name).map_or("", |v| v)
        })
    };
    let year_of = |record: &[String]| {
        record
            .get(year_column)
            .and_then(|c| c.trim().parse::<i32>().ok())
    };
    let found = records.iter().enumerate().skip(1).position(|(_, record)| {
        year_number.is_some() && year_of(record) == year_number && same_series(record)
    });
    let index = match found {
        Some(position) => position + 1,
        None => {
            let mut record = vec![String::new(); header.len()];
            record[year_column] = year.to_string();
            for (i, name) in &disaggregation_columns {
                if let Some(value) = disaggregation.get(name) {
                    record[*i] = value.clone();
                }
            }
            // Before the series' first later year, else after its last row, else at the end.
            let series: Vec<usize> = (1..records.len())
                .filter(|&i| same_series(&records[i]))
                .collect();
            let later =
                series
                    .iter()
                    .copied()
                    .find(|&i| match (year_of(&records[i]), year_number) {
                        (Some(theirs), Some(ours)) => theirs > ours,
                        _ => false,
                    });
            let at = later.unwrap_or_else(|| series.last().map_or(records.len(), |&i| i + 1));
            records.insert(at, record);
            at
        }
    };
    let record = &mut records[index];
    record[value_column] = edit.value.trim().to_string();
    if let (Some(units), Some(i)) = (&edit.units, units_column) {
        record[i] = units.trim().to_string();
    }
    if let (Some(source), Some(i)) = (&edit.source, source_column) {
        record[i] = source.trim().to_string();
    }

    let text = write_records(&records, bom, windows);
    let line = index + 1;
    let dataset = parse_csv(path, &text, last_year).map_err(|problems| {
        let fields = problems
            .0
            .iter()
            .map(|problem| {
                if problem.line != Some(line) {
                    return None;
                }
                let column = problem.column?.checked_sub(1)?;
                Some(match column {
                    c if c == year_column => EditField::Year,
                    c if c == value_column => EditField::Value,
                    c if Some(c) == units_column => EditField::Units,
                    c if Some(c) == source_column => EditField::Source,
                    c => EditField::Disaggregation(header.get(c)?.trim().to_string()),
                })
            })
            .collect();
        Refused { problems, fields }
    })?;
    let key = year_number.unwrap_or_default();
    let row = dataset
        .rows
        .iter()
        .position(|row| row.year == key && row.disaggregation == disaggregation)
        .unwrap_or_default();
    let old = before.as_ref().and_then(|before| {
        before
            .rows
            .iter()
            .find(|row| row.year == key && row.disaggregation == disaggregation)
            .and_then(|row| row.value)
    });
    Ok(Edited {
        text,
        dataset,
        row,
        old,
        existed: found.is_some(),
    })
}

/// The value stored now for `year` in the series `disaggregation` (blank cells left out).
pub fn stored_value(
    dataset: &Dataset,
    year: i32,
    disaggregation: &BTreeMap<String, String>,
) -> Option<f64> {
    dataset
        .rows
        .iter()
        .find(|row| row.year == year && &row.disaggregation == disaggregation)
        .and_then(|row| row.value)
}

/// The series' latest earlier value, when `value` is more than three times it or under a third
/// of it: worth a second look before it is saved. Only against a positive earlier value.
pub fn implausible(
    dataset: &Dataset,
    year: i32,
    disaggregation: &BTreeMap<String, String>,
    value: f64,
) -> Option<(i32, f64)> {
    let previous = dataset
        .rows
        .iter()
        .filter(|row| row.year < year && &row.disaggregation == disaggregation)
        .filter_map(|row| row.value.map(|v| (row.year, v)))
        .max_by_key(|(year, _)| *year)?;
    let (_, before) = previous;
    (before > 0.0 && (value > 3.0 * before || value < before / 3.0)).then_some(previous)
}

/// One record of a data file as written, with the line it starts on (the header is line 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
}

impl RawRow {
    /// The record as the file writes it (cells quoted where they need it).
    pub fn text(&self) -> String {
        row_text(&self.cells)
    }
}

/// Cells as one CSV line.
pub fn row_text(cells: &[String]) -> String {
    cells
        .iter()
        .map(|cell| quoted(cell))
        .collect::<Vec<_>>()
        .join(",")
}

/// Every record of a data file's text with its line, as `check` numbers lines: what the page
/// shows of a file `check` refuses, so that the person can correct the row it names.
pub fn raw_rows(text: &str) -> Vec<RawRow> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = crate::diagnostics::CsvLines::new(text);
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|record| !record.iter().all(|cell| cell.trim().is_empty()))
        .map(|record| RawRow {
            line: lines.line(record.position()),
            cells: record.iter().map(str::to_string).collect(),
        })
        .collect()
}

/// One row of a data file as a person corrected it: the line it starts on, the row as they saw
/// it, and its new cells (every one blank removes the row).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowChange {
    pub line: usize,
    pub expected: Vec<String>,
    pub cells: Vec<String>,
}

/// One corrected row of [`RowsFixed`].
#[derive(Clone, Debug, PartialEq)]
pub struct RowFixed {
    pub old: RawRow,
    /// None: the row was removed.
    pub new: Option<Vec<String>>,
    /// The corrected row's index in the new dataset's rows (None: removed, or the header).
    pub row: Option<usize>,
}

/// A data file with rows corrected by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct RowsFixed {
    pub text: String,
    pub dataset: Dataset,
    pub rows: Vec<RowFixed>,
}

/// Replaces the records that start on the changes' lines of `text` with their new cells (every
/// cell blank removes a record), all at once, and checks the whole result as `check` does: a file
/// `check` refused is accepted once the corrections mend it, and refused with the problems that
/// remain otherwise. When a record is not the one the person saw any more (or its line is gone),
/// the answer is Err(that line).
pub fn replace_rows(
    path: &Path,
    text: &str,
    changes: &[RowChange],
    last_year: i32,
) -> Result<Result<RowsFixed, Refused>, usize> {
    let bom = text.starts_with('\u{feff}');
    let windows = text.contains("\r\n");
    let rows = raw_rows(text);
    // Each record: its cells now (None: removed), and the change that touched it.
    let mut records: Vec<(Option<Vec<String>>, Option<usize>)> = rows
        .iter()
        .map(|row| (Some(row.cells.clone()), None))
        .collect();
    for (n, change) in changes.iter().enumerate() {
        let index = rows
            .iter()
            .position(|row| row.line == change.line)
            .filter(|&i| rows[i].cells == change.expected && records[i].1.is_none())
            .ok_or(change.line)?;
        let removed = change.cells.iter().all(|cell| cell.trim().is_empty());
        records[index] = (
            (!removed).then(|| change.cells.iter().map(|c| c.trim().to_string()).collect()),
            Some(n),
        );
    }
    let mut fixed: Vec<Option<RowFixed>> = vec![None; changes.len()];
    let mut kept: Vec<Vec<String>> = Vec::new();
    for (i, (cells, change)) in records.into_iter().enumerate() {
        let row = cells.as_ref().map(|_| kept.len());
        if let Some(n) = change {
            fixed[n] = Some(RowFixed {
                old: rows[i].clone(),
                new: cells.clone(),
                row: row.and_then(|r| r.checked_sub(1)),
            });
        }
        if let Some(cells) = cells {
            kept.push(cells);
        }
    }
    let text = write_records(&kept, bom, windows);
    Ok(match parse_csv(path, &text, last_year) {
        Ok(dataset) => {
            // `check` keeps every record, blank values too, in the file's order.
            let rows = fixed
                .into_iter()
                .flatten()
                .map(|mut f| {
                    f.row = f.row.filter(|&r| r < dataset.rows.len());
                    f
                })
                .collect();
            Ok(RowsFixed {
                text,
                dataset,
                rows,
            })
        }
        Err(problems) => {
            let fields = vec![None; problems.0.len()];
            Err(Refused { problems, fields })
        }
    })
}

fn insert_column(records: &mut [Vec<String>], at: usize, name: &str) {
    for (i, record) in records.iter_mut().enumerate() {
        let at = at.min(record.len());
        record.insert(
            at,
            if i == 0 {
                name.to_string()
            } else {
                String::new()
            },
        );
    }
}

fn write_records(records: &[Vec<String>], bom: bool, windows: bool) -> String {
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    let end = if windows { "\r\n" } else { "\n" };
    for record in records {
        let cells: Vec<String> = record.iter().map(|cell| quoted(cell)).collect();
        text.push_str(&cells.join(","));
        text.push_str(end);
    }
    text
}

/// A cell as CSV writes it: in quotes when it holds a comma, a quote, a line end or spaces at
/// either end.
fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) || cell.trim() != cell {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(year: &str, value: &str) -> Edit {
        Edit {
            year: year.into(),
            value: value.into(),
            ..Edit::default()
        }
    }

    fn apply(existing: Option<&str>, edit: &Edit) -> Result<Edited, Refused> {
        apply_edit(Path::new("data/x.csv"), existing, edit, 2026)
    }

    #[test]
    fn a_missing_file_is_created_with_the_columns_needed() {
        let mut e = edit("2024", "12.5");
        e.source = Some("Облстат".into());
        let done = apply(None, &e).unwrap();
        assert_eq!(done.text, "Year,Source,Value\n2024,Облстат,12.5\n");
        assert_eq!(done.old, None);
        assert!(!done.existed);
        assert_eq!(done.dataset.rows[done.row].value, Some(12.5));
    }

    #[test]
    fn a_value_is_corrected_in_place_and_other_rows_kept() {
        let text =
            "\u{feff}Year,District,Units,Value\r\n2020,,%,5.0\r\n2021,,%,6\r\n2020,Центр,%,9\r\n";
        let done = apply(Some(text), &edit("2020", "7")).unwrap();
        assert_eq!(
            done.text,
            "\u{feff}Year,District,Units,Value\r\n2020,,%,7\r\n2021,,%,6\r\n2020,Центр,%,9\r\n"
        );
        assert_eq!(done.old, Some(5.0));
        assert!(done.existed);
    }

    #[test]
    fn a_new_year_goes_in_its_series_in_order() {
        let text = "Year,District,Value\n2020,,5\n2022,,6\n2020,Центр,9\n";
        let done = apply(Some(text), &edit("2021", "5.5")).unwrap();
        assert_eq!(
            done.text,
            "Year,District,Value\n2020,,5\n2021,,5.5\n2022,,6\n2020,Центр,9\n"
        );
        let mut e = edit("2021", "10");
        e.disaggregation.insert("district".into(), "Центр".into());
        let done = apply(Some(text), &e).unwrap();
        assert_eq!(
            done.text,
            "Year,District,Value\n2020,,5\n2022,,6\n2020,Центр,9\n2021,Центр,10\n"
        );
    }

    #[test]
    fn a_new_disaggregation_or_source_adds_its_column() {
        let text = "Year,Units,Value\n2020,t,5\n";
        let mut e = edit("2021", "3");
        e.disaggregation.insert("District".into(), "Захід".into());
        e.source = Some("ГУС".into());
        let done = apply(Some(text), &e).unwrap();
        assert_eq!(
            done.text,
            "Year,District,Units,Source,Value\n2020,,t,,5\n2021,Захід,,ГУС,3\n"
        );
        assert_eq!(done.dataset.disaggregation_columns, vec!["District"]);
    }

    #[test]
    fn a_blank_value_blanks_the_observation() {
        let done = apply(Some("Year,Value\n2020,5\n2021,6\n"), &edit("2021", "")).unwrap();
        assert_eq!(done.text, "Year,Value\n2020,5\n2021,\n");
        assert_eq!(done.old, Some(6.0));
        assert_eq!(done.dataset.rows[done.row].value, None);
    }

    #[test]
    fn checks_words_name_the_field() {
        let text = "Year,Value\n2020,5\n";
        let refused = apply(Some(text), &edit("2021", "12,5")).unwrap_err();
        assert_eq!(refused.field(), Some(&EditField::Value));
        assert!(
            refused.problems.to_string().contains(
                "data/x.csv:3:2: Value \"12,5\" uses a comma as the decimal separator; write 12.5"
            ),
            "{}",
            refused.problems
        );
        let refused = apply(Some(text), &edit("2021", "lots")).unwrap_err();
        assert!(refused.problems.to_string().contains("is not a number"));
        let refused = apply(Some(text), &edit("2027", "1")).unwrap_err();
        assert_eq!(refused.field(), Some(&EditField::Year));
        assert!(
            refused
                .problems
                .to_string()
                .contains("Year 2027 is outside 1900–2026")
        );
        let refused = apply(Some(text), &edit("twenty", "1")).unwrap_err();
        assert_eq!(refused.field(), Some(&EditField::Year));
    }

    #[test]
    fn a_reserved_name_is_no_disaggregation() {
        let mut e = edit("2021", "1");
        e.disaggregation.insert("source".into(), "x".into());
        let refused = apply(None, &e).unwrap_err();
        assert_eq!(
            refused.field(),
            Some(&EditField::Disaggregation("source".into()))
        );
    }

    #[test]
    fn a_jump_beyond_three_times_either_way_is_implausible() {
        let data = parse_csv(
            Path::new("x.csv"),
            "Year,District,Value\n2020,,10\n2021,,\n2022,Центр,1\n",
            2026,
        )
        .unwrap();
        let headline = BTreeMap::new();
        assert_eq!(
            implausible(&data, 2023, &headline, 31.0),
            Some((2020, 10.0))
        );
        assert_eq!(implausible(&data, 2023, &headline, 3.2), Some((2020, 10.0)));
        assert_eq!(implausible(&data, 2023, &headline, 30.0), None);
        assert_eq!(implausible(&data, 2023, &headline, 3.4), None);
        assert_eq!(
            implausible(&data, 2020, &headline, 100.0),
            None,
            "no earlier year"
        );
        let centre = BTreeMap::from([("District".to_string(), "Центр".to_string())]);
        assert_eq!(implausible(&data, 2023, &centre, 4.0), Some((2022, 1.0)));
    }

    #[test]
    fn a_header_without_rows_gets_its_first_row() {
        let done = apply(Some("Year,Value\n"), &edit("2021", "1")).unwrap();
        assert_eq!(done.text, "Year,Value\n2021,1\n");
    }

    #[test]
    fn a_broken_file_is_refused_with_its_own_problems() {
        let refused = apply(Some("Year,Value\nabc,1\n"), &edit("2021", "1")).unwrap_err();
        assert_eq!(refused.field(), None);
        assert!(
            refused
                .problems
                .to_string()
                .contains("data/x.csv:2:1: Year \"abc\"")
        );
    }

    #[test]
    fn a_row_check_refuses_is_corrected_or_refused_with_what_remains() {
        let path = Path::new("data/x.csv");
        let text = "Year,Value\r\n2023,10\r\n\r\n2024,lots\r\nabc,1\r\n";
        let rows = raw_rows(text);
        let lines: Vec<usize> = rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
        assert_eq!(rows[2].text(), "2024,lots");
        let seen = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let change = |line: usize, expected: &[&str], cells: &[&str]| RowChange {
            line,
            expected: seen(expected),
            cells: seen(cells),
        };
        // Line 4 mended, line 5 still wrong: refused, naming line 5 (line 4 once the blank
        // line is gone).
        let refused = replace_rows(
            path,
            text,
            &[change(4, &["2024", "lots"], &["2024", "11"])],
            2026,
        )
        .unwrap()
        .unwrap_err();
        assert!(
            refused
                .problems
                .to_string()
                .contains("data/x.csv:4:1: Year \"abc\""),
            "{}",
            refused.problems
        );
        // Both at once, line 5 removed (every cell blank): accepted.
        let fixed = replace_rows(
            path,
            text,
            &[
                change(4, &["2024", "lots"], &["2024", " 11 "]),
                change(5, &["abc", "1"], &["", ""]),
            ],
            2026,
        )
        .unwrap()
        .unwrap();
        assert_eq!(fixed.text, "Year,Value\r\n2023,10\r\n2024,11\r\n");
        assert_eq!(fixed.rows[0].old.cells, seen(&["2024", "lots"]));
        assert_eq!(
            fixed.dataset.rows[fixed.rows[0].row.unwrap()].value,
            Some(11.0)
        );
        assert_eq!(fixed.rows[1].new, None);
        // A row changed since the person saw it, or a line that is not there: that line.
        assert_eq!(
            replace_rows(
                path,
                text,
                &[change(4, &["2024", "12"], &["2024", "11"])],
                2026
            ),
            Err(4)
        );
        assert_eq!(
            replace_rows(path, text, &[change(9, &[], &["1"])], 2026),
            Err(9)
        );
    }

    #[test]
    fn cells_with_commas_or_quotes_are_quoted() {
        let mut e = edit("2021", "1");
        e.source = Some("Звіт \"А\", с. 3".into());
        let done = apply(None, &e).unwrap();
        assert_eq!(
            done.text,
            "Year,Source,Value\n2021,\"Звіт \"\"А\"\", с. 3\",1\n"
        );
        assert_eq!(
            done.dataset.rows[0].source.as_deref(),
            Some("Звіт \"А\", с. 3")
        );
    }
}
