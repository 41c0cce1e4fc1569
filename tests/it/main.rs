//! The one integration-test binary (linking is the slow step, so every integration test lives here).

mod assets;
mod booking_cli;
mod booking_http;
mod booking_mail;
mod check_cli;
mod content;
mod desk_cli;
#[cfg(feature = "exhibit")]
mod exhibit_screens;
mod export_cli;
mod golden;
mod guide_cli;
mod indicator_definition;
mod indicator_entry;
mod kiosk_link;
mod layering;
mod messages;
mod openapi;
mod report_cli;
mod results_feed;
mod robustness;
#[cfg(feature = "exhibit")]
mod several_kiosks;
mod store_reliability;
mod voice_cli;
mod web_browser;
mod web_http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary, run from the repository root with a throw-away data dir.
pub fn tourcentre(args: &[&str], data_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tourcentre"))
        .args(args)
        .current_dir(repo())
        .env("TOURCENTRE_DATA", data_dir)
        .output()
        .expect("the tourcentre binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
