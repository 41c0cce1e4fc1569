//! The economists' data entry on an indicator's page (`/indicators/{id}`): the years ×
//! series table of values (each a link that puts it in the form), the form to add, correct or
//! blank a value (problems beside their field, what was typed kept; a value over three times or
//! under a third of the year before asks for a second confirmation; a conflict shows the value
//! stored now), and the history of changes, each with "restore this value". Without JavaScript.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use minijinja::{Value, context};
use serde::Deserialize;

use super::files::{Form, indicator_page};
use super::pages::{Csrf, CsrfForm};
use super::reply::{Failure, Staff};
use super::{AppState, with_centre};
use crate::centre::CentreError;
use crate::centre::definitions::DefinitionInput;
use crate::centre::observations::{HistoryEntry, ObservationInput, RowsInput};
use crate::centre::{InputProblem, input};
use crate::i18n::Words;
use crate::indicators::{
    Benchmark, DefinitionEdit, Indicator, RowChange, Target, implausible, stored_value,
};
use crate::report::IndicatorWords;
use crate::store::Role;

const ECONOMICS: &[Role] = &[Role::Economist, Role::Admin];

/// The prefix of a disaggregation column's form field: `d:District`.
const COLUMN_PREFIX: &str = "d:";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/indicators/{id}/observations", post(save))
        .route("/indicators/{id}/definition", post(define))
        .route("/indicators/{id}/rows", post(correct_rows))
}

/// What the form holds: as typed, or as the page fills it.
#[derive(Clone, Debug, Default)]
pub(super) struct Entry {
    pub fields: BTreeMap<String, String>,
    /// Field → the problem shown beside it.
    pub problems: BTreeMap<String, String>,
    /// Problems not about one field (elsewhere in the file), or a conflict.
    pub alert: Vec<String>,
    /// Ask "yes, this value is right" (the value jumps against the year before).
    pub ask_confirm: bool,
    pub saved: bool,
}

impl Entry {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    fn disaggregation(&self) -> BTreeMap<String, String> {
        self.fields
            .iter()
            .filter_map(|(name, value)| {
                let column = name.strip_prefix(COLUMN_PREFIX)?;
                let value = value.trim();
                (!value.is_empty()).then(|| (column.to_string(), value.to_string()))
            })
            .collect()
    }

    /// The form as the page opens it: empty, or a value picked from the table (`?year=...`),
    /// with the value stored now as the one the person saw.
    pub(super) fn opened(query: &BTreeMap<String, String>, indicator: &Indicator) -> Entry {
        let mut entry = Entry {
            saved: query.contains_key("saved"),
            ..Entry::default()
        };
        let Some(year) = query.get("year").and_then(|y| y.trim().parse::<i32>().ok()) else {
            return entry;
        };
        entry.fields.insert("year".into(), year.to_string());
        for (name, value) in query {
            if name.starts_with(COLUMN_PREFIX) {
                entry.fields.insert(name.clone(), value.clone());
            }
        }
        let stored = stored_value(&indicator.dataset, year, &entry.disaggregation());
        let shown = stored.map_or_else(String::new, |v| v.to_string());
        entry.fields.insert("value".into(), shown.clone());
        entry.fields.insert("expected".into(), shown);
        if let Some(row) = indicator
            .dataset
            .rows
            .iter()
            .find(|row| row.year == year && row.disaggregation == entry.disaggregation())
        {
            let source = row.source.clone().unwrap_or_default();
            entry.fields.insert("source".into(), source);
        }
        entry
    }
}

/// The page's data-entry part: the table and the form.
pub(super) fn context(words: &Words, indicator: &Indicator, entry: &Entry) -> Value {
    let d = &indicator.definition;
    let columns = &indicator.dataset.disaggregation_columns;
    let shown =
        |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| words.value(v, &d.unit));

    // Years × series: the headline first, then each disaggregation as the file has it.
    let mut series: Vec<BTreeMap<String, String>> = vec![BTreeMap::new()];
    for row in &indicator.dataset.rows {
        if !series.contains(&row.disaggregation) {
            series.push(row.disaggregation.clone());
        }
    }
    let mut years: Vec<i32> = indicator.dataset.rows.iter().map(|row| row.year).collect();
    years.sort_unstable();
    years.dedup();
    let series_name = |s: &BTreeMap<String, String>| {
        if s.is_empty() {
            words.text("indicator-entry-headline")
        } else {
            s.iter()
                .map(|(column, value)| format!("{column}: {value}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let query = |year: i32, s: &BTreeMap<String, String>| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("year", &year.to_string());
        for (column, value) in s {
            query.append_pair(&format!("{COLUMN_PREFIX}{column}"), value);
        }
        query.finish()
    };
    let rows: Vec<Value> = years
        .iter()
        .rev()
        .map(|&year| {
            let cells: Vec<Value> = series
                .iter()
                .map(|s| {
                    context! {
                        shown => shown(stored_value(&indicator.dataset, year, s)),
                        href => format!("?{}#entry-form", query(year, s)),
                        label => series_name(s),
                    }
                })
                .collect();
            context! { year => year, cells => cells }
        })
        .collect();

    let fields: Vec<Value> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let name = format!("{COLUMN_PREFIX}{column}");
            context! {
                column => column,
                name => name,
                id => format!("entry-d-{i}"),
                value => entry.get(&name),
                problem => entry.problems.get(&format!("disaggregation.{column}")),
            }
        })
        .collect();

    context! {
        series => series.iter().map(series_name).collect::<Vec<_>>(),
        rows => rows,
        year => entry.get("year"),
        value => entry.get("value"),
        source => entry.get("source"),
        comment => entry.get("comment"),
        expected => entry.get("expected"),
        fields => fields,
        problems => entry.problems.clone(),
        alert => entry.alert.clone(),
        ask_confirm => entry.ask_confirm,
        saved => entry.saved,
        unit => d.unit.clone(),
    }
}

/// The history of the indicator's data and definition, each change with "restore this value"
/// where one can be restored.
pub(super) fn history_context(
    words: &Words,
    indicator: &Indicator,
    history: &[HistoryEntry],
) -> Vec<Value> {
    let d = &indicator.definition;
    let shown =
        |value: Option<f64>| value.map_or_else(|| "–".to_string(), |v| words.value(v, &d.unit));
    let series_name = |s: &BTreeMap<String, String>| {
        if s.is_empty() {
            words.text("indicator-entry-headline")
        } else {
            s.iter()
                .map(|(column, value)| format!("{column}: {value}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let derived = d.derived.is_some();
    history
        .iter()
        .map(|change| {
            let at = change
                .at
                .with_timezone(&chrono_tz::Europe::Kyiv)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            let restore = match (change.outside || derived, change.year) {
                (false, Some(year)) => {
                    let current = stored_value(&indicator.dataset, year, &change.disaggregation);
                    let fields: Vec<(String, String)> = change
                        .disaggregation
                        .iter()
                        .map(|(c, v)| (format!("{COLUMN_PREFIX}{c}"), v.clone()))
                        .collect();
                    // Only a value other than the one stored now can be restored.
                    (current != change.new).then(|| {
                        context! {
                            year => year,
                            value => change.new.map_or_else(String::new, |v| v.to_string()),
                            expected => current.map_or_else(String::new, |v| v.to_string()),
                            fields => fields,
                            at => at.clone(),
                            label => words.say(
                                "indicator-history-restore",
                                &[
                                    ("value", shown(change.new).into()),
                                    ("year", year.into()),
                                ],
                            ),
                        }
                    })
                }
                _ => None,
            };
            let (what, old, new) = match (&change.field, change.line) {
                (Some(field), _) => (
                    Some(field_name(words, field)),
                    field_value(words, d, field, change.old_text.as_deref()),
                    field_value(words, d, field, change.new_text.as_deref()),
                ),
                (None, Some(line)) => (
                    Some(words.say("indicator-history-row", &[("line", line.into())])),
                    change.old_text.clone().unwrap_or_else(|| "–".into()),
                    change
                        .new_text
                        .clone()
                        .unwrap_or_else(|| words.text("indicator-history-row-removed")),
                ),
                (None, None) => (
                    change
                        .year
                        .map(|year| format!("{year}, {}", series_name(&change.disaggregation))),
                    shown(change.old),
                    shown(change.new),
                ),
            };
            context! {
                at => at,
                user => change.user.clone().unwrap_or_else(|| "–".into()),
                what => what,
                old => old,
                new => new,
                comment => change.comment.clone(),
                outside => change.outside,
                restore => restore,
            }
        })
        .collect()
}

/// A number typed into `field` (a comma or a dot before the decimals), or its problem noted.
fn decimal_of(
    typed: &str,
    field: &str,
    words: &Words,
    problems: &mut BTreeMap<String, String>,
) -> Option<f64> {
    read_field(typed, field, words, problems, input::decimal)
}

/// What `read` makes of the text typed into `field`, or its problem noted under `field` (a blank
/// field is a missing one).
fn read_field<T>(
    typed: &str,
    field: &str,
    words: &Words,
    problems: &mut BTreeMap<String, String>,
    read: impl FnOnce(&str) -> Result<T, InputProblem>,
) -> Option<T> {
    match read(typed) {
        Ok(value) => Some(value),
        Err(problem) => {
            let problem = if typed.trim().is_empty() {
                InputProblem::Missing
            } else {
                problem
            };
            problems.insert(field.to_string(), words.of(&problem));
            None
        }
    }
}

/// A definition field's name, as the form labels it.
fn field_name(words: &Words, field: &str) -> String {
    let id = match field {
        "target" => "indicator-define-target",
        "benchmark" => "indicator-define-benchmark",
        "benchmark_source" => "indicator-define-benchmark-source",
        "base_year" => "indicator-define-base-year",
        crate::centre::observations::DEFINITION_FILE => "indicator-define-file",
        other => return other.to_string(),
    };
    words.text(id)
}

/// A definition field's value as the file wrote it (RON), said as the page says values; the text
/// itself when it does not read as that field.
fn field_value(
    words: &Words,
    d: &crate::indicators::Definition,
    field: &str,
    text: Option<&str>,
) -> String {
    use crate::indicators::{Benchmark, DEFAULT_BASE_YEAR, Target};
    let Some(text) = text else {
        return match field {
            "base_year" => DEFAULT_BASE_YEAR.to_string(),
            _ => words.text("indicator-define-none"),
        };
    };
    let none = || words.text("indicator-define-none");
    let said = match field {
        "target" => ron::from_str::<Option<Target>>(text).ok().map(|t| {
            t.map_or_else(none, |t| {
                format!("{} ({})", words.value(t.value, &d.unit), t.year)
            })
        }),
        "benchmark" => ron::from_str::<Option<Benchmark>>(text).ok().map(|b| {
            b.map_or_else(none, |b| {
                words.say(
                    "indicator-define-benchmark-shown",
                    &[
                        ("green", words.value(b.green, &d.unit).into()),
                        ("red", words.value(b.red, &d.unit).into()),
                    ],
                )
            })
        }),
        "benchmark_source" => ron::from_str::<Option<String>>(text)
            .ok()
            .map(|s| s.unwrap_or_else(none)),
        "base_year" => ron::from_str::<Option<i32>>(text)
            .ok()
            .map(|y| y.unwrap_or(DEFAULT_BASE_YEAR).to_string()),
        _ => None,
    };
    said.unwrap_or_else(|| text.to_string())
}

/// The form as posted: the CSRF token and every field by name (a disaggregation column's is
/// `d:COLUMN`).
#[derive(Deserialize)]
struct Posted {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    fields: BTreeMap<String, String>,
}

impl Csrf for Posted {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /indicators/{id}/observations`: saves the value (then back to the page), or shows the
/// form again with what is wrong beside its field and nothing written.
async fn save(
    State(state): State<AppState>,
    staff: Staff,
    UrlPath(id): UrlPath<String>,
    CsrfForm(posted): CsrfForm<Posted>,
) -> Result<Response, Failure> {
    staff.require(ECONOMICS)?;
    let lang = staff.lang;
    let words = Words::new(lang);
    let mut entry = Entry {
        fields: posted.fields,
        ..Entry::default()
    };
    let loaded = super::indicators_now(&state)
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let Some(indicator) = loaded.catalogue.indicators.iter().find(|i| i.id() == id) else {
        return Err(Failure::not_found(lang));
    };
    let restoring = entry.get("restore").to_string();
    let mut comment = entry.get("comment").to_string();
    if !restoring.is_empty() && comment.trim().is_empty() {
        comment = words.say(
            "indicator-restored-comment",
            &[("at", restoring.clone().into())],
        );
    }
    let expected = entry.get("expected").trim();
    let input = ObservationInput {
        year: entry.get("year").to_string(),
        disaggregation: entry.disaggregation(),
        units: None,
        value: entry.get("value").to_string(),
        // As typed (blank clears it: the form shows the stored one); a restore keeps it.
        source: entry.fields.get("source").cloned(),
        comment,
        expected: if entry.fields.contains_key("expected") {
            if expected.is_empty() {
                Some(None)
            } else {
                expected.parse::<f64>().ok().map(Some)
            }
        } else {
            None
        },
    };

    // A value far from the year before is saved only when the person says it is right.
    let confirmed = entry.fields.contains_key("confirm");
    if !confirmed
        && !input.comment.trim().is_empty()
        && let (Ok(year), Ok(value)) = (
            input.year.trim().parse::<i32>(),
            input.value.trim().parse::<f64>(),
        )
        && let Some((before, previous)) =
            implausible(&indicator.dataset, year, &input.disaggregation, value)
    {
        let message = if value > previous {
            "indicator-entry-implausible-more"
        } else {
            "indicator-entry-implausible-less"
        };
        let said = words.say(
            message,
            &[
                ("year", before.into()),
                (
                    "previous",
                    words.value(previous, &indicator.definition.unit).into(),
                ),
            ],
        );
        entry.problems.insert("value".into(), said);
        entry.ask_confirm = true;
        return indicator_page(&state, &staff, &id, Form::Posted(entry), StatusCode::OK).await;
    }

    let dir = state.indicators_dir().to_path_buf();
    let user = staff.signed.name.clone();
    let target = id.clone();
    let result = with_centre(&state, move |centre| {
        centre.set_observation(&dir, &target, &input, Some(&user))
    })
    .await;
    let status = match result {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/indicators/{id}?saved=1#entry")).into_response());
        }
        Err(CentreError::ObservationRefused(refused)) => {
            let fields = crate::centre::observations::refused_fields(&refused);
            for (field, problem) in fields {
                let message = problem.message.get(lang).to_string();
                match field {
                    Some(field) if !entry.problems.contains_key(&field) => {
                        entry.problems.insert(field, message);
                    }
                    _ => entry.alert.push(problem.render(lang)),
                }
            }
            StatusCode::BAD_REQUEST
        }
        Err(CentreError::Input { field, problem }) => {
            entry.problems.insert(field.to_string(), words.of(&problem));
            StatusCode::BAD_REQUEST
        }
        Err(err @ CentreError::ObservationConflict(_)) => {
            if let CentreError::ObservationConflict(conflict) = &err {
                let current = conflict.current.map_or_else(String::new, |v| v.to_string());
                entry.fields.insert("expected".into(), current);
            }
            entry.alert.push(words.of(&err));
            StatusCode::CONFLICT
        }
        Err(err) => return Err(Failure::centre(&err, lang)),
    };
    indicator_page(&state, &staff, &id, Form::Posted(entry), status).await
}

/// The definition's form: as typed, or as the page fills it from the file.
#[derive(Clone, Debug, Default)]
pub(super) struct DefinitionForm {
    pub fields: BTreeMap<String, String>,
    /// Field (`target.value`, `benchmark.red`, `base_year`...) → the problem shown beside it.
    pub problems: BTreeMap<String, String>,
    /// Problems not about one field.
    pub alert: Vec<String>,
    pub saved: bool,
}

impl DefinitionForm {
    fn get(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// The form filled from the definition as it stands, its numbers written as the reader
    /// writes them (25,5 in Ukrainian; the form reads a comma or a dot).
    pub(super) fn opened(
        query: &BTreeMap<String, String>,
        indicator: &Indicator,
        lang: crate::i18n::Lang,
    ) -> Self {
        let d = &indicator.definition;
        let text = |v: Option<f64>| {
            v.map_or_else(String::new, |v| match lang {
                crate::i18n::Lang::Uk => v.to_string().replace('.', ","),
                crate::i18n::Lang::En => v.to_string(),
            })
        };
        let fields = [
            ("target.value", text(d.target.map(|t| t.value))),
            (
                "target.year",
                d.target.map_or_else(String::new, |t| t.year.to_string()),
            ),
            ("benchmark.green", text(d.benchmark.map(|b| b.green))),
            ("benchmark.red", text(d.benchmark.map(|b| b.red))),
            (
                "benchmark_source",
                d.benchmark_source.clone().unwrap_or_default(),
            ),
            ("base_year", d.base_year().to_string()),
        ];
        DefinitionForm {
            fields: fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            saved: query.contains_key("defined"),
            ..DefinitionForm::default()
        }
    }

    /// The edit the form asks for, or the problems of what was typed (field → problem).
    fn edit(&self, words: &Words) -> Result<DefinitionEdit, BTreeMap<String, String>> {
        let mut problems = BTreeMap::new();
        let blank = |fields: [&str; 2]| fields.iter().all(|f| self.get(f).trim().is_empty());
        let target = if blank(["target.value", "target.year"]) {
            Some(None)
        } else {
            let value = decimal_of(
                self.get("target.value"),
                "target.value",
                words,
                &mut problems,
            );
            let year = year_of(self.get("target.year"), "target.year", words, &mut problems);
            Some(value.zip(year).map(|(value, year)| Target { value, year }))
        };
        let benchmark = if blank(["benchmark.green", "benchmark.red"]) {
            Some(None)
        } else {
            let mut number = |field| decimal_of(self.get(field), field, words, &mut problems);
            let green = number("benchmark.green");
            let red = number("benchmark.red");
            Some(green.zip(red).map(|(green, red)| Benchmark { green, red }))
        };
        let base_year = year_of(self.get("base_year"), "base_year", words, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(DefinitionEdit {
            target,
            benchmark,
            benchmark_source: Some(Some(self.get("benchmark_source").to_string())),
            base_year,
        })
    }
}

/// A year typed in the definition's form, or its problem noted under `field`.
fn year_of(
    typed: &str,
    field: &str,
    words: &Words,
    problems: &mut BTreeMap<String, String>,
) -> Option<i32> {
    read_field(typed, field, words, problems, |typed| {
        typed
            .trim()
            .parse()
            .map_err(|_| InputProblem::NotANumber(typed.to_string()))
    })
}

/// The definition form's part of the page.
pub(super) fn definition_context(form: &DefinitionForm) -> Value {
    context! {
        target_value => form.get("target.value"),
        target_year => form.get("target.year"),
        green => form.get("benchmark.green"),
        red => form.get("benchmark.red"),
        benchmark_source => form.get("benchmark_source"),
        base_year => form.get("base_year"),
        comment => form.get("comment"),
        problems => form.problems.clone(),
        alert => form.alert.clone(),
        saved => form.saved,
    }
}

/// `POST /indicators/{id}/definition`: changes the definition (then back to the page), or shows
/// the form again with what is wrong beside its field and nothing written.
async fn define(
    State(state): State<AppState>,
    staff: Staff,
    UrlPath(id): UrlPath<String>,
    CsrfForm(posted): CsrfForm<Posted>,
) -> Result<Response, Failure> {
    staff.require(ECONOMICS)?;
    let lang = staff.lang;
    let words = Words::new(lang);
    let mut form = DefinitionForm {
        fields: posted.fields,
        ..DefinitionForm::default()
    };
    let edit = match form.edit(&words) {
        Ok(edit) => edit,
        Err(problems) => {
            form.problems = problems;
            let posted = Form::PostedDefinition(form);
            return indicator_page(&state, &staff, &id, posted, StatusCode::BAD_REQUEST).await;
        }
    };
    let input = DefinitionInput {
        edit,
        comment: form.get("comment").to_string(),
    };
    let dir = state.indicators_dir().to_path_buf();
    let user = staff.signed.name.clone();
    let target = id.clone();
    let result = with_centre(&state, move |centre| {
        centre.set_definition(&dir, &target, &input, Some(&user))
    })
    .await;
    match result {
        Ok(_) => {
            return Ok(
                Redirect::to(&format!("/indicators/{id}?defined=1#definition")).into_response(),
            );
        }
        Err(CentreError::DefinitionRefused(refused)) => {
            for (field, problem) in &refused.problems {
                let message = problem.message.get(lang).to_string();
                match field {
                    Some(field) if !form.problems.contains_key(*field) => {
                        form.problems.insert((*field).to_string(), message);
                    }
                    _ => form.alert.push(problem.render(lang)),
                }
            }
        }
        Err(CentreError::Input { field, problem }) => {
            form.problems.insert(field.to_string(), words.of(&problem));
        }
        Err(err) => return Err(Failure::centre(&err, lang)),
    }
    let posted = Form::PostedDefinition(form);
    indicator_page(&state, &staff, &id, posted, StatusCode::BAD_REQUEST).await
}

/// The rows of a data file `check` refuses, as the person corrected them on the page.
#[derive(Clone, Debug, Default)]
pub(super) struct RowForm {
    /// Line → the cells as typed.
    pub rows: BTreeMap<usize, Vec<String>>,
    pub comment: String,
    pub alert: Vec<String>,
}

/// The cells of a posted row: `r{k}.c-0`, `r{k}.c-1`... (or `.e-` for the row as it was shown).
fn cells(fields: &BTreeMap<String, String>, prefix: &str) -> Vec<String> {
    (0..)
        .map_while(|i| fields.get(&format!("{prefix}{i}")).cloned())
        .collect()
}

/// `POST /indicators/{id}/rows`: corrects (or, all cells blank, removes) the rows a problem of a
/// data file `check` refuses names, all at once; accepted only when the whole resulting file
/// passes `check`.
async fn correct_rows(
    State(state): State<AppState>,
    staff: Staff,
    UrlPath(id): UrlPath<String>,
    CsrfForm(posted): CsrfForm<Posted>,
) -> Result<Response, Failure> {
    staff.require(ECONOMICS)?;
    let lang = staff.lang;
    let words = Words::new(lang);
    let fields = posted.fields;
    let mut changes = Vec::new();
    for k in 0.. {
        let Some(line) = fields.get(&format!("r{k}.line")) else {
            break;
        };
        let line = line
            .trim()
            .parse::<usize>()
            .map_err(|_| Failure::bad_request(words.text("web-bad-form")))?;
        changes.push(RowChange {
            line,
            expected: cells(&fields, &format!("r{k}.e-")),
            cells: cells(&fields, &format!("r{k}.c-")),
        });
    }
    // Only the rows the person changed; the others stay as they are.
    changes.retain(|change| change.cells != change.expected);
    let mut form = RowForm {
        rows: changes.iter().map(|c| (c.line, c.cells.clone())).collect(),
        comment: fields.get("comment").cloned().unwrap_or_default(),
        alert: Vec::new(),
    };
    let input = RowsInput {
        rows: changes,
        comment: form.comment.clone(),
    };
    let dir = state.indicators_dir().to_path_buf();
    let user = staff.signed.name.clone();
    let target = id.clone();
    let result = with_centre(&state, move |centre| {
        centre.set_rows(&dir, &target, &input, Some(&user))
    })
    .await;
    let status = match result {
        Ok(_) => {
            return Ok(Redirect::to(&format!("/indicators/{id}?saved=1#entry")).into_response());
        }
        Err(CentreError::ObservationRefused(refused)) => {
            form.alert.push(words.text("indicator-fix-still-broken"));
            // The problems' words without their lines: those are the corrected file's, which
            // the page does not show.
            form.alert.extend(
                refused
                    .problems
                    .0
                    .iter()
                    .map(|p| p.message.get(lang).to_string()),
            );
            StatusCode::BAD_REQUEST
        }
        Err(CentreError::Input { field, problem }) => {
            form.alert.push(format!("{field}: {}", words.of(&problem)));
            StatusCode::BAD_REQUEST
        }
        Err(err @ CentreError::RowChanged { .. }) => {
            form.alert.push(words.of(&err));
            StatusCode::CONFLICT
        }
        Err(err) => return Err(Failure::centre(&err, lang)),
    };
    indicator_page(&state, &staff, &id, Form::PostedRow(form), status).await
}

/// A problem of the data file as `check` prints it, the path inside the indicators directory
/// (`data/<id>.csv:3:2: ...`), not the server's.
pub(super) fn short_problem(
    problem: &crate::diagnostics::Problem,
    id: &str,
    lang: crate::i18n::Lang,
) -> String {
    let mut short = problem.clone();
    short.path = std::path::Path::new(crate::indicators::DATA_DIR_NAME).join(format!("{id}.csv"));
    short.render(lang)
}
