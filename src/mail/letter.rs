//! A notice written as a mail to the teacher, in the booking's language: the subject (made of the
//! centre's words, the slot and the code only, never of what was typed, so nothing typed can reach
//! a header), then a plain-text body: what happened, the slot, the group, the state and the
//! reason, the booking's code and page, the centre's name.

use fluent_bundle::FluentValue;

use super::MailSettings;
use crate::bookings::NoticeEvent;
use crate::i18n::Words;
use crate::store::{StoredNotice, TourPlay};

/// A mail ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub notice_id: i64,
    /// The teacher's address (kept out of every log).
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// One line of text as typed by a person, with any line break or control character made a space.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The mail of `notice` to its teacher; None when the booking has no address (any more). `play`
/// is what the class played, for a results notice.
pub fn compose(
    notice: &StoredNotice,
    play: Option<TourPlay>,
    settings: &MailSettings,
) -> Option<Letter> {
    let booking = &notice.booking;
    let to = booking.email.clone()?;
    let words = Words::new(booking.lang);
    let date = words.date(booking.slot.date);
    let time = booking.slot.time_text();
    let slot_args = [
        ("date", FluentValue::from(date.clone())),
        ("time", FluentValue::from(time.clone())),
    ];
    let (subject_id, lead_id) = match (notice.event, notice.call) {
        (NoticeEvent::Requested, _) => ("mail-subject-requested", "mail-requested"),
        (NoticeEvent::Confirmed, true) => ("mail-subject-confirmed", "mail-confirmed"),
        (NoticeEvent::Confirmed, false) => ("mail-subject-confirmed", "mail-confirmed-by-phone"),
        (NoticeEvent::Declined, _) => ("mail-subject-declined", "mail-declined"),
        (NoticeEvent::Moved, _) => ("mail-subject-moved", "mail-moved"),
        (NoticeEvent::Cancelled, true) => ("mail-subject-cancelled", "mail-cancelled"),
        (NoticeEvent::Cancelled, false) => ("mail-subject-cancelled", "mail-cancelled-by-you"),
        (NoticeEvent::Results, _) => ("mail-subject-results", "mail-results"),
    };
    let subject = one_line(&words.say(subject_id, &slot_args));

    let mut body = Vec::new();
    // A request (and its cancellation by the code) is mailed to whatever address was typed before
    // anyone at the centre saw it: it carries nothing else that was typed, so the centre's address
    // never carries a stranger's words to a stranger.
    let unchecked = matches!(
        (notice.event, notice.call),
        (NoticeEvent::Requested, _) | (NoticeEvent::Cancelled, false)
    );
    let name = booking
        .contact_name
        .as_deref()
        .filter(|_| !unchecked)
        .map(one_line);
    body.push(match name {
        Some(name) if !name.is_empty() => words.say("mail-greeting", &[("name", name.into())]),
        _ => words.text("mail-greeting-plain"),
    });
    body.push(String::new());
    body.push(words.text(lead_id));
    if notice.event == NoticeEvent::Results {
        let play = play.unwrap_or_default();
        body.push(String::new());
        if play.rounds == 0 || play.answers == 0 {
            body.push(words.text("mail-results-no-play"));
        } else {
            let percent = (play.first_try_right as f64 * 100.0 / play.answers as f64).round();
            body.push(words.say(
                "mail-results-play",
                &[
                    ("rounds", FluentValue::from(play.rounds)),
                    ("answers", FluentValue::from(play.answers)),
                    ("percent", FluentValue::from(percent)),
                ],
            ));
        }
        body.push(words.text("mail-results-classroom"));
    }
    body.push(String::new());
    body.push(words.say("mail-when", &slot_args));
    let people = [
        ("people", FluentValue::from(booking.people())),
        ("size", FluentValue::from(booking.size)),
        ("adults", FluentValue::from(booking.adults)),
    ];
    if unchecked {
        body.push(words.say("mail-group-people", &people));
    } else {
        let mut organisation = one_line(&booking.organisation);
        if let Some(class) = &booking.class {
            organisation.push_str(&format!(", {}", one_line(class)));
        }
        let mut args = vec![("organisation", FluentValue::from(organisation))];
        args.extend(people);
        body.push(words.say("mail-group", &args));
    }
    body.push(words.say(
        "mail-status",
        &[("status", words.of(&booking.status).into())],
    ));
    if let Some(reason) = &booking.reason
        && matches!(notice.event, NoticeEvent::Declined | NoticeEvent::Cancelled)
    {
        body.push(words.say("mail-reason", &[("reason", one_line(reason).into())]));
    }
    let grouped = crate::bookings::BookingCode::parse(&booking.code)
        .map_or_else(|| booking.code.clone(), |code| code.grouped());
    body.push(words.say("mail-code", &[("code", grouped.into())]));
    if let Some(link) = settings.booking_link(&booking.code) {
        body.push(words.say("mail-link", &[("url", link.into())]));
    }
    body.push(String::new());
    body.push(words.text("mail-reply"));
    body.push(String::new());
    body.push(words.text("mail-signature"));
    Some(Letter {
        notice_id: notice.id,
        to,
        subject,
        body: body.join("\n") + "\n",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookings::{Slot, Status};
    use crate::i18n::Lang;
    use crate::store::StoredBooking;

    fn notice(event: NoticeEvent, call: bool, lang: Lang) -> StoredNotice {
        let at = "2026-05-20T10:00:00Z".parse().unwrap();
        StoredNotice {
            id: 7,
            event,
            call,
            created_at: at,
            attempts: 0,
            next_try_at: None,
            last_error: None,
            sent_at: None,
            told_at: None,
            told_by: None,
            closed_at: None,
            booking: StoredBooking {
                code: "7KQ2MXH9RT4W".into(),
                slot: Slot::new(
                    "2026-05-22".parse().unwrap(),
                    chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                ),
                status: Status::Cancelled,
                group: crate::visitors::Category::School,
                size: 20,
                adults: 2,
                organisation: "Ліцей № 1".into(),
                class: Some("3-Б".into()),
                contact_name: Some("Олена\r\nBcc: x@evil.example".into()),
                phone: Some("+380 67 000 0001".into()),
                email: Some("olena@school.ua".into()),
                lang,
                needs: None,
                note: None,
                call_notes: None,
                reason: Some("Повітряна тривога".into()),
                tour_id: None,
                arrived_people: None,
                created_at: at,
                changed_at: at,
                erased_at: None,
            },
        }
    }

    fn settings(public_url: Option<&str>) -> MailSettings {
        MailSettings {
            server: "127.0.0.1".into(),
            port: 25,
            security: crate::mail::Security::None,
            login: None,
            sender: "centre@example.org".parse().unwrap(),
            public_url: public_url.map(Into::into),
        }
    }

    #[test]
    fn a_cancellation_is_written_in_the_bookings_language_with_its_reason_and_link() {
        let uk = compose(
            &notice(NoticeEvent::Cancelled, true, Lang::Uk),
            None,
            &settings(Some("https://centre.example.org")),
        )
        .unwrap();
        assert_eq!(uk.to, "olena@school.ua");
        assert_eq!(
            uk.subject,
            "Туристичний центр: візит 22.05.2026 о 10:00 скасовано"
        );
        for line in [
            "На жаль, ваш візит скасовано.",
            "Причина: Повітряна тривога",
            "Група: Ліцей № 1, 3-Б; осіб: 22",
            "Код бронювання: 7KQ2-MXH9-RT4W",
            "https://centre.example.org/book/7KQ2MXH9RT4W",
            "КП «Спецкомунтранс»",
        ] {
            assert!(uk.body.contains(line), "{line} not in:\n{}", uk.body);
        }
        // What was typed never breaks a line of its own.
        assert!(
            uk.body.contains("Добрий день, Олена  Bcc: x@evil.example!"),
            "{}",
            uk.body
        );
        let en = compose(
            &notice(NoticeEvent::Cancelled, false, Lang::En),
            None,
            &settings(None),
        )
        .unwrap();
        assert_eq!(
            en.subject,
            "Tour Centre: visit on 2026-05-22 at 10:00 cancelled"
        );
        assert!(en.body.contains("As you asked, the booking is cancelled."));
        assert!(!en.body.contains("/book/"), "no public address, no link");
    }

    #[test]
    fn a_receipt_nobody_at_the_centre_has_seen_carries_nothing_that_was_typed() {
        for (event, call) in [
            (NoticeEvent::Requested, false),
            (NoticeEvent::Cancelled, false),
        ] {
            let letter = compose(&notice(event, call, Lang::Uk), None, &settings(None)).unwrap();
            for typed in ["Олена", "Bcc", "Ліцей", "3-Б"] {
                assert!(!letter.body.contains(typed), "{typed} in:\n{}", letter.body);
            }
            assert!(letter.body.contains("Добрий день!") || letter.body.contains("Вітаємо"));
            assert!(letter.body.contains("Людей: 22 (дітей: 20, дорослих: 2)"));
        }
    }

    #[test]
    fn the_results_say_what_the_class_played() {
        let results = notice(NoticeEvent::Results, false, Lang::En);
        let play = TourPlay {
            rounds: 3,
            answers: 40,
            first_try_right: 30,
            missed: Vec::new(),
        };
        let letter = compose(&results, Some(play), &settings(None)).unwrap();
        assert!(
            letter
                .body
                .contains("Rounds played: 3; items sorted: 40; right at the first try: 75 %."),
            "{}",
            letter.body
        );
        assert!(
            !letter.body.contains("Reason:"),
            "a reason belongs to a cancellation"
        );
        let none = compose(&results, Some(TourPlay::default()), &settings(None)).unwrap();
        assert!(none.body.contains("did not play"));
        let mut erased = results;
        erased.booking.email = None;
        assert_eq!(compose(&erased, None, &settings(None)), None);
    }
}
