//! An indicator's disaggregations, as Open SDG's filter shows them: for one column (say
//! `District`), one series per value of it, each from the rows that name that value and leave
//! every other disaggregation column blank.

use std::collections::BTreeMap;

use super::Dataset;

/// One value of a disaggregation column and its observations by year (values present, in year
/// order).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub value: String,
    pub points: Vec<(i32, f64)>,
}

impl Dataset {
    /// The series of `column`, one per value, in the order the values first appear in the file;
    /// values without any number are left out. Rows that combine this column with another one
    /// (`District` and `Sex` both filled) belong to no single-column breakdown.
    pub fn breakdown(&self, column: &str) -> Vec<Series> {
        let mut order: Vec<String> = Vec::new();
        let mut by_value: BTreeMap<String, Vec<(i32, f64)>> = BTreeMap::new();
        for row in &self.rows {
            let (Some(value), 1) = (row.disaggregation.get(column), row.disaggregation.len())
            else {
                continue;
            };
            let Some(number) = row.value else { continue };
            if !by_value.contains_key(value) {
                order.push(value.clone());
            }
            by_value
                .entry(value.clone())
                .or_default()
                .push((row.year, number));
        }
        order
            .into_iter()
            .filter_map(|value| {
                let mut points = by_value.remove(&value)?;
                points.sort_by_key(|(year, _)| *year);
                Some(Series { value, points })
            })
            .collect()
    }

    /// The disaggregation columns that have at least one series to draw: a row naming a value of
    /// that column alone, with a number (what [`Dataset::breakdown`] draws).
    pub fn breakdown_columns(&self) -> Vec<&str> {
        self.disaggregation_columns
            .iter()
            .map(String::as_str)
            .filter(|column| {
                self.rows.iter().any(|row| {
                    row.value.is_some()
                        && row.disaggregation.len() == 1
                        && row.disaggregation.contains_key(*column)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::indicators::parse_csv;

    #[test]
    fn each_value_of_a_column_is_a_series_of_its_own_rows() {
        let data = parse_csv(
            Path::new("x.csv"),
            "Year,District,Sex,Value\n\
             2020,,,10\n\
             2021,,,11\n\
             2021,Zarichnyi,,4\n\
             2020,Zarichnyi,,3\n\
             2020,Centre,,7\n\
             2021,Centre,,\n\
             2020,,F,5\n\
             2020,Centre,F,2\n\
             2021,Outskirts,,\n",
            2026,
        )
        .unwrap();
        let districts = data.breakdown("District");
        let shown: Vec<(&str, &[(i32, f64)])> = districts
            .iter()
            .map(|s| (s.value.as_str(), s.points.as_slice()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Zarichnyi", &[(2020, 3.0), (2021, 4.0)][..]),
                ("Centre", &[(2020, 7.0)][..]),
            ],
            "in the file's order, years sorted, blanks and combined rows left out"
        );
        assert_eq!(data.breakdown("Sex").len(), 1);
        assert_eq!(data.breakdown_columns(), ["District", "Sex"]);
        assert!(data.breakdown("Nothing").is_empty());
        let headline_only = parse_csv(Path::new("x.csv"), "Year,Value\n2020,1\n", 2026).unwrap();
        assert!(headline_only.breakdown_columns().is_empty());
    }
}
