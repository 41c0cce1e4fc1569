use super::*;

/// A valid scenario whose pictures are all `p.png`, with that file in a fresh assets dir.
fn fixture() -> (Scenario, tempfile::TempDir) {
    let assets = tempfile::tempdir().unwrap();
    std::fs::write(assets.path().join("p.png"), b"png").unwrap();
    let t = |s: &str| Text::new(format!("{s} uk"), format!("{s} en"));
    let stage = |s: &str| Stage {
        title: t(s),
        text: t(s),
        picture: "p.png".into(),
        status: FacilityStatus::Running,
        source: "khm.gov.ua".into(),
    };
    let item = |id: &str, bin: &str| Item {
        id: id.into(),
        name: t(id),
        picture: "p.png".into(),
        bin: bin.into(),
        audiences: vec!["young".into()],
        why_short: t("why"),
        why_full: t("why full"),
        tip: Some(t("tip")),
        source: None,
    };
    let scenario = Scenario {
        id: "test".into(),
        title: t("title"),
        settings: Settings::default(),
        audiences: vec![Audience {
            id: "young".into(),
            name: t("young"),
            picture: "p.png".into(),
            items_per_round: 3,
            detail: Detail::Short,
        }],
        bins: vec![Bin {
            id: "plastic".into(),
            name: t("plastic"),
            colour: "#F2C12E".into(),
            icon: "p.png".into(),
            description: t("plastic"),
            lifecycle: vec![stage("a"), stage("b"), stage("c")],
        }],
        items: vec![
            item("a", "plastic"),
            item("b", "plastic"),
            item("c", "plastic"),
        ],
        facts: vec![Fact {
            id: "f".into(),
            text: t("fact"),
            source: "NOAA".into(),
            audiences: vec![],
        }],
    };
    (scenario, assets)
}

fn problems_of(scenario: &Scenario, assets: &tempfile::TempDir) -> Vec<String> {
    validate(scenario, assets.path())
        .into_iter()
        .map(|problem| problem.en)
        .collect()
}

fn assert_one_problem(scenario: &Scenario, assets: &tempfile::TempDir, expected: &str) {
    let problems = problems_of(scenario, assets);
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "expected a problem containing {expected:?}, got {problems:?}"
    );
}

#[test]
fn the_fixture_is_valid() {
    let (scenario, assets) = fixture();
    assert_eq!(problems_of(&scenario, &assets), Vec::<String>::new());
}

#[test]
fn an_item_in_an_unknown_bin_is_named() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].bin = "plastik".into();
    assert_one_problem(
        &scenario,
        &assets,
        "item \"a\": bin \"plastik\" does not exist",
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let (mut scenario, assets) = fixture();
    scenario.items[1].id = "a".into();
    assert_one_problem(&scenario, &assets, "item \"a\": the id is used twice");
}

#[test]
fn an_empty_language_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].why_short.en = "  ".into();
    assert_one_problem(&scenario, &assets, "item \"a\": why_short.en is empty");
}

#[test]
fn a_missing_picture_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.bins[0].icon = "bins/none.png".into();
    assert_one_problem(
        &scenario,
        &assets,
        "bin \"plastic\": icon \"bins/none.png\" does not exist",
    );
}

#[test]
fn a_picture_outside_assets_is_refused() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].picture = "../secret.png".into();
    assert_one_problem(&scenario, &assets, "must be a path inside assets/");
}

#[test]
fn a_fact_without_source_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.facts[0].source = String::new();
    assert_one_problem(&scenario, &assets, "fact \"f\": source is empty");
}

#[test]
fn a_lifecycle_step_without_source_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.bins[0].lifecycle[1].source = " ".into();
    assert_one_problem(&scenario, &assets, "lifecycle step 2: source is empty");
}

#[test]
fn idle_timeout_out_of_range_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.settings.idle_timeout_secs = 5;
    assert_one_problem(
        &scenario,
        &assets,
        "idle_timeout_secs is 5, must be from 10 to 600",
    );
    scenario.settings.idle_timeout_secs = 601;
    assert_one_problem(&scenario, &assets, "idle_timeout_secs is 601");
}

#[test]
fn items_per_round_out_of_range_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.audiences[0].items_per_round = 2;
    assert_one_problem(
        &scenario,
        &assets,
        "items_per_round is 2, must be from 3 to 30",
    );
    scenario.audiences[0].items_per_round = 31;
    assert_one_problem(
        &scenario,
        &assets,
        "items_per_round is 31, must be from 3 to 30",
    );
}

#[test]
fn an_audience_with_too_few_items_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.audiences[0].items_per_round = 4;
    assert_one_problem(
        &scenario,
        &assets,
        "only 3 items are marked for this audience",
    );
}

#[test]
fn unknown_audience_references_are_reported() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].audiences.push("teachers".into());
    scenario.facts[0].audiences.push("pupils".into());
    assert_one_problem(
        &scenario,
        &assets,
        "item \"a\": audience \"teachers\" does not exist",
    );
    assert_one_problem(
        &scenario,
        &assets,
        "fact \"f\": audience \"pupils\" does not exist",
    );
}

#[test]
fn a_bad_colour_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.bins[0].colour = "yellow".into();
    assert_one_problem(
        &scenario,
        &assets,
        "colour \"yellow\" is not of the form #RRGGBB",
    );
}

#[test]
fn a_lifecycle_of_wrong_length_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.bins[0].lifecycle.truncate(2);
    assert_one_problem(
        &scenario,
        &assets,
        "lifecycle has 2 steps, must have from 3 to 6",
    );
}

#[test]
fn a_bin_without_items_is_reported() {
    let (mut scenario, assets) = fixture();
    let mut empty = scenario.bins[0].clone();
    empty.id = "glass".into();
    scenario.bins.push(empty);
    assert_one_problem(
        &scenario,
        &assets,
        "bin \"glass\": no item belongs in this bin",
    );
}

#[test]
fn a_malformed_id_is_reported() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].id = "PET Bottle".into();
    assert_one_problem(&scenario, &assets, "must be lowercase Latin letters");
}

#[test]
fn all_problems_are_listed_not_only_the_first() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].bin = "x".into();
    scenario.items[1].bin = "y".into();
    scenario.facts[0].source.clear();
    assert!(problems_of(&scenario, &assets).len() >= 3);
}

#[test]
fn hex_colours_parse() {
    assert_eq!(parse_hex_colour("#F2c12E"), Some([0xF2, 0xC1, 0x2E]));
    assert_eq!(parse_hex_colour("F2C12E"), None);
    assert_eq!(parse_hex_colour("#F2C12"), None);
    assert_eq!(parse_hex_colour("#éééééé"), None);
}

#[test]
fn load_reports_syntax_errors_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.ron");
    std::fs::write(&path, "(\n    id: \"x\",\n    title: (uk: \"a\", en: ").unwrap();
    let problems = load(&path, dir.path()).unwrap_err();
    let first = &problems.0[0];
    assert_eq!(first.line, Some(3));
    assert!(first.column.is_some());
}

#[test]
fn load_reports_an_unknown_enum_variant() {
    let (scenario, assets) = fixture();
    let text = ron::ser::to_string_pretty(&scenario, Default::default())
        .unwrap()
        .replace("detail: Short", "detail: Medium");
    let path = assets.path().join("s.ron");
    std::fs::write(&path, text).unwrap();
    let problems = load(&path, assets.path()).unwrap_err();
    assert!(problems.to_string().contains("Medium"), "{problems}");
    assert!(problems.0[0].line.is_some());
}

#[test]
fn a_serialized_fixture_loads_back() {
    let (scenario, assets) = fixture();
    let path = assets.path().join("s.ron");
    std::fs::write(
        &path,
        ron::ser::to_string_pretty(&scenario, Default::default()).unwrap(),
    )
    .unwrap();
    assert_eq!(load(&path, assets.path()).unwrap(), scenario);
}

#[test]
fn an_explanation_too_long_for_the_screen_is_named_with_its_length() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].why_full.en = "x".repeat(MAX_WHY_FULL_CHARS + 1);
    scenario.items[1].name.uk = "я".repeat(MAX_ITEM_NAME_CHARS);
    scenario.items[1].tip = Some(Text::new(
        "т".repeat(MAX_TIP_CHARS),
        "t".repeat(MAX_TIP_CHARS),
    ));
    assert_one_problem(
        &scenario,
        &assets,
        &format!(
            "item \"a\": why_full.en has {} characters; the screen holds at most {MAX_WHY_FULL_CHARS}",
            MAX_WHY_FULL_CHARS + 1
        ),
    );
}

#[test]
fn problems_read_in_ukrainian_too() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].bin = "plastik".into();
    let problems = validate(&scenario, assets.path());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].uk,
        "предмет \"a\": контейнера \"plastik\" немає в сценарії"
    );
    assert_eq!(problems[0].en, "item \"a\": bin \"plastik\" does not exist");
}

#[test]
fn a_tip_too_long_for_gufis_bubble_is_named() {
    let (mut scenario, assets) = fixture();
    scenario.items[0].tip = Some(Text::new("т".repeat(MAX_TIP_CHARS + 1), "tip"));
    assert_one_problem(
        &scenario,
        &assets,
        &format!(
            "item \"a\": tip.uk has {} characters; the screen holds at most {MAX_TIP_CHARS}",
            MAX_TIP_CHARS + 1
        ),
    );
}
