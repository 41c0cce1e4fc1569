//! What stays on every screen: the language switch (УКР | ENG, words, not flags) and the mute
//! button, one tap away, top right.

use bevy::prelude::*;

use super::CurrentLang;
use super::language::{Says, SwitchLanguage};
use super::theme::{self, UiAssets, widget};
use crate::i18n::Lang;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SoundSettings>();
    app.add_systems(Startup, spawn_chrome);
    app.add_systems(Update, (show_language_choice, show_sound_state));
}

/// Sound on or off, and how loud (0..=1); the audio plugin reads it.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct SoundSettings {
    pub muted: bool,
    pub volume: f32,
}

impl Default for SoundSettings {
    fn default() -> Self {
        SoundSettings {
            muted: false,
            volume: 0.6,
        }
    }
}

#[derive(Component)]
struct LanguageButton(Lang);

#[derive(Component)]
struct MuteButton;

fn spawn_chrome(mut commands: Commands, assets: Res<UiAssets>) {
    commands.spawn((
        Name::new("Chrome"),
        Node {
            position_type: PositionType::Absolute,
            right: Val::Px(28.0),
            top: Val::Px(10.0),
            column_gap: Val::Px(16.0),
            align_items: AlignItems::Center,
            ..default()
        },
        GlobalZIndex(100),
        children![
            language_button(&assets, Lang::Uk, "УКР"),
            language_button(&assets, Lang::En, "ENG"),
            mute_button(&assets),
        ],
    ));
}

/// One side of the language switch, in words, not flags.
fn language_button(assets: &UiAssets, lang: Lang, label: &str) -> impl Bundle {
    (
        LanguageButton(lang),
        Node {
            min_width: Val::Px(theme::MIN_TARGET * 1.3),
            height: Val::Px(theme::MIN_TARGET * 0.9),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border: UiRect::all(Val::Px(3.0)),
            border_radius: BorderRadius::all(Val::Px(20.0)),
            ..default()
        },
        BackgroundColor(theme::CARD),
        BorderColor::all(theme::ACCENT),
        Children::spawn((
            Spawn(widget::bold(
                assets,
                Says::Same(label.into()),
                theme::BODY,
                theme::INK,
            )),
            widget::observe(
                move |_: On<Pointer<Click>>, mut switch: MessageWriter<SwitchLanguage>| {
                    switch.write(SwitchLanguage(lang));
                },
            ),
        )),
    )
}

fn mute_button(assets: &UiAssets) -> impl Bundle {
    (
        MuteButton,
        Node {
            width: Val::Px(theme::MIN_TARGET * 0.9),
            height: Val::Px(theme::MIN_TARGET * 0.9),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border_radius: BorderRadius::MAX,
            ..default()
        },
        BackgroundColor(theme::CARD),
        ImageNode::new(assets.picture(theme::SOUND_ON)),
        Children::spawn(widget::observe(
            |_: On<Pointer<Click>>, mut sound: ResMut<SoundSettings>| sound.muted = !sound.muted,
        )),
    )
}

fn show_language_choice(
    lang: Res<CurrentLang>,
    mut buttons: Query<(&LanguageButton, &mut BackgroundColor, &Children)>,
    mut inks: Query<&mut TextColor>,
) {
    if !lang.is_changed() {
        return;
    }
    for (button, mut background, children) in &mut buttons {
        let chosen = button.0 == lang.0;
        background.0 = if chosen { theme::ACCENT } else { theme::CARD };
        for child in children.iter() {
            if let Ok(mut ink) = inks.get_mut(child) {
                ink.0 = if chosen {
                    theme::ACCENT_INK
                } else {
                    theme::INK
                };
            }
        }
    }
}

fn show_sound_state(
    sound: Res<SoundSettings>,
    assets: Res<UiAssets>,
    mut buttons: Query<&mut ImageNode, With<MuteButton>>,
) {
    if !sound.is_changed() {
        return;
    }
    for mut image in &mut buttons {
        image.image = assets.picture(if sound.muted {
            theme::SOUND_OFF
        } else {
            theme::SOUND_ON
        });
    }
}
