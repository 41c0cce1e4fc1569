//! One mail through the SMTP server of `mail.ron`, blocking (the server's mailer runs it on a
//! blocking thread, holding no store connection). A failure is told by its kind only — the SMTP
//! reply code, a timeout, TLS — never with the server's words, which may echo an address.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{SmtpTransport, Transport};

use super::{Letter, MailSettings, Security, read_password};

/// How long one SMTP conversation may stall before it is given up (and tried again later).
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a mail was not sent. `Permanent`: trying again will not help (the server refused the
/// address or the message for good); `Transient`: try again later.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    Transient(String),
    Permanent(String),
}

impl SendFailure {
    /// The kind of failure, as kept with the notice and logged (no address in it).
    pub fn kind(&self) -> &str {
        match self {
            SendFailure::Transient(kind) | SendFailure::Permanent(kind) => kind,
        }
    }
}

fn smtp_failure(err: &lettre::transport::smtp::Error) -> SendFailure {
    let code = err.status().map(|code| code.to_string());
    if err.is_permanent() {
        SendFailure::Permanent(format!("smtp {}", code.unwrap_or_else(|| "5xx".into())))
    } else if err.is_transient() {
        SendFailure::Transient(format!("smtp {}", code.unwrap_or_else(|| "4xx".into())))
    } else if err.is_timeout() {
        SendFailure::Transient("timeout".into())
    } else if err.is_tls() {
        SendFailure::Transient("tls".into())
    } else {
        SendFailure::Transient("connection".into())
    }
}

/// The message itself: From the centre, To the teacher, the subject and the plain-text body.
fn message(settings: &MailSettings, letter: &Letter) -> Result<Message, SendFailure> {
    // The validation of a booking and lettre's may differ on odd addresses: such a one is
    // refused for good (and phoned, when the notice needs a call).
    let to: Mailbox = letter
        .to
        .parse()
        .map_err(|_| SendFailure::Permanent("address".into()))?;
    let domain = settings.sender.email.domain();
    Message::builder()
        .from(settings.sender.clone())
        .to(to)
        .subject(letter.subject.clone())
        .message_id(Some(format!(
            "<notice-{}-{:016x}@{domain}>",
            letter.notice_id,
            fastrand::u64(..)
        )))
        .header(ContentType::TEXT_PLAIN)
        .body(letter.body.clone())
        .map_err(|_| SendFailure::Permanent("message".into()))
}

/// Sends `letter` through the SMTP server of `settings`.
pub fn send(settings: &MailSettings, letter: &Letter) -> Result<(), SendFailure> {
    let message = message(settings, letter)?;
    let builder = match settings.security {
        Security::StartTls => SmtpTransport::starttls_relay(&settings.server),
        Security::Tls => SmtpTransport::relay(&settings.server),
        Security::None => Ok(SmtpTransport::builder_dangerous(&settings.server)),
    }
    .map_err(|err| smtp_failure(&err))?;
    let mut builder = builder
        .port(settings.port)
        .timeout(Some(SMTP_TIMEOUT))
        .hello_name(ClientId::Domain(settings.sender.email.domain().to_string()));
    if let Some((user, password_file)) = &settings.login {
        let password = read_password(password_file)
            .map_err(|_| SendFailure::Transient("password file".into()))?;
        builder = builder.credentials(Credentials::new(user.clone(), password));
    }
    builder
        .build()
        .send(&message)
        .map(drop)
        .map_err(|err| smtp_failure(&err))
}
