//! Headless tests of the exhibit's logic: MinimalPlugins and states, no window, renderer or sound.
//! Drops go through the same picking observers a finger triggers.

use std::time::Duration;

use bevy::camera::NormalizedRenderTarget;
use bevy::picking::backend::HitData;
use bevy::picking::events::{DragDrop, DragStart, Pointer};
use bevy::picking::pointer::{Location, PointerButton, PointerId};
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;

use super::guide::{GuidePanel, Key, PanelRoot, Stage, open_panel, press_key};
use super::idle::{Activity, Idle};
use super::language::{CurrentLang, SwitchLanguage};
use super::records::{DeskRequest, DeskView, StoreLink};
use super::screens::Screen;
use super::screens::audience::ChooseAudience;
use super::screens::sorting::{BinTarget, Feedback, ItemCard, Shown};
use super::{ExhibitOptions, Play, Says, headless_app};
use crate::game::{IdlePhase, Outcome};
use crate::i18n::Lang;

fn exhibit_app() -> App {
    exhibit_app_with_data(None)
}

fn exhibit_app_with_data(data_dir: Option<&std::path::Path>) -> App {
    let path = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
    let scenario = crate::content::load(&path, &crate::shipped_assets_dir())
        .expect("the shipped scenario loads");
    let options = ExhibitOptions {
        station: "test".into(),
        data_dir: data_dir.map(Into::into),
        ..default()
    };
    let mut app = headless_app(scenario, &options);
    step(&mut app, 0.1);
    app
}

/// Advances the clock by `secs` in one frame.
fn step(app: &mut App, secs: f64) {
    app.insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs_f64(
        secs,
    )));
    app.update();
}

/// Runs `secs` of frames at 10 frames a second.
fn run_for(app: &mut App, secs: f64) {
    for _ in 0..(secs * 10.0).ceil() as usize {
        step(app, 0.1);
    }
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn start_round(app: &mut App) {
    let audience = app.world().resource::<super::Exhibit>().scenario.audiences[0]
        .id
        .clone();
    start_round_for(app, &audience);
}

fn start_round_for(app: &mut App, audience: &str) {
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Audience);
    step(app, 0.1);
    app.world_mut()
        .write_message(ChooseAudience(audience.to_string()));
    run_for(app, 0.3);
    assert_eq!(screen(app), Screen::Sorting);
}

/// Sorts what is left of the round into the right bins, half a second apart, until it is over.
fn sort_the_rest_right(app: &mut App) {
    loop {
        run_for(app, 0.5);
        let over = app
            .world()
            .resource::<Play>()
            .round
            .as_ref()
            .is_some_and(|r| r.is_over());
        if over {
            break;
        }
        let (_, right) = current(app);
        drop_item_on(app, &right);
    }
}

fn one<C: Component>(app: &mut App) -> Entity {
    let mut query = app.world_mut().query_filtered::<Entity, With<C>>();
    query.single(app.world()).expect("exactly one on screen")
}

fn bin_entity(app: &mut App, id: &str) -> Entity {
    let mut query = app.world_mut().query::<(Entity, &BinTarget)>();
    query
        .iter(app.world())
        .find(|(_, bin)| bin.0 == id)
        .map(|(e, _)| e)
        .expect("the bin is on screen")
}

fn location() -> Location {
    Location {
        target: NormalizedRenderTarget::None {
            width: 1920,
            height: 1080,
        },
        position: Vec2::new(960.0, 900.0),
    }
}

/// A finger lets the item go over `bin`.
fn drop_item_on(app: &mut App, bin: &str) {
    let item = one::<ItemCard>(app);
    let bin = bin_entity(app, bin);
    let hit = HitData::new(Entity::PLACEHOLDER, 0.0, None, None);
    let event = DragDrop {
        button: PointerButton::Primary,
        dropped: item,
        hit,
    };
    app.world_mut()
        .trigger(Pointer::new(PointerId::Touch(1), location(), event, bin));
    step(app, 0.1);
}

fn current(app: &App) -> (String, String) {
    let play = app.world().resource::<Play>();
    let item = play
        .round
        .as_ref()
        .and_then(|r| r.current())
        .expect("an item to sort");
    (item.item.clone(), item.right_bin.clone())
}

fn a_wrong_bin(app: &App, right: &str) -> String {
    let scenario = &app.world().resource::<super::Exhibit>().scenario;
    scenario
        .bins
        .iter()
        .map(|b| b.id.clone())
        .find(|b| b != right)
        .expect("two bins")
}

fn first_try_score(app: &App) -> usize {
    app.world()
        .resource::<Play>()
        .round
        .as_ref()
        .map_or(0, |r| r.first_try_score())
}

#[test]
fn drops_on_the_wrong_and_right_bins_change_the_score_and_then_the_screen() {
    let mut app = exhibit_app();
    start_round(&mut app);

    let (item, right) = current(&app);
    let wrong = a_wrong_bin(&app, &right);
    drop_item_on(&mut app, &wrong);
    let feedback = app
        .world()
        .resource::<Feedback>()
        .last
        .clone()
        .expect("feedback shown");
    assert_eq!(
        feedback.outcome,
        Outcome::Wrong {
            misses: 1,
            reveal: false
        }
    );
    assert_eq!(
        current(&app).0,
        item,
        "a miss keeps the item for a second try"
    );

    drop_item_on(&mut app, &right);
    assert_eq!(
        app.world()
            .resource::<Feedback>()
            .last
            .as_ref()
            .map(|f| f.outcome.clone()),
        Some(Outcome::Right { first_try: false })
    );
    assert_eq!(
        first_try_score(&app),
        0,
        "a second-try answer does not score"
    );

    // While the right bin swallows the item, a second drop is not taken for the next item.
    let (next_item, next_right) = current(&app);
    assert_ne!(next_item, item);
    drop_item_on(&mut app, &next_right);
    assert_eq!(first_try_score(&app), 0);

    run_for(&mut app, 0.5);
    drop_item_on(&mut app, &next_right);
    assert_eq!(first_try_score(&app), 1, "a first-try answer scores");

    // Sort the rest right; the round ends and the lifecycle journey follows.
    sort_the_rest_right(&mut app);
    run_for(&mut app, 3.0);
    assert_eq!(screen(&app), Screen::Lifecycle);
    let round = app
        .world()
        .resource::<Play>()
        .round
        .clone()
        .expect("the round is kept for the results");
    assert_eq!(round.first_try_score(), round.items.len() - 1);
}

#[test]
fn idle_timeout_counts_down_then_returns_to_attract_with_the_drag_cancelled() {
    let mut app = exhibit_app();
    start_round(&mut app);
    let item = one::<ItemCard>(&mut app);
    let hit = HitData::new(Entity::PLACEHOLDER, 0.0, None, None);
    let start = DragStart {
        button: PointerButton::Primary,
        hit,
    };
    app.world_mut()
        .trigger(Pointer::new(PointerId::Touch(7), location(), start, item));
    step(&mut app, 0.1);
    assert_eq!(
        app.world().resource::<Shown>().dragged_by,
        Some(PointerId::Touch(7))
    );

    let timeout = app
        .world()
        .resource::<super::Exhibit>()
        .scenario
        .settings
        .idle_timeout_secs as f64;
    run_for(&mut app, timeout + 1.0);
    let now = app.world().resource::<Time>().elapsed_secs_f64();
    assert!(matches!(
        app.world().resource::<Idle>().0.phase(now),
        IdlePhase::Countdown { .. }
    ));
    assert_eq!(screen(&app), Screen::Sorting, "the countdown comes first");

    // Any touch cancels the countdown.
    app.world_mut().write_message(Activity);
    step(&mut app, 0.1);
    let now = app.world().resource::<Time>().elapsed_secs_f64();
    assert_eq!(
        app.world().resource::<Idle>().0.phase(now),
        IdlePhase::Active
    );

    let countdown = app
        .world()
        .resource::<super::Exhibit>()
        .scenario
        .settings
        .countdown_secs as f64;
    run_for(&mut app, timeout + countdown + 1.0);
    assert_eq!(screen(&app), Screen::Attract);
    assert_eq!(
        app.world().resource::<Shown>().dragged_by,
        None,
        "the drag is cancelled"
    );
    let mut cards = app.world_mut().query_filtered::<Entity, With<ItemCard>>();
    assert_eq!(cards.iter(app.world()).count(), 0, "no ghost item is left");
}

fn shown_text(app: &mut App, says: &Says) -> Vec<String> {
    let mut query = app.world_mut().query::<(&Says, &Text)>();
    query
        .iter(app.world())
        .filter(|(s, _)| *s == says)
        .map(|(_, t)| t.0.clone())
        .collect()
}

#[test]
fn switching_language_rewords_what_is_on_screen() {
    let mut app = exhibit_app();
    let call = Says::Ui("exhibit-touch-to-start");
    assert_eq!(app.world().resource::<CurrentLang>().0, Lang::Uk);
    assert_eq!(shown_text(&mut app, &call), vec!["Торкніться, щоб почати"]);

    app.world_mut().write_message(SwitchLanguage(Lang::En));
    step(&mut app, 0.1);
    assert_eq!(shown_text(&mut app, &call), vec!["Touch to start"]);

    // Texts spawned later come in the language of the moment.
    start_round(&mut app);
    let mut names = app.world_mut().query::<(&Says, &Text)>();
    let scenario_texts: Vec<(Says, String)> = names
        .iter(app.world())
        .filter(|(s, _)| matches!(s, Says::Scenario(_)))
        .map(|(s, t)| (s.clone(), t.0.clone()))
        .collect();
    assert!(!scenario_texts.is_empty());
    for (says, text) in scenario_texts {
        let Says::Scenario(bilingual) = says else {
            unreachable!()
        };
        assert_eq!(text, bilingual.en);
    }
}

fn open_guide_panel(app: &mut App) {
    use bevy::ecs::system::RunSystemOnce;
    app.world_mut()
        .run_system_once(
            |mut panel: ResMut<GuidePanel>,
             exhibit: Res<super::Exhibit>,
             link: Res<StoreLink>,
             time: Res<Time>| {
                open_panel(&mut panel, &exhibit, &link, time.elapsed_secs_f64());
            },
        )
        .expect("the panel opens");
    wait_for_pin_work(app);
    step(app, 0.1);
}

/// Frames, with the clock held, until the PIN file has been read or the PIN checked (off the
/// frame thread), or a few seconds pass.
fn wait_for_pin_work(app: &mut App) {
    for _ in 0..1000 {
        if !app.world().resource::<GuidePanel>().is_busy() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
        step(app, 0.0);
    }
    panic!("the PIN work did not finish");
}

/// Types `keys` on the pad, waiting for the answer after each OK.
fn type_keys(app: &mut App, keys: &[Key]) {
    for key in keys.iter().copied() {
        press(app, key);
        wait_for_pin_work(app);
    }
    step(app, 0.1);
}

/// One touch on a key of the pad, between frames.
fn press(app: &mut App, key: Key) {
    use bevy::ecs::system::RunSystemOnce;
    app.world_mut()
        .run_system_once(
            move |mut panel: ResMut<GuidePanel>, exhibit: Res<super::Exhibit>, time: Res<Time>| {
                press_key(&mut panel, &exhibit, key, time.elapsed_secs_f64());
            },
        )
        .expect("a key press");
}

fn stage(app: &App) -> Stage {
    app.world().resource::<GuidePanel>().stage.clone()
}

fn digits(pin: &str) -> Vec<Key> {
    pin.bytes()
        .map(|b| Key::Digit(b - b'0'))
        .chain([Key::Enter])
        .collect()
}

#[test]
fn the_guide_panel_opens_only_with_the_right_pin_and_locks_when_left_alone() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    assert_eq!(
        stage(&app),
        Stage::Locked {
            entered: String::new(),
            wrong: false
        }
    );
    assert_eq!(
        shown_text(&mut app, &Says::Ui("guide-enter-pin")).len(),
        1,
        "the panel asks for the PIN"
    );

    type_keys(&mut app, &digits("1234"));
    assert_eq!(
        stage(&app),
        Stage::Locked {
            entered: String::new(),
            wrong: true
        }
    );
    assert_eq!(shown_text(&mut app, &Says::Ui("guide-wrong-pin")).len(), 1);

    type_keys(&mut app, &[Key::Digit(9), Key::Erase]);
    type_keys(&mut app, &digits("2468"));
    assert_eq!(stage(&app), Stage::Unlocked);
    assert_eq!(
        shown_text(&mut app, &Says::Ui("guide-new-tour")).len(),
        1,
        "the unlocked panel shows the tour controls"
    );

    let timeout = app
        .world()
        .resource::<super::Exhibit>()
        .scenario
        .settings
        .idle_timeout_secs as f64;
    run_for(&mut app, timeout + 1.0);
    assert_eq!(
        stage(&app),
        Stage::Closed,
        "a guide who walks away leaves the panel locked"
    );
    assert!(shown_text(&mut app, &Says::Ui("guide-new-tour")).is_empty());
}

#[test]
fn the_pad_takes_no_key_while_a_pin_is_being_checked() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    // The check runs off the frame thread: until a frame takes its answer, OK again or a digit
    // changes nothing.
    for key in digits("1111")
        .into_iter()
        .chain([Key::Enter, Key::Digit(2)])
    {
        press(&mut app, key);
    }
    assert!(app.world().resource::<GuidePanel>().is_busy());
    assert_eq!(
        stage(&app),
        Stage::Locked {
            entered: "1111".into(),
            wrong: false
        }
    );
    wait_for_pin_work(&mut app);
    assert_eq!(
        stage(&app),
        Stage::Locked {
            entered: String::new(),
            wrong: true
        }
    );
}

#[test]
fn a_wrong_pin_still_counts_when_the_panel_closes_during_its_check() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    for _ in 0..4 {
        type_keys(&mut app, &digits("1111"));
    }
    for key in digits("1111") {
        press(&mut app, key);
    }
    app.world_mut().resource_mut::<GuidePanel>().stage = Stage::Closed;
    wait_for_pin_work(&mut app);
    assert_eq!(stage(&app), Stage::Closed);
    open_guide_panel(&mut app);
    type_keys(&mut app, &digits("2468"));
    assert!(
        matches!(stage(&app), Stage::Locked { .. }),
        "the fifth wrong PIN started the wait"
    );
}

/// A finger taps the button that says `label`.
fn tap_button(app: &mut App, label: Says) {
    let mut buttons = app
        .world_mut()
        .query_filtered::<(Entity, &Children), With<Button>>();
    let mut labels = app.world_mut().query::<&Says>();
    let world = app.world();
    let button = buttons
        .iter(world)
        .find(|(_, children)| {
            children
                .iter()
                .any(|child| labels.get(world, child).is_ok_and(|says| *says == label))
        })
        .map(|(button, _)| button)
        .unwrap_or_else(|| panic!("a button says {label:?}"));
    tap(app, button);
}

/// A finger's short press and release on `entity`: the click the picking pipeline sends.
fn tap(app: &mut App, entity: Entity) {
    use bevy::picking::events::Click;
    let click = Click {
        button: PointerButton::Primary,
        hit: HitData::new(Entity::PLACEHOLDER, 0.0, None, None),
        duration: Duration::from_millis(100),
        count: 1,
    };
    app.world_mut()
        .trigger(Pointer::new(PointerId::Touch(3), location(), click, entity));
    step(app, 0.1);
}

#[test]
fn the_panels_buttons_do_what_they_say() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    for digit in ["2", "4", "6", "8", "OK"] {
        tap_button(&mut app, Says::Same(digit.into()));
    }
    wait_for_pin_work(&mut app);
    assert_eq!(stage(&app), Stage::Unlocked);

    tap_button(&mut app, Says::Ui("category-adult"));
    tap_button(&mut app, Says::Same("+5".into()));
    let panel = app.world().resource::<GuidePanel>();
    assert_eq!(
        (panel.category, panel.size),
        (crate::visitors::Category::Adult, 25)
    );
    tap_button(&mut app, Says::Ui("guide-close"));
    assert_eq!(stage(&app), Stage::Closed);
    assert!(shown_text(&mut app, &Says::Ui("guide-new-tour")).is_empty());
}

#[test]
fn without_a_pin_the_guide_panel_says_how_to_set_one() {
    let data = tempfile::tempdir().unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    assert_eq!(stage(&app), Stage::NoPin);
    assert_eq!(
        shown_text(&mut app, &Says::Ui("guide-pin-not-set")).len(),
        1
    );
}

#[test]
fn an_answer_that_changes_nothing_leaves_the_panel_under_the_guides_finger() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    type_keys(&mut app, &digits("2468"));
    assert_eq!(stage(&app), Stage::Unlocked);
    wait_for_desk(&mut app, |view| view.answered);
    step(&mut app, 0.05);
    let panel = |app: &mut App| {
        app.world_mut()
            .query_filtered::<Entity, With<PanelRoot>>()
            .single(app.world())
            .unwrap()
    };
    let before = panel(&mut app);
    // The same figures again: a rebuild now would drop a press the guide is making.
    app.world()
        .resource::<StoreLink>()
        .send(DeskRequest::Refresh);
    for _ in 0..20 {
        step(&mut app, 0.01);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(panel(&mut app), before, "the panel was rebuilt for nothing");
    // New figures do rebuild it.
    app.world()
        .resource::<StoreLink>()
        .send(DeskRequest::StartTour {
            category: crate::visitors::Category::Adult,
            size: 12,
            at: chrono::Utc::now(),
        });
    wait_for_desk(&mut app, |view| view.open_tours.len() == 1);
    step(&mut app, 0.05);
    assert_ne!(panel(&mut app), before);
}

/// Frames until the store link has answered `ready`, or a few seconds pass.
fn wait_for_desk(app: &mut App, ready: impl Fn(&DeskView) -> bool) -> DeskView {
    for _ in 0..300 {
        step(app, 0.01);
        let view = app.world().resource::<DeskView>();
        if ready(view) {
            return view.clone();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "the store link did not answer: {:?}",
        app.world().resource::<DeskView>()
    );
}

#[test]
fn a_tour_started_on_the_kiosk_and_the_rounds_played_reach_the_store() {
    use crate::store::VisitorStore;
    let data = tempfile::tempdir().unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    app.world()
        .resource::<StoreLink>()
        .send(DeskRequest::StartTour {
            category: crate::visitors::Category::School,
            size: 24,
            at: chrono::Utc::now(),
        });
    let view = wait_for_desk(&mut app, |view| view.open_tours.len() == 1);
    let tour_id = view.open_tours[0].id;
    assert_eq!(view.open_tours[0].size, 24);
    assert_eq!(view.today, 24, "a tour counts its group on its start date");
    assert_eq!(view.year.as_ref().map(|y| y.visitors_to_date), Some(24));

    // One round played to the end, one cut off by the idle reset.
    start_round(&mut app);
    sort_the_rest_right(&mut app);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Results);
    step(&mut app, 0.1);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Audience);
    step(&mut app, 0.1);
    let audience = app.world().resource::<super::Exhibit>().scenario.audiences[0]
        .id
        .clone();
    app.world_mut().write_message(ChooseAudience(audience));
    run_for(&mut app, 0.5);
    let (_, right) = current(&app);
    drop_item_on(&mut app, &right);
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Attract);
    step(&mut app, 0.1);

    // Closing the exhibit writes whatever is still waiting.
    drop(app);
    let store = crate::store::open(data.path()).unwrap();
    let totals = store.totals().unwrap();
    assert_eq!(totals.play_sessions, 2);
    assert!(totals.play_answers >= 2);
    assert_eq!(
        store.games_in_tour(tour_id).unwrap(),
        2,
        "both rounds are tagged with the tour that was on"
    );
}

#[test]
fn a_second_finger_cannot_steal_or_drop_the_item_another_finger_holds() {
    use bevy::picking::events::DragEnd;
    let mut app = exhibit_app();
    start_round(&mut app);
    let item = one::<ItemCard>(&mut app);
    let hit = || HitData::new(Entity::PLACEHOLDER, 0.0, None, None);
    let drag_start = |finger: u64| {
        Pointer::new(
            PointerId::Touch(finger),
            location(),
            DragStart {
                button: PointerButton::Primary,
                hit: hit(),
            },
            item,
        )
    };
    app.world_mut().trigger(drag_start(1));
    app.world_mut().trigger(drag_start(2));
    step(&mut app, 0.1);
    assert_eq!(
        app.world().resource::<Shown>().dragged_by,
        Some(PointerId::Touch(1))
    );

    // The second finger slides to a bin: no answer, since it does not hold the item.
    let (_, right) = current(&app);
    let right_bin = bin_entity(&mut app, &right);
    let stolen = DragDrop {
        button: PointerButton::Primary,
        dropped: item,
        hit: hit(),
    };
    app.world_mut().trigger(Pointer::new(
        PointerId::Touch(2),
        location(),
        stolen,
        right_bin,
    ));
    step(&mut app, 0.1);
    assert!(
        app.world()
            .resource::<Play>()
            .round
            .as_ref()
            .is_some_and(|r| r.items[0].chosen.is_empty())
    );

    // The second finger lets go: the first still holds the item.
    let end = DragEnd {
        button: PointerButton::Primary,
        distance: Vec2::ZERO,
    };
    app.world_mut()
        .trigger(Pointer::new(PointerId::Touch(2), location(), end, item));
    step(&mut app, 0.1);
    assert_eq!(
        app.world().resource::<Shown>().dragged_by,
        Some(PointerId::Touch(1))
    );

    // Mashing every bin in one frame: the item ends in its right bin and no later item is answered.
    let (_, right) = current(&app);
    let bins: Vec<String> = app
        .world()
        .resource::<super::Exhibit>()
        .scenario
        .bins
        .iter()
        .map(|b| b.id.clone())
        .collect();
    let first_wrong = bins
        .iter()
        .find(|b| **b != right)
        .cloned()
        .expect("two bins");
    let mut order = vec![first_wrong];
    order.extend(bins.iter().cloned());
    for bin in &order {
        let bin = bin_entity(&mut app, bin);
        let event = DragDrop {
            button: PointerButton::Primary,
            dropped: item,
            hit: hit(),
        };
        app.world_mut()
            .trigger(Pointer::new(PointerId::Touch(1), location(), event, bin));
    }
    step(&mut app, 0.1);
    let round = app
        .world()
        .resource::<Play>()
        .round
        .clone()
        .expect("a round");
    assert_eq!(
        round.items[0].chosen.last(),
        Some(&right),
        "{:?}",
        round.items[0].chosen
    );
    assert!(!round.items[0].first_try_right());
    assert!(
        round.items.iter().skip(1).all(|i| i.chosen.is_empty()),
        "no answer for items not yet shown"
    );
}

#[test]
fn five_wrong_pins_make_the_pad_wait_a_minute() {
    let data = tempfile::tempdir().unwrap();
    crate::pin::set(data.path(), "2468").unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    open_guide_panel(&mut app);
    for _ in 0..5 {
        type_keys(&mut app, &digits("1111"));
    }
    type_keys(&mut app, &digits("2468"));
    assert!(
        matches!(stage(&app), Stage::Locked { .. }),
        "the right PIN is not taken during the wait"
    );
    run_for(&mut app, 30.0);
    app.world_mut().write_message(super::idle::Activity);
    run_for(&mut app, 31.0);
    app.world_mut().write_message(super::idle::Activity);
    step(&mut app, 0.1);
    type_keys(&mut app, &digits("2468"));
    assert_eq!(stage(&app), Stage::Unlocked);
}

#[test]
fn a_round_cut_off_by_closing_the_exhibit_is_still_recorded() {
    use crate::store::VisitorStore;
    let data = tempfile::tempdir().unwrap();
    let mut app = exhibit_app_with_data(Some(data.path()));
    start_round(&mut app);
    let (_, right) = current(&app);
    drop_item_on(&mut app, &right);
    app.world_mut().write_message(AppExit::Success);
    step(&mut app, 0.1);
    drop(app);
    let totals = crate::store::open(data.path())
        .and_then(|store| store.totals())
        .unwrap();
    assert_eq!(totals.play_sessions, 1);
}

/// The centre server in a thread of this test, on a free port: its address.
fn centre_server(data: &std::path::Path) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = listener.local_addr().unwrap();
    drop(listener);
    let options = crate::web::ServeOptions {
        listen,
        data_dir: data.to_path_buf(),
        indicators_dir: crate::shipped_dir("indicators"),
        trusted_proxies: Vec::new(),
        staff_from: Vec::new(),
    };
    std::thread::spawn(move || crate::web::serve(options));
    for _ in 0..200 {
        if std::net::TcpStream::connect(listen).is_ok() {
            return format!("http://{listen}");
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the centre server did not start");
}

fn networked_kiosk(url: &str, token: &str) -> (App, tempfile::TempDir) {
    let kiosk = tempfile::tempdir().unwrap();
    let path = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
    let scenario = crate::content::load(&path, &crate::shipped_assets_dir()).unwrap();
    let options = ExhibitOptions {
        station: "what the kiosk calls itself".into(),
        data_dir: Some(kiosk.path().into()),
        server: Some((url.into(), token.into())),
        scenario_hash: crate::link::scenario::file_hash(&path).unwrap(),
        ..default()
    };
    let mut app = headless_app(scenario, &options);
    step(&mut app, 0.1);
    (app, kiosk)
}

#[test]
fn a_networked_kiosks_panel_opens_with_the_servers_pin_and_runs_tours_there() {
    let server_data = tempfile::tempdir().unwrap();
    crate::pin::set(server_data.path(), "2468").unwrap();
    let token = crate::centre::Centre::new(server_data.path().into())
        .add_station("hall-2")
        .unwrap();
    let url = centre_server(server_data.path());
    let (mut app, _kiosk) = networked_kiosk(&url, &token);

    // The kiosk has no PIN of its own: the server's is asked for at once.
    open_guide_panel(&mut app);
    type_keys(&mut app, &digits("1111"));
    assert_eq!(
        stage(&app),
        Stage::Locked {
            entered: String::new(),
            wrong: true
        }
    );
    type_keys(&mut app, &digits("2468"));
    assert_eq!(stage(&app), Stage::Unlocked);
    let view = wait_for_desk(&mut app, |view| view.year.is_some());
    assert_eq!((view.today, view.open_tours.len()), (0, 0));
    assert_eq!(view.year.map(|year| year.target), Some(27_000));

    // A tour started here is the server's, and names this station (the token's name).
    tap_button(&mut app, Says::Ui("guide-start-tour"));
    let view = wait_for_desk(&mut app, |view| view.open_tours.len() == 1);
    assert_eq!(view.today, 20);
    assert_eq!(view.open_tours[0].station.as_deref(), Some("hall-2"));
    let mut centre = crate::centre::Centre::new(server_data.path().into());
    let day = centre.day_tours(None).unwrap();
    assert_eq!(day.open.len(), 1);
    assert_eq!(day.open[0].station.as_deref(), Some("hall-2"));

    tap_button(&mut app, Says::Ui("guide-end-tour"));
    wait_for_desk(&mut app, |view| view.open_tours.is_empty());
    assert!(centre.day_tours(None).unwrap().open.is_empty());
}

#[test]
fn a_networked_kiosk_whose_server_is_away_says_so_and_offers_nothing() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let away = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (mut app, _kiosk) = networked_kiosk(&away, "tc_nobody_secret");
    open_guide_panel(&mut app);
    type_keys(&mut app, &digits("2468"));
    let Stage::NoServer(why) = stage(&app) else {
        panic!("{:?}", stage(&app));
    };
    assert_eq!(why.uk, "сервер центру не відповідає");
    assert_eq!(
        shown_text(&mut app, &Says::Ui("guide-start-tour")).len(),
        0,
        "no tour can be started"
    );
}

#[test]
fn a_networked_kiosk_takes_the_servers_new_scenario_between_rounds_and_keeps_it() {
    let server_data = tempfile::tempdir().unwrap();
    let shipped = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
    let own = std::fs::read_to_string(&shipped).unwrap().replacen(
        "Сортуй з Гуфі",
        "Сортуй з Гуфі у Хмельницькому",
        1,
    );
    std::fs::write(server_data.path().join("scenario.ron"), own).unwrap();
    let token = crate::centre::Centre::new(server_data.path().into())
        .add_station("hall-1")
        .unwrap();
    let url = centre_server(server_data.path());
    let (mut app, kiosk) = networked_kiosk(&url, &token);

    // The store thread asks at start; the game takes the new one only when a round begins.
    for _ in 0..300 {
        if app
            .world()
            .resource::<super::records::NextScenario>()
            .0
            .is_some()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        step(&mut app, 0.01);
    }
    let title = |app: &App| {
        app.world()
            .resource::<super::Exhibit>()
            .scenario
            .title
            .uk
            .clone()
    };
    assert_eq!(
        title(&app),
        "Сортуй з Гуфі",
        "not switched on the attract screen"
    );
    start_round(&mut app);
    assert_eq!(title(&app), "Сортуй з Гуфі у Хмельницькому");
    let exhibit = app.world().resource::<super::Exhibit>();
    let dir = exhibit
        .scenario_dir
        .clone()
        .expect("pictures from the cache");
    assert!(dir.starts_with(kiosk.path()));
    assert!(exhibit.picture_path("items/x.png").starts_with("kiosk://"));
    // The server's voice came with it, and is the first place the kiosk looks for a clip.
    assert!(dir.join("voice/uk/made-from.tsv").is_file());
    assert!(dir.join("voice/en/item.aerosol-can.name.ogg").is_file());
    assert_eq!(exhibit.voice_dirs.first(), Some(&dir));

    // Started again with the server away, the kiosk finds it in its cache.
    let cached = crate::link::scenario::cached(kiosk.path()).expect("cached");
    assert_eq!(cached.scenario.title.uk, "Сортуй з Гуфі у Хмельницькому");
    assert_eq!(cached.dir, dir);
}

/// What the voice was asked to do, as a fake speaker records it.
#[derive(Clone, Debug, PartialEq)]
enum Heard {
    Said(super::voice::Speech),
    Hushed,
}

#[derive(Clone, Default)]
struct Ear(std::sync::Arc<std::sync::Mutex<Vec<Heard>>>);

impl super::voice::Speaker for Ear {
    fn say(&self, speech: super::voice::Speech) {
        self.0.lock().unwrap().push(Heard::Said(speech));
    }
    fn hush(&self) {
        self.0.lock().unwrap().push(Heard::Hushed);
    }
}

impl Ear {
    fn listen(app: &mut App) -> Ear {
        let ear = Ear::default();
        app.insert_resource(super::voice::VoiceOutput(Box::new(ear.clone())));
        ear
    }

    /// The speeches heard since the last call (their keys), forgetting them.
    fn take(&self) -> Vec<Heard> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }

    fn keys(&self) -> Vec<Vec<String>> {
        self.take()
            .into_iter()
            .filter_map(|heard| match heard {
                Heard::Said(speech) => Some(speech.keys),
                Heard::Hushed => None,
            })
            .collect()
    }
}

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| k.to_string()).collect()
}

#[test]
fn a_young_round_is_spoken_name_verdict_explanation_and_results_with_every_clip_found() {
    let mut app = exhibit_app();
    let ear = Ear::listen(&mut app);
    start_round_for(&mut app, "young");
    let heard = ear.take();
    let said: Vec<&super::voice::Speech> = heard
        .iter()
        .filter_map(|h| match h {
            Heard::Said(speech) => Some(speech),
            Heard::Hushed => None,
        })
        .collect();
    let (item, right) = current(&app);
    assert_eq!(said[0].keys, keys(&["msg.exhibit-choose-audience"]));
    assert_eq!(said[1].keys, vec![format!("item.{item}.name")]);
    assert!(
        said[1].after_current,
        "the name waits for what is being said"
    );
    for speech in &said {
        assert_eq!(
            speech.clips.len(),
            speech.keys.len(),
            "the shipped clips cover {:?}",
            speech.keys
        );
    }

    // A miss: "Almost!", the short explanation, "Try again".
    let wrong = a_wrong_bin(&app, &right);
    drop_item_on(&mut app, &wrong);
    assert_eq!(
        ear.keys(),
        vec![vec![
            "msg.exhibit-almost".to_string(),
            format!("item.{item}.why-short"),
            "msg.exhibit-try-again".into(),
        ]]
    );
    // Right: "Right!", the explanation, and Gufi's tip when the item has one.
    drop_item_on(&mut app, &right);
    let tip = app
        .world()
        .resource::<super::Exhibit>()
        .scenario
        .item(&item)
        .and_then(|i| i.tip.clone());
    let mut expected = vec![
        "msg.exhibit-right".to_string(),
        format!("item.{item}.why-short"),
    ];
    if tip.is_some() {
        expected.extend(["msg.exhibit-tip.0".to_string(), format!("item.{item}.tip")]);
    }
    assert_eq!(ear.keys(), vec![expected]);
    run_for(&mut app, 0.5);
    let (next, _) = current(&app);
    assert_eq!(ear.keys(), vec![vec![format!("item.{next}.name")]]);

    // Sort the rest; the lifecycle heading and the results are spoken too.
    sort_the_rest_right(&mut app);
    run_for(&mut app, 3.0);
    assert_eq!(screen(&app), Screen::Lifecycle);
    let journey = app.world().resource::<super::screens::lifecycle::Journey>();
    let first_bin = journey.bins[0].clone();
    let heard = ear.keys();
    assert_eq!(
        heard.last(),
        Some(&vec![
            "msg.exhibit-lifecycle-title".to_string(),
            format!("bin.{first_bin}.name")
        ])
    );
    app.world_mut()
        .resource_mut::<NextState<Screen>>()
        .set(Screen::Results);
    run_for(&mut app, 0.2);
    let round = app.world().resource::<Play>().round.clone().unwrap();
    let (score, total) = (round.first_try_score(), round.items.len());
    assert_eq!(
        ear.keys().last(),
        Some(&vec![
            "msg.exhibit-results-title".to_string(),
            format!("number.{score}"),
            "msg.exhibit-first-try.0".into(),
            format!("number.{total}"),
            "msg.exhibit-first-try.1".into(),
        ])
    );
}

/// Touches the speaker button whose `ReadAloud` matches.
fn tap_speaker(app: &mut App, which: impl Fn(&super::voice::ReadAloud) -> bool) {
    let mut speakers = app
        .world_mut()
        .query::<(Entity, &super::voice::ReadAloud)>();
    let speaker = speakers
        .iter(app.world())
        .find(|(_, what)| which(what))
        .map(|(entity, _)| entity)
        .expect("a speaker button");
    tap(app, speaker);
}

#[test]
fn older_pupils_hear_only_what_they_ask_for_and_the_speaker_does_not_touch_the_card() {
    use super::voice::ReadAloud;
    let mut app = exhibit_app();
    let ear = Ear::listen(&mut app);
    start_round_for(&mut app, "older");
    assert_eq!(ear.keys(), vec![keys(&["msg.exhibit-choose-audience"])]);
    let (item, right) = current(&app);
    tap_speaker(&mut app, |w| matches!(w, ReadAloud::CurrentItem));
    assert_eq!(ear.keys(), vec![vec![format!("item.{item}.name")]]);
    assert!(
        !app.world().resource::<Shown>().selected,
        "the speaker's touch does not select the item"
    );
    drop_item_on(&mut app, &right);
    assert!(ear.keys().is_empty(), "no verdict is read unasked");
    tap_speaker(&mut app, |w| matches!(w, ReadAloud::LastVerdict));
    let heard = ear.keys();
    assert_eq!(heard.len(), 1);
    assert_eq!(
        heard[0][..2],
        [
            "msg.exhibit-right".to_string(),
            format!("item.{item}.why-full")
        ]
    );
    assert!(
        app.world().resource::<Feedback>().shown_at > 0.0,
        "the speaker's touch does not dismiss the feedback"
    );
}

#[test]
fn a_missing_clip_is_silent_and_the_sound_toggle_stops_the_voice() {
    let mut app = exhibit_app();
    let ear = Ear::listen(&mut app);
    let empty = tempfile::tempdir().unwrap();
    app.world_mut().resource_mut::<super::Exhibit>().voice_dirs = vec![empty.path().into()];
    start_round_for(&mut app, "young");
    let heard = ear.take();
    assert!(!heard.is_empty());
    for h in &heard {
        let Heard::Said(speech) = h else { continue };
        assert!(!speech.keys.is_empty());
        assert!(speech.clips.is_empty(), "no file, no clip: {speech:?}");
    }
    app.world_mut()
        .resource_mut::<super::chrome::SoundSettings>()
        .muted = true;
    step(&mut app, 0.1);
    assert_eq!(ear.take(), vec![Heard::Hushed]);
    let (_, right) = current(&app);
    drop_item_on(&mut app, &right);
    run_for(&mut app, 0.5);
    assert!(ear.take().is_empty(), "muted: nothing is said");
}
