//! Languages and bilingual text. Ukrainian comes first everywhere; English is complete too.

use serde::{Deserialize, Serialize};

/// A language a person reads the project in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

    /// The language of a code (`uk`, `en`), as a command line or a cookie gives it.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }
}

/// Something a person reads — an error, a refusal, an outcome — worded where it is shown (the
/// command line, the kiosk's guide panel, a page), in the reader's language, through the Fluent
/// messages. Library code returns such values as data and never words them itself.
pub trait Wording {
    fn words(&self, messages: &Messages, lang: Lang) -> String;
}

/// The messages in one reader's language: what a front end words everything with.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub lang: Lang,
    messages: &'static Messages,
}

impl Words {
    /// The reader's words. The messages are parsed once for the whole process (a server words
    /// every request).
    pub fn new(lang: Lang) -> Self {
        static MESSAGES: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
        Words {
            lang,
            messages: MESSAGES.get_or_init(Messages::new),
        }
    }

    /// The message `id` with named arguments.
    pub fn say(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.messages.get(self.lang, id, args)
    }

    /// The message `id` without arguments.
    pub fn text(&self, id: &str) -> String {
        self.messages.text(self.lang, id)
    }

    /// Anything worded (an error, a problem) in this reader's language.
    pub fn of(&self, worded: &(impl Wording + ?Sized)) -> String {
        worded.words(self.messages, self.lang)
    }

    /// A text carried in both languages, in this reader's.
    pub fn pick<'a>(&self, text: &'a Text) -> &'a str {
        text.get(self.lang)
    }

    /// A word a data file writes in one form for both languages (a unit such as "visits", a
    /// sector such as "solid-waste"): its translation when the messages have `<kind>-<word>`,
    /// else the word as written ("%" and "мкг/м³" need none).
    pub fn term(&self, kind: &str, word: &str) -> String {
        let id = format!("{kind}-{word}");
        let translated = self.text(&id);
        if translated == id {
            word.to_string()
        } else {
            translated
        }
    }

    /// A date as the reader writes it in running text: 25.11.2026 in Ukrainian, 2026-11-25 in
    /// English (unambiguous for every English reader).
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        match self.lang {
            Lang::Uk => date.format("%d.%m.%Y").to_string(),
            Lang::En => date.to_string(),
        }
    }

    /// A number with `decimals` decimals, as the reader writes it.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        format_number(value, decimals, self.lang)
    }

    pub fn messages(&self) -> &Messages {
        self.messages
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

    /// A text made for one reader, already in their language (such as a Fluent message rendered
    /// in the language they chose): both sides hold it.
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Text {
            uk: text.clone(),
            en: text,
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

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

const UK_FTL: &str = include_str!("../../assets/i18n/uk.ftl");
const EN_FTL: &str = include_str!("../../assets/i18n/en.ftl");

/// The UI strings of both languages (Fluent, from assets/i18n/*.ftl, built into the program so it
/// speaks wherever it is started).
pub struct Messages {
    uk: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Messages")
    }
}

impl Default for Messages {
    fn default() -> Self {
        Self::new()
    }
}

impl Messages {
    pub fn new() -> Self {
        Messages {
            uk: bundle("uk", UK_FTL),
            en: bundle("en", EN_FTL),
        }
    }

    /// The message `id` in `lang`, with named arguments. A missing message shows its id, so a gap
    /// is visible rather than silent (tests/it/messages.rs keeps every id the code asks for in
    /// both files, and every id of the files in use).
    pub fn get(&self, lang: Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// The message with no arguments.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.get(lang, id, &[])
    }

    /// The message `id` cut at its arguments: its fixed texts and, between them, the names of the
    /// arguments, in order (the voice speaks a message as a sequence of clips). None for a missing
    /// message or one that chooses between variants (plurals) or refers to others.
    pub fn parts(&self, lang: Lang, id: &str) -> Option<Vec<MessagePart>> {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        let bundle = match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        };
        let pattern = bundle.get_message(id)?.value()?;
        pattern
            .elements
            .iter()
            .map(|element| match element {
                PatternElement::TextElement { value } => Some(MessagePart::Text(value.to_string())),
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id }),
                } => Some(MessagePart::Argument(id.name.to_string())),
                PatternElement::Placeable { .. } => None,
            })
            .collect()
    }

    /// Ids of every message of a language, to check the two files against each other.
    pub fn ids(&self, lang: Lang) -> Vec<String> {
        let source = match lang {
            Lang::Uk => UK_FTL,
            Lang::En => EN_FTL,
        };
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }
}

/// A piece of a message: fixed text, or where a named argument goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessagePart {
    Text(String),
    Argument(String),
}

fn bundle(code: &str, source: &str) -> FluentBundle<FluentResource> {
    let langid: unic_langid::LanguageIdentifier = code.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Bidi isolation marks would show as boxes in the kiosk font and in terminals.
    bundle.set_use_isolating(false);
    // The .ftl files are part of the program; a syntax error is caught by the tests below, and the
    // entries that did parse are still used.
    let resource =
        FluentResource::try_new(source.to_string()).unwrap_or_else(|(resource, _)| resource);
    let _ = bundle.add_resource(resource);
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ftl_files_parse_and_have_the_same_messages() {
        for source in [UK_FTL, EN_FTL] {
            assert!(FluentResource::try_new(source.to_string()).is_ok());
        }
        let messages = Messages::new();
        let mut uk = messages.ids(Lang::Uk);
        let mut en = messages.ids(Lang::En);
        uk.sort();
        en.sort();
        assert_eq!(uk, en);
    }

    #[test]
    fn ukrainian_plurals_follow_ukrainian_rules() {
        let m = Messages::new();
        let files = |n: i64| m.get(Lang::Uk, "check-summary-clean", &[("files", n.into())]);
        assert_eq!(files(1), "Перевірено 1 файл. Проблем не знайдено.");
        assert_eq!(files(3), "Перевірено 3 файли. Проблем не знайдено.");
        assert_eq!(files(5), "Перевірено 5 файлів. Проблем не знайдено.");
        assert_eq!(files(21), "Перевірено 21 файл. Проблем не знайдено.");
        assert_eq!(
            m.get(Lang::En, "check-summary-clean", &[("files", 1.into())]),
            "Checked 1 file: no problems."
        );
    }

    #[test]
    fn a_missing_message_shows_its_id() {
        assert_eq!(
            Messages::new().text(Lang::En, "no-such-message"),
            "no-such-message"
        );
    }

    #[test]
    fn text_pairs_pick_the_language() {
        let text = Text::new("Скло", "Glass");
        assert_eq!(text.get(Lang::Uk), "Скло");
        assert_eq!(text.get(Lang::En), "Glass");
        assert_eq!(Text::new(" ", "x").blank_languages(), vec![Lang::Uk]);
    }
}

/// A number as a reader of `lang` writes it: Ukrainian groups thousands with a no-break space and
/// uses a decimal comma (27 000; 12,5), English a comma and a dot (27,000; 12.5).
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::Uk => ('\u{a0}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 && whole.len() > 4 {
            grouped.push(group);
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// Decimals worth showing: none for whole or large numbers, one from 10, two from 1, and two
/// significant digits below 1 (0.011 stays 0.011, not 0.01).
pub fn sensible_decimals(value: f64) -> usize {
    let size = value.abs();
    if value.fract() == 0.0 || size >= 1000.0 || !size.is_finite() {
        0
    } else if size >= 10.0 {
        1
    } else if size >= 1.0 {
        2
    } else {
        ((-size.log10()).floor() as usize + 2).min(8)
    }
}

#[cfg(test)]
mod number_tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(format_number(27000.0, 0, Lang::Uk), "27\u{a0}000");
        assert_eq!(format_number(27000.0, 0, Lang::En), "27,000");
        assert_eq!(format_number(12.5, 1, Lang::Uk), "12,5");
        assert_eq!(format_number(1234567.891, 2, Lang::En), "1,234,567.89");
        assert_eq!(format_number(-0.04, 1, Lang::En), "0.0");
        assert_eq!(format_number(-3.25, 2, Lang::Uk), "-3,25");
        // Four digits stay together, as both languages' style guides prefer.
        assert_eq!(format_number(2026.0, 0, Lang::Uk), "2026");
    }

    #[test]
    fn small_values_keep_two_significant_digits() {
        assert_eq!(sensible_decimals(0.011), 3);
        assert_eq!(sensible_decimals(0.5), 2);
        assert_eq!(sensible_decimals(12.5), 1);
        assert_eq!(sensible_decimals(27000.0), 0);
        assert_eq!(
            format_number(0.011, sensible_decimals(0.011), Lang::Uk),
            "0,011"
        );
    }
}
