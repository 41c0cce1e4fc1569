//! The lifecycle journey: for each fraction met in the round, the path it takes in the city,
//! step by step, with a small truck moving along. "Next →" goes through the fractions.

use bevy::prelude::*;

use super::{Screen, go};
use crate::content::FacilityStatus;
use crate::exhibit::theme::{self, UiAssets};
use crate::exhibit::{Exhibit, Play, Says};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<NextPage>();
    app.init_resource::<Journey>();
    app.add_systems(OnEnter(Screen::Lifecycle), plan_journey);
    app.add_systems(
        Update,
        (
            turn_page,
            spawn_page.run_if(resource_changed::<Journey>),
            drive_truck,
        )
            .chain()
            .run_if(in_state(Screen::Lifecycle)),
    );
}

/// Go on to the next fraction (or to the results after the last).
#[derive(Message, Clone, Copy, Debug)]
pub struct NextPage;

/// The bins to show, in the order met, and which one is on screen.
#[derive(Resource, Default, Debug)]
pub struct Journey {
    pub bins: Vec<String>,
    pub page: usize,
}

#[derive(Component)]
struct Page;

#[derive(Component)]
struct Truck;

fn plan_journey(play: Res<Play>, mut journey: ResMut<Journey>) {
    let mut bins: Vec<String> = Vec::new();
    for item in play.round.iter().flat_map(|r| r.items.iter()) {
        if !bins.contains(&item.right_bin) {
            bins.push(item.right_bin.clone());
        }
    }
    *journey = Journey { bins, page: 0 };
}

fn spawn_page(
    mut commands: Commands,
    exhibit: Res<Exhibit>,
    assets: Res<UiAssets>,
    journey: Res<Journey>,
    pages: Query<Entity, With<Page>>,
) {
    for page in &pages {
        commands.entity(page).despawn();
    }
    let Some(bin) = journey
        .bins
        .get(journey.page)
        .and_then(|id| exhibit.scenario.bin(id))
    else {
        return;
    };
    let colour = theme::bin_colour(&bin.colour);
    let root = commands
        .spawn((
            theme::screen_root(Screen::Lifecycle, "Lifecycle screen"),
            Page,
        ))
        .id();
    let heading = commands
        .spawn((
            Node {
                margin: UiRect::new(Val::ZERO, Val::ZERO, Val::Px(130.0), Val::Px(50.0)),
                column_gap: Val::Px(28.0),
                align_items: AlignItems::Center,
                ..default()
            },
            children![
                (
                    Node {
                        width: Val::Px(120.0),
                        height: Val::Px(120.0),
                        justify_content: JustifyContent::Center,
                        align_items: AlignItems::Center,
                        border_radius: BorderRadius::all(Val::Px(24.0)),
                        ..default()
                    },
                    BackgroundColor(colour),
                    children![theme::picture(&assets, &bin.icon, 90.0)],
                ),
                (
                    Node {
                        flex_direction: FlexDirection::Column,
                        ..default()
                    },
                    children![
                        theme::text(
                            &assets,
                            Says::Ui("exhibit-lifecycle-title"),
                            theme::BODY,
                            theme::MUTED_INK
                        ),
                        theme::bold(
                            &assets,
                            Says::Scenario(bin.name.clone()),
                            theme::TITLE,
                            theme::INK
                        ),
                    ],
                ),
            ],
        ))
        .id();
    let steps = commands
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Center,
            column_gap: Val::Px(12.0),
            ..default()
        })
        .id();
    let count = bin.lifecycle.len();
    let card_width =
        ((theme::DESIGN_WIDTH - 160.0 - 64.0 * (count as f32 - 1.0)) / count as f32).min(360.0);
    for (index, stage) in bin.lifecycle.iter().enumerate() {
        if index > 0 {
            let arrow = commands
                .spawn(theme::bold(
                    &assets,
                    Says::Same("›".into()),
                    theme::TITLE,
                    theme::ACCENT,
                ))
                .id();
            commands.entity(steps).add_child(arrow);
        }
        let card = commands
            .spawn((
                Node {
                    width: Val::Px(card_width),
                    height: Val::Px(520.0),
                    justify_content: JustifyContent::FlexStart,
                    ..theme::card_node(24.0)
                },
                BackgroundColor(theme::CARD),
                BorderColor::all(colour),
            ))
            .with_children(|card| {
                card.spawn(theme::picture(&assets, &stage.picture, 150.0));
                card.spawn(theme::paragraph(
                    &assets,
                    Says::Scenario(stage.title.clone()),
                    theme::BODY + 2.0,
                    theme::INK,
                ));
                card.spawn(theme::paragraph(
                    &assets,
                    Says::Scenario(stage.text.clone()),
                    theme::SMALL + 2.0,
                    theme::MUTED_INK,
                ));
                if stage.status == FacilityStatus::Planned {
                    card.spawn((
                        Node {
                            padding: UiRect::axes(Val::Px(16.0), Val::Px(6.0)),
                            border_radius: BorderRadius::all(Val::Px(16.0)),
                            ..default()
                        },
                        BackgroundColor(theme::WARM),
                        children![theme::bold(
                            &assets,
                            Says::Ui("exhibit-planned"),
                            theme::SMALL,
                            theme::INK
                        )],
                    ));
                }
            })
            .id();
        commands.entity(steps).add_child(card);
    }
    let road = commands
        .spawn((
            Node {
                width: Val::Px(1500.0),
                height: Val::Px(110.0),
                margin: UiRect::top(Val::Px(16.0)),
                ..default()
            },
            children![(
                theme::picture(&assets, theme::TRUCK, 100.0),
                UiTransform::default(),
                Truck
            )],
        ))
        .id();
    let next = commands
        .spawn(theme::button(
            &assets,
            Says::Ui("exhibit-next"),
            theme::ACCENT,
            theme::ACCENT_INK,
        ))
        .observe(|_: On<Pointer<Click>>, mut next: MessageWriter<NextPage>| {
            next.write(NextPage);
        })
        .id();
    commands
        .entity(root)
        .add_children(&[heading, steps, road, next]);
}

fn turn_page(
    mut presses: MessageReader<NextPage>,
    mut journey: ResMut<Journey>,
    mut next: ResMut<NextState<Screen>>,
) {
    if presses.read().count() == 0 {
        return;
    }
    journey.page += 1;
    if journey.page >= journey.bins.len() {
        go(&mut next, Screen::Results);
    }
}

/// The truck drives along the path, then starts again.
fn drive_truck(time: Res<Time>, mut trucks: Query<&mut UiTransform, With<Truck>>) {
    let x = (time.elapsed_secs() * 220.0) % 1400.0;
    for mut transform in &mut trucks {
        transform.translation = Val2::px(x, 0.0);
    }
}
