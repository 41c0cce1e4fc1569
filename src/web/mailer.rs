//! The server's mailer: every few seconds it reads `mail.ron` (so settings put in place, fixed or
//! removed take effect without a restart), takes the mails due from the store, and sends them one
//! by one on a blocking thread, holding no store connection while it talks to the SMTP server;
//! then keeps how each went. A booking never waits for a mail. The log names notices by number
//! and event, never an address, a phone or a password.

use std::time::Duration;

use super::{AppState, with_centre};
use crate::centre::notices::{DueMail, MailState};
use crate::i18n::{Lang, Words};
use crate::mail::{MailSettings, SendFailure, compose, send};

/// How often the mailer looks for mails due.
const MAIL_EVERY: Duration = Duration::from_secs(3);

/// Runs for as long as the server does.
pub(super) async fn deliver_mail(state: AppState) {
    let mut said: Option<String> = None;
    let mut unkept: Vec<Unkept> = Vec::new();
    loop {
        let data_dir = state.data_dir().to_path_buf();
        let mail =
            tokio::task::spawn_blocking(move || crate::centre::Centre::new(data_dir).mail_state())
                .await
                .unwrap_or(MailState::Off);
        // The state of the mail in the log when it changes (the settings hold no secret).
        let words = Words::new(Lang::En);
        let now_said = match &mail {
            MailState::On(settings) => words.say(
                "serve-mail-on",
                &[
                    ("server", settings.server.clone().into()),
                    ("port", settings.port.into()),
                    ("security", settings.security.as_str().into()),
                ],
            ),
            MailState::Off => words.say(
                "serve-mail-off",
                &[("file", crate::mail::MAIL_FILE_NAME.into())],
            ),
            MailState::Broken(problems) => {
                format!(
                    "{}\n{}",
                    words.text("serve-mail-broken"),
                    words.of(problems)
                )
            }
        };
        if said.as_ref() != Some(&now_said) {
            eprintln!("{now_said}");
            said = Some(now_said);
        }
        if let MailState::On(settings) = mail {
            send_due(&state, &settings, &mut unkept).await;
        }
        tokio::time::sleep(MAIL_EVERY).await;
    }
}

/// A mail tried whose outcome the store did not take (a full disk, a busy store): kept here and
/// written again before anything else, so that the same mail is never sent twice meanwhile.
type Unkept = (crate::store::StoredNotice, Result<(), SendFailure>);

/// Sends the mails due now, one after another.
async fn send_due(state: &AppState, settings: &MailSettings, unkept: &mut Vec<Unkept>) {
    for (notice, result) in std::mem::take(unkept) {
        if keep(state, notice.clone(), result.clone()).await.is_err() {
            unkept.push((notice, result));
        }
    }
    if !unkept.is_empty() {
        // The store still refuses: no new mail until it takes what was sent.
        return;
    }
    let due = match with_centre(state, |centre| centre.due_mails()).await {
        Ok(due) => due,
        Err(err) => {
            eprintln!("mail: reading the mails due failed: {err}");
            return;
        }
    };
    for DueMail { notice, play } in due {
        let result = match compose(&notice, play, settings) {
            Some(letter) => {
                let settings = settings.clone();
                tokio::task::spawn_blocking(move || send(&settings, &letter))
                    .await
                    .unwrap_or_else(|_| Err(SendFailure::Transient("interrupted".into())))
            }
            // The address was erased meanwhile: nobody to write to.
            None => Err(SendFailure::Permanent("no address".into())),
        };
        if keep(state, notice.clone(), result.clone()).await.is_err() {
            unkept.push((notice, result));
            return;
        }
    }
}

/// Keeps how the mail of `notice` went, and says so in the log.
async fn keep(
    state: &AppState,
    notice: crate::store::StoredNotice,
    result: Result<(), SendFailure>,
) -> Result<(), ()> {
    let (id, event) = (notice.id, notice.event.as_str());
    let kept = with_centre(state, move |centre| centre.mail_tried(&notice, result)).await;
    match kept {
        Ok(crate::store::MailOutcome::Sent) => eprintln!("mail: notice {id} ({event}) sent"),
        Ok(crate::store::MailOutcome::Failed { error, retry_at }) => match retry_at {
            Some(at) => eprintln!(
                "mail: notice {id} ({event}) failed ({error}); tried again after {}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
            None => eprintln!("mail: notice {id} ({event}) failed ({error}); given up"),
        },
        Err(err) => {
            eprintln!("mail: keeping how notice {id} went failed: {err}");
            return Err(());
        }
    }
    Ok(())
}
