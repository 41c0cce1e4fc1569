//! The guide PIN that opens the exhibit's guide panel: kept in the data dir as a salted Argon2
//! hash (PHC string), never in plain text. `tourcentre guide set-pin` sets it.

use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use fluent_bundle::FluentValue;

use crate::diagnostics::io_reason;
use crate::i18n::{Lang, Messages, Text, Wording};

/// File name of the PIN hash in the data dir.
pub const PIN_FILE: &str = "guide-pin";
pub const MIN_DIGITS: usize = 4;
pub const MAX_DIGITS: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PinError {
    #[error("a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits (0-9), nothing else")]
    Format,
    #[error("{}: {}", path.display(), reason.en)]
    Io { path: PathBuf, reason: Text },
    #[error("the PIN could not be hashed: {0}")]
    Hash(String),
    #[error("{}: not a PIN hash written by tourcentre ({reason}); set the PIN again", path.display())]
    Corrupt { path: PathBuf, reason: String },
}

impl Wording for PinError {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        let path = |p: &Path| FluentValue::from(p.display().to_string());
        match self {
            PinError::Format => messages.text(lang, "guide-pin-format"),
            PinError::Io { path: p, reason } => messages.get(
                lang,
                "pin-file-failed",
                &[
                    ("path", path(p)),
                    ("reason", reason.get(lang).to_string().into()),
                ],
            ),
            PinError::Hash(reason) => messages.get(
                lang,
                "pin-hash-failed",
                &[("reason", reason.clone().into())],
            ),
            PinError::Corrupt { path: p, reason } => messages.get(
                lang,
                "pin-corrupt",
                &[("path", path(p)), ("reason", reason.clone().into())],
            ),
        }
    }
}

impl PinError {
    /// What went wrong, in both languages, for the kiosk's panel (which switches language while
    /// it shows).
    pub fn text(&self) -> Text {
        let messages = Messages::new();
        Text::new(
            self.words(&messages, Lang::Uk),
            self.words(&messages, Lang::En),
        )
    }
}

/// Whether a guide PIN is set, as the panel needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinState {
    NotSet,
    Set(String),
}

pub fn pin_path(data_dir: &Path) -> PathBuf {
    data_dir.join(PIN_FILE)
}

/// Checks a PIN's form: 4 to 8 digits.
pub fn validate(pin: &str) -> Result<(), PinError> {
    let digits = pin.chars().count();
    if (MIN_DIGITS..=MAX_DIGITS).contains(&digits) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(PinError::Format)
    }
}

/// Hashes `pin` with a fresh random salt.
pub fn hash(pin: &str) -> Result<String, PinError> {
    validate(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| PinError::Hash(err.to_string()))
}

/// True when `pin` matches `stored` (a PHC string from [`hash`]).
pub fn verify(stored: &str, pin: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Writes the PIN's hash to the data dir, replacing any earlier one in one step (a crash leaves
/// the old PIN or the new one, never half a file). The file is readable by its owner only.
pub fn set(data_dir: &Path, pin: &str) -> Result<(), PinError> {
    let hashed = hash(pin)?;
    let io = |path: &Path, err: std::io::Error| PinError::Io {
        path: path.to_path_buf(),
        reason: io_reason(&err),
    };
    std::fs::create_dir_all(data_dir).map_err(|err| io(data_dir, err))?;
    let path = pin_path(data_dir);
    // A fresh temporary file, readable by the owner only from its first byte, on disk before
    // it takes the place of the old one.
    let mut temporary = owner_only(tempfile::Builder::new().prefix(".guide-pin"))
        .tempfile_in(data_dir)
        .map_err(|err| io(data_dir, err))?;
    use std::io::Write;
    writeln!(temporary, "{hashed}")
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(|err| io(temporary.path(), err))?;
    temporary
        .persist(&path)
        .map_err(|err| io(&path, err.error))?;
    Ok(())
}

/// Makes the builder create files readable and writable by their owner only (Unix modes).
fn owner_only<'b, 'p, 's>(
    builder: &'b mut tempfile::Builder<'p, 's>,
) -> &'b mut tempfile::Builder<'p, 's> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        builder
    }
}

/// Reads the stored hash. A missing file means no PIN yet; a file that is not a PHC string is an
/// error, so a damaged file is never taken for "no PIN".
pub fn load(data_dir: &Path) -> Result<PinState, PinError> {
    let path = pin_path(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(PinState::NotSet),
        Err(err) => {
            return Err(PinError::Io {
                path,
                reason: io_reason(&err),
            });
        }
    };
    let stored = text.trim();
    PasswordHash::new(stored).map_err(|err| PinError::Corrupt {
        path: path.clone(),
        reason: err.to_string(),
    })?;
    Ok(PinState::Set(stored.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_errors_read_in_both_languages() {
        let text = PinError::Format.text();
        assert_eq!(
            text.uk,
            "PIN — це від 4 до 8 цифр (0–9), без інших знаків; нічого не змінено."
        );
        assert_eq!(
            text.en,
            "A PIN is 4 to 8 digits (0–9), nothing else; nothing was changed."
        );
        let corrupt = PinError::Corrupt {
            path: PathBuf::from("/data/guide-pin"),
            reason: "bad".into(),
        }
        .text();
        assert_eq!(
            corrupt.uk,
            "/data/guide-pin: це не хеш PIN, записаний програмою tourcentre (bad); задайте PIN знову"
        );
        assert_eq!(
            corrupt.en,
            "/data/guide-pin: not a PIN hash written by tourcentre (bad); set the PIN again"
        );
    }

    #[test]
    fn only_four_to_eight_digits_make_a_pin() {
        for good in ["1234", "00000000", "987654"] {
            assert_eq!(validate(good), Ok(()), "{good}");
        }
        for bad in ["", "123", "123456789", "12a4", "12 34", "١٢٣٤", "-1234"] {
            assert_eq!(validate(bad), Err(PinError::Format), "{bad}");
        }
    }

    #[test]
    fn the_file_holds_a_salted_hash_that_verifies_only_the_right_pin() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Ok(PinState::NotSet));
        set(dir.path(), "2468").unwrap();
        let written = std::fs::read_to_string(pin_path(dir.path())).unwrap();
        assert!(
            !written.contains("2468"),
            "the PIN is never stored in plain text"
        );
        assert!(written.starts_with("$argon2"));
        let PinState::Set(stored) = load(dir.path()).unwrap() else {
            panic!("a PIN is set")
        };
        assert!(verify(&stored, "2468"));
        assert!(!verify(&stored, "2469"));
        assert!(!verify(&stored, ""));

        // The same PIN again gets a new salt.
        set(dir.path(), "2468").unwrap();
        assert_ne!(
            std::fs::read_to_string(pin_path(dir.path())).unwrap(),
            written
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_the_owner_can_read_the_hash() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        set(dir.path(), "1357").unwrap();
        let mode = std::fs::metadata(pin_path(dir.path()))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_damaged_file_is_an_error_not_a_missing_pin() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(pin_path(dir.path()), "1234\n").unwrap();
        assert!(matches!(load(dir.path()), Err(PinError::Corrupt { .. })));
    }

    #[test]
    fn a_bad_pin_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(set(dir.path(), "12"), Err(PinError::Format));
        assert!(!pin_path(dir.path()).exists());
    }
}
