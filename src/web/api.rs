//! `/api/v1`: the JSON API. Each answer equals the command line's `--format json` object as a
//! JSON value, because both serialise the same outcome of the same operation.
//!
//! `GET /api/v1/openapi.json` describes every route (OpenAPI 3.1). The description is made from
//! this code: each handler's `#[utoipa::path]` names its method, path, parameters, body, answers
//! and credentials, and [`documented`] registers each handler through `routes!`, which serves it
//! at exactly that method and path and adds that operation to the document. The answer types'
//! schemas are derived from the same types serde writes.

use std::sync::LazyLock;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::openapi::schema::{ArrayBuilder, Schema};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{RefOr, Server};
use utoipa::{IntoParams, Modify, OpenApi, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::reply::{Caller, ErrorBody, Failure};
use super::{AppState, with_centre};
use crate::centre::indicators::ProgressRow;
use crate::centre::{DayTours, TourRecord, TourStart, VisitAdd, VisitAdded, Voided};
use crate::store::Role;
use crate::visitors::YearStatus;

const DESK: &[Role] = &[Role::Guide, Role::Admin];
const DESK_READERS: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];
const ANY_USER: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];

pub fn routes() -> Router<AppState> {
    let (api, _) = documented().split_for_parts();
    Router::new().route("/healthz", get(super::healthz)).merge(api)
}

/// Every `/api/v1` route, with its description. Add a route here, through `routes!`, and never
/// with a plain `.route(...)`: `tests/it/openapi.rs` fails on an `/api/v1` route it cannot find in
/// the document.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(status))
        .routes(routes!(tours, start_tour))
        .routes(routes!(end_tour))
        .routes(routes!(void_tour))
        .routes(routes!(add_visit))
        .routes(routes!(void_visit))
        .routes(routes!(progress))
        .routes(routes!(openapi_json))
}

/// The OpenAPI document of [`documented`], as it is served.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().into_openapi()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "tourcentre",
        version = env!("CARGO_PKG_VERSION"),
        description = "The JSON API of the Tour Centre of Khmelnytskyi (waste awareness): the \
            guides' desk (tours, walk-in visitors, undoing a mistake by voiding it), the year's \
            visitors against the target, and the Green City indicators' progress.\n\n\
            Every answer equals, as a JSON value, what the command line prints for the same \
            operation with `--format json` (`visitors status`, `tour list`, `tour start`, \
            `tour end`, `tour void`, `visit add`, `visit void`, `indicators progress`).\n\n\
            Sign in with a user's API token, `Authorization: Bearer tc_<id>_<secret>` (made by \
            `tourcentre user token NAME`), or with the browser session cookie `tc_session` that \
            signing in at `/login` sets. A refused or failed request answers \
            `{\"error\": code, \"message\": words}`, the message in the reader's language.",
        license(name = "MIT"),
    ),
    components(schemas(ErrorBody)),
    modifiers(&Credentials),
)]
struct ApiDoc;

/// The two ways to sign in, named by every operation's `security`.
struct Credentials;

impl Modify for Credentials {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        openapi.servers = Some(vec![Server::new("/")]);
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("tc_<id>_<secret>")
                    .description(Some(
                        "A user's API token, as `tourcentre user token NAME` prints it once; \
                         `tourcentre user revoke NAME` ends it.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                super::auth::SESSION_COOKIE,
                "The browser's session after signing in at /login (8 hours, 30 minutes idle).",
            ))),
        );
    }
}

/// A day's tours serialise as one array (`DayTours`'s own `Serialize`): open tours first, then the
/// day's ended ones, as `tour list --format json` prints them.
impl PartialSchema for DayTours {
    fn schema() -> RefOr<Schema> {
        ArrayBuilder::new().items(TourRecord::schema_ref()).into()
    }
}

impl ToSchema for DayTours {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((TourRecord::name().into(), TourRecord::schema()));
        TourRecord::schemas(schemas);
    }
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
