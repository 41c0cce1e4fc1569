//! `visitors status`: the year so far against the target, as JSON (the contract) or one screen.

use chrono::Datelike;
use fluent_bundle::FluentValue;

use super::{Desk, input, print_json};
use crate::cli::{CliError, Format, VisitorsStatusArgs};
use crate::i18n::Lang;
use crate::store::VisitorStore;
use crate::visitors::{Category, YearStatus};

pub fn visitors_status(desk: &Desk, args: VisitorsStatusArgs) -> Result<(), CliError> {
    let as_of =
        input::status_day(args.year, args.as_of.as_deref(), desk.today()).map_err(|problem| {
            let flag = match problem {
                input::InputProblem::YearOutOfRange(_) => "--year",
                _ => "--as-of",
            };
            desk.rejected(flag, problem)
        })?;
    let calendar = desk.calendar()?;
    let store = desk.open_store()?;
    let status = store
        .year_status(&calendar, as_of)
        .map_err(|err| desk.store_failed(err))?;
    match args.format {
        Format::Json => print_json(&status),
        Format::Text => println!("{}", status_screen(desk, &status)),
    }
    Ok(())
}

/// The one-screen text: count and share, expected, projected, needed per day, status, details.
fn status_screen(desk: &Desk, status: &YearStatus) -> String {
    let whole = |value: f64| FluentValue::from(value.round() as i64);
    let mut lines = vec![
        desk.say(
            "status-title",
            &[
                ("year", FluentValue::from(status.year)),
                ("date", status.as_of.to_string().into()),
            ],
        ),
        desk.say(
            "status-to-date",
            &[
                ("count", FluentValue::from(status.visitors_to_date)),
                ("target", FluentValue::from(status.target)),
                (
                    "percent",
                    decimal(status.percent_of_target(), desk.lang).into(),
                ),
            ],
        ),
        desk.say(
            "status-expected",
            &[("expected", whole(status.expected_to_date))],
        ),
        desk.say(
            "status-projected",
            &[("projected", whole(status.projected_year_end))],
        ),
    ];
    let shortfall = u64::from(status.target).saturating_sub(status.visitors_to_date);
    lines.push(if shortfall == 0 {
        desk.say("status-target-met", &[])
    } else if status.operating_days_left == 0 {
        desk.say(
            "status-no-days-left",
            &[("missing", FluentValue::from(shortfall))],
        )
    } else {
        desk.say(
            "status-required",
            &[
                (
                    "required",
                    FluentValue::from(status.required_per_operating_day),
                ),
                ("days", FluentValue::from(status.operating_days_left)),
            ],
        )
    });
    lines.push(desk.say("status-pace", &[("status", status.status.as_str().into())]));
    let categories: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("{} {}", desk.category_name(*c), status.by_category.get(*c)))
        .collect();
    lines.push(desk.say(
        "status-by-category",
        &[("list", categories.join(" · ").into())],
    ));
    let months: Vec<String> = status
        .by_month
        .iter()
        .take(status.as_of.month() as usize)
        .map(|m| format!("{}: {}", m.month, m.visitors))
        .collect();
    lines.push(desk.say("status-by-month", &[("list", months.join(" · ").into())]));
    lines.join("\n")
}

/// One decimal, with the decimal comma Ukrainian writes.
fn decimal(value: f64, lang: Lang) -> String {
    crate::i18n::format_number(value, 1, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_writes_a_decimal_comma() {
        assert_eq!(decimal(38.25, Lang::Uk), "38,2");
        assert_eq!(decimal(38.26, Lang::En), "38.3");
    }
}
