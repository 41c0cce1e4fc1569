//! Who is playing: three big cards that set the items, their number and the depth of explanations.

use bevy::prelude::*;

use super::{Screen, go};
use crate::content::Audience;
use crate::exhibit::theme::{self, UiAssets, widget};
use crate::exhibit::{Exhibit, Play, Says};
use crate::game::build_round;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<ChooseAudience>();
    app.add_systems(OnEnter(Screen::Audience), spawn_audience_cards);
    app.add_systems(Update, start_round.run_if(in_state(Screen::Audience)));
}

/// The visitor chose an audience (a card was touched, or the autoplayer chose).
#[derive(Message, Clone, Debug)]
pub struct ChooseAudience(pub String);

#[derive(Component)]
pub struct AudienceCard(pub String);

fn spawn_audience_cards(mut commands: Commands, exhibit: Res<Exhibit>, assets: Res<UiAssets>) {
    let cards: Vec<_> = exhibit
        .scenario
        .audiences
        .iter()
        .map(|audience| audience_card(&assets, audience))
        .collect();
    commands.spawn((
        widget::screen_root(Screen::Audience, "Audience screen"),
        children![
            (
                Node {
                    margin: UiRect::new(Val::ZERO, Val::ZERO, Val::Px(170.0), Val::Px(80.0)),
                    ..default()
                },
                children![widget::bold(
                    &assets,
                    Says::Ui("exhibit-choose-audience"),
                    theme::TITLE,
                    theme::INK
                )],
            ),
            (
                Node {
                    flex_direction: FlexDirection::Row,
                    column_gap: Val::Px(56.0),
                    ..default()
                },
                Children::spawn(SpawnIter(cards.into_iter())),
            ),
        ],
    ));
}

/// A big card with a picture and who it is for ("I am in grades 1–4").
fn audience_card(assets: &UiAssets, audience: &Audience) -> impl Bundle {
    (
        Node {
            width: Val::Px(440.0),
            height: Val::Px(480.0),
            ..widget::card_node(36.0)
        },
        BackgroundColor(theme::CARD),
        BorderColor::all(theme::ACCENT),
        AudienceCard(audience.id.clone()),
        Children::spawn((
            Spawn(widget::picture(assets, &audience.picture, 240.0)),
            Spawn((
                Node {
                    margin: UiRect::top(Val::Px(24.0)),
                    ..default()
                },
                Pickable::IGNORE,
                children![widget::paragraph(
                    assets,
                    Says::Scenario(audience.name.clone()),
                    theme::TITLE * 0.75,
                    theme::INK
                )],
            )),
            widget::observe(choose_on_click),
        )),
    )
}

fn choose_on_click(
    click: On<Pointer<Click>>,
    cards: Query<&AudienceCard>,
    mut choose: MessageWriter<ChooseAudience>,
) {
    if let Ok(card) = cards.get(click.event_target()) {
        choose.write(ChooseAudience(card.0.clone()));
    }
}

fn start_round(
    mut chosen: MessageReader<ChooseAudience>,
    exhibit: Res<Exhibit>,
    time: Res<Time>,
    mut play: ResMut<Play>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(ChooseAudience(audience)) = chosen.read().last() else {
        return;
    };
    // Autoplay rounds are reproducible; visitors' rounds differ each time.
    let seed = if exhibit.autoplay {
        play.rounds_started
    } else {
        play.rounds_started ^ time.elapsed().as_nanos() as u64
    };
    let Some(round) = build_round(&exhibit.scenario, audience, seed) else {
        return;
    };
    play.round = Some(round);
    play.started_at = time.elapsed_secs_f64();
    play.started_wall = Some(crate::clock::now());
    play.session_id = Some(uuid::Uuid::new_v4());
    play.recorded = false;
    play.rounds_started += 1;
    go(&mut next, Screen::Sorting);
}
