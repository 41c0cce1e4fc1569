//! Telling teachers: the mails due (for the server's mailer), how each went, and the guides'
//! "tell the teacher" items — what no mail will carry (no SMTP settings, no address, a mail
//! given up) and a guide is to phone — with marking one told.

use serde::Serialize;

use super::{Centre, CentreError};
use crate::bookings::{MAIL_FRESH_FOR, NoticeEvent, retry_after};
use crate::diagnostics::Problems;
use crate::mail::{MailSettings, SendFailure, load_mail_settings};
use crate::store::{MailOutcome, StoredNotice, TourPlay};

/// Whether mail goes to teachers: the settings of `mail.ron`, none, or a file with problems
/// (then no mail goes, and the guides phone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailState {
    On(MailSettings),
    Off,
    Broken(Problems),
}

impl MailState {
    pub fn is_on(&self) -> bool {
        matches!(self, MailState::On(_))
    }
}

/// Why a guide is to phone rather than a mail telling the teacher.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TellWhy {
    /// The server sends no mail (no `mail.ron`, or one with problems).
    NoMail,
    /// The booking has no e-mail address.
    NoEmail,
    /// The mail failed too often, was refused for good, or was too late to send.
    MailFailed,
}

impl TellWhy {
    pub fn message_id(self) -> &'static str {
        match self {
            TellWhy::NoMail => "tell-why-no-mail",
            TellWhy::NoEmail => "tell-why-no-email",
            TellWhy::MailFailed => "tell-why-mail-failed",
        }
    }
}

/// A "tell the teacher" item (`booking tell --format json`).
#[derive(Clone, Debug, Serialize)]
pub struct TellItem {
    /// What `booking told ID` takes.
    pub id: i64,
    pub code: String,
    /// confirmed, declined, moved or cancelled
    pub event: &'static str,
    pub date: String,
    pub time: String,
    pub organisation: String,
    pub class: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    /// The booking's language: the teacher's.
    pub lang: &'static str,
    /// The booking's state now, and why it was declined or cancelled.
    pub status: &'static str,
    pub reason: Option<String>,
    pub why: TellWhy,
    pub created_at: String,
    #[serde(skip)]
    pub notice: StoredNotice,
}

impl TellItem {
    fn new(notice: StoredNotice, mail: bool) -> Self {
        let booking = &notice.booking;
        let why = if !mail {
            TellWhy::NoMail
        } else if booking.email.is_none() {
            TellWhy::NoEmail
        } else {
            TellWhy::MailFailed
        };
        TellItem {
            id: notice.id,
            code: booking.code.clone(),
            event: notice.event.as_str(),
            date: booking.slot.date.to_string(),
            time: booking.slot.time_text(),
            organisation: booking.organisation.clone(),
            class: booking.class.clone(),
            contact_name: booking.contact_name.clone(),
            phone: booking.phone.clone(),
            lang: booking.lang.code(),
            status: booking.status.as_str(),
            reason: booking.reason.clone(),
            why,
            created_at: notice
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            notice,
        }
    }

    /// The message id of what happened, for the guide.
    pub fn event_message_id(&self) -> &'static str {
        match self.notice.event {
            NoticeEvent::Confirmed => "tell-event-confirmed",
            NoticeEvent::Declined => "tell-event-declined",
            NoticeEvent::Moved => "tell-event-moved",
            // Requests and results are never phoned; a cancellation is the nearest words.
            NoticeEvent::Cancelled | NoticeEvent::Requested | NoticeEvent::Results => {
                "tell-event-cancelled"
            }
        }
    }
}

/// The guides' list: the items to phone, and whether mail goes (with the problems of its file).
#[derive(Clone, Debug)]
pub struct TellList {
    pub mail: MailState,
    pub items: Vec<TellItem>,
}

/// A mail to send now, with what the class played for a results notice.
#[derive(Clone, Debug)]
pub struct DueMail {
    pub notice: StoredNotice,
    pub play: Option<TourPlay>,
}

impl Centre {
    /// The mail settings of the data dir, as they are now.
    pub fn mail_state(&self) -> MailState {
        match load_mail_settings(self.data_dir()) {
            Ok(Some(settings)) => MailState::On(settings),
            Ok(None) => MailState::Off,
            Err(problems) => MailState::Broken(problems),
        }
    }

    /// What the guides are to phone, oldest first.
    pub fn tell_items(&mut self) -> Result<TellList, CentreError> {
        let mail = self.mail_state();
        let on = mail.is_on();
        let fresh_since = self.now() - MAIL_FRESH_FOR;
        let items = self
            .store()?
            .tell_items(on, fresh_since)?
            .into_iter()
            .map(|notice| TellItem::new(notice, on))
            .collect();
        Ok(TellList { mail, items })
    }

    /// A guide told the teacher of item `id` (as typed: a number).
    pub fn mark_told(&mut self, id: &str, user: Option<&str>) -> Result<TellItem, CentreError> {
        let number: i64 = id.trim().parse().map_err(|_| {
            CentreError::input("id", super::InputProblem::NotANumber(id.to_string()))
        })?;
        let on = self.mail_state().is_on();
        let now = self.now();
        let told = self.store()?.notice_told(number, user, now)?;
        Ok(TellItem::new(told, on))
    }

    /// The mails due now (the server's mailer sends them, then calls [`Centre::mail_tried`]).
    pub fn due_mails(&mut self) -> Result<Vec<DueMail>, CentreError> {
        let now = self.now();
        let store = self.store()?;
        let due = store.due_mails(now, now - MAIL_FRESH_FOR)?;
        due.into_iter()
            .map(|notice| {
                let play = match (notice.event, notice.booking.tour_id) {
                    (NoticeEvent::Results, Some(tour)) => Some(store.tour_play(tour, 0)?),
                    _ => None,
                };
                Ok(DueMail { notice, play })
            })
            .collect()
    }

    /// Keeps how the mail of `notice` went: sent; or failed, to be tried again after a longer
    /// wait each time, or given up (after [`crate::bookings::MAX_MAIL_ATTEMPTS`], or at once
    /// when the server refused it for good; then the guides phone, when it needs a call).
    pub fn mail_tried(
        &mut self,
        notice: &StoredNotice,
        result: Result<(), SendFailure>,
    ) -> Result<MailOutcome, CentreError> {
        let now = self.now();
        let outcome = match result {
            Ok(()) => MailOutcome::Sent,
            Err(failure) => {
                let retry_at = match &failure {
                    SendFailure::Permanent(_) => None,
                    SendFailure::Transient(_) => retry_after(notice.attempts + 1)
                        .and_then(|wait| chrono::TimeDelta::from_std(wait).ok())
                        .map(|wait| now + wait),
                };
                MailOutcome::Failed {
                    error: failure.kind().to_string(),
                    retry_at,
                }
            }
        };
        self.store()?.mail_outcome(notice.id, &outcome, now)?;
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookings::{Asker, BookingRequest, MAX_MAIL_ATTEMPTS};
    use crate::centre::bookings::BookingAct;
    use crate::store::StoreError;

    /// A centre on Wednesday 20 May 2026, 13:00 in Khmelnytskyi.
    fn centre() -> (tempfile::TempDir, Centre) {
        let data = tempfile::tempdir().unwrap();
        let mut centre = Centre::new(data.path().to_path_buf());
        centre.now = "2026-05-20T10:00:00Z".parse().unwrap();
        (data, centre)
    }

    fn request(time: &str, phone: &str, email: Option<&str>) -> BookingRequest {
        BookingRequest {
            date: Some("2026-05-22".into()),
            time: Some(time.into()),
            group: Some("school".into()),
            size: Some(20),
            adults: Some(2),
            organisation: Some("Ліцей № 1".into()),
            class: Some("3-Б".into()),
            contact_name: Some("Олена Петрівна".into()),
            phone: Some(phone.into()),
            email: email.map(Into::into),
            lang: Some("uk".into()),
            consent: true,
            ..Default::default()
        }
    }

    /// Books `request` as `asker` (a guide's name for a guide): its code.
    fn book(
        centre: &mut Centre,
        request: BookingRequest,
        asker: Asker,
        user: Option<&str>,
    ) -> String {
        centre.book(&request, asker, user).unwrap().code
    }

    /// Every notice of a booking as (event, call, open).
    fn notices(centre: &mut Centre, code: &str) -> Vec<(&'static str, bool, bool)> {
        centre
            .store()
            .unwrap()
            .booking_notices(code)
            .unwrap()
            .into_iter()
            .map(|n| {
                let open = n.sent_at.is_none() && n.told_at.is_none() && n.closed_at.is_none();
                (n.event.as_str(), n.call, open)
            })
            .collect()
    }

    fn tell(centre: &mut Centre) -> Vec<(String, &'static str, TellWhy)> {
        centre
            .tell_items()
            .unwrap()
            .items
            .into_iter()
            .map(|item| (item.code, item.event, item.why))
            .collect()
    }

    fn mail_on(data: &std::path::Path) {
        std::fs::write(
            data.join(crate::mail::MAIL_FILE_NAME),
            r#"(server: "127.0.0.1", port: 2525, security: "none", sender: "centre@example.org")"#,
        )
        .unwrap();
    }

    #[test]
    fn each_change_keeps_its_notice_and_only_a_guides_decision_is_phoned() {
        let (_data, mut centre) = centre();
        let teacher = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", None),
            Asker::Teacher,
            None,
        );
        assert_eq!(notices(&mut centre, &teacher), [("requested", false, true)]);
        assert_eq!(tell(&mut centre), [], "the teacher knows they asked");

        centre
            .booking_act(&teacher, &BookingAct::Confirm, Some("olena"))
            .unwrap();
        assert_eq!(
            notices(&mut centre, &teacher),
            [("requested", false, false), ("confirmed", true, true)],
            "the receipt is superseded by the confirmation"
        );
        assert_eq!(
            tell(&mut centre),
            [(teacher.clone(), "confirmed", TellWhy::NoMail)]
        );

        // The teacher cancels with the code: no call, and the confirmation need not be phoned.
        let own = BookingAct::Cancel {
            asker: Asker::Teacher,
            reason: None,
        };
        centre.booking_act(&teacher, &own, None).unwrap();
        assert_eq!(
            notices(&mut centre, &teacher).last(),
            Some(&("cancelled", false, true))
        );
        assert_eq!(tell(&mut centre), []);

        // A booking taken by phone: a mail-only confirmation; then moved, declined or cancelled
        // by a guide: phoned.
        let phoned = book(
            &mut centre,
            request("12:00", "+380 67 000 0002", None),
            Asker::Guide,
            Some("olena"),
        );
        assert_eq!(notices(&mut centre, &phoned), [("confirmed", false, true)]);
        assert_eq!(tell(&mut centre), []);
        let to_14 = BookingAct::Move {
            date: "2026-05-22".into(),
            time: "14:00".into(),
        };
        centre.booking_act(&phoned, &to_14, Some("olena")).unwrap();
        assert_eq!(
            tell(&mut centre),
            [(phoned.clone(), "moved", TellWhy::NoMail)]
        );
        let cancel = BookingAct::Cancel {
            asker: Asker::Guide,
            reason: Some("карантин".into()),
        };
        centre.booking_act(&phoned, &cancel, Some("olena")).unwrap();
        let list = centre.tell_items().unwrap().items;
        assert_eq!(
            (list.len(), list[0].event, list[0].reason.as_deref()),
            (1, "cancelled", Some("карантин")),
            "one call, about where the booking stands now"
        );

        let declined = book(
            &mut centre,
            request("10:00", "+380 67 000 0003", None),
            Asker::Teacher,
            None,
        );
        let decline = BookingAct::Decline {
            reason: "екскурсію замовлено".into(),
        };
        centre
            .booking_act(&declined, &decline, Some("olena"))
            .unwrap();
        assert_eq!(
            notices(&mut centre, &declined).last(),
            Some(&("declined", true, true))
        );
        // An arrival or a no-show tells nobody anything; a refused change keeps no notice.
        let again = centre.booking_act(&declined, &BookingAct::Confirm, Some("olena"));
        assert!(again.is_err());
        assert_eq!(notices(&mut centre, &declined).len(), 2);
    }

    #[test]
    fn a_change_refused_in_its_transaction_keeps_no_notice() {
        let (_data, mut centre) = centre();
        let big = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", None),
            Asker::Guide,
            None,
        );
        let other = book(
            &mut centre,
            request("12:00", "+380 67 000 0002", None),
            Asker::Guide,
            None,
        );
        // 22 + 22 > 30: the move is refused by the store as it writes.
        let to_12 = BookingAct::Move {
            date: "2026-05-22".into(),
            time: "12:00".into(),
        };
        let full = centre.booking_act(&big, &to_12, None);
        assert!(
            matches!(
                full,
                Err(CentreError::Store(StoreError::BookingFull { .. }))
            ),
            "{full:?}"
        );
        assert_eq!(notices(&mut centre, &big), [("confirmed", false, true)]);
        assert_eq!(notices(&mut centre, &other), [("confirmed", false, true)]);
        // A full slot for a new booking: no booking, no notice.
        let refused = centre.book(
            &request("10:00", "+380 67 000 0003", None),
            Asker::Teacher,
            None,
        );
        assert!(refused.is_err());
        assert_eq!(
            centre
                .store()
                .unwrap()
                .booking_notices("nonexistent")
                .unwrap(),
            []
        );
        assert!(
            centre.due_mails().unwrap().is_empty(),
            "no address, nothing to mail"
        );
    }

    #[test]
    fn closing_a_day_is_phoned_for_each_booking_and_told_once() {
        let (_data, mut centre) = centre();
        let first = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", None),
            Asker::Guide,
            None,
        );
        let second = book(
            &mut centre,
            request("12:00", "+380 67 000 0002", None),
            Asker::Teacher,
            None,
        );
        centre
            .close_day("2026-05-22", "Повітряна тривога", Some("olena"))
            .unwrap();
        let items = centre.tell_items().unwrap().items;
        let codes: Vec<(&str, &str)> = items.iter().map(|i| (i.code.as_str(), i.event)).collect();
        assert_eq!(
            codes,
            [
                (first.as_str(), "cancelled"),
                (second.as_str(), "cancelled")
            ]
        );
        assert_eq!(items[0].phone.as_deref(), Some("+380 67 000 0001"));
        let id = items[0].id.to_string();
        let told = centre.mark_told(&id, Some("olena")).unwrap();
        assert_eq!(told.notice.told_by.as_deref(), Some("olena"));
        assert_eq!(tell(&mut centre).len(), 1);
        let twice = centre.mark_told(&id, Some("olena"));
        assert!(
            matches!(twice, Err(CentreError::Store(StoreError::NoticeClosed(_)))),
            "{twice:?}"
        );
        assert!(matches!(
            centre.mark_told("999", None),
            Err(CentreError::Store(StoreError::NoticeNotFound(999)))
        ));
        assert!(matches!(
            centre.mark_told("seven", None),
            Err(CentreError::Input { .. })
        ));
    }

    #[test]
    fn with_mail_an_address_is_mailed_a_failure_retried_and_given_up_to_the_phone() {
        let (data, mut centre) = centre();
        mail_on(data.path());
        assert!(centre.mail_state().is_on());
        let mailed = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", Some("olena@school.ua")),
            Asker::Teacher,
            None,
        );
        let no_address = book(
            &mut centre,
            request("12:00", "+380 67 000 0002", None),
            Asker::Teacher,
            None,
        );
        for code in [&mailed, &no_address] {
            centre
                .booking_act(code, &BookingAct::Confirm, Some("olena"))
                .unwrap();
        }
        assert_eq!(
            tell(&mut centre),
            [(no_address.clone(), "confirmed", TellWhy::NoEmail)],
            "the one with an address is mailed, not phoned"
        );
        let due = centre.due_mails().unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(
            (due[0].notice.booking.code.as_str(), due[0].notice.event),
            (mailed.as_str(), NoticeEvent::Confirmed)
        );

        // A server that says "try later": tried again a minute later, not before.
        let notice = due[0].notice.clone();
        let failed = centre
            .mail_tried(&notice, Err(SendFailure::Transient("smtp 451".into())))
            .unwrap();
        assert_eq!(
            failed,
            MailOutcome::Failed {
                error: "smtp 451".into(),
                retry_at: Some(centre.now + chrono::TimeDelta::minutes(1)),
            }
        );
        assert!(centre.due_mails().unwrap().is_empty());
        centre.now += chrono::TimeDelta::minutes(1);
        let due = centre.due_mails().unwrap();
        assert_eq!(due[0].notice.attempts, 1);
        assert_eq!(due[0].notice.last_error.as_deref(), Some("smtp 451"));
        centre
            .mail_tried(
                &due[0].notice,
                Err(SendFailure::Transient("timeout".into())),
            )
            .unwrap();
        assert_eq!(tell(&mut centre).len(), 1, "still the mailer's");

        // Refused for good: given up at once, and phoned.
        centre.now += chrono::TimeDelta::minutes(5);
        let due = centre.due_mails().unwrap();
        centre
            .mail_tried(
                &due[0].notice,
                Err(SendFailure::Permanent("smtp 550".into())),
            )
            .unwrap();
        assert!(centre.due_mails().unwrap().is_empty());
        let stored = centre.store().unwrap().booking_notices(&mailed).unwrap();
        assert_eq!(stored.last().unwrap().attempts, MAX_MAIL_ATTEMPTS);
        assert_eq!(
            tell(&mut centre),
            [
                (mailed.clone(), "confirmed", TellWhy::MailFailed),
                (no_address.clone(), "confirmed", TellWhy::NoEmail)
            ]
        );

        // A mail sent is closed; the same notice cannot be told after.
        let cancel = BookingAct::Cancel {
            asker: Asker::Guide,
            reason: Some("карантин".into()),
        };
        centre.booking_act(&mailed, &cancel, Some("olena")).unwrap();
        let due = centre.due_mails().unwrap();
        assert_eq!(due[0].notice.event, NoticeEvent::Cancelled);
        assert_eq!(
            centre.mail_tried(&due[0].notice, Ok(())).unwrap(),
            MailOutcome::Sent
        );
        assert!(centre.due_mails().unwrap().is_empty());
        assert!(matches!(
            centre.mark_told(&due[0].notice.id.to_string(), None),
            Err(CentreError::Store(StoreError::NoticeClosed(_)))
        ));
        assert_eq!(tell(&mut centre).len(), 1);

        // Old news is not mailed when mail came later: it is phoned, when it needs a call.
        centre.now += MAIL_FRESH_FOR + chrono::TimeDelta::minutes(1);
        assert!(centre.due_mails().unwrap().is_empty());
    }

    #[test]
    fn a_class_tour_ending_brings_its_results_by_mail_only() {
        let (data, mut centre) = centre();
        let code = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", Some("olena@school.ua")),
            Asker::Guide,
            None,
        );
        centre.now = "2026-05-22T07:05:00Z".parse().unwrap();
        let arrived = centre
            .booking_act(&code, &BookingAct::Arrive { people: None }, Some("olena"))
            .unwrap();
        let tour = arrived.tour_id.clone().unwrap();
        assert_eq!(
            notices(&mut centre, &code),
            [("confirmed", false, true)],
            "an arrival tells nothing"
        );
        centre.now = "2026-05-22T08:30:00Z".parse().unwrap();
        centre.end_tour(&tour, None).unwrap();
        assert_eq!(
            notices(&mut centre, &code),
            [("confirmed", false, false), ("results", false, true)]
        );
        assert_eq!(tell(&mut centre), [], "results are never phoned");
        mail_on(data.path());
        let due = centre.due_mails().unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].notice.event, NoticeEvent::Results);
        assert_eq!(due[0].play, Some(TourPlay::default()));
        // A walk-in tour ends without any notice.
        let walk_in = centre
            .start_tour(&crate::centre::TourStart {
                group: "adult".into(),
                size: 5,
                ..Default::default()
            })
            .unwrap();
        centre.end_tour(&walk_in.id, None).unwrap();
        assert_eq!(centre.due_mails().unwrap().len(), 1);
    }

    #[test]
    fn erasing_contact_details_closes_what_was_still_to_be_told() {
        let (_data, mut centre) = centre();
        let code = book(
            &mut centre,
            request("10:00", "+380 67 000 0001", None),
            Asker::Teacher,
            None,
        );
        centre
            .booking_act(&code, &BookingAct::Confirm, Some("olena"))
            .unwrap();
        assert_eq!(tell(&mut centre).len(), 1);
        // 31 days after the visit: erased, and nobody is left to phone.
        centre.now = "2026-06-23T10:00:00Z".parse().unwrap();
        assert_eq!(centre.purge_bookings().unwrap(), 1);
        assert_eq!(tell(&mut centre), []);
        let kept = centre.store().unwrap().booking_notices(&code).unwrap();
        assert!(
            kept.iter()
                .all(|n| n.closed_at.is_some() || n.sent_at.is_some())
        );
        assert!(kept.iter().all(|n| n.last_error.is_none()));
    }
}
