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
use utoipa::openapi::Ref;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, Schema};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::reply::{Caller, ErrorBody, Failure};
use super::{AppState, with_centre};
use crate::centre::indicators::ProgressRow;
use crate::centre::observations::{HistoryEntry, ObservationInput, StoredObservation};
use crate::centre::stations::{SessionUpload, StationStatus, UploadReceipt};
use crate::centre::{DayTours, TourRecord, TourStart, VisitAdd, VisitAdded, Voided};
use crate::store::{Heartbeat, Role};
use crate::visitors::YearStatus;

const DESK: &[Role] = &[Role::Guide, Role::Admin];
const DESK_READERS: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];
const ANY_USER: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];
const ECONOMICS: &[Role] = &[Role::Economist, Role::Admin];

pub fn routes() -> Router<AppState> {
    let (api, _) = documented().split_for_parts();
    Router::new()
        .route("/healthz", get(super::healthz))
        .merge(api)
}

/// Every `/api/v1` route, with its description. Add a route here, through `routes!`, and never
/// with a plain `.route(...)`: `tests/it/openapi.rs` fails on an `/api/v1` route it cannot find in
/// the document.
fn documented() -> OpenApiRouter<AppState> {
    let api = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(status))
        .routes(routes!(tours, start_tour))
        .routes(routes!(end_tour))
        .routes(routes!(void_tour))
        .routes(routes!(add_visit))
        .routes(routes!(void_visit))
        .routes(routes!(progress))
        .routes(routes!(put_observation))
        .routes(routes!(indicator_history))
        .routes(routes!(put_definition))
        .routes(routes!(play_sessions))
        .routes(routes!(heartbeat))
        .routes(routes!(stations))
        .routes(routes!(panel))
        .routes(routes!(scenario))
        .routes(routes!(asset))
        .routes(routes!(openapi_json));
    super::booking_api::add(api)
}

/// The OpenAPI document of [`documented`], as it is served.
fn openapi() -> utoipa::openapi::OpenApi {
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
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("tc_<id>_<secret>")
                    .description(Some(
                        "A user's API token, `Authorization: Bearer tc_<id>_<secret>`, as \
                         `tourcentre user token NAME` prints it (once); `tourcentre user revoke \
                         NAME` ends it.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "station",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("tc_<id>_<secret>")
                    .description(Some(
                        "A kiosk station's token, as `tourcentre station add NAME` prints it \
                         (once); it reaches only the station routes, and `tourcentre station \
                         remove NAME` ends it.",
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
        ArrayBuilder::new()
            .items(Ref::from_schema_name(TourRecord::name()))
            .into()
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
    let _ = caller;
    json_body(body)
}

/// A JSON body, or 400 naming what is wrong with it (413 when it is too large).
pub(super) fn json_body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, Failure> {
    body.map(|Json(value)| value).map_err(|rejection| {
        let status = rejection.status();
        let mut failure = Failure::bad_request(rejection.body_text()).api();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            failure.status = status;
            failure.code = "too_large";
        }
        failure
    })
}

/// `GET /api/v1/openapi.json`, the same document to anyone, made once.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    // Built from values: serialising it cannot fail.
    openapi().to_pretty_json().unwrap_or_default()
});

/// This description of the API (OpenAPI 3.1).
///
/// Anyone may read it, without signing in.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "api",
    responses(
        (status = OK, description = "The OpenAPI 3.1 document", content_type = "application/json", body = Object),
    ),
)]
async fn openapi_json() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        DOCUMENT.as_str(),
    )
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct StatusQuery {
    /// The year; default the current one (a past year is read on 31 December)
    #[param(example = 2026)]
    year: Option<i32>,
    /// The day to read the year on, YYYY-MM-DD; default today
    #[param(format = Date, example = "2026-05-19")]
    as_of: Option<String>,
}

/// The year so far against the target (`visitors status --format json`).
///
/// Visitors to date, expected and projected, what each remaining open day needs, the pace, and
/// the counts by category and by month. Guides, economists and the administrator.
#[utoipa::path(
    get,
    path = "/api/v1/status",
    tag = "visitors",
    params(StatusQuery),
    responses(
        (status = OK, description = "The year's status", body = YearStatus),
        (status = BAD_REQUEST, description = "`year` or `as_of` is not a date the year has", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<StatusQuery>,
) -> Answer<YearStatus> {
    caller.require_or_panel(DESK_READERS)?;
    let lang = caller.lang;
    let status = with_centre(&state, move |centre| {
        centre.year_status(query.year, query.as_of.as_deref())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(status)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DayQuery {
    /// The day, YYYY-MM-DD; default today
    #[param(format = Date, example = "2026-05-19")]
    date: Option<String>,
}

/// A day's tours (`tour list --format json`).
///
/// Every open tour (of any day) first, then the day's ended tours, each with the rounds of the
/// exhibit played during it (`games`). Guides and the administrator.
#[utoipa::path(
    get,
    path = "/api/v1/tours",
    tag = "tours",
    params(DayQuery),
    responses(
        (status = OK, description = "The day's tours, open ones first", body = DayTours),
        (status = BAD_REQUEST, description = "`date` is not a date", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn tours(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<DayQuery>,
) -> Answer<DayTours> {
    caller.require_or_panel(DESK)?;
    let lang = caller.lang;
    let day = with_centre(&state, move |centre| {
        centre.day_tours(query.date.as_deref())
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(day)))
}

/// A tour to start now.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewTourBody {
    /// school, student, adult, family or other
    #[schema(example = "school")]
    group: String,
    /// People in the group
    #[schema(minimum = 1, maximum = 500, example = 24)]
    size: i64,
    guide: Option<String>,
    note: Option<String>,
    /// The kiosk station the tour plays at (its rounds belong to it first). From a kiosk's guide
    /// panel it is always that kiosk, whatever the body says.
    station: Option<String>,
}

/// Starts a tour now (`tour start --format json`).
///
/// Guides and the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/tours",
    tag = "tours",
    request_body = NewTourBody,
    responses(
        (status = CREATED, description = "The tour, started", body = TourRecord),
        (status = BAD_REQUEST, description = "Not such a JSON body, or a value out of range", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn start_tour(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<NewTourBody>, JsonRejection>,
) -> Answer<TourRecord> {
    caller.require_or_panel(DESK)?;
    let new = body(request, &caller)?;
    let lang = caller.lang;
    let tour = with_centre(&state, move |centre| {
        centre.start_tour(&TourStart {
            group: new.group,
            size: new.size,
            guide: new.guide,
            note: new.note,
            at: None,
            station: if caller.panel {
                Some(caller.name)
            } else {
                new.station
            },
        })
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::CREATED, Json(tour)))
}

/// Ends a tour now (`tour end ID --format json`).
///
/// Guides and the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/tours/{id}/end",
    tag = "tours",
    params(("id" = String, Path, description = "The tour's id, or its first characters as `tour list` shows them")),
    responses(
        (status = OK, description = "The tour, ended", body = TourRecord),
        (status = BAD_REQUEST, description = "The tour would end before it started", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No tour has that id, or more than one begins so", body = ErrorBody),
        (status = CONFLICT, description = "The tour has already ended", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn end_tour(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer<TourRecord> {
    caller.require_or_panel(DESK)?;
    let lang = caller.lang;
    let tour = with_centre(&state, move |centre| centre.end_tour(&id, None))
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(tour)))
}

/// Walk-in visitors to add.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct NewVisitBody {
    /// How many people
    #[schema(minimum = 1, maximum = 500, example = 7)]
    count: i64,
    /// school, student, adult, family or other
    #[schema(example = "family")]
    category: String,
    /// The day, YYYY-MM-DD; default today
    #[schema(format = Date, example = "2026-05-19")]
    date: Option<String>,
    note: Option<String>,
}

/// Adds walk-in visitors (`visit add --format json`).
///
/// Guides and the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/visits",
    tag = "visits",
    request_body = NewVisitBody,
    responses(
        (status = CREATED, description = "The visit, with the day's total after it", body = VisitAdded),
        (status = BAD_REQUEST, description = "Not such a JSON body, or a value out of range", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn add_visit(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<NewVisitBody>, JsonRejection>,
) -> Answer<VisitAdded> {
    caller.require_or_panel(DESK)?;
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

/// Why a record is voided; kept in the audit log.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct VoidBody {
    /// Why (kept in the audit log); not blank
    #[schema(example = "typed 40 instead of 4")]
    reason: String,
}

/// Voids walk-ins entered by mistake (`visit void ID --reason TEXT --format json`).
///
/// They count nothing after it, and stay in the audit log with who voided them and why. Guides
/// and the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/visits/{id}/void",
    tag = "visits",
    params(("id" = String, Path, description = "The visit's id")),
    request_body = VoidBody,
    responses(
        (status = OK, description = "The visit, voided", body = Voided),
        (status = BAD_REQUEST, description = "Not such a JSON body, or a blank reason", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No visit has that id (or it is voided already)", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn void_visit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<VoidBody>, JsonRejection>,
) -> Answer<Voided> {
    void(&state, &caller, request, move |centre, user, reason| {
        centre.void_visit(&id, Some(user), reason)
    })
    .await
}

/// Voids a tour entered by mistake (`tour void ID --reason TEXT --format json`).
///
/// It counts nothing after it, and stays in the audit log with who voided it and why. Guides and
/// the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/tours/{id}/void",
    tag = "tours",
    params(("id" = String, Path, description = "The tour's id, or its first characters as `tour list` shows them")),
    request_body = VoidBody,
    responses(
        (status = OK, description = "The tour, voided", body = Voided),
        (status = BAD_REQUEST, description = "Not such a JSON body, or a blank reason", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No tour has that id (or it is voided already), or more than one begins so", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn void_tour(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<VoidBody>, JsonRejection>,
) -> Answer<Voided> {
    void(&state, &caller, request, move |centre, user, reason| {
        centre.void_tour(&id, Some(user), reason)
    })
    .await
}

/// A void by a guide: the reason from the body, who from the credentials.
async fn void(
    state: &AppState,
    caller: &Caller,
    request: Result<Json<VoidBody>, JsonRejection>,
    act: impl FnOnce(
        &mut crate::centre::Centre,
        &str,
        &str,
    ) -> Result<Voided, crate::centre::CentreError>
    + Send
    + 'static,
) -> Answer<Voided> {
    caller.require(DESK)?;
    let reason = body(request, caller)?.reason;
    let (lang, user) = (caller.lang, caller.name.clone());
    let voided = with_centre(state, move |centre| act(centre, &user, &reason))
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(voided)))
}

/// The Green City indicators' progress (`indicators progress --format json`).
///
/// One row per indicator of the catalogue, in its order. Guides, economists and the
/// administrator.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/progress",
    tag = "indicators",
    responses(
        (status = OK, description = "Each indicator's progress", body = Vec<ProgressRow>),
        (status = BAD_REQUEST, description = "The indicators' files have problems", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn progress(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, Json<serde_json::Value>), Failure> {
    caller.require(ANY_USER)?;
    let lang = caller.lang;
    let loaded = super::indicators_now(&state)
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    let rows: Vec<ProgressRow<'_>> = loaded.catalogue.indicators.iter().map(Into::into).collect();
    // Plain numbers and strings: serialising them cannot fail.
    let rows = serde_json::to_value(rows).unwrap_or_default();
    Ok((StatusCode::OK, Json(rows)))
}

/// OBSERVATION: one value of an indicator's data, for one year and one series.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ObservationBody {
    /// From 1900 to the current year
    #[schema(value_type = i32, example = 2024)]
    year: serde_json::Value,
    /// Disaggregation column → value; none (or blank values) for the headline series
    #[serde(default)]
    disaggregation: std::collections::BTreeMap<String, String>,
    /// The row's units; null keeps them (blank for a new row)
    #[serde(default)]
    units: Option<String>,
    /// The value; null blanks the observation (a missing value). A text is read as `check`
    /// reads a CSV cell (so "12,5" is refused with its words).
    #[schema(value_type = Option<f64>, example = 12.5)]
    value: serde_json::Value,
    /// Where the value comes from (the CSV's Source column); null keeps it
    #[serde(default)]
    source: Option<String>,
    /// Why: kept in the history; required
    #[serde(default)]
    comment: String,
    /// The value the person saw (null: none); when given and not the stored one any more, the
    /// answer is 409 with the current value
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<f64>)]
    expected: Option<Option<f64>>,
}

/// A field that may be absent (None) or null (Some(None)).
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(deserializer).map(Some)
}

/// A cell as `check` would read it: a number as Rust writes it, a text as typed, null blank.
fn cell_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => Some(String::new()),
        serde_json::Value::Number(number) => Some(
            number
                .as_i64()
                .map(|n| n.to_string())
                .or_else(|| number.as_f64().map(|f| f.to_string()))
                .unwrap_or_else(|| number.to_string()),
        ),
        serde_json::Value::String(text) => Some(text.clone()),
        _ => None,
    }
}

/// 400: an observation refused, with the field it is about (an [`ErrorBody`] with `field`).
#[derive(serde::Serialize)]
struct ObservationRefusal {
    error: &'static str,
    message: String,
    field: Option<String>,
}

/// 409: the stored value is not the one the person saw (an [`ErrorBody`] with `current`).
#[derive(serde::Serialize)]
struct ObservationConflict {
    error: &'static str,
    message: String,
    current: Option<f64>,
}

/// Adds, corrects or blanks one observation of an indicator.
///
/// It goes into the indicator's CSV (created when missing) only if the whole resulting file
/// passes `check`; the file is replaced atomically, writes to one file are serialised, and the
/// change (who, when, old and new value, comment) is kept in the history. A derived indicator
/// (`centre-visits`, `exhibit-first-try-accuracy`) takes no observations. Economists and the
/// administrator.
#[utoipa::path(
    put,
    path = "/api/v1/indicators/{id}/observations",
    tag = "indicators",
    params(("id" = String, Path, description = "The indicator's id, e.g. msw-recycled-share")),
    request_body = ObservationBody,
    responses(
        (status = OK, description = "The row as stored", body = StoredObservation),
        (status = BAD_REQUEST, description = "The problem `check` would print, with the `field` it is about; or a derived indicator (`derived`)", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not an economist or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No indicator has that id", body = ErrorBody),
        (status = CONFLICT, description = "`expected` is not the stored value any more; `current` is", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn put_observation(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<ObservationBody>, JsonRejection>,
) -> Result<axum::response::Response, Failure> {
    caller.require(ECONOMICS)?;
    let given = body(request, &caller)?;
    let lang = caller.lang;
    let not_a = |field: &'static str, given: &serde_json::Value| {
        let words = crate::i18n::Words::new(lang);
        let given = given.to_string();
        let problem = match field {
            "year" => crate::centre::InputProblem::NotANumber(given),
            _ => crate::centre::InputProblem::NotADecimal(given),
        };
        refusal(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("{field}: {}", words.of(&problem)),
            Some(field.to_string()),
        )
    };
    let Some(year) = cell_text(&given.year) else {
        return Ok(not_a("year", &given.year));
    };
    let Some(value) = cell_text(&given.value) else {
        return Ok(not_a("value", &given.value));
    };
    let input = ObservationInput {
        year,
        disaggregation: given.disaggregation,
        units: given.units,
        value,
        source: given.source,
        comment: given.comment,
        expected: given.expected,
    };
    let dir = state.indicators_dir().to_path_buf();
    let user = caller.name.clone();
    let result = with_centre(&state, move |centre| {
        centre.set_observation(&dir, &id, &input, Some(&user))
    })
    .await;
    match result {
        Ok(stored) => Ok((StatusCode::OK, Json(stored)).into_response()),
        Err(err) => observation_failure(&err, lang),
    }
}

fn refusal(
    status: StatusCode,
    error: &'static str,
    message: String,
    field: Option<String>,
) -> axum::response::Response {
    (
        status,
        Json(ObservationRefusal {
            error,
            message,
            field,
        }),
    )
        .into_response()
}

/// A refused observation as the API answers it: 400 with the field, 409 with the current value,
/// else the usual error.
fn observation_failure(
    err: &crate::centre::CentreError,
    lang: crate::i18n::Lang,
) -> Result<axum::response::Response, Failure> {
    use crate::centre::CentreError;
    let failure = Failure::centre(err, lang).api();
    match err {
        CentreError::ObservationConflict(conflict) => Ok((
            StatusCode::CONFLICT,
            Json(ObservationConflict {
                error: failure.code,
                message: failure.message,
                current: conflict.current,
            }),
        )
            .into_response()),
        CentreError::ObservationRefused(refused) => Ok(refusal(
            failure.status,
            failure.code,
            failure.message,
            refused.field().map(|f| f.name()),
        )),
        CentreError::DefinitionRefused(refused) => Ok(refusal(
            failure.status,
            failure.code,
            failure.message,
            refused.field().map(str::to_string),
        )),
        CentreError::Input { field, .. } => Ok(refusal(
            failure.status,
            failure.code,
            failure.message,
            Some(field.to_string()),
        )),
        _ => Err(failure),
    }
}

/// The editable fields of an indicator's definition, and why they change. A field left out
/// stays as it is; null removes it (written `None`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DefinitionBody {
    /// `{"value": 50.0, "year": 2030}`: the target, its year after the base year; null: none
    #[serde(default, deserialize_with = "present_value")]
    #[schema(value_type = Option<Object>)]
    target: Option<serde_json::Value>,
    /// `{"green": 25.0, "red": 15.0}`: the traffic-light thresholds (for Higher, green at least
    /// red; mirrored for Lower); null: none
    #[serde(default, deserialize_with = "present_value")]
    #[schema(value_type = Option<Object>)]
    benchmark: Option<serde_json::Value>,
    /// Where the thresholds come from; null or blank: none
    #[serde(default, deserialize_with = "present_value")]
    #[schema(value_type = Option<String>)]
    benchmark_source: Option<serde_json::Value>,
    /// From 1900 to the current year
    #[serde(default)]
    #[schema(value_type = Option<i32>, example = 2020)]
    base_year: Option<serde_json::Value>,
    /// Why: kept in the history; required
    #[serde(default)]
    comment: String,
}

/// A field that may be absent (None) or given, null included (Some(Null)).
fn present_value<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(deserializer).map(Some)
}

/// The body as an edit, or the field that is not what it should be.
fn definition_edit(
    body: &DefinitionBody,
) -> Result<crate::indicators::DefinitionEdit, (&'static str, serde_json::Value)> {
    use crate::indicators::{Benchmark, DefinitionEdit, Target};
    use serde_json::Value;
    let number = |field: &'static str, value: Option<&Value>| {
        value
            .and_then(Value::as_f64)
            .ok_or_else(|| (field, value.cloned().unwrap_or(Value::Null)))
    };
    let year = |field: &'static str, value: Option<&Value>| {
        value
            .and_then(Value::as_i64)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(|| (field, value.cloned().unwrap_or(Value::Null)))
    };
    let pair = |field: &'static str, value: &Value, names: [&str; 2]| match value {
        Value::Object(map) if map.keys().all(|k| names.contains(&k.as_str())) => Ok(map.clone()),
        _ => Err((field, value.clone())),
    };
    let mut edit = DefinitionEdit::default();
    if let Some(target) = &body.target {
        edit.target = Some(match target {
            Value::Null => None,
            given => {
                let map = pair("target", given, ["value", "year"])?;
                Some(Target {
                    value: number("target.value", map.get("value"))?,
                    year: year("target.year", map.get("year"))?,
                })
            }
        });
    }
    if let Some(benchmark) = &body.benchmark {
        edit.benchmark = Some(match benchmark {
            Value::Null => None,
            given => {
                let map = pair("benchmark", given, ["green", "red"])?;
                Some(Benchmark {
                    green: number("benchmark.green", map.get("green"))?,
                    red: number("benchmark.red", map.get("red"))?,
                })
            }
        });
    }
    if let Some(source) = &body.benchmark_source {
        edit.benchmark_source = Some(match source {
            Value::Null => None,
            Value::String(text) => Some(text.clone()),
            other => return Err(("benchmark_source", other.clone())),
        });
    }
    if let Some(base_year) = &body.base_year {
        edit.base_year = Some(year("base_year", Some(base_year))?);
    }
    Ok(edit)
}

/// Changes an indicator's target, benchmark thresholds (with their source) or base year.
///
/// Only those fields' values change in `<id>.ron`: every comment and all other formatting stay.
/// The whole resulting file must pass `check` (400 naming the `field`: `target.value`,
/// `target.year`, `benchmark.green`, `benchmark.red`, `benchmark_source`, `base_year`,
/// `comment`), else nothing is written; the file is replaced atomically, writes to one file are
/// serialised, and each changed field (who, when, old and new value, comment) is kept in the
/// history. A derived indicator's definition may be changed too. Economists and the
/// administrator.
#[utoipa::path(
    put,
    path = "/api/v1/indicators/{id}/definition",
    tag = "indicators",
    params(("id" = String, Path, description = "The indicator's id, e.g. msw-recycled-share")),
    request_body = DefinitionBody,
    responses(
        (status = OK, description = "The editable fields as stored, and which changed", body = crate::centre::definitions::StoredDefinition),
        (status = BAD_REQUEST, description = "The problem `check` would print, with the `field` it is about", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not an economist or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No indicator has that id", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn put_definition(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    request: Result<Json<DefinitionBody>, JsonRejection>,
) -> Result<axum::response::Response, Failure> {
    caller.require(ECONOMICS)?;
    let given = body(request, &caller)?;
    let lang = caller.lang;
    let edit = match definition_edit(&given) {
        Ok(edit) => edit,
        Err((field, value)) => {
            let words = crate::i18n::Words::new(lang);
            use crate::centre::InputProblem;
            let value = value.to_string();
            let problem = match field {
                "target" => InputProblem::NotExpected {
                    value,
                    expected: r#"{"value": 50, "year": 2030} | null"#,
                },
                "benchmark" => InputProblem::NotExpected {
                    value,
                    expected: r#"{"green": 25, "red": 15} | null"#,
                },
                "benchmark_source" => InputProblem::NotExpected {
                    value,
                    expected: r#""…" | null"#,
                },
                year if year.ends_with("year") => InputProblem::NotANumber(value),
                _ => InputProblem::NotADecimal(value),
            };
            return Ok(refusal(
                StatusCode::BAD_REQUEST,
                "bad_request",
                format!("{field}: {}", words.of(&problem)),
                Some(field.to_string()),
            ));
        }
    };
    let input = crate::centre::definitions::DefinitionInput {
        edit,
        comment: given.comment,
    };
    let dir = state.indicators_dir().to_path_buf();
    let user = caller.name.clone();
    let result = with_centre(&state, move |centre| {
        centre.set_definition(&dir, &id, &input, Some(&user))
    })
    .await;
    match result {
        Ok(stored) => Ok((StatusCode::OK, Json(stored)).into_response()),
        Err(err) => observation_failure(&err, lang),
    }
}

/// An indicator's changes, newest first.
///
/// Every change written through the server or the command line: when, who, the year and
/// disaggregation, the old and new value, the comment. When the file was edited by hand since the
/// server last wrote it, an entry with `outside` true (and `user` null) says so. A change of the
/// definition names its `field` (`old` and `new` null; `old_text` and `new_text` are the values
/// as the file writes them); a row corrected on the page names its `line`. A derived indicator
/// has only its definition's changes. Any signed-in user.
#[utoipa::path(
    get,
    path = "/api/v1/indicators/{id}/history",
    tag = "indicators",
    params(("id" = String, Path, description = "The indicator's id, e.g. msw-recycled-share")),
    responses(
        (status = OK, description = "The changes, newest first", body = Vec<HistoryEntry>),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = NOT_FOUND, description = "No indicator has that id", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn indicator_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer<Vec<HistoryEntry>> {
    caller.require(ANY_USER)?;
    let lang = caller.lang;
    let dir = state.indicators_dir().to_path_buf();
    let history = with_centre(&state, move |centre| centre.observation_history(&dir, &id))
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((
        StatusCode::OK,
        Json(crate::centre::observations::worded(
            history,
            &crate::i18n::Words::new(lang),
        )),
    ))
}

/// An upload of play sessions, as a kiosk sends it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct SessionsBody {
    /// Each session is judged on its own (see the answer's `rejected`).
    #[schema(value_type = Vec<SessionUpload>)]
    sessions: Vec<serde_json::Value>,
}

/// Rounds played at a kiosk (station tokens only).
///
/// Each session is judged on its own: a valid one is stored once (a session id already stored
/// counts as a duplicate and changes nothing, so a retried upload is harmless); an invalid one
/// (a bad id, ended before it started, more than 5 minutes ahead of the server's clock, over 100
/// answers or 20 choices, a text over 200 characters, an unknown language) is listed with its
/// reason and stored nowhere. The station is the token's, never the body's.
#[utoipa::path(
    post,
    path = "/api/v1/play-sessions",
    tag = "stations",
    request_body = SessionsBody,
    responses(
        (status = OK, description = "What was stored, what was already there, what was refused", body = UploadReceipt),
        (status = BAD_REQUEST, description = "The body is not `{\"sessions\": [...]}`", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid station token", body = ErrorBody),
        (status = FORBIDDEN, description = "A user's token or session, not a station's", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "The body is over 1 MiB", body = ErrorBody),
    ),
    security(("station" = [])),
)]
async fn play_sessions(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<SessionsBody>, JsonRejection>,
) -> Answer<UploadReceipt> {
    let station = caller.station()?.to_string();
    let uploads = body(request, &caller)?.sessions;
    let lang = caller.lang;
    let receipt = with_centre(&state, move |centre| {
        let mut shaped = Vec::new();
        let mut misshapen = Vec::new();
        for value in uploads {
            let id = value
                .get("id")
                .and_then(|id| id.as_str())
                .unwrap_or_default()
                .chars()
                .take(crate::centre::stations::MAX_TEXT)
                .collect::<String>();
            match serde_json::from_value::<SessionUpload>(value) {
                Ok(upload) => shaped.push(upload),
                Err(_) => misshapen.push(crate::centre::stations::Rejected {
                    id,
                    error: "bad_shape".into(),
                }),
            }
        }
        let mut receipt = centre.upload_sessions(&station, &shaped)?;
        receipt.rejected.extend(misshapen);
        Ok(receipt)
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(receipt)))
}

/// What a kiosk says of itself every 30 seconds.
#[derive(Deserialize, ToSchema)]
struct HeartbeatBody {
    version: String,
    /// The scenario it runs.
    scenario: String,
    rounds_today: u64,
    /// Rounds waiting in its outbox to be uploaded.
    outbox: u64,
    uptime_s: u64,
}

/// The server's answer to a heartbeat.
#[derive(serde::Serialize, ToSchema)]
struct HeartbeatAnswer {
    /// The server's clock (RFC 3339), for the kiosk to correct its own.
    server_time: String,
}

/// A kiosk's heartbeat (station tokens only); answers the server's time.
#[utoipa::path(
    post,
    path = "/api/v1/heartbeat",
    tag = "stations",
    request_body = HeartbeatBody,
    responses(
        (status = OK, description = "The server's time", body = HeartbeatAnswer),
        (status = BAD_REQUEST, description = "Not a heartbeat", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid station token", body = ErrorBody),
        (status = FORBIDDEN, description = "A user's token or session, not a station's", body = ErrorBody),
    ),
    security(("station" = [])),
)]
async fn heartbeat(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<HeartbeatBody>, JsonRejection>,
) -> Answer<HeartbeatAnswer> {
    let station = caller.station()?.to_string();
    let beat = body(request, &caller)?;
    let lang = caller.lang;
    let at = with_centre(&state, move |centre| {
        centre.heartbeat(
            &station,
            &Heartbeat {
                version: beat.version.chars().take(100).collect(),
                scenario: beat.scenario.chars().take(200).collect(),
                rounds_today: beat.rounds_today,
                outbox: beat.outbox,
                uptime_s: beat.uptime_s,
            },
        )
    })
    .await
    .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((
        StatusCode::OK,
        Json(HeartbeatAnswer {
            server_time: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }),
    ))
}

/// The kiosk stations and how they are (`station list --format json`).
///
/// Each station's state from its last heartbeat (`online` within 60 s, `waiting` within 300 s,
/// `offline`, or `never`), what it last reported, and what the server stored for it today.
/// Guides and the administrator.
#[utoipa::path(
    get,
    path = "/api/v1/stations",
    tag = "stations",
    responses(
        (status = OK, description = "Every station", body = Vec<StationStatus>),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn stations(State(state): State<AppState>, caller: Caller) -> Answer<Vec<StationStatus>> {
    caller.require(DESK)?;
    let lang = caller.lang;
    let stations = with_centre(&state, |centre| centre.stations())
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(stations)))
}

/// A PIN typed on a kiosk's guide panel.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct PanelBody {
    pin: String,
}

/// A guide panel's token.
#[derive(serde::Serialize, ToSchema)]
struct PanelToken {
    /// `Authorization: Bearer tp_...` on the routes marked *panel*, for 10 minutes.
    token: String,
    expires_at: String,
}

/// Opens a kiosk's guide panel (station tokens only): the PIN typed on the kiosk, checked against
/// the centre's guide PIN (`tourcentre guide set-pin` on the server).
///
/// The answer's token reaches only the routes marked *panel* (the year's status, the day's tours,
/// starting and ending a tour, adding walk-ins), for 10 minutes. A wrong PIN is 403; five wrong in
/// a row lock that station's panel for 60 seconds (429), whatever is typed.
#[utoipa::path(
    post,
    path = "/api/v1/panel",
    tag = "stations",
    request_body = PanelBody,
    responses(
        (status = OK, description = "The panel's token", body = PanelToken),
        (status = BAD_REQUEST, description = "Not `{\"pin\": \"...\"}`", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid station token", body = ErrorBody),
        (status = FORBIDDEN, description = "A wrong PIN, or not a station's token", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, description = "Five wrong PINs in a row: wait a minute", body = ErrorBody),
    ),
    security(("station" = [])),
)]
async fn panel(
    State(state): State<AppState>,
    caller: Caller,
    request: Result<Json<PanelBody>, JsonRejection>,
) -> Answer<PanelToken> {
    let station = caller.station()?.to_string();
    let pin = body(request, &caller)?.pin;
    let lang = caller.lang;
    let now = crate::clock::now();
    let locked = state
        .panels
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .locked(&station, now);
    let too_many = |lang| Failure::too_many("locked", "web-panel-locked", lang).api();
    if locked.is_some() {
        return Err(too_many(lang));
    }
    let data_dir = state.data_dir().to_path_buf();
    // Reading the file and Argon2 take a blocking thread, never an async worker, two at a time
    // with the sign-ins' checks.
    let permit = state.hashing.acquire().await.ok();
    let right = tokio::task::spawn_blocking(move || {
        matches!(crate::pin::load(&data_dir), Ok(crate::pin::PinState::Set(hash)) if crate::pin::verify(&hash, &pin))
    })
    .await
    .unwrap_or(false);
    drop(permit);
    let answer = state
        .panels
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .answer(&station, right, now);
    match answer {
        super::auth::PanelAnswer::Open(token, ends) => Ok((
            StatusCode::OK,
            Json(PanelToken {
                token,
                expires_at: ends.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            }),
        )),
        super::auth::PanelAnswer::Wrong => {
            let mut failure = Failure::forbidden(lang).api();
            failure.code = "wrong_pin";
            failure.message = crate::i18n::Words::new(lang).text("web-panel-wrong");
            Err(failure)
        }
        super::auth::PanelAnswer::Locked(_) => Err(too_many(lang)),
    }
}

/// The scenario the kiosks play (station tokens only): its text, hash, pictures and voice clips.
///
/// `<data dir>/scenario.ron` when the centre has its own, else the bundled one. `assets` are its
/// pictures and the voice clips that speak its texts now, with each language's `made-from.tsv`.
/// A kiosk compares the text's `hash` and every file's `sha256` with what it runs, fetches the
/// files it lacks from `/api/v1/assets/{path}` and checks each one's `sha256`.
#[utoipa::path(
    get,
    path = "/api/v1/scenario",
    tag = "stations",
    responses(
        (status = OK, description = "The scenario", body = crate::centre::scenario::ScenarioOffer),
        (status = UNAUTHORIZED, description = "No valid station token", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a station's token", body = ErrorBody),
    ),
    security(("station" = [])),
)]
async fn scenario(
    State(state): State<AppState>,
    caller: Caller,
) -> Answer<crate::centre::scenario::ScenarioOffer> {
    caller.station()?;
    let lang = caller.lang;
    let offer = with_centre(&state, |centre| centre.scenario_offer())
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?;
    Ok((StatusCode::OK, Json(offer)))
}

/// One picture or voice clip the scenario's offer lists (station tokens only); `path` as
/// `/api/v1/scenario` lists it, with its `/` written `%2F`.
#[utoipa::path(
    get,
    path = "/api/v1/assets/{path}",
    tag = "stations",
    params(("path" = String, Path, description = "The file's path as /api/v1/scenario lists it, e.g. items%2Fnewspaper.png or voice%2Fuk%2Fitem.newspaper.name.ogg")),
    responses(
        (status = OK, description = "The picture (PNG), the clip (Ogg Vorbis) or a clip manifest (TSV)", content(
            (Vec<u8> = "image/png"),
            (Vec<u8> = "audio/ogg"),
            (String = "text/tab-separated-values"),
        )),
        (status = UNAUTHORIZED, description = "No valid station token", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a station's token", body = ErrorBody),
        (status = NOT_FOUND, description = "Not a file of the scenario's offer", body = ErrorBody),
    ),
    security(("station" = [])),
)]
async fn asset(
    State(state): State<AppState>,
    caller: Caller,
    Path(path): Path<String>,
) -> Result<axum::response::Response, Failure> {
    caller.station()?;
    let lang = caller.lang;
    let kind = match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("ogg") => "audio/ogg",
        Some("tsv") => "text/tab-separated-values; charset=utf-8",
        _ => "image/png",
    };
    let bytes = with_centre(&state, move |centre| centre.scenario_asset(&path))
        .await
        .map_err(|err| Failure::centre(&err, lang).api())?
        .ok_or_else(|| Failure::not_found(lang).api())?;
    Ok(([(header::CONTENT_TYPE, kind)], bytes).into_response())
}
