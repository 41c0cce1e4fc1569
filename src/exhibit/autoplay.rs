//! `--autoplay`: a built-in player that plays one round visibly, as a visitor would: it touches
//! start, picks an audience, drags items into bins (a few wrong on purpose, to show the feedback),
//! taps through the lifecycle, and plays again (or quits with `--exit-after-round`).

use bevy::prelude::*;

use super::idle::Activity;
use super::screens::sorting::{BinTarget, DropAttempt, ItemCard};
use super::screens::{Screen, go};
use super::screenshots::Shots;
use super::{Exhibit, Play};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Player>();
    app.add_systems(
        Update,
        play_along.run_if(|exhibit: Res<Exhibit>| exhibit.autoplay),
    );
    app.add_systems(OnEnter(Screen::Sorting), reset_player);
}

/// Seconds each step of the built-in player takes.
const THINK_SECS: f64 = 1.2;
const DRAG_SECS: f64 = 0.8;

#[derive(Resource, Default, Debug)]
struct Player {
    next_at: f64,
    drag: Option<Drag>,
    /// Audience to pick next, cycling through the scenario's audiences.
    rounds: usize,
}

#[derive(Debug)]
struct Drag {
    item: String,
    bin: String,
    started: f64,
    toward: Vec2,
}

fn reset_player(mut player: ResMut<Player>, time: Res<Time>) {
    player.drag = None;
    player.next_at = time.elapsed_secs_f64() + THINK_SECS;
}

/// Which bin the player drops an item in: on the first and fourth items it first tries a wrong
/// bin, so the feedback and the second try are seen.
fn choose_bin(play: &Play, exhibit: &Exhibit) -> Option<(String, String)> {
    let round = play.round.as_ref()?;
    let current = round.current()?;
    let wrong_first = matches!(round.current_index(), 0 | 3) && current.chosen.is_empty();
    let bin = if wrong_first {
        exhibit
            .scenario
            .bins
            .iter()
            .map(|b| b.id.clone())
            .find(|b| *b != current.right_bin)?
    } else {
        current.right_bin.clone()
    };
    Some((current.item.clone(), bin))
}

type ItemPlaces<'w, 's> = Query<
    'w,
    's,
    (
        &'static mut UiTransform,
        &'static UiGlobalTransform,
        &'static ComputedNode,
    ),
    With<ItemCard>,
>;

/// The next drag: the current item, from where it is on screen to the bin chosen for it.
fn plan_drag(
    play: &Play,
    exhibit: &Exhibit,
    items: &ItemPlaces,
    bins: &Query<(&BinTarget, &UiGlobalTransform)>,
    now: f64,
) -> Option<Drag> {
    let (item, bin) = choose_bin(play, exhibit)?;
    let (_, item_place, node) = items.single().ok()?;
    let (_, bin_place) = bins.iter().find(|(b, _)| b.0 == bin)?;
    let toward = (bin_place.affine().translation - item_place.affine().translation)
        * node.inverse_scale_factor();
    Some(Drag {
        item,
        bin,
        started: now,
        toward,
    })
}

#[allow(clippy::too_many_arguments)]
fn play_along(
    time: Res<Time>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut player: ResMut<Player>,
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    shots: Option<Res<Shots>>,
    mut choose: MessageWriter<super::screens::audience::ChooseAudience>,
    mut next_page: MessageWriter<super::screens::lifecycle::NextPage>,
    mut drops: MessageWriter<DropAttempt>,
    mut activity: MessageWriter<Activity>,
    mut items: ItemPlaces,
    bins: Query<(&BinTarget, &UiGlobalTransform)>,
) {
    let now = time.elapsed_secs_f64();
    if let Some(drag) = &player.drag {
        let t = ((now - drag.started) / DRAG_SECS).min(1.0) as f32;
        if let Ok((mut transform, _, _)) = items.single_mut() {
            let eased = t * t * (3.0 - 2.0 * t);
            let at = drag.toward * eased;
            transform.translation = Val2::px(at.x, at.y);
        }
        if t >= 1.0 {
            drops.write(DropAttempt {
                item: drag.item.clone(),
                bin: drag.bin.clone(),
            });
            player.drag = None;
            player.next_at = now + THINK_SECS;
        }
        activity.write(Activity);
        return;
    }
    if now < player.next_at || shots.is_some_and(|shots| shots.holds(&exhibit, *screen.get())) {
        return;
    }
    player.next_at = now + THINK_SECS;
    activity.write(Activity);
    match screen.get() {
        Screen::Attract => go(&mut next, Screen::Audience),
        Screen::Audience => {
            let audiences = &exhibit.scenario.audiences;
            if let Some(audience) = audiences.get((player.rounds + 1) % audiences.len().max(1)) {
                player.rounds += 1;
                choose.write(super::screens::audience::ChooseAudience(
                    audience.id.clone(),
                ));
            }
        }
        Screen::Sorting => player.drag = plan_drag(&play, &exhibit, &items, &bins, now),
        Screen::Lifecycle => {
            next_page.write(super::screens::lifecycle::NextPage);
        }
        Screen::Results => {
            if exhibit
                .exit_after_rounds
                .is_none_or(|rounds| play.rounds_started < rounds)
            {
                player.next_at = now + 4.0;
                if play.round.as_ref().is_some_and(|r| r.is_over()) {
                    go(&mut next, Screen::Audience);
                }
            }
        }
    }
}
