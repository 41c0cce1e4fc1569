//! Languages and bilingual text. Ukrainian comes first everywhere; English is complete too.

use serde::{Deserialize, Serialize};

/// A language a person reads the project in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Uk,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Uk, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Uk => "uk",
            Lang::En => "en",
        }
    }
}

/// A text shown to a person, in both languages. Both are required and must not be blank.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub uk: String,
    pub en: String,
}

impl Text {
    pub fn new(uk: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            uk: uk.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        }
    }

    /// The languages whose text is missing (empty or only white space).
    pub fn blank_languages(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|lang| self.get(*lang).trim().is_empty())
            .collect()
    }
}
