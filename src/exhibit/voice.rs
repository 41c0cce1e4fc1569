//! The exhibit speaks (`crate::voice` has the clips' keys and files): for the younger audience the
//! item's name when it appears, the verdict and the short explanation after a drop, the lifecycle
//! page's heading and the results; for everyone, a speaker button on the item card, the feedback
//! card, each lifecycle step and the fact reads its card aloud.
//!
//! What to say is a list of [`Says`], the same values the texts on screen show, so a clip is
//! always the text in view: a UI message is its clips (cut at its arguments), a scenario text is
//! the clip of its key, and a clip is played only if its manifest says it was made from the text
//! as it is now (a changed text is silent until its clip is made again, never the old words). A new speech stops the one playing, except the next item's name, which
//! waits for the verdict before it. The sound toggle stops the voice and the volume applies.
//! Where clips go is a [`VoiceOutput`]: the sound thread (audio.rs), nothing (headless), or a
//! test's recorder. A missing clip is skipped; nothing here waits on audio.

use std::collections::HashMap;
use std::path::PathBuf;

use bevy::prelude::*;

use super::chrome::SoundSettings;
use super::language::{Arg, CurrentLang, Says};
use super::screens::Screen;
use super::screens::lifecycle::Journey;
use super::screens::sorting::{Feedback, Judged, Shown, feedback_words};
use super::{Exhibit, Play};
use crate::content::Detail;
use crate::i18n::Lang;
use crate::voice::{self, Keys};

pub(super) fn plugin(app: &mut App) {
    app.add_message::<Speak>();
    app.init_resource::<VoiceOutput>();
    // Filled in the first frame (the exhibit counts as changed then) and on a scenario switch.
    app.init_resource::<VoiceIndex>();
    app.add_systems(OnEnter(Screen::Audience), ask_who_plays);
    app.add_systems(OnEnter(Screen::Results), say_results);
    // After the frame's game systems, so a drop's verdict is spoken in the frame it is judged.
    app.add_systems(
        PostUpdate,
        (
            (say_new_item, say_verdicts).run_if(in_state(Screen::Sorting)),
            say_lifecycle_heading
                .run_if(in_state(Screen::Lifecycle).and_then(resource_changed::<Journey>)),
            index_voice.run_if(resource_changed::<Exhibit>),
            speak,
            hush_when_muted,
        )
            .chain(),
    );
}

/// Say these texts, in order. `after_current`: wait for what is being said (else stop it).
#[derive(Message, Clone, Debug, PartialEq)]
pub struct Speak {
    pub says: Vec<Says>,
    pub after_current: bool,
}

impl Speak {
    fn now(says: Vec<Says>) -> Self {
        Speak {
            says,
            after_current: false,
        }
    }
}

/// One speech handed to the output: the clips' keys in order, the files found for them (a key
/// without a file is skipped), the volume, and whether it waits for the speech before it.
#[derive(Clone, Debug, PartialEq)]
pub struct Speech {
    pub keys: Vec<String>,
    pub clips: Vec<PathBuf>,
    pub volume: f32,
    pub after_current: bool,
}

/// Where speeches go. Implementations must not block.
pub trait Speaker: Send + Sync + 'static {
    fn say(&self, speech: Speech);
    /// Stop the voice now.
    fn hush(&self);
}

/// The exhibit's voice output; silent unless the audio plugin (or a test) puts one in.
#[derive(Resource)]
pub struct VoiceOutput(pub Box<dyn Speaker>);

impl Default for VoiceOutput {
    fn default() -> Self {
        VoiceOutput(Box::new(Silent))
    }
}

struct Silent;

impl Speaker for Silent {
    fn say(&self, _: Speech) {}
    fn hush(&self) {}
}

/// The running scenario's texts by what they say, and the clip of each key that speaks the
/// current text (the first voice directory that has one). Read from the manifests when the
/// exhibit starts or its scenario changes, so speaking never looks at the disk in a frame.
#[derive(Resource, Default)]
struct VoiceIndex {
    keys: Keys,
    clips: HashMap<(Lang, String), PathBuf>,
}

impl VoiceIndex {
    fn new(exhibit: &Exhibit) -> Self {
        let mut clips = HashMap::new();
        for lang in Lang::ALL {
            let lines = voice::script(&exhibit.scenario, &exhibit.messages, lang);
            for dir in &exhibit.voice_dirs {
                for (key, path) in voice::current_clips(dir, lang, &lines) {
                    clips.entry((lang, key)).or_insert(path);
                }
            }
        }
        VoiceIndex {
            keys: Keys::new(&exhibit.scenario),
            clips,
        }
    }
}

fn index_voice(exhibit: Res<Exhibit>, mut index: ResMut<VoiceIndex>) {
    *index = VoiceIndex::new(&exhibit);
}

/// What a speaker button reads: fixed texts, or what its card shows at the moment of the touch.
#[derive(Component, Clone, Debug)]
pub enum ReadAloud {
    Texts(Vec<Says>),
    /// The item being sorted (its card's name).
    CurrentItem,
    /// The verdict on the last drop, its explanation and Gufi's tip.
    LastVerdict,
}

/// A touch on a speaker button: read its card. It does not reach the card (no drag, no dismissal).
pub fn read_aloud(
    mut click: On<Pointer<Click>>,
    buttons: Query<&ReadAloud>,
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    shown: Res<Shown>,
    feedback: Res<Feedback>,
    mut speak: MessageWriter<Speak>,
) {
    click.propagate(false);
    let Ok(what) = buttons.get(click.entity) else {
        return;
    };
    let says = match what {
        ReadAloud::Texts(says) => says.clone(),
        ReadAloud::CurrentItem => shown_item_name(&exhibit, &play, &shown)
            .into_iter()
            .collect(),
        ReadAloud::LastVerdict => feedback
            .last
            .as_ref()
            .and_then(|verdict| feedback_words(&exhibit.scenario, &play, verdict))
            .map(|words| words.spoken())
            .unwrap_or_default(),
    };
    if !says.is_empty() {
        speak.write(Speak::now(says));
    }
}

/// The name on the item card: the item the screen shows (while the right bin swallows the last
/// one, the card still shows it, not the round's next).
fn shown_item_name(exhibit: &Exhibit, play: &Play, shown: &Shown) -> Option<Says> {
    let item = play.round.as_ref()?.items.get(shown.index?)?;
    let item = exhibit.scenario.item(&item.item)?;
    Some(Says::Scenario(item.name.clone()))
}

/// The round's audience reads short texts (the younger pupils): the exhibit speaks to them
/// without being asked.
fn speaks_unasked(exhibit: &Exhibit, play: &Play) -> bool {
    play.round
        .as_ref()
        .and_then(|round| exhibit.scenario.audience(&round.audience))
        .is_some_and(|audience| audience.detail == Detail::Short)
}

fn ask_who_plays(mut speak: MessageWriter<Speak>) {
    speak.write(Speak::now(vec![Says::Ui("exhibit-choose-audience")]));
}

/// The item's name as its card appears (after the verdict on the one before).
fn say_new_item(
    shown: Res<Shown>,
    play: Res<Play>,
    exhibit: Res<Exhibit>,
    mut said: Local<Option<(u64, usize)>>,
    mut speak: MessageWriter<Speak>,
) {
    let Some(index) = shown.index else {
        return;
    };
    let now = (play.rounds_started, index);
    if *said == Some(now) || !speaks_unasked(&exhibit, &play) {
        return;
    }
    *said = Some(now);
    if let Some(name) = shown_item_name(&exhibit, &play, &shown) {
        speak.write(Speak {
            says: vec![name],
            after_current: true,
        });
    }
}

fn say_verdicts(
    mut judged: MessageReader<Judged>,
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    mut speak: MessageWriter<Speak>,
) {
    for verdict in judged.read() {
        if !speaks_unasked(&exhibit, &play) {
            continue;
        }
        if let Some(words) = feedback_words(&exhibit.scenario, &play, verdict) {
            speak.write(Speak::now(words.spoken()));
        }
    }
}

fn say_lifecycle_heading(
    journey: Res<Journey>,
    exhibit: Res<Exhibit>,
    play: Res<Play>,
    mut speak: MessageWriter<Speak>,
) {
    if !speaks_unasked(&exhibit, &play) {
        return;
    }
    let Some(bin) = journey.bin(&exhibit.scenario) else {
        return;
    };
    speak.write(Speak::now(vec![
        Says::Ui("exhibit-lifecycle-title"),
        Says::Scenario(bin.name.clone()),
    ]));
}

fn say_results(exhibit: Res<Exhibit>, play: Res<Play>, mut speak: MessageWriter<Speak>) {
    let Some(round) = play.round.as_ref() else {
        return;
    };
    if speaks_unasked(&exhibit, &play) {
        speak.write(Speak::now(
            super::screens::results::score_words(round).to_vec(),
        ));
    }
}

/// The clips' keys for what a text says, in `lang`.
fn keys_of(says: &Says, exhibit: &Exhibit, keys: &Keys, lang: Lang) -> Vec<String> {
    let (id, args): (&str, &[(&str, Arg)]) = match says {
        Says::Ui(id) => (id, &[]),
        Says::UiWith(id, args) => (id, args),
        Says::Scenario(text) => return keys.of(text).map(str::to_string).into_iter().collect(),
        Says::Same(_) => return Vec::new(),
    };
    voice::message_keys(&exhibit.messages, lang, id, |name| {
        match args.iter().find(|(n, _)| *n == name).map(|(_, arg)| arg) {
            Some(Arg::Number(n)) => voice::number_key(*n).into_iter().collect(),
            Some(Arg::Words(text)) => keys.of(text).map(str::to_string).into_iter().collect(),
            None => Vec::new(),
        }
    })
    .unwrap_or_default()
}

fn speak(
    mut requests: MessageReader<Speak>,
    exhibit: Res<Exhibit>,
    index: Res<VoiceIndex>,
    lang: Res<CurrentLang>,
    sound: Res<SoundSettings>,
    output: Res<VoiceOutput>,
) {
    for request in requests.read() {
        if sound.muted {
            continue;
        }
        let keys: Vec<String> = request
            .says
            .iter()
            .flat_map(|says| keys_of(says, &exhibit, &index.keys, lang.0))
            .collect();
        let clips = keys
            .iter()
            .filter_map(|key| index.clips.get(&(lang.0, key.clone())).cloned())
            .collect();
        debug!("voice: {}", keys.join(" "));
        output.0.say(Speech {
            keys,
            clips,
            volume: sound.volume,
            after_current: request.after_current,
        });
    }
}

/// Muting stops the voice at once; so does a change of language (the words on screen changed).
fn hush_when_muted(sound: Res<SoundSettings>, lang: Res<CurrentLang>, output: Res<VoiceOutput>) {
    if (sound.is_changed() && sound.muted) || (lang.is_changed() && !lang.is_added()) {
        output.0.hush();
    }
}
