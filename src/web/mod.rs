//! The centre server (`tourcentre serve`): pages for guides, economists and the administrator, and
//! the JSON API, over the centre's operations. axum on tokio; every store call runs on a blocking
//! thread, never on the async workers; pages are rendered on the server (minijinja, auto-escaped)
//! and work without JavaScript.

mod admin;
mod api;
pub mod auth;
mod book;
mod booking_api;
mod feed;
mod files;
mod guide_bookings;
mod indicator_entry;
mod mailer;
mod pages;
mod reply;
mod stations;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::centre::{Centre, CentreError};
use crate::i18n::Lang;
use auth::{Cidr, LoginThrottle, Sessions};
pub use reply::Failure;

/// A JSON or form body larger than this is refused with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;
/// A CSV upload may be this large.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// How the server is started.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub indicators_dir: PathBuf,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// When not empty, only these ranges reach anything but the public routes.
    pub staff_from: Vec<Cidr>,
}

/// How many store connections serve requests at once. SQLite in WAL mode reads in parallel and
/// serialises writers itself (with its busy timeout), so a few connections keep both cores busy
/// while one request waits on the disk.
const CONNECTIONS: usize = 4;

/// What every request shares.
pub struct Shared {
    /// The centre's operations, one per store connection (used from blocking threads only).
    centres: Vec<Mutex<Centre>>,
    /// Which connection the next request tries first.
    next: std::sync::atomic::AtomicUsize,
    sessions: Mutex<Sessions>,
    throttle: Mutex<LoginThrottle>,
    panels: Mutex<auth::Panels>,
    /// Booking requests per address in the hour (`requests_per_address_per_hour`).
    pub booking_requests: Mutex<auth::AddressWindow>,
    /// Password and PIN checks (Argon2, slow on purpose) running at once: a flood of sign-ins
    /// cannot take every core or any store connection.
    pub(crate) hashing: tokio::sync::Semaphore,
    options: ServeOptions,
}

pub type AppState = Arc<Shared>;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{address}: cannot listen: {reason}")]
    Listen { address: SocketAddr, reason: String },
    #[error("the server stopped: {0}")]
    Runtime(String),
    #[error(transparent)]
    Centre(#[from] CentreError),
}

impl crate::i18n::Wording for ServeError {
    fn words(&self, messages: &crate::i18n::Messages, lang: Lang) -> String {
        match self {
            ServeError::Listen { address, reason } => messages.get(
                lang,
                "serve-cannot-listen",
                &[
                    ("address", address.to_string().into()),
                    ("reason", reason.clone().into()),
                ],
            ),
            ServeError::Runtime(reason) => {
                messages.get(lang, "serve-stopped", &[("reason", reason.clone().into())])
            }
            ServeError::Centre(err) => err.words(messages, lang),
        }
    }
}

impl Shared {
    pub fn new(options: ServeOptions) -> Result<AppState, ServeError> {
        let mut centres = Vec::new();
        for _ in 0..CONNECTIONS {
            let mut centre = Centre::new(options.data_dir.clone());
            // Open (create, upgrade) the store now: a broken one is said at start, not later.
            centre.store()?;
            centres.push(Mutex::new(centre));
        }
        Ok(Arc::new(Shared {
            centres,
            next: std::sync::atomic::AtomicUsize::new(0),
            sessions: Mutex::new(Sessions::default()),
            throttle: Mutex::new(LoginThrottle::default()),
            panels: Mutex::new(auth::Panels::default()),
            booking_requests: Mutex::new(auth::AddressWindow::default()),
            hashing: tokio::sync::Semaphore::new(2),
            options,
        }))
    }

    pub fn data_dir(&self) -> &Path {
        &self.options.data_dir
    }

    pub fn indicators_dir(&self) -> &Path {
        &self.options.indicators_dir
    }

    /// The department's indicators with the centre's figures, read today.
    pub(crate) fn load_indicators(
        &self,
        centre: &Centre,
    ) -> Result<crate::report::Loaded, CentreError> {
        crate::centre::indicators::load(
            self.indicators_dir(),
            Some(self.data_dir()),
            centre.today(),
        )
    }
}

/// [`Shared::load_indicators`] on a blocking thread.
pub(crate) async fn indicators_now(state: &AppState) -> Result<crate::report::Loaded, CentreError> {
    let shared = state.clone();
    with_centre(state, move |centre| shared.load_indicators(centre)).await
}

/// Runs `work` with the centre on a blocking thread, at the clock's "now".
pub(crate) async fn with_centre<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&mut Centre) -> Result<T, CentreError> + Send + 'static,
) -> Result<T, CentreError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || {
        let count = state.centres.len();
        let start = state
            .next
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // A free connection if there is one, else wait for the one whose turn it is.
        let free =
            (0..count).find_map(|offset| state.centres[(start + offset) % count].try_lock().ok());
        let mut centre = match free {
            Some(centre) => centre,
            None => state.centres[start % count]
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        };
        centre.refresh_now();
        let result = work(&mut centre);
        if matches!(&result, Err(CentreError::Store(_))) {
            // A broken connection is opened afresh at the next request.
            centre.close_store();
        }
        result
    })
    .await
    .unwrap_or_else(|err| Err(CentreError::Interrupted(err.to_string())))
}

/// Copies the shipped indicators into `<data dir>/indicators` when it does not exist yet: the
/// department's edits live there, and an upgrade never overwrites them.
pub fn seed_indicators(data_dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let target = data_dir.join("indicators");
    if target.exists() {
        return Ok(None);
    }
    let shipped = crate::shipped_dir("indicators");
    let partial = data_dir.join(".indicators.partial");
    let _ = std::fs::remove_dir_all(&partial);
    crate::centre::backup::copy_tree(&shipped, &partial)?;
    std::fs::rename(&partial, &target)?;
    Ok(Some(target))
}

/// Every route of the server, with its limits, security headers and request log.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(book::routes())
        .merge(guide_bookings::routes())
        .merge(feed::routes())
        .merge(api::routes())
        .merge(files::routes())
        .merge(indicator_entry::routes())
        .merge(admin::routes())
        .merge(stations::routes())
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), staff_only))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(request_log))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight and closes the store.
pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| ServeError::Runtime(err.to_string()))?;
    runtime.block_on(async move {
        let address = options.listen;
        let state = Shared::new(options)?;
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|err| ServeError::Listen {
                address,
                reason: crate::diagnostics::io_reason(&err).en,
            })?;
        let local = listener.local_addr().unwrap_or(address);
        eprintln!(
            "tourcentre {}: serving http://{local}/",
            env!("CARGO_PKG_VERSION")
        );
        tokio::spawn(erase_old_booking_details(state.clone()));
        tokio::spawn(mailer::deliver_mail(state.clone()));
        let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|err| ServeError::Runtime(err.to_string()))?;
        eprintln!("tourcentre: stopped; the store is closed");
        Ok(())
    })
}

/// How often the server erases the contact details of bookings past `retention_days`.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// At start and every six hours: the contact details of bookings whose visit was more than
/// `retention_days` ago are erased (`tourcentre booking purge` does the same by hand). A failure
/// is logged without any personal value and tried again next time.
async fn erase_old_booking_details(state: AppState) {
    loop {
        match with_centre(&state, |centre| centre.purge_bookings()).await {
            Ok(0) => {}
            Ok(erased) => eprintln!("bookings: contact details erased from {erased}"),
            Err(err) => eprintln!("bookings: erasing old contact details failed: {err}"),
        }
        tokio::time::sleep(PURGE_EVERY).await;
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

/// One line per request: method, route template (never a code, token or personal value), status,
/// milliseconds.
async fn request_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(unmatched)".to_string(), |m| m.as_str().to_string());
    let response = next.run(request).await;
    eprintln!(
        "{method} {route} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// The headers every answer carries.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "same-origin");
    response
}

/// The routes anyone may reach, from anywhere, when `--staff-from` is given (the guides' calendar
/// feed too: a phone on a mobile network reads it, with its own token).
fn is_public(path: &str) -> bool {
    path == "/healthz"
        || path.starts_with("/assets/")
        || path.starts_with("/lang/")
        || path == "/book"
        || path.starts_with("/book/")
        || path.starts_with("/api/v1/booking-slots")
        || is_teachers_booking_route(path)
        || path.starts_with("/feed/")
}

/// `/api/v1/bookings` (a new booking), `/api/v1/bookings/{code}` and its `/cancel`: what a
/// teacher reaches with a code; the guides' actions on a booking stay staff-only.
fn is_teachers_booking_route(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/bookings") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    rest.is_empty() || matches!(parts.as_slice(), [_] | [_, "cancel"])
}

/// With `--staff-from`, everything but the public routes answers 403 outside those ranges.
async fn staff_only(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    // A teacher's booking routes are public for a teacher, not for a guide's token or session:
    // a guide acts on bookings from the staff's ranges only.
    let as_staff = is_teachers_booking_route(path)
        && (request
            .headers()
            .contains_key(axum::http::header::AUTHORIZATION)
            || reply::cookie(request.headers(), auth::SESSION_COOKIE).is_some());
    if state.options.staff_from.is_empty() || (is_public(path) && !as_staff) {
        return next.run(request).await;
    }
    let address = client_of(&state, peer, request.headers());
    if state
        .options
        .staff_from
        .iter()
        .any(|range| range.contains(address))
    {
        next.run(request).await
    } else {
        let lang = reply::reader_lang(request.headers());
        let failure = Failure::forbidden(lang);
        if request.uri().path().starts_with("/api/") {
            failure.api().into_response()
        } else {
            failure.into_response()
        }
    }
}

pub(crate) fn client_of(
    state: &Shared,
    peer: SocketAddr,
    headers: &axum::http::HeaderMap,
) -> IpAddr {
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    auth::client_address(peer, forwarded, &state.options.trusted_proxies)
}

/// `GET /healthz`.
pub(crate) async fn healthz() -> impl IntoResponse {
    (
        StatusCode::OK,
        axum::Json(serde_json::json!({"status": "ok", "version": env!("CARGO_PKG_VERSION")})),
    )
}
