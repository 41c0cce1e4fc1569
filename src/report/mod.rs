//! Everything the economists take away: plotters charts (PNG and SVG), the HTML report and the
//! open-data export. The only module that plots or writes HTML. It takes plain data (the loaded
//! indicators, the centre's figures) and the reader's words.

pub mod charts;
mod export;
mod html;
mod output;
mod typeset;
mod words;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fluent_bundle::FluentValue;

use crate::diagnostics::{Problem, Problems};
use crate::i18n::{Lang, Messages, Text, Wording};
use crate::indicators::{Catalogue, CentreFigures};
use crate::store::StoreError;
use crate::visitors::{Calendar, YearPace, YearStatus};

pub use export::{DEFAULT_LICENSE, neutralise_formula, write_open_data};
pub use html::{indicator_svg, lines_svg, no_show_words, pace_svg, write_report};
pub use output::OutputDir;
pub use words::IndicatorWords;

/// The centre's own figures, read from its store.
#[derive(Clone, Debug)]
pub struct CentreYear {
    pub figures: CentreFigures,
    pub calendar: Calendar,
    /// This year, read today.
    pub status: YearStatus,
    /// This year day by day, against the target's pace.
    pub pace: YearPace,
}

/// Why the centre's own figures are missing from what the economists see.
#[derive(Debug)]
pub enum CentreMissing {
    NoDataDir,
    NoStore { data_dir: PathBuf },
    Calendar(Problems),
    Store(StoreError),
}

impl Wording for CentreMissing {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        match self {
            CentreMissing::NoDataDir => messages.text(lang, "centre-figures-no-data-dir"),
            CentreMissing::NoStore { data_dir } => messages.get(
                lang,
                "centre-figures-no-store",
                &[("path", FluentValue::from(data_dir.display().to_string()))],
            ),
            CentreMissing::Calendar(problems) => problems.render(lang),
            CentreMissing::Store(err) => err.words(messages, lang),
        }
    }
}

/// Everything the economists' outputs show: the indicators, and the centre's figures when its
/// store could be read.
#[derive(Debug)]
pub struct Loaded {
    pub catalogue: Catalogue,
    pub centre: Option<CentreYear>,
    /// Why `centre` is None.
    pub centre_missing: Option<CentreMissing>,
    /// The day the figures are read on.
    pub today: NaiveDate,
    /// Where the centre's store is (named as the source of its figures).
    pub data_dir: Option<PathBuf>,
}

/// What a command wrote, and what it had to leave out beyond the catalogue's skipped files.
#[derive(Clone, Debug, Default)]
pub struct Written {
    pub out: PathBuf,
    /// The file to open first (index.html, datapackage.json).
    pub main: PathBuf,
    pub files: Vec<PathBuf>,
    pub skipped: Vec<Problem>,
    /// Files of an earlier export in the same directory that this one no longer holds, removed so
    /// the directory matches its datapackage.json.
    pub removed: Vec<PathBuf>,
}

/// Why a report or an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A file or directory could not be written or removed: what and why, in both languages.
    #[error("{}", .0.en)]
    Files(Text),
    #[error("unknown licence {given}")]
    UnknownLicence {
        given: String,
        known: Vec<&'static str>,
    },
    /// Not one indicator (nor the centre) has data to publish.
    #[error("nothing to export")]
    NothingToExport { skipped: Vec<Problem> },
    /// The built-in report template failed (a bug, not the user's to fix).
    #[error("report template: {0}")]
    Template(String),
}

impl ReportError {
    fn cannot_write(path: &Path, err: &std::io::Error) -> Self {
        let shown = path.display();
        ReportError::Files(crate::diagnostics::io_failure(
            format!("{shown}: не вдається записати"),
            format!("{shown}: cannot write"),
            err,
        ))
    }
}

impl Wording for ReportError {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        match self {
            ReportError::Files(text) => text.get(lang).to_string(),
            ReportError::UnknownLicence { given, known } => messages.get(
                lang,
                "export-unknown-licence",
                &[
                    ("given", given.clone().into()),
                    ("known", known.join(", ").into()),
                ],
            ),
            ReportError::NothingToExport { skipped } => {
                let mut message = messages.text(lang, "export-nothing");
                for problem in skipped {
                    message.push_str(&format!("\n  {}", problem.render(lang)));
                }
                message
            }
            ReportError::Template(reason) => format!("report template: {reason}"),
        }
    }
}
