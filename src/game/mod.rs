//! The rules of the sorting game, with no bevy: building a round, judging a drop, scoring, and the
//! idle timer. The exhibit only shows what these say.

mod idle;
mod round;

pub use idle::{IdlePhase, IdleTimer};
pub use round::{Attempt, Outcome, Round, RoundItem, Stars, build_round};
