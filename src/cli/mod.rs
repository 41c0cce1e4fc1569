//! The command line: the only module that knows clap, output formats and exit codes. It parses,
//! calls the centre's operations (`crate::centre`), and shows each outcome as text or JSON.

mod indicators;
mod run;
mod show;

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::centre::CentreError;
use crate::diagnostics::Problems;
use crate::i18n::{Lang, Words};

pub use run::run;

const ABOUT: &str = "Tour Centre of KP \"Spetskomuntrans\", Khmelnytskyi: sorting exhibit, guides' desk and visitor counts, Green City indicators.\n\
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
    /// [env: TOURCENTRE_INDICATORS] [default: <data dir>/indicators when it exists, else the
    /// shipped indicators/]
    #[arg(long, global = true, value_name = "DIR")]
    pub indicators: Option<PathBuf>,

    /// Language of everything printed: Ukrainian (uk) or English (en)
    #[arg(long, global = true, default_value = "uk", value_parser = lang_parser())]
    pub lang: Lang,

    #[command(subcommand)]
    pub command: Command,
}

/// `uk` or `en`, listed in `--help` and in clap's refusal of anything else.
fn lang_parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        .map(|code| Lang::from_code(&code).unwrap_or_default())
}

impl Cli {
    /// Every command but the exhibit is a plain command-line tool whose output may be piped.
    pub fn prints_to_a_pipe(&self) -> bool {
        #[cfg(feature = "exhibit")]
        if matches!(self.command, Command::Exhibit { .. }) {
            return false;
        }
        !matches!(self.command, Command::Serve(_))
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
        /// Test hook: quit after the results screen of the Nth round
        #[arg(
            long,
            value_name = "N",
            hide = true,
            conflicts_with = "exit_after_round"
        )]
        rounds: Option<u64>,
        /// Test hook: no window, renderer or sound; each round written to the outbox is printed
        /// as a JSON line on stdout (with --autoplay, a kiosk for the several-kiosks tests)
        #[arg(long, hide = true)]
        headless: bool,
        /// Test hook: how many times faster than real time the headless exhibit's clock runs
        #[arg(
            long,
            value_name = "FACTOR",
            hide = true,
            default_value_t = 1.0,
            requires = "headless"
        )]
        speed: f64,
        /// The centre server (http://HOST:PORT): rounds go there through an outbox in the data
        /// dir, kept until the server has them. The station's token comes from
        /// $TOURCENTRE_STATION_TOKEN or <data dir>/station-token
        #[arg(long, value_name = "URL")]
        server: Option<String>,
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
    #[command(alias = "indicator")]
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
    /// Run the centre server: pages for guides, economists and the administrator, and the JSON
    /// API, on the store in the data dir (plain HTTP; HTTPS is a reverse proxy's job).
    ///
    /// Seeds <data dir>/indicators from the shipped set on its first start. Stops cleanly on
    /// Ctrl-C or SIGTERM, finishing the requests in flight.
    ///
    /// Mail to teachers: with <data dir>/mail.ron (server, port, security "starttls" | "tls" |
    /// "none", user, password_file, sender, public_url; see README "Mail to teachers") the
    /// server mails each teacher the changes to their booking, and the class's results; without
    /// it, guides phone them from the "Tell the teachers" list on /bookings.
    Serve(ServeArgs),
    /// The exhibit's voice clips (assets/voice/uk, assets/voice/en): the recording script, and
    /// stamping a recorded clip with the text it speaks.
    ///
    /// --lang chooses the clips' language. Each clip is assets/voice/<lang>/<key>.ogg (Ogg
    /// Vorbis); `check` lists the texts without a clip and the clips whose text changed.
    Voice {
        #[command(subcommand)]
        command: VoiceCommand,
    },
    /// Accounts of the centre server: add, list, remove, change a password, API tokens.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Kiosk stations of the centre server: each kiosk PC uploads its rounds with its own token.
    Station {
        #[command(subcommand)]
        command: StationCommand,
    },
    /// School bookings: list them, enter one taken by phone, confirm, decline, cancel, move,
    /// mark arrived or no-show, close a day at short notice, erase old contact details.
    Booking {
        #[command(subcommand)]
        command: BookingCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum BookingCommand {
    /// Bookings by day (default: the week from today), pending requests first.
    List {
        /// First day, YYYY-MM-DD (default today)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (default: six days after --from)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only this state: requested, confirmed, declined, cancelled, arrived, no_show
        #[arg(long, value_name = "STATE")]
        status: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// One booking, with its contact details and notes, and after the visit what the class did
    /// at the kiosks.
    Show {
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Enters a booking taken by phone: confirmed at once.
    Add(Box<BookingAddArgs>),
    /// Confirms a request.
    Confirm {
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Declines a request, with the reason the teacher will be told.
    Decline {
        code: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Cancels a booking, with the reason the teacher will be told.
    Cancel {
        code: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Moves a booking to another slot (refused when that slot has no room for it).
    Move {
        code: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long, value_name = "HH:MM")]
        time: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The group came: starts its tour now, counting everyone who came (default: as booked).
    Arrive {
        code: String,
        /// Everyone who came, children and adults
        #[arg(long, value_name = "N")]
        people: Option<i64>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// The group did not come (after the slot began).
    NoShow {
        code: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Replaces the booking's call notes (what was said on the phone); "" clears them.
    Note { code: String, text: String },
    /// Closes a day at short notice (an air-raid alert, a power cut): cancels its bookings with
    /// the reason, closes the day in the calendar, and lists whom to tell.
    CloseDay {
        #[arg(value_name = "DATE")]
        date: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Erases contact names, phones, e-mails, needs and notes of visits more than
    /// retention_days ago (visitors.ron; 30 by default). Run it daily (the server does too).
    Purge,
    /// Erases one booking's contact name, phone, e-mail, needs, note and call notes at the
    /// person's request; the booking stays, for the statistics.
    Erase { code: String },
    /// Lists the teachers to phone: changes no mail will tell them (without mail.ron in the
    /// data dir, for a booking without e-mail, or when the mail did not go through).
    Tell {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Marks a "tell the teacher" item told (its number from `booking tell`).
    Told {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Prints a new read-only token of the guides' calendar feed once: a phone's calendar
    /// subscribes to <server>/feed/TOKEN/bookings.ics (confirmed bookings, no phone numbers).
    FeedToken {
        /// Whose phone or calendar it is for, to revoke it alone later
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
    },
    /// Revokes calendar feed tokens: those with the label, or all of them.
    #[command(group(clap::ArgGroup::new("which").required(true).args(["label", "all"])))]
    FeedRevoke {
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
        #[arg(long)]
        all: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct BookingAddArgs {
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: String,
    #[arg(long, value_name = "HH:MM")]
    pub time: String,
    /// school, student, adult, family or other
    #[arg(long, value_name = "GROUP")]
    pub group: String,
    /// Children (or visitors) in the group
    #[arg(long, value_name = "N")]
    pub size: i64,
    /// Accompanying adults
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub adults: i64,
    #[arg(long, value_name = "TEXT")]
    pub organisation: String,
    /// The class, e.g. 3-Б
    #[arg(long, value_name = "TEXT")]
    pub class: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub contact_name: String,
    #[arg(long, value_name = "TEXT")]
    pub phone: String,
    #[arg(long, value_name = "TEXT")]
    pub email: Option<String>,
    /// The tour's language: uk or en
    #[arg(long, value_name = "LANG", default_value = "uk")]
    pub tour_lang: String,
    /// Accessibility needs
    #[arg(long, value_name = "TEXT")]
    pub needs: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The teacher agreed on the phone to the processing of their personal data
    #[arg(long)]
    pub consent: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// Adds a station and prints its token once (give it to that kiosk:
    /// $TOURCENTRE_STATION_TOKEN or <data dir>/station-token on the kiosk PC).
    Add { name: String },
    /// Every station: its state from the last heartbeat, version, scenario, rounds today.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Removes a station: its token stops working at once; its rounds stay counted.
    Remove { name: String },
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (0.0.0.0:8080 on the centre's network)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// A reverse proxy whose X-Forwarded-For is believed (repeat for several)
    #[arg(long = "trusted-proxy", value_name = "ADDR")]
    pub trusted_proxy: Vec<std::net::IpAddr>,
    /// Only these address ranges reach anything but the public pages (repeat for several)
    #[arg(long = "staff-from", value_name = "CIDR")]
    pub staff_from: Vec<crate::web::auth::Cidr>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Adds a user with a role. The password is asked twice without echo, or read from stdin.
    Add {
        name: String,
        /// guide, economist or admin
        #[arg(long)]
        role: String,
        /// Read the password from standard input (one line), for scripts
        #[arg(long)]
        password_stdin: bool,
    },
    /// Every user, their role and how many API tokens they hold.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Removes a user; their sessions and tokens end.
    Remove { name: String },
    /// Sets a new password; the user's sessions and tokens end.
    Passwd {
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Prints a new API token for the user, once (a user may hold several).
    Token {
        name: String,
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
    },
    /// Revokes the user's tokens: all, or the one with --label.
    Revoke {
        name: String,
        #[arg(long, value_name = "TEXT")]
        label: Option<String>,
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
    /// Adds, corrects or blanks one value of an indicator (in data/<id>.csv), as the server's
    /// indicator page does: written only when the whole file passes `check`, kept in the history.
    Set(IndicatorSetArgs),
    /// Changes an indicator's target, benchmark thresholds (with their source) or base year in
    /// its <id>.ron, as the server's indicator page does: only those values change (comments and
    /// formatting stay), written only when the whole file passes `check`, kept in the history.
    Define(IndicatorDefineArgs),
    /// An indicator's changes, newest first; an edit of its file by hand shows as "changed
    /// outside the server".
    History {
        /// The indicator's id, e.g. msw-recycled-share
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Debug, clap::Args)]
pub struct IndicatorSetArgs {
    /// The indicator's id, e.g. msw-recycled-share
    pub id: String,
    /// The year, from 1900 to the current one
    #[arg(long)]
    pub year: String,
    /// The value, with a dot for decimals (12.5)
    #[arg(long, required_unless_present = "blank", allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Blanks the value instead (a missing observation)
    #[arg(long, conflicts_with = "value")]
    pub blank: bool,
    /// Why (kept in the history); required
    #[arg(long)]
    pub comment: String,
    /// A disaggregation, COLUMN=VALUE (repeat for more); none for the headline series
    #[arg(long = "column", value_name = "COLUMN=VALUE", value_parser = column_value)]
    pub columns: Vec<(String, String)>,
    /// Where the value comes from (the file's Source column)
    #[arg(long)]
    pub source: Option<String>,
    /// The row's units (the file's Units column)
    #[arg(long)]
    pub units: Option<String>,
    /// The value you expect to be stored now ("" for none): refused if it is not
    #[arg(long, allow_hyphen_values = true)]
    pub expected: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true)
    .args(["target", "benchmark", "benchmark_source", "base_year"])))]
pub struct IndicatorDefineArgs {
    /// The indicator's id, e.g. msw-recycled-share
    pub id: String,
    /// The target, VALUE@YEAR (50@2030), or none
    #[arg(long, value_name = "VALUE@YEAR|none", value_parser = target_value, allow_hyphen_values = true)]
    pub target: Option<Setting<(f64, i32)>>,
    /// The traffic-light thresholds, GREEN,RED (25,15), or none
    #[arg(long, value_name = "GREEN,RED|none", value_parser = benchmark_value, allow_hyphen_values = true)]
    pub benchmark: Option<Setting<(f64, f64)>>,
    /// Where the thresholds come from ("" or none: no source)
    #[arg(long, value_name = "TEXT|none")]
    pub benchmark_source: Option<String>,
    /// The base year, from 1900 to the current one
    #[arg(long, value_name = "YEAR")]
    pub base_year: Option<i32>,
    /// Why (kept in the history); required
    #[arg(long)]
    pub comment: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// A flag's value, or `none` (which removes the field).
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T>(pub Option<T>);

/// `VALUE@YEAR` or `none` of `--target`.
fn target_value(text: &str) -> Result<Setting<(f64, i32)>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Setting(None));
    }
    let parsed = text.split_once('@').and_then(|(value, year)| {
        let value: f64 = value.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
        Some((value, year.trim().parse::<i32>().ok()?))
    });
    parsed
        .map(|pair| Setting(Some(pair)))
        .ok_or_else(|| format!("\"{text}\": write VALUE@YEAR, e.g. 50@2030, or none"))
}

/// `GREEN,RED` or `none` of `--benchmark`.
fn benchmark_value(text: &str) -> Result<Setting<(f64, f64)>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Setting(None));
    }
    let number = |t: &str| t.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let parsed = text
        .split_once(',')
        .and_then(|(green, red)| Some((number(green)?, number(red)?)));
    parsed.map(|pair| Setting(Some(pair))).ok_or_else(|| {
        format!("\"{text}\": write GREEN,RED with dots for decimals, e.g. 25,15.5, or none")
    })
}

/// `COLUMN=VALUE` of `--column`.
fn column_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((column, value)) if !column.trim().is_empty() => {
            Ok((column.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!(
            "\"{text}\": write COLUMN=VALUE, e.g. District=Center"
        )),
    }
}

#[derive(Debug, Subcommand)]
pub enum TourCommand {
    /// Starts a tour (now, or --at) and prints its id.
    Start(TourStartArgs),
    /// Ends a tour; ID may be its first characters, as `tour list` shows them.
    End(TourEndArgs),
    /// Open tours (any day), then the tours of a day that have ended, and the day's visitors.
    List(TourListArgs),
    /// Voids a tour entered by mistake: it counts nothing and is kept in the audit log.
    Void(VoidArgs),
}

#[derive(Debug, clap::Args)]
pub struct VoidArgs {
    /// The record's id (a tour's may be its first characters)
    pub id: String,
    /// Why (kept in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
    /// Voids walk-ins entered by mistake: they count nothing and are kept in the audit log.
    Void(VoidArgs),
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
    /// Copies the store to FILE while others may be writing (SQLite online backup). A FILE
    /// ending in .zip holds everything: the store, visitors.ron and indicators/.
    Backup(DbBackupArgs),
    /// Puts a .zip backup back into the data dir (stop the server first). Everything in it is
    /// checked before anything changes; the replaced files are kept in before-restore-<time>/.
    Restore(DbRestoreArgs),
}

#[derive(Debug, clap::Args)]
pub struct DbRestoreArgs {
    #[arg(value_name = "FILE.zip")]
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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

#[derive(Debug, Subcommand)]
pub enum VoiceCommand {
    /// Print every text the exhibit speaks in --lang, a line each: KEY<TAB>TEXT. Give it to the
    /// person who records; each recording is saved as assets/voice/<lang>/<KEY>.ogg.
    Script {
        /// Scenario file (default: the bundled scenarios/khmelnytskyi.ron)
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// Only the texts without a clip, or whose clip was made from another text
        #[arg(long)]
        missing: bool,
    },
    /// Record that the clips of these keys (every clip present, when none is named) speak the
    /// script's current text, so `check` stops listing them as changed.
    Stamp {
        /// Keys from `voice script`
        #[arg(value_name = "KEY")]
        keys: Vec<String>,
        /// Scenario file (default: the bundled scenarios/khmelnytskyi.ron)
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// Who made the clips (kept beside them)
        #[arg(long, value_name = "WHO", default_value = crate::voice::RECORDED)]
        by: String,
    },
}

/// Why a command failed. Every variant is the user's to fix and maps to exit status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Centre(#[from] CentreError),
    #[error("{0}")]
    Problems(#[from] Problems),
    /// Already in the reader's language.
    #[error("{0}")]
    Message(String),
    /// The command has already printed what went wrong (as `check` does); nothing more to say.
    #[error("")]
    AlreadyReported,
}

impl From<crate::store::StoreError> for CliError {
    fn from(err: crate::store::StoreError) -> Self {
        CliError::Centre(err.into())
    }
}

impl CliError {
    /// What to print, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let words = Words::new(lang);
        match self {
            // A refused value is named by its flag.
            CliError::Centre(CentreError::Input { field, problem }) => {
                format!("--{}: {}", field.replace('_', "-"), words.of(problem))
            }
            CliError::Centre(err) => words.of(err),
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
