//! Idle reset: nobody touched for the scenario's timeout → a friendly "Still playing?" countdown
//! that any touch cancels → back to the attract screen, every drag cancelled.

use bevy::input::touch::Touches;
use bevy::prelude::*;

use super::screens::{Screen, go};
use super::theme::{self, UiAssets, widget};
use super::{Exhibit, Says};
use crate::game::{IdlePhase, IdleTimer};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Activity>();
    let timer = app.world().get_resource::<Exhibit>().map(|exhibit| {
        let settings = &exhibit.scenario.settings;
        IdleTimer::new(settings.idle_timeout_secs, settings.countdown_secs, 0.0)
    });
    app.insert_resource(Idle(timer.unwrap_or_else(|| IdleTimer::new(90, 10, 0.0))));
    app.add_systems(Update, (track_activity, follow_idle_timer).chain());
    app.add_systems(OnEnter(Screen::Attract), release_pointers);
}

/// Someone touched the kiosk (raw input is read too; tests and the autoplayer send this).
#[derive(Message, Clone, Copy, Debug, Default)]
pub struct Activity;

#[derive(Resource)]
pub struct Idle(pub IdleTimer);

#[derive(Component)]
struct Countdown;

#[derive(Component)]
struct CountdownNumber;

fn track_activity(
    mut idle: ResMut<Idle>,
    time: Res<Time>,
    mut activity: MessageReader<Activity>,
    mouse: Option<Res<ButtonInput<MouseButton>>>,
    touches: Option<Res<Touches>>,
    keys: Option<Res<ButtonInput<KeyCode>>>,
) {
    let now = time.elapsed_secs_f64();
    let held = mouse.as_ref().map_or(0, |m| m.get_pressed().count())
        + touches.as_ref().map_or(0, |t| t.iter().count());
    idle.0.set_pressed(held as u32, now);
    let pressed_anything = activity.read().count() > 0
        || mouse.is_some_and(|m| m.get_just_released().count() > 0)
        || touches.is_some_and(|t| t.iter_just_released().count() > 0)
        || keys.is_some_and(|k| k.get_just_pressed().count() > 0);
    if pressed_anything {
        idle.0.activity(now);
    }
}

#[allow(clippy::too_many_arguments)]
fn follow_idle_timer(
    mut commands: Commands,
    idle: Res<Idle>,
    time: Res<Time>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    assets: Res<UiAssets>,
    overlays: Query<Entity, With<Countdown>>,
    mut numbers: Query<&mut Says, With<CountdownNumber>>,
) {
    let phase = if *screen.get() == Screen::Attract {
        IdlePhase::Active
    } else {
        idle.0.phase(time.elapsed_secs_f64())
    };
    match phase {
        IdlePhase::Active => {
            for overlay in &overlays {
                commands.entity(overlay).despawn();
            }
        }
        IdlePhase::Countdown { seconds_left } => {
            let number = Says::Same(seconds_left.to_string());
            if overlays.is_empty() {
                commands.spawn(countdown(&assets, number));
            } else {
                for mut says in &mut numbers {
                    if *says != number {
                        *says = number.clone();
                    }
                }
            }
        }
        IdlePhase::Expired => {
            for overlay in &overlays {
                commands.entity(overlay).despawn();
            }
            go(&mut next, Screen::Attract);
        }
    }
}

/// "Still playing?" over the screen, with the seconds left.
fn countdown(assets: &UiAssets, number: Says) -> impl Bundle {
    (
        Name::new("Still playing?"),
        Countdown,
        Node {
            position_type: PositionType::Absolute,
            width: Val::Percent(100.0),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            row_gap: Val::Px(20.0),
            ..default()
        },
        BackgroundColor(theme::OVERLAY),
        GlobalZIndex(200),
        children![
            widget::picture(assets, theme::GUFI, 200.0),
            widget::bold(
                assets,
                Says::Ui("exhibit-still-playing"),
                theme::TITLE,
                Color::WHITE
            ),
            (
                widget::bold(assets, number, theme::TITLE * 2.5, theme::WARM),
                CountdownNumber
            ),
        ],
    )
}

fn release_pointers(mut idle: ResMut<Idle>, time: Res<Time>) {
    idle.0.release_all(time.elapsed_secs_f64());
}
