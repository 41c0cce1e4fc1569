//! Mail to teachers: the SMTP settings (`<data dir>/mail.ron`), a booking's notice written as a
//! plain-text mail in the booking's language, and sending it through lettre's SMTP client. The
//! server's mailer runs these on its own (`web`); nothing here holds a store connection while it
//! talks to the SMTP server, and no address or password is ever logged.

mod letter;
mod send;
mod settings;

pub use letter::{Letter, compose};
pub use send::{SendFailure, send};
pub use settings::{
    MAIL_FILE_NAME, MailSettings, Security, load_mail_settings, mail_settings_from_text,
    read_password,
};
