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
use crate::centre::observations::{HistoryEntry, ObservationInput};
use crate::i18n::Words;
use crate::indicators::{Indicator, implausible, stored_value};
use crate::report::IndicatorWords;
use crate::store::Role;

const ECONOMICS: &[Role] = &[Role::Economist, Role::Admin];

/// The prefix of a disaggregation column's form field: `d:District`.
const COLUMN_PREFIX: &str = "d:";

pub fn routes() -> Router<AppState> {
    Router::new().route("/indicators/{id}/observations", post(save))
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

/// The page's data-entry part: the table, the form and the history.
pub(super) fn context(
    words: &Words,
    indicator: &Indicator,
    entry: &Entry,
    history: &[HistoryEntry],
) -> Value {
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

    let history: Vec<Value> = history
        .iter()
        .map(|change| {
            let at = change
                .at
                .with_timezone(&chrono_tz::Europe::Kyiv)
                .format("%Y-%m-%d %H:%M")
                .to_string();
            let restore = match (change.outside, change.year) {
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
            context! {
                at => at,
                user => change.user.clone().unwrap_or_else(|| "–".into()),
                year => change.year,
                series => change.year.map(|_| series_name(&change.disaggregation)),
                old => shown(change.old),
                new => shown(change.new),
                comment => change.comment.clone(),
                outside => change.outside,
                restore => restore,
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
        history => history,
    }
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
