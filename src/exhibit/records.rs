//! The exhibit's link to the visitor store, on a thread of its own: a busy or missing store must
//! never stall a frame. Rounds go there as play sessions (kept in memory until the store takes
//! them); the guide panel starts and ends tours and reads the day's and the year's counts.
//!
//! With a centre server (`exhibit --server URL`), rounds go into the outbox in the kiosk's data
//! dir instead, the round in progress after every drop, and this thread uploads them
//! (`crate::link`): the game never waits on the network.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use bevy::prelude::*;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::screens::Screen;
use super::{CurrentLang, Exhibit, Play};
use crate::centre::{Centre, CentreError, tour_for_round};
use crate::game::{PlaySession, SessionOutbox, SessionRecorder};
use crate::i18n::{Lang, Messages, Text, Wording};
use crate::link::scenario::{self, Cached};
use crate::link::{KioskState, Link, LinkError, session_body};
use crate::store::{NewTour, Tour, VisitorStore};
use crate::visitors::{Category, YearStatus, local_date};

/// How often the link retries a store it could not reach, with sessions waiting.
const RETRY_EVERY: Duration = Duration::from_secs(10);

pub(super) fn plugin(app: &mut App) {
    let setup = app.world().get_resource::<Exhibit>().map(|exhibit| Setup {
        data_dir: exhibit.data_dir.clone(),
        station: exhibit.station.clone(),
        link: exhibit
            .server
            .as_ref()
            .map(|(url, token)| Link::new(url, token)),
        running: Running {
            id: exhibit.scenario.id.clone(),
            scenario: scenario::Running {
                hash: exhibit.scenario_hash.clone(),
                dir: exhibit.scenario_dir.clone(),
                matched: None,
            },
        },
        trace: exhibit.trace_rounds,
    });
    app.insert_resource(StoreLink::start(setup.unwrap_or_default()));
    app.init_resource::<DeskView>();
    app.init_resource::<NextScenario>();
    app.add_systems(Update, (receive_views, receive_scenarios, keep_progress));
    // A new scenario from the server is taken between rounds only.
    app.add_systems(OnExit(Screen::Attract), switch_scenario);
    app.add_systems(OnExit(Screen::Results), switch_scenario);
    app.add_systems(OnEnter(Screen::Results), record_round);
    // A round cut off by the idle reset, or by closing the exhibit, is recorded as not completed.
    app.add_systems(OnEnter(Screen::Attract), record_round);
    app.add_systems(Last, record_round.run_if(on_message::<AppExit>));
}

/// What the exhibit asks of the store.
#[derive(Debug)]
pub enum DeskRequest {
    Record(PlaySession),
    /// The round in progress after a drop (kept in the outbox with a server; else nothing).
    Progress(PlaySession),
    /// `at`: when the guide tapped "start", not when the store got to it.
    StartTour {
        category: Category,
        size: u32,
        at: DateTime<Utc>,
    },
    EndTour(Uuid),
    /// Send a fresh [`DeskView`].
    Refresh,
    /// A networked kiosk's guide panel was unlocked by the server: its panel token, with which
    /// the figures are read and tours started and ended there.
    PanelOpened(String),
    /// The panel locked again: the token is forgotten.
    PanelClosed,
    /// The game switched to the scenario with this id (rounds from now on are recorded with it).
    Running(String),
}

/// What the store thread starts with.
#[derive(Default)]
struct Setup {
    data_dir: Option<PathBuf>,
    station: String,
    link: Option<Link>,
    running: Running,
    trace: bool,
}

/// The scenario the kiosk runs, as the store thread knows it.
#[derive(Clone, Debug, Default)]
struct Running {
    id: String,
    /// Its text's hash, and its directory in the scenario cache when it came from the server.
    scenario: scenario::Running,
}

/// How often a networked kiosk at most asks the server whether its scenario changed (at start,
/// then after a round).
const SCENARIO_CHECK_EVERY: Duration = Duration::from_secs(60);

/// A scenario from the server, cached and checked, waiting for the end of the round.
#[derive(Resource, Default)]
pub struct NextScenario(pub Option<Cached>);

fn receive_scenarios(link: Res<StoreLink>, mut next: ResMut<NextScenario>) {
    let Ok(scenarios) = link.scenarios.lock() else {
        return;
    };
    if let Some(newest) = scenarios.try_iter().last() {
        next.0 = Some(newest);
    }
}

/// Between rounds: the kiosk runs the server's new scenario, its pictures from the cache.
fn switch_scenario(
    mut next: ResMut<NextScenario>,
    mut exhibit: ResMut<Exhibit>,
    assets: Option<Res<AssetServer>>,
    link: Res<StoreLink>,
    mut commands: Commands,
) {
    let Some(cached) = next.0.take() else {
        return;
    };
    exhibit.scenario = cached.scenario;
    exhibit.scenario_hash = cached.hash;
    // Voice clips: the new scenario's directory first, then the assets (voice.rs re-reads them).
    if let Some(old) = exhibit.scenario_dir.take() {
        exhibit.voice_dirs.retain(|dir| *dir != old);
    }
    exhibit.voice_dirs.insert(0, cached.dir.clone());
    exhibit.scenario_dir = Some(cached.dir);
    if let Some(assets) = assets {
        commands.insert_resource(super::theme::load_ui_assets(&assets, &exhibit));
    }
    info!(
        "the kiosk now runs the server's scenario {} ({})",
        exhibit.scenario.id,
        &exhibit.scenario_hash[..exhibit.scenario_hash.len().min(12)]
    );
    link.send(DeskRequest::Running(exhibit.scenario.id.clone()));
}

/// The store as the guide panel shows it, as of the last answer from the link.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct DeskView {
    pub today: u64,
    pub year: Option<YearStatus>,
    pub open_tours: Vec<Tour>,
    /// Play sessions kept in memory until the store takes them.
    pub waiting_sessions: usize,
    /// Why the store cannot be used right now, in words for the guide, in both languages.
    pub problem: Option<Text>,
    /// A networked kiosk: why the centre server cannot be used right now.
    pub server_problem: Option<Text>,
    /// At least one answer has come (false: the panel says it is asking).
    pub answered: bool,
}

/// How long closing the exhibit waits for the store to take what is waiting (a hung disk must
/// not keep a kiosk from shutting down).
const EXIT_PATIENCE: Duration = Duration::from_secs(15);

#[derive(Resource)]
pub struct StoreLink {
    requests: Option<Sender<DeskRequest>>,
    views: Mutex<Receiver<DeskView>>,
    /// New scenarios from the server, cached and checked by the store thread.
    scenarios: Mutex<Receiver<Cached>>,
    worker: Option<JoinHandle<()>>,
    finished: Mutex<Receiver<()>>,
}

impl StoreLink {
    fn start(setup: Setup) -> Self {
        let (requests, inbox) = channel();
        let (outbox, views) = channel();
        let (new_scenarios, scenarios) = channel();
        let (done, finished) = channel();
        let worker = std::thread::Builder::new()
            .name("store link".into())
            .spawn(move || {
                let mut worker = Worker::new(setup.data_dir, setup.station).linked(
                    setup.link,
                    setup.running,
                    new_scenarios,
                );
                worker.trace = setup.trace;
                worker.run(inbox, outbox);
                let _ = done.send(());
            })
            .map_err(|err| {
                error!("the exhibit runs without the visitor store: no thread for it ({err})")
            })
            .ok();
        StoreLink {
            requests: Some(requests),
            views: Mutex::new(views),
            scenarios: Mutex::new(scenarios),
            worker,
            finished: Mutex::new(finished),
        }
    }

    pub fn send(&self, request: DeskRequest) {
        if let Some(requests) = &self.requests {
            // A closed channel means the worker is gone; it logged why.
            let _ = requests.send(request);
        }
    }
}

impl Drop for StoreLink {
    /// On exit the worker writes what is waiting before the process ends.
    fn drop(&mut self) {
        self.requests = None;
        let Some(worker) = self.worker.take() else {
            return;
        };
        let finished = self
            .finished
            .lock()
            .map(|done| done.recv_timeout(EXIT_PATIENCE).is_ok());
        if finished.unwrap_or(false) {
            let _ = worker.join();
        } else {
            error!(
                "the visitor store did not answer within {EXIT_PATIENCE:?}; closing without waiting for it"
            );
        }
    }
}

/// Takes the worker's latest view. An answer that says nothing new leaves the resource untouched,
/// so the guide panel is not rebuilt under a guide's finger (a rebuild drops a press in progress).
fn receive_views(link: Res<StoreLink>, mut view: ResMut<DeskView>) {
    let Ok(views) = link.views.lock() else { return };
    if let Some(latest) = views.try_iter().last() {
        view.set_if_neq(latest);
    }
}

fn record_round(
    mut play: ResMut<Play>,
    link: Res<StoreLink>,
    exhibit: Res<Exhibit>,
    lang: Res<CurrentLang>,
) {
    if play.recorded {
        return;
    }
    let (Some(round), Some(started_at)) = (play.round.as_ref(), play.started_wall) else {
        return;
    };
    let mut session = PlaySession::from_round(
        round,
        &exhibit.station,
        lang.0,
        None,
        started_at,
        crate::clock::now(),
    );
    session.id = play.session_id.unwrap_or(session.id);
    play.recorded = true;
    // A round without a single drop is not worth a trip to the store.
    if session.is_worth_recording() {
        link.send(DeskRequest::Record(session));
    }
}

/// After every drop, the round as it stands goes to the store thread (which keeps it in the
/// outbox when there is a server), so a kiosk that loses power still delivers what was played.
fn keep_progress(
    play: Res<Play>,
    link: Res<StoreLink>,
    exhibit: Res<Exhibit>,
    lang: Res<CurrentLang>,
    mut sent: Local<(Option<Uuid>, usize)>,
) {
    if exhibit.server.is_none() || !play.is_changed() || play.recorded {
        return;
    }
    let (Some(round), Some(started_at), Some(id)) =
        (play.round.as_ref(), play.started_wall, play.session_id)
    else {
        return;
    };
    // Counted on the round itself: the record is built only when a drop changed it.
    let choices: usize = round.items.iter().map(|item| item.chosen.len()).sum();
    if choices == 0 || *sent == (Some(id), choices) {
        return;
    }
    *sent = (Some(id), choices);
    let mut session = PlaySession::from_round(
        round,
        &exhibit.station,
        lang.0,
        None,
        started_at,
        crate::clock::now(),
    );
    session.id = id;
    session.completed = false;
    link.send(DeskRequest::Progress(session));
}

/// Rounds written into the outbox, as the server will be sent them.
struct Outboxed<'a> {
    store: &'a mut crate::store::SqliteStore,
    scenario: &'a str,
    trace: bool,
}

impl SessionRecorder for Outboxed<'_> {
    type Error = crate::store::StoreError;

    fn record_session(&mut self, session: &PlaySession) -> Result<(), Self::Error> {
        let body = session_body(session, self.scenario).to_string();
        self.store
            .outbox_ready(&session.id.to_string(), &body, crate::clock::now())?;
        trace_round(self.trace, session, "ready");
        Ok(())
    }
}

/// `exhibit --headless`: a line on stdout for each round once it is safe in the outbox, `ready`
/// (to send, completed or cut off) or `playing` (in progress), for the several-kiosks tests.
fn trace_round(trace: bool, session: &PlaySession, state: &str) {
    if trace {
        let line = serde_json::json!({
            "round": session.id.to_string(),
            "state": state,
            "completed": session.completed,
            "answers": session.answers.len(),
        });
        println!("{line}");
    }
}

/// The thread that owns the store connection, through the centre's operations.
struct Worker {
    /// The centre server, when this kiosk has one: rounds go through the outbox to it.
    link: Option<Link>,
    /// The scenario the game runs; its id goes with every round.
    running: Running,
    /// Where a new scenario from the server goes, for the game to take between rounds.
    new_scenarios: Option<Sender<Cached>>,
    /// When the server was last asked for its scenario, and the rounds recorded by then.
    scenario_checked: Option<(std::time::Instant, u64)>,
    /// Print each round safe in the outbox on stdout (`--headless`).
    trace: bool,
    /// The guide panel's token from the server, while the panel is unlocked.
    panel: Option<String>,
    /// What went wrong with the last tour started or ended on the server, for the panel.
    server_trouble: Option<LinkError>,
    /// Rounds recorded since the kiosk started, for its heartbeat.
    rounds: u64,
    /// None without a data directory: the panel says so, and sessions wait in memory.
    centre: Option<Centre>,
    station: String,
    waiting: SessionOutbox,
    /// The last problem logged, so a store that stays down is logged once, not every retry.
    logged: Option<String>,
    /// To word troubles for the guide panel, in both languages.
    messages: Messages,
}

impl Worker {
    fn new(data_dir: Option<PathBuf>, station: String) -> Self {
        Worker {
            link: None,
            running: Running::default(),
            new_scenarios: None,
            scenario_checked: None,
            trace: false,
            panel: None,
            server_trouble: None,
            rounds: 0,
            centre: data_dir.map(Centre::new),
            station,
            waiting: SessionOutbox::default(),
            logged: None,
            messages: Messages::new(),
        }
    }

    fn linked(mut self, link: Option<Link>, running: Running, scenarios: Sender<Cached>) -> Self {
        self.link = link;
        self.running = running;
        self.new_scenarios = Some(scenarios);
        if self.link.is_some() {
            // Rounds left in progress by a kiosk that lost power: cut off, so send them.
            if let Ok(store) = self.centre().and_then(Centre::store)
                && let Err(err) = store.outbox_cut_off(crate::clock::now())
            {
                warn!("the outbox could not be read: {err}");
            }
        }
        self
    }

    /// How long to wait for the game before the store or the server wants another try.
    fn patience(&self) -> Duration {
        match &self.link {
            Some(link) => link
                .wait(std::time::Instant::now())
                .clamp(Duration::from_millis(200), RETRY_EVERY),
            None => RETRY_EVERY,
        }
    }

    /// Sends what waits in the outbox, when the link is due; a trouble is logged once.
    fn upload(&mut self) {
        // The scenario's id and the start of its hash: the station list tells versions apart.
        let hash = self.running.scenario.hash.get(..8).unwrap_or_default();
        let state = KioskState {
            scenario: if hash.is_empty() {
                self.running.id.clone()
            } else {
                format!("{}@{hash}", self.running.id)
            },
            rounds_today: self.rounds,
        };
        let Some(mut link) = self.link.take() else {
            return;
        };
        if link.due(std::time::Instant::now()) {
            let before = link.trouble.clone();
            if let Ok(store) = self.centre().and_then(Centre::store) {
                match link.turn(store, &state) {
                    Ok(0) => {}
                    Ok(sent) => info!("{sent} rounds delivered to the centre server"),
                    Err(err) if before.as_deref() != Some(&err.to_string()) => {
                        warn!("rounds kept in the outbox: {err}");
                    }
                    Err(_) => {}
                }
            }
        }
        self.link = Some(link);
    }

    /// A networked kiosk asks the server whether its scenario changed: at start, then after a
    /// round (at most once a minute, and not while the server is away). A new one is cached with
    /// its pictures, checked, and handed to the game for the next round.
    fn check_scenario(&mut self) {
        let now = std::time::Instant::now();
        let due = match self.scenario_checked {
            None => true,
            Some((at, rounds)) => rounds < self.rounds && now - at >= SCENARIO_CHECK_EVERY,
        };
        let (Some(link), Some(centre)) = (&self.link, &self.centre) else {
            return;
        };
        if !due || !link.due(now) {
            return;
        }
        self.scenario_checked = Some((now, self.rounds));
        let data_dir = centre.data_dir().to_path_buf();
        let bundled = crate::shipped_assets_dir();
        match link.newer_scenario(&data_dir, &mut self.running.scenario, &bundled) {
            Ok(None) => {}
            Ok(Some(cached)) => {
                info!(
                    "the server's scenario {} is cached; the kiosk takes it at the next round",
                    cached.scenario.id
                );
                if let Some(game) = &self.new_scenarios {
                    let _ = game.send(cached);
                }
            }
            Err(err) => warn!("the kiosk keeps its scenario: {err}"),
        }
    }

    fn run(mut self, inbox: Receiver<DeskRequest>, views: Sender<DeskView>) {
        loop {
            let request = match inbox.recv_timeout(self.patience()) {
                Ok(request) => Some(request),
                Err(RecvTimeoutError::Timeout)
                    if self.waiting.is_empty() && self.link.is_none() =>
                {
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    // A failure is logged where it happens; what is left is counted below.
                    let _ = self.write_waiting();
                    // One last try to deliver (bounded by the link's timeouts).
                    if let Some(link) = &mut self.link {
                        link.retry_now();
                    }
                    self.upload();
                    if !self.waiting.is_empty() || self.waiting.dropped() > 0 {
                        error!(
                            "play sessions lost at exit: {} not written, {} dropped earlier (memory full)",
                            self.waiting.len(),
                            self.waiting.dropped()
                        );
                    }
                    return;
                }
            };
            if let Some(centre) = &mut self.centre {
                centre.refresh_now();
            }
            let problem = request
                .map(|request| self.handle(request))
                .and_then(Result::err);
            let flushed = self.write_waiting();
            self.upload();
            self.check_scenario();
            if views.send(self.view(problem.or(flushed.err()))).is_err() {
                return;
            }
        }
    }

    /// A trouble in words for the guide, in both languages.
    fn words(&self, trouble: &CentreError) -> Text {
        Text::new(
            trouble.words(&self.messages, Lang::Uk),
            trouble.words(&self.messages, Lang::En),
        )
    }

    fn centre(&mut self) -> Result<&mut Centre, CentreError> {
        self.centre.as_mut().ok_or(CentreError::NoDataDir)
    }

    fn handle(&mut self, request: DeskRequest) -> Result<(), CentreError> {
        match request {
            DeskRequest::Progress(session) => {
                if self.link.is_none() {
                    return Ok(());
                }
                let body = session_body(&session, &self.running.id).to_string();
                let store = self.centre()?.store()?;
                store.outbox_playing(&session.id.to_string(), &body, crate::clock::now())?;
                trace_round(self.trace, &session, "playing");
                Ok(())
            }
            DeskRequest::Record(mut session) => {
                self.rounds += 1;
                // Tag the round with the tour that was on when it began, if the store can say
                // (with a server, the server tags it: the tours are there).
                let station = self.station.clone();
                if self.link.is_none()
                    && let Ok(store) = self.centre().and_then(Centre::store)
                {
                    let day = local_date(session.started_at);
                    let mut tours = store.open_tours().unwrap_or_default();
                    let ended = store.tours_started_on(day).unwrap_or_default();
                    tours.extend(ended.into_iter().filter(|tour| !tour.is_open()));
                    session.tour_id = tour_for_round(&tours, &station, session.started_at);
                }
                self.waiting.push(session);
                Ok(())
            }
            DeskRequest::PanelOpened(token) => {
                self.panel = Some(token);
                Ok(())
            }
            DeskRequest::PanelClosed => {
                self.panel = None;
                Ok(())
            }
            DeskRequest::Running(id) => {
                self.running.id = id;
                Ok(())
            }
            DeskRequest::StartTour { .. } | DeskRequest::EndTour(_) if self.link.is_some() => {
                self.on_server(request);
                Ok(())
            }
            DeskRequest::StartTour { category, size, at } => {
                let note = Some(format!("kiosk: {}", self.station));
                let tour = NewTour {
                    category,
                    size,
                    guide: None,
                    note,
                    started_at: at,
                    station: Some(self.station.clone()),
                };
                self.centre()?.start_checked_tour(&tour).map(drop)
            }
            DeskRequest::EndTour(id) => self.centre()?.end_tour(&id.to_string(), None).map(drop),
            DeskRequest::Refresh => Ok(()),
        }
    }

    /// Writes the waiting sessions, oldest first; what fails stays for the next try.
    fn write_waiting(&mut self) -> Result<(), CentreError> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let waiting = &mut self.waiting;
        let linked = self.link.is_some();
        let scenario = self.running.id.as_str();
        let trace = self.trace;
        let result = match self.centre.as_mut() {
            None => Err(CentreError::NoDataDir),
            Some(centre) => centre.store().and_then(|store| {
                if linked {
                    let mut outbox = Outboxed {
                        store,
                        scenario,
                        trace,
                    };
                    waiting
                        .flush(&mut outbox)
                        .map(drop)
                        .map_err(CentreError::from)
                } else {
                    waiting.flush(store).map(drop).map_err(CentreError::from)
                }
            }),
        };
        match result.as_ref().map_err(ToString::to_string) {
            Err(err) if self.logged.as_ref() != Some(&err) => {
                warn!(
                    "play sessions kept in memory ({} waiting): {err}",
                    self.waiting.len()
                );
                self.logged = Some(err);
                // A broken connection is opened afresh at the next try.
                self.close_store();
            }
            Err(_) => self.close_store(),
            Ok(()) => self.logged = None,
        }
        result
    }

    fn close_store(&mut self) {
        if let Some(centre) = &mut self.centre {
            centre.close_store();
        }
    }

    /// A tour started or ended at a networked kiosk's panel: on the server, with the panel's
    /// token (the server names this station in a tour it starts).
    fn on_server(&mut self, request: DeskRequest) {
        let (Some(link), Some(panel)) = (&self.link, &self.panel) else {
            return;
        };
        let done = match request {
            DeskRequest::StartTour { category, size, .. } => link.start_tour(panel, category, size),
            DeskRequest::EndTour(id) => link.end_tour(panel, id),
            _ => Ok(()),
        };
        self.server_trouble = done.err();
    }

    /// The panel's figures on a networked kiosk: the server's, while the panel is unlocked.
    fn server_view(&mut self, trouble: Option<CentreError>) -> DeskView {
        let mut view = DeskView {
            answered: true,
            ..default()
        };
        let outbox = self
            .centre()
            .and_then(Centre::store)
            .and_then(|store| Ok(store.outbox_counts()?));
        let problem = match outbox {
            Ok(counts) => {
                view.waiting_sessions = (counts.waiting + counts.playing) as usize;
                trouble
            }
            Err(err) => trouble.or(Some(err)),
        };
        view.problem = problem.map(|problem| self.words(&problem));
        let mut server_trouble = self.server_trouble.take();
        if let (Some(link), Some(panel)) = (&self.link, &self.panel) {
            match link.desk(panel) {
                Ok(desk) => {
                    view.today = desk.today;
                    view.year = Some(desk.year);
                    view.open_tours = desk.open_tours;
                }
                Err(err) => server_trouble = server_trouble.or(Some(err)),
            }
        }
        view.server_problem = server_trouble.map(|why| {
            Text::new(
                why.words(&self.messages, Lang::Uk),
                why.words(&self.messages, Lang::En),
            )
        });
        view
    }

    fn view(&mut self, trouble: Option<CentreError>) -> DeskView {
        if self.link.is_some() {
            return self.server_view(trouble);
        }
        let mut troubles: Vec<CentreError> = trouble.into_iter().collect();
        let mut view = DeskView {
            waiting_sessions: self.waiting.len(),
            answered: true,
            ..default()
        };
        match self.centre() {
            Err(trouble) => troubles.push(trouble),
            Ok(centre) => {
                match centre.day_tours(None) {
                    Ok(day) => {
                        view.today = day.visitors;
                        view.open_tours = day.open.into_iter().map(|record| record.tour).collect();
                    }
                    Err(trouble) => troubles.push(trouble),
                }
                match centre.year_status(None, None) {
                    Ok(status) => view.year = Some(status),
                    Err(trouble) => troubles.push(trouble),
                }
            }
        }
        let mut words: Vec<Text> = troubles.iter().map(|t| self.words(t)).collect();
        words.dedup();
        view.problem = (!words.is_empty()).then(|| {
            let joined = |lang: Lang| {
                let parts: Vec<&str> = words.iter().map(|w| w.get(lang)).collect();
                parts.join("; ")
            };
            Text::new(joined(Lang::Uk), joined(Lang::En))
        });
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_reads_a_store_problem_in_both_languages() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(
            data.path().join(crate::store::DATABASE_FILE_NAME),
            "not a database",
        )
        .unwrap();
        let mut worker = Worker::new(Some(data.path().to_path_buf()), "test".into());
        let problem = worker
            .view(None)
            .problem
            .expect("the broken store is reported");
        assert!(
            problem.uk.contains("це не база даних tourcentre"),
            "{problem:?}"
        );
        assert!(
            problem.en.contains("is not a tourcentre database"),
            "{problem:?}"
        );
    }
}
