//! Writing a command's files into its `--out` directory: each file written beside its place and
//! renamed into it, so a reader never opens half a file, and every failure names the path.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::ReportError;
use crate::i18n::Text;

pub struct OutputDir {
    root: PathBuf,
    written: Vec<PathBuf>,
}

impl OutputDir {
    /// Creates `root` (and its parents) when missing. A path that is a file is refused.
    pub fn create(root: &Path) -> Result<Self, ReportError> {
        if root.exists() && !root.is_dir() {
            let shown = root.display();
            let message = Text::new(
                format!("{shown}: це файл, а --out потребує теки"),
                format!("{shown}: is a file; --out needs a directory"),
            );
            return Err(ReportError::Files(message));
        }
        std::fs::create_dir_all(root).map_err(|err| ReportError::cannot_write(root, &err))?;
        Ok(OutputDir {
            root: root.to_path_buf(),
            written: Vec::new(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` at `relative` (folders created as needed).
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<PathBuf, ReportError> {
        let path = self.root.join(relative);
        let directory = path.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&directory)
            .map_err(|err| ReportError::cannot_write(&directory, &err))?;
        let mut file = tempfile::NamedTempFile::new_in(&directory)
            .map_err(|err| ReportError::cannot_write(&directory, &err))?;
        file.write_all(bytes)
            .map_err(|err| ReportError::cannot_write(&path, &err))?;
        // A temporary file is private; what we publish is for everyone to read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|err| ReportError::cannot_write(&path, &err))?;
        }
        file.persist(&path)
            .map_err(|err| ReportError::cannot_write(&path, &err.error))?;
        self.written.push(path.clone());
        Ok(path)
    }

    pub fn into_files(self) -> Vec<PathBuf> {
        self.written
    }
}
