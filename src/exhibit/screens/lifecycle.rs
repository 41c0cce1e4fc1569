//! The lifecycle journey: for each fraction met in the round, the path it takes in the city,
//! step by step, with a small truck moving along. "Next →" goes through the fractions.

use bevy::prelude::*;

use super::{Screen, go};
use crate::content::{Bin, FacilityStatus, Stage};
use crate::exhibit::theme::{self, UiAssets, widget};
use crate::exhibit::voice::ReadAloud;
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

impl Journey {
    /// The bin whose page is on screen.
    pub fn bin<'s>(
        &self,
        scenario: &'s crate::content::Scenario,
    ) -> Option<&'s crate::content::Bin> {
        self.bins.get(self.page).and_then(|id| scenario.bin(id))
    }
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
    let Some(bin) = journey.bin(&exhibit.scenario) else {
        return;
    };
    commands.spawn((
        widget::screen_root(Screen::Lifecycle, "Lifecycle screen"),
        Page,
        children![
            heading(&assets, bin),
            steps(&assets, bin),
            road(&assets),
            widget::button(
                &assets,
                Says::Ui("exhibit-next"),
                theme::PRIMARY,
                |_: On<Pointer<Click>>, mut next: MessageWriter<NextPage>| {
                    next.write(NextPage);
                },
            ),
        ],
    ));
}

/// The bin's icon on its colour, "What happens next:" and the bin's name.
fn heading(assets: &UiAssets, bin: &Bin) -> impl Bundle {
    (
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
                BackgroundColor(theme::bin_colour(&bin.colour)),
                children![widget::picture(assets, &bin.icon, 90.0)],
            ),
            (
                Node {
                    flex_direction: FlexDirection::Column,
                    ..default()
                },
                children![
                    widget::text(
                        assets,
                        Says::Ui("exhibit-lifecycle-title"),
                        theme::BODY,
                        theme::MUTED_INK
                    ),
                    widget::bold(
                        assets,
                        Says::Scenario(bin.name.clone()),
                        theme::TITLE,
                        theme::INK
                    ),
                ],
            ),
        ],
    )
}

/// The path: one card per step, arrows between them.
fn steps(assets: &UiAssets, bin: &Bin) -> impl Bundle {
    let colour = theme::bin_colour(&bin.colour);
    let count = bin.lifecycle.len();
    let card_width =
        ((theme::DESIGN_WIDTH - 160.0 - 64.0 * (count as f32 - 1.0)) / count as f32).min(360.0);
    let path: Vec<_> = bin
        .lifecycle
        .iter()
        .enumerate()
        .map(|(index, stage)| {
            (
                (index > 0).then(|| arrow(assets)),
                step_card(assets, stage, card_width, colour),
            )
        })
        .collect();
    (
        Node {
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Center,
            column_gap: Val::Px(12.0),
            ..default()
        },
        Children::spawn(SpawnWith(move |parent: &mut ChildSpawner| {
            for (arrow, card) in path {
                if let Some(arrow) = arrow {
                    parent.spawn(arrow);
                }
                parent.spawn(card);
            }
        })),
    )
}

fn arrow(assets: &UiAssets) -> impl Bundle {
    widget::bold(assets, Says::Same("›".into()), theme::TITLE, theme::ACCENT)
}

/// A step of the path: picture, title, a few words, and "planned" for a facility not built yet.
fn step_card(assets: &UiAssets, stage: &Stage, width: f32, colour: Color) -> impl Bundle {
    let planned = (stage.status == FacilityStatus::Planned).then(|| planned_tag(assets));
    (
        Node {
            width: Val::Px(width),
            height: Val::Px(520.0),
            justify_content: JustifyContent::FlexStart,
            ..widget::card_node(24.0)
        },
        BackgroundColor(theme::CARD),
        BorderColor::all(colour),
        Children::spawn((
            Spawn(widget::picture(assets, &stage.picture, 150.0)),
            Spawn(widget::paragraph(
                assets,
                Says::Scenario(stage.title.clone()),
                theme::BODY + 2.0,
                theme::INK,
            )),
            Spawn(widget::paragraph(
                assets,
                Says::Scenario(stage.text.clone()),
                theme::SMALL + 2.0,
                theme::MUTED_INK,
            )),
            SpawnIter(planned.into_iter()),
            Spawn(widget::speaker(
                assets,
                ReadAloud::Texts(vec![
                    Says::Scenario(stage.title.clone()),
                    Says::Scenario(stage.text.clone()),
                ]),
            )),
        )),
    )
}

fn planned_tag(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            padding: UiRect::axes(Val::Px(16.0), Val::Px(6.0)),
            border_radius: BorderRadius::all(Val::Px(16.0)),
            ..default()
        },
        BackgroundColor(theme::WARM),
        children![widget::bold(
            assets,
            Says::Ui("exhibit-planned"),
            theme::SMALL,
            theme::INK
        )],
    )
}

/// The road the truck drives along.
fn road(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            width: Val::Px(1500.0),
            height: Val::Px(110.0),
            margin: UiRect::top(Val::Px(16.0)),
            ..default()
        },
        children![(
            widget::picture(assets, theme::TRUCK, 100.0),
            UiTransform::default(),
            Truck
        )],
    )
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
