//! Results: stars for the first-try score, the items worth remembering with their right bins, one
//! sourced fact, and "Play again".

use bevy::prelude::*;

use super::{Screen, go};
use crate::exhibit::language::Arg;
use crate::exhibit::theme::{self, UiAssets};
use crate::exhibit::{Exhibit, Play, Says};

/// Missed items the results screen lists; more are counted in one line.
const MISSED_SHOWN: usize = 4;
pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Results), spawn_results);
}

fn spawn_results(
    mut commands: Commands,
    exhibit: Res<Exhibit>,
    assets: Res<UiAssets>,
    play: Res<Play>,
) {
    let Some(round) = play.round.as_ref() else {
        return;
    };
    let scenario = &exhibit.scenario;
    let root = commands
        .spawn(theme::screen_root(Screen::Results, "Results screen"))
        .id();

    let stars = round.stars().0;
    let star_row = commands
        .spawn(Node {
            margin: UiRect::top(Val::Px(110.0)),
            column_gap: Val::Px(20.0),
            ..default()
        })
        .with_children(|row| {
            for index in 0..3u8 {
                let lit = index < stars;
                let tint = if lit {
                    Color::WHITE
                } else {
                    Color::srgba(0.5, 0.5, 0.5, 0.25)
                };
                row.spawn(theme::tinted_picture(&assets, theme::STAR, 150.0, tint));
            }
        })
        .id();
    let score = commands
        .spawn((
            Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                margin: UiRect::vertical(Val::Px(24.0)),
                ..default()
            },
            children![
                theme::bold(
                    &assets,
                    Says::Ui("exhibit-results-title"),
                    theme::TITLE,
                    theme::INK
                ),
                theme::text(
                    &assets,
                    Says::UiWith(
                        "exhibit-first-try",
                        vec![
                            ("right", Arg::Number(round.first_try_score() as i64)),
                            ("total", Arg::Number(round.items.len() as i64)),
                        ],
                    ),
                    theme::BODY + 8.0,
                    theme::INK,
                ),
            ],
        ))
        .id();

    // What to remember: each missed item with the bin it belongs in, two rows at most, so the
    // fact and "play again" stay on screen after a round with many misses.
    let missed: Vec<_> = round
        .missed()
        .filter_map(|m| scenario.item(&m.item))
        .collect();
    let remember = commands
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: Val::Px(12.0),
            ..default()
        })
        .id();
    let heading = if missed.is_empty() {
        "exhibit-all-right"
    } else {
        "exhibit-missed"
    };
    commands.entity(remember).with_child(theme::bold(
        &assets,
        Says::Ui(heading),
        theme::BODY,
        theme::ACCENT,
    ));
    let list = commands
        .spawn(Node {
            flex_direction: FlexDirection::Row,
            flex_wrap: FlexWrap::Wrap,
            justify_content: JustifyContent::Center,
            column_gap: Val::Px(24.0),
            row_gap: Val::Px(12.0),
            max_width: Val::Px(1700.0),
            ..default()
        })
        .id();
    for item in missed.iter().take(MISSED_SHOWN) {
        let Some(bin) = scenario.bin(&item.bin) else {
            continue;
        };
        let colour = theme::bin_colour(&bin.colour);
        let entry = commands
            .spawn((
                Node {
                    align_items: AlignItems::Center,
                    column_gap: Val::Px(12.0),
                    padding: UiRect::all(Val::Px(10.0)),
                    border_radius: BorderRadius::all(Val::Px(20.0)),
                    ..default()
                },
                BackgroundColor(theme::CARD),
                children![
                    theme::picture(&assets, &item.picture, 80.0),
                    theme::text(
                        &assets,
                        Says::Scenario(item.name.clone()),
                        theme::BODY - 4.0,
                        theme::INK
                    ),
                    theme::bold(&assets, Says::Same("›".into()), theme::BODY, theme::ACCENT),
                    (
                        Node {
                            padding: UiRect::axes(Val::Px(14.0), Val::Px(6.0)),
                            border_radius: BorderRadius::all(Val::Px(14.0)),
                            ..default()
                        },
                        BackgroundColor(colour),
                        children![theme::bold(
                            &assets,
                            Says::Scenario(bin.name.clone()),
                            theme::BODY - 4.0,
                            theme::ink_on(colour)
                        )],
                    ),
                ],
            ))
            .id();
        commands.entity(list).add_child(entry);
    }
    commands.entity(remember).add_child(list);
    if missed.len() > MISSED_SHOWN {
        commands.entity(remember).with_child(theme::text(
            &assets,
            Says::UiWith(
                "exhibit-more-missed",
                vec![("count", Arg::Number((missed.len() - MISSED_SHOWN) as i64))],
            ),
            theme::BODY - 4.0,
            theme::INK,
        ));
    }

    // One fact for this audience, with its source in small print.
    let facts: Vec<_> = scenario
        .facts
        .iter()
        .filter(|f| f.audiences.is_empty() || f.audiences.contains(&round.audience))
        .collect();
    let fact_box = commands
        .spawn((
            Node {
                width: Val::Px(1300.0),
                margin: UiRect::vertical(Val::Px(28.0)),
                ..theme::card_node(24.0)
            },
            BackgroundColor(theme::WARM),
            BorderColor::all(theme::WARM),
        ))
        .id();
    if !facts.is_empty() {
        let fact = facts[play.rounds_started as usize % facts.len()];
        commands.entity(fact_box).with_children(|card| {
            card.spawn(theme::paragraph(
                &assets,
                Says::Scenario(fact.text.clone()),
                theme::BODY,
                theme::INK,
            ));
            card.spawn(theme::paragraph(
                &assets,
                Says::UiWith(
                    "exhibit-source",
                    vec![(
                        "source",
                        Arg::Words(crate::i18n::Text::new(
                            fact.source.clone(),
                            fact.source.clone(),
                        )),
                    )],
                ),
                theme::SMALL,
                theme::MUTED_INK,
            ));
        });
    }
    let again = commands
        .spawn(theme::button(
            &assets,
            Says::Ui("exhibit-play-again"),
            theme::ACCENT,
            theme::ACCENT_INK,
        ))
        .observe(
            |_: On<Pointer<Click>>, mut next: ResMut<NextState<Screen>>| {
                go(&mut next, Screen::Audience)
            },
        )
        .id();
    commands
        .entity(root)
        .add_children(&[star_row, score, remember, fact_box, again]);
}
