use std::path::Path;

use serde::{Deserialize, Serialize};

use super::centre::Derived;
use super::data::{FIRST_YEAR, MAX_VALUE};
use crate::diagnostics::{Problem, Problems, parse_ron, read_text_file};
use crate::i18n::Text;

/// Open SDG's default base year, used when a definition names none.
pub const DEFAULT_BASE_YEAR: i32 = 2015;

/// Pressure–State–Response type of an indicator, as the GCAP methodology classifies them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Psr {
    Pressure,
    State,
    Response,
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Higher,
    Lower,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub value: f64,
    pub year: i32,
}

/// Traffic-light thresholds: for `Higher`, a value at or above `green` is green and one below `red`
/// is red; mirrored for `Lower`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub green: f64,
    pub red: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: String,
    pub name: Text,
    pub sector: String,
    pub psr: Psr,
    pub unit: String,
    pub direction: Direction,
    #[serde(default)]
    pub base_year: Option<i32>,
    #[serde(default)]
    pub target: Option<Target>,
    #[serde(default)]
    pub limit: Option<f64>,
    #[serde(default)]
    pub benchmark: Option<Benchmark>,
    pub source: String,
    /// Where the benchmark thresholds come from, or that they are unverified.
    #[serde(default)]
    pub benchmark_source: Option<String>,
    /// True when the shipped data is a demonstration, not real observations; every output says so.
    #[serde(default)]
    pub example: bool,
    /// Set when the values come from the centre's own store instead of `data/<id>.csv`.
    #[serde(default)]
    pub derived: Option<Derived>,
}

impl Definition {
    pub fn base_year(&self) -> i32 {
        self.base_year.unwrap_or(DEFAULT_BASE_YEAR)
    }
}

/// Reads, parses and validates one definition file. The id must match the file's stem, so that
/// `data/<id>.csv` is found; `this_year` is the current year (a base year cannot lie ahead).
pub fn load_definition(path: &Path, this_year: i32) -> Result<Definition, Problems> {
    let text = read_text_file(path)?;
    definition_from_text(path, &text, this_year)
}

/// Parses and validates a definition's text as `check` does the file `path`.
pub fn definition_from_text(
    path: &Path,
    text: &str,
    this_year: i32,
) -> Result<Definition, Problems> {
    let definition: Definition = parse_ron(path, text)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let mut problems: Vec<Problem> = validate_definition(&definition, this_year)
        .into_iter()
        .map(|message| Problem::in_file(path, message))
        .collect();
    if definition.id != stem {
        problems.push(Problem::in_file(
            path,
            Text::new(
                format!(
                    "індикатор «{}»: id має збігатися з назвою файлу \"{stem}.ron\"",
                    definition.id
                ),
                format!(
                    "indicator \"{}\": id must match the file name \"{stem}.ron\"",
                    definition.id
                ),
            ),
        ));
    }
    if problems.is_empty() {
        Ok(definition)
    } else {
        Err(Problems(problems))
    }
}

/// Latest plausible target year.
pub const LAST_TARGET_YEAR: i32 = 2100;

/// One problem of a definition: the field it is about (`base_year`, `target.value`,
/// `target.year`, `benchmark.green`, `benchmark.red`, `benchmark_source`, `limit`, `id`,
/// `name`, `sector`, `unit`, `source`) and what is wrong, in both languages, led by the
/// indicator's name.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub field: &'static str,
    pub message: Text,
}

/// Semantic problems of a definition, each naming the indicator and field, in both languages.
/// `this_year` is the current year: a base year runs from 1900 to it, as observations do.
pub fn validate_definition(definition: &Definition, this_year: i32) -> Vec<Text> {
    definition_findings(definition, this_year)
        .into_iter()
        .map(|finding| finding.message)
        .collect()
}

/// [`validate_definition`]'s problems, each with the field it is about: the one validation that
/// `check`, the server and the command line share.
pub fn definition_findings(definition: &Definition, this_year: i32) -> Vec<Finding> {
    let id = &definition.id;
    let mut problems = Findings::new(Text::new(
        format!("індикатор «{id}»"),
        format!("indicator \"{id}\""),
    ));
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !id_ok {
        problems.push(
            "id",
            "id має складатися з малих латинських літер, цифр, '-' або '_'".into(),
            "id must be lowercase Latin letters, digits, '-' or '_'".into(),
        );
    }
    for lang in definition.name.blank_languages() {
        let code = lang.code();
        problems.push(
            "name",
            format!("поле name.{code} порожнє"),
            format!("name.{code} is empty"),
        );
    }
    for (field, value) in [
        ("sector", &definition.sector),
        ("unit", &definition.unit),
        ("source", &definition.source),
    ] {
        if value.trim().is_empty() {
            problems.push(
                field,
                format!("поле {field} порожнє"),
                format!("{field} is empty"),
            );
        }
    }
    if definition
        .benchmark_source
        .as_deref()
        .is_some_and(|text| text.trim().is_empty())
    {
        problems.push(
            "benchmark_source",
            "поле benchmark_source порожнє (напишіть None, якщо джерела немає)".into(),
            "benchmark_source is empty (write None when there is none)".into(),
        );
    }
    let base_year = definition.base_year();
    if !(FIRST_YEAR..=this_year).contains(&base_year) {
        problems.push(
            "base_year",
            format!("base_year {base_year} поза межами {FIRST_YEAR}–{this_year}"),
            format!("base_year {base_year} is outside {FIRST_YEAR}–{this_year}"),
        );
    }
    if let Some(target) = definition.target {
        let year = target.year;
        if year <= base_year {
            problems.push(
                "target.year",
                format!("рік цілі (target) {year} має бути пізнішим за базовий рік (base_year) {base_year}"),
                format!("target year {year} must come after the base year {base_year}"),
            );
        } else if year > LAST_TARGET_YEAR {
            problems.push(
                "target.year",
                format!("рік цілі (target) {year} неправдоподібний: не пізніше {LAST_TARGET_YEAR}"),
                format!("target year {year} is not plausible: {LAST_TARGET_YEAR} at the latest"),
            );
        }
        problems.number("target.value", "target value", target.value);
    }
    if let Some(limit) = definition.limit {
        problems.number("limit", "limit", limit);
    }
    if let Some(benchmark) = definition.benchmark {
        problems.number("benchmark.green", "benchmark green", benchmark.green);
        problems.number("benchmark.red", "benchmark red", benchmark.red);
        let swapped = match definition.direction {
            Direction::Higher => benchmark.green < benchmark.red,
            Direction::Lower => benchmark.green > benchmark.red,
        };
        if swapped {
            let (better_uk, better_en) = match definition.direction {
                Direction::Higher => ("вищим", "higher"),
                Direction::Lower => ("нижчим", "lower"),
            };
            let (green, red, direction) = (benchmark.green, benchmark.red, definition.direction);
            problems.push(
                "benchmark.green",
                format!(
                    "у benchmark переплутано green {green} і red {red}: за direction {direction:?} зелений поріг має бути {better_uk}"
                ),
                format!(
                    "benchmark green {green} and red {red} are swapped: with direction {direction:?}, green must be the {better_en} threshold"
                ),
            );
        }
    }
    problems.found
}

/// Problems of one definition, each led by the indicator's name.
struct Findings {
    entry: Text,
    found: Vec<Finding>,
}

impl Findings {
    fn new(entry: Text) -> Self {
        Findings {
            entry,
            found: Vec::new(),
        }
    }

    fn push(&mut self, field: &'static str, uk: String, en: String) {
        self.found.push(Finding {
            field,
            message: Text::new(
                format!("{}: {uk}", self.entry.uk),
                format!("{}: {en}", self.entry.en),
            ),
        });
    }

    fn number(&mut self, field: &'static str, name: &str, value: f64) {
        if !value.is_finite() || value.abs() > MAX_VALUE {
            self.push(
                field,
                format!(
                    "{name} має бути скінченним числом, за модулем не більшим за {MAX_VALUE:e}"
                ),
                format!("{name} must be a finite number no larger than {MAX_VALUE:e} either way"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn definition() -> Definition {
        Definition {
            id: "msw-recycled-share".into(),
            name: Text::new("Частка", "Share"),
            sector: "solid-waste".into(),
            psr: Psr::Response,
            unit: "%".into(),
            direction: Direction::Higher,
            base_year: Some(2020),
            target: Some(Target {
                value: 50.0,
                year: 2030,
            }),
            limit: None,
            benchmark: Some(Benchmark {
                green: 25.0,
                red: 15.0,
            }),
            source: "GCAP".into(),
            benchmark_source: None,
            example: false,
            derived: None,
        }
    }

    #[test]
    fn the_contract_example_parses() {
        let text = r#"(
            id: "msw-recycled-share",
            name: (uk: "Частка перероблених відходів", en: "Share of waste recycled"),
            sector: "solid-waste",
            psr: Response,
            unit: "%",
            direction: Higher,
            base_year: Some(2020),
            target: Some((value: 50.0, year: 2030)),
            limit: None,
            benchmark: Some((green: 25.0, red: 15.0)),
            source: "GCAP",
        )"#;
        let parsed: Definition = parse_ron(Path::new("x.ron"), text).unwrap();
        assert_eq!(
            parsed.target,
            Some(Target {
                value: 50.0,
                year: 2030
            })
        );
        assert_eq!(parsed.base_year(), 2020);
        assert!(validate_definition(&parsed, 2026).is_empty());
    }

    #[test]
    fn base_year_defaults_to_2015() {
        let mut d = definition();
        d.base_year = None;
        assert_eq!(d.base_year(), 2015);
    }

    #[test]
    fn target_year_before_base_year_is_reported() {
        let mut d = definition();
        d.target = Some(Target {
            value: 50.0,
            year: 2019,
        });
        let problems = validate_definition(&d, 2026);
        assert!(problems.iter().any(|p| {
            p.en.contains("target year 2019 must come after the base year 2020")
        }));
    }

    #[test]
    fn swapped_benchmark_is_reported_for_both_directions() {
        let mut d = definition();
        d.benchmark = Some(Benchmark {
            green: 15.0,
            red: 25.0,
        });
        assert!(
            validate_definition(&d, 2026)
                .iter()
                .any(|p| p.en.contains("swapped"))
        );
        d.direction = Direction::Lower;
        assert!(validate_definition(&d, 2026).is_empty());
        d.benchmark = Some(Benchmark {
            green: 25.0,
            red: 15.0,
        });
        assert!(
            validate_definition(&d, 2026)
                .iter()
                .any(|p| p.en.contains("swapped"))
        );
    }

    #[test]
    fn empty_fields_are_reported() {
        let mut d = definition();
        d.name.en.clear();
        d.source = " ".into();
        d.unit.clear();
        let problems = validate_definition(&d, 2026);
        assert!(problems.iter().any(|p| p.en.contains("name.en is empty")));
        assert!(problems.iter().any(|p| p.en.contains("source is empty")));
        assert!(problems.iter().any(|p| p.en.contains("unit is empty")));
    }

    #[test]
    fn numbers_must_be_finite_and_in_range() {
        let mut d = definition();
        d.benchmark = Some(Benchmark {
            green: f64::NAN,
            red: 15.0,
        });
        d.limit = Some(1e300);
        let problems = validate_definition(&d, 2026);
        assert!(
            problems
                .iter()
                .any(|p| p.en.contains("benchmark green must be a finite number"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.en.contains("limit must be a finite number"))
        );
    }

    #[test]
    fn a_malformed_id_is_reported() {
        let mut d = definition();
        d.id = "Bad Id".into();
        assert!(
            validate_definition(&d, 2026)
                .iter()
                .any(|p| p.en.contains("id must be lowercase"))
        );
    }

    #[test]
    fn an_unknown_enum_variant_is_a_positioned_error() {
        let text = "(id: \"x\", name: (uk: \"a\", en: \"b\"), sector: \"s\", psr: Impact, unit: \"%\", direction: Higher, source: \"s\")";
        let problem = parse_ron::<Definition>(Path::new("x.ron"), text).unwrap_err();
        assert_eq!(problem.line, Some(1));
        assert!(problem.message.en.contains("Impact"), "{problem}");
        assert!(
            problem.message.uk.starts_with("помилка у файлі RON"),
            "{problem:?}"
        );
    }
}
