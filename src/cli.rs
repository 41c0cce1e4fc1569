//! The command line: clap definitions and the dispatch from a parsed command to the library.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::check;
use crate::desk;
use crate::diagnostics::Problems;
use crate::i18n::Lang;
use crate::tracker;

const ABOUT: &str = "Tour Centre of KP \"Spetskomuntrans\", Khmelnytskyi: sorting exhibit, visitor tracker, Green City indicators.\n\
Туристичний центр КП «Спецкомунтранс», Хмельницький: експозиція сортування, облік відвідувачів, індикатори «Зеленого міста».";

const AFTER_HELP: &str = "For tests only: TOURCENTRE_NOW=2026-04-20T09:30:00+03:00 (RFC 3339) fixes \"now\" for every command.\n\
Лише для тестів: TOURCENTRE_NOW=2026-04-20T09:30:00+03:00 (RFC 3339) задає «зараз» для кожної команди.";

#[derive(Debug, Parser)]
#[command(name = "tourcentre", version, about = ABOUT, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// Where the visitor store, calendar (visitors.ron) and guide PIN live
    /// [env: TOURCENTRE_DATA]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Directory of Green City indicator definitions (*.ron) and data (data/<id>.csv)
    #[arg(long, global = true, value_name = "DIR", default_value = "indicators")]
    pub indicators: PathBuf,

    /// Language of everything printed: Ukrainian (uk) or English (en)
    #[arg(long, global = true, value_enum, default_value_t = Lang::Uk)]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Command,
}

/// Prints a result as pretty JSON on standard output. Serialising the project's plain records
/// cannot fail; if it ever did, the reason goes to standard error rather than a crash.
pub(crate) fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("{err}"),
    }
}

impl Cli {
    /// Every command but the exhibit is a plain command-line tool whose output may be piped.
    pub fn prints_to_a_pipe(&self) -> bool {
        #[cfg(feature = "exhibit")]
        if matches!(self.command, Command::Exhibit { .. }) {
            return false;
        }
        true
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the sorting exhibit (the touch kiosk game).
    ///
    /// Windowed by default, for development; --fullscreen for the kiosk (borderless, cursor
    /// hidden). Test hooks: --autoplay plays a round by itself, --screenshot-dir saves a PNG of
    /// each screen as it first shows, --exit-after-round quits after the results.
    #[cfg(feature = "exhibit")]
    Exhibit {
        /// Scenario file (default: the bundled scenarios/khmelnytskyi.ron)
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// Borderless fullscreen with the cursor hidden, for the kiosk
        #[arg(long)]
        fullscreen: bool,
        /// Name of this kiosk, recorded with each play session
        #[arg(long, value_name = "NAME", default_value = "main-hall")]
        station: String,
        /// A built-in player plays rounds by itself (for tests and demonstrations)
        #[arg(long)]
        autoplay: bool,
        /// Save attract.png, sorting.png, feedback.png, lifecycle.png and results.png here
        #[arg(long, value_name = "DIR")]
        screenshot_dir: Option<PathBuf>,
        /// Quit after the results screen of the first round
        #[arg(long)]
        exit_after_round: bool,
    },
    /// Validate scenarios, indicator definitions and indicator data (default: everything shipped).
    ///
    /// A .ron file inside the indicators directory is read as an indicator definition, any other
    /// .ron as an exhibit scenario, a .csv as indicator data. Every problem is printed as
    /// PATH:LINE:COLUMN: message. Exit status 0 when clean, 1 when any problem is found.
    Check {
        /// Files or directories to check
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Guided tours: start one, end it, list the day's (open tours first).
    Tour {
        #[command(subcommand)]
        command: TourCommand,
    },
    /// Walk-in visitors.
    Visit {
        #[command(subcommand)]
        command: VisitCommand,
    },
    /// The year's visitors against the target (visitors.ron); import and export of visits.
    Visitors {
        #[command(subcommand)]
        command: VisitorsCommand,
    },
    /// The visitor store itself (tourcentre.sqlite in the data dir).
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Green City Action Plan indicators: list them, or measure their progress.
    ///
    /// Reads the definitions (*.ron) and data (data/<id>.csv) of --indicators, and the centre's
    /// own figures (visits, the exhibit's sorting accuracy) from the store in the data dir.
    Indicators {
        #[command(subcommand)]
        command: IndicatorsCommand,
    },
    /// Write the HTML report: index.html with a summary table and a section per indicator, and
    /// charts/*.png and charts/*.svg beside it. Works offline and prints well.
    ///
    /// Files that cannot be read are left out and listed; the rest is still written.
    Report {
        /// The directory to write into (created when missing; earlier files are replaced)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write open data: one UTF-8 CSV per indicator, the centre's monthly visits, and a
    /// datapackage.json (Frictionless Data Package) describing them, for the open-data portal.
    Export {
        /// The directory to write into (created when missing; earlier files are replaced)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Licence of the published data, as an SPDX id (CC-BY-4.0, CC0-1.0, ODbL-1.0, ...)
        #[arg(long, value_name = "ID", default_value = crate::report::DEFAULT_LICENSE)]
        license: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The guides' panel on the kiosk: set the PIN that opens it.
    ///
    /// The panel opens with a 3-second press on the top-left corner of the exhibit (F2 on a
    /// keyboard) and asks for this PIN. It is kept in the data dir as a salted hash.
    Guide {
        #[command(subcommand)]
        command: GuideCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// Each indicator: id, Pressure/State/Response, unit, which way is better, years of data, name.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Each indicator's latest value, traffic light, and progress by the Open SDG measure.
    ///
    /// Progress is the compound annual growth from the base year to the latest year; with a
    /// target, compared with the growth the target needs; without one, with fixed rates.
    Progress {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum TourCommand {
    /// Starts a tour (now, or --at) and prints its id.
    Start(TourStartArgs),
    /// Ends a tour; ID may be its first characters, as `tour list` shows them.
    End(TourEndArgs),
    /// Open tours (any day), then the tours of a day that have ended, and the day's visitors.
    List(TourListArgs),
}

#[derive(Debug, clap::Args)]
pub struct TourStartArgs {
    /// Who the group is: school, student, adult, family or other
    #[arg(long, value_name = "GROUP")]
    pub group: String,
    /// People in the group, 1 to 500
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub size: i64,
    #[arg(long, value_name = "NAME")]
    pub guide: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When the tour started: 2026-04-20T09:30 (Kyiv time) or RFC 3339; default now
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct TourEndArgs {
    pub id: String,
    /// When the tour ended: 2026-04-20T10:40 (Kyiv time) or RFC 3339; default now
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct TourListArgs {
    /// The day, YYYY-MM-DD; default today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Registers walk-in visitors.
    Add(VisitAddArgs),
}

#[derive(Debug, clap::Args)]
pub struct VisitAddArgs {
    /// How many people, 1 to 500
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub count: i64,
    /// school, student, adult, family or other
    #[arg(long, value_name = "CATEGORY")]
    pub category: String,
    /// The day, YYYY-MM-DD; default today
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum VisitorsCommand {
    /// The year so far against the target, expected, projected, needed per open day.
    Status(VisitorsStatusArgs),
    /// Adds the visits of a CSV file (date,count,category[,note]), all or nothing.
    Import(VisitorsImportArgs),
    /// Writes every visit and tour as CSV (date,count,category,note) that imports cleanly.
    Export(VisitorsExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct VisitorsStatusArgs {
    /// The year; default the current one (a past year is read on 31 December)
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// The day to read the year on, YYYY-MM-DD; default today
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct VisitorsImportArgs {
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct VisitorsExportArgs {
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copies the store to FILE while others may be writing (SQLite online backup).
    Backup(DbBackupArgs),
}

#[derive(Debug, clap::Args)]
pub struct DbBackupArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum GuideCommand {
    /// Set or change the guide PIN (4 to 8 digits). Asks twice at the terminal without showing it.
    SetPin {
        /// Read the PIN from standard input (one line) instead of asking, for scripts
        #[arg(long)]
        stdin: bool,
    },
}

/// Why a command failed. Every variant is the user's to fix and maps to exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Problems(#[from] Problems),
    /// Already in the reader's language.
    #[error("{0}")]
    Message(String),
    /// The command has already printed what went wrong (as `check` does); nothing more to say.
    #[error("")]
    AlreadyReported,
}

impl CliError {
    /// What to print, in `lang` (problems in files carry both languages until now).
    pub fn render(&self, lang: Lang) -> String {
        match self {
            CliError::Problems(problems) => problems.render(lang),
            CliError::Message(message) => message.clone(),
            CliError::AlreadyReported => String::new(),
        }
    }
}

/// The data directory: `--data-dir`, else `$TOURCENTRE_DATA`, else the platform's data directory.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| {
        std::env::var_os("TOURCENTRE_DATA")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .or_else(|| {
        directories::ProjectDirs::from("ua", "Spetskomuntrans", "tourcentre")
            .map(|dirs| dirs.data_dir().to_path_buf())
    })
}

/// Parses the command line, with the resolved data directory shown in `--help`.
pub fn parse() -> Cli {
    let shown = resolve_data_dir(None)
        .map(|dir| dir.display().to_string())
        .unwrap_or_else(|| "none found: pass --data-dir".to_string());
    let command = Cli::command().mut_arg("data_dir", |arg| {
        arg.help(format!(
            "Where the visitor store, calendar (visitors.ron) and guide PIN live [env: TOURCENTRE_DATA] [now: {shown}]"
        ))
    });
    let matches = command.get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

/// Runs a parsed command, printing its results. Returns what the user must fix, if anything.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        #[cfg(feature = "exhibit")]
        Command::Exhibit {
            scenario,
            fullscreen,
            station,
            autoplay,
            screenshot_dir,
            exit_after_round,
        } => run_exhibit(
            scenario,
            fullscreen,
            station,
            autoplay,
            screenshot_dir,
            exit_after_round,
            cli.lang,
            cli.data_dir,
        ),
        Command::Check { paths, format } => run_check(paths, &cli.indicators, format, cli.lang),
        Command::Tour { command } => {
            let desk = desk(cli.data_dir, cli.lang)?;
            match command {
                TourCommand::Start(args) => desk::tour_start(&desk, args),
                TourCommand::End(args) => desk::tour_end(&desk, args),
                TourCommand::List(args) => desk::tour_list(&desk, args),
            }
        }
        Command::Visit {
            command: VisitCommand::Add(args),
        } => desk::visit_add(&desk(cli.data_dir, cli.lang)?, args),
        Command::Visitors { command } => {
            let desk = desk(cli.data_dir, cli.lang)?;
            match command {
                VisitorsCommand::Status(args) => desk::visitors_status(&desk, args),
                VisitorsCommand::Import(args) => desk::visitors_import(&desk, args),
                VisitorsCommand::Export(args) => desk::visitors_export(&desk, args),
            }
        }
        Command::Db {
            command: DbCommand::Backup(args),
        } => desk::db_backup(&desk(cli.data_dir, cli.lang)?, args),
        Command::Guide {
            command: GuideCommand::SetPin { stdin },
        } => run_set_pin(cli.data_dir, stdin, cli.lang),
        Command::Indicators { command } => {
            let tracker = tracker(cli.indicators, cli.data_dir, cli.lang);
            match command {
                IndicatorsCommand::List { format } => tracker::indicators_list(&tracker, format),
                IndicatorsCommand::Progress { format } => {
                    tracker::indicators_progress(&tracker, format)
                }
            }
        }
        Command::Report { out, format } => tracker::report(
            &tracker(cli.indicators, cli.data_dir, cli.lang),
            &out,
            format,
        ),
        Command::Export {
            out,
            license,
            format,
        } => tracker::export(
            &tracker(cli.indicators, cli.data_dir, cli.lang),
            &out,
            &license,
            format,
        ),
    }
}

fn tracker(indicators: PathBuf, data_dir: Option<PathBuf>, lang: Lang) -> tracker::Tracker {
    tracker::Tracker::new(indicators, resolve_data_dir(data_dir), lang)
}

fn desk(data_dir: Option<PathBuf>, lang: Lang) -> Result<desk::Desk, CliError> {
    require_data_dir(data_dir, lang).map(|dir| desk::Desk::new(dir, lang))
}

/// The data directory, for commands that cannot work without one.
fn require_data_dir(flag: Option<PathBuf>, lang: Lang) -> Result<PathBuf, CliError> {
    resolve_data_dir(flag).ok_or_else(|| {
        CliError::Message(crate::i18n::Messages::new().text(lang, "desk-no-data-dir"))
    })
}

fn run_check(
    paths: Vec<PathBuf>,
    indicators_dir: &std::path::Path,
    format: Format,
    lang: Lang,
) -> Result<(), CliError> {
    let paths = if paths.is_empty() {
        check::default_paths(indicators_dir)
    } else {
        paths
    };
    let report = check::check(&paths, indicators_dir);
    match format {
        Format::Json => {
            let problems: Vec<serde_json::Value> = report
                .problems
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "path": p.path.display().to_string(),
                        "line": p.line,
                        "column": p.column,
                        "message": p.message.get(lang),
                    })
                })
                .collect();
            let checked: Vec<String> = report
                .checked
                .iter()
                .map(|(p, _)| p.display().to_string())
                .collect();
            let notes: Vec<serde_json::Value> = report
                .notes
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "path": p.path.display().to_string(),
                        "message": p.message.get(lang),
                    })
                })
                .collect();
            let out = serde_json::json!({ "ok": report.is_clean(), "checked": checked, "problems": problems, "notes": notes });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            for problem in &report.problems {
                println!("{}", problem.render(lang));
            }
            let messages = crate::i18n::Messages::new();
            let note_word = messages.text(lang, "check-note");
            for note in &report.notes {
                println!(
                    "{}: {note_word}: {}",
                    note.path.display(),
                    note.message.get(lang)
                );
            }
            let files = report.checked.len();
            let count = report.problems.len();
            let summary = if count == 0 {
                messages.get(lang, "check-summary-clean", &[("files", files.into())])
            } else {
                messages.get(
                    lang,
                    "check-summary-problems",
                    &[("files", files.into()), ("problems", count.into())],
                )
            };
            eprintln!("{summary}");
        }
    }
    if report.is_clean() {
        Ok(())
    } else {
        Err(CliError::AlreadyReported)
    }
}

#[cfg(feature = "exhibit")]
#[allow(clippy::too_many_arguments)]
fn run_exhibit(
    scenario: Option<PathBuf>,
    fullscreen: bool,
    station: String,
    autoplay: bool,
    screenshot_dir: Option<PathBuf>,
    exit_after_round: bool,
    lang: Lang,
    data_dir: Option<PathBuf>,
) -> Result<(), CliError> {
    let path = scenario.unwrap_or_else(|| crate::shipped_dir("scenarios").join("khmelnytskyi.ron"));
    let assets_dir = crate::content::assets_dir_for(&path);
    let scenario = crate::content::load(&path, &assets_dir)?;
    if let Some(dir) = &screenshot_dir {
        std::fs::create_dir_all(dir).map_err(|err| {
            let shown = dir.display();
            let message = crate::diagnostics::io_failure(
                format!("{shown}: не вдається створити теку для знімків екрана"),
                format!("{shown}: cannot create the screenshot directory"),
                &err,
            );
            CliError::Message(message.get(lang).to_string())
        })?;
    }
    let assets_dir = std::fs::canonicalize(&assets_dir).unwrap_or(assets_dir);
    let data_dir = resolve_data_dir(data_dir);
    let options = crate::exhibit::ExhibitOptions {
        fullscreen,
        station,
        autoplay,
        screenshot_dir,
        exit_after_round,
        lang,
        assets_dir,
        data_dir,
    };
    match crate::exhibit::run(scenario, options) {
        bevy::app::AppExit::Success => Ok(()),
        bevy::app::AppExit::Error(code) => Err(CliError::Message(
            crate::i18n::Text::new(
                format!("експозиція зупинилася з помилкою (код {code})"),
                format!("the exhibit stopped with an error (code {code})"),
            )
            .get(lang)
            .to_string(),
        )),
    }
}

fn run_set_pin(data_dir: Option<PathBuf>, from_stdin: bool, lang: Lang) -> Result<(), CliError> {
    let messages = crate::i18n::Messages::new();
    let say = |id: &str| messages.text(lang, id);
    let data_dir = require_data_dir(data_dir, lang)?;
    let pin = if from_stdin {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|err| {
            CliError::Message(format!(
                "stdin: {}",
                crate::diagnostics::io_reason(&err).get(lang)
            ))
        })?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        let ask = |prompt: String| {
            rpassword::prompt_password(prompt).map_err(|err| {
                CliError::Message(format!(
                    "{} ({})",
                    say("guide-pin-no-terminal"),
                    crate::diagnostics::io_reason(&err).get(lang)
                ))
            })
        };
        let first = ask(say("guide-pin-prompt"))?;
        crate::pin::validate(&first).map_err(|_| CliError::Message(say("guide-pin-format")))?;
        if ask(say("guide-pin-repeat"))? != first {
            return Err(CliError::Message(say("guide-pin-mismatch")));
        }
        first
    };
    match crate::pin::set(&data_dir, &pin) {
        Ok(()) => {
            println!(
                "{}",
                messages.get(
                    lang,
                    "guide-pin-saved",
                    &[(
                        "path",
                        crate::pin::pin_path(&data_dir).display().to_string().into()
                    )]
                )
            );
            Ok(())
        }
        Err(crate::pin::PinError::Format) => Err(CliError::Message(say("guide-pin-format"))),
        Err(err) => Err(CliError::Message(err.text().get(lang).to_string())),
    }
}
