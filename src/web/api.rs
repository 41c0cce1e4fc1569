//! `/api/v1`: the JSON API. Each answer equals the command line's `--format json` object as a
//! JSON value, because both serialise the same outcome of the same operation.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::reply::{Caller, Failure};
use super::{AppState, with_centre};
use crate::centre::{TourStart, VisitAdd};
use crate::store::Role;

const DESK: &[Role] = &[Role::Guide, Role::Admin];
const DESK_READERS: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];
const ANY_USER: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(super::healthz))
        .route("/api/v1/status", get(status))
        .route("/api/v1/tours", get(tours).post(start_tour))
        .route("/api/v1/tours/{id}/end", post(end_tour))
        .route("/api/v1/tours/{id}/void", post(void_tour))
        .route("/api/v1/visits", post(add_visit))
        .route("/api/v1/visits/{id}/void", post(void_visit))
        .route("/api/v1/indicators/progress", get(progress))
}

type Answer<T> = Result<(StatusCode, Json<T>), Failure>;

/// A JSON body, or 400 naming what is wrong with it.
fn body<T>(body: Result<Json<T>, JsonRejection>, caller: &Caller) -> Result<T, Failure> {
    body.map(|Json(value)| value).map_err(|rejection| {
        let status = rejection.status();
        let mut failure = Failure::bad_request(rejection.body_text()).api();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            failure.status = status;
            failure.code = "too_large";
        }
        let _ = caller;
        failure
    })
}

#[derive(Deserialize)]
struct StatusQuery {
    year: Option<i32>,
    as_of: Option<String>,
}

async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<StatusQuery>,
) -> Answer<crate::visitors::YearStatus> {
    caller.require(DESK_READERS)?;
    let lang = caller.lang;
    let status = with_centre(&state, move |centre| {
        centre.year_status(query.year, query.as_of.as_deref())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(status)))
}

#[derive(Deserialize)]
struct DayQuery {
    date: Option<String>,
}

async fn tours(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<DayQuery>,
) -> Answer<crate::centre::DayTours> {
    caller.require(DESK)?;
    let lang = caller.lang;
    let day = with_centre(&state, move |centre| {
        centre.day_tours(query.date.as_deref())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(day)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewTourBody {
    group: String,
    size: i64,
    guide: Option<String>,
    note: Option<String>,
    /// The kiosk station a tour plays at (the stations issue uses it); accepted and not yet kept.
    #[allow(dead_code)]
    station: Option<String>,
}

async fn start_tour(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<NewTourBody>, JsonRejection>,
) -> Answer<crate::centre::TourRecord> {
    caller.require(DESK)?;
    let new = body(request, &caller)?;
    let lang = caller.lang;
    let tour = with_centre(&state, move |centre| {
        centre.start_tour(&TourStart {
            group: new.group,
            size: new.size,
            guide: new.guide,
            note: new.note,
            at: None,
        })
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::CREATED, Json(tour)))
}

async fn end_tour(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer<crate::centre::TourRecord> {
    caller.require(DESK)?;
    let lang = caller.lang;
    let tour = with_centre(&state, move |centre| centre.end_tour(&id, None))
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(tour)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewVisitBody {
    count: i64,
    category: String,
    date: Option<String>,
    note: Option<String>,
}

async fn add_visit(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<NewVisitBody>, JsonRejection>,
) -> Answer<crate::centre::VisitAdded> {
    caller.require(DESK)?;
    let new = body(request, &caller)?;
    let lang = caller.lang;
    let visit = with_centre(&state, move |centre| {
        centre.add_visit(&VisitAdd {
            count: new.count,
            category: new.category,
            date: new.date,
            note: new.note,
        })
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::CREATED, Json(visit)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VoidBody {
    reason: String,
}

async fn void_visit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<VoidBody>, JsonRejection>,
) -> Answer<crate::centre::Voided> {
    caller.require(DESK)?;
    let reason = body(request, &caller)?.reason;
    let (lang, user) = (caller.lang, caller.name.clone());
    let voided = with_centre(&state, move |centre| {
        centre.void_visit(&id, Some(&user), &reason)
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(voided)))
}

async fn void_tour(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<VoidBody>, JsonRejection>,
) -> Answer<crate::centre::Voided> {
    caller.require(DESK)?;
    let reason = body(request, &caller)?.reason;
    let (lang, user) = (caller.lang, caller.name.clone());
    let voided = with_centre(&state, move |centre| {
        centre.void_tour(&id, Some(&user), &reason)
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(voided)))
}

async fn progress(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, Json<serde_json::Value>), Failure> {
    caller.require(ANY_USER)?;
    let lang = caller.lang;
    let indicators = state.indicators_dir().to_path_buf();
    let data_dir = state.data_dir().to_path_buf();
    let rows = with_centre(&state, move |centre| {
        let loaded = crate::centre::indicators::load(&indicators, Some(&data_dir), centre.today())?;
        let rows: Vec<crate::centre::indicators::ProgressRow<'_>> =
            loaded.catalogue.indicators.iter().map(Into::into).collect();
        // Plain numbers and strings: serialising them cannot fail.
        Ok(serde_json::to_value(rows).unwrap_or_default())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(rows)))
}
