//! What a request carries (its reader's language, who is signed in) and the one error type that
//! turns into a response: JSON `{"error", "message"}` for the API, a short page otherwise.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::auth::{SESSION_COOKIE, Signed};
use super::{AppState, with_centre};
use crate::centre::CentreError;
use crate::i18n::{Lang, Words};
use crate::store::{Role, StoreError};

pub const LANG_COOKIE: &str = "tc_lang";

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The reader's language: their УКР | ENG choice (a cookie), else `Accept-Language`, else
/// Ukrainian.
pub fn reader_lang(headers: &HeaderMap) -> Lang {
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(Lang::from_code) {
        return lang;
    }
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // The first of uk/en the reader lists (quality order is the order browsers send).
    accepted
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().to_ascii_lowercase())
        .find_map(|tag| {
            let primary = tag.split('-').next().unwrap_or_default().to_string();
            Lang::from_code(&primary)
        })
        .unwrap_or(Lang::Uk)
}

/// An answer other than success, in the reader's language.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// A JSON answer (the API) rather than a page.
    pub api: bool,
    /// Where a page should send the person instead (sign in).
    pub redirect: Option<String>,
    /// The reader's language, for the page.
    pub lang: Lang,
}

impl Failure {
    pub fn new(status: StatusCode, code: &'static str, message: String) -> Self {
        Failure {
            status,
            code,
            message,
            api: false,
            redirect: None,
            lang: Lang::Uk,
        }
    }

    fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn api(mut self) -> Self {
        self.api = true;
        self
    }

    fn worded(status: StatusCode, code: &'static str, id: &str, lang: Lang) -> Self {
        Failure::new(status, code, Words::new(lang).text(id)).in_lang(lang)
    }

    pub fn unauthorized(lang: Lang) -> Self {
        Failure::worded(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "web-unauthorized",
            lang,
        )
    }

    pub fn forbidden(lang: Lang) -> Self {
        Failure::worded(StatusCode::FORBIDDEN, "forbidden", "web-forbidden", lang)
    }

    pub fn csrf(lang: Lang) -> Self {
        Failure::worded(StatusCode::FORBIDDEN, "csrf", "web-csrf", lang)
    }

    /// 429: too many tries or requests; `id` says what to wait for.
    pub fn too_many(code: &'static str, id: &str, lang: Lang) -> Self {
        Failure::worded(StatusCode::TOO_MANY_REQUESTS, code, id, lang)
    }

    pub fn not_found(lang: Lang) -> Self {
        Failure::worded(StatusCode::NOT_FOUND, "not_found", "web-not-found", lang)
    }

    pub fn bad_request(message: String) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// An error of the centre's operations: the person's to fix (400, 404, 409) or the server's
    /// (503 when the store is busy, 500 otherwise), never with SQL or a stack trace in it.
    pub fn centre(err: &CentreError, lang: Lang) -> Self {
        let words = Words::new(lang);
        let (status, code) = match err {
            CentreError::Store(StoreError::BookingFull { .. }) => (StatusCode::CONFLICT, "full"),
            CentreError::Store(StoreError::BookingDuplicate) => (StatusCode::CONFLICT, "duplicate"),
            CentreError::Booking(problems)
                if problems
                    .iter()
                    .any(|p| matches!(p, crate::bookings::BookingProblem::NotOffered(_))) =>
            {
                (StatusCode::BAD_REQUEST, "not_offered")
            }
            CentreError::Booking(_) => (StatusCode::BAD_REQUEST, "invalid"),
            CentreError::UnknownIndicator(_) => (StatusCode::NOT_FOUND, "not_found"),
            CentreError::DerivedIndicator(_) => (StatusCode::BAD_REQUEST, "derived"),
            CentreError::ObservationRefused(_) => (StatusCode::BAD_REQUEST, "invalid"),
            CentreError::ObservationConflict(_) => (StatusCode::CONFLICT, "conflict"),
            CentreError::DefinitionRefused(_) => (StatusCode::BAD_REQUEST, "invalid"),
            CentreError::RowChanged { .. } => (StatusCode::CONFLICT, "conflict"),
            CentreError::BookingRefused(_)
            | CentreError::Store(StoreError::BookingChanged { .. })
            | CentreError::Store(StoreError::NoticeClosed(_))
            | CentreError::Store(StoreError::BookingErased(_)) => {
                (StatusCode::CONFLICT, "conflict")
            }
            CentreError::Store(StoreError::BookingNotFound(_))
            | CentreError::Store(StoreError::NoticeNotFound(_)) => {
                (StatusCode::NOT_FOUND, "not_found")
            }
            CentreError::Input { .. }
            | CentreError::BadLines { .. }
            | CentreError::NoRows { .. }
            | CentreError::Unreadable { .. }
            | CentreError::Problems(_) => (StatusCode::BAD_REQUEST, "invalid"),
            CentreError::Store(StoreError::TourNotFound(_))
            | CentreError::Store(StoreError::AmbiguousTourId(_))
            | CentreError::Store(StoreError::VisitNotFound(_))
            | CentreError::Store(StoreError::UserNotFound(_)) => {
                (StatusCode::NOT_FOUND, "not_found")
            }
            CentreError::Store(StoreError::TourAlreadyEnded { .. })
            | CentreError::Store(StoreError::UserExists(_))
            | CentreError::Store(StoreError::AlreadyImported { .. }) => {
                (StatusCode::CONFLICT, "conflict")
            }
            CentreError::Store(StoreError::EndBeforeStart { .. }) => {
                (StatusCode::BAD_REQUEST, "invalid")
            }
            CentreError::Report(crate::report::ReportError::NothingToExport { .. })
            | CentreError::Report(crate::report::ReportError::UnknownLicence { .. }) => {
                (StatusCode::CONFLICT, "nothing_to_export")
            }
            CentreError::Store(StoreError::Busy { .. }) => {
                (StatusCode::SERVICE_UNAVAILABLE, "busy")
            }
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            // The detail goes to the log (paths, SQLite's words), never to the page.
            eprintln!("internal error: {err}");
            return Failure::new(status, code, words.text("web-internal")).in_lang(lang);
        }
        let message = match err {
            CentreError::Input { field, problem } => format!("{field}: {}", words.of(problem)),
            other => words.of(other),
        };
        Failure::new(status, code, message).in_lang(lang)
    }
}

// The JSON `Failure::into_response` writes for the API. Only its schema is used (in
// /api/v1/openapi.json); tests/it/openapi.rs holds the real answers to it.
/// What the API answers when it refuses a request or fails.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// For programs: bad_request, invalid, too_large, unauthorized, forbidden, not_found,
    /// conflict, derived (an indicator that takes no observations), busy or internal.
    pub error: String,
    /// For people, in the reader's language (the УКР | ENG choice, else `Accept-Language`).
    pub message: String,
    /// A refused indicator observation (400): the field the problem is about (year, value,
    /// units, source, comment or disaggregation.COLUMN), null when it is elsewhere in the file.
    pub field: Option<String>,
    /// A conflicting indicator observation (409): the value stored now (null: blank or none).
    pub current: Option<f64>,
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        if let (Some(to), false) = (&self.redirect, self.api) {
            return Redirect::to(to).into_response();
        }
        if self.api {
            let body = serde_json::json!({"error": self.code, "message": self.message});
            return (self.status, axum::Json(body)).into_response();
        }
        let context = minijinja::context! {
            lang => self.lang.code(),
            other_lang => if self.lang == Lang::Uk { "en" } else { "uk" },
            here => "/",
            status => self.status.as_u16(),
            message => self.message,
            menu => Vec::<minijinja::Value>::new(),
        };
        match super::pages::templates().render("error.html", context) {
            Ok(page) => (self.status, page).into_response(),
            Err(_) => (self.status, self.message).into_response(),
        }
    }
}

/// Whether a request comes from this site's own pages, as far as the browser says: its
/// `Sec-Fetch-Site` (when sent) is `same-origin`, and its `Origin` (when sent) names this host.
fn same_origin(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site")
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match (header("origin"), header("host")) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split("://").nth(1).unwrap_or(origin);
            origin_host.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// The reader's language, for any handler.
pub struct Reader(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for Reader {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Reader(reader_lang(&parts.headers)))
    }
}

/// A person signed in through the browser (pages): else a redirect to `/login`.
pub struct Staff {
    pub signed: Signed,
    pub lang: Lang,
}

impl Staff {
    /// Refuses (403) unless the person has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), Failure> {
        if roles.contains(&self.signed.role) {
            Ok(())
        } else {
            Err(Failure::forbidden(self.lang))
        }
    }
}

/// The live session of a request, checked against the store: a user removed or whose password
/// changed since sign-in is signed out.
async fn session_of(state: &AppState, headers: &HeaderMap) -> Result<Option<Signed>, Failure> {
    let Some(cookie) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let now = crate::clock::now();
    let found = state
        .sessions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .signed(cookie, now);
    let Some((signed, (generation, created))) = found else {
        return Ok(None);
    };
    let name = signed.name.clone();
    let lang = reader_lang(headers);
    let user = with_centre(state, move |centre| centre.current_user(&name))
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    match user {
        Some(user)
            if user.generation == generation
                && user.created_at == created
                && user.role == signed.role =>
        {
            Ok(Some(signed))
        }
        _ => {
            state
                .sessions
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .close(cookie);
            Ok(None)
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let lang = reader_lang(&parts.headers);
        match session_of(state, &parts.headers).await? {
            Some(signed) => Ok(Staff { signed, lang }),
            None => {
                let mut failure = Failure::unauthorized(lang);
                failure.redirect = Some("/login".into());
                Err(failure)
            }
        }
    }
}

/// Who calls the API: a user's token (`Authorization: Bearer tc_...`) or a browser session.
pub struct Caller {
    /// The user's name, or the station's.
    pub name: String,
    /// None for a kiosk station's token: it reaches only the station routes.
    pub role: Option<Role>,
    /// A kiosk's guide panel (a short-lived token given for the guide PIN): it reaches only the
    /// routes marked *panel*; `name` is the station's.
    pub panel: bool,
    pub lang: Lang,
}

impl Caller {
    /// Refuses (403) unless a user with one of `roles` calls (a station never does).
    pub fn require(&self, roles: &[Role]) -> Result<(), Failure> {
        if self.role.is_some_and(|role| roles.contains(&role)) {
            Ok(())
        } else {
            Err(Failure::forbidden(self.lang).api())
        }
    }

    /// As [`Self::require`], and a kiosk's guide panel may too (the routes marked *panel*).
    pub fn require_or_panel(&self, roles: &[Role]) -> Result<(), Failure> {
        if self.panel {
            Ok(())
        } else {
            self.require(roles)
        }
    }

    /// The station calling, or 403 for a user or a panel.
    pub fn station(&self) -> Result<&str, Failure> {
        match (self.role, self.panel) {
            (None, false) => Ok(&self.name),
            _ => Err(Failure::forbidden(self.lang).api()),
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let lang = reader_lang(&parts.headers);
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|token| token.trim().to_string());
        if let Some(token) = bearer.as_deref().filter(|t| t.starts_with("tp_")) {
            let station = state
                .panels
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .station(token, crate::clock::now());
            return match station {
                Some(name) => Ok(Caller {
                    name,
                    role: None,
                    panel: true,
                    lang,
                }),
                None => Err(Failure::unauthorized(lang).api()),
            };
        }
        if let Some(token) = bearer {
            let found = with_centre(state, move |centre| {
                Ok(match centre.token_user(&token)? {
                    Some(user) => Some((user.name, Some(user.role))),
                    None => centre.token_station(&token)?.map(|station| (station, None)),
                })
            })
            .await
            .map_err(|err| Failure::centre(&err, lang).api())?;
            return match found {
                Some((name, role)) => Ok(Caller {
                    name,
                    role,
                    panel: false,
                    lang,
                }),
                None => Err(Failure::unauthorized(lang).api()),
            };
        }
        // A browser session changing something must come from this site's own pages: a form or
        // script on another origin (another port of the same host included) is refused.
        let changes = !matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD
        );
        if changes && !same_origin(&parts.headers) {
            return Err(Failure::forbidden(lang).api());
        }
        match session_of(state, &parts.headers)
            .await
            .map_err(Failure::api)?
        {
            Some(signed) => Ok(Caller {
                name: signed.name,
                role: Some(signed.role),
                panel: false,
                lang,
            }),
            None => Err(Failure::unauthorized(lang).api()),
        }
    }
}

/// Anyone at all (the public booking routes): a signed-in user or a token's holder as a
/// [`Caller`], else nobody in particular. A bearer token that is not valid is still refused (401),
/// so a program learns its token is wrong; a stale session cookie makes its browser anonymous.
pub struct Someone {
    pub caller: Option<Caller>,
    pub lang: Lang,
}

impl Someone {
    /// The staff member calling, when a guide or the administrator calls.
    pub fn staff(&self) -> Option<&Caller> {
        self.caller.as_ref().filter(|caller| {
            !caller.panel
                && caller
                    .role
                    .is_some_and(|role| matches!(role, Role::Guide | Role::Admin))
        })
    }
}

impl FromRequestParts<AppState> for Someone {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Failure> {
        let lang = reader_lang(&parts.headers);
        if parts.headers.contains_key(header::AUTHORIZATION) {
            let caller = Caller::from_request_parts(parts, state).await?;
            return Ok(Someone {
                caller: Some(caller),
                lang,
            });
        }
        let caller = if cookie(&parts.headers, SESSION_COOKIE).is_some() {
            Caller::from_request_parts(parts, state).await.ok()
        } else {
            None
        };
        Ok(Someone { caller, lang })
    }
}
