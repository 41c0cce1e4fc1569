//! The guides' panel: a 3-second press on the top-left corner (F2 on a keyboard) asks for the
//! guide PIN; then a guide starts and ends tours and sees the day's and the year's visitors.
//! Plain and dense: it is a tool, not a game. It locks and closes by itself when nobody touches.
//!
//! Reading the PIN file and checking a PIN (Argon2, slow on purpose) run on the async compute
//! pool, never on the frame thread: the exhibit keeps drawing while they work.

use std::path::Path;

use bevy::ecs::spawn::SpawnableList;
use bevy::ecs::system::IntoObserverSystem;
use bevy::picking::pointer::PointerId;
use bevy::prelude::*;
use bevy::tasks::futures::check_ready;
use bevy::tasks::{AsyncComputeTaskPool, Task};
use chrono_tz::Europe::Kyiv;

use super::chrome::SoundSettings;
use super::idle::Idle;
use super::language::Arg;
use super::records::{DeskRequest, DeskView, StoreLink};
use super::theme::{self, Paint, UiAssets, widget};
use super::{Exhibit, Says};
use crate::game::IdlePhase;
use crate::i18n::{Lang, Text, Wording};
use crate::pin::{self, PinError, PinState};
use crate::store::Tour;
use crate::visitors::Category;

/// Seconds the corner must be held.
const HOLD_SECS: f64 = 3.0;
const CORNER: f32 = 130.0;
const KEY: f32 = 110.0;
/// Open tours listed with their end button; more are counted (the desk's `tour list` has all).
const MAX_TOURS_SHOWN: usize = 2;
const GROUP_STEPS: [i32; 4] = [-5, -1, 1, 5];

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<GuidePanel>();
    app.add_systems(Startup, spawn_corner);
    app.add_systems(
        Update,
        (
            open_on_long_press,
            open_on_f2,
            type_pin_on_keyboard,
            take_pin_answers,
            close_when_idle,
            forget_panel_token,
            show_panel,
        )
            .chain(),
    );
}

/// A panel that locks again (closed, or left alone) lets go of the server's panel token.
fn forget_panel_token(panel: Res<GuidePanel>, link: Res<StoreLink>, mut was_open: Local<bool>) {
    if !panel.is_changed() {
        return;
    }
    let open = panel.stage == Stage::Unlocked;
    if *was_open && !open {
        link.send(DeskRequest::PanelClosed);
    }
    *was_open = open;
}

/// What the panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Closed,
    /// The PIN file is being read; nothing is shown until it has been (a moment).
    Opening,
    /// Asking for the PIN; `wrong` after a PIN that did not match.
    Locked {
        entered: String,
        wrong: bool,
    },
    /// No PIN has been set: the panel says how to set one.
    NoPin,
    /// The PIN file cannot be read; the reason, for the guide.
    Unreadable(Text),
    /// A networked kiosk whose server cannot check the PIN: why, for the guide.
    NoServer(Text),
    Unlocked,
}

/// What became of a typed PIN.
#[derive(Debug)]
pub enum PinAnswer {
    /// The right PIN; on a networked kiosk, with the server's panel token.
    Right(Option<String>),
    Wrong,
    /// The server that checks the PIN could not be asked: why.
    NoServer(Text),
}

/// Wrong PINs in a row before the pad waits [`LOCKOUT_SECS`].
const MISSES_BEFORE_LOCKOUT: u32 = 5;
const LOCKOUT_SECS: f64 = 60.0;
/// An unlocked panel closes after this long whatever happens (a stuck touch holds the idle timer).
const MAX_OPEN_SECS: f64 = 600.0;
/// A second "start" within this time is taken for a double tap, not a second tour.
const START_DEBOUNCE_SECS: f64 = 3.0;

#[derive(Resource, Debug)]
pub struct GuidePanel {
    pub stage: Stage,
    /// The new tour's group and size, as the guide sets them.
    pub category: Category,
    pub size: u32,
    hold: Option<(PointerId, f64)>,
    misses: u32,
    locked_out_until: f64,
    opened_at: f64,
    last_start: f64,
    /// Counts the openings: a PIN checked for an earlier opening changes nothing on screen.
    opening: u64,
    /// The PIN file being read for the panel that is opening.
    reading: Option<Task<Stage>>,
    /// A PIN being checked, and the opening it was typed in. It is not dropped when the panel
    /// closes: a wrong PIN counts toward the lockout even if the panel was closed meanwhile.
    checking: Option<(u64, Task<PinAnswer>)>,
}

impl Default for GuidePanel {
    fn default() -> Self {
        GuidePanel {
            stage: Stage::Closed,
            category: Category::School,
            size: 20,
            hold: None,
            misses: 0,
            locked_out_until: f64::NEG_INFINITY,
            opened_at: 0.0,
            last_start: f64::NEG_INFINITY,
            opening: 0,
            reading: None,
            checking: None,
        }
    }
}

impl GuidePanel {
    pub fn is_open(&self) -> bool {
        self.stage != Stage::Closed
    }

    /// The PIN file is being read or a PIN checked; the pad takes no key meanwhile.
    pub fn is_busy(&self) -> bool {
        self.reading.is_some() || self.checking.is_some()
    }

    fn close(&mut self) {
        self.stage = Stage::Closed;
        self.reading = None;
    }
}

/// Opens the panel: the PIN file is read off the frame thread, then the panel asks for the PIN
/// (or says that no PIN is set, or why the file cannot be read).
pub fn open_panel(panel: &mut GuidePanel, exhibit: &Exhibit, link: &StoreLink, now: f64) {
    if panel.is_open() {
        return;
    }
    panel.opened_at = now;
    panel.opening += 1;
    match exhibit.data_dir.clone() {
        // A networked kiosk: the server holds the PIN; it checks the one typed.
        _ if exhibit.server.is_some() => {
            panel.stage = first_stage(Ok(PinState::Set(String::new())))
        }
        Some(data_dir) => {
            panel.stage = Stage::Opening;
            panel.reading = Some(
                AsyncComputeTaskPool::get().spawn(async move { first_stage(pin::load(&data_dir)) }),
            );
        }
        None => panel.stage = Stage::NoPin,
    }
    link.send(DeskRequest::Refresh);
}

/// What the panel opens on, given the PIN file.
fn first_stage(stored: Result<PinState, PinError>) -> Stage {
    match stored {
        Ok(PinState::Set(_)) => Stage::Locked {
            entered: String::new(),
            wrong: false,
        },
        Ok(PinState::NotSet) => Stage::NoPin,
        Err(err) => Stage::Unreadable(err.text()),
    }
}

/// Adds a digit, erases one, or starts checking the PIN (the answer comes a few frames later;
/// meanwhile the pad takes no key). After five wrong PINs in a row the pad takes nothing for a
/// minute, so a PIN cannot be found by trying them all.
pub fn press_key(panel: &mut GuidePanel, exhibit: &Exhibit, key: Key, now: f64) {
    if now < panel.locked_out_until || panel.is_busy() {
        return;
    }
    let opening = panel.opening;
    let Stage::Locked { entered, wrong } = &mut panel.stage else {
        return;
    };
    match key {
        Key::Digit(d) if entered.len() < pin::MAX_DIGITS => {
            entered.push(char::from(b'0' + d));
            *wrong = false;
        }
        Key::Digit(_) => {}
        Key::Erase => {
            entered.pop();
        }
        // Too short to be a PIN: wrong at once, no need to read the file and hash.
        Key::Enter if entered.len() < pin::MIN_DIGITS => {
            take_answer(panel, opening, PinAnswer::Wrong, now);
        }
        Key::Enter => {
            let typed = entered.clone();
            let check = match (&exhibit.server, exhibit.data_dir.clone()) {
                (Some((url, token)), _) => {
                    let link = crate::link::Link::new(url, token);
                    AsyncComputeTaskPool::get().spawn(async move { ask_server(&link, &typed) })
                }
                (None, Some(data_dir)) => {
                    AsyncComputeTaskPool::get().spawn(async move { pin_matches(&data_dir, &typed) })
                }
                (None, None) => {
                    take_answer(panel, opening, PinAnswer::Wrong, now);
                    return;
                }
            };
            panel.checking = Some((opening, check));
        }
    }
}

/// Whether `typed` is the PIN stored in the data dir (reads the file, then Argon2: slow).
fn pin_matches(data_dir: &Path, typed: &str) -> PinAnswer {
    match pin::load(data_dir) {
        Ok(PinState::Set(hash)) if pin::verify(&hash, typed) => PinAnswer::Right(None),
        _ => PinAnswer::Wrong,
    }
}

/// A networked kiosk asks the centre server (a request of up to ten seconds, off the frame).
fn ask_server(link: &crate::link::Link, typed: &str) -> PinAnswer {
    use crate::link::PanelAnswer;
    match link.ask_panel(typed) {
        PanelAnswer::Opened(token) => PinAnswer::Right(Some(token)),
        PanelAnswer::Wrong => PinAnswer::Wrong,
        PanelAnswer::Unavailable(why) => {
            let messages = crate::i18n::Messages::new();
            PinAnswer::NoServer(Text::new(
                why.words(&messages, Lang::Uk),
                why.words(&messages, Lang::En),
            ))
        }
    }
}

/// A checked PIN: the right one unlocks the panel it was typed in (a server's panel token goes
/// to the store link); a wrong one says so and counts toward the lockout.
fn take_answer(
    panel: &mut GuidePanel,
    opening: u64,
    answer: PinAnswer,
    now: f64,
) -> Option<String> {
    let same_panel = opening == panel.opening;
    let locked = matches!(panel.stage, Stage::Locked { .. });
    match answer {
        PinAnswer::Right(token) => {
            panel.misses = 0;
            if same_panel && locked {
                panel.stage = Stage::Unlocked;
                return token;
            }
            return None;
        }
        PinAnswer::NoServer(why) => {
            if same_panel && locked {
                panel.stage = Stage::NoServer(why);
            }
            return None;
        }
        PinAnswer::Wrong => {}
    }
    panel.misses += 1;
    if panel.misses >= MISSES_BEFORE_LOCKOUT {
        panel.misses = 0;
        panel.locked_out_until = now + LOCKOUT_SECS;
    }
    if same_panel && let Stage::Locked { entered, wrong } = &mut panel.stage {
        entered.clear();
        *wrong = true;
    }
    None
}

/// Takes the PIN file and the PIN check when they are done. Until then the panel is left
/// untouched, so it is not rebuilt every frame.
fn take_pin_answers(time: Res<Time>, mut panel: ResMut<GuidePanel>, link: Res<StoreLink>) {
    let quiet = panel.bypass_change_detection();
    let read = quiet.reading.as_mut().and_then(check_ready);
    let checked = quiet
        .checking
        .as_mut()
        .and_then(|(opening, check)| Some((*opening, check_ready(check)?)));
    if let Some(stage) = read {
        panel.reading = None;
        if panel.stage == Stage::Opening {
            panel.stage = stage;
        }
    }
    if let Some((opening, answer)) = checked {
        panel.checking = None;
        if let Some(token) = take_answer(&mut panel, opening, answer, time.elapsed_secs_f64()) {
            link.send(DeskRequest::PanelOpened(token));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Digit(u8),
    Erase,
    Enter,
}

#[derive(Component)]
pub(super) struct PanelRoot;

fn spawn_corner(mut commands: Commands) {
    commands.spawn((
        Name::new("Guide corner"),
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(0.0),
            top: Val::Px(0.0),
            width: Val::Px(CORNER),
            height: Val::Px(CORNER),
            ..default()
        },
        GlobalZIndex(150),
        Children::spawn((
            widget::observe(
                |press: On<Pointer<Press>>, time: Res<Time>, mut panel: ResMut<GuidePanel>| {
                    panel.hold = Some((press.pointer_id, time.elapsed_secs_f64()));
                },
            ),
            widget::observe(
                |release: On<Pointer<Release>>, mut panel: ResMut<GuidePanel>| {
                    if panel.hold.is_some_and(|(id, _)| id == release.pointer_id) {
                        panel.hold = None;
                    }
                },
            ),
            widget::observe(|out: On<Pointer<Out>>, mut panel: ResMut<GuidePanel>| {
                if panel.hold.is_some_and(|(id, _)| id == out.pointer_id) {
                    panel.hold = None;
                }
            }),
        )),
    ));
}

fn open_on_long_press(
    time: Res<Time>,
    mut panel: ResMut<GuidePanel>,
    exhibit: Res<Exhibit>,
    link: Res<StoreLink>,
) {
    let Some((_, since)) = panel.hold else { return };
    if time.elapsed_secs_f64() - since >= HOLD_SECS {
        panel.hold = None;
        open_panel(&mut panel, &exhibit, &link, time.elapsed_secs_f64());
    }
}

fn open_on_f2(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    time: Res<Time>,
    mut panel: ResMut<GuidePanel>,
    exhibit: Res<Exhibit>,
    link: Res<StoreLink>,
) {
    if keys.is_some_and(|keys| keys.just_pressed(KeyCode::F2)) {
        open_panel(&mut panel, &exhibit, &link, time.elapsed_secs_f64());
    }
}

/// At a kiosk with a keyboard the PIN can be typed too.
fn type_pin_on_keyboard(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    time: Res<Time>,
    mut panel: ResMut<GuidePanel>,
    exhibit: Res<Exhibit>,
) {
    let Some(keys) = keys else { return };
    if !matches!(panel.stage, Stage::Locked { .. }) {
        return;
    }
    const DIGITS: [(KeyCode, KeyCode); 10] = [
        (KeyCode::Digit0, KeyCode::Numpad0),
        (KeyCode::Digit1, KeyCode::Numpad1),
        (KeyCode::Digit2, KeyCode::Numpad2),
        (KeyCode::Digit3, KeyCode::Numpad3),
        (KeyCode::Digit4, KeyCode::Numpad4),
        (KeyCode::Digit5, KeyCode::Numpad5),
        (KeyCode::Digit6, KeyCode::Numpad6),
        (KeyCode::Digit7, KeyCode::Numpad7),
        (KeyCode::Digit8, KeyCode::Numpad8),
        (KeyCode::Digit9, KeyCode::Numpad9),
    ];
    for key in keys.get_just_pressed() {
        let pressed = match key {
            KeyCode::Backspace => Some(Key::Erase),
            KeyCode::Enter | KeyCode::NumpadEnter => Some(Key::Enter),
            other => DIGITS
                .iter()
                .position(|(row, pad)| other == row || other == pad)
                .map(|d| Key::Digit(d as u8)),
        };
        if let Some(pressed) = pressed {
            press_key(&mut panel, &exhibit, pressed, time.elapsed_secs_f64());
        }
    }
}

/// A guide who walks away leaves a locked kiosk: the panel closes with the idle countdown.
fn close_when_idle(idle: Res<Idle>, time: Res<Time>, mut panel: ResMut<GuidePanel>) {
    let now = time.elapsed_secs_f64();
    let left_alone = idle.0.phase(now) != IdlePhase::Active;
    if panel.is_open() && (left_alone || now - panel.opened_at > MAX_OPEN_SECS) {
        panel.close();
    }
}

/// Builds the panel anew whenever what it shows changes.
fn show_panel(
    mut commands: Commands,
    panel: Res<GuidePanel>,
    view: Res<DeskView>,
    sound: Res<SoundSettings>,
    assets: Res<UiAssets>,
    roots: Query<Entity, With<PanelRoot>>,
) {
    if !(panel.is_changed() || view.is_changed() || sound.is_changed()) {
        return;
    }
    for root in &roots {
        commands.entity(root).despawn();
    }
    let assets = &*assets;
    match &panel.stage {
        Stage::Closed | Stage::Opening => {}
        Stage::Locked { entered, wrong } => {
            commands.spawn(overlay(
                assets,
                (
                    pin_pad(assets, entered, *wrong),
                    Spawn(close_button(assets)),
                ),
            ));
        }
        Stage::NoPin => {
            commands.spawn(overlay(
                assets,
                (
                    Spawn(widget::paragraph(
                        assets,
                        Says::Ui("guide-pin-not-set"),
                        theme::BODY,
                        theme::INK,
                    )),
                    Spawn(widget::bold(
                        assets,
                        Says::Same("tourcentre guide set-pin".into()),
                        theme::BODY,
                        theme::INK,
                    )),
                    Spawn(close_button(assets)),
                ),
            ));
        }
        Stage::Unreadable(reason) | Stage::NoServer(reason) => {
            let id = match &panel.stage {
                Stage::NoServer(_) => "guide-panel-needs-server",
                _ => "guide-pin-unreadable",
            };
            let says = Says::UiWith(id, vec![("reason", Arg::Words(reason.clone()))]);
            commands.spawn(overlay(
                assets,
                (
                    Spawn(widget::paragraph(assets, says, theme::BODY, theme::INK)),
                    Spawn(close_button(assets)),
                ),
            ));
        }
        // The dashboard puts its close button beside the volume, to fit the screen.
        Stage::Unlocked => {
            commands.spawn(overlay(assets, dashboard(assets, &panel, &view, &sound)));
        }
    }
}

/// The panel over a dimmed screen: a wide card with its title, then `content`.
fn overlay(
    assets: &UiAssets,
    content: impl SpawnableList<ChildOf> + Send + Sync + 'static,
) -> impl Bundle {
    (
        Name::new("Guide panel"),
        PanelRoot,
        Node {
            position_type: PositionType::Absolute,
            width: Val::Percent(100.0),
            height: Val::Percent(100.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(theme::OVERLAY),
        GlobalZIndex(300),
        children![(
            Node {
                width: Val::Px(1500.0),
                row_gap: Val::Px(12.0),
                ..widget::card_node(28.0)
            },
            BackgroundColor(theme::CARD),
            BorderColor::all(theme::ACCENT),
            Children::spawn((
                Spawn(widget::bold(
                    assets,
                    Says::Ui("guide-panel-title"),
                    theme::TITLE * 0.75,
                    theme::ACCENT
                )),
                content,
            )),
        )],
    )
}

/// "Enter the PIN" (or "Wrong PIN"), a dot per digit typed, and the keys.
fn pin_pad(
    assets: &UiAssets,
    entered: &str,
    wrong: bool,
) -> impl SpawnableList<ChildOf> + Send + Sync + 'static {
    let dots = if entered.is_empty() {
        " ".to_string()
    } else {
        "• ".repeat(entered.len()).trim_end().to_string()
    };
    let prompt = if wrong {
        "guide-wrong-pin"
    } else {
        "guide-enter-pin"
    };
    let rows: Vec<_> = [
        [Key::Digit(1), Key::Digit(2), Key::Digit(3)],
        [Key::Digit(4), Key::Digit(5), Key::Digit(6)],
        [Key::Digit(7), Key::Digit(8), Key::Digit(9)],
        [Key::Erase, Key::Digit(0), Key::Enter],
    ]
    .into_iter()
    .map(|keys| {
        let keys: Vec<_> = keys.into_iter().map(|key| pad_key(assets, key)).collect();
        (
            Node {
                column_gap: Val::Px(18.0),
                ..default()
            },
            Children::spawn(SpawnIter(keys.into_iter())),
        )
    })
    .collect();
    (
        Spawn(widget::text(
            assets,
            Says::Ui(prompt),
            theme::BODY,
            theme::INK,
        )),
        Spawn(widget::bold(
            assets,
            Says::Same(dots),
            theme::TITLE,
            theme::INK,
        )),
        SpawnIter(rows.into_iter()),
    )
}

fn pad_key(assets: &UiAssets, key: Key) -> impl Bundle {
    let (label, width) = match key {
        Key::Digit(d) => (Says::Same(d.to_string()), KEY),
        Key::Erase => (Says::Ui("guide-erase"), KEY * 1.8),
        Key::Enter => (Says::Same("OK".into()), KEY * 1.8),
    };
    small_button(
        assets,
        label,
        width,
        theme::PRIMARY,
        move |_: On<Pointer<Click>>,
              time: Res<Time>,
              mut panel: ResMut<GuidePanel>,
              exhibit: Res<Exhibit>| {
            press_key(&mut panel, &exhibit, key, time.elapsed_secs_f64());
        },
    )
}

/// A compact button for the panel (still a full touch target); `action` runs when touched.
fn small_button<B: Bundle, M>(
    assets: &UiAssets,
    label: Says,
    width: f32,
    paint: Paint,
    action: impl IntoObserverSystem<Pointer<Click>, B, M>,
) -> impl Bundle {
    (
        Button,
        Node {
            min_width: Val::Px(width),
            height: Val::Px(theme::MIN_TARGET),
            padding: UiRect::horizontal(Val::Px(20.0)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::all(Val::Px(18.0)),
            ..default()
        },
        BackgroundColor(paint.background),
        BorderColor::all(theme::ACCENT),
        Children::spawn((
            Spawn(widget::bold(assets, label, theme::BODY, paint.ink)),
            widget::observe(action),
        )),
    )
}

fn close_button(assets: &UiAssets) -> impl Bundle {
    widget::button(
        assets,
        Says::Ui("guide-close"),
        theme::QUIET,
        |_: On<Pointer<Click>>, mut panel: ResMut<GuidePanel>| panel.close(),
    )
}

fn row_node() -> Node {
    Node {
        column_gap: Val::Px(16.0),
        align_items: AlignItems::Center,
        ..default()
    }
}

fn category_words(category: Category) -> Says {
    Says::Ui(match category {
        Category::School => "category-school",
        Category::Student => "category-student",
        Category::Adult => "category-adult",
        Category::Family => "category-family",
        Category::Other => "category-other",
    })
}

fn number(n: u64) -> Arg {
    Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The unlocked panel: the figures, the open tours with their end buttons, a new tour, and the
/// volume with the close button.
fn dashboard(
    assets: &UiAssets,
    panel: &GuidePanel,
    view: &DeskView,
    sound: &SoundSettings,
) -> impl SpawnableList<ChildOf> + Send + Sync + 'static {
    let figures: Vec<_> = figures(view)
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let size = if index == 0 {
                theme::BODY + 8.0
            } else {
                theme::BODY
            };
            widget::paragraph(assets, line, size, theme::INK)
        })
        .collect();
    let heading = if view.open_tours.is_empty() {
        "guide-no-open-tours"
    } else {
        "guide-open-tours"
    };
    let tours: Vec<_> = view
        .open_tours
        .iter()
        .rev()
        .take(MAX_TOURS_SHOWN)
        .map(|tour| tour_row(assets, tour))
        .collect();
    let hidden = view.open_tours.len().saturating_sub(MAX_TOURS_SHOWN);
    let more = (hidden > 0).then(|| {
        let more = Says::UiWith("guide-more-tours", vec![("count", number(hidden as u64))]);
        widget::text(assets, more, theme::SMALL, theme::MUTED_INK)
    });
    (
        SpawnIter(figures.into_iter()),
        Spawn(widget::bold(
            assets,
            Says::Ui(heading),
            theme::BODY,
            theme::ACCENT,
        )),
        SpawnIter(tours.into_iter()),
        SpawnIter(more.into_iter()),
        Spawn(widget::bold(
            assets,
            Says::Ui("guide-new-tour"),
            theme::BODY,
            theme::ACCENT,
        )),
        Spawn(category_row(assets, panel.category)),
        Spawn(size_row(assets, panel.size)),
        Spawn(volume_row(assets, sound.volume)),
    )
}

/// The day and the year toward the target, and what keeps the store from answering.
fn figures(view: &DeskView) -> Vec<Says> {
    let mut lines = vec![Says::UiWith(
        "guide-today",
        vec![("count", number(view.today))],
    )];
    if let Some(year) = &view.year {
        lines.push(Says::UiWith(
            "guide-year",
            vec![
                ("year", Arg::Number(i64::from(year.year))),
                ("count", number(year.visitors_to_date)),
                ("target", Arg::Number(i64::from(year.target))),
                (
                    "percent",
                    Arg::Number(year.percent_of_target().floor() as i64),
                ),
            ],
        ));
        lines.push(Says::UiWith(
            "status-pace",
            vec![("status", Arg::Words(Text::same(year.status.as_str())))],
        ));
        lines.push(Says::UiWith(
            "status-required",
            vec![
                ("required", number(year.required_per_operating_day)),
                ("days", Arg::Number(i64::from(year.operating_days_left))),
            ],
        ));
    } else if !view.answered {
        lines.push(Says::Ui("guide-asking"));
    }
    if view.waiting_sessions > 0 {
        lines.push(Says::UiWith(
            "guide-waiting",
            vec![("count", number(view.waiting_sessions as u64))],
        ));
    }
    if let Some(problem) = &view.problem {
        lines.push(Says::UiWith(
            "guide-store-problem",
            vec![("reason", Arg::Words(problem.clone()))],
        ));
    }
    if let Some(problem) = &view.server_problem {
        lines.push(Says::UiWith(
            "guide-server-problem",
            vec![("reason", Arg::Words(problem.clone()))],
        ));
    }
    lines
}

/// An open tour: its group, size and start time, and the button that ends it.
fn tour_row(assets: &UiAssets, tour: &Tour) -> impl Bundle {
    let since = tour
        .started_at
        .with_timezone(&Kyiv)
        .format("%H:%M")
        .to_string();
    let words = Says::UiWith(
        "guide-tour-line",
        vec![
            ("size", Arg::Number(i64::from(tour.size))),
            ("time", Arg::Words(Text::same(since))),
        ],
    );
    let id = tour.id;
    (
        row_node(),
        children![
            widget::bold(
                assets,
                category_words(tour.category),
                theme::BODY,
                theme::INK
            ),
            widget::text(assets, words, theme::BODY, theme::INK),
            small_button(
                assets,
                Says::Ui("guide-end-tour"),
                KEY * 2.0,
                theme::PLAIN,
                move |_: On<Pointer<Click>>, link: Res<StoreLink>| {
                    link.send(DeskRequest::EndTour(id))
                },
            ),
        ],
    )
}

/// The new tour's group kind, the chosen one highlighted.
fn category_row(assets: &UiAssets, chosen: Category) -> impl Bundle {
    let kinds: Vec<_> = Category::ALL
        .into_iter()
        .map(|category| {
            let paint = if category == chosen {
                theme::PRIMARY
            } else {
                theme::PLAIN
            };
            small_button(
                assets,
                category_words(category),
                KEY * 1.5,
                paint,
                move |_: On<Pointer<Click>>, mut panel: ResMut<GuidePanel>| {
                    panel.category = category
                },
            )
        })
        .collect();
    (row_node(), Children::spawn(SpawnIter(kinds.into_iter())))
}

/// The new tour's size, with –5 –1 … +1 +5 around it, and the start button.
fn size_row(assets: &UiAssets, size: u32) -> impl Bundle {
    let steps = |keep: fn(&i32) -> bool| -> Vec<_> {
        GROUP_STEPS
            .into_iter()
            .filter(keep)
            .map(|step| size_step(assets, step))
            .collect()
    };
    let size = Says::UiWith(
        "guide-group-size",
        vec![("size", Arg::Number(i64::from(size)))],
    );
    (
        row_node(),
        Children::spawn((
            SpawnIter(steps(|step| *step < 0).into_iter()),
            Spawn(widget::bold(assets, size, theme::BODY + 8.0, theme::INK)),
            SpawnIter(steps(|step| *step > 0).into_iter()),
            Spawn(small_button(
                assets,
                Says::Ui("guide-start-tour"),
                KEY * 3.0,
                theme::PRIMARY,
                start_tour,
            )),
        )),
    )
}

fn size_step(assets: &UiAssets, step: i32) -> impl Bundle {
    let label = if step < 0 {
        format!("–{}", -step)
    } else {
        format!("+{step}")
    };
    small_button(
        assets,
        Says::Same(label),
        KEY,
        theme::PLAIN,
        move |_: On<Pointer<Click>>, mut panel: ResMut<GuidePanel>| {
            let max = crate::visitors::MAX_PER_RECORD;
            panel.size = (i64::from(panel.size) + i64::from(step)).clamp(1, max) as u32;
        },
    )
}

fn start_tour(
    _: On<Pointer<Click>>,
    time: Res<Time>,
    mut panel: ResMut<GuidePanel>,
    link: Res<StoreLink>,
) {
    let now = time.elapsed_secs_f64();
    if now - panel.last_start < START_DEBOUNCE_SECS {
        return;
    }
    panel.last_start = now;
    link.send(DeskRequest::StartTour {
        category: panel.category,
        size: panel.size,
        at: crate::clock::now(),
    });
}

/// Sound volume (mute is always on screen, beside the language switch), and the close button.
fn volume_row(assets: &UiAssets, volume: f32) -> impl Bundle {
    let percent = (volume * 100.0).round() as i64;
    let words = Says::UiWith("guide-volume", vec![("percent", Arg::Number(percent))]);
    (
        Node {
            margin: UiRect::top(Val::Px(8.0)),
            ..row_node()
        },
        children![
            volume_step(assets, "–", -0.1),
            widget::bold(assets, words, theme::BODY, theme::INK),
            volume_step(assets, "+", 0.1),
            close_button(assets),
        ],
    )
}

fn volume_step(assets: &UiAssets, label: &str, change: f32) -> impl Bundle {
    small_button(
        assets,
        Says::Same(label.into()),
        KEY,
        theme::PLAIN,
        move |_: On<Pointer<Click>>, mut sound: ResMut<SoundSettings>| {
            sound.volume = ((sound.volume + change) * 10.0).round().clamp(0.0, 10.0) / 10.0;
        },
    )
}
