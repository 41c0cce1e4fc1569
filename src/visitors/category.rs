//! Who came: the five kinds of visitor the centre counts.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    School,
    Student,
    Adult,
    Family,
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::School,
        Category::Student,
        Category::Adult,
        Category::Family,
        Category::Other,
    ];

    /// The name used on the command line, in CSV files, in JSON and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::School => "school",
            Category::Student => "student",
            Category::Adult => "adult",
            Category::Family => "family",
            Category::Other => "other",
        }
    }

    /// Reads a category name; surrounding spaces and letter case are forgiven, since names come
    /// from spreadsheets typed by hand.
    pub fn parse(text: &str) -> Option<Category> {
        let wanted = text.trim();
        Category::ALL
            .into_iter()
            .find(|category| category.as_str().eq_ignore_ascii_case(wanted))
    }

    /// "school, student, adult, family, other", for messages that list the valid names.
    pub fn valid_names() -> String {
        Category::ALL.map(Category::as_str).join(", ")
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_forgive_case_and_spaces() {
        for category in Category::ALL {
            assert_eq!(Category::parse(category.as_str()), Some(category));
        }
        assert_eq!(Category::parse(" School "), Some(Category::School));
        assert_eq!(Category::parse("pupil"), None);
        assert_eq!(Category::parse(""), None);
    }

    #[test]
    fn the_valid_names_are_listed_in_order() {
        assert_eq!(
            Category::valid_names(),
            "school, student, adult, family, other"
        );
    }
}
