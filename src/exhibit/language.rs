//! What each text says, in the language of the moment: switching language re-words every text on
//! screen at once.

use bevy::prelude::*;
use fluent_bundle::FluentValue;

use super::Exhibit;
use crate::i18n::{self, Lang};

#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CurrentLang(pub Lang);

/// An argument of a UI message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Number(i64),
    Words(i18n::Text),
}

/// What a text entity says: a UI message from the Fluent files, or a text from the scenario.
#[derive(Component, Clone, Debug, PartialEq)]
pub enum Says {
    Ui(&'static str),
    UiWith(&'static str, Vec<(&'static str, Arg)>),
    Scenario(i18n::Text),
    /// Fixed text that reads the same in both languages (a number, a language code).
    Same(String),
}

impl Says {
    pub fn words(&self, exhibit: &Exhibit, lang: Lang) -> String {
        match self {
            Says::Ui(id) => exhibit.messages.text(lang, id),
            Says::UiWith(id, args) => {
                let values: Vec<(&str, FluentValue<'_>)> = args
                    .iter()
                    .map(|(name, arg)| {
                        let value = match arg {
                            Arg::Number(n) => FluentValue::from(*n),
                            Arg::Words(text) => FluentValue::from(text.get(lang).to_string()),
                        };
                        (*name, value)
                    })
                    .collect();
                exhibit.messages.get(lang, id, &values)
            }
            Says::Scenario(text) => text.get(lang).to_string(),
            Says::Same(text) => text.clone(),
        }
    }
}

/// Switch to another language (the УКР | ENG buttons send it).
#[derive(Message, Clone, Copy, Debug)]
pub struct SwitchLanguage(pub Lang);

pub(super) fn plugin(app: &mut App) {
    app.add_message::<SwitchLanguage>();
    app.add_systems(
        Update,
        (switch_language, reword_all, word_new_texts).chain(),
    );
}

fn switch_language(mut switches: MessageReader<SwitchLanguage>, mut lang: ResMut<CurrentLang>) {
    if let Some(SwitchLanguage(next)) = switches.read().last() {
        lang.set_if_neq(CurrentLang(*next));
    }
}

fn reword_all(lang: Res<CurrentLang>, exhibit: Res<Exhibit>, mut texts: Query<(&Says, &mut Text)>) {
    if !lang.is_changed() {
        return;
    }
    for (says, mut text) in &mut texts {
        text.0 = says.words(&exhibit, lang.0);
    }
}

fn word_new_texts(
    lang: Res<CurrentLang>,
    exhibit: Res<Exhibit>,
    mut texts: Query<(&Says, &mut Text), Changed<Says>>,
) {
    for (says, mut text) in &mut texts {
        let words = says.words(&exhibit, lang.0);
        if text.0 != words {
            text.0 = words;
        }
    }
}
