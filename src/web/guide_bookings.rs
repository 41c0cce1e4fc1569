//! `/bookings`: the guides' week of bookings, pending requests first, each with the buttons its
//! state allows (confirm, decline with a reason, cancel with a reason, arrived with the people who
//! came, no-show) and, once the group came, a link to its results; the form that closes a day at
//! short notice, which then lists whom to tell; and the addresses of the calendar feed for the
//! guides' phones (made, shown once, revoked).

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::{Value, context};
use serde::Deserialize;

use super::pages::{Csrf, CsrfForm, frame, page};
use super::reply::{Failure, Staff};
use super::{AppState, with_centre};
use crate::bookings::Status;
use crate::centre::bookings::{BookingAct, BookingFilter, BookingRecord, ClosedDay};
use crate::centre::feed::FeedRevokeAsked;
use crate::i18n::Words;
use crate::store::Role;

const DESK: &[Role] = &[Role::Guide, Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bookings", get(week))
        .route("/bookings/close-day", post(close_day))
        .route("/bookings/feed", post(make_feed))
        .route("/bookings/feed/revoke", post(revoke_feed))
        .route("/bookings/{code}/{action}", post(act))
}

#[derive(Deserialize, Default)]
struct Week {
    #[serde(default)]
    from: Option<String>,
}

async fn week(
    State(state): State<AppState>,
    staff: Staff,
    Query(week): Query<Week>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    week_page(&state, &staff, week.from, Said::default(), StatusCode::OK).await
}

/// A booking as the page shows it, with the actions its state allows.
fn row(words: &Words, b: &BookingRecord) -> Value {
    let status = b.booking.status;
    context! {
        code => b.code.clone(),
        grouped => crate::bookings::BookingCode::parse(&b.code).map_or_else(|| b.code.clone(), |c| c.grouped()),
        slot => format!("{} {}", b.date, b.time),
        status => words.of(&status),
        status_code => status.as_str(),
        organisation => b.organisation.clone(),
        class => b.class.clone(),
        group => words.text(&format!("category-{}", b.group)),
        size => b.size,
        adults => b.adults,
        people => b.people,
        contact => b.contact_name.clone(),
        phone => b.phone.clone(),
        email => b.email.clone(),
        needs => b.needs.clone(),
        note => b.note.clone(),
        call_notes => b.call_notes.clone(),
        reason => b.reason.clone(),
        lang_name => if b.lang == "en" { "English" } else { "українська" },
        pending => status == Status::Requested,
        confirmed => status == Status::Confirmed,
        arrived => status == Status::Arrived,
    }
}

/// What the week's page says besides the week: a refusal, the teachers to tell of a day just
/// closed, the address of a calendar feed just made (shown this once).
#[derive(Default)]
struct Said {
    problem: Option<String>,
    closed: Option<ClosedDay>,
    feed_url: Option<String>,
}

async fn week_page(
    state: &AppState,
    staff: &Staff,
    from: Option<String>,
    said: Said,
    status: StatusCode,
) -> Result<Response, Failure> {
    let Said {
        problem,
        closed,
        feed_url,
    } = said;
    let lang = staff.lang;
    let filter = BookingFilter {
        from: from.clone(),
        ..BookingFilter::default()
    };
    let (found, feeds) = with_centre(state, move |centre| {
        Ok((centre.bookings(&filter)?, centre.feed_tokens()?))
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    let feeds: Vec<Value> = feeds
        .into_iter()
        .map(|f| {
            context! {
                id => f.id,
                label => f.label,
                created => f.created_local,
                by => f.created_by,
            }
        })
        .collect();
    let words = Words::new(lang);
    let rows: Vec<Value> = found.iter().map(|b| row(&words, b)).collect();
    let pending = found
        .iter()
        .filter(|b| b.booking.status == Status::Requested)
        .count();
    let told: Vec<Value> = closed
        .as_ref()
        .map(|c| c.cancelled.iter().map(|b| row(&words, b)).collect())
        .unwrap_or_default();
    let mut response = page(
        "bookings.html",
        frame(lang, Some(staff), "/bookings"),
        context! {
            bookings => rows,
            pending => pending,
            problem => problem,
            closed => closed.as_ref().map(|c| c.date.clone()),
            told => told,
            feeds => feeds,
            feed_url => feed_url,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

#[derive(Deserialize)]
struct ActForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    people: String,
}

#[derive(Deserialize)]
struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    reason: String,
}

impl Csrf for ActForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl Csrf for CloseForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// A refusal the guide can act on (4xx): the week again, with it said above; a failure of the
/// server's own is its error page.
async fn refused(
    state: &AppState,
    staff: &Staff,
    err: &crate::centre::CentreError,
) -> Result<Response, Failure> {
    let failure = Failure::centre(err, staff.lang);
    if failure.status.is_server_error() {
        return Err(failure);
    }
    let said = Said {
        problem: Some(failure.message),
        ..Said::default()
    };
    week_page(state, staff, None, said, failure.status).await
}

/// `POST /bookings/{code}/{action}`: done, back to the week; or the week with what went wrong.
async fn act(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, action)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let lang = staff.lang;
    let people = form.people.trim();
    let act = match action.as_str() {
        "confirm" => BookingAct::Confirm,
        "decline" => BookingAct::Decline {
            reason: form.reason,
        },
        "cancel" => BookingAct::Cancel {
            asker: crate::bookings::Asker::Guide,
            reason: Some(form.reason),
        },
        "arrive" => BookingAct::Arrive {
            people: if people.is_empty() {
                None
            } else {
                match people.parse() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        let problem = Words::new(lang)
                            .say("book-not-a-number", &[("value", people.to_string().into())]);
                        let said = Said {
                            problem: Some(problem),
                            ..Said::default()
                        };
                        return week_page(&state, &staff, None, said, StatusCode::BAD_REQUEST)
                            .await;
                    }
                }
            },
        },
        "no-show" => BookingAct::NoShow,
        _ => return Err(Failure::not_found(lang)),
    };
    let user = staff.signed.name.clone();
    let done = with_centre(&state, move |centre| {
        centre.booking_act(&code, &act, Some(&user))
    })
    .await;
    match done {
        Ok(_) => Ok(Redirect::to("/bookings").into_response()),
        Err(err) => refused(&state, &staff, &err).await,
    }
}

/// `POST /bookings/close-day`: the day's bookings cancelled with the reason, the day closed,
/// and the week shown with the list of teachers to tell.
async fn close_day(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<CloseForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let user = staff.signed.name.clone();
    let (date, reason) = (form.date, form.reason);
    let closed = with_centre(&state, move |centre| {
        centre.close_day(&date, &reason, Some(&user))
    })
    .await;
    match closed {
        Ok(closed) => {
            let from = Some(closed.date.clone());
            let said = Said {
                closed: Some(closed),
                ..Said::default()
            };
            week_page(&state, &staff, from, said, StatusCode::OK).await
        }
        Err(err) => refused(&state, &staff, &err).await,
    }
}

#[derive(Deserialize)]
struct FeedForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
}

#[derive(Deserialize)]
struct RevokeFeedForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
}

impl Csrf for FeedForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl Csrf for RevokeFeedForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// The address a calendar subscribes to, as this request reached the server (through an HTTPS
/// proxy, https): shown to the guide who made it, this once.
fn feed_url(headers: &HeaderMap, token: &str) -> String {
    let path = crate::centre::feed::feed_path(token);
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    match header(axum::http::header::HOST.as_str()) {
        Some(host) => {
            let https =
                header("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
            format!("{}://{host}{path}", if https { "https" } else { "http" })
        }
        None => path,
    }
}

/// `POST /bookings/feed`: a new calendar feed token; the week again with its address, shown once.
async fn make_feed(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<FeedForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let user = staff.signed.name.clone();
    let made = with_centre(&state, move |centre| {
        centre.new_feed_token(Some(&form.label), Some(&user))
    })
    .await;
    match made {
        Ok(token) => {
            let said = Said {
                feed_url: Some(feed_url(&headers, &token)),
                ..Said::default()
            };
            week_page(&state, &staff, None, said, StatusCode::OK).await
        }
        Err(err) => refused(&state, &staff, &err).await,
    }
}

/// `POST /bookings/feed/revoke`: the feed with that id stops at once.
async fn revoke_feed(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(form): CsrfForm<RevokeFeedForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let which = FeedRevokeAsked::Id(form.id);
    let revoked = with_centre(&state, move |centre| centre.revoke_feed_tokens(&which)).await;
    match revoked {
        Ok(_) => Ok(Redirect::to("/bookings").into_response()),
        Err(err) => refused(&state, &staff, &err).await,
    }
}
