//! Every asset is credited, and the shipped font covers Ukrainian.

use std::path::{Path, PathBuf};

use crate::repo;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out)
        } else {
            out.push(path)
        }
    }
}

#[test]
fn every_asset_is_listed_in_credits() {
    let assets = repo().join("assets");
    let credits = std::fs::read_to_string(assets.join("CREDITS.md")).unwrap();
    let mut files = Vec::new();
    files_under(&assets, &mut files);
    let missing: Vec<String> = files
        .iter()
        .map(|f| f.strip_prefix(&assets).unwrap().display().to_string())
        .filter(|name| name != "CREDITS.md" && !name.starts_with("i18n/"))
        // The voice clips are hundreds of files of one making: a row for their folder credits
        // them (voice/uk/, voice/en/).
        .filter(|name| {
            let folder = name.rsplit_once('/').map(|(dir, _)| format!("| {dir}/ |"));
            let by_folder =
                name.starts_with("voice/") && folder.is_some_and(|f| credits.contains(&f));
            !by_folder && !credits.contains(&format!("| {name} |"))
        })
        .collect();
    assert!(missing.is_empty(), "not in assets/CREDITS.md: {missing:?}");
}

#[test]
fn every_picture_is_a_png_of_at_least_256_px() {
    let assets = repo().join("assets");
    let mut files = Vec::new();
    files_under(&assets, &mut files);
    for file in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "png"))
    {
        let bytes = std::fs::read(file).unwrap();
        assert_eq!(&bytes[1..4], b"PNG", "{}", file.display());
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert!(
            width >= 256 && height >= 256,
            "{} is {width}x{height}",
            file.display()
        );
    }
}

/// Every character a person can be shown (UI strings of both languages, every text of the shipped
/// scenarios) has a glyph in both shipped fonts: a missing one shows as an empty box on the kiosk.
#[test]
fn the_shipped_fonts_draw_every_character_shown() {
    use ab_glyph::{Font, FontRef};
    use tourcentre::i18n::{Lang, Messages};

    let mut shown = String::new();
    let messages = Messages::new();
    for lang in Lang::ALL {
        for id in messages.ids(lang) {
            shown.push_str(&messages.text(lang, &id));
        }
    }
    let scenarios = repo().join("scenarios");
    for entry in std::fs::read_dir(&scenarios).unwrap() {
        let path = entry.unwrap().path();
        let scenario = tourcentre::content::load(&path, &repo().join("assets")).unwrap();
        collect_strings(&serde_json::to_value(&scenario).unwrap(), &mut shown);
    }
    for font_file in ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"] {
        let bytes = std::fs::read(repo().join("assets/fonts").join(font_file)).unwrap();
        let font = FontRef::try_from_slice(&bytes).unwrap();
        let mut missing: Vec<char> = shown
            .chars()
            .filter(|c| !c.is_control() && font.glyph_id(*c).0 == 0)
            .collect();
        missing.sort();
        missing.dedup();
        assert!(
            missing.is_empty(),
            "{font_file} has no glyph for {missing:?}"
        );
    }
}

fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(text) => out.push_str(text),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}
