//! The scenario the server gives its kiosks: `<data dir>/scenario.ron` when the centre has its
//! own, else the bundled one; validated as `check` validates it, with the pictures it names, the
//! voice clips that speak its texts now (and each language's `made-from.tsv`), and each file's
//! SHA-256, so a kiosk fetches only what it lacks and verifies what it got.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Centre, CentreError};
use crate::content::Scenario;
use crate::i18n::{Lang, Words};
use crate::voice;

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

/// A picture the scenario names, or a voice clip of one of its texts.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AssetOffer {
    pub path: String,
    pub sha256: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What tells a file's content changed without reading it: its length, modification time, and
/// inode and change time (a file replaced by a rename, as `voice stamp` writes its manifest, is a
/// new inode even within one tick of a coarse clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    inode: u64,
    changed: (i64, i64),
}

fn stamp(meta: &std::fs::Metadata) -> std::io::Result<Stamp> {
    use std::os::unix::fs::MetadataExt;
    Ok(Stamp {
        len: meta.len(),
        modified: meta.modified()?,
        inode: meta.ino(),
        changed: (meta.ctime(), meta.ctime_nsec()),
    })
}

/// A file's SHA-256, remembered by its `Stamp`: the offer names some 800 files (pictures and
/// clips), and every kiosk asks for it, and again for each file it fetches.
fn file_sha256(file: &Path) -> std::io::Result<String> {
    static KNOWN: Mutex<BTreeMap<PathBuf, (Stamp, String)>> = Mutex::new(BTreeMap::new());
    let now = stamp(&std::fs::metadata(file)?)?;
    if let Ok(known) = KNOWN.lock()
        && let Some((then, hash)) = known.get(file)
        && *then == now
    {
        return Ok(hash.clone());
    }
    let hash = hex(&Sha256::digest(std::fs::read(file)?));
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(file.to_path_buf(), (now, hash.clone()));
    }
    Ok(hash)
}

/// The files a kiosk needs besides the scenario's text, relative to its assets: the pictures,
/// then each language's clips that speak the current texts (with the manifest that says so).
fn offered_paths(scenario: &Scenario, assets: &Path) -> Vec<String> {
    let mut paths: Vec<String> = scenario.asset_paths().into_iter().collect();
    for lang in Lang::ALL {
        let lines = voice::script(scenario, Words::new(lang).messages(), lang);
        let mut keys: Vec<String> = voice::current_clips(assets, lang, &lines)
            .into_keys()
            .collect();
        if keys.is_empty() {
            continue;
        }
        keys.sort();
        let dir = format!("{}/{}", voice::DIR, lang.code());
        paths.push(format!("{dir}/{}", voice::MANIFEST));
        paths.extend(
            keys.iter()
                .map(|key| format!("{dir}/{key}.{}", voice::EXTENSION)),
        );
    }
    paths
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
        // Voice folders (`voice/uk/`) with a file that could not be read: a clip is optional, so
        // that language's voice is left out (the kiosks keep their own) rather than the offer.
        let mut unreadable_voice: Vec<String> = Vec::new();
        for relative in offered_paths(&scenario, &assets) {
            let Some(file) = inside(&assets, &relative) else {
                continue;
            };
            match file_sha256(&file) {
                Ok(sha256) => offered.push(AssetOffer {
                    path: relative,
                    sha256,
                }),
                Err(err) if relative.starts_with(voice::DIR) => {
                    let folder = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
                    eprintln!(
                        "scenario: {}: {}; the kiosks are not offered this language's voice",
                        file.display(),
                        crate::diagnostics::io_reason(&err).en
                    );
                    unreadable_voice.push(format!("{folder}/"));
                }
                Err(err) => {
                    return Err(CentreError::Unreadable {
                        file,
                        reason: crate::diagnostics::io_reason(&err),
                    });
                }
            }
        }
        offered.retain(|asset| {
            !unreadable_voice
                .iter()
                .any(|folder| asset.path.starts_with(folder.as_str()))
        });
        Ok(ScenarioOffer {
            id: scenario.id,
            hash: hex(&Sha256::digest(text.as_bytes())),
            ron: text,
            assets: offered,
        })
    }

    /// A picture or clip the server's offer names (and nothing else): its bytes.
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

    #[test]
    fn every_clip_that_speaks_a_current_text_is_offered_with_its_manifest() {
        let data = tempfile::tempdir().unwrap();
        let centre = Centre::new(data.path().to_path_buf());
        let offer = centre.scenario_offer().unwrap();
        let scenario = centre.scenario().unwrap();
        let shipped = crate::shipped_assets_dir();
        for lang in Lang::ALL {
            let dir = format!("voice/{}/", lang.code());
            let clips: Vec<&AssetOffer> = offer
                .assets
                .iter()
                .filter(|asset| asset.path.starts_with(&dir) && asset.path.ends_with(".ogg"))
                .collect();
            let lines = voice::script(&scenario, Words::new(lang).messages(), lang);
            assert_eq!(
                clips.len(),
                lines.len(),
                "{lang:?}: the shipped set is whole"
            );
            let manifest = format!("{dir}{}", voice::MANIFEST);
            assert!(offer.assets.iter().any(|asset| asset.path == manifest));
            let first = clips[0];
            let bytes = centre.scenario_asset(&first.path).unwrap().unwrap();
            assert_eq!(bytes, std::fs::read(shipped.join(&first.path)).unwrap());
            assert_eq!(hex(&Sha256::digest(&bytes)), first.sha256);
        }
        // The same files again: the hashes come from what was remembered, and agree.
        let again = centre.scenario_offer().unwrap();
        let paths = |offer: &ScenarioOffer| {
            offer
                .assets
                .iter()
                .map(|a| (a.path.clone(), a.sha256.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(&offer), paths(&again));
    }
}
