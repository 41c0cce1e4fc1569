//! The exhibit's voice as content: a clip for every text the younger audience meets, in
//! `assets/voice/{uk,en}/<key>.ogg`, named by a stable key derived from the scenario (an item's id
//! and field, a bin's id and lifecycle step) or from the Fluent message id.
//!
//! A message built from parts ("Це сюди: { $bin }") is spoken as a sequence of clips: its fixed
//! texts (`msg.<id>.0`, `msg.<id>.1`, ...) with the arguments between them (a bin's name is the
//! bin's clip, a number from 0 to 20 is `number.<n>`). Beside the clips, `made-from.tsv` keeps for
//! each clip the hash of the text it was made from and who made it, so `check` can say which clips
//! no longer match their text. Nothing here needs bevy: the script, the notes and the stamps work
//! in every build; the exhibit plays the clips (`exhibit::voice`).

use std::collections::{BTreeMap, HashMap};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::Scenario;
use crate::i18n::{Lang, MessagePart, Messages, Text};

/// The clips' folder inside an assets directory.
pub const DIR: &str = "voice";
/// Ogg Vorbis: the only decoder the exhibit enables.
pub const EXTENSION: &str = "ogg";
/// Per language: `key<TAB>hash of the text<TAB>who made the clip<TAB>the text`.
pub const MANIFEST: &str = "made-from.tsv";
/// Numbers spoken in messages ("3 з 5") have clips from 0 to 20.
pub const NUMBERS: RangeInclusive<i64> = 0..=20;
/// Who made the shipped clips (`tools/make-voice.sh`).
pub const SYNTHETIC: &str = "espeak-ng";
/// The default maker of a stamped clip: a person recorded it.
pub const RECORDED: &str = "recorded";

/// The UI messages the exhibit speaks, in the order a visitor meets them.
pub const SPOKEN_MESSAGES: &[&str] = &[
    "exhibit-touch-to-start",
    "exhibit-choose-audience",
    "exhibit-right",
    "exhibit-almost",
    "exhibit-belongs-in",
    "exhibit-try-again",
    "exhibit-tip",
    "exhibit-lifecycle-title",
    "exhibit-planned",
    "exhibit-results-title",
    "exhibit-first-try",
    "exhibit-all-right",
    "exhibit-missed",
];

/// One text to record: its key and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub key: String,
    pub text: String,
}

/// The scenario's spoken texts with their keys, in the order of the file.
pub fn scenario_texts(scenario: &Scenario) -> Vec<(String, &Text)> {
    let mut texts = Vec::new();
    for audience in &scenario.audiences {
        texts.push((format!("audience.{}.name", audience.id), &audience.name));
    }
    for bin in &scenario.bins {
        texts.push((format!("bin.{}.name", bin.id), &bin.name));
        for (n, stage) in bin.lifecycle.iter().enumerate() {
            let step = n + 1;
            texts.push((format!("bin.{}.step-{step}.title", bin.id), &stage.title));
            texts.push((format!("bin.{}.step-{step}.text", bin.id), &stage.text));
        }
    }
    for item in &scenario.items {
        texts.push((format!("item.{}.name", item.id), &item.name));
        texts.push((format!("item.{}.why-short", item.id), &item.why_short));
        texts.push((format!("item.{}.why-full", item.id), &item.why_full));
        if let Some(tip) = &item.tip {
            texts.push((format!("item.{}.tip", item.id), tip));
        }
    }
    for fact in &scenario.facts {
        texts.push((format!("fact.{}", fact.id), &fact.text));
    }
    texts.retain(|(key, _)| is_clip_key(key));
    texts
}

/// A key names a file on every system: lower-case letters, digits, `.`, `-` and `_`.
fn is_clip_key(key: &str) -> bool {
    !key.is_empty()
        && !key.starts_with('.')
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}

/// A fixed part of a message worth a clip (not bare punctuation such as " / ").
fn speakable(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// How a message is spoken: its clips, in order; an argument's clips come from `argument`.
/// A piece of a spoken message: a fixed text with its clip's key, or an argument's place.
enum Piece {
    Fixed { key: String, text: String },
    Argument(String),
}

/// The message cut into its clips: a message without arguments is one clip (`msg.<id>`), one with
/// arguments a clip per fixed text worth saying (`msg.<id>.<n>`) around the arguments. None when
/// it cannot be cut (it has variants) or is missing.
fn pieces(messages: &Messages, lang: Lang, id: &str) -> Option<Vec<Piece>> {
    let parts = messages.parts(lang, id)?;
    if !parts.iter().any(|p| matches!(p, MessagePart::Argument(_))) {
        let text = parts
            .iter()
            .map(|p| match p {
                MessagePart::Text(t) | MessagePart::Argument(t) => t.as_str(),
            })
            .collect();
        return Some(vec![Piece::Fixed {
            key: format!("msg.{id}"),
            text,
        }]);
    }
    let mut pieces = Vec::new();
    let mut fixed = 0;
    for part in parts {
        match part {
            MessagePart::Text(text) if speakable(&text) => {
                pieces.push(Piece::Fixed {
                    key: format!("msg.{id}.{fixed}"),
                    text,
                });
                fixed += 1;
            }
            MessagePart::Text(_) => {}
            MessagePart::Argument(name) => pieces.push(Piece::Argument(name)),
        }
    }
    Some(pieces)
}

/// How a message is spoken: its clips, in order; an argument's clips come from `argument`.
/// None when the message cannot be cut into clips (it has variants) or is not spoken.
pub fn message_keys(
    messages: &Messages,
    lang: Lang,
    id: &str,
    mut argument: impl FnMut(&str) -> Vec<String>,
) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    for piece in pieces(messages, lang, id)? {
        match piece {
            Piece::Fixed { key, .. } => keys.push(key),
            Piece::Argument(name) => keys.extend(argument(&name)),
        }
    }
    Some(keys)
}

/// The clip of a number, if numbers that big have one.
pub fn number_key(n: i64) -> Option<String> {
    NUMBERS.contains(&n).then(|| format!("number.{n}"))
}

/// Every text to record in `lang`, each once: the exhibit's messages (cut at their arguments),
/// the numbers, then the scenario's texts.
pub fn script(scenario: &Scenario, messages: &Messages, lang: Lang) -> Vec<Line> {
    let mut lines = Vec::new();
    for id in SPOKEN_MESSAGES {
        for piece in pieces(messages, lang, id).unwrap_or_default() {
            if let Piece::Fixed { key, text } = piece {
                lines.push(line(key, &text));
            }
        }
    }
    for n in NUMBERS {
        lines.push(line(format!("number.{n}"), &n.to_string()));
    }
    for (key, text) in scenario_texts(scenario) {
        lines.push(line(key, text.get(lang)));
    }
    let mut seen = std::collections::HashSet::new();
    lines.retain(|l| seen.insert(l.key.clone()));
    lines
}

/// A script line: white space runs (a tab or line break in a text) become one space.
fn line(key: String, text: &str) -> Line {
    Line {
        key,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The scenario's texts by what they say in both languages, to find the clip of a text on screen.
#[derive(Clone, Debug, Default)]
pub struct Keys {
    by_text: HashMap<(String, String), String>,
}

impl Keys {
    pub fn new(scenario: &Scenario) -> Self {
        let mut by_text = HashMap::new();
        for (key, text) in scenario_texts(scenario) {
            by_text
                .entry((text.uk.clone(), text.en.clone()))
                .or_insert(key);
        }
        Keys { by_text }
    }

    /// The clip key of a scenario text (the first entry that says it).
    pub fn of(&self, text: &Text) -> Option<&str> {
        self.by_text
            .get(&(text.uk.clone(), text.en.clone()))
            .map(String::as_str)
    }
}

/// The folder of one language's clips.
pub fn lang_dir(assets_dir: &Path, lang: Lang) -> PathBuf {
    assets_dir.join(DIR).join(lang.code())
}

/// Where the clip of `key` is (or would be).
pub fn clip_path(assets_dir: &Path, lang: Lang, key: &str) -> PathBuf {
    lang_dir(assets_dir, lang).join(format!("{key}.{EXTENSION}"))
}

/// SHA-256, its first 16 hex digits: how a text and a clip file are remembered.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The hash a clip's text is remembered by (the text as the script prints it).
pub fn text_hash(text: &str) -> String {
    short_hash(text.as_bytes())
}

/// What a clip was made from, and the clip as it was stamped (so a synthetic clip a person has
/// since replaced is told apart from one still as espeak-ng made it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Made {
    pub hash: String,
    pub by: String,
    pub clip: String,
    pub text: String,
}

/// `made-from.tsv` of one language: key → what its clip was made from. Lines that are not five
/// tab-separated fields are kept as they are and reported (check notes them; stamp refuses).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    pub made: BTreeMap<String, Made>,
    /// Line numbers of lines that could not be read.
    pub unreadable: Vec<usize>,
}

impl Manifest {
    /// The manifest in `dir`; none yet is an empty one. A file that exists but cannot be read
    /// (permissions, not UTF-8) is an error naming the file, never taken as empty.
    pub fn read(dir: &Path) -> Result<Manifest, (PathBuf, Text)> {
        let file = dir.join(MANIFEST);
        let text = match std::fs::read(&file) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                (
                    file.clone(),
                    Text::new(
                        "не UTF-8 (збережіть файл як UTF-8)",
                        "not UTF-8 (save the file as UTF-8)",
                    ),
                )
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Manifest::default());
            }
            Err(err) => return Err((file, crate::diagnostics::io_reason(&err))),
        };
        let mut manifest = Manifest::default();
        for (n, row) in text.lines().enumerate() {
            let row = row.trim_end_matches('\r');
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = row.splitn(5, '\t').collect();
            match fields[..] {
                [key, hash, by, clip, text] if is_clip_key(key) => {
                    manifest.made.insert(
                        key.to_string(),
                        Made {
                            hash: hash.to_string(),
                            by: by.to_string(),
                            clip: clip.to_string(),
                            text: text.to_string(),
                        },
                    );
                }
                _ => manifest.unreadable.push(n + 1),
            }
        }
        Ok(manifest)
    }

    fn render(&self) -> String {
        let mut out = String::from(
            "# Each voice clip and the text it was made from: key, SHA-256 of the text (16 hex \
             digits), who made the clip, SHA-256 of the clip file as stamped, the text. Written by \
             `tourcentre voice stamp`.\n",
        );
        for (key, made) in &self.made {
            out.push_str(&format!(
                "{key}\t{}\t{}\t{}\t{}\n",
                made.hash, made.by, made.clip, made.text
            ));
        }
        out
    }
}

/// The clips of one language a directory holds that speak the current texts, from its manifest:
/// key → clip file. What the exhibit plays (a clip made from another text is skipped: better
/// silence than words that differ from the screen; one the manifest lists but the folder lacks
/// is left for the next directory to give).
pub fn current_clips(assets_dir: &Path, lang: Lang, lines: &[Line]) -> HashMap<String, PathBuf> {
    let Ok(manifest) = Manifest::read(&lang_dir(assets_dir, lang)) else {
        return HashMap::new();
    };
    lines
        .iter()
        .filter(|line| {
            manifest
                .made
                .get(&line.key)
                .is_some_and(|made| made.hash == text_hash(&line.text))
        })
        .map(|line| (line.key.clone(), clip_path(assets_dir, lang, &line.key)))
        .filter(|(_, path)| path.is_file())
        .collect()
}

/// A clip whose text is missing or changed, for `check`'s notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// No clip in this language at all: the exhibit is silent in it.
    NoClips {
        dir: PathBuf,
        texts: usize,
    },
    Missing {
        key: String,
        text: String,
    },
    Changed {
        key: String,
        text: String,
    },
    UnreadableManifest {
        file: PathBuf,
        line: usize,
    },
    ManifestUnreadable {
        file: PathBuf,
        reason: Text,
    },
}

/// What `check` notes about the clips of a scenario in one language.
pub fn findings(
    scenario: &Scenario,
    messages: &Messages,
    assets_dir: &Path,
    lang: Lang,
) -> Vec<Finding> {
    let dir = lang_dir(assets_dir, lang);
    let lines = script(scenario, messages, lang);
    let present: Vec<bool> = lines
        .iter()
        .map(|l| clip_path(assets_dir, lang, &l.key).is_file())
        .collect();
    if !present.contains(&true) {
        return vec![Finding::NoClips {
            dir,
            texts: lines.len(),
        }];
    }
    let manifest = match Manifest::read(&dir) {
        Ok(manifest) => manifest,
        Err((file, reason)) => {
            return vec![Finding::ManifestUnreadable { file, reason }];
        }
    };
    let mut found: Vec<Finding> = manifest
        .unreadable
        .iter()
        .map(|&line| Finding::UnreadableManifest {
            file: dir.join(MANIFEST),
            line,
        })
        .collect();
    for (line, present) in lines.into_iter().zip(present) {
        let hash = text_hash(&line.text);
        if !present {
            found.push(Finding::Missing {
                key: line.key,
                text: line.text,
            });
        } else if manifest.made.get(&line.key).is_none_or(|m| m.hash != hash) {
            found.push(Finding::Changed {
                key: line.key,
                text: line.text,
            });
        }
    }
    found
}

impl Finding {
    /// The note in both languages.
    pub fn message(&self, lang: Lang) -> Text {
        let code = lang.code();
        match self {
            Finding::NoClips { dir, texts } => Text::new(
                format!(
                    "голос ({code}): у {} немає жодного кліпу, тож експонат мовчить цією мовою ({texts} текстів; tourcentre voice script --lang {code})",
                    dir.display()
                ),
                format!(
                    "voice ({code}): {} has no clip, so the exhibit is silent in this language ({texts} texts; tourcentre voice script --lang {code})",
                    dir.display()
                ),
            ),
            Finding::Missing { key, text } => Text::new(
                format!("голос ({code}): немає кліпу {key} («{text}»)"),
                format!("voice ({code}): no clip {key} (\"{text}\")"),
            ),
            Finding::Changed { key, text } => Text::new(
                format!(
                    "голос ({code}): кліп {key} зроблено з іншого тексту; тепер текст: «{text}» (перезапишіть і виконайте tourcentre voice stamp --lang {code} {key})"
                ),
                format!(
                    "voice ({code}): clip {key} was made from another text; the text is now \"{text}\" (record it again, then tourcentre voice stamp --lang {code} {key})"
                ),
            ),
            Finding::ManifestUnreadable { file, reason } => Text::new(
                format!("голос ({code}): {}: {}", file.display(), reason.uk),
                format!("voice ({code}): {}: {}", file.display(), reason.en),
            ),
            Finding::UnreadableManifest { file, line } => Text::new(
                format!(
                    "голос ({code}): {}:{line}: рядок не з п’яти полів через табуляцію, пропущено",
                    file.display()
                ),
                format!(
                    "voice ({code}): {}:{line}: not five tab-separated fields, passed over",
                    file.display()
                ),
            ),
        }
    }
}

/// Why `stamp` refused.
#[derive(Debug)]
pub enum StampError {
    /// A key the script does not have.
    UnknownKey(String),
    /// The key has no clip file to stamp.
    NoClip(PathBuf),
    /// The manifest cannot be read, or has a line that is not five fields (line 0: the file):
    /// rewriting it would lose what it says.
    Manifest {
        file: PathBuf,
        line: usize,
        reason: Text,
    },
    Write {
        file: PathBuf,
        reason: Text,
    },
}

/// Records that the clips of `keys` speak the script's current texts, made by `by`. With no key:
/// the clips present that the manifest does not list yet (new recordings); a listed clip is
/// stamped again only by naming it. Returns how many were stamped. Nothing is written when a key
/// is wrong or the manifest does not read.
pub fn stamp(
    scenario: &Scenario,
    messages: &Messages,
    assets_dir: &Path,
    lang: Lang,
    keys: &[String],
    by: &str,
) -> Result<usize, StampError> {
    let lines = script(scenario, messages, lang);
    let dir = lang_dir(assets_dir, lang);
    let file = dir.join(MANIFEST);
    let mut manifest = Manifest::read(&dir).map_err(|(file, reason)| StampError::Manifest {
        file,
        line: 0,
        reason,
    })?;
    if let Some(&line) = manifest.unreadable.first() {
        return Err(StampError::Manifest {
            file,
            line,
            reason: Text::new(
                "рядок не з п’яти полів через табуляцію: виправте його",
                "not five tab-separated fields: correct it",
            ),
        });
    }
    let chosen: Vec<&Line> = if keys.is_empty() {
        lines
            .iter()
            .filter(|l| !manifest.made.contains_key(&l.key))
            .filter(|l| clip_path(assets_dir, lang, &l.key).is_file())
            .collect()
    } else {
        let mut chosen = Vec::new();
        for key in keys {
            let line = lines
                .iter()
                .find(|l| &l.key == key)
                .ok_or_else(|| StampError::UnknownKey(key.clone()))?;
            let clip = clip_path(assets_dir, lang, key);
            if !clip.is_file() {
                return Err(StampError::NoClip(clip));
            }
            chosen.push(line);
        }
        chosen
    };
    if chosen.is_empty() {
        return Ok(0);
    }
    let by: String = by.split_whitespace().collect::<Vec<_>>().join(" ");
    for line in &chosen {
        let clip = clip_path(assets_dir, lang, &line.key);
        let bytes = std::fs::read(&clip).map_err(|err| StampError::Write {
            file: clip.clone(),
            reason: crate::diagnostics::io_reason(&err),
        })?;
        manifest.made.insert(
            line.key.clone(),
            Made {
                hash: text_hash(&line.text),
                by: by.clone(),
                clip: short_hash(&bytes),
                text: line.text.clone(),
            },
        );
    }
    crate::diagnostics::replace_file(&file, manifest.render().as_bytes()).map_err(|err| {
        StampError::Write {
            file: file.clone(),
            reason: crate::diagnostics::io_reason(&err),
        }
    })?;
    Ok(chosen.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Scenario {
        let path = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
        crate::content::load(&path, &crate::shipped_assets_dir()).expect("the shipped scenario")
    }

    #[test]
    fn messages_with_arguments_are_cut_into_their_fixed_parts() {
        let m = Messages::new();
        let keys = message_keys(&m, Lang::Uk, "exhibit-belongs-in", |name| {
            vec![format!("arg:{name}")]
        });
        assert_eq!(
            keys,
            Some(vec!["msg.exhibit-belongs-in.0".into(), "arg:bin".into()])
        );
        let keys = message_keys(&m, Lang::Uk, "exhibit-first-try", |name| {
            vec![format!("arg:{name}")]
        })
        .unwrap();
        assert_eq!(
            keys,
            [
                "arg:right",
                "msg.exhibit-first-try.0",
                "arg:total",
                "msg.exhibit-first-try.1"
            ]
        );
        assert_eq!(
            message_keys(&m, Lang::En, "exhibit-right", |_| vec![]),
            Some(vec!["msg.exhibit-right".into()])
        );
        assert_eq!(number_key(20).as_deref(), Some("number.20"));
        assert_eq!(number_key(21), None);
    }

    #[test]
    fn the_script_has_every_spoken_text_once_with_its_words() {
        let scenario = shipped();
        let m = Messages::new();
        let uk = script(&scenario, &m, Lang::Uk);
        let find = |key: &str| uk.iter().find(|l| l.key == key).map(|l| l.text.as_str());
        assert_eq!(find("msg.exhibit-belongs-in.0"), Some("Це сюди:"));
        assert_eq!(find("msg.exhibit-right"), Some("Правильно!"));
        assert_eq!(find("number.7"), Some("7"));
        assert_eq!(
            find("item.soap-bottle.name"),
            Some("Флакон з-під рідкого мила")
        );
        assert_eq!(find("bin.plastic.step-1.title"), Some("Контейнер для ПЕТ"));
        // No two scenario texts share a key (the script keeps the first of a key).
        let texts = scenario_texts(&scenario);
        let mut keys: Vec<&str> = texts.iter().map(|(key, _)| key.as_str()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), texts.len(), "scenario keys are unique");
        let en = script(&scenario, &m, Lang::En);
        for (lines, lang) in [(&uk, "uk"), (&en, "en")] {
            for id in SPOKEN_MESSAGES {
                assert!(
                    lines
                        .iter()
                        .any(|l| l.key.starts_with(&format!("msg.{id}"))),
                    "{id} is in the {lang} script (a message with variants cannot be cut into clips)"
                );
            }
        }
        assert!(en.iter().all(|l| !l.text.is_empty()));
    }

    #[test]
    fn stamps_and_findings_follow_the_clips_and_their_texts() {
        let scenario = shipped();
        let m = Messages::new();
        let assets = tempfile::tempdir().unwrap();
        let dir = lang_dir(assets.path(), Lang::En);
        assert!(matches!(
            findings(&scenario, &m, assets.path(), Lang::En)[..],
            [Finding::NoClips { .. }]
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            clip_path(assets.path(), Lang::En, "msg.exhibit-right"),
            b"x",
        )
        .unwrap();
        let found = findings(&scenario, &m, assets.path(), Lang::En);
        assert!(found.contains(&Finding::Changed {
            key: "msg.exhibit-right".into(),
            text: "Right!".into()
        }));
        assert!(found.contains(&Finding::Missing {
            key: "item.soap-bottle.name".into(),
            text: "Liquid soap bottle".into()
        }));
        // A wrong key or a key without a clip stamps nothing.
        assert!(matches!(
            stamp(
                &scenario,
                &m,
                assets.path(),
                Lang::En,
                &["nope".into()],
                RECORDED
            ),
            Err(StampError::UnknownKey(_))
        ));
        assert!(matches!(
            stamp(
                &scenario,
                &m,
                assets.path(),
                Lang::En,
                &["number.3".into()],
                RECORDED
            ),
            Err(StampError::NoClip(_))
        ));
        assert!(!dir.join(MANIFEST).exists());
        assert_eq!(
            stamp(&scenario, &m, assets.path(), Lang::En, &[], RECORDED).unwrap(),
            1
        );
        let found = findings(&scenario, &m, assets.path(), Lang::En);
        assert!(
            !found
                .iter()
                .any(|f| matches!(f, Finding::Changed { key, .. } if key == "msg.exhibit-right"))
        );
        let manifest = Manifest::read(&dir).unwrap();
        assert_eq!(manifest.made["msg.exhibit-right"].by, RECORDED);
        assert_eq!(manifest.made["msg.exhibit-right"].text, "Right!");
    }

    #[test]
    fn the_shipped_set_has_a_current_clip_for_every_text_in_both_languages() {
        let scenario = shipped();
        let m = Messages::new();
        for lang in Lang::ALL {
            let found = findings(&scenario, &m, &crate::shipped_assets_dir(), lang);
            assert!(
                found.is_empty(),
                "{} clips to make again (tools/make-voice.sh): {:?}",
                lang.code(),
                &found[..found.len().min(5)]
            );
        }
    }

    #[test]
    fn a_manifest_that_does_not_read_is_never_rewritten_and_a_bare_stamp_keeps_who_made_a_clip() {
        let scenario = shipped();
        let m = Messages::new();
        let assets = tempfile::tempdir().unwrap();
        let dir = lang_dir(assets.path(), Lang::En);
        std::fs::create_dir_all(&dir).unwrap();
        for key in ["msg.exhibit-right", "msg.exhibit-almost"] {
            std::fs::write(clip_path(assets.path(), Lang::En, key), key).unwrap();
        }
        let right = ["msg.exhibit-right".to_string()];
        assert_eq!(
            stamp(&scenario, &m, assets.path(), Lang::En, &right, SYNTHETIC).unwrap(),
            1
        );
        // A bare stamp takes only the clip not listed yet; the synthetic one stays synthetic.
        assert_eq!(
            stamp(&scenario, &m, assets.path(), Lang::En, &[], RECORDED).unwrap(),
            1
        );
        let manifest = Manifest::read(&dir).unwrap();
        assert_eq!(manifest.made["msg.exhibit-right"].by, SYNTHETIC);
        assert_eq!(manifest.made["msg.exhibit-almost"].by, RECORDED);
        assert_eq!(
            manifest.made["msg.exhibit-right"].clip,
            short_hash(b"msg.exhibit-right")
        );

        // A line an editor broke: check says where, stamp refuses and changes nothing.
        let file = dir.join(MANIFEST);
        let broken = std::fs::read_to_string(&file).unwrap() + "number.3 broken line\n";
        std::fs::write(&file, &broken).unwrap();
        let found = findings(&scenario, &m, assets.path(), Lang::En);
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::UnreadableManifest { line: 4, .. })),
            "{found:?}"
        );
        assert!(matches!(
            stamp(&scenario, &m, assets.path(), Lang::En, &right, RECORDED),
            Err(StampError::Manifest { line: 4, .. })
        ));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
        // Not UTF-8: named, not taken as empty.
        std::fs::write(&file, b"msg.exhibit-right\t\xff\n").unwrap();
        assert!(matches!(
            findings(&scenario, &m, assets.path(), Lang::En)[..],
            [Finding::ManifestUnreadable { .. }]
        ));
        assert!(matches!(
            stamp(&scenario, &m, assets.path(), Lang::En, &right, RECORDED),
            Err(StampError::Manifest { line: 0, .. })
        ));
    }

    #[test]
    fn only_clips_made_from_the_current_text_are_played() {
        let scenario = shipped();
        let m = Messages::new();
        let assets = tempfile::tempdir().unwrap();
        let dir = lang_dir(assets.path(), Lang::En);
        std::fs::create_dir_all(&dir).unwrap();
        for key in ["msg.exhibit-right", "msg.exhibit-almost"] {
            std::fs::write(clip_path(assets.path(), Lang::En, key), key).unwrap();
        }
        let keys = [
            "msg.exhibit-right".to_string(),
            "msg.exhibit-almost".to_string(),
        ];
        stamp(&scenario, &m, assets.path(), Lang::En, &keys, SYNTHETIC).unwrap();
        let mut lines = script(&scenario, &m, Lang::En);
        let clips = current_clips(assets.path(), Lang::En, &lines);
        assert_eq!(clips.len(), 2);
        // The text changed since: that clip is not played.
        for line in &mut lines {
            if line.key == "msg.exhibit-almost" {
                line.text = "Nearly!".into();
            }
        }
        let clips = current_clips(assets.path(), Lang::En, &lines);
        assert_eq!(clips.keys().collect::<Vec<_>>(), ["msg.exhibit-right"]);
    }

    #[test]
    fn keys_find_the_clip_of_a_text_on_screen() {
        let scenario = shipped();
        let keys = Keys::new(&scenario);
        let plastic = scenario.bin("plastic").unwrap();
        assert_eq!(keys.of(&plastic.name), Some("bin.plastic.name"));
        assert_eq!(keys.of(&Text::new("ні", "no")), None);
    }
}
