//! The small pieces every screen is built from, in the style of bevy_new_2d: each a function that
//! returns a bundle, to spawn or to put in `children![]`. Texts say what their [`Says`] says, in
//! the language of the moment; a widget that reacts to touches takes its action as an argument.

use bevy::ecs::spawn::SpawnableList;
use bevy::ecs::system::IntoObserverSystem;
use bevy::prelude::*;
use bevy::ptr::MovingPtr;

use super::{BODY, MIN_TARGET, Paint, UiAssets};
use crate::exhibit::language::Says;
use crate::exhibit::screens::Screen;
use crate::exhibit::voice::{ReadAloud, read_aloud};

/// A line of text in the given size and colour; what it says follows the language.
pub fn text(assets: &UiAssets, says: Says, size: f32, color: Color) -> impl Bundle {
    text_in(assets.regular.clone(), says, size, color)
}

/// Bold text, for titles and buttons.
pub fn bold(assets: &UiAssets, says: Says, size: f32, color: Color) -> impl Bundle {
    text_in(assets.bold.clone(), says, size, color)
}

fn text_in(font: Handle<Font>, says: Says, size: f32, color: Color) -> impl Bundle {
    (
        Text::new(""),
        TextFont {
            font: font.into(),
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
        says,
        Pickable::IGNORE,
    )
}

/// Centred text that wraps inside its box.
pub fn paragraph(assets: &UiAssets, says: Says, size: f32, color: Color) -> impl Bundle {
    (
        text(assets, says, size, color),
        TextLayout::justify(Justify::Center),
    )
}

/// A picture of the given square size.
pub fn picture(assets: &UiAssets, path: &str, size: f32) -> impl Bundle {
    tinted_picture(assets, path, size, Color::WHITE)
}

/// A picture multiplied by `tint` (white leaves it as drawn; a grey, transparent tint greys it out).
pub fn tinted_picture(assets: &UiAssets, path: &str, size: f32, tint: Color) -> impl Bundle {
    (
        ImageNode {
            color: tint,
            ..ImageNode::new(assets.picture(path))
        },
        Node {
            width: Val::Px(size),
            height: Val::Px(size),
            ..default()
        },
        Pickable::IGNORE,
    )
}

/// An observer of the entity whose children it is listed with: `Children::spawn((Spawn(label),
/// observe(action)))` gives a widget its behaviour where it is built. It spawns no child; the
/// observer goes when the entity does, as one added with `EntityCommands::observe`.
pub fn observe<E: EntityEvent, B: Bundle, M>(action: impl IntoObserverSystem<E, B, M>) -> Observe {
    Observe(Observer::new(action))
}

/// See [`observe`].
pub struct Observe(Observer);

impl SpawnableList<ChildOf> for Observe {
    fn spawn(this: MovingPtr<'_, Self>, world: &mut World, entity: Entity) {
        world.spawn(this.read().0.with_entity(entity));
    }

    fn size_hint(&self) -> usize {
        0
    }
}

/// A big rounded button with a bold label; `action` runs when it is touched.
pub fn button<B: Bundle, M>(
    assets: &UiAssets,
    label: Says,
    paint: Paint,
    action: impl IntoObserverSystem<Pointer<Click>, B, M>,
) -> impl Bundle {
    (
        Button,
        Node {
            min_width: Val::Px(MIN_TARGET * 2.5),
            min_height: Val::Px(MIN_TARGET),
            padding: UiRect::axes(Val::Px(40.0), Val::Px(16.0)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::all(Val::Px(48.0)),
            ..default()
        },
        BackgroundColor(paint.background),
        Children::spawn((
            Spawn(bold(assets, label, BODY + 8.0, paint.ink)),
            observe(action),
        )),
    )
}

/// A speaker button in the top right corner of its card: a touch reads the card aloud (what it
/// reads is `what`). Big enough for a child's finger; the touch does not reach the card.
pub fn speaker(assets: &UiAssets, what: ReadAloud) -> impl Bundle {
    (
        Name::new("Speaker"),
        what,
        Node {
            position_type: PositionType::Absolute,
            top: Val::Px(8.0),
            right: Val::Px(8.0),
            width: Val::Px(MIN_TARGET),
            height: Val::Px(MIN_TARGET),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BackgroundColor(super::WARM),
        BorderColor::all(super::ACCENT),
        Children::spawn((
            Spawn(picture(assets, super::SOUND_ON, MIN_TARGET * 0.6)),
            observe(read_aloud),
        )),
    )
}

/// A white rounded card.
pub fn card_node(padding: f32) -> Node {
    Node {
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        justify_content: JustifyContent::Center,
        padding: UiRect::all(Val::Px(padding)),
        row_gap: Val::Px(12.0),
        border: UiRect::all(Val::Px(3.0)),
        border_radius: BorderRadius::all(Val::Px(28.0)),
        ..default()
    }
}

/// A full-window screen root, despawned when its screen ends.
pub fn screen_root(screen: Screen, name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        Node {
            width: Val::Percent(100.0),
            height: Val::Percent(100.0),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            ..default()
        },
        DespawnOnExit(screen),
    )
}
