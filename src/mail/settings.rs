//! `<data dir>/mail.ron`: how the server reaches its SMTP server. No file, no mail: the guides
//! then phone the teachers. Every problem names the file and the field; the password lives in a
//! file of its own, read only when a mail is sent, and is never shown.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Problem, Problems, parse_ron};
use crate::i18n::Text;

/// The name of the settings file in the data dir.
pub const MAIL_FILE_NAME: &str = "mail.ron";

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (required), port 587 by default.
    StartTls,
    /// TLS from the first byte ("SMTPS"), port 465 by default.
    Tls,
    /// No encryption, port 25 by default: only for a relay on the server PC or its network, and
    /// never with a password.
    None,
}

impl Security {
    pub fn as_str(self) -> &'static str {
        match self {
            Security::StartTls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// The settings, checked. The password is not here: only where to read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailSettings {
    pub server: String,
    pub port: u16,
    pub security: Security,
    /// The SMTP user and the file holding its password; None: no authentication.
    pub login: Option<(String, PathBuf)>,
    /// The From address, e.g. `Туристичний центр <centre@example.org>`.
    pub sender: lettre::message::Mailbox,
    /// The server's address as teachers reach it (`https://centre.example.org`), without a
    /// trailing slash: a mail links to the booking's page there. None: no link.
    pub public_url: Option<String>,
}

impl MailSettings {
    /// The page of booking `code` as a teacher opens it, when the public address is known.
    pub fn booking_link(&self, code: &str) -> Option<String> {
        self.public_url
            .as_ref()
            .map(|base| format!("{base}/book/{code}"))
    }
}

/// `mail.ron` as written: every field read as text (or a wide number) so that the checks below
/// name the field at fault, in both languages, rather than serde in English.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct MailFile {
    server: String,
    port: i64,
    security: String,
    user: String,
    password_file: String,
    sender: String,
    public_url: String,
}

/// The settings of `data_dir/mail.ron`; None when there is no such file (no mail).
pub fn load_mail_settings(data_dir: &Path) -> Result<Option<MailSettings>, Problems> {
    let path = data_dir.join(MAIL_FILE_NAME);
    if !path.exists() {
        return Ok(None);
    }
    let text = crate::diagnostics::read_text_file(&path)?;
    mail_settings_from_text(&path, data_dir, &text).map(Some)
}

/// Parses and checks the text of a `mail.ron` at `path`; a relative `password_file` lies in
/// `data_dir`. Every problem is reported, each naming its field.
pub fn mail_settings_from_text(
    path: &Path,
    data_dir: &Path,
    text: &str,
) -> Result<MailSettings, Problems> {
    let file: MailFile = parse_ron(path, text)?;
    let mut problems = Vec::new();
    let mut problem =
        |uk: String, en: String| problems.push(Problem::in_file(path, Text::new(uk, en)));

    let server = file.server.trim().to_string();
    let host_char = |c: char| c.is_ascii_alphanumeric() || ".-:[]_".contains(c);
    if server.is_empty() {
        problem(
            "server: вкажіть адресу SMTP-сервера, наприклад \"smtp.example.org\"".into(),
            "server: write the SMTP server's address, e.g. \"smtp.example.org\"".into(),
        );
    } else if !server.chars().all(host_char) {
        problem(
            format!(
                "server: \"{server}\" — не адреса сервера (лише ім'я чи IP, без схеми й шляху)"
            ),
            format!(
                "server: \"{server}\" is not a server address (a name or IP only, no scheme or path)"
            ),
        );
    }

    let security = match file.security.trim() {
        "" | "starttls" => Security::StartTls,
        "tls" => Security::Tls,
        "none" => Security::None,
        other => {
            problem(
                format!(
                    "security: \"{other}\" — невідомо; пишіть \"starttls\", \"tls\" або \"none\""
                ),
                format!(
                    "security: \"{other}\" is unknown; write \"starttls\", \"tls\" or \"none\""
                ),
            );
            Security::StartTls
        }
    };

    let port = match file.port {
        0 => security.default_port(),
        n => u16::try_from(n).unwrap_or_else(|_| {
            problem(
                format!("port: {n} поза межами; вкажіть число від 1 до 65535 (зазвичай 587, 465 або 25)"),
                format!("port: {n} is out of range; write a number from 1 to 65535 (usually 587, 465 or 25)"),
            );
            security.default_port()
        }),
    };

    let user = file.user.trim().to_string();
    let password_file = file.password_file.trim();
    let login = match (user.is_empty(), password_file.is_empty()) {
        (true, true) => None,
        (false, true) => {
            problem(
                "password_file: вкажіть файл із паролем користувача user (у теці даних або повний шлях)".into(),
                "password_file: name the file holding user's password (in the data dir, or a full path)".into(),
            );
            None
        }
        (true, false) => {
            problem(
                "user: password_file вказано, а користувача — ні".into(),
                "user: password_file is given but no user".into(),
            );
            None
        }
        (false, false) => {
            let password_path = data_dir.join(password_file);
            if let Some(trouble) = password_file_problem(&password_path) {
                problem(
                    format!("password_file: {}: {}", password_path.display(), trouble.uk),
                    format!("password_file: {}: {}", password_path.display(), trouble.en),
                );
            }
            if security == Security::None {
                problem(
                    "security: \"none\" надіслав би пароль незашифрованим; пишіть \"starttls\" або \"tls\", або приберіть user для місцевого relay".into(),
                    "security: \"none\" would send the password unencrypted; write \"starttls\" or \"tls\", or leave out user for a local relay".into(),
                );
            }
            Some((user, password_path))
        }
    };

    let sender = match file.sender.trim() {
        "" => {
            problem(
                "sender: вкажіть адресу відправника, наприклад \"Туристичний центр <centre@example.org>\"".into(),
                "sender: write the sender's address, e.g. \"Tour Centre <centre@example.org>\"".into(),
            );
            None
        }
        text => match text.parse::<lettre::message::Mailbox>() {
            Ok(mailbox) => Some(mailbox),
            Err(_) => {
                problem(
                    format!("sender: \"{text}\" — не адреса е-пошти"),
                    format!("sender: \"{text}\" is not an e-mail address"),
                );
                None
            }
        },
    };

    let public_url = match file.public_url.trim().trim_end_matches('/') {
        "" => None,
        url if (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > "https://".len()
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "\"<>".contains(c)) =>
        {
            Some(url.to_string())
        }
        url => {
            problem(
                format!(
                    "public_url: \"{url}\" — не адреса; пишіть, як її відкривають учителі, наприклад \"https://centre.example.org\""
                ),
                format!(
                    "public_url: \"{url}\" is not an address; write it as teachers open it, e.g. \"https://centre.example.org\""
                ),
            );
            None
        }
    };

    match sender {
        Some(sender) if problems.is_empty() => Ok(MailSettings {
            server,
            port,
            security,
            login,
            sender,
            public_url,
        }),
        _ => Err(Problems(problems)),
    }
}

/// Why the password file cannot serve, if it cannot: missing, unreadable, empty, or readable by
/// others than its owner.
fn password_file_problem(path: &Path) -> Option<Text> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => metadata,
        Ok(_) => return Some(Text::new("це не файл", "is not a file")),
        Err(err) => return Some(crate::diagnostics::io_reason(&err)),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if metadata.permissions().mode() & 0o077 != 0 {
            return Some(Text::new(
                "файл можуть читати інші; зробіть його доступним лише власникові (chmod 600)",
                "others may read the file; make it its owner's only (chmod 600)",
            ));
        }
    }
    if metadata.len() == 0 {
        return Some(Text::new("файл порожній", "the file is empty"));
    }
    None
}

/// The SMTP password, read from its file when a mail is sent: the first line, without its line
/// break. Never logged, never shown.
pub fn read_password(path: &Path) -> Result<String, std::io::Error> {
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(text: &str) -> Result<MailSettings, Problems> {
        let dir = tempfile::tempdir().unwrap();
        mail_settings_from_text(&dir.path().join(MAIL_FILE_NAME), dir.path(), text)
    }

    #[test]
    fn a_local_relay_needs_only_a_server_a_security_and_a_sender() {
        let read = settings(
            r#"(server: "127.0.0.1", port: 2525, security: "none",
                sender: "Туристичний центр <centre@example.org>",
                public_url: "https://centre.example.org/")"#,
        )
        .unwrap();
        assert_eq!(
            (read.server.as_str(), read.port, read.security),
            ("127.0.0.1", 2525, Security::None)
        );
        assert_eq!(read.login, None);
        assert_eq!(read.sender.email.to_string(), "centre@example.org");
        assert_eq!(
            read.booking_link("ABCD234567").as_deref(),
            Some("https://centre.example.org/book/ABCD234567")
        );
        let defaults =
            settings(r#"(server: "smtp.example.org", sender: "c@example.org")"#).unwrap();
        assert_eq!(
            (defaults.port, defaults.security),
            (587, Security::StartTls)
        );
        assert_eq!(defaults.booking_link("X"), None);
    }

    #[test]
    fn every_problem_names_its_field_in_both_languages() {
        let problems = settings(
            r#"(server: "smtp://x y", port: 70000, security: "ssl", user: "centre",
                sender: "not an address", public_url: "centre.example.org")"#,
        )
        .unwrap_err();
        let english = problems.render(crate::i18n::Lang::En);
        for field in [
            "server:",
            "port:",
            "security:",
            "password_file:",
            "sender:",
            "public_url:",
        ] {
            assert!(english.contains(field), "{field} missing in:\n{english}");
        }
        assert!(english.contains("mail.ron: "), "{english}");
        let ukrainian = problems.render(crate::i18n::Lang::Uk);
        assert!(ukrainian.contains("не адреса е-пошти"), "{ukrainian}");
        let unknown = settings(r#"(server: "s", sender: "c@example.org", pasword: "x")"#);
        assert!(unknown.is_err());
    }

    #[test]
    fn a_password_is_never_sent_in_the_clear_and_its_file_is_the_owners_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MAIL_FILE_NAME);
        let secret = dir.path().join("smtp-password");
        std::fs::write(&secret, "s3cret\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
            let open = mail_settings_from_text(
                &path,
                dir.path(),
                r#"(server: "smtp.example.org", user: "centre", password_file: "smtp-password", sender: "c@example.org")"#,
            )
            .unwrap_err();
            assert!(open.to_string().contains("chmod 600"), "{open}");
            std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let read = mail_settings_from_text(
            &path,
            dir.path(),
            r#"(server: "smtp.example.org", user: "centre", password_file: "smtp-password", sender: "c@example.org")"#,
        )
        .unwrap();
        let (user, file) = read.login.clone().unwrap();
        assert_eq!(
            (user.as_str(), read_password(&file).unwrap().as_str()),
            ("centre", "s3cret")
        );
        assert!(!format!("{read:?}").contains("s3cret"));
        let clear = mail_settings_from_text(
            &path,
            dir.path(),
            r#"(server: "smtp.example.org", security: "none", user: "centre", password_file: "smtp-password", sender: "c@example.org")"#,
        )
        .unwrap_err();
        assert!(clear.to_string().contains("unencrypted"), "{clear}");
    }

    #[test]
    fn no_file_is_no_mail() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load_mail_settings(dir.path()), Ok(None));
    }
}
