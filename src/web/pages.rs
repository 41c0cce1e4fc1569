//! The server's pages, phone first, Ukrainian first: sign in, the guides' *Today*, *Year* and
//! *Tours*, the economists' *Indicators*. Every form carries the session's CSRF token; every
//! value is escaped by the templates (minijinja escapes every `.html` template).

use std::net::SocketAddr;

use axum::extract::rejection::FormRejection;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use minijinja::{Environment, Value, context};
use serde::{Deserialize, Serialize};

use super::auth::SESSION_COOKIE;
use super::reply::{Failure, LANG_COOKIE, Reader, Staff, cookie, reader_lang};
use super::{AppState, client_of, with_centre};
use crate::centre::{CentreError, TourRecord, TourStart, VisitAdd};
use crate::i18n::{Lang, Messages, Words};
use crate::report::IndicatorWords;
use crate::store::{ExportRow, Role, short_id};
use crate::visitors::{Category, local_time};

const DESK: &[Role] = &[Role::Guide, Role::Admin];
const EVERYONE: &[Role] = &[Role::Guide, Role::Economist, Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(start))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/lang/{code}", get(choose_lang))
        .route("/today", get(today))
        .route("/today/tours", post(start_tour))
        .route("/today/tours/{id}/end", post(end_tour))
        .route("/today/visits", post(add_visit))
        .route("/today/void", post(void))
        .route("/year", get(year))
        .route("/tours", get(tours))
        .route("/indicators", get(indicators))
        .route("/assets/style.css", get(style))
}

/// The templates, built into the program.
pub struct Templates {
    env: Environment<'static>,
}

const TEMPLATES: [(&str, &str); 17] = [
    (
        "bookings.html",
        include_str!("../../assets/web/templates/bookings.html"),
    ),
    (
        "book.html",
        include_str!("../../assets/web/templates/book.html"),
    ),
    (
        "book_form.html",
        include_str!("../../assets/web/templates/book_form.html"),
    ),
    (
        "booking.html",
        include_str!("../../assets/web/templates/booking.html"),
    ),
    (
        "book_privacy.html",
        include_str!("../../assets/web/templates/book_privacy.html"),
    ),
    (
        "stations.html",
        include_str!("../../assets/web/templates/stations.html"),
    ),
    (
        "error.html",
        include_str!("../../assets/web/templates/error.html"),
    ),
    (
        "admin.html",
        include_str!("../../assets/web/templates/admin.html"),
    ),
    (
        "import.html",
        include_str!("../../assets/web/templates/import.html"),
    ),
    (
        "indicator.html",
        include_str!("../../assets/web/templates/indicator.html"),
    ),
    (
        "layout.html",
        include_str!("../../assets/web/templates/layout.html"),
    ),
    (
        "login.html",
        include_str!("../../assets/web/templates/login.html"),
    ),
    (
        "today.html",
        include_str!("../../assets/web/templates/today.html"),
    ),
    (
        "year.html",
        include_str!("../../assets/web/templates/year.html"),
    ),
    (
        "tours.html",
        include_str!("../../assets/web/templates/tours.html"),
    ),
    (
        "indicators.html",
        include_str!("../../assets/web/templates/indicators.html"),
    ),
    (
        "not_found.html",
        include_str!("../../assets/web/templates/not_found.html"),
    ),
];

impl Templates {
    pub fn new() -> Self {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            // The templates are part of the program; a test renders every one.
            if let Err(err) = env.add_template(name, source) {
                eprintln!("template {name}: {err}");
            }
        }
        let messages = Messages::new();
        env.add_function("t", move |lang: &str, id: &str| {
            messages.text(Lang::from_code(lang).unwrap_or_default(), id)
        });
        Templates { env }
    }

    pub fn render(&self, name: &str, context: Value) -> Result<Html<String>, Failure> {
        self.env
            .get_template(name)
            .and_then(|template| template.render(context))
            .map(Html)
            .map_err(|err| {
                eprintln!("template {name}: {err}");
                Failure::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "template".into(),
                )
            })
    }
}

/// The templates, built once for the whole process (error pages are rendered outside a handler).
pub fn templates() -> &'static Templates {
    static TEMPLATES_ONCE: std::sync::OnceLock<Templates> = std::sync::OnceLock::new();
    TEMPLATES_ONCE.get_or_init(Templates::new)
}

impl Default for Templates {
    fn default() -> Self {
        Self::new()
    }
}

/// What every page's layout needs: the language, who is signed in, the menu, the CSRF token.
pub(super) fn frame(lang: Lang, staff: Option<&Staff>, here: &str) -> Value {
    let role = staff.map(|s| s.signed.role);
    let mut menu = Vec::new();
    let item = |href: &str, id: &str| context! { href => href, id => id, current => href == here };
    if matches!(role, Some(Role::Guide | Role::Admin)) {
        menu.push(item("/today", "web-menu-today"));
        menu.push(item("/bookings", "web-menu-bookings"));
    }
    if role.is_some() {
        menu.push(item("/year", "web-menu-year"));
        menu.push(item("/tours", "web-menu-tours"));
    }
    if matches!(role, Some(Role::Guide | Role::Admin)) {
        menu.push(item("/import", "web-menu-import"));
        menu.push(item("/stations", "web-menu-stations"));
    }
    if role.is_some() {
        menu.push(item("/indicators", "web-menu-indicators"));
    }
    if role == Some(Role::Admin) {
        menu.push(item("/admin", "web-menu-admin"));
    }
    context! {
        lang => lang.code(),
        other_lang => if lang == Lang::Uk { "en" } else { "uk" },
        here => here,
        user => staff.map(|s| s.signed.name.clone()),
        role => role.map(Role::as_str),
        csrf => staff.map(|s| s.signed.csrf.clone()),
        menu => menu,
    }
}

pub(super) fn page(name: &str, frame: Value, body: Value) -> Result<Response, Failure> {
    // The page's own values first: they win over the frame's (the login page's CSRF token).
    let context = context! { ..body, ..frame };
    Ok(templates().render(name, context)?.into_response())
}

/// A chart's SVG as an image source: an image never runs a script, whatever text a chart holds.
pub(super) fn svg_image(svg: String) -> String {
    use base64::Engine;
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

/// `Set-Cookie` for the session: HttpOnly, SameSite=Strict, Secure behind an HTTPS proxy.
pub(super) fn session_cookie(value: &str, headers: &HeaderMap, max_age: Option<u64>) -> String {
    let secure = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    let mut cookie = format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

async fn start(staff: Staff) -> Redirect {
    match staff.signed.role {
        Role::Economist => Redirect::to("/indicators"),
        Role::Guide | Role::Admin => Redirect::to("/today"),
    }
}

/// `GET /login`: the form, with a fresh anonymous session holding its CSRF token.
async fn login_page(
    State(state): State<AppState>,
    Reader(lang): Reader,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    login_form(&state, lang, &headers, None, "", StatusCode::OK)
}

fn login_form(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    problem: Option<String>,
    username: &str,
    status: StatusCode,
) -> Result<Response, Failure> {
    let (cookie_value, csrf) = state
        .sessions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .open(None, crate::clock::now());
    let mut response = page(
        "login.html",
        frame(lang, None, "/login"),
        context! { csrf => csrf, problem => problem, username => username },
    )?;
    *response.status_mut() = status;
    if let Ok(value) = session_cookie(&cookie_value, headers, None).parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

/// Checks the form's CSRF token against the request's session; 403 without it.
pub(super) fn check_csrf(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
) -> Result<(), Failure> {
    let lang = reader_lang(headers);
    let Some(session) = cookie(headers, SESSION_COOKIE) else {
        return Err(Failure::csrf(lang));
    };
    let fine = !token.is_empty()
        && state
            .sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .csrf_matches(session, token, crate::clock::now());
    if fine {
        Ok(())
    } else {
        Err(Failure::csrf(lang))
    }
}

pub(super) fn form<T>(form: Result<Form<T>, FormRejection>, lang: Lang) -> Result<T, Failure> {
    form.map(|Form(value)| value).map_err(|rejection| {
        let mut failure = Failure::bad_request(format!(
            "{}: {}",
            Words::new(lang).text("web-bad-form"),
            rejection.body_text()
        ));
        failure.status = rejection.status();
        failure
    })
}

/// A page's form whose CSRF token matched the session's: what every state-changing form of the
/// pages is read as, so none can forget the check. Refused with 403 without it (400 or 413 for a
/// body that is not such a form).
pub(super) struct CsrfForm<T>(pub T);

/// A form that carries the session's CSRF token.
pub(super) trait Csrf {
    fn csrf(&self) -> &str;
}

macro_rules! csrf_forms {
    ($($form:ty),*) => {
        $(impl Csrf for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        })*
    };
}

pub(super) use csrf_forms;

csrf_forms!(LoginForm, CsrfOnly, TourForm, VisitForm, VoidForm);

impl<T: serde::de::DeserializeOwned + Csrf + Send> axum::extract::FromRequest<AppState>
    for CsrfForm<T>
{
    type Rejection = Failure;

    async fn from_request(
        request: axum::extract::Request,
        state: &AppState,
    ) -> Result<Self, Failure> {
        let headers = request.headers().clone();
        let lang = reader_lang(&headers);
        let submitted = form(Form::<T>::from_request(request, state).await, lang)?;
        check_csrf(state, &headers, submitted.csrf())?;
        Ok(CsrfForm(submitted))
    }
}

/// `POST /login`.
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    CsrfForm(submitted): CsrfForm<LoginForm>,
) -> Result<Response, Failure> {
    let lang = reader_lang(&headers);
    let address = client_of(&state, peer, &headers);
    let now = crate::clock::now();
    let name = submitted.username.trim().to_string();
    let words = Words::new(lang);
    // The attempt counts before the password is checked, so logins sent together cannot all
    // pass the lock; a success takes it back.
    let allowed = state
        .throttle
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .begin(address, &name, now);
    if !allowed {
        let problem = words.text("web-login-locked");
        return login_form(
            &state,
            lang,
            &headers,
            Some(problem),
            &name,
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let lookup = name.clone();
    let claim = with_centre(&state, move |centre| centre.credentials(&lookup))
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    // The hash is checked off the store's connections, two at a time at most.
    let permit = state.hashing.acquire().await.ok();
    let password = submitted.password;
    let user = tokio::task::spawn_blocking(move || claim.check(&password))
        .await
        .ok()
        .flatten();
    drop(permit);
    let Some(user) = user else {
        let problem = words.text("web-login-wrong");
        return login_form(
            &state,
            lang,
            &headers,
            Some(problem),
            &name,
            StatusCode::UNAUTHORIZED,
        );
    };
    state
        .throttle
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .succeeded(address, &name);
    // A new session id at every sign-in; the login page's session ends.
    let mut sessions = state
        .sessions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(old) = cookie(&headers, SESSION_COOKIE) {
        sessions.close(old);
    }
    let (value, _) = sessions.open(Some(&user), now);
    drop(sessions);
    let mut response = Redirect::to("/").into_response();
    if let Ok(cookie) = session_cookie(&value, &headers, None).parse() {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// A form that is only its button (and its CSRF token).
#[derive(Deserialize)]
pub(super) struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<Response, Failure> {
    if let Some(value) = cookie(&headers, SESSION_COOKIE) {
        state
            .sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .close(value);
    }
    let mut response = Redirect::to("/login").into_response();
    if let Ok(cookie) = session_cookie("", &headers, Some(0)).parse() {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// `GET /lang/{uk|en}?next=/page`: remembers the reader's choice for a year.
async fn choose_lang(Path(code): Path<String>, Query(next): Query<Next>) -> Response {
    let lang = Lang::from_code(&code).unwrap_or_default();
    // Only a path of this site: never an open redirect.
    let next = next
        .next
        .filter(|n| local_path(n))
        .unwrap_or_else(|| "/".into());
    let mut response = Redirect::to(&next).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    if let Ok(value) = cookie.parse() {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// A path of this site and nothing else: `/` then plain path characters (no `//`, no backslash,
/// no space or control character a browser would drop to make another site of it).
fn local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && next
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%".contains(c))
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../../assets/web/style.css"),
    )
}

/// The friendly 404 page, in the reader's language (JSON for the API).
pub async fn not_found(headers: HeaderMap, uri: axum::http::Uri) -> Response {
    let lang = reader_lang(&headers);
    if uri.path().starts_with("/api/") {
        return Failure::not_found(lang).api().into_response();
    }
    match page("not_found.html", frame(lang, None, ""), context! {}) {
        Ok(mut response) => {
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
        Err(failure) => failure.into_response(),
    }
}

/// A tour as the pages list it.
#[derive(Serialize)]
struct TourRow {
    id: String,
    short: String,
    group: String,
    size: u32,
    guide: Option<String>,
    note: Option<String>,
    when: String,
    games: u64,
}

fn tour_row(words: &Words, record: &TourRecord, on: chrono::NaiveDate) -> TourRow {
    let tour = &record.tour;
    let start = local_time(tour.started_at);
    let when = match tour.ended_at {
        Some(end) => format!("{}–{}", &start[11..], &local_time(end)[11..]),
        None if tour.start_date == on => format!("{}…", &start[11..]),
        None => format!("{start}…"),
    };
    TourRow {
        id: tour.id.to_string(),
        short: short_id(&tour.id),
        group: words.text(&format!("category-{}", tour.category.as_str())),
        size: tour.size,
        guide: tour.guide.clone(),
        note: tour.note.clone(),
        when,
        games: record.games.unwrap_or(0),
    }
}

fn categories(words: &Words) -> Vec<Value> {
    Category::ALL
        .iter()
        .map(|c| context! { code => c.as_str(), name => words.text(&format!("category-{}", c.as_str())) })
        .collect()
}

/// A problem with a form, shown beside it (and the values typed, kept).
#[derive(Default, Serialize)]
struct FormState {
    form: String,
    field: String,
    problem: String,
    /// What was typed, to fill the form again.
    values: std::collections::BTreeMap<String, String>,
}

async fn today(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(DESK)?;
    today_page(&state, &staff, None, StatusCode::OK).await
}

async fn today_page(
    state: &AppState,
    staff: &Staff,
    problem: Option<FormState>,
    status: StatusCode,
) -> Result<Response, Failure> {
    let lang = staff.lang;
    let (day, year, recent, bookings) = with_centre(state, |centre| {
        Ok((
            centre.day_tours(None)?,
            centre.year_status(None, None)?,
            centre.recent_entries(6)?,
            super::guide_bookings::DayBookings::read(centre)?,
        ))
    })
    .await
    .map_err(|err| Failure::centre(&err, lang))?;
    let words = Words::new(lang);
    let open: Vec<TourRow> = day
        .open
        .iter()
        .map(|t| tour_row(&words, t, day.date))
        .collect();
    let ended: Vec<TourRow> = day
        .ended
        .iter()
        .map(|t| tour_row(&words, t, day.date))
        .collect();
    let recent: Vec<Value> = recent
        .iter()
        .map(|entry| match entry {
            ExportRow::Visit(visit) => context! {
                kind => "visit",
                id => visit.id.to_string(),
                text => words.say("web-recent-visit", &[
                    ("count", visit.count.into()),
                    ("category", words.text(&format!("category-{}", visit.category.as_str())).into()),
                    ("date", visit.date.to_string().into()),
                ]),
            },
            ExportRow::Tour(tour) => context! {
                kind => "tour",
                id => tour.id.to_string(),
                text => words.say("web-recent-tour", &[
                    ("size", tour.size.into()),
                    ("group", words.text(&format!("category-{}", tour.category.as_str())).into()),
                    ("at", local_time(tour.started_at).into()),
                ]),
            },
        })
        .collect();
    let mut response = page(
        "today.html",
        frame(lang, Some(staff), "/today"),
        context! {
            date => words.date(day.date),
            visitors => day.visitors,
            visitors_text => words.say("web-today-visitors", &[("count", day.visitors.into())]),
            year_text => words.say("web-today-year", &[
                ("count", words.number(year.visitors_to_date as f64, 0).into()),
                ("target", words.number(f64::from(year.target), 0).into()),
                ("percent", words.number(year.percent_of_target(), 1).into()),
            ]),
            open => open,
            ended => ended,
            recent => recent,
            bookings => bookings.shown(&words),
            categories => categories(&words),
            problem => problem,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

/// After a form: back to *Today* (303), or the page again with the problem beside the form.
async fn after_form<T>(
    state: &AppState,
    staff: &Staff,
    form: &str,
    values: &[(&str, Option<String>)],
    result: Result<T, CentreError>,
) -> Result<Response, Failure> {
    match result {
        Ok(_) => Ok(Redirect::to("/today").into_response()),
        Err(err) => {
            let failure = Failure::centre(&err, staff.lang);
            if failure.status == StatusCode::INTERNAL_SERVER_ERROR
                || failure.status == StatusCode::SERVICE_UNAVAILABLE
            {
                return Err(failure);
            }
            let field = match &err {
                CentreError::Input { field, .. } => (*field).to_string(),
                _ => String::new(),
            };
            let message = match &err {
                CentreError::Input { problem, .. } => Words::new(staff.lang).of(problem),
                _ => failure.message.clone(),
            };
            let problem = FormState {
                form: form.into(),
                field,
                problem: message,
                values: values
                    .iter()
                    .filter_map(|(k, v)| Some(((*k).to_string(), v.clone()?)))
                    .collect(),
            };
            today_page(state, staff, Some(problem), failure.status).await
        }
    }
}

#[derive(Deserialize)]
struct TourForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    size: String,
    guide: Option<String>,
    note: Option<String>,
}

/// A number typed in a form; text that is not one is refused as the CLI refuses it.
fn typed_number(text: &str, field: &'static str) -> Result<i64, CentreError> {
    text.trim().parse().map_err(|_| {
        CentreError::input(
            field,
            crate::centre::InputProblem::NotANumber(text.to_string()),
        )
    })
}

async fn start_tour(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<TourForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let guide = submitted.guide.or_else(|| Some(staff.signed.name.clone()));
    let typed = [
        ("group", Some(submitted.group.clone())),
        ("size", Some(submitted.size.clone())),
        ("guide", guide.clone()),
        ("note", submitted.note.clone()),
    ];
    let result = match typed_number(&submitted.size, "size") {
        Err(err) => Err(err),
        Ok(size) => {
            let start = TourStart {
                group: submitted.group,
                size,
                guide,
                note: submitted.note,
                at: None,
                station: None,
            };
            with_centre(&state, move |centre| centre.start_tour(&start)).await
        }
    };
    after_form(&state, &staff, "tour", &typed, result).await
}

async fn end_tour(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let result = with_centre(&state, move |centre| centre.end_tour(&id, None)).await;
    after_form(&state, &staff, "end", &[], result).await
}

#[derive(Deserialize)]
struct VisitForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    count: String,
    #[serde(default)]
    category: String,
    note: Option<String>,
}

async fn add_visit(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<VisitForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let typed = [
        ("count", Some(submitted.count.clone())),
        ("category", Some(submitted.category.clone())),
        ("note", submitted.note.clone()),
    ];
    let result = match typed_number(&submitted.count, "count") {
        Err(err) => Err(err),
        Ok(count) => {
            let add = VisitAdd {
                count,
                category: submitted.category,
                date: None,
                note: submitted.note,
            };
            with_centre(&state, move |centre| centre.add_visit(&add)).await
        }
    };
    after_form(&state, &staff, "visit", &typed, result).await
}

#[derive(Deserialize)]
struct VoidForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    reason: String,
}

async fn void(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<VoidForm>,
) -> Result<Response, Failure> {
    staff.require(DESK)?;
    let user = staff.signed.name.clone();
    let result = with_centre(&state, move |centre| {
        if submitted.kind == "tour" {
            centre.void_tour(&submitted.id, Some(&user), &submitted.reason)
        } else {
            centre.void_visit(&submitted.id, Some(&user), &submitted.reason)
        }
    })
    .await;
    after_form(&state, &staff, "void", &[], result).await
}

async fn year(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(EVERYONE)?;
    let lang = staff.lang;
    let (status, pace) = with_centre(&state, |centre| centre.year_pace())
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let words = Words::new(lang);
    let chart = crate::report::pace_svg(&words, &status, &pace).map(svg_image);
    let whole = |v: f64| words.number(v.round(), 0);
    let by_category: Vec<Value> = Category::ALL
        .iter()
        .map(|c| {
            context! {
                name => words.text(&format!("category-{}", c.as_str())),
                visitors => status.by_category.get(*c),
            }
        })
        .collect();
    let months: Vec<Value> = status
        .by_month
        .iter()
        .map(|m| {
            context! {
                name => words.text(&format!("month-short-{}", m.month)),
                visitors => m.visitors,
            }
        })
        .collect();
    page(
        "year.html",
        frame(lang, Some(&staff), "/year"),
        context! {
            year => status.year,
            as_of => words.date(status.as_of),
            to_date => words.number(status.visitors_to_date as f64, 0),
            target => words.number(f64::from(status.target), 0),
            percent => words.number(status.percent_of_target(), 1),
            expected => whole(status.expected_to_date),
            projected => whole(status.projected_year_end),
            booked_ahead => words.number(status.booked_ahead as f64, 0),
            no_show => crate::report::no_show_words(&words, status.no_show_rate),
            secured => whole(status.secured_year_end),
            required => status.required_per_operating_day,
            days_left => status.operating_days_left,
            pace => status.status.as_str(),
            pace_text => words.text(&format!("web-pace-{}", status.status.as_str())),
            by_category => by_category,
            months => months,
            chart => chart,
            chart_alt => words.say("report-pace-title", &[("year", status.year.to_string().into())]),
        },
    )
}

#[derive(Deserialize)]
struct DateQuery {
    date: Option<String>,
}

async fn tours(
    State(state): State<AppState>,
    staff: Staff,
    Query(query): Query<DateQuery>,
) -> Result<Response, Failure> {
    staff.require(EVERYONE)?;
    let lang = staff.lang;
    let asked = query.date.filter(|d| !d.trim().is_empty());
    let shown = asked.clone().unwrap_or_default();
    let result = with_centre(&state, move |centre| centre.day_tours(asked.as_deref())).await;
    let words = Words::new(lang);
    let (day, problem) = match result {
        Ok(day) => (Some(day), None),
        Err(err @ CentreError::Input { .. }) => (None, Some(Failure::centre(&err, lang).message)),
        Err(err) => return Err(Failure::centre(&err, lang)),
    };
    let body = match &day {
        Some(day) => context! {
            date => day.date.to_string(),
            date_text => words.date(day.date),
            tours => day.tours().map(|t| tour_row(&words, t, day.date)).collect::<Vec<_>>(),
            visitors => day.visitors,
            problem => problem,
        },
        None => context! { date => shown, problem => problem, tours => Vec::<TourRow>::new() },
    };
    let mut response = page("tours.html", frame(lang, Some(&staff), "/tours"), body)?;
    if day.is_none() {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

async fn indicators(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(EVERYONE)?;
    let lang = staff.lang;
    let loaded = super::indicators_now(&state)
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let words = Words::new(lang);
    let mut sectors: Vec<(String, Vec<Value>)> = Vec::new();
    for indicator in &loaded.catalogue.indicators {
        let d = &indicator.definition;
        let sector = words.term("sector", &d.sector);
        let row = context! {
            id => indicator.id(),
            name => d.name.get(lang),
            example => d.example,
            latest => words.latest(indicator).unwrap_or_else(|| words.text("data-none")),
            light => indicator.traffic_light.code(),
            light_word => words.light_word(indicator.traffic_light),
            status_word => words.status_word(indicator.progress.status),
        };
        match sectors.iter_mut().find(|(name, _)| *name == sector) {
            Some((_, rows)) => rows.push(row),
            None => sectors.push((sector, vec![row])),
        }
    }
    let sectors: Vec<Value> = sectors
        .into_iter()
        .map(|(name, rows)| context! { name => name, rows => rows })
        .collect();
    page(
        "indicators.html",
        frame(lang, Some(&staff), "/indicators"),
        context! {
            sectors => sectors,
            centre_note => loaded.centre_missing.as_ref().map(|m| words.of(m)),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_sites_paths_are_followed_after_a_language_change() {
        assert!(local_path("/today"));
        assert!(local_path("/tours?date=2026-05-20"));
        for away in [
            "//evil.example",
            "/\t/evil.example",
            "/\\evil.example",
            "https://x",
            "/ /x",
            "",
        ] {
            assert!(!local_path(away), "{away:?}");
        }
    }

    #[test]
    fn every_template_parses() {
        let mut env = Environment::new();
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|err| panic!("{name}: {err}"));
        }
    }
}
