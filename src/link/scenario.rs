//! The scenario a networked kiosk runs: the server's (`GET /api/v1/scenario`), kept in the
//! kiosk's data dir so that it still runs when the server is away.
//!
//! The cache is `<data dir>/scenario-cache/`: one directory per offer, named by its version (the
//! SHA-256 of the scenario's text hash and every offered file's path and hash, so a clip recorded
//! again makes a new version of the same text), holding `scenario.ron` and every picture and
//! voice clip the offer names at the path it names; the file `current` names the directory in
//! use. A new one is built in `<version>.partial` (files copied from the bundled assets or the
//! previous scenario when their SHA-256 matches, else fetched and verified), validated as `check`
//! validates it, and only then renamed into place and named in `current`: a kiosk that loses
//! power mid-way keeps the scenario it had.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{Link, LinkError};
use crate::content::Scenario;

/// The cache directory inside a kiosk's data dir.
pub const CACHE_DIR: &str = "scenario-cache";
/// The largest picture or clip a kiosk takes from the server.
const MAX_ASSET_BYTES: u64 = 16 * 1024 * 1024;

/// The server's scenario, as `GET /api/v1/scenario` gives it.
#[derive(Clone, Debug, Deserialize)]
pub struct Offer {
    pub id: String,
    pub hash: String,
    pub ron: String,
    pub assets: Vec<OfferedAsset>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct OfferedAsset {
    pub path: String,
    pub sha256: String,
}

impl Offer {
    /// What the kiosk would run: the text's hash and every offered file, as one SHA-256 (64 hex
    /// digits, so also a safe directory name).
    pub fn version(&self) -> String {
        let mut listed = format!("{}\n", self.hash);
        for asset in &self.assets {
            listed.push_str(&format!("{}\t{}\n", asset.path, asset.sha256));
        }
        hex_sha256(listed.as_bytes())
    }
}

/// A scenario in the cache, ready to run.
#[derive(Clone, Debug)]
pub struct Cached {
    /// The SHA-256 of its text.
    pub hash: String,
    /// Its pictures and voice clips are under this directory (named by the offer's version), at
    /// the paths the offer names.
    pub dir: PathBuf,
    pub scenario: Scenario,
}

/// Why a new scenario was not taken (the kiosk keeps the one it runs).
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error(transparent)]
    Link(#[from] LinkError),
    #[error("{path}: its SHA-256 is not the one the server listed")]
    WrongHash { path: String },
    #[error("{path}: not a path inside the assets")]
    BadPath { path: String },
    #[error("the server's scenario does not pass the checks: {0}")]
    Invalid(String),
    #[error("{path}: {reason}")]
    Disk { path: PathBuf, reason: String },
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn disk(path: &Path) -> impl Fn(std::io::Error) -> ScenarioError + '_ {
    move |err| ScenarioError::Disk {
        path: path.to_path_buf(),
        reason: err.to_string(),
    }
}

/// A relative path that stays inside the directory it is joined to.
fn relative(path: &str) -> Option<&Path> {
    let path = Path::new(path);
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    (plain && !path.as_os_str().is_empty()).then_some(path)
}

/// A hash as the server writes it (64 hex digits): safe as a directory name.
fn is_hash(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The SHA-256 of a scenario file's text, as the server computes it for its offer.
pub fn file_hash(path: &Path) -> std::io::Result<String> {
    fs::read(path).map(|bytes| hex_sha256(&bytes))
}

/// The scenario named in `current`, when its directory is whole and it passes the checks.
pub fn cached(data_dir: &Path) -> Option<Cached> {
    let cache = data_dir.join(CACHE_DIR);
    let hash = fs::read_to_string(cache.join("current")).ok()?;
    let hash = hash.trim();
    if !is_hash(hash) {
        return None;
    }
    let dir = cache.join(hash);
    let file = dir.join("scenario.ron");
    let scenario = crate::content::load(&file, &dir).ok()?;
    Some(Cached {
        hash: file_hash(&file).ok()?,
        dir,
        scenario,
    })
}

/// Writes `bytes` to `path` through a temporary file and a rename, synced to disk.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ScenarioError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(disk(parent))?;
    }
    let partial = path.with_extension("partial");
    let mut file = fs::File::create(&partial).map_err(disk(&partial))?;
    file.write_all(bytes).map_err(disk(&partial))?;
    file.sync_all().map_err(disk(&partial))?;
    fs::rename(&partial, path).map_err(disk(path))
}

/// The bytes of `path` under one of `dirs` whose SHA-256 is `sha256`, if any has it.
fn local_copy(dirs: &[&Path], path: &Path, sha256: &str) -> Option<Vec<u8>> {
    dirs.iter().find_map(|dir| {
        let bytes = fs::read(dir.join(path)).ok()?;
        (hex_sha256(&bytes) == sha256).then_some(bytes)
    })
}

/// Makes `offer` the kiosk's cached scenario: files it already has (in `have`, the bundled
/// assets and the scenario it runs) are copied, the others taken from `fetch` and verified; the
/// whole is validated before it is named in `current`. The old directories are removed, except
/// `keep` (the one running until the next round).
pub fn store_offer(
    data_dir: &Path,
    offer: &Offer,
    have: &[&Path],
    keep: Option<&str>,
    mut fetch: impl FnMut(&str) -> Result<Vec<u8>, LinkError>,
) -> Result<Cached, ScenarioError> {
    if hex_sha256(offer.ron.as_bytes()) != offer.hash || !is_hash(&offer.hash) {
        return Err(ScenarioError::WrongHash {
            path: "scenario.ron".into(),
        });
    }
    let cache = data_dir.join(CACHE_DIR);
    let version = offer.version();
    let dir = cache.join(&version);
    if !dir.is_dir() {
        let partial = cache.join(format!("{version}.partial"));
        if partial.exists() {
            fs::remove_dir_all(&partial).map_err(disk(&partial))?;
        }
        fs::create_dir_all(&partial).map_err(disk(&partial))?;
        let built = build_partial(&partial, offer, have, &mut fetch);
        if built.is_err() {
            // Not kept for a next try: each failed version would leave a copy of every file.
            let _ = fs::remove_dir_all(&partial);
        }
        built?;
        fs::rename(&partial, &dir).map_err(disk(&dir))?;
    }
    write_whole(&cache.join("current"), version.as_bytes())?;
    let cached = cached(data_dir).ok_or_else(|| ScenarioError::Invalid(offer.hash.clone()))?;
    prune(&cache, &[Some(version.as_str()), keep]);
    Ok(cached)
}

/// Fills `partial` with the offer's files and its text, and checks the whole.
fn build_partial(
    partial: &Path,
    offer: &Offer,
    have: &[&Path],
    fetch: &mut impl FnMut(&str) -> Result<Vec<u8>, LinkError>,
) -> Result<(), ScenarioError> {
    for asset in &offer.assets {
        let Some(path) = relative(&asset.path) else {
            return Err(ScenarioError::BadPath {
                path: asset.path.clone(),
            });
        };
        let bytes = match local_copy(have, path, &asset.sha256) {
            Some(bytes) => bytes,
            None => fetch(&asset.path)?,
        };
        if hex_sha256(&bytes) != asset.sha256 {
            return Err(ScenarioError::WrongHash {
                path: asset.path.clone(),
            });
        }
        write_whole(&partial.join(path), &bytes)?;
    }
    write_whole(&partial.join("scenario.ron"), offer.ron.as_bytes())?;
    crate::content::load(&partial.join("scenario.ron"), partial).map_err(|problems| {
        ScenarioError::Invalid(
            problems
                .0
                .iter()
                .take(3)
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(())
}

/// What a kiosk runs, as it compares the server's offer with it.
#[derive(Clone, Debug, Default)]
pub struct Running {
    /// The SHA-256 of its scenario's text.
    pub hash: String,
    /// Its directory in the cache, when it runs the server's scenario.
    pub dir: Option<PathBuf>,
    /// The version of an offer already found to be what it runs (so the files are hashed once).
    pub matched: Option<String>,
}

impl Running {
    fn runs(&self, version: &str) -> bool {
        self.matched.as_deref() == Some(version)
            || self
                .dir
                .as_deref()
                .and_then(Path::file_name)
                .is_some_and(|name| name == version)
    }
}

/// Takes the server's offer: None when the kiosk runs it already (the same directory, or the
/// bundled scenario with the very text and files offered, remembered in `running.matched`),
/// else the offer cached as `store_offer` does, for the next round.
pub fn take_offer(
    data_dir: &Path,
    offer: &Offer,
    running: &mut Running,
    bundled_assets: &Path,
    fetch: impl FnMut(&str) -> Result<Vec<u8>, LinkError>,
) -> Result<Option<Cached>, ScenarioError> {
    let version = offer.version();
    if running.runs(&version) {
        return Ok(None);
    }
    let bundled_is_it = running.dir.is_none()
        && offer.hash == running.hash
        && offer.assets.iter().all(|asset| {
            relative(&asset.path)
                .and_then(|path| local_copy(&[bundled_assets], path, &asset.sha256))
                .is_some()
        });
    if bundled_is_it {
        running.matched = Some(version);
        return Ok(None);
    }
    let mut have = vec![bundled_assets];
    have.extend(running.dir.as_deref());
    let keep = running
        .dir
        .as_deref()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str());
    let cached = store_offer(data_dir, offer, &have, keep, fetch)?;
    running.hash = cached.hash.clone();
    running.dir = Some(cached.dir.clone());
    running.matched = None;
    Ok(Some(cached))
}

/// Removes the cache's scenario directories but those named in `keep` (a failure leaves them).
fn prune(cache: &Path, keep: &[Option<&str>]) {
    let keep: BTreeSet<&str> = keep.iter().flatten().copied().collect();
    let Ok(entries) = fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && !keep.contains(name.as_str()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The URL path of an offered file: the whole relative path is one segment, its `/` written
/// `%2F` (the route takes one segment; a bare `/` would ask for another route, and get a 404).
fn asset_url(path: &str) -> String {
    let segment = percent_encoding::utf8_percent_encode(path, percent_encoding::NON_ALPHANUMERIC);
    format!("/api/v1/assets/{segment}")
}

impl Link {
    /// The server's scenario (`GET /api/v1/scenario`, with the station's token).
    pub fn scenario_offer(&self) -> Result<Offer, LinkError> {
        self.get_json(&self.token, "/api/v1/scenario")
    }

    /// One picture or clip the server's offer names (`GET /api/v1/assets/{path}`), at most 16 MiB.
    pub fn fetch_asset(&self, path: &str) -> Result<Vec<u8>, LinkError> {
        self.get(&self.token, &asset_url(path))?
            .body_mut()
            .with_config()
            .limit(MAX_ASSET_BYTES)
            .read_to_vec()
            .map_err(|err| LinkError::Away(err.to_string()))
    }

    /// Checks the server for a scenario (or pictures, or voice clips) other than what the kiosk
    /// runs and caches it: Some when the kiosk should switch to it at the next round.
    pub fn newer_scenario(
        &self,
        data_dir: &Path,
        running: &mut Running,
        bundled_assets: &Path,
    ) -> Result<Option<Cached>, ScenarioError> {
        let offer = self.scenario_offer()?;
        take_offer(data_dir, &offer, running, bundled_assets, |path| {
            self.fetch_asset(path)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped_offer() -> Offer {
        let path = crate::shipped_dir("scenarios").join("khmelnytskyi.ron");
        let ron = fs::read_to_string(&path).unwrap();
        let assets_dir = crate::shipped_assets_dir();
        let scenario = crate::content::load(&path, &assets_dir).unwrap();
        Offer {
            id: scenario.id.clone(),
            hash: hex_sha256(ron.as_bytes()),
            assets: scenario
                .asset_paths()
                .into_iter()
                .map(|path| OfferedAsset {
                    sha256: hex_sha256(&fs::read(assets_dir.join(&path)).unwrap()),
                    path,
                })
                .collect(),
            ron,
        }
    }

    #[test]
    fn pictures_the_kiosk_has_are_copied_and_the_others_fetched_and_verified() {
        let data = tempfile::tempdir().unwrap();
        let assets = crate::shipped_assets_dir();
        let offer = shipped_offer();
        let mut fetched = Vec::new();
        let stored = store_offer(data.path(), &offer, &[&assets], None, |path| {
            fetched.push(path.to_string());
            Ok(fs::read(assets.join(path)).unwrap())
        })
        .unwrap();
        assert!(fetched.is_empty(), "all were bundled: {fetched:?}");
        assert_eq!(stored.hash, offer.hash);
        assert_eq!(stored.scenario.id, "khmelnytskyi");
        assert_eq!(cached(data.path()).unwrap().hash, offer.hash);

        // With nothing local, every picture is fetched.
        let elsewhere = tempfile::tempdir().unwrap();
        let mut count = 0;
        store_offer(elsewhere.path(), &offer, &[], None, |path| {
            count += 1;
            Ok(fs::read(assets.join(path)).unwrap())
        })
        .unwrap();
        assert_eq!(count, offer.assets.len());
    }

    #[test]
    fn a_picture_that_is_not_what_the_server_listed_keeps_the_old_scenario() {
        let data = tempfile::tempdir().unwrap();
        let assets = crate::shipped_assets_dir();
        let offer = shipped_offer();
        store_offer(data.path(), &offer, &[&assets], None, |_| unreachable!()).unwrap();

        let mut changed = offer.clone();
        changed.ron = offer.ron.clone() + "\n";
        changed.hash = hex_sha256(changed.ron.as_bytes());
        let kept = offer.version();
        let tampered = store_offer(data.path(), &changed, &[], Some(&kept), |_| {
            Ok(b"not the picture".to_vec())
        });
        assert!(
            matches!(tampered, Err(ScenarioError::WrongHash { .. })),
            "{tampered:?}"
        );
        assert_eq!(cached(data.path()).unwrap().hash, offer.hash);
        // Nothing of the failed one is left in the cache (each try would leave every file).
        let left: Vec<String> = fs::read_dir(data.path().join(CACHE_DIR))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");

        // A server that goes away mid-way: the same.
        let away = store_offer(data.path(), &changed, &[], Some(&kept), |_| {
            Err(LinkError::Away("gone".into()))
        });
        assert!(matches!(away, Err(ScenarioError::Link(_))));
        assert_eq!(cached(data.path()).unwrap().hash, offer.hash);
    }

    #[test]
    fn a_scenario_that_fails_the_checks_or_escapes_the_cache_is_refused() {
        let data = tempfile::tempdir().unwrap();
        let assets = crate::shipped_assets_dir();
        let mut offer = shipped_offer();
        offer.ron = offer.ron.replacen("items:", "itemz:", 1);
        offer.hash = hex_sha256(offer.ron.as_bytes());
        let invalid = store_offer(data.path(), &offer, &[&assets], None, |_| unreachable!());
        assert!(
            matches!(invalid, Err(ScenarioError::Invalid(_))),
            "{invalid:?}"
        );
        assert!(cached(data.path()).is_none());

        let mut escaping = shipped_offer();
        escaping.assets[0].path = "../../etc/passwd".into();
        let refused = store_offer(data.path(), &escaping, &[&assets], None, |_| unreachable!());
        assert!(matches!(refused, Err(ScenarioError::BadPath { .. })));
    }

    #[test]
    fn an_assets_path_is_one_segment_of_the_url() {
        assert_eq!(
            asset_url("voice/uk/item.aerosol-can.name.ogg"),
            "/api/v1/assets/voice%2Fuk%2Fitem%2Eaerosol%2Dcan%2Ename%2Eogg"
        );
    }

    /// The server's offer as a kiosk reads it, from the centre's own answer.
    fn centre_offer(data_dir: &Path) -> Offer {
        let offer = crate::centre::Centre::new(data_dir.to_path_buf())
            .scenario_offer()
            .unwrap();
        serde_json::from_value(serde_json::to_value(offer).unwrap()).unwrap()
    }

    #[test]
    fn a_clip_recorded_again_on_the_server_reaches_the_kiosk_and_the_rest_is_copied() {
        let server = tempfile::tempdir().unwrap();
        let kiosk = tempfile::tempdir().unwrap();
        let bundled = crate::shipped_assets_dir();
        let offer = centre_offer(server.path());
        assert!(
            offer
                .assets
                .iter()
                .any(|a| a.path == "voice/uk/made-from.tsv")
        );

        // A kiosk running the bundled scenario with the very clips offered keeps running it,
        // with nothing cached, and does not hash its files again at the next check.
        let mut running = Running {
            hash: offer.hash.clone(),
            ..Running::default()
        };
        let same = take_offer(
            kiosk.path(),
            &offer,
            &mut running,
            &bundled,
            |_| unreachable!(),
        );
        assert!(same.unwrap().is_none());
        assert_eq!(running.matched, Some(offer.version()));
        assert!(!kiosk.path().join(CACHE_DIR).exists());

        // The centre records the name of the first item again: only that clip is fetched.
        let key = "voice/uk/item.aerosol-can.name.ogg";
        let recorded = b"OggS a person's voice".to_vec();
        let mut again = offer.clone();
        let asset = again
            .assets
            .iter_mut()
            .find(|a| a.path == key)
            .expect("the item's clip is offered");
        asset.sha256 = hex_sha256(&recorded);
        let mut fetched = Vec::new();
        let cached = take_offer(kiosk.path(), &again, &mut running, &bundled, |path| {
            fetched.push(path.to_string());
            Ok(recorded.clone())
        })
        .unwrap()
        .expect("a new version of the same text");
        assert_eq!(fetched, [key]);
        assert_eq!(fs::read(cached.dir.join(key)).unwrap(), recorded);
        assert!(
            cached
                .dir
                .join("voice/en/item.aerosol-can.name.ogg")
                .is_file()
        );
        assert_eq!(cached.hash, offer.hash);
        assert_eq!(running.dir.as_deref(), Some(cached.dir.as_path()));

        // Asked again: it runs that version already.
        let repeat = take_offer(
            kiosk.path(),
            &again,
            &mut running,
            &bundled,
            |_| unreachable!(),
        );
        assert!(repeat.unwrap().is_none());
        assert_eq!(super::cached(kiosk.path()).unwrap().dir, cached.dir);
    }
}
