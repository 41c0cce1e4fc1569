//! The sorting round: one big item in the middle, the bins in a row. Drag the item into a bin (or
//! tap the item, then a bin); the game's rules judge the drop and the screen shows what they said.

use bevy::picking::pointer::PointerId;
use bevy::prelude::*;

use super::{Screen, go};
use crate::content::{Bin, Detail, Scenario};
use crate::exhibit::language::Arg;
use crate::exhibit::theme::{self, UiAssets, widget};
use crate::exhibit::voice::ReadAloud;
use crate::exhibit::{Exhibit, Play, Says};
use crate::game::Outcome;

pub(super) fn plugin(app: &mut App) {
    app.add_message::<DropAttempt>();
    app.add_message::<Judged>();
    app.init_resource::<Feedback>();
    app.init_resource::<Shown>();
    app.add_systems(
        OnEnter(Screen::Sorting),
        (reset_sorting, spawn_sorting_screen).chain(),
    );
    app.add_systems(OnExit(Screen::Sorting), reset_sorting);
    app.add_systems(
        Update,
        (
            judge_drops,
            animate_item,
            show_current_item,
            show_progress,
            show_feedback,
            show_bin_states,
            finish_round,
        )
            .chain()
            .run_if(in_state(Screen::Sorting)),
    );
}

/// The visitor put `item` into `bin` (by drag, by tap, or the autoplayer did).
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct DropAttempt {
    pub item: String,
    pub bin: String,
}

/// What the rules said about a drop; sound and screenshots listen to it.
#[derive(Message, Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    pub item: String,
    pub bin: String,
    pub outcome: Outcome,
}

/// The feedback on screen, if any.
#[derive(Resource, Default, Debug)]
pub struct Feedback {
    pub last: Option<Judged>,
    pub shown_at: f64,
    /// When the round is over: the moment to move on to the lifecycle.
    pub finish_at: Option<f64>,
}

/// Which item of the round the screen shows; it lags the round while the right bin swallows.
#[derive(Resource, Default, Debug)]
pub struct Shown {
    pub index: Option<usize>,
    pub selected: bool,
    pub dragged_by: Option<PointerId>,
    /// The item was dragged since it was last pressed: the click that ends such a drag is not
    /// a tap (it would leave the item selected for the next bin touched).
    pub dragged_since_press: bool,
    /// Where the finger held the card at the drag's start, from its centre (UI px), and how far
    /// above the finger the shrunk card's centre then rides: the bin under the finger stays in
    /// sight.
    pub grab: Vec2,
    pub lift: f32,
    /// The drag's release landed on a bin (`DragDrop` came before `DragEnd`).
    pub dropped: bool,
}

/// A dragged card's size: about half, so that it hides less of the bins.
const DRAGGED_SCALE: f32 = 0.5;
/// The gap between the finger and the dragged card's lower edge (UI px).
const LIFT_GAP: f32 = 28.0;
/// A release this close to a bin (physical px), in the bins' row, counts as a drop on it: the
/// gap between two bins goes to the nearer one.
const GAP_REACH: f32 = 80.0;

/// The item card the visitor drags.
#[derive(Component)]
pub struct ItemCard;

#[derive(Component)]
struct ItemPicture;

#[derive(Component)]
struct ItemName;

/// A bin on screen.
#[derive(Component, Clone, Debug)]
pub struct BinTarget(pub String);

/// A bin with an item hovering over it.
#[derive(Component)]
struct Hovered;

#[derive(Component)]
struct ProgressDot(usize);

#[derive(Component)]
struct ProgressLabel;

#[derive(Component)]
struct FeedbackCard;

#[derive(Component)]
struct FeedbackTitle;

/// The judged item's picture on the feedback card: after a right drop the next item is already
/// on the stage, so the card shows which item its words are about.
#[derive(Component)]
struct FeedbackPicture;

#[derive(Component)]
struct FeedbackBody;

#[derive(Component)]
struct GufiBubble;

/// The item flies back to its place (a miss, or let go outside a bin).
#[derive(Component)]
struct Returning {
    started: f64,
    from: Vec2,
    /// Its size when it set off (a dragged card is smaller); it grows back on the way.
    from_scale: f32,
}

/// The right bin takes the item: it shrinks into the opening.
#[derive(Component)]
struct Swallowing {
    started: f64,
    toward: Vec2,
    from_scale: f32,
}

const RETURN_SECS: f64 = 0.22;
const SWALLOW_SECS: f64 = 0.28;
const FEEDBACK_SECS: f64 = 3.5;
const FINISH_DELAY_SECS: f64 = 2.5;
const ITEM_SIZE: f32 = 340.0;
const FEEDBACK_PICTURE_SIZE: f32 = 96.0;
/// The item card, centred at 960 px, this wide keeps clear of the feedback card (1220–1880 px).
const ITEM_CARD_WIDTH: f32 = 500.0;

fn reset_sorting(mut feedback: ResMut<Feedback>, mut shown: ResMut<Shown>) {
    *feedback = Feedback::default();
    *shown = Shown::default();
}

fn spawn_sorting_screen(
    mut commands: Commands,
    exhibit: Res<Exhibit>,
    assets: Res<UiAssets>,
    play: Res<Play>,
) {
    let total = play.round.as_ref().map_or(0, |r| r.items.len());
    commands.spawn((
        widget::screen_root(Screen::Sorting, "Sorting screen"),
        children![
            top_bar(&assets, &exhibit, total),
            stage(&assets),
            bin_row(&assets, &exhibit.scenario.bins),
            feedback_card(&assets),
        ],
    ));
}

/// Title and progress dots with "3 / 8" (the language switch is in the chrome).
fn top_bar(assets: &UiAssets, exhibit: &Exhibit, total: usize) -> impl Bundle {
    (
        Node {
            width: Val::Percent(100.0),
            height: Val::Px(110.0),
            padding: UiRect::horizontal(Val::Px(40.0)),
            align_items: AlignItems::Center,
            column_gap: Val::Px(60.0),
            ..default()
        },
        children![
            widget::bold(
                assets,
                theme::exhibit_title(exhibit),
                theme::BODY + 12.0,
                theme::ACCENT
            ),
            progress(assets, total),
        ],
    )
}

fn progress(assets: &UiAssets, total: usize) -> impl Bundle {
    (
        Node {
            column_gap: Val::Px(14.0),
            align_items: AlignItems::Center,
            ..default()
        },
        Children::spawn((
            SpawnIter((0..total).map(progress_dot)),
            Spawn((
                widget::bold(
                    assets,
                    Says::Same(String::new()),
                    theme::BODY + 4.0,
                    theme::INK,
                ),
                ProgressLabel,
            )),
        )),
    )
}

/// One item of the round: hollow until sorted.
fn progress_dot(index: usize) -> impl Bundle {
    (
        Node {
            width: Val::Px(28.0),
            height: Val::Px(28.0),
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BorderColor::all(theme::ACCENT),
        BackgroundColor(Color::NONE),
        ProgressDot(index),
    )
}

/// Gufi with his speech bubble on the left, the item in the middle.
fn stage(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            width: Val::Percent(100.0),
            flex_grow: 1.0,
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        Pickable::IGNORE,
        children![gufi_corner(assets), item_card(assets)],
    )
}

/// The card the visitor drags or taps; `show_current_item` fills in the item.
fn item_card(assets: &UiAssets) -> impl Bundle {
    (
        ItemCard,
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            // One width for every item: a long name wraps inside it rather than widening the
            // card under the feedback card (a content-sized card did not grow for wrapped lines).
            width: Val::Px(ITEM_CARD_WIDTH),
            padding: UiRect::all(Val::Px(20.0)),
            border: UiRect::all(Val::Px(4.0)),
            border_radius: BorderRadius::all(Val::Px(36.0)),
            ..default()
        },
        BackgroundColor(theme::CARD),
        BorderColor::all(Color::NONE),
        UiTransform::default(),
        GlobalZIndex(10),
        // The bins under a dragged item must still see the pointer.
        Pickable {
            should_block_lower: false,
            is_hoverable: true,
        },
        Children::spawn((
            Spawn((widget::picture(assets, "", ITEM_SIZE), ItemPicture)),
            Spawn((
                widget::paragraph(
                    assets,
                    Says::Same(String::new()),
                    theme::TITLE * 0.7,
                    theme::INK,
                ),
                ItemName,
            )),
            Spawn(widget::speaker(assets, ReadAloud::CurrentItem)),
            (
                widget::observe(press_item),
                widget::observe(start_drag),
                widget::observe(drag_item),
                widget::observe(end_drag),
                widget::observe(cancel_drag),
                widget::observe(tap_item),
            ),
        )),
    )
}

fn gufi_corner(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            position_type: PositionType::Absolute,
            left: Val::Px(40.0),
            top: Val::Px(40.0),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::FlexStart,
            width: Val::Px(470.0),
            ..default()
        },
        Pickable::IGNORE,
        children![
            gufi_bubble(assets),
            widget::picture(assets, theme::GUFI, 170.0)
        ],
    )
}

/// Gufi's tip after an answer; hidden until there is one.
fn gufi_bubble(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            // The corner's full width: a content-sized bubble did not wrap a long tip,
            // which ran on in one line behind the item card.
            width: Val::Percent(100.0),
            padding: UiRect::all(Val::Px(20.0)),
            border_radius: BorderRadius::all(Val::Px(24.0)),
            margin: UiRect::bottom(Val::Px(8.0)),
            ..default()
        },
        BackgroundColor(theme::WARM),
        Visibility::Hidden,
        GufiBubble,
        Pickable::IGNORE,
        children![widget::text(
            assets,
            Says::Same(String::new()),
            theme::BODY,
            theme::INK
        )],
    )
}

/// Slides up beside the item, above the bins, leaving the item and its name in view (the
/// explanation is about them). A touch dismisses it.
fn feedback_card(assets: &UiAssets) -> impl Bundle {
    (
        FeedbackCard,
        Node {
            position_type: PositionType::Absolute,
            top: Val::Px(150.0),
            right: Val::Px(40.0),
            width: Val::Px(660.0),
            ..widget::card_node(28.0)
        },
        BackgroundColor(theme::CARD),
        BorderColor::all(theme::ACCENT),
        UiTransform::default(),
        Visibility::Hidden,
        GlobalZIndex(20),
        Children::spawn((
            Spawn(feedback_heading(assets)),
            Spawn((
                widget::paragraph(assets, Says::Same(String::new()), theme::BODY, theme::INK),
                FeedbackBody,
            )),
            Spawn(widget::speaker(assets, ReadAloud::LastVerdict)),
            widget::observe(dismiss_feedback),
        )),
    )
}

/// The judged item's picture beside the verdict ("Right!", "Almost!").
fn feedback_heading(assets: &UiAssets) -> impl Bundle {
    (
        Node {
            align_items: AlignItems::Center,
            column_gap: Val::Px(20.0),
            ..default()
        },
        children![
            (
                widget::picture(assets, "", FEEDBACK_PICTURE_SIZE),
                FeedbackPicture
            ),
            (
                widget::bold(
                    assets,
                    Says::Same(String::new()),
                    theme::TITLE * 0.8,
                    theme::ACCENT,
                ),
                FeedbackTitle,
            ),
        ],
    )
}

/// The bins, in a row, sharing the width.
fn bin_row(assets: &UiAssets, bins: &[Bin]) -> impl Bundle {
    let width = bin_width(bins.len());
    let cards: Vec<_> = bins
        .iter()
        .map(|bin| bin_card(assets, bin, width))
        .collect();
    (
        Node {
            width: Val::Percent(100.0),
            height: Val::Px(350.0),
            padding: UiRect::new(Val::Px(24.0), Val::Px(24.0), Val::Px(10.0), Val::Px(28.0)),
            column_gap: Val::Px(18.0),
            justify_content: JustifyContent::Center,
            ..default()
        },
        Pickable::IGNORE,
        Children::spawn(SpawnIter(cards.into_iter())),
    )
}

/// One bin: colour band, icon, name. Never colour alone. Takes drops and taps.
fn bin_card(assets: &UiAssets, bin: &Bin, width: f32) -> impl Bundle {
    let colour = theme::bin_colour(&bin.colour);
    let ink = theme::ink_on(colour);
    (
        BinTarget(bin.id.clone()),
        Node {
            width: Val::Px(width),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::FlexStart,
            padding: UiRect::all(Val::Px(14.0)),
            row_gap: Val::Px(10.0),
            border: UiRect::all(Val::Px(6.0)),
            border_radius: BorderRadius::new(
                Val::Px(18.0),
                Val::Px(18.0),
                Val::Px(36.0),
                Val::Px(36.0),
            ),
            ..default()
        },
        BackgroundColor(colour),
        BorderColor::all(colour),
        UiTransform::default(),
        Children::spawn((
            Spawn(bin_icon(assets, &bin.icon)),
            Spawn(widget::paragraph(
                assets,
                Says::Scenario(bin.name.clone()),
                theme::BODY,
                ink,
            )),
            (
                widget::observe(hover_bin),
                widget::observe(leave_bin),
                widget::observe(drop_on_bin),
                widget::observe(tap_bin),
            ),
        )),
    )
}

/// A bin's icon on a white disc, readable on every bin colour.
fn bin_icon(assets: &UiAssets, icon: &str) -> impl Bundle {
    (
        Node {
            width: Val::Px(150.0),
            height: Val::Px(150.0),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BackgroundColor(Color::srgba(1.0, 1.0, 1.0, 0.9)),
        Pickable::IGNORE,
        children![widget::picture(assets, icon, 112.0)],
    )
}

/// Bins share the width; eight fit at 1920 px with room between them.
fn bin_width(count: usize) -> f32 {
    let count = count.max(1) as f32;
    ((theme::DESIGN_WIDTH - 48.0 - 18.0 * (count - 1.0)) / count).min(300.0)
}

/// The item the visitor can see and answer: none while the previous one is still being swallowed
/// (a fast second tap must not answer for an item not yet on screen).
fn current_item(play: &Play, shown: &Shown) -> Option<String> {
    let round = play.round.as_ref()?;
    (shown.index == Some(round.current_index())).then_some(())?;
    round.current().map(|i| i.item.clone())
}

fn press_item(_: On<Pointer<Press>>, mut shown: ResMut<Shown>) {
    shown.dragged_since_press = false;
}

fn start_drag(
    drag: On<Pointer<DragStart>>,
    mut shown: ResMut<Shown>,
    scale: Res<UiScale>,
    cards: Query<(&UiGlobalTransform, &ComputedNode), With<ItemCard>>,
    mut commands: Commands,
) {
    shown.dragged_since_press = true;
    // One finger owns the item; a second finger on it is ignored until the first lets go.
    if shown.dragged_by.is_none() {
        shown.dragged_by = Some(drag.pointer_id);
        shown.dropped = false;
        if let Ok((place, node)) = cards.get(drag.event_target()) {
            let centre = place.affine().translation * node.inverse_scale_factor();
            let finger = drag.pointer_location.position / scale.0.max(0.01);
            shown.grab = finger - centre;
            shown.lift =
                node.size().y * node.inverse_scale_factor() * DRAGGED_SCALE / 2.0 + LIFT_GAP;
        }
        commands.entity(drag.event_target()).remove::<Returning>();
    }
}

/// A pointer that vanishes (a touch cancelled by the system) lets go of the item, which flies back.
fn cancel_drag(
    cancel: On<Pointer<Cancel>>,
    time: Res<Time>,
    shown: ResMut<Shown>,
    items: Query<&UiTransform, (With<ItemCard>, Without<Swallowing>)>,
    commands: Commands,
) {
    let_go(
        cancel.pointer_id,
        cancel.event_target(),
        &time,
        shown,
        &items,
        commands,
    );
}

fn drag_item(
    drag: On<Pointer<Drag>>,
    shown: Res<Shown>,
    scale: Res<UiScale>,
    mut items: Query<&mut UiTransform, (With<ItemCard>, Without<Swallowing>)>,
) {
    if shown.dragged_by != Some(drag.pointer_id) {
        return;
    }
    if let Ok(mut transform) = items.get_mut(drag.event_target()) {
        // Half its size, its centre above the finger.
        let moved = drag.distance / scale.0.max(0.01);
        let at = shown.grab + moved - Vec2::new(0.0, shown.lift);
        transform.translation = Val2::px(at.x, at.y);
        transform.scale = Vec2::splat(DRAGGED_SCALE);
    }
}

fn end_drag(
    drag: On<Pointer<DragEnd>>,
    time: Res<Time>,
    shown: ResMut<Shown>,
    items: Query<&UiTransform, (With<ItemCard>, Without<Swallowing>)>,
    bins: Query<(&BinTarget, &UiGlobalTransform, &ComputedNode)>,
    scale: Res<UiScale>,
    play: Res<Play>,
    mut attempts: MessageWriter<DropAttempt>,
    commands: Commands,
) {
    // Let go in the gap between two bins (no bin took the drop): the nearer one takes it.
    if shown.dragged_by == Some(drag.pointer_id) && !shown.dropped {
        // Bins and pointer in physical pixels.
        let (targets, boxes): (Vec<&BinTarget>, Vec<Rect>) = bins
            .iter()
            .map(|(bin, place, node)| {
                let centre = place.affine().translation;
                (bin, Rect::from_center_size(centre, node.size()))
            })
            .unzip();
        let physical = bins.iter().next().map_or(1.0, |(_, _, node)| {
            1.0 / (node.inverse_scale_factor() * scale.0.max(0.01))
        });
        let point = drag.pointer_location.position * physical;
        if let (Some(nearest), Some(item)) = (
            nearest_bin(point, &boxes, GAP_REACH * physical),
            current_item(&play, &shown),
        ) {
            attempts.write(DropAttempt {
                item,
                bin: targets[nearest].0.clone(),
            });
        }
    }
    let_go(
        drag.pointer_id,
        drag.event_target(),
        &time,
        shown,
        &items,
        commands,
    );
}

/// The finger holding the item lets go (anywhere but a bin): the item flies back to its place.
fn let_go(
    pointer: PointerId,
    item: Entity,
    time: &Time,
    mut shown: ResMut<Shown>,
    items: &Query<&UiTransform, (With<ItemCard>, Without<Swallowing>)>,
    mut commands: Commands,
) {
    if shown.dragged_by != Some(pointer) {
        return;
    }
    shown.dragged_by = None;
    if let Ok(transform) = items.get(item) {
        commands.entity(item).insert(Returning {
            started: time.elapsed_secs_f64(),
            from: px(transform.translation),
            from_scale: transform.scale.x,
        });
    }
}

fn tap_item(tap: On<Pointer<Click>>, mut shown: ResMut<Shown>) {
    if shown.dragged_since_press {
        return;
    }
    if tap.duration.as_secs_f32() < 0.8 {
        let _ = tap.event_target();
        shown.selected = !shown.selected;
    }
}

fn hover_bin(
    enter: On<Pointer<DragEnter>>,
    items: Query<(), With<ItemCard>>,
    mut commands: Commands,
) {
    if items.contains(enter.dragged) {
        commands.entity(enter.event_target()).insert(Hovered);
    }
}

fn leave_bin(leave: On<Pointer<DragLeave>>, mut commands: Commands) {
    commands.entity(leave.event_target()).remove::<Hovered>();
}

fn drop_on_bin(
    drop: On<Pointer<DragDrop>>,
    bins: Query<&BinTarget>,
    items: Query<(), With<ItemCard>>,
    play: Res<Play>,
    mut shown: ResMut<Shown>,
    mut attempts: MessageWriter<DropAttempt>,
    mut commands: Commands,
) {
    commands.entity(drop.event_target()).remove::<Hovered>();
    // Only the finger that holds the item can answer with it.
    if shown
        .dragged_by
        .is_some_and(|owner| owner != drop.pointer_id)
    {
        return;
    }
    // Decide by the bin entity the item was dropped on, never by the position.
    let (Ok(bin), true) = (bins.get(drop.event_target()), items.contains(drop.dropped)) else {
        return;
    };
    shown.dropped = true;
    if let Some(item) = current_item(&play, &shown) {
        attempts.write(DropAttempt {
            item,
            bin: bin.0.clone(),
        });
    }
}

fn tap_bin(
    tap: On<Pointer<Click>>,
    bins: Query<&BinTarget>,
    mut shown: ResMut<Shown>,
    play: Res<Play>,
    mut attempts: MessageWriter<DropAttempt>,
) {
    let Ok(bin) = bins.get(tap.event_target()) else {
        return;
    };
    if !shown.selected {
        return;
    }
    shown.selected = false;
    if let Some(item) = current_item(&play, &shown) {
        attempts.write(DropAttempt {
            item,
            bin: bin.0.clone(),
        });
    }
}

fn dismiss_feedback(_: On<Pointer<Click>>, mut feedback: ResMut<Feedback>) {
    feedback.shown_at = f64::NEG_INFINITY;
}

fn judge_drops(
    mut attempts: MessageReader<DropAttempt>,
    mut judged: MessageWriter<Judged>,
    mut play: ResMut<Play>,
    mut feedback: ResMut<Feedback>,
    time: Res<Time>,
    items: Query<(Entity, &UiTransform, &UiGlobalTransform), With<ItemCard>>,
    bins: Query<(&BinTarget, &UiGlobalTransform, &ComputedNode)>,
    mut commands: Commands,
) {
    let now = time.elapsed_secs_f64();
    for attempt in attempts.read() {
        let Some(round) = play.round.as_mut() else {
            continue;
        };
        let outcome = round.drop_into(&attempt.item, &attempt.bin);
        if outcome == Outcome::Ignored {
            continue;
        }
        let over = round.is_over();
        if let Ok((entity, transform, item_place)) = items.single() {
            match outcome {
                Outcome::Right { .. } => {
                    let toward = bins
                        .iter()
                        .find(|(bin, _, _)| bin.0 == attempt.bin)
                        .map(|(_, place, node)| {
                            (place.affine().translation - item_place.affine().translation)
                                * node.inverse_scale_factor()
                                + px(transform.translation)
                        })
                        .unwrap_or_default();
                    commands
                        .entity(entity)
                        .remove::<Returning>()
                        .insert(Swallowing {
                            started: now,
                            toward,
                            from_scale: transform.scale.x,
                        });
                }
                _ => {
                    commands.entity(entity).insert(Returning {
                        started: now,
                        from: px(transform.translation),
                        from_scale: transform.scale.x,
                    });
                }
            }
        }
        let verdict = Judged {
            item: attempt.item.clone(),
            bin: attempt.bin.clone(),
            outcome,
        };
        judged.write(verdict.clone());
        feedback.last = Some(verdict);
        feedback.shown_at = now;
        if over {
            feedback.finish_at = Some(now + FINISH_DELAY_SECS);
        }
    }
}

/// The bin a release at `point` goes to when it landed on none: among the bins whose height
/// spans the point (the row of bins), the one whose side is nearest, if within `reach`. A point
/// on a bin is distance 0 (a drop the bin itself did not take, as when the card hid it).
fn nearest_bin(point: Vec2, bins: &[Rect], reach: f32) -> Option<usize> {
    bins.iter()
        .enumerate()
        .filter(|(_, rect)| point.y >= rect.min.y && point.y <= rect.max.y)
        .map(|(index, rect)| {
            let away = (rect.min.x - point.x).max(point.x - rect.max.x).max(0.0);
            (index, away)
        })
        .filter(|(_, away)| *away <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index)
}

fn px(value: Val2) -> Vec2 {
    let get = |v: Val| if let Val::Px(p) = v { p } else { 0.0 };
    Vec2::new(get(value.x), get(value.y))
}

fn ease_out(t: f32) -> f32 {
    1.0 - (1.0 - t.clamp(0.0, 1.0)).powi(3)
}

fn animate_item(
    time: Res<Time>,
    mut items: Query<
        (
            Entity,
            &mut UiTransform,
            Option<&Returning>,
            Option<&Swallowing>,
        ),
        With<ItemCard>,
    >,
    mut commands: Commands,
) {
    let now = time.elapsed_secs_f64();
    for (entity, mut transform, returning, swallowing) in &mut items {
        if let Some(swallow) = swallowing {
            let t = ((now - swallow.started) / SWALLOW_SECS) as f32;
            let at = swallow.toward * ease_out(t);
            transform.translation = Val2::px(at.x, at.y);
            transform.scale = Vec2::splat(swallow.from_scale * (1.0 - 0.85 * ease_out(t)));
            if t >= 1.0 {
                commands.entity(entity).remove::<Swallowing>();
            }
        } else if let Some(back) = returning {
            let t = ((now - back.started) / RETURN_SECS) as f32;
            let at = back.from * (1.0 - ease_out(t));
            transform.translation = Val2::px(at.x, at.y);
            transform.scale = Vec2::splat(back.from_scale + (1.0 - back.from_scale) * ease_out(t));
            if t >= 1.0 {
                commands.entity(entity).remove::<Returning>();
            }
        }
    }
}

/// Shows the round's current item once the previous one has been swallowed.
fn show_current_item(
    play: Res<Play>,
    exhibit: Res<Exhibit>,
    assets: Res<UiAssets>,
    mut shown: ResMut<Shown>,
    mut cards: Query<
        (&mut UiTransform, &mut Visibility, &mut BorderColor),
        (With<ItemCard>, Without<Swallowing>),
    >,
    mut pictures: Query<&mut ImageNode, With<ItemPicture>>,
    mut names: Query<&mut Says, With<ItemName>>,
) {
    let Some(round) = play.round.as_ref() else {
        return;
    };
    let Ok((mut transform, mut visibility, mut border)) = cards.single_mut() else {
        return;
    };
    let index = round.current_index();
    let selected_colour = if shown.selected {
        theme::ACCENT
    } else {
        Color::NONE
    };
    if border.top != selected_colour {
        *border = BorderColor::all(selected_colour);
    }
    if shown.index == Some(index) {
        return;
    }
    shown.index = Some(index);
    shown.selected = false;
    let Some(item) = round
        .current()
        .and_then(|current| exhibit.scenario.item(&current.item))
    else {
        *visibility = Visibility::Hidden;
        return;
    };
    *visibility = Visibility::Inherited;
    *transform = UiTransform::default();
    for mut picture in &mut pictures {
        picture.image = assets.picture(&item.picture);
    }
    for mut name in &mut names {
        *name = Says::Scenario(item.name.clone());
    }
}

fn show_progress(
    play: Res<Play>,
    mut dots: Query<(&ProgressDot, &mut BackgroundColor)>,
    mut labels: Query<&mut Says, With<ProgressLabel>>,
) {
    if !play.is_changed() {
        return;
    }
    let Some(round) = play.round.as_ref() else {
        return;
    };
    let done = round.sorted_count();
    for (dot, mut background) in &mut dots {
        background.0 = if dot.0 < done {
            theme::ACCENT
        } else {
            Color::NONE
        };
    }
    for mut label in &mut labels {
        *label = Says::UiWith(
            "exhibit-progress",
            vec![
                ("done", Arg::Number(done as i64)),
                ("total", Arg::Number(round.items.len() as i64)),
            ],
        );
    }
}

fn show_feedback(
    feedback: Res<Feedback>,
    time: Res<Time>,
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    assets: Res<UiAssets>,
    mut feedback_pictures: Query<&mut ImageNode, With<FeedbackPicture>>,
    mut cards: Query<
        (&mut Visibility, &mut UiTransform),
        (With<FeedbackCard>, Without<GufiBubble>),
    >,
    mut titles: Query<&mut Says, (With<FeedbackTitle>, Without<FeedbackBody>)>,
    mut bodies: Query<&mut Says, (With<FeedbackBody>, Without<FeedbackTitle>)>,
    mut bubbles: Query<(&mut Visibility, &Children), (With<GufiBubble>, Without<FeedbackCard>)>,
    mut bubble_texts: Query<
        &mut Says,
        (
            Without<FeedbackBody>,
            Without<FeedbackTitle>,
            Without<ProgressLabel>,
            Without<ItemName>,
        ),
    >,
) {
    let age = time.elapsed_secs_f64() - feedback.shown_at;
    let visible = feedback.last.is_some() && age < FEEDBACK_SECS;
    for (mut visibility, mut transform) in &mut cards {
        visibility.set_if_neq(if visible {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
        // Slides up 40 px in 200 ms, easing out.
        let rise = 40.0 * (1.0 - ease_out((age / 0.2) as f32));
        transform.translation = Val2::px(0.0, rise);
    }
    if !feedback.is_changed() {
        return;
    }
    let Some(words) = feedback
        .last
        .as_ref()
        .and_then(|verdict| feedback_words(&exhibit.scenario, &play, verdict))
    else {
        return;
    };
    for mut says in &mut titles {
        *says = words.title.clone();
    }
    for mut picture in &mut feedback_pictures {
        picture.image = assets.picture(&words.picture);
    }
    for mut says in &mut bodies {
        *says = words.body.clone();
    }
    for (mut visibility, children) in &mut bubbles {
        *visibility = if words.tip.is_some() {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if let Some(tip) = &words.tip {
            for child in children.iter() {
                if let Ok(mut says) = bubble_texts.get_mut(child) {
                    *says = tip.clone();
                }
            }
        }
    }
}

/// What the feedback card and Gufi say about a verdict.
pub(crate) struct FeedbackWords {
    title: Says,
    body: Says,
    /// The judged item's picture.
    picture: String,
    /// Gufi's bubble, if he has something to say.
    tip: Option<Says>,
}

impl FeedbackWords {
    /// What the voice says: the verdict, the explanation, then Gufi's words.
    pub(crate) fn spoken(self) -> Vec<Says> {
        let mut says = vec![self.title, self.body];
        says.extend(self.tip);
        says
    }
}

pub(crate) fn feedback_words(
    scenario: &Scenario,
    play: &Play,
    verdict: &Judged,
) -> Option<FeedbackWords> {
    let item = scenario.item(&verdict.item)?;
    let detail = play
        .round
        .as_ref()
        .and_then(|r| scenario.audience(&r.audience))
        .map_or(Detail::Full, |a| a.detail);
    let why = match detail {
        Detail::Short => item.why_short.clone(),
        Detail::Full => item.why_full.clone(),
    };
    let right_bin = scenario
        .bin(&item.bin)
        .map(|b| b.name.clone())
        .unwrap_or_default();
    let (title, body) = match verdict.outcome {
        Outcome::Right { .. } => (Says::Ui("exhibit-right"), Says::Scenario(why)),
        Outcome::Wrong { reveal: false, .. } => (Says::Ui("exhibit-almost"), Says::Scenario(why)),
        Outcome::Wrong { reveal: true, .. } | Outcome::Ignored => (
            Says::Ui("exhibit-almost"),
            Says::UiWith("exhibit-belongs-in", vec![("bin", Arg::Words(right_bin))]),
        ),
    };
    // Gufi gives the practical tip, or encourages a second try.
    let tip = match (&verdict.outcome, &item.tip) {
        (Outcome::Right { .. }, Some(tip)) => Some(Says::UiWith(
            "exhibit-tip",
            vec![("tip", Arg::Words(tip.clone()))],
        )),
        (Outcome::Wrong { .. }, _) => Some(Says::Ui("exhibit-try-again")),
        _ => None,
    };
    Some(FeedbackWords {
        title,
        body,
        picture: item.picture.clone(),
        tip,
    })
}

/// Bins lift and glow under a dragged item; after two misses the right bin is shown.
fn show_bin_states(
    feedback: Res<Feedback>,
    play: Res<Play>,
    time: Res<Time>,
    mut bins: Query<(
        &BinTarget,
        &BackgroundColor,
        &mut BorderColor,
        &mut UiTransform,
        Has<Hovered>,
    )>,
) {
    let reveal = match (
        &feedback.last,
        play.round.as_ref().and_then(|r| r.current()),
    ) {
        (
            Some(Judged {
                outcome: Outcome::Wrong { reveal: true, .. },
                item,
                ..
            }),
            Some(current),
        ) if *item == current.item => Some(current.right_bin.clone()),
        _ => None,
    };
    let glow = 0.5 + 0.5 * (time.elapsed_secs() * std::f32::consts::TAU * 0.8).sin();
    for (bin, background, mut border, mut transform, hovered) in &mut bins {
        let revealed = reveal.as_deref() == Some(bin.0.as_str());
        let lifted = if hovered {
            1.06
        } else if revealed {
            1.0 + 0.04 * glow
        } else {
            1.0
        };
        transform.scale = Vec2::splat(lifted);
        transform.translation = Val2::px(0.0, if hovered { -16.0 } else { 0.0 });
        let edge = if hovered || revealed {
            theme::WARM
        } else {
            background.0
        };
        if border.top != edge {
            *border = BorderColor::all(edge);
        }
    }
}

fn finish_round(feedback: Res<Feedback>, time: Res<Time>, mut next: ResMut<NextState<Screen>>) {
    if feedback
        .finish_at
        .is_some_and(|at| time.elapsed_secs_f64() >= at)
    {
        go(&mut next, Screen::Lifecycle);
    }
}

#[cfg(test)]
mod gap_tests {
    use super::*;

    /// Three bins 100 px wide in a row at y 500–640, 20 px apart.
    fn row() -> Vec<Rect> {
        [0.0, 120.0, 240.0]
            .iter()
            .map(|x| Rect::new(*x, 500.0, x + 100.0, 640.0))
            .collect()
    }

    #[test]
    fn a_release_in_the_gap_goes_to_the_nearer_bin() {
        let bins = row();
        // The gap between the first (ends at 100) and the second (starts at 120).
        assert_eq!(nearest_bin(Vec2::new(105.0, 560.0), &bins, 80.0), Some(0));
        assert_eq!(nearest_bin(Vec2::new(116.0, 560.0), &bins, 80.0), Some(1));
        // On a bin: that bin.
        assert_eq!(nearest_bin(Vec2::new(290.0, 600.0), &bins, 80.0), Some(2));
        // Beyond the last bin, within reach; and too far.
        assert_eq!(nearest_bin(Vec2::new(370.0, 600.0), &bins, 80.0), Some(2));
        assert_eq!(nearest_bin(Vec2::new(500.0, 600.0), &bins, 80.0), None);
        // Above the row (the item's own place): no bin.
        assert_eq!(nearest_bin(Vec2::new(105.0, 300.0), &bins, 80.0), None);
        assert_eq!(nearest_bin(Vec2::new(105.0, 560.0), &[], 80.0), None);
    }
}
