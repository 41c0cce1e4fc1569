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
        .filter(|name| !credits.contains(&format!("| {name} |")))
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
