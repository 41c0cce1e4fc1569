//! The indicators directory as a whole: each definition paired with its data (a CSV, or the
//! centre's store), and what had to be left out, so the report and the export can go on without it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::centre::CentreFigures;
use super::data::{Dataset, Observation, read_csv};
use super::definition::{Definition, load_definition};
use super::progress::{Progress, TrafficLight, measure, traffic_light};
use crate::diagnostics::{Problem, io_failure};
use crate::i18n::Text;

/// The folder, inside the indicators directory, that holds `<id>.csv`.
pub const DATA_DIR_NAME: &str = "data";

/// One indicator ready to show: its definition, its observations, and its measure.
#[derive(Clone, Debug)]
pub struct Indicator {
    pub definition: Definition,
    pub definition_path: PathBuf,
    /// The CSV the values came from; None for a store-derived indicator or one without data.
    pub data_path: Option<PathBuf>,
    pub dataset: Dataset,
    pub progress: Progress,
    pub traffic_light: TrafficLight,
}

impl Indicator {
    pub fn new(
        definition: Definition,
        definition_path: PathBuf,
        data_path: Option<PathBuf>,
        dataset: Dataset,
    ) -> Self {
        let headline = dataset.headline();
        let progress = measure(&definition, &headline);
        let latest = headline.last().map(|(_, value)| *value);
        let traffic_light = traffic_light(&definition, latest);
        Indicator {
            definition,
            definition_path,
            data_path,
            dataset,
            progress,
            traffic_light,
        }
    }

    pub fn id(&self) -> &str {
        &self.definition.id
    }

    pub fn headline(&self) -> Vec<(i32, f64)> {
        self.dataset.headline()
    }

    pub fn latest(&self) -> Option<(i32, f64)> {
        self.headline().last().copied()
    }

    pub fn has_data(&self) -> bool {
        self.dataset.rows.iter().any(|row| row.value.is_some())
    }
}

/// Every indicator of a directory, and every file or pairing that had to be left out.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// By sector (solid waste first), then id. Includes definitions still without data: they show
    /// as "no data".
    pub indicators: Vec<Indicator>,
    /// Files left out, each with the reason.
    pub skipped: Vec<Problem>,
}

/// What pairing definitions with data files finds wrong (`errors`) or worth saying (`notes`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairing {
    pub errors: Vec<Problem>,
    pub notes: Vec<Problem>,
}

/// Loads the directory. `centre` holds the store's figures for derived indicators (None when no
/// store could be read); `today` decides which years are finished.
pub fn load_catalogue(
    dir: &Path,
    centre: Option<&CentreFigures>,
    today: NaiveDate,
) -> Result<Catalogue, Problem> {
    let files = list_files(dir)?;
    let mut catalogue = Catalogue::default();
    let mut definitions: BTreeMap<String, (Definition, PathBuf)> = BTreeMap::new();
    for path in &files.definitions {
        match load_definition(path, today.year()) {
            Ok(definition) => {
                definitions.insert(definition.id.clone(), (definition, path.clone()));
            }
            Err(problems) => catalogue.skipped.extend(problems.0),
        }
    }
    let pairing = pair(&files, &definitions);
    catalogue.skipped.extend(pairing.errors);
    for (id, (definition, definition_path)) in definitions {
        if let Some(derived) = definition.derived {
            let dataset = match centre {
                Some(figures) => dataset_of(&figures.series(derived, today)),
                None => Dataset::default(),
            };
            catalogue
                .indicators
                .push(Indicator::new(definition, definition_path, None, dataset));
            continue;
        }
        let data_path = files.data.get(&id).cloned();
        let dataset = match &data_path {
            Some(path) => match read_csv(path, today.year()) {
                Ok(dataset) => dataset,
                Err(problems) => {
                    catalogue.skipped.extend(problems.0);
                    continue;
                }
            },
            None => Dataset::default(),
        };
        catalogue.indicators.push(Indicator::new(
            definition,
            definition_path,
            data_path,
            dataset,
        ));
    }
    catalogue
        .indicators
        .sort_by_key(|indicator| sector_rank(&indicator.definition.sector));
    Ok(catalogue)
}

/// The order sectors are shown in: the centre's own theme, solid waste, first, as the GCAP of the
/// centre's city puts waste first; then the other GCAP sectors; unknown sectors last, by name.
/// The sort is stable, so indicators keep their id order within a sector.
const SECTOR_ORDER: [&str; 6] = [
    "solid-waste",
    "awareness",
    "air-quality",
    "green-space",
    "buildings",
    "energy",
];

fn sector_rank(sector: &str) -> (usize, String) {
    let rank = SECTOR_ORDER
        .iter()
        .position(|known| *known == sector)
        .unwrap_or(SECTOR_ORDER.len());
    (rank, sector.to_string())
}

/// Cross-file findings of a directory for `check`: data without a definition, a derived
/// indicator with a data file (errors); a definition still without data (a note).
pub fn check_pairing(dir: &Path, this_year: i32) -> Pairing {
    let files = match list_files(dir) {
        Ok(files) => files,
        Err(problem) => {
            return Pairing {
                errors: vec![problem],
                notes: Vec::new(),
            };
        }
    };
    let definitions: BTreeMap<String, (Definition, PathBuf)> = files
        .definitions
        .iter()
        .filter_map(|path| {
            load_definition(path, this_year)
                .ok()
                .map(|definition| (definition.id.clone(), (definition, path.clone())))
        })
        .collect();
    pair(&files, &definitions)
}

struct Files {
    definitions: Vec<PathBuf>,
    /// File stem → path of `data/<stem>.csv`.
    data: BTreeMap<String, PathBuf>,
}

fn pair(files: &Files, definitions: &BTreeMap<String, (Definition, PathBuf)>) -> Pairing {
    let mut pairing = Pairing::default();
    let defined_stems: Vec<String> = files
        .definitions
        .iter()
        .filter_map(|path| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    for (stem, path) in &files.data {
        match definitions.get(stem) {
            Some((definition, _)) if definition.derived.is_some() => {
                pairing.errors.push(Problem::in_file(
                    path,
                    {
                        let derived = definition.derived.unwrap_or(super::Derived::CentreVisits);
                        Text::new(
                            format!(
                                "індикатор «{stem}» обчислюється з бази даних центру (derived: {derived:?}); приберіть цей файл або поле derived"
                            ),
                            format!(
                                "indicator \"{stem}\" is derived from the centre's store (derived: {derived:?}); remove this file or the derived field"
                            ),
                        )
                    },
                ));
            }
            Some(_) => {}
            // A definition that failed to load is reported on its own; do not blame its data.
            None if defined_stems.contains(stem) => {}
            None => pairing.errors.push(Problem::in_file(
                path,
                Text::new(
                    format!(
                        "дані без опису: поруч із текою data немає {stem}.ron (можливо, у назві файлу помилка?)"
                    ),
                    format!(
                        "data without a definition: there is no {stem}.ron beside the data folder (is the file name misspelt?)"
                    ),
                ),
            )),
        }
    }
    for (id, (definition, path)) in definitions {
        if definition.derived.is_none() && !files.data.contains_key(id) {
            pairing.notes.push(Problem::in_file(
                path,
                Text::new(
                    format!(
                        "для індикатора «{id}» ще немає даних: додайте {DATA_DIR_NAME}/{id}.csv; доти він показується як «немає даних»"
                    ),
                    format!(
                        "indicator \"{id}\" has no data yet: add {DATA_DIR_NAME}/{id}.csv; until then it shows as \"no data\""
                    ),
                ),
            ));
        }
    }
    pairing
}

fn list_files(dir: &Path) -> Result<Files, Problem> {
    let definitions = files_with_extension(dir, "ron")?;
    let data_dir = dir.join(DATA_DIR_NAME);
    let data = if data_dir.is_dir() {
        files_with_extension(&data_dir, "csv")?
            .into_iter()
            .filter_map(|path| {
                let stem = path.file_stem()?.to_string_lossy().into_owned();
                Some((stem, path))
            })
            .collect()
    } else {
        BTreeMap::new()
    };
    Ok(Files { definitions, data })
}

fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, Problem> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        Problem::in_file(
            dir,
            io_failure(
                "не вдається прочитати теку індикаторів",
                "cannot read the indicators directory",
                &err,
            ),
        )
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case(extension))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// A headline-only dataset of yearly values.
fn dataset_of(series: &[(i32, f64)]) -> Dataset {
    Dataset {
        disaggregation_columns: Vec::new(),
        has_units: false,
        has_source: false,
        rows: series
            .iter()
            .map(|&(year, value)| Observation {
                year,
                disaggregation: BTreeMap::new(),
                units: None,
                source: None,
                value: Some(value),
            })
            .collect(),
    }
}
