//! Green City Action Plan indicators: definitions (RON) and observations (CSV), as DESIGN.md's
//! contract states them. Pure: no I/O beyond reading the user's files, no plotting, no SQL.

mod breakdown;
mod catalogue;
mod centre;
mod data;
mod definition;
mod definition_edit;
mod entry;
mod progress;

pub use breakdown::Series;
pub use catalogue::{Catalogue, DATA_DIR_NAME, Indicator, Pairing, check_pairing, load_catalogue};
pub use centre::{
    CentreFigures, Derived, MissedItem, MonthAnswers, MonthVisitors, StationAnswers,
    monthly_accuracy, yearly_accuracy, yearly_visitors,
};
pub use data::{Dataset, FIRST_YEAR, Observation, RESERVED_COLUMNS, parse_csv, read_csv};
pub use definition::{
    Benchmark, DEFAULT_BASE_YEAR, Definition, Direction, Finding, LAST_TARGET_YEAR, Psr, Target,
    definition_findings, definition_from_text, load_definition, validate_definition,
};
pub use definition_edit::{
    DefinitionEdit, DefinitionEdited, DefinitionRefused, EDITABLE_FIELDS, FieldChange,
    benchmark_text, edit_definition, target_text,
};
pub use entry::{
    Edit, EditField, Edited, RawRow, Refused, RowChange, RowFixed, RowsFixed, apply_edit,
    implausible, raw_rows, replace_rows, row_text, stored_value,
};
pub use progress::{
    Progress, Status, TrafficLight, Unmeasurable, ZERO_REPLACEMENT, measure, traffic_light,
};
