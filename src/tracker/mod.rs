//! The Department of Economics' commands: `indicators list`, `indicators progress`, `report` and
//! `export`. Loads the indicators directory and, when there is one, the centre's store; words the
//! answers (Ukrainian by default) or prints JSON.

mod tables;

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use fluent_bundle::FluentValue;

use crate::cli::{CliError, Format};
use crate::desk::Desk;
use crate::i18n::{Lang, Messages, format_number, sensible_decimals};
use crate::indicators::{
    Catalogue, CentreFigures, Direction, Indicator, Psr, Status, TrafficLight, load_catalogue,
};
use crate::store::{DATABASE_FILE_NAME, VisitorStore};
use crate::visitors::{Calendar, YearPace, YearStatus, year_pace, year_status};

pub use tables::{indicators_list, indicators_progress};

/// The centre's own figures, read from its store.
#[derive(Clone, Debug)]
pub struct Centre {
    pub figures: CentreFigures,
    pub calendar: Calendar,
    /// This year, read today.
    pub status: YearStatus,
    /// This year day by day, against the target's pace.
    pub pace: YearPace,
}

/// Everything the economist's commands show.
pub struct Loaded {
    pub catalogue: Catalogue,
    /// None when no store exists yet (or none could be read): the centre's indicators show no data.
    pub centre: Option<Centre>,
    /// Why the centre's figures are missing, in the reader's language.
    pub centre_note: Option<String>,
}

pub struct Tracker {
    pub indicators_dir: PathBuf,
    pub data_dir: Option<PathBuf>,
    pub lang: Lang,
    pub today: NaiveDate,
    messages: Messages,
}

impl Tracker {
    pub fn new(indicators_dir: PathBuf, data_dir: Option<PathBuf>, lang: Lang) -> Self {
        Tracker {
            indicators_dir,
            data_dir,
            lang,
            today: crate::visitors::local_date(crate::clock::now()),
            messages: Messages::new(),
        }
    }

    pub fn say(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.messages.get(self.lang, id, args)
    }

    pub fn text(&self, id: &str) -> String {
        self.messages.text(self.lang, id)
    }

    /// Pressure, State or Response, in the reader's language.
    pub fn psr_word(&self, psr: Psr) -> String {
        self.text(match psr {
            Psr::Pressure => "psr-pressure",
            Psr::State => "psr-state",
            Psr::Response => "psr-response",
        })
    }

    /// Which way is better: "more" or "less".
    pub fn better_word(&self, direction: Direction) -> String {
        self.text(match direction {
            Direction::Higher => "better-higher",
            Direction::Lower => "better-lower",
        })
    }

    pub fn light_word(&self, light: TrafficLight) -> String {
        self.text(&format!("light-{}", light.code()))
    }

    pub fn status_word(&self, status: Status) -> String {
        self.text(&format!("progress-{}", status.code()))
    }

    /// A date as the reader writes it in running text: 25.11.2026 in Ukrainian, 2026-11-25 in
    /// English (unambiguous for every English reader).
    pub fn date(&self, date: NaiveDate) -> String {
        match self.lang {
            Lang::Uk => date.format("%d.%m.%Y").to_string(),
            Lang::En => date.to_string(),
        }
    }

    /// A value with its unit, as the reader writes numbers: "12,5 %", "27 000 відвідувань".
    pub fn value(&self, value: f64, unit: &str) -> String {
        let number = format_number(value, sensible_decimals(value), self.lang);
        let unit = self.term("unit", unit);
        if unit.is_empty() {
            number
        } else {
            format!("{number} {unit}")
        }
    }

    /// An indicator's latest value with its year, "12 % (2024)"; None without data.
    pub fn latest(&self, indicator: &Indicator) -> Option<String> {
        indicator.latest().map(|(year, value)| {
            format!("{} ({year})", self.value(value, &indicator.definition.unit))
        })
    }

    /// A word a definition writes in one form for both languages (a unit such as "visits", a
    /// sector such as "solid-waste"): its translation when the messages have `<kind>-<word>`, else
    /// the word as written ("%" and "мкг/м³" need none).
    pub fn term(&self, kind: &str, word: &str) -> String {
        let id = format!("{kind}-{word}");
        let translated = self.text(&id);
        if translated == id {
            word.to_string()
        } else {
            translated
        }
    }

    /// Reads the indicators directory and the store. A missing or unreadable indicators directory
    /// is the user's to fix; a missing store only leaves the centre's indicators without data.
    pub fn load(&self) -> Result<Loaded, CliError> {
        let (centre, centre_note) = match self.read_centre() {
            Ok(centre) => (Some(centre), None),
            Err(note) => (None, Some(note)),
        };
        let catalogue = load_catalogue(
            &self.indicators_dir,
            centre.as_ref().map(|c| &c.figures),
            self.today,
        )
        .map_err(|problem| CliError::Problems(problem.into()))?;
        Ok(Loaded {
            catalogue,
            centre,
            centre_note,
        })
    }

    /// The store's figures, never creating a store where there is none.
    fn read_centre(&self) -> Result<Centre, String> {
        let Some(data_dir) = self.data_dir.as_deref() else {
            return Err(self.text("tracker-no-data-dir"));
        };
        if !data_dir.join(DATABASE_FILE_NAME).is_file() {
            return Err(self.say(
                "tracker-no-store",
                &[("path", data_dir.display().to_string().into())],
            ));
        }
        let desk = Desk::new(data_dir.to_path_buf(), self.lang);
        let failed = |err: CliError| err.render(self.lang);
        let calendar = desk.calendar().map_err(failed)?;
        // Read-only: a report must never upgrade or lock the store a kiosk is writing to.
        let store =
            crate::store::open_read_only(data_dir).map_err(|err| failed(desk.store_failed(err)))?;
        let year = self.today.year();
        let figures = store
            .centre_figures(year)
            .map_err(|err| failed(desk.store_failed(err)))?;
        let days = store
            .day_counts(year)
            .map_err(|err| failed(desk.store_failed(err)))?;
        Ok(Centre {
            figures,
            status: year_status(&calendar, self.today, &days),
            pace: year_pace(&calendar, self.today, &days),
            calendar,
        })
    }
}

/// `report --out DIR`.
pub fn report(tracker: &Tracker, out: &Path, format: Format) -> Result<(), CliError> {
    let loaded = tracker.load()?;
    let written = crate::report::write_report(tracker, &loaded, out)?;
    tables::print_written(tracker, &loaded, &written, format, "report-written");
    Ok(())
}

/// `export --out DIR`.
pub fn export(
    tracker: &Tracker,
    out: &Path,
    license: &str,
    format: Format,
) -> Result<(), CliError> {
    let loaded = tracker.load()?;
    let written = crate::report::write_open_data(tracker, &loaded, out, license)?;
    tables::print_written(tracker, &loaded, &written, format, "export-written");
    Ok(())
}
