//! tourcentre: the software of the waste-awareness Tour Centre of KP "Spetskomuntrans", Khmelnytskyi.
//!
//! The binary is a thin shell over this library; every module here is usable on its own.

pub mod bookings;
pub mod centre;
pub mod check;
pub mod cli;
pub mod clock;
pub mod content;
pub mod diagnostics;
#[cfg(feature = "exhibit")]
pub mod exhibit;
pub mod game;
pub mod i18n;
pub mod indicators;
pub mod link;
pub mod mail;
pub mod pin;
pub mod report;
pub mod store;
pub mod visitors;
pub mod voice;
pub mod web;

use std::path::PathBuf;

/// A directory that ships with the project (`scenarios`, `assets`, `indicators`): in the current
/// directory when it has one, else in the source tree the program was built from.
pub fn shipped_dir(name: &str) -> PathBuf {
    let here = PathBuf::from(name);
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

pub fn shipped_assets_dir() -> PathBuf {
    shipped_dir("assets")
}
