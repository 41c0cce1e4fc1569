//! The sorting exhibit: a bevy app for the touch kiosk. One plugin per module; the game's rules come
//! from `crate::game`, every text from the scenario or the Fluent files.

mod audio;
mod autoplay;
mod chrome;
mod guide;
mod idle;
mod language;
mod records;
pub mod screens;
mod screenshots;
mod taps;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod voice;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::{CursorOptions, MonitorSelection, WindowMode};

use crate::content::Scenario;
use crate::game::Round;
use crate::i18n::{Lang, Messages};

pub use language::{CurrentLang, Says};
pub use screens::Screen;

/// How the exhibit was started (`tourcentre exhibit ...`).
#[derive(Clone, Debug, Default)]
pub struct ExhibitOptions {
    pub fullscreen: bool,
    pub station: String,
    pub autoplay: bool,
    pub screenshot_dir: Option<PathBuf>,
    /// Quit after the results screen of this many rounds.
    pub exit_after_rounds: Option<u64>,
    /// No window, renderer or sound, the clock running this many times faster than real time;
    /// each round written to the outbox is printed on stdout (a kiosk for the tests).
    pub headless: Option<f64>,
    pub lang: Lang,
    /// Where pictures and fonts are loaded from.
    pub assets_dir: PathBuf,
    /// The data dir shared with the desk commands (store, calendar, guide PIN); none in tests
    /// that keep rounds in memory only.
    pub data_dir: Option<PathBuf>,
    /// The centre server and this station's token: rounds go there through the outbox in the
    /// data dir. None: the kiosk works on its own data dir.
    pub server: Option<(String, String)>,
    /// The SHA-256 of the running scenario's text (a networked kiosk compares the server's).
    pub scenario_hash: String,
    /// Where the running scenario's pictures are when it came from the server (its directory
    /// in the kiosk's scenario cache); None: the bundled assets.
    pub scenario_dir: Option<PathBuf>,
}

/// The scenario and the UI strings, for every system to read.
#[derive(Resource)]
pub struct Exhibit {
    pub scenario: Scenario,
    pub messages: Messages,
    pub station: String,
    pub autoplay: bool,
    pub screenshot_dir: Option<PathBuf>,
    pub exit_after_rounds: Option<u64>,
    /// Print each round written to the outbox as a JSON line on stdout (`--headless`).
    pub trace_rounds: bool,
    pub data_dir: Option<PathBuf>,
    pub server: Option<(String, String)>,
    /// The SHA-256 of the running scenario's text.
    pub scenario_hash: String,
    /// The running scenario's directory in the kiosk's scenario cache, when it came from the
    /// server (its pictures load from there); None: the bundled assets.
    pub scenario_dir: Option<PathBuf>,
    /// Where voice clips are looked for, in order: the scenario's cache directory, the assets
    /// directory, the bundled assets (a kiosk whose scenario came from the server still speaks
    /// the texts it shares with the bundled one).
    pub voice_dirs: Vec<PathBuf>,
}

impl Exhibit {
    /// The asset path of a picture the scenario names: in the kiosk's scenario cache when the
    /// scenario came from the server, else in the bundled assets.
    pub fn picture_path(&self, path: &str) -> String {
        let cached = self.scenario_dir.as_deref().and_then(|dir| dir.file_name());
        match cached {
            Some(hash) => format!(
                "{SCENARIO_CACHE_SOURCE}://{}/{path}",
                hash.to_string_lossy()
            ),
            None => path.to_string(),
        }
    }
}

/// The asset source of the kiosk's scenario cache (`<data dir>/scenario-cache`).
const SCENARIO_CACHE_SOURCE: &str = "kiosk";

/// The round being played, if any.
#[derive(Resource, Default)]
pub struct Play {
    pub round: Option<Round>,
    /// Seconds since start when the round began.
    pub started_at: f64,
    /// When the round began, for its record.
    pub started_wall: Option<chrono::DateTime<chrono::Utc>>,
    /// The round's record id, the same from its first drop to its end (the outbox keeps the
    /// round in progress under it).
    pub session_id: Option<uuid::Uuid>,
    /// The round has been handed to the store link (each round is recorded once).
    pub recorded: bool,
    /// Rounds started so far; also the seed of the next round's shuffle with the clock.
    pub rounds_started: u64,
}

/// Opens the kiosk window and runs the exhibit until it is closed. An error exit gives its code.
pub fn run(scenario: Scenario, options: ExhibitOptions) -> Result<(), std::num::NonZero<u8>> {
    let window = Window {
        title: scenario.title.uk.clone(),
        mode: if options.fullscreen {
            WindowMode::BorderlessFullscreen(MonitorSelection::Primary)
        } else {
            WindowMode::Windowed
        },
        resolution: (1280, 720).into(),
        ..default()
    };
    let cursor = CursorOptions {
        visible: !options.fullscreen,
        ..default()
    };
    let mut app = App::new();
    // Pictures of a scenario from the server load from the kiosk's cache (before the AssetPlugin).
    if let Some(data_dir) = &options.data_dir {
        let cache = data_dir.join(crate::link::scenario::CACHE_DIR);
        if std::fs::create_dir_all(&cache).is_ok() {
            app.register_asset_source(
                SCENARIO_CACHE_SOURCE,
                bevy::asset::io::AssetSourceBuilder::platform_default(
                    &cache.display().to_string(),
                    None,
                ),
            );
        }
    }
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(window),
                primary_cursor_options: Some(cursor),
                ..default()
            })
            .set(AssetPlugin {
                file_path: options.assets_dir.display().to_string(),
                ..default()
            }),
    );
    app.insert_resource(ClearColor(theme::BACKGROUND));
    app.add_plugins(audio::plugin);
    app.add_plugins(screenshots::plugin);
    app.add_plugins(taps::plugin);
    app.add_systems(Startup, spawn_camera);
    add_logic(&mut app, scenario, &options);
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(code),
    }
}

/// Everything but the window, renderer and sound: what the headless tests run.
pub fn add_logic(app: &mut App, scenario: Scenario, options: &ExhibitOptions) {
    app.insert_resource(Exhibit {
        scenario,
        messages: Messages::new(),
        station: options.station.clone(),
        autoplay: options.autoplay,
        screenshot_dir: options.screenshot_dir.clone(),
        exit_after_rounds: options.exit_after_rounds,
        trace_rounds: options.headless.is_some(),
        data_dir: options.data_dir.clone(),
        server: options.server.clone(),
        scenario_hash: options.scenario_hash.clone(),
        scenario_dir: options.scenario_dir.clone(),
        voice_dirs: voice_dirs(options),
    });
    app.insert_resource(CurrentLang(options.lang));
    app.init_resource::<Play>();
    app.add_plugins((
        theme::plugin,
        language::plugin,
        screens::plugin,
        chrome::plugin,
        idle::plugin,
        autoplay::plugin,
    ));
    app.add_plugins((records::plugin, guide::plugin, voice::plugin));
}

fn voice_dirs(options: &ExhibitOptions) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = options.scenario_dir.iter().cloned().collect();
    if !options.assets_dir.as_os_str().is_empty() {
        dirs.push(options.assets_dir.clone());
    }
    dirs.push(crate::shipped_assets_dir());
    dirs.dedup();
    dirs
}

/// The exhibit without window, renderer or sound, for tests and benchmarks: its clock advances
/// only as the caller says (`TimeUpdateStrategy`).
pub fn headless_app(scenario: Scenario, options: &ExhibitOptions) -> App {
    bare_app(MinimalPlugins.build(), scenario, options)
}

/// `exhibit --headless`: the exhibit without window, renderer or sound, run at 30 frames a second
/// of real time with its clock `options.headless` times faster, until it quits (after
/// `exit_after_rounds`) or is killed. A kiosk for the several-kiosks tests.
pub fn run_headless(
    scenario: Scenario,
    options: ExhibitOptions,
) -> Result<(), std::num::NonZero<u8>> {
    use bevy::app::ScheduleRunnerPlugin;
    let frame = std::time::Duration::from_secs_f64(1.0 / 30.0);
    let plugins = MinimalPlugins
        .build()
        .set(ScheduleRunnerPlugin::run_loop(frame))
        .add(bevy::log::LogPlugin::default());
    let mut app = bare_app(plugins, scenario, &options);
    let speed = options.headless.unwrap_or(1.0).clamp(0.1, 100.0) as f32;
    app.world_mut()
        .resource_mut::<Time<Virtual>>()
        .set_relative_speed(speed);
    app.add_systems(Update, quit_after_rounds);
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(code),
    }
}

/// Quits on the results screen of the last round asked for (the round is recorded on entering it).
fn quit_after_rounds(
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    screen: Res<State<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    if *screen.get() == Screen::Results
        && play.recorded
        && exhibit
            .exit_after_rounds
            .is_some_and(|rounds| play.rounds_started >= rounds)
    {
        exit.write(AppExit::Success);
    }
}

fn bare_app(
    plugins: bevy::app::PluginGroupBuilder,
    scenario: Scenario,
    options: &ExhibitOptions,
) -> App {
    let mut app = App::new();
    app.add_plugins((plugins, bevy::state::app::StatesPlugin));
    app.add_message::<bevy::window::WindowResized>();
    app.world_mut()
        .resource_mut::<Time<Virtual>>()
        .set_max_delta(std::time::Duration::from_secs(30));
    add_logic(&mut app, scenario, options);
    app
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}
