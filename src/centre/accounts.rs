//! The server's accounts: users with a role and a password, API tokens, signing in. Passwords are
//! kept only as salted Argon2id hashes; a token `tc_<id>_<secret>` only as the SHA-256 of its
//! 256-bit secret under its id, so checking one costs one lookup, not a password hash.

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

use super::{Centre, CentreError, InputProblem};
use crate::store::{Role, StoreError, User};

/// The shortest password accepted (shared/DESIGN.md).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// A password longer than this is a paste gone wrong (and would only slow the hash).
pub const MAX_PASSWORD_CHARS: usize = 200;
/// A user name: 1 to this many letters, digits, `.`, `_` or `-`.
pub const MAX_NAME_CHARS: usize = 64;

/// Checks a user name: letters (any script), digits, `.`, `_`, `-`.
pub fn user_name(text: &str) -> Result<String, InputProblem> {
    let name = text.trim();
    let fine = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if fine {
        Ok(name.to_string())
    } else {
        Err(InputProblem::BadUserName(text.to_string()))
    }
}

pub fn role(text: &str) -> Result<Role, InputProblem> {
    Role::parse(text.trim()).ok_or_else(|| InputProblem::UnknownRole(text.to_string()))
}

/// A password long enough, not absurdly long.
pub fn password(text: &str) -> Result<&str, InputProblem> {
    let chars = text.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        Err(InputProblem::PasswordTooShort(MIN_PASSWORD_CHARS))
    } else if chars > MAX_PASSWORD_CHARS {
        Err(InputProblem::TooLong(MAX_PASSWORD_CHARS))
    } else {
        Ok(text)
    }
}

fn hash_password(password: &str) -> Result<String, CentreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| CentreError::Secret(err.to_string()))
}

/// Whether `password` matches a stored PHC hash (a damaged hash matches nothing).
pub fn password_matches(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to check against when the user does not exist, so a wrong name costs as long as a
/// wrong password and the answer's timing does not tell which names exist.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("not a password of anyone").unwrap_or_default())
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex(&buffer)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a secret, in hex: what the store keeps of a token.
pub fn secret_digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// Equal strings, compared in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// A token's id and secret, from its text `tc_<id>_<secret>`.
pub fn split_token(token: &str) -> Option<(&str, &str)> {
    let rest = token.strip_prefix("tc_")?;
    let (id, secret) = rest.split_once('_')?;
    let hexish = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    (hexish(id, 16) && hexish(secret, 64)).then_some((id, secret))
}

/// A new token: its text (shown once) and its id and digest (kept).
pub fn new_token() -> (String, String, String) {
    let id = random_hex(8);
    let secret = random_hex(32);
    let digest = secret_digest(&secret);
    (format!("tc_{id}_{secret}"), id, digest)
}

/// A user's stored credentials, or none for an unknown name, to check a password against.
#[derive(Debug)]
pub struct Claim(Option<crate::store::Credentials>);

impl Claim {
    /// The user, when the password is theirs. An unknown name costs a hash all the same, so the
    /// answer's timing does not tell which names exist.
    pub fn check(self, password: &str) -> Option<User> {
        match self.0 {
            Some(credentials) => {
                password_matches(&credentials.password_hash, password).then_some(credentials.user)
            }
            None => {
                let _ = password_matches(decoy_hash(), password);
                None
            }
        }
    }
}

impl Centre {
    pub fn add_user(
        &mut self,
        name: &str,
        role_text: &str,
        password_text: &str,
    ) -> Result<User, CentreError> {
        let name = user_name(name).map_err(|p| CentreError::input("name", p))?;
        let role = role(role_text).map_err(|p| CentreError::input("role", p))?;
        let password = password(password_text).map_err(|p| CentreError::input("password", p))?;
        let hash = hash_password(password)?;
        let now = self.now();
        Ok(self.store()?.add_user(&name, role, &hash, now)?)
    }

    pub fn users(&mut self) -> Result<Vec<User>, CentreError> {
        Ok(self.store()?.users()?)
    }

    pub fn remove_user(&mut self, name: &str) -> Result<(), CentreError> {
        Ok(self.store()?.remove_user(name.trim())?)
    }

    /// A new password; the user's sessions and tokens end.
    pub fn set_password(&mut self, name: &str, password_text: &str) -> Result<(), CentreError> {
        let password = password(password_text).map_err(|p| CentreError::input("password", p))?;
        let hash = hash_password(password)?;
        let now = self.now();
        Ok(self.store()?.set_password(name.trim(), &hash, now)?)
    }

    /// A new API token for a user: its text, to be shown once.
    pub fn new_token(&mut self, name: &str, label: Option<&str>) -> Result<String, CentreError> {
        let label =
            super::input::optional_text(label).map_err(|p| CentreError::input("label", p))?;
        let (token, id, digest) = new_token();
        let now = self.now();
        self.store()?
            .add_token(name.trim(), &id, &digest, label.as_deref(), now)?;
        Ok(token)
    }

    /// Revokes a user's tokens (all, or the labelled ones); how many.
    pub fn revoke_tokens(&mut self, name: &str, label: Option<&str>) -> Result<u64, CentreError> {
        Ok(self.store()?.revoke_tokens(name.trim(), label)?)
    }

    /// The user a name and password sign in as; None when either is wrong (never which).
    pub fn sign_in(&mut self, name: &str, password: &str) -> Result<Option<User>, CentreError> {
        Ok(self.credentials(name)?.check(password))
    }

    /// What a password is checked against (the check itself, slow on purpose, is [`Claim::check`],
    /// which needs no store: a server runs it without holding a store connection).
    pub fn credentials(&mut self, name: &str) -> Result<Claim, CentreError> {
        match self.store()?.credentials(name.trim()) {
            Ok(credentials) => Ok(Claim(Some(credentials))),
            Err(StoreError::UserNotFound(_)) => Ok(Claim(None)),
            Err(err) => Err(err.into()),
        }
    }

    /// The user an API token acts for; None for an unknown, revoked or malformed token.
    pub fn token_user(&mut self, token: &str) -> Result<Option<User>, CentreError> {
        let Some((id, secret)) = split_token(token) else {
            return Ok(None);
        };
        let found = self.store()?.token(id)?;
        Ok(found.and_then(|(user, digest)| {
            same_secret(&digest, &secret_digest(secret)).then_some(user)
        }))
    }

    /// A user as the store has them now (None once removed), to check a session against.
    pub fn current_user(&mut self, name: &str) -> Result<Option<User>, CentreError> {
        match self.store()?.user(name) {
            Ok(user) => Ok(Some(user)),
            Err(StoreError::UserNotFound(_)) => Ok(None),
            Err(err) => Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_and_a_forged_one_does_not() {
        let (token, id, digest) = new_token();
        let (read_id, secret) = split_token(&token).unwrap();
        assert_eq!(read_id, id);
        assert!(same_secret(&secret_digest(secret), &digest));
        assert!(split_token("tc_zz_00").is_none());
        assert!(split_token(&token.replace("tc_", "xx_")).is_none());
        assert!(!same_secret(&digest, &secret_digest("guess")));
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert_eq!(user_name(" olena.k ").unwrap(), "olena.k");
        assert_eq!(user_name("Олена").unwrap(), "Олена");
        assert!(user_name("o lena").is_err());
        assert!(user_name("").is_err());
        assert!(password("short").is_err());
        assert!(password("long enough").is_ok());
        assert!(role("guide").is_ok() && role("root").is_err());
    }

    #[test]
    fn passwords_are_salted_argon2id_hashes() {
        let a = hash_password("correct horse").unwrap();
        let b = hash_password("correct horse").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(password_matches(&a, "correct horse"));
        assert!(!password_matches(&a, "wrong horse"));
        assert!(!password_matches("not a hash", "x"));
    }
}
