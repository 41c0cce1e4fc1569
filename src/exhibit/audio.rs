//! Sound through rodio: a chime for a right answer, a soft low tone for a miss, a short fanfare at
//! the end of a round. All synthesised here, so no sound file needs a licence. Without an audio
//! device the exhibit runs silently and says so once in the log.

use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

use bevy::prelude::*;
use rodio::Source;
use rodio::source::SineWave;

use super::chrome::SoundSettings;
use super::screens::Screen;
use super::screens::sorting::Judged;
use crate::game::Outcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Chime,
    Miss,
    Fanfare,
}

#[derive(Resource)]
struct Speaker(Sender<(Cue, f32)>);

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(Speaker(start_sound_thread()));
    app.add_systems(Update, play_judgements);
    app.add_systems(OnEnter(Screen::Results), play_fanfare);
}

/// The device sink lives on its own thread (it is not `Send`); the exhibit sends it cues.
fn start_sound_thread() -> Sender<(Cue, f32)> {
    let (sender, cues) = channel::<(Cue, f32)>();
    let spawned = std::thread::Builder::new()
        .name("sound".into())
        .spawn(move || {
            let sink = match rodio::DeviceSinkBuilder::open_default_sink() {
                Ok(sink) => sink,
                Err(err) => {
                    info!("no audio device ({err}); the exhibit runs silently");
                    // Drain the cues so senders never block or fail loudly.
                    for _ in cues {}
                    return;
                }
            };
            for (cue, volume) in cues {
                let player = rodio::Player::connect_new(sink.mixer());
                player.set_volume(volume);
                match cue {
                    Cue::Chime => {
                        player.append(tone(880.0, 0.12).mix(tone(1320.0, 0.12)).amplify(0.5))
                    }
                    Cue::Miss => player.append(tone(294.0, 0.22).amplify(0.6)),
                    Cue::Fanfare => {
                        for (freq, secs) in [
                            (523.25, 0.14),
                            (659.25, 0.14),
                            (783.99, 0.14),
                            (1046.5, 0.35),
                        ] {
                            player.append(tone(freq, secs).amplify(0.5));
                        }
                    }
                }
                player.detach();
            }
        });
    if let Err(err) = spawned {
        warn!("could not start the sound thread ({err}); the exhibit runs silently");
    }
    sender
}

/// A soft sine tone that fades in and out (no click).
fn tone(freq: f32, secs: f32) -> impl Source + Send + 'static {
    let length = Duration::from_secs_f32(secs);
    SineWave::new(freq)
        .take_duration(length)
        .fade_in(Duration::from_millis(10))
        .fade_out(length.mul_f32(0.7))
        .amplify(0.4)
}

fn play(speaker: &Speaker, settings: &SoundSettings, cue: Cue) {
    if !settings.muted {
        // A closed channel means the sound thread ended: silence is the right fallback.
        let _ = speaker.0.send((cue, settings.volume));
    }
}

fn play_judgements(
    mut judged: MessageReader<Judged>,
    speaker: Res<Speaker>,
    settings: Res<SoundSettings>,
) {
    for verdict in judged.read() {
        match verdict.outcome {
            Outcome::Right { .. } => play(&speaker, &settings, Cue::Chime),
            Outcome::Wrong { .. } => play(&speaker, &settings, Cue::Miss),
            Outcome::Ignored => {}
        }
    }
}

fn play_fanfare(speaker: Res<Speaker>, settings: Res<SoundSettings>) {
    play(&speaker, &settings, Cue::Fanfare);
}
