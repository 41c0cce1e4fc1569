//! `/book`: teachers book a class's visit without an account, phone first, Ukrainian first. The
//! coming weeks' slots with their free places; the form (every problem beside its field, what
//! was typed kept); the confirmation with the booking's code; the booking's own page, where the
//! teacher sees its state and cancels it until `cancel_hours` before; what is kept and for how
//! long. Every form carries the session's CSRF token; requests per address are limited as the
//! API's are.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::pages::{Csrf, CsrfForm, CsrfOnly, csrf_forms, frame, page};
use super::reply::{Failure, Reader};
use super::{AppState, with_centre};
use crate::bookings::{Asker, BookingProblem, BookingRequest};
use crate::centre::CentreError;
use crate::centre::bookings::{BookingAct, BookingRecord, SlotRecord};
use crate::centre::class_results::ClassResults;
use crate::i18n::{Lang, Words};
use crate::store::StoreError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/book", get(calendar).post(book))
        .route("/book/new", get(new_form))
        .route("/book/privacy", get(privacy))
        .route("/book/{code}", get(booking))
        .route("/book/{code}/cancel", post(cancel))
}

/// The session's CSRF token for a form: the browser's session when it has one (a guide signed
/// in stays signed in), else a new anonymous one, with the cookie to set.
fn form_session(state: &AppState, headers: &HeaderMap) -> (String, Option<String>) {
    let now = crate::clock::now();
    let mut sessions = state
        .sessions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(cookie) = super::reply::cookie(headers, super::auth::SESSION_COOKIE)
        && let Some(csrf) = sessions.csrf(cookie, now)
    {
        return (csrf, None);
    }
    let (cookie, csrf) = sessions.open(None, now);
    (
        csrf,
        Some(super::pages::session_cookie(&cookie, headers, None)),
    )
}

fn with_cookie(mut response: Response, set: Option<String>) -> Response {
    if let Some(value) = set.and_then(|v| v.parse().ok()) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// "пт, 22.05.2026" or "Fri 2026-05-22".
pub(super) fn day_label(words: &Words, date: chrono::NaiveDate) -> String {
    let weekday = words.text(&format!(
        "web-weekday-{}",
        date.weekday().number_from_monday()
    ));
    match words.lang {
        Lang::Uk => format!("{weekday}, {}", date.format("%d.%m.%Y")),
        Lang::En => format!("{weekday} {date}"),
    }
}

#[derive(Serialize)]
struct SlotShown {
    date: String,
    time: String,
    free: u32,
    words: String,
}

#[derive(Serialize)]
struct DayShown {
    label: String,
    slots: Vec<SlotShown>,
}

/// Days of slots one page of `/book` shows; the next ones are a link away.
const DAYS_SHOWN: u64 = 21;

#[derive(Deserialize)]
struct FromDay {
    #[serde(default)]
    from: Option<String>,
}

/// `GET /book?from=`: three weeks of the slots on offer, by day, with their free places.
async fn calendar(
    State(state): State<AppState>,
    Reader(lang): Reader,
    Query(from): Query<FromDay>,
) -> Result<Response, Failure> {
    let first = from
        .from
        .as_deref()
        .and_then(crate::bookings::parse_date)
        .unwrap_or_else(|| crate::visitors::local_date(crate::clock::now()));
    let last = first
        .checked_add_days(chrono::Days::new(DAYS_SHOWN - 1))
        .unwrap_or(first);
    let (from_text, to_text) = (first.to_string(), last.to_string());
    let (slots, settings, later) = with_centre(&state, move |centre| {
        let slots = centre.booking_slots(Some(&from_text), Some(&to_text), Asker::Teacher)?;
        // Whether anything is on offer after these three weeks.
        let later = match last.succ_opt() {
            Some(after) => !centre
                .booking_slots(Some(&after.to_string()), None, Asker::Teacher)?
                .is_empty(),
            None => false,
        };
        Ok((slots, centre.calendar()?.bookings, later))
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    let next = later
        .then(|| last.succ_opt())
        .flatten()
        .map(|d| d.to_string());
    let words = Words::new(lang);
    let mut days: BTreeMap<String, DayShown> = BTreeMap::new();
    for SlotRecord {
        date, time, free, ..
    } in slots
    {
        let parsed = crate::bookings::parse_date(&date);
        let day = days.entry(date.clone()).or_insert_with(|| DayShown {
            label: parsed.map_or_else(|| date.clone(), |d| day_label(&words, d)),
            slots: Vec::new(),
        });
        day.slots.push(SlotShown {
            words: words.say("book-free", &[("count", free.into())]),
            date,
            time,
            free,
        });
    }
    page(
        "book.html",
        frame(lang, None, "/book"),
        context! {
            days => days.into_values().collect::<Vec<_>>(),
            capacity => settings.capacity,
            lead_days => settings.lead_days,
            next => next,
        },
    )
}

/// The form as typed: every field text, so that nothing typed is lost when it comes back.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct BookForm {
    date: String,
    time: String,
    group: String,
    size: String,
    adults: String,
    organisation: String,
    class: String,
    contact_name: String,
    phone: String,
    email: String,
    lang: String,
    needs: String,
    note: String,
    consent: Option<String>,
    /// The hidden field a person never sees or fills: a form that has it filled was sent by a
    /// program, and is refused.
    website: String,
    csrf: String,
}

csrf_forms!(BookForm);

fn blank_none(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

impl BookForm {
    /// The BOOKING the form says; a count that is not a number is a problem of its own field.
    fn request(&self, problems: &mut BTreeMap<String, String>, words: &Words) -> BookingRequest {
        let mut number = |field: &str, text: &str| -> Option<i64> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            text.parse().ok().or_else(|| {
                problems.insert(
                    field.to_string(),
                    words.say("book-not-a-number", &[("value", text.to_string().into())]),
                );
                Some(-1)
            })
        };
        BookingRequest {
            date: blank_none(&self.date),
            time: blank_none(&self.time),
            group: blank_none(&self.group),
            size: number("size", &self.size),
            adults: number("adults", &self.adults),
            organisation: blank_none(&self.organisation),
            class: blank_none(&self.class),
            contact_name: blank_none(&self.contact_name),
            phone: blank_none(&self.phone),
            email: blank_none(&self.email),
            lang: blank_none(&self.lang),
            needs: blank_none(&self.needs),
            note: blank_none(&self.note),
            consent: self.consent.is_some(),
        }
    }
}

#[derive(Deserialize)]
struct SlotChoice {
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
}

/// `GET /book/new?date=&time=`: the form for a slot.
async fn new_form(
    State(state): State<AppState>,
    Reader(lang): Reader,
    headers: HeaderMap,
    Query(choice): Query<SlotChoice>,
) -> Result<Response, Failure> {
    let typed = BookForm::blank(choice.date, choice.time, lang);
    form_page(
        &state,
        lang,
        &headers,
        &typed,
        BTreeMap::new(),
        None,
        &FormFor::Teacher,
    )
    .await
}

impl BookForm {
    /// A new form for the slot, for a school class in the reader's language.
    pub(super) fn blank(date: String, time: String, lang: Lang) -> BookForm {
        BookForm {
            date,
            time,
            group: "school".into(),
            lang: lang.code().into(),
            adults: "0".into(),
            ..BookForm::default()
        }
    }
}

/// Whom the booking form is for.
pub(super) enum FormFor<'a> {
    /// A teacher, for the slot chosen on `/book`; the booking is a request.
    Teacher,
    /// A guide entering a booking taken by phone: any open slot (the day's times to choose
    /// from), confirmed at once.
    Desk(&'a super::reply::Staff, Vec<String>),
}

/// The form, with the problems beside their fields and `alert` above it.
pub(super) async fn form_page(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    typed: &BookForm,
    problems: BTreeMap<String, String>,
    alert: Option<String>,
    form_for: &FormFor<'_>,
) -> Result<Response, Failure> {
    let words = Words::new(lang);
    let slot_words = crate::bookings::parse_date(&typed.date)
        .map(|d| format!("{} {}", day_label(&words, d), typed.time));
    let (csrf, set_cookie, frame, times) = match form_for {
        FormFor::Teacher => {
            let (csrf, set_cookie) = form_session(state, headers);
            (csrf, set_cookie, frame(lang, None, "/book/new"), None)
        }
        FormFor::Desk(staff, times) => (
            staff.signed.csrf.clone(),
            None,
            frame(lang, Some(staff), "/bookings"),
            Some(times.clone()),
        ),
    };
    let groups: Vec<(&str, String)> = crate::visitors::Category::ALL
        .iter()
        .map(|c| (c.as_str(), words.text(&format!("category-{}", c.as_str()))))
        .collect();
    let status = if problems.is_empty() && alert.is_none() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut response = page(
        "book_form.html",
        frame,
        context! {
            form => typed,
            problems => problems,
            alert => alert,
            slot => slot_words,
            groups => groups,
            csrf => csrf,
            desk_times => times,
        },
    )?;
    *response.status_mut() = status;
    Ok(with_cookie(response, set_cookie))
}

/// `POST /book`: the booking kept (then its page), or the form again with what is wrong.
async fn book(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Reader(lang): Reader,
    headers: HeaderMap,
    CsrfForm(typed): CsrfForm<BookForm>,
) -> Result<Response, Failure> {
    super::booking_api::limit(&state, peer, &headers, lang)
        .await
        .map_err(|mut failure| {
            failure.api = false;
            failure
        })?;
    if !typed.website.trim().is_empty() {
        let alert = Words::new(lang).text("book-trap-refused");
        return form_page(
            &state,
            lang,
            &headers,
            &typed,
            BTreeMap::new(),
            Some(alert),
            &FormFor::Teacher,
        )
        .await;
    }
    match keep(&state, lang, &headers, typed, &FormFor::Teacher).await? {
        Ok(kept) => Ok(Redirect::to(&format!("/book/{}?new=1", kept.code)).into_response()),
        Err(form) => Ok(form),
    }
}

/// Keeps the booking the form says (a teacher's request, or a guide's confirmed booking), or
/// answers with the form again and what is wrong: each problem beside its field; a slot that
/// filled while they typed, or the same phone sent twice, above it.
pub(super) async fn keep(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    typed: BookForm,
    form_for: &FormFor<'_>,
) -> Result<Result<BookingRecord, Response>, Failure> {
    let words = Words::new(lang);
    // A count that is not a number goes on as -1, which the checks refuse, so that every other
    // problem of the form is found too; its own words replace the checks' for that field.
    let mut unreadable = BTreeMap::new();
    let request = typed.request(&mut unreadable, &words);
    let (asker, user) = match form_for {
        FormFor::Teacher => (Asker::Teacher, None),
        FormFor::Desk(staff, _) => (Asker::Guide, Some(staff.signed.name.clone())),
    };
    let kept = with_centre(state, move |centre| {
        centre.book(&request, asker, user.as_deref())
    })
    .await;
    let (problems, alert) = match kept {
        Ok(kept) => return Ok(Ok(kept)),
        Err(CentreError::Booking(found)) => {
            let mut problems: BTreeMap<String, String> = found
                .iter()
                .map(|p: &BookingProblem| (p.field().as_str().to_string(), words.of(p)))
                .collect();
            problems.extend(unreadable);
            (problems, None)
        }
        // The slot filled while they typed, or the form was sent twice.
        Err(
            err @ CentreError::Store(StoreError::BookingFull { .. } | StoreError::BookingDuplicate),
        ) => (BTreeMap::new(), Some(words.of(&err))),
        Err(err) => return Err(Failure::centre(&err, lang)),
    };
    form_page(state, lang, headers, &typed, problems, alert, form_for)
        .await
        .map(Err)
}

#[derive(Deserialize)]
struct Fresh {
    #[serde(default)]
    new: Option<String>,
}

/// `GET /book/{code}`: the booking as its code shows it, with the cancel button while a teacher
/// may still cancel; after the visit, what the class did at the kiosks. The results are in the
/// booking's language (the page with them) unless the reader chose one (УКР | ENG).
async fn booking(
    State(state): State<AppState>,
    Reader(reader): Reader,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(fresh): Query<Fresh>,
) -> Result<Response, Failure> {
    let chosen =
        super::reply::cookie(&headers, super::reply::LANG_COOKIE).and_then(Lang::from_code);
    let (found, settings, results) = with_centre(&state, move |centre| {
        let found = centre.booking(&code)?;
        let results = centre.class_results_of(&found.booking, chosen)?;
        Ok((found, centre.calendar()?.bookings, results))
    })
    .await
    .map_err(|err| Failure::centre(&err, reader))?;
    let lang = results
        .as_ref()
        .and_then(|r| Lang::from_code(r.lang))
        .unwrap_or(reader);
    let words = Words::new(lang);
    let b = &found.booking;
    let results_later = results.is_none()
        && matches!(
            b.status,
            crate::bookings::Status::Confirmed | crate::bookings::Status::Arrived
        );
    let results = results.map(|r| results_shown(&words, &r));
    let deadline = crate::bookings::cancel_deadline(b.slot, settings.cancel_hours);
    let may_cancel = b.status.holds_places() && crate::clock::now() <= deadline;
    let grouped = crate::bookings::BookingCode::parse(&b.code)
        .map_or_else(|| b.code.clone(), |c| c.grouped());
    let (csrf, set_cookie) = form_session(&state, &headers);
    // The language links come back to this booking's page.
    let here = format!("/book/{}", b.code);
    let response = page(
        "booking.html",
        frame(lang, None, &here),
        context! {
            code => b.code.clone(),
            grouped => grouped,
            fresh => fresh.new.is_some(),
            slot => format!("{} {}", day_label(&words, b.slot.date), b.slot.time_text()),
            status => words.of(&b.status),
            status_code => b.status.as_str(),
            size => b.size,
            adults => b.adults,
            organisation => b.organisation.clone(),
            class => b.class.clone(),
            may_cancel => may_cancel,
            deadline => deadline.with_timezone(&chrono_tz::Europe::Kyiv).format("%d.%m.%Y %H:%M").to_string(),
            csrf => csrf,
            results => results,
            results_later => results_later,
        },
    )?;
    Ok(with_cookie(response, set_cookie))
}

/// The class's results as the page shows them: the share in the reader's way of writing numbers,
/// each missed item with how often.
fn results_shown(words: &Words, results: &ClassResults) -> minijinja::Value {
    let missed: Vec<minijinja::Value> = results
        .missed
        .iter()
        .map(|m| {
            context! {
                name => m.name.clone(),
                bin => m.bin_name.clone(),
                why => m.why.clone(),
                count => words.say(
                    "results-missed-count",
                    &[("missed", m.missed.into()), ("answers", m.answers.into())],
                ),
            }
        })
        .collect();
    context! {
        rounds => results.rounds,
        answers => results.answers,
        right => results.first_try_right,
        share => results
            .first_try_accuracy
            .map(|share| format!("{} %", words.number(share * 100.0, 0))),
        missed => missed,
    }
}

/// `POST /book/{code}/cancel`: the teacher cancels with the code (until the deadline).
async fn cancel(
    State(state): State<AppState>,
    Reader(lang): Reader,
    Path(code): Path<String>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<Response, Failure> {
    let shown = code.clone();
    with_centre(&state, move |centre| {
        let act = BookingAct::Cancel {
            asker: Asker::Teacher,
            reason: None,
        };
        centre.booking_act(&code, &act, None)
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    Ok(Redirect::to(&format!("/book/{shown}")).into_response())
}

/// `GET /book/privacy`: what is kept of a booking, why, and for how long.
async fn privacy(State(state): State<AppState>, Reader(lang): Reader) -> Result<Response, Failure> {
    let days = with_centre(&state, |centre| {
        Ok(centre.calendar()?.bookings.retention_days)
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    page(
        "book_privacy.html",
        frame(lang, None, "/book/privacy"),
        context! { retention_days => days },
    )
}
