//! The administrator's page: users (add, remove, reset a password, revoke tokens) and the backup.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use minijinja::context;
use serde::Deserialize;

use super::pages::{Csrf, CsrfForm, check_csrf, frame, page};
use super::reply::{Failure, Staff};
use super::{AppState, with_centre};
use crate::centre::CentreError;
use crate::i18n::Words;
use crate::store::Role;

const ADMIN: &[Role] = &[Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin))
        .route("/admin/users", post(add_user))
        .route("/admin/users/remove", post(remove_user))
        .route("/admin/users/password", post(reset_password))
        .route("/admin/users/revoke", post(revoke_tokens))
        .route("/admin/calendar", post(save_calendar))
}

async fn admin(State(state): State<AppState>, staff: Staff) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    admin_page(&state, &staff, None, None, StatusCode::OK).await
}

/// The page, with what the last form did or why it was refused.
async fn admin_page(
    state: &AppState,
    staff: &Staff,
    done: Option<String>,
    problem: Option<(String, String)>,
    status: StatusCode,
) -> Result<Response, Failure> {
    let lang = staff.lang;
    let (users, calendar) = with_centre(state, |centre| Ok((centre.users()?, centre.calendar())))
        .await
        .map_err(|err| Failure::centre(&err, lang))?;
    let words = Words::new(lang);
    let users: Vec<minijinja::Value> = users
        .iter()
        .map(|user| {
            context! {
                name => user.name,
                role => words.text(&format!("web-role-{}", user.role.as_str())),
                tokens => user.tokens,
                me => user.name == staff.signed.name,
            }
        })
        .collect();
    let roles: Vec<minijinja::Value> = Role::ALL
        .iter()
        .map(|r| context! { code => r.as_str(), name => words.text(&format!("web-role-{}", r.as_str())) })
        .collect();
    let (field, problem) = problem.unzip();
    let calendar_note = calendar.as_ref().err().map(|err| words.of(err));
    let calendar = calendar.unwrap_or_default();
    let weekdays: Vec<minijinja::Value> = crate::visitors::WeekdayName::ALL
        .iter()
        .enumerate()
        .map(|(index, day)| {
            let code = format!("{day:?}");
            context! {
                code => code,
                name => words.text(&format!("web-weekday-{}", index + 1)),
                open => calendar.open_weekdays.contains(day),
            }
        })
        .collect();
    let months: Vec<minijinja::Value> = (0..12)
        .map(|m| {
            context! {
                name => words.text(&format!("month-short-{}", m + 1)),
                weight => calendar.month_weights.map_or(1.0, |w| w[m]),
            }
        })
        .collect();
    let closed: Vec<String> = calendar
        .closed_dates
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut response = page(
        "admin.html",
        frame(lang, Some(staff), "/admin"),
        context! {
            users => users, roles => roles, done => done, field => field, problem => problem,
            target => calendar.target, weekdays => weekdays, months => months,
            weighted => calendar.month_weights.is_some(), closed => closed.join("\n"),
            calendar_note => calendar_note,
        },
    )?;
    *response.status_mut() = status;
    Ok(response)
}

/// After a form: the page again, saying what was done or what is wrong (beside the field).
async fn after(
    state: &AppState,
    staff: &Staff,
    result: Result<String, CentreError>,
) -> Result<Response, Failure> {
    match result {
        Ok(done) => admin_page(state, staff, Some(done), None, StatusCode::OK).await,
        Err(err) => {
            let failure = Failure::centre(&err, staff.lang);
            if failure.status.is_server_error() {
                return Err(failure);
            }
            let words = Words::new(staff.lang);
            let (field, message) = match &err {
                CentreError::Input { field, problem } => ((*field).to_string(), words.of(problem)),
                // A calendar's problems name their field; the page needs no file path.
                CentreError::Problems(problems) => {
                    let lines: Vec<&str> = problems
                        .0
                        .iter()
                        .map(|p| p.message.get(staff.lang))
                        .collect();
                    (String::new(), lines.join("; "))
                }
                other => (String::new(), words.of(other)),
            };
            admin_page(state, staff, None, Some((field, message)), failure.status).await
        }
    }
}

#[derive(Deserialize)]
struct NewUser {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

async fn add_user(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<NewUser>,
) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    let words = Words::new(staff.lang);
    let result = with_centre(&state, move |centre| {
        centre.add_user(&submitted.name, &submitted.role, &submitted.password)
    })
    .await
    .map(|user| {
        words.say(
            "user-added",
            &[
                ("name", user.name.into()),
                ("role", user.role.as_str().into()),
            ],
        )
    });
    after(&state, &staff, result).await
}

impl Csrf for NewUser {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

impl Csrf for UserForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

#[derive(Deserialize)]
struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// Ends every session of a user on this server (their password changed or they are gone).
fn sign_out(state: &AppState, name: &str) {
    state
        .sessions
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .close_user(name);
}

async fn remove_user(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<UserForm>,
) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    if submitted.name == staff.signed.name {
        // An administrator never locks themselves out by a stray click.
        return Ok(Redirect::to("/admin").into_response());
    }
    let words = Words::new(staff.lang);
    let name = submitted.name.clone();
    let result = with_centre(&state, move |centre| centre.remove_user(&name))
        .await
        .map(|()| {
            sign_out(&state, &submitted.name);
            words.say("user-removed", &[("name", submitted.name.clone().into())])
        });
    after(&state, &staff, result).await
}

async fn reset_password(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<UserForm>,
) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    let words = Words::new(staff.lang);
    let (name, password) = (submitted.name.clone(), submitted.password);
    let result = with_centre(&state, move |centre| centre.set_password(&name, &password))
        .await
        .map(|()| {
            sign_out(&state, &submitted.name);
            words.say(
                "user-password-set",
                &[("name", submitted.name.clone().into())],
            )
        });
    after(&state, &staff, result).await
}

async fn revoke_tokens(
    State(state): State<AppState>,
    staff: Staff,
    CsrfForm(submitted): CsrfForm<UserForm>,
) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    let words = Words::new(staff.lang);
    let name = submitted.name.clone();
    let result = with_centre(&state, move |centre| centre.revoke_tokens(&name, None))
        .await
        .map(|count| {
            words.say(
                "user-tokens-revoked",
                &[
                    ("name", submitted.name.clone().into()),
                    ("count", count.into()),
                ],
            )
        });
    after(&state, &staff, result).await
}

/// The calendar form: checkboxes and text fields under repeated names.
async fn save_calendar(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Failure> {
    staff.require(ADMIN)?;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let all = |name: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    check_csrf(&state, &headers, &value("csrf"))?;
    let edit = crate::centre::calendar::CalendarEdit {
        target: value("target"),
        open_weekdays: all("open_weekdays"),
        closed_dates: value("closed_dates"),
        month_weights: (value("weighted") == "on").then(|| all("month_weights")),
    };
    let words = Words::new(staff.lang);
    let result = with_centre(&state, move |centre| centre.save_calendar(&edit))
        .await
        .map(|_| words.text("web-calendar-saved"));
    after(&state, &staff, result).await
}
