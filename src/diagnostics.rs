//! Problems found in user files, reported as `PATH:LINE:COLUMN: message` (or `PATH: message` where the
//! format has no position), and the careful reading of those files.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::i18n::{Lang, Text};

/// Files larger than this are refused before parsing: no scenario, definition or data file the
/// project ships comes near it, and a runaway file must not stall the kiosk.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One problem in one file, with its position when the format gives one. The message is in both
/// languages, because the files are read before anyone knows who will read the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: Text,
}

impl Problem {
    pub fn in_file(path: &Path, message: Text) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message,
        }
    }

    pub fn at(path: &Path, line: usize, column: usize, message: Text) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message,
        }
    }

    pub fn at_line(path: &Path, line: usize, message: Text) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: Some(line),
            column: None,
            message,
        }
    }

    /// `PATH:LINE:COLUMN: message` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(), self.message.get(lang))
    }

    /// `PATH`, `PATH:LINE` or `PATH:LINE:COLUMN`.
    fn place(&self) -> String {
        let mut place = self.path.display().to_string();
        if let Some(line) = self.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                place.push_str(&format!(":{column}"));
            }
        }
        place
    }
}

/// In English, for logs and tests; what a person reads goes through [`Problem::render`].
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Many problems, as `check` and every loader report them: all of them, not only the first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// One problem a line, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|problem| problem.render(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// In English, for logs and tests, like a single [`Problem`].
impl crate::i18n::Wording for Problems {
    fn words(&self, _: &crate::i18n::Messages, lang: Lang) -> String {
        self.render(lang)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Self {
        Problems(vec![problem])
    }
}

/// Reads a user file as UTF-8 text, refusing what is missing, unreadable, empty, too large,
/// binary or not UTF-8 with a message that names the file. A leading byte-order mark is dropped,
/// because spreadsheets and Windows editors write one.
pub fn read_text_file(path: &Path) -> Result<String, Problem> {
    let metadata =
        std::fs::metadata(path).map_err(|err| Problem::in_file(path, cannot_read_file(&err)))?;
    if metadata.is_dir() {
        return Err(Problem::in_file(
            path,
            Text::new(
                "це тека, а потрібен файл",
                "is a directory, expected a file",
            ),
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Problem::in_file(
            path,
            Text::new(
                format!(
                    "файл завеликий: {} МБ, а дозволено не більше {} МБ",
                    metadata.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                format!(
                    "the file is {} MB, larger than the {} MB allowed",
                    metadata.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ),
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|err| Problem::in_file(path, cannot_read_file(&err)))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::in_file(
            path,
            Text::new("файл порожній", "the file is empty"),
        ));
    }
    if bytes.contains(&0) {
        return Err(Problem::in_file(
            path,
            Text::new(
                "це двійковий файл, а потрібен текст у UTF-8",
                "the file is binary, expected UTF-8 text",
            ),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let (line, column) = line_and_column(valid);
            Err(Problem::at(
                path,
                line,
                column,
                Text::new(
                    "файл не в кодуванні UTF-8 (збережіть його як UTF-8)",
                    "the file is not UTF-8 text (save it as UTF-8)",
                ),
            ))
        }
    }
}

fn line_and_column(valid_prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(valid_prefix);
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// A short reason for an I/O error, without the OS error number. Other errors keep the system's
/// own (English) wording after a Ukrainian lead, as there is nothing better to say.
pub fn io_reason(err: &std::io::Error) -> Text {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            Text::new("немає такого файлу чи теки", "no such file or directory")
        }
        std::io::ErrorKind::PermissionDenied => Text::new("доступ заборонено", "permission denied"),
        _ => Text::new(format!("системна помилка: {err}"), err.to_string()),
    }
}

/// What was being done, then why it failed: `LEAD: REASON` in both languages.
pub fn io_failure(uk: impl fmt::Display, en: impl fmt::Display, err: &std::io::Error) -> Text {
    let reason = io_reason(err);
    Text::new(
        format!("{uk}: {}", reason.uk),
        format!("{en}: {}", reason.en),
    )
}

/// A csv crate error (reading, writing or flushing): its own English words after a Ukrainian
/// lead.
pub fn csv_error(err: &impl fmt::Display) -> Text {
    Text::new(format!("помилка CSV: {err}"), err.to_string())
}

fn cannot_read_file(err: &std::io::Error) -> Text {
    io_failure("не вдається прочитати файл", "cannot read the file", err)
}

/// Parses RON text into `T`, turning a ron error into a positioned problem.
pub fn parse_ron<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    ron::Options::default()
        .from_str(text)
        .map_err(|err: ron::error::SpannedError| {
            // ron words its errors in English only; the lead says what kind of error it is.
            let detail = err.code.to_string();
            Problem::at(
                path,
                err.span.start.line,
                err.span.start.col,
                Text::new(format!("помилка у файлі RON: {detail}"), detail),
            )
        })
}

/// Replaces `path` with `text` atomically: a new file beside it, flushed, renamed over it.
pub fn replace_file(path: &Path, text: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", uuid::Uuid::new_v4()));
    let written = (|| {
        let mut file = std::fs::File::create_new(&temporary)?;
        file.write_all(text)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        sync_dir(dir)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// Makes a rename in `dir` durable (Unix); elsewhere the rename itself has to do.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The lines CSV records start on (or where the reader failed), counted in the text as `check`
/// counts them: the csv reader's own count is off after a blank line and for every line ending in
/// CR LF, as spreadsheets on Windows save them (it marks a record where the line end before it
/// starts). Records come in order, so each part of the text is counted once: a million-row
/// import stays linear.
pub struct CsvLines<'a> {
    text: &'a [u8],
    /// How far the line ends are counted, and how many there were.
    counted_to: usize,
    line_ends: usize,
}

impl<'a> CsvLines<'a> {
    pub fn new(text: &'a str) -> Self {
        CsvLines {
            text: text.as_bytes(),
            counted_to: 0,
            line_ends: 0,
        }
    }

    /// The line of the record at `position`; 0 when the reader gave no position.
    pub fn line(&mut self, position: Option<&csv::Position>) -> usize {
        let Some(byte) = position.map(|p| (p.byte() as usize).min(self.text.len())) else {
            return 0;
        };
        if byte < self.counted_to {
            // Not in order (no reader does that): count again from the start.
            (self.counted_to, self.line_ends) = (0, 0);
        }
        let newlines = |bytes: &[u8]| bytes.iter().filter(|b| **b == b'\n').count();
        self.line_ends += newlines(&self.text[self.counted_to..byte]);
        self.counted_to = byte;
        // The line ends the reader put before the record belong before it.
        let ahead = self.text[byte..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        self.line_ends + ahead + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_with_position_prints_path_line_column() {
        let problem = Problem::at(
            Path::new("a.ron"),
            3,
            7,
            Text::new("потрібна кома", "expected a comma"),
        );
        assert_eq!(problem.to_string(), "a.ron:3:7: expected a comma");
        assert_eq!(problem.render(Lang::Uk), "a.ron:3:7: потрібна кома");
    }

    #[test]
    fn problem_without_position_prints_path_only() {
        let problem = Problem::in_file(
            Path::new("a.ron"),
            Text::new("файл порожній", "the file is empty"),
        );
        assert_eq!(problem.to_string(), "a.ron: the file is empty");
    }

    #[test]
    fn non_utf8_position_points_at_the_bad_byte() {
        assert_eq!(line_and_column(b"ab\ncd"), (2, 3));
        assert_eq!(line_and_column(b""), (1, 1));
    }

    #[test]
    fn reading_refuses_empty_binary_and_non_utf8_files() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.ron");
        std::fs::write(&empty, "  \n").unwrap();
        assert!(
            read_text_file(&empty)
                .unwrap_err()
                .message
                .en
                .contains("empty")
        );
        let binary = dir.path().join("binary.ron");
        std::fs::write(&binary, [b'(', 0, 1, 2]).unwrap();
        assert!(
            read_text_file(&binary)
                .unwrap_err()
                .message
                .en
                .contains("binary")
        );
        let latin = dir.path().join("latin.ron");
        std::fs::write(&latin, b"(name: \"\xe9\")").unwrap();
        let problem = read_text_file(&latin).unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(1), Some(9)));
        let missing = dir.path().join("missing.ron");
        assert!(
            read_text_file(&missing)
                .unwrap_err()
                .message
                .en
                .contains("no such file")
        );
    }

    #[test]
    fn reading_drops_a_byte_order_mark() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.csv");
        std::fs::write(&path, "\u{feff}Year,Value\n").unwrap();
        assert_eq!(read_text_file(&path).unwrap(), "Year,Value\n");
    }
}
