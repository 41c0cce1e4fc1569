//! Everything the economists take away: plotters charts (PNG and SVG), the HTML report and the
//! open-data export. The only module that plots or writes HTML.

pub mod charts;
mod export;
mod html;
mod output;
mod typeset;

use std::path::PathBuf;

use crate::diagnostics::Problem;

pub use export::{DEFAULT_LICENSE, neutralise_formula, write_open_data};
pub use html::write_report;
pub use output::OutputDir;

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
