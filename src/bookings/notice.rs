//! What a teacher is told of their booking, and how: which change makes which notice, whether a
//! guide must phone when no e-mail can carry it, and how long a failing mail is tried again.
//!
//! By e-mail when the server has SMTP settings and the booking an address; else a guide's "tell
//! the teacher" item with the phone number, but only for what the teacher does not know yet: a
//! teacher's own request or cancellation, a booking a guide took on the phone and the class's
//! results go by mail or not at all.

use std::time::Duration;

use super::{Action, Asker};

/// What happened to a booking that its teacher is to be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeEvent {
    /// The teacher's request arrived (a receipt with the code).
    Requested,
    Confirmed,
    Declined,
    Moved,
    Cancelled,
    /// The class's tour ended: its results, for the classroom.
    Results,
}

impl NoticeEvent {
    pub const ALL: [NoticeEvent; 6] = [
        NoticeEvent::Requested,
        NoticeEvent::Confirmed,
        NoticeEvent::Declined,
        NoticeEvent::Moved,
        NoticeEvent::Cancelled,
        NoticeEvent::Results,
    ];

    /// As kept and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeEvent::Requested => "requested",
            NoticeEvent::Confirmed => "confirmed",
            NoticeEvent::Declined => "declined",
            NoticeEvent::Moved => "moved",
            NoticeEvent::Cancelled => "cancelled",
            NoticeEvent::Results => "results",
        }
    }

    pub fn parse(text: &str) -> Option<NoticeEvent> {
        NoticeEvent::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

/// A notice to keep with a change, in the change's own transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Notice {
    pub event: NoticeEvent,
    /// Without a mail, a guide phones the teacher (false: mail only).
    pub call: bool,
}

/// The notice a new booking makes: a teacher's request gets a receipt by mail; a booking a guide
/// enters (taken on the phone, confirmed at once) a confirmation by mail; neither needs a call.
pub fn notice_of_new_booking(asker: Asker) -> Notice {
    let event = match asker {
        Asker::Teacher => NoticeEvent::Requested,
        Asker::Guide => NoticeEvent::Confirmed,
    };
    Notice { event, call: false }
}

/// The notice a change of state makes, if the teacher is to hear of it: what a guide decides
/// (confirm, decline, move, cancel) is phoned when it cannot be mailed; the teacher's own
/// cancellation is only confirmed by mail; an arrival or a no-show tells nobody anything.
pub fn notice_of_action(action: Action) -> Option<Notice> {
    let (event, call) = match action {
        Action::Confirm => (NoticeEvent::Confirmed, true),
        Action::Decline => (NoticeEvent::Declined, true),
        Action::Move => (NoticeEvent::Moved, true),
        Action::Cancel(Asker::Guide) => (NoticeEvent::Cancelled, true),
        Action::Cancel(Asker::Teacher) => (NoticeEvent::Cancelled, false),
        Action::Arrive { .. } | Action::NoShow => return None,
    };
    Some(Notice { event, call })
}

/// The notice of a class's results when its tour ends: mail only.
pub const RESULTS_NOTICE: Notice = Notice {
    event: NoticeEvent::Results,
    call: false,
};

/// A mail is tried this many times; after that it is given up (and phoned when it needs a call).
pub const MAX_MAIL_ATTEMPTS: u32 = 8;

/// A mail not sent within this long of its change is not sent at all: the SMTP settings came
/// later, and old news by mail would only confuse (what needs a call was shown to the guides).
pub const MAIL_FRESH_FOR: chrono::TimeDelta = chrono::TimeDelta::days(2);

/// How long to wait before the next try after `attempts` failed ones; None: give up.
pub fn retry_after(attempts: u32) -> Option<Duration> {
    const MINUTE: u64 = 60;
    let wait = match attempts {
        0 => 0,
        1 => MINUTE,
        2 => 5 * MINUTE,
        3 => 30 * MINUTE,
        n if n < MAX_MAIL_ATTEMPTS => 2 * 60 * MINUTE,
        _ => return None,
    };
    Some(Duration::from_secs(wait))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_reads_back_from_its_name() {
        for event in NoticeEvent::ALL {
            assert_eq!(NoticeEvent::parse(event.as_str()), Some(event));
        }
        assert_eq!(NoticeEvent::parse("arrived"), None);
    }

    #[test]
    fn only_what_a_guide_decides_needs_a_call() {
        let calls = |action| notice_of_action(action).map(|n| (n.event, n.call));
        assert_eq!(calls(Action::Confirm), Some((NoticeEvent::Confirmed, true)));
        assert_eq!(calls(Action::Decline), Some((NoticeEvent::Declined, true)));
        assert_eq!(calls(Action::Move), Some((NoticeEvent::Moved, true)));
        assert_eq!(
            calls(Action::Cancel(Asker::Guide)),
            Some((NoticeEvent::Cancelled, true))
        );
        assert_eq!(
            calls(Action::Cancel(Asker::Teacher)),
            Some((NoticeEvent::Cancelled, false)),
            "the teacher cancelled: a mail confirms it, nobody phones"
        );
        assert_eq!(calls(Action::Arrive { people: None }), None);
        assert_eq!(calls(Action::NoShow), None);
        assert_eq!(
            notice_of_new_booking(Asker::Teacher),
            Notice {
                event: NoticeEvent::Requested,
                call: false
            }
        );
        assert_eq!(
            notice_of_new_booking(Asker::Guide),
            Notice {
                event: NoticeEvent::Confirmed,
                call: false
            },
            "taken on the phone: the teacher knows"
        );
        const { assert!(!RESULTS_NOTICE.call) };
    }

    #[test]
    fn a_failing_mail_waits_longer_each_time_then_is_given_up() {
        let waits: Vec<Option<u64>> = (0..=MAX_MAIL_ATTEMPTS)
            .map(|n| retry_after(n).map(|d| d.as_secs()))
            .collect();
        assert_eq!(
            waits,
            [
                Some(0),
                Some(60),
                Some(300),
                Some(1800),
                Some(7200),
                Some(7200),
                Some(7200),
                Some(7200),
                None
            ]
        );
    }
}
