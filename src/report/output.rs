//! Writing a command's files into its `--out` directory: each file written beside its place and
//! renamed into it, so a reader never opens half a file, and every failure names the path.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::CliError;
use crate::diagnostics::io_failure;
use crate::i18n::{Lang, Text};

pub struct OutputDir {
    root: PathBuf,
    written: Vec<PathBuf>,
    /// The reader's language, for what goes wrong.
    lang: Lang,
}

impl OutputDir {
    /// Creates `root` (and its parents) when missing. A path that is a file is refused.
    pub fn create(root: &Path, lang: Lang) -> Result<Self, CliError> {
        if root.exists() && !root.is_dir() {
            let shown = root.display();
            let message = Text::new(
                format!("{shown}: це файл, а --out потребує теки"),
                format!("{shown}: is a file; --out needs a directory"),
            );
            return Err(CliError::Message(message.get(lang).to_string()));
        }
        std::fs::create_dir_all(root).map_err(|err| failed(root, &err, lang))?;
        Ok(OutputDir {
            root: root.to_path_buf(),
            written: Vec::new(),
            lang,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `bytes` at `relative` (folders created as needed).
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<PathBuf, CliError> {
        let path = self.root.join(relative);
        let directory = path.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&directory).map_err(|err| failed(&directory, &err, self.lang))?;
        let mut file = tempfile::NamedTempFile::new_in(&directory)
            .map_err(|err| failed(&directory, &err, self.lang))?;
        file.write_all(bytes)
            .map_err(|err| failed(&path, &err, self.lang))?;
        // A temporary file is private; what we publish is for everyone to read.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(|err| failed(&path, &err, self.lang))?;
        }
        file.persist(&path)
            .map_err(|err| failed(&path, &err.error, self.lang))?;
        self.written.push(path.clone());
        Ok(path)
    }

    pub fn into_files(self) -> Vec<PathBuf> {
        self.written
    }
}

fn failed(path: &Path, err: &std::io::Error, lang: Lang) -> CliError {
    let shown = path.display();
    let message = io_failure(
        format!("{shown}: не вдається записати"),
        format!("{shown}: cannot write"),
        err,
    );
    CliError::Message(message.get(lang).to_string())
}
