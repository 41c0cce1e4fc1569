//! A backup of everything the centre keeps, in one zip: the store (an online snapshot, taken while
//! others may write), `visitors.ron` and the department's `indicators/`; and putting one back.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{Centre, CentreError};
use crate::diagnostics::io_reason;
use crate::i18n::Text;
use crate::store::DATABASE_FILE_NAME;
use crate::visitors::CALENDAR_FILE_NAME;

/// The file `write_backup` writes into its directory.
pub const BACKUP_FILE: &str = "tourcentre-backup.zip";
const INDICATORS: &str = "indicators";
/// A backup larger than this is not one of ours (the store of a busy decade is far smaller).
const MAX_ENTRY_BYTES: u64 = 2 * 1024 * 1024 * 1024;

fn failed(file: &Path, reason: Text) -> CentreError {
    CentreError::ExportFailed {
        file: file.to_path_buf(),
        reason,
    }
}

fn io(file: &Path) -> impl Fn(std::io::Error) -> CentreError + '_ {
    move |err| failed(file, io_reason(&err))
}

/// Every file under `dir`, zipped with `/`-separated paths relative to it, sorted.
pub fn zip_dir(dir: &Path) -> Result<Vec<u8>, CentreError> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files).map_err(io(dir))?;
    files.sort();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for relative in files {
        let path = dir.join(&relative);
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let name = relative.replace('\\', "/");
        out.start_file(name, options)
            .map_err(|err| failed(&path, Text::same(err.to_string())))?;
        out.write_all(&bytes).map_err(io(&path))?;
    }
    out.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|err| failed(dir, Text::same(err.to_string())))
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
        } else if let Ok(relative) = path.strip_prefix(root) {
            files.push(relative.to_string_lossy().into_owned());
        }
    }
    Ok(())
}

/// Copies a directory with everything in it.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}

/// Writes `dir/tourcentre-backup.zip`: the store, the calendar and the indicators.
pub fn write_backup(centre: &mut Centre, dir: &Path) -> Result<PathBuf, CentreError> {
    let staging = dir.join("staging");
    std::fs::create_dir_all(&staging).map_err(io(&staging))?;
    centre.back_up_store(&staging.join(DATABASE_FILE_NAME))?;
    let data_dir = centre.data_dir().to_path_buf();
    let calendar = data_dir.join(CALENDAR_FILE_NAME);
    if calendar.is_file() {
        std::fs::copy(&calendar, staging.join(CALENDAR_FILE_NAME)).map_err(io(&calendar))?;
    }
    let indicators = data_dir.join(INDICATORS);
    if indicators.is_dir() {
        copy_tree(&indicators, &staging.join(INDICATORS)).map_err(io(&indicators))?;
    }
    let bytes = zip_dir(&staging)?;
    let file = dir.join(BACKUP_FILE);
    std::fs::write(&file, bytes).map_err(io(&file))?;
    Ok(file)
}

/// What a restore put back.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Restored {
    #[serde(serialize_with = "crate::centre::transfer::shown_path")]
    pub data_dir: PathBuf,
    pub files: usize,
    /// Where the files replaced were moved, kept until someone removes them.
    #[serde(serialize_with = "crate::centre::transfer::shown_path")]
    pub previous: PathBuf,
}

/// Whether a name inside the zip is one a backup holds (no `..`, no absolute path).
fn allowed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    let plain = parts
        .iter()
        .all(|p| !p.is_empty() && *p != "." && *p != ".." && !p.contains('\\') && !p.contains(':'));
    plain
        && (name == DATABASE_FILE_NAME
            || name == CALENDAR_FILE_NAME
            || (parts[0] == INDICATORS && parts.len() >= 2))
}

/// Puts a backup back into `data_dir` (the server stopped): every entry is checked first (the
/// store opens as a tourcentre store, the calendar and indicators pass `check`), then the
/// current files move aside into `data_dir/before-restore-<time>/` and the backup's take their
/// place. Anything wrong changes nothing.
pub fn restore(data_dir: &Path, file: &Path) -> Result<Restored, CentreError> {
    let bad = |reason: Text| CentreError::Unreadable {
        file: file.to_path_buf(),
        reason,
    };
    let reader = std::fs::File::open(file).map_err(|err| bad(io_reason(&err)))?;
    let mut archive = zip::ZipArchive::new(reader).map_err(|_| {
        bad(Text::new(
            "це не zip-файл резервної копії tourcentre",
            "not a tourcentre backup zip",
        ))
    })?;
    std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
    let stamp = crate::clock::now().format("%Y%m%dT%H%M%S").to_string();
    let staging = data_dir.join(format!(".restore-{stamp}"));
    let _ = std::fs::remove_dir_all(&staging);
    let result = (|| {
        let mut names = Vec::new();
        for index in 0..archive.len() {
            let mut entry = archive
                .by_index(index)
                .map_err(|err| bad(Text::same(err.to_string())))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_string();
            if !allowed(&name) || entry.size() > MAX_ENTRY_BYTES {
                return Err(bad(Text::new(
                    format!("незнайомий запис «{name}»: це не резервна копія tourcentre"),
                    format!("unexpected entry \"{name}\": not a tourcentre backup"),
                )));
            }
            let target = staging.join(&name);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let mut bytes = Vec::new();
            entry
                .by_ref()
                .take(MAX_ENTRY_BYTES)
                .read_to_end(&mut bytes)
                .map_err(|err| bad(io_reason(&err)))?;
            std::fs::write(&target, bytes).map_err(io(&target))?;
            names.push(name);
        }
        if !names.iter().any(|n| n == DATABASE_FILE_NAME) {
            return Err(bad(Text::new(
                format!("у копії немає {DATABASE_FILE_NAME}"),
                format!("the backup holds no {DATABASE_FILE_NAME}"),
            )));
        }
        // The store must be ours and not newer than this program.
        match crate::store::open_read_only(&staging) {
            // An older store is upgraded when it is next opened for writing.
            Ok(_) | Err(crate::store::StoreError::OlderSchema { .. }) => {}
            Err(err) => return Err(err.into()),
        }
        let calendar = staging.join(CALENDAR_FILE_NAME);
        if calendar.is_file() {
            crate::visitors::read_calendar(&calendar)?;
        }
        let indicators = staging.join(INDICATORS);
        if indicators.is_dir() {
            let report = crate::check::check(std::slice::from_ref(&indicators), &indicators);
            if !report.is_clean() {
                return Err(CentreError::Problems(crate::diagnostics::Problems(
                    report.problems,
                )));
            }
        }
        Ok(names.len())
    })();
    let files = match result {
        Ok(files) => files,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(err);
        }
    };
    let previous = data_dir.join(format!("before-restore-{stamp}"));
    for name in [DATABASE_FILE_NAME, CALENDAR_FILE_NAME, INDICATORS] {
        let current = data_dir.join(name);
        if current.exists() {
            std::fs::create_dir_all(&previous).map_err(io(&previous))?;
            std::fs::rename(&current, previous.join(name)).map_err(io(&current))?;
        }
        // The store's WAL and shared memory belong to the file just moved aside.
        for suffix in ["-wal", "-shm"] {
            let side = data_dir.join(format!("{name}{suffix}"));
            if side.exists() {
                std::fs::create_dir_all(&previous).map_err(io(&previous))?;
                std::fs::rename(&side, previous.join(format!("{name}{suffix}")))
                    .map_err(io(&side))?;
            }
        }
        let restored = staging.join(name);
        if restored.exists() {
            std::fs::rename(&restored, &current).map_err(io(&restored))?;
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    Ok(Restored {
        data_dir: data_dir.to_path_buf(),
        files,
        previous,
    })
}
