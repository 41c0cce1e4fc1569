//! `/api/v1/booking-slots` and `/api/v1/bookings...` (shared/DESIGN.md): teachers book without an
//! account (a limited number of requests per address and hour), see and cancel with the code;
//! guides and the administrator enter bookings taken by phone and move them through their
//! states. Each handler is one call of the centre's booking operations.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::api::json_body;
use super::reply::{Caller, ErrorBody, Failure, Someone};
use super::{AppState, client_of, with_centre};
use crate::bookings::{Asker, BookingRequest};
use crate::centre::bookings::{BookingAct, BookingFilter, BookingRecord, BookingView, SlotRecord};
use crate::store::Role;

const DESK: &[Role] = &[Role::Guide, Role::Admin];

type Answer<T> = Result<(StatusCode, Json<T>), Failure>;

pub(super) fn add(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(booking_slots))
        .routes(routes!(list_bookings, book))
        .routes(routes!(booking))
        .routes(routes!(cancel))
        .routes(routes!(confirm))
        .routes(routes!(decline))
        .routes(routes!(move_to))
        .routes(routes!(arrive))
        .routes(routes!(no_show))
}

/// A failure of the centre's operations as the API answers it.
fn refused(lang: crate::i18n::Lang) -> impl Fn(crate::centre::CentreError) -> Failure {
    move |err| Failure::centre(&err, lang).api()
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SlotRange {
    /// First day, YYYY-MM-DD (default today)
    from: Option<String>,
    /// Last day, YYYY-MM-DD (default: the end of the booking window)
    to: Option<String>,
}

/// The slots on offer, each with its free places.
///
/// Anyone: teachers see the slots from today + `lead_days` to today + `horizon_days`; a guide or
/// the administrator also sees today's and the next days' slots.
#[utoipa::path(
    get,
    path = "/api/v1/booking-slots",
    tag = "bookings",
    params(SlotRange),
    responses(
        (status = OK, description = "The slots on offer, by date and time", body = Vec<SlotRecord>),
        (status = BAD_REQUEST, description = "A date that is not YYYY-MM-DD", body = ErrorBody),
        (status = UNAUTHORIZED, description = "A token that is not valid (without one, anyone may ask)", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [])),
)]
async fn booking_slots(
    State(state): State<AppState>,
    someone: Someone,
    Query(range): Query<SlotRange>,
) -> Answer<Vec<SlotRecord>> {
    let asker = if someone.staff().is_some() {
        Asker::Guide
    } else {
        Asker::Teacher
    };
    let slots = with_centre(&state, move |centre| {
        centre.booking_slots(range.from.as_deref(), range.to.as_deref(), asker)
    })
    .await
    .map_err(refused(someone.lang))?;
    Ok((StatusCode::OK, Json(slots)))
}

/// What a new booking got.
#[derive(Serialize, ToSchema)]
struct Receipt {
    /// The booking's code: with it the teacher sees and cancels the booking.
    code: String,
    /// `requested` (a teacher's), `confirmed` (entered by a guide)
    status: &'static str,
}

/// Books a visit (BOOKING in shared/DESIGN.md).
///
/// Anyone: a teacher's booking is `requested` until a guide confirms it; a guide's or the
/// administrator's is `confirmed` at once. The people of a slot's requested and confirmed
/// bookings never exceed its capacity, whatever arrives at once.
#[utoipa::path(
    post,
    path = "/api/v1/bookings",
    tag = "bookings",
    request_body = BookingRequest,
    responses(
        (status = CREATED, description = "Kept", body = Receipt),
        (status = BAD_REQUEST, description = "`invalid`: fields wrong, each named; `not_offered`: the slot is not on offer", body = ErrorBody),
        (status = CONFLICT, description = "`full`: not enough free places; `duplicate`: this phone already holds a place in this slot", body = ErrorBody),
        (status = PAYLOAD_TOO_LARGE, description = "A body over 1 MiB", body = ErrorBody),
        (status = TOO_MANY_REQUESTS, description = "Too many requests from this address this hour", body = ErrorBody),
        (status = UNAUTHORIZED, description = "A token that is not valid (without one, anyone may book)", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [])),
)]
async fn book(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    someone: Someone,
    request: Result<Json<BookingRequest>, JsonRejection>,
) -> Answer<Receipt> {
    let lang = someone.lang;
    let staff = someone.staff().map(|caller| caller.name.clone());
    if staff.is_none() {
        limit(&state, peer, &headers, lang).await?;
    }
    let request = json_body(request)?;
    let kept = with_centre(&state, move |centre| match staff {
        Some(user) => centre.book(&request, Asker::Guide, Some(&user)),
        None => centre.book(&request, Asker::Teacher, None),
    })
    .await
    .map_err(refused(lang))?;
    Ok((
        StatusCode::CREATED,
        Json(Receipt {
            code: kept.code,
            status: kept.status,
        }),
    ))
}

/// 429 once an address has made `requests_per_address_per_hour` booking requests this hour.
pub(super) async fn limit(
    state: &AppState,
    peer: SocketAddr,
    headers: &axum::http::HeaderMap,
    lang: crate::i18n::Lang,
) -> Result<(), Failure> {
    let per_hour = with_centre(state, |centre| {
        Ok(centre.calendar()?.bookings.requests_per_address_per_hour)
    })
    .await
    .map_err(refused(lang))?;
    let address = client_of(state, peer, headers);
    let allowed = state
        .booking_requests
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .allow(address, per_hour, std::time::Instant::now());
    if allowed {
        Ok(())
    } else {
        Err(Failure::too_many("rate_limited", "booking-rate-limited", lang).api())
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListQuery {
    /// First day, YYYY-MM-DD (default today)
    from: Option<String>,
    /// Last day, YYYY-MM-DD (default: six days after `from`)
    to: Option<String>,
    /// Only this state
    status: Option<String>,
}

/// The bookings of a week (`booking list --format json`): pending requests first.
///
/// Guides and the administrator; with contact details (until they are erased).
#[utoipa::path(
    get,
    path = "/api/v1/bookings",
    tag = "bookings",
    params(ListQuery),
    responses(
        (status = OK, description = "The bookings", body = Vec<BookingRecord>),
        (status = BAD_REQUEST, description = "A date or state that is not one", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn list_bookings(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<ListQuery>,
) -> Answer<Vec<BookingRecord>> {
    caller.require(DESK)?;
    let filter = BookingFilter {
        from: query.from,
        to: query.to,
        status: query.status,
    };
    let found = with_centre(&state, move |centre| centre.bookings(&filter))
        .await
        .map_err(refused(caller.lang))?;
    Ok((StatusCode::OK, Json(found)))
}

/// A booking as anyone with its code sees it: no contact details.
#[utoipa::path(
    get,
    path = "/api/v1/bookings/{code}",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code (dashes and spaces are ignored)")),
    responses(
        (status = OK, description = "The booking", body = BookingView),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = UNAUTHORIZED, description = "A token that is not valid (without one, anyone with the code may ask)", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [])),
)]
async fn booking(
    State(state): State<AppState>,
    someone: Someone,
    Path(code): Path<String>,
) -> Answer<BookingView> {
    let found = with_centre(&state, move |centre| centre.booking(&code))
        .await
        .map_err(refused(someone.lang))?;
    Ok((StatusCode::OK, Json(BookingView::from(&found.booking))))
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
struct ReasonBody {
    /// Why (a guide's decline or cancellation; the teacher is told)
    reason: Option<String>,
}

/// Cancels a booking.
///
/// Anyone with the code, until `cancel_hours` before the slot (then 409: call the centre); a
/// guide or the administrator at any time, with `{"reason"}`.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/cancel",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ReasonBody, description = "A guide's reason; a teacher sends `{}` or nothing"),
    responses(
        (status = OK, description = "Cancelled", body = BookingView),
        (status = BAD_REQUEST, description = "A guide gave no reason", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Too late to cancel with the code, or it can no longer change", body = ErrorBody),
        (status = UNAUTHORIZED, description = "A token that is not valid (without one, anyone with the code may cancel)", body = ErrorBody),
    ),
    security((), ("bearer" = []), ("session" = [])),
)]
async fn cancel(
    State(state): State<AppState>,
    someone: Someone,
    Path(code): Path<String>,
    body: Option<Json<ReasonBody>>,
) -> Answer<BookingView> {
    let reason = body.map(|Json(b)| b.reason).unwrap_or_default();
    let staff = someone.staff().map(|caller| caller.name.clone());
    let cancelled = with_centre(&state, move |centre| {
        let asker = if staff.is_some() {
            Asker::Guide
        } else {
            Asker::Teacher
        };
        let act = BookingAct::Cancel { asker, reason };
        centre.booking_act(&code, &act, staff.as_deref())
    })
    .await
    .map_err(refused(someone.lang))?;
    Ok((StatusCode::OK, Json(BookingView::from(&cancelled.booking))))
}

/// What a guide's action on a booking may carry.
#[derive(Deserialize, Default, ToSchema)]
#[serde(default)]
struct ActBody {
    /// decline: why
    reason: Option<String>,
    /// move: the new slot's date, YYYY-MM-DD
    date: Option<String>,
    /// move: the new slot's time, HH:MM
    time: Option<String>,
    /// arrive: everyone who came, children and adults (default: as booked)
    people: Option<i64>,
}

/// A guide's action on a booking, as the route names it.
async fn act(
    state: AppState,
    caller: Caller,
    code: String,
    body: Option<Json<ActBody>>,
    action: &str,
) -> Answer<BookingRecord> {
    caller.require(DESK)?;
    let lang = caller.lang;
    let body = body.map(|Json(b)| b).unwrap_or_default();
    let missing = |field: &'static str| {
        let err = crate::centre::CentreError::input(field, crate::centre::InputProblem::Missing);
        Failure::centre(&err, lang).api()
    };
    let act = match action {
        "confirm" => BookingAct::Confirm,
        "decline" => BookingAct::Decline {
            reason: body.reason.unwrap_or_default(),
        },
        "move" => BookingAct::Move {
            date: body.date.ok_or_else(|| missing("date"))?,
            time: body.time.ok_or_else(|| missing("time"))?,
        },
        "arrive" => BookingAct::Arrive {
            people: body.people,
        },
        _ => BookingAct::NoShow,
    };
    let user = caller.name.clone();
    let done = with_centre(&state, move |centre| {
        centre.booking_act(&code, &act, Some(&user))
    })
    .await
    .map_err(refused(lang))?;
    Ok((StatusCode::OK, Json(done)))
}

/// Confirms a teacher's request.
///
/// Guides and the administrator. The booking is answered with its contact details.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/confirm",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ActBody, description = "`{}`"),
    responses(
        (status = OK, description = "Done", body = BookingRecord),
        (status = BAD_REQUEST, description = "A missing reason, date or time, or a slot not on offer", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Its state does not allow it, it changed meanwhile, or the new slot is full", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Option<Json<ActBody>>,
) -> Answer<BookingRecord> {
    act(state, caller, code, body, "confirm").await
}

/// Declines a request, with the reason the teacher is told.
///
/// Guides and the administrator. The booking is answered with its contact details.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/decline",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ActBody, description = "`{\"reason\"}`"),
    responses(
        (status = OK, description = "Done", body = BookingRecord),
        (status = BAD_REQUEST, description = "A missing reason, date or time, or a slot not on offer", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Its state does not allow it, it changed meanwhile, or the new slot is full", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn decline(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Option<Json<ActBody>>,
) -> Answer<BookingRecord> {
    act(state, caller, code, body, "decline").await
}

/// Moves a booking to another slot (409 when it has no room).
///
/// Guides and the administrator. The booking is answered with its contact details.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/move",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ActBody, description = "`{\"date\", \"time\"}`"),
    responses(
        (status = OK, description = "Done", body = BookingRecord),
        (status = BAD_REQUEST, description = "A missing reason, date or time, or a slot not on offer", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Its state does not allow it, it changed meanwhile, or the new slot is full", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn move_to(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Option<Json<ActBody>>,
) -> Answer<BookingRecord> {
    act(state, caller, code, body, "move").await
}

/// The group came: starts its tour now with everyone who came (default: as booked).
///
/// Guides and the administrator. The booking is answered with its contact details.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/arrive",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ActBody, description = "`{\"people\"}`, optional"),
    responses(
        (status = OK, description = "Done", body = BookingRecord),
        (status = BAD_REQUEST, description = "A missing reason, date or time, or a slot not on offer", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Its state does not allow it, it changed meanwhile, or the new slot is full", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn arrive(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Option<Json<ActBody>>,
) -> Answer<BookingRecord> {
    act(state, caller, code, body, "arrive").await
}

/// The group did not come (only after its slot began).
///
/// Guides and the administrator. The booking is answered with its contact details.
#[utoipa::path(
    post,
    path = "/api/v1/bookings/{code}/no-show",
    tag = "bookings",
    params(("code" = String, Path, description = "The booking's code")),
    request_body(content = ActBody, description = "`{}`"),
    responses(
        (status = OK, description = "Done", body = BookingRecord),
        (status = BAD_REQUEST, description = "A missing reason, date or time, or a slot not on offer", body = ErrorBody),
        (status = UNAUTHORIZED, description = "No valid token or session", body = ErrorBody),
        (status = FORBIDDEN, description = "Not a guide or the administrator", body = ErrorBody),
        (status = NOT_FOUND, description = "No booking has this code", body = ErrorBody),
        (status = CONFLICT, description = "Its state does not allow it, it changed meanwhile, or the new slot is full", body = ErrorBody),
    ),
    security(("bearer" = []), ("session" = [])),
)]
async fn no_show(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Option<Json<ActBody>>,
) -> Answer<BookingRecord> {
    act(state, caller, code, body, "no-show").await
}
