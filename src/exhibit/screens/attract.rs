//! The attract loop: items drift down into the bins, Gufi waits, "Touch to start" pulses.

use bevy::prelude::*;

use super::{Screen, go};
use crate::content::{Bin, Item, Scenario};
use crate::exhibit::theme::{self, UiAssets, widget};
use crate::exhibit::{Exhibit, Says};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Attract), spawn_attract);
    app.add_systems(
        Update,
        (let_items_fall, pulse_call_to_action).run_if(in_state(Screen::Attract)),
    );
}

#[derive(Component)]
struct Falling {
    speed: f32,
    phase: f32,
}

#[derive(Component)]
struct CallToAction;

/// Height the falling items travel before they reach the bins.
const FALL: f32 = 520.0;

fn spawn_attract(mut commands: Commands, exhibit: Res<Exhibit>, assets: Res<UiAssets>) {
    commands.spawn((
        widget::screen_root(Screen::Attract, "Attract screen"),
        BackgroundColor(theme::BACKGROUND),
        Children::spawn((
            Spawn(title(&assets, &exhibit)),
            Spawn(falling_band(&assets, &exhibit.scenario)),
            Spawn(call_to_action(&assets)),
            Spawn(waiting_gufi(&assets)),
            // A touch anywhere starts.
            widget::observe(
                |_: On<Pointer<Click>>, mut next: ResMut<NextState<Screen>>| {
                    go(&mut next, Screen::Audience)
                },
            ),
        )),
    ));
}

fn title(assets: &UiAssets, exhibit: &Exhibit) -> impl Bundle {
    (
        Node {
            margin: UiRect::top(Val::Px(120.0)),
            ..default()
        },
        Pickable::IGNORE,
        children![widget::bold(
            assets,
            theme::exhibit_title(exhibit),
            theme::TITLE * 1.5,
            theme::INK
        )],
    )
}

/// The falling items live in a band above the bins, one column per bin.
fn falling_band(assets: &UiAssets, scenario: &Scenario) -> impl Bundle {
    let columns: Vec<_> = scenario
        .bins
        .iter()
        .enumerate()
        .map(|(index, bin)| {
            let item = scenario.items.iter().find(|i| i.bin == bin.id);
            bin_column(assets, index, bin, item)
        })
        .collect();
    (
        Node {
            width: Val::Percent(100.0),
            height: Val::Px(FALL + 160.0),
            flex_direction: FlexDirection::Row,
            justify_content: JustifyContent::SpaceEvenly,
            align_items: AlignItems::FlexEnd,
            margin: UiRect::top(Val::Px(40.0)),
            ..default()
        },
        Pickable::IGNORE,
        Children::spawn(SpawnIter(columns.into_iter())),
    )
}

/// A bin with one of its items falling into it (the `index`-th column sets its pace).
fn bin_column(assets: &UiAssets, index: usize, bin: &Bin, item: Option<&Item>) -> impl Bundle {
    let falling = item.map(|item| {
        (
            widget::picture(assets, &item.picture, 140.0),
            UiTransform::default(),
            Falling {
                speed: 150.0 + 25.0 * (index % 3) as f32,
                phase: index as f32 * 0.37,
            },
        )
    });
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::FlexEnd,
            height: Val::Percent(100.0),
            ..default()
        },
        Pickable::IGNORE,
        Children::spawn((SpawnIter(falling.into_iter()), Spawn(bin_box(assets, bin)))),
    )
}

fn bin_box(assets: &UiAssets, bin: &Bin) -> impl Bundle {
    (
        Node {
            width: Val::Px(180.0),
            height: Val::Px(150.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(Val::Px(24.0)),
            margin: UiRect::top(Val::Px(16.0)),
            ..default()
        },
        BackgroundColor(theme::bin_colour(&bin.colour)),
        Pickable::IGNORE,
        children![widget::picture(assets, &bin.icon, 110.0)],
    )
}

/// "Touch to start", pulsing slowly.
fn call_to_action(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            margin: UiRect::top(Val::Px(48.0)),
            padding: UiRect::axes(Val::Px(48.0), Val::Px(20.0)),
            column_gap: Val::Px(20.0),
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(Val::Px(60.0)),
            ..default()
        },
        BackgroundColor(theme::ACCENT),
        UiTransform::default(),
        CallToAction,
        Pickable::IGNORE,
        children![
            widget::picture(assets, theme::TOUCH, 80.0),
            widget::bold(
                assets,
                Says::Ui("exhibit-touch-to-start"),
                theme::TITLE,
                theme::ACCENT_INK
            ),
        ],
    )
}

fn waiting_gufi(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            // Below the bins, left of "Touch to start": a bigger or higher Gufi covered the
            // first bin.
            left: Val::Px(48.0),
            bottom: Val::Px(8.0),
            ..default()
        },
        Pickable::IGNORE,
        children![widget::picture(assets, theme::GUFI, 150.0)],
    )
}

fn let_items_fall(time: Res<Time>, mut items: Query<(&Falling, &mut UiTransform)>) {
    let t = time.elapsed_secs();
    for (falling, mut transform) in &mut items {
        let travelled = ((t + falling.phase * 4.0) * falling.speed) % (FALL + 200.0);
        // Items start above the band, fall, then shrink into the bin's opening.
        let y = travelled - FALL;
        let into_bin = ((travelled - FALL) / 200.0).clamp(0.0, 1.0);
        transform.translation = Val2::px(0.0, y.min(0.0) + into_bin * 40.0);
        transform.scale = Vec2::splat(1.0 - 0.7 * into_bin);
    }
}

/// A slow pulse (under once a second): visible from 3 m, never flashing.
fn pulse_call_to_action(time: Res<Time>, mut calls: Query<&mut UiTransform, With<CallToAction>>) {
    let scale = 1.0 + 0.04 * (time.elapsed_secs() * std::f32::consts::TAU * 0.6).sin();
    for mut transform in &mut calls {
        transform.scale = Vec2::splat(scale);
    }
}
