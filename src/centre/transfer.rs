//! `visitors import`, `visitors export` and `db backup`: files in and out of the store.
//!
//! A file's identity is the SHA-256 of its rows in a canonical form (not of its bytes), so the
//! same visits re-saved by a spreadsheet, with a byte-order mark or Windows line ends, are still
//! recognised. Exported content is remembered too: an export imported back into the store it
//! came from is refused (it would count every visitor twice), while it imports cleanly into a
//! new store.

use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Centre, CentreError, input};
use crate::diagnostics::{csv_error, io_reason};
use crate::i18n::{Lang, Messages, Text, Wording};
use crate::store::{ExportRow, ImportBatch, NewVisit, VisitorStore, short_id};

/// A million-row file is about 25 MB; this leaves room and still refuses a runaway file.
const MAX_IMPORT_BYTES: u64 = 256 * 1024 * 1024;

const HEADER: [&str; 4] = ["date", "count", "category", "note"];

/// What is wrong with one line of an import file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineProblem {
    Header(String),
    Columns(usize),
    Value {
        column: &'static str,
        problem: input::InputProblem,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadLine {
    pub line: u64,
    pub problem: LineProblem,
}

/// The visits of a CSV file and the identity of its content, or every bad line.
pub fn parse_visits(
    text: &str,
    today: chrono::NaiveDate,
) -> Result<(Vec<NewVisit>, String), Vec<BadLine>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut bad = Vec::new();
    let header_ok = match records.next() {
        Some(Ok(header)) => {
            let names: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
            let ok = (3..=4).contains(&names.len())
                && names
                    .iter()
                    .zip(HEADER)
                    .all(|(name, wanted)| name == wanted);
            if !ok {
                bad.push(BadLine {
                    line: 1,
                    problem: LineProblem::Header(header.iter().collect::<Vec<_>>().join(",")),
                });
            }
            ok
        }
        _ => {
            bad.push(BadLine {
                line: 1,
                problem: LineProblem::Header(String::new()),
            });
            false
        }
    };
    if !header_ok {
        return Err(bad);
    }
    let mut rows = Vec::new();
    let mut hasher = Sha256::new();
    let mut lines = crate::diagnostics::CsvLines::new(text);
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let line = lines.line(err.position()) as u64;
                bad.push(BadLine {
                    line,
                    problem: LineProblem::Columns(0),
                });
                continue;
            }
        };
        let line = lines.line(record.position()) as u64;
        if record.iter().all(str::is_empty) {
            continue;
        }
        if !(3..=4).contains(&record.len()) {
            bad.push(BadLine {
                line,
                problem: LineProblem::Columns(record.len()),
            });
            continue;
        }
        let mut value_problem = |column: &'static str, problem: input::InputProblem| {
            bad.push(BadLine {
                line,
                problem: LineProblem::Value { column, problem },
            })
        };
        let date = input::past_date(&record[0], today).map_err(|p| value_problem("date", p));
        let count = input::count_text(&record[1]).map_err(|p| value_problem("count", p));
        let category = input::category(&record[2]).map_err(|p| value_problem("category", p));
        let note = input::optional_text(record.get(3).map(unescape_cell))
            .map_err(|p| value_problem("note", p));
        if let (Ok(date), Ok(count), Ok(category), Ok(note)) = (date, count, category, note) {
            let visit = NewVisit {
                date,
                count,
                category,
                note,
            };
            hash_row(&mut hasher, &visit);
            rows.push(visit);
        }
    }
    if bad.is_empty() {
        Ok((rows, hex(&hasher.finalize())))
    } else {
        Err(bad)
    }
}

/// Numbers as fixed-width bytes, and unit and record separators, which cannot occur in a cell:
/// the canonical form is unambiguous and needs no formatting.
fn hash_row(hasher: &mut Sha256, visit: &NewVisit) {
    use chrono::Datelike;
    hasher.update(visit.date.num_days_from_ce().to_be_bytes());
    hasher.update([0x1f]);
    hasher.update(visit.count.to_be_bytes());
    hasher.update([0x1f]);
    hasher.update(visit.category.as_str());
    hasher.update([0x1f]);
    hasher.update(visit.note.as_deref().unwrap_or_default());
    hasher.update([0x1e]);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a cell that a spreadsheet would run as a formula with an apostrophe, which spreadsheets
/// hide and [`unescape_cell`] removes again on import.
fn escape_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn unescape_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => text,
    }
}

impl Wording for LineProblem {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        match self {
            LineProblem::Header(found) => messages.get(
                lang,
                "import-bad-header",
                &[("found", found.clone().into())],
            ),
            LineProblem::Columns(found) => messages.get(
                lang,
                "import-bad-columns",
                &[("found", FluentValue::from(*found))],
            ),
            LineProblem::Value { column, problem } => {
                format!("{column}: {}", problem.words(messages, lang))
            }
        }
    }
}

/// What `visitors import` added.
#[derive(Clone, Debug, Serialize)]
pub struct Imported {
    #[serde(serialize_with = "crate::centre::transfer::shown_path")]
    pub file: PathBuf,
    pub import_id: String,
    pub rows: u64,
    pub visitors: u64,
}

/// What `visitors export` wrote.
#[derive(Clone, Debug, Serialize)]
pub struct Exported {
    #[serde(serialize_with = "crate::centre::transfer::shown_path")]
    pub file: PathBuf,
    pub rows: u64,
}

/// What `db backup` copied.
#[derive(Clone, Debug, Serialize)]
pub struct StoreCopied {
    #[serde(serialize_with = "crate::centre::transfer::shown_path")]
    pub file: PathBuf,
    pub play_sessions: u64,
    pub tours: u64,
    pub visits: u64,
}

/// A path in JSON as the person wrote it.
pub(crate) fn shown_path<S: serde::Serializer>(
    path: &Path,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.display().to_string())
}

/// An import file's text, without a byte-order mark: refused when it is not a readable UTF-8 file
/// of a sensible size.
fn read_import_file(path: &Path) -> Result<String, CentreError> {
    let refuse = |reason: Text| CentreError::Unreadable {
        file: path.to_path_buf(),
        reason,
    };
    let metadata = std::fs::metadata(path).map_err(|err| refuse(io_reason(&err)))?;
    if metadata.is_dir() || metadata.len() > MAX_IMPORT_BYTES {
        let megabytes = MAX_IMPORT_BYTES / (1024 * 1024);
        return Err(refuse(Text::new(
            format!("це не файл розміром до {megabytes} МБ"),
            format!("not a file of at most {megabytes} MB"),
        )));
    }
    let bytes = std::fs::read(path).map_err(|err| refuse(io_reason(&err)))?;
    import_text(path, bytes)
}

/// The text of an import file's bytes (a file, an upload named `path`), without a byte-order
/// mark; binary or non-UTF-8 content is refused by name.
pub fn import_text(path: &Path, bytes: Vec<u8>) -> Result<String, CentreError> {
    let refuse = |reason: Text| CentreError::Unreadable {
        file: path.to_path_buf(),
        reason,
    };
    if bytes.contains(&0) {
        return Err(refuse(Text::new(
            "це двійковий файл, а потрібен текст у UTF-8",
            "binary, expected UTF-8 text",
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        refuse(Text::new(
            "файл не в кодуванні UTF-8 (збережіть його як UTF-8)",
            "not UTF-8 text (save it as UTF-8)",
        ))
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

impl Centre {
    /// Adds the visits of a CSV file (`date,count,category[,note]`), all or nothing.
    pub fn import_visits(&mut self, file: &Path) -> Result<Imported, CentreError> {
        let text = read_import_file(file)?;
        self.import_visits_text(file, &text)
    }

    /// Adds the visits of a CSV text (an upload) named `file`, all or nothing.
    pub fn import_visits_text(&mut self, file: &Path, text: &str) -> Result<Imported, CentreError> {
        let (rows, content_sha256) =
            parse_visits(text, self.today()).map_err(|lines| CentreError::BadLines {
                file: file.to_path_buf(),
                lines,
            })?;
        if rows.is_empty() {
            return Err(CentreError::NoRows {
                file: file.to_path_buf(),
            });
        }
        let receipt = self.store()?.import_visits(&ImportBatch {
            file_name: file_name(file),
            content_sha256,
            rows,
        })?;
        Ok(Imported {
            file: file.to_path_buf(),
            import_id: receipt.id.to_string(),
            rows: receipt.rows,
            visitors: receipt.visitors,
        })
    }

    /// Writes every visit and tour as CSV that imports cleanly; the file appears whole or not at
    /// all.
    pub fn export_visits(&mut self, file: &Path) -> Result<Exported, CentreError> {
        let refuse = |reason: Text| CentreError::ExportFailed {
            file: file.to_path_buf(),
            reason,
        };
        if file.is_dir() {
            return Err(refuse(Text::new("це тека", "is a directory")));
        }
        let store = self.store()?;
        let partial = partial_path(file);
        let result = (|| -> Result<u64, CentreError> {
            let out = std::fs::File::create(&partial).map_err(|err| refuse(io_reason(&err)))?;
            let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(out));
            writer
                .write_record(HEADER)
                .map_err(|err| refuse(csv_error(&err)))?;
            let mut hasher = Sha256::new();
            let rows = store.export_rows(&mut |row| {
                let visit = export_visit(row);
                hash_row(&mut hasher, &visit);
                let note = escape_cell(visit.note.as_deref().unwrap_or_default());
                writer
                    .write_record([
                        visit.date.to_string().as_str(),
                        visit.count.to_string().as_str(),
                        visit.category.as_str(),
                        note.as_str(),
                    ])
                    .map_err(std::io::Error::from)
            })?;
            let out = writer
                .into_inner()
                .map_err(|err| refuse(csv_error(&err)))?
                .into_inner()
                .map_err(|err| refuse(io_reason(err.error())))?;
            out.sync_all().map_err(|err| refuse(io_reason(&err)))?;
            store.record_export(&file_name(file), &hex(&hasher.finalize()), rows)?;
            std::fs::rename(&partial, file).map_err(|err| refuse(io_reason(&err)))?;
            Ok(rows)
        })();
        let rows = result.inspect_err(|_| {
            let _ = std::fs::remove_file(&partial);
        })?;
        Ok(Exported {
            file: file.to_path_buf(),
            rows,
        })
    }

    /// Copies the store to `file` while others may be writing (SQLite online backup).
    pub fn back_up_store(&mut self, file: &Path) -> Result<StoreCopied, CentreError> {
        let store = self.store()?;
        store.backup_to(file)?;
        let totals = store.totals()?;
        Ok(StoreCopied {
            file: file.to_path_buf(),
            visits: totals.visit_rows,
            tours: totals.tours,
            play_sessions: totals.play_sessions,
        })
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A file written beside its destination and renamed into place when complete, so a failure
/// never leaves half a file under the name the guide asked for.
fn partial_path(destination: &Path) -> PathBuf {
    let name = format!(
        ".{}.{}.partial",
        file_name(destination),
        uuid::Uuid::new_v4()
    );
    match destination.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(name),
        _ => PathBuf::from(name),
    }
}

/// A row of the export file: a tour becomes its group on its start date, with a note that says
/// which tour it was.
fn export_visit(row: ExportRow) -> NewVisit {
    match row {
        ExportRow::Visit(visit) => NewVisit {
            date: visit.date,
            count: visit.count,
            category: visit.category,
            note: visit.note,
        },
        ExportRow::Tour(tour) => {
            let mut parts = vec![format!("tour {}", short_id(&tour.id))];
            parts.extend(tour.guide);
            parts.extend(tour.note);
            NewVisit {
                date: tour.start_date,
                count: tour.size,
                category: tour.category,
                note: Some(parts.join("; ")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visitors::Category;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, 20).unwrap()
    }

    #[test]
    fn a_good_file_with_crlf_and_an_optional_note_parses() {
        let (rows, hash) = parse_visits(
            "date,count,category,note\r\n2026-04-01,12,school,5-Б\r\n2026-04-02, 3 ,Family,\r\n",
            today(),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].note.as_deref(), Some("5-Б"));
        assert_eq!(rows[1].count, 3);
        assert_eq!(rows[1].category, Category::Family);
        assert_eq!(rows[1].note, None);
        assert_eq!(hash.len(), 64);
    }

    #[test]
    fn the_same_rows_written_differently_have_the_same_identity() {
        let (_, unix) =
            parse_visits("date,count,category\n2026-04-01,12,school\n", today()).unwrap();
        let (_, windows) = parse_visits(
            "Date,Count,Category,Note\r\n2026-04-01,12,SCHOOL,\r\n",
            today(),
        )
        .unwrap();
        let (_, other) =
            parse_visits("date,count,category\n2026-04-01,13,school\n", today()).unwrap();
        assert_eq!(unix, windows);
        assert_ne!(unix, other);
    }

    #[test]
    fn every_bad_line_is_listed_with_its_column() {
        let bad = parse_visits(
            "date,count,category\n2026-04-01,12,school\n2026-13-01,0,pupils\n2026-04-01,7\n2026-05-01,1,adult\n",
            today(),
        )
        .unwrap_err();
        let lines: Vec<(u64, &LineProblem)> = bad.iter().map(|b| (b.line, &b.problem)).collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert_eq!(lines[0].0, 3);
        assert!(matches!(
            lines[0].1,
            LineProblem::Value { column: "date", .. }
        ));
        assert!(matches!(
            lines[1].1,
            LineProblem::Value {
                column: "count",
                ..
            }
        ));
        assert!(matches!(
            lines[2].1,
            LineProblem::Value {
                column: "category",
                ..
            }
        ));
        assert_eq!((lines[3].0, lines[3].1), (4, &LineProblem::Columns(2)));
        assert_eq!(lines[4].0, 5); // in the future
    }

    #[test]
    fn bad_lines_are_counted_right_in_a_windows_file_and_after_a_blank_line() {
        for end in ["\n", "\r\n"] {
            let text = [
                "date,count,category",
                "2026-04-01,12,school",
                "",
                "2026-04-01,x,school",
                "2026-04-01,3",
            ]
            .join(end)
                + end;
            let bad = parse_visits(&text, today()).unwrap_err();
            let lines: Vec<u64> = bad.iter().map(|b| b.line).collect();
            assert_eq!(lines, [4, 5], "line ends {end:?}");
        }
    }

    #[test]
    fn a_missing_or_wrong_header_is_line_one() {
        let bad = parse_visits("2026-04-01,12,school\n", today()).unwrap_err();
        assert_eq!(bad[0].line, 1);
        assert!(matches!(bad[0].problem, LineProblem::Header(_)));
    }

    #[test]
    fn formula_like_notes_are_escaped_and_come_back_unchanged() {
        for note in ["=SUM(A1)", "+1", "-", "@x", "'quoted", "plain"] {
            assert_eq!(unescape_cell(&escape_cell(note)), note);
        }
        assert_eq!(escape_cell("=1+1"), "'=1+1");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        #[test]
        fn no_csv_text_makes_the_import_panic(
            body in "[0-9a-zA-Z,\"\r\n =+'-]{0,200}",
            header in proptest::sample::select(vec!["date,count,category\n", "date,count,category,note\r\n", ""]),
        ) {
            let _ = parse_visits(&format!("{header}{body}"), today());
        }
    }
}
