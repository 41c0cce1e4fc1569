//! Problems found in user files, reported as `PATH:LINE:COLUMN: message` (or `PATH: message` where the
//! format has no position), and the careful reading of those files.

use std::fmt;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before parsing: no scenario, definition or data file the
/// project ships comes near it, and a runaway file must not stall the kiosk.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One problem in one file, with its position when the format gives one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    pub fn at_line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Many problems, as `check` and every loader report them: all of them, not only the first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
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
    let metadata = std::fs::metadata(path).map_err(|err| {
        Problem::in_file(path, format!("cannot read the file: {}", io_reason(&err)))
    })?;
    if metadata.is_dir() {
        return Err(Problem::in_file(path, "is a directory, expected a file"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Problem::in_file(
            path,
            format!(
                "the file is {} MB, larger than the {} MB allowed",
                metadata.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|err| {
        Problem::in_file(path, format!("cannot read the file: {}", io_reason(&err)))
    })?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::in_file(path, "the file is empty"));
    }
    if bytes.contains(&0) {
        return Err(Problem::in_file(
            path,
            "the file is binary, expected UTF-8 text",
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
                "the file is not UTF-8 text (save it as UTF-8)",
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

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

/// Parses RON text into `T`, turning a ron error into a positioned problem.
pub fn parse_ron<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, Problem> {
    ron::Options::default()
        .from_str(text)
        .map_err(|err: ron::error::SpannedError| {
            Problem::at(
                path,
                err.span.start.line,
                err.span.start.col,
                err.code.to_string(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_with_position_prints_path_line_column() {
        let problem = Problem::at(Path::new("a.ron"), 3, 7, "expected a comma");
        assert_eq!(problem.to_string(), "a.ron:3:7: expected a comma");
    }

    #[test]
    fn problem_without_position_prints_path_only() {
        let problem = Problem::in_file(Path::new("a.ron"), "the file is empty");
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
                .contains("empty")
        );
        let binary = dir.path().join("binary.ron");
        std::fs::write(&binary, [b'(', 0, 1, 2]).unwrap();
        assert!(
            read_text_file(&binary)
                .unwrap_err()
                .message
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
