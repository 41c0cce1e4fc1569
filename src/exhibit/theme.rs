//! Palette, sizes, fonts and pictures every screen is drawn with; [`widget`] builds the small
//! pieces the screens are made of. Sizes are in pixels of a 1920×1080 screen; `UiScale` fits them
//! to the real window.

pub mod widget;

use std::collections::HashMap;

use bevy::prelude::*;
use bevy::window::{PrimaryWindow, WindowResized};

use super::Exhibit;
use super::language::Says;

pub const DESIGN_WIDTH: f32 = 1920.0;
pub const DESIGN_HEIGHT: f32 = 1080.0;

/// Calm, light background so items stand out.
pub const BACKGROUND: Color = Color::srgb(0.957, 0.945, 0.910);
pub const INK: Color = Color::srgb(0.11, 0.16, 0.19);
pub const MUTED_INK: Color = Color::srgb(0.33, 0.38, 0.41);
pub const CARD: Color = Color::srgb(1.0, 1.0, 1.0);
pub const ACCENT: Color = Color::srgb(0.10, 0.45, 0.33);
pub const ACCENT_INK: Color = Color::WHITE;
pub const WARM: Color = Color::srgb(0.99, 0.85, 0.55);
pub const SHADOW: Color = Color::srgba(0.0, 0.0, 0.0, 0.12);
pub const OVERLAY: Color = Color::srgba(0.05, 0.08, 0.10, 0.72);

/// A button's background and the ink of its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub background: Color,
    pub ink: Color,
}

/// The main action on a screen.
pub const PRIMARY: Paint = Paint {
    background: ACCENT,
    ink: ACCENT_INK,
};
/// A choice not taken, or a secondary action.
pub const PLAIN: Paint = Paint {
    background: CARD,
    ink: INK,
};
/// Leaving (the guide panel's close button).
pub const QUIET: Paint = Paint {
    background: MUTED_INK,
    ink: ACCENT_INK,
};

/// Body text, readable from 2 m at 1080p.
pub const BODY: f32 = 32.0;
pub const SMALL: f32 = 24.0;
/// Titles, about 6% of the height.
pub const TITLE: f32 = 64.0;
/// Smallest touch target (about 20 mm on a 24-inch 1080p screen).
pub const MIN_TARGET: f32 = 96.0;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiScale>();
    let assets = match (
        app.world().get_resource::<AssetServer>(),
        app.world().get_resource::<Exhibit>(),
    ) {
        (Some(server), Some(exhibit)) => load_ui_assets(server, exhibit),
        _ => UiAssets::default(),
    };
    app.insert_resource(assets);
    app.add_systems(Update, fit_ui_to_window);
}

/// Fonts and every picture the scenario names, loaded once.
#[derive(Resource, Default)]
pub struct UiAssets {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
    pictures: HashMap<String, Handle<Image>>,
}

impl UiAssets {
    /// The picture at a path under assets/ (a default handle when not loaded, as in headless tests).
    pub fn picture(&self, path: &str) -> Handle<Image> {
        self.pictures.get(path).cloned().unwrap_or_default()
    }
}

/// Starts loading at build time (and again when the scenario changes between rounds), so the
/// first screen already has its handles.
pub fn load_ui_assets(server: &AssetServer, exhibit: &Exhibit) -> UiAssets {
    let scenario = &exhibit.scenario;
    let paths = scenario
        .audiences
        .iter()
        .map(|a| a.picture.as_str())
        .chain(scenario.bins.iter().map(|b| b.icon.as_str()))
        .chain(
            scenario
                .bins
                .iter()
                .flat_map(|b| b.lifecycle.iter().map(|s| s.picture.as_str())),
        )
        .chain(scenario.items.iter().map(|i| i.picture.as_str()));
    let pictures = paths
        .map(|path| (path.to_string(), server.load(exhibit.picture_path(path))))
        .chain(
            UI_PICTURES
                .iter()
                .map(|path| (path.to_string(), server.load(*path))),
        )
        .collect();
    UiAssets {
        regular: server.load("fonts/NotoSans-Regular.ttf"),
        bold: server.load("fonts/NotoSans-Bold.ttf"),
        pictures,
    }
}

pub const GUFI: &str = "mascot/gufi.png";
pub const SOUND_ON: &str = "ui/sound-on.png";
pub const SOUND_OFF: &str = "ui/sound-off.png";
pub const STAR: &str = "ui/star.png";
pub const TOUCH: &str = "ui/touch.png";
/// The truck that drives along every lifecycle, whether or not a step shows one.
pub const TRUCK: &str = "stages/truck.png";
const UI_PICTURES: [&str; 6] = [GUFI, SOUND_ON, SOUND_OFF, STAR, TOUCH, TRUCK];

fn fit_ui_to_window(
    mut resized: MessageReader<WindowResized>,
    windows: Query<&Window, With<PrimaryWindow>>,
    mut scale: ResMut<UiScale>,
    mut fitted: Local<bool>,
) {
    let changed = resized.read().count() > 0;
    if !changed && *fitted {
        return;
    }
    let Ok(window) = windows.single() else { return };
    let fit = (window.width() / DESIGN_WIDTH).min(window.height() / DESIGN_HEIGHT);
    if fit > 0.0 {
        scale.0 = fit;
        *fitted = true;
    }
}

/// A bin's colour band, from the scenario's `#RRGGBB` (grey if malformed; `check` reports it).
pub fn bin_colour(hex: &str) -> Color {
    crate::content::parse_hex_colour(hex)
        .map(|[r, g, b]| Color::srgb_u8(r, g, b))
        .unwrap_or(Color::srgb(0.5, 0.5, 0.5))
}

/// Readable ink on a bin colour: dark on light colours (yellow), white on dark ones.
pub fn ink_on(background: Color) -> Color {
    let linear = background.to_linear();
    let luminance = 0.2126 * linear.red + 0.7152 * linear.green + 0.0722 * linear.blue;
    if luminance > 0.22 { INK } else { Color::WHITE }
}

/// The exhibit's title, as the scenario words it.
pub fn exhibit_title(exhibit: &Exhibit) -> Says {
    Says::Scenario(exhibit.scenario.title.clone())
}
