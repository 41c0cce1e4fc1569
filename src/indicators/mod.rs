//! Green City Action Plan indicators: definitions (RON) and observations (CSV), as DESIGN.md's
//! contract states them. Pure: no I/O beyond reading the user's files, no plotting, no SQL.

mod data;
mod definition;

pub use data::{Dataset, Observation, parse_csv, read_csv};
pub use definition::{
    Benchmark, Definition, Direction, Psr, Target, load_definition, validate_definition,
};
