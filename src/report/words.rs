//! The words of indicators in the reader's language: Pressure/State/Response, which way is
//! better, lights, progress, values with their units.

use crate::i18n::{Words, format_number, sensible_decimals};
use crate::indicators::{Direction, Indicator, Psr, Status, TrafficLight};

/// What the economists' outputs (the report, the command line's tables, the pages) say of
/// indicators, on top of the plain [`Words`].
pub trait IndicatorWords {
    /// Pressure, State or Response.
    fn psr_word(&self, psr: Psr) -> String;
    /// Which way is better: "more" or "less".
    fn better_word(&self, direction: Direction) -> String;
    fn light_word(&self, light: TrafficLight) -> String;
    fn status_word(&self, status: Status) -> String;
    /// A value with its unit, as the reader writes numbers: "12,5 %", "27 000 відвідувань".
    fn value(&self, value: f64, unit: &str) -> String;
    /// An indicator's latest value with its year, "12 % (2024)"; None without data.
    fn latest(&self, indicator: &Indicator) -> Option<String>;
}

impl IndicatorWords for Words {
    fn psr_word(&self, psr: Psr) -> String {
        self.text(match psr {
            Psr::Pressure => "psr-pressure",
            Psr::State => "psr-state",
            Psr::Response => "psr-response",
        })
    }

    fn better_word(&self, direction: Direction) -> String {
        self.text(match direction {
            Direction::Higher => "better-higher",
            Direction::Lower => "better-lower",
        })
    }

    fn light_word(&self, light: TrafficLight) -> String {
        self.text(&format!("light-{}", light.code()))
    }

    fn status_word(&self, status: Status) -> String {
        self.text(&format!("progress-{}", status.code()))
    }

    fn value(&self, value: f64, unit: &str) -> String {
        let number = format_number(value, sensible_decimals(value), self.lang);
        let unit = self.term("unit", unit);
        if unit.is_empty() {
            number
        } else {
            format!("{number} {unit}")
        }
    }

    fn latest(&self, indicator: &Indicator) -> Option<String> {
        indicator.latest().map(|(year, value)| {
            format!("{} ({year})", self.value(value, &indicator.definition.unit))
        })
    }
}
