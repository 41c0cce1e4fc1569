//! The bundled scenario's content: the eight bins of Ukrainian practice, enough items for every
//! bin and audience, every text in both languages, every lifecycle step and fact with its source,
//! every picture shipped and credited.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

use tourcentre::content::{FacilityStatus, Scenario};
use tourcentre::i18n::Text;

use crate::repo;

fn scenario_path() -> PathBuf {
    repo().join("scenarios/khmelnytskyi.ron")
}

fn scenario() -> Scenario {
    let path = scenario_path();
    tourcentre::content::load(&path, &tourcentre::content::assets_dir_for(&path))
        .unwrap_or_else(|problems| panic!("the bundled scenario loads: {problems:?}"))
}

const BINS: [&str; 8] = [
    "plastic",
    "glass",
    "paper",
    "metal",
    "organic",
    "hazardous",
    "mixed",
    "waste-centre",
];

/// Pairs whose two languages may legitimately read the same (proper nouns and the like): each
/// entry is the shared text. Kept short on purpose; every entry must still occur in the file.
const SAME_IN_BOTH: &[&str] = &[];

/// Every visitor-facing text pair of the scenario, with where it sits.
fn texts(s: &Scenario) -> Vec<(String, Text)> {
    let mut out = vec![("title".to_string(), s.title.clone())];
    for a in &s.audiences {
        out.push((format!("audience {} name", a.id), a.name.clone()));
    }
    for b in &s.bins {
        out.push((format!("bin {} name", b.id), b.name.clone()));
        out.push((format!("bin {} description", b.id), b.description.clone()));
        for (i, stage) in b.lifecycle.iter().enumerate() {
            out.push((
                format!("bin {} step {} title", b.id, i + 1),
                stage.title.clone(),
            ));
            out.push((
                format!("bin {} step {} text", b.id, i + 1),
                stage.text.clone(),
            ));
        }
    }
    for item in &s.items {
        out.push((format!("item {} name", item.id), item.name.clone()));
        out.push((
            format!("item {} why_short", item.id),
            item.why_short.clone(),
        ));
        out.push((format!("item {} why_full", item.id), item.why_full.clone()));
        if let Some(tip) = &item.tip {
            out.push((format!("item {} tip", item.id), tip.clone()));
        }
    }
    for f in &s.facts {
        out.push((format!("fact {}", f.id), f.text.clone()));
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

#[test]
fn the_eight_bins_of_ukrainian_practice_keep_their_ids() {
    let s = scenario();
    let ids: Vec<&str> = s.bins.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(s.bins.len(), 8, "bins: {ids:?}");
    for id in BINS {
        assert!(ids.contains(&id), "bin {id} is missing: {ids:?}");
    }
    // The draft national scheme's colours, where it has one (icon and name always go with them).
    for (id, colour) in [
        ("plastic", "#F2C200"),
        ("glass", "#2E7D32"),
        ("paper", "#1E63B5"),
        ("organic", "#795548"),
        ("hazardous", "#B71C1C"),
        ("mixed", "#545454"),
    ] {
        assert_eq!(s.bin(id).unwrap().colour, colour, "colour of bin {id}");
    }
    let colours: HashSet<&str> = s.bins.iter().map(|b| b.colour.as_str()).collect();
    assert_eq!(colours.len(), 8, "every bin has its own colour");
    let icons: HashSet<&str> = s.bins.iter().map(|b| b.icon.as_str()).collect();
    assert_eq!(icons.len(), 8, "every bin has its own icon");
}

#[test]
fn there_are_enough_items_for_every_bin_and_audience() {
    let s = scenario();
    assert!(s.items.len() >= 60, "only {} items", s.items.len());
    for bin in &s.bins {
        let count = s.items.iter().filter(|i| i.bin == bin.id).count();
        assert!(count >= 5, "bin {} has only {count} items", bin.id);
        for audience in &s.audiences {
            assert!(
                s.items_for(&audience.id).any(|i| i.bin == bin.id),
                "bin {} has no item for audience {}",
                bin.id,
                audience.id
            );
        }
    }
}

#[test]
fn audiences_have_their_own_item_sets_and_round_sizes() {
    let s = scenario();
    let ids: Vec<&str> = s.audiences.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["young", "older", "adult"]);
    let young = s.audience("young").unwrap();
    assert!(
        (5..=6).contains(&young.items_per_round),
        "young: {}",
        young.items_per_round
    );
    for id in ["older", "adult"] {
        assert_eq!(s.audience(id).unwrap().items_per_round, 8, "{id}");
    }
    let set =
        |id: &'static str| -> BTreeSet<String> { s.items_for(id).map(|i| i.id.clone()).collect() };
    let (young, older, adult) = (set("young"), set("older"), set("adult"));
    assert!(
        young.len() < older.len() && young.len() < adult.len(),
        "the young set is the smaller one: {} / {} / {}",
        young.len(),
        older.len(),
        adult.len()
    );
    assert!(young != older && older != adult && young != adult);
    assert!(
        !young.is_disjoint(&older) && !older.is_disjoint(&adult),
        "the sets overlap"
    );
}

#[test]
fn the_tricky_items_are_there_in_their_right_bins() {
    let s = scenario();
    for (id, bin) in [
        ("pizza-box", "mixed"),
        ("receipt", "mixed"),
        ("drink-carton", "waste-centre"),
        ("broken-mirror", "mixed"),
        ("ceramic-mug", "mixed"),
        ("light-bulb", "mixed"),
        ("sweet-wrapper", "mixed"),
        ("crisp-packet", "mixed"),
        ("yoghurt-pot", "mixed"),
        ("pet-bottle", "plastic"),
        ("aerosol-can", "hazardous"),
        ("fluorescent-tube", "hazardous"),
        ("battery", "hazardous"),
        ("medicines", "hazardous"),
        ("thermometer", "hazardous"),
        ("old-phone", "hazardous"),
        ("glass-jar", "glass"),
        ("television", "waste-centre"),
        ("t-shirt", "waste-centre"),
        ("bricks", "waste-centre"),
        ("old-sofa", "waste-centre"),
    ] {
        let item = s.item(id).unwrap_or_else(|| panic!("item {id} is missing"));
        assert_eq!(item.bin, bin, "item {id}");
    }
    // The first ten items keep their ids, so stored play sessions keep their meaning.
    for id in [
        "newspaper",
        "cardboard-box",
        "notebook",
        "glass-jar",
        "glass-bottle",
        "battery",
        "thermometer",
        "medicines",
        "kitchen-sponge",
        "toothbrush",
    ] {
        assert!(s.item(id).is_some(), "item {id} is missing");
    }
}

#[test]
fn no_text_is_empty_or_left_untranslated() {
    let s = scenario();
    let mut problems = Vec::new();
    let mut allowed_seen = HashSet::new();
    for (place, text) in texts(&s) {
        let (uk, en) = (text.uk.trim(), text.en.trim());
        if uk.is_empty() || en.is_empty() {
            problems.push(format!("{place}: empty"));
            continue;
        }
        if uk == en {
            if SAME_IN_BOTH.contains(&uk) {
                allowed_seen.insert(uk.to_string());
            } else {
                problems.push(format!("{place}: the same in both languages: {uk:?}"));
            }
            continue;
        }
        if !uk.chars().any(is_cyrillic) {
            problems.push(format!(
                "{place}: the Ukrainian text has no Ukrainian: {uk:?}"
            ));
        }
        if en.chars().any(is_cyrillic) {
            problems.push(format!("{place}: the English text has Cyrillic: {en:?}"));
        }
        for (lang, t) in [("uk", uk), ("en", en)] {
            if t.contains('\'') && lang == "uk" {
                problems.push(format!("{place}: use the Ukrainian apostrophe ’ in {t:?}"));
            }
        }
    }
    for entry in SAME_IN_BOTH {
        assert!(
            allowed_seen.contains(*entry),
            "allow-list entry {entry:?} is no longer used"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_lifecycle_has_three_to_six_sourced_steps_and_says_what_is_planned() {
    let s = scenario();
    for bin in &s.bins {
        assert!(
            (3..=6).contains(&bin.lifecycle.len()),
            "bin {} has {} steps",
            bin.id,
            bin.lifecycle.len()
        );
        for (i, stage) in bin.lifecycle.iter().enumerate() {
            let at = format!("bin {} step {}", bin.id, i + 1);
            assert!(!stage.source.trim().is_empty(), "{at}: no source");
            if stage.status == FacilityStatus::Planned {
                let uk = stage.text.uk.to_lowercase();
                let en = stage.text.en.to_lowercase();
                assert!(
                    uk.contains("план") || uk.contains("проєкт"),
                    "{at} is planned but its text does not say so: {uk}"
                );
                assert!(
                    en.contains("plan") || en.contains("draft"),
                    "{at} is planned but its text does not say so: {en}"
                );
            }
        }
    }
    // The EBRD phase II facilities and the new landfill are not running yet.
    for (bin, title) in [
        ("mixed", "Новий полігон"),
        ("organic", "Компостувальна станція"),
        ("paper", "Сортувальна лінія"),
    ] {
        let stage = s
            .bin(bin)
            .unwrap()
            .lifecycle
            .iter()
            .find(|st| st.title.uk == title)
            .unwrap_or_else(|| panic!("bin {bin} has no step {title}"));
        assert_eq!(stage.status, FacilityStatus::Planned, "{bin}: {title}");
    }
}

#[test]
fn every_fact_has_a_source_and_estimates_say_so() {
    let s = scenario();
    assert!(s.facts.len() >= 8, "only {} facts", s.facts.len());
    for fact in &s.facts {
        assert!(
            !fact.source.trim().is_empty(),
            "fact {}: no source",
            fact.id
        );
        let (uk, en) = (fact.text.uk.to_lowercase(), fact.text.en.to_lowercase());
        if fact.source.contains("NOAA") && uk.chars().any(|c| c.is_ascii_digit()) {
            assert!(uk.contains("оцінка"), "fact {}: say «оцінка»", fact.id);
            assert!(
                en.contains("estimated"),
                "fact {}: say \"estimated\"",
                fact.id
            );
        }
        assert!(
            !(uk.contains("батар") || en.contains("batter"))
                || !uk.chars().any(|c| c.is_ascii_digit()),
            "fact {}: never a figure for batteries",
            fact.id
        );
    }
    for audience in &s.audiences {
        let shown = s
            .facts
            .iter()
            .filter(|f| f.audiences.is_empty() || f.audiences.contains(&audience.id))
            .count();
        assert!(
            shown >= 3,
            "audience {} has only {shown} facts",
            audience.id
        );
    }
}

#[test]
fn placements_that_rest_on_the_city_name_their_source() {
    let s = scenario();
    // What the Ekobus and the Waste Management Centre take is the city's practice, and the
    // ambiguous cases (cartons, wrappers, mirrors, ceramics, bulbs, receipts) take a source too.
    let sourced_bins = ["hazardous", "metal", "waste-centre"];
    let sourced_items = [
        "drink-carton",
        "sweet-wrapper",
        "broken-mirror",
        "ceramic-mug",
        "light-bulb",
        "receipt",
        "pizza-box",
    ];
    for item in &s.items {
        if sourced_bins.contains(&item.bin.as_str()) || sourced_items.contains(&item.id.as_str()) {
            let source = item.source.as_deref().unwrap_or("");
            assert!(!source.trim().is_empty(), "item {} needs a source", item.id);
        }
    }
}

#[test]
fn every_picture_is_shipped_and_credited() {
    let s = scenario();
    let assets = tourcentre::content::assets_dir_for(&scenario_path());
    let credits = std::fs::read_to_string(repo().join("assets/CREDITS.md")).unwrap();
    let mut pictures: Vec<(String, &str)> = Vec::new();
    for a in &s.audiences {
        pictures.push((format!("audience {}", a.id), &a.picture));
    }
    for b in &s.bins {
        pictures.push((format!("bin {}", b.id), &b.icon));
        for (i, stage) in b.lifecycle.iter().enumerate() {
            pictures.push((format!("bin {} step {}", b.id, i + 1), &stage.picture));
        }
    }
    for item in &s.items {
        pictures.push((format!("item {}", item.id), &item.picture));
    }
    let mut problems = Vec::new();
    for (place, picture) in pictures {
        if !assets.join(picture).is_file() {
            problems.push(format!("{place}: {picture} does not exist"));
        }
        if !credits.contains(&format!("| {picture} |")) {
            problems.push(format!("{place}: {picture} is not in assets/CREDITS.md"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
