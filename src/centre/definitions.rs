//! The Department of Economics' definitions: an indicator's target, benchmark thresholds (with
//! their source) and base year changed in its `<id>.ron`, in place.
//!
//! As an observation is written into the data file (see [`super::observations`]): under the
//! definition's lock file (`.<id>.ron.lock`), the file is read, only the edited fields' value text
//! replaced (every comment and all other formatting kept), the WHOLE result parsed and validated
//! exactly as `check` reads a definition, written beside the old one, flushed and renamed over it;
//! then each changed field is kept in the store's audit log (who, when, the field, its old and new
//! value as the file writes it, the comment). Should the log refuse the lines, the old file is put
//! back. A derived indicator's definition may be edited too: its thresholds and base year are the
//! department's to set like any other's; only its values come from the store.

use std::path::Path;

use chrono::Datelike;
use serde::Serialize;

use super::observations::{indicator_file, lock, read_file, sha256, utf8, write_failed};
use super::{Centre, CentreError, InputProblem, input};
use crate::diagnostics::replace_file;
use crate::indicators::{Benchmark, DefinitionEdit, Target, edit_definition};

/// A definition's edit as a person (or a program) gave it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DefinitionInput {
    pub edit: DefinitionEdit,
    /// Required: why (kept in the history).
    pub comment: String,
}

/// The definition's editable fields as stored (the API's answer).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredDefinition {
    pub id: String,
    /// `{"value", "year"}`, or null
    #[schema(required, value_type = Option<Object>)]
    pub target: Option<Target>,
    /// `{"green", "red"}`, or null
    #[schema(required, value_type = Option<Object>)]
    pub benchmark: Option<Benchmark>,
    #[schema(required)]
    pub benchmark_source: Option<String>,
    /// The base year (2015 when the file names none)
    pub base_year: i32,
    /// The fields this edit changed (none: the file already said all that; nothing written).
    pub changed: Vec<String>,
}

impl Centre {
    /// Changes indicator `id`'s definition as `input` says, as `user`: only when the whole
    /// resulting file passes `check`. Every changed field is kept in the audit log.
    pub fn set_definition(
        &mut self,
        indicators_dir: &Path,
        id: &str,
        input: &DefinitionInput,
        user: Option<&str>,
    ) -> Result<StoredDefinition, CentreError> {
        let path = indicator_file(indicators_dir, id)?;
        let comment = input::optional_text(Some(&input.comment))
            .map_err(|p| CentreError::input("comment", p))?
            .ok_or(CentreError::input("comment", InputProblem::Missing))?;
        let mut edit = input.edit.clone();
        if let Some(Some(source)) = &edit.benchmark_source {
            // Blank: none.
            edit.benchmark_source = Some(
                input::optional_text(Some(source))
                    .map_err(|p| CentreError::input("benchmark_source", p))?,
            );
        }
        let this_year = self.today().year();
        let now = self.now();

        let _lock = lock(&path)?;
        let before = read_file(&path)?.ok_or_else(|| CentreError::UnknownIndicator(id.into()))?;
        let text = utf8(&path, &before)?;
        let edited = edit_definition(&path, &text, &edit, this_year)
            .map_err(CentreError::DefinitionRefused)?;
        let d = &edited.definition;
        let stored = StoredDefinition {
            id: d.id.clone(),
            target: d.target,
            benchmark: d.benchmark,
            benchmark_source: d.benchmark_source.clone(),
            base_year: d.base_year(),
            changed: edited.changes.iter().map(|c| c.field.to_string()).collect(),
        };
        if edited.changes.is_empty() {
            return Ok(stored);
        }
        replace_file(&path, edited.text.as_bytes()).map_err(|err| write_failed(&path, &err))?;
        let file = format!("{id}.ron");
        let (sha_before, sha_after) = (sha256(&before), sha256(edited.text.as_bytes()));
        let details: Vec<serde_json::Value> = edited
            .changes
            .iter()
            .map(|change| {
                serde_json::json!({
                    "field": change.field,
                    "old": change.old,
                    "new": change.new,
                    "comment": comment,
                    "file": file,
                    "sha256_before": sha_before,
                    "sha256": sha_after,
                })
            })
            .collect();
        let logged = self
            .store()
            .and_then(|store| Ok(store.record_definition(id, user, &details, now)?));
        if let Err(err) = logged {
            // Not in the history, so not in the file either.
            let _ = replace_file(&path, &before);
            return Err(err);
        }
        Ok(stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::centre::observations::DEFINITION_FILE;
    use crate::i18n::Lang;

    const DEFINITION: &str = "// The centre's waste.\n(\n    id: \"waste\",\n    name: (uk: \"Відходи\", en: \"Waste\"),\n    sector: \"solid-waste\", // kept\n    psr: Pressure,\n    unit: \"t\",\n    direction: Lower,\n    base_year: Some(2020),\n    source: \"Департамент\",\n)\n";

    fn setup() -> (tempfile::TempDir, std::path::PathBuf, Centre) {
        let dir = tempfile::tempdir().unwrap();
        let indicators = dir.path().join("indicators");
        std::fs::create_dir_all(&indicators).unwrap();
        std::fs::write(indicators.join("waste.ron"), DEFINITION).unwrap();
        let centre = Centre::new(dir.path().join("data"));
        (dir, indicators, centre)
    }

    #[test]
    fn a_definition_is_edited_in_place_and_each_field_kept_in_the_history() {
        let (_dir, indicators, mut centre) = setup();
        let input = DefinitionInput {
            edit: DefinitionEdit {
                target: Some(Some(Target {
                    value: 40.0,
                    year: 2030,
                })),
                benchmark: Some(Some(Benchmark {
                    green: 50.0,
                    red: 80.0,
                })),
                benchmark_source: Some(Some("  ".into())),
                base_year: Some(2020),
            },
            comment: "рішення №1".into(),
        };
        let stored = centre
            .set_definition(&indicators, "waste", &input, Some("iryna"))
            .unwrap();
        assert_eq!(stored.changed, ["target", "benchmark"]);
        let text = std::fs::read_to_string(indicators.join("waste.ron")).unwrap();
        assert_eq!(
            text,
            DEFINITION.replace(
                "    source: \"Департамент\",\n",
                "    source: \"Департамент\",\n    target: Some((value: 40.0, year: 2030)),\n    benchmark: Some((green: 50.0, red: 80.0)),\n"
            )
        );
        let history = centre.observation_history(&indicators, "waste").unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].field.as_deref(), Some("benchmark"));
        assert_eq!(history[0].old_text, None);
        assert_eq!(
            history[0].new_text.as_deref(),
            Some("Some((green: 50.0, red: 80.0))")
        );
        assert_eq!(history[0].comment, "рішення №1");
        assert_eq!(history[0].user.as_deref(), Some("iryna"));
        assert!(history.iter().all(|entry| !entry.outside));
    }

    #[test]
    fn a_definition_edited_by_hand_shows_as_changed_outside_the_server() {
        let (_dir, indicators, mut centre) = setup();
        let edit = |base_year| DefinitionInput {
            edit: DefinitionEdit {
                target: Some(Some(Target {
                    value: 40.0,
                    year: 2030,
                })),
                base_year: Some(base_year),
                ..DefinitionEdit::default()
            },
            comment: "рішення №1".into(),
        };
        centre
            .set_definition(&indicators, "waste", &edit(2021), Some("iryna"))
            .unwrap();
        let outside = |centre: &mut Centre| -> Vec<(bool, Option<String>)> {
            centre
                .observation_history(&indicators, "waste")
                .unwrap()
                .into_iter()
                .map(|entry| (entry.outside, entry.field))
                .collect()
        };
        let field = |name: &str| Some(name.to_string());
        // One save of two fields is one write, not a change by hand between them.
        assert_eq!(
            outside(&mut centre),
            [(false, field("base_year")), (false, field("target"))]
        );

        let file = indicators.join("waste.ron");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replace("Some(2021)", "Some(2019)")).unwrap();
        let history = centre.observation_history(&indicators, "waste").unwrap();
        assert!(history[0].outside);
        assert_eq!(history[0].field.as_deref(), Some(DEFINITION_FILE));
        assert_eq!(history[0].user, None);
        let worded =
            crate::centre::observations::worded(history, &crate::i18n::Words::new(Lang::Uk));
        assert!(
            worded[0].comment.contains("файл опису"),
            "{}",
            worded[0].comment
        );

        // Saved again from the server: the edit by hand stays in its place, before the save.
        centre
            .set_definition(&indicators, "waste", &edit(2022), Some("iryna"))
            .unwrap();
        assert_eq!(
            outside(&mut centre),
            [
                (false, field("base_year")),
                (true, field(DEFINITION_FILE)),
                (false, field("base_year")),
                (false, field("target")),
            ]
        );
    }

    #[test]
    fn a_refused_edit_or_a_missing_comment_writes_nothing() {
        let (_dir, indicators, mut centre) = setup();
        let swapped = DefinitionInput {
            edit: DefinitionEdit {
                benchmark: Some(Some(Benchmark {
                    green: 80.0,
                    red: 50.0,
                })),
                ..DefinitionEdit::default()
            },
            comment: "x".into(),
        };
        match centre.set_definition(&indicators, "waste", &swapped, None) {
            Err(CentreError::DefinitionRefused(refused)) => {
                assert_eq!(refused.field(), Some("benchmark.green"));
            }
            other => panic!("{other:?}"),
        }
        let no_comment = DefinitionInput {
            comment: " ".into(),
            ..swapped
        };
        assert!(matches!(
            centre.set_definition(&indicators, "waste", &no_comment, None),
            Err(CentreError::Input {
                field: "comment",
                ..
            })
        ));
        assert_eq!(
            std::fs::read_to_string(indicators.join("waste.ron")).unwrap(),
            DEFINITION
        );
        assert!(
            centre
                .observation_history(&indicators, "waste")
                .unwrap()
                .is_empty()
        );
    }
}
