//! `/bookings`: the guides' week of bookings from a phone. The requests waiting for an answer
//! first (whatever their day), then the week day by day, each booking with the buttons its
//! state allows (confirm, decline with a reason, cancel with a reason, move, arrived with the
//! people who came, no-show), its call notes, and erasing its contact details at the person's
//! request; a booking taken by phone (`/bookings/new`); the form that closes a day at short
//! notice, which then lists whom to tell; once a group came, a link to its results; and the
//! addresses of the calendar feed for the guides' phones (made, shown once, revoked). At the top, the "tell the teacher" items: what no mail
//! carries to the teacher, with the phone to call and a button that marks it told.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use minijinja::{Value, context};
use serde::Deserialize;

use super::book::{BookForm, FormFor, day_label, form_page, keep};
use super::pages::{Csrf, CsrfForm, CsrfOnly, csrf_forms, frame, page};
use super::reply::{Failure, Staff};
use super::{AppState, with_centre};
use crate::bookings::{Status, parse_date};
use crate::centre::bookings::{BookingAct, BookingFilter, BookingRecord, ClosedDay};
use crate::centre::feed::FeedRevokeAsked;
use crate::centre::notices::{MailState, TellItem, TellList};
use crate::centre::{Centre, CentreError};
use crate::i18n::Words;
use crate::store::Role;

const DESK: &[Role] = &[Role::Guide, Role::Admin];

/// How far ahead the waiting requests are gathered (more than any booking horizon).
const REQUESTS_AHEAD_DAYS: u64 = 400;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/bookings", get(week))
        .route("/bookings/new", get(new_form).post(new_booking))
        .route("/bookings/close-day", post(close_day))
        .route("/bookings/feed", post(make_feed))
        .route("/bookings/feed/revoke", post(revoke_feed))
        .route("/bookings/tell/{id}/told", post(told))
        .route("/bookings/{code}/{action}", post(act))
}

#[derive(Deserialize, Default)]
struct Week {
    #[serde(default)]
    from: Option<String>,
    /// Back from entering a booking taken by phone.
    #[serde(default)]
    entered: Option<String>,
}

async fn week(
    State(state): State<AppState>,
    staff: Staff,
    Query(week): Query<Week>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let from = week.from.as_deref().and_then(parse_date);
    let done = week
        .entered
        .is_some()
        .then(|| Words::new(staff.lang).text("web-bookings-entered"));
    let shown = Shown {
        from,
        done,
        ..Shown::default()
    };
    week_page(&state, &staff, shown, StatusCode::OK).await
}

/// A booking as the page shows it, with the actions its state allows.
fn row(words: &Words, b: &BookingRecord) -> Value {
    let status = b.booking.status;
    context! {
        code => b.code.clone(),
        grouped => crate::bookings::BookingCode::parse(&b.code).map_or_else(|| b.code.clone(), |c| c.grouped()),
        slot => format!("{} {}", day_label(words, b.booking.slot.date), b.time),
        date => b.date.clone(),
        time => b.time.clone(),
        status => words.of(&status),
        status_code => status.as_str(),
        organisation => b.organisation.clone(),
        class => b.class.clone(),
        group => words.text(&format!("category-{}", b.group)),
        size => b.size,
        adults => b.adults,
        people => b.people,
        arrived_people => b.arrived_people,
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
        holds => status.holds_places(),
        erased => b.booking.erased_at.is_some(),
    }
}

/// What the week page shows besides the bookings.
#[derive(Default)]
struct Shown {
    /// The week's first day; None: today.
    from: Option<NaiveDate>,
    problem: Option<String>,
    closed: Option<ClosedDay>,
    /// What a guide did, said above the week.
    done: Option<String>,
    /// The address of a calendar feed just made, shown this once.
    feed_url: Option<String>,
}

/// A "tell the teacher" item as the page shows it.
fn tell_row(words: &Words, item: &TellItem) -> Value {
    context! {
        id => item.id,
        what => words.text(item.event_message_id()),
        why => words.text(item.why.message_id()),
        slot => format!("{} {}", item.date, item.time),
        organisation => item.organisation.clone(),
        class => item.class.clone(),
        contact => item.contact_name.clone(),
        phone => item.phone.clone(),
        reason => item.reason.clone(),
        lang_name => if item.lang == "en" { "English" } else { "українська" },
    }
}

async fn week_page(
    state: &AppState,
    staff: &Staff,
    shown: Shown,
    status: StatusCode,
) -> Result<Response, Failure> {
    let lang = staff.lang;
    let asked_from = shown.from;
    let (from, found, waiting, times, tell, feeds) = with_centre(state, move |centre| {
        let from = asked_from.unwrap_or_else(|| centre.today());
        let to = from.checked_add_days(chrono::Days::new(6)).unwrap_or(from);
        let week = centre.bookings(&BookingFilter {
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            status: None,
        })?;
        let waiting = waiting_requests(centre)?;
        let times = slot_times(&centre.calendar()?);
        let feeds = centre.feed_tokens()?;
        Ok((from, week, waiting, times, centre.tell_items()?, feeds))
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
    let TellList { mail, items } = tell;
    let tell: Vec<Value> = items.iter().map(|item| tell_row(&words, item)).collect();
    let mail_problems = match &mail {
        MailState::Broken(problems) => Some(problems.render(lang)),
        MailState::On(_) | MailState::Off => None,
    };
    // The week day by day; the requests are above it, not twice.
    let mut week: Vec<&BookingRecord> = found
        .iter()
        .filter(|b| b.booking.status != Status::Requested)
        .collect();
    week.sort_by(|a, b| (&a.date, &a.time).cmp(&(&b.date, &b.time)));
    let mut days: Vec<Value> = Vec::new();
    let mut day: Vec<Value> = Vec::new();
    for (i, b) in week.iter().enumerate() {
        day.push(row(&words, b));
        if week.get(i + 1).is_none_or(|next| next.date != b.date) {
            days.push(context! {
                label => day_label(&words, b.booking.slot.date),
                bookings => std::mem::take(&mut day),
            });
        }
    }
    let waiting: Vec<Value> = waiting.iter().map(|b| row(&words, b)).collect();
    let told: Vec<Value> = shown
        .closed
        .as_ref()
        .map(|c| c.cancelled.iter().map(|b| row(&words, b)).collect())
        .unwrap_or_default();
    let to = from.checked_add_days(chrono::Days::new(6)).unwrap_or(from);
    let mut response = page(
        "bookings.html",
        frame(lang, Some(staff), "/bookings"),
        context! {
            days => days,
            waiting => waiting,
            times => times,
            from => from.to_string(),
            week_words => words.say("web-bookings-week", &[
                ("from", day_label(&words, from).into()),
                ("to", day_label(&words, to).into()),
            ]),
            previous => from.checked_sub_days(chrono::Days::new(7)).map(|d| d.to_string()),
            next => to.succ_opt().map(|d| d.to_string()),
            problem => shown.problem,
            done => shown.done,
            closed => shown.closed.as_ref().map(|c| c.date.clone()),
            told => told,
            tell => tell,
            mail_problems => mail_problems,
            feeds => feeds,
            feed_url => shown.feed_url,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

/// The teachers' requests waiting for an answer, from today on.
fn waiting_requests(centre: &mut Centre) -> Result<Vec<BookingRecord>, CentreError> {
    let today = centre.today();
    let ahead = today
        .checked_add_days(chrono::Days::new(REQUESTS_AHEAD_DAYS))
        .unwrap_or(today);
    centre.bookings(&BookingFilter {
        from: Some(today.to_string()),
        to: Some(ahead.to_string()),
        status: Some(Status::Requested.as_str().to_string()),
    })
}

/// What *Today* shows of the bookings: how many requests wait (first), then today's booked
/// groups, each confirmed one with its "the group came" button.
pub(super) struct DayBookings {
    waiting: usize,
    booked: Vec<BookingRecord>,
}

impl DayBookings {
    pub(super) fn read(centre: &mut Centre) -> Result<DayBookings, CentreError> {
        let today = centre.today().to_string();
        let mut booked: Vec<BookingRecord> = centre
            .bookings(&BookingFilter {
                from: Some(today.clone()),
                to: Some(today),
                status: None,
            })?
            .into_iter()
            .filter(|b| {
                matches!(
                    b.booking.status,
                    Status::Confirmed | Status::Arrived | Status::NoShow
                )
            })
            .collect();
        booked.sort_by(|a, b| a.time.cmp(&b.time));
        Ok(DayBookings {
            waiting: waiting_requests(centre)?.len(),
            booked,
        })
    }

    pub(super) fn shown(&self, words: &Words) -> Value {
        context! {
            waiting => self.waiting,
            waiting_words => words.say("web-today-waiting", &[("count", self.waiting.into())]),
            booked => self.booked.iter().map(|b| row(words, b)).collect::<Vec<_>>(),
        }
    }
}

/// The calendar's slot times, as a guide picks one.
fn slot_times(calendar: &crate::visitors::Calendar) -> Vec<String> {
    calendar
        .bookings
        .slots
        .iter()
        .map(|t| t.format("%H:%M").to_string())
        .collect()
}

#[derive(Deserialize)]
struct ActForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    people: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    notes: String,
    /// The week the guide was looking at, to come back to.
    #[serde(default)]
    week: String,
    /// "today": the button was on *Today*, which the guide comes back to.
    #[serde(default)]
    back: String,
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

csrf_forms!(ActForm, CloseForm);

/// A refusal the guide can act on (4xx): the week again, with it said above; a failure of the
/// server's own is its error page.
async fn refused(
    state: &AppState,
    staff: &Staff,
    from: Option<NaiveDate>,
    err: &CentreError,
) -> Result<Response, Failure> {
    let failure = Failure::centre(err, staff.lang);
    if failure.status.is_server_error() {
        return Err(failure);
    }
    let shown = Shown {
        from,
        problem: Some(failure.message),
        ..Shown::default()
    };
    week_page(state, staff, shown, failure.status).await
}

/// What a button on a booking does.
enum Action {
    /// A change of state, by the rules.
    Act(BookingAct),
    /// The call notes replaced.
    Notes(String),
    /// The contact details erased at the person's request.
    Erase,
}

/// `POST /bookings/{code}/{action}`: done, back to the week the guide was looking at; or that
/// week with what went wrong.
async fn act(
    State(state): State<AppState>,
    staff: Staff,
    Path((code, action)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let lang = staff.lang;
    let week = parse_date(form.week.trim());
    let back_to_today = form.back == "today";
    let people = form.people.trim();
    let action = match action.as_str() {
        "confirm" => Action::Act(BookingAct::Confirm),
        "decline" => Action::Act(BookingAct::Decline {
            reason: form.reason,
        }),
        "cancel" => Action::Act(BookingAct::Cancel {
            asker: crate::bookings::Asker::Guide,
            reason: Some(form.reason),
        }),
        "move" => Action::Act(BookingAct::Move {
            date: form.date,
            time: form.time,
        }),
        "arrive" => Action::Act(BookingAct::Arrive {
            people: if people.is_empty() {
                None
            } else {
                match people.parse() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        let problem = Words::new(lang)
                            .say("book-not-a-number", &[("value", people.to_string().into())]);
                        let shown = Shown {
                            from: week,
                            problem: Some(problem),
                            ..Shown::default()
                        };
                        return week_page(&state, &staff, shown, StatusCode::BAD_REQUEST).await;
                    }
                }
            },
        }),
        "no-show" => Action::Act(BookingAct::NoShow),
        "notes" => Action::Notes(form.notes),
        "erase" => Action::Erase,
        _ => return Err(Failure::not_found(lang)),
    };
    let user = staff.signed.name.clone();
    let done = with_centre(&state, move |centre| match &action {
        Action::Act(act) => centre.booking_act(&code, act, Some(&user)),
        Action::Notes(notes) => centre.note_booking_call(&code, notes),
        Action::Erase => centre.erase_booking(&code, Some(&user)),
    })
    .await;
    match done {
        Ok(_) => {
            let back = match week {
                _ if back_to_today => "/today".to_string(),
                Some(day) => format!("/bookings?from={day}"),
                None => "/bookings".to_string(),
            };
            Ok(Redirect::to(&back).into_response())
        }
        Err(err) => refused(&state, &staff, week, &err).await,
    }
}

#[derive(Deserialize, Default)]
struct NewSlot {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
}

/// The booking form for a guide, with the calendar's slot times to pick from.
async fn desk_form<'a>(state: &AppState, staff: &'a Staff) -> Result<FormFor<'a>, Failure> {
    let times = with_centre(state, |centre| Ok(slot_times(&centre.calendar()?)))
        .await
        .map_err(|err| Failure::centre(&err, staff.lang))?;
    Ok(FormFor::Desk(staff, times))
}

/// `GET /bookings/new?date=&time=`: the form for a booking taken by phone.
async fn new_form(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    Query(slot): Query<NewSlot>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let lang = staff.lang;
    let form_for = desk_form(&state, &staff).await?;
    let typed = BookForm::blank(slot.date, slot.time, lang);
    form_page(
        &state,
        lang,
        &headers,
        &typed,
        Default::default(),
        None,
        &form_for,
    )
    .await
}

/// `POST /bookings/new`: the booking kept as confirmed, then its week (said above it); or the
/// form again with what is wrong beside each field.
async fn new_booking(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    CsrfForm(typed): CsrfForm<BookForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let lang = staff.lang;
    let form_for = desk_form(&state, &staff).await?;
    match keep(&state, lang, &headers, typed, &form_for).await? {
        Ok(kept) => {
            Ok(Redirect::to(&format!("/bookings?from={}&entered=1", kept.date)).into_response())
        }
        Err(form) => Ok(form),
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
            let shown = Shown {
                from: parse_date(&closed.date),
                closed: Some(closed),
                ..Shown::default()
            };
            week_page(&state, &staff, shown, StatusCode::OK).await
        }
        Err(err) => refused(&state, &staff, None, &err).await,
    }
}

/// `POST /bookings/tell/{id}/told`: the signed-in guide told the teacher; back to the week.
async fn told(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let user = staff.signed.name.clone();
    let done = with_centre(&state, move |centre| centre.mark_told(&id, Some(&user))).await;
    match done {
        Ok(_) => Ok(Redirect::to("/bookings").into_response()),
        Err(err) => refused(&state, &staff, None, &err).await,
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

csrf_forms!(FeedForm, RevokeFeedForm);

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
            let shown = Shown {
                feed_url: Some(feed_url(&headers, &token)),
                ..Shown::default()
            };
            week_page(&state, &staff, shown, StatusCode::OK).await
        }
        Err(err) => refused(&state, &staff, None, &err).await,
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
    let user = staff.signed.name.clone();
    let revoked = with_centre(&state, move |centre| {
        centre.revoke_feed_tokens(&which, Some(&user))
    })
    .await;
    match revoked {
        Ok(_) => Ok(Redirect::to("/bookings").into_response()),
        Err(err) => refused(&state, &staff, None, &err).await,
    }
}
