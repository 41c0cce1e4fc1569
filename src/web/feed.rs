//! `GET /feed/{token}/bookings.ics`: the guides' calendar feed of confirmed bookings, for a
//! phone's calendar to subscribe to. A calendar sends no headers of ours, so the read-only token is
//! in the path (the request log shows the route's template, never the token). It is reached from
//! anywhere, `--staff-from` or not (a guide's phone is on a mobile network); a token that is not a
//! live feed token is answered as any unknown page is.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use super::reply::{Failure, Reader};
use super::{AppState, with_centre};
use crate::i18n::Lang;

pub fn routes() -> Router<AppState> {
    Router::new().route("/feed/{token}/bookings.ics", get(feed))
}

#[derive(Deserialize)]
struct FeedQuery {
    /// uk or en; else the reader's language (a calendar's `Accept-Language`), else Ukrainian.
    #[serde(default)]
    lang: Option<String>,
}

async fn feed(
    State(state): State<AppState>,
    Reader(reader): Reader,
    Path(token): Path<String>,
    Query(query): Query<FeedQuery>,
) -> Result<Response, Failure> {
    let lang = query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(reader);
    let text = with_centre(&state, move |centre| centre.booking_feed(&token, lang))
        .await
        .map_err(|err| Failure::centre(&err, reader))?
        .ok_or_else(|| Failure::not_found(reader))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // Names of schools and their needs: kept by no proxy or shared cache.
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        text,
    )
        .into_response())
}
