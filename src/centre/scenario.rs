//! The scenario the server gives its kiosks: `<data dir>/scenario.ron` when the centre has its
//! own, else the bundled one; validated as `check` validates it, with the pictures it names and
//! each one's SHA-256, so a kiosk fetches only what it lacks and verifies what it got.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Centre, CentreError};
use crate::content::Scenario;

/// The scenario a kiosk asks for (`GET /api/v1/scenario`).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ScenarioOffer {
    pub id: String,
    /// SHA-256 of the scenario's text: a kiosk compares it with the one it runs.
    pub hash: String,
    /// The scenario file's text (RON).
    pub ron: String,
    pub assets: Vec<AssetOffer>,
}

/// A picture the scenario names.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AssetOffer {
    pub path: String,
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the server's scenario is, and the directory its pictures are relative to.
fn scenario_file(data_dir: &Path) -> (PathBuf, PathBuf) {
    let own = data_dir.join("scenario.ron");
    let path = if own.is_file() {
        own
    } else {
        crate::shipped_dir("scenarios").join("khmelnytskyi.ron")
    };
    let assets = crate::content::assets_dir_for(&path);
    (path, assets)
}

/// A path inside the assets directory, or None for anything that would leave it.
fn inside(assets: &Path, relative: &str) -> Option<PathBuf> {
    let path = Path::new(relative);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| assets.join(path))
}

impl Centre {
    /// The scenario the server gives its kiosks, read and checked: its text, what it says, and
    /// the directory its pictures are relative to.
    fn read_scenario(&self) -> Result<(String, Scenario, PathBuf), CentreError> {
        let (path, assets) = scenario_file(self.data_dir());
        let text = crate::diagnostics::read_text_file(&path)
            .map_err(|p| CentreError::Problems(p.into()))?;
        let scenario = crate::content::from_text(&path, &text, &assets)?;
        Ok((text, scenario, assets))
    }

    /// The scenario the kiosks play (its items, bins and explanations), as the server has it.
    pub fn scenario(&self) -> Result<Scenario, CentreError> {
        self.read_scenario().map(|(_, scenario, _)| scenario)
    }

    pub fn scenario_offer(&self) -> Result<ScenarioOffer, CentreError> {
        let (text, scenario, assets) = self.read_scenario()?;
        let mut offered = Vec::new();
        for relative in scenario.asset_paths() {
            let Some(file) = inside(&assets, &relative) else {
                continue;
            };
            let bytes = std::fs::read(&file).map_err(|err| CentreError::Unreadable {
                file: file.clone(),
                reason: crate::diagnostics::io_reason(&err),
            })?;
            offered.push(AssetOffer {
                path: relative,
                sha256: hex(&Sha256::digest(&bytes)),
            });
        }
        Ok(ScenarioOffer {
            id: scenario.id,
            hash: hex(&Sha256::digest(text.as_bytes())),
            ron: text,
            assets: offered,
        })
    }

    /// A picture the server's scenario names (and nothing else): its bytes.
    pub fn scenario_asset(&self, relative: &str) -> Result<Option<Vec<u8>>, CentreError> {
        let offer = self.scenario_offer()?;
        if !offer.assets.iter().any(|asset| asset.path == relative) {
            return Ok(None);
        }
        let (_, assets) = scenario_file(self.data_dir());
        let Some(file) = inside(&assets, relative) else {
            return Ok(None);
        };
        std::fs::read(&file)
            .map(Some)
            .map_err(|err| CentreError::Unreadable {
                file,
                reason: crate::diagnostics::io_reason(&err),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_scenario_is_offered_with_every_picture_and_nothing_outside() {
        let data = tempfile::tempdir().unwrap();
        let centre = Centre::new(data.path().to_path_buf());
        let offer = centre.scenario_offer().unwrap();
        assert_eq!(offer.id, "khmelnytskyi");
        assert_eq!(offer.hash.len(), 64);
        assert!(offer.assets.len() > 50, "{}", offer.assets.len());
        let first = &offer.assets[0];
        let bytes = centre.scenario_asset(&first.path).unwrap().unwrap();
        assert_eq!(hex(&Sha256::digest(&bytes)), first.sha256);
        assert!(centre.scenario_asset("../Cargo.toml").unwrap().is_none());
        assert!(
            centre
                .scenario_asset("fonts/NotoSans-Regular.ttf")
                .unwrap()
                .is_none()
        );
    }
}
