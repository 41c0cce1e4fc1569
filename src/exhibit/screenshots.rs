//! `--screenshot-dir DIR`: saves attract.png, sorting.png, feedback.png, lifecycle.png and
//! results.png as each first shows; with `--exit-after-round`, quits once results.png is written.

use std::collections::HashSet;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::screens::Screen;
use super::screens::sorting::Judged;
use super::{Exhibit, Play};

/// Frames to wait after a screen appears, so layout, fonts and pictures have settled.
const SETTLE_FRAMES: u32 = 25;
/// Frames to wait for results.png to reach the disk before giving up and quitting anyway.
const EXIT_PATIENCE_FRAMES: u32 = 600;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shots>();
    app.add_systems(Update, (plan_shots, take_shots, exit_after_round).chain());
}

#[derive(Resource, Default)]
pub(super) struct Shots {
    pending: Option<(&'static str, u32)>,
    taken: HashSet<&'static str>,
    results_wait: u32,
}

impl Shots {
    /// The autoplayer holds still while a screenshot is due, so each picture shows its screen
    /// settled (software rendering under Xvfb can be slower than the player).
    pub(super) fn holds(&self, exhibit: &Exhibit, screen: Screen) -> bool {
        exhibit.screenshot_dir.is_some()
            && (self.pending.is_some()
                || name_of(screen).is_some_and(|name| !self.taken.contains(name)))
    }
}

fn name_of(screen: Screen) -> Option<&'static str> {
    match screen {
        Screen::Attract => Some("attract"),
        Screen::Sorting => Some("sorting"),
        Screen::Lifecycle => Some("lifecycle"),
        Screen::Results => Some("results"),
        Screen::Audience => None,
    }
}

fn plan_shots(
    screen: Res<State<Screen>>,
    mut judged: MessageReader<Judged>,
    mut shots: ResMut<Shots>,
) {
    let feedback = judged.read().count() > 0;
    if shots.pending.is_some() {
        return;
    }
    let wanted = if feedback {
        Some("feedback")
    } else {
        name_of(*screen.get())
    };
    if let Some(name) = wanted.filter(|name| !shots.taken.contains(name)) {
        // Feedback slides in over 200 ms: wait a little less than for a whole screen.
        let frames = if name == "feedback" {
            SETTLE_FRAMES / 2
        } else {
            SETTLE_FRAMES
        };
        shots.pending = Some((name, frames));
    }
}

fn take_shots(mut commands: Commands, exhibit: Res<Exhibit>, mut shots: ResMut<Shots>) {
    let Some(dir) = exhibit.screenshot_dir.clone() else {
        return;
    };
    let Some((name, frames)) = shots.pending else {
        return;
    };
    if frames > 0 {
        shots.pending = Some((name, frames - 1));
        return;
    }
    shots.pending = None;
    shots.taken.insert(name);
    let path: PathBuf = dir.join(format!("{name}.png"));
    commands
        .spawn(Screenshot::primary_window())
        .observe(save_to_disk(path));
}

fn exit_after_round(
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    mut shots: ResMut<Shots>,
    screen: Res<State<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    let last = exhibit
        .exit_after_rounds
        .is_some_and(|rounds| play.rounds_started >= rounds);
    if !last || *screen.get() != Screen::Results {
        return;
    }
    let saved = match &exhibit.screenshot_dir {
        Some(dir) => shots.taken.contains("results") && dir.join("results.png").is_file(),
        None => true,
    };
    shots.results_wait += 1;
    // A few more frames after the file appears, so it is completely written.
    if (saved && shots.results_wait > SETTLE_FRAMES * 2 + 10)
        || shots.results_wait > EXIT_PATIENCE_FRAMES
    {
        exit.write(AppExit::Success);
    }
}
