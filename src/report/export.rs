//! Open data: one CSV per indicator, the centre's monthly visits, and `datapackage.json`, in the
//! form Ukrainian open-data portals (data.gov.ua) take: UTF-8 without a byte-order mark, comma
//! separated, one header row, CRLF line ends (RFC 4180, and the Frictionless default dialect),
//! one resource per file, described by a Frictionless (Tabular) Data Package.
//!
//! Every indicator file has the same shape, `Year,[disaggregations...],Units,Value`: the Units
//! column is always there, each row's own unit where the source file gave one and the definition's
//! unit otherwise, so a file taken alone from the portal still says what its numbers measure. The
//! file reads back with `indicators::parse_csv`.
//!
//! Everything is built in memory first; only then is the directory created and written, CSVs
//! first and the descriptor last, so a refusal (an unknown licence) leaves nothing on disk and a
//! descriptor never names a file that is not there yet.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Loaded, ReportError};
use super::{OutputDir, Written};
use crate::diagnostics::Problem;
use crate::i18n::Words;
use crate::i18n::{Lang, Text, format_number};
use crate::indicators::{CentreFigures, Derived, Indicator};
use crate::store::DATABASE_FILE_NAME;

pub const DEFAULT_LICENSE: &str = "CC-BY-4.0";

/// The package's `name`: lowercase, as the Data Package spec asks.
pub const PACKAGE_NAME: &str = "khmelnytskyi-green-city-indicators";

const DESCRIPTOR_FILE: &str = "datapackage.json";

/// The resource (and file stem) of the centre's monthly visits.
const CENTRE_VISITS: &str = "centre-visits-monthly";

const EXAMPLE_MARK: &str = "ПРИКЛАД / EXAMPLE";
const EXAMPLE_NOTE: &str = "ПРИКЛАД / EXAMPLE: демонстраційні дані, а не справжні спостереження / demonstration data, not real observations.";

/// An open licence the export can name, by its SPDX id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Licence {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
}

/// The licences open-data portals commonly accept for statistics; titles and URLs as SPDX and the
/// licensors publish them.
pub const LICENCES: [Licence; 6] = [
    Licence {
        id: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0 International",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "CC0-1.0",
        title: "Creative Commons Zero v1.0 Universal",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    Licence {
        id: "CC-BY-SA-4.0",
        title: "Creative Commons Attribution Share Alike 4.0 International",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    Licence {
        id: "ODbL-1.0",
        title: "Open Data Commons Open Database License v1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    Licence {
        id: "ODC-By-1.0",
        title: "Open Data Commons Attribution License v1.0",
        url: "https://opendatacommons.org/licenses/by/1-0/",
    },
    Licence {
        id: "PDDL-1.0",
        title: "Open Data Commons Public Domain Dedication & License 1.0",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
];

/// The licence with this SPDX id. Case is forgiven (people type `cc-by-4.0`); the descriptor
/// always carries the official spelling.
pub fn find_licence(id: &str) -> Option<&'static Licence> {
    let id = id.trim();
    LICENCES.iter().find(|l| l.id.eq_ignore_ascii_case(id))
}

/// A text cell made safe to open in a spreadsheet: one that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would be run as a formula, so it gets a leading `'` (OWASP, "CSV
/// Injection"). A plain number such as `-3.5` is left alone: it is data, and a spreadsheet reads
/// it as the number it is.
pub fn neutralise_formula(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Digits with an optional sign, point and exponent. Rust's float parser alone would also take
/// `-inf` and `-NaN`, which a spreadsheet does not read as numbers.
fn is_plain_number(cell: &str) -> bool {
    cell.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'))
        && cell.parse::<f64>().is_ok_and(f64::is_finite)
}

pub fn write_open_data(
    words: &Words,
    loaded: &Loaded,
    out: &Path,
    license: &str,
) -> Result<Written, ReportError> {
    let licence = find_licence(license).ok_or_else(|| unknown_licence(license))?;
    let plan = plan(words, loaded, licence, crate::clock::now());
    if plan.files.is_empty() {
        // A package needs at least one resource (the Data Package spec), and an empty one would
        // only mislead a portal; say what is missing instead.
        return Err(ReportError::NothingToExport {
            skipped: plan.skipped,
        });
    }
    let mut descriptor = serde_json::to_vec_pretty(&plan.package).map_err(|err| {
        ReportError::cannot_write(&out.join(DESCRIPTOR_FILE), &std::io::Error::other(err))
    })?;
    descriptor.push(b'\n');
    let earlier = earlier_resources(out);
    let mut dir = OutputDir::create(out)?;
    for file in &plan.files {
        dir.write(&file.resource.path, &file.bytes)?;
    }
    let main = dir.write(DESCRIPTOR_FILE, &descriptor)?;
    let current: Vec<&str> = plan
        .files
        .iter()
        .map(|f| f.resource.path.as_str())
        .collect();
    let mut removed = Vec::new();
    for path in earlier.iter().filter(|p| !current.contains(&p.as_str())) {
        let stale = out.join(path);
        match std::fs::remove_file(&stale) {
            Ok(()) => removed.push(stale),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                let shown = stale.display();
                let message = crate::diagnostics::io_failure(
                    format!("{shown}: не вдається вилучити файл попереднього експорту"),
                    format!("{shown}: cannot remove a file of the earlier export"),
                    &err,
                );
                return Err(ReportError::Files(message));
            }
        }
    }
    Ok(Written {
        out: out.to_path_buf(),
        main,
        files: dir.into_files(),
        skipped: plan.skipped,
        removed,
    })
}

/// The data files an earlier export listed in `out/datapackage.json`: only plain file names of
/// CSVs, so nothing but what an export itself wrote can be removed.
fn earlier_resources(out: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(out.join(DESCRIPTOR_FILE)) else {
        return Vec::new();
    };
    let Ok(descriptor) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    descriptor["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|resource| resource["path"].as_str())
        .filter(|path| {
            let name = Path::new(path);
            name.extension().is_some_and(|e| e == "csv")
                && name.components().count() == 1
                && matches!(
                    name.components().next(),
                    Some(std::path::Component::Normal(_))
                )
        })
        .map(str::to_string)
        .collect()
}

fn unknown_licence(given: &str) -> ReportError {
    let known: Vec<&str> = LICENCES.iter().map(|l| l.id).collect();
    // The id is echoed back; control characters in it must not garble the terminal.
    let given: String = given.chars().filter(|c| !c.is_control()).collect();
    ReportError::UnknownLicence { given, known }
}

/// What the export will write, decided before anything touches the disk.
struct Plan {
    files: Vec<PlannedFile>,
    package: Package,
    skipped: Vec<Problem>,
}

struct PlannedFile {
    bytes: Vec<u8>,
    resource: Resource,
}

fn plan(words: &Words, loaded: &Loaded, licence: &Licence, created: DateTime<Utc>) -> Plan {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut any_example = false;
    for indicator in &loaded.catalogue.indicators {
        match indicator_file(indicator, words) {
            Ok(file) => {
                any_example |= indicator.definition.example;
                files.push(file);
            }
            Err(reason) => skipped.push(Problem::in_file(
                &indicator.definition_path,
                Text::same(reason),
            )),
        }
    }
    match centre_file(words, loaded, &files) {
        Ok(file) => files.push(file),
        Err(problem) => skipped.push(problem),
    }
    let package = package(&files, licence, created, any_example);
    Plan {
        files,
        package,
        skipped,
    }
}

fn indicator_file(indicator: &Indicator, words: &Words) -> Result<PlannedFile, String> {
    let definition = &indicator.definition;
    let id = &definition.id;
    if !indicator.has_data() {
        return Err(no_data_reason(indicator, words));
    }
    if !is_resource_name(id) {
        return Err(words.say("export-bad-id", &[("id", id.clone().into())]));
    }
    let dataset = &indicator.dataset;
    let disaggregations: Vec<String> = dataset
        .disaggregation_columns
        .iter()
        .map(|c| neutralise_formula(c))
        .collect();
    let mut header = vec!["Year".to_string()];
    header.extend(disaggregations.iter().cloned());
    header.push("Units".to_string());
    if dataset.has_source {
        header.push("Source".to_string());
    }
    header.push("Value".to_string());
    if let Some(clash) = repeated_column(&header) {
        return Err(words.say(
            "export-repeated-column",
            &[("id", id.clone().into()), ("column", clash.into())],
        ));
    }
    let rows: Vec<Vec<String>> = dataset
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![row.year.to_string()];
            cells.extend(dataset.disaggregation_columns.iter().map(|column| {
                neutralise_formula(row.disaggregation.get(column).map_or("", String::as_str))
            }));
            cells.push(neutralise_formula(
                row.units.as_deref().unwrap_or(&definition.unit),
            ));
            if dataset.has_source {
                cells.push(neutralise_formula(
                    row.source.as_deref().unwrap_or_default(),
                ));
            }
            // A value that is not finite cannot be an observation; it stays blank, as missing.
            cells.push(
                row.value
                    .filter(|v| v.is_finite())
                    .map_or_else(String::new, |v| v.to_string()),
            );
            cells
        })
        .collect();
    let bytes = csv_bytes(&header, &rows).map_err(|err| {
        words.say(
            "export-cannot-build",
            &[
                ("file", format!("{id}.csv").into()),
                ("reason", err.to_string().into()),
            ],
        )
    })?;

    let unit = &definition.unit;
    let mut fields = vec![year_field()];
    fields.extend(disaggregations.iter().map(|name| Field {
        name: name.clone(),
        kind: "string",
        title: None,
        description: Some(
            "Розріз (дезагрегація); порожня клітинка — основний ряд / Disaggregation; a blank cell belongs to the headline series".into(),
        ),
        unit: None,
        constraints: None,
    }));
    fields.push(Field {
        name: "Units".into(),
        kind: "string",
        title: Some("Одиниця виміру".into()),
        description: Some(if dataset.has_units {
            format!("Одиниця виміру рядка (типово {unit}) / Unit of the row (by default {unit})")
        } else {
            format!("Одиниця виміру показника: {unit} / Unit of the indicator: {unit}")
        }),
        unit: None,
        constraints: None,
    });
    if dataset.has_source {
        fields.push(Field {
            name: "Source".into(),
            kind: "string",
            title: Some("Джерело".into()),
            description: Some(
                "Джерело значення рядка (порожня клітинка — джерело показника) / Source of the row's value (a blank cell: the indicator's source)".into(),
            ),
            unit: None,
            constraints: None,
        });
    }
    fields.push(Field {
        name: "Value".into(),
        kind: "number",
        title: Some("Значення".into()),
        description: Some(format!(
            "Значення, {unit}; порожня клітинка — спостереження відсутнє / Value, {unit}; a blank cell is a missing observation"
        )),
        unit: Some(unit.clone()),
        constraints: None,
    });

    let mut title = definition.name.uk.clone();
    let mut description = String::new();
    if definition.example {
        title = format!("{EXAMPLE_MARK} — {title}");
        description.push_str(EXAMPLE_NOTE);
        description.push_str("\n\n");
    }
    description.push_str(&format!(
        "{}. Одиниця виміру: {unit}. Рядки з порожніми клітинками розрізів утворюють основний ряд.",
        definition.name.uk
    ));
    if definition.derived.is_some() {
        description.push_str(
            " Обчислено з бази даних відвідувань Туристичного центру КП «Спецкомунтранс».",
        );
    }
    description.push_str(&format!(
        "\n\n{}. Unit: {unit}. Rows whose disaggregation cells are blank form the headline series.",
        definition.name.en
    ));
    if definition.derived.is_some() {
        description.push_str(
            " Computed from the visitor database of the Tour Centre, KP Spetskomuntrans.",
        );
    }
    let resource = Resource::new(
        id.clone(),
        title,
        description,
        vec![Source {
            title: definition.source.clone(),
        }],
        Schema {
            fields,
            missing_values: vec![String::new()],
            primary_key: None,
        },
        &bytes,
    );
    Ok(PlannedFile {
        bytes,
        resource: Resource {
            example: definition.example.then_some(true),
            unit: Some(unit.clone()),
            ..resource
        },
    })
}

fn no_data_reason(indicator: &Indicator, words: &Words) -> String {
    let id = indicator.id().to_string();
    if let Some(derived) = indicator.definition.derived {
        let kind = match derived {
            Derived::CentreVisits => "visits",
            Derived::FirstTryAccuracy => "accuracy",
        };
        words.say(
            "export-derived-no-data",
            &[("id", id.into()), ("kind", kind.into())],
        )
    } else {
        words.say("export-no-data", &[("id", id.into())])
    }
}

/// The centre's visits per month, or why there are none to publish.
fn centre_file(
    words: &Words,
    loaded: &Loaded,
    planned: &[PlannedFile],
) -> Result<PlannedFile, Problem> {
    let file = format!("{CENTRE_VISITS}.csv");
    let store_path = loaded
        .data_dir
        .as_ref()
        .map_or_else(|| PathBuf::from(&file), |dir| dir.join(DATABASE_FILE_NAME));
    let Some(centre) = &loaded.centre else {
        return Err(Problem::in_file(
            &store_path,
            Text::same(words.say("export-no-store", &[("file", file.clone().into())])),
        ));
    };
    if let Some(clash) = planned.iter().find(|f| f.resource.name == CENTRE_VISITS) {
        return Err(Problem::in_file(
            &store_path,
            Text::same(words.say(
                "export-name-taken",
                &[
                    ("id", clash.resource.name.clone().into()),
                    ("file", file.clone().into()),
                ],
            )),
        ));
    }
    if centre.figures.visitors_by_month.is_empty() {
        return Err(Problem::in_file(
            &store_path,
            Text::same(words.say("export-no-visits", &[("file", file.clone().into())])),
        ));
    }
    let bytes = centre_csv(&centre.figures).map_err(|err| {
        Problem::in_file(
            &store_path,
            Text::same(words.say(
                "export-cannot-build",
                &[
                    ("file", file.clone().into()),
                    ("reason", err.to_string().into()),
                ],
            )),
        )
    })?;
    let fields = vec![
        year_field(),
        Field {
            name: "Month".into(),
            kind: "integer",
            title: Some("Місяць".into()),
            description: Some("Місяць, 1 — січень / Month, 1 is January".into()),
            unit: None,
            constraints: Some(Constraints {
                required: Some(true),
                minimum: Some(1),
                maximum: Some(12),
            }),
        },
        Field {
            name: "Visitors".into(),
            kind: "integer",
            title: Some("Відвідувачі".into()),
            description: Some(
                "Відвідувачі за місяць: окремі відвідування та учасники екскурсій / Visitors in the month: walk-in visits and tour group members".into(),
            ),
            unit: Some("осіб / persons".into()),
            constraints: Some(Constraints {
                required: Some(true),
                minimum: Some(0),
                maximum: None,
            }),
        },
    ];
    let resource = Resource::new(
        CENTRE_VISITS.to_string(),
        "Відвідування Туристичного центру КП «Спецкомунтранс» за місяцями".into(),
        {
            let target = f64::from(centre.calendar.target);
            format!(
                "Відвідувачі просвітницького Туристичного центру з поводження з відходами за календарними місяцями; відвідування зараховано на місцеву дату (Europe/Kyiv), екскурсію — на дату її початку; поточний місяць — до дати експорту. Мета: {} відвідувань на рік.\n\nVisitors of the waste-awareness Tour Centre per calendar month; visits count on their local date (Europe/Kyiv), a tour on its start date; the current month counts up to the export date. The target: {} visits a year.",
                format_number(target, 0, Lang::Uk),
                format_number(target, 0, Lang::En),
            )
        },
        vec![Source {
            title: CENTRE_SOURCE.into(),
        }],
        Schema {
            fields,
            missing_values: vec![String::new()],
            primary_key: Some(vec!["Year".into(), "Month".into()]),
        },
        &bytes,
    );
    Ok(PlannedFile { bytes, resource })
}

const CENTRE_SOURCE: &str = "База даних відвідувань Туристичного центру КП «Спецкомунтранс» (tourcentre) / Visitor database of the Tour Centre, KP Spetskomuntrans (tourcentre)";

/// `Year,Month,Visitors`, in time order, one row per month (a month listed twice is summed, so
/// the table's key holds whatever the store hands over).
fn centre_csv(figures: &CentreFigures) -> Result<Vec<u8>, String> {
    let mut months: BTreeMap<(i32, u32), u64> = BTreeMap::new();
    for month in &figures.visitors_by_month {
        let total = months.entry((month.year, month.month)).or_default();
        *total = total.saturating_add(month.visitors);
    }
    let header = ["Year", "Month", "Visitors"].map(String::from);
    let rows: Vec<Vec<String>> = months
        .into_iter()
        .map(|((year, month), visitors)| {
            vec![year.to_string(), month.to_string(), visitors.to_string()]
        })
        .collect();
    csv_bytes(&header, &rows)
}

fn csv_bytes(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        writer.write_record(record).map_err(|err| err.to_string())?;
    }
    writer.into_inner().map_err(|err| err.to_string())
}

fn year_field() -> Field {
    Field {
        name: "Year".into(),
        kind: "integer",
        title: Some("Рік".into()),
        description: Some("Рік спостереження / Year of the observation".into()),
        unit: None,
        constraints: Some(Constraints::required()),
    }
}

/// The first header cell that is blank or repeats an earlier one (ignoring case, as the
/// project's own CSV reader does).
fn repeated_column(header: &[String]) -> Option<String> {
    let mut seen = BTreeSet::new();
    header
        .iter()
        .find(|name| name.trim().is_empty() || !seen.insert(name.to_lowercase()))
        .cloned()
}

/// A Data Package resource name: lowercase letters, digits, `-`, `_`, `.`.
fn is_resource_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

fn package(
    files: &[PlannedFile],
    licence: &Licence,
    created: DateTime<Utc>,
    any_example: bool,
) -> Package {
    let mut sources: Vec<Source> = Vec::new();
    for source in files.iter().flat_map(|f| &f.resource.sources) {
        if !sources.iter().any(|s| s.title == source.title) {
            sources.push(source.clone());
        }
    }
    let mut description = String::new();
    if any_example {
        description.push_str("ПРИКЛАД / EXAMPLE: деякі набори — демонстраційні дані, а не справжні спостереження; їх позначено в назві / some datasets are demonstration data, not real observations; their titles say so.\n\n");
    }
    description.push_str(
        "Показники Плану дій «Зелене місто» (GCAP, програма ЄБРР «Зелені міста») міста Хмельницького та щомісячні відвідування просвітницького Туристичного центру КП «Спецкомунтранс». Один CSV-файл на показник: UTF-8, кома як роздільник, рядок заголовків, стовпці Year, [розрізи], Units, Value; порожня клітинка — відсутнє значення.\n\n\
         Green City Action Plan (GCAP, EBRD Green Cities) indicators of Khmelnytskyi, Ukraine, and the monthly visits of the waste-awareness Tour Centre of KP Spetskomuntrans. One CSV file per indicator: UTF-8, comma-separated, a header row, columns Year, [disaggregations], Units, Value; a blank cell is a missing value.",
    );
    Package {
        profile: "tabular-data-package",
        name: PACKAGE_NAME,
        title: "Показники «Зеленого міста» Хмельницького (GCAP) / Khmelnytskyi Green City indicators",
        description,
        keywords: vec![
            "Хмельницький",
            "Khmelnytskyi",
            "Зелене місто",
            "Green City",
            "GCAP",
            "EBRD",
            "відходи",
            "waste",
        ],
        created: created.to_rfc3339_opts(SecondsFormat::Secs, true),
        licenses: vec![LicenceRef {
            name: licence.id,
            path: licence.url,
            title: licence.title,
        }],
        sources,
        resources: files.iter().map(|f| f.resource.clone()).collect(),
    }
}

/// `datapackage.json`: Data Package v1 (`profile`) and v2 (which reads v1) alike.
#[derive(Clone, Debug, Serialize)]
struct Package {
    profile: &'static str,
    name: &'static str,
    title: &'static str,
    description: String,
    keywords: Vec<&'static str>,
    created: String,
    licenses: Vec<LicenceRef>,
    sources: Vec<Source>,
    resources: Vec<Resource>,
}

#[derive(Clone, Debug, Serialize)]
struct LicenceRef {
    name: &'static str,
    path: &'static str,
    title: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
struct Source {
    title: String,
}

#[derive(Clone, Debug, Serialize)]
struct Resource {
    name: String,
    path: String,
    profile: &'static str,
    title: String,
    description: String,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    /// Size and checksum let a validator (and a portal) prove the file arrived whole.
    bytes: usize,
    hash: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    example: Option<bool>,
    sources: Vec<Source>,
    schema: Schema,
}

impl Resource {
    fn new(
        name: String,
        title: String,
        description: String,
        sources: Vec<Source>,
        schema: Schema,
        bytes: &[u8],
    ) -> Self {
        Resource {
            path: format!("{name}.csv"),
            name,
            profile: "tabular-data-resource",
            title,
            description,
            format: "csv",
            mediatype: "text/csv",
            encoding: "utf-8",
            bytes: bytes.len(),
            hash: format!("sha256:{}", hex(&Sha256::digest(bytes))),
            unit: None,
            example: None,
            sources,
            schema,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
struct Schema {
    fields: Vec<Field>,
    #[serde(rename = "missingValues")]
    missing_values: Vec<String>,
    #[serde(rename = "primaryKey", skip_serializing_if = "Option::is_none")]
    primary_key: Option<Vec<String>>,
}

#[derive(Clone, Debug, Serialize)]
struct Field {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// A custom property: the unit of a number column, for machines as well as readers.
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

#[derive(Clone, Debug, Serialize)]
struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<i64>,
}

impl Constraints {
    fn required() -> Self {
        Constraints {
            required: Some(true),
            minimum: None,
            maximum: None,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::i18n::Text;
    use crate::indicators::{
        Catalogue, Dataset, Definition, Direction, MonthVisitors, Observation, Psr, parse_csv,
    };

    fn definition(id: &str) -> Definition {
        Definition {
            id: id.into(),
            name: Text::new("Частка перероблених відходів", "Share of waste recycled"),
            sector: "solid-waste".into(),
            psr: Psr::Response,
            unit: "%".into(),
            direction: Direction::Higher,
            base_year: Some(2020),
            target: None,
            limit: None,
            benchmark: None,
            source: "Департамент економіки".into(),
            benchmark_source: None,
            example: false,
            derived: None,
        }
    }

    fn observation(
        year: i32,
        district: &str,
        units: Option<&str>,
        value: Option<f64>,
    ) -> Observation {
        let mut disaggregation = BTreeMap::new();
        if !district.is_empty() {
            disaggregation.insert("District".to_string(), district.to_string());
        }
        Observation {
            year,
            disaggregation,
            units: units.map(String::from),
            source: None,
            value,
        }
    }

    fn indicator(definition: Definition, dataset: Dataset) -> Indicator {
        let path = PathBuf::from(format!("indicators/{}.ron", definition.id));
        Indicator::new(definition, path, None, dataset)
    }

    fn loaded(indicators: Vec<Indicator>) -> Loaded {
        Loaded {
            catalogue: Catalogue {
                indicators,
                skipped: Vec::new(),
            },
            centre: None,
            centre_missing: None,
            today: chrono::NaiveDate::from_ymd_opt(2026, 5, 20).unwrap_or_default(),
            data_dir: None,
        }
    }

    fn words(lang: Lang) -> Words {
        Words::new(lang)
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for risky in [
            "=HYPERLINK(\"http://x\")",
            "+cmd",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-",
            "=",
            "-inf",
            "-NaN",
            "+infinity",
        ] {
            assert_eq!(neutralise_formula(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in [
            "-3.5",
            "+2",
            "-1e5",
            "-0",
            "Центр",
            "%",
            "",
            "a=b",
            " =x",
            "'=x",
        ] {
            assert_eq!(neutralise_formula(safe), safe, "{safe:?}");
        }
    }

    #[test]
    fn licences_are_found_by_spdx_id_in_any_case() {
        let by = find_licence("CC-BY-4.0").unwrap();
        assert_eq!(by.url, "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(find_licence(DEFAULT_LICENSE), Some(by));
        assert_eq!(find_licence("cc0-1.0").unwrap().id, "CC0-1.0");
        assert_eq!(
            find_licence("ODbL-1.0").unwrap().url,
            "https://opendatacommons.org/licenses/odbl/1-0/"
        );
        assert_eq!(
            find_licence("CC-BY-SA-4.0").unwrap().url,
            "https://creativecommons.org/licenses/by-sa/4.0/"
        );
        assert_eq!(find_licence("GPL-3.0"), None);
        assert_eq!(find_licence(""), None);
    }

    #[test]
    fn an_unknown_licence_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let loaded = loaded(vec![indicator(
            definition("a"),
            Dataset {
                rows: vec![observation(2020, "", None, Some(1.0))],
                ..Dataset::default()
            },
        )]);
        let err = write_open_data(&words(Lang::En), &loaded, &out, "XYZ").unwrap_err();
        assert_eq!(
            words(Lang::En).of(&err),
            "--license XYZ: unknown licence; use one of: CC-BY-4.0, CC0-1.0, CC-BY-SA-4.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0"
        );
        assert!(!out.exists());
        let uk = write_open_data(&words(Lang::Uk), &loaded, &out, "XYZ").unwrap_err();
        let uk = words(Lang::Uk).of(&uk);
        assert!(uk.contains("невідома ліцензія"), "{uk}");
    }

    #[test]
    fn numbers_are_written_to_read_back_equal() {
        let values: [f64; 7] = [
            0.1 + 0.2,
            1e-300,
            f64::MAX,
            -3.5,
            123_456_789.123_456_78,
            -0.0,
            5.0,
        ];
        let rows: Vec<Vec<String>> = values.iter().map(|v| vec![v.to_string()]).collect();
        let bytes = csv_bytes(&["Value".into()], &rows).unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let back: Vec<f64> = reader
            .records()
            .map(|r| r.unwrap()[0].parse().unwrap())
            .collect();
        assert_eq!(back.len(), values.len());
        for (a, b) in values.iter().zip(&back) {
            assert_eq!(a.to_bits(), b.to_bits(), "{a} came back as {b}");
        }
    }

    #[test]
    fn a_catalogue_is_exported_and_reads_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("open-data");
        let with_districts = Dataset {
            disaggregation_columns: vec!["District".into()],
            has_units: true,
            has_source: true,
            rows: vec![
                Observation {
                    source: Some("Головне управління статистики".into()),
                    ..observation(2020, "", Some("%"), Some(5.0))
                },
                observation(2020, "=HYPERLINK(\"x\")", Some("%"), Some(-3.5)),
                observation(2021, "Центр", None, None),
                observation(2022, "", Some("@t"), Some(0.1 + 0.2)),
            ],
        };
        let mut example = definition("b-example");
        example.example = true;
        example.unit = "t".into();
        let plain = Dataset {
            rows: vec![
                observation(2019, "", None, Some(1.0)),
                observation(2020, "", None, None),
                observation(2021, "", None, Some(2.25)),
            ],
            ..Dataset::default()
        };
        let loaded = loaded(vec![
            indicator(definition("a-districts"), with_districts.clone()),
            indicator(example, plain.clone()),
            indicator(definition("c-empty"), Dataset::default()),
        ]);
        let written = write_open_data(&words(Lang::En), &loaded, &out, "cc0-1.0").unwrap();

        assert_eq!(written.main, out.join("datapackage.json"));
        let names: Vec<String> = written
            .files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["a-districts.csv", "b-example.csv", "datapackage.json"]
        );
        assert_eq!(written.skipped.len(), 2, "{:?}", written.skipped);
        assert!(written.skipped[0].path.ends_with("c-empty.ron"));
        assert!(written.skipped[0].message.en.contains("no data yet"));
        assert!(
            written.skipped[1]
                .message
                .en
                .contains("no visitor database")
        );

        let text = std::fs::read_to_string(out.join("a-districts.csv")).unwrap();
        assert!(
            text.starts_with("Year,District,Units,Source,Value\r\n"),
            "{text}"
        );
        let back = parse_csv(Path::new("a-districts.csv"), &text, 2026).unwrap();
        let mut expected = with_districts;
        expected.rows[1]
            .disaggregation
            .insert("District".into(), "'=HYPERLINK(\"x\")".into());
        expected.rows[2].units = Some("%".into());
        expected.rows[3].units = Some("'@t".into());
        assert_eq!(back, expected);

        let text = std::fs::read_to_string(out.join("b-example.csv")).unwrap();
        let back = parse_csv(Path::new("b-example.csv"), &text, 2026).unwrap();
        let mut expected = plain;
        expected.has_units = true;
        for row in &mut expected.rows {
            row.units = Some("t".into());
        }
        assert_eq!(back, expected);

        let package: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&written.main).unwrap()).unwrap();
        assert_eq!(package["name"], PACKAGE_NAME);
        assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
        assert!(DateTime::parse_from_rfc3339(package["created"].as_str().unwrap()).is_ok());
        let resources = package["resources"].as_array().unwrap();
        assert_eq!(resources.len(), 2);
        let fields: Vec<&str> = resources[0]["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["Year", "District", "Units", "Source", "Value"]);
        assert_eq!(resources[0]["schema"]["fields"][3]["type"], "string");
        assert_eq!(resources[0]["schema"]["fields"][4]["unit"], "%");
        assert_eq!(resources[0]["schema"]["fields"][4]["type"], "number");
        assert!(
            resources[1]["title"]
                .as_str()
                .unwrap()
                .starts_with("ПРИКЛАД / EXAMPLE")
        );
        assert!(
            resources[1]["description"]
                .as_str()
                .unwrap()
                .contains("demonstration data, not real observations")
        );
        let bytes = std::fs::read(out.join("a-districts.csv")).unwrap();
        assert_eq!(resources[0]["bytes"], bytes.len());
        assert_eq!(
            resources[0]["hash"],
            format!("sha256:{}", hex(&Sha256::digest(&bytes)))
        );
    }

    #[test]
    fn a_new_export_removes_the_files_only_the_earlier_one_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("open-data");
        let series = Dataset {
            rows: vec![observation(2020, "", None, Some(1.0))],
            ..Dataset::default()
        };
        let both = loaded(vec![
            indicator(definition("kept"), series.clone()),
            indicator(definition("dropped"), series.clone()),
        ]);
        write_open_data(&words(Lang::Uk), &both, &out, DEFAULT_LICENSE).unwrap();
        assert!(out.join("dropped.csv").is_file());
        // Something of the department's own in the same directory is never touched.
        std::fs::write(out.join("notes.csv"), "mine").unwrap();

        let one = loaded(vec![indicator(definition("kept"), series)]);
        let written = write_open_data(&words(Lang::Uk), &one, &out, DEFAULT_LICENSE).unwrap();
        assert_eq!(written.removed, [out.join("dropped.csv")]);
        assert!(!out.join("dropped.csv").exists());
        assert!(out.join("kept.csv").is_file());
        assert_eq!(
            std::fs::read_to_string(out.join("notes.csv")).unwrap(),
            "mine"
        );
        let descriptor = std::fs::read_to_string(out.join("datapackage.json")).unwrap();
        assert!(!descriptor.contains("dropped.csv"));
    }

    #[test]
    fn an_earlier_descriptor_cannot_point_outside_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(DESCRIPTOR_FILE),
            r#"{"resources": [{"path": "../x.csv"}, {"path": "/etc/x.csv"}, {"path": "sub/x.csv"}, {"path": "a.txt"}, {"path": "ok.csv"}]}"#,
        )
        .unwrap();
        assert_eq!(earlier_resources(dir.path()), ["ok.csv"]);
    }

    #[test]
    fn a_header_that_would_repeat_a_column_is_skipped_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let dataset = Dataset {
            disaggregation_columns: vec!["year".into()],
            has_units: false,
            has_source: false,
            rows: vec![Observation {
                year: 2020,
                disaggregation: BTreeMap::new(),
                units: None,
                source: None,
                value: Some(1.0),
            }],
        };
        let fine = Dataset {
            disaggregation_columns: Vec::new(),
            ..dataset.clone()
        };
        let loaded = loaded(vec![
            indicator(definition("a"), dataset),
            indicator(definition("b"), fine),
        ]);
        let written = write_open_data(&words(Lang::Uk), &loaded, dir.path(), "CC-BY-4.0").unwrap();
        assert_eq!(
            written.files,
            [
                dir.path().join("b.csv"),
                dir.path().join("datapackage.json")
            ]
        );
        assert!(
            written.skipped[0].message.uk.contains("повторюється"),
            "{:?}",
            written.skipped
        );
    }

    #[test]
    fn nothing_to_export_is_refused_and_nothing_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let loaded = loaded(vec![indicator(definition("c-empty"), Dataset::default())]);
        let err =
            words(Lang::En).of(
                &write_open_data(&words(Lang::En), &loaded, &out, DEFAULT_LICENSE).unwrap_err(),
            );
        assert!(err.starts_with("Nothing to export"), "{err}");
        assert!(err.contains("c-empty.ron"), "{err}");
        assert!(!out.exists());
    }

    #[test]
    fn monthly_visits_are_summed_and_in_time_order() {
        let month = |year, month, visitors| MonthVisitors {
            year,
            month,
            visitors,
        };
        let figures = CentreFigures {
            visitors_by_month: vec![month(2026, 3, 5), month(2025, 12, 7), month(2026, 3, 2)],
            ..CentreFigures::default()
        };
        let text = String::from_utf8(centre_csv(&figures).unwrap()).unwrap();
        assert_eq!(text, "Year,Month,Visitors\r\n2025,12,7\r\n2026,3,7\r\n");
    }
}
