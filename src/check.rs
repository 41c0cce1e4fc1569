//! `tourcentre check`: validates scenarios, indicator definitions and indicator data, listing every
//! problem as `PATH:LINE:COLUMN: message`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::diagnostics::{Problem, io_failure};
use crate::i18n::Text;
use crate::{content, indicators, visitors};

/// What a file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    IndicatorDefinition,
    IndicatorData,
    /// `visitors.ron`: the centre's calendar and yearly target.
    Calendar,
}

#[derive(Debug, Default)]
pub struct Report {
    pub checked: Vec<(PathBuf, FileKind)>,
    pub problems: Vec<Problem>,
    /// Worth saying but not wrong, such as an indicator still waiting for its data.
    pub notes: Vec<Problem>,
}

impl Report {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The paths `check` reads when given none: the shipped scenarios and the indicators directory.
pub fn default_paths(indicators_dir: &Path) -> Vec<PathBuf> {
    vec![
        crate::shipped_dir("scenarios"),
        indicators_dir.to_path_buf(),
    ]
}

/// Checks every file under `paths`. A `.ron` named `visitors.ron` is the calendar, one inside
/// `indicators_dir` an indicator definition, any other `.ron` a scenario; a `.csv` is indicator
/// data. Other files are passed over.
pub fn check(paths: &[PathBuf], indicators_dir: &Path) -> Report {
    let mut report = Report::default();
    let indicators_root = std::fs::canonicalize(indicators_dir).ok();
    for path in paths {
        let mut files = Vec::new();
        collect_files(path, true, &mut files, &mut report.problems);
        for file in files {
            let Some(kind) = classify(&file, indicators_root.as_deref()) else {
                continue;
            };
            check_file(&file, kind, &mut report.problems, &mut report.notes);
            report.checked.push((file, kind));
        }
    }
    check_pairings(&mut report);
    report
}

/// Definitions against data files, in every indicators directory a checked file belongs to;
/// only findings about checked files are kept, so checking one file reports on that file.
fn check_pairings(report: &mut Report) {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut checked: Vec<PathBuf> = Vec::new();
    for (file, kind) in &report.checked {
        let dir = match kind {
            FileKind::IndicatorDefinition => file.parent(),
            FileKind::IndicatorData => file
                .parent()
                .filter(|parent| parent.file_name() == Some(OsStr::new(indicators::DATA_DIR_NAME)))
                .and_then(Path::parent),
            FileKind::Scenario | FileKind::Calendar => None,
        };
        if let Some(dir) = dir {
            let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
            checked.push(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone()));
        }
    }
    let is_checked = |problem: &Problem| {
        std::fs::canonicalize(&problem.path).is_ok_and(|path| checked.contains(&path))
    };
    for dir in dirs {
        let pairing = indicators::check_pairing(&dir, this_year());
        report
            .problems
            .extend(pairing.errors.into_iter().filter(is_checked));
        report
            .notes
            .extend(pairing.notes.into_iter().filter(is_checked));
    }
}

/// The current year (Europe/Kyiv): the last year a base year or an observation may have.
fn this_year() -> i32 {
    crate::visitors::local_date(crate::clock::now()).year()
}

fn classify(file: &Path, indicators_root: Option<&Path>) -> Option<FileKind> {
    let extension = file.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Some(FileKind::IndicatorData),
        "ron" if file.file_name() == Some(OsStr::new(visitors::CALENDAR_FILE_NAME)) => {
            Some(FileKind::Calendar)
        }
        "ron" => {
            let inside_indicators = match (indicators_root, std::fs::canonicalize(file)) {
                (Some(root), Ok(file)) => file.starts_with(root),
                _ => false,
            };
            Some(if inside_indicators {
                FileKind::IndicatorDefinition
            } else {
                FileKind::Scenario
            })
        }
        _ => None,
    }
}

fn check_file(file: &Path, kind: FileKind, problems: &mut Vec<Problem>, notes: &mut Vec<Problem>) {
    let result = match kind {
        FileKind::Scenario => {
            let assets = content::assets_dir_for(file);
            content::load(file, &assets)
                .map(|scenario| voice_notes(file, &scenario, &assets, notes))
        }
        FileKind::IndicatorDefinition => indicators::load_definition(file, this_year()).map(drop),
        FileKind::IndicatorData => indicators::read_csv(file, this_year()).map(drop),
        FileKind::Calendar => crate::visitors::read_calendar(file).map(drop),
    };
    if let Err(found) = result {
        problems.extend(found.0);
    }
}

/// A scenario's texts without a voice clip, and clips made from another text: notes, as a new
/// scenario without recordings is still a valid one (the exhibit is silent where a clip is missing).
fn voice_notes(file: &Path, scenario: &content::Scenario, assets: &Path, notes: &mut Vec<Problem>) {
    let messages = crate::i18n::Messages::new();
    for lang in crate::i18n::Lang::ALL {
        for finding in crate::voice::findings(scenario, &messages, assets, lang) {
            notes.push(Problem::in_file(file, finding.message(lang)));
        }
    }
}

/// Files named directly are always taken (so a file of any name is checked and reported);
/// directories are walked in name order, taking `.ron` and `.csv` files.
fn collect_files(path: &Path, named: bool, files: &mut Vec<PathBuf>, problems: &mut Vec<Problem>) {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) => {
            problems.push(Problem::in_file(
                path,
                io_failure("не вдається прочитати", "cannot read", &err),
            ));
            return;
        }
    };
    if !metadata.is_dir() {
        if named && classify_by_extension(path).is_none() {
            problems.push(Problem::in_file(
                path,
                Text::new(
                    "це не файл сценарію чи індикатора: потрібен файл .ron або .csv",
                    "not a scenario or indicator file: expected a .ron or .csv file",
                ),
            ));
        } else {
            files.push(path.to_path_buf());
        }
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(Problem::in_file(
                path,
                io_failure(
                    "не вдається прочитати теку",
                    "cannot read the directory",
                    &err,
                ),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    children.sort();
    for child in children {
        if child.is_dir() || classify_by_extension(&child).is_some() {
            collect_files(&child, false, files, problems);
        }
    }
}

fn classify_by_extension(path: &Path) -> Option<()> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    matches!(extension.as_str(), "ron" | "csv").then_some(())
}
