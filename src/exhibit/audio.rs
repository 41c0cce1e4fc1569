//! Sound through rodio: a chime for a right answer, a soft low tone for a miss, a short fanfare at
//! the end of a round, all synthesised here; and the voice clips (voice.rs says which), decoded
//! on the sound thread so the frame never waits. Without an audio device the exhibit runs
//! silently and says so once in the log.

use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

use bevy::prelude::*;
use rodio::Source;
use rodio::source::SineWave;

use super::chrome::SoundSettings;
use super::screens::Screen;
use super::screens::sorting::Judged;
use super::voice::{Speaker as VoiceSpeaker, Speech, VoiceOutput};
use crate::game::Outcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    Chime,
    Miss,
    Fanfare,
}

/// What the sound thread is asked to do.
enum Sound {
    Cue(Cue, f32),
    Voice(Speech),
    Hush,
}

#[derive(Resource)]
struct Speaker(Sender<Sound>);

/// The voice's way to the sound thread.
struct VoiceLine(Sender<Sound>);

impl VoiceSpeaker for VoiceLine {
    fn say(&self, speech: Speech) {
        let _ = self.0.send(Sound::Voice(speech));
    }

    fn hush(&self) {
        let _ = self.0.send(Sound::Hush);
    }
}

pub(super) fn plugin(app: &mut App) {
    let sounds = start_sound_thread();
    app.insert_resource(VoiceOutput(Box::new(VoiceLine(sounds.clone()))));
    app.insert_resource(Speaker(sounds));
    app.add_systems(Update, play_judgements);
    app.add_systems(OnEnter(Screen::Results), play_fanfare);
}

/// The device sink lives on its own thread (it is not `Send`); the exhibit sends it cues.
fn start_sound_thread() -> Sender<Sound> {
    let (sender, sounds) = channel::<Sound>();
    let spawned = std::thread::Builder::new()
        .name("sound".into())
        .spawn(move || {
            let sink = match rodio::DeviceSinkBuilder::open_default_sink() {
                Ok(sink) => sink,
                Err(err) => {
                    info!("no audio device ({err}); the exhibit runs silently");
                    // Drain the cues so senders never block or fail loudly.
                    for _ in sounds {}
                    return;
                }
            };
            let mut voice: Option<rodio::Player> = None;
            for sound in sounds {
                let (cue, volume) = match sound {
                    Sound::Cue(cue, volume) => (cue, volume),
                    Sound::Voice(speech) => {
                        say(&sink, &mut voice, speech);
                        continue;
                    }
                    Sound::Hush => {
                        if let Some(playing) = voice.take() {
                            playing.stop();
                        }
                        continue;
                    }
                };
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

/// Plays a speech's clips one after the other: after what is being said when it waits for it,
/// else instead of it. A clip that does not open or decode is skipped.
fn say(sink: &rodio::MixerDeviceSink, voice: &mut Option<rodio::Player>, speech: Speech) {
    let player = match voice.take() {
        Some(playing) if speech.after_current && !playing.empty() => playing,
        Some(playing) => {
            playing.stop();
            rodio::Player::connect_new(sink.mixer())
        }
        None => rodio::Player::connect_new(sink.mixer()),
    };
    player.set_volume(speech.volume);
    for clip in &speech.clips {
        let decoded = std::fs::File::open(clip)
            .map_err(|err| err.to_string())
            .and_then(|file| rodio::Decoder::try_from(file).map_err(|err| err.to_string()));
        match decoded {
            Ok(source) => player.append(source),
            Err(err) => debug!("voice clip {} skipped: {err}", clip.display()),
        }
    }
    *voice = Some(player);
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
        let _ = speaker.0.send(Sound::Cue(cue, settings.volume));
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
