//! The exhibit's scenario: bins, items, the lifecycle of each fraction, facts with sources, audiences
//! and the exhibit's settings. Loaded from RON, then validated as a whole.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Problem, Problems, parse_ron, read_text_file};
use crate::i18n::{Lang, Text};

/// The bounds `check` enforces on the exhibit's numbers.
pub const IDLE_TIMEOUT_SECS: std::ops::RangeInclusive<u32> = 10..=600;
pub const ITEMS_PER_ROUND: std::ops::RangeInclusive<u32> = 3..=30;

/// The longest item name and explanation the sorting screen holds at 1280×720 in both languages,
/// seen in screenshots (the name wraps to three lines in its card; the explanation fills the
/// feedback card). Longer texts would spill over the bins.
pub const MAX_ITEM_NAME_CHARS: usize = 40;
pub const MAX_WHY_FULL_CHARS: usize = 260;
/// A tip, in Gufi's bubble above him (four lines at 80 characters).
pub const MAX_TIP_CHARS: usize = 80;
pub const COUNTDOWN_SECS: std::ops::RangeInclusive<u32> = 3..=60;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub settings: Settings,
    pub audiences: Vec<Audience>,
    pub bins: Vec<Bin>,
    pub items: Vec<Item>,
    pub facts: Vec<Fact>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Seconds without a touch before the "still playing?" countdown starts.
    pub idle_timeout_secs: u32,
    /// Length of that countdown, in seconds.
    pub countdown_secs: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            idle_timeout_secs: 90,
            countdown_secs: 10,
        }
    }
}

/// How deep the explanations go for an audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Detail {
    /// Short words for younger pupils: the `why_short` texts.
    Short,
    /// The full explanation with numbers: the `why_full` texts.
    Full,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub id: String,
    pub name: Text,
    pub picture: String,
    pub items_per_round: u32,
    pub detail: Detail,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bin {
    pub id: String,
    pub name: Text,
    /// Colour band of the bin, `#RRGGBB`. Never the only signal: icon and name go with it.
    pub colour: String,
    pub icon: String,
    pub description: Text,
    /// The path this fraction takes in the city, 3 to 6 steps.
    pub lifecycle: Vec<Stage>,
}

/// Whether a facility on a lifecycle path is running today or still planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FacilityStatus {
    #[default]
    Running,
    Planned,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub title: Text,
    pub text: Text,
    pub picture: String,
    #[serde(default)]
    pub status: FacilityStatus,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name: Text,
    pub picture: String,
    pub bin: String,
    pub audiences: Vec<String>,
    pub why_short: Text,
    pub why_full: Text,
    #[serde(default)]
    pub tip: Option<Text>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub text: Text,
    pub source: String,
    /// Audiences this fact suits; empty means every audience.
    #[serde(default)]
    pub audiences: Vec<String>,
}

impl Scenario {
    /// Every picture the scenario names, relative to its assets directory, each once.
    pub fn asset_paths(&self) -> std::collections::BTreeSet<String> {
        let mut paths = std::collections::BTreeSet::new();
        paths.extend(self.audiences.iter().map(|a| a.picture.clone()));
        for bin in &self.bins {
            paths.insert(bin.icon.clone());
            paths.extend(bin.lifecycle.iter().map(|stage| stage.picture.clone()));
        }
        paths.extend(self.items.iter().map(|item| item.picture.clone()));
        paths.retain(|path| !path.is_empty());
        paths
    }

    pub fn bin(&self, id: &str) -> Option<&Bin> {
        self.bins.iter().find(|bin| bin.id == id)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|audience| audience.id == id)
    }

    /// The items that an audience plays with, in file order.
    pub fn items_for<'a>(&'a self, audience: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |item| item.audiences.iter().any(|a| a == audience))
    }
}

/// Reads, parses and validates a scenario file. Pictures are looked up under `assets_dir`.
pub fn load(path: &Path, assets_dir: &Path) -> Result<Scenario, Problems> {
    let text = read_text_file(path)?;
    from_text(path, &text, assets_dir)
}

/// Parses and validates scenario text; `path` only names the file in problems.
pub fn from_text(path: &Path, text: &str, assets_dir: &Path) -> Result<Scenario, Problems> {
    let scenario: Scenario = parse_ron(path, text)?;
    let problems: Vec<Problem> = validate(&scenario, assets_dir)
        .into_iter()
        .map(|message| Problem::in_file(path, message))
        .collect();
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(Problems(problems))
    }
}

/// The assets directory for a scenario file: `assets/` beside its `scenarios/` folder when there is
/// one, else the assets that ship with the program.
pub fn assets_dir_for(scenario_path: &Path) -> PathBuf {
    let beside = scenario_path
        .parent()
        .and_then(Path::parent)
        .map(|root| root.join("assets"))
        .filter(|dir| dir.is_dir());
    beside.unwrap_or_else(crate::shipped_assets_dir)
}

/// Every semantic problem of a scenario, each naming the entry and field.
pub fn validate(scenario: &Scenario, assets_dir: &Path) -> Vec<Text> {
    let mut v = Validator {
        problems: Vec::new(),
        assets_dir,
    };
    let whole = Text::new("сценарій", "scenario");
    v.id(&whole, "id", &scenario.id);
    v.text(&whole, "title", &scenario.title);
    v.settings(&scenario.settings);

    v.unique(
        Kind::Audience,
        scenario.audiences.iter().map(|a| a.id.as_str()),
    );
    v.unique(Kind::Bin, scenario.bins.iter().map(|b| b.id.as_str()));
    v.unique(Kind::Item, scenario.items.iter().map(|i| i.id.as_str()));
    v.unique(Kind::Fact, scenario.facts.iter().map(|f| f.id.as_str()));
    for (section, kind, count) in [
        ("audiences", "audience", scenario.audiences.len()),
        ("bins", "bin", scenario.bins.len()),
        ("items", "item", scenario.items.len()),
        ("facts", "fact", scenario.facts.len()),
    ] {
        if count == 0 {
            v.push(
                format!("розділ {section} порожній: потрібен хоча б один запис"),
                format!("the scenario has no {kind}; at least one is needed"),
            );
        }
    }

    let audience_ids: HashSet<&str> = scenario.audiences.iter().map(|a| a.id.as_str()).collect();
    let bin_ids: HashSet<&str> = scenario.bins.iter().map(|b| b.id.as_str()).collect();

    for audience in &scenario.audiences {
        let entry = Kind::Audience.entry(&audience.id);
        v.id(&entry, "id", &audience.id);
        v.text(&entry, "name", &audience.name);
        v.picture(&entry, "picture", &audience.picture);
        let per_round = audience.items_per_round;
        if !ITEMS_PER_ROUND.contains(&per_round) {
            let (low, high) = (ITEMS_PER_ROUND.start(), ITEMS_PER_ROUND.end());
            v.push(
                format!(
                    "{}: items_per_round = {per_round}, а має бути від {low} до {high}",
                    entry.uk
                ),
                format!(
                    "{}: items_per_round is {per_round}, must be from {low} to {high}",
                    entry.en
                ),
            );
        }
        let available = scenario.items_for(&audience.id).count();
        if available < per_round as usize {
            v.push(
                format!(
                    "{}: items_per_round = {per_round}, а предметів для цієї аудиторії позначено лише {available}",
                    entry.uk
                ),
                format!(
                    "{}: items_per_round is {per_round} but only {available} items are marked for this audience",
                    entry.en
                ),
            );
        }
    }

    for bin in &scenario.bins {
        let entry = Kind::Bin.entry(&bin.id);
        v.id(&entry, "id", &bin.id);
        v.text(&entry, "name", &bin.name);
        v.text(&entry, "description", &bin.description);
        v.picture(&entry, "icon", &bin.icon);
        if parse_hex_colour(&bin.colour).is_none() {
            v.push(
                format!(
                    "{}: колір \"{}\" має бути у вигляді #RRGGBB",
                    entry.uk, bin.colour
                ),
                format!(
                    "{}: colour \"{}\" is not of the form #RRGGBB",
                    entry.en, bin.colour
                ),
            );
        }
        let steps = bin.lifecycle.len();
        if !(3..=6).contains(&steps) {
            v.push(
                format!(
                    "{}: кроків у lifecycle: {steps}, а має бути від 3 до 6",
                    entry.uk
                ),
                format!(
                    "{}: lifecycle has {steps} steps, must have from 3 to 6",
                    entry.en
                ),
            );
        }
        for (index, stage) in bin.lifecycle.iter().enumerate() {
            let step = index + 1;
            let entry = Text::new(
                format!("{}, крок {step} у lifecycle", entry.uk),
                format!("{}: lifecycle step {step}", entry.en),
            );
            v.text(&entry, "title", &stage.title);
            v.text(&entry, "text", &stage.text);
            v.picture(&entry, "picture", &stage.picture);
            v.source(&entry, &stage.source);
        }
        if !scenario.items.iter().any(|item| item.bin == bin.id) {
            v.push(
                format!(
                    "{}: жоден предмет не належить до цього контейнера",
                    entry.uk
                ),
                format!("{}: no item belongs in this bin", entry.en),
            );
        }
    }

    for item in &scenario.items {
        let entry = Kind::Item.entry(&item.id);
        v.id(&entry, "id", &item.id);
        v.text(&entry, "name", &item.name);
        v.fits(&entry, "name", &item.name, MAX_ITEM_NAME_CHARS);
        v.text(&entry, "why_short", &item.why_short);
        v.text(&entry, "why_full", &item.why_full);
        v.fits(&entry, "why_full", &item.why_full, MAX_WHY_FULL_CHARS);
        if let Some(tip) = &item.tip {
            v.text(&entry, "tip", tip);
            v.fits(&entry, "tip", tip, MAX_TIP_CHARS);
        }
        if let Some(source) = &item.source {
            v.source(&entry, source);
        }
        v.picture(&entry, "picture", &item.picture);
        v.references(&entry, Kind::Bin, std::slice::from_ref(&item.bin), &bin_ids);
        if item.audiences.is_empty() {
            v.push(
                format!(
                    "{}: список audiences порожній: вкажіть хоча б одну аудиторію",
                    entry.uk
                ),
                format!(
                    "{}: audiences is empty; name at least one audience",
                    entry.en
                ),
            );
        }
        v.references(&entry, Kind::Audience, &item.audiences, &audience_ids);
    }

    for fact in &scenario.facts {
        let entry = Kind::Fact.entry(&fact.id);
        v.id(&entry, "id", &fact.id);
        v.text(&entry, "text", &fact.text);
        v.source(&entry, &fact.source);
        v.references(&entry, Kind::Audience, &fact.audiences, &audience_ids);
    }
    v.problems
}

/// What a scenario entry is, for naming it in a problem.
#[derive(Clone, Copy)]
enum Kind {
    Audience,
    Bin,
    Item,
    Fact,
}

impl Kind {
    /// The word for one entry: Ukrainian nominative and genitive, and English.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kind::Audience => ("аудиторія", "аудиторії", "audience"),
            Kind::Bin => ("контейнер", "контейнера", "bin"),
            Kind::Item => ("предмет", "предмета", "item"),
            Kind::Fact => ("факт", "факту", "fact"),
        }
    }

    /// `item "a"` / `предмет "a"`.
    fn entry(self, id: &str) -> Text {
        let (uk, _, en) = self.words();
        Text::new(format!("{uk} \"{id}\""), format!("{en} \"{id}\""))
    }
}

struct Validator<'a> {
    problems: Vec<Text>,
    assets_dir: &'a Path,
}

impl Validator<'_> {
    fn push(&mut self, uk: String, en: String) {
        self.problems.push(Text::new(uk, en));
    }

    fn settings(&mut self, settings: &Settings) {
        for (field, value, range) in [
            (
                "idle_timeout_secs",
                settings.idle_timeout_secs,
                IDLE_TIMEOUT_SECS,
            ),
            ("countdown_secs", settings.countdown_secs, COUNTDOWN_SECS),
        ] {
            if !range.contains(&value) {
                let (low, high) = (range.start(), range.end());
                self.push(
                    format!("settings: {field} = {value}, а має бути від {low} до {high}"),
                    format!("settings: {field} is {value}, must be from {low} to {high}"),
                );
            }
        }
    }

    fn id(&mut self, entry: &Text, field: &str, id: &str) {
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            self.push(
                format!(
                    "{}: {field} \"{id}\" має складатися з малих латинських літер, цифр, '-' або '_'",
                    entry.uk
                ),
                format!(
                    "{}: {field} \"{id}\" must be lowercase Latin letters, digits, '-' or '_'",
                    entry.en
                ),
            );
        }
    }

    fn unique<'s>(&mut self, kind: Kind, ids: impl Iterator<Item = &'s str>) {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                let entry = kind.entry(id);
                self.push(
                    format!("{}: цей id повторюється", entry.uk),
                    format!("{}: the id is used twice", entry.en),
                );
            }
        }
    }

    fn text(&mut self, entry: &Text, field: &str, text: &Text) {
        for lang in text.blank_languages() {
            let code = lang.code();
            self.push(
                format!("{}: поле {field}.{code} порожнє", entry.uk),
                format!("{}: {field}.{code} is empty", entry.en),
            );
        }
    }

    fn fits(&mut self, entry: &Text, field: &str, text: &Text, max_chars: usize) {
        for lang in Lang::ALL {
            let chars = text.get(lang).trim().chars().count();
            if chars > max_chars {
                let code = lang.code();
                self.push(
                    format!(
                        "{}: поле {field}.{code} задовге для екрана: {chars} симв., а вміщається щонайбільше {max_chars}",
                        entry.uk
                    ),
                    format!(
                        "{}: {field}.{code} has {chars} characters; the screen holds at most {max_chars}",
                        entry.en
                    ),
                );
            }
        }
    }

    fn source(&mut self, entry: &Text, source: &str) {
        if source.trim().is_empty() {
            self.push(
                format!(
                    "{}: поле source порожнє, а кожен факт, який бачать відвідувачі, потребує джерела",
                    entry.uk
                ),
                format!(
                    "{}: source is empty; every fact shown to visitors needs one",
                    entry.en
                ),
            );
        }
    }

    fn picture(&mut self, entry: &Text, field: &str, relative: &str) {
        let path = Path::new(relative);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        if relative.trim().is_empty() || escapes {
            self.push(
                format!(
                    "{}: {field} \"{relative}\" має бути шляхом усередині assets/, як-от \"items/pet-bottle.png\"",
                    entry.uk
                ),
                format!(
                    "{}: {field} \"{relative}\" must be a path inside assets/, like \"items/pet-bottle.png\"",
                    entry.en
                ),
            );
        } else if !self.assets_dir.join(path).is_file() {
            let assets = self.assets_dir.display();
            self.push(
                format!(
                    "{}: {field} \"{relative}\" не знайдено в {assets}",
                    entry.uk
                ),
                format!(
                    "{}: {field} \"{relative}\" does not exist under {assets}",
                    entry.en
                ),
            );
        }
    }

    fn references(&mut self, entry: &Text, kind: Kind, ids: &[String], known: &HashSet<&str>) {
        let (_, genitive, en) = kind.words();
        for id in ids {
            if !known.contains(id.as_str()) {
                self.push(
                    format!("{}: {genitive} \"{id}\" немає в сценарії", entry.uk),
                    format!("{}: {en} \"{id}\" does not exist", entry.en),
                );
            }
        }
    }
}

/// `#RRGGBB` to its three bytes.
pub fn parse_hex_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

#[cfg(test)]
mod tests;
