//! Results: stars for the first-try score, the items worth remembering with their right bins, one
//! sourced fact, and "Play again".

use bevy::prelude::*;

use super::{Screen, go};
use crate::content::{Bin, Fact, Item, Scenario};
use crate::exhibit::language::Arg;
use crate::exhibit::theme::{self, UiAssets, widget};
use crate::exhibit::voice::ReadAloud;
use crate::exhibit::{Exhibit, Play, Says};
use crate::game::Round;
use crate::i18n::Text;

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
    let missed: Vec<&Item> = round
        .missed()
        .filter_map(|m| scenario.item(&m.item))
        .collect();
    // One fact for this audience, a different one each round.
    let facts: Vec<&Fact> = scenario
        .facts
        .iter()
        .filter(|f| f.audiences.is_empty() || f.audiences.contains(&round.audience))
        .collect();
    let fact = (!facts.is_empty()).then(|| facts[play.rounds_started as usize % facts.len()]);
    commands.spawn((
        widget::screen_root(Screen::Results, "Results screen"),
        children![
            star_row(&assets, round.stars().0),
            score(&assets, round),
            to_remember(&assets, scenario, &missed),
            fact_card(&assets, fact),
            widget::button(
                &assets,
                Says::Ui("exhibit-play-again"),
                theme::PRIMARY,
                |_: On<Pointer<Click>>, mut next: ResMut<NextState<Screen>>| {
                    go(&mut next, Screen::Audience)
                },
            ),
        ],
    ));
}

/// Three stars, `lit` of them in colour.
fn star_row(assets: &UiAssets, lit: u8) -> impl Bundle {
    let stars: Vec<_> = (0..3u8)
        .map(|index| {
            let tint = if index < lit {
                Color::WHITE
            } else {
                Color::srgba(0.5, 0.5, 0.5, 0.25)
            };
            widget::tinted_picture(assets, theme::STAR, 150.0, tint)
        })
        .collect();
    (
        Node {
            margin: UiRect::top(Val::Px(110.0)),
            column_gap: Val::Px(20.0),
            ..default()
        },
        Children::spawn(SpawnIter(stars.into_iter())),
    )
}

/// "Well done!" and "6 of 8 on the first try".
fn score(assets: &UiAssets, round: &Round) -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            margin: UiRect::vertical(Val::Px(24.0)),
            ..default()
        },
        Children::spawn({
            let [title, line] = score_words(round);
            (
                Spawn(widget::bold(assets, title, theme::TITLE, theme::INK)),
                Spawn(widget::text(assets, line, theme::BODY + 8.0, theme::INK)),
            )
        }),
    )
}

/// "Well done!" and the first-try line, as the screen shows them and the voice says them.
pub(crate) fn score_words(round: &Round) -> [Says; 2] {
    [
        Says::Ui("exhibit-results-title"),
        Says::UiWith(
            "exhibit-first-try",
            vec![
                ("right", Arg::Number(round.first_try_score() as i64)),
                ("total", Arg::Number(round.items.len() as i64)),
            ],
        ),
    ]
}

/// What to remember: each missed item with the bin it belongs in, two rows at most, so the
/// fact and "play again" stay on screen after a round with many misses.
fn to_remember(assets: &UiAssets, scenario: &Scenario, missed: &[&Item]) -> impl Bundle {
    let heading = if missed.is_empty() {
        "exhibit-all-right"
    } else {
        "exhibit-missed"
    };
    let entries: Vec<_> = missed
        .iter()
        .take(MISSED_SHOWN)
        .filter_map(|item| Some(missed_item(assets, item, scenario.bin(&item.bin)?)))
        .collect();
    let more = (missed.len() > MISSED_SHOWN).then(|| {
        widget::text(
            assets,
            Says::UiWith(
                "exhibit-more-missed",
                vec![("count", Arg::Number((missed.len() - MISSED_SHOWN) as i64))],
            ),
            theme::BODY - 4.0,
            theme::INK,
        )
    });
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: Val::Px(12.0),
            ..default()
        },
        Children::spawn((
            Spawn(widget::bold(
                assets,
                Says::Ui(heading),
                theme::BODY,
                theme::ACCENT,
            )),
            Spawn((
                Node {
                    flex_direction: FlexDirection::Row,
                    flex_wrap: FlexWrap::Wrap,
                    justify_content: JustifyContent::Center,
                    column_gap: Val::Px(24.0),
                    row_gap: Val::Px(12.0),
                    max_width: Val::Px(1700.0),
                    ..default()
                },
                Children::spawn(SpawnIter(entries.into_iter())),
            )),
            SpawnIter(more.into_iter()),
        )),
    )
}

/// A missed item › the bin it belongs in, on the bin's colour.
fn missed_item(assets: &UiAssets, item: &Item, bin: &Bin) -> impl Bundle {
    let colour = theme::bin_colour(&bin.colour);
    (
        Node {
            align_items: AlignItems::Center,
            column_gap: Val::Px(12.0),
            padding: UiRect::all(Val::Px(10.0)),
            border_radius: BorderRadius::all(Val::Px(20.0)),
            ..default()
        },
        BackgroundColor(theme::CARD),
        children![
            widget::picture(assets, &item.picture, 80.0),
            widget::text(
                assets,
                Says::Scenario(item.name.clone()),
                theme::BODY - 4.0,
                theme::INK
            ),
            widget::bold(assets, Says::Same("›".into()), theme::BODY, theme::ACCENT),
            (
                Node {
                    padding: UiRect::axes(Val::Px(14.0), Val::Px(6.0)),
                    border_radius: BorderRadius::all(Val::Px(14.0)),
                    ..default()
                },
                BackgroundColor(colour),
                children![widget::bold(
                    assets,
                    Says::Scenario(bin.name.clone()),
                    theme::BODY - 4.0,
                    theme::ink_on(colour)
                )],
            ),
        ],
    )
}

/// The fact, with its source in small print (an empty card when the audience has none).
fn fact_card(assets: &UiAssets, fact: Option<&Fact>) -> impl Bundle {
    let words = fact.map(|fact| {
        (
            widget::paragraph(
                assets,
                Says::Scenario(fact.text.clone()),
                theme::BODY,
                theme::INK,
            ),
            widget::paragraph(
                assets,
                Says::UiWith(
                    "exhibit-source",
                    vec![("source", Arg::Words(Text::same(fact.source.clone())))],
                ),
                theme::SMALL,
                theme::MUTED_INK,
            ),
            widget::speaker(
                assets,
                ReadAloud::Texts(vec![Says::Scenario(fact.text.clone())]),
            ),
        )
    });
    (
        Node {
            width: Val::Px(1300.0),
            margin: UiRect::vertical(Val::Px(28.0)),
            // Room for the speaker button in the corner, on both sides to keep the text centred.
            padding: UiRect::axes(Val::Px(theme::MIN_TARGET), Val::Px(24.0)),
            ..widget::card_node(24.0)
        },
        BackgroundColor(theme::WARM),
        BorderColor::all(theme::WARM),
        Children::spawn(SpawnWith(move |card: &mut ChildSpawner| {
            if let Some((fact, source, speaker)) = words {
                card.spawn(fact);
                card.spawn(source);
                card.spawn(speaker);
            }
        })),
    )
}
