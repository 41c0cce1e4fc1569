//! Files in and out: the guides' *Import* (a CSV of visits, the CLI's all-or-nothing rules and
//! line-numbered problems) and *Export*; the economists' report and open data as zip files built
//! on request from the live data; the administrator's backup.

use std::collections::BTreeMap;

use chrono::Datelike;
use std::path::Path;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use minijinja::context;

use super::indicator_entry::{DefinitionForm, Entry, RowForm, short_problem};
use super::pages::{check_csrf, frame, page};
use super::reply::{Failure, Staff};
use super::{AppState, UPLOAD_LIMIT, with_centre};
use crate::centre::CentreError;
use crate::i18n::Words;
use crate::report::IndicatorWords;
use crate::store::Role;

const DESK: &[Role] = &[Role::Guide, Role::Admin];
const ECONOMICS: &[Role] = &[Role::Economist, Role::Admin];
const EVERYONE: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/import",
            get(import_page)
                .post(import)
                .layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/export/visits.csv", get(export_visits))
        .route("/indicators/{id}", get(indicator))
        .route("/report.zip", get(report_zip))
        .route("/open-data.zip", get(open_data_zip))
        .route("/admin/backup.zip", get(backup_zip))
}

/// A file for the browser to save, named `name`.
fn download(name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

async fn import_page(staff: Staff) -> Result<Response, Failure> {
    staff.require(DESK)?;
    import_result(&staff, None, None, StatusCode::OK)
}

fn import_result(
    staff: &Staff,
    done: Option<String>,
    problems: Option<Vec<String>>,
    status: StatusCode,
) -> Result<Response, Failure> {
    let mut response = page(
        "import.html",
        frame(staff.lang, Some(staff), "/import"),
        context! { done => done, problems => problems },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

/// `POST /import`: multipart with `csrf` and `file`; all or nothing, as `visitors import`.
async fn import(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let lang = staff.lang;
    let words = Words::new(lang);
    let too_large = words.say(
        "web-import-too-large",
        &[("megabytes", (UPLOAD_LIMIT / (1024 * 1024)).into())],
    );
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                let status = err.status();
                let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    too_large.clone()
                } else {
                    format!("{}: {}", words.text("web-bad-form"), err.body_text())
                };
                return import_result(&staff, None, Some(vec![message]), status);
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(err) => {
                let status = err.status();
                return import_result(&staff, None, Some(vec![too_large]), status);
            }
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => {
                file = Some((
                    file_name.unwrap_or_else(|| "upload.csv".into()),
                    bytes.to_vec(),
                ))
            }
            _ => {}
        }
    }
    check_csrf(&state, &headers, &csrf)?;
    let Some((name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        let message = words.text("web-import-no-file");
        return import_result(&staff, None, Some(vec![message]), StatusCode::BAD_REQUEST);
    };
    // Only the file's own name (a browser may send a path), shown and remembered.
    let name = Path::new(&name.replace('\\', "/"))
        .file_name()
        .map_or_else(|| "upload.csv".into(), |n| n.to_string_lossy().into_owned());
    let result = with_centre(&state, move |centre| {
        let text = crate::centre::import_text(Path::new(&name), bytes)?;
        centre.import_visits_text(Path::new(&name), &text)
    })
    .await;
    match result {
        Ok(imported) => {
            let done = words.say(
                "import-done",
                &[
                    ("file", imported.file.display().to_string().into()),
                    ("rows", imported.rows.into()),
                    ("visitors", imported.visitors.into()),
                ],
            );
            import_result(&staff, Some(done), None, StatusCode::OK)
        }
        Err(err) => {
            let failure = Failure::centre(&err, lang);
            if failure.status.is_server_error() {
                return Err(failure);
            }
            let lines: Vec<String> = words.of(&err).lines().map(str::to_string).collect();
            import_result(&staff, None, Some(lines), failure.status)
        }
    }
}

/// `GET /export/visits.csv`: every visit and tour, as `visitors export` writes them.
async fn export_visits(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(EVERYONE)?;
    let lang = staff.lang;
    let name = format!(
        "visits-{}.csv",
        crate::visitors::local_date(crate::clock::now())
    );
    let file_name = name.clone();
    let bytes = with_centre(&state, move |centre| {
        let dir = tempfile::tempdir().map_err(|err| io_failure(&err))?;
        let path = dir.path().join(&file_name);
        centre.export_visits(&path)?;
        std::fs::read(&path).map_err(|err| io_failure(&err))
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    Ok(download(&name, "text/csv; charset=utf-8", bytes))
}

fn io_failure(err: &std::io::Error) -> CentreError {
    CentreError::ExportFailed {
        file: std::path::PathBuf::from("(temporary)"),
        reason: crate::diagnostics::io_reason(err),
    }
}

/// The report or the open data, written into a temporary directory from the live data and zipped.
async fn economics_zip(
    state: &AppState,
    staff: &Staff,
    open_data: bool,
) -> Result<Response, Failure> {
    staff.require(ECONOMICS)?;
    let lang = staff.lang;
    let shared = state.clone();
    let bytes = with_centre(state, move |centre| {
        let loaded = shared.load_indicators(centre)?;
        let words = Words::new(lang);
        let dir = tempfile::tempdir().map_err(|err| io_failure(&err))?;
        if open_data {
            crate::centre::indicators::export(
                &loaded,
                &words,
                dir.path(),
                crate::report::DEFAULT_LICENSE,
            )?;
        } else {
            crate::centre::indicators::report(&loaded, &words, dir.path())?;
        }
        crate::centre::backup::zip_dir(dir.path())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    let today = crate::visitors::local_date(crate::clock::now());
    let name = if open_data {
        format!("open-data-{today}.zip")
    } else {
        format!("report-{}-{today}.zip", lang.code())
    };
    Ok(download(&name, "application/zip", bytes))
}

async fn report_zip(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    economics_zip(&state, &staff, false).await
}

async fn open_data_zip(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    economics_zip(&state, &staff, true).await
}

/// `GET /admin/backup.zip`: the store (an online snapshot), `visitors.ron` and `indicators/`.
async fn backup_zip(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(&[Role::Admin])?;
    let lang = staff.lang;
    let bytes = with_centre(&state, |centre| {
        let dir = tempfile::tempdir().map_err(|err| io_failure(&err))?;
        crate::centre::backup::write_backup(centre, dir.path())?;
        std::fs::read(dir.path().join(crate::centre::backup::BACKUP_FILE))
            .map_err(|err| io_failure(&err))
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    let name = format!(
        "tourcentre-backup-{}.zip",
        crate::visitors::local_date(crate::clock::now())
    );
    Ok(download(&name, "application/zip", bytes))
}

/// `GET /indicators/{id}`: one indicator's chart, data, definition and sources; for economists
/// and the administrator also the data entry (`?year=...` puts a value in its form) and the
/// history of changes.
async fn indicator(
    State(state): State<AppState>,
    staff: Staff,
    UrlPath(id): UrlPath<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Result<Response, Failure> {
    staff.require(EVERYONE)?;
    indicator_page(&state, &staff, &id, Form::Opened(query), StatusCode::OK).await
}

/// Open SDG's filter, without script: choose a disaggregation column (`by`), tick its values
/// (`v-N`, the Nth value of the column; none ticked: the first twelve), and the chart shows one
/// line per value. None when the data has no disaggregated series.
fn breakdown(
    words: &Words,
    indicator: &crate::indicators::Indicator,
    query: &BTreeMap<String, String>,
) -> Option<minijinja::Value> {
    let columns = indicator.dataset.breakdown_columns();
    let column = query
        .get("by")
        .and_then(|by| columns.iter().find(|c| **c == by.as_str()))
        .or(columns.first())?
        .to_string();
    let all = indicator.dataset.breakdown(&column);
    let ticked: Vec<bool> = (0..all.len())
        .map(|i| query.contains_key(&format!("v-{i}")))
        .collect();
    let none = !ticked.contains(&true);
    let ticked: Vec<bool> = ticked
        .iter()
        .enumerate()
        .map(|(i, t)| *t || (none && i < crate::report::charts::MAX_PANELS))
        .collect();
    let chosen: Vec<crate::indicators::Series> = all
        .iter()
        .zip(&ticked)
        .filter(|(_, t)| **t)
        .map(|(s, _)| s.clone())
        .collect();
    let chart =
        crate::report::lines_svg(words, indicator, &column, chosen).map(super::pages::svg_image);
    Some(context! {
        columns => columns,
        column => column,
        values => all.iter().zip(&ticked).enumerate().map(|(i, (s, t))| context! {
            name => format!("v-{i}"),
            value => s.value.clone(),
            ticked => *t,
        }).collect::<Vec<_>>(),
        chart => chart,
    })
}

/// The forms of the page: as it opens, or one of them as posted (with its problems).
pub(super) enum Form {
    Opened(BTreeMap<String, String>),
    Posted(Entry),
    PostedDefinition(DefinitionForm),
    PostedRow(RowForm),
}

/// How many of a broken data file's rows the page offers to correct at once.
const ROWS_TO_CORRECT: usize = 100;

/// A data file `check` refuses: its problems as `check` prints them, and one form with every row
/// a problem names, so that the person can correct them together from the page.
fn broken_context(
    words: &Words,
    id: &str,
    data_path: &Path,
    problems: &[crate::diagnostics::Problem],
    posted: Option<&RowForm>,
) -> minijinja::Value {
    let lang = words.lang;
    let text = std::fs::read_to_string(data_path).unwrap_or_default();
    let rows = crate::indicators::raw_rows(&text);
    let header: Vec<String> = rows.first().map(|h| h.cells.clone()).unwrap_or_default();
    let mut lines: Vec<usize> = problems.iter().filter_map(|p| p.line).collect();
    lines.sort_unstable();
    lines.dedup();
    let forms: Vec<minijinja::Value> = lines
        .iter()
        .filter_map(|line| rows.iter().find(|row| row.line == *line))
        .take(ROWS_TO_CORRECT)
        .enumerate()
        .map(|(k, row)| {
            let typed = posted.and_then(|p| p.rows.get(&row.line));
            let width = row
                .cells
                .len()
                .max(if row.line == 1 { 0 } else { header.len() });
            let cells: Vec<minijinja::Value> = (0..width)
                .map(|i| {
                    let column = if row.line == 1 {
                        None
                    } else {
                        header.get(i).map(|h| h.trim().to_string())
                    };
                    let label = match column.filter(|c| !c.is_empty()) {
                        Some(column) => column,
                        None => words.say("indicator-fix-column", &[("number", (i + 1).into())]),
                    };
                    let value = typed
                        .and_then(|t| t.get(i).cloned())
                        .or_else(|| row.cells.get(i).cloned())
                        .unwrap_or_default();
                    minijinja::context! {
                        name => format!("r{k}.c-{i}"),
                        id => format!("fix-{}-{i}", row.line),
                        label => label,
                        value => value,
                    }
                })
                .collect();
            let expected: Vec<(String, String)> = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| (format!("r{k}.e-{i}"), cell.clone()))
                .collect();
            minijinja::context! {
                line => row.line,
                field => format!("r{k}.line"),
                title => words.say("indicator-fix-row", &[("line", row.line.into())]),
                text => row.text(),
                cells => cells,
                expected => expected,
                problems => problems
                    .iter()
                    .filter(|p| p.line == Some(row.line))
                    .map(|p| p.message.get(lang).to_string())
                    .collect::<Vec<_>>(),
            }
        })
        .collect();
    minijinja::context! {
        problems => problems.iter().map(|p| short_problem(p, id, lang)).collect::<Vec<_>>(),
        rows => forms,
        comment => posted.map(|p| p.comment.clone()).unwrap_or_default(),
        alert => posted.map(|p| p.alert.clone()).unwrap_or_default(),
        more => lines.len() > ROWS_TO_CORRECT,
    }
}

/// The indicator's page, with `status`.
pub(super) async fn indicator_page(
    state: &AppState,
    staff: &Staff,
    id: &str,
    form: Form,
    status: StatusCode,
) -> Result<Response, Failure> {
    let lang = staff.lang;
    let words = Words::new(lang);
    let loaded = super::indicators_now(state)
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let economist = staff.require(ECONOMICS).is_ok();
    let found = loaded.catalogue.indicators.iter().find(|i| i.id() == id);
    let (indicator, broken) = match found {
        Some(indicator) => (indicator.clone(), None),
        None => {
            // A data file `check` refuses (edited by hand) is said, not hidden behind a 404,
            // and an economist can correct it here.
            let data_file = format!("{id}.csv");
            let broken: Vec<crate::diagnostics::Problem> = loaded
                .catalogue
                .skipped
                .iter()
                .filter(|p| p.path.file_name() == Some(std::ffi::OsStr::new(&data_file)))
                .cloned()
                .collect();
            if broken.is_empty() {
                return Err(Failure::not_found(lang));
            }
            let dir = state.indicators_dir();
            let this_year = crate::visitors::local_date(crate::clock::now()).year();
            let definition_path = dir.join(format!("{id}.ron"));
            let definition = match crate::indicators::load_definition(&definition_path, this_year) {
                Ok(definition) if economist => definition,
                _ => {
                    let problems = CentreError::Problems(crate::diagnostics::Problems(broken));
                    let mut failure = Failure::centre(&problems, lang);
                    failure.status = StatusCode::CONFLICT;
                    return Err(failure);
                }
            };
            let data_path = dir.join(crate::indicators::DATA_DIR_NAME).join(&data_file);
            let posted = match &form {
                Form::PostedRow(row) => Some(row),
                _ => None,
            };
            let context = broken_context(&words, id, &data_path, &broken, posted);
            let indicator = crate::indicators::Indicator::new(
                definition,
                definition_path,
                Some(data_path),
                crate::indicators::Dataset::default(),
            );
            (indicator, Some(context))
        }
    };
    let indicator = &indicator;
    let filter = match &form {
        Form::Opened(query) => query.clone(),
        _ => BTreeMap::new(),
    };
    let enters = economist && indicator.definition.derived.is_none();
    let (entry, history, definition_form) = if economist {
        let dir = state.indicators_dir().to_path_buf();
        let target = id.to_string();
        let history = with_centre(state, move |centre| {
            centre.observation_history(&dir, &target)
        })
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
        let history = crate::centre::observations::worded(history, &words);
        let empty = BTreeMap::new();
        let query = match &form {
            Form::Opened(query) => query,
            _ => &empty,
        };
        let definition_form = match &form {
            Form::PostedDefinition(posted) => posted.clone(),
            _ => DefinitionForm::opened(query, indicator, lang),
        };
        let entry = enters.then(|| {
            let entry = match &form {
                Form::Posted(entry) => entry.clone(),
                _ => Entry::opened(query, indicator),
            };
            super::indicator_entry::context(&words, indicator, &entry)
        });
        (
            entry,
            Some(super::indicator_entry::history_context(
                &words, indicator, &history,
            )),
            Some(super::indicator_entry::definition_context(&definition_form)),
        )
    } else {
        (None, None, None)
    };
    let words = Words::new(lang);
    let d = &indicator.definition;
    let chart = crate::report::indicator_svg(&words, indicator).map(super::pages::svg_image);
    let breakdown = breakdown(&words, indicator, &filter);
    let columns = &indicator.dataset.disaggregation_columns;
    let rows: Vec<minijinja::Value> = indicator
        .dataset
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = columns
                .iter()
                .map(|c| row.disaggregation.get(c).cloned().unwrap_or_default())
                .collect();
            context! {
                year => row.year,
                cells => cells,
                value => row.value.map(|v| words.value(v, row.units.as_deref().unwrap_or(&d.unit))),
            }
        })
        .collect();
    let p = &indicator.progress;
    let mut response = page(
        "indicator.html",
        frame(lang, Some(staff), "/indicators"),
        context! {
            id => indicator.id(),
            name => d.name.get(lang),
            example => d.example,
            sector => words.term("sector", &d.sector),
            psr => words.psr_word(d.psr),
            unit => words.term("unit", &d.unit),
            better => words.better_word(d.direction),
            base_year => d.base_year(),
            target => d.target.map(|t| format!("{} ({})", words.value(t.value, &d.unit), t.year)),
            source => d.source.clone(),
            latest => words.latest(indicator).unwrap_or_else(|| words.text("data-none")),
            light => indicator.traffic_light.code(),
            light_word => words.light_word(indicator.traffic_light),
            status_word => words.status_word(p.status),
            score => p.score.map(|s| words.number(s, 2)),
            chart => chart,
            chart_alt => words.say("web-chart-of", &[("name", d.name.get(lang).to_string().into())]),
            columns => columns,
            rows => rows,
            derived => d.derived.is_some(),
            entry => entry,
            history => history,
            define => definition_form,
            broken => broken,
            benchmark => d.benchmark.map(|b| words.say(
                "indicator-define-benchmark-shown",
                &[
                    ("green", words.value(b.green, &d.unit).into()),
                    ("red", words.value(b.red, &d.unit).into()),
                ],
            )),
            benchmark_source => d.benchmark_source.clone(),
            breakdown => breakdown,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}
