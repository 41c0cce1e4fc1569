//! The *Stations* page: which kiosks are alive, for guides and the administrator, as of the
//! moment it was opened (it says when, with a link to look again; a page that reloads itself
//! would take the reader's time out of their hands, WCAG 2.2.1).

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use minijinja::context;

use super::pages::{frame, page};
use super::reply::{Failure, Staff};
use super::{AppState, with_centre};
use crate::i18n::Words;
use crate::store::Role;

pub fn routes() -> Router<AppState> {
    Router::new().route("/stations", get(stations))
}

async fn stations(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(&[Role::Guide, Role::Admin])?;
    let lang = staff.lang;
    let stations = with_centre(&state, |centre| centre.stations())
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let words = Words::new(lang);
    let rows: Vec<minijinja::Value> = stations
        .iter()
        .map(|s| {
            let seen = s
                .last_seen
                .as_deref()
                .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
                .map(|at| crate::visitors::local_time(at.with_timezone(&chrono::Utc)));
            context! {
                name => s.name,
                state => s.state.code(),
                state_word => words.text(&format!("station-state-{}", s.state.code())),
                seen => seen,
                version => s.version,
                scenario => s.scenario,
                rounds => s.rounds_today,
                sessions => s.sessions_today,
                outbox => s.outbox,
                accuracy => s.first_try_today.map(|share| format!("{} %", words.number(share * 100.0, 0))),
            }
        })
        .collect();
    page(
        "stations.html",
        frame(lang, Some(&staff), "/stations"),
        context! {
            stations => rows,
            as_of => crate::visitors::local_time(crate::clock::now())[11..].to_string(),
        },
    )
}
