//! The rules of the sorting game, with no bevy: building a round, judging a drop, scoring, and the
//! idle timer. The exhibit only shows what these say.

mod idle;
mod round;
mod session;

pub use idle::{IdlePhase, IdleTimer};
pub use round::{Attempt, Outcome, Round, RoundItem, Stars, build_round};
pub use session::{PlaySession, SessionAnswer, SessionOutbox, SessionRecorder};
