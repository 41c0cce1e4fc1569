use crate::content::Scenario;

/// Misses after which the right bin is shown.
pub const MISSES_BEFORE_REVEAL: usize = 2;

/// One item to sort in a round, and the bins the visitor chose for it so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundItem {
    pub item: String,
    pub right_bin: String,
    pub chosen: Vec<String>,
}

impl RoundItem {
    pub fn is_sorted(&self) -> bool {
        self.chosen.last() == Some(&self.right_bin)
    }

    pub fn first_try_right(&self) -> bool {
        self.chosen.first() == Some(&self.right_bin)
    }

    pub fn misses(&self) -> usize {
        self.chosen
            .iter()
            .filter(|bin| **bin != self.right_bin)
            .count()
    }
}

/// What a drop did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The right bin; `first_try` when no miss came before.
    Right { first_try: bool },
    /// A wrong bin: the item goes back. `reveal` once the right bin should be shown.
    Wrong { misses: usize, reveal: bool },
    /// Nothing left to sort, or an unknown item: the drop is ignored.
    Ignored,
}

/// A drop in the record: which item went into which bin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub item: String,
    pub bin: String,
}

/// A round of the game for one audience: items in the order shown, and the visitor's answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    pub audience: String,
    pub items: Vec<RoundItem>,
    current: usize,
}

/// How many stars a round earns; never zero: every round ends with praise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stars(pub u8);

impl Round {
    pub fn new(audience: impl Into<String>, items: Vec<RoundItem>) -> Self {
        Round {
            audience: audience.into(),
            items,
            current: 0,
        }
    }

    /// The item being sorted now, if the round is not over.
    pub fn current(&self) -> Option<&RoundItem> {
        self.items.get(self.current)
    }

    pub fn current_index(&self) -> usize {
        self.current
    }

    pub fn is_over(&self) -> bool {
        self.current >= self.items.len()
    }

    /// Items sorted so far (for "3 / 8").
    pub fn sorted_count(&self) -> usize {
        self.current.min(self.items.len())
    }

    /// Judges dropping the current item into `bin`. A right drop moves on to the next item.
    pub fn drop_into(&mut self, item: &str, bin: &str) -> Outcome {
        let Some(current) = self.items.get_mut(self.current) else {
            return Outcome::Ignored;
        };
        if current.item != item {
            return Outcome::Ignored;
        }
        current.chosen.push(bin.to_string());
        if bin == current.right_bin {
            let first_try = current.chosen.len() == 1;
            self.current += 1;
            Outcome::Right { first_try }
        } else {
            let misses = current.misses();
            Outcome::Wrong {
                misses,
                reveal: misses >= MISSES_BEFORE_REVEAL,
            }
        }
    }

    /// Items sorted right on the first try: the score.
    pub fn first_try_score(&self) -> usize {
        self.items
            .iter()
            .filter(|item| item.first_try_right())
            .count()
    }

    /// Items that took more than one try, in round order.
    pub fn missed(&self) -> impl Iterator<Item = &RoundItem> {
        self.items
            .iter()
            .filter(|item| !item.chosen.is_empty() && !item.first_try_right())
    }

    /// 3 stars from 90% right on the first try, 2 from 60%, else 1.
    pub fn stars(&self) -> Stars {
        if self.items.is_empty() {
            return Stars(1);
        }
        let share = self.first_try_score() as f64 / self.items.len() as f64;
        Stars(if share >= 0.9 {
            3
        } else if share >= 0.6 {
            2
        } else {
            1
        })
    }
}

/// Builds a round for `audience`: `items_per_round` different items, deterministic for a seed.
/// Bins are covered first (one item from as many bins as the round has room for), so every bin
/// the audience has items for is reachable; the order is then shuffled.
pub fn build_round(scenario: &Scenario, audience: &str, seed: u64) -> Option<Round> {
    let per_round = scenario.audience(audience)?.items_per_round as usize;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut pool: Vec<&crate::content::Item> = scenario.items_for(audience).collect();
    rng.shuffle(&mut pool);
    let mut bins: Vec<&str> = Vec::new();
    for item in &pool {
        if !bins.contains(&item.bin.as_str()) {
            bins.push(&item.bin);
        }
    }
    let mut picked: Vec<&crate::content::Item> = Vec::new();
    for bin in bins {
        if picked.len() == per_round {
            break;
        }
        if let Some(item) = pool.iter().find(|item| item.bin == bin) {
            picked.push(item);
        }
    }
    for item in &pool {
        if picked.len() == per_round {
            break;
        }
        if !picked.iter().any(|p| p.id == item.id) {
            picked.push(item);
        }
    }
    rng.shuffle(&mut picked);
    let items = picked
        .into_iter()
        .map(|item| RoundItem {
            item: item.id.clone(),
            right_bin: item.bin.clone(),
            chosen: Vec::new(),
        })
        .collect();
    Some(Round::new(audience, items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn scenario() -> Scenario {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/khmelnytskyi.ron");
        crate::content::load(&path, &crate::shipped_assets_dir())
            .expect("the shipped scenario loads")
    }

    fn round_of(items: &[(&str, &str)]) -> Round {
        Round::new(
            "young",
            items
                .iter()
                .map(|(item, bin)| RoundItem {
                    item: item.to_string(),
                    right_bin: bin.to_string(),
                    chosen: vec![],
                })
                .collect(),
        )
    }

    #[test]
    fn rounds_are_deterministic_by_seed() {
        let s = scenario();
        assert_eq!(build_round(&s, "older", 7), build_round(&s, "older", 7));
        let differs =
            (0..20).any(|seed| build_round(&s, "older", seed) != build_round(&s, "older", 7));
        assert!(differs, "different seeds should give different rounds");
    }

    #[test]
    fn rounds_have_the_audience_size_and_no_repeats() {
        let s = scenario();
        for audience in &s.audiences {
            for seed in 0..50 {
                let round = build_round(&s, &audience.id, seed).unwrap();
                assert_eq!(round.items.len(), audience.items_per_round as usize);
                let ids: HashSet<&str> = round.items.iter().map(|i| i.item.as_str()).collect();
                assert_eq!(ids.len(), round.items.len(), "repeat in {:?}", round.items);
                for item in &round.items {
                    assert!(s.item(&item.item).unwrap().audiences.contains(&audience.id));
                }
            }
        }
    }

    #[test]
    fn every_bin_of_the_audience_is_reachable_in_every_round() {
        let s = scenario();
        for audience in &s.audiences {
            let bins: HashSet<&str> = s.items_for(&audience.id).map(|i| i.bin.as_str()).collect();
            for seed in 0..50 {
                let round = build_round(&s, &audience.id, seed).unwrap();
                let covered: HashSet<&str> =
                    round.items.iter().map(|i| i.right_bin.as_str()).collect();
                if audience.items_per_round as usize >= bins.len() {
                    assert_eq!(covered, bins, "audience {} seed {seed}", audience.id);
                }
            }
        }
    }

    #[test]
    fn an_unknown_audience_gives_no_round() {
        assert!(build_round(&scenario(), "aliens", 1).is_none());
    }

    #[test]
    fn a_right_first_drop_scores_and_moves_on() {
        let mut round = round_of(&[("jar", "glass"), ("paper", "paper")]);
        assert_eq!(
            round.drop_into("jar", "glass"),
            Outcome::Right { first_try: true }
        );
        assert_eq!(round.current().unwrap().item, "paper");
        assert_eq!(round.first_try_score(), 1);
        assert_eq!(round.sorted_count(), 1);
    }

    #[test]
    fn a_wrong_drop_gives_a_second_try_then_reveals() {
        let mut round = round_of(&[("jar", "glass")]);
        assert_eq!(
            round.drop_into("jar", "paper"),
            Outcome::Wrong {
                misses: 1,
                reveal: false
            }
        );
        assert_eq!(round.current().unwrap().item, "jar", "the item goes back");
        assert_eq!(
            round.drop_into("jar", "mixed"),
            Outcome::Wrong {
                misses: 2,
                reveal: true
            }
        );
        assert_eq!(
            round.drop_into("jar", "glass"),
            Outcome::Right { first_try: false }
        );
        assert!(round.is_over());
        assert_eq!(round.first_try_score(), 0);
        assert_eq!(round.missed().count(), 1);
        assert_eq!(round.items[0].chosen, vec!["paper", "mixed", "glass"]);
    }

    #[test]
    fn drops_of_other_items_or_after_the_end_are_ignored() {
        let mut round = round_of(&[("jar", "glass")]);
        assert_eq!(round.drop_into("battery", "glass"), Outcome::Ignored);
        round.drop_into("jar", "glass");
        assert_eq!(round.drop_into("jar", "glass"), Outcome::Ignored);
        assert_eq!(round.items[0].chosen.len(), 1);
    }

    #[test]
    fn stars_follow_the_first_try_share() {
        let mut round = round_of(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x"), ("e", "x")]);
        for item in ["a", "b", "c", "d", "e"] {
            round.drop_into(item, "x");
        }
        assert_eq!(round.stars(), Stars(3));
        let mut round = round_of(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x"), ("e", "x")]);
        round.drop_into("a", "y");
        round.drop_into("a", "x");
        round.drop_into("b", "y");
        round.drop_into("b", "x");
        for item in ["c", "d", "e"] {
            round.drop_into(item, "x");
        }
        assert_eq!(round.stars(), Stars(2));
        let mut round = round_of(&[("a", "x"), ("b", "x")]);
        round.drop_into("a", "y");
        round.drop_into("a", "x");
        round.drop_into("b", "y");
        round.drop_into("b", "x");
        assert_eq!(round.stars(), Stars(1));
    }
}
