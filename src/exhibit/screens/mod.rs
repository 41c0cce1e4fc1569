//! The exhibit's screens, one plugin each, as a state machine:
//! Attract → Audience → Sorting → Lifecycle → Results → (Audience | Attract).

mod attract;
pub mod audience;
pub mod lifecycle;
pub mod results;
pub mod sorting;

use bevy::prelude::*;

#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Screen {
    #[default]
    Attract,
    Audience,
    Sorting,
    Lifecycle,
    Results,
}

pub(super) fn plugin(app: &mut App) {
    app.init_state::<Screen>();
    app.add_plugins((
        attract::plugin,
        audience::plugin,
        sorting::plugin,
        lifecycle::plugin,
        results::plugin,
    ));
}

/// Moves to another screen; setting the same screen again does nothing (and despawns nothing).
pub fn go(next: &mut NextState<Screen>, screen: Screen) {
    next.set_if_neq(screen);
}
